import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { PROCESS_TEST_CEILING_MS } from '../support/server-process.js';
import { freshDatabasePath, startTestApp, type TestApp } from '../support/test-app.js';

/*
 * breaker9f P9 and P3's first half: two servers on one SQLite file (the README lets them share it)
 * each learned of the other's appends only when its subscription's poll noticed them, so a session
 * or token made on one was "not valid" on the other for up to 100 ms (the web app then signed the
 * person out), and a record written on one was NOT_FOUND on the other. A request that starts after
 * a write was answered — on either server — now sees it: each operation first brings the read models
 * up to the log's head as the file holds it.
 */

const ROUNDS = 5;

describe('Two servers on one file', () => {
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    const sqlitePath = freshDatabasePath();
    first = await startTestApp({ sqlitePath });
    second = await startTestApp({ sqlitePath });
  }, PROCESS_TEST_CEILING_MS);
  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  it(
    'answers a token made on the other server at once, as its user',
    async () => {
      for (const role of ['SUPERVISOR', 'INSPECTOR', 'ADMIN'] as const) {
        const headers = await first.as(role);
        const answer = await second.graphql('{ me { id role } }', {}, headers);
        expect(answer).toEqual({ data: { me: { id: await first.userId(role), role } } });
      }
    },
    PROCESS_TEST_CEILING_MS,
  );

  it(
    'finds a record the other server has just written, in either direction',
    async () => {
      const headersOn = { first: await first.as('SUPERVISOR'), second: await second.as('SUPERVISOR') };
      for (let round = 0; round < ROUNDS; round++) {
        const [writer, reader, headers] = round % 2 === 0 ? [first, second, headersOn.first] : [second, first, headersOn.second];
        const registered = await writer.graphql(REGISTER_EVALUATION, { input: evaluationInput({ title: `两台服务器共用一个文件第${round + 1}轮评估` }) }, headers);
        const id = registered.data!.registerEvaluation.id as string;
        const read = await reader.graphql('query($id: ID!) { evaluation(id: $id) { id title } }', { id }, round % 2 === 0 ? headersOn.second : headersOn.first);
        expect(read).toEqual({ data: { evaluation: { id, title: `两台服务器共用一个文件第${round + 1}轮评估` } } });
      }
    },
    PROCESS_TEST_CEILING_MS,
  );
});
