import type { TimelineEntry } from './timeline.js';
import { keepsJoiningRecord, overdueDueCarried, ownRoleOnTheDay, type SameDayRecord, type SameDayStep, type WorkDone } from '../domain/same-day-join.js';
import { addDays, daysBetween } from '../../shared/calendar-date.js';
import { BY_DATE, isNeverOverdue, isProgressReport, type DueTerms } from '../../shared/deadline.js';
import type { AssignmentEvent, AssignmentRole, DueDateOverridden, Evidence, FactDateCorrected, InspectionLogged, InspectionOutcome } from '../domain/assignment.events.js';
import { correctionsOf, whatFailed, type InspectionCorrectionNote } from '../domain/business-order.js';

/** A request's withdrawal fields cleared: a decision of the withdrawal's own day stands over it (breaker8v P3). */
const NOT_WITHDRAWN = { withdrawnOn: null, withdrawnAt: null, withdrawalReason: null } as const;

export type PartStatus = 'ASSIGNED' | 'REPORTED' | 'VERIFIED' | 'RETURNED';
export type TrafficLight = 'GREEN' | 'YELLOW' | 'RED';

/*
 * Every fact of a part has two times: the office day it happened (`…On`, `YYYY-MM-DD`, business
 * time) and the instant it was recorded (`…At`, ISO). Everything derived — lights, days left,
 * on-time, days to remediate — is counted in business days.
 */

export interface ReportView {
  readonly summary: string;
  readonly evidence: readonly Evidence[];
  readonly reportedOn: string;
  readonly reportedAt: string;
  /** The account that recorded it: the unit's own, or the supervisor who entered it on the unit's behalf (`enteredBy`). */
  readonly reportedBy: string;
  /** 代录: the supervisor account (user id) that entered the unit's paper report on its behalf; absent: the unit's own report. */
  readonly enteredBy?: string;
  /**
   * The office day (`YYYY-MM-DD`) the report was entered as, when a date correction (更正报告日期, 更正记录日期) moved it
   * to another; absent when never moved or moved back (newcomer49-8 M2: the card showed only the corrected day).
   */
  readonly reportedOnAsEntered?: string;
}

/** A report moved to office day `on` by a date correction: the day it was entered as kept (`reportedOnAsEntered`), none once back on it. */
function reportMovedTo(report: ReportView, on: string): ReportView {
  const { reportedOnAsEntered: entered = report.reportedOn, ...rest } = report;
  return entered === on ? { ...rest, reportedOn: on } : { ...rest, reportedOn: on, reportedOnAsEntered: entered };
}

export interface InspectionView {
  readonly inspectionId: string;
  readonly outcome: InspectionOutcome;
  /** What the inspector wrote, as written: a correction never replaces it (newcomer46-8 M2). */
  readonly notes: string;
  /** The supervisor's corrections of this inspection (its day, its outcome), in order: who, when, why; empty when none. */
  readonly corrections: readonly InspectionCorrectionNote[];
  readonly inspectedOn: string;
  /**
   * Set when a date correction (更正记录日期) moved `inspectedOn`: the day it was entered as (原录, newcomer55-8 M2 — the 台账 notes it
   * as a report's). Absent: `inspectedOn` is its own.
   */
  readonly inspectedOnAsEntered?: string;
  readonly place: string;
  readonly inspectorId: string;
  readonly loggedAt: string;
}

export interface ExtensionRequestView {
  readonly requestId: string;
  readonly requestedDueDate: string;
  readonly reason: string;
  readonly requestedOn: string;
  readonly requestedAt: string;
  /** 代录: the supervisor's account that entered the unit's paper request on its behalf; absent when the unit asked itself. */
  readonly enteredBy?: string;
  /**
   * LAPSED: the part was verified while it was pending (已失效, nothing to decide); WITHDRAWN: the unit
   * took it back while pending (已撤回). See the decider's `ExtensionStatus`.
   */
  status: 'PENDING' | 'GRANTED' | 'REFUSED' | 'LAPSED' | 'WITHDRAWN';
  decidedOn: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  grantedDueDate: string | null;
  /** The office day (`YYYY-MM-DD`) the unit withdrew it, the UTC instant recorded, and why; null unless WITHDRAWN. */
  withdrawnOn: string | null;
  withdrawnAt: string | null;
  withdrawalReason: string | null;
}

export interface UrgeView {
  readonly message: string;
  readonly urgedOn: string;
  readonly urgedAt: string;
  readonly urgedBy: string;
}

export interface ReturnView {
  readonly cause: 'SENT_BACK' | 'INSPECTION_FAILED' | 'REOPENED';
  readonly reason: string;
  readonly returnedOn: string;
  readonly returnedAt: string;
  /** The due date the part was given as it came back; null when it kept its own. */
  readonly newDueDate: string | null;
  /**
   * Set when a date correction changed `newDueDate` (breaker49-8 S4, M1): the one the return gave itself (null: none), which a
   * later correction moving it where it needs none gives back (`FactDateCorrected.ownDueDateOnly`). Absent: `newDueDate` is its own.
   */
  readonly ownNewDueDate?: string | null;
  /**
   * A send-back or reopening moved to `returnedOn` by a date correction (更正记录日期): the office day (`YYYY-MM-DD`) it was
   * entered as (原录); absent when never moved or moved back (newcomer51-8 M4). A failed inspection's return has none: its
   * inspection carries its corrections.
   */
  readonly returnedOnAsEntered?: string;
  /**
   * A 重新打开 Rectify wrote (PartsReopened `foundClosed`, h54b) with the office's part-only reopening of the same day that by date
   * found the parent closed: not a record of its own — it is retracted, redated or void only with that reopening (a retraction or
   * date correction of it alone is refused CONFLICT, `extensions.goesWith`). The unit whose part that reopening returned, where it
   * is retracted or corrected ('' when the view holds no such part). Absent on every other return.
   */
  readonly goesWithReopeningOf?: string;
}

/** The fold-only note of a return's first day (`returnedOnAsEntered`) an event's data carries at a cut, as a view field. */
const returnedOnAsEnteredOf = (data: object, on: string): { returnedOnAsEntered?: string } => {
  const entered = (data as { returnedOnAsEntered?: string }).returnedOnAsEntered;
  return entered === undefined || entered === on ? {} : { returnedOnAsEntered: entered };
};

/**
 * One change of a part's due date, on the office day it took effect: its assignment, a granted
 * extension, a return with a new date (send-back, failed inspection, reopening) or a plan's
 * re-dating. `source` names the fact (an inspection's id, an extension's id, …) so a correction
 * of that fact moves or removes its change.
 */
export interface DueDateChange {
  readonly on: string;
  readonly dueDate: string;
  readonly source: string;
  /**
   * The instant the fact that made the change was recorded (ISO): of two facts on one office day,
   * the one recorded first happened first (business order), so a report judged on its day sees a
   * change of that day only if it came before the report (`dueDateWhenReported`).
   */
  readonly at?: string;
  /**
   * Set when the change came with a return of the part (send-back, failed inspection, reopening):
   * a return follows a report, so it never stood when the part's first report was made.
   */
  readonly byReturn?: true;
  /** When the change set new terms (a plan revision to 常态化 …): the terms from it on, and before it. */
  readonly terms?: DueTerms;
  readonly previousTerms?: DueTerms;
  /**
   * Set on an extension grant's change: the date it gives is a floor, never a cut (breaker8r P4, "granted and overtaken").
   * A grant decided after a return gave a later date (a failed inspection's, a send-back's, a reopening's) leaves that date in
   * force; judged where it takes effect, so a fact dated before it entered later moves it the same in every fold.
   */
  readonly atLeast?: true;
  /**
   * The supervisor's override (特批) the change came with: a due date past the parent's limit (the plan's period, the
   * rectification plan's inspection deadline), its reason and that limit (`DueDateOverridden`). Absent: within the limit.
   */
  readonly override?: DueDateOverridden;
}

/**
 * A unit's record that stayed behind when its part joined another (`PartView.joined`): the unit held it until office day `on`
 * (the join, or for an earlier holder of the joining part the day it passed that part on), from office day `from` when known
 * (the joining record's 交办 or taking over). A fact of the unit dated in those days is that record's; one dated before `from`
 * is about an earlier record of the unit (its first part, passed on since: breaker8j P5), one dated from `on` about another.
 */
export interface JoinedRecord {
  readonly unitId: string;
  readonly on: string;
  readonly from?: string;
  /**
   * On the record of the unit whose part joined (not of the earlier holders it carries, nor of a carried join): that part, with
   * the facts of its days entered since, and the part it joined as it read just before (`into`) — what undoing the join
   * (PartHandOverUndone of a join: a withdrawal dated before it, typed after — breaker8l P13) restores.
   */
  readonly part?: PartView;
  readonly into?: Pick<PartView, 'role' | 'heldBefore' | 'passedOn' | 'joined'>;
  /** With `part`: its place among the parent's parts when it joined (the listing's order, restored with it). */
  readonly at?: number;
  /**
   * On the record that had moved into the successor earlier the same day and was set aside for the record joining it that day
   * (`keepsJoiningRecord`, breaker8l P11): the unit of that kept record. Then `part` is this record as it stood in the successor,
   * `into` the kept record's own part as it read before, `at` that part's place — what undoing the kept unit's step restores
   * (breaker8m P1; the decider's `JoinedPart.keptInstead`).
   */
  readonly keptInstead?: string;
  /**
   * On the successor's record set aside by a carried join (the joining part's open work went on: `workDoneAsOf`, breaker8g P18,
   * breaker8n P1): then `part` is that record, taking the facts of its days entered since, and `carried` the joining unit with
   * what its part read before (role, earlier holders, joined records) and `at` its place — what undoing the carry restores (the
   * decider's `JoinedPart.carried`, `carryUndone`).
   */
  readonly carried?: { readonly unitId: string } & Pick<PartView, 'role' | 'heldBefore' | 'passedOn' | 'joined' | 'heldSince'>;
}

/** Whether a fact of `unitId` dated `day` is about its record that stayed behind in `joined` (see `JoinedRecord`). */
const inJoinedRecord = (joined: JoinedRecord, unitId: string, day: string): boolean =>
  joined.unitId === unitId && day < joined.on && (joined.from === undefined || day >= joined.from);

/** One unit's share of a finding or work-plan item, as supervisors and the unit see it. */
export interface PartView {
  readonly unitId: string;
  /** Changes only by a plan revision (PartRoleChanged). */
  role: AssignmentRole;
  /**
   * The changes of `role` since the part was given (承担方式调整, PartRoleChanged: a revision, or 替换原牵头单位 stepping the lead
   * down), each with its office day (`YYYY-MM-DD`) and the role it gave, in the order folded; absent while none. What a retraction
   * of the part's 交办 takes with it (newcomer54-8 S1), said in its dialog (h57b).
   */
  roleChanges?: readonly { readonly on: string; readonly role: AssignmentRole }[];
  status: PartStatus;
  dueDate: string;
  /** How `dueDate` is read: 立行立改, a standing task (never overdue) …; a plan revision may change them (`termsOn`). */
  terms: DueTerms;
  readonly originalDueDate: string;
  readonly assignedOn: string;
  readonly assignedAt: string;
  /** The business day of the inspection that verified the part. */
  verifiedOn: string | null;
  verifiedAt: string | null;
  readonly reports: ReportView[];
  readonly inspections: InspectionView[];
  readonly extensionRequests: ExtensionRequestView[];
  readonly urges: UrgeView[];
  readonly returns: ReturnView[];
  /** Units that held this part before a handover (机构改革), earliest first. */
  readonly heldBefore: string[];
  /** The office day each unit of `heldBefore` passed it on (same order): a fact of that unit dated before is this part's. */
  readonly passedOn: string[];
  /**
   * The units whose own part joined this one (a hand-over to a unit already holding a part), each
   * with the day it joined: the joined part kept this one's record, so a fact of such a unit dated
   * before that day, entered after the join, belongs to the part as it stood then (a view of those
   * days shows it) and changes nothing here (breaker8f P7). Absent while none joined.
   */
  readonly joined?: readonly JoinedRecord[];
  /**
   * The office day `unitId` took the part over (机构改革: a hand-over or merge that moved it, not one
   * that joined another part to its own); absent for the unit it was assigned to. A reorganisation of
   * that day does not pass it on again: the holder at the day's start hands over (breaker8f P13).
   */
  readonly heldSince?: string;
  /**
   * Every due date the part had, by the office day each took effect (entries may arrive late, so
   * not necessarily in this order); `dueDate` is the one in force last (`dueDateOn`).
   */
  dueDates: DueDateChange[];
}

/**
 * A part as a view of a past day shows it, with `heldLater`: the units that hold it after that day
 * (机构改革: a hand-over or merge since), read from the parent's parts as they stand now
 * (`laterHolders`). Empty while nobody took it over.
 */
export type PartWithHolders = PartView & { readonly heldLater?: readonly string[] };

/**
 * The units holding `part` (as a view of a past day has it) after that day: the holder of the part
 * among `present` (the parent's parts now) that it passed to, and those it passed through. Empty
 * when it is still its unit's. O(parts).
 */
export function laterHolders(part: PartView, present: Iterable<PartView>): string[] {
  for (const now of present) {
    if (now.unitId !== part.unitId && now.heldBefore.includes(part.unitId)) return [now.unitId, ...now.heldBefore.filter((unitId) => unitId !== part.unitId)];
  }
  return [];
}

/**
 * Every unit that held the part on any day: its holder on the day viewed, those before it and those
 * after it (`heldLater`). A unit user reads the reports and notes of a part it held on any day,
 * whatever the day viewed (breaker8c P12).
 */
