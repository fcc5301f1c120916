import type { Evidence } from '../../assignments/domain/assignment.events.js';
import { assignmentsOn, partOf } from '../../assignments/domain/assignment.decider.js';
import { lifecycleOf } from '../../assignments/testing/lifecycle.js';
import { fold } from '../../shared/decider.js';
import { supervisor } from '../../shared/testing/actors.js';
import { given } from '../../shared/testing/decider-testing.js';
import { workPlanItemDecider, type WorkPlanItemCommand, type WorkPlanItemState } from './work-plan-item.decider.js';
import { workPlanIdFor, workPlanItemIdFor, type WorkPlanItemStreamEvent } from './work-plan.events.js';

/*
 * breaker54-8 S4: a unit taken off a work-plan item (移除单位, 10-20) before its part was verified, whose paper report (10-15) and
 * pass (10-18) — dated while it held the part — turn up afterwards. The README promises them enterable: the pass keeps the part
 * on the item as verified work, completed on that pass's day, as date order gives (there the removal is refused). When the removal
 * had completed the item, the report was refused 「该工作事项已销号，不再接收整改报告」 and the pass asked for that very report.
 */
const PLAN = workPlanIdFor(2026, '青川市2026年政务公开工作要点分解方案');
const ITEM = workPlanItemIdFor(PLAN, '9');
const FGW = 'unit-fgw';
const JT = 'unit-jt';
const TODAY = '2026-11-02';
const evidence: Evidence[] = [{ title: '网页', link: 'https://example.gov.cn/j', documentRef: null }];
const { assigned, reported, report, inspect, requestExtension } = lifecycleOf({
  dueDate: '2026-10-31',
  today: TODAY,
  assignedOn: '2026-10-05',
  inspectedOn: '2026-10-12',
  reportedOn: '2026-10-10',
  summary: (unitId) => `${unitId} 已完成`,
  evidence,
  failureNotes: '未完成',
  returnedUntil: '2026-11-30',
  extension: { unitId: JT, today: TODAY, requestedOn: '2026-10-11', requestedDueDate: '2026-11-15', reason: '—' },
});

const defined: WorkPlanItemStreamEvent = {
  type: 'WorkPlanItemDefined',
  data: { itemId: ITEM, planId: PLAN, categoryCode: '一', code: '9', title: '交通信息公开', description: '', measures: '', dueDate: '2026-10-31' },
};
const requestExtensionOf = (requestedOn: string): WorkPlanItemCommand => requestExtension({ requestedOn });
const passOf = (unitId: string, inspectedOn: string, inspectionId: string): WorkPlanItemCommand => ({ ...inspect(unitId, 'PASSED', inspectionId), inspectedOn });
const removeJt: WorkPlanItemCommand = { type: 'ReviseWorkPlanItem', actor: supervisor, today: TODAY, revisedOn: '2026-10-20', reason: '职责调整', removeUnitIds: [JT] };

/** The stream after each command is decided on the one before: the typing order of the story. */
function typed(start: readonly WorkPlanItemStreamEvent[], commands: readonly WorkPlanItemCommand[]): WorkPlanItemStreamEvent[] {
  return commands.reduce<WorkPlanItemStreamEvent[]>((events, command) => [...events, ...given(workPlanItemDecider, events).when(command).decision()], [...start]);
}
const stateAfter = (events: readonly WorkPlanItemStreamEvent[]): WorkPlanItemState => fold(workPlanItemDecider, events);

// 发改委 (lead) reported 10-10 and passed 10-12; 交通运输局 was still unreported as typed when it was taken off on 10-20.
const start: WorkPlanItemStreamEvent[] = [defined, assigned(FGW, 'LEAD'), assigned(JT), reported(FGW)];
const fgwPassed = typed(start, [passOf(FGW, '2026-10-12', 'inspection-fgw')]);

