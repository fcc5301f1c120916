import type { EventMetadata } from '../../event-store/event-store.port.js';
import type { RecordedEvent } from '../../event-sourcing/recorded-event.js';
import type { DomainEvent } from '../../shared/decider.js';
import { inCut, type TimeCut } from '../../shared/time-cut.js';
import { byOfficeDay, isCorrection, withCorrectionsApplied } from '../domain/business-order.js';

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
   * Set only on a close-out (销号 / 事项完成) listed in a history that its view does not count, or a reopening a correction
   * wrote that reopened no closing that stands (`historyAt`): why, in the words the finding page uses (「2026-12-06
   * 更正督查结果后销号不成立」, 「2026-12-07 更正督查结果后重新打开不成立」).
   */
  readonly closeOutUndone?: string;
  /**
   * Set only on a record retracted as entered by mistake (撤销误录, RecordRetracted: newcomer51-8 S1) listed in a history that
   * knows the retraction: the record is listed as entered, counted nowhere, with why, who and when.
   */
  readonly retracted?: RetractionNote;
};

/**
 * A retraction (RecordRetracted) as a history shows it beside the record it retracted: `reason` (录入错误的原因), the office day it
 * was entered (`retractedOn`, `YYYY-MM-DD`), its instant (`retractedAt`, ISO) and the supervisor's account id (`retractedBy`).
 */
export interface RetractionNote {
  readonly reason: string;
  readonly retractedOn: string;
  readonly retractedAt: string;
  readonly retractedBy: string;
}

