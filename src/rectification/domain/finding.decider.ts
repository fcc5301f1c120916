import {
  assignmentsThroughWithdrawalDay,
  assignmentsOutside,
  closedOn,
  evolveAssignments,
  factDayOf,
  handOversDue,
  initialAssignmentsState,
  partsOf,
  recordsSetAsideByCorrection,
  setAsideRecordOf,
  type AssignmentsState,
  decideBeforeParentWithdrawal,
  correctedRecordDay,
  firstFactOf,
  unitNamed,
} from '../../assignments/domain/assignment.decider.js';
import { isAssignmentEvent, type SetAsideRecord } from '../../assignments/domain/assignment.events.js';
import {
  parentOfParts,
  type AssignmentBatch,
  type PartCommand,
  type ReopenRequest,
} from '../../assignments/domain/parent-of-parts.js';
import { Decider, unreachable } from '../../shared/decider.js';
import { DomainError, badInput, conflict, named, notFound, say, valueChangedMeanwhile } from '../../shared/domain-error.js';
import { capitalise, requireBusinessDay, requireNotBefore, requireRole, requireText, type DatedFact } from '../../shared/guards.js';
import { leadHandOver, leadHandOverRoleChanges } from '../../assignments/domain/lead-replacement.js';
import type { NamesUnits } from '../../assignments/domain/assignment.commands.js';
import {
  beganOnParent,
  directoryBefore,
  handOversAfterWithdrawal,
  partsVerifiedBy,
  refuseWithdrawingVerifiedWork,
  paperOfWithdrawalDay,
  undoneByVerification,
  withdrawalsStandingAgain,
  withdrawalUndoneReason,
  type WithdrawalUndoneByWork,
} from '../../assignments/domain/part-facts.js';
import type { FindingEvent, FindingRecorded, FindingStreamEvent } from './finding.events.js';

export type { UnitToAssign } from '../../assignments/domain/parent-of-parts.js';

// ---------------------------------------------------------------------------------------------
// commands

export interface RecordFinding {
  readonly type: 'RecordFinding';
  /** The office's current day (China time): `data.identifiedOn` is not after it. */
  readonly today: string;
  readonly data: FindingRecorded['data'];
  /** Facts the handler looked up in other streams and directories. */
  readonly evaluationExists: boolean;
  /** The office day the evaluation was received: nothing it names is identified before it. */
  readonly evaluationReceivedOn?: string;
  readonly unknownUnitIds: readonly string[];
  /**
   * A finding of the same evaluation, not withdrawn, with the same title's words, however it was
   * recorded (looked up by the handler): one problem is on the 台账 once (breaker11d P5/P10). An
   * import finds such a finding itself and leaves it out.
   */
  readonly sameTitleRecorded?: { readonly findingId: string; readonly title: string };
  /**
   * Findings of the same evaluation, not withdrawn, whose titles read as this one retyped (a few
   * characters apart, the same numbers: `FindingTitlesIndex.near`), nearest first, looked up by the
   * handler. Each must be named in `distinctFrom` — the office confirming a problem of its own
   * (微博/微信) — else the recording is refused naming it (breaker11e P1): the form keeps the
   * import's rule.
   */
  readonly nearTitlesRecorded?: readonly { readonly findingId: string; readonly title: string; readonly distance: number }[];
  /** Ids of `nearTitlesRecorded` findings the office confirmed are other problems. */
  readonly distinctFrom?: readonly string[];
}

/**
 * Assigns several units at once: the first batch names the LEAD (牵头单位; several lead jointly, 联合牵头) and any RESPONSIBLE
 * units (责任单位); later batches add RESPONSIBLE units. `unknownUnitIds` are the ids of `units`
 * that the units directory does not know, looked up by the handler.
 */
export interface AssignFinding extends AssignmentBatch {
  readonly type: 'AssignFinding';
  /**
   * 替换原牵头单位 (newcomer55-8 S4), as an item's lead is replaced: the one unit of `units`, given as LEAD, takes the lead — a new
   * unit assigned as lead on `assignedOn`, due on its `dueDate`, or a unit holding a part already has its part made lead — and
   * every current lead steps down to responsible, its part and progress kept (PartRoleChanged). Needs `reason`. Without it a
   * second lead is refused (「…已是牵头单位」).
   */
  readonly replacesLead?: true;
  /** With `replacesLead`: the lead unit the form showed (absent: not checked); another lead now is CONFLICT, nothing changed. */
  readonly expectedLeadUnitId?: string;
  /** With `replacesLead`: why the lead changes (e.g. 交办时牵头单位录错), kept on each role change. */
  readonly reason?: string;
}

/**
 * A finding of a rectification ledger (整改台账) recorded together with its parts: FindingRecorded
 * and the UnitAssigned of every unit in one decision, so that an import never leaves a finding it
 * recorded without the units the ledger gives it. The assignment follows AssignFinding's rules.
 */
export interface RecordAssignedFinding extends Omit<RecordFinding, 'type'> {
  readonly type: 'RecordAssignedFinding';
  readonly assignment: Omit<AssignmentBatch, 'today' | 'unknownUnitIds'>;
}

/**
 * Takes the finding off the 台账 (FindingWithdrawn), as the office's supervisor decides: a problem
 * recorded twice, or one the evaluator withdrew. Refused without a reason, on a day in the future,
 * before the finding was identified or before any of its parts was assigned or taken over (机构改革).
 * It may be dated before its units' own records already entered — a report, inspection, extension
 * request or return made before the office heard of the evaluator's letter (breaker11h P8): they stay
 * on the record, shown as made after the withdrawal, and count in no figure (a pass among them is
 * verified work, refused below).
 */
export interface WithdrawFinding extends NamesUnits {
  readonly type: 'WithdrawFinding';
  readonly reason: string;
  /** The office day it was withdrawn (YYYY-MM-DD). */
  readonly withdrawnOn: string;
  /** The office's current day (China time). */
  readonly today: string;
  /**
   * The id of the finding this one repeats (recorded twice, 重复登记): then it counts on no day at
   * all, past days included (breaker8d P5). Absent: withdrawn from `withdrawnOn` on (the evaluator
   * withdrew it), counting on the days before.
   */
  readonly duplicateOf?: string;
  /**
   * Set by the handler when `duplicateOf` is given: that finding as the ledger holds it, null when
   * there is none. The decision checks it is another finding of the same evaluation, still on the 台账.
   */
  readonly duplicate?: {
    readonly findingId: string;
    readonly evaluationId: string;
    readonly title: string;
    readonly withdrawn: boolean;
    /** When `withdrawn`: the office day it was (absent: taken as standing on no day, refused whatever the day). */
    readonly withdrawnOn?: string;
  } | null;
  /**
   * Set by the handler: the findings withdrawn as repeats of this one (their `duplicateOf` is this
   * finding), each with its withdrawal day. A repeat is withdrawn while its original stands, so this
   * one is not withdrawn on or before any of those days (breaker8g P17): BAD_USER_INPUT naming it.
   */
  readonly duplicates?: readonly DuplicateWithdrawn[];
}

