import { applyAssignmentEvent, closeOutDay, sharingEmptyLists, type PartView } from '../../assignments/read-model/part-view.js';
import { isAssignmentEvent, isUnitRecord } from '../../assignments/domain/assignment.events.js';
import { recordsAfterWithdrawal } from '../../assignments/read-model/records-after-withdrawal.js';
import { typedOutOfDayOrder } from '../../assignments/read-model/out-of-day-order.js';
import { recordsSetAsideIn, setAsideBy, type OutOfPlanDays } from '../../assignments/domain/assignment.decider.js';
import { entryInCut, historyAt, knownInCut, noteClosing, timelineAt, timelineEntry, type Closing, type TimelineEntry } from '../../assignments/read-model/timeline.js';
import type { StreamReader } from '../../event-sourcing/projected-streams.js';
import type { Projection, RecordedEvent, SettleBatch } from '../../event-sourcing/recorded-event.js';
import { inCut, type TimeCut, EVERY_FACT } from '../../shared/time-cut.js';
import { foldAtCut } from '../../shared/time-travel-fold.js';
import type { EvaluationReceivedOnCorrected, EvaluationRegistered } from '../domain/evaluation.events.js';
import { findingStream, type FindingIdentifiedOnCorrected, type FindingRecorded, type FindingWithdrawn, type FindingWithdrawalUndone } from '../domain/finding.events.js';
import { withCorrectionsApplied } from '../../assignments/domain/business-order.js';
import { listedAsNoLine } from '../../assignments/read-model/history.js';
import type { SetAsideRecord } from '../../assignments/domain/assignment.events.js';
import { undoneByVerification } from '../../assignments/domain/part-facts.js';

export type EvaluationView = EvaluationRegistered['data'] & {
  readonly registeredAt: string;
  readonly registeredBy: string;
  readonly findingIds: string[];
};

export type FindingView = FindingRecorded['data'] & {
  readonly recordedAt: string;
  readonly recordedBy: string;
  /** WITHDRAWN (FindingWithdrawn): off the 台账, its parts no longer held (the history keeps them); back on it after FindingWithdrawalUndone. */
  status: 'OPEN' | 'CLOSED' | 'WITHDRAWN';
  /** The business day of the close-out (销号): the day of the inspection that verified the last part. */
  closedOn: string | null;
  closedAt: string | null;
  /** The office day it was withdrawn, and why; null while it is on the 台账. */
  withdrawnOn: string | null;
  withdrawalReason: string | null;
  /** The finding it repeats, when withdrawn as recorded twice (FindingWithdrawn.duplicateOf); null otherwise. */
  duplicateOf?: string | null;
  /** One part per assigned unit, keyed by unit id, in the order they were assigned; none once withdrawn. */
  readonly parts: Map<string, PartView>;
  /**
   * A withdrawn finding's parts as they stood on its withdrawal, with the facts dated before it that
   * were entered after it, read-only: what its page and the 台账 say the units had done (breaker11e P5,
   * breaker11f P6), counted in no figure. Null while on the 台账.
   */
  partsWhenWithdrawn: Map<string, PartView> | null;
  /**
   * Its units' records set aside for good by undoings of its withdrawal (FindingWithdrawalUndone.recordsSetAside,
   * breaker11q P5): counted in no view, listed on its page (`recordsSetAsideLines`). Absent when none (and in views
   * snapshotted before it was kept: none could exist then).
   */
  recordsSetAside?: SetAsideRecord[];
  /**
   * The earliest 发现日期 it was ever read as, when its 发现日期 was corrected (FindingIdentifiedOnCorrected): no cut before
   * it can hold the finding, whatever it knew (`identifiedInCut`). Absent when never corrected (then `identifiedOn`).
   */
  earliestIdentifiedOn?: string;
  /**
   * Set once one of its events was typed out of day order (`typedOutOfDayOrder`: a reopening, report or return after a later
   * record, a hand-over or merge after a later one that had passed or joined its parts):
   * from then on its view is folded again by day after each of its events (`settle`), as the views of past days and as known
   * later fold it — the live join in typing order could keep another record. Absent otherwise.
   */
  foldedByDay?: true;
  /**
   * Set once its stream holds a retraction (撤销误录, RecordRetracted): a page of its history now reads its lines as listed
   * (`closeOutsUndone`), the retracted records marked 已撤销, whatever else its view is folded by (h52a). Absent otherwise.
   */
  holdsRetractions?: true;
};

