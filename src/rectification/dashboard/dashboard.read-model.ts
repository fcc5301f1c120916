import { EVERY_FACT } from '../../shared/time-cut.js';
import {
  emptyTallies,
  meanRemediationDays,
  overdueOn,
  updateParent,
  type PartTallies,
  type PartTally,
} from '../../assignments/read-model/part-tallies.js';
import type { Projection, RecordedEvent, SnapshotCaptures } from '../../event-sourcing/recorded-event.js';
import type { UnitsReadModel } from '../../organization/units/units.read-model.js';
import { byPinyin } from '../../shared/chinese-order.js';
import type { FindingView, RectificationLedger } from '../ledger/rectification-ledger.js';
import { findingStatus } from '../ledger/finding-status.js';
import { otherPartsOpen, pageAlerts, partAlert, shownDue, sortByUrgency, type Dashboard, type GroupProgress, type PartAlert, type PartCounts, type UnitProgress } from './dashboard.js';
import {
  addOpenPart,
  countByLight,
  distinctOrder,
  emptyOpenPartIndex,
  listOpenParts,
  removeOpenPart,
  renameUnit,
  walkOpenParts,
  type DistinctOpenPartOrder,
  type ListedPart,
  type OpenPartIndex,
  type OpenPartOrder,
  type OpenPartPosition,
} from './open-part-index.js';
import { decodeCursor, encodeCursor, lazyConnection, pageSize, type Connection, type Edge, type ListOrder, type PageRequest } from '../../shared/pagination/page.js';
import type { TimeCut } from '../../shared/time-cut.js';
import type { PartStatus } from '../../assignments/read-model/part-view.js';
import { awaitsUnit, reportedDaysLate, type TrafficLight } from '../../assignments/read-model/part-view.js';
import { addToSortedSet, removeFromSortedSet } from '../../shared/sorted-set.js';
import { daysBetween } from '../../shared/calendar-date.js';
import { foldAtCut } from '../../shared/time-travel-fold.js';
import { foldFindingByDay } from '../ledger/rectification-ledger.js';
import {
  applyFindingEvent,
  dayNumber,
  emptyByDay,
  figuresOn,
  OneRefoldAtATime,
  openPartsOn,
  recordedAfter,
  refoldFinding,
  scoresOn,
  segmentOf,
  withSharesReplaced,
  type ByDayState,
  type FiguresOnDay,
  type Segment,
  type UnitScoreFigures,
} from './dashboard-by-day.js';
import { knownInCut } from '../../assignments/read-model/timeline.js';

const FINDING_STREAM_PREFIX = 'finding-';

/** What one finding adds to the finding-level figures. */
interface FindingFacts {
  readonly seq: number;
  readonly evaluationId: string;
  readonly category: string;
  closed: boolean;
  /** 待交办: no part yet (see `findingStatus`). */
  unassigned: boolean;
  /** 已撤销: counted nowhere since (FindingWithdrawn). */
  withdrawn?: boolean;
}

interface Group {
  findings: number;
  closed: number;
}

/** The read model's whole state: plain data, so it can be snapshotted as it is. */
export interface DashboardState {
  readonly findings: Map<string, FindingFacts>;
  /** Finding ids in the order recorded (`FindingFacts.seq` indexes it). */
  readonly findingIds: string[];
  closed: number;
  /** Findings with no part yet (待交办). */
  unassigned: number;
  /** Findings withdrawn (已撤销): in `findingIds`, in no figure. */
  withdrawn: number;
  /** By evaluation, in the order each evaluation's first finding was recorded. */
  readonly perEvaluation: Map<string, Group>;
  readonly perCategory: Map<string, Group>;
  readonly parts: PartTallies;
  readonly openParts: OpenPartIndex;
  /**
   * The same open parts split by status (ASSIGNED, RETURNED, REPORTED), each in the same order: a
   * page or count narrowed to a status walks only its parts (`openPartsPage(status:)`), never every
   * open part with a look-up of each.
   */
  readonly openPartsByStatus: Map<PartStatus, OpenPartIndex>;
  /** Each unit's findings (those where it has a part), as `seq`s ascending. */
  readonly findingsOfUnit: Map<string, number[]>;
  /**
   * Each unit's findings where it ever had a part (assigned, or handed over to it), as `seq`s
   * ascending: the only findings where it can have a part at any time cut.
   */
  readonly findingsEverOfUnit: Map<string, number[]>;
  /** The latest instant an event projected so far was recorded at (ISO); null before any. */
  latestRecordedAt: string | null;
  /** The figures on every past office day, as per-day deltas (see dashboard-by-day.ts). */
  readonly byDay: ByDayState;
}

