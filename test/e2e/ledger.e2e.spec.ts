import { jest } from '@jest/globals';
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { createHash, createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { leafHash, merkleRoot, verifyInclusion } from '../../src/ledger/domain/merkle.js';
import { GENESIS_CHAIN_HASH, hashEvent } from '../../src/ledger/domain/event-chain.js';
import { DEFAULT_SIGNING_KEY_PATH } from '../../src/ledger/ledger-signing-key.js';
import { LedgerService } from '../../src/ledger/ledger.service.js';
import { keyFingerprint, ledgerCode, publicKeyText } from '../../src/ledger/domain/checkpoint.js';
import { StoreRefusedError } from '../../src/event-store/store-witness.js';
import { TestApp, errorCode, freshDatabasePath, startTestApp } from '../support/test-app.js';

/** The tamper-evident ledger as an administrator and a supervisor use it, on a real SQLite file. */
describe('Ledger over GraphQL', () => {
  let app: TestApp;
  let sqlitePath: string;
  let admin: Record<string, string>;

  const ok = async (query: string, variables: Record<string, unknown> = {}, as?: Record<string, string>) => {
    const response = await app.graphql(query, variables, as);
    expect(response.errors).toBeUndefined();
    return response.data!;
  };
  const checkpointFields = 'sequence treeSize ledgerCode rootHash chainHash headPosition takenAt body signature publicKey keyFingerprint';

  beforeAll(async () => {
    sqlitePath = freshDatabasePath();
    // No LEDGER_SIGNING_KEY_FILE: the server generates its key.
    app = await startTestApp({ demoData: true, sqlitePath, now: '2026-12-31T17:00:00+08:00', settings: { LEDGER_SIGNING_KEY_FILE: '' } });
    admin = await app.as('ADMIN');
    // Signed in before the checkpoint: a user's first sign-in appends their account.
    await app.as('SUPERVISOR');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('keeps the signing key it generates when none is configured in ./keys, outside the data directory, readable by its owner only', () => {
    expect(existsSync(join(dirname(sqlitePath), 'ledger-signing-key.pem'))).toBe(false);
    expect(existsSync(DEFAULT_SIGNING_KEY_PATH)).toBe(true);
    expect(statSync(DEFAULT_SIGNING_KEY_PATH).mode & 0o077).toBe(0);
  });

  it('takes a signed checkpoint on demand whose 台账校验码 a supervisor can read, and verifies the ledger against it', async () => {
    const taken = (await ok(`mutation { takeLedgerCheckpoint { ${checkpointFields} } }`, {}, admin)).takeLedgerCheckpoint;
    const head = await app.logPosition();
    expect(taken).toMatchObject({ sequence: 1, headPosition: head, takenAt: '2026-12-31T09:00:00.000Z' });
    expect(taken.ledgerCode).toMatch(new RegExp(`^${taken.treeSize}(-[0-9A-F]{8}){8}$`));
    expect(taken.ledgerCode.replaceAll('-', '').slice(String(taken.treeSize).length)).toBe(taken.rootHash.toUpperCase());
    // Nothing appended since: the same checkpoint.
    expect((await ok(`mutation { takeLedgerCheckpoint { sequence } }`, {}, admin)).takeLedgerCheckpoint.sequence).toBe(1);

    const listed = (await ok(`{ ledgerCheckpoints { sequence ledgerCode } }`)).ledgerCheckpoints;
    expect(listed).toEqual([{ sequence: 1, ledgerCode: taken.ledgerCode }]);

    const verification = (await ok(`{ verifyLedger { ok eventsChecked checkpointsChecked headPosition firstMismatch { kind } signingKeys } }`, {}, admin)).verifyLedger;
    expect(verification).toEqual({ ok: true, eventsChecked: taken.treeSize, checkpointsChecked: 1, headPosition: head, firstMismatch: null, signingKeys: [taken.keyFingerprint] });
  });

  it('takes the periodic checkpoint only when events were appended since the last one', async () => {
    const ledger = app.app.get(LedgerService);
    expect(await ledger.checkpointIfAppended()).toBeNull();
    await app.as('INSPECTOR');
    expect(await ledger.checkpointIfAppended()).toMatchObject({ sequence: 2, headPosition: await app.logPosition() });
    expect(await ledger.checkpointIfAppended()).toBeNull();
  });

  it("proves a finding's event is in the checkpoint with a path anyone can check, and refuses what it cannot prove in Chinese too", async () => {
    const finding = (await ok(`{ findings(first: 1) { nodes { id } } }`)).findings.nodes[0].id as string;
    const history = (await ok(`query($id: ID!) { finding(id: $id) { history { eventId eventType } } }`, { id: finding })).finding.history as { eventId: string }[];
    const proof = (
      await ok(
        `query($eventId: ID!) { proveEvent(eventId: $eventId, checkpoint: 1) { eventId leafIndex canonicalEvent leafHash auditPath checkpoint { treeSize rootHash } } }`,
        { eventId: history[0]!.eventId },
      )
    ).proveEvent;
    const leaf = leafHash(Buffer.from(proof.canonicalEvent, 'utf8'));
    expect(leaf.toString('hex')).toBe(proof.leafHash);
    expect(proof.auditPath.length).toBeLessThanOrEqual(Math.ceil(Math.log2(proof.checkpoint.treeSize)));
    expect(verifyInclusion(proof.leafIndex, proof.checkpoint.treeSize, leaf, proof.auditPath.map((hash: string) => Buffer.from(hash, 'hex')), Buffer.from(proof.checkpoint.rootHash, 'hex'))).toBe(true);

    const unknownCheckpoint = await app.graphql(`query($eventId: ID!) { proveEvent(eventId: $eventId, checkpoint: 99) { leafIndex } }`, { eventId: history[0]!.eventId });
    expect(errorCode(unknownCheckpoint)).toBe('NOT_FOUND');
    expect(unknownCheckpoint.errors![0]!.extensions!.messageZh).toBe('台账校验点 99 不存在。');

    // Whatever is sent as an id, the answer never echoes it: a 20 KB "id" gets a short refusal.
    const huge = 'x'.repeat(20_000);
    const malformed = await app.graphql(`query($eventId: ID!) { proveEvent(eventId: $eventId, checkpoint: 1) { leafIndex } }`, { eventId: huge });
    expect(errorCode(malformed)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(malformed).length).toBeLessThan(2_000);
    expect(malformed.errors![0]!.extensions!.messageZh).toContain('eventId 必须是事件编号');

  });

  it('withholds credentials from every proof, ADMIN’s too: a password hash or a token hash never leaves the server, and the proof stays checkable; an account’s events are not proved to a SUPERVISOR (breaker9z S2)', async () => {
    const db = new Database(sqlitePath, { readonly: true });
    const stored = (type: string) => db.prepare('SELECT event_id AS id, data FROM events WHERE type = ? ORDER BY position LIMIT 1').get(type) as { id: string; data: string };
    const cases = [stored('InitialPasswordSet'), stored('AccessTokenIssued')];
    db.close();
    for (const [event, field] of [[cases[0]!, 'passwordHash'], [cases[1]!, 'tokenSha256']] as const) {
      const secret = (JSON.parse(event.data) as Record<string, string>)[field]!;
      // An account's events are an ADMIN's to prove (a SUPERVISOR does not read them otherwise either).
      const refused = await app.graphql(`query($eventId: ID!) { proveEvent(eventId: $eventId, checkpoint: 1) { canonicalEvent } }`, { eventId: event.id }, await app.as('SUPERVISOR'));
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ACCOUNT_EVENT', messageZh: '只有系统管理员可以证明账号的记录（登录、设置密码、签发令牌等）。' });
      expect(JSON.stringify(refused)).not.toContain(secret);
      for (const as of [admin]) {
        const proof = (
          await ok(`query($eventId: ID!) { proveEvent(eventId: $eventId, checkpoint: 1) { leafIndex canonicalEvent withheldFields leafHash auditPath checkpoint { treeSize rootHash } } }`, { eventId: event.id }, as)
        ).proveEvent;
        expect(proof.canonicalEvent).not.toContain(secret);
        expect(proof.withheldFields).toEqual([`data.${field}`]);
        const commitment = `WITHHELD:sha256:${createHash('sha256').update(JSON.stringify(secret), 'utf8').digest('hex')}`;
        expect(proof.canonicalEvent).toContain(`"${field}":"${commitment}"`);
        // The leaf hash's inclusion is checked as for any event…
        const leaf = Buffer.from(proof.leafHash, 'hex');
        expect(verifyInclusion(proof.leafIndex, proof.checkpoint.treeSize, leaf, proof.auditPath.map((hash: string) => Buffer.from(hash, 'hex')), Buffer.from(proof.checkpoint.rootHash, 'hex'))).toBe(true);
        // …and the value, if the office ever discloses it, put back in its place gives the leaf data.
        expect(leafHash(Buffer.from(proof.canonicalEvent, 'utf8')).equals(leaf)).toBe(false);
        expect(leafHash(Buffer.from(proof.canonicalEvent.replace(JSON.stringify(commitment), JSON.stringify(secret)), 'utf8')).equals(leaf)).toBe(true);
      }
    }
  });

  it('prices a proof as a stream read and a verification at more than half a query: 150 aliased proofs and two verifications are refused before they run, 10 proofs answered, verifications at once share one run (breaker12e P5, P6)', async () => {
    const supervisor = await app.as('SUPERVISOR');
    const finding = (await ok(`{ findings(first: 1) { nodes { id } } }`)).findings.nodes[0].id as string;
    const eventId = ((await ok(`query($id: ID!) { finding(id: $id) { history { eventId } } }`, { id: finding })).finding.history as { eventId: string }[])[0]!.eventId;
    const { sequence } = (await ok(`mutation { takeLedgerCheckpoint { sequence } }`, {}, admin)).takeLedgerCheckpoint;
    const proofs = (count: number) => `query($e: ID!) { ${Array.from({ length: count }, (_, i) => `p${i}: proveEvent(eventId: $e, checkpoint: ${sequence}) { leafIndex }`).join(' ')} }`;
    const refused = await app.graphql(proofs(150), { e: eventId }, supervisor);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'QUERY_TOO_COSTLY' });
    const answered = await ok(proofs(10), { e: eventId }, supervisor);
    expect(new Set(Object.values(answered).map((proof) => (proof as { leafIndex: number }).leafIndex)).size).toBe(1);
    const verifications = await app.graphql(`{ a: verifyLedger { ok } b: verifyLedger { ok } }`, {}, admin);
    expect(verifications.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'QUERY_TOO_COSTLY' });
    const ledger = app.app.get(LedgerService);
    const runs = jest.spyOn(ledger as unknown as { verifyNow: () => Promise<unknown> }, 'verifyNow');
    try {
      const both = await Promise.all([ok(`{ verifyLedger { ok } }`, {}, admin), ok(`{ verifyLedger { ok } }`, {}, admin)]);
      expect(both).toEqual([{ verifyLedger: { ok: true } }, { verifyLedger: { ok: true } }]);
      expect(runs.mock.calls.length).toBeLessThanOrEqual(2);
      runs.mockClear();
      const [first, second] = [ledger.verify(), ledger.verify()];
      expect(first).toBe(second);
      await first;
      expect(runs).toHaveBeenCalledTimes(1);
    } finally {
      runs.mockRestore();
    }
  });

  it('names the row edited in the SQLite file under the running server, in verifyLedger and in ledger:verify alike', async () => {
    const db = new Database(sqlitePath);
    db.prepare(`UPDATE events SET data = json_set(data, '$.title', '篡改后的标题') WHERE position = 3`).run();
    db.close();
    const verification = (await ok(`{ verifyLedger { ok eventsChecked firstMismatch { kind eventNumber position message messageZh } } }`, {}, admin)).verifyLedger;
    expect(verification).toMatchObject({ ok: false, eventsChecked: 2, firstMismatch: { kind: 'CONTENT_CHANGED', eventNumber: 3, position: '3' } });
    expect(verification.firstMismatch.messageZh).toContain('第 3 条事件（位置 3）在记录后被修改');

    const cli = await promisify(execFile)(process.execPath, [join(process.cwd(), 'dist/cli/ledger-verify.js'), '--db', sqlitePath]).catch((error: { code: number; stdout: string }) => error);
    expect('code' in cli ? cli.code : 0).toBe(1);
    expect(cli.stdout).toContain('LEDGER MISMATCH (CONTENT_CHANGED) at event 3, position 3');
  });
});

