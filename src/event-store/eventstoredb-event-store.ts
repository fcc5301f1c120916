import { createHash, randomUUID } from 'node:crypto';
import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { EventStoreDbLedger } from '../ledger/eventstoredb-ledger.js';
import { EVENTSTOREDB_STORE } from './eventstoredb-store-kind.js';
import {
  AppendOptions,
  AppendResult,
  ClaimTakenError,
  ConcurrencyError,
  EventMetadata,
  EventStore,
  EventSubscription,
  EventToAppend,
  ExpectedRevision,
  Position,
  RecordedRequest,
  RequestKeyConflictError,
  RequestRecord,
  StoreIdentity,
  StoredEvent,
  StreamAppend,
  StreamReadOptions,
  UniqueClaim,
  comparePositions,
  sameRequest,
} from './event-store.port.js';
import { stampedBy } from './writer-id.js';

/** Event metadata as written to EventStoreDB: ours, plus the keys its own projections read. */
interface StoredMetadata extends EventMetadata {
  schemaVersion: number;
  $correlationId: string;
  $causationId: string;
}

function toStoredMetadata(event: EventToAppend): StoredMetadata {
  return {
    ...event.metadata,
    schemaVersion: event.schemaVersion,
    $correlationId: event.metadata.correlationId,
    $causationId: event.metadata.causationId,
  };
}

function toExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'any') return ANY;
  return BigInt(expected);
}

/**
 * The request index: one stream per request key, whose first event claims the key. It is written
 * with `no_stream` before the request's events, so of two processes racing one key exactly one
 * claims it; EventStoreDB has no transaction across streams. A claim whose events never followed
 * (a crash in between) still holds the key: a retry of the same request appends them then.
 */
export const REQUEST_STREAM_PREFIX = 'rectify-request-';
const REQUEST_CLAIMED = 'RequestKeyClaimed';

interface RequestClaim {
  commandId: string;
  digest: string | null;
  streamId: string;
  /** The request's command decided nothing: the claim is all there is. */
  appendedNothing?: boolean;
}

/** System records: `$`-typed events (stats, links, checkpoints) and anything in a `$` stream. */
const isSystemRecord = (streamId: string, type: string) => type.startsWith('$') || streamId.startsWith('$');

/** The store's identity: the first event of this stream, appended with `no_stream`. */
export const IDENTITY_STREAM = 'rectify-store-identity';
const STORE_IDENTIFIED = 'StoreIdentified';

/**
 * Unique claims (`UniqueClaim`): one stream per scope and value, named by their digest (values are
 * free text), whose last event names the stream holding the value. Taken with `no_stream`, taken
 * over with the revision of the event that named the previous holder, so of two processes racing
 * one value exactly one takes it.
 */
export const CLAIM_STREAM_PREFIX = 'rectify-claim-';

/**
 * How old (ms, by EventStoreDB's clock against this process's) a claim whose holder stream has no
 * event must be before another stream takes the value over (breaker9f P10). The claim is taken just
 * before the holder's events are appended; a failure in between — a crash, a dropped connection, a
 * deadline, a leader change — left the value held by nothing, for good: every other request was
 * refused "另一请求正在登记…" forever. A holder renews a claim older than half of this before it
 * appends (a fresh claim event, by CAS), so a slow holder and a taker never both get the value.
 * Generous, for clock skew between the cluster and the servers: a value is blocked at most this
 * long after a failed request.
 */
export const ABANDONED_CLAIM_MS = 5 * 60_000;
const VALUE_CLAIMED = 'UniqueValueClaimed';
export const claimStream = (scope: string, value: string) => CLAIM_STREAM_PREFIX + createHash('sha256').update(`${scope}\u0000${value}`).digest('hex');

/** Records that are Rectify's own bookkeeping, not domain events. */
const isBookkeeping = (streamId: string) =>
  streamId.startsWith(REQUEST_STREAM_PREFIX) || streamId.startsWith(CLAIM_STREAM_PREFIX) || streamId === IDENTITY_STREAM;

