import { assignmentEventSchemas, type Evidence } from '../../assignments/domain/assignment.events.js';
import type { TimelineEntry } from '../../assignments/read-model/timeline.js';
import { lifecycleOf } from '../../assignments/testing/lifecycle.js';
import { fold } from '../../shared/decider.js';
import { supervisor } from '../../shared/testing/actors.js';
import { given } from '../../shared/testing/decider-testing.js';
import { foldedAsRecorded, itemAt } from '../breakdown/work-plan-ledger.js';
import { workPlanItemDecider, type WorkPlanItemCommand, type WorkPlanItemState } from './work-plan-item.decider.js';
import { workPlanEventSchemas, workPlanIdFor, workPlanItemIdFor, type WorkPlanItemStreamEvent } from './work-plan.events.js';

/*
 * h57c (issue 8): an item completed by a unit's removal (移除单位 of 10-25, the last open part taken off after the last pass of
 * 10-18) re-read its 完成 day as the last pass once any record was retracted (撤销此记录) — a plain retraction of another removal
 * among them: the item's state said 10-18, every view and the close-out written said 10-25. The completion day is what the
 * business dates say, the later of the last pass and the last removal of an open part, in the decider's fold as typed and in
 * the views' folds, as recorded and by business day.
 */
const PLAN = workPlanIdFor(2026, '青川市2026年政务公开工作要点分解方案');
const ITEM = workPlanItemIdFor(PLAN, '9');
const FGW = 'unit-fgw';
const JT = 'unit-jt';
const MZJ = 'unit-mzj';
const TODAY = '2026-11-02';
const evidence: Evidence[] = [{ title: '网页', link: 'https://example.gov.cn/j', documentRef: null }];
const { assigned, report, inspect } = lifecycleOf({
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
const reportOf = (unitId: string, on: string): WorkPlanItemCommand => ({ ...report(unitId, on), actor: supervisor });
const passOf = (unitId: string, inspectedOn: string, inspectionId: string): WorkPlanItemCommand => ({ ...inspect(unitId, 'PASSED', inspectionId), inspectedOn });
const remove = (unitId: string, revisedOn: string): WorkPlanItemCommand => ({ type: 'ReviseWorkPlanItem', actor: supervisor, today: TODAY, revisedOn, reason: '职责调整', removeUnitIds: [unitId] });
const retract = (unitId: string, factType: string, on: string): WorkPlanItemCommand => ({ type: 'RetractRecord', actor: supervisor, today: TODAY, unitId, factType, on, reason: '录入错误' }) as WorkPlanItemCommand;

/** The stream after each command is decided on the one before: the typing order of the story. */
function typed(start: readonly WorkPlanItemStreamEvent[], commands: readonly WorkPlanItemCommand[]): WorkPlanItemStreamEvent[] {
  return commands.reduce<WorkPlanItemStreamEvent[]>((events, command) => [...events, ...given(workPlanItemDecider, events).when(command).decision()], [...start]);
}
const stateAfter = (events: readonly WorkPlanItemStreamEvent[]): WorkPlanItemState => fold(workPlanItemDecider, events);
/** The stream as the views read it: each event on its office day, recorded in the order typed. */
const timelineOf = (events: readonly WorkPlanItemStreamEvent[]): TimelineEntry[] =>
  events.map((event, revision) => {
    const schema = (assignmentEventSchemas as Record<string, { occurredOn?: string }>)[event.type] ?? (workPlanEventSchemas as Record<string, { occurredOn?: string }>)[event.type];
    const occurredOn = ((event.data as Record<string, unknown>)[schema?.occurredOn ?? ''] as string | undefined) ?? '2026-10-01';
    const recordedAt = `2026-11-02T0${Math.floor(revision / 60) % 10}:${String(revision % 60).padStart(2, '0')}:00.000Z`;
    return { type: event.type, data: event.data, id: `e-${revision}`, revision, occurredOn, metadata: { recordedAt, actorId: 'supervisor', actorRole: 'SUPERVISOR', actorUnitId: null } } as unknown as TimelineEntry;
  });
const completion = (events: readonly WorkPlanItemStreamEvent[]) => {
  const state = stateAfter(events);
  const timeline = timelineOf(events);
  return {
    typed: state.status === 'completed' ? state.completedOn : state.status,
    asRecorded: foldedAsRecorded(timeline)?.completedOn,
    byBusinessDay: itemAt(timeline, { asOf: TODAY, knownAt: null, axes: ['BUSINESS_DAY'] })?.completedOn,
  };
};

// 发改委 passed 10-12; 交通运输局 taken off 10-20, its paper report (10-15) and pass (10-18) found afterwards — kept as verified work;
// 民政局, never reported, taken off 10-25: the item completed that day.
const start: WorkPlanItemStreamEvent[] = [defined, assigned(FGW, 'LEAD'), assigned(JT), assigned(MZJ)];
const completedByRemoval = typed(start, [reportOf(FGW, '2026-10-10'), passOf(FGW, '2026-10-12', 'inspection-fgw'), remove(JT, '2026-10-20'), reportOf(JT, '2026-10-15'), passOf(JT, '2026-10-18', 'inspection-jt'), remove(MZJ, '2026-10-25')]);
const on1025 = { typed: '2026-10-25', asRecorded: '2026-10-25', byBusinessDay: '2026-10-25' };

describe('an item a removal completed after its last pass, a record retracted since (h57c)', () => {
  it('completed on the removal’s day, in every fold', () => {
    expect(completion(completedByRemoval)).toEqual(on1025);
  });

  it('a plain retraction of the other removal (撤销此记录): still completed on 10-25, not on the last pass (10-18)', () => {
    const retracted = typed(completedByRemoval, [retract(JT, 'UnitUnassigned', '2026-10-20')]);
    expect(retracted.at(-1)).toMatchObject({ type: 'RecordRetracted', data: { factType: 'UnitUnassigned', unitId: JT } });
    expect(completion(retracted)).toEqual(on1025);
  });

  it('a retraction of any other record leaves it there too (an urging typed in date order, retracted)', () => {
    const urge: WorkPlanItemCommand = { type: 'UrgeUnit', actor: supervisor, today: TODAY, unitId: JT, urgedOn: '2026-10-08', message: '请尽快整改' };
    const urged = typed(start, [urge, reportOf(FGW, '2026-10-10'), passOf(FGW, '2026-10-12', 'inspection-fgw'), reportOf(JT, '2026-10-15'), passOf(JT, '2026-10-18', 'inspection-jt'), remove(MZJ, '2026-10-25')]);
    expect(completion(urged)).toEqual(on1025);
    expect(completion(typed(urged, [retract(JT, 'UnitUrged', '2026-10-08')]))).toEqual(on1025);
  });
});
