import { BY_DATE, dueTermsKey, isDueOnAssignment, type DueTerms, type PartDue } from '../../shared/deadline.js';
import { addDays, isAfter } from '../../shared/calendar-date.js';
import {
  allPartsVerified,
  assignmentsBefore,
  assignmentsThroughWithdrawalDay,
  assignmentsOn,
  assignmentsOutside,
  withinOutOfPlanDays,
  recordsNoLongerHolding,
  setAsideRecordOf,
  type OutOfPlanDays,
  boundedDueDate,
  closedOn,
  factDayOf,
  NEW_DUE_DATE,
  decideAssignment,
  evolveAssignments,
  handOversAfterMerges,
  handOversDue,
  partBackForRemoval,
  ownPartComesFirst,
  ownPartComesBeforeJoins,
  initialAssignmentsState,
  inBusinessOrderOf,
  partOf,
  partsOf,
  retractsWithRoleChanges,
  recorded,
  unitNamed,
  type AssignmentPart,
  type AssignmentsState,
  decideBeforeParentWithdrawal,
  recordsSetAsideByCorrection,
  correctedRecordDay,
} from '../../assignments/domain/assignment.decider.js';
import { isAssignmentEvent, type AssignmentEvent, type AssignmentRole, type SetAsideRecord } from '../../assignments/domain/assignment.events.js';
import { closingDay, parentOfParts, type PartCommand, type ReopenRequest } from '../../assignments/domain/parent-of-parts.js';
import {
  assignmentOf,
  beganOnParent,
  directoryBefore,
  handOversAfterWithdrawal,
  latestFactOf,
  partsVerifiedBy,
  paperOfWithdrawalDay,
  refuseWithdrawingVerifiedWork,
  undoneByVerification,
  withdrawalsStandingAgain,
  withdrawalUndoneReason,
  type WithdrawalUndoneByWork,
} from '../../assignments/domain/part-facts.js';
import type { CorrectFactDate, NamesUnits, SetsDueDate } from '../../assignments/domain/assignment.commands.js';
import { leadHandOver } from '../../assignments/domain/lead-replacement.js';
import type { Actor } from '../../shared/command-context.js';
import { Decider, unreachable } from '../../shared/decider.js';
import { DomainError, valueChangedMeanwhile, badInput, conflict, notFound, say, type Bilingual } from '../../shared/domain-error.js';
import { capitalise, requireBusinessDay, requireCalendarDate, requireNotBefore, requireRole, requireText, type DatedFact } from '../../shared/guards.js';
import { planApproval } from './work-plan.decider.js';
import {
  workPlanItemIdFor,
  type WorkPlanItemDefined,
  type WorkPlanItemEvent,
  type WorkPlanItemStreamEvent,
} from './work-plan.events.js';

// ---------------------------------------------------------------------------------------------
// commands

/**
 * Defines one item of an imported plan and assigns it, in the same decision, to its lead unit
 * (牵头单位) and responsible units (责任单位), all due on the item's due date. Defining the same item
 * the same way again changes nothing, so an interrupted import can simply be run again.
 */
export interface DefineWorkPlanItem extends SetsDueDate, NamesUnits {
  readonly type: 'DefineWorkPlanItem';
  readonly actor: Actor;
  /** The office's current day (China time). */
  readonly today: string;
  /**
   * The office day on which the item's units were assigned (on or before `today`); a repeated
   * identical definition assigns nothing, whatever day it names.
   */
  readonly assignedOn: string;
  readonly data: WorkPlanItemDefined['data'];
  /** The lead unit (牵头单位), or several leading jointly (联合牵头: "A、B" in the 牵头单位 cell); at least one. */
  readonly leadUnitIds: readonly string[];
  readonly responsibleUnitIds: readonly string[];
  /**
   * Responsible units due otherwise than the item, by unit id (an item over several rows of its
   * file, each row's units with the row's own deadline); the others are due on `data.dueDate`.
   */
  readonly partDueDates?: Readonly<Record<string, PartDue>>;
  /** Facts the handler looked up: the plan's stream exists; which of the units the directory does not know. */
  readonly planExists: boolean;
  /** The office day the plan was approved (looked up, or given by the same import): no unit is assigned before it. */
  readonly planApprovedOn: string;
  readonly unknownUnitIds: readonly string[];
}

/** Reopens a completed (销号) item: every part must be reported and inspected again. */
export interface ReopenWorkPlanItem extends ReopenRequest {
  readonly type: 'ReopenWorkPlanItem';
}

/** A plan revision takes the item out of the plan (it stays, with its history, as a record). */
export interface WithdrawWorkPlanItem extends NamesUnits {
  readonly type: 'WithdrawWorkPlanItem';
  readonly actor: Actor;
  /** The office's current day (China time). */
  readonly today: string;
  /**
   * The office day the plan took the item out (`YYYY-MM-DD`, on or before `today`): not before its
   * plan's approval nor before any of its parts was assigned or taken over. It may precede its units'
   * own records already entered (a report made before the unit heard of the withdrawal, breaker11h
   * P8): they stay on the record, shown as made after the withdrawal, counted in no figure.
   */
  readonly withdrawnOn: string;
  readonly reason: string;
  /** The day its plan was approved, looked up by the handler; absent: unchecked. */
  readonly planApprovedOn?: string;
  /**
   * The first version of the plan's file dated after `withdrawnOn` that lists the item (`on`, an office day, and the
   * reason its revision gave, 依据 <file> 修订方案), looked up by the handler; absent when none. Typed in date order that
   * version would have listed the withdrawn item again (恢复列入方案): the withdrawal ends on its day (breaker11o P3).
   */
  readonly listedAgain?: { readonly on: string; readonly reason: string };
  /** The versions of the plan's file that do not list the item (`PlanVersionLeavingOut`), looked up by the handler; absent: none known. */
  readonly versionsLeavingOut?: readonly PlanVersionLeavingOut[];
}

/**
 * A version of the plan's file whose outline does not list the item: on its office day `on` (`YYYY-MM-DD`) it took the
 * item out of the plan (WorkPlanItemWithdrawn with its `reason`, 依据 <file> 修订方案) if the item was in it then, and
 * changed nothing if the item was out already (breaker11q P8) — or kept it, with a part verified or a report awaiting
 * inspection before that day (保留已核验 / 保留待督查: `versionRemoving`, breaker11r P4). Looked up by the handler from the plan's stream.
 */
export interface PlanVersionLeavingOut {
  readonly on: string;
  readonly reason: string;
}

/**
 * Corrects an item's withdrawal entered by mistake (breaker8f P1), as a finding's is (see the finding
 * decider's CorrectWithdrawal): without `withdrawnOn` the withdrawal is taken back
 * (WorkPlanItemWithdrawalUndone, dated the withdrawal's day); with it the withdrawal moves to that
 * day (the undoing, then WorkPlanItemWithdrawn on the corrected day with the first reason, judged by
 * WithdrawWorkPlanItem's rules). CONFLICT when the item is not withdrawn, when a version of the plan withdrew it
 * (`versionsLeavingOut`: not the office's to take back or re-date), or when the corrected day is on or after a version
 * that left it out; taken back, an item such a version left out after the hand withdrawal's day is out from that
 * version's day, with its reason, as typed in date order (breaker11q P8). A version that kept the item (a part verified
 * or a report awaiting inspection before its day: 保留已核验 / 保留待督查) withdrew nothing and counts for neither (breaker11r P4).
 */
export interface CorrectWorkPlanItemWithdrawal extends NamesUnits {
  readonly type: 'CorrectWorkPlanItemWithdrawal';
  readonly actor: Actor;
  /** The office's current day (China time). */
  readonly today: string;
  /** Why the withdrawal is corrected (更正理由). */
  readonly reason: string;
  /** The office day the item was in fact withdrawn (YYYY-MM-DD); absent: it was not to be withdrawn at all. */
  readonly withdrawnOn?: string;
  /**
   * The withdrawal day as the form showed it (`YYYY-MM-DD`; sent by the web app, absent: not checked). Another day now — corrected
   * meanwhile by a colleague — is CONFLICT naming who set which day when (valueChangedMeanwhile), nothing changed (issue 9).
   */
  readonly expectedWithdrawnOn?: string;
  /** The day its plan was approved, looked up by the handler; absent: unchecked. */
  readonly planApprovedOn?: string;
  /**
   * The versions of the plan's file that do not list the item, looked up by the handler (absent: none known): the
   * withdrawal a version made is not the office's to take back or re-date (CONFLICT naming it), and one dated after the
   * hand withdrawal corrected takes the item out on its own day again (breaker11q P8).
   */
  readonly versionsLeavingOut?: readonly PlanVersionLeavingOut[];
}

/** A unit a revision gives a part of the item, due on the item's (new) due date unless `due` gives its own (its row's 完成时限). */
export interface UnitToAdd {
  readonly unitId: string;
  readonly role: AssignmentRole;
  readonly due?: PartDue;
}

/**
 * A plan revision of one item, in one decision (its parts keep all their progress): new wording
 * or category, a new due date, units added and removed. What is absent or unchanged is left as
 * it is, so the same revision again decides nothing. The single mutations (reschedule, add or
 * remove a unit) are revisions of one kind each.
 */
export interface ReviseWorkPlanItem extends SetsDueDate, NamesUnits {
  readonly type: 'ReviseWorkPlanItem';
  readonly actor: Actor;
  /** The office's current day (China time). */
  readonly today: string;
  /**
   * The office day the plan changed (`YYYY-MM-DD`, on or before `today`; 根据工作进展动态调整 is often
   * entered late): the day its events carry — the new due date in force from it, units added
   * assigned on it, units removed from it, an item whose last unverified part is removed completed
   * on it (or on that part's verification, if later). Not before the plan's approval, the item's
   * assignment (re-dating) or anything recorded on a part it removes or re-roles.
   */
  readonly revisedOn: string;
  /**
   * How the request that sent this revision names `revisedOn`, for refusals that ask for another day (newcomer51-9 M1: a hand
   * re-dating was told to send `assignedOn`, a field only a plan version has); absent: a plan version's — assignedOn,
   * --assigned-on, the 导入 page's 事项交办日期.
   */
  readonly revisedOnNamed?: Bilingual;
  readonly reason: string;
  readonly categoryCode?: string;
  readonly title?: string;
  readonly description?: string;
  readonly measures?: string;
  readonly dueDate?: string;
  /**
   * The item's due date as the form that sent `dueDate` showed it (`YYYY-MM-DD`); absent: not checked (scripts, plan versions,
   * which have their own version check). Another date now — a colleague re-dated it meanwhile — is CONFLICT naming who set
   * which date when (valueChangedMeanwhile), nothing changed (newcomer50-9 S4).
   */
  readonly expectedDueDate?: string;
  /** How the due date is read (常态化, 立行立改 …); absent: as it is. A change of terms alone re-dates the item too. */
  readonly terms?: DueTerms;
  readonly addUnits?: readonly UnitToAdd[];
  readonly removeUnitIds?: readonly string[];
  /** Units whose part stays, with all its progress, in another role (lead ↔ responsible). */
  readonly changeRoles?: readonly UnitToAdd[];
  /**
   * Open parts given a due date of their own (a unit's own 完成时限 in a new version of the plan:
   * breaker10f P3), by unit id, applied after the item's own re-dating: each such part is moved
   * from the day it then has to this one (PartsRescheduled naming the unit). Absent: none.
   */
  readonly partDueDates?: Readonly<Record<string, PartDue>>;
  /**
   * Every lead unit the item has after the revision, when the revision gives them all (a new
   * version of the plan): these lead jointly (联合牵头). Absent: a unit made lead needs the lead
   * to step down in the same revision, as there is then one lead.
   */
  readonly leadUnitIds?: readonly string[];
  /** Ids of `addUnits` the units directory does not know; looked up by the handler. */
  readonly unknownUnitIds?: readonly string[];
  /** The day its plan was approved, looked up by the handler: a new due date is not before it. Absent: unchecked. */
  readonly planApprovedOn?: string;
  /**
   * The new version lists the item, withdrawn by an earlier one, again under its code (10e P1): it
   * comes back into the plan on `revisedOn` (WorkPlanItemReinstated), then takes the revision's
   * changes. Refused (BAD_USER_INPUT, field revisedOn) on or before the withdrawal day: a withdrawal
   * that never stood is taken back with CorrectWorkPlanItemWithdrawal. On an item in the plan it
   * changes nothing (a retry).
   */
  readonly reinstate?: true;
  /**
   * 更换牵头单位 in one step (breaker10n P18): the one unit of `addUnits`, given as LEAD, takes the lead and every current lead
   * steps down to responsible, its part and progress kept (PartRoleChanged) — a unit holding a part already takes the lead in it.
   * Without it a second lead is refused (「…已是牵头单位」) and removing the lead first is refused (「须有牵头单位」).
   */
  readonly replacesLead?: true;
  /**
   * With `replacesLead`: the lead unit the form showed (its id; sent by the web app, absent: not checked). Another lead now — the lead
   * replaced meanwhile by a colleague — is CONFLICT naming who made which unit lead when (valueChangedMeanwhile), nothing changed.
   */
  readonly expectedLeadUnitId?: string;
}

/** The assignment lifecycle's commands an item passes through unchanged, exactly as a finding does. */
export type WorkPlanItemPartCommand = PartCommand;

export type WorkPlanItemCommand =
  | DefineWorkPlanItem
  | ReopenWorkPlanItem
  | WithdrawWorkPlanItem
  | CorrectWorkPlanItemWithdrawal
  | ReviseWorkPlanItem
  | WorkPlanItemPartCommand;

// ---------------------------------------------------------------------------------------------
// state

/**
 * A withdrawal that stood until a later version of the plan listed the item again (恢复列入方案, 10e P1):
 * the item was out of the plan from `withdrawnOn` until the day before `reinstatedOn` (office days,
 * `YYYY-MM-DD`). Its units' records of those days count nowhere; none is entered for them (breaker11n P1).
 */
