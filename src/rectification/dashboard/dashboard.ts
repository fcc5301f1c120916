import { dueReading } from '../../assignments/read-model/due-reading.js';
import { daysLeft, daysToRemediate, holderWatch, isOverdue, onWatch, reportedDaysLate, trafficLight, type PartView, type TrafficLight } from '../../assignments/read-model/part-view.js';
import type { AssignmentRole } from '../../assignments/domain/assignment.events.js';
import type { PartStatus } from '../../assignments/read-model/part-view.js';
import type { EvaluationView, FindingView } from '../ledger/rectification-ledger.js';
import { byPinyin } from '../../shared/chinese-order.js';
import { findingStatus } from '../ledger/finding-status.js';
import { distinctOrder, type DistinctOpenPartOrder, type OpenPartOrder } from './open-part-index.js';
import { decodeCursor, lazyConnection, pageSize, paginate, positionOrder, type Connection, type ListOrder, type PageRequest } from '../../shared/pagination/page.js';

export interface PartAlert {
  readonly findingId: string;
  readonly findingTitle: string;
  readonly unitId: string;
  readonly unitName: string;
  readonly role: AssignmentRole;
  readonly status: PartStatus;
  readonly dueDate: string;
  readonly daysLeft: number;
  /** See `reportedDaysLate`: a late-reported part is 「逾期 N 天后报送」, not overdue. */
  readonly reportedDaysLate: number | null;
  readonly trafficLight: TrafficLight;
  /** The finding's other parts not verified yet: what a pass of this one leaves open (现场督查 confirms with it). */
  readonly otherPartsOpen: number;
  /** The 整改时限 as the finding page and the 台账 export write it: 2026-06-30, 立行立改（2026-12-02）, 常态化（每季度报送） (`dueReading`). */
  readonly dueText: string;
  /** A standing part's next periodic report, `YYYY-MM-DD`; null for a part that is not standing. */
  readonly nextReportDue: string | null;
  /** Days from the day viewed to `nextReportDue`; null with it. */
  readonly nextReportDaysLeft: number | null;
}

/** What a list shows of a part's deadline (`dueReading`, without the order key). */
export function shownDue(part: PartView, today: string): Pick<PartAlert, 'dueText' | 'nextReportDue' | 'nextReportDaysLeft'> {
  const { dueText, nextReportDue, nextReportDaysLeft } = dueReading(part, today);
  return { dueText, nextReportDue, nextReportDaysLeft };
}

/** The parts of `finding` other than `unitId`'s not verified yet. */
export function otherPartsOpen(finding: FindingView, unitId: string): number {
  let open = 0;
  for (const part of finding.parts.values()) if (part.unitId !== unitId && part.status !== 'VERIFIED') open += 1;
  return open;
}

export interface PartCounts {
  assigned: number;
  reported: number;
  verified: number;
  returned: number;
  overdue: number;
}

export interface UnitProgress extends PartCounts {
  readonly unitId: string;
  readonly unitName: string;
  /** Mean business days from assignment to verification over the unit's verified parts; null before any. */
  meanDaysToRemediate: number | null;
}

export interface GroupProgress {
  readonly key: string;
  readonly label: string;
  findings: number;
  closed: number;
  percentClosed: number;
}

/** Findings by status (see `findingStatus`): every finding is counted in exactly one of the three. */
export interface FindingTotals {
  readonly total: number;
  /** 待交办: recorded, no unit given a part yet. */
  readonly unassigned: number;
  /** 整改中: at least one part, not closed out. */
  readonly open: number;
  /** 已销号. */
  readonly closed: number;
}

export interface Dashboard {
  /** The business day the figures describe (`YYYY-MM-DD`, China office day). */
  readonly asOf: string;
  readonly dueSoonDays: number;
  /** `unassigned` (待交办: no part yet) + `open` (整改中) + `closed` (已销号) = `total`, as `findings(status:)` counts them. */
  readonly findings: FindingTotals;
  readonly percentClosed: number;
  readonly parts: PartCounts;
  readonly meanDaysToRemediate: number | null;
  readonly perUnit: UnitProgress[];
  readonly perEvaluation: GroupProgress[];
  readonly perCategory: GroupProgress[];
  /** Every part still open, most urgent first: red, then yellow, then green. */
  readonly openParts: PartAlert[];
  readonly overdue: PartAlert[];
}

const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10);
const URGENCY: Record<TrafficLight, number> = { RED: 0, YELLOW: 1, GREEN: 2 };

export const byUrgency = (a: PartAlert, b: PartAlert) =>
  URGENCY[a.trafficLight] - URGENCY[b.trafficLight] || a.dueDate.localeCompare(b.dueDate) || byPinyin(a.unitName, b.unitName);

