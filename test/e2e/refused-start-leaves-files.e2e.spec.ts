import { createHash, generateKeyPairSync } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { graphqlAt, killHard, refusedStart, startServer, type ServerProcess } from '../support/server-process.js';
import { freshDatabasePath, type TestApp, writtenInProcess } from '../support/test-app.js';

/*
 * breaker9c P1 (blocker): the operator's commonest restore mistake — the backup's rectify.db copied
 * back, the -wal of the newer file left beside it — was turned by the refused start itself into loss:
 * the refusing process had opened the store read-write, and closing it checkpointed the stale -wal
 * into the restored file (corrupting it) and deleted the -wal, the only place acknowledged events
 * still were. A start that refuses leaves every store file as it found it — a -wal of another file kept
 * aside whole (breaker9m P3), never applied.
 */

const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

async function until(condition: () => Promise<boolean>, ceilingMs = 60_000) {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > ceilingMs) throw new Error('condition not met within the ceiling');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Registers `count` evaluations as `supervisor` through the app in this test's process, each taken. */
const registerIn = async (app: TestApp, supervisor: Record<string, string>, count: number) => {
  for (let i = 0; i < count; i += 1) expect((await app.graphql(REGISTER_EVALUATION, { input: evaluationInput() }, supervisor)).errors).toBeUndefined();
};

describe('A start refused on a restored .db with the newer file’s -wal beside it', () => {
  it('leaves the .db and the -wal byte for byte as they were, so the right backup with that -wal gives back every acknowledged event', async () => {
    const sqlitePath = freshDatabasePath();
    // The older backup and last night's copy are written by the app in this test's process as a server writes them
    // (`writtenInProcess`, each a clean stop: the file holds everything): only set-up — the crashed server, every
    // refused start and the restored one stay real processes.
    const SUPERVISOR = await writtenInProcess(sqlitePath, async (app) => {
      const supervisor = await app.as('SUPERVISOR');
      // An older backup: 2 evaluations.
      await registerIn(app, supervisor, 2);
      return supervisor;
    });
    copyFileSync(sqlitePath, `${sqlitePath}.older`);
    const register = async (server: ServerProcess, count: number) => {
      for (let i = 0; i < count; i += 1) {
        const response = await graphqlAt(server.port, REGISTER_EVALUATION, { input: evaluationInput() }, SUPERVISOR);
        expect(response.errors).toBeUndefined();
      }
    };

    // Last night's copy, taken after a clean stop (the file holds everything): 22 evaluations.
    await writtenInProcess(sqlitePath, (app) => registerIn(app, SUPERVISOR, 20));
    copyFileSync(sqlitePath, `${sqlitePath}.nightly`);

    // Three more acknowledged, then a crash: only the -wal holds them.
    const crashed = await startServer(sqlitePath);
    await register(crashed, 3);
    const logPosition = ((await (await fetch(`http://127.0.0.1:${crashed.port}/health`)).json()) as { logPosition: string }).logPosition;
    await until(() => Promise.resolve((JSON.parse(readFileSync(`${sqlitePath}.witness.json`, 'utf8')) as { head: string | null }).head === logPosition));
    await killHard(crashed.child);
    expect(statSync(`${sqlitePath}-wal`).size).toBeGreaterThan(0);

    // The mistake: the older .db put back, the -wal left where it was. Since breaker9m P3 the start moves that -wal
    // (it belongs to another file) aside whole, <file>-wal.other-file-<instant>, says so, and refuses: kept byte for byte, never applied.
    copyFileSync(`${sqlitePath}.older`, sqlitePath);
    const before = { db: digest(sqlitePath), wal: digest(`${sqlitePath}-wal`) };
    const walKeptAside = () =>
      readdirSync(dirname(sqlitePath))
        .filter((name) => name.startsWith(`${basename(sqlitePath)}-wal.other-file-`))
        .map((name) => join(dirname(sqlitePath), name))
        .find((path) => digest(path) === before.wal);
    const refused = await refusedStart(sqlitePath);
    expect(refused.code).toBe(3);
    expect(refused.output).toContain('-wal');
    expect({ db: digest(sqlitePath), walKeptAside: walKeptAside() !== undefined }).toEqual({ db: before.db, walKeptAside: true });

    // A second refused start (the operator tries again) changes nothing either.
    expect((await refusedStart(sqlitePath)).code).toBe(3);
    expect({ db: digest(sqlitePath), walKeptAside: walKeptAside() !== undefined }).toEqual({ db: before.db, walKeptAside: true });

    // The right .db with the -wal it belongs to (put back from where it was kept): every acknowledged evaluation is there.
    renameSync(walKeptAside()!, `${sqlitePath}-wal`);
    rmSync(`${sqlitePath}-shm`, { force: true });
    copyFileSync(`${sqlitePath}.nightly`, sqlitePath);
    const restored = await startServer(sqlitePath);
    const evaluations = await graphqlAt(restored.port, '{ evaluations { totalCount } }', {}, SUPERVISOR);
    expect(evaluations.data.evaluations.totalCount).toBe(25);
    await register(restored, 1);
    await killHard(restored.child);

    // Every refusal at start leaves a -wal alone, a refused key too (judged before the store is opened read-write).
    const otherKey = join(mkdtempSync(join(tmpdir(), 'rectify-other-key-')), 'key.pem');
    writeFileSync(otherKey, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }));
    const crashedAgain = { db: digest(sqlitePath), wal: digest(`${sqlitePath}-wal`) };
    const wrongKey = await refusedStart(sqlitePath, { env: { LEDGER_SIGNING_KEY_FILE: otherKey } });
    expect(wrongKey.code).toBe(3);
    expect(wrongKey.output).toContain('LEDGER_TRUSTED_KEYS');
    expect({ db: digest(sqlitePath), wal: digest(`${sqlitePath}-wal`) }).toEqual(crashedAgain);
    const again = await startServer(sqlitePath);
    expect((await graphqlAt(again.port, '{ evaluations { totalCount } }', {}, SUPERVISOR)).data.evaluations.totalCount).toBe(26);
    await killHard(again.child);
  }, 600_000);
});