/** A finding withdrawn as a repeat of another (重复登记), as the handler looks it up. */
export interface DuplicateWithdrawn {
  readonly findingId: string;
  readonly title: string;
  /** Its withdrawal's office day, YYYY-MM-DD. */
  readonly withdrawnOn: string;
}

/**
 * Corrects a withdrawal entered by mistake (breaker8f P1): on the wrong finding, or on the wrong day.
 * Without `withdrawnOn` the withdrawal is taken back — FindingWithdrawalUndone with the supervisor's
 * reason, dated the withdrawal's day as the one a late pass writes, so no day reads the finding
 * withdrawn once the correction is known. With `withdrawnOn` the withdrawal moves to that day: the
 * same undoing, then FindingWithdrawn on the corrected day with the first withdrawal's reason and
 * duplicate, judged by WithdrawFinding's rules on the finding as it stands without the withdrawal
 * (not before any part was assigned, no verified work; records dated after it stay and count nowhere). CONFLICT when it is not withdrawn.
 */
export interface CorrectWithdrawal extends NamesUnits {
  readonly type: 'CorrectWithdrawal';
  /** Why the withdrawal is corrected (更正理由), in the office's words. */
  readonly reason: string;
  /** The office day the finding was in fact withdrawn (YYYY-MM-DD); absent: it was not to be withdrawn at all. */
  readonly withdrawnOn?: string;
  /**
   * The withdrawal day as the form showed it (`YYYY-MM-DD`; sent by the web app, absent: not checked). Another day now — corrected
   * meanwhile by a colleague — is CONFLICT naming who set which day when (valueChangedMeanwhile), nothing changed (issue 9).
   */
  readonly expectedWithdrawnOn?: string;
  /** The office's current day (China time). */
  readonly today: string;
  /**
   * Set by the handler when the withdrawal named a finding it repeats (`duplicateOf`): that finding
   * as the ledger holds it now (null: none), checked again when the withdrawal is moved.
   */
  readonly duplicate?: WithdrawFinding['duplicate'];
  /** Set by the handler when the withdrawal is moved: the findings withdrawn as repeats of this one (see WithdrawFinding). */
  readonly duplicates?: WithdrawFinding['duplicates'];
}

/**
 * Corrects the day the finding was identified (更正发现日期, breaker9r P2 part 2): FindingIdentifiedOnCorrected with the
 * supervisor's reason, never a rewrite of FindingRecorded. The corrected day is judged as the recording judged it, and
 * against every record the finding has since: BAD_USER_INPUT (field `identifiedOn`) without a reason, for a day in the
 * future, the day it reads now, a day before the evaluation was received (`evaluationReceivedOn`), and a day after any
 * record of the finding — its first part's first fact (a 交办, kept even when the unit was taken off since), its
 * withdrawal, a circular citing it (`citedBy`) — naming that record and its day (a finding is identified before anything
 * is done about it). A withdrawn finding's day is corrected too (its history is kept right). NOT_FOUND when not recorded.
 */
export interface CorrectIdentifiedOn extends NamesUnits {
  readonly type: 'CorrectIdentifiedOn';
  /** The office day (YYYY-MM-DD) the finding was in fact identified. */
  readonly identifiedOn: string;
  /**
   * The identification day as the form showed it (`YYYY-MM-DD`; sent by the web app, absent: not checked). Another day now — corrected
   * meanwhile by a colleague — is CONFLICT naming who set which day when (valueChangedMeanwhile), nothing changed (issue 9).
   */
  readonly expectedIdentifiedOn?: string;
  /** Why it is corrected (更正理由), in the office's words. */
  readonly reason: string;
  /** The office's current day (China time): the correction is dated on it, and the corrected day is not after it. */
  readonly today: string;
  /** Set by the handler: the office day the evaluation was received (nothing it names is identified before). */
  readonly evaluationReceivedOn?: string;
  /** Set by the handler: the earliest-issued circular (通报) standing that cites the finding, by title and issue day; absent: none. */
  readonly citedBy?: { readonly title: string; readonly issuedOn: string };
}

/** Reopens a closed (销号) finding: every part must be reported and inspected again. */
export interface ReopenFinding extends ReopenRequest {
  readonly type: 'ReopenFinding';
}

/**
 * The assignment lifecycle's commands that a finding passes through unchanged. AssignUnit and
 * ReopenParts are left out: AssignFinding and ReopenFinding wrap them with the rules every parent
 * of parts has (a lead, or joint leads named together; reopening only what is closed).
 */
export type FindingPartCommand = PartCommand;

export type FindingCommand = (RecordFinding | RecordAssignedFinding | AssignFinding | ReopenFinding | WithdrawFinding | CorrectWithdrawal | CorrectIdentifiedOn | FindingPartCommand) & TitleHeld;

/**
 * Set by the handler on a command to a withdrawn finding: the evaluation's finding not withdrawn that
 * holds the same title's words now — recorded since the withdrawal gave the title back (README: the
 * way to record a problem again). A decision that would bring the withdrawn finding back on the 台账
 * (an undo, a pass dated before the withdrawal) is then refused: one problem is recorded once
 * (breaker11l P1). Absent: none.
 */
export interface TitleHeld {
  readonly titleHeldBy?: { readonly findingId: string; readonly title: string; /** It is closed (已销号): withdrawing it needs a reopening first. */ readonly closed?: boolean };
  /**
   * Set by the handler with `titleHeldBy`: the evaluation's findings not withdrawn, recorded since,
   * whose titles read as this one retyped (《X》, X（终稿）: `FindingTitlesIndex.near`), nearest first.
   * A decision that would bring the withdrawn finding back beside one of them is refused with the
   * question a recording of that title is asked (breaker11m P3), unless the office confirmed it is
   * another problem (`distinctFrom`: 恢复问题's 这是另一个问题). Absent: none.
   */
  readonly nearTitlesHeld?: readonly { readonly findingId: string; readonly title: string; readonly distance: number }[];
  /** Ids of `nearTitlesHeld` (or, recording, `nearTitlesRecorded`) findings the office confirmed are other problems. */
  readonly distinctFrom?: readonly string[];
}

// ---------------------------------------------------------------------------------------------
// state

/** What every recorded finding has, whatever its status. */
interface RecordedFindingFacts {
  readonly findingId: string;
  readonly evaluationId: string;
  /** The office day it was identified (YYYY-MM-DD): no unit is assigned it before. */
  readonly identifiedOn: string;
  /** Its title, as refusals name it. */
  readonly title: string;
  /** The units the evaluation named as concerned (before any is assigned); absent in states folded before it was kept. */
  readonly concernedUnitIds?: readonly string[];
  /** One part per assigned unit, kept by the shared assignment lifecycle. */
  readonly assignments: AssignmentsState;
  /**
   * Its withdrawals a pass dated before them made not stand (撤销不成立), each judged again whenever its parts change
   * (`withdrawalsBack`: breaker11o P8); absent or empty when none.
   */
  readonly undoneByWork?: readonly WithdrawalUndoneByWork[];
  /**
   * Its units' records set aside for good (FindingWithdrawalUndone.recordsSetAside: made after a withdrawal, before the
   * office heard of it, they no longer held once a pass dated before it or the office's correction took it back —
   * breaker11q P5): kept on the record, counted nowhere, every command judged without them (`counted`). Absent when none.
   */
  readonly recordsSetAside?: readonly SetAsideRecord[];
}

