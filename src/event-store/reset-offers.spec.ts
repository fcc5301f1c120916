import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { judgeCopyMissing, judgeNewStore, judgeWitnessGone, readKeyFolderWitnesses } from './key-folder-witness.js';
import { otherCopyRefusal, type OtherCopyWrites } from './other-copy-writes.js';
import { resetOffers } from './reset-offers.js';
import { judgeFirstSealing, judgeRotationSealing, judgeUnsignedWitness } from './row-seal-judgement.js';
import { judgeCheckpoints, judgeCutAtEnd, judgeHoles } from './store-admission.js';
import { storeResetLeftSet } from './store-reset-setting.js';
import { judgeStore, judgeUnwitnessed, readWitness, StoreRefusedError, type ObservedStore, type StoreWitness } from './store-witness.js';

/*
 * s9 point 3 (newcomer45-9 M5's kind): every start refusal that offers --accept-store-reset names the offer in
 * `resetOffers` (one place, reset-offers.ts), so that a start with the setting already used says what it found without
 * telling the operator to set what is set. Each reason that offers it is built here; a refusal whose offer is in its text
 * but not in `resetOffers` — or one missing from this list — fails.
 */

const FLAG = '--accept-store-reset (or ACCEPT_STORE_RESET=true)';
const FLAG_ZH = '--accept-store-reset（或 ACCEPT_STORE_RESET=true）';

const sqliteWitness: StoreWitness = {
  storeId: 'store-1',
  kind: 'sqlite',
  location: '/srv/prod/data/rectify.db',
  head: '120',
  headHash: 'ab'.repeat(32),
  seenAt: '2026-11-29T08:00:00.000Z',
  copyName: '正式',
};
const observed = (overrides: Partial<ObservedStore> = {}): ObservedStore => ({
  existed: true,
  identity: { storeId: 'store-1', createdAt: '2026-01-01T00:00:00.000Z' },
  head: 150n,
  hashAtWitnessedHead: 'ab'.repeat(32),
  ...overrides,
});

