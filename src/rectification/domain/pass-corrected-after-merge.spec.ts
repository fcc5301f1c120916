import { assignmentsOn, partsOf, type AssignmentsState } from '../../assignments/domain/assignment.decider.js';
import type { AssignmentEvent } from '../../assignments/domain/assignment.events.js';
import type { UnitNames } from '../../assignments/domain/assignment.commands.js';
import { fold } from '../../shared/decider.js';
import { clerkOf, supervisor } from '../../shared/testing/actors.js';
import { given } from '../../shared/testing/decider-testing.js';
import { findingDecider, type FindingCommand, type FindingState } from './finding.decider.js';
import type { FindingStreamEvent } from './finding.events.js';

/*
 * breaker8p P4 (issue 8 item 4): a pass entered by mistake for 环保局, whose unit merged into 生态局 since, is corrected to a
 * failure as any late fact is — the failure of 06-15 returns the part to 环保局, and the merge of 07-01 passes it to 生态局, as
 * the papers typed in date order give (was CONFLICT 「…已并入…，不再承担新的工作」 naming 环保局, NOT_FOUND naming 生态局: the
 * finding stayed closed on the mistaken pass for good).
 */

const FINDING = 'finding-s10';
const ENVIRONMENT = 'unit-environment';
const ECOLOGY = 'unit-ecology';
const MERGED_ON = '2016-07-01';
const TODAY = '2026-12-03';
const directory: UnitNames = {
  nameOf: (unitId) => ({ [ENVIRONMENT]: '环保局', [ECOLOGY]: '生态局' })[unitId],
  mergerOf: (unitId) => (unitId === ENVIRONMENT ? { successorUnitId: ECOLOGY, mergedOn: MERGED_ON } : undefined),
  handOversOf: () => [],
};
const stateAfter = (events: readonly FindingStreamEvent[]): FindingState => fold(findingDecider, events);
const partsNow = (events: readonly FindingStreamEvent[]): AssignmentsState => {
  const state = stateAfter(events);
  if (state.status === 'unrecorded') throw new Error('expected a recorded finding');
  return state.assignments;
};

const recorded: FindingStreamEvent = {
  type: 'FindingRecorded',
  data: { findingId: FINDING, evaluationId: 'evaluation-2015', title: '环境信息公开不及时', description: '环境信息公开不及时', category: '主动公开', severity: 'MEDIUM', concernedUnitIds: [ENVIRONMENT, ECOLOGY], identifiedOn: '2016-04-10', measures: '' },
};
const assigned = (unitId: string, role: 'LEAD' | 'RESPONSIBLE', dueDate: string): AssignmentEvent => ({ type: 'UnitAssigned', data: { unitId, role, dueDate, assignedOn: '2016-04-20' } });
const reported: AssignmentEvent = { type: 'RectificationReported', data: { unitId: ENVIRONMENT, summary: '已整改', evidence: [{ title: '材料', link: null, documentRef: '环发〔2016〕1号' }], reportedOn: '2016-06-10' } };
const inspected = (outcome: 'PASSED' | 'FAILED'): AssignmentEvent => ({
  type: 'InspectionLogged',
  data: { unitId: ENVIRONMENT, inspectionId: 'inspection-1', outcome, notes: outcome === 'FAILED' ? '督查结论录错，实为未通过' : '', inspectedOn: '2016-06-15', place: '现场', ...(outcome === 'FAILED' ? { newDueDate: '2016-07-15' } : {}) },
});
const merged: AssignmentEvent = { type: 'PartHandedOver', data: { unitId: ENVIRONMENT, successorUnitId: ECOLOGY, reason: '环保局于 2016-07-01 并入生态局，其未完成的任务由生态局承担', handedOverOn: MERGED_ON } };
const correction = (overrides: Partial<FindingCommand> = {}): FindingCommand =>
  ({
    type: 'CorrectInspection',
    actor: supervisor,
    today: TODAY,
    unitId: ENVIRONMENT,
    inspectionId: 'inspection-1',
    outcome: 'FAILED',
    newDueDate: '2016-07-15',
    expectedInspectedOn: '2016-06-15',
    expectedOutcome: 'PASSED',
    reason: '督查结论录错，实为未通过',
    unitNames: directory,
    ...overrides,
  }) as FindingCommand;

/** What each view reads of the parts on a day. */
const read = (parts: AssignmentsState) => partsOf(parts).map((part) => [part.unitId, part.role, part.status, part.dueDate, part.heldBefore, part.heldSince, part.verifiedOn]);
const DAYS = ['2016-06-14', '2016-06-15', '2016-06-30', MERGED_ON, '2016-07-16', TODAY];

