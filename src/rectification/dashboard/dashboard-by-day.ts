import { daysToRemediate, dueOn as dueOnWatch, earlierWatches, holderWatch, isDueBound, onWatch, type PartStatus, type PartView } from '../../assignments/read-model/part-view.js';
import { isCorrection } from '../../assignments/domain/business-order.js';
import type { RecordedEvent } from '../../event-sourcing/recorded-event.js';
import { byPinyin } from '../../shared/chinese-order.js';
import type { FindingView } from '../ledger/rectification-ledger.js';
import { findingStatus } from '../ledger/finding-status.js';
import type { Dashboard, GroupProgress, UnitProgress } from './dashboard.js';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import { TURN_MS, type Milliseconds } from '../../shared/time-travel-fold.js';

/*
 * The dashboard's figures on any past office day without folding any finding when asked (breaker12h
 * P8: `dashboard(asOf:)` folded every finding at the cut, 18 s at 1M events). Each finding's share of
 * the figures is kept as a list of segments — from an office day on, what it adds (counted or not,
 * closed, 待交办, each part's unit, status, days to remediate and due day) — and every segment's share
 * is written into per-day deltas of the counters: +share on its first day, −share on the day the next
 * segment starts. A part's overdue count starts the day after its due day within its segment. The
 * figures on day D are then the sums of the deltas of the days up to D (a prefix sum over the days
 * that have any: O(counters + the days' changed counters), no stream read).
 *
 * Events that arrive in business order (on or after the finding's latest day, no correction, no
 * withdrawal) change the finding's last segment from the ledger's view now (the same fold in the same
 * order); any other (a late entry, a correction moving a date, a withdrawal or its undoing) marks the
 * finding for a refold of its own stream (`foldFindingByDay`), done before the next answer about a
 * past day: its old segments' deltas come off, the new ones go on. Plain data, snapshotted with the
 * dashboard.
 *
 * perf52: a finding keeps its segments packed in one array of numbers (`FindingDays.packed`): each segment as its
 * first day and, against the segment before, only the numbers that changed — (place, value) pairs — or the whole
 * segment when that is shorter or its length changed. A fold's next segment mostly moves one part's status and its
 * scores, so a finding holds a few numbers a day instead of an object and two arrays of every number (at 1M events the
 * segments were 119.9 MiB of the dashboard's 197.3 serialised, `byDay.findings`). The figures, the open parts of a
 * day and the refolds read the same segments, unpacked one at a time into a scratch vector.
 */

/** Counters of the whole dashboard (indexes into a day's vector). */
const TOTAL = 0;
const CLOSED = 1;
const UNASSIGNED = 2;
const ASSIGNED = 3;
const REPORTED = 4;
const VERIFIED = 5;
const RETURNED = 6;
const OVERDUE = 7;
const REMEDIATION_DAYS = 8;
const REMEDIATED = 9;
const OPEN = 10;
const FIXED_COUNTERS = 11;
/** A unit's counters, from its base index: assigned, reported, verified, returned, overdue, remediation days, remediated. */
const UNIT_COUNTERS = 7;
/** An evaluation's or category's: findings, closed. */
const GROUP_COUNTERS = 2;
/** A unit's 单位排名 figures (key `s|<unit id>`): parts, due, on time, overdue, returned, days to remediate, remediated. */
const SCORE_COUNTERS = 7;
/** Numbers per part or earlier watch in a segment's `scores` (see `Segment`). */
const SCORE_NUMBERS = 8;

const STATUS_CODES: Record<PartStatus, number> = { ASSIGNED: 0, REPORTED: 1, VERIFIED: 2, RETURNED: 3 };
const NO_DAY = -1;
/** Numbers per part in a segment's `parts` (see `Segment`). */
const PART_NUMBERS = 7;
const STATUS_OF_CODE: readonly PartStatus[] = ['ASSIGNED', 'REPORTED', 'VERIFIED', 'RETURNED'];

/**
 * One finding's share of the figures from office day `from` (a day number, see `dayNumber`) until the
 * next segment's: `parts` holds seven numbers per part — its unit's base index, its status code, its
 * days to remediate (−1: not verified), its due day number when it can be late (−1: never overdue), that due day as
 * its unit is judged on its watch (`onWatch`: not before the day it came to hold the part), what the unit's 逾期 counts by,
 * its unit's days to remediate on its watch (`holderWatch`: from the day it came to hold the part; −1: none), and
 * its own due day number whatever its state (the day the open-part lists sort it by: `openPartsOn`).
 */
export interface Segment {
  readonly from: number;
  readonly counted: boolean;
  readonly closed: boolean;
  readonly unassigned: boolean;
  readonly parts: readonly number[];
  /**
   * What the parent adds to the 单位排名 (`buildScorecard` over its parts as they stood), eight numbers per part held and
   * per earlier holder's watch (`earlierWatches`): the unit's `s|` base index, parts (1), due whatever the day (0/1),
   * on time (0/1), returned, days to remediate (−1: none), the day number from which it is overdue — due too, when the
   * next number is 1 — (−1: never; a withdrawn parent's part, counted on its withdrawal day, never when it was not
   * late by then), and whether it is then due as well. Empty for a withdrawn finding (no part held) or absent (a
   * snapshot written before it: nothing).
   */
  readonly scores?: readonly number[];
}