export const holdersOf = (part: PartWithHolders): string[] => [part.unitId, ...part.heldBefore, ...(part.heldLater ?? [])];

/**
 * The units whose entries on a parent a user of `unitId` reads besides its own: every unit that
 * held a part its unit held on any day (机构改革), from the parent's parts as they stand now
 * (`present`: each names all who held it before). O(parts).
 */
export function unitsSharingParts(unitId: string, present: Iterable<PartView>): Set<string> {
  const units = new Set<string>();
  for (const part of present) if (holdersOf(part).includes(unitId)) holdersOf(part).forEach((holder) => units.add(holder));
  return units;
}

/**
 * The one empty list every part shares in place of a list of records it has none of yet — reports, inspections, extension
 * requests, urgings, returns, earlier holders and the days they passed it on, an inspection's corrections (perf53: at 100k
 * events the ledgers' 23k parts held seven empty arrays each, every inspection one more: 4 MiB of a restart's heap). Frozen:
 * a fold adds a record to the part's own list (`ownList`), never to this one; a reader sees an empty array as before.
 */
export const NO_RECORDS: readonly never[] = Object.freeze([]);

/** `NO_RECORDS` typed as the list it stands for. */
const noRecords = <Entry>(): Entry[] => NO_RECORDS as unknown as Entry[];

/** A part's lists of records a fold adds to in place. */
type RecordList = 'reports' | 'inspections' | 'extensionRequests' | 'urges' | 'returns';

/** The part's own list of `key` to add a record to: made (and put on the part) while it shares the empty one (`NO_RECORDS`). */
function ownList<Key extends RecordList>(part: PartView, key: Key): PartView[Key] {
  const list = part[key];
  if (!Object.isFrozen(list)) return list;
  const own = [...list] as PartView[Key];
  (part as { -readonly [Field in RecordList]: PartView[Field] })[key] = own;
  return own;
}

/**
 * The part's empty lists (and its inspections' empty corrections) replaced by the one shared empty list (`NO_RECORDS`), and
 * terms read by date by the one `BY_DATE`, in place, with the parts of joined records it keeps: for a part restored from a
 * snapshot, which brings back an array and an object of its own for each (perf53). Changes nothing a reader sees.
 */
export function sharingEmptyLists(part: PartView): void {
  const lists = part as { -readonly [Field in RecordList | 'heldBefore' | 'passedOn']: unknown[] } & { terms: DueTerms };
  for (const key of ['reports', 'inspections', 'extensionRequests', 'urges', 'returns', 'heldBefore', 'passedOn'] as const) {
    if (lists[key].length === 0 && !Object.isFrozen(lists[key])) lists[key] = NO_RECORDS as unknown as unknown[];
  }
  for (const inspection of part.inspections) {
    if (inspection.corrections.length === 0 && !Object.isFrozen(inspection.corrections)) (inspection as { corrections: readonly InspectionCorrectionNote[] }).corrections = NO_RECORDS;
  }
  if (part.terms !== BY_DATE && part.terms.kind === 'BY_DATE' && Object.keys(part.terms).length === 1) lists.terms = BY_DATE;
  for (const record of part.joined ?? []) if (record.part !== undefined) sharingEmptyLists(record.part);
}

/** A part as just assigned: nothing reported, inspected, asked or returned yet. */
export function assignedPart(
  unitId: string,
  role: AssignmentRole,
  dueDate: string,
  assigned: { readonly on: string; readonly at: string },
  terms: DueTerms = BY_DATE,
  override?: DueDateOverridden,
): PartView {
  return {
    unitId,
    role,
    status: 'ASSIGNED',
    dueDate,
    terms,
    originalDueDate: dueDate,
    assignedOn: assigned.on,
    assignedAt: assigned.at,
    verifiedOn: null,
    verifiedAt: null,
    reports: noRecords(),
    inspections: noRecords(),
    extensionRequests: noRecords(),
    urges: noRecords(),
    returns: noRecords(),
    heldBefore: noRecords(),
    passedOn: noRecords(),
    dueDates: [{ on: assigned.on, dueDate, source: 'assigned', at: assigned.at, ...(override ? { override } : {}) }],
  };
}

/**
 * The parts a plan change took off an item before they were verified (UnitUnassigned), by unit,
 * each with the office day it was taken off: no longer the item's, but a fact of the unit dated
 * before that day, entered after the removal (its paper file found later), is still about it
 * (breaker8d P7) — and one that verified it by then means the removal, judged on its day, left it
 * on the item as verified work (see `applyAssignmentEvent`). An item's completion is not dated
 * before the last of these days (`closeOutDay`).
 */
export type RemovedParts = Map<string, RemovedPartView>;

/**
 * A part a plan change took off (`RemovedParts`), or — `kept` — one its removal left on the item: on the removal's day its
 * report awaited inspection or it stood verified (`keptByRemoval`, h57a breaker55-8 S2). A kept entry's part is the item's part
 * (the same object as in the item's parts): it counts as the item's, never as one taken off; a fact dated before `on` entered
 * later that leaves it neither awaiting inspection nor verified (a send-back, a failed inspection) takes it off as of `on`.
 */
export interface RemovedPartView {
  readonly part: PartView;
  readonly on: string;
  readonly kept?: true;
}

/** The parts `removed` holds that are off the item (its kept entries left out: their parts are the item's). */
export function* takenOff(removed: RemovedParts | undefined): Generator<[string, RemovedPartView]> {
  for (const entry of removed ?? []) if (!entry[1].kept) yield entry;
}

/** As the decider's `keptByRemoval`: a removal leaves the part on while its report awaits inspection, or it is verified. */
const keptByRemoval = (part: Pick<PartView, 'status'>): boolean => part.status === 'REPORTED' || part.status === 'VERIFIED';

/**
 * Applies one assignment event to the parts of its parent (finding or work-plan item): the read
 * side of the one assignment lifecycle, shared by every parent. `removed` keeps the parts taken
 * off unverified (only work-plan items have removals).
 */
export function applyAssignmentEvent(parts: Map<string, PartView>, event: TimelineEntry<AssignmentEvent>, removed?: RemovedParts): void {
  applyToParts(parts, event, removed);
  // Joins, and the joining records' facts entered late, are judged again after every event, so the part now and folded at any cut agree.
  for (const part of parts.values()) if (part.joined !== undefined || part.dueDates.some(isCarriedDue)) carryOverdueDueDates(part);
}

const minDay = (a: string, b: string): string => (a < b ? a : b);

/** The source of the due-date change a join leaves (`carryOverdueDueDates`): never an event id. */
const carriedDueSource = (record: Pick<JoinedRecord, 'unitId' | 'on'>): string => `joined:${record.unitId}:${record.on}`;

/** Whether a due-date change is one a join left (`carryOverdueDueDates`) rather than one a fact gave. */
export const isCarriedDue = (change: Pick<DueDateChange, 'source'>): boolean => change.source.startsWith('joined:');

/**
 * The due date in force at the end of office day `day` from the part's own facts only (its 交办, extensions, returns,
 * re-datings), without what joined parts carried in (`carryOverdueDueDates`): what a plan's re-dating and a join weigh.
 */
export function ownDueDateOn(part: Pick<PartView, 'dueDates' | 'dueDate'>, day: string): string {
  return part.dueDates.some(isCarriedDue) ? dueDateOn({ dueDates: part.dueDates.filter((change) => !isCarriedDue(change)), dueDate: part.dueDate }, day) : dueDateOn(part, day);
}

/**
 * The due dates overdue shares carried into this part (breaker8o P1, `overdueDueCarried`): for each part that joined it
 * (a `joined` record with its part, not one set aside for another), judged on its join day from that record as it stands
 * (facts of its days entered late included), a change dated the join day to the joining share's passed due date. Kept last
 * among the part's changes, so of one day it is the one in force; a change of the part's own dated later replaces it.
 * Computed from the records alone, so applying events as recorded or in business order leaves the same changes.
 */
function carryOverdueDueDates(part: PartView): void {
  const carried: DueDateChange[] = [];
  for (const record of part.joined ?? []) {
    const joining = record.part;
    if (joining === undefined || record.into === undefined || record.keptInstead !== undefined || record.carried !== undefined) continue;
    const dueDate = overdueDueCarried(
      { done: workDoneAsOf(joining, record.on), dueDate: dueDateOn(joining, record.on), standing: isNeverOverdue(termsOn(joining, record.on)) },
      { dueDate: ownDueDateOn(part, record.on), standing: isNeverOverdue(termsOn(part, record.on)) },
      record.on,
    );
    if (dueDate !== undefined) carried.push({ on: record.on, dueDate, source: carriedDueSource(record) });
  }
  const kept = part.dueDates.filter(isCarriedDue).length;
  const last = part.dueDates.slice(part.dueDates.length - carried.length);
  if (kept === carried.length && last.every((change, index) => change.source === carried[index]!.source && change.dueDate === carried[index]!.dueDate && change.on === carried[index]!.on)) return;
  part.dueDates = [...part.dueDates.filter((change) => !isCarriedDue(change)), ...carried];
  part.dueDate = dueDateOn(part, LAST_DAY);
}

function applyToParts(parts: Map<string, PartView>, event: TimelineEntry<AssignmentEvent>, removed?: RemovedParts): void {
  const at = event.metadata.recordedAt;
  const on = event.occurredOn;
  // 撤销误录 (newcomer51-8 S1): applied by the fold by day, which leaves the record out (`typedOutOfDayOrder`: the ledgers fold again).
  if (event.type === 'RecordRetracted') return;
  if (event.type === 'PartsReopened') {
    // The server's reopening of the other parts (`foundClosed`) stands only while its cause found the parent closed: every part
    // verified on the day before (h54b) — as the deciders' fold judges it (`foundClosedHolds`).
    if (event.data.foundClosed && ![...parts.values()].every((part) => verifiedAsOf(part, addDays(on, -1)))) return;
    const newDueDate = event.data.newDueDate ?? null;
    const only = event.data.unitIds;
    // Its cause: the office's reopening of the day, folded before it — a part it returned shows where to retract or correct it.
    const cause = event.data.foundClosed
      ? { goesWithReopeningOf: [...parts.values()].find((part) => part.returns.some((returned) => returned.cause === 'REOPENED' && returned.returnedOn === on && returned.goesWithReopeningOf === undefined))?.unitId ?? '' }
      : {};
    for (const part of parts.values()) {
      // A part that never reported keeps waiting; one a partial reopening does not name keeps its progress.
      if (part.status === 'ASSIGNED' || (only !== undefined && !namedPart(only, part, parts))) continue;
      part.status = 'RETURNED';
      part.verifiedOn = null;
      part.verifiedAt = null;
      if (newDueDate !== null) changeDueDate(part, { on, dueDate: newDueDate, source: event.id, at, byReturn: true, ...overrideOf(event.data) });
      ownList(part, 'returns').push({ cause: 'REOPENED', reason: event.data.reason, returnedOn: on, returnedAt: at, newDueDate, ...ownNewDueDateOf(event.data), ...returnedOnAsEnteredOf(event.data, on), ...cause });
    }
    return;
  }
  if (event.type === 'FactDateCorrected' && event.data.factType === 'PartsReopened') {
    // A reopening is the parent's: its day moves on every part it returned (breaker46-8 S1).
    for (const part of parts.values()) redate(part, event.data, event.id);
    return;
  }
  if (event.type === 'UnitUnassigned') {
    // Verified work stays on the record (the deciders refuse removing it; a removal stored before that is read so), and so does a
    // report awaiting inspection (h57a, breaker55-8 S2): the removal is remembered as kept, for a return found later (see below).
    const part = parts.get(event.data.unitId);
    if (!part) return;
    if (keptByRemoval(part)) {
      removed?.set(event.data.unitId, { part, on, kept: true });
      return;
    }
    parts.delete(event.data.unitId);
    removed?.set(event.data.unitId, { part, on });
    return;
  }
  if (event.type === 'PartsRescheduled') {
    // Judged on the re-dating's own day, so a past plan change entered late moves the same parts
    // whether the events are applied as recorded (now) or in business order (a cut).
    for (const part of parts.values()) {
      const concerned = event.data.unitIds === undefined || namedPart(event.data.unitIds, part, parts);
      if (concerned && part.assignedOn <= on && !verifiedAsOf(part, on) && ownDueDateOn(part, on) === event.data.previousDueDate) {
        const { dueDate, terms } = event.data;
        // The 特批 a re-dating past the plan's period came with is the one in force for that date (breaker50-10 S1).
        changeDueDate(part, { on, dueDate, source: event.id, at, ...(terms ? { terms, previousTerms: part.terms } : {}), ...overrideOf(event.data) });
      }
    }
    return;
  }
  if (event.type === 'PartRoleChanged') {
    const part = parts.get(event.data.unitId);
    if (part) {
      part.role = event.data.role;
      part.roleChanges = [...(part.roleChanges ?? []), { on, role: event.data.role }];
    }
    return;
  }
  if (event.type === 'PartHandedOver') {
    handOver(parts, event.data.unitId, event.data.successorUnitId, on);
    return;
  }
  if (event.type === 'PartHandOverUndone') {
    handOverUndone(parts, event.data.unitId, event.data.successorUnitId, on);
    return;
  }
  if (event.type === 'UnitAssigned') {
    const { unitId, role, dueDate, terms, dueDateOverride } = event.data;
    const assigned = assignedPart(unitId, role, dueDate, { on, at }, terms, dueDateOverride);
    const held = parts.get(unitId);
    // Folded by day, the unit took a part here over (a merge or hand-over dated before this 交办, typed after it) before its
    // own 交办's day: as typed, that part joined the 交办's, which kept its record — so here too (breaker8i P5).
    if (held?.heldSince === undefined) parts.set(unitId, assigned);
    else {
      const joined = [...(held.joined ?? []), ...recordHoldersUntil(held)];
      parts.set(unitId, { ...assigned, role: held.role === 'LEAD' ? 'LEAD' : role, heldBefore: held.heldBefore, passedOn: held.passedOn, joined });
    }
    return;
  }
  const part = partOfUnitOn(parts, event) ?? removedPartOn(removed, event);
  if (!part) return;
  applyToPart(part, event);
  const gone = removed?.get(event.data.unitId);
  if (!gone) return;
  if (gone.kept) {
    // A return dated before the removal that kept it on, entered later: by date the removal found it open and took it off.
    if (parts.get(event.data.unitId) === part && factDayOf(event) < gone.on && !keptByRemoval(part)) {
      removed!.set(event.data.unitId, { part, on: gone.on });
      parts.delete(event.data.unitId);
    }
    return;
  }
  // Verified, or its report awaiting inspection, by the day it was taken off: the part was never removed — the work on the record
  // stays, a report entered late is inspected (h57a, breaker55-8 S2). Its facts all precede that day: as it stands, it stood then.
  if (gone.part === part && (verifiedAsOf(part, gone.on) || part.status === 'REPORTED')) {
    removed!.set(event.data.unitId, { part, on: gone.on, kept: true });
    parts.set(event.data.unitId, part);
  }
}