/** Metadata as Rectify writes it; events other applications append to a shared cluster lack it. */
function isRectifyMetadata(metadata: unknown): metadata is StoredMetadata {
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata) || metadata instanceof Uint8Array) return false;
  const candidate = metadata as Partial<StoredMetadata>;
  return typeof candidate.actorId === 'string' && typeof candidate.recordedAt === 'string' && typeof candidate.commandId === 'string';
}

/**
 * EventStoreDB (or KurrentDB) through its gRPC client. Scaling out means every app instance
 * runs this adapter against the same cluster and builds its read models from its own catch-up
 * subscription to $all.
 */
export class EventStoreDbEventStore implements EventStore {
  readonly kind = 'eventstoredb' as const;
  /** What `isEventStoreDb` looks for. */
  readonly [EVENTSTOREDB_STORE] = true;
  private readonly client: EventStoreDBClient;

  private readonly abandonedClaimMs: number;
  private readonly now: () => Date;

  /** `abandonedClaimMs`: see ABANDONED_CLAIM_MS; `now`: this process's clock, to age claims by (tests give their own). */
  constructor(connectionString: string, options: { abandonedClaimMs?: number; now?: () => Date } = {}) {
    this.client = EventStoreDBClient.connectionString(connectionString);
    this.abandonedClaimMs = options.abandonedClaimMs ?? ABANDONED_CLAIM_MS;
    this.now = options.now ?? (() => new Date());
  }

  /** The writer id every append is stamped with (`EventMetadata.writerId`), once `writeAs` gave one. */
  private writerId: string | null = null;

  /**
   * Stamps every event appended from now on with `writerId` in its metadata (`EventMetadata.writerId`), as the SQLite
   * store does: the events of a process are told by it (EventStoreDB's servers are one copy, so nothing is judged by it
   * at start; the metadata stays alike in both adapters).
   */
  writeAs(writerId: string): void {
    this.writerId = writerId;
  }

  async appendToStream(
    streamId: string,
    unstamped: readonly EventToAppend[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    if (unstamped.length === 0) throw new Error('appendToStream needs at least one event');
    const events = stampedBy(unstamped, this.writerId);
    if (options.request) await this.claimRequest(options.request, streamId);
    const claims = options.claims ?? [];
    const claimed = this.now().getTime();
    for (const claim of claims) await this.takeClaim(claim, streamId);
    // Claims taken long ago by now (a stalled connection): renewed, so none is taken over as abandoned under this append.
    if (claims.length > 0 && this.now().getTime() - claimed > this.abandonedClaimMs / 4) for (const claim of claims) await this.takeClaim(claim, streamId);
    const stored = await this.alreadyStored(streamId, events, options.expectedRevision);
    if (stored) return stored;
    try {
      const result = await this.client.appendToStream(
        streamId,
        events.map((event) =>
          jsonEvent({ id: event.id, type: event.type, data: event.data, metadata: toStoredMetadata(event) }),
        ),
        { expectedRevision: toExpectedRevision(options.expectedRevision) },
      );
      if (!result.success) {
        // Only with `throwOnAppendFailure=false` in the connection string: the client then answers a
        // wrong expected revision instead of throwing it.
        const actual = result.nextExpectedRevision;
        throw new ConcurrencyError(streamId, options.expectedRevision, actual < 0n ? 'no_stream' : Number(actual));
      }
      if (!result.position) {
        // An idempotent success (the same events landed since alreadyStored looked): their first result.
        const landed = await this.alreadyStored(streamId, events, options.expectedRevision);
        if (landed) return landed;
        throw new Error(`EventStoreDB returned no position for the append to ${streamId}`);
      }
      return { nextRevision: Number(result.nextExpectedRevision), position: result.position };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const actual = error.actualVersion;
        throw new ConcurrencyError(
          streamId,
          options.expectedRevision,
          typeof actual === 'bigint' ? Number(actual) : 'no_stream',
        );
      }
      throw error;
    }
  }