const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10);

/** The dashboard's figures without its two lists of open parts. */
export type DashboardSummary = Omit<Dashboard, 'openParts' | 'overdue'>;

/** What a page of open parts is narrowed to: one light, one part status. */
export interface OpenPartFilter {
  readonly light?: TrafficLight;
  readonly status?: PartStatus;
}

const positionOf = ({ entry, dueDate, light }: ListedPart): OpenPartPosition => ({ light, dueDate, unitId: entry.unitId, seq: entry.seq });

/**
 * The open parts' cursors in one order (list `openParts`, or `openParts.<order>` for another than
 * urgency): the position a page ended at, written out (`RED|2026-06-30|<unit id>|<finding seq>`),
 * so the next page starts right after it (walkOpenParts); a cursor of one order is refused by another.
 */
const openPartCursors = (order: DistinctOpenPartOrder): ListOrder<ListedPart, OpenPartPosition> => ({
  list: order === 'URGENCY' ? 'openParts' : `openParts.${order}`,
  keyOf: positionOf,
  // Only encode/decode are used: walkOpenParts finds the place itself.
  compare: () => 0,
  encode: ({ light, dueDate, unitId, seq }) => `${light}|${dueDate}|${unitId}|${seq}`,
  decode: (text) => {
    const match = /^(RED|YELLOW|GREEN)\|(\d{4}-\d{2}-\d{2})\|([^|]{1,100})\|(0|[1-9]\d{0,8})$/.exec(text);
    return match ? { light: match[1] as TrafficLight, dueDate: match[2]!, unitId: match[3]!, seq: Number(match[4]) } : undefined;
  },
});

/** What a past day's list of open parts is sorted, narrowed and paged by (see `DashboardReadModel.openPartsOn`). */
export type OpenPartKey = Pick<PartAlert, 'findingId' | 'unitId' | 'unitName' | 'status' | 'dueDate' | 'daysLeft' | 'trafficLight'>;

/** A page of the open-part list: `offset` alerts skipped, at most `limit` returned. */
export interface OpenPartPage {
  readonly totalCount: number;
  readonly alerts: PartAlert[];
}

/**
 * The supervisors' dashboard kept up to date as events arrive, so `dashboard` now answers from
 * counters and indexes instead of scanning every finding: finding totals per evaluation and
 * category, part counts overall and per unit, overdue parts per due day, and every open part in
 * the dashboard's order. After each event of a finding it recounts that finding alone, from the
 * rectification ledger's view of it (registered before this one, so already up to date): the
 * figures are the ledger's, folded the same way, never a second reading of the events. Answers
 * equal `buildDashboard` over the ledger's findings (a property spec checks it).
 */
export class DashboardReadModel implements Projection {
  private state: DashboardState = {
    findings: new Map(),
    findingIds: [],
    closed: 0,
    unassigned: 0,
    withdrawn: 0,
    perEvaluation: new Map(),
    perCategory: new Map(),
    parts: emptyTallies(),
    openParts: emptyOpenPartIndex(),
    openPartsByStatus: new Map(),
    findingsOfUnit: new Map(),
    findingsEverOfUnit: new Map(),
    latestRecordedAt: null,
    byDay: emptyByDay(),
  };

  /** Events applied since start: a kept summary is good while it has not moved (not part of the snapshot). */
  private applied = 0;
  private kept: { applied: number; today: string; dueSoonDays: number; summary: DashboardSummary } | null = null;
  /** The last past day's figures (not part of the snapshot). */
  private keptFigures: { key: string; figures: FiguresOnDay } | null = null;
  /** The last past day's open parts in urgency order (not part of the snapshot). */
  private keptOpenParts: { key: string; parts: readonly OpenPartKey[] } | null = null;
  /** Light counts by `status|today|window`, good while `applied` has not moved: each count asked again is O(1). */
  private lightCounts: { applied: number; byKey: Map<string, Record<TrafficLight, number>> } = { applied: -1, byKey: new Map() };

  constructor(
    private readonly ledger: RectificationLedger,
    private readonly units: UnitsReadModel,
  ) {
    ledger.readsFoldedAgain('dashboard');
  }