/**
 * Whether a decision naming the units `unitIds` (a partial reopening, a plan's re-dating) is about
 * `part`: its unit is named, or a unit whose record it carries (it held it before, and did not join
 * it) that holds no part of its own here — named by its holder then, passed on since by a hand-over
 * dated earlier and entered after the decision (breaker8f P11): now as folded by day.
 */
function namedPart(unitIds: readonly string[], part: PartView, parts: ReadonlyMap<string, PartView>): boolean {
  if (unitIds.includes(part.unitId)) return true;
  return part.heldBefore.some((unitId) => unitIds.includes(unitId) && !parts.has(unitId) && !part.joined?.some((joined) => joined.unitId === unitId));
}

/** The part a plan change took off `event`'s unit after the fact's day (entered late), if any. */
function removedPartOn(removed: RemovedParts | undefined, event: TimelineEntry<AssignmentEvent & { data: { unitId: string } }>): PartView | undefined {
  const gone = removed?.get(event.data.unitId);
  return gone && !gone.kept && factDayOf(event) < gone.on ? gone.part : undefined;
}

/**
 * An inspection as its part shows it: the logged data (the fold by day's corrections with it, `withCorrectionsApplied`), the
 * inspector's account id and the instant it was logged (ISO).
 */
const inspectionView = (data: InspectionLogged['data'], inspectorId: string, loggedAt: string): InspectionView => {
  // Not its unit's id: the part's own (`PartView.unitId`) — the event names the unit the fold found the part by (perf53).
  const { unitId: _unitId, ...logged } = data;
  const corrections = correctionsOf(data);
  return { ...logged, corrections: corrections.length === 0 ? NO_RECORDS : corrections, inspectorId, loggedAt };
};

/** One fact of a part's own (a request, decision, urging, report, return, inspection or correction) applied to it. */
function applyToPart(part: PartView, event: TimelineEntry<AssignmentEvent>): void {
  const at = event.metadata.recordedAt;
  const on = event.occurredOn;
  const by = event.metadata.actorId;
  switch (event.type) {
    case 'ExtensionRequested':
      ownList(part, 'extensionRequests').push({
        requestId: event.data.requestId,
        requestedDueDate: event.data.requestedDueDate,
        reason: event.data.reason,
        requestedOn: on,
        requestedAt: at,
        ...(event.data.enteredBy !== undefined ? { enteredBy: event.data.enteredBy } : {}),
        status: 'PENDING',
        decidedOn: null,
        decidedAt: null,
        decisionReason: null,
        grantedDueDate: null,
        withdrawnOn: null,
        withdrawnAt: null,
        withdrawalReason: null,
      });
      relapse(part);
      return;
    case 'ExtensionGranted': {
      const request = part.extensionRequests.find((r) => r.requestId === event.data.requestId);
      // Withdrawn the same day, the decision stands (the decider's `decisionOfWithdrawalDay`, breaker8v P3).
      if (request) Object.assign(request, { status: 'GRANTED', decidedOn: on, decidedAt: at, grantedDueDate: event.data.newDueDate, decisionReason: event.data.reason ?? null }, NOT_WITHDRAWN);
      changeDueDate(part, { on, dueDate: event.data.newDueDate, source: `extension:${event.data.requestId}`, at, atLeast: true, ...overrideOf(event.data) });
      return;
    }
    case 'ExtensionRefused': {
      const request = part.extensionRequests.find((r) => r.requestId === event.data.requestId);
      if (request) Object.assign(request, { status: 'REFUSED', decidedOn: on, decidedAt: at, decisionReason: event.data.reason }, NOT_WITHDRAWN);
      return;
    }
    case 'ExtensionRequestWithdrawn': {
      const request = part.extensionRequests.find((r) => r.requestId === event.data.requestId);
      // Withdrawn twice — once on a day its parent was withdrawn (typed before the office entered that: set aside, counted
      // nowhere), then again on an earlier day, typed later — it was withdrawn on the earlier day, in either typing order:
      // folded as recorded and by day alike (breaker11r P2, agreement walk seed 35).
      const earlier = request?.status === 'WITHDRAWN' && request.withdrawnOn !== null && request.withdrawnOn <= on;
      // Decided the same day, the decision stands and the withdrawal answers nothing (breaker8v P3).
      const decidedThatDay = (request?.status === 'GRANTED' || request?.status === 'REFUSED') && request.decidedOn === on;
      if (request && !earlier && !decidedThatDay) Object.assign(request, { status: 'WITHDRAWN', withdrawnOn: on, withdrawnAt: at, withdrawalReason: event.data.reason });
      return;
    }
    case 'UnitUrged':
      ownList(part, 'urges').push({ message: event.data.message, urgedOn: on, urgedAt: at, urgedBy: by });
      return;
    case 'RectificationReported':
      // As the decider: a standing part's report before the end of its span is progress (进展报送), the part stays open.
      // One dated before the pass that verified it, entered after (breaker8u P9: a re-report found later): the pass checked it.
      if (!beforeItsVerification(part, on)) part.status = isProgressReport(part.terms, part.dueDate, on) ? 'ASSIGNED' : 'REPORTED';
      // Folded with its corrections applied (a cut), it carries the day it was entered as (`withCorrectionsApplied`).
      const { reportedOnAsEntered } = event.data as { reportedOnAsEntered?: string };
      const { enteredBy } = event.data;
      insertByDay(
        ownList(part, 'reports'),
        { summary: event.data.summary, evidence: event.data.evidence, reportedOn: on, reportedAt: at, reportedBy: by, ...(enteredBy !== undefined ? { enteredBy } : {}), ...(reportedOnAsEntered !== undefined && reportedOnAsEntered !== on ? { reportedOnAsEntered } : {}) },
        (report) => report.reportedOn,
      );
      return;
    case 'ReportSentBack':
      if (!beforeItsVerification(part, on)) part.status = 'RETURNED';
      if (event.data.newDueDate !== undefined) changeDueDate(part, { on, dueDate: event.data.newDueDate, source: event.id, at, byReturn: true, ...overrideOf(event.data) });
      insertByDay(ownList(part, 'returns'), { cause: 'SENT_BACK', reason: event.data.reason, returnedOn: on, returnedAt: at, newDueDate: event.data.newDueDate ?? null, ...ownNewDueDateOf(event.data), ...returnedOnAsEnteredOf(event.data, on) }, (returned) => returned.returnedOn);
      return;
    case 'InspectionLogged':
      if (event.data.outcome === 'FAILED' && beforeItsVerification(part, on)) {
        // A failure dated before the pass that verified the part, entered after it with the re-report it called for (breaker8u P9);
        // of the pass's own day, listed before that pass (it came before it: note44 Left, as the decider's `returnBeforeThePass`).
        const before = part.inspections.findIndex((inspection) => inspection.inspectedOn > on || (inspection.inspectedOn === on && inspection.outcome === 'PASSED'));
        ownList(part, 'inspections').splice(before < 0 ? part.inspections.length : before, 0, inspectionView(event.data, by, at));
        if (event.data.newDueDate !== undefined) changeDueDate(part, { on, dueDate: event.data.newDueDate, source: inspectionSource(event.data.inspectionId), at, byReturn: true, ...overrideOf(event.data) });
        insertByDay(ownList(part, 'returns'), { cause: 'INSPECTION_FAILED', reason: whatFailed(event.data), returnedOn: on, returnedAt: at, newDueDate: event.data.newDueDate ?? null }, (returned) => returned.returnedOn);
        return;
      }
      ownList(part, 'inspections').push(inspectionView(event.data, by, at));
      if (event.data.outcome === 'PASSED') {
        relapse(part);
        part.status = 'VERIFIED';
        part.verifiedOn = on;
        part.verifiedAt = event.correctedAt ?? at;
      } else {
        part.status = 'RETURNED';
        if (event.data.newDueDate !== undefined) changeDueDate(part, { on, dueDate: event.data.newDueDate, source: inspectionSource(event.data.inspectionId), at, byReturn: true, ...overrideOf(event.data) });
        ownList(part, 'returns').push({ cause: 'INSPECTION_FAILED', reason: whatFailed(event.data), returnedOn: on, returnedAt: at, newDueDate: event.data.newDueDate ?? null, ...ownNewDueDateOf(event.data) });
      }
      return;
    case 'ReportDateCorrected': {
      // The history keeps the original and the correction; the part shows the corrected day.
      const last = part.reports.length - 1;
      if (last >= 0) part.reports[last] = reportMovedTo(part.reports[last]!, event.data.reportedOn);
      return;
    }
    case 'FactDateCorrected':
      redate(part, event.data, event.id);
      return;
    case 'InspectionCorrected': {
      const { inspectionId, inspectedOn, outcome, previousOutcome, previousInspectedOn, reason, correctedOn, newDueDate } = event.data;
      const index = part.inspections.findIndex((inspection) => inspection.inspectionId === inspectionId);
      if (index < 0) return;
      const inspection = part.inspections[index]!;
      // The inspector's notes stay; the correction is listed beside them (newcomer46-8 M2), as the fold by day lists it (business-order.ts).
      const correction: InspectionCorrectionNote = { reason, correctedOn, correctedAt: at, correctedBy: by, correctedByRole: event.metadata.actorRole, previousOutcome, outcome, previousInspectedOn, inspectedOn };
      part.inspections[index] = { ...inspection, inspectedOn, outcome, corrections: [...inspection.corrections, correction] };
      relapse(part);
      if (outcome === 'PASSED') {
        if (previousOutcome === 'FAILED') ownList(part, 'returns').pop();
        withoutDueDateChange(part, inspectionSource(inspectionId));
        part.status = 'VERIFIED';
        part.verifiedOn = inspectedOn;
        part.verifiedAt ??= at;
      } else {
        // The due date the failure leaves, as the folds by day have it (business-order.ts): a day moved without a date leaves
        // the failure's own (one an earlier correction gave for a wrong day goes, breaker50-8 S2); a date given on its own day
        // is its own from then on (M1, S4); one given with a new day is that day's, its own kept beside it.
        let left: string | null | undefined;
        if (previousOutcome === 'PASSED') {
          // Entered as the inspection was: a view at a cut folds the corrected inspection in its place.
          ownList(part, 'returns').push({ cause: 'INSPECTION_FAILED', reason, returnedOn: inspectedOn, returnedAt: inspection.loggedAt, newDueDate: newDueDate ?? null });
        } else {
          const last = part.returns.length - 1;
          if (last >= 0) {
            const { ownNewDueDate, ...returned } = part.returns[last]!;
            const own = ownNewDueDate === undefined ? returned.newDueDate : ownNewDueDate;
            const moved = inspectedOn !== previousInspectedOn;
            left = newDueDate ?? (moved ? own : returned.newDueDate);
            const ownAfter = !moved && newDueDate !== undefined ? left : own;
            part.returns[last] = { ...returned, returnedOn: inspectedOn, newDueDate: left, ...(left === ownAfter ? {} : { ownNewDueDate: ownAfter }) };
          }
        }
        // The part came back on the corrected day, until the date that failure gave it.
        const given = part.dueDates.find((change) => change.source === inspectionSource(inspectionId));
        if (left === null && given) withoutDueDateChange(part, given.source);
        const dueDate = left === null ? undefined : (newDueDate ?? left ?? given?.dueDate);
        // Placed where the inspection was recorded, as a view at a cut folds the corrected inspection.
        if (dueDate !== undefined) changeDueDate(part, { on: inspectedOn, dueDate, source: inspectionSource(inspectionId), at: inspection.loggedAt, byReturn: true });
        part.status = 'RETURNED';
        part.verifiedOn = null;
        part.verifiedAt = null;
      }
      return;
    }
  }
}

const inspectionSource = (inspectionId: string) => `inspection:${inspectionId}`;

/**
 * A return as a view at a cut folds it, corrections applied (timeline.ts `asCorrected`): the date it gave itself when a
 * correction changed its new due date (`ownNewDueDate`, null: none), as the part now keeps it (breaker50-8 S2).
 */
