import type { AssignmentEvent } from '../domain/assignment.events.js';
import { applyAssignmentEvent, closeOutDay, dueDateOn, dueDateOverrideInForce, firstReportOnTime, isOverdue, reportedDaysLate, termsOn, trafficLight, workDoneAsOf, type PartView, type RemovedParts } from './part-view.js';
import type { TimelineEntry } from './timeline.js';

/*
 * On-time is judged by the due date in force on the report's business day: a date given after the
 * report (a failed inspection's, a send-back's, a reopening's, an extension granted later) never
 * turns a late report into a punctual one, whatever order the facts were typed in.
 */

let revision = 0;
const entry = (on: string, event: AssignmentEvent): TimelineEntry<AssignmentEvent> => {
  revision += 1;
  return {
    ...event,
    id: `event-${revision}`,
    revision,
    occurredOn: on,
    metadata: { recordedAt: `2026-11-0${1 + (revision % 9)}T01:00:00.000Z`, actorId: 'u', actorRole: 'SUPERVISOR', actorUnitId: null },
  } as TimelineEntry<AssignmentEvent>;
};

const evidence = [{ title: '文件', link: 'https://example.gov.cn/a', documentRef: null }];
const assigned = entry('2026-04-01', { type: 'UnitAssigned', data: { unitId: 'a', role: 'LEAD', dueDate: '2026-05-15', assignedOn: '2026-04-01' } });
const reported = (on: string) => entry(on, { type: 'RectificationReported', data: { unitId: 'a', summary: '已整改', evidence, reportedOn: on } });
const failed = (on: string, newDueDate: string) =>
  entry(on, { type: 'InspectionLogged', data: { unitId: 'a', inspectionId: `i-${on}`, outcome: 'FAILED', notes: '未到位', inspectedOn: on, place: '现场', newDueDate } });
const granted = (on: string, newDueDate: string) =>
  entry(on, { type: 'ExtensionGranted', data: { unitId: 'a', requestId: `x-${on}`, previousDueDate: '2026-05-15', newDueDate, decidedOn: on } });

function partAfter(...events: TimelineEntry<AssignmentEvent>[]): PartView {
  const parts = new Map<string, PartView>();
  for (const event of events) applyAssignmentEvent(parts, event);
  return parts.get('a')!;
}

