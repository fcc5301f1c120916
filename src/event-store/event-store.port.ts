/**
 * The one port every part of Rectify uses to persist and read events. Two adapters implement it:
 * the embedded SQLite store (default) and EventStoreDB. Both pass test/event-store.contract.ts.
 */

/** Where an event sits in the global log. SQLite uses its sequence number for both parts. */
export interface Position {
  readonly commit: bigint;
  readonly prepare: bigint;
}

/** `no_stream`: the stream must not exist yet; `any`: no check; a number: the stream's last revision. */
export type ExpectedRevision = 'no_stream' | 'any' | number;

export const ActorRoles = ['SUPERVISOR', 'INSPECTOR', 'UNIT', 'ADMIN', 'SYSTEM'] as const;
export type ActorRole = (typeof ActorRoles)[number];

/** Who did it and on whose behalf: carried by every event. */
export interface EventMetadata {
  readonly actorId: string;
  readonly actorRole: ActorRole;
  readonly actorUnitId: string | null;
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId: string;
  /** ISO-8601 instant at which the command that produced the event was accepted. */
  readonly recordedAt: string;
  /** Digest of the request behind the command, when it came over the API: retries must match it. */
  readonly requestDigest?: string;
}

export interface EventToAppend {
  /**
   * UUID. Retrying an append of the same ids to the same stream with the same expected revision
   * is a no-op (idempotent retries). Both stores guarantee that much; EventStoreDB does not
   * deduplicate an id across streams, so ids are derived from the command, which names its stream.
   */
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: Record<string, unknown>;
  readonly metadata: EventMetadata;
}

export interface StoredEvent extends EventToAppend {
  readonly streamId: string;
  /** 0-based position of the event inside its stream. */
  readonly revision: number;
  readonly position: Position;
}

export interface AppendResult {
  /** Revision of the stream's last event after the append: pass it as the next expectedRevision. */
  readonly nextRevision: number;
  /** Global position of the last appended event. */
  readonly position: Position;
}

export interface EventSubscription extends AsyncIterable<StoredEvent> {
  unsubscribe(): Promise<void>;
}

export interface EventStore {
  readonly kind: 'sqlite' | 'eventstoredb';
  appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult>;
  /** The stream's events in order; an empty list when the stream does not exist. */
  readStream(streamId: string, options?: { fromRevision?: number }): Promise<StoredEvent[]>;
  /** Events of every stream in global order, strictly after `after` (from the start without it). */
  readAll(options?: { after?: Position; maxCount?: number }): Promise<StoredEvent[]>;
  /** Position of the newest event in the log, or null for an empty log. */
  headPosition(): Promise<Position | null>;
  /**
   * Catch-up subscription: every event after `after` (all of history without it), then live
   * events as they are appended — by this process or any other — in order, without gaps or repeats.
   */
  subscribeToAll(options?: { after?: Position }): EventSubscription;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EventStore');

export class ConcurrencyError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no_stream',
  ) {
    super(
      `Stream ${streamId} was changed by someone else (expected revision ${String(expected)}, found ${String(actual)}). Reload and try again.`,
    );
    this.name = 'ConcurrencyError';
  }
}

export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

export function formatPosition(position: Position | null): string | null {
  if (!position) return null;
  return position.commit === position.prepare
    ? position.commit.toString()
    : `${position.commit.toString()}/${position.prepare.toString()}`;
}
