import type { Actor } from '../../shared/command-context.js';
import type { Bilingual } from '../../shared/domain-error.js';
import type { DatedFact } from '../../shared/guards.js';
import type { DueTerms } from '../../shared/deadline.js';
import type { AssignmentRole, Evidence, InspectionOutcome, RedatableFact, RetractableFact, RetypedStep } from './assignment.events.js';

/**
 * The latest due date a part may have without a supervisor's override: the approved rectification
 * plan's inspection deadline (整改实施方案的督查时限) for a finding, the end of its plan's period for a
 * work-plan item. Looked up by the handler; absent or null when nothing bounds the parent yet
 * (no plan approved).
 */
export interface DueDateLimit {
  /** `YYYY-MM-DD`, the last allowed day (inclusive). */
  readonly latest: string;
  /** What sets it, as refusals name it: `the inspection deadline of rectification plan 「…」` / `整改实施方案「…」的督查时限`. */
  readonly setBy: Bilingual;
}

/**
 * The command with its parent's limit, set by the handler before deciding. Commands that set no
 * due date ignore it.
 */
export const withDueDateLimit = <Command extends object>(command: Command, dueDateLimit: DueDateLimit | null): Command => ({
  ...command,
  dueDateLimit,
});

/** A supervisor's explicit decision to set a due date past the limit, with its reason. */
export interface DueDateOverride {
  readonly reason: string;
}

/**
 * What every command that sets a due date carries besides the date: the limit the handler looked
 * up, and the supervisor's override when the date goes past it.
 */
export interface SetsDueDate {
  readonly dueDateLimit?: DueDateLimit | null;
  readonly dueDateOverride?: DueDateOverride;
}

/*
 * Dates are calendar days, `YYYY-MM-DD`. Every command carries `today`, the office's current day
 * (China time, `officeDate(now)`), and the office day on which its fact happened (`assignedOn`,
 * `reportedOn`, …): the edge defaults that day to `today`; `decide` refuses it in the future or
 * out of order with the part's earlier facts.
 */

/**
 * The units directory as the lifecycle consults it, passed in by the handler (the units read
 * model): how refusals name units (青川市财政局, not an id) and whether a unit could do the work on
 * the day given. Absent in commands that name no unit to a person; each method answers undefined
 * for an unknown id, and a directory without the optional ones (a spec's) checks nothing there.
 */
export interface UnitNames {
  nameOf(unitId: string): string | undefined;
  /** Its name in force on office day `day` (`YYYY-MM-DD`, 机构改革 renames): how a refusal about that day names it. */
  nameOn?(unitId: string, day: string): string | undefined;
  /** The office day (`YYYY-MM-DD`) the unit was registered: no work of it is dated before. */
  registeredOnOf?(unitId: string): string | undefined;
  /** The unit it was merged into (机构改革) and the office day; undefined while it stands. It takes no new work. */
  mergerOf?(unitId: string): UnitMerger | undefined;
  /**
   * Its hand-overs without a merge (机构改革: its duties passed to another unit while it stands), by
   * office day: a part of it open on that day, or coming back after it, passes to the successor.
   */
  handOversOf?(unitId: string): readonly UnitHandOver[];
  /**
   * The units whose work passed to this one (机构改革: merged into it, or handed over to it), each with
   * the office day: a refusal of work dated before this unit existed names the unit that did it then.
   */
  predecessorsOf?(unitId: string): readonly { readonly unitId: string; readonly on: string }[];
}

/** A unit's duties passed to `successorUnitId` on office day `on` (the unit stands; see UnitWorkHandedOver). */
export interface UnitHandOver {
  readonly successorUnitId: string;
  readonly on: string;
}

/** A merged unit's successor and the office day of the merge. */
export interface UnitMerger {
  readonly successorUnitId: string;
  readonly mergedOn: string;
}

/** Every lifecycle command may carry the directory's names, for its refusals. */
export interface NamesUnits {
  readonly unitNames?: UnitNames;
  /**
   * Set by the lifecycle, never by a caller: the present holder of the part a past holder's fact
   * is about (机构改革, a fact dated before the part passed on), whose clerk may enter it too.
   */
  readonly heldNowBy?: string;
  /**
   * Set by the lifecycle, never by a caller: how refusals name the parent (`AssignmentParentContext.noun`: 问题 for a finding,
   * 工作事项 for a work-plan item); absent: 事项 / item.
   */
  readonly parentNoun?: Bilingual;
}

