import { createPrivateKey } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { keyFingerprint, publicKeyText } from '../../src/ledger/domain/checkpoint.js';
import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { office, writeNewSigningKey } from '../support/office-folder.js';
import { PROCESS_TEST_CEILING_MS } from '../support/server-process.js';

/*
 * newcomer52-9 M3: key rotation was only prose scattered over three README sections. The README's procedure (Moving,
 * upgrading, rolling back → Rotating the ledger signing key), step by step: the old key moved out to the key backup, the
 * start refused naming its fingerprint, one start with it declared generates the new key and remembers the old, and later
 * starts need nothing declared.
 */

const TAKE_CHECKPOINT = 'mutation { takeLedgerCheckpoint { keyFingerprint ledgerCode } }';
const fingerprintOf = (path: string) => keyFingerprint(publicKeyText(createPrivateKey(readFileSync(path, 'utf8'))));

describe('Rotating the ledger signing key as the README says', () => {
  it(
    'old key moved to the key backup, a new one in its place → start refused naming both → old declared once → remembered, later starts plain',
    async () => {
      const place = office();
      let app = await place.start();
      expect((await app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ title: '轮换密钥之前的评估' }) })).errors).toBeUndefined();
      // Step 1: a 台账校验码 printed before the rotation.
      const printedBefore = (await app.graphql(TAKE_CHECKPOINT, {}, await app.as('ADMIN'))).data!.takeLedgerCheckpoint;
      await app.close();
      const oldKey = fingerprintOf(place.keyFile);
      expect(printedBefore.keyFingerprint).toBe(oldKey);

      // Step 2: the key file moved out of the keys folder, kept, and a new key put in its place.
      const keyBackup = join(place.root, 'secure-keys');
      mkdirSync(keyBackup);
      renameSync(place.keyFile, join(keyBackup, 'ledger-signing-key-until-rotation.pem'));
      writeNewSigningKey(place.keyFile);
      const newKey = fingerprintOf(place.keyFile);

      // Step 3: refused, naming both fingerprints; then declared once, the records there.
      const refused = await place.start().then(
        async (started) => {
          await started.close();
          throw new Error('started with another key than the one on record');
        },
        (error: unknown) => error as Error & { reason?: string; messageZh?: string },
      );
      expect(refused.reason).toBe('SIGNING_KEY_CHANGED');
      expect(`${refused.message} ${refused.messageZh ?? ''}`).toContain(oldKey);
      expect(`${refused.message} ${refused.messageZh ?? ''}`).toContain(newKey);
      app = await place.start({ LEDGER_TRUSTED_KEYS: oldKey });
      expect((await app.graphql('{ evaluations { totalCount } }')).data!.evaluations.totalCount).toBeGreaterThanOrEqual(1);
      await app.close();

      // Step 4: LEDGER_TRUSTED_KEYS removed — the old key is remembered, the start is plain; the new 台账校验码 printed at
      // once is signed by the new key (newcomer54-9 M6; the same head under the old key: test/ledger/sqlite-ledger.spec.ts).
      app = await place.start();
      const printed = (await app.graphql(TAKE_CHECKPOINT, {}, await app.as('ADMIN'))).data!.takeLedgerCheckpoint;
      expect(printed.keyFingerprint).toBe(newKey);
      expect((await app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ title: '轮换密钥之后的评估' }) })).errors).toBeUndefined();
      await app.close();
    },
    PROCESS_TEST_CEILING_MS,
  );
});
