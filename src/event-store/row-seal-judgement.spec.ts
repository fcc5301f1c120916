import { formerKeySealing, judgeFirstSealing, judgeRotationSealing, judgeUnsignedWitness } from './row-seal-judgement.js';
import type { StoreWitness } from './store-witness.js';

const witness = (fields: Partial<StoreWitness> = {}): StoreWitness => ({ storeId: 's-1', kind: 'sqlite', location: 'data/rectify.db', head: '234', seenAt: '2026-11-30T17:00:00.000Z', ...fields });
const SIGNED = { signingKey: 'a3ae8155f6c38440', signature: { publicKey: 'x', value: 'y' } } as const;
const newest = [{ position: 235n, type: 'AccessTokenIssued' }];

describe('judgeFirstSealing: a start would seal a log no version sealed', () => {
  const found = { location: 'data/rectify.db', head: 235n, anyRowSealed: false, newest };

  it('refuses a log with events, none sealed, whose witness never said it was (an old version, or seals stripped with the witness rewritten)', () => {
    const refusal = judgeFirstSealing(witness(), found);
    expect(refusal?.reason).toBe('LOG_UNSEALED');
    expect(refusal?.message).toContain('None of the 235 events in the log at data/rectify.db is sealed');
    expect(refusal?.message).toContain('(the newest: AccessTokenIssued at 235)');
    expect(refusal?.messageZh).toContain('位置 235 的 AccessTokenIssued');
  });

  it('refuses it with no witness at all, too', () => {
    expect(judgeFirstSealing(null, found)?.reason).toBe('LOG_UNSEALED');
  });

  it('leaves alone an empty log, a log with a sealed row, and one whose witness says it was sealed (never sealed afresh: its read models stop)', () => {
    expect(judgeFirstSealing(null, { ...found, head: null })).toBeNull();
    expect(judgeFirstSealing(witness(), { ...found, anyRowSealed: true })).toBeNull();
    expect(judgeFirstSealing(witness({ sealedRows: true }), found)).toBeNull();
  });
});

describe('judgeUnsignedWitness: a sealed store judged by an unsigned witness', () => {
  const found = { location: 'data/rectify.db', anyRowSealed: true, witnessPath: 'data/rectify.db.witness.json' };

  it('refuses it: every version that seals rows signs its witness', () => {
    const refusal = judgeUnsignedWitness(witness(), found);
    expect(refusal?.reason).toBe('STORE_WITNESS_DAMAGED');
    expect(refusal?.message).toContain('data/rectify.db.witness.json carries no signature, but the rows of data/rectify.db are sealed');
  });

  it('takes a signed witness, a store with no sealed row, and no witness (judged elsewhere)', () => {
    expect(judgeUnsignedWitness(witness(SIGNED), found)).toBeNull();
    expect(judgeUnsignedWitness(witness(), { ...found, anyRowSealed: false })).toBeNull();
    expect(judgeUnsignedWitness(null, found)).toBeNull();
  });
});

