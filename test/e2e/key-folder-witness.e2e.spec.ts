import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import Database from 'better-sqlite3';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyFolderWitnessPath } from '../../src/event-store/key-folder-witness.js';
import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { office } from '../support/office-folder.js';
import { refusalOf } from '../support/store-files.js';
import { type TestApp } from '../support/test-app.js';
import { PROCESS_TEST_CEILING_MS } from '../support/server-process.js';

/*
 * breaker9b N5 and N6: the witness beside the database goes wherever the data folder goes — a whole
 * ./data restored from an older backup started `ready`, silently older; a mistyped SQLITE_PATH
 * started an empty ledger (with the demo, in development) signed by the office's key. A copy of
 * each store's witness is kept beside the signing key, outside the data folder.
 */


const register = (app: TestApp, title: string) => app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ title }) });
const evaluationCount = async (app: TestApp) => (await app.graphql('{ evaluations { totalCount } }')).data!.evaluations.totalCount as number;

describe('The copy of the store witness kept beside the signing key', () => {
  it('refuses a data folder restored whole from an older backup, witness included, naming both witnesses; accepting it starts on it', async () => {
    const { root, data, start, copies } = office();
    let app = await start();
    expect((await register(app, '备份之前')).errors).toBeUndefined();
    await app.close();
    const backup = join(root, 'backup-data');
    cpSync(data, backup, { recursive: true });

    app = await start();
    for (const title of ['备份之后一', '备份之后二', '备份之后三']) expect((await register(app, title)).errors).toBeUndefined();
    const head = await app.logPosition();
    await app.close();
    const [copyName] = readdirSync(copies);
    const copyPath = join(copies, copyName!);
    expect(JSON.parse(readFileSync(copyPath, 'utf8'))).toMatchObject({ head, location: join(data, 'rectify.db'), signature: expect.any(Object) });

    rmSync(data, { recursive: true });
    cpSync(backup, data, { recursive: true });
    const refusal = await refusalOf(start());
    expect(refusal.reason).toBe('STORE_SHORTER');
    expect(refusal.message).toContain(`before position ${head} that this server last saw`);
    expect(refusal.message).toContain(`Judged on the copy of the store witness kept beside the ledger signing key, ${copyPath}: the witness in the data folder, ${join(data, 'rectify.db')}.witness.json, says position`);
    expect(refusal.messageZh).toContain(`与台账签名密钥存放在一起的事件库见证副本 ${copyPath}`);

    // The control: the data folder as the server left it starts, and an accepted rollback is taken from then on.
    app = await start({ ACCEPT_STORE_RESET: 'true' });
    expect(await evaluationCount(app)).toBe(1);
    await app.close();
    app = await start();
    expect(await evaluationCount(app)).toBe(1);
    await app.close();
  }, PROCESS_TEST_CEILING_MS);

  it('refuses the data folder deleted whole (store and witness) as a missing store', async () => {
    const { data, start } = office();
    let app = await start();
    expect((await register(app, '删除之前')).errors).toBeUndefined();
    await app.close();
    rmSync(data, { recursive: true });
    const refusal = await refusalOf(start());
    expect(refusal.reason).toBe('STORE_MISSING');
    expect(refusal.message).toContain('the witness in the data folder');
    expect(refusal.message).toContain('is missing');
    expect(existsSync(join(data, 'rectify.db'))).toBe(false);
  }, PROCESS_TEST_CEILING_MS);

  it('refuses an empty file put where the data folder was deleted whole (touch, an sqlite3 open), naming the store the key vouches for and the copy beside it; accepted, it seeds no demo (breaker53-9 S3)', async () => {
    const { root, data, sqlitePath, start, copies } = office();
    let app = await start();
    expect((await register(app, '删除之前')).errors).toBeUndefined();
    const head = await app.logPosition();
    await app.close();
    const [copyName] = readdirSync(copies);
    const { storeId } = JSON.parse(readFileSync(join(copies, copyName!), 'utf8')) as { storeId: string };
    const saved = join(root, 'saved.db');
    cpSync(sqlitePath, saved);

    // A `touch`: no byte in it.
    rmSync(data, { recursive: true });
    mkdirSync(data);
    writeFileSync(sqlitePath, '');
    const rescued = `${sqlitePath}.rescued-2026-12-07T08-00-00-000Z.db`;
    cpSync(saved, rescued);
    let refusal = await refusalOf(start({}, sqlitePath, true));
    expect(refusal.reason).toBe('STORE_EMPTY');
    expect(refusal.messageZh).toMatch(new RegExp(`^位于 ${sqlitePath} 的事件库是空的；本服务上次看到的是事件库 ${storeId}，日志位置 ${head}`));
    expect(refusal.messageZh).toContain(`与台账签名密钥存放在一起的事件库见证副本 ${join(copies, copyName!)}`);
    expect(refusal.messageZh).toContain(rescued);
    expect(refusal.message).toContain(`this server last saw store ${storeId} with its log at position ${head}`);
    expect(refusal.message).toContain('--accept-store-reset');
    expect(readFileSync(sqlitePath).length).toBe(0);

    // An sqlite3 open that switched it to WAL: a database without a table.
    rmSync(data, { recursive: true });
    mkdirSync(data);
    const made = new Database(sqlitePath);
    made.pragma('journal_mode = WAL');
    made.close();
    refusal = await refusalOf(start({}, sqlitePath, true));
    expect(refusal.reason).toBe('STORE_EMPTY');
    expect(refusal.messageZh).toContain(`本服务上次看到的是事件库 ${storeId}，日志位置 ${head}`);

    // Accepted: an empty ledger, no demo in it; the next plain start takes it.
    app = await start({ ACCEPT_STORE_RESET: 'true' }, sqlitePath, true);
    try {
      expect(await evaluationCount(app)).toBe(0);
    } finally {
      await app.close();
    }
    app = await start({}, sqlitePath, true);
    try {
      expect(await evaluationCount(app)).toBe(0);
    } finally {
      await app.close();
    }
  }, PROCESS_TEST_CEILING_MS);

  it('refuses to create a new store where the key vouches for one the path most likely meant (a mistyped file or folder name); accepted, it seeds no demo', async () => {
    const { root, data, sqlitePath, start } = office();
    let app = await start();
    expect((await register(app, '正式台账')).errors).toBeUndefined();
    await app.close();

    const typo = join(data, 'rectfy.db');
    const refusal = await refusalOf(start({}, typo, true));
    expect(refusal.reason).toBe('STORE_NOT_FOUND');
    expect(refusal.message).toContain(`SQLITE_PATH=${typo} names no event store`);
    expect(refusal.message).toContain(`vouches for ${sqlitePath} (store `);
    expect(refusal.messageZh).toContain(`SQLITE_PATH=${typo} 指向的事件库不存在`);
    expect(existsSync(typo)).toBe(false);

    const folderTypo = join(root, 'dta', 'rectify.db');
    expect((await refusalOf(start({}, folderTypo, true))).reason).toBe('STORE_NOT_FOUND');
    expect(existsSync(join(root, 'dta'))).toBe(false);

    app = await start({ ACCEPT_STORE_RESET: 'true' }, typo, true);
    try {
      expect(await evaluationCount(app)).toBe(0);
    } finally {
      await app.close();
    }

    // The control: a second store in a folder of its own is a deliberate one.
    const elsewhere = join(mkdtempSync(join(tmpdir(), 'rectify-second-store-')), 'rectify.db');
    app = await start({}, elsewhere);
    await app.close();
  }, PROCESS_TEST_CEILING_MS);
});

