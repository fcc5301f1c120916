import { fold } from '../../shared/decider.js';
import { DomainError } from '../../shared/domain-error.js';
import { clerkOf, inspector, supervisor, admin } from '../../shared/testing/actors.js';
import type { AssignmentCommand, UnitNames } from './assignment.commands.js';
import { assignmentsOn, decideAssignment, evolveAssignments, initialAssignmentsState, partsOf, type AssignmentsState } from './assignment.decider.js';
import type { AssignmentEvent } from './assignment.events.js';

/*
 * A join: a unit's part passes (机构改革 merge, 职能调整 hand-over) into the part its successor already holds of the same finding.
 * The join's day is still a working day of both (breaker8u P8): the joining unit's own papers of that day (its report, request or
 * withdrawal, the office's urging, send-back, failed inspection or extension decision about it) and the successor's own papers
 * about its own part that day (its report, the office's inspection — a pass too — send-back, urging) came before the join,
 * whichever was typed first. Typed after the join they are decided as in date order: the join comes off, the paper is taken,
 * the join is made again (`decidedBeforeJoins`) — so every order of typing leaves the same parts, at every past day.
 */

const JOINING = 'unit-a';
const SUCCESSOR = 'unit-b';
const DAY = '2016-05-20';
const TODAY = '2026-11-30';
const NAMES: Record<string, string> = { [JOINING]: '市甲局', [SUCCESSOR]: '市乙局' };
const directory = (merged: boolean): UnitNames => ({
  nameOf: (unitId) => NAMES[unitId],
  mergerOf: (unitId) => (merged && unitId === JOINING ? { successorUnitId: SUCCESSOR, mergedOn: DAY } : undefined),
});
const evidence = [{ title: '公开页面', link: 'https://www.example.gov.cn/p', documentRef: null }];
const assigned: AssignmentEvent[] = [
  { type: 'UnitAssigned', data: { unitId: JOINING, role: 'LEAD', dueDate: '2016-05-31', assignedOn: '2016-04-26' } },
  { type: 'UnitAssigned', data: { unitId: SUCCESSOR, role: 'RESPONSIBLE', dueDate: '2016-05-31', assignedOn: '2016-04-26' } },
];
const reported = (unitId: string, reportedOn: string): AssignmentEvent => ({ type: 'RectificationReported', data: { unitId, summary: '已整改', evidence, reportedOn } });

type Paper = (names: UnitNames) => AssignmentCommand;
const report = (unitId: string): Paper => (unitNames) => ({ type: 'ReportRectification', actor: clerkOf(unitId), today: TODAY, unitId, summary: '已整改', evidence, reportedOn: DAY, unitNames });
const inspect = (unitId: string, outcome: 'PASSED' | 'FAILED'): Paper => (unitNames) => ({
  type: 'LogInspection', actor: inspector, today: TODAY, unitId, inspectionId: `inspection-${unitId}`, outcome, notes: '核实', inspectedOn: DAY, place: '现场', ...(outcome === 'FAILED' ? { newDueDate: '2016-06-30' } : {}), unitNames,
});
const urge = (unitId: string): Paper => (unitNames) => ({ type: 'UrgeUnit', actor: supervisor, today: TODAY, unitId, message: '请抓紧', urgedOn: DAY, unitNames });

/** breaker8u P8's papers (py/pairs3.py, join2.py, pairs6.py), each with the reports entered before. */
const CASES: readonly (readonly [string, readonly AssignmentEvent[], Paper])[] = [
  ['the joining unit’s report of the day, the successor reported before', [reported(SUCCESSOR, '2016-05-10')], report(JOINING)],
  ['the joining unit’s report of the day, the successor not reported', [], report(JOINING)],
  ['the successor’s own report of the day', [], report(SUCCESSOR)],
  ['the successor’s own report of the day, the joining unit reported before', [reported(JOINING, '2016-05-12')], report(SUCCESSOR)],
  ['the successor’s pass of the day, both reported before', [reported(SUCCESSOR, '2016-05-10'), reported(JOINING, '2016-05-12')], inspect(SUCCESSOR, 'PASSED')],
  ['the successor’s failed inspection of the day', [reported(SUCCESSOR, '2016-05-10')], inspect(SUCCESSOR, 'FAILED')],
  ['the joining unit’s failed inspection of the day, both reported before', [reported(SUCCESSOR, '2016-05-10'), reported(JOINING, '2016-05-12')], inspect(JOINING, 'FAILED')],
  ['the office’s urging of the joining unit that day', [], urge(JOINING)],
  // breaker8v P11: the joining unit's own pass of the join day, typed after the join, was refused for good.
  ['the joining unit’s pass of the day, both reported before', [reported(SUCCESSOR, '2016-05-10'), reported(JOINING, '2016-05-12')], inspect(JOINING, 'PASSED')],
  ['the joining unit’s pass of the day, the successor not reported', [reported(JOINING, '2016-05-12')], inspect(JOINING, 'PASSED')],
];