export type OpenFinding = RecordedFindingFacts & { readonly status: 'open' };
/** 销号: every part verified. Reopening makes it `open` again. */
export type ClosedFinding = RecordedFindingFacts & { readonly status: 'closed'; readonly closedOn: string };
/** Off the 台账 (FindingWithdrawn): a record, taking no more work. */
export type WithdrawnFinding = RecordedFindingFacts & {
  readonly status: 'withdrawn';
  readonly withdrawnOn: string;
  readonly withdrawalReason: string;
  /** The finding it repeats (FindingWithdrawn.duplicateOf), when the withdrawal named one. */
  readonly duplicateOf?: string;
};
export type RecordedFindingState = OpenFinding | ClosedFinding;

export type FindingState = { readonly status: 'unrecorded' } | RecordedFindingState | WithdrawnFinding;

export const findingDecider: Decider<FindingCommand, FindingState, FindingStreamEvent> = {
  initialState: () => ({ status: 'unrecorded' }),
  evolve: evolveFinding,
  decide: decideFinding,
};

// ---------------------------------------------------------------------------------------------
// evolve

function evolveFinding(state: FindingState, event: FindingStreamEvent): FindingState {
  if (isAssignmentEvent(event)) {
    // Events are facts `decide` already checked; nothing is assigned before the finding exists.
    if (state.status === 'unrecorded') return state;
    const next = { ...state, assignments: evolveAssignments(state.assignments, event) };
    // 撤销误录 (newcomer51-8 S1): no close-out or reopening is written with a retraction — the finding is closed (on its last
    // verification) or open as its parts stand without the record, as every view reads it.
    if (event.type !== 'RecordRetracted' || next.status === 'withdrawn') return next;
    const closedDay = closedOn(counted(next).assignments);
    return closedDay === null ? { ...recordedPartOf(next), status: 'open' } : { ...recordedPartOf(next), status: 'closed', closedOn: closedDay };
  }
  switch (event.type) {
    case 'FindingRecorded':
      return {
        status: 'open',
        findingId: event.data.findingId,
        evaluationId: event.data.evaluationId,
        identifiedOn: event.data.identifiedOn,
        title: event.data.title,
        concernedUnitIds: event.data.concernedUnitIds ?? [],
        assignments: initialAssignmentsState(),
      };
    case 'FindingClosedOut':
      if (state.status === 'unrecorded' || state.status === 'withdrawn') return state;
      return { ...recordedPartOf(state), status: 'closed', closedOn: event.data.closedOn };
    case 'FindingReopened':
      if (state.status === 'unrecorded' || state.status === 'withdrawn') return state;
      return { ...recordedPartOf(state), status: 'open' };
    case 'FindingWithdrawn': {
      if (state.status === 'unrecorded') return state;
      // A withdrawal a pass had undone that stands again (breaker11o P8) is no longer undone.
      const facts = withUndoneByWork(recordedPartOf(state), (state.undoneByWork ?? []).filter((undone) => undone.withdrawnOn !== event.data.withdrawnOn));
      if (state.status === 'withdrawn') return { ...state, ...facts };
      return {
        ...facts,
        status: 'withdrawn',
        withdrawnOn: event.data.withdrawnOn,
        withdrawalReason: event.data.reason,
        ...(event.data.duplicateOf === undefined ? {} : { duplicateOf: event.data.duplicateOf }),
      };
    }
    case 'FindingWithdrawalUndone': {
      if (state.status === 'unrecorded') return state;
      const setAside = event.data.recordsSetAside ?? [];
      if (setAside.length > 0) {
        // Its records that no longer hold count nowhere for good, whatever becomes of the withdrawal (breaker11q P5).
        const kept = { ...state, recordsSetAside: [...(state.recordsSetAside ?? []), ...setAside] } as FindingState;
        return evolveFinding(kept, { ...event, data: { ...event.data, recordsSetAside: [] } });
      }
      // It undoes the withdrawal of its day only: folded by day, a withdrawal moved earlier (breaker8f P1) stays.
      if (state.status !== 'withdrawn' || state.withdrawnOn !== event.data.withdrawnOn) return state;
      // Undone by a pass, it is judged again when that pass changes (breaker11o P8).
      const { withdrawnOn, withdrawalReason: reason, duplicateOf } = state;
      const undone: WithdrawalUndoneByWork[] = undoneByVerification(event.data) ? [{ withdrawnOn, reason, ...(duplicateOf === undefined ? {} : { duplicateOf }) }] : [];
      const facts = withUndoneByWork(recordedPartOf(state), [...(state.undoneByWork ?? []), ...undone]);
      // Back on the 台账 as its parts stand (as they count): closed (销号) on its last verification when every part is verified.
      const closedDay = closedOn(counted(state).assignments);
      return closedDay === null ? { ...facts, status: 'open' } : { ...facts, status: 'closed', closedOn: closedDay };
    }
    case 'FindingIdentifiedOnCorrected':
      return state.status === 'unrecorded' ? state : { ...state, identifiedOn: event.data.identifiedOn };
    default:
      return unreachable(event);
  }
}

/** Leaves behind what belongs to one status only, such as `closedOn`. */
const recordedPartOf = ({ findingId, evaluationId, identifiedOn, title, concernedUnitIds, assignments, undoneByWork, recordsSetAside }: RecordedFindingFacts): RecordedFindingFacts => ({
  findingId,
  concernedUnitIds,
  evaluationId,
  identifiedOn,
  title,
  assignments,
  ...(undoneByWork && undoneByWork.length > 0 ? { undoneByWork } : {}),
  ...(recordsSetAside && recordsSetAside.length > 0 ? { recordsSetAside } : {}),
});

/**
 * The finding as it counts: its parts without its units' records set aside for good (`recordsSetAside`, breaker11q P5) —
 * what every command on it is judged on, as a work-plan item's `counted`. The finding itself when it has none.
 */
function counted<Finding extends RecordedFindingFacts>(finding: Finding): Finding {
  const records = finding.recordsSetAside ?? [];
  if (records.length === 0) return finding;
  const assignments = assignmentsOutside(finding.assignments, records.map(setAsideRecordOf));
  return assignments === finding.assignments ? finding : { ...finding, assignments };
}

/** The parts of a finding as every figure counts them (`counted`); undefined for a finding not recorded. */
export function findingAssignmentsAsTheyCount(state: FindingState): AssignmentsState | undefined {
  return state.status === 'unrecorded' ? undefined : counted(state).assignments;
}

/** The facts with `undoneByWork` replaced (left out when empty). */
function withUndoneByWork(facts: RecordedFindingFacts, undoneByWork: readonly WithdrawalUndoneByWork[]): RecordedFindingFacts {
  const { undoneByWork: _before, ...rest } = facts;
  return undoneByWork.length > 0 ? { ...rest, undoneByWork } : rest;
}

// ---------------------------------------------------------------------------------------------
// decide

