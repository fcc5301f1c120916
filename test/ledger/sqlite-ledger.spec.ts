import { jest } from '@jest/globals';
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { EventMetadata, EventToAppend } from '../../src/event-store/event-store.port.js';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store.js';
import { checkpointSignatureHolds, keyFingerprint, publicKeyText } from '../../src/ledger/domain/checkpoint.js';
import { MerkleFrontier, inclusionProof, leafHash, merkleRoot, verifyInclusion } from '../../src/ledger/domain/merkle.js';
import { proveEvent, takeCheckpoint, verifyLedger } from '../../src/ledger/ledger-operations.js';
import { SqliteLedger } from '../../src/ledger/sqlite-ledger.js';
import { slicer } from '../../src/shared/event-loop-turns.js';
import { rowSealKeyOf } from '../../src/ledger/ledger-mac.js';
import { appendChainedRow } from '../support/inserted-rows.js';
import { signWitness, writeWitness } from '../../src/event-store/store-witness.js';

const freshPath = () => join(mkdtempSync(join(tmpdir(), 'rectify-ledger-')), 'rectify.db');
const { privateKey } = generateKeyPairSync('ed25519');
const now = new Date('2026-04-10T01:00:00.000Z');

const metadata = (n: number): EventMetadata => ({
  actorId: 'user-zhangwei',
  actorRole: 'SUPERVISOR',
  actorUnitId: null,
  commandId: `command-${n}`,
  correlationId: `command-${n}`,
  causationId: `command-${n}`,
  recordedAt: `2026-04-01T0${n % 10}:00:00.000Z`,
});
const urged = (n: number): EventToAppend => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  type: 'UnitUrged',
  schemaVersion: 1,
  data: { message: `请加快整改进度（第${n}次）`, unitId: 'unit-1' },
  metadata: metadata(n),
});

/** Appends events 1…n, one per stream revision, alternating between two streams. */
async function givenStore(path: string, n: number, from = 1) {
  const store = new SqliteEventStore(path);
  for (let i = from; i < from + n; i += 1) await store.appendToStream(`finding-${i % 2}`, [urged(i)], { expectedRevision: 'any' });
  return store;
}

const verifyFile = async (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return await verifyLedger(new SqliteLedger(db));
  } finally {
    db.close();
  }
};

/** The office's key where `ledger:verify` finds it (LEDGER_SIGNING_KEY_FILE): checkpoints signed by another are foreign. */
const officeKeyFile = join(mkdtempSync(join(tmpdir(), 'rectify-ledger-key-')), 'ledger.pem');
writeFileSync(officeKeyFile, privateKey.export({ format: 'pem', type: 'pkcs8' }));

const cli = (path: string, ...args: string[]) => cliWith({}, path, ...args);
const cliWith = (env: Record<string, string>, path: string, ...args: string[]) =>
  promisify(execFile)(process.execPath, [join(process.cwd(), 'dist/cli/ledger-verify.js'), '--db', path, ...args], {
    env: { ...process.env, LEDGER_SIGNING_KEY_FILE: officeKeyFile, ...env },
  }).then(
    ({ stdout, stderr }) => ({ status: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ status: error.code, stdout: error.stdout, stderr: error.stderr }),
  );

