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
  /**
   * Set only on a close-out (销号 / 事项完成) listed in a history that its view does not count (`historyAt`): why,
   * in the words the finding page uses (「2026-12-06 更正督查结果后销号不成立」).
   */
  readonly closeOutUndone?: string;
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
 * The close-outs a parent's view passed through as it was folded (`days`: each `closedOn` /
 * `completedOn` it held after some event, `YYYY-MM-DD`) and the word its office uses for one
 * (销号 for a finding, 完成 for a work-plan item): what `historyAt` judges its close-out entries by.
 */
export interface CloseOutsCounted {
  readonly days: ReadonlySet<string>;
  readonly word: '销号' | '完成';
}

/** A parent's close-out entries and the reopenings that undo one. */
const CLOSE_OUTS = new Set(['FindingClosedOut', 'WorkPlanItemCompleted']);
const REOPENINGS = new Set(['FindingReopened', 'WorkPlanItemReopened']);

/** The day a close-out entry names (`closedOn` / `completedOn`, as listed). */
const closeOutDayOf = (entry: TimelineEntry): string => {
  const data = entry.data as { closedOn?: string; completedOn?: string };
  return data.closedOn ?? data.completedOn ?? entry.occurredOn;
};

/** How a correction reads in a close-out's note (the page's words for it). */
function correctionWords(correction: TimelineEntry): string {
  const data = correction.data as { outcome?: string; previousOutcome?: string };
  if (correction.type === 'InspectionCorrected') return data.outcome !== data.previousOutcome ? '更正督查结果' : '更正督查日期';
  if (correction.type === 'ReportDateCorrected') return '更正报告日期';
  if (correction.type === 'FindingIdentifiedOnCorrected') return '更正发现日期';
  const factType = (correction.data as { factType?: string }).factType;
  return factType === 'InspectionLogged' ? '更正督查日期' : factType === 'RectificationReported' ? '更正报告日期' : '更正记录日期';
}

/** The China office day (`YYYY-MM-DD`, UTC+8) of an ISO instant: the day an entry was made. */
const officeDayOfInstant = (instant: string): string => new Date(Date.parse(instant) + 8 * 3600_000).toISOString().slice(0, 10);

/** A reopening the server wrote beside a correction (recorded at its instant): part of the correction, not a reopening anyone made. */
const writtenByCorrection = (known: readonly TimelineEntry[], entry: TimelineEntry): TimelineEntry | undefined =>
  REOPENINGS.has(entry.type) ? known.find((candidate) => isCorrection(candidate) && candidate.metadata.recordedAt === entry.metadata.recordedAt) : undefined;

/**
 * A close-out the view counts, as a history at `cut` lists it (newcomer48-8 S1). One the server wrote again beside a
 * correction made after the day viewed (a pass, report or other record moved to another day: the close-out follows it)
 * is the close-out first recorded — its id, its actor (the inspector whose pass closed the parent), the instant it was
 * entered — on the day the view counts: as that day counts the corrected fact, nobody closed anything when the
 * correction was made, and the correction itself is not listed (it happened later). Otherwise `event` as recorded.
 */
function closeOutAsRecorded(known: readonly TimelineEntry[], event: TimelineEntry, cut: TimeCut, closeOuts: CloseOutsCounted): TimelineEntry {
  const correction = known.find((candidate) => isCorrection(candidate) && candidate.metadata.recordedAt === event.metadata.recordedAt);
  if (!correction || entryInCut(cut, correction)) return event;
  const before = known.filter((earlier) => earlier.revision < event.revision && (CLOSE_OUTS.has(earlier.type) || REOPENINGS.has(earlier.type)) && !writtenByCorrection(known, earlier));
  const first = before.at(-1);
  if (!first || !CLOSE_OUTS.has(first.type) || closeOuts.days.has(closeOutDayOf(first))) return event;
  const day = closeOutDayOf(event);
  const data = first.type === 'FindingClosedOut' ? { ...first.data, closedOn: day } : { ...first.data, completedOn: day };
  return { ...first, occurredOn: event.occurredOn, data } as TimelineEntry;
}

/**
 * The history at a cut: the events folded into the view, and every correction inside the cut. A
 * correction happened on the office day it was made (its `occurredOn`): a day before it does not
 * list it, as that day's view does not list anything else that happened later. A corrected fact is
 * listed as it was recorded, unchanged, when its corrections are listed beside it (they say what
 * changed, who changed it and why); when a correction is known but made after the day viewed, the
 * fact is listed as the view counts it — on its corrected day, with its corrected outcome — so a
 * past day's history and its figures tell one story.
 *
 * Close-outs likewise (newcomer46 S1, M1; `closeOuts`: what the fold counted). A close-out entry the view
 * does not count — its day is none the fold closed the parent on — is
 * - left out when what undid it is a correction made after the day viewed (a pass corrected to a failure, an
 *   inspection moved later): as that day counts the corrected fact, the close-out never happened, and neither did
 *   the reopening the server wrote beside the correction (also left out: nobody reopened anything that day);
 * - otherwise listed with `closeOutUndone`, the words that say why: 「因 D 重新打开，此销号不成立」 (a reopening typed
 *   later, dated before it), 「D 更正督查结果后销号不成立」 (a correction inside the cut), 「此销号不成立」.
 * A work-plan item's say 完成 where a finding's say 销号. Without `closeOuts` nothing is judged.
 */
export function historyAt(timeline: readonly TimelineEntry[], folded: readonly TimelineEntry[], cut: TimeCut, closeOuts?: CloseOutsCounted): TimelineEntry[] {
  const foldedByRevision = new Map(folded.map((event) => [event.revision, event]));
  const known = timeline.filter((event) => knownInCut(cut, event));
  const { correctedBy, undone } = asCorrected(known);
  // A hand-over undone since, and its undoing, are left out of the fold but listed, as they were recorded, on the days they name.
  const listed = timeline
    .filter((event) => foldedByRevision.has(event.revision) || ((isCorrection(event) || undone.has(event.revision)) && entryInCut(cut, event)))
    .map((event) => {
      const corrections = correctedBy.get(event.revision);
      if (!corrections || corrections.every((correction) => entryInCut(cut, correction))) return event;
      return foldedByRevision.get(event.revision) ?? event;
    });
  if (!closeOuts) return listed;
  return listed.flatMap((event) => {
    const correction = writtenByCorrection(known, event);
    if (correction) return entryInCut(cut, correction) ? [event] : [];
    if (!CLOSE_OUTS.has(event.type)) return [event];
    const day = closeOutDayOf(event);
    if (closeOuts.days.has(day)) return [closeOutAsRecorded(known, event, cut, closeOuts)];
    const after = known.filter((later) => later.metadata.recordedAt > event.metadata.recordedAt);
    const reopening = after.find((later) => REOPENINGS.has(later.type) && later.occurredOn < day && !writtenByCorrection(known, later) && entryInCut(cut, later));
    if (reopening) return [{ ...event, closeOutUndone: `因 ${reopening.occurredOn} 重新打开，此${closeOuts.word}不成立` }];
    const undoneBy = after.findLast(isCorrection);
    if (undoneBy && !entryInCut(cut, undoneBy)) return [];
    const because = undoneBy ? `${officeDayOfInstant(undoneBy.metadata.recordedAt)} ${correctionWords(undoneBy)}后` : '';
    return [{ ...event, closeOutUndone: `${because}${because ? '' : '此'}${closeOuts.word}不成立` }];
  });
}