describe('a unit taken off an item, its paper dated before the removal found afterwards (breaker54-8 S4)', () => {
  it('the removal completed the item: the report and the pass are entered, and the item is completed on the pass’s day as in date order', () => {
    const removed = typed(fgwPassed, [removeJt]);
    expect(stateAfter(removed)).toMatchObject({ status: 'completed', completedOn: '2026-10-20' });
    const late = typed(removed, [{ ...report(JT, '2026-10-15'), actor: supervisor }, passOf(JT, '2026-10-18', 'inspection-jt')]);
    const dateOrder = typed(fgwPassed, [{ ...report(JT, '2026-10-15'), actor: supervisor }, passOf(JT, '2026-10-18', 'inspection-jt')]);
    expect(stateAfter(dateOrder)).toMatchObject({ status: 'completed', completedOn: '2026-10-18' });
    expect(stateAfter(late)).toMatchObject({ status: 'completed', completedOn: '2026-10-18' });
    const state = stateAfter(late);
    if (state.status === 'empty') throw new Error('expected a defined item');
    expect(partOf(state.assignments, JT)).toMatchObject({ status: 'VERIFIED', verifiedOn: '2026-10-18' });
  });
});

describe('a 撤销交办 refused for a later record of the unit names that record’s kind (breaker54-8 M2)', () => {
  it('the unit’s removal from the item (移除单位) stands in the way: named as such, not as 「…的记录」 — and retracted first (breaker55-8 S6)', () => {
    const removed = typed(start, [removeJt]);
    given(workPlanItemDecider, removed)
      .when({ type: 'RetractRecord', actor: supervisor, today: TODAY, unitId: JT, factType: 'UnitAssigned', on: '2026-10-05', reason: '交办单位选错' } as WorkPlanItemCommand)
      .thenRefused('CONFLICT', /later removal from the item \(plan change\) of 2026-10-20/, /其后该单位 2026-10-20 的移除（方案调整）不再成立：撤销后该单位没有这项任务。如该移除（方案调整）也是误录，请先撤销该移除（方案调整）记录，再撤销本交办/);
  });
});

/*
 * breaker55-8 S6: a unit's removal (移除单位) typed on the wrong day, or for the wrong unit, is retracted like any record of the
 * part (撤销此记录): the part is back as it stood — an item the removal completed is open again — and its day is typed again if
 * the removal did happen (or 更正记录日期 does both at once).
 */
describe('a unit’s removal from an item entered by mistake (breaker55-8 S6)', () => {
  const retractRemoval: WorkPlanItemCommand = { type: 'RetractRecord', actor: supervisor, today: TODAY, unitId: JT, factType: 'UnitUnassigned', on: '2026-10-20', reason: '移除录错' } as WorkPlanItemCommand;

  it('retracted: the unit’s part is back as it stood, and the item the removal completed is open again', () => {
    const removed = typed(fgwPassed, [removeJt]);
    expect(stateAfter(removed)).toMatchObject({ status: 'completed' });
    const retracted = typed(removed, [retractRemoval]);
    expect(retracted.at(-1)).toEqual({ type: 'RecordRetracted', data: { unitId: JT, factType: 'UnitUnassigned', on: '2026-10-20', reason: '移除录错', retractedOn: TODAY } });
    const state = stateAfter(retracted);
    expect(state).toMatchObject({ status: 'open' });
    if (state.status === 'empty') throw new Error('expected a defined item');
    expect(partOf(state.assignments, JT)).toMatchObject({ status: 'ASSIGNED', role: 'RESPONSIBLE' });
    // Its 交办 can be retracted now, if that was the mistake.
    const assignmentGone = typed(retracted, [{ type: 'RetractRecord', actor: supervisor, today: TODAY, unitId: JT, factType: 'UnitAssigned', on: '2026-10-05', reason: '交办单位选错' } as WorkPlanItemCommand]);
    const after = stateAfter(assignmentGone);
    if (after.status === 'empty') throw new Error('expected a defined item');
    expect(partOf(after.assignments, JT)).toBeUndefined();
  });

  it('its day corrected (更正记录日期): retracted and typed again on the right day, the item completed from that day', () => {
    const removed = typed(fgwPassed, [removeJt]);
    const redate = { type: 'CorrectStepDate', actor: supervisor, today: TODAY, unitId: JT, factType: 'UnitUnassigned', previousOn: '2026-10-20', on: '2026-10-16', reason: '移除日期录错' } as WorkPlanItemCommand;
    const events = given(workPlanItemDecider, removed).when(redate).decision();
    expect(events).toEqual([
      { type: 'RecordRetracted', data: { unitId: JT, factType: 'UnitUnassigned', on: '2026-10-20', reason: '移除日期录错', retractedOn: TODAY } },
      { type: 'UnitUnassigned', data: { unitId: JT, reason: '职责调整', unassignedOn: '2026-10-16' } },
      { type: 'WorkPlanItemCompleted', data: { itemId: ITEM, completedOn: '2026-10-16' } },
    ]);
    expect(stateAfter([...removed, ...events])).toMatchObject({ status: 'completed', completedOn: '2026-10-16' });
    // Not before its 交办.
    given(workPlanItemDecider, removed).when({ ...redate, on: '2026-10-01' } as WorkPlanItemCommand).thenRefused('BAD_USER_INPUT', undefined, /更正后的移除日期.*2026-10-05/);
  });

  it('given the unit a part again since: refused, naming that 交办 to retract first', () => {
    const addJt: WorkPlanItemCommand = { type: 'ReviseWorkPlanItem', actor: supervisor, today: TODAY, revisedOn: '2026-10-25', reason: '再次交办', addUnits: [{ unitId: JT, role: 'RESPONSIBLE' }] } as unknown as WorkPlanItemCommand;
    const again = typed(start, [removeJt, addJt]);
    given(workPlanItemDecider, again).when(retractRemoval).thenRefused('CONFLICT', undefined, /撤销该单位 2026-10-20 的移除会使其后 2026-10-25 的交办不再成立：撤销后该单位一直承担原任务.*请先撤销该交办记录，再撤销本移除/);
  });
});

