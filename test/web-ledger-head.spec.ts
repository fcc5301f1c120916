import { keptAfter, type KeptStatement, type WitnessAnswer } from '../web/src/ledger-head.js';

/*
 * breaker9c P8: the browser keeps the newest signed head statement per store and hands it back. A
 * proof of a rollback must stay with the browser (never replaced by the server's shorter head), and
 * statements proving nothing must not pile up.
 */
const statement = (storeId: string, position: number, signedAt: string): KeptStatement => ({
  body: `Rectify ledger head v1\nstore ${storeId}\nposition ${position}\n…`,
  publicKey: 'key',
  signature: `sig-${storeId}-${position}`,
  storeId,
  position: String(position),
  signedAt,
});
const answer = (findings: WitnessAnswer['checks'][number]['finding'][], current: KeptStatement | null): WitnessAnswer => ({
  checks: findings.map((finding) => ({ finding, messageZh: `说明：${finding}` })),
  current,
});

describe('The ledger head statements a browser keeps', () => {
  const older = statement('office', 232, '2026-11-30T09:00:00.000Z');
  const newer = statement('office', 237, '2026-11-30T10:00:00.000Z');

  it('takes the first statement, and replaces its store\'s statement with the newer one while the log still holds it', () => {
    expect(keptAfter([], answer([], older))).toEqual({ kept: [older], alert: null });
    expect(keptAfter([older], answer(['CURRENT'], newer))).toEqual({ kept: [newer], alert: null });
  });

  it('keeps a proven rollback, never the server\'s shorter head in its place, and says so in red', () => {
    const after = keptAfter([newer], answer(['LOG_ROLLED_BACK'], null));
    expect(after.kept).toEqual([newer]);
    expect(after.alert).toMatchObject({ severity: 'error', description: '说明：LOG_ROLLED_BACK' });
    expect(after.alert!.title).toContain('台账被回退');
    // Even should the server still sign its (shorter) head, the proof is what is kept.
    expect(keptAfter([newer], answer(['LOG_REWRITTEN'], older)).kept).toEqual([newer]);
  });

  it('tells once, in amber, of a loss the operator accepted, then keeps the head served now', () => {
    const after = keptAfter([newer], answer(['LOST_IN_ACCEPTED_RESET'], older));
    expect(after.kept).toEqual([older]);
    expect(after.alert).toMatchObject({ severity: 'warning' });
    expect(after.alert!.title).toContain('需要重新录入');
  });

  it('drops what proves nothing, keeps another store\'s statement, and keeps at most eight, newest first', () => {
    const training = statement('training', 40, '2026-11-29T10:00:00.000Z');
    expect(keptAfter([training, older], answer(['OTHER_STORE', 'NOT_VALID'], newer)).kept).toEqual([newer, training]);
    expect(keptAfter([older], answer(['NOT_OURS'], null)).kept).toEqual([]);
    const many = Array.from({ length: 9 }, (_, n) => statement(`store-${n}`, n + 1, `2026-11-${String(n + 10)}T10:00:00.000Z`));
    const kept = keptAfter(many, answer(many.map(() => 'OTHER_STORE'), null)).kept;
    expect(kept).toHaveLength(8);
    expect(kept[0]!.storeId).toBe('store-8');
  });

  // breaker9d P1: a training copy served at the same address (same store id) had its statement kept as
  // the store's newest; production, started again, was handed it and stopped its writes.
  it('keeps one statement per copy of a store: a training copy served at this address does not take production\'s place', () => {
    const production = { ...statement('office', 235, '2026-11-30T10:00:00.000Z'), copy: 'a1b2c3d4e5f6' };
    const training = { ...statement('office', 237, '2026-11-30T11:00:00.000Z'), copy: '0f9e8d7c6b5a' };
    expect(keptAfter([production], answer(['OTHER_COPY'], training)).kept).toEqual([training, production]);
    const productionLater = { ...production, position: '236', signature: 'sig-office-236', signedAt: '2026-11-30T12:00:00.000Z' };
    expect(keptAfter([training, production], answer(['OTHER_COPY', 'CURRENT'], productionLater))).toEqual({ kept: [productionLater, training], alert: null });
  });

  it('keeps every statement when the server judged none (an EventStoreDB store gives no statements)', () => {
    expect(keptAfter([older], answer([], null)).kept).toEqual([older]);
  });
});