/** A finding as the by-day figures know it. */
interface FindingDays {
  readonly seq: number;
  readonly evaluationId: string;
  readonly category: string;
  /** Events of its stream the segments reflect (a refold read shorter than this is stale: not taken). */
  length: number;
  /** False once a fact came out of business order: every later change is a refold of its stream. */
  ordered: boolean;
  /** The latest office day number of its facts so far (segments equal to the one before are merged, so not the last segment's). */
  latest: number;
  /** Its segments in order, packed (see `packSegment`). */
  packed: number[];
  /**
   * The latest recording instant (ISO, UTC) of its stream's events projected (`applyFindingEvent`); absent for a work-plan
   * item's or in a snapshot written before it was kept (then it is taken as recorded after any instant: `recordedAfter`).
   */
  recordedUntil?: string;
}

/**
 * The days that have deltas, each its counters' changes as pairs `[counter, change, …]` in the counters' order (a counter
 * not named: 0). Sparse (perf52): a day changes a few hundred of the thousands of counters (7 a unit, twice), and a dense
 * vector kept a number for each counter up to the highest it changed — 1.9 M numbers, 8 % of them not 0, for the 500
 * days of the bench's 100k-event store.
 */
interface DayDeltas {
  readonly days: number[];
  readonly deltas: Map<number, number[]>;
}

/** Parts that can be late and are due within `window` days or past due, by day (for the lights' counts). */
interface WindowDeltas {
  readonly days: number[];
  readonly deltas: Map<number, number>;
}

/** The state: plain data (Maps, arrays, plain objects), snapshotted with the dashboard. */
export interface ByDayState {
  readonly findings: Map<string, FindingDays>;
  /** Finding ids of each evaluation, in the order recorded (for the order of `perEvaluation`). */
  readonly findingsOfEvaluation: Map<string, string[]>;
  /** Findings to refold from their streams before the next answer about a past day. */
  readonly stale: Set<string>;
  /** Each unit's, evaluation's (`e|id`) and category's (`c|name`) base index into a day's vector. */
  readonly bases: Map<string, number>;
  counters: number;
  /** Deltas written so far: figures worked out while it has not moved still hold. */
  writes: number;
  readonly all: DayDeltas;
  /** Per yellow window (days) asked so far, kept from then on. */
  readonly windows: Map<number, WindowDeltas>;
}

export const emptyByDay = (): ByDayState => ({
  findings: new Map(),
  findingsOfEvaluation: new Map(),
  stale: new Set(),
  bases: new Map(),
  counters: FIXED_COUNTERS,
  writes: 0,
  all: { days: [], deltas: new Map() },
  windows: new Map(),
});

const MS_PER_DAY = 86_400_000;
/** An office day `YYYY-MM-DD` as whole days since 1970-01-01. */
export const dayNumber = (day: string): number => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / MS_PER_DAY;

function baseOf(state: ByDayState, key: string, size: number): number {
  let base = state.bases.get(key);
  if (base === undefined) {
    base = state.counters;
    state.counters += size;
    state.bases.set(key, base);
  }
  return base;
}

function insertDay(days: number[], day: number): void {
  let low = 0;
  let high = days.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (days[middle]! < day) low = middle + 1;
    else high = middle;
  }
  days.splice(low, 0, day);
}

function addAt(state: ByDayState, day: number, counter: number, delta: number): void {
  state.writes += 1;
  let pairs = state.all.deltas.get(day);
  if (!pairs) {
    state.all.deltas.set(day, (pairs = []));
    insertDay(state.all.days, day);
  }
  // The counter's pair, or where it goes (a binary search over the pairs' counters).
  let low = 0;
  let high = pairs.length >> 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (pairs[2 * middle]! < counter) low = middle + 1;
    else high = middle;
  }
  if (2 * low < pairs.length && pairs[2 * low] === counter) {
    const sum = pairs[2 * low + 1]! + delta;
    // A change that came back to 0 (a segment written, then taken back) is dropped (6 pairs in 10 at 100k events).
    if (sum === 0) pairs.splice(2 * low, 2);
    else pairs[2 * low + 1] = sum;
  } else if (delta !== 0) pairs.splice(2 * low, 0, counter, delta);
}

function addInWindow(window: WindowDeltas, day: number, delta: number): void {
  const before = window.deltas.get(day);
  if (before === undefined) insertDay(window.days, day);
  window.deltas.set(day, (before ?? 0) + delta);
}

/** `delta` on every day in [from, end): +delta on `from`, −delta on `end` (none when it never ends). */
function span(state: ByDayState, from: number, end: number, counter: number, delta: number): void {
  if (delta === 0 || from >= end) return;
  addAt(state, from, counter, delta);
  if (end !== Infinity) addAt(state, end, counter, -delta);
}