const stateAfter = (events: readonly AssignmentEvent[]): AssignmentsState => fold({ initialState: initialAssignmentsState, evolve: evolveAssignments }, events);
const attempt = (command: AssignmentCommand, events: readonly AssignmentEvent[]): readonly AssignmentEvent[] | string => {
  try {
    return decideAssignment(command, stateAfter(events), { parentClosed: false });
  } catch (error) {
    if (error instanceof DomainError) return `${error.code} ${error.messageZh}`;
    throw error;
  }
};
/** The parts as every reading shows them: now, and at each day around the join. */
const readings = (events: readonly AssignmentEvent[]) => {
  const read = (state: AssignmentsState) =>
    partsOf(state)
      .map((part) => [part.unitId, part.role, part.status, part.dueDate, [...(part.heldBefore ?? [])].sort(), part.lastReport?.reportedOn ?? null, part.reportCount, part.inspections.map((one) => [one.inspectedOn, one.outcome]), part.urgeCount, part.verifiedOn])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  const state = stateAfter(events);
  return { now: read(state), ...Object.fromEntries(['2016-05-19', DAY, '2016-05-21'].map((day) => [day, read(assignmentsOn(state, day))])) };
};

describe.each([
  ['merged into', true],
  ['handed over to', false],
] as const)('the day a unit is %s one holding a part of the same finding (a join; breaker8u P8)', (_how, merging) => {
  const join = (unitNames: UnitNames): AssignmentCommand => ({
    type: 'HandOverPart', actor: admin, today: TODAY, unitId: JOINING, successorUnitId: SUCCESSOR, reason: merging ? '机构改革' : '职能调整', handedOverOn: DAY, ...(merging ? { merging: true } : {}), unitNames,
  });

  it.each(CASES)('%s: taken in both orders, and the parts read alike now and on every day', (_what, before, paper) => {
    const history = [...assigned, ...before];
    const typedInOrder = (first: 'paper' | 'join') => {
      const events = [...history];
      const steps = first === 'paper' ? [paper(directory(false)), join(directory(merging))] : [join(directory(merging)), paper(directory(merging))];
      for (const step of steps) {
        const decided = attempt(step, events);
        // Date order's own answer to a join after the joining part's pass of the day: a verified part stays with its unit (a
        // reorganisation passes only open work; the merge's handler does not even send it).
        if (typeof decided === 'string' && step.type === 'HandOverPart' && /确认完成.*不再移交/u.test(decided)) continue;
        expect([first, step.type, typeof decided === 'string' ? decided : 'taken']).toEqual([first, step.type, 'taken']);
        events.push(...(decided as AssignmentEvent[]));
      }
      return events;
    };
    expect(readings(typedInOrder('join'))).toEqual(readings(typedInOrder('paper')));
  });

  /* breaker8v P11 (T3j): the joining unit's report AND its pass of the join day, and the join: 5 of 6 orders refused the pass. */
  const PAPERS_OF_THE_DAY: readonly [string, (merged: boolean) => AssignmentCommand][] = [
    ['report', (merged) => report(JOINING)(directory(merged))],
    ['pass', (merged) => inspect(JOINING, 'PASSED')(directory(merged))],
    ['join', (merged) => join(directory(merged))],
  ];
  // Every order with the report before its pass (a pass of nothing reported is refused in any order).
  const ORDERS = [[0, 1, 2], [0, 2, 1], [2, 0, 1]] as const;
  it.each(ORDERS)(
    'the joining unit’s report and pass of the day and the join, typed %i %i %i: each taken, the parts read alike in every order',
    (...order) => {
      const history = [...assigned, reported(SUCCESSOR, '2016-05-10')];
      const typed = (steps: readonly number[]) => {
        const events = [...history];
        const outcomes: string[] = [];
        let joined = false;
        for (const step of steps) {
          const [name, command] = PAPERS_OF_THE_DAY[step]!;
          const decided = attempt(command(joined), events);
          if (name === 'join') joined = true;
          // As above: the join of a part passed that day, typed after the pass, is date order's refusal.
          const refusedAsDateOrder = typeof decided === 'string' && name === 'join' && /确认完成.*不再移交/u.test(decided);
          outcomes.push(`${name}: ${typeof decided === 'string' && !refusedAsDateOrder ? decided : 'taken'}`);
          if (typeof decided !== 'string') events.push(...decided);
        }
        return { outcomes: outcomes.sort(), readings: readings(events) };
      };
      // Date order: the report, then the pass (a pass needs its report), then the join of the day.
      expect(typed(order)).toEqual(typed([0, 1, 2]));
    },
  );
});
