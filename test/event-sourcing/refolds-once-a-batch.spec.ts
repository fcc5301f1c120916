import { ProjectedStreams, type StreamReader } from '../../src/event-sourcing/projected-streams.js';
import { ProjectionEngine } from '../../src/event-sourcing/projection-engine.js';
import { allEventSchemas } from '../../src/event-sourcing/all-event-schemas.js';
import type { ReadModelSnapshots } from '../../src/event-sourcing/read-model-snapshots.js';
import { replayLogInto } from '../../src/event-sourcing/replay-log.js';
import type { RecordedEvent } from '../../src/event-sourcing/recorded-event.js';
import { StreamsInMemory } from '../../src/event-sourcing/testing/streams-in-memory.js';
import type { StoreHealth } from '../../src/event-store/store-health.js';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store.js';
import type { EventToAppend } from '../../src/event-store/event-store.port.js';
import { EVERY_FACT } from '../../src/shared/time-cut.js';
import { itemAt, WorkPlanLedger } from '../../src/work-plan/breakdown/work-plan-ledger.js';
import { findingStream } from '../../src/rectification/domain/finding.events.js';
import { findingAt, RectificationLedger } from '../../src/rectification/ledger/rectification-ledger.js';
import { workPlanItemStream, workPlanStream } from '../../src/work-plan/domain/work-plan.events.js';

/*
 * perf47 (issue 12, row 6): once one of a work-plan item's events was typed out of day order (`foldedByDay`), the ledger
 * folded the item again by day from its stream after each of its events: a catch-up of its events read its stream once
 * per event (quadratic in its events: a 300-unit item's 1,137 events made a 10k log's first start 60 s of CPU instead
 * of 5.5). The refold now waits for the end of the store's read batch (READ_BATCH, 500 rows): the stream is read once
 * per batch holding its events, and the item reads as it did when folded after every event. A finding folded by day
 * (`FindingView.foldedByDay`) was folded the same way, and is now too.
 */

const schemas = allEventSchemas();
const URGES = 400;

/**
 * A plan with item `item-1` of unit-a, and finding `f-1` of unit-a: each urged on 05-10, then a report of 05-01 typed after it
 * (folded by day from then on), then `URGES` urgings, the item's and the finding's appends taking turns.
 */
function itemStory(): { stream: string; events: EventToAppend[] }[] {
  let id = 0;
  const event = (type: string, data: Record<string, unknown>, recordedAt: string): EventToAppend => {
    id += 1;
    const suffix = String(id).padStart(12, '0');
    return {
      id: `00000000-0000-4000-8000-${suffix}`,
      type,
      schemaVersion: schemas.currentVersion(type),
      data,
      metadata: { actorId: 'admin', actorRole: 'ADMIN', actorUnitId: null, commandId: `c-${id}`, correlationId: `c-${id}`, causationId: `c-${id}`, recordedAt },
    };
  };
  const at = (index: number) => new Date(Date.UTC(2026, 10, 1, 2, 0, index)).toISOString();
  const outline = [{ code: '一', title: '公开', items: [{ itemId: 'item-1', code: '1', title: '推进决策公开' }] }];
  const day = (offset: number) => new Date(Date.UTC(2026, 4, 11 + offset)).toISOString().slice(0, 10);
  const partEvents = () => [
    event('UnitAssigned', { unitId: 'unit-a', role: 'LEAD', dueDate: '2027-12-31', assignedOn: '2026-03-01' }, at(0)),
    event('UnitUrged', { unitId: 'unit-a', message: '请抓紧整改', urgedOn: '2026-05-10' }, at(1)),
    event('RectificationReported', { unitId: 'unit-a', summary: '已整改', evidence: [], reportedOn: '2026-05-01' }, at(2)),
    ...Array.from({ length: URGES }, (_, index) => event('UnitUrged', { unitId: 'unit-a', message: '请抓紧整改', urgedOn: day(index) }, at(3 + index))),
  ];
  return [
    { stream: workPlanStream('plan'), events: [event('WorkPlanImported', { planId: 'plan', title: '青川市2026年政务公开工作要点', year: 2026, categories: outline, source: { fileName: 'plan.xlsx', sha256: 'a' }, approvedOn: '2026-02-20' }, at(0))] },
    {
      stream: workPlanItemStream('item-1'),
      events: [
        event('WorkPlanItemDefined', { itemId: 'item-1', planId: 'plan', categoryCode: '一', code: '1', title: '推进决策公开', description: '', dueDate: '2027-12-31', measures: '' }, at(0)),
        ...partEvents(),
      ],
    },
    {
      stream: findingStream('f-1'),
      events: [
        event('FindingRecorded', { findingId: 'f-1', evaluationId: 'ev-1', title: '政策解读不到位', description: '', category: '主动公开', severity: 'MEDIUM', concernedUnitIds: ['unit-a'], identifiedOn: '2026-02-25', measures: '' }, at(0)),
        ...partEvents(),
      ],
    },
  ];
}

