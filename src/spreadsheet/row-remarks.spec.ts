import { rowRemarkProblem, trailingRemarks, withoutChangeMark } from './row-remarks.js';

describe('a title cell\'s trailing remark says what the row is (breaker10h P2, P3)', () => {
  it('reads the remarks in brackets at the end of a title, the last first, and none inside the words', () => {
    expect(trailingRemarks('加强政务新媒体管理（此项删除）')).toEqual(['此项删除']);
    expect(trailingRemarks('网民留言回应不及时（重点问题）【已整改】')).toEqual(['已整改', '重点问题']);
    expect(trailingRemarks('网站（专栏）未更新')).toEqual([]);
    expect(trailingRemarks('（一）决策公开')).toEqual([]);
  });

  it.each(['加强政务新媒体管理（取消）', '加强政务新媒体管理（已取消）', '加强政务新媒体管理（此项删除）', '加强政务新媒体管理（不再实施）', '加强政务新媒体管理[作废]', '加强政务新媒体管理〔取消〕', '加强政务新媒体管理〖已取消〗', '加强政务新媒体管理「作废」'])(
    'refuses an item whose title says it is cancelled, as the 备注 is (%s)',
    (title) => {
      expect(rowRemarkProblem(4, { title }, '完成时限', undefined, '事项')?.reasonZh).toMatch(new RegExp(`^事项“${title.replace(/[[\]()]/g, '\\$&')}”注明该项已取消（“[^”]+”）：请从文件中删去该行`));
    },
  );

  it('refuses a finding whose title says it is done, and leaves titles whose remark says nothing of the row', () => {
    expect(rowRemarkProblem(2, { title: '门户网站存在错链（已整改）' }, '整改时限', undefined, '问题')?.reasonZh).toMatch(/^问题“门户网站存在错链（已整改）”注明该项已完成/);
    // 〔〕〖〗「」 are brackets too (breaker10i P3): 网民留言回应不及时〔已整改〕 was recorded as a new open problem.
    for (const title of ['网民留言回应不及时〔已整改〕', '网民留言回应不及时〖已整改〗', '网民留言回应不及时「已整改」']) {
      expect(rowRemarkProblem(2, { title }, '整改时限', undefined, '问题')?.reasonZh).toMatch(/注明该项已完成/);
    }
    expect(rowRemarkProblem(2, { deadline: '2026年12月底前〔已完成〕' }, '整改时限', undefined, '问题')?.reasonZh).toMatch(/注明该项已完成/);
    for (const title of ['取消收费后公开不及时', '网民留言回应不及时（重点问题）', '政府信息公开目录不全（2025年评估）', '加强政务新媒体管理（试行）']) {
      expect(rowRemarkProblem(2, { title }, '整改时限', undefined, '问题')).toBeNull();
    }
  });

  it('reads a change mark after an item title as the version\'s mark, not the title', () => {
    expect(withoutChangeMark('规范依申请公开答复（新增）')).toEqual({ title: '规范依申请公开答复', mark: '（新增）', where: 'after' });
    expect(withoutChangeMark('完善政策解读机制（时限调整）')).toEqual({ title: '完善政策解读机制', mark: '（时限调整）', where: 'after' });
    expect(withoutChangeMark('完善政策解读机制(调整)')).toEqual({ title: '完善政策解读机制', mark: '(调整)', where: 'after' });
    expect(withoutChangeMark('完善政策解读机制【已调整】')).toEqual({ title: '完善政策解读机制', mark: '【已调整】', where: 'after' });
    expect(withoutChangeMark('完善政策解读机制（修改）')?.title).toBe('完善政策解读机制');
    expect(withoutChangeMark('完善政策解读机制（更新）')?.title).toBe('完善政策解读机制');
    expect(withoutChangeMark('规范依申请公开答复〔新增〕')).toEqual({ title: '规范依申请公开答复', mark: '〔新增〕', where: 'after' });
    expect(withoutChangeMark('规范依申请公开答复「调整」')).toEqual({ title: '规范依申请公开答复', mark: '「调整」', where: 'after' });
    for (const title of ['推进决策公开（试行）', '新增栏目建设', '（新增）', '完善调整机制', '规范依申请公开答复（新增内容较多需分步实施）']) expect(withoutChangeMark(title)).toBeNull();
  });
});