describe('Ledger verification against what survives outside the rows', () => {
  it('names the newest events deleted under the running server together with the checkpoints and the file\'s own numbering, from the store witness', async () => {
    const sqlitePath = freshDatabasePath();
    const app = await startTestApp({ demoData: true, sqlitePath });
    try {
      const admin = await app.as('ADMIN');
      await app.graphql(`mutation { takeLedgerCheckpoint { sequence } }`, {}, admin);
      await app.as('INSPECTOR');
      await app.as('SUPERVISOR');
      const head = Number(await app.logPosition());
      const db = new Database(sqlitePath);
      db.exec(`DELETE FROM events WHERE position > ${head - 3}; DELETE FROM ledger_checkpoints; DELETE FROM requests;
               UPDATE sqlite_sequence SET seq = ${head - 3} WHERE name = 'events'; DELETE FROM sqlite_sequence WHERE name = 'ledger_checkpoints';`);
      db.close();
      const response = await app.graphql(`{ verifyLedger { ok eventsChecked firstMismatch { kind eventNumber missingAfter missingUpTo message messageZh } } }`, {}, admin);
      expect(response.data!.verifyLedger).toMatchObject({
        ok: false,
        eventsChecked: head - 3,
        firstMismatch: { kind: 'LOG_TRUNCATED', eventNumber: head - 2, missingAfter: String(head - 3), missingUpTo: String(head) },
      });
      expect(response.data!.verifyLedger.firstMismatch.messageZh).toContain(`事件库见证文件 ${sqlitePath}.witness.json`);
      expect(response.data!.verifyLedger.firstMismatch.messageZh).toContain(`位置 ${head - 2} 至 ${head} 的事件已被删除`);
    } finally {
      await app.close();
    }
  });
});