  /**
   * The findings the ledger folded again after this event (`RectificationLedger.settle`: records set aside for good by an
   * undoing, breaker11q P5) counted again from their views; their past days are refolded anyway (an undoing always is).
   * Synchronous: the ledger settled before (registered first).
   */
  settle(): undefined {
    for (const findingId of this.ledger.takeFoldedAgain('dashboard')) {
      const finding = this.ledger.finding(findingId);
      if (!finding) continue;
      this.recount(finding);
      // The figures kept for the event (`applied`) changed with it.
      this.applied += 1;
    }
    return undefined;
  }

  /** Its state alone, plain data (the ledger and units it reads are snapshotted on their own). */
  snapshot(): DashboardState {
    return this.state;
  }

  /** Puts back what `snapshot` returned, on a fresh instance, before any event is applied. */
  restore(state: unknown): void {
    this.state = state as DashboardState;
    this.kept = null;
  }

  apply(event: RecordedEvent): void {
    this.applied += 1;
    const recordedAt = event.metadata.recordedAt;
    if (this.state.latestRecordedAt === null || recordedAt > this.state.latestRecordedAt) this.state.latestRecordedAt = recordedAt;
    if (event.type === 'UnitRegistered' || event.type === 'UnitRenamed' || event.type === 'UnitRegistrationCorrected') {
      const unitId = (event.data as { unitId: string }).unitId;
      const name = this.unitName(unitId);
      renameUnit(this.state.openParts, unitId, name);
      for (const index of this.state.openPartsByStatus.values()) renameUnit(index, unitId, name);
      return;
    }
    if (!event.streamId.startsWith(FINDING_STREAM_PREFIX)) return;
    const findingId = event.streamId.slice(FINDING_STREAM_PREFIX.length);
    const finding = this.ledger.finding(findingId);
    if (!finding) return;
    this.recount(finding);
    const seq = this.state.findings.get(findingId)!.seq;
    applyFindingEvent(this.state.byDay, event, finding, seq);
    if (event.type === 'UnitAssigned') addToSortedSet(this.state.findingsEverOfUnit, (event.data as { unitId: string }).unitId, seq);
    if (event.type === 'PartHandedOver') addToSortedSet(this.state.findingsEverOfUnit, (event.data as { successorUnitId: string }).successorUnitId, seq);
  }

  private unitName(unitId: string): string {
    return this.units.get(unitId)?.name ?? unitId;
  }

  /** Moves the figures from what was counted for the finding to what it is now. */
  private recount(finding: FindingView): void {
    const state = this.state;
    let facts = state.findings.get(finding.findingId);
    if (!facts) {
      facts = { seq: state.findingIds.length, evaluationId: finding.evaluationId, category: finding.category, closed: false, unassigned: false };
      state.findings.set(finding.findingId, facts);
      state.findingIds.push(finding.findingId);
      groupOf(state.perEvaluation, facts.evaluationId).findings += 1;
      groupOf(state.perCategory, facts.category).findings += 1;
    }
    if (finding.status === 'WITHDRAWN' && !facts.withdrawn) {
      // Off the 台账 (until a withdrawal is undone): out of every total and group (its parts leave below, as the view no longer holds them).
      state.withdrawn += 1;
      groupOf(state.perEvaluation, facts.evaluationId).findings -= 1;
      groupOf(state.perCategory, facts.category).findings -= 1;
      facts.withdrawn = true;
    } else if (finding.status !== 'WITHDRAWN' && facts.withdrawn) {
      // The withdrawal did not stand (FindingWithdrawalUndone): back in every total and group.
      state.withdrawn -= 1;
      groupOf(state.perEvaluation, facts.evaluationId).findings += 1;
      groupOf(state.perCategory, facts.category).findings += 1;
      facts.withdrawn = false;
    }
    const closed = finding.status === 'CLOSED';
    if (closed !== facts.closed) {
      const delta = closed ? 1 : -1;
      state.closed += delta;
      groupOf(state.perEvaluation, facts.evaluationId).closed += delta;
      groupOf(state.perCategory, facts.category).closed += delta;
      facts.closed = closed;
    }
    const unassigned = findingStatus(finding) === 'UNASSIGNED' && !facts.withdrawn;
    if (unassigned !== facts.unassigned) {
      state.unassigned += unassigned ? 1 : -1;
      facts.unassigned = unassigned;
    }
    const seq = facts.seq;
    for (const { before, after } of updateParent(state.parts, finding.findingId, finding.parts)) {
      if (before && before.status !== 'VERIFIED') {
        removeOpenPart(state.openParts, before.dueDate, before.unitId, seq);
        removeOpenPart(this.statusIndex(before.status), before.dueDate, before.unitId, seq);
      }
      if (after && after.status !== 'VERIFIED') {
        // A standing part (常态化) is never overdue: listed green whatever its day, like a reported one.
        const awaiting = awaitsUnit(after) && !after.standing;
        // Frozen: the same entry is kept in two indexes, and a snapshot may write them in two pieces (snapshot-file.ts).
        const entry = Object.freeze({ seq, parentId: finding.findingId, unitId: after.unitId, awaiting });
        const unitName = this.unitName(after.unitId);
        addOpenPart(state.openParts, after.dueDate, entry, unitName);
        addOpenPart(this.statusIndex(after.status), after.dueDate, entry, unitName);
      }
      if (!before && after) addToSortedSet(state.findingsOfUnit, after.unitId, seq);
      if (before && !after) removeFromSortedSet(state.findingsOfUnit, before.unitId, seq);
    }
  }

