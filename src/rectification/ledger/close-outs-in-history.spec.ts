import type { TimelineEntry } from '../../assignments/read-model/timeline.js';
import { EVERY_FACT, type TimeCut } from '../../shared/time-cut.js';
import { itemAt } from '../../work-plan/breakdown/work-plan-ledger.js';
import { findingAt } from './rectification-ledger.js';

/*
 * newcomer46 S1 / M1 / M5: a history at a past day listed a close-out its own view said never happened. A pass of
 * 2016-07-02 corrected to a failure on 2026-12-06: as of 2016-07-10 the finding was 整改中 and its inspection 不通过,
 * yet the history listed 「2016-07-02 销号」 and a 重新打开 by the supervisor on 2016-07-02 (the 2026 correction's).
 * An inspection moved from 07-05 to 07-08: as of 07-06 the history still listed 「2016-07-05 销号」. Now, the API's
 * history listed such a close-out with nothing saying it no longer stands (the page said 「销号不成立」).
 */

const TYPED = '2026-12-01T02:00:00.000Z';
const CORRECTED = '2026-12-06T07:45:55.123Z';
let revision = 0;
const entry = (type: string, occurredOn: string, data: Record<string, unknown>, recordedAt = TYPED): TimelineEntry => {
  revision += 1;
  return { type, data, id: `e-${revision}`, revision, occurredOn, metadata: { recordedAt, actorId: 'u', actorRole: 'SUPERVISOR', actorUnitId: null } } as unknown as TimelineEntry;
};
const cut = (asOf: string): TimeCut => ({ asOf, knownAt: null, axes: ['BUSINESS_DAY'] });
const lines = (history: readonly TimelineEntry[]) => history.map((event) => `${event.occurredOn} ${event.type}${event.closeOutUndone ? `（${event.closeOutUndone}）` : ''}`);

const partWork = (passedOn: string, closeOut: (day: string) => TimelineEntry) => [
  entry('UnitAssigned', '2016-04-26', { unitId: 'fgw', role: 'LEAD', dueDate: '2016-06-30', assignedOn: '2016-04-26' }),
  entry('RectificationReported', '2016-06-25', { unitId: 'fgw', summary: '整改', evidence: [], reportedOn: '2016-06-25' }),
  entry('InspectionLogged', passedOn, { unitId: 'fgw', inspectionId: 'i-1', outcome: 'PASSED', notes: '已整改到位', inspectedOn: passedOn, place: '现场' }),
  closeOut(passedOn),
];
const outcomeCorrected = entry('InspectionCorrected', '2026-12-06', {
  unitId: 'fgw', inspectionId: 'i-1', previousInspectedOn: '2016-07-02', inspectedOn: '2016-07-02', previousOutcome: 'PASSED', outcome: 'FAILED', reason: '督查记录表结论为不通过', correctedOn: '2026-12-06', newDueDate: '2016-07-31',
}, CORRECTED);

