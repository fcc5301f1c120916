import type { FindingStreamEvent } from '../src/rectification/domain/finding.events.js';
import type { WorkPlanItemStreamEvent } from '../src/work-plan/domain/work-plan.events.js';
import { EVENT_FALLBACK, EVENT_LABEL } from '../web/src/labels.js';
import { correctionNotes, timelineLine } from '../web/src/timeline-words.js';

/*
 * breaker11b G6: after a plan revision the item pages read “UnitUnassigned（西山县人民政府）：…”,
 * “WorkPlanItemWithdrawn：…”, “PartsRescheduled”: the timeline showed an event type it had no words
 * for as its code. Every type a finding's or an item's stream can hold has Chinese words; the list is
 * whole by construction (a type added to the streams fails to compile here until it is named).
 */
type TimelineEventType = FindingStreamEvent['type'] | WorkPlanItemStreamEvent['type'];
const EVERY_TIMELINE_TYPE = Object.keys({
  FindingRecorded: true,
  FindingClosedOut: true,
  FindingReopened: true,
  FindingWithdrawn: true,
  FindingWithdrawalUndone: true,
  UnitAssigned: true,
  ExtensionRequested: true,
  ExtensionGranted: true,
  ExtensionRefused: true,
  ExtensionRequestWithdrawn: true,
  UnitUrged: true,
  RectificationReported: true,
  ReportSentBack: true,
  InspectionLogged: true,
  PartsReopened: true,
  ReportDateCorrected: true,
  InspectionCorrected: true,
  FactDateCorrected: true,
  PartHandedOver: true,
  PartHandOverUndone: true,
  UnitUnassigned: true,
  PartsRescheduled: true,
  PartRoleChanged: true,
  WorkPlanItemDefined: true,
  WorkPlanItemCompleted: true,
  WorkPlanItemReopened: true,
  WorkPlanItemWithdrawn: true,
  WorkPlanItemWithdrawalUndone: true,
  WorkPlanItemReinstated: true,
  WorkPlanItemRescheduled: true,
  WorkPlanItemAmended: true,
} satisfies Record<TimelineEventType, true>);

const NAMES: Record<string, string> = { xs: '西山县人民政府', wjw: '青川市卫生和计划生育委员会', wjw2: '青川市卫生健康委员会' };
const nameOf = (id: string | null | undefined) => (id ? (NAMES[id] ?? '') : '');

