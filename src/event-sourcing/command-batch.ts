import {
  ClaimTakenError,
  ConcurrencyError,
  RequestKeyConflictError,
  comparePositions,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type Position,
  type RequestRecord,
  type StoredEvent,
  type StreamAppend,
} from '../event-store/event-store.port.js';
import { commandContext, type CommandContext } from '../shared/command-context.js';
import { fold, type Decider, type DomainEvent } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import type { EventSchemaRegistry } from '../shared/event-schemas.js';
import { sameDigest } from '../shared/ids.js';
import { slicer } from '../shared/event-loop-turns.js';
import {
  claimRefusal,
  decideNaming,
  eventsToAppend,
  executeCommand,
  keyReused,
  refuseReusedKey,
  requestOf,
  reserveKey,
  type ClaimedValue,
  type CommandOutcome,
} from './execute-command.js';

/*
 * Many commands that stand or fall together, such as the rows of an imported file or a
 * reorganisation's hand-overs: every command is decided first without appending anything, and only
 * when none is refused are they appended — all in one append to several streams, each with the
 * revision it was decided on (`EventStore.appendToStreams`): all or nothing (breaker8g P5). Another
 * request writing one of the streams meanwhile makes the batch decide again on what is there now.
 * Each command has its own idempotent context, so running the batch again appends only what is
 * missing (a batch stored half by an older version, or on EventStoreDB, is completed).
 */

/** A batch command decided on its stream as it is now, ready to append (see `BatchCommand.prepare`). */
export interface PreparedCommand {
  readonly streamId: string;
  /** What it decided; empty when it decided nothing or was done before (`retriedAt`). */
  readonly events: readonly DomainEvent[];
  readonly toAppend: readonly EventToAppend[];
  /** The stream's revision it was decided on, counting the events earlier commands of the batch decided on it. */
  readonly expectedRevision: ExpectedRevision;
  /** Done before (its command id is in the stream): the position of its last event. */
  readonly retriedAt?: Position;
  /** The command's own request, recorded with its events unless the batch's is. */
  readonly request: RequestRecord;
  readonly claims: readonly ClaimedValue[];
}

export interface BatchCommand {
  /** Where the command came from (a file's row), for the refusal; null for the whole batch. */
  readonly row: number | null;
  /** The XLSX sheet of that row, when the file was read over several sheets (`onSheet`): the refusal names it. */
  readonly sheet?: string;
  readonly streamId: string;
  readonly commandId: string;
  /** Decides on the stream as it is, appending nothing: resolves with the refusal, if any. */
  check(store: EventStore, schemas: EventSchemaRegistry): Promise<DomainError | null>;
  /** Executes it alone; `request`, when given, is recorded in the request index instead of its own. */
  execute(store: EventStore, schemas: EventSchemaRegistry, request?: RequestRecord): Promise<CommandOutcome<DomainEvent>>;
  /**
   * Decides it on its stream as stored, followed by `earlier` (what this batch's earlier commands
   * decided on the same stream), appending nothing. Throws the refusal; `keyReused` when its command
   * id is in the stream with another request's digest.
   */
  prepare(store: EventStore, schemas: EventSchemaRegistry, earlier: readonly DomainEvent[]): Promise<PreparedCommand>;
}

/**
 * How a long batch is appended (breaker56-10 S3: a 4,999-item plan appended as one transaction of 25,000 events held every
 * other write 40–60 s — behind it in the writer, then behind its projection): in slices of at most `eventsPerSlice` events
 * (a command's events are never split), one transaction each, `between` awaited after each slice but the last — the server
 * waits there for the slice to be projected and gives the event loop a turn, so other requests append and are answered
 * between two slices. The events keep the batch's order (a plan's outline first, then its items: the read models show a plan
 * once every item its outline lists is in, `WorkPlanLedger.plan`). Each slice keeps its parts' expected
 * revisions; a slice refused (another request wrote one of its streams) leaves the slices before it written, and the batch
 * is decided again — the commands found done in their streams appending nothing — as a retry of the same request would.
 */