const ownNewDueDateOf = (data: object): { ownNewDueDate?: string | null } => {
  const own = (data as { ownNewDueDate?: string | null }).ownNewDueDate;
  return own === undefined ? {} : { ownNewDueDate: own };
};

/**
 * A fact's day corrected (`FactDateCorrected`), as the part now shows it: the last record of that
 * kind dated `previousOn` moves to `on`, and the due date it gave (a granted extension, a
 * send-back's new date) takes effect on the corrected day — what a view at a cut gets by folding
 * the fact on its corrected day (business-order.ts). A reopening's or send-back's correction that gave a new due date (h8b,
 * breaker48-8 S2) gives it to the part from the corrected day on, as the reopening's own would (`source`: the correction's event id names that change).
 */
function redate(part: PartView, { factType, previousOn, on, ofTheDay, newDueDate, ownDueDateOnly, dueDateOverride }: FactDateCorrected['data'], source: string): void {
  // The record the correction names: the last of its kind that day, or (`ofTheDay`, breaker8s P8) its place among them in the order entered.
  const pick = <Record>(records: readonly Record[], matches: (record: Record) => boolean, enteredAt: (record: Record) => string): number => {
    // In the order entered, not the order listed: a failure of a pass's own day entered after it is listed before it (note44 Left).
    const indices = records.flatMap((record, index) => (matches(record) ? [index] : [])).sort((a, b) => (enteredAt(records[a]!) < enteredAt(records[b]!) ? -1 : enteredAt(records[a]!) > enteredAt(records[b]!) ? 1 : a - b));
    return (ofTheDay === undefined ? indices.at(-1) : indices[ofTheDay - 1]) ?? -1;
  };
  const moveChange = (matches: (change: DueDateChange) => boolean) => {
    const change = part.dueDates.findLast(matches);
    if (change) changeDueDate(part, { ...change, on });
  };
  switch (factType) {
    case 'UnitAssigned':
      Object.assign(part, { assignedOn: on });
      moveChange((change) => change.source === 'assigned');
      return;
    case 'RectificationReported': {
      const index = pick(part.reports, (report) => report.reportedOn === previousOn, (report) => report.reportedAt);
      if (index >= 0) part.reports[index] = reportMovedTo(part.reports[index]!, on);
      return;
    }
    case 'ReportSentBack': {
      const index = pick(part.returns, (returned) => returned.cause === 'SENT_BACK' && returned.returnedOn === previousOn, (returned) => returned.returnedAt);
      if (index >= 0) redateReturn(part, index, { on, previousOn, newDueDate, ownDueDateOnly, dueDateOverride, source });
      return;
    }
    case 'PartsReopened': {
      const index = part.returns.findLastIndex((returned) => returned.cause === 'REOPENED' && returned.returnedOn === previousOn);
      if (index >= 0) redateReturn(part, index, { on, previousOn, newDueDate, ownDueDateOnly, dueDateOverride, source });
      return;
    }
    case 'UnitUrged': {
      const index = pick(part.urges, (urge) => urge.urgedOn === previousOn, (urge) => urge.urgedAt);
      if (index >= 0) part.urges[index] = { ...part.urges[index]!, urgedOn: on };
      return;
    }
    case 'ExtensionRequested': {
      const request = part.extensionRequests[pick(part.extensionRequests, (candidate) => candidate.requestedOn === previousOn, (candidate) => candidate.requestedAt)];
      if (request) Object.assign(request, { requestedOn: on });
      relapse(part);
      return;
    }
    case 'ExtensionGranted':
    case 'ExtensionRefused': {
      // Counted among the decisions of its own kind, as the folds of the log count them (business-order.ts).
      const decided = (candidate: ExtensionRequestView) => candidate.decidedOn === previousOn && (ofTheDay === undefined ? candidate.status === 'GRANTED' || candidate.status === 'REFUSED' : candidate.status === (factType === 'ExtensionGranted' ? 'GRANTED' : 'REFUSED'));
      const request = part.extensionRequests[pick(part.extensionRequests, decided, (candidate) => candidate.decidedAt ?? '')];
      if (!request) return;
      request.decidedOn = on;
      if (request.status === 'GRANTED') moveChange((change) => change.source === `extension:${request.requestId}`);
      return;
    }
    case 'ExtensionRequestWithdrawn': {
      const request = part.extensionRequests[pick(part.extensionRequests, (candidate) => candidate.status === 'WITHDRAWN' && candidate.withdrawnOn === previousOn, (candidate) => candidate.withdrawnAt ?? '')];
      if (request) request.withdrawnOn = on;
      return;
    }
    case 'InspectionLogged': {
      // Any inspection, answered or not (breaker8d P1): a pass moves the verification it made, a failure the return it made and the due date it gave.
      const index = pick(part.inspections, (inspection) => inspection.inspectedOn === previousOn, (inspection) => inspection.loggedAt);
      if (index < 0) return;
      const inspection = part.inspections[index]!;
      // The day it was entered as kept (原录, newcomer55-8 M2), none once back on it — as the fold by day's data carries it.
      const { inspectedOnAsEntered: entered = inspection.inspectedOn, ...moved } = inspection;
      part.inspections[index] = entered === on ? { ...moved, inspectedOn: on } : { ...moved, inspectedOn: on, inspectedOnAsEntered: entered };
      if (inspection.outcome === 'PASSED') {
        const verifying = part.status === 'VERIFIED' && part.inspections.findLastIndex((candidate) => candidate.outcome === 'PASSED') === index;
        if (verifying) part.verifiedOn = on;
      } else {
        // Its own return: entered with it (same instant) when named by its place; else the last failure's of that day.
        const returned = ofTheDay === undefined ? part.returns.findLastIndex((candidate) => candidate.cause === 'INSPECTION_FAILED' && candidate.returnedOn === previousOn) : part.returns.findIndex((candidate) => candidate.cause === 'INSPECTION_FAILED' && candidate.returnedOn === previousOn && candidate.returnedAt === inspection.loggedAt);
        // The due date it gave moves with it, or the correction gives or takes one (breaker49-8 S5, S4, M1).
        if (returned >= 0) redateReturn(part, returned, { on, previousOn, newDueDate, ownDueDateOnly, dueDateOverride, source: inspectionSource(inspection.inspectionId) }, inspectionSource(inspection.inspectionId));
        else moveChange((change) => change.source === inspectionSource(inspection.inspectionId));
      }
      relapse(part);
      return;
    }
  }
}

/** From office day `from` (`YYYY-MM-DD`) on, the due date `dueDate` — one step of `dueDatesIfMoved`. */
export interface DueDateFrom {
  readonly from: string;
  readonly dueDate: string;
}

/**
 * What a date correction of `returned` (a send-back, a failed inspection, a reopening of `part`) is judged by (breaker49-8 S1:
 * the form judged by the part's due date now, not the one in force on the corrected day): the due date the return leaves the part
 * with on each office day it could be moved to, without a new one from the correction — the new due date it gave itself (as
 * typed, not one a date correction gave it), else the part's due date in force that day without the return. Steps in day
 * order, the first from the part's assignment; moved to day D, the due date is that of the last step from on or before D, and
 * the correction needs a new one exactly when D is after it (the decider's `dueDateLeftByReturn`). O(changes²).
 */
export function dueDatesIfMoved(part: Pick<PartView, 'dueDates' | 'dueDate' | 'assignedOn'>, returned: ReturnView): DueDateFrom[] {
  const own = returned.ownNewDueDate === undefined ? returned.newDueDate : returned.ownNewDueDate;
  if (own !== null) return [{ from: part.assignedOn, dueDate: own }];
  // Without the return's own change (a date a correction gave it included): what the part's other facts leave in force.
  const its = returned.newDueDate === null ? undefined : part.dueDates.findLast((change) => change.byReturn === true && change.on === returned.returnedOn && change.dueDate === returned.newDueDate);
  const without = { dueDates: part.dueDates.filter((change) => change !== its), dueDate: part.dueDate };
  const days = [...new Set([part.assignedOn, ...without.dueDates.map((change) => change.on)])].sort();
  const steps: DueDateFrom[] = [];
  for (const day of days) {
    const dueDate = dueDateOn(without, day);
    if (steps.at(-1)?.dueDate !== dueDate) steps.push({ from: day, dueDate });
  }
  return steps;
}

/**
 * A return (send-back, reopening, failed inspection: `part.returns[index]`) moved from `previousOn` to `on` by a date correction,
 * with the due date it leaves (as the folds by day have it: business-order.ts): the one the correction gives (`newDueDate`: moved
 * past the date in force, h8b, breaker48-8 S2, breaker49-8 S5 — or past its own, which it replaces, M1), its own again
 * (`ownDueDateOnly`: one an earlier correction gave goes, breaker49-8 S4), else the one it gave, moved to `on`. `source` names
 * a change the correction adds; `inspection`, the change of a failed inspection (its source), else found as the return's.
 */
function redateReturn(
  part: PartView,
  index: number,
  correction: { on: string; previousOn: string; newDueDate?: string; ownDueDateOnly?: true; dueDateOverride?: DueDateOverridden; source: string },
  inspection?: string,
): void {
  const { on, previousOn } = correction;
  const returned = part.returns[index]!;
  const own = returned.ownNewDueDate === undefined ? returned.newDueDate : returned.ownNewDueDate;
  const dueDate = correction.newDueDate ?? (correction.ownDueDateOnly ? own : returned.newDueDate);
  const itsChange = inspection !== undefined
    ? part.dueDates.findLast((change) => change.source === inspection)
    : returned.newDueDate === null ? undefined : part.dueDates.findLast((change) => change.byReturn === true && change.on === previousOn && change.dueDate === returned.newDueDate && !change.source.startsWith('inspection:'));
  // Given with the day unchanged, the date is the return's own from then on (breaker50-8 M1, S4: its paper's, typed late).
  const ownAfter = correction.newDueDate !== undefined && on === previousOn ? dueDate : own;
  const { ownNewDueDate: _own, returnedOnAsEntered: entered = returned.returnedOn, ...rest } = returned;
  // A send-back's or reopening's day as entered (原录, newcomer51-8 M4), none once back on it; a failure's inspection says its own.
  const asEntered = inspection === undefined && entered !== on ? { returnedOnAsEntered: entered } : {};
  part.returns[index] = { ...rest, returnedOn: on, newDueDate: dueDate, ...(dueDate === ownAfter ? {} : { ownNewDueDate: ownAfter }), ...asEntered };
  if (dueDate === null) {
    if (itsChange) withoutDueDateChange(part, itsChange.source);
  } else {
    // A date the correction gave past the parent's limit carries its 特批 (newcomer48-10 M2).
    const approval = correction.newDueDate !== undefined ? overrideOf(correction) : {};
    changeDueDate(part, itsChange ? { ...itsChange, on, dueDate, ...approval } : { on, dueDate, source: correction.source, at: returned.returnedAt, byReturn: true, ...approval });
  }
}

/**
 * Lapsing is judged by day, as the decider has it (`withLapses`): a request not decided is LAPSED
 * (已失效) once a passed inspection dated on or after its day stands (as corrected), PENDING
 * otherwise — so the part now (facts applied as entered) and at any cut (in business order) agree.
 */
function relapse(part: PartView): void {
  for (const request of part.extensionRequests) {
    if (request.status !== 'PENDING' && request.status !== 'LAPSED') continue;
    const lapsed = part.inspections.some((inspection) => inspection.outcome === 'PASSED' && inspection.inspectedOn >= request.requestedOn);
    request.status = lapsed ? 'LAPSED' : 'PENDING';
  }
}

/**
 * Records a due-date change (replacing, in its place, an earlier one from the same fact: a
 * correction moves a change, it does not make it newer) and the due date now in force.
 */
/**
 * Whether a report, send-back or failed inspection of office day `day` (`YYYY-MM-DD`) meets `part` verified by a pass dated on
 * or after it: entered after that pass, it comes before it in business order (breaker8u P9 — the decider takes a re-report, then
 * the return it answered, found in the files after the pass). The part stays verified, and the fact takes its place by day among
 * its kind, as a fold in business order has them: the live view and every cut tell one story.
 */
function beforeItsVerification(part: Pick<PartView, 'status' | 'verifiedOn'>, day: string): boolean {
  return part.status === 'VERIFIED' && part.verifiedOn !== null && day <= part.verifiedOn;
}

/** Adds `entry` after every entry of `list` of its day or earlier (`dayOf`, `YYYY-MM-DD`): the list stays in business order. */
function insertByDay<Entry>(list: Entry[], entry: Entry, dayOf: (entry: Entry) => string): void {
  const day = dayOf(entry);
  const after = list.findIndex((earlier) => dayOf(earlier) > day);
  if (after < 0) list.push(entry);
  else list.splice(after, 0, entry);
}

/** The override (特批) an event's new due date came with, as a change carries it (`DueDateChange.override`); {} without one. */
const overrideOf = (data: { readonly dueDateOverride?: DueDateOverridden }): { override?: DueDateOverridden } => (data.dueDateOverride ? { override: data.dueDateOverride } : {});

/**
 * The override (特批) behind the part's due date in force (`dueDate`), with the office day it was given: the last change to take
 * effect that set this date, when it came with one (newcomer48-10 M2: the reason was kept in the events and shown nowhere).
 * Null when the date in force is within the parent's limit. O(changes).
 */