/**
 * A segment as one vector of numbers: `[flags, n, ...parts (n numbers), ...scores]` — flags `COUNTED | CLOSED | UNASSIGNED`,
 * then `Segment.parts` and `Segment.scores` as they are. What a finding's packed segments unpack to, one at a time.
 */
type SegmentVector = readonly number[];
const COUNTED_FLAG = 1;
const CLOSED_FLAG = 2;
const UNASSIGNED_FLAG = 4;
/** Where a vector's parts begin. */
const PARTS_AT = 2;

function vectorOf(segment: Segment): number[] {
  const { parts, scores = [] } = segment;
  const flags = (segment.counted ? COUNTED_FLAG : 0) | (segment.closed ? CLOSED_FLAG : 0) | (segment.unassigned ? UNASSIGNED_FLAG : 0);
  const vector = [flags, parts.length];
  for (const value of parts) vector.push(value);
  for (const value of scores) vector.push(value);
  return vector;
}

/**
 * Writes (`sign` 1) or takes back (−1) what the segment `vector`, from day number `from` until `end`, adds to the
 * figures and to every kept window's counts — or, with `onlyWindow`, to that window's counts alone.
 */
function writeSegment(state: ByDayState, finding: FindingDays, from: number, vector: SegmentVector, end: number, sign: 1 | -1, onlyWindow?: readonly [number, WindowDeltas]): void {
  const flags = vector[0]!;
  const partsEnd = PARTS_AT + vector[1]!;
  if (onlyWindow) {
    if (flags & COUNTED_FLAG) for (let index = PARTS_AT + 3; index < partsEnd; index += PART_NUMBERS) writeWindow(onlyWindow, from, end, vector[index]!, sign);
    return;
  }
  writeScores(state, from, vector, partsEnd, end, sign);
  if (!(flags & COUNTED_FLAG)) return;
  const evaluation = baseOf(state, `e|${finding.evaluationId}`, GROUP_COUNTERS);
  const category = baseOf(state, `c|${finding.category}`, GROUP_COUNTERS);
  span(state, from, end, TOTAL, sign);
  span(state, from, end, evaluation, sign);
  span(state, from, end, category, sign);
  if (flags & CLOSED_FLAG) {
    span(state, from, end, CLOSED, sign);
    span(state, from, end, evaluation + 1, sign);
    span(state, from, end, category + 1, sign);
  }
  if (flags & UNASSIGNED_FLAG) span(state, from, end, UNASSIGNED, sign);
  for (let index = PARTS_AT; index < partsEnd; index += PART_NUMBERS) {
    const unit = vector[index]!;
    const status = vector[index + 1]!;
    const remediation = vector[index + 2]!;
    const due = vector[index + 3]!;
    const unitDue = vector[index + 4]!;
    const unitRemediation = vector[index + 5]!;
    span(state, from, end, ASSIGNED, sign);
    span(state, from, end, unit, sign);
    if (status !== STATUS_CODES.ASSIGNED) {
      // Reported, verified, returned: each its own counter, a unit's in the same order.
      span(state, from, end, REPORTED + status - 1, sign);
      span(state, from, end, unit + status, sign);
    }
    if (status !== STATUS_CODES.VERIFIED) span(state, from, end, OPEN, sign);
    if (remediation >= 0) {
      span(state, from, end, REMEDIATION_DAYS, sign * remediation);
      span(state, from, end, REMEDIATED, sign);
    }
    if (unitRemediation >= 0) {
      span(state, from, end, unit + 5, sign * unitRemediation);
      span(state, from, end, unit + 6, sign);
    }
    if (due !== NO_DAY) {
      // Overdue (red) from the day after its due day, while the segment lasts.
      const overdueFrom = Math.max(from, due + 1);
      span(state, overdueFrom, end, OVERDUE, sign);
      span(state, Math.max(from, unitDue + 1), end, unit + 4, sign);
      for (const window of state.windows) writeWindow(window, from, end, due, sign);
    }
  }
}

/** What the segment `vector` (its scores from `scoresAt` on), from `from` until `end`, adds to the units' 单位排名 figures, written (`sign` 1) or taken back (−1). */
function writeScores(state: ByDayState, from: number, vector: SegmentVector, scoresAt: number, end: number, sign: 1 | -1): void {
  for (let index = scoresAt; index < vector.length; index += SCORE_NUMBERS) {
    const base = vector[index]!;
    span(state, from, end, base, sign * vector[index + 1]!);
    span(state, from, end, base + 1, sign * vector[index + 2]!);
    span(state, from, end, base + 2, sign * vector[index + 3]!);
    span(state, from, end, base + 4, sign * vector[index + 4]!);
    const remediation = vector[index + 5]!;
    if (remediation >= 0) {
      span(state, from, end, base + 5, sign * remediation);
      span(state, from, end, base + 6, sign);
    }
    const lateFrom = vector[index + 6]!;
    if (lateFrom !== NO_DAY) {
      const overdueFrom = Math.max(from, lateFrom);
      span(state, overdueFrom, end, base + 3, sign);
      span(state, overdueFrom, end, base + 1, sign * vector[index + 7]!);
    }
  }
}