export interface BatchSlices {
  /** At most this many events per transaction (a command with more goes alone in its slice). */
  readonly eventsPerSlice: number;
  /** After each slice but the last, with the position of its last event. A throw stops the batch there (the slices before it stay written). */
  readonly between: (position: Position) => Promise<void>;
}

export function batchCommand<Command, State, Event extends DomainEvent>(
  row: number | null,
  streamId: string,
  decider: Decider<Command, State, Event>,
  command: Command,
  context: CommandContext,
  /** Values the command takes that only one stream may hold (see `executeCommand`): one another request took since the check is `ClaimRefused`. */
  claims: readonly ClaimedValue[] = [],
): BatchCommand {
  return {
    row,
    streamId,
    commandId: context.commandId,
    async check(store, schemas) {
      const history = await store.readStream(streamId);
      if (history.some((stored) => stored.metadata.commandId === context.commandId)) return null;
      try {
        await decideNaming(store, streamId, () => decider.decide(command, fold(decider, history.map((stored) => schemas.upcast<Event>(stored)))), context);
        return null;
      } catch (error) {
        if (error instanceof DomainError) return error;
        throw error;
      }
    },
    execute: (store, schemas, request) => executeCommand(store, schemas, streamId, decider, command, context, request, claims),
    async prepare(store, schemas, earlier) {
      const history = await store.readStream(streamId);
      const stored = history.length === 0 ? -1 : history[history.length - 1]!.revision;
      const revision = stored + earlier.length;
      const expectedRevision: ExpectedRevision = revision < 0 ? 'no_stream' : revision;
      const request = requestOf(context);
      const done = history.filter((event) => event.metadata.commandId === context.commandId);
      if (done.length > 0) {
        const first = done[0]!.metadata.requestDigest;
        if (first && context.requestDigest && !sameDigest(first, request)) throw keyReused(streamId);
        return { streamId, events: [], toAppend: [], expectedRevision, retriedAt: done[done.length - 1]!.position, request, claims };
      }
      const state = fold(decider, [...history.map((event) => schemas.upcast<Event>(event)), ...(earlier as readonly Event[])]);
      const events = await decideNaming(store, streamId, () => decider.decide(command, state), context);
      return { streamId, events, toAppend: eventsToAppend(schemas, streamId, events, context), expectedRevision, request, claims };
    },
  };
}

/**
 * The command as coming from a row of `sheet` (a workbook read over several sheets): its refusal names
 * that sheet beside the row, never a bare row number another sheet also has (breaker42-10 F6, F7).
 */
export const onSheet = (command: BatchCommand, sheet: string | undefined): BatchCommand => (sheet === undefined ? command : { ...command, sheet });

/**
 * The command decided only on its stream at `version` (how many events it holds): an optimistic check a client asks for by
 * giving back the version its preview was computed on (an import's `expectedPlanVersion`, issue 10 S2). Any other count is
 * `refusal(history)` (a CONFLICT naming what was written since), at the check and at every decision of the batch — and the
 * append itself carries the stream's revision it was decided on, so of two requests pinned to the same version racing, the
 * store lets one append and the other, deciding again, is refused: never a read-then-write race. A command done before (its id
 * in the stream: a retry of the same request) is not refused.
 */
export function pinnedAt(command: BatchCommand, version: number, refusal: (history: readonly StoredEvent[]) => DomainError | Promise<DomainError>): BatchCommand {
  const guarded = guardedBy(command, async (store) => {
    const history = await store.readStream(command.streamId);
    if (history.length === version || history.some((stored) => stored.metadata.commandId === command.commandId)) return null;
    return await refusal(history);
  });
  return {
    ...guarded,
    async prepare(store, schemas, earlier) {
      const prepared = await guarded.prepare(store, schemas, earlier);
      // Decided on the stream as read again: its revision then is the one the append expects, which must be the version's.
      const revision = version - 1 + earlier.length;
      if (prepared.retriedAt === undefined && prepared.expectedRevision !== (revision < 0 ? 'no_stream' : revision)) throw await refusal(await store.readStream(command.streamId));
      return prepared;
    },
  };
}

