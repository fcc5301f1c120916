import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventToAppend } from './event-store.port.js';
import { guardedEventStore } from './guarded-event-store.js';
import { SqliteEventStore } from './sqlite-event-store.js';
import { WitnessKeeper } from './store-admission.js';
import { StoreHealth, StoreUnavailableError } from './store-health.js';

const event = (): EventToAppend => ({ id: randomUUID(), type: 'Noted', schemaVersion: 1, data: {}, metadata: { recordedAt: '2026-11-30T01:00:00.000Z' } as EventToAppend['metadata'] });
const request = (key: string) => ({ key, commandId: 'RenameUnit', digest: 'digest-1' });

/** Issue 9 (second breaker, 8): a store that cannot be trusted with a write takes no write of any kind. */
describe('The store as the server writes to it', () => {
  let directory: string;
  let store: SqliteEventStore;
  let health: StoreHealth;
  let witness: WitnessKeeper;
  let guarded: SqliteEventStore;
  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'rectify-guarded-'));
    store = new SqliteEventStore(join(directory, 'events.db'));
    const identity = await store.identify();
    health = new StoreHealth(store);
    witness = new WitnessKeeper(join(directory, 'witness.json'), { storeId: identity.storeId, kind: 'sqlite', location: store.path });
    guarded = guardedEventStore(store, health, witness);
  });
  afterEach(async () => {
    await guarded.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('reserves no request key while degraded, as it appends no event', async () => {
    health.projectionsFailed('event poison-1 (FindingRecorded) at position 7 failed in a read model');
    await expect(guarded.reserveRequest('unit-1', request('rename-to-own-name'))).rejects.toThrow(StoreUnavailableError);
    await expect(guarded.appendToStream('unit-1', [event()], { expectedRevision: 'any' })).rejects.toThrow(StoreUnavailableError);
    expect(await store.findRequest('rename-to-own-name')).toBeNull();
    expect(await store.headPosition()).toBeNull();

    health.projectionsFollowing();
    await guarded.reserveRequest('unit-1', request('rename-to-own-name'));
    expect(await store.findRequest('rename-to-own-name')).toMatchObject({ appendedNothing: true, streamId: 'unit-1' });
  });

  it('answers a write that fails on a full disk as STORE_UNAVAILABLE naming it, whatever the write', async () => {
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    const refusal = await health.guardWrite(() => Promise.reject(full)).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(StoreUnavailableError);
    expect((refusal as StoreUnavailableError).problem.cause).toBe('DISK_FULL');
    expect((refusal as StoreUnavailableError).messageZh).toContain('所在磁盘已满');
    // Not a failure of the store's state: passed on as it is.
    const other = new Error('a bug');
    await expect(health.guardWrite(() => Promise.reject(other))).rejects.toBe(other);
  });
});
