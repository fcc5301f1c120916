import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { AllowRoles } from '../../access/authorization/access-policy.js';
import { PART_INPUT_DEFAULTS, businessTime, overrideOf, partCommands } from '../../assignments/graphql/part-commands.js';
import type { CommandContext } from '../../shared/command-context.js';
import { CommandContextFactory } from '../../shared/command-context.factory.js';
import { CurrentRequester, type Requester } from '../../shared/graphql/requester.js';
import { priced } from '../../shared/graphql/query-cost.js';
import { CHECKED_REASON, RETRACTION_CHECK_COST, RetractionRefusalType, checkKey, refusalOf } from '../../assignments/graphql/retraction-check.js';
import { FindingType } from '../evaluations/evaluation.types.js';
import { GetFindingQuery } from '../evaluations/evaluations.queries.js';
import { ActOnFindingCommand, type FindingWorkflowCommand } from './act-on-finding.handler.js';
import {
  AssignFindingInput,
  CorrectInspectionInput,
  CorrectRecordDateInput,
  RetractRecordInput,
  RetractionCheckInput,
  CorrectReportDateInput,
  CorrectFindingWithdrawalInput,
  CorrectFindingIdentifiedOnInput,
  DecideExtensionInput,
  LogInspectionInput,
  ReopenFindingInput,
  ReportRectificationInput,
  RequestExtensionInput,
  WithdrawExtensionRequestInput,
  SendBackReportInput,
  UndoFindingWithdrawalInput,
  UrgeUnitInput,
  WithdrawFindingInput,
} from './finding-workflow.inputs.js';