/**
 * The alerts sorted `byUrgency`, with each unit name's place in pinyin order worked out once (names
 * the collator finds equal share a place) and due days compared as the `YYYY-MM-DD` strings they
 * are: the same order, with numbers compared instead of a collation per comparison — tens of
 * thousands of parts at a time cut sort in milliseconds, not seconds.
 */
export function sortByUrgency(alerts: PartAlert[]): PartAlert[] {
  const names = [...new Set(alerts.map((alert) => alert.unitName))].sort(byPinyin);
  const place = new Map<string, number>();
  names.forEach((name, index) => place.set(name, index > 0 && byPinyin(names[index - 1]!, name) === 0 ? place.get(names[index - 1]!)! : index));
  return alerts.sort(
    (a, b) =>
      URGENCY[a.trafficLight] - URGENCY[b.trafficLight] ||
      (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0) ||
      place.get(a.unitName)! - place.get(b.unitName)!,
  );
}

/**
 * `today` is the office day viewed, `YYYY-MM-DD`. Light, days left and lateness judged on `judged`: the part itself (the office's
 * list), or as its unit is judged on its watch (`onWatch`, a unit's 我的任务); the due date shown is the part's own.
 */
export function partAlert(finding: FindingView, part: PartView, unitName: string, today: string, dueSoonDays: number, judged: PartView = part): PartAlert | null {
  const light = trafficLight(judged, today, dueSoonDays);
  if (!light) return null;
  return {
    findingId: finding.findingId,
    findingTitle: finding.title,
    unitId: part.unitId,
    unitName,
    role: part.role,
    status: part.status,
    dueDate: part.dueDate,
    daysLeft: daysLeft(judged, today),
    reportedDaysLate: reportedDaysLate(judged),
    trafficLight: light,
    otherPartsOpen: otherPartsOpen(finding, part.unitId),
    ...shownDue(part, today),
  };
}

/** Mean of whole business days, to one decimal. */
export function meanDays(days: readonly number[]): number | null {
  if (days.length === 0) return null;
  return Math.round((days.reduce((sum, value) => sum + value, 0) / days.length) * 10) / 10;
}

const emptyCounts = (): PartCounts => ({ assigned: 0, reported: 0, verified: 0, returned: 0, overdue: 0 });

function count(counts: PartCounts, part: PartView, today: string) {
  counts.assigned += 1;
  if (part.status === 'REPORTED') counts.reported += 1;
  if (part.status === 'VERIFIED') counts.verified += 1;
  if (part.status === 'RETURNED') counts.returned += 1;
  if (isOverdue(part, today)) counts.overdue += 1;
}

function group(groups: Map<string, GroupProgress>, key: string, label: string, closed: boolean) {
  const progress = groups.get(key) ?? { key, label, findings: 0, closed: 0, percentClosed: 0 };
  progress.findings += 1;
  if (closed) progress.closed += 1;
  progress.percentClosed = percent(progress.closed, progress.findings);
  groups.set(key, progress);
}

/**
 * The supervisors' dashboard on the business day `today` (`YYYY-MM-DD`), from findings as they
 * stood that day. Pure: the same findings and day always give the same answer, which is what
 * makes time travel exact.
 */
export function buildDashboard(input: {
  findings: readonly FindingView[];
  evaluations: readonly EvaluationView[];
  unitName: (unitId: string) => string;
  today: string;
  dueSoonDays: number;
}): Dashboard {
  const { today, dueSoonDays, unitName } = input;
  // A withdrawn finding (已撤销) is off the 台账: it counts in no figure.
  const findings = input.findings.filter((finding) => finding.status !== 'WITHDRAWN');
  const evaluationTitles = new Map(input.evaluations.map((evaluation) => [evaluation.evaluationId, evaluation.title]));
  const parts = emptyCounts();
  const perUnit = new Map<string, UnitProgress & { durations: number[] }>();
  const perEvaluation = new Map<string, GroupProgress>();
  const perCategory = new Map<string, GroupProgress>();
  const openParts: PartAlert[] = [];
  const allDurations: number[] = [];
  let closed = 0;
  let unassigned = 0;

  for (const finding of findings) {
    const isClosed = finding.status === 'CLOSED';
    if (isClosed) closed += 1;
    if (findingStatus(finding) === 'UNASSIGNED') unassigned += 1;
    group(perEvaluation, finding.evaluationId, evaluationTitles.get(finding.evaluationId) ?? finding.evaluationId, isClosed);
    group(perCategory, finding.category, finding.category, isClosed);
    for (const part of finding.parts.values()) {
      count(parts, part, today);
      const unit =
        perUnit.get(part.unitId) ??
        { unitId: part.unitId, unitName: unitName(part.unitId), ...emptyCounts(), meanDaysToRemediate: null, durations: [] };
      // Whose lateness: the unit's own count judges the part on its watch (`onWatch`); the office's total by the part's own dates.
      count(unit, onWatch(part), today);
      const days = daysToRemediate(part);
      if (days !== null) allDurations.push(days);
      // A unit's days to remediate run from the day it came to hold the part, to a pass on its watch (`holderWatch`, breaker8p P10).
      const unitDays = part.heldSince === undefined ? days : holderWatch(part).remediationDays;
      if (unitDays !== null) unit.durations.push(unitDays);
      perUnit.set(part.unitId, unit);
      const alert = partAlert(finding, part, unit.unitName, today, dueSoonDays);
      if (alert) openParts.push(alert);
    }
  }
  sortByUrgency(openParts);

  return {
    asOf: today,
    dueSoonDays,
    findings: { total: findings.length, unassigned, open: findings.length - closed - unassigned, closed },
    percentClosed: percent(closed, findings.length),
    parts,
    meanDaysToRemediate: meanDays(allDurations),
    perUnit: [...perUnit.values()]
      .map(({ durations, ...unit }) => ({ ...unit, meanDaysToRemediate: meanDays(durations) }))
      .sort((a, b) => b.overdue - a.overdue || byPinyin(a.unitName, b.unitName)),
    perEvaluation: [...perEvaluation.values()],
    perCategory: [...perCategory.values()].sort((a, b) => byPinyin(a.label, b.label)),
    openParts,
    overdue: openParts.filter((alert) => alert.trafficLight === 'RED'),
  };
}


