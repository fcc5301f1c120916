import { createHash } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { QuickCheckError, quickCheckOffThread } from '../../src/event-store/sqlite-quick-check.js';
import { StoreRefusedError } from '../../src/event-store/store-witness.js';
import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { freshDatabasePath, startTestApp } from '../support/test-app.js';
import { PROCESS_TEST_CEILING_MS } from '../support/server-process.js';

/*
 * A store file that was there is checked (PRAGMA quick_check) on a thread of its own while the read
 * models are restored, instead of before them: a restart of a large log no longer waits for a read of
 * every page first. What must not change: a damaged store refuses the start, and nothing is written
 * before the check has passed.
 */

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Garbage over the middle third of the file: b-tree pages SQLite finds inconsistent. */
function damage(path: string) {
  const size = statSync(path).size;
  const file = openSync(path, 'r+');
  writeSync(file, Buffer.alloc(Math.floor(size / 3), 0x5a), 0, Math.floor(size / 3), Math.floor(size / 3));
  closeSync(file);
}

describe('PRAGMA quick_check on its own thread', () => {
  const directory = mkdtempSync(join(tmpdir(), 'rectify-quick-check-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  function database(name: string, rows: number) {
    const path = join(directory, name);
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL); CREATE INDEX notes_text ON notes (text)');
    const insert = db.prepare('INSERT INTO notes (text) VALUES (?)');
    for (let row = 0; row < rows; row += 1) insert.run(`整改记录 ${row} ${'很长的说明'.repeat(30)}`);
    db.close();
    return path;
  }

  it('finds nothing wrong with a sound file', async () => {
    expect(await quickCheckOffThread(database('sound.db', 500))).toEqual([]);
  });

  it("names SQLite's problems in a damaged file", async () => {
    const path = database('damaged.db', 500);
    damage(path);
    const outcome = await quickCheckOffThread(path).then(
      (problems) => ({ problems }),
      (error: unknown) => ({ error }),
    );
    // Either the check lists the inconsistent pages or SQLite cannot read the file at all.
    if ('problems' in outcome) expect(outcome.problems.length).toBeGreaterThan(0);
    else expect(outcome.error).toBeInstanceOf(QuickCheckError);
  });

  it('rejects a file that is not a database with SQLite’s code', async () => {
    const path = join(directory, 'not-a-database.db');
    writeFileSync(path, Buffer.alloc(8192, 0x41));
    await expect(quickCheckOffThread(path)).rejects.toMatchObject({ name: 'QuickCheckError', code: 'SQLITE_NOTADB' });
  });
});

describe('starting on a damaged store', () => {
  it('is refused (STORE_DAMAGED, exit path of a refused store) with nothing written: neither the store file nor the witness changes', async () => {
    const sqlitePath = freshDatabasePath();
    const witnessPath = `${sqlitePath}.witness.json`;
    const app = await startTestApp({ sqlitePath });
    for (let i = 0; i < 40; i += 1) {
      expect((await app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ title: `评估 ${i} ${'很长的标题'.repeat(20)}` }) })).errors).toBeUndefined();
    }
    await app.close();
    damage(sqlitePath);
    const [storeBefore, witnessBefore] = [sha256(sqlitePath), readFileSync(witnessPath, 'utf8')];

    const refusal = await startTestApp({ sqlitePath }).then(
      () => {
        throw new Error('the app started on a damaged store');
      },
      (error: unknown) => {
        if (!(error instanceof StoreRefusedError)) throw error;
        return error;
      },
    );
    expect(refusal.reason).toBe('STORE_DAMAGED');
    expect(refusal.message).toMatch(/is damaged .*Restore it from a backup/);
    expect(refusal.messageZh).toContain('已损坏');
    expect(sha256(sqlitePath)).toBe(storeBefore);
    expect(readFileSync(witnessPath, 'utf8')).toBe(witnessBefore);
  }, PROCESS_TEST_CEILING_MS);

  // breaker9l P1: a backup copied in place over the live file under its -wal left the event-id index two rows short; the refusal
  // offered only a backup, losing every event acknowledged after it, where REINDEX rebuilds the index from the rows.
  it('says an index-only fault is repaired by REINDEX (nothing the rows hold is lost) before a backup', async () => {
    const sqlitePath = freshDatabasePath();
    const app = await startTestApp({ sqlitePath });
    for (let i = 0; i < 3; i += 1) expect((await app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ title: `索引受损的评估 ${i}` }) })).errors).toBeUndefined();
    await app.close();
    // The event-id index pointed at an empty index b-tree: the rows are sound, the index lacks them all.
    const db = new Database(sqlitePath);
    // An index that holds no row (partial, WHERE 0) lends its empty b-tree — an index, not a table: a table no Rectify version
    // creates would make the file another application's (NOT_AN_EVENT_STORE, breaker9s P3) rather than a damaged store.
    db.exec('CREATE UNIQUE INDEX scratch ON events (event_id) WHERE 0');
    const rootOf = (name: string) => (db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').get(name) as { rootpage: number }).rootpage;
    const [events, scratch] = [rootOf('sqlite_autoindex_events_1'), rootOf('scratch')];
    db.unsafeMode(true);
    db.pragma('writable_schema = ON');
    db.prepare('UPDATE sqlite_master SET rootpage = ? WHERE name = ?').run(scratch, 'sqlite_autoindex_events_1');
    db.prepare('UPDATE sqlite_master SET rootpage = ? WHERE name = ?').run(events, 'scratch');
    db.pragma('writable_schema = OFF');
    db.close();

    const refusal = await startTestApp({ sqlitePath }).then(
      () => {
        throw new Error('the app started on a damaged store');
      },
      (error: unknown) => {
        if (!(error instanceof StoreRefusedError)) throw error;
        return error;
      },
    );
    expect(refusal.reason).toBe('STORE_DAMAGED');
    expect(refusal.message).toContain('wrong # of entries in index sqlite_autoindex_events_1');
    expect(refusal.message).toContain(`run sqlite3 ${sqlitePath} 'REINDEX; PRAGMA integrity_check;'`);
    expect(refusal.messageZh).toContain('索引可由记录本身重建');
    expect(refusal.message).not.toContain('Restore it from a backup;');
    // Followed, the advice repairs the store: the next start is ready with every event.
    const repair = new Database(sqlitePath);
    repair.exec('REINDEX');
    expect(repair.pragma('integrity_check', { simple: true })).toBe('ok');
    repair.close();
    const again = await startTestApp({ sqlitePath });
    await again.close();
  }, PROCESS_TEST_CEILING_MS);
});