/** A part that can be late, due on day number `due`, counted red or yellow from `window` days before its due day while [from, end) lasts. */
function writeWindow([window, deltas]: readonly [number, WindowDeltas], from: number, end: number, due: number, sign: 1 | -1): void {
  if (due === NO_DAY) return;
  const soonFrom = Math.max(from, due - window);
  if (soonFrom >= end) return;
  addInWindow(deltas, soonFrom, sign);
  if (end !== Infinity) addInWindow(deltas, end, -sign);
}

/*
 * Packed segments (`FindingDays.packed`): one record per segment, in order — its first day number, then a count `h` and
 * what follows it: h < 0, the whole vector (−h numbers); h ≥ 0, h pairs (place, value) that change the vector before it
 * (the same length). A record never starts a list with h ≥ 0. Every number a small integer (a day number, a base index,
 * a count of days, −1 for none): a packed array of them is 8 bytes a number on the heap, a few in a snapshot.
 */

/** The numbers of the record at `at` after its day and count. */
const payloadOf = (packed: readonly number[], at: number) => {
  const count = packed[at + 1]!;
  return count < 0 ? -count : 2 * count;
};

/** Where the record after the one at `at` starts (`packed.length` after the last). */
const nextRecord = (packed: readonly number[], at: number) => at + 2 + payloadOf(packed, at);

/** The record at `at` applied to `vector` (the one before it unpacked, or anything for a whole one): changed in place. */
function unpackRecord(packed: readonly number[], at: number, vector: number[]): void {
  const count = packed[at + 1]!;
  if (count < 0) {
    vector.length = -count;
    for (let index = 0; index < -count; index += 1) vector[index] = packed[at + 2 + index]!;
  } else {
    for (let index = at + 2, end = at + 2 + 2 * count; index < end; index += 2) vector[packed[index]!] = packed[index + 1]!;
  }
}

/** Appends the segment `vector` from day number `from` to `packed`, as what changed since `before` (the last one's vector, null when none) when that is shorter. */
function packSegment(packed: number[], from: number, vector: SegmentVector, before: SegmentVector | null): void {
  if (before !== null && before.length === vector.length) {
    let changed = 0;
    for (let index = 0; index < vector.length; index += 1) if (vector[index] !== before[index]) changed += 1;
    if (2 * changed < vector.length) {
      packed.push(from, changed);
      for (let index = 0; index < vector.length; index += 1) if (vector[index] !== before[index]) packed.push(index, vector[index]!);
      return;
    }
  }
  packed.push(from, -vector.length);
  for (const value of vector) packed.push(value);
}

/** Scratch vectors: unpacked segments live only until the next unpacking (no caller keeps one). */
const scratch: number[] = [];
const scratchBefore: number[] = [];

/**
 * Calls `visit(from, end, vector)` for each of the packed segments in order: its first day number, the next one's (Infinity
 * for the last) and its vector — a scratch array, good only during the call.
 */
function eachSegment(packed: readonly number[], visit: (from: number, end: number, vector: SegmentVector) => void): void {
  const vector: number[] = [];
  for (let at = 0; at < packed.length; ) {
    unpackRecord(packed, at, vector);
    const next = nextRecord(packed, at);
    visit(packed[at]!, next < packed.length ? packed[next]! : Infinity, vector);
    at = next;
  }
}

/** The vector of the segment in force on day number `day` unpacked into `into` (returned); null before the first. */
function vectorOn(packed: readonly number[], day: number, into: number[]): number[] | null {
  let found = false;
  for (let at = 0; at < packed.length && packed[at]! <= day; at = nextRecord(packed, at)) {
    unpackRecord(packed, at, into);
    found = true;
  }
  return found ? into : null;
}

function writeSegments(state: ByDayState, finding: FindingDays, sign: 1 | -1): void {
  eachSegment(finding.packed, (from, end, vector) => writeSegment(state, finding, from, vector, end, sign));
}

/** What the finding's view adds to the figures from office day number `day` on (read at once: plain numbers). */
export function segmentOf(state: ByDayState, day: number, view: FindingView): Segment {
  if (view.status === 'WITHDRAWN') return { from: day, counted: false, closed: false, unassigned: false, parts: [], scores: [] };
  const parts: number[] = [];
  for (const part of view.parts.values()) {
    const bound = isDueBound(part);
    const remediation = daysToRemediate(part);
    const unitRemediation = part.heldSince === undefined ? remediation : holderWatch(part).remediationDays;
    parts.push(baseOf(state, part.unitId, UNIT_COUNTERS), STATUS_CODES[part.status], remediation ?? -1, bound ? dayNumber(part.dueDate) : NO_DAY, bound ? dayNumber(onWatch(part).dueDate) : NO_DAY, unitRemediation ?? -1, dayNumber(part.dueDate));
  }
  return { from: day, counted: true, closed: view.status === 'CLOSED', unassigned: findingStatus(view) === 'UNASSIGNED', parts, scores: scoresOf(state, view.parts.values()) };
}

