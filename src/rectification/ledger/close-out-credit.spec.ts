import type { TimelineEntry } from '../../assignments/read-model/timeline.js';
import { EVERY_FACT, type TimeCut } from '../../shared/time-cut.js';
import { itemAt } from '../../work-plan/breakdown/work-plan-ledger.js';
import { findingAt } from './rectification-ledger.js';

/*
 * breaker49-8 S2 S3 S6 M4, newcomer49-8 S1 S2: which day, which pass and which person a 销号 is credited to after date
 * corrections. One rule: the close-out is the pass that closes the parent in business order as the record stands at the
 * cut — dated that pass's (corrected) day, by its inspector, entered when a 销号 of that closing was first recorded (breaker53-8
 * S4: never before one was) — now, as of a past day and as
 * known at a past instant alike; a correction is its own line, by its author. The timelines below are what the decider
 * records (a correction that moves the closing pass writes the close-out again on its new day, beside itself — unless the
 * parent was reopened since, breaker49-8 S6).
 */

let revision = 0;
const WANGFANG = { actorId: 'wangfang', actorRole: 'INSPECTOR', actorUnitId: null };
const ZHAOQIANG = { actorId: 'zhaoqiang', actorRole: 'INSPECTOR', actorUnitId: null };
const ZHANGWEI = { actorId: 'zhangwei', actorRole: 'SUPERVISOR', actorUnitId: null };
const CLERK = { actorId: 'clerk', actorRole: 'UNIT', actorUnitId: 'fgw' };
type Who = typeof WANGFANG | typeof ZHAOQIANG | typeof ZHANGWEI | typeof CLERK;
const entry = (type: string, occurredOn: string, data: Record<string, unknown>, recordedAt: string, who: Who = ZHANGWEI): TimelineEntry => {
  revision += 1;
  return { type, data, id: `e-${revision}`, revision, occurredOn, metadata: { recordedAt, ...who } } as unknown as TimelineEntry;
};
const cut = (asOf: string, knownAt: string | null = null): TimeCut => ({ asOf, knownAt, axes: knownAt ? ['BUSINESS_DAY', 'RECORD_TIME'] : ['BUSINESS_DAY'] });
const at = (minute: number) => `2026-12-06T17:${String(minute).padStart(2, '0')}:00.000Z`;
const recorded = () => entry('FindingRecorded', '2026-10-01', { findingId: 'f', evaluationId: 'e', title: '目录更新不及时', description: '', category: '主动公开', severity: 'LOW', concernedUnitIds: [], identifiedOn: '2026-10-01' }, at(0));
const assigned = (unitId: string) => entry('UnitAssigned', '2026-10-05', { unitId, role: unitId === 'fgw' ? 'LEAD' : 'ASSIST', dueDate: '2026-11-30', assignedOn: '2026-10-05' }, at(1));
const reported = (unitId: string, day: string, minute: number) => entry('RectificationReported', day, { unitId, summary: '已整改', evidence: [], reportedOn: day }, at(minute), CLERK);
const passed = (unitId: string, id: string, day: string, minute: number, who: Who = WANGFANG, outcome = 'PASSED') =>
  entry('InspectionLogged', day, { unitId, inspectionId: id, outcome, notes: '', inspectedOn: day, place: '现场', ...(outcome === 'FAILED' ? { newDueDate: '2026-11-30' } : {}) }, at(minute), who);
const closedOut = (day: string, minute: number, who: Who) => entry('FindingClosedOut', day, { findingId: 'f', closedOn: day }, at(minute), who);
const redated = (unitId: string, previousOn: string, on: string, minute: number, day = '2026-12-07') =>
  entry('FactDateCorrected', day, { unitId, factType: 'InspectionLogged', previousOn, on, reason: '督查单日期', correctedOn: day }, at(minute));

/** Each close-out of a history that stands, as `day actor recordedAt`; and the others with their words. */
const standing = (history: readonly TimelineEntry[]) =>
  history.filter((event) => event.type.endsWith('ClosedOut') || event.type.endsWith('Completed')).filter((event) => !event.closeOutUndone).map((event) => `${event.occurredOn} ${event.metadata.actorId} ${event.metadata.recordedAt}`);
const undone = (history: readonly TimelineEntry[]) => history.filter((event) => event.closeOutUndone).map((event) => `${event.occurredOn} ${event.closeOutUndone}`);

