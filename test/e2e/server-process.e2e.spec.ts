import { ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store.js';
import { REGISTER_EVALUATION, evaluationInput } from '../support/fixtures.js';
import { freshDatabasePath } from '../support/test-app.js';
import { freePort, listensOn, PROCESS_TEST_CEILING_MS, START_CEILING_MS } from '../support/server-process.js';

/** The built server and tool, started as `npm start` and `npm run user:create` do. */
const SERVER = join(process.cwd(), 'dist/main.js');
const CREATE_USER = join(process.cwd(), 'dist/cli/create-user.js');
const METRICS_TOKEN = 'scraper-secret-0123456789abcdef0123456789';
/** Generous: the machine may be shared and loaded; every wait ends as soon as its condition holds. */

async function eventually<T>(attempt: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + START_CEILING_MS;
  for (;;) {
    const value = await attempt().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Still not true after ${START_CEILING_MS} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('The server process', () => {
  it('logs JSON lines with correlation ids, and on SIGTERM completes subscriptions, answers the request in flight, closes the store and exits 0', async () => {
    const sqlitePath = freshDatabasePath();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = { ...process.env, PORT: String(port), SQLITE_PATH: sqlitePath, DEMO_DATA: 'false', NODE_ENV: 'test', METRICS_TOKEN, LOG_LEVEL: 'log' };
    const server: ChildProcess = spawn(process.execPath, [SERVER], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    server.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
    try {
      await eventually(async () => ((await fetch(`${base}/health/ready`)).ok && listensOn(server.pid!, port) ? true : undefined), 'the server is ready');

      const created = await promisify(execFile)(process.execPath, [CREATE_USER, '--name', '张伟', '--role', 'SUPERVISOR'], { env });
      const token = created.stdout.trim().split('\n').at(-1)!;
      const userId = /\(([0-9a-f-]{36})\)/.exec(created.stdout)![1]!;
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
      const graphql = (body: unknown, extra: Record<string, string> = {}) =>
        fetch(`${base}/graphql`, { method: 'POST', headers: { ...headers, ...extra }, body: JSON.stringify(body) });
      const metric = async (name: string) => {
        const text = await (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
        return Number(text.split('\n').find((line) => line.startsWith(`${name} `))?.slice(name.length + 1));
      };
      // The server sees the account the tool appended within moments.
      await eventually(async () => (((await (await graphql({ query: '{ units { id } }' })).json()) as { errors?: unknown }).errors ? undefined : true), 'the new token is accepted');

      // One log line per request, with the correlation id the client sent (and gets back).
      const answered = await graphql({ query: REGISTER_EVALUATION, variables: { input: evaluationInput({ idempotencyKey: 'process-1' }) } }, { 'x-correlation-id': 'trace-process-1' });
      expect(answered.headers.get('x-correlation-id')).toBe('trace-process-1');
      // Answers are per reader: never kept by a browser or an intranet proxy.
      expect(answered.headers.get('cache-control')).toBe('no-store');
      const line = await eventually(
        async () => stdout.split('\n').find((candidate) => candidate.includes('"correlationId":"trace-process-1"')),
        'the request is logged',
      );
      expect(JSON.parse(line)).toMatchObject({
        level: 'log',
        context: 'GraphQL',
        method: 'POST',
        operation: 'mutation registerEvaluation',
        caller: userId,
        code: 'OK',
        durationMs: expect.any(Number),
        correlationId: 'trace-process-1',
      });

      // A subscriber, and a mutation whose body is still arriving when SIGTERM comes.
      let subscriptionCompleted = false;
      let closeCode: number | undefined;
      const client = createClient({
        url: `ws://127.0.0.1:${port}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${token}` },
        retryAttempts: 0,
        on: { closed: (event) => void (closeCode = (event as { code: number }).code) },
      });
      const subscriptionEnded = new Promise<void>((resolve, reject) =>
        client.subscribe({ query: 'subscription { dashboardUpdated { percentClosed } }' }, {
          next: () => undefined,
          error: reject,
          complete: () => {
            subscriptionCompleted = true;
            resolve();
          },
        }),
      );
      await eventually(async () => ((await metric('rectify_subscriptions_open')) === 1 ? true : undefined), 'the subscription is open');

      const body = Buffer.from(JSON.stringify({ query: `${REGISTER_EVALUATION}`, variables: { input: evaluationInput({ idempotencyKey: 'process-in-flight', title: '关机时在途的评估' }) } }));
      const held = request(`${base}/graphql`, { method: 'POST', headers: { ...headers, 'content-length': String(body.length) } });
      const heldAnswer = new Promise<{ status: number; body: string }>((resolve, reject) => {
        held.on('response', (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          response.on('end', () => resolve({ status: response.statusCode!, body: text }));
        });
        held.on('error', reject);
      });
      held.write(body.subarray(0, 10));
      await eventually(async () => ((await metric('rectify_http_requests_in_flight')) === 1 ? true : undefined), 'the request is in flight');

      server.kill('SIGTERM');
      // Subscriptions are completed first; the server then waits for the request in flight.
      await subscriptionEnded;
      await eventually(async () => closeCode, 'the WebSocket is closed');
      held.end(body.subarray(10));
      const answer = await heldAnswer;
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toMatchObject({ data: { registerEvaluation: { id: expect.any(String) } } });
      expect(await exited).toBe(0);

      expect(subscriptionCompleted).toBe(true);
      expect(closeCode).toBe(1001);
      // Closed cleanly: SQLite folds its write-ahead log back into the file and removes it.
      expect(existsSync(`${sqlitePath}-wal`)).toBe(false);
      const store = new SqliteEventStore(sqlitePath);
      try {
        const titles = (await store.readAll()).filter((event) => event.type === 'EvaluationRegistered').map((event) => event.data.title);
        expect(titles).toContain('关机时在途的评估');
      } finally {
        await store.close();
      }

      const lines = stdout.trim().split('\n');
      for (const text of lines) expect(() => JSON.parse(text)).not.toThrow();
      expect(stdout).not.toContain(token);
      expect(lines.map((text) => JSON.parse(text))).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ message: 'Draining: no longer ready for new requests', reason: 'shutdown' }),
          expect.objectContaining({ message: expect.stringMatching(/^Shutting down/), subscriptionsCompleted: 1, requestsAwaited: 1 }),
        ]),
      );
    } finally {
      if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
    }
  }, PROCESS_TEST_CEILING_MS);
});
