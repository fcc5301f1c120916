// HTTP load through autocannon: throughput at many connections, latency one request at a time.
import autocannon from 'autocannon';
import { performance } from 'node:perf_hooks';

/** How long one request of a latency row is waited for (ms): under fetch's own 300 s headers timeout, which would end the whole run. */
export const ANSWER_WAIT_MS = 280_000;

/**
 * One GraphQL request over fetch; throws on an HTTP error or a GraphQL error (the row would measure
 * a refusal), and a TimeoutError when no answer came within `waitMs`.
 */
export async function graphql(url, token, query, variables = {}, waitMs = ANSWER_WAIT_MS) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(waitMs),
  });
  const body = await response.json();
  if (body.errors) throw new Error(`${query.slice(0, 80)}…: ${JSON.stringify(body.errors).slice(0, 400)}`);
  return body.data;
}

const summary = (result, failed) => ({
  requests: result.requests.total,
  perSecond: result.requests.total / result.duration,
  p50: result.latency.p50,
  p99: result.latency.p99,
  max: result.latency.max,
  /** Connection errors, timeouts, non-2xx answers and answers carrying GraphQL errors. */
  failed: result.errors + result.timeouts + result.non2xx + failed.count,
  /** Answers carrying GraphQL errors: the server refused the request, so its timing is a refusal's. */
  refused: failed.count,
  /** The first refusal's errors (up to 300 characters), to name what the server objected to. */
  refusal: failed.sample,
  seconds: result.duration,
});

/**
 * Runs autocannon against `${url}/graphql`. `body` may hold `[<id>]`, replaced by a fresh id per
 * request (idempotency keys). Either `duration` (s) or `amount` (requests). Answers carrying a
 * GraphQL error count as failed.
 */
export async function load({ url, token, body, connections, duration, amount, timeout = 300 }) {
  const failed = { count: 0, sample: undefined };
  const result = await autocannon({
    url: `${url}/graphql`,
    connections,
    ...(amount ? { amount } : { duration }),
    timeout,
    idReplacement: body.includes('[<id>]'),
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body,
        onResponse: (status, text) => {
          if (status === 200 && text.includes('"errors":[')) {
            failed.count += 1;
            failed.sample ??= text.slice(0, 300);
          }
        },
      },
    ],
  });
  return summary(result, failed);
}

/**
 * Latency of one query, one request at a time: a first request checks it answers and times it;
 * when that one took longer than `seconds` it is the only sample (n=1: a query that slow is not
 * asked again and again), else as many as fit in `seconds` (at least `minRequests`, at most 5000)
 * go through autocannon. A first request with no answer within `waitMs` gives n=0, one failure and
 * the time waited, and the run goes on to its other rows (the 1M log's time travel took longer than
 * fetch's 300 s once, and the run stopped there without printing anything).
 */
export async function latency({ url, token, query, variables = {}, seconds, minRequests = 5, waitMs = ANSWER_WAIT_MS }) {
  const started = performance.now();
  try {
    await graphql(url, token, query, variables, waitMs);
  } catch (error) {
    if (error?.name !== 'TimeoutError') throw error;
    const waited = performance.now() - started;
    return { requests: 0, perSecond: 0, p50: waited, p99: waited, max: waited, failed: 1, seconds: waited / 1000 };
  }
  const one = performance.now() - started;
  if (one > seconds * 1000) return { requests: 1, perSecond: 1000 / one, p50: one, p99: one, max: one, failed: 0, seconds: one / 1000, first: one };
  const amount = Math.max(minRequests, Math.min(5000, Math.round((seconds * 1000) / Math.max(0.05, one))));
  // The first answer is not among the samples: a time-travel answer is folded once and then kept
  // (TimeTravelCache), so the samples time the kept answer and `first` the fold.
  return { ...(await load({ url, token, body: JSON.stringify({ query, variables }), connections: 1, amount })), first: one };
}

/** The nearest-rank `p`-th percentile of `values` (ms); of 5 values the p99 is the largest. */
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};

/**
 * First answers of `query`, one request at a time, once with each of `variablesList` (cuts no request asked before, so
 * each is folded rather than read from the kept answers): `{ requests, p50, p99, max, times, failed }` (ms). An answer
 * carrying a GraphQL error throws (the row would time a refusal).
 */
export async function firstAnswers({ url, token, query, variablesList, waitMs = ANSWER_WAIT_MS }) {
  const times = [];
  for (const variables of variablesList) {
    const started = performance.now();
    await graphql(url, token, query, variables, waitMs);
    times.push(performance.now() - started);
  }
  return { requests: times.length, p50: percentile(times, 50), p99: percentile(times, 99), max: Math.max(...times), times, failed: 0 };
}

/**
 * `connections` loops, each asking one request after another for `seconds`, request `n` (counted over all loops) being
 * `requestOf(n)` (`{ query, variables }`): requests that differ, which autocannon's one body cannot.
 * `{ requests, failed, refusal, p50, p99 }` (ms; `refusal`: the first error's text).
 */
export async function busyRequests({ url, token, requestOf, connections, seconds }) {
  const ends = performance.now() + seconds * 1000;
  const times = [];
  let asked = 0;
  let failed = 0;
  let refusal;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < ends) {
        const { query, variables } = requestOf(asked++);
        const started = performance.now();
        try {
          await graphql(url, token, query, variables);
          times.push(performance.now() - started);
        } catch (error) {
          failed += 1;
          refusal ??= String(error?.message ?? error).slice(0, 300);
        }
      }
    }),
  );
  return { requests: times.length, failed, refusal, p50: times.length ? percentile(times, 50) : 0, p99: times.length ? percentile(times, 99) : 0 };
}

/**
 * The longest event-loop delay the server saw since the previous call (ms), from its own /metrics: prom-client's default
 * `nodejs_eventloop_lag_max_seconds` is the maximum of a `monitorEventLoopDelay` histogram (10 ms resolution) that each
 * scrape reads and resets, so a scrape before a window and one after it give that window's longest turn. Null when the
 * server has no such line.
 */
export async function eventLoopDelayMaxMs(url, metricsToken) {
  const text = await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })).text();
  const line = text.split('\n').find((metric) => metric.startsWith('nodejs_eventloop_lag_max_seconds'));
  return line ? Number(line.trim().split(' ').pop()) * 1000 : null;
}
