import { DomainEvent } from '../shared/decider.js';
import { StoredEvent } from '../event-store/event-store.port.js';
import { UnreadableEventError, type EventSchemaRegistry } from '../shared/event-schemas.js';
import { say } from '../shared/domain-error.js';
import { foldedStrings, type StringTable } from '../shared/interned-strings.js';

/**
 * A stored event brought up to its current schema: what projections consume. Besides the instant
 * it was recorded (`metadata.recordedAt`), it says the office day its fact happened (`occurredOn`,
 * `YYYY-MM-DD`, business time), read from the field its schema names.
 */
export type RecordedEvent<Event extends DomainEvent = DomainEvent> = Omit<StoredEvent, 'type' | 'data'> &
  Event & { readonly occurredOn: string };

/**
 * A read model fed by the projection engine. Its state is snapshotted with the log position it
 * reflects (see read-model-snapshots.ts), so a restart replays only the tail of the log.
 */
export interface Projection {
  apply(event: RecordedEvent): void;
  /**
   * Work `apply` left to finish before the event counts as projected — a fold that must read a
   * stream (a work-plan item listed again whose withdrawn days hold records entered before the
   * withdrawal: breaker11n P1) — or undefined when none (the usual case, costing nothing). Called
   * after every read model applied the event, in their order, and awaited before the next event.
   * `batch.ends` false: more events of the same catch-up batch follow at once (`EventSubscription.buffered`), and a
   * refold that each of them would redo — a parent folded again by day after every event of its (`foldedByDay`) — may
   * be left to the call that ends the batch (perf47: once per event, quadratic in the parent's events), saying so
   * through `settlesLater`; the engine then projects nothing to anyone (no waiter released, no event emitted, no
   * snapshot, the event loop not given back) until a call with `ends` true has settled it. Absent: the batch ends.
   */
  settle?(batch?: SettleBatch): Promise<void> | undefined;
  /** True while `settle` left work for the call that ends the batch (see there); declare it as a getter (not state). */
  readonly settlesLater?: boolean;
  /**
   * The whole state as plain data (Map, Set, arrays, plain objects, Date, primitives; no class
   * instances or functions). Optional: by default the read model's own fields are its state, and
   * they must then be plain data.
   */
  snapshot?(): unknown;
  /** Puts back what `snapshot()` returned, on a fresh instance, before any event is applied. */
  restore?(state: unknown): void;
  /**
   * True when the state keeps one mutable object in several places (an account's token under its
   * hash and under its account, changed in place when revoked): its snapshot is then written in one
   * piece, the only way such objects come back shared (snapshot-file.ts; any other read model's
   * pieces are serialised one by one). Keep such a read model small — its piece holds the event
   * loop for as long as it takes — and declare it as a getter (not an own field, which would be state).
   */
  readonly sharesObjects?: boolean;
}

/** What `Projection.settle` is told of the batch its event came in. */
export interface SettleBatch {
  /** False while more events of the batch follow at once; true for its last (or a batch of one). */
  readonly ends: boolean;
}

/**
 * Whether a read-model snapshot is being captured now (ProjectionEngine implements it). A capture
 * writes the states a piece at a time, giving the event loop back between pieces, and applies no
 * event until it ends, so the pieces are one state: a state changed meanwhile by anything else — a
 * query's refold of a past day (DashboardReadModel.refoldPastDays) — would be written part before,
 * part after the change, and a restart would load a read model that never existed (perf2 s25 Left
 * 3). So a read model changes its state outside `apply`, `settle` and `restore` only when no capture
 * is under way, in the same turn as it saw so:
 * `for (let capture = captures.captureUnderWay; capture; capture = captures.captureUnderWay) await capture;`
 * then the change, with no await inside it. (A change that replaces one value whole, such as a
 * cached day count, needs no wait: any piece holds it before or after; see part-tallies' DayCounts.)
 */
export interface SnapshotCaptures {
  /** Resolves when the capture under way ends (written or given up; never rejects); null while none is. */
  readonly captureUnderWay: Promise<void> | null;
}

/**
 * Upcasts a stored event and dates it on both time axes. Its short strings — ids, stream id, type,
 * metadata, the data's fields at any depth, the office day — are interned in `strings` (by default
 * `foldedStrings`, the read models' table: what they keep of an event then shares one string per id or
 * day with everything else they keep; see interned-strings.ts), in place in the event's data and
 * metadata (the parse's own objects); null leaves them as read (a fold whose result is not kept).
 * @throws UnreadableEventError for a row that cannot be read (`StoredEvent.unreadable`: damaged
 *   JSON) or upcast (`EventSchemaRegistry.upcast`: an unknown type, a newer schema version).
 */
export function recordedEvent(schemas: EventSchemaRegistry, stored: StoredEvent, strings: StringTable | null = foldedStrings): RecordedEvent {
  if (stored.unreadable) throw new UnreadableEventError(say(stored.unreadable, stored.unreadableZh ?? '其存储内容无法读取（数据或元数据不是完整的 JSON 对象）'));
  const current = schemas.upcast(stored);
  const occurredOn = schemas.occurredOn(current.type, current.data, stored.metadata.recordedAt);
  if (strings === null) return { ...stored, ...current, occurredOn } as RecordedEvent;
  return {
    ...stored,
    ...current,
    id: strings.intern(stored.id),
    streamId: strings.intern(stored.streamId),
    type: strings.intern(current.type),
    data: strings.internParsed(current.data),
    metadata: strings.internParsed(stored.metadata),
    occurredOn: strings.intern(occurredOn),
  } as RecordedEvent;
}
