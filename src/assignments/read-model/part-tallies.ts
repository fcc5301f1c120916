import { awaitsUnit, daysToRemediate, dueOn as dueOnWatch, earlierWatches, firstReportOnTime, holderWatch, isCarriedDue, onWatch, type EarlierWatch, type PartView } from './part-view.js';
import { isNeverOverdue } from '../../shared/deadline.js';
import type { AssignmentRole } from '../domain/assignment.events.js';

/*
 * Counters over parts, kept up to date as events arrive (O(parts of the parent touched) per event),
 * so the dashboard and the scorecard read figures instead of scanning every finding and item.
 * Figures that move with the calendar (overdue, due) are kept per due day (`DayCounts`): "due
 * before today" is a sum that is cached for the day last asked, so it costs nothing while today
 * stands still and O(distinct due days) once when it moves. Everything here is plain data (Maps,
 * arrays, objects of primitives), so a read-model snapshot can store it as it is.
 */

/**
 * Counts per office day (`YYYY-MM-DD`), with the total before the day last asked cached. The cache is
 * one value, replaced whole when another day is asked: a read-model snapshot, captured a piece at a
 * time while queries are answered, writes either the old cache or the new one — never the old day
 * with the new total (two fields written in two pieces, a query between them: breaker12i P4's kind).
 */
export interface DayCounts {
  readonly byDay: Map<string, number>;
  /** The count on days strictly before `day`; null until first asked. */
  cached: { readonly day: string; readonly before: number } | null;
}

export const emptyDayCounts = (): DayCounts => ({ byDay: new Map(), cached: null });

/** Adds `delta` to the count of `day`, keeping the cached total in step. */
export function addOnDay(counts: DayCounts, day: string, delta: number): void {
  const next = (counts.byDay.get(day) ?? 0) + delta;
  if (next === 0) counts.byDay.delete(day);
  else counts.byDay.set(day, next);
  const cached = counts.cached;
  if (cached !== null && day < cached.day) counts.cached = { day: cached.day, before: cached.before + delta };
}

/** How many are counted on days strictly before `day` (`YYYY-MM-DD`). */
export function countBefore(counts: DayCounts, day: string): number {
  let cached = counts.cached;
  if (cached === null || cached.day !== day) {
    let before = 0;
    for (const [counted, count] of counts.byDay) if (counted < day) before += count;
    cached = counts.cached = { day, before };
  }
  return cached.before;
}

/** What the figures need of one part: its state now, without reports' text or history. */
export interface PartFacts {
  readonly unitId: string;
  readonly role: AssignmentRole;
  readonly status: PartView['status'];
  readonly dueDate: string;
  readonly assignedOn: string;
  readonly verifiedOn: string | null;
  /**
   * Whether its first report came by the due date in force on the report's business day (a later
   * extension or new date does not count); null before any report.
   */
  readonly firstReportOnTime: boolean | null;
  /** Reports sent back and inspections failed (reopenings not counted). */
  readonly returns: number;
  /**
   * Never overdue, never counted due unless reported: a standing task (常态化; a report of it is on time), or a part of a
   * parent withdrawn before its due date (its days stopped counting on the withdrawal day: `countedUntil`, breaker11o P4).
   */
  readonly standing: boolean;
  /**
   * As its holder is judged when that differs (the watch rule, `onWatch`, `holderWatch`: it took the part over): the due date
   * counted against max(due date, heldSince), and only the facts of its own days — its first report then, the returns then, the
   * days from heldSince to a pass then. The unit's own tally reads these; the office's (all parts) the part's own. Absent when the same.
   */
  readonly watch?: Judged;
  /** Earlier holders' watches of the part (`earlierWatches`), each in its unit's tally: what it reported, returned, remediated then. Absent when none. */
  readonly earlier?: readonly EarlierWatch[];
}

/**
 * What a part is judged by in one tally: the due date in force, whether the first report (of the holder's watch) met the due
 * date of its day, the returns and the days to remediate counted (see `WatchFigures`).
 */
