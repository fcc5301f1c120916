import type { EventStore, EventToAppend, Position } from '../event-store/event-store.port.js';
import type { CommandContext } from '../shared/command-context.js';
import { fold, type Decider, type DomainEvent } from '../shared/decider.js';
import type { EventSchemaRegistry } from '../shared/event-schemas.js';
import { DomainError } from '../shared/domain-error.js';
import { deterministicId } from '../shared/ids.js';

export interface CommandOutcome<Event extends DomainEvent> {
  readonly streamId: string;
  /** The events this command produced (for a retried command: none, it was handled before). */
  readonly events: readonly Event[];
  readonly retried: boolean;
  /** Position of the command's last event in the log; null when it decided nothing. */
  readonly position: Position | null;
}

/** Folds a stream into a decider's state. */
export async function loadState<State, Event extends DomainEvent>(
  store: EventStore,
  schemas: EventSchemaRegistry,
  streamId: string,
  decider: Pick<Decider<unknown, State, Event>, 'initialState' | 'evolve'>,
): Promise<State> {
  const history = await store.readStream(streamId);
  return fold(decider, history.map((stored) => schemas.upcast<Event>(stored)));
}

/**
 * The whole write path, shared by the server and the command-line tools: load the stream, fold
 * it, decide, append with the expected revision. A retried command (same command id) appends
 * nothing and reports where its events already are.
 */
export async function executeCommand<Command, State, Event extends DomainEvent>(
  store: EventStore,
  schemas: EventSchemaRegistry,
  streamId: string,
  decider: Decider<Command, State, Event>,
  command: Command,
  context: CommandContext,
): Promise<CommandOutcome<Event>> {
  const history = await store.readStream(streamId);
  const earlier = history.filter((stored) => stored.metadata.commandId === context.commandId);
  if (earlier.length > 0) {
    const first = earlier[0]!.metadata.requestDigest;
    if (first && context.requestDigest && first !== context.requestDigest) {
      throw new DomainError('CONFLICT', 'This idempotency key was already used for a different request. Use a new key for a new request.');
    }
    return { streamId, events: [], retried: true, position: earlier[earlier.length - 1]!.position };
  }

  const state = fold(decider, history.map((stored) => schemas.upcast<Event>(stored)));
  const events = decider.decide(command, state);
  if (events.length === 0) return { streamId, events, retried: false, position: null };

  const toAppend: EventToAppend[] = events.map((event, index) => ({
    id: deterministicId('event', context.commandId, streamId, String(index)),
    type: event.type,
    schemaVersion: schemas.currentVersion(event.type),
    data: event.data as Record<string, unknown>,
    metadata: {
      actorId: context.actor.id,
      actorRole: context.actor.role,
      actorUnitId: context.actor.unitId,
      commandId: context.commandId,
      correlationId: context.correlationId,
      causationId: context.commandId,
      recordedAt: context.now,
      ...(context.requestDigest ? { requestDigest: context.requestDigest } : {}),
    },
  }));
  const expectedRevision = history.length === 0 ? 'no_stream' : history[history.length - 1]!.revision;
  const result = await store.appendToStream(streamId, toAppend, { expectedRevision });
  return { streamId, events, retried: false, position: result.position };
}