describe('a unit taken off an item and given it again, the paper of its first tenure found afterwards (breaker54-8 S4)', () => {
  const addJt = (assignedOn: string): WorkPlanItemCommand => ({ type: 'ReviseWorkPlanItem', actor: supervisor, today: TODAY, revisedOn: assignedOn, reason: '再次交办', addUnits: [{ unitId: JT, role: 'RESPONSIBLE' }] }) as unknown as WorkPlanItemCommand;
  const lateReport = { ...report(JT, '2026-10-15'), actor: supervisor } as WorkPlanItemCommand;

  it('typed between the removal and the 交办 again, the report is taken (date order)', () => {
    const removed = typed(start, [removeJt]);
    expect(() => typed(removed, [lateReport, addJt('2026-10-22')])).not.toThrow();
  });

  it('typed after the 交办 again: refused naming the removal and the new 交办 and the way to enter it — not 「早于交办日期（10-22）」', () => {
    const readded = typed(start, [removeJt, addJt('2026-10-22')]);
    given(workPlanItemDecider, readded)
      .when(lateReport)
      .thenRefused(
        'CONFLICT',
        /taken off the work-plan item on 2026-10-20 \(职责调整\) and assigned again on 2026-10-22/,
        /^该单位的任务已于 2026-10-20 移出本工作事项（职责调整），2026-10-22 再次交办：其 2026-10-15 的记录属于移出前的任务。请先撤销 2026-10-22 的交办（撤销交办），补录移出前的记录后再增加该单位；/,
      );
    // The way out: the 交办 again retracted, the paper entered, the unit added again.
    const retracted = typed(readded, [{ type: 'RetractRecord', actor: supervisor, today: TODAY, unitId: JT, factType: 'UnitAssigned', on: '2026-10-22', reason: '先补录移出前的记录' } as WorkPlanItemCommand]);
    expect(() => typed(retracted, [lateReport, addJt('2026-10-22')])).not.toThrow();
  });
});

/*
 * breaker55-8 S2 (h57a): the removed unit's paper report dated before its removal, typed after the removal, with no pass (yet),
 * landed on the part the removal took off and showed in no view of today — the item completed by the removal, or still open.
 * Date order refuses that removal while the report awaits inspection (newcomer53-10 S1): a removal keeps a part whose report
 * awaits inspection, as it keeps verified work. The report entered late keeps the part on the item, awaiting inspection, and the
 * item is not 完成 until it is inspected; a return (退办, 督查未通过) dated before the removal, entered after the report, takes the
 * part off again as of the removal's day. Typed late or typed in date order, the item reads the same.
 */