interface Judged {
  readonly dueDate: string;
  readonly firstReportOnTime: boolean | null;
  readonly returns: number;
  readonly remediationDays: number | null;
}

/** The part judged by its own figures, as the office's tally counts it. */
const ownJudged = (part: PartFacts): Judged => ({ dueDate: part.dueDate, firstReportOnTime: part.firstReportOnTime, returns: part.returns, remediationDays: daysToRemediate(part) });

/** Reports sent back and inspections failed (reopenings not counted). */
function returnsOf(part: PartView): number {
  let returns = 0;
  for (const returned of part.returns) if (returned.cause !== 'REOPENED') returns += 1;
  return returns;
}

/**
 * Whether the part's lateness never counts: a standing task, or — its parent withdrawn on `countedUntil` (an office day,
 * `YYYY-MM-DD`; absent: in the plan) — due on or after that day, so never due while it counted (as `dayCountedOn` for a page).
 */
const neverLate = (part: PartView, countedUntil: string | undefined): boolean => isNeverOverdue(part.terms) || (countedUntil !== undefined && part.dueDate >= countedUntil);

export function partFacts(part: PartView, countedUntil?: string): PartFacts {
  const watch = watchFacts(part);
  const earlier = part.heldBefore.length === 0 ? [] : earlierWatches(part);
  return {
    ...(watch === undefined ? {} : { watch }),
    ...(earlier.length === 0 ? {} : { earlier }),
    unitId: part.unitId,
    role: part.role,
    status: part.status,
    dueDate: part.dueDate,
    assignedOn: part.assignedOn,
    verifiedOn: part.verifiedOn,
    firstReportOnTime: firstReportOnTime(part),
    returns: returnsOf(part),
    standing: neverLate(part, countedUntil),
  };
}

/** The part as its holder is judged (`onWatch`, `holderWatch`), when that differs from the part's own figures. */
function watchFacts(part: PartView): Judged | undefined {
  // A part taken over (heldSince), or one an overdue share joined (its carried date is the holder's from the join day).
  if (part.heldSince === undefined && !part.dueDates.some(isCarriedDue)) return undefined;
  const { dueDate } = onWatch(part);
  const { firstReportOnTime: onTime, returns, remediationDays } = holderWatch(part);
  const same = dueDate === part.dueDate && onTime === firstReportOnTime(part) && returns === returnsOf(part) && remediationDays === daysToRemediate(part);
  return same ? undefined : { dueDate, firstReportOnTime: onTime, returns, remediationDays };
}

const sameJudged = (a: Judged | undefined, b: Judged | undefined) =>
  a === b ||
  (a !== undefined && b !== undefined && a.dueDate === b.dueDate && a.firstReportOnTime === b.firstReportOnTime && a.returns === b.returns && a.remediationDays === b.remediationDays);
const sameWatch = (a: EarlierWatch, b: EarlierWatch) =>
  a.unitId === b.unitId && a.firstReportOnTime === b.firstReportOnTime && a.owed === b.owed && a.returns === b.returns && a.remediationDays === b.remediationDays;
const sameWatches = (a: readonly EarlierWatch[] | undefined, b: readonly EarlierWatch[]) => (a ?? []).length === b.length && b.every((watch, index) => sameWatch(a![index]!, watch));

/**
 * Whether `facts` are still the part's figures, without building new ones: an event changes one
 * part of its parent, yet every part is looked at after it (a new object for each was most of the
 * tallies' cost when a million events are projected at start).
 */
const stillHolds = (facts: PartFacts, part: PartView, countedUntil: string | undefined) =>
  facts.status === part.status &&
  facts.dueDate === part.dueDate &&
  facts.role === part.role &&
  facts.unitId === part.unitId &&
  facts.assignedOn === part.assignedOn &&
  facts.verifiedOn === part.verifiedOn &&
  facts.standing === neverLate(part, countedUntil) &&
  facts.returns === returnsOf(part) &&
  facts.firstReportOnTime === firstReportOnTime(part) &&
  sameJudged(facts.watch, watchFacts(part)) &&
  sameWatches(facts.earlier, part.heldBefore.length === 0 ? [] : earlierWatches(part));