/** Assigning, the parts' lifecycle, automatic close-out and reopening: the same for every parent of parts. */
const parts = parentOfParts<RecordedFindingState, FindingEvent>({
  noun: say('finding', '问题'),
  nameOf: (finding) => say(`Finding 「${finding.title}」`, `问题「${finding.title}」`),
  assignmentsOf: (finding) => finding.assignments,
  isClosed: (finding) => finding.status === 'closed',
  closedEvent: (finding, closedOn) => ({ type: 'FindingClosedOut', data: { findingId: finding.findingId, closedOn } }),
  reopenedEvent: (finding, { reason, reopenedOn }) => ({ type: 'FindingReopened', data: { findingId: finding.findingId, reason, reopenedOn } }),
});

function decideFinding(command: FindingCommand, recordedState: FindingState): FindingStreamEvent[] {
  // Judged without its units' records set aside for good (breaker11q P5): they count nowhere.
  const state = recordedState.status === 'unrecorded' ? recordedState : counted(recordedState);
  const decided = decideOnFinding(command, state);
  // A change to its parts may take away the pass that made a withdrawal not stand (breaker11o P8).
  const changesParts = command.type === 'ReopenFinding' || isPartCommand(command);
  const events = changesParts && state.status !== 'unrecorded' ? [...decided, ...withdrawalsBack(state, decided, command as FindingPartCommand | ReopenFinding)] : decided;
  if (state.status !== 'withdrawn' || (!command.titleHeldBy && !command.nearTitlesHeld?.length)) return events;
  if (events.reduce(evolveFinding, state as FindingState).status === 'withdrawn') return events;
  if (command.titleHeldBy) refuseSecondLiveCopy(state, command.titleHeldBy, 'actor' in command ? command.actor.role : 'SUPERVISOR');
  const confirmed = new Set(command.distinctFrom ?? []);
  const near = command.nearTitlesHeld?.find((finding) => !confirmed.has(finding.findingId));
  if (near) refuseBesideNearCopy(state, near);
  return events;
}

/**
 * CONFLICT: the withdrawn finding would come back on the 台账 beside `near`, recorded since under a
 * title that reads as this one retyped — the question recordFinding asks of such a title, which
 * nobody answered (breaker11m P3). A supervisor answers it when taking the withdrawal back
 * (`distinctFrom`); a late record by a unit or an inspector cannot, and is refused the same way.
 */
function refuseBesideNearCopy(finding: WithdrawnFinding, near: NonNullable<TitleHeld['nearTitlesHeld']>[number]): never {
  throw conflict(
    `Finding 「${finding.title}」 would be back on the ledger beside finding 「${near.title}」 (${near.findingId}), recorded since ${near.distance} character${near.distance === 1 ? '' : 's'} from its title: is it the same problem? ` +
      'If so, work on that one; if it is another problem, a supervisor confirms it (distinctFrom) when taking this withdrawal back.',
    `该评估已另行登记问题「${near.title}」，与本问题「${finding.title}」只差 ${near.distance} 个字：是否同一问题？如是同一问题，请在那条上办理，本问题不必恢复；如确是另一个问题，请督办人员在“撤销有误，恢复问题”时确认“这是另一个问题”。`,
    { field: 'title', findingId: near.findingId, nearTitle: near.title, heldBy: near.findingId },
  );
}

/**
 * CONFLICT: bringing the withdrawn finding back on the 台账 would make two live records of one problem,
 * the other (`heldBy`) recorded since under the same title (breaker11l P1). The advice is a step the
 * person can take (breaker11m P6): a unit's or an inspector's late record is told to ask a supervisor;
 * a supervisor is told the way that exists — withdraw the other first (a closed one reopened first) —
 * and what it costs: the other counted on the days before its withdrawal, so past days count the
 * problem twice (breaker11m P2) — or to work on the other.
 */
function refuseSecondLiveCopy(finding: WithdrawnFinding, heldBy: NonNullable<TitleHeld['titleHeldBy']>, role: string): never {
  const held = `该评估已另行登记同名问题「${heldBy.title}」${heldBy.closed ? '（已销号）' : ''}：本问题「${finding.title}」回到台账将使同一问题有两条在办记录。`;
  const heldEn = `Finding 「${finding.title}」 would be back on the ledger while the evaluation holds finding 「${heldBy.title}」 (${heldBy.findingId})${heldBy.closed ? ', closed,' : ''} recorded since under the same title: one problem would have two live records.`;
  if (role !== 'SUPERVISOR') {
    throw conflict(
      `${heldEn} This record cannot be entered; ask a supervisor, who decides whether this finding comes back or the work is recorded on the other.`,
      `${held}本次记录不能办理，请联系督办人员：由督办人员决定恢复本问题，或在那条上办理。`,
      { field: 'title', heldBy: heldBy.findingId },
    );
  }
  throw conflict(
    `${heldEn} If this one is to come back, withdraw the other first (reason: recorded twice${heldBy.closed ? '; being closed, it is reopened first' : ''}), then take this withdrawal back or enter the record — the other still counts on the days before its withdrawal, so past days count the problem twice; otherwise work on the other.`,
    `${held}如本问题应恢复，请先撤销另行登记的那条（撤销理由写明重复登记${heldBy.closed ? '；那条已销号，须先重新打开' : ''}），再恢复或补录——那条在其撤销日期之前的各日仍计入统计，以往各日将重复计入同一问题；否则请在那条上办理。`,
    { field: 'title', heldBy: heldBy.findingId },
  );
}

function decideOnFinding(command: FindingCommand, state: FindingState): FindingStreamEvent[] {
  switch (command.type) {
    case 'RecordFinding':
      return recordFinding(command, state);
    case 'RecordAssignedFinding': {
      const recorded = recordFinding({ ...command, type: 'RecordFinding' }, state);
      const finding = requireRecorded(recorded.reduce(evolveFinding, state));
      const { today, unknownUnitIds } = command;
      return [...recorded, ...assignFinding({ ...command.assignment, type: 'AssignFinding', today, unknownUnitIds }, finding)];
    }
    case 'AssignFinding':
      // A paper 交办 dated before the withdrawal, entered after it, is judged on its day (breaker8f P3).
      return assignFinding(whileOnLedger(command, state), recordedOn(state, command.assignedOn));
    case 'ReopenFinding':
      return parts.reopen(command, requireRecorded(state));
    case 'WithdrawFinding':
      return withdrawFinding(command, requireRecorded(state));
    case 'CorrectWithdrawal':
      return correctWithdrawal(command, state);
    case 'CorrectIdentifiedOn':
      return correctIdentifiedOn(command, state);
    case 'HandOverPart': {
      const then = recordedOn(state, factDayOf(command)!.day);
      const decided = parts.decideOnPart(whileOnLedger(command, state), then);
      return state.status === 'withdrawn' ? [...decided, ...withdrawalUndone(state, then, decided, command)] : decided;
    }
    case 'RequestExtension':
    case 'WithdrawExtensionRequest':
    case 'DecideExtension':
    case 'UrgeUnit':
    case 'ReportRectification':
    case 'SendBackReport':
    case 'LogInspection':
      return decideBeforeWithdrawal(command, state, factDayOf(command)!.day);
    case 'CorrectReportDate':
    case 'CorrectInspection':
      // A correction of a record dated before the withdrawal, to a day before it, is judged on its day as a late fact is (breaker8f P2).
      return decideBeforeWithdrawal(command, state, correctedDay(command, state));
    case 'CorrectFactDate': {
      const finding = recordedOn(state, correctedDay(command, state));
      // No unit is assigned before the finding was identified.
      if (command.factType === 'UnitAssigned') requireNotBefore({ day: command.on, what: named('on', 'the corrected assignment date', '更正后的交办日期') }, findingIdentified(finding.identifiedOn));
      return parts.decideOnPart(whileOnLedger(command, state), finding);
    }
    case 'RetractRecord':
    case 'CorrectStepDate':
      // 撤销误录 (newcomer51-8 S1): on a finding on the 台账 (a withdrawn one is brought back first, 撤销有误，恢复问题); a split's day
      // corrected the same way, retracted and typed again (breaker55-8 S4).
      return parts.decideOnPart(command, requireRecorded(state));
    default:
      return unreachable(command);
  }
}

