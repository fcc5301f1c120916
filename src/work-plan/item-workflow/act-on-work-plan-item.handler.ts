import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '../../event-sourcing/command-executor.js';
import type { CommandContext } from '../../shared/command-context.js';
import { workPlanItemDecider, type DefineWorkPlanItem, type WorkPlanItemCommand } from '../domain/work-plan-item.decider.js';
import { workPlanItemStream } from '../domain/work-plan.events.js';

/** Any step of an item's life after it was defined; returns the item's id. */
export class ActOnWorkPlanItemCommand extends Command<string> {
  constructor(
    readonly itemId: string,
    readonly command: Exclude<WorkPlanItemCommand, DefineWorkPlanItem>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ActOnWorkPlanItemCommand)
export class ActOnWorkPlanItemHandler implements ICommandHandler<ActOnWorkPlanItemCommand> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ itemId, command, context }: ActOnWorkPlanItemCommand): Promise<string> {
    await this.executor.execute(workPlanItemStream(itemId), workPlanItemDecider, command, context);
    return itemId;
  }
}
