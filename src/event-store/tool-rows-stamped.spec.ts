import { generateKeyPairSync, randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventToAppend } from './event-store.port.js';
import { SqliteEventStore } from './sqlite-event-store.js';
import { openToolStore } from './store-admission.js';

const event = (): EventToAppend => ({
  id: randomUUID(),
  type: 'ProbeRecorded',
  schemaVersion: 1,
  data: { probe: true },
  metadata: { actorId: 'system', actorRole: 'SYSTEM', actorUnitId: null, commandId: randomUUID(), correlationId: randomUUID(), causationId: randomUUID(), recordedAt: new Date().toISOString() },
});

const settingsIn = (folder: string) => {
  const sqlitePath = join(folder, 'data', 'rectify.db');
  mkdirSync(join(folder, 'data'), { recursive: true });
  mkdirSync(join(folder, 'keys'), { recursive: true });
  writeFileSync(join(folder, 'keys', 'ledger-signing-key.pem'), generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  return {
    EVENT_STORE: 'sqlite' as const,
    SQLITE_PATH: sqlitePath,
    STORE_WITNESS_PATH: `${sqlitePath}.witness.json`,
    LEDGER_SIGNING_KEY_FILE: join(folder, 'keys', 'ledger-signing-key.pem'),
    EVENTSTORE_CONNECTION_STRING: undefined,
  };
};

const rowsOf = (sqlitePath: string) => {
  const db = new Database(sqlitePath, { readonly: true });
  try {
    return db.prepare<[], { position: number; writer: string | null }>("SELECT position, json_extract(metadata, '$.writerId') AS writer FROM events ORDER BY position").all();
  } finally {
    db.close();
  }
};

const witnessOf = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as { head: string | null; writers?: string[] };

/*
 * note44 Issue 9 Left (breaker43-9 K1): a tool's run on a log it does not follow to its head (rewritten or cut back under
 * it, a row found altered) skipped recording its writer id and went on to append — rows without a writer id, which the
 * next start takes for another copy's (or an older release's). Such an append was refused in its transaction all the same
 * (probed: LogRewrittenError, nothing written), so no unstamped row landed; the run is now refused before its first
 * append by construction, and every row a tool appends carries a writer id its witness lists.
 */
describe('A tool appends only rows stamped with a writer id its witness recorded', () => {
  const stampedInstallation = async () => {
    const settings = settingsIn(mkdtempSync(join(tmpdir(), 'rectify-tool-stamped-')));
    const first = await openToolStore(settings, { newStore: true });
    await first.appendToStream('probe-1', [event(), event()], { expectedRevision: 'no_stream' });
    await first.close();
    const second = await openToolStore(settings);
    await second.appendToStream('probe-2', [event()], { expectedRevision: 'no_stream' });
    await second.close();
    return settings;
  };

  it('each run under its own id, listed in the witness before the rows', async () => {
    const settings = await stampedInstallation();
    const rows = rowsOf(settings.SQLITE_PATH);
    const writers = witnessOf(settings.STORE_WITNESS_PATH).writers ?? [];
    expect(rows.map(({ writer }) => writer !== null && writers.includes(writer))).toEqual([true, true, true]);
    expect(new Set(rows.map(({ writer }) => writer)).size).toBe(2);
  });

  it.each([
    ['the head row rewritten under the run (another chain hash there)', 'UPDATE events SET chain_hash = zeroblob(32) WHERE position = (SELECT MAX(position) FROM events)', 'LogRewrittenError'],
    ['the newest row deleted under the run', 'DELETE FROM events WHERE position = (SELECT MAX(position) FROM events)', 'LogShortenedError'],
    ['a row found altered (as the server notes one its walk found)', null, 'AlteredRowError'],
  ])('on a log with %s: the append is refused, nothing is appended unstamped, the witness keeps its head', async (_case, sql, refusal) => {
    const settings = await stampedInstallation();
    const tool = await openToolStore(settings);
    await tool.headPosition();
    if (sql) {
      const db = new Database(settings.SQLITE_PATH);
      db.exec(sql);
      db.close();
    } else {
      (tool as SqliteEventStore).noteAltered({ position: 2, type: 'ProbeRecorded', problem: { en: 'its content was edited', zh: '其内容被改动' } });
    }
    const before = { rows: rowsOf(settings.SQLITE_PATH), head: witnessOf(settings.STORE_WITNESS_PATH).head };
    const outcome = await tool.appendToStream('probe-3', [event()], { expectedRevision: 'no_stream' }).then(
      () => 'appended',
      (error: Error) => error.name,
    );
    await tool.close();
    expect(outcome).toBe(refusal);
    expect({ rows: rowsOf(settings.SQLITE_PATH), head: witnessOf(settings.STORE_WITNESS_PATH).head }).toEqual(before);
    expect(rowsOf(settings.SQLITE_PATH).filter(({ writer }) => writer === null)).toEqual([]);
  });
});
