import { randomUUID } from 'node:crypto';
import { executeCommand } from '../../src/event-sourcing/execute-command.js';
import { FoldedStreams } from '../../src/event-sourcing/folded-streams.js';
import type { EventStore } from '../../src/event-store/event-store.port.js';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store.js';
import { commandContext, type Actor } from '../../src/shared/command-context.js';
import type { Decider } from '../../src/shared/decider.js';
import { EventSchemaRegistry } from '../../src/shared/event-schemas.js';
import { countingReads } from '../../src/event-sourcing/testing/counting-reads.js';

/*
 * FoldedStreams (breaker12e P3's kind: a command read and folded its stream's whole history, which
 * for some streams grows without bound): the next command on a stream reads only the rows appended
 * since, and decides exactly as a whole read would — counted in rows read, never timed.
 */

type Note = { type: 'Note'; text: string };
type Noted = { type: 'Noted'; data: { text: string } };
/** The state is every text noted, in order: a wrong fold shows at once. */
const noting: Decider<Note, readonly string[], Noted> = {
  initialState: () => [],
  evolve: (texts, event) => [...texts, event.data.text],
  decide: (command) => [{ type: 'Noted', data: { text: command.text } }],
};
const schemas = new EventSchemaRegistry().register({ Noted: { version: 1 } });
const actor: Actor = { id: 'user-zhangwei', role: 'SUPERVISOR', unitId: null };


const context = (idempotencyKey: string = randomUUID()) => commandContext({ actor, commandType: 'Note', idempotencyKey, now: new Date('2026-05-12T01:00:00Z') });

describe('FoldedStreams', () => {
  let sqlite: SqliteEventStore;
  let store: EventStore;
  let rowsRead: () => number;
  let folded: FoldedStreams;
  /** Notes `text` on `on`, keeping the fold in `kept` (null: none, a whole read as before). */
  const note = (text: string, on = store, key?: string, kept: FoldedStreams | null = folded) =>
    executeCommand(on, schemas, 'notes-1', noting, { type: 'Note', text }, context(key), undefined, [], kept ?? undefined);

  beforeEach(async () => {
    sqlite = new SqliteEventStore(':memory:');
    ({ store, rowsRead } = countingReads(sqlite));
    folded = new FoldedStreams();
    for (let index = 0; index < 200; index += 1) await note(`第${index}条`, sqlite, undefined, null);
  });
  afterEach(() => sqlite.close());

  it('reads the whole stream once, then only the rows appended since, by itself or by others', async () => {
    await note('甲');
    expect(rowsRead()).toBe(200);
    const before = rowsRead();
    await note('乙');
    expect(rowsRead() - before).toBe(1);
    await note('丙', sqlite, undefined, null); // another server on the file
    const outcome = await note('丁');
    expect(rowsRead() - before).toBe(1 + 2);
    expect(outcome.events).toEqual([{ type: 'Noted', data: { text: '丁' } }]);
    const state = (await folded.read(store, schemas, 'notes-1', noting)).state;
    expect(state.slice(-4)).toEqual(['甲', '乙', '丙', '丁']);
    expect(state).toHaveLength(204);
  });

  it('recognises a command recorded before the request index existed by its command id, from the kept fold', async () => {
    await note('甲');
    const earlierKey = randomUUID();
    const earlier = context(earlierKey);
    // Appended with no request record, as a command of an older version was.
    await sqlite.appendToStream('notes-1', [{ id: randomUUID(), type: 'Noted', schemaVersion: 1, data: { text: '乙' }, metadata: { ...actorMetadata(), commandId: earlier.commandId } }], { expectedRevision: 'any' });
    await note('丙');
    const again = await note('乙', store, earlierKey);
    expect(again).toMatchObject({ retried: true, events: [] });
    expect((await sqlite.readStream('notes-1')).map((event) => event.data.text).slice(-3)).toEqual(['甲', '乙', '丙']);
  });

  it('reads the stream whole again when the kept row is no longer there (a store replaced by another)', async () => {
    await note('甲');
    const other = new SqliteEventStore(':memory:');
    try {
      await executeCommand(other, schemas, 'notes-1', noting, { type: 'Note', text: '另一文件' }, context());
      const outcome = await note('乙', other);
      expect(outcome.events).toEqual([{ type: 'Noted', data: { text: '乙' } }]);
      expect((await folded.read(other, schemas, 'notes-1', noting)).state).toEqual(['另一文件', '乙']);
    } finally {
      other.close();
    }
  });

  it('keeps at most its bound of command ids, dropping the least recently used streams', async () => {
    const small = new FoldedStreams(250);
    await note('甲', store, undefined, small);
    await executeCommand(store, schemas, 'notes-2', noting, { type: 'Note', text: '乙' }, context(), undefined, [], small);
    expect(small.size).toBe(2);
    await executeCommand(store, schemas, 'notes-3', noting, { type: 'Note', text: '丙' }, context(), undefined, [], new FoldedStreams(100));
    for (let index = 0; index < 60; index += 1) await executeCommand(store, schemas, 'notes-2', noting, { type: 'Note', text: `${index}` }, context(), undefined, [], small);
    expect(small.size).toBe(1);
  });
});

function actorMetadata() {
  return { actorId: actor.id, actorRole: actor.role, actorUnitId: null, commandId: randomUUID(), correlationId: randomUUID(), causationId: randomUUID(), recordedAt: '2026-05-12T01:00:00.000Z' };
}