describe('a part’s due date in force on a business day', () => {
  describe('given a first report after the due date (2026-05-15)', () => {
    it('stays late after a failed inspection gives a new due date', () => {
      const part = partAfter(assigned, reported('2026-05-20'), failed('2026-05-22', '2026-06-30'));
      expect(part.dueDate).toBe('2026-06-30');
      expect(firstReportOnTime(part)).toBe(false);
    });

    it('stays late after an extension granted later, even one typed in before the report', () => {
      expect(firstReportOnTime(partAfter(assigned, granted('2026-05-25', '2026-06-30'), reported('2026-05-20')))).toBe(false);
    });
  });

  describe('given an extension granted before the report', () => {
    it('judges the report by the extended date', () => {
      const part = partAfter(assigned, granted('2026-05-10', '2026-06-01'), reported('2026-05-20'));
      expect(firstReportOnTime(part)).toBe(true);
      expect([dueDateOn(part, '2026-05-09'), dueDateOn(part, '2026-05-10'), dueDateOn(part, '2026-03-01')]).toEqual(['2026-05-15', '2026-06-01', '2026-05-15']);
    });
  });

  describe('given an extension granted on the day of a late first report (breaker8s P4)', () => {
    it('judges the report by the extended date whichever was typed first, as its 逾期 N 天 does (was: late when the report was typed first)', () => {
      for (const part of [partAfter(assigned, reported('2026-05-20'), granted('2026-05-20', '2026-06-01')), partAfter(assigned, granted('2026-05-20', '2026-06-01'), reported('2026-05-20'))]) {
        expect([firstReportOnTime(part), reportedDaysLate(part)]).toEqual([true, 0]);
      }
    });
  });

  describe('given facts typed in out of business order', () => {
    it('keeps as due date the one that took effect last by business day', () => {
      const part = partAfter(assigned, reported('2026-05-01'), failed('2026-05-20', '2026-07-31'), granted('2026-05-10', '2026-06-01'));
      expect(part.dueDate).toBe('2026-07-31');
      expect(dueDateOn(part, '2026-05-15')).toBe('2026-06-01');
    });
  });

  describe('given a failed inspection corrected to another day, then to PASSED', () => {
    it('moves the date it gave with it, then drops it', () => {
      const first = failed('2026-05-22', '2026-06-30');
      const moved = entry('2026-05-24', {
        type: 'InspectionCorrected',
        data: { unitId: 'a', inspectionId: 'i-2026-05-22', previousInspectedOn: '2026-05-22', inspectedOn: '2026-05-24', previousOutcome: 'FAILED', outcome: 'FAILED', reason: '日期录错', correctedOn: '2026-11-01' },
      });
      const part = partAfter(assigned, reported('2026-05-20'), first, moved);
      expect([dueDateOn(part, '2026-05-23'), dueDateOn(part, '2026-05-24')]).toEqual(['2026-05-15', '2026-06-30']);
      const passed = entry('2026-05-24', {
        type: 'InspectionCorrected',
        data: { unitId: 'a', inspectionId: 'i-2026-05-22', previousInspectedOn: '2026-05-24', inspectedOn: '2026-05-24', previousOutcome: 'FAILED', outcome: 'PASSED', reason: '结论录错', correctedOn: '2026-11-02' },
      });
      applyAssignmentEvent(new Map([['a', part]]), passed);
      expect(part.dueDate).toBe('2026-05-15');
    });
  });
});

describe('a part whose terms a plan revision changed (2026-05-15 → 常态化)', () => {
  const madeStanding = (on: string) =>
    entry(on, { type: 'PartsRescheduled', data: { previousDueDate: '2026-05-15', dueDate: '2026-12-31', rescheduledOn: on, terms: { kind: 'STANDING', reportEvery: 'QUARTER' } } });

  it('is standing from the revision on: never late for a report after it', () => {
    const part = partAfter(assigned, madeStanding('2026-05-10'), reported('2026-05-20'));
    expect(part).toMatchObject({ dueDate: '2026-12-31', terms: { kind: 'STANDING', reportEvery: 'QUARTER' } });
    expect(firstReportOnTime(part)).toBe(true);
  });

  it('keeps a report that was late before the revision late', () => {
    const part = partAfter(assigned, reported('2026-05-20'), madeStanding('2026-06-01'));
    expect(part.terms.kind).toBe('STANDING');
    expect([termsOn(part, '2026-05-20'), termsOn(part, '2026-06-01')].map((terms) => terms.kind)).toEqual(['BY_DATE', 'STANDING']);
    expect(firstReportOnTime(part)).toBe(false);
  });
});

describe('a part handed over on a day before facts of its predecessor entered earlier', () => {
  it('folds them into the successor’s part in business order, as the view now shows them', () => {
    const parts = new Map<string, PartView>();
    const handedOver = entry('2026-05-10', { type: 'PartHandedOver', data: { unitId: 'a', successorUnitId: 'b', reason: '机构改革', handedOverOn: '2026-05-10' } });
    for (const event of [assigned, handedOver, reported('2026-05-12')]) applyAssignmentEvent(parts, event);
    expect([...parts.keys()]).toEqual(['b']);
    expect(parts.get('b')).toMatchObject({ status: 'REPORTED', heldBefore: ['a'] });
  });
});