  /** The open parts of one status, to change (an empty index kept for it from the first part of that status). */
  private statusIndex(status: PartStatus): OpenPartIndex {
    let index = this.state.openPartsByStatus.get(status);
    if (!index) this.state.openPartsByStatus.set(status, (index = emptyOpenPartIndex()));
    return index;
  }

  /** The open parts of one status, to read: a query changes no state (see SnapshotCaptures), so none is kept for a status asked before any part had it. */
  private statusIndexRead(status: PartStatus): OpenPartIndex {
    return this.state.openPartsByStatus.get(status) ?? emptyOpenPartIndex();
  }

  /**
   * How many open parts (of `status`, or all) have each light on `today`: worked out once per
   * event, day and window (O(due days)), then O(1) for every other count asked — however many
   * aliases or subscribers ask it on one change.
   */
  private countLights(status: PartStatus | undefined, today: string, dueSoonDays: number): Record<TrafficLight, number> {
    if (this.lightCounts.applied !== this.applied) this.lightCounts = { applied: this.applied, byKey: new Map() };
    const key = `${status ?? '*'}|${today}|${dueSoonDays}`;
    let counts = this.lightCounts.byKey.get(key);
    if (!counts) {
      counts = countByLight(status ? this.statusIndexRead(status) : this.state.openParts, today, dueSoonDays);
      this.lightCounts.byKey.set(key, counts);
    }
    return counts;
  }

  /**
   * The dashboard on `today` (the office day now, `YYYY-MM-DD`) with the yellow window
   * `dueSoonDays` (days); `openParts` and `overdue` are the full lists (see `openPartPage`).
   */
  dashboard(today: string, dueSoonDays: number): Dashboard {
    const openParts = this.openPartPage(today, dueSoonDays).alerts;
    return { ...this.summary(today, dueSoonDays), openParts, overdue: openParts.filter((alert) => alert.trafficLight === 'RED') };
  }

  /**
   * Every figure of the dashboard but its two lists: O(units + evaluations + categories), kept until
   * the next event or another day. Callers must not change what it returns.
   */
  summary(today: string, dueSoonDays: number): DashboardSummary {
    const kept = this.kept;
    if (kept && kept.applied === this.applied && kept.today === today && kept.dueSoonDays === dueSoonDays) return kept.summary;
    const summary = this.summarise(today, dueSoonDays);
    this.kept = { applied: this.applied, today, dueSoonDays, summary };
    return summary;
  }

  private summarise(today: string, dueSoonDays: number): DashboardSummary {
    const state = this.state;
    const total = state.findingIds.length - state.withdrawn;
    const evaluationTitle = (evaluationId: string) => this.ledger.evaluation(evaluationId)?.title ?? evaluationId;
    const perUnit: UnitProgress[] = [];
    for (const [unitId, tally] of state.parts.perUnit) {
      if (tally.parts > 0) perUnit.push({ unitId, unitName: this.unitName(unitId), ...partCounts(tally, today), meanDaysToRemediate: meanRemediationDays(tally) });
    }
    return {
      asOf: today,
      dueSoonDays,
      findings: { total, unassigned: state.unassigned, open: total - state.closed - state.unassigned, closed: state.closed },
      percentClosed: percent(state.closed, total),
      parts: partCounts(state.parts.all, today),
      meanDaysToRemediate: meanRemediationDays(state.parts.all),
      perUnit: perUnit.sort((a, b) => b.overdue - a.overdue || byPinyin(a.unitName, b.unitName)),
      perEvaluation: [...state.perEvaluation].filter(([, group]) => group.findings > 0).map(([key, group]) => progress(key, evaluationTitle(key), group)),
      perCategory: [...state.perCategory]
        .filter(([, group]) => group.findings > 0)
        .map(([key, group]) => progress(key, key, group))
        .sort((a, b) => byPinyin(a.label, b.label)),
    };
  }