/** The command with the directory's names, set by the handler before deciding. */
export const withUnitNames = <Command extends object>(command: Command, unitNames: UnitNames): Command => ({ ...command, unitNames });

/** Business time every lifecycle command carries. */
export interface Dated extends NamesUnits {
  readonly actor: Actor;
  /** The office's current calendar day: no fact can have happened after it. */
  readonly today: string;
}

export interface AssignUnit extends Dated, SetsDueDate {
  readonly type: 'AssignUnit';
  readonly unitId: string;
  readonly role: AssignmentRole;
  readonly dueDate: string;
  /** How `dueDate` is read (立行立改, standing, recurring …); BY_DATE when absent. */
  readonly terms?: DueTerms;
  readonly assignedOn: string;
  /**
   * The day the parent's work began, which no due date precedes: a finding's evaluation received,
   * a work-plan item's plan approved. A due date already passed on the assignment day is fine (a
   * past plan entered late); one before the work existed is a typing error. Absent: unchecked.
   */
  readonly dueFrom?: DatedFact;
  /**
   * The units that lead together (联合牵头) with this one, named in the same assignment or plan
   * version: a part already leading is no second lead when it is among them. Absent: none.
   */
  readonly coLeadUnitIds?: readonly string[];
}

export interface RequestExtension extends Dated {
  readonly type: 'RequestExtension';
  readonly unitId: string;
  /** Chosen by the caller so that a retried command names the same request. */
  readonly requestId: string;
  readonly requestedDueDate: string;
  readonly reason: string;
  /** Asked for on or before the due date, or after a failed inspection returned the part. */
  readonly requestedOn: string;
  /**
   * The parent's limit (`withDueDateLimit`): a requested day past it may still be granted with a supervisor's 特批, one past
   * the override's reach (`overrideReach`) never, so it is refused when asked.
   */
  readonly dueDateLimit?: DueDateLimit | null;
}

/**
 * The unit takes back its own request still awaiting a decision (撤回延期申请), with a reason: refused
 * when the request was decided (granted, refused), lapsed or withdrawn already, or is not the
 * unit's. The unit may then ask again.
 */
export interface WithdrawExtensionRequest extends Dated {
  readonly type: 'WithdrawExtensionRequest';
  readonly unitId: string;
  readonly requestId: string;
  readonly reason: string;
  /** The office day of the withdrawal (`YYYY-MM-DD`): not in the future, not before the request. */
  readonly withdrawnOn: string;
}

/** Granting a date past the parent's limit needs the supervisor's `dueDateOverride`. */
export interface DecideExtension extends Dated, SetsDueDate {
  readonly type: 'DecideExtension';
  readonly unitId: string;
  readonly requestId: string;
  readonly approve: boolean;
  /** Only when approving; defaults to the date the unit asked for. */
  readonly newDueDate?: string;
  /** Required when refusing (the refusal's reason); when approving, optional — the supervisor's words kept with the grant (ExtensionGranted.reason). */
  readonly reason?: string;
  readonly decidedOn: string;
}

export interface UrgeUnit extends Dated {
  readonly type: 'UrgeUnit';
  readonly unitId: string;
  readonly message: string;
  readonly urgedOn: string;
}

export interface ReportRectification extends Dated {
  readonly type: 'ReportRectification';
  readonly unitId: string;
  readonly summary: string;
  readonly evidence: readonly Evidence[];
  readonly reportedOn: string;
}

/** Returning a part can give it a new due date; one is required when the old one has passed. */
export interface ReturnsPart extends SetsDueDate, NamesUnits {
  /** The office's current calendar day. */
  readonly today: string;
  /** `YYYY-MM-DD`, not before `today`; the part keeps its due date when absent. */
  readonly newDueDate?: string;
}

export interface SendBackReport extends ReturnsPart {
  readonly type: 'SendBackReport';
  readonly actor: Actor;
  readonly unitId: string;
  readonly reason: string;
  readonly sentBackOn: string;
}

/** A FAILED inspection returns the part, and may (or, past its due date, must) give a new due date. */
export interface LogInspection extends ReturnsPart {
  readonly type: 'LogInspection';
  readonly actor: Actor;
  /** The office's current calendar day: an inspection cannot be dated in the future. */
  readonly today: string;
  readonly unitId: string;
  readonly inspectionId: string;
  readonly outcome: InspectionOutcome;
  readonly notes: string;
  readonly inspectedOn: string;
  readonly place: string;
}