/**
 * A late fact of a withdrawn finding (dated before the withdrawal) with the directory as the
 * finding knew it: only reorganisations dated before the withdrawal pass its parts — one dated on or
 * after it found the finding off the 台账 (breaker8g P8). The command as it is otherwise.
 */
function whileOnLedger<Command extends NamesUnits>(command: Command, state: FindingState): Command {
  return state.status === 'withdrawn' && command.unitNames ? { ...command, unitNames: directoryBefore(command.unitNames, state.withdrawnOn) } : command;
}

function recordFinding(command: RecordFinding, state: FindingState): FindingStreamEvent[] {
  if (state.status !== 'unrecorded') throw conflict(`Finding 「${state.title}」 is already recorded.`, `问题「${state.title}」已经登记。`);
  if (!command.evaluationExists) throw notFound('Evaluation', command.data.evaluationId, 'evaluationId');
  if (command.unknownUnitIds.length > 0) throw notFound('Unit', command.unknownUnitIds.join(', '), 'concernedUnitIds');
  if (command.sameTitleRecorded) {
    const { title, findingId } = command.sameTitleRecorded;
    throw conflict(`The evaluation already has the finding 「${title}」: one problem is recorded once.`, `该评估已登记问题「${title}」，同一问题不重复登记。`, { field: 'title', findingId });
  }
  const confirmed = new Set(command.distinctFrom ?? []);
  const near = (command.nearTitlesRecorded ?? []).find((finding) => !confirmed.has(finding.findingId));
  if (near) {
    throw conflict(
      `The evaluation already has the finding 「${near.title}」, ${near.distance} character${near.distance === 1 ? '' : 's'} from this title: is it the same problem? ` +
        'If it is another problem, confirm it (distinctFrom) and record it again.',
      `该评估已登记问题「${near.title}」，与本问题只差 ${near.distance} 个字：是否同一问题？如是同一问题，无需再登记；如确是另一个问题，请确认“这是另一个问题”后再登记。`,
      { field: 'title', findingId: near.findingId, nearTitle: near.title },
    );
  }
  requireBusinessDay(command.data.identifiedOn, command.today, named('identifiedOn', 'The day the finding was identified', '问题发现日期'));
  // Saying how, when the report's day is the wrong one (registered with the form's default, today: breaker8r P11).
  const received = command.evaluationReceivedOn;
  if (received !== undefined && command.data.identifiedOn < received) {
    throw badInput(
      `The day the finding was identified (${command.data.identifiedOn}) is before the day the evaluation was received (${received}). If that day is wrong, correct the evaluation's received day first (correctEvaluationReceivedOn).`,
      `问题发现日期（${command.data.identifiedOn}）早于收到评估报告日期（${received}），日期顺序不对。如收到日期有误，请先更正评估报告的收到日期。`,
      { field: 'identifiedOn' },
    );
  }
  return [{ type: 'FindingRecorded', data: command.data }];
}

function assignFinding(command: AssignFinding, finding: RecordedFindingState): FindingStreamEvent[] {
  requireNotBefore(
    { day: command.assignedOn, what: named('assignedOn', 'the assignment date', '交办日期') },
    { day: finding.identifiedOn, what: say('the day the finding was identified', '问题发现日期') },
  );
  if (command.replacesLead) return replaceFindingLead(command, finding);
  return parts.assign({ ...command, dueFrom: findingIdentified(finding.identifiedOn) }, finding);
}

/**
 * See `AssignFinding.replacesLead`: the lifecycle's lead replacement (`leadHandOver`), as an item's. Checks: who (FORBIDDEN),
 * the units known (NOT_FOUND), the lead the form showed (CONFLICT), one unit as LEAD and a reason (BAD_USER_INPUT), the day —
 * not in the future, not before the 交办 of a part whose role changes. A new unit then goes through AssignFinding's rules (not on
 * a closed finding, a real due date) on the parts the step-down leaves.
 */
function replaceFindingLead(command: AssignFinding, finding: RecordedFindingState): FindingStreamEvent[] {
  requireRole(command.actor, ['SUPERVISOR', 'ADMIN', 'SYSTEM'], say('replace the lead unit', '替换牵头单位'));
  if (command.unknownUnitIds.length > 0) throw notFound('Unit', command.unknownUnitIds.join(', '));
  const handOver = leadHandOver(command, finding.assignments, say('The lead unit of the finding', '该问题的牵头单位'));
  requireText(command.reason ?? '', named('reason', 'A reason for replacing the lead unit', '替换牵头单位的理由'));
  const changedOnNamed = named('assignedOn', 'the day the lead changes', '交办日期（牵头单位变更之日）');
  requireBusinessDay(command.assignedOn, command.today, changedOnNamed);
  const changes = leadHandOverRoleChanges(handOver, finding.assignments, { ...command, reason: command.reason!.trim(), changedOn: command.assignedOn, changedOnNamed });
  if (handOver.held) return changes;
  const steppedDown = { ...finding, assignments: changes.reduce(evolveAssignments, finding.assignments) };
  const { replacesLead: _replaces, expectedLeadUnitId: _expected, reason: _reason, ...batch } = command;
  return [...changes, ...parts.assign({ ...batch, dueFrom: findingIdentified(finding.identifiedOn) }, steppedDown)];
}

/**
 * The day a finding's work began, as refusals name it: no due date of its parts precedes its
 * identification (a due date already passed when it is entered is a late entry, fine: a past
 * ledger is entered with its identification day).
 */
export const findingIdentified = (identifiedOn: string): DatedFact => ({ day: identifiedOn, what: say('the day the finding was identified', '问题发现日期') });

