import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Subject } from 'rxjs';
import { EVENT_STORE, comparePositions, formatPosition, type EventStore, type EventSubscription, type Position } from '../event-store/event-store.port.js';
import { StoreHealth } from '../event-store/store-health.js';
import { EventSchemaRegistry } from '../shared/event-schemas.js';
import { recordedEvent, type Projection, type RecordedEvent } from './recorded-event.js';

const READ_YOUR_WRITES_TIMEOUT_MS = 10_000;
const RESUBSCRIBE_DELAY_MS = 1_000;

interface Waiter {
  position: Position;
  resolve: () => void;
}

/**
 * Feeds every read model from one catch-up subscription over the whole log: at start it replays
 * history (read models live in memory and are rebuilt), then follows live appends from this and
 * other processes. Mutations wait here until their events are projected (read your writes).
 */
@Injectable()
export class ProjectionEngine implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ProjectionEngine.name);
  private readonly projections: Projection[] = [];
  private readonly waiters = new Set<Waiter>();
  private readonly projected = new Subject<RecordedEvent>();
  private subscription: EventSubscription | null = null;
  private checkpoint: Position | null = null;
  private stopped = false;

  /** Every event after it has been applied to all read models. */
  readonly events$ = this.projected.asObservable();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly schemas: EventSchemaRegistry,
    private readonly health: StoreHealth,
  ) {}

  /** Read models register when they are created, before the subscription starts. */
  register(projection: Projection): void {
    this.projections.push(projection);
  }

  /** Registers a read model and returns it: for provider factories. */
  track<P extends Projection>(projection: P): P {
    this.register(projection);
    return projection;
  }

  get position(): Position | null {
    return this.checkpoint;
  }

  async onModuleInit(): Promise<void> {
    const head = await this.store.headPosition();
    void this.follow();
    if (head) await this.waitFor(head, Number.POSITIVE_INFINITY);
    this.logger.log(`Read models rebuilt up to position ${formatPosition(head) ?? 'none (empty log)'}`);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.subscription?.unsubscribe();
    this.projected.complete();
  }

  /** Resolves once every event up to `position` is in the read models. */
  waitFor(position: Position, timeoutMs = READ_YOUR_WRITES_TIMEOUT_MS): Promise<void> {
    if (this.checkpoint && comparePositions(this.checkpoint, position) >= 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        position,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer =
        timeoutMs === Number.POSITIVE_INFINITY
          ? undefined
          : setTimeout(() => {
              this.waiters.delete(waiter);
              reject(new Error(`Read models did not reach position ${formatPosition(position)} within ${timeoutMs} ms`));
            }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  private async follow(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.noticeCaughtUp();
        this.subscription = this.store.subscribeToAll({ after: this.checkpoint ?? undefined });
        for await (const stored of this.subscription) {
          const event = recordedEvent(this.schemas, stored);
          for (const projection of this.projections) {
            try {
              projection.apply(event);
            } catch (error) {
              // One bad event must not stop every read model; it is logged for an operator.
              this.logger.error(`Projection failed on event ${stored.id} (${stored.type}): ${String(error)}`);
            }
          }
          this.checkpoint = stored.position;
          this.health.projectionsFollowing();
          this.releaseWaiters();
          this.projected.next(event);
        }
      } catch (error) {
        if (this.stopped) return;
        this.logger.error(`Subscription to the event log failed, resubscribing: ${String(error)}`);
        this.health.projectionsFailed(error instanceof Error ? error.message : String(error));
        await new Promise((resolve) => setTimeout(resolve, RESUBSCRIBE_DELAY_MS));
      }
      if (!this.stopped) await new Promise((resolve) => setTimeout(resolve, RESUBSCRIBE_DELAY_MS));
    }
  }

  /** After a failure: with nothing left to project, the read models are following again. */
  private async noticeCaughtUp() {
    const head = await this.store.headPosition();
    if (!head || (this.checkpoint && comparePositions(this.checkpoint, head) >= 0)) this.health.projectionsFollowing();
  }

  private releaseWaiters() {
    for (const waiter of this.waiters) {
      if (comparePositions(this.checkpoint!, waiter.position) >= 0) {
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }
}
