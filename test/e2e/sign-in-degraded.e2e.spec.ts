import Database from 'better-sqlite3';
import { DEMO_PASSWORD } from '../../src/demo/demo-data.js';
import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { TestApp, errorCode, freshDatabasePath, startTestApp } from '../support/test-app.js';

/*
 * breaker9c P5: a degraded store (writes refused) locked every browser user out, since signing in
 * records a session; the README promises reads meanwhile. Now the sign-in is decided as the ledger
 * would decide it and kept in memory: people can look at their ledger, and still write nothing.
 */

const SIGN_IN = `mutation($input: SignInInput!) { signIn(input: $input) { token user { name } } }`;
const ME = `{ me { name role } }`;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('Signing in while the store takes no writes', () => {
  let app: TestApp;
  const signIn = (loginName: string, password: string) => app.graphql(SIGN_IN, { input: { loginName, password } }, {});

  beforeAll(async () => {
    const sqlitePath = freshDatabasePath();
    app = await startTestApp({ demoData: true, sqlitePath, now: '2026-04-10T09:00:00+08:00' });
    // A row no Rectify process wrote is the log altered (breaker9y P7): the store is degraded, writes refused.
    const other = new Database(sqlitePath);
    const { metadata, recorded_at: recordedAt } = other.prepare('SELECT metadata, recorded_at FROM events ORDER BY position DESC LIMIT 1').get() as { metadata: string; recorded_at: string };
    other
      .prepare('INSERT INTO events (event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at) VALUES (?, ?, 0, ?, 1, ?, ?, ?)')
      .run('poison-1', 'finding-poison', 'FindingRecorded', '{}', metadata, recordedAt);
    other.close();
    for (let tries = 0; ; tries += 1) {
      const health = (await (await fetch(`${app.url}/health`)).json()) as { problems?: { cause: string }[] };
      if (health.problems?.some((problem) => problem.cause === 'LOG_ALTERED')) break;
      if (tries > 600) throw new Error('the store never reported its read models stopped');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  afterAll(async () => {
    await app.close();
  });

  it('signs a person in to read, records nothing, refuses their writes, and signs them out', async () => {
    const before = await app.logPosition();
    const signedIn = await signIn('supervisor', DEMO_PASSWORD);
    expect(signedIn.errors).toBeUndefined();
    const token = signedIn.data!.signIn.token as string;
    expect((await app.graphql(ME, {}, bearer(token))).data!.me).toMatchObject({ role: 'SUPERVISOR' });
    const evaluations = await app.graphql('{ evaluations { totalCount } }', {}, bearer(token));
    expect(evaluations.errors).toBeUndefined();
    expect(evaluations.data!.evaluations.totalCount).toBeGreaterThan(0);
    const write = await app.graphql(REGISTER_EVALUATION, { input: evaluationInput() }, bearer(token));
    expect(write.errors![0]!.extensions).toMatchObject({ code: 'STORE_UNAVAILABLE', cause: 'LOG_ALTERED' });
    expect(await app.logPosition()).toBe(before);

    expect((await app.graphql('mutation { signOut }', {}, bearer(token))).data!.signOut).toBe(true);
    expect(errorCode(await app.graphql(ME, {}, bearer(token)))).toBe('UNAUTHENTICATED');
  });

  it('still counts wrong passwords: the fifth locks the account, the right one then too', async () => {
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expect((await signIn('inspector', `wrong-${attempt}`)).errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'WRONG_CREDENTIALS' });
    }
    expect((await signIn('inspector', 'wrong-5')).errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'ACCOUNT_LOCKED' });
    expect((await signIn('inspector', DEMO_PASSWORD)).errors![0]!.extensions).toMatchObject({ reason: 'ACCOUNT_LOCKED' });
    expect((await signIn('supervisor', 'wrong')).errors![0]!.extensions).toMatchObject({ reason: 'WRONG_CREDENTIALS' });
  });
});