describe('a finding’s history lists its close-outs as the view counts them (newcomer46 S1, M1)', () => {
  const recorded = entry('FindingRecorded', '2016-04-20', { findingId: 'f', evaluationId: 'e', title: '办事指南缺少收费依据', description: '', category: '主动公开', severity: 'LOW', concernedUnitIds: [], identifiedOn: '2016-04-20' });
  const closedOut = (day: string, at = TYPED) => entry('FindingClosedOut', day, { findingId: 'f', closedOn: day }, at);

  describe('given a pass of 2016-07-02 corrected to a failure on 2026-12-06', () => {
    const timeline = [recorded, ...partWork('2016-07-02', (day) => closedOut(day)), outcomeCorrected, entry('FindingReopened', '2016-07-02', { findingId: 'f', reason: '督查记录表结论为不通过', reopenedOn: '2016-07-02' }, CORRECTED)];

    it('as of 2016-07-10 lists neither a close-out nor a reopening: the finding is 整改中, its inspection failed', () => {
      const at = findingAt(timeline, cut('2016-07-10'))!;
      expect(at).toMatchObject({ status: 'OPEN', closedOn: null });
      expect(lines(at.history)).toEqual(['2016-04-20 FindingRecorded', '2016-04-26 UnitAssigned', '2016-06-25 RectificationReported', '2016-07-02 InspectionLogged']);
      expect(at.history.at(-1)!.data).toMatchObject({ outcome: 'FAILED' });
    });

    it('now lists the close-out as recorded, saying it does not stand and why, beside the correction', () => {
      expect(lines(findingAt(timeline, EVERY_FACT)!.history)).toEqual([
        '2016-04-20 FindingRecorded',
        '2016-04-26 UnitAssigned',
        '2016-06-25 RectificationReported',
        '2016-07-02 InspectionLogged',
        '2016-07-02 FindingClosedOut（2026-12-06 更正督查结果后销号不成立）',
        '2026-12-06 InspectionCorrected',
        // Written beside the correction, it reopened nothing: the pass failed all along (breaker51-8 M1).
        '2016-07-02 FindingReopened（2026-12-06 更正督查结果后销号不成立，未曾重新打开）',
      ]);
    });

    it('as known before the correction was recorded, lists the close-out as it stood then, unmarked', () => {
      const at = findingAt(timeline, { asOf: '2016-07-10', knownAt: '2026-12-06T07:45:55.122Z', axes: ['BUSINESS_DAY', 'RECORD_TIME'] })!;
      expect(at).toMatchObject({ status: 'CLOSED', closedOn: '2016-07-02' });
      expect(lines(at.history).at(-1)).toBe('2016-07-02 FindingClosedOut');
    });
  });

  describe('given an inspection of 2016-07-05 moved to 2016-07-08 (the close-out recorded again on that day)', () => {
    const timeline = [
      recorded,
      ...partWork('2016-07-05', (day) => closedOut(day)),
      entry('FactDateCorrected', '2026-12-06', { unitId: 'fgw', factType: 'InspectionLogged', previousOn: '2016-07-05', on: '2016-07-08', reason: '日期抄错', correctedOn: '2026-12-06' }, CORRECTED),
      closedOut('2016-07-08', CORRECTED),
    ];

    it('as of 2016-07-06 lists no close-out, and as of 2016-07-10 only the one of 2016-07-08', () => {
      expect(lines(findingAt(timeline, cut('2016-07-06'))!.history).filter((line) => line.includes('Closed') || line.includes('Inspection'))).toEqual([]);
      expect(lines(findingAt(timeline, cut('2016-07-10'))!.history).filter((line) => line.includes('Closed') || line.includes('Inspection'))).toEqual(['2016-07-08 InspectionLogged', '2016-07-08 FindingClosedOut']);
    });

    it('now marks the close-out of 2016-07-05 as moved to 2016-07-08 (breaker49-8 S2: the same closing, not one that did not stand)', () => {
      expect(lines(findingAt(timeline, EVERY_FACT)!.history).filter((line) => line.includes('Closed'))).toEqual(['2016-07-05 FindingClosedOut（2026-12-06 更正督查日期后销号改记于 2016-07-08）', '2016-07-08 FindingClosedOut']);
    });
  });

  describe('given a close-out that a correction made later moved to an earlier day (newcomer48-8 S1)', () => {
    const as = (event: TimelineEntry, actorId: string): TimelineEntry => ({ ...event, metadata: { ...event.metadata, actorId, actorRole: actorId === 'wangfang' ? 'INSPECTOR' : 'SUPERVISOR' } });
    const typedClosed = (day: string) => as(closedOut(day), 'wangfang');
    const movedBy = (correction: TimelineEntry) => [as(correction, 'zhangwei'), as(closedOut('2016-06-03', CORRECTED), 'zhangwei')];
    const moves: [string, TimelineEntry[], TimelineEntry][] = [
      ['更正督查记录', partWork('2016-06-06', typedClosed), entry('InspectionCorrected', '2026-12-06', { unitId: 'fgw', inspectionId: 'i-1', previousInspectedOn: '2016-06-06', inspectedOn: '2016-06-03', previousOutcome: 'PASSED', outcome: 'PASSED', reason: '督查记录表日期为6月3日', correctedOn: '2026-12-06' }, CORRECTED)],
      ['更正记录日期', partWork('2016-06-06', typedClosed), entry('FactDateCorrected', '2026-12-06', { unitId: 'fgw', factType: 'InspectionLogged', previousOn: '2016-06-06', on: '2016-06-03', reason: '日期抄错', correctedOn: '2026-12-06' }, CORRECTED)],
    ];
    it.each(moves)('after %s, as of a day between, lists the close-out by the inspector who closed it, entered when she entered it', (_, work, correction) => {
      const timeline = [recorded, ...work.map((event) => (event.type === 'InspectionLogged' ? as(event, 'wangfang') : event)), ...movedBy(correction)];
      const at = findingAt(timeline, cut('2016-06-05'))!;
      expect(at).toMatchObject({ status: 'CLOSED', closedOn: '2016-06-03' });
      const closeOuts = at.history.filter((event) => event.type === 'FindingClosedOut');
      expect(closeOuts).toEqual([expect.objectContaining({ occurredOn: '2016-06-03', data: expect.objectContaining({ closedOn: '2016-06-03' }), metadata: expect.objectContaining({ actorId: 'wangfang', recordedAt: TYPED }) })]);
      expect(closeOuts[0]!.closeOutUndone).toBeUndefined();
      // Once the correction is on the day viewed, it is its own line by its author; the close-out is still the inspector's
      // (breaker49-8 S2, newcomer49-8 S2: 张伟 corrected a day, he closed nothing), saying the day first recorded.
      const now = findingAt(timeline, EVERY_FACT)!.history;
      const standing = now.filter((event) => event.type === 'FindingClosedOut' && !event.closeOutUndone);
      expect(standing.map((event) => [event.occurredOn, event.metadata.actorId, event.metadata.recordedAt, (event.data as { closedOnAsEntered?: string }).closedOnAsEntered])).toEqual([['2016-06-03', 'wangfang', TYPED, '2016-06-06']]);
      expect(now.find((event) => event.type === correction.type)!.metadata.actorId).toBe('zhangwei');
      expect(now.some((event) => event.type === correction.type)).toBe(true);
    });
  });

  it('given a reopening dated before a close-out, typed after it, lists the close-out marked at any later day (it did not stand then either)', () => {
    // 市发改委 passed on 07-01, 市财政局 on 07-12 (the close-out); the reopening of 07-11 (市发改委's part back) typed later.
    const czj = [
      entry('UnitAssigned', '2016-04-26', { unitId: 'czj', role: 'ASSIST', dueDate: '2016-06-30', assignedOn: '2016-04-26' }),
      entry('RectificationReported', '2016-06-25', { unitId: 'czj', summary: '整改', evidence: [], reportedOn: '2016-06-25' }),
      entry('InspectionLogged', '2016-07-12', { unitId: 'czj', inspectionId: 'i-2', outcome: 'PASSED', notes: '', inspectedOn: '2016-07-12', place: '现场' }),
    ];
    const reopenedAt = '2026-12-02T02:00:00.000Z';
    const timeline = [
      recorded,
      ...partWork('2016-07-01', () => czj[0]!).slice(0, 3),
      ...czj,
      closedOut('2016-07-12'),
      entry('FindingReopened', '2016-07-11', { findingId: 'f', reason: '群众反映仍未整改', reopenedOn: '2016-07-11' }, reopenedAt),
      entry('PartsReopened', '2016-07-11', { reason: '群众反映仍未整改', reopenedOn: '2016-07-11', newDueDate: '2016-08-31' }, reopenedAt),
    ];
    const marked = '2016-07-12 FindingClosedOut（因 2016-07-11 重新打开，此销号不成立）';
    expect(findingAt(timeline, cut('2016-07-20'))).toMatchObject({ status: 'OPEN', closedOn: null });
    expect(lines(findingAt(timeline, cut('2016-07-20'))!.history)).toContain(marked);
    expect(lines(findingAt(timeline, EVERY_FACT)!.history)).toContain(marked);
  });

  it('given a close-out that stands, then reopened later, lists it unmarked', () => {
    const timeline = [recorded, ...partWork('2016-07-02', (day) => closedOut(day)), entry('FindingReopened', '2016-07-20', { findingId: 'f', reason: '群众反映仍未整改', reopenedOn: '2016-07-20' }, '2026-12-02T02:00:00.000Z')];
    expect(lines(findingAt(timeline, EVERY_FACT)!.history)).toEqual(expect.arrayContaining(['2016-07-02 FindingClosedOut', '2016-07-20 FindingReopened']));
  });
});