export interface WithdrawnSpan {
  readonly withdrawnOn: string;
  readonly reinstatedOn: string;
  /** The withdrawal's reason, as refusals quote it. */
  readonly reason: string;
  /** The reason of the version that listed it again (absent in states folded before breaker11o P7). */
  readonly reinstatedReason?: string;
}

/** What every defined item has, whatever its status. */
interface DefinedItemFacts {
  readonly itemId: string;
  readonly definition: WorkPlanItemDefined['data'];
  /**
   * One part per assigned unit, kept by the shared assignment lifecycle: every fact recorded, also the
   * records dated inside `spans` (judged and counted without them: `counted`).
   */
  readonly assignments: AssignmentsState;
  /** Its withdrawals that a later version ended, by withdrawal day; absent or empty when none. */
  readonly spans?: readonly WithdrawnSpan[];
  /**
   * Its withdrawals a verification dated before them made not stand (撤销不成立), each judged again whenever its parts
   * change (`withdrawalsBack`: breaker11o P7); absent or empty when none.
   */
  readonly undoneByWork?: readonly WithdrawalUndoneByWork[];
  /**
   * Its units' records that count nowhere for good (breaker11o P2): made inside a withdrawal a later version ended, they no
   * longer held once a verification dated before it undid it (WorkPlanItemWithdrawalUndone.recordsSetAside). Absent or empty when none.
   */
  readonly recordsSetAside?: readonly SetAsideRecord[];
}

export type OpenWorkPlanItem = DefinedItemFacts & { readonly status: 'open' };
/** 销号: every part verified. Reopening makes it `open` again. */
export type CompletedWorkPlanItem = DefinedItemFacts & { readonly status: 'completed'; readonly completedOn: string };
export type DefinedWorkPlanItemState = OpenWorkPlanItem | CompletedWorkPlanItem;
/** Out of the plan after a revision: kept as a record, it takes no more work. */
export type WithdrawnWorkPlanItem = DefinedItemFacts & { readonly status: 'withdrawn'; readonly reason: string; readonly withdrawnOn: string };

export type WorkPlanItemState = { readonly status: 'empty' } | DefinedWorkPlanItemState | WithdrawnWorkPlanItem;

export const workPlanItemDecider: Decider<WorkPlanItemCommand, WorkPlanItemState, WorkPlanItemStreamEvent> = {
  initialState: () => ({ status: 'empty' }),
  evolve: evolveItem,
  decide: decideItem,
};

// ---------------------------------------------------------------------------------------------
// evolve

function evolveItem(state: WorkPlanItemState, event: WorkPlanItemStreamEvent): WorkPlanItemState {
  if (isAssignmentEvent(event)) {
    // Events are facts `decide` already checked; nothing is assigned before the item exists.
    if (state.status === 'empty') return state;
    const next = { ...state, assignments: evolveAssignments(state.assignments, event) };
    // The paper report of a unit a removal completed the item without, dated before that removal and entered after it: the
    // removal left the part on, its report awaiting inspection (h57a, breaker55-8 S2) — the item is open, not 完成, until inspected.
    if (event.type === 'RectificationReported' && next.status === 'completed' && closedOn(next.assignments) === null) return { ...definedPartOf(next), status: 'open' };
    // 撤销误录 (newcomer51-8 S1): as a finding's — completed or open as its parts stand without the record: completed on its last
    // verification, or on the day a unit whose part was open was taken off when later (`closingDay`, h57c: a plain retraction
    // re-read it as the last pass, while a removal of 10-25 after it had completed the item).
    if (event.type !== 'RecordRetracted' || next.status === 'withdrawn') return next;
    const completedDay = closingDay(next.assignments);
    return completedDay === null ? { ...definedPartOf(next), status: 'open' } : { ...definedPartOf(next), status: 'completed', completedOn: completedDay };
  }
  switch (event.type) {
    case 'WorkPlanItemDefined':
      return {
        status: 'open',
        itemId: event.data.itemId,
        definition: event.data,
        assignments: initialAssignmentsState(),
      };
    case 'WorkPlanItemCompleted':
      // A fact dated before the withdrawal, entered after it, may complete the item as of then: it stays withdrawn.
      if (state.status === 'empty' || state.status === 'withdrawn') return state;
      return { ...definedPartOf(state), status: 'completed', completedOn: event.data.completedOn };
    case 'WorkPlanItemReopened':
      if (state.status === 'empty') return state;
      return { ...definedPartOf(state), status: 'open' };
    case 'WorkPlanItemWithdrawn': {
      if (state.status === 'empty') return state;
      // A withdrawal a verification had undone that stands again (breaker11o P7) is no longer undone.
      const facts = withUndoneByWork(definedPartOf(state), (state.undoneByWork ?? []).filter((undone) => undone.withdrawnOn !== event.data.withdrawnOn));
      // Folded by day, a withdrawal moved earlier (breaker8f P1) comes first: the later one it replaced changes nothing.
      if (state.status === 'withdrawn') return { ...facts, status: 'withdrawn', reason: state.reason, withdrawnOn: state.withdrawnOn };
      return { ...facts, status: 'withdrawn', reason: event.data.reason, withdrawnOn: event.data.withdrawnOn };
    }
    case 'WorkPlanItemWithdrawalUndone': {
      if (state.status === 'empty') return state;
      const byWork = undoneByVerification(event.data);
      const setAside = event.data.recordsSetAside ?? [];
      if (setAside.length > 0) {
        // Its records that no longer hold count nowhere for good, whatever the span becomes (breaker11o P2).
        return evolveItem({ ...state, recordsSetAside: [...(state.recordsSetAside ?? []), ...setAside] }, { ...event, data: { ...event.data, recordsSetAside: [] } });
      }
      // It undoes the withdrawal of its day only (see WorkPlanItemWithdrawn): the one in force, back in the plan as its parts
      // stand — completed (销号) on its last verification when every part is verified …
      if (state.status === 'withdrawn' && state.withdrawnOn === event.data.withdrawnOn) {
        const undone = byWork ? [{ withdrawnOn: state.withdrawnOn, reason: state.reason }] : [];
        return standing(withUndoneByWork(definedPartOf(state), [...(state.undoneByWork ?? []), ...undone]));
      }
      // … or one a later version ended (a pass dated before it, typed after the reinstatement: breaker11n P1): its days count again.
      const spans = state.spans ?? [];
      const span = spans.find((each) => each.withdrawnOn === event.data.withdrawnOn);
      if (state.status === 'withdrawn' || !span) return state;
      const undone: WithdrawalUndoneByWork[] = byWork ? [{ withdrawnOn: span.withdrawnOn, reason: span.reason, reinstatedOn: span.reinstatedOn, ...(span.reinstatedReason === undefined ? {} : { reinstatedReason: span.reinstatedReason }) }] : [];
      return standing(withUndoneByWork({ ...definedPartOf(state), spans: spans.filter((each) => each !== span) }, [...(state.undoneByWork ?? []), ...undone]));
    }
    case 'WorkPlanItemReinstated': {
      // Back in the plan as its parts stand, whatever day it was withdrawn; the withdrawal stays on its days (breaker11n P1).
      if (state.status !== 'withdrawn') return state;
      const span: WithdrawnSpan = { withdrawnOn: state.withdrawnOn, reinstatedOn: event.data.reinstatedOn, reason: state.reason, reinstatedReason: event.data.reason };
      // By withdrawal day: a withdrawal standing again (breaker11o P7) may be earlier than spans already ended.
      const spans = [...(state.spans ?? []), span].sort((a, b) => (a.withdrawnOn < b.withdrawnOn ? -1 : a.withdrawnOn > b.withdrawnOn ? 1 : 0));
      return standing({ ...definedPartOf(state), spans });
    }
    case 'WorkPlanItemRescheduled': {
      if (state.status === 'empty') return state;
      const { dueDate, terms } = event.data;
      return { ...state, definition: { ...state.definition, dueDate, ...(terms ? { terms } : {}) } };
    }
    case 'WorkPlanItemAmended': {
      if (state.status === 'empty') return state;
      const { categoryCode, title, description, measures } = event.data;
      return { ...state, definition: { ...state.definition, categoryCode, title, description, measures } };
    }
    default:
      return unreachable(event);
  }
}

/** Leaves behind what belongs to one status only, such as `completedOn`. */
const definedPartOf = ({ itemId, definition, assignments, spans, undoneByWork, recordsSetAside }: DefinedItemFacts): DefinedItemFacts => ({
  itemId,
  definition,
  assignments,
  ...(spans && spans.length > 0 ? { spans } : {}),
  ...(undoneByWork && undoneByWork.length > 0 ? { undoneByWork } : {}),
  ...(recordsSetAside && recordsSetAside.length > 0 ? { recordsSetAside } : {}),
});

/** The facts with `undoneByWork` replaced (left out when empty). */
function withUndoneByWork(facts: DefinedItemFacts, undoneByWork: readonly WithdrawalUndoneByWork[]): DefinedItemFacts {
  const { undoneByWork: _before, ...rest } = facts;
  return undoneByWork.length > 0 ? { ...rest, undoneByWork } : rest;
}

/**
 * The item in the plan as its parts stand, counted outside its withdrawn spans: completed (销号) when every part is verified — on
 * its last verification, or a later removal of an open part (`closingDay`) — else open.
 */
function standing(facts: DefinedItemFacts): DefinedWorkPlanItemState {
  const completedOn = closingDay(counted(facts).assignments);
  return completedOn === null ? { ...facts, status: 'open' } : { ...facts, status: 'completed', completedOn };
}

/** The spans as `assignmentsOutside` sets their days aside. */
const outOfPlanDays = (spans: readonly WithdrawnSpan[]): OutOfPlanDays[] => spans.map((span) => ({ from: span.withdrawnOn, until: span.reinstatedOn }));

/** What the item's units' records are counted without: its withdrawn spans a later version ended, and its records set aside for good. */
const setAsideDays = (item: DefinedItemFacts): OutOfPlanDays[] => [...outOfPlanDays(item.spans ?? []), ...(item.recordsSetAside ?? []).map(setAsideRecordOf)];

/**
 * The item as it counts: its parts without its units' records dated inside a withdrawn span a later
 * version ended (`assignmentsOutside`; made before the office heard of the withdrawal, they count
 * nowhere, breaker11n P1) and without those set aside for good (`recordsSetAside`, breaker11o P2) —
 * what every command on it is judged on. The item itself when it has none.
 */
function counted<Item extends DefinedItemFacts>(item: Item): Item {
  const days = setAsideDays(item);
  if (days.length === 0) return item;
  const assignments = assignmentsOutside(item.assignments, days);
  return assignments === item.assignments ? item : { ...item, assignments };
}

/**
 * The parts of an item as every figure counts them (`counted`: its units' records inside withdrawn spans a later version
 * ended, and those set aside for good, left out); undefined for an item not defined.
 */
export function assignmentsAsTheyCount(state: WorkPlanItemState): AssignmentsState | undefined {
  return state.status === 'empty' ? undefined : counted(state).assignments;
}

/** The withdrawn span a later version ended that holds office day `day`, if any. */
const spanHolding = (item: DefinedItemFacts, day: string): WithdrawnSpan | undefined =>
  (item.spans ?? []).find((span) => withinOutOfPlanDays({ from: span.withdrawnOn, until: span.reinstatedOn }, day));

/**
 * CONFLICT for a fact dated `day` inside a withdrawn span a later version ended (breaker11n P1): the
 * item was out of the plan that day — typed in date order it would have been refused as work on a
 * withdrawn item, and typed after the reinstatement it is refused the same way. Nothing otherwise.
 */
function requireInPlanOn(item: DefinedItemFacts, day: string): void {
  const span = spanHolding(item, day);
  if (!span) return;
  const name = itemNamed(item);
  throw conflict(
    `${capitalise(name.en)} was out of the plan from ${span.withdrawnOn} (${span.reason}) until a later version listed it again on ${span.reinstatedOn}: nothing is recorded on it for ${day}.`,
    `${name.zh}于 ${span.withdrawnOn} 撤销（${span.reason}），${span.reinstatedOn} 起才恢复列入方案：${day} 该事项不在方案中，不能登记当日的记录。`,
  );
}

// ---------------------------------------------------------------------------------------------
// decide

/** How refusals name an item (该工作事项, 本工作事项). */
const ITEM_NOUN = say('work-plan item', '工作事项');

/** Assigning, the parts' lifecycle, automatic completion and reopening: the same as for findings. */
const parts = parentOfParts<DefinedWorkPlanItemState, WorkPlanItemEvent>({
  noun: ITEM_NOUN,
  nameOf: ({ definition }) => say(`Work-plan item ${definition.code} 「${definition.title}」`, `工作事项 ${definition.code}「${definition.title}」`),
  assignmentsOf: (item) => item.assignments,
  isClosed: (item) => item.status === 'completed',
  closedEvent: (item, completedOn) => ({ type: 'WorkPlanItemCompleted', data: { itemId: item.itemId, completedOn } }),
  reopenedEvent: (item, { reason, reopenedOn }) => ({ type: 'WorkPlanItemReopened', data: { itemId: item.itemId, reason, reopenedOn } }),
});

function decideItem(command: WorkPlanItemCommand, recordedState: WorkPlanItemState): WorkPlanItemStreamEvent[] {
  const decided = decideOnItem(command, recordedState);
  // A change to its parts may take away the verification that made a withdrawal not stand (breaker11o P7).
  const changesParts = command.type === 'ReopenWorkPlanItem' || isPartCommand(command);
  return changesParts && recordedState.status !== 'empty' ? [...decided, ...withdrawalsBack(recordedState, decided, command)] : decided;
}

