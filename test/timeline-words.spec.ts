import type { FindingStreamEvent } from '../src/rectification/domain/finding.events.js';
import type { WorkPlanItemStreamEvent } from '../src/work-plan/domain/work-plan.events.js';
import { EVENT_FALLBACK, EVENT_LABEL } from '../web/src/labels.js';
import { timelineLine, timelineRows, type TimelineFact } from '../web/src/timeline-words.js';

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
  FindingIdentifiedOnCorrected: true,
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
  RecordRetracted: true,
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

const NAMES: Record<string, string> = { xs: '西山县人民政府', wjw: '青川市卫生和计划生育委员会', wjw2: '青川市卫生健康委员会', rsj: '青川市人力资源和社会保障局', fgw: '青川市发展和改革委员会' };
const nameOf = (id: string | null | undefined) => (id ? (NAMES[id] ?? '') : '');

describe('a timeline line', () => {
  it.each(EVERY_TIMELINE_TYPE)('names %s in Chinese words, not its code', (type) => {
    expect(EVENT_LABEL[type]).toMatch(/^[\u4e00-\u9fff/]+$/u);
    expect(timelineLine(type, null, {}, nameOf)).toBe(EVENT_LABEL[type]);
  });

  it('names a role change retracted with its 替换原牵头单位 by its kind, not 「…的记录」 (h57c)', () => {
    expect(timelineLine('RecordRetracted', 'fgw', { unitId: 'fgw', factType: 'PartRoleChanged', on: '2026-06-01', reason: '替换录错', retractedOn: '2026-06-05' }, nameOf)).toContain('（撤销 2026-06-01 的承担方式调整）');
  });

  it('says a grant overtaken by a later date cut nothing (breaker8r P4)', () => {
    expect(timelineLine('ExtensionGranted', 'xs', { unitId: 'xs', requestId: 'r', previousDueDate: '2016-07-20', newDueDate: '2016-07-10', decidedOn: '2016-06-26' }, nameOf)).toBe(
      '批准延期（西山县人民政府）（批准延至 2016-07-10；当时已有更晚的时限 2016-07-20，仍以 2016-07-20 为准）',
    );
  });

  it('says a granted extension moved the time limit, never 重新整改 as if the work was returned (newcomer40 P6)', () => {
    expect(timelineLine('ExtensionGranted', 'xs', { unitId: 'xs', requestId: 'r', previousDueDate: '2026-12-11', newDueDate: '2026-12-20', decidedOn: '2026-12-05' }, nameOf)).toBe(
      '批准延期（西山县人民政府）（延至 2026-12-20，原时限 2026-12-11）',
    );
  });

  it('says a report the office entered from the unit’s paper report (代录), naming who typed it, after the unit (newcomer49-8 M5)', () => {
    expect(timelineLine('RectificationReported', 'xs', { unitId: 'xs', summary: '已更新目录', reportedOn: '2016-05-25', enteredBy: 'u-zw', enteredByName: '张伟' }, nameOf)).toBe(
      `${EVENT_LABEL.RectificationReported}（${nameOf('xs')}）（张伟 代录，依据纸质报告）：已更新目录`,
    );
    expect(timelineLine('RectificationReported', 'xs', { unitId: 'xs', summary: '已更新目录', reportedOn: '2016-05-25' }, nameOf)).toBe(`${EVENT_LABEL.RectificationReported}（${nameOf('xs')}）：已更新目录`);
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

  it('names the units of a re-dating of some parts only, with the revision\'s reason — never 「调整各单位时限」 for one unit\'s row (newcomer48-10 M1)', () => {
    expect(timelineLine('PartsRescheduled', null, { previousDueDate: '2026-09-30', dueDate: '2026-11-30', rescheduledOn: '2026-09-10', unitIds: ['xs'], reason: '青政办〔2016〕45号' }, nameOf)).toBe(
      '调整单位时限（西山县人民政府）（2026-09-30 → 2026-11-30）：青政办〔2016〕45号',
    );
    expect(timelineLine('PartsRescheduled', null, { previousDueDate: '2026-09-30', dueDate: '2026-11-30', rescheduledOn: '2026-09-10', reason: '青政办〔2016〕45号' }, nameOf)).toBe('调整各单位时限（2026-09-30 → 2026-11-30）：青政办〔2016〕45号');
  });

  it('names both units of a hand-over, and both sides of a corrected inspection or role', () => {
    expect(timelineLine('PartHandedOver', 'wjw', { unitId: 'wjw', successorUnitId: 'wjw2', reason: '机构改革' }, nameOf)).toBe('移交（青川市卫生和计划生育委员会 → 青川市卫生健康委员会）：机构改革');
    expect(timelineLine('InspectionCorrected', 'xs', { previousInspectedOn: '2026-11-02', inspectedOn: '2026-11-03', previousOutcome: 'PASSED', outcome: 'FAILED', reason: '录入有误' }, nameOf)).toBe(
      '更正督查结果（西山县人民政府）（2026-11-02 → 2026-11-03；通过 → 不通过）：录入有误',
    );
    expect(timelineLine('PartRoleChanged', 'xs', { previousRole: 'RESPONSIBLE', role: 'LEAD', reason: '依据修订方案' }, nameOf)).toBe('调整牵头/责任分工（西山县人民政府）（责任单位 → 牵头单位）：依据修订方案');
    expect(timelineLine('InspectionLogged', 'xs', { outcome: 'FAILED', notes: '未公开' }, nameOf)).toBe('现场督查（西山县人民政府）：未公开 — 不通过');
  });

  it('a failure corrected to 通过 says the inspector’s notes as 督查情况（原录）, after the outcome now — not 「整改不到位 — 通过」 (newcomer51-8 M1)', () => {
    const corrections = [{ reason: '督查记录表结论为通过', correctedOn: '2026-12-07', correctedAt: '2026-12-07T01:13:00.000Z', correctedBy: 'u1', correctedByRole: 'SUPERVISOR', previousOutcome: 'FAILED', outcome: 'PASSED', previousInspectedOn: '2016-06-15', inspectedOn: '2016-06-15' }];
    expect(timelineLine('InspectionLogged', 'xs', { outcome: 'PASSED', notes: '整改不到位', inspectedOn: '2016-06-15', corrections }, nameOf)).toBe(
      '现场督查（西山县人民政府） — 通过（督查情况（原录）：整改不到位）（更正（2026-12-07）：结论由不通过改为通过；理由：督查记录表结论为通过）',
    );
    // As today's page lists it: the inspection as entered, then its correction, which the rows apply to it.
    const line = story();
    expect(
      printed([
        line('InspectionLogged', '2016-06-15', '2026-12-07T09:07', { inspectionId: 'i1', outcome: 'FAILED', notes: '整改不到位', newDueDate: '2016-06-30' }, 'xs'),
        line('InspectionCorrected', '2026-12-07', '2026-12-07T09:13', { inspectionId: 'i1', previousInspectedOn: '2016-06-15', inspectedOn: '2016-06-15', previousOutcome: 'FAILED', outcome: 'PASSED', reason: '督查记录表结论为通过' }, 'xs'),
      ])[0],
    ).toBe('2016-06-15 现场督查（西山县人民政府） — 通过（督查情况（原录）：整改不到位）（原录“不通过”）（补录）');
    // Never corrected, or corrected in its day only: the notes read as written, before the outcome.
    expect(timelineLine('InspectionLogged', 'xs', { outcome: 'FAILED', notes: '整改不到位' }, nameOf)).toBe('现场督查（西山县人民政府）：整改不到位 — 不通过');
  });

  it('says an inspection corrected since (a past day’s line): the inspector’s notes, the outcome counted, and the correction beside them (newcomer46-8 M2)', () => {
    const corrections = [{ reason: '结论录错', correctedOn: '2026-12-06', correctedAt: '2026-12-06T07:00:00.000Z', correctedBy: 'u1', correctedByRole: 'SUPERVISOR', previousOutcome: 'PASSED', outcome: 'FAILED', previousInspectedOn: '2016-07-02', inspectedOn: '2016-07-02' }];
    expect(timelineLine('InspectionLogged', 'xs', { outcome: 'FAILED', notes: '已整改到位', inspectedOn: '2016-07-02', corrections }, nameOf)).toBe(
      '现场督查（西山县人民政府） — 不通过（督查情况（原录）：已整改到位）（更正（2026-12-06）：结论由通过改为不通过；理由：结论录错）',
    );
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
  });

  it('says a return given its paper’s due date with its day kept, and a due date a correction took away (breaker50-8 M1, M5)', () => {
    expect(timelineLine('FactDateCorrected', 'xs', { factType: 'ReportSentBack', previousOn: '2026-10-25', on: '2026-10-25', newDueDate: '2026-11-20', reason: '退办通知载明重新整改时限' }, nameOf)).toBe(
      '补填退办的重新整改时限（西山县人民政府）：退办通知载明重新整改时限（重新整改时限 2026-11-20）',
    );
    expect(timelineLine('InspectionCorrected', 'xs', { previousInspectedOn: '2026-11-15', inspectedOn: '2026-11-15', previousOutcome: 'FAILED', outcome: 'FAILED', newDueDate: '2026-11-30', reason: '督查记录表载明' }, nameOf)).toBe(
      '补填督查的重新整改时限（西山县人民政府）：督查记录表载明（重新整改时限 2026-11-30）',
    );
    expect(timelineLine('FactDateCorrected', 'xs', { factType: 'ReportSentBack', previousOn: '2026-11-25', on: '2026-11-02', ownDueDateOnly: true, reason: '日期录错' }, nameOf)).toBe(
      '更正退办日期（西山县人民政府）（2026-11-25 → 2026-11-02）：日期录错（此前更正给出的重新整改时限随之取消，恢复该记录本身的时限）',
    );
  });

  it('says a finding’s 发现日期 corrected from which day to which, and why (breaker9r P2 part 2)', () => {
    const details = { findingId: 'f1', previousIdentifiedOn: '2026-12-04', identifiedOn: '2026-12-03', reason: '时钟偏快，按实际发现日更正', correctedOn: '2026-12-03' };
    expect(timelineLine('FindingIdentifiedOnCorrected', null, details, nameOf)).toBe('更正发现日期（2026-12-04 → 2026-12-03）：时钟偏快，按实际发现日更正');
  });
});

/** One parent's history as the server lists it: each line with the office day it names and the instant it was entered. */
function story() {
  let revision = 0;
  /** `entered`: the China office day (and hour) the line was entered. */
  return (eventType: string, occurredOn: string, entered: string, details: Record<string, unknown> = {}, unitId: string | null = null): TimelineFact => ({
    revision: (revision += 1),
    eventType,
    occurredOn,
    recordedAt: new Date(`${entered.length === 10 ? `${entered}T10:00` : entered}:00+08:00`).toISOString(),
    unitId,
    details,
  });
}

/** The timeline as the page prints it: 办理日期, the line with its note, （补录） when entered on a later day. */
const printed = (facts: readonly TimelineFact[]) =>
  timelineRows(facts).map((row) => `${row.day} ${timelineLine(row.fact.eventType, row.fact.unitId, row.details, nameOf)}${row.note ? `（${row.note}）` : ''}${row.late ? '（补录）' : ''}`);

describe('a timeline with corrections: one row per fact, on its day now; the correction on the day it was made', () => {
  it('a report whose day was corrected reads on its corrected day, in its place, with 原录 (newcomer23 S4, newcomer24 S6)', () => {
    const line = story();
    const facts = [
      line('UnitAssigned', '2026-11-02', '2026-11-02', {}, 'xs'),
      line('RectificationReported', '2026-11-30', '2026-11-30', { summary: '政策解读专栏' }, 'xs'),
      line('InspectionLogged', '2026-11-30', '2026-11-30', { inspectionId: 'i1', outcome: 'PASSED', notes: '已核实' }, 'wjw'),
      line('ReportDateCorrected', '2026-12-02', '2026-12-02', { previousReportedOn: '2026-11-30', reportedOn: '2026-11-28', reason: '报送文件落款为11月28日。' }, 'xs'),
    ];
    expect(printed(facts)).toEqual([
      '2026-11-02 交办（西山县人民政府）',
      '2026-11-28 报告整改完成（西山县人民政府）：政策解读专栏（原录 2026-11-30）（补录）',
      '2026-11-30 现场督查（青川市卫生和计划生育委员会）：已核实 — 通过',
      '2026-12-02 更正报告日期（西山县人民政府）（2026-11-30 → 2026-11-28）：报送文件落款为11月28日。',
    ]);
  });

  it('a reopening moved past the part’s due date with the new due date its correction gave reads on its corrected day with that date, the correction saying it too (h8b)', () => {
    const line = story();
    const facts = [
      line('UnitAssigned', '2026-11-02', '2026-11-02', {}, 'xs'),
      line('RectificationReported', '2026-11-20', '2026-11-20', { summary: '政策解读专栏' }, 'xs'),
      line('InspectionLogged', '2026-11-22', '2026-11-22', { inspectionId: 'i1', outcome: 'PASSED', notes: '已核实' }, 'wjw'),
      line('PartsReopened', '2026-11-24', '2026-11-24', { reason: '群众反映专栏被撤下', reopenedOn: '2026-11-24' }),
      line('FactDateCorrected', '2026-12-02', '2026-12-02', { factType: 'PartsReopened', previousOn: '2026-11-24', on: '2026-11-28', newDueDate: '2026-12-20', reason: '重新打开通知落款为11月28日' }, 'xs'),
    ];
    expect(printed(facts).slice(3)).toEqual([
      '2026-11-28 各单位重新整改：群众反映专栏被撤下（重新整改时限 2026-12-20）（原录 2026-11-24）',
      '2026-12-02 更正重新打开日期（西山县人民政府）（2026-11-24 → 2026-11-28）：重新打开通知落款为11月28日（重新整改时限 2026-12-20）',
    ]);
  });

  it('a finding whose 发现日期 was corrected: its 登记问题 row reads on the corrected day, first, with 原录 — as a corrected 交办 does (newcomer36 S13)', () => {
    const line = story();
    const facts = [
      line('FindingRecorded', '2026-12-04', '2026-12-04', { title: '政策解读形式单一' }),
      line('UnitAssigned', '2026-12-04', '2026-12-04', {}, 'fgw'),
      line('FindingIdentifiedOnCorrected', '2026-12-04', '2026-12-04T11:00', { findingId: 'f1', previousIdentifiedOn: '2026-12-04', identifiedOn: '2026-11-20', reason: '按评估报告日期更正', correctedOn: '2026-12-04' }),
      line('FactDateCorrected', '2026-12-04', '2026-12-04T11:05', { factType: 'UnitAssigned', previousOn: '2026-12-04', on: '2026-11-25', reason: '按交办通知日期更正' }, 'fgw'),
      line('RectificationReported', '2026-11-27', '2026-12-04T11:10', { summary: '已增加图解' }, 'fgw'),
    ];
    const rows = printed(facts);
    expect(rows.slice(0, 3)).toEqual([
      expect.stringMatching(/^2026-11-20 登记问题.*（原录 2026-12-04）（补录）$/u),
      expect.stringMatching(/^2026-11-25 交办（青川市发展和改革委员会）（原录 2026-12-04）（补录）$/u),
      expect.stringMatching(/^2026-11-27 报告整改完成（青川市发展和改革委员会）：已增加图解（补录）$/u),
    ]);
  });

  it('a reopening typed after a close-out but dated before it: the close-out says it no longer stands (breaker8r P1)', () => {
    const line = story();
    const facts = [
      line('InspectionLogged', '2016-06-25', '2026-12-01', { inspectionId: 'i2', outcome: 'PASSED', notes: '已核实' }, 'xs'),
      line('FindingClosedOut', '2016-06-25', '2026-12-01', { closedOn: '2016-06-25' }),
      line('FindingReopened', '2016-06-21', '2026-12-02', { reason: '复查发现未整改到位', reopenedOn: '2016-06-21' }),
    ];
    expect(printed(facts).find((row) => row.includes('销号'))).toMatch(/^2016-06-25 销号.*（因 2016-06-21 重新打开，此销号不成立）/u);
    // Reopened on the close-out's own day, typed after it: a reopening of the closed finding; the close-out stood.
    const sameDay = [facts[0]!, facts[1]!, line('FindingReopened', '2016-06-25', '2026-12-02', { reason: '复查', reopenedOn: '2016-06-25' })];
    expect(printed(sameDay).find((row) => row.includes('销号'))).not.toContain('不成立');
  });

  it('a record moved to a later day than it was entered on is not 补录', () => {
    const line = story();
    const facts = [
      line('RectificationReported', '2026-11-20', '2026-11-20', { summary: '已更新' }, 'xs'),
      line('ReportDateCorrected', '2026-11-30', '2026-11-30', { previousReportedOn: '2026-11-20', reportedOn: '2026-11-25', reason: '落款为25日' }, 'xs'),
    ];
    expect(printed(facts)[0]).toBe('2026-11-25 报告整改完成（西山县人民政府）：已更新（原录 2026-11-20）');
  });

  it('更正撤销日期 leaves one 撤销问题 row on the new day; the correction and 撤销有误 are rows of the day they were made, not 补录 (newcomer24 S2, S5)', () => {
    const line = story();
    const reason = '评估机构来函，该问题系误列，予以撤回。';
    const before = [
      line('UnitAssigned', '2026-11-02', '2026-11-02', {}, 'xs'),
      line('RectificationReported', '2026-11-27', '2026-11-27', { summary: '已开通留言回复' }, 'xs'),
      line('FindingWithdrawn', '2026-11-25', '2026-12-02T13:17', { withdrawnOn: '2026-11-25', reason }),
    ];
    // Withdrawn from 11-25: the report of 11-27 counts nowhere.
    expect(printed(before)).toEqual([
      '2026-11-02 交办（西山县人民政府）',
      `2026-11-25 撤销问题：${reason}（补录）`,
      '2026-11-27 报告整改完成（西山县人民政府）：已开通留言回复（撤销（2026-11-25）后的记录，不计入统计）',
    ]);
    const moved = [
      ...before,
      line('FindingWithdrawalUndone', '2026-11-25', '2026-12-02T13:18', { withdrawnOn: '2026-11-25', reason: '撤销日期更正为 2026-11-28：来函落款日期为11月28日，原录入有误。', byVerification: false }),
      line('FindingWithdrawn', '2026-11-28', '2026-12-02T13:18', { withdrawnOn: '2026-11-28', reason }),
    ];
    expect(printed(moved)).toEqual([
      '2026-11-02 交办（西山县人民政府）',
      '2026-11-27 报告整改完成（西山县人民政府）：已开通留言回复',
      `2026-11-28 撤销问题：${reason}（原录 2026-11-25）（补录）`,
      '2026-12-02 更正撤销日期（2026-11-25 → 2026-11-28）：来函落款日期为11月28日，原录入有误。',
    ]);
    const takenBack = [...moved, line('FindingWithdrawalUndone', '2026-11-28', '2026-12-02T13:30', { withdrawnOn: '2026-11-28', reason: '评估机构更正来函，该问题仍需整改。', byVerification: false })];
    expect(printed(takenBack)).toEqual([
      '2026-11-02 交办（西山县人民政府）',
      '2026-11-27 报告整改完成（西山县人民政府）：已开通留言回复',
      `2026-11-28 撤销问题：${reason}（原录 2026-11-25；撤销有误，已于 2026-12-02 撤回）（补录）`,
      '2026-12-02 更正撤销日期（2026-11-25 → 2026-11-28）：来函落款日期为11月28日，原录入有误。',
      '2026-12-02 恢复问题（撤销有误）：评估机构更正来函，该问题仍需整改。',
    ]);
  });

  it('a withdrawal moved onto the day of a version that left the item out reads the version’s reason, the first one said (breaker11p P3)', () => {
    const line = story();
    const facts = [
      line('WorkPlanItemWithdrawn', '2026-11-30', '2026-11-30', { withdrawnOn: '2026-11-30', reason: '手工撤销' }),
      line('WorkPlanItemWithdrawalUndone', '2026-11-30', '2026-12-01', { withdrawnOn: '2026-11-30', reason: '撤销日期更正为 2026-11-27：依据 plan-2026-11-27.csv 修订方案（2026-11-27 的撤销在先）', byVerification: false }),
      line('WorkPlanItemWithdrawn', '2026-11-27', '2026-12-01', { withdrawnOn: '2026-11-27', reason: '依据 plan-2026-11-27.csv 修订方案' }),
    ];
    expect(printed(facts)).toEqual([
      '2026-11-27 撤销事项：依据 plan-2026-11-27.csv 修订方案（原录 2026-11-30，理由“手工撤销”）（补录）',
      '2026-12-01 更正撤销日期（2026-11-30 → 2026-11-27）：依据 plan-2026-11-27.csv 修订方案（2026-11-27 的撤销在先）',
    ]);
  });

  it('a withdrawal that stands again after 更正督查结果 is one row saying so; the version listing the item again one row (breaker11p P2)', () => {
    const line = story();
    const undone = (day: string) => `撤销不成立：西山县人民政府的任务已于 2026-09-24 核验通过，早于撤销日期（${day}）；已核验的任务不撤销，事项回到工作方案。`;
    const facts = [
      line('UnitAssigned', '2026-09-20', '2026-09-20', {}, 'xs'),
      line('RectificationReported', '2026-09-22', '2026-09-22', { summary: '已报送' }, 'xs'),
      line('WorkPlanItemWithdrawn', '2026-10-12', '2026-10-12', { withdrawnOn: '2026-10-12', reason: '手工撤销2026-10-12' }),
      line('WorkPlanItemReinstated', '2026-10-26', '2026-10-26', { reinstatedOn: '2026-10-26', reason: '依据 plan-2026-10-26.csv 修订方案' }),
      line('WorkPlanItemWithdrawn', '2026-11-09', '2026-11-09', { withdrawnOn: '2026-11-09', reason: '手工撤销2026-11-09' }),
      line('InspectionLogged', '2026-09-24', '2026-12-01', { inspectionId: 'i1', outcome: 'PASSED', notes: '已核实' }, 'xs'),
      line('WorkPlanItemWithdrawalUndone', '2026-10-12', '2026-12-01', { withdrawnOn: '2026-10-12', reason: undone('2026-10-12'), byVerification: true }),
      line('WorkPlanItemWithdrawalUndone', '2026-11-09', '2026-12-01', { withdrawnOn: '2026-11-09', reason: undone('2026-11-09'), byVerification: true }),
    ];
    expect(printed(facts)).toEqual([
      '2026-09-20 交办（西山县人民政府）',
      '2026-09-22 报告整改完成（西山县人民政府）：已报送',
      '2026-09-24 现场督查（西山县人民政府）：已核实 — 通过（补录）',
      '2026-10-12 撤销事项：手工撤销2026-10-12（2026-12-01 撤销不成立）',
      // The item never left the plan: the version's 恢复 changed nothing (breaker11q P6).
      '2026-10-26 恢复列入方案：依据 plan-2026-10-26.csv 修订方案（此前的撤销不成立，事项未曾移出方案，此项恢复无实际变化）',
      '2026-11-09 撤销事项：手工撤销2026-11-09（2026-12-01 撤销不成立）',
      `2026-12-01 ${undone('2026-10-12')}`,
      `2026-12-01 ${undone('2026-11-09')}`,
    ]);
    const corrected = [
      ...facts,
      line('InspectionCorrected', '2026-12-02', '2026-12-02', { inspectionId: 'i1', previousInspectedOn: '2026-09-24', inspectedOn: '2026-09-24', previousOutcome: 'PASSED', outcome: 'FAILED', reason: '督查记录录错', newDueDate: '2026-12-20' }, 'xs'),
      line('WorkPlanItemWithdrawn', '2026-10-12', '2026-12-02', { withdrawnOn: '2026-10-12', reason: '手工撤销2026-10-12' }),
      line('WorkPlanItemReinstated', '2026-10-26', '2026-12-02', { reinstatedOn: '2026-10-26', reason: '依据 plan-2026-10-26.csv 修订方案' }),
      line('WorkPlanItemWithdrawn', '2026-11-09', '2026-12-02', { withdrawnOn: '2026-11-09', reason: '手工撤销2026-11-09' }),
    ].map((fact, index, all) => (index < all.length - 4 ? fact : { ...fact, recordedAt: all.at(-4)!.recordedAt }));
    expect(printed(corrected)).toEqual([
      '2026-09-20 交办（西山县人民政府）',
      '2026-09-22 报告整改完成（西山县人民政府）：已报送',
      '2026-09-24 现场督查（西山县人民政府） — 不通过（督查情况（原录）：已核实）（重新整改时限 2026-12-20）（原录“通过”）（补录）',
      '2026-10-12 撤销事项：手工撤销2026-10-12（2026-12-01 撤销不成立；2026-12-02 更正督查结果后依日期重新成立）',
      '2026-10-26 恢复列入方案：依据 plan-2026-10-26.csv 修订方案',
      '2026-11-09 撤销事项：手工撤销2026-11-09（2026-12-01 撤销不成立；2026-12-02 更正督查结果后依日期重新成立）',
      `2026-12-01 ${undone('2026-10-12')}`,
      `2026-12-01 ${undone('2026-11-09')}`,
      '2026-12-02 更正督查结果（西山县人民政府）（通过 → 不通过）：督查记录录错（重新整改时限 2026-12-20）',
    ]);
  });

  it('a withdrawal taken back for a moment while an earlier one stands again is no row: an item’s reads as it stood, a finding’s says it no longer stands alone', () => {
    const line = story();
    const undone = '撤销不成立：西山县人民政府的整改已于 2026-10-01 核验通过，早于撤销日期（2026-10-15）；问题回到台账。';
    const facts = [
      line('FindingWithdrawn', '2026-10-15', '2026-10-15', { withdrawnOn: '2026-10-15', reason: '评估机构来函撤回' }),
      line('InspectionLogged', '2026-10-01', '2026-10-20', { inspectionId: 'i1', outcome: 'PASSED', notes: '已核实' }, 'xs'),
      line('FindingWithdrawalUndone', '2026-10-15', '2026-10-20', { withdrawnOn: '2026-10-15', reason: undone, byVerification: true }),
      line('FindingWithdrawn', '2026-11-01', '2026-11-01', { withdrawnOn: '2026-11-01', reason: '与另一问题重复' }),
      line('InspectionCorrected', '2026-12-02', '2026-12-02T09:00', { inspectionId: 'i1', previousInspectedOn: '2026-10-01', inspectedOn: '2026-10-01', previousOutcome: 'PASSED', outcome: 'FAILED', reason: '录错' }, 'xs'),
      line('FindingWithdrawalUndone', '2026-11-01', '2026-12-02T09:00', { withdrawnOn: '2026-11-01', reason: '2026-10-15 的撤销依日期重新成立，本撤销随之不再单独成立', byVerification: false }),
      line('FindingWithdrawn', '2026-10-15', '2026-12-02T09:00', { withdrawnOn: '2026-10-15', reason: '评估机构来函撤回' }),
      line('RectificationReported', '2026-10-20', '2026-12-02T10:00', { summary: '补报' }, 'xs'),
    ];
    expect(printed(facts)).toEqual([
      '2026-10-01 现场督查（西山县人民政府） — 不通过（督查情况（原录）：已核实）（原录“通过”）（补录）',
      '2026-10-15 撤销问题：评估机构来函撤回（2026-10-20 撤销不成立；2026-12-02 更正督查结果后依日期重新成立）',
      `2026-10-20 ${undone}`,
      '2026-10-20 报告整改完成（西山县人民政府）：补报（撤销（2026-10-15）后的记录，不计入统计）（补录）',
      '2026-11-01 撤销问题：与另一问题重复（2026-12-02 更正督查结果后，2026-10-15 的撤销依日期重新成立，本撤销随之不再单独成立）',
      '2026-12-02 更正督查结果（西山县人民政府）（通过 → 不通过）：录错',
    ]);
    const item = story();
    const itemFacts = [
      item('WorkPlanItemWithdrawn', '2026-10-12', '2026-10-12', { withdrawnOn: '2026-10-12', reason: '并入第3项' }),
      item('WorkPlanItemReinstated', '2026-10-26', '2026-10-26', { reinstatedOn: '2026-10-26', reason: '依据修订方案' }),
      item('WorkPlanItemWithdrawalUndone', '2026-10-12', '2026-11-01', { withdrawnOn: '2026-10-12', reason: '撤销不成立：…', byVerification: true }),
      item('WorkPlanItemWithdrawn', '2026-11-09', '2026-11-09', { withdrawnOn: '2026-11-09', reason: '依据第二次调整通知' }),
      item('ReportDateCorrected', '2026-12-02', '2026-12-02T09:00', { previousReportedOn: '2026-10-01', reportedOn: '2026-10-13', reason: '落款为13日' }, 'xs'),
      item('WorkPlanItemWithdrawalUndone', '2026-11-09', '2026-12-02T09:00', { withdrawnOn: '2026-11-09', reason: '2026-10-12 的撤销依日期重新成立，本撤销按日期随后重新登记', byVerification: false }),
      item('WorkPlanItemWithdrawn', '2026-10-12', '2026-12-02T09:00', { withdrawnOn: '2026-10-12', reason: '并入第3项' }),
      item('WorkPlanItemReinstated', '2026-10-26', '2026-12-02T09:00', { reinstatedOn: '2026-10-26', reason: '依据修订方案' }),
      item('WorkPlanItemWithdrawn', '2026-11-09', '2026-12-02T09:00', { withdrawnOn: '2026-11-09', reason: '依据第二次调整通知' }),
    ];
    expect(printed(itemFacts)).toEqual([
      '2026-10-12 撤销事项：并入第3项（2026-11-01 撤销不成立；2026-12-02 更正报告日期后依日期重新成立）',
      '2026-10-26 恢复列入方案：依据修订方案',
      '2026-11-01 撤销不成立：…',
      '2026-11-09 撤销事项：依据第二次调整通知',
      '2026-12-02 更正报告日期（西山县人民政府）（2026-10-01 → 2026-10-13）：落款为13日',
    ]);
  });

  it('a unit’s record dated while the item was out of the plan counts nowhere, also in a span a version ended (withdraw2 Left 6)', () => {
    const line = story();
    const facts = [
      line('RectificationReported', '2026-05-10', '2026-04-30T18:00', { summary: '先行报送' }, 'xs'),
      line('WorkPlanItemWithdrawn', '2026-05-01', '2026-05-02', { withdrawnOn: '2026-05-01', reason: '并入第3项' }),
      line('WorkPlanItemReinstated', '2026-06-01', '2026-06-01', { reinstatedOn: '2026-06-01', reason: '依据修订方案' }),
      line('UnitUrged', '2026-06-05', '2026-06-05', { message: '请报送' }, 'xs'),
    ];
    expect(printed(facts)).toEqual([
      '2026-05-01 撤销事项：并入第3项（补录）',
      '2026-05-10 报告整改完成（西山县人民政府）：先行报送（撤销期间（2026-05-01 至 2026-06-01 恢复列入方案）的记录，不计入统计）',
      '2026-06-01 恢复列入方案：依据修订方案',
      '2026-06-05 催办（西山县人民政府）：请报送',
    ]);
  });

  it('a request taken back while the item was out of the plan, typed before the withdrawal: the withdrawal counts nowhere, the request does not read 已撤回 (breaker11r P2)', () => {
    const line = story();
    const facts = [
      line('ExtensionRequested', '2026-04-20', '2026-04-20', { requestId: 'r1', requestedDueDate: '2026-10-31', reason: '需会签。' }, 'xs'),
      line('ExtensionRequestWithdrawn', '2026-05-10', '2026-05-10', { requestId: 'r1', reason: '时限填错。', withdrawnOn: '2026-05-10' }, 'xs'),
      line('WorkPlanItemWithdrawn', '2026-05-01', '2026-05-20', { withdrawnOn: '2026-05-01', reason: '并入第3项' }),
      line('WorkPlanItemReinstated', '2026-06-01', '2026-06-01', { reinstatedOn: '2026-06-01', reason: '依据修订方案' }),
    ];
    expect(printed(facts)).toEqual([
      '2026-04-20 申请延期（西山县人民政府）（申请延至 2026-10-31）：需会签。（2026-05-10 的撤回不计入统计）',
      '2026-05-01 撤销事项：并入第3项（补录）',
      '2026-05-10 撤回延期申请（西山县人民政府）：时限填错。（撤销期间（2026-05-01 至 2026-06-01 恢复列入方案）的记录，不计入统计）',
      '2026-06-01 恢复列入方案：依据修订方案',
    ]);
    // Taken back after the item was listed again: it counts, and the request says so.
    const later = [...facts.slice(0, 1), ...facts.slice(2), line('ExtensionRequestWithdrawn', '2026-06-05', '2026-06-05', { requestId: 'r1', reason: '时限填错。', withdrawnOn: '2026-06-05' }, 'xs')];
    expect(printed(later)[0]).toBe('2026-04-20 申请延期（西山县人民政府）（申请延至 2026-10-31）：需会签。（已于 2026-06-05 撤回）');
  });

  it('a request withdrawn and decided on one day, entered later: the request says the decision stands (breaker8v P3)', () => {
    const line = story();
    const facts = [
      line('ExtensionRequested', '2016-05-15', '2016-05-15', { requestId: 'r1', requestedDueDate: '2016-06-30', reason: '需会签。' }, 'xs'),
      line('ExtensionRequestWithdrawn', '2016-05-20', '2026-12-05T09:00', { requestId: 'r1', reason: '不再需要。', withdrawnOn: '2016-05-20' }, 'xs'),
      line('ExtensionGranted', '2016-05-20', '2026-12-05T10:00', { requestId: 'r1', previousDueDate: '2016-05-31', newDueDate: '2016-06-30', decidedOn: '2016-05-20' }, 'xs'),
    ];
    expect(printed(facts)[0]).toBe('2016-05-15 申请延期（西山县人民政府）（申请延至 2016-06-30）：需会签。（2016-05-20 的撤回与同日审批并存，以审批为准）');
  });

  it('a request taken back and the new one read apart: each names the date asked, the first says when it was taken back (newcomer26 S1)', () => {
    const line = story();
    const facts = [
      line('ExtensionRequested', '2026-11-25', '2026-11-25', { requestId: 'r1', requestedDueDate: '2027-01-20', reason: '需会签。' }, 'xs'),
      line('ExtensionRequestWithdrawn', '2026-11-26', '2026-11-26', { requestId: 'r1', reason: '时限填错。', withdrawnOn: '2026-11-26' }, 'xs'),
      line('ExtensionRequested', '2026-11-26', '2026-11-26', { requestId: 'r2', requestedDueDate: '2026-12-22', reason: '需会签。' }, 'xs'),
      line('FactDateCorrected', '2026-11-27', '2026-11-27', { factType: 'ExtensionRequestWithdrawn', previousOn: '2026-11-26', on: '2026-11-25', reason: '撤回函为25日' }, 'xs'),
    ];
    expect(printed(facts)).toEqual([
      '2026-11-25 申请延期（西山县人民政府）（申请延至 2027-01-20）：需会签。（已于 2026-11-25 撤回）',
      '2026-11-25 撤回延期申请（西山县人民政府）：时限填错。（原录 2026-11-26）（补录）',
      '2026-11-26 申请延期（西山县人民政府）（申请延至 2026-12-22）：需会签。',
      '2026-11-27 更正撤回延期申请日期（西山县人民政府）（2026-11-26 → 2026-11-25）：撤回函为25日',
    ]);
  });

  it('after a late pass made a withdrawal not stand, the record it set aside for good is marked, and a version\'s 恢复列入方案 says nothing came back (breaker11q P6)', () => {
    const line = story();
    const facts = [
      line('RectificationReported', '2026-10-13', '2026-10-13', { summary: '已整改' }, 'xs'),
      line('WorkPlanItemWithdrawn', '2026-10-12', '2026-10-14', { withdrawnOn: '2026-10-12', reason: '手工撤销' }),
      line('WorkPlanItemReinstated', '2026-10-26', '2026-10-26', { reinstatedOn: '2026-10-26', reason: '依据修订方案' }),
      line('RectificationReported', '2026-09-22', '2026-12-02T09:00', { summary: '纸质报告' }, 'xs'),
      line('InspectionLogged', '2026-09-24', '2026-12-02T09:30', { outcome: 'PASSED', inspectionId: 'i-1', notes: '' }, 'xs'),
      line('WorkPlanItemWithdrawalUndone', '2026-10-12', '2026-12-02T09:30', {
        withdrawnOn: '2026-10-12',
        reason: '撤销不成立：已于 2026-09-24 核验通过，早于撤销日期（2026-10-12）',
        byVerification: true,
        recordsSetAside: [{ unitId: 'xs', type: 'RectificationReported', on: '2026-10-13' }],
      }),
    ];
    const rows = printed(facts);
    expect(rows.find((row) => row.startsWith('2026-10-13'))).toBe('2026-10-13 报告整改完成（西山县人民政府）：已整改（该事项的撤销因更早的核验而不成立，此记录随之不再成立，不计入统计）');
    expect(rows.find((row) => row.startsWith('2026-10-26'))).toBe('2026-10-26 恢复列入方案：依据修订方案（此前的撤销不成立，事项未曾移出方案，此项恢复无实际变化）');
    // The report dated before the withdrawal counts: no mark.
    expect(rows.find((row) => row.startsWith('2026-09-22'))).toBe('2026-09-22 报告整改完成（西山县人民政府）：纸质报告（补录）');
  });

  it('dates every correction of a record (交办, inspection, report) and a close-out recorded again: one row each, on its day now (breaker8c P6)', () => {
    const line = story();
    const history = [
      line('UnitAssigned', '2016-04-26', '2016-04-26', {}, 'wjw'),
      line('RectificationReported', '2016-05-30', '2016-05-30', { summary: '已公开' }, 'wjw'),
      line('InspectionLogged', '2016-06-13', '2016-06-13', { inspectionId: 'i1', outcome: 'PASSED' }, 'wjw'),
      line('FindingClosedOut', '2016-06-13', '2016-06-13'),
      line('InspectionCorrected', '2016-11-30', '2016-11-30', { inspectionId: 'i1', previousInspectedOn: '2016-06-13', inspectedOn: '2016-06-12', previousOutcome: 'PASSED', outcome: 'PASSED', reason: '督查记录为6月12日' }, 'wjw'),
      line('FindingClosedOut', '2016-06-12', '2016-11-30'),
      line('ReportDateCorrected', '2016-11-30', '2016-11-30', { previousReportedOn: '2016-05-30', reportedOn: '2016-06-02' }, 'wjw'),
      line('ReportDateCorrected', '2016-11-30', '2016-11-30', { previousReportedOn: '2016-06-02', reportedOn: '2016-05-31' }, 'wjw'),
      line('FactDateCorrected', '2016-11-30', '2016-11-30', { factType: 'UnitAssigned', previousOn: '2016-04-26', on: '2016-04-25' }, 'wjw'),
    ];
    expect(printed(history).slice(0, 4)).toEqual([
      '2016-04-25 交办（青川市卫生和计划生育委员会）（原录 2016-04-26）（补录）',
      '2016-05-31 报告整改完成（青川市卫生和计划生育委员会）：已公开（原录 2016-05-30）',
      '2016-06-12 现场督查（青川市卫生和计划生育委员会） — 通过（原录 2016-06-13）（补录）',
      '2016-06-12 销号（原录 2016-06-13）（补录）',
    ]);
    expect(printed(history).slice(4).every((row) => row.startsWith('2016-11-30 更正'))).toBe(true);
    expect(printed(history)).toHaveLength(8);
  });

  it('leaves a close-out after a reopening as it is, and calls a day-only inspection correction 更正督查日期', () => {
    const line = story();
    const reopened = [line('FindingClosedOut', '2016-06-13', '2016-06-13'), line('FindingReopened', '2016-07-01', '2016-07-01'), line('FindingClosedOut', '2016-07-20', '2016-07-20')];
    expect(printed(reopened)).toEqual(['2016-06-13 销号', '2016-07-01 重新打开', '2016-07-20 销号']);
    expect(timelineLine('InspectionCorrected', 'xs', { previousInspectedOn: '2016-06-13', inspectedOn: '2016-06-12', previousOutcome: 'PASSED', outcome: 'PASSED', reason: '督查记录为6月12日' }, nameOf)).toBe(
      '更正督查日期（西山县人民政府）（2016-06-13 → 2016-06-12）：督查记录为6月12日',
    );
  });

  it('a close-out whose verifying pass was corrected to a fail says it does not stand; the reopening the server wrote beside the correction is no row (breaker11s P2)', () => {
    const line = story();
    const history = [
      line('UnitAssigned', '2026-11-20', '2026-11-20', {}, 'rsj'),
      line('UnitAssigned', '2026-11-20', '2026-11-20', {}, 'fgw'),
      line('RectificationReported', '2026-11-28', '2026-11-28', { summary: '已开设解读专栏' }, 'rsj'),
      line('InspectionLogged', '2026-12-01', '2026-12-01', { inspectionId: 'i1', outcome: 'PASSED' }, 'rsj'),
      line('RectificationReported', '2026-12-03', '2026-12-03T09:00', { summary: '已公开' }, 'fgw'),
      line('InspectionLogged', '2026-12-03', '2026-12-03T10:00', { inspectionId: 'i2', outcome: 'PASSED' }, 'fgw'),
      line('FindingClosedOut', '2026-12-03', '2026-12-03T10:00'),
      line('InspectionCorrected', '2026-12-04', '2026-12-04T11:00', { inspectionId: 'i1', previousInspectedOn: '2026-12-01', inspectedOn: '2026-12-01', previousOutcome: 'PASSED', outcome: 'FAILED', reason: '解读专栏链接失效，实为未通过', newDueDate: '2026-12-15' }, 'rsj'),
      line('FindingReopened', '2026-12-01', '2026-12-04T11:00', { reason: '解读专栏链接失效，实为未通过', reopenedOn: '2026-12-01' }),
    ];
    const rows = printed(history);
    expect(rows.some((row) => row.includes('重新打开'))).toBe(false);
    expect(rows).toContain('2026-12-03 销号（2026-12-04 更正督查结果后销号不成立）');
    expect(rows.at(-1)).toBe('2026-12-04 更正督查结果（青川市人力资源和社会保障局）（通过 → 不通过）：解读专栏链接失效，实为未通过（重新整改时限 2026-12-15）');
    // Passed again later: a close-out of its own, not the first one moved.
    const closedAgain = [
      ...history,
      line('RectificationReported', '2026-12-08', '2026-12-08', { summary: '链接已修复' }, 'rsj'),
      line('InspectionLogged', '2026-12-09', '2026-12-09', { inspectionId: 'i3', outcome: 'PASSED' }, 'rsj'),
      line('FindingClosedOut', '2026-12-09', '2026-12-09'),
    ];
    expect(printed(closedAgain).filter((row) => row.includes('销号'))).toEqual(['2026-12-03 销号（2026-12-04 更正督查结果后销号不成立）', '2026-12-09 销号']);
    // A reopening the supervisor made stays a row of its own.
    expect(printed([line('FindingClosedOut', '2016-06-13', '2016-06-13'), line('FindingReopened', '2016-07-01', '2016-07-01', { reason: '复查发现问题' })])).toEqual(['2016-06-13 销号', '2016-07-01 重新打开：复查发现问题']);
  });

  it('close-outs as the server judged them: one row per closing, on its pass’s day, 原录 when moved, the copies no row (breaker49-8 S3 S6 M4, newcomer49-8 S1)', () => {
    const line = story();
    const judged = (fact: TimelineFact, closeOutUndone: string | null): TimelineFact => ({ ...fact, closeOutUndone });
    // S6: the first pass moved 11-01 → 10-30 after a reopening; the server lists its close-out on 10-30, first recorded 11-01.
    const moved = [
      line('InspectionLogged', '2026-11-01', '2026-11-01', { inspectionId: 'i1', outcome: 'PASSED' }, 'fgw'),
      judged(line('FindingClosedOut', '2026-10-30', '2026-11-01', { closedOn: '2026-10-30', closedOnAsEntered: '2026-11-01' }), null),
      line('FindingReopened', '2026-11-05', '2026-11-05', { reason: '复查', reopenedOn: '2026-11-05' }),
      line('FactDateCorrected', '2026-12-07', '2026-12-07', { factType: 'InspectionLogged', previousOn: '2026-11-01', on: '2026-10-30', reason: '督查单日期' }, 'fgw'),
    ];
    expect(printed(moved).filter((row) => row.includes('销号') || row.includes('现场督查'))).toEqual([
      '2026-10-30 现场督查（青川市发展和改革委员会） — 通过（原录 2026-11-01）（补录）',
      '2026-10-30 销号（原录 2026-11-01）（补录）',
    ]);
    // S3: another pass closes now — the old close-out did not stand, the new one is its own row (not the old one moved).
    const otherPass = [
      line('InspectionLogged', '2026-11-01', '2026-11-01', { inspectionId: 'i2', outcome: 'PASSED' }, 'czj'),
      judged(line('FindingClosedOut', '2026-11-01', '2026-11-01', { closedOn: '2026-11-01' }), '2026-12-07 更正督查日期后销号不成立'),
      line('FactDateCorrected', '2026-12-07', '2026-12-07', { factType: 'InspectionLogged', previousOn: '2026-10-25', on: '2026-11-03', reason: '督查单日期' }, 'fgw'),
      judged(line('FindingClosedOut', '2026-11-03', '2026-10-25', { closedOn: '2026-11-03' }), null),
    ];
    expect(printed(otherPass).filter((row) => row.includes('销号'))).toEqual(['2026-11-01 销号（2026-12-07 更正督查日期后销号不成立）', '2026-11-03 销号']);
    // M4: moved away and back — one row; the copies the server says moved are none.
    const back = [
      judged(line('FindingClosedOut', '2026-11-01', '2026-11-01', { closedOn: '2026-11-01' }), null),
      judged(line('FindingClosedOut', '2026-11-03', '2026-12-07', { closedOn: '2026-11-03' }), '2026-12-07 更正督查日期后销号改记于 2026-11-01'),
      judged(line('FindingClosedOut', '2026-11-01', '2026-12-07', { closedOn: '2026-11-01' }), '2026-12-07 更正督查日期后销号改记于 2026-11-01'),
    ];
    expect(printed(back)).toEqual(['2026-11-01 销号']);
    // breaker51-8 S2: another unit's pass closes again, the copy the correction wrote is the same 销号 — no second row.
    const handedBack = [
      judged(line('FindingClosedOut', '2026-11-05', '2026-11-05', { closedOn: '2026-11-05' }), null),
      judged(line('FindingClosedOut', '2026-11-08', '2026-12-07', { closedOn: '2026-11-08' }), '2026-12-07 更正督查日期后销号不成立'),
      judged(line('FindingClosedOut', '2026-11-05', '2026-12-07', { closedOn: '2026-11-05' }), '2026-12-07 更正督查日期后重记，同 2026-11-05 销号'),
    ];
    expect(printed(handedBack)).toEqual(['2026-11-05 销号', '2026-11-08 销号（2026-12-07 更正督查日期后销号不成立）（补录）']);
  });

  it('as of a day before a report’s date correction, the report reads on its corrected day with 原录 (newcomer49-8 M2)', () => {
    const line = story();
    const pastDay = [line('RectificationReported', '2016-05-20', '2026-12-06', { summary: '目录已更新', reportedOn: '2016-05-20', dayAsEntered: '2016-05-02' }, 'fgw')];
    expect(printed(pastDay)).toEqual(['2016-05-20 报告整改完成（青川市发展和改革委员会）：目录已更新（原录 2016-05-02）（补录）']);
  });

  it('a work-plan item’s completion undone says so in the item’s own word, 完成, never the findings’ 销号 (newcomer46 M5)', () => {
    const line = story();
    const corrected = [
      line('UnitAssigned', '2026-11-20', '2026-11-20', {}, 'fgw'),
      line('RectificationReported', '2026-11-28', '2026-11-28', { summary: '已公开' }, 'fgw'),
      line('InspectionLogged', '2026-12-01', '2026-12-01', { inspectionId: 'i1', outcome: 'PASSED' }, 'fgw'),
      line('WorkPlanItemCompleted', '2026-12-01', '2026-12-01'),
      line('InspectionCorrected', '2026-12-04', '2026-12-04T11:00', { inspectionId: 'i1', previousInspectedOn: '2026-12-01', inspectedOn: '2026-12-01', previousOutcome: 'PASSED', outcome: 'FAILED', reason: '结论录错', newDueDate: '2026-12-15' }, 'fgw'),
      line('WorkPlanItemReopened', '2026-12-01', '2026-12-04T11:00', { reason: '结论录错', reopenedOn: '2026-12-01' }),
    ];
    const reopenedEarlier = [...corrected.slice(0, 4), line('WorkPlanItemReopened', '2026-11-30', '2026-12-05', { reason: '复查发现问题', reopenedOn: '2026-11-30' })];
    const rows = [...printed(corrected), ...printed(reopenedEarlier)];
    expect(rows.filter((row) => row.includes('不成立'))).toEqual(['2026-12-01 事项完成（2026-12-04 更正督查结果后完成不成立）', '2026-12-01 事项完成（因 2026-11-30 重新打开，此完成不成立）']);
    expect(rows.some((row) => row.includes('销号'))).toBe(false);
  });

  it('moves any redated inspection, also one answered since, to its day (breaker8d P1)', () => {
    const line = story();
    const facts = [
      line('InspectionLogged', '2016-06-02', '2016-06-02', { inspectionId: 'i1', outcome: 'FAILED' }, 'xs'),
      line('RectificationReported', '2016-06-10', '2016-06-10', {}, 'xs'),
      line('FactDateCorrected', '2026-11-30', '2026-11-30', { factType: 'InspectionLogged', previousOn: '2016-06-02', on: '2016-06-01' }, 'xs'),
    ];
    expect(printed(facts)[0]).toBe('2016-06-01 现场督查（西山县人民政府） — 不通过（原录 2016-06-02）（补录）');
  });
});

describe('a 重新打开 the server wrote beside a correction of a pass’s day (breaker53-8 S1)', () => {
  it('is a row: 乙’s pass moved before the part-only reopening of 甲’s part found the finding closed — 销号 then 重新打开 of the whole finding', () => {
    const line = story();
    const at = '2026-12-07T11:00';
    const facts = [
      line('UnitAssigned', '2026-10-05', '2026-10-05', { role: 'LEAD' }, 'fgw'),
      line('UnitAssigned', '2026-10-05', '2026-10-05', { role: 'RESPONSIBLE' }, 'xs'),
      line('RectificationReported', '2026-10-20', '2026-10-20', { summary: '已公开' }, 'fgw'),
      line('RectificationReported', '2026-10-21', '2026-10-21', { summary: '已公开' }, 'xs'),
      line('InspectionLogged', '2026-10-22', '2026-10-22', { inspectionId: 'i1', outcome: 'PASSED', notes: '已核实' }, 'fgw'),
      line('PartsReopened', '2026-10-28', '2026-10-28', { reason: '复查反弹', reopenedOn: '2026-10-28', unitIds: ['fgw'] }),
      line('InspectionLogged', '2026-11-05', '2026-11-05', { inspectionId: 'i2', outcome: 'PASSED', notes: '已核实' }, 'xs'),
      // As the API lists them: the close-out typed with the pass moved with it (one closing, entered when first recorded), the copy marked.
      { ...line('FindingClosedOut', '2026-10-25', '2026-11-05', { closedOn: '2026-10-25', closedOnAsEntered: '2026-11-05' }) },
      line('InspectionCorrected', '2026-12-07', at, { inspectionId: 'i2', previousInspectedOn: '2026-11-05', inspectedOn: '2026-10-25', previousOutcome: 'PASSED', outcome: 'PASSED', reason: '督查记录表日期为10月25日' }, 'xs'),
      { ...line('FindingClosedOut', '2026-10-25', at, { closedOn: '2026-10-25' }), closeOutUndone: '2026-12-07 更正督查日期后重记，同 2026-10-25 销号' },
      line('FindingReopened', '2026-10-28', at, { reason: '复查反弹', reopenedOn: '2026-10-28' }),
      line('PartsReopened', '2026-10-28', at, { reason: '复查反弹', reopenedOn: '2026-10-28', unitIds: ['xs'] }),
    ];
    // The whole finding's 重新打开 is a row after the 销号 (it was hidden as a 更正督查结果's: the page read 销号 and then only 甲's part reopened).
    expect(printed(facts).filter((row) => /^2026-10-2[58] /u.test(row))).toEqual([
      '2026-10-25 现场督查（西山县人民政府）：已核实 — 通过（原录 2026-11-05）（补录）',
      '2026-10-25 销号（补录）',
      '2026-10-28 重新打开（青川市发展和改革委员会）：复查反弹',
      '2026-10-28 重新打开：复查反弹（补录）',
      '2026-10-28 重新打开（西山县人民政府）：复查反弹（补录）',
    ]);
  });
});