describe('a work-plan item’s history says 完成 for its completions (newcomer46 S1, M5)', () => {
  const defined = entry('WorkPlanItemDefined', '2016-04-20', { itemId: 'item', planId: 'plan', categoryCode: '一', code: '1', title: '公开办事指南', description: '', dueDate: '2016-09-30', measures: '' });
  const completed = (day: string) => entry('WorkPlanItemCompleted', day, { itemId: 'item', completedOn: day });
  const timeline = [defined, ...partWork('2016-07-02', completed), outcomeCorrected, entry('WorkPlanItemReopened', '2016-07-02', { itemId: 'item', reason: '督查记录表结论为不通过', reopenedOn: '2016-07-02' }, CORRECTED)];

  it('as of 2016-07-10 lists no completion and no reopening; now marks the completion in the item’s own words', () => {
    const at = itemAt(timeline, cut('2016-07-10'))!;
    expect(at).toMatchObject({ status: 'OPEN', completedOn: null });
    expect(lines(at.history).filter((line) => /Completed|Reopened/u.test(line))).toEqual([]);
    expect(lines(itemAt(timeline, EVERY_FACT)!.history).filter((line) => /Completed|Reopened/u.test(line))).toEqual(['2016-07-02 WorkPlanItemCompleted（2026-12-06 更正督查结果后完成不成立）', '2016-07-02 WorkPlanItemReopened（2026-12-06 更正督查结果后完成不成立，未曾重新打开）']);
  });
});

