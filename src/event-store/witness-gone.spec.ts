import { judgeWitnessGone } from './key-folder-witness.js';
import type { StoreWitness } from './store-witness.js';

/*
 * breaker49-9 S1: kill -9, then the data folder's witness deleted and the -wal cut at a commit at or after the head of the
 * copy beside the key (written at most once a second): the shorter store was admitted on that copy alone, ready, up to a
 * second of acknowledged writes gone without a word. The witness missing while this place's copy is here is refused.
 */

const place = '/srv/prod/data/rectify.db';
const copy = (overrides: Partial<StoreWitness> = {}): { path: string; witness: StoreWitness } => ({
  path: '/srv/keys/store-witnesses/store-1.abc.witness.json',
  witness: { storeId: 'store-1', kind: 'sqlite', location: place, head: '527', headHash: 'ab'.repeat(32), seenAt: '2026-12-06T18:00:00.000Z', copyName: '正式', ...overrides },
});
const store = (head: bigint | null, copyName: string | null = '正式') => ({ storeId: 'store-1', location: place, place, head, witnessPath: `${place}.witness.json`, copyName });

describe('The witness beside the data gone while its copy beside the key is here (breaker49-9 S1)', () => {
  it('is refused, whether the file ends at the copy\'s head or past it: the last second cannot be told', () => {
    for (const head of [527n, 531n]) {
      const refusal = judgeWitnessGone(null, [copy()], store(head))!;
      expect(refusal.reason).toBe('STORE_WITNESS_MISSING');
      expect(refusal.messageZh).toContain(`事件库见证文件 ${place}.witness.json 不存在`);
      expect(refusal.messageZh).toContain(`位置 ${head} 之后`);
      expect(refusal.messageZh.indexOf('请勿删除')).toBeLessThan(refusal.messageZh.indexOf('--accept-store-reset'));
      expect(refusal.message).toContain('Do not delete the -wal or -shm beside the store');
    }
  });

  it('is not refused where the witness is there, no copy of this copy for this place is, or the store is empty', () => {
    expect(judgeWitnessGone(copy().witness, [copy()], store(527n))).toBeNull();
    expect(judgeWitnessGone(null, [], store(527n))).toBeNull();
    expect(judgeWitnessGone(null, [copy({ location: '/srv/train/rectify.db' })], store(527n))).toBeNull();
    expect(judgeWitnessGone(null, [copy({ storeId: 'store-2' })], store(527n))).toBeNull();
    expect(judgeWitnessGone(null, [copy({ copyName: '演练' })], store(527n))).toBeNull();
    expect(judgeWitnessGone(null, [copy()], store(null))).toBeNull();
    // An unnamed copy, or one written before names were kept, is this place's all the same.
    expect(judgeWitnessGone(null, [copy({ copyName: null })], store(527n))?.reason).toBe('STORE_WITNESS_MISSING');
  });
});
