import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { stat } from 'node:fs/promises';
import { Gauge } from 'prom-client';
import type { AppSettings } from '../config/app-settings.js';
import { ProjectionEngine } from '../event-sourcing/projection-engine.js';
import { EVENT_STORE, type EventStore, type Position } from '../event-store/event-store.port.js';
import { Metrics } from './metrics.js';

/** A position as one number: SQLite's sequence number, EventStoreDB's commit position (bytes into its log). */
const positionNumber = (position: Position | null) => (position === null ? 0 : Number(position.commit));

/**
 * Gauges read from the store when `/metrics` is scraped: the log's head, the read models'
 * position, the lag between them, the store's size on disk, the events replayed at start and the
 * read-model snapshot's position.
 */
@Injectable()
export class LogGauges {
  private readonly logger = new Logger('Metrics');

  constructor(
    metrics: Metrics,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionEngine,
    config: ConfigService<AppSettings, true>,
  ) {
    const registers = [metrics.registry];
    const gauges = this;
    new Gauge({
      name: 'rectify_log_head_position',
      help: 'Position of the newest event in the log (SQLite: events; EventStoreDB: commit position).',
      registers,
      async collect() {
        this.set(positionNumber(await gauges.head()));
      },
    });
    new Gauge({
      name: 'rectify_projected_position',
      help: 'Position up to which the read models have applied the log.',
      registers,
      collect() {
        this.set(positionNumber(gauges.projections.position));
      },
    });
    new Gauge({
      name: 'rectify_projection_lag',
      help: 'Log head minus projected position: events not yet in the read models (SQLite), or bytes of log (EventStoreDB). 0 when caught up.',
      registers,
      async collect() {
        this.set(Math.max(0, positionNumber(await gauges.head()) - positionNumber(gauges.projections.position)));
      },
    });
    new Gauge({
      name: 'rectify_events_replayed_at_start',
      help: 'Events replayed from the log at start: the tail after the read-model snapshot, or the whole log without one.',
      registers,
      collect() {
        this.set(gauges.projections.replayedAtStart ?? 0);
      },
    });
    new Gauge({
      name: 'rectify_read_model_snapshot_position',
      help: 'Position the latest read-model snapshot on disk reflects (restored at start or written since); 0 when there is none.',
      registers,
      collect() {
        this.set(positionNumber(gauges.projections.snapshotPosition));
      },
    });
    if (config.get('EVENT_STORE', { infer: true }) === 'sqlite') {
      const path = config.get('SQLITE_PATH', { infer: true });
      new Gauge({
        name: 'rectify_store_size_bytes',
        help: 'Size of the SQLite event store on disk: the database file and its write-ahead log.',
        registers,
        async collect() {
          const sizes = await Promise.all([path, `${path}-wal`].map((file) => stat(file).then((info) => info.size, () => 0)));
          this.set(sizes[0]! + sizes[1]!);
        },
      });
    }
  }

  /** The head, or the projected position when the store cannot answer (the failure is logged, not scraped). */
  private async head(): Promise<Position | null> {
    try {
      return await this.store.headPosition();
    } catch (error) {
      this.logger.warn(`The store did not tell its head position: ${String(error)}`);
      return this.projections.position;
    }
  }
}