/** The retraction note of `retraction` (a RecordRetracted timeline entry). */
const retractionNote = (retraction: TimelineEntry): RetractionNote => {
  const { reason, retractedOn } = retraction.data as { reason: string; retractedOn: string };
  return { reason, retractedOn, retractedAt: retraction.metadata.recordedAt, retractedBy: retraction.metadata.actorId };
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
 * one day in the order recorded (the lifecycle's rules keep each part's facts in that order) — but for
 * the papers a pass corrected to 不通过 had taken as before it, which stay before it (breaker49-8 S7).
 * `timeline` in the order recorded (by revision).
 */
export function timelineAt(timeline: readonly TimelineEntry[], cut: TimeCut): TimelineEntry[] {
  // Within a day in the order the corrected fold gives (as recorded, but for the papers a pass corrected to 不通过 had taken
  // as before it: placed before the failure, breaker49-8 S7): a stable sort by day.
  return byOfficeDay(asCorrected(timeline.filter((event) => knownInCut(cut, event))).events.filter((event) => event.occurredOn <= cut.asOf));
}

/**
 * The known events with every known correction applied to the fact it corrects (the domain's
 * business order, `withCorrectionsApplied`): the report or inspection then counts on its corrected
 * day and with its corrected outcome, and the corrections themselves are left out of the fold (the
 * history still lists them). A correction recorded after `knownAt` is not known, so the view shows
 * the uncorrected fact. `correctedBy` maps the revision of each corrected fact to the corrections
 * applied to it, in order.
 */
function asCorrected(known: readonly TimelineEntry[]): { events: TimelineEntry[]; correctedBy: Map<number, TimelineEntry[]>; undone: Set<number>; foundClosedCauses: Map<number, number> } {
  const { events, correctedBy, undone, ownDueDates, foundClosedCauses } = withCorrectionsApplied(known);
  // A return whose new due date a correction changed carries the date it gave itself, as the part now keeps it (`ownNewDueDate`,
  // part-view.ts): what a further correction of it is judged by, at a cut as now (breaker50-8 S2).
  const ownByRevision = new Map([...ownDueDates].map(([index, own]) => [known[index]!.revision, own.newDueDate ?? null]));
  const withOwn = ownByRevision.size === 0 ? events : events.map((event) => {
    const own = ownByRevision.get(event.revision);
    const given = (event.data as { newDueDate?: string }).newDueDate ?? null;
    return own === undefined || own === given ? event : ({ ...event, data: { ...event.data, ownNewDueDate: own } } as TimelineEntry);
  });
  return {
    events: withOwn,
    correctedBy: new Map([...correctedBy].map(([index, corrections]) => [known[index]!.revision, corrections])),
    undone: new Set([...undone].map((index) => known[index]!.revision)),
    // By revision: the office's reopening each PartsReopened the server wrote for it (`foundClosed`) belongs to (h56a).
    foundClosedCauses: new Map([...foundClosedCauses].map(([written, cause]) => [known[written]!.revision, known[cause]!.revision])),
  };
}

/**
 * The close-outs a parent's view passed through as it was folded, and the word its office uses for one (销号 for a
 * finding, 完成 for a work-plan item): what `historyAt` lists its close-out entries by. `closings`: each time the fold
 * closed the parent, in business order — the day (`closedOn` / `completedOn`, `YYYY-MM-DD`) and the folded event that
 * closed it (a pass as corrected, or the record that took the last open part away); see `noteClosing`.
 */
export interface CloseOutsCounted {
  readonly closings: readonly Closing[];
  /**
   * Each time the fold opened the parent again after a closing, in business order: the day (`YYYY-MM-DD`) and the folded
   * event that opened it (see `noteClosing`). A reopening the server wrote beside a correction stands only for one of these.
   */
  readonly openings?: readonly Closing[];
  readonly word: '销号' | '完成';
}

/** One closing of a parent in its fold: on `day`, by the folded event `by`. */
export interface Closing {
  readonly day: string;
  readonly by: TimelineEntry;
}

/**
 * Notes in `closings` a change of a parent's close-out day while it is folded: `before` and `after` the folded event `by`
 * (`YYYY-MM-DD` or null while open). A day moved while the parent stays closed replaces the closing it moved. A closed
 * parent open again is noted in `openings` (when given), on the day of the event that opened it.
 */
export function noteClosing(closings: Closing[], before: string | null, after: string | null, by: TimelineEntry, openings?: Closing[]): void {
  if (after === null && before !== null) openings?.push({ day: by.occurredOn, by });
  if (after === null || after === before) return;
  if (before !== null) closings.pop();
  closings.push({ day: after, by });
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
  if (correction.type === 'RecordRetracted') return '撤销误录';
  const factType = (correction.data as { factType?: string }).factType;
  return factType === 'InspectionLogged' ? '更正督查日期' : factType === 'RectificationReported' ? '更正报告日期' : '更正记录日期';
}

/** The China office day (`YYYY-MM-DD`, UTC+8) of an ISO instant: the day an entry was made. */
const officeDayOfInstant = (instant: string): string => new Date(Date.parse(instant) + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * The PartsReopened marking `entry` as written by the server for a part-only reopening that by date found the parent closed
 * (`foundClosed`, h54b): the entry itself, or — the parent's reopening — the PartsReopened recorded right after it with it.
 */
const foundClosedMark = (byRevision: ReadonlyMap<number, TimelineEntry>, entry: TimelineEntry): TimelineEntry | undefined => {
  const marked = (candidate: TimelineEntry | undefined) => candidate?.type === 'PartsReopened' && (candidate.data as { foundClosed?: true }).foundClosed === true;
  if (marked(entry)) return entry;
  if (!REOPENINGS.has(entry.type)) return undefined;
  const next = byRevision.get(entry.revision + 1);
  return marked(next) && next!.metadata.recordedAt === entry.metadata.recordedAt ? next : undefined;
};

/** A reopening the server wrote beside a correction (recorded at its instant): part of the correction, not a reopening anyone made. */
const writtenByCorrection = (known: readonly TimelineEntry[], entry: TimelineEntry): TimelineEntry | undefined =>
  REOPENINGS.has(entry.type) ? known.find((candidate) => isCorrection(candidate) && candidate.metadata.recordedAt === entry.metadata.recordedAt) : undefined;

/**
 * The words a close-out recorded for a closing that still stands, on another entry, carries (`closeOutUndone`): the pass
 * that closed the parent was moved (or written again by a correction), and its close-out with it. The page reads these
 * words to show that closing as one row, with 原录 D.
 */
export const CLOSE_OUT_MOVED = '改记于';

/**
 * The words a close-out carries (`closeOutUndone`) when a correction wrote it again for a closing that stands, on its own day,
 * on another entry (「2026-12-07 更正督查日期后重记，同 2026-11-05 销号」, breaker51-8 S1 S2 M1): the same closing, listed once —
 * the page shows no row for it, as for `CLOSE_OUT_MOVED`.
 */
export const CLOSE_OUT_AGAIN = '重记，同';

/** The close-outs of one closing and the close-outs written for closings the record no longer has (`closeOutsByClosing`). */
interface CloseOutsJudged {
  /** By the revision of the recorded close-out that stands for a closing: the closing, and the day it was first recorded on when a correction moved it. */
  readonly standing: Map<number, { readonly closing: Closing; readonly firstRecordedOn: string; readonly firstRecordedAt: string }>;
  /** By revision: a close-out of a closing that stands on another entry (moved, or written again), with the correction that did it. */
  readonly moved: Map<number, { readonly closing: Closing; readonly by: TimelineEntry | undefined }>;
  /** Revisions of close-outs a correction wrote for a closing that stands on another close-out of the same day: listed as copies. */
  readonly copies: Set<number>;
  /** The revision of the pass a close-out was recorded for (typed with it, or written beside a correction of it), if any. */
  readonly passOf: (closeOut: TimelineEntry) => number | undefined;
}

/**
 * Which recorded close-out stands for each closing of the fold (breaker49-8 S2 S3 S6 M4, newcomer49-8 S1 S2): each closing is
 * the pass (or other record) that closed the parent in business order as the record stands at the cut; the close-outs
 * recorded for that pass — typed with it, or written again beside a correction of it — are one closing: the one of its
 * day (else the first recorded) stands, the others moved. A closing by a record that is no pass takes the close-out
 * recorded with it, else one of its day. `correctedFact`: the revision each correction corrected.
 */
function closeOutsByClosing(known: readonly TimelineEntry[], folded: readonly TimelineEntry[], closings: readonly Closing[], correctedFact: ReadonlyMap<number, number>, cut: TimeCut): CloseOutsJudged {
  const byRevision = new Map(known.map((event) => [event.revision, event]));
  // The pass a close-out was recorded for: the pass typed at its instant, or the inspection a correction at its instant corrected.
  const passes = new Map<number, number | undefined>();
  const passOf = (closeOut: TimelineEntry): number | undefined => {
    if (!passes.has(closeOut.revision)) passes.set(closeOut.revision, passRecordedFor(closeOut));
    return passes.get(closeOut.revision);
  };
  const passRecordedFor = (closeOut: TimelineEntry): number | undefined => {
    const at = closeOut.metadata.recordedAt;
    const typed = known.findLast((event) => event.type === 'InspectionLogged' && event.revision < closeOut.revision && event.metadata.recordedAt === at);
    if (typed) return typed.revision;
    const correction = known.findLast((event) => isCorrection(event) && event.revision < closeOut.revision && event.metadata.recordedAt === at);
    const fact = correction && correctedFact.get(correction.revision);
    if (fact !== undefined && byRevision.get(fact)?.type === 'InspectionLogged') return fact;
    // Written beside a retraction or a correction of another record (撤销交办 leaving only verified parts: breaker54-8 S3,
    // newcomer54-8 S4): recorded for the pass that closed the parent then — the last pass recorded before it of its day — so a
    // date correction of that pass moves this closing (「…改记于 D」, 原录), as for a close-out typed with its pass.
    if (!correction) return undefined;
    const day = closeOutDayOf(closeOut);
    return known.findLast((event) => event.type === 'InspectionLogged' && event.revision < closeOut.revision && (event.data as { outcome?: string; inspectedOn?: string }).outcome === 'PASSED' && (event.data as { inspectedOn?: string }).inspectedOn === day)?.revision;
  };
  const closeOuts = known.filter((event) => CLOSE_OUTS.has(event.type));
  const standing: CloseOutsJudged['standing'] = new Map();
  const moved: CloseOutsJudged['moved'] = new Map();
  const copies = new Set<number>();
  const taken = new Set<number>();
  const closers = new Set(closings.map((closing) => closing.by.revision));
  const place = new Map(folded.map((event, index) => [event.revision, index]));
  // Undone by a reopening typed after it and dated before its day: a close-out of no closing (「因 D 重新打开，此销号不成立」).
  const reopenedBefore = (closeOut: TimelineEntry) =>
    known.some((later) => REOPENINGS.has(later.type) && later.metadata.recordedAt > closeOut.metadata.recordedAt && later.occurredOn < closeOutDayOf(closeOut) && !writtenByCorrection(known, later));
  closings.forEach((closing, index) => {
    const pass = closing.by.type === 'InspectionLogged' ? closing.by.revision : undefined;
    const ofPass = pass === undefined ? [] : closeOuts.filter((closeOut) => !taken.has(closeOut.revision) && passOf(closeOut) === pass);
    const free = closeOuts.filter((closeOut) => !taken.has(closeOut.revision) && closeOut.revision > closing.by.revision);
    // The close-out of the closing this one replaced (breaker50-8 S3): recorded for a pass of the same round — folded after the
    // closing before and by this one — that closes nothing now (another pass moved past it, or it moved before another), the
    // parent having been reopened since, so no correction wrote one for this closing.
    const from = index === 0 ? -1 : (place.get(closings[index - 1]!.by.revision) ?? -1);
    const until = place.get(closing.by.revision) ?? -1;
    const ofReplaced = () =>
      closeOuts.find((closeOut) => {
        const its = passOf(closeOut);
        const at = its === undefined ? undefined : place.get(its);
        return !taken.has(closeOut.revision) && its !== undefined && !closers.has(its) && at !== undefined && at > from && at <= until && !reopenedBefore(closeOut);
      });
    const chosen =
      ofPass.find((closeOut) => closeOutDayOf(closeOut) === closing.day) ??
      ofPass[0] ??
      free.find((closeOut) => closeOut.metadata.recordedAt === closing.by.metadata.recordedAt) ??
      free.find((closeOut) => closeOutDayOf(closeOut) === closing.day) ??
      ofReplaced();
    if (!chosen) return;
    taken.add(chosen.revision);
    // The day first recorded: the earliest of the pass's close-outs, as long as the correction that moved it is inside the cut.
    let firstRecordedOn = closing.day;
    // The instant the closing was first recorded (breaker53-8 S4): the earliest close-out of it — one written with a retraction or a
    // correction was not recorded before that, and a `knownAt` before it reads the parent open.
    let firstRecordedAt = chosen.metadata.recordedAt;
    for (const other of ofPass) {
      if (other === chosen) continue;
      taken.add(other.revision);
      if (other.metadata.recordedAt < firstRecordedAt) firstRecordedAt = other.metadata.recordedAt;
      const by = correctionAfter(known, other, pass!, correctedFact) ?? known.find((event) => isCorrection(event) && event.metadata.recordedAt === other.metadata.recordedAt);
      moved.set(other.revision, { closing, by });
      if (other.revision < chosen.revision && (!by || entryInCut(cut, by)) && firstRecordedOn === closing.day) firstRecordedOn = closeOutDayOf(other);
    }
    if (closeOutDayOf(chosen) !== closing.day && firstRecordedOn === closing.day) {
      const by = correctionAfter(known, chosen, pass ?? -1, correctedFact) ?? correctionAfter(known, chosen, passOf(chosen) ?? -1, correctedFact);
      // No correction moved it: recorded on another day than its closing's (an older Rectify wrote the 销号 of a pass found before a
      // part-only reopening on the parent's last pass day, breaker53-8 S1) — listed on its closing's day, saying the day it was recorded.
      if ((by && entryInCut(cut, by)) || !by) firstRecordedOn = closeOutDayOf(chosen);
    }
    standing.set(chosen.revision, { closing, firstRecordedOn, firstRecordedAt });
  });
  // A close-out a correction wrote again for a closing that stands on another entry of its day (breaker50-8 S1: a pass moved
  // back before the pass that closes the parent — the closing unchanged): a copy of that closing, not listed.
  // So is one a return wrote (h57a, breaker55-8 S2): a send-back or failed inspection dated before a removal that had kept the part
  // on (its report awaiting inspection), entered later, takes it off as of the removal — the removal's own 完成 stands again.
  const standingDays = new Set([...standing.values()].map(({ closing }) => closing.day));
  const writesAgain = (event: TimelineEntry) => isCorrection(event) || event.type === 'ReportSentBack' || (event.type === 'InspectionLogged' && (event.data as { outcome?: string }).outcome === 'FAILED');
  for (const closeOut of closeOuts) {
    if (taken.has(closeOut.revision) || !standingDays.has(closeOutDayOf(closeOut))) continue;
    if (known.some((event) => writesAgain(event) && event.revision < closeOut.revision && event.metadata.recordedAt === closeOut.metadata.recordedAt)) copies.add(closeOut.revision);
  }
  return { standing, moved, copies, passOf };
}

/** The first correction of the fact `fact` recorded after `entry`. */
const correctionAfter = (known: readonly TimelineEntry[], entry: TimelineEntry, fact: number, correctedFact: ReadonlyMap<number, number>): TimelineEntry | undefined =>
  known.find((event) => isCorrection(event) && event.revision > entry.revision && correctedFact.get(event.revision) === fact);

/**
 * A close-out that stands for `closing`, as a history lists it: on the closing's day, credited to the pass that closed
 * the parent — its inspector — whoever's entry recorded it, entered when a close-out of that closing was first recorded (`firstRecordedAt`,
 * ISO instant: breaker53-8 S4) (a supervisor's correction writes
 * the close-out again; the correction is listed as its own line, by its author). A closing by a record that is no pass
 * keeps the close-out's own actor. `firstRecordedOn` differing from the day: the close-out's data says the day first
 * recorded (`closedOnAsEntered` / `completedOnAsEntered`), for the page's 原录.
 */
function standingCloseOut(closeOut: TimelineEntry, closing: Closing, firstRecordedOn: string, firstRecordedAt: string): TimelineEntry {
  const field = closeOut.type === 'FindingClosedOut' ? 'closedOn' : 'completedOn';
  const data = { ...(closeOut.data as Record<string, unknown>), [field]: closing.day, ...(firstRecordedOn !== closing.day ? { [`${field}AsEntered`]: firstRecordedOn } : {}) };
  const pass = closing.by.type === 'InspectionLogged' ? closing.by : undefined;
  const { correctedAt: _correctedAt, closeOutUndone: _undone, ...entry } = closeOut;
  // Entered when the closing was first recorded (breaker53-8 S4: a 销号 written with a retraction or a correction read the pass's earlier
  // instant, while a `knownAt` between the two read the parent open): never before any close-out of it was recorded.
  return { ...entry, occurredOn: closing.day, data, ...(pass ? { metadata: { ...pass.metadata, recordedAt: firstRecordedAt } } : {}) } as TimelineEntry;
}

/**
 * The history at a cut: the events folded into the view, and every correction inside the cut. A
 * correction happened on the office day it was made (its `occurredOn`): a day before it does not
 * list it, as that day's view does not list anything else that happened later. A corrected fact is
 * listed as it was recorded, unchanged, when its corrections are listed beside it (they say what
 * changed, who changed it and why); when a correction is known but made after the day viewed, the
 * fact is listed as the view counts it — on its corrected day, with its corrected outcome — so a
 * past day's history and its figures tell one story; moved, its data says the day first entered (`dayAsEntered`,
 * `YYYY-MM-DD`; an inspection's own data lists its corrections).
 *
 * Close-outs (`closeOuts`: the closings the fold counted) are listed as the record stands at the cut (breaker49-8 S2 S3
 * S6 M4, newcomer49-8 S1 S2): one close-out per closing, on the day of the pass that closed the parent in business order
 * (as corrected), by its inspector, entered when the closing was first recorded (`standingCloseOut`), now and on every past day and
 * known instant alike — also when no close-out was recorded again on the corrected day (the parent reopened since).
 * Any other close-out entry is
 * - of the same closing (recorded for the same pass, then moved or written again by a correction): listed with
 *   `closeOutUndone` 「D 更正督查日期后改记于 D2」 — written again on the day it had, 「D 更正督查结果后重记，同 D2 销号」
 *   (`CLOSE_OUT_AGAIN`, breaker51-8 M1) — or left out when that correction was made after the day viewed;
 * - written by a correction for a closing that stands on another entry of its day (a pass moved away and back, breaker51-8
 *   S1 S2): listed with 「D 更正督查日期后重记，同 D2 销号」 — never left out when its correction is inside the cut, since the
 *   history now (the stream, its close-outs replaced by these) would list it as written, a second standing close-out;
 * - left out when what undid it is a correction made after the day viewed (a pass corrected to a failure, an
 *   inspection moved later): as that day counts the corrected fact, the close-out never happened, and neither did
 *   the reopening the server wrote beside the correction (also left out: nobody reopened anything that day);
 * - otherwise listed with `closeOutUndone`, the words that say why, naming the correction that undid it (breaker50-8 M2,
 *   `correctionThatUndid`): 「因 D 重新打开，此销号不成立」 (a reopening typed later, dated before it), 「D 更正督查结果后销号不成立」
 *   (a correction inside the cut), 「此销号不成立」.
 * A reopening the server wrote beside a correction inside the cut stands only for an opening of the fold (`closeOuts.openings`)
 * by the inspection that correction corrected, or by a reopening of its day (one the correction made find the parent closed);
 * otherwise it reopened no closing that stands and says so (`reopeningUndone`).
 * A work-plan item's say 完成 where a finding's say 销号. Without `closeOuts` nothing is judged.
 */
export function historyAt(timeline: readonly TimelineEntry[], folded: readonly TimelineEntry[], cut: TimeCut, closeOuts?: CloseOutsCounted): TimelineEntry[] {
  const foldedByRevision = new Map(folded.map((event) => [event.revision, event]));
  const known = timeline.filter((event) => knownInCut(cut, event));
  const { correctedBy, undone, foundClosedCauses } = asCorrected(known);
  const correctedFact = new Map<number, number>();
  for (const [fact, corrections] of correctedBy) for (const correction of corrections) correctedFact.set(correction.revision, fact);
  const judged = closeOuts ? closeOutsByClosing(known, folded, closeOuts.closings, correctedFact, cut) : undefined;
  // A hand-over undone since, and its undoing, are left out of the fold but listed, as they were recorded, on the days they name.
  const listed = timeline
    .filter((event) => foldedByRevision.has(event.revision) || judged?.standing.has(event.revision) || ((isCorrection(event) || undone.has(event.revision)) && entryInCut(cut, event)))
    .map((event) => {
      const corrections = correctedBy.get(event.revision);
      if (!corrections || corrections.every((correction) => entryInCut(cut, correction))) return event;
      const counted = foldedByRevision.get(event.revision);
      if (!counted) return event;
      // Its day first entered, for the page's 原录 D (newcomer49-8 M2: a report or 退办 read as if typed right; an inspection
      // carries its corrections in its data already).
      // A report's fold-only note of its first day (`reportedOnAsEntered`, for the part's card) is not listed: `dayAsEntered` says it.
      // So is a return's (`returnedOnAsEntered`, newcomer51-8 M4).
      const { reportedOnAsEntered: _entered, returnedOnAsEntered: _returned, inspectedOnAsEntered: _inspected, ...data } = counted.data as { reportedOnAsEntered?: string; returnedOnAsEntered?: string; inspectedOnAsEntered?: string };
      const shown = _entered === undefined && _returned === undefined && _inspected === undefined ? counted : ({ ...counted, data } as TimelineEntry);
      return shown.occurredOn === event.occurredOn || event.type === 'InspectionLogged' ? shown : ({ ...shown, data: { ...shown.data, dayAsEntered: event.occurredOn } } as TimelineEntry);
    })
    .map((event) => {
      // A record retracted as entered by mistake (newcomer51-8 S1), the retraction known at the cut: listed as entered, marked.
      const retraction = correctedBy.get(event.revision)?.find((correction) => correction.type === 'RecordRetracted');
      return retraction ? { ...event, retracted: retractionNote(retraction) } : event;
    });
  if (!closeOuts || !judged) return listed;
  // The fold's openings a reopening written beside a correction stands for: one each, the corrected pass's (breaker51-8 M1 S1).
  const openingsLeft = [...(closeOuts.openings ?? [])];
  const knownByRevision = new Map(known.map((event) => [event.revision, event]));
  /** By revision: the reopenings written for a part-only reopening found closed that stand, credited to that reopening's author. */
  const standingFoundClosed = new Map<number, TimelineEntry['metadata']>();
  /** By revision: the parent's reopenings written for one that no longer stand, with why (`closeOutUndone`), for the parts' line after it. */
  const voidFoundClosed = new Map<number, string>();
  return listed.flatMap((event) => {
    const mark = foundClosedMark(knownByRevision, event);
    if (mark) {
      // h54b (breaker54-8 S1 S2 S8 M3): what the server wrote for the office's part-only reopening found closed follows it —
      // listed where the fold has it (moved with the reopening), by the supervisor who entered the reopening, while it stands.
      // h56a (breaker55-8 S1 S3 S7): and when it does not — its cause retracted, both lines are listed 已撤销 with it; the pass
      // that made the cause find the parent closed retracted or moved, both say 「…后重新打开不成立」 — by that supervisor too, never
      // by whoever typed the record it was written with. The parts' line returning no part is never listed (one line: the parent's).
      const day = foldedByRevision.get(event.revision)?.occurredOn ?? event.occurredOn;
      const cause = knownByRevision.get(foundClosedCauses.get(mark.revision) ?? -1);
      const byCause = cause ? { ...event.metadata, actorId: cause.metadata.actorId, actorRole: cause.metadata.actorRole, actorUnitId: cause.metadata.actorUnitId } : event.metadata;
      if (event.type === 'PartsReopened') {
        if ((event.data as { unitIds?: readonly string[] }).unitIds?.length === 0) return [];
        if (event.retracted) return [{ ...event, metadata: byCause } as TimelineEntry];
        const credited = standingFoundClosed.get(event.revision - 1);
        if (credited) return [{ ...event, occurredOn: day, data: { ...event.data, reopenedOn: day }, metadata: { ...event.metadata, ...credited } } as TimelineEntry];
        return [{ ...event, occurredOn: day, data: { ...event.data, reopenedOn: day }, metadata: byCause, closeOutUndone: voidFoundClosed.get(event.revision - 1) ?? foundClosedUndone(known, event, cut) } as TimelineEntry];
      }
      if (event.retracted) return [{ ...event, metadata: byCause } as TimelineEntry];
      const opening = openingsLeft.findIndex((candidate) => candidate.by.type === 'PartsReopened' && candidate.day === day);
      if (opening >= 0) {
        const { actorId, actorRole, actorUnitId } = openingsLeft[opening]!.by.metadata;
        openingsLeft.splice(opening, 1);
        standingFoundClosed.set(event.revision, { ...event.metadata, actorId, actorRole, actorUnitId });
        return [{ ...event, occurredOn: day, data: { ...event.data, reopenedOn: day }, metadata: { ...event.metadata, actorId, actorRole, actorUnitId } } as TimelineEntry];
      }
      const undone = foundClosedUndone(known, event, cut);
      voidFoundClosed.set(event.revision, undone);
      return [{ ...event, occurredOn: day, data: { ...event.data, reopenedOn: day }, metadata: byCause, closeOutUndone: undone } as TimelineEntry];
    }
    const correction = writtenByCorrection(known, event);
    if (correction) {
      const fact = correctedFact.get(correction.revision);
      // The corrected pass's opening (a pass corrected to 不通过), or the opening by the part-only reopening of its day that the
      // correction made find the parent closed (h52a: a pass moved before it, the reopening moved after a pass) — listed on a day
      // before the correction or retraction too, when that day's fold opens there (breaker53-8 S4: 撤销交办 wrote 销号 and 重新打开, and
      // as of a day between them the finding read reopened with no 重新打开 line).
      const opening = openingsLeft.findIndex((candidate) => candidate.by.revision === fact || (candidate.by.type === 'PartsReopened' && candidate.day === event.occurredOn));
      if (opening >= 0) {
        openingsLeft.splice(opening, 1);
        return [event];
      }
      if (!entryInCut(cut, correction)) return [];
      return [{ ...event, closeOutUndone: reopeningUndone(known, event, correction, correctedFact, closeOuts.word) }];
    }
    if (REOPENINGS.has(event.type) && !event.retracted) {
      const undone = reopenedWhileOpen(known, event, closeOuts);
      return [undone ? { ...event, closeOutUndone: undone } : event];
    }
    if (!CLOSE_OUTS.has(event.type)) return [event];
    const standing = judged.standing.get(event.revision);
    if (standing) return [standingCloseOut(event, standing.closing, standing.firstRecordedOn, standing.firstRecordedAt)];
    const moved = judged.moved.get(event.revision);
    if (moved) {
      if (moved.by && !entryInCut(cut, moved.by)) return [];
      const because = moved.by ? `${officeDayOfInstant(moved.by.metadata.recordedAt)} ${correctionWords(moved.by)}后` : '';
      // Written again on the day it already had (a pass corrected to 不通过 and back, breaker51-8 M1): not 「改记于」 its own day.
      if (closeOutDayOf(event) === moved.closing.day) return [{ ...event, closeOutUndone: `${because}${CLOSE_OUT_AGAIN} ${moved.closing.day} ${closeOuts.word}` }];
      return [{ ...event, closeOutUndone: `${because}${closeOuts.word}${CLOSE_OUT_MOVED} ${moved.closing.day}` }];
    }
    // Written by a correction made after the day viewed (breaker50-8 S1): that day the close-out was not recorded, nor undone.
    const writtenBy = known.find((correction) => isCorrection(correction) && correction.revision < event.revision && correction.metadata.recordedAt === event.metadata.recordedAt);
    if (writtenBy && !entryInCut(cut, writtenBy)) return [];
    // Written again for a closing that stands on another entry of its day (breaker50-8 S1, breaker51-8 S1 S2): listed, saying so —
    // left out, the history now (the stream, its close-outs as listed here) showed it as a second standing close-out.
    if (judged.copies.has(event.revision)) return [{ ...event, closeOutUndone: `${writtenBy ? `${officeDayOfInstant(writtenBy.metadata.recordedAt)} ${correctionWords(writtenBy)}后` : ''}${CLOSE_OUT_AGAIN} ${closeOutDayOf(event)} ${closeOuts.word}` }];
    const day = closeOutDayOf(event);
    const after = known.filter((later) => later.metadata.recordedAt > event.metadata.recordedAt);
    const reopening = after.find((later) => REOPENINGS.has(later.type) && later.occurredOn < day && !writtenByCorrection(known, later) && !undone.has(later.revision) && entryInCut(cut, later));
    if (reopening) return [{ ...event, closeOutUndone: `因 ${reopening.occurredOn} 重新打开，此${closeOuts.word}不成立` }];
    const undoneBy = correctionThatUndid(known, event, judged.passOf(event), correctedFact);
    if (undoneBy && !entryInCut(cut, undoneBy)) return [];
    const because = undoneBy ? `${officeDayOfInstant(undoneBy.metadata.recordedAt)} ${correctionWords(undoneBy)}后` : '';
    return [{ ...event, closeOutUndone: `${because}${because ? '' : '此'}${closeOuts.word}不成立` }];
  });
}

/**
 * A parent's reopening (重新打开) typed while the parent read closed but dated on a day the fold has it open — before the close-out
 * it was typed after (breaker8n P4's rule: the parts verified that day are taken back, the close-out no longer stands) — reopened
 * nothing of the parent that day: the parent's reopened event was written because the record read it closed, but by date there
 * was no closing to reopen, as typed in date order (a part-only reopening, no 重新打开 of the whole). Listed saying so
 * (`closeOutUndone`, h56a breaker55-8 S9): 「2016-05-20 尚未销号（2016-05-26 才销号），此重新打开只退回当日已核验的任务」 (an item's
 * say 完成). Undefined for one that opened the fold on its day (by the parts it returned) or undid no later close-out.
 */
function reopenedWhileOpen(known: readonly TimelineEntry[], reopening: TimelineEntry, closeOuts: CloseOutsCounted): string | undefined {
  const day = reopening.occurredOn;
  if ((closeOuts.openings ?? []).some((opening) => opening.day === day)) return undefined;
  const undone = known.find((closeOut) => CLOSE_OUTS.has(closeOut.type) && closeOut.metadata.recordedAt < reopening.metadata.recordedAt && closeOutDayOf(closeOut) > day);
  if (!undone) return undefined;
  return `${day} 尚未${closeOuts.word}（${closeOutDayOf(undone)} 才${closeOuts.word}），此重新打开只退回当日已核验的任务`;
}

/**
 * Why a line the server wrote for a part-only reopening found closed (`foundClosed`) no longer stands, in the page's words: the
 * last correction inside `cut` recorded after it (a pass retracted or moved, the reopening moved past it) — 「2026-12-07 撤销误录后
 * 重新打开不成立」 — else 「此重新打开不成立」.
 */
function foundClosedUndone(known: readonly TimelineEntry[], written: TimelineEntry, cut: TimeCut): string {
  const undoneBy = known.filter((later) => isCorrection(later) && later.metadata.recordedAt > written.metadata.recordedAt && entryInCut(cut, later)).at(-1);
  return undoneBy ? `${officeDayOfInstant(undoneBy.metadata.recordedAt)} ${correctionWords(undoneBy)}后重新打开不成立` : '此重新打开不成立';
}

/**
 * The correction that undid `closeOut` (breaker50-8 M2: not merely the last one recorded since): the first later correction of
 * the pass it was recorded for (`pass`), else the first later one the server wrote a close-out or reopening beside (one that
 * changed the closing), else the last later correction; undefined when none was recorded after it.
 */
function correctionThatUndid(known: readonly TimelineEntry[], closeOut: TimelineEntry, pass: number | undefined, correctedFact: ReadonlyMap<number, number>): TimelineEntry | undefined {
  const later = known.filter((event) => isCorrection(event) && event.metadata.recordedAt > closeOut.metadata.recordedAt);
  const changedClosing = (correction: TimelineEntry) =>
    known.some((event) => (CLOSE_OUTS.has(event.type) || REOPENINGS.has(event.type)) && event.revision > correction.revision && event.metadata.recordedAt === correction.metadata.recordedAt);
  return (pass === undefined ? undefined : later.find((correction) => correctedFact.get(correction.revision) === pass)) ?? later.find(changedClosing) ?? later.at(-1);
}

/**
 * Why a reopening the server wrote beside `writtenBy` (a pass corrected to 不通过) does not stand, as `closeOutUndone` says it
 * (breaker51-8 M1 S1): the fold has no opening for it — the pass, as corrected, closed nothing that it reopened (it failed all
 * along, or a later correction made it pass again). A later correction of the same inspection to 通过 undid it: 「D 更正督查结果后重新打开不成立」;
 * else the correction that wrote it is all: 「D 更正督查结果后销号不成立，未曾重新打开」.
 */
function reopeningUndone(known: readonly TimelineEntry[], reopening: TimelineEntry, writtenBy: TimelineEntry, correctedFact: ReadonlyMap<number, number>, word: string): string {
  const fact = correctedFact.get(writtenBy.revision);
  const undoneBy = known.find(
    (event) =>
      event.type === 'InspectionCorrected' && (event.data as { outcome?: string }).outcome === 'PASSED' && event.revision > reopening.revision && fact !== undefined && correctedFact.get(event.revision) === fact,
  );
  if (undoneBy) return `${officeDayOfInstant(undoneBy.metadata.recordedAt)} ${correctionWords(undoneBy)}后重新打开不成立`;
  return `${officeDayOfInstant(writtenBy.metadata.recordedAt)} ${correctionWords(writtenBy)}后${word}不成立，未曾重新打开`;
}
