import { applyAssignmentEvent, closeOutDay, type PartView } from '../../assignments/read-model/part-view.js';
import { isAssignmentEvent } from '../../assignments/domain/assignment.events.js';
import { entryInCut, historyAt, timelineAt, timelineEntry, type TimelineEntry } from '../../assignments/read-model/timeline.js';
import type { Projection, RecordedEvent } from '../../event-sourcing/recorded-event.js';
import type { TimeCut } from '../../shared/time-cut.js';
import type { EvaluationEvent, EvaluationRegistered } from '../domain/evaluation.events.js';
import type { FindingRecorded } from '../domain/finding.events.js';

export type EvaluationView = EvaluationRegistered['data'] & {
  readonly registeredAt: string;
  readonly registeredBy: string;
  readonly findingIds: string[];
};

export type FindingView = FindingRecorded['data'] & {
  readonly recordedAt: string;
  readonly recordedBy: string;
  status: 'OPEN' | 'CLOSED';
  /** The business day of the close-out (销号): the day of the inspection that verified the last part. */
  closedOn: string | null;
  closedAt: string | null;
  /** One part per assigned unit, keyed by unit id, in the order they were assigned. */
  readonly parts: Map<string, PartView>;
  /**
   * The events its history lists, in the order recorded (`historyEntry` makes each line when
   * asked): the whole timeline (the same array) now; as of a cut, the events folded and the
   * corrections known then.
   */
  readonly history: readonly TimelineEntry[];
  /** Every event of the finding's stream, in the order recorded, dated on both axes (compact entries). */
  readonly timeline: TimelineEntry[];
};

const FINDING_STREAM_PREFIX = 'finding-';

function newFindingView(event: TimelineEntry<FindingRecorded>): FindingView {
  const timeline: TimelineEntry[] = [event];
  return {
    ...event.data,
    recordedAt: event.metadata.recordedAt,
    recordedBy: event.metadata.actorId,
    status: 'OPEN',
    closedOn: null,
    closedAt: null,
    parts: new Map(),
    history: timeline,
    timeline,
  };
}

/**
 * One event of a finding's stream (other than FindingRecorded) moves its view. Status and close-out
 * day follow the parts after every event (see `closeOutDay`), not the close-out and reopen entries:
 * folded in business order, a close-out entry a later correction undid or moved would otherwise
 * close the finding on a day its parts were not all verified.
 */
function applyToFinding(finding: FindingView, event: TimelineEntry): void {
  if (isAssignmentEvent(event)) applyAssignmentEvent(finding.parts, event);
  const closedOn = closeOutDay(finding.parts);
  finding.status = closedOn === null ? 'OPEN' : 'CLOSED';
  finding.closedOn = closedOn;
  finding.closedAt = closedOn === null ? null : (finding.closedAt ?? event.metadata.recordedAt);
}

/**
 * The rectification ledger (整改台账): evaluations, their findings, every finding's parts with
 * reports, inspections and deadlines, and its full history. Each finding keeps its dated timeline,
 * so the ledger also answers as of a business day and as known at an instant (`findingAt`).
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
    if (event.type === 'FindingRecorded') {
      const recorded = event as RecordedEvent<FindingRecorded>;
      this.findings.set(recorded.data.findingId, newFindingView(timelineEntry(recorded)));
      this.evaluations.get(recorded.data.evaluationId)?.findingIds.push(recorded.data.findingId);
      return;
    }
    const finding = this.findings.get(event.streamId.slice(FINDING_STREAM_PREFIX.length));
    if (!finding) return;
    const entry = timelineEntry(event);
    finding.timeline.push(entry);
    applyToFinding(finding, entry);
  }

  evaluation(id: string): EvaluationView | undefined {
    return this.evaluations.get(id);
  }

  /** How many evaluations and findings the ledger holds (lists check they have seen them all). */
  counts(): { evaluations: number; findings: number } {
    return { evaluations: this.evaluations.size, findings: this.findings.size };
  }

  listEvaluations(): EvaluationView[] {
    return [...this.evaluations.values()];
  }

  /** The finding as it stands now (no cut), or as it stood at `cut` — undefined if not yet identified then. */
  finding(id: string, cut: TimeCut | null = null): FindingView | undefined {
    const live = this.findings.get(id);
    return live && (cut === null ? live : findingAt(live, cut));
  }

  listFindings(filter: { evaluationId?: string; category?: string } = {}, cut: TimeCut | null = null): FindingView[] {
    const source = filter.evaluationId
      ? (this.evaluations.get(filter.evaluationId)?.findingIds ?? []).map((id) => this.findings.get(id)!)
      : [...this.findings.values()];
    const filtered = filter.category ? source.filter((finding) => finding.category === filter.category) : source;
    if (cut === null) return filtered;
    return filtered.map((finding) => findingAt(finding, cut)).filter((finding): finding is FindingView => finding !== undefined);
  }
}

/** Folds the finding's timeline inside the cut: O(its own events). */
function findingAt(live: FindingView, cut: TimeCut): FindingView | undefined {
  const [recorded, ...rest] = live.timeline as [TimelineEntry<FindingRecorded>, ...TimelineEntry[]];
  if (!entryInCut(cut, recorded)) return undefined;
  const view = newFindingView(recorded);
  const folded = timelineAt(rest, cut);
  for (const event of folded) applyToFinding(view, event);
  return { ...view, history: [recorded, ...historyAt(rest, folded, cut)] };
}