/**
 * `command`, checked and decided only while `refused` (read from the store each time the batch checks and prepares it) finds
 * nothing against it (null); else that refusal — answered by `check`, thrown by `prepare`.
 */
export function guardedBy(command: BatchCommand, refused: (store: EventStore) => Promise<DomainError | null>): BatchCommand {
  return {
    ...command,
    async check(store, schemas) {
      return (await refused(store)) ?? command.check(store, schemas);
    },
    async prepare(store, schemas, earlier) {
      const error = await refused(store);
      if (error) throw error;
      return command.prepare(store, schemas, earlier);
    },
  };
}

/**
 * The context of one command inside a batch: the batch's actor, instant and correlation, and a
 * command id of its own derived from `idempotencyKey` (derive it from what the command is, e.g.
 * the file's digest and the row's code, so that running the batch again is recognised).
 */
export const contextInBatch = (batch: CommandContext, commandType: string, idempotencyKey: string): CommandContext =>
  commandContext({
    actor: batch.actor,
    commandType,
    idempotencyKey,
    now: new Date(batch.now),
    correlationId: batch.correlationId,
    batchCommandId: batch.commandId,
  });

export interface BatchRefusal {
  readonly row: number | null;
  /** The row's sheet (`BatchCommand.sheet`). */
  readonly sheet?: string;
  /** The stream of the command refused (a reorganisation names the finding or item it was about). */
  readonly streamId: string;
  readonly error: DomainError;
}

/**
 * Every refusal the batch would meet, in order. A refusal of a whole-batch command (row null)
 * stops the check: what follows depends on it.
 */
export async function checkBatch(
  store: EventStore,
  schemas: EventSchemaRegistry,
  commands: readonly BatchCommand[],
): Promise<BatchRefusal[]> {
  const refusals: BatchRefusal[] = [];
  // Thousands of rows are decided on the main thread: in slices, so other requests are answered meanwhile (breaker12d P3).
  const pause = slicer();
  for (const command of commands) {
    await pause();
    const error = await command.check(store, schemas);
    if (!error) continue;
    refusals.push({ row: command.row, ...(command.sheet === undefined ? {} : { sheet: command.sheet }), streamId: command.streamId, error });
    if (command.row === null) break;
  }
  return refusals;
}

export interface BatchOutcome {
  /** One per command, in order. */
  readonly outcomes: readonly CommandOutcome<DomainEvent>[];
  readonly eventCount: number;
  /** The latest log position of the batch's events (a retried command's included), to wait for in read models. */
  readonly position: Position | null;
}

/** The stream a request that had no command to run is filed under in the request index (no event is ever appended to it). */
export const BATCH_WITHOUT_COMMANDS = 'import-without-commands';

/** How many times a batch is decided again after another request wrote one of its streams meanwhile. */
const BATCH_ATTEMPTS = 8;

/**
 * Decides the commands in order and appends what they decided as one (`EventStore.appendToStreams`):
 * all or nothing, each stream at the revision its command was decided on; call `checkBatch` first.
 * When another request wrote one of the streams meanwhile (`ConcurrencyError`), nothing was written
 * and the whole batch is decided again on what is there now, up to BATCH_ATTEMPTS times; a refusal
 * then (`DomainError`) is thrown with nothing written — an error never answers a batch that
 * recorded something. `request` is the batch's own request (an import's idempotency key and
 * digest): it is recorded in the request index atomically with the first append, so that its key
 * names this request only (another request under it is CONFLICT, `RequestKeyConflictError` from a
 * racing process included); a batch that appends nothing (all of it done before) reserves its key
 * all the same.
 * @throws DomainError (a command's refusal, CONFLICT for a reused key or a claim another stream
 *   holds), ConcurrencyError after BATCH_ATTEMPTS rounds of contention, or the store's own errors.
 */
export async function executeBatch(
  store: EventStore,
  schemas: EventSchemaRegistry,
  commands: readonly BatchCommand[],
  request?: RequestRecord,
  slices?: BatchSlices,
): Promise<BatchOutcome> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await executeBatchOnce(store, schemas, commands, request, slices);
    } catch (error) {
      // Nothing of the batch was written: decided again on the streams as they are now (a refusal then is the batch's answer).
      if (!(error instanceof ConcurrencyError) || attempt >= BATCH_ATTEMPTS) throw error;
    }
  }
}

