import { assignmentsOn, comesLast, decideAssignment, evolveAssignments, initialAssignmentsState, partOf, type AssignmentsState } from './assignment.decider.js';
import type { AssignmentEvent } from './assignment.events.js';

/*
 * breaker12f P4: a 催办 (or any dated fact) on a 各单位 item folded the item's whole stream again in
 * business order to see the part on its day (`assignmentsOn`), 0.3–0.9 s at 1,800–3,900 facts, every
 * user held. When the facts were recorded in business order and all dated by that day — an office
 * entering facts as they happen — that fold is the fold the stream already made: it is answered
 * with it. Every other case folds by day as before; the answers are the same either way.
 */

const UNITS = 40;
const unit = (index: number) => `unit-${index}`;
const assigned = (index: number): AssignmentEvent => ({ type: 'UnitAssigned', data: { unitId: unit(index), role: index === 0 ? 'LEAD' : 'RESPONSIBLE', dueDate: '2026-12-31', assignedOn: '2026-01-15' } });
const urged = (index: number, urgedOn: string): AssignmentEvent => ({ type: 'UnitUrged', data: { unitId: unit(index), message: `请于${urgedOn}前报送`, urgedOn } });
const reported = (index: number, reportedOn: string): AssignmentEvent => ({ type: 'RectificationReported', data: { unitId: unit(index), summary: '已整改', evidence: [], reportedOn } });
const corrected = (index: number, factType: 'UnitUrged', previousOn: string, on: string): AssignmentEvent => ({
  type: 'FactDateCorrected',
  data: { unitId: unit(index), factType, previousOn, on, reason: '录入日期有误', correctedOn: '2026-11-30' },
});
const handedOver = (index: number, successorUnitId: string, handedOverOn: string): AssignmentEvent => ({ type: 'PartHandedOver', data: { unitId: unit(index), successorUnitId, reason: '机构改革', handedOverOn } });
const handOverUndone = (index: number, successorUnitId: string, handedOverOn: string): AssignmentEvent => ({ type: 'PartHandOverUndone', data: { unitId: unit(index), successorUnitId, reason: '核验早于移交', handedOverOn } });
const SUPERVISOR = { id: 'supervisor', role: 'SUPERVISOR', unitId: null } as const;
const INSPECTOR = { id: 'inspector', role: 'INSPECTOR', unitId: null } as const;
/** The command that records `event` (an urging or an inspection) on its day, today being 2026-11-30. */
const commandFor = (event: AssignmentEvent) =>
  event.type === 'UnitUrged'
    ? ({ type: 'UrgeUnit', unitId: event.data.unitId, message: event.data.message, urgedOn: event.data.urgedOn, actor: SUPERVISOR, today: '2026-11-30' } as const)
    : event.type === 'InspectionLogged'
      ? ({ type: 'LogInspection', unitId: event.data.unitId, inspectionId: event.data.inspectionId, outcome: event.data.outcome, notes: event.data.notes, inspectedOn: event.data.inspectedOn, place: event.data.place, actor: INSPECTOR, today: '2026-11-30' } as const)
      : (() => { throw new Error(`no command for ${event.type}`); })();

/** A year of an item: every unit assigned, urged monthly, some reporting: recorded as it happened. */
function inOrder(): AssignmentEvent[] {
  const events = Array.from({ length: UNITS }, (_, index) => assigned(index));
  for (let month = 2; month <= 11; month += 1) {
    const day = `2026-${String(month).padStart(2, '0')}-10`;
    for (let index = 0; index < UNITS; index += 1) events.push(index % 7 === month % 7 ? reported(index, day) : urged(index, day));
  }
  return events;
}

const foldAsRecorded = (events: readonly AssignmentEvent[]) => events.reduce(evolveAssignments, initialAssignmentsState());
/** assignmentsOn as it always answered: folded by day (a state whose facts list nothing folded). */
const foldedByDay = (state: AssignmentsState, day: string) => assignmentsOn({ ...state, recorded: [...state.recorded] }, day);

