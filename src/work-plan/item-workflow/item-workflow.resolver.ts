import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { AllowRoles } from '../../access/authorization/access-policy.js';
import { PART_INPUT_DEFAULTS, businessTime, overrideOf, partCommands } from '../../assignments/graphql/part-commands.js';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import type { CommandContext } from '../../shared/command-context.js';
import { CommandContextFactory } from '../../shared/command-context.factory.js';
import { CurrentRequester, type Requester } from '../../shared/graphql/requester.js';
import { priced } from '../../shared/graphql/query-cost.js';
import { CHECKED_REASON, RETRACTION_CHECK_COST, RetractionRefusalType, checkKey, refusalOf } from '../../assignments/graphql/retraction-check.js';
import type { DefineWorkPlanItem, ReviseWorkPlanItem, WorkPlanItemCommand } from '../domain/work-plan-item.decider.js';
import { WorkPlanItemType } from '../breakdown/work-plan.types.js';
import { GetWorkPlanItemQuery } from '../breakdown/work-plan.queries.js';
import { ActOnWorkPlanItemCommand } from './act-on-work-plan-item.handler.js';
import { say } from '../../shared/domain-error.js';
import {
  CorrectWorkPlanItemInspectionInput,
  CorrectWorkPlanItemRecordDateInput,
  RetractWorkPlanItemRecordInput,
  WorkPlanItemRetractionCheckInput,
  CorrectWorkPlanItemReportDateInput,
  DecideWorkPlanItemExtensionInput,
  LogWorkPlanItemInspectionInput,
  ReopenWorkPlanItemInput,
  ReportWorkPlanItemInput,
  RequestWorkPlanItemExtensionInput,
  WithdrawWorkPlanItemExtensionRequestInput,
  SendBackWorkPlanItemReportInput,
  UrgeWorkPlanItemUnitInput,
  WithdrawWorkPlanItemInput,
  UndoWorkPlanItemWithdrawalInput,
  CorrectWorkPlanItemWithdrawalInput,
  RescheduleWorkPlanItemInput,
  AddWorkPlanItemUnitInput,
  RemoveWorkPlanItemUnitInput,
  AddWorkPlanItemInput,
} from './item-workflow.inputs.js';
import { AddWorkPlanItemCommand } from '../revise-plan/add-work-plan-item.handler.js';