/**
 * What `parts` (a parent's, as the scorecard of a day counts them: a withdrawn item's as they stood, `parentWithdrawnOn`
 * set) add to the units' 单位排名 from office day number `day` on: a segment of no dashboard figure (a work-plan item's).
 */
export function scoreSegmentOf(state: ByDayState, day: number, parts: Iterable<PartView & { readonly parentWithdrawnOn?: string }>): Segment {
  return { from: day, counted: false, closed: false, unassigned: false, parts: [], scores: scoresOf(state, parts) };
}

/** `Segment.scores` of `parts`: per part, what `buildScorecard` counts for its holder and for each earlier holder's watch. */
function scoresOf(state: ByDayState, parts: Iterable<PartView & { readonly parentWithdrawnOn?: string }>): number[] {
  const scores: number[] = [];
  for (const part of parts) {
    const watch = holderWatch(part);
    // Due and overdue once the day counted on (the withdrawal day at most: `dayCountedOn`) is past its due day as judged on its watch.
    const judgedDue = dayNumber(onWatch(part).dueDate);
    const withdrawn = part.parentWithdrawnOn === undefined ? Infinity : dayNumber(part.parentWithdrawnOn);
    const lateFrom = isDueBound(part) && withdrawn > judgedDue ? judgedDue + 1 : NO_DAY;
    scores.push(
      scoreBase(state, part.unitId),
      1,
      watch.firstReportOnTime !== null ? 1 : 0,
      watch.firstReportOnTime === true ? 1 : 0,
      watch.returns,
      watch.remediationDays ?? -1,
      lateFrom,
      watch.firstReportOnTime === null ? 1 : 0,
    );
    if (part.heldBefore.length === 0) continue;
    for (const earlier of earlierWatches(part)) {
      scores.push(scoreBase(state, earlier.unitId), 1, dueOnWatch(earlier) ? 1 : 0, earlier.firstReportOnTime === true ? 1 : 0, earlier.returns, earlier.remediationDays ?? -1, NO_DAY, 0);
    }
  }
  return scores;
}

const scoreBase = (state: ByDayState, unitId: string) => baseOf(state, `s|${unitId}`, SCORE_COUNTERS);

const sameNumbers = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((value, index) => value === b[index]);

/** The segments in order, packed, a day's segment equal to the one before merged into it. */
function packed(segments: readonly Segment[]): number[] {
  const packs: number[] = [];
  let before: number[] | null = null;
  for (const segment of segments) {
    const vector = vectorOf(segment);
    if (before !== null && sameNumbers(before, vector)) continue;
    packSegment(packs, segment.from, vector, before);
    before = vector;
  }
  return packs;
}

/** A withdrawal (as a repeat, it counts on days before its own) or its undoing: always refolded. */
const refoldedAlways = (type: string) => type === 'FindingWithdrawn' || type === 'FindingWithdrawalUndone' || type === 'PartHandOverUndone';

/**
 * One event of a finding's stream, after the ledger applied it (`view`: the finding now). In business
 * order it moves the finding's last segment (O(its parts)); otherwise the finding is refolded later
 * (`stale`). `seq`: the finding's place in the order recorded.
 */
export function applyFindingEvent(state: ByDayState, event: RecordedEvent, view: FindingView, seq: number): void {
  const outOfOrder = isCorrection(event) || refoldedAlways(event.type);
  applyParentEvent(state, view.findingId, { seq, evaluationId: view.evaluationId, category: view.category }, dayNumber(event.occurredOn), outOfOrder, (day) => segmentOf(state, day, view));
  const finding = state.findings.get(view.findingId)!;
  const recordedAt = event.metadata.recordedAt;
  if (finding.recordedUntil === undefined || recordedAt > finding.recordedUntil) finding.recordedUntil = recordedAt;
}

/**
 * The findings with an event of their own stream recorded after the ISO instant `knownAt` (or not known to have none: a
 * snapshot written before `recordedUntil` was kept). Every other finding's segments are what a fold at any cut known at
 * `knownAt` gives: a fold leaves out only events recorded after the instant. O(findings), no stream read.
 */
export function recordedAfter(state: ByDayState, knownAt: string): string[] {
  const ids: string[] = [];
  for (const [findingId, finding] of state.findings) if (finding.recordedUntil === undefined || finding.recordedUntil > knownAt) ids.push(findingId);
  return ids;
}

/**
 * The by-day state as it would read with each finding of `shares` holding those segments instead of its own (an empty
 * list: not identified at the cut) — a record-time cut (`knownAt`) answered from the kept segments plus the findings
 * recorded since (`recordedAfter`), each folded at the cut (issue 12 row 4, perf12d). A copy: `state` is not changed
 * (the days' deltas and the yellow window `window`'s deltas, in days, are copied: O(the days' changed counters); each finding's
 * list of segments too); only that window is kept in it. Read it at once with `figuresOn` / `openPartsOn` /
 * `scoresOn`, with the same `window`; a finding not in `state` is left out.
 *
 * The copy is taken in one turn (one moment of `state`); the findings' segments are then replaced in the copy a slice
 * at a time, giving the event loop back after `TURN_MS` of `clock` (perf48: replacing every finding recorded after an
 * early instant held the loop 100–130 ms at 10k events, O(findings × days) at 100k), so events projected meanwhile
 * change `state`, never the copy.
 */