describe('the parts on a day, for facts recorded in business order', () => {
  const state = foldAsRecorded(inOrder());

  it('is the fold kept with the facts, not folded again, and the same as folded by day', () => {
    const kept = assignmentsOn(state, '2026-11-30');
    expect(assignmentsOn(state, '2026-11-10')).toBe(kept);
    expect(kept).toEqual(foldedByDay(state, '2026-11-30'));
    expect(kept.parts).toEqual(state.parts);
  });

  it('is folded by day for a day before the last fact', () => {
    const then = assignmentsOn(state, '2026-06-30');
    expect(then).not.toBe(state);
    expect(then).toEqual(foldedByDay(state, '2026-06-30'));
    expect(partOf(then, unit(1))!.urgeCount).toBeLessThan(partOf(state, unit(1))!.urgeCount);
  });

  it('is folded by day when a fact was entered late, dated before facts recorded earlier', () => {
    const late = evolveAssignments(state, reported(3, '2026-03-01'));
    const now = assignmentsOn(late, '2026-11-30');
    expect(now).toEqual(foldedByDay(late, '2026-11-30'));
    expect(now).not.toBe(late);
  });

  // breaker12g P1: one 催办 entered late, and every 催办 after it folded the item's stream again.
  it('is kept again after a fact entered late: the next facts dated today are not folded again', () => {
    const late = evolveAssignments(state, urged(3, '2026-03-01'));
    expect(assignmentsOn(late, '2026-11-30')).toEqual(foldedByDay(late, '2026-11-30'));
    const next = [urged(4, '2026-11-30'), reported(5, '2026-11-30')].reduce(evolveAssignments, late);
    const kept = assignmentsOn(next, '2026-11-30');
    expect(assignmentsOn(next, '2026-12-01')).toBe(kept);
    expect(kept).toEqual(foldedByDay(next, '2026-11-30'));
  });

  // breaker12h P3: a fact entered late folded the stream to its day (to judge it then), and twice more, whole, to see
  // whether the facts after it still hold. The fold of its day is kept for that check.
  it('keeps the fold of a day before the last fact for that day: asked again, the same fold', () => {
    const then = assignmentsOn(state, '2026-07-31');
    expect(assignmentsOn(state, '2026-07-31')).toBe(then);
    expect(then).toEqual(foldedByDay(state, '2026-07-31'));
    expect(assignmentsOn(state, '2026-08-31')).toEqual(foldedByDay(state, '2026-08-31'));
  });

  const requested: AssignmentEvent = { type: 'ExtensionRequested', data: { unitId: unit(0), requestId: 'ext-1', requestedDueDate: '2027-06-30', reason: '需协调省级平台', requestedOn: '2026-11-20' } };
  const latePass: AssignmentEvent = { type: 'InspectionLogged', data: { unitId: unit(0), inspectionId: 'late-pass', outcome: 'PASSED', notes: '现场核查通过', inspectedOn: '2026-11-15', place: '市政务服务中心' } };
  it.each<[string, AssignmentEvent[], AssignmentEvent, string | undefined]>([
    ['that breaks nothing', [], urged(3, '2026-08-01'), undefined],
    ['that leaves a later extension request asking for a verified part', [requested], latePass, 'CONFLICT'],
    ['dated before a later fact it leaves holding', [], latePass, undefined],
  ])('judges a fact entered late %s as the whole fold judges it', (_what, since, late, code) => {
    const recorded = since.reduce(evolveAssignments, state);
    const decide = (facts: AssignmentsState) => {
      try {
        return { events: decideAssignment(commandFor(late), facts, { parentClosed: false }) };
      } catch (error) {
        return { code: (error as { code: string }).code, message: (error as Error).message };
      }
    };
    const decided = decide(recorded);
    expect(decided).toEqual(decide({ ...recorded, recorded: [...recorded.recorded] }));
    expect((decided as { code?: string }).code).toBe(code);
  });

  it('keeps the fold a fact entered late was judged with for the list it makes: the next fact dated today folds nothing again', () => {
    // A list with a correction in it: without a kept fold, whether a fact comes last needs a fold of the whole stream.
    const base = [urged(3, '2026-11-10'), corrected(3, 'UnitUrged', '2026-11-10', '2026-11-09'), requested].reduce(evolveAssignments, state);
    const pass: AssignmentEvent = { ...latePass, data: { ...latePass.data, unitId: unit(1), inspectionId: 'late-pass-1' } } as AssignmentEvent;
    const decided = decideAssignment(commandFor(pass), base, { parentClosed: false });
    const after = decided.reduce(evolveAssignments, base);
    expect(comesLast(after.recorded, [urged(8, '2026-11-30')])).toBe(true);
    expect(assignmentsOn(after, '2026-11-30')).toEqual(foldedByDay(after, '2026-11-30'));
    // Recorded with other data than decided, nothing is kept for it.
    const other = evolveAssignments(base, { ...pass, data: { ...pass.data, notes: '另一份核查记录' } } as AssignmentEvent);
    expect(comesLast(other.recorded, [urged(8, '2026-11-30')])).toBe(false);
    expect(assignmentsOn(other, '2026-11-30')).toEqual(foldedByDay(other, '2026-11-30'));
  });

  it('answers with the facts, not with a part a decision put in their place', () => {
    const substituted: AssignmentsState = { ...state, parts: { ...state.parts, [unit(2)]: { ...partOf(state, unit(2))!, urgeCount: 999 } } };
    expect(partOf(assignmentsOn(substituted, '2026-11-30'), unit(2))!.urgeCount).toBe(partOf(state, unit(2))!.urgeCount);
  });

  // breaker12h P1: one 更正日期 (FactDateCorrected) or an undone hand-over (PartHandOverUndone) anywhere in the
  // stream, and every dated command after it folded the whole stream again, three times (0.85–0.92 s per 催办).
  describe.each([
    ['a date correction', [urged(3, '2026-11-10'), corrected(3, 'UnitUrged', '2026-11-10', '2026-11-09')]],
    ['an undone hand-over', [handedOver(2, 'successor', '2026-11-10'), handOverUndone(2, 'successor', '2026-11-10')]],
  ])('after %s', (_what, moving) => {
    const moved = moving.reduce(evolveAssignments, state);

    it('is folded whole once, then kept: the next day asked and the next facts dated today are not folded again', () => {
      const once = assignmentsOn(moved, '2026-11-30');
      expect(once).toEqual(foldedByDay(moved, '2026-11-30'));
      expect(assignmentsOn(moved, '2026-12-01')).toBe(once);
      const next = [urged(4, '2026-11-30'), reported(5, '2026-11-30')].reduce(evolveAssignments, moved);
      const kept = assignmentsOn(next, '2026-11-30');
      expect(assignmentsOn(next, '2026-12-01')).toBe(kept);
      expect(kept).toEqual(foldedByDay(next, '2026-11-30'));
    });

    it('judges a fact dated today as coming last, without folding the stream to see whether earlier facts still hold', () => {
      assignmentsOn(moved, '2026-11-30');
      expect(comesLast(moved.recorded, [urged(6, '2026-11-30')])).toBe(true);
      expect(comesLast(moved.recorded, [urged(6, '2026-11-01')])).toBe(false);
      expect(comesLast(moved.recorded, [corrected(6, 'UnitUrged', '2026-11-10', '2026-11-11')])).toBe(false);
    });

    it('decides a 催办 dated today as it is decided by the whole fold, and refuses the same 催办 twice', () => {
      const urge = { type: 'UrgeUnit', unitId: unit(7), message: '请于月底前报送', urgedOn: '2026-11-30', actor: SUPERVISOR, today: '2026-11-30' } as const;
      const decided = decideAssignment(urge, moved, { parentClosed: false });
      expect(decided).toEqual(decideAssignment(urge, { ...moved, recorded: [...moved.recorded] }, { parentClosed: false }));
      const after = decided.reduce(evolveAssignments, moved);
      expect(() => decideAssignment(urge, after, { parentClosed: false })).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    });
  });

  it('keeps a corrected day: a fact dated after the correction comes last by the corrected day, not the day typed', () => {
    // Typed 11-30, corrected to 11-09: a fact dated 11-20 comes after every fact in business order …
    const typedLate = [urged(3, '2026-11-30'), corrected(3, 'UnitUrged', '2026-11-30', '2026-11-09')].reduce(evolveAssignments, state);
    assignmentsOn(typedLate, '2026-12-31');
    expect(comesLast(typedLate.recorded, [urged(4, '2026-11-20')])).toBe(true);
    // … and one dated before a fact moved later does not.
    const movedLater = [urged(3, '2026-11-10'), corrected(3, 'UnitUrged', '2026-11-10', '2026-11-25')].reduce(evolveAssignments, state);
    assignmentsOn(movedLater, '2026-12-31');
    expect(comesLast(movedLater.recorded, [urged(4, '2026-11-20')])).toBe(false);
    const next = evolveAssignments(movedLater, urged(4, '2026-11-26'));
    expect(assignmentsOn(next, '2026-11-30')).toEqual(foldedByDay(next, '2026-11-30'));
  });
});
