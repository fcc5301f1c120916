import { cpSync, existsSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { toolOnStore } from '../support/cli-tool.js';
import { killHard, PROCESS_TEST_CEILING_MS, refusedStart, startServer } from '../support/server-process.js';
import { writtenInProcess } from '../support/test-app.js';

/*
 * newcomer53-9 S1, breaker53-9 S5 (serious): after a crash the .db was deleted (or put back from a `cp -a` copy: a new inode),
 * its -wal still beside it. The start moved the -wal aside as "written beside another file" (the inode the witness
 * remembered), and its STORE_SHORTER refusal said the pair held every position and to rename the -wal back and start again —
 * done exactly, the next start moved it aside again by the same inode and refused the same way, for ever; its other ways
 * lost the acknowledged events the -wal held. A -wal that, read with the file, is the store's log up to the head the witness
 * saw (its chain hash there) is now the store's own whatever its inode, and every advice here is followed literally and
 * started on again.
 */

const eventsIn = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS count FROM events').get() as { count: number }).count;
  } finally {
    db.close();
  }
};

const healthOf = async (port: number) => (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as { status: string; logPosition: string };

/**
 * A store with a user, a store:backup taken, a clean stop, more written by tools beside a server, then the server killed:
 * the newest events only in the -wal. What comes before the backup is only set-up, written in this test's process
 * (`writtenInProcess`: stopped as a server stops, the -wal copied into the .db); the crash is a real server's.
 */
async function crashedStore() {
  const data = mkdtempSync(join(tmpdir(), 'rectify-wal-put-back-'));
  const sqlitePath = join(data, 'rectify.db');
  const backups = join(mkdtempSync(join(tmpdir(), 'rectify-backups-')), 'daily');
  await writtenInProcess(sqlitePath, (app) => app.as('SUPERVISOR'));
  expect((await toolOnStore('backup-store', [backups], sqlitePath)).code).toBe(0);
  const server = await startServer(sqlitePath);
  try {
    for (const name of ['李娜', '王芳', '赵敏']) expect((await toolOnStore('create-user', ['--name', name, '--role', 'INSPECTOR'], sqlitePath)).code).toBe(0);
  } finally {
    await killHard(server.child);
  }
  expect(existsSync(`${sqlitePath}-wal`)).toBe(true);
  return { data, sqlitePath, backup: join(backups, 'rectify.db'), events: eventsIn(sqlitePath) };
}

describe('A -wal beside a store file put back as a copy (newcomer53-9 S1, breaker53-9 S5)', () => {
  it(
    '.db deleted after a crash: STORE_MISSING says what store:from-wal cannot do and what instead; the .db put back from the cp -a copy starts on every event',
    async () => {
      const { data, sqlitePath, events } = await crashedStore();
      const kept = `${data}-kept`;
      cpSync(data, kept, { recursive: true });
      rmSync(sqlitePath);

      const missing = await refusedStart(sqlitePath);
      expect(missing.code).toBe(3);
      expect(missing.output).toContain('STORE_MISSING');
      expect(missing.output).toContain('npm run store:from-wal');
      expect(missing.output).toContain('单独读取不成事件库');
      expect(missing.output).toContain('被删除文件的最新副本');
      // store:from-wal itself, on that -wal: refused, saying why and what instead.
      const fromWal = await toolOnStore('store-from-wal', [`${sqlitePath}-wal`], sqlitePath);
      if (fromWal.code !== 0) expect(`${fromWal.stdout}${fromWal.stderr}`).toContain('写成它时所在的 .db 放回其旁');

      // As advised: the newest copy of the deleted file put back beside the -wal (a copy: another inode than the witness saw).
      cpSync(join(kept, 'rectify.db'), sqlitePath);
      const server = await startServer(sqlitePath);
      try {
        expect(await healthOf(server.port)).toMatchObject({ status: 'ready', logPosition: String(events) });
        expect(server.output()).toContain('它就是本事件库的日志，本次启动采用它');
      } finally {
        server.child.kill('SIGTERM');
        await new Promise((resolve) => server.child.once('exit', resolve));
      }
      expect(readdirSync(data).filter((name) => name.includes('other-file'))).toEqual([]);
      expect(eventsIn(sqlitePath)).toBe(events);
      expect((await toolOnStore('ledger-verify', [], sqlitePath)).code).toBe(0);
    },
    PROCESS_TEST_CEILING_MS,
  );

  it(
    'a -wal an earlier start moved aside: the STORE_SHORTER advice (rename it back, remove the -shm, start again) done literally starts on every event',
    async () => {
      const { data, sqlitePath, events } = await crashedStore();
      // The state an earlier release's start left: the .db put back as a copy, its own -wal moved aside by inode.
      cpSync(sqlitePath, `${sqlitePath}.copy`);
      renameSync(`${sqlitePath}.copy`, sqlitePath);
      const aside = `${sqlitePath}-wal.other-file-2026-12-07T08-01-05-633Z`;
      renameSync(`${sqlitePath}-wal`, aside);
      if (existsSync(`${sqlitePath}-shm`)) renameSync(`${sqlitePath}-shm`, `${sqlitePath}-shm.other-file-2026-12-07T08-01-05-633Z`);

      const shorter = await refusedStart(sqlitePath);
      expect(shorter.output).toContain('STORE_SHORTER');
      expect(shorter.output).toContain(`含有位置 1–${events} 的记录，链接完整，并在位置 ${events} 与事件库见证文件所见的哈希链校验值相符`);
      expect(shorter.output).toContain(`再把 ${aside} 改名为 ${sqlitePath}-wal，删除 ${sqlitePath}-shm，然后重新启动`);

      // Literally: keep a copy of the folder, rename, remove the -shm, start again.
      cpSync(data, `${data}-kept`, { recursive: true });
      renameSync(aside, `${sqlitePath}-wal`);
      rmSync(`${sqlitePath}-shm`, { force: true });
      const server = await startServer(sqlitePath);
      try {
        expect(await healthOf(server.port)).toMatchObject({ status: 'ready', logPosition: String(events) });
      } finally {
        await killHard(server.child);
      }
      expect(eventsIn(sqlitePath)).toBe(events);
    },
    PROCESS_TEST_CEILING_MS,
  );

  it(
    "the day's backup under the crashed -wal: taken as the store's own (nothing lost), and the log's way back to the backup, done literally, starts on the backup",
    async () => {
      const { sqlitePath, backup, events } = await crashedStore();
      const backedUp = eventsIn(backup);
      expect(backedUp).toBeLessThan(events);
      cpSync(backup, `${sqlitePath}.restored`);
      renameSync(`${sqlitePath}.restored`, sqlitePath);

      let server = await startServer(sqlitePath);
      try {
        expect(await healthOf(server.port)).toMatchObject({ status: 'ready', logPosition: String(events) });
        expect(server.output()).toContain(`把 ${sqlitePath}-wal 与 ${sqlitePath}-shm 移开保留，然后以 --accept-store-reset 启动一次`);
      } finally {
        await killHard(server.child);
      }
      // Meant to go back to the backup: as the log says — the -wal and -shm moved aside, one start accepting the store as it is.
      cpSync(backup, `${sqlitePath}.restored`);
      renameSync(`${sqlitePath}.restored`, sqlitePath);
      renameSync(`${sqlitePath}-wal`, `${sqlitePath}-wal.kept`);
      if (existsSync(`${sqlitePath}-shm`)) renameSync(`${sqlitePath}-shm`, `${sqlitePath}-shm.kept`);
      server = await startServer(sqlitePath, { args: ['--accept-store-reset'] });
      try {
        expect(await healthOf(server.port)).toMatchObject({ status: 'ready', logPosition: String(backedUp) });
      } finally {
        await killHard(server.child);
      }
    },
    PROCESS_TEST_CEILING_MS,
  );
});
