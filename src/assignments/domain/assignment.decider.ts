import { listItemLabelZh } from '../../shared/graphql/list-item-labels-zh.js';
import type { Actor } from '../../shared/command-context.js';
import { keepsJoiningRecord, ownRoleOnTheDay, type SameDayStep, type WorkDone } from './same-day-join.js';
import { assignmentOf, stepsAfterDay } from './part-facts.js';
import { unreachable } from '../../shared/decider.js';
import { ChangedMeanwhile, DomainError, badForm, badInput, conflict, fieldOf, forbidden, named, say, valueChangedMeanwhile, type Bilingual, type Named } from '../../shared/domain-error.js';
import { addDays, isAfter } from '../../shared/calendar-date.js';
import { BY_DATE, isNeverOverdue, isProgressReport, type DueTerms } from '../../shared/deadline.js';
import { byOfficeDay, isCorrection, isReturn, reopenedPartOf, whatFailed, withCorrectionsApplied } from './business-order.js';
import { countFoldStep, foldInPlace, partsWith } from './fold-in-place.js';
import {
  capitalise,
  isBlank,
  requireBusinessDay,
  requireCalendarDate,
  requireNotBefore,
  requireRole,
  requireText,
  type DatedFact,
} from '../../shared/guards.js';
import type {
  AssignUnit,
  AssignmentCommand,
  NamesUnits,
  UnitNames,
  UnitHandOver,
  CorrectFactDate,
  CorrectInspection,
  CorrectReportDate,
  CorrectStepDate,
  DecideExtension,
  DueDateLimit,
  HandOverPart,
  LogInspection,
  ReopenParts,
  ReportRectification,
  RequestExtension,
  RetractRecord,
  WithdrawExtensionRequest,
  ReturnsPart,
  SendBackReport,
  SetsDueDate,
  UrgeUnit,
} from './assignment.commands.js';
import { assignmentEventSchemas, isUnitRecord, RETRACTABLE_FACTS, type RetractableFact, type RetypedStep, type SetAsideRecord } from './assignment.events.js';
import type {
  AssignmentEvent,
  AssignmentRole,
  DueDateOverridden,
  Evidence,
  InspectionOutcome,
  NewDueDate,
  PartHandedOver,
  PartRoleChanged,
  PartHandOverUndone,
} from './assignment.events.js';

/** ASSIGNED → REPORTED → VERIFIED, or REPORTED → RETURNED → REPORTED → … */
export type PartStatus = 'ASSIGNED' | 'REPORTED' | 'RETURNED' | 'VERIFIED';

/**
 * PENDING until decided; LAPSED when the part was verified while it was pending — judged by day: a
 * passed inspection (as corrected) dated on or after the request's day (`withLapses`): nothing is
 * left to extend, so it is never decided, even if the part comes back later (the unit asks again).
 * WITHDRAWN: the unit took it back while it was pending (ExtensionRequestWithdrawn); never decided — unless the office decided
 * it the same day (`decisionOfWithdrawalDay`): a withdrawal and a decision of one office day, the decision stands.
 */
export type ExtensionStatus = 'PENDING' | 'GRANTED' | 'REFUSED' | 'LAPSED' | 'WITHDRAWN';

export interface ExtensionRequest {
  readonly requestId: string;
  readonly requestedDueDate: string;
  readonly reason: string;
  readonly status: ExtensionStatus;
  /** The office day it was asked for: its decision cannot come before. */
  readonly requestedOn: string;
  /** The office day it was granted or refused; absent while undecided. */
  readonly decidedOn?: string;
  /** `YYYY-MM-DD`, the due date granted (ExtensionGranted.newDueDate); absent unless granted. */
  readonly grantedDueDate?: string;
  /** The office day the unit withdrew it; absent unless WITHDRAWN. */
  readonly withdrawnOn?: string;
}

export interface RectificationReport {
  readonly summary: string;
  readonly evidence: readonly Evidence[];
  readonly reportedOn: string;
  /** The return this report answers (its day cannot precede it); null for a first report. */
  readonly answers: DatedFact | null;
  /** The send-back or inspection that settled it; null while it awaits one. */
  readonly settledBy: DatedFact | null;
}

export interface InspectionRecord {
  readonly inspectionId: string;
  readonly outcome: InspectionOutcome;
  readonly inspectedOn: string;
  /** The part's due date before this inspection: what a correction of a failure to PASSED restores. */
  readonly dueDateBefore?: string;
  /**
   * The part's last return before this inspection failed it: what a correction of the failure to PASSED restores
   * (a stale failure left as the last return made the part read unverified after its pass, by day).
   */
  readonly returnBefore?: ReturnNote | null;
}

/** Why a part is RETURNED, so the unit knows what to fix before reporting again. */
export interface ReturnNote {
  readonly cause: 'SENT_BACK' | 'INSPECTION_FAILED' | 'PARTS_REOPENED';
  readonly reason: string;
  /** The office day of the return: the next report cannot come before. */
  readonly returnedOn: string;
  /** The failed inspection that returned the part (cause INSPECTION_FAILED). */
  readonly inspectionId?: string;
  /** How many inspections the part had when reopened (cause PARTS_REOPENED): a pass of the reopening's day entered after it is not undone by it. */
  readonly inspectionsBefore?: number;
}

/** One assigned unit's share of the parent. */
export interface AssignmentPart {
  readonly unitId: string;
  readonly role: AssignmentRole;
  readonly status: PartStatus;
  readonly dueDate: string;
  /** How `dueDate` is read: a standing part (常态化) is never overdue and has no deadline to extend. */
  readonly terms: DueTerms;
  /** The office day the unit was assigned: nothing on the part happens before it. */
  readonly assignedOn: string;
  /** The office day of the inspection that verified the part; null while not verified. */
  readonly verifiedOn: string | null;
  /** Every request in the order made; at most one is PENDING. */
  readonly extensionRequests: readonly ExtensionRequest[];
  readonly reportCount: number;
  readonly lastReport: RectificationReport | null;
  readonly inspections: readonly InspectionRecord[];
  readonly urgeCount: number;
  /** The office day of its latest urging; absent while never urged. */
  readonly lastUrgedOn?: string;
  /** Set when the part is RETURNED, kept afterwards as history of the last return. */
  readonly lastReturn: ReturnNote | null;
  /** Units that held this part before it was handed over to `unitId`, earliest first. */
  readonly heldBefore?: readonly string[];
  /**
   * The units that held this part's record before `unitId`, earliest first, each with its days: a
   * fact dated then is theirs (a part that joined another's is not among them: its record stayed
   * behind). Absent for a part never handed over.
   */
  readonly previousHolders?: readonly PreviousHolder[];
  /**
   * Only on the part as a decision about a past holder's fact sees it (see `asHeldOn`): the day it
   * passed on. Nothing of that holder is dated on or after it.
   */
  readonly heldUntil?: string;
  /** The office day `unitId` took the part over (机构改革); absent for the unit it was assigned to. Nothing on it is dated before. */
  readonly heldSince?: string;
  /** The latest office day another unit's part joined this one (a hand-over to a unit holding a part already): it passes on no earlier. */
  readonly joinedOn?: string;
  /** What answered the last inspection (a report, an extension request, an urging): it can no longer be corrected. */
  readonly lastInspectionAnsweredBy?: DatedFact | null;
}

/** A part taken off its parent unverified (UnitUnassigned): as it stood, the office day and the reason. */
export interface RemovedPart {
  readonly part: AssignmentPart;
  readonly unassignedOn: string;
  readonly reason: string;
}

/** A removal that left the part on (`AssignmentsState.removalsKept`): its office day and reason. */
export interface KeptRemoval {
  readonly unassignedOn: string;
  readonly reason: string;
}

/**
 * Whether a removal (移除单位) leaves the part on its parent: its report awaits inspection, or it is verified — the work on the
 * record is kept, never dropped unchecked (newcomer53-10 S1, breaker8c P14, h57a breaker55-8 S2). Judged on the part as it stood
 * at the end of the removal's day (every fold hands it so: date order, or a removed part whose late facts all precede that day).
 */
export const keptByRemoval = (part: Pick<AssignmentPart, 'status'>): boolean => part.status === 'REPORTED' || part.status === 'VERIFIED';

/**
 * A unit's part that joined the part its successor already held (a hand-over to a unit holding one
 * of this parent): as it stood when it joined, the office day and the successor. The joined part
 * keeps the successor's record, so a fact of the unit dated before that day, entered after the
 * join (its paper file found later), is about this part as it stood then — kept here, as a day
 * before the join shows it — and changes nothing of the joined part (breaker8f P7).
 */
export interface JoinedPart {
  readonly part: AssignmentPart;
  readonly joinedOn: string;
  readonly successorUnitId: string;
  /**
   * The part it joined as it stood just before (its holder's unit, role, earlier holders and latest join), kept so that the
   * join can be undone (PartHandOverUndone of a join: a withdrawal dated before it, typed after — breaker8l P13): the joining
   * part is the unit's again and that part reads as before. Absent on a carried join (`setAside`: see `carried`).
   */
  readonly into?: { readonly unitId: string; readonly role: AssignmentRole; readonly heldBefore?: readonly string[]; readonly joinedOn?: string };
  /**
   * Set on the record that had moved into the successor earlier the same day and was set aside because the record joining it
   * that day is the one `keepsJoiningRecord` keeps (two merges into one unit on one day: breaker8l P11): that joining unit and
   * its role before the join. Undoing that unit's step (PartHandOverUndone: a withdrawal dated before the day, typed after —
   * breaker8m P1) gives it its part back with that role and moves this record into the successor again, as it stood —
   * with the parts that had joined it earlier that day (`successor`: the successor's part just before, its role, earlier
   * holders and latest join; a third paper of the day kept over a record two had made — breaker8m P2).
   */
  readonly keptInstead?: { readonly unitId: string; readonly role: AssignmentRole; readonly successor?: { readonly role: AssignmentRole; readonly heldBefore?: readonly string[]; readonly joinedOn?: string } };
  /**
   * Set on the successor's record set aside by a carried join (`setAside`: the joining part's open work went on, breaker8g P18,
   * breaker8n P1): the joining unit and what its part read before it was carried (role, earlier holders, latest join) — so
   * the carry can be undone (PartHandOverUndone) when a fact dated before the join, entered after it, changes which record
   * the join keeps: the joining part is its unit's again, with the facts of its days entered since, and this record the
   * successor's again (`decidedBeforeJoins`, breaker8n P1: a report of the joining unit dated before the join, typed after it).
   */
  readonly carried?: { readonly unitId: string; readonly role: AssignmentRole; readonly heldBefore?: readonly string[]; readonly joinedOn?: string };
}

/** A unit that held a part before its present holder (机构改革): from its assignment or taking over until it passed on (office days). */
export interface PreviousHolder {
  readonly unitId: string;
  readonly from: string;
  readonly until: string;
}

export interface AssignmentsState {
  /** Keyed by unitId; read with `partOf` so that ids like "constructor" cannot hit the prototype. */
  readonly parts: Readonly<Record<string, AssignmentPart>>;
  /** The office day of the parent's latest reopening (`YYYY-MM-DD`); absent while never reopened. No unit is assigned before it. */
  readonly reopenedOn?: string;
  /** By unit: the office day its part passed to another unit (机构改革). Assigned again, it is not before that day. */
  readonly passedOn?: Readonly<Record<string, string>>;
  /**
   * By unit: its part a plan change took off before it was verified (UnitUnassigned), with the day
   * and why. A fact of the unit dated before that day, entered late, is judged on the part as it
   * stood then; one that verified it by then means the removal left it on as verified work (breaker8d P7),
   * and so does a report awaiting inspection then (h57a, breaker55-8 S2; see `removalsKept`).
   */
  readonly removed?: Readonly<Record<string, RemovedPart>>;
  /**
   * By unit: a plan change's removal (UnitUnassigned) that found the unit's part awaiting inspection or verified on its day, so
   * left it on the parent (its office day and reason) — the report is inspected, the verified work stays (h57a, breaker55-8 S2).
   * A fact dated before that day, entered later, that leaves the part neither awaiting inspection nor verified (a send-back or a
   * failed inspection of that report) takes it off again as of the removal's day, as date order does (`updatePart`).
   */
  readonly removalsKept?: Readonly<Record<string, KeptRemoval>>;
  /** By unit: its part that joined its successor's own part (`JoinedPart`), the latest join of the unit. */
  readonly joined?: Readonly<Record<string, JoinedPart>>;
  /**
   * By unit: its own part, verified by the day an open part of another unit joined it, set aside
   * (`successorUnitId` is the unit itself): the joined part carries the open work (see `joinsOpenWork`),
   * and a fact of the unit dated before that day, entered later, is about the verified part as it stood.
   */
  readonly setAside?: Readonly<Record<string, JoinedPart>>;
  /**
   * Every event folded in, in the order folded: what `assignmentsOn` folds again in business order
   * to judge a dated command on the parts as they stood on its day.
   */
  readonly recorded: readonly AssignmentEvent[];
}

/**
 * What the parent (finding or work-plan item) knows and these rules depend on. The parent owns
 * closure (销号), so it passes the flag in rather than this lifecycle tracking it.
 */
export interface AssignmentParentContext {
  readonly parentClosed: boolean;
  /** How refusals name the parent: `finding` / 问题, `work-plan item` / 工作事项 (breaker8i P11); absent: `item` / 事项. */
  readonly noun?: Bilingual;
}

/** The parent as a refusal names it (`NamesUnits.parentNoun`): 问题 on a finding, 工作事项 on a work-plan item. */
const parentNoun = (command: NamesUnits): Bilingual => command.parentNoun ?? say('item', '事项');

export const initialAssignmentsState = (): AssignmentsState => {
  const state: AssignmentsState = { parts: {}, recorded: [] };
  foldsByDay.set(state.recorded, { fold: state, lastDay: '' });
  return state;
};

/**
 * Per `recorded` list (weakly: forgotten with the list), what `assignmentsOn` answers for any day on
 * or after `lastDay` (the latest office day of its facts, corrections applied): every fact folded in
 * business order. Kept for any list once folded whole — corrections and undone hand-overs included
 * (they move facts, but the fold of the list as it stands is exact: breaker12h P1) — and carried from
 * a list to the list with one more fact that moves none (not a correction, not an undone hand-over)
 * dated on or after `lastDay`: it comes last in business order, untouched by the corrections before
 * it (each corrects a fact recorded before itself), so it is one more step of the fold. A 催办 dated
 * today is thus judged without folding the item's stream again, also after a fact entered late or a
 * correction (breaker12f P4, breaker12g P1, breaker12h P1); a correction or a late fact costs one fold
 * of the stream, at the next dated command. A function of the list alone: a decision's state with a
 * part substituted does not change it.
 */
const foldsByDay = {
  get: (recorded: readonly AssignmentEvent[]): KeptFold | undefined => (recorded as { [KEPT_FOLD]?: KeptFold })[KEPT_FOLD] ?? keptOfFrozenLists.get(recorded),
  set(recorded: readonly AssignmentEvent[], kept: KeptFold): void {
    // On the list itself, not in a WeakMap: a stream folded whole makes a list per event, and thousands of WeakMap
    // entries cost the collector more than the fold (breaker12i P1: 1 s of 1.6 s at 3,000 facts).
    if (Object.isExtensible(recorded)) Object.defineProperty(recorded, KEPT_FOLD, { value: kept, configurable: true, writable: true, enumerable: false });
    else keptOfFrozenLists.set(recorded, kept);
  },
};
/** A list's kept by-day fold (`foldsByDay`) and the latest office day of its facts. */
interface KeptFold {
  readonly fold: AssignmentsState;
  readonly lastDay: string;
}
const KEPT_FOLD = Symbol('kept by-day fold');
/** `foldsByDay` of lists that cannot carry it (frozen by their maker). */
const keptOfFrozenLists = new WeakMap<readonly AssignmentEvent[], KeptFold>();
/**
 * Per `recorded` list (weakly), the last day before its latest fact `assignmentsOn` was asked for, with
 * its answer: a fact entered late is judged on its day (`partOn`), and whether the facts after it
 * still hold is folded on from the same fold (`newlyBroken`, breaker12h P3) — folded once, not twice.
 */
const earlierDayAsked = new WeakMap<readonly AssignmentEvent[], { readonly day: string; readonly fold: AssignmentsState }>();
/**
 * Per `recorded` list (weakly), the by-day fold of the list with `events` recorded after it, made
 * while judging them late (`newlyBroken`): once those events are folded in (`evolveAssignments`,
 * matched by type and data), it is the new list's kept fold (`foldsByDay`) — so the command after a
 * fact entered late does not fold the stream again (breaker12h P3).
 */
const foldsToCome = new WeakMap<readonly AssignmentEvent[], { readonly events: readonly AssignmentEvent[]; readonly fold: AssignmentsState; readonly lastDay: string }>();
const sameFact = (a: AssignmentEvent, b: AssignmentEvent): boolean => a.type === b.type && JSON.stringify(a.data) === JSON.stringify(b.data);
const movesFacts = (event: AssignmentEvent): boolean => isCorrection(event) || event.type === 'PartHandOverUndone';

export function partOf(state: AssignmentsState, unitId: string): AssignmentPart | undefined {
  return Object.hasOwn(state.parts, unitId) ? state.parts[unitId] : undefined;
}

export const partsOf = (state: AssignmentsState): AssignmentPart[] => Object.values(state.parts);

export const pendingExtensionOf = (part: AssignmentPart): ExtensionRequest | undefined =>
  part.extensionRequests.find((request) => request.status === 'PENDING');

/**
 * The business day the parent was closed (销号) on: the last of its parts' verifications. Null
 * while a part is not verified.
 */
export function closedOn(state: AssignmentsState): string | null {
  if (!allPartsVerified(state)) return null;
  return partsOf(state).reduce((latest, part) => (part.verifiedOn! > latest ? part.verifiedOn! : latest), '');
}

/**
 * A reopening of some parts only (PartsReopened naming them: the parent was open when it was typed) that by date found the parent
 * closed: on the day before it every part on the parent stood verified (a part taken off by then, 方案调整, no longer counts; one
 * taken off later was still open that day). So a record entered or changed after the reopening made it — a pass typed after it
 * (breaker41-8 P1: 甲 passed 05-02, 乙 reported 05-13, the 05-27 reopening typed — 甲's alone —, then 乙's pass of 05-26 found), a
 * correction moving a pass before it or the reopening after a pass, a retraction (撤销误录) of what kept a part open, a unit
 * taken off the item before it. By date the parent closed on `closedOn` (the latest of its parts' passes and of the removals
 * before the reopening) and the reopening reopened it whole: `reopening` is that PartsReopened and `more` the parts it must
 * reopen besides (none when only removals made the difference). Undefined when the latest reopening reopened the parent
 * itself, or the parent did not stand closed the day before it (a pass of the reopening's own day is that day's, not before it).
 */
export function reopeningThatFoundItClosed(state: AssignmentsState): { readonly reopening: Extract<AssignmentEvent, { type: 'PartsReopened' }>; readonly closedOn: string; readonly more: readonly string[] } | undefined {
  const reopenedOn = state.reopenedOn;
  if (reopenedOn === undefined) return undefined;
  // As corrected (a reopening's day moved by 更正记录日期, a retracted one left out): the reopening the parts were folded with.
  const facts = state.recorded.some(isCorrection) ? withCorrectionsApplied(state.recorded.map((event) => ({ type: event.type, data: event.data, occurredOn: factDayOfEvent(event) }))).events : state.recorded;
  // The office's reopening, not the one the server wrote for it (`foundClosed`): that one already answers it.
  const reopening = facts.findLast((event): event is Extract<AssignmentEvent, { type: 'PartsReopened' }> => event.type === 'PartsReopened' && (event.data as { reopenedOn: string }).reopenedOn === reopenedOn && !(event.data as { foundClosed?: true }).foundClosed);
  const named = reopening?.data.unitIds;
  if (!reopening || named === undefined) return undefined;
  const before = addDays(reopenedOn, -1);
  const parts = partsOf(state);
  const removals = Object.values(state.removed ?? {});
  if (parts.length === 0 || !parts.every((part) => stoodVerifiedOn(part, before)) || removals.some((removed) => removed.unassignedOn > before)) return undefined;
  const lastPass = (part: AssignmentPart) => part.inspections.filter((inspection) => inspection.outcome === 'PASSED' && inspection.inspectedOn <= before).reduce((latest, inspection) => (inspection.inspectedOn > latest ? inspection.inspectedOn : latest), '');
  const lastRemoval = removals.reduce((latest, removed) => (removed.unassignedOn > latest ? removed.unassignedOn : latest), '');
  const closedOnDay = parts.reduce((latest, part) => (lastPass(part) > latest ? lastPass(part) : latest), lastRemoval);
  const more = parts.filter((part) => !namedPart(named, part, state)).map((part) => part.unitId);
  return { reopening, closedOn: closedOnDay, more };
}

/**
 * Whether a part-only reopening of office day `reopenedOn`, folded just before (its parts returned), found the parent closed by
 * date: every part on it stood verified on the day before, and no part was taken off (方案调整) on or after that day — what the
 * PartsReopened the server wrote for it (`foundClosed`) needs to stand (h54b: it follows its cause in every fold, so a pass moved
 * past the reopening voids it, and it never stands in the way of correcting that pass).
 */
export function foundClosedHolds(state: AssignmentsState, reopenedOn: string): boolean {
  const before = addDays(reopenedOn, -1);
  const parts = partsOf(state);
  return parts.length > 0 && parts.every((part) => stoodVerifiedOn(part, before)) && !Object.values(state.removed ?? {}).some((removed) => removed.unassignedOn > before);
}

/** Whether `event` is a PartsReopened the server wrote for a part-only reopening found closed (`foundClosed`, h54b). */
export const isWrittenForFoundClosed = (event: AssignmentEvent): boolean => event.type === 'PartsReopened' && event.data.foundClosed === true;

/**
 * The parts as the office's own records leave them, without what the server wrote for a part-only reopening found closed
 * (`foundClosed`): what a correction of the pass that made it so is judged on (h54b, breaker54-8 S2: the reopening written
 * because of that very pass counted as progress after it). `state` itself when there is none.
 */
export function withoutWrittenForFoundClosed(state: AssignmentsState): AssignmentsState {
  if (!state.recorded.some(isWrittenForFoundClosed)) return state;
  return state.recorded.filter((event) => !isWrittenForFoundClosed(event)).reduce(evolveAssignments, initialAssignmentsState());
}

/** The parent may be closed (销号) only when this holds: at least one part and every part verified. */
export function allPartsVerified(state: AssignmentsState): boolean {
  const parts = partsOf(state);
  return parts.length > 0 && parts.every((part) => part.status === 'VERIFIED');
}

// ---------------------------------------------------------------------------------------------
// evolve

/**
 * The state after `event`. Its parts are folded when first read, not here (breaker12i P1): a stream
 * folded whole (a command's load, `FoldedStreams`) makes one state per event and reads only the
 * last, so each `FactDateCorrected` — which folds the facts before it again, corrections applied
 * (`refolded`) — made every later load fold the stream once more per correction (O(corrections ×
 * stream): 30 corrections on a 300-unit item, 40 s a load). Now a load folds at most once: from the
 * last correction's refold (or the last state whose parts were read) through the facts after it,
 * in place (`foldInPlace`). The answer is the same as folding each event at once.
 */
export function evolveAssignments(state: AssignmentsState, event: AssignmentEvent): AssignmentsState {
  const recorded = [...state.recorded, event];
  const next = deferredState(recorded, refoldsFromStart(state.recorded, event) ? { from: null, length: recorded.length } : (pendingSource(state) ?? { from: state, length: state.recorded.length }));
  const byDay = foldsByDay.get(state.recorded);
  const day = byDay && !movesFacts(event) ? factDayOfEvent(event) : undefined;
  if (byDay && day !== undefined && day >= byDay.lastDay) {
    // The kept fold is this very state (facts recorded in business order): so is the next one's — not folded twice.
    const fold = byDay.fold === state ? next : { ...evolveParts(byDay.fold, event), recorded: [...byDay.fold.recorded, event] };
    foldsByDay.set(next.recorded, { fold, lastDay: day });
  }
  const coming = foldsToCome.get(state.recorded);
  if (coming && sameFact(coming.events[0]!, event)) {
    if (coming.events.length === 1) foldsByDay.set(next.recorded, { fold: coming.fold, lastDay: coming.lastDay });
    else foldsToCome.set(next.recorded, { ...coming, events: coming.events.slice(1) });
  }
  return next;
}

/**
 * Whether `event`, recorded after `recorded`, makes the parts folded again from the start, corrections applied (`refolded`,
 * business-order.ts) — one rule for every correction that changes what facts before it meant: a fact's day corrected
 * (FactDateCorrected); a failure's day moved by 更正督查记录 without a new due date, which leaves the part with the date the
 * failure gave itself, known only to that fold (breaker50-8 S2); a pass corrected to 不通过 that had taken papers entered after
 * it as before it (a re-report handed in at it, a return found later: reports and returns of its unit dated on or before its
 * corrected day), placed before the failure then (`withCorrectionsApplied`, breaker49-8 S7). O(events) for the last kind only.
 */
function refoldsFromStart(recorded: readonly AssignmentEvent[], event: AssignmentEvent): boolean {
  // 撤销误录 (newcomer51-8 S1): the parts as if the record had never been entered.
  if (event.type === 'FactDateCorrected' || event.type === 'RecordRetracted') return true;
  if (event.type !== 'InspectionCorrected') return false;
  // The server's reopening written for a part-only one found closed (`foundClosed`) is judged again with the inspection (h54b).
  if (recorded.some(isWrittenForFoundClosed)) return true;
  const { previousOutcome, outcome, inspectedOn, previousInspectedOn, newDueDate, unitId, inspectionId } = event.data;
  if (previousOutcome === 'FAILED' && outcome === 'FAILED') return inspectedOn !== previousInspectedOn && newDueDate === undefined;
  if (previousOutcome !== 'PASSED' || outcome !== 'FAILED') return false;
  const logged = recorded.findLastIndex((fact) => fact.type === 'InspectionLogged' && fact.data.inspectionId === inspectionId);
  return logged >= 0 && recorded.slice(logged + 1).some((fact) => (fact.type === 'RectificationReported' || isReturn(fact.type, fact.data as { outcome?: string })) && (fact.data as { unitId?: string }).unitId === unitId && factDayOfEvent(fact) <= inspectedOn);
}

/**
 * Where a state's parts are folded from when they are first read: `from` (a state whose parts are
 * folded already) and the events of `recorded` after its first `length`; `from` null: the first
 * `length` events refolded, corrections applied (`refolded`, kept in `start` once made — states
 * made from one correction on share it).
 */
interface FoldSource {
  readonly from: AssignmentsState | null;
  readonly length: number;
  start?: AssignmentsState;
  /** `from`'s parts record, given up by the one holder of `from` (`assignmentsRun`): changed in place, not copied. */
  adopt?: object;
}

/**
 * Read on a state made by `evolveAssignments` whose parts are not folded yet: where they come from
 * (undefined on any other state). A property, not a WeakMap: a stream folded whole makes a state per
 * event, and thousands of WeakMap entries cost the collector more than the fold itself.
 */
const FOLD_SOURCE = Symbol('fold source');
const pendingSource = (state: AssignmentsState): FoldSource | undefined => (state as { [FOLD_SOURCE]?: FoldSource })[FOLD_SOURCE];

/**
 * A state of `recorded` folded from `source` when first looked at — any field but `recorded` read,
 * its keys listed or spread — and from then on exactly the state folded at once would be (same
 * keys, same values): a proxy, so that a spread, `Object.keys` or a test's deep equality sees the
 * folded fields, present or absent, as a plain state has them.
 */
function deferredState(recorded: readonly AssignmentEvent[], pending: FoldSource): AssignmentsState {
  let folded: AssignmentsState | undefined;
  // Let go once folded: a source holds the state before it, so a stream folded whole (or a batch of units, `assignmentsRun`)
  // kept every state and its `recorded` list alive to the end — quadratic memory the collector went through again and again
  // (perf47b: 2,400 units, 22 s of a 29 s profile in the collector).
  let source: FoldSource | undefined = pending;
  const realized = (): AssignmentsState => {
    if (folded === undefined) {
      folded = { ...foldedFrom(source!, recorded), recorded };
      source = undefined;
    }
    return folded;
  };
  return new Proxy({ recorded } as AssignmentsState, {
    get: (_target, key) => (key === 'recorded' ? recorded : key === FOLD_SOURCE ? source : Reflect.get(realized(), key)),
    has: (_target, key) => Reflect.has(realized(), key),
    ownKeys: () => Reflect.ownKeys(realized()),
    getOwnPropertyDescriptor: (_target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(realized(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
  });
}

/** The parts `source` leaves after the events of `recorded` it has not folded: one fold, in place. */
function foldedFrom(source: FoldSource, recorded: readonly AssignmentEvent[]): AssignmentsState {
  const start = source.from ?? (source.start ??= refolded(recorded.slice(0, source.length)));
  if (recorded.length === source.length) return start;
  return foldInPlace(() => {
    let folded = start;
    for (let index = source.length; index < recorded.length; index += 1) folded = evolveParts(folded, recorded[index]!);
    return folded;
  }, source.adopt ?? null);
}

/** A run of states, each made from the one before it (`assignmentsRun`). */
export interface AssignmentsRun {
  /** The run's latest state: `start`, then what each `next` made. */
  readonly state: AssignmentsState;
  /** `events.reduce(evolveAssignments, state)`, its parts folded at once; the state before it is stale from then on. */
  next(events: readonly AssignmentEvent[]): AssignmentsState;
}

/**
 * A run of states each made from the one before and dropped once the next is made: an assignment batch, each unit decided on
 * the parts the units before it leave (`parentOfParts.assign`). Each `next` answers exactly what `events.reduce(evolveAssignments,
 * state)` answers, but from the run's second state on its parts are folded into the record the run made itself, changed in
 * place: the parts record is copied once for the run, not once per state (perf47b: defining a 300-unit item copied ≈ 45,000
 * entries, its decide quadratic in the units — 5.0 / 20.9 / 72.9 ms at 150 / 300 / 600). `start` is left as it was; a state of
 * the run other than the latest must not be read once `next` has been called (its parts are the run's, changed since).
 */
export function assignmentsRun(start: AssignmentsState): AssignmentsRun {
  let state = start;
  /** The parts record the run made (no state outside the run holds it); null before the run's first copy. */
  let owned: object | null = null;
  return {
    get state() {
      return state;
    },
    next(events) {
      const from = state;
      const after = events.reduce(evolveAssignments, from);
      const source = pendingSource(after);
      if (source === undefined) return after;
      // Only a fold from `from` itself takes its record; a refold from a correction on (`from` null) makes its own.
      const adopted = owned !== null && source.from === from && from.parts === owned;
      if (adopted) source.adopt = owned!;
      const parts = after.parts;
      owned = source.from === from && (adopted || parts !== from.parts) ? parts : null;
      state = after;
      return after;
    },
  };
}

/**
 * The parts as `recorded` leaves them, folded again in the order recorded with every correction
 * applied to the fact it corrects: after a fact's day is corrected (`FactDateCorrected`), every
 * figure derived from it (assignment day, the report a return answers, lapses …) follows at once.
 * One fold, in place (`foldInPlace`).
 */
function refolded(recorded: readonly AssignmentEvent[]): AssignmentsState {
  const entries = recorded.map((event, index) => ({ type: event.type, data: event.data, occurredOn: factDayOfEvent(event), index }));
  const folded = foldInPlace(() =>
    withCorrectionsApplied(entries).events.reduce((parts, entry) => evolveParts(parts, { type: entry.type, data: entry.data } as AssignmentEvent), initialAssignmentsState()),
  );
  return { ...folded, recorded };
}

/**
 * The parts as they stood at the end of office day `day` (`YYYY-MM-DD`), as known now: the facts
 * dated by then, in business order (by day, then as recorded), each correction applied to the fact
 * it corrects — the fold every view at that day makes (read-model/timeline.ts). What a dated
 * command is judged on: an urging, an extension request or its decision entered late is accepted
 * or refused as it would have been that day.
 */
export function assignmentsOn(state: AssignmentsState, day: string): AssignmentsState {
  // Facts dated by `day`, folded already (an office entering facts as they happen: the fold carried
  // from fact to fact; or folded whole once since a late fact or a correction): breaker12f P4, 12h P1.
  const byDay = foldsByDay.get(state.recorded);
  if (byDay && byDay.lastDay <= day) return byDay.fold;
  const asked = earlierDayAsked.get(state.recorded);
  if (asked?.day === day) return asked.fold;
  // evolveAssignments, without copying `recorded` per event (breaker12f P4: quadratic in the stream's
  // facts, 1.3 s per dated command at 9,300): the parts never read it. Corrections are already applied
  // to the facts they correct and left out (`inBusinessOrder`).
  const recorded: AssignmentEvent[] = [];
  let lastDay = '';
  const folded = foldInPlace(() => {
    let parts = initialAssignmentsState();
    for (const entry of inBusinessOrder(state.recorded)) {
      lastDay = entry.occurredOn;
      if (entry.occurredOn > day) continue;
      recorded.push(entry.event);
      parts = evolveParts(parts, entry.event);
    }
    return parts;
  });
  const answer = { ...folded, recorded };
  // Every fact folded: what any later day answers too, kept for the next fact (`foldsByDay`); else kept for this day.
  if (lastDay <= day) foldsByDay.set(state.recorded, { fold: answer, lastDay });
  else earlierDayAsked.set(state.recorded, { day, fold: answer });
  return answer;
}

/**
 * The parts with the units' own records (`isUnitRecord`: reports, inspections, send-backs, urgings,
 * extension requests and decisions) dated on or after office day `day` (`YYYY-MM-DD`) set aside:
 * every other fact, folded in business order as `assignmentsOn` folds them (corrections applied);
 * `state` itself when no such record is dated on or after `day`. What a fact of a withdrawn parent
 * dated before its withdrawal, entered after it, is judged on: those records (made before the office
 * heard of the withdrawal) count nowhere, so they neither bound nor refuse it (breaker11j P4).
 */
export function assignmentsBefore(state: AssignmentsState, day: string): AssignmentsState {
  return assignmentsOutside(state, [{ from: day }]);
}

/**
 * The parts a unit's fact on a parent withdrawn on `withdrawnOn` (`YYYY-MM-DD`), dated before the withdrawal or of its own day,
 * entered after it, is judged on: the units' records dated after that day set aside (`assignmentsBefore` the next day). The
 * withdrawal day's own records came before it (breaker8v P12: a report of that day, typed before or after the withdrawal, and
 * its pass read the same), as every view counts them.
 */
export function assignmentsThroughWithdrawalDay(state: AssignmentsState, withdrawnOn: string): AssignmentsState {
  return assignmentsBefore(state, addDays(withdrawnOn, 1));
}

/**
 * Office days a parent of parts was out of its plan or 台账: from `from` (`YYYY-MM-DD`, its
 * withdrawal day) until the day before `until` (the day a later plan version listed it again,
 * WorkPlanItemReinstated); without `until`, every day from `from` on.
 */
export interface OutOfPlanDays {
  readonly from: string;
  readonly until?: string;
  /**
   * Only one unit's records of one type on those days (`setAsideRecordOf`): a record a verification dated before the
   * withdrawal left not holding when it undid a span a later version ended (breaker11o P2). Absent: every unit record.
   */
  readonly record?: { readonly unitId: string; readonly type: string };
}

/** Whether office day `day` lies in `span` (see `OutOfPlanDays`). */
export const withinOutOfPlanDays = (span: OutOfPlanDays, day: string): boolean => day >= span.from && (span.until === undefined || day < span.until);

/**
 * A unit's record set aside for good (`SetAsideRecord`: its unit, event type and office day), as the span of that one day
 * and record that `setAsideBy` and `assignmentsOutside` skip.
 */
export const setAsideRecordOf = (record: SetAsideRecord): OutOfPlanDays => ({ from: record.on, until: addDays(record.on, 1), record: { unitId: record.unitId, type: record.type } });

/**
 * The units' records set aside for good by the undoings among `events` (FindingWithdrawalUndone and
 * WorkPlanItemWithdrawalUndone carry them as `recordsSetAside`, breaker11o P2 / breaker11q P5), as the spans `setAsideBy`
 * skips: what a view folded from those events leaves out. Empty when none.
 */
export function recordsSetAsideIn(events: readonly { readonly type: string; readonly data: unknown }[]): OutOfPlanDays[] {
  return events.flatMap((event) =>
    event.type.endsWith('WithdrawalUndone') ? ((event.data as { recordsSetAside?: readonly SetAsideRecord[] }).recordsSetAside ?? []).map(setAsideRecordOf) : [],
  );
}

/** Whether `event`, a fact of office day `occurredOn`, is a unit's record set aside by one of `spans` (see `OutOfPlanDays`). */
export function setAsideBy(spans: readonly OutOfPlanDays[], event: { readonly type: string; readonly data: unknown }, occurredOn: string): boolean {
  if (spans.length === 0 || !isUnitRecord(event)) return false;
  return spans.some(
    (span) => withinOutOfPlanDays(span, occurredOn) && (span.record === undefined || (span.record.type === event.type && (event.data as { unitId?: string }).unitId === span.record.unitId)),
  );
}

/**
 * Per `recorded` list (weakly), `assignmentsOutside`'s answers by the spans asked (a work-plan item
 * put back in its plan is decided, and its status folded, on its records outside its withdrawn
 * spans at every command: folded once per list, not once per command).
 */
const foldsOutside = new WeakMap<readonly AssignmentEvent[], Map<string, AssignmentsState>>();

/**
 * The parts with the units' own records (`isUnitRecord`) dated inside any of `spans` set aside:
 * every other fact folded in business order as `assignmentsOn` folds them (corrections applied);
 * `state` itself when no such record lies in them. `assignmentsBefore` is one span without end; a
 * work-plan item withdrawn and put back by a later plan version (恢复列入方案) has spans that ended —
 * the records its units made on those days, before the office heard of the withdrawal, count
 * nowhere, before and after the reinstatement alike (breaker11n P1). O(the stream) once per list and spans.
 */
export function assignmentsOutside(state: AssignmentsState, spans: readonly OutOfPlanDays[]): AssignmentsState {
  if (spans.length === 0) return state;
  const key = spans.map((span) => `${span.from}/${span.until ?? ''}/${span.record ? `${span.record.unitId}/${span.record.type}` : ''}`).join(',');
  const kept = foldsOutside.get(state.recorded)?.get(key);
  if (kept) return kept;
  const entries = inBusinessOrder(state.recorded);
  const setAside = (entry: { event: AssignmentEvent; occurredOn: string }) => setAsideBy(spans, entry.event, entry.occurredOn);
  const answer = entries.some(setAside) ? entries.filter((entry) => !setAside(entry)).reduce((folded, entry) => evolveAssignments(folded, entry.event), initialAssignmentsState()) : state;
  const byKey = foldsOutside.get(state.recorded) ?? new Map<string, AssignmentsState>();
  byKey.set(key, answer);
  foldsOutside.set(state.recorded, byKey);
  return answer;
}

/**
 * CONFLICT when a record dated from `from` until before `until` (absent: any later day), set aside
 * by a withdrawal on `from` (see `assignmentsBefore`), would not hold counted again — folded in
 * business order with every record, a fact entered late before the withdrawal stands in its way
 * (a report answering nothing, a second report awaiting inspection). The message names the record,
 * its unit and day, and why, between `what` (what would count it again) and `advice` (breaker11j P4,
 * breaker11k P1).
 */
export function requireSetAsideRecordsHold(state: AssignmentsState, from: string, until: string | undefined, what: Bilingual, advice: Bilingual, command: NamesUnits): void {
  const broken = brokenFacts(state.recorded).find((candidate) => candidate.day >= from && (until === undefined || candidate.day < until));
  if (!broken) return;
  const later = LATER_FACT[broken.event.type] ?? say('record', '记录');
  const unit = unitNamed(command, (broken.event.data as { unitId: string }).unitId, broken.day);
  throw conflict(
    `${capitalise(what.en)}: the ${later.en} of ${unit.en} of ${broken.day}, made after the withdrawal, would count again, but no longer holds: ${broken.why.en}. ${advice.en}`,
    `${what.zh}，${unit.zh} ${broken.day} 的${later.zh}（撤销后的记录）将重新计入，但已不再成立：${broken.why.zh}。${advice.zh}`,
  );
}

/**
 * The units' records dated from `from` until before `until` that, folded in business order with every record of `state`,
 * meet a part that no longer allows them (as `requireSetAsideRecordsHold` finds them), each set aside in turn — the first
 * one first, as one that does not hold may be what a later one answers — until every record left holds: what a
 * verification dated before a withdrawal a later version ended sets aside for good when it undoes that withdrawal
 * (breaker11o P2: typed in date order each was refused). CONFLICT as `requireSetAsideRecordsHold` when a fact that is no
 * unit's record would not hold. Empty when all hold.
 */
export function recordsNoLongerHolding(state: AssignmentsState, from: string, until: string, what: Bilingual, command: NamesUnits): SetAsideRecord[] {
  const aside: SetAsideRecord[] = [];
  let folded = state;
  for (let step = 0; step < 256; step += 1) {
    const broken = brokenFacts(folded.recorded).find((candidate) => candidate.day >= from && candidate.day < until);
    if (!broken) return aside;
    if (!isUnitRecord(broken.event)) break;
    const record: SetAsideRecord = { unitId: (broken.event.data as { unitId: string }).unitId, type: broken.event.type, on: broken.day };
    aside.push(record);
    folded = assignmentsOutside(folded, [setAsideRecordOf(record)]);
  }
  requireSetAsideRecordsHold(folded, from, until, what, CORRECT_LATE_RECORDS, command);
  return aside;
}

/** Advice of the refusals of late records that would break the records dated on/after a withdrawal. */
export const CORRECT_LATE_RECORDS = say('Correct the records entered late, before the withdrawal, first.', '请先更正撤销日期之前补录的记录。');

/**
 * A unit's record dated `day`, before the withdrawal of its withdrawn parent (finding or work-plan
 * item), entered after it (breaker11j P4), as both parents decide it: judged first on the parts as
 * they stood with the records dated on/after the withdrawal set aside (`onDay(day, true)`). If that
 * decision verifies no part the withdrawal stands and the record is taken, whatever the later
 * records become: they count nowhere while it stands, and whatever no longer holds once it is taken
 * back or moved later is set aside then (`recordsSetAsideByCorrection`). One that verifies a part
 * means the withdrawal does not stand (`undone` gives the events that take it back): the records
 * dated on/after the withdrawal count again — those that no longer hold (a report made after the
 * pass, before the office heard of it) are set aside for good, named in the undoing (typed in date
 * order each was refused) — and the parts then pass by the whole directory (`handOversDue`), as
 * `CorrectWithdrawal` does. One rule for findings and items (breaker11q P5: items first, findings
 * still refused such a record or the pass). `Then`: the parent's state on a day; `Event`: its
 * stream's events. CONFLICT as those checks.
 */
export function decideBeforeParentWithdrawal<Then extends { readonly assignments: AssignmentsState }, Event extends { readonly type: string }>(
  parent: { readonly assignments: AssignmentsState; readonly withdrawnOn: string },
  day: string,
  rules: {
    readonly onDay: (day: string, setAside?: boolean) => Then;
    readonly decide: (then: Then) => Event[];
    /** The undoing, carrying `recordsSetAside` (FindingWithdrawalUndone / WorkPlanItemWithdrawalUndone.recordsSetAside) when any. */
    readonly undone: (then: Then, decided: readonly Event[], recordsSetAside?: readonly SetAsideRecord[]) => Event[];
    readonly isAssignmentEvent: (event: Event) => event is Event & AssignmentEvent;
  },
  command: NamesUnits,
): Event[] {
  const recordedThen = (decided: readonly Event[]) => decided.filter(rules.isAssignmentEvent).reduce(evolveAssignments, parent.assignments);
  const what = say(`A verification dated ${day}, before the withdrawal, means it does not stand`, `${day} 的核验早于撤销日期，撤销即不成立`);
  const then = rules.onDay(day);
  const setAside = rules.onDay(day, true);
  if (setAside.assignments !== then.assignments) {
    const decided = rules.decide(setAside);
    if (rules.undone(setAside, decided).length === 0) return decided;
    // Judged as typed in date order: on the records before the withdrawal; the later ones that no longer hold are set aside for good.
    const after = recordedThen(decided);
    const recordsSetAside = recordsNoLongerHolding(after, parent.withdrawnOn, '9999-12-31', what, command);
    const counted = recordsSetAside.length === 0 ? after : assignmentsOutside(after, recordsSetAside.map(setAsideRecordOf));
    return [...decided, ...rules.undone(setAside, decided, recordsSetAside), ...(handOversDue(command, counted) as unknown as Event[])];
  }
  const decided = rules.decide(then);
  const undone = rules.undone(then, decided);
  if (undone.length === 0) return decided;
  const after = recordedThen(decided);
  requireSetAsideRecordsHold(after, parent.withdrawnOn, undefined, what, CORRECT_LATE_RECORDS, command);
  // Back on the 台账 / in the plan for good, the parts pass by the reorganisations typed while it was withdrawn (they passed nothing
  // then) in this decision, as the supervisor's undoing does (breaker8k P6: the unit that handed its work over kept it and reported).
  return [...decided, ...undone, ...(handOversDue(command, after) as unknown as Event[])];
}

/**
 * The units' records a correction of a parent's withdrawal of `withdrawnOn` sets aside for good — taken back (撤销有误:
 * `movedTo` absent) or moved to `movedTo` — findings and work-plan items alike: those dated from the withdrawal until
 * before `outAgainOn` (the day the parent is out again: `movedTo`, a plan version's day; absent: never), back in the
 * count, that no longer hold (a report made after the withdrawal, before the office heard of it, that a late record dated
 * before it answers) — typed in date order each was refused (breaker11q P5; breaker11j P4 refused the correction
 * instead). `parentZh`: 问题 / 事项. CONFLICT when a fact that is no unit's record would not hold.
 */
export function recordsSetAsideByCorrection(
  assignments: AssignmentsState,
  withdrawnOn: string,
  outAgainOn: string | undefined,
  movedTo: string | undefined,
  parentZh: string,
  command: NamesUnits,
): SetAsideRecord[] {
  const what = movedTo === undefined ? say('Taking the withdrawal back', `恢复${parentZh}`) : say(`Moving the withdrawal to ${movedTo}`, `将撤销日期更正为 ${movedTo}`);
  return recordsNoLongerHolding(assignments, withdrawnOn, outAgainOn ?? '9999-12-31', what, command);
}

/**
 * The office day a correction of a record is judged on, as a late fact of that day is (breaker8f
 * P2): the later of the record's day as recorded and its corrected day (`YYYY-MM-DD`; '9999-12-31'
 * when the record is not found, so the correction meets a withdrawal and is refused as later work).
 * On a parent withdrawn on `withdrawnOn`, the records it may correct are those dated before the
 * withdrawal — the later ones count nowhere (breaker11j P4) — so the parts are looked at with those
 * set aside. Findings and work-plan items alike (s20 Left 1: items refused every such correction).
 */
export function correctedRecordDay(command: CorrectReportDate | CorrectInspection | CorrectFactDate, assignments: AssignmentsState | undefined, withdrawnOn?: string): string {
  const parts = assignments === undefined ? [] : partsOf(withdrawnOn === undefined ? assignments : assignmentsBefore(assignments, withdrawnOn));
  const later = (days: readonly (string | undefined)[]) => (days.some((day) => day === undefined) ? '9999-12-31' : days.reduce((a, b) => (a! > b! ? a : b))!);
  switch (command.type) {
    case 'CorrectFactDate':
      return later([command.on, command.previousOn]);
    case 'CorrectReportDate': {
      const part = parts.find((candidate) => candidate.unitId === command.unitId);
      return later([command.reportedOn, part?.lastReport?.reportedOn]);
    }
    case 'CorrectInspection': {
      const inspection = parts.flatMap((part) => part.inspections).find((candidate) => candidate.inspectionId === command.inspectionId);
      return later([command.inspectedOn ?? inspection?.inspectedOn, inspection?.inspectedOn]);
    }
  }
}

/** The office day an assignment event's fact happened on (its schema's `occurredOn` field). */
export const factDayOfEvent = (event: AssignmentEvent): string =>
  (event.data as unknown as Record<string, string>)[assignmentEventSchemas[event.type].occurredOn!]!;

/**
 * The parts' earliest fact, corrections applied, in business order (by office day, then as recorded): its event and office
 * day — a 交办 (UnitAssigned), since nothing on a part comes before it, also of a unit taken off since. Undefined when the
 * parent has no part yet. What a parent's own day (a finding's 发现日期) may not follow.
 */
export function firstFactOf(state: AssignmentsState): { readonly event: AssignmentEvent; readonly day: string } | undefined {
  const [first] = inBusinessOrder(state.recorded);
  return first && { event: first.event, day: first.occurredOn };
}

/** The events, corrections applied, by office day then as recorded; `index` is each one's place in `recorded`. */
/**
 * The facts of `recorded` in business order (`byOfficeDay`), corrections applied and left out: each event with its office day
 * (`YYYY-MM-DD`) and its index in `recorded`. O(n log n): for decisions that need it (a plan's re-dating), not for every fold.
 */
export const inBusinessOrderOf = (recorded: readonly AssignmentEvent[]) => inBusinessOrder(recorded);

function inBusinessOrder(recorded: readonly AssignmentEvent[]): { event: AssignmentEvent; occurredOn: string; index: number }[] {
  const entries = recorded.map((event, index) => ({ type: event.type, data: event.data, occurredOn: factDayOfEvent(event), index }));
  return byOfficeDay(withCorrectionsApplied(entries).events).map((entry) => ({
    event: { type: entry.type, data: entry.data } as AssignmentEvent,
    occurredOn: entry.occurredOn,
    index: entry.index,
  }));
}

function evolveParts(state: AssignmentsState, event: AssignmentEvent): AssignmentsState {
  countFoldStep();
  switch (event.type) {
    case 'UnitAssigned': {
      const { unitId, role, dueDate, assignedOn, terms } = event.data;
      const part: AssignmentPart = {
        unitId,
        role,
        dueDate,
        // Frozen: one terms object is kept by every read model holding the part, and a snapshot may write them apart (snapshot-file.ts).
        terms: terms == null ? BY_DATE : Object.freeze(terms),
        assignedOn,
        verifiedOn: null,
        status: 'ASSIGNED',
        extensionRequests: [],
        reportCount: 0,
        lastReport: null,
        inspections: [],
        urgeCount: 0,
        lastReturn: null,
      };
      // Folded by day, the unit took a part here over (a merge or hand-over dated before this 交办, typed after it) before its
      // own 交办's day: as typed, that part joined the 交办's, which kept its record — so here too, as the read side does (s19 P5).
      const held = partOf(state, unitId);
      if (held?.heldSince !== undefined && held.previousHolders?.length) {
        const passed = held.previousHolders.at(-1)!;
        const { heldSince: _since, previousHolders: _holders, heldBefore: _before, ...record } = held;
        const earlier = held.previousHolders.slice(0, -1);
        const holdersThen = holdersBeforeMove(held.heldBefore, passed.unitId);
        const asItsHolderHeldIt: AssignmentPart = {
          ...record,
          unitId: passed.unitId,
          ...(holdersThen.length > 0 ? { heldBefore: holdersThen } : {}),
          ...(earlier.length > 0 ? { heldSince: passed.from, previousHolders: earlier } : {}),
        };
        const joinedPart: AssignmentPart = { ...part, role: held.role === 'LEAD' ? 'LEAD' : role, heldBefore: held.heldBefore, joinedOn: held.heldSince };
        return {
          ...state,
          parts: { ...state.parts, [unitId]: joinedPart },
          joined: { ...state.joined, [passed.unitId]: { part: asItsHolderHeldIt, joinedOn: held.heldSince, successorUnitId: unitId } },
        };
      }
      return { ...state, parts: partsWith(state.parts, unitId, part) };
    }
    case 'ExtensionRequested': {
      const { requestId, requestedDueDate, reason, requestedOn } = event.data;
      return updatePart(state, event.data.unitId, requestedOn, (part) =>
        withLapses({
          ...part,
          // Asked on the day of the pass that verified the part, typed after it: it came before that pass (breaker8s P11) and answers nothing.
          ...(part.status === 'VERIFIED' ? {} : answering(part, { day: requestedOn, what: say('the extension request', '延期申请') })),
          extensionRequests: [...part.extensionRequests, { requestId, requestedDueDate, reason, requestedOn, status: 'PENDING' }],
        }),
      );
    }
    case 'ExtensionGranted':
      // A grant never cuts the date in force (breaker8r P4): overtaken by a return's later date, it leaves that date standing.
      return updatePart(state, event.data.unitId, event.data.decidedOn, (part) => {
        const dueDate = isAfter(event.data.newDueDate, part.dueDate) ? event.data.newDueDate : part.dueDate;
        return { ...grantedBeforeThePass(settleExtension(part, event.data.requestId, 'GRANTED', event.data.decidedOn, event.data.newDueDate), event.data.decidedOn, dueDate), dueDate };
      });
    case 'ExtensionRefused':
      return updatePart(state, event.data.unitId, event.data.decidedOn, (part) => settleExtension(part, event.data.requestId, 'REFUSED', event.data.decidedOn));
    case 'ExtensionRequestWithdrawn': {
      const { requestId, withdrawnOn } = event.data;
      return updatePart(state, event.data.unitId, withdrawnOn, (part) => ({
        ...part,
        // Decided the same day, the decision stands (`decisionOfWithdrawalDay`): the withdrawal answers nothing.
        extensionRequests: part.extensionRequests.map((request) =>
          request.requestId === requestId && !(request.status !== 'WITHDRAWN' && decisionOfWithdrawalDay(request, withdrawnOn)) ? { ...request, status: 'WITHDRAWN', withdrawnOn } : request,
        ),
      }));
    }
    case 'UnitUrged':
      return updatePart(state, event.data.unitId, event.data.urgedOn, (part) => ({
        ...part,
        urgeCount: part.urgeCount + 1,
        lastUrgedOn: part.lastUrgedOn === undefined || event.data.urgedOn > part.lastUrgedOn ? event.data.urgedOn : part.lastUrgedOn,
        // An urging after the verification (entered before the pass was known) answers nothing: the pass stays correctable.
        ...(part.status === 'VERIFIED' ? {} : answering(part, { day: event.data.urgedOn, what: say('the urging', '催办') })),
      }));
    case 'RectificationReported': {
      const { summary, evidence, reportedOn } = event.data;
      return updatePart(state, event.data.unitId, reportedOn, (part) => beforeItsVerification(part, reportedOn) ? reportBeforeThePass(part, event.data) : ({
        ...part,
        ...answering(part, { day: reportedOn, what: say('the report', '报告') }),
        // A standing part's report before the end of its span is progress (进展报送): the part stays open, awaiting no inspection.
        status: isProgressReport(part.terms, part.dueDate, reportedOn) ? 'ASSIGNED' : 'REPORTED',
        reportCount: part.reportCount + 1,
        lastReport: { summary, evidence, reportedOn, answers: returnDay(part), settledBy: null },
      }));
    }
    case 'ReportSentBack':
      return updatePart(state, event.data.unitId, event.data.sentBackOn, (part) => beforeItsVerification(part, event.data.sentBackOn) ? returnBeforeThePass(part, event) : ({
        ...part,
        status: 'RETURNED',
        dueDate: dueDateOnReturn(part, event.data.newDueDate, event.data.sentBackOn),
        lastReturn: { cause: 'SENT_BACK', reason: event.data.reason, returnedOn: event.data.sentBackOn },
        lastReport: settle(part.lastReport, { day: event.data.sentBackOn, what: say('the send-back that returned it', '退回该报告的退办日期') }),
      }));
    case 'InspectionLogged': {
      const { inspectionId, outcome, inspectedOn } = event.data;
      // As a fold has it, a corrected inspection keeps the inspector's notes; the return reads what failed (newcomer46-8 M2).
      const notes = whatFailed(event.data);
      return updatePart(state, event.data.unitId, inspectedOn, (part) => {
        if (outcome === 'FAILED' && beforeItsVerification(part, inspectedOn)) return returnBeforeThePass(part, event);
        const inspections = [...part.inspections, { inspectionId, outcome, inspectedOn, dueDateBefore: part.dueDate, returnBefore: part.lastReturn }];
        const lastReport = settle(part.lastReport, checkedBy(inspectedOn));
        return outcome === 'PASSED'
          ? withLapses({ ...part, inspections, lastReport, status: 'VERIFIED', verifiedOn: inspectedOn, lastInspectionAnsweredBy: null })
          : {
              ...part,
              inspections,
              lastReport,
              lastInspectionAnsweredBy: null,
              status: 'RETURNED',
              dueDate: dueDateOnReturn(part, event.data.newDueDate, inspectedOn),
              lastReturn: { cause: 'INSPECTION_FAILED', reason: notes, returnedOn: inspectedOn, inspectionId },
            };
      });
    }
    case 'ReportDateCorrected':
      return updatePart(state, event.data.unitId, event.data.previousReportedOn, (part) => ({
        ...part,
        lastReport: part.lastReport && { ...part.lastReport, reportedOn: event.data.reportedOn },
      }));
    case 'InspectionCorrected': {
      const { inspectionId, outcome, inspectedOn, reason } = event.data;
      return updatePart(state, event.data.unitId, event.data.previousInspectedOn, (part) => {
        const corrected = part.inspections.find((inspection) => inspection.inspectionId === inspectionId);
        const returnedByIt = (note: ReturnNote | null | undefined) => note?.cause === 'INSPECTION_FAILED' && note.inspectionId === inspectionId;
        // A failure corrected away takes its return with it (breaker8 agreement seed 3: its day, left as the last return, kept the
        // part unverified by day after the pass, so a join dated later kept the wrong record): the return before it stands again,
        // on the part and wherever a later failure remembers it.
        const passedNow = outcome === 'PASSED';
        const returnInstead = corrected?.returnBefore ?? null;
        const inspections = part.inspections.map((inspection) =>
          inspection.inspectionId === inspectionId
            ? { ...inspection, inspectionId, outcome, inspectedOn, ...(event.data.previousOutcome === 'PASSED' && !passedNow ? { returnBefore: part.lastReturn } : {}) }
            : passedNow && returnedByIt(inspection.returnBefore) ? { ...inspection, returnBefore: returnInstead } : inspection,
        );
        const lastReport = part.lastReport && { ...part.lastReport, settledBy: checkedBy(inspectedOn) };
        // A failure corrected away takes its new due date with it: the part is due as before it.
        const dueDate = event.data.previousOutcome === 'FAILED' ? (corrected?.dueDateBefore ?? part.dueDate) : part.dueDate;
        return passedNow
          ? withLapses({ ...part, inspections, lastReport, dueDate, status: 'VERIFIED', verifiedOn: inspectedOn, lastReturn: returnedByIt(part.lastReturn) ? returnInstead : part.lastReturn })
          : withLapses({
              ...part,
              inspections,
              lastReport,
              status: 'RETURNED',
              dueDate: dueDateOnReturn(part, event.data.newDueDate, inspectedOn),
              verifiedOn: null,
              lastReturn: { cause: 'INSPECTION_FAILED', reason, returnedOn: inspectedOn, inspectionId },
            });
      });
    }
    case 'PartsReopened': {
      // The server's reopening of the other parts stands only while its cause still found the parent closed (h54b).
      if (event.data.foundClosed && !foundClosedHolds(state, event.data.reopenedOn)) return state;
      const only = event.data.unitIds;
      const reopened = partsOf(state).map((part): AssignmentPart =>
        // A part that never reported still simply awaits its first report; one the reopening does not name keeps its progress.
        part.status === 'ASSIGNED' || (only !== undefined && !namedPart(only, part, state))
          ? part
          : {
              ...part,
              status: 'RETURNED',
              dueDate: dueDateOnReturn(part, event.data.newDueDate, event.data.reopenedOn),
              verifiedOn: null,
              lastReturn: { cause: 'PARTS_REOPENED', reason: event.data.reason, returnedOn: event.data.reopenedOn, inspectionsBefore: part.inspections.length },
            },
      );
      return { ...state, parts: Object.fromEntries(reopened.map((part) => [part.unitId, part])), reopenedOn: event.data.reopenedOn };
    }
    case 'PartHandedOver':
      return handOver(state, event.data.unitId, event.data.successorUnitId, event.data.handedOverOn);
    case 'PartHandOverUndone':
      return handOverUndone(state, event.data.unitId, event.data.successorUnitId, event.data.handedOverOn);
    case 'PartRoleChanged': {
      const part = state.parts[event.data.unitId];
      return part ? { ...state, parts: partsWith(state.parts, part.unitId, { ...part, role: event.data.role }) } : state;
    }
    case 'UnitUnassigned': {
      // Verified work stays on the record: a removal stored before plan changes refused it is read as keeping it (breaker8c P14).
      // A report awaiting inspection keeps the part on too (h57a, breaker55-8 S2): the removal, judged on its day, is remembered so
      // that a return dated before it, entered later, takes the part off as of that day (`updatePart`).
      const { unitId, unassignedOn, reason } = event.data;
      const part = partOf(state, unitId);
      if (!part) return state;
      if (keptByRemoval(part)) return { ...state, removalsKept: { ...state.removalsKept, [unitId]: { unassignedOn, reason } } };
      const { [unitId]: _unassigned, ...others } = state.parts;
      return { ...state, parts: others, removed: { ...state.removed, [unitId]: { part, unassignedOn, reason } } };
    }
    case 'PartsRescheduled': {
      const { previousDueDate, dueDate, terms, unitIds } = event.data;
      const moved = partsOf(state).map((part): AssignmentPart =>
        part.status !== 'VERIFIED' && part.dueDate === previousDueDate && (unitIds === undefined || namedPart(unitIds, part, state)) ? { ...part, dueDate, terms: terms == null ? part.terms : Object.freeze(terms) } : part,
      );
      return { ...state, parts: Object.fromEntries(moved.map((part) => [part.unitId, part])) };
    }
    case 'FactDateCorrected':
    case 'RecordRetracted':
      // Applied to the fact it corrects (`refolded`); folded in business order it is left out.
      return state;
    default:
      return unreachable(event);
  }
}

/**
 * Whether a decision naming the units `unitIds` (a partial reopening, a plan's re-dating) is about
 * `part`: its unit is named, or a unit that held its record before it and holds no part of its own
 * here — the decision named the part by its holder then, and a hand-over dated earlier, entered
 * after it, has passed it on since (breaker8f P11): now as folded by day.
 */
function namedPart(unitIds: readonly string[], part: AssignmentPart, state: AssignmentsState): boolean {
  if (unitIds.includes(part.unitId)) return true;
  return part.previousHolders?.some((held) => unitIds.includes(held.unitId) && !partOf(state, held.unitId)) ?? false;
}

/**
 * Whether a part joining `successorPart` on office day `day` carries the joined part's work from then
 * on: the successor's part stood further on at the end of that day (`workDoneOn`: reported, or
 * verified) than the joining part — the open work passes, and the successor's record is set aside
 * (its record stays in the history), so a 机构改革 never closes a finding or completes an item with
 * the joining unit's work not inspected (breaker8g P18), and a report made for the successor's own
 * share does not answer the joining unit's unreported, perhaps overdue, share (breaker8n P1: the
 * successor reports for both). Otherwise the join keeps the successor's record. Judged by day, so
 * folded as recorded and folded by day the same join keeps the same record.
 */
export function joinsOpenWork(part: AssignmentPart, successorPart: AssignmentPart, day: string): boolean {
  return workDoneOn(part, day) < workDoneOn(successorPart, day);
}

/**
 * How far the part's work stood at the end of office day `day` (`WorkDone`): 2 verified
 * (`stoodVerifiedOn`), 1 its last report dated on or before the day and not settled by then (no
 * send-back, inspection or reopening dated on or before the day answered it), 0 otherwise — it owes
 * a report. Pure, O(inspections). The decider's reading of the views' `workDoneAsOf`.
 */
export function workDoneOn(part: AssignmentPart, day: string): WorkDone {
  if (stoodVerifiedOn(part, day)) return 2;
  const report = part.lastReport;
  if (!report || report.reportedOn > day) return 0;
  if (report.settledBy && report.settledBy.day <= day) return 0;
  const back = part.lastReturn;
  return back && back.returnedOn <= day && back.returnedOn >= report.reportedOn && back.cause === 'PARTS_REOPENED' ? 0 : 1;
}

/**
 * Whether the part stood verified at the end of office day `day`: a passed inspection dated on or
 * before it, and no failed inspection or return dated after that pass by then (a reopening on the
 * pass's own day comes after it) — the decider's reading of the views' `verifiedAsOf`.
 */
export function stoodVerifiedOn(part: AssignmentPart, day: string): boolean {
  let passed: string | null = null;
  let passIndex = -1;
  for (const [index, inspection] of part.inspections.entries()) {
    // Of one day's passes the one entered last (the inspections are in the order entered).
    if (inspection.outcome === 'PASSED' && inspection.inspectedOn <= day && (passed === null || inspection.inspectedOn >= passed)) {
      passed = inspection.inspectedOn;
      passIndex = index;
    }
  }
  if (passed === null) return false;
  const since = passed;
  if (part.inspections.some((inspection) => inspection.outcome === 'FAILED' && inspection.inspectedOn > since && inspection.inspectedOn <= day)) return false;
  const back = part.lastReturn;
  // A reopening of the pass's own day undoes it when entered after it (as both folds order one day's facts, agreement walk seed 11).
  const reopenedAfterPass = (note: ReturnNote) => note.cause === 'PARTS_REOPENED' && (note.inspectionsBefore === undefined || note.inspectionsBefore > passIndex);
  return !(back && back.returnedOn <= day && (back.returnedOn > since || (back.returnedOn === since && reopenedAfterPass(back))));
}

/**
 * The part moves to its successor, or joins the successor's own part, leading if either led: the
 * joined part keeps the successor's record, or, when the successor's part stood verified that day and
 * this one did not, this part's (the successor's is set aside: `joinsOpenWork`).
 */
function handOver(state: AssignmentsState, unitId: string, successorUnitId: string, handedOverOn: string): AssignmentsState {
  const part = partOf(state, unitId);
  if (!part) return state;
  const { [unitId]: _handedOver, ...others } = state.parts;
  // The successor passed the part it held that day on since (a later reorganisation typed first): the part joins that one, wherever it is now (breaker8h P6).
  const heldThen = partPassedOnAfter(state, successorUnitId, handedOverOn);
  if (heldThen && !joinsOpenWork(part, heldThen.asHeldThen, handedOverOn)) {
    const into = heldThen.part;
    // Listed before the successor when the successor's own record joined `into` later (by day the part passed through it first).
    const successorAt = into.heldBefore?.indexOf(successorUnitId) ?? -1;
    const before = into.heldBefore ?? [];
    const joining = [...(part.heldBefore ?? []), unitId];
    const joinedInto: AssignmentPart = {
      ...into,
      role: part.role === 'LEAD' ? 'LEAD' : into.role,
      heldBefore: successorAt >= 0 && (into.previousHolders ?? []).every((held) => held.unitId !== successorUnitId) ? [...before.slice(0, successorAt), ...joining, ...before.slice(successorAt)] : [...before, ...joining],
      joinedOn: into.joinedOn !== undefined && into.joinedOn > handedOverOn ? into.joinedOn : handedOverOn,
    };
    const { [into.unitId]: _into, ...rest } = others;
    return {
      ...state,
      parts: { ...rest, [into.unitId]: joinedInto },
      passedOn: { ...state.passedOn, [unitId]: handedOverOn },
      joined: { ...state.joined, [unitId]: { part, joinedOn: handedOverOn, successorUnitId, into: partBeforeJoin(into) } },
    };
  }
  const successorPart = partOf(state, successorUnitId);
  const heldBefore = [...(part.heldBefore ?? []), unitId];
  if (successorPart && joinsOpenWork(part, successorPart, handedOverOn)) {
    const carried: AssignmentPart = {
      ...part,
      unitId: successorUnitId,
      role: part.role === 'LEAD' ? 'LEAD' : successorPart.role,
      heldBefore: [...(successorPart.heldBefore ?? []), ...heldBefore],
      heldSince: handedOverOn,
      joinedOn: handedOverOn,
      previousHolders: [...(part.previousHolders ?? []), { unitId, from: part.heldSince ?? part.assignedOn, until: handedOverOn }],
    };
    // What undoing the carry restores of the joining part (`JoinedPart.carried`).
    const was = { unitId, role: part.role, ...(part.heldBefore === undefined ? {} : { heldBefore: part.heldBefore }), ...(part.joinedOn === undefined ? {} : { joinedOn: part.joinedOn }) };
    const setAside = { ...state.setAside, [successorUnitId]: { part: successorPart, joinedOn: handedOverOn, successorUnitId, carried: was } };
    return { ...state, parts: { ...others, [successorUnitId]: carried }, passedOn: { ...state.passedOn, [unitId]: handedOverOn }, setAside };
  }
  // Into a part that moved to the successor earlier the same day (two papers of one day, no order between them: breaker8l
  // P11): the joined part keeps the record `keepsJoiningRecord` names, listed first, whichever paper was typed first.
  // Weighed by each record's own role, not the one the day's joins gave the peer (time2's s24 Left 1).
  const peer = successorPart && sameDayPeer(state, successorPart, handedOverOn);
  const peerRole = peer && ownRoleOnTheDay(peer.unitId, successorPart!.role, sameDaySteps(state, successorUnitId, handedOverOn));
  if (successorPart && peer && peerRole && keepsJoiningRecord({ ...part, unitId, done: workDoneOn(part, handedOverOn) }, { ...successorPart, unitId: peer.unitId, role: peerRole, done: workDoneOn(successorPart, handedOverOn) })) {
    const earlier = successorPart.previousHolders!.slice(0, -1);
    const { heldSince: _since, joinedOn: _joined, ...rest } = successorPart;
    // The record's own earlier holders come before its unit; the parts that joined it that day after (breaker8m P2).
    const holders = successorPart.heldBefore ?? [];
    const peerRecord: AssignmentPart = {
      ...rest,
      unitId: peer.unitId,
      previousHolders: earlier,
      heldBefore: holders.slice(0, Math.max(0, holders.lastIndexOf(peer.unitId))),
      ...(earlier.length > 0 ? { heldSince: peer.from } : {}),
    };
    const joinedThatDay = successorPart.joinedOn === undefined ? {} : { successor: { role: successorPart.role, heldBefore: holders, joinedOn: successorPart.joinedOn } };
    const kept: AssignmentPart = {
      ...part,
      unitId: successorUnitId,
      role: part.role === 'LEAD' || successorPart.role === 'LEAD' ? 'LEAD' : part.role,
      heldBefore: [...heldBefore, ...(successorPart.heldBefore ?? [])],
      heldSince: handedOverOn,
      joinedOn: handedOverOn,
      previousHolders: [...(part.previousHolders ?? []), { unitId, from: part.heldSince ?? part.assignedOn, until: handedOverOn }],
    };
    return {
      ...state,
      parts: { ...others, [successorUnitId]: kept },
      passedOn: { ...state.passedOn, [unitId]: handedOverOn },
      joined: { ...state.joined, [peer.unitId]: { part: peerRecord, joinedOn: handedOverOn, successorUnitId, keptInstead: { unitId, role: part.role, ...joinedThatDay } } },
    };
  }
  const moved: AssignmentPart = successorPart
    ? {
        ...successorPart,
        role: part.role === 'LEAD' ? 'LEAD' : successorPart.role,
        heldBefore: holdersByDay(state, successorPart.heldBefore ?? [], heldBefore, handedOverOn),
        joinedOn: successorPart.joinedOn !== undefined && successorPart.joinedOn > handedOverOn ? successorPart.joinedOn : handedOverOn,
      }
    : {
        ...part,
        unitId: successorUnitId,
        heldBefore,
        heldSince: handedOverOn,
        previousHolders: [...(part.previousHolders ?? []), { unitId, from: part.heldSince ?? part.assignedOn, until: handedOverOn }],
      };
  const joined = successorPart ? { joined: { ...state.joined, [unitId]: { part, joinedOn: handedOverOn, successorUnitId, into: partBeforeJoin(successorPart) } } } : {};
  return { ...state, parts: { ...others, [successorUnitId]: moved }, passedOn: { ...state.passedOn, [unitId]: handedOverOn }, ...joined };
}

/**
 * The successor's earlier holders with a joining part's (`joining`, its unit last) added as by day: before the units whose
 * parts joined on a later day (typed before), as the fold by day lists them (walk seed 4: b's second part joined a's on
 * 05-02, typed after c's joined it on 05-20 — was: c before b here, b before c by day). O(holders).
 */
function holdersByDay(state: AssignmentsState, before: readonly string[], joining: readonly string[], day: string): string[] {
  const at = before.findIndex((unitId) => state.passedOn !== undefined && Object.hasOwn(state.passedOn, unitId) && state.passedOn[unitId]! > day);
  return at < 0 ? [...before, ...joining] : [...before.slice(0, at), ...joining, ...before.slice(at)];
}

/** What undoing a join restores of the part joined (`JoinedPart.into`). */
const partBeforeJoin = (part: AssignmentPart): NonNullable<JoinedPart['into']> => ({
  unitId: part.unitId,
  role: part.role,
  ...(part.heldBefore === undefined ? {} : { heldBefore: part.heldBefore }),
  ...(part.joinedOn === undefined ? {} : { joinedOn: part.joinedOn }),
});

/**
 * The unit whose part moved into `part` on office day `day` (its last step, a move; others' parts may have joined it that same
 * day), when the successor held no part of its own before: a part joining it that day is its peer (`keepsJoiningRecord`,
 * breaker8l P11) — the record kept for the day's papers so far, so the third paper of a day is weighed too (breaker8m P2:
 * typed A, C, B, C's record stood over B's earlier due date). None when a part joined it on another day, or the successor's
 * own verified part was set aside that day (a carried join: the successor held a part).
 */
function sameDayPeer(state: AssignmentsState, part: AssignmentPart, day: string): PreviousHolder | undefined {
  const last = part.previousHolders?.at(-1);
  if (!last || last.until !== day || part.heldSince !== day || (part.joinedOn !== undefined && part.joinedOn !== day)) return undefined;
  const carried = state.setAside && Object.hasOwn(state.setAside, part.unitId) && state.setAside[part.unitId]!.joinedOn === day;
  return carried ? undefined : last;
}

/**
 * The steps of office day `day`'s papers into `successorUnitId`'s part (`SameDayStep`): each record kept over another, with the
 * role it came with, and each part that joined the record kept so far, with that record's role just before. O(joined).
 */
function sameDaySteps(state: AssignmentsState, successorUnitId: string, day: string): SameDayStep[] {
  const steps: SameDayStep[] = [];
  for (const entry of Object.values(state.joined ?? {})) {
    if (entry.successorUnitId !== successorUnitId || entry.joinedOn !== day) continue;
    if (entry.keptInstead) steps.push({ kept: { unitId: entry.keptInstead.unitId, role: entry.keptInstead.role } });
    else if (entry.into) steps.push({ recordRole: entry.into.role });
  }
  return steps;
}

/**
 * The part that now carries the record the successor got on the hand-over's own day (moved in from another unit that day) and
 * passed on since, when the same-day rule (`keepsJoiningRecord`) keeps the joining part's record over it: by date the two met in
 * the successor that day, and the joining record is the one the joined part goes on with. Joined where it is now, the record
 * that moved first stayed (fuzz p:1852 run 1: U0's record passed U2→U3 on 10-01 and U3→U4 on 2017-03-01, all typed before U1's
 * row, whose hand-over to U3 on 10-01 due 10-31 then joined U4's part due 12-31 — the live views kept 12-31, the by-day fold
 * 10-31). `successorStepsAfterDay` makes room in it: the steps after the day come off, the hand-over meets the record, they are
 * done again. Undefined otherwise (no such record, or one with joins: those are `roomAmongJoins`'). O(parts × holders).
 */
function sameDayRecordPassedOn(command: Pick<HandOverPart, 'unitId' | 'successorUnitId' | 'handedOverOn'>, state: AssignmentsState): AssignmentPart | undefined {
  const joining = partOf(state, command.unitId);
  const heldThen = joining && partPassedOnAfter(state, command.successorUnitId, command.handedOverOn);
  if (!joining || !heldThen || heldThen.asHeldThen.heldSince !== command.handedOverOn || heldThen.part.joinedOn !== undefined) return undefined;
  const holders = heldThen.part.previousHolders ?? [];
  const at = holders.findIndex((held) => held.unitId === command.successorUnitId && held.from === command.handedOverOn);
  const movedIn = at > 0 ? holders[at - 1] : undefined;
  if (!movedIn || movedIn.until !== command.handedOverOn) return undefined;
  const day = command.handedOverOn;
  return keepsJoiningRecord({ ...joining, unitId: command.unitId, done: workDoneOn(joining, day) }, { ...heldThen.part, unitId: movedIn.unitId, done: workDoneOn(heldThen.asHeldThen, day) }) ? heldThen.part : undefined;
}

/**
 * The part `unitId` held on office day `day` and passed on after it, as that unit held it then
 * (`asHeldThen`), and the part that carries it now (`part`): what a hand-over into `unitId` dated
 * `day` joins, wherever it is now — folded by day the unit still held it. Moved by a later hand-over
 * or merge (breaker8h P6), or joined, after the day, into another unit's own part, which kept its
 * own record (breaker8k P4/P2: the merge S→X typed before the hand-over A→S dated earlier; by date
 * A's part joins S's, and goes on with it into X's), or moved on and then, inside the record it moved
 * into, joined another's (breaker8l P2/P3: S→X, then X→Y with Y's own part). Undefined when the unit
 * holds a part here itself, or held none that day. O(parts × holders + joined × holders).
 */
export function partPassedOnAfter(state: AssignmentsState, unitId: string, day: string): { readonly part: AssignmentPart; readonly asHeldThen: AssignmentPart } | undefined {
  if (partOf(state, unitId)) return undefined;
  for (const part of partsOf(state)) {
    const held = part.previousHolders?.find((earlier) => earlier.unitId === unitId && earlier.from <= day && day < earlier.until);
    if (held) return { part, asHeldThen: { ...part, unitId, heldSince: held.from } };
  }
  const into = () => partsOf(state).find((part) => part.heldBefore?.includes(unitId));
  const joined = state.joined && Object.hasOwn(state.joined, unitId) ? state.joined[unitId]! : undefined;
  if (joined) {
    if (!isAfter(joined.joinedOn, day) || isAfter(joined.part.heldSince ?? joined.part.assignedOn, day)) return undefined;
    const part = into();
    return part && { part, asHeldThen: joined.part };
  }
  // Moved on after the day into a unit whose record then joined another's own (a chain S→X→Y, Y with its own part, typed
  // before the hand-over into S: breaker8l P2, P3): the record S held that day is inside the one X joined with.
  for (const entry of Object.values(state.joined ?? {})) {
    const held = entry.part.previousHolders?.find((earlier) => earlier.unitId === unitId && earlier.from <= day && day < earlier.until);
    if (!held || !isAfter(entry.joinedOn, day)) continue;
    const part = into();
    return part && { part, asHeldThen: { ...entry.part, unitId, heldSince: held.from } };
  }
  return undefined;
}

/**
 * Whether the part's last step (its hand-over on `heldSince`) carried open work into the verified
 * part its holder had then (`joinsOpenWork`, breaker8g P18): a join, undone by a PartHandOverUndone only through
 * `carryUndone` (the set-aside record comes back; a plain undo would drop it, breaker8h P4).
 */
export function carriedJoin(state: AssignmentsState, part: AssignmentPart): boolean {
  const aside = state.setAside && Object.hasOwn(state.setAside, part.unitId) ? state.setAside[part.unitId]! : undefined;
  return aside !== undefined && part.heldSince !== undefined && aside.joinedOn === part.heldSince && part.previousHolders?.at(-1)?.until === part.heldSince;
}

/**
 * A moved part's earlier holders as they stood before `unitId` passed it on: `heldBefore` without its last `unitId` (the move
 * appended it). The units whose parts had joined it before it moved stay listed (fuzz p:4301 run 0: they were dropped when the
 * part had no earlier holder of its own).
 */
function holdersBeforeMove(heldBefore: readonly string[] | undefined, unitId: string): readonly string[] {
  const at = (heldBefore ?? []).lastIndexOf(unitId);
  return at < 0 ? (heldBefore ?? []) : [...heldBefore!.slice(0, at), ...heldBefore!.slice(at + 1)];
}

/**
 * The part `successorUnitId` took over from `unitId` on `handedOverOn` is `unitId`'s again, as it
 * was before it passed, with everything folded into it since (PartHandOverUndone). Anything else
 * (the part passed on again, or joined the successor's own) is left as it is.
 */
function handOverUndone(state: AssignmentsState, unitId: string, successorUnitId: string, handedOverOn: string): AssignmentsState {
  const part = partOf(state, successorUnitId);
  const passed = part?.previousHolders?.at(-1);
  const uncarried = part && carryUndone(state, part, unitId, handedOverOn);
  if (uncarried) return uncarried;
  if (!part || part.heldSince !== handedOverOn || passed?.unitId !== unitId || passed.until !== handedOverOn) return joinUndone(state, unitId, successorUnitId, handedOverOn);
  const { [successorUnitId]: _undone, ...others } = state.parts;
  const { heldSince: _since, previousHolders, heldBefore, ...rest } = part;
  const earlier = previousHolders!.slice(0, -1);
  const holdersBack = holdersBeforeMove(heldBefore, unitId);
  const back: AssignmentPart = {
    ...rest,
    unitId,
    ...(holdersBack.length > 0 ? { heldBefore: holdersBack } : {}),
    ...(earlier.length > 0 ? { heldSince: passed.from, previousHolders: earlier } : {}),
  };
  const { [unitId]: _passedOn, ...stillPassed } = state.passedOn ?? {};
  // Its record was kept instead of one that had moved into the successor earlier that day (`JoinedPart.keptInstead`): that one
  // is the successor's again, as it stood, and the unit's part has its own role back (breaker8m P1).
  const setAsideThatDay = Object.entries(state.joined ?? {}).find(([, entry]) => entry.keptInstead?.unitId === unitId && entry.successorUnitId === successorUnitId && entry.joinedOn === handedOverOn);
  if (setAsideThatDay && !Object.hasOwn(others, unitId)) {
    const [peerId, entry] = setAsideThatDay;
    const { [peerId]: _aside, ...stillJoined } = state.joined!;
    // With the parts that had joined it that day before the kept one came (breaker8m P2): as the successor's part stood.
    const stood = entry.keptInstead!.successor;
    const movedIn: AssignmentPart = {
      ...entry.part,
      unitId: successorUnitId,
      ...(stood === undefined ? { heldBefore: [...(entry.part.heldBefore ?? []), peerId] } : { role: stood.role, heldBefore: stood.heldBefore ?? [], ...(stood.joinedOn === undefined ? {} : { joinedOn: stood.joinedOn }) }),
      heldSince: handedOverOn,
      previousHolders: [...(entry.part.previousHolders ?? []), { unitId: peerId, from: entry.part.heldSince ?? entry.part.assignedOn, until: handedOverOn }],
    };
    // The kept record listed its own earlier holders, the unit, then the set-aside record's holders and that record's unit.
    const ownHolders = (part.heldBefore ?? []).slice(0, Math.max(0, (part.heldBefore ?? []).length - (movedIn.heldBefore!.length + 1)));
    const { joinedOn: _joinedOn, heldBefore: _heldBefore, ...own } = back;
    const restored: AssignmentPart = { ...own, role: entry.keptInstead!.role, ...(ownHolders.length > 0 ? { heldBefore: ownHolders } : {}) };
    return { ...state, parts: { ...others, [unitId]: restored, [successorUnitId]: movedIn }, passedOn: stillPassed, joined: stillJoined };
  }
  // The unit holds another record that reached it since (handed to it on or after the undone day, typed before the undo): by day
  // that record joined the one coming back, on its own day — carried when it brings open work into a verified one (breaker8k P7,
  // breaker8j P8: the held record was dropped here, and the read side kept it; the two folds listed the holders apart).
  const held = Object.hasOwn(others, unitId) ? others[unitId]! : undefined;
  if (!held) return { ...state, parts: { ...others, [unitId]: back }, passedOn: stillPassed };
  const day = held.heldSince ?? held.assignedOn;
  const role: AssignmentRole = held.role === 'LEAD' || back.role === 'LEAD' ? 'LEAD' : back.role;
  const heldBeforeBoth = [...(back.heldBefore ?? []), ...(held.heldBefore ?? [])];
  if (joinsOpenWork(held, back, day)) {
    const carried: AssignmentPart = { ...held, role, heldBefore: heldBeforeBoth, joinedOn: day };
    return { ...state, parts: { ...others, [unitId]: carried }, passedOn: stillPassed, setAside: { ...state.setAside, [unitId]: { part: back, joinedOn: day, successorUnitId: unitId } } };
  }
  const joinedInto: AssignmentPart = { ...back, role, heldBefore: heldBeforeBoth, joinedOn: back.joinedOn !== undefined && back.joinedOn > day ? back.joinedOn : day };
  const from = held.previousHolders?.at(-1);
  const joined = from ? { joined: { ...state.joined, [from.unitId]: { part: { ...held, unitId: from.unitId }, joinedOn: day, successorUnitId: unitId } } } : {};
  return { ...state, parts: { ...others, [unitId]: joinedInto }, passedOn: stillPassed, ...joined };
}

/**
 * A carried join undone (PartHandOverUndone of the step that carried `unitId`'s open part into `part`'s holder on office day
 * `on`, `JoinedPart.carried`): the carried part is the unit's again — with its role, earlier holders and latest join as before,
 * and every fact of its days entered since — and the holder's set-aside record is its part again, as it stands with the facts
 * of its own days entered since. Undefined when `part` is no such carry (a move, a kept join, or the carry `handOverUndone`
 * makes when a record comes back to a unit holding another: that one keeps no reading of the joining part, and is not undone).
 */
function carryUndone(state: AssignmentsState, part: AssignmentPart, unitId: string, on: string): AssignmentsState | undefined {
  const aside = state.setAside && Object.hasOwn(state.setAside, part.unitId) ? state.setAside[part.unitId]! : undefined;
  const was = aside?.carried;
  if (!aside || !was || was.unitId !== unitId || aside.joinedOn !== on || !carriedJoin(state, part) || part.previousHolders?.at(-1)?.unitId !== unitId || partOf(state, unitId)) return undefined;
  const passed = part.previousHolders.at(-1)!;
  const earlier = part.previousHolders.slice(0, -1);
  const { heldSince: _since, previousHolders: _holders, heldBefore: _before, joinedOn: _joinedOn, ...rest } = part;
  const back: AssignmentPart = {
    ...rest,
    unitId,
    role: was.role,
    ...(was.heldBefore === undefined ? {} : { heldBefore: was.heldBefore }),
    ...(was.joinedOn === undefined ? {} : { joinedOn: was.joinedOn }),
    ...(earlier.length > 0 ? { heldSince: passed.from, previousHolders: earlier } : {}),
  };
  const { [part.unitId]: _aside, ...stillAside } = state.setAside!;
  const { [unitId]: _passedOn, ...stillPassed } = state.passedOn ?? {};
  return { ...state, parts: { ...state.parts, [part.unitId]: aside.part, [unitId]: back }, passedOn: stillPassed, setAside: stillAside };
}

/**
 * The join of `unitId`'s part into the part `successorUnitId` held on `joinedOn` (a hand-over or merge to a unit holding a part
 * here, `JoinedPart`) undone (PartHandOverUndone of a join, breaker8l P13): the joining part is the unit's again, as it stood
 * with every fact of its days entered since, and the part it joined reads as just before (role, earlier holders, latest join).
 * Only the unit's latest join, still where it went (not passed on since), and not a carried join (`setAside`): otherwise
 * unchanged, as every PartHandOverUndone recorded before joins were undone was a move.
 */
function joinUndone(state: AssignmentsState, unitId: string, successorUnitId: string, joinedOn: string): AssignmentsState {
  const entry = state.joined && Object.hasOwn(state.joined, unitId) ? state.joined[unitId]! : undefined;
  if (!entry?.into || entry.joinedOn !== joinedOn || entry.successorUnitId !== successorUnitId || partOf(state, unitId)) return state;
  const into = partOf(state, entry.into.unitId);
  if (!into?.heldBefore?.includes(unitId)) return state;
  const { heldBefore: _before, joinedOn: _joinedOn, ...rest } = into;
  const restored: AssignmentPart = {
    ...rest,
    role: entry.into.role,
    ...(entry.into.heldBefore === undefined ? {} : { heldBefore: entry.into.heldBefore }),
    ...(entry.into.joinedOn === undefined ? {} : { joinedOn: entry.into.joinedOn }),
  };
  const { [unitId]: _joined, ...stillJoined } = state.joined!;
  const { [unitId]: _passedOn, ...stillPassed } = state.passedOn ?? {};
  return { ...state, parts: { ...state.parts, [into.unitId]: restored, [unitId]: entry.part }, passedOn: stillPassed, joined: stillJoined };
}

/**
 * Events are facts already checked by `decide`; one about an unknown unit leaves the state as is.
 * A fact of a unit dated while it held a part now another's (机构改革, entered late) moves that part.
 * One dated before a removal (移除单位), entered after it, changes the part as it stood: left verified or awaiting inspection,
 * the part is back on the parent (`removalsKept`); on a part a removal kept on, one that leaves it neither takes it off again,
 * as of the removal's day (h57a, breaker55-8 S2) — as date order, folding the removal after it, has it.
 */
function updatePart(
  state: AssignmentsState,
  unitId: string,
  day: string,
  change: (part: AssignmentPart) => AssignmentPart,
): AssignmentsState {
  const aside = setAsidePartOn(state, unitId, day);
  if (aside) return { ...state, setAside: { ...state.setAside, [unitId]: { ...aside, part: change(aside.part) } } };
  const joinedThen = joinedPartOn(state, unitId, day);
  if (joinedThen) return { ...state, joined: { ...state.joined, [unitId]: { ...joinedThen, part: change(joinedThen.part) } } };
  const key = partHeldOn(state, unitId, day)?.key;
  const part = key === undefined ? undefined : partOf(state, key);
  if (part) {
    const changed = change(part);
    // A fact dated before a removal that kept the part on, entered later, that leaves it neither awaiting inspection nor verified
    // (a send-back or failed inspection of the report that kept it): by date the removal found it open and took it off (h57a).
    const kept = part.unitId === unitId ? removalKeptAfter(state, unitId, day) : undefined;
    if (!kept || keptByRemoval(changed)) return { ...state, parts: partsWith(state.parts, part.unitId, changed) };
    const { [unitId]: _off, ...others } = state.parts;
    const { [unitId]: _kept, ...stillKept } = state.removalsKept!;
    return { ...state, parts: others, removed: { ...state.removed, [unitId]: { part: changed, ...kept } }, removalsKept: stillKept };
  }
  const gone = removedPartOn(state, unitId, day);
  if (!gone) return state;
  const changed = change(gone.part);
  const { [unitId]: _gone, ...stillRemoved } = state.removed!;
  // Verified, or its report awaiting inspection, by the day it was taken off: the removal, judged on its day, left it on (the
  // report entered late is inspected, breaker55-8 S2) — remembered, as date order remembers it (`removalsKept`).
  if (keptByRemoval(changed)) {
    const { unassignedOn, reason } = gone;
    return { ...state, parts: { ...state.parts, [unitId]: changed }, removed: stillRemoved, removalsKept: { ...state.removalsKept, [unitId]: { unassignedOn, reason } } };
  }
  return { ...state, removed: { ...stillRemoved, [unitId]: { ...gone, part: changed } } };
}

/** The removal that kept `unitId`'s part on after office day `day` (a fact of that day entered late judges it again); undefined when none. */
function removalKeptAfter(state: AssignmentsState, unitId: string, day: string): KeptRemoval | undefined {
  const kept = state.removalsKept !== undefined && Object.hasOwn(state.removalsKept, unitId) ? state.removalsKept[unitId] : undefined;
  return kept && day < kept.unassignedOn ? kept : undefined;
}

/** The part a fact of `unitId` dated `day` is folded into (see `updatePart`); undefined when none. */
function partFactLandsOn(state: AssignmentsState, unitId: string, day: string): AssignmentPart | undefined {
  const aside = setAsidePartOn(state, unitId, day);
  if (aside) return aside.part;
  const joined = joinedPartOn(state, unitId, day);
  if (joined) return joined.part;
  const key = partHeldOn(state, unitId, day)?.key;
  return (key === undefined ? undefined : partOf(state, key)) ?? removedPartOn(state, unitId, day)?.part;
}

/** The part a plan change took off `unitId` after office day `day` (a fact of that day entered late is about it); undefined when none. */
function removedPartOn(state: AssignmentsState, unitId: string, day: string | undefined): RemovedPart | undefined {
  if (day === undefined || partOf(state, unitId) || !state.removed || !Object.hasOwn(state.removed, unitId)) return undefined;
  const gone = state.removed[unitId]!;
  return day < gone.unassignedOn ? gone : undefined;
}

/** The unit's own records a clerk or the office enters (not a correction or retraction of one, nor the office's acts on the parent). */
const PAPER_OF_A_PART: ReadonlySet<AssignmentCommand['type']> = new Set<AssignmentCommand['type']>(['RequestExtension', 'WithdrawExtensionRequest', 'DecideExtension', 'UrgeUnit', 'ReportRectification', 'SendBackReport', 'LogInspection']);

/**
 * A record of a unit dated `day`, before its part was taken off (移除单位), entered after the unit was given the parent again: it
 * belongs to the part it held before the removal, which its new 交办 now stands in front of (breaker54-8 S4: refused as dated
 * before the new 交办, as if the first never was — typed before the new 交办, the same paper is taken). CONFLICT naming the
 * removal, the new 交办 and the way: retract the new 交办 (撤销交办), enter the earlier records, add the unit again.
 */
function refuseFirstTenurePaper(command: AssignmentCommand, state: AssignmentsState, day: string | undefined): void {
  const unitId = (command as { readonly unitId?: string }).unitId;
  if (day === undefined || unitId === undefined || !PAPER_OF_A_PART.has(command.type) || !state.removed || !Object.hasOwn(state.removed, unitId)) return;
  const gone = state.removed[unitId]!;
  const again = partOf(state, unitId);
  if (!again || day >= gone.unassignedOn || day < gone.part.assignedOn || again.assignedOn < gone.unassignedOn) return;
  const unit = unitNamed(command, unitId);
  const noun = parentNoun(command);
  throw conflict(
    `${capitalise(unit.en)} was taken off the ${noun.en} on ${gone.unassignedOn} (${gone.reason}) and assigned again on ${again.assignedOn}: its record of ${day} belongs to its part before the removal. Retract the assignment of ${again.assignedOn} first (撤销交办), enter the records from before the removal, then add the unit again; records since the new assignment are retracted with it and entered again.`,
    `${unit.zh}的任务已于 ${gone.unassignedOn} 移出本${noun.zh}（${gone.reason}），${again.assignedOn} 再次交办：其 ${day} 的记录属于移出前的任务。请先撤销 ${again.assignedOn} 的交办（撤销交办），补录移出前的记录后再增加该单位；再次交办后的记录须先撤销，之后重新录入。`,
  );
}

/** The unit's verified part set aside by a join after office day `day` (`AssignmentsState.setAside`): a fact of that day entered late is about it. */
function setAsidePartOn(state: AssignmentsState, unitId: string, day: string | undefined): JoinedPart | undefined {
  if (day === undefined || !state.setAside || !Object.hasOwn(state.setAside, unitId)) return undefined;
  const aside = state.setAside[unitId]!;
  return day < aside.joinedOn ? aside : undefined;
}

/** A day after any office day: how far a record's work stands with every fact on it. */
const FAR_DAY = '9999-12-31';

/**
 * A fact of a unit dated while it held a record that passed on and was set aside since, when a part owing more work joined it
 * (`joinsOpenWork`): the record is no one's part now, and a fact on it could change what that join carried — CONFLICT naming the
 * join, as `refuseChangingJoinedWork` does (a carried join is not undone: time2 s26 Left). Found: none, when the unit held it then
 * under no set-aside record. O(set-aside records × holders).
 */
function refuseFactOfEarlierHolderSetAside(command: AssignmentCommand & { readonly unitId: string }, state: AssignmentsState, day: string | undefined): void {
  if (day === undefined || !state.setAside || partOf(state, command.unitId)) return;
  for (const [holderId, aside] of Object.entries(state.setAside)) {
    const held = aside.part.previousHolders?.find((earlier) => earlier.unitId === command.unitId && earlier.from <= day && day < earlier.until);
    if (!held || day >= aside.joinedOn) continue;
    const unit = unitNamed(command as NamesUnits, command.unitId);
    const holder = unitNamed(command as NamesUnits, holderId);
    throw conflict(
      `The part ${unit.en} held on ${day} passed to ${holder.en}, and on ${aside.joinedOn} another unit's part still owing its work joined it and carries the work; a record dated before that day would change what the joined part carries, and a joined part is not separated or joined again.`,
      `${unit.zh}于 ${day} 所办的任务已移交${holder.zh}，并于 ${aside.joinedOn} 由其他单位尚未完成的任务并入承接；该日期之前改变其是否已报告或已确认完成的记录会改变合并后的任务，已合并的任务不能再分开或重新合并。`,
    );
  }
}

/**
 * The unit's part that joined its successor's after office day `day` (a fact of that day entered
 * late is about it), when the unit held no part of its own that day; undefined when none.
 */
function joinedPartOn(state: AssignmentsState, unitId: string, day: string | undefined): JoinedPart | undefined {
  if (day === undefined || !state.joined || !Object.hasOwn(state.joined, unitId)) return undefined;
  const joined = state.joined[unitId]!;
  // Not before the unit held that record: a fact of an earlier record of the unit, passed on since, is that one's (breaker8j P5).
  if (day >= joined.joinedOn || day < (joined.part.heldSince ?? joined.part.assignedOn)) return undefined;
  const own = partOf(state, unitId);
  return own && !isAfter(own.heldSince ?? own.assignedOn, day) ? undefined : joined;
}

/**
 * The part `unitId` held on office day `day` (its key in the state) and, when that day falls
 * before the part's present holder took it, which earlier holder held it then: its own part from
 * the day it began; a part it held before passing it on (机构改革), for a day it held it; else its
 * own part, or one it passed on, with whoever held that on the day. Undefined: it has none.
 */
export function partHeldOn(state: AssignmentsState, unitId: string, day: string): { readonly key: string; readonly holder: PreviousHolder | null } | undefined {
  const own = partOf(state, unitId);
  if (own && !isAfter(own.heldSince ?? own.assignedOn, day)) return { key: unitId, holder: null };
  const passed = partsOf(state).filter((part) => part !== own && part.previousHolders?.some((held) => held.unitId === unitId));
  const heldThen = passed.find((part) => part.previousHolders!.some((held) => held.unitId === unitId && held.from <= day && day < held.until));
  if (heldThen) return { key: heldThen.unitId, holder: holderOn(heldThen, day) };
  const part = own ?? passed[0];
  return part ? { key: part.unitId, holder: holderOn(part, day) } : undefined;
}

/** Which earlier holder held the part on `day`; null when its present holder did (or nobody earlier did). */
const holderOn = (part: AssignmentPart, day: string): PreviousHolder | null =>
  isAfter(part.heldSince ?? part.assignedOn, day) ? (part.previousHolders?.find((held) => held.from <= day && day < held.until) ?? null) : null;

/**
 * The first fact that follows an inspection answers it (and fixes it: it is no longer corrected);
 * a fact entered late, dated before the inspection, does not follow it.
 */
const answering = (part: AssignmentPart, fact: DatedFact): Pick<AssignmentPart, 'lastInspectionAnsweredBy'> => {
  const last = part.inspections.at(-1);
  return last && fact.day >= last.inspectedOn && !part.lastInspectionAnsweredBy ? { lastInspectionAnsweredBy: fact } : {};
};

/**
 * Lapsing is judged by day (see `ExtensionStatus`): a request not decided is LAPSED once a passed
 * inspection dated on or after its day stands (as corrected), PENDING otherwise — whatever order
 * the facts were entered in, so the part now and every past day's fold agree. Recomputed after
 * every event that adds a request or an inspection or corrects one.
 */
function withLapses(part: AssignmentPart): AssignmentPart {
  const undecided = (request: ExtensionRequest) => request.status === 'PENDING' || request.status === 'LAPSED';
  if (!part.extensionRequests.some(undecided)) return part;
  const status = (request: ExtensionRequest): ExtensionStatus => (verifiedSince(part, request.requestedOn) ? 'LAPSED' : 'PENDING');
  return { ...part, extensionRequests: part.extensionRequests.map((request) => (undecided(request) ? { ...request, status: status(request) } : request)) };
}

/**
 * Whether a request not decided (PENDING or LAPSED) still takes a decision, and dated until when (newcomer53-8 S1: after 撤销审批
 * on a part verified since, the web app offered no 审批延期 although the server took the decision of that day) — the rule
 * `decideExtension` applies and the web app reads (`ExtensionRequest.decidable`, `decidableUntil`): PENDING, any day from its
 * request to today (`until` undefined); LAPSED, a decision dated up to the day of the first pass on or after its request (office
 * day `YYYY-MM-DD`: a paper decision of that day came before the pass, `lapsedOnlyOn`); decided or withdrawn, none (undefined).
 */
export function decisionWindow(
  request: { readonly status: string; readonly requestedOn: string },
  inspections: readonly { readonly outcome: string; readonly inspectedOn: string }[],
): { readonly until?: string } | undefined {
  if (request.status === 'PENDING') return {};
  if (request.status !== 'LAPSED') return undefined;
  const passes = inspections.filter((inspection) => inspection.outcome === 'PASSED' && inspection.inspectedOn >= request.requestedOn).map((inspection) => inspection.inspectedOn);
  return passes.length === 0 ? {} : { until: passes.sort()[0]! };
}

/** A passed inspection of the part (as corrected) dated on or after office day `day`. */
const verifiedSince = (part: AssignmentPart, day: string): boolean =>
  part.inspections.some((inspection) => inspection.outcome === 'PASSED' && inspection.inspectedOn >= day);

/**
 * A grant dated on the day of the pass that verified `part`, typed after that pass, came before it (breaker8s P11,
 * `verifiedBeforeTheDay`): the pass of that day met the granted date (`dueDate`) in force, as it does when the grant was typed
 * first — what a correction of that pass to a failure and back restores (`InspectionRecord.dueDateBefore`). The part unchanged otherwise.
 */
function grantedBeforeThePass(part: AssignmentPart, decidedOn: string, dueDate: string): AssignmentPart {
  if (part.status !== 'VERIFIED' || part.verifiedOn !== decidedOn) return part;
  return { ...part, inspections: part.inspections.map((inspection) => (inspection.outcome === 'PASSED' && inspection.inspectedOn === decidedOn ? { ...inspection, dueDateBefore: dueDate } : inspection)) };
}

/**
 * The due date a return (退办, 督查未通过) of office day `day` leaves: the date it gives (`newDueDate`), else the date in
 * force — but never earlier than an extension granted that same day (breaker8u P1: a grant and a return of one day gave
 * the return's earlier date when the grant was typed first, the grant's later one typed the other way). One day's paper
 * has no order: a return of the day comes before the day's grant, which never cuts the date in force (breaker8r P4) — so
 * the later of the two stands, whichever was typed first. `part.dueDate` is the date in force before the return.
 */
/**
 * Whether a report, send-back or failed inspection of office day `day` (`YYYY-MM-DD`) meets `part` verified by a pass dated on
 * or after it. Entered after that pass, such a fact comes before it in business order: the re-report the pass checked and the
 * return it answered, found in the files after the pass was typed (breaker8u P9; `settledOnOrAfter` takes the re-report, then
 * the return). Folded as recorded, the part stays verified and the fact takes the place business order gives it
 * (`reportBeforeThePass`, `returnBeforeThePass`), so the part reads as folded by day.
 */
function beforeItsVerification(part: AssignmentPart, day: string): boolean {
  return part.status === 'VERIFIED' && part.verifiedOn !== null && day <= part.verifiedOn;
}

/** A report dated on or before the pass that verified `part`, entered after it: counted, and the last report when no later one was — the pass checked it. */
function reportBeforeThePass(part: AssignmentPart, data: { summary: string; evidence: readonly Evidence[]; reportedOn: string }): AssignmentPart {
  const { summary, evidence, reportedOn } = data;
  const last = part.lastReport;
  if (last && last.reportedOn > reportedOn) return { ...part, reportCount: part.reportCount + 1 };
  return { ...part, reportCount: part.reportCount + 1, lastReport: { summary, evidence, reportedOn, answers: returnDay(part), settledBy: checkedBy(part.verifiedOn!) } };
}

/**
 * A send-back or failed inspection dated on or before the pass that verified `part`, entered after it with the re-report it
 * called for (`reportBeforeThePass`): the part stays verified; a failure is listed among the inspections by its day; the
 * return is the last return unless a later one is recorded, and the report after it answers it. The due date is the one it
 * gave, or a later extension granted after its day (a grant never cuts the date in force) — unless a later return gave its own.
 */
function returnBeforeThePass(part: AssignmentPart, event: Extract<AssignmentEvent, { type: 'ReportSentBack' | 'InspectionLogged' }>): AssignmentPart {
  const day = factDayOfEvent(event);
  const failure = event.type === 'InspectionLogged' ? event.data : undefined;
  const note: ReturnNote = failure
    ? { cause: 'INSPECTION_FAILED', reason: whatFailed(failure), returnedOn: day, inspectionId: failure.inspectionId }
    : { cause: 'SENT_BACK', reason: (event.data as { reason: string }).reason, returnedOn: day };
  const laterReturn = (part.lastReturn !== null && part.lastReturn.returnedOn > day) || part.inspections.some((inspection) => inspection.outcome === 'FAILED' && inspection.inspectedOn > day);
  const given = event.data.newDueDate;
  const grantedLater = part.extensionRequests.filter((request) => request.status === 'GRANTED' && request.decidedOn !== undefined && request.decidedOn > day && request.grantedDueDate !== undefined);
  const dueDate = given === undefined || laterReturn ? part.dueDate : grantedLater.reduce((latest, request) => (isAfter(request.grantedDueDate!, latest) ? request.grantedDueDate! : latest), given);
  // Listed by its day, before a pass of its own day too (a failure of the pass's day came before it: `beforeThePassOfItsDay`).
  const at = part.inspections.findIndex((inspection) => inspection.inspectedOn > day || (inspection.inspectedOn === day && inspection.outcome === 'PASSED'));
  const inspections = failure
    ? [...part.inspections.slice(0, at < 0 ? part.inspections.length : at), { inspectionId: failure.inspectionId, outcome: failure.outcome, inspectedOn: day, dueDateBefore: part.dueDate, returnBefore: part.lastReturn }, ...(at < 0 ? [] : part.inspections.slice(at))]
    : part.inspections;
  const last = part.lastReport;
  const lastReport = last && last.reportedOn >= day && (last.answers === null || last.answers.day < day) ? { ...last, answers: { day, what: RETURN_NAMES[note.cause] } } : last;
  return { ...part, inspections, dueDate, lastReport, lastReturn: laterReturn ? part.lastReturn : note };
}

function dueDateOnReturn(part: AssignmentPart, newDueDate: string | undefined, day: string): string {
  const given = newDueDate ?? part.dueDate;
  const grantedThatDay = part.extensionRequests
    .filter((request) => request.status === 'GRANTED' && request.decidedOn === day && request.grantedDueDate !== undefined)
    .map((request) => request.grantedDueDate!);
  return grantedThatDay.reduce((latest, granted) => (isAfter(granted, latest) ? granted : latest), given);
}

/** The request without its withdrawal's day: a decision of the withdrawal's day stands over it (`decisionOfWithdrawalDay`). */
function withoutWithdrawal(request: ExtensionRequest): ExtensionRequest {
  const { withdrawnOn: _withdrawnOn, ...rest } = request;
  return rest;
}

/**
 * A withdrawal (撤回延期申请) and the office's decision (批准 / 驳回) of one request on one office day (breaker8v P3): nothing on
 * paper orders the two, and the unit's due date, its light and 单位排名 followed typing order (withdrawal first: the grant refused,
 * due the old date; grant first: the withdrawal refused, due the new one). Entered from paper on a later day, nothing orders the
 * two: the office's decision stands, whichever was typed first — as a decided request cannot be withdrawn — and the withdrawal
 * stays on record, read as overtaken. Entered on their own day, the order they were entered in is the order they happened, and
 * the second is refused as before (a fact dated `today`). True when `request` was decided on `day` (a withdrawal of that day answers
 * nothing) or withdrawn on `day` (a decision of that day still stands).
 */
export function decisionOfWithdrawalDay(request: ExtensionRequest, day: string): boolean {
  return ((request.status === 'GRANTED' || request.status === 'REFUSED') && request.decidedOn === day) || (request.status === 'WITHDRAWN' && request.withdrawnOn === day);
}

function settleExtension(part: AssignmentPart, requestId: string, status: 'GRANTED' | 'REFUSED', decidedOn: string, grantedDueDate?: string): AssignmentPart {
  return {
    ...part,
    extensionRequests: part.extensionRequests.map((request) =>
      request.requestId === requestId ? { ...withoutWithdrawal(request), status, decidedOn, ...(grantedDueDate === undefined ? {} : { grantedDueDate }) } : request,
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// decide

/**
 * Checks run in a fixed order — who may act (FORBIDDEN), on what (NOT_FOUND), whether the part's
 * state allows it (CONFLICT), then the payload (BAD_USER_INPUT) — so that a unit never learns
 * about parts it may not touch.
 */
export function decideAssignment(
  command: AssignmentCommand,
  state: AssignmentsState,
  context: AssignmentParentContext,
): AssignmentEvent[] {
  // 撤销误录 moves no fact to a day and passes no part: judged on the record as it reads now, folded without it.
  if (command.type === 'RetractRecord') return retractRecord(context.noun ? { ...command, parentNoun: context.noun } : command, state);
  // A split or a removal typed on the wrong day is retracted and typed again on the right one (breaker55-8 S4, S6).
  if (command.type === 'CorrectStepDate') return correctStepDate(context.noun ? { ...command, parentNoun: context.noun } : command, state);
  const named = namedOnItsDay(context.noun ? { ...command, parentNoun: context.noun } : command);
  // A paper of a join's own day, typed after the join: decided as in date order, before it (breaker8u P8).
  if (isPaperOfJoinDay(named, state)) {
    const beforeTheJoin = decidedBeforeJoins(named, state, context, true);
    if (beforeTheJoin) return beforeTheJoin;
  }
  const handingDayPass = passOfHandingDay(named, state, context);
  if (handingDayPass) return handingDayPass;
  command = passOfMergeDay(named, state);
  requireStandingUnit(command, state);
  const held = asHeldOn(command, state);
  const decided = decideByType(held.command, held.state, context);
  requireUnitExisted(held.command);
  requireHeldThen(held.command, held.state);
  try {
    // A pass of a joined part dated on or before its join (typed after it): decided as in date order when the joins after its
    // day can be undone — verified by the join day, the part stays with its unit (`decidedBeforeJoins`; breaker8o P2, for a join
    // that kept the successor's record as c41b4d8 did for a carried one); else the refusal stands.
    if (held.joined) refuseVerifyingJoinedPart(held.command, held.state, decided, held.joined);
    refuseChangingJoinedWork(held.command, state, decided);
  } catch (error) {
    // Decided again with the joins undone, the part is its unit's own then: the clerk that may enter it stays the one found here.
    const heldNowBy = (held.command as { readonly heldNowBy?: string }).heldNowBy;
    const rejoined = error instanceof DomainError ? decidedBeforeJoins(heldNowBy === undefined ? command : ({ ...command, heldNowBy } as AssignmentCommand), state, context) : undefined;
    if (rejoined) return rejoined;
    throw error;
  }
  return decided;
}

/**
 * A late fact that changes which record a join dated after it keeps (`refuseChangingJoinedWork`: a pass of the successor's own
 * part dated before another unit's part joined it — breaker8l P7), decided as in date order: the joins dated after the fact's
 * day come off, the latest recorded first (PartHandOverUndone of a join), the fact is decided on the parts as they stood, and
 * the joins are applied again on their days (PartHandedOver: a join into a part verified by then carries the open work, as
 * `joinsOpenWork` says; a carried join comes off too — `carryUndone` — and the successor's set-aside record is its part again).
 * Undefined — the refusal stands — when a join after the day cannot be undone: a carry made by a hand-over undone since
 * (`handOverUndone`'s own carry keeps no reading of the joining part), one the part has passed on since, or one whose part has a
 * record dated on or after it (its holder's, or a later holder's).
 */
function decidedBeforeJoins(command: AssignmentCommand, state: AssignmentsState, context: AssignmentParentContext, onTheDay = false): AssignmentEvent[] | undefined {
  const day = factDayOf(command)?.day;
  // With `onTheDay`, the joins of the fact's own day come off too: it was that day's work, before them (`isPaperOfJoinDay`).
  const after = (joinedOn: string) => joinedOn > day! || (onTheDay && joinedOn === day);
  // A carry that kept nothing to undo it with (`handOverUndone`'s, no `carried` reading) is not undone.
  if (day === undefined || Object.values(state.setAside ?? {}).some((aside) => after(aside.joinedOn) && aside.carried === undefined)) return undefined;
  // Each join's step: the joining unit's hand-over; for a record set aside that day for the one kept instead (`keptInstead`,
  // two papers of one day), the kept unit's — undoing it moves the set-aside record back into the successor (breaker8n P1:
  // a lead's report dated before the merges, typed after them, makes its record the one that owes less); for a carried join
  // (`setAside` with `carried`), the carried unit's — undoing it gives the successor its set-aside record back.
  const joins = [
    ...Object.entries(state.joined ?? {})
      .filter(([, entry]) => after(entry.joinedOn))
      .map(([unitId, entry]) => [entry.keptInstead?.unitId ?? unitId, entry] as const),
    ...Object.values(state.setAside ?? {})
      .filter((aside) => after(aside.joinedOn) && aside.carried !== undefined)
      .map((aside) => [aside.carried!.unitId, aside] as const),
  ];
  if (joins.length === 0) return undefined;
  const position = ([unitId, entry]: (typeof joins)[number]) =>
    state.recorded.findLastIndex((event) => event.type === 'PartHandedOver' && event.data.unitId === unitId && event.data.successorUnitId === entry.successorUnitId && event.data.handedOverOn === entry.joinedOn);
  const latestFirst = [...joins].sort((a, b) => position(b) - position(a));
  const undone: PartHandOverUndone[] = [];
  /** Joining units whose join may come off only if it is not made again (records on the joined part since: see below). */
  const staysApartOnly = new Set<string>();
  let cleared = state;
  for (const [unitId, entry] of latestFirst) {
    const into = entry.keptInstead || entry.carried ? partOf(cleared, entry.successorUnitId) : entry.into && partOf(cleared, entry.into.unitId);
    if (!into?.heldBefore?.includes(unitId) || partOf(cleared, unitId) || position([unitId, entry]) < 0) return undefined;
    // A record made on the joined part from the join on — by its holder, or by a unit that held it after the join and passed it
    // on since (typed-versus-date-order r:56 run 0: the report of 08-20 of the unit that passed the part on in 2017) — is the
    // joined part's: undoing the join would give it to the wrong record.
    // A record of the join's own day recorded before the join (typed first, or put before it by an earlier undoing) came before
    // it: it is the successor's own part's, not the joined part's (breaker8u P8, `isPaperOfJoinDay`).
    const heldAfter = new Set([into.unitId, ...(into.previousHolders ?? []).filter((held) => held.until > entry.joinedOn).map((held) => held.unitId)]);
    const joinAt = position([unitId, entry]);
    const onTheJoinedPart = (event: AssignmentEvent, index: number) => factDayOfEvent(event) > entry.joinedOn || (factDayOfEvent(event) === entry.joinedOn && index > joinAt);
    if (cleared.recorded.some((event, index) => !isHandOverEvent(event) && heldAfter.has((event.data as { unitId?: string }).unitId ?? '') && onTheJoinedPart(event, index))) {
      // A join that kept the successor's record keeps those records there undone or not; it may come off only for good — when the
      // late fact leaves the joining part verified by the join day, so the join is not made again (breaker41 N5: a pass of the
      // joining unit dated before a merge, typed after the joined part passed, was refused 「已并入的任务不能再分开」 for good).
      if (entry.keptInstead !== undefined || !('into' in entry) || entry.into === undefined) return undefined;
      staysApartOnly.add(unitId);
    }
    const unit = unitNamed(command as NamesUnits, unitId);
    const holder = unitNamed(command as NamesUnits, into.unitId);
    const undoing: PartHandOverUndone = {
      type: 'PartHandOverUndone',
      data: {
        unitId,
        successorUnitId: entry.successorUnitId,
        reason:
          entry.joinedOn === day
            ? `${day} 当天的记录在${unit.zh}的任务并入${holder.zh}的任务之前（并入当日仍是两单位各自的工作日），该合并按日期顺序重新办理`
            : `${holder.zh} ${day} 的记录早于 ${entry.joinedOn} ${unit.zh}的任务并入其任务的日期，该合并按日期顺序重新办理`,
        handedOverOn: entry.joinedOn,
      },
    };
    const next = evolveAssignments(cleared, undoing);
    if (partOf(next, unitId) === undefined) return undefined;
    // A part that joined the successor's after this join was typed, dated before it, went into the joined part (「wherever it is
    // now」); undoing the join gives back the joining part as it read then, without it — that join would be lost (agreement walk
    // seed 12): the refusal stands.
    const heldAfterUndoing = unitsHeldBefore(next);
    const lost = [...unitsHeldBefore(cleared)].some((each) => each !== unitId && !heldAfterUndoing.has(each));
    if (lost) return undefined;
    undone.push(undoing);
    cleared = next;
  }
  const decided = decideAssignment(command, cleared, context);
  // A pass dated before a hand-over the joins sat on keeps that part with its unit, before the joins come again (breaker8d P15).
  const kept = handOversUndone(command as NamesUnits, decided.reduce(evolveAssignments, cleared));
  // A part verified by its join's day (the late fact a pass of it dated on or before the join) stays with its unit, as date order
  // leaves it — a reorganisation passes only work still open on its day (「…确认完成…不再移交」): its join is not made again
  // (breaker8o P2: an on-site pass typed a few days late, after a same-day merge had carried the part, was refused for good).
  let settled = kept.reduce(evolveAssignments, decided.reduce(evolveAssignments, cleared));
  const redone: AssignmentEvent[] = [];
  for (const [unitId, entry] of [...latestFirst].reverse()) {
    const joining = partOf(settled, unitId);
    if (joining && stoodVerifiedOn(joining, entry.joinedOn)) {
      // Off for good: its reason says so, in the office's words — not 「…按日期顺序重新办理」 naming the successor's record (D).
      const at = latestFirst.findIndex(([each]) => each === unitId);
      undone[at] = { ...undone[at]!, data: { ...undone[at]!.data, reason: joinOffForGood(command as NamesUnits, unitId, entry.successorUnitId, joining.verifiedOn!, entry.joinedOn) } };
      continue;
    }
    if (staysApartOnly.has(unitId)) return undefined;
    // Open work that would now be carried into a part the successor has passed on since: not a join a hand-over may make
    // (`refuseJoinWithPartPassedOn`), and evolve would give the successor the joining part alone (agreement walk seed 3,
    // second run) — the refusal stands.
    const heldThen = joining && !partOf(settled, entry.successorUnitId) ? partPassedOnAfter(settled, entry.successorUnitId, entry.joinedOn) : undefined;
    if (joining && heldThen && joinsOpenWork(joining, heldThen.asHeldThen, entry.joinedOn)) return undefined;
    const unit = unitNamed(command as NamesUnits, unitId);
    const successor = unitNamed(command as NamesUnits, entry.successorUnitId);
    const again: AssignmentEvent = { type: 'PartHandedOver', data: { unitId, successorUnitId: entry.successorUnitId, reason: `按日期顺序重新办理：${unit.zh}的任务于 ${entry.joinedOn} 并入${successor.zh}的任务`, handedOverOn: entry.joinedOn } };
    redone.push(again);
    settled = evolveAssignments(settled, again);
  }
  return [...undone, ...decided, ...kept, ...redone];
}

/**
 * The reason a join (机构改革 merge) comes off for good carries (PartHandOverUndone, shown in the part's history): the joining
 * unit `unitId`'s task was verified on `verifiedOn` (a pass entered late), on or before the join day `joinedOn`, so it stayed the
 * unit's own, done — a reorganisation passes only work still open on its day — and the successor's task goes on alone.
 */
function joinOffForGood(command: NamesUnits, unitId: string, successorUnitId: string, verifiedOn: string, joinedOn: string): string {
  const unit = unitNamed(command, unitId).zh;
  const successor = unitNamed(command, successorUnitId).zh;
  return `补录的督查记录表明，${unit}的任务已于 ${verifiedOn} 督查通过，不晚于 ${joinedOn} 机构改革并入${successor}的日期：已完成的任务不随机构改革转交，仍记在${unit}名下，撤销该次并入；${successor}此后的记录属其本单位的任务。`;
}

/**
 * A pass dated on the day a part passed on alone (职能调整 hand-over, 机构改革 merge), of the work of the unit that handed it
 * over — the successor has not reported on it since — typed after the hand-over (breaker8v P9: report, pass and merge of one day
 * left the part with the successor and credited it in 单位排名 in 5 of 6 typing orders; with the report a day earlier the part
 * came back, but the pass was recorded under the successor). The day is still the handing unit's working day, and a part verified
 * that day stays with its unit (`hand-over-parts.ts`): decided as in date order — the hand-over comes off (PartHandOverUndone),
 * then the pass is recorded naming the handing unit, whichever unit the form named (the web card names the holder of today).
 * Undefined — decided as before — for any other command, a part that passed on another day or again since, a join (its
 * papers: `isPaperOfJoinDay`), or a part the successor has reported on since the day (its own work: the pass is its).
 */
function passOfHandingDay(command: AssignmentCommand, state: AssignmentsState, context: AssignmentParentContext): AssignmentEvent[] | undefined {
  if (command.type !== 'LogInspection' || command.outcome !== 'PASSED') return undefined;
  const day = command.inspectedOn;
  const passedThatDay = (part: AssignmentPart | undefined) => part !== undefined && part.heldSince === day && part.previousHolders?.at(-1)?.until === day;
  const own = partOf(state, command.unitId);
  const part = passedThatDay(own) ? own! : partsOf(state).find((each) => passedThatDay(each) && each.previousHolders!.at(-1)!.unitId === command.unitId);
  if (!part || carriedJoin(state, part)) return undefined;
  const handingId = part.previousHolders!.at(-1)!.unitId;
  const holderId = part.unitId;
  if (state.joined && Object.hasOwn(state.joined, handingId) && state.joined[handingId]!.joinedOn === day) return undefined;
  const successorReported = state.recorded.some((event) => event.type === 'RectificationReported' && event.data.unitId === holderId && event.data.reportedOn >= day);
  if (successorReported) return undefined;
  const handing = unitNamed(command, handingId);
  const holder = unitNamed(command, holderId);
  const undoing: PartHandOverUndone = {
    type: 'PartHandOverUndone',
    data: { unitId: handingId, successorUnitId: holderId, reason: `${handing.zh}的任务已于 ${day} 确认完成，不随 ${day} 的移交转给${holder.zh}，仍由${handing.zh}保留`, handedOverOn: day },
  };
  const cleared = evolveAssignments(state, undoing);
  if (partOf(cleared, handingId) === undefined || partOf(cleared, holderId) !== undefined) return undefined;
  return [undoing, ...decideAssignment({ ...command, unitId: handingId }, cleared, context)];
}

/**
 * A paper of the day a unit's part joined the part its successor already held (a join; breaker8u P8), typed after the join: the
 * joining unit's own paper of its last working day (`isPaperOfHandingDay`), or the successor's own paper about its own part that
 * day — its report, extension request or withdrawal, or the office's inspection (a pass too), send-back, urging or extension
 * decision. The day's work of both came before the join, as for a plain merge's day (`ownPaperOfHandOverDay`), so it is decided
 * as in date order (`decidedBeforeJoins` with the day's joins): typed before or after the join, the parts read alike.
 */
function isPaperOfJoinDay(command: AssignmentCommand, state: AssignmentsState): boolean {
  const day = factDayOf(command)?.day;
  const unitId = (command as { unitId?: string }).unitId;
  if (day === undefined || unitId === undefined || command.type === 'HandOverPart' || command.type === 'AssignUnit' || command.type === 'ReopenParts' || command.type.startsWith('Correct')) return false;
  const joinedThatDay = Object.entries(state.joined ?? {}).filter(([, entry]) => entry.joinedOn === day);
  const carriedThatDay = Object.values(state.setAside ?? {}).filter((aside) => aside.joinedOn === day);
  // The joining unit's own paper of its last working day — its pass too (breaker8v P11: a pass of the join day typed after the
  // join was refused for good; in date order it verifies the part, which then stays with its unit, as on a plain merge's day).
  const ownPaper = isPaperOfHandingDay(command) || (command.type === 'LogInspection' && command.outcome === 'PASSED');
  if (ownPaper && (joinedThatDay.some(([joiningId, entry]) => (entry.keptInstead?.unitId ?? joiningId) === unitId) || carriedThatDay.some((aside) => aside.carried?.unitId === unitId))) return true;
  // The successor's own record, set aside that day for the joining part's open work it carries on (a carried join)…
  if (carriedThatDay.some((aside) => aside.successorUnitId === unitId)) return true;
  // …or its own part, held before the day, which another unit's part joined that day.
  const own = partOf(state, unitId);
  return own !== undefined && isAfter(day, own.heldSince ?? own.assignedOn) && joinedThatDay.some(([, entry]) => entry.successorUnitId === unitId);
}

/** Every unit whose part passed or joined into a part held now (the parts' `heldBefore`). */
function unitsHeldBefore(state: AssignmentsState): Set<string> {
  return new Set(partsOf(state).flatMap((part) => part.heldBefore ?? []));
}

/**
 * A late fact that would change which record a join kept (`joinsOpenWork`, breaker8g P18, breaker8n P1),
 * judged by the day before the join: a pass of the joining part dated before it (it would have stood
 * verified and kept apart), a report of it when the set-aside record was only reported (the two would
 * have stood level, and the successor's record kept), a correction that takes the set-aside record's
 * work back by then, or a report or pass of the successor's own part dated before a join that kept
 * its record (the open joining work would have been carried instead — `decidedBeforeJoins` then
 * undoes the join, takes the fact and joins again, when it can). Folded as recorded and folded by day, the join would keep two different
 * records — CONFLICT naming the join. A join is not separated or re-made afterwards (as for
 * `refuseVerifyingJoinedPart`).
 */
function refuseChangingJoinedWork(command: AssignmentCommand, state: AssignmentsState, decided: readonly AssignmentEvent[]): void {
  if (command.type === 'HandOverPart' || command.type === 'AssignUnit' || command.type === 'ReopenParts' || decided.length === 0) return;
  const next = decided.reduce(evolveAssignments, state);
  const clash = (joiningId: string | undefined, holderId: string, joinedOn: string): never => {
    const holder = unitNamed(command as NamesUnits, holderId);
    const joining = joiningId === undefined ? say('another unit', '其他单位') : unitNamed(command as NamesUnits, joiningId);
    throw conflict(
      `The part of ${joining.en} joined the part of ${holder.en} on ${joinedOn}; a record dated before that day that changes whether either stood reported or verified then would change what the joined part carries, and a joined part is not separated or joined again.`,
      `${joining.zh}的任务已于 ${joinedOn} 并入${holder.zh}的任务；该日期之前改变任一任务是否已报告或已确认完成的记录会改变合并后的任务，已合并的任务不能再分开或重新合并。`,
    );
  };
  for (const [holderId, aside] of Object.entries(next.setAside ?? {})) {
    const before = state.setAside && Object.hasOwn(state.setAside, holderId) ? state.setAside[holderId] : undefined;
    if (!before || before.joinedOn !== aside.joinedOn) continue;
    const dayBefore = addDays(aside.joinedOn, -1);
    const carriedBefore = joinedPartNow(state, holderId, aside.joinedOn);
    const carriedAfter = joinedPartNow(next, holderId, aside.joinedOn);
    // The unit whose open part was carried in: the holder before it on the join day (the carried part may have passed on since).
    const joiningId = carriedBefore?.previousHolders?.findLast((held) => held.until === aside.joinedOn && held.unitId !== holderId)?.unitId;
    // The carry stood on the set-aside record's work being further on that day than the joining part's (`joinsOpenWork`).
    const carries = (asideRecord: AssignmentPart, carried: AssignmentPart | undefined) => workDoneOn(asideRecord, aside.joinedOn) > (carried ? workDoneOn(carried, dayBefore) : 0);
    // …and on the set-aside record ending that day: a late fact that moves its work past the join (a pass corrected to a later
    // day) would be the joined part's in date order.
    const movesAfter = (record: AssignmentPart) => workDoneOn(record, FAR_DAY) !== workDoneOn(record, aside.joinedOn);
    if (carries(before.part, carriedBefore) && (!carries(aside.part, carriedAfter) || (movesAfter(aside.part) && !movesAfter(before.part)))) clash(joiningId, holderId, aside.joinedOn);
  }
  for (const [joiningId, joined] of Object.entries(next.joined ?? {})) {
    const holderId = joined.successorUnitId;
    const before = joinedPartNow(state, holderId, joined.joinedOn);
    const after = joinedPartNow(next, holderId, joined.joinedOn);
    if (!before || !after || before.joinedOn === undefined || after.joinedOn === undefined) continue;
    // The successor's own part, reported or passed by a fact dated before the join entered after it: by day it stood further on
    // then than the joining part, and the join would have carried the joining part's open work (breaker8n P1).
    const joiningDone = workDoneOn(joined.part, joined.joinedOn);
    if (workDoneOn(before, joined.joinedOn) <= joiningDone && workDoneOn(after, joined.joinedOn) > joiningDone) {
      clash(joiningId, holderId, joined.joinedOn);
    }
  }
}

/**
 * The part `holderId` held on office day `joinedOn` — the one another unit's part joined that
 * day — wherever it is now: the holder's own part, or the one it has passed on since (a later
 * hand-over or merge, that day or after: breaker8i P9). Undefined when it held none then.
 */
function joinedPartNow(state: AssignmentsState, holderId: string, joinedOn: string): AssignmentPart | undefined {
  const own = partOf(state, holderId);
  if (own && !isAfter(own.heldSince ?? own.assignedOn, joinedOn)) return own;
  // Passed on the join day itself (a 机构改革 of several units on one day): still the part the join went into.
  return partsOf(state).find((part) => part.previousHolders?.some((held) => held.unitId === holderId && held.from <= joinedOn && joinedOn <= held.until));
}

/**
 * A late fact that verifies a part by the day it joined its successor's (a pass dated before the
 * join, entered after it): in date order the part, verified, would have stayed with its unit, and
 * a join is not separated again — CONFLICT naming the join (correct the hand-over first).
 */
function refuseVerifyingJoinedPart(command: AssignmentCommand, state: AssignmentsState, decided: readonly AssignmentEvent[], joined: JoinedPart): void {
  const unitId = (command as { unitId: string }).unitId;
  if (partOf(decided.reduce(evolveAssignments, state), unitId)?.status !== 'VERIFIED') return;
  const unit = unitNamed(command as NamesUnits, unitId);
  const successor = unitNamed(command as NamesUnits, joined.successorUnitId);
  throw conflict(
    `The part of ${unit.en} joined the part ${successor.en} holds on ${joined.joinedOn}; a verification dated before that day would have kept it apart, and a joined part is not separated again.`,
    `${unit.zh}的任务已于 ${joined.joinedOn} 并入${successor.zh}已有的任务；该日期之前的核验通过会使其不再并入，已并入的任务不能再分开。`,
  );
}

/**
 * The command with its refusals naming units as they were named on its fact's day (机构改革: a
 * report dated before a rename names the old name, the one on the clerk's paper; breaker8b N7).
 * Only the naming changes: registrations, merges, predecessors and hand-overs are looked up as before.
 */
function namedOnItsDay<Command extends AssignmentCommand>(command: Command): Command {
  const names = command.unitNames;
  const fact = factDayOf(command);
  if (!names?.nameOn || !fact) return command;
  const nameOn = names.nameOn.bind(names);
  const onItsDay: UnitNames = {
    nameOf: (unitId) => nameOn(unitId, fact.day) ?? names.nameOf(unitId),
    nameOn,
    ...(names.registeredOnOf ? { registeredOnOf: names.registeredOnOf.bind(names) } : {}),
    ...(names.mergerOf ? { mergerOf: names.mergerOf.bind(names) } : {}),
    ...(names.predecessorsOf ? { predecessorsOf: names.predecessorsOf.bind(names) } : {}),
    // The hand-overs too (typed-versus-date-order p:4325 run 2): a 交办 row making room among the successor's parts passes the
    // unit's own part by them before the steps it redoes (`dueBeforeRedone`) — left out, the office's directory passed nothing
    // there while a spec's directory (no `nameOn`) did.
    ...(names.handOversOf ? { handOversOf: names.handOversOf.bind(names) } : {}),
  };
  return { ...command, unitNames: onItsDay };
}

/**
 * A fact of a part dated before its present holder took it over (机构改革) — entered late, from a
 * predecessor's paper file — is the fact of the unit that held it that day, whichever of the two
 * the command names: decided on the part as that unit held it (its days, `heldSince`–`heldUntil`)
 * and recorded under that unit, as the fact would have been had it been entered in time. A
 * correction goes to whoever made the fact it corrects. A unit whose part passed to another is
 * named for a day after that by the part's holder then. Anything else is decided as named.
 */
function asHeldOn(command: AssignmentCommand, state: AssignmentsState): { command: AssignmentCommand; state: AssignmentsState; joined?: JoinedPart } {
  // A redated fact is found under the unit that made it: a predecessor's, when the form names the part's holder now (breaker8d P8).
  if (command.type === 'CorrectFactDate') return { command: { ...command, unitId: redatedFactMaker(command, state) }, state };
  if (command.type === 'AssignUnit' || command.type === 'ReopenParts' || command.type === 'HandOverPart') return { command, state };
  // A correction goes to the record that holds the fact it corrects: a set-aside verified record's, or the live part's (breaker8h P2, P5).
  const correction = command.type === 'CorrectReportDate' || command.type === 'CorrectInspection';
  const asideRecord = correction && state.setAside && Object.hasOwn(state.setAside, command.unitId) ? state.setAside[command.unitId]! : undefined;
  if (asideRecord && (command.type === 'CorrectReportDate' || command.type === 'CorrectInspection') && correctsSetAside(command, state, asideRecord)) return { command, state: { ...state, parts: { ...state.parts, [command.unitId]: asideRecord.part } } };
  const day = heldDayOf(command, state);
  // A fact dated before its part was taken off the item, entered after (breaker8d P7): judged on the part as it stood.
  const gone = removedPartOn(state, command.unitId, day);
  if (gone) return { command, state: { ...state, parts: { ...state.parts, [command.unitId]: gone.part } } };
  refuseFirstTenurePaper(command, state, day);
  // A fact dated before an open part joined the unit's verified one, entered after (breaker8g P18): judged on the verified part as it stood.
  const aside = correction ? undefined : setAsidePartOn(state, command.unitId, day);
  if (aside) return { command, state: { ...state, parts: { ...state.parts, [command.unitId]: aside.part } } };
  // A fact dated before the unit's part joined its successor's, entered after (breaker8f P7): judged on the part as it stood.
  // Entered by the unit's own clerk or by the clerk of the unit whose part holds the joined work now, which holds its files
  // too — as for a part passed alone (breaker8p P3: the successor's clerk was refused, and the merged unit has no clerk).
  const joined = joinedPartOn(state, command.unitId, day);
  if (joined) return { command: { ...command, heldNowBy: joinedHolderOf(state, joined) }, state: { ...state, parts: { ...state.parts, [command.unitId]: joined.part } }, joined };
  const held = day === undefined ? undefined : partHeldOn(state, command.unitId, day);
  if (!held) refuseFactOfEarlierHolderSetAside(command, state, day);
  // A correction of the handing unit's own paper of the hand-over day, from either unit's card: decided on its part as it held it.
  const handingDayFact = held?.holder === null && (command.type === 'CorrectReportDate' || command.type === 'CorrectInspection') ? correctedPaperOfHandOverDay(command, state, partOf(state, held.key)!, day!) : undefined;
  if (handingDayFact) {
    const { [held!.key]: _holder, ...rest } = state.parts;
    return { command: { ...command, unitId: handingDayFact.unitId, heldNowBy: held!.key }, state: { ...state, parts: { ...rest, [handingDayFact.unitId]: handingDayFact } } };
  }
  if (!held || (held.key === command.unitId && held.holder === null)) return { command, state };
  const part = partOf(state, held.key)!;
  const { [held.key]: _present, ...others } = state.parts;
  // The unit's own paper of the day it handed the part over, typed after the hand-over: that day's work, before it (breaker8s P6).
  const handing = held.holder === null ? ownPaperOfHandOverDay(command, part, day!) : undefined;
  if (handing) return { command: { ...command, heldNowBy: held.key }, state: { ...state, parts: { ...others, [command.unitId]: handing } } };
  if (held.holder === null && command.actor.role === 'UNIT' && command.actor.unitId === command.unitId) refuseWorkOfPassedPart(command, part);
  const holder = held.holder;
  const asHeld: AssignmentPart = holder
    ? { ...part, unitId: holder.unitId, heldSince: holder.from, heldUntil: holder.until, previousHolders: part.previousHolders!.filter((earlier) => earlier.until <= holder.from) }
    : part;
  return { command: { ...command, unitId: asHeld.unitId, heldNowBy: held.key }, state: { ...state, parts: { ...others, [asHeld.unitId]: asHeld } } };
}

/**
 * Whether a correction naming the unit is about its verified record set aside by a join
 * (breaker8h P2): the inspection it names is there and not on the part the unit holds; or the
 * report the form showed (`expectedReportedOn`) is the set-aside record's and not the live part's
 * last report — the live part's report otherwise, which after a carried join is the joining
 * unit's (breaker8h P5). Without the form's date, the set-aside report only when the live part has none.
 */
function correctsSetAside(command: CorrectReportDate | CorrectInspection, state: AssignmentsState, aside: JoinedPart): boolean {
  const live = partOf(state, command.unitId);
  if (command.type === 'CorrectInspection') {
    const has = (part: AssignmentPart | undefined) => part?.inspections.some((inspection) => inspection.inspectionId === command.inspectionId) ?? false;
    return has(aside.part) && !has(live);
  }
  const asideOn = aside.part.lastReport?.reportedOn;
  const liveOn = live?.lastReport?.reportedOn;
  if (asideOn === undefined) return false;
  return command.expectedReportedOn === undefined ? liveOn === undefined : asideOn === command.expectedReportedOn && liveOn !== command.expectedReportedOn;
}

/**
 * The hand-over's day is still the handing unit's working day (breaker8s P6; the rule of breaker8s P4 and P11 — one office day,
 * one answer — for a part changing hands): what the office means when a unit reports its work, asks for more time or withdraws
 * its request on the day its part passes (职能调整, 机构改革) is that the unit did so before handing the part over — its seal was
 * still its own that day. So its report (整改报告), extension request (延期申请) or withdrawal (撤回) dated on that day is taken
 * whichever paper was typed first: typed before the hand-over it passes with the part; typed after, it is recorded under the
 * unit (not its successor) and every fold lands it on the part its successor now holds, as the part passed with it. The
 * successor's own papers of that day are after the hand-over. A part that joined the successor's own part that day keeps its
 * record apart: a paper of the joining unit typed after a join is still refused, as is one dated after the day.
 *
 * `part`: the part `command.unitId` passed on, as its holder has it now; `day`: the paper's office day (`YYYY-MM-DD`). Returns the
 * part as the unit held it on its last day (decided on as its own, the successor's later days left out), or undefined when the
 * paper is not one of those, not dated on the day the unit passed this part on, or the part passed on again since.
 */
function ownPaperOfHandOverDay(command: AssignmentCommand & { readonly unitId: string }, part: AssignmentPart, day: string): AssignmentPart | undefined {
  if (!isPaperOfHandingDay(command)) return undefined;
  const held = part.previousHolders?.at(-1);
  if (held?.unitId !== command.unitId || held.until !== day || part.heldSince !== day) return undefined;
  const { heldUntil: _until, ...rest } = part;
  return { ...rest, unitId: held.unitId, heldSince: held.from, previousHolders: part.previousHolders!.slice(0, -1) };
}

/**
 * A correction (`correctReportDate`, `correctInspection`) of a paper of the hand-over day recorded under the unit that handed
 * the part over that day — its own paper of its last working day (`ownPaperOfHandOverDay`), typed before the hand-over or after
 * it: decided on the part as that unit held it, up to the hand-over (`heldUntil`), whichever unit's card the form was sent from,
 * as `correctRecordDate` does (breaker8u P7: these two forms read it as the successor's, so it could be moved to the day after
 * and not to the day before). `part`: the part as its holder has it now; `day`: the corrected fact's office day. Returns that
 * part, or undefined when the fact is not such a paper (a successor's, a pass — which stays its unit's apart, or another day's).
 */
function correctedPaperOfHandOverDay(command: CorrectReportDate | CorrectInspection, state: AssignmentsState, part: AssignmentPart, day: string): AssignmentPart | undefined {
  const handing = part.previousHolders?.at(-1);
  if (handing?.until !== day || part.heldSince !== day) return undefined;
  const entries = state.recorded.map((event, index) => ({ type: event.type, data: event.data, occurredOn: factDayOfEvent(event), index }));
  const asCorrected = withCorrectionsApplied(entries).events;
  const fact =
    command.type === 'CorrectInspection'
      ? asCorrected.findLast((entry) => entry.type === 'InspectionLogged' && (entry.data as { inspectionId: string }).inspectionId === command.inspectionId && (entry.data as { outcome: string }).outcome === 'FAILED')
      : asCorrected.findLast((entry) => entry.type === 'RectificationReported' && entry.occurredOn === day);
  if ((fact?.data as { unitId?: string } | undefined)?.unitId !== handing.unitId || fact?.occurredOn !== day) return undefined;
  return { ...part, unitId: handing.unitId, heldSince: handing.from, heldUntil: day, previousHolders: part.previousHolders!.slice(0, -1) };
}

/**
 * The papers of a unit's part that the day it passes on still reads as its own (`ownPaperOfHandOverDay`): its report, extension
 * request and withdrawal (breaker8s P6), and the office's urging, send-back, failed inspection and extension decision about it
 * (breaker8u P7, P2) — a paper of that day naming the handing unit is about its part before it passed, whichever was typed
 * first. A pass is not among them: a part verified on the day it would pass stays with its unit, which undoes the step
 * (`passOfHandingDay` before the pass is recorded, under the handing unit; `passOfMergeDay`, `handOversUndone`).
 */
function isPaperOfHandingDay(command: AssignmentCommand): boolean {
  switch (command.type) {
    case 'ReportRectification':
    case 'RequestExtension':
    case 'WithdrawExtensionRequest':
    case 'UrgeUnit':
    case 'SendBackReport':
    case 'DecideExtension':
      return true;
    case 'LogInspection':
      return command.outcome === 'FAILED';
    default:
      return false;
  }
}

/** A recorded fact that `isPaperOfHandingDay` takes on the day its unit's part passes on: any record of a part but a 交办 or a pass. */
function isRecordOfHandingDay(event: AssignmentEvent): boolean {
  switch (event.type) {
    case 'RectificationReported':
    case 'ExtensionRequested':
    case 'ExtensionRequestWithdrawn':
    case 'UnitUrged':
    case 'ReportSentBack':
    case 'ExtensionGranted':
    case 'ExtensionRefused':
      return true;
    case 'InspectionLogged':
      return event.data.outcome === 'FAILED';
    default:
      return false;
  }
}

/**
 * A unit's own clerk entering its work on a part it had passed on (机构改革), dated on or after the
 * day it passed: CONFLICT naming the day and the unit that holds the part since (breaker8b N1).
 */
function refuseWorkOfPassedPart(command: AssignmentCommand & { readonly unitId: string }, part: AssignmentPart): never {
  const passedOn = part.previousHolders?.findLast((earlier) => earlier.unitId === command.unitId)?.until ?? part.heldSince ?? '';
  const unit = unitNamed(command, command.unitId);
  const holder = unitNamed(command, part.unitId);
  throw conflict(
    `The part of ${unit.en} passed to ${holder.en} on ${passedOn}; from that day ${holder.en} does the work on it.`,
    `${unit.zh}的任务已于 ${passedOn} 移交${holder.zh}，此后由${holder.zh}办理。`,
  );
}

/** The office day that says who held the part a command is about: its fact's, or for a correction the corrected fact's. */
function heldDayOf(command: AssignmentCommand, state: AssignmentsState): string | undefined {
  if (command.type !== 'CorrectReportDate' && command.type !== 'CorrectInspection') return factDayOf(command)?.day;
  const part = partOf(state, command.unitId) ?? partsOf(state).find((candidate) => candidate.previousHolders?.some((held) => held.unitId === command.unitId));
  if (command.type === 'CorrectReportDate') return part?.lastReport?.reportedOn;
  return part?.inspections.find((inspection) => inspection.inspectionId === command.inspectionId)?.inspectedOn;
}

/**
 * A part handed over (机构改革) is its successor's from the day it passed: nothing new on it is
 * dated before that day (the facts of those days were its predecessor's), and a correction does
 * not move a fact across it. BAD_USER_INPUT naming both days.
 */
function requireHeldThen(command: AssignmentCommand, state: AssignmentsState): void {
  if (command.type === 'AssignUnit' || command.type === 'ReopenParts' || command.type === 'HandOverPart' || command.type === 'CorrectFactDate') return;
  const part = partOf(state, command.unitId);
  const fact = factDayOf(command);
  if (!part || !fact) return;
  const until = part.heldUntil;
  if (until !== undefined && !isAfter(until, fact.day)) {
    // A past holder's fact (see `asHeldOn`): a correction does not move it to the days its successor held the part.
    const unit = unitNamed(command, part.unitId);
    throw badInput(
      `${capitalise(fact.what.en)} (${fact.day}) would move a fact of ${unit.en} to after its part passed to another unit (${until}).`,
      `${fact.what.zh}（${fact.day}）会把${unit.zh}的记录移到其任务移交其他单位（${until}）之后。`,
    );
  }
  const since = part.heldSince;
  if (since === undefined) return;
  const corrected =
    command.type === 'CorrectReportDate'
      ? part.lastReport?.reportedOn
      : command.type === 'CorrectInspection'
        ? part.inspections.find((inspection) => inspection.inspectionId === command.inspectionId)?.inspectedOn
        : undefined;
  const holder = unitNamed(command, part.unitId);
  // A fact of the predecessor's days keeps to them; anything else is from the hand-over on.
  if (corrected !== undefined && corrected < since) {
    if (fact.day < since) return;
    throw badInput(
      `${capitalise(fact.what.en)} (${fact.day}) would move a fact of the days before the part passed to ${holder.en} (${since}) after it.`,
      `${fact.what.zh}（${fact.day}）会把该任务移交${holder.zh}（${since}）之前的记录移到移交之后。`,
    );
  }
  if (fact.day >= since) return;
  throw badInput(
    `${capitalise(fact.what.en)} (${fact.day}) is before the part passed to ${holder.en} (${since}); the days before were its predecessor's.`,
    `${fact.what.zh}（${fact.day}）早于该任务移交${holder.zh}的日期（${since}）；此前的任务由原单位承担。`,
  );
}

function decideByType(command: AssignmentCommand, state: AssignmentsState, context: AssignmentParentContext): AssignmentEvent[] {
  switch (command.type) {
    case 'AssignUnit':
      return assignUnit(command, state, context);
    case 'RequestExtension':
      return requestExtension(command, state);
    case 'WithdrawExtensionRequest':
      return withdrawExtensionRequest(command, state);
    case 'DecideExtension':
      return decideExtension(command, state);
    case 'UrgeUnit':
      return urgeUnit(command, state);
    case 'ReportRectification':
      return reportRectification(command, state, context);
    case 'SendBackReport':
      return sendBackReport(command, state);
    case 'LogInspection':
      return logInspection(command, state);
    case 'ReopenParts':
      return reopenParts(command, state);
    case 'HandOverPart':
      return handOverPart(command, state);
    case 'CorrectReportDate':
      return correctReportDate(command, state);
    case 'CorrectInspection':
      return correctInspection(command, state);
    case 'CorrectFactDate':
      return correctFactDate(command, state);
    case 'RetractRecord':
      return retractRecord(command, state);
    case 'CorrectStepDate':
      return correctStepDate(command, state);
    default:
      return unreachable(command);
  }
}

/**
 * The steps a 交办 row's room-making undid (`redone`, by day), applied again after the hand-overs the directory calls for on the
 * new part before their first day (typed-versus-date-order p:4325 run 2: U2's row of 05-10, typed after U0's part had moved into
 * U2 on 08-01, was given U0's part back at once — a join — and its own hand-over to U4 of 06-01 was then skipped, a part another
 * joined later not passing on an earlier day; by date U2's part went to U4 on 06-01 and U0's came to U2 alone on 08-01). `state`:
 * the parts with the steps undone and the row assigned. A round refused here is left to the catch-up after the decision
 * (`handOversDue`), which refuses it in full.
 */
function dueBeforeRedone(command: NamesUnits, state: AssignmentsState, redone: readonly AssignmentEvent[]): AssignmentEvent[] {
  const first = redone.reduce<string | undefined>((earliest, step) => (earliest === undefined || factDayOfEvent(step) < earliest ? factDayOfEvent(step) : earliest), undefined);
  if (first === undefined) return [...redone];
  const early: AssignmentEvent[] = [];
  let folded = state;
  for (let round = 0; round < 128; round += 1) {
    let due: AssignmentEvent[];
    try {
      due = handOversDueOnce(command, folded);
    } catch {
      break;
    }
    const passing = due.filter((event) => event.type === 'PartHandedOver');
    if (passing.length === 0 || passing.some((event) => factDayOfEvent(event) >= first) || due.some((event) => event.type === 'PartHandOverUndone')) break;
    early.push(...due);
    folded = due.reduce(evolveAssignments, folded);
  }
  return [...early, ...redone];
}

function assignUnit(command: AssignUnit, state: AssignmentsState, context: AssignmentParentContext): AssignmentEvent[] {
  const { unitId, role, dueDate, assignedOn } = command;
  const unit = unitNamed(command, unitId);
  requireRole(command.actor, ['SUPERVISOR', 'ADMIN', 'SYSTEM'], say('assign units', '交办任务'));
  if (context.parentClosed) refuseAssignmentToClosed(state, assignedOn, command.today, parentNoun(command));
  // The part the unit holds reached it only after this 交办's day (a predecessor's, passed by a reorganisation typed first): its own row comes first.
  const room = roomForOwnPart(command, state);
  if (room) {
    const assigned = assignUnit(command, room.undone.reduce(evolveAssignments, state), context);
    return [...room.undone, ...assigned, ...dueBeforeRedone(command, [...room.undone, ...assigned].reduce(evolveAssignments, state), room.redone)];
  }
  const rebuilt = partOf(state, unitId) ? roomAmongJoins(command, state, unitId, assignedOn, ownRowFirst(unit, assignedOn)) : undefined;
  if (rebuilt) {
    const assigned = assignUnit(command, rebuilt.undone.reduce(evolveAssignments, state), context);
    return [...rebuilt.undone, ...assigned, ...dueBeforeRedone(command, [...rebuilt.undone, ...assigned].reduce(evolveAssignments, state), rebuilt.redone)];
  }
  const reclaimed = partOf(state, unitId) ? undefined : roomBeforePassedPart(command, state, unitId, assignedOn, ownRowFirst(unit, assignedOn));
  if (reclaimed) {
    const assigned = assignUnit(command, reclaimed.undone.reduce(evolveAssignments, state), context);
    return [...reclaimed.undone, ...assigned, ...dueBeforeRedone(command, [...reclaimed.undone, ...assigned].reduce(evolveAssignments, state), reclaimed.redone)];
  }
  if (partOf(state, unitId)) throw conflict(`${capitalise(unit.en)} is already assigned.`, `${unit.zh}已在交办之列。`);
  // Joint leads (联合牵头) are named together; a lead added on its own later would be a second one. Looked for only for a LEAD:
  // a scan of every part per unit made a batch quadratic in its units (perf47b).
  const lead = role === 'LEAD' ? partsOf(state).find((part) => part.role === 'LEAD' && !(command.coLeadUnitIds ?? []).includes(part.unitId)) : undefined;
  if (lead) {
    const leading = unitNamed(command, lead.unitId);
    throw conflict(
      `${capitalise(leading.en)} is already the lead unit; lead units leading jointly (联合牵头) are named together, in one assignment or plan version.`,
      `${leading.zh}已是牵头单位；联合牵头的单位须在同一次交办（或同一版方案）中一并列明。`,
    );
  }
  requireCalendarDate(dueDate, DUE_DATE);
  const override = boundedDueDate(dueDate, command, DUE_DATE);
  requireBusinessDay(assignedOn, command.today, named('assignedOn', 'The assignment date', '交办日期'));
  // A unit whose part passed to another is given a new one only from that day: before it, it held the one that passed.
  const passed = state.passedOn && Object.hasOwn(state.passedOn, unitId) ? state.passedOn[unitId] : undefined;
  requireNotBefore(
    { day: assignedOn, what: named('assignedOn', 'the assignment date', '交办日期') },
    passed === undefined ? null : { day: passed, what: say(`the day the earlier part of ${unit.en} passed to another unit`, `${unit.zh}原有任务移交其他单位的日期`) },
  );
  // Before its reopening the parent was closed (or closed wrongly, had the unit had a part then): a part comes after it.
  requireNotBefore(
    { day: assignedOn, what: named('assignedOn', 'the assignment date', '交办日期') },
    state.reopenedOn === undefined ? null : { day: state.reopenedOn, what: say('the day it was reopened', '重新打开的日期') },
  );
  const due = { day: dueDate, what: named('dueDate', `the due date of ${unit.en}`, `${unit.zh}的截止日期`) };
  requireNotBefore(due, command.dueFrom);
  // A part due before it is handed out would be overdue the moment the unit gets it (breaker11 F14).
  requireNotBefore(due, { day: assignedOn, what: say('its assignment date', '交办日期') });
  const terms = command.terms ?? BY_DATE;
  if (terms.kind === 'AT_ONCE' && dueDate !== assignedOn) {
    throw badInput(
      `A part to fix at once (立行立改) is due on the day it is assigned (${assignedOn}), not on ${dueDate}.`,
      `立行立改的任务应于交办当日（${assignedOn}）完成，而不是 ${dueDate}。`,
      { field: 'dueDate' },
    );
  }
  return [{ type: 'UnitAssigned', data: { unitId, role, dueDate, ...(terms.kind === 'BY_DATE' ? {} : { terms }), assignedOn, ...recorded(override) } }];
}

/**
 * A 交办 of a unit dated before the day the part it holds reached it (a predecessor's part, passed by a hand-over or merge typed
 * first — breaker8l P9: hand A→S 09-01, A's row of 06-15, then S's own row of 06-15): by date S had its own part from the row's
 * day and A's joined it on 09-01. The steps that brought S the part come off (`undone`), the row is assigned, and the steps are
 * applied again on their days (`redone`, now joins) — as `successorStepsAfterDay` makes room for a late hand-over. Undefined
 * when the unit holds no such part (its own, one taken over by the row's day, or one another's part joined since: 「已在交办之列」).
 * CONFLICT when the unit has a record of its own on that part since it took it over: in date order the record would be on its
 * own part, not the one it joined — correct that record first (and where the day of the step that brought the part is corrected,
 * if anywhere: `reorganisationDayCorrection`).
 */
function roomForOwnPart(command: AssignUnit, state: AssignmentsState): ReturnType<typeof successorStepsAfterDay> | undefined {
  const { unitId, assignedOn } = command;
  if (!ownPartComesFirst(command, state, unitId, assignedOn)) return undefined;
  const held = partOf(state, unitId)!;
  const passed = held.previousHolders!.at(-1)!;
  const postDated = postDatedRecord(state, held.previousHolders!, held.previousHolders!.findIndex((holder) => isAfter(holder.until, assignedOn)));
  if (postDated) {
    const unit = unitNamed(command, unitId);
    const predecessor = unitNamed(command, postDated.unitId);
    throw conflict(
      `${capitalise(unit.en)} cannot be assigned its own part as of ${assignedOn}: by date the part of ${predecessor.en} would then join it on ${postDated.until}, and the record of ${postDated.day} entered on that part (after it passed on) would belong to the joined part, not to ${predecessor.en}'s. Correct that record's day first (更正记录日期), or assign ${unit.en} from ${postDated.until} on.`,
      `${unit.zh}不能自 ${assignedOn} 起交办自己的任务：按日期${predecessor.zh}的任务将于 ${postDated.until} 并入${unit.zh}自己的任务，而该任务上 ${postDated.day} 的记录（晚于移交日期）应属于合并后的任务，不再属于${predecessor.zh}原来的任务。请先更正该记录的日期（更正记录日期），或自 ${postDated.until} 起交办。`,
      { field: 'assignedOn' },
    );
  }
  let room: ReturnType<typeof successorStepsAfterDay>;
  try {
    const own = unitNamed(command, unitId);
    const reason = (step: StepUndone) => `${own.zh}自 ${assignedOn} 起有自己的任务（交办），${step.on} 的移交随后重新办理`;
    room = successorStepsAfterDay({ ...command, unitId: passed.unitId, successorUnitId: unitId, handedOverOn: assignedOn }, state, reason);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const unit = unitNamed(command, unitId);
    const predecessor = unitNamed(command, passed.unitId);
    // Where the day of the step that brought the part can be corrected, if anywhere (h57c).
    const how = reorganisationDayCorrection(command, state, { unitId: passed.unitId, successorUnitId: unitId, on: held.heldSince! });
    throw conflict(
      `${capitalise(unit.en)} cannot be assigned its own part as of ${assignedOn}: it holds the part of ${predecessor.en}, taken over on ${held.heldSince}, and has records on it since; by date they would be on its own part. Correct the days of those records first (更正记录日期); ${how.en}.`,
      `${unit.zh}不能自 ${assignedOn} 起交办自己的任务：${unit.zh}现有的任务是 ${held.heldSince} 从${predecessor.zh}移交来的，此后已有${unit.zh}的记录；按日期这些记录应属于${unit.zh}自己的任务。请先更正这些记录的日期（更正记录日期）；${how.zh}。`,
      { field: 'assignedOn' },
    );
  }
  return room.undone.length > 0 ? room : undefined;
}

/** Steps taken off to make room for an earlier-dated 交办 (latest recorded first), and the same steps applied again after it. */
type RoomMade = { undone: PartHandOverUndone[]; redone: Extract<AssignmentEvent, { type: 'PartHandedOver' }>[] };

/** Whether the directory registered `unitId` only after office day `day` (it cannot hold a part of that day). */
const registeredAfter = (command: NamesUnits, unitId: string, day: string): boolean => {
  const registered = command.unitNames?.registeredOnOf?.(unitId);
  return registered !== undefined && isAfter(registered, day);
};

/**
 * A 交办 of a unit dated before every step that built the part it holds, when others' parts joined there (two hand-overs or
 * merges into the unit on one day, the directory typed before the rows — breaker8m P9; `roomForOwnPart` takes a part only
 * moved in): by date the unit had its own part from the row's day and each of those parts joined it on its day, its own due
 * date standing. Every step into the unit's part after the day comes off, the latest recorded first (`stepsAfterDay`, the
 * same-day rule's set-aside record with its kept one), the row is assigned, and the steps are applied again on their days,
 * the earliest first (now joins). Undefined — 「已在交办之列」 stands — when the unit was not registered by the day, or a
 * step cannot come off (a carried join, a record of the unit's own on the part since).
 */
function roomAmongJoins(
  command: NamesUnits,
  state: AssignmentsState,
  unitId: string,
  assignedOn: string,
  /** Why each step comes off (Chinese, for the history): the unit's own 交办 of the day, or a part passed to it that day. */
  undoneReason: (step: StepUndone) => string,
): RoomMade | undefined {
  const held = partOf(state, unitId);
  if (!held?.previousHolders?.length || held.heldSince === undefined || !isAfter(held.heldSince, assignedOn) || held.joinedOn === undefined) return undefined;
  if (registeredAfter(command, unitId, assignedOn)) return undefined;
  const undone = stepsAfterDay(command, state, assignedOn, undoneReason, unitId);
  if (undone.length === 0 || partOf(undone.reduce(evolveAssignments, state), unitId)) return undefined;
  return { undone, redone: redoneByDay(command, undone, undone.reduce(evolveAssignments, state), unitId) };
}

/**
 * A 交办 of a unit that holds no part now, dated before it took over the part it has passed on since (fuzz p:4301 run 0: U0's
 * part handed to U3 on 07-01, U3 merged into U4 on 08-01, then U3's own row of 05-10 typed): by date U3 had its own part from
 * the row's day, U0's joined it on 07-01 and the joined part passed on 08-01. Every step into the part's chain after the day
 * comes off, the latest recorded first (`stepsAfterDay`, the present holder's part, then each earlier holder's as it is
 * restored), the row is assigned, and the steps apply again on their days, the earliest first (a step into a unit holding a
 * part by then joins it). Undefined — the rule that a unit is given a new part only from the day its earlier one passed
 * stands — when the unit held that part on the row's day (or its own part passed), was not registered by the day, or a step
 * cannot come off (a record of a later holder's own on it).
 */
function roomBeforePassedPart(
  command: NamesUnits,
  state: AssignmentsState,
  unitId: string,
  assignedOn: string,
  undoneReason: (step: StepUndone) => string,
): RoomMade | undefined {
  const passedOn = state.passedOn && Object.hasOwn(state.passedOn, unitId) ? state.passedOn[unitId]! : undefined;
  if (passedOn === undefined || !isAfter(passedOn, assignedOn)) return undefined;
  const carrier = partsOf(state).find((part) => part.previousHolders?.some((held) => held.unitId === unitId && held.until === passedOn));
  const held = carrier?.previousHolders?.findLast((earlier) => earlier.unitId === unitId && earlier.until === passedOn);
  // Or the part it took over joined another's on that day, its record kept behind (typed-versus-date-order p:4326 run 0: U1's
  // part handed to U2 on 08-01, U2 merged into U4 on 09-01 where U3's part had moved that day; then U2's own 04-26 row).
  const joining = carrier ? undefined : joinedRecordTakenOver(state, unitId, passedOn, assignedOn);
  if (joining) return roomMade(command, state, unitId, assignedOn, undoneReason, joining.into);
  // Its own part (never taken over), or one it held on the row's day: the row comes after the part passed, as before.
  if (!carrier || !held || carrier.previousHolders![0]!.unitId === unitId || !isAfter(held.from, assignedOn)) return undefined;
  return roomMade(command, state, unitId, assignedOn, undoneReason, carrier.unitId);
}

/**
 * The part `unitId` took over from another unit after `assignedOn` and that joined another unit's part on `passedOn` (its record
 * kept behind, `AssignmentsState.joined`): the unit now holding the part it joined (`into`); undefined when there is none.
 */
function joinedRecordTakenOver(state: AssignmentsState, unitId: string, passedOn: string, assignedOn: string): { readonly into: string } | undefined {
  const record = state.joined && Object.hasOwn(state.joined, unitId) ? state.joined[unitId]! : undefined;
  const takenOverOn = record?.part.previousHolders?.at(-1)?.until;
  if (!record || record.joinedOn !== passedOn || takenOverOn === undefined || !isAfter(takenOverOn, assignedOn)) return undefined;
  const into = partsOf(state).find((part) => part.unitId === record.successorUnitId || (part.heldBefore ?? []).includes(record.successorUnitId));
  return into ? { into: into.unitId } : undefined;
}

/**
 * `roomBeforePassedPart`'s undoing, once the part carrying the unit's earlier holding is found (held now by `holder`): the
 * steps back to the unit undone, the 交办 then made, the steps applied again by day — or undefined when that leaves no room.
 */
function roomMade(command: NamesUnits, state: AssignmentsState, unitId: string, assignedOn: string, undoneReason: (step: StepUndone) => string, holder: string): RoomMade | undefined {
  if (registeredAfter(command, unitId, assignedOn)) return undefined;
  const undone: PartHandOverUndone[] = [];
  let folded = state;
  // The chain back to the unit: the present holder's steps after the day, then those into the part each undoing restores.
  for (; undone.length < 64; ) {
    const steps = stepsAfterDay(command, folded, assignedOn, undoneReason, holder);
    if (steps.length === 0) break;
    undone.push(...steps);
    folded = steps.reduce(evolveAssignments, folded);
    if (holder === unitId) break;
    // Toward the unit: its own step when one came off (a join among the day's steps: p:4326), else the step into the part restored.
    holder = steps.some((step) => step.data.unitId === unitId) ? unitId : steps.at(-1)!.data.unitId;
  }
  const stillPassed = folded.passedOn && Object.hasOwn(folded.passedOn, unitId) ? folded.passedOn[unitId]! : undefined;
  if (undone.length === 0 || partOf(folded, unitId) || (stillPassed !== undefined && isAfter(stillPassed, assignedOn))) return undefined;
  return { undone, redone: redoneByDay(command, undone, folded, unitId) };
}

/**
 * The steps `undone` (latest recorded first) applied again on their days, the earliest first, once the 交办 of `assigned` is in:
 * each worded as what it is now — a join where the successor is that unit or holds a part by then (`from`: the state with the
 * steps undone, before the row), else a move.
 */
function redoneByDay(command: NamesUnits, undone: readonly PartHandOverUndone[], from: AssignmentsState, assigned: string): Extract<AssignmentEvent, { type: 'PartHandedOver' }>[] {
  let redoing = from;
  return [...undone].reverse().map((step) => {
    const unit = unitNamed(command, step.data.unitId);
    const successor = unitNamed(command, step.data.successorUnitId);
    const joins = step.data.successorUnitId === assigned || partOf(redoing, step.data.successorUnitId) !== undefined;
    const event: Extract<AssignmentEvent, { type: 'PartHandedOver' }> = {
      type: 'PartHandedOver',
      data: { unitId: step.data.unitId, successorUnitId: step.data.successorUnitId, reason: `按日期顺序重新办理：${unit.zh}的任务于 ${step.data.handedOverOn} ${joins ? `并入${successor.zh}的任务` : `移交${successor.zh}`}`, handedOverOn: step.data.handedOverOn },
    };
    redoing = evolveAssignments(redoing, event);
    return event;
  });
}

/**
 * Whether a 交办 of `unitId` dated `assignedOn` comes before a part others' parts joined since, every step of it after that day
 * (`roomAmongJoins`): a plan revision listing the unit adds its own part then, rather than reading the unit as already there.
 */
export const ownPartComesBeforeJoins = (command: NamesUnits, state: AssignmentsState, unitId: string, assignedOn: string): boolean =>
  roomAmongJoins(command, state, unitId, assignedOn, ownRowFirst(unitNamed(command, unitId), assignedOn)) !== undefined;

/** A step into a unit's part undone to make room for an earlier-dated fact: its day, and whether it was a join (合并) or a move (移交). */
type StepUndone = { readonly on: string; readonly join: boolean };

/** The undoing's reason when the unit's own 交办 of `assignedOn` comes before the steps that built the part it holds. */
const ownRowFirst = (unit: Bilingual, assignedOn: string) => (step: StepUndone) =>
  `${unit.zh}自 ${assignedOn} 起有自己的任务（交办），${step.on} 的${step.join ? '合并' : '移交'}随后重新办理`;

/**
 * Whether a 交办 of `unitId` dated `assignedOn` comes before the part it holds (see `roomForOwnPart`): that part is a
 * predecessor's, taken over after the day, nothing joined it since, and the unit existed on the day. A plan revision listing the
 * unit adds it then, rather than reading the unit as already there (breaker8l P9: it was dropped silently).
 */
export function ownPartComesFirst(command: NamesUnits, state: AssignmentsState, unitId: string, assignedOn: string): boolean {
  const held = partOf(state, unitId);
  if (!held?.previousHolders?.length || held.heldSince === undefined || !isAfter(held.heldSince, assignedOn) || held.joinedOn !== undefined) return false;
  // Not registered by the day: the paper names it by today's name, as before (the part it holds is the one meant).
  const registered = command.unitNames?.registeredOnOf?.(unitId);
  return registered === undefined || !isAfter(registered, assignedOn);
}

/**
 * CONFLICT naming the close-out day (B13): an assignment dated on or after it meets a closed item;
 * one dated before it would undo that close-out (the item would not have been closed with an open
 * part), so the office reopens the item first.
 */
function refuseAssignmentToClosed(state: AssignmentsState, assignedOn: string, today: string, noun: Bilingual): never {
  const closedDay = closedOn(state);
  if (closedDay !== null && assignedOn < closedDay) {
    throw conflict(
      `The ${noun.en} was closed on ${closedDay}; an assignment dated ${assignedOn}, before it, would undo that close-out, and one dated before a close-out is not entered. ` +
        `If the unit must take part, reopen the ${noun.en} first (on ${closedDay} or later; its verified parts are returned for rework) and assign the unit on the reopening day or later, giving the original assignment day in the reason.`,
      `该${noun.zh}已于 ${closedDay} 销号；交办日期（${assignedOn}）早于销号日期，补录这次交办会使该销号不再成立，早于销号日期的交办不能补录。` +
        `如该单位确须承担，请先重新打开该${noun.zh}（重新打开日期不早于 ${closedDay}，已核验的任务将退回重新整改），再以重新打开之日或之后的日期交办，并在理由中写明原交办日期。`,
    );
  }
  throw closedThenError(state, closedDay ?? assignedOn, assignedOn, today, say('no more units can be assigned; reopen it first if one must be', `不能再交办单位；如确需交办，请先重新打开该${noun.zh}`), noun);
}

/**
 * CONFLICT: on office day `day` the unit's report of `awaiting` was awaiting inspection, so `what`
 * (a new report, an extension) had no place then. Says what to enter first when the paper of that day
 * also has the inspection that failed it or the send-back (breaker8t P4: typed before them, the words
 * said the unit was late and should report). `today`: the office day now (today's case reads in the present).
 */
function awaitingInspectionThen(unit: Bilingual, awaiting: string, day: string, today: string, what: Bilingual): DomainError {
  const past = day < today;
  return conflict(
    (past ? `${capitalise(unit.en)} had reported on ${awaiting}; on ${day} that report was awaiting inspection.` : `${capitalise(unit.en)} has already reported (on ${awaiting}), awaiting inspection.`) +
      ` If an inspection failed it or it was sent back on or before ${day}, enter that first; then ${what.en} can be entered.`,
    (past ? `${unit.zh}已于 ${awaiting} 报送整改情况，${day} 时该报告正在等待督查。` : `${unit.zh}已于 ${awaiting} 报送整改情况，正在等待督查。`) +
      `如该报告在 ${day} 或之前已督查未通过或被退办，请先录入督查结果或退办，再录入${what.zh}。`,
  );
}

function requestExtension(command: RequestExtension, state: AssignmentsState): AssignmentEvent[] {
  const { unitId, requestId, requestedDueDate, reason, requestedOn } = command;
  // 代录 (newcomer51-8 S2): the office types a unit's paper request on its behalf, as it does its paper report; then decides it.
  const enteredBy = command.actor.role === 'SUPERVISOR' ? command.actor.id : undefined;
  if (enteredBy === undefined) requireOwnUnit(command, unitId, say('request an extension of its due date', '申请延期'), say('; a supervisor may enter its paper request on its behalf (代录)', '；督办人员可依据纸质申请代录'));
  const part = requirePart(state, unitId, command);
  const unit = unitNamed(command, unitId);
  const asked = { day: requestedOn, what: named('requestedOn', 'the request date', '延期申请日期') };
  requireBusinessDay(requestedOn, command.today, named('requestedOn', 'The request date', '申请日期'));
  requireNotBefore(asked, assignedDay(part, command));
  // Judged on the part as it stood on the day asked, whatever was entered since.
  const then = partOn(state, part, requestedOn);
  if (verifiedBeforeTheDay(then, requestedOn)) throw verifiedThen(state, then, requestedOn, unit, say('no extension is needed', '无需延期'));
  if (isNeverOverdue(then.terms)) {
    throw conflict(
      `The part of ${unit.en} is a standing task (常态化): it is never overdue, so there is no due date to extend. Report its progress each period instead.`,
      `${unit.zh}的任务为常态化任务，不存在逾期，无需延期；请按期报送进展。`,
    );
  }
  // A failed inspection may come after the due date; the unit then needs time to fix what it found.
  const returnedByInspection = then.status === 'RETURNED' && then.lastReturn?.cause === 'INSPECTION_FAILED';
  // Reported on time and awaiting inspection that day: nothing was late, and nothing to extend (breaker8t P4: it was told to report, late).
  if (isAfter(requestedOn, then.dueDate) && then.status === 'REPORTED') {
    throw awaitingInspectionThen(unit, then.lastReport?.reportedOn ?? requestedOn, requestedOn, command.today, say('an extension', '延期申请'));
  }
  if (isAfter(requestedOn, then.dueDate) && !returnedByInspection) {
    throw conflict(
      `The due date ${then.dueDate} had passed on ${requestedOn}: an extension must be asked for before it. Report the work, late, instead.`,
      `截止日期 ${then.dueDate} 在申请日 ${requestedOn} 已过：延期须在截止日期前申请。请直接报送整改情况（逾期）。`,
    );
  }
  const pending = pendingExtensionOf(then);
  if (pending) {
    throw conflict(
      `An extension request of ${unit.en} (${pending.requestId}, of ${pending.requestedOn}) was still awaiting a decision on ${requestedOn}.`,
      `${unit.zh}于 ${pending.requestedOn} 提出的延期申请在 ${requestedOn} 尚待审批。`,
    );
  }
  if (part.extensionRequests.some((request) => request.requestId === requestId)) {
    throw conflict(`Extension request ${requestId} already exists.`, `${unit.zh}的这项延期申请已经提交过。`);
  }
  requireText(reason, named('reason', 'A reason for the extension', '延期理由'));
  requireCalendarDate(requestedDueDate, REQUESTED_DUE_DATE);
  requireLaterThanDueDate(requestedDueDate, then, requestedOn, REQUESTED_DUE_DATE);
  requireNotPast(requestedDueDate, requestedOn, REQUESTED_DUE_DATE);
  // A day no 特批 could grant (past the override's reach: a year typed wrong, 2099) is refused when asked, never left pending
  // until the supervisor's approval is refused (newcomer49-10 M16). A day past the limit within it may be granted with a 特批.
  const limit = command.dueDateLimit;
  if (limit && isAfter(requestedDueDate, overrideReach(limit.latest))) {
    const past = beyondOverrideReach(requestedDueDate, limit);
    throw badInput(`${REQUESTED_DUE_DATE.en} ${requestedDueDate}: ${past.en}`, `${REQUESTED_DUE_DATE.zh}（${requestedDueDate}）晚于${past.zh}`, fieldOf(REQUESTED_DUE_DATE));
  }
  const events: AssignmentEvent[] = [{ type: 'ExtensionRequested', data: { unitId, requestId, requestedDueDate, reason, requestedOn, ...(enteredBy !== undefined ? { enteredBy } : {}) } }];
  requireLaterFactsHold(state, events, asked, command);
  return events;
}

/**
 * 撤回延期申请 (newcomer23 S3): the unit's own request, still pending on the day withdrawn (judged as
 * it stood then, whatever was entered since) → ExtensionRequestWithdrawn. FORBIDDEN for another
 * unit or a supervisor; NOT_FOUND for an unknown request; CONFLICT, in words naming what happened to
 * it, when it was decided, lapsed or withdrawn already; BAD_USER_INPUT for a day in the future or
 * before the request, or no reason.
 */
function withdrawExtensionRequest(command: WithdrawExtensionRequest, state: AssignmentsState): AssignmentEvent[] {
  const { unitId, requestId, withdrawnOn } = command;
  requireOwnUnit(command, unitId, say('withdraw its extension request', '撤回该单位的延期申请'));
  const part = requirePart(state, unitId, command);
  const unit = unitNamed(command, unitId);
  const known = part.extensionRequests.find((candidate) => candidate.requestId === requestId);
  if (!known) {
    throw new DomainError('NOT_FOUND', say(`Extension request ${requestId} of ${unit.en} does not exist.`, `找不到${unit.zh}的这项延期申请。`), { field: 'requestId' });
  }
  // Decided on the withdrawal's own day, it is taken and read as overtaken (`decisionOfWithdrawalDay`, breaker8v P3).
  const sameDay = withdrawnOn < command.today && known.status !== 'WITHDRAWN' && decisionOfWithdrawalDay(known, withdrawnOn);
  if (known.status !== 'PENDING' && known.status !== 'LAPSED' && !sameDay) throw notPendingAnyMore(known, unit);
  const withdrawn = { day: withdrawnOn, what: named('withdrawnOn', 'the withdrawal date', '撤回日期') };
  requireBusinessDay(withdrawnOn, command.today, named('withdrawnOn', 'The withdrawal date', '撤回日期'));
  requireNotBefore(withdrawn, { day: known.requestedOn, what: say('the request it withdraws', '所撤回的延期申请日期') });
  const partThen = partOn(state, part, withdrawnOn);
  const then = partThen.extensionRequests.find((candidate) => candidate.requestId === requestId) ?? known;
  // Lapsed by a pass of the withdrawal's own day only, it was still pending when withdrawn: a pass is the last word of its day (breaker8s P11).
  if (then.status !== 'PENDING' && !lapsedOnlyOn(partThen, then, withdrawnOn) && !(sameDay && decisionOfWithdrawalDay(then, withdrawnOn))) throw notPendingAnyMore(then, unit);
  requireText(command.reason, named('reason', 'A reason for withdrawing the request', '撤回理由'));
  const events: AssignmentEvent[] = [{ type: 'ExtensionRequestWithdrawn', data: { unitId, requestId, reason: command.reason, withdrawnOn } }];
  requireLaterFactsHold(state, events, withdrawn, command);
  return events;
}

/** CONFLICT for withdrawing a request no longer awaiting a decision, saying what became of it. */
function notPendingAnyMore(request: ExtensionRequest, unit: Bilingual): DomainError {
  const asked = `${request.requestedOn} 申请延至 ${request.requestedDueDate}`;
  switch (request.status) {
    case 'GRANTED':
    case 'REFUSED': {
      const decided = request.status === 'GRANTED' ? say('granted', '批准') : say('refused', '驳回');
      return conflict(
        `The extension request of ${unit.en} (${request.requestedOn}, for ${request.requestedDueDate}) was already ${decided.en} on ${request.decidedOn}: a decided request cannot be withdrawn. If the date is wrong, ask the supervising office.`,
        `${unit.zh}的延期申请（${asked}）已于 ${request.decidedOn} ${decided.zh}，不能再撤回；如日期有误，请与督办单位联系。`,
      );
    }
    case 'LAPSED':
      return conflict(
        `The extension request of ${unit.en} (${request.requestedOn}, for ${request.requestedDueDate}) lapsed when its part was verified; there is nothing to withdraw.`,
        `${unit.zh}的延期申请（${asked}）已在任务确认完成时失效，无需撤回。`,
      );
    case 'WITHDRAWN':
      return conflict(
        `The extension request of ${unit.en} (${request.requestedOn}, for ${request.requestedDueDate}) was already withdrawn on ${request.withdrawnOn}.`,
        `${unit.zh}的延期申请（${asked}）已于 ${request.withdrawnOn} 撤回。`,
      );
    case 'PENDING':
      return conflict(`The extension request of ${unit.en} could not be withdrawn then.`, `${unit.zh}的该项延期申请当时不能撤回。`);
    default:
      return unreachable(request.status);
  }
}

function decideExtension(command: DecideExtension, state: AssignmentsState): AssignmentEvent[] {
  const { unitId, requestId, decidedOn } = command;
  requireRole(command.actor, ['SUPERVISOR'], say('decide extension requests', '审批延期申请'));
  const part = requirePart(state, unitId, command);
  const unit = unitNamed(command, unitId);
  const known = part.extensionRequests.find((candidate) => candidate.requestId === requestId);
  if (!known) {
    throw new DomainError('NOT_FOUND', say(`Extension request ${requestId} of ${unit.en} does not exist.`, `找不到${unit.zh}的这项延期申请。`), { field: 'requestId' });
  }
  if (known.status === 'GRANTED' || known.status === 'REFUSED') throw decidedMeanwhile(known, unitId, unit);
  // Withdrawn on the decision's own day, both entered from paper later: the decision stands (`decisionOfWithdrawalDay`).
  const ofWithdrawalDay = decidedOn < command.today && decisionOfWithdrawalDay(known, decidedOn);
  if (known.status === 'WITHDRAWN' && !ofWithdrawalDay) {
    throw conflict(
      `Extension request ${requestId} of ${unit.en} was withdrawn by the unit on ${known.withdrawnOn}; there is nothing to decide.`,
      `${unit.zh}已于 ${known.withdrawnOn} 撤回该项延期申请，无需审批。`,
    );
  }
  const decided = { day: decidedOn, what: named('decidedOn', 'the decision date', '审批日期') };
  requireBusinessDay(decidedOn, command.today, named('decidedOn', 'The decision date', '审批日期'));
  requireNotBefore(decided, { day: known.requestedOn, what: say('the request it decides', '所审批的延期申请日期') });
  // Judged on the part as it stood on the day decided: open then, the request still pending then.
  const then = partOn(state, part, decidedOn);
  const request = then.extensionRequests.find((candidate) => candidate.requestId === requestId) ?? known;
  if (verifiedBeforeTheDay(then, decidedOn)) throw verifiedThen(state, then, decidedOn, unit, say('its extension request is not decided any more', '延期申请不再审批'));
  if (request.status === 'WITHDRAWN' && !(ofWithdrawalDay && decisionOfWithdrawalDay(request, decidedOn))) {
    throw conflict(
      `Extension request ${requestId} of ${unit.en} was withdrawn by the unit on ${request.withdrawnOn}; there is nothing to decide.`,
      `${unit.zh}已于 ${request.withdrawnOn} 撤回该项延期申请，无需审批。`,
    );
  }
  // One rule with the web app's 审批延期 (`decisionWindow`): a lapsed request is decided on a day up to the pass that lapsed it.
  const window = decisionWindow(request, then.inspections);
  if (request.status === 'LAPSED' && !(window?.until !== undefined && decidedOn <= window.until)) {
    throw conflict(
      `Extension request ${requestId} of ${unit.en} lapsed when its part was verified${then.verifiedOn ? '' : ` (before ${decidedOn})`}; it is not decided any more. If the part needs more time now, the unit asks again.`,
      `${unit.zh}的该项延期申请已在任务确认完成时失效，不再审批；如现在仍需延期，请单位重新申请。`,
    );
  }

  if (!command.approve) {
    requireText(command.reason, named('reason', 'A reason for refusing the extension', '驳回延期的理由'));
    const refused: AssignmentEvent[] = [{ type: 'ExtensionRefused', data: { unitId, requestId, reason: command.reason, decidedOn } }];
    requireLaterFactsHold(state, refused, decided, command);
    return refused;
  }
  const newDueDate = command.newDueDate ?? request.requestedDueDate;
  requireCalendarDate(newDueDate, NEW_DUE_DATE);
  // The supervisor's words with an approval (审批意见: 同意延到20日) are kept with it, as a refusal's are (newcomer52-9 M1: dropped).
  const because = command.reason === undefined || isBlank(command.reason) ? {} : { reason: command.reason.trim() };
  const overtaken = overtakenGrant(state, part, known.requestedOn, newDueDate, then);
  if (overtaken) {
    // Granted and overtaken (breaker8r P4): a paper approval dated after a return that gave a later date than the one it
    // grants is recorded as decided; the later date stays in force (both folds: a grant never cuts the date in force).
    const granted: AssignmentEvent[] = [{ type: 'ExtensionGranted', data: { unitId, requestId, previousDueDate: then.dueDate, newDueDate, decidedOn, ...because } }];
    requireLaterFactsHold(state, granted, decided, command);
    return granted;
  }
  requireLaterThanDueDate(newDueDate, then, decidedOn, NEW_DUE_DATE);
  // Granted a day already past on the decision day, the part would be overdue the moment it was granted (breaker11 F14).
  requireGrantNotPast(newDueDate, decidedOn, request.requestedOn);
  const override = boundedDueDate(newDueDate, command, NEW_DUE_DATE);
  const granted: AssignmentEvent[] = [
    {
      type: 'ExtensionGranted',
      data: { unitId, requestId, previousDueDate: then.dueDate, newDueDate, decidedOn, ...recorded(override), ...because },
    },
  ];
  requireLaterFactsHold(state, granted, decided, command);
  return granted;
}

/**
 * DecideExtension on a request already decided — two supervisors deciding one request at once, or a form opened before a colleague
 * decided it (newcomer52-9 M1): CONFLICT (field requestId) that the write path words with who decided it and when (ChangedMeanwhile,
 * the decision of this very request): 「青川市发展和改革委员会的该项延期申请刚由张伟（政务公开办）批准，时限延至 2026-12-30（北京时间
 * 2026-12-07 12:40，记为 2026-12-07；理由：同意）：本次未作修改。…」 with what to do if another date or decision is wanted. Nothing is
 * recorded: a request is decided once.
 */
function decidedMeanwhile(request: ExtensionRequest, unitId: string, unit: Bilingual): ChangedMeanwhile {
  const granted = request.status === 'GRANTED';
  const how = granted ? say(`granted (due ${request.grantedDueDate ?? request.requestedDueDate})`, `批准，时限延至 ${request.grantedDueDate ?? request.requestedDueDate}`) : say('refused', '驳回');
  const next = granted
    ? say(
        'A request is decided once: if another date is wanted, check with whoever granted it; a later date needs a new extension request from the unit.',
        '一项申请只审批一次：如认为应批准其他时限，请与审批人核实；需要更晚的时限的，请单位另行申请延期。',
      )
    : say('A request is decided once: if the part needs more time after all, the unit asks again.', '一项申请只审批一次：如仍需延期，请单位另行申请。');
  return new ChangedMeanwhile(
    say(`Extension request ${request.requestId} of ${unit.en} was already ${granted ? 'granted' : 'refused'}. Nothing was recorded. ${next.en}`, `${unit.zh}的该项延期申请已${granted ? '批准' : '驳回'}，本次未作修改。${next.zh}`),
    { field: 'requestId', reason: 'ALREADY_DECIDED' },
    {
      types: ['ExtensionGranted', 'ExtensionRefused'],
      unitId,
      matching: { requestId: request.requestId },
      told: ({ who, at, reason }) =>
        say(
          `Extension request ${request.requestId} of ${unit.en} was just ${how.en} by ${who.en} (${at} China time, dated ${request.decidedOn ?? ''}${reason ? `; reason: ${reason}` : ''}). Nothing was recorded. ${next.en}`,
          `${unit.zh}的该项延期申请刚由${who.zh}${how.zh}（北京时间 ${at}，记为 ${request.decidedOn ?? ''}${reason ? `；理由：${reason}` : ''}）：本次未作修改。${next.zh}`,
        ),
    },
  );
}

/**
 * Whether granting `newDueDate` on the part as it stood on the decision day (`then`) is a grant overtaken (breaker8r P4): the
 * date it grants was later than the due date in force on the request's day — a sound request — but a return since (a failed
 * inspection's, a send-back's, a reopening's new date) has put a date no earlier in force. Recorded as decided; it leaves that
 * date standing. A date not later than the one in force on the request's day is still refused (`requireLaterThanDueDate`).
 */
function overtakenGrant(state: AssignmentsState, part: AssignmentPart, requestedOn: string, newDueDate: string, then: AssignmentPart): boolean {
  if (isAfter(newDueDate, then.dueDate)) return false;
  const asked = partOn(state, part, requestedOn);
  return isAfter(newDueDate, asked.dueDate) && isAfter(then.dueDate, asked.dueDate);
}

function urgeUnit(command: UrgeUnit, state: AssignmentsState): AssignmentEvent[] {
  const { unitId, message, urgedOn } = command;
  requireRole(command.actor, ['SUPERVISOR'], say('urge units', '催办'));
  const part = requirePart(state, unitId, command);
  const unit = unitNamed(command, unitId);
  const urged = { day: urgedOn, what: named('urgedOn', 'the urging date', '催办日期') };
  requireBusinessDay(urgedOn, command.today, named('urgedOn', 'The urging date', '催办日期'));
  requireNotBefore(urged, assignedDay(part, command));
  const then = partOn(state, part, urgedOn);
  if (verifiedBeforeTheDay(then, urgedOn)) throw verifiedThen(state, then, urgedOn, unit, say('there was nothing to urge', '无需催办'));
  requireText(message, named('message', 'An urging message', '催办内容'));
  // One paper 催办通知 entered twice (two clerks, two forms): the same day and words for the same unit (breaker8c P8).
  const same = mayBeUrgedAlike(state.recorded, unitId, message) && inBusinessOrder(state.recorded).some(
    ({ event }) => event.type === 'UnitUrged' && event.data.unitId === unitId && event.data.urgedOn === urgedOn && event.data.message.trim() === message.trim(),
  );
  if (same) throw conflict(`${capitalise(unit.en)} was already urged on ${urgedOn} in these words; it is recorded once.`, `${unit.zh} ${urgedOn} 的相同催办已经录入，不再重复记录。`);
  const events: AssignmentEvent[] = [{ type: 'UnitUrged', data: { unitId, message, urgedOn } }];
  requireLaterFactsHold(state, events, urged, command);
  return events;
}

/**
 * Whether `recorded` holds an urging in `message`'s words that may be of `unitId` once corrections
 * are applied (a correction moves its day, an undone hand-over gives the successor's facts to its
 * predecessor): the duplicate check folds the stream in business order only then (breaker12h P1:
 * a 催办 on a 各单位 item sorted the whole stream for it). O(facts), no copies.
 */
function mayBeUrgedAlike(recorded: readonly AssignmentEvent[], unitId: string, message: string): boolean {
  const words = message.trim();
  const undone = recorded.some((event) => event.type === 'PartHandOverUndone');
  return recorded.some((event) => event.type === 'UnitUrged' && (undone || event.data.unitId === unitId) && event.data.message.trim() === words);
}

/**
 * The part as it stood at the end of office day `day` (`assignmentsOn`), under whichever unit held
 * it then; the part as it is when it had not passed to its holder yet (a hand-over's rules answer that).
 */
function partOn(state: AssignmentsState, part: AssignmentPart, day: string): AssignmentPart {
  const then = assignmentsOn(state, day);
  return (
    partOf(then, part.unitId) ??
    partsOf(then).find((candidate) => part.heldBefore?.includes(candidate.unitId)) ??
    // The unit's own paper of the day its part passed on (`ownPaperOfHandOverDay`): the part its successor held at that day's
    // end, not as it reads now with the successor's later facts (breaker8u P6: its report of the day was refused as awaiting
    // inspection of the successor's report of a later day, naming the unit as if it had made it).
    partsOf(then).find((candidate) => candidate.previousHolders?.some((held) => held.unitId === part.unitId && held.until === day)) ??
    part
  );
}

/**
 * A pass is the last word of its office day (breaker8s P11; the rule of breaker8s P4, an extension granted on a report's
 * day counting before it, for the other end of a part's work): what an office means when an inspector passes a part on
 * the day it is urged, or its unit asks for more time, or the office decides or the unit withdraws that request, is that
 * the check on site concluded the day — the urging (催办), the request (延期申请), its decision (批准/驳回) or withdrawal (撤回)
 * of that day was made while the part was still open. So each is taken whichever paper was typed first, and every fold
 * (now, as of a day, known at an instant; scorecards, workloads, lights) reads it alike: the request lapsed by that pass
 * (`withLapses`) unless decided or withdrawn that day, the urging listed, the part verified on that day.
 *
 * True: `then` (the part as it stood at the end of office day `day`, `YYYY-MM-DD`) stood verified by a pass of an earlier day
 * — such a fact is refused (`verifiedThen`). False: open that day, or verified only by a pass dated `day` itself.
 */
export const verifiedBeforeTheDay = (then: AssignmentPart, day: string): boolean => then.status === 'VERIFIED' && then.verifiedOn !== day;

/**
 * Whether `request` of `part` (as it stood at the end of office day `day`) is LAPSED only by a pass dated `day` itself — no pass
 * dated from its request's day to the day before — so a decision or withdrawal of that day came before the pass and met the
 * request pending (breaker8s P11, `verifiedBeforeTheDay`). False for a request not LAPSED.
 */
function lapsedOnlyOn(part: AssignmentPart, request: ExtensionRequest, day: string): boolean {
  if (request.status !== 'LAPSED') return false;
  return part.inspections.every((inspection) => inspection.outcome !== 'PASSED' || inspection.inspectedOn < request.requestedOn || inspection.inspectedOn === day);
}

/**
 * CONFLICT: on office day `day` the part stood verified (since its `verifiedOn`); the message says
 * until when, when a reopening dated later returned it, so the office sees why a fact of that
 * window is refused although the part is open today.
 */
function verifiedThen(state: AssignmentsState, then: AssignmentPart, day: string, unit: Bilingual, nothing: Bilingual, atThePass: Bilingual = say('', '')): DomainError {
  const reopenedOn = inBusinessOrder(state.recorded).find(({ event, occurredOn }) => event.type === 'PartsReopened' && occurredOn > day)?.occurredOn;
  const verifiedOn = then.verifiedOn ?? day;
  if (reopenedOn === undefined) {
    // A reopening of that day, typed after this paper, would have opened it again: said (breaker8u P4). A unit's own report of
    // the pass's own day, the pass having checked an earlier report, is told to have the office enter it (`atThePass`); the
    // office's (代录) is taken (`handedInAtThePass`).
    return conflict(
      `The part of ${unit.en} is already verified (on ${verifiedOn}): ${nothing.en}.${atThePass.en} If it was reopened on ${day}, enter the reopening first.`,
      `${unit.zh}的任务已确认完成（${verifiedOn}），${nothing.zh}。${atThePass.zh}如 ${day} 当天已重新打开，请先录入重新打开。`,
    );
  }
  return conflict(
    `The part of ${unit.en} was verified on ${verifiedOn} and reopened only on ${reopenedOn}: on ${day} ${nothing.en}.`,
    `${unit.zh}的任务已于 ${verifiedOn} 确认完成，${reopenedOn} 才重新打开：${day} ${nothing.zh}。`,
  );
}

/**
 * CONFLICT: on office day `day` the parent stood closed (销号 on `closedDay`); the message says
 * until when, when a reopening dated later opened it again (B13, breaker8b N2). `atThePass`: the
 * way on for a unit's own report of the close-out day, the pass having checked an earlier report
 * (`HANDED_IN_AT_THE_PASS`: the office enters it, 代录).
 */
function closedThenError(state: AssignmentsState, closedDay: string, day: string, today: string, nothing: Bilingual, noun: Bilingual, atThePass: Bilingual = say('', '')): DomainError {
  const reopenedOn = inBusinessOrder(state.recorded).find(({ event, occurredOn }) => event.type === 'PartsReopened' && occurredOn > day)?.occurredOn;
  if (reopenedOn !== undefined) {
    return conflict(
      `The ${noun.en} was closed on ${closedDay} and reopened only on ${reopenedOn}: on ${day} ${nothing.en}.`,
      `该${noun.zh}已于 ${closedDay} 销号，${reopenedOn} 才重新打开：${day} ${nothing.zh}。`,
    );
  }
  const past = day < today;
  // A reopening of that very day typed after this paper: said, as an inspection typed before its report is told (breaker8u P4).
  return conflict(
    `The ${noun.en} was closed on ${closedDay}${past ? `, by ${day}` : ''}: ${nothing.en}.${atThePass.en}${past ? ` If it was reopened on ${day}, enter the reopening first.` : ''}`,
    `该${noun.zh}已于 ${closedDay} 销号${past ? `，${day} 时` : '，'}${nothing.zh}。${atThePass.zh}${past ? `如该${noun.zh}在 ${day} 当天已重新打开，请先录入重新打开。` : ''}`,
  );
}

/**
 * The way on for a unit's report dated the day a pass verified its part, or its predecessor's (N4, breaker43-8 N3), the pass
 * having checked an earlier report: handed in to the inspectors at the pass (an earlier return not entered yet), the office
 * enters it first from the paper (代录; as the predecessor's for a merged unit: `then`), taken as handed in at that pass
 * (`handedInAtThePass`), then that return — the return first would leave the pass checking no report (newcomer55-8 S2).
 */
const HANDED_IN_AT_THE_PASS = (day: string, then: Bilingual): Bilingual =>
  say(
    ` If this report was handed to the inspectors at the inspection of ${day} (a send-back or failed inspection before it is not entered yet), ${then.en} first, then that send-back or failed inspection.`,
    `如该报告是 ${day} 督查当天交给督查组的（此前有退办或督查未通过尚未录入），请先${then.zh}，再录入该退办或督查未通过。`,
  );

/**
 * Whether a report of the unit's part dated office day `day` (`YYYY-MM-DD`) is the one a pass of that day checked, handed in at
 * that inspection (N4): the part stood verified at the end of `day` by that pass, which checked a report of an earlier day
 * (`returnOfThePassDay`) — the return of that earlier report not entered yet, or entered since (of `day` itself:
 * `beforeThePassOfItsDay`) — or, folded by day, that pass found no report awaiting (a return typed after it under the N4 rule
 * settled the report it had checked). Taken then, it folds before that pass (`beforeItsVerification`); until its return is
 * entered the part reads two reports and no return, as typed, and that return goes in next (newcomer55-8 S2: the return typed
 * first is refused, as it would leave the pass checking no report). A report made after a reopening of that day goes in after
 * the reopening.
 *
 * The first case (no return entered yet) holds only for a report the office enters from paper (代录, `byTheOffice`: a
 * supervisor's): the record cannot tell a report dated the day its part passed from one made after the close-out, and a unit
 * keying its own report on a verified part the day it closed is the second (h56c: taken, it let a unit report on a closed
 * finding). The office entering the paper handed in at the inspection says which it was; the unit's own is refused, told to
 * have the office enter it (`HANDED_IN_AT_THE_PASS`).
 */
function handedInAtThePass(state: AssignmentsState, part: AssignmentPart, day: string, byTheOffice: boolean): boolean {
  if (!part.inspections.some((inspection) => inspection.outcome === 'PASSED' && inspection.inspectedOn === day)) return false;
  if (byTheOffice && returnOfThePassDay(partOn(state, part, day), day)) return true;
  return brokenFacts(state.recorded).some(
    ({ event, day: on, why }) => isPassLeftWithoutReport(event, why) && on === day && partFactLandsOn(state, event.data.unitId, day)?.unitId === part.unitId,
  );
}

/**
 * A pass that, where business order puts it, met no report awaiting inspection: a return entered after it settled the report it
 * had checked. Since newcomer55-8 S2 a return is refused when it would leave a pass so (`requireLaterFactsHold`,
 * `requireReportOfThePassDayFirst`) — unless the report handed in at that pass, typed after it, is on file
 * (`passCheckingTheDaysReport`): the shape records typed under the N4 rule (the return first) may still hold.
 */
const isPassLeftWithoutReport = (event: AssignmentEvent, why: Bilingual): event is Extract<AssignmentEvent, { type: 'InspectionLogged' }> =>
  event.type === 'InspectionLogged' && event.data.outcome === 'PASSED' && why.en.startsWith(NO_REPORT_AWAITED);

/**
 * For a correction (`events`, appended to `state.recorded`): tolerates N4's shape once corrected (`handedInAtThePass`) — a pass
 * that meets no report awaiting because a return entered after it settled the report it had checked, followed as recorded by the
 * unit's report of that same day, the one handed in at that inspection; and that report, which meets the part verified by it.
 * Every fold reads that report before the pass. The way on `requireNoReportOnItsPassDay` names: the return first, then the
 * correction (breaker43-8 N2).
 */
function passCheckingTheDaysReport(state: AssignmentsState, events: readonly AssignmentEvent[]): ToleratedBreak {
  let passes: { unitId: string; day: string; index: number }[] | undefined;
  let byDay: ReturnType<typeof inBusinessOrder> | undefined;
  const passesLeftWithoutReport = () => {
    const after = [...state.recorded, ...events];
    byDay ??= inBusinessOrder(after);
    passes ??= brokenFacts(after).flatMap(({ event, why, day, index }) => (isPassLeftWithoutReport(event, why) ? [{ unitId: event.data.unitId, day, index }] : []));
    return { passes, byDay };
  };
  const position = (order: ReturnType<typeof inBusinessOrder>, index: number) => order.findIndex((entry) => entry.index === index);
  return (later, why, index) => {
    if (later.type !== 'RectificationReported' && !isPassLeftWithoutReport(later, why)) return false;
    const { passes: left, byDay: order } = passesLeftWithoutReport();
    const at = position(order, index);
    if (at < 0) return false;
    const day = order[at]!.occurredOn;
    const unitId = (later.data as { unitId: string }).unitId;
    if (later.type === 'RectificationReported') return left.some((pass) => pass.unitId === unitId && pass.day === day && position(order, pass.index) < at);
    return left.some((pass) => pass.index === index) && order.some(({ event, occurredOn }, after) => after > at && occurredOn === day && event.type === 'RectificationReported' && event.data.unitId === unitId);
  };
}

/**
 * The unit's reports dated the day of a pass of its part that, folded by day, met a part already verified or with an earlier
 * report still awaiting that pass — so the record cannot tell whether the report came before the pass or after the close-out
 * (breaker43-8 N2). A pass that met no report awaiting (a return entered after it settled the earlier report: N4's shape) checked
 * that day's report: not listed. Each with the earlier report that awaited the pass, when there was one.
 */
function reportsOnTheirPassDay(recorded: readonly AssignmentEvent[]): { index: number; unitId: string; day: string; awaited: string | undefined }[] {
  const broken = brokenFacts(recorded);
  const byDay = inBusinessOrder(recorded);
  const passesChecking = (unitId: string, day: string) =>
    byDay.some(
      ({ event, occurredOn, index }) =>
        event.type === 'InspectionLogged' && event.data.outcome === 'PASSED' && event.data.unitId === unitId && occurredOn === day && !broken.some((fact) => fact.index === index && isPassLeftWithoutReport(fact.event, fact.why)),
    );
  return broken.flatMap(({ index, event, day }) => {
    if (event.type !== 'RectificationReported' || !passesChecking(event.data.unitId, day)) return [];
    const { unitId } = event.data;
    const awaited = byDay.filter((entry) => entry.event.type === 'RectificationReported' && entry.event.data.unitId === unitId && entry.occurredOn < day).at(-1)?.occurredOn;
    return [{ index, unitId, day, awaited }];
  });
}

/**
 * CONFLICT: a correction (`events`) that brings a report and a pass of the same part onto one day while another report was still
 * awaiting that pass (a re-report redated to the pass's day, a pass redated to the re-report's): the record cannot tell whether
 * that report was handed in at the inspection or made after the close-out, and a reopening of the day typed next would leave the
 * part returned with its re-report read before the pass — no later pass could be entered (breaker43-8 N2). The way on: the
 * send-back or failed inspection that returned the earlier report goes in first (it returns that report before the re-report on
 * file), then the correction (`passCheckingTheDaysReport`); a report made after a reopening of the day is entered after that reopening.
 */
function requireNoReportOnItsPassDay(state: AssignmentsState, events: readonly AssignmentEvent[], command: NamesUnits): void {
  const before = new Set(reportsOnTheirPassDay(state.recorded).map(({ index }) => index));
  const found = reportsOnTheirPassDay([...state.recorded, ...events]).find(({ index }) => !before.has(index));
  if (!found) return;
  const { unitId, day, awaited } = found;
  const unit = unitNamed(command, unitId, day);
  const earlier = awaited === undefined ? say('', '') : say(`, while the report of ${awaited} still awaited that inspection`, `，而此前 ${awaited} 的整改报告当时尚待该次督查`);
  throw conflict(
    `After this correction the report of ${unit.en} of ${day} falls on the day of the pass of ${day}${earlier.en}: the record cannot tell whether it was handed in before the inspection or after the close-out. If it was handed to the inspectors at the inspection of ${day} (a send-back or failed inspection before it is not entered yet), enter that send-back or failed inspection first, then this correction. If it was made after the part was reopened that day, enter the reopening first, then that report as a new one.`,
    `更正后${unit.zh} ${day} 的整改报告与 ${day} 的督查通过同在一天${earlier.zh}，无法判断该报告是督查前交的还是督查后重新报送的。如它是 ${day} 督查当天交给督查组的（此前有退办或督查未通过尚未录入），请先录入该退办或督查未通过，再作本次更正；如它是当天重新打开之后报送的，请先录入重新打开，再将该报告作为新报告录入。`,
  );
}

/** ` on <day>` / `<day> 时` for a fact dated before today; nothing for today's (the refusal is about now). */
const onDay = (day: string, today: string): Bilingual => (day < today ? say(` on ${day}`, `在 ${day} `) : say('', ''));

/** How `whyNotAllowed` begins when a send-back or inspection met no report awaiting inspection (its words, so a refusal can tell that reason). */
const NO_REPORT_AWAITED = 'no report awaited inspection then';
const STILL_AWAITED = 'was still awaiting inspection then';
/** Why a later report no longer holds: the unit's report of `reportedOn` (YYYY-MM-DD) still awaited inspection on its day. */
const reportStillAwaited = (reportedOn: string | undefined): Bilingual => say(`the report of ${reportedOn} ${STILL_AWAITED}`, `当时 ${reportedOn} 的整改报告尚待督查`);

/** A send-back or a failed inspection: a fact that returns the report awaiting inspection, after which the unit reports again. */
const isReturnOfReport = (event: AssignmentEvent): boolean => event.type === 'ReportSentBack' || (event.type === 'InspectionLogged' && event.data.outcome === 'FAILED');

/** What a later fact is called when a late entry would leave it inconsistent. */
const LATER_FACT: Partial<Record<AssignmentEvent['type'], Bilingual>> = {
  ExtensionRequested: say('extension request', '延期申请'),
  ExtensionGranted: say('extension decision', '延期审批'),
  ExtensionRefused: say('extension decision', '延期审批'),
  ExtensionRequestWithdrawn: say('withdrawal of an extension request', '撤回延期申请'),
  UnitUrged: say('urging', '催办'),
  RectificationReported: say('report', '整改报告'),
  ReportSentBack: say('send-back', '退办'),
  InspectionLogged: say('inspection', '督查'),
};

/** A later fact a late entry may leave inconsistent (`later`, and why it no longer holds), to be settled by a paper entered next. */
type ToleratedBreak = (later: AssignmentEvent, why: Bilingual, index: number) => boolean;

/**
 * A fact entered late, dated before facts already recorded, must not leave those inconsistent:
 * folded again in business order with `events` in their place, every later fact that held still
 * holds (an extension request is not made while another awaits a decision, and asks for more than
 * the date then in force; a decision meets a pending request of an open part; an urging meets an
 * open part; a report an open part; a send-back or an inspection a report). Otherwise CONFLICT
 * naming the first such fact and its day. Facts already inconsistent before (stored under older
 * rules) do not block it.
 */
/** `events`, once `requireLaterFactsHold` passes. */
function laterFactsHolding(state: AssignmentsState, events: AssignmentEvent[], fact: DatedFact, command: NamesUnits, tolerated?: ToleratedBreak): AssignmentEvent[] {
  requireLaterFactsHold(state, events, fact, command, undefined, tolerated);
  return events;
}

function requireLaterFactsHold(state: AssignmentsState, events: readonly AssignmentEvent[], fact: DatedFact, command: NamesUnits, corrected?: number, tolerated?: ToleratedBreak): void {
  if (comesLast(state.recorded, events)) return;
  const broken = newlyBroken(state.recorded, events, tolerated);
  if (!broken) return;
  if (broken.index === corrected) {
    // The record being corrected no longer holds on its new day: say why, in the words of that day — there is no other, later record to correct first (breaker8d P3, 11e P8).
    throw conflict(`${capitalise(fact.what.en)} (${fact.day}) does not hold: ${broken.why.en}.`, `${fact.what.zh}（${fact.day}）不成立：${broken.why.zh}。`);
  }
  const later = LATER_FACT[broken.event.type] ?? planRecordKind(broken.event);
  if (broken.event.type === 'PartsReopened') {
    throw conflict(
      `${capitalise(fact.what.en)} (${fact.day}) would leave the later reopening of ${broken.day} inconsistent: ${broken.why.en}. If both happened, check the dates on paper: the reopening comes after the verification it undoes.`,
      `${fact.what.zh}（${fact.day}）会使其后 ${broken.day} 的重新打开不再成立：${broken.why.zh}。如两者都属实，请核对纸质记录的日期：重新打开应在其撤销的确认完成之后。`,
    );
  }
  const unit = unitNamed(command, (broken.event.data as { unitId: string }).unitId, broken.day);
  const returning = events.find(isReturnOfReport);
  if (returning && (broken.event.type === 'InspectionLogged' || broken.event.type === 'ReportSentBack') && broken.why.en.startsWith(NO_REPORT_AWAITED)) {
    // A return found after the check that followed it (breaker8u P9): that check met the re-report the return called for,
    // which the unit's clerk enters first (`settledOnOrAfter` takes it), then this return — not a correction of the check.
    const entered = returning.type === 'ReportSentBack' ? say('send-back', '退办') : say('inspection result', '督查结果');
    // A re-report of the pass's own day, handed in at it, goes in as the office's (代录: `handedInAtThePass`), the unit's own refused.
    const ofThePassDay = broken.event.type === 'InspectionLogged' && broken.event.data.outcome === 'PASSED'
      ? say(`; one handed in at the inspection of ${broken.day} the office enters from its paper (代录)`, `；${broken.day} 督查当天交给督查组的，由督办人员依据纸质报告代录`)
      : say('', '');
    throw conflict(
      `${capitalise(fact.what.en)} (${fact.day}) would leave the later ${later.en} of ${unit.en} of ${broken.day} inconsistent: ${broken.why.en}. If ${unit.en} reported again in between, its clerk enters that report first (dated from ${fact.day} to ${broken.day}${ofThePassDay.en}), then this ${entered.en}.`,
      `${fact.what.zh}（${fact.day}）会使其后${unit.zh} ${broken.day} 的${later.zh}不再成立：${broken.why.zh}。如其间${unit.zh}已重新报送，请先由${unit.zh}补录其重新报送的整改报告（日期在 ${fact.day} 至 ${broken.day} 之间${ofThePassDay.zh}），再录入本次${entered.zh}。`,
    );
  }
  if ((broken.event.type === 'InspectionLogged' || broken.event.type === 'ReportSentBack') && broken.why.en.endsWith(RETURN_NEEDS_DUE_DATE)) {
    // The later return needs the new due date its paper then gives: the way on is to give it one, its day unchanged (breaker50-8 S4:
    // the refusal sent the supervisor to a correction no form allowed).
    const way = broken.event.type === 'InspectionLogged'
      ? say('with 更正督查记录, giving its new due date (重新整改时限) alone', '在该督查记录的「更正督查记录」中只填写重新整改的时限')
      : say('with 更正记录日期, choosing that send-back, keeping its day and giving its new due date', '在「更正记录日期」中选该退办，实际日期不变，填写新的整改时限');
    throw conflict(
      `${capitalise(fact.what.en)} (${fact.day}) would leave the later ${later.en} of ${unit.en} of ${broken.day} inconsistent: ${broken.why.en}. If both happened, give that ${later.en} the new due date its paper gives first (${way.en}), then this correction.`,
      `${fact.what.zh}（${fact.day}）会使其后${unit.zh} ${broken.day} 的${later.zh}不再成立：${broken.why.zh}。如两者都属实，请先为该${later.zh}补填纸质记录上的重新整改时限（${way.zh}），再提交本次更正。`,
    );
  }
  const sameUnitsReport = events.some((event) => event.type === 'RectificationReported' && event.data.unitId === (broken.event.data as { unitId?: string }).unitId);
  if (broken.event.type === 'RectificationReported' && sameUnitsReport && broken.why.en.endsWith(STILL_AWAITED)) {
    // An earlier round found after the unit's re-report (breaker41-8 P3): it goes in once the re-report is checked (`reportsAgainLater`).
    throw conflict(
      `${capitalise(fact.what.en)} (${fact.day}) would leave the later report of ${unit.en} of ${broken.day} inconsistent: ${broken.why.en}. If ${unit.en} reported on ${fact.day} and that report was returned before ${broken.day}, enter this report and its return (send-back or failed inspection) ${ONCE_A_LATER_REPORT_PASSED(broken.day).en}.`,
      `${fact.what.zh}（${fact.day}）会使其后${unit.zh} ${broken.day} 的整改报告不再成立：${broken.why.zh}。如${unit.zh}确于 ${fact.day} 报送、并在 ${broken.day} 之前被退回，请${ONCE_A_LATER_REPORT_PASSED(broken.day).zh}，再补录本报告及其退办或督查结果。`,
    );
  }
  throw conflict(
    `${capitalise(fact.what.en)} (${fact.day}) would leave the later ${later.en} of ${unit.en} of ${broken.day} inconsistent: ${broken.why.en}. If both happened, correct that ${later.en} first.`,
    `${fact.what.zh}（${fact.day}）会使其后${unit.zh} ${broken.day} 的${later.zh}不再成立：${broken.why.zh}。如两者都属实，请先更正该${later.zh}记录。`,
  );
}

/**
 * Whether `events` come after every fact of `recorded` in business order (dated on or after the
 * latest of them, corrections applied, in order), none of them reordering facts (a correction, an
 * undone hand-over): then the earlier facts fold exactly as before, so none of them can break, and
 * `requireLaterFactsHold` has nothing to fold (breaker12f P4: two folds of the whole stream per 催办 or
 * report, 0.5–0.9 s on a 各单位 item of 1,456 facts). The latest day is the kept fold's (`foldsByDay`)
 * when there is one — O(events) — also for a list holding corrections (breaker12h P1); else the
 * latest day as recorded, O(facts), no copies, and false for a list that moves facts (its days as
 * recorded are not its days in business order).
 */
export function comesLast(recorded: readonly AssignmentEvent[], events: readonly AssignmentEvent[]): boolean {
  const kept = foldsByDay.get(recorded);
  let latest = kept?.lastDay ?? '';
  if (!kept) {
    for (const each of recorded) {
      if (movesFacts(each)) return false;
      const on = factDayOfEvent(each);
      if (on > latest) latest = on;
    }
  }
  for (const each of events) {
    if (movesFacts(each)) return false;
    const on = factDayOfEvent(each);
    if (on < latest) return false;
    latest = on;
  }
  return true;
}

/**
 * The first fact of `recorded`, in business order, that holds folded without `events` and does not
 * with them (`brokenFacts` of both lists compared: a fact already broken before does not count).
 * `events` moving no fact (no correction, no undone hand-over) change nothing of the facts dated up
 * to the earliest of them (they fold after those): those are folded once — `assignmentsOn` of that
 * day, the fold the decision already made to judge the fact on its day — and only the later facts
 * twice, with and without `events` (breaker12h P3: a fact entered late folded the whole stream
 * twice more, ~0.5 s each on a 各单位 item of 1,500 facts; a few days late, the later facts are few).
 */
function newlyBroken(recorded: readonly AssignmentEvent[], events: readonly AssignmentEvent[], tolerated?: ToleratedBreak): { index: number; event: AssignmentEvent; day: string; why: Bilingual } | undefined {
  if (events.length === 0 || events.some(movesFacts)) {
    // A fact a correction moves is judged on its new day as if typed there (breaker48-8 S1): broken before on another day (a
    // report handed in at the pass of its day, which business order folds after that pass) does not excuse it on the new one.
    const before = new Map(brokenFacts(recorded).map((broken) => [broken.index, broken.day]));
    return brokenFacts([...recorded, ...events]).find((candidate) => candidate.index < recorded.length && before.get(candidate.index) !== candidate.day && !tolerated?.(candidate.event, candidate.why, candidate.index));
  }
  // In business order the events come after every fact of their day recorded before them (a stable sort by day).
  const added = events.map((event) => ({ event, day: factDayOfEvent(event) })).sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const from = added[0]!.day;
  const later = inBusinessOrder(recorded).filter((entry) => entry.occurredOn > from);
  if (later.length === 0) return undefined;
  const upTo = assignmentsOn({ parts: {}, recorded }, from);
  const brokenBefore = new Set<number>();
  foldInPlace(() => {
    let without = upTo;
    for (const entry of later) {
      if (whyNotAllowed(without, entry.event)) brokenBefore.add(entry.index);
      without = evolveParts(without, entry.event);
    }
  });
  return foldInPlace(() => foldedWithLateEvents(recorded, events, added, later, upTo, brokenBefore, tolerated));
}

/** `newlyBroken`'s second fold: the later facts with `events` among them by day, from `upTo`; the first fact it breaks. */
function foldedWithLateEvents(
  recorded: readonly AssignmentEvent[],
  events: readonly AssignmentEvent[],
  added: readonly { event: AssignmentEvent; day: string }[],
  later: readonly { event: AssignmentEvent; occurredOn: string; index: number }[],
  upTo: AssignmentsState,
  brokenBefore: ReadonlySet<number>,
  tolerated?: ToleratedBreak,
): { index: number; event: AssignmentEvent; day: string; why: Bilingual } | undefined {
  let withEvents = upTo;
  const order = [...upTo.recorded];
  let next = 0;
  const foldNext = () => {
    const { event } = added[next++]!;
    withEvents = evolveParts(withEvents, event);
    order.push(event);
  };
  for (const entry of later) {
    while (next < added.length && added[next]!.day < entry.occurredOn) foldNext();
    const why = whyNotAllowed(withEvents, entry.event);
    if (why && !brokenBefore.has(entry.index) && !tolerated?.(entry.event, why, entry.index)) return { index: entry.index, event: entry.event, day: entry.occurredOn, why };
    withEvents = evolveParts(withEvents, entry.event);
    order.push(entry.event);
  }
  while (next < added.length) foldNext();
  // Every fact folded by day with the events: the kept fold of the list they make, once recorded (`evolveAssignments`).
  const lastDay = [later.at(-1)!.occurredOn, added.at(-1)!.day].reduce((a, b) => (a > b ? a : b));
  foldsToCome.set(recorded, { events, fold: { ...withEvents, recorded: order }, lastDay });
  return undefined;
}

/**
 * Why a unit's record dated `day` lands on no part: its part was taken off the parent (移除单位) on or before that day — a record
 * of the part kept on by its report awaiting inspection, after a return dated before the removal entered later takes it off
 * again (h57a, breaker55-8 S2), would vanish. Null when the unit's part was not taken off by then.
 */
function takenOffBefore(state: AssignmentsState, unitId: string, day: string): Bilingual | null {
  const gone = state.removed !== undefined && Object.hasOwn(state.removed, unitId) ? state.removed[unitId] : undefined;
  if (!gone || day < gone.unassignedOn) return null;
  return say(`the part had been taken off the item on ${gone.unassignedOn} (${gone.reason})`, `该任务已于 ${gone.unassignedOn} 移出本事项（${gone.reason}）`);
}

/** The facts of `recorded` that, folded in business order, meet a part that does not allow them. */
function brokenFacts(recorded: readonly AssignmentEvent[]): { index: number; event: AssignmentEvent; day: string; why: Bilingual }[] {
  const broken: { index: number; event: AssignmentEvent; day: string; why: Bilingual }[] = [];
  foldInPlace(() => {
    let folded = initialAssignmentsState();
    for (const { event, occurredOn, index } of inBusinessOrder(recorded)) {
      const why = whyNotAllowed(folded, event);
      if (why) broken.push({ index, event, day: occurredOn, why });
      folded = evolveParts(folded, event);
    }
  });
  return broken;
}

/**
 * The records that ask the unit for work or answer such an ask (催办, 延期申请, 延期审批): none holds on a part that stood
 * verified before its day (`whyNotAllowed`), so none is taken, typed late, moved, or left by a retraction after a verification.
 */
const ASKS_FOR_WORK: ReadonlySet<AssignmentEvent['type']> = new Set<AssignmentEvent['type']>(['UnitUrged', 'ExtensionRequested', 'ExtensionGranted', 'ExtensionRefused']);

/** Why the part as folded so far does not allow `event`; null when it does (or the event is about no one part). */
function whyNotAllowed(state: AssignmentsState, event: AssignmentEvent): Bilingual | null {
  if (event.type === 'PartsReopened') return reopeningNotAllowed(state, event);
  if (!('unitId' in event.data) || event.type === 'UnitAssigned' || event.type === 'PartHandedOver' || event.type === 'PartHandOverUndone') return null;
  // The part the fact is folded into (`updatePart`): a predecessor's fact dated after its part passed on is its successor's part's.
  const part = partFactLandsOn(state, event.data.unitId, factDayOfEvent(event));
  if (!part) return isUnitRecord(event) ? takenOffBefore(state, event.data.unitId, factDayOfEvent(event)) : null;
  // Each reason names the day of the fact that stood in the way, so the clerk can find it on paper.
  const verified = part.status === 'VERIFIED' ? say(`the part stood verified then (on ${part.verifiedOn})`, `当时该任务已确认完成（${part.verifiedOn}）`) : null;
  // A pass is the last word of its day (breaker8s P11): a request, a decision or a withdrawal dated on the day of the pass
  // that verified the part came before it, whichever was typed first.
  const day = factDayOfEvent(event);
  const verifiedBefore = verifiedBeforeTheDay(part, day) ? verified : null;
  // One rule for every record that asks the unit for work or answers such an ask — an urging, an extension request, its
  // decision: dated after the part stood verified (a pass is the last word of its day) it does not hold, however it came to
  // stand there — a pass typed late or moved before it, a reopening retracted (breaker55-8 S8: urgings slipped through).
  if (verifiedBefore && ASKS_FOR_WORK.has(event.type)) return verifiedBefore;
  switch (event.type) {
    case 'ExtensionRequested': {
      const pending = pendingExtensionOf(part);
      if (pending) return say(`the request of ${pending.requestedOn} would still await a decision then`, `${pending.requestedOn} 的延期申请当时仍待审批`);
      if (!isAfter(event.data.requestedDueDate, part.dueDate)) {
        return say(`it asked for ${event.data.requestedDueDate}, not later than the due date then in force (${part.dueDate})`, `所申请的 ${event.data.requestedDueDate} 不晚于当时的截止日期 ${part.dueDate}`);
      }
      // As `requestExtension` judges it on its day: before the due date, or after a failed inspection returned the part (breaker8e P5).
      const returnedByInspection = part.status === 'RETURNED' && part.lastReturn?.cause === 'INSPECTION_FAILED';
      const { requestedOn } = event.data;
      if (isAfter(requestedOn, part.dueDate) && !returnedByInspection && !isNeverOverdue(part.terms)) {
        return say(
          `the due date then in force (${part.dueDate}) had passed on ${requestedOn}: an extension is asked for before it`,
          `当时的截止日期 ${part.dueDate} 在 ${requestedOn} 已过：延期须在截止日期前申请`,
        );
      }
      return null;
    }
    case 'ExtensionGranted':
    case 'ExtensionRefused': {
      const request = part.extensionRequests.find((candidate) => candidate.requestId === event.data.requestId);
      if (!request) return say('the request it decides had not been made yet then', '所审批的延期申请当时尚未提出');
      if (request.status !== 'PENDING' && !lapsedOnlyOn(part, request, day) && !(request.status === 'WITHDRAWN' && decisionOfWithdrawalDay(request, day))) return say('the request it decides was no longer pending then', '所审批的延期申请当时已不在待审批状态');
      if (event.type === 'ExtensionRefused') return null;
      // As `decideExtension` judges a grant on its day (breaker8e P5): later than the date in force, not already past.
      const { newDueDate, decidedOn } = event.data;
      // A grant a later date has overtaken since (a return dated before it, entered later) cuts nothing: it stands, the later
      // date in force (breaker8r P4; both folds keep the later of the two).
      if (!isAfter(newDueDate, part.dueDate)) return null;
      if (isAfter(decidedOn, newDueDate)) {
        return say(`the date it granted (${newDueDate}) had passed on ${decidedOn}: the part would be overdue the day it was granted`, `所批准的延期日期 ${newDueDate} 在 ${decidedOn} 已过，批准即逾期`);
      }
      return null;
    }
    case 'ExtensionRequestWithdrawn': {
      const request = part.extensionRequests.find((candidate) => candidate.requestId === event.data.requestId);
      if (!request) return say('the request it withdraws had not been made yet then', '所撤回的延期申请当时尚未提出');
      if (request.status !== 'PENDING' && !lapsedOnlyOn(part, request, day) && !(request.status !== 'WITHDRAWN' && decisionOfWithdrawalDay(request, day))) return say('the request it withdraws was no longer pending then', '所撤回的延期申请当时已不在待审批状态');
      return null;
    }
    case 'UnitUrged':
      // Judged by `ASKS_FOR_WORK` above, as an extension request is (breaker55-8 S8; breaker11l P2 had kept an urging after a
      // verification entered later as a record — it asked for work the record says was done). Of the pass's own day it holds.
      return null;
    case 'RectificationReported':
      if (part.status === 'ASSIGNED' || part.status === 'RETURNED') return null;
      // The report handed in at a pass of its day that checked an earlier report, entered after the pass (its return entered since,
      // or still to come: `handedInAtThePass`): every fold puts it before that pass (newcomer55-8 S2).
      if (returnOfThePassDay(part, day)) return null;
      return verified ?? reportStillAwaited(part.lastReport?.reportedOn);
    case 'ReportSentBack':
    case 'InspectionLogged': {
      if (part.status === 'REPORTED') return event.type === 'InspectionLogged' && event.data.outcome === 'PASSED' ? null : returnWithoutDueDate(part, event);
      // A return of the pass's own day entered after it came before it (`beforeThePassOfItsDay`): judged as on the part it returned.
      if (!(event.type === 'InspectionLogged' && event.data.outcome === 'PASSED') && returnOfThePassDay(part, day)) return returnWithoutDueDate(part, event);
      if (verified) return verified;
      const last = part.lastReport;
      if (!last) return say('the unit had not reported yet then', '当时该单位尚未报送整改报告');
      const settledOn = last.settledBy?.day ?? last.reportedOn;
      const sentBack = part.lastReturn?.cause === 'SENT_BACK' && part.lastReturn.returnedOn === settledOn;
      return say(
        `${NO_REPORT_AWAITED} (the last one, of ${last.reportedOn}, was ${sentBack ? 'sent back' : 'inspected'} on ${settledOn})`,
        `当时没有待督查的报告（此前 ${last.reportedOn} 的整改报告已于 ${settledOn} ${sentBack ? '退办' : '督查'}）`,
      );
    }
    default:
      return null;
  }
}

/**
 * Why a reopening does not hold where business order puts it (agreement walk seed 4: a pass re-dated past the reopening of its
 * own day made that reopening come before the verification it undid, and the part read as verified by the cut and as awaiting
 * inspection now): the parent it reopens was not closed then — not every part stood verified — or, for a reopening of named
 * parts, a named part did not stand verified. Null when it holds.
 */
function reopeningNotAllowed(state: AssignmentsState, event: Extract<AssignmentEvent, { type: 'PartsReopened' }>): Bilingual | null {
  // The server's own (`foundClosed`) is judged again by every fold, never held against a correction (h54b, breaker54-8 S2).
  if (event.data.foundClosed) return null;
  const only = event.data.unitIds;
  if (only === undefined) return allPartsVerified(state) ? null : say('not every part stood verified then: there was no close-out to reopen', '当时并非所有任务均已确认完成，尚未销号，无从重新打开');
  const open = partsOf(state).find((part) => namedPart(only, part, state) && part.status !== 'VERIFIED');
  return open ? say('a part it reopens did not stand verified then', '其重新打开的任务当时尚未确认完成') : null;
}

/**
 * Why a return (a send-back, a failed inspection) does not hold on its day for its due date, as
 * `newDueDateOf` judges it when entered: the new due date it gave had passed on its day, or it gave
 * none while the due date then in force had passed — the part would be overdue the day after it came
 * back (breaker8e P5: a return's day moved by a correction, or the date in force moved under it).
 * Null when it holds.
 */
const RETURN_NEEDS_DUE_DATE = 'a part returned then needs a new due date';

function returnWithoutDueDate(part: AssignmentPart, event: Extract<AssignmentEvent, { type: 'ReportSentBack' | 'InspectionLogged' }>): Bilingual | null {
  const day = factDayOfEvent(event);
  const given = event.data.newDueDate;
  if (given !== undefined) {
    return isAfter(day, given) ? say(`the new due date it gave (${given}) had passed on ${day}: the part would be overdue as it came back`, `其给出的新截止日期 ${given} 在 ${day} 已过，退回即逾期`) : null;
  }
  return isAfter(day, part.dueDate)
    ? say(`the due date then in force (${part.dueDate}) had passed on ${day}: ${RETURN_NEEDS_DUE_DATE}`, `当时的截止日期 ${part.dueDate} 在 ${day} 已过：退回的任务须同时给出新的截止日期`)
    : null;
}

function reportRectification(
  command: ReportRectification,
  state: AssignmentsState,
  context: AssignmentParentContext,
): AssignmentEvent[] {
  const { unitId, summary, evidence, reportedOn } = command;
  // 代录 (newcomer49-8 M5): the office types a unit's paper report on its behalf; an inspector does not, a unit only its own.
  const enteredBy = command.actor.role === 'SUPERVISOR' ? command.actor.id : undefined;
  if (enteredBy === undefined) requireOwnUnit(command, unitId, say('report on its part', '报送本单位的整改情况'), say('; a supervisor may enter its paper report on its behalf (代录)', '；督办人员可依据纸质报告代录'));
  const part = requirePart(state, unitId, command);
  const unit = unitNamed(command, unitId);
  // Judged on the day reported (breaker8b N2): what stood then, in words true for that day; a later fact it would clash with is named below.
  const atThePass = handedInAtThePass(state, part, reportedOn, enteredBy !== undefined);
  // A unit's own report of the day of a pass that checked an earlier report: the office enters it, if handed in at that pass.
  const handInAtThePass = (): Bilingual =>
    enteredBy === undefined && returnOfThePassDay(partOn(state, part, reportedOn), reportedOn)
      ? HANDED_IN_AT_THE_PASS(reportedOn, say('have the office enter this report from its paper (代录)', '由督办人员依据纸质报告代录本报告'))
      : say('', '');
  if (context.parentClosed && !atThePass) {
    const noun = parentNoun(command);
    // A part taken off unverified after its day (a work-plan item's 移除单位), decided on as it stood (`asHeldOn`): the item
    // its removal completed was open on that day, judged below as any day (breaker54-8 S4: the paper of a removed unit, dated
    // before its removal, was refused here, and its pass asked for that very report).
    const removedAfter = state.removed !== undefined && Object.hasOwn(state.removed, unitId) && reportedOn < state.removed[unitId]!.unassignedOn;
    if (closedOn(state) === null && !removedAfter) throw conflict(`The ${noun.en} is closed; no more reports are accepted.`, `该${noun.zh}已销号，不再接收整改报告。`);
    const closedThen = closedOn(assignmentsOn(state, reportedOn));
    if (closedThen !== null) throw closedThenError(state, closedThen, reportedOn, command.today, say('no more reports are accepted', '不再接收整改报告'), noun, handInAtThePass());
  }
  const reported = { day: reportedOn, what: named('reportedOn', 'the report date', '报告日期') };
  // A re-report dated before the return it answers, or any report before the part was assigned: the clerk's date
  // is wrong, said beside the field — not that the part is done or awaits inspection, as it may be by now (breaker8c P3).
  requireCalendarDate(reportedOn, named('reportedOn', 'The report date', '报告日期'));
  // Dated before the part's last report, it is an earlier round found late, not the answer to the return of that report: its
  // day is judged below against what stood then (breaker42-8 F2: a first report was told it came before the failure it answers).
  if (part.lastReport === null || part.lastReport.reportedOn <= reportedOn) requireNotBeforeItsReturn(reported, part);
  requireNotBefore(reported, assignedDay(part, command));
  const then = partOn(state, part, reportedOn);
  if (then.status === 'REPORTED' && !(then.lastReport !== null && reportedOn > then.lastReport.reportedOn && settledOnOrAfter(part, reportedOn))) {
    throw awaitingInspectionThen(unit, then.lastReport?.reportedOn ?? reportedOn, reportedOn, command.today, say('a new report', '新的整改报告'));
  }
  if (then.status === 'VERIFIED' && !atThePass) throw verifiedThen(state, then, reportedOn, unit, say('no more reports are accepted', '不再接收整改报告'), handInAtThePass());
  requireText(summary, named('summary', 'A summary of the rectification', '整改情况说明'));
  if (evidence.length === 0) throw badForm('At least one piece of evidence is required.', '请至少提供一项佐证材料。', { field: 'evidence' });
  evidence.forEach((item, index) => {
    // Each field named as the report form labels it (材料1名称: list-item-labels-zh.ts, web4 fault 1).
    if (isBlank(item.title)) throw badForm(`Evidence ${index + 1} needs a title.`, `请填写“${listItemLabelZh('evidence', index, 'title')}”：每项佐证材料须有名称。`, { field: `evidence.${index}.title` });
    if (isBlank(item.link) && isBlank(item.documentRef)) {
      throw badForm(
        `Evidence ${index + 1} needs a link or a document reference.`,
        `请填写“${listItemLabelZh('evidence', index, 'link')}”或“${listItemLabelZh('evidence', index, 'documentRef')}”：每项佐证材料须有链接或文号。`,
        { field: `evidence.${index}.link` },
      );
    }
  });
  requireBusinessDay(reportedOn, command.today, named('reportedOn', 'The report date', '报告日期'));
  requireNotBefore(reported, assignedDay(part, command));
  requireNotBeforeItsReturn(reported, then);
  const events: AssignmentEvent[] = [{ type: 'RectificationReported', data: { unitId, summary, evidence, reportedOn, ...(enteredBy !== undefined ? { enteredBy } : {}) } }];
  requireLaterFactsHold(state, events, reported, command, undefined, (later, why) => reportsAgainLater(later, why, state, unitId, reportedOn));
  return events;
}

/**
 * A later report of the unit that this report, entered late, leaves awaiting inspection on its day, when a pass on file checked
 * that later report (breaker41-8 P3: report 05-22, 督查未通过 05-31, re-report 06-19, pass 07-10; the re-report and its pass
 * typed first — the unit keys its latest report itself — the office the earlier round from paper). Taken, as
 * `settledOnOrAfter` takes the re-report found before its return (breaker8u P9), and by the same fold (`reportBeforeThePass`,
 * `returnBeforeThePass`): until the return that answered this report is entered, the part reads two reports and no return,
 * as the office has typed it; the return entered next settles this report and every view reads as in date order. Refused
 * before, the report and its return each waited for the other, and the paper trail could never be completed. With the later
 * report not yet checked the refusal stands and says to enter this round once it is (`requireLaterFactsHold`). The later report
 * may be the successor's, on the part the unit passed to it since (breaker41-8b N3).
 */
function reportsAgainLater(later: AssignmentEvent, why: Bilingual, state: AssignmentsState, unitId: string, reportedOn: string): boolean {
  if (later.type !== 'RectificationReported' || later.data.reportedOn <= reportedOn || why.en !== reportStillAwaited(reportedOn).en) return false;
  // The unit's own part, or the part it passed on since to the unit that re-reported (breaker41-8b N3: A's report and 退办 found after D's re-report and pass).
  // (Decided on the part as the unit held it on its day — `asHeldOn` — that part is keyed by the unit.)
  const holder = partOf(state, later.data.unitId) ?? partOf(state, unitId);
  if (!holder || (holder.unitId !== unitId && !(holder.heldBefore ?? []).includes(unitId))) return false;
  return holder.status === 'VERIFIED' && holder.verifiedOn !== null && holder.verifiedOn >= later.data.reportedOn;
}

/**
 * The part a return (退办, 督查未通过) of office day `day` (`YYYY-MM-DD`) is judged on: as it stood at that day's end (`partOn`),
 * except when a pass of that very day verified it while a report of an earlier day awaited inspection, and no report of `day` is
 * on file — then as it stood the day before. A return dated the pass's own day, typed after the pass, is a return handed over
 * at that inspection before it passed (a verified part has nothing to return): the one the office enters first on N4's way on
 * (`HANDED_IN_AT_THE_PASS`), then the report handed in at the pass (`handedInAtThePass`). Every fold already places it before
 * that pass (`beforeItsVerification`, `returnBeforeThePass`). Refused before 「…已确认完成（D）…」, its way on named earlier returns only.
 */
function beforeThePassOfItsDay(state: AssignmentsState, part: AssignmentPart, day: string): AssignmentPart {
  const then = partOn(state, part, day);
  if (!returnOfThePassDay(then, day) && !reportAtThePassAwaitingItsReturn(then, day)) return then;
  const before = partOn(state, part, addDays(day, -1));
  return before.status === 'REPORTED' ? before : then;
}

/** Whether `part` stood verified by a pass dated `day` itself, its last report of an earlier day: a return of `day` came before that pass. */
function returnOfThePassDay(part: AssignmentPart, day: string): boolean {
  return part.status === 'VERIFIED' && part.verifiedOn === day && part.lastReport !== null && part.lastReport.reportedOn < day;
}

/**
 * CONFLICT (newcomer55-8 S2): a return (退办, 督查未通过; `what` its date field, `entered` its name) of office day `day` typed
 * after the pass of that day that checked an earlier report, with no report of `day` on file. Taken, that pass would check a
 * part sent back and never reported again (its due date moved, 退回 +1), a record date order forbids — as a return of an earlier
 * day is refused before a later pass (`requireLaterFactsHold`). The ways on: the report handed in at that inspection first
 * (taken, `handedInAtThePass`), then this return; or, the inspection having failed, 更正督查记录 on it.
 */
function requireReportOfThePassDayFirst(state: AssignmentsState, part: AssignmentPart, day: string, unit: Bilingual, what: Bilingual, entered: Bilingual): void {
  const then = partOn(state, part, day);
  if (!returnOfThePassDay(then, day) || handedInAfterThePassDayReturn(then, day)) return;
  const awaited = then.lastReport!.reportedOn;
  throw conflict(
    `${capitalise(what.en)} (${day}) would leave the pass of ${unit.en} of the same day (${day}) inconsistent: it would check no report (the one of ${awaited} returned by this ${entered.en}). If ${unit.en} handed in a new report at that inspection, have the office enter that report first from its paper (代录, dated ${day}), then this ${entered.en}; if the inspection did not pass, correct its result instead (更正督查记录).`,
    `${what.zh}（${day}）会使${unit.zh}同日 ${day} 的督查通过不再成立：该次督查将没有待督查的报告（${awaited} 的整改报告已被本次${entered.zh}退回）。如${unit.zh}在 ${day} 督查当天重新交了整改报告，请先由督办人员依据纸质报告代录该报告（报告日期 ${day}），再录入本次${entered.zh}；如该次督查实为不通过，请在该督查记录的「更正督查记录」中更正其结果。`,
  );
}

/**
 * Whether `part` stood verified by a pass dated `day` whose last report, of `day` too, was handed in at that inspection and taken
 * before its return (`handedInAtThePass`, newcomer55-8 S2): no return of `day` on file yet. A return of `day` typed next is the
 * one that came before that pass (`beforeThePassOfItsDay` judges it on the part the day before, when a report awaited inspection then).
 */
function reportAtThePassAwaitingItsReturn(part: AssignmentPart, day: string): boolean {
  return part.status === 'VERIFIED' && part.verifiedOn === day && part.lastReport?.reportedOn === day && (part.lastReturn === null || part.lastReturn.returnedOn < day);
}

/**
 * Whether a report of office day `day` meets `part` verified by a pass of `day` whose last return is of `day` too and whose last
 * report is of an earlier day: the report handed in at that inspection after the return, both entered after the pass
 * (`handedInAtThePass`) — folded by day as recorded, it comes after the pass, and every fold places it before (`reportBeforeThePass`).
 */
function handedInAfterThePassDayReturn(part: AssignmentPart, day: string): boolean {
  return returnOfThePassDay(part, day) && part.lastReturn?.returnedOn === day;
}

/**
 * Whether `part` (as it stands now, every fact folded in business order) has a check or a send-back dated on or after office
 * day `day` (`YYYY-MM-DD`): an inspection of any outcome, or a send-back as its last return (breaker8u P9).
 *
 * A report dated while an earlier report of its part awaited inspection is refused (a unit reports again only after a return)
 * — except when it is of a later day than that report and such a check is already recorded: the office is entering paper
 * late, and the check on file settled a report of the unit that it has not entered yet. (Of the awaiting report's own day it
 * is that report typed again, and refused.) Paper: report 05-25, 退办 (or 督查未通过) 05-28, re-report 06-08, pass 06-15, typed
 * report, pass, then the two found later. The return typed first would leave the pass with no report to check (refused, see
 * `requireLaterFactsHold`, pointing here); so the re-report is taken first, the pass then checks it, and the return entered
 * after it settles the first report — every view as if typed in date order. Until the return is entered the part reads two
 * reports and no return, as the office has typed it. Without such a check the refusal stands and says to enter the return first.
 *
 * The rule for a late round (newcomer55-8 S2, S3): a return and the re-report it called for, both found after the check that
 * followed them, go in re-report first, return next. One of two half-states must be read between the two entries; the one kept
 * is "two reports, no return" — the check on file checked a report the unit did make, and the due date and 退回 stand until the
 * return is entered — never "returned, then verified with no report" (the return first is refused, naming the check:
 * `requireLaterFactsHold`, `requireReportOfThePassDayFirst`). Such a re-report, dated before the check on file, can only have
 * been made before it: the unit's own is taken as the office's is. Of the check's own day it cannot be told from one made after
 * the close-out, and only the office's entry from the paper (代录) is taken (`handedInAtThePass`).
 */
function settledOnOrAfter(part: AssignmentPart, day: string): boolean {
  return part.inspections.some((inspection) => inspection.inspectedOn >= day) || (part.lastReturn?.cause === 'SENT_BACK' && part.lastReturn.returnedOn >= day);
}

/**
 * The refusal `nothing` (no report awaiting inspection: to send back, to inspect) said as what happened when a colleague settled
 * the part's last report first — two supervisors sending back the same report, an inspection logged twice (newcomer50-9 M2): the
 * part as it stands now was sent back or failed and not reported since, or passed, on or before `day` (the step's own day). The
 * write path names who did it and when (ChangedMeanwhile): 「青川市教育局的整改报告已由张伟退办（北京时间 2026-12-07 06:28，记为
 * 2026-12-07）。现在没有待督查的报告，本次未作记录。」. `nothing` itself for any other part (never reported, a date typed wrong).
 */
function settledMeanwhile(part: AssignmentPart, unit: Bilingual, day: string, nothing: DomainError): DomainError {
  const settled =
    part.status === 'VERIFIED' && part.verifiedOn !== null && part.verifiedOn <= day
      ? { types: ['InspectionLogged'], how: say('passed inspection', '督查通过'), on: part.verifiedOn }
      : part.status === 'RETURNED' && part.lastReturn !== null && part.lastReturn.cause !== 'PARTS_REOPENED' && part.lastReturn.returnedOn <= day
        ? part.lastReturn.cause === 'SENT_BACK'
          ? { types: ['ReportSentBack'], how: say('sent back', '退办'), on: part.lastReturn.returnedOn }
          : { types: ['InspectionLogged'], how: say('returned by a failed inspection', '督查未通过退回'), on: part.lastReturn.returnedOn }
        : null;
  if (settled === null) return nothing;
  return new ChangedMeanwhile(say(nothing.message, nothing.messageZh), nothing.details, {
    types: settled.types,
    unitId: part.unitId,
    // A pass keeps the refusal's own way on (a reopening of that day to enter first).
    told: ({ who, at }) =>
      say(
        `The report of ${unit.en} was already ${settled.how.en} by ${who.en} (${at} China time, dated ${settled.on}). ${part.status === 'VERIFIED' ? nothing.message : 'There is no report awaiting inspection now. Nothing was recorded.'}`,
        `${unit.zh}的整改报告已由${who.zh}${settled.how.zh}（北京时间 ${at}，记为 ${settled.on}）。${part.status === 'VERIFIED' ? nothing.messageZh : '现在没有待督查的报告，本次未作记录。'}`,
      ),
  });
}

function sendBackReport(command: SendBackReport, state: AssignmentsState): AssignmentEvent[] {
  const { unitId, reason, sentBackOn } = command;
  requireRole(command.actor, ['SUPERVISOR'], say('send reports back', '退办整改报告'));
  const part = requirePart(state, unitId, command);
  const unit = unitNamed(command, unitId);
  // Once inspected, a report is settled by the inspection; only a report awaiting one on the day goes back (breaker8b N2).
  const sentBack = { day: sentBackOn, what: named('sentBackOn', 'the send-back date', '退办日期') };
  // Dated before the report awaiting inspection now: the clerk's date is wrong, said beside the field.
  if (part.status === 'REPORTED') requireNotBeforeItsReport(sentBack, part, say('the report it returns', '所退回报告的日期'), say('send-back', '退办'));
  const then = beforeThePassOfItsDay(state, part, sentBackOn);
  if (then.status === 'VERIFIED') throw settledMeanwhile(part, unit, sentBackOn, verifiedThen(state, then, sentBackOn, unit, say('there is no report to send back', '没有待督查的整改报告可退办')));
  requireReportOfThePassDayFirst(state, part, sentBackOn, unit, say('the send-back date', '退办日期'), say('send-back', '退办'));
  if (then.status !== 'REPORTED') {
    const day = onDay(sentBackOn, command.today);
    throw settledMeanwhile(part, unit, sentBackOn, conflict(`${capitalise(unit.en)} had no report awaiting inspection${day.en} to send back.`, `${unit.zh}${day.zh}没有待督查的整改报告可退办。`));
  }
  requireText(reason, named('reason', 'A reason for sending the report back', '退办理由'));
  requireBusinessDay(sentBackOn, command.today, named('sentBackOn', 'The send-back date', '退办日期'));
  requireNotBeforeItsReport(sentBack, then, say('the report it returns', '所退回报告的日期'), say('send-back', '退办'));
  // "Passed" is judged on the due date in force on the day of the send-back.
  const events: AssignmentEvent[] = [{ type: 'ReportSentBack', data: { unitId, reason, sentBackOn, ...newDueDateOf(command, [partOn(state, part, sentBackOn).dueDate], sentBackOn, 'SENT_BACK') } }];
  return laterFactsHolding(state, events, { day: sentBackOn, what: named('sentBackOn', 'the send-back date', '退办日期') }, command, passCheckingTheDaysReport(state, events));
}

function logInspection(command: LogInspection, state: AssignmentsState): AssignmentEvent[] {
  const { unitId, inspectionId, outcome, notes, inspectedOn, place } = command;
  requireRole(command.actor, ['INSPECTOR', 'SUPERVISOR'], say('log inspections', '登记督查结果'));
  const part = requirePart(state, unitId, command);
  const unit = unitNamed(command, unitId);
  // Judged on the day inspected (breaker8b N2), as a send-back is.
  const inspected = { day: inspectedOn, what: named('inspectedOn', 'the inspection date', '督查日期') };
  // Dated before the report awaiting inspection now: the clerk's date is wrong, said beside the field.
  if (part.status === 'REPORTED') requireNotBeforeItsReport(inspected, part, say('the report it checks', '所核查报告的日期'), say('inspection', '督查'));
  const then = outcome === 'FAILED' ? beforeThePassOfItsDay(state, part, inspectedOn) : partOn(state, part, inspectedOn);
  if (then.status === 'VERIFIED') throw settledMeanwhile(part, unit, inspectedOn, verifiedThen(state, then, inspectedOn, unit, say('there is no report to inspect', '没有待督查的整改报告')));
  if (outcome === 'FAILED') requireReportOfThePassDayFirst(state, part, inspectedOn, unit, say('the inspection date', '督查日期'), say('inspection result', '督查结果'));
  if (then.status !== 'REPORTED' && then.terms.kind === 'STANDING' && inspectedOn < then.dueDate) {
    // Its reports so far are progress (进展报送, newcomer37 S16): nothing awaits a check until the span it is kept up for ends.
    throw conflict(
      `${capitalise(unit.en)}'s part is a standing task kept up until ${then.dueDate}: its reports before that day are progress reports, not inspected; the report made on or after ${then.dueDate} is inspected and closes the part.`,
      `${unit.zh}的任务为常态化任务，须坚持到 ${then.dueDate}：此前的报送是阶段进展，不进行督查核验；${then.dueDate} 当天或之后报送的完成报告才督查、核验。`,
    );
  }
  if (then.status !== 'REPORTED') {
    const day = onDay(inspectedOn, command.today);
    // The next step named (breaker8r P5: an inspection sheet typed from the office's files before the report it checks).
    throw settledMeanwhile(part, unit, inspectedOn, conflict(
      `${capitalise(unit.en)} had no report awaiting inspection${day.en}. If it reported on or before that day, its report must be entered first (by its own clerk, or by a supervisor from its paper report), then this inspection.`,
      `${unit.zh}${day.zh}没有待督查的整改报告。如该单位在此之前已报告，请先补录其整改报告（由${unit.zh}录入，或由督办人员依据纸质报告代录），再录入本次督查。`,
    ));
  }
  if (part.inspections.some((inspection) => inspection.inspectionId === inspectionId)) {
    throw conflict(`Inspection ${inspectionId} is already logged.`, `${unit.zh}的这次督查已经登记过。`);
  }
  requireBusinessDay(inspectedOn, command.today, named('inspectedOn', 'The inspection date', '督查日期'));
  requireNotBeforeItsReport(inspected, then, say('the report it checks', '所核查报告的日期'), say('inspection', '督查'));
  if (outcome === 'PASSED') {
    if (command.newDueDate !== undefined) {
      throw badInput('A passed inspection verifies the part: it takes no new due date.', '督查通过即确认整改完成，无需新的截止日期。');
    }
    return laterFactsHolding(state, [{ type: 'InspectionLogged', data: { unitId, inspectionId, outcome, notes, inspectedOn, place } }], inspected, command);
  }
  requireText(notes, named('notes', 'Notes on what failed', '督查未通过的原因'));
  // "Passed" is judged on the due date in force on the day of the inspection.
  const failed: AssignmentEvent[] = [
    {
      type: 'InspectionLogged',
      data: { unitId, inspectionId, outcome, notes, inspectedOn, place, ...newDueDateOf(command, [partOn(state, part, inspectedOn).dueDate], inspectedOn, 'INSPECTION_FAILED') },
    },
  ];
  return laterFactsHolding(state, failed, inspected, command, passCheckingTheDaysReport(state, failed));
}

function reopenParts(command: ReopenParts, state: AssignmentsState): AssignmentEvent[] {
  const { reason, reopenedOn } = command;
  requireRole(command.actor, ['SUPERVISOR'], say(`reopen a ${parentNoun(command).en}`, `重新打开${parentNoun(command).zh}`));
  requireText(reason, named('reason', 'A reason for reopening', '重新打开的理由'));
  requireBusinessDay(reopenedOn, command.today, named('reopenedOn', 'The reopening date', '重新打开日期'));
  const closedDay = closedOn(state);
  const reopened = { day: reopenedOn, what: named('reopenedOn', 'the reopening date', '重新打开日期') };
  // Parts named (a parent open on the day, or open then and closed later: breaker8n P4) are judged each on its verification.
  requireNotBefore(reopened, closedDay && command.unitIds === undefined ? { day: closedDay, what: say('the close-out', '销号日期') } : null);
  // The same parts evolve returns: a part that never reported keeps waiting, and its due date; only the parts named, when named.
  const only = command.unitIds;
  const returned = partsOf(state).filter((part) => (only === undefined ? part.status !== 'ASSIGNED' : only.includes(part.unitId)));
  for (const part of only === undefined ? [] : returned) {
    const unit = unitNamed(command, part.unitId);
    requireNotBefore(reopened, { day: part.verifiedOn ?? part.assignedOn, what: say(`the verification of ${unit.en}`, `${unit.zh}的核验日期`) });
  }
  // "Passed" is judged on the due dates in force on the day of the reopening.
  const inForce = assignmentsOn(state, reopenedOn);
  const newDueDate = newDueDateOf(command, returned.map((part) => (partOf(inForce, part.unitId) ?? part).dueDate), reopenedOn, 'REOPENED');
  return [{ type: 'PartsReopened', data: { reason, reopenedOn, ...newDueDate, ...(only === undefined ? {} : { unitIds: [...only] }) } }];
}

/**
 * Only an administrator hands parts over, as part of a reorganisation. Only parts open on the day
 * of the handover move: a part verified by then is done and stays, with its history, with the unit
 * that did it (one verified only after that day was still open on it, and moves).
 */
function handOverPart(command: HandOverPart, heldNow: AssignmentsState): AssignmentEvent[] {
  if (command.actor.role !== 'ADMIN') {
    throw forbidden('Only ADMIN users may hand a unit’s parts over to its successor.', '只有系统管理员可以将单位的任务移交给承继单位。');
  }
  if (command.redatedFrom !== undefined) return mergeStepsUndone(command, command.redatedFrom, heldNow);
  return passPartOnItsDay(command, heldNow);
}

/**
 * A merge whose day is corrected from `recordedOn` to `command.handedOverOn` (breaker8p P6): the steps that passed the unit's part
 * from the earlier of the two days on come off (PartHandOverUndone, the latest first, as `handOversAfterDay` undoes them), so that
 * the parent passes it again by the corrected directory (`handOversDue`), as if the merge had been typed with its right day.
 * CONFLICT, naming the record and nothing written: a later holder has a record of its own on the part (it was made while the
 * wrong day stood: correct or remove it first), the part joined a part of the successor's own (a join is not separated), or the
 * merged unit has a record on it dated on or after the corrected day (it took no work from then). Empty when the merge passed
 * nothing here.
 */
function mergeStepsUndone(command: HandOverPart, recordedOn: string, state: AssignmentsState): PartHandOverUndone[] {
  const { unitId, handedOverOn: correctedOn } = command;
  const unit = unitNamed(command, unitId);
  const from = correctedOn < recordedOn ? correctedOn : recordedOn;
  // Its records as they read now, each on its day as corrected: a correction is no record of its own (breaker8s P10: a
  // correction of the unit's 2016 inspection, entered in 2026, was named 「2026-12-04 的记录」 and could not be corrected).
  // Its papers of the corrected day itself — its last working day — stand (`isRecordOfHandingDay`, breaker8u P2): typed on that day they are taken.
  const own = inBusinessOrder(state.recorded).find(
    ({ event, occurredOn }) => !isHandOverEvent(event) && !isCorrection(event) && (event.data as { unitId?: string }).unitId === unitId && (occurredOn > correctedOn || (occurredOn === correctedOn && !isRecordOfHandingDay(event))),
  );
  if (own) {
    const day = own.occurredOn;
    const what = LATER_FACT[own.event.type] ?? say('record', '记录');
    throw conflict(
      `The merge of ${unit.en} cannot be dated ${correctedOn}: ${unit.en} has a ${what.en} on its part dated ${day}, and a unit merged away takes no work from its merge day. Correct that ${what.en} first.`,
      `${unit.zh}的合并日期不能更正为 ${correctedOn}：该单位的任务有 ${day} 的${what.zh}记录，而单位合并后不再承担工作。请先更正该${what.zh}记录。`,
      { field: 'mergedOn' },
    );
  }
  const joined = state.joined && Object.hasOwn(state.joined, unitId) ? state.joined[unitId]! : undefined;
  if (joined && joined.joinedOn >= from) {
    const holder = unitNamed(command, joinedHolderOf(state, joined));
    throw conflict(
      `The merge of ${unit.en} cannot be dated ${correctedOn}: its part joined the part of ${holder.en} on ${joined.joinedOn}, and a joined part is not separated again.`,
      `${unit.zh}的合并日期不能更正为 ${correctedOn}：其任务已于 ${joined.joinedOn} 并入${holder.zh}的任务，已合并的任务不能再分开。`,
      { field: 'mergedOn' },
    );
  }
  const undone = stepsBackTo(command, state, unitId, from, {
    movedThatDayTo: command.successorUnitId,
    joined: (aside, holder) =>
      conflict(
        `The merge of ${unit.en} cannot be dated ${correctedOn}: its part joined the part of ${holder.en} on ${aside.joinedOn}, and a joined part is not separated again.`,
        `${unit.zh}的合并日期不能更正为 ${correctedOn}：其任务已于 ${aside.joinedOn} 并入${holder.zh}的任务，已合并的任务不能再分开。`,
        { field: 'mergedOn' },
      ),
    record: ({ since, day }, holder) =>
      conflict(
        `The merge of ${unit.en} cannot be dated ${correctedOn}: its part passed to ${holder.en} on ${since}, and ${holder.en} has a record on it dated ${day}, made while the merge read ${recordedOn}. Correct that record first.`,
        `${unit.zh}的合并日期不能更正为 ${correctedOn}：其任务已于 ${since} 移交${holder.zh}，${holder.zh}已有该任务 ${day} 的记录（录入时合并日期为 ${recordedOn}）。请先更正该记录。`,
        { field: 'mergedOn' },
      ),
    reason: (passed, successor) => `合并日期由 ${recordedOn} 更正为 ${correctedOn}：${unit.zh}的任务不在 ${passed.until} 转给${successor.zh}`,
  });
  // Passed on a day after both (it came back after the merge, and passed the day it came back): the corrected merge passes it then too.
  const passedOn = undone.at(-1)?.data.handedOverOn;
  return passedOn !== undefined && passedOn > recordedOn && passedOn >= correctedOn ? [] : undone;
}

/**
 * The hand-over rules, whoever's decision passes the part (an administrator's reorganisation, or a
 * reopening that returns a merged unit's part to the unit carrying its work): the part passes on
 * its day as it would have had everything been entered in date order — later steps that passed it
 * on, or that brought the successor its part only after the day, are undone and applied again in
 * their place (`handOversAfterDay`, `successorStepsAfterDay`) — or CONFLICT / BAD_USER_INPUT naming
 * the fact in the way.
 */
export function passPartOnItsDay(command: HandOverPart, heldNow: AssignmentsState): AssignmentEvent[] {
  const { unitId, successorUnitId, reason } = command;
  // Parts that joined the unit's own part on the day itself stay with it: it hands over what it held at the day's start (breaker8m P3).
  const separated = joinsOfTheDaySeparated(command, heldNow);
  // The unit's part joined another unit's after the day (its merge typed first, its 交办 row after: breaker8l P1): that join comes off.
  const unjoined = [...separated.undone, ...joinAfterDayUndone(command, separated.undone.reduce(evolveAssignments, heldNow))];
  const atDayStart = unjoined.reduce(evolveAssignments, heldNow);
  // A part the unit held on the hand-over day but passed on later (a later reorganisation typed first) comes back to it first (breaker8e P1).
  const rewound = handOversAfterDay(command, atDayStart);
  const state = rewound.reduce(evolveAssignments, atDayStart);
  const part = requirePart(state, unitId, command);
  const unit = unitNamed(command, unitId);
  if (part.status === 'VERIFIED' && part.verifiedOn !== null && part.verifiedOn <= command.handedOverOn) {
    throw conflict(
      `The part of ${unit.en} was verified on ${part.verifiedOn}, by the handover (${command.handedOverOn}); it stays with the unit that did it.`,
      `${unit.zh}的任务已于 ${part.verifiedOn} 确认完成（移交日期 ${command.handedOverOn} 之前），不再移交。`,
    );
  }
  if (successorUnitId === unitId) throw badInput('A unit cannot hand its part over to itself.', '不能把任务移交给本单位。', { field: 'successorUnitId' });
  // A successor merged away on or after the day (one 机构改革 document: A's duties to B, B into C — breaker8g P10; or the merge entered
  // first, the earlier hand-over into B typed later — breaker8h P3) existed then: it takes the part, and its merge passes it on, on the
  // merge's day — the ledger date order gives. Merged before the day, it no longer existed: refused, naming its successor.
  const successorMergedOn = command.unitNames?.mergerOf?.(successorUnitId)?.mergedOn;
  const mergedSince = successorMergedOn !== undefined && successorMergedOn >= command.handedOverOn;
  if (!mergedSince) refuseMergedUnit(command, successorUnitId);
  if (isBlank(reason)) throw badInput('A reason for the handover is required.', '移交任务须说明理由。', { field: 'reason' });
  const { handedOverOn, successorRegisteredOn } = command;
  requireBusinessDay(handedOverOn, command.today, named('handedOverOn', 'The day of the handover', '移交日期'));
  const handedOver = { day: handedOverOn, what: named('handedOverOn', `the handover of the part of ${unit.en}`, `${unit.zh}任务的移交日期`) };
  requireNotBefore(handedOver, assignedDay(part, command));
  // The successor's part reached it only after the day (a later hand-over or merge into it, typed first): it comes off first, and joins after (breaker8f P6).
  const makingRoom = successorStepsAfterDay(command, state);
  const cleared = makingRoom.undone.reduce(evolveAssignments, state);
  const successorPart = partOf(cleared, successorUnitId);
  // A part the successor held that day and passed on since is joined wherever it is now (breaker8h P6), unless it would carry open work into it.
  const heldThen = successorPart ? undefined : partPassedOnAfter(cleared, successorUnitId, handedOverOn);
  // Merged away into a unit that holds no part here, the unit's own report or request dated after the day goes with the part
  // (breaker8r P10). Not a hand-over (职能调整): the unit goes on, and a part it is given later (交办, a hand-over into it) dated
  // before that report would take it by day, while the part it passed on took it as recorded (agreement walk seed 3).
  const merged = command.merging === true || command.unitNames?.mergerOf?.(unitId)?.mergedOn === handedOverOn;
  // A part the merged unit got only after its merge: refusals speak of the merge and its day (breaker8s P7).
  const afterMerge = command.merging === true && command.mergedOn !== undefined && command.mergedOn < handedOverOn
    ? { mergedOn: command.mergedOn, successor: unitNamed(command, successorUnitId), noun: parentNoun(command), joins: successorPart !== undefined || heldThen !== undefined }
    : undefined;
  if (command.partOnly === true && (successorPart !== undefined || heldThen !== undefined)) refuseSplitIntoOwnPart(command, unit, handedOverOn);
  refuseWorkAfterHandOver(part, handedOverOn, unit, merged && !successorPart && !heldThen, afterMerge);
  if (successorPart) refuseFactsLostInJoin(cleared, part, successorPart, handedOverOn, unit, unitNamed(command, successorUnitId), afterMerge);
  else if (heldThen && !joinsOpenWork(part, heldThen.asHeldThen, handedOverOn)) refuseFactsLostInJoin(cleared, part, heldThen.asHeldThen, handedOverOn, unit, unitNamed(command, successorUnitId), afterMerge);
  else refuseJoinWithPartPassedOn(cleared, successorUnitId, handedOverOn, unit, unitNamed(command, successorUnitId), parentNoun(command), afterMerge);
  if (successorRegisteredOn !== undefined) {
    const successor = unitNamed(command, successorUnitId);
    requireNotBefore(handedOver, { day: successorRegisteredOn, what: say(`the registration of ${successor.en}`, `${successor.zh}的登记日期`) });
  }
  const passed: AssignmentEvent = { type: 'PartHandedOver', data: { unitId, successorUnitId, reason, handedOverOn, ...(command.partOnly === true ? { partOnly: true as const } : {}) } };
  const after = appliedAgain(command, evolveAssignments(cleared, passed), makingRoom.redone);
  const onThroughMerges = passedOnThroughMerges(command, after, mergedSince ? successionOf(command.unitNames, successorUnitId, handedOverOn) : []);
  return [...unjoined, ...rewound, ...makingRoom.undone, passed, ...makingRoom.redone, ...onThroughMerges, ...separated.redone];
}

/**
 * A split (职能划转, `HandOverPart.partOnly`, newcomer53-10 S1) into a unit that holds a part of this parent on `handedOverOn` (or
 * held one then and passed it on since): CONFLICT, nothing written. A split moves one part whole, with its records; joining it to
 * the successor's own part (one record kept, the other set aside) is a whole hand-over's or a merge's, which the office chooses
 * knowingly there. `field: 'only'` names the list of findings and items the administrator chose.
 */
function refuseSplitIntoOwnPart(command: HandOverPart, unit: Bilingual, handedOverOn: string): never {
  const successor = unitNamed(command, command.successorUnitId);
  const noun = parentNoun(command);
  throw conflict(
    `${capitalise(successor.en)} already holds a part of this ${noun.en} on ${handedOverOn}: handing over chosen parts (a split of duties) does not join two units' parts into one. Leave this ${noun.en} out of the choice; if the duties of ${unit.en} pass to ${successor.en} whole, hand over all its parts (choose none) or merge the unit, which joins the two parts.`,
    `${successor.zh}在本${noun.zh}已有任务（${handedOverOn}）：按${noun.zh}移交（职能划转）不把两个单位的任务合为一项。请不要选择本${noun.zh}；如${unit.zh}的职能整体划入${successor.zh}，请整体移交其全部任务（不选${noun.zh}）或将其并入，两项任务将合为一项。`,
    { field: 'only', successorUnitId: command.successorUnitId },
  );
}

/**
 * The part a successor took over, passed on by the successor's own merges (`steps`, from `successionOf`) on their days, in
 * `state` as it stands after the hand-over into the successor: each merge's PartHandedOver, with room made first where the
 * next successor's part there reached it only after the merge's day (`successorStepsAfterDay`: those steps come off, the
 * latest first, and are applied again after, now joins — breaker8l P1, fuzz b:71 run 2: U1 merged into U2 on 06-01 typed
 * after U2's merge into U4 of 07-01 and U3's into U4 of 2017-03-01; by date U1's part reached U4 on 07-01 and U3's joined it).
 * Stops when nothing is left at a step's unit (the part joined one the successor had passed on since — the `heldThen` join of
 * evolve `handOver` — and went on with it: breaker8k P1). CONFLICT (`refuseFactsLostInJoin`, `successorStepsAfterDay`) naming
 * a record a join would lose or a later holder's record in the way.
 */
function passedOnThroughMerges(command: NamesUnits, state: AssignmentsState, steps: readonly SuccessionStep[]): AssignmentEvent[] {
  const events: AssignmentEvent[] = [];
  let after = state;
  for (const step of steps) {
    const from = unitNamed(command, step.unitId);
    const to = unitNamed(command, step.successorUnitId);
    if (!partOf(after, step.unitId)) break;
    const room = successorStepsAfterDay({ ...command, unitId: step.unitId, successorUnitId: step.successorUnitId, handedOverOn: step.on }, after);
    after = room.undone.reduce(evolveAssignments, after);
    const moving = partOf(after, step.unitId)!;
    const holder = partOf(after, step.successorUnitId);
    if (holder) refuseFactsLostInJoin(after, moving, holder, step.on, from, to);
    const merged: AssignmentEvent = { type: 'PartHandedOver', data: { unitId: step.unitId, successorUnitId: step.successorUnitId, reason: `${from.zh}于 ${step.on} 并入${to.zh}，其未完成的任务由${to.zh}承担`, handedOverOn: step.on } };
    after = appliedAgain(command, evolveAssignments(after, merged), room.redone);
    events.push(...room.undone, merged, ...room.redone);
  }
  return events;
}

/**
 * `state` with the steps undone to make room (`successorStepsAfterDay`) applied again in their place by day: each now joins the
 * part its successor holds from the earlier pass on. CONFLICT (`refuseFactsLostInJoin`) when a join would lose a record.
 */
function appliedAgain(command: NamesUnits, state: AssignmentsState, redone: readonly PartHandedOver[]): AssignmentsState {
  let after = state;
  for (const step of redone) {
    const joining = partOf(after, step.data.unitId);
    const holder = partOf(after, step.data.successorUnitId);
    if (joining && holder) refuseFactsLostInJoin(after, joining, holder, step.data.handedOverOn, unitNamed(command, step.data.unitId), unitNamed(command, step.data.successorUnitId));
    after = evolveAssignments(after, step);
  }
  return after;
}

/**
 * A hand-over of `command.unitId` dated before the day its part joined another unit's own part (breaker8l P1: U1 merged into U3
 * on 10-01 typed first, U1's 交办 row after — its part joined U3's on 10-01 — then U1's duties handed to U2 on 08-01): in date
 * order the part passed to U2 on 08-01 and the merge found nothing of U1's. The join is undone (PartHandOverUndone of a join,
 * time's `joinUndone`): the part is U1's again, to pass on its day. Empty when the unit holds a part, held none that day, the
 * join carried open work (`setAside`, never undone) or was kept instead of another (`keptInstead`), or the holder it joined has
 * a record of its own on the joined part dated on or after the join (the refusals name it, as before).
 */
function joinAfterDayUndone(command: HandOverPart, state: AssignmentsState): PartHandOverUndone[] {
  const { unitId, handedOverOn } = command;
  if (partOf(state, unitId)) return [];
  const entry = state.joined && Object.hasOwn(state.joined, unitId) ? state.joined[unitId]! : undefined;
  if (!entry?.into || entry.keptInstead || !isAfter(entry.joinedOn, handedOverOn) || isAfter(entry.part.heldSince ?? entry.part.assignedOn, handedOverOn)) return [];
  const holder = partOf(state, entry.into.unitId);
  if (!holder?.heldBefore?.includes(unitId)) return [];
  const ownRecord = state.recorded.some((event) => !isHandOverEvent(event) && (event.data as { unitId?: string }).unitId === entry.into!.unitId && factDayOfEvent(event) >= entry.joinedOn);
  if (ownRecord) return [];
  const unit = unitNamed(command, unitId);
  const successor = unitNamed(command, entry.successorUnitId);
  return [
    {
      type: 'PartHandOverUndone',
      data: { unitId, successorUnitId: entry.successorUnitId, reason: `${unit.zh}的任务已于 ${handedOverOn} 移交，不随 ${entry.joinedOn} 的机构改革并入${successor.zh}的任务`, handedOverOn: entry.joinedOn },
    },
  ];
}

/**
 * The joins of other units' parts into `command.unitId`'s own part on the hand-over's own day, separated for a hand-over
 * (职能调整) of that day: A→B and B→C on one day, A→B typed first (breaker8m P3: A's part had joined B's, and B→C passed both;
 * typed the other way B's part went to C and A's to B). The holder at the day's start hands over (breaker8f P13, the same-day
 * swap): B passes only the part it held when the day began, and the parts that reached it that day stay with it, whatever the
 * typing order. So each such join is undone, the latest recorded first (`undone`: PartHandOverUndone of a join), before B's part
 * passes, and applied again after it in the order recorded (`redone`: PartHandedOver with its own reason — now a move into B).
 * Both empty for a merge (`merging`, or the directory's merge of the unit that day: it ceases to exist, and what it holds at the
 * day's end passes — breaker8g P10), or when no part joined B's own that day. CONFLICT when B has a record of its own on the
 * joined part dated on or after the day: the office must say whether that record was about B's own duties or those it took over.
 */
function joinsOfTheDaySeparated(
  command: NamesUnits & Pick<HandOverPart, 'unitId' | 'successorUnitId' | 'handedOverOn' | 'merging'>,
  state: AssignmentsState,
): { undone: PartHandOverUndone[]; redone: PartHandedOver[] } {
  const { unitId, handedOverOn } = command;
  const none = { undone: [], redone: [] };
  const own = partOf(state, unitId);
  if (command.merging || command.unitNames?.mergerOf?.(unitId)?.mergedOn === handedOverOn || !own || own.heldSince !== undefined) return none;
  const positionOf = (joiningUnitId: string) =>
    state.recorded.findLastIndex((event) => event.type === 'PartHandedOver' && event.data.unitId === joiningUnitId && event.data.successorUnitId === unitId && event.data.handedOverOn === handedOverOn);
  const joins = Object.entries(state.joined ?? {})
    .filter(([joiningUnitId, entry]) => entry.joinedOn === handedOverOn && entry.successorUnitId === unitId && entry.into?.unitId === unitId && entry.keptInstead === undefined && !partOf(state, joiningUnitId) && own.heldBefore?.includes(joiningUnitId))
    .map(([joiningUnitId]) => ({ joiningUnitId, position: positionOf(joiningUnitId) }))
    .filter((join) => join.position >= 0)
    .sort((a, b) => a.position - b.position);
  if (joins.length === 0) return none;
  const record = state.recorded.find((event) => !isHandOverEvent(event) && (event.data as { unitId?: string }).unitId === unitId && factDayOfEvent(event) >= handedOverOn);
  if (record) {
    const unit = unitNamed(command, unitId);
    const successor = unitNamed(command, command.successorUnitId);
    const joining = joins.map((join) => unitNamed(command, join.joiningUnitId));
    const day = factDayOfEvent(record);
    throw conflict(
      `The part of ${unit.en} cannot pass to ${successor.en} on ${handedOverOn}: the part of ${joining.map((one) => one.en).join(', ')} joined it that same day, and ${unit.en} has a record on the joined part dated ${day}; on one day the holder at the day's start hands over only what it held then. Correct or remove that record first, or date the hand-over after ${handedOverOn}.`,
      `${unit.zh}的任务不能在 ${handedOverOn} 移交${successor.zh}：${joining.map((one) => one.zh).join('、')}的任务同日并入${unit.zh}的任务，${unit.zh}已有合并后任务 ${day} 的记录；同一天内只移交当天开始时所承担的任务。请先更正该记录，或把移交日期定在 ${handedOverOn} 之后。`,
    );
  }
  const undone: PartHandOverUndone[] = [];
  const redone: PartHandedOver[] = [];
  for (const { joiningUnitId, position } of joins) {
    const original = state.recorded[position] as PartHandedOver;
    undone.unshift({
      type: 'PartHandOverUndone',
      data: {
        unitId: joiningUnitId,
        successorUnitId: unitId,
        reason: `${unitNamed(command, unitId).zh}于 ${handedOverOn} 只移交当天开始时承担的任务：${unitNamed(command, joiningUnitId).zh}当天移交来的任务不并入其中，随后重新办理`,
        handedOverOn,
      },
    });
    redone.push({ type: 'PartHandedOver', data: { ...original.data } });
  }
  return { undone, redone };
}

/**
 * A hand-over into `command.successorUnitId` dated before the day its part here reached it (breaker8f
 * P6: B→C of 08-01 typed first, then A merged into C on 07-01): in date order C held nothing on the
 * earlier day, took A's part then, and B's part joined it later. The steps that brought C its part
 * since the day are undone, the latest first (`undone`: PartHandOverUndone), and applied again after
 * the hand-over, each on its own day (`redone`: PartHandedOver, now a join). A part C was assigned
 * after the day is not undone (its 交办 would have met the part C held). A unit that held the part
 * after the day has a record of its own on it: CONFLICT naming the record (in date order it would be
 * on the joined part, which the record of the part that joins does not follow) — date the hand-over
 * on or after the day it took the part over. Both empty when the successor held its part by the day.
 */
function successorStepsAfterDay(
  command: NamesUnits & Pick<HandOverPart, 'unitId' | 'successorUnitId' | 'handedOverOn'>,
  state: AssignmentsState,
  /** Why each step comes off (Chinese; default: the hand-over of `command.unitId` to the successor comes first). */
  undoneReason?: (step: StepUndone) => string,
): { undone: PartHandOverUndone[]; redone: Extract<AssignmentEvent, { type: 'PartHandedOver' }>[] } {
  const { successorUnitId, handedOverOn } = command;
  const part = partOf(state, successorUnitId) ?? sameDayRecordPassedOn(command, state);
  const holders = part?.previousHolders ?? [];
  if (!part || part.heldSince === undefined || !isAfter(part.heldSince, handedOverOn)) return { undone: [], redone: [] };
  const unit = unitNamed(command, command.unitId);
  const successor = unitNamed(command, successorUnitId);
  const reasonOf = undoneReason ?? ((step: StepUndone) => `${unit.zh}的任务于 ${handedOverOn} 先移交${successor.zh}，${step.on} 的${step.join ? '合并' : '移交'}随后重新办理`);
  // Others' parts joined it since (breaker8m P9's kind, fuzz p:102 run 7): every step into it after the day comes off, as for a row.
  if (part.joinedOn !== undefined) return roomAmongJoins(command, state, successorUnitId, handedOverOn, reasonOf) ?? { undone: [], redone: [] };
  // The steps after the day: from the first that passed the part on after it.
  const from = holders.findIndex((held) => isAfter(held.until, handedOverOn));
  if (from < 0) return { undone: [], redone: [] };
  const record = laterHolderRecord(state, holders, from, part.unitId);
  const postDated = record ? undefined : postDatedRecord(state, holders, from);
  if (postDated) {
    const holder = unitNamed(command, postDated.unitId);
    throw conflict(
      `The part of ${unit.en} cannot pass to ${successor.en} on ${handedOverOn}: by date the part ${successor.en} holds here (from ${holder.en}, on ${postDated.until}) would then join it, and the record of ${postDated.day} entered on that part after it passed on would belong to the joined part, not to ${holder.en}'s; correct that record's day first, or date the hand-over on or after ${postDated.until}.`,
      `${unit.zh}的任务不能在 ${handedOverOn} 移交${successor.zh}：按日期${successor.zh}现有的任务（${postDated.until} 从${holder.zh}移交来）将随后并入，而该任务上 ${postDated.day} 的记录（晚于其移交日期）应属于合并后的任务，不再属于${holder.zh}原来的任务；请先更正该记录的日期，或将移交日期定在 ${postDated.until} 或之后。`,
    );
  }
  if (record) {
    const { since, day } = record;
    const holder = unitNamed(command, record.unitId);
    throw conflict(
      `The part of ${unit.en} cannot pass to ${successor.en} on ${handedOverOn}: the part ${successor.en} holds here reached ${holder.en} only on ${since}, and ${holder.en} has a record on it dated ${day}; date the hand-over on or after ${since}.`,
      `${unit.zh}的任务不能在 ${handedOverOn} 移交${successor.zh}：${successor.zh}在本${parentNoun(command).zh}的现有任务 ${since} 才移交${holder.zh}，${holder.zh}已有该任务 ${day} 的记录；移交日期不能早于 ${since}。`,
    );
  }
  const undone: PartHandOverUndone[] = [];
  const redone: Extract<AssignmentEvent, { type: 'PartHandedOver' }>[] = [];
  for (let index = holders.length - 1; index >= from; index -= 1) {
    const passed = holders[index]!;
    const to = index + 1 < holders.length ? holders[index + 1]!.unitId : part.unitId;
    const next = unitNamed(command, to);
    undone.push({
      type: 'PartHandOverUndone',
      data: { unitId: passed.unitId, successorUnitId: to, reason: reasonOf({ on: passed.until, join: false }), handedOverOn: passed.until },
    });
    redone.unshift({
      type: 'PartHandedOver',
      data: { unitId: passed.unitId, successorUnitId: to, reason: `按日期顺序重新办理：${unitNamed(command, passed.unitId).zh}的任务于 ${passed.until} 移交${next.zh}`, handedOverOn: passed.until },
    });
  }
  return { undone, redone };
}

/**
 * A hand-over of `command.unitId` dated before one that already passed its part on (breaker8e P1:
 * A→B of 08-01 typed first, A→C of 07-01 after): entered in date order, the part would have passed
 * on the earlier day, and the later reorganisation found nothing of the unit to pass. The steps
 * since the unit held the part on the hand-over day are undone, the latest first
 * (PartHandOverUndone, as for a pass dated before a hand-over): the part is the unit's again, to
 * pass on that day. Empty when the unit holds the part itself, or held none that day. A unit that
 * held the part after it has facts of its own on it (it could not have, in date order): CONFLICT
 * naming the fact — date the hand-over on or after the day that unit took it over. A part that
 * joined another's own part is not separated again (nothing passes).
 */
function handOversAfterDay(command: HandOverPart, state: AssignmentsState): PartHandOverUndone[] {
  const { unitId, handedOverOn } = command;
  const own = partOf(state, unitId);
  if (own && !isAfter(own.heldSince ?? own.assignedOn, handedOverOn)) return [];
  const unit = unitNamed(command, unitId);
  // The unit merged away on the hand-over's own day, the merge typed first (a split on one day: breaker8k P8): the hand-over,
  // the specific paper, wins whatever the typing order — the part the merge moved that day comes back to pass by it.
  const merger = command.unitNames?.mergerOf?.(unitId);
  const mergedThatDayInto = merger?.mergedOn === handedOverOn && merger.successorUnitId !== command.successorUnitId ? merger.successorUnitId : undefined;
  return stepsBackTo(command, state, unitId, handedOverOn, {
    ...(mergedThatDayInto === undefined ? {} : { movedThatDayTo: mergedThatDayInto }),
    joined: (aside, holder) =>
      conflict(
        `The part of ${unit.en} cannot pass on ${handedOverOn}: it joined the part of ${holder.en} on ${aside.joinedOn}, and a joined part is not separated again; date the hand-over on or after ${aside.joinedOn}.`,
        `${unit.zh}的任务不能在 ${handedOverOn} 移交：该任务已于 ${aside.joinedOn} 并入${holder.zh}的任务，已合并的任务不能再分开；移交日期不能早于 ${aside.joinedOn}。`,
      ),
    record: ({ since, day }, holder) =>
      conflict(
        `The part of ${unit.en} cannot pass on ${handedOverOn}: it passed to ${holder.en} on ${since}, and ${holder.en} has a record on it dated ${day}; date the hand-over on or after ${since}.`,
        `${unit.zh}的任务不能在 ${handedOverOn} 移交：该任务已于 ${since} 移交${holder.zh}，${holder.zh}已有该任务 ${day} 的记录；移交日期不能早于 ${since}。`,
      ),
    reason: (passed, successor) => `${unit.zh}的任务已于 ${handedOverOn} 移交，不随 ${passed.until} 的移交转给${successor.zh}`,
  });
}

/**
 * A unit taken off a work-plan item (方案调整) on office day `removedOn`, typed after a reorganisation dated later that passed
 * its part on (breaker8j P3: C removed as of 06-20, typed after C's merge or hand-over into H of 07-01): entered in date order,
 * C left the item on 06-20 and the reorganisation found nothing of it to pass. The steps that passed C's part on since are
 * undone, the latest first (PartHandOverUndone): the part is C's again, to be taken off on its day. Empty when C holds its
 * part itself (or held none that day: the caller's NOT_FOUND). CONFLICT when C's part joined another unit's part since (a
 * joined part is not separated again) — naming the join — or when a later holder has a record of its own on it, naming the
 * record: the revision's day cannot be before either.
 */
export function partBackForRemoval(command: NamesUnits, state: AssignmentsState, unitId: string, removedOn: string): PartHandOverUndone[] {
  const own = partOf(state, unitId);
  if (own && !isAfter(own.heldSince ?? own.assignedOn, removedOn)) return [];
  const unit = unitNamed(command, unitId);
  const noun = parentNoun(command);
  // Whether that reorganisation's day can be corrected, and where (h57c: 「机构改革的日期录入后不能更正」 was said of a merge too).
  const joinedInto = (aside: JoinedPart, holder: Bilingual) => {
    const { joinedOn } = aside;
    // The unit whose step it was: the joining one, also where the successor's own record was set aside for it.
    const joiningUnitId = aside.keptInstead?.unitId ?? aside.carried?.unitId ?? aside.part.unitId;
    const how = reorganisationDayCorrection(command, state, { unitId: joiningUnitId, successorUnitId: aside.successorUnitId, on: joinedOn });
    return conflict(
      `${capitalise(unit.en)} cannot be taken off the ${noun.en} as of ${removedOn}: its part joined the part of ${holder.en} on ${joinedOn} (a reorganisation), and a joined part is not separated again. Date the revision on or after ${joinedOn} and take ${holder.en} off (${how.en}).`,
      `${unit.zh}不能自 ${removedOn} 起移出本${noun.zh}：其任务已于 ${joinedOn} 随机构改革并入${holder.zh}的任务，已合并的任务不能再分开。调整日期不能早于 ${joinedOn}（届时可移出${holder.zh}；${how.zh}）。`,
    );
  };
  // Its part (or a part it held then, passed on since) joined another unit's own part after the day (`AssignmentsState.joined`).
  const joined = state.joined
    ? Object.entries(state.joined).find(([joiningUnitId, entry]) =>
        isAfter(entry.joinedOn, removedOn) && (joiningUnitId === unitId || (entry.part.previousHolders?.some((held) => held.unitId === unitId && held.from <= removedOn && removedOn < held.until) ?? false)),
      )
    : undefined;
  if (!own && joined) throw joinedInto(joined[1], unitNamed(command, joinedHolderOf(state, joined[1])));
  // Its merge or hand-over dated the removal's own day, typed first (breaker8l P5): two papers of one day, and typed the other way
  // the removal took the part off and the reorganisation found nothing to pass — so the part the reorganisation moved that day
  // comes back to leave, whatever the typing order (as a hand-over of the day wins over a merge of the day: breaker8k P8).
  const merger = command.unitNames?.mergerOf?.(unitId);
  const movedThatDayTo = merger?.mergedOn === removedOn ? merger.successorUnitId : command.unitNames?.handOversOf?.(unitId).find((handOver) => handOver.on === removedOn)?.successorUnitId;
  return stepsBackTo(command, state, unitId, removedOn, {
    ...(movedThatDayTo === undefined ? {} : { movedThatDayTo }),
    joined: (aside, holder) => joinedInto(aside, holder),
    record: ({ since, day }, holder) =>
      conflict(
        `${capitalise(unit.en)} cannot be taken off the ${noun.en} as of ${removedOn}: its part passed to ${holder.en} on ${since} (a reorganisation), and ${holder.en} has a record on it dated ${day}. Date the revision on or after ${since} and take ${holder.en} off, or correct that record first.`,
        `${unit.zh}不能自 ${removedOn} 起移出本${noun.zh}：其任务已于 ${since} 随机构改革移交${holder.zh}，${holder.zh}已有该任务 ${day} 的记录。调整日期不能早于 ${since}（届时可移出${holder.zh}），或先更正该记录。`,
        ),
    reason: (passed, successor) => `${unit.zh}已于 ${removedOn} 移出本${noun.zh}，其任务不随 ${passed.until} 的移交转给${successor.zh}`,
  });
}

/**
 * Whether the day of the reorganisation that passed `unitId`'s part to `successorUnitId` on office day `on` can be corrected, and
 * where — as a refusal that sends the clerk to date a step on or after it says (h57c: every one said 「机构改革的日期录入后不能更正」,
 * also of a merge and a split, which are): a hand-over of the part alone (按事项移交, `partOnly`) on the part (更正记录日期 /
 * 撤销此记录, breaker55-8 S4); a merge by the administrator in the units directory (更正合并日期, breaker8p P6); a unit's whole
 * work handed over (职能整体移交) not at all. Pure: the parent's record and the directory the command carries.
 */
function reorganisationDayCorrection(command: NamesUnits, state: AssignmentsState, step: { readonly unitId: string; readonly successorUnitId: string; readonly on: string }): Bilingual {
  const { unitId, successorUnitId, on } = step;
  const split = state.recorded.some((event) => event.type === 'PartHandedOver' && event.data.partOnly === true && event.data.unitId === unitId && event.data.successorUnitId === successorUnitId && event.data.handedOverOn === on);
  if (split) return say(`if the day of that hand-over of the part alone is wrong, correct it on the part first (更正记录日期)`, `如该按事项移交的日期录错，请先在该任务上“更正记录日期”`);
  const merger = command.unitNames?.mergerOf?.(unitId);
  if (merger?.successorUnitId === successorUnitId && merger.mergedOn === on) {
    return say(`if the merge's day is wrong, the administrator corrects it in the units directory first (更正合并日期)`, `如合并日期录错，请先由管理员在单位名录中“更正合并日期”`);
  }
  return say(`the day of a unit's whole work handed over cannot be corrected once entered`, `职能整体移交的日期录入后不能更正`);
}

/** The unit whose part a joined entry is inside now: the successor it joined, or where that part has passed since. */
function joinedHolderOf(state: AssignmentsState, entry: JoinedPart): string {
  if (partOf(state, entry.successorUnitId)) return entry.successorUnitId;
  return partsOf(state).find((part) => part.previousHolders?.some((held) => held.unitId === entry.successorUnitId))?.unitId ?? entry.successorUnitId;
}

/**
 * The PartHandOverUndone that make the part `unitId` held at the start of office day `day`, passed on since by later steps,
 * its own again (the latest first): the shared walk back of `handOversAfterDay` and `partBackForRemoval`. Empty when it held
 * none that day. `words.joined` when the part's last step carried it into a verified part (breaker8g P18: a join, not undone);
 * `words.record` when a later holder has a record of its own on it (`laterHolderRecord`); `words.reason` words each undoing.
 */
function stepsBackTo(
  command: NamesUnits,
  state: AssignmentsState,
  unitId: string,
  day: string,
  words: {
    readonly joined: (aside: JoinedPart, holder: Bilingual) => DomainError;
    readonly record: (record: { readonly since: string; readonly day: string }, holder: Bilingual) => DomainError;
    readonly reason: (passed: PreviousHolder, successor: Bilingual) => string;
    /** Also a part the unit passed to this unit on `day` itself (its merge of that day: breaker8k P8). */
    readonly movedThatDayTo?: string;
  },
): PartHandOverUndone[] {
  // Held at the day's start: from its assignment on or before the day, or taken over before it (breaker8f P13).
  const startedBy = (held: PreviousHolder, index: number) => held.unitId === unitId && (index === 0 ? held.from <= day : held.from < day);
  const movedThatDay = (candidate: AssignmentPart) => (held: PreviousHolder, index: number, holders: readonly PreviousHolder[]) =>
    held.until === day && (holders[index + 1]?.unitId ?? candidate.unitId) === words.movedThatDayTo;
  const heldThenIn = (candidate: AssignmentPart) => (held: PreviousHolder, index: number, holders: readonly PreviousHolder[]) =>
    startedBy(held, index) && (day < held.until || (words.movedThatDayTo !== undefined && movedThatDay(candidate)(held, index, holders)));
  const part = partsOf(state).find((candidate) => candidate.previousHolders?.some(heldThenIn(candidate)));
  const heldThen = part ? heldThenIn(part) : () => false;
  if (!part) return [];
  const holders = part.previousHolders!;
  const from = holders.findLastIndex(heldThen);
  const aside = state.setAside && Object.hasOwn(state.setAside, part.unitId) ? state.setAside[part.unitId]! : undefined;
  // Its last step carried the part into a verified one (breaker8g P18): a join, not undone.
  if (aside && aside.joinedOn === part.heldSince) throw words.joined(aside, unitNamed(command, part.unitId));
  const record = laterHolderRecord(state, holders, from, part.unitId);
  if (record) throw words.record(record, unitNamed(command, record.unitId));
  const undone: PartHandOverUndone[] = [];
  for (let index = holders.length - 1; index >= from; index -= 1) {
    const passed = holders[index]!;
    const successorUnitId = index + 1 < holders.length ? holders[index + 1]!.unitId : part.unitId;
    undone.push({ type: 'PartHandOverUndone', data: { unitId: passed.unitId, successorUnitId, reason: words.reason(passed, unitNamed(command, successorUnitId)), handedOverOn: passed.until } });
  }
  return undone;
}

/**
 * The first record of its own that a later holder of the part has on it (a report, an extension
 * request, … — not a hand-over), dated on or after the day that holder got it: `holders[from]` passed
 * the part on, each next holder (ending with `currentUnitId`) held it from the previous one's `until`.
 * Such a record could not exist had an earlier reorganisation been typed first; undefined when none.
 */
function laterHolderRecord(state: AssignmentsState, holders: readonly PreviousHolder[], from: number, currentUnitId: string): { unitId: string; since: string; day: string } | undefined {
  const later = [...holders.slice(from + 1).map((held) => held.unitId), currentUnitId];
  for (const [index, laterUnitId] of later.entries()) {
    const since = holders[from + index]!.until;
    const fact = state.recorded.find((event) => !isHandOverEvent(event) && !correctsAnotherUnitsInspection(state, event) && (event.data as { unitId?: string }).unitId === laterUnitId && factDayOfEvent(event) >= since);
    if (fact) return { unitId: laterUnitId, since, day: factDayOfEvent(fact) };
  }
  return undefined;
}

/**
 * A correction of an inspection logged under another unit (the office named the part's holder of today, the inspection being of
 * its predecessor's days): it goes with the inspection it corrects, which is that unit's record, not one of its own (breaker8r
 * P12: correcting the merge day was refused naming 「…已有该任务 2026-12-04 的记录」 — the correction's own day). O(recorded).
 */
function correctsAnotherUnitsInspection(state: AssignmentsState, event: AssignmentEvent): boolean {
  if (event.type !== 'InspectionCorrected') return false;
  const logged = state.recorded.find((candidate) => candidate.type === 'InspectionLogged' && candidate.data.inspectionId === event.data.inspectionId);
  return logged !== undefined && logged.type === 'InspectionLogged' && logged.data.unitId !== event.data.unitId;
}

/**
 * A record a holder of the part left on it dated on or after the day it passed the part on (an inspection or urging — the office's,
 * allowed after a hand-over by `refuseWorkAfterHandOver` — entered under the unit that held it when typed): while the part passes
 * whole, the record goes with it; were the pass made a join again (a successor's own part dated earlier), it would stay on the
 * joining record although by date it is the joined part's (agreement walk seeds 5 and 20161130). `holders[from]` on are the
 * holders whose passes would become joins; undefined when none left such a record (or `from` < 0).
 */
function postDatedRecord(state: AssignmentsState, holders: readonly PreviousHolder[], from: number): { unitId: string; until: string; day: string } | undefined {
  if (from < 0) return undefined;
  for (const held of holders.slice(from)) {
    // A unit given a part of its own here again since: its later records are that part's.
    if (partOf(state, held.unitId)) continue;
    const fact = state.recorded.find((event) => !isHandOverEvent(event) && (event.data as { unitId?: string }).unitId === held.unitId && factDayOfEvent(event) >= held.until);
    if (fact) return { unitId: held.unitId, until: held.until, day: factDayOfEvent(fact) };
  }
  return undefined;
}

const isHandOverEvent = (event: AssignmentEvent): boolean => event.type === 'PartHandedOver' || event.type === 'PartHandOverUndone';

// ---------------------------------------------------------------------------------------------
// guards

/**
 * A part passes (hand-over, merge) on a day no later than the unit's own facts on it: the day it
 * took the part over (机构改革) or a report or extension request of its own, dated after the
 * hand-over, would be work of a unit that no longer held the part (or no longer existed) —
 * CONFLICT naming the latest such fact and its day. Inspections and urgings are the office's.
 * `workGoesOn`: the unit is merged away, its part passing whole to a unit holding none here — the unit's own report or request
 * dated after the day, sent under its old name (以原单位名义报送: the old seal in use for days after a
 * 机构改革), is the successor's, as both folds take a fact of the unit dated after it passed the part
 * on (breaker8r P10: the merge could only be dated late, or the report's day falsified).
 */
function refuseWorkAfterHandOver(part: AssignmentPart, handedOverOn: string, unit: Bilingual, workGoesOn = false, afterMerge?: PassAfterMerge): void {
  const facts: DatedFact[] = [
    ...(part.heldSince ? [{ day: part.heldSince, what: say(`the handover of the part to ${unit.en}`, `该任务移交给${unit.zh}`) }] : []),
    ...(part.joinedOn ? [{ day: part.joinedOn, what: say(`the joining of another unit's part to that of ${unit.en}`, `其他单位的任务并入${unit.zh}的任务`) }] : []),
    ...(part.lastReport && !workGoesOn ? [{ day: part.lastReport.reportedOn, what: say(`the report of ${unit.en}`, `${unit.zh}的整改报告`) }] : []),
    ...(workGoesOn ? [] : part.extensionRequests.map((request) => ({ day: request.requestedOn, what: say(`the extension request of ${unit.en}`, `${unit.zh}的延期申请`) }))),
  ];
  const latest = facts.filter((fact) => isAfter(fact.day, handedOverOn)).sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : 0))[0];
  if (!latest) return;
  if (afterMerge) throw refusedPassAfterMerge(afterMerge, unit, handedOverOn, latest);
  throw conflict(
    `The part of ${unit.en} cannot pass on ${handedOverOn}: ${latest.what.en} is dated later (${latest.day}); date the reorganisation on or after it.`,
    `${unit.zh}的任务不能在 ${handedOverOn} 移交或并入：${latest.what.zh}的日期（${latest.day}）在其之后；机构改革的日期不能早于该日期。`,
  );
}

/** How a refusal of a part the merged unit got only after its merge day speaks of the merge (breaker8s P7, `HandOverPart.mergedOn`). */
interface PassAfterMerge {
  /** The merge's office day (`YYYY-MM-DD`), before the day the part passes. */
  readonly mergedOn: string;
  readonly successor: Bilingual;
  /** The parent: 问题 / 工作事项. */
  readonly noun: Bilingual;
  /** The part would join a part the successor holds (or held that day) here, rather than pass to it alone. */
  readonly joins: boolean;
}

/**
 * CONFLICT for a merge dated before the unit got its part here (breaker8s P7: a 2016 merge typed after the 2026 plan gave the
 * unit a part; it was refused 「…的任务不能在 2026-01-12 移交或并入：…；机构改革的日期不能早于该日期」, words about a day the
 * administrator never typed). A merged unit takes no new work, so the part passes to the successor on the day the unit got it
 * (`handedOverOn`); `fact` (a record of that part, or of the successor's, dated after that day) keeps it from passing — into the
 * successor's own part when `merge.joins`. Names the merge's day, the day the unit got the part and the record with its day, and says
 * what to check: the merge's day, or the assignment to a unit already merged. The reorganisation's handler names the parent.
 */
function refusedPassAfterMerge(merge: PassAfterMerge, unit: Bilingual, handedOverOn: string, fact: DatedFact): DomainError {
  const { mergedOn, successor, noun, joins: join } = merge;
  const into = join ? say(`join the part ${successor.en} holds here`, `并入${successor.zh}在本${noun.zh}已有的任务`) : say(`pass to ${successor.en}`, `转给${successor.zh}`);
  return conflict(
    `${capitalise(unit.en)} is merged into ${successor.en} on ${mergedOn} and takes no work after it, so the part of this ${noun.en} it holds from ${handedOverOn} would ${into.en} on that day; but ${fact.what.en} is dated later (${fact.day}) and cannot go with it. Check the merge's day; if the merge was on ${mergedOn}, first correct the part given to ${unit.en} here after it.`,
    `${unit.zh}于 ${mergedOn} 并入${successor.zh}，此后不再承担任务；本${noun.zh}自 ${handedOverOn} 起由${unit.zh}承担的任务因此须在该日${into.zh}，但${fact.what.zh}的日期（${fact.day}）在其之后，不能随之${join ? '并入' : '转出'}。请核对并入日期；如确于 ${mergedOn} 并入，请先更正本${noun.zh}在并入之后交给${unit.zh}的任务。`,
  );
}

/**
 * A part that joins the successor's own part (the successor held one already) keeps the
 * successor's record from the day it passes: a fact of the office on the predecessor's part dated
 * after that day — an inspection, a send-back, an urging, an extension decision — would belong to a part that no longer
 * stood alone, and would count differently as of a day than now. When the successor's part stood
 * verified that day and the joining one did not, the join carries the joining record instead and sets
 * the successor's aside (`joinsOpenWork`): then the successor's own facts dated after the day — a
 * reopening, a report, an inspection — would be lost from the joined part (breaker8i P4). CONFLICT
 * naming the latest such fact and its day: date the hand-over on or after it.
 */
function refuseFactsLostInJoin(state: AssignmentsState, part: AssignmentPart, successorPart: AssignmentPart, handedOverOn: string, unit: Bilingual, successor: Bilingual, afterMerge?: PassAfterMerge): void {
  const latest = factLostInJoin(state, part, successorPart, handedOverOn, unit, successor);
  if (!latest) return;
  if (afterMerge) throw refusedPassAfterMerge({ ...afterMerge, joins: true }, unit, handedOverOn, latest);
  throw conflict(
    `The part of ${unit.en} cannot join the part ${successor.en} holds on ${handedOverOn}: ${latest.what.en} is dated later (${latest.day}); date the hand-over on or after it.`,
    `${unit.zh}的任务不能在 ${handedOverOn} 并入${successor.zh}已有的任务：${latest.what.zh}的日期（${latest.day}）在其之后；移交日期不能早于该日期。`,
  );
}

/**
 * The latest fact that keeps `part` from joining `successorPart` on `handedOverOn` (see
 * `refuseFactsLostInJoin`); undefined when it may join. Whether the join carries is judged on the parts now and as they stood by
 * the day (`joinsOpenWorkByDay`).
 */
function factLostInJoin(state: AssignmentsState, part: AssignmentPart, successorPart: AssignmentPart, handedOverOn: string, unit: Bilingual, successor: Bilingual): DatedFact | undefined {
  const facts: DatedFact[] = [
    // The successor's own part begins on its assignment (or the day it took it over): nothing joins it before.
    { day: successorPart.heldSince ?? successorPart.assignedOn, what: say(`the start of the part ${successor.en} holds`, `${successor.zh}已有任务的起始（交办或承接）`) },
    ...part.inspections.map((inspection) => ({ day: inspection.inspectedOn, what: say(`the inspection of ${unit.en}`, `${unit.zh}的督查`) })),
    ...(part.lastReturn ? [{ day: part.lastReturn.returnedOn, what: say(`the return of the part of ${unit.en}`, `${unit.zh}任务的退回`) }] : []),
    ...(part.lastUrgedOn ? [{ day: part.lastUrgedOn, what: say(`the urging of ${unit.en}`, `对${unit.zh}的催办`) }] : []),
    ...part.extensionRequests.flatMap((request) =>
      request.decidedOn === undefined ? [] : [{ day: request.decidedOn, what: say(`the decision on an extension request of ${unit.en}`, `对${unit.zh}延期申请的审批`) }],
    ),
    // A join that carries the open work sets the successor's verified record aside (`joinsOpenWork`): its own facts dated later would go with it (breaker8i P4).
    ...(joinsOpenWorkByDay(state, part, successorPart, handedOverOn) ? recordFacts(successorPart, successor) : []),
  ];
  return facts.filter((fact) => isAfter(fact.day, handedOverOn)).sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : 0))[0];
}

/**
 * Whether a join on office day `day` carries `part`'s open work into `successorPart` (`joinsOpenWork`), judged on the parts now
 * and on the parts as they stood by the day (`partOn`, folded by day): a part now knows only its last report, so one reported
 * before the day and again after it (typed before the join) reads as owing its report on the day — the by-day folds and the
 * views (`workDoneAsOf`, every report) see it reported and carry (business-time-agreement seed 9, batch 9: the successor's
 * later facts stayed on its set-aside record now and went to the carried one by day). Either way the join is weighed as carrying.
 */
function joinsOpenWorkByDay(state: AssignmentsState, part: AssignmentPart, successorPart: AssignmentPart, day: string): boolean {
  return joinsOpenWork(part, successorPart, day) || joinsOpenWork(partOn(state, part, day), partOn(state, successorPart, day), day);
}

/** Every dated fact on `part`'s own record (of `unit`): its last report, inspections, last return or reopening, last urging, extension requests and decisions. */
function recordFacts(part: AssignmentPart, unit: Bilingual): DatedFact[] {
  const back = part.lastReturn;
  return [
    ...(part.lastReport ? [{ day: part.lastReport.reportedOn, what: say(`the report of ${unit.en}`, `${unit.zh}的整改报告`) }] : []),
    ...part.inspections.map((inspection) => ({ day: inspection.inspectedOn, what: say(`the inspection of ${unit.en}`, `${unit.zh}的督查`) })),
    ...(back
      ? [back.cause === 'PARTS_REOPENED'
          ? { day: back.returnedOn, what: say(`the reopening of the part of ${unit.en}`, `${unit.zh}任务的重新打开`) }
          : { day: back.returnedOn, what: say(`the return of the part of ${unit.en}`, `${unit.zh}任务的退回`) }]
      : []),
    ...(part.lastUrgedOn ? [{ day: part.lastUrgedOn, what: say(`the urging of ${unit.en}`, `对${unit.zh}的催办`) }] : []),
    ...part.extensionRequests.flatMap((request) => [
      { day: request.requestedOn, what: say(`the extension request of ${unit.en}`, `${unit.zh}的延期申请`) },
      ...(request.decidedOn === undefined ? [] : [{ day: request.decidedOn, what: say(`the decision on an extension request of ${unit.en}`, `对${unit.zh}延期申请的审批`) }]),
    ]),
  ];
}

/**
 * A successor whose own part of this parent passed to another unit later than the hand-over day
 * still held that part on that day: the part handed over would have joined it, and left with it.
 * CONFLICT naming the day it passed (the rule assignments keep, see `assignUnit`): date the
 * hand-over on or after it.
 */
function refuseJoinWithPartPassedOn(state: AssignmentsState, successorUnitId: string, handedOverOn: string, unit: Bilingual, successor: Bilingual, noun: Bilingual, afterMerge?: PassAfterMerge): void {
  const passed = state.passedOn && Object.hasOwn(state.passedOn, successorUnitId) ? state.passedOn[successorUnitId]! : undefined;
  if (passed === undefined || !isAfter(passed, handedOverOn)) return;
  if (afterMerge) throw refusedPassAfterMerge({ ...afterMerge, joins: true }, unit, handedOverOn, { day: passed, what: say(`the passing on of the part ${successor.en} held here`, `${successor.zh}在本${noun.zh}原有任务的移交`) });
  throw conflict(
    `The part of ${unit.en} cannot pass to ${successor.en} on ${handedOverOn}: ${successor.en} held a part here until ${passed}, when it passed to another unit; date the hand-over on or after ${passed}.`,
    `${unit.zh}的任务不能在 ${handedOverOn} 移交${successor.zh}：${successor.zh}在本${noun.zh}的原有任务至 ${passed} 才移交其他单位；移交日期不能早于 ${passed}。`,
  );
}

/**
 * 机构改革: a merged unit takes no new work — no assignment, report, extension, urging, send-back
 * or inspection dated from its merge on — CONFLICT naming it and its successor, which carries its
 * open parts. Correcting a report's day (history) and handing its parts over stay open, and so does
 * entering its facts dated before the merge (its work then), among them a pass of those days
 * corrected to a failure (breaker8p P4): the part it returns is open on the merge day and passes to
 * the successor then (`handOversDue`, as date order passes it), or on the day it came back if later.
 * `state`: the parts as recorded, for the inspection's day when the correction keeps it.
 */
function requireStandingUnit(command: AssignmentCommand, state: AssignmentsState): void {
  if (command.type === 'ReopenParts' || command.type === 'HandOverPart' || command.type === 'CorrectReportDate') return;
  // Judged on the unit that made the record, whichever card the form was sent from (`refuseRedatedPastMerge`).
  if (command.type === 'CorrectFactDate') return;
  if (command.type === 'CorrectInspection' && command.outcome !== 'FAILED') return;
  if (command.type === 'CorrectInspection') {
    const inspectedOn = command.inspectedOn ?? heldDayOf(command, state);
    if (inspectedOn !== undefined && assignedBeforeMerge(command, command.unitId, inspectedOn)) return;
  }
  // A past assignment (a plan or ledger entered late) dated before the unit's merge, or on the merge day itself — its last
  // working day, as typing the 交办 before the merge takes it (breaker8u P2) — is its own work then; the part passes to the
  // successor on the merge day (`handOversAfterMerges`).
  if (command.type === 'AssignUnit' && assignedByMerge(command, command.unitId, command.assignedOn)) return;
  // Its facts dated before the merge, entered late from its files, were its work then (breaker8 B5).
  const fact = factDayOf(command);
  if (command.type !== 'AssignUnit' && command.type !== 'CorrectInspection' && fact && assignedBeforeMerge(command, command.unitId, fact.day)) return;
  // Its own paper of the merge day — a report, an extension request or its withdrawal — was that day's work, before the merge,
  // whichever was typed first (breaker8s P6, `ownPaperOfHandOverDay`).
  if (isPaperOfHandingDay(command) && fact && command.unitNames?.mergerOf?.(command.unitId)?.mergedOn === fact.day) return;
  // …and a pass of that day of the part it still holds then: its join into the successor's part undone to take it, as date
  // order has it (breaker8v P11, `isPaperOfJoinDay`); a part it no longer holds is passed naming the successor (`passOfMergeDay`).
  const passOfOwnPart = command.type === 'LogInspection' && command.outcome === 'PASSED' && partOf(state, command.unitId) !== undefined;
  if (passOfOwnPart && fact && command.unitNames?.mergerOf?.(command.unitId)?.mergedOn === fact.day) return;
  refuseMergedUnit(command, command.unitId);
}

/**
 * A pass dated on the merge day of the unit it names, whose part passed to the successor that day: the work it checks is the
 * merged unit's (reported before the merge), so it is decided as naming the successor — which records it, as date order does,
 * on the merged unit's record, the step undone (breaker8r P8: refused 「…不再承担新的工作；其未完成的任务由…承担」, then accepted
 * naming the successor and shown as the merged unit's). Any other command as it is.
 */
function passOfMergeDay(command: AssignmentCommand, state: AssignmentsState): AssignmentCommand {
  if (command.type !== 'LogInspection' || command.outcome !== 'PASSED' || partOf(state, command.unitId)) return command;
  const merger = command.unitNames?.mergerOf?.(command.unitId);
  if (!merger || merger.mergedOn !== command.inspectedOn) return command;
  return { ...command, unitId: merger.successorUnitId };
}

/** A 交办 of `unitId` dated `assignedOn` on or before its merge day (its last working day: breaker8u P2): its part passes that day. */
const assignedByMerge = (command: NamesUnits, unitId: string, assignedOn: string): boolean => {
  const merger = command.unitNames?.mergerOf?.(unitId);
  return merger !== undefined && assignedOn <= merger.mergedOn;
};

const assignedBeforeMerge = (command: NamesUnits, unitId: string, assignedOn: string): boolean => {
  const merger = command.unitNames?.mergerOf?.(unitId);
  return merger !== undefined && assignedOn < merger.mergedOn;
};

/**
 * 机构改革 re-judged (breaker8b N1): the hand-overs due after a decision, by a hand-over the
 * directory records (`UnitNames.handOversOf`) that the parts as they now stand call for — the rule
 * a reorganisation applies to the parts as it finds them (reorganization/hand-over-parts.ts), applied
 * again when a fact entered later changes them. A part its unit held on a hand-over day (it began on
 * or before that day) passes on that day when it was open at its end; one verified then that came
 * back later (a reopening, an inspection corrected to a failure) passes on the day it came back.
 * The holder's own merge (`UnitNames.mergerOf`) counts as its hand-over on the merge day (breaker8i P7).
 * Then on through the successor's merges. Empty when nothing is due.
 */
export function handOversDue(command: NamesUnits, state: AssignmentsState): AssignmentEvent[] {
  // A part that passes to a unit that handed its work on later passes on again (a chain A→B, B→C, whatever order it was typed in: breaker8e P1).
  const events: AssignmentEvent[] = [];
  let folded = state;
  // One round per day a part passes on (`handOversDueOnce`): bounded, a cycle is a directory fault, never a loop.
  for (let round = 0; round < 128; round += 1) {
    const due = handOversDueOnce(command, folded);
    if (due.length === 0) break;
    events.push(...due);
    folded = due.reduce(evolveAssignments, folded);
  }
  return events;
}

/**
 * One step of `handOversDue`: the next hand-over (or merge) of each part's holder, then its successor's merges — only those
 * of the earliest day any part passes on, each chain cut before the next part's day (breaker8j P2, walk seed 8864). Two
 * parts passing into one successor on different days meet as they did by date: the earlier one reaches it first and the
 * later one joins it, keeping the earlier one's record, whatever order the parts were assigned in (the rows of a 交办 form);
 * the later ones are judged again in the next round, on the parts as the earlier ones left them.
 */
function handOversDueOnce(command: NamesUnits, state: AssignmentsState): AssignmentEvent[] {
  const steps = handOverStepsDue(command, state);
  if (steps.length === 0) return [];
  const first = steps.reduce((earliest, step) => (step.day < earliest ? step.day : earliest), steps[0]!.day);
  const next = steps.filter((step) => step.day > first).reduce<string | null>((earliest, step) => (earliest === null || step.day < earliest ? step.day : earliest), null);
  const taken = steps.filter((step) => step.day === first);
  // A step found in the way (`refuseLateJoin`) refuses only when it is taken: a later one is judged again after the earlier ones.
  const refused = taken.find((step) => step.refusal !== undefined);
  if (refused) throw refused.refusal;
  // A step undone to make room (`successorStepsAfterDay`) always comes off; applied again, it may wait for its day's round.
  return taken.flatMap((step) => step.events.filter((event) => event.type === 'PartHandOverUndone' || next === null || factDayOfEvent(event) < next));
}

/**
 * Each part's next hand-over due (`handOversDueOnce`): its day, its events (the hand-over, then the successor's merges), and
 * the refusal it meets on the parts as they stand (`refuseLateJoin`), if any.
 */
function handOverStepsDue(command: NamesUnits, state: AssignmentsState): { day: string; events: AssignmentEvent[]; refusal?: unknown }[] {
  const directory = command.unitNames;
  if (!directory?.handOversOf) return [];
  const steps: { day: string; events: AssignmentEvent[]; refusal?: unknown }[] = [];
  const splits = splitsStanding(state);
  for (const part of partsOf(state)) {
    const events: AssignmentEvent[] = [];
    const holder = part.unitId;
    // A hand-over that already passed this part on (it came back to the unit since) is not applied twice.
    const applied = (on: string) => part.previousHolders?.some((held) => held.unitId === holder && held.until >= on) ?? false;
    // The holder at a day's start hands over: a part taken over on a day does not pass again by that day's hand-over (a same-day swap, breaker8f P13).
    // A part another unit's part joined after a hand-over's day cannot pass on that day by date (the unit's own would have, the joining one not): it stays.
    const heldOnItsStart = (on: string) => (part.heldSince === undefined ? on >= part.assignedOn : on > part.heldSince) && (part.joinedOn === undefined || on >= part.joinedOn);
    // The holder's own merge hands its open parts over on its day too: a part left with a merged unit (a withdrawal undone or
    // moved later, after the merge skipped the withdrawn parent: breaker8i P7) passes as the merge would have passed it.
    const merger = directory.mergerOf?.(holder);
    // A split of this part (按事项移交) is this parent's hand-over of the holder, as the directory's are the unit's: undone by a late
    // pass, it passes the part again once the part is open on (or after) its day — the pass retracted or moved (breaker55-8 S5).
    const ownSplits = splits.filter((split) => split.unitId === holder);
    const listed: readonly (UnitHandOver & { readonly partOnly?: true })[] = [...directory.handOversOf(holder), ...ownSplits, ...(merger ? [{ successorUnitId: merger.successorUnitId, on: merger.mergedOn }] : [])];
    const candidates = merger || ownSplits.length > 0 ? [...listed].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0)) : listed;
    const handOver = candidates.find((candidate) => heldOnItsStart(candidate.on) && candidate.successorUnitId !== holder && !applied(candidate.on));
    if (!handOver) continue;
    const byMerge = merger !== undefined && handOver.successorUnitId === merger.successorUnitId && handOver.on === merger.mergedOn;
    const day = passingDay(state, holder, handOver.on);
    if (day === null) continue;
    const unit = unitNamed(command, holder);
    const successor = unitNamed(command, handOver.successorUnitId);
    let refusal: unknown;
    // A hand-over (职能调整, not a merge) passes what the holder held at the day's start: parts that joined its own that day come
    // off first and pass to it again after (`joinsOfTheDaySeparated`, breaker8m P3 — the directory's chain A→B, B→C of one day,
    // B's 交办 row typed after A's: A's part joined B's own, and B's hand-over due passed both).
    let separated: ReturnType<typeof joinsOfTheDaySeparated> = { undone: [], redone: [] };
    if (!byMerge && day === handOver.on && part.joinedOn === day) {
      try {
        separated = joinsOfTheDaySeparated({ ...command, unitId: holder, successorUnitId: handOver.successorUnitId, handedOverOn: day }, state);
      } catch (error) {
        refusal = error;
      }
    }
    const atDayStart = separated.undone.reduce(evolveAssignments, state);
    const own = partOf(atDayStart, holder) ?? part;
    // The successor's part reached it only after the day (its own predecessor's hand-over or merge, applied first: the 机构改革
    // directory entered, then the 交办 row by row — breaker8k P3): in date order this part reached it first and that one joined
    // later. That step comes off, this part passes, and the step is applied again on its own day, as for a hand-over typed
    // late (`successorStepsAfterDay`: a later holder's own record on that part refuses it, naming the record).
    let makingRoom: ReturnType<typeof successorStepsAfterDay> = { undone: [], redone: [] };
    try {
      if (refusal === undefined) makingRoom = successorStepsAfterDay({ ...command, unitId: holder, successorUnitId: handOver.successorUnitId, handedOverOn: day }, atDayStart);
    } catch (error) {
      refusal = error;
    }
    const cleared = makingRoom.undone.reduce(evolveAssignments, atDayStart);
    // The successor held a part here on that day and passed it on later (breaker8g P15: a second 交办 on the
    // hand-over's day): by date the part joined that part and went on with it — the join is written now, into
    // that part wherever it is (breaker8h P6; `handOver`). A join that would carry open work into it stays as before.
    const heldThen = partOf(cleared, handOver.successorUnitId) ? undefined : partPassedOnAfter(cleared, handOver.successorUnitId, day);
    if (heldThen && joinsOpenWork(own, heldThen.asHeldThen, day)) continue;
    // The successor passed a part on since that reached it only after the day (typed-versus-date-order p:4323 run 2: U0 merged
    // into U3 on 07-01, U1's part handed to U3 on 08-01 and on with U3's merge into U4 in 2017, all typed before U0's row): by
    // date U0's part reached U3 first and U1's joined it. The steps back to U3 come off, this part passes, and they apply again
    // by day (`roomBeforePassedPart`, as for a row of the successor's own). Without such room it stays as before.
    let reached: RoomMade | undefined;
    if (!heldThen && !partOf(cleared, handOver.successorUnitId) && passedAfter(cleared, handOver.successorUnitId, day)) {
      const first = (step: StepUndone) => `${unit.zh}的任务于 ${day} ${byMerge ? '随机构改革并入' : '移交'}${successor.zh}在先，${step.on} 的${step.join ? '合并' : '移交'}随后按日期重新办理`;
      reached = refusal === undefined ? roomBeforePassedPart(command, cleared, handOver.successorUnitId, day, first) : undefined;
      if (!reached) continue;
    }
    const roomy = reached ? reached.undone.reduce(evolveAssignments, cleared) : cleared;
    try {
      if (refusal === undefined) refuseLateJoin(roomy, own, heldThen?.asHeldThen ?? partOf(roomy, handOver.successorUnitId), day, unit, successor);
    } catch (error) {
      refusal = error;
    }
    const reason = byMerge
      ? `${unit.zh}于 ${handOver.on} 并入${successor.zh}，其未完成的任务由${successor.zh}承担`
      : day === handOver.on
        ? `${unit.zh}的任务已于 ${handOver.on} 移交${successor.zh}：该任务当日尚未完成，由${successor.zh}办理`
        : `${unit.zh}的任务已于 ${handOver.on} 移交${successor.zh}：该任务 ${day} 重新退回整改，由${successor.zh}办理`;
    const split = handOver.partOnly === true ? { partOnly: true as const } : {};
    events.push(...separated.undone, ...makingRoom.undone, ...(reached?.undone ?? []), { type: 'PartHandedOver', data: { unitId: holder, successorUnitId: handOver.successorUnitId, reason, handedOverOn: day, ...split } }, ...makingRoom.redone, ...(reached?.redone ?? []));
    // A part joined where the successor's part went on since went on with it: the successor's merges pass nothing more. Otherwise
    // they pass it on, each making room where the next successor's part came only after its day (breaker8l P1, fuzz b:71 run 2);
    // with the steps redone after it (`reached`), they pass it on with the part that joins it.
    if (!heldThen && !reached && refusal === undefined) {
      try {
        events.push(...passedOnThroughMerges(command, events.reduce(evolveAssignments, state), successionOf(directory, handOver.successorUnitId, day)));
      } catch (error) {
        refusal = error;
      }
    }
    events.push(...separated.redone);
    steps.push({ day, events, ...(refusal === undefined ? {} : { refusal }) });
  }
  return steps;
}

/**
 * The splits (按事项移交, PartHandedOver with `partOnly`) recorded on this parent that stand: each unit, successor and office day —
 * the parent's own record of a hand-over its directory does not know (breaker55-8 S5). A split retracted (撤销此记录, S4) no
 * longer stands, nor does an earlier split of the same unit to the same successor (a split undone by a late pass, passed again
 * by `handOversDue`, then retracted). Empty, at no cost, for a parent with no split.
 */
function splitsStanding(state: AssignmentsState): readonly (UnitHandOver & { readonly unitId: string; readonly partOnly: true })[] {
  if (!state.recorded.some((event) => event.type === 'PartHandedOver' && event.data.partOnly === true)) return [];
  const entries = state.recorded.map((event, index) => ({ type: event.type, data: event.data, occurredOn: factDayOfEvent(event), index }));
  const { correctedBy } = withCorrectionsApplied(entries);
  const retracted = state.recorded.flatMap((event, index) => (event.type === 'PartHandedOver' && correctedBy.get(index)?.some((correction) => correction.type === 'RecordRetracted') ? [{ event, index }] : []));
  return state.recorded.flatMap((event, index) => {
    if (event.type !== 'PartHandedOver' || event.data.partOnly !== true) return [];
    const { unitId, successorUnitId, handedOverOn } = event.data;
    const retractedSince = retracted.some((each) => each.index >= index && each.event.data.unitId === unitId && each.event.data.successorUnitId === successorUnitId);
    return retractedSince ? [] : [{ unitId, successorUnitId, on: handedOverOn, partOnly: true as const }];
  });
}

/** Whether `unitId`'s part of this parent passed on to another unit after office day `day`. */
function passedAfter(state: AssignmentsState, unitId: string, day: string): boolean {
  const passed = state.passedOn && Object.hasOwn(state.passedOn, unitId) ? state.passedOn[unitId]! : undefined;
  return passed !== undefined && isAfter(passed, day);
}

/**
 * A hand-over the directory records, due by a fact entered late (a paper 交办, a reopening), would
 * join the part to one its successor took over or was assigned only after that day, or lose a fact
 * dated after it (see `refuseFactsLostInJoin`): folded by day the two parts were not one when it
 * passed, folded as typed they are — the views of today and of past days would tell two stories.
 * Refused as a hand-over typed with that day is (breaker8e P1, agreement walk seed 9): CONFLICT
 * naming the hand-over, the successor and the fact in the way.
 */
function refuseLateJoin(state: AssignmentsState, part: AssignmentPart, successorPart: AssignmentPart | undefined, day: string, unit: Bilingual, successor: Bilingual): void {
  const latest = successorPart && factLostInJoin(state, part, successorPart, day, unit, successor);
  if (!latest) return;
  throw conflict(
    `The part of ${unit.en} passes to ${successor.en} on ${day} (a reorganisation recorded in the directory), but ${latest.what.en} is dated later (${latest.day}): the two parts cannot be joined by date. Check the day of that hand-over or of ${successor.en}'s part first.`,
    `${unit.zh}的任务应于 ${day} 随机构改革移交${successor.zh}，但${latest.what.zh}的日期（${latest.day}）在其之后，两项任务无法按日期合并；请先核对该移交日期或${successor.zh}任务的日期。`,
  );
}

/**
 * The hand-overs that no longer stand after a decision (breaker8d P15): a part that passed on a
 * hand-over day but, folded in business order with every fact entered since, stood verified at the
 * end of that day — a pass dated before the reorganisation, entered after it — stays with the unit
 * that did the work, as it does when the facts are entered in date order (a reorganisation hands
 * over only parts open on its day). One PartHandOverUndone per such hand-over, the latest first (a
 * part that passed on again comes back step by step); a step that stands stops the walk back. A
 * part that joined the successor's own part is not separated again (its late facts are refused).
 */
export function handOversUndone(command: NamesUnits, state: AssignmentsState): AssignmentEvent[] {
  const events: AssignmentEvent[] = [];
  let folded = state;
  for (let step = 0; step < 32; step += 1) {
    const undone = firstHandOverNotStanding(command, folded);
    if (!undone) break;
    events.push(undone);
    folded = evolveAssignments(folded, undone);
  }
  return events;
}

function firstHandOverNotStanding(command: NamesUnits, state: AssignmentsState): PartHandOverUndone | undefined {
  for (const part of partsOf(state)) {
    const passed = part.previousHolders?.at(-1);
    if (!passed || part.heldSince !== passed.until) continue;
    // A part that carried open work into a verified one is a join: not separated again (breaker8g P18).
    if (carriedJoin(state, part)) continue;
    const then = partOf(assignmentsOn(state, passed.until), part.unitId);
    if (then?.status !== 'VERIFIED' || then.verifiedOn === null) continue;
    // Verified that day on the successor's own report (dated on the hand-over day: the predecessor's work ended the day before), the
    // successor did the work: the hand-over stands (breaker8h P9). The day-start rule keeps only the predecessor's verified work.
    if (then.lastReport !== null && then.lastReport.reportedOn >= passed.until) continue;
    const unit = unitNamed(command, passed.unitId);
    const successor = unitNamed(command, part.unitId);
    return {
      type: 'PartHandOverUndone',
      data: {
        unitId: passed.unitId,
        successorUnitId: part.unitId,
        reason: `${unit.zh}的任务已于 ${then.verifiedOn} 确认完成，不随 ${passed.until} 的移交转给${successor.zh}，仍由${unit.zh}保留`,
        handedOverOn: passed.until,
      },
    };
  }
  return undefined;
}

/**
 * The office day the part `holder` holds passes by a hand-over of office day `handedOverOn`: that
 * day when the part was not verified at its end; else the first day after it on which it stood open
 * again, when it is open now; null when it stays (verified then, and now).
 */
function passingDay(state: AssignmentsState, holder: string, handedOverOn: string): string | null {
  let folded = initialAssignmentsState();
  let afterHandOver = false;
  for (const { event, occurredOn } of inBusinessOrder(state.recorded)) {
    if (!afterHandOver && occurredOn > handedOverOn) {
      // The end of the hand-over day: open then, the part passed that day.
      if (partOf(folded, holder)?.status !== 'VERIFIED') return handedOverOn;
      afterHandOver = true;
    }
    folded = evolveAssignments(folded, event);
    // Verified on the hand-over day, it passes on the first day it stands open again.
    const part = partOf(folded, holder);
    if (afterHandOver && part && part.status !== 'VERIFIED') return occurredOn;
  }
  return afterHandOver || partOf(folded, holder)?.status === 'VERIFIED' ? null : handedOverOn;
}

/** One step of a unit's succession: its work passes to `successorUnitId` on office day `on`. */
export interface SuccessionStep {
  readonly unitId: string;
  readonly successorUnitId: string;
  readonly on: string;
}

/**
 * The merges (机构改革) a part of `unitId` held on office day `from` goes through, in order: each
 * merge passes it to that unit's successor on the later of `from` and the merge day. Empty for a
 * unit that stands, or a directory that does not know merges. At most 32 steps (a cycle is a
 * directory fault, never a loop).
 */
export function successionOf(directory: UnitNames | undefined, unitId: string, from: string): SuccessionStep[] {
  const steps: SuccessionStep[] = [];
  let holder = unitId;
  let day = from;
  for (let merger = directory?.mergerOf?.(holder); merger && steps.length < 32; merger = directory?.mergerOf?.(holder)) {
    day = later(day, merger.mergedOn);
    steps.push({ unitId: holder, successorUnitId: merger.successorUnitId, on: day });
    holder = merger.successorUnitId;
  }
  return steps;
}

const later = (a: string, b: string) => (a > b ? a : b);

/**
 * A part assigned (on `assignedOn`) to a unit merged later passes to its successor on the merge
 * day — and on through the successor's own later merges — as the merge would have passed it had it
 * been recorded in order: PartHandedOver events, each dated the day of its merge. Written after
 * every UnitAssigned of a batch, so a batch naming both a unit and its later successor gives the
 * successor one part (leading if either led).
 */
export function handOversAfterMerges(command: NamesUnits & { readonly assignedOn: string }, assigned: readonly { readonly unitId: string }[]): AssignmentEvent[] {
  const events: AssignmentEvent[] = [];
  for (const { unitId } of assigned) {
    if (!assignedByMerge(command, unitId, command.assignedOn)) continue;
    for (const step of successionOf(command.unitNames, unitId, command.assignedOn)) {
      const unit = unitNamed(command, step.unitId);
      const successor = unitNamed(command, step.successorUnitId);
      const reason = `${unit.zh}于 ${step.on} 并入${successor.zh}，其未完成的任务由${successor.zh}承担`;
      events.push({ type: 'PartHandedOver', data: { unitId: step.unitId, successorUnitId: step.successorUnitId, reason, handedOverOn: step.on } });
    }
  }
  return events;
}

/**
 * The one rule for every path that gives a unit work (assignment, a plan's lead or responsible
 * unit, a hand-over's successor): a unit merged into another takes none — CONFLICT naming the
 * successor and the merge day.
 */
function refuseMergedUnit(command: NamesUnits, unitId: string): void {
  const merger = command.unitNames?.mergerOf?.(unitId);
  if (!merger) return;
  const unit = unitNamed(command, unitId);
  const successor = unitNamed(command, merger.successorUnitId);
  // The successor merged on since: the unit carrying the work now is the last of the chain (breaker8h P11: name the unit to pick).
  const carrier = unitNamed(command, successionOf(command.unitNames, unitId, merger.mergedOn).at(-1)?.successorUnitId ?? merger.successorUnitId);
  throw conflict(
    `${capitalise(unit.en)} was merged into ${successor.en} on ${merger.mergedOn}; it takes no new work: its open parts are ${carrier.en}'s.`,
    `${unit.zh}已于 ${merger.mergedOn} 并入${successor.zh}，不再承担新的工作；其未完成的任务由${carrier.zh}承担。`,
  );
}

/** The office day a command's fact happened on, as its refusals name it; null for those about no one unit. */
export function factDayOf(command: AssignmentCommand): DatedFact | null {
  switch (command.type) {
    case 'AssignUnit':
      return { day: command.assignedOn, what: say('the assignment date', '交办日期') };
    case 'RequestExtension':
      return { day: command.requestedOn, what: named('requestedOn', 'the request date', '延期申请日期') };
    case 'DecideExtension':
      return { day: command.decidedOn, what: named('decidedOn', 'the decision date', '审批日期') };
    case 'WithdrawExtensionRequest':
      return { day: command.withdrawnOn, what: named('withdrawnOn', 'the withdrawal date', '撤回日期') };
    case 'UrgeUnit':
      return { day: command.urgedOn, what: named('urgedOn', 'the urging date', '催办日期') };
    case 'ReportRectification':
      return { day: command.reportedOn, what: named('reportedOn', 'the report date', '报告日期') };
    case 'SendBackReport':
      return { day: command.sentBackOn, what: named('sentBackOn', 'the send-back date', '退办日期') };
    case 'LogInspection':
      return { day: command.inspectedOn, what: named('inspectedOn', 'the inspection date', '督查日期') };
    case 'CorrectReportDate':
      return { day: command.reportedOn, what: named('reportedOn', 'the corrected report date', '更正后的报告日期') };
    case 'CorrectInspection':
      return command.inspectedOn === undefined ? null : { day: command.inspectedOn, what: named('inspectedOn', 'the corrected inspection date', '更正后的督查日期') };
    case 'HandOverPart':
      return { day: command.handedOverOn, what: say('the day of the handover', '移交日期') };
    case 'CorrectFactDate':
      return { day: command.on, what: named('on', `the corrected date of the ${REDATED[command.factType].en}`, `更正后的${REDATED[command.factType].zh}日期`) };
    case 'CorrectStepDate':
      return { day: command.on, what: RETYPED_DAY[command.factType] };
    case 'ReopenParts':
    case 'RetractRecord':
      return null;
    default:
      return unreachable(command);
  }
}

/**
 * No work of a unit is dated before the unit existed (its registration in the directory), as its
 * renames and merges are not: BAD_USER_INPUT naming both days. A unit that existed earlier than it
 * was entered has its registration day corrected first (`correctUnitRegistration`).
 */
function requireUnitExisted(command: AssignmentCommand): void {
  if (command.type === 'ReopenParts') return;
  const fact = factDayOf(command);
  const registeredOn = command.unitNames?.registeredOnOf?.(command.unitId);
  if (!fact || registeredOn === undefined) return;
  if (!isAfter(registeredOn, fact.day)) return;
  const unit = unitNamed(command, command.unitId);
  // The unit that did this work on that day, before the reorganisation passed it on (breaker11g P8): named, not a false registration day.
  const then = (command.unitNames?.predecessorsOf?.(command.unitId) ?? []).filter(
    (predecessor) => isAfter(predecessor.on, fact.day) && !isAfter(command.unitNames?.registeredOnOf?.(predecessor.unitId) ?? fact.day, fact.day),
  );
  if (then.length > 0) {
    const named = then.map((predecessor) => ({ ...unitNamed(command, predecessor.unitId), on: predecessor.on }));
    throw badInput(
      `${capitalise(fact.what.en)} (${fact.day}) is before the registration of ${unit.en} (${registeredOn}): on that day the work was ${named.map((other) => `${other.en}'s (passed to ${unit.en} on ${other.on})`).join(' or ')}. Name that unit: its part passes on with the reorganisation.`,
      `${fact.what.zh}（${fact.day}）早于${unit.zh}的登记日期（${registeredOn}）：当时由${named.map((other) => `${other.zh}（${other.on} 起由${unit.zh}承接）`).join('或')}承担。请改为当时的单位，其任务将随机构改革转入${unit.zh}。`,
    );
  }
  throw badInput(
    `${capitalise(fact.what.en)} (${fact.day}) is before the registration of ${unit.en} (${registeredOn}); if the unit existed then, an administrator corrects its registration day first (单位名录 page, or correctUnitRegistration).`,
    `${fact.what.zh}（${fact.day}）早于${unit.zh}的登记日期（${registeredOn}）；如该单位当时已存在，请系统管理员先在“单位名录”页更正其登记日期。`,
  );
}

/** A unit acts only on its own part, and only through an account belonging to that unit. */
function requireOwnUnit(command: NamesUnits & { readonly actor: Actor; readonly heldNowBy?: string }, unitId: string, action: Bilingual, orElse?: Bilingual): void {
  const { actor } = command;
  // A predecessor's fact entered late: by its own clerk, or by its successor's, which holds its part and its files now.
  if (actor.role !== 'UNIT' || (actor.unitId !== unitId && actor.unitId !== command.heldNowBy)) {
    const unit = unitNamed(command, unitId);
    throw forbidden(`Only ${unit.en} may ${action.en}${orElse?.en ?? ''}.`, `只有${unit.zh}的用户可以${action.zh}${orElse?.zh ?? ''}。`);
  }
}

function requirePart(state: AssignmentsState, unitId: string, command: NamesUnits): AssignmentPart {
  const part = partOf(state, unitId);
  if (!part) {
    const unit = unitNamed(command, unitId);
    const gone = state.removed && Object.hasOwn(state.removed, unitId) ? state.removed[unitId] : undefined;
    if (gone) {
      throw new DomainError(
        'NOT_FOUND',
        say(
          `The part of ${unit.en} was taken off on ${gone.unassignedOn} (${gone.reason}); only its facts dated before that day can still be entered.`,
          `${unit.zh}的任务已于 ${gone.unassignedOn} 移出本事项（${gone.reason}）；只能补录该日期之前的记录。`,
        ),
      );
    }
    const joined = state.joined && Object.hasOwn(state.joined, unitId) ? state.joined[unitId] : undefined;
    if (joined) {
      const successor = unitNamed(command, joined.successorUnitId);
      throw conflict(
        `The part of ${unit.en} joined the part ${successor.en} holds on ${joined.joinedOn}; from that day ${successor.en} does the work on it (only facts dated before that day are ${unit.en}'s).`,
        `${unit.zh}的任务已于 ${joined.joinedOn} 并入${successor.zh}已有的任务，此后由${successor.zh}办理（只能补录${unit.zh}在该日期之前的记录）。`,
      );
    }
    const stayed = verifiedPartOfPredecessor(state, unitId, command);
    if (stayed) throw new DomainError('NOT_FOUND', notAssignedWhilePredecessorKeepsIt(command, unit, stayed));
    // Its part was handed over (a colleague's hand-over of the same part a moment before: breaker56-10 M1): said, with the day and
    // the unit holding it now, never 「不在交办单位之列」 as if it had never had one.
    const passedOn = Object.values(state.parts).flatMap((held) => (held.previousHolders ?? []).filter((holder) => holder.unitId === unitId).map((holder) => ({ held, until: holder.until }))).at(-1);
    if (passedOn) {
      const holder = unitNamed(command, passedOn.held.unitId);
      throw new DomainError(
        'NOT_FOUND',
        say(
          `The part of ${unit.en} here was handed over on ${passedOn.until}; ${holder.en} holds it now (only facts of ${unit.en} dated before that day can still be entered).`,
          `${unit.zh}在本${parentNoun(command).zh}的任务已于 ${passedOn.until} 移交，现由${holder.zh}承担（只能补录${unit.zh}在该日期之前的记录）。`,
        ),
        { handedOverOn: passedOn.until, holderUnitId: passedOn.held.unitId },
      );
    }
    throw new DomainError('NOT_FOUND', say(`${capitalise(unit.en)} is not assigned here.`, `${unit.zh}不在本${parentNoun(command).zh}的交办单位之列。`));
  }
  return part;
}

/**
 * The part here of a unit whose work passed to `unitId` (机构改革: merged into it, or handed over to it, `predecessorsOf`) that
 * stood verified by the day it passed — so it stayed with that unit, and `unitId` holds nothing here (breaker43-8 N3: 甲's
 * part passed on 06-15, 甲 merged into 乙 that day, 乙's report of 06-15 refused as not assigned, with no way on).
 */
function verifiedPartOfPredecessor(state: AssignmentsState, unitId: string, command: NamesUnits): { readonly part: AssignmentPart; readonly on: string; readonly merged: boolean } | undefined {
  for (const { unitId: predecessor, on } of command.unitNames?.predecessorsOf?.(unitId) ?? []) {
    const part = partOf(state, predecessor);
    if (part?.status === 'VERIFIED' && part.verifiedOn !== null && part.verifiedOn <= on) {
      return { part, on, merged: command.unitNames?.mergerOf?.(predecessor)?.successorUnitId === unitId };
    }
  }
  return undefined;
}

/**
 * NOT_FOUND for a unit that holds no part here because its predecessor's part was verified by the day the work passed and
 * stayed with the predecessor (a reorganisation passes only open work): names both, the day, and the ways on — for a report
 * of the pass's day handed in at that inspection, the return first and then the report as the predecessor's (its papers of
 * the merge day are its own, README "机构改革"); for work after a reopening, the reopening first (it passes the reopened part on).
 */
function notAssignedWhilePredecessorKeepsIt(command: NamesUnits, unit: Bilingual, stayed: { readonly part: AssignmentPart; readonly on: string; readonly merged: boolean }): Bilingual {
  const noun = parentNoun(command);
  const { part, on, merged } = stayed;
  const predecessor = unitNamed(command, part.unitId, on);
  const verifiedOn = part.verifiedOn!;
  const moved = merged ? say(`merged into ${unit.en}`, `并入${unit.zh}`) : say(`handed its work over to ${unit.en}`, `将工作移交${unit.zh}`);
  const report = 'type' in command && command.type === 'ReportRectification' && (command as ReportRectification).reportedOn === part.verifiedOn;
  const atThePass = report ? HANDED_IN_AT_THE_PASS(verifiedOn, say(`have the office enter this report as ${predecessor.en}'s (代录)`, `由督办人员以${predecessor.zh}的名义代录本报告`)) : say('', '');
  return say(
    `${capitalise(unit.en)} is not assigned here: the part of ${predecessor.en} passed inspection on ${verifiedOn} and stayed with it when it ${moved.en} on ${on} (verified work does not pass).${atThePass.en} If the ${noun.en} was reopened since, enter the reopening first: the reopened part passes to ${unit.en}.`,
    `${unit.zh}不在本${noun.zh}的交办单位之列：${predecessor.zh}的任务已于 ${verifiedOn} 督查通过、确认完成，${on} ${predecessor.zh}${moved.zh}时留在${predecessor.zh}名下（已确认完成的任务不移交）。${atThePass.zh}如该${noun.zh}此后已重新打开，请先录入重新打开，重新打开的任务由${unit.zh}承担。`,
  );
}

/**
 * How refusals name a unit: by its name in the directory (青川市财政局), which the handler passes
 * in — with `day` (`YYYY-MM-DD`), the name it had that day (renamed since: the old name); when it has none, by its id in English (`unit <id>`) and as 该单位 in Chinese (office staff
 * never see ids: one in their message says nothing).
 */
export function unitNamed(command: NamesUnits, unitId: string, day?: string): Bilingual {
  // A refusal about a past day names the unit as the clerk's paper of that day does (breaker8b N7).
  const name = (day === undefined ? undefined : command.unitNames?.nameOn?.(unitId, day)) ?? command.unitNames?.nameOf(unitId);
  return name ? say(name, name) : say(`unit ${unitId}`, '该单位');
}

// ---------------------------------------------------------------------------------------------
// corrections: a new event each, never a rewrite; refused when the corrected fact would clash

function correctReportDate(command: CorrectReportDate, state: AssignmentsState): AssignmentEvent[] {
  const { unitId, reportedOn, reason } = command;
  requireRole(command.actor, ['SUPERVISOR'], say('correct a report', '更正报告'));
  const part = requirePart(state, unitId, command);
  const unit = unitNamed(command, unitId);
  const report = part.lastReport;
  if (!report) throw conflict(`${capitalise(unit.en)} has not reported; there is no report date to correct.`, `${unit.zh}尚未报告，没有可更正的报告日期。`);
  if (command.expectedReportedOn !== undefined && command.expectedReportedOn !== report.reportedOn) {
    refuseEarlierReport(command, state, part, report.reportedOn);
    // Corrected (or reported again) since the form read it: the one rule of such races names who set which day when (issue 9).
    throw valueChangedMeanwhile(say(`The date of the report of ${unit.en}`, `${unit.zh}的报告日期`), report.reportedOn, command.expectedReportedOn, {
      types: ['ReportDateCorrected', 'RectificationReported', 'FactDateCorrected'],
      field: 'expectedReportedOn',
      unitId,
    });
  }
  requireText(reason, named('reason', 'A reason for the correction', '更正理由'));
  requireBusinessDay(reportedOn, command.today, named('reportedOn', 'The corrected report date', '更正后的报告日期'));
  if (reportedOn === report.reportedOn) {
    throw badInput(`The report is already dated ${reportedOn}.`, `该报告的日期已是 ${reportedOn}。`);
  }
  const corrected = { day: reportedOn, what: named('reportedOn', 'the corrected report date', '更正后的报告日期') };
  requireNotBefore(corrected, assignedDay(part, command));
  requireNotBefore(corrected, report.answers);
  requireNotBefore(report.settledBy ?? { day: reportedOn, what: corrected.what }, corrected);
  const events: AssignmentEvent[] = [{ type: 'ReportDateCorrected', data: { unitId, previousReportedOn: report.reportedOn, reportedOn, reason, correctedOn: command.today } }];
  requireNoReportOnItsPassDay(state, events, command);
  return events;
}

/**
 * A record-date correction whose `previousOn` no record of the unit reads because a colleague corrected that record's day meanwhile
 * (a FactDateCorrected of the unit's records of that kind from `previousOn`, followed through later ones): CONFLICT naming who
 * moved it to which day when (valueChangedMeanwhile, issue 9), not 「没有…记录」. Returns when none moved it from that day.
 */
function refuseRedatedMeanwhile(command: CorrectFactDate, state: AssignmentsState, unit: Bilingual, what: Bilingual): void {
  const moves = state.recorded.filter(
    (event): event is Extract<AssignmentEvent, { type: 'FactDateCorrected' }> => event.type === 'FactDateCorrected' && event.data.unitId === command.unitId && event.data.factType === command.factType,
  );
  const from = moves.findLastIndex((move) => move.data.previousOn === command.previousOn);
  if (from < 0) return;
  let now = moves[from]!.data.on;
  for (const later of moves.slice(from + 1)) if (later.data.previousOn === now) now = later.data.on;
  throw valueChangedMeanwhile(say(`The day of the ${what.en} of ${unit.en}`, `${unit.zh}的${what.zh}日期`), now, command.previousOn, { types: ['FactDateCorrected'], field: 'previousOn', unitId: command.unitId });
}

/**
 * A return's date correction from a form that showed the return with another new due date (重新整改时限) than it gives now
 * (`expectedNewDueDate`, `''`: none): a colleague gave it one meanwhile — 补填 by 更正记录日期 with its day kept, or with a moved
 * day, or by 更正督查记录 — which this correction would replace unsaid (breaker53-9 S1). CONFLICT on `expectedNewDueDate` naming
 * who gave which date when (valueChangedMeanwhile, issue 9). `target`: the record as corrected. Returns when it reads as shown,
 * when nothing was expected (scripts), or for a record that is no return.
 */
function refuseReturnDueDateChangedMeanwhile(command: CorrectFactDate, target: { readonly type: string; readonly data: object }, unit: Bilingual, what: Bilingual): void {
  const expected = command.expectedNewDueDate;
  if (expected === undefined || !isReturn(target.type, target.data as { outcome?: string })) return;
  const now = (target.data as NewDueDate).newDueDate ?? '';
  if (now === expected) return;
  const shown = (day: string): Bilingual => (day === '' ? say('none', '未填写') : say(day, day));
  throw valueChangedMeanwhile(say(`The new due date of the ${what.en} of ${unit.en} of ${command.previousOn}`, `${unit.zh} ${command.previousOn} ${what.zh}的重新整改时限`), shown(now), shown(expected), {
    types: ['FactDateCorrected', 'InspectionCorrected'],
    field: 'expectedNewDueDate',
    unitId: command.unitId,
  });
}

/**
 * A report-date correction sent for an earlier report of the part (`expectedReportedOn` is the day of a report of the unit, or of
 * a unit whose part it holds, that is not its last one): `correctReportDate` corrects the last report only, so it is not that
 * the record changed meanwhile (breaker46-8 M1: 「…其间已有新的记录。请刷新页面核对后再更正。」, and reloading did not help).
 * BAD_USER_INPUT naming both reports and the way on: 更正记录日期 (correctRecordDate, record REPORT). Returns otherwise.
 */
function refuseEarlierReport(command: CorrectReportDate, state: AssignmentsState, part: AssignmentPart, lastReportedOn: string): void {
  const expected = command.expectedReportedOn!;
  const units = new Set([part.unitId, ...(part.heldBefore ?? [])]);
  const earlier = inBusinessOrder(state.recorded).some(({ event, occurredOn }) => event.type === 'RectificationReported' && units.has(event.data.unitId) && occurredOn === expected);
  if (!earlier) return;
  const unit = unitNamed(command, command.unitId);
  throw badInput(
    `The report of ${unit.en} of ${expected} is an earlier report (the last one is of ${lastReportedOn}); correctReportDate corrects the last report only. Correct the earlier one with 更正记录日期 (correctRecordDate, record REPORT, previousOn ${expected}).`,
    `${unit.zh} ${expected} 的整改报告是较早的一份报告（最近一份为 ${lastReportedOn}），“更正报告日期”只更正最近一份报告。请在该单位任务卡片上点「更正记录日期」，选择该份整改报告（${expected}）更正。`,
    { field: 'expectedReportedOn' },
  );
}

/**
 * Only the part's last inspection, before anything follows it, is corrected: a later report or
 * reopening already answered it. Changing the outcome moves the part (FAILED → PASSED verifies it,
 * PASSED → FAILED returns it, the reason becoming what failed); the parent closes or reopens
 * accordingly (parent-of-parts).
 */
function correctInspection(command: CorrectInspection, state: AssignmentsState): AssignmentEvent[] {
  const { unitId, inspectionId, reason } = command;
  requireRole(command.actor, ['SUPERVISOR'], say('correct an inspection', '更正督查记录'));
  const partOnEntry = requirePart(state, unitId, command);
  const unit = unitNamed(command, unitId);
  const inspection = partOnEntry.inspections.find((candidate) => candidate.inspectionId === inspectionId);
  if (!inspection) {
    throw new DomainError('NOT_FOUND', say(`Inspection ${inspectionId} of ${unit.en} does not exist.`, `找不到${unit.zh}的这条督查记录。`), { field: 'inspectionId' });
  }
  const readAs = { inspectedOn: command.expectedInspectedOn ?? inspection.inspectedOn, outcome: command.expectedOutcome ?? inspection.outcome };
  if (readAs.inspectedOn !== inspection.inspectedOn || readAs.outcome !== inspection.outcome) {
    // Corrected since the form read it: the one rule of such races names who set what when (issue 9).
    const read = (on: string, outcome: InspectionOutcome): Bilingual => ({ en: `${on} ${outcome}`, zh: `${on}（${OUTCOME_ZH[outcome]}）` });
    throw valueChangedMeanwhile(say(`The inspection of ${unit.en}`, `${unit.zh}的这条督查记录`), read(inspection.inspectedOn, inspection.outcome), read(readAs.inspectedOn, readAs.outcome), {
      types: ['InspectionCorrected', 'FactDateCorrected'],
      field: readAs.outcome !== inspection.outcome ? 'expectedOutcome' : 'expectedInspectedOn',
      unitId,
    });
  }
  refuseFailureDueDateChangedMeanwhile(command, state, unit, inspection.inspectedOn);
  // Judged on the office's records: a reopening the server wrote because of this very pass is no progress after it (h54b).
  const own = withoutWrittenForFoundClosed(state);
  const part = partOf(own, unitId) ?? partOnEntry;
  const stillStands =
    part.inspections.at(-1)?.inspectionId === inspection.inspectionId &&
    (inspection.outcome === 'PASSED' ? part.status === 'VERIFIED' : part.status === 'RETURNED' && part.lastReturn?.cause === 'INSPECTION_FAILED');
  const answeredBy = part.lastInspectionAnsweredBy;
  if (stillStands && answeredBy) {
    throw conflict(
      `Inspection ${inspectionId} of ${unit.en} was answered by ${answeredBy.what.en} of ${answeredBy.day}; only an inspection nothing has answered yet can be corrected.`,
      `${unit.zh} ${inspection.inspectedOn} 的督查记录之后已有${answeredBy.what.zh}（${answeredBy.day}）；只能更正其后尚无进展的督查记录。`,
    );
  }
  if (!stillStands) {
    throw conflict(
      `Inspection ${inspectionId} was followed by later facts on the part of ${unit.en}; only the last inspection, before anything follows it, can be corrected.`,
      `${unit.zh} ${inspection.inspectedOn} 的督查记录之后该任务已有新的进展；只能更正最近一次、且其后尚无进展的督查记录。`,
    );
  }
  requireText(reason, named('reason', 'A reason for the correction', '更正理由'));
  const inspectedOn = command.inspectedOn ?? inspection.inspectedOn;
  const outcome = command.outcome ?? inspection.outcome;
  // A failure's new due date alone may be given (breaker50-8 M1, S4): the paper's 重新整改时限 typed late, or one a later
  // correction needs the failure to have. It is the failure's own from then on (business-order.ts `ownDueDates`).
  const givesOwnDueDate = outcome === 'FAILED' && inspection.outcome === 'FAILED' && command.newDueDate !== undefined && command.newDueDate !== part.dueDate;
  if (inspectedOn === inspection.inspectedOn && outcome === inspection.outcome && !givesOwnDueDate) {
    throw badInput('The correction changes neither the day, the outcome nor the new due date.', '更正内容与原记录相同（日期、结论和重新整改时限均未改变）。');
  }
  requireBusinessDay(inspectedOn, command.today, named('inspectedOn', 'The corrected inspection date', '更正后的督查日期'));
  requireNotBefore({ day: inspectedOn, what: named('inspectedOn', 'the corrected inspection date', '更正后的督查日期') }, reportDay(part, say('the report it checks', '所核查报告的日期')));
  if (outcome === 'PASSED' && command.newDueDate !== undefined) {
    throw badInput('A passed inspection verifies the part: it takes no new due date.', '督查通过即确认整改完成，无需新的截止日期。');
  }
  // Corrected to FAILED, the part comes back on the corrected day, as after a failed inspection. A failure moved to another
  // day without a date leaves the part with the date it gave itself, else the one then in force — as 更正记录日期 moves it
  // (`dueDateLeftByReturn`, breaker50-8 S2: the date a wrong day forced stayed, GREEN where it was overdue).
  const dueDates = outcome === 'FAILED' && inspection.outcome === 'FAILED' && inspectedOn !== inspection.inspectedOn ? dueDatesLeftByMovedFailure(command, state, inspectedOn) : [part.dueDate];
  const returnedUntil = outcome === 'FAILED' ? newDueDateOf(command, dueDates, inspectedOn, 'INSPECTION_FAILED') : {};
  const events: AssignmentEvent[] = [
    {
      type: 'InspectionCorrected',
      data: {
        unitId,
        inspectionId,
        previousInspectedOn: inspection.inspectedOn,
        inspectedOn,
        previousOutcome: inspection.outcome,
        outcome,
        reason,
        correctedOn: command.today,
        ...returnedUntil,
      },
    },
  ];
  // A pass moved to an earlier day must leave the facts after it as accepted — an urging, a request or its decision of its old
  // day (breaker8s P11) — as a re-dating of the record does (`correctFactDate`; breaker8t P3: only that path checked them).
  if (outcome === 'PASSED' && inspection.outcome === 'PASSED' && inspectedOn < inspection.inspectedOn) {
    const index = state.recorded.findLastIndex((event) => event.type === 'InspectionLogged' && event.data.inspectionId === inspectionId);
    requireLaterFactsHold(state, events, { day: inspectedOn, what: named('inspectedOn', 'the corrected inspection date', '更正后的督查日期') }, command, index, passCheckingTheDaysReport(state, events));
  }
  if (outcome === 'PASSED') requireNoReportOnItsPassDay(state, events, command);
  return events;
}

/**
 * 更正督查记录 from a form that showed the failure with another new due date (重新整改时限) than it gives now
 * (`expectedNewDueDate`, `''`: none) — a colleague gave it one meanwhile, by 更正督查记录 or 更正记录日期 — which this
 * correction would replace unsaid (breaker53-9 S1's kind). CONFLICT on `expectedNewDueDate` naming who gave which date when.
 * Returns when it reads as shown, when nothing was expected (scripts), or while the inspection reads passed.
 */
function refuseFailureDueDateChangedMeanwhile(command: CorrectInspection, state: AssignmentsState, unit: Bilingual, inspectedOn: string): void {
  const expected = command.expectedNewDueDate;
  if (expected === undefined) return;
  const index = state.recorded.findLastIndex((event) => event.type === 'InspectionLogged' && event.data.inspectionId === command.inspectionId);
  const entries = state.recorded.map((event, at) => ({ type: event.type, data: event.data, occurredOn: factDayOfEvent(event), index: at }));
  const asCorrected = withCorrectionsApplied(entries).events.find((entry) => entry.index === index);
  const data = asCorrected?.data as (NewDueDate & { outcome?: string }) | undefined;
  if (data?.outcome !== 'FAILED') return;
  const now = data.newDueDate ?? '';
  if (now === expected) return;
  const shown = (day: string): Bilingual => (day === '' ? say('none', '未填写') : say(day, day));
  throw valueChangedMeanwhile(say(`The new due date of the inspection of ${unit.en} of ${inspectedOn}`, `${unit.zh} ${inspectedOn} 督查的重新整改时限`), shown(now), shown(expected), {
    types: ['InspectionCorrected', 'FactDateCorrected'],
    field: 'expectedNewDueDate',
    unitId: command.unitId,
  });
}

/**
 * The due date a failed inspection moved to office day `day` by 更正督查记录 without a new one leaves its part with, as one
 * (or none, the part not found then): the same rule as its date correction (`dueDateLeftByReturn`) — the new due date the
 * failure gave itself (as typed, or restated on its own day), else the one in force that day without it.
 */
function dueDatesLeftByMovedFailure(command: CorrectInspection, state: AssignmentsState, day: string): string[] {
  const index = state.recorded.findLastIndex((event) => event.type === 'InspectionLogged' && event.data.inspectionId === command.inspectionId);
  const entries = state.recorded.map((event, at) => ({ type: event.type, data: event.data, occurredOn: factDayOfEvent(event), index: at }));
  const own = withCorrectionsApplied(entries).ownDueDates.get(index) ?? withoutUndefinedDue(state.recorded[index]!.data as NewDueDate);
  const due = dueDateLeftByReturn(command, state, { index }, day, own);
  return due === undefined ? [] : [due];
}

const OUTCOME_ZH: Record<InspectionOutcome, string> = { PASSED: '通过', FAILED: '未通过' };

/** How refusals name each fact whose day can be corrected. */
const REDATED: Record<CorrectFactDate['factType'], Bilingual> = {
  UnitAssigned: say('assignment', '交办'),
  RectificationReported: say('report', '整改报告'),
  ReportSentBack: say('send-back', '退办'),
  UnitUrged: say('urging', '催办'),
  ExtensionRequested: say('extension request', '延期申请'),
  ExtensionGranted: say('extension decision', '延期审批'),
  ExtensionRefused: say('extension decision', '延期审批'),
  ExtensionRequestWithdrawn: say('withdrawal of an extension request', '撤回延期申请'),
  InspectionLogged: say('inspection', '督查'),
  PartsReopened: say('reopening', '重新打开'),
};

/**
 * The one correction of a mistyped day (breaker8c P1): the fact of `factType` of the unit dated
 * `previousOn` (the last such, as earlier corrections left it; an extension decision granted or
 * refused alike) happened on `on`. Refused when nothing reads so (NOT_FOUND: the form read the
 * record before a correction), and when the corrected day would break the order of the part's
 * facts — an assignment after any fact of its part or after its due date, any other fact before
 * the assignment, across a hand-over of the part, or any fact left inconsistent when the part's
 * facts are folded again in business order (a send-back before the report it returns, a report
 * after its inspection …), naming the clash. Who: SUPERVISOR only.
 */
/**
 * The hand-over steps (机构改革) that passed the part `unitId` was assigned, undone, the latest first
 * (PartHandOverUndone): its 交办 re-dated to `on`, after the first of them — in date order they found
 * nothing of the unit to pass (breaker8g P13). Undefined (the correction is refused as crossing the
 * hand-over) when a later holder has a record of its own on the part, which it could not have had,
 * or when the part passed on its new day or later too (the day's move does not reach past it).
 */
function stepsPassingAssignment(command: CorrectFactDate, state: AssignmentsState, unitId: string, on: string): PartHandOverUndone[] | undefined {
  const part = partsOf(state).find((candidate) => candidate.previousHolders?.[0]?.unitId === unitId);
  const holders = part?.previousHolders;
  // A part joined with another on the way (a carried join or another part joining it) is not separated again (breaker8h P4).
  if (!part || !holders || part.joinedOn !== undefined || holders.some((held) => held.until >= on) || laterHolderRecord(state, holders, 0, part.unitId)) return undefined;
  const undone: PartHandOverUndone[] = [];
  for (let index = holders.length - 1; index >= 0; index -= 1) {
    const passed = holders[index]!;
    const successorUnitId = index + 1 < holders.length ? holders[index + 1]!.unitId : part.unitId;
    const reason = `${unitNamed(command, unitId).zh}的交办日期更正为 ${on}，晚于 ${passed.until} 的移交：该任务不随移交转给${unitNamed(command, successorUnitId).zh}`;
    undone.push({ type: 'PartHandOverUndone', data: { unitId: passed.unitId, successorUnitId, reason, handedOverOn: passed.until } });
  }
  return undone;
}

/** The facts (as corrected, with their index in `recorded`) a `CorrectFactDate` of `unitId` may mean: its type (a decision granted or refused alike), the unit, the day. */
function redatableFacts(command: CorrectFactDate, state: AssignmentsState, unitId: string) {
  const factTypes: readonly string[] = command.factType === 'ExtensionGranted' || command.factType === 'ExtensionRefused' ? ['ExtensionGranted', 'ExtensionRefused'] : [command.factType];
  const entries = state.recorded.map((event, index) => ({ type: event.type, data: event.data, occurredOn: factDayOfEvent(event), index }));
  const { events: asCorrected, ownDueDates } = withCorrectionsApplied(entries);
  // A reopening is the parent's: one that returned the unit's part (`reopenedPartOf`, as the folds find it: business-order.ts).
  const ofTheUnit = (entry: { type: string; data: object }) => (entry.type === 'PartsReopened' ? reopenedPartOf(entry, unitId) : (entry.data as { unitId?: string }).unitId === unitId);
  const matching = asCorrected.filter((entry) => factTypes.includes(entry.type) && ofTheUnit(entry) && entry.occurredOn === command.previousOn);
  return { asCorrected, matching, ownDueDates };
}

/**
 * The unit whose record a `CorrectFactDate` corrects: the unit named when it has such a record;
 * else the latest of the units that held its part before it (机构改革) that has one — the part's
 * card shows its predecessors' records under the holder of today (breaker8d P8); else the unit named.
 */
function redatedFactMaker(command: CorrectFactDate, state: AssignmentsState): string {
  if (redatableFacts(command, state, command.unitId).matching.length > 0) return command.unitId;
  const predecessors = partOf(state, command.unitId)?.heldBefore ?? [];
  return [...predecessors].reverse().find((unitId) => redatableFacts(command, state, unitId).matching.length > 0) ?? command.unitId;
}

function correctFactDate(command: CorrectFactDate, state: AssignmentsState, alone = false): AssignmentEvent[] {
  const { unitId, previousOn, on, reason } = command;
  requireRole(command.actor, ['SUPERVISOR'], say('correct the date of a record', '更正记录的日期'));
  const what = REDATED[command.factType];
  const unit = unitNamed(command, unitId, previousOn);
  const { asCorrected, matching, ownDueDates } = redatableFacts(command, state, unitId);
  // Named by its place among the day's records of its kind, in the order entered (breaker8s P8: a report, its send-back and the
  // re-report typed on one day — only the last could be moved); else the last entered.
  const { ofTheDay } = command;
  if (ofTheDay !== undefined && (!Number.isInteger(ofTheDay) || ofTheDay < 1 || ofTheDay > matching.length) && matching.length > 0) {
    throw badInput(
      `${capitalise(unit.en)} has ${matching.length} ${what.en} record(s) dated ${previousOn}; ofTheDay ${ofTheDay} names none (1 is the first entered).`,
      `${unit.zh}在 ${previousOn} 共有 ${matching.length} 条${what.zh}记录，没有第 ${ofTheDay} 条（按录入顺序，1 为最先录入的一条）。`,
      { field: 'ofTheDay' },
    );
  }
  const target = ofTheDay === undefined ? matching.at(-1) : matching[ofTheDay - 1];
  // As the folds find it (business-order.ts): its place among the records of its own type that day.
  const nth = target && ofTheDay !== undefined ? { ofTheDay: matching.filter((entry) => entry.type === target.type).indexOf(target) + 1 } : {};
  if (!target) refuseRedatedMeanwhile(command, state, unit, what);
  if (!target) {
    throw new DomainError(
      'NOT_FOUND',
      say(`${capitalise(unit.en)} has no ${what.en} dated ${previousOn} here (it may have been corrected meanwhile: reload the page).`, `${unit.zh}在此没有 ${previousOn} 的${what.zh}记录（可能其间已被更正，请刷新页面核对）。`),
      { field: 'previousOn' },
    );
  }
  refuseWrittenWithItsCause(command, state, target, say('given another day', '更正日期'));
  // The new lead's 交办 of a 替换原牵头单位 moves with the role changes written with it (h57c, breaker55-8 M2).
  if (target.type === 'UnitAssigned' && !alone) {
    const replacement = roleChangesWrittenWith(state, target);
    if (replacement.changes.length > 0) return redateRoleChanges({ ...command, type: 'CorrectStepDate', factType: 'PartRoleChanged', unitId }, state, replacement);
  }
  refuseReturnDueDateChangedMeanwhile(command, target, unit, what);
  requireText(reason, named('reason', 'A reason for the correction', '更正理由'));
  const corrected = factDayOf(command)!;
  requireBusinessDay(on, command.today, corrected.what);
  if (on === previousOn && command.newDueDate !== undefined && isReturn(target.type, target.data as { outcome?: string })) return ownDueDateOfReturn(command, state, target, corrected, what);
  if (on === previousOn) throw badInput(`The ${what.en} is already dated ${on}.`, `该${what.zh}的日期已是 ${on}。`, { field: 'on' });
  const ofUnit = asCorrected.filter((entry) => (entry.data as { unitId?: string }).unitId === unitId && entry !== target);
  let givenDueDate: RedatedReturnDue = {};
  let missingDueDate: DomainError | undefined;
  if (target.type === 'UnitAssigned') {
    // Every other fact of the part comes on or after its assignment, and its due date too (breaker11 F14).
    const earliest = ofUnit.filter((entry) => entry.type !== 'UnitAssigned' && entry.type !== 'PartHandedOver').reduce<(typeof ofUnit)[number] | undefined>((first, entry) => (first === undefined || entry.occurredOn < first.occurredOn ? entry : first), undefined);
    // Named by its kind (breaker55-8 M1: a role change read 「…的记录日期」): a plan's or reorganisation's step too (`planRecordKind`).
    const kind = earliest && (LATER_FACT[earliest.type as AssignmentEvent['type']] ?? planRecordKind(earliest));
    if (earliest) requireNotBefore({ day: earliest.occurredOn, what: say(`the ${kind!.en} of ${unit.en}`, `${unit.zh}的${kind!.zh}日期`) }, corrected);
    const dueDate = (target.data as { dueDate: string }).dueDate;
    requireNotBefore({ day: dueDate, what: say(`the due date of ${unit.en}`, `${unit.zh}的截止日期`) }, corrected);
    requireNotBefore(corrected, command.assignedFrom);
    // A part assigned after a reopening is bounded by it; one assigned before was reopened with the rest (breaker8d P2).
    const reopenedOn = state.reopenedOn;
    if (reopenedOn !== undefined && previousOn >= reopenedOn) requireNotBefore(corrected, { day: reopenedOn, what: say('the day it was reopened', '重新打开的日期') });
    if (reopenedOn !== undefined && previousOn < reopenedOn) requireNotBefore({ day: reopenedOn, what: say('the day it was reopened', '重新打开的日期') }, corrected);
  } else {
    const assigned = ofUnit.find((entry) => entry.type === 'UnitAssigned');
    if (assigned) requireNotBefore(corrected, { day: assigned.occurredOn, what: say(`the assignment of ${unit.en}`, `${unit.zh}的交办日期`) });
    // A record that answers another comes on or after it, said naming that one (breaker8d P3).
    requireNotBefore(corrected, answeredRecord(state, asCorrected, target));
    // The due date a return leaves on its new day is judged as a return typed that day (h8b, breaker48-8 S2, breaker49-8 S4/S5/M1).
    const own = ownDueDates.get(target.index) ?? withoutUndefinedDue(target.data as NewDueDate);
    if (target.type === 'PartsReopened') givenDueDate = requireReopeningAmongItsNeighbours(command, state, target, corrected, own);
    if (target.type === 'ReportSentBack' || (target.type === 'InspectionLogged' && (target.data as { outcome?: string }).outcome === 'FAILED')) {
      const due = dueDateOfRedatedReturn(command, state, target, corrected, own);
      if (due instanceof DomainError) missingDueDate = due;
      else givenDueDate = due;
    }
  }
  // A new due date comes only with a return's day (a reopening's, h8b; a send-back's, breaker48-8 S2; a failed inspection's,
  // breaker49-8 S5): any other record's correction moves a day, nothing more.
  if (command.newDueDate !== undefined && !isReturn(target.type, target.data as { outcome?: string })) {
    throw badInput(
      `A new due date (newDueDate) is given only with the corrected day of a return (a reopening, a send-back or a failed inspection); a ${what.en}'s date correction moves its day only.`,
      `只有更正重新打开、退办或督查未通过的日期时才可填写新的整改时限；更正${what.zh}的日期只改日期。`,
      { field: 'newDueDate' },
    );
  }
  // A hand-over (机构改革) splits the part's days between two units: a fact does not move across it. A fact
  // of the hand-over's own day recorded before it came before it (business order: by day, then as recorded),
  // so moving it to a later day moves it across too (agreement walk seed 13, breaker8e P2). So did the handing
  // unit's own record of that day typed after it (`ownPaperOfHandOverDay`: the day was still its working day),
  // whichever was typed first (breaker8u P7: it could be moved to the day after, not to the day before).
  const handingUnitsOwn = (handOver: { data: object }) => (handOver.data as { unitId: string }).unitId === (target?.data as { unitId?: string } | undefined)?.unitId;
  const before = (day: string, handOver: { data: object; occurredOn: string; index: number }) =>
    day < handOver.occurredOn || (day === handOver.occurredOn && (target.index < handOver.index || handingUnitsOwn(handOver)));
  // A hand-over undone since (a pass dated before it, typed after it) no longer splits anything: the fact is
  // judged as in date order, where that hand-over passed nothing, and the hand-overs due are re-judged after it (breaker8e P2).
  const undone = (handOver: { data: object; occurredOn: string; index: number }) => {
    const { unitId: from, successorUnitId: to } = handOver.data as { unitId: string; successorUnitId: string };
    return asCorrected.some((entry) => entry.type === 'PartHandOverUndone' && entry.index > handOver.index && entry.occurredOn === handOver.occurredOn && (entry.data as { unitId: string }).unitId === from && (entry.data as { successorUnitId: string }).successorUnitId === to);
  };
  const handedOver = asCorrected.find(
    (entry) =>
      entry.type === 'PartHandedOver' &&
      ((entry.data as { unitId: string }).unitId === unitId || (entry.data as { successorUnitId: string }).successorUnitId === unitId) &&
      before(previousOn, entry) !== before(on, entry) &&
      !undone(entry),
  );
  // A 交办 re-dated after the hand-over that passed its part: in date order that hand-over found nothing of the unit to pass, and
  // the part assigned later stays with it (breaker8f P4's rule), so the steps that passed it are undone (breaker8g P13).
  if (!handedOver || target.type === 'UnitAssigned') refuseRedatedPastMerge(command, unitId, what, target);
  const givenBack = handedOver && target.type === 'UnitAssigned' && (handedOver.data as { unitId: string }).unitId === unitId && on > previousOn ? stepsPassingAssignment(command, state, unitId, on) : undefined;
  if (givenBack) {
    const events: AssignmentEvent[] = [
      ...givenBack,
      { type: 'FactDateCorrected', data: { unitId, factType: 'UnitAssigned', previousOn, on, reason, correctedOn: command.today, ...nth } },
    ];
    requireNoReportOnItsPassDay(state, events, command);
    requireLaterFactsHold(state, events, corrected, command, target.index, passCheckingTheDaysReport(state, events));
    return events;
  }
  if (handedOver) {
    throw badInput(
      `The corrected date (${on}) would move the ${what.en} across the hand-over of the part on ${handedOver.occurredOn}; the days before and after it belong to different units.`,
      `更正后的日期（${on}）会使该${what.zh}跨过该任务 ${handedOver.occurredOn} 的移交；移交前后的记录分属不同单位。`,
      { field: 'on' },
    );
  }
  const events: AssignmentEvent[] = [
    { type: 'FactDateCorrected', data: { unitId, factType: target.type as CorrectFactDate['factType'], previousOn, on, reason, correctedOn: command.today, ...nth, ...givenDueDate } },
  ];
  // The report of a pass's day first (its refusal names the ways on), then what else the moved fact meets on its new day.
  requireNoReportOnItsPassDay(state, events, command);
  if (missingDueDate) {
    // A send-back that needs a new due date on its new day: any other clash (the re-report that answered it …) is named first.
    const withSomeDueDate = events.map((event) => (event.type === 'FactDateCorrected' ? { ...event, data: { ...event.data, newDueDate: on } } : event));
    requireLaterFactsHold(state, withSomeDueDate, corrected, command, target.index, passCheckingTheDaysReport(state, withSomeDueDate));
    throw missingDueDate;
  }
  requireLaterFactsHold(state, events, corrected, command, target.index, passCheckingTheDaysReport(state, events));
  return events;
}

/**
 * A return (send-back, failed inspection, reopening) given the new due date its paper gives, its day unchanged (`on` =
 * `previousOn`, breaker50-8 M1: one typed without it could never be given one; S4: a later return a wrong correction's undo
 * leaves past its due date had no way to get one, so the undo was a dead end). Checked as a return typed on its day with that
 * date (`newDueDateOf`: not before its day; past the parent's limit, the supervisor's override); the part is due then from the
 * return's day, and the date is the return's own from then on (business-order.ts `ownDueDates`): a later date correction that
 * needs none keeps it. The later facts must still hold (`requireLaterFactsHold`).
 * @returns the FactDateCorrected that records it.
 * @throws DomainError BAD_USER_INPUT (field `newDueDate`) when the return reads that date already, or the date is not valid.
 */
function ownDueDateOfReturn(command: CorrectFactDate, state: AssignmentsState, target: { readonly type: string; readonly data: object; readonly index: number }, corrected: DatedFact, what: Bilingual): AssignmentEvent[] {
  const { unitId, previousOn, on, reason, ofTheDay } = command;
  if ((target.data as NewDueDate).newDueDate === command.newDueDate) {
    throw badInput(`The ${what.en} of ${on} gives ${command.newDueDate} already.`, `该${what.zh}的重新整改时限已是 ${command.newDueDate}。`, { field: 'newDueDate' });
  }
  const way: ReturnWay = target.type === 'ReportSentBack' ? 'SENT_BACK' : target.type === 'PartsReopened' ? 'REOPENED' : 'INSPECTION_FAILED';
  const given = newDueDateOf(command, [], on, way);
  const events: AssignmentEvent[] = [
    { type: 'FactDateCorrected', data: { unitId, factType: target.type as CorrectFactDate['factType'], previousOn, on, reason, correctedOn: command.today, ...(ofTheDay === undefined ? {} : { ofTheDay }), ...given } },
  ];
  requireLaterFactsHold(state, events, corrected, command, target.index, passCheckingTheDaysReport(state, events));
  return events;
}

/**
 * A record of a merged unit is not moved past its merge day (breaker8j P10): the unit took no work from then — a fact of
 * it dated so is refused (`requireStandingUnit`), and a 交办 moved there would leave its part with a unit nobody can report for.
 * Onto the merge day itself only a paper the day still reads as the unit's is moved (`isPaperOfHandingDay`: its report, request
 * or withdrawal, the office's urging, send-back, failed inspection or extension decision — taken typed on that day whichever of
 * it and the merge came first, so moved there too: breaker8u P2); a 交办 or a pass is not. `target`: the record, as corrected.
 * Judged on `unitId`, the unit that made the record, whichever card the form was sent from (its successor's, or its own), so both
 * answer alike. CONFLICT (field `on`) naming the merge and the unit carrying its work.
 */
function refuseRedatedPastMerge(command: CorrectFactDate, unitId: string, what: Bilingual, target: { readonly type: string; readonly data: object }): void {
  const merger = command.unitNames?.mergerOf?.(unitId);
  if (!merger || command.on < merger.mergedOn) return;
  const paperOfTheDay = target.type !== 'UnitAssigned' && !(target.type === 'InspectionLogged' && (target.data as { outcome?: string }).outcome === 'PASSED');
  if (command.on === merger.mergedOn && paperOfTheDay) return;
  const unit = unitNamed(command, unitId);
  const successor = unitNamed(command, merger.successorUnitId);
  const carrier = unitNamed(command, successionOf(command.unitNames, unitId, merger.mergedOn).at(-1)?.successorUnitId ?? merger.successorUnitId);
  throw conflict(
    `The ${what.en} of ${unit.en} cannot be dated ${command.on}: ${unit.en} was merged into ${successor.en} on ${merger.mergedOn} and took no work from that day; its work then was ${carrier.en}'s (date it before ${merger.mergedOn}, or record it for ${carrier.en}).`,
    `${unit.zh}的${what.zh}日期不能更正为 ${command.on}：${unit.zh}已于 ${merger.mergedOn} 并入${successor.zh}，此后不再承担工作，其任务由${carrier.zh}承担（请更正为 ${merger.mergedOn} 之前的日期，或改为${carrier.zh}的记录）。`,
    { field: 'on' },
  );
}

/** A record's own `newDueDate` and `dueDateOverride`, the fields absent that it lacks. */
const withoutUndefinedDue = ({ newDueDate, dueDateOverride }: NewDueDate): NewDueDate => ({ ...(newDueDate === undefined ? {} : { newDueDate }), ...(dueDateOverride === undefined ? {} : { dueDateOverride }) });

/** What a `FactDateCorrected` of a return records about its due date: a new one, or that it keeps only its own (`ownDueDateOnly`). */
type RedatedReturnDue = NewDueDate & { readonly ownDueDateOnly?: true };

/**
 * The due date a part is left with by a return (a send-back or failed inspection of its unit) moved to office day `day` without
 * a new one from the correction: the new due date the return gave itself (`own`: as typed, or as 更正督查记录 restated it), else
 * the due date in force that day — the part's facts dated on or before it, folded in business order without the return.
 * Undefined when the part is not found then. What `dueDateOfRedatedReturn` judges; the part's view exposes the same
 * (`PartReturn.dueDatesIfMoved`) so the form asks for a new due date exactly when this does (breaker49-8 S1).
 */
function dueDateLeftByReturn(command: Pick<CorrectFactDate, 'unitId'>, state: AssignmentsState, target: { readonly index: number }, day: string, own: NewDueDate): string | undefined {
  if (own.newDueDate !== undefined) return own.newDueDate;
  let before = initialAssignmentsState();
  for (const entry of inBusinessOrder(state.recorded)) {
    if (entry.index !== target.index && entry.occurredOn <= day) before = evolveParts(before, entry.event);
  }
  return partFactLandsOn(before, command.unitId, day)?.dueDate;
}

/**
 * The new due date a return's date correction records — a send-back's (breaker48-8 S2: typed 05-28, before the due date 05-31,
 * really of 06-05 — refused for want of a new due date it could not take) or a failed inspection's (breaker49-8 S5: refused every
 * way). As a return typed on the corrected day (`newDueDateOf`): moved past the due date it leaves the part with there
 * (`dueDateLeftByReturn`: its own new due date, else the one then in force), it needs a new one (`command.newDueDate`, not before
 * the corrected day; past the parent's limit, the supervisor's `dueDateOverride`), which replaces its own (breaker49-8 M1: a
 * send-back that gave 11-20, really of 11-25, could never be made to read as the paper). Where none is needed one is refused;
 * and a due date an earlier date correction attached, not needed on the new day, goes (`ownDueDateOnly`, breaker49-8 S4).
 * @param own the new due date the return gave itself, apart from date corrections (`withCorrectionsApplied().ownDueDates`).
 * @returns what the correction records; when a new due date is missing, the refusal to throw once the moved return is found to
 *   clash with nothing else (BAD_USER_INPUT, field `newDueDate`).
 * @throws DomainError BAD_USER_INPUT (field `newDueDate`) when one is not needed, or before the corrected day.
 */
function dueDateOfRedatedReturn(command: CorrectFactDate, state: AssignmentsState, target: { readonly type: string; readonly data: object; readonly index: number }, corrected: DatedFact, own: NewDueDate): RedatedReturnDue | DomainError {
  const sentBack = target.type === 'ReportSentBack';
  const record = sentBack ? say('send-back', '退办') : say('failed inspection', '督查');
  const dueDate = dueDateLeftByReturn(command, state, target, corrected.day, own);
  const passed = dueDate !== undefined && isAfter(corrected.day, dueDate);
  const unit = unitNamed(command, command.unitId, corrected.day);
  if (passed && command.newDueDate === undefined) {
    return own.newDueDate !== undefined
      ? badInput(
          `${capitalise(corrected.what.en)} (${corrected.day}) is after the new due date the ${record.en} gave (${own.newDueDate}): the part would be overdue as it came back. Give the new due date (newDueDate) with the correction; it replaces ${own.newDueDate}.`,
          `${corrected.what.zh}（${corrected.day}）晚于该次${record.zh}给出的新截止日期 ${own.newDueDate}：任务退回即逾期。请在本表中填写新的整改时限（不早于 ${corrected.day}），与日期更正一并提交，取代 ${own.newDueDate}。`,
          { field: 'newDueDate' },
        )
      : badInput(
          `${capitalise(corrected.what.en)} (${corrected.day}) is after the due date of ${unit.en} then in force (${dueDate}), and the ${record.en} gave no new due date: the part would be overdue as it came back. Give the new due date (newDueDate) with the correction, as a ${record.en} on that day needs one.`,
          `${corrected.what.zh}（${corrected.day}）晚于${unit.zh}当时的截止日期 ${dueDate}，而该次${record.zh}未填写重新整改的时限：任务退回即逾期。请在本表中填写新的整改时限（不早于 ${corrected.day}），与日期更正一并提交。`,
          { field: 'newDueDate' },
        );
  }
  if (!passed && command.newDueDate !== undefined) {
    const why: Bilingual = own.newDueDate !== undefined
      ? say(`the ${record.en} gave one already (${own.newDueDate}), not passed on ${corrected.day}, which a date correction keeps`, `该次${record.zh}已给出新的整改时限 ${own.newDueDate}，在 ${corrected.day} 尚未过，更正日期不改动它`)
      : say(`the due date of ${unit.en} then in force (${dueDate}) had not passed on ${corrected.day}`, `${unit.zh}当时的截止日期 ${dueDate} 在 ${corrected.day} 尚未过，任务仍按原时限整改`);
    throw badInput(`A new due date is not needed with this correction: ${why.en}.`, `本次更正无须填写新的整改时限：${why.zh}。`, { field: 'newDueDate' });
  }
  if (passed) return newDueDateOf(command, [dueDate], corrected.day, sentBack ? 'SENT_BACK' : 'INSPECTION_FAILED');
  // Not needed on the new day: a date only an earlier correction gave goes with it (breaker49-8 S4).
  return (target.data as NewDueDate).newDueDate !== own.newDueDate ? { ownDueDateOnly: true } : {};
}

/**
 * A reopening re-dated (`CorrectFactDate` of `PartsReopened`, breaker46-8 S1: typed 07-05 for 06-20, the unit's re-report of
 * 06-25 was refused with no way on) stays among its neighbours, folded in business order without it: not before the pass of a
 * part it reopens (`verifiedOn` as the parts stood just before it); not after the first record that follows it on a part it
 * returned (a re-report, an extension request, an urging, a send-back, an inspection: each answers the reopening); for a
 * reopening of the whole parent (it was closed), not after a unit assigned after it.
 * BAD_USER_INPUT naming the clashing record, its unit and its day. What else it would leave inconsistent (a later reopening …)
 * `requireLaterFactsHold` names after. Moved past the due date it leaves a returned part with — the new due date it gave itself
 * (`own`, apart from date corrections), else the part's own — it needs one with the correction (h8b: the reopening really
 * happened then, and typed on that day it would need one; breaker49-8 M1: one it gave is replaced): `command.newDueDate`,
 * checked as a reopening's (`newDueDateOf`) on the corrected day, returned to be recorded, for every part it returned; given
 * where it is not needed, it is refused, and one an earlier date correction gave goes (`ownDueDateOnly`, breaker49-8 S4).
 * @returns what the correction records (empty when nothing changes).
 * @throws DomainError BAD_USER_INPUT (field `on`) for a clash with a neighbour; (field `newDueDate`) when one is missing,
 *   not needed, or not a day on or after the corrected day; (field `overrideReason`) past the parent's limit without an override.
 */
function requireReopeningAmongItsNeighbours(command: CorrectFactDate, state: AssignmentsState, target: { readonly data: object; readonly index: number }, corrected: DatedFact, own: NewDueDate): RedatedReturnDue {
  const { unitIds } = target.data as Extract<AssignmentEvent, { type: 'PartsReopened' }>['data'];
  const newDueDate = own.newDueDate;
  let before = initialAssignmentsState();
  const after: { readonly event: AssignmentEvent; readonly occurredOn: string }[] = [];
  for (const entry of inBusinessOrder(state.recorded)) {
    if (entry.index === target.index) after.push({ event: entry.event, occurredOn: '' });
    else if (after.length === 0) before = evolveParts(before, entry.event);
    else after.push(entry);
  }
  const reopened = partsOf(before).filter((part) => part.status !== 'ASSIGNED' && (unitIds === undefined || namedPart(unitIds, part, before)));
  for (const part of reopened) {
    const unit = unitNamed(command, part.unitId);
    if (part.verifiedOn !== null) requireNotBefore(corrected, { day: part.verifiedOn, what: say(`the pass of ${unit.en} it reopens`, `所重新打开的${unit.zh}督查通过日期`) });
  }
  const units = new Set(reopened.flatMap((part) => [part.unitId, ...(part.heldBefore ?? [])]));
  const answering = after.slice(1).find(({ event }) => isUnitRecord(event) && units.has((event.data as { unitId: string }).unitId));
  const assigned = unitIds === undefined ? after.slice(1).find(({ event }) => event.type === 'UnitAssigned') : undefined;
  const first = [answering, assigned].filter((found) => found !== undefined).sort((a, b) => (a.occurredOn < b.occurredOn ? -1 : 1))[0];
  if (first && isAfter(corrected.day, first.occurredOn)) {
    const unit = unitNamed(command, (first.event.data as { unitId: string }).unitId, first.occurredOn);
    const later = first.event.type === 'UnitAssigned' ? say('assignment', '交办') : (LATER_FACT[first.event.type] ?? say('record', '记录'));
    throw badInput(
      `${capitalise(corrected.what.en)} (${corrected.day}) is after the ${later.en} of ${unit.en} of ${first.occurredOn} that followed the reopening: a reopening comes before the records after it. If that ${later.en}'s date is wrong too, correct it first.`,
      `${corrected.what.zh}（${corrected.day}）晚于其后${unit.zh} ${first.occurredOn} 的${later.zh}：重新打开应在其后的记录之前。如该${later.zh}的日期也有误，请先更正该${later.zh}的日期。`,
      { field: 'on' },
    );
  }
  // One moved past the new due date it gave needs another, which replaces it (breaker49-8 M1: it was refused, and no form
  // changes a reopening's date).
  if (newDueDate !== undefined && isAfter(corrected.day, newDueDate) && command.newDueDate === undefined) {
    throw badInput(
      `${capitalise(corrected.what.en)} (${corrected.day}) is after the new due date the reopening gave (${newDueDate}): the parts would be overdue as they came back. Give the new due date (newDueDate) with the correction; it replaces ${newDueDate}.`,
      `${corrected.what.zh}（${corrected.day}）晚于该次重新打开给出的新截止日期 ${newDueDate}：任务重新打开即逾期。请在本表中填写新的整改时限（不早于 ${corrected.day}），与日期更正一并提交，取代 ${newDueDate}。`,
      { field: 'newDueDate' },
    );
  }
  // One that gave no new due date keeps each part's own: moved past it, the parts would come back overdue — what typing the
  // reopening on that day refuses (`newDueDateOf`: 须填写重新整改的时限), so its correction needs one too (h8 point 2, h8b).
  const passed = newDueDate === undefined ? reopened.find((part) => isAfter(corrected.day, part.dueDate)) : isAfter(corrected.day, newDueDate) ? reopened[0] : undefined;
  if (passed && command.newDueDate === undefined) {
    const unit = unitNamed(command, passed.unitId, corrected.day);
    throw badInput(
      `${capitalise(corrected.what.en)} (${corrected.day}) is after the due date of ${unit.en} (${passed.dueDate}), and the reopening gave no new due date: the part would be overdue as it came back. Give the new due date (newDueDate) with the correction, as a reopening on that day needs one.`,
      `${corrected.what.zh}（${corrected.day}）晚于${unit.zh}的原时限 ${passed.dueDate}，而该次重新打开未填写重新整改的时限：任务重新打开即逾期。请在本表中填写新的整改时限（不早于 ${corrected.day}），与日期更正一并提交。`,
      { field: 'newDueDate' },
    );
  }
  if (!passed && command.newDueDate !== undefined) {
    const why: Bilingual = newDueDate !== undefined
      ? say(`the reopening gave one already (${newDueDate}), not passed on ${corrected.day}, which a date correction keeps`, `该次重新打开已给出新的整改时限 ${newDueDate}，在 ${corrected.day} 尚未过，更正日期不改动它`)
      : say(`no part it returned is past its due date on ${corrected.day}`, `${corrected.day} 各单位的原时限均未过，任务仍按原时限整改`);
    throw badInput(`A new due date is not needed with this correction: ${why.en}.`, `本次更正无须填写新的整改时限：${why.zh}。`, { field: 'newDueDate' });
  }
  if (passed) return newDueDateOf(command, newDueDate !== undefined ? [newDueDate] : reopened.map((part) => part.dueDate), corrected.day, 'REOPENED');
  // Not needed on the new day: a date only an earlier correction gave goes with it (breaker49-8 S4).
  return (target.data as NewDueDate).newDueDate !== newDueDate ? { ownDueDateOnly: true } : {};
}

/**
 * The record that the fact at `target` (as corrected) answers, with its day: the report a send-back
 * returns or an inspection checks (the part's last report before it, in business order), the request
 * an extension decision decides or a withdrawal (撤回延期申请) takes back. Null for any other fact, or when none is found.
 */
function answeredRecord(state: AssignmentsState, asCorrected: readonly { type: string; data: object; occurredOn: string; index: number }[], target: { type: string; data: object; index: number }): DatedFact | null {
  if (target.type === 'ExtensionGranted' || target.type === 'ExtensionRefused') {
    const { requestId } = target.data as { requestId: string };
    const request = asCorrected.find((entry) => entry.type === 'ExtensionRequested' && (entry.data as { requestId: string }).requestId === requestId);
    return request ? { day: request.occurredOn, what: say(`the extension request it decides`, '所审批的延期申请日期') } : null;
  }
  if (target.type === 'ExtensionRequestWithdrawn') {
    const { requestId } = target.data as { requestId: string };
    const request = asCorrected.find((entry) => entry.type === 'ExtensionRequested' && (entry.data as { requestId: string }).requestId === requestId);
    return request ? { day: request.occurredOn, what: say(`the extension request it withdraws`, '所撤回的延期申请日期') } : null;
  }
  if (target.type !== 'ReportSentBack' && target.type !== 'InspectionLogged') return null;
  const { unitId } = target.data as { unitId: string };
  let folded = initialAssignmentsState();
  // The fold at the end of the day before the current one: a return of a pass's day typed after the report handed in at that
  // pass answers the report that awaited the pass that morning (`beforeThePassOfItsDay`, newcomer55-8 S2), not that report.
  let dayBefore = folded;
  let day = '';
  for (const { event, index, occurredOn } of inBusinessOrder(state.recorded)) {
    if (occurredOn !== day) {
      dayBefore = folded;
      day = occurredOn;
    }
    if (index === target.index) {
      const key = partHeldOn(folded, unitId, occurredOn)?.key;
      const part = key === undefined ? undefined : partOf(folded, key);
      const morning = key === undefined ? undefined : partOf(dayBefore, key);
      const atThePass = part !== undefined && reportAtThePassAwaitingItsReturn(part, occurredOn) && morning?.status === 'REPORTED';
      const reportedOn = atThePass ? morning.lastReport?.reportedOn : part?.lastReport?.reportedOn;
      const what = target.type === 'ReportSentBack' ? say('the report it returns', '所退回的整改报告日期') : say('the report it checks', '所核查的整改报告日期');
      return reportedOn === undefined ? null : { day: reportedOn, what };
    }
    folded = evolveParts(folded, event);
  }
  return null;
}

/** How refusals name the due dates a command sets. */
export const DUE_DATE = named('dueDate', 'The due date', '截止日期');
export const NEW_DUE_DATE = named('newDueDate', 'The new due date', '新的截止日期');
const REQUESTED_DUE_DATE = named('requestedDueDate', 'The requested due date', '申请延至的日期');


const settle = (report: RectificationReport | null, by: DatedFact): RectificationReport | null => report && { ...report, settledBy: by };
const checkedBy = (inspectedOn: string): DatedFact => ({ day: inspectedOn, what: say('the inspection that checked it', '核查该报告的督查日期') });

/* The dated facts of a part that later facts must not precede, as refusals name them. */
const assignedDay = (part: AssignmentPart, command: NamesUnits): DatedFact => {
  const unit = unitNamed(command, part.unitId);
  return { day: part.assignedOn, what: say(`the assignment of ${unit.en}`, `${unit.zh}的交办日期`) };
};
/**
 * A check (督查) or send-back (退办) `fact` dated on or after the part's last report, which it settles: BAD_USER_INPUT naming both
 * days otherwise (`requireNotBefore`), and the way on — dated before that report, it settled an earlier report not entered yet,
 * which with this check goes in once the later report has passed (`reportsAgainLater`), or that report's date is wrong
 * (breaker41-8b N6: the refusal said only that the dates were out of order). `checked`: the report's name in the refusal;
 * `entered`: the check's.
 */
function requireNotBeforeItsReport(fact: DatedFact, part: AssignmentPart, checked: Bilingual, entered: Bilingual): void {
  const report = reportDay(part, checked);
  if (!report || !isAfter(report.day, fact.day)) return;
  throw badInput(
    `${capitalise(fact.what.en)} (${fact.day}) is before ${checked.en} (${report.day}). If this ${entered.en} settled an earlier report, that report and this ${entered.en} go in ${ONCE_A_LATER_REPORT_PASSED(report.day).en} (the earlier report first); if ${report.day} is wrong, correct that report's date first.`,
    `${fact.what.zh}（${fact.day}）早于${checked.zh}（${report.day}），日期顺序不对。如本次${entered.zh}针对的是更早的一份整改报告，请${ONCE_A_LATER_REPORT_PASSED(report.day).zh}，先补录该报告，再录入本次${entered.zh}；如 ${report.day} 有误，请先更正该报告的日期。`,
    fieldOf(fact.what),
  );
}
/**
 * When an earlier round (a report and its return) found after a later report of the unit (of office day `later`) goes in: once a
 * report of the unit from that day on has passed its inspection (`reportsAgainLater`) — that one, or, when it fails, a re-report
 * after it (breaker42-8 F2: the advice named the pass of a report that failed, a pass that never comes).
 */
const ONCE_A_LATER_REPORT_PASSED = (later: string): Bilingual =>
  say(`once the report of ${later}, or a later re-report, has passed its inspection`, `待 ${later} 的整改报告（或其未通过后重新报送的报告）督查通过后`);
const reportDay = (part: AssignmentPart, what: Bilingual): DatedFact | null =>
  part.lastReport ? { day: part.lastReport.reportedOn, what } : null;
const RETURN_NAMES: Record<ReturnNote['cause'], Bilingual> = {
  SENT_BACK: say('the send-back it answers', '所回应的退办日期'),
  INSPECTION_FAILED: say('the failed inspection it answers', '所回应的督查未通过日期'),
  PARTS_REOPENED: say('the reopening it answers', '所回应的重新打开日期'),
};
/** A report after a return answers that return: it cannot be dated before it. */
const returnDay = (part: AssignmentPart): DatedFact | null =>
  part.status === 'RETURNED' && part.lastReturn ? { day: part.lastReturn.returnedOn, what: RETURN_NAMES[part.lastReturn.cause] } : null;

/** How a report refused as dated before the return it answers names that return, and the record to correct (correctRecordDate). */
const RETURN_RECORDS: Record<ReturnNote['cause'], { readonly kind: Bilingual; readonly record: string }> = {
  SENT_BACK: { kind: say('send-back', '退办'), record: 'SEND_BACK' },
  INSPECTION_FAILED: { kind: say('inspection', '督查'), record: 'INSPECTION' },
  PARTS_REOPENED: { kind: say('reopening', '重新打开'), record: 'REOPENING' },
};

/**
 * A re-report (`reported`) dated on or after the return it answers (`returnDay`): BAD_USER_INPUT naming both days and the way on —
 * when the return was typed with a later day than on paper, a supervisor corrects its day first (更正记录日期,
 * correctRecordDate; breaker46-8 S1: a reopening typed 07-05 for 06-20 left the unit's real re-report of 06-25 with no way on).
 */
function requireNotBeforeItsReturn(reported: DatedFact, part: AssignmentPart): void {
  const returned = returnDay(part);
  if (!returned || !isAfter(returned.day, reported.day)) return;
  const { kind, record } = RETURN_RECORDS[part.lastReturn!.cause];
  throw badInput(
    `${capitalise(reported.what.en)} (${reported.day}) is before ${returned.what.en} (${returned.day}). If the ${kind.en} really was on an earlier day, a supervisor corrects its date first (更正记录日期 on the unit's card, correctRecordDate with record ${record}); then enter this report.`,
    `${reported.what.zh}（${reported.day}）早于${returned.what.zh}（${returned.day}），日期顺序不对。如该${kind.zh}的实际日期更早，请督办人员先在该单位任务卡片上点「更正记录日期」更正该${kind.zh}的日期，再录入本报告。`,
    fieldOf(reported.what),
  );
}

/** `date` is later than the part's due date in force on office day `on` (the part as it stood then). */
function requireLaterThanDueDate(date: string, then: AssignmentPart, on: string, what: Named): void {
  if (!isAfter(date, then.dueDate)) {
    throw badInput(`${what.en} must be later than the due date in force on ${on} (${then.dueDate}).`, `${what.zh}须晚于 ${on} 时的截止日期 ${then.dueDate}。`, fieldOf(what));
  }
}

/**
 * A grant's `newDueDate` not before its decision day `decidedOn`. A paper reply typed in later with the form's day (today) is
 * refused naming the decision day, not the date granted (newcomer52-8 M4: 「新的截止日期 2016-07-31 已过（2026-12-07）」 read as
 * "a past date cannot be granted"): when a decision day from the request's (`requestedOn`) on would take it, BAD_USER_INPUT on
 * field `decidedOn` asking for the reply's own day; else the date granted is what is past (field `newDueDate`).
 */
function requireGrantNotPast(newDueDate: string, decidedOn: string, requestedOn: string): void {
  if (!isAfter(decidedOn, newDueDate)) return;
  if (isAfter(requestedOn, newDueDate)) requireNotPast(newDueDate, decidedOn, NEW_DUE_DATE);
  throw badInput(
    `The decision date ${decidedOn} is after the new due date ${newDueDate}: granted that day, the date had already passed. For a paper reply entered later, give the reply's own date as the decision date (the request is dated ${requestedOn}).`,
    `审批日期 ${decidedOn} 晚于新的截止日期 ${newDueDate}（批准时该日期已过）。补录纸质批复时，审批日期请填批复的落款日期（该申请的申请日期为 ${requestedOn}）。`,
    { field: 'decidedOn' },
  );
}

/** `date` is not before `day`, the business day on which it is set (today for a fact entered as it happens). */
function requireNotPast(date: string, day: string, what: Named): void {
  if (isAfter(day, date)) throw badInput(`${what.en} ${date} has already passed (on ${day}).`, `${what.zh} ${date} 已过（${day}）。`, fieldOf(what));
}


// ---------------------------------------------------------------------------------------------
// deadline rules (issue 10, faults 5 and 6)

/**
 * A due date within the parent's limit needs nothing more. One past it (after the approved plan's
 * inspection deadline, or the work plan's period) needs a SUPERVISOR's explicit override with a
 * reason, returned here to be recorded in the event that sets the date. Without one it is
 * BAD_USER_INPUT naming the limit; an override given by anyone else is FORBIDDEN.
 */
export function boundedDueDate(date: string, command: SetsDueDate & { readonly actor: Actor }, what: Named): DueDateOverridden | undefined {
  const limit = command.dueDateLimit;
  if (!limit || !isAfter(date, limit.latest)) return undefined;
  const override = command.dueDateOverride;
  if (!override) {
    throw badInput(
      `${what.en} ${date} is after ${limit.setBy.en} (${limit.latest}); only a supervisor may set it later, with an override and its reason.`,
      `${what.zh}（${date}）晚于${limit.setBy.zh}（${limit.latest}）；如确需延后，须由督办人员填写理由后特批。`,
      // What the person does about it: give the override's reason.
      { field: 'overrideReason' },
    );
  }
  if (command.actor.role !== 'SUPERVISOR') {
    // The day and the two ways on said (newcomer37 S12: an inspector read neither the limit nor what to do).
    throw forbidden(
      `${what.en} ${date} is after ${limit.setBy.en} (${limit.latest}): only a supervisor may set it later. Give a day no later than ${limit.latest}, or ask a supervisor.`,
      `${what.zh}（${date}）晚于${limit.setBy.zh}（${limit.latest}）：只有督办人员可以特批延后。请改为不晚于 ${limit.latest} 的日期，或请督办人员办理。`,
    );
  }
  if (isBlank(override.reason)) {
    throw badInput('A reason for overriding the deadline is required.', '特批延后截止日期须填写理由。', { field: 'overrideReason' });
  }
  const reach = overrideReach(limit.latest);
  if (isAfter(date, reach)) {
    const past = beyondOverrideReach(date, limit);
    throw badInput(`${what.en} ${date}: ${past.en}`, `${what.zh}（${date}）晚于${past.zh}`, fieldOf(what));
  }
  return { reason: override.reason, limit: limit.latest };
}

/** How many years past its limit a supervisor's override may set a due date: further is a year typed wrong (2206 for 2026), breaker10e P4. */
export const OVERRIDE_REACH_YEARS = 5;

/** `YYYY-MM-DD`: the latest day an override may set past `latest` (the limit), `OVERRIDE_REACH_YEARS` later. */
export function overrideReach(latest: string): string {
  const [year, month, day] = latest.split('-');
  const reached = `${Number(year) + OVERRIDE_REACH_YEARS}-${month}-${day}`;
  // 02-29 five years on is no day: the day before.
  return month === '02' && day === '29' ? `${Number(year) + OVERRIDE_REACH_YEARS}-02-28` : reached;
}

/** Why a due date past the override's reach (`overrideReach`) is refused, after the date is named (the Chinese after 晚于, which the caller writes). */
export const beyondOverrideReach = (date: string, limit: DueDateLimit): Bilingual => ({
  en: `is after the latest day an override may set (${OVERRIDE_REACH_YEARS} years after ${limit.setBy.en} ${limit.latest}, ${overrideReach(limit.latest)}): check the year for a typing error.`,
  zh: `特批可延后的最远日期（${limit.setBy.zh}${limit.latest} 后 ${OVERRIDE_REACH_YEARS} 年，即 ${overrideReach(limit.latest)}）：请核对年份是否写错。`,
});

/** The override as an event records it: absent when there was none. */
export const recorded = (override: DueDateOverridden | undefined) => (override ? { dueDateOverride: override } : {});

/** How parts come back to their units: 退办 (a report sent back), 督查不通过 (failed on site), 重新打开 (a closed parent reopened). */
type ReturnWay = 'SENT_BACK' | 'INSPECTION_FAILED' | 'REOPENED';

/** A return's day as its refusals name it, in the words of the form that made it (newcomer22 S4: a reopening was refused in 退回 words). */
const RETURN_DAY: Record<ReturnWay, Bilingual> = {
  SENT_BACK: { en: 'the day the report was sent back', zh: '退办之日' },
  INSPECTION_FAILED: { en: 'the day the part failed inspection', zh: '督查不通过之日' },
  REOPENED: { en: 'the day of the reopening', zh: '重新打开之日' },
};

/**
 * The new due date (重新整改的时限) of parts being returned `way`. Optional while their due dates
 * are still ahead; required once one has passed, since a part returned late would otherwise be
 * overdue the moment it comes back. It cannot be in the past and, past the parent's limit, needs
 * the supervisor's override.
 * @throws DomainError BAD_USER_INPUT (field newDueDate) when one of `dueDates` had passed on `returnedOn` and none is given.
 */
function newDueDateOf(command: ReturnsPart & { readonly actor: Actor }, dueDates: readonly string[], returnedOn: string, way: ReturnWay): NewDueDate {
  // Business time: "passed" is judged on the day the part was returned, not the day it is entered.
  const { newDueDate } = command;
  if (newDueDate === undefined) {
    const passed = dueDates.find((dueDate) => isAfter(returnedOn, dueDate));
    if (passed) {
      const day = RETURN_DAY[way];
      throw badInput(
        `The due date ${passed} had passed on ${returnedOn}, ${day.en}: a part returned then needs a new due date (newDueDate).`,
        `原时限 ${passed} 在${day.zh}（${returnedOn}）已过：须填写重新整改的时限。`,
        { field: 'newDueDate' },
      );
    }
    return {};
  }
  requireCalendarDate(newDueDate, NEW_DUE_DATE);
  requireNotPast(newDueDate, returnedOn, NEW_DUE_DATE);
  return { newDueDate, ...recorded(boundedDueDate(newDueDate, command, NEW_DUE_DATE)) };
}

// ---------------------------------------------------------------------------------------------
// 撤销误录 (newcomer51-8 S1)

/** How refusals name each record a supervisor can retract. */
export const RETRACTED: Record<RetractableFact, Bilingual> = {
  RectificationReported: say('report', '整改报告'),
  ReportSentBack: say('send-back', '退办'),
  UnitUrged: say('urging', '催办'),
  InspectionLogged: say('inspection', '现场督查'),
  PartsReopened: say('reopening', '重新打开'),
  ExtensionRequested: say('extension request', '延期申请'),
  ExtensionGranted: say('extension decision', '延期审批'),
  ExtensionRefused: say('extension decision', '延期审批'),
  UnitAssigned: say('assignment', '交办'),
  PartHandedOver: say('hand-over of the part alone', '按事项移交'),
  UnitUnassigned: say('removal from the item (plan change)', '移除（方案调整）'),
  PartRoleChanged: say('role change', '承担方式调整'),
};

/**
 * The records (as corrected, in the order entered, each with its index in `recorded`) a `RetractRecord` of `unitId` may mean:
 * of its kind (an extension decision granted or refused alike, as `correctFactDate` finds one), of the unit (a reopening: one
 * that returned the unit's part), reading office day `on` now.
 */
function retractableRecords(command: RetractRecord, state: AssignmentsState, unitId: string) {
  const factTypes: readonly string[] = command.factType === 'ExtensionGranted' || command.factType === 'ExtensionRefused' ? ['ExtensionGranted', 'ExtensionRefused'] : [command.factType];
  const entries = state.recorded.map((event, index) => ({ type: event.type, data: event.data, occurredOn: factDayOfEvent(event), index }));
  const ofTheUnit = (entry: { type: string; data: object }) => (entry.type === 'PartsReopened' ? reopenedPartOf(entry, unitId) : (entry.data as { unitId?: string }).unitId === unitId);
  return withCorrectionsApplied(entries)
    .events.filter((entry) => factTypes.includes(entry.type) && ofTheUnit(entry) && entry.occurredOn === command.on)
    .sort((a, b) => a.index - b.index);
}

/**
 * The unit's own records on its part that fall with a 交办 retracted (breaker53-8 S2: the part "as if never given"): its extension
 * requests (each with its withdrawal, `withCorrectionsApplied`), the decisions on them and the urgings it was sent. Its reports and
 * what checked them (send-backs, inspections, reopenings, hand-overs) do not: work reported is retracted on its own first.
 */
const FALLS_WITH_ASSIGNMENT: readonly string[] = ['ExtensionRequested', 'ExtensionRequestWithdrawn', 'ExtensionGranted', 'ExtensionRefused', 'UnitUrged'];

/**
 * The plan's changes of the part's role (牵头 ↔ 责任, PartRoleChanged) after its 交办 also fall with it (newcomer54-8 S1: the
 * refusal's own way out of a wrong lead — add the right one with 替换原牵头单位, then 撤销交办 — was refused at its second step by
 * the step-down the replacement wrote, which no record retracts): a part never given had no role to change. No retraction of
 * their own — the fold leaves them out with the 交办 (business-order.ts); the new lead's 交办 stays.
 */
const ROLE_CHANGES_FALL_WITH_ASSIGNMENT: readonly string[] = ['PartRoleChanged'];

type CorrectedEntry = { readonly type: string; readonly data: object; readonly occurredOn: string; readonly index: number };

/**
 * The kind of a part's record that no 撤销误录 retracts — a plan's or a reorganisation's change of the part — as a refusal names it
 * (breaker54-8 M2: 「…2026-10-05 的记录」 left the clerk guessing which record was meant; a report or a request is named as such).
 * 「记录」 only for a kind not listed here.
 */
function planRecordKind(entry: Pick<CorrectedEntry, 'type' | 'data'>): Bilingual {
  switch (entry.type) {
    case 'PartRoleChanged':
      return (entry.data as { role?: AssignmentRole }).role === 'LEAD'
        ? say('role change (responsible to lead)', '承担方式调整（责任改为牵头）')
        : say('role change (lead to responsible)', '承担方式调整（牵头改为责任）');
    case 'UnitUnassigned':
      return say('removal from the item (plan change)', '移除（方案调整）');
    case 'PartHandedOver':
      return say('hand-over of the part (reorganisation)', '任务移交（机构改革）');
    case 'PartHandOverUndone':
      return say('undoing of a hand-over', '任务移交的撤回');
    default:
      return say('record', '记录');
  }
}

/** `state.recorded` as corrected (business-order.ts), each entry with its index in `recorded`, in the order entered. */
function asCorrectedEntries(state: AssignmentsState): CorrectedEntry[] {
  const entries = state.recorded.map((event, index) => ({ type: event.type, data: event.data, occurredOn: factDayOfEvent(event), index }));
  return withCorrectionsApplied(entries).events.filter((entry) => !isCorrection(entry));
}

/** The record (as corrected) of the unit after its 交办 at `assignment`, whatever its kind: the unit's or its successor's. */
function laterRecordsOfTheUnit(state: AssignmentsState, unitId: string, assignment: { readonly index: number }): CorrectedEntry[] {
  const ofTheUnit = (entry: CorrectedEntry) =>
    entry.type === 'PartsReopened' ? reopenedPartOf(entry, unitId) : (entry.data as { unitId?: string }).unitId === unitId || (entry.data as { successorUnitId?: string }).successorUnitId === unitId;
  // Not the reopening the server wrote with another unit's (`foundClosed`): it is no record of the unit's own, retracted only with
  // its cause, and stands only while a pass of the unit does (breaker55-8 S1: 撤销交办's refusal named it, void since, as the step).
  return asCorrectedEntries(state).filter((entry) => entry.index > assignment.index && ofTheUnit(entry) && !isWrittenForFoundClosed(state.recorded[entry.index]!));
}

/**
 * The retraction (`RetractRecord`'s unit, kind, day and place that day) that names the recorded event at `index` (as corrected,
 * `entry`) — the step a refusal asks for first; undefined for a record no supervisor retracts.
 */
function retractionNaming(command: RetractRecord, state: AssignmentsState, entry: CorrectedEntry): Pick<RetractRecord, 'unitId' | 'factType' | 'on' | 'ofTheDay'> | undefined {
  if (!(RETRACTABLE_FACTS as readonly string[]).includes(entry.type)) return undefined;
  // The reopening the server wrote with the office's (`foundClosed`) is retracted only with it: that one is the step (h56a).
  if (isWrittenForFoundClosed(state.recorded[entry.index]!)) {
    const entries = state.recorded.map((event, index) => ({ type: event.type, data: event.data, occurredOn: factDayOfEvent(event), index }));
    const { events, foundClosedCauses } = withCorrectionsApplied(entries);
    const cause = events.find((candidate) => candidate.index === foundClosedCauses.get(entry.index));
    return cause ? retractionNaming(command, state, cause) : undefined;
  }
  const factType = entry.type as RetractableFact;
  const unitIds = (entry.data as { unitIds?: readonly string[] }).unitIds;
  const unitId = factType === 'PartsReopened' ? (unitIds?.[0] ?? command.unitId) : (entry.data as { unitId: string }).unitId;
  const step = { unitId, factType, on: entry.occurredOn };
  const place = retractableRecords({ ...command, ...step, ofTheDay: undefined }, state, unitId).findIndex((candidate) => candidate.index === entry.index);
  return place < 0 ? undefined : { ...step, ofTheDay: place + 1 };
}

/**
 * Where a refusal's advice to retract `step` first leads (breaker53-8 S2: no refusal may point at a step that is itself refused):
 * `step` when its retraction would be accepted now; else the step its own refusal asks for, followed (at most a few); undefined
 * when the chain ends at a record that cannot be retracted.
 */
function acceptedStepFrom(command: RetractRecord, state: AssignmentsState, step: Pick<RetractRecord, 'unitId' | 'factType' | 'on' | 'ofTheDay'>, depth = 0): typeof step | undefined {
  try {
    retractRecord({ ...command, ...step }, state);
    return step;
  } catch (error) {
    const next = error instanceof DomainError && error.code === 'CONFLICT' ? (error.details?.retractFirst as typeof step | undefined) : undefined;
    return next && depth < 8 ? acceptedStepFrom(command, state, next, depth + 1) : undefined;
  }
}

/** How a refusal names a step (a record of a unit of a day) it asks to retract first. */
function stepNamed(command: RetractRecord, step: Pick<RetractRecord, 'unitId' | 'factType' | 'on'>): Bilingual {
  const what = RETRACTED[step.factType];
  if (step.factType === 'PartsReopened') return say(`the ${what.en} of ${step.on}`, `${step.on} 的${what.zh}`);
  const unit = unitNamed(command, step.unitId, step.on);
  return say(`the ${what.en} of ${unit.en} of ${step.on}`, `${unit.zh} ${step.on} 的${what.zh}`);
}

/**
 * The advice of a retraction refused because `later` (the record named, called `what`) would no longer hold: retract it first when
 * that would be accepted; when it is refused in turn, the step its chain of refusals starts from (retract from the last record
 * back); when the chain ends at a record no supervisor retracts, that this record stands. `otherwise` closes the advice.
 */
function retractFirstAdvice(
  command: RetractRecord,
  state: AssignmentsState,
  later: CorrectedEntry,
  what: Bilingual,
  thisOne: Bilingual,
  otherwise: Bilingual,
): { advice: Bilingual; retractFirst?: Pick<RetractRecord, 'unitId' | 'factType' | 'on' | 'ofTheDay'> } {
  const named = retractionNaming(command, state, later);
  const accepted = named && acceptedStepFrom(command, state, named);
  if (!named || !accepted) {
    return {
      advice: say(
        `That ${what.en} ${named ? 'cannot be retracted now either' : 'is not retracted here'}, so this ${thisOne.en} stands.`,
        `该${what.zh}${named ? '现在也不能撤销' : '不能撤销'}，因此本${thisOne.zh}不能撤销。`,
      ),
    };
  }
  if (accepted === named) {
    return {
      advice: say(
        `If that ${what.en} was entered by mistake too, retract it first (撤销此记录), then this ${thisOne.en}; ${otherwise.en}`,
        `如该${what.zh}也是误录，请先撤销该${what.zh}记录，再撤销本${thisOne.zh}；${otherwise.zh}`,
      ),
      retractFirst: accepted,
    };
  }
  const first = stepNamed(command, accepted);
  return {
    advice: say(
      `If that ${what.en} was entered by mistake too, it is retracted once the records after it are: start with ${first.en} (from the last back), then that ${what.en}, then this ${thisOne.en}; ${otherwise.en}`,
      `如该${what.zh}也是误录，须先撤销其后依赖它的记录：从${first.zh}起（由后往前）逐项撤销，再撤销该${what.zh}，最后撤销本${thisOne.zh}；${otherwise.zh}`,
    ),
    retractFirst: accepted,
  };
}

/**
 * A 交办 retracted (h52a) takes the unit's part away as if never assigned. Its requests, their withdrawals and decisions and its
 * urgings go with it (`FALLS_WITH_ASSIGNMENT`, breaker53-8 S2: returned here, latest first, to be retracted in the same decision);
 * so do the plan's changes of its role (`ROLE_CHANGES_FALL_WITH_ASSIGNMENT`: left out by the fold, not returned).
 * Any other record of the unit after it (as corrected, in the order entered — a report, inspection, hand-over …) must be retracted
 * first (or, if it happened, the 交办 stands): refused CONFLICT naming the step to take first, one that would be accepted
 * (`retractFirstAdvice`); and a part that is the parent's only lead while other parts remain (the parent would have none).
 * Refusals in Chinese; nothing written.
 */
function recordsFallingWithAssignment(command: RetractRecord, state: AssignmentsState, unitId: string, assignment: { readonly index: number }): Pick<RetractRecord, 'unitId' | 'factType' | 'on' | 'ofTheDay'>[] {
  const unit = unitNamed(command, unitId, command.on);
  const retracted = say(`Retracting the assignment of ${unit.en} of ${command.on}`, `撤销${unit.zh} ${command.on} 的交办`);
  const noun = parentNoun(command);
  const laterRecords = laterRecordsOfTheUnit(state, unitId, assignment);
  const standing = laterRecords.filter((entry) => !FALLS_WITH_ASSIGNMENT.includes(entry.type) && !ROLE_CHANGES_FALL_WITH_ASSIGNMENT.includes(entry.type));
  if (standing.length > 0) {
    // The last of them is the one to retract first: each earlier one is then followed by nothing of the unit but what falls with it.
    const later = standing.at(-1)!;
    const what = LATER_FACT[later.type as AssignmentEvent['type']] ?? RETRACTED[later.type as RetractableFact] ?? planRecordKind(later);
    const { advice, retractFirst } = retractFirstAdvice(command, state, later, what, say('assignment', '交办'), say('otherwise the assignment stands.', '如确有其事，本交办不能撤销。'));
    throw conflict(
      `${retracted.en} would leave its later ${what.en} of ${later.occurredOn} without a part. ${advice.en}`,
      `${retracted.zh}会使其后${unit.zh} ${later.occurredOn} 的${what.zh}不再成立：撤销后该单位没有这项任务。${advice.zh}`,
      retractFirst ? { retractFirst } : undefined,
    );
  }
  const part = partOf(state, unitId);
  const parts = partsOf(state);
  if (part?.role === 'LEAD' && parts.length > 1 && !parts.some((other) => other !== part && other.role === 'LEAD')) {
    throw conflict(
      // Findings and items alike replace a lead typed wrong (newcomer55-8 S4: 「请先撤销其他单位的交办」 sent the clerk to a step refused
      // once they had reported, and 「工作事项也可…」 read on a finding page).
      `${retracted.en} would leave the ${noun.en} without a lead unit while other units keep their parts. If the lead was entered wrong, add the right unit as lead replacing this one first (replacesLead: this one becomes responsible), then retract this assignment.`,
      `${retracted.zh}会使本${noun.zh}没有牵头单位（其他单位的任务仍在）。如牵头单位录错，请先以“牵头”增加正确的单位并勾选“替换原牵头单位”（原牵头单位改为责任单位），再撤销本交办。`,
    );
  }
  // Latest first, each named by its place that day as it reads before any of them goes: retracting a later one of a day never
  // moves an earlier one's place. Withdrawals go with their requests.
  return laterRecords
    .filter((entry) => entry.type !== 'ExtensionRequestWithdrawn' && !ROLE_CHANGES_FALL_WITH_ASSIGNMENT.includes(entry.type))
    .reverse()
    .map((entry) => retractionNaming(command, state, entry)!)
    .filter((step) => step !== undefined);
}

/**
 * The PartsReopened the server wrote for the office's part-only reopening that by date found the parent closed (`foundClosed`,
 * h54b) is no record of its own: it goes with that reopening — retracted, moved or no longer standing with it, in every fold.
 * Retracting it (撤销此记录) or correcting its day (更正记录日期) on its own would leave the reopening that caused it telling the
 * old story (breaker55-8 S1 S3 S7): refused CONFLICT, nothing written, naming that reopening (its unit and day as corrected) —
 * `details.goesWith` names it as a retraction would (`unitId`, `factType`, `on`). `entry`: the record chosen (as corrected, with
 * its index in `state.recorded`); `doing`: what was asked, for the refusal's words.
 */
function refuseWrittenWithItsCause(command: RetractRecord | CorrectFactDate, state: AssignmentsState, entry: CorrectedEntry, doing: Bilingual): void {
  const recorded = state.recorded[entry.index];
  if (!recorded || !isWrittenForFoundClosed(recorded)) return;
  const entries = state.recorded.map((event, index) => ({ type: event.type, data: event.data, occurredOn: factDayOfEvent(event), index }));
  const { events, foundClosedCauses } = withCorrectionsApplied(entries);
  const causeIndex = foundClosedCauses.get(entry.index);
  const cause = causeIndex === undefined ? undefined : events.find((candidate) => candidate.index === causeIndex);
  const noun = parentNoun(command);
  const causeUnitId = (cause?.data as { unitIds?: readonly string[] } | undefined)?.unitIds?.[0];
  if (!cause || causeUnitId === undefined) {
    throw conflict(
      `The reopening of ${entry.occurredOn} was written by Rectify with the office's reopening of that day (the ${noun.en} was found closed by date): it cannot be ${doing.en} on its own; retract or correct that reopening instead.`,
      `${entry.occurredOn} 的这条重新打开是系统随当日办公室录入的重新打开一并记下的（按日期该${noun.zh}当时已销号，其他单位的任务随之重新打开），不能单独${doing.zh}；请撤销或更正当日的那条重新打开记录。`,
    );
  }
  const causeUnit = unitNamed(command, causeUnitId, cause.occurredOn);
  throw conflict(
    `The reopening of ${entry.occurredOn} was written by Rectify with the reopening of ${causeUnit.en}'s part of ${cause.occurredOn} (by date that reopening found the ${noun.en} closed, so the other parts were reopened with it): it cannot be ${doing.en} on its own — it is retracted, moved or undone with that reopening. If that reopening was entered wrong, retract or correct it (on ${causeUnit.en}'s part).`,
    `${entry.occurredOn} 的这条重新打开是系统随${causeUnit.zh} ${cause.occurredOn} 的重新打开一并记下的（按日期该重新打开时${noun.zh}已销号，其他单位的任务随之重新打开），不能单独${doing.zh}：它随该重新打开一起撤销、更正日期或不再成立。如该重新打开录入有误，请在${causeUnit.zh}的任务上撤销或更正 ${cause.occurredOn} 的重新打开记录。`,
    { goesWith: { unitId: causeUnitId, factType: 'PartsReopened', on: cause.occurredOn } },
  );
}

/**
 * A hand-over of one part retracted (breaker55-8 S4: 按事项移交 typed for the wrong finding, item or day): the part is its unit's
 * again, as if never handed over — the fold leaves the PartHandedOver out (business-order.ts) and the directory records no
 * hand-over of the unit that would pass it again (a split is the administrator's choice of this parent alone). Refused CONFLICT,
 * nothing written: a part passed with the unit's whole work or its merge (the directory's hand-over passes it again: it is
 * corrected there, not here), and a part on which the successor has a record since — its report, a request, an urging, a
 * further hand-over — named, to be retracted first (`retractFirstAdvice`), or, if it happened, the hand-over stands.
 */
function requireSplitRetractable(command: RetractRecord, state: AssignmentsState, handOver: CorrectedEntry): void {
  const { successorUnitId } = handOver.data as PartHandedOver['data'];
  const { successor, retracted } = requireSplit(command, handOver, say('Retracting', '撤销'));
  const later = laterRecordsOfTheUnit(state, successorUnitId, handOver).at(-1);
  if (later) {
    const what = LATER_FACT[later.type as AssignmentEvent['type']] ?? RETRACTED[later.type as RetractableFact] ?? planRecordKind(later);
    const thisOne = say('hand-over', '移交');
    const { advice, retractFirst } = retractFirstAdvice(command, state, later, what, thisOne, say('otherwise the hand-over stands.', '如确有其事，本移交不能撤销。'));
    throw conflict(
      `${retracted.en} would leave the later ${what.en} of ${successor.en} of ${later.occurredOn} on a part it never held. ${advice.en}`,
      `${retracted.zh}会使其后${successor.zh} ${later.occurredOn} 的${what.zh}不再成立：撤销后${successor.zh}没有这项任务。${advice.zh}`,
      retractFirst ? { retractFirst } : undefined,
    );
  }
}

/**
 * The hand-over at `handOver` (as corrected) is a split (`partOnly`): its units and how a refusal names the step (`doing`: 撤销 /
 * 更正…日期). A part passed with the unit's whole work or its merge is refused CONFLICT, saying where that is undone instead: the
 * directory's hand-over would pass it again.
 */
function requireSplit(command: NamesUnits, handOver: CorrectedEntry, doing: Bilingual): { unit: Bilingual; successor: Bilingual; retracted: Bilingual } {
  const { unitId, successorUnitId, partOnly } = handOver.data as PartHandedOver['data'];
  const unit = unitNamed(command, unitId, handOver.occurredOn);
  const successor = unitNamed(command, successorUnitId, handOver.occurredOn);
  const retracted = say(`${doing.en} the hand-over of ${unit.en}'s part to ${successor.en} of ${handOver.occurredOn}`, `${doing.zh}${unit.zh} ${handOver.occurredOn} 向${successor.zh}的任务移交`);
  if (partOnly !== true) {
    const merger = command.unitNames?.mergerOf?.(unitId);
    const way =
      merger?.successorUnitId === successorUnitId
        ? say(`it passed with ${unit.en}'s merge into ${successor.en}: if the merge's day is wrong, the administrator corrects it in the units directory (更正合并日期), and every part it passed moves with it.`, `该任务随${unit.zh}并入${successor.zh}一并移交：如合并日期录错，请管理员在单位名录中“更正合并日期”，其移交的各项任务随之按更正后的日期办理。`)
        : say(`it passed with ${unit.en}'s whole work handed over to ${successor.en} (recorded in the units directory), which would pass it again: that hand-over is not undone on one ${parentNoun(command).en}. If only this part should have stayed, hand it back with a hand-over of this part alone (单位名录 → 移交任务, choosing this ${parentNoun(command).en}).`, `该任务随${unit.zh}职能整体移交${successor.zh}一并移交（记在单位名录中），单独撤销后仍会按整体移交再次移交，因此不能在本${parentNoun(command).zh}上撤销。如仅本项任务不应移交，请在单位名录中以“移交任务”只选本${parentNoun(command).zh}，把任务移交回${unit.zh}。`);
    throw conflict(`${retracted.en} is not possible here: ${way.en}`, `${retracted.zh}不能在此办理：${way.zh}`);
  }
  return { unit, successor, retracted };
}

/**
 * A unit's removal from an item retracted (breaker55-8 S6: 撤销单位 typed on the wrong day, or for the wrong unit): its part is
 * back as it stood, as if never taken off — with everything on it, and the parts a reorganisation would have passed it to pass
 * it as the fold then finds it (`handOversDue`). Refused CONFLICT, nothing written, when the unit has a record on the item dated
 * on or after the removal (given a part again, and what it did since): the latest named, to be retracted first, or the removal
 * stands. Its papers dated before the removal, typed after it, stay on the part.
 */
function requireNothingAfterRemoval(command: RetractRecord, state: AssignmentsState, removal: CorrectedEntry): void {
  const { unitId } = removal.data as { unitId: string };
  // A paper of its tenure typed after the removal (dated before it) is the part's as it stood: it stays with it.
  const later = laterRecordsOfTheUnit(state, unitId, removal).filter((entry) => entry.occurredOn >= removal.occurredOn).at(-1);
  if (!later) return;
  const unit = unitNamed(command, unitId, removal.occurredOn);
  const what = later.type === 'UnitAssigned' ? say('assignment', '交办') : (LATER_FACT[later.type as AssignmentEvent['type']] ?? RETRACTED[later.type as RetractableFact] ?? planRecordKind(later));
  const thisOne = say('removal', '移除');
  const { advice, retractFirst } = retractFirstAdvice(command, state, later, what, thisOne, say('otherwise the removal stands.', '如确有其事，本次移除不能撤销。'));
  throw conflict(
    `Retracting the removal of ${unit.en} of ${removal.occurredOn} would give it its part back beside its later ${what.en} of ${later.occurredOn}. ${advice.en}`,
    `撤销${unit.zh} ${removal.occurredOn} 的移除会使其后 ${later.occurredOn} 的${what.zh}不再成立：撤销后该单位一直承担原任务，无从再次交办。${advice.zh}`,
    retractFirst ? { retractFirst } : undefined,
  );
}

/** How a date correction's refusals name the corrected day of each step typed again (`CorrectStepDate`). */
const RETYPED_DAY: Record<RetypedStep, Named> = {
  PartHandedOver: named('on', 'the corrected day of the hand-over', '更正后的移交日期'),
  UnitUnassigned: named('on', 'the corrected day of the removal', '更正后的移除日期'),
  PartRoleChanged: named('on', 'the corrected day of the role change', '更正后的承担方式调整日期'),
};

/**
 * 更正记录日期 of a split hand-over or a removal (breaker55-8 S4, S6): the step is retracted (`RecordRetracted` with the
 * correction's reason, found as `RetractRecord` finds it) and written again on `on` — a split as `handOverUnitParts` with `only`
 * passes it on that day (`passPartOnItsDay`: not before the 交办, not a part verified by then), a removal as the plan change
 * typed that day (`UnitUnassigned`) — so every fold reads it on its right day, one rule with a step typed in date order.
 * Refused, nothing written: FORBIDDEN for anyone but a supervisor; NOT_FOUND / BAD_USER_INPUT as a retraction; BAD_USER_INPUT
 * (field `on`) for a day in the future, the same day, or one that would put a record of the handing or removed unit after the
 * step (a removed unit given a part again, or its work since), or one of the successor before it — naming it, to be corrected
 * (or retracted) first; CONFLICT for a part passed with a whole hand-over or merge (corrected in the units directory).
 */
function correctStepDate(command: CorrectStepDate, state: AssignmentsState): AssignmentEvent[] {
  requireRole(command.actor, ['SUPERVISOR'], say('correct the date of a record', '更正记录的日期'));
  const { factType, previousOn, on, reason, ofTheDay } = command;
  const what = RETRACTED[factType];
  const asRetraction: RetractRecord = { ...command, type: 'RetractRecord', on: previousOn, ...(ofTheDay === undefined ? {} : { ofTheDay }) };
  const { unitId, unit, chosen, record } = recordNamed(asRetraction, state, named('reason', 'A reason for the correction', '更正理由'));
  if (chosen.type === 'PartRoleChanged') return redateRoleChanges(command, state, roleChangesWrittenWith(state, chosen));
  const day = { day: on, what: RETYPED_DAY[factType] };
  requireBusinessDay(on, command.today, day.what);
  if (on === previousOn) throw badInput(`The ${what.en} is already dated ${on}.`, `该${what.zh}的日期已是 ${on}。`, { field: 'on' });
  const retracted: AssignmentEvent = { type: 'RecordRetracted', data: { unitId, ...record, on: previousOn, reason, retractedOn: command.today } };
  const without = evolveAssignments(state, retracted);
  const entries = asCorrectedEntries(state).filter((entry) => entry.index !== chosen.index && !isHandOverEvent(entry as unknown as AssignmentEvent));
  /** The first record of `holder` (as corrected, in the order entered) whose day is `within` the clash, refusing the corrected day naming it. */
  const refuseRecordOf = (holder: string, holderNamed: Bilingual, within: (entryDay: string) => boolean, why: Bilingual) => {
    // Its 交办 bounds the step otherwise (below); one given again after the removal is a record after it like any other.
    const clash = entries.find((entry) => (entry.type !== 'UnitAssigned' || entry.index > chosen.index) && (entry.data as { unitId?: string }).unitId === holder && within(entry.occurredOn));
    if (!clash) return;
    const kind = LATER_FACT[clash.type as AssignmentEvent['type']] ?? RETRACTED[clash.type as RetractableFact] ?? planRecordKind(clash);
    throw badInput(
      `${capitalise(day.what.en)} (${on}) would put the ${kind.en} of ${holderNamed.en} of ${clash.occurredOn} on the wrong side of it: ${why.en}. If that ${kind.en}'s date is wrong too, correct it first.`,
      `${day.what.zh}（${on}）会使${holderNamed.zh} ${clash.occurredOn} 的${kind.zh}不再成立：${why.zh}。如该${kind.zh}的日期也有误，请先更正该${kind.zh}。`,
      { field: 'on' },
    );
  };
  if (chosen.type === 'PartHandedOver') {
    const { successorUnitId, reason: handOverReason } = chosen.data as PartHandedOver['data'];
    const { successor } = requireSplit(command, chosen, say('Correcting the day of', '更正'));
    // The successor held the part from the hand-over on; the handing unit until then (its papers of the day itself stay its own).
    refuseRecordOf(successorUnitId, successor, (entryDay) => entryDay < on, say(`${successor.en} held the part only from the hand-over on`, `${successor.zh}自移交之日起才承担该任务`));
    refuseRecordOf(unitId, unit, (entryDay) => entryDay > on, say(`${unit.en} held the part only until the hand-over`, `${unit.zh}移交后不再承担该任务`));
    const retyped = passPartOnItsDay({ type: 'HandOverPart', actor: command.actor, today: command.today, unitId, successorUnitId, reason: handOverReason, handedOverOn: on, partOnly: true, ...namesOf(command) }, without);
    return [retracted, ...retyped];
  }
  const { reason: removalReason } = chosen.data as { reason: string };
  // Taken off on its corrected day, the part stood as it does now: none of its records falls after that day.
  refuseRecordOf(unitId, unit, (entryDay) => entryDay > on, say(`${unit.en} had no part on the item after its removal`, `${unit.zh}移除后不再承担本事项`));
  const part = partOf(without, unitId);
  if (part) requireNotBefore(day, { day: part.heldSince ?? part.assignedOn, what: say(`the assignment of ${unit.en}`, `${unit.zh}的交办日期`) });
  return [retracted, { type: 'UnitUnassigned', data: { unitId, reason: removalReason, unassignedOn: on } }];
}

/**
 * Role changes written together (h57c, breaker55-8 M1 M2): a 替换原牵头单位 — the old lead's step-down to responsible, the new lead's
 * part made lead, or the new lead's 交办 as lead written right after the step-downs — or a plan's change of roles. Retracted and
 * re-dated as one step, never one without the others (a step-down retracted alone left two leads; the new lead's 交办 re-dated
 * alone left the old lead stepping down on the old day, the parent with no lead or two in between).
 */
interface RoleChangesWrittenTogether {
  /** The role changes that stand (as corrected), in the order entered: empty when none does (retracted, or fallen with a 交办). */
  readonly changes: readonly CorrectedEntry[];
  /** The new lead's 交办 written with them, while it stands: a unit with no part here brought in to lead. */
  readonly newLead?: CorrectedEntry;
}

/** The steps of a part that rest on the roles a role change gave: a later role change, a removal, a hand-over (or its undoing). */
const ROLE_BOUND: readonly string[] = ['PartRoleChanged', 'UnitUnassigned', 'PartHandedOver', 'PartHandOverUndone'];

/**
 * The role changes written with the record `chosen` (as corrected: a `PartRoleChanged`, or the new lead's `UnitAssigned`), and the
 * new lead's 交办 written with them. Written together: a run of PartRoleChanged recorded one after another with the same day and
 * reason as typed (`changedOn`, `reason`: one decision writes them so — the step-downs first, then a part made lead); with no
 * change to lead among them, the UnitAssigned as LEAD of their day recorded right after is the new lead's — or, once the
 * replacement was re-dated (`redateRoleChanges`), the 交办 the FactDateCorrected written just before its retractions moved to that
 * day. Empty `changes` for a 交办 that came with none. O(events).
 */
function roleChangesWrittenWith(state: AssignmentsState, chosen: CorrectedEntry): RoleChangesWrittenTogether {
  const { recorded } = state;
  const asCorrected = asCorrectedEntries(state);
  const standing = new Map(asCorrected.map((entry) => [entry.index, entry]));
  const groups: { run: number[]; newLead?: number }[] = [];
  for (let first = 0; first < recorded.length; first += 1) {
    const head = recorded[first]!;
    if (head.type !== 'PartRoleChanged') continue;
    let last = first;
    for (let next = recorded[last + 1]; next?.type === 'PartRoleChanged' && next.data.changedOn === head.data.changedOn && next.data.reason === head.data.reason; next = recorded[last + 1]) last += 1;
    const run = Array.from({ length: last - first + 1 }, (_, offset) => first + offset);
    const { changedOn } = head.data;
    let newLead: number | undefined;
    if (!run.some((index) => (recorded[index] as PartRoleChanged).data.role === 'LEAD')) {
      const after = recorded[last + 1];
      if (after?.type === 'UnitAssigned' && after.data.role === 'LEAD' && after.data.assignedOn === changedOn) newLead = last + 1;
      else {
        let before = first - 1;
        while (recorded[before]?.type === 'RecordRetracted') before -= 1;
        const moved = recorded[before];
        if (moved?.type === 'FactDateCorrected' && moved.data.factType === 'UnitAssigned' && moved.data.on === changedOn) {
          newLead = asCorrected.findLast((entry) => entry.index < before && entry.type === 'UnitAssigned' && (entry.data as { unitId: string }).unitId === moved.data.unitId && entry.occurredOn === changedOn)?.index;
        }
      }
    }
    groups.push(newLead === undefined ? { run } : { run, newLead });
    first = last;
  }
  const group = groups.findLast((each) => each.run.includes(chosen.index) || (each.newLead === chosen.index && each.run.some((index) => standing.has(index))));
  if (!group) return { changes: [] };
  const changes = group.run.flatMap((index) => (standing.has(index) ? [standing.get(index)!] : []));
  const newLead = group.newLead === undefined ? undefined : standing.get(group.newLead);
  return newLead ? { changes, newLead } : { changes };
}

/**
 * Whether retracting the record `command` names goes with role changes (a 替换原牵头单位's new lead's 交办, or a role change):
 * then the parent keeps a lead — the old one again — and a parent's own refusal to leave it without one does not apply.
 */
export function retractsWithRoleChanges(command: RetractRecord, state: AssignmentsState): boolean {
  if (command.factType !== 'UnitAssigned' && command.factType !== 'PartRoleChanged') return false;
  try {
    const { chosen } = recordNamed(command, state, named('reason', 'A reason for the retraction', '撤销理由'));
    return roleChangesWrittenWith(state, chosen).changes.length > 0;
  } catch {
    return false;
  }
}

/** The last step (as corrected) of one of `unitIds` that rests on the roles, among `entries` (`ROLE_BOUND`). */
const roleBoundStepOf = (entries: readonly CorrectedEntry[], unitIds: readonly string[]): CorrectedEntry | undefined =>
  entries.findLast((entry) => ROLE_BOUND.includes(entry.type) && [(entry.data as { unitId?: string }).unitId, (entry.data as { successorUnitId?: string }).successorUnitId].some((unitId) => unitId !== undefined && unitIds.includes(unitId)));

/**
 * 撤销此记录 of a role change, or of the new lead's 交办 of a 替换原牵头单位 (h57c, breaker55-8 M1): every role change written with it
 * is retracted (one `RecordRetracted` each, v4) and the new lead's 交办 written with them too (as `RetractRecord` of it: its
 * requests and urgings with it, refused while it has reported) — the old lead leads again, as if the replacement had never been
 * typed. Refused CONFLICT, nothing written, while a later step of those units rests on the roles (another role change, a removal,
 * a hand-over) — naming it, to be retracted first — or when the parent would be left with no lead.
 */
function retractRoleChanges(command: RetractRecord, state: AssignmentsState, together: RoleChangesWrittenTogether): AssignmentEvent[] {
  const { reason } = command;
  // Its units: those whose role it changed, and the new lead brought in with it (whose later role changes would fall with its 交办).
  const unitIds = [...together.changes, ...(together.newLead ? [together.newLead] : [])].map((entry) => (entry.data as { unitId: string }).unitId);
  const last = Math.max(...together.changes.map((entry) => entry.index), together.newLead?.index ?? -1);
  const later = roleBoundStepOf(asCorrectedEntries(state).filter((entry) => entry.index > last), unitIds);
  const first = together.changes[0]!;
  const retracted = say(`Retracting the role change of ${first.occurredOn}`, `撤销 ${first.occurredOn} 的承担方式调整`);
  if (later) {
    const what = planRecordKind(later);
    const laterUnit = unitNamed(command, (later.data as { unitId: string }).unitId, later.occurredOn);
    const { advice, retractFirst } = retractFirstAdvice(command, state, later, what, say('role change', '承担方式调整'), say('otherwise the role change stands.', '如确有其事，本次承担方式调整不能撤销。'));
    throw conflict(
      `${retracted.en} would leave the later ${what.en} of ${laterUnit.en} of ${later.occurredOn} on roles it no longer had. ${advice.en}`,
      `${retracted.zh}会使其后${laterUnit.zh} ${later.occurredOn} 的${what.zh}不再成立：撤销后各单位恢复原承担方式。${advice.zh}`,
      retractFirst ? { retractFirst } : undefined,
    );
  }
  const retractions = together.changes.map((entry): AssignmentEvent => {
    const step = retractionNaming(command, state, entry)!;
    return { type: 'RecordRetracted', data: { unitId: step.unitId, factType: 'PartRoleChanged', on: step.on, ...(step.ofTheDay === undefined ? {} : { ofTheDay: step.ofTheDay }), reason, retractedOn: command.today } };
  });
  const without = retractions.reduce(evolveAssignments, state);
  const newLead = together.newLead;
  const leadGone = newLead ? retractRecord({ ...command, unitId: (newLead.data as { unitId: string }).unitId, factType: 'UnitAssigned', on: newLead.occurredOn, ofTheDay: undefined }, without) : [];
  const events = [...retractions, ...leadGone];
  const after = events.reduce(evolveAssignments, state);
  if (partsOf(after).length > 0 && !partsOf(after).some((part) => part.role === 'LEAD')) {
    throw conflict(`${retracted.en} would leave the ${parentNoun(command).en} without a lead unit.`, `${retracted.zh}会使本${parentNoun(command).zh}没有牵头单位。`);
  }
  return events;
}

/**
 * 更正记录日期 of a role change, or of the new lead's 交办 of a 替换原牵头单位 (h57c, breaker55-8 M2): every role change written with it
 * is retracted (with the correction's reason) and typed again on `on` — the step-downs first, then a part made lead — and the new
 * lead's 交办 written with them moves to `on` (`FactDateCorrected`, judged as any 交办's day: not after its unit's records);
 * so the lead passes on one day in every fold. Refused BAD_USER_INPUT (field `on`), nothing written: a day in the future or the
 * same one, one before the 交办 of a part whose role changes, one across another step of those units that rests on the roles
 * (a role change, a removal, a hand-over) — named, to be corrected first.
 */
function redateRoleChanges(command: CorrectStepDate, state: AssignmentsState, together: RoleChangesWrittenTogether): AssignmentEvent[] {
  const { previousOn, on, reason } = command;
  const day = { day: on, what: RETYPED_DAY.PartRoleChanged };
  requireText(reason, named('reason', 'A reason for the correction', '更正理由'));
  requireBusinessDay(on, command.today, day.what);
  if (on === previousOn) throw badInput(`The role change is already dated ${on}.`, `该承担方式调整的日期已是 ${on}。`, { field: 'on' });
  const newLeadUnitId = together.newLead && (together.newLead.data as { unitId: string }).unitId;
  const unitIds = [...together.changes.map((entry) => (entry.data as PartRoleChanged['data']).unitId), ...(newLeadUnitId ? [newLeadUnitId] : [])];
  const [from, to] = previousOn < on ? [previousOn, on] : [on, previousOn];
  const ownIndexes = new Set([...together.changes.map((entry) => entry.index), ...(together.newLead ? [together.newLead.index] : [])]);
  const crossed = roleBoundStepOf(asCorrectedEntries(state).filter((entry) => !ownIndexes.has(entry.index) && entry.occurredOn >= from && entry.occurredOn <= to), unitIds);
  if (crossed) {
    const kind = planRecordKind(crossed);
    const crossedUnit = unitNamed(command, (crossed.data as { unitId: string }).unitId, crossed.occurredOn);
    throw badInput(
      `${capitalise(day.what.en)} (${on}) would put the ${kind.en} of ${crossedUnit.en} of ${crossed.occurredOn} on the other side of it. If that ${kind.en}'s date is wrong too, correct it first.`,
      `${day.what.zh}（${on}）会使${crossedUnit.zh} ${crossed.occurredOn} 的${kind.zh}与本次承担方式调整的先后颠倒。如该${kind.zh}的日期也有误，请先更正该${kind.zh}。`,
      { field: 'on' },
    );
  }
  // A role changes on a part already given; the new lead's own 交办 moves with it.
  for (const entry of together.changes) {
    const part = partOf(state, (entry.data as PartRoleChanged['data']).unitId);
    if (part) requireNotBefore(day, assignmentOf(part, command));
  }
  const moved = together.newLead
    ? correctFactDate({ type: 'CorrectFactDate', actor: command.actor, today: command.today, unitId: newLeadUnitId!, factType: 'UnitAssigned', previousOn: together.newLead.occurredOn, on, reason, ...namesOf(command) }, state, true)
    : [];
  const retractions = together.changes.map((entry): AssignmentEvent => {
    const step = retractionNaming({ ...command, type: 'RetractRecord', factType: 'PartRoleChanged', on: entry.occurredOn }, state, entry)!;
    return { type: 'RecordRetracted', data: { unitId: step.unitId, factType: 'PartRoleChanged', on: step.on, ...(step.ofTheDay === undefined ? {} : { ofTheDay: step.ofTheDay }), reason, retractedOn: command.today } };
  });
  // Step-downs before a part made lead, as the replacement writes them.
  const retyped = [...together.changes]
    .sort((a, b) => Number((a.data as PartRoleChanged['data']).role === 'LEAD') - Number((b.data as PartRoleChanged['data']).role === 'LEAD'))
    .map((entry): AssignmentEvent => ({ type: 'PartRoleChanged', data: { ...(entry.data as PartRoleChanged['data']), changedOn: on } }));
  return [...moved, ...retractions, ...retyped];
}

/** The directory's names and the parent's noun a command carries, for a command decided on its behalf. */
const namesOf = (command: NamesUnits): NamesUnits => ({
  ...(command.unitNames === undefined ? {} : { unitNames: command.unitNames }),
  ...(command.parentNoun === undefined ? {} : { parentNoun: command.parentNoun }),
});

/**
 * The record a `RetractRecord` names (also a `CorrectStepDate`'s step, found the same way): of the unit, else of the latest unit
 * that held its part before it (机构改革, as its card shows), reading `on` now, the `ofTheDay`-th of that day in the order entered,
 * else the last — with the unit that made it (`unitId`, named `unit`), the record as corrected (`chosen`) and how a
 * `RecordRetracted` names it (`record`). NOT_FOUND when no such record reads so now (a unit with no part here is told that);
 * BAD_USER_INPUT for `ofTheDay` past the day's records, or no reason (`reasonNamed`).
 */
function recordNamed(command: RetractRecord, state: AssignmentsState, reasonNamed: Named) {
  const { factType, on, ofTheDay } = command;
  const what = RETRACTED[factType];
  const predecessors = partOf(state, command.unitId)?.heldBefore ?? [];
  const unitId = [command.unitId, ...[...predecessors].reverse()].find((candidate) => retractableRecords(command, state, candidate).length > 0) ?? command.unitId;
  const matching = retractableRecords(command, state, unitId);
  const unit = unitNamed(command, unitId, on);
  // A unit that never had a part here (the wrong card, a script's unit id) is told so, not sent to reload for a record that never was.
  if (matching.length === 0 && !partOf(state, command.unitId)) {
    throw new DomainError(
      'NOT_FOUND',
      say(`${capitalise(unit.en)} has no part here: it has no records to retract.`, `${unit.zh}在此没有任务，也就没有可撤销的记录：请在该单位任务所在的问题或事项上操作。`),
      { field: 'unitId' },
    );
  }
  if (matching.length === 0) {
    throw new DomainError(
      'NOT_FOUND',
      say(
        `${capitalise(unit.en)} has no ${what.en} dated ${on} here (it may have been corrected or retracted meanwhile: reload the page).`,
        `${unit.zh}在此没有 ${on} 的${what.zh}记录（可能其间已被更正或撤销，请刷新页面核对）。`,
      ),
      { field: 'on' },
    );
  }
  if (ofTheDay !== undefined && (!Number.isInteger(ofTheDay) || ofTheDay < 1 || ofTheDay > matching.length)) {
    throw badInput(
      `${capitalise(unit.en)} has ${matching.length} ${what.en} record(s) dated ${on}; ofTheDay ${ofTheDay} names none (1 is the first entered).`,
      `${unit.zh}在 ${on} 共有 ${matching.length} 条${what.zh}记录，没有第 ${ofTheDay} 条（按录入顺序，1 为最先录入的一条）。`,
      { field: 'ofTheDay' },
    );
  }
  requireText(command.reason, reasonNamed);
  // Of an extension decision, the one named (granted or refused) is recorded by its own type and its place among that day's of it.
  const chosen = matching[ofTheDay === undefined ? matching.length - 1 : ofTheDay - 1]!;
  refuseWrittenWithItsCause(command, state, chosen, say('retracted', '撤销'));
  const ofItsType = matching.filter((entry) => entry.type === chosen.type);
  const place = ofItsType.indexOf(chosen) + 1;
  const record = { factType: chosen.type as RetractableFact, ...(ofTheDay === undefined && place === ofItsType.length ? {} : { ofTheDay: place }) };
  return { unitId, unit, chosen, record };
}

/**
 * 撤销误录 (newcomer51-8 S1): a record of a part entered by mistake — typed on the wrong finding, item, unit or day, or never
 * made — is retracted with a reason: `RecordRetracted`, after which every fold reads the parts as if it had never been entered
 * (business-order.ts). The record is the one of `factType` of the unit (else of the latest unit that held its part before it,
 * 机构改革, as its card shows) reading `on` now, the `ofTheDay`-th of that day in the order entered, else the last.
 * Refused — nothing written — FORBIDDEN for anyone but a supervisor; NOT_FOUND when no such record reads so now (corrected or
 * retracted meanwhile: the form is stale); BAD_USER_INPUT for `ofTheDay` past the day's records or no reason; CONFLICT when
 * the records after it would not hold without it — an inspection or send-back that checked a report, a report after the
 * return it answered, a reopening of a close-out a pass made — naming the record to retract (or correct) first, in Chinese.
 */
function retractRecord(command: RetractRecord, state: AssignmentsState): AssignmentEvent[] {
  requireRole(command.actor, ['SUPERVISOR'], say('retract a record entered by mistake', '撤销误录的记录'));
  const { factType, on, reason } = command;
  const what = RETRACTED[factType];
  const { unitId, unit, chosen, record } = recordNamed(command, state, named('reason', 'A reason for the retraction', '撤销理由'));
  // A role change goes with every role change written with it, and the new lead's 交办 written with them (h57c); that 交办 named
  // goes with its replacement's role changes.
  const replacement = chosen.type === 'PartRoleChanged' || chosen.type === 'UnitAssigned' ? roleChangesWrittenWith(state, chosen) : undefined;
  if (replacement && replacement.changes.length > 0) return retractRoleChanges(command, state, replacement);
  if (chosen.type === 'PartHandedOver') requireSplitRetractable(command, state, chosen);
  if (chosen.type === 'UnitUnassigned') requireNothingAfterRemoval(command, state, chosen);
  const fallingWith = factType === 'UnitAssigned' ? recordsFallingWithAssignment(command, state, unitId, chosen) : [];
  // A record falling with a 交办, named as `RecordRetracted` names it: an extension decision by its own kind and place among that day's of it.
  const retraction = (step: Pick<RetractRecord, 'unitId' | 'factType' | 'on' | 'ofTheDay'>): AssignmentEvent => {
    const ofTheStep = retractableRecords({ ...command, ...step }, state, step.unitId);
    const record = ofTheStep[(step.ofTheDay ?? ofTheStep.length) - 1]!;
    const ofTheDayOfItsType = ofTheStep.filter((entry) => entry.type === record.type).indexOf(record) + 1;
    return { type: 'RecordRetracted', data: { unitId: step.unitId, factType: record.type as RetractableFact, ofTheDay: ofTheDayOfItsType, on: step.on, reason, retractedOn: command.today } };
  };
  const events: AssignmentEvent[] = [
    ...fallingWith.map((step) => retraction(step)),
    { type: 'RecordRetracted', data: { unitId, ...record, on, reason, retractedOn: command.today } },
  ];
  const broken = newlyBroken(state.recorded, events);
  if (!broken) return events;
  const retracted = say(`Retracting the ${what.en} of ${unit.en} of ${on}`, `撤销${factType === 'PartsReopened' ? '' : unit.zh} ${on} 的${what.zh}`);
  const brokenEntry: CorrectedEntry = { type: broken.event.type, data: broken.event.data, occurredOn: broken.day, index: broken.index };
  const thisOne = say(factType === 'ExtensionRequested' ? 'request' : 'record', factType === 'ExtensionRequested' ? '申请' : '记录');
  if (broken.event.type === 'PartsReopened') {
    const { advice, retractFirst } = retractFirstAdvice(command, state, brokenEntry, say('reopening', '重新打开'), thisOne, say(`otherwise this ${what.en} stands.`, `否则本${thisOne.zh}不能撤销。`));
    throw conflict(
      `${retracted.en} would leave the later reopening of ${broken.day} inconsistent: ${broken.why.en}. ${advice.en}`,
      `${retracted.zh}会使其后 ${broken.day} 的重新打开不再成立：${broken.why.zh}。${advice.zh}`,
      retractFirst ? { retractFirst } : undefined,
    );
  }
  const later = LATER_FACT[broken.event.type] ?? say('record', '记录');
  const laterUnit = unitNamed(command, (broken.event.data as { unitId: string }).unitId, broken.day);
  if (factType === 'ExtensionRequested' && (broken.event.type === 'ExtensionGranted' || broken.event.type === 'ExtensionRefused')) {
    // The decision was on this very request (breaker53-8 M2): no date of it holds without the request, so there is nothing to correct.
    const { advice, retractFirst } = retractFirstAdvice(command, state, brokenEntry, say('decision', '审批'), thisOne, say(`otherwise this request stands.`, '否则本申请不能撤销。'));
    throw conflict(
      `${retracted.en} would leave the ${later.en} of ${laterUnit.en} of ${broken.day} deciding no request: it is the decision on this request. ${advice.en}`,
      `${retracted.zh}会使${laterUnit.zh} ${broken.day} 的${later.zh}失去所审批的申请：该延期审批是对本申请的审批。${advice.zh}`,
      retractFirst ? { retractFirst } : undefined,
    );
  }
  const { advice, retractFirst } = retractFirstAdvice(
    command,
    state,
    brokenEntry,
    later,
    thisOne,
    say(`if it happened, correct it first (or this ${what.en} stands).`, '如确有其事，请先更正它（否则本记录不能撤销）。'),
  );
  throw conflict(
    `${retracted.en} would leave the later ${later.en} of ${laterUnit.en} of ${broken.day} inconsistent: ${broken.why.en}. ${advice.en}`,
    `${retracted.zh}会使其后${laterUnit.zh} ${broken.day} 的${later.zh}不再成立：${broken.why.zh}。${advice.zh}`,
    retractFirst ? { retractFirst } : undefined,
  );
}