/** The commands of the assignment lifecycle the item passes through (`WorkPlanItemPartCommand`). */
const isPartCommand = (command: WorkPlanItemCommand): command is WorkPlanItemPartCommand =>
  command.type !== 'DefineWorkPlanItem' && command.type !== 'ReopenWorkPlanItem' && command.type !== 'WithdrawWorkPlanItem' && command.type !== 'CorrectWorkPlanItemWithdrawal' && command.type !== 'ReviseWorkPlanItem';

function decideOnItem(command: WorkPlanItemCommand, recordedState: WorkPlanItemState): WorkPlanItemStreamEvent[] {
  // Judged on its records outside the withdrawn spans a later version ended (breaker11n P1): those inside count nowhere.
  const state = recordedState.status === 'empty' ? recordedState : counted(recordedState);
  switch (command.type) {
    case 'DefineWorkPlanItem':
      return defineItem(command, state);
    case 'ReopenWorkPlanItem':
      return parts.reopen(command, requireDefined(state));
    case 'WithdrawWorkPlanItem':
      return withdrawItem(command, state);
    case 'CorrectWorkPlanItemWithdrawal':
      return correctItemWithdrawal(command, state);
    case 'ReviseWorkPlanItem':
      // The parts a revision re-dates carry its reason, as its units removed do (newcomer48-10 M1: the timeline's 调整单位时限 had none).
      return reviseItem(command, state).map((event) => (event.type === 'PartsRescheduled' ? { ...event, data: { ...event.data, reason: command.reason } } : event));
    case 'RequestExtension':
    case 'WithdrawExtensionRequest':
    case 'DecideExtension':
    case 'UrgeUnit':
    case 'ReportRectification':
    case 'SendBackReport':
    case 'LogInspection':
      // A fact dated before the item left the plan, entered after, is judged on its day (breaker8d P12).
      return decideBeforeWithdrawal(command, state, factDayOf(command)!.day, recordedState);
    case 'CorrectReportDate':
    case 'CorrectInspection':
      // A correction of a record dated before the withdrawal, to a day before it, is judged on its day as a late fact is —
      // as a finding's (breaker8f P2; items refused every one, s20 Left 1).
      return decideBeforeWithdrawal(command, state, correctedDay(command, state), recordedState);
    case 'CorrectFactDate': {
      if (state.status !== 'empty') requireInPlanOn(state, correctedDay(command, state));
      const item = inPlanOn(state, correctedDay(command, state));
      if (command.factType === 'UnitAssigned') requireRedatableAssignment(command, item);
      return parts.decideOnPart(whileInPlan(command, state), item);
    }
    case 'HandOverPart': {
      const then = inPlanOn(state, command.handedOverOn);
      const decided = parts.decideOnPart(whileInPlan(command, state), then);
      return state.status === 'withdrawn' ? [...decided, ...withdrawalUndone(state, then, decided, command)] : decided;
    }
    case 'RetractRecord': {
      // 撤销误录 (newcomer51-8 S1): on an item in the plan, as a finding's — one lifecycle (parent-of-parts.ts).
      const item = requireDefined(state);
      // The new lead's 交办 of a 替换原牵头单位 goes with its role changes: the old lead leads again (h57c).
      if (command.factType === 'UnitAssigned' && !retractsWithRoleChanges(command, item.assignments)) refuseRetractingTheOnlyLead(command, item);
      return parts.decideOnPart(command, item);
    }
    case 'CorrectStepDate':
      // A split, a removal or a role change (替换原牵头单位, with the 交办 written with it: h57c) typed on the wrong day: retracted and
      // typed again on the right one (breaker55-8 S4, S6).
      return parts.decideOnPart(command, requireDefined(state));
    default:
      return unreachable(command);
  }
}

/**
 * 撤销交办 of the unit that alone leads the item (breaker53-8 S3): refused CONFLICT, nothing written — also once every other unit's
 * 交办 was retracted. An item of the approved plan keeps a 牵头单位, as a revision (方案调整) that would leave it none is refused: an
 * item stripped of every unit read 待交办 and 整改中 at once, was dropped from the 工作方案进展 export and its page offered no way to
 * name a lead. A lead typed wrong is replaced first (以“牵头”增加正确的单位并勾选“替换原牵头单位”: the wrong unit steps down to
 * responsible), after which its 交办 may be retracted. Checked after who may retract (FORBIDDEN first); a joint lead (联合牵头) is not alone.
 */
function refuseRetractingTheOnlyLead(command: Extract<WorkPlanItemCommand, { type: 'RetractRecord' }>, item: DefinedWorkPlanItemState): void {
  requireRole(command.actor, ['SUPERVISOR'], say('retract a record entered by mistake', '撤销误录的记录'));
  const part = partOf(item.assignments, command.unitId);
  if (part?.role !== 'LEAD' || partsOf(item.assignments).some((other) => other !== part && other.role === 'LEAD')) return;
  const unit = unitNamed(command, command.unitId, command.on);
  const code = item.definition.code;
  throw conflict(
    `Retracting the assignment of ${unit.en} of ${command.on} would leave work-plan item ${code} without a lead unit: every item of the plan keeps one. If the lead was entered wrong, add the right unit as lead replacing this one (addWorkPlanItemUnit with role LEAD and replacesLead) first, then retract this assignment.`,
    `撤销${unit.zh} ${command.on} 的交办会使工作事项 ${code} 没有牵头单位：方案中的每个事项都须有牵头单位。如牵头单位录错，请先以“牵头”增加正确的单位并勾选“替换原牵头单位”（原牵头单位改为责任单位），再撤销本交办。`,
  );
}

/**
 * Checks run in the lifecycle's order — who (FORBIDDEN), what exists (NOT_FOUND), the item's
 * state (CONFLICT), the payload (BAD_USER_INPUT) — then the units go through the same batch
 * assignment as a finding's: one LEAD, no unit twice, real due dates.
 */
function defineItem(command: DefineWorkPlanItem, state: WorkPlanItemState): WorkPlanItemStreamEvent[] {
  const { data, leadUnitIds, responsibleUnitIds } = command;
  requireRole(command.actor, ['SUPERVISOR', 'ADMIN', 'SYSTEM'], say('define work-plan items', '定义工作事项'));
  if (state.status === 'withdrawn') {
    throw conflict(
      `Work-plan item ${state.definition.code} was withdrawn from the plan; a new item needs a new code.`,
      `工作事项 ${state.definition.code} 已从方案中撤销；新增事项请使用新的编号。`,
    );
  }
  if (state.status !== 'empty') {
    const differences = differencesFrom(state, command);
    // The same item given another assignment day — two imports of one file racing with different --assigned-on — is no repeat:
    // the later hears the day differs, never 「此前已导入」 with its day dropped (breaker43-10 F2).
    const definedOn = partsOf(state.assignments).map((part) => part.assignedOn).sort()[0];
    if (differences.length === 0 && definedOn !== undefined && definedOn !== command.assignedOn) {
      throw conflict(
        `Work-plan item ${state.definition.code} was already imported as assigned on ${definedOn}; this import says ${command.assignedOn}. Importing again does not move that day; ` +
          'if it is wrong, a supervisor corrects the whole import with correctWorkPlanImportDate.',
        `工作事项 ${state.definition.code} 已按交办日期 ${definedOn} 导入，本次导入给出的交办日期为 ${command.assignedOn}；重新导入不会改变交办日期。如 ${definedOn} 有误，请由督办人员更正该方案的交办日期。`,
        { field: 'assignedOn' },
      );
    }
    if (differences.length === 0) return [];
    throw conflict(
      `Work-plan item ${state.definition.code} is already defined with another ${differences.map((field) => field.en).join(', ')}; ` +
        'an imported item is not redefined.',
      `工作事项 ${state.definition.code} 已按不同的${differences.map((field) => field.zh).join('、')}定义过；已导入的事项不会被重新定义。`,
    );
  }
  if (!command.planExists) throw notFound('Work plan', data.planId);
  if (command.unknownUnitIds.length > 0) throw notFound('Unit', command.unknownUnitIds.join(', '));

  if (data.itemId !== workPlanItemIdFor(data.planId, data.code)) {
    throw badInput(
      `Item id ${data.itemId} is not the id of item ${data.code}; derive it with workPlanItemIdFor.`,
      `事项 ${data.code} 的编号不对（应由 workPlanItemIdFor 得出）。`,
    );
  }
  requireText(data.categoryCode, say('The category code', '类别编号'));
  requireText(data.code, say('The item code', '事项编号'));
  requireText(data.title, say(`The title of item ${data.code}`, `事项 ${data.code} 的名称`));
  requireCalendarDate(data.dueDate, say(`The due date of item ${data.code}`, `事项 ${data.code} 的完成时限`));
  const leadAlsoResponsible = leadUnitIds.find((unitId) => responsibleUnitIds.includes(unitId));
  if (leadAlsoResponsible !== undefined) {
    const lead = unitNamed(command, leadAlsoResponsible);
    throw badInput(
      `${capitalise(lead.en)} is the lead unit of item ${data.code}; it cannot also be a responsible unit.`,
      `${lead.zh}是事项 ${data.code} 的牵头单位，不能同时是责任单位。`,
    );
  }

  requireNotBefore({ day: command.assignedOn, what: say(`the assignment date of item ${data.code}`, `事项 ${data.code} 的交办日期`) }, planApproval(command.planApprovedOn));
  requireDueAfterApproval(data.code, data.dueDate, command.planApprovedOn);

  const defined: WorkPlanItemDefined = { type: 'WorkPlanItemDefined', data };
  const assigned = parts.assign(
    {
      actor: command.actor,
      today: command.today,
      assignedOn: command.assignedOn,
      units: [
        ...leadUnitIds.map((unitId) => ({ unitId, role: 'LEAD' as const, dueDate: data.dueDate, terms: data.terms })),
        ...responsibleUnitIds.map((unitId) => ({ unitId, role: 'RESPONSIBLE' as const, dueDate: data.dueDate, terms: data.terms, ...command.partDueDates?.[unitId] })),
      ],
      unknownUnitIds: [],
      dueDateLimit: command.dueDateLimit,
      dueDateOverride: command.dueDateOverride,
      unitNames: command.unitNames,
    },
    { status: 'open', itemId: data.itemId, definition: data, assignments: initialAssignmentsState() },
  );
  return [defined, ...assigned];
}

/**
 * An item's due date is not before its plan was approved: the deadline was ahead on the approval
 * day, however long ago (a past plan entered late keeps its passed deadlines). One before it is a
 * typing error — or a past plan imported without its approval day, which defaults to today.
 */
function requireDueAfterApproval(code: string, dueDate: string, approvedOn: string): void {
  if (dueDate >= approvedOn) return;
  throw badInput(
    `The due date of item ${code} (${dueDate}) is before the day the plan was approved (${approvedOn}); a past plan is imported with its approval day (approvedOn, --approved-on).`,
    `事项 ${code} 的完成时限（${dueDate}）早于方案批准日期（${approvedOn}）；补录以往的方案，请按实际填写“方案批准日期”。`,
  );
}

/** What a repeated definition may differ in, as a refusal names it: in English and as the plan's columns say it (breaker12h P10: 「已按不同的 responsible units 定义过」). */
const DEFINITION_FIELDS = {
  planId: say('plan', '所属方案'),
  categoryCode: say('category', '类别'),
  code: say('code', '编号'),
  title: say('title', '事项名称'),
  description: say('description', '内容'),
  dueDate: say('due date', '完成时限'),
  measures: say('measures', '工作措施'),
  terms: say('deadline terms', '时限要求'),
} as const satisfies Record<Exclude<keyof WorkPlanItemDefined['data'], 'itemId'>, Bilingual>;

/** Terms compared by meaning (`dueTermsKey`: a standing part's words aside); absent is BY_DATE. */
const termsKey = dueTermsKey;

/** What a repeated definition changes, in words; none means it is the same definition. */
function differencesFrom(state: DefinedWorkPlanItemState, command: DefineWorkPlanItem): Bilingual[] {
  const before = state.definition;
  const after = command.data;
  const fields = Object.keys(DEFINITION_FIELDS) as (keyof typeof DEFINITION_FIELDS)[];
  const differences: Bilingual[] = fields
    .filter((field) => (field === 'terms' ? termsKey(before.terms) !== termsKey(after.terms) : before[field] !== after[field]))
    // 立行立改 (并持续落实) is due the day its units were told: the same words read on another day are the same deadline (breaker10n P11).
    .filter((field) => !(field === 'dueDate' && after.terms !== undefined && termsKey(before.terms) === termsKey(after.terms) && isDueOnAssignment(after.terms)))
    .map((field) => DEFINITION_FIELDS[field]);
  // The units as they hold the parts now, or as the plan named them (a file read as of its day names a unit merged or
  // handed over since as itself: the same file sent again is the same definition — breaker12h P10).
  const held = partsOf(state.assignments).map((part) => ({ unitId: part.unitId, role: part.role }));
  const named = namedUnits(state.assignments.recorded);
  const sorted = (ids: readonly string[]) => [...new Set(ids)].sort().join('\n');
  const differ = (role: AssignmentRole, given: readonly string[]) =>
    [held, named].every((units) => sorted(units.filter((unit) => unit.role === role).map((unit) => unit.unitId)) !== sorted(given));
  if (differ('LEAD', command.leadUnitIds)) differences.push(say('lead unit', '牵头单位'));
  if (differ('RESPONSIBLE', command.responsibleUnitIds)) differences.push(say('responsible units', '责任单位'));
  return differences;
}

/** The units the plan gave parts to, with their roles, as assigned (hand-overs and merges not followed): assigned, role changed, taken off. */
function namedUnits(recorded: readonly AssignmentEvent[]): { unitId: string; role: AssignmentRole }[] {
  const roles = new Map<string, AssignmentRole>();
  for (const event of recorded) {
    if (event.type === 'UnitAssigned' || (event.type === 'PartRoleChanged' && roles.has(event.data.unitId))) roles.set(event.data.unitId, event.data.role);
    else if (event.type === 'UnitUnassigned') roles.delete(event.data.unitId);
  }
  return [...roles].map(([unitId, role]) => ({ unitId, role }));
}

