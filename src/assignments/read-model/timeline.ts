import type { EventMetadata } from '../../event-store/event-store.port.js';
import type { RecordedEvent } from '../../event-sourcing/recorded-event.js';
import type { DomainEvent } from '../../shared/decider.js';
import { inCut, type TimeCut } from '../../shared/time-cut.js';
import { isCorrection, withCorrectionsApplied } from '../domain/business-order.js';

/*
 * Time travel without replaying the log: each parent of parts (a finding, a work-plan item) keeps
 * its own events — its dated timeline, each entry with the office day it happened (`occurredOn`)
 * and the instant it was recorded — and a view at a time cut is folded from that timeline alone.
 * Its cost is in proportion to the parents shown, never to the log.
 */

/**
 * One event of a parent's stream as its timeline keeps it: what time travel folds and what its
 * history lists — type, data, revision, event id, both times and who — and nothing else (no
 * position, stream, schema version, command, correlation or request digest: ≈ 40 % of a stored
 * event's memory). A RecordedEvent is one too.
 */
export type TimelineEntry<Event extends DomainEvent = DomainEvent> = Event & {
  readonly id: string;
  readonly revision: number;
  /** The office day the fact happened (`YYYY-MM-DD`, business time). */
  readonly occurredOn: string;
  readonly metadata: Pick<EventMetadata, 'recordedAt' | 'actorId' | 'actorRole' | 'actorUnitId'>;
  /**
   * Set only on a fact a correction changed as a view folds it (see `asCorrected`): the instant the
   * office recorded the fact as it now reads — an inspection corrected to PASSED verified the part
   * when the correction was entered, not when the failure it undid was.
   */
  readonly correctedAt?: string;
};

/** The compact timeline entry of a projected event. */
export function timelineEntry<Event extends DomainEvent>(event: RecordedEvent<Event>): TimelineEntry<Event> {
  const { metadata } = event;
  return {
    type: event.type,
    data: event.data,
    id: event.id,
    revision: event.revision,
    occurredOn: event.occurredOn,
    metadata: { recordedAt: metadata.recordedAt, actorId: metadata.actorId, actorRole: metadata.actorRole, actorUnitId: metadata.actorUnitId },
  } as TimelineEntry<Event>;
}

/** The entry is inside the cut: it happened by `cut.asOf` and was recorded by `cut.knownAt`. */
export const entryInCut = (cut: TimeCut, event: TimelineEntry): boolean => inCut(cut, event.occurredOn, event.metadata.recordedAt);

/** The entry was recorded by `cut.knownAt`, whatever day it names (for definitions, which have no business day). */
export const knownInCut = (cut: TimeCut, event: { readonly metadata: { readonly recordedAt: string } }): boolean =>
  cut.knownAt === null || event.metadata.recordedAt <= cut.knownAt;

/**
 * The timeline's entries inside the cut, in business order: by the day they happened, and within
 * one day in the order recorded (the lifecycle's rules keep each part's facts in that order).
 */
export function timelineAt(timeline: readonly TimelineEntry[], cut: TimeCut): TimelineEntry[] {
  return asCorrected(timeline.filter((event) => knownInCut(cut, event))).events
    .filter((event) => event.occurredOn <= cut.asOf)
    .sort((a, b) => (a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : a.revision - b.revision));
}

/**
 * The known events with every known correction applied to the fact it corrects (the domain's
 * business order, `withCorrectionsApplied`): the report or inspection then counts on its corrected
 * day and with its corrected outcome, and the corrections themselves are left out of the fold (the
 * history still lists them). A correction recorded after `knownAt` is not known, so the view shows
 * the uncorrected fact. `correctedBy` maps the revision of each corrected fact to the corrections
 * applied to it, in order.
 */
function asCorrected(known: readonly TimelineEntry[]): { events: TimelineEntry[]; correctedBy: Map<number, TimelineEntry[]>; undone: Set<number> } {
  const { events, correctedBy, undone } = withCorrectionsApplied(known);
  return {
    events,
    correctedBy: new Map([...correctedBy].map(([index, corrections]) => [known[index]!.revision, corrections])),
    undone: new Set([...undone].map((index) => known[index]!.revision)),
  };
}

/**
 * The history at a cut: the events folded into the view, and every correction inside the cut. A
 * correction happened on the office day it was made (its `occurredOn`): a day before it does not
 * list it, as that day's view does not list anything else that happened later. A corrected fact is
 * listed as it was recorded, unchanged, when its corrections are listed beside it (they say what
 * changed, who changed it and why); when a correction is known but made after the day viewed, the
 * fact is listed as the view counts it — on its corrected day, with its corrected outcome — so a
 * past day's history and its figures tell one story.
 */
export function historyAt(timeline: readonly TimelineEntry[], folded: readonly TimelineEntry[], cut: TimeCut): TimelineEntry[] {
  const foldedByRevision = new Map(folded.map((event) => [event.revision, event]));
  const { correctedBy, undone } = asCorrected(timeline.filter((event) => knownInCut(cut, event)));
  // A hand-over undone since, and its undoing, are left out of the fold but listed, as they were recorded, on the days they name.
  return timeline
    .filter((event) => foldedByRevision.has(event.revision) || ((isCorrection(event) || undone.has(event.revision)) && entryInCut(cut, event)))
    .map((event) => {
      const corrections = correctedBy.get(event.revision);
      if (!corrections || corrections.every((correction) => entryInCut(cut, correction))) return event;
      return foldedByRevision.get(event.revision) ?? event;
    });
}