function withdrawFinding(command: WithdrawFinding, finding: RecordedFindingState): FindingStreamEvent[] {
  requireText(command.reason, named('reason', 'A reason for withdrawing the finding', '撤销问题的理由'));
  const { withdrawnOn } = command;
  const what = named('withdrawnOn', `The day finding 「${finding.title}」 was withdrawn`, `问题「${finding.title}」的撤销日期`);
  requireBusinessDay(withdrawnOn, command.today, what);
  const withdrawn = { day: withdrawnOn, what };
  requireNotBefore(withdrawn, findingIdentified(finding.identifiedOn));
  // A reorganisation dated after the withdrawal, typed before it, passed nothing: its hand-overs are undone (breaker8g P8).
  const undone = handOversAfterWithdrawal(command, finding.assignments, withdrawnOn, '问题');
  const assignments = undone.reduce(evolveAssignments, finding.assignments);
  // The state first (CONFLICT), then the day: a part verified by a join's set-aside record is named as verified work (breaker8h P4).
  // Units' records dated after it stay on the record, counted nowhere (breaker11h P8); a part is not withdrawn before it began.
  refuseVerifiedWork(finding, command);
  for (const part of partsOf(assignments)) requireNotBefore(withdrawn, beganOnParent(part, command));
  refuseOutlivedByDuplicates(finding, command);
  const duplicateOf = command.duplicateOf === undefined ? {} : { duplicateOf: requireDuplicated(finding, command) };
  return [...undone, { type: 'FindingWithdrawn', data: { findingId: finding.findingId, reason: command.reason.trim(), withdrawnOn, ...duplicateOf } }];
}

/** See CorrectWithdrawal: the undoing, and with a corrected day the withdrawal again on that day. */
function correctWithdrawal(command: CorrectWithdrawal, state: FindingState): FindingStreamEvent[] {
  if (state.status !== 'withdrawn') {
    const { title } = requireRecorded(state);
    // The form showed a withdrawal a colleague took back meanwhile (撤销有误，恢复问题): named as any value changed meanwhile —
    // who, when, why — not 「没有撤销」 (newcomer53-9 M1).
    if (command.expectedWithdrawnOn !== undefined) {
      throw valueChangedMeanwhile(
        say(`The withdrawal of finding 「${title}」`, `问题「${title}」的撤销`),
        say('taken back (the finding is on the ledger again)', '已撤回（问题已恢复到台账）'),
        say(`withdrawn on ${command.expectedWithdrawnOn}`, `${command.expectedWithdrawnOn} 撤销`),
        { types: ['FindingWithdrawalUndone'], field: 'expectedWithdrawnOn' },
      );
    }
    throw conflict(
      `Finding 「${title}」 is not withdrawn: there is no withdrawal to correct.`,
      `问题「${title}」没有撤销，无需更正撤销。`,
      { field: 'findingId' },
    );
  }
  requireText(command.reason, named('reason', 'A reason for correcting the withdrawal', '更正撤销的理由'));
  const { findingId, withdrawnOn, withdrawalReason, duplicateOf } = state;
  if (command.expectedWithdrawnOn !== undefined && command.expectedWithdrawnOn !== withdrawnOn) {
    throw valueChangedMeanwhile(say(`The withdrawal day of finding 「${state.title}」`, `问题「${state.title}」的撤销日期`), withdrawnOn, command.expectedWithdrawnOn, {
      // Who withdrew it on the day it reads now: a colleague's correction (undone, withdrawn again) or a withdrawal after an undo.
      types: ['FindingWithdrawalUndone', 'FindingWithdrawn'],
      field: 'expectedWithdrawnOn',
    });
  }
  const reason = command.reason.trim();
  if (command.withdrawnOn === withdrawnOn) {
    throw badInput(
      `Finding 「${state.title}」 was withdrawn on ${withdrawnOn} already: give the day it was in fact withdrawn.`,
      `问题「${state.title}」的撤销日期已是 ${withdrawnOn}：请填写实际的撤销日期。`,
      { field: 'withdrawnOn' },
    );
  }
  // The units' records set aside since the withdrawal's day, back in the count until the corrected day: those that no longer hold
  // count nowhere for good, as for items (breaker11q P5; breaker11j P4 refused the correction instead).
  const recordsSetAside = recordsSetAsideByCorrection(state.assignments, withdrawnOn, command.withdrawnOn, command.withdrawnOn, '问题', command);
  const undone: FindingStreamEvent = {
    type: 'FindingWithdrawalUndone',
    data: {
      findingId,
      withdrawnOn,
      reason: command.withdrawnOn === undefined ? reason : `撤销日期更正为 ${command.withdrawnOn}：${reason}`,
      byVerification: false,
      ...(recordsSetAside.length > 0 ? { recordsSetAside } : {}),
    },
  };
  // Back on the 台账 until the corrected day (or for good), the finding's parts pass by the reorganisations of those days (breaker8g P7).
  const back = counted(requireRecorded(evolveFinding(state, undone)));
  const passed = handOversDue({ ...command, unitNames: directoryBefore(command.unitNames, command.withdrawnOn) }, back.assignments);
  if (command.withdrawnOn === undefined) return [undone, ...passed];
  const again = withdrawFinding(
    {
      type: 'WithdrawFinding',
      reason: withdrawalReason,
      withdrawnOn: command.withdrawnOn,
      today: command.today,
      ...(duplicateOf === undefined ? {} : { duplicateOf, duplicate: command.duplicate ?? null }),
      ...(command.duplicates ? { duplicates: command.duplicates } : {}),
      ...(command.unitNames ? { unitNames: command.unitNames } : {}),
    },
    counted(requireRecorded(passed.reduce(evolveFinding, back))),
  );
  return [undone, ...passed, ...again];
}

/** See CorrectIdentifiedOn: the corrected day judged as a recording is, and not after any record of the finding. */
function correctIdentifiedOn(command: CorrectIdentifiedOn, state: FindingState): FindingStreamEvent[] {
  if (state.status === 'unrecorded') throw new DomainError('NOT_FOUND', say('The finding has not been recorded.', '该问题尚未登记。'));
  const { findingId, title, identifiedOn: previousIdentifiedOn } = state;
  requireText(command.reason, named('reason', 'A reason for correcting the day the finding was identified', '更正发现日期的理由'));
  if (command.expectedIdentifiedOn !== undefined && command.expectedIdentifiedOn !== previousIdentifiedOn) {
    throw valueChangedMeanwhile(say(`The day finding 「${title}」 was identified`, `问题「${title}」的发现日期`), previousIdentifiedOn, command.expectedIdentifiedOn, { types: ['FindingIdentifiedOnCorrected'], field: 'expectedIdentifiedOn' });
  }
  const { identifiedOn } = command;
  const what = named('identifiedOn', `the corrected day finding 「${title}」 was identified`, `问题「${title}」更正后的发现日期`);
  requireBusinessDay(identifiedOn, command.today, what);
  if (identifiedOn === previousIdentifiedOn) {
    throw badInput(
      `Finding 「${title}」 was identified on ${identifiedOn} already: give the day it was in fact identified.`,
      `问题「${title}」的发现日期已是 ${identifiedOn}：请填写实际的发现日期。`,
      { field: 'identifiedOn' },
    );
  }
  requireNotBefore(
    { day: identifiedOn, what },
    command.evaluationReceivedOn === undefined ? null : { day: command.evaluationReceivedOn, what: say('the day the evaluation was received', '收到评估报告日期') },
  );
  const clash = recordsOf(state, command).filter((record) => record.day < identifiedOn).sort((a, b) => a.day.localeCompare(b.day))[0];
  if (clash) {
    throw badInput(
      `${capitalise(what.en)} (${identifiedOn}) is after ${clash.what.en} (${clash.day}): a finding is identified before anything is done about it. Check the day; if that record's day is wrong, correct it first.`,
      `${what.zh}（${identifiedOn}）晚于${clash.what.zh}（${clash.day}）：问题须先发现，后有该记录。请核对日期；如该记录的日期有误，请先更正该记录。`,
      { field: 'identifiedOn' },
    );
  }
  const reason = command.reason.trim();
  return [{ type: 'FindingIdentifiedOnCorrected', data: { findingId, identifiedOn, previousIdentifiedOn, reason, correctedOn: command.today } }];
}