/** Every reopened part gets `newDueDate`, required when any of their due dates has passed. */
export interface ReopenParts extends ReturnsPart {
  readonly type: 'ReopenParts';
  readonly actor: Actor;
  readonly reason: string;
  readonly reopenedOn: string;
  /**
   * Only these parts, each verified and reopened not before its verification (a parent not closed
   * taking back its verified parts); absent: every part that has reported, not before the close-out.
   */
  readonly unitIds?: readonly string[];
}

/**
 * 机构改革: a unit's open part passes to its successor (after a merge, or when its duties move).
 * The part keeps its status, due date, reports and requests; history keeps who held it before.
 */
export interface HandOverPart extends Dated {
  readonly type: 'HandOverPart';
  readonly unitId: string;
  readonly successorUnitId: string;
  readonly reason: string;
  /** The office day the part passed: not in the future, not before its assignment nor the successor's registration. */
  readonly handedOverOn: string;
  /** The office day the successor was registered, looked up by the handler; absent when unknown. */
  readonly successorRegisteredOn?: string;
  /**
   * True when the unit is merged away by this reorganisation (`mergeUnit`): it ceases to exist, so what it holds at the day's
   * end passes (breaker8g P10); absent for a hand-over (职能调整), where the holder at the day's start hands over (breaker8f P13).
   */
  readonly merging?: boolean;
  /**
   * Set by the merge-day correction (breaker8p P6, `correctUnitMergeDate`): the day the unit's merge was recorded on
   * (`YYYY-MM-DD`); `handedOverOn` is its corrected day and `unitNames` already reads the merge on it. The steps that passed the
   * part from the recorded day on are undone; the parent then passes it again by the corrected directory (`handOversDue`).
   */
  readonly redatedFrom?: string;
  /**
   * Set by a merge (`merging`) for a part the unit got only after its merge day — assigned or taken over later, typed before the
   * merge was entered — which passes on the day the unit got it (`handedOverOn`, later than this): the merge's own office day
   * (`YYYY-MM-DD`). A refusal of that pass then speaks of the merge — its day, the day the unit got the part, the record in the
   * way — not of a reorganisation dated `handedOverOn` (breaker8s P7).
   */
  readonly mergedOn?: string;
  /**
   * A split (职能划转, newcomer53-10 S1: `handOverUnitParts` with `only`): the administrator chose this parent, and its part alone
   * passes — the unit keeps its other duties. PartHandedOver then says `partOnly`, and a successor that already holds a part here
   * is refused (a split does not join two units' parts: that is a whole hand-over's or a merge's). Absent: a reorganisation's part.
   */
  readonly partOnly?: boolean;
}

/** A supervisor corrects the day of the part's last report, with a reason. */
export interface CorrectReportDate extends Dated {
  readonly type: 'CorrectReportDate';
  readonly unitId: string;
  readonly reportedOn: string;
  readonly reason: string;
  /**
   * The report's day as the correcting form read it (`YYYY-MM-DD`): when the record reads otherwise
   * now (another supervisor corrected it meanwhile), the correction is refused (CONFLICT) naming what
   * it reads, rather than silently replacing the other correction. Absent: unchecked (scripts).
   */
  readonly expectedReportedOn?: string;
}

/**
 * A supervisor corrects the part's last inspection — its day and/or its outcome — with a reason.
 * A correction to FAILED returns the part as a failed inspection does: it may (and, when the
 * part's due date had passed on the corrected inspection day, must) give `newDueDate`.
 */
export interface CorrectInspection extends Dated, SetsDueDate {
  readonly type: 'CorrectInspection';
  readonly unitId: string;
  readonly inspectionId: string;
  readonly inspectedOn?: string;
  readonly outcome?: InspectionOutcome;
  readonly reason: string;
  /** `YYYY-MM-DD`, not before the corrected inspection day; only when the corrected outcome is FAILED. */
  readonly newDueDate?: string;
  /**
   * The inspection as the correcting form read it — its day (`YYYY-MM-DD`) and outcome: when the
   * record reads otherwise now (corrected meanwhile by another supervisor), the correction is
   * refused (CONFLICT) naming what it reads. Each absent: unchecked (scripts).
   */
  readonly expectedInspectedOn?: string;
  readonly expectedOutcome?: InspectionOutcome;
  /**
   * A failure's new due date (重新整改时限, `YYYY-MM-DD`) as the form showed it, `''` when it showed none (breaker53-9 S1's kind):
   * when the failure gives another now (a colleague gave it one meanwhile), CONFLICT on `expectedNewDueDate` naming who gave
   * which date when. Absent: unchecked (scripts); ignored while the inspection reads passed (`expectedOutcome` names that).
   */
  readonly expectedNewDueDate?: string;
}