/** The figures of a set of parts (one unit's, or all). */
export interface PartTally {
  parts: number;
  /** By status now. */
  reported: number;
  verified: number;
  returned: number;
  /** Business days from assignment to verification, summed over verified parts. */
  remediationDays: number;
  remediated: number;
  /** Parts reported at least once, and of those first reported by the due date in force on the report's day. */
  everReported: number;
  reportedOnTime: number;
  /** Returns (sent back, failed inspections) over all parts. */
  returns: number;
  /**
   * The unit's earlier watches (`earlierWatches`: parts it passed on, 机构改革), each with the facts of its days: the parts, those
   * due for it (reported then, or owed past the due date when passed on: never overdue now), first reported on time then, the
   * returns then, and the days to a pass then. Not in `parts` and the others (what it holds: the dashboard's per-unit figures);
   * the scorecard adds them in. Only in a unit's tally.
   */
  earlierParts: number;
  earlierDue: number;
  earlierOnTime: number;
  earlierReturns: number;
  earlierRemediationDays: number;
  earlierRemediated: number;
  /** Parts the unit must act on (assigned or returned) that can be late (not standing), by due date: overdue = due before today. */
  readonly awaitingByDueDay: DayCounts;
  /** Parts never reported, by due date: with `everReported`, the parts that were due by today. */
  readonly unreportedByDueDay: DayCounts;
}

export const emptyTally = (): PartTally => ({
  parts: 0,
  reported: 0,
  verified: 0,
  returned: 0,
  remediationDays: 0,
  remediated: 0,
  everReported: 0,
  reportedOnTime: 0,
  returns: 0,
  earlierParts: 0,
  earlierDue: 0,
  earlierOnTime: 0,
  earlierReturns: 0,
  earlierRemediationDays: 0,
  earlierRemediated: 0,
  awaitingByDueDay: emptyDayCounts(),
  unreportedByDueDay: emptyDayCounts(),
});

/**
 * Adds (`sign` 1) or takes away (`sign` -1) one part's contribution, judged by `judged` (its holder's watch in the unit's
 * tally, `PartFacts.watch`; its own figures otherwise). Not reported (on the holder's watch) and awaiting its unit, it is due
 * once its due date is gone; reached already reported and awaiting inspection, or verified, it is not due for the holder.
 */
export function tallyPart(tally: PartTally, part: PartFacts, sign: 1 | -1, judged: Judged = ownJudged(part)): void {
  tally.parts += sign;
  if (part.status === 'REPORTED') tally.reported += sign;
  if (part.status === 'VERIFIED') tally.verified += sign;
  if (part.status === 'RETURNED') tally.returned += sign;
  const days = judged.remediationDays;
  if (days !== null) {
    tally.remediationDays += sign * days;
    tally.remediated += sign;
  }
  if (judged.firstReportOnTime === null) {
    if (!part.standing && awaitsUnit(part)) addOnDay(tally.unreportedByDueDay, judged.dueDate, sign);
  } else {
    tally.everReported += sign;
    if (judged.firstReportOnTime) tally.reportedOnTime += sign;
  }
  tally.returns += sign * judged.returns;
  if (awaitsUnit(part) && !part.standing) addOnDay(tally.awaitingByDueDay, judged.dueDate, sign);
}

