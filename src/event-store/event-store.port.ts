import { sameDigest, type OtherDayDigests } from '../shared/ids.js';

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
  /**
   * For a command of a batch (an import's rows): the command id of the request it ran for, derived
   * from the caller and the request's key — the same for every send of one request, another for the
   * same caller's request under another key — so an import's answer knows its records whichever run
   * of it appended them (breaker9g P3). Absent on other commands and on events written before it was kept.
   */
  readonly batchCommandId?: string;
  /**
   * The writer id of the process (server or tool) that appended the event (16 hex digits, `newWriterId`), stamped by
   * the store as it appends — never by the caller: a fresh one per process, which that process records in its store
   * witness (and the copy beside the key) before its first append (`StoreWitness.writers`). Hashed with the rest of the
   * metadata (the ledger chain). A copy of the store (training, staging, drill) writes under ids that only its own
   * witnesses know, so its records taken back in another copy's place are told by the rows themselves
   * (`findOtherCopyWrites`, breaker42-9 F1, F5). Absent on events written before it was kept (counted as known).
   */
  readonly writerId?: string;
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
  /**
   * Set when the stored row cannot be read as an event (its JSON is damaged): why, in English.
   * `data` (and `metadata`, when it is the damaged part) are then empty. Reads never throw on such
   * a row, so the projection engine can go past it degraded, naming it, instead of failing the
   * whole read again and again.
   */
  readonly unreadable?: string;
  /**
   * The same in Chinese, when the adapter gives it. SQLite also sets both for a row that is not on
   * the ledger chain when read by `subscribeToAll` (no hashes, positions missing before it, edited).
   */
  readonly unreadableZh?: string;
  /**
   * Set (SQLite) when the row is unreadable because it is not as Rectify chained it — no ledger hashes, positions missing
   * before it, off the chain, its content changed since it was recorded, its seal not holding (`ChainFollower`): the log
   * was altered, which the read models report as LOG_ALTERED rather than as a read model's failure (breaker9y P7).
   */
  readonly altered?: true;
}

export interface AppendResult {
  /** Revision of the stream's last event after the append: pass it as the next expectedRevision. */
  readonly nextRevision: number;
  /** Global position of the last appended event. */
  readonly position: Position;
  /**
   * True when nothing was appended because the request index already answers this request, or
   * (SQLite) the append's event ids are already stored in the stream (a retry, or the same command
   * run by two requests at once): `position` is then where its events were first stored, not a new
   * head of the log.
   */
  readonly alreadyRecorded?: boolean;
}

/**
 * One request of one caller, as the request index keeps it. `key` is the caller's idempotency key
 * scoped to the caller (the same key from another caller is another request); `commandId` names
 * the command the request became (caller, command type, key) and `digest` what it asked (SHA-256
 * hex of its canonical fields, null for commands from the command line and the demo, whose keys
 * derive from their content). The same key with another command id or digest is another request.
 */
export interface RequestRecord {
  readonly key: string;
  readonly commandId: string;
  /** See `RequestDigests.digest`: `<hex>@<YYYY-MM-DD>` for a request whose fields default to its office day. */
  readonly digest: string | null;
  /** For a request whose fields default to its office day: how it digests on other days, to match a retry recorded on one (never stored). */
  readonly otherDays?: OtherDayDigests;
}

/** What the request index answers for a key: the request, and where its events went. */
export interface RecordedRequest extends RequestRecord {
  readonly streamId: string;
  /**
   * Global position of the request's last event; null when the store claims the key before its
   * events are appended (EventStoreDB) and cannot tell where they are.
   */
  readonly position: Position | null;
  /**
   * True when the request's command decided nothing (renaming a unit to the name it has, say):
   * its key is taken all the same, and a retry answers that nothing was done.
   */
  readonly appendedNothing?: boolean;
}

/**
 * A value only one stream may hold within its scope: a finding's title within its evaluation, a
 * unit's name, a login name (breaker12 P10: a rule checked against a read model alone lets racing
 * requests all pass it). The append that carries the claim takes the value for its stream
 * atomically with its events; an append whose value another stream holds is refused whole
 * (`ClaimTakenError`) and writes nothing. A stream holds a value until another stream takes it over.
 */
