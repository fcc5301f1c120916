import { Injectable } from '@nestjs/common';
import { ProjectionEngine } from '../../event-sourcing/projection-engine.js';
import { Projection, RecordedEvent } from '../../event-sourcing/recorded-event.js';
import { EvaluationEvent, EvaluationRegistered } from '../domain/evaluation.events.js';
import { FindingEvent, FindingRecorded } from '../domain/finding.events.js';

export type EvaluationView = EvaluationRegistered['data'] & {
  readonly registeredAt: string;
  readonly registeredBy: string;
  readonly findingIds: string[];
};

export type FindingView = FindingRecorded['data'] & {
  readonly recordedAt: string;
  readonly recordedBy: string;
};

/** Evaluations and their findings, in the order they were registered. */
@Injectable()
export class EvaluationsReadModel implements Projection {
  private readonly evaluations = new Map<string, EvaluationView>();
  private readonly findings = new Map<string, FindingView>();

  constructor(engine: ProjectionEngine) {
    engine.register(this);
  }

  apply(event: RecordedEvent): void {
    const known = event as RecordedEvent<EvaluationEvent | FindingEvent>;
    switch (known.type) {
      case 'EvaluationRegistered':
        this.evaluations.set(known.data.evaluationId, {
          ...known.data,
          registeredAt: event.metadata.recordedAt,
          registeredBy: event.metadata.actorId,
          findingIds: [],
        });
        return;
      case 'FindingRecorded':
        this.findings.set(known.data.findingId, {
          ...known.data,
          recordedAt: event.metadata.recordedAt,
          recordedBy: event.metadata.actorId,
        });
        this.evaluations.get(known.data.evaluationId)?.findingIds.push(known.data.findingId);
        return;
    }
  }

  evaluation(id: string): EvaluationView | undefined {
    return this.evaluations.get(id);
  }

  listEvaluations(): EvaluationView[] {
    return [...this.evaluations.values()];
  }

  finding(id: string): FindingView | undefined {
    return this.findings.get(id);
  }

  listFindings(filter: { evaluationId?: string; category?: string } = {}): FindingView[] {
    const source = filter.evaluationId
      ? (this.evaluations.get(filter.evaluationId)?.findingIds ?? []).map((id) => this.findings.get(id)!)
      : [...this.findings.values()];
    return filter.category ? source.filter((finding) => finding.category === filter.category) : source;
  }
}
