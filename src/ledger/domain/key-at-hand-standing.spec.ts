import { keyAtHandStanding, type KeyEvidence } from './key-at-hand-standing.js';

/** newcomer57-9 S1: a key at hand is the office's for a store only when something the store (or the operator) holds shows it. */
describe('keyAtHandStanding', () => {
  const none: KeyEvidence = { witnessKey: null, trustedKeys: [], keptCopyKeys: [], checkpointSigners: () => [], sealsSomeRow: () => false, noRowSealed: false };
  const key = 'aaaaaaaaaaaaaaaa';

  it('given nothing relating the key to the store (another install’s own key), it is unshown', () => {
    expect(keyAtHandStanding(key, none)).toEqual({ shown: false, by: 'unshown' });
  });

  it.each([
    ['the witness names it', { witnessKey: key }, 'witness'],
    ['LEDGER_TRUSTED_KEYS lists it', { trustedKeys: [key] }, 'trusted'],
    ['a witness copy beside it saw this store', { keptCopyKeys: [key] }, 'kept-copy'],
    ['it signed one of the store’s checkpoints', { checkpointSigners: () => ['bbbbbbbbbbbbbbbb', key] }, 'checkpoint'],
    ['its seal holds on one of the rows', { sealsSomeRow: () => true }, 'row-seal'],
    ['the store carries no row seal (an older version’s): nothing ties it to another key', { noRowSealed: true }, 'unsealed-store'],
  ] as const)('given %s, it is shown', (_case, evidence, by) => {
    expect(keyAtHandStanding(key, { ...none, ...evidence })).toEqual({ shown: true, by });
  });

  it('given a witness naming another key, it is another key, whatever the rows say (the witness rules)', () => {
    expect(keyAtHandStanding(key, { ...none, witnessKey: 'cccccccccccccccc', sealsSomeRow: () => true })).toEqual({ shown: false, by: 'another' });
  });

  it('reads the rows only when nothing cheaper shows the key', () => {
    let read = 0;
    keyAtHandStanding(key, { ...none, checkpointSigners: () => [key], sealsSomeRow: () => ++read > 0 });
    expect(read).toBe(0);
  });
});
