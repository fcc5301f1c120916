import Database from 'better-sqlite3';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killHard, PROCESS_TEST_CEILING_MS, refusedStart, startServer } from '../support/server-process.js';
import { type CliResult, toolInFolder } from '../support/cli-tool.js';
import { installationWrittenInProcess, writtenInProcess } from '../support/test-app.js';

/*
 * breaker9g P9: what the command-line tools appended never moved the store witness (only the server
 * and a tool creating the store wrote it), so the newest rows a tool wrote — accounts with tokens
 * printed, a directory imported before the first server start — could be deleted, or lost with the
 * `-wal` after a crash, and the server started "ready" without them, where README promises
 * STORE_SHORTER. Now a tool's append moves the witness (and its copy beside the key) before it is
 * answered, and the server's start also reads the file's own numbering of events (sqlite_sequence):
 * events deleted from the end of the log are refused even when the witnesses were rolled back with them.
 */

const tool = toolInFolder;

const ok = async (result: Promise<CliResult>) => {
  const done = await result;
  if (done.code !== 0) throw new Error(`tool failed (${done.code}):\n${done.stderr}`);
  return done;
};

const storeHead = (sqlitePath: string): number => {
  const db = new Database(sqlitePath, { readonly: true });
  try {
    return db.prepare<[], { head: number }>('SELECT MAX(position) AS head FROM events').get()!.head;
  } finally {
    db.close();
  }
};

const witnessHead = (path: string): number => Number((JSON.parse(readFileSync(path, 'utf8')) as { head: string }).head);

/** The copies of store witnesses beside the key (one per store and place). */
const keptCopies = (folder: string) => readdirSync(join(folder, 'keys', 'store-witnesses')).map((name) => join(folder, 'keys', 'store-witnesses', name));

/** Deletes the log's events after `position`; with `renumber`, SQLite's own numbering of them too (an edit that hides itself from it). */
function deleteAfter(sqlitePath: string, position: number, renumber: boolean): void {
  const db = new Database(sqlitePath);
  try {
    db.prepare('DELETE FROM events WHERE position > ?').run(position);
    if (renumber) db.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'events'").run(position);
  } finally {
    db.close();
  }
}

function unitsFile(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'rectify-witness-units-')), 'units.csv');
  writeFileSync(path, '编码,名称,类型\nCZJ,青川市财政局,DEPARTMENT\nJYJ,青川市教育局,DEPARTMENT\n');
  return path;
}

/** A store created by a tool, then written to by three more tool runs (two at once); returns where the first run left the head. */
async function storeWrittenByTools() {
  const folder = mkdtempSync(join(tmpdir(), 'rectify-tool-witness-'));
  const sqlitePath = join(folder, 'data', 'rectify.db');
  const witnessPath = `${sqlitePath}.witness.json`;
  await ok(tool('create-user', ['--name', '单独管理', '--role', 'ADMIN', '--new-store'], folder));
  const firstHead = storeHead(sqlitePath);
  const firstWitness = readFileSync(witnessPath);
  const firstCopies = mkdtempSync(join(tmpdir(), 'rectify-witness-backup-'));
  if (existsSync(join(folder, 'keys', 'store-witnesses'))) cpSync(join(folder, 'keys', 'store-witnesses'), firstCopies, { recursive: true });
  await Promise.all([ok(tool('create-user', ['--name', '第二管理', '--role', 'ADMIN'], folder)), ok(tool('create-user', ['--name', '第三督办', '--role', 'SUPERVISOR'], folder))]);
  await ok(tool('import-units', [unitsFile()], folder));
  return { folder, sqlitePath, witnessPath, firstHead, firstWitness, firstCopies };
}

/** The server as started in that folder: its store, the witness beside it, the office's key there. */
const serverEnv = (folder: string) => ({ LEDGER_SIGNING_KEY_FILE: join(folder, 'keys', 'ledger-signing-key.pem') });

/**
 * A store in a folder laid out as an installation (./data/rectify.db, the office's key in ./keys, where the tools and
 * `serverEnv` find it), written by the app in this test's process as a server writes it (`writtenInProcess`): an ADMIN,
 * then — the witnesses as that first write left them kept, as `storeWrittenByTools` keeps them — a SUPERVISOR and an
 * INSPECTOR. Set-up only, for the tests whose process under test is the server's start or the tools run beside it;
 * `storeWrittenByTools` is the one whose tools' appends are judged.
 */
