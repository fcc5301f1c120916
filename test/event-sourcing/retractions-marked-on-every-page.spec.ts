import { allEventSchemas } from '../../src/event-sourcing/all-event-schemas.js';
import { replayLogInto } from '../../src/event-sourcing/replay-log.js';
import type { RecordedEvent } from '../../src/event-sourcing/recorded-event.js';
import { StreamsInMemory } from '../../src/event-sourcing/testing/streams-in-memory.js';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store.js';
import type { EventToAppend } from '../../src/event-store/event-store.port.js';
import { WorkPlanLedger } from '../../src/work-plan/breakdown/work-plan-ledger.js';
import { findingStream } from '../../src/rectification/domain/finding.events.js';
import { RectificationLedger } from '../../src/rectification/ledger/rectification-ledger.js';
import { workPlanItemStream, workPlanStream } from '../../src/work-plan/domain/work-plan.events.js';

/*
 * h52a (issue 8): a page of a finding's or item's history now (`historyPage`) marked a retracted record 已撤销 only when the
 * parent's view was folded by day (`foldedByDay`) — which a retraction made it, by another rule for another purpose, and which
 * an item's record inside a withdrawn span never reached. The ledgers now keep, on the retraction itself, that the stream holds
 * one (`holdsRetractions`), and every page reads its lines as the full history lists them (e2e:
 * record-retracted-request-decision-assignment compares the pages with the full history).
 */

const schemas = allEventSchemas();

function story(): { stream: string; events: EventToAppend[] }[] {
  let id = 0;
  const event = (type: string, data: Record<string, unknown>, recordedAt: string): EventToAppend => {
    id += 1;
    return {
      id: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
      type,
      schemaVersion: schemas.versionToWrite(type, data),
      data,
      metadata: { actorId: 'admin', actorRole: 'SUPERVISOR', actorUnitId: null, commandId: `c-${id}`, correlationId: `c-${id}`, causationId: `c-${id}`, recordedAt },
    };
  };
  const at = (index: number) => new Date(Date.UTC(2026, 10, 1, 2, 0, index)).toISOString();
  const partEvents = () => [
    event('UnitAssigned', { unitId: 'unit-a', role: 'LEAD', dueDate: '2026-12-31', assignedOn: '2026-03-01' }, at(1)),
    event('UnitUrged', { unitId: 'unit-a', message: '请抓紧整改', urgedOn: '2026-05-10' }, at(2)),
    event('RecordRetracted', { unitId: 'unit-a', factType: 'UnitUrged', on: '2026-05-10', reason: '录入时选错了单位', retractedOn: '2026-11-01' }, at(3)),
  ];
  const outline = [{ code: '一', title: '公开', items: [{ itemId: 'item-1', code: '1', title: '推进决策公开' }] }];
  return [
    { stream: workPlanStream('plan'), events: [event('WorkPlanImported', { planId: 'plan', title: '青川市2026年政务公开工作要点', year: 2026, categories: outline, source: { fileName: 'plan.xlsx', sha256: 'a' }, approvedOn: '2026-02-20' }, at(0))] },
    { stream: workPlanItemStream('item-1'), events: [event('WorkPlanItemDefined', { itemId: 'item-1', planId: 'plan', categoryCode: '一', code: '1', title: '推进决策公开', description: '', dueDate: '2026-12-31', measures: '' }, at(0)), ...partEvents()] },
    { stream: findingStream('f-1'), events: [event('FindingRecorded', { findingId: 'f-1', evaluationId: 'ev-1', title: '政策解读不到位', description: '', category: '主动公开', severity: 'MEDIUM', concernedUnitIds: ['unit-a'], identifiedOn: '2026-02-25', measures: '' }, at(0)), ...partEvents()] },
  ];
}

it('a finding and an item whose stream holds a retraction say so, before and after their views are folded again (holdsRetractions)', async () => {
  const store = new SqliteEventStore(':memory:');
  for (const { stream, events } of story()) await store.appendToStream(stream, events, { expectedRevision: 'no_stream' });
  const streams = new StreamsInMemory();
  const plans = new WorkPlanLedger(streams);
  const ledger = new RectificationLedger(streams);
  const eachEvent = (readModel: WorkPlanLedger | RectificationLedger) => ({ apply: (event: RecordedEvent) => readModel.apply(event), settle: () => readModel.settle() });
  await replayLogInto(store, schemas, [streams, eachEvent(plans), eachEvent(ledger)]);
  expect(ledger.finding('f-1')).toMatchObject({ holdsRetractions: true });
  expect(plans.item('item-1')).toMatchObject({ holdsRetractions: true });
  // The urging retracted: in no part.
  expect(ledger.finding('f-1')!.parts.get('unit-a')?.urges).toEqual([]);
  expect(plans.item('item-1')!.parts.get('unit-a')?.urges).toEqual([]);
  store.close();
});
