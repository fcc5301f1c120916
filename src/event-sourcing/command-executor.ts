import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port.js';
import { CommandContext } from '../shared/command-context.js';
import { Decider, DomainEvent } from '../shared/decider.js';
import { EventSchemaRegistry } from '../shared/event-schemas.js';
import { executeCommand, loadState, type CommandOutcome } from './execute-command.js';
import { ProjectionEngine } from './projection-engine.js';

/** The write path inside the server: a command returns once read models have its events. */
@Injectable()
export class CommandExecutor {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly schemas: EventSchemaRegistry,
    private readonly projections: ProjectionEngine,
  ) {}

  /** Folds a stream into a decider's state, for handlers that need facts from another stream. */
  load<State, Event extends DomainEvent>(
    streamId: string,
    decider: Pick<Decider<unknown, State, Event>, 'initialState' | 'evolve'>,
  ): Promise<State> {
    return loadState(this.store, this.schemas, streamId, decider);
  }

  async execute<Command, State, Event extends DomainEvent>(
    streamId: string,
    decider: Decider<Command, State, Event>,
    command: Command,
    context: CommandContext,
  ): Promise<CommandOutcome<Event>> {
    const outcome = await executeCommand(this.store, this.schemas, streamId, decider, command, context);
    if (outcome.position) await this.projections.waitFor(outcome.position);
    return outcome;
  }
}
