import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventToAppend } from '../../src/event-store/event-store.port.js';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store.js';
import { WitnessKeeper } from '../../src/event-store/store-admission.js';
import { readWitness } from '../../src/event-store/store-witness.js';
import { PROCESS_TEST_CEILING_MS } from '../support/server-process.js';

/*
 * s57b (breaker57-9 S1): two servers on one SQLite file. One server's witness write of its own head — read before the other
 * server's append committed — landed after the other had appended, written the witness and answered (a durable write's
 * fsync took up to 1.1 s under load): the witness went back below an acknowledged write, and a kill -9 of both in that gap
 * with the -wal then cut back started `ready` without it. Here the other server is another process, stopped (blocking on
 * its stdin, no timers) at the exact moment between reading the head and writing the witness, and killed -9 there.
 */

const event = (): EventToAppend => ({ id: randomUUID(), type: 'Noted', schemaVersion: 1, data: {}, metadata: { recordedAt: '2026-12-07T01:00:00.000Z' } as EventToAppend['metadata'] });

/** The other server: appends one event, then writes its witness, held (reading its stdin) after reading the head. */
const OTHER_SERVER = `
import { readSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
const [storePath, witnessPath, storeId] = process.argv.slice(1);
const { SqliteEventStore } = await import(process.cwd() + '/dist/event-store/sqlite-event-store.js');
const { WitnessKeeper } = await import(process.cwd() + '/dist/event-store/store-admission.js');
const store = new SqliteEventStore(storePath);
const keeper = new WitnessKeeper(witnessPath, { storeId, kind: 'sqlite', location: storePath }, (commit) => store.chainHashAt(commit), null, () => store.headEventNow(), null, undefined, undefined, (work) => store.underWriteLock(work));
const appended = await store.appendToStream('unit-other', [{ id: randomUUID(), type: 'Noted', schemaVersion: 1, data: {}, metadata: { recordedAt: '2026-12-07T01:00:00.000Z' } }], { expectedRevision: 'no_stream' });
keeper.beforeWriteForTest = () => {
  process.stdout.write('held ' + appended.position.commit + '\\n');
  readSync(0, Buffer.alloc(1));
};
keeper.noteHead(appended.position, null);
process.stdout.write('written\\n');
`;

describe('the store witness written by two processes on one file (breaker57-9 S1)', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'rectify-witness-processes-'));
  });
  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it(
    'no process commits while another is between reading the head and writing the witness; killed there, the witness still names every acknowledged append',
    async () => {
      const path = join(directory, 'rectify.db');
      const witnessPath = join(directory, 'rectify.db.witness.json');
      const store = new SqliteEventStore(path);
      const identity = await store.identify();
      const keeper = new WitnessKeeper(witnessPath, { storeId: identity.storeId, kind: 'sqlite', location: path }, (commit) => store.chainHashAt(commit), null, () => store.headEventNow(), null, undefined, undefined, (work) => store.underWriteLock(work));
      const third = new Database(path);
      third.pragma('busy_timeout = 0');
      try {
        const first = await store.appendToStream('unit-a', [event()], { expectedRevision: 'no_stream' });
        expect(keeper.noteHead(first.position, null)).toBe(true);

        const other = spawn(process.execPath, ['--input-type=module', '-e', OTHER_SERVER, path, witnessPath, identity.storeId], { stdio: ['pipe', 'pipe', 'inherit'] });
        const exited = new Promise<NodeJS.Signals | null>((resolve) => other.once('exit', (_code, signal) => resolve(signal)));
        const held = await new Promise<string>((resolve, reject) => {
          let said = '';
          other.stdout.on('data', (chunk: Buffer) => {
            said += chunk.toString();
            if (said.includes('\n')) resolve(said);
          });
          other.once('exit', () => reject(new Error(`the other process ended before it was held: ${said}`)));
        });
        expect(held).toMatch(/^held 2\n/);

        // Held with the head read: no process can commit an append (and answer it) until its witness is written.
        let commit: string;
        try {
          third.exec('BEGIN IMMEDIATE');
          third.exec('ROLLBACK');
          commit = 'committed';
        } catch (error) {
          commit = String((error as { code?: unknown }).code);
        }
        expect(commit).toBe('SQLITE_BUSY');

        // Both servers' machine goes down there (kill -9 of the held one; this one's next append after it).
        other.kill('SIGKILL');
        expect(await exited).toBe('SIGKILL');
        const later = await store.appendToStream('unit-a', [event()], { expectedRevision: 'any' });
        expect(keeper.noteHead(later.position, null)).toBe(true);
        // The witness names the newest append answered, never the held process's older head after it.
        expect(readWitness(witnessPath)!.head).toBe(later.position.commit.toString());
        expect(later.position.commit).toBe(3n);
      } finally {
        third.close();
        keeper.close();
        await store.close();
      }
    },
    PROCESS_TEST_CEILING_MS,
  );
});
