import { QueryBus } from '@nestjs/cqrs';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { AllowRoles } from '../access/authorization/access-policy.js';
import { ListAwaitingInspectionQuery } from './awaiting-inspection.queries.js';
import { AwaitingInspectionArgs, AwaitingInspectionConnectionType } from './awaiting-inspection.types.js';

@Resolver()
export class AwaitingInspectionResolver {
  constructor(private readonly queries: QueryBus) {}

  @AllowRoles('SUPERVISOR', 'INSPECTOR')
  @Query(() => AwaitingInspectionConnectionType, {
    description:
      '待现场督查: every unit’s part of a finding or of any plan’s work-plan item that was reported and awaits its on-site check, a page at a time (first / after), ' +
      'the most overdue first (by due day, then the order the findings and items were first recorded, then unit); totalCount counts them all. ' +
      'asOf / knownAt: the parts awaiting inspection that day / as known then.',
  })
  awaitingInspection(@Args() { first, after, asOf, knownAt }: AwaitingInspectionArgs) {
    return this.queries.execute(new ListAwaitingInspectionQuery({ first, after }, { asOf, knownAt }));
  }
}