/** A training copy of the office's store, in a folder of its own beside ./data, started once with the office's key and written to; returns its file. */
async function trainingCopy(root: string, data: string, start: ReturnType<typeof office>['start'], titles: readonly string[]): Promise<string> {
  const training = join(root, 'training', 'rectify.db');
  cpSync(data, join(root, 'training'), { recursive: true });
  const app = await start({ STORE_WITNESS_PATH: `${training}.witness.json` }, training);
  try {
    for (const title of titles) expect((await register(app, title)).errors).toBeUndefined();
  } finally {
    await app.close();
  }
  return training;
}

describe('Copies of the store witness beside the key, per store and place (breaker9c P2, P3, N2, P9)', () => {
  it('keeps two copies of one store sharing a key folder apart: neither refuses the other, and each names its own file', async () => {
    const { root, data, sqlitePath, start, copies } = office();
    let app = await start();
    expect((await register(app, '正式库')).errors).toBeUndefined();
    await app.close();
    const training = await trainingCopy(root, data, start, ['培训一', '培训二', '培训三']);
    expect(readdirSync(copies)).toHaveLength(2);
    // Production, behind the training copy now, is still the store it was.
    app = await start();
    try {
      expect(await evaluationCount(app)).toBe(1);
      expect((await register(app, '正式库二')).errors).toBeUndefined();
    } finally {
      await app.close();
    }
    // The training copy rolled back is refused, naming its own file — not production's.
    const trainingBackup = join(root, 'training-backup');
    cpSync(join(root, 'training'), trainingBackup, { recursive: true });
    app = await start({ STORE_WITNESS_PATH: `${training}.witness.json` }, training);
    expect((await register(app, '培训四')).errors).toBeUndefined();
    await app.close();
    rmSync(join(root, 'training'), { recursive: true });
    cpSync(trainingBackup, join(root, 'training'), { recursive: true });
    const refusal = await refusalOf(start({ STORE_WITNESS_PATH: `${training}.witness.json` }, training));
    expect(refusal.reason).toBe('STORE_SHORTER');
    expect(refusal.message).toContain(`The event store at ${training} ends at position`);
    expect(refusal.message).not.toContain(sqlitePath);
  }, PROCESS_TEST_CEILING_MS);

  it('a training copy of another STORE_COPY_NAME deleted with its folder judges nothing: production starts; production itself moved is still judged (breaker9a P7)', async () => {
    const { root, data, start } = office();
    const production = { STORE_COPY_NAME: '正式' };
    let app = await start(production);
    expect((await register(app, '正式库')).errors).toBeUndefined();
    await app.close();
    // The training copy, named 培训, saw more than production; then its folder is deleted (the copy beside the key stays).
    const training = join(root, 'training', 'rectify.db');
    cpSync(data, join(root, 'training'), { recursive: true });
    app = await start({ STORE_COPY_NAME: '培训', STORE_WITNESS_PATH: `${training}.witness.json` }, training);
    for (const title of ['培训一', '培训二', '培训三']) expect((await register(app, title)).errors).toBeUndefined();
    await app.close();
    rmSync(join(root, 'training'), { recursive: true });
    // Before the fix: refused STORE_SHORTER, judged on the deleted training copy's witness as the installation moved.
    app = await start(production);
    try {
      expect(await evaluationCount(app)).toBe(1);
    } finally {
      await app.close();
    }
    // The control: production's own folder moved away (its copy's place gone) and an older one restored at a new place is still refused.
    const backup = join(root, 'backup-data');
    cpSync(data, backup, { recursive: true });
    app = await start(production);
    expect((await register(app, '正式库二')).errors).toBeUndefined();
    await app.close();
    rmSync(data, { recursive: true });
    const moved = join(root, 'moved', 'rectify.db');
    cpSync(backup, join(root, 'moved'), { recursive: true });
    const refusal = await refusalOf(start({ ...production, STORE_WITNESS_PATH: `${moved}.witness.json` }, moved));
    expect(refusal.reason).toBe('STORE_SHORTER');
  }, PROCESS_TEST_CEILING_MS);

  /*
   * breaker46-9 S1 (serious): a drill copy of production's folder (cp -a) run at another place under production's own name
   * (正式, a copied .env), its folder then deleted, its file copied over production's — which had written one more record
   * since. The drill's copy beside the key (its place gone, same name) was taken for production moved there: production
   * started `ready`, its record at that position lost, the drill's served as its own, and its witness rewritten to the drill's
   * head. The witness beside the store names this place, so no place whose file is gone is this installation's.
   */
  it('a drill under production\'s own name, its folder deleted, its file copied over production\'s: refused, production\'s witness left as it was (breaker46-9 S1)', async () => {
    const { root, data, sqlitePath, start } = office();
    const production = { STORE_COPY_NAME: '正式' };
    let app = await start(production);
    expect((await register(app, '正式库')).errors).toBeUndefined();
    await app.close();
    const drill = join(root, 'drill', 'rectify.db');
    cpSync(data, join(root, 'drill'), { recursive: true });
    app = await start(production);
    expect((await register(app, '复制之后')).errors).toBeUndefined();
    await app.close();
    app = await start({ ...production, STORE_WITNESS_PATH: `${drill}.witness.json` }, drill);
    for (const title of ['演练一', '演练二', '演练三']) expect((await register(app, title)).errors).toBeUndefined();
    await app.close();
    // The drill's folder kept aside (at no place any witness names), then deleted at its place after the drill.
    const drillFiles = join(root, 'kept-drill-files');
    cpSync(join(root, 'drill'), drillFiles, { recursive: true });
    rmSync(join(root, 'drill'), { recursive: true });
    const witnessBefore = readFileSync(`${sqlitePath}.witness.json`, 'utf8');

    // Its file alone copied over production's.
    cpSync(join(drillFiles, 'rectify.db'), sqlitePath);
    for (const file of [`${sqlitePath}-wal`, `${sqlitePath}-shm`]) rmSync(file, { force: true });
    const refusal = await refusalOf(start(production));
    expect(refusal.reason).toBe('STORE_FROM_OTHER_COPY');
    expect(refusal.messageZh).toContain(`见于 ${drill}`);
    expect(readFileSync(`${sqlitePath}.witness.json`, 'utf8')).toBe(witnessBefore);

    // Its whole folder, witness included, put in place of production's: the drill's witness recorded production's file there
    // while the drill ran, so the folder is the drill's — said so (it was STORE_REWRITTEN "a backup restored or rolled back?").
    rmSync(data, { recursive: true });
    cpSync(drillFiles, data, { recursive: true });
    const whole = await refusalOf(start(production));
    expect(whole.reason).toBe('STORE_FROM_OTHER_COPY');
    expect(whole.messageZh).toContain(`数据文件夹 ${data}（连同其见证文件）是该副本的`);
    expect(whole.messageZh).not.toContain('旧备份恢复或回滚');
  }, PROCESS_TEST_CEILING_MS);

  /*
   * breaker46-9 S1, variant V=a (serious): production wrote nothing after the drill's copy was taken; the drill's whole folder,
   * witness included, put back over production's (rm -rf data; cp -a drill data) after the drill's own place was deleted. It
   * looked like production's folder moved away and back (S2) and started `ready` at the drill's head, its records served as
   * production's. The drill's witness records that production's file was at its place while the drill ran
   * (`StoreWitness.otherFilesSeen`); a folder moved away leaves no file behind, so the control (S2 below) still starts.
   */
  it("a drill's whole folder put back over production that wrote nothing since the copy: refused, saying it is the drill's folder and what to do (breaker46-9 S1 V=a)", async () => {
    for (const production of [{ STORE_COPY_NAME: '正式' }, {}] as Record<string, string>[]) {
      const { root, data, sqlitePath, start } = office();
      let app = await start(production);
      expect((await register(app, '正式库')).errors).toBeUndefined();
      await app.close();
      const drillFolder = join(root, 'drill');
      const drill = join(drillFolder, 'rectify.db');
      cpSync(data, drillFolder, { recursive: true });
      app = await start({ ...production, STORE_WITNESS_PATH: `${drill}.witness.json` }, drill);
      // newcomer46-9 M4: a drill under production's own name (正式 from .env) is told so on /health, while production's file is there.
      const { notices } = (await (await fetch(`${app.url}/health`)).json()) as { notices: { cause: string; messageZh: string }[] };
      expect(notices.some((notice) => notice.cause === 'STORE_COPY_NAME_SHARED')).toBe(production.STORE_COPY_NAME !== undefined);
      for (const title of ['演练一', '演练二']) expect((await register(app, title)).errors).toBeUndefined();
      await app.close();
      expect((JSON.parse(readFileSync(`${drill}.witness.json`, 'utf8')) as { otherFilesSeen?: string[] }).otherFilesSeen).toEqual([sqlitePath]);
      rmSync(data, { recursive: true });
      cpSync(drillFolder, data, { recursive: true });
      rmSync(drillFolder, { recursive: true });

      const refusal = await refusalOf(start(production));
      expect(refusal.reason).toBe('STORE_FROM_OTHER_COPY');
      expect(refusal.messageZh).toContain(`数据文件夹 ${data}（连同其见证文件）是该副本的：其见证文件（${sqlitePath}.witness.json）写于 ${drill}（该处现已没有事件库文件），并记有该副本运行时本副本的文件 ${sqlitePath} 就在原处`);
      expect(refusal.messageZh).toContain('并不是本安装的数据文件夹被移走后又移回');
      expect(refusal.messageZh).toContain(`请把本副本自己的数据文件夹放回 ${data}`);
      expect(refusal.messageZh).toContain(`若仍需演练，放回 ${drillFolder}`);
      expect(refusal.message).toContain(`The data folder ${data}, its witness included, is that copy's`);
      expect(refusal.messageZh).not.toContain('旧备份恢复或回滚');
    }
  }, PROCESS_TEST_CEILING_MS);

  /*
   * breaker46-9 S2: the data folder moved (mv) to a new place, run there, and moved back: it was refused as "a training or
   * drill copy", advising to restore a backup (losing what was written at the new place). The witness beside the store came
   * with the folder, naming the place it came from, whose file is gone: that place's records are this installation's.
   */
  it('a data folder moved to a new place, written there, and moved back starts with every record, unnamed or named (breaker46-9 S2)', async () => {
    for (const settings of [{}, { STORE_COPY_NAME: '正式' }] as Record<string, string>[]) {
      const { root, data, start } = office();
      let app = await start(settings);
      expect((await register(app, '搬移之前')).errors).toBeUndefined();
      await app.close();
      const moved = join(root, 'newdisk', 'data');
      cpSync(data, moved, { recursive: true });
      rmSync(data, { recursive: true });
      app = await start({ ...settings, STORE_WITNESS_PATH: join(moved, 'rectify.db.witness.json') }, join(moved, 'rectify.db'));
      expect((await register(app, '新位置写入')).errors).toBeUndefined();
      await app.close();
      cpSync(moved, data, { recursive: true });
      rmSync(join(root, 'newdisk'), { recursive: true });
      app = await start(settings);
      try {
        expect(await evaluationCount(app)).toBe(2);
      } finally {
        await app.close();
      }
    }
  }, PROCESS_TEST_CEILING_MS);

  it('refuses a data folder restored older whose copy for this place was deleted, though a copy of the store kept for another place is there (breaker9d P3)', async () => {
    const { root, data, sqlitePath, start, copies } = office();
    let app = await start();
    expect((await register(app, '正式库')).errors).toBeUndefined();
    await app.close();
    // A training copy sharing the office's key folder keeps a copy of its own there.
    const training = await trainingCopy(root, data, start, ['培训']);
    const backup = join(root, 'backup-data');
    cpSync(data, backup, { recursive: true });
    app = await start();
    expect((await register(app, '备份之后')).errors).toBeUndefined();
    await app.close();
    const { storeId } = JSON.parse(readFileSync(`${sqlitePath}.witness.json`, 'utf8')) as { storeId: string };
    rmSync(data, { recursive: true });
    cpSync(backup, data, { recursive: true });
    rmSync(keyFolderWitnessPath(copies, storeId, sqlitePath));
    expect(readdirSync(copies)).toHaveLength(1);

    const refusal = await refusalOf(start());
    expect(refusal.reason).toBe('STORE_WITNESS_COPY_MISSING');
    expect(refusal.message).toContain(`there is no copy of store ${storeId} for this place (${sqlitePath}) there — only copies kept for other places (${training})`);
    expect(refusal.messageZh).toContain(`但那里没有该事件库的副本（指本处 ${sqlitePath} 的副本；只有其他位置（${training}）的副本`);
  }, PROCESS_TEST_CEILING_MS);

  it('refuses a data folder restored older whose copy beside the key was deleted; accepted, a new copy is written', async () => {
    const { root, data, start, copies } = office();
    let app = await start();
    expect((await register(app, '备份之前')).errors).toBeUndefined();
    await app.close();
    const backup = join(root, 'backup-data');
    cpSync(data, backup, { recursive: true });
    app = await start();
    expect((await register(app, '备份之后')).errors).toBeUndefined();
    await app.close();
    rmSync(data, { recursive: true });
    cpSync(backup, data, { recursive: true });
    rmSync(copies, { recursive: true });

    const refusal = await refusalOf(start());
    expect(refusal.reason).toBe('STORE_WITNESS_COPY_MISSING');
    expect(refusal.message).toContain(`there is no copy of store`);
    expect(refusal.messageZh).toContain('但那里没有该事件库的副本');
    app = await start({ ACCEPT_STORE_RESET: 'true' });
    await app.close();
    expect(readdirSync(copies)).toHaveLength(1);
    app = await start();
    await app.close();
  }, PROCESS_TEST_CEILING_MS);

  it('refuses a copy whose signature was removed (the server only writes them signed), and a witness path inside the copies folder', async () => {
    const { start, copies } = office();
    let app = await start();
    expect((await register(app, '一')).errors).toBeUndefined();
    await app.close();
    const [name] = readdirSync(copies);
    const copyPath = join(copies, name!);
    const { signature: _signature, ...unsigned } = JSON.parse(readFileSync(copyPath, 'utf8')) as Record<string, unknown>;
    writeFileSync(copyPath, JSON.stringify(unsigned));
    const refusal = await refusalOf(start());
    expect(refusal.reason).toBe('STORE_WITNESS_DAMAGED');
    expect(refusal.message).toContain(`${copyPath}, carries no signature`);

    app = await start({ ACCEPT_STORE_RESET: 'true' });
    await app.close();
    app = await start();
    await app.close();

    await expect(start({ STORE_WITNESS_PATH: copyPath })).rejects.toThrow(/STORE_WITNESS_PATH: .* is in .*store-witnesses/);
  }, PROCESS_TEST_CEILING_MS);
});