/**
 * A finding as it stood at a time cut, with the events its history lists then, in the order
 * recorded (`historyEntry` makes each line when asked): the events folded and the corrections known.
 */
export type FindingAtCut = FindingView & { readonly history: readonly TimelineEntry[] };

/**
 * A finding in a list folded at a time cut: its view then and the cut it was folded at, without its
 * timeline — a list of every finding at a cut is kept by the time-travel cache, and with every
 * finding's events it held about 100 MB a day at 100k events (breaker12 P8). Its history, when a
 * page asks for it, is folded again at `foldedAt` (`findingAt`).
 */
export type FindingInListAt = FindingView & { readonly foldedAt: TimeCut };

const FINDING_STREAM_PREFIX = 'finding-';

function newFindingView(event: TimelineEntry<FindingRecorded>, earliestIdentifiedOn?: string): FindingView {
  return {
    ...event.data,
    ...(earliestIdentifiedOn !== undefined && earliestIdentifiedOn !== event.data.identifiedOn ? { earliestIdentifiedOn } : {}),
    recordedAt: event.metadata.recordedAt,
    recordedBy: event.metadata.actorId,
    status: 'OPEN',
    closedOn: null,
    closedAt: null,
    withdrawnOn: null,
    withdrawalReason: null,
    duplicateOf: null,
    parts: new Map(),
    partsWhenWithdrawn: null,
  };
}

/**
 * One event of a finding's stream (other than FindingRecorded) moves its view. Status and close-out
 * day follow the parts after every event (see `closeOutDay`), not the close-out and reopen entries:
 * folded in business order, a close-out entry a later correction undid or moved would otherwise
 * close the finding on a day its parts were not all verified.
 */
function applyToFinding(finding: FindingView, event: TimelineEntry): void {
  if (event.type === 'FindingIdentifiedOnCorrected') {
    // Live only (a fold at a cut reads the recording corrected: `identifiedAt`): the 发现日期 as corrected, nothing else moves.
    const { identifiedOn } = (event as TimelineEntry<FindingIdentifiedOnCorrected>).data;
    const earliest = [finding.earliestIdentifiedOn ?? finding.identifiedOn, identifiedOn].sort()[0]!;
    Object.assign(finding, { identifiedOn, ...(earliest !== identifiedOn ? { earliestIdentifiedOn: earliest } : {}) });
    if (earliest === identifiedOn) delete finding.earliestIdentifiedOn;
    return;
  }
  if (event.type === 'FindingWithdrawalUndone') {
    const setAside = (event as TimelineEntry<FindingWithdrawalUndone>).data.recordsSetAside ?? [];
    if (setAside.length > 0) finding.recordsSetAside = [...(finding.recordsSetAside ?? []), ...setAside];
  }
  if (finding.status === 'WITHDRAWN') {
    // An undoing names the withdrawal it undoes by its day: folded by day, a withdrawal moved earlier (breaker8f P1) is not undone by the undoing of the later one.
    if (event.type !== 'FindingWithdrawalUndone' || (event as TimelineEntry<FindingWithdrawalUndone>).data.withdrawnOn !== finding.withdrawnOn) {
      // A fact dated before the withdrawal, entered after it (breaker8d P12), is on the record its page and 台账 row show (breaker11f P6).
      if (isAssignmentEvent(event) && finding.partsWhenWithdrawn) applyAssignmentEvent(finding.partsWhenWithdrawn, event);
      return;
    }
    // The withdrawal does not stand (a pass dated before it): back on the 台账 with its parts as they stand now.
    for (const [unitId, part] of finding.partsWhenWithdrawn ?? []) finding.parts.set(unitId, part);
    Object.assign(finding, { withdrawnOn: null, withdrawalReason: null, duplicateOf: null, partsWhenWithdrawn: null });
  }
  if (event.type === 'FindingWithdrawn') {
    const { withdrawnOn, reason, duplicateOf } = (event as TimelineEntry<FindingWithdrawn>).data;
    // Off the 台账: no part is held any more, so no figure, list of work or reminder counts one.
    Object.assign(finding, { status: 'WITHDRAWN', withdrawnOn, withdrawalReason: reason, duplicateOf: duplicateOf ?? null, closedOn: null, closedAt: null });
    finding.partsWhenWithdrawn = new Map(finding.parts);
    finding.parts.clear();
    return;
  }
  if (isAssignmentEvent(event)) applyAssignmentEvent(finding.parts, event);
  const closedOn = closeOutDay(finding.parts);
  finding.status = closedOn === null ? 'OPEN' : 'CLOSED';
  finding.closedOn = closedOn;
  finding.closedAt = closedOn === null ? null : (finding.closedAt ?? event.metadata.recordedAt);
}