/** An item is found before anything else about the command is checked; a withdrawn one takes no more work. */
function requireDefined(state: WorkPlanItemState): DefinedWorkPlanItemState {
  if (state.status === 'empty') throw new DomainError('NOT_FOUND', say('The work-plan item has not been defined.', '该工作事项尚未定义。'));
  if (state.status === 'withdrawn') {
    throw conflict(
      `Work-plan item ${state.definition.code} was withdrawn from the plan (${state.reason}); it takes no more work.`,
      `工作事项 ${state.definition.code} 已从方案中撤销（${state.reason}），不再办理。`,
    );
  }
  return state;
}

/**
 * The item as it stood on office day `day`, for a fact of that day: a report, inspection, urging or
 * extension — or a reorganisation (机构改革) — dated before the item left the plan is judged as on
 * that day, when the item was in the plan (breaker8d P12). On or after the withdrawal it is
 * refused like other work.
 */
/**
 * A late fact of a withdrawn item (dated before the withdrawal) with the directory as the item knew
 * it: only reorganisations dated before the withdrawal pass its parts — one dated on or after it
 * found the item out of the plan (breaker8g P8). The command as it is otherwise.
 */
function whileInPlan<Command extends NamesUnits>(command: Command, state: WorkPlanItemState): Command {
  return state.status === 'withdrawn' && command.unitNames ? { ...command, unitNames: directoryBefore(command.unitNames, state.withdrawnOn) } : command;
}

/** The item as it stood on office day `day`, as the finding's `recordedOn`: a pass of the withdrawal's own day (`beforeItsWithdrawal`, see `paperOfWithdrawalDay`) came before it (breaker8u P11), as any record of that day entered late does (breaker8v P12). */
function inPlanOn(state: WorkPlanItemState, day: string, setAside = false, beforeItsWithdrawal = false): DefinedWorkPlanItemState {
  if (state.status !== 'withdrawn' || day > state.withdrawnOn || (day === state.withdrawnOn && !beforeItsWithdrawal)) return requireDefined(state);
  const facts = { ...definedPartOf(state), assignments: setAside ? assignmentsThroughWithdrawalDay(state.assignments, state.withdrawnOn) : state.assignments };
  const completedOn = closingDay(facts.assignments);
  return completedOn === null ? { ...facts, status: 'open' } : { ...facts, status: 'completed', completedOn };
}

/**
 * A unit's fact of office day `day` on the item as it stood then (`inPlanOn`). On a withdrawn item,
 * one dated before the withdrawal, entered after it, is judged with the records dated on or after
 * the withdrawal set aside (they count nowhere: breaker11j P4); one that verifies a part means the
 * withdrawal does not stand, and it is judged on every record, which must then all hold — as the
 * finding's `decideBeforeWithdrawal`.
 */
function decideBeforeWithdrawal(command: PartCommand, state: WorkPlanItemState, day: string, recordedState: WorkPlanItemState): WorkPlanItemStreamEvent[] {
  if (state.status !== 'empty') requireInPlanOn(state, day);
  const decide = (then: DefinedWorkPlanItemState) => parts.decideOnPart(whileInPlan(command, state), then);
  const decided =
    state.status !== 'withdrawn'
      ? decide(inPlanOn(state, day))
      : decideBeforeParentWithdrawal(state, day, { onDay: (on, setAside) => inPlanOn(state, on, setAside, paperOfWithdrawalDay(command, day, state.withdrawnOn)), decide, undone: (then, decided, recordsSetAside) => withdrawalUndone(state, then, decided, command, recordsSetAside), isAssignmentEvent }, command);
  return state.status === 'empty' || recordedState.status === 'empty' ? decided : [...decided, ...spansUndone(state, recordedState.assignments, day, decided, command)];
}

/**
 * A pass dated `day`, before a withdrawal a later version ended, typed after that reinstatement
 * (breaker11n P1): verified work is not withdrawn, so that withdrawal does not stand — typed in date
 * order it was refused, and the version listing the item again changed nothing. For each such span
 * on whose withdrawal day the decision leaves a part verified that was not (folded by day), a
 * WorkPlanItemWithdrawalUndone of its day; its units' records of those days then count, and must
 * hold (CONFLICT naming the one that does not, as `decideBeforeParentWithdrawal`). `item`: as
 * counted (`counted`); `recordedAssignments`: its parts with every record; `decided`: the decision
 * so far. Empty when no span is so undone.
 */
function spansUndone(item: DefinedItemFacts, recordedAssignments: AssignmentsState, day: string, decided: readonly WorkPlanItemStreamEvent[], command: NamesUnits): WorkPlanItemStreamEvent[] {
  const later = (item.spans ?? []).filter((span) => span.withdrawnOn > day);
  if (later.length === 0 || !decided.some(isAssignmentEvent)) return [];
  const after = decided.filter(isAssignmentEvent).reduce(evolveAssignments, item.assignments);
  const verifiedOn = (assignments: AssignmentsState, on: string) => partsOf(assignmentsOn(assignments, on)).filter((part) => part.status === 'VERIFIED');
  /** The parts the decision leaves verified on `on`, folded by day, that were not before it. */
  const newlyVerified = (on: string) => {
    const before = new Set(verifiedOn(item.assignments, on).map((part) => part.unitId));
    return verifiedOn(after, on).filter((part) => !before.has(part.unitId));
  };
  const undone = later.filter((span) => newlyVerified(span.withdrawnOn).length > 0);
  if (undone.length === 0) return [];
  // Counted again, the records of the spans undone, folded with every record outside the spans that stay, must hold: those that
  // no longer do (a report after the pass) are set aside for good, as typed in date order they were refused (breaker11o P2).
  const stay = (item.spans ?? []).filter((span) => !undone.includes(span));
  let withRecords = assignmentsOutside(decided.filter(isAssignmentEvent).reduce(evolveAssignments, recordedAssignments), [...outOfPlanDays(stay), ...(item.recordsSetAside ?? []).map(setAsideRecordOf)]);
  return undone.map((span): WorkPlanItemStreamEvent => {
    const what = say(`A verification dated ${day}, before the withdrawal of ${span.withdrawnOn}, means it does not stand`, `${day} 的核验早于 ${span.withdrawnOn} 的撤销，该次撤销即不成立`);
    const recordsSetAside = recordsNoLongerHolding(withRecords, span.withdrawnOn, span.reinstatedOn, what, command);
    if (recordsSetAside.length > 0) withRecords = assignmentsOutside(withRecords, recordsSetAside.map(setAsideRecordOf));
    const reason = withdrawalUndoneReason(command, newlyVerified(span.withdrawnOn), span.withdrawnOn, { workZh: '任务', back: '事项回到工作方案' });
    return { type: 'WorkPlanItemWithdrawalUndone', data: { itemId: item.itemId, withdrawnOn: span.withdrawnOn, reason, byVerification: true, ...(recordsSetAside.length > 0 ? { recordsSetAside } : {}) } };
  });
}

/** The day a correction of a record is judged on (`correctedRecordDay`): on a withdrawn item, its records dated before the withdrawal. */
function correctedDay(command: Extract<WorkPlanItemCommand, { type: 'CorrectReportDate' | 'CorrectInspection' | 'CorrectFactDate' }>, state: WorkPlanItemState): string {
  return correctedRecordDay(command, state.status === 'empty' ? undefined : state.assignments, state.status === 'withdrawn' ? state.withdrawnOn : undefined);
}

/**
 * The withdrawals a verification had made not stand (`undoneByWork`) that stand again once `decided` — a correction of
 * that inspection's day or outcome (更正督查记录), of another record's day, a reopening dated before the withdrawal —
 * leaves no part verified on their day, folded by day (breaker11o P7): typed in date order they would have been taken,
 * and a version that listed the item again then ended them. Each is written again on its day with its own reason, as
 * every view then shows it (WorkPlanItemWithdrawn; the history lists it right after the change that brought it back):
 * one a version had ended followed by that version's WorkPlanItemReinstated of its day, one without end after the
 * reorganisations dated from its day are undone (they passed nothing, typed in date order); a withdrawal standing now, dated after one that stands again, is taken back for the
 * moment (WorkPlanItemWithdrawalUndone, `byVerification: false`) and written again after it — or left off when one
 * that stands again has no end (typed in date order it found the item withdrawn). Empty when none stands again.
 * CONFLICT when the command's own fact then falls on a day the item was out of the plan (typed in date order it was
 * refused), or a withdrawal standing again would overlap one now standing or ended (the office corrects that one first).
 */
function withdrawalsBack(
  recordedState: DefinedWorkPlanItemState | WithdrawnWorkPlanItem,
  decided: readonly WorkPlanItemStreamEvent[],
  command: WorkPlanItemPartCommand | ReopenWorkPlanItem,
): WorkPlanItemStreamEvent[] {
  if ((recordedState.undoneByWork ?? []).length === 0) return [];
  const after = decided.reduce(evolveItem, recordedState) as DefinedWorkPlanItemState | WithdrawnWorkPlanItem;
  const byDay = (a: { withdrawnOn: string }, b: { withdrawnOn: string }) => (a.withdrawnOn < b.withdrawnOn ? -1 : a.withdrawnOn > b.withdrawnOn ? 1 : 0);
  const current = after.status === 'withdrawn' ? after : null;
  // One dated after a withdrawal standing now found the item withdrawn, typed in date order: it changes nothing.
  const back = withdrawalsStandingAgain(counted(after).assignments, after.undoneByWork ?? [])
    .filter((undone) => current === null || undone.withdrawnOn < current.withdrawnOn)
    .sort(byDay);
  if (back.length === 0) return [];
  const { itemId } = after;
  const name = itemNamed(after);
  const events: WorkPlanItemStreamEvent[] = [];
  if (current) {
    events.push({ type: 'WorkPlanItemWithdrawalUndone', data: { itemId, withdrawnOn: current.withdrawnOn, reason: `${back[0]!.withdrawnOn} 的撤销依日期重新成立，本撤销按日期随后重新登记`, byVerification: false } });
  }
  let endless: WithdrawalUndoneByWork | undefined;
  for (const withdrawal of back) {
    const { withdrawnOn, reinstatedOn } = withdrawal;
    if (reinstatedOn === undefined) {
      // A reorganisation dated after the withdrawal, typed while it did not stand, passed nothing (breaker8g P8).
      events.push(...handOversAfterWithdrawal(command, requireDefined(events.reduce(evolveItem, after)).assignments, withdrawnOn, '事项'));
      events.push({ type: 'WorkPlanItemWithdrawn', data: { itemId, reason: withdrawal.reason, withdrawnOn } });
      endless = withdrawal;
      break;
    }
    events.push({ type: 'WorkPlanItemWithdrawn', data: { itemId, reason: withdrawal.reason, withdrawnOn } });
    const overlapped = [...(after.spans ?? []).map((span) => ({ from: span.withdrawnOn, until: span.reinstatedOn })), ...(current ? [{ from: current.withdrawnOn, until: '9999-12-31' }] : [])].find(
      (other) => other.from < reinstatedOn && withdrawnOn < other.until,
    );
    if (overlapped) {
      throw conflict(
        `After this change nothing of ${name.en} was verified on ${withdrawnOn}: its withdrawal of that day (until ${reinstatedOn}) stands again, but overlaps the withdrawal of ${overlapped.from}. Correct that withdrawal first.`,
        `本次更正后，${name.zh}在 ${withdrawnOn} 时并无核验通过的任务，当日的撤销（至 ${reinstatedOn} 恢复列入方案）依日期重新成立，但与 ${overlapped.from} 的撤销重叠。请先更正该次撤销。`,
      );
    }
    events.push({ type: 'WorkPlanItemReinstated', data: { itemId, reason: withdrawal.reinstatedReason ?? '新版方案重新列入', reinstatedOn } });
  }
  if (current && !endless) events.push({ type: 'WorkPlanItemWithdrawn', data: { itemId, reason: current.reason, withdrawnOn: current.withdrawnOn } });
  requireInPlanAgain(events.reduce(evolveItem, after), command.type === 'ReopenWorkPlanItem' ? command.reopenedOn : factDayOf(command)?.day, back);
  return events;
}

/**
 * CONFLICT when office day `day` (the fact a command records or moves to; undefined: none) is one `item` was out of the
 * plan on, after withdrawals that stand again (`withdrawalsBack`): typed in date order the fact was refused.
 */
function requireInPlanAgain(item: WorkPlanItemState, day: string | undefined, back: readonly WithdrawalUndoneByWork[]): void {
  if (day === undefined || item.status === 'empty') return;
  const span = item.status === 'withdrawn' && day >= item.withdrawnOn ? { withdrawnOn: item.withdrawnOn, reinstatedOn: undefined } : spanHolding(item, day);
  if (!span) return;
  const name = itemNamed(item);
  const again = back.map((withdrawal) => withdrawal.withdrawnOn).join('、');
  const until = span.reinstatedOn === undefined ? say('', '') : say(` until a later version listed it again on ${span.reinstatedOn}`, `，${span.reinstatedOn} 起才恢复列入方案`);
  throw conflict(
    `With this change nothing of ${name.en} was verified on ${again}, so its withdrawal of ${again} stands again: it was out of the plan from ${span.withdrawnOn}${until.en}, and nothing is recorded on it for ${day}.`,
    `本次更正后，${name.zh}在 ${again} 时并无核验通过的任务，${again} 的撤销依日期重新成立：该事项 ${span.withdrawnOn} 撤销${until.zh}，${day} 不在方案中，不能登记当日的记录。`,
  );
}