/** A store holding the story, each event appended on its own (as typed in, one command each), the streams taking turns. */
async function storeWithStory(): Promise<SqliteEventStore> {
  const store = new SqliteEventStore(':memory:');
  const story = itemStory();
  for (let revision = 0; story.some(({ events }) => revision < events.length); revision += 1) {
    for (const { stream, events } of story) {
      if (revision < events.length) await store.appendToStream(stream, [events[revision]!], { expectedRevision: revision === 0 ? 'no_stream' : revision - 1 });
    }
  }
  return store;
}

/** A stream reader counting its reads, by stream. */
function counted(reader: StreamReader): StreamReader & { reads: Map<string, number> } {
  const counter = {
    reads: new Map<string, number>(),
    read: (id: string, options?: Parameters<StreamReader['read']>[1]) => {
      counter.reads.set(id, (counter.reads.get(id) ?? 0) + 1);
      return reader.read(id, options);
    },
  };
  return counter;
}

/** The item and the finding as the ledgers folded them after every event, one at a time (what they read before perf47). */
async function foldedAfterEveryEvent(store: SqliteEventStore): Promise<{ plans: WorkPlanLedger; ledger: RectificationLedger }> {
  const streams = new StreamsInMemory();
  const plans = new WorkPlanLedger(streams);
  const ledger = new RectificationLedger(streams);
  const eachEvent = (readModel: WorkPlanLedger | RectificationLedger) => ({ apply: (event: RecordedEvent) => readModel.apply(event), settle: () => readModel.settle() });
  await replayLogInto(store, schemas, [streams, eachEvent(plans), eachEvent(ledger)]);
  return { plans, ledger };
}

/** `plans`' item-1 and `ledger`'s f-1 equal the ones folded after every event, and their folds by day of their whole streams. */
async function asFoldedAfterEveryEvent(store: SqliteEventStore, plans: WorkPlanLedger, ledger: RectificationLedger): Promise<void> {
  const before = await foldedAfterEveryEvent(store);
  expect(plans.item('item-1')).toEqual(before.plans.item('item-1'));
  expect(ledger.finding('f-1')).toEqual(before.ledger.finding('f-1'));
  expect(plans.item('item-1')).toMatchObject({ foldedByDay: true });
  expect(ledger.finding('f-1')).toMatchObject({ foldedByDay: true });
  const { foldedByDay: _item, ...item } = plans.item('item-1')!;
  const { history: _itemHistory, ...itemByDay } = itemAt(await plans.timeline('item-1'), EVERY_FACT)!;
  expect(item).toEqual(itemByDay);
  const { history: _findingHistory, ...findingByDay } = findingAt(await ledger.timeline('f-1'), EVERY_FACT)!;
  expect(ledger.finding('f-1')!.parts).toEqual(findingByDay.parts);
  expect(item.parts.get('unit-a')?.urges).toHaveLength(URGES + 1);
}

describe('an item folded by day is folded again once per catch-up batch, not per event (perf47)', () => {
  /** Reads of the item's and the finding's streams. */
  const readsOf = (streams: { reads: Map<string, number> }) => [streams.reads.get(workPlanItemStream('item-1')), streams.reads.get(findingStream('f-1'))];

  it('the projection engine reads their streams once per read batch while catching up 404 events of each (was: once per event)', async () => {
    const store = await storeWithStory();
    let engine!: ProjectionEngine;
    const streams = counted(new ProjectedStreams(store, schemas, () => engine.position ?? { commit: -1n, prepare: -1n }));
    const failures: unknown[] = [];
    const health = { projectionsFollowing: () => undefined, projectionsFailed: (reason: unknown) => failures.push(reason), storeDetached: () => false, logAltered: (row: unknown) => failures.push(row) };
    const snapshots = { restore: async () => null, intervalMs: 0, everyEvents: 0, path: null, writesSnapshots: false, loadedCodeVersion: null };
    engine = new ProjectionEngine(store, schemas, health as unknown as StoreHealth, snapshots as unknown as ReadModelSnapshots);
    const plans = engine.track(new WorkPlanLedger(streams));
    const ledger = engine.track(new RectificationLedger(streams));
    await engine.onModuleInit();
    try {
      expect(failures).toEqual([]);
      // 809 events in two read batches of 500, each holding events of both after they were folded by day: two refolds each.
      expect(readsOf(streams)).toEqual([2, 2]);
      await asFoldedAfterEveryEvent(store, plans, ledger);
    } finally {
      await engine.onApplicationShutdown();
      await store.close();
    }
  });

  it('a tool’s replay of the log (replayLogInto) reads it once per read batch too', async () => {
    const store = await storeWithStory();
    const streams = counted(new ProjectedStreams(store, schemas));
    const plans = new WorkPlanLedger(streams);
    const ledger = new RectificationLedger(streams);
    await replayLogInto(store, schemas, [plans, ledger]);
    try {
      expect(readsOf(streams)).toEqual([2, 2]);
      await asFoldedAfterEveryEvent(store, plans, ledger);
    } finally {
      await store.close();
    }
  });
});
