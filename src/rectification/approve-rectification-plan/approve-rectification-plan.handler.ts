import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '../../event-sourcing/command-executor.js';
import { officeDate } from '../../shared/calendar-date.js';
import { CommandContext } from '../../shared/command-context.js';
import { deterministicId } from '../../shared/ids.js';
import { evaluationDecider } from '../domain/evaluation.decider.js';
import { evaluationStream } from '../domain/evaluation.events.js';
import { rectificationPlanDecider } from '../domain/rectification-plan.decider.js';
import { rectificationPlanStream } from '../domain/rectification-plan.events.js';
import type { ApproveRectificationPlanInput } from './approve-rectification-plan.input.js';

/** Records the approved rectification plan of an evaluation; returns the evaluation's id. */
export class ApproveRectificationPlanCommand extends Command<string> {
  constructor(
    readonly input: Omit<ApproveRectificationPlanInput, 'idempotencyKey'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ApproveRectificationPlanCommand)
export class ApproveRectificationPlanHandler implements ICommandHandler<ApproveRectificationPlanCommand> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ input, context }: ApproveRectificationPlanCommand): Promise<string> {
    const planId = deterministicId('rectification-plan', input.evaluationId, context.commandId);
    const evaluation = await this.executor.load(evaluationStream(input.evaluationId), evaluationDecider);
    await this.executor.execute(
      rectificationPlanStream(input.evaluationId),
      rectificationPlanDecider,
      {
        type: 'ApproveRectificationPlan',
        actor: context.actor,
        planId,
        ...input,
        today: officeDate(context.now),
        evaluationExists: evaluation.status === 'registered',
        evaluationReceivedOn: evaluation.status === 'registered' ? evaluation.receivedOn : undefined,
      },
      context,
    );
    return input.evaluationId;
  }
}