describe('a removed unit’s report dated before its removal, typed after it, awaiting inspection (breaker55-8 S2)', () => {
  const lateReport = { ...report(JT, '2026-10-15'), actor: supervisor } as WorkPlanItemCommand;
  const failOf = (inspectedOn: string): WorkPlanItemCommand => ({ ...inspect(JT, 'FAILED', 'inspection-jt-failed'), inspectedOn });
  const sendBackOf = (sentBackOn: string): WorkPlanItemCommand => ({ type: 'SendBackReport', actor: supervisor, today: TODAY, unitId: JT, reason: '材料不全', sentBackOn, newDueDate: '2026-11-30' }) as WorkPlanItemCommand;
  const urgeOf = (urgedOn: string): WorkPlanItemCommand => ({ type: 'UrgeUnit', actor: supervisor, today: TODAY, unitId: JT, message: '请尽快整改', urgedOn }) as WorkPlanItemCommand;
  const defined = (events: readonly WorkPlanItemStreamEvent[]) => {
    const state = stateAfter(events);
    if (state.status === 'empty') throw new Error('expected a defined item');
    return state;
  };
  const partOfJt = (events: readonly WorkPlanItemStreamEvent[]) => partOf(defined(events).assignments, JT);
  /** The item as typing order leaves it and as business order folds it (every view's fold by day): JT's part, on or off, agree. */
  const inBothOrders = (events: readonly WorkPlanItemStreamEvent[]) => {
    const { assignments } = defined(events);
    const byDay = assignmentsOn(assignments, TODAY);
    expect({ part: partOf(byDay, JT)?.status, removed: Object.hasOwn(byDay.removed ?? {}, JT) }).toEqual({ part: partOf(assignments, JT)?.status, removed: Object.hasOwn(assignments.removed ?? {}, JT) });
    return events;
  };
  /** The item's status (and 完成 day) the late typing leaves equals the one the same papers typed in date order leave. */
  const asInDateOrder = (late: readonly WorkPlanItemStreamEvent[], dateOrder: readonly WorkPlanItemStreamEvent[]) => {
    const pick = (events: readonly WorkPlanItemStreamEvent[]) => {
      const state = defined(events);
      return { status: state.status, completedOn: state.status === 'completed' ? state.completedOn : null, jt: partOf(state.assignments, JT)?.status ?? 'off' };
    };
    expect(pick(late)).toEqual(pick(dateOrder));
  };

  it('the removal completed the item: given the removal, when the report is typed, then the part shows on the item awaiting inspection and the item is open', () => {
    const late = inBothOrders(typed(typed(fgwPassed, [removeJt]), [lateReport]));
    expect(partOfJt(late)).toMatchObject({ status: 'REPORTED', lastReport: { reportedOn: '2026-10-15' } });
    expect(stateAfter(late)).toMatchObject({ status: 'open' });
    // Date order: the report first, and the removal refused while it awaits inspection (newcomer53-10 S1).
    given(workPlanItemDecider, typed(fgwPassed, [lateReport])).when(removeJt).thenRefused('CONFLICT', undefined, /待督查/);
  });

  it('the late report retracted as entered by mistake (撤销误录): the part is off again and the item completed on the removal’s day', () => {
    const late = typed(fgwPassed, [removeJt, lateReport]);
    const retracted = inBothOrders(typed(late, [{ type: 'RetractRecord', actor: supervisor, today: TODAY, unitId: JT, factType: 'RectificationReported', on: '2026-10-15', reason: '录错单位' } as WorkPlanItemCommand]));
    expect(partOfJt(retracted)).toBeUndefined();
    expect(stateAfter(retracted)).toMatchObject({ status: 'completed', completedOn: '2026-10-20' });
  });

  it('the item still open: given the removal, when the report is typed, then the part shows on the item awaiting inspection', () => {
    const late = inBothOrders(typed(typed(start, [removeJt]), [lateReport]));
    expect(partOfJt(late)).toMatchObject({ status: 'REPORTED' });
    expect(stateAfter(late)).toMatchObject({ status: 'open' });
  });

  it('its pass entered next, dated before the removal or after it: the part is verified work and the item completed on that pass, as in date order', () => {
    for (const passedOn of ['2026-10-18', '2026-10-25']) {
      const late = inBothOrders(typed(fgwPassed, [removeJt, lateReport, passOf(JT, passedOn, 'inspection-jt')]));
      expect(partOfJt(late)).toMatchObject({ status: 'VERIFIED', verifiedOn: passedOn });
      expect(stateAfter(late)).toMatchObject({ status: 'completed', completedOn: passedOn });
      asInDateOrder(late, typed(fgwPassed, [lateReport, passOf(JT, passedOn, 'inspection-jt')]));
    }
  });

  it('a failed inspection dated after the removal: the part stays on the item, returned, and the item open — the removal never took it', () => {
    const late = inBothOrders(typed(fgwPassed, [removeJt, lateReport, failOf('2026-10-25')]));
    expect(partOfJt(late)).toMatchObject({ status: 'RETURNED' });
    expect(stateAfter(late)).toMatchObject({ status: 'open' });
    asInDateOrder(late, typed(fgwPassed, [lateReport, failOf('2026-10-25')]));
  });

  it('a return dated before the removal, entered after the report: the part is off the item again, and the item completed on the removal’s day', () => {
    for (const back of [failOf('2026-10-17'), sendBackOf('2026-10-17')]) {
      const late = inBothOrders(typed(fgwPassed, [removeJt, lateReport, back]));
      expect(partOfJt(late)).toBeUndefined();
      expect(defined(late).assignments.removed?.[JT]).toMatchObject({ unassignedOn: '2026-10-20', reason: '职责调整', part: { status: 'RETURNED' } });
      expect(stateAfter(late)).toMatchObject({ status: 'completed', completedOn: '2026-10-20' });
      asInDateOrder(late, typed(fgwPassed, [lateReport, back, removeJt]));
    }
    // The item still open (发改委 not passed): off again, and the item stays open on its other part.
    const open = inBothOrders(typed(start, [removeJt, lateReport, sendBackOf('2026-10-17')]));
    expect(partOfJt(open)).toBeUndefined();
    expect(stateAfter(open)).toMatchObject({ status: 'open' });
  });

  it('an urging and an extension request dated before the removal, entered after the report, land on the kept part', () => {
    const late = inBothOrders(typed(fgwPassed, [removeJt, lateReport, urgeOf('2026-10-16')]));
    expect(partOfJt(late)).toMatchObject({ status: 'REPORTED', urgeCount: 1, lastUrgedOn: '2026-10-16' });
    const asked = inBothOrders(typed(fgwPassed, [removeJt, lateReport, { ...requestExtensionOf('2026-10-11'), actor: supervisor } as WorkPlanItemCommand]));
    expect(partOfJt(asked)?.extensionRequests).toMatchObject([{ requestedOn: '2026-10-11', status: 'PENDING' }]);
  });

  it('a return dated before the removal that a later record of the kept part rests on is refused, naming the removal — nothing vanishes', () => {
    // An urging of 10-25 on the part kept on (dated after the removal): a send-back of 10-17 would take the part off on 10-20.
    const urged = typed(fgwPassed, [removeJt, lateReport, urgeOf('2026-10-25')]);
    given(workPlanItemDecider, urged)
      .when(sendBackOf('2026-10-17'))
      .thenRefused('CONFLICT', /taken off the item on 2026-10-20 \(职责调整\)/, /其后.*2026-10-25 的催办不再成立：该任务已于 2026-10-20 移出本事项（职责调整）/);
    // A pass of 10-25 of that report: the return of 10-17 found later is refused too (that pass met no report awaiting).
    const passed = typed(fgwPassed, [removeJt, lateReport, passOf(JT, '2026-10-25', 'inspection-jt')]);
    given(workPlanItemDecider, passed).when(failOf('2026-10-17')).thenRefused('CONFLICT', undefined, /其后.*2026-10-25 的督查不再成立/);
  });
});
