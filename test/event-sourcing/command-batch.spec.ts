import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store.js';
import type { EventStore } from '../../src/event-store/event-store.port.js';
import { batchCommand, checkBatch, contextInBatch, executeBatch } from '../../src/event-sourcing/command-batch.js';
import { executeCommand } from '../../src/event-sourcing/execute-command.js';
import { commandContext, type Actor } from '../../src/shared/command-context.js';
import type { Decider } from '../../src/shared/decider.js';
import { DomainError, say } from '../../src/shared/domain-error.js';
import { EventSchemaRegistry } from '../../src/shared/event-schemas.js';

/*
 * breaker8g P5: a batch (a reorganisation's directory entry and hand-overs, an import's rows) is
 * all or nothing. Another request writing one of its streams between the check and the append used
 * to leave the commands appended before it in the log while the request was answered with an
 * error; now the batch's appends are one (`appendToStreams`), and a batch that met another writer
 * is decided again on what is there now — recorded whole, or refused with nothing recorded.
 */

type Urge = { type: 'UrgeUnit'; message: string };
type Urged = { type: 'UnitUrged'; data: { message: string } };
/** Urges at most three times per record, so a decision depends on what the stream holds. */
const urging: Decider<Urge, number, Urged> = {
  initialState: () => 0,
  evolve: (count) => count + 1,
  decide: (command, count) => {
    if (count >= 3) throw new DomainError('CONFLICT', say('urged three times already', '已催办三次'));
    return [{ type: 'UnitUrged', data: { message: command.message } }];
  },
};
const schemas = new EventSchemaRegistry().register({ UnitUrged: { version: 1 } });
const supervisor: Actor = { id: 'user-zhangwei', role: 'SUPERVISOR', unitId: null };
const freshPath = () => join(mkdtempSync(join(tmpdir(), 'rectify-batch-')), 'events.db');
const batchContext = commandContext({ actor: supervisor, commandType: 'Reorganize', idempotencyKey: 'batch-1', now: new Date('2026-05-12T01:00:00Z') });
const urgeAlone = (store: EventStore, streamId: string, key: string) =>
  executeCommand(store, schemas, streamId, urging, { type: 'UrgeUnit', message: '另一办事员' }, commandContext({ actor: supervisor, commandType: 'UrgeUnit', idempotencyKey: key, now: new Date('2026-05-12T01:00:00Z') }));

/** Three urgings, one per stream, as one batch. */
const batchOn = (streams: readonly string[]) =>
  streams.map((streamId) => batchCommand(null, streamId, urging, { type: 'UrgeUnit', message: '机构改革' }, contextInBatch(batchContext, 'UrgeUnit', `batch-1:${streamId}`)));