/**
 * A supervisor corrects the office day of one fact of a part — its assignment, a report, a
 * send-back, an urging, an extension request, its decision or its withdrawal — with a reason. `previousOn` is the day
 * the fact reads now (as the form showed it): the fact is found by it, so a form that read the
 * record before another correction finds nothing and is told so.
 */
export interface CorrectFactDate extends Dated, SetsDueDate {
  readonly type: 'CorrectFactDate';
  readonly unitId: string;
  /** The fact's event type; an extension decision is `ExtensionGranted` or `ExtensionRefused` (either is found). */
  readonly factType: RedatableFact;
  readonly previousOn: string;
  readonly on: string;
  readonly reason: string;
  /** Which of the unit's records of that kind dated `previousOn`, in the order entered (1: the first); absent: the last (breaker8s P8). */
  readonly ofTheDay?: number;
  /**
   * Of a return — a reopening (`PartsReopened`), a send-back (`ReportSentBack`, breaker48-8 S2), a failed inspection
   * (breaker49-8 S5): the new due date (重新整改的时限, `YYYY-MM-DD`) of the parts it returned, required exactly when the
   * corrected day is past the due date the return leaves a part with there — the one it gave itself, which this replaces
   * (breaker49-8 M1), else the one then in force (h8b) — checked as a return typed on that day with it (not before the
   * corrected day; past the parent's limit, the supervisor's `dueDateOverride`).
   */
  readonly newDueDate?: string;
  /**
   * Of a return: its new due date (重新整改时限, `YYYY-MM-DD`) as the correcting form showed it, `''` when it showed none
   * (breaker53-9 S1): when the return gives another now (a colleague gave it one meanwhile, by this correction or 更正督查记录),
   * the correction is refused (CONFLICT, field `expectedNewDueDate`) naming who gave which date when. Absent: unchecked
   * (scripts); ignored for a record that is no return.
   */
  readonly expectedNewDueDate?: string;
  /**
   * The day the parent's work could begin, which no corrected assignment precedes: a work-plan
   * item's plan approval, looked up by the handler. Absent: unchecked (a finding bounds it by its
   * identification day itself).
   */
  readonly assignedFrom?: DatedFact;
}

/**
 * 撤销误录 (newcomer51-8 S1): a supervisor retracts one record of a part entered by mistake, with a reason — the record of
 * `factType` of the unit (a reopening: one that returned its part) that reads office day `on` now, as the form showed it (the
 * "record my form showed" check: a record corrected or retracted meanwhile reads otherwise, NOT_FOUND), the `ofTheDay`-th of its
 * kind that day in the order entered (absent: the last entered).
 */
export interface RetractRecord extends Dated {
  readonly type: 'RetractRecord';
  readonly unitId: string;
  readonly factType: RetractableFact;
  /** `YYYY-MM-DD`: the record's office day as it reads now. */
  readonly on: string;
  readonly ofTheDay?: number;
  readonly reason: string;
}

/**
 * 更正记录日期 of a step of a part that is typed again rather than re-dated (breaker55-8 S4, S6; `RetypedStep`): a part handed
 * over alone (`PartHandedOver`, named from either unit's card) or a unit's removal from an item (`UnitUnassigned`), reading office
 * day `previousOn` now (as the form showed it), happened on `on` (`YYYY-MM-DD`, not in the future). Retracted with `reason` and
 * written again on `on`, judged as when it was first typed. A role change (`PartRoleChanged`, h57c) with every role change written
 * with it, and the new lead's 交办 of a 替换原牵头单位 written with them moved to `on` (FactDateCorrected).
 */
export interface CorrectStepDate extends Dated {
  readonly type: 'CorrectStepDate';
  readonly unitId: string;
  readonly factType: RetypedStep;
  readonly previousOn: string;
  readonly on: string;
  readonly reason: string;
  /** Which of the unit's steps of that kind dated `previousOn`, in the order entered (1: the first); absent: the last. */
  readonly ofTheDay?: number;
}

export type AssignmentCommand =
  | AssignUnit
  | HandOverPart
  | RequestExtension
  | WithdrawExtensionRequest
  | DecideExtension
  | UrgeUnit
  | ReportRectification
  | SendBackReport
  | LogInspection
  | ReopenParts
  | CorrectReportDate
  | CorrectInspection
  | CorrectFactDate
  | CorrectStepDate
  | RetractRecord;
