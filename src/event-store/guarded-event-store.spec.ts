import { say } from '../shared/domain-error.js';
import Database from 'better-sqlite3';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventToAppend } from './event-store.port.js';
import { guardedEventStore } from './guarded-event-store.js';
import { SqliteEventStore } from './sqlite-event-store.js';
import { WitnessKeeper } from './store-admission.js';
import { StoreHealth, StoreUnavailableError } from './store-health.js';
import { readWitness } from './store-witness.js';

const event = (): EventToAppend => ({ id: randomUUID(), type: 'Noted', schemaVersion: 1, data: {}, metadata: { recordedAt: '2026-11-30T01:00:00.000Z' } as EventToAppend['metadata'] });
const request = (key: string) => ({ key, commandId: 'RenameUnit', digest: 'digest-1' });

/** Issue 9 (second breaker, 8): a store that cannot be trusted with a write takes no write of any kind. */
describe('The store as the server writes to it', () => {
  let directory: string;
  let store: SqliteEventStore;
  let health: StoreHealth;
  let witness: WitnessKeeper;
  let guarded: SqliteEventStore;
  let witnessFolder: string;
  let witnessPath: string;
  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'rectify-guarded-'));
    store = new SqliteEventStore(join(directory, 'events.db'));
    const identity = await store.identify();
    witnessFolder = join(directory, 'witness');
    witnessPath = join(witnessFolder, 'witness.json');
    witness = new WitnessKeeper(witnessPath, { storeId: identity.storeId, kind: 'sqlite', location: store.path }, (commit) => store.chainHashAt(commit));
    health = new StoreHealth(store, witness);
    guarded = guardedEventStore(store, health, witness);
  });
  afterEach(async () => {
    await guarded.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('reserves no request key while degraded, as it appends no event', async () => {
    health.projectionsFailed(say('event poison-1 (FindingRecorded) at position 7 failed in a read model', '位置 7 的事件 poison-1（FindingRecorded）在读模型中处理失败'));
    await expect(guarded.reserveRequest('unit-1', request('rename-to-own-name'))).rejects.toThrow(StoreUnavailableError);
    await expect(guarded.appendToStream('unit-1', [event()], { expectedRevision: 'any' })).rejects.toThrow(StoreUnavailableError);
    expect(await store.findRequest('rename-to-own-name')).toBeNull();
    expect(await store.headPosition()).toBeNull();

    health.projectionsFollowing();
    await guarded.reserveRequest('unit-1', request('rename-to-own-name'));
    expect(await store.findRequest('rename-to-own-name')).toMatchObject({ appendedNothing: true, streamId: 'unit-1' });
  });

  // breaker9 F7: the witness lagged the answered head by up to a second, so a kill -9 and a lost
  // -wal inside that second lost acknowledged writes unnoticed.
  it('writes the witness of each append before the append is answered', async () => {
    for (let i = 0; i < 3; i += 1) {
      const appended = await guarded.appendToStream(`unit-${i}`, [event(), event()], { expectedRevision: 'no_stream' });
      expect(readWitness(witnessPath)).toMatchObject({ head: appended.position.commit.toString(), headHash: store.chainHashAt(appended.position.commit) });
    }
  });

  // breaker9 F14: a witness that could not be written was only a warning, its lag unbounded.
  it('takes no write while the witness cannot be written, says why, and takes writes again once it can', async () => {
    await guarded.appendToStream('unit-1', [event()], { expectedRevision: 'no_stream' });
    // The witness's folder becomes a file: nothing can be written under it (as on a full volume).
    rmSync(witnessFolder, { recursive: true });
    writeFileSync(witnessFolder, 'not a folder');
    // The append that found the witness unwritable is in the log; it is answered.
    const landed = await guarded.appendToStream('unit-2', [event()], { expectedRevision: 'no_stream' });
    const refusal = health.writeRefusal()!;
    expect(refusal.problem.cause).toBe('WITNESS_NOT_WRITTEN');
    expect(refusal.message).toContain(`The store witness ${witnessPath} cannot be written`);
    expect(refusal.messageZh).toContain(`事件库见证文件 ${witnessPath} 无法写入`);
    await expect(guarded.appendToStream('unit-3', [event()], { expectedRevision: 'no_stream' })).rejects.toThrow(StoreUnavailableError);
    await expect(guarded.reserveRequest('unit-1', request('rename-to-own-name'))).rejects.toThrow(StoreUnavailableError);
    expect((await store.headPosition())!.commit).toBe(landed.position.commit);

    rmSync(witnessFolder);
    mkdirSync(witnessFolder);
    expect(health.writeRefusal()).toBeNull();
    expect(readWitness(witnessPath)!.head).toBe(landed.position.commit.toString());
    await guarded.appendToStream('unit-3', [event()], { expectedRevision: 'no_stream' });
    expect(readdirSync(witnessFolder)).toEqual(['witness.json']);
  });

  // breaker9b N4: two servers on one file each wrote the witness after their own appends; one's write
  // of 555 landing after the other's of 556 left the witness behind an acknowledged write, and a -wal
  // cut by that transaction then lost it silently.
  it('never writes a lower head than another server on the same file appended, nor takes its head for the log going backwards', async () => {
    const other = new SqliteEventStore(store.path);
    const identity = await store.identify();
    const otherWitness = new WitnessKeeper(witnessPath, { storeId: identity.storeId, kind: 'sqlite', location: store.path }, (commit) => other.chainHashAt(commit), null, () => other.headEventNow());
    const ownWitness = new WitnessKeeper(witnessPath, { storeId: identity.storeId, kind: 'sqlite', location: store.path }, (commit) => store.chainHashAt(commit), null, () => store.headEventNow());
    try {
      const own = await store.appendToStream('unit-a', [event()], { expectedRevision: 'no_stream' });
      const theirs = await other.appendToStream('unit-b', [event()], { expectedRevision: 'no_stream' });
      // The other server witnesses and answers its append; this server's write of its own, older head lands after it.
      expect(otherWitness.noteHead(theirs.position, 'their-event')).toBe(true);
      expect(ownWitness.noteHead(own.position, 'own-event')).toBe(true);
      expect(readWitness(witnessPath)).toMatchObject({ head: theirs.position.commit.toString(), headHash: store.chainHashAt(theirs.position.commit) });

      // This server's own later append, answered after a write that named the other's newer head: not "the log went backwards".
      const ownLater = await store.appendToStream('unit-a', [event()], { expectedRevision: 'any' });
      const theirsLater = await other.appendToStream('unit-b', [event()], { expectedRevision: 'any' });
      ownWitness.flush();
      ownWitness.write(own.position, 'own-event');
      expect(readWitness(witnessPath)!.head).toBe(theirsLater.position.commit.toString());
      expect(ownWitness.noteHead(ownLater.position, 'own-later')).toBe(true);
      expect(readWitness(witnessPath)!.head).toBe(theirsLater.position.commit.toString());
    } finally {
      otherWitness.close();
      ownWitness.close();
      await other.close();
    }
  });

  // s57b (breaker57-9 S1): two servers on one file: one server's write of its own head (read before the other's append
  // committed) landed after the other had appended, written the witness and answered — the durable write's fsync and the
  // copy beside the key took up to 1.1 s — and the witness went back below an acknowledged write until the write after it.
  // A kill -9 in that gap and a -wal cut back then started `ready` with the acknowledged write gone. Every witness write
  // reads the head and writes it under the store's write lock: no process commits, nor writes its witness, in between.
  it.each([
    ['in place, at an append', false],
    ['durably, with its signed copy beside the key', true],
  ])('lets no other process commit between a witness write reading the head and writing it (%s)', async (_, durable) => {
    const other = new SqliteEventStore(store.path);
    const identity = await store.identify();
    const keyFolder = join(directory, 'keys');
    mkdirSync(keyFolder);
    const { privateKey } = generateKeyPairSync('ed25519');
    const keeperOf = (on: SqliteEventStore, copy: string) => {
      const keeper = new WitnessKeeper(
        witnessPath,
        { storeId: identity.storeId, kind: 'sqlite', location: store.path },
        (commit) => on.chainHashAt(commit),
        join(keyFolder, copy),
        () => on.headEventNow(),
        null,
        undefined,
        undefined,
        (work) => on.underWriteLock(work),
      );
      keeper.keepSigningKey('0123456789abcdef', privateKey);
      return keeper;
    };
    const ownWitness = keeperOf(store, 'own.witness.json');
    const otherWitness = keeperOf(other, 'other.witness.json');
    // Another process on the file (a third connection) trying to commit, without waiting: SQLITE_BUSY while the lock is held.
    const third = new Database(store.path);
    third.pragma('busy_timeout = 0');
    const tryToCommit = (): string => {
      try {
        third.exec('BEGIN IMMEDIATE');
        third.exec('ROLLBACK');
        return 'committed';
      } catch (error) {
        return String((error as { code?: unknown }).code);
      }
    };
    try {
      const own = await store.appendToStream('unit-a', [event()], { expectedRevision: 'no_stream' });
      const seenAtWrite: string[] = [];
      ownWitness.beforeWriteForTest = () => seenAtWrite.push(tryToCommit());
      if (durable) ownWitness.write(own.position, 'own-event');
      else expect(ownWitness.noteHead(own.position, 'own-event')).toBe(true);
      expect(seenAtWrite).toEqual(['SQLITE_BUSY']);
      expect(readWitness(witnessPath)!.head).toBe(own.position.commit.toString());
      // The lock is given back once the witness is written: the other server's append commits, and its witness names it.
      expect(tryToCommit()).toBe('committed');
      const theirs = await other.appendToStream('unit-b', [event()], { expectedRevision: 'no_stream' });
      otherWitness.beforeWriteForTest = () => seenAtWrite.push(tryToCommit());
      expect(otherWitness.noteHead(theirs.position, 'their-event')).toBe(true);
      expect(seenAtWrite).toEqual(['SQLITE_BUSY', 'SQLITE_BUSY']);
      // This server's write of its own older head afterwards (its once-a-second durable write) names the other's newer one.
      ownWitness.write(own.position, 'own-event', durable);
      expect(readWitness(witnessPath)!.head).toBe(theirs.position.commit.toString());
      if (durable) expect(readWitness(join(keyFolder, 'own.witness.json'))!.head).toBe(theirs.position.commit.toString());
      expect(seenAtWrite).toEqual(['SQLITE_BUSY', 'SQLITE_BUSY', 'SQLITE_BUSY']);
    } finally {
      third.close();
      otherWitness.close();
      ownWitness.close();
      await other.close();
    }
  });

  // breaker43-9 K2: a tool run while the server runs records its writer id durably before its append; the server's next
  // in-place witness write (an answered request) wrote from memory and dropped it — the tool's rows then another copy's.
  it("keeps a tool's writer id recorded since in the server's in-place witness writes, and its own", async () => {
    const identity = await store.identify();
    const server = new WitnessKeeper(witnessPath, { storeId: identity.storeId, kind: 'sqlite', location: store.path }, (commit) => store.chainHashAt(commit), null, () => store.headEventNow());
    const tool = new WitnessKeeper(witnessPath, { storeId: identity.storeId, kind: 'sqlite', location: store.path }, (commit) => store.chainHashAt(commit), null, () => store.headEventNow());
    try {
      server.recordWriter('5e5e5e5e5e5e5e5e');
      server.write(null, null);
      const first = await store.appendToStream('unit-a', [event()], { expectedRevision: 'no_stream' });
      expect(server.noteHead(first.position, 'first')).toBe(true);
      tool.recordWriter('7070707070707070');
      tool.write(first.position, 'first');
      expect(readWitness(witnessPath)!.writers).toEqual(expect.arrayContaining(['5e5e5e5e5e5e5e5e', '7070707070707070']));
      // The server answers a request meanwhile: in place, not durably.
      const second = await store.appendToStream('unit-a', [event()], { expectedRevision: 'any' });
      expect(server.noteHead(second.position, 'second')).toBe(true);
      expect(readWitness(witnessPath)).toMatchObject({ head: second.position.commit.toString(), writers: expect.arrayContaining(['5e5e5e5e5e5e5e5e', '7070707070707070']) });
      // And its later in-place writes (the file as it left it: nothing read again) keep both.
      const third = await store.appendToStream('unit-a', [event()], { expectedRevision: 'any' });
      expect(server.noteHead(third.position, 'third')).toBe(true);
      expect(readWitness(witnessPath)!.writers).toEqual(expect.arrayContaining(['5e5e5e5e5e5e5e5e', '7070707070707070']));
    } finally {
      server.close();
      tool.close();
    }
  });

  // breaker9i P1 (serious): two servers on one file, a checkpoint taken on one while the other wrote put both into
  // LOG_SHORTENED ("restore from a backup") with the store whole: the checkpoint wrote the witness again at the head
  // last written — the other server's — as this server's own, and this server's own append still being answered,
  // below it, was then taken for the log going backwards. So did rows sealed and the signing key noted.
  it.each<[string, (keeper: WitnessKeeper) => void]>([
    ['a checkpoint taken', (keeper) => keeper.noteCheckpoint({ sequence: 1, treeSize: 1 })],
    ['the rows sealed', (keeper) => keeper.noteRowsSealed()],
    ['the signing key noted', (keeper) => keeper.keepSigningKey('0123456789abcdef')],
  ])('after %s, an own append below the head another server appended is still taken as this server’s own', async (_, rewrite) => {
    const other = new SqliteEventStore(store.path);
    const identity = await store.identify();
    const ownWitness = new WitnessKeeper(witnessPath, { storeId: identity.storeId, kind: 'sqlite', location: store.path }, (commit) => store.chainHashAt(commit), null, () => store.headEventNow());
    try {
      // Two appends of this server committed, the second still to be answered; then the other server's.
      const first = await store.appendToStream('unit-a', [event()], { expectedRevision: 'no_stream' });
      const second = await store.appendToStream('unit-a', [event()], { expectedRevision: 'any' });
      const theirs = await other.appendToStream('unit-b', [event()], { expectedRevision: 'no_stream' });
      expect(ownWitness.noteHead(first.position, 'first')).toBe(true);
      // The witness names the other server's newer head (read back after the write).
      expect(readWitness(witnessPath)!.head).toBe(theirs.position.commit.toString());
      rewrite(ownWitness);
      expect(readWitness(witnessPath)!.head).toBe(theirs.position.commit.toString());
      expect(ownWitness.noteHead(second.position, 'second')).toBe(true);
      expect(readWitness(witnessPath)!.head).toBe(theirs.position.commit.toString());
    } finally {
      ownWitness.close();
      await other.close();
    }
  });

  it('answers a write that fails on a full disk as STORE_UNAVAILABLE naming it, whatever the write', async () => {
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    const refusal = await health.guardWrite(() => Promise.reject(full)).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(StoreUnavailableError);
    expect((refusal as StoreUnavailableError).problem.cause).toBe('DISK_FULL');
    expect((refusal as StoreUnavailableError).messageZh).toContain('所在磁盘已满');
    // Not a failure of the store's state: passed on as it is.
    const other = new Error('a bug');
    await expect(health.guardWrite(() => Promise.reject(other))).rejects.toBe(other);
  });
});
