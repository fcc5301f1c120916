import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { CorrectFactDate } from '../../assignments/domain/assignment.commands.js';
import { batchCommand, checkBatch, contextInBatch, executeBatch, type BatchCommand } from '../../event-sourcing/command-batch.js';
import { ProjectionEngine } from '../../event-sourcing/projection-engine.js';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port.js';
import { officeDate } from '../../shared/calendar-date.js';
import type { CommandContext } from '../../shared/command-context.js';
import { DomainError, notFound, say } from '../../shared/domain-error.js';
import { EventSchemaRegistry } from '../../shared/event-schemas.js';
import { WorkPlanLedger } from '../breakdown/work-plan-ledger.js';
import { planApproval, workPlanDecider, type CorrectPlanApproval, type CorrectPlanImportDate } from '../domain/work-plan.decider.js';
import { workPlanItemDecider } from '../domain/work-plan-item.decider.js';
import { workPlanItemStream, workPlanStream } from '../domain/work-plan.events.js';

/** What the supervisor sends (`correctWorkPlanImportDate`): the day the import's items read as assigned, the right day, why. `YYYY-MM-DD`. */
export interface PlanImportDateCorrection {
  readonly planId: string;
  /** The day the import assigned the items, as the form read it. */
  readonly previousAssignedOn: string;
  readonly assignedOn: string;
  /** The plan's right approval day, when it was entered wrong too (typically both defaulted to the day of the import); absent: kept. */
  readonly approvedOn?: string;
  /** The approval day as the form showed it, checked when `approvedOn` corrects it (CorrectPlanApproval.expectedApprovedOn); absent: not checked. */
  readonly expectedApprovedOn?: string;
  readonly reason: string;
}

/** What the correction re-dated: the plan, and the items whose parts it moved (in the plan's order). */
export interface PlanImportDateCorrected {
  readonly planId: string;
  readonly itemIds: readonly string[];
  /** How many parts (one unit's share of an item) now read as assigned on the corrected day. */
  readonly partCount: number;
}

/**
 * newcomer36 S14: a plan imported with a wrong day — its items assigned (交办) on the day of the import, `--assigned-on` left out,
 * and perhaps its approval too — corrected as one request, with one reason: `WorkPlanImportDateCorrected` on the plan's stream
 * (the act, naming both days and the items) and, in every item of the plan, a `FactDateCorrected` of each part assigned on
 * `previousAssignedOn` (the part's own correction, which every view reads); first `WorkPlanApprovalCorrected` when `approvedOn` is
 * given and differs. All or nothing: every command is checked before any is appended, and a refusal names the item it is about
 * (a report dated before the corrected assignment day …). The original days stay in the events; nothing is rewritten.
 * Parts a revision took off (their history) and parts assigned on another day (added later) keep their days.
 */
export class CorrectPlanImportDateCommand extends Command<PlanImportDateCorrected> {
  constructor(
    readonly correction: PlanImportDateCorrection,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(CorrectPlanImportDateCommand)
export class CorrectPlanImportDateHandler implements ICommandHandler<CorrectPlanImportDateCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly schemas: EventSchemaRegistry,
    private readonly projections: ProjectionEngine,
    private readonly ledger: WorkPlanLedger,
  ) {}

  async execute({ correction, context }: CorrectPlanImportDateCommand): Promise<PlanImportDateCorrected> {
    const plan = this.ledger.plan(correction.planId);
    if (!plan) throw notFound('Work plan', correction.planId, 'planId');
    const today = officeDate(context.now);
    const items = plan.categories.flatMap((category) => category.itemIds).flatMap((itemId) => this.ledger.item(itemId) ?? []);
    /** Per item, the units whose part the import assigned on the day to correct. */
    const moved = items
      .map((item) => ({ item, unitIds: [...item.parts.values()].filter((part) => part.assignedOn === correction.previousAssignedOn).map((part) => part.unitId) }))
      .filter(({ unitIds }) => unitIds.length > 0);
    const approvedOn = correction.approvedOn ?? plan.approvedOn;
    const commands: BatchCommand[] = [];
    if (correction.approvedOn !== undefined && correction.approvedOn !== plan.approvedOn) {
      // What the items hold the approval day to, with the corrected assignment days (both may move later together).
      const assignedDays = items.flatMap((item) => [...item.parts.values()].map((part) => (part.assignedOn === correction.previousAssignedOn ? correction.assignedOn : part.assignedOn)));
      const approval: CorrectPlanApproval = {
        type: 'CorrectPlanApproval',
        actor: context.actor,
        today,
        approvedOn: correction.approvedOn,
        ...(correction.expectedApprovedOn === undefined ? {} : { expectedApprovedOn: correction.expectedApprovedOn }),
        reason: correction.reason,
        earliestAssignedOn: assignedDays.length === 0 ? null : assignedDays.reduce((earliest, day) => (day < earliest ? day : earliest)),
        earliestDueDate: items.length === 0 ? null : items.map((item) => item.dueDate).reduce((earliest, day) => (day < earliest ? day : earliest)),
      };
      commands.push(batchCommand(null, workPlanStream(plan.planId), workPlanDecider, approval, contextInBatch(context, 'CorrectWorkPlanApproval', `${context.commandId}:approval`)));
    }
    const act: CorrectPlanImportDate = {
      type: 'CorrectPlanImportDate',
      actor: context.actor,
      today,
      previousAssignedOn: correction.previousAssignedOn,
      assignedOn: correction.assignedOn,
      reason: correction.reason,
      itemIds: moved.map(({ item }) => item.itemId),
      ...(correction.approvedOn === undefined ? {} : { approvedOn: correction.approvedOn }),
    };
    commands.push(batchCommand(null, workPlanStream(plan.planId), workPlanDecider, act, contextInBatch(context, 'CorrectWorkPlanImportDate', `${context.commandId}:plan`)));
    for (const { item, unitIds } of moved) {
      for (const unitId of unitIds) {
        const part: CorrectFactDate = {
          type: 'CorrectFactDate',
          actor: context.actor,
          today,
          unitId,
          factType: 'UnitAssigned',
          previousOn: correction.previousAssignedOn,
          on: correction.assignedOn,
          reason: correction.reason,
          assignedFrom: planApproval(approvedOn),
        };
        const streamId = workPlanItemStream(item.itemId);
        commands.push(batchCommand(null, streamId, workPlanItemDecider, part, contextInBatch(context, 'CorrectWorkPlanItemRecordDate', `${context.commandId}:${streamId}:${unitId}`)));
      }
    }
    const refusals = await checkBatch(this.store, this.schemas, commands);
    if (refusals.length > 0) throw this.namingItsItem(refusals[0]!.error, refusals[0]!.streamId);
    const batch = await executeBatch(this.store, this.schemas, commands);
    if (batch.position) await this.projections.waitFor(batch.position);
    return { planId: plan.planId, itemIds: moved.map(({ item }) => item.itemId), partCount: moved.reduce((sum, { unitIds }) => sum + unitIds.length, 0) };
  }

  /** A part's refusal prefixed with the work-plan item it is about (as a merge-date correction's). */
  private namingItsItem(error: DomainError, streamId: string): DomainError {
    const itemId = streamId.startsWith(workPlanItemStream('')) ? streamId.slice(workPlanItemStream('').length) : undefined;
    const item = itemId === undefined ? undefined : this.ledger.item(itemId);
    if (!item) return error;
    return new DomainError(error.code, say(`Work-plan item ${item.code} 「${item.title}」: ${error.message}`, `工作事项 ${item.code}「${item.title}」：${error.messageZh}`), { ...error.details, itemId: item.itemId });
  }
}