async function executeBatchOnce(
  store: EventStore,
  schemas: EventSchemaRegistry,
  commands: readonly BatchCommand[],
  request?: RequestRecord,
  slices?: BatchSlices,
): Promise<BatchOutcome> {
  // The batch's request already in the index (the same request sent again): each command is recognised by its own id.
  const unrecorded = request && !(await refuseReusedKey(store, request)) ? request : undefined;
  const decidedOn = new Map<string, DomainEvent[]>();
  const prepared: PreparedCommand[] = [];
  const pause = slicer();
  for (const command of commands) {
    await pause();
    const earlier = decidedOn.get(command.streamId) ?? [];
    const one = await command.prepare(store, schemas, earlier);
    prepared.push(one);
    if (one.events.length > 0) decidedOn.set(command.streamId, [...earlier, ...one.events]);
  }
  const appending = prepared.filter((one) => one.toAppend.length > 0);
  // The batch's request is recorded with its first append; every other command with its own.
  const parts: StreamAppend[] = appending.map((one, index) => ({
    streamId: one.streamId,
    events: one.toAppend,
    options: { expectedRevision: one.expectedRevision, request: index === 0 && unrecorded ? unrecorded : one.request, ...(one.claims.length > 0 ? { claims: one.claims } : {}) },
  }));
  const results: { readonly position: Position; readonly alreadyRecorded?: boolean }[] = [];
  if (parts.length > 0) {
    const pieces = slicesOf(parts, slices?.eventsPerSlice);
    for (const [index, piece] of pieces.entries()) {
      try {
        results.push(...(await store.appendToStreams(piece)));
      } catch (error) {
        if (error instanceof RequestKeyConflictError) throw keyReused(error.stored.streamId);
        if (error instanceof ClaimTakenError) throw await claimRefusal(store, error, appending.flatMap((one) => one.claims));
        throw error;
      }
      if (index < pieces.length - 1) await slices!.between(results.at(-1)!.position);
    }
  } else if (unrecorded && unrecorded.digest !== null) {
    // Nothing appended (all of it done before, or nothing to do: a units file whose units are all
    // registered): the key still names this request from now on.
    await reserveKey(store, commands[0]?.streamId ?? BATCH_WITHOUT_COMMANDS, unrecorded);
  }
  let position: Position | null = null;
  const later = (candidate: Position | null | undefined) => {
    if (candidate && (!position || comparePositions(candidate, position) > 0)) position = candidate;
  };
  const resultOf = new Map(appending.map((one, index) => [one, results[index]!]));
  const outcomes = prepared.map((one): CommandOutcome<DomainEvent> => {
    const result = resultOf.get(one);
    if (!result) {
      later(one.retriedAt);
      return { streamId: one.streamId, events: [], retried: one.retriedAt !== undefined, position: one.retriedAt ?? null };
    }
    later(result.position);
    return { streamId: one.streamId, events: result.alreadyRecorded ? [] : one.events, retried: result.alreadyRecorded === true, position: result.position };
  });
  return { outcomes, eventCount: outcomes.reduce((count, outcome) => count + outcome.events.length, 0), position };
}

/** The parts in slices of at most `eventsPerSlice` events, in order, a part never split (one larger goes alone). One slice without a size. */
function slicesOf(parts: readonly StreamAppend[], eventsPerSlice: number | undefined): StreamAppend[][] {
  if (eventsPerSlice === undefined) return [[...parts]];
  const pieces: StreamAppend[][] = [];
  let piece: StreamAppend[] = [];
  let events = 0;
  for (const part of parts) {
    if (piece.length > 0 && events + part.events.length > eventsPerSlice) {
      pieces.push(piece);
      piece = [];
      events = 0;
    }
    piece.push(part);
    events += part.events.length;
  }
  if (piece.length > 0) pieces.push(piece);
  return pieces;
}