describe('a plan re-dating (PartsRescheduled) is judged on its own day (breaker8 S3)', () => {
  const rescheduled = (on: string, previousDueDate: string, dueDate: string) => entry(on, { type: 'PartsRescheduled', data: { previousDueDate, dueDate, rescheduledOn: on } });
  const passed = (on: string) =>
    entry(on, { type: 'InspectionLogged', data: { unitId: 'a', inspectionId: `p-${on}`, outcome: 'PASSED', notes: '', inspectedOn: on, place: '现场' } });
  const inBusinessOrder = (...events: TimelineEntry<AssignmentEvent>[]) => partAfter(...[...events].sort((x, y) => (x.occurredOn < y.occurredOn ? -1 : x.occurredOn > y.occurredOn ? 1 : 0)));

  it('given a part reported and verified after it, entered before it: the re-dating of 05-10 still moves it, in record and business order alike', () => {
    const late = [assigned, reported('2026-06-01'), passed('2026-06-05'), rescheduled('2026-05-10', '2026-05-15', '2026-06-30')];
    for (const part of [partAfter(...late), inBusinessOrder(...late)]) {
      expect(part.dueDate).toBe('2026-06-30');
      expect(dueDateOn(part, '2026-05-09')).toBe('2026-05-15');
      // Reported on 06-01 against the due date in force then, 06-30: on time.
      expect(firstReportOnTime(part)).toBe(true);
    }
  });

  it('given a part verified before the re-dating: it keeps its due date, in either order', () => {
    const events = [assigned, reported('2026-05-01'), passed('2026-05-05'), rescheduled('2026-05-10', '2026-05-15', '2026-06-30')];
    for (const part of [partAfter(...events), inBusinessOrder(...events)]) expect(part.dueDate).toBe('2026-05-15');
  });

  it('given a part due on another day by then (an extension granted before): it keeps that one', () => {
    const events = [assigned, granted('2026-05-02', '2026-05-31'), rescheduled('2026-05-10', '2026-05-15', '2026-06-30')];
    expect(partAfter(...events).dueDate).toBe('2026-05-31');
  });

  it('given a part assigned after the re-dating: it is not moved (it was assigned with the date then in force)', () => {
    const later = entry('2026-05-20', { type: 'UnitAssigned', data: { unitId: 'a', role: 'LEAD', dueDate: '2026-05-15', assignedOn: '2026-05-20' } });
    expect(partAfter(later, rescheduled('2026-05-10', '2026-05-15', '2026-06-30')).dueDate).toBe('2026-05-15');
  });
});

describe('a part reported late: not overdue any more, its lateness kept (the lead’s rule on breaker11b G4 / breaker11c N3)', () => {
  const passed = (on: string) => entry(on, { type: 'InspectionLogged', data: { unitId: 'a', inspectionId: `p-${on}`, outcome: 'PASSED', notes: '', inspectedOn: on, place: '现场' } });

  it('is red and overdue before its report, then green, not overdue, and 5 days late once reported on 05-20 (due 05-15)', () => {
    const before = partAfter(assigned);
    expect([trafficLight(before, '2026-05-19', 3), isOverdue(before, '2026-05-19'), reportedDaysLate(before)]).toEqual(['RED', true, null]);
    const after = partAfter(assigned, reported('2026-05-20'));
    expect([trafficLight(after, '2026-05-25', 3), isOverdue(after, '2026-05-25'), reportedDaysLate(after)]).toEqual(['GREEN', false, 5]);
    expect(firstReportOnTime(after)).toBe(false);
  });

  it('keeps the lateness once verified; a report on time is 0 days late', () => {
    expect(reportedDaysLate(partAfter(assigned, reported('2026-05-20'), passed('2026-05-22')))).toBe(5);
    expect(reportedDaysLate(partAfter(assigned, reported('2026-05-15')))).toBe(0);
  });

  it('is null while the unit has to act again (its days left tell the lateness), and a re-report is judged by the date the failure gave', () => {
    expect(reportedDaysLate(partAfter(assigned, reported('2026-05-20'), failed('2026-05-22', '2026-06-30')))).toBeNull();
    expect(reportedDaysLate(partAfter(assigned, reported('2026-05-20'), failed('2026-05-22', '2026-06-30'), reported('2026-07-02')))).toBe(2);
    expect(reportedDaysLate(partAfter(assigned, reported('2026-05-20'), failed('2026-05-22', '2026-06-30'), reported('2026-06-20')))).toBe(0);
  });
});

