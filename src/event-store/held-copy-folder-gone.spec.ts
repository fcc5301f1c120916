import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HELD_COPY_CHEAP_TRY_MS, HELD_COPY_RETRY_CEILING_MS, SqliteEventStore, heldCopyRetryWaitMs } from './sqlite-event-store.js';
import { StoreHealth } from './store-health.js';

/*
 * newcomer50-9 S1: the data folder deleted under the running server (an rm -rf of the wrong folder, a disk unmounted). The
 * server still held every acknowledged event, but its copy of them failed ("Cannot save backup because the directory does not
 * exist") and was never tried again — though the server itself made the folder again a second later for its witness — and the
 * refusal said what came after the newest backup was in no copy: 32 acknowledged events lost at the stop.
 */

const event = (text = 'x') => {
  const id = randomUUID();
  return { id, type: 'NoteWritten', schemaVersion: 1, data: { text }, metadata: { actorId: 'a', actorRole: 'ADMIN' as const, actorUnitId: null, commandId: id, correlationId: id, causationId: id, recordedAt: new Date().toISOString() } };
};

const settled = () => new Promise((resolve) => setImmediate(resolve));

const eventsIn = (path: string): unknown => {
  const copy = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return copy.prepare('SELECT COUNT(*) AS n FROM events').get();
  } finally {
    copy.close();
  }
};

describe('The copy of what a server holds once its data folder was deleted under it (newcomer50-9 S1)', () => {
  let root: string;
  let folder: string;
  let path: string;
  let store: SqliteEventStore;
  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'rectify-folder-gone-'));
    folder = join(root, 'rectify');
    path = join(folder, 'rectify.db');
    store = new SqliteEventStore(path, { writerThread: false });
    await store.identify();
    for (let index = 0; index < 5; index += 1) await store.appendToStream(`note-${index}`, [event(`第${index}条`)], { expectedRevision: 'no_stream' });
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await store.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('makes the folder again and the copy in it, holding every acknowledged event, and says so', async () => {
    rmSync(folder, { recursive: true, force: true });
    const health = new StoreHealth(store);
    expect(health.writeRefusal()!.problem.cause).toBe('STORE_FILE_MISSING');
    const outcome = await store.keepWhatIsHeld().done;
    await settled();
    expect(outcome).toMatchObject({ removed: false });
    const copy = store.heldCopyPath!;
    expect(copy.startsWith(`${path}.rescued-`)).toBe(true);
    expect(eventsIn(copy)).toEqual({ n: 5 });
    expect(store.heldCopyToRetry()).toBeNull();
    const refusal = health.writeRefusal()!;
    expect(refusal.messageZh).toContain(`已复制到 ${copy}`);
    expect(refusal.messageZh).not.toContain('不在此处所做的任何副本中');
  });

  it('a folder that cannot be made yet: says what is held where, not to stop the server nor restore a backup — and tries again at each look until the copy is made', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    rmSync(folder, { recursive: true, force: true });
    // A file where the folder was (as a disk unmounted leaves a mount point the server cannot write in): no folder can be made.
    writeFileSync(folder, 'not a folder');
    const health = new StoreHealth(store);
    expect(health.writeRefusal()!.problem.cause).toBe('STORE_FILE_MISSING');
    const first = await store.keepWhatIsHeld().done;
    await settled();
    expect(first).toHaveProperty('error');
    const copy = store.heldCopyPath!;
    expect(store.heldCopyToRetry()).not.toBeNull();

    const waiting = health.writeRefusal()!;
    expect(waiting.messageZh).toContain(`尚未能在 ${copy} 写入本服务所持内容的副本`);
    expect(waiting.messageZh).toContain('（事件 1–5）现在只保存在这个运行中的服务里');
    expect(waiting.messageZh).toContain('请勿停止本服务，也请勿用备份替换事件库');
    expect(waiting.messageZh).toContain(`请确保本服务能写入文件夹 ${folder}`);
    expect(waiting.messageZh).toContain('每次健康检查或写入时都会自动重新复制');
    expect(waiting.messageZh).not.toContain('不在此处所做的任何副本中');
    expect(waiting.messageZh).not.toContain('恢复事件库');
    expect(waiting.message).toContain('Do not stop this server, and do not restore a backup over the store');
    const logged = errors.mock.calls.length;
    expect(logged).toBeGreaterThan(0);

    // Still not writable: tried again at the next look, failing for the same reason — neither logged again nor said otherwise.
    health.problems();
    await store.keepWhatIsHeld().done;
    await settled();
    expect(store.heldCopyToRetry()).not.toBeNull();
    expect(errors.mock.calls.length).toBe(logged);
    expect(health.writeRefusal()!.messageZh).toContain('请勿停止本服务');

    // The folder can be made again (once the try a look at the refusal started is done): the next look makes it and the copy in it, at the same path.
    await store.keepWhatIsHeld().done;
    await settled();
    rmSync(folder, { force: true });
    health.problems();
    const again = await store.keepWhatIsHeld().done;
    await settled();
    expect(again).toMatchObject({ removed: false, problems: [] });
    expect(store.heldCopyPath).toBe(copy);
    expect(store.heldCopyToRetry()).toBeNull();
    expect(eventsIn(copy)).toEqual({ n: 5 });
    const made = health.writeRefusal()!;
    expect(made.messageZh).toContain(`已复制到 ${copy}`);
    expect(made.messageZh).not.toContain('尚未能');
  });

  it('a copy still failing when the server stops is tried once more then', async () => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    rmSync(folder, { recursive: true, force: true });
    writeFileSync(folder, 'not a folder');
    const health = new StoreHealth(store);
    expect(health.writeRefusal()!.problem.cause).toBe('STORE_FILE_MISSING');
    await store.keepWhatIsHeld().done;
    await settled();
    const copy = store.heldCopyPath!;
    expect(existsSync(copy)).toBe(false);
    rmSync(folder, { force: true });
    mkdirSync(folder);
    await store.close();
    expect(eventsIn(copy)).toEqual({ n: 5 });
  });
});

