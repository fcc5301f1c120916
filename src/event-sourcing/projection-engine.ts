import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Subject } from 'rxjs';
import { EVENT_STORE, comparePositions, formatPosition, type EventStore, type EventSubscription, type Position, type StoredEvent } from '../event-store/event-store.port.js';
import { StoreHealth } from '../event-store/store-health.js';
import { EventSchemaRegistry, UnreadableEventError } from '../shared/event-schemas.js';
import { say, type Bilingual } from '../shared/domain-error.js';
import { slicer } from '../shared/event-loop-turns.js';
import { payloadProblem } from './event-payload-shapes.js';
import { ReadModelSnapshots } from './read-model-snapshots.js';
import type { SnapshotBytes } from './snapshot-file.js';
import { recordedEvent, type Projection, type RecordedEvent, type SnapshotCaptures } from './recorded-event.js';

const READ_YOUR_WRITES_TIMEOUT_MS = 10_000;
const RESUBSCRIBE_DELAY_MS = 1_000;
/** A snapshot's capture gives the event loop back after this long (ms of wall clock) at a piece's end. */
export const SNAPSHOT_TURN_MS = 8;
/**
 * An event that arrives during a capture waits at most this long (ms): the capture is then abandoned
 * and tried again later (SNAPSHOT_RETRY_MS), never finished at once — a 224 MB capture "finished at
 * once" held every user 22 s (breaker12h P9). A mutation's answer waits for its event, so no longer.
 */
export const SNAPSHOT_MAX_HOLD_MS = 2_000;
/**
 * While serving, a catch-up batch whose read models left a refold for its end (`Projection.settlesLater`) is ended after
 * this long (ms of wall clock) even if more of its events follow: the event loop is not given back while it lasts.
 */
export const SETTLE_WITHIN_MS = 50;
/** After a capture is put off for events, the next is tried this much later (ms). */
export const SNAPSHOT_RETRY_MS = 120_000;
/**
 * Captures put off in a row before the next one holds arriving events to its end (still giving the
 * event loop back between pieces: reads are answered, writes wait): a server written to without a
 * pause of two seconds still gets a snapshot, so its next start replays only a tail.
 */
export const SNAPSHOT_MOST_PUT_OFF = 3;

/** Thrown from a capture's pause when an event has waited SNAPSHOT_MAX_HOLD_MS: the capture is put off. */
class CapturePutOff extends Error {}

/**
 * What one snapshot cost the event loop, said in its log line (and read by `npm run bench`, row 9).
 * All in ms of wall clock: `capturedMs` from the capture's start to its bytes (MAC included);
 * `longestTurnMs` the longest the capture kept the event loop at once (from a resumption to its next
 * pause); `longestDelayMs` the longest any timer waited meanwhile (perf_hooks' event-loop delay
 * monitor: the capture's turns plus whatever else ran, garbage collection included);
 * `eventsHeldMs` the longest an arriving event waited for the capture (0: none arrived).
 */
export interface SnapshotCost {
  readonly capturedMs: number;
  readonly longestTurnMs: number;
  readonly longestDelayMs: number;
  readonly eventsHeldMs: number;
  /** The piece that took longest to serialise, and where it lies in the states (SnapshotBytes.slowestPiece); null when none. */
  readonly slowestPiece: { readonly path: string; readonly ms: number } | null;
}

interface Waiter {
  position: Position;
  resolve: () => void;
}

/**
 * Feeds every read model from one catch-up subscription over the log: at start it loads the latest
 * valid read-model snapshot (see ReadModelSnapshots) and replays only the events after it — the
 * whole log when there is none — then follows live appends from this and other processes.
 * Mutations wait here until their events are projected (read your writes). Snapshots are written
 * every READ_MODEL_SNAPSHOT_EVERY_EVENTS events or READ_MODEL_SNAPSHOT_MINUTES, and at shutdown.
 */
