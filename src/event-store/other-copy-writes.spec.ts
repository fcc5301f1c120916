import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { findOtherCopyWrites, otherCopyRefusal, type WitnessAt } from './other-copy-writes.js';
import { copiesJudging, keptCopyFor, whereFolderCameFrom, writtenUnderAnotherName } from './key-folder-witness.js';
import { rowsByOtherWritersIn } from './sqlite-store-inspection.js';
import type { StoreWitness } from './store-witness.js';

/*
 * breaker41-9 P1: a training, staging or drill copy of the store taken back in production's place is told by the
 * copies' witnesses — the other copy's witness saw the log further, and the file holds the very event it saw there.
 */

const root = mkdtempSync(join(tmpdir(), 'rectify-other-copy-'));
/** A store file's place that exists (a copy's place whose file is gone is judged as an installation moved). */
const placeOf = (name: string) => {
  mkdirSync(join(root, name), { recursive: true });
  const path = join(root, name, 'rectify.db');
  writeFileSync(path, '');
  return path;
};
const production = placeOf('data');
const training = placeOf('train');
/** The chain hash of the event at each position of the file found: `h<n>` up to its head. */
const file = (head: number) => ({ storeId: 'store-1', head: BigInt(head), chainHashAt: (commit: bigint) => (commit <= BigInt(head) ? `h${commit}` : null) });
const witness = (copyName: string | null | undefined, location: string, head: number, path = `${location}.witness.json`): WitnessAt => ({
  path,
  witness: {
    storeId: 'store-1',
    kind: 'sqlite',
    location,
    head: String(head),
    headHash: `h${head}`,
    seenAt: '2026-12-01T08:00:00.000Z',
    ...(copyName !== undefined ? { copyName } : {}),
  } as StoreWitness,
});
const keyCopy = (copyName: string | null | undefined, location: string, head: number) => witness(copyName, location, head, join(root, 'keys', `${copyName}.witness.json`));
const 正式 = { copyName: '正式', place: production };

describe('Another copy\'s records in the store found at start', () => {
  it('(a) found: the training copy (培训) saw the log further, and the file holds the very event it saw there', () => {
    const found = findOtherCopyWrites(file(5), 正式, witness('正式', production, 3), [keyCopy('正式', production, 3), keyCopy('培训', training, 5)]);
    expect(found).toMatchObject({ how: 'wrote-past', own: { witness: { head: '3' } }, other: { witness: { copyName: '培训', head: '5' } } });
    const refusal = otherCopyRefusal(production, found!, 正式);
    expect(refusal.reason).toBe('STORE_FROM_OTHER_COPY');
    expect(refusal.messageZh).toContain('副本“培训”（STORE_COPY_NAME=培训）');
    expect(refusal.messageZh).toContain('本服务运行为副本“正式”（STORE_COPY_NAME=正式）');
    expect(refusal.messageZh).toContain('位置 4–5 的事件是该副本写入的');
    expect(refusal.messageZh).toContain('以 --accept-store-reset（或 ACCEPT_STORE_RESET=true）启动一次');
  });

  it('(b) found: the witness beside the store is the training copy\'s, production\'s own record kept beside the key', () => {
    expect(findOtherCopyWrites(file(5), 正式, witness('培训', training, 5, `${production}.witness.json`), [keyCopy('正式', production, 3)])).toMatchObject({ how: 'wrote-past' });
    // The training copy wrote nothing: its witness all the same (never rewritten as 正式 unaccepted).
    expect(findOtherCopyWrites(file(3), 正式, witness('培训', training, 3, `${production}.witness.json`), [keyCopy('正式', production, 3)])).toMatchObject({ how: 'other-copy-witness' });
  });

  it('unnamed copies are told apart by their place, as the ledger head statements tell them', () => {
    const unnamed = { copyName: null, place: production };
    expect(findOtherCopyWrites(file(5), unnamed, witness(null, production, 3), [keyCopy(null, training, 5)])).toMatchObject({ how: 'wrote-past' });
  });

  it('finds nothing where nothing shows it', () => {
    // A copy point: the training copy's first start on production's files (no record of its own yet).
    expect(findOtherCopyWrites(file(3), { copyName: '培训', place: training }, witness('正式', production, 3, `${training}.witness.json`), [keyCopy('正式', production, 3)])).toBeNull();
    // Production on its own file, the training copy ahead of it on another history (the file holds another event at 5).
    expect(findOtherCopyWrites({ ...file(6), chainHashAt: (commit) => `p${commit}` }, 正式, witness('正式', production, 6), [keyCopy('培训', training, 5)])).toBeNull();
    // The training copy further than the file reaches, or behind production.
    expect(findOtherCopyWrites(file(4), 正式, witness('正式', production, 3), [keyCopy('培训', training, 5)])).toBeNull();
    expect(findOtherCopyWrites(file(8), 正式, witness('正式', production, 8), [keyCopy('培训', training, 5)])).toBeNull();
    // Witnesses written before copy names were recorded, and another store's, judge nothing.
    expect(findOtherCopyWrites(file(5), 正式, witness('正式', production, 3), [keyCopy(undefined, training, 5)])).toBeNull();
    expect(findOtherCopyWrites({ ...file(5), storeId: 'store-2' }, 正式, witness('正式', production, 3), [keyCopy('培训', training, 5)])).toBeNull();
    // A store that keeps no chain (EventStoreDB).
    expect(findOtherCopyWrites({ storeId: 'store-1', head: 5n }, 正式, witness('正式', production, 3), [keyCopy('培训', training, 5)])).toBeNull();
    // Production named for the first time (its witnesses unnamed): no record of 正式 yet, nothing refused.
    expect(findOtherCopyWrites(file(3), 正式, witness(null, production, 3), [keyCopy(null, production, 3)])).toBeNull();
  });
});