/**
 * A fact dated before the withdrawal, entered after it, that verifies a part (a pass) means the
 * withdrawal does not stand: verified work is not withdrawn, and typed in date order the withdrawal
 * would have been refused. WorkPlanItemWithdrawalUndone, after the decided events, puts the item back
 * in the plan — the same result whatever the typing order (breaker11f P6). Anything else leaves it withdrawn.
 * `recordsSetAside`: its units' records dated on/after the withdrawal that no longer hold once it does not stand, which
 * the undoing sets aside for good (breaker11q P5; see `decideBeforeParentWithdrawal`).
 */
function withdrawalUndone(
  item: WithdrawnWorkPlanItem,
  then: DefinedWorkPlanItemState,
  decided: readonly WorkPlanItemStreamEvent[],
  command: NamesUnits,
  recordsSetAside: readonly SetAsideRecord[] = [],
): WorkPlanItemStreamEvent[] {
  const verified = partsVerifiedBy(then.assignments, decided);
  if (verified.length === 0) return [];
  const { itemId, withdrawnOn } = item;
  const reason = withdrawalUndoneReason(command, verified, withdrawnOn, { workZh: '任务', back: '事项回到工作方案' });
  // The records made after the withdrawal that no longer hold once it does not stand count nowhere for good (breaker11q P5).
  return [{ type: 'WorkPlanItemWithdrawalUndone', data: { itemId, withdrawnOn, reason, byVerification: true, ...(recordsSetAside.length > 0 ? { recordsSetAside: [...recordsSetAside] } : {}) } }];
}

const REVISERS: readonly Actor['role'][] = ['SUPERVISOR', 'ADMIN', 'SYSTEM'];

function withdrawItem(command: WithdrawWorkPlanItem, state: WorkPlanItemState): WorkPlanItemStreamEvent[] {
  requireRole(command.actor, REVISERS, say('withdraw work-plan items', '撤销工作事项'));
  if (state.status === 'withdrawn') {
    if (typeof command.withdrawnOn === 'string' && command.withdrawnOn < state.withdrawnOn) return withdrawnEarlier(command, state);
    // The same withdrawal again (a retried submission) records nothing; any other finds the item out of the plan already: typed in
    // date order it found it so, and taken it would merge with the standing one, to be undone with it (breaker11q P8).
    if (command.withdrawnOn === state.withdrawnOn && command.reason?.trim() === state.reason) return [];
    throw alreadyWithdrawn(state, command.versionsLeavingOut);
  }
  const item = requireDefined(state);
  requireText(command.reason, say('A reason for withdrawing the item', '撤销事项的理由'));
  const { withdrawnOn } = command;
  const name = itemNamed(item);
  requireBusinessDay(withdrawnOn, command.today, say(`The day ${name.en} was withdrawn`, `${name.zh}的撤销日期`));
  const withdrawn = { day: withdrawnOn, what: say(`the day ${name.en} was withdrawn`, `${name.zh}的撤销日期`) };
  if (command.planApprovedOn !== undefined) requireNotBefore(withdrawn, planApproval(command.planApprovedOn));
  const spanAfter = spanStartingAfter(item, withdrawnOn);
  if (spanAfter) return withdrawnBeforeSpan(command, item, spanAfter);
  requireAfterReinstatement(item, withdrawnOn);
  // A reorganisation dated after the withdrawal, typed before it, passed nothing: its hand-overs are undone (breaker8g P8).
  const undone = handOversAfterWithdrawal(command, item.assignments, withdrawnOn, '事项');
  // Verified work is not withdrawn (breaker11f P4 = 10e P13): reopen it first. The state first (CONFLICT), then the day (breaker8h P4);
  // units' records dated after it stay on the record, counted nowhere (breaker11h P8); a part is not withdrawn before it began.
  // Ended by a version that lists the item again (`listedAgain`, breaker11o P3), it takes the item out until that version's day
  // only: work verified from that day on was done with the item back in the plan, as typed in date order (withdraw s24 Left 2).
  const endsOn = command.listedAgain !== undefined && command.listedAgain.on > withdrawnOn ? command.listedAgain.on : undefined;
  const judged = endsOn === undefined ? item.assignments : assignmentsBefore(item.assignments, endsOn);
  const closedThen = endsOn === undefined ? (item.status === 'completed' ? item.completedOn : null) : closingDay(judged);
  refuseWithdrawingVerifiedWork(
    {
      name: say(`Work-plan ${name.en}`, name.zh),
      nounZh: '事项',
      workZh: '任务',
      rate: say('completion rate', '完成率'),
      closed: closedThen === null ? null : { on: closedThen, en: 'completed' },
      closedEn: 'completed',
      field: 'itemId',
    },
    judged,
    command,
    command.withdrawnOn,
  );
  for (const part of partsOf(undone.reduce(evolveAssignments, item.assignments))) requireNotBefore(withdrawn, beganOnParent(part, command));
  const events: WorkPlanItemStreamEvent[] = [...undone, { type: 'WorkPlanItemWithdrawn', data: { itemId: item.itemId, reason: command.reason.trim(), withdrawnOn } }];
  // A version of the plan dated after the withdrawal lists the item (typed before it): in date order it listed it again on its day (breaker11o P3).
  const { listedAgain } = command;
  if (listedAgain !== undefined && listedAgain.on > withdrawnOn) events.push({ type: 'WorkPlanItemReinstated', data: { itemId: item.itemId, reason: listedAgain.reason, reinstatedOn: listedAgain.on } });
  return events;
}

/**
 * Whether a version of the plan dated `versionOn` (`YYYY-MM-DD`) that leaves the item out, finding it in the plan, keeps it
 * rather than withdrawing it: a part verified or a report awaiting inspection among its units' records dated by that day
 * (as the item counts them, `counted`) — the revision's 保留已核验事项 / 保留待督查事项 (plan-revision's `hasVerifiedWork`
 * judged on `workBeforeVersionDay`, breaker10g P11), whatever the typing order.
 */
function keptByVersionOn(item: DefinedItemFacts, versionOn: string): boolean {
  const { assignments } = counted(item);
  // Its own day's records too: entered before the version, they came first (newcomer52-10 S1, as the import judges it).
  const workBefore = partsOf(assignmentsBefore(assignments, addDays(versionOn, 1))).some((part) => part.status === 'VERIFIED' || part.status === 'REPORTED');
  // Verified on its day (folded by day), reopened since, it was kept too, as a withdrawal of that day is refused (ext s27).
  return workBefore || partsOf(assignmentsOn(assignments, versionOn)).some((part) => part.status === 'VERIFIED');
}

/**
 * The first version of `versions` (those of the plan's file that do not list the item), by day, dated on or after `from`
 * (`YYYY-MM-DD`: a hand withdrawal's day) that actually takes the item out of the plan on its day, had the item been in it
 * then — one that kept it (`keptByVersionOn`: 保留待督查 / 保留已核验) withdrew nothing and is passed over (breaker11r P4: a
 * hand withdrawal taken back came out 「by」 such a version, its report never to be inspected). Undefined when none does.
 */
function versionRemoving(item: DefinedItemFacts, versions: readonly PlanVersionLeavingOut[] | undefined, from: string): PlanVersionLeavingOut | undefined {
  return [...(versions ?? [])]
    .filter((version) => version.on >= from)
    .sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0))
    .find((version) => !keptByVersionOn(item, version.on));
}

/** The version of the plan's file whose withdrawal is the one standing (its day and reason), if a version made it. */
const versionWithdrawing = (item: WithdrawnWorkPlanItem, versions: readonly PlanVersionLeavingOut[] | undefined): PlanVersionLeavingOut | undefined =>
  versions?.find((version) => version.on === item.withdrawnOn && version.reason === item.reason);

/** How a refusal names the withdrawal standing: the version that made it, or the day and reason typed by hand. */
function standingWithdrawal(item: WithdrawnWorkPlanItem, versions: readonly PlanVersionLeavingOut[] | undefined): Bilingual {
  const version = versionWithdrawing(item, versions);
  return version
    ? say(`by the version of the plan of ${version.on} (${version.reason})`, `已由 ${version.on} 的新版方案撤销（${version.reason}）`)
    : say(`on ${item.withdrawnOn} (${item.reason})`, `已于 ${item.withdrawnOn} 撤销（${item.reason}）`);
}

/**
 * CONFLICT for a withdrawal of an item already out of the plan, dated on or after the withdrawal standing (breaker11q P8):
 * it would record nothing new — typed in date order it found the item withdrawn — and, taken, taking it back would undo
 * the standing one. Names that withdrawal (a version's, or the day and reason typed) and what the office may do instead.
 */
function alreadyWithdrawn(item: WithdrawnWorkPlanItem, versions: readonly PlanVersionLeavingOut[] | undefined): DomainError {
  const name = itemNamed(item);
  const standing = standingWithdrawal(item, versions);
  const byVersion = versionWithdrawing(item, versions) !== undefined;
  return conflict(
    `${capitalise(name.en)} was withdrawn from the plan ${standing.en} already: it is not withdrawn again.` +
      (byVersion ? '' : ' If that withdrawal has the wrong day, correct its day (更正撤销日期).'),
    `${name.zh}${standing.zh}，不在方案中，无需再次撤销。` + (byVersion ? '' : '如撤销日期有误，请用“更正撤销日期”。'),
    { field: 'withdrawnOn' },
  );
}

/**
 * A withdrawal dated before the one standing, typed after it — a version of the plan of 11-27 that leaves out an item
 * withdrawn by hand on 11-30, or a hand withdrawal of 11-27 (breaker11p P3): typed in date order it took the item out
 * first and the later one changed nothing (it found the item withdrawn). The standing withdrawal is moved to this one's
 * day, as 更正撤销日期 moves it: its undoing (WorkPlanItemWithdrawalUndone of its day, `byVerification: false`, the reason
 * beginning 撤销日期更正为 <day>：) and this withdrawal with its own reason, judged by every rule of a withdrawal (its
 * hand-overs after the day undone; its units' records dated on or after it stay on the record, counted nowhere). When a
 * version dated between the two lists the item (`listedAgain`), the item is back in the plan on that version's day and
 * the later withdrawal stands again on its own day, after it, as in date order.
 */
function withdrawnEarlier(command: WithdrawWorkPlanItem, state: WithdrawnWorkPlanItem): WorkPlanItemStreamEvent[] {
  requireText(command.reason, say('A reason for withdrawing the item', '撤销事项的理由'));
  const { itemId, withdrawnOn: later, reason: laterReason } = state;
  const undone: WorkPlanItemStreamEvent = {
    type: 'WorkPlanItemWithdrawalUndone',
    data: { itemId, withdrawnOn: later, reason: `撤销日期更正为 ${command.withdrawnOn}：${command.reason.trim()}（${command.withdrawnOn} 的撤销在先）`, byVerification: false },
  };
  const back = evolveItem(state, undone);
  const listedBetween = command.listedAgain !== undefined && command.listedAgain.on > command.withdrawnOn && command.listedAgain.on < later;
  const earlier = withdrawItem(listedBetween ? command : { ...command, listedAgain: undefined }, counted(requireDefined(back)));
  const again: WorkPlanItemStreamEvent[] = listedBetween ? [{ type: 'WorkPlanItemWithdrawn', data: { itemId, reason: laterReason, withdrawnOn: later } }] : [];
  return [undone, ...earlier, ...again];
}

/**
 * The item's last withdrawn span (a withdrawal a later version ended) when it begins after office day `day` and no span
 * before it reaches `day`: a withdrawal of `day`, typed after them, is the first one in date order (breaker11r P1).
 */
function spanStartingAfter(item: DefinedItemFacts, day: string): WithdrawnSpan | undefined {
  const spans = item.spans ?? [];
  const last = spans.at(-1);
  if (!last || day >= last.withdrawnOn) return undefined;
  const before = spans.at(-2);
  return before === undefined || before.reinstatedOn < day ? last : undefined;
}

/**
 * A withdrawal dated before a withdrawn span a later version ended (`span`: out from its `withdrawnOn`, listed again on its
 * `reinstatedOn`), typed after both (breaker11r P1: it was refused 「再次撤销的日期须晚于恢复日期」). Typed in date order it took
 * the item out on its own day, the version leaving the item out found it out already and changed nothing, and the version
 * listing it again brought it back: the item is out from this withdrawal's day until `reinstatedOn`, with this withdrawal's
 * reason. The span's withdrawal is taken back (WorkPlanItemWithdrawalUndone of its day, `byVerification: false`, the reason
 * beginning 撤销日期更正为 <day>：), then this withdrawal is judged by every rule of a withdrawal as ending on `reinstatedOn`
 * (`listedAgain`): WorkPlanItemWithdrawn on its day and WorkPlanItemReinstated on the span's.
 */
function withdrawnBeforeSpan(command: WithdrawWorkPlanItem, item: DefinedWorkPlanItemState, span: WithdrawnSpan): WorkPlanItemStreamEvent[] {
  requireText(command.reason, say('A reason for withdrawing the item', '撤销事项的理由'));
  const reason = command.reason.trim();
  const undone: WorkPlanItemStreamEvent = {
    type: 'WorkPlanItemWithdrawalUndone',
    data: { itemId: item.itemId, withdrawnOn: span.withdrawnOn, reason: `撤销日期更正为 ${command.withdrawnOn}：${reason}（${command.withdrawnOn} 的撤销在先）`, byVerification: false },
  };
  const back = counted(requireDefined(evolveItem(item, undone)));
  const listedAgain = { on: span.reinstatedOn, reason: span.reinstatedReason ?? span.reason };
  return [undone, ...withdrawItem({ ...command, listedAgain }, back)];
}

