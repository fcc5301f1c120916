import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findOtherCopyWrites, otherCopyRefusal, type WitnessAt } from './other-copy-writes.js';
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
