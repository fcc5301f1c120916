import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWitness, writeWitness, type StoreWitness } from './store-witness.js';
import { otherCopyAcceptanceWords } from './other-copy-writes.js';

/*
 * breaker42-9 script 07 (note44 issue 9 Left): after --accept-store-reset took another copy's records, ledger:verify said
 * only 台账完好 — the witness kept no more than `resetAcceptedAt`, and a later audit could not tell which records were the
 * trainees'. The accepting start keeps the span (`StoreWitness.otherCopyAccepted`), every later witness carries it, and
 * ledger:verify names it for good (the script: 「已接受（--accept-store-reset，…）：位置 4–5 的事件由本事件库的另一个副本…写入」).
 */
describe('Another copy\'s records accepted with --accept-store-reset, named by ledger:verify', () => {
  const witness: StoreWitness = { storeId: 'store-1', kind: 'sqlite', location: '/srv/rectify/data/rectify.db', head: '6', headHash: null, headEvent: null, seenAt: '2026-12-06T04:58:23.000Z', checkpoint: null } as StoreWitness;

  it('the witness keeps the span and reads back; one of the wrong kind is damaged', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'rectify-accepted-')), 'rectify.db.witness.json');
    writeWitness(path, { ...witness, otherCopyAccepted: [{ at: '2026-12-06T04:57:53.130Z', from: '4', upTo: '5' }] });
    expect(readWitness(path)?.otherCopyAccepted).toEqual([{ at: '2026-12-06T04:57:53.130Z', from: '4', upTo: '5' }]);
    const written = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    writeFileSync(path, JSON.stringify({ ...written, otherCopyAccepted: [{ at: 'yesterday', from: 4, upTo: '5' }] }));
    expect(() => readWitness(path)).toThrow();
  });

  it('is said in both languages, with the positions and the instant of the acceptance', () => {
    const words = otherCopyAcceptanceWords({ at: '2026-12-06T04:57:53.130Z', from: '4', upTo: '5' });
    expect(words.zh).toBe('已接受（--accept-store-reset，北京时间 2026-12-06 12:57:53）：位置 4–5 的事件由本事件库的另一个副本（培训、测试或演练副本）写入，接受该事件库的那次启动已将其作为本副本的记录。');
    expect(words.en).toContain('the events at positions 4–5 were written by another copy of this store');
    expect(otherCopyAcceptanceWords({ at: '2026-12-06T04:57:53.130Z', from: '4', upTo: '4' }).en).toContain('the events at position 4 were');
  });
});
