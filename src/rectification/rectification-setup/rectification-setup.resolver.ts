import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { QueryBus } from '@nestjs/cqrs';
import { EvaluationType } from '../evaluations/evaluation.types.js';
import { GetRectificationPlanQuery, GetRectificationTeamQuery } from './rectification-setup.queries.js';
import { RectificationPlanType, RectificationTeamType } from './rectification-setup.types.js';

/** Adds an evaluation's team and plan to the `Evaluation` type. */
@Resolver(() => EvaluationType)
export class EvaluationSetupResolver {
  constructor(private readonly queries: QueryBus) {}

  @ResolveField(() => RectificationTeamType, { nullable: true, description: 'Null until the team is formed.' })
  team(@Parent() evaluation: { readonly evaluationId: string }) {
    return this.queries.execute(new GetRectificationTeamQuery(evaluation.evaluationId));
  }

  @ResolveField(() => RectificationPlanType, { nullable: true, description: 'Null until the plan is approved.' })
  plan(@Parent() evaluation: { readonly evaluationId: string }) {
    return this.queries.execute(new GetRectificationPlanQuery(evaluation.evaluationId));
  }
}
