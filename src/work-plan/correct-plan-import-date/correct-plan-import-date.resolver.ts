import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Args, Field, ID, InputType, Int, Mutation, ObjectType, Resolver } from '@nestjs/graphql';
import { IsOptional } from 'class-validator';
import { AllowRoles } from '../../access/authorization/access-policy.js';
import { CommandContextFactory } from '../../shared/command-context.factory.js';
import { IdempotentInput } from '../../shared/graphql/idempotent-input.js';
import { CurrentRequester, type Requester } from '../../shared/graphql/requester.js';
import { CalendarDate, EntityId, RequiredText } from '../../shared/graphql/validation.js';
import { ListWorkPlansQuery } from '../breakdown/work-plan.queries.js';
import { WorkPlanSummaryType } from '../breakdown/work-plan.types.js';
import { CorrectPlanImportDateCommand } from './correct-plan-import-date.handler.js';

@InputType()
export class CorrectWorkPlanImportDateInput extends IdempotentInput {
  @Field(() => ID)
  @EntityId()
  planId: string;

  @Field(() => String, { description: 'YYYY-MM-DD, the day the import assigned the plan’s items (交办), as the form showed it — typically the day of the import, defaulted. Corrected meanwhile by a colleague: CONFLICT naming who set which day when, nothing changed' })
  @CalendarDate()
  previousAssignedOn: string;

  @Field(() => String, { description: 'YYYY-MM-DD, the day the items were really assigned: not in the future, not before the plan’s approval (as corrected by approvedOn)' })
  @CalendarDate()
  assignedOn: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, the day the plan was really approved (印发), when the import entered it wrong too; omitted: kept' })
  @IsOptional()
  @CalendarDate()
  approvedOn?: string;

  @Field(() => String, {
    nullable: true,
    description:
      'YYYY-MM-DD, the approval day as the form showed it, checked when approvedOn corrects it (the web app always sends it; optional for scripts, unchecked when left out): ' +
      'another day now — corrected meanwhile by a colleague — is CONFLICT naming who set which day when; nothing is changed. previousAssignedOn is checked the same way.',
  })
  @IsOptional()
  @CalendarDate()
  expectedApprovedOn?: string;

  @Field(() => String, { description: 'Why, e.g. 导入时未填写交办日期，默认为导入当天' })
  @RequiredText(2000)
  reason: string;
}

@ObjectType('WorkPlanImportDateCorrection', { description: 'What a correction of an import’s day re-dated (newcomer36 S14).' })
export class WorkPlanImportDateCorrectionType {
  @Field(() => WorkPlanSummaryType)
  plan: WorkPlanSummaryType;

  @Field(() => [ID], { description: 'The items whose parts now read as assigned on the corrected day, in the plan’s order' })
  itemIds: string[];

  @Field(() => Int, { description: 'How many parts (one unit’s share of an item) were re-dated' })
  partCount: number;
}

@Resolver(() => WorkPlanImportDateCorrectionType)
@AllowRoles('SUPERVISOR')
export class CorrectPlanImportDateResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Mutation(() => WorkPlanImportDateCorrectionType, {
    description:
      'Correct the day a work plan’s import assigned its items — and its approval day, when wrong too — as one act with one reason (newcomer36 S14): ' +
      'WorkPlanImportDateCorrected on the plan and a FactDateCorrected of each part assigned on previousAssignedOn, all or nothing; the original days stay in the events. ' +
      'Refused (naming the item) when a part’s own records forbid the day, e.g. a report dated before it.',
  })
  async correctWorkPlanImportDate(@Args('input') input: CorrectWorkPlanImportDateInput, @CurrentRequester() requester: Requester) {
    const context = this.contexts.create(requester, 'CorrectWorkPlanImportDate', input);
    const { planId, previousAssignedOn, assignedOn, approvedOn, expectedApprovedOn, reason } = input;
    const corrected = await this.commands.execute(
      new CorrectPlanImportDateCommand({ planId, previousAssignedOn, assignedOn, ...(approvedOn ? { approvedOn } : {}), ...(expectedApprovedOn ? { expectedApprovedOn } : {}), reason }, context),
    );
    const plans = await this.queries.execute(new ListWorkPlansQuery());
    return { plan: plans.find((plan) => plan.planId === corrected.planId), itemIds: corrected.itemIds, partCount: corrected.partCount };
  }
}
