import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { RectificationPlanView, RectificationSetupReadModel, RectificationTeamView } from './rectification-setup.read-model.js';

/** The evaluation's team, or null while none is formed. */
export class GetRectificationTeamQuery extends Query<RectificationTeamView | null> {
  constructor(readonly evaluationId: string) {
    super();
  }
}

/** The evaluation's approved plan, or null while none is approved. */
export class GetRectificationPlanQuery extends Query<RectificationPlanView | null> {
  constructor(readonly evaluationId: string) {
    super();
  }
}

@QueryHandler(GetRectificationTeamQuery)
export class GetRectificationTeamHandler implements IQueryHandler<GetRectificationTeamQuery> {
  constructor(private readonly readModel: RectificationSetupReadModel) {}

  execute({ evaluationId }: GetRectificationTeamQuery) {
    return Promise.resolve(this.readModel.teamOf(evaluationId) ?? null);
  }
}

@QueryHandler(GetRectificationPlanQuery)
export class GetRectificationPlanHandler implements IQueryHandler<GetRectificationPlanQuery> {
  constructor(private readonly readModel: RectificationSetupReadModel) {}

  execute({ evaluationId }: GetRectificationPlanQuery) {
    return Promise.resolve(this.readModel.planOf(evaluationId) ?? null);
  }
}
