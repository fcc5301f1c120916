import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '../../event-sourcing/command-executor.js';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import { CommandContext } from '../../shared/command-context.js';
import { findingDecider, type AssignFinding, type FindingCommand, type RecordFinding } from '../domain/finding.decider.js';
import { findingStream } from '../domain/finding.events.js';

/** What happens to a recorded finding; the handler adds the facts it looks up (unknown units). */
export type FindingWorkflowCommand =
  | Exclude<FindingCommand, RecordFinding | AssignFinding>
  | Omit<AssignFinding, 'unknownUnitIds'>;

/** Any step of a recorded finding's life; returns the finding's id. */
export class ActOnFindingCommand extends Command<string> {
  constructor(
    readonly findingId: string,
    readonly command: FindingWorkflowCommand,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ActOnFindingCommand)
export class ActOnFindingHandler implements ICommandHandler<ActOnFindingCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly units: UnitsReadModel,
  ) {}

  async execute({ findingId, command, context }: ActOnFindingCommand): Promise<string> {
    const decided: FindingCommand =
      command.type === 'AssignFinding'
        ? { ...command, unknownUnitIds: this.units.unknownIds(command.units.map((unit) => unit.unitId)) }
        : command;
    await this.executor.execute(findingStream(findingId), findingDecider, decided, context);
    return findingId;
  }
}