describe('a timeline line', () => {
  it.each(EVERY_TIMELINE_TYPE)('names %s in Chinese words, not its code', (type) => {
    expect(EVENT_LABEL[type]).toMatch(/^[\u4e00-\u9fff/]+$/u);
    expect(timelineLine(type, null, {}, nameOf)).toBe(EVENT_LABEL[type]);
  });

  it('names a type it does not know in neutral Chinese, never by its code', () => {
    expect(timelineLine('SomethingNewHappened', 'xs', { reason: '依据修订方案' }, nameOf)).toBe(`${EVENT_FALLBACK}（西山县人民政府）：依据修订方案`);
  });

  it('says what a plan revision changed: the unit taken off, the due dates moved, the item withdrawn', () => {
    expect(timelineLine('UnitUnassigned', 'xs', { unitId: 'xs', reason: '依据 plan-small-v2.csv 修订方案', unassignedOn: '2026-11-30' }, nameOf)).toBe(
      '移除单位（西山县人民政府）：依据 plan-small-v2.csv 修订方案',
    );
    expect(timelineLine('WorkPlanItemRescheduled', null, { previousDueDate: '2026-12-01', dueDate: '2026-12-15', reason: '依据修订方案' }, nameOf)).toBe(
      '调整完成时限（2026-12-01 → 2026-12-15）：依据修订方案',
    );
    expect(timelineLine('PartsRescheduled', null, { previousDueDate: '2026-12-01', dueDate: '2026-12-15', rescheduledOn: '2026-11-30' }, nameOf)).toBe('调整各单位时限（2026-12-01 → 2026-12-15）');
    expect(timelineLine('WorkPlanItemWithdrawn', null, { reason: '并入第 3 项', withdrawnOn: '2026-11-30' }, nameOf)).toBe('撤销事项：并入第 3 项');
  });

  it('names both units of a hand-over, and both sides of a corrected inspection or role', () => {
    expect(timelineLine('PartHandedOver', 'wjw', { unitId: 'wjw', successorUnitId: 'wjw2', reason: '机构改革' }, nameOf)).toBe('移交（青川市卫生和计划生育委员会 → 青川市卫生健康委员会）：机构改革');
    expect(timelineLine('InspectionCorrected', 'xs', { previousInspectedOn: '2026-11-02', inspectedOn: '2026-11-03', previousOutcome: 'PASSED', outcome: 'FAILED', reason: '录入有误' }, nameOf)).toBe(
      '更正督查结果（西山县人民政府）（2026-11-02 → 2026-11-03；通过 → 不通过）：录入有误',
    );
    expect(timelineLine('PartRoleChanged', 'xs', { previousRole: 'RESPONSIBLE', role: 'LEAD', reason: '依据修订方案' }, nameOf)).toBe('调整牵头/责任分工（西山县人民政府）（责任单位 → 牵头单位）：依据修订方案');
    expect(timelineLine('InspectionLogged', 'xs', { outcome: 'FAILED', notes: '未公开' }, nameOf)).toBe('现场督查（西山县人民政府）：未公开 — 不通过');
  });

  it('says the new due date a part came back with: failed on site, sent back, reopened (newcomer23 S1)', () => {
    expect(timelineLine('InspectionLogged', 'xs', { outcome: 'FAILED', notes: '缺少统计表', newDueDate: '2026-12-12' }, nameOf)).toBe(
      '现场督查（西山县人民政府）：缺少统计表 — 不通过（重新整改时限 2026-12-12）',
    );
    expect(timelineLine('ReportSentBack', 'xs', { reason: '缺少佐证材料', sentBackOn: '2026-11-18', newDueDate: '2026-12-10' }, nameOf)).toBe(
      `${EVENT_LABEL.ReportSentBack}（西山县人民政府）：缺少佐证材料（重新整改时限 2026-12-10）`,
    );
    // A part that kept its own due date says none.
    expect(timelineLine('ReportSentBack', 'xs', { reason: '缺少佐证材料', sentBackOn: '2026-11-18' }, nameOf)).toBe(`${EVENT_LABEL.ReportSentBack}（西山县人民政府）：缺少佐证材料`);
  });

  it('names the units a partial reopening took back, and says 各单位 only when it took back every part (breaker11g P2)', () => {
    expect(timelineLine('PartsReopened', null, { reason: '群众反映仍未更新', reopenedOn: '2026-12-01', unitIds: ['xs', 'wjw'] }, nameOf)).toBe(
      '重新打开（西山县人民政府、青川市卫生和计划生育委员会）：群众反映仍未更新',
    );
    expect(timelineLine('PartsReopened', null, { reason: '复查未通过', reopenedOn: '2026-12-01' }, nameOf)).toBe('各单位重新整改：复查未通过');
  });

  it('says a withdrawal moved to its real day as 更正撤销日期 with both days, and one taken back as 恢复问题（撤销有误） (breaker8f P1, breaker11h P5)', () => {
    expect(timelineLine('FindingWithdrawalUndone', null, { withdrawnOn: '2026-11-02', reason: '撤销日期更正为 2026-11-20：来函日期录入有误' }, nameOf)).toBe('更正撤销日期（2026-11-02 → 2026-11-20）：来函日期录入有误');
    expect(timelineLine('WorkPlanItemWithdrawalUndone', null, { withdrawnOn: '2026-11-20', reason: '撤销日期更正为 2026-10-10：方案调整通知为10月10日' }, nameOf)).toBe('更正撤销日期（2026-11-20 → 2026-10-10）：方案调整通知为10月10日');
    // The supervisor's own undo (撤销有误，恢复问题) is not said as a late pass's 撤销不成立 (breaker11h P5).
    expect(timelineLine('FindingWithdrawalUndone', null, { withdrawnOn: '2026-11-24', reason: '点错了问题' }, nameOf)).toBe('恢复问题（撤销有误）：点错了问题');
    expect(timelineLine('WorkPlanItemWithdrawalUndone', null, { withdrawnOn: '2026-11-24', reason: '方案未作调整' }, nameOf)).toBe('恢复事项（撤销有误）：方案未作调整');
  });

  it('marks a unit’s record dated on or after the withdrawal that stands as made after it, counted nowhere (breaker11h P8)', () => {
    const fact = (revision: number, eventType: string, occurredOn: string, details: Record<string, unknown>) => ({ revision, eventType, occurredOn, unitId: 'unit-fgw', details });
    const reportedThenWithdrawn = [
      fact(1, 'RectificationReported', '2026-11-18', { summary: '已更新栏目' }),
      fact(2, 'RectificationReported', '2026-11-20', { summary: '已补充更新记录' }),
      fact(3, 'FindingWithdrawn', '2026-12-01', { withdrawnOn: '2026-12-01', reason: '评估机构来函撤回' }),
      fact(4, 'FindingWithdrawalUndone', '2026-12-01', { withdrawnOn: '2026-12-01', reason: '撤销日期更正为 2026-11-19：来函日期为11月19日' }),
      fact(5, 'FindingWithdrawn', '2026-11-19', { withdrawnOn: '2026-11-19', reason: '评估机构来函撤回' }),
    ];
    expect(Object.fromEntries(correctionNotes(reportedThenWithdrawn))).toEqual({ 2: '撤销（2026-11-19）后的记录，不计入统计', 3: '已更正为 2026-11-19' });
    // Taken back: nothing is after a withdrawal.
    const takenBack = [...reportedThenWithdrawn, fact(6, 'FindingWithdrawalUndone', '2026-11-19', { withdrawnOn: '2026-11-19', reason: '误撤销' })];
    expect(Object.fromEntries(correctionNotes(takenBack))).toEqual({ 3: '已更正为 2026-11-19', 5: '已撤回（撤销有误）' });
  });

  it('marks the withdrawal an undoing cancels: moved, taken back, or not standing (breaker11h P5, breaker8g P14)', () => {
    const fact = (revision: number, eventType: string, occurredOn: string, details: Record<string, unknown>) => ({ revision, eventType, occurredOn, unitId: null, details });
    const moved = [
      fact(1, 'FindingWithdrawn', '2026-12-01', { withdrawnOn: '2026-12-01', reason: '评估机构来函撤回' }),
      fact(2, 'FindingWithdrawalUndone', '2026-12-01', { withdrawnOn: '2026-12-01', reason: '撤销日期更正为 2026-11-28：来函日期为11月28日' }),
      fact(3, 'FindingWithdrawn', '2026-11-28', { withdrawnOn: '2026-11-28', reason: '评估机构来函撤回' }),
    ];
    expect(Object.fromEntries(correctionNotes(moved))).toEqual({ 1: '已更正为 2026-11-28' });
    const takenBack = [fact(1, 'WorkPlanItemWithdrawn', '2026-12-01', { withdrawnOn: '2026-12-01', reason: '并入第3项' }), fact(2, 'WorkPlanItemWithdrawalUndone', '2026-12-01', { withdrawnOn: '2026-12-01', reason: '误撤销' })];
    expect(Object.fromEntries(correctionNotes(takenBack))).toEqual({ 1: '已撤回（撤销有误）' });
    const notStanding = [fact(1, 'FindingWithdrawn', '2026-12-01', { withdrawnOn: '2026-12-01', reason: '来函撤回' }), fact(2, 'FindingWithdrawalUndone', '2026-12-01', { withdrawnOn: '2026-12-01', reason: '撤销不成立：西山县人民政府的整改已于 2026-11-30 核验通过' })];
    expect(Object.fromEntries(correctionNotes(notStanding))).toEqual({ 1: '撤销不成立' });
  });

  it('says the words of a line once when the text the server wrote begins with them (breaker11g P7)', () => {
    const reason = '撤销不成立：西山县人民政府的整改已于 2026-11-30 核验通过，问题回到台账';
    expect(timelineLine('FindingWithdrawalUndone', null, { reason, withdrawnOn: '2026-12-01' }, nameOf)).toBe(reason);
    expect(timelineLine('WorkPlanItemWithdrawalUndone', null, { reason, withdrawnOn: '2026-12-01' }, nameOf)).toBe(reason);
    expect(timelineLine('FindingWithdrawn', null, { reason: '撤销不成立的理由另附' }, nameOf)).toBe('撤销问题：撤销不成立的理由另附');
  });

  it('says which record a date correction moved, and from which day to which (breaker8c P1)', () => {
    expect(timelineLine('FactDateCorrected', 'xs', { factType: 'ReportSentBack', previousOn: '2026-05-25', on: '2026-05-15', reason: '退办通知落款为5月15日' }, nameOf)).toBe(
      '更正退办日期（西山县人民政府）（2026-05-25 → 2026-05-15）：退办通知落款为5月15日',
    );
    expect(timelineLine('FactDateCorrected', 'xs', { factType: 'UnitAssigned', previousOn: '2026-05-10', on: '2026-04-26', reason: '交办文件为4月26日' }, nameOf)).toBe(
      '更正交办日期（西山县人民政府）（2026-05-10 → 2026-04-26）：交办文件为4月26日',
    );
    // Any inspection's day, also one answered since (breaker8d P1); the record is marked like the others.
    expect(timelineLine('FactDateCorrected', 'xs', { factType: 'InspectionLogged', previousOn: '2016-06-02', on: '2016-06-01', reason: '督查记录表为6月1日' }, nameOf)).toBe(
      '更正督查日期（西山县人民政府）（2016-06-02 → 2016-06-01）：督查记录表为6月1日',
    );
    const facts = [
      { revision: 1, eventType: 'InspectionLogged', occurredOn: '2016-06-02', unitId: 'xs', details: { inspectionId: 'i1', outcome: 'FAILED' } },
      { revision: 2, eventType: 'RectificationReported', occurredOn: '2016-06-10', unitId: 'xs', details: {} },
      { revision: 3, eventType: 'FactDateCorrected', occurredOn: '2026-11-30', unitId: 'xs', details: { factType: 'InspectionLogged', previousOn: '2016-06-02', on: '2016-06-01' } },
    ];
    expect(Object.fromEntries(correctionNotes(facts))).toEqual({ 1: '已更正为 2016-06-01' });
  });
});

