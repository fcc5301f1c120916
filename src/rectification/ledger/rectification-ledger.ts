import { applyAssignmentEvent, type PartView } from '../../assignments/read-model/part-view.js';
import { isAssignmentEvent } from '../../assignments/domain/assignment.events.js';
import { historyEntry, type HistoryEntry } from '../../assignments/read-model/history.js';
import type { Projection, RecordedEvent } from '../../event-sourcing/recorded-event.js';
import type { EvaluationEvent, EvaluationRegistered } from '../domain/evaluation.events.js';
import type { FindingEvent, FindingRecorded } from '../domain/finding.events.js';

export type EvaluationView = EvaluationRegistered['data'] & {
  readonly registeredAt: string;
  readonly registeredBy: string;
  readonly findingIds: string[];
};

export type FindingView = FindingRecorded['data'] & {
  readonly recordedAt: string;
  readonly recordedBy: string;
  status: 'OPEN' | 'CLOSED';
  closedOn: string | null;
  closedAt: string | null;
  /** One part per assigned unit, keyed by unit id, in the order they were assigned. */
  readonly parts: Map<string, PartView>;
  readonly history: HistoryEntry[];
};

const FINDING_STREAM_PREFIX = 'finding-';

/**
 * The rectification ledger (整改台账): evaluations, their findings, every finding's parts with
 * reports, inspections and deadlines, and its full history. A plain class so that time travel
 * can replay the log into a fresh one.
 */
export class RectificationLedger implements Projection {
  private readonly evaluations = new Map<string, EvaluationView>();
  private readonly findings = new Map<string, FindingView>();

  apply(event: RecordedEvent): void {
    if (event.type === 'EvaluationRegistered') {
      const registered = event as RecordedEvent<EvaluationEvent>;
      this.evaluations.set(registered.data.evaluationId, {
        ...registered.data,
        registeredAt: event.metadata.recordedAt,
        registeredBy: event.metadata.actorId,
        findingIds: [],
      });
      return;
    }
    if (!event.streamId.startsWith(FINDING_STREAM_PREFIX)) return;
    if (event.type === 'FindingRecorded') this.recordFinding(event as RecordedEvent<FindingRecorded>);
    const finding = this.findings.get(event.streamId.slice(FINDING_STREAM_PREFIX.length));
    if (!finding) return;
    finding.history.push(historyEntry(event));
    if (isAssignmentEvent(event)) {
      applyAssignmentEvent(finding.parts, event);
      return;
    }
    const own = event as RecordedEvent<FindingEvent>;
    switch (own.type) {
      case 'FindingClosedOut':
        finding.status = 'CLOSED';
        finding.closedOn = own.data.closedOn;
        finding.closedAt = event.metadata.recordedAt;
        return;
      case 'FindingReopened':
        finding.status = 'OPEN';
        finding.closedOn = null;
        finding.closedAt = null;
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

  private recordFinding(event: RecordedEvent<FindingRecorded>) {
    this.findings.set(event.data.findingId, {
      ...event.data,
      recordedAt: event.metadata.recordedAt,
      recordedBy: event.metadata.actorId,
      status: 'OPEN',
      closedOn: null,
      closedAt: null,
      parts: new Map(),
      history: [],
    });
    this.evaluations.get(event.data.evaluationId)?.findingIds.push(event.data.findingId);
  }
}
