import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '../../event-sourcing/command-executor.js';
import { withDueDateLimit, withUnitNames, type DueDateLimit } from '../../assignments/domain/assignment.commands.js';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import type { CommandContext } from '../../shared/command-context.js';
import { WorkPlanLedger } from '../breakdown/work-plan-ledger.js';
import { dueDateLimitOf, planApproval } from '../domain/work-plan.decider.js';
import { workPlanItemDecider, type DefineWorkPlanItem, type WorkPlanItemCommand } from '../domain/work-plan-item.decider.js';
import { workPlanItemStream, type WorkPlanItemDefined } from '../domain/work-plan.events.js';
import type { TimelineEntry } from '../../assignments/read-model/timeline.js';
import { say } from '../../shared/domain-error.js';

/**
 * Any step of an item's life after it was defined; returns the item's id. `checkOnly`: decided as it would be, nothing
 * appended — the refusal thrown as the command's would be (`workPlanItemRetractionCheck`, breaker52-8 M1).
 */
export class ActOnWorkPlanItemCommand extends Command<string> {
  constructor(
    readonly itemId: string,
    readonly command: Exclude<WorkPlanItemCommand, DefineWorkPlanItem>,
    readonly context: CommandContext,
    readonly checkOnly = false,
  ) {
    super();
  }
}

@CommandHandler(ActOnWorkPlanItemCommand)
export class ActOnWorkPlanItemHandler implements ICommandHandler<ActOnWorkPlanItemCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly ledger: WorkPlanLedger,
    private readonly units: UnitsReadModel,
  ) {}

  async execute({ itemId, command, context, checkOnly }: ActOnWorkPlanItemCommand): Promise<string> {
    const looked = withUnitNames(withDueDateLimit(await this.withVersionsAfter(itemId, await this.withListingDay(itemId, this.withPlanApproval(itemId, command))), this.dueDateLimitOf(itemId)), this.units);
    if (checkOnly) {
      await this.executor.decideOnly(workPlanItemStream(itemId), workPlanItemDecider, looked, context, { reuseFold: true });
      return itemId;
    }
    // The item's fold is kept between commands (breaker12f P4): a 各单位 item gathers every unit's facts on one stream.
    await this.executor.execute(workPlanItemStream(itemId), workPlanItemDecider, looked, context, { reuseFold: true });
    return itemId;
  }

  /** A revision (its day, its new due date), a withdrawal and a corrected assignment day are not dated before the plan's approval. */
  private withPlanApproval<Act extends ActOnWorkPlanItemCommand['command']>(itemId: string, command: Act): Act {
    if (command.type !== 'ReviseWorkPlanItem' && command.type !== 'WithdrawWorkPlanItem' && command.type !== 'CorrectWorkPlanItemWithdrawal' && command.type !== 'CorrectFactDate') return command;
    const planId = this.ledger.item(itemId)?.planId;
    const planApprovedOn = planId === undefined ? undefined : this.ledger.plan(planId)?.approvedOn;
    if (planApprovedOn === undefined) return command;
    return command.type === 'CorrectFactDate' ? { ...command, assignedFrom: planApproval(planApprovedOn) } : { ...command, planApprovedOn };
  }

  /**
   * A corrected assignment day (交办日期) not before the day the plan took the item in (breaker8u P14): an item added after the
   * plan's approval (addWorkPlanItem, a revision) was listed on its units' first 交办 (`datedDefinition`), and a part of it
   * assigned before that day would exist before its item — and pass over a hand-over or merge of days the item was not in the
   * plan. `assignedFrom` is then that listing day (BAD_USER_INPUT 「更正后的交办日期（…）早于事项 N 列入工作方案的日期（…）」); an
   * item imported with the plan was listed on its approval day, which `withPlanApproval` gives already. One read of the
   * events recorded with the item's definition, only for that correction.
   */
  private async withListingDay<Act extends ActOnWorkPlanItemCommand['command']>(itemId: string, command: Act): Promise<Act> {
    if (command.type !== 'CorrectFactDate' || command.factType !== 'UnitAssigned') return command;
    const [defined] = await this.ledger.timelineSlice(itemId, 0, 1);
    if (defined?.type !== 'WorkPlanItemDefined') return command;
    const listedOn = defined.occurredOn;
    if (command.assignedFrom !== undefined && listedOn <= command.assignedFrom.day) return command;
    const { code } = (defined as TimelineEntry<WorkPlanItemDefined>).data;
    return { ...command, assignedFrom: { day: listedOn, what: say(`the day item ${code} was listed in the plan`, `事项 ${code} 列入工作方案的日期`) } };
  }

  /**
   * A withdrawal with the first version of the plan's file dated after it that lists the item (`listedAgain`, breaker11o P3),
   * and a withdrawal or its correction with the versions that leave the item out (`versionsLeavingOut`, breaker11q P8):
   * one read of the plan's stream (a handful of events), only for those commands.
   */
  private async withVersionsAfter<Act extends ActOnWorkPlanItemCommand['command']>(itemId: string, command: Act): Promise<Act> {
    if (command.type !== 'WithdrawWorkPlanItem' && command.type !== 'CorrectWorkPlanItemWithdrawal') return command;
    const versions = await this.ledger.fileVersions(itemId);
    const leavingOut = versions.filter((version) => !version.listsItem).map(({ on, reason }) => ({ on, reason }));
    const withLeavingOut = leavingOut.length > 0 ? { ...command, versionsLeavingOut: leavingOut } : command;
    if (command.type !== 'WithdrawWorkPlanItem' || typeof command.withdrawnOn !== 'string') return withLeavingOut;
    const first = versions.find((version) => version.listsItem && version.on > command.withdrawnOn);
    return first ? { ...withLeavingOut, listedAgain: { on: first.on, reason: first.reason } } : withLeavingOut;
  }

  /** An item's due dates stay within its plan's period. */
  private dueDateLimitOf(itemId: string): DueDateLimit | null {
    const planId = this.ledger.item(itemId)?.planId;
    const plan = planId === undefined ? undefined : this.ledger.plan(planId);
    return plan ? dueDateLimitOf(plan) : null;
  }
}
