import { generateKeyPairSync, sign } from 'node:crypto';
import { keyFingerprint, publicKeyText, signCheckpoint } from './checkpoint.js';
import { copyOfPlace, copyOfStore, judgeHeadStatement, parseHeadStatementBody, PROVES_ROLLBACK, signHeadStatement, type ServedLog } from './head-statement.js';

const officeKey = generateKeyPairSync('ed25519').privateKey;
const officeFingerprint = keyFingerprint(publicKeyText(officeKey));
const hash = (n: number) => n.toString(16).padStart(64, '0');
const STORE = '3f1c9a52-7d0e-4b8e-9a51-2c6f0e4d7b10';
const PRODUCTION = copyOfPlace('/srv/rectify/data/rectify.db');
const TRAINING = copyOfPlace('/srv/rectify-training/data/rectify.db');

/** A log of `length` events whose chain hash at position n is hash(n), unless `rewrittenFrom` says otherwise. */
const log = (length: number, extra: Partial<ServedLog> & { rewrittenFrom?: number } = {}): ServedLog => ({
  storeId: STORE,
  copy: PRODUCTION,
  head: length === 0 ? null : BigInt(length),
  chainHashAt: (commit) => (commit < 1n || commit > BigInt(length) ? null : extra.rewrittenFrom !== undefined && commit >= BigInt(extra.rewrittenFrom) ? hash(9000 + Number(commit)) : hash(Number(commit))),
  trustedKeys: [officeFingerprint],
  ...extra,
});

const statementAt = (position: number, signedAt = '2026-11-30T10:00:00.000Z', key = officeKey, storeId = STORE, copy = PRODUCTION, acceptedReset: string | null = null) =>
  signHeadStatement({ storeId, copy, acceptedReset, position: String(position), chainHash: hash(position), signedAt }, key);