/*
 * breaker42-9 F1, F5: the rows say which running copy wrote them (`EventMetadata.writerId`); a witness of this copy lists
 * the writers it ever recorded (`StoreWitness.writers`). Rows past this copy's own newest record by writers none of its
 * witnesses recorded are another copy's — whatever witness that copy left (none here: its keys folder was a copy on the
 * training machine, F1), and however soon after its writes it was stopped (its witness lagging, F5).
 */
describe('Another copy\'s rows told by their writer ids', () => {
  const listing = (at: WitnessAt, writers: readonly string[]): WitnessAt => ({ ...at, witness: { ...at.witness, writers } });
  const P1 = 'a1a1a1a1a1a1a1a1';
  const P2 = 'a2a2a2a2a2a2a2a2';
  const T1 = 'b1b1b1b1b1b1b1b1';
  const D1 = 'c1c1c1c1c1c1c1c1';
  /** The file found, with rows by writer: `writers[n]` wrote position n + 1. */
  const rowsFile = (writers: readonly (string | null)[]) => ({
    ...file(writers.length),
    rowsByOtherWriters: (after: bigint, known: readonly string[], unstampedUnknown = false) => {
      const rows = writers
        .map((writerId, index) => ({ writerId, position: BigInt(index + 1) }))
        .filter(({ writerId, position }) => position > after && (writerId === null ? unstampedUnknown : !known.includes(writerId)));
      if (rows.length === 0) return null;
      const ids = [...new Set(rows.map(({ writerId }) => writerId))];
      const of = ids.map((writerId) => {
        const own = rows.filter((row) => row.writerId === writerId);
        return { writerId, first: own[0]!.position, last: own.at(-1)!.position, count: own.length };
      });
      return { first: rows[0]!.position, last: rows.at(-1)!.position, count: rows.length, writers: of };
    },
  });

  it('F1: a training copy run with a copy of the keys folder — no witness of it here — taken back: its rows 4–7 are refused as another copy\'s', () => {
    const found = findOtherCopyWrites(rowsFile([P1, P1, P1, T1, T1, T1, T1]), 正式, listing(witness('正式', production, 3), [P1, P2]), [listing(keyCopy('正式', production, 3), [P1, P2])]);
    expect(found).toMatchObject({ how: 'unknown-writers', rows: { first: 4n, last: 7n, count: 4 }, other: null });
    const refusal = otherCopyRefusal(production, found!, 正式);
    expect(refusal.reason).toBe('STORE_FROM_OTHER_COPY');
    expect(refusal.messageZh).toContain('另一个副本写入的 4 条记录，位置 4–7');
    expect(refusal.message).toContain(`writer ${T1}`);
    expect(refusal.messageZh).toContain('以 --accept-store-reset（或 ACCEPT_STORE_RESET=true）启动一次');
  });

  it('F5: the training copy\'s key-side witness lagging at the copy point (killed within the second): its row 4 is told all the same, and named by its witness', () => {
    const training培训 = listing(keyCopy('培训', training, 3), [P1, T1]);
    const found = findOtherCopyWrites(rowsFile([P1, P1, P1, T1]), 正式, listing(witness('正式', production, 3), [P1]), [listing(keyCopy('正式', production, 3), [P1]), training培训]);
    expect(found).toMatchObject({ how: 'unknown-writers', rows: { first: 4n, last: 4n, count: 1 }, other: { witness: { copyName: '培训' } } });
    expect(otherCopyRefusal(production, found!, 正式).messageZh).toContain('由副本“培训”（STORE_COPY_NAME=培训）的写入进程');
  });

  it('F2: a training copy named 正式 too, at another place, is told by its writer (names no longer matter)', () => {
    const alsoNamed正式 = listing(keyCopy('正式', training, 5), [P1, T1]);
    expect(findOtherCopyWrites(rowsFile([P1, P1, P1, T1, T1]), 正式, listing(witness('正式', production, 3), [P1]), [listing(keyCopy('正式', production, 3), [P1]), alsoNamed正式])).toMatchObject({
      how: 'unknown-writers',
      rows: { first: 4n, last: 5n },
    });
  });

  /*
   * note44 issue 9 Left (breaker42-9 F2, script 02 with `cp $T/rectify.db.witness.json $P/data/`): the copy named 正式 at
   * another place taken back with its data folder's witness too — that witness, under this copy's name, listed the
   * training writers, and the rows passed as this copy's (ready, 台账完好). It names, by an absolute path, a place whose file
   * is still there: that place's witness, not this one's; the record beside the key for this place tells.
   */
  it('F2 with its data-folder witness copied back too: its rows are still another copy\'s, named by that witness and its place', () => {
    const copiedBack = listing(witness('正式', training, 5, `${production}.witness.json`), [P1, T1]);
    const trainingKeyCopy = listing(witness('正式', training, 5, join(root, 'keys', 'train-正式.witness.json')), [P1, T1]);
    const found = findOtherCopyWrites(rowsFile([P1, P1, P1, T1, T1]), 正式, copiedBack, [listing(keyCopy('正式', production, 3), [P1]), trainingKeyCopy]);
    expect(found).toMatchObject({ how: 'unknown-writers', rows: { first: 4n, last: 5n, count: 2 }, other: { witness: { location: training } } });
    const refusal = otherCopyRefusal(production, found!, 正式);
    expect(refusal.reason).toBe('STORE_FROM_OTHER_COPY');
    expect(refusal.messageZh).toContain(`见于 ${training}，记有该写入进程`);
    // Without the training copy's witness beside the key: told all the same, by the one copied back.
    expect(findOtherCopyWrites(rowsFile([P1, P1, P1, T1, T1]), 正式, copiedBack, [listing(keyCopy('正式', production, 3), [P1])])).toMatchObject({ how: 'unknown-writers', rows: { first: 4n } });
    // This copy's own witness naming a place whose file is gone (the installation moved) or a relative path (a tool run
    // from another folder) still vouches for its writers.
    const moved = listing(witness('正式', join(root, 'gone', 'rectify.db'), 5, `${production}.witness.json`), [P1, T1]);
    expect(findOtherCopyWrites(rowsFile([P1, P1, P1, T1, T1]), 正式, moved, [listing(keyCopy('正式', production, 3), [P1])])).toBeNull();
    const relative = listing(witness('正式', 'data/rectify.db', 5, `${production}.witness.json`), [P1, T1]);
    expect(findOtherCopyWrites(rowsFile([P1, P1, P1, T1, T1]), 正式, relative, [listing(keyCopy('正式', production, 3), [P1])])).toBeNull();
  });

  /*
   * breaker46-9 S1: a drill copied from production's folder (its witness listing production's writers, then its own) run under
   * 正式 at a place since deleted, its file copied over production's. Its witness copy beside the key (a place whose file is
   * gone, this copy's name) was taken for production moved there — this copy's own record — so its rows passed as this copy's.
   * The witness beside the store names this place: a place whose file is gone is not where this folder came from.
   */
  it('S1: a drill under this copy\'s name at a place since deleted — its rows are another copy\'s while the witness beside the store names this place', () => {
    const gone = join(root, 'deleted-drill', 'rectify.db');
    const drillKeyCopy = listing(witness('正式', gone, 5, join(root, 'keys', 'drill-正式.witness.json')), [P1, D1]);
    const own = listing(witness('正式', production, 3), [P1]);
    const found = findOtherCopyWrites(rowsFile([P1, P1, P1, D1, D1]), 正式, own, [listing(keyCopy('正式', production, 3), [P1]), drillKeyCopy]);
    expect(found).toMatchObject({ how: 'unknown-writers', own: { witness: { location: production } }, rows: { first: 4n, last: 5n }, other: { witness: { location: gone } } });
    expect(otherCopyRefusal(production, found!, 正式).messageZh).toContain(`见于 ${gone}`);
    // Production wrote on after the copy (its record at 4 is P2's): the drill's rows from 4 on are still another copy's.
    const wroteOn = listing(witness('正式', production, 4), [P1, P2]);
    expect(findOtherCopyWrites(rowsFile([P1, P1, P1, D1, D1]), 正式, wroteOn, [listing(keyCopy('正式', production, 4), [P1, P2]), drillKeyCopy])).toMatchObject({ how: 'unknown-writers' });
  });

  /*
   * breaker46-9 S2: the unnamed copy's folder moved to a new place, written there, and moved back: its witness came back with
   * it naming the new place (whose file is gone), and the new place's writer was taken for another copy's. A place the
   * folder came from is this copy's, named or not; without that witness (only this place's record), it is not.
   */
  it('S2: an unnamed copy\'s folder moved away and back — the rows written at the place it came back from are its own', () => {
    const unnamed = { copyName: null, place: production };
    const newDisk = join(root, 'moved-away', 'rectify.db');
    const cameBack = listing(witness(null, newDisk, 4, `${production}.witness.json`), [P1, P2]);
    const newDiskKeyCopy = listing(witness(null, newDisk, 4, join(root, 'keys', 'newdisk.witness.json')), [P1, P2]);
    expect(findOtherCopyWrites(rowsFile([P1, P1, P1, P2]), unnamed, cameBack, [listing(keyCopy(null, production, 3), [P1]), newDiskKeyCopy])).toBeNull();
    // The same rows with this place's own witness beside the store (only the file came back): another copy's.
    expect(findOtherCopyWrites(rowsFile([P1, P1, P1, P2]), unnamed, listing(witness(null, production, 3), [P1]), [listing(keyCopy(null, production, 3), [P1]), newDiskKeyCopy])).toMatchObject({
      how: 'unknown-writers',
      rows: { first: 4n },
    });
  });

  it('F8: a copy of a copy — each writer\'s rows named with the copy that wrote them', () => {
    const 培训 = listing(keyCopy('培训', training, 4), [P1, T1]);
    const 演练 = listing(witness('演练', placeOf('drill'), 5, join(root, 'keys', '演练.witness.json')), [P1, T1, D1]);
    const found = findOtherCopyWrites(rowsFile([P1, P1, P1, T1, D1]), 正式, listing(witness('正式', production, 3), [P1]), [培训, 演练]);
    expect(found).toMatchObject({ how: 'unknown-writers', copies: [{ rows: { first: 4n }, other: { witness: { copyName: '培训' } } }, { rows: { first: 5n }, other: { witness: { copyName: '演练' } } }] });
    const words = otherCopyRefusal(production, found!, 正式).messageZh;
    expect(words).toContain('位置 4（1 条事件）由副本“培训”');
    expect(words).toContain('位置 5（1 条事件）由副本“演练”');
  });

  it('K3: one other copy\'s server and tool are said as one copy, one span — not as two copies in identical sentences', () => {
    const T2 = 'b2b2b2b2b2b2b2b2';
    const 培训 = listing(keyCopy('培训', training, 3), [P1, T1, T2]);
    const found = findOtherCopyWrites(rowsFile([P1, P1, P1, T1, T2, T1]), 正式, listing(witness('正式', production, 3), [P1]), [培训]);
    expect(found).toMatchObject({ how: 'unknown-writers', rows: { first: 4n, last: 6n, count: 3 } });
    const refusal = otherCopyRefusal(production, found!, 正式);
    expect(refusal.messageZh).toContain('位置 4–6（3 条事件）由副本“培训”（STORE_COPY_NAME=培训）的 2 个写入进程写入（其服务与命令行工具）');
    expect(refusal.messageZh.split('由副本“培训”').length).toBe(2);
    expect(refusal.message).toContain(`by 2 writers (${T1}, ${T2}: its server and tools) of the copy named 培训`);
    // Its tool's writer listed only by its data folder's witness, its server's by its copy beside the key: still one copy.
    const dataFolder培训 = listing(witness('培训', training, 3, join(root, 'train', 'rectify.db.witness.json')), [P1, T2]);
    const split = findOtherCopyWrites(rowsFile([P1, P1, P1, T1, T2]), 正式, listing(witness('正式', production, 3), [P1]), [listing(keyCopy('培训', training, 3), [P1, T1]), dataFolder培训]);
    expect(otherCopyRefusal(production, split!, 正式).messageZh.split('由副本“培训”').length).toBe(2);
  });

  it('finds nothing in this copy\'s own rows, old rows, rows it saw, nor where no witness of it lists writers', () => {
    // This copy's own rows past its record (a crash before the witness caught up): its writers are listed.
    expect(findOtherCopyWrites(rowsFile([P1, P1, P1, P2, P2]), 正式, listing(witness('正式', production, 3), [P1, P2]), [])).toBeNull();
    // Rows written before writer ids were kept carry none: up to this copy's own record they are the log it saw.
    expect(findOtherCopyWrites(rowsFile([null, null, null, P1]), 正式, listing(witness('正式', production, 3), [P1]), [])).toBeNull();
    // Rows up to this copy's own record are the log it saw — a copy point's rows by the copy it was made from included.
    expect(findOtherCopyWrites(rowsFile([P1, P1, P1, T1]), { copyName: '培训', place: training }, listing(witness('培训', training, 4, `${training}.witness.json`), [T1]), [])).toBeNull();
    // A witness of an older version (no writers listed): nothing judged by the rows (an upgrade is never refused).
    expect(findOtherCopyWrites(rowsFile([P1, P1, P1, T1]), 正式, witness('正式', production, 3), [])).toBeNull();
    // The other copy's first start on this copy's files (no record of its own yet).
    expect(findOtherCopyWrites(rowsFile([P1, P1, P1]), { copyName: '培训', place: training }, listing(witness('正式', production, 3, `${training}.witness.json`), [P1]), [])).toBeNull();
  });

  it('K1: a training copy run on the previous release (no writer ids) taken back — its rows past a record listing writers are another copy\'s, with the rollback way', () => {
    const found = findOtherCopyWrites(rowsFile([P1, P1, P1, null, null]), 正式, listing(witness('正式', production, 3), [P1]), [listing(keyCopy('正式', production, 3), [P1])]);
    expect(found).toMatchObject({ how: 'unknown-writers', rows: { first: 4n, last: 5n, count: 2, writers: [{ writerId: null }] }, other: null });
    const refusal = otherCopyRefusal(production, found!, 正式);
    expect(refusal.reason).toBe('STORE_FROM_OTHER_COPY');
    expect(refusal.messageZh).toContain('位置 4–5（2 条事件）没有写入进程标记——由不记录写入进程的旧版 Rectify（上一版本或更早）写入');
    expect(refusal.messageZh).not.toContain('：每条记录都记有写入它的进程，而本副本的见证文件从未记有这些写入进程');
    expect(refusal.messageZh).toContain('若这些记录是本副本自己回退到上一版本运行时写入的（有意回退），请在本版本上以 --accept-store-reset');
    // Mixed with a writer of another copy: each named, the rollback way still said.
    const mixed = findOtherCopyWrites(rowsFile([P1, P1, P1, T1, null]), 正式, listing(witness('正式', production, 3), [P1]), []);
    expect(mixed).toMatchObject({ rows: { count: 2, writers: [{ writerId: T1 }, { writerId: null }] } });
    expect(otherCopyRefusal(production, mixed!, 正式).message).toContain('start this release once with --accept-store-reset');
    // Only rows a release with writer ids wrote: no rollback way offered.
    const stamped = findOtherCopyWrites(rowsFile([P1, P1, P1, T1]), 正式, listing(witness('正式', production, 3), [P1]), []);
    expect(otherCopyRefusal(production, stamped!, 正式).messageZh).not.toContain('有意回退');
  });

  it('K1: the SQLite read counts rows without a writer id (and unreadable metadata) as unknown only when asked', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, metadata TEXT NOT NULL)');
    const insert = db.prepare<[string]>('INSERT INTO events (metadata) VALUES (?)');
    for (const metadata of [{ writerId: P1 }, {}, { writerId: P1 }, {}, { writerId: T1 }]) insert.run(JSON.stringify(metadata));
    insert.run('not json');
    expect(rowsByOtherWritersIn(db, 0n, [P1])).toEqual({ first: 5n, last: 5n, count: 1, writers: [{ writerId: T1, first: 5n, last: 5n, count: 1 }] });
    expect(rowsByOtherWritersIn(db, 2n, [P1], true)).toEqual({
      first: 4n,
      last: 6n,
      count: 3,
      writers: [
        { writerId: null, first: 4n, last: 6n, count: 2 },
        { writerId: T1, first: 5n, last: 5n, count: 1 },
      ],
    });
    expect(rowsByOtherWritersIn(db, 6n, [P1], true)).toBeNull();
    db.close();
  });

  it('K1: an upgrade from a release without writer ids starts — its rows past its record are never judged, nor those up to this copy\'s record', () => {
    // The old release's witness lists no writers: nothing is judged by the rows, unstamped rows past it included (a crash's last second).
    expect(findOtherCopyWrites(rowsFile([null, null, null, null, null]), 正式, witness('正式', production, 3), [keyCopy('正式', production, 3)])).toBeNull();
    // The first start of this release wrote its record (head 5, its writer listed): the old rows up to it stay unjudged.
    expect(findOtherCopyWrites(rowsFile([null, null, null, null, null, P2]), 正式, listing(witness('正式', production, 5), [P2]), [])).toBeNull();
  });

  it('F4: the training file put back after production wrote on (another event at production\'s head): told as 培训\'s rows, not as history rewritten', () => {
    const trainingFile = { ...rowsFile([P1, P1, P1, T1, T1]), chainHashAt: (commit: bigint) => (commit <= 3n ? `h${commit}` : commit <= 5n ? `t${commit}` : null) };
    const 培训 = { ...listing(keyCopy('培训', training, 4), [P1, T1]), witness: { ...listing(keyCopy('培训', training, 4), [P1, T1]).witness, headHash: 't4' } };
    const found = findOtherCopyWrites(trainingFile, 正式, listing(witness('正式', production, 5), [P1, P2]), [培训]);
    expect(found).toMatchObject({ how: 'unknown-writers', rows: { first: 4n, last: 5n }, other: { witness: { copyName: '培训' } } });
    // Production's own older backup written on since (its own later writer): left to STORE_REWRITTEN, no other copy named.
    const ownOlder = { ...rowsFile([P1, P1, P1, P2, P2]), chainHashAt: (commit: bigint) => (commit <= 3n ? `h${commit}` : commit <= 5n ? `x${commit}` : null) };
    expect(findOtherCopyWrites(ownOlder, 正式, listing(witness('正式', production, 5), [P1, P2]), [培训])).toBeNull();
    // Rows by a writer no witness at hand lists, in a file that is not this copy's history: told as another copy's all the
    // same, that copy unnamed (newcomer45-9 S1: judged alone it was "events missing", and the offered reset took them silently).
    expect(findOtherCopyWrites(trainingFile, 正式, listing(witness('正式', production, 5), [P1, P2]), [])).toMatchObject({
      how: 'unknown-writers',
      other: null,
      rows: { first: 4n, last: 5n, writers: [{ writerId: 'b1b1b1b1b1b1b1b1' }] },
    });
  });

  // newcomer46-9 S2: the drill wrote 4–6 from a backup at 3 while production wrote its own 4–5; the drill's file copied back
  // was said to hold 「1 条记录，位置 6」 and production's own record to reach 5 — inviting an accept that loses 4–5.
  it('S2: a drill longer than production\'s own record, diverged after the backup: all its rows counted, and production\'s own missing records named', () => {
    const drillFile = { ...rowsFile([P1, P1, P1, D1, D1, D1]), chainHashAt: (commit: bigint) => (commit <= 3n ? `h${commit}` : commit <= 6n ? `d${commit}` : null) };
    const 演练 = { ...listing(keyCopy('演练', training, 6), [P1, D1]), witness: { ...listing(keyCopy('演练', training, 6), [P1, D1]).witness, headHash: 'd6' } };
    const found = findOtherCopyWrites(drillFile, 正式, listing(witness('正式', production, 5), [P1]), [listing(keyCopy('正式', production, 5), [P1]), 演练]);
    expect(found).toMatchObject({ how: 'unknown-writers', rows: { first: 4n, last: 6n, count: 3 }, other: { witness: { copyName: '演练' } } });
    const refusal = otherCopyRefusal(production, found!, 正式);
    expect(refusal.messageZh).toContain('另一个副本写入的 3 条记录，位置 4–6');
    expect(refusal.messageZh).toContain('本副本自己已确认的位置 4–5 的 2 条记录不在此文件中');
    expect(refusal.messageZh).toContain('若以 --accept-store-reset 接受此文件，这 2 条记录将丢失');
    // Rows only past production's record (it wrote nothing since the copy point): nothing of its own is said missing.
    const past = findOtherCopyWrites(rowsFile([P1, P1, P1, D1, D1]), 正式, listing(witness('正式', production, 3), [P1]), [listing(keyCopy('正式', production, 3), [P1])]);
    expect(otherCopyRefusal(production, past!, 正式).messageZh).not.toContain('不在此文件中');
  });

  // breaker49-9 S5: an older release rewrote the witnesses without `writers`; the current one then listed only its newest
  // process, and this copy's own newest store:backup (rows 1–3 by P1, its witness at 3 beside it) was told as another copy's.
  it('S5: rows up to a head this copy\'s own witness saw, and the file holds, are never another copy\'s — its own backup is only shorter', () => {
    const backupFile = rowsFile([P1, P1, P1]);
    const backupWitness = listing(witness('正式', production, 3), [P2]);
    expect(findOtherCopyWrites(backupFile, 正式, backupWitness, [listing(keyCopy('正式', production, 5), [P2])])).toBeNull();
    // Without a witness of its own that saw a head the file holds, the rows are judged as before.
    expect(findOtherCopyWrites(backupFile, 正式, null, [listing(keyCopy('正式', production, 5), [P2])])).toMatchObject({ how: 'unknown-writers', rows: { first: 1n, last: 3n } });
  });

  it('F3: only the witness beside the store is the other copy\'s, the file agrees with this copy\'s record beside the key — told so, and not sent to a backup', () => {
    const found = findOtherCopyWrites(rowsFile([P1, P1, P1, P1, P1]), 正式, listing(witness('培训', training, 5, `${production}.witness.json`), [P1, T1]), [listing(keyCopy('正式', production, 5), [P1])]);
    expect(found).toMatchObject({ how: 'other-copy-witness', fileIsOwn: true });
    const refusal = otherCopyRefusal(production, found!, 正式);
    expect(refusal.messageZh).toContain('只是见证文件从另一副本的数据文件夹被放到了这里——本副本的记录没有丢失');
    expect(refusal.messageZh).toContain(`请勿从备份恢复任何内容：把 ${production}.witness.json 移开`);
    expect(refusal.messageZh).not.toContain('从备份恢复事件库');
  });
});