  /**
   * EventStoreDB has no transaction across streams (see the port): every part's expected revision is
   * checked first — the first part of each stream, unless its events are stored already (a retry) —
   * so a part another writer moved refuses the call (`ConcurrencyError`) before anything is written;
   * then the parts are appended in order. Another writer between the check and the last append, or a
   * crash, can still leave the first parts written: the same request sent again completes it.
   */
  async appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    const checked = new Set<string>();
    for (const { streamId, events, options } of appends) {
      if (checked.has(streamId)) continue;
      checked.add(streamId);
      const expected = options.expectedRevision;
      if (expected === 'any' || (await this.alreadyStored(streamId, events, expected))) continue;
      const there = await this.readStream(streamId, { fromRevision: expected === 'no_stream' ? 0 : expected });
      const actual = there.at(-1)?.revision;
      const matches = expected === 'no_stream' ? there.length === 0 : there.length === 1 && actual === expected;
      if (!matches) throw new ConcurrencyError(streamId, expected, actual ?? 'no_stream');
    }
    const results: AppendResult[] = [];
    for (const { streamId, events, options } of appends) results.push(await this.appendToStream(streamId, events, options));
    return results;
  }

  async reserveRequest(streamId: string, request: RequestRecord): Promise<void> {
    await this.claimRequest(request, streamId, true);
  }

  async findRequest(key: string): Promise<RecordedRequest | null> {
    const claim = await this.readClaim(key);
    return claim && { key, ...claim, position: null };
  }

  async identify(): Promise<StoreIdentity & { created: boolean }> {
    const identity: StoreIdentity = { storeId: randomUUID(), createdAt: new Date().toISOString() };
    try {
      await this.client.appendToStream(IDENTITY_STREAM, jsonEvent({ type: STORE_IDENTIFIED, data: { ...identity } }), { expectedRevision: NO_STREAM });
      return { ...identity, created: true };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
    }
    const read = this.client.readStream(IDENTITY_STREAM, { direction: FORWARDS, fromRevision: START, maxCount: 1 });
    for await (const resolved of read) {
      const data = resolved.event?.data as Partial<StoreIdentity> | undefined;
      if (typeof data?.storeId === 'string' && typeof data.createdAt === 'string') return { storeId: data.storeId, createdAt: data.createdAt, created: false };
    }
    throw new Error(`EventStoreDB holds ${IDENTITY_STREAM} without a readable identity`);
  }

  /** Takes the key for this request, or finds it taken by the same request (a retry, which goes on). */
  private async claimRequest(request: RequestRecord, streamId: string, appendedNothing = false): Promise<void> {
    const claim: RequestClaim = { commandId: request.commandId, digest: request.digest, streamId, ...(appendedNothing ? { appendedNothing } : {}) };
    try {
      await this.client.appendToStream(
        REQUEST_STREAM_PREFIX + request.key,
        jsonEvent({ type: REQUEST_CLAIMED, data: { ...claim } }),
        { expectedRevision: NO_STREAM },
      );
      return;
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
    }
    const stored = await this.readClaim(request.key);
    if (!stored) throw new Error(`EventStoreDB refused the claim of request ${request.key} but holds none`);
    const recorded: RecordedRequest = { key: request.key, ...stored, position: null };
    if (!sameRequest(recorded, request)) throw new RequestKeyConflictError(request.key, recorded);
  }

  /**
   * The append's events already stored where it would put them (a retry, or the same command run
   * by two requests at once, e.g. one file imported under two keys): the first result, as
   * `alreadyRecorded` (breaker9f P14). EventStoreDB answers such an append as an idempotent success,
   * with the first write's position or none — the server took the first for a new head below one
   * it had seen (LOG_SHORTENED, every write refused) and the second for a failure. Null when none
   * of them is there; ConcurrencyError when some are and some are not (as SQLite answers).
   */
  private async alreadyStored(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult | null> {
    if (expected === 'any') return null;
    const there = (await this.readStream(streamId, { fromRevision: expected === 'no_stream' ? 0 : expected + 1 })).slice(0, events.length);
    if (there[0]?.id !== events[0]!.id) return null;
    const last = there[there.length - 1]!;
    if (there.length < events.length || there.some((stored, index) => stored.id !== events[index]!.id)) throw new ConcurrencyError(streamId, expected, last.revision);
    return { nextRevision: last.revision, position: last.position, alreadyRecorded: true };
  }

  /**
   * Takes the value for `streamId` (see CLAIM_STREAM_PREFIX), by CAS on the claim stream: a fresh
   * claim event also when the stream holds the value already, naming the revision its stream stands
   * at (`atRevision`) — so a take-over judged on the holder before this claim fails its CAS, and one
   * judged after it finds the holder's events since the claim not there yet (breaker11m P1: an undo
   * of a withdrawn finding racing a re-recording of its title; EventStoreDB appends the claim before
   * the events, with no transaction across streams). `ClaimTakenError` when another stream holds it,
   * unless that stream is the `takeOverFrom` one, its stream still at `takeOverAt` (when given) and
   * not in flight (its events since its last claim have come). A holder in flight (its stream still
   * at the claim's `atRevision`: no event yet for a new stream) whose claim is older than
   * abandonedClaimMs is taken over as abandoned (see ABANDONED_CLAIM_MS, breaker9f P10); a younger
   * one is refused with `inFlight` (CONFLICT 另一请求正在登记…). Claim events written before
   * `atRevision` existed read as claimed at no event.
   */
  private async takeClaim(claim: UniqueClaim, streamId: string): Promise<void> {
    const stream = claimStream(claim.scope, claim.value);
    for (;;) {
      const held = await this.claimHolder(stream);
      if (held && held.holder !== streamId) {
        const holderRevision = await this.streamRevision(held.holder);
        const inFlight = holderRevision === held.atRevision;
        const abandoned = inFlight && this.now().getTime() - held.claimedAt.getTime() >= this.abandonedClaimMs;
        const released = held.holder === claim.takeOverFrom && !inFlight && (claim.takeOverAt === undefined || claim.takeOverAt === holderRevision);
        if (!released && !abandoned) throw new ClaimTakenError(claim.scope, claim.value, held.holder, holderRevision, inFlight);
      }
      const atRevision = await this.streamRevision(streamId);
      try {
        await this.client.appendToStream(stream, jsonEvent({ type: VALUE_CLAIMED, data: { scope: claim.scope, value: claim.value, streamId, atRevision } }), {
          expectedRevision: held ? held.revision : NO_STREAM,
        });
        return;
      } catch (error) {
        // Another process took or moved it meanwhile: judge again on what it wrote.
        if (!(error instanceof WrongExpectedVersionError)) throw error;
      }
    }
  }

  /**
   * The stream a claim stream's last event names, that event's revision, when it was written, and
   * the revision the holder's stream stood at when it claimed (null: no event; also for claims
   * written before it was recorded); null when no claim was taken.
   */
  private async claimHolder(stream: string): Promise<{ holder: string; revision: bigint; claimedAt: Date; atRevision: number | null } | null> {
    try {
      for await (const resolved of this.client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1 })) {
        const data = resolved.event?.data as { streamId?: unknown; atRevision?: unknown } | undefined;
        if (resolved.event && typeof data?.streamId === 'string') {
          const atRevision = typeof data.atRevision === 'number' ? data.atRevision : null;
          return { holder: data.streamId, revision: resolved.event.revision, claimedAt: resolved.event.created, atRevision };
        }
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return null;
      throw error;
    }
    return null;
  }

  /** A stream's last revision (its last event's, read backwards), null when it has no event. */
  private async streamRevision(streamId: string): Promise<number | null> {
    try {
      for await (const resolved of this.client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 })) {
        if (resolved.event) return Number(resolved.event.revision);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return null;
      throw error;
    }
    return null;
  }

  private async readClaim(key: string): Promise<RequestClaim | null> {
    try {
      const read = this.client.readStream(REQUEST_STREAM_PREFIX + key, { direction: FORWARDS, fromRevision: START, maxCount: 1 });
      for await (const resolved of read) {
        const data = resolved.event?.data as Partial<RequestClaim> | undefined;
        if (resolved.event?.type === REQUEST_CLAIMED && typeof data?.commandId === 'string' && typeof data.streamId === 'string') {
          return {
            commandId: data.commandId,
            digest: typeof data.digest === 'string' ? data.digest : null,
            streamId: data.streamId,
            ...(data.appendedNothing === true ? { appendedNothing: true } : {}),
          };
        }
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return null;
      throw error;
    }
    return null;
  }

  async readStream(streamId: string, options: StreamReadOptions = {}): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    if (options.maxCount !== undefined && options.maxCount <= 0) return events;
    try {
      const read = this.client.readStream(streamId, {
        direction: FORWARDS,
        fromRevision: options.fromRevision ? BigInt(options.fromRevision) : START,
        ...(options.maxCount !== undefined ? { maxCount: BigInt(options.maxCount) } : {}),
      });
      for await (const resolved of read) {
        const event = this.toStoredEvent(resolved);
        if (event) events.push(event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  async readAll(options: { after?: Position; maxCount?: number } = {}): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    if (maxCount <= 0) return events;
    // readAll is inclusive of fromPosition and cannot filter, so skip the start and system events.
    const read = this.client.readAll({ direction: FORWARDS, fromPosition: options.after ?? START });
    for await (const resolved of read) {
      const event = this.toStoredEvent(resolved);
      if (!event) continue;
      if (options.after && comparePositions(event.position, options.after) <= 0) continue;
      events.push(event);
      if (events.length >= maxCount) {
        await read.cancel();
        break;
      }
    }
    return events;
  }

  async headPosition(): Promise<Position | null> {
    // No maxCount: the newest records may all be system records; the read stops at the first event.
    const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END });
    for await (const resolved of read) {
      const event = this.toStoredEvent(resolved);
      if (event) {
        await read.cancel();
        return event.position;
      }
    }
    return null;
  }

  async eventIdAt(position: Position): Promise<string | null> {
    // A forwards read of $all from a position starts at the record there, if one starts there.
    const read = this.client.readAll({ direction: FORWARDS, fromPosition: position, maxCount: 1 });
    for await (const resolved of read) {
      const event = this.toStoredEvent(resolved);
      return event && comparePositions(event.position, position) === 0 ? event.id : null;
    }
    return null;
  }

  subscribeToAll(options: { after?: Position } = {}): EventSubscription {
    // subscribeToAll starts strictly after fromPosition, which is the port's contract.
    const subscription = this.client.subscribeToAll({
      fromPosition: options.after ?? START,
      filter: excludeSystemEvents(),
    });
    const toStoredEvent = (resolved: AllStreamResolvedEvent) => this.toStoredEvent(resolved);
    async function* events(): AsyncGenerator<StoredEvent> {
      try {
        for await (const resolved of subscription) {
          const event = toStoredEvent(resolved);
          if (event) yield event;
        }
      } finally {
        // Ending the loop (break, throw) does not cancel the gRPC call; unsubscribing does.
        await subscription.unsubscribe().catch(() => undefined);
      }
    }
    const iterator = events();
    return {
      [Symbol.asyncIterator]: () => iterator,
      unsubscribe: async () => {
        await subscription.unsubscribe();
        await iterator.return(undefined);
      },
    };
  }

  /** The ledger kept beside the log: chain records and checkpoints in their own streams (see src/ledger). */
  ledger(): EventStoreDbLedger {
    return new EventStoreDbLedger(this.client, this);
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  private toStoredEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): StoredEvent | null {
    const recorded = resolved.event;
    if (!recorded || isSystemRecord(recorded.streamId, recorded.type) || isBookkeeping(recorded.streamId) || !recorded.isJson) return null;
    const stored: unknown = recorded.metadata;
    if (!isRectifyMetadata(stored) || typeof recorded.data !== 'object' || recorded.data === null) return null;
    const { schemaVersion, $correlationId: _correlation, $causationId: _causation, ...metadata } = stored;
    // Stream reads carry positions from EventStoreDB 22.6 on (docker-compose runs 24.10).
    const position = recorded.position;
    if (!position) throw new Error('EventStoreDB returned an event without its position: version 22.6 or later is required');
    return {
      id: recorded.id,
      streamId: recorded.streamId,
      revision: Number(recorded.revision),
      position,
      type: recorded.type,
      schemaVersion: schemaVersion ?? 1,
      data: recorded.data as Record<string, unknown>,
      metadata,
    };
  }
}