describe('A head statement handed back by a client', () => {
  it('is CURRENT while the log still reaches its position with the same event there', () => {
    expect(judgeHeadStatement(statementAt(237), log(237)).finding).toBe('CURRENT');
    expect(judgeHeadStatement(statementAt(237), log(240)).finding).toBe('CURRENT');
  });

  it('proves a rollback when the log now ends before its position (events and their witnesses put back older: breaker9c P8)', () => {
    const judged = judgeHeadStatement(statementAt(237), log(234));
    expect(judged.finding).toBe('LOG_ROLLED_BACK');
    expect(judged.message.en).toContain('signed that the ledger reached position 237');
    expect(judged.message.en).toContain('the ledger now ends at position 234');
    expect(judged.message.zh).toContain('而台账现在止于位置 234：其后的事件已被删除');
    expect(judged.message.zh).toContain('现拒绝写入');
  });

  it('proves a rewrite when the log reaches the position with another event there (rolled back, then written to)', () => {
    const judged = judgeHeadStatement(statementAt(237), log(240, { rewrittenFrom: 235 }));
    expect(judged.finding).toBe('LOG_REWRITTEN');
    expect(judged.message.zh).toContain('历史已被改写');
  });

  it('only tells of a loss signed for before an operator accepted a reset of the store', () => {
    const accepted = { resetAcceptedAt: '2026-11-30T12:00:00.000Z' };
    expect(judgeHeadStatement(statementAt(237, '2026-11-30T11:59:59.999Z'), log(234, accepted)).finding).toBe('LOST_IN_ACCEPTED_RESET');
    // Signed after the acceptance (under it): a rollback since, not the one accepted.
    expect(judgeHeadStatement(statementAt(237, '2026-11-30T12:00:00.001Z', officeKey, STORE, PRODUCTION, accepted.resetAcceptedAt), log(234, accepted)).finding).toBe('LOG_ROLLED_BACK');
  });

  it('is covered by an accepted reset when signed under an earlier one or none, whatever its clock said (breaker9p P4)', () => {
    const accepted = { resetAcceptedAt: '2026-12-02T05:00:00.000Z' };
    // Signed while the clock was a day ahead, before the restore the operator accepted: lost in it, not a rollback that stops writes.
    expect(judgeHeadStatement(statementAt(233, '2026-12-03T04:50:01.000Z'), log(232, accepted)).finding).toBe('LOST_IN_ACCEPTED_RESET');
    expect(judgeHeadStatement(statementAt(233, '2026-12-03T04:50:01.000Z', officeKey, STORE, PRODUCTION, '2026-11-01T00:00:00.000Z'), log(232, accepted)).finding).toBe('LOST_IN_ACCEPTED_RESET');
    // Signed under the acceptance in force, even with a clock behind it: a rollback since.
    expect(judgeHeadStatement(statementAt(233, '2026-12-01T00:00:00.000Z', officeKey, STORE, PRODUCTION, accepted.resetAcceptedAt), log(232, accepted)).finding).toBe('LOG_ROLLED_BACK');
    // Without an accepted reset, a statement the log no longer reaches is a rollback.
    expect(judgeHeadStatement(statementAt(233, '2026-12-03T04:50:01.000Z'), log(232)).finding).toBe('LOG_ROLLED_BACK');
  });

  it('still judges a v2 statement (no accepted line) by its instant against the acceptance', () => {
    const body = ['Rectify ledger head v2', `store ${STORE}`, `copy ${PRODUCTION}`, 'position 237', `chain ${hash(237)}`, 'signed 2026-11-30T11:00:00.000Z', ''].join('\n');
    const v2 = { body, publicKey: publicKeyText(officeKey), signature: sign(null, Buffer.from(body, 'utf8'), officeKey).toString('base64') };
    expect(parseHeadStatementBody(body)).toEqual({ storeId: STORE, copy: PRODUCTION, position: '237', chainHash: hash(237), signedAt: '2026-11-30T11:00:00.000Z' });
    expect(judgeHeadStatement(v2, log(234, { resetAcceptedAt: '2026-11-30T12:00:00.000Z' })).finding).toBe('LOST_IN_ACCEPTED_RESET');
    expect(judgeHeadStatement(v2, log(234, { resetAcceptedAt: '2026-11-30T10:00:00.000Z' })).finding).toBe('LOG_ROLLED_BACK');
  });

  it('concludes nothing from a statement that is altered, not a head statement, or signed by another key', () => {
    const statement = statementAt(237);
    const moved = { ...statement, body: statement.body.replace('position 237', 'position 999') };
    expect(judgeHeadStatement(moved, log(234)).finding).toBe('NOT_VALID');
    expect(judgeHeadStatement({ ...statement, signature: 'AAAA' }, log(234)).finding).toBe('NOT_VALID');
    expect(judgeHeadStatement({ ...statement, publicKey: 'not a key' }, log(234)).finding).toBe('NOT_VALID');
    const otherKey = generateKeyPairSync('ed25519').privateKey;
    expect(judgeHeadStatement(statementAt(237, undefined, otherKey), log(234)).finding).toBe('NOT_OURS');
    // A checkpoint is signed by the same key, but it is not a head statement (its own first line).
    const checkpoint = signCheckpoint({ treeSize: 999, rootHash: Buffer.alloc(32), chainHash: Buffer.alloc(32), headPosition: '999', takenAt: '2026-11-30T10:00:00.000Z' }, officeKey);
    expect(judgeHeadStatement(checkpoint, log(234)).finding).toBe('NOT_VALID');
  });

  it('takes a statement signed by a key the office rotated away from (LEDGER_TRUSTED_KEYS)', () => {
    const oldKey = generateKeyPairSync('ed25519').privateKey;
    const trustedKeys = [officeFingerprint, keyFingerprint(publicKeyText(oldKey))];
    expect(judgeHeadStatement(statementAt(237, undefined, oldKey), log(234, { trustedKeys })).finding).toBe('LOG_ROLLED_BACK');
  });

  it('is about another store when its store id is another (an earlier installation)', () => {
    expect(judgeHeadStatement(statementAt(237, undefined, officeKey, 'a-training-copy'), log(234)).finding).toBe('OTHER_STORE');
  });

  // breaker9d P1: a training copy made from production's folders (same store id, same key) signed a
  // longer head; anyone handing it to production stopped production's writes as a rollback.
  it('concludes nothing from a statement another copy of the store signed, however far it reaches', () => {
    for (const [statement, served] of [
      [statementAt(237, undefined, officeKey, STORE, TRAINING), log(235)],
      [statementAt(240, undefined, officeKey, STORE, TRAINING), log(240, { rewrittenFrom: 236 })],
      [statementAt(237, '2026-11-30T13:00:00.000Z', officeKey, STORE, TRAINING), log(235, { resetAcceptedAt: '2026-11-30T12:00:00.000Z' })],
    ] as const) {
      const judged = judgeHeadStatement(statement, served);
      expect(judged.finding).toBe('OTHER_COPY');
      expect(PROVES_ROLLBACK).not.toContain(judged.finding);
      expect(judged.message.zh).toContain('另一个副本');
      expect(judged.message.zh).not.toContain('重新录入');
    }
    // This copy's own statement still proves its rollback.
    expect(judgeHeadStatement(statementAt(237), log(235)).finding).toBe('LOG_ROLLED_BACK');
    expect(copyOfPlace('/srv/rectify/data/rectify.db')).toMatch(/^[0-9a-f]{12}$/);
  });

  it('names a copy by STORE_COPY_NAME wherever its files lie, and by its path only when unnamed (breaker9e P3: every container at /app/data/rectify.db)', () => {
    const container = '/app/data/rectify.db';
    expect(copyOfStore(null, container)).toBe(copyOfPlace(container));
    expect(copyOfStore('正式', container)).not.toBe(copyOfStore('测试环境', container));
    expect(copyOfStore('正式', container)).not.toBe(copyOfStore(null, container));
    expect(copyOfStore('正式', container)).toBe(copyOfStore('正式', '/srv/rectify/data/rectify.db'));
    expect(copyOfStore('测试环境', container)).toMatch(/^[0-9a-f]{12}$/);
    // A name cannot pass for a path: the name is hashed with its own prefix.
    expect(copyOfStore(container, '/elsewhere.db')).not.toBe(copyOfPlace(container));
    const staging = statementAt(237, undefined, officeKey, STORE, copyOfStore('测试环境', container));
    expect(judgeHeadStatement(staging, log(235, { copy: copyOfStore(null, container) })).finding).toBe('OTHER_COPY');
  });

  it('still reads a statement signed before statements named their copy (v1), judged as this copy’s', () => {
    const body = ['Rectify ledger head v1', `store ${STORE}`, 'position 237', `chain ${hash(237)}`, 'signed 2026-11-30T10:00:00.000Z', ''].join('\n');
    const v1 = { body, publicKey: publicKeyText(officeKey), signature: sign(null, Buffer.from(body, 'utf8'), officeKey).toString('base64') };
    expect(parseHeadStatementBody(body)).toEqual({ storeId: STORE, copy: null, position: '237', chainHash: hash(237), signedAt: '2026-11-30T10:00:00.000Z' });
    expect(judgeHeadStatement(v1, log(234)).finding).toBe('LOG_ROLLED_BACK');
    expect(judgeHeadStatement(v1, log(240)).finding).toBe('CURRENT');
  });

  it('reads back only bodies in its own shape', () => {
    expect(parseHeadStatementBody(statementAt(1).body)).toEqual({ storeId: STORE, copy: PRODUCTION, acceptedReset: null, position: '1', chainHash: hash(1), signedAt: '2026-11-30T10:00:00.000Z' });
    expect(parseHeadStatementBody(statementAt(1).body.replace('accepted none', 'accepted yesterday'))).toBeNull();
    expect(parseHeadStatementBody(statementAt(1).body.replace(`copy ${PRODUCTION}\n`, ''))).toBeNull();
    expect(parseHeadStatementBody(statementAt(1).body.replace('position 1', 'position 01'))).toBeNull();
    expect(parseHeadStatementBody(`${statementAt(1).body}extra\n`)).toBeNull();
  });
});
