import { createHash } from 'node:crypto';
import { keyFolderWitnessPath } from '../../src/event-store/key-folder-witness.js';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { testSigningKeyFile } from '../support/signing-key.js';
import Database from 'better-sqlite3';
import { SqliteEventStore, type EventRow } from '../../src/event-store/sqlite-event-store.js';
import { StoreRefusedError } from '../../src/event-store/store-witness.js';
import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { appendChainedRow } from '../support/inserted-rows.js';
import { editStore } from '../support/store-files.js';
import { freshDatabasePath, startTestApp, type TestApp } from '../support/test-app.js';
import { PROCESS_TEST_CEILING_MS } from '../support/server-process.js';
import { expectUsersWords, operatorText } from '../support/store-refusal.js';

/*
 * Breaker9 F0–F3: an event the read models cannot take as a fact Rectify recorded — an unknown type, a schema version
 * newer than this server knows, data without a field its type requires — stops the read models (PROJECTIONS_STOPPED)
 * naming the event and why in English and Chinese, at once and after every restart; it is never projected, skipped
 * unsaid, read with another meaning, or chained over. A row that is not as Rectify chained it — inserted without ledger
 * hashes, unsealed, moved, edited, rows deleted before it — is the log altered (LOG_ALTERED, breaker9y P7), found by the
 * start's walk of the chain, the read models, a stream read, or the walk before a checkpoint.
 */

/** Each test starts and restarts apps: a ceiling for a loaded machine, never a timing. */

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const ADMIN = { authorization: 'Bearer rct_demo_admin_qingchuan' };
const SUPERVISOR = { authorization: 'Bearer rct_demo_supervisor_qingchuan' };

const problems = async (app: TestApp) => ((await (await fetch(`${app.url}/health`)).json()) as { problems: { cause: string }[] }).problems.map((problem) => problem.cause);
/** A write's refusal: the supervisor is told the short words (USERS_WORDS); what the operator reads is returned. */
const refusalOfWrite = async (app: TestApp, cause: 'PROJECTIONS_STOPPED' | 'LOG_ALTERED' = 'PROJECTIONS_STOPPED') => {
  expectUsersWords(await app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ title: '第二份评估报告' }) }, SUPERVISOR), cause);
  return operatorText(app, ADMIN, cause);
};
/** The head the store witness beside the data and its copy beside the test signing key name. */
const witnessHeads = (sqlitePath: string) => {
  const beside = `${sqlitePath}.witness.json`;
  const { storeId } = JSON.parse(readFileSync(beside, 'utf8')) as { storeId: string };
  const copy = keyFolderWitnessPath(join(dirname(testSigningKeyFile()), 'store-witnesses'), storeId, resolve(sqlitePath));
  return [beside, copy].map((path) => (JSON.parse(readFileSync(path, 'utf8')) as { head: string }).head);
};
const unitNamed = async (app: TestApp, name: string) => ((await app.graphql('{ units { name } }', {}, SUPERVISOR)).data!.units as { name: string }[]).some((unit) => unit.name === name);

/** The demo store the tests copy, made by the first of them (a start seeding the demo, then its stop). */
let demoTemplate: Promise<string> | undefined;

/**
 * A store with the demo in it, stopped, without its read-model snapshot: every start replays the whole log.
 * Each call gives a copy of one such store's folder (database and witness) at a path of its own — a copied
 * store is served as the store, and keeps its own witness beside the key — rather than seeding the demo again.
 */
async function givenDemoStore() {
  demoTemplate ??= (async () => {
    const template = freshDatabasePath();
    const app = await startTestApp({ sqlitePath: template, demoData: true });
    await app.close();
    rmSync(`${template}.read-models.snapshot`, { force: true });
    return template;
  })();
  const template = await demoTemplate;
  const sqlitePath = freshDatabasePath();
  cpSync(dirname(template), dirname(sqlitePath), { recursive: true });
  return sqlitePath;
}


interface EventsRow extends EventRow {
  recorded_at: string;
}

const newestOfType = (db: Database.Database, type: string) => db.prepare('SELECT * FROM events WHERE type = ? ORDER BY position DESC LIMIT 1').get(type) as EventsRow;
const nextRevision = (db: Database.Database, streamId: string) => (db.prepare('SELECT MAX(revision) + 1 AS next FROM events WHERE stream_id = ?').get(streamId) as { next: number }).next;