/**
 * A store of one event whose data folder became a file (no folder can be made there) and whose first copy failed "slowly": the
 * test clock moves 5 s while the try runs, so the next try waits 50 s (`heldCopyRetryWaitMs`). `now` moves the clock by hand.
 */
async function storeWhoseCopyFailedSlowly(name: string) {
  jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  const root = mkdtempSync(join(tmpdir(), `rectify-${name}-`));
  const folder = join(root, 'rectify');
  const clock = { now: 1_000_000 };
  const store = new SqliteEventStore(join(folder, 'rectify.db'), { writerThread: false, clock: () => clock.now });
  await store.identify();
  await store.appendToStream('note-0', [event('第0条')], { expectedRevision: 'no_stream' });
  rmSync(folder, { recursive: true, force: true });
  writeFileSync(folder, 'not a folder');
  const health = new StoreHealth(store);
  expect(health.writeRefusal()).not.toBeNull();
  const copy = store.keepWhatIsHeld();
  clock.now += 5_000;
  await copy.done;
  await settled();
  expect(store.heldCopyToRetry()).not.toBeNull();
  return { root, folder, clock, store, health, failedAt: clock.now };
}

describe('How often a failed copy of what a server holds is tried again (heldCopyRetryWaitMs)', () => {
  it('a try that failed at once is tried again at the next look; a slow one waits ten times its length, at most 10 minutes', () => {
    expect(heldCopyRetryWaitMs(0)).toBe(0);
    expect(heldCopyRetryWaitMs(HELD_COPY_CHEAP_TRY_MS - 1)).toBe(0);
    expect(heldCopyRetryWaitMs(2_000)).toBe(20_000);
    expect(heldCopyRetryWaitMs(30 * 60 * 1000)).toBe(HELD_COPY_RETRY_CEILING_MS);
  });

  it('a copy that failed slowly is not made over at every /health check: the looks before the wait is over start nothing, the first after it does', async () => {
    const { root, folder, clock, store, health, failedAt } = await storeWhoseCopyFailedSlowly('slow-copy');
    try {
      clock.now = failedAt + 49_000;
      expect(store.retryHeldCopy()).toBeNull();
      health.problems();
      expect(store.retryHeldCopy()).toBeNull();
      expect(health.writeRefusal()!.messageZh).toContain('须等过其耗时的十倍、至多 10 分钟再试');

      rmSync(folder, { force: true });
      clock.now = failedAt + 50_000;
      health.problems();
      const again = await store.keepWhatIsHeld().done;
      await settled();
      expect(again).toMatchObject({ removed: false, problems: [] });
      expect(store.heldCopyToRetry()).toBeNull();
      expect(eventsIn(store.heldCopyPath!)).toEqual({ n: 1 });
    } finally {
      await store.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('The stop of a server whose copy failed slowly (heldCopyRetryWaitMs)', () => {
  it('tries once more at the stop even before the wait is over: nothing holds the events after it', async () => {
    const { root, folder, store } = await storeWhoseCopyFailedSlowly('slow-stop');
    try {
      expect(store.retryHeldCopy()).toBeNull();
      rmSync(folder, { force: true });
      mkdirSync(folder);
      await store.close();
      expect(eventsIn(store.heldCopyPath!)).toEqual({ n: 1 });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
