import { Agent, get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port.js';
import { ServingState } from '../../src/health/serving-state.js';
import { REGISTER_EVALUATION, evaluationInput } from '../support/fixtures.js';
import { TestApp, startTestApp } from '../support/test-app.js';

const METRICS_TOKEN = 'scraper-secret-0123456789abcdef0123456789';

/** Polls until `check` holds, for at most `ceilingMs` (a loaded machine is slow, never wrong). */
async function eventually(check: () => Promise<boolean>, what: string, ceilingMs = 20_000): Promise<void> {
  const deadline = Date.now() + ceilingMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Still not true after ${ceilingMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('Operating the server', () => {
  let app: TestApp;

  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${app.url}${path}`, { headers });
    return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
  };
  const scrape = async () => (await get('/metrics', { authorization: `Bearer ${METRICS_TOKEN}` })).text;
  const sample = (metrics: string, name: string) => {
    const line = metrics.split('\n').find((candidate) => candidate.startsWith(`${name} `));
    return line === undefined ? undefined : Number(line.slice(name.length + 1));
  };

  beforeAll(async () => {
    app = await startTestApp({ settings: { METRICS_TOKEN } });
  });

  afterAll(async () => {
    await app.close();
  });

  it('keeps an idle connection open for 65 s, so a request sent after a busy moment is not reset (longer than a proxy keeps its own)', async () => {
    const answer = await new Promise<IncomingHttpHeaders>((resolve, reject) => {
      httpGet(`${app.url}/health/live`, { agent: new Agent({ keepAlive: true }) }, (response) => {
        response.resume();
        resolve(response.headers);
      }).on('error', reject);
    });
    expect(answer['connection']).toBe('keep-alive');
    expect(answer['keep-alive']).toBe('timeout=65');
  });

  describe('health', () => {
    it('is alive and ready once started, with the log and projected positions', async () => {
      expect(await get('/health/live')).toMatchObject({ status: 200, text: JSON.stringify({ status: 'alive' }) });
      const ready = await get('/health/ready');
      expect(ready.status).toBe(200);
      const body = JSON.parse(ready.text);
      expect(body).toMatchObject({ status: 'ready', store: 'sqlite' });
      expect(body.projectedPosition).toBe(body.logPosition);
      expect(JSON.parse((await get('/health')).text)).toMatchObject({ status: 'ready' });
    });

    it('is not ready while the store fails, and tells no caller why (the log does)', async () => {
      const store = app.app.get<EventStore>(EVENT_STORE);
      const original = store.headPosition;
      store.headPosition = () => Promise.reject(new Error('SQLITE_IOERR: disk I/O error on /srv/secret/rectify.db'));
      try {
        for (const path of ['/health/ready', '/health']) {
          const answer = await get(path);
          expect(answer.status).toBe(503);
          expect(JSON.parse(answer.text)).toMatchObject({ status: 'unavailable', logPosition: null });
          expect(answer.text).not.toMatch(/SQLITE_|secret|I\/O|error/i);
        }
        // Liveness is about the process, not its store: restarting would not mend a disk.
        expect((await get('/health/live')).status).toBe(200);
      } finally {
        store.headPosition = original;
      }
    });

    it('is not ready while the read models are behind the log', async () => {
      const store = app.app.get<EventStore>(EVENT_STORE);
      const original = store.headPosition;
      // A head the read models never reach within readiness's wait: catching up.
      store.headPosition = async () => ({ commit: 10n ** 12n, prepare: 10n ** 12n });
      try {
        const answer = await get('/health/ready');
        expect(answer.status).toBe(503);
        expect(JSON.parse(answer.text)).toMatchObject({ status: 'catching_up' });
      } finally {
        store.headPosition = original;
      }
      expect((await get('/health/ready')).status).toBe(200);
    });
  });

  describe('/metrics', () => {
    it('is for the scraper token and ADMIN users only', async () => {
      expect((await get('/metrics')).status).toBe(401);
      expect((await get('/metrics', { authorization: 'Bearer not-the-token-but-long-enough-to-look-like-it' })).status).toBe(401);
      expect((await get('/metrics', await app.as('SUPERVISOR'))).status).toBe(403);
      const asAdmin = await get('/metrics', await app.as('ADMIN'));
      expect(asAdmin.status).toBe(200);
      expect(asAdmin.type).toMatch(/^text\/plain; version=0\.0\.4/);
      const asScraper = await get('/metrics', { authorization: `Bearer ${METRICS_TOKEN}` });
      expect(asScraper.status).toBe(200);
      expect(asScraper.text).toContain('# TYPE rectify_graphql_requests_total counter');
    });

    it('counts requests by operation and code, their latency, appends, lag and the store size', async () => {
      const before = await scrape();
      const appendedBefore = sample(before, 'rectify_events_appended_total')!;
      expect(await app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ idempotencyKey: 'metrics-1' }) })).not.toHaveProperty('errors');
      expect((await app.graphql(`{ evaluation(id: "00000000-0000-4000-8000-000000000000") { id } }`)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      await app.graphql(`{ units { id } }`, {}, {});
      await app.graphql(`{ nonsense }`);

      const after = await scrape();
      expect(after).toContain('rectify_graphql_requests_total{operation="mutation registerEvaluation",code="OK"} 1');
      expect(after).toContain('rectify_graphql_requests_total{operation="query evaluation",code="NOT_FOUND"} 1');
      expect(after).toContain('rectify_graphql_requests_total{operation="query units",code="UNAUTHENTICATED"} 1');
      expect(after).toContain('rectify_graphql_requests_total{operation="invalid",code="GRAPHQL_VALIDATION_FAILED"} 1');
      expect(after).toMatch(/rectify_graphql_request_duration_seconds_count\{operation="mutation registerEvaluation"\} 1/);
      expect(after).toMatch(/rectify_graphql_request_duration_seconds_bucket\{le="\+Inf",operation="mutation registerEvaluation"\} 1/);
      expect(sample(after, 'rectify_events_appended_total')).toBe(appendedBefore + 1);
      expect(sample(after, 'rectify_append_duration_seconds_count')).toBeGreaterThanOrEqual(1);
      expect(sample(after, 'rectify_projection_lag')).toBe(0);
      expect(sample(after, 'rectify_log_head_position')).toBe(sample(after, 'rectify_projected_position'));
      expect(sample(after, 'rectify_store_size_bytes')).toBeGreaterThan(0);
      expect(sample(after, 'rectify_http_requests_in_flight')).toBe(0);
      expect(after).toContain('process_cpu_user_seconds_total');
    });

    it('counts the subscriptions open', async () => {
      const client = createClient({ url: `${app.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: await app.as('SUPERVISOR'), retryAttempts: 0 });
      const ended = new Promise<void>((resolve, reject) =>
        client.subscribe({ query: 'subscription { dashboardUpdated { percentClosed } }' }, { next: () => undefined, error: reject, complete: resolve }),
      );
      try {
        await eventually(async () => sample(await scrape(), 'rectify_subscriptions_open') === 1, 'one subscription open');
      } finally {
        await client.dispose();
      }
      await ended;
      await eventually(async () => sample(await scrape(), 'rectify_subscriptions_open') === 0, 'no subscription open');
    });
  });

  it('stops being ready once draining', async () => {
    app.app.get(ServingState).drain('test');
    const answer = await get('/health/ready');
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.text)).toMatchObject({ status: 'draining' });
  });
});
