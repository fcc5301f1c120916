import Database from 'better-sqlite3';
import { deterministicId } from '../../src/shared/ids.js';
import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { PROCESS_TEST_CEILING_MS } from '../support/server-process.js';
import { freshDatabasePath, startTestApp } from '../support/test-app.js';

/*
 * breaker9x P7: a request-index row copied under a key never used (write access to the file, no key) made the
 * first request under that key CONFLICT REQUEST_KEY_REUSED 「此前用同一次提交发出的请求已经办理…」 — nothing recorded
 * for a request never made — and, with the digest of the victim's request, would have answered it "already done".
 * No append writes two keys for one command: such a row is an altered row (STORE_UNAVAILABLE, LOG_ALTERED).
 */
describe('A request-index row copied under another key (breaker9x P7)', () => {
  it('is refused as an altered store when a request under its key arrives, never CONFLICT or "already recorded"', async () => {
    const sqlitePath = freshDatabasePath();
    const app = await startTestApp({ sqlitePath });
    try {
      const supervisor = await app.as('SUPERVISOR');
      const actorId = await app.userId('SUPERVISOR');
      expect((await app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ title: '真实的评估', idempotencyKey: 'K-real-1' }) }, supervisor)).errors).toBeUndefined();
      const db = new Database(sqlitePath);
      db.prepare(
        `INSERT INTO requests (request_key, command_id, request_digest, stream_id, revision, position)
         SELECT ?, command_id, request_digest, stream_id, revision, position FROM requests WHERE request_key = ?`,
      ).run(deterministicId('request', actorId, 'K-future-7'), deterministicId('request', actorId, 'K-real-1'));
      db.close();
      const before = await app.logPosition();
      const answer = await app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ title: '明天要登记的评估', idempotencyKey: 'K-future-7' }) }, supervisor);
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'STORE_UNAVAILABLE', cause: 'LOG_ALTERED' });
      expect(await app.logPosition()).toBe(before);
    } finally {
      await app.close();
    }
  }, PROCESS_TEST_CEILING_MS);
});

/*
 * breaker51-9 S1: a restore drill's file copied over the live one left the drill's request-index rows in production's
 * file, each naming production's event at the same position, stream and revision — written by another command. Resent
 * to production, the drill's request answered success with nothing recorded. A row whose event another command wrote is
 * no request of this log: refused as an altered store, never "already done".
 */
describe("A request-index row naming an event another command wrote (breaker51-9 S1)", () => {
  it('is refused as an altered store when its request is resent, never answered "already recorded"', async () => {
    const sqlitePath = freshDatabasePath();
    const app = await startTestApp({ sqlitePath });
    try {
      const supervisor = await app.as('SUPERVISOR');
      const actorId = await app.userId('SUPERVISOR');
      const drillInput = evaluationInput({ title: '演练中登记的评估', idempotencyKey: 'K-drill-1' });
      for (const input of [evaluationInput({ title: '正式登记的评估', idempotencyKey: 'K-real-1' }), drillInput]) {
        expect((await app.graphql(REGISTER_EVALUATION, { input }, supervisor)).errors).toBeUndefined();
      }
      // The drill's row as the mixed pages left it: its own command and digest, production's event at the same place.
      const db = new Database(sqlitePath);
      db.prepare(
        `UPDATE requests SET (stream_id, revision, position) = (SELECT stream_id, revision, position FROM requests WHERE request_key = ?) WHERE request_key = ?`,
      ).run(deterministicId('request', actorId, 'K-real-1'), deterministicId('request', actorId, 'K-drill-1'));
      db.close();
      const before = await app.logPosition();
      const answer = await app.graphql(REGISTER_EVALUATION, { input: drillInput }, supervisor);
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'STORE_UNAVAILABLE', cause: 'LOG_ALTERED' });
      expect(await app.logPosition()).toBe(before);
      // The request whose event it is still answers as recorded.
      expect((await app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ title: '正式登记的评估', idempotencyKey: 'K-real-1' }) }, supervisor)).errors).toBeUndefined();
    } finally {
      await app.close();
    }
  }, PROCESS_TEST_CEILING_MS);
});
