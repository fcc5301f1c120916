import { fold } from '../../shared/decider.js';
import { applyAssignmentEvent, type PartView } from '../read-model/part-view.js';
import type { TimelineEntry } from '../read-model/timeline.js';
import { admin } from '../../shared/testing/actors.js';
import { assignmentsOn, decideAssignment, evolveAssignments, handOversDue, initialAssignmentsState, partsOf, type AssignmentsState } from './assignment.decider.js';
import type { AssignmentEvent } from './assignment.events.js';
import { handOversAfterWithdrawal } from './part-facts.js';

/*
 * Two bureaus merged into one unit on one day (breaker8l P11): the joined part keeps the stricter record — the earlier due
 * date — whichever paper was typed first. Typed with the stricter one second, the record that moved in first is set aside;
 * a withdrawal dated before the day, typed last, undoes both steps and leaves each bureau its own part as it was (breaker8m
 * P1: the set-aside record was lost, live and cut told two stories), in the decider and on the read side alike.
 */

const BUREAU_A = 'unit-a';
const BUREAU_B = 'unit-b';
const MERGED = 'unit-s';
const DAY = '2016-07-01';
const events: AssignmentEvent[] = [
  { type: 'UnitAssigned', data: { unitId: BUREAU_A, role: 'LEAD', dueDate: '2016-12-31', assignedOn: '2016-04-26' } },
  { type: 'UnitAssigned', data: { unitId: BUREAU_B, role: 'RESPONSIBLE', dueDate: '2016-10-31', assignedOn: '2016-04-26' } },
  { type: 'PartHandedOver', data: { unitId: BUREAU_A, successorUnitId: MERGED, reason: '机构改革', handedOverOn: DAY } },
  { type: 'PartHandedOver', data: { unitId: BUREAU_B, successorUnitId: MERGED, reason: '机构改革', handedOverOn: DAY } },
];
const stateAfter = (history: readonly AssignmentEvent[]): AssignmentsState => fold({ initialState: initialAssignmentsState, evolve: evolveAssignments }, history);
const decided = (state: AssignmentsState) => partsOf(state).map((part) => [part.unitId, part.role, part.dueDate, part.heldBefore ?? []]);

let revision = 0;
const entry = (event: AssignmentEvent): TimelineEntry<AssignmentEvent> => {
  revision += 1;
  const occurredOn = event.type === 'UnitAssigned' ? event.data.assignedOn : (event.data as { handedOverOn: string }).handedOverOn;
  return { ...event, id: `event-${revision}`, revision, occurredOn, metadata: { recordedAt: `2026-11-30T01:00:${String(revision).padStart(2, '0')}.000Z`, actorId: 'u', actorRole: 'ADMIN', actorUnitId: null } } as TimelineEntry<AssignmentEvent>;
};
const viewed = (history: readonly AssignmentEvent[]) => {
  const parts = new Map<string, PartView>();
  for (const event of history) applyAssignmentEvent(parts, entry(event));
  return [...parts.values()].map((part) => [part.unitId, part.role, part.dueDate, part.heldBefore]);
};

describe('two merges into one unit on one day, the stricter record typed second', () => {
  it('keeps the stricter record in the decider and on the read side', () => {
    expect(decided(stateAfter(events))).toEqual([[MERGED, 'LEAD', '2016-10-31', [BUREAU_B, BUREAU_A]]]);
    expect(viewed(events)).toEqual([[MERGED, 'LEAD', '2016-10-31', [BUREAU_B, BUREAU_A]]]);
  });

  it('a withdrawal dated before the day undoes both steps: each bureau holds its own part again, folded as recorded and by day', () => {
    const undone = handOversAfterWithdrawal({}, stateAfter(events), '2016-06-20', '问题');
    expect(undone.map((event) => [event.type, event.data.unitId, event.data.successorUnitId, event.data.handedOverOn])).toEqual([
      ['PartHandOverUndone', BUREAU_B, MERGED, DAY],
      ['PartHandOverUndone', BUREAU_A, MERGED, DAY],
    ]);
    const asBefore = [
      [BUREAU_A, 'LEAD', '2016-12-31', []],
      [BUREAU_B, 'RESPONSIBLE', '2016-10-31', []],
    ];
    const after = stateAfter([...events, ...undone]);
    expect(decided(after).sort()).toEqual(asBefore);
    expect(decided(assignmentsOn(after, '2026-11-30')).sort()).toEqual(asBefore);
    expect(viewed([...events, ...undone]).sort()).toEqual(asBefore);
  });
});