describe('The ledger in the SQLite file', () => {
  it('chains every append in the append transaction, across connections that take turns on one file', async () => {
    const path = freshPath();
    const first = new SqliteEventStore(path);
    const second = new SqliteEventStore(path);
    for (let i = 1; i <= 6; i += 1) {
      // Each connection keeps the newest hash in memory; the other's appends must be noticed.
      await (i % 3 === 0 ? second : first).appendToStream(`finding-${i}`, [urged(i), urged(100 + i)], { expectedRevision: 'no_stream' });
    }
    await first.close();
    await second.close();
    expect(await verifyFile(path)).toMatchObject({ ok: true, eventsChecked: 12, headPosition: '12' });
  });

  it('chains a log written before the ledger existed from its first event, once, and changes no event', async () => {
    const path = freshPath();
    const store = await givenStore(path, 5);
    await store.close();
    // The file as the previous version left it: no hash columns, no checkpoints.
    const old = new Database(path);
    old.exec('DROP TABLE ledger_checkpoints; ALTER TABLE events DROP COLUMN leaf_hash; ALTER TABLE events DROP COLUMN chain_hash;');
    const before = old.prepare('SELECT * FROM events ORDER BY position').all();
    old.close();

    const upgraded = new SqliteEventStore(path);
    await upgraded.appendToStream('finding-9', [urged(6)], { expectedRevision: 'no_stream' });
    await upgraded.close();
    const db = new Database(path, { readonly: true });
    const after = db.prepare('SELECT * FROM events ORDER BY position').all() as Record<string, unknown>[];
    db.close();
    expect(after.slice(0, 5).map(({ leaf_hash: _leaf, chain_hash: _chain, ...event }) => event)).toEqual(before);
    expect(await verifyFile(path)).toMatchObject({ ok: true, eventsChecked: 6 });

    // Opened again, nothing is chained anew: a hash removed later stays missing for verify to report.
    const tampered = new Database(path);
    tampered.prepare('UPDATE events SET chain_hash = NULL WHERE position = 2').run();
    tampered.close();
    await new SqliteEventStore(path).close();
    expect((await verifyFile(path)).firstMismatch).toMatchObject({ kind: 'CHAIN_BROKEN', position: '2' });
  });

  describe('ledger:verify on a file edited behind the server', () => {
    let path: string;
    beforeEach(async () => {
      path = freshPath();
      await (await givenStore(path, 8)).close();
    });
    const tamper = (sql: string) => {
      const db = new Database(path);
      db.exec(sql);
      db.close();
    };

    // breaker9 F11: a missing file was said in English only.
    it('says a missing file is missing, in English and Chinese, and exits 1', async () => {
      const missing = join(mkdtempSync(join(tmpdir(), 'rectify-gone-')), 'rectify.db');
      const failed = await promisify(execFile)(process.execPath, [join(process.cwd(), 'dist/cli/ledger-verify.js'), '--db', missing]).then(
        () => null,
        (error: { code: number; stderr: string }) => error,
      );
      expect(failed).toMatchObject({ code: 1 });
      expect(failed!.stderr).toContain(`Failed: ${missing} does not exist.`);
      expect(failed!.stderr).toContain(`${missing} 不存在，未能校验台账。`);
    });

    it('says the ledger is intact, and exits 0, on an untouched file', async () => {
      const { status, stdout } = await cli(path);
      expect(status).toBe(0);
      expect(stdout).toContain('Ledger intact: 8 events chained');
      // breaker9b N9: every note in Chinese too.
      expect(stdout).toContain('台账完好：8 条事件的哈希链完整');
      expect(stdout).toMatch(/校验点须由密钥 [0-9a-f]{16} 签署|处没有签名密钥/);
      expect(stdout).toMatch(/尚未生成任何校验点|最新校验点：/);
    });

    it('names an edited row', async () => {
      tamper(`UPDATE events SET data = '{"message":"已按期完成","unitId":"unit-1"}' WHERE position = 5`);
      const { status, stdout } = await cli(path);
      expect(status).toBe(1);
      expect(stdout).toContain('LEDGER MISMATCH (CONTENT_CHANGED) at event 5, position 5');
      expect(stdout).toContain('在记录后被修改');
    });

    it('names the row after a deleted one', async () => {
      tamper('DELETE FROM events WHERE position = 3');
      const { status, stdout } = await cli(path);
      expect(status).toBe(1);
      expect(stdout).toContain('LEDGER MISMATCH (CHAIN_BROKEN) at event 3, position 4');
    });

    /** What a server that appended them saw: the witness beside the file, at the head it reached. */
    const witnessTheHead = async () => {
      const store = new SqliteEventStore(path);
      const head = (await store.headPosition())!.commit;
      writeWitness(`${path}.witness.json`, {
        storeId: (await store.identify()).storeId,
        kind: 'sqlite',
        location: path,
        head: String(head),
        headHash: store.chainHashAt(head),
        headEvent: { id: (await store.eventIdAt({ commit: head, prepare: head }))!, position: String(head) },
        seenAt: '2026-04-10T01:00:00.000Z',
      });
      await takeCheckpoint(store.ledger(), privateKey, now);
      await store.close();
    };
    const truncate = 'DELETE FROM events WHERE position > 5; DELETE FROM ledger_checkpoints;';

    it('names the newest events removed together with the checkpoints that covered them, as a range, from the file\'s own numbering', async () => {
      await witnessTheHead();
      tamper(truncate);
      const { status, stdout } = await cli(path, '--witness', join(path, '..', 'no-witness.json'));
      expect(status).toBe(1);
      expect(stdout).toContain('LEDGER MISMATCH (LOG_TRUNCATED) at event 6, missing after position 5 up to position 8 (position 6–8)');
      expect(stdout).toContain("the file's own numbering of events (the highest position it ever gave) shows it reached position 8: the events at positions 6 to 8 were removed.");
      expect(stdout).toContain('位置 6 至 8 的事件已被删除');
      expect(stdout).toContain('compared with its own records only');
    });

    it('names them from the store witness when the file\'s numbering and request index were cut back too', async () => {
      await witnessTheHead();
      tamper(`${truncate} UPDATE sqlite_sequence SET seq = 5 WHERE name = 'events'; DELETE FROM sqlite_sequence WHERE name = 'ledger_checkpoints'; DELETE FROM requests;`);
      const { status, stdout } = await cli(path);
      expect(status).toBe(1);
      expect(stdout).toContain(`Compared with the store witness ${path}.witness.json`);
      expect(stdout).toContain('LEDGER MISMATCH (LOG_TRUNCATED) at event 6, missing after position 5 up to position 8 (position 6–8)');
      expect(stdout).toContain(`but the store witness ${path}.witness.json (seen 2026-04-10T01:00:00.000Z) shows it reached position 8`);
      expect(stdout).toContain(`但事件库见证文件 ${path}.witness.json（北京时间 2026-04-10 09:00:00）显示它曾到达位置 8：位置 6 至 8 的事件已被删除。`);
      // Only the witness knew: without it the file looks whole, and the output says what was not compared.
      const alone = await cli(path, '--witness', join(path, '..', 'no-witness.json'));
      expect(alone).toMatchObject({ status: 0 });
      expect(alone.stdout).toContain('No store witness at');
    });

    it('finds a rewritten head, a witness of another store and a damaged witness', async () => {
      await witnessTheHead();
      // The newest event replaced by another with hashes recomputed: same length, another history.
      const forged = { ...urged(8), id: '00000000-0000-4000-8000-0000000000ff' };
      tamper(`DELETE FROM events WHERE position = 8; DELETE FROM ledger_checkpoints; UPDATE sqlite_sequence SET seq = 7 WHERE name = 'events'; DELETE FROM sqlite_sequence WHERE name = 'ledger_checkpoints';`);
      const again = new SqliteEventStore(path);
      await again.appendToStream('finding-0', [forged], { expectedRevision: 'any' });
      await again.close();
      expect(await cli(path)).toMatchObject({ status: 1, stdout: expect.stringContaining('LEDGER MISMATCH (HEAD_REWRITTEN) at event 8, position 8') });

      writeFileSync(`${path}.witness.json`, JSON.stringify({ storeId: 'another-store', kind: 'sqlite', location: path, head: '3', seenAt: '2026-04-10T01:00:00.000Z' }));
      const replaced = await cli(path);
      expect(replaced).toMatchObject({ status: 1, stdout: expect.stringContaining('LEDGER MISMATCH (STORE_REPLACED)') });
      expect(replaced.stdout).toContain('saw store another-store');

      writeFileSync(`${path}.witness.json`, '{"storeId": "cut sho');
      expect(await cli(path)).toMatchObject({ status: 1, stdout: expect.stringContaining('LEDGER MISMATCH (WITNESS_DAMAGED)') });
    });

    // breaker9z P8: the code of 0 events was said to match every store; breaker45-9 M1: any code for 0 events was taken as a
    // code (「前 0 条事件…被修改、删除或调换」 for 0-00000000-…). No checkpoint covers 0 events: refused as no code, exit 2.
    it('given a sound log, when a code for 0 events is given (the root of nothing or any other), then it is refused as not a code, exit 2, nothing verified', async () => {
      for (const zero of ['0-E3B0C442-98FC1C14-9AFBF4C8-996FB924-27AE41E4-649B934C-A495991B-7852B855', `0-${Array(8).fill('00000000').join('-')}`]) {
        const answer = await cli(path, '--code', zero);
        expect(answer.status).toBe(2);
        const said = `${answer.stdout}${answer.stderr}`;
        expect(said).toContain(`--code ${zero} is not a 台账校验码: its count of events is 0, and no checkpoint covers 0 events`);
        expect(said).toContain(`参数 --code ${zero} 不是台账校验码：其事件条数为 0`);
        expect(said).not.toContain('PRINTED_CODE_MISMATCH');
      }
    });

    // breaker9z P10: `--witness` of another installation's store named the office's own checkpoint CHECKPOINT_FOREIGN_KEY, judged by that store's key.
    it('given a sound log with a checkpoint, when --witness names another store\'s signed witness, then that witness is the finding and nothing of it (its key, its seals) judges this log', async () => {
      const store = new SqliteEventStore(path);
      await store.identify();
      await takeCheckpoint(store.ledger(), privateKey, now);
      await store.close();
      const otherKey = generateKeyPairSync('ed25519').privateKey;
      const otherFingerprint = keyFingerprint(publicKeyText(otherKey));
      const other = join(mkdtempSync(join(tmpdir(), 'rectify-other-office-')), 'rectify.db.witness.json');
      writeWitness(
        other,
        signWitness({ storeId: '11f8dbbe-0000-4000-8000-000000000010', kind: 'sqlite', location: '/srv/other/rectify.db', head: '99', sealedRows: true, seenAt: '2026-04-10T01:00:00.000Z' }, otherKey),
      );
      const answer = await cli(path, '--witness', other);
      expect(answer.status).toBe(1);
      expect(answer.stdout).toContain('LEDGER MISMATCH (STORE_REPLACED)');
      expect(answer.stdout).toContain("or that witness is another installation's");
      expect(answer.stdout).toContain('要么该见证文件属于另一套安装');
      expect(answer.stdout).not.toContain('CHECKPOINT_FOREIGN_KEY');
      expect(answer.stdout).not.toContain(otherFingerprint);
      // The checkpoint was judged by the office's key file, and the note says the witness's key was not used.
      expect(answer.stdout).toContain(`Checkpoints must be signed by ${keyFingerprint(publicKeyText(privateKey))}`);
      expect(answer.stdout).toContain('is of another store (11f8dbbe-0000-4000-8000-000000000010), so its key is not used');
      // The JSON says the same.
      const json = JSON.parse((await cli(path, '--witness', other, '--json')).stdout) as { ok: boolean; firstMismatch: { kind: string }; checkpointsChecked: number };
      expect(json).toMatchObject({ ok: false, firstMismatch: { kind: 'STORE_REPLACED' }, checkpointsChecked: 1 });
    });

    it('finds a log rewritten and re-signed with another key: a checkpoint signed by a key the office does not sign with', async () => {
      const store = new SqliteEventStore(path);
      await takeCheckpoint(store.ledger(), privateKey, now);
      await store.close();
      // The forger's way: edit a row, recompute every hash (the upgrade chains a file without them), re-sign the checkpoint with a key of their own.
      const forger = generateKeyPairSync('ed25519').privateKey;
      tamper(`UPDATE events SET data = '{"message":"已按期完成","unitId":"unit-1"}' WHERE position = 5;
              ALTER TABLE events DROP COLUMN leaf_hash; ALTER TABLE events DROP COLUMN chain_hash; DELETE FROM ledger_checkpoints; DELETE FROM sqlite_sequence WHERE name = 'ledger_checkpoints';`);
      const rechained = new SqliteEventStore(path);
      await takeCheckpoint(rechained.ledger(), forger, now);
      await rechained.close();
      const forged = await cli(path);
      expect(forged.status).toBe(1);
      expect(forged.stdout).toContain('LEDGER MISMATCH (CHECKPOINT_FOREIGN_KEY) at event 8');
      expect(forged.stdout).toContain(`不是本单位使用的签名密钥（${keyFingerprint(publicKeyText(privateKey))}）`);
      // A key the office rotated out is trusted when listed.
      const rotated = await cliWith({ LEDGER_TRUSTED_KEYS: keyFingerprint(publicKeyText(forger)) }, path);
      expect(rotated).toMatchObject({ status: 0 });

      // The forger also puts their key where the office's was: the store witness names the key the
      // server last signed with, and the key file's is not taken in its place.
      const forgerKeyFile = join(mkdtempSync(join(tmpdir(), 'rectify-forger-key-')), 'ledger.pem');
      writeFileSync(forgerKeyFile, forger.export({ format: 'pem', type: 'pkcs8' }));
      const db = new Database(path, { readonly: true });
      // Stores opened here directly were never given an identity by a server start: any id is theirs.
      const storeId = new SqliteLedger(db).storeId() ?? 'store-of-this-file';
      db.close();
      writeFileSync(
        `${path}.witness.json`,
        JSON.stringify({ storeId, kind: 'sqlite', location: path, head: null, seenAt: '2026-04-10T01:00:00.000Z', signingKey: keyFingerprint(publicKeyText(privateKey)) }),
      );
      const swapped = await cliWith({ LEDGER_SIGNING_KEY_FILE: forgerKeyFile }, path);
      expect(swapped.status).toBe(1);
      expect(swapped.stdout).toContain('LEDGER MISMATCH (CHECKPOINT_FOREIGN_KEY) at event 8');
      expect(swapped.stdout).toContain(`holds key ${keyFingerprint(publicKeyText(forger))}, not key ${keyFingerprint(publicKeyText(privateKey))} the server last signed with`);
    });

    it('finds a deleted checkpoint by the gap in their numbering', async () => {
      const store = new SqliteEventStore(path);
      await takeCheckpoint(store.ledger(), privateKey, now);
      await store.appendToStream('finding-9', [urged(9)], { expectedRevision: 'no_stream' });
      await takeCheckpoint(store.ledger(), privateKey, now);
      await store.appendToStream('finding-10', [urged(10)], { expectedRevision: 'no_stream' });
      await takeCheckpoint(store.ledger(), privateKey, now);
      await store.close();
      tamper('DELETE FROM ledger_checkpoints WHERE sequence = 2');
      const { status, stdout } = await cli(path);
      expect(status).toBe(1);
      expect(stdout).toContain('LEDGER MISMATCH (CHECKPOINT_MISSING) at event 9');
      expect(stdout).toContain('校验点 2 缺失（在校验点 1（北京时间 2026-04-10 09:00:00，涵盖 8 条事件）之后）');
    });

    it('names the first of two reordered rows', async () => {
      // Rows 2 and 6 trade places, hashes and all: each still matches its own content.
      tamper(`UPDATE events SET position = -2 WHERE position = 2;
              UPDATE events SET position = 2 WHERE position = 6;
              UPDATE events SET position = 6 WHERE position = -2;`);
      const { status, stdout } = await cli(path);
      expect(status).toBe(1);
      expect(stdout).toContain('LEDGER MISMATCH (CHAIN_BROKEN) at event 2, position 2');
    });

    it('names the checkpoint that no longer matches when the hashes were recomputed after an edit', async () => {
      const store = new SqliteEventStore(path);
      await takeCheckpoint(store.ledger(), privateKey, now);
      await store.close();
      tamper(`UPDATE events SET data = '{"message":"已按期完成","unitId":"unit-1"}' WHERE position = 5;
              ALTER TABLE events DROP COLUMN leaf_hash; ALTER TABLE events DROP COLUMN chain_hash;`);
      // Opening it re-chains the edited log as an upgrade would: only the signed checkpoint knows better.
      await new SqliteEventStore(path).close();
      const { status, stdout } = await cli(path);
      expect(status).toBe(1);
      expect(stdout).toContain('LEDGER MISMATCH (CHECKPOINT_MISMATCH) at event 8, position 8');
    });

    it('finds rows removed from the end by the checkpoint that covered them', async () => {
      const store = new SqliteEventStore(path);
      await takeCheckpoint(store.ledger(), privateKey, now);
      await store.close();
      tamper('DELETE FROM events WHERE position > 6');
      expect((await verifyFile(path)).firstMismatch).toMatchObject({ kind: 'LOG_TRUNCATED', eventNumber: 7, checkpointTreeSize: 8 });
    });
  });

  it('verifies in slices that give the event loop back, reading the log a few hundred rows at a time (breaker12e P6: 100k events held every request 14.6 s)', async () => {
    const path = freshPath();
    const store = new SqliteEventStore(path);
    await store.appendToStream('finding-many', Array.from({ length: 600 }, (_, n) => urged(n + 1)), { expectedRevision: 'no_stream' });
    let turns = 0;
    let ticking = true;
    const tick = () => {
      turns += 1;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const result = await verifyLedger(store.ledger(), {}, slicer(0));
    ticking = false;
    expect(result).toMatchObject({ ok: true, eventsChecked: 600 });
    // A pause after every event with slices of 0 ms: the loop turns about once an event (before: never, the log read in one statement).
    expect(turns).toBeGreaterThan(500);
    await store.close();
  });

  describe('checkpoints and inclusion proofs', () => {
    it('signs the head, answers the same checkpoint while nothing was appended, and proves an event in log-many hashes', async () => {
      const store = await givenStore(freshPath(), 13);
      const ledger = store.ledger();
      const { checkpoint, taken } = await takeCheckpoint(ledger, privateKey, now);
      expect(taken).toBe(true);
      expect(checkpoint).toMatchObject({ sequence: 1, treeSize: 13, headPosition: '13', takenAt: now.toISOString() });
      expect(checkpointSignatureHolds(checkpoint)).toBe(true);
      expect(await takeCheckpoint(ledger, privateKey, new Date('2026-04-11T01:00:00Z'))).toEqual({ checkpoint, taken: false });

      await store.appendToStream('finding-x', [urged(14)], { expectedRevision: 'no_stream' });
      const proof = await proveEvent(ledger, urged(9).id, 1);
      expect(proof).toMatchObject({ eventId: urged(9).id, position: '9', leafIndex: 8 });
      expect(proof.auditPath.length).toBeLessThanOrEqual(Math.ceil(Math.log2(13)));
      // Checked with nothing but the proof: the leaf from the event's canonical JSON, the root from the checkpoint.
      const leaf = leafHash(Buffer.from(proof.canonicalEvent, 'utf8'));
      expect(leaf.toString('hex')).toBe(proof.leafHash);
      expect(verifyInclusion(proof.leafIndex, proof.checkpoint.treeSize, leaf, proof.auditPath.map((hash) => Buffer.from(hash, 'hex')), proof.checkpoint.rootHash)).toBe(true);
      expect(JSON.parse(proof.canonicalEvent)).toMatchObject({ id: urged(9).id, data: urged(9).data });

      await expect(proveEvent(ledger, urged(14).id, 1)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
      await expect(proveEvent(ledger, urged(99).id, 1)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(proveEvent(ledger, urged(9).id, 2)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await store.close();
    });

    // breaker9x P4 (serious): a row rewritten without the key, its public hashes recomputed, got a signed 台账校验码 and an inclusion proof.
    it('signs no checkpoint over a row without the office seal, nor over rows a checkpoint covers that were changed since; nothing is kept', async () => {
      const path = freshPath();
      const store = await givenStore(path, 5);
      const sealKey = rowSealKeyOf(privateKey);
      // As a server does at start: the rows so far sealed, every append sealed from then on.
      store.sealRows(sealKey, true);
      const ledger = store.ledger();
      expect((await takeCheckpoint(ledger, privateKey, now, undefined, sealKey)).taken).toBe(true);
      await store.appendToStream('finding-0', [urged(6)], { expectedRevision: 'any' });
      expect((await takeCheckpoint(ledger, privateKey, new Date('2026-04-10T02:00:00Z'), undefined, sealKey)).checkpoint.sequence).toBe(2);

      // Appended by hand with its leaf and chain hashes computed as the README spells them, but no seal.
      const other = new Database(path);
      const forged = appendChainedRow(other, { eventId: '00000000-0000-4000-8000-00000000f00d', streamId: 'finding-9', revision: 0, type: 'UnitUrged', schemaVersion: 1, data: JSON.stringify({ message: '伪造', unitId: 'unit-1' }), metadata: JSON.stringify(metadata(7)), recordedAt: '2026-04-01T07:00:00.000Z' }, { sealed: false });
      await expect(takeCheckpoint(ledger, privateKey, new Date('2026-04-10T03:00:00Z'), undefined, sealKey)).rejects.toMatchObject({ code: 'CONFLICT', messageZh: expect.stringContaining(`位置 ${forged} 的事件并非本系统写入时的样子`) });
      other.prepare('DELETE FROM events WHERE position = ?').run(forged);

      // A row checkpoint 2 covers, its leaf hash replaced (as a recomputation after an edit leaves it).
      other.prepare('UPDATE events SET leaf_hash = randomblob(32) WHERE position = 3').run();
      other.close();
      await store.appendToStream('finding-1', [urged(8)], { expectedRevision: 'any' });
      await expect(takeCheckpoint(ledger, privateKey, new Date('2026-04-10T04:00:00Z'), undefined, sealKey)).rejects.toMatchObject({ code: 'CONFLICT', messageZh: expect.stringContaining('台账与校验点 2') });
      expect((await ledger.latestCheckpoint())!.sequence).toBe(2);
      await store.close();
    });

    // breaker9y P1, P4 (serious): a row deleted from the middle (or two swapped) kept every seal and leaf hash, and a checkpoint was
    // signed over the cut log; a root written into the latest checkpoint's row stood in for the signed one.
    it('signs no checkpoint over rows that no longer chain since the latest, nor after a latest checkpoint whose stored fields are not what was signed', async () => {
      const path = freshPath();
      const store = await givenStore(path, 5);
      const sealKey = rowSealKeyOf(privateKey);
      store.sealRows(sealKey, true);
      const ledger = store.ledger();
      expect((await takeCheckpoint(ledger, privateKey, now, undefined, sealKey)).taken).toBe(true);
      for (const n of [6, 7, 8]) await store.appendToStream('finding-0', [urged(n)], { expectedRevision: 'any' });
      const other = new Database(path);
      // The middle one of the three acknowledged since the checkpoint, deleted: every row left is sealed and matches its leaf hash.
      other.prepare('DELETE FROM events WHERE position = 7').run();
      await expect(takeCheckpoint(ledger, privateKey, new Date('2026-04-10T02:00:00Z'), undefined, sealKey)).rejects.toMatchObject({
        code: 'CONFLICT',
        messageZh: expect.stringContaining('位置 8 的事件与其前一条事件在哈希链上接不上'),
      });
      expect((await ledger.latestCheckpoint())!.sequence).toBe(1);
      other.close();
      await store.close();

      // The latest checkpoint's stored root replaced (its body and signature left): not what the office signed.
      const second = freshPath();
      const again = await givenStore(second, 5);
      again.sealRows(sealKey, true);
      const ledger2 = again.ledger();
      expect((await takeCheckpoint(ledger2, privateKey, now, undefined, sealKey)).taken).toBe(true);
      await again.appendToStream('finding-0', [urged(6)], { expectedRevision: 'any' });
      // Signed by a key the office does not sign with (its fingerprint not among the trusted): refused.
      await expect(takeCheckpoint(ledger2, privateKey, new Date('2026-04-10T01:30:00Z'), undefined, sealKey, ['0000000000000000'])).rejects.toMatchObject({
        code: 'CONFLICT',
        messageZh: expect.stringContaining('校验点 1 的存储内容与本单位签署的不符'),
      });
      const forger = new Database(second);
      forger.prepare('UPDATE ledger_checkpoints SET root_hash = randomblob(32)').run();
      forger.close();
      await expect(takeCheckpoint(ledger2, privateKey, new Date('2026-04-10T02:00:00Z'), undefined, sealKey)).rejects.toMatchObject({
        code: 'CONFLICT',
        messageZh: expect.stringContaining('校验点 1 的存储内容与本单位签署的不符'),
      });
      await again.close();
    });

    // newcomer54-9 M6: right after a key rotation, 生成台账校验码 answered the old key's checkpoint of the same head.
    it('signs the head anew under a new key when the latest checkpoint of that head is the former key\'s, then answers that one while nothing is appended', async () => {
      const store = await givenStore(freshPath(), 6);
      const ledger = store.ledger();
      const before = await takeCheckpoint(ledger, privateKey, now);
      const { privateKey: rotated } = generateKeyPairSync('ed25519');
      const former = [{ fingerprint: keyFingerprint(publicKeyText(privateKey)), upToEvents: 6, declaredAt: '2026-04-10T01:30:00.000Z' }];
      const after = await takeCheckpoint(ledger, rotated, new Date('2026-04-10T02:00:00.000Z'));
      expect(after.taken).toBe(true);
      expect(after.checkpoint).toMatchObject({ sequence: 2, treeSize: 6, rootHash: before.checkpoint.rootHash });
      expect(keyFingerprint(after.checkpoint.publicKey)).toBe(keyFingerprint(publicKeyText(rotated)));
      expect(await takeCheckpoint(ledger, rotated, new Date('2026-04-10T03:00:00.000Z'))).toEqual({ checkpoint: after.checkpoint, taken: false });
      const result = await verifyLedger(ledger, { trustedKeys: [keyFingerprint(publicKeyText(rotated))], formerKeys: former });
      expect(result).toMatchObject({ ok: true, checkpointsChecked: 2, firstMismatch: null });
      expect(result.signingKeys).toEqual([keyFingerprint(publicKeyText(privateKey)), keyFingerprint(publicKeyText(rotated))]);
      await store.close();
    });

    // breaker9i (minor): two servers on one file each kept a checkpoint of the same head (12 and 13, both over 821 events).
    it('keeps one checkpoint of a head when two processes on the file sign it at one moment: the later save answers the kept one', async () => {
      const path = freshPath();
      const first = await givenStore(path, 7);
      const second = new SqliteEventStore(path);
      // The second read the newest checkpoint before the first kept its own: it saw none, and signs the same head.
      const sawNone = new Proxy(second.ledger(), {
        get: (target, property) => (property === 'latestCheckpoint' ? () => null : (Reflect.get(target, property, target) as unknown as (...args: unknown[]) => unknown)?.bind?.(target) ?? Reflect.get(target, property, target)),
      });
      const kept = await takeCheckpoint(first.ledger(), privateKey, now);
      const again = await takeCheckpoint(sawNone, privateKey, new Date('2026-04-10T01:00:01.000Z'));
      expect(again).toEqual({ checkpoint: kept.checkpoint, taken: false });
      expect(first.ledger().checkpoints().map(({ sequence, treeSize }) => ({ sequence, treeSize }))).toEqual([{ sequence: 1, treeSize: 7 }]);
      await first.appendToStream('finding-x', [urged(8)], { expectedRevision: 'no_stream' });
      expect((await takeCheckpoint(sawNone, privateKey, now)).checkpoint).toMatchObject({ sequence: 2, treeSize: 8 });
      await second.close();
      await first.close();
    });

    it('proves an event from the kept levels and at most two blocks of stored leaves, not the whole tree, in a checkpoint older than the head too, and refuses a proof the stored rows no longer give (breaker12e P5)', async () => {
      const path = freshPath();
      const store = new SqliteEventStore(path);
      const many = (from: number, count: number) => Array.from({ length: count }, (_, n) => urged(from + n));
      await store.appendToStream('finding-many', many(1, 1100), { expectedRevision: 'no_stream' });
      const ledger = store.ledger();
      const { checkpoint } = await takeCheckpoint(ledger, privateKey, now);
      await store.appendToStream('finding-many', many(1101, 300), { expectedRevision: 'any' });
      await takeCheckpoint(ledger, privateKey, new Date('2026-04-11T01:00:00Z'));
      const hashed = jest.spyOn(MerkleFrontier.prototype, 'append');
      try {
        for (const n of [1, 6, 300, 1024, 1100]) {
          hashed.mockClear();
          const proof = await proveEvent(ledger, urged(n).id, checkpoint.sequence);
          // Whole-tree proofs hashed every leaf twice (2,200 here, 2,000,000 at a million events).
          expect(hashed.mock.calls.length).toBeLessThan(600);
          expect(proof).toMatchObject({ leafIndex: n - 1, position: String(n) });
          const leaves = ledger.leafHashes(1100);
          expect(proof.auditPath).toEqual(inclusionProof(n - 1, leaves).map((hash) => hash.toString('hex')));
          expect(verifyInclusion(n - 1, 1100, Buffer.from(proof.leafHash, 'hex'), proof.auditPath.map((hash) => Buffer.from(hash, 'hex')), checkpoint.rootHash)).toBe(true);
        }
        // Another connection (a restarted server): its first proof reads the log once, the next ones do not.
        const db = new Database(path, { readonly: true });
        const fresh = new SqliteLedger(db);
        await proveEvent(fresh, urged(700).id, 1);
        hashed.mockClear();
        expect((await proveEvent(fresh, urged(701).id, 1)).leafIndex).toBe(700);
        expect(hashed.mock.calls.length).toBeLessThan(600);
        db.close();

        const tamper = new Database(path);
        tamper.prepare('UPDATE events SET leaf_hash = ? WHERE position = 3').run(Buffer.alloc(32, 7));
        await expect(proveEvent(ledger, urged(5).id, 1)).rejects.toMatchObject({ code: 'CONFLICT' });
        tamper.prepare(`UPDATE events SET data = '{"message":"已按期完成","unitId":"unit-1"}' WHERE position = 900`).run();
        await expect(proveEvent(ledger, urged(900).id, 1)).rejects.toMatchObject({ code: 'CONFLICT' });
        tamper.exec('DELETE FROM events WHERE position > 1000');
        await expect(proveEvent(ledger, urged(950).id, 1)).rejects.toMatchObject({ code: 'CONFLICT' });
        tamper.close();
      } finally {
        hashed.mockRestore();
        await store.close();
      }
    });

    it('reads only the rows appended since its last head, giving the event loop back between slices, and agrees with the whole log read again (breaker12c P8)', async () => {
      const path = freshPath();
      const store = await givenStore(path, 13);
      const db = new Database(path);
      const ledger = new SqliteLedger(db);
      const leavesRead = jest.spyOn(MerkleFrontier.prototype, 'append');
      try {
        let otherWorkRan = false;
        setImmediate(() => (otherWorkRan = true));
        const first = await ledger.head(4);
        expect(otherWorkRan).toBe(true);
        expect(leavesRead).toHaveBeenCalledTimes(13);
        expect(first).toMatchObject({ treeSize: 13, headPosition: '13' });
        expect(first.rootHash.equals(merkleRoot(ledger.leafHashes(13)))).toBe(true);

        for (let i = 14; i <= 16; i += 1) await store.appendToStream(`finding-${i}`, [urged(i)], { expectedRevision: 'no_stream' });
        leavesRead.mockClear();
        const second = await ledger.head();
        expect(leavesRead).toHaveBeenCalledTimes(3);
        expect(second).toMatchObject({ treeSize: 16, headPosition: '16' });
        expect(second.rootHash.equals(merkleRoot(ledger.leafHashes(16)))).toBe(true);
        const another = new Database(path, { readonly: true });
        expect(second).toEqual(await new SqliteLedger(another).head());
        another.close();

        // A file cut back behind the server (an older backup put in place): the whole log is read again.
        db.exec('DELETE FROM events WHERE position > 5');
        leavesRead.mockClear();
        const cut = await ledger.head();
        expect(leavesRead).toHaveBeenCalledTimes(5);
        expect(cut).toMatchObject({ treeSize: 5, headPosition: '5' });
        expect(cut.rootHash.equals(merkleRoot(ledger.leafHashes(5)))).toBe(true);
      } finally {
        leavesRead.mockRestore();
        db.close();
        await store.close();
      }
    });
  });
});

describe('request-index rows that are not their event’s request (breaker9x P7)', () => {
  it('lists a row copied under another key (with the row it was copied from); the genuine index lists none', async () => {
    const path = freshPath();
    const store = new SqliteEventStore(path);
    await store.appendToStream('finding-1', [urged(1)], { expectedRevision: 'no_stream', request: { key: 'key-real', commandId: 'command-1', digest: 'd1' } });
    await store.appendToStream('finding-2', [urged(2)], { expectedRevision: 'no_stream', request: { key: 'key-two', commandId: 'command-2', digest: 'd2' } });
    await store.close();
    const db = new Database(path);
    expect(new SqliteLedger(db).indexRowsWithoutEvents().sharedCommands).toEqual({ total: 0, rows: [] });
    // Copied under a key never used: it names a real event, so "an event the log does not hold" missed it.
    db.prepare(`INSERT INTO requests (request_key, command_id, request_digest, stream_id, revision, position) SELECT 'key-future', command_id, request_digest, stream_id, revision, position FROM requests WHERE request_key = 'key-real'`).run();
    const found = new SqliteLedger(db).indexRowsWithoutEvents();
    db.close();
    expect(found.sharedCommands.total).toBe(2);
    expect(found.sharedCommands.rows.map((row) => row.key).sort()).toEqual(['key-future', 'key-real']);
    const verified = await cli(path);
    expect(verified.status).toBe(1);
    expect(verified.stdout).toContain('请求索引中有 2 行对应的操作同时出现在另一个请求键下');
    expect(verified.stdout).toContain('  请求键 key-future：指向位置 1');
  });
});

describe('a request-index row that is not its event’s request, found by a request under its key (breaker9x P7)', () => {
  it('is refused as an altered row — never CONFLICT for a request never sent, never "already recorded"', async () => {
    const path = freshPath();
    const store = new SqliteEventStore(path);
    await store.appendToStream('finding-1', [urged(1)], { expectedRevision: 'no_stream', request: { key: 'key-real', commandId: 'command-1', digest: 'd1' } });
    expect(await store.findRequest('key-real')).toMatchObject({ commandId: 'command-1' });
    const db = new Database(path);
    db.prepare(`INSERT INTO requests (request_key, command_id, request_digest, stream_id, revision, position) SELECT 'key-future', command_id, 'd-future', stream_id, revision, position FROM requests WHERE request_key = 'key-real'`).run();
    db.close();
    await expect(store.findRequest('key-future')).rejects.toMatchObject({ name: 'AlteredRowError' });
    expect(await store.findRequest('never-used')).toBeNull();
    await store.close();
  });
});

describe('a row deleted from the middle of the log, its request-index row left (breaker9y P1)', () => {
  it('is named by the missing position, and its genuine request row is listed as an event deleted — not as a row put in by hand', async () => {
    const path = freshPath();
    const store = new SqliteEventStore(path);
    for (const n of [1, 2, 3]) await store.appendToStream(`finding-${n}`, [urged(n)], { expectedRevision: 'no_stream', request: { key: `key-${n}`, commandId: `command-${n}`, digest: `d${n}` } });
    await store.close();
    const db = new Database(path);
    db.prepare('DELETE FROM events WHERE position = 2').run();
    const result = await verifyLedger(new SqliteLedger(db));
    const rows = new SqliteLedger(db).indexRowsWithoutEvents();
    db.close();
    expect(result.firstMismatch).toMatchObject({ kind: 'CHAIN_BROKEN', position: '3', missingAfter: '1', missingUpTo: '2' });
    expect(result.firstMismatch!.message).toContain('the events at position 2 before it are missing — they were deleted from the log');
    expect(result.firstMismatch!.messageZh).toContain('其前位置 2 的事件缺失');
    expect(rows.requests).toEqual({ total: 0, rows: [] });
    expect(rows.eventsDeleted).toEqual({ total: 1, rows: [{ key: 'key-2', streamId: 'finding-2', revision: 0, position: 2 }] });
    const verified = await cli(path);
    expect(verified.status).toBe(1);
    expect(verified.stdout).toContain('事件被删除：请求索引中有 1 次请求所记录的位置在日志中已不存在');
    expect(verified.stdout).not.toContain('请求索引被改动');
    // The one position deleted named once (breaker9z P2 c: 「缺少位置 1 之后直到位置 2 的事件」 read as two).
    expect(verified.stdout).toMatch(/台账不符（CHAIN_BROKEN）：第 2 条事件，位置 3，事件 [0-9a-f-]+，缺少位置 2 的事件：/);
    expect(verified.stdout).toMatch(/LEDGER MISMATCH \(CHAIN_BROKEN\) at event 2, position 3, event [0-9a-f-]+, missing after position 1 up to position 2 \(position 2\):/);
  });
});
