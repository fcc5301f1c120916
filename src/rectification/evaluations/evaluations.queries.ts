import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Clock } from '../../shared/clock.js';
import { notFound } from '../../shared/domain-error.js';
import { isPresent, parseTimeCut, type TimeCut, type TimeTravel } from '../../shared/time-cut.js';
import { RectificationLedger, type EvaluationView, type FindingView } from '../ledger/rectification-ledger.js';

export class ListEvaluationsQuery extends Query<EvaluationView[]> {}

export class GetEvaluationQuery extends Query<EvaluationView> {
  constructor(readonly evaluationId: string) {
    super();
  }
}

export class ListFindingsQuery extends Query<FindingView[]> {
  constructor(readonly filter: { evaluationId?: string; category?: string }) {
    super();
  }
}

export class GetFindingQuery extends Query<FindingView & { time?: TimeCut }> {
  constructor(
    readonly findingId: string,
    /** Absent: the finding as it stands now, without saying so. */
    readonly travel?: TimeTravel,
  ) {
    super();
  }
}

@QueryHandler(ListEvaluationsQuery)
export class ListEvaluationsHandler implements IQueryHandler<ListEvaluationsQuery> {
  constructor(private readonly readModel: RectificationLedger) {}

  execute() {
    return Promise.resolve(this.readModel.listEvaluations());
  }
}

@QueryHandler(GetEvaluationQuery)
export class GetEvaluationHandler implements IQueryHandler<GetEvaluationQuery> {
  constructor(private readonly readModel: RectificationLedger) {}

  execute({ evaluationId }: GetEvaluationQuery) {
    const evaluation = this.readModel.evaluation(evaluationId);
    if (!evaluation) throw notFound('Evaluation', evaluationId);
    return Promise.resolve(evaluation);
  }
}

@QueryHandler(ListFindingsQuery)
export class ListFindingsHandler implements IQueryHandler<ListFindingsQuery> {
  constructor(private readonly readModel: RectificationLedger) {}

  execute({ filter }: ListFindingsQuery) {
    if (filter.evaluationId && !this.readModel.evaluation(filter.evaluationId)) {
      throw notFound('Evaluation', filter.evaluationId);
    }
    return Promise.resolve(this.readModel.listFindings(filter));
  }
}

/** A finding now, or folded from its dated timeline as of a business day and/or as known at an instant. */
@QueryHandler(GetFindingQuery)
export class GetFindingHandler implements IQueryHandler<GetFindingQuery> {
  constructor(
    private readonly readModel: RectificationLedger,
    private readonly clock: Clock,
  ) {}

  execute({ findingId, travel }: GetFindingQuery) {
    const now = this.clock.now();
    const time = travel && parseTimeCut(travel, now);
    const finding = this.readModel.finding(findingId, time && !isPresent(time, now) ? time : null);
    if (!finding) throw notFound('Finding', findingId);
    return Promise.resolve(time ? { ...finding, time } : finding);
  }
}