/** The life of a finding after it is recorded: each mutation answers with the updated finding. */
@Resolver(() => FindingType)
export class FindingWorkflowResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @AllowRoles('SUPERVISOR')
  @Mutation(() => FindingType, {
    description:
      'Assign the finding to its lead unit (several LEADs in one assignment lead jointly, 联合牵头) and any responsible units, each with a due date. With replacesLead: 替换原牵头单位 — the one LEAD given leads, the current lead becomes responsible.',
  })
  assignFinding(@Args('input') input: AssignFindingInput, @CurrentRequester() requester: Requester) {
    return this.act(requester, 'AssignFinding', input, ({ actor, now }) => {
      const { today, day } = businessTime(now, input.assignedOn);
      const replacement = input.replacesLead
        ? { replacesLead: true as const, ...(input.expectedLeadUnitId == null ? {} : { expectedLeadUnitId: input.expectedLeadUnitId }), ...(input.reason == null ? {} : { reason: input.reason }) }
        : {};
      return { type: 'AssignFinding', actor, today, assignedOn: day, units: input.units, ...overrideOf(input), ...replacement };
    });
  }

  @AllowRoles('UNIT', 'SUPERVISOR')
  @Mutation(() => FindingType, {
    description:
      'A unit asks for a later due date for its part, with a reason. A supervisor may enter a unit’s paper request on its behalf (代录): the request is the unit’s, the record names the supervisor who entered it (enteredBy); decideExtension then records the office’s decision.',
  })
  requestExtension(@Args('input') input: RequestExtensionInput, @CurrentRequester() requester: Requester) {
    return this.act(requester, 'RequestExtension', input, (issued) => partCommands.requestExtension(input, issued));
  }

  @AllowRoles('UNIT')
  @Mutation(() => FindingType, {
    description: '撤回延期申请: a unit takes back its own extension request still awaiting a decision (typed wrong, or no longer needed), with a reason; it may then ask again. Refused CONFLICT when the request was already decided, lapsed or withdrawn; FORBIDDEN for another unit.',
  })
  withdrawExtensionRequest(@Args('input') input: WithdrawExtensionRequestInput, @CurrentRequester() requester: Requester) {
    return this.act(requester, 'WithdrawExtensionRequest', input, (issued) => partCommands.withdrawExtensionRequest(input, issued));
  }

  @AllowRoles('SUPERVISOR')
  @Mutation(() => FindingType, {
    description:
      'A supervisor approves (with the new date, and any words: 审批意见) or refuses (with a reason) a pending extension. A request is decided once: one already decided is CONFLICT on requestId (reason ALREADY_DECIDED) naming who decided it, when and how.',
  })
  decideExtension(@Args('input') input: DecideExtensionInput, @CurrentRequester() requester: Requester) {
    return this.act(requester, 'DecideExtension', input, (issued) => partCommands.decideExtension(input, issued));
  }

  @AllowRoles('SUPERVISOR')
  @Mutation(() => FindingType, { description: '催办: a supervisor presses a unit on its part.' })
  urgeUnit(@Args('input') input: UrgeUnitInput, @CurrentRequester() requester: Requester) {
    return this.act(requester, 'UrgeUnit', input, (issued) => partCommands.urge(input, issued));
  }

  @AllowRoles('UNIT', 'SUPERVISOR')
  @Mutation(() => FindingType, {
    description:
      'A unit reports its part done, with evidence (phase 1). A supervisor may enter a unit’s paper report on its behalf (代录): the report is the unit’s, the record names the supervisor who entered it (enteredBy).',
  })
  reportRectification(@Args('input') input: ReportRectificationInput, @CurrentRequester() requester: Requester) {
    return this.act(requester, 'ReportRectification', input, (issued) => partCommands.report(input, issued));
  }

  @AllowRoles('SUPERVISOR')
  @Mutation(() => FindingType, { description: '退办: a supervisor sends an inadequate report back before inspection.' })
  sendBackReport(@Args('input') input: SendBackReportInput, @CurrentRequester() requester: Requester) {
    return this.act(requester, 'SendBackReport', input, (issued) => partCommands.sendBack(input, issued));
  }

  @AllowRoles('INSPECTOR', 'SUPERVISOR')
  @Mutation(() => FindingType, {
    description: '现场督查 (phase 2): PASSED verifies the part, FAILED sends it back. The last pass closes the finding out.',
  })
  logInspection(@Args('input') input: LogInspectionInput, @CurrentRequester() requester: Requester) {
    return this.act(requester, 'LogInspection', input, (issued) => partCommands.inspect(input, issued));
  }

  @AllowRoles('SUPERVISOR')
  @Mutation(() => FindingType, {
    description: 'A supervisor corrects the day of a part’s last report, entered by mistake, with a reason: a new event; the history keeps both.',
  })
  correctReportDate(@Args('input') input: CorrectReportDateInput, @CurrentRequester() requester: Requester) {
    return this.act(requester, 'CorrectReportDate', input, (issued) => partCommands.correctReportDate(input, issued));
  }

  @AllowRoles('SUPERVISOR')
  @Mutation(() => FindingType, {
    description:
      'A supervisor corrects a part’s last inspection — its day and/or outcome — entered by mistake, with a reason: a new event; the history keeps both, and the finding closes or reopens accordingly.',
  })
  correctInspection(@Args('input') input: CorrectInspectionInput, @CurrentRequester() requester: Requester) {
    return this.act(requester, 'CorrectInspection', input, (issued) => partCommands.correctInspection(input, issued));
  }

  @AllowRoles('SUPERVISOR')
  @Mutation(() => FindingType, {
    description:
      'A supervisor corrects the office day of one dated record of a part — its assignment, any report, a send-back, an urging, an extension request, its decision or its withdrawal (撤回延期申请) — entered by mistake, with a reason: a new event; the history keeps both. Refused (nothing written) when no such record reads `previousOn` now, or when the corrected day would break the order of the part’s records, naming the clash.',
  })
  correctRecordDate(@Args('input') input: CorrectRecordDateInput, @CurrentRequester() requester: Requester) {
    return this.act(requester, 'CorrectRecordDate', input, (issued) => partCommands.correctRecordDate(input, issued));
  }

  @AllowRoles('SUPERVISOR')
  @Mutation(() => FindingType, {
    description:
      '撤销误录: a supervisor retracts one record of a part entered by mistake — a report, a send-back (退办), an urging (催办), an inspection (督查, either outcome) or a reopening (重新打开) typed on the wrong finding, unit or day — with a reason: a new event (RecordRetracted) on the office day it is entered; every view known after it reads the finding as if the record had never been entered, on every day (a reopening retracted: closed again as its parts stand), views known before it as it was, and the history keeps the record marked 已撤销 with the reason, who and when. NOT_FOUND when no such record reads `on` now (corrected or retracted meanwhile); CONFLICT, nothing written, when a later record would no longer hold without it (an inspection that checked the report, a reopening of the close-out the pass made, a re-report answering the reopening), naming it to retract or correct first.',
  })
  retractRecord(@Args('input') input: RetractRecordInput, @CurrentRequester() requester: Requester) {
    return this.act(requester, 'RetractRecord', input, (issued) => partCommands.retractRecord(input, issued));
  }

  @AllowRoles('SUPERVISOR')
  @priced({ read: RETRACTION_CHECK_COST })
  @Query(() => RetractionRefusalType, {
    nullable: true,
    description:
      '撤销此记录, asked before confirming: what retractRecord would answer for this record now, appending nothing — null when it would be accepted, else its refusal (code, message, messageZh): NOT_FOUND when no such record reads `on` now, CONFLICT naming the later record to retract or correct first. The same decision as retractRecord (same roles: supervisors), run on the finding\u2019s records as they stand; a record retracted meanwhile is judged then.',
  })
  retractionCheck(@Args('input') input: RetractionCheckInput, @CurrentRequester() requester: Requester): Promise<RetractionRefusalType | null> {
    const request = { ...input, idempotencyKey: checkKey(), reason: CHECKED_REASON };
    const context = this.contexts.create(requester, 'RetractRecord', request, PART_INPUT_DEFAULTS);
    return refusalOf(() => this.commands.execute(new ActOnFindingCommand(input.findingId, partCommands.retractRecord(request, context), context, true)));
  }

  @AllowRoles('SUPERVISOR')
  @Mutation(() => FindingType, { description: 'A supervisor reopens a closed finding: every part must be reported and inspected again.' })
  reopenFinding(@Args('input') input: ReopenFindingInput, @CurrentRequester() requester: Requester) {
    return this.act(requester, 'ReopenFinding', input, (issued) => ({ ...partCommands.reopen(input, issued), type: 'ReopenFinding' }));
  }

  @AllowRoles('SUPERVISOR')
  @Mutation(() => FindingType, {
    description:
      'A supervisor takes the finding off the 台账 with a reason (recorded twice, or withdrawn by the evaluator): status WITHDRAWN (已撤销); it stays a record with its history and counts in no figure, list of work or reminder.',
  })
  withdrawFinding(@Args('input') input: WithdrawFindingInput, @CurrentRequester() requester: Requester) {
    return this.act(requester, 'WithdrawFinding', input, ({ now }) => {
      const { today, day } = businessTime(now, input.withdrawnOn);
      return { type: 'WithdrawFinding', today, withdrawnOn: day, reason: input.reason, ...(input.duplicateOf ? { duplicateOf: input.duplicateOf } : {}) };
    });
  }

  @AllowRoles('SUPERVISOR')
  @Mutation(() => FindingType, {
    description:
      'A supervisor takes back a withdrawal entered by mistake (the wrong finding, or one not to be withdrawn), with a reason: the finding is back on the 台账 on every day, its parts as they stand; the history keeps the withdrawal and the correction. CONFLICT when it is not withdrawn.',
  })
  undoFindingWithdrawal(@Args('input') input: UndoFindingWithdrawalInput, @CurrentRequester() requester: Requester) {
    return this.act(requester, 'UndoFindingWithdrawal', input, ({ now }) => ({
      type: 'CorrectWithdrawal',
      today: businessTime(now, undefined).today,
      reason: input.reason,
      ...(input.expectedWithdrawnOn == null ? {} : { expectedWithdrawnOn: input.expectedWithdrawnOn }),
      ...(input.distinctFrom?.length ? { distinctFrom: input.distinctFrom } : {}),
    }));
  }

  @AllowRoles('SUPERVISOR')
  @Mutation(() => FindingType, {
    description:
      'A supervisor corrects the day of a withdrawal entered on the wrong day, with a reason: the finding counts until the corrected day, withdrawn from it with the same reason and duplicate; refused like a withdrawal on that day would be (before something recorded on its parts, or in the future). CONFLICT when it is not withdrawn.',
  })
  correctFindingWithdrawal(@Args('input') input: CorrectFindingWithdrawalInput, @CurrentRequester() requester: Requester) {
    return this.act(requester, 'CorrectFindingWithdrawal', input, ({ now }) => {
      const { today, day } = businessTime(now, input.withdrawnOn);
      return { type: 'CorrectWithdrawal', today, withdrawnOn: day, reason: input.reason, ...(input.expectedWithdrawnOn == null ? {} : { expectedWithdrawnOn: input.expectedWithdrawnOn }) };
    });
  }

  @AllowRoles('SUPERVISOR')
  @Mutation(() => FindingType, {
    description:
      '更正发现日期: a supervisor corrects the day the finding was identified, with a reason — a new event, the recording kept as entered: views known after it read the corrected day (as of a day between the two, too), views known before it the day as recorded, and the history lists the correction (who, why, both days). BAD_USER_INPUT (field identifiedOn) for a day in the future, the day it reads now, one before the evaluation was received, or one after any record of the finding (its first 交办, its withdrawal, a circular citing it), naming that record.',
  })
  correctFindingIdentifiedOn(@Args('input') input: CorrectFindingIdentifiedOnInput, @CurrentRequester() requester: Requester) {
    return this.act(requester, 'CorrectFindingIdentifiedOn', input, ({ now }) => ({
      type: 'CorrectIdentifiedOn',
      today: businessTime(now, undefined).today,
      identifiedOn: input.identifiedOn,
      reason: input.reason,
      ...(input.expectedIdentifiedOn == null ? {} : { expectedIdentifiedOn: input.expectedIdentifiedOn }),
    }));
  }

  private async act(
    requester: Requester,
    commandType: string,
    input: { idempotencyKey: string; findingId: string },
    toCommand: (issued: CommandContext) => FindingWorkflowCommand,
  ) {
    const context = this.contexts.create(requester, commandType, input, PART_INPUT_DEFAULTS);
    await this.commands.execute(new ActOnFindingCommand(input.findingId, toCommand(context), context));
    return this.queries.execute(new GetFindingQuery(input.findingId));
  }
}