export function dueDateOverrideInForce(part: Pick<PartView, 'dueDates' | 'dueDate'>): (DueDateOverridden & { readonly approvedOn: string }) | null {
  let setting: DueDateChange | undefined;
  for (const change of part.dueDates) if (change.dueDate === part.dueDate && (setting === undefined || takesEffectAfter(change, setting))) setting = change;
  return setting?.override ? { ...setting.override, approvedOn: setting.on } : null;
}

function changeDueDate(part: PartView, change: DueDateChange): void {
  const index = part.dueDates.findIndex((earlier) => earlier.source === change.source);
  part.dueDates = index < 0 ? [...part.dueDates, change] : part.dueDates.map((earlier, at) => (at === index ? change : earlier));
  part.dueDate = dueDateOn(part, LAST_DAY);
  part.terms = termsOn(part, LAST_DAY);
}

function withoutDueDateChange(part: PartView, source: string): void {
  if (!part.dueDates.some((change) => change.source === source)) return;
  part.dueDates = part.dueDates.filter((change) => change.source !== source);
  part.dueDate = dueDateOn(part, LAST_DAY);
  part.terms = termsOn(part, LAST_DAY);
}

const LAST_DAY = '9999-12-31';

/**
 * Whether `change` took effect after `inForce` (business order): a later office day, or the same
 * day and recorded later — by the instant each fact was recorded (`at`), which a correction of the
 * fact's day keeps, so a moved change sits among that day's changes where a cut folds it (by day,
 * then as recorded; breaker8f P8); without both instants, by list order (the one listed later).
 */
function takesEffectAfter(change: DueDateChange, inForce: DueDateChange): boolean {
  if (change.on !== inForce.on) return change.on > inForce.on;
  return change.at === undefined || inForce.at === undefined || change.at >= inForce.at;
}

/**
 * The due date in force at the end of office day `day` (`YYYY-MM-DD`): the last change that took
 * effect on or before it (of two on one day, the one recorded later: `takesEffectAfter`); before
 * the assignment, the date it was assigned with. What on-time is judged by: a report is on time when it came by the
 * due date in force on its own day — an extension granted or a new date given after it does not
 * make a late report punctual.
 */
export function dueDateOn(part: Pick<PartView, 'dueDates' | 'dueDate'>, day: string): string {
  return dueDateAmong(part, (change) => change.on <= day);
}

/**
 * The due date in force after the changes that `stood` (`dueDateOn` and the report-day readings): the last of them to take
 * effect (`takesEffectAfter`); before any, the date the part was assigned with. A grant's change (`atLeast`) never cuts the
 * date in force before it: the later of the two stands (breaker8r P4); nor does a return's of the grant's own day, typed
 * after it (breaker8u P1). Folded in effect order only when a grant is among them, O(changes) otherwise.
 */
export function dueDateAmong(part: Pick<PartView, 'dueDates' | 'dueDate'>, stood: (change: DueDateChange) => boolean): string {
  let inForce: DueDateChange | undefined;
  let floors = false;
  for (const change of part.dueDates) {
    if (!stood(change)) continue;
    if (change.atLeast) floors = true;
    if (inForce === undefined || takesEffectAfter(change, inForce)) inForce = change;
  }
  if (inForce === undefined) return part.dueDates[0]?.dueDate ?? part.dueDate;
  if (!floors) return inForce.dueDate;
  // Stable: of one office day, by the instant recorded where both are known, else as listed — `takesEffectAfter`'s order.
  const inOrder = part.dueDates.filter(stood).sort((a, b) => (a.on !== b.on ? (a.on < b.on ? -1 : 1) : a.at === undefined || b.at === undefined || a.at === b.at ? 0 : a.at < b.at ? -1 : 1));
  let dueDate = inOrder[0]!.dueDate;
  // The latest date granted on the office day being folded: a return of that day, typed after the grant, does not cut it
  // (breaker8u P1: one day's paper has no order — the later of the two stands, as the decider's fold reads it, `dueDateOnReturn`).
  let grantedThatDay: { readonly on: string; readonly dueDate: string } | null = inOrder[0]!.atLeast ? inOrder[0]! : null;
  for (const change of inOrder.slice(1)) {
    if (grantedThatDay !== null && grantedThatDay.on !== change.on) grantedThatDay = null;
    if (change.atLeast) {
      dueDate = change.dueDate <= dueDate ? dueDate : change.dueDate;
      if (grantedThatDay === null || change.dueDate > grantedThatDay.dueDate) grantedThatDay = change;
    } else if (change.byReturn && grantedThatDay !== null && grantedThatDay.dueDate > change.dueDate) dueDate = grantedThatDay.dueDate;
    else dueDate = change.dueDate;
  }
  return dueDate;
}

/**
 * Whether the part stood verified at the end of office day `day`: a passed inspection on or before
 * it, and no return after that pass by then (a reopening on the pass's own day comes after it when
 * entered after it — facts of one day in the order entered, as the folds apply them: a pass entered
 * after the reopening of its day verified the re-report, agreement walk seed 11; a send-back or
 * failed inspection that day came before the re-report that passed).
 */
export function verifiedAsOf(part: Pick<PartView, 'inspections' | 'returns'>, day: string): boolean {
  let lastPass: Pick<InspectionView, 'inspectedOn' | 'loggedAt'> | null = null;
  for (const inspection of part.inspections) {
    if (inspection.outcome !== 'PASSED' || inspection.inspectedOn > day) continue;
    if (lastPass === null || inspection.inspectedOn > lastPass.inspectedOn || (inspection.inspectedOn === lastPass.inspectedOn && inspection.loggedAt > lastPass.loggedAt)) lastPass = inspection;
  }
  if (lastPass === null) return false;
  const pass = lastPass;
  return !part.returns.some(
    (returned) => returned.returnedOn <= day && (returned.returnedOn > pass.inspectedOn || (returned.returnedOn === pass.inspectedOn && returned.cause === 'REOPENED' && returned.returnedAt > pass.loggedAt)),
  );
}

/**
 * How far the part's work stood at the end of office day `day` (`WorkDone`, YYYY-MM-DD): 2 verified (`verifiedAsOf`), 1 its
 * latest report dated on or before the day not answered by a return (send-back, failed inspection, reopening) that followed it
 * by then, 0 otherwise — it owes a report. What a join weighs (the decider's `workDoneOn`, breaker8n P1). Facts of one day
 * come in the order entered, as both folds apply them: a re-report of the day a failed inspection returned the part, entered
 * after it, answers the return (the decider's `lastReport` with no `settledBy`), one entered before is answered by it.
 * Pure, O(reports + returns + inspections).
 */
export function workDoneAsOf(part: Pick<PartView, 'inspections' | 'returns' | 'reports'>, day: string): WorkDone {
  if (verifiedAsOf(part, day)) return 2;
  let latest: Pick<ReportView, 'reportedOn' | 'reportedAt'> | null = null;
  for (const report of part.reports) {
    if (report.reportedOn > day) continue;
    if (latest === null || report.reportedOn > latest.reportedOn || (report.reportedOn === latest.reportedOn && report.reportedAt > latest.reportedAt)) latest = report;
  }
  if (latest === null) return 0;
  const since = latest;
  const follows = (returned: ReturnView) => returned.returnedOn > since.reportedOn || (returned.returnedOn === since.reportedOn && returned.returnedAt > since.reportedAt);
  return part.returns.some((returned) => returned.returnedOn <= day && follows(returned)) ? 0 : 1;
}

/**
 * Whether the part's first report came on or before the due date in force on its business day
 * (always, for a standing part, 常态化: it is never late); null before any report.
 */
export function firstReportOnTime(part: Pick<PartView, 'reports' | 'dueDates' | 'dueDate' | 'terms'>): boolean | null {
  const first = part.reports[0];
  if (!first) return null;
  return isNeverOverdue(termsOn(part, first.reportedOn)) || first.reportedOn <= dueDateWhenFirstReported(part, first);
}

/**
 * The due date that stood when the part's first report was made: the last change dated before its
 * office day, or on that day whichever was typed first (an extension granted, a plan re-dated that day:
 * one office day, one answer — breaker8s P4) — never one a return gave: a send-back or failed inspection
 * answers a report, so one on the same day came after it, and a late report returned the day it arrived
 * stays late (breaker11d P1).
 */
function dueDateWhenFirstReported(part: Pick<PartView, 'dueDates' | 'dueDate'>, report: Pick<ReportView, 'reportedOn' | 'reportedAt'>): string {
  const day = report.reportedOn;
  // Any change of the report's own day but a return's, whichever paper was typed first (breaker8s P4: a grant or a plan's re-dating
  // of that day typed after the report left it late in 单位排名 while the part's 逾期 N 天 said on time).
  const stood = (change: DueDateChange) => change.on < day || (change.on === day && !change.byReturn);
  return dueDateAmong(part, stood);
}

/**
 * The due date that stood when a later report (not the part's first) was made: the last change dated before its office day, or
 * on that day and recorded before the report — a send-back or failed inspection of that morning, with the new date it gave,
 * is what the re-report answers. What a successor's first report on its watch is judged by when the part's first report was an
 * earlier holder's (`holderWatch`).
 */
function dueDateWhenReported(part: Pick<PartView, 'dueDates' | 'dueDate'>, report: Pick<ReportView, 'reportedOn' | 'reportedAt'>): string {
  const day = report.reportedOn;
  // A return of that day only when entered before the report (what it answers); any other change of the day whatever the typing order (breaker8s P4).
  const stood = (change: DueDateChange) => change.on < day || (change.on === day && (!change.byReturn || change.at === undefined || change.at <= report.reportedAt));
  return dueDateAmong(part, stood);
}

/**
 * The terms in force at the end of office day `day`, as `dueDateOn` finds the date: a part made
 * standing (常态化) by a plan revision after a late report keeps that report late.
 */
export function termsOn(part: Pick<PartView, 'dueDates' | 'terms'>, day: string): DueTerms {
  const changes = part.dueDates.filter((change) => change.terms !== undefined);
  let inForce: DueDateChange | undefined;
  let first: DueDateChange | undefined;
  for (const change of changes) {
    if (change.on <= day && (inForce === undefined || takesEffectAfter(change, inForce))) inForce = change;
    if (first === undefined || change.on < first.on) first = change;
  }
  if (inForce) return inForce.terms!;
  return first?.previousTerms ?? part.terms;
}

/**
 * The part a fact of a unit belongs to: one the unit held on the fact's day and passed on later
 * (机构改革: its files entered after the hand-over), else its own, else one it passed on (a fact of
 * the predecessor dated after the hand-over day but entered before the reorganisation, a merge
 * entered late) — the same part now and folded at any cut.
 */
function partOfUnitOn(parts: ReadonlyMap<string, PartView>, event: TimelineEntry<AssignmentEvent & { data: { unitId: string } }>): PartView | undefined {
  const { unitId } = event.data;
  const day = factDayOf(event);
  // Of a part that joined another's later: its record stayed behind (as folded by day), nothing here changes — but that record,
  // kept for undoing the join, takes the fact as the decider's does (`JoinedPart.part`).
  for (const part of parts.values()) {
    const record = part.joined?.find((joined) => inJoinedRecord(joined, unitId, day));
    if (record) return record.part;
  }
  for (const part of parts.values()) {
    const index = part.heldBefore.lastIndexOf(unitId);
    if (index >= 0 && day < part.passedOn[index]!) return part;
  }
  // A part assigned to the unit after the fact was entered is not the part it is about.
  const own = parts.get(unitId);
  if (own && own.assignedAt <= event.metadata.recordedAt) return own;
  return heldNowBy(parts, unitId) ?? own;
}

function heldNowBy(parts: ReadonlyMap<string, PartView>, unitId: string): PartView | undefined {
  for (const part of parts.values()) if (part.heldBefore.includes(unitId)) return part;
  return undefined;
}

/** The day that places a fact of a part: its own, or for a correction the day of the fact it corrects. */
function factDayOf(event: TimelineEntry<AssignmentEvent>): string {
  if (event.type === 'ReportDateCorrected') return event.data.previousReportedOn;
  if (event.type === 'InspectionCorrected') return event.data.previousInspectedOn;
  if (event.type === 'FactDateCorrected') return event.data.previousOn;
  return event.occurredOn;
}

/**
 * The part passes to the successor with everything it had; when the successor already had one,
 * the two are its part from now on (leading if either led), the other's record kept in history:
 * the joining part's, or — when the successor's part stood verified that day and the joining part
 * did not — the successor's (breaker8g P18: the open work is carried, so a 机构改革 closes nothing
 * not inspected; the decider's `joinsOpenWork`). A joined part is where the successor's was; a moved
 * one keeps its place in the listing (`putInPlaceOf`).
 */