describe('a late report returned on the day it arrived (breaker11d P1: judged by the due date that stood when it was made)', () => {
  const at = (on: string, recordedAt: string, event: AssignmentEvent) => ({ ...entry(on, event), metadata: { ...entry(on, event).metadata, recordedAt } }) as TimelineEntry<AssignmentEvent>;
  const assignedEarly = at('2026-04-01', '2026-04-01T01:00:00.000Z', assigned);
  const lateReport = at('2026-05-20', '2026-05-20T02:00:00.000Z', reported('2026-05-20'));
  // Recorded at the same instant as the report (one clock tick): still after it.
  const sentBack = at('2026-05-20', '2026-05-20T02:00:00.000Z', { type: 'ReportSentBack', data: { unitId: 'a', reason: '材料不全', sentBackOn: '2026-05-20', newDueDate: '2026-06-30' } });
  const failedThatDay = at('2026-05-20', '2026-05-20T03:00:00.000Z', failed('2026-05-20', '2026-06-30'));

  it('given a send-back with a new date that day: the report stays late, now and folded in business order', () => {
    const part = partAfter(assignedEarly, lateReport, sentBack);
    expect([part.dueDate, firstReportOnTime(part)]).toEqual(['2026-06-30', false]);
  });

  it('given a failed inspection with a new date that day: the report stays late', () => {
    expect(firstReportOnTime(partAfter(assignedEarly, lateReport, failedThatDay))).toBe(false);
  });

  it('given an extension granted that day: the report is judged by it, whichever was typed first (breaker8s P4: typed after, it was late in 单位排名 while 逾期 N 天 said 0)', () => {
    const grantedFirst = at('2026-05-20', '2026-05-20T01:30:00.000Z', granted('2026-05-20', '2026-06-01'));
    expect(firstReportOnTime(partAfter(assignedEarly, grantedFirst, lateReport))).toBe(true);
    const grantedAfter = at('2026-05-20', '2026-05-20T04:00:00.000Z', granted('2026-05-20', '2026-06-01'));
    expect(firstReportOnTime(partAfter(assignedEarly, lateReport, grantedAfter))).toBe(true);
  });

  it('given a re-report after the failure of that day: it is judged by the date the failure gave', () => {
    const reReport = at('2026-05-20', '2026-05-20T05:00:00.000Z', reported('2026-05-20'));
    const part = partAfter(assignedEarly, lateReport, failedThatDay, reReport);
    expect([firstReportOnTime(part), reportedDaysLate(part)]).toEqual([false, 0]);
  });
});