describe('a 销号 is credited to the pass that closes the finding as the record stands', () => {
  it('after two corrections of the pass’s day, a past day names the inspector at her pass’s instant, not the supervisor at the first correction’s (breaker49-8 S2)', () => {
    const timeline = [recorded(), assigned('fgw'), reported('fgw', '2026-10-20', 2), passed('fgw', 'i1', '2026-11-01', 3), closedOut('2026-11-01', 3, WANGFANG),
      redated('fgw', '2026-11-01', '2026-11-03', 10), closedOut('2026-11-03', 10, ZHANGWEI),
      redated('fgw', '2026-11-03', '2026-11-04', 11, '2026-12-09'), closedOut('2026-11-04', 11, ZHANGWEI)];
    for (const history of [findingAt(timeline, cut('2026-11-10'))!.history, findingAt(timeline, EVERY_FACT)!.history, findingAt(timeline, cut('2026-12-08'))!.history]) {
      expect(standing(history)).toEqual([`2026-11-04 wangfang ${at(3)}`]);
    }
    expect(undone(findingAt(timeline, cut('2026-11-10'))!.history)).toEqual([]);
    // The first correction is on 12-08's record, the second not yet: the first close-out moved, once; the second correction's move not listed.
    expect(undone(findingAt(timeline, cut('2026-12-08'))!.history)).toEqual(['2026-11-01 2026-12-07 更正督查日期后销号改记于 2026-11-04']);
    // Known before the second correction: the close-out of 11-03, still hers.
    expect(standing(findingAt(timeline, cut('2026-11-10', at(10)))!.history)).toEqual([`2026-11-03 wangfang ${at(3)}`]);
  });

  it('a pass moved away and back lists one standing close-out, the copies marked (breaker49-8 M4)', () => {
    const timeline = [recorded(), assigned('fgw'), reported('fgw', '2026-10-20', 2), passed('fgw', 'i1', '2026-11-01', 3), closedOut('2026-11-01', 3, WANGFANG),
      redated('fgw', '2026-11-01', '2026-11-03', 10), closedOut('2026-11-03', 10, ZHANGWEI),
      redated('fgw', '2026-11-03', '2026-11-01', 11), closedOut('2026-11-01', 11, ZHANGWEI)];
    for (const history of [findingAt(timeline, EVERY_FACT)!.history, findingAt(timeline, cut('2026-11-10'))!.history]) expect(standing(history)).toEqual([`2026-11-01 wangfang ${at(3)}`]);
    expect(undone(findingAt(timeline, EVERY_FACT)!.history)).toHaveLength(2);
  });

  it('when a correction changes which pass closes, the close-out is the new closing pass’s, by its inspector (breaker49-8 S3)', () => {
    // 王芳 passed 市发改委 on 10-25, 赵强 市财政局 on 11-01 (the close-out); 王芳's pass was really of 11-03.
    const timeline = [recorded(), assigned('fgw'), assigned('czj'), reported('fgw', '2026-10-20', 2), reported('czj', '2026-10-22', 3),
      passed('fgw', 'i1', '2026-10-25', 4, WANGFANG), passed('czj', 'i2', '2026-11-01', 5, ZHAOQIANG), closedOut('2026-11-01', 5, ZHAOQIANG),
      redated('fgw', '2026-10-25', '2026-11-03', 10), closedOut('2026-11-03', 10, ZHANGWEI)];
    expect(findingAt(timeline, cut('2026-11-05'))).toMatchObject({ status: 'CLOSED', closedOn: '2026-11-03' });
    // Hers, entered when that 销号 was recorded — with the correction (breaker53-8 S4: not at her pass's instant, when 赵强's closed it).
    expect(standing(findingAt(timeline, cut('2026-11-05'))!.history)).toEqual([`2026-11-03 wangfang ${at(10)}`]);
    expect(undone(findingAt(timeline, cut('2026-11-05'))!.history)).toEqual([]);
    const now = findingAt(timeline, EVERY_FACT)!.history;
    expect(standing(now)).toEqual([`2026-11-03 wangfang ${at(10)}`]);
    expect(undone(now)).toEqual(['2026-11-01 2026-12-07 更正督查日期后销号不成立']);
    // Known before the correction: 赵强's pass closed it.
    expect(standing(findingAt(timeline, cut('2026-11-05', at(9)))!.history)).toEqual([`2026-11-01 zhaoqiang ${at(5)}`]);
  });

  it('a failure corrected to a pass after the day viewed: the close-out is the inspector’s, not the supervisor’s (breaker49-8 S3, newcomer49-8 S2)', () => {
    const timeline = [recorded(), assigned('fgw'), reported('fgw', '2026-10-20', 2), passed('fgw', 'i1', '2026-11-01', 3, WANGFANG, 'FAILED'),
      entry('InspectionCorrected', '2026-12-07', { unitId: 'fgw', inspectionId: 'i1', previousInspectedOn: '2026-11-01', inspectedOn: '2026-11-01', previousOutcome: 'FAILED', outcome: 'PASSED', reason: '结论录错', correctedOn: '2026-12-07' }, at(10)),
      closedOut('2026-11-01', 10, ZHANGWEI)];
    // Entered with the correction (breaker53-8 S4): known at her failure's instant, the finding was open.
    expect(standing(findingAt(timeline, cut('2026-11-10'))!.history)).toEqual([`2026-11-01 wangfang ${at(10)}`]);
    expect(standing(findingAt(timeline, EVERY_FACT)!.history)).toEqual([`2026-11-01 wangfang ${at(10)}`]);
    expect(findingAt(timeline, cut('2026-11-10', at(9)))).toMatchObject({ status: 'OPEN' });
  });

  describe('a closing pass moved after the finding was reopened and closed again (breaker49-8 S6, newcomer49-8 S1)', () => {
    const reopenedAt = at(6);
    const cycle = (firstOn: string) => [recorded(), assigned('fgw'), reported('fgw', '2026-10-20', 2), passed('fgw', 'i1', '2026-11-01', 3), closedOut('2026-11-01', 3, WANGFANG),
      entry('FindingReopened', '2026-11-05', { findingId: 'f', reason: '复查', reopenedOn: '2026-11-05' }, reopenedAt),
      entry('PartsReopened', '2026-11-05', { reason: '复查', reopenedOn: '2026-11-05', newDueDate: '2026-11-30' }, reopenedAt),
      reported('fgw', '2026-11-08', 7), passed('fgw', 'i2', '2026-11-10', 8, ZHAOQIANG), closedOut('2026-11-10', 8, ZHAOQIANG),
      // The decider writes no close-out again: the finding was reopened since.
      redated('fgw', '2026-11-01', firstOn, 10)];

    it.each(['2026-10-30', '2026-11-03'])('moved to %s: the first 销号 is on that day in every view, its first day said, never 不成立', (firstOn) => {
      const timeline = cycle(firstOn);
      const pastDay = findingAt(timeline, cut('2026-11-04'))!;
      expect(pastDay).toMatchObject({ status: 'CLOSED', closedOn: firstOn });
      expect(standing(pastDay.history)).toEqual([`${firstOn} wangfang ${at(3)}`]);
      const now = findingAt(timeline, EVERY_FACT)!.history;
      expect(standing(now)).toEqual([`${firstOn} wangfang ${at(3)}`, `2026-11-10 zhaoqiang ${at(8)}`]);
      expect(undone(now)).toEqual([]);
      expect(now.find((event) => event.type === 'FindingClosedOut')!.data).toEqual({ findingId: 'f', closedOn: firstOn, closedOnAsEntered: '2026-11-01' });
      // As of a day after the second closing, both.
      expect(standing(findingAt(timeline, cut('2026-11-12'))!.history)).toEqual([`${firstOn} wangfang ${at(3)}`, `2026-11-10 zhaoqiang ${at(8)}`]);
    });
  });

  it('a work-plan item the same: its 完成 moved with a pass after a reopening, by the inspector (breaker49-8 S6 S2 for items)', () => {
    const defined = entry('WorkPlanItemDefined', '2026-10-01', { itemId: 'item', planId: 'plan', categoryCode: '一', code: '1', title: '公开办事指南', description: '', dueDate: '2026-12-31', measures: '' }, at(0));
    const completed = (day: string, minute: number, who: Who) => entry('WorkPlanItemCompleted', day, { itemId: 'item', completedOn: day }, at(minute), who);
    const timeline = [defined, assigned('fgw'), reported('fgw', '2026-10-20', 2), passed('fgw', 'i1', '2026-11-01', 3), completed('2026-11-01', 3, WANGFANG),
      entry('WorkPlanItemReopened', '2026-11-05', { itemId: 'item', reason: '复查', reopenedOn: '2026-11-05' }, at(6)),
      entry('PartsReopened', '2026-11-05', { reason: '复查', reopenedOn: '2026-11-05', newDueDate: '2026-11-30' }, at(6)),
      redated('fgw', '2026-11-01', '2026-10-30', 10)];
    const pastDay = itemAt(timeline, cut('2026-11-03'))!;
    expect(pastDay).toMatchObject({ status: 'COMPLETED', completedOn: '2026-10-30' });
    expect(standing(pastDay.history)).toEqual([`2026-10-30 wangfang ${at(3)}`]);
    expect(undone(itemAt(timeline, EVERY_FACT)!.history)).toEqual([]);
  });
});