@Injectable()
export class ProjectionEngine implements OnModuleInit, OnApplicationShutdown, SnapshotCaptures {
  private readonly logger = new Logger(ProjectionEngine.name);
  private readonly projections: Projection[] = [];
  private readonly waiters = new Set<Waiter>();
  private readonly projected = new Subject<RecordedEvent>();
  private subscription: EventSubscription | null = null;
  private checkpoint: Position | null = null;
  private stopped = false;
  /** Events applied since this process started (the tail replayed at start, then live ones). */
  private applied = 0;
  private latestSnapshot: Position | null = null;
  /** The id of the event at `checkpoint`: a snapshot names it, so another history is noticed. */
  private checkpointEventId: string | null = null;
  private eventsSinceSnapshot = 0;
  /** While a read model settles an event (`settle`): no snapshot is captured. */
  private settling = false;
  /**
   * Events applied whose read models left a refold for the end of their batch (`Projection.settlesLater`): not projected
   * to anyone yet (no waiter released, none emitted, no snapshot), in order; empty nearly always.
   */
  private unsettled: RecordedEvent[] = [];
  /** The stored event of the last of `unsettled` (what a failure of its batch's refold names). */
  private lastUnsettled: StoredEvent | null = null;
  /** When (performance.now()) the first of `unsettled` was applied. */
  private unsettledSince = 0;
  /** The position up to which events are projected to everyone (`checkpoint` once nothing is `unsettled`). */
  private released: Position | null = null;
  /** How long a batch waiting for its refold may last while serving (SETTLE_WITHIN_MS; tests lengthen it). */
  settleWithinMs = SETTLE_WITHIN_MS;
  private snapshotTimer: NodeJS.Timeout | null = null;
  private snapshotWrite: Promise<void> | null = null;
  /** While a snapshot is captured: no event is applied until it resolves. */
  private eventsHeld: Promise<void> | null = null;
  /** Since when (performance.now()) an event waits for the capture to end; null while none waits. */
  private eventsWaitingSince: number | null = null;
  /** The longest an event waited for the capture under way (ms). */
  private eventsHeldMs = 0;
  /** What the last snapshot written cost the event loop; null before one is. */
  lastSnapshotCost: SnapshotCost | null = null;
  /** How long an event may wait for a capture before it is put off (SNAPSHOT_MAX_HOLD_MS; tests lengthen it). */
  snapshotHoldCeilingMs = SNAPSHOT_MAX_HOLD_MS;
  /** Captures put off in a row (see SNAPSHOT_MOST_PUT_OFF). */
  private putOff = 0;
  private snapshotRetry: NodeJS.Timeout | null = null;
  /** Past the start's catch-up: periodic snapshots are written from then on. */
  private serving = false;
  /** Why the read models no longer reflect the log (a read model threw on an event); null while they do. Never cleared: a restart re-projects. */
  private failure: Bilingual | null = null;
  /** The first failure was a row not as Rectify chained it: reported as LOG_ALTERED, never as PROJECTIONS_STOPPED. */
  private failureIsAlteredRow = false;
  private replayedBeforeServing = 0;

  /** Every event after it has been applied to all read models. */
  readonly events$ = this.projected.asObservable();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly schemas: EventSchemaRegistry,
    private readonly health: StoreHealth,
    private readonly snapshots: ReadModelSnapshots,
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

  /**
   * How far the read models reflect the log: `position`, or, once they stopped on an event (`failure`), the
   * position before it — what /health says as `projectedPosition` (breaker9x S4: it said the log's head,
   * the events gone past after the failure counted as projected).
   */
  get projectedUpTo(): Position | null {
    return this.failure ? this.stoppedAfter : this.checkpoint;
  }

  /** The position the read models had reached when they first stopped on an event (see `projectedUpTo`). */
  private stoppedAfter: Position | null = null;

  /**
   * The snapshot capture under way (resolves when it ends), or null: what a query that changes
   * read-model state waits for (see SnapshotCaptures).
   */
  get captureUnderWay(): Promise<void> | null {
    return this.eventsHeld;
  }

  /** Every registered read model, in registration order. */
  get readModels(): readonly Projection[] {
    return this.projections;
  }

  /** Position of the read-model snapshot on disk (restored at start or written since); null when there is none. */
  get snapshotPosition(): Position | null {
    return this.latestSnapshot;
  }

  /** Events replayed from the log at start: the tail after the snapshot, or the whole log without one. */
  get replayedAtStart(): number | null {
    return this.serving ? this.replayedBeforeServing : null;
  }