/**
 * Whether a finding’s event is a unit’s record set aside for good by an undoing of its withdrawal
 * (`setAside`, from `recordsSetAsideIn` over the events folded: breaker11q P5), which stays on its history only.
 */
const setAsideForGood = (setAside: readonly OutOfPlanDays[], event: TimelineEntry): boolean => setAside.length > 0 && setAsideBy(setAside, event, event.occurredOn);

/** The parts a finding holds, or held on its withdrawal when that was more. */
const partsHeld = (finding: FindingView): number => Math.max(finding.parts.size, finding.partsWhenWithdrawn?.size ?? 0);

/**
 * The rectification ledger (整改台账): evaluations, their findings, every finding's parts with
 * reports, inspections and deadlines as they stand. A finding's history and dated timeline are its
 * own stream, read from the log when asked (`history`, `findingAt`): the heap and the snapshot keep
 * the views, not every event's payload, and time travel folds only the findings it shows.
 */
export class RectificationLedger implements Projection {
  private readonly evaluations = new Map<string, EvaluationView>();
  private readonly findings = new Map<string, FindingView>();
  /** Events of each finding's stream projected so far (its history's length: `historyLength`). */
  private readonly historyLengths = new Map<string, number>();
  /** Events of each finding's stream listed as no history line (`listedAsNoLine`), where there are any: `historyLineCount`. */
  private readonly hiddenHistoryLines = new Map<string, number>();
  /** Not state (a private name, left out of snapshots): where the findings' streams are read. */
  readonly #streams: StreamReader;
  /** Not state: the most parts one finding has held (`largestFindingParts`); -1 until counted (after a restore). */
  #largestFindingParts = -1;
  /** Not state: findings whose views `settle` folds again from their streams (an undoing set records aside for good: `apply`). */
  readonly #toFoldAgain = new Set<string>();
  /** Not state: per read model that reads findings' live views (`readsFoldedAgain`), the findings `settle` folded again since it took them. */
  readonly #foldedAgain = new Map<string, Set<string>>();

  constructor(streams: StreamReader) {
    this.#streams = streams;
  }

  /**
   * Its fields as the snapshot kept them (the default restore), each part's empty lists then shared again (`sharingEmptyLists`:
   * the snapshot brings back an array of its own for each, perf53). Before any event.
   */
  restore(state: unknown): void {
    Object.assign(this, state);
    for (const finding of this.findings.values()) {
      for (const part of finding.parts.values()) sharingEmptyLists(part);
      for (const part of finding.partsWhenWithdrawn?.values() ?? []) sharingEmptyLists(part);
    }
  }