describe('a record moved by a correction made after the day viewed (newcomer49-8 M2)', () => {
  it('is listed on its corrected day, its data naming the day first entered; a record not moved names none', () => {
    const timeline = [recorded(), assigned('fgw'), reported('fgw', '2026-10-02', 2),
      entry('ReportDateCorrected', '2026-12-07', { unitId: 'fgw', previousReportedOn: '2026-10-02', reportedOn: '2026-10-20', reason: '报告落款日期', correctedOn: '2026-12-07' }, at(10))];
    const pastDay = findingAt(timeline, cut('2026-11-01'))!.history.find((event) => event.type === 'RectificationReported')!;
    expect(pastDay.occurredOn).toBe('2026-10-20');
    expect(pastDay.data).toMatchObject({ reportedOn: '2026-10-20', dayAsEntered: '2026-10-02' });
    // Now the correction is listed beside it, and it reads as entered.
    const now = findingAt(timeline, EVERY_FACT)!.history.find((event) => event.type === 'RectificationReported')!;
    expect(now.occurredOn).toBe('2026-10-02');
    expect(now.data).not.toHaveProperty('dayAsEntered');
  });
});

describe('a moved pass that no longer closes the parent (breaker50-8 S1)', () => {
  // 王芳 passed 市发改委 on 11-01, 赵强 市财政局 on 11-05 (the 销号); 王芳's pass moved 11-01 → 11-08 (it closes: 销号 11-08 written),
  // then 11-08 → 11-02 (赵强's pass closes again; the decider wrote the close-out of 11-05 again beside the correction).
  const timeline = () => [recorded(), assigned('fgw'), assigned('czj'), reported('fgw', '2026-10-20', 2), reported('czj', '2026-10-21', 3),
    passed('fgw', 'i1', '2026-11-01', 4, WANGFANG), passed('czj', 'i2', '2026-11-05', 5, ZHAOQIANG), closedOut('2026-11-05', 5, ZHAOQIANG),
    redated('fgw', '2026-11-01', '2026-11-08', 10), closedOut('2026-11-08', 10, ZHANGWEI),
    redated('fgw', '2026-11-08', '2026-11-02', 11), closedOut('2026-11-05', 11, ZHANGWEI)];

  it('lists one 销号, 赵强’s of 11-05, now and on a past day; the copy the last correction wrote says it is the same (breaker51-8 S2), on no past day', () => {
    const now = findingAt(timeline(), EVERY_FACT)!;
    expect(now).toMatchObject({ status: 'CLOSED', closedOn: '2026-11-05' });
    expect(standing(now.history)).toEqual([`2026-11-05 zhaoqiang ${at(5)}`]);
    // Left out, the history now (the stream, its close-outs as listed here) showed it as a second standing 销号 by 张伟.
    expect(undone(now.history)).toEqual(['2026-11-08 2026-12-07 更正督查日期后销号不成立', '2026-11-05 2026-12-07 更正督查日期后重记，同 2026-11-05 销号']);
    for (const day of ['2026-11-06', '2026-11-10']) {
      const past = findingAt(timeline(), cut(day))!;
      expect(standing(past.history)).toEqual([`2026-11-05 zhaoqiang ${at(5)}`]);
      expect(undone(past.history)).toEqual([]);
    }
  });

  it('a close-out a correction wrote, not standing, is not listed on a day before that correction', () => {
    // An older store: the correction wrote a 销号 of a day the parent was open (a work-plan item's, on the pass's own new day).
    const defined = entry('WorkPlanItemDefined', '2026-10-01', { itemId: 'item', planId: 'plan', categoryCode: '一', code: '1', title: '公开办事指南', description: '', dueDate: '2026-12-31', measures: '' }, at(0));
    const completed = (day: string, minute: number, who: Who) => entry('WorkPlanItemCompleted', day, { itemId: 'item', completedOn: day }, at(minute), who);
    const items = [defined, assigned('fgw'), assigned('czj'), reported('fgw', '2026-10-20', 2), passed('fgw', 'i1', '2026-11-01', 4, WANGFANG),
      entry('UnitUnassigned', '2026-11-05', { unitId: 'czj', reason: '方案调整', unassignedOn: '2026-11-05' }, at(5)), completed('2026-11-05', 5, ZHANGWEI),
      redated('fgw', '2026-11-01', '2026-11-08', 10), completed('2026-11-08', 10, ZHANGWEI),
      redated('fgw', '2026-11-08', '2026-11-02', 11), completed('2026-11-02', 11, ZHANGWEI)];
    for (const day of ['2026-11-03', '2026-11-06']) expect(undone(itemAt(items, cut(day))!.history)).toEqual([]);
    expect(itemAt(items, cut('2026-11-03'))).toMatchObject({ status: 'OPEN' });
    expect(standing(itemAt(items, cut('2026-11-06'))!.history)).toEqual([`2026-11-05 zhangwei ${at(5)}`]);
  });
});