describe('a timeline with corrections (breaker8c P6)', () => {
  const fact = (revision: number, eventType: string, occurredOn: string, details: Record<string, unknown> = {}, unitId: string | null = 'wjw') => ({ revision, eventType, occurredOn, unitId, details });
  const history = [
    fact(1, 'UnitAssigned', '2016-04-26'),
    fact(2, 'RectificationReported', '2016-05-30'),
    fact(3, 'InspectionLogged', '2016-06-13', { inspectionId: 'i1', outcome: 'PASSED' }),
    fact(4, 'FindingClosedOut', '2016-06-13', {}, null),
    fact(5, 'InspectionCorrected', '2016-11-30', { inspectionId: 'i1', previousInspectedOn: '2016-06-13', inspectedOn: '2016-06-12', previousOutcome: 'PASSED', outcome: 'PASSED', reason: '督查记录为6月12日' }),
    fact(6, 'FindingClosedOut', '2016-06-12', {}, null),
    fact(7, 'ReportDateCorrected', '2016-11-30', { previousReportedOn: '2016-05-30', reportedOn: '2016-06-02' }),
    fact(8, 'ReportDateCorrected', '2016-11-30', { previousReportedOn: '2016-06-02', reportedOn: '2016-05-31' }),
    fact(9, 'FactDateCorrected', '2016-11-30', { factType: 'UnitAssigned', previousOn: '2016-04-26', on: '2016-04-25' }),
  ];

  it('marks each record as first entered with the day it reads now, and the close-out recorded again', () => {
    expect(Object.fromEntries(correctionNotes(history))).toEqual({
      1: '已更正为 2016-04-25',
      2: '已更正为 2016-05-31',
      3: '已更正为 2016-06-12',
      4: '已更正为 2016-06-12',
    });
  });

  it('leaves a close-out after a reopening unmarked, and calls a day-only inspection correction 更正督查日期', () => {
    const reopened = [fact(1, 'FindingClosedOut', '2016-06-13', {}, null), fact(2, 'FindingReopened', '2016-07-01', {}, null), fact(3, 'FindingClosedOut', '2016-07-20', {}, null)];
    expect(correctionNotes(reopened).size).toBe(0);
    expect(timelineLine('InspectionCorrected', 'xs', history[4]!.details, nameOf)).toBe('更正督查日期（西山县人民政府）（2016-06-13 → 2016-06-12）：督查记录为6月12日');
  });
});
