import { assignmentsOn, decideAssignment, evolveAssignments, initialAssignmentsState, partOf, type AssignmentsState } from './assignment.decider.js';
import type { AssignmentEvent } from './assignment.events.js';
import { partsFoldWork } from './fold-in-place.js';
import { parentOfParts, type AssignmentBatch } from './parent-of-parts.js';
import { say } from '../../shared/domain-error.js';

/*
 * breaker12i P1 (blocker): each 更正日期 (FactDateCorrected) on an item made every later fold of the
 * item's stream fold it whole once more — O(corrections × stream): 30 corrections on a 300-unit item,
 * one load of its stream 40 s, every user held — and each fold copied the item's whole parts record
 * per fact — O(facts × units). Asserted by counting the work (facts folded, part entries copied),
 * never by the clock.
 */

const unit = (index: number) => `unit-${index}`;
const assigned = (index: number): AssignmentEvent => ({ type: 'UnitAssigned', data: { unitId: unit(index), role: index === 0 ? 'LEAD' : 'RESPONSIBLE', dueDate: '2026-12-31', assignedOn: '2026-01-15' } });
const urged = (index: number, urgedOn: string): AssignmentEvent => ({ type: 'UnitUrged', data: { unitId: unit(index), message: `请于${urgedOn}前报送`, urgedOn } });
const reported = (index: number, reportedOn: string): AssignmentEvent => ({ type: 'RectificationReported', data: { unitId: unit(index), summary: '已整改', evidence: [], reportedOn } });
const corrected = (index: number, previousOn: string, on: string): AssignmentEvent => ({
  type: 'FactDateCorrected',
  data: { unitId: unit(index), factType: 'UnitUrged', previousOn, on, reason: '录入日期有误', correctedOn: '2026-11-30' },
});
const SUPERVISOR = { id: 'supervisor', role: 'SUPERVISOR', unitId: null } as const;

/** A 各单位 item's year: `units` units assigned, each urged monthly (some reporting), then `corrections` urgings re-dated, each followed by a 催办. */
function itemStream(units: number, corrections: number): AssignmentEvent[] {
  const events = Array.from({ length: units }, (_, index) => assigned(index));
  for (let month = 2; month <= 7; month += 1) {
    const day = `2026-0${month}-10`;
    for (let index = 0; index < units; index += 1) events.push(index % 9 === month ? reported(index, day) : urged(index, day));
  }
  for (let count = 0; count < corrections; count += 1) {
    events.push(corrected(count % units, '2026-07-10', '2026-07-09'), urged((count + 3) % units, '2026-11-30'));
  }
  return events;
}

/** The work `run` does, counted. */
function workOf<Result>(run: () => Result): { result: Result; steps: number; partsCopied: number } {
  const before = { ...partsFoldWork };
  const result = run();
  return { result, steps: partsFoldWork.steps - before.steps, partsCopied: partsFoldWork.partsCopied - before.partsCopied };
}

/** A command's load: the stream folded whole, then its parts read. */
const loaded = (events: readonly AssignmentEvent[]) => {
  const state = events.reduce(evolveAssignments, initialAssignmentsState());
  void state.parts;
  return state;
};

/** The same stream folded with each state's parts read as it is made (what every fold did before: the answers must not change). */
const foldedEagerly = (events: readonly AssignmentEvent[]) =>
  events.reduce((state, event) => {
    const next = evolveAssignments(state, event);
    void next.parts;
    return next;
  }, initialAssignmentsState());

