import Database from 'better-sqlite3';
import { freshDatabasePath } from '../support/test-app.js';
import { graphqlAt, killHard, PROCESS_TEST_CEILING_MS, startServer, type ServerProcess } from '../support/server-process.js';

/*
 * breaker45-9 S2: a row edited in the live file. verifyLedger answered CONTENT_CHANGED and proveEvent refused the event,
 * yet /health stayed ready and writes went on until someone tried a checkpoint. Whichever of the server's own checks finds
 * the log not as written, the server is LOG_ALTERED (README, Tamper-evident ledger): /health degraded, writes refused.
 */

const ADMIN = { authorization: 'Bearer rct_demo_admin_qingchuan' };
const SUPERVISOR = { authorization: 'Bearer rct_demo_supervisor_qingchuan' };
const URGE = 'mutation($input: UrgeUnitInput!) { urgeUnit(input: $input) { __typename } }';
const urging = (key: string) => ({ input: { idempotencyKey: key, findingId: '86b5338d-09e7-55e6-85a4-74983abf55af', unitId: '53f88dd5-a3b4-510c-8bee-bbe3bdeb669e', message: '请按期整改' } });

const health = async (server: ServerProcess) => {
  const response = await fetch(`http://127.0.0.1:${server.port}/health`);
  return { status: response.status, body: (await response.json()) as { status: string; problems: { cause: string; messageZh: string }[] } };
};

/** A demo server with checkpoint 1 taken, and event 100's content edited in its live file by another process (sqlite3, python). */
async function serverWithEditedRow(): Promise<{ server: ServerProcess; eventId: string }> {
  const sqlitePath = freshDatabasePath();
  const server = await startServer(sqlitePath, { env: { DEMO_DATA: 'true', LEDGER_CHECKPOINT_MINUTES: '0' } });
  expect((await graphqlAt(server.port, 'mutation { takeLedgerCheckpoint { sequence } }', {}, ADMIN)).errors).toBeUndefined();
  // A miscopied printed code is answered not ok, but says nothing of the log: the server stays ready.
  const miscopied = await graphqlAt(server.port, 'query($codes: [String!]) { verifyLedger(codes: $codes) { ok firstMismatch { kind } } }', { codes: [`10-${Array(8).fill('00000000').join('-')}`] }, ADMIN);
  expect(miscopied.data.verifyLedger.firstMismatch.kind).toBe('PRINTED_CODE_MISMATCH');
  expect((await health(server)).body.status).toBe('ready');
  const db = new Database(sqlitePath);
  try {
    const row = db.prepare('SELECT event_id, data FROM events WHERE position = 100').get() as { event_id: string; data: string };
    const data = JSON.parse(row.data) as Record<string, unknown>;
    db.prepare('UPDATE events SET data = ? WHERE position = 100').run(JSON.stringify({ ...data, edited: '2027-12-31' }));
    return { server, eventId: row.event_id };
  } finally {
    db.close();
  }
}

/** /health degraded LOG_ALTERED, and a write refused with that cause. */
async function expectLogAltered(server: ServerProcess) {
  const now = await health(server);
  expect(now.status).toBe(503);
  expect(now.body.status).toBe('degraded');
  expect(now.body.problems.map((problem) => problem.cause)).toContain('LOG_ALTERED');
  const write = await graphqlAt(server.port, URGE, urging(`after-edit-${Date.now()}`), SUPERVISOR);
  expect(write.errors?.[0]?.extensions).toMatchObject({ code: 'STORE_UNAVAILABLE', cause: 'LOG_ALTERED' });
}

describe('a row edited in the live file, found by the server itself', () => {
  it('by verifyLedger (CONTENT_CHANGED): /health degraded LOG_ALTERED and writes refused at once, naming the row in the log', async () => {
    const { server } = await serverWithEditedRow();
    try {
      const verified = await graphqlAt(server.port, '{ verifyLedger { ok firstMismatch { kind position } } }', {}, ADMIN);
      expect(verified.data.verifyLedger).toMatchObject({ ok: false, firstMismatch: { kind: 'CONTENT_CHANGED', position: '100' } });
      await expectLogAltered(server);
      expect(server.output()).toContain('第 100 条事件（位置 100）在记录后被修改：内容与其哈希不符。不会依据并非原始记录的内容');
    } finally {
      await killHard(server.child);
    }
  }, PROCESS_TEST_CEILING_MS);

  it('by proveEvent (refused over the edited event): the same', async () => {
    const { server, eventId } = await serverWithEditedRow();
    try {
      const proof = await graphqlAt(server.port, 'query($id: ID!) { proveEvent(eventId: $id, checkpoint: 1) { leafIndex } }', { id: eventId }, ADMIN);
      expect(proof.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      await expectLogAltered(server);
    } finally {
      await killHard(server.child);
    }
  }, PROCESS_TEST_CEILING_MS);
});