describe('a remark is read by its meaning, not one spelling (breaker10i P2, P15)', () => {
  const said = (title: string) => rowRemarkProblem(4, { title }, '完成时限', undefined, '事项')?.reasonZh ?? null;

  it.each([
    ['（已废止）', '已取消'], ['（终止）', '已取消'], ['（不再列入）', '已取消'], ['（已剔除）', '已取消'], ['（删）', '已取消'],
    ['（本年度不再开展）', '已取消'], ['〔取消〕', '已取消'], [' 已取消', '已取消'], ['—已取消', '已取消'], ['（停止实施）', '已取消'],
    ['（暂缓）', '暂缓'], ['（暂缓实施）', '暂缓'], ['（缓办）', '暂缓'], ['（暂停实施）', '暂缓'],
    ['（已于6月完成）', '已完成'], ['（6月已完成）', '已完成'], ['（整改完毕）', '已完成'], ['（基本完成）', '已完成'], ['〔已完成〕', '已完成'],
    ['（已于10月整改）', '已完成'], ['（基本整改）', '已完成'], ['（已于2026年6月13日开通）', '已完成'], [' 已于6月完成', '已完成'], ['（已办结）', '已完成'],
    ['（并入第1项）', '已移至他处'], ['（移至第3.2项）', '已移至他处'], ['（调整至第2项）', '已移至他处'],
  ])('refuses an item titled 加强政务新媒体管理%s as %s', (mark, meaning) => {
    expect(said(`加强政务新媒体管理${mark}`)).toMatch(new RegExp(`注明该项${meaning}`));
  });

  it.each(['（见第三部分）', '（调整至第四季度）', '（调整到第三季度完成）', '（转入第二阶段实施）', '（已落实专人负责）', '（并入年度考核）', '（合并至年度报告中公开）', '（试行）', '（重点任务）'])(
    'reads 加强政务新媒体管理%s as a live task: the bracket re-dates or describes it',
    (bracket) => {
      expect(said(`加强政务新媒体管理${bracket}`)).toBeNull();
    },
  );

  it('leaves a title whose own last words only look like a remark', () => {
    for (const title of ['开展自查 完成整改', '取消收费后公开不及时', '推进 已建成项目信息公开', '停止执行文件清理后公开']) expect(said(title)).toBeNull();
  });

  it.each(['2026年12月底前（基本完成）', '2026年12月底前（整改完毕）', '2026年12月底前（暂缓）', '2026年12月底前（已于10月完成）'])('reads the 整改时限 %s by the same meanings', (deadline) => {
    expect(rowRemarkProblem(2, { deadline }, '整改时限', undefined, '问题')).not.toBeNull();
  });

  it('reads a category cell or section row marked cancelled as the mark of every item under it', () => {
    expect(rowRemarkProblem(5, { title: '加强政策解读', category: '三、政策解读（取消）' }, '完成时限')?.reasonZh).toMatch(/^类别“三、政策解读（取消）”注明该项已取消/);
    expect(rowRemarkProblem(5, { title: '加强政策解读', category: '三、政策解读' }, '完成时限')).toBeNull();
  });

  it.each(['（新增项）', '（本次新增）', '（2026年新增）', '〔新增〕', '（调整时限至12月）', '（新）', '（新增加）', '（调整至第四季度）', '（时限调整为年底前）', '（延期至10月底）'])(
    'strips the change mark %s from an item title',
    (mark) => {
      expect(withoutChangeMark(`加强政务新媒体管理${mark}`)).toEqual({ title: '加强政务新媒体管理', mark, where: 'after' });
    },
  );
});