  /** Registers `reader` (a read model that reads findings' live views as events arrive) for `takeFoldedAgain`; before any event. */
  readsFoldedAgain(reader: string): void {
    if (!this.#foldedAgain.has(reader)) this.#foldedAgain.set(reader, new Set());
  }

  /** The findings `settle` folded again since `reader`'s last call (it reads their views again), forgotten here. Empty for an unregistered reader. */
  takeFoldedAgain(reader: string): string[] {
    const kept = this.#foldedAgain.get(reader);
    if (!kept || kept.size === 0) return [];
    const findingIds = [...kept];
    kept.clear();
    return findingIds;
  }

  /**
   * After an undoing that set its units' records aside for good (FindingWithdrawalUndone.recordsSetAside, breaker11q P5): the
   * finding's view folded again from its stream as far as projected, without them — typed before the withdrawal was known,
   * they are in its parts. Changed in place (the read models hold the view), `closedAt` kept when the close-out day is the
   * same; every reader of `takeFoldedAgain` is told. O(those findings' streams); undefined when there is nothing to fold.
   * A finding folded by day (`foldedByDay`) is folded again once per catch-up batch, at its end (`batch.ends`;
   * `settlesLater` says one waits), not after each of its events (perf47: quadratic in its events).
   */
  settle(batch?: SettleBatch): Promise<void> | undefined {
    const toFold = [...this.#toFoldAgain].filter((findingId) => batch?.ends !== false || !this.findings.get(findingId)?.foldedByDay);
    if (toFold.length === 0) return undefined;
    for (const findingId of toFold) this.#toFoldAgain.delete(findingId);
    return (async () => {
      for (const findingId of toFold) {
        const finding = this.findings.get(findingId);
        const projected = this.historyLength(findingId);
        const folded = findingAt((await this.timeline(findingId)).filter((entry) => entry.revision < projected), EVERY_FACT);
        if (!finding || !folded) continue;
        const { history: _history, parts, ...view } = folded;
        const closedAt = view.closedOn !== null && view.closedOn === finding.closedOn ? finding.closedAt : view.closedAt;
        Object.assign(finding, { ...view, closedAt });
        finding.parts.clear();
        for (const [unitId, part] of parts) finding.parts.set(unitId, part);
        for (const findingIds of this.#foldedAgain.values()) findingIds.add(findingId);
      }
    })();
  }

  /** Whether `settle` left a finding's refold for the end of the catch-up batch (see there). */
  get settlesLater(): boolean {
    return this.#toFoldAgain.size > 0;
  }

  apply(event: RecordedEvent): void {
    if (event.type === 'EvaluationReceivedOnCorrected') {
      const corrected = event as RecordedEvent<EvaluationReceivedOnCorrected>;
      // In place: the finding list holds the same view (breaker8r P11).
      const view = this.evaluations.get(corrected.data.evaluationId);
      if (view) view.receivedOn = corrected.data.receivedOn;
      return;
    }
    if (event.type === 'EvaluationRegistered') {
      const registered = event as RecordedEvent<EvaluationRegistered>;
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
      this.historyLengths.set(recorded.data.findingId, 1);
      this.evaluations.get(recorded.data.evaluationId)?.findingIds.push(recorded.data.findingId);
      return;
    }
    const finding = this.findings.get(event.streamId.slice(FINDING_STREAM_PREFIX.length));
    if (!finding) return;
    this.historyLengths.set(finding.findingId, this.historyLength(finding.findingId) + 1);
    if (listedAsNoLine(event)) this.hiddenHistoryLines.set(finding.findingId, (this.hiddenHistoryLines.get(finding.findingId) ?? 0) + 1);
    if (event.type === 'RecordRetracted') finding.holdsRetractions = true;
    applyToFinding(finding, timelineEntry(event));
    if (event.type === 'FindingWithdrawalUndone' && ((event as RecordedEvent<FindingWithdrawalUndone>).data.recordsSetAside ?? []).length > 0) this.#toFoldAgain.add(finding.findingId);
    if (finding.foldedByDay || typedOutOfDayOrder(event, finding.parts)) {
      finding.foldedByDay = true;
      this.#toFoldAgain.add(finding.findingId);
    }
    if (this.#largestFindingParts >= 0) this.#largestFindingParts = Math.max(this.#largestFindingParts, partsHeld(finding));
  }

  /**
   * The most parts one finding has held (a withdrawn finding's parts as they stood included): what a
   * finding's `assignments` may list now or on a past day, for the cost check (breaker12f P6: a finding
   * of 各单位 holds every unit's part, priced as 5). O(1) per event; counted once after a restore.
   */
  get largestFindingParts(): number {
    if (this.#largestFindingParts < 0) this.#largestFindingParts = Math.max(0, ...[...this.findings.values()].map(partsHeld));
    return this.#largestFindingParts;
  }

  /** The parts the finding holds (as they stood on its withdrawal, when withdrawn, if more); undefined for no such finding. */
  partsOf(id: string): number | undefined {
    const finding = this.findings.get(id);
    return finding && partsHeld(finding);
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

  /** The finding as it stands now; undefined for an id the ledger does not hold. */
  finding(id: string): FindingView | undefined {
    return this.findings.get(id);
  }

  /**
   * The finding as it stood at `cut`, folded from its stream read from the log (O(its own events));
   * undefined when the ledger does not hold it or it was not yet identified then — told from the view
   * kept now (its FindingRecorded's instant, which nothing changes later, and the earliest 发现日期 it was ever read as), without reading the
   * stream: a past day's dashboard or scorecard read every finding's rows, a third of them (those
   * identified or recorded after the cut) only to leave them out (issue 12, row 4).
   */
  async findingAt(id: string, cut: TimeCut): Promise<FindingAtCut | undefined> {
    const now = this.findings.get(id);
    if (!now || !identifiedInCut(now, cut)) return undefined;
    return findingAt(await this.timeline(id), cut);
  }

  /**
   * Every event of the finding's stream the ledger has projected, in the order recorded, dated on
   * both axes: its history now. Empty for an id the ledger does not hold.
   */
  async timeline(id: string): Promise<TimelineEntry[]> {
    return this.findings.has(id) ? await this.#streams.read(findingStream(id)) : [];
  }

  /** How many events the finding's stream holds as projected (its history's length); 0 for an unknown finding. O(1). */
  historyLength(id: string): number {
    return this.historyLengths.get(id) ?? 0;
  }

  /**
   * How many lines the finding's history lists for a reader who sees every line: its events as projected but those listed as no
   * line (`listedAsNoLine`) — `historyPage.totalCount`, the lines a client pages through. O(1); 0 for an unknown finding.
   */
  historyLineCount(id: string): number {
    return this.historyLength(id) - (this.hiddenHistoryLines.get(id) ?? 0);
  }

  /**
   * Up to `maxCount` events of the finding's history now, from the stream revision `fromRevision` on: a
   * page read from the log without the rest of the stream (breaker12g P6). Empty for an unknown finding.
   */
  async timelineSlice(id: string, fromRevision: number, maxCount: number): Promise<TimelineEntry[]> {
    if (!this.findings.has(id) || maxCount <= 0) return [];
    return (await this.#streams.read(findingStream(id), { fromRevision, maxCount })).filter((event) => event.revision >= fromRevision).slice(0, maxCount);
  }

  /**
   * A withdrawn finding's parts as its page and 台账 row show them (breaker11j P3): as they stood on
   * its withdrawal — every fact inside `cut` (absent: everything entered), except the units' own
   * records dated on or after the withdrawal (made before the office knew of it, counted nowhere;
   * listed apart, `recordsAfterWithdrawal`), folded in business order (`partsOnWithdrawal`): the
   * decider judges a record entered later on the same parts. `partsWhenWithdrawn` itself, with no
   * read, when it holds no such record; a finding not withdrawn: its parts. O(its own events) when read.
   */
  async partsAsWithdrawn(finding: FindingView, cut?: TimeCut): Promise<ReadonlyMap<string, PartView>> {
    const { withdrawnOn } = finding;
    if (finding.status !== 'WITHDRAWN' || withdrawnOn === null) return finding.parts;
    const held = finding.partsWhenWithdrawn ?? finding.parts;
    if (![...held.values()].some((part) => recordsAfterWithdrawal(part, withdrawnOn).length > 0)) return held;
    return partsOnWithdrawal(await this.timeline(finding.findingId), withdrawnOn, cut) ?? held;
  }

  /**
   * Per unit, its records the finding's undoings set aside for good (`FindingView.recordsSetAside`, breaker11q P5) — counted in
   * no view — one Chinese line each with why, as a work-plan item's page lists them: 「2026-10-13 报送整改报告（该问题的撤销因更早
   * 的核验而不成立，此记录随之不再成立，不计入统计）」, in business order. `finding`: now, or as folded at `cut` (absent: everything
   * entered). Null, with no read, when it has none; else O(its own events).
   */
  async recordsSetAsideLines(finding: FindingView, cut?: TimeCut): Promise<Map<string, string[]> | null> {
    if ((finding.recordsSetAside ?? []).length === 0) return null;
    return recordsSetAsideOf(await this.timeline(finding.findingId), cut);
  }

  listFindings(filter: { evaluationId?: string; category?: string } = {}): FindingView[] {
    const source = filter.evaluationId
      ? (this.evaluations.get(filter.evaluationId)?.findingIds ?? []).map((id) => this.findings.get(id)!)
      : [...this.findings.values()];
    return filter.category ? source.filter((finding) => finding.category === filter.category) : source;
  }

  /**
   * The findings `listFindings(filter)` names, each as it stood at `cut` (those not yet identified
   * then left out), folded a slice at a time (see `foldAtCut`; `latestRecordedAt`: the instant of the
   * latest event projected, which keeps the fold consistent while events arrive); without their
   * timelines (`FindingInListAt`).
   */
  listFindingsAt(filter: { evaluationId?: string; category?: string }, cut: TimeCut, latestRecordedAt: string | null): Promise<FindingInListAt[]> {
    const ids = this.listFindings(filter).map((finding) => finding.findingId);
    return foldAtCut(ids, cut, latestRecordedAt, async (id, at) => {
      const folded = await this.findingAt(id, at);
      if (!folded) return undefined;
      // The timeline is left behind as each finding is folded, so the fold never holds them all.
      const { history: _history, ...view } = folded;
      return { ...view, foldedAt: at };
    });
  }
}

/**
 * The finding's FindingRecorded is inside the cut (`entryInCut` of its timeline's first entry: its
 * `occurredOn` is the event's `identifiedOn`, its instant the view's `recordedAt`). True when the view
 * does not carry the day (then the stream is read and `findingAt` decides).
 */
export const identifiedInCut = (view: Pick<FindingView, 'identifiedOn' | 'recordedAt' | 'earliestIdentifiedOn'>, cut: TimeCut): boolean =>
  typeof view.identifiedOn !== 'string' || inCut(cut, view.earliestIdentifiedOn ?? view.identifiedOn, view.recordedAt);

/**
 * The finding's timeline split for a fold at `cut`: its recording (FindingRecorded, the first entry) with the corrections
 * of its 发现日期 known at the cut applied (`withCorrectionsApplied`, FindingIdentifiedOnCorrected: a cut known before a
 * correction reads the day as recorded then), the earliest day it was ever read as, and the rest of the stream. Undefined
 * for a timeline that does not start with FindingRecorded.
 */
function identifiedAt(
  timeline: readonly TimelineEntry[],
  cut: TimeCut,
): { recorded: TimelineEntry<FindingRecorded>; earliestIdentifiedOn: string; rest: TimelineEntry[] } | undefined {
  const [first, ...rest] = timeline as [TimelineEntry<FindingRecorded> | undefined, ...TimelineEntry[]];
  if (first?.type !== 'FindingRecorded') return undefined;
  const corrections = rest.filter((entry) => entry.type === 'FindingIdentifiedOnCorrected');
  if (corrections.length === 0) return { recorded: first, earliestIdentifiedOn: first.data.identifiedOn, rest };
  const known = corrections.filter((entry) => knownInCut(cut, entry));
  const recorded = withCorrectionsApplied([first, ...known]).events[0] as TimelineEntry<FindingRecorded>;
  const days = [first.data.identifiedOn, ...corrections.map((entry) => (entry as TimelineEntry<FindingIdentifiedOnCorrected>).data.identifiedOn)].sort();
  return { recorded, earliestIdentifiedOn: days[0]!, rest };
}

/**
 * Folds a finding's timeline (its stream, FindingRecorded first) inside the cut: undefined when the
 * finding was not yet identified then.
 */
export function findingAt(timeline: readonly TimelineEntry[], cut: TimeCut): FindingAtCut | undefined {
  const identified = identifiedAt(timeline, cut);
  if (!identified || !entryInCut(cut, identified.recorded)) return undefined;
  const { recorded, rest } = identified;
  const view = newFindingView(recorded, identified.earliestIdentifiedOn);
  const folded = timelineAt(rest, cut);
  // Its units' records set aside for good by an undoing known at the cut count nowhere (breaker11q P5).
  const setAside = recordsSetAsideIn(folded);
  // Each closing the fold passed through, and the event that closed it: what `historyAt` lists close-outs by (breaker49-8 S2 S3 S6).
  const closings: Closing[] = [];
  const openings: Closing[] = [];
  for (const event of folded) {
    const before = view.closedOn;
    if (!setAsideForGood(setAside, event)) applyToFinding(view, event);
    noteClosing(closings, before, view.closedOn, event, openings);
  }
  // Withdrawn as recorded twice: never a problem of its own, so off the 台账 on every day once that is known (breaker8d P5).
  const duplicate = duplicateWithdrawalKnown(rest, cut);
  if (duplicate && view.status !== 'WITHDRAWN') applyToFinding(view, duplicate);
  // The recording is listed as entered when a correction of its 发现日期 is listed beside it (inside the cut), else as it counts.
  const listed = rest.some((entry) => entry.type === 'FindingIdentifiedOnCorrected' && entryInCut(cut, entry)) ? (timeline[0] as TimelineEntry) : recorded;
  return { ...view, history: [listed, ...historyAt(rest, folded, cut, { closings, openings, word: '销号' })] };
}

/**
 * The finding's views day by day, everything entered known (`knownAt` null): `visit(day, view)` is
 * called once for the day it was identified (every fact dated by then folded in) and once for each
 * later office day (`YYYY-MM-DD`) a fact of its timeline happened on (corrections applied, business
 * order), with the view as `findingAt(timeline, { asOf: day })` gives it — folded once, not once per
 * day. The view is the same object each call, changed in place: read it inside `visit`. Nothing is
 * visited for a timeline that does not start with FindingRecorded; a finding withdrawn as recorded
 * twice is visited withdrawn on every day (as `findingAt` shows it).
 */
export function foldFindingByDay(timeline: readonly TimelineEntry[], visit: (day: string, view: FindingView) => void): void {
  const identified = identifiedAt(timeline, EVERY_FACT);
  if (!identified) return;
  const { recorded, rest } = identified;
  const view = newFindingView(recorded, identified.earliestIdentifiedOn);
  const duplicate = duplicateWithdrawalKnown(rest, EVERY_FACT);
  const visitDay = (day: string) => {
    if (duplicate && view.status !== 'WITHDRAWN') {
      // Withdrawn as a repeat: off the 台账 on every day (what findingAt does at the end of each fold).
      visit(day, { ...view, status: 'WITHDRAWN', parts: new Map(), partsWhenWithdrawn: new Map(view.parts) });
    } else visit(day, view);
  };
  let day = recorded.occurredOn;
  const folded = timelineAt(rest, EVERY_FACT);
  const setAside = recordsSetAsideIn(folded);
  for (const event of folded) {
    if (event.occurredOn > day) {
      visitDay(day);
      day = event.occurredOn;
    }
    if (!setAsideForGood(setAside, event)) applyToFinding(view, event);
  }
  visitDay(day);
}

/**
 * See `RectificationLedger.recordsSetAsideLines`: the finding's timeline (FindingRecorded first) inside `cut`, folded in
 * business order with nothing left out, each set-aside record's unit's records of its day as `recordsAfterWithdrawal`
 * words them, with why — the undoing that set it aside came from a pass dated before the withdrawal, or from the office's
 * correction of it. Units without such records are not in the map.
 */
export function recordsSetAsideOf(timeline: readonly TimelineEntry[], cut: TimeCut = EVERY_FACT): Map<string, string[]> {
  const identified = identifiedAt(timeline, cut);
  const lines = new Map<string, string[]>();
  if (!identified) return lines;
  const { recorded, rest } = identified;
  const everything = newFindingView(recorded);
  const folded = timelineAt(rest, cut);
  for (const event of folded) applyToFinding(everything, event);
  const parts = everything.status === 'WITHDRAWN' ? (everything.partsWhenWithdrawn ?? everything.parts) : everything.parts;
  for (const event of folded) {
    if (event.type !== 'FindingWithdrawalUndone') continue;
    const undoing = event as TimelineEntry<FindingWithdrawalUndone>;
    const why = undoneByVerification(undoing.data) ? '该问题的撤销因更早的核验而不成立，此记录随之不再成立，不计入统计' : '该问题的撤销已更正，此记录与补录的更早记录冲突，随之不再成立，不计入统计';
    for (const record of undoing.data.recordsSetAside ?? []) {
      const part = parts.get(record.unitId);
      if (!part) continue;
      const ofDay = recordsAfterWithdrawal(part, record.on).filter((line) => line.slice(0, 10) === record.on).map((line) => `${line}（${why}）`);
      lines.set(record.unitId, [...new Set([...(lines.get(record.unitId) ?? []), ...ofDay])].sort((a, b) => a.slice(0, 10).localeCompare(b.slice(0, 10))));
    }
  }
  return lines;
}

/**
 * The finding's withdrawal as a repeat of another finding (`FindingWithdrawn.duplicateOf`) known at
 * the cut (recorded by `knownAt`, whatever its day) and not undone by a FindingWithdrawalUndone known
 * then; undefined when there is none. Such a finding counts on no day: a day before its withdrawal
 * shows it 已撤销 too, where a finding the evaluator withdrew counts until its `withdrawnOn`.
 */
function duplicateWithdrawalKnown(timeline: readonly TimelineEntry[], cut: TimeCut): TimelineEntry<FindingWithdrawn> | undefined {
  const known = timeline.filter((event) => knownInCut(cut, event));
  const last = known.findLastIndex((event) => event.type === 'FindingWithdrawn' || event.type === 'FindingWithdrawalUndone');
  const withdrawal = known[last] as TimelineEntry<FindingWithdrawn> | undefined;
  return withdrawal?.type === 'FindingWithdrawn' && withdrawal.data.duplicateOf !== undefined ? withdrawal : undefined;
}

/**
 * The parts of a finding withdrawn on `withdrawnOn` as they stood on the withdrawal: its timeline
 * (FindingRecorded first) inside `cut` (absent: everything entered), corrections applied, without
 * the units' own records (`isUnitRecord`) dated on or after `withdrawnOn`, folded in business order;
 * undefined when the finding is not withdrawn so folded (not yet identified, or the withdrawal is
 * outside the cut). See `RectificationLedger.partsAsWithdrawn`.
 */
export function partsOnWithdrawal(timeline: readonly TimelineEntry[], withdrawnOn: string, cut: TimeCut = EVERY_FACT): Map<string, PartView> | undefined {
  const identified = identifiedAt(timeline, cut);
  if (!identified) return undefined;
  const { recorded, rest } = identified;
  const view = newFindingView(recorded);
  const folded = timelineAt(rest, cut);
  const setAside = recordsSetAsideIn(folded);
  for (const event of folded) if (!(isUnitRecord(event) && event.occurredOn >= withdrawnOn) && !setAsideForGood(setAside, event)) applyToFinding(view, event);
  return view.status === 'WITHDRAWN' ? (view.partsWhenWithdrawn ?? undefined) : undefined;
}
