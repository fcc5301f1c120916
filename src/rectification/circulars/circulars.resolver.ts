import { Args, ArgsType, Field, ID, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { CircularKinds, type CircularKind } from '../domain/circular.events.js';
import { PageArgs, connectionType, pageAndFilter } from '../../shared/graphql/connection.js';
import { CalendarDate } from '../../shared/graphql/validation.js';
import { AllowRoles, WORKFLOW_READERS } from '../../access/authorization/access-policy.js';
import { QueryBus } from '@nestjs/cqrs';
import { CurrentRequester, type Requester } from '../../shared/graphql/requester.js';
import { UnitType } from '../../organization/units/unit.type.js';
import { GetUnitQuery } from '../../organization/units/units.queries.js';
import { CircularKindEnum, CircularType } from './circular.type.js';
import type { CircularView } from './circulars.read-model.js';
import { ListCircularsQuery } from './circulars.queries.js';

const CircularConnectionType = connectionType(CircularType, 'Circular');

@ArgsType()
class CircularsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'The unit commended or criticised (a unit user: its own, the default)' })
  @IsOptional()
  @IsString()
  unitId?: string;

  @Field(() => CircularKindEnum, { nullable: true })
  @IsOptional()
  @IsIn(CircularKinds)
  kind?: CircularKind;

  @Field(() => String, { nullable: true, description: 'Issued on or after this day (YYYY-MM-DD)' })
  @IsOptional()
  @CalendarDate()
  issuedFrom?: string;

  @Field(() => String, { nullable: true, description: 'Issued on or before this day (YYYY-MM-DD): the circulars known as of a day' })
  @IsOptional()
  @CalendarDate()
  issuedTo?: string;

  @Field(() => String, {
    nullable: true,
    description:
      'ISO-8601 instant with offset, e.g. 2026-06-20T18:00:00+08:00: only the circulars recorded by then, each as it read then — its 发文日期 and 文号 before a correction (更正通报) entered later, no withdrawal (撤回通报) entered later; issuedFrom / issuedTo and the order read that 发文日期',
  })
  @IsOptional()
  @IsString()
  knownAt?: string;
}

@Resolver(() => CircularType)
@AllowRoles(...WORKFLOW_READERS)
export class CircularsResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query(() => CircularConnectionType, {
    description: 'Circulars, newest first, a page at a time (first / after): all of them, or those concerning one unit (a unit user: its own), of a kind, issued within days.',
  })
  circulars(@Args() args: CircularsArgs, @CurrentRequester() requester: Requester) {
    const { knownAt, ...rest } = args;
    const { page, filter } = pageAndFilter(rest);
    return this.queries.execute(new ListCircularsQuery(filter, requester.actor, page, knownAt));
  }

  @ResolveField(() => UnitType, { description: 'The unit commended or criticised' })
  unit(circular: CircularView) {
    return this.queries.execute(new GetUnitQuery(circular.unitId));
  }
}
