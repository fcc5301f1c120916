import { createHash, createPrivateKey } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { keyFingerprint, publicKeyText } from '../../src/ledger/domain/checkpoint.js';
import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { appendChainedRow } from '../support/inserted-rows.js';
import { office, writeNewSigningKey } from '../support/office-folder.js';
import { editStore, refusalOf } from '../support/store-files.js';
import { PROCESS_TEST_CEILING_MS } from '../support/server-process.js';

/*
 * breaker9d P5 and P8 (blockers): a start sealed rows nobody vouched for. P5: the seals stripped,
 * the witness rewritten in the older unsigned format and the copies beside the key deleted — no key
 * needed — and the next start sealed a forged ADMIN token row ("a store from before seals"); or, the
 * seals kept, the newest events and every checkpoint deleted with the witness so rewritten, and the
 * start took the shorter log. P8: a key rotation (the old key listed in LEDGER_TRUSTED_KEYS) sealed
 * a forged row under the new key. A start seals unasked only what something the old key signed
 * vouches for; a store whose rows were once sealed never passes for one that never was.
 */

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const FORGED = 'rct_forged_admin_token_0009';
const ADMIN = { authorization: 'Bearer rct_demo_admin_qingchuan' };



/** The demo administrator's token issue again, for a forged token, appended after the head with its public hashes computed and no seal (breaker9d's bin/forge.mjs). Returns its position. */
const forgeAdminToken = (db: Database.Database) => {
  const issued = db.prepare("SELECT * FROM events WHERE type = 'AccessTokenIssued' AND json_extract(data, '$.tokenSha256') = ?").get(sha256('rct_demo_admin_qingchuan')) as {
    stream_id: string;
    type: string;
    schema_version: number;
    data: string;
    metadata: string;
    recorded_at: string;
  };
  const revision = (db.prepare('SELECT MAX(revision) + 1 AS next FROM events WHERE stream_id = ?').get(issued.stream_id) as { next: number }).next;
  const data = JSON.stringify({ ...(JSON.parse(issued.data) as object), tokenId: 'cccccccc-0000-4000-8000-000000000099', tokenSha256: sha256(FORGED) });
  return appendChainedRow(
    db,
    { eventId: 'bbbbbbbb-0000-4000-8000-000000000099', streamId: issued.stream_id, revision, type: issued.type, schemaVersion: issued.schema_version, data, metadata: issued.metadata, recordedAt: issued.recorded_at },
    { sealed: false },
  );
};

/** The witness rewritten as a version before signatures and seals wrote it, at the log's head as it is now (no key needed). */
function rewriteWitnessInOldFormat(sqlitePath: string): void {
  const witnessPath = `${sqlitePath}.witness.json`;
  const { storeId } = JSON.parse(readFileSync(witnessPath, 'utf8')) as { storeId: string };
  const head = editStore(sqlitePath, (db) => db.prepare('SELECT position, event_id, chain_hash FROM events ORDER BY position DESC LIMIT 1').get() as { position: number; event_id: string; chain_hash: Buffer });
  writeFileSync(
    witnessPath,
    JSON.stringify({
      storeId,
      kind: 'sqlite',
      location: sqlitePath,
      head: String(head.position),
      headHash: head.chain_hash.toString('hex'),
      headEvent: { id: head.event_id, position: String(head.position) },
      seenAt: new Date().toISOString(),
    }),
  );
  rmSync(`${sqlitePath}.read-models.snapshot`, { force: true });
}

const unsealedRows = (sqlitePath: string) => editStore(sqlitePath, (db) => (db.prepare('SELECT COUNT(*) AS count FROM events WHERE row_seal IS NULL').get() as { count: number }).count);
const fingerprintOf = (keyPath: string) => keyFingerprint(publicKeyText(createPrivateKey(readFileSync(keyPath, 'utf8'))));

