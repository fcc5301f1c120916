import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type EventToAppend, type Position } from '../event-store/event-store.port.js';
import { CommandContext } from '../shared/command-context.js';
import { Decider, DomainEvent, fold } from '../shared/decider.js';
import { EventSchemaRegistry } from '../shared/event-schemas.js';
import { deterministicId } from '../shared/ids.js';
import { ProjectionEngine } from './projection-engine.js';

export interface CommandOutcome<Event extends DomainEvent> {
  readonly streamId: string;
  /** The events this command produced (for a retried command: none, it was handled before). */
  readonly events: readonly Event[];
  readonly retried: boolean;
  readonly position: Position | null;
}

/**
 * The whole write path: load the stream, fold it, decide, append with the expected revision,
 * wait until read models have the new events. A retried command (same command id) appends
 * nothing and answers as the first time did.
 */
@Injectable()
export class CommandExecutor {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly schemas: EventSchemaRegistry,
    private readonly projections: ProjectionEngine,
  ) {}

  /** Folds a stream into a decider's state, for handlers that need facts from another stream. */
  async load<State, Event extends DomainEvent>(streamId: string, decider: Pick<Decider<unknown, State, Event>, 'initialState' | 'evolve'>): Promise<State> {
    const history = await this.store.readStream(streamId);
    return fold(decider, history.map((stored) => this.schemas.upcast<Event>(stored)));
  }

  async execute<Command, State, Event extends DomainEvent>(
    streamId: string,
    decider: Decider<Command, State, Event>,
    command: Command,
    context: CommandContext,
  ): Promise<CommandOutcome<Event>> {
    const history = await this.store.readStream(streamId);
    const earlier = history.filter((stored) => stored.metadata.commandId === context.commandId);
    if (earlier.length > 0) {
      const position = earlier[earlier.length - 1]!.position;
      await this.projections.waitFor(position);
      return { streamId, events: [], retried: true, position };
    }

    const state = fold(decider, history.map((stored) => this.schemas.upcast<Event>(stored)));
    const events = decider.decide(command, state);
    if (events.length === 0) return { streamId, events, retried: false, position: null };

    const toAppend: EventToAppend[] = events.map((event, index) => ({
      id: deterministicId('event', context.commandId, streamId, String(index)),
      type: event.type,
      schemaVersion: this.schemas.currentVersion(event.type),
      data: event.data as Record<string, unknown>,
      metadata: {
        actorId: context.actor.id,
        actorRole: context.actor.role,
        actorUnitId: context.actor.unitId,
        commandId: context.commandId,
        correlationId: context.correlationId,
        causationId: context.commandId,
        recordedAt: context.now,
      },
    }));
    const expectedRevision = history.length === 0 ? 'no_stream' : history[history.length - 1]!.revision;
    const result = await this.store.appendToStream(streamId, toAppend, { expectedRevision });
    await this.projections.waitFor(result.position);
    return { streamId, events, retried: false, position: result.position };
  }
}