/*
 * breaker46-9 S1: the copies beside the key that judge a start (`copiesJudging`): one of a place whose file is gone, under
 * this copy's name, stands for this installation moved only when the witness beside the store does not name this place.
 */
describe('Which witnesses of places whose file is gone judge a start', () => {
  const gone = join(root, 'gone-drill', 'rectify.db');
  const here = keyCopy('正式', production, 3);
  const goneCopy = keyCopy('正式', gone, 5);

  it('the witness beside the store names this place: only this place\'s copy judges; it names a place whose file is gone: that place\'s copy too', () => {
    expect(whereFolderCameFrom(witness('正式', production, 3).witness, 'store-1', production)).toBe('here');
    expect(copiesJudging([here, goneCopy], 'store-1', production, undefined, '正式', witness('正式', production, 3).witness)).toEqual([here]);
    expect(keptCopyFor([here, goneCopy], 'store-1', production, undefined, '正式', witness('正式', production, 3).witness)).toBe(here);
    const cameBack = witness('正式', gone, 5, `${production}.witness.json`).witness;
    expect(whereFolderCameFrom(cameBack, 'store-1', production)).toBe('moved');
    expect(copiesJudging([here, goneCopy], 'store-1', production, undefined, '正式', cameBack)).toEqual([here, goneCopy]);
    // No witness beside the store (judged as before), or another copy's folder whose place is still there.
    expect(whereFolderCameFrom(null, 'store-1', production)).toBe('unknown');
    expect(whereFolderCameFrom(witness('培训', training, 5).witness, 'store-1', production)).toBe('unknown');
    expect(copiesJudging([here, goneCopy], 'store-1', production, undefined, '正式', null)).toEqual([here, goneCopy]);
  });

  it('breaker49-9 S3: a copy beside the key written at this very place under another name (a drill as 演练) judges nothing; renamed, or unnamed, it still does', () => {
    const drillHere = keyCopy('演练', production, 9);
    const besideProduction = witness('正式', production, 5).witness;
    expect(copiesJudging([drillHere], 'store-1', production, undefined, '正式', besideProduction)).toEqual([]);
    expect(keptCopyFor([drillHere], 'store-1', production, undefined, '正式', besideProduction)).toBeUndefined();
    // An unnamed production (its name unset) is not the drill either.
    expect(copiesJudging([drillHere], 'store-1', production, undefined, undefined, witness(null, production, 5).witness)).toEqual([]);
    // Production renamed 正式 → 生产: its witness beside the store still carries 正式, and its copy beside the key judges.
    const ownHere = keyCopy('正式', production, 9);
    expect(copiesJudging([ownHere], 'store-1', production, undefined, '生产', besideProduction)).toEqual([ownHere]);
    // The drill's own start on production's backup (its witness 正式) is judged by production's record, as before.
    expect(copiesJudging([ownHere], 'store-1', production, undefined, '演练', besideProduction)).toEqual([ownHere]);
    // Copies without a name (unnamed, or older) judge every start, as before.
    expect(writtenUnderAnotherName(keyCopy(null, production, 9).witness, '正式', besideProduction)).toBe(false);
    expect(writtenUnderAnotherName(keyCopy(undefined, production, 9).witness, '正式', null)).toBe(false);
  });
});