describe('folding a large item whose record dates were corrected (breaker12i P1)', () => {
  const UNITS = 60;

  it('folds the stream at most once more however many corrections it holds: the work of a load is flat in the corrections', () => {
    const one = itemStream(UNITS, 1);
    const many = itemStream(UNITS, 30);
    const loadOne = workOf(() => loaded(one));
    const loadMany = workOf(() => loaded(many));
    // One refold of the facts up to the last correction, then the facts after it: under two folds of the stream.
    expect(loadOne.steps).toBeLessThan(2 * one.length);
    expect(loadMany.steps).toBeLessThan(2 * many.length);
    // Before: each correction folded everything before it again (≈ 30 × 420 facts).
    expect(loadMany.steps).toBeLessThan(loadOne.steps + 2 * (many.length - one.length));
  });

  it('copies the parts record a bounded number of times per fold, not once per fact', () => {
    const events = itemStream(UNITS, 30);
    const load = workOf(() => loaded(events));
    // Before: every fact copied all 60 parts (≈ 420 × 60 entries per fold, once per correction).
    expect(load.partsCopied).toBeLessThan(4 * UNITS);
  });

  it('answers exactly as folding each event at once does, parts, kept fold by day and decisions alike', () => {
    const events = itemStream(UNITS, 12);
    const lazily = loaded(events);
    const eagerly = foldedEagerly(events);
    expect(lazily).toEqual(eagerly);
    expect(Object.keys(lazily).sort()).toEqual(Object.keys(eagerly).sort());
    expect(assignmentsOn(lazily, '2026-11-30')).toEqual(assignmentsOn(eagerly, '2026-11-30'));
    expect(assignmentsOn(lazily, '2026-05-01')).toEqual(assignmentsOn(eagerly, '2026-05-01'));
    const urge = { type: 'UrgeUnit', unitId: unit(5), message: '请于月底前报送', urgedOn: '2026-11-30', actor: SUPERVISOR, today: '2026-11-30' } as const;
    expect(decideAssignment(urge, lazily, { parentClosed: false })).toEqual(decideAssignment(urge, eagerly, { parentClosed: false }));
    expect(partOf(lazily, unit(2))).toEqual(partOf(eagerly, unit(2)));
  });

  it('judges the next 催办 after a correction with one fold of the stream, not one per correction before it', () => {
    const events = itemStream(UNITS, 30);
    const state = loaded(events);
    const urge = { type: 'UrgeUnit', unitId: unit(7), message: '月底前报送', urgedOn: '2026-11-30', actor: SUPERVISOR, today: '2026-11-30' } as const;
    const decision = workOf(() => decideAssignment(urge, state, { parentClosed: false }).reduce(evolveAssignments, state).parts);
    expect(decision.steps).toBeLessThan(2 * events.length);
  });

  it('a state spread or listed before its parts are read is the folded state', () => {
    const events = itemStream(8, 2);
    const state: AssignmentsState = events.reduce(evolveAssignments, initialAssignmentsState());
    const eagerly = foldedEagerly(events);
    expect({ ...state }).toEqual({ ...eagerly });
    expect(Object.keys(events.reduce(evolveAssignments, initialAssignmentsState())).sort()).toEqual(Object.keys(eagerly).sort());
  });
});

/*
 * perf47b: assigning a batch decides each unit on the parts the units before it leave. Each of those states was folded in a
 * fold of its own, which copied the parts record: a 300-unit item's definition copied ≈ 45,000 entries, its decide quadratic
 * in the units (5.0 / 20.9 / 72.9 ms at 150 / 300 / 600). Asserted by counting the work, never by the clock.
 */
describe('assigning a batch of many units (perf47b)', () => {
  const parts = parentOfParts<AssignmentsState, never>({
    noun: say('item', '事项'),
    nameOf: () => say('Item 1', '事项 1'),
    assignmentsOf: (state) => state,
    isClosed: () => false,
    closedEvent: () => {
      throw new Error('not closed in these specs');
    },
    reopenedEvent: () => {
      throw new Error('not reopened in these specs');
    },
  });
  const batchOf = (count: number, first = 0): AssignmentBatch => ({
    actor: SUPERVISOR,
    today: '2026-01-15',
    assignedOn: '2026-01-15',
    units: Array.from({ length: count }, (_, index) => ({ unitId: unit(first + index), role: first + index === 0 ? 'LEAD' : 'RESPONSIBLE', dueDate: '2026-12-31' })),
    unknownUnitIds: [],
  });

  it('copies the parts record a bounded number of times for the whole batch, not once per unit: its work grows linearly in the units', () => {
    const half = workOf(() => parts.assign(batchOf(150), initialAssignmentsState()));
    const full = workOf(() => parts.assign(batchOf(300), initialAssignmentsState()));
    expect(full.result).toEqual(Array.from({ length: 300 }, (_, index) => assigned(index)));
    // Before: 150 × 151 / 2 = 11,325 entries copied for 150 units, 45,150 for 300.
    expect(full.partsCopied).toBeLessThan(2 * 300);
    expect(full.steps).toBeLessThan(2 * 300);
    expect(full.steps + full.partsCopied).toBeLessThanOrEqual(2 * (half.steps + half.partsCopied) + 10);
  });

  it('leaves the state it was given as it was, and decides each unit on the units before it', () => {
    const given = [assigned(0), assigned(1), assigned(2)].reduce(evolveAssignments, initialAssignmentsState());
    const before = structuredClone({ ...given });
    const events = parts.assign(batchOf(50, 3), given);
    expect(events).toEqual(Array.from({ length: 50 }, (_, index) => assigned(index + 3)));
    expect({ ...given }).toEqual(before);
    expect(Object.keys(given.parts)).toHaveLength(3);
    expect(Object.keys(events.reduce(evolveAssignments, given).parts)).toHaveLength(53);
    // The batch is checked against itself as it goes: a second LEAD late in it beside the given one is refused, the whole batch.
    const secondLead = { ...batchOf(50, 3), units: batchOf(50, 3).units.map((part, index) => (index === 40 ? { ...part, role: 'LEAD' as const } : part)) };
    expect(() => parts.assign(secondLead, given)).toThrow(/already the lead unit/);
    expect(() => parts.assign({ ...batchOf(50, 3), units: [...batchOf(49, 3).units, batchOf(1, 20).units[0]!] }, given)).toThrow(/named twice/);
  });
});