describe('a remark is read clause by clause, and by a clause\'s last words (breaker10j P2)', () => {
  const remark = (remarks: string) => rowRemarkProblem(4, { remarks }, '完成时限', undefined, '事项')?.reasonZh ?? null;
  const titled = (title: string) => rowRemarkProblem(4, { title }, '完成时限', undefined, '事项')?.reasonZh ?? null;

  it.each([
    ['经研究，本项不再实施', '已取消'], ['按市委要求调整，取消', '已取消'], ['因机构改革取消', '已取消'], ['机构改革后不再承担', '已取消'],
    ['常态化开展，已完成', '已完成'], ['完成情况：已完成', '已完成'], ['该项工作已于10月底全面完成', '已完成'], ['已结项', '已完成'], ['√', '已完成'],
    ['经核查，已整改到位', '已完成'], ['经复查，该问题已整改', '已完成'], ['该问题已于10月整改完毕', '已完成'], ['已通过验收', '已完成'], ['完成率100%', '已完成'],
    ['搁置', '暂缓'], ['挂起', '暂缓'],
    ['与第1项合并', '已移至他处'], ['此问题与第1项重复', '已移至他处'], ['与第3项合并', '已移至他处'], ['纳入第1项', '已移至他处'], ['并到1', '已移至他处'], ['同第1项', '已移至他处'], ['已合并', '已移至他处'],
  ])('refuses a row whose 备注 says %s (%s)', (text, meaning) => {
    expect(remark(text)).toMatch(new RegExp(`注明该项${meaning}`));
  });

  it.each([
    ['（因机构改革取消）', '已取消'], ['（机构改革后不再承担）', '已取消'], ['（常态化开展，已完成）', '已完成'], ['（完成情况：已完成）', '已完成'], ['（已结项）', '已完成'],
    ['（业已完成）', '已完成'], ['（已通过验收）', '已完成'], ['（已验收）', '已完成'], ['（已达标）', '已完成'], ['（已上线）', '已完成'], ['（已建成）', '已完成'],
    ['（已出台）', '已完成'], ['（已印发）', '已完成'], ['（已实现）', '已完成'], ['（完成率100%）', '已完成'], ['（√）', '已完成'],
    ['（挂起）', '暂缓'], ['（搁置）', '暂缓'], ['（已合并）', '已移至他处'], ['（与第1项合并）', '已移至他处'], ['（纳入第1项）', '已移至他处'], ['（并到1）', '已移至他处'], ['（同第1项）', '已移至他处'],
  ])('refuses an item titled 加强政务新媒体管理%s (%s)', (mark, meaning) => {
    expect(titled(`加强政务新媒体管理${mark}`)).toMatch(new RegExp(`注明该项${meaning}`));
  });

  it.each(['2026年12月底前（经复查，已整改）', '2026年12月底前（目前已整改到位）', '2026年12月底前（整改情况：已完成）'])('reads the 整改时限 %s by its clauses', (deadline) => {
    expect(rowRemarkProblem(2, { deadline }, '整改时限', undefined, '问题')?.reasonZh).toMatch(/注明该项已完成/);
  });

  it('reads a category marked so by a clause: 二、政务服务（因职能调整取消）', () => {
    expect(rowRemarkProblem(5, { title: '优化办事指南', category: '二、政务服务（因职能调整取消）' }, '完成时限')?.reasonZh).toMatch(/^类别“二、政务服务（因职能调整取消）”注明该项已取消/);
  });

  it.each([
    '联系人：张伟', '取消收费后公开', '确保年底前完成', '已完成60%', '经研究，继续推进', '对无依据的收费予以取消', '已建立机制，持续推进', '按要求逐步取消',
    '完成时限：2026年6月', '整改完成后报送', '已落实专人负责', '涉及取消事项的公开',
  ])('leaves the 备注 %s: it says nothing of the row', (text) => {
    expect(remark(text)).toBeNull();
  });

  it.each(['（已建立机制的继续坚持）', '（完成率达到90%以上）', '（不再保留的账号予以关停）', '（暂停更新账号清理）', '（删除过期信息）', '（取消类）', '（整改完成后报送）'])(
    'reads 加强政务新媒体管理%s as a live task still',
    (bracket) => {
      expect(titled(`加强政务新媒体管理${bracket}`)).toBeNull();
    },
  );
});