function handOver(parts: Map<string, PartView>, unitId: string, successorUnitId: string, on: string): void {
  const part = parts.get(unitId);
  if (!part) return;
  // The successor passed the part it held that day on since (a later reorganisation typed first): the part joins that one, wherever it is now (breaker8h P6).
  const successorPart = parts.get(successorUnitId) ?? passedOnAfter(parts, successorUnitId, on, part) ?? joinedAfter(parts, successorUnitId, on);
  // Where a joining part stood in the listing, for undoing the join (`JoinedRecord.at`).
  const place = successorPart ? [...parts.keys()].indexOf(unitId) : -1;
  if (successorPart) parts.delete(unitId);
  if (successorPart && successorPart.unitId !== successorUnitId) {
    const joining = [...(part.joined ?? []), ...recordHoldersUntil(part), { unitId, on, from: part.heldSince ?? part.assignedOn, part, into: beforeJoin(successorPart), at: place }];
    // Into the successor's own record that joined later (`joinedAfter`): listed before it, as by day (it joined the successor's record first).
    const at = (successorPart.joined ?? []).findIndex((joined) => inJoinedRecord(joined, successorUnitId, on));
    parts.set(successorPart.unitId, {
      ...successorPart,
      role: part.role === 'LEAD' ? 'LEAD' : successorPart.role,
      ...byDayPassed([...successorPart.heldBefore, ...part.heldBefore, unitId], [...successorPart.passedOn, ...part.passedOn, on]),
      joined: at < 0 ? [...(successorPart.joined ?? []), ...joining] : joinedIntoRecord(successorPart.joined!, at, part, joining),
    });
    return;
  }
  if (successorPart && workDoneAsOf(part, on) < workDoneAsOf(successorPart, on)) {
    parts.set(successorUnitId, {
      ...part,
      unitId: successorUnitId,
      role: part.role === 'LEAD' ? 'LEAD' : successorPart.role,
      ...byDayPassed([...successorPart.heldBefore, ...part.heldBefore, unitId], [...successorPart.passedOn, ...part.passedOn, on]),
      heldSince: on,
      // The successor's verified record stays behind: its own, and that of the units it had passed through — with what undoing the carry restores.
      joined: [
        ...(successorPart.joined ?? []),
        ...(part.joined ?? []),
        ...recordHoldersUntil(successorPart),
        {
          unitId: successorUnitId,
          on,
          from: successorPart.heldSince ?? successorPart.assignedOn,
          part: successorPart,
          at: place,
          carried: { unitId, role: part.role, heldBefore: part.heldBefore, passedOn: part.passedOn, joined: part.joined, heldSince: part.heldSince },
        },
      ],
    });
    return;
  }
  // Into a part that moved to the successor earlier the same day (two papers of one day: breaker8l P11): the record the
  // decider's `keepsJoiningRecord` names is kept, its holders listed first, whichever paper was typed first.
  // The third paper of a day is weighed against the record kept for the first two (breaker8m P2): parts may have joined it that day.
  const peer = successorPart && successorPart.heldSince === on ? sameDayPeer(successorPart, successorUnitId, on) : undefined;
  // Weighed by the peer record's own role, not the one the day's joins gave it (time2's s24 Left 1).
  const peerRole = successorPart && peer !== undefined ? ownRoleOnTheDay(peer, successorPart.role, sameDaySteps(successorPart.joined ?? [], on)) : undefined;
  if (successorPart && peer !== undefined && peerRole && keepsJoiningRecord({ ...part, unitId, done: workDoneAsOf(part, on) }, { ...successorPart, unitId: peer, role: peerRole, done: workDoneAsOf(successorPart, on) })) {
    const joined = [
      ...(part.joined ?? []),
      ...(successorPart.joined ?? []),
      // The record that moved in earlier that day stays behind: its unit's, and that of the units it had passed through —
      // its unit's entry keeps it whole, with what had joined it that day, to move in again if the kept unit's step is undone (breaker8m P1, P2).
      ...recordHoldersUntil(successorPart).map((record) => (record.unitId === peer && record.on === on ? { ...record, part: successorPart, into: beforeJoin(part), at: place, keptInstead: unitId } : record)),
    ];
    parts.set(successorUnitId, {
      ...part,
      unitId: successorUnitId,
      role: part.role === 'LEAD' || successorPart.role === 'LEAD' ? 'LEAD' : part.role,
      ...byDayPassed([...part.heldBefore, unitId, ...successorPart.heldBefore], [...part.passedOn, on, ...successorPart.passedOn], sameDayRecords(part, unitId, on, joined)),
      heldSince: on,
      joined,
    });
    return;
  }
  if (successorPart) {
    // The joining part's record stays behind: its unit's, and that of the units it had passed through.
    const group = [...(part.joined ?? []), ...recordHoldersUntil(part), { unitId, on, from: part.heldSince ?? part.assignedOn, part, into: beforeJoin(successorPart), at: place }];
    // Before the parts that joined it on later days, typed before (walk seed 4).
    const joined = joinedByDay(successorPart.joined ?? [], group, on, part, unitId);
    const kept = successorPart.heldSince === on ? recordHoldersUntil(successorPart).at(-1) : undefined;
    parts.set(successorUnitId, {
      ...successorPart,
      role: part.role === 'LEAD' ? 'LEAD' : successorPart.role,
      ...byDayPassed([...successorPart.heldBefore, ...part.heldBefore, unitId], [...successorPart.passedOn, ...part.passedOn, on], kept?.on === on ? sameDayRecords(successorPart, kept.unitId, on, joined) : undefined),
      joined,
    });
    return;
  }
  putInPlaceOf(parts, unitId, { ...part, unitId: successorUnitId, heldBefore: [...part.heldBefore, unitId], passedOn: [...part.passedOn, on], heldSince: on });
}

/**
 * The unit whose record `part` (held by `successorUnitId` since office day `on`) is, when that record moved in on `on` — others'
 * parts may have joined it that day: the record kept for that day's papers so far, which a part joining it that day is weighed
 * against (`keepsJoiningRecord`; the decider's `sameDayPeer`, breaker8l P11, breaker8m P2). Undefined when the successor's own
 * verified record was set aside that day (a carried join) or a part joined it on another day.
 */
function sameDayPeer(part: PartView, successorUnitId: string, on: string): string | undefined {
  if (part.joined?.some((joined) => joined.on !== on && joined.part !== undefined && joined.into !== undefined)) return undefined;
  if (part.joined?.some((joined) => joined.unitId === successorUnitId && joined.on === on)) return undefined;
  const last = recordHoldersUntil(part).at(-1);
  return last?.on === on ? last.unitId : undefined;
}

/**
 * The records that passed into one part on office day `on`, by unit: the kept one (`part`'s own, brought by `keptUnit`) and each
 * joined that day with its record — so `byDayPassed` lists that day's holders in one order whatever order the papers were typed
 * in: the kept record's unit first, then as `keepsJoiningRecord` weighs their records (breaker8m P2).
 */
function sameDayRecords(part: Pick<PartView, 'role' | 'dueDate' | 'inspections' | 'returns' | 'reports'>, keptUnit: string, on: string, joined: readonly JoinedRecord[]): SameDayRanking {
  // Each record by its own role (a record set aside for another may have had a lead's part join it first: time2's s24 Left 1).
  const steps = sameDaySteps(joined, on);
  const records = new Map<string, SameDayRecord>();
  for (const record of joined) {
    if (record.on !== on || record.part === undefined) continue;
    const role = record.keptInstead === undefined ? record.part.role : ownRoleOnTheDay(record.unitId, record.part.role, steps);
    records.set(record.unitId, { unitId: record.unitId, role, dueDate: record.part.dueDate, done: workDoneAsOf(record.part, on) });
  }
  return { on, kept: keptUnit, records: records.set(keptUnit, { unitId: keptUnit, role: ownRoleOnTheDay(keptUnit, part.role, steps), dueDate: part.dueDate, done: workDoneAsOf(part, on) }) };
}

/**
 * The steps of office day `on`'s papers into one part (`SameDayStep`), from its joined records: each record set aside for the one
 * kept instead (`keptInstead`, whose role before joining is `into.role`), each part that joined the record kept so far (`into`:
 * that record just before). O(joined).
 */
function sameDaySteps(joined: readonly JoinedRecord[], on: string): SameDayStep[] {
  const steps: SameDayStep[] = [];
  for (const record of joined) {
    if (record.on !== on || record.part === undefined || record.into === undefined) continue;
    steps.push(record.keptInstead === undefined ? { recordRole: record.into.role } : { kept: { unitId: record.keptInstead, role: record.into.role } });
  }
  return steps;
}

/** How `byDayPassed` orders the holders of one day (`sameDayRecords`). */
interface SameDayRanking {
  readonly on: string;
  readonly kept: string;
  readonly records: ReadonlyMap<string, SameDayRecord>;
}

/**
 * The units whose record `part` is, each with the days it held that record: the earlier holders it moved through — not those
 * whose own part joined it (their record stayed behind on the day they joined, listed in `joined` with that day: a later join
 * of this part does not move that day, breaker8i P12) — each from the day the one before passed it on (the first from the
 * part's 交办) until the day it passed it on (`passedOn`): a fact of such a unit dated after that is not about this record but
 * its own later part's, a second 交办 (breaker8j P7). O(holders × joined).
 */
function recordHoldersUntil(part: PartView): JoinedRecord[] {
  const records: JoinedRecord[] = [];
  part.heldBefore.forEach((unitId, index) => {
    if (part.joined?.some((joined) => joined.unitId === unitId)) return;
    // Each held the record from the day the one before passed it on (the first from the part's 交办).
    records.push({ unitId, on: part.passedOn[index]!, from: records.at(-1)?.on ?? part.assignedOn });
  });
  return records;
}

/**
 * The part `unitId` held on office day `on` and passed on (moved, not joined) after it, when it
 * holds none itself: a hand-over into it dated `on` joins that part (the decider's
 * `partPassedOnAfter`; it does so only when `joining` would not carry open work into it: its work stood no less far that day,
 * `workDoneAsOf`). A unit
 * whose own record stayed behind when it joined this part did not hold this one before that join;
 * from it on it did — the part a join carried into its verified one is the unit's from the join day
 * (breaker8i P10). O(parts).
 */
function passedOnAfter(parts: ReadonlyMap<string, PartView>, unitId: string, on: string, joining: PartView): PartView | undefined {
  for (const part of parts.values()) {
    const index = part.heldBefore.findIndex((earlier, at) => earlier === unitId && part.passedOn[at]! > on);
    if (index >= 0 && !part.joined?.some((joined) => inJoinedRecord(joined, unitId, on)) && workDoneAsOf(joining, on) >= workDoneAsOf(part, on)) return part;
  }
  return undefined;
}

/**
 * `joined` without `unitId`'s entries as an earlier holder of the record `joined[at]` stands for (listed, when that record
 * joined, from its holders: `recordHoldersUntil`), when a part of `unitId` now joins that record on a day it held it: by
 * day the join came first, and `recordHoldersUntil` lists no holder whose own record joined (walk seed 4: b's part passed
 * whole to c, b's second 交办 joining c's record the same day, typed after c's record joined a's). The holders after it
 * held from the day the one before them passed the record on, as `recordHoldersUntil` chains them. O(joined).
 */
/**
 * `joined` with `part` (`joining`: its entries, its own last) joined, on a day the successor held it, into the successor's record
 * `joined[at]` that joined this part since: as by day, the join is that record's — listed after the record's own joined
 * records and before its earlier holders, none of whom is the joining unit any more (`recordHoldersUntil` lists no holder whose
 * own record joined; the holders after it held from the day the one before passed the record on), and what undoing that
 * later join restores carries it (walk seed 4: b's part passed whole to c, b's second 交办 joining c's record the same day,
 * typed after c's record joined a's). O(joined).
 */
function joinedIntoRecord(joined: readonly JoinedRecord[], at: number, part: PartView, joining: readonly JoinedRecord[]): JoinedRecord[] {
  const { unitId, on } = joining.at(-1)!;
  const start = holdersBefore(joined, at);
  const holders = joined.slice(start, at);
  const kept: JoinedRecord[] = [];
  for (const holder of holders) if (holder.unitId !== unitId) kept.push({ ...holder, from: kept.at(-1)?.on ?? holders[0]!.from });
  const record = joined[at]!;
  const own = record.part;
  const withJoin: JoinedRecord = own === undefined ? record : {
    ...record,
    part: {
      ...own,
      role: part.role === 'LEAD' ? 'LEAD' : own.role,
      ...byDayPassed([...own.heldBefore, ...part.heldBefore, unitId], [...own.passedOn, ...part.passedOn, on]),
      joined: [...(own.joined ?? []), ...joining],
    },
  };
  return [...joined.slice(0, start), ...joining, ...kept, withJoin, ...joined.slice(at + 1)];
}

/** Where the run of earlier holders listed just before `joined[at]` starts (each passed the record on the day the next took it). */
function holdersBefore(joined: readonly JoinedRecord[], at: number): number {
  let start = at;
  while (start > 0 && joined[start - 1]!.part === undefined && joined[start - 1]!.on === joined[start]!.from) start -= 1;
  return start;
}

/**
 * `joined` with a part's entries `group` (`part`'s, of `unitId`, its own last) joined on office day `on`, placed as by day: before
 * the entries of a part that joined on a later day (typed before), whose record of what it joined (`into`) then holds this join
 * too, as the fold by day has it (walk seed 4: b's second 交办 passed into a's part on 05-02, typed after c's part joined a's on
 * 05-20). O(joined).
 */
function joinedByDay(joined: readonly JoinedRecord[], group: readonly JoinedRecord[], on: string, part: PartView, unitId: string): JoinedRecord[] {
  const later = (entry: JoinedRecord) => entry.part !== undefined && entry.into !== undefined && entry.keptInstead === undefined && entry.carried === undefined && entry.on > on;
  const k = joined.findIndex(later);
  if (k < 0) return [...joined, ...group];
  const start = holdersBefore(joined, k) - (joined[k]!.part!.joined?.length ?? 0);
  if (start < 0) return [...joined, ...group];
  const withThisJoin = (entry: JoinedRecord): JoinedRecord => {
    if (!later(entry)) return entry;
    const into = entry.into!;
    return {
      ...entry,
      into: {
        ...into,
        role: part.role === 'LEAD' ? 'LEAD' : into.role,
        ...byDayPassed([...into.heldBefore, ...part.heldBefore, unitId], [...into.passedOn, ...part.passedOn, on]),
        joined: joinedByDay(into.joined ?? [], group, on, part, unitId),
      },
    };
  };
  return [...joined.slice(0, start), ...group, ...joined.slice(start).map(withThisJoin)];
}