  /**
   * Open parts on `today` in the dashboard's order (red, yellow, green; then due day, unit name,
   * finding), `offset` skipped and at most `limit` given; `light` keeps one light only.
   * O(offset + limit + due days).
   */
  openPartPage(today: string, dueSoonDays: number, options: { offset?: number; limit?: number; light?: TrafficLight } = {}): OpenPartPage {
    const totalCount = options.light ? this.countLights(undefined, today, dueSoonDays)[options.light] : this.state.openParts.total;
    const listed = listOpenParts(this.state.openParts, today, dueSoonDays, { offset: options.offset, limit: options.limit, only: options.light });
    return { totalCount, alerts: listed.map((part) => this.alertOf(part, today)) };
  }

  /**
   * A page of the open parts on `today` (`YYYY-MM-DD`) in `order` (default the dashboard's, urgency;
   * see `OpenPartOrder`), after the cursor `request.after` (keyset: light, due day, unit, finding — a
   * part verified or re-dated since does not shift the next page), `filter.light` / `filter.status`
   * applied on the server. `totalCount`
   * is O(1) (kept per event, day and window: `countLights`); the page — walked only when its
   * `edges`, `nodes` or `pageInfo` are read — O(log due days + page + the parts of the days it
   * passes) in the status's own index. So `openPartsPage(…) { totalCount }` costs what its price
   * (2, query-cost.ts) says, however many aliases ask it.
   * @throws DomainError BAD_USER_INPUT for a bad `first` or a cursor this list (in this order) did not give out (at once, not when the page is read).
   */
  openPartsConnection(today: string, dueSoonDays: number, filter: OpenPartFilter, request: PageRequest, order: OpenPartOrder = 'URGENCY'): Connection<PartAlert> {
    const size = pageSize(request.first);
    const distinct = distinctOrder(order);
    const cursors = openPartCursors(distinct);
    const after = request.after ? decodeCursor(cursors, request.after) : undefined;
    const index = filter.status ? this.statusIndexRead(filter.status) : this.state.openParts;
    const totalCount = filter.light ? this.countLights(filter.status, today, dueSoonDays)[filter.light] : index.total;
    return lazyConnection(totalCount, () => {
      const taken: ListedPart[] = [];
      let hasNextPage = false;
      for (const part of walkOpenParts(index, today, dueSoonDays, { only: filter.light, after, order: distinct })) {
        if (taken.length === size) {
          hasNextPage = true;
          break;
        }
        taken.push(part);
      }
      const edges = taken.map((part) => ({ cursor: encodeCursor(cursors, positionOf(part)), node: this.alertOf(part, today) }));
      return {
        edges,
        nodes: edges.map((edge) => edge.node),
        pageInfo: { hasNextPage, hasPreviousPage: after !== undefined, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
      };
    });
  }

  /**
   * The figures on the past (or future) office day `asOf` (`YYYY-MM-DD`), everything entered known,
   * with the yellow window `dueSoonDays` (days): what `buildDashboard` over every finding folded at
   * that day gives, without its lists, plus the lights' counts of the open parts — from the per-day
   * deltas kept as events arrive (breaker12h P8), after `refoldPastDays`. `unitName`: names as that day. `atRecordTime`:
   * the state `atRecordTime(cut)` returned, for the figures as known at its instant (then not kept).
   */
  figuresOn(asOf: string, dueSoonDays: number, unitName: (unitId: string) => string, atRecordTime?: ByDayState): FiguresOnDay {
    const evaluationTitle = (evaluationId: string) => this.ledger.evaluation(evaluationId)?.title ?? evaluationId;
    if (atRecordTime) return figuresOn(atRecordTime, asOf, dueSoonDays, unitName, evaluationTitle);
    const byDay = this.state.byDay;
    // Kept while no delta was written and no event applied (units' names on a day and evaluation titles change by events too).
    const key = `${asOf}|${dueSoonDays}|${byDay.writes}|${this.applied}`;
    if (this.keptFigures?.key === key) return this.keptFigures.figures;
    const figures = figuresOn(byDay, asOf, dueSoonDays, unitName, evaluationTitle);
    this.keptFigures = { key, figures };
    return figures;
  }

  /**
   * The by-day state as known at the record-time cut `cut` (`cut.knownAt`, an ISO instant, set; `cut.asOf` its business
   * day): to pass as `atRecordTime` to `figuresOn`, `openPartsOn` and `pastDayPage`, which then answer what
   * `buildDashboard` over every finding folded at `cut` gives (issue 12 row 4: `dashboard(knownAt)` folded every
   * finding, 2–5 s of CPU at 100k events). The kept segments hold for every finding none of whose events was recorded
   * after the instant; of the others (`recordedAfter`: the findings recorded or changed since), those recorded after it
   * hold nothing at the cut (no read), and those changed since are read from their streams and folded at the cut, day by
   * day (`foldFindingByDay` over the events known then), a slice at a time in the
   * folds' queue; their segments replace the kept ones in a copy (`withSharesReplaced`). The instant is the cut's, or the
   * latest event projected when earlier (as `foldAtCut` reads). O(findings + days × counters) in memory and the streams of
   * the findings recorded before the instant and changed since: a recent instant reads few, an early one few too.
   * @throws what `foldAtCut` throws (TOO_MANY_REQUESTS, an abandoned request).
   */
  async atRecordTime(cut: TimeCut, dueSoonDays: number, captures: SnapshotCaptures): Promise<ByDayState> {
    if (cut.knownAt === null) throw new Error('atRecordTime needs a cut with knownAt');
    await this.refoldPastDays(captures);
    const byDay = this.state.byDay;
    const latest = this.state.latestRecordedAt;
    const knownAt = latest !== null && latest < cut.knownAt ? latest : cut.knownAt;
    const at: TimeCut = { ...cut, knownAt };
    const shares = new Map<string, Segment[]>();
    for (;;) {
      // Events projected while folding (recorded after the instant, or making a finding stale): those findings folded too.
      const toFold = [...new Set([...recordedAfter(byDay, knownAt), ...byDay.stale])].filter((findingId) => !shares.has(findingId));
      if (toFold.length === 0) break;
      // Recorded after the instant: not identified at the cut (as `findingAt` tells from the view kept now), no stream read.
      const toRead: string[] = [];
      for (const findingId of toFold) {
        const recordedAt = this.ledger.finding(findingId)?.recordedAt;
        if (recordedAt !== undefined && recordedAt > knownAt) shares.set(findingId, []);
        else toRead.push(findingId);
      }
      await foldAtCut(toRead, at, knownAt, async (findingId) => {
        const timeline = (await this.ledger.timeline(findingId)).filter((entry) => knownInCut(at, entry));
        for (let capture = captures.captureUnderWay; capture; capture = captures.captureUnderWay) await capture;
        // One turn from here: segmentOf adds units' counters to the kept state, never while a capture is under way.
        const segments: Segment[] = [];
        foldFindingByDay(timeline, (day, view) => segments.push(segmentOf(byDay, dayNumber(day), view)));
        shares.set(findingId, segments);
        return undefined;
      });
    }
    return withSharesReplaced(byDay, shares, dueSoonDays);
  }

  /**
   * The open parts on the past (or future) office day `asOf`, everything entered known, in the dashboard's order
   * (`sortByUrgency`: light, due day, unit name in pinyin, then the order `buildDashboard` meets them in) — each with
   * what that order, a page's filters and its cursors need (finding, unit, unit name that day, status, due day, days
   * left, light) and nothing else: from the segments of the per-day deltas in force that day (dashboard-by-day.ts,
   * no stream read), after `refoldPastDays`. O(findings + open parts × log open parts) the first time, then kept
   * while no delta is written and no event applied. `unitName`: names as that day. `atRecordTime`: the state
   * `atRecordTime(cut)` returned, for the open parts as known at its instant (not kept). Callers must not change it.
   */
  openPartsOn(asOf: string, dueSoonDays: number, unitName: (unitId: string) => string, atRecordTime?: ByDayState): readonly OpenPartKey[] {
    const byDay = atRecordTime ?? this.state.byDay;
    const key = atRecordTime ? null : `${asOf}|${dueSoonDays}|${byDay.writes}|${this.applied}`;
    if (key !== null && this.keptOpenParts?.key === key) return this.keptOpenParts.parts;
    const parts: OpenPartKey[] = [];
    for (const part of openPartsOn(byDay, asOf)) {
      // trafficLight and daysLeft of the part as it stood (part-view.ts): green when it cannot be late.
      const daysLeft = daysBetween(asOf, part.dueDate);
      const trafficLight: TrafficLight = !part.bound ? 'GREEN' : daysLeft < 0 ? 'RED' : daysLeft <= dueSoonDays ? 'YELLOW' : 'GREEN';
      parts.push({ findingId: part.findingId, unitId: part.unitId, unitName: unitName(part.unitId), status: part.status, dueDate: part.dueDate, daysLeft, trafficLight });
    }
    // The sort buildDashboard uses (stable: the same order for parts its keys do not tell apart).
    sortByUrgency(parts as unknown as PartAlert[]);
    if (key !== null) this.keptOpenParts = { key, parts };
    return parts;
  }

  /**
   * A page of the open parts on the past business day `cut.asOf` (everything entered, `cut.knownAt` null; or as known at
   * `cut.knownAt` when given `openParts`, `openPartsOn` over the state `atRecordTime(cut)` returned), as
   * `pageAlerts` over the open parts of `buildDashboard` at that day gives it — the same nodes, counts and cursors —
   * with only the page's findings folded (`openPartsOn` gives the order, the filters' matches and the cursors). Null
   * when a folded part is not what the segments hold (the caller folds every finding instead); call after
   * `refoldPastDays`. @throws DomainError BAD_USER_INPUT for a bad `first` or a cursor this list did not give out.
   */
  async pastDayPage(
    cut: TimeCut,
    dueSoonDays: number,
    unitName: (unitId: string) => string,
    filter: OpenPartFilter,
    request: PageRequest,
    order?: OpenPartOrder,
    openParts?: readonly OpenPartKey[],
  ): Promise<Connection<PartAlert> | null> {
    const keys = openParts ?? this.openPartsOn(cut.asOf, dueSoonDays, unitName);
    // Read in the same turn as the segments: the fold leaves out what is recorded after them.
    const latest = this.state.latestRecordedAt;
    const { edges, pageInfo, totalCount } = pageAlerts(keys as readonly PartAlert[], filter, request, order);
    const ids = [...new Set(edges.map((edge) => edge.node.findingId))];
    const views = new Map((await foldAtCut(ids, cut, latest, (id, at) => this.ledger.findingAt(id, at))).map((view) => [view.findingId, view]));
    const full: Edge<PartAlert>[] = [];
    for (const { cursor, node: key } of edges) {
      const finding = views.get(key.findingId);
      const part = finding?.parts.get(key.unitId);
      const alert = finding && part ? partAlert(finding, part, key.unitName, cut.asOf, dueSoonDays) : null;
      if (!alert || alert.trafficLight !== key.trafficLight || alert.dueDate !== key.dueDate || alert.status !== key.status || alert.daysLeft !== key.daysLeft) return null;
      full.push({ cursor, node: alert });
    }
    return { edges: full, nodes: full.map((edge) => edge.node), pageInfo, totalCount };
  }

  /**
   * Refolds, from their own streams, the findings whose facts came out of business order since the
   * last answer about a past day (a late entry, a date corrected, a withdrawal): a slice at a time,
   * in the time-travel folds' queue (see `foldAtCut`). Only those findings are read — none when every
   * fact came in order. Each finding's new share is put in once no read-model snapshot is being
   * captured (`captures`, the projection engine): a capture meeting it would write the by-day state
   * part before and part after (perf2 s25 Left 3), so an answer asked during a capture waits for its
   * end. A refold under way (the background one after a start: PastDayRefolds) is waited for, not repeated.
   * @throws what `foldAtCut` throws (TOO_MANY_REQUESTS, an abandoned request).
   */
  refoldPastDays(captures: SnapshotCaptures): Promise<void> {
    return this.refolds.run(() => this.state.byDay.stale.size, () => this.refoldStale(captures));
  }

  /** Findings refolded one caller at a time (see `OneRefoldAtATime`). */
  private readonly refolds = new OneRefoldAtATime();

  private async refoldStale(captures: SnapshotCaptures): Promise<void> {
    const byDay = this.state.byDay;
    if (byDay.stale.size === 0) return;
    await foldAtCut([...byDay.stale], EVERY_FACT, this.state.latestRecordedAt, async (findingId) => {
      const timeline = await this.ledger.timeline(findingId);
      for (let capture = captures.captureUnderWay; capture; capture = captures.captureUnderWay) await capture;
      // From here on, one turn: no capture starts before the finding's share is changed whole (segmentOf adds units' counters too).
      const segments: Segment[] = [];
      // Each day's share is read from the view as it stands after that day (the fold changes it in place).
      foldFindingByDay(timeline, (day, view) => segments.push(segmentOf(byDay, dayNumber(day), view)));
      refoldFinding(byDay, findingId, timeline.length, segments, this.ledger.historyLength(findingId));
      return undefined;
    });
  }

  /** Adds each unit's 单位排名 figures over findings on office day `asOf` to `into` (after `refoldPastDays`; no stream read). */
  scoresOn(asOf: string, into: Map<string, UnitScoreFigures>): Map<string, UnitScoreFigures> {
    return scoresOn(this.state.byDay, asOf, into);
  }

  /** Findings waiting for a refold of their streams before the next answer about a past day. */
  get findingsToRefold(): number {
    return this.state.byDay.stale.size;
  }

  /** Open parts now (a GraphQL list of every open part is priced at this many: query-cost.ts). */
  get openPartCount(): number {
    return this.state.openParts.total;
  }

  /** Parts ever counted, verified ones included: the most a past day's list of open parts may hold. */
  get partCount(): number {
    return this.state.parts.all.parts;
  }

  private alertOf({ entry, daysLeft, light }: ListedPart, today: string): PartAlert {
    const finding = this.ledger.finding(entry.parentId)!;
    const part = finding.parts.get(entry.unitId)!;
    return {
      findingId: finding.findingId,
      findingTitle: finding.title,
      unitId: part.unitId,
      unitName: this.unitName(part.unitId),
      role: part.role,
      status: part.status,
      dueDate: part.dueDate,
      daysLeft,
      reportedDaysLate: reportedDaysLate(part),
      trafficLight: light,
      otherPartsOpen: otherPartsOpen(finding, part.unitId),
      ...shownDue(part, today),
    };
  }

  /** The findings where `unitId` has a part, in the order recorded: O(those findings). */
  /** How many findings `findingsOf(unitId)` holds, and how many the unit ever had a part in: O(1). */
  findingCountsOf(unitId: string): { readonly now: number; readonly ever: number } {
    return { now: this.state.findingsOfUnit.get(unitId)?.length ?? 0, ever: this.state.findingsEverOfUnit.get(unitId)?.length ?? 0 };
  }

  findingsOf(unitId: string): FindingView[] {
    return (this.state.findingsOfUnit.get(unitId) ?? []).map((seq) => this.ledger.finding(this.state.findingIds[seq]!)!);
  }

  /** The ids of the findings where `unitId` ever had a part, in the order recorded (for its workload at a time cut). */
  findingIdsEverOf(unitId: string): string[] {
    return (this.state.findingsEverOfUnit.get(unitId) ?? []).map((seq) => this.state.findingIds[seq]!);
  }

  /** The latest instant an event in the read models was recorded at: time travel folds up to it (see `foldAtCut`). */
  get latestRecordedAt(): string | null {
    return this.state.latestRecordedAt;
  }

  /** Each unit's part figures over findings (for the scorecard). */
  unitTallies(): ReadonlyMap<string, PartTally> {
    return this.state.parts.perUnit;
  }
}

function groupOf(groups: Map<string, Group>, key: string): Group {
  let group = groups.get(key);
  if (!group) groups.set(key, (group = { findings: 0, closed: 0 }));
  return group;
}

const progress = (key: string, label: string, group: Group): GroupProgress => ({
  key,
  label,
  findings: group.findings,
  closed: group.closed,
  percentClosed: percent(group.closed, group.findings),
});

const partCounts = (tally: PartTally, today: string): PartCounts => ({
  assigned: tally.parts,
  reported: tally.reported,
  verified: tally.verified,
  returned: tally.returned,
  overdue: overdueOn(tally, today),
});