export async function withSharesReplaced(state: ByDayState, shares: ReadonlyMap<string, readonly Segment[]>, window: number, clock: Milliseconds = () => performance.now()): Promise<ByDayState> {
  const kept = windowOf(state, window);
  const copy: ByDayState = {
    // Each finding's segments as they are now: a live finding's packed list changes in place as its events are projected.
    findings: new Map([...state.findings].map(([findingId, finding]) => [findingId, { ...finding, packed: finding.packed.slice() }])),
    findingsOfEvaluation: new Map([...state.findingsOfEvaluation].map(([evaluationId, findingIds]) => [evaluationId, findingIds.slice()])),
    stale: new Set(),
    bases: new Map(state.bases),
    counters: state.counters,
    writes: state.writes,
    all: { days: [...state.all.days], deltas: new Map([...state.all.deltas].map(([day, pairs]) => [day, pairs.slice()])) },
    windows: new Map([[window, { days: [...kept.days], deltas: new Map(kept.deltas) }]]),
  };
  let sliceStarted = clock();
  for (const [findingId, segments] of shares) {
    if (clock() - sliceStarted >= TURN_MS) {
      await nextTurn();
      sliceStarted = clock();
    }
    const finding = copy.findings.get(findingId);
    if (!finding) continue;
    writeSegments(copy, finding, -1);
    const replaced: FindingDays = { ...finding, packed: packed(segments) };
    copy.findings.set(findingId, replaced);
    writeSegments(copy, replaced, 1);
  }
  return copy;
}

/**
 * One event of a parent's stream (a finding's, or a work-plan item's with `state` its own), on office day number `day`:
 * when it is in business order (not `outOfOrder`, not before the parent's latest day, none before it out of order) the
 * parent's last segment becomes `next(day)` — its share as the parent's view now gives it; otherwise the parent is
 * refolded later (`stale`). `seq`: its place in the order recorded.
 */
export function applyParentEvent(
  state: ByDayState,
  parentId: string,
  parent: { readonly seq: number; readonly evaluationId: string; readonly category: string },
  day: number,
  outOfOrder: boolean,
  next: (day: number) => Segment,
): void {
  let finding = state.findings.get(parentId);
  if (!finding) {
    finding = { ...parent, length: 0, ordered: true, latest: -Infinity, packed: [] };
    state.findings.set(parentId, finding);
    const ofEvaluation = state.findingsOfEvaluation.get(parent.evaluationId);
    if (ofEvaluation) ofEvaluation.push(parentId);
    else state.findingsOfEvaluation.set(parent.evaluationId, [parentId]);
  }
  if (!finding.ordered || outOfOrder || day < finding.latest) {
    finding.ordered = false;
    state.stale.add(parentId);
    return;
  }
  finding.length += 1;
  finding.latest = day;
  const share = vectorOf(next(day));
  const packs = finding.packed;
  if (packs.length === 0) {
    packSegment(packs, day, share, null);
    writeSegment(state, finding, day, share, Infinity, 1);
    return;
  }
  // The last segment (its record at `lastAt`) and the one before it, unpacked.
  let lastAt = 0;
  scratchBefore.length = 0;
  for (let at = 0; at < packs.length; at = nextRecord(packs, at)) {
    if (at > 0) unpackRecord(packs, lastAt, scratchBefore);
    lastAt = at;
  }
  const before = lastAt > 0 ? scratchBefore : null;
  scratch.length = 0;
  for (const value of scratchBefore) scratch.push(value);
  unpackRecord(packs, lastAt, scratch);
  const lastFrom = packs[lastAt]!;
  if (sameNumbers(scratch, share)) return;
  writeSegment(state, finding, lastFrom, scratch, Infinity, -1);
  if (lastFrom === day) {
    packs.length = lastAt;
    packSegment(packs, day, share, before);
  } else {
    writeSegment(state, finding, lastFrom, scratch, day, 1);
    packSegment(packs, day, share, scratch);
  }
  writeSegment(state, finding, day, share, Infinity, 1);
}

/**
 * One refold of a read model's stale parents at a time (`refoldPastDays`): a caller arriving while one is under way — the
 * background refold after a start (PastDayRefolds), another answer's — waits for it, then refolds whatever is still stale
 * (parents marked since, or the whole set if that refold failed or was abandoned), rather than reading the same streams
 * a second time alongside it.
 */
export class OneRefoldAtATime {
  private underWay: Promise<void> | null = null;

