import { Command, CommandBus, CommandHandler, ICommandHandler, QueryBus } from '@nestjs/cqrs';
import { Args, Field, ID, InputType, Mutation, Resolver } from '@nestjs/graphql';
import { IsOptional } from 'class-validator';
import { AllowRoles } from '../../access/authorization/access-policy.js';
import { CommandExecutor } from '../../event-sourcing/command-executor.js';
import { officeDate } from '../../shared/calendar-date.js';
import type { CommandContext } from '../../shared/command-context.js';
import { CommandContextFactory } from '../../shared/command-context.factory.js';
import { notFound, say } from '../../shared/domain-error.js';
import { IdempotentInput } from '../../shared/graphql/idempotent-input.js';
import { CurrentRequester, type Requester } from '../../shared/graphql/requester.js';
import { CalendarDate, EntityId, RequiredText } from '../../shared/graphql/validation.js';
import type { DatedFact } from '../../shared/guards.js';
import { evaluationDecider } from '../domain/evaluation.decider.js';
import { evaluationStream } from '../domain/evaluation.events.js';
import { EvaluationType } from '../evaluations/evaluation.types.js';
import { GetEvaluationQuery } from '../evaluations/evaluations.queries.js';
import { RectificationLedger } from '../ledger/rectification-ledger.js';
import { RectificationSetupReadModel } from '../rectification-setup/rectification-setup.read-model.js';

/** Corrects the day an evaluation report was received (not after its earliest fact), with a reason (breaker8r P11). Returns its id. */
export class CorrectEvaluationReceivedOnCommand extends Command<string> {
  constructor(
    readonly evaluationId: string,
    /** `YYYY-MM-DD`, not in the future nor after the evaluation's earliest fact. */
    readonly receivedOn: string,
    readonly reason: string,
    readonly context: CommandContext,
    /** The day received as the form showed it; undefined: not checked (CorrectEvaluationReceivedOn.expectedReceivedOn). */
    readonly expectedReceivedOn?: string,
  ) {
    super();
  }
}

@CommandHandler(CorrectEvaluationReceivedOnCommand)
export class CorrectEvaluationReceivedOnHandler implements ICommandHandler<CorrectEvaluationReceivedOnCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly ledger: RectificationLedger,
    private readonly setup: RectificationSetupReadModel,
  ) {}

  async execute({ evaluationId, receivedOn, reason, context, expectedReceivedOn }: CorrectEvaluationReceivedOnCommand): Promise<string> {
    const evaluation = this.ledger.evaluation(evaluationId);
    if (!evaluation) throw notFound('Evaluation', evaluationId, 'evaluationId');
    const firstFact = this.firstFactOf(evaluationId, evaluation.findingIds);
    const command = { type: 'CorrectEvaluationReceivedOn', actor: context.actor, today: officeDate(context.now), receivedOn, reason, ...(firstFact ? { firstFact } : {}), ...(expectedReceivedOn === undefined ? {} : { expectedReceivedOn }) } as const;
    await this.executor.execute(evaluationStream(evaluationId), evaluationDecider, command, context);
    return evaluationId;
  }

  /** The earliest of the evaluation's dated facts: its findings identified (withdrawn ones too), its team formed, its plan approved. O(findings). */
  private firstFactOf(evaluationId: string, findingIds: readonly string[]): DatedFact | undefined {
    const facts: DatedFact[] = [];
    for (const findingId of findingIds) {
      const finding = this.ledger.finding(findingId);
      if (finding) facts.push({ day: finding.identifiedOn, what: say(`the finding "${finding.title}" identified`, `问题「${finding.title}」的发现日期`) });
    }
    const team = this.setup.teamOf(evaluationId);
    if (team) facts.push({ day: team.formedOn, what: say('its rectification team formed', '整改工作领导小组成立日期') });
    const plan = this.setup.planOf(evaluationId);
    if (plan) facts.push({ day: plan.approvedOn, what: say('its rectification plan approved', '整改方案批准日期') });
    return facts.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0))[0];
  }
}

@InputType()
export class CorrectEvaluationReceivedOnInput extends IdempotentInput {
  @Field(() => ID)
  @EntityId()
  evaluationId: string;

  @Field(() => String, { description: 'YYYY-MM-DD, earlier or later than the day the evaluation has: never in the future, never after its earliest fact (a finding identified, its team formed, its plan approved)' })
  @CalendarDate()
  receivedOn: string;

  @Field(() => String, {
    nullable: true,
    description:
      'YYYY-MM-DD, the day received as the form showed it (the web app always sends it; optional for scripts, unchecked when left out): another day now — corrected meanwhile by a colleague — is CONFLICT naming who set which day when; nothing is changed.',
  })
  @IsOptional()
  @CalendarDate()
  expectedReceivedOn?: string;

  @Field(() => String, { description: 'Why, e.g. 登记时误用当天日期，按收文登记簿更正' })
  @RequiredText(2000)
  reason: string;
}

@Resolver(() => EvaluationType)
@AllowRoles('SUPERVISOR')
export class CorrectEvaluationReceivedOnResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Mutation(() => EvaluationType, {
    description:
      'Correct the day an evaluation report was received, with a reason (EvaluationReceivedOnCorrected; the registration stays in the store): ' +
      'no finding, team or plan of an evaluation is dated before it was received, so a report registered with the wrong day (the form’s default, today) ' +
      'is corrected before its past campaign is entered; not to a day in the future nor after its earliest fact (BAD_USER_INPUT naming that fact and its day).',
  })
  async correctEvaluationReceivedOn(@Args('input') { idempotencyKey, ...input }: CorrectEvaluationReceivedOnInput, @CurrentRequester() requester: Requester) {
    const context = this.contexts.create(requester, 'CorrectEvaluationReceivedOn', { idempotencyKey, ...input });
    const evaluationId = await this.commands.execute(new CorrectEvaluationReceivedOnCommand(input.evaluationId, input.receivedOn, input.reason, context, input.expectedReceivedOn ?? undefined));
    return this.queries.execute(new GetEvaluationQuery(evaluationId));
  }
}
