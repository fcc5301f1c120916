import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '../../event-sourcing/command-executor.js';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import { officeDate } from '../../shared/calendar-date.js';
import { CommandContext } from '../../shared/command-context.js';
import { deterministicId } from '../../shared/ids.js';
import { evaluationDecider } from '../domain/evaluation.decider.js';
import { evaluationStream } from '../domain/evaluation.events.js';
import { findingDecider } from '../domain/finding.decider.js';
import { findingStream } from '../domain/finding.events.js';
import type { RecordFindingInput } from './record-finding.input.js';

/** Records one problem named by an evaluation; returns the new finding's id. */
export class RecordFindingCommand extends Command<string> {
  constructor(
    readonly input: Omit<RecordFindingInput, 'idempotencyKey'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RecordFindingCommand)
export class RecordFindingHandler implements ICommandHandler<RecordFindingCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly units: UnitsReadModel,
  ) {}

  async execute({ input, context }: RecordFindingCommand): Promise<string> {
    const findingId = deterministicId('finding', context.commandId);
    const evaluation = await this.executor.load(evaluationStream(input.evaluationId), evaluationDecider);
    const concernedUnitIds = input.concernedUnitIds ?? [];
    const today = officeDate(context.now);
    await this.executor.execute(
      findingStream(findingId),
      findingDecider,
      {
        type: 'RecordFinding',
        today,
        data: { findingId, ...input, concernedUnitIds, identifiedOn: input.identifiedOn ?? today, measures: input.measures?.trim() ?? '' },
        evaluationExists: evaluation.status === 'registered',
        evaluationReceivedOn: evaluation.status === 'registered' ? evaluation.receivedOn : undefined,
        unknownUnitIds: this.units.unknownIds(concernedUnitIds),
      },
      context,
    );
    return findingId;
  }
}