describe('a 销号 an older Rectify recorded on another day than the closing it stands for (breaker53-8 S1)', () => {
  // 市发改委 passed 10-22, was reopened alone 10-28, re-reported and passed 11-02; 市财政局's pass of 10-25 typed then wrote
  // FindingClosedOut {closedOn: 11-02} alone. By date it closed on 10-25 — listed there, but saying the day it was recorded with.
  const at = (second: number) => `2026-12-06T17:00:${String(second).padStart(2, '0')}.000Z`;
  const recorded = entry('FindingRecorded', '2026-10-01', { findingId: 'f', evaluationId: 'e', title: 't', description: '', category: '主动公开', severity: 'HIGH', concernedUnitIds: [], identifiedOn: '2026-10-01' }, at(0));
  const timeline = [
    recorded,
    entry('UnitAssigned', '2026-10-05', { unitId: 'fgw', role: 'LEAD', dueDate: '2026-11-30', assignedOn: '2026-10-05' }, at(1)),
    entry('UnitAssigned', '2026-10-05', { unitId: 'czj', role: 'RESPONSIBLE', dueDate: '2026-11-30', assignedOn: '2026-10-05' }, at(1)),
    entry('RectificationReported', '2026-10-20', { unitId: 'fgw', summary: 's', evidence: [], reportedOn: '2026-10-20' }, at(3)),
    entry('RectificationReported', '2026-10-21', { unitId: 'czj', summary: 's', evidence: [], reportedOn: '2026-10-21' }, at(4)),
    entry('InspectionLogged', '2026-10-22', { unitId: 'fgw', inspectionId: 'i1', outcome: 'PASSED', notes: '', inspectedOn: '2026-10-22', place: '现场' }, at(5)),
    entry('PartsReopened', '2026-10-28', { reason: '复查', reopenedOn: '2026-10-28', newDueDate: '2026-12-31', unitIds: ['fgw'] }, at(6)),
    entry('RectificationReported', '2026-11-01', { unitId: 'fgw', summary: 's', evidence: [], reportedOn: '2026-11-01' }, at(7)),
    entry('InspectionLogged', '2026-11-02', { unitId: 'fgw', inspectionId: 'i2', outcome: 'PASSED', notes: '', inspectedOn: '2026-11-02', place: '现场' }, at(8)),
    entry('InspectionLogged', '2026-10-25', { unitId: 'czj', inspectionId: 'i3', outcome: 'PASSED', notes: '', inspectedOn: '2026-10-25', place: '现场' }, at(9)),
    entry('FindingClosedOut', '2026-11-02', { findingId: 'f', closedOn: '2026-11-02' }, at(9)),
  ];

  it('is listed on 10-25 with the day it was recorded (closedOnAsEntered 11-02), never as if written so', () => {
    const closeOuts = findingAt(timeline, EVERY_FACT)!.history.filter((event) => event.type === 'FindingClosedOut');
    expect(closeOuts.map((event) => [event.occurredOn, event.data, event.metadata.recordedAt])).toEqual([['2026-10-25', { findingId: 'f', closedOn: '2026-10-25', closedOnAsEntered: '2026-11-02' }, at(9)]]);
  });
});