/**
 * BAD_USER_INPUT (field withdrawnOn) for a withdrawal dated on or before the day a later version
 * listed the item again after an earlier withdrawal (breaker11n P1): its withdrawn spans follow one
 * another. Typed in date order a withdrawal inside that span found the item withdrawn already and
 * changed nothing; one before the last span (after any earlier one) is taken as date order takes it
 * (`withdrawnBeforeSpan`, breaker11r P1), one before an earlier span still refused here.
 */
function requireAfterReinstatement(item: DefinedItemFacts, withdrawnOn: string): void {
  const last = (item.spans ?? []).at(-1);
  if (!last || withdrawnOn > last.reinstatedOn) return;
  const name = itemNamed(item);
  throw badInput(
    `${capitalise(name.en)} was withdrawn on ${last.withdrawnOn} and listed again by a later version on ${last.reinstatedOn}: a new withdrawal is dated after that day (${withdrawnOn} is not).`,
    `${name.zh}已于 ${last.withdrawnOn} 撤销，${last.reinstatedOn} 恢复列入方案；再次撤销的日期须晚于恢复日期（${withdrawnOn} 不行）。`,
    { field: 'withdrawnOn' },
  );
}

/** See CorrectWorkPlanItemWithdrawal: the undoing, and with a corrected day the withdrawal again on that day. */
function correctItemWithdrawal(command: CorrectWorkPlanItemWithdrawal, state: WorkPlanItemState): WorkPlanItemStreamEvent[] {
  requireRole(command.actor, REVISERS, say('correct the withdrawal of work-plan items', '更正工作事项的撤销'));
  if (state.status !== 'withdrawn') {
    const name = itemNamed(requireDefined(state));
    // The form showed a withdrawal a colleague took back meanwhile (撤销有误，恢复事项): who, when, why (newcomer53-9 M1).
    if (command.expectedWithdrawnOn !== undefined) {
      throw valueChangedMeanwhile(
        say(`The withdrawal of work-plan ${name.en}`, `${name.zh}的撤销`),
        say('taken back (the item is in the plan again)', '已撤回（事项已恢复）'),
        say(`withdrawn on ${command.expectedWithdrawnOn}`, `${command.expectedWithdrawnOn} 撤销`),
        { types: ['WorkPlanItemWithdrawalUndone'], field: 'expectedWithdrawnOn' },
      );
    }
    throw conflict(`Work-plan ${name.en} is not withdrawn: there is no withdrawal to correct.`, `${name.zh}没有撤销，无需更正撤销。`, { field: 'itemId' });
  }
  const byVersion = versionWithdrawing(state, command.versionsLeavingOut);
  if (byVersion) {
    // A version's withdrawal is the approved plan's, not a typing of the office's (breaker11q P8): a version listing the item lists it again.
    const name = itemNamed(state);
    throw conflict(
      `Work-plan ${name.en} was withdrawn by the version of the plan of ${byVersion.on} (${byVersion.reason}), not by hand: that withdrawal is neither taken back nor re-dated here. If the item belongs in the plan, import a version that lists it (listed again from that version's day).`,
      `${name.zh}是由 ${byVersion.on} 的新版方案撤销的（${byVersion.reason}），不是手工撤销，不能在此恢复或更正撤销日期。如该事项应在方案中，请导入列入该事项的新版方案（自该版日期起恢复列入方案）。`,
      { field: 'itemId' },
    );
  }
  requireText(command.reason, say('A reason for correcting the withdrawal', '更正撤销的理由'));
  const { itemId, withdrawnOn } = state;
  if (command.expectedWithdrawnOn !== undefined && command.expectedWithdrawnOn !== withdrawnOn) {
    throw valueChangedMeanwhile(say(`The withdrawal day of work-plan item ${state.definition.code}`, `工作事项 ${state.definition.code} 的撤销日期`), withdrawnOn, command.expectedWithdrawnOn, {
      // Who withdrew it on the day it reads now: a colleague's correction (undone, withdrawn again) or a withdrawal after an undo.
      types: ['WorkPlanItemWithdrawalUndone', 'WorkPlanItemWithdrawn'],
      field: 'expectedWithdrawnOn',
    });
  }
  // A version of the plan dated on or after this hand withdrawal that leaves the item out took it out on its own day had the
  // hand withdrawal not been there (typed in date order it found the item withdrawn and changed nothing): it stands then —
  // unless it kept the item (保留已核验 / 保留待督查: breaker11r P4), which withdrew nothing.
  const leftOut = versionRemoving(state, command.versionsLeavingOut, withdrawnOn);
  if (leftOut && command.withdrawnOn !== undefined && command.withdrawnOn >= leftOut.on) {
    const name = itemNamed(state);
    throw conflict(
      `Work-plan ${name.en} was also left out by the version of the plan of ${leftOut.on} (${leftOut.reason}): a hand withdrawal is not moved on or after that day (${command.withdrawnOn}). If the hand withdrawal was a mistake, take it back (撤销有误): the item stays out from ${leftOut.on}, as that version says.`,
      `${leftOut.on} 的新版方案（${leftOut.reason}）也未列入${name.zh}：手工撤销的日期不能更正到该日或其后（${command.withdrawnOn}）。如手工撤销本身有误，请用“撤销有误”：事项自 ${leftOut.on} 起仍按新版方案撤销。`,
      { field: 'withdrawnOn' },
    );
  }
  if (command.withdrawnOn === withdrawnOn) {
    throw badInput(
      `Work-plan item ${state.definition.code} was withdrawn on ${withdrawnOn} already: give the day it was in fact withdrawn.`,
      `工作事项 ${state.definition.code} 的撤销日期已是 ${withdrawnOn}：请填写实际的撤销日期。`,
      { field: 'withdrawnOn' },
    );
  }
  const reason = command.reason.trim();
  // Taken back, the item is out again from the version's day that left it out (`leftOut`), with that version's reason.
  const outAgain = command.withdrawnOn !== undefined ? { on: command.withdrawnOn, reason: state.reason } : leftOut;
  // The units' records set aside since the withdrawal's day, back in the count until the corrected day: those that no longer hold
  // (a report made after the withdrawal, before the office heard of it, that a late record dated before it answers) count nowhere
  // for good, as typed in date order they were refused (breaker11q P5; breaker11j P4 refused the correction instead).
  const recordsSetAside = recordsSetAsideByCorrection(state.assignments, withdrawnOn, outAgain?.on, command.withdrawnOn, '事项', command);
  const undone: WorkPlanItemStreamEvent = {
    type: 'WorkPlanItemWithdrawalUndone',
    data: {
      itemId,
      withdrawnOn,
      reason: command.withdrawnOn === undefined ? reason : `撤销日期更正为 ${command.withdrawnOn}：${reason}`,
      byVerification: false,
      ...(recordsSetAside.length > 0 ? { recordsSetAside } : {}),
    },
  };
  // Back in the plan until the corrected day (or for good), the item's parts pass by the reorganisations of those days (breaker8g P7).
  const back = evolveItem(state, undone);
  const passed = handOversDue({ ...command, unitNames: directoryBefore(command.unitNames, outAgain?.on) }, requireDefined(back).assignments);
  if (outAgain === undefined) return [undone, ...passed];
  const { actor, today, unitNames, planApprovedOn } = command;
  const again = withdrawItem(
    { type: 'WithdrawWorkPlanItem', actor, today, withdrawnOn: outAgain.on, reason: outAgain.reason, ...(unitNames ? { unitNames } : {}), ...(planApprovedOn === undefined ? {} : { planApprovedOn }) },
    passed.reduce(evolveItem, back),
  );
  return [undone, ...passed, ...again];
}

/**
 * Checks in the usual order — who (FORBIDDEN), what exists (NOT_FOUND), the item's state
 * (CONFLICT), the payload (BAD_USER_INPUT) — then decides, in this order: the new wording, the
 * new due date (bounded by the plan's period like any due date) with its open parts, a lead
 * becoming responsible, the units removed, a unit becoming the lead (its part keeps its progress:
 * PartRoleChanged), the units added (due on the item's due date), and last the item's completion
 * when only verified parts remain. The item must come out with its lead unit.
 */
/**
 * `ReviseWorkPlanItem.replacesLead` as the role changes it means: the new lead (the one LEAD of `addUnits`) leads — added, or its
 * part made LEAD — and the current leads step down to responsible, their parts kept (breaker10n P18). Refused (BAD_USER_INPUT,
 * field role) unless exactly one unit is added as LEAD.
 */
function replacingLead(command: ReviseWorkPlanItem, assignments: AssignmentsState): ReviseWorkPlanItem {
  const { replacesLead: _replacesLead, expectedLeadUnitId: _expectedLeadUnitId, ...rest } = command;
  // The lifecycle's one rule, as a finding's lead is replaced (newcomer55-8 S4).
  const handOver = leadHandOver({ ...command, units: command.addUnits ?? [] }, assignments, say('The lead unit of the item', '该事项的牵头单位'));
  const stepDown = handOver.stepDown.map((unitId): UnitToAdd => ({ unitId, role: 'RESPONSIBLE' }));
  return {
    ...rest,
    addUnits: handOver.held ? [] : command.addUnits!,
    changeRoles: [...(command.changeRoles ?? []), ...stepDown, ...(handOver.held ? [{ unitId: handOver.unitId, role: 'LEAD' as const }] : [])],
  };
}