  async onModuleInit(): Promise<void> {
    const head = await this.store.headPosition();
    const restored = await this.snapshots.restore(this.projections, head);
    if (restored) {
      this.checkpoint = this.released = this.latestSnapshot = restored.position;
      this.checkpointEventId = restored.eventId;
    }
    void this.follow();
    if (head) await this.waitFor(head, Number.POSITIVE_INFINITY);
    const replayed = (this.replayedBeforeServing = this.applied);
    this.logger.log(
      restored
        ? `Read models restored from the snapshot at position ${formatPosition(restored.position)} (written ${restored.writtenAt}); replayed ${replayed} events up to position ${formatPosition(head)}`
        : `Read models rebuilt from the log: replayed ${replayed} events up to position ${formatPosition(head) ?? 'none (empty log)'}`,
      { eventsReplayed: replayed, fromSnapshot: restored !== null, codeVersion: this.snapshots.loadedCodeVersion },
    );
    this.serving = true;
    if (this.snapshots.intervalMs > 0) {
      this.snapshotTimer = setInterval(() => {
        if (this.eventsSinceSnapshot > 0) void this.writeSnapshot();
      }, this.snapshots.intervalMs);
      this.snapshotTimer.unref();
    }
    // A long replay is not repeated by the next start, even after a crash; taken once serving has
    // begun, so the serialisation does not delay readiness.
    if (this.snapshots.everyEvents > 0 && replayed >= this.snapshots.everyEvents) setImmediate(() => void this.writeSnapshot());
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.snapshotTimer) clearInterval(this.snapshotTimer);
    if (this.snapshotRetry) clearTimeout(this.snapshotRetry);
    await this.subscription?.unsubscribe();
    await this.snapshotWrite;
    if (this.serving && this.checkpoint && (!this.latestSnapshot || comparePositions(this.checkpoint, this.latestSnapshot) > 0)) {
      await this.writeSnapshot();
    }
    this.projected.complete();
  }

  /**
   * Writes a snapshot of every read model at the current checkpoint. It is captured a piece at a
   * time (see `encodeSnapshot`), giving the event loop back every SNAPSHOT_TURN_MS, so queries are
   * answered meanwhile; no event is applied until the capture ends, so the pieces are one state at
   * one position. An event that arrives waits at most `snapshotHoldCeilingMs` (a mutation waits for
   * its event: read your writes): the capture is then put off and tried again SNAPSHOT_RETRY_MS
   * later, unless SNAPSHOT_MOST_PUT_OFF were put off in a row (that one holds events to its end).
   * Written to disk off the event loop. One at a time; a failure is logged and the next one tries again.
   */
  writeSnapshot(): Promise<void> {
    // Of a store file that went away under the server, no snapshot: it would lie beside whatever the path names now (breaker9j P2).
    if (this.failure || this.health.storeDetached()) return Promise.resolve();
    // A read model still settling the event at the checkpoint is not one state with it yet: the next interval or count takes it.
    if (this.settling || this.unsettled.length > 0) return this.snapshotWrite ?? Promise.resolve();
    if (this.snapshotWrite || !this.checkpoint || !this.checkpointEventId || this.snapshots.path === null || !this.snapshots.writesSnapshots) {
      return this.snapshotWrite ?? Promise.resolve();
    }
    this.snapshotWrite = this.captureAndWrite(this.checkpoint, this.checkpointEventId).finally(() => {
      this.snapshotWrite = null;
    });
    return this.snapshotWrite;
  }

  private async captureAndWrite(position: Position, eventId: string): Promise<void> {
    let release!: () => void;
    this.eventsHeld = new Promise<void>((resolve) => (release = resolve));
    this.eventsHeldMs = 0;
    const delays = monitorEventLoopDelay({ resolution: 10 });
    delays.enable();
    const began = performance.now();
    let turnStarted = began;
    let longestTurnMs = 0;
    // At shutdown (the last chance before a restart) or after too many put off in a row: held to its end.
    const holdsToEnd = this.stopped || this.putOff >= SNAPSHOT_MOST_PUT_OFF;
    const pause = (): Promise<void> | void => {
      const now = performance.now();
      if (!holdsToEnd && this.eventsWaitingSince !== null && now - this.eventsWaitingSince >= this.snapshotHoldCeilingMs) throw new CapturePutOff();
      if (now - turnStarted < SNAPSHOT_TURN_MS) return;
      longestTurnMs = Math.max(longestTurnMs, now - turnStarted);
      return nextTurn().then(() => {
        turnStarted = performance.now();
      });
    };
    let bytes: SnapshotBytes;
    let cost: SnapshotCost;
    try {
      bytes = await this.snapshots.capture(this.projections, position, eventId, pause);
      const ended = performance.now();
      cost = {
        capturedMs: ended - began,
        longestTurnMs: Math.max(longestTurnMs, ended - turnStarted),
        longestDelayMs: delays.max / 1e6,
        eventsHeldMs: Math.max(this.eventsHeldMs, this.eventsWaitingSince === null ? 0 : ended - this.eventsWaitingSince),
        slowestPiece: bytes.slowestPiece,
      };
      this.eventsSinceSnapshot = 0;
      this.putOff = 0;
    } catch (error) {
      if (error instanceof CapturePutOff) {
        this.putOff += 1;
        this.logger.log(`Read-model snapshot at position ${formatPosition(position)} put off: events arrived while it was captured (tried again in ${SNAPSHOT_RETRY_MS / 1000} s)`);
        if (!this.stopped) {
          if (this.snapshotRetry) clearTimeout(this.snapshotRetry);
          this.snapshotRetry = setTimeout(() => void this.writeSnapshot(), SNAPSHOT_RETRY_MS);
          this.snapshotRetry.unref();
        }
        return;
      }
      this.logger.error(`Could not take a read-model snapshot: ${String(error)}`);
      this.snapshots.noteNotWritten(error);
      return;
    } finally {
      delays.disable();
      this.eventsHeld = null;
      this.eventsWaitingSince = null;
      release();
    }
    try {
      await this.snapshots.write(bytes);
      this.latestSnapshot = position;
      this.lastSnapshotCost = cost;
      this.snapshots.noteWritten();
      const round = (value: number) => Math.round(value);
      this.logger.log(
        `Read-model snapshot written at position ${formatPosition(position)} (${bytes.length} bytes; captured in ${round(cost.capturedMs)} ms, ` +
          `its longest turn on the event loop ${round(cost.longestTurnMs)} ms, longest event-loop delay ${round(cost.longestDelayMs)} ms, events held up to ${round(cost.eventsHeldMs)} ms; ` +
          `its slowest piece ${cost.slowestPiece ? `${cost.slowestPiece.path} ${round(cost.slowestPiece.ms)} ms` : 'none'})`,
        cost,
      );
    } catch (error) {
      this.logger.warn(`Could not write the read-model snapshot ${this.snapshots.path}: ${String(error)}`);
      this.snapshots.noteNotWritten(error);
    }
  }

  /**
   * Brings the read models up to the log's head as the store holds it now, whichever process
   * appended it (another server on the same SQLite file, a command-line tool, or this one): what a
   * handler that scans the read models again after a refusal, or names records a racing import
   * appended, waits for (breaker9f P3, P9). Resolves at once when nothing is missing; resolves false,
   * not rejecting, when the store does not answer or the read models did not get there within
   * `ceilingMs` (stopped read models: /health says degraded) — the caller answers from what they hold.
   */
  catchUp(ceilingMs = READ_YOUR_WRITES_TIMEOUT_MS): Promise<boolean> {
    return this.caughtUp(ceilingMs, false);
  }

  /**
   * As `catchUp`, up to the last event another process appended: what every request waits for
   * before it reads (`CatchUpBeforeEachOperation`, `CatchUpBeforeEachHttpRequest`, subscriptions) —
   * read-your-writes across processes. This process's own appends are not waited for: each is
   * answered only once projected (`waitFor`), so one still being projected (a 各单位 plan's 30,000
   * events, in slices) has been answered to no one — waiting for it held every request of every user
   * the whole ceiling while it lasted (breaker12h P2). The store tells its own rows apart
   * (`EventStore.lastForeignPosition`); with an adapter that cannot, this waits for the head.
   */
  catchUpWithOtherProcesses(ceilingMs = READ_YOUR_WRITES_TIMEOUT_MS): Promise<boolean> {
    return this.caughtUp(ceilingMs, true);
  }

  private async caughtUp(ceilingMs: number, othersOnly: boolean): Promise<boolean> {
    let head: Position | null;
    try {
      head = await this.store.headPosition();
    } catch {
      return false;
    }
    const reached = (position: Position | null) => !position || (this.released !== null && comparePositions(this.released, position) >= 0);
    if (reached(head)) return true;
    const target = othersOnly && this.store.lastForeignPosition ? this.store.lastForeignPosition(this.checkpoint, head!) : head;
    if (reached(target)) return true;
    return this.waitFor(target!, ceilingMs, { whileApplying: false }).then(
      () => true,
      () => {
        this.logger.warn(`Answering from read models at ${formatPosition(this.checkpoint)}: they did not reach position ${formatPosition(target)} (the log's head: ${formatPosition(head)}) within ${ceilingMs} ms`);
        return false;
      },
    );
  }

  /**
   * Resolves once every event up to `position` is in the read models; rejects when they got no
   * nearer for `timeoutMs` (ms). `whileApplying` (read your writes, the default): the ceiling counts
   * from the last event applied, so a large append projected in slices (a 各单位 plan's 30,000
   * events, many seconds under load) is waited for to its end, while read models that stopped are
   * still noticed; false: reject `timeoutMs` after the call whatever they did (a health check, a
   * query that answers from what the read models hold).
   */
  waitFor(position: Position, timeoutMs = READ_YOUR_WRITES_TIMEOUT_MS, { whileApplying = true }: { readonly whileApplying?: boolean } = {}): Promise<void> {
    if (this.released && comparePositions(this.released, position) >= 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const waiter: Waiter = {
        position,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const arm = (appliedBefore: number) => {
        timer = setTimeout(() => {
          if (whileApplying && this.applied > appliedBefore) return arm(this.applied);
          this.waiters.delete(waiter);
          reject(new Error(`Read models did not reach position ${formatPosition(position)} within ${timeoutMs} ms`));
        }, timeoutMs);
      };
      if (timeoutMs !== Number.POSITIVE_INFINITY) arm(this.applied);
      this.waiters.add(waiter);
    });
  }

  private async follow(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.noticeCaughtUp();
        this.subscription = this.store.subscribeToAll({ after: this.checkpoint ?? undefined });
        // An append of 30,000 events (a 各单位 plan's import) is projected in slices of SLICE_MS,
        // giving the event loop back between them, so other users' requests are answered meanwhile
        // (breaker12g P3: every user held up to 14 s); the import answers once its events are in.
        const pause = slicer();
        const subscription = this.subscription;
        for await (const stored of subscription) {
          // The event loop is given back only with every event applied projected (none waiting for its batch's refold).
          if (this.unsettled.length === 0) await pause();
          if (this.eventsHeld) {
            const waitingSince = (this.eventsWaitingSince ??= performance.now());
            await this.eventsHeld;
            this.eventsHeldMs = Math.max(this.eventsHeldMs, performance.now() - waitingSince);
          }
          let event: ReturnType<typeof recordedEvent>;
          try {
            event = recordedEvent(this.schemas, stored);
            const problem = payloadProblem(event.type, event.data);
            if (problem) {
              throw new UnreadableEventError(say(`its data does not have the shape of ${event.type}: ${problem.en}`, `其数据不符合 ${event.type} 的格式：${problem.zh}`));
            }
          } catch (error) {
            // An event this version of Rectify cannot read as one it wrote (not JSON, an unknown
            // type, a newer schema version, data of another shape than its type's): the read models
            // go past it degraded, rather than applying it (and breaking every read of what it
            // touches), skipping it unsaid, or retrying it forever and never serving.
            await this.endBatch();
            this.noteFailure(stored, say('cannot be read', '无法读取'), error);
            this.checkpoint = this.released = stored.position;
            this.checkpointEventId = stored.id;
            this.applied += 1;
            this.releaseWaiters();
            continue;
          }
          for (const projection of this.projections) {
            try {
              projection.apply(event);
            } catch (error) {
              // The other read models go on, but this one no longer reflects the log: the store is
              // reported degraded and refuses writes (and no snapshot keeps the damage) until an
              // operator has looked — typically at a row not written by Rectify (ledger:verify).
              this.noteFailure(stored, say('failed in a read model', '在读模型中处理失败'), error);
            }
          }
          this.checkpoint = stored.position;
          this.checkpointEventId = stored.id;
          this.applied += 1;
          if (this.unsettled.length === 0) this.unsettledSince = performance.now();
          this.unsettled.push(event);
          this.lastUnsettled = stored;
          // The batch ends with the events the store has handed over, or (serving) once it has waited its refold long enough.
          const ends = !((subscription.buffered?.() ?? 0) > 0) || (this.serving && performance.now() - this.unsettledSince >= this.settleWithinMs);
          await this.settle(stored, ends);
          if (ends || !this.projections.some((projection) => projection.settlesLater)) this.project();
        }
        await this.endBatch();
      } catch (error) {
        // What was applied before the failure is settled and projected before the subscription is made again.
        await this.endBatch();
        if (this.stopped) return;
        this.logger.error(`Subscription to the event log failed, resubscribing: ${String(error)}`);
        this.health.projectionsFailed(say(error instanceof Error ? error.message : String(error), '订阅事件日志失败，正在重新订阅（详见服务器日志）'));
        await new Promise((resolve) => setTimeout(resolve, RESUBSCRIBE_DELAY_MS));
      }
      if (!this.stopped) await new Promise((resolve) => setTimeout(resolve, RESUBSCRIBE_DELAY_MS));
    }
  }

  /**
   * The events applied and settled (`unsettled`) projected to everyone, in order: counted for the next snapshot, waiters
   * released up to the checkpoint, each emitted (`events$`).
   */
  private project(): void {
    const events = this.unsettled;
    this.unsettled = [];
    this.lastUnsettled = null;
    this.released = this.checkpoint;
    this.eventsSinceSnapshot += events.length;
    if (this.serving && this.snapshots.everyEvents > 0 && this.eventsSinceSnapshot >= this.snapshots.everyEvents && !this.snapshotWrite) {
      setImmediate(() => void this.writeSnapshot());
    }
    if (!this.failure) this.health.projectionsFollowing();
    this.releaseWaiters();
    for (const event of events) this.projected.next(event);
  }

  /** Ends the batch under way, if a read model left it a refold (`unsettled`): settled, then projected. */
  private async endBatch(): Promise<void> {
    if (this.unsettled.length === 0 || !this.lastUnsettled) return;
    await this.settle(this.lastUnsettled, true);
    this.project();
  }

  /**
   * Lets every read model finish what applying `stored` left (`Projection.settle`: a fold that reads a stream, which sees
   * the event once the checkpoint is at it), in registration order, before the event counts as projected (waiters released,
   * snapshots taken: `writeSnapshot` waits while `settling`). `ends`: whether the catch-up batch ends with it (a read
   * model may leave a refold each later event of the batch would redo for its end: `Projection.settlesLater`). Nothing to
   * await in the usual case.
   */
  private async settle(stored: StoredEvent, ends: boolean): Promise<void> {
    for (const projection of this.projections) {
      const settling = projection.settle?.({ ends });
      if (!settling) continue;
      this.settling = true;
      try {
        await settling;
      } catch (error) {
        this.noteFailure(stored, say('failed in a read model', '在读模型中处理失败'), error);
      } finally {
        this.settling = false;
      }
    }
  }

  /**
   * Logs an event the read models could not take and keeps the first such failure as the store's
   * problem, naming the event, its type and position and why, in English and Chinese (the Chinese
   * names it by position and type: office staff read no ids, test/refusal-texts.spec.ts).
   */
  private noteFailure(stored: StoredEvent, what: Bilingual, error: unknown): void {
    const why = say(error instanceof Error ? error.message : String(error), error instanceof UnreadableEventError ? error.messageZh : '读模型出错（详见服务器日志）');
    const position = formatPosition(stored.position);
    const reason = say(`event ${stored.id} (${stored.type}) at position ${position} ${what.en}: ${why.en}`, `位置 ${position} 的事件（${stored.type}）${what.zh}：${why.zh}`);
    this.logger.error(`Projection failed: ${reason.en}`);
    if (!this.failure) this.stoppedAfter = this.checkpoint;
    // breaker9y P7: a row not as Rectify chained it (`StoredEvent.altered`) is the log altered, named as such (LOG_ALTERED),
    // not a read model's failure; the read models stop at it all the same.
    if (!this.failure && stored.altered) {
      this.failureIsAlteredRow = true;
      this.health.logAltered({ position: Number(stored.position.commit), type: stored.type, problem: say(stored.unreadable ?? why.en, stored.unreadableZh ?? why.zh) });
    }
    this.failure ??= reason;
    if (!this.failureIsAlteredRow) this.health.projectionsFailed(this.failure);
  }

  /** After a failure: with nothing left to project, the read models are following again. */
  private async noticeCaughtUp() {
    const head = await this.store.headPosition();
    if (this.failure) return;
    if (!head || (this.checkpoint && comparePositions(this.checkpoint, head) >= 0)) this.health.projectionsFollowing();
  }

  private releaseWaiters() {
    if (!this.released) return;
    for (const waiter of this.waiters) {
      if (comparePositions(this.released, waiter.position) >= 0) {
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }
}
