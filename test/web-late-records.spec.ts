import { lateRecordsBlocked } from '../web/src/late-records.js';

/*
 * breaker11l P8 (= breaker11k P5 turned round): on a withdrawn finding whose unit reported after the
 * withdrawal, the card offered the unit 补录撤销前的报告 — which the server refuses on every day (a
 * report before the withdrawal would leave the later one a second report awaiting inspection once the
 * withdrawal is taken back, ebc65e0). The card offers a 补录 only when some day could take it, and
 * says why not otherwise.
 */
describe('which 补录 a withdrawn part offers, from its first record set aside', () => {
  it('no record after the withdrawal, or an urge first: both offered', () => {
    expect(lateRecordsBlocked({ recordsAfterWithdrawal: [] }, 'finding')).toEqual({});
    expect(lateRecordsBlocked({ recordsAfterWithdrawal: null }, 'finding')).toEqual({});
    expect(lateRecordsBlocked({ recordsAfterWithdrawal: ['2026-11-10 催办', '2026-11-11 申请延期至 2026-12-31'] }, 'finding')).toEqual({});
    // An urge first decides nothing: the report after it does.
    expect(lateRecordsBlocked({ recordsAfterWithdrawal: ['2026-11-10 催办', '2026-11-12 报送整改报告'] }, 'finding').report).toMatch(/^撤销后本单位已于 2026-11-12 报送整改报告/u);
  });

  it('the unit’s own report after the withdrawal: no 补录 report, said why, naming the day', () => {
    const blocked = lateRecordsBlocked({ recordsAfterWithdrawal: ['2026-11-10 报送整改报告', '2026-11-11 现场督查未通过（时限改为 2026-11-25）'] }, 'finding');
    expect(blocked.inspect).toBeUndefined();
    expect(blocked.report).toBe('撤销后本单位已于 2026-11-10 报送整改报告（撤销后的记录）：补录撤销日期之前的报告后，恢复问题时那份报告将不再成立，因此不能补录。如撤销有误，请督办人员恢复问题。');
  });

  it('an inspection or 退办 after the withdrawal: no 补录 inspection (an item says 恢复事项)', () => {
    expect(lateRecordsBlocked({ recordsAfterWithdrawal: ['2026-11-11 现场督查通过'] }, 'item')).toEqual({ inspect: expect.stringMatching(/^撤销后已于 2026-11-11 现场督查（撤销后的记录）：.*恢复事项时该现场督查记录将不再成立/u) });
    expect(lateRecordsBlocked({ recordsAfterWithdrawal: ['2026-11-11 退办（时限改为 2026-11-30）'] }, 'finding').inspect).toMatch(/^撤销后已于 2026-11-11 退办/u);
  });
});