describe('An event the read models cannot take as a fact Rectify recorded', () => {
  it('inserted into the file without ledger hashes (a forged ADMIN token) is never projected nor chained over: named in both languages, at start and after a restart; verifyLedger calls it not hashed', async () => {
    const sqlitePath = await givenDemoStore();
    const FORGED = 'rct_forged_admin_token_0001';
    const position = editStore(sqlitePath, (db) => {
      const issued = db
        .prepare("SELECT * FROM events WHERE type = 'AccessTokenIssued' AND json_extract(data, '$.tokenSha256') = ?")
        .get(sha256('rct_demo_admin_qingchuan')) as EventsRow;
      const data = JSON.stringify({ ...(JSON.parse(issued.data) as object), tokenId: 'cccccccc-0000-4000-8000-000000000003', tokenSha256: sha256(FORGED) });
      return Number(
        db
          .prepare('INSERT INTO events (event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
          .run('bbbbbbbb-0000-4000-8000-000000000002', issued.stream_id, nextRevision(db, issued.stream_id), issued.type, issued.schema_version, data, issued.metadata, issued.recorded_at)
          .lastInsertRowid,
      );
    });
    for (let start = 0; start < 2; start += 1) {
      const app = await startTestApp({ sqlitePath });
      try {
        expect((await app.graphql('{ me { role } }', {}, { authorization: `Bearer ${FORGED}` })).data?.me?.role ?? null).toBeNull();
        expect((await app.graphql('{ me { role } }', {}, ADMIN)).data!.me.role).toBe('ADMIN');
        // breaker9y P7: the log altered, named as such — found by the start's walk of the chain — not a read model's failure.
        expect(await problems(app)).toEqual(['LOG_ALTERED']);
        const refusal = await refusalOfWrite(app, 'LOG_ALTERED');
        expect(refusal.en).toContain(`The event at position ${position} (AccessTokenIssued) cannot be trusted: it carries no ledger hashes: no Rectify process wrote it`);
        expect(refusal.zh).toContain(`位置 ${position} 的事件（AccessTokenIssued）不可信：它没有台账哈希：并非 Rectify 写入`);
        const verified = await app.graphql('{ verifyLedger { ok firstMismatch { kind position } } }', {}, ADMIN);
        expect(verified.data!.verifyLedger).toEqual({ ok: false, firstMismatch: { kind: 'NOT_HASHED', position: String(position) } });
      } finally {
        await app.close();
      }
    }
    // Nor does another process (a command-line tool) chain its events over the forged row.
    const tool = new SqliteEventStore(sqlitePath, { writerThread: false });
    try {
      const urged = { id: 'dddddddd-0000-4000-8000-000000000004', type: 'UnitRenamed', schemaVersion: 2, data: {}, metadata: { recordedAt: new Date().toISOString() } as never };
      await expect(tool.appendToStream('unit-x', [urged], { expectedRevision: 'any' })).rejects.toThrow(`The newest event in the log (position ${position}) carries no ledger hashes`);
    } finally {
      await tool.close();
    }
    expect(editStore(sqlitePath, (db) => (db.prepare('SELECT MAX(position) AS head FROM events').get() as { head: number }).head)).toBe(position);
  }, PROCESS_TEST_CEILING_MS);

  /** A rename of a demo unit to 青川市测试局, on the chain as another version of Rectify would write it, edited by `change`. */
  const renameOnTheChain = (sqlitePath: string, change: (row: EventsRow, data: Record<string, unknown>) => Partial<EventsRow>) =>
    editStore(sqlitePath, (db) => {
      const renamed = newestOfType(db, 'UnitRegistered');
      const registered = JSON.parse(renamed.data) as { unitId: string; name: string };
      const data = { unitId: registered.unitId, previousName: registered.name, name: '青川市测试局', reason: '机构改革', renamedOn: '2026-03-01' };
      const row: EventsRow = { ...renamed, event_id: 'eeeeeeee-0000-4000-8000-000000000005', revision: nextRevision(db, renamed.stream_id), type: 'UnitRenamed', schema_version: 2, data: JSON.stringify(data) };
      const edited = { ...row, ...change(row, data) };
      return appendChainedRow(db, {
        eventId: edited.event_id,
        streamId: edited.stream_id,
        revision: edited.revision,
        type: edited.type,
        schemaVersion: edited.schema_version,
        data: edited.data,
        metadata: edited.metadata,
        recordedAt: edited.recorded_at,
      });
    });

  it.each([
    {
      fault: 'of a type this version does not know (F2)',
      change: () => ({ type: 'UnitExploded' }),
      en: 'its type UnitExploded is not an event type this version of Rectify knows',
      zh: '其类型 UnitExploded 不是本版本 Rectify 所知的事件类型',
    },
    {
      fault: 'at a schema version newer than this server knows (F3)',
      change: () => ({ schema_version: 99 }),
      en: 'its schema version 99 of UnitRenamed is newer than this server knows (2)',
      zh: '其 UnitRenamed 数据格式版本 99 比本服务所知的版本（2）更新',
    },
    {
      fault: 'without a field its type requires (F1)',
      change: (_row: EventsRow, data: Record<string, unknown>) => ({ data: JSON.stringify({ ...data, name: undefined }) }),
      en: "its data does not have the shape of UnitRenamed: data must have required property 'name'",
      zh: '其数据不符合 UnitRenamed 的格式：data 缺少必填字段 name',
    },
  ])('$fault stops the read models naming it in both languages, at start and after a restart, and is not applied', async ({ change, en, zh }) => {
    const sqlitePath = await givenDemoStore();
    const position = renameOnTheChain(sqlitePath, change);
    for (let start = 0; start < 2; start += 1) {
      const app = await startTestApp({ sqlitePath });
      try {
        expect(await problems(app)).toEqual(['PROJECTIONS_STOPPED']);
        const refusal = await refusalOfWrite(app);
        expect(refusal.en).toContain(`event eeeeeeee-0000-4000-8000-000000000005 (`);
        expect(refusal.en).toContain(`at position ${position} cannot be read: ${en}`);
        expect(refusal.zh).toContain(`位置 ${position} 的事件（`);
        expect(refusal.zh).toContain(zh);
        // Reads still answer, without the event.
        expect(await unitNamed(app, '青川市测试局')).toBe(false);
        const verified = await app.graphql('{ verifyLedger { ok } }', {}, ADMIN);
        expect(verified.data!.verifyLedger.ok).toBe(true);
      } finally {
        await app.close();
      }
    }
  }, PROCESS_TEST_CEILING_MS);

  it('the control: the same rename, readable, is applied', async () => {
    const sqlitePath = await givenDemoStore();
    renameOnTheChain(sqlitePath, () => ({}));
    const app = await startTestApp({ sqlitePath });
    try {
      expect(await problems(app)).toEqual([]);
      expect(await unitNamed(app, '青川市测试局')).toBe(true);
    } finally {
      await app.close();
    }
  }, PROCESS_TEST_CEILING_MS);
});

describe('A row deleted from the middle of the log (breaker9 F6)', () => {
  it('is noticed at start, with or without a read-model snapshot above it: the start is refused naming the missing positions, in both languages', async () => {
    const sqlitePath = freshDatabasePath();
    const app = await startTestApp({ sqlitePath, demoData: true });
    await app.close();
    // An access token's revocation-sized hole: two single rows and a run of three, below the head.
    editStore(sqlitePath, (db) => db.exec('DELETE FROM events WHERE position IN (35, 60, 61, 62, 100)'));
    for (const snapshot of ['kept', 'deleted']) {
      if (snapshot === 'deleted') rmSync(`${sqlitePath}.read-models.snapshot`, { force: true });
      const refusal = await startTestApp({ sqlitePath }).then(
        async (started) => {
          await started.close();
          throw new Error(`the app started on a log with a hole (snapshot ${snapshot})`);
        },
        (error: unknown) => error as StoreRefusedError,
      );
      expect(refusal).toBeInstanceOf(StoreRefusedError);
      expect(refusal.reason).toBe('LOG_HOLE');
      expect(refusal.message).toContain('is missing 5 event(s) below its head, at position 35, 60–62, 100: rows were deleted from the middle of the log');
      expect(refusal.messageZh).toContain('缺少 5 条事件（位置 35、60–62、100）');
      // The refusal does not offer the flag as a way on (breaker9z P11): a hole is restored from a backup; the flag only reads.
      expect(refusal.messageZh).toContain('用最近的备份恢复事件库');
      expect(refusal.messageZh).toContain('服务只读');
      expect(refusal.messageZh).not.toContain('若仍要在当前事件库上启动');
      expect(refusal.message).toContain('served read-only');
    }
    // Accepted explicitly, it starts, and the read models rebuilt from the log stop at the hole, named: the log altered (breaker9y P7).
    const accepted = await startTestApp({ sqlitePath, settings: { ACCEPT_STORE_RESET: 'true' } });
    try {
      expect(await problems(accepted)).toEqual(['LOG_ALTERED']);
      expect((await refusalOfWrite(accepted, 'LOG_ALTERED')).en).toContain('at position 36 (');
      expect((await refusalOfWrite(accepted, 'LOG_ALTERED')).en).toContain('cannot be trusted: the events at position 35 before it are missing');
      // Read-only as the refusal said: no 台账校验码 is signed over the hole either.
      const checkpoint = await accepted.graphql('mutation { takeLedgerCheckpoint { sequence } }', {}, ADMIN);
      expect(checkpoint.data).toBeNull();
      expect((await accepted.graphql('{ ledgerCheckpoints { sequence } }', {}, ADMIN)).data!.ledgerCheckpoints).toEqual([]);
    } finally {
      await accepted.close();
    }
  }, PROCESS_TEST_CEILING_MS);
});

describe('Checkpoints deleted with their numbering, and the witness edited to match (breaker9 F16, F16b)', () => {
  /** A demo store with two signed checkpoints (the second over one more evaluation), stopped. */
  async function givenCheckpointedStore() {
    const sqlitePath = freshDatabasePath();
    const app = await startTestApp({ sqlitePath, demoData: true });
    try {
      expect((await app.graphql('mutation { takeLedgerCheckpoint { sequence } }', {}, ADMIN)).data!.takeLedgerCheckpoint.sequence).toBe(1);
      expect((await app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ title: '第二份评估报告' }) }, SUPERVISOR)).errors).toBeUndefined();
      expect((await app.graphql('mutation { takeLedgerCheckpoint { sequence treeSize } }', {}, ADMIN)).data!.takeLedgerCheckpoint.sequence).toBe(2);
    } finally {
      await app.close();
    }
    return sqlitePath;
  }
  const witnessPath = (sqlitePath: string) => `${sqlitePath}.witness.json`;
  const refusalOfStart = (settings: Record<string, string>, sqlitePath: string) =>
    startTestApp({ sqlitePath, settings }).then(
      async (started) => {
        await started.close();
        throw new Error('the app started on a store it should have refused');
      },
      (error: unknown) => error as StoreRefusedError,
    );

  it('are missed at start (the witness keeps the newest checkpoint, signed with the ledger key) and by verifyLedger', async () => {
    const sqlitePath = await givenCheckpointedStore();
    expect(JSON.parse(readFileSync(witnessPath(sqlitePath), 'utf8'))).toMatchObject({ checkpoint: { sequence: 2 }, signature: { value: expect.any(String) } });
    editStore(sqlitePath, (db) => db.exec("DELETE FROM ledger_checkpoints; DELETE FROM sqlite_sequence WHERE name = 'ledger_checkpoints';"));
    const refusal = await refusalOfStart({}, sqlitePath);
    expect(refusal).toBeInstanceOf(StoreRefusedError);
    expect(refusal.reason).toBe('CHECKPOINTS_MISSING');
    expect(refusal.message).toContain('end before checkpoint 2');
    expect(refusal.message).toContain('it holds none');
    expect(refusal.messageZh).toContain('止于本服务曾签署或看到的第 2 号校验点');
    // Accepted explicitly, the server starts, and verification still names the missing checkpoints.
    const accepted = await startTestApp({ sqlitePath, settings: { ACCEPT_STORE_RESET: 'true' } });
    try {
      const verified = await accepted.graphql('{ verifyLedger { ok firstMismatch { kind } } }', {}, ADMIN);
      expect(verified.data!.verifyLedger).toEqual({ ok: false, firstMismatch: { kind: 'CHECKPOINT_MISSING' } });
      // The next checkpoint is numbered past the newest the witness saw, not a second "checkpoint 1"
      // beside the printed one (breaker9 F16 addendum); verification still names the missing ones.
      expect((await accepted.graphql('mutation { takeLedgerCheckpoint { sequence } }', {}, ADMIN)).data!.takeLedgerCheckpoint.sequence).toBe(3);
      const after = await accepted.graphql('{ verifyLedger { ok firstMismatch { kind message } } }', {}, ADMIN);
      expect(after.data!.verifyLedger).toMatchObject({ ok: false, firstMismatch: { kind: 'CHECKPOINT_MISSING', message: expect.stringContaining('Checkpoints 1–2 are missing before checkpoint 3, the oldest kept') } });
    } finally {
      await accepted.close();
    }
  }, PROCESS_TEST_CEILING_MS);

  /*
   * breaker9a P3: an insider backdates checkpoint 1 in the file (the code in last year's annual report "sealed before the year's
   * end") and replaces the root of checkpoint 2: served as genuine — start ready, the forged date and a forged 台账校验码 listed.
   */
  it('edited in the file (a date backdated, a root replaced): shown as signed and marked altered, /health degraded LOG_ALTERED, verifyLedger names the checkpoint', async () => {
    const sqlitePath = await givenCheckpointedStore();
    const LIST = '{ ledgerCheckpoints { sequence takenAt treeSize ledgerCode altered alterationZh } }';
    const app = await startTestApp({ sqlitePath });
    let signed: { sequence: number; takenAt: string; ledgerCode: string; altered: boolean }[];
    try {
      signed = (await app.graphql(LIST, {}, ADMIN)).data!.ledgerCheckpoints;
      expect(signed.map((checkpoint) => checkpoint.altered)).toEqual([false, false]);
    } finally {
      await app.close();
    }
    editStore(sqlitePath, (db) => db.exec("UPDATE ledger_checkpoints SET taken_at = '2025-12-31T08:00:00.000Z' WHERE sequence = 1; UPDATE ledger_checkpoints SET root_hash = zeroblob(32) WHERE sequence = 2;"));
    const edited = await startTestApp({ sqlitePath });
    try {
      const health = (await (await fetch(`${edited.url}/health`)).json()) as { status: string; problems: { cause: string; messageZh: string }[] };
      expect(health.status).toBe('degraded');
      expect(health.problems.map((problem) => problem.cause)).toEqual(['LOG_ALTERED']);
      const listed = (await edited.graphql(LIST, {}, ADMIN)).data!.ledgerCheckpoints as { sequence: number; takenAt: string; ledgerCode: string; altered: boolean; alterationZh: string }[];
      // As signed, never the edited columns: the office prints the code it signed.
      expect(listed.map(({ sequence, takenAt, ledgerCode }) => ({ sequence, takenAt, ledgerCode }))).toEqual(signed!.map(({ sequence, takenAt, ledgerCode }) => ({ sequence, takenAt, ledgerCode })));
      const [second, first] = listed;
      expect(first).toMatchObject({ altered: true, alterationZh: expect.stringContaining(`校验点 #1 的记录在事件库文件中被改动：生成时间 签署时为 ${signed![1]!.takenAt}，现为 2025-12-31T08:00:00.000Z`) });
      expect(second).toMatchObject({ altered: true, alterationZh: expect.stringContaining(`台账校验码 签署时为 ${signed![0]!.ledgerCode}，现为`) });
      const verified = await edited.graphql('{ verifyLedger { ok firstMismatch { kind messageZh } } }', {}, ADMIN);
      expect(verified.data!.verifyLedger).toMatchObject({ ok: false, firstMismatch: { kind: 'CHECKPOINT_SIGNATURE', messageZh: expect.stringContaining('校验点 #1 的记录在事件库文件中被改动') } });
    } finally {
      await edited.close();
    }
  }, PROCESS_TEST_CEILING_MS);

  it('the newest events removed with the checkpoints, counters and request rows, and the witness edited to the new head: the witness signature no longer holds, the start is refused', async () => {
    const sqlitePath = await givenCheckpointedStore();
    const kept = editStore(sqlitePath, (db) => {
      const head = (db.prepare('SELECT MAX(position) AS head FROM events').get() as { head: number }).head - 3;
      db.exec(`DELETE FROM events WHERE position > ${head}; UPDATE sqlite_sequence SET seq = ${head} WHERE name = 'events';
        DELETE FROM ledger_checkpoints; DELETE FROM sqlite_sequence WHERE name = 'ledger_checkpoints'; DELETE FROM requests WHERE position > ${head};`);
      const row = db.prepare('SELECT event_id, chain_hash FROM events WHERE position = ?').get(head) as { event_id: string; chain_hash: Buffer };
      return { head, eventId: row.event_id, chainHash: row.chain_hash.toString('hex') };
    });
    const witness = JSON.parse(readFileSync(witnessPath(sqlitePath), 'utf8')) as Record<string, unknown>;
    writeFileSync(witnessPath(sqlitePath), JSON.stringify({ ...witness, head: String(kept.head), headHash: kept.chainHash, headEvent: { id: kept.eventId, position: String(kept.head) }, checkpoint: null }));
    const refusal = await refusalOfStart({}, sqlitePath);
    expect(refusal).toBeInstanceOf(StoreRefusedError);
    expect(refusal.reason).toBe('STORE_WITNESS_DAMAGED');
    expect(refusal.message).toContain('its signature does not hold: it was edited after the server wrote it');
    expect(refusal.messageZh).toContain('其签名无效');
  }, PROCESS_TEST_CEILING_MS);
});