  async run(stale: () => number, refold: () => Promise<void>): Promise<void> {
    while (this.underWay) await this.underWay.catch(() => undefined);
    if (stale() === 0) return;
    const run = refold();
    this.underWay = run;
    try {
      await run;
    } finally {
      if (this.underWay === run) this.underWay = null;
    }
  }
}

/** Marks a parent for a refold of its stream before the next answer about a past day (a change outside its own events). */
export function markStale(state: ByDayState, parentId: string): void {
  const finding = state.findings.get(parentId);
  if (!finding) return;
  finding.ordered = false;
  state.stale.add(parentId);
}

/**
 * Puts a refold of the finding's stream in place of its segments: `segments` as `segmentOf` gives
 * them for each day `foldFindingByDay` visits, from a stream of `length` events. A refold read before
 * a longer one was taken is left out. Returns whether the finding is up to date with `known` events
 * (its history's length now).
 */
export function refoldFinding(state: ByDayState, findingId: string, length: number, segments: readonly Segment[], known: number): boolean {
  const finding = state.findings.get(findingId);
  if (!finding) return true;
  if (length >= finding.length) {
    writeSegments(state, finding, -1);
    finding.packed = packed(segments);
    finding.length = length;
    writeSegments(state, finding, 1);
  }
  const current = finding.length >= known;
  if (current) state.stale.delete(findingId);
  return current;
}

/** Whether the finding counts (on the 台账, identified) on day number `day`. */
function countedOn(finding: FindingDays, day: number): boolean {
  const vector = vectorOn(finding.packed, day, scratch);
  return vector !== null && (vector[0]! & COUNTED_FLAG) !== 0;
}

/** The lights' counts of open parts on a day (see `trafficLight`). */
export interface LightCounts {
  readonly RED: number;
  readonly YELLOW: number;
  readonly GREEN: number;
  readonly all: number;
}

/** The figures of a day as `buildDashboard` gives them, without the lists of open parts, with the parts counted by light. */
export interface FiguresOnDay extends Omit<Dashboard, 'asOf' | 'dueSoonDays' | 'openParts' | 'overdue'> {
  readonly lights: LightCounts;
}

const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10);
const mean = (sum: number, count: number) => (count === 0 ? null : Math.round((sum / count) * 10) / 10);

function windowOf(state: ByDayState, window: number): WindowDeltas {
  let deltas = state.windows.get(window);
  if (!deltas) {
    // First asked: written from every finding's segments once, then kept as they change.
    deltas = { days: [], deltas: new Map() };
    const only = [window, deltas] as const;
    for (const finding of state.findings.values()) eachSegment(finding.packed, (from, end, vector) => writeSegment(state, finding, from, vector, end, 1, only));
    state.windows.set(window, deltas);
  }
  return deltas;
}

/**
 * The figures on office day `asOf` (`YYYY-MM-DD`) with the yellow window `dueSoonDays` (days), as
 * `buildDashboard` over every finding folded at that day (everything entered) gives them. O(days
 * up to `asOf`: counters + their changed counters + evaluations); call only once `stale` is empty.
 * `unitName`: the names units had that day; `evaluationTitle`: the title shown for an evaluation id.
 */
export function figuresOn(state: ByDayState, asOf: string, dueSoonDays: number, unitName: (unitId: string) => string, evaluationTitle: (evaluationId: string) => string): FiguresOnDay {
  const day = dayNumber(asOf);
  const sums = sumsOn(state, day);
  const window = windowOf(state, dueSoonDays);
  let soonOrLate = 0;
  for (const at of window.days) {
    if (at > day) break;
    soonOrLate += window.deltas.get(at)!;
  }
  const total = sums[TOTAL]!;
  const closed = sums[CLOSED]!;
  const unassigned = sums[UNASSIGNED]!;
  const perUnit: UnitProgress[] = [];
  const perEvaluation: { first: number; group: GroupProgress }[] = [];
  const perCategory: GroupProgress[] = [];
  for (const [key, base] of state.bases) {
    if (key.startsWith('e|')) {
      if (sums[base]! <= 0) continue;
      const evaluationId = key.slice(2);
      // Listed in the order of the evaluation's first finding counted that day, as buildDashboard meets them.
      const firstId = (state.findingsOfEvaluation.get(evaluationId) ?? []).find((id) => countedOn(state.findings.get(id)!, day))!;
      perEvaluation.push({ first: state.findings.get(firstId)!.seq, group: group(evaluationId, evaluationTitle(evaluationId), sums[base]!, sums[base + 1]!) });
    } else if (key.startsWith('c|')) {
      if (sums[base]! > 0) perCategory.push(group(key.slice(2), key.slice(2), sums[base]!, sums[base + 1]!));
    } else if (!key.startsWith('s|') && sums[base]! > 0) {
      perUnit.push({
        unitId: key,
        unitName: unitName(key),
        assigned: sums[base]!,
        reported: sums[base + 1]!,
        verified: sums[base + 2]!,
        returned: sums[base + 3]!,
        overdue: sums[base + 4]!,
        meanDaysToRemediate: mean(sums[base + 5]!, sums[base + 6]!),
      });
    }
  }
  const red = sums[OVERDUE]!;
  const open = sums[OPEN]!;
  return {
    findings: { total, unassigned, open: total - closed - unassigned, closed },
    percentClosed: percent(closed, total),
    parts: { assigned: sums[ASSIGNED]!, reported: sums[REPORTED]!, verified: sums[VERIFIED]!, returned: sums[RETURNED]!, overdue: red },
    meanDaysToRemediate: mean(sums[REMEDIATION_DAYS]!, sums[REMEDIATED]!),
    perUnit: perUnit.sort((a, b) => b.overdue - a.overdue || byPinyin(a.unitName, b.unitName)),
    perEvaluation: perEvaluation.sort((a, b) => a.first - b.first).map(({ group }) => group),
    perCategory: perCategory.sort((a, b) => byPinyin(a.label, b.label)),
    lights: { RED: red, YELLOW: soonOrLate - red, GREEN: open - soonOrLate, all: open },
  };
}

