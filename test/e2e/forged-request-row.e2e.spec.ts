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