describe('A row forged with its public hashes computed (breaker9b N1), or edited under a read-model snapshot (N3)', () => {
  const FORGED = 'rct_forged_admin_token_0002';
  /** The demo administrator's token issue again, for a forged token, appended after the head with its leaf and chain hashes computed as the README spells them. */
  const forgeAdminToken = (db: Database.Database) => {
    const issued = db.prepare("SELECT * FROM events WHERE type = 'AccessTokenIssued' AND json_extract(data, '$.tokenSha256') = ?").get(sha256('rct_demo_admin_qingchuan')) as EventsRow;
    const data = JSON.stringify({ ...(JSON.parse(issued.data) as object), tokenId: 'cccccccc-0000-4000-8000-000000000013', tokenSha256: sha256(FORGED) });
    return appendChainedRow(
      db,
      { eventId: 'bbbbbbbb-0000-4000-8000-000000000012', streamId: issued.stream_id, revision: nextRevision(db, issued.stream_id), type: issued.type, schemaVersion: issued.schema_version, data, metadata: issued.metadata, recordedAt: issued.recorded_at },
      { sealed: false },
    );
  };
  const roleOf = async (app: TestApp, token: string) => (await app.graphql('{ me { role } }', {}, { authorization: `Bearer ${token}` })).data?.me?.role ?? null;

  it('appended after the head of a stopped store is never served: the read models stop naming it, in both languages, at start and after a restart; verifyLedger calls it NOT_SEALED', async () => {
    const sqlitePath = await givenDemoStore();
    const position = editStore(sqlitePath, forgeAdminToken);
    for (let start = 0; start < 2; start += 1) {
      const app = await startTestApp({ sqlitePath });
      try {
        expect(await roleOf(app, FORGED)).toBeNull();
        expect(await roleOf(app, 'rct_demo_admin_qingchuan')).toBe('ADMIN');
        expect(await problems(app)).toEqual(['LOG_ALTERED']);
        const refusal = await refusalOfWrite(app, 'LOG_ALTERED');
        expect(refusal.en).toContain(`The event at position ${position} (AccessTokenIssued) cannot be trusted: it is not sealed with this office's ledger key`);
        expect(refusal.zh).toContain(`位置 ${position} 的事件（AccessTokenIssued）不可信：它没有本单位台账密钥的封印`);
        const verified = await app.graphql('{ verifyLedger { ok firstMismatch { kind position } } }', {}, ADMIN);
        expect(verified.data!.verifyLedger).toEqual({ ok: false, firstMismatch: { kind: 'NOT_SEALED', position: String(position) } });
        // Nor can a checkpoint sign it.
        const checkpoint = await app.graphql('mutation { takeLedgerCheckpoint { sequence } }', {}, ADMIN);
        expect(checkpoint.errors![0]!.extensions!.code).toBe('STORE_UNAVAILABLE');
      } finally {
        await app.close();
      }
      // breaker9z P13: nor does the store witness (beside the data and its copy beside the key) vouch for it as the head.
      expect(witnessHeads(sqlitePath)).toEqual([String(position - 1), String(position - 1)]);
    }
    // So the operator who removes the forged row removes nothing acknowledged: the next start is served, not refused STORE_SHORTER.
    editStore(sqlitePath, (db) => db.exec(`DELETE FROM events WHERE position = ${position}`));
    const app = await startTestApp({ sqlitePath });
    try {
      expect(await problems(app)).toEqual([]);
      expect(await app.logPosition()).toBe(String(position - 1));
      // breaker9a P5: the next write takes the removed row's position — numbered past it, it left a hole, and the next start
      // refused the store for good as LOG_HOLE, ledger:verify calling a genuine event deleted.
      expect((await app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ title: '移除伪造记录后的评估报告' }) }, SUPERVISOR)).errors).toBeUndefined();
      expect(await app.logPosition()).toBe(String(position));
    } finally {
      await app.close();
    }
    const again = await startTestApp({ sqlitePath });
    try {
      expect(await problems(again)).toEqual([]);
      expect((await again.graphql('{ verifyLedger { ok } }', {}, ADMIN)).data!.verifyLedger).toEqual({ ok: true });
    } finally {
      await again.close();
    }
  }, PROCESS_TEST_CEILING_MS);

  it('appended under a running server is never served either: the read models stop at it', async () => {
    const sqlitePath = await givenDemoStore();
    const app = await startTestApp({ sqlitePath });
    try {
      expect(await problems(app)).toEqual([]);
      editStore(sqlitePath, forgeAdminToken);
      // The server follows other processes' appends by polling: wait for the condition, with the suite's ceiling.
      while (!(await problems(app)).includes('LOG_ALTERED')) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await roleOf(app, FORGED)).toBeNull();
    } finally {
      await app.close();
    }
  }, PROCESS_TEST_CEILING_MS);

  it('the seals of every row removed: the store is not sealed afresh (its witness says it was), and what it holds is not served as Rectify\'s', async () => {
    const sqlitePath = await givenDemoStore();
    expect(JSON.parse(readFileSync(`${sqlitePath}.witness.json`, 'utf8'))).toMatchObject({ sealedRows: true });
    editStore(sqlitePath, (db) => db.exec('UPDATE events SET row_seal = NULL'));
    const app = await startTestApp({ sqlitePath });
    try {
      expect(await problems(app)).toEqual(['LOG_ALTERED']);
      // Not even the accounts are taken from rows the office's key does not vouch for.
      expect(await roleOf(app, 'rct_demo_admin_qingchuan')).toBeNull();
    } finally {
      await app.close();
    }
  }, PROCESS_TEST_CEILING_MS);

  it('a store written before rows were sealed is sealed once at its first start (the chain vouching for each row), then served as before', async () => {
    const sqlitePath = await givenDemoStore();
    // As the version before the seals left it: no seals, and a witness that says nothing of them.
    editStore(sqlitePath, (db) => db.exec('UPDATE events SET row_seal = NULL'));
    const { storeId } = JSON.parse(readFileSync(`${sqlitePath}.witness.json`, 'utf8')) as { storeId: string };
    rmSync(`${sqlitePath}.witness.json`);
    // And its copy beside the key (kept since relyb's breaker9b N5), which that version did not write (a copied store
    // has none at its path until its first start: `force`).
    rmSync(keyFolderWitnessPath(join(dirname(testSigningKeyFile()), 'store-witnesses'), storeId, resolve(sqlitePath)), { force: true });
    const app = await startTestApp({ sqlitePath, settings: { ACCEPT_STORE_RESET: 'true' } });
    try {
      expect(await problems(app)).toEqual([]);
      expect(await roleOf(app, 'rct_demo_admin_qingchuan')).toBe('ADMIN');
      expect((await app.graphql('{ verifyLedger { ok } }', {}, ADMIN)).data!.verifyLedger.ok).toBe(true);
      expect((await app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ title: '第二份评估报告' }) }, SUPERVISOR)).errors).toBeUndefined();
    } finally {
      await app.close();
    }
    expect(editStore(sqlitePath, (db) => (db.prepare('SELECT COUNT(*) AS unsealed FROM events WHERE row_seal IS NULL').get() as { unsealed: number }).unsealed)).toBe(0);
  }, PROCESS_TEST_CEILING_MS);

  it('edited under a kept snapshot: no command decides on it and no history shows it — both refused STORE_UNAVAILABLE (LOG_ALTERED) in both languages; other streams still answer', async () => {
    const sqlitePath = freshDatabasePath();
    const first = await startTestApp({ sqlitePath, demoData: true });
    await first.close();
    // A finding's assignment of one unit made to name another, in place; the snapshot (which holds the read models past it) kept.
    const edited = editStore(sqlitePath, (db) => {
      const assigned = db.prepare("SELECT * FROM events WHERE type = 'UnitAssigned' AND stream_id LIKE 'finding-%' ORDER BY position LIMIT 1").get() as EventsRow;
      const data = JSON.parse(assigned.data) as { unitId: string };
      const other = db.prepare("SELECT json_extract(data, '$.unitId') AS unitId FROM events WHERE type = 'UnitRegistered' AND json_extract(data, '$.unitId') <> ? LIMIT 1").get(data.unitId) as { unitId: string };
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(JSON.stringify({ ...data, unitId: other.unitId }), assigned.position);
      const untouched = db.prepare("SELECT stream_id FROM events WHERE type = 'FindingRecorded' AND stream_id <> ? LIMIT 1").get(assigned.stream_id) as { stream_id: string };
      return { findingId: assigned.stream_id.slice('finding-'.length), position: assigned.position, unitId: other.unitId, untouched: untouched.stream_id.slice('finding-'.length) };
    });
    const app = await startTestApp({ sqlitePath });
    try {
      const urged = await app.graphql('mutation($input: UrgeUnitInput!) { urgeUnit(input: $input) { id } }', {
        input: { idempotencyKey: 'urge-edited-unit', findingId: edited.findingId, unitId: edited.unitId, message: '请尽快' },
      }, SUPERVISOR);
      expectUsersWords(urged, 'LOG_ALTERED');
      const whole = await operatorText(app, ADMIN, 'LOG_ALTERED');
      expect(whole.en).toContain(`The event at position ${edited.position} (UnitAssigned) cannot be trusted: its content does not match the ledger hash recorded with it`);
      expect(whole.zh).toContain(`位置 ${edited.position} 的事件（UnitAssigned）不可信：其内容与写入时记录的台账哈希不符`);
      const history = await app.graphql('query($id: ID!) { finding(id: $id) { history { eventType } } }', { id: edited.findingId }, SUPERVISOR);
      expectUsersWords(history, 'LOG_ALTERED');
      expect(await problems(app)).toEqual(['LOG_ALTERED']);
      const other = await app.graphql('query($id: ID!) { finding(id: $id) { history { eventType } } }', { id: edited.untouched }, SUPERVISOR);
      expect(other.data!.finding.history.length).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  }, PROCESS_TEST_CEILING_MS);
});