/** The store, with `meanwhile` run once just before the batch's first append (another clerk's request landing then). */
function racedBy(store: EventStore, meanwhile: () => Promise<unknown>): EventStore {
  let raced = false;
  const race = async () => {
    if (raced) return;
    raced = true;
    await meanwhile();
  };
  return new Proxy(store, {
    get(target, property) {
      if (property === 'appendToStream') return async (...args: Parameters<EventStore['appendToStream']>) => (await race(), target.appendToStream(...args));
      if (property === 'appendToStreams') return async (...args: Parameters<EventStore['appendToStreams']>) => (await race(), target.appendToStreams(...args));
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('a batch of commands is recorded all or nothing (breaker8g P5)', () => {
  let store: SqliteEventStore;
  beforeEach(() => {
    store = new SqliteEventStore(freshPath());
  });
  afterEach(() => store.close());

  it('is decided again and recorded whole when another request wrote one of its streams after the check', async () => {
    const commands = batchOn(['finding-A', 'finding-B', 'finding-C']);
    expect(await checkBatch(store, schemas, commands)).toEqual([]);
    const outcome = await executeBatch(racedBy(store, () => urgeAlone(store, 'finding-B', 'clerk-1')), schemas, commands);
    expect(outcome.eventCount).toBe(3);
    expect((await store.readStream('finding-A')).map((event) => event.data.message)).toEqual(['机构改革']);
    expect((await store.readStream('finding-B')).map((event) => event.data.message)).toEqual(['另一办事员', '机构改革']);
    expect((await store.readStream('finding-C')).map((event) => event.data.message)).toEqual(['机构改革']);
  });

  it('records nothing when, decided again, a command is refused: the refusal is the answer', async () => {
    await urgeAlone(store, 'finding-B', 'clerk-1');
    await urgeAlone(store, 'finding-B', 'clerk-2');
    const commands = batchOn(['finding-A', 'finding-B', 'finding-C']);
    expect(await checkBatch(store, schemas, commands)).toEqual([]);
    const head = await store.headPosition();
    // The third urging of B lands between the check and the append: B's command is now refused.
    await expect(executeBatch(racedBy(store, () => urgeAlone(store, 'finding-B', 'clerk-3')), schemas, commands)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await store.readStream('finding-A')).toEqual([]);
    expect(await store.readStream('finding-C')).toEqual([]);
    expect((await store.readStream('finding-B')).map((event) => event.metadata.commandId)).toHaveLength(3);
    expect((await store.headPosition())!.commit).toBe(head!.commit + 1n);
  });

  it('chains two commands of the batch on one stream: the second is decided on the first', async () => {
    const commands = [
      ...batchOn(['finding-A']),
      batchCommand(null, 'finding-A', urging, { type: 'UrgeUnit', message: '第二条' }, contextInBatch(batchContext, 'UrgeUnit', 'batch-1:finding-A:2')),
    ];
    const outcome = await executeBatch(store, schemas, commands);
    expect(outcome.outcomes.map((one) => one.events.length)).toEqual([1, 1]);
    expect((await store.readStream('finding-A')).map((event) => [event.revision, event.data.message])).toEqual([
      [0, '机构改革'],
      [1, '第二条'],
    ]);
  });

  it('completes a batch stored half by an older version when sent again, appending only what is missing', async () => {
    const commands = batchOn(['finding-A', 'finding-B']);
    await commands[0]!.execute(store, schemas);
    const outcome = await executeBatch(store, schemas, commands);
    expect(outcome.outcomes.map((one) => [one.retried, one.events.length])).toEqual([
      [true, 0],
      [false, 1],
    ]);
    expect(await store.readStream('finding-A')).toHaveLength(1);
    expect(await store.readStream('finding-B')).toHaveLength(1);
  });
});

describe('a long batch appended in slices (breaker56-10 S3: one transaction of a 4,999-item plan held every other write)', () => {
  let store: SqliteEventStore;
  beforeEach(() => {
    store = new SqliteEventStore(freshPath());
  });
  afterEach(() => store.close());
  const streams = ['item-1', 'item-2', 'item-3', 'item-4', 'item-5'];

  it('appends at most eventsPerSlice events a transaction, another request writing between two slices, each command once', async () => {
    const ends: bigint[] = [];
    const outcome = await executeBatch(store, schemas, batchOn(streams), undefined, {
      eventsPerSlice: 2,
      between: async (position) => {
        ends.push(position.commit);
        // Another clerk's urging goes in between two slices: its own transaction, not behind the whole batch.
        if (ends.length === 1) await urgeAlone(store, 'finding-other', 'clerk-between');
      },
    });
    expect(outcome.eventCount).toBe(5);
    // Three slices (2 + 2 + 1 events): `between` after the first two only.
    expect(ends).toEqual([2n, 5n]);
    expect((await store.readAll()).map((event) => event.streamId)).toEqual(['item-1', 'item-2', 'finding-other', 'item-3', 'item-4', 'item-5']);
  });

  it('stopped between two slices, keeps the slices before; the same batch again appends only the rest', async () => {
    const stopped = executeBatch(store, schemas, batchOn(streams), undefined, {
      eventsPerSlice: 2,
      between: () => Promise.reject(new Error('killed')),
    });
    await expect(stopped).rejects.toThrow('killed');
    expect((await store.readAll()).map((event) => event.streamId)).toEqual(['item-1', 'item-2']);

    const resumed = await executeBatch(store, schemas, batchOn(streams), undefined, { eventsPerSlice: 2, between: () => Promise.resolve() });
    expect(resumed.eventCount).toBe(3);
    expect(resumed.outcomes.map((one) => one.retried)).toEqual([true, true, false, false, false]);
    expect((await store.readAll()).map((event) => event.streamId)).toEqual(streams);
    const again = await executeBatch(store, schemas, batchOn(streams), undefined, { eventsPerSlice: 2, between: () => Promise.resolve() });
    expect(again.eventCount).toBe(0);
  });
});
