import { Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { Metrics } from '../observability/metrics.js';
import { EXPORTS_AT_ONCE, exportsInProgress } from './export-file-off-thread.js';

/**
 * `/metrics` `rectify_exports{state="running"|"waiting"}`: export files being made now (at most
 * EXPORTS_AT_ONCE) and those waiting their turn in the fair queue, read when scraped. A waiting
 * count that stays up means downloads queue behind each other (every caller may have one waiting).
 */
@Injectable()
export class ExportMetrics {
  constructor(metrics: Metrics) {
    metrics.registry.registerMetric(
      new Gauge({
        name: 'rectify_exports',
        help: `Export files (GET /export/*) by state: running (at most ${EXPORTS_AT_ONCE} at once) or waiting their turn.`,
        labelNames: ['state'] as const,
        registers: [],
        collect() {
          const { running, waiting } = exportsInProgress();
          this.set({ state: 'running' }, running);
          this.set({ state: 'waiting' }, waiting);
        },
      }),
    );
  }
}