/** Every counter on day number `day`: the sums of the deltas of the days up to it. O(counters + the days' pairs up to it). */
function sumsOn(state: ByDayState, day: number): number[] {
  const sums = new Array<number>(state.counters).fill(0);
  for (const at of state.all.days) {
    if (at > day) break;
    const pairs = state.all.deltas.get(at)!;
    for (let index = 0; index < pairs.length; index += 2) sums[pairs[index]!]! += pairs[index + 1]!;
  }
  return sums;
}

/** A unit's 单位排名 figures on a day, summed over parents (see `scoresOn`). */
export interface UnitScoreFigures {
  parts: number;
  due: number;
  onTime: number;
  overdue: number;
  returned: number;
  remediationDays: number;
  remediated: number;
}

/**
 * Adds to `into` each unit's 单位排名 figures on office day `asOf` (`YYYY-MM-DD`) as `buildScorecard` counts them over the
 * parents folded at that day (everything entered), from the segments' `scores`: no stream read; call only once `stale`
 * is empty. O(counters + the days' changed counters up to it).
 */
export function scoresOn(state: ByDayState, asOf: string, into: Map<string, UnitScoreFigures>): Map<string, UnitScoreFigures> {
  const sums = sumsOn(state, dayNumber(asOf));
  for (const [key, base] of state.bases) {
    if (!key.startsWith('s|')) continue;
    const unitId = key.slice(2);
    let figures = into.get(unitId);
    if (!figures) into.set(unitId, (figures = { parts: 0, due: 0, onTime: 0, overdue: 0, returned: 0, remediationDays: 0, remediated: 0 }));
    figures.parts += sums[base]!;
    figures.due += sums[base + 1]!;
    figures.onTime += sums[base + 2]!;
    figures.overdue += sums[base + 3]!;
    figures.returned += sums[base + 4]!;
    figures.remediationDays += sums[base + 5]!;
    figures.remediated += sums[base + 6]!;
  }
  return into;
}

const group = (key: string, label: string, findings: number, closed: number): GroupProgress => ({ key, label, findings, closed, percentClosed: percent(closed, findings) });

/** An open part on a day as the by-day segments know it (see `openPartsOn`). */
export interface OpenPartOnDay {
  readonly findingId: string;
  readonly unitId: string;
  readonly status: PartStatus;
  /** Its own due day, `YYYY-MM-DD`. */
  readonly dueDate: string;
  /** Whether it can be late (`isDueBound`): else it is green whatever its due day. */
  readonly bound: boolean;
}

const dayText = (day: number) => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);

/**
 * Every part open (not verified) on office day `asOf` of every finding counted that day, from the segments in force
 * that day (no stream read): findings in the order recorded, each finding's parts in its view's order — the order
 * `buildDashboard` meets them in over the findings folded at that day. O(findings × their segments + parts); call only
 * once `stale` is empty.
 */
export function openPartsOn(state: ByDayState, asOf: string): OpenPartOnDay[] {
  const day = dayNumber(asOf);
  const unitOfBase = new Map<number, string>();
  for (const [key, base] of state.bases) if (!key.startsWith('e|') && !key.startsWith('c|') && !key.startsWith('s|')) unitOfBase.set(base, key);
  const findings = [...state.findings];
  if (findings.some(([, finding], index) => index > 0 && findings[index - 1]![1].seq > finding.seq)) findings.sort(([, a], [, b]) => a.seq - b.seq);
  const open: OpenPartOnDay[] = [];
  for (const [findingId, finding] of findings) {
    const vector = vectorOn(finding.packed, day, scratch);
    if (vector === null || !(vector[0]! & COUNTED_FLAG)) continue;
    for (let index = PARTS_AT, end = PARTS_AT + vector[1]!; index < end; index += PART_NUMBERS) {
      const status = STATUS_OF_CODE[vector[index + 1]!]!;
      if (status === 'VERIFIED') continue;
      open.push({ findingId, unitId: unitOfBase.get(vector[index]!)!, status, dueDate: dayText(vector[index + 6]!), bound: vector[index + 3] !== NO_DAY });
    }
  }
  return open;
}