describe('judgeRotationSealing: a rotation re-seals only what the old key signed for', () => {
  const onRecord = { fingerprint: 'a3ae8155f6c38440', source: 'witness' } as const;
  const found = { location: 'data/rectify.db', head: 235n, newest };

  it('refuses rows past the head of the witness the old key signed', () => {
    const refusal = judgeRotationSealing(onRecord, 'b5cc7ad328aa2a78', ['a3ae8155f6c38440'], witness(SIGNED), found);
    expect(refusal?.reason).toBe('ROWS_AFTER_KEY_ROTATION');
    expect(refusal?.message).toContain('the last thing key a3ae8155f6c38440 signed is the store witness at position 234');
    expect(refusal?.message).toContain('the events at positions 235–235 in data/rectify.db (the newest: AccessTokenIssued at 235)');
  });

  it('refuses every row when the old key signed no witness of the log (a key lost, a witness unsigned)', () => {
    const refusal = judgeRotationSealing(onRecord, null, ['a3ae8155f6c38440'], witness(), found);
    expect(refusal?.message).toContain('key a3ae8155f6c38440 signed no witness of this log');
    expect(refusal?.message).toContain('positions 1–235');
    expect(refusal?.message).toContain('a new key is to be generated');
  });

  it('takes a rotation the old key vouched for to the head, no rotation, and a key change not declared (refused as SIGNING_KEY_CHANGED elsewhere)', () => {
    expect(judgeRotationSealing(onRecord, 'b5cc7ad328aa2a78', ['a3ae8155f6c38440'], witness({ ...SIGNED, head: '235' }), found)).toBeNull();
    expect(judgeRotationSealing(onRecord, 'a3ae8155f6c38440', [], witness(SIGNED), found)).toBeNull();
    expect(judgeRotationSealing(onRecord, 'b5cc7ad328aa2a78', [], witness(SIGNED), found)).toBeNull();
    expect(judgeRotationSealing(undefined, 'b5cc7ad328aa2a78', [], null, found)).toBeNull();
  });
});

// breaker51-9 S2: a backup from before a key rotation, put back and accepted, read as forged from event 1 (NOT_SEALED).
describe('formerKeySealing: an accepted backup sealed by a former key of the office', () => {
  const OLD = 'a3ae8155f6c38440';
  const NEW = 'b5cc7ad328aa2a78';
  const backup = witness({ ...SIGNED, headHash: 'h234' });
  const afterRotation = witness({ head: '240', headHash: 'h240', signingKey: NEW, signature: { publicKey: 'n', value: 'v' }, formerKeys: [{ fingerprint: OLD, upToEvents: 236, declaredAt: '2026-12-01T00:00:00.000Z' }] });
  const onRecord = { fingerprint: NEW, source: 'witness' } as const;
  const remembered = { formerKeys: afterRotation.formerKeys!, trustedKeys: [] };
  const hashes = (position: bigint) => (position === 234n ? 'h234' : null);

  it('is sealed anew when its own witness, signed by a key the office remembers as former, vouches for the rows', () => {
    expect(formerKeySealing(true, backup, afterRotation, 's-1', onRecord, NEW, remembered, hashes)).toEqual({ fingerprint: OLD, vouchedUpTo: 234n });
  });

  it('takes the former key declared at this start (LEDGER_TRUSTED_KEYS) as well', () => {
    expect(formerKeySealing(true, backup, afterRotation, 's-1', onRecord, NEW, { formerKeys: [], trustedKeys: [OLD] }, hashes)?.fingerprint).toBe(OLD);
  });

  it('is not without an acceptance, for a key the office never declared, an unsigned or another store’s witness, or rows the witness does not match', () => {
    expect(formerKeySealing(false, backup, afterRotation, 's-1', onRecord, NEW, remembered, hashes)).toBeNull();
    expect(formerKeySealing(true, backup, afterRotation, 's-1', onRecord, NEW, { formerKeys: [], trustedKeys: [] }, hashes)).toBeNull();
    expect(formerKeySealing(true, witness({ headHash: 'h234' }), afterRotation, 's-1', onRecord, NEW, remembered, hashes)).toBeNull();
    expect(formerKeySealing(true, backup, afterRotation, 's-2', onRecord, NEW, remembered, hashes)).toBeNull();
    expect(formerKeySealing(true, backup, afterRotation, 's-1', onRecord, NEW, remembered, () => 'other')).toBeNull();
  });

  it('is not when the witness beside the data is the one judged (a rotation seen as such) or names the key in use', () => {
    expect(formerKeySealing(true, backup, backup, 's-1', { fingerprint: OLD, source: 'witness' }, NEW, remembered, hashes)).toBeNull();
    expect(formerKeySealing(true, backup, afterRotation, 's-1', onRecord, OLD, remembered, hashes)).toBeNull();
  });
});
