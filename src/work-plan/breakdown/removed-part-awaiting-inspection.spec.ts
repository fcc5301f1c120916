import type { RecordedEvent } from '../../event-sourcing/recorded-event.js';
import { StreamsInMemory } from '../../event-sourcing/testing/streams-in-memory.js';
import { workPlanItemStream, workPlanStream } from '../domain/work-plan.events.js';
import { WorkPlanLedger } from './work-plan-ledger.js';

/*
 * h57a (breaker55-8 S2): 市住建局 taken off an item on 06-01 (调整分工), 市发改委 passed 04-20, so the removal completed the item; then
 * 市住建局's paper report of 05-10 is entered. The removal, judged on its day, left the part on awaiting inspection (date order
 * refuses it): the item is open, the part on it — now and as of any day from 05-10, as the fold by day has it. A send-back of 05-20
 * found later takes it off again as of 06-01, completing the item on that day; a pass of 05-25 instead completes it on 05-25.
 */
const PLAN = 'plan-2026';
const ITEM = 'item-1';
const FGW = 'unit-fgw';
const ZJJ = 'unit-zjj';

class Log {
  readonly events: RecordedEvent[] = [];
  private readonly revisions = new Map<string, number>();

  add(streamId: string, type: string, data: object, occurredOn: string, recordedAt: string): this {
    const revision = this.revisions.get(streamId) ?? 0;
    this.revisions.set(streamId, revision + 1);
    const position = BigInt(this.events.length + 1);
    this.events.push({ id: `event-${position}`, streamId, revision, position: { commit: position, prepare: position }, type, data, occurredOn, metadata: { recordedAt, actorId: 'supervisor', actorRole: 'SUPERVISOR', actorUnitId: null } } as unknown as RecordedEvent);
    return this;
  }

  item(type: string, data: object, occurredOn: string, recordedAt: string): this {
    return this.add(workPlanItemStream(ITEM), type, data, occurredOn, recordedAt);
  }
}

/** The plan, its item led by 市发改委 (passed 04-20) with 市住建局 responsible, and 市住建局 taken off on 06-01: the item completed then. */
function removedLog(): Log {
  return new Log()
    .add(workPlanStream(PLAN), 'WorkPlanImported', { planId: PLAN, title: '2026年政务公开工作要点分解方案', year: 2026, categories: [{ code: '一', title: '推进五公开', items: [{ itemId: ITEM, code: '1', title: '事项1' }] }], source: { fileName: 'plan.xlsx', sha256: 'a'.repeat(64) }, approvedOn: '2026-03-01' }, '2026-03-01', '2026-03-01T02:00:00.000Z')
    .item('WorkPlanItemDefined', { itemId: ITEM, planId: PLAN, categoryCode: '一', code: '1', title: '事项1', description: '', dueDate: '2026-09-30', measures: '' }, '2026-03-01', '2026-03-01T02:00:00.000Z')
    .item('UnitAssigned', { unitId: FGW, role: 'LEAD', dueDate: '2026-09-30', assignedOn: '2026-03-02' }, '2026-03-02', '2026-03-02T02:00:00.000Z')
    .item('UnitAssigned', { unitId: ZJJ, role: 'RESPONSIBLE', dueDate: '2026-09-30', assignedOn: '2026-03-02' }, '2026-03-02', '2026-03-02T02:00:00.000Z')
    .item('RectificationReported', { unitId: FGW, summary: '已整改', evidence: [], reportedOn: '2026-04-10' }, '2026-04-10', '2026-04-10T02:00:00.000Z')
    .item('InspectionLogged', { unitId: FGW, inspectionId: 'i-fgw', outcome: 'PASSED', notes: '', inspectedOn: '2026-04-20', place: '现场' }, '2026-04-20', '2026-04-20T02:00:00.000Z')
    .item('UnitUnassigned', { unitId: ZJJ, reason: '调整分工', unassignedOn: '2026-06-01' }, '2026-06-01', '2026-06-01T02:00:00.000Z')
    .item('WorkPlanItemCompleted', { itemId: ITEM, completedOn: '2026-06-01' }, '2026-06-01', '2026-06-01T02:00:00.000Z')
    .item('RectificationReported', { unitId: ZJJ, summary: '已整改（纸质报告补录）', evidence: [], reportedOn: '2026-05-10' }, '2026-05-10', '2026-06-03T02:00:00.000Z');
}

