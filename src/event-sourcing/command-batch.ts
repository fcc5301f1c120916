import { comparePositions, type EventStore, type Position, type RequestRecord } from '../event-store/event-store.port.js';
import { commandContext, type CommandContext } from '../shared/command-context.js';
import { fold, type Decider, type DomainEvent } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import type { EventSchemaRegistry } from '../shared/event-schemas.js';
import { executeCommand, refuseReusedKey, reserveKey, type ClaimedValue, type CommandOutcome } from './execute-command.js';

/*
 * Many commands that stand or fall together, such as the rows of an imported file: every command
 * is decided first without appending anything, and only when none is refused are they executed,
 * in order. Each has its own idempotent context, so running the batch again appends only what is
 * missing (an interrupted batch is completed, a finished one appends nothing).
 */

export interface BatchCommand {
  /** Where the command came from (a file's row), for the refusal; null for the whole batch. */
  readonly row: number | null;
  readonly streamId: string;
  readonly commandId: string;
  /** Decides on the stream as it is, appending nothing: resolves with the refusal, if any. */
  check(store: EventStore, schemas: EventSchemaRegistry): Promise<DomainError | null>;
  /** Executes it; `request`, when given, is recorded in the request index instead of its own. */
  execute(store: EventStore, schemas: EventSchemaRegistry, request?: RequestRecord): Promise<CommandOutcome<DomainEvent>>;
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
        decider.decide(command, fold(decider, history.map((stored) => schemas.upcast<Event>(stored))));
        return null;
      } catch (error) {
        if (error instanceof DomainError) return error;
        throw error;
      }
    },
    execute: (store, schemas, request) => executeCommand(store, schemas, streamId, decider, command, context, request, claims),
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
  });

export interface BatchRefusal {
  readonly row: number | null;
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
  for (const command of commands) {
    const error = await command.check(store, schemas);
    if (!error) continue;
    refusals.push({ row: command.row, error });
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

/**
 * Executes the commands in order; call `checkBatch` first. `request` is the batch's own request
 * (an import's idempotency key and digest): it is recorded in the request index atomically with
 * the first append, so that its key names this request only (another request under it is
 * CONFLICT, `RequestKeyConflictError` from a racing process included); a batch that appends
 * nothing (all of it done before) reserves its key all the same.
 */
/** The stream a request that had no command to run is filed under in the request index (no event is ever appended to it). */
export const BATCH_WITHOUT_COMMANDS = 'import-without-commands';

export async function executeBatch(
  store: EventStore,
  schemas: EventSchemaRegistry,
  commands: readonly BatchCommand[],
  request?: RequestRecord,
): Promise<BatchOutcome> {
  const outcomes: CommandOutcome<DomainEvent>[] = [];
  let position: Position | null = null;
  let unrecorded = request && !(await refuseReusedKey(store, request)) ? request : undefined;
  for (const command of commands) {
    const outcome = await command.execute(store, schemas, unrecorded);
    if (outcome.events.length > 0) unrecorded = undefined;
    outcomes.push(outcome);
    if (outcome.position && (!position || comparePositions(outcome.position, position) > 0)) position = outcome.position;
  }
  // Nothing appended (all of it done before, or nothing to do: a units file whose units are all
  // registered): the key still names this request from now on.
  if (unrecorded && unrecorded.digest !== null) await reserveKey(store, commands[0]?.streamId ?? BATCH_WITHOUT_COMMANDS, unrecorded);
  return { outcomes, eventCount: outcomes.reduce((count, outcome) => count + outcome.events.length, 0), position };
}