describe('A start never seals rows nobody vouches for (breaker9d P5)', () => {
  it('seals stripped, the witness rewritten unsigned and the copies beside the key deleted: the forged ADMIN row is not sealed, the start is refused naming it, in both languages', async () => {
    const { sqlitePath, start, copies } = office();
    const first = await start({}, sqlitePath, true);
    await first.close();
    const position = editStore(sqlitePath, (db) => {
      const forged = forgeAdminToken(db);
      db.exec('UPDATE events SET row_seal = NULL');
      return forged;
    });
    rewriteWitnessInOldFormat(sqlitePath);
    rmSync(copies, { recursive: true });
    const witnessBefore = readFileSync(`${sqlitePath}.witness.json`, 'utf8');

    const refusal = await refusalOf(start());
    expect(refusal.reason).toBe('LOG_UNSEALED');
    expect(refusal.message).toContain(`None of the ${position} events in the log at ${sqlitePath} is sealed with the office's ledger key (the newest: AccessTokenIssued at ${position}`);
    expect(refusal.message).toContain('--accept-store-reset');
    expect(refusal.messageZh).toContain(`没有一条带有本单位台账密钥的封印（最新的是：位置 ${position} 的 AccessTokenIssued`);
    // Nothing was sealed or written.
    expect(unsealedRows(sqlitePath)).toBe(position);
    expect(readFileSync(`${sqlitePath}.witness.json`, 'utf8')).toBe(witnessBefore);
  }, PROCESS_TEST_CEILING_MS);

  it('seals kept, the newest events and every checkpoint deleted with a witness rewritten unsigned to the shorter head, the copies deleted: refused as a rewritten witness', async () => {
    const { sqlitePath, start, copies } = office();
    const app = await start({}, sqlitePath, true);
    expect((await app.graphql('mutation { takeLedgerCheckpoint { sequence } }', {}, ADMIN)).errors).toBeUndefined();
    for (const title of ['删除之前一', '删除之前二']) expect((await app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ title }) }, await app.as('SUPERVISOR'))).errors).toBeUndefined();
    await app.close();
    editStore(sqlitePath, (db) => {
      const head = (db.prepare('SELECT MAX(position) AS head FROM events').get() as { head: number }).head - 2;
      db.exec(`DELETE FROM events WHERE position > ${head}; UPDATE sqlite_sequence SET seq = ${head} WHERE name = 'events';
        DELETE FROM ledger_checkpoints; DELETE FROM sqlite_sequence WHERE name = 'ledger_checkpoints'; DELETE FROM requests WHERE position > ${head};`);
    });
    rewriteWitnessInOldFormat(sqlitePath);
    rmSync(copies, { recursive: true });

    const refusal = await refusalOf(start());
    expect(refusal.reason).toBe('STORE_WITNESS_DAMAGED');
    expect(refusal.message).toContain(`The store witness ${sqlitePath}.witness.json carries no signature, but the rows of ${sqlitePath} are sealed with the office's ledger key`);
    expect(refusal.messageZh).toContain('没有签名，而');
  }, PROCESS_TEST_CEILING_MS);
});

describe('A key rotation seals under the new key only what the old key signed for (breaker9d P8)', () => {
  it('a forged row appended while the key was away is not sealed under the new key: refused, naming its position; the office\'s own rows rotate', async () => {
    const { sqlitePath, start, keyFile } = office();
    const first = await start({}, sqlitePath, true);
    const head = Number(await first.logPosition());
    await first.close();
    const oldKey = fingerprintOf(keyFile);
    const position = editStore(sqlitePath, forgeAdminToken);
    expect(position).toBe(head + 1);
    writeNewSigningKey(keyFile);

    const refusal = await refusalOf(start({ LEDGER_TRUSTED_KEYS: oldKey }));
    expect(refusal.reason).toBe('ROWS_AFTER_KEY_ROTATION');
    expect(refusal.message).toContain(`the last thing key ${oldKey} signed is the store witness at position ${head}`);
    expect(refusal.message).toContain(`the events at positions ${position}–${position} in ${sqlitePath} (the newest: AccessTokenIssued at ${position})`);
    expect(refusal.messageZh).toContain(`位置 ${position}–${position} 的事件`);
    expect(unsealedRows(sqlitePath)).toBe(1);

    // The control: without the forged row, the same rotation starts, re-seals the office's rows under the new key, and they are served.
    editStore(sqlitePath, (db) => db.exec(`DELETE FROM events WHERE position = ${position}; UPDATE sqlite_sequence SET seq = ${head} WHERE name = 'events';`));
    const rotated = await start({ LEDGER_TRUSTED_KEYS: oldKey });
    try {
      expect((await rotated.graphql('{ me { role } }', {}, ADMIN)).data!.me.role).toBe('ADMIN');
      expect((await rotated.graphql('{ verifyLedger { ok } }', {}, ADMIN)).data!.verifyLedger.ok).toBe(true);
    } finally {
      await rotated.close();
    }
    expect((JSON.parse(readFileSync(`${sqlitePath}.witness.json`, 'utf8')) as { signingKey: string }).signingKey).toBe(fingerprintOf(keyFile));
  }, PROCESS_TEST_CEILING_MS);
});