function reviseItem(command: ReviseWorkPlanItem, state: WorkPlanItemState): WorkPlanItemStreamEvent[] {
  requireRole(command.actor, REVISERS, say('revise work-plan items', '调整工作事项'));
  if (command.reinstate && state.status === 'withdrawn') {
    const reinstated = reinstateItem(command, state);
    const back = counted(requireDefined(evolveItem(state, reinstated)));
    // Back in the plan, its parts pass by the reorganisations (机构改革) dated while it was out of it, on their days: they passed
    // nothing then, and typed after the reinstatement they pass on their days (note23 Left 5), as undoing a withdrawal does (breaker8g P7).
    const passed = handOversDue({ ...command, parentNoun: ITEM_NOUN }, back.assignments);
    const after = passed.reduce<WorkPlanItemState>(evolveItem, back);
    return [reinstated, ...passed, ...reviseItem(withSuccessors({ ...command, reinstate: undefined }, passed, requireDefined(after).assignments), after)];
  }
  const item = requireDefined(state);
  if ((command.unknownUnitIds ?? []).length > 0) throw notFound('Unit', command.unknownUnitIds!.join(', '));
  if (command.replacesLead) return reviseItem(replacingLead(command, item.assignments), state);
  const { itemId, definition } = item;
  const removeUnitIds = command.removeUnitIds ?? [];
  // A unit taken off as of a day before a reorganisation passed its part on, typed after it (breaker8j P3): its part first comes back to it.
  const back = removeUnitIds.reduce<AssignmentEvent[]>((undone, unitId) => [...undone, ...partBackForRemoval({ ...command, parentNoun: ITEM_NOUN }, undone.reduce(evolveAssignments, item.assignments), unitId, command.revisedOn)], []);
  if (back.length > 0) return [...back, ...reviseItem(command, back.reduce<WorkPlanItemState>(evolveItem, state))];
  // A unit listed that holds a part already is no change — unless that part is a predecessor's it took over after the revision's
  // day: by date its own part comes first, and the predecessor's joins it later (breaker8l P9: it was dropped silently).
  const addUnits = (command.addUnits ?? []).filter(
    (unit) =>
      !(partOf(item.assignments, unit.unitId) && !removeUnitIds.includes(unit.unitId)) ||
      ownPartComesFirst(command, item.assignments, unit.unitId, command.revisedOn) ||
      // Others' parts joined it since, on the same day or later (breaker8m P9's kind through a revised plan file).
      ownPartComesBeforeJoins({ ...command, parentNoun: ITEM_NOUN }, item.assignments, unit.unitId, command.revisedOn),
  );
  for (const unitId of [...removeUnitIds, ...(command.changeRoles ?? []).map((change) => change.unitId)]) {
    if (!partOf(item.assignments, unitId)) {
      const unit = unitNamed(command, unitId);
      throw new DomainError('NOT_FOUND', say(`${capitalise(unit.en)} has no part of item ${definition.code}.`, `${unit.zh}在事项 ${definition.code} 中没有任务。`));
    }
  }
  for (const unitId of removeUnitIds) {
    const part = partOf(item.assignments, unitId)!;
    if (part.status === 'VERIFIED') throw verifiedPartKept(definition.code, part, unitNamed(command, unitId));
  }
  const roleChanges = (command.changeRoles ?? []).filter(({ unitId, role }) => partOf(item.assignments, unitId)!.role !== role);
  const wording = {
    categoryCode: command.categoryCode ?? definition.categoryCode,
    title: command.title ?? definition.title,
    description: command.description ?? definition.description,
    measures: command.measures ?? definition.measures,
  };
  const reworded = (['categoryCode', 'title', 'description', 'measures'] as const).some((field) => wording[field] !== definition[field]);
  const dueDate = command.dueDate ?? definition.dueDate;
  const terms = command.terms ?? definition.terms ?? BY_DATE;
  const termsChanged = termsKey(terms) !== termsKey(definition.terms);
  const rescheduled = dueDate !== definition.dueDate || termsChanged;
  const ownDues = Object.entries(command.partDueDates ?? {});
  if (!reworded && !rescheduled && removeUnitIds.length === 0 && addUnits.length === 0 && roleChanges.length === 0 && ownDues.length === 0) return [];
  // Re-dated since the form read it (newcomer50-9 S4): the second supervisor is told, the first's date kept.
  if (rescheduled && command.expectedDueDate !== undefined && command.expectedDueDate !== definition.dueDate) {
    throw valueChangedMeanwhile(say(`The due date of item ${definition.code}`, `事项 ${definition.code} 的时限`), definition.dueDate, command.expectedDueDate, { types: ['WorkPlanItemRescheduled'], field: 'expectedDueDate' });
  }

  if (item.status === 'completed' && addUnits.length > 0) {
    throw conflict(
      `Work-plan item ${definition.code} is completed; reopen it before giving it more units.`,
      `工作事项 ${definition.code} 已销号；如需增加单位，请先重新打开。`,
    );
  }
  requireText(command.reason, say('A reason for the revision', '调整的理由'));
  requireText(wording.title, say(`The title of item ${definition.code}`, `事项 ${definition.code} 的名称`));
  requireText(wording.categoryCode, say('The category code', '类别编号'));
  const reason = command.reason.trim();
  const on = command.revisedOn;
  const name = itemNamed(item);
  requireBusinessDay(on, command.today, say(`The day of the revision of ${name.en}`, `${name.zh}的调整日期`));
  const revised = { day: on, what: say(`the day of the revision of ${name.en}`, `${name.zh}的调整日期`) };
  if (command.planApprovedOn !== undefined) requireNotBefore(revised, planApproval(command.planApprovedOn));
  if (rescheduled) requireNotBefore(revised, itemAssignmentOf(item));
  // A re-dating dated before the item's latest one, applied after it, would leave the item on its date and the parts on the later
  // one's (breaker49-10 S9: the item due 12-31, every part 12-25): refused, naming that re-dating's day.
  if (rescheduled) requireNotBefore(revised, latestRedatingOf(item));
  // A part leaves the plan after what was recorded on it; a role changes on a part already assigned.
  for (const unitId of removeUnitIds) requireNotBefore(revised, latestFactOf(partOf(item.assignments, unitId)!, command, item.assignments));

  for (const { unitId } of roleChanges) requireNotBefore(revised, assignmentOf(partOf(item.assignments, unitId)!, command));
  const events: WorkPlanItemStreamEvent[] = [];
  if (reworded) events.push({ type: 'WorkPlanItemAmended', data: { itemId, ...wording, reason, amendedOn: on } });
  if (rescheduled) {
    requireCalendarDate(dueDate, say(`The due date of item ${definition.code}`, `事项 ${definition.code} 的完成时限`));
    if (command.planApprovedOn !== undefined) requireDueAfterApproval(definition.code, dueDate, command.planApprovedOn);
    // Moved to a day already past, every open part would be overdue the moment it was moved (breaker11 F14).
    if (dueDate !== definition.dueDate && isAfter(on, dueDate)) {
      throw badInput(
        `The new due date of item ${definition.code} (${dueDate}) is before the day of the revision (${on}): its units would be overdue at once. ` +
          `If the ${command.revisedOnNamed ? 'change' : 'version'} took effect before ${dueDate}, give that day as ${command.revisedOnNamed?.en ?? "the revision's assignment date (assignedOn, --assigned-on)"}.`,
        `事项 ${definition.code} 的新完成时限（${dueDate}）早于调整日期（${on}），各单位一经调整即已逾期，日期顺序不对。` +
          `如本次调整实际在 ${dueDate} 之前施行，请按实际填写${command.revisedOnNamed?.zh ?? '“事项交办日期”（即调整日期）'}。`,
        { field: 'dueDate' },
      );
    }
    const override = boundedDueDate(dueDate, command, NEW_DUE_DATE);
    if (terms.kind === 'AT_ONCE' && dueDate !== on) {
      throw badInput(
        `Item ${definition.code} to fix at once (立行立改) is due on the day of the revision (${on}), not on ${dueDate}.`,
        `事项 ${definition.code} 改为立行立改，应于调整当日（${on}）完成，而不是 ${dueDate}。`,
      );
    }
    const newTerms = termsChanged ? { terms } : {};
    // A unit the version gives its own date, the day (and terms) its part has now, stays there: never moved with the item and
    // back again in the same decision (breaker50-10 M8: only the lead's row of the export re-dated, the other unit's part went
    // 09-30 → 11-15 → 09-30, and the summary told a change from a day it never had).
    const staying = new Set(
      ownDues.filter(([unitId, due]) => {
        const part = partOf(item.assignments, unitId);
        return part !== undefined && part.dueDate === due.dueDate && termsKey(part.terms) === termsKey(due.terms);
      }).map(([unitId]) => unitId),
    );
    // Each part the item's move takes past the plan's period records the override too (newcomer49-10 S3).
    const withOverride = (event: AssignmentEvent): AssignmentEvent => (override && event.type === 'PartsRescheduled' && isAfter(event.data.dueDate, override.limit) ? { ...event, data: { ...event.data, dueDateOverride: override } } : event);
    events.push(
      {
        type: 'WorkPlanItemRescheduled',
        data: { itemId, previousDueDate: definition.dueDate, dueDate, reason, rescheduledOn: on, ...recorded(override), ...(termsChanged ? { terms, previousTerms: definition.terms ?? BY_DATE } : {}) },
      },
      ...[
        ...partsMovedBut(item.assignments, staying, definition.dueDate, dueDate, on, newTerms, termsChanged),
        // A part given more time (an extension, a later date on return) that the plan now overtakes follows the item:
        // what the plan later grants is never shortened by an extension asked earlier (breaker10c P12).
        ...overtakenDueDates(item.assignments, definition.dueDate, dueDate).flatMap((previousDueDate): AssignmentEvent[] => {
          const { unitIds, all } = movedOf(item.assignments, (part) => part.dueDate === previousDueDate, on);
          return unitIds.length === 0 ? [] : [{ type: 'PartsRescheduled', data: { previousDueDate, dueDate, rescheduledOn: on, ...newTerms, ...(all ? {} : { unitIds }) } }];
        }),
      ].map(withOverride),
    );
  }
  let assignments = events.filter(isAssignmentEvent).reduce(evolveAssignments, item.assignments);
  const apply = (event: AssignmentEvent) => {
    events.push(event);
    assignments = evolveAssignments(assignments, event);
  };
  // A unit's own due date (its row's 完成时限), once the item has moved: that part alone moves (breaker10f P3).
  for (const [unitId, due] of ownDues) {
    const part = partOf(assignments, unitId);
    if (!part || part.status === 'VERIFIED' || (part.dueDate === due.dueDate && termsKey(part.terms) === termsKey(due.terms))) continue;
    const unit = unitNamed(command, unitId);
    const what = say(`The due date of ${unit.en}'s part of item ${definition.code}`, `${unit.zh}在事项 ${definition.code} 中的完成时限`);
    requireCalendarDate(due.dueDate, what);
    if (command.planApprovedOn !== undefined) requireDueAfterApproval(definition.code, due.dueDate, command.planApprovedOn);
    if (due.dueDate !== part.dueDate && isAfter(on, due.dueDate)) {
      throw badInput(
        `${capitalise(what.en)} (${due.dueDate}) is before the day of the revision (${on}): the unit would be overdue at once.`,
        `${what.zh}（${due.dueDate}）早于调整日期（${on}），该单位一经调整即已逾期，日期顺序不对。`,
        { field: 'dueDate' },
      );
    }
    // A part moved past the plan's period records the override and its reason, as a part assigned past it does (newcomer49-10 S3).
    const override = boundedDueDate(due.dueDate, command, NEW_DUE_DATE);
    const newTerms = termsKey(part.terms) === termsKey(due.terms) ? {} : { terms: due.terms };
    apply({ type: 'PartsRescheduled', data: { previousDueDate: part.dueDate, dueDate: due.dueDate, rescheduledOn: on, ...newTerms, unitIds: [unitId], ...recorded(override) } });
  }
  const changeRole = ({ unitId, role }: UnitToAdd) =>
    apply({ type: 'PartRoleChanged', data: { unitId, role, previousRole: partOf(assignments, unitId)!.role, reason, changedOn: on } });
  // A lead steps down before another leads: the part keeps its progress in its new role.
  roleChanges.filter((change) => change.role !== 'LEAD').forEach(changeRole);
  for (const unitId of removeUnitIds) apply({ type: 'UnitUnassigned', data: { unitId, reason, unassignedOn: on } });
  const coLeadUnitIds = command.leadUnitIds ?? [];
  for (const change of roleChanges.filter((each) => each.role === 'LEAD')) {
    const lead = partsOf(assignments).find((part) => part.role === 'LEAD' && !coLeadUnitIds.includes(part.unitId));
    if (lead) {
      const [leading, next] = [unitNamed(command, lead.unitId), unitNamed(command, change.unitId)];
      throw conflict(
        `${capitalise(leading.en)} is still the lead unit of item ${definition.code}; make it responsible in the same revision to hand the lead to ${next.en}, or name both as joint leads in a new version of the plan.`,
        `${leading.zh}仍是事项 ${definition.code} 的牵头单位：如需改由${next.zh}牵头，请在同一次调整中把原牵头单位改为责任单位；如为联合牵头，请在新版方案中一并列明。`,
      );
    }
    changeRole(change);
  }
  // A unit added to an item already past due would be overdue the moment it got its part (breaker11 F14).
  if (addUnits.some((unit) => isAfter(on, unit.due?.dueDate ?? dueDate))) {
    throw badInput(
      `The due date of item ${definition.code} (${dueDate}) is before the day of the revision (${on}): units added now would be overdue at once; give the item a new due date in the same revision.`,
      `事项 ${definition.code} 的完成时限（${dueDate}）早于调整日期（${on}）：新增的单位一经交办即已逾期，请在同一次调整中给出新的完成时限。`,
      { field: 'dueDate' },
    );
  }
  // Lead units leave before new ones come: a revision may hand the lead to another unit.
  const { dueDateLimit, dueDateOverride } = command;
  for (const { unitId, role, due } of [...addUnits].sort((a, b) => (a.role === b.role ? 0 : a.role === 'LEAD' ? -1 : 1))) {
    const assigned = decideAssignment(
      {
        type: 'AssignUnit',
        actor: command.actor,
        today: command.today,
        assignedOn: on,
        unitId,
        role,
        dueDate: due?.dueDate ?? dueDate,
        terms: due?.terms ?? terms,
        dueDateLimit,
        dueDateOverride,
        unitNames: command.unitNames,
        coLeadUnitIds,
      },
      assignments,
      { parentClosed: false },
    );
    // The revision's reason goes with the unit it added (breaker51-10 S6): the history and a later version's undo text name it.
    const withReason = assigned.map((event) => (event.type === 'UnitAssigned' && reason !== '' ? { ...event, data: { ...event.data, reason } } : event));
    assignments = withReason.reduce(evolveAssignments, assignments);
    events.push(...withReason);
  }
  // A unit added on a day before its merge or hand-over (机构改革) recorded since: its part passes on that day,
  // as a finding's does and as the reorganisation would have passed it had it been entered in order (breaker8c P11).
  // With hand-overs known, `handOversDue` passes merged units' parts too, day by day with the hand-overs (breaker8j P2).
  if (!command.unitNames?.handOversOf) handOversAfterMerges({ ...command, assignedOn: on }, addUnits).forEach(apply);
  if (addUnits.length > 0) handOversDue({ ...command, parentNoun: ITEM_NOUN }, assignments).forEach(apply);
  // A unit removed counts for no lead, also while the removal would keep its part (a report awaiting inspection, refused below).
  const keptByThisRemoval = (unitId: string) => removeUnitIds.includes(unitId) && assignments.removalsKept !== undefined && assignments.removalsKept[unitId]?.unassignedOn === on;
  if (!partsOf(assignments).some((part) => part.role === 'LEAD' && !keptByThisRemoval(part.unitId))) {
    throw badInput(
      `Work-plan item ${definition.code} needs a lead unit (牵头单位): to hand the lead to another unit, add it as lead replacing the current one (addWorkPlanItemUnit with role LEAD and replacesLead), then remove the old lead if it has no part left to play.`,
      `工作事项 ${definition.code} 须有牵头单位：如需更换牵头单位，请先以“牵头”增加新单位并勾选“替换原牵头单位”（原牵头单位改为责任单位，进度保留），再视需要移除原牵头单位。`,
    );
  }
  // Dated after all its facts, the part stands as it does now: a report awaiting inspection is not dropped (newcomer53-10 S1).
  for (const unitId of removeUnitIds) {
    const part = partOf(item.assignments, unitId)!;
    if (part.status === 'REPORTED') throw reportAwaitingKept(definition.code, part, unitNamed(command, unitId));
  }
  if (item.status === 'open' && removeUnitIds.length > 0) {
    // Taken off before a reopening of the other parts typed while it was open: by date the item was complete then (h52a) — also
    // when the parts it reopened were re-reported and passed since (breaker53-8 S1: 完成 was written alone, on their last pass).
    const story = parts.closedBeforeItsReopening(item, item.assignments, assignments);
    events.push(...story);
    const afterStory = story.filter(isAssignmentEvent).reduce(evolveAssignments, assignments);
    if (allPartsVerified(afterStory)) {
      // Complete from the revision, or from the last verification if that came later.
      const lastVerified = closedOn(afterStory)!;
      events.push({ type: 'WorkPlanItemCompleted', data: { itemId, completedOn: lastVerified > on ? lastVerified : on } });
    }
  }
  return events;
}

/**
 * The revision of an item listed again, read after its parts passed by the reorganisations (机构改革) dated while it was out of
 * the plan (`passed`, breaker11q P1): the version's changes were read from the item as it stood withdrawn — a merged unit's
 * part still its own — so a unit it removes or re-roles whose part passed on stands for its successor (the part's holder
 * now), and a successor it adds that now holds that part is no change. `assignments`: the parts after `passed`.
 */