/** Adds (`sign` 1) or takes away (−1) what an earlier holder's watch of a part adds to that unit's tally (`PartTally.earlierParts` …). */
function tallyEarlier(tally: PartTally, watch: EarlierWatch, sign: 1 | -1): void {
  tally.earlierParts += sign;
  if (dueOnWatch(watch)) tally.earlierDue += sign;
  if (watch.firstReportOnTime === true) tally.earlierOnTime += sign;
  tally.earlierReturns += sign * watch.returns;
  if (watch.remediationDays !== null) {
    tally.earlierRemediationDays += sign * watch.remediationDays;
    tally.earlierRemediated += sign;
  }
}

/** Parts awaiting their unit and due before `today`: the overdue parts. */
export const overdueOn = (tally: PartTally, today: string) => countBefore(tally.awaitingByDueDay, today);

/** Parts that were due by `today`: reported at least once, or past their due date. */
export const dueOn = (tally: PartTally, today: string) => tally.everReported + tally.earlierDue + countBefore(tally.unreportedByDueDay, today);

/** Mean business days to remediate, to one decimal; null before any verified part. */
export const meanRemediationDays = (tally: PartTally): number | null =>
  tally.remediated === 0 ? null : Math.round((tally.remediationDays / tally.remediated) * 10) / 10;

/** One part's change: what it was (null: not there) and what it is (null: gone). */
export interface PartChange {
  readonly before: PartFacts | null;
  readonly after: PartFacts | null;
}

/**
 * The parts of many parents (findings or work-plan items) tallied overall and per unit. After
 * every event of a parent, `update` compares its parts with what was counted and moves only the
 * parts that changed.
 */
export interface PartTallies {
  readonly byParent: Map<string, Map<string, PartFacts>>;
  readonly all: PartTally;
  readonly perUnit: Map<string, PartTally>;
}

export const emptyTallies = (): PartTallies => ({ byParent: new Map(), all: emptyTally(), perUnit: new Map() });

/** One part in the office's tally by its own figures, in its holder's by the holder's watch, and in each earlier holder's by its watch. */
function tallyUnitPart(tallies: PartTallies, part: PartFacts, sign: 1 | -1) {
  tallyPart(tallies.all, part, sign);
  tallyPart(unitTally(tallies, part.unitId), part, sign, part.watch);
  for (const watch of part.earlier ?? []) tallyEarlier(unitTally(tallies, watch.unitId), watch, sign);
}

function unitTally(tallies: PartTallies, unitId: string): PartTally {
  let unit = tallies.perUnit.get(unitId);
  if (!unit) tallies.perUnit.set(unitId, (unit = emptyTally()));
  return unit;
}

/**
 * Recounts one parent's parts as they are now; returns the parts that changed. `countedUntil`: the office day the parent
 * was withdrawn, for parts counted as they stood then (their lateness judged on that day, see `partFacts`); absent in the plan.
 * A part carrying its own such day (`parentWithdrawnOn`: a part a plan change took off, counted as it stood on its removal
 * day, `withPartsTakenOff`) is counted until that day. `parts` is keyed by anything unique (a unit id, or a taken-off key).
 */
export function updateParent(tallies: PartTallies, parentId: string, parts: ReadonlyMap<string, PartView & { readonly parentWithdrawnOn?: string }>, countedUntil?: string): PartChange[] {
  const counted = tallies.byParent.get(parentId) ?? new Map<string, PartFacts>();
  const changes: PartChange[] = [];
  for (const [unitId, before] of counted) {
    if (!parts.has(unitId)) {
      tallyUnitPart(tallies, before, -1);
      counted.delete(unitId);
      changes.push({ before, after: null });
    }
  }
  for (const [unitId, part] of parts) {
    const before = counted.get(unitId) ?? null;
    const until = part.parentWithdrawnOn ?? countedUntil;
    if (before && stillHolds(before, part, until)) continue;
    const after = partFacts(part, until);
    if (before) tallyUnitPart(tallies, before, -1);
    tallyUnitPart(tallies, after, 1);
    counted.set(unitId, after);
    changes.push({ before, after });
  }
  if (counted.size > 0) tallies.byParent.set(parentId, counted);
  else tallies.byParent.delete(parentId);
  return changes;
}
