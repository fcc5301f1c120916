import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { serverLogOutput } from './log-output.js';

/** Latency buckets in seconds: a mutation takes a few ms here, a large import several seconds. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The process's Prometheus metrics (prom-client), served at `/metrics`. Each app instance has its
 * own registry (tests start several in one process). Gauges read when scraped are added by
 * their owners: `LogGauges` (log head, projection lag, store size), `GraphqlWebSocketServer`
 * (subscriptions open).
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  /** GraphQL requests over HTTP by operation (see `operationLabel`) and outcome code (`OK` or the first error's `extensions.code`). */
  readonly requests = new Counter({
    name: 'rectify_graphql_requests_total',
    help: 'GraphQL requests over HTTP, by operation and result code (OK, or the first error code).',
    labelNames: ['operation', 'code'] as const,
    registers: [this.registry],
  });

  readonly requestDuration = new Histogram({
    name: 'rectify_graphql_request_duration_seconds',
    help: 'Time from receiving a GraphQL request to sending its answer, by operation.',
    labelNames: ['operation'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly eventsAppended = new Counter({
    name: 'rectify_events_appended_total',
    help: 'Events this process appended to the log (a retried append that was already stored counts again).',
    registers: [this.registry],
  });

  readonly appendDuration = new Histogram({
    name: 'rectify_append_duration_seconds',
    help: 'Time one append to the event store took (durable on return), including refused ones.',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  constructor() {
    // CPU, memory, event-loop delay, GC: read when scraped.
    collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: 'rectify_log_lines_dropped',
      help: 'Log lines this process could not write to stdout/stderr since it started (a full disk under a redirected log, a closed pipe).',
      registers: [this.registry],
      collect() {
        this.set(serverLogOutput.dropped);
      },
    });
  }
}