/*
 * A→B and B→C handed over on one day (职能调整 in a chain), A→B typed first so that A's part joined B's own (breaker8m P3):
 * the holder at the day's start hands over (breaker8f P13), so B→C undoes that join, passes B's own part, and passes A's to B
 * again — as typing B→C first gives. Not for a merge of B that day: B ceases to exist and what it holds at the day's end passes.
 */
describe('a hand-over of a unit whose own part another joined that same day', () => {
  const C = 'unit-c';
  const chain: AssignmentEvent[] = [events[0]!, events[1]!, { type: 'PartHandedOver', data: { unitId: BUREAU_A, successorUnitId: BUREAU_B, reason: '职能调整', handedOverOn: DAY } }];
  const handOverB = { type: 'HandOverPart', actor: admin, today: '2026-11-30', unitId: BUREAU_B, successorUnitId: C, reason: '职能调整', handedOverOn: DAY } as const;
  const asTypedTheOtherWay = [[BUREAU_B, 'LEAD', '2016-12-31', [BUREAU_A]], [C, 'RESPONSIBLE', '2016-10-31', [BUREAU_B]]];

  it('passes only what B held at the day’s start: the join comes off, B’s own part passes, A’s passes to B again', () => {
    const decidedEvents = decideAssignment(handOverB, stateAfter(chain), { parentClosed: false });
    expect(decidedEvents.map((event) => [event.type, (event.data as { unitId: string }).unitId, (event.data as { successorUnitId: string }).successorUnitId])).toEqual([
      ['PartHandOverUndone', BUREAU_A, BUREAU_B],
      ['PartHandedOver', BUREAU_B, C],
      ['PartHandedOver', BUREAU_A, BUREAU_B],
    ]);
    const after = stateAfter([...chain, ...decidedEvents]);
    expect(decided(after).sort()).toEqual(asTypedTheOtherWay);
    expect(decided(assignmentsOn(after, '2026-11-30')).sort()).toEqual(asTypedTheOtherWay);
    expect(viewed([...chain, ...decidedEvents]).sort()).toEqual(asTypedTheOtherWay);
  });

  it('a merge of B that day passes what B holds at the day’s end, the joined part whole', () => {
    const decidedEvents = decideAssignment({ ...handOverB, reason: '机构改革', merging: true }, stateAfter(chain), { parentClosed: false });
    expect(decidedEvents.map((event) => event.type)).toEqual(['PartHandedOver']);
    expect(decided(stateAfter([...chain, ...decidedEvents]))).toEqual([[C, 'LEAD', '2016-10-31', [BUREAU_A, BUREAU_B]]]);
  });

  it('refuses (CONFLICT, in Chinese) when B has a record on the joined part dated that day or later: the office must say whose duties it was about', () => {
    const reported: AssignmentEvent = { type: 'RectificationReported', data: { unitId: BUREAU_B, summary: '已整改', evidence: [], reportedOn: '2016-07-05' } };
    let refusal: unknown;
    try {
      decideAssignment(handOverB, stateAfter([...chain, reported]), { parentClosed: false });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({ code: 'CONFLICT', messageZh: expect.stringMatching(/的任务同日并入.*已有合并后任务 2016-07-05 的记录；同一天内只移交当天开始时所承担的任务/) });
  });
});

/*
 * Three bureaus merged into one unit on one day (breaker8m P2): typed A, C, B, the third paper met a record another had
 * joined that day and was not weighed — C's record (11-30) stood over B's earlier due date (10-31), and the earlier holders
 * listed in typing order. Every order keeps B's record and lists B first, then C, then A (as `keepsJoiningRecord` weighs
 * them), in the decider and on the read side; a withdrawal dated before the day undoes all three steps in any order.
 */
describe('three merges into one unit on one day, typed in every order', () => {
  const BUREAU_C = 'unit-c';
  const assigned: AssignmentEvent[] = [
    events[0]!,
    events[1]!,
    { type: 'UnitAssigned', data: { unitId: BUREAU_C, role: 'RESPONSIBLE', dueDate: '2016-11-30', assignedOn: '2016-04-26' } },
  ];
  const merged = (unitId: string): AssignmentEvent => ({ type: 'PartHandedOver', data: { unitId, successorUnitId: MERGED, reason: '机构改革', handedOverOn: DAY } });
  const orders = [
    [BUREAU_A, BUREAU_B, BUREAU_C],
    [BUREAU_A, BUREAU_C, BUREAU_B],
    [BUREAU_B, BUREAU_A, BUREAU_C],
    [BUREAU_B, BUREAU_C, BUREAU_A],
    [BUREAU_C, BUREAU_A, BUREAU_B],
    [BUREAU_C, BUREAU_B, BUREAU_A],
  ];

  it.each(orders)('typed %s, %s, %s: B’s record is kept (due 10-31, leading), the holders listed B, C, A', (...order) => {
    const history = [...assigned, ...order.map(merged)];
    const state = stateAfter(history);
    expect(decided(state).map(([unitId, role, dueDate]) => [unitId, role, dueDate])).toEqual([[MERGED, 'LEAD', '2016-10-31']]);
    expect(decided(assignmentsOn(state, '2026-11-30')).map(([unitId, role, dueDate]) => [unitId, role, dueDate])).toEqual([[MERGED, 'LEAD', '2016-10-31']]);
    expect(viewed(history)).toEqual([[MERGED, 'LEAD', '2016-10-31', [BUREAU_B, BUREAU_C, BUREAU_A]]]);
  });

  it.each(orders)('typed %s, %s, %s, then a withdrawal dated before the day: each bureau holds its own part again', (...order) => {
    const history = [...assigned, ...order.map(merged)];
    const undone = handOversAfterWithdrawal({}, stateAfter(history), '2016-06-20', '问题');
    expect(undone).toHaveLength(3);
    const asBefore = [
      [BUREAU_A, 'LEAD', '2016-12-31', []],
      [BUREAU_B, 'RESPONSIBLE', '2016-10-31', []],
      [BUREAU_C, 'RESPONSIBLE', '2016-11-30', []],
    ];
    const after = stateAfter([...history, ...undone]);
    expect(decided(after).sort()).toEqual(asBefore);
    expect(decided(assignmentsOn(after, '2026-11-30')).sort()).toEqual(asBefore);
    expect(viewed([...history, ...undone]).sort()).toEqual(asBefore);
  });
});

/*
 * The same chain known from the 单位名录 first (A's duties to B and B's to C, both on one day), the 交办 rows typed after: B's
 * own row made A's part (passed to B that day) join B's own, and B's hand-over due then passed both to C (time2's s23 Left 3).
 * The holder at the day's start hands over, on this path too: A's part stays with B, B's own passes to C.
 */
describe('a directory chain of one day (A→B, B→C), the rows typed after', () => {
  const C = 'unit-c';
  const directory = {
    nameOf: (unitId: string) => ({ [BUREAU_A]: '市甲局', [BUREAU_B]: '市乙局', [C]: '市丙局' })[unitId],
    handOversOf: (unitId: string) => (unitId === BUREAU_A ? [{ successorUnitId: BUREAU_B, on: DAY }] : unitId === BUREAU_B ? [{ successorUnitId: C, on: DAY }] : []),
  };
  const joinedIntoB: AssignmentEvent[] = [events[0]!, events[1]!, { type: 'PartHandedOver', data: { unitId: BUREAU_A, successorUnitId: BUREAU_B, reason: '职能调整', handedOverOn: DAY } }];
  const asTypedTheOtherWay = [[BUREAU_B, 'LEAD', '2016-12-31', [BUREAU_A]], [C, 'RESPONSIBLE', '2016-10-31', [BUREAU_B]]];

  it('B’s hand-over due passes only B’s own part: the join of the day comes off, B’s part passes, A’s passes to B again', () => {
    const due = handOversDue({ unitNames: directory }, stateAfter(joinedIntoB));
    expect(due.map((event) => [event.type, (event.data as { unitId: string }).unitId, (event.data as { successorUnitId: string }).successorUnitId])).toEqual([
      ['PartHandOverUndone', BUREAU_A, BUREAU_B],
      ['PartHandedOver', BUREAU_B, C],
      ['PartHandedOver', BUREAU_A, BUREAU_B],
    ]);
    const after = [...joinedIntoB, ...due];
    expect(decided(stateAfter(after)).sort()).toEqual(asTypedTheOtherWay);
    expect(decided(assignmentsOn(stateAfter(after), '2026-11-30')).sort()).toEqual(asTypedTheOtherWay);
    expect(viewed(after).sort()).toEqual(asTypedTheOtherWay);
  });
});

/*
 * The same with two records of one due date (time2's s24 Left 1): the tie goes to the leading part's record, read as each
 * record's own role — not the role a lead's part joining it that day gave it. Typed A, B, C, B's record took A's lead role
 * and C (due the same day, 责任单位) was weighed against a "lead" and lost; typed A, C, B, C's did and B lost: two typing
 * orders kept two records. Every order keeps B's (the same due date and role as C's; B first by unit), and one day's holders
 * list in one order, a fourth paper (D, due earlier) kept over either.
 */
describe('merges of one day with two records due the same day, typed in every order', () => {
  const BUREAU_C = 'unit-c';
  const BUREAU_D = 'unit-d';
  const assign = (unitId: string, role: 'LEAD' | 'RESPONSIBLE', dueDate: string): AssignmentEvent => ({ type: 'UnitAssigned', data: { unitId, role, dueDate, assignedOn: '2016-04-26' } });
  const merged = (unitId: string): AssignmentEvent => ({ type: 'PartHandedOver', data: { unitId, successorUnitId: MERGED, reason: '机构改革', handedOverOn: DAY } });
  const orders = (units: readonly string[]): string[][] => (units.length <= 1 ? [[...units]] : units.flatMap((unit) => orders(units.filter((other) => other !== unit)).map((rest) => [unit, ...rest])));
  const three = [assign(BUREAU_A, 'LEAD', '2016-12-31'), assign(BUREAU_B, 'RESPONSIBLE', '2016-10-31'), assign(BUREAU_C, 'RESPONSIBLE', '2016-10-31')];

  it.each(orders([BUREAU_A, BUREAU_B, BUREAU_C]))('typed %s, %s, %s: B’s record is kept, the holders listed B, C, A', (...order) => {
    const history = [...three, ...order.map(merged)];
    const state = stateAfter(history);
    expect(decided(state).map(([unitId, role, dueDate]) => [unitId, role, dueDate])).toEqual([[MERGED, 'LEAD', '2016-10-31']]);
    expect(decided(assignmentsOn(state, '2026-11-30')).map(([unitId, role, dueDate]) => [unitId, role, dueDate])).toEqual([[MERGED, 'LEAD', '2016-10-31']]);
    expect(viewed(history)).toEqual([[MERGED, 'LEAD', '2016-10-31', [BUREAU_B, BUREAU_C, BUREAU_A]]]);
  });

  it.each(orders([BUREAU_A, BUREAU_B, BUREAU_C]))('typed %s, %s, %s, then a withdrawal dated before the day: each bureau holds its own part again', (...order) => {
    const history = [...three, ...order.map(merged)];
    const undone = handOversAfterWithdrawal({}, stateAfter(history), '2016-06-20', '问题');
    const asBefore = [
      [BUREAU_A, 'LEAD', '2016-12-31', []],
      [BUREAU_B, 'RESPONSIBLE', '2016-10-31', []],
      [BUREAU_C, 'RESPONSIBLE', '2016-10-31', []],
    ];
    expect(decided(stateAfter([...history, ...undone])).sort()).toEqual(asBefore);
    expect(viewed([...history, ...undone]).sort()).toEqual(asBefore);
  });

  it.each(orders([BUREAU_A, BUREAU_B, BUREAU_C, BUREAU_D]))('typed %s, %s, %s, %s (D due 09-30): D’s record is kept, the holders listed D, B, C, A', (...order) => {
    const history = [...three, assign(BUREAU_D, 'RESPONSIBLE', '2016-09-30'), ...order.map(merged)];
    expect(decided(stateAfter(history)).map(([unitId, role, dueDate]) => [unitId, role, dueDate])).toEqual([[MERGED, 'LEAD', '2016-09-30']]);
    expect(viewed(history)).toEqual([[MERGED, 'LEAD', '2016-09-30', [BUREAU_D, BUREAU_B, BUREAU_C, BUREAU_A]]]);
  });
});

/*
 * breaker8n P1: A (lead) reported on 06-29, B owes its report, both due 06-30, merged into S on 07-01. The record owing the report
 * is kept — whichever paper was typed first, in the decider (as recorded and by day) and on the read side — so the merged part is
 * red from 07-01 and the report made for A's share awaits no inspection.
 */
describe('two merges of one day, one part reported and one still owing its report (breaker8n P1)', () => {
  const reportedA: AssignmentEvent = { type: 'RectificationReported', data: { unitId: BUREAU_A, summary: '栏目已补齐', evidence: [{ title: '栏目', link: 'https://a.example.gov.cn', documentRef: null }], reportedOn: '2016-06-29' } };
  const owing = [
    { type: 'UnitAssigned', data: { unitId: BUREAU_A, role: 'LEAD', dueDate: '2016-06-30', assignedOn: '2016-04-26' } },
    { type: 'UnitAssigned', data: { unitId: BUREAU_B, role: 'RESPONSIBLE', dueDate: '2016-06-30', assignedOn: '2016-04-26' } },
    reportedA,
  ] as AssignmentEvent[];
  const merged = (unitId: string): AssignmentEvent => ({ type: 'PartHandedOver', data: { unitId, successorUnitId: MERGED, reason: '机构改革', handedOverOn: DAY } });
  const statusOf = (state: AssignmentsState) => partsOf(state).map((part) => [part.unitId, part.role, part.status, part.dueDate, part.reportCount]);

  it.each([[[BUREAU_A, BUREAU_B]], [[BUREAU_B, BUREAU_A]]])('typed %j: the joined part owes the report, leading', (order) => {
    const history = [...owing, ...order.map(merged)];
    const state = stateAfter(history);
    expect(statusOf(state)).toEqual([[MERGED, 'LEAD', 'ASSIGNED', '2016-06-30', 0]]);
    expect(statusOf(assignmentsOn(state, '2026-11-30'))).toEqual([[MERGED, 'LEAD', 'ASSIGNED', '2016-06-30', 0]]);
    const parts = new Map<string, PartView>();
    // The report's entry placed on its own day (`entry` dates only assignments and hand-overs).
    for (const event of history) applyAssignmentEvent(parts, event === reportedA ? { ...entry(event), occurredOn: '2016-06-29' } : entry(event));
    expect([...parts.values()].map((part) => [part.unitId, part.role, part.status, part.dueDate, part.reports.length])).toEqual([[MERGED, 'LEAD', 'ASSIGNED', '2016-06-30', 0]]);
  });
});