/** The item now (as recorded) and as of each day (folded by day), by what a view reads: status, 完成 day, 市住建局's part. */
async function seen(log: Log, days: readonly string[]) {
  const streams = new StreamsInMemory();
  const ledger = new WorkPlanLedger(streams);
  for (const event of log.events) {
    streams.apply(event);
    ledger.apply(event);
    await ledger.settle();
  }
  const now = ledger.item(ITEM)!;
  const read = (item: { status: string; completedOn: string | null; parts: ReadonlyMap<string, { status: string }> }) => ({ status: item.status, completedOn: item.completedOn, zjj: item.parts.get(ZJJ)?.status ?? 'off' });
  const past: Record<string, ReturnType<typeof read>> = {};
  for (const day of days) past[day] = read((await ledger.itemsAt({ asOf: day, knownAt: null, axes: ['BUSINESS_DAY'] }, ledger.latestRecordedAt, [ITEM]))[0]!);
  return { now: read(now), past };
}

describe('a removed unit’s report dated before its removal, entered after it (h57a, breaker55-8 S2)', () => {
  it('keeps its part on the item awaiting inspection: the item open now and on every day since the report', async () => {
    const { now, past } = await seen(removedLog(), ['2026-05-09', '2026-05-10', '2026-06-01', '2026-12-07']);
    const awaiting = { status: 'OPEN', completedOn: null, zjj: 'REPORTED' };
    expect(now).toEqual(awaiting);
    expect(past).toEqual({ '2026-05-09': { status: 'OPEN', completedOn: null, zjj: 'ASSIGNED' }, '2026-05-10': awaiting, '2026-06-01': awaiting, '2026-12-07': awaiting });
  });

  it('a send-back of 05-20 found later takes the part off as of the removal: the item completed on 06-01, now and by day', async () => {
    const log = removedLog().item('ReportSentBack', { unitId: ZJJ, reason: '材料不全', sentBackOn: '2026-05-20', newDueDate: '2026-06-30' }, '2026-05-20', '2026-06-04T02:00:00.000Z');
    const { now, past } = await seen(log, ['2026-05-20', '2026-06-01', '2026-12-07']);
    const completed = { status: 'COMPLETED', completedOn: '2026-06-01', zjj: 'off' };
    expect(now).toEqual(completed);
    expect(past).toEqual({ '2026-05-20': { status: 'OPEN', completedOn: null, zjj: 'RETURNED' }, '2026-06-01': completed, '2026-12-07': completed });
  });

  it('its pass of 05-25 instead: verified work on the item, completed on 05-25, now and by day', async () => {
    const log = removedLog()
      .item('InspectionLogged', { unitId: ZJJ, inspectionId: 'i-zjj', outcome: 'PASSED', notes: '', inspectedOn: '2026-05-25', place: '现场' }, '2026-05-25', '2026-06-04T02:00:00.000Z')
      .item('WorkPlanItemCompleted', { itemId: ITEM, completedOn: '2026-05-25' }, '2026-05-25', '2026-06-04T02:00:00.000Z');
    const { now, past } = await seen(log, ['2026-05-24', '2026-05-25', '2026-12-07']);
    const completed = { status: 'COMPLETED', completedOn: '2026-05-25', zjj: 'VERIFIED' };
    expect(now).toEqual(completed);
    expect(past).toEqual({ '2026-05-24': { status: 'OPEN', completedOn: null, zjj: 'REPORTED' }, '2026-05-25': completed, '2026-12-07': completed });
  });
});
