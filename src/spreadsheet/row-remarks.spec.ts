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
    expect(withoutChangeMark('规范依申请公开答复（新增）')).toEqual({ title: '规范依申请公开答复', mark: '（新增）' });
    expect(withoutChangeMark('完善政策解读机制（时限调整）')).toEqual({ title: '完善政策解读机制', mark: '（时限调整）' });
    expect(withoutChangeMark('完善政策解读机制(调整)')).toEqual({ title: '完善政策解读机制', mark: '(调整)' });
    expect(withoutChangeMark('完善政策解读机制【已调整】')).toEqual({ title: '完善政策解读机制', mark: '【已调整】' });
    expect(withoutChangeMark('完善政策解读机制（修改）')?.title).toBe('完善政策解读机制');
    expect(withoutChangeMark('完善政策解读机制（更新）')?.title).toBe('完善政策解读机制');
    expect(withoutChangeMark('规范依申请公开答复〔新增〕')).toEqual({ title: '规范依申请公开答复', mark: '〔新增〕' });
    expect(withoutChangeMark('规范依申请公开答复「调整」')).toEqual({ title: '规范依申请公开答复', mark: '「调整」' });
    for (const title of ['推进决策公开（试行）', '新增栏目建设', '（新增）', '完善调整机制', '规范依申请公开答复（新增内容较多需分步实施）']) expect(withoutChangeMark(title)).toBeNull();
  });
});
