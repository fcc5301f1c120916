import { leadingRemarks, rowRemarkProblem, titleRemarks, withoutChangeMark } from './row-remarks.js';

/* breaker10j P3: a remark in brackets BEFORE the title (【已整改】网民留言回应不及时, （取消）…, 〔新增〕…) is read as one after it. */
describe('a title cell\'s leading remark says what the row is, as a trailing one does (breaker10j P3)', () => {
  it('reads the remarks in brackets at the start of a title, the first first, and none that is the whole cell', () => {
    expect(leadingRemarks('【已整改】网民留言回应不及时')).toEqual(['已整改']);
    expect(leadingRemarks('【重点】〔新增〕 加强政务新媒体管理')).toEqual(['重点', '新增']);
    expect(leadingRemarks('网站（专栏）未更新')).toEqual([]);
    expect(leadingRemarks('（新增）')).toEqual([]);
    expect(titleRemarks('（重点）网民留言回应不及时（已整改）')).toEqual(['已整改', '重点']);
  });

  it.each([
    ['【已整改】网民留言回应不及时', '问题', '已完成'],
    ['（已销号）网民留言回应不及时', '问题', '已完成'],
    ['〔已完成〕门户网站存在错链', '问题', '已完成'],
    ['【已完成】加强政务新媒体管理', '事项', '已完成'],
    ['（取消）加强政务新媒体管理', '事项', '已取消'],
    ['【作废】 加强政务新媒体管理', '事项', '已取消'],
    ['【暂缓】加强政务新媒体管理', '事项', '暂缓'],
    ['（与第1项合并）加强政务新媒体管理', '事项', '已移至他处'],
  ])('refuses %s as its trailing twin is', (title, label, says) => {
    expect(rowRemarkProblem(3, { title }, '完成时限', undefined, label)?.reasonZh).toMatch(new RegExp(`^${label}“${title.replace(/[[\]()]/g, '\\$&')}”注明该项${says}`));
  });

  it.each(['（重点）网民留言回应不及时', '【督查发现】网民留言回应不及时', '（一）网民留言回应不及时', '【新增】网民留言回应不及时', '（试行）推进决策公开'])('leaves %s: its leading remark says nothing of the row', (title) => {
    expect(rowRemarkProblem(3, { title }, '整改时限', undefined, '问题')).toBeNull();
  });

  it('reads a category whose leading remark says it is cancelled as the mark of every item under it', () => {
    expect(rowRemarkProblem(5, { title: '优化办事指南', category: '（取消）二、政务服务' }, '完成时限')?.reasonZh).toMatch(/^类别“（取消）二、政务服务”注明该项已取消/);
  });

  it('reads a change mark before an item title as the version\'s mark, not the title', () => {
    expect(withoutChangeMark('〔新增〕规范依申请公开答复')).toEqual({ title: '规范依申请公开答复', mark: '〔新增〕', where: 'before' });
    expect(withoutChangeMark('【时限调整】 完善政策解读机制')).toEqual({ title: '完善政策解读机制', mark: '【时限调整】', where: 'before' });
    expect(withoutChangeMark('(新增)规范依申请公开答复')?.title).toBe('规范依申请公开答复');
    for (const title of ['（新增）', '（试行）推进决策公开', '（一）推进决策公开', '【重点】推进决策公开']) expect(withoutChangeMark(title)).toBeNull();
  });
});