describe('a moved pass that becomes the closing pass of a finding reopened since (breaker50-8 S3)', () => {
  // 王芳 passed 市发改委 11-01, 赵强 市财政局 11-05 (销号); reopened 11-08; both re-report; 王芳 11-12, 赵强 11-14 (销号). The
  // correction moves a first-round pass so that another closes the first round; no close-out is written (reopened since).
  const rounds = (correction: () => TimelineEntry) => [recorded(), assigned('fgw'), assigned('czj'), reported('fgw', '2026-10-20', 2), reported('czj', '2026-10-21', 3),
    passed('fgw', 'i1', '2026-11-01', 4, WANGFANG), passed('czj', 'i2', '2026-11-05', 5, ZHAOQIANG), closedOut('2026-11-05', 5, ZHAOQIANG),
    entry('FindingReopened', '2026-11-08', { findingId: 'f', reason: '复查', reopenedOn: '2026-11-08' }, at(6)),
    entry('PartsReopened', '2026-11-08', { reason: '复查', reopenedOn: '2026-11-08', newDueDate: '2026-11-30' }, at(6)),
    reported('fgw', '2026-11-10', 7), reported('czj', '2026-11-10', 8),
    passed('fgw', 'i3', '2026-11-12', 9, WANGFANG), passed('czj', 'i4', '2026-11-14', 10, ZHAOQIANG), closedOut('2026-11-14', 10, ZHAOQIANG),
    correction()];

  it.each([
    ['王芳’s pass moved past 赵强’s (11-01 → 11-06)', () => redated('fgw', '2026-11-01', '2026-11-06', 20), '2026-11-06', '2026-11-07', '2026-11-05'],
    ['赵强’s pass moved before 王芳’s (11-05 → 10-30)', () => redated('czj', '2026-11-05', '2026-10-30', 20), '2026-11-01', '2026-11-03', '2026-11-05'],
  ] as const)('%s: the first 销号 is listed on its new closing day, by 王芳, now and on every day since', (_, correction, closedOn, pastDay, firstRecorded) => {
    const timeline = rounds(correction);
    const past = findingAt(timeline, cut(pastDay))!;
    expect(past).toMatchObject({ status: 'CLOSED', closedOn });
    // Entered when the first round's 销号 was recorded (赵强's pass, at(5)), not at 王芳's pass before it (breaker53-8 S4).
    expect(standing(past.history)).toEqual([`${closedOn} wangfang ${at(5)}`]);
    const now = findingAt(timeline, EVERY_FACT)!.history;
    expect(standing(now)).toEqual([`${closedOn} wangfang ${at(5)}`, `2026-11-14 zhaoqiang ${at(10)}`]);
    expect(undone(now)).toEqual([]);
    expect(now.find((event) => event.type === 'FindingClosedOut')!.data).toMatchObject({ closedOn, closedOnAsEntered: firstRecorded });
  });

  it('a work-plan item the same: its first 完成 listed on the moved pass’s day', () => {
    const defined = entry('WorkPlanItemDefined', '2026-10-01', { itemId: 'item', planId: 'plan', categoryCode: '一', code: '1', title: '公开办事指南', description: '', dueDate: '2026-12-31', measures: '' }, at(0));
    const timeline = rounds(() => redated('fgw', '2026-11-01', '2026-11-06', 20)).map((event) =>
      event.type === 'FindingRecorded' ? defined
        : event.type === 'FindingClosedOut' ? { ...event, type: 'WorkPlanItemCompleted', data: { itemId: 'item', completedOn: (event.data as { closedOn: string }).closedOn } }
          : event.type === 'FindingReopened' ? { ...event, type: 'WorkPlanItemReopened', data: { itemId: 'item', reason: '复查', reopenedOn: '2026-11-08' } } : event) as TimelineEntry[];
    const past = itemAt(timeline, cut('2026-11-07'))!;
    expect(past).toMatchObject({ status: 'COMPLETED', completedOn: '2026-11-06' });
    expect(standing(past.history)).toEqual([`2026-11-06 wangfang ${at(5)}`]);
    expect(standing(itemAt(timeline, EVERY_FACT)!.history)).toEqual([`2026-11-06 wangfang ${at(5)}`, `2026-11-14 zhaoqiang ${at(10)}`]);
  });
});
