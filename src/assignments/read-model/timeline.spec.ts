import type { AssignmentEvent } from '../domain/assignment.events.js';
import { historyAt, timelineAt, type TimelineEntry } from './timeline.js';
import type { TimeCut } from '../../shared/time-cut.js';

/*
 * A past day's history lists what had happened by that day: a correction happened on the day it
 * was made, so a day before it lists neither the correction nor (when the fact it corrects came
 * later too) the corrected fact — for findings and work-plan items alike, which share this timeline.
 */

let revision = 0;
const entry = (on: string, recordedAt: string, event: AssignmentEvent): TimelineEntry<AssignmentEvent> => {
  revision += 1;
  return { ...event, id: `event-${revision}`, revision, occurredOn: on, metadata: { recordedAt, actorId: 'u', actorRole: 'SUPERVISOR', actorUnitId: null } } as TimelineEntry<AssignmentEvent>;
};
const evidence = [{ title: '文件', link: 'https://example.gov.cn/a', documentRef: null }];
const assigned = entry('2016-05-01', '2026-11-29T01:00:00.000Z', { type: 'UnitAssigned', data: { unitId: 'a', role: 'LEAD', dueDate: '2016-07-31', assignedOn: '2016-05-01' } });
const reported = entry('2016-06-10', '2026-11-29T02:00:00.000Z', { type: 'RectificationReported', data: { unitId: 'a', summary: '已整改', evidence, reportedOn: '2016-06-10' } });
const inspected = entry('2016-06-20', '2026-11-29T03:00:00.000Z', {
  type: 'InspectionLogged',
  data: { unitId: 'a', inspectionId: 'i-1', outcome: 'PASSED', notes: '核实', inspectedOn: '2016-06-20', place: '现场' },
});
const inspectionCorrected = entry('2026-11-30', '2026-11-30T02:00:00.000Z', {
  type: 'InspectionCorrected',
  data: { unitId: 'a', inspectionId: 'i-1', previousInspectedOn: '2016-06-20', inspectedOn: '2016-06-18', previousOutcome: 'PASSED', outcome: 'PASSED', reason: '日期抄错', correctedOn: '2026-11-30' },
});
const reportCorrected = entry('2026-11-30', '2026-11-30T03:00:00.000Z', {
  type: 'ReportDateCorrected',
  data: { unitId: 'a', previousReportedOn: '2016-06-10', reportedOn: '2016-06-08', reason: '日期抄错', correctedOn: '2026-11-30' },
});
const timeline = [assigned, reported, inspected, inspectionCorrected, reportCorrected];

const historyOn = (cut: TimeCut) => historyAt(timeline, timelineAt(timeline, cut), cut).map((event) => `${event.type} ${event.occurredOn}`);

describe('a past day’s history (breaker, issue 8 round 3)', () => {
  it('given corrections made on 2026-11-30, when viewed as of 2016-06-01, then it lists neither them nor the later inspection', () => {
    expect(historyOn({ asOf: '2016-06-01', knownAt: null, axes: [] })).toEqual(['UnitAssigned 2016-05-01']);
  });

  it('when viewed as of 2016-06-19, then it lists the report and the inspection on their corrected days, as the view counts them, but not the corrections made later', () => {
    // Never an entry dated after the day viewed (the inspection was first entered for 2016-06-20).
    expect(historyOn({ asOf: '2016-06-19', knownAt: null, axes: [] })).toEqual(['UnitAssigned 2016-05-01', 'RectificationReported 2016-06-08', 'InspectionLogged 2016-06-18']);
    const inspection = historyAt(timeline, timelineAt(timeline, { asOf: '2016-06-19', knownAt: null, axes: [] }), { asOf: '2016-06-19', knownAt: null, axes: [] }).at(-1)!;
    expect(inspection).toMatchObject({ id: inspected.id, revision: inspected.revision, data: { inspectedOn: '2016-06-18', outcome: 'PASSED' } });
  });

  it('given a correction to a later day, when viewed between the two days, then it does not list the fact at all, as the view does not count it', () => {
    const movedLater = entry('2026-11-30', '2026-11-30T04:00:00.000Z', {
      type: 'InspectionCorrected',
      data: { unitId: 'a', inspectionId: 'i-1', previousInspectedOn: '2016-06-18', inspectedOn: '2016-06-25', previousOutcome: 'PASSED', outcome: 'PASSED', reason: '日期抄错', correctedOn: '2026-11-30' },
    });
    const later = [...timeline, movedLater];
    const cut = { asOf: '2016-06-21', knownAt: null, axes: [] };
    expect(historyAt(later, timelineAt(later, cut), cut).map((event) => `${event.type} ${event.occurredOn}`)).toEqual(['UnitAssigned 2016-05-01', 'RectificationReported 2016-06-08']);
  });

  it('when viewed on the day of the corrections, then it lists each beside the fact it corrects', () => {
    expect(historyOn({ asOf: '2026-11-30', knownAt: null, axes: [] })).toEqual([
      'UnitAssigned 2016-05-01',
      'RectificationReported 2016-06-10',
      'InspectionLogged 2016-06-20',
      'InspectionCorrected 2026-11-30',
      'ReportDateCorrected 2026-11-30',
    ]);
  });

  it('when known before the corrections were recorded, then it lists none of them', () => {
    expect(historyOn({ asOf: '2026-11-30', knownAt: '2026-11-30T01:00:00.000Z', axes: [] })).toEqual(['UnitAssigned 2016-05-01', 'RectificationReported 2016-06-10', 'InspectionLogged 2016-06-20']);
  });
});
