import { CommandBus } from '@nestjs/cqrs';
import { Args, Field, ID, InputType, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { AllowRoles } from '../access/authorization/access-policy.js';
import { UnitType } from '../organization/units/unit.type.js';
import { UnitsReadModel, type UnitView } from '../organization/units/units.read-model.js';
import { CommandContextFactory } from '../shared/command-context.factory.js';
import { IdempotentInput } from '../shared/graphql/idempotent-input.js';
import { CurrentRequester, type Requester } from '../shared/graphql/requester.js';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { PartStatusEnum } from '../assignments/graphql/assignment.types.js';
import { Clock } from '../shared/clock.js';
import { officeDate } from '../shared/calendar-date.js';
import { CalendarDate, EntityId, RequiredText } from '../shared/graphql/validation.js';
import { ReorganizeUnitCommand, ReorganizeUnitHandler } from './reorganize-unit.handler.js';
import { CorrectMergeDateCommand } from './correct-merge-date.handler.js';

@InputType({ isAbstract: true })
class ReorganizeUnitInput extends IdempotentInput {
  @Field(() => ID, { description: 'The unit whose open parts move' })
  @EntityId()
  unitId: string;

  @Field(() => ID, { description: 'The unit that carries its work on' })
  @EntityId()
  successorUnitId: string;

  @Field(() => String, { description: 'Why, e.g. the reorganisation document (机构改革方案)' })
  @RequiredText(2000)
  reason: string;
}

@InputType()
export class MergeUnitInput extends ReorganizeUnitInput {
  @Field(() => String, {
    nullable: true,
    description: 'YYYY-MM-DD, the office day of the merge (and of its handovers); omitted: today (China time). Never in the future, nor before either unit was registered or a part assigned.',
  })
  @IsOptional()
  @CalendarDate()
  mergedOn?: string;
}

@InputType()
export class HandOverUnitPartsInput extends ReorganizeUnitInput {
  @Field(() => String, {
    nullable: true,
    description: 'YYYY-MM-DD, the office day the parts passed; omitted: today (China time). Never in the future, nor before a part was assigned or the successor registered.',
  })
  @IsOptional()
  @CalendarDate()
  handedOverOn?: string;

  @Field(() => [ID], {
    nullable: true,
    description:
      'A split of the unit’s duties (职能划转): the findings and work-plan items whose part of the unit passes — only those, each with its reports, extension requests and urgings; the unit keeps its other parts and is not recorded as handing its work over. Omitted: every open part (as before). Refused, nothing written, naming the finding or item: a part verified by the day, a parent withdrawn, one without a part of the unit, the successor already holding a part there (CONFLICT, field only), a day before the assignment. unitHandOverChoices lists what may be chosen.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2000)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'only must contain finding or work-plan item ids' })
  only?: string[];
}

@InputType()
export class CorrectUnitMergeDateInput extends IdempotentInput {
  @Field(() => ID, { description: 'The merged unit whose merge day was entered wrong' })
  @EntityId()
  unitId: string;

  @Field(() => String, { description: 'YYYY-MM-DD, the merge day as the form read it (refused CONFLICT when it reads otherwise now: corrected meanwhile)' })
  @CalendarDate()
  previousMergedOn: string;

  @Field(() => String, { description: 'YYYY-MM-DD, the right office day of the merge: never in the future, nor before either unit was registered' })
  @CalendarDate()
  mergedOn: string;

  @Field(() => String, { description: 'Why, e.g. 合并日期录错，以机构改革文件为准' })
  @RequiredText(2000)
  reason: string;
}

@ObjectType('UnitReorganization', { description: 'What a merge or handover moved' })
export class UnitReorganizationType {
  @Field(() => UnitType) unit: UnitView;
  @Field(() => UnitType) successor: UnitView;
  @Field(() => [ID], { description: 'Findings whose part of the unit now belongs to the successor' }) findingIds: readonly string[];
  @Field(() => [ID], { description: 'Work-plan items whose part of the unit now belongs to the successor' }) workPlanItemIds: readonly string[];
  @Field(() => [String], {
    description:
      'What happened to each part passed, one line each in Chinese (newcomer51-10 S1): moved with its report still awaiting inspection, or joined to the successor’s own part — which record the joined part goes on with, a report awaiting inspection no longer inspected (kept in the part’s joinedRecords; the successor reports for the joined part), an extension request no longer decided, lateness before the day kept by the unit. Empty for a date correction.',
  })
  notices: readonly string[];
}

@InputType()
export class UnitReorganizationPreviewInput {
  @Field(() => ID, { description: 'The unit whose open parts would move' })
  @EntityId()
  unitId: string;

  @Field(() => ID, { description: 'The unit that would carry its work on' })
  @EntityId()
  successorUnitId: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, the office day of the merge or hand-over; omitted: today (China time)' })
  @IsOptional()
  @CalendarDate()
  on?: string;

  @Field(() => Boolean, { nullable: true, description: 'A merge (mergeUnit; default) or a hand-over (handOverUnitParts)' })
  @IsOptional()
  @IsBoolean()
  merge?: boolean;

  @Field(() => [ID], { nullable: true, description: 'A hand-over of chosen parts only (handOverUnitParts’ only): the findings and work-plan items chosen; ignored for a merge' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2000)
  @IsUUID('all', { each: true, message: 'only must contain finding or work-plan item ids' })
  only?: string[];
}

@InputType()
export class UnitHandOverChoicesInput {
  @Field(() => ID, { description: 'The unit whose parts would be handed over' })
  @EntityId()
  unitId: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, the office day of the hand-over; omitted: today (China time)' })
  @IsOptional()
  @CalendarDate()
  on?: string;
}

@ObjectType('UnitHandOverChoice', { description: 'A part of a unit that a hand-over on the day would pass: its finding or work-plan item' })
export class UnitHandOverChoiceType {
  @Field(() => ID, { description: 'The finding or work-plan item (what handOverUnitParts’ only names)' }) parentId: string;
  @Field(() => String, { description: 'FINDING or WORK_PLAN_ITEM' }) kind: string;
  @Field(() => String, { description: 'How the dialog names it: 问题「…」 or 事项 5「…」' }) label: string;
  @Field(() => PartStatusEnum, { description: 'The unit’s part as it stood at the end of the day it would pass (on): a past day’s choices read that day’s status, not today’s' }) status: string;
  @Field(() => String, { description: 'YYYY-MM-DD, the office day it would pass: the hand-over’s, or the later day a part verified by then came back' }) on: string;
}

@Resolver()
@AllowRoles('ADMIN')
export class ReorganizationResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly contexts: CommandContextFactory,
    private readonly units: UnitsReadModel,
    private readonly reorganizations: ReorganizeUnitHandler,
    private readonly clock: Clock,
  ) {}

  @Query(() => [String], {
    description:
      'Before a merge or hand-over (单位名录 并入其他单位): what it would do to each part of the unit, one line each in Chinese — as mergeUnit’s notices say it (a join’s report awaiting inspection set aside, and why); nothing written. Refusals come with the mutation.',
  })
  unitReorganizationPreview(@Args('input') input: UnitReorganizationPreviewInput): string[] {
    return this.reorganizations.preview({ unitId: input.unitId, successorUnitId: input.successorUnitId, on: input.on ?? officeDate(this.clock.now()) }, input.merge ?? true, input.only);
  }

  @Query(() => [UnitHandOverChoiceType], {
    description:
      'Before a hand-over (单位名录 移交任务, newcomer53-10 S1): the unit’s parts it would pass on the day, each by its finding or work-plan item — what handOverUnitParts’ only may choose (default: all). Nothing written.',
  })
  unitHandOverChoices(@Args('input') input: UnitHandOverChoicesInput): Promise<UnitHandOverChoiceType[]> {
    const today = officeDate(this.clock.now());
    return this.reorganizations.choices(input.unitId, input.on ?? today, today);
  }

  @Mutation(() => UnitReorganizationType, {
    description:
      'Merge a unit into its successor (机构改革): its open parts move to the successor (verified ones stay, as history), ' +
      'and files naming it resolve to the successor from now on.',
  })
  mergeUnit(@Args('input') input: MergeUnitInput, @CurrentRequester() requester: Requester) {
    return this.reorganize(requester, 'MergeUnit', input, input.mergedOn, true);
  }

  @Mutation(() => UnitReorganizationType, {
    description:
      'Hand every open part of a unit over to a successor (its duties moved), or only the parts of the findings and items named in only (a split, 职能划转: the unit keeps the rest); history keeps who held each part.',
  })
  handOverUnitParts(@Args('input') input: HandOverUnitPartsInput, @CurrentRequester() requester: Requester) {
    return this.reorganize(requester, 'HandOverUnitParts', input, input.handedOverOn, false, input.only);
  }

  @Mutation(() => UnitReorganizationType, {
    description:
      'Correct the day of a merge entered wrong (UnitMergeDateCorrected, with a reason; the original stays in the history): every part ' +
      'the merge passed is passed again on the corrected day (PartHandOverUndone, PartHandedOver), as if the merge had been typed with it. ' +
      'Refused CONFLICT, nothing written, naming the finding or item, when a later holder has a record on such a part, the part joined ' +
      'the successor’s own, or the merged unit has a record dated on or after the corrected day; the new day is judged as mergeUnit’s.',
  })
  async correctUnitMergeDate(@Args('input') input: CorrectUnitMergeDateInput, @CurrentRequester() requester: Requester): Promise<UnitReorganizationType> {
    const context = this.contexts.create(requester, 'CorrectUnitMergeDate', input);
    const { unitId, previousMergedOn, mergedOn, reason } = input;
    const outcome = await this.commands.execute(new CorrectMergeDateCommand({ unitId, previousMergedOn, mergedOn, reason }, context));
    const successorUnitId = this.units.mergerOf(unitId)!.successorUnitId;
    return { unit: this.units.get(unitId)!, successor: this.units.get(successorUnitId)!, findingIds: outcome.findingIds, workPlanItemIds: outcome.itemIds, notices: [] };
  }

  private async reorganize(
    requester: Requester,
    commandType: string,
    input: ReorganizeUnitInput,
    on: string | undefined,
    merge: boolean,
    only?: readonly string[],
  ): Promise<UnitReorganizationType> {
    const context = this.contexts.create(requester, commandType, input);
    const { unitId, successorUnitId, reason } = input;
    const handOver = { unitId, successorUnitId, reason, on: on ?? officeDate(context.now) };
    const outcome = await this.commands.execute(new ReorganizeUnitCommand(handOver, merge, context, only));
    return { unit: this.units.get(unitId)!, successor: this.units.get(successorUnitId)!, findingIds: outcome.findingIds, workPlanItemIds: outcome.itemIds, notices: outcome.notices ?? [] };
  }
}