describe('Rows of the log reordered or edited while Rectify is stopped, or deleted under it (breaker9y P7, P1)', () => {
  const checkpointsIn = (sqlitePath: string) => editStore(sqlitePath, (db) => (db.prepare('SELECT COUNT(*) AS n FROM ledger_checkpoints').get() as { n: number }).n);
  const takeCheckpoint = (app: TestApp) => app.graphql('mutation { takeLedgerCheckpoint { sequence } }', {}, ADMIN);
  /** Waits for a cause on /health (a background walk, a count on the running server's next look): the suite's ceiling, never a timing. */
  const untilProblem = async (app: TestApp, cause: string) => {
    while (!(await problems(app)).includes(cause)) await new Promise((resolve) => setTimeout(resolve, 100));
  };
  /** A demo store, stopped, with its read-model snapshot (which covers the whole log) beside it. */
  async function givenStoppedDemoWithSnapshot() {
    const sqlitePath = freshDatabasePath();
    const app = await startTestApp({ sqlitePath, demoData: true });
    await app.close();
    expect(existsSync(`${sqlitePath}.read-models.snapshot`)).toBe(true);
    return sqlitePath;
  }

  it('two rows under a kept read-model snapshot exchanged: the start is degraded LOG_ALTERED naming the first moved row, writes and checkpoints refused — and so without the snapshot, not PROJECTIONS_STOPPED', async () => {
    const sqlitePath = await givenStoppedDemoWithSnapshot();
    const checkpoints = checkpointsIn(sqlitePath);
    // Every column but the position exchanged: each row keeps its own hashes and seal, only the order changed.
    editStore(sqlitePath, (db) => db.exec('UPDATE events SET position = -1 WHERE position = 10; UPDATE events SET position = 10 WHERE position = 20; UPDATE events SET position = 20 WHERE position = -1;'));
    for (const snapshot of ['kept', 'deleted']) {
      if (snapshot === 'deleted') rmSync(`${sqlitePath}.read-models.snapshot`, { force: true });
      const app = await startTestApp({ sqlitePath });
      try {
        expect(await problems(app)).toEqual(['LOG_ALTERED']);
        const refusal = await refusalOfWrite(app, 'LOG_ALTERED');
        expect(refusal.en).toContain('The event at position 10 (');
        expect(refusal.en).toContain('cannot be trusted: its chain hash does not follow the event at position 9');
        expect(refusal.zh).toContain('其链哈希与位置 9 的事件接不上');
        expect((await takeCheckpoint(app)).errors![0]!.extensions).toMatchObject({ code: 'STORE_UNAVAILABLE', cause: 'LOG_ALTERED' });
      } finally {
        await app.close();
      }
    }
    expect(checkpointsIn(sqlitePath)).toBe(checkpoints);
  }, PROCESS_TEST_CEILING_MS);

  it('a row under a kept snapshot edited in place (its hashes left): found after the start without any read of it — LOG_ALTERED, no checkpoint signed over it', async () => {
    const sqlitePath = await givenStoppedDemoWithSnapshot();
    const checkpoints = checkpointsIn(sqlitePath);
    const position = editStore(sqlitePath, (db) => {
      const registered = db.prepare("SELECT position, data FROM events WHERE type = 'UnitRegistered' ORDER BY position LIMIT 1").get() as { position: number; data: string };
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(JSON.stringify({ ...(JSON.parse(registered.data) as object), name: '青川市改名局' }), registered.position);
      return registered.position;
    });
    const app = await startTestApp({ sqlitePath });
    try {
      await untilProblem(app, 'LOG_ALTERED');
      const whole = await operatorText(app, ADMIN, 'LOG_ALTERED');
      expect(whole.en).toContain(`The event at position ${position} (UnitRegistered) cannot be trusted: its content does not match the ledger hash recorded with it`);
      expect((await takeCheckpoint(app)).errors![0]!.extensions).toMatchObject({ code: 'STORE_UNAVAILABLE', cause: 'LOG_ALTERED' });
      expect(await unitNamed(app, '青川市改名局')).toBe(false);
    } finally {
      await app.close();
    }
    expect(checkpointsIn(sqlitePath)).toBe(checkpoints);
  }, PROCESS_TEST_CEILING_MS);

  it('a row deleted from the middle under the running server: /health degraded LOG_ALTERED, the finding\'s history and every write refused, no checkpoint signed over the cut; verifyLedger names the missing position', async () => {
    const sqlitePath = freshDatabasePath();
    const app = await startTestApp({ sqlitePath, demoData: true });
    try {
      const checkpoints = checkpointsIn(sqlitePath);
      const deleted = editStore(sqlitePath, (db) => {
        const assigned = db.prepare("SELECT position, stream_id FROM events WHERE type = 'UnitAssigned' AND stream_id LIKE 'finding-%' ORDER BY position LIMIT 1").get() as { position: number; stream_id: string };
        db.prepare('DELETE FROM events WHERE position = ?').run(assigned.position);
        return { position: assigned.position, findingId: assigned.stream_id.slice('finding-'.length) };
      });
      await untilProblem(app, 'LOG_ALTERED');
      const whole = await operatorText(app, ADMIN, 'LOG_ALTERED');
      expect(whole.en).toContain(`cannot be trusted: the events at position ${deleted.position} before it are missing`);
      expect(whole.zh).toContain(`其前位置 ${deleted.position} 的事件缺失`);
      expectUsersWords(await app.graphql('query($id: ID!) { finding(id: $id) { history { eventType } } }', { id: deleted.findingId }, SUPERVISOR), 'LOG_ALTERED');
      expectUsersWords(await app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ title: '删行之后' }) }, SUPERVISOR), 'LOG_ALTERED');
      expect((await takeCheckpoint(app)).errors![0]!.extensions).toMatchObject({ code: 'STORE_UNAVAILABLE', cause: 'LOG_ALTERED' });
      expect(checkpointsIn(sqlitePath)).toBe(checkpoints);
      const verified = await app.graphql('{ verifyLedger { ok firstMismatch { kind position missingAfter missingUpTo message } } }', {}, ADMIN);
      expect(verified.data!.verifyLedger).toMatchObject({
        ok: false,
        firstMismatch: { kind: 'CHAIN_BROKEN', position: String(deleted.position + 1), missingAfter: String(deleted.position - 1), missingUpTo: String(deleted.position) },
      });
      expect(verified.data!.verifyLedger.firstMismatch.message).toContain(`the events at position ${deleted.position} before it are missing — they were deleted from the log`);
    } finally {
      await app.close();
    }
  }, PROCESS_TEST_CEILING_MS);
});
