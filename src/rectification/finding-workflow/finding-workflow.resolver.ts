import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { officeDate } from '../../shared/calendar-date.js';
import { CommandContextFactory } from '../../shared/command-context.factory.js';
import { CurrentRequester, type Requester } from '../../shared/graphql/requester.js';
import { deterministicId } from '../../shared/ids.js';
import { FindingType } from '../evaluations/evaluation.types.js';
import { GetFindingQuery } from '../evaluations/evaluations.queries.js';
import { ActOnFindingCommand, type FindingWorkflowCommand } from './act-on-finding.handler.js';
import {
  AssignFindingInput,
  DecideExtensionInput,
  LogInspectionInput,
  ReopenFindingInput,
  ReportRectificationInput,
  RequestExtensionInput,
  SendBackReportInput,
  UrgeUnitInput,
} from './finding-workflow.inputs.js';

/** The life of a finding after it is recorded: each mutation answers with the updated finding. */
@Resolver(() => FindingType)
export class FindingWorkflowResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Mutation(() => FindingType, { description: 'Assign the finding to one lead unit and any responsible units, each with a due date.' })
  assignFinding(@Args('input') input: AssignFindingInput, @CurrentRequester() requester: Requester) {
    return this.act(requester, 'AssignFinding', input, (actor) => ({ type: 'AssignFinding', actor, units: input.units }));
  }

  @Mutation(() => FindingType, { description: 'A unit asks for a later due date for its part, with a reason.' })
  requestExtension(@Args('input') input: RequestExtensionInput, @CurrentRequester() requester: Requester) {
    return this.act(requester, 'RequestExtension', input, (actor, context) => ({
      type: 'RequestExtension',
      actor,
      unitId: input.unitId,
      requestId: deterministicId('extension-request', context.commandId),
      requestedDueDate: input.requestedDueDate,
      reason: input.reason,
    }));
  }

  @Mutation(() => FindingType, { description: 'A supervisor approves (with the new date) or refuses (with a reason) a pending extension.' })
  decideExtension(@Args('input') input: DecideExtensionInput, @CurrentRequester() requester: Requester) {
    return this.act(requester, 'DecideExtension', input, (actor) => ({
      type: 'DecideExtension',
      actor,
      unitId: input.unitId,
      requestId: input.requestId,
      approve: input.approve,
      newDueDate: input.newDueDate,
      reason: input.reason,
    }));
  }

  @Mutation(() => FindingType, { description: '催办: a supervisor presses a unit on its part.' })
  urgeUnit(@Args('input') input: UrgeUnitInput, @CurrentRequester() requester: Requester) {
    return this.act(requester, 'UrgeUnit', input, (actor) => ({ type: 'UrgeUnit', actor, unitId: input.unitId, message: input.message }));
  }

  @Mutation(() => FindingType, { description: 'A unit reports its part done, with evidence (phase 1).' })
  reportRectification(@Args('input') input: ReportRectificationInput, @CurrentRequester() requester: Requester) {
    return this.act(requester, 'ReportRectification', input, (actor) => ({
      type: 'ReportRectification',
      actor,
      unitId: input.unitId,
      summary: input.summary,
      evidence: input.evidence.map((item) => ({ title: item.title, link: item.link || null, documentRef: item.documentRef || null })),
    }));
  }

  @Mutation(() => FindingType, { description: '退办: a supervisor sends an inadequate report back before inspection.' })
  sendBackReport(@Args('input') input: SendBackReportInput, @CurrentRequester() requester: Requester) {
    return this.act(requester, 'SendBackReport', input, (actor) => ({ type: 'SendBackReport', actor, unitId: input.unitId, reason: input.reason }));
  }

  @Mutation(() => FindingType, {
    description: '现场督查 (phase 2): PASSED verifies the part, FAILED sends it back. The last pass closes the finding out.',
  })
  logInspection(@Args('input') input: LogInspectionInput, @CurrentRequester() requester: Requester) {
    return this.act(requester, 'LogInspection', input, (actor, context) => ({
      type: 'LogInspection',
      actor,
      today: officeDate(context.now),
      unitId: input.unitId,
      inspectionId: deterministicId('inspection', context.commandId),
      outcome: input.outcome,
      notes: input.notes ?? '',
      inspectedOn: input.inspectedOn,
      place: input.place ?? '',
    }));
  }

  @Mutation(() => FindingType, { description: 'A supervisor reopens a closed finding: every part must be reported and inspected again.' })
  reopenFinding(@Args('input') input: ReopenFindingInput, @CurrentRequester() requester: Requester) {
    return this.act(requester, 'ReopenFinding', input, (actor) => ({ type: 'ReopenFinding', actor, reason: input.reason }));
  }

  private async act(
    requester: Requester,
    commandType: string,
    input: { idempotencyKey: string; findingId: string },
    toCommand: (actor: Requester['actor'], context: { commandId: string; now: string }) => FindingWorkflowCommand,
  ) {
    const context = this.contexts.create(requester, commandType, input.idempotencyKey);
    await this.commands.execute(new ActOnFindingCommand(input.findingId, toCommand(context.actor, context), context));
    return this.queries.execute(new GetFindingQuery(input.findingId));
  }
}