async function storeWrittenInProcess() {
  const folder = mkdtempSync(join(tmpdir(), 'rectify-tool-witness-'));
  const { sqlitePath, settings } = await installationWrittenInProcess(folder, (app) => app.as('ADMIN'));
  const witnessPath = `${sqlitePath}.witness.json`;
  const firstHead = storeHead(sqlitePath);
  const firstWitness = readFileSync(witnessPath);
  const firstCopies = mkdtempSync(join(tmpdir(), 'rectify-witness-backup-'));
  cpSync(join(folder, 'keys', 'store-witnesses'), firstCopies, { recursive: true });
  await writtenInProcess(sqlitePath, async (app) => [await app.as('SUPERVISOR'), await app.as('INSPECTOR')], settings);
  return { folder, sqlitePath, witnessPath, firstHead, firstWitness, firstCopies };
}

describe("A command-line tool's appends are witnessed", () => {
  it('each tool run moves the witness and its copy beside the key to the head it wrote; rows it wrote deleted afterwards are refused at the next start', async () => {
    const { folder, sqlitePath, witnessPath, firstHead } = await storeWrittenByTools();
    const head = storeHead(sqlitePath);
    expect(head).toBeGreaterThan(firstHead);
    expect(witnessHead(witnessPath)).toBe(head);
    const copies = keptCopies(folder);
    expect(copies).toHaveLength(1);
    expect(witnessHead(copies[0])).toBe(head);
    // Signed with the office's key, as the server's: the witness of a sealed store is never unsigned.
    expect(JSON.parse(readFileSync(witnessPath, 'utf8'))).toMatchObject({ sealedRows: true, signature: expect.any(Object) });

    // The accounts and units the tools acknowledged, deleted together with the file's numbering of them.
    deleteAfter(sqlitePath, firstHead, true);
    const refused = await refusedStart(sqlitePath, { env: serverEnv(folder) });
    expect(refused.code).toBe(3);
    expect(refused.output).toMatch(new RegExp(`ends at position ${firstHead}, before position ${head}`));
  }, PROCESS_TEST_CEILING_MS);

  it("a tool's writes beside an idle server, its -wal lost after kill -9: refused STORE_SHORTER at the restart", async () => {
    const { folder, sqlitePath } = await storeWrittenInProcess();
    const server = await startServer(sqlitePath, { env: serverEnv(folder) });
    const before = storeHead(sqlitePath);
    await ok(tool('create-user', ['--name', '第四管理', '--role', 'ADMIN'], folder));
    await ok(tool('create-user', ['--name', '第五管理', '--role', 'ADMIN'], folder));
    const head = storeHead(sqlitePath);
    expect(head).toBeGreaterThan(before);
    await killHard(server.child);
    // The tools' rows were in the -wal (the server's connection kept it from being checkpointed).
    rmSync(`${sqlitePath}-wal`, { force: true });
    rmSync(`${sqlitePath}-shm`, { force: true });
    const refused = await refusedStart(sqlitePath, { env: serverEnv(folder) });
    expect(refused.code).toBe(3);
    expect(refused.output).toMatch(/ends at position \d+, before position \d+ that this server last saw/);
  }, PROCESS_TEST_CEILING_MS);

  it('events deleted from the end of the log with both witnesses rolled back to before them: refused by the file\'s own numbering', async () => {
    const { folder, sqlitePath, witnessPath, firstHead, firstWitness, firstCopies } = await storeWrittenInProcess();
    const head = storeHead(sqlitePath);
    // Both witnesses as the first run left them (a backup of each, restored by whoever deleted the rows).
    writeFileSync(witnessPath, firstWitness);
    rmSync(join(folder, 'keys', 'store-witnesses'), { recursive: true });
    cpSync(firstCopies, join(folder, 'keys', 'store-witnesses'), { recursive: true });
    expect(witnessHead(keptCopies(folder)[0])).toBe(firstHead);
    deleteAfter(sqlitePath, firstHead, false);
    const refused = await refusedStart(sqlitePath, { env: serverEnv(folder) });
    expect(refused.code).toBe(3);
    expect(refused.output).toContain(`ends at position ${firstHead}, but the file itself numbered events up to position ${head}`);
    expect(refused.output).toContain(`止于位置 ${firstHead}，而该文件自身的事件编号已到位置 ${head}`);
    expect(existsSync(sqlitePath)).toBe(true);
  }, PROCESS_TEST_CEILING_MS);
});