/**
 * The finding's records a corrected 发现日期 may not follow, each with its day as refusals name it: its parts' first
 * fact (corrections applied, business order: a 交办, also of a unit taken off since), its withdrawal when it stands, and
 * the earliest circular citing it (looked up by the handler).
 */
function recordsOf(finding: RecordedFindingState | WithdrawnFinding, command: CorrectIdentifiedOn): DatedFact[] {
  const first = firstFactOf(finding.assignments);
  const unitId = first ? (first.event.data as { unitId?: string }).unitId : undefined;
  const unit = unitId === undefined ? null : unitNamed(command, unitId, first!.day);
  const firstWhat =
    unit === null ? say('the first record of its parts', '该问题各单位最早一条记录的日期') : first!.event.type === 'UnitAssigned' ? say(`the assignment of ${unit.en}`, `${unit.zh}的交办日期`) : say(`the first record of ${unit.en}`, `${unit.zh}最早一条记录的日期`);
  return [
    ...(first ? [{ day: first.day, what: firstWhat }] : []),
    ...(finding.status === 'withdrawn' ? [{ day: finding.withdrawnOn, what: say('its withdrawal', '该问题的撤销日期') }] : []),
    ...(command.citedBy ? [{ day: command.citedBy.issuedOn, what: say(`circular 「${command.citedBy.title}」 citing it`, `引用该问题的通报「${command.citedBy.title}」的印发日期`) }] : []),
  ];
}

/**
 * The finding a withdrawal as recorded twice names (`duplicateOf`), checked: another finding
 * (BAD_USER_INPUT), recorded (NOT_FOUND), of the same evaluation (BAD_USER_INPUT), still on the 台账
 * (CONFLICT: the problem must stay recorded once). Each refusal names the field `duplicateOf`.
 */
function requireDuplicated(finding: RecordedFindingState, command: WithdrawFinding): string {
  const field = { field: 'duplicateOf' };
  const other = command.duplicate;
  if (command.duplicateOf === finding.findingId) {
    throw badInput(`Finding 「${finding.title}」 cannot repeat itself: name the other record of the same problem.`, `问题「${finding.title}」不能与自身重复：请选择同一问题的另一条登记。`, field);
  }
  if (!other) throw new DomainError('NOT_FOUND', say(`There is no finding ${command.duplicateOf} that this one repeats.`, '找不到所重复的问题。'), field);
  if (other.evaluationId !== finding.evaluationId) {
    throw badInput(`Finding 「${other.title}」 belongs to another evaluation: a finding repeats one of its own evaluation.`, `问题「${other.title}」属于另一份评估报告：重复登记只能是同一评估报告中的问题。`, field);
  }
  // Judged on the day (breaker8g P17): the original withdrawn later still stood when its repeat was withdrawn.
  if (other.withdrawn && (other.withdrawnOn === undefined || other.withdrawnOn <= command.withdrawnOn)) {
    const since = other.withdrawnOn === undefined ? '' : ` on ${other.withdrawnOn}`;
    const sinceZh = other.withdrawnOn === undefined ? '' : `已于 ${other.withdrawnOn} `;
    throw conflict(
      `Finding 「${other.title}」 is withdrawn itself${since}: the problem would no longer be recorded at all. Withdraw one of the two only.`,
      `问题「${other.title}」本身${sinceZh || '已'}撤销：再撤销本条，该问题就不再有任何登记。重复登记只撤销其中一条。`,
      field,
    );
  }
  return other.findingId;
}

/**
 * BAD_USER_INPUT (field withdrawnOn) when a finding withdrawn as a repeat of this one was withdrawn
 * on or after this withdrawal's day: the repeat was withdrawn because this record stood (breaker8g
 * P17). In date order the repeat's withdrawal would be refused, naming this one.
 */
function refuseOutlivedByDuplicates(finding: RecordedFindingState, command: WithdrawFinding): void {
  const repeat = (command.duplicates ?? []).filter((each) => each.findingId !== finding.findingId && each.withdrawnOn >= command.withdrawnOn).sort((a, b) => b.withdrawnOn.localeCompare(a.withdrawnOn))[0];
  if (!repeat) return;
  throw badInput(
    `Finding 「${repeat.title}」 was withdrawn on ${repeat.withdrawnOn} as a repeat of 「${finding.title}」, which must still stand that day: withdraw it after ${repeat.withdrawnOn}, or first correct the repeat's withdrawal day.`,
    `问题「${repeat.title}」已于 ${repeat.withdrawnOn} 作为本问题「${finding.title}」的重复登记撤销，当天本问题须仍在台账上：本问题的撤销日期须晚于 ${repeat.withdrawnOn}；如确需更早，请先更正「${repeat.title}」的撤销日期。`,
    { field: 'withdrawnOn' },
  );
}

/**
 * The finding as it stood on office day `day`, for a fact of that day: one withdrawn later was on
 * the 台账 then, and a fact dated before its withdrawal, entered after it (the June inspection sheet
 * typed in after the evaluator withdrew the problem in August), is judged on its day (breaker8d
 * P12); on or after the withdrawal it is refused as `requireRecorded` says — but a pass of the withdrawal's own day
 * (`beforeItsWithdrawal`, see `paperOfWithdrawalDay`) came before it (breaker8u P11), as any record of that day entered late does (breaker8v P12).
 */
function recordedOn(state: FindingState, day: string, setAside = false, beforeItsWithdrawal = false): RecordedFindingState {
  if (state.status !== 'withdrawn' || day > state.withdrawnOn || (day === state.withdrawnOn && !beforeItsWithdrawal)) return requireRecorded(state);
  const facts = { ...recordedPartOf(state), assignments: setAside ? assignmentsThroughWithdrawalDay(state.assignments, state.withdrawnOn) : state.assignments };
  const closedDay = closedOn(facts.assignments);
  return closedDay === null ? { ...facts, status: 'open' } : { ...facts, status: 'closed', closedOn: closedDay };
}

/**
 * A unit's fact (or a correction of one) of office day `day` on the finding as it stood then
 * (`recordedOn`). On a withdrawn finding, a fact dated before the withdrawal, entered after it, is
 * judged with the records dated on or after the withdrawal set aside — made before the office knew
 * of it, they count nowhere, so they neither bound nor refuse it (breaker11j P4: a failure of 11-11
 * refused every report dated before a withdrawal of 11-05). One that verifies a part means the
 * withdrawal does not stand (`withdrawalUndone`): every record counts again, and it is judged on them
 * all, as in date order.
 */
function decideBeforeWithdrawal(command: FindingPartCommand, state: FindingState, day: string): FindingStreamEvent[] {
  const decide = (then: RecordedFindingState) => parts.decideOnPart(whileOnLedger(command, state), then);
  if (state.status !== 'withdrawn') return decide(recordedOn(state, day));
  const lastWord = paperOfWithdrawalDay(command, day, state.withdrawnOn);
  return decideBeforeParentWithdrawal(state, day, { onDay: (on, setAside) => recordedOn(state, on, setAside, lastWord), decide, undone: (then, decided, recordsSetAside) => withdrawalUndone(state, then, decided, command, recordsSetAside), isAssignmentEvent }, command);
}