describe('a plan change removing a unit (breaker8c P14)', () => {
  const passed = (on: string) => entry(on, { type: 'InspectionLogged', data: { unitId: 'a', inspectionId: `i-${on}`, outcome: 'PASSED', notes: '', inspectedOn: on, place: '现场' } });
  const unassigned = (on: string) => entry(on, { type: 'UnitUnassigned', data: { unitId: 'a', reason: '职责调整', unassignedOn: on } });
  const partsAfter = (...events: TimelineEntry<AssignmentEvent>[]) => {
    const parts = new Map<string, PartView>();
    for (const event of events) applyAssignmentEvent(parts, event);
    return parts;
  };

  it('takes an open part off, reports and all', () => {
    expect(partsAfter(assigned, unassigned('2026-06-01')).has('a')).toBe(false);
    expect(partsAfter(assigned, reported('2026-05-10'), failed('2026-05-20', '2026-06-30'), unassigned('2026-06-01')).has('a')).toBe(false);
  });

  // h57a (breaker55-8 S2): as the deciders refuse such a removal (newcomer53-10 S1), a removal folded after the report (by day, the
  // report entered after the removal) leaves it on, awaiting inspection; a return dated before the removal, entered later, takes it off.
  it('keeps a part whose report awaits inspection, in either order the report and the removal were entered', () => {
    const removed: RemovedParts = new Map();
    const typedLate = new Map<string, PartView>();
    for (const event of [assigned, unassigned('2026-06-01'), reported('2026-05-10')]) applyAssignmentEvent(typedLate, event, removed);
    expect(typedLate.get('a')).toMatchObject({ status: 'REPORTED' });
    expect(closeOutDay(typedLate, removed)).toBeNull();
    const byDay: RemovedParts = new Map();
    const dateOrder = new Map<string, PartView>();
    for (const event of [assigned, reported('2026-05-10'), unassigned('2026-06-01')]) applyAssignmentEvent(dateOrder, event, byDay);
    expect(dateOrder.get('a')).toMatchObject({ status: 'REPORTED' });
    // The send-back of 05-20 found later: off the item again, as of the removal's day.
    applyAssignmentEvent(typedLate, failed('2026-05-20', '2026-06-30'), removed);
    expect(typedLate.has('a')).toBe(false);
    expect(removed.get('a')).toMatchObject({ on: '2026-06-01', part: { status: 'RETURNED' } });
    expect(removed.get('a')?.kept).toBeUndefined();
  });

  it('keeps a verified part, as a removal stored before such removals were refused: its verification and on-time credit stand', () => {
    const part = partsAfter(assigned, reported('2026-05-10'), passed('2026-05-12'), unassigned('2026-09-01')).get('a');
    expect(part).toMatchObject({ status: 'VERIFIED', verifiedOn: '2026-05-12' });
    expect(firstReportOnTime(part!)).toBe(true);
  });
});

describe('how far a part’s work stood on a day (workDoneAsOf, what a 机构改革 join weighs — breaker8n P1)', () => {
  // Facts of one office day in the order entered, as both folds apply them (business-time-agreement seed 9, batch 8: the
  // decider took a re-report of a failed inspection's own day, entered after it, as answering it; this read it as answered).
  const at = (instant: string, fact: TimelineEntry<AssignmentEvent>): TimelineEntry<AssignmentEvent> => ({ ...fact, metadata: { ...fact.metadata, recordedAt: instant } });
  const day = '2026-04-26';

  it('given a report, then a failed inspection of the same day: it owes its report again', () => {
    const part = partAfter(assigned, at('2026-11-29T02:17:00.000Z', reported(day)), at('2026-11-29T02:30:00.000Z', failed(day, '2026-05-10')));
    expect(workDoneAsOf(part, day)).toBe(0);
  });

  it('given a re-report of that day entered after the failed inspection: reported (awaiting inspection)', () => {
    const part = partAfter(assigned, at('2026-11-29T02:17:00.000Z', reported(day)), at('2026-11-29T02:30:00.000Z', failed(day, '2026-05-10')), at('2026-11-29T03:02:00.000Z', reported(day)));
    expect(workDoneAsOf(part, day)).toBe(1);
    expect(workDoneAsOf(part, '2026-04-25')).toBe(0);
  });

  it('given a failed inspection on a later day: it owes from that day, reported before', () => {
    const part = partAfter(assigned, at('2026-11-29T02:17:00.000Z', reported(day)), at('2026-11-29T02:10:00.000Z', failed('2026-05-10', '2026-05-31')));
    expect(workDoneAsOf(part, '2026-05-09')).toBe(1);
    expect(workDoneAsOf(part, '2026-05-10')).toBe(0);
  });
});