/** A new Ed25519 key file `<name>.pem` beside the store, as an office (or an intruder) would put one there. */
const newKeyFileBeside = (sqlitePath: string, name: string) => {
  const path = join(dirname(sqlitePath), `${name}.pem`);
  writeFileSync(path, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  return path;
};
const fingerprintOf = (keyPath: string) => keyFingerprint(publicKeyText(createPrivateKey(readFileSync(keyPath, 'utf8'))));
/** The refusal of a start that should be refused; null when it started. */
const refusedStart = (start: Promise<TestApp>) =>
  start.then(
    async (app) => {
      await app.close();
      return null;
    },
    (error: unknown) => error as StoreRefusedError,
  );

describe('Ledger signing key at start', () => {
  it('refuses to start when LEDGER_SIGNING_KEY_FILE names a missing file or a key that is not Ed25519', async () => {
    const sqlitePath = freshDatabasePath();
    await expect(startTestApp({ sqlitePath, settings: { LEDGER_SIGNING_KEY_FILE: join(dirname(sqlitePath), 'missing.pem') } })).rejects.toThrow(
      /LEDGER_SIGNING_KEY_FILE: .*missing\.pem does not exist\. If the office has a signing key/,
    );
    const notAKey = join(dirname(sqlitePath), 'not-a-key.pem');
    writeFileSync(notAKey, 'not a key');
    await expect(startTestApp({ sqlitePath, settings: { LEDGER_SIGNING_KEY_FILE: notAKey } })).rejects.toThrow(/LEDGER_SIGNING_KEY_FILE: .*not-a-key\.pem is not a PEM private key/);
  });

  it('refuses a key file replaced since the last start (the witness keeps the key’s fingerprint), unless the old key is declared trusted', async () => {
    const sqlitePath = freshDatabasePath();
    const keyFile = (name: string) => newKeyFileBeside(sqlitePath, name);
    const office = keyFile('office');
    const witness = () => JSON.parse(readFileSync(`${sqlitePath}.witness.json`, 'utf8')) as { signingKey?: string };
    const first = await startTestApp({ sqlitePath, settings: { LEDGER_SIGNING_KEY_FILE: office } });
    await first.close();
    expect(witness().signingKey).toBe(fingerprintOf(office));

    const replaced = keyFile('replaced');
    const refusal = await refusedStart(startTestApp({ sqlitePath, settings: { LEDGER_SIGNING_KEY_FILE: replaced } }));
    expect(refusal).toBeInstanceOf(StoreRefusedError);
    expect(refusal!.reason).toBe('SIGNING_KEY_CHANGED');
    expect(refusal!.message).toContain(`LEDGER_TRUSTED_KEYS=${fingerprintOf(office)}`);
    expect(witness().signingKey).toBe(fingerprintOf(office));

    // A rotation: the old key listed as trusted, the new one signs from now on.
    const rotated = await startTestApp({ sqlitePath, settings: { LEDGER_SIGNING_KEY_FILE: replaced, LEDGER_TRUSTED_KEYS: fingerprintOf(office) } });
    await rotated.close();
    expect(witness().signingKey).toBe(fingerprintOf(replaced));
  });

  // newcomer50-9 S2: the rotation was not remembered — from the next start on, the office's own checkpoint #1 was called another's
  // (CHECKPOINT_FOREIGN_KEY, by ledger:verify and the 台账校验码 page), and the check stopped there.
  it('remembers a rotation declared once: later starts trust the old key’s checkpoints without LEDGER_TRUSTED_KEYS', async () => {
    const sqlitePath = freshDatabasePath();
    const keyFile = (name: string) => newKeyFileBeside(sqlitePath, name);
    const office = keyFile('office');
    const verify = `{ verifyLedger { ok eventsChecked checkpointsChecked firstMismatch { kind messageZh } } }`;
    const notices = async (app: TestApp) => ((await (await fetch(`${app.url}/health`)).json()) as { notices: { cause: string }[] }).notices.map((notice) => notice.cause);
    const first = await startTestApp({ sqlitePath, demoData: true, settings: { LEDGER_SIGNING_KEY_FILE: office } });
    const taken = (await first.graphql(`mutation { takeLedgerCheckpoint { sequence treeSize } }`, {}, await first.as('ADMIN'))).data!.takeLedgerCheckpoint;
    expect(taken.sequence).toBe(1);
    await first.close();

    // The key lost, a new one in its place: the rotation declared as the refusal says, once.
    const replaced = keyFile('replaced');
    const rotated = await startTestApp({ sqlitePath, settings: { LEDGER_SIGNING_KEY_FILE: replaced, LEDGER_TRUSTED_KEYS: fingerprintOf(office) } });
    await rotated.close();
    const witness = JSON.parse(readFileSync(`${sqlitePath}.witness.json`, 'utf8')) as { signingKey?: string; formerKeys?: { fingerprint: string; upToEvents: number }[] };
    expect(witness.signingKey).toBe(fingerprintOf(replaced));
    expect(witness.formerKeys).toEqual([expect.objectContaining({ fingerprint: fingerprintOf(office), upToEvents: taken.treeSize })]);

    // Started again without the variable: the office's checkpoint #1 is its own, and checkpoints go on.
    const later = await startTestApp({ sqlitePath, settings: { LEDGER_SIGNING_KEY_FILE: replaced } });
    try {
      const admin = await later.as('ADMIN');
      const checked = (await later.graphql(verify, {}, admin)).data!.verifyLedger;
      expect(checked).toMatchObject({ ok: true, firstMismatch: null, checkpointsChecked: 1 });
      expect(await notices(later)).not.toContain('CHECKPOINT_KEY_NOT_TRUSTED');
      const next = await later.graphql(`mutation { takeLedgerCheckpoint { sequence keyFingerprint } }`, {}, admin);
      expect(next.errors).toBeUndefined();
      expect(next.data!.takeLedgerCheckpoint).toEqual({ sequence: 2, keyFingerprint: fingerprintOf(replaced) });
      expect((await later.graphql(verify, {}, admin)).data!.verifyLedger).toMatchObject({ ok: true, checkpointsChecked: 2 });
    } finally {
      await later.close();
    }
  });

  // breaker9 F4: the witness stripped of its fingerprint and the key file swapped started silently.
  it('refuses a swapped key where the witness names none, judging it by the key of the newest checkpoint, unless that key is declared trusted', async () => {
    const sqlitePath = freshDatabasePath();
    const keyFile = (name: string) => newKeyFileBeside(sqlitePath, name);
    const witnessPath = `${sqlitePath}.witness.json`;
    const office = keyFile('office');
    const first = await startTestApp({ sqlitePath, demoData: true, settings: { LEDGER_SIGNING_KEY_FILE: office } });
    await first.graphql(`mutation { takeLedgerCheckpoint { sequence } }`, {}, await first.as('ADMIN'));
    await first.close();
    // As an older version wrote it: no fingerprint, unsigned.
    const { signingKey, signature: _unsigned, ...stripped } = JSON.parse(readFileSync(witnessPath, 'utf8')) as { signingKey?: string; signature?: unknown };
    expect(signingKey).toBe(fingerprintOf(office));
    writeFileSync(witnessPath, JSON.stringify(stripped));

    const intruder = keyFile('intruder');
    const refusal = await refusedStart(startTestApp({ sqlitePath, settings: { LEDGER_SIGNING_KEY_FILE: intruder } }));
    expect(refusal).toBeInstanceOf(StoreRefusedError);
    expect(refusal!.reason).toBe('SIGNING_KEY_CHANGED');
    expect(refusal!.message).toContain(`is key ${fingerprintOf(intruder)}, but the store's newest checkpoint (#1) is signed by key ${fingerprintOf(office)}`);
    expect(refusal!.messageZh).toContain(`由密钥 ${fingerprintOf(office)} 签署`);
    expect((JSON.parse(readFileSync(witnessPath, 'utf8')) as { signingKey?: string }).signingKey).not.toBe(fingerprintOf(intruder));

    // With the office's own key, the unsigned witness of a sealed store is itself refused: every
    // version that seals rows signs its witness (breaker9d P5). Accepted once, the witness names the key again.
    const unsigned = await refusedStart(startTestApp({ sqlitePath, settings: { LEDGER_SIGNING_KEY_FILE: office } }));
    expect(unsigned!.reason).toBe('STORE_WITNESS_DAMAGED');
    expect(unsigned!.message).toContain('carries no signature, but the rows of');
    const again = await startTestApp({ sqlitePath, settings: { LEDGER_SIGNING_KEY_FILE: office, ACCEPT_STORE_RESET: 'true' } });
    await again.close();
    expect((JSON.parse(readFileSync(witnessPath, 'utf8')) as { signingKey?: string }).signingKey).toBe(fingerprintOf(office));
  });

  it('signs with the generated key again after a restart', async () => {
    const sqlitePath = freshDatabasePath();
    const fingerprint = async () => {
      const app = await startTestApp({ sqlitePath, demoData: true, settings: { LEDGER_SIGNING_KEY_FILE: '' } });
      try {
        const response = await app.graphql(`mutation { takeLedgerCheckpoint { keyFingerprint } }`, {}, await app.as('ADMIN'));
        return response.data!.takeLedgerCheckpoint.keyFingerprint as string;
      } finally {
        await app.close();
      }
    };
    expect(await fingerprint()).toBe(await fingerprint());
  });
});

describe('ledger:verify and the two indexes beside the chain (breaker9s P2)', () => {
  it('names request-index rows and unique claims that no append wrote, and fails; a clean store passes', async () => {
    const sqlitePath = freshDatabasePath();
    const app = await startTestApp({ demoData: true, sqlitePath });
    await app.close();
    const verify = (...args: string[]) =>
      promisify(execFile)(process.execPath, [join(process.cwd(), 'dist/cli/ledger-verify.js'), '--db', sqlitePath, ...args]).then(
        (answer) => ({ code: 0, stdout: answer.stdout }),
        (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
      );
    const clean = await verify();
    expect(clean.code).toBe(0);
    expect(clean.stdout).not.toContain('被改动');

    const db = new Database(sqlitePath);
    const { position, stream_id: streamId } = db.prepare<[], { position: number; stream_id: string }>('SELECT position, stream_id FROM events ORDER BY position DESC LIMIT 1').get()!;
    // A key that would answer a new request "already recorded" (its write lost), and a claim blocking a name.
    db.prepare('INSERT INTO requests (request_key, command_id, request_digest, stream_id, revision, position) VALUES (?, ?, ?, ?, ?, ?)').run('forged-key', 'c', null, streamId, 99, position);
    db.prepare('INSERT INTO unique_claims (scope, value, stream_id) VALUES (?, ?, ?)').run('unit-name', '市审计局', 'unit-that-never-was');
    db.close();

    const forged = await verify();
    expect(forged.code).toBe(1);
    expect(forged.stdout).toContain('请求索引被改动：请求索引中有 1 行指向日志中并不存在的事件');
    expect(forged.stdout).toContain(`  请求键 forged-key：指向位置 ${position}（第 100 条记录）`);
    expect(forged.stdout).toContain('唯一性登记被改动：有 1 条唯一性登记的持有者没有任何事件');
    expect(forged.stdout).toContain('  unit-name「市审计局」：其持有者没有任何事件');
    // The chain itself is intact, and says so.
    expect(forged.stdout).toContain('台账完好');
    const json = JSON.parse((await verify('--json')).stdout) as { ok: boolean; chainOk: boolean; indexRowsWithoutEvents: { requests: { total: number }; claims: { rows: { value: string }[] } } };
    expect(json).toMatchObject({ ok: false, chainOk: true, indexRowsWithoutEvents: { requests: { total: 1 }, claims: { rows: [{ value: '市审计局' }] } } });
  });
});

describe('A printed 台账校验码 checked by an auditor who holds only a copy of the store (breaker9y P10)', () => {
  /** Rewrites one event's text in a copy and recomputes every public hash from there on, as anyone with the file but not the key can. */
  function rewriteWhole(path: string, position: number, from: string, to: string): void {
    const db = new Database(path);
    db.prepare('UPDATE events SET data = replace(data, ?, ?) WHERE position = ?').run(from, to, position);
    type Row = { position: number; event_id: string; stream_id: string; revision: number; type: string; schema_version: number; data: string; metadata: string; recorded_at: string };
    const rows = db.prepare<[], Row>('SELECT position, event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at FROM events ORDER BY position').all();
    const rehash = db.prepare('UPDATE events SET leaf_hash = ?, chain_hash = ? WHERE position = ?');
    let previous = GENESIS_CHAIN_HASH;
    for (const row of rows) {
      const content = { id: row.event_id, streamId: row.stream_id, revision: row.revision, type: row.type, schemaVersion: row.schema_version, data: JSON.parse(row.data), metadata: JSON.parse(row.metadata), recordedAt: row.recorded_at };
      const hashes = hashEvent(previous, content);
      if (row.position >= position) rehash.run(hashes.leafHash, hashes.chainHash, row.position);
      previous = hashes.chainHash;
    }
    // The checkpoints removed, and the file's own numbering of them with them.
    db.exec("DELETE FROM ledger_checkpoints; DELETE FROM sqlite_sequence WHERE name = 'ledger_checkpoints'");
    db.close();
  }

  it('ledger:verify --code finds the copy rewritten whole that otherwise chains; verifyLedger(codes:) compares them on the server; a mistyped code is refused in plain words', async () => {
    const sqlitePath = freshDatabasePath();
    const app = await startTestApp({ demoData: true, sqlitePath });
    let code: string;
    let eventsPrinted: number;
    try {
      const admin = await app.as('ADMIN');
      ({ ledgerCode: code, treeSize: eventsPrinted } = (await app.graphql(`mutation { takeLedgerCheckpoint { ledgerCode treeSize } }`, {}, admin)).data!.takeLedgerCheckpoint);
      const typedBack = code.toLowerCase().replace(/-/g, '－');
      const checked = await app.graphql(`query ($codes: [String!]) { verifyLedger(codes: $codes) { ok printedCodesChecked headLedgerCode } }`, { codes: [typedBack] }, admin);
      expect(checked.errors).toBeUndefined();
      expect(checked.data!.verifyLedger).toMatchObject({ ok: true, printedCodesChecked: 1 });
      const mistyped = await app.graphql(`{ verifyLedger(codes: ["234-585F0E55"]) { ok } }`, {}, admin);
      expect(errorCode(mistyped)).toBe('BAD_USER_INPUT');
      expect(mistyped.errors![0]!.extensions!.messageZh).toContain('第 1 个台账校验码「234-585F0E55」格式不对');
      // breaker45-9 M1: a code for 0 events is no code an office printed: refused like a mistyped one, not compared.
      const zero = `0-${Array(8).fill('00000000').join('-')}`;
      const noEvents = await app.graphql(`query ($codes: [String!]) { verifyLedger(codes: $codes) { ok } }`, { codes: [code, zero] }, admin);
      expect(errorCode(noEvents)).toBe('BAD_USER_INPUT');
      expect(noEvents.errors![0]!.extensions!.messageZh).toContain(`第 2 个台账校验码「${zero.slice(0, 40)}…」不是台账校验码：其事件条数为 0`);
    } finally {
      await app.close();
    }

    // The auditor's machine: a copy of the file, no witness, no key, no .env.
    const auditor = mkdtempSync(join(tmpdir(), 'rectify-auditor-'));
    const copy = join(auditor, 'copy.db');
    copyFileSync(sqlitePath, copy);
    const verify = (...args: string[]) =>
      promisify(execFile)(process.execPath, [join(process.cwd(), 'dist/cli/ledger-verify.js'), '--db', copy, ...args], { cwd: auditor, env: { PATH: process.env.PATH } }).then(
        (answer) => ({ code: 0, stdout: answer.stdout }),
        (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout + error.stderr }),
      );
    const asPrinted = await verify('--code', code);
    expect(asPrinted.code).toBe(0);
    // breaker9z P6: the auditor's copy is only read — nothing written beside it (SQLite's -wal/-shm), so a copy on
    // read-only media (a disc, a write-protected stick) is read as well.
    expect(readdirSync(auditor)).toEqual(['copy.db']);
    expect(asPrinted.stdout).toContain(`打印的台账校验码 ${code} 与按内容重新计算的前 ${eventsPrinted} 条事件相符`);
    expect(asPrinted.stdout).toContain(`当前台账校验码（按内容重新计算的 ${eventsPrinted} 条已校验事件）：${code}`);
    // newcomer39 P2: the Chinese line tells the time on the office's clock and the key in Chinese; one checkpoint is not "checkpoints".
    expect(asPrinted.stdout).toMatch(new RegExp(`^最新校验点：#1 北京时间 \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d  台账校验码 ${code}（签署密钥 [0-9a-f]{16}）$`, 'm'));
    expect(asPrinted.stdout).toContain('the 1 signed checkpoint matches');

    const db = new Database(copy, { readonly: true });
    const { position, title } = db.prepare<[], { position: number; title: string }>("SELECT position, json_extract(data, '$.title') AS title FROM events WHERE json_extract(data, '$.title') IS NOT NULL ORDER BY position LIMIT 1").get()!;
    db.close();
    rewriteWhole(copy, position, title, `${title}（已整改）`);

    const unchecked = await verify();
    expect(unchecked.code).toBe(0);
    expect(unchecked.stdout).toContain('台账完好');
    expect(unchecked.stdout).toContain('没有与本文件之外保存的内容核对：整份被改写的副本（哈希重算、校验点删除）同样能通过哈希链检查');
    expect(unchecked.stdout).not.toContain(code);

    const againstPrinted = await verify('--code', code);
    expect(againstPrinted.code).toBe(1);
    expect(againstPrinted.stdout).toContain('台账不符（PRINTED_CODE_MISMATCH）');
    expect(againstPrinted.stdout).toContain(`打印的台账校验码 ${code} 不相符：按内容重新计算，前 ${eventsPrinted} 条事件`);
    expect(againstPrinted.stdout).toContain('要么这些记录在打印之后被修改、删除或调换');
    // breaker9z P5: the events a printed code does not match are never called intact.
    expect(againstPrinted.stdout).not.toContain('完好');
    expect(againstPrinted.stdout).not.toMatch(/intact/i);
    expect(againstPrinted.stdout).toContain(`这 ${eventsPrinted} 条事件与文件中保存的哈希相连，但算不出打印的校验码`);

    // breaker9z P5: a row edited without its hashes is found first — the printed code is still answered for.
    const edited = new Database(copy);
    edited.prepare('UPDATE events SET data = replace(data, ?, ?) WHERE position = ?').run('（已整改）', '（已销号）', position);
    edited.close();
    // newcomer46-9 S1: every code given gets its own answer — one covering the edited row does not match; one covering only
    // the events before it (the first position − 1, as printed before the edit) is confirmed, not passed over in silence.
    const original = new Database(sqlitePath, { readonly: true });
    const before = original.prepare<[number], { leaf: Buffer }>('SELECT leaf_hash AS leaf FROM events WHERE position < ? ORDER BY position').all(position).map((row) => row.leaf);
    original.close();
    const codeBefore = ledgerCode({ treeSize: before.length, rootHash: merkleRoot(before) });
    const editedRow = await verify('--code', code, '--code', codeBefore);
    expect(editedRow.code).toBe(1);
    expect(editedRow.stdout).toContain('台账不符（CONTENT_CHANGED）');
    expect(editedRow.stdout).toContain(`打印的台账校验码 ${code} 不相符：按内容重新计算，前 ${eventsPrinted} 条事件`);
    expect(editedRow.stdout).toContain(`打印的台账校验码 ${codeBefore} 与按内容重新计算的前 ${before.length} 条事件相符。`);

    const mistyped = await verify('--code', '234-585F0E55');
    expect(mistyped.code).toBe(2);
    expect(mistyped.stdout).toContain('--code 234-585F0E55：不是台账校验码');
    // newcomer46-9 M1 c: what is wrong with it is named.
    expect(mistyped.stdout).toContain('事件条数之后有 1 组，应为 8 组');
  });

  it("a copy of a running store's file without its -wal (no events table yet) is told so, with how to copy it — not 「尚未建立哈希链」 (newcomer38 P4)", async () => {
    // What `cp rectify.db copy.db` gives while the server runs on a new store: SQLite keeps everything in rectify.db-wal
    // until its first checkpoint, and the main file holds only a header.
    const auditor = mkdtempSync(join(tmpdir(), 'rectify-auditor-'));
    const copy = join(auditor, 'copy.db');
    const headerOnly = new Database(copy);
    headerOnly.pragma('journal_mode = WAL');
    headerOnly.close();
    const answer = await promisify(execFile)(process.execPath, [join(process.cwd(), 'dist/cli/ledger-verify.js'), '--db', copy, '--code', '236-19AB7289-7B70415A-43809035-514DAAB5-0102213A-B7465B43-81B4D087-68C3BB9E'], { cwd: auditor, env: { PATH: process.env.PATH } }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(answer.code).toBe(1);
    expect(answer.stderr).toContain(`${copy} 中没有事件表：它不是 Rectify 的事件库，或是在服务运行时只复制了该文件、漏了旁边的 copy.db-wal`);
    expect(answer.stderr).toContain('请用 npm run store:backup -- <文件夹> 制作副本');
    expect(answer.stderr).not.toContain('尚未建立哈希链');
  });
});