/**
 * The part the record `unitId` held on office day `on` joined after it (its own part joined another
 * unit's, which kept its own record: a merge S→X typed before a hand-over A→S dated earlier), when it
 * holds none itself: by day a hand-over into it that day joined its record and went on with it into
 * that part (the decider's `partPassedOnAfter`, breaker8k P4/P2; the decider passes a part there only
 * when it would not carry open work into a verified record). O(parts × joined).
 */
function joinedAfter(parts: ReadonlyMap<string, PartView>, unitId: string, on: string): PartView | undefined {
  for (const part of parts.values()) if (part.joined?.some((joined) => inJoinedRecord(joined, unitId, on))) return part;
  return undefined;
}

/**
 * `part` takes the place of the part keyed `replaced` among `parts` (the one it moved from): a part
 * handed over, or handed back, keeps its place in the listing, so a hand-over undone since lists the
 * parts as the fold that leaves the pair out does (breaker8g P1). O(parts).
 */
function putInPlaceOf(parts: Map<string, PartView>, replaced: string, part: PartView): void {
  const entries = [...parts];
  parts.clear();
  for (const [key, value] of entries) if (key === replaced) parts.set(part.unitId, part);
  else if (key !== part.unitId) parts.set(key, value);
  if (!parts.has(part.unitId)) parts.set(part.unitId, part);
}

/**
 * The part `successorUnitId` took over from `unitId` on office day `on` is `unitId`'s again, with
 * everything on it (PartHandOverUndone: it stood verified that day). A part that passed on again or
 * joined the successor's own is left as it is (the decider undoes the later step first).
 */
function handOverUndone(parts: Map<string, PartView>, unitId: string, successorUnitId: string, on: string): void {
  if (carryUndone(parts, unitId, successorUnitId, on)) return;
  if (keptInsteadUndone(parts, unitId, successorUnitId, on)) return;
  // A part that joined the successor's own lists its unit last too (on a part moved to it that day as well): the join is undone.
  if (joinUndone(parts, unitId, on)) return;
  const part = parts.get(successorUnitId);
  if (!part || part.heldBefore.at(-1) !== unitId || part.passedOn.at(-1) !== on) return;
  const { heldSince: _since, ...rest } = part;
  const passedOn = part.passedOn.slice(0, -1);
  const heldBefore = part.heldBefore.slice(0, -1);
  const since = heldSinceOf(heldBefore, passedOn, part.joined);
  const back: PartView = { ...rest, unitId, heldBefore, passedOn, ...(since === undefined ? {} : { heldSince: since }) };
  const held = parts.get(unitId);
  if (!held) {
    putInPlaceOf(parts, successorUnitId, back);
    return;
  }
  // The unit holds another record that reached it since (typed before the undo): by day it joined the one coming back on its own
  // day — carried when it brings open work into a verified one, as `handOver` does (the decider's `handOverUndone`, breaker8k P7).
  const day = held.heldSince ?? held.assignedOn;
  parts.delete(successorUnitId);
  const role = held.role === 'LEAD' || back.role === 'LEAD' ? 'LEAD' : back.role;
  const holders = byDayPassed([...back.heldBefore, ...held.heldBefore], [...back.passedOn, ...held.passedOn]);
  if (workDoneAsOf(held, day) < workDoneAsOf(back, day)) {
    // The unit's own record stays behind with its facts, as by day a carried join keeps it (`handOver`): what its 单位排名 credits (`earlierWatches`).
    parts.set(unitId, { ...held, role, ...holders, joined: [...(back.joined ?? []), ...(held.joined ?? []), ...recordHoldersUntil(back), { unitId, on: day, from: back.heldSince ?? back.assignedOn, part: back }] });
    return;
  }
  parts.set(unitId, { ...back, role, ...holders, joined: [...(back.joined ?? []), ...(held.joined ?? []), ...recordHoldersUntil(held)] });
}

/**
 * The day a part's record reached its holder: the last day an earlier holder passed it on whole — not one whose own record
 * stayed behind in a join (`joined`: that unit's, or an earlier holder of it), where the holder kept its own record (held since its
 * 交办: undefined). Walk seed 4: c's part joined a's own on 05-20, a's passed whole to b on 06-10 and that step undone — a's
 * record is its own from its 交办 of 05-02, as by day (was: held since 05-20). O(holders × joined).
 */
function heldSinceOf(heldBefore: readonly string[], passedOn: readonly string[], joined: readonly JoinedRecord[] | undefined): string | undefined {
  for (let index = heldBefore.length - 1; index >= 0; index -= 1) {
    if (!joined?.some((record) => record.unitId === heldBefore[index] && record.on === passedOn[index])) return passedOn[index];
  }
  return undefined;
}

/**
 * The step that carried `unitId`'s open part into `successorUnitId`'s on office day `on` undone (`JoinedRecord.carried`; the
 * decider's `carryUndone`): the carried part is the unit's again — its role, earlier holders and joined records as before, the
 * facts of its days entered since kept — in its place in the listing, and the successor's set-aside record is its part again.
 * False when the successor's part is no such carry.
 */
function carryUndone(parts: Map<string, PartView>, unitId: string, successorUnitId: string, on: string): boolean {
  const holder = parts.get(successorUnitId);
  const record = holder?.joined?.find((joined) => joined.carried?.unitId === unitId && joined.unitId === successorUnitId && joined.on === on && joined.part !== undefined);
  if (!holder || !record || parts.has(unitId) || holder.heldSince !== on || holder.heldBefore.at(-1) !== unitId) return false;
  const was = record.carried!;
  const { joined: _joined, heldSince: _since, ...rest } = holder;
  const back: PartView = {
    ...rest,
    unitId,
    role: was.role,
    heldBefore: was.heldBefore,
    passedOn: was.passedOn,
    ...(was.joined === undefined ? {} : { joined: was.joined }),
    ...(was.heldSince === undefined ? {} : { heldSince: was.heldSince }),
  };
  separateAgain(parts, successorUnitId, record, back);
  return true;
}

/**
 * The step of `unitId` into `successorUnitId` on office day `on` undone, where its record had been kept instead of one that
 * moved into the successor earlier that day (`JoinedRecord.keptInstead`; the decider's `handOverUndone`, breaker8m P1): the
 * unit's part is its own again, with its own role, earlier holders and joined records, in its place in the listing; the
 * set-aside record is the successor's again, as it stood with the facts of its days entered since. False when no such record.
 */
function keptInsteadUndone(parts: Map<string, PartView>, unitId: string, successorUnitId: string, on: string): boolean {
  const holder = parts.get(successorUnitId);
  const record = holder?.joined?.find((joined) => joined.keptInstead === unitId && joined.on === on && joined.part !== undefined && joined.into !== undefined);
  if (!holder || !record || parts.has(unitId)) return false;
  const into = record.into!;
  const { joined: _joined, heldSince: _since, ...rest } = holder;
  const own: PartView = {
    ...rest,
    unitId,
    role: into.role,
    heldBefore: into.heldBefore,
    passedOn: into.passedOn,
    ...(into.joined === undefined ? {} : { joined: into.joined }),
    ...(into.passedOn.length > 0 ? { heldSince: into.passedOn.at(-1)! } : {}),
  };
  separateAgain(parts, successorUnitId, record, own);
  return true;
}

/**
 * A join undone in the listing: the successor's part is the record it had set aside (`record.part`) again, and `own` (the
 * unit's part as it was) is back in its place (`record.at`: its index when it joined; the end when unknown).
 */
function separateAgain(parts: Map<string, PartView>, successorUnitId: string, record: JoinedRecord, own: PartView): void {
  parts.set(successorUnitId, record.part!);
  const entries = [...parts];
  const at = Math.min(record.at ?? entries.length, entries.length);
  parts.clear();
  for (const [key, value] of [...entries.slice(0, at), [own.unitId, own] as const, ...entries.slice(at)]) parts.set(key, value);
}

/** What undoing a join restores of the part joined (`JoinedRecord.into`). */
const beforeJoin = (part: PartView): NonNullable<JoinedRecord['into']> => ({
  role: part.role,
  heldBefore: part.heldBefore,
  passedOn: part.passedOn,
  ...(part.joined === undefined ? {} : { joined: part.joined }),
});

/**
 * The join of `unitId`'s part on office day `on` undone (PartHandOverUndone of a join, breaker8l P13; the decider's
 * `joinUndone`): the joining part is the unit's again, with the facts of its days entered since, and the part it joined reads
 * as just before (role, earlier holders, joined records). Unchanged when no part holds that join's record with its part (a
 * carried join, or one recorded before joins kept it), or the unit holds a part here again.
 */
function joinUndone(parts: Map<string, PartView>, unitId: string, on: string): boolean {
  if (parts.has(unitId)) return false;
  for (const holder of parts.values()) {
    const record = holder.joined?.find((joined) => joined.unitId === unitId && joined.on === on && joined.part !== undefined && joined.into !== undefined && joined.keptInstead === undefined);
    if (!record || !holder.heldBefore.includes(unitId)) continue;
    const { joined: _joined, ...rest } = holder;
    const into = record.into!;
    parts.set(holder.unitId, { ...rest, role: into.role, heldBefore: into.heldBefore, passedOn: into.passedOn, ...(into.joined === undefined ? {} : { joined: into.joined }) });
    // Back in its place in the listing (the parts after it unchanged: joins are undone the latest first).
    const entries = [...parts];
    const at = Math.min(record.at ?? entries.length, entries.length);
    parts.clear();
    for (const [key, value] of [...entries.slice(0, at), [unitId, record.part!] as const, ...entries.slice(at)]) parts.set(key, value);
    return true;
  }
  return false;
}

/**
 * Earlier holders in the order they passed their parts on (office day; one day keeps the order
 * given), so two hand-overs into one part list the same now as folded by business day. A unit that
 * passed two parts into this one on the same day (its own, and one that reached it through a chain
 * typed later) is listed once: folded by day, the two were one part by then (breaker8e P1).
 */