describe('A key folder the server cannot write (breaker9d P6)', () => {
  const notices = async (app: TestApp) => ((await (await fetch(`${app.url}/health`)).json()) as { notices: { cause: string }[] }).notices.map((notice) => notice.cause);

  it('is a /health notice for as long as the copy beside the key cannot be written, writes going on; once it can, the notice goes', async () => {
    const { start, copies } = office();
    // Something that is not a folder where the copies go: no copy can be written (as on a key volume mounted read-only, also for root).
    writeFileSync(copies, '');
    const app = await start();
    try {
      expect((await register(app, '只读密钥卷')).errors).toBeUndefined();
      // The copy is written with the witness's durable write (at most once a second): wait for the condition, with the suite's ceiling.
      while (!(await notices(app)).includes('KEY_SIDE_WITNESS_UNWRITABLE')) await new Promise((resolve) => setTimeout(resolve, 50));
      expect((await register(app, '仍可写入')).errors).toBeUndefined();
      rmSync(copies);
      expect((await register(app, '密钥卷可写了')).errors).toBeUndefined();
      while ((await notices(app)).includes('KEY_SIDE_WITNESS_UNWRITABLE')) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(readdirSync(copies)).toHaveLength(1);
    } finally {
      await app.close();
    }
  }, PROCESS_TEST_CEILING_MS);

  /*
   * newcomer50-9 M1: an installation moved to a new folder (stopped, its data folder copied, .env's SQLITE_PATH changed, the
   * same keys folder) was told at every start that a drill had taken production's name and to rename "the copy that is not
   * 正式" — there was none. The old place's file went no further than the new one's: the notice says it was moved or copied
   * from there and to move the old folder away, which makes it go.
   */
  it('a moved installation is told it was moved from the old place, and the notice goes once the old folder is moved away (newcomer50-9 M1)', async () => {
    const warned: string[] = [];
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => void warned.push(String(message)));
    try {
      const { root, data, start } = office();
      const production = { STORE_COPY_NAME: '正式' };
      let app = await start(production);
      expect((await register(app, '搬迁之前')).errors).toBeUndefined();
      await app.close();
      const moved = join(root, 'new-disk', 'data');
      cpSync(data, moved, { recursive: true });
      app = await start(production, join(moved, 'rectify.db'));
      const sharedNotice = async () => {
        const { notices } = (await (await fetch(`${app.url}/health`)).json()) as { notices: { cause: string; messageZh: string }[] };
        return notices.find((notice) => notice.cause === 'STORE_COPY_NAME_SHARED');
      };
      expect((await sharedNotice())?.messageZh).toContain('如系整套搬迁，请只在新位置运行服务，把旧位置');
      expect((await sharedNotice())?.messageZh).toContain('切勿移走记录较多的那一处');
      const said = warned.find((line) => line.includes('STORE_COPY_NAME=正式'))!;
      expect(said).toContain(`本事件库的另一个文件 ${join(data, 'rectify.db')}`);
      expect(said).toContain('其记录没有超出本副本所持有的内容：本事件库是从那里搬迁或复制过来的');
      expect(said).not.toContain('两个副本同用一个名称');
      expect((await register(app, '搬迁之后')).errors).toBeUndefined();
      await app.close();

      // The old folder moved out of the way (kept as a backup): the next start says nothing of it.
      cpSync(data, join(root, 'kept-old-data'), { recursive: true });
      rmSync(data, { recursive: true });
      app = await start(production, join(moved, 'rectify.db'));
      expect(await sharedNotice()).toBeUndefined();
      expect(await evaluationCount(app)).toBe(2);
      await app.close();

      // breaker52-9 S4: the old place started again after the new place wrote on is told so, naming the new place and how far it went.
      cpSync(join(root, 'kept-old-data'), data, { recursive: true });
      warned.length = 0;
      const errors: string[] = [];
      const error = jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => void errors.push(String(message)));
      app = await start(production);
      error.mockRestore();
      const oldPlace = await sharedNotice();
      expect(oldPlace?.messageZh).toContain('切勿移走记录较多的那一处');
      expect(errors.find((line) => line.includes('这里是旧位置'))).toContain(`本事件库也曾在 ${join(moved, 'rectify.db')} 运行（两处都以 STORE_COPY_NAME=正式 运行），那里已记录到位置`);
      expect(warned.find((line) => line.includes('STORE_COPY_NAME=正式'))).toContain('这里是旧位置：请停止本服务');
      await app.close();
      // The old place that goes on by itself under the same name is two copies under one name, as before.
      app = await start(production);
      expect((await register(app, '旧处另写')).errors).toBeUndefined();
      await app.close();
      warned.length = 0;
      app = await start(production, join(moved, 'rectify.db'));
      expect(await sharedNotice()).toBeDefined();
      expect(warned.find((line) => line.includes('STORE_COPY_NAME=正式'))).toContain('两个副本同用一个名称');
      await app.close();
    } finally {
      warn.mockRestore();
    }
  }, PROCESS_TEST_CEILING_MS);
});