describe('an extension granted and a return of the same office day (breaker8u P1)', () => {
  /** The entries as typed in this order: each recorded a minute after the one before. */
  const typed = (...entries: TimelineEntry<AssignmentEvent>[]) =>
    entries.map((one, index) => ({ ...one, metadata: { ...one.metadata, recordedAt: `2026-11-20T01:${String(index).padStart(2, '0')}:00.000Z` } }));
  const sentBack = (on: string, newDueDate: string) => entry(on, { type: 'ReportSentBack', data: { unitId: 'a', reason: '材料不全', sentBackOn: on, newDueDate } });

  it.each([
    ['a failed inspection', failed('2026-05-20', '2026-06-20')],
    ['a send-back', sentBack('2026-05-20', '2026-06-20')],
  ])('with %s giving an earlier date: the grant’s later date stands whichever was typed first, now and on every day after', (_what, returned) => {
    const grant = granted('2026-05-20', '2026-06-30');
    const grantFirst = partAfter(...typed(assigned, reported('2026-05-10'), grant, returned));
    const returnFirst = partAfter(...typed(assigned, reported('2026-05-10'), returned, grant));
    for (const part of [grantFirst, returnFirst]) {
      expect(part.dueDate).toBe('2026-06-30');
      expect([dueDateOn(part, '2026-05-19'), dueDateOn(part, '2026-05-20'), dueDateOn(part, '2026-06-25')]).toEqual(['2026-05-15', '2026-06-30', '2026-06-30']);
    }
  });

  it('on different days the later fact still rules: a return the day after the grant gives its own date', () => {
    const part = partAfter(...typed(assigned, reported('2026-05-10'), granted('2026-05-20', '2026-06-30'), failed('2026-05-21', '2026-06-20')));
    expect(part.dueDate).toBe('2026-06-20');
  });
});

describe('the override (特批) behind the due date in force (newcomer48-10 M2)', () => {
  const override = { reason: '项目跨年度实施，经分管副市长同意', limit: '2026-12-31' };
  const assignedPast = entry('2026-04-01', { type: 'UnitAssigned', data: { unitId: 'a', role: 'LEAD', dueDate: '2027-03-31', assignedOn: '2026-04-01', dueDateOverride: override } });
  const grantedPast = entry('2026-06-10', {
    type: 'ExtensionGranted',
    data: { unitId: 'a', requestId: 'x-late', previousDueDate: '2026-05-15', newDueDate: '2027-01-31', decidedOn: '2026-06-10', dueDateOverride: override },
  });

  it('is the assignment’s, with its reason, limit and day, while its date stands', () => {
    expect(dueDateOverrideInForce(partAfter(assignedPast))).toEqual({ ...override, approvedOn: '2026-04-01' });
  });

  it('is the grant’s once an extension past the limit gives the date, and none for a date within it', () => {
    expect(dueDateOverrideInForce(partAfter(assigned, grantedPast))).toEqual({ ...override, approvedOn: '2026-06-10' });
    expect(dueDateOverrideInForce(partAfter(assigned))).toBeNull();
    expect(dueDateOverrideInForce(partAfter(assignedPast, failed('2026-06-20', '2026-09-30')))).toBeNull();
  });

  it('is the re-dating’s when the plan (by hand or by a version) moves the part past the limit with one (breaker50-10 S1)', () => {
    const redatedPast = entry('2026-07-05', {
      type: 'PartsRescheduled',
      data: { previousDueDate: '2026-05-15', dueDate: '2027-03-31', rescheduledOn: '2026-07-05', dueDateOverride: override },
    });
    expect(dueDateOverrideInForce(partAfter(assigned, redatedPast))).toEqual({ ...override, approvedOn: '2026-07-05' });
    const redatedBack = entry('2026-08-01', { type: 'PartsRescheduled', data: { previousDueDate: '2027-03-31', dueDate: '2026-11-30', rescheduledOn: '2026-08-01' } });
    expect(dueDateOverrideInForce(partAfter(assigned, redatedPast, redatedBack))).toBeNull();
  });
});