function byDayPassed(heldBefore: readonly string[], passedOn: readonly string[], sameDay?: SameDayRanking): Pick<PartView, 'heldBefore' | 'passedOn'> {
  const seen = new Set<string>();
  const weighed = (a: number, b: number): number => {
    const first = sameDay && passedOn[a] === sameDay.on ? sameDay.records.get(heldBefore[a]!) : undefined;
    const second = sameDay && passedOn[b] === sameDay.on ? sameDay.records.get(heldBefore[b]!) : undefined;
    if (!first || !second || first.unitId === second.unitId) return a - b;
    if (first.unitId === sameDay!.kept || second.unitId === sameDay!.kept) return first.unitId === sameDay!.kept ? -1 : 1;
    return keepsJoiningRecord(first, second) ? -1 : 1;
  };
  const order = heldBefore
    .map((_unit, index) => index)
    .sort((a, b) => passedOn[a]!.localeCompare(passedOn[b]!) || weighed(a, b))
    .filter((index) => {
      const key = `${heldBefore[index]}\u0000${passedOn[index]}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  return { heldBefore: order.map((index) => heldBefore[index]!), passedOn: order.map((index) => passedOn[index]!) };
}

/**
 * 销号 follows the parts: the office day (`YYYY-MM-DD`) the last part was verified, once every
 * part is verified; null while any part is open (or none is assigned). Findings and work-plan
 * items derive their close-out from it after every event, so a corrected, moved or undone
 * verification moves or undoes the close-out on every view, now and as of any day. With `removed`
 * (an item's parts taken off unverified), never before the last removal: the item was open until
 * then, on every view of an earlier day.
 */
export function closeOutDay(parts: ReadonlyMap<string, Pick<PartView, 'verifiedOn'>>, removed?: RemovedParts): string | null {
  let last: string | null = null;
  for (const part of parts.values()) {
    if (part.verifiedOn === null) return null;
    if (last === null || part.verifiedOn > last) last = part.verifiedOn;
  }
  // The removal of a part still open is what completed the item, if it came last (breaker8d P7).
  for (const [, { on }] of takenOff(removed)) if (last !== null && on > last) last = on;
  return last;
}

/**
 * A parent's parts in the order they were assigned: by assignment day (business time), then by the
 * instant entered, then the 牵头单位 before the 责任单位 — the same order now and at any cut (the present
 * keeps parts in the order they were recorded, a cut folds them in business order; a hand-over or merge
 * re-keys a part, so two parts of one instant could come in either order: typed-versus-date-order
 * p:4320 run 3). Otherwise parts of one batch keep their order.
 */
export function inAssignedOrder<Part extends Pick<PartView, 'assignedOn' | 'assignedAt' | 'role'>>(parts: Iterable<Part>): Part[] {
  const leadFirst = (part: Part) => (part.role === 'LEAD' ? 0 : 1);
  return [...parts].sort((a, b) => (a.assignedOn < b.assignedOn ? -1 : a.assignedOn > b.assignedOn ? 1 : a.assignedAt < b.assignedAt ? -1 : a.assignedAt > b.assignedAt ? 1 : leadFirst(a) - leadFirst(b)));
}

/**
 * A part's records (reports, inspections, returns, urgings, requests) in the order they happened:
 * by office day, then by the instant entered — the same order now (kept as recorded) and at a cut
 * (folded in business order).
 */
export function inBusinessOrder<Entry>(entries: readonly Entry[], dayOf: (entry: Entry) => string, enteredAt: (entry: Entry) => string): Entry[] {
  return [...entries].sort((a, b) => dayOf(a).localeCompare(dayOf(b)) || enteredAt(a).localeCompare(enteredAt(b)));
}

/**
 * A part's inspections in the order they happened: by office day, and within a day in the order the part's folds keep them —
 * entered, except a failure of a pass's own day entered after that pass, which came before it (note44 Left: handed over at that
 * inspection before it passed; both the part now and at a cut list it so). By the instant entered it would read as failed after it passed.
 */
export function inspectionsInOrder<Inspection extends Pick<InspectionView, 'inspectedOn'>>(inspections: readonly Inspection[]): Inspection[] {
  return [...inspections].sort((a, b) => a.inspectedOn.localeCompare(b.inspectedOn));
}

/** The unit still has to act: nothing reported yet, or its report came back. */
export const awaitsUnit = (part: Pick<PartView, 'status'>) => part.status === 'ASSIGNED' || part.status === 'RETURNED';

/** Days from `today` (the office day viewed, `YYYY-MM-DD`) until the part is due; negative once overdue. */
export const daysLeft = (part: Pick<PartView, 'dueDate'>, today: string) => daysBetween(today, part.dueDate);

/**
 * The part can be late: the unit has to act and its terms have an end (a standing part, 常态化,
 * never has: it is never red or yellow, never overdue, never counted late).
 */
export const isDueBound = (part: Pick<PartView, 'status' | 'terms'>) => awaitsUnit(part) && !isNeverOverdue(part.terms);

export const isOverdue = (part: Pick<PartView, 'status' | 'dueDate' | 'terms'>, today: string) => isDueBound(part) && daysLeft(part, today) < 0;

/**
 * The office day (`YYYY-MM-DD`) a part's days left and lateness are counted on: `day`, the day viewed,
 * or — a part of a finding or work-plan item withdrawn by then (`parentWithdrawnOn`, set on parts shown
 * as they stood on the withdrawal) — the withdrawal day: such a part stopped counting then (breaker11l
 * P5 for daysLeft, breaker11m P7 for an item's overduePartCount: 45 overdue against today).
 */
export const dayCountedOn = (part: { readonly parentWithdrawnOn?: string }, day: string): string =>
  part.parentWithdrawnOn !== undefined && part.parentWithdrawnOn < day ? part.parentWithdrawnOn : day;

/**
 * How many office days after the due date in force on its day the part's standing report came
 * (0: on time; a standing part, 常态化, is never late): shown for a part awaiting inspection or
 * verified, as 「逾期 N 天后报送」 where an open part would say 逾期 N 天. Null when the unit has to
 * act (nothing reported yet, or its report came back: then `daysLeft` tells the lateness).
 * The lead's rule (breaker11b G4 / breaker11c N3): a part reported late is no longer overdue — its
 * light and the 逾期 counts follow its state now — but its lateness is kept and shown, and the
 * scorecard counts it late (`firstReportOnTime`).
 */
export function reportedDaysLate(part: Pick<PartView, 'status' | 'reports' | 'dueDates' | 'dueDate' | 'terms'>): number | null {
  if (awaitsUnit(part)) return null;
  // The report standing is the last (of one day, the one made last): every return came before it, else the unit would have to act.
  let standing: string | null = null;
  for (const report of part.reports) if (standing === null || report.reportedOn >= standing) standing = report.reportedOn;
  if (standing === null || isNeverOverdue(termsOn(part, standing))) return standing === null ? null : 0;
  return Math.max(0, daysBetween(dueDateOn(part, standing), standing));
}

/**
 * The watch rule (lead's decision; breaker8n P3, breaker10m P3, newcomer28 S6): each unit is judged on its own watch. A unit
 * that came to hold the part (`heldSince`, 机构改革: a hand-over or merge, a carried join) after a due date is late only from
 * the day it held it: the part as its holder is judged has every due date (`dueDate`, each of `dueDates`) no earlier than
 * `heldSince` — days overdue, lights, on-time and 「逾期 N 天后报送」 counted from max(due date, heldSince). The same part
 * (no copy) when nothing changes: a unit it was assigned to, or one that took it over before it was due. What whose-lateness
 * views (单位排名, 我的任务, per-unit 逾期 counts, 台账 rows) read; the finding or item as a whole (its light, its 逾期)
 * keeps the part's own dates. Pure, O(due-date changes).
 */
export function onWatch<Part extends Pick<PartView, 'dueDate' | 'dueDates' | 'heldSince'>>(part: Part): Part {
  const since = part.heldSince;
  // A due date an overdue share carried in by joining (`carryOverdueDueDates`) is the holder's from the join day: it held that share only since.
  const carriedPassed = part.dueDates.some((change) => isCarriedDue(change) && change.dueDate < change.on);
  if (!carriedPassed && (since === undefined || (part.dueDate >= since && part.dueDates.every((change) => change.dueDate >= since)))) return part;
  const judged = (change: DueDateChange): string => {
    // From the join day — but never later than the holder's own date then: its own share was due by that date anyway.
    const due = isCarriedDue(change) && change.dueDate < change.on ? minDay(change.on, ownDueDateOn(part, change.on)) : change.dueDate;
    return since !== undefined && due < since ? since : due;
  };
  const dueDates = part.dueDates.map((change) => (judged(change) === change.dueDate ? change : { ...change, dueDate: judged(change) }));
  const dueDate = carriedPassed ? dueDateOn({ dueDates, dueDate: part.dueDate }, LAST_DAY) : part.dueDate;
  return { ...part, dueDate: since !== undefined && dueDate < since ? since : dueDate, dueDates };
}

/**
 * What one unit's watch of a part adds to its 单位排名 (the watch rule, see `onWatch`): the facts dated on the days it held the
 * record, and only those — a report, a send-back or failed inspection, a pass happened on someone's watch and are that unit's
 * (breaker8p P2, P10). Plain data (kept in the tallies).
 */
export interface WatchFigures {
  /**
   * The first report of its days judged against the due date in force that day, never before its watch began (max(due,
   * since)): true on time (always, for a standing part, 常态化), false late; null when it reported nothing on its watch (a part
   * that reached it already reported, and was verified or still awaits inspection, is not due for it).
   */
  readonly firstReportOnTime: boolean | null;
  /** Reports sent back and inspections failed on its days (reopenings not counted). */
  readonly returns: number;
  /** Business days from the day its watch began (its 交办, or the day it came to hold the part) to the pass that verified it on its days; null when none did. */
  readonly remediationDays: number | null;
}

/**
 * An earlier holder's watch (one that passed the record on: `earlierWatches`), what it adds to its 单位排名: the part, and — when
 * it reported on its watch, or reporting nothing it still owed a report the day before it passed the part on, the due date
 * (as judged on its watch) already gone — due (not on time when late), never overdue (it no longer holds it).
 */
export interface EarlierWatch extends WatchFigures {
  readonly unitId: string;
  /** It reported nothing on its watch, and owed a report past the due date when it passed the part on: due for it, not on time. */
  readonly owed: boolean;
}

/** Whether an earlier holder was late on its watch: its first report late, or none while it owed one past the due date. */
export const lateOn = (watch: EarlierWatch): boolean => watch.firstReportOnTime === false || watch.owed;

/** Whether an earlier holder's watch counts in its `due`: it reported on it, or owed a report past the due date. */
export const dueOn = (watch: EarlierWatch): boolean => watch.firstReportOnTime !== null || watch.owed;

/**
 * The earlier holders' watches of this part (the watch rule, see `onWatch`), each with what it adds to that unit's 单位排名: each
 * held it from the day it came to it (its assignment, or the day the holder before passed it on) until the day it passed it
 * on. A unit whose own part joined this one, or the successor's own record a carried join set aside (`joined` records with
 * their part), held that record until the join, and the holders of that record before it theirs (a record set aside the same
 * day for another kept instead — two bureaus merged into one: breaker8l P11 — through those holders). A watch of no day (a
 * hand-over on the 交办's day) is none. Empty when nobody passed the part on. Pure, O(holders × records).
 */
export function earlierWatches(part: PartView): EarlierWatch[] {
  const watches = chainWatches(part);
  for (const record of part.joined ?? []) {
    const own = record.part;
    if (own === undefined) continue;
    // A record set aside for one kept instead the same day (`keptInstead`) is that unit's part as it stood in the successor:
    // the unit is among its earlier holders, judged there.
    const from = record.from ?? own.heldSince ?? own.assignedOn;
    if (record.keptInstead === undefined && record.on > from) watches.push(closedWatch(record.unitId, own, from, record.on));
    // Its earlier holders on their days of it; its own joined records are this part's too (every join lists them), counted once.
    if (own.heldBefore.length > 0) watches.push(...chainWatches(own));
  }
  return watches;
}

/** The watches of the units `part` moved through (`heldBefore`, not those whose own record joined it), each on this record. */
function chainWatches(part: PartView): EarlierWatch[] {
  const watches: EarlierWatch[] = [];
  let since = part.assignedOn;
  part.heldBefore.forEach((unitId, index) => {
    const passed = part.passedOn[index]!;
    if (part.joined?.some((joined) => joined.unitId === unitId && joined.on === passed)) return;
    if (passed > since) watches.push(closedWatch(unitId, part, since, passed));
    since = passed;
  });
  return watches;
}

/**
 * The earlier holders late on their watch of this part (`earlierWatches`, `lateOn`): its lateness stays its own — 单位排名 counts
 * the part due and not on time for it, never overdue now (it no longer holds it). Pure, O(holders × records).
 */
export const lateWatches = (part: PartView): string[] => earlierWatches(part).filter(lateOn).map((watch) => watch.unitId);

/** The first report dated in office days [`since`, `until`) (`until` null: no end), the earliest; of one day, the first listed. */
function firstReportIn(part: Pick<PartView, 'reports'>, since: string, until: string | null): ReportView | null {
  let first: ReportView | null = null;
  for (const report of part.reports) {
    if (report.reportedOn >= since && (until === null || report.reportedOn < until) && (first === null || report.reportedOn < first.reportedOn)) first = report;
  }
  return first;
}

/** Reports sent back and inspections failed (not reopenings) dated in office days [`since`, `until`) (`until` null: no end). */
const returnsIn = (part: Pick<PartView, 'returns'>, since: string, until: string | null): number =>
  part.returns.filter((returned) => returned.cause !== 'REOPENED' && returned.returnedOn >= since && (until === null || returned.returnedOn < until)).length;

/** Days from `since` to the pass that verified the part, when it falls in office days [`since`, `until`) (`until` null: no end). */
const remediatedIn = (part: Pick<PartView, 'verifiedOn'>, since: string, until: string | null): number | null =>
  part.verifiedOn !== null && part.verifiedOn >= since && (until === null || part.verifiedOn < until) ? daysBetween(since, part.verifiedOn) : null;

/** What the holder of office days [`since`, `passed`) of `part` (a record it passed on) adds to its 单位排名 (see `EarlierWatch`). */
function closedWatch(unitId: string, part: PartView, since: string, passed: string): EarlierWatch {
  const standing = isNeverOverdue(termsOn(part, since));
  const judged = (due: string) => (due < since ? since : due);
  const first = firstReportIn(part, since, passed);
  const lastDay = addDays(passed, -1);
  return {
    unitId,
    firstReportOnTime: first === null ? null : standing || first.reportedOn <= judged(dueDateOn(part, first.reportedOn)),
    owed: first === null && !standing && workDoneAsOf(part, lastDay) === 0 && judged(dueDateOn(part, lastDay)) < lastDay,
    returns: returnsIn(part, since, passed),
    remediationDays: remediatedIn(part, since, passed),
  };
}

/**
 * What the part adds to the 单位排名 of the unit holding it, on its watch (see `WatchFigures`): for the unit it was assigned to,
 * the part's own figures (first report, every return, days from the 交办); for one that came to hold it (`heldSince`), only the
 * facts dated from that day — its first report then judged against max(due date in force, heldSince), the returns of its days,
 * the days from heldSince to a pass of its days. Pure, O(records).
 */
export function holderWatch(part: PartView): WatchFigures {
  const since = part.heldSince;
  if (since === undefined || since <= part.assignedOn) return { firstReportOnTime: firstReportOnTime(onWatch(part)), returns: returnsIn(part, '', null), remediationDays: daysToRemediate(part) };
  const judged = onWatch(part);
  const first = firstReportIn(part, since, null);
  return {
    firstReportOnTime:
      first === null
        ? null
        : first === part.reports[0]
          ? firstReportOnTime(judged)
          : isNeverOverdue(termsOn(part, first.reportedOn)) || first.reportedOn <= dueDateWhenReported(judged, first),
    returns: returnsIn(part, since, null),
    remediationDays: remediatedIn(part, since, null),
  };
}

/** Business days from assignment to verification; null while not verified. */
export const daysToRemediate = (part: Pick<PartView, 'assignedOn' | 'verifiedOn'>): number | null =>
  part.verifiedOn === null ? null : daysBetween(part.assignedOn, part.verifiedOn);

/**
 * Red: the unit is late; yellow: due within `dueSoonDays`; green: on track, reported and waiting
 * for inspection, or a standing task (常态化, never overdue). Verified parts have no light.
 */
export function trafficLight(part: Pick<PartView, 'status' | 'dueDate' | 'terms'>, today: string, dueSoonDays: number): TrafficLight | null {
  if (part.status === 'VERIFIED') return null;
  if (!isDueBound(part)) return 'GREEN';
  const left = daysLeft(part, today);
  if (left < 0) return 'RED';
  if (left <= dueSoonDays) return 'YELLOW';
  return 'GREEN';
}