/**
 * The later of a correction's days: the day the corrected record reads now and the day it is
 * corrected to — a withdrawn finding takes the correction when both are before its withdrawal
 * (`recordedOn`). A record not found gives the withdrawal's own day (refused as withdrawn).
 */
function correctedDay(command: Extract<FindingCommand, { type: 'CorrectReportDate' | 'CorrectInspection' | 'CorrectFactDate' }>, state: FindingState): string {
  return correctedRecordDay(command, state.status === 'unrecorded' ? undefined : state.assignments, state.status === 'withdrawn' ? state.withdrawnOn : undefined);
}

/** The commands of the assignment lifecycle the finding passes through (`FindingPartCommand`). */
const isPartCommand = (command: FindingCommand): boolean =>
  !['RecordFinding', 'RecordAssignedFinding', 'AssignFinding', 'ReopenFinding', 'WithdrawFinding', 'CorrectWithdrawal', 'CorrectIdentifiedOn'].includes(command.type);

/**
 * The withdrawal a pass had made not stand (`undoneByWork`) that stands again once `decided` — a correction of that
 * inspection's day or outcome (更正督查记录), of another record's day, a reopening dated before the withdrawal — leaves
 * no part verified on its day, folded by day (breaker11o P8): typed in date order it would have been taken. It is
 * written again on its day (FindingWithdrawn with its own reason and the finding it repeated, as every view then shows
 * it), the reorganisations dated after it undone as a withdrawal undoes them; a withdrawal standing now, dated after it, is
 * taken back first (FindingWithdrawalUndone, `byVerification: false`: typed in date order it found the finding
 * withdrawn). The earliest only: a later one found the finding withdrawn. Empty when none stands again. CONFLICT when
 * the command's own fact then falls on or after the withdrawal's day (typed in date order it was refused).
 */
function withdrawalsBack(recordedState: RecordedFindingState | WithdrawnFinding, decided: readonly FindingStreamEvent[], command: FindingPartCommand | ReopenFinding): FindingStreamEvent[] {
  if ((recordedState.undoneByWork ?? []).length === 0) return [];
  const after = decided.reduce(evolveFinding, recordedState) as RecordedFindingState | WithdrawnFinding;
  const current = after.status === 'withdrawn' ? after : null;
  const [back] = withdrawalsStandingAgain(after.assignments, after.undoneByWork ?? [])
    .filter((undone) => current === null || undone.withdrawnOn < current.withdrawnOn)
    .sort((a, b) => (a.withdrawnOn < b.withdrawnOn ? -1 : a.withdrawnOn > b.withdrawnOn ? 1 : 0));
  if (!back) return [];
  const { findingId, title } = after;
  const { withdrawnOn, duplicateOf } = back;
  const day = command.type === 'ReopenFinding' ? command.reopenedOn : factDayOf(command)?.day;
  if (day !== undefined && day >= withdrawnOn) {
    throw conflict(
      `With this change nothing of finding 「${title}」 was verified on ${withdrawnOn}, so its withdrawal of that day (${back.reason}) stands again: it takes no work dated ${day}.`,
      `本次更正后，问题「${title}」在 ${withdrawnOn} 时并无核验通过的整改，当日的撤销（${back.reason}）依日期重新成立：${day} 该问题已撤销，不能登记当日的记录。`,
    );
  }
  const takenBack: FindingStreamEvent[] = current
    ? [{ type: 'FindingWithdrawalUndone', data: { findingId, withdrawnOn: current.withdrawnOn, reason: `${withdrawnOn} 的撤销依日期重新成立，本撤销随之不再单独成立`, byVerification: false } }]
    : [];
  const open = takenBack.reduce(evolveFinding, after) as RecordedFindingState;
  return [
    ...takenBack,
    // A reorganisation dated after the withdrawal, typed while it did not stand, passed nothing (breaker8g P8).
    ...handOversAfterWithdrawal(command, open.assignments, withdrawnOn, '问题'),
    { type: 'FindingWithdrawn', data: { findingId, reason: back.reason, withdrawnOn, ...(duplicateOf === undefined ? {} : { duplicateOf }) } },
  ];
}

/**
 * A fact dated before the withdrawal, entered after it, that verifies a part (a pass) means the
 * withdrawal does not stand: verified work is not withdrawn, and typed in date order the withdrawal
 * would have been refused (`refuseVerifiedWork`). FindingWithdrawalUndone, after the decided events,
 * puts the finding back on the 台账 — the same result whatever the typing order (breaker11f P6).
 * Anything else (a failure, a report) leaves it withdrawn.
 */
function withdrawalUndone(
  finding: WithdrawnFinding,
  then: RecordedFindingState,
  decided: readonly FindingStreamEvent[],
  command: NamesUnits,
  recordsSetAside: readonly SetAsideRecord[] = [],
): FindingStreamEvent[] {
  const verified = partsVerifiedBy(then.assignments, decided);
  if (verified.length === 0) return [];
  const { findingId, withdrawnOn } = finding;
  const reason = withdrawalUndoneReason(command, verified, withdrawnOn, { workZh: '整改', back: '问题回到台账' });
  // The records made after the withdrawal that no longer hold once it does not stand count nowhere for good (breaker11q P5).
  return [{ type: 'FindingWithdrawalUndone', data: { findingId, withdrawnOn, reason, byVerification: true, ...(recordsSetAside.length > 0 ? { recordsSetAside: [...recordsSetAside] } : {}) } }];
}

/** A finding whose units' work was verified is not withdrawn (breaker11e P6): see `refuseWithdrawingVerifiedWork`. */
function refuseVerifiedWork(finding: RecordedFindingState, command: WithdrawFinding): void {
  refuseWithdrawingVerifiedWork(
    {
      name: say(`Finding 「${finding.title}」`, `问题「${finding.title}」`),
      nounZh: '问题',
      workZh: '整改',
      rate: say('close-out rate', '销号率'),
      closed: finding.status === 'closed' ? { on: finding.closedOn, en: 'closed out' } : null,
      field: 'findingId',
    },
    finding.assignments,
    command,
    command.withdrawnOn,
  );
}

/**
 * A finding is found before anything else about the command is checked; a withdrawn one takes no
 * more work (CONFLICT naming the day and the reason).
 */
function requireRecorded(state: FindingState): RecordedFindingState {
  if (state.status === 'unrecorded') throw new DomainError('NOT_FOUND', say('The finding has not been recorded.', '该问题尚未登记。'));
  if (state.status === 'withdrawn') {
    throw conflict(
      `Finding 「${state.title}」 was withdrawn on ${state.withdrawnOn} (${state.withdrawalReason}): it takes no more work.`,
      `问题「${state.title}」已于 ${state.withdrawnOn} 撤销（${state.withdrawalReason}），不再办理。`,
    );
  }
  return state;
}

/** What a refusal to count set-aside records again advises (records entered before the withdrawal's late 补录 was refused, breaker11k P1). */