/** A work-plan item lives the same lifecycle as a finding: the same steps, the same rules. */
@Resolver(() => WorkPlanItemType)
export class WorkPlanItemWorkflowResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
    private readonly units: UnitsReadModel,
  ) {}

  @AllowRoles('UNIT', 'SUPERVISOR')
  @Mutation(() => WorkPlanItemType, { description: 'A unit asks for a later due date for its part of an item; a supervisor may enter a unit’s paper request on its behalf (代录, enteredBy).' })
  requestWorkPlanItemExtension(@Args('input') input: RequestWorkPlanItemExtensionInput, @CurrentRequester() requester: Requester) {
    return this.act(requester, 'RequestWorkPlanItemExtension', input, (issued) => partCommands.requestExtension(input, issued));
  }

  @AllowRoles('UNIT')
  @Mutation(() => WorkPlanItemType, { description: '撤回延期申请 on an item part: a unit takes back its own pending extension request (see withdrawExtensionRequest).' })
  withdrawWorkPlanItemExtensionRequest(@Args('input') input: WithdrawWorkPlanItemExtensionRequestInput, @CurrentRequester() requester: Requester) {
    return this.act(requester, 'WithdrawWorkPlanItemExtensionRequest', input, (issued) => partCommands.withdrawExtensionRequest(input, issued));
  }

  @AllowRoles('SUPERVISOR')
  @Mutation(() => WorkPlanItemType, { description: 'A supervisor approves or refuses a pending extension of an item part (see decideExtension: decided once).' })
  decideWorkPlanItemExtension(@Args('input') input: DecideWorkPlanItemExtensionInput, @CurrentRequester() requester: Requester) {
    return this.act(requester, 'DecideWorkPlanItemExtension', input, (issued) => partCommands.decideExtension(input, issued));
  }

  @AllowRoles('SUPERVISOR')
  @Mutation(() => WorkPlanItemType, { description: '催办 on an item part.' })
  urgeWorkPlanItemUnit(@Args('input') input: UrgeWorkPlanItemUnitInput, @CurrentRequester() requester: Requester) {
    return this.act(requester, 'UrgeWorkPlanItemUnit', input, (issued) => partCommands.urge(input, issued));
  }

  @AllowRoles('UNIT', 'SUPERVISOR')
  @Mutation(() => WorkPlanItemType, {
    description: 'A unit reports its part of an item done, with evidence; a supervisor may enter a unit’s paper report on its behalf (代录, enteredBy).',
  })
  reportWorkPlanItem(@Args('input') input: ReportWorkPlanItemInput, @CurrentRequester() requester: Requester) {
    return this.act(requester, 'ReportWorkPlanItem', input, (issued) => partCommands.report(input, issued));
  }

  @AllowRoles('SUPERVISOR')
  @Mutation(() => WorkPlanItemType, { description: '退办 of an item part’s report, before inspection.' })
  sendBackWorkPlanItemReport(@Args('input') input: SendBackWorkPlanItemReportInput, @CurrentRequester() requester: Requester) {
    return this.act(requester, 'SendBackWorkPlanItemReport', input, (issued) => partCommands.sendBack(input, issued));
  }

  @AllowRoles('INSPECTOR', 'SUPERVISOR')
  @Mutation(() => WorkPlanItemType, { description: 'Verify (PASSED) or return (FAILED) an item part; the last pass completes the item.' })
  logWorkPlanItemInspection(@Args('input') input: LogWorkPlanItemInspectionInput, @CurrentRequester() requester: Requester) {
    return this.act(requester, 'LogWorkPlanItemInspection', input, (issued) => partCommands.inspect(input, issued));
  }

  @AllowRoles('SUPERVISOR')
  @Mutation(() => WorkPlanItemType, {
    description: 'A supervisor corrects the day of an item part’s last report, entered by mistake, with a reason: a new event; the history keeps both.',
  })
  correctWorkPlanItemReportDate(@Args('input') input: CorrectWorkPlanItemReportDateInput, @CurrentRequester() requester: Requester) {
    return this.act(requester, 'CorrectWorkPlanItemReportDate', input, (issued) => partCommands.correctReportDate(input, issued));
  }

  @AllowRoles('SUPERVISOR')
  @Mutation(() => WorkPlanItemType, {
    description:
      'A supervisor corrects an item part’s last inspection — its day and/or outcome — entered by mistake, with a reason: a new event; the history keeps both, and the item completes or reopens accordingly.',
  })
  correctWorkPlanItemInspection(@Args('input') input: CorrectWorkPlanItemInspectionInput, @CurrentRequester() requester: Requester) {
    return this.act(requester, 'CorrectWorkPlanItemInspection', input, (issued) => partCommands.correctInspection(input, issued));
  }

  @AllowRoles('SUPERVISOR')
  @Mutation(() => WorkPlanItemType, {
    description:
      'A supervisor corrects the office day of one dated record of an item part — its assignment, any report, a send-back, an urging, an extension request, its decision or its withdrawal (撤回延期申请) — entered by mistake, with a reason (see correctRecordDate).',
  })
  correctWorkPlanItemRecordDate(@Args('input') input: CorrectWorkPlanItemRecordDateInput, @CurrentRequester() requester: Requester) {
    return this.act(requester, 'CorrectWorkPlanItemRecordDate', input, (issued) => partCommands.correctRecordDate(input, issued));
  }

  @AllowRoles('SUPERVISOR')
  @Mutation(() => WorkPlanItemType, {
    description:
      '撤销误录: a supervisor retracts one record of a part entered by mistake — a report, a send-back (退办), an urging (催办), an inspection (督查, either outcome) or a reopening (重新打开) typed on the wrong item, unit or day — with a reason: a new event (RecordRetracted) on the office day it is entered; every view known after it reads the item as if the record had never been entered, on every day (a reopening retracted: closed again as its parts stand), views known before it as it was, and the history keeps the record marked 已撤销 with the reason, who and when. NOT_FOUND when no such record reads `on` now (corrected or retracted meanwhile); CONFLICT, nothing written, when a later record would no longer hold without it (an inspection that checked the report, a reopening of the close-out the pass made, a re-report answering the reopening), naming it to retract or correct first.',
  })
  retractWorkPlanItemRecord(@Args('input') input: RetractWorkPlanItemRecordInput, @CurrentRequester() requester: Requester) {
    return this.act(requester, 'RetractWorkPlanItemRecord', input, (issued) => partCommands.retractRecord(input, issued));
  }

  @AllowRoles('SUPERVISOR')
  @priced({ read: RETRACTION_CHECK_COST })
  @Query(() => RetractionRefusalType, {
    nullable: true,
    description:
      '撤销此记录, asked before confirming: what retractWorkPlanItemRecord would answer for this record now, appending nothing — null when it would be accepted, else its refusal (code, message, messageZh): NOT_FOUND when no such record reads `on` now, CONFLICT naming the later record to retract or correct first. The same decision as retractWorkPlanItemRecord (same roles: supervisors), run on the work-plan item\u2019s records as they stand; a record retracted meanwhile is judged then.',
  })
  workPlanItemRetractionCheck(@Args('input') input: WorkPlanItemRetractionCheckInput, @CurrentRequester() requester: Requester): Promise<RetractionRefusalType | null> {
    const request = { ...input, idempotencyKey: checkKey(), reason: CHECKED_REASON };
    const context = this.contexts.create(requester, 'RetractWorkPlanItemRecord', request, PART_INPUT_DEFAULTS);
    return refusalOf(() => this.commands.execute(new ActOnWorkPlanItemCommand(input.itemId, partCommands.retractRecord(request, context), context, true)));
  }

  @AllowRoles('SUPERVISOR')
  @Mutation(() => WorkPlanItemType, { description: 'Reopen a completed item: every part must be reported and inspected again.' })
  reopenWorkPlanItem(@Args('input') input: ReopenWorkPlanItemInput, @CurrentRequester() requester: Requester) {
    return this.act(requester, 'ReopenWorkPlanItem', input, (issued) => ({ ...partCommands.reopen(input, issued), type: 'ReopenWorkPlanItem' }));
  }

  @AllowRoles('SUPERVISOR')
  @Mutation(() => WorkPlanItemType, { description: 'Plan revision: take the item out of the plan, with a reason. It stays as a record, in no progress.' })
  withdrawWorkPlanItem(@Args('input') input: WithdrawWorkPlanItemInput, @CurrentRequester() requester: Requester) {
    return this.act(requester, 'WithdrawWorkPlanItem', input, ({ actor, now }) => {
      const { today, day } = businessTime(now, input.withdrawnOn);
      return { type: 'WithdrawWorkPlanItem', actor, today, withdrawnOn: day, reason: input.reason };
    });
  }

  @AllowRoles('SUPERVISOR')
  @Mutation(() => WorkPlanItemType, {
    description: 'A supervisor takes back a withdrawal entered by mistake, with a reason: the item is back in the plan on every day, its parts as they stand (see undoFindingWithdrawal).',
  })
  undoWorkPlanItemWithdrawal(@Args('input') input: UndoWorkPlanItemWithdrawalInput, @CurrentRequester() requester: Requester) {
    return this.act(requester, 'UndoWorkPlanItemWithdrawal', input, ({ actor, now }) => ({
      type: 'CorrectWorkPlanItemWithdrawal',
      actor,
      today: businessTime(now, undefined).today,
      reason: input.reason,
      ...(input.expectedWithdrawnOn == null ? {} : { expectedWithdrawnOn: input.expectedWithdrawnOn }),
    }));
  }

  @AllowRoles('SUPERVISOR')
  @Mutation(() => WorkPlanItemType, { description: 'A supervisor corrects the day of an item’s withdrawal entered on the wrong day, with a reason (see correctFindingWithdrawal).' })
  correctWorkPlanItemWithdrawal(@Args('input') input: CorrectWorkPlanItemWithdrawalInput, @CurrentRequester() requester: Requester) {
    return this.act(requester, 'CorrectWorkPlanItemWithdrawal', input, ({ actor, now }) => {
      const { today, day } = businessTime(now, input.withdrawnOn);
      return { type: 'CorrectWorkPlanItemWithdrawal', actor, today, withdrawnOn: day, reason: input.reason, ...(input.expectedWithdrawnOn == null ? {} : { expectedWithdrawnOn: input.expectedWithdrawnOn }) };
    });
  }

  @AllowRoles('SUPERVISOR')
  @Mutation(() => WorkPlanItemType, { description: 'Plan revision: a new due date for the item; its open parts due on the old one move with it.' })
  rescheduleWorkPlanItem(@Args('input') input: RescheduleWorkPlanItemInput, @CurrentRequester() requester: Requester) {
    return this.act(requester, 'RescheduleWorkPlanItem', input, (issued) => ({
      ...this.revision(input, input.rescheduledOn, issued),
      revisedOnNamed: say('the day of the re-dating (rescheduledOn)', '“调整日期”'),
      dueDate: input.dueDate,
      ...(input.expectedDueDate == null ? {} : { expectedDueDate: input.expectedDueDate }),
      ...overrideOf(input),
    }));
  }

  @AllowRoles('SUPERVISOR')
  @Mutation(() => WorkPlanItemType, { description: 'Plan revision: give a unit a part of the item, due on the item’s due date.' })
  addWorkPlanItemUnit(@Args('input') input: AddWorkPlanItemUnitInput, @CurrentRequester() requester: Requester) {
    return this.act(requester, 'AddWorkPlanItemUnit', input, (issued) => ({
      ...this.revision(input, input.assignedOn, issued),
      addUnits: [{ unitId: input.unitId, role: input.role ?? 'RESPONSIBLE' }],
      unknownUnitIds: this.units.unknownIds([input.unitId]),
      ...(input.replacesLead ? { replacesLead: true as const } : {}),
      ...(input.replacesLead && input.expectedLeadUnitId != null ? { expectedLeadUnitId: input.expectedLeadUnitId } : {}),
    }));
  }

  @AllowRoles('SUPERVISOR')
  @Mutation(() => WorkPlanItemType, { description: 'Plan revision: take a unit’s part off the item (not its lead); history keeps what it did.' })
  removeWorkPlanItemUnit(@Args('input') input: RemoveWorkPlanItemUnitInput, @CurrentRequester() requester: Requester) {
    return this.act(requester, 'RemoveWorkPlanItemUnit', input, (issued) => ({
      ...this.revision(input, input.unassignedOn, issued),
      removeUnitIds: [input.unitId],
    }));
  }

  @AllowRoles('SUPERVISOR')
  @Mutation(() => WorkPlanItemType, {
    description:
      'Plan revision: add one item to an imported plan (in an existing category, or a new one with categoryTitle), assigned to its lead and responsible units, due on dueDate. The plan keeps its file; the outline and the item are written together.',
  })
  async addWorkPlanItem(@Args('input') input: AddWorkPlanItemInput, @CurrentRequester() requester: Requester) {
    const context = this.contexts.create(requester, 'AddWorkPlanItem', input, { description: '', measures: '', responsibleUnitIds: [] });
    const itemId = await this.commands.execute(
      new AddWorkPlanItemCommand(
        {
          planId: input.planId,
          categoryCode: input.categoryCode,
          categoryTitle: input.categoryTitle,
          code: input.code,
          title: input.title,
          description: input.description ?? '',
          measures: input.measures ?? '',
          leadUnitId: input.leadUnitId,
          responsibleUnitIds: input.responsibleUnitIds ?? [],
          dueDate: input.dueDate,
          ...overrideOf(input),
          reason: input.reason,
          ...(input.assignedOn == null ? {} : { assignedOn: input.assignedOn }),
        },
        context,
      ),
    );
    return this.queries.execute(new GetWorkPlanItemQuery(itemId));
  }

  /** A plan change on the office day given (`YYYY-MM-DD`), today when omitted. */
  private revision(input: { reason: string }, revisedOn: string | undefined, { actor, now }: CommandContext): ReviseWorkPlanItem {
    const { today, day } = businessTime(now, revisedOn);
    return { type: 'ReviseWorkPlanItem', actor, today, revisedOn: day, reason: input.reason };
  }

  private async act(
    requester: Requester,
    commandType: string,
    input: { idempotencyKey: string; itemId: string },
    toCommand: (issued: CommandContext) => Exclude<WorkPlanItemCommand, DefineWorkPlanItem>,
  ) {
    const context = this.contexts.create(requester, commandType, input, PART_INPUT_DEFAULTS);
    await this.commands.execute(new ActOnWorkPlanItemCommand(input.itemId, toCommand(context), context));
    return this.queries.execute(new GetWorkPlanItemQuery(input.itemId));
  }
}
