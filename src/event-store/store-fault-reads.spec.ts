import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatGraphqlError } from '../shared/graphql/format-error.js';
import { toGraphqlError } from '../shared/graphql/graphql-error.filter.js';
import type { EventToAppend } from './event-store.port.js';
import { guardedEventStore } from './guarded-event-store.js';
import { SqliteEventStore } from './sqlite-event-store.js';
import { WitnessKeeper } from './store-admission.js';
import { StoreHealth } from './store-health.js';

const event = (text = 'x'): EventToAppend => {
  const id = randomUUID();
  return { id, type: 'Noted', schemaVersion: 1, data: { text }, metadata: { actorId: 'a', actorRole: 'ADMIN', actorUnitId: null, commandId: id, correlationId: id, causationId: id, recordedAt: '2026-12-07T01:00:00.000Z' } as EventToAppend['metadata'] };
};
const ioError = () => Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_SHORT_READ' });
const corrupt = () => Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' });

/**
 * breaker52-9 S3: a drill's file and its -wal copied over production's in place. /health said STORE_FILE_REPLACED, yet every write
 * answered INTERNAL_SERVER_ERROR 「请稍后重试」 (the request-key look-up met "disk I/O error" before the guarded append's check) and a
 * history read said STORE_FILE_DAMAGED. Every store error on every path is the store's standing problem, named as /health names it.
 */
describe('SQLite failing to read a store whose file was copied over in place', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'rectify-fault-reads-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('classifies an I/O error or damage met anywhere (a request look-up, a nested field) as the standing STORE_FILE_REPLACED', async () => {
    const path = join(folder, 'rectify.db');
    const store = new SqliteEventStore(path, { writerThread: false });
    await store.identify();
    await store.appendToStream('note-1', [event()], { expectedRevision: 'no_stream' });
    const health = new StoreHealth(store);
    // Before any problem: an I/O error reading the store is still the store's state (its code named), never "try again".
    expect(health.storeDamaged(ioError())?.problem.cause).toBe('STORE_FILE_DAMAGED');

    const other = join(folder, 'other.db');
    const second = new SqliteEventStore(other, { writerThread: false });
    await second.identify();
    for (let index = 0; index < 30; index += 1) await second.appendToStream(`other-${index}`, [event('另'.repeat(500))], { expectedRevision: 'no_stream' });
    await second.close();
    copyFileSync(other, path);
    const fresh = new StoreHealth(store);
    expect(fresh.problems().map((problem) => problem.cause)).toContain('STORE_FILE_REPLACED');
    expect(fresh.storeDamaged(ioError())?.problem.cause).toBe('STORE_FILE_REPLACED');
    expect(fresh.storeDamaged(corrupt())?.problem.cause).toBe('STORE_FILE_REPLACED');
    expect(fresh.noteWriteFailure(ioError())?.problem.cause).toBe('STORE_FILE_REPLACED');

    // The request look-up of every write (breaker52-9 S3's INTERNAL_SERVER_ERROR).
    const failing = new Proxy(store, { get: (target, property) => (property === 'findRequest' ? () => Promise.reject(ioError()) : Reflect.get(target, property, target)) });
    const witness = { noteHead: () => true, close: () => undefined } as unknown as WitnessKeeper;
    await expect(guardedEventStore(failing, fresh, witness).findRequest('pr-4')).rejects.toMatchObject({ problem: { cause: 'STORE_FILE_REPLACED' } });

    // A nested field (a finding's history), where no Nest filter runs: Apollo's formatError names the same cause.
    const format = formatGraphqlError({ hideSchemaDetails: true, storeHealth: fresh });
    const answered = format({ message: 'x', extensions: { code: 'INTERNAL_SERVER_ERROR' } }, corrupt());
    expect(answered.extensions).toMatchObject({ code: 'STORE_UNAVAILABLE', cause: 'STORE_FILE_REPLACED' });
    expect(answered.extensions?.messageZh).toBe(toGraphqlError(fresh.writeRefusal(), new Logger('test')).extensions.messageZh);
    await store.close().catch(() => undefined);
  });
});