/** Each refusal that offers a reset, by what it is. */
function refusals(): Record<string, StoreRefusedError> {
  const folder = mkdtempSync(join(tmpdir(), 'rectify-reset-offers-'));
  try {
    const damagedWitness = join(folder, 'damaged.witness.json');
    writeFileSync(damagedWitness, '{"storeId": ');
    const copies = join(folder, 'store-witnesses');
    mkdirSync(copies);
    writeFileSync(join(copies, 'store-1.witness.json'), JSON.stringify(sqliteWitness));
    const caught = (run: () => unknown): StoreRefusedError => {
      try {
        run();
      } catch (error) {
        return error as StoreRefusedError;
      }
      throw new Error('not refused');
    };
    const unknownWriters = (unstamped: boolean, folderPutHere: boolean): OtherCopyWrites => {
      const rows = { writerId: unstamped ? null : '0123456789abcdef', first: 121n, last: 123n, count: 3 };
      return {
        how: 'unknown-writers',
        own: { witness: sqliteWitness, path: '/srv/keys/store-witnesses/store-1.x.witness.json' },
        rows: { first: 121n, last: 123n, count: 3, writers: [rows] },
        copies: [{ rows, other: null }],
        other: null,
        ...(folderPutHere ? { folderPutHere: { witness: { ...sqliteWitness, location: '/srv/drill/rectify.db', otherFilesSeen: ['/srv/prod/data/rectify.db'] }, path: '/srv/prod/data/rectify.db.witness.json' } } : {}),
      };
    };
    const copy = { copyName: '正式', place: '/srv/prod/data/rectify.db' };
    const newest = [{ position: 150n, type: 'EvaluationRegistered' }];
    return {
      STORE_MISSING: judgeStore(sqliteWitness, observed({ existed: false, head: null }))!,
      STORE_EMPTY: judgeStore(sqliteWitness, observed({ head: null }))!,
      STORE_REPLACED: judgeStore(sqliteWitness, observed({ identity: { storeId: 'store-2', createdAt: '2026-01-01T00:00:00.000Z' }, hashAtWitnessedHead: 'cd'.repeat(32) }))!,
      STORE_SHORTER: judgeStore(sqliteWitness, observed({ head: 100n }))!,
      'STORE_SHORTER (a damaged -wal)': judgeStore(sqliteWitness, observed({ head: 100n, walBreak: { brokenFrame: 4, frames: 9, readFrames: 3, unreadFrames: 6, unreadCommits: 2 } }))!,
      STORE_REWRITTEN: judgeStore(sqliteWitness, observed({ hashAtWitnessedHead: 'cd'.repeat(32) }))!,
      STORE_UNWITNESSED: judgeUnwitnessed(null, { location: '/srv/prod/data/rectify.db', witnessPath: '/srv/prod/data/rectify.db.witness.json' }, 42n)!,
      'STORE_WITNESS_DAMAGED (unreadable)': caught(() => readWitness(damagedWitness)),
      'STORE_WITNESS_DAMAGED (copy beside the key unsigned)': caught(() => readKeyFolderWitnesses(copies)),
      'STORE_WITNESS_DAMAGED (witness unsigned, rows sealed)': judgeUnsignedWitness(sqliteWitness, { location: '/srv/prod/data/rectify.db', anyRowSealed: true, witnessPath: '/srv/prod/data/rectify.db.witness.json' })!,
      STORE_WITNESS_COPY_MISSING: judgeCopyMissing({ ...sqliteWitness, keyCopy: '/srv/prod/data/rectify.db' }, 'store-1', [], copies, '/srv/prod/data/rectify.db.witness.json', '/srv/prod/data/rectify.db')!,
      STORE_WITNESS_MISSING: judgeWitnessGone(null, [{ path: '/srv/keys/store-witnesses/store-1.x.witness.json', witness: sqliteWitness }], {
        storeId: 'store-1',
        location: '/srv/prod/data/rectify.db',
        place: '/srv/prod/data/rectify.db',
        head: 118n,
        witnessPath: '/srv/prod/data/rectify.db.witness.json',
        copyName: '正式',
      })!,
      STORE_NOT_FOUND: judgeNewStore(join(folder, 'rectfy.db'), [{ path: 'x', witness: { ...sqliteWitness, location: join(folder, 'rectify.db') } }], '/srv/keys/ledger-signing-key.pem')!,
      STORE_FROM_OTHER_COPY: otherCopyRefusal('/srv/prod/data/rectify.db', unknownWriters(false, false), copy),
      'STORE_FROM_OTHER_COPY (rows without a writer id)': otherCopyRefusal('/srv/prod/data/rectify.db', unknownWriters(true, false), copy),
      'STORE_FROM_OTHER_COPY (the other copy\'s whole folder)': otherCopyRefusal('/srv/prod/data/rectify.db', unknownWriters(false, true), copy),
      LOG_UNSEALED: judgeFirstSealing(null, { location: '/srv/prod/data/rectify.db', head: 150n, anyRowSealed: false, newest })!,
      ROWS_AFTER_KEY_ROTATION: judgeRotationSealing({ fingerprint: '0123456789abcdef', source: 'witness' }, 'fedcba9876543210', ['0123456789abcdef'], null, { location: '/srv/prod/data/rectify.db', head: 150n, newest })!,
      LOG_HOLE: judgeHoles('/srv/prod/data/rectify.db', { missing: 2, ranges: [{ first: 40, last: 41 }] } as Parameters<typeof judgeHoles>[1])!,
      'STORE_SHORTER (cut at its end)': judgeCutAtEnd('/srv/prod/data/rectify.db', 150n, 160)!,
      CHECKPOINTS_MISSING: judgeCheckpoints('/srv/prod/data/rectify.db', { ...sqliteWitness, checkpoint: { sequence: 3, treeSize: 120 } }, { sequence: 2 })!,
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

describe('Every start refusal that offers --accept-store-reset names its offer (resetOffers, s9 point 3)', () => {
  const built = refusals();

  it.each(Object.entries(built))('%s: the offer is in both texts, is one of resetOffers, and a start with the setting left set drops it', (_name, refusal) => {
    expect(refusal.resetOffers.length).toBeGreaterThan(0);
    for (const offer of refusal.resetOffers) {
      expect(refusal.message).toContain(offer.en);
      expect(refusal.messageZh).toContain(offer.zh);
      expect(offer.en).toContain(FLAG);
      expect(offer.zh).toContain(FLAG_ZH);
    }
    const leftSet = storeResetLeftSet(refusal, '2026-12-06T04:12:37.000Z');
    expect(leftSet.reason).toBe('ACCEPT_STORE_RESET_LEFT_SET');
    expect(leftSet.message).not.toContain(FLAG);
    expect(leftSet.messageZh).not.toContain(FLAG_ZH);
  });

  it('a refusal whose text offers the setting without naming the offer is caught', () => {
    const unnamed = new StoreRefusedError('STORE_SHORTER', { en: `Shorter. ${resetOffers.startAsIs.en}`, zh: `更短。${resetOffers.startAsIs.zh}` });
    expect(storeResetLeftSet(unnamed, '2026-12-06T04:12:37.000Z').message).toContain(FLAG);
  });
});