export interface UniqueClaim {
  /** What the value is unique within, e.g. `finding-title:<evaluationId>`. */
  readonly scope: string;
  /** The value as the rule compares it (normalised, e.g. `findingTitleKey(title)`). */
  readonly value: string;
  /**
   * The stream that held the value and, by the read models caught up past its append, no longer
   * does (its finding withdrawn, its unit renamed): the claim takes the value over from it — only
   * from it, so two requests that both saw it released cannot both take it.
   */
  readonly takeOverFrom?: string;
  /**
   * The revision of `takeOverFrom`'s stream the judgement "it gave the value up" was made on (the
   * `holderRevision` of the refusal that named it; null: it had no event). The take-over is refused
   * (`ClaimTakenError`, with the holder's revision now) when that stream has moved since: its finding
   * may have come back meanwhile — an undo or a late pass racing a re-recording of the title
   * (breaker11m P1). Absent: taken over whatever the holder did since (stores' own tools only).
   */
  readonly takeOverAt?: number | null;
  /**
   * The log position the read models stood at when the rule behind the claim was judged, for a rule
   * that also refuses values *near* this one (a title a character or two apart, 市审计局 beside
   * 青川市审计局: `ClaimedValue.nearRule`), which no claim of one value can hold. The append is refused
   * (`ClaimTakenError` with `scopeMoved`) when another stream took a value of the same `scope` after
   * it — a value the judgement did not see — so the command is judged again on read models that have
   * it (breaker9x P2). SQLite checks it in the write transaction, under the write lock, against the
   * claims as committed (`unique_claims.claimed_at`); EventStoreDB does not (see README, Event stores).
   */
  readonly judgedAt?: Position;
}

/** An append's claim on a value another stream holds: nothing of the append was written. */
export class ClaimTakenError extends Error {
  constructor(
    readonly scope: string,
    readonly value: string,
    /** The stream that holds the value. */
    readonly holder: string,
    /**
     * The holder's stream revision when the store refused (null: no event yet; undefined: not
     * known) — what a take-over from it carries as `takeOverAt`.
     */
    readonly holderRevision?: number | null,
    /**
     * The holder claimed the value and its events have not come yet (EventStoreDB, which takes a
     * claim before appending): undefined when the store does not say.
     */
    readonly inFlight?: boolean,
    /**
     * Not this value: another value of the scope was taken by `holder` (as `value`) after the claim's
     * `judgedAt`, so the near-value rule was judged without it (see `UniqueClaim.judgedAt`).
     */
    readonly scopeMoved?: boolean,
  ) {
    super(
      scopeMoved
        ? `The value ${JSON.stringify(value)} of ${scope} was taken by stream ${holder} after the rule was judged.`
        : `The value ${JSON.stringify(value)} of ${scope} is held by stream ${holder}.`,
    );
    this.name = 'ClaimTakenError';
  }
}

/** Whether a stored request and a new one are the same request (a retry). */
export const sameRequest = (stored: RequestRecord, request: RequestRecord): boolean =>
  stored.commandId === request.commandId && sameDigest(stored.digest, request);

/** Who a store is: given once, when the store is created, and kept in the store itself. */
export interface StoreIdentity {
  /** UUID. A store that replaced lost data has another id, even if it holds the same events. */
  readonly storeId: string;
  /** ISO-8601 instant at which the id was given. */
  readonly createdAt: string;
}

export interface EventSubscription extends AsyncIterable<StoredEvent> {
  unsubscribe(): Promise<void>;
  /**
   * How many events the subscription has read from the store and not handed over yet: the next ones come without waiting
   * for the store (SQLite: the rest of its read batch of READ_BATCH rows). The projection engine settles its read models'
   * refolds once per such batch (`Projection.settle`, perf47). Absent (EventStoreDB): none is known to follow at once.
   */
  buffered?(): number;
}

export interface AppendOptions {
  readonly expectedRevision: ExpectedRevision;
  readonly request?: RequestRecord;
  readonly claims?: readonly UniqueClaim[];
}

/** One stream's part of an append to several streams (`EventStore.appendToStreams`). */
export interface StreamAppend {
  readonly streamId: string;
  /** At least one event. */
  readonly events: readonly EventToAppend[];
  readonly options: AppendOptions;
}

