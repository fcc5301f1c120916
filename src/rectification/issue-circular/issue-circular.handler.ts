import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '../../event-sourcing/command-executor.js';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import { officeDate } from '../../shared/calendar-date.js';
import { CommandContext } from '../../shared/command-context.js';
import { deterministicId } from '../../shared/ids.js';
import { circularDecider } from '../domain/circular.decider.js';
import { circularStream, type CircularReference } from '../domain/circular.events.js';
import { findingDecider } from '../domain/finding.decider.js';
import { findingStream } from '../domain/finding.events.js';
import { workPlanItemDecider } from '../../work-plan/domain/work-plan-item.decider.js';
import { workPlanItemStream } from '../../work-plan/domain/work-plan.events.js';
import type { IssueCircularInput } from './issue-circular.input.js';

/** Issues a circular commending or criticising a unit; returns the new circular's id. */
export class IssueCircularCommand extends Command<string> {
  constructor(
    readonly input: Omit<IssueCircularInput, 'idempotencyKey'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(IssueCircularCommand)
export class IssueCircularHandler implements ICommandHandler<IssueCircularCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly units: UnitsReadModel,
  ) {}

  async execute({ input, context }: IssueCircularCommand): Promise<string> {
    const circularId = deterministicId('circular', context.commandId);
    const references = input.references.map(({ kind, id }): CircularReference => ({ kind, id }));
    const found = await Promise.all(references.map((reference) => this.exists(reference)));
    await this.executor.execute(
      circularStream(circularId),
      circularDecider,
      {
        type: 'IssueCircular',
        actor: context.actor,
        circularId,
        ...input,
        references,
        today: officeDate(context.now),
        unitExists: this.units.get(input.unitId) !== undefined,
        unknownReferences: references.filter((_, index) => !found[index]),
      },
      context,
    );
    return circularId;
  }

  private async exists(reference: CircularReference): Promise<boolean> {
    switch (reference.kind) {
      case 'FINDING':
        return (await this.executor.load(findingStream(reference.id), findingDecider)).status !== 'unrecorded';
      case 'WORK_PLAN_ITEM':
        return (await this.executor.load(workPlanItemStream(reference.id), workPlanItemDecider)).status !== 'empty';
    }
  }
}
