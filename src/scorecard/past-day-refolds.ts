import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Gauge } from 'prom-client';
import type { Subscription } from 'rxjs';
import { ProjectionEngine } from '../event-sourcing/projection-engine.js';
import { Metrics } from '../observability/metrics.js';
import { DashboardReadModel } from '../rectification/dashboard/dashboard.read-model.js';
import { SERVER } from '../shared/fair-queue.js';
import { inRequestScope, WorkAbandoned } from '../shared/request-scope.js';
import { WorkPlanPartsReadModel } from '../work-plan/breakdown/work-plan-parts.read-model.js';

/**
 * Parents waiting for a refold at which one is started in the background as events are projected (an import of a past
 * campaign, a plan's approval day corrected): fewer are left to the next answer about a past day, which reads them in
 * a few milliseconds.
 */
export const BACKGROUND_REFOLD_AT = 64;

/**
 * Refolds in the background the findings and work-plan items whose facts the log holds out of business order (a late
 * entry, a correction, a withdrawal: `refoldPastDays` of their read models), so that no answer about a past day pays
 * for them (perf12c; the first `dashboard(asOf)` after a start at 100k events spent 0.7 of its 1.4 s of CPU there,
 * `unitScorecard(asOf)` 0.46 of 0.62 s). Once the server has started — a replay of the whole log leaves every such parent
 * waiting; a snapshot, those that waited when it was taken — and again whenever `BACKGROUND_REFOLD_AT` wait. It runs in
 * the time-travel folds' queue for the server, a slice at a time (other requests go on), each parent put in outside a
 * snapshot capture; an answer asked meanwhile waits for it rather than reading the same streams again, and the read
 * models are then snapshotted refolded. `/metrics`: `rectify_past_day_refolds_pending`.
 */
@Injectable()
export class PastDayRefolds implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PastDayRefolds.name);
  private readonly stopping = new AbortController();
  private running: Promise<void> | null = null;
  private subscription: Subscription | null = null;

  constructor(
    private readonly findings: DashboardReadModel,
    private readonly items: WorkPlanPartsReadModel,
    private readonly engine: ProjectionEngine,
    metrics: Metrics,
  ) {
    const pending = () => this.pending;
    metrics.registry.registerMetric(
      new Gauge({
        name: 'rectify_past_day_refolds_pending',
        help: 'Findings and work-plan items whose facts came out of business order, waiting to be refolded from their streams (in the background after a start; else by the next answer about a past day).',
        registers: [],
        collect() {
          this.set(pending());
        },
      }),
    );
  }

  /** Findings and items waiting for a refold. */
  get pending(): number {
    return this.findings.findingsToRefold + this.items.itemsToRefold;
  }

  /** The background refold under way (resolves when it ends, whatever its outcome), or null. */
  get underWay(): Promise<void> | null {
    return this.running;
  }

  onApplicationBootstrap(): void {
    this.subscription = this.engine.events$.subscribe(() => {
      if (this.pending >= BACKGROUND_REFOLD_AT) this.start();
    });
    this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.subscription?.unsubscribe();
    this.stopping.abort();
    await this.running;
  }

  private start(): void {
    if (this.running || this.stopping.signal.aborted || this.pending === 0) return;
    const began = performance.now();
    const waiting = this.pending;
    this.running = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => inRequestScope({ caller: SERVER, signal: this.stopping.signal }, () => this.refold()))
      .then(
        () => {
          if (this.stopping.signal.aborted) return;
          this.logger.log(`Refolded ${waiting} findings and work-plan items out of business order in ${Math.round(performance.now() - began)} ms (${this.pending} waiting now)`);
        },
        (error: unknown) => {
          if (!(error instanceof WorkAbandoned)) this.logger.warn(`Background refold of past days stopped (the next answer about a past day refolds what is left): ${String(error)}`);
        },
      )
      .finally(() => {
        this.running = null;
      });
  }

  private async refold(): Promise<void> {
    // Until none waits — or a pass leaves as many waiting as before it (parents marked as fast as they are refolded): the answers' own refold then.
    for (let before = Infinity; this.pending > 0 && this.pending < before && !this.stopping.signal.aborted; ) {
      before = this.pending;
      await this.findings.refoldPastDays(this.engine);
      await this.items.refoldPastDays(this.engine, this.findings.latestRecordedAt);
    }
  }
}