export interface EventStore {
  readonly kind: 'sqlite' | 'eventstoredb';
  /**
   * Appends atomically. With `request`, the request index is checked and written atomically with
   * the events: a key already recorded for the same request appends nothing and answers where the
   * events went (`alreadyRecorded`); a key recorded for another request throws
   * `RequestKeyConflictError`, whatever stream either touched. With `claims`, each value is taken
   * for this stream with the events (see `UniqueClaim`): one another stream holds throws
   * `ClaimTakenError` and nothing is appended. SQLite writes claims in the events' transaction;
   * EventStoreDB, which has no transaction across streams, takes them (one stream per value)
   * before appending the events, so a crash in between leaves the value held by a stream without
   * events: the same request retried appends them; another stream's claim on it is refused until
   * then (`executeCommand` says so as CONFLICT).
   */
  appendToStream(streamId: string, events: readonly EventToAppend[], options: AppendOptions): Promise<AppendResult>;
  /**
   * Appends to several streams as one: each part is checked as `appendToStream` checks it (its
   * expected revision, its request, its claims; a part whose events or request are already stored
   * answers `alreadyRecorded` and appends nothing), and either every other part is written or none
   * is — the first refusal (`ConcurrencyError`, `RequestKeyConflictError`, `ClaimTakenError`) is
   * thrown and nothing of the call is in the log (breaker8g P5: a reorganisation half recorded). Parts
   * are written in order; two parts on one stream chain (the second's expected revision counts the
   * first's events). Resolves with one result per part, in order. SQLite writes them in one
   * transaction. EventStoreDB has no transaction across streams: it checks every part's revision
   * first and then appends part by part, so a crash or another writer in between can still leave
   * the first parts written — sending the same request again completes it (event ids derive from
   * the command), as before.
   */
  appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]>;
  /** What the request index holds for this key, or null. */
  findRequest(key: string): Promise<RecordedRequest | null>;
  /**
   * Takes the key for a request whose command decided nothing (nothing to append), so that the key
   * still names that one request: the same request again is fine (a retry); another request with
   * the key throws `RequestKeyConflictError`, as an append would.
   */
  reserveRequest(streamId: string, request: RequestRecord): Promise<void>;
  /**
   * The stream's events in order from revision `fromRevision` (0: the first), at most `maxCount` of
   * them (all without it); an empty list when the stream does not exist.
   */
  readStream(streamId: string, options?: StreamReadOptions): Promise<StoredEvent[]>;
  /** Events of every stream in global order, strictly after `after` (from the start without it). */
  readAll(options?: { after?: Position; maxCount?: number }): Promise<StoredEvent[]>;
  /** Position of the newest event in the log, or null for an empty log. */
  headPosition(): Promise<Position | null>;
  /**
   * The newest position after `after` (from the start when null) and up to `upTo` that this store
   * object did not append itself — another process's (a second server on the same file, a
   * command-line tool) — or null when every event there is this process's own. What a read waits
   * for to see every other process's writes: this process answers its own writes only once they
   * are projected (breaker12h P2). Adapters that cannot tell their own positions apart leave it out:
   * the read then waits for `upTo`.
   */
  lastForeignPosition?(after: Position | null, upTo: Position): Position | null;
  /**
   * The id of the event stored at exactly this position, or null when none is: what tells a log
   * of the same length with another history apart on a store that keeps no chain hash.
   */
  eventIdAt(position: Position): Promise<string | null>;
  /**
   * Catch-up subscription: every event after `after` (all of history without it), then live
   * events as they are appended — by this process or any other — in order, without gaps or repeats.
   */
  subscribeToAll(options?: { after?: Position }): EventSubscription;
  /**
   * The store's identity; a store without one (new, or written before identities existed) gets one
   * now, once, whichever process asks first. `created` says whether this call gave it.
   */
  identify(): Promise<StoreIdentity & { created: boolean }>;
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

/** An idempotency key reused for another request: the first request keeps the key. */
export class RequestKeyConflictError extends Error {
  constructor(
    readonly key: string,
    readonly stored: RecordedRequest,
  ) {
    super(`The request key ${key} was already used for another request (stream ${stored.streamId}).`);
    this.name = 'RequestKeyConflictError';
  }
}

/**
 * A stream read met a row that is not the one Rectify recorded (breaker9b N3): edited since it was
 * written (its content no longer matches its ledger hash), without hashes, or not sealed with the
 * office's key. Thrown by `readStream` rather than handing the row over, so that no command decides
 * on it and no history shows it; the server answers STORE_UNAVAILABLE and stops taking writes.
 */
export class AlteredRowError extends Error {
  readonly messageZh: string;
  constructor(
    /** The row's global position, as `formatPosition` writes it. */
    readonly position: string,
    /** The row's stored event type. */
    readonly eventType: string,
    /** Why, in English and Chinese (`ChainProblem`). */
    readonly reason: { readonly en: string; readonly zh: string },
  ) {
    super(`The event at position ${position} (${eventType}) cannot be trusted: ${reason.en}`);
    this.messageZh = `位置 ${position} 的事件（${eventType}）不可信：${reason.zh}`;
    this.name = 'AlteredRowError';
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

/** Reads back a position written by `formatPosition` (`7` or `1200/1100`); null when it is not one. */
export function parsePosition(text: string): Position | null {
  const match = /^(\d+)(?:\/(\d+))?$/.exec(text);
  if (!match) return null;
  return { commit: BigInt(match[1]!), prepare: BigInt(match[2] ?? match[1]!) };
}

/** Where a stream read starts (`fromRevision`, 0-based) and how many events it returns at most (`maxCount`). */
export interface StreamReadOptions {
  readonly fromRevision?: number;
  readonly maxCount?: number;
}
