import { judgeSharedWitness } from './shared-witness.js';
import type { StoreWitness } from './store-witness.js';

/* breaker49-9 S7: STORE_WITNESS_PATH (from .env) naming another live SQLite file's witness — a drill given production's. */

const production = '/srv/prod/data/rectify.db';
const drill = '/tmp/drill/rectify.db';
const shared = '/var/lib/rectify/witness.json';
const witness = (overrides: Partial<StoreWitness> = {}): StoreWitness => ({ storeId: 'store-1', kind: 'sqlite', location: production, head: '239', seenAt: '2026-12-06T18:00:00.000Z', copyName: '正式', ...overrides });
const there = (...paths: string[]) => (path: string) => paths.includes(path);

describe('A witness of another store file at STORE_WITNESS_PATH (breaker49-9 S7)', () => {
  it('refuses a drill given production\'s witness, naming both files and the drill\'s own witness, and never offering the reset', () => {
    const refusal = judgeSharedWitness(witness(), { sqlitePath: drill, witnessPath: shared, copyName: '演练' }, there(production))!;
    expect(refusal.reason).toBe('STORE_WITNESS_OF_OTHER_FILE');
    expect(refusal.messageZh).toContain(`事件库见证文件 STORE_WITNESS_PATH=${shared} 记录的是另一个事件库文件 ${production}（副本“正式”）——该文件仍在——而不是 SQLITE_PATH=${drill}（STORE_COPY_NAME=演练）`);
    expect(refusal.messageZh).toContain(`STORE_WITNESS_PATH=${drill}.witness.json`);
    expect(refusal.messageZh).toContain('请勿以 --accept-store-reset 启动');
    expect(refusal.resetOffers).toEqual([]);
    expect(refusal.message).toContain(`is the record of another event store file, ${production} (copy name 正式), which is still there`);
  });

  it('names the witness a store:backup copied beside the drill\'s file, when it is there', () => {
    const refusal = judgeSharedWitness(witness(), { sqlitePath: drill, witnessPath: shared, copyName: '演练' }, there(production, '/tmp/drill/witness.json'))!;
    expect(refusal.messageZh).toContain('STORE_WITNESS_PATH=/tmp/drill/witness.json（store:backup 复制到该文件旁的见证文件');
  });

  it('does not judge a witness of this file, of a file no longer there (a store moved), or one in the file\'s own folder (a backup\'s folder copied whole)', () => {
    expect(judgeSharedWitness(witness(), { sqlitePath: production, witnessPath: shared, copyName: '正式' }, there(production))).toBeNull();
    expect(judgeSharedWitness(witness(), { sqlitePath: drill, witnessPath: shared, copyName: '演练' }, there())).toBeNull();
    expect(judgeSharedWitness(witness(), { sqlitePath: drill, witnessPath: `${drill}.witness.json`, copyName: '演练' }, there(production))).toBeNull();
    expect(judgeSharedWitness(witness(), { sqlitePath: drill, witnessPath: '/tmp/drill/witness.json', copyName: '演练' }, there(production))).toBeNull();
    expect(judgeSharedWitness(null, { sqlitePath: drill, witnessPath: shared, copyName: '演练' }, there(production))).toBeNull();
  });
});
