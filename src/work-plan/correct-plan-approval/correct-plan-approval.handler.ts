import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '../../event-sourcing/command-executor.js';
import { officeDate } from '../../shared/calendar-date.js';
import type { CommandContext } from '../../shared/command-context.js';
import { notFound } from '../../shared/domain-error.js';
import { WorkPlanLedger } from '../breakdown/work-plan-ledger.js';
import { workPlanDecider, type CorrectPlanApproval } from '../domain/work-plan.decider.js';
import { workPlanStream } from '../domain/work-plan.events.js';

/** Corrects the day a plan was approved, with a reason; returns the plan's id. */
export class CorrectPlanApprovalCommand extends Command<string> {
  constructor(
    readonly planId: string,
    /** `YYYY-MM-DD`: not in the future, not after any of its items' assignments or due dates. */
    readonly approvedOn: string,
    readonly reason: string,
    readonly context: CommandContext,
    /** The approval day as the form showed it (`YYYY-MM-DD`); undefined: not checked (see CorrectPlanApproval.expectedApprovedOn). */
    readonly expectedApprovedOn?: string,
  ) {
    super();
  }
}

@CommandHandler(CorrectPlanApprovalCommand)
export class CorrectPlanApprovalHandler implements ICommandHandler<CorrectPlanApprovalCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly ledger: WorkPlanLedger,
  ) {}

  async execute({ planId, approvedOn, reason, context, expectedApprovedOn }: CorrectPlanApprovalCommand): Promise<string> {
    const plan = this.ledger.plan(planId);
    if (!plan) throw notFound('Work plan', planId);
    // What the plan's items hold the day to: read from the ledger (one plan's items; rare).
    let earliestAssignedOn: string | null = null;
    let earliestDueDate: string | null = null;
    for (const itemId of plan.categories.flatMap((category) => category.itemIds)) {
      const item = this.ledger.item(itemId);
      if (!item) continue;
      if (earliestDueDate === null || item.dueDate < earliestDueDate) earliestDueDate = item.dueDate;
      for (const part of item.parts.values()) if (earliestAssignedOn === null || part.assignedOn < earliestAssignedOn) earliestAssignedOn = part.assignedOn;
    }
    const command: CorrectPlanApproval = {
      type: 'CorrectPlanApproval',
      actor: context.actor,
      today: officeDate(context.now),
      approvedOn,
      ...(expectedApprovedOn === undefined ? {} : { expectedApprovedOn }),
      reason,
      earliestAssignedOn,
      earliestDueDate,
    };
    await this.executor.execute(workPlanStream(planId), workPlanDecider, command, context);
    return planId;
  }
}