describe('a pass corrected to a failure after its unit merged (breaker8p P4)', () => {
  // 环保局 alone, due 06-20, reported 06-10, passed 06-15 (closed out); the merge of 07-01 passed nothing (the part stood verified).
  const passedAlone = [recorded, assigned(ENVIRONMENT, 'LEAD', '2016-06-20'), reported, inspected('PASSED'), { type: 'FindingClosedOut', data: { findingId: FINDING, closedOn: '2016-06-15' } } as FindingStreamEvent];

  it('given the closed finding, when the supervisor corrects the pass to FAILED naming 环保局, then the finding reopens from 06-15 and the returned part passes to 生态局 on the merge day — as in date order', () => {
    const events = findingDecider.decide(correction(), stateAfter(passedAlone));
    expect(events.map((event) => event.type)).toEqual(['InspectionCorrected', 'FindingReopened', 'PartHandedOver']);
    expect(events[2]!.data).toMatchObject({ unitId: ENVIRONMENT, successorUnitId: ECOLOGY, handedOverOn: MERGED_ON });
    const after = partsNow([...passedAlone, ...events]);
    const inDateOrder = partsNow([recorded, assigned(ENVIRONMENT, 'LEAD', '2016-06-20'), reported, inspected('FAILED'), merged]);
    for (const day of DAYS) expect([day, read(assignmentsOn(after, day))]).toEqual([day, read(assignmentsOn(inDateOrder, day))]);
    expect(read(after)).toEqual([[ECOLOGY, 'LEAD', 'RETURNED', '2016-07-15', [ENVIRONMENT], MERGED_ON, null]]);
    expect(stateAfter([...passedAlone, ...events]).status).toBe('open');
  });

  it('given 生态局 also had a part, when the pass is corrected to FAILED, then 环保局’s returned part joins 生态局’s on the merge day — as in date order', () => {
    const both = [recorded, assigned(ENVIRONMENT, 'LEAD', '2016-06-20'), assigned(ECOLOGY, 'RESPONSIBLE', '2016-07-30'), reported, inspected('PASSED')];
    const events = findingDecider.decide(correction(), stateAfter(both));
    expect(events.map((event) => event.type)).toEqual(['InspectionCorrected', 'PartHandedOver']);
    const after = partsNow([...both, ...events]);
    const inDateOrder = partsNow([recorded, assigned(ENVIRONMENT, 'LEAD', '2016-06-20'), assigned(ECOLOGY, 'RESPONSIBLE', '2016-07-30'), reported, inspected('FAILED'), merged]);
    for (const day of DAYS) expect([day, read(assignmentsOn(after, day))]).toEqual([day, read(assignmentsOn(inDateOrder, day))]);
  });

  it('a correction moving the failure to the merge day or later is refused: 环保局 took no work from then (CONFLICT naming the successor)', () => {
    given(findingDecider, passedAlone).when(correction({ inspectedOn: MERGED_ON, expectedInspectedOn: undefined } as Partial<FindingCommand>)).thenRefused('CONFLICT', /merged into/, /已于 2016-07-01 并入生态局/);
  });

  it('a pass corrected to a pass on another day before the merge, or a failure corrected to a pass, is taken as before', () => {
    expect(findingDecider.decide(correction({ outcome: undefined, newDueDate: undefined, expectedOutcome: undefined, inspectedOn: '2016-06-16' } as Partial<FindingCommand>), stateAfter(passedAlone)).map((event) => event.type)).toEqual(['InspectionCorrected', 'FindingClosedOut']);
  });

  it('after the correction the successor’s clerk reports on the returned part; 环保局’s own clerk is told it passed', () => {
    const corrected = [...passedAlone, ...findingDecider.decide(correction(), stateAfter(passedAlone))];
    const report = (actor: ReturnType<typeof clerkOf>, unitId: string) => ({ type: 'ReportRectification', actor, today: TODAY, unitId, summary: '重新整改', evidence: [{ title: '材料', link: null, documentRef: '生发〔2016〕2号' }], reportedOn: '2016-07-10', unitNames: directory }) as FindingCommand;
    expect(findingDecider.decide(report(clerkOf(ECOLOGY), ECOLOGY), stateAfter(corrected)).map((event) => event.type)).toEqual(['RectificationReported']);
    given(findingDecider, corrected).when(report(clerkOf(ENVIRONMENT), ENVIRONMENT)).thenRefused('CONFLICT');
  });
});
