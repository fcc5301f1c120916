import { passConsequence } from '../web/src/pass-consequence.js';

/*
 * newcomer12 Q5: one tap on 提交督查结果 verified a part and closed (销号) its finding — 通过 was
 * preselected and nothing said what the pass does. A pass is now confirmed with its consequence.
 */
describe('what a pass is confirmed with', () => {
  const part = { kind: 'finding' as const, title: '政策文件缺少配套解读', unitName: '青川市发展和改革委员会', othersUnverified: 0 };

  it('says the last unverified part closes the finding, and how a close-out is undone', () => {
    const words = passConsequence({ outcome: 'PASSED' }, part)!;
    expect(words).toContain('青川市发展和改革委员会的整改记为已核验');
    expect(words).toContain('问题“政策文件缺少配套解读”将随即销号');
    expect(words).toContain('重新打开');
  });

  it('says the finding stays open while other units are not verified', () => {
    const words = passConsequence({ outcome: 'PASSED' }, { ...part, othersUnverified: 2 })!;
    expect(words).toContain('还有 2 个单位未核验，暂不销号');
    expect(words).not.toContain('将随即销号');
  });

  it('says a work-plan item is completed, not closed out', () => {
    const words = passConsequence({ outcome: 'PASSED' }, { ...part, kind: 'item', title: '16 落实政策解读“三同步”' })!;
    expect(words).toContain('事项“16 落实政策解读“三同步””将随即记为已完成');
    expect(words).not.toContain('销号');
  });

  it('on a withdrawn item or finding, says the withdrawal will not stand and the other units’ parts come back (breaker11h P9)', () => {
    const words = passConsequence({ outcome: 'PASSED' }, { ...part, kind: 'item', title: '1 推进决策公开', othersUnverified: 4, withdrawnOn: '2026-11-30' })!;
    expect(words).toContain('还有 4 个单位未核验');
    expect(words).toContain('该事项已于 2026-11-30 撤销，这次通过早于撤销日期，撤销将不成立：事项回到工作方案，其余 4 个单位的任务恢复办理');
    expect(passConsequence({ outcome: 'PASSED' }, { ...part, withdrawnOn: '2026-11-30' })).toContain('问题回到台账。');
    expect(passConsequence({ outcome: 'PASSED' }, part)).not.toContain('撤销');
  });

  it('names the day the finding closes on: the pass’s own day, or a later day another unit passed on (newcomer48-8 M4)', () => {
    expect(passConsequence({ outcome: 'PASSED', inspectedOn: '2016-06-20' }, { ...part, othersVerifiedLast: '2016-06-13' })).toContain('将随即销号（销号日期 2016-06-20）');
    expect(passConsequence({ outcome: 'PASSED', inspectedOn: '2016-06-06' }, { ...part, othersVerifiedLast: '2016-06-13' })).toContain('将随即销号（销号日期 2016-06-13，即其他单位最晚通过督查的日期）');
    expect(passConsequence({ outcome: 'PASSED', inspectedOn: '2016-06-06' }, { ...part, othersVerifiedLast: null })).toContain('（销号日期 2016-06-06）');
    expect(passConsequence({ outcome: 'PASSED', inspectedOn: '2016-06-06' }, part)).toContain('（销号日期为各单位通过督查日期中最晚的一天，本次为 2016-06-06）');
    expect(passConsequence({ outcome: 'PASSED', inspectedOn: '2016-06-06' }, { ...part, kind: 'item', othersVerifiedLast: null })).toContain('将随即记为已完成（完成日期 2016-06-06）');
  });

  it('asks nothing for a failure or while no outcome is chosen', () => {
    expect(passConsequence({ outcome: 'FAILED' }, part)).toBeNull();
    expect(passConsequence({ outcome: '' }, part)).toBeNull();
  });
});
