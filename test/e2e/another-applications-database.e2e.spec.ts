import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { toolOnStore } from '../support/cli-tool.js';
import { PROCESS_TEST_CEILING_MS, refusedStart } from '../support/server-process.js';
import { refusalOf } from '../support/store-files.js';
import { freshDatabasePath, startTestApp } from '../support/test-app.js';

/*
 * breaker9s P3: SQLITE_PATH naming another application's SQLite database (an office's 通讯录.db, a
 * previous system's export) was taken as a new event store: Rectify's tables were written into it and
 * the demo seeded. Any SQLite file holding a table Rectify never creates is refused — by the server,
 * whatever --accept-store-reset says, and by every tool, --new-store included — and left byte for byte.
 */

const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function anotherApplicationsDatabase(): string {
  const path = freshDatabasePath();
  const db = new Database(path);
  db.exec("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO contacts (name) VALUES ('王芳'); CREATE TABLE events (id INTEGER PRIMARY KEY, title TEXT)");
  db.close();
  return path;
}

describe('Another application’s SQLite database at SQLITE_PATH', () => {
  it(
    'is refused by the server, with and without --accept-store-reset, naming its tables, and left untouched',
    async () => {
      const path = anotherApplicationsDatabase();
      const before = digest(path);
      for (const args of [[], ['--accept-store-reset']]) {
        const refused = await refusedStart(path, { args, env: { DEMO_DATA: 'true' } });
        expect(refused.code).toBe(3);
        expect(refused.output).toContain('是其他程序的 SQLite 数据库，不是 Rectify 的事件库：其中有 Rectify 从不创建的表（contacts）');
        expect(refused.output).toContain('is a SQLite database of another application');
      }
      expect(digest(path)).toBe(before);
      expect(existsSync(`${path}.witness.json`)).toBe(false);
    },
    PROCESS_TEST_CEILING_MS,
  );

  it(
    'is refused NOT_AN_EVENT_STORE when its events table lacks Rectify’s columns, not a bare `no such column` (breaker54-9 M3)',
    async () => {
      const path = freshDatabasePath();
      const db = new Database(path);
      db.pragma('journal_mode = WAL');
      db.exec('CREATE TABLE events (position INTEGER)');
      db.close();
      const before = digest(path);
      const refusal = await refusalOf(startTestApp({ sqlitePath: path }));
      expect(refusal.reason).toBe('NOT_AN_EVENT_STORE');
      expect(refusal.messageZh).toContain('不是 Rectify 的事件库');
      expect(refusal.messageZh).toContain('events（缺少 event_id、stream_id、revision、type、data 列）');
      expect(digest(path)).toBe(before);
    },
    PROCESS_TEST_CEILING_MS,
  );

  it(
    'is refused by the tools, --new-store and --dry-run included, and left untouched',
    async () => {
      const path = anotherApplicationsDatabase();
      const before = digest(path);
      for (const args of [['--name', '李娜', '--role', 'SUPERVISOR'], ['--new-store', '--name', '李娜', '--role', 'SUPERVISOR']]) {
        const refused = await toolOnStore('create-user', args, path);
        expect(refused.code).toBe(1);
        expect(refused.stderr).toContain('其中有 Rectify 从不创建的表（contacts）');
      }
      for (const tool of ['ledger-verify', 'export-ledger'] as const) expect((await toolOnStore(tool, [], path)).code).not.toBe(0);
      expect(digest(path)).toBe(before);
    },
    PROCESS_TEST_CEILING_MS,
  );
});