function withSuccessors(command: ReviseWorkPlanItem, passed: readonly WorkPlanItemStreamEvent[], assignments: AssignmentsState): ReviseWorkPlanItem {
  const passedTo = new Map<string, string>();
  for (const event of passed) if (event.type === 'PartHandedOver') passedTo.set(event.data.unitId, event.data.successorUnitId);
  if (passedTo.size === 0) return command;
  /** The unit holding now the part `unitId` held before the hand-overs (itself when it still holds one). */
  const holder = (unitId: string): string => {
    let at = unitId;
    for (let step = 0; step < 32 && !partOf(assignments, at) && passedTo.has(at); step += 1) at = passedTo.get(at)!;
    return at;
  };
  const standsFor = new Set((command.removeUnitIds ?? []).filter((unitId) => holder(unitId) !== unitId).map(holder));
  const added = new Set((command.addUnits ?? []).map((unit) => unit.unitId));
  const removeUnitIds = [...new Set((command.removeUnitIds ?? []).map(holder))].filter((unitId) => !(standsFor.has(unitId) && added.has(unitId)));
  const addUnits = (command.addUnits ?? []).filter((unit) => !(standsFor.has(unit.unitId) && partOf(assignments, unit.unitId)));
  const changeRoles = command.changeRoles?.map((change) => ({ ...change, unitId: holder(change.unitId) }));
  return { ...command, removeUnitIds, addUnits, ...(changeRoles ? { changeRoles } : {}) };
}

/**
 * WorkPlanItemReinstated for a withdrawn item a new version lists again (see ReviseWorkPlanItem's
 * `reinstate`): a reason is needed, the day is a business day after the withdrawal's and not
 * before the plan's approval. BAD_USER_INPUT (field revisedOn) otherwise.
 */
function reinstateItem(command: ReviseWorkPlanItem, item: WithdrawnWorkPlanItem): WorkPlanItemStreamEvent {
  requireText(command.reason, say('A reason for listing the item again', '恢复列入方案的理由'));
  const on = command.revisedOn;
  const name = itemNamed(item);
  requireBusinessDay(on, command.today, say(`The day ${name.en} is listed again`, `${name.zh}恢复列入方案的日期`));
  if (on <= item.withdrawnOn) {
    throw badInput(
      `${capitalise(name.en)} was withdrawn on ${item.withdrawnOn}; a version listing it again takes effect after that day (${on} is not). If the withdrawal was entered by mistake, take it back (撤销有误，恢复事项) instead.`,
      `${name.zh}已于 ${item.withdrawnOn} 撤销，恢复列入方案的日期须晚于撤销日期（${on} 不行）。如撤销本身有误，请用“撤销有误，恢复事项”。`,
      { field: 'revisedOn' },
    );
  }
  if (command.planApprovedOn !== undefined) requireNotBefore({ day: on, what: say(`the day ${name.en} is listed again`, `${name.zh}恢复列入方案的日期`) }, planApproval(command.planApprovedOn));
  return { type: 'WorkPlanItemReinstated', data: { itemId: item.itemId, reason: command.reason.trim(), reinstatedOn: on } };
}

/**
 * The PartsRescheduled that move the item's open parts due on `from` to `to`. A part whose granted
 * extension runs past `to` (the plan moving the item earlier, say going back to a version before
 * the one that moved it later) stays at the day it was granted, at most `from`: a re-dating never
 * cuts what a supervisor granted (breaker10d P31). Terms changed (常态化 …) move every part.
 */
function partsMoved(assignments: AssignmentsState, from: string, to: string, rescheduledOn: string, newTerms: { terms?: DueTerms }, termsChanged: boolean): AssignmentEvent[] {
  const returnedThatDay = returnedWithDateOn(assignments, rescheduledOn);
  if (partsOf(assignments).some((part) => part.status !== 'VERIFIED' && part.dueDate === from && returnedThatDay.has(part.unitId))) {
    // A part a return of the re-dating's own day gave its own date keeps it (breaker8u P1's rest, `returnedWithDateOn`): the others move, named.
    const { unitIds } = movedOf(assignments, (part) => part.dueDate === from, rescheduledOn);
    const moved = partsMovedOf(partsOf(assignments).filter((part) => unitIds.includes(part.unitId)), from, to, rescheduledOn, newTerms, termsChanged);
    return moved.map((event) => (event.type === 'PartsRescheduled' && event.data.unitIds === undefined ? { ...event, data: { ...event.data, unitIds } } : event)).filter((event) => event.type !== 'PartsRescheduled' || event.data.unitIds === undefined || event.data.unitIds.length > 0);
  }
  return partsMovedOf(partsOf(assignments).filter((part) => part.status !== 'VERIFIED' && part.dueDate === from), from, to, rescheduledOn, newTerms, termsChanged);
}

/**
 * `partsMoved` leaving out the parts of `staying` (units whose own date the revision keeps): the events moving "every part due on
 * `from`" then name the others.
 */
function partsMovedBut(assignments: AssignmentsState, staying: ReadonlySet<string>, from: string, to: string, rescheduledOn: string, newTerms: { terms?: DueTerms }, termsChanged: boolean): AssignmentEvent[] {
  if (staying.size === 0) return partsMoved(assignments, from, to, rescheduledOn, newTerms, termsChanged);
  const parts = Object.fromEntries(Object.entries(assignments.parts).filter(([unitId]) => !staying.has(unitId)));
  const others = { ...assignments, parts };
  const dueOnFrom = partsOf(others).filter((part) => part.status !== 'VERIFIED' && part.dueDate === from).map((part) => part.unitId);
  return partsMoved(others, from, to, rescheduledOn, newTerms, termsChanged)
    .map((event) => (event.type === 'PartsRescheduled' && event.data.unitIds === undefined ? { ...event, data: { ...event.data, unitIds: dueOnFrom } } : event))
    .filter((event) => event.type !== 'PartsRescheduled' || event.data.unitIds === undefined || event.data.unitIds.length > 0);
}

/**
 * The units whose part a send-back, failed inspection or reopening dated office day `day` (`YYYY-MM-DD`) gave a new due
 * date — folded in business order, corrections applied. A re-dating of the item on that day leaves each such part at the date
 * its return gave, whichever paper was typed first (breaker8u P1's rest: typed after the return, the re-dating moved the
 * part on — as an overtaken later date, or as due on the old date — and typed before it, the return set its own date): the
 * office's return of the part that day is its last word on that part's deadline. Parts returned keeping their date follow
 * the plan as the others do.
 */
function returnedWithDateOn(assignments: AssignmentsState, day: string): Set<string> {
  const units = new Set<string>();
  for (const { event, occurredOn } of inBusinessOrderOf(assignments.recorded)) {
    if (occurredOn !== day) continue;
    if ((event.type === 'ReportSentBack' || (event.type === 'InspectionLogged' && event.data.outcome === 'FAILED')) && event.data.newDueDate !== undefined) units.add(event.data.unitId);
    if (event.type === 'PartsReopened' && event.data.newDueDate !== undefined) {
      for (const part of partsOf(assignments)) if (event.data.unitIds === undefined || event.data.unitIds.includes(part.unitId)) units.add(part.unitId);
    }
  }
  return units;
}

/** The open parts `due` picks, less those a return of `day` gave their own date (`returnedWithDateOn`); `all` when none was left out. */
function movedOf(assignments: AssignmentsState, due: (part: AssignmentPart) => boolean, day: string): { unitIds: string[]; all: boolean } {
  const open = partsOf(assignments).filter((part) => part.status !== 'VERIFIED' && due(part));
  const returned = returnedWithDateOn(assignments, day);
  const unitIds = open.filter((part) => !returned.has(part.unitId)).map((part) => part.unitId);
  return { unitIds, all: unitIds.length === open.length };
}

/** `partsMoved` for the open parts `open` (each due on `from`). */
function partsMovedOf(open: readonly AssignmentPart[], from: string, to: string, rescheduledOn: string, newTerms: { terms?: DueTerms }, termsChanged: boolean): AssignmentEvent[] {
  const grantedOf = (part: AssignmentPart): string | undefined =>
    part.extensionRequests.flatMap((request) => (request.status === 'GRANTED' && request.grantedDueDate !== undefined ? [request.grantedDueDate] : [])).sort().at(-1);
  const kept = termsChanged || !isAfter(from, to) ? [] : open.flatMap((part) => {
    const granted = grantedOf(part);
    return granted !== undefined && isAfter(granted, to) ? [{ unitId: part.unitId, dueDate: isAfter(granted, from) ? from : granted }] : [];
  });
  if (kept.length === 0) return [{ type: 'PartsRescheduled', data: { previousDueDate: from, dueDate: to, rescheduledOn, ...newTerms } }];
  const keptUnits = new Set(kept.map((part) => part.unitId));
  const others = open.filter((part) => !keptUnits.has(part.unitId)).map((part) => part.unitId);
  return [
    ...(others.length === 0 ? [] : [{ type: 'PartsRescheduled' as const, data: { previousDueDate: from, dueDate: to, rescheduledOn, ...newTerms, unitIds: others } }]),
    ...kept
      .filter((part) => part.dueDate !== from)
      .map((part): AssignmentEvent => ({ type: 'PartsRescheduled', data: { previousDueDate: from, dueDate: part.dueDate, rescheduledOn, ...newTerms, unitIds: [part.unitId] } })),
  ];
}

/**
 * The due dates (`YYYY-MM-DD`, ascending, each once) of the item's open parts that lie after its old
 * due date `from` and before its new one `to`: parts given more time than the item had, which a
 * later re-dating overtakes. None when the item moves earlier.
 */
function overtakenDueDates(assignments: AssignmentsState, from: string, to: string): string[] {
  const days = partsOf(assignments)
    .filter((part) => part.status !== 'VERIFIED' && isAfter(part.dueDate, from) && isAfter(to, part.dueDate))
    .map((part) => part.dueDate);
  return [...new Set(days)].sort();
}

/**
 * CONFLICT: a verified part is done work on the record (breaker8c P14): a plan change never takes
 * it off the item, or the item's close-out day and the unit's on-time credit would move because
 * of a fact dated after them. A revision leaves such a unit in place (`PlanRevision.unitsKept`);
 * only a reopening returns the part, after which it can be removed.
 */
function verifiedPartKept(itemCode: string, part: AssignmentPart, unit: Bilingual): DomainError {
  return conflict(
    `The part of ${unit.en} in item ${itemCode} was verified on ${part.verifiedOn}: verified work stays on the record and is not removed by a plan change. If it was not in fact done, reopen the item first.`,
    `${unit.zh}在事项 ${itemCode} 中的任务已于 ${part.verifiedOn} 通过督查确认完成：已核验的任务作为记录保留，调整方案时不能移除。如该任务实际并未完成，请先重新打开该事项。`,
    { field: 'unitId' },
  );
}

/**
 * CONFLICT (newcomer53-10 S1): a part whose report awaits inspection is not taken off the item — removed, the report would be
 * dropped with no word and no one would inspect it (a 机构改革 split lost the old unit's progress). As the plan import keeps such a
 * unit (「保留待督查单位…」): inspect the report first (现场督查 or 退办), or hand the part over with its report to the unit taking
 * the duty on (移交任务 choosing this item: handOverUnitParts with `only`).
 */
function reportAwaitingKept(itemCode: string, part: AssignmentPart, unit: Bilingual): DomainError {
  const reportedOn = part.lastReport?.reportedOn;
  const when = reportedOn ? ` of ${reportedOn}` : '';
  return conflict(
    `The part of ${unit.en} in item ${itemCode} has a report${when} awaiting inspection: removing the unit would drop it unchecked. Inspect the report first (on-site inspection or send-back), then remove it; if another unit takes this duty over (机构改革, 职能划转), an administrator hands this part over with its report (handOverUnitParts with only this item; 单位名录 → 移交任务).`,
    `${unit.zh}在事项 ${itemCode} 中的任务已报告完成${reportedOn ? `（报告日期 ${reportedOn}）` : ''}、待督查：移除该单位会使这份报告无人督查、随任务一并丢失，不能移除。请先督查其报告（现场督查或退办）再移除；如因机构改革由其他单位接手这项职能（职能划转），可由系统管理员在单位名录中办理“移交任务”、只选本事项，任务连同报告一并移交。`,
    { field: 'unitId' },
  );
}

/** How refusals name an item: its code and title (工作事项 7「重大决策预公开」), never its id. */
const itemNamed = ({ definition }: DefinedItemFacts): Bilingual =>
  say(`item ${definition.code} 「${definition.title}」`, `工作事项 ${definition.code}「${definition.title}」`);

/** The day the item's work began: its earliest part's assignment (its plan's items are assigned together). */
/** The office day of the item's latest re-dating (its parts' PartsRescheduled, by hand or by a version), or null when never re-dated. */
function latestRedatingOf(item: DefinedItemFacts): DatedFact | null {
  const days = item.assignments.recorded.flatMap((event) => (event.type === 'PartsRescheduled' ? [event.data.rescheduledOn] : [])).sort();
  const day = days.at(-1);
  return day === undefined ? null : { day, what: say(`the latest re-dating of item ${item.definition.code}`, `事项 ${item.definition.code} 上一次调整时限的日期`) };
}

function itemAssignmentOf(item: DefinedItemFacts): DatedFact | null {
  const days = partsOf(item.assignments).map((part) => part.assignedOn).sort();
  return days[0] === undefined ? null : { day: days[0], what: say(`the assignment of item ${item.definition.code}`, `事项 ${item.definition.code} 的交办日期`) };
}

/**
 * A unit's assignment day on the item, corrected: a unit assigned with the plan (the import's
 * 交办日期, mistyped) is corrected not before the plan's approval (`assignedFrom`, checked by the
 * lifecycle; breaker8d P10); a unit added to the item later (addWorkPlanItemUnit) not before the
 * item's first assignment, which it came after: BAD_USER_INPUT naming it.
 */
function requireRedatableAssignment(command: CorrectFactDate, item: DefinedItemFacts): void {
  const began = itemAssignmentOf(item);
  if (!began || command.previousOn <= began.day) return;
  requireNotBefore({ day: command.on, what: say('the corrected assignment date', '更正后的交办日期') }, began);
}

/** What a refusal to count set-aside records again advises (records entered before the withdrawal's late 补录 was refused, breaker11k P1). */