const alertKey = (alert: PartAlert) => `${alert.findingId}|${alert.unitId}`;

const byDueDate = (a: PartAlert, b: PartAlert) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0);
/** Days overdue as 总览's 逾期天数 column shows them: a red part's days past its due day, 0 for any other. */
const daysOverdue = (alert: PartAlert) => (alert.trafficLight === 'RED' ? -alert.daysLeft : 0);

/** Each order but urgency as a sort of the urgency-ordered list (stable: a due day's parts keep light, unit, finding). */
const ORDER_SORTS: Record<Exclude<DistinctOpenPartOrder, 'URGENCY'>, (a: PartAlert, b: PartAlert) => number> = {
  DUE_DATE_ASC: byDueDate,
  DUE_DATE_DESC: (a, b) => byDueDate(b, a),
  DAYS_OVERDUE_ASC: (a, b) => daysOverdue(a) - daysOverdue(b),
};

/** A past day's open parts read by pages in one order: the parts so sorted, the order's cursors, and each filter's matches, worked out once. */
interface PagedAlerts {
  readonly order: ListOrder<PartAlert, string>;
  readonly byFilter: Map<string, readonly PartAlert[]>;
  readonly sorted: readonly PartAlert[];
}

/** Kept beside each day's list, per order (the time-travel cache keeps the list; this goes when it does). */
const pagedAlerts = new WeakMap<readonly PartAlert[], Map<DistinctOpenPartOrder, PagedAlerts>>();

/**
 * A page of a past day's open parts (`alerts`, in the dashboard's order), in `order` (see
 * `OpenPartOrder`), narrowed to one light and/or part status, after the cursor `request.after`
 * (list `openPartsAt`, or `openPartsAt.<order>`: the part a page ended on, by finding and unit). The
 * order over the day's parts and each filter's matches are worked out once per kept day and order
 * (O(alerts log alerts)); every page or count asked again is O(log alerts + page) and its
 * `totalCount` O(1) — however many aliases ask.
 * @throws DomainError BAD_USER_INPUT for a bad `first` or a cursor this list (in this order) did not give out.
 */
export function pageAlerts(
  alerts: readonly PartAlert[],
  filter: { light?: TrafficLight; status?: PartStatus },
  request: PageRequest,
  asked: OpenPartOrder = 'URGENCY',
): Connection<PartAlert> {
  const order = distinctOrder(asked);
  let orders = pagedAlerts.get(alerts);
  if (!orders) pagedAlerts.set(alerts, (orders = new Map()));
  let paged = orders.get(order);
  if (!paged) {
    const sorted = order === 'URGENCY' ? alerts : [...alerts].sort(ORDER_SORTS[order]);
    const list = order === 'URGENCY' ? 'openPartsAt' : `openPartsAt.${order}`;
    orders.set(order, (paged = { sorted, order: positionOrder(list, sorted.map(alertKey), alertKey), byFilter: new Map() }));
  }
  const key = `${filter.light ?? '*'}|${filter.status ?? '*'}`;
  let matching = paged.byFilter.get(key);
  if (!matching) {
    matching = filter.light || filter.status ? paged.sorted.filter((alert) => (!filter.light || alert.trafficLight === filter.light) && (!filter.status || alert.status === filter.status)) : paged.sorted;
    paged.byFilter.set(key, matching);
  }
  // The request is checked now, so a bad one is refused even when only totalCount is read.
  pageSize(request.first);
  if (request.after) decodeCursor(paged.order, request.after);
  const listOrder = paged.order;
  const matches = matching;
  return lazyConnection(matches.length, () => paginate(matches, listOrder, request));
}
