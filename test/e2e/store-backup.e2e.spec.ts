import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { toolOnStore } from '../support/cli-tool.js';
import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { graphqlAt, killHard, PROCESS_TEST_CEILING_MS, refusedStart, startServer } from '../support/server-process.js';
import { testSigningKeyFile } from '../support/signing-key.js';
import { freshDatabasePath, startTestApp, writtenInProcess } from '../support/test-app.js';

/*
 * breaker9i P2: every refusal says "restore the store from a backup", and nothing said how to take
 * one of a running server (a `cp` of a busy `.db` and `-wal` is consistent only by luck).
 * `npm run store:backup -- <folder>` takes one through SQLite's online backup, the witness first.
 */

const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('npm run store:backup', () => {
  it(
    'copies the store of a running server into a new folder, the witness with it; the copy passes ledger:verify and starts at its new place at the same head',
    async () => {
      const sqlitePath = freshDatabasePath();
      const app = await startTestApp({ sqlitePath });
      let head: string;
      const folder = join(mkdtempSync(join(tmpdir(), 'rectify-backups-')), '2026-12-01');
      try {
        for (const key of ['backup-1', 'backup-2']) {
          const answer = await app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ idempotencyKey: key }) });
          expect(answer.errors).toBeUndefined();
        }
        head = ((await (await fetch(`${app.url}/health`)).json()) as { logPosition: string }).logPosition;
        // While the server runs: the backup needs no stop.
        const backedUp = await toolOnStore('backup-store', [folder], sqlitePath);
        expect(backedUp.stderr).toBe('');
        expect(backedUp.code).toBe(0);
        const [zh, en] = backedUp.stdout.trim().split('\n');
        expect(zh).toBe(
          `已把 ${sqlitePath} 备份到 ${join(folder, 'rectify.db')}（日志位置 ${head}；完整性检查通过），见证文件备份到 ${join(folder, 'rectify.db.witness.json')}。keys 文件夹（签名密钥及 keys/store-witnesses）不在此备份中：每次备份时请一并另行备份，不要与数据放在一起。`,
        );
        expect(en).toMatch(/^Backed up .* \(log position \d+; PRAGMA quick_check ok\), its witness to .*\. The keys folder \(the signing key and keys\/store-witnesses\) is not in this backup/);
        expect(readdirSync(folder).sort()).toEqual(['rectify.db', 'rectify.db.witness.json']);
      } finally {
        await app.close();
      }

      const copy = join(folder, 'rectify.db');
      expect((await toolOnStore('ledger-verify', [], copy)).code).toBe(0);
      const restored = await startServer(copy);
      try {
        const health = (await (await fetch(`http://127.0.0.1:${restored.port}/health`)).json()) as { status: string; logPosition: string };
        expect(health).toMatchObject({ status: 'ready', logPosition: head });
      } finally {
        await killHard(restored.child);
      }
    },
    PROCESS_TEST_CEILING_MS,
  );

  it(
    'never writes over a backup, and says so in Chinese first; a store that is not there is not backed up',
    async () => {
      const sqlitePath = freshDatabasePath();
      const app = await startTestApp({ sqlitePath });
      await app.close();
      const folder = mkdtempSync(join(tmpdir(), 'rectify-backups-'));
      expect((await toolOnStore('backup-store', [folder], sqlitePath)).code).toBe(0);
      const before = digest(join(folder, 'rectify.db'));
      const again = await toolOnStore('backup-store', [folder], sqlitePath);
      expect(again.code).toBe(1);
      // newcomer19 S1: the advice names a folder that is free, not "one named by the day" (the README's example is).
      const [first] = again.stderr.split('\n');
      const advised = /，例如 npm run store:backup -- (\S+)（同一天再次备份时，文件夹名带上时刻）。$/.exec(first!)?.[1];
      expect(first).toBe(`${join(folder, 'rectify.db')}、${join(folder, 'rectify.db.witness.json')} 已存在：备份从不覆盖已有文件。请给出一个新的或空的文件夹，例如 npm run store:backup -- ${advised}（同一天再次备份时，文件夹名带上时刻）。`);
      expect(advised).toMatch(new RegExp(`^${folder}-\\d{4}$`));
      expect(existsSync(advised!)).toBe(false);
      expect((await toolOnStore('backup-store', [advised!], sqlitePath)).code).toBe(0);
      expect(digest(join(folder, 'rectify.db'))).toBe(before);

      const nowhere = await toolOnStore('backup-store', [mkdtempSync(join(tmpdir(), 'rectify-backups-'))], join(mkdtempSync(join(tmpdir(), 'rectify-none-')), 'rectify.db'));
      expect(nowhere.code).toBe(1);
      expect(nowhere.stderr.split('\n')[0]).toMatch(/处没有事件库（SQLITE_PATH）：没有可备份的内容。$/);
    },
    PROCESS_TEST_CEILING_MS,
  );

  it(
    'refuses a store that lost acknowledged events (shorter than its witness), as a start refuses it, naming the head it expected and found; copies it only when told (breaker9s P4)',
    async () => {
      const sqlitePath = freshDatabasePath();
      let app = await startTestApp({ sqlitePath });
      expect((await app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ idempotencyKey: 'kept-1' }) })).errors).toBeUndefined();
      const older = Number(await app.logPosition());
      await app.close();
      const oldCopy = `${sqlitePath}.older`;
      copyFileSync(sqlitePath, oldCopy);
      app = await startTestApp({ sqlitePath });
      expect((await app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ idempotencyKey: 'lost-2' }) })).errors).toBeUndefined();
      const witnessed = Number(await app.logPosition());
      await app.close();
      // The file put back from an older copy: the acknowledged evaluation is gone, the witness still says so.
      for (const file of [`${sqlitePath}-wal`, `${sqlitePath}-shm`]) rmSync(file, { force: true });
      copyFileSync(oldCopy, sqlitePath);

      const folder = join(mkdtempSync(join(tmpdir(), 'rectify-backups-')), '2026-12-03');
      const refused = await toolOnStore('backup-store', [folder], sqlitePath);
      expect(refused.code).toBe(1);
      expect(refused.stdout).toBe('');
      const [zh, en] = refused.stderr.trim().split('\n');
      expect(zh).toMatch(/^未备份（STORE_SHORTER）：/);
      expect(zh).toContain(`止于位置 ${older}，早于本服务上次看到的位置 ${witnessed}`);
      expect(zh).toContain('--copy-refused-store');
      expect(zh).not.toContain('PRAGMA quick_check 通过');
      expect(en).toContain('Not backed up (STORE_SHORTER): ');
      expect(en).toContain(`ends at position ${older}, before position ${witnessed}`);
      expect(existsSync(folder)).toBe(false);

      const copied = await toolOnStore('backup-store', ['--copy-refused-store', folder], sqlitePath);
      expect(copied.code).toBe(0);
      expect(copied.stderr.split('\n')[0]).toMatch(/^已按 --copy-refused-store 的要求复制，但服务会拒绝这个事件库（STORE_SHORTER）：/);
      expect(copied.stdout).toContain(`（日志位置 ${older}；完整性检查通过）`);
      expect(readdirSync(folder).sort()).toEqual(['rectify.db', 'rectify.db.witness.json']);
    },
    PROCESS_TEST_CEILING_MS,
  );
  it(
    'refuses a store whose log was altered (a row edited, two swapped) — a backup would carry it into every backup kept after — and copies it only when told, saying so (breaker9z P12)',
    async () => {
      const sqlitePath = freshDatabasePath();
      const app = await startTestApp({ sqlitePath });
      for (const key of ['first', 'second']) expect((await app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ idempotencyKey: key }) })).errors).toBeUndefined();
      await app.close();
      for (const file of [`${sqlitePath}-wal`, `${sqlitePath}-shm`]) expect(existsSync(file)).toBe(false);
      const sound = `${sqlitePath}.sound`;
      copyFileSync(sqlitePath, sound);
      const backUpInto = async (store: string, ...flags: string[]) => {
        const folder = join(mkdtempSync(join(tmpdir(), 'rectify-backups-')), '2026-12-04');
        return { folder, answer: await toolOnStore('backup-store', [...flags, folder], store) };
      };

      // One row's text edited in the stopped store (its hashes left as they were).
      const edited = new Database(sqlitePath);
      const { position } = edited.prepare<[], { position: number }>("SELECT max(position) AS position FROM events WHERE type = 'EvaluationRegistered'").get()!;
      edited.prepare("UPDATE events SET data = replace(data, '评估', '评价') WHERE position = ?").run(position);
      edited.close();
      const refused = await backUpInto(sqlitePath);
      expect(refused.answer.code).toBe(1);
      expect(refused.answer.stdout).toBe('');
      const [zh, en] = refused.answer.stderr.trim().split('\n');
      expect(zh).toMatch(/^未备份（LOG_ALTERED/);
      expect(zh).not.toContain('PRAGMA quick_check 通过');
      expect(en).toContain('Not backed up (LOG_ALTERED');
      expect(existsSync(refused.folder)).toBe(false);

      const copied = await backUpInto(sqlitePath, '--copy-refused-store');
      expect(copied.answer.code).toBe(0);
      expect(copied.answer.stderr.split('\n')[0]).toMatch(/^已按 --copy-refused-store 的要求复制，但(日志已被改动|服务会拒绝这个事件库)（LOG_ALTERED/);
      expect(readdirSync(copied.folder)).toContain('rectify.db');

      // Two rows' contents swapped in the sound copy.
      copyFileSync(sound, sqlitePath);
      const swapped = new Database(sqlitePath);
      const [a, b] = swapped.prepare<[], { position: number; data: string }>('SELECT position, data FROM events ORDER BY position DESC LIMIT 2').all();
      const put = swapped.prepare('UPDATE events SET data = ? WHERE position = ?');
      swapped.transaction(() => {
        put.run(b!.data, a!.position);
        put.run(a!.data, b!.position);
      })();
      swapped.close();
      const refusedSwap = await backUpInto(sqlitePath);
      expect(refusedSwap.answer.code).toBe(1);
      expect(refusedSwap.answer.stderr).toMatch(/^未备份（LOG_ALTERED/);

      // The sound store is backed up as before.
      copyFileSync(sound, sqlitePath);
      const backedUp = await backUpInto(sqlitePath);
      expect(backedUp.answer.code).toBe(0);
      expect(backedUp.answer.stdout).toContain('完整性检查通过');
    },
    PROCESS_TEST_CEILING_MS,
  );

  it(
    'the newest backup restored as the README says after a kill -9 right after an acknowledged write, the copy beside the key still behind that write: refused STORE_SHORTER naming it, never ready without it; a killed run\'s partial files removed and said (breaker56-9 S1, M1, M2)',
    async () => {
      const sqlitePath = freshDatabasePath();
      const SUPERVISOR = await writtenInProcess(sqlitePath, async (app) => {
        const supervisor = await app.as('SUPERVISOR');
        expect((await app.graphql(REGISTER_EVALUATION, { input: evaluationInput() }, supervisor)).errors).toBeUndefined();
        return supervisor;
      });
      const witnessPath = `${sqlitePath}.witness.json`;
      const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as { storeId: string; head: string; location: string };
      const { storeId } = read(witnessPath);
      const copies = join(dirname(testSigningKeyFile()), 'store-witnesses');
      const keptCopy = readdirSync(copies)
        .filter((name) => name.startsWith(`${storeId}.`))
        .map((name) => join(copies, name))
        .find((path) => read(path).location.endsWith(join(basename(dirname(sqlitePath)), 'rectify.db')))!;
      expect(keptCopy).toBeDefined();

      // M2: what a backup run killed midway left (its process long gone) is removed by the next run into the folder, which says so.
      const folder = join(mkdtempSync(join(tmpdir(), 'rectify-backups-')), '2026-12-07-1900');
      mkdirSync(folder);
      const deadPid = 2 ** 22 + 1; // above Linux's pid_max: no process has it
      const leftover = [`.rectify.db.partial-${deadPid}`, `.rectify.db.partial-${deadPid}-journal`, `.rectify.db.witness.json.partial-${deadPid}`];
      for (const name of leftover) writeFileSync(join(folder, name), 'left by a killed run');

      const server = await startServer(sqlitePath);
      let acknowledged = 0n;
      try {
        const backedUp = await toolOnStore('backup-store', [folder], sqlitePath);
        expect(backedUp.code).toBe(0);
        expect(backedUp.stdout).toContain(`已删除此前一次中途被终止的备份（其进程已不在）在 ${folder} 中留下的不完整文件：${[...leftover].sort().join('、')}。`);
        expect(readdirSync(folder).sort()).toEqual(['rectify.db', 'rectify.db.witness.json']);
        // S1: urgings until one is answered while the copy beside the key (written at most once a second) is still behind it.
        // The server is held still (SIGSTOP) before the two witnesses are read, so nothing catches up before the kill: no race.
        const started = Date.now();
        for (;;) {
          expect((await graphqlAt(server.port, REGISTER_EVALUATION, { input: evaluationInput() }, SUPERVISOR)).errors).toBeUndefined();
          server.child.kill('SIGSTOP');
          acknowledged = BigInt(read(witnessPath).head);
          if (BigInt(read(keptCopy).head) < acknowledged) break;
          server.child.kill('SIGCONT');
          if (Date.now() - started > PROCESS_TEST_CEILING_MS / 2) throw new Error('the copy beside the key never lagged an acknowledged write');
        }
      } finally {
        await killHard(server.child);
      }

      // README, "When the server refuses to start", step 2: only the backup's rectify.db put in place, the old -wal and -shm
      // moved aside (kept), the data folder's own witness kept as it is.
      const aside = mkdtempSync(join(tmpdir(), 'rectify-aside-'));
      for (const file of [sqlitePath, `${sqlitePath}-wal`, `${sqlitePath}-shm`]) if (existsSync(file)) renameSync(file, join(aside, basename(file)));
      copyFileSync(join(folder, 'rectify.db'), sqlitePath);
      const refused = await refusedStart(sqlitePath);
      expect(refused.code).toBe(3);
      expect(refused.output).toContain(`早于本服务上次看到的位置 ${acknowledged}`);
      expect(refused.output).toContain('--accept-store-reset');
      expect(refused.output).toContain('切勿用备份中的见证文件覆盖它');
    },
    PROCESS_TEST_CEILING_MS,
  );
});
