import type { DomainEvent } from '../../shared/decider.js';
import { officeDayOfRecording, type EventSchemas } from '../../shared/event-schemas.js';
import type { DueTerms } from '../../shared/deadline.js';

/**
 * The two kinds of parent of parts: a finding (整改问题) and a work-plan item (工作事项). Reminders
 * and circulars name a parent by this kind and its id.
 */
export const ParentKinds = ['FINDING', 'WORK_PLAN_ITEM'] as const;
export type ParentKind = (typeof ParentKinds)[number];

/** 牵头单位 (coordinates the whole parent) or 责任单位 (owns one part of it). */
export type AssignmentRole = 'LEAD' | 'RESPONSIBLE';

export type InspectionOutcome = 'PASSED' | 'FAILED';

/** Proof attached to a report: a web link, a reference to an official document, or both. */
export interface Evidence {
  readonly title: string;
  readonly link: string | null;
  readonly documentRef: string | null;
}

/**
 * A supervisor set a due date past the parent's limit (the rectification plan's inspection
 * deadline, the work plan's period): the event that sets the date keeps why, and what it overrode.
 */
export interface DueDateOverridden {
  readonly reason: string;
  /** The limit overridden, `YYYY-MM-DD`. */
  readonly limit: string;
}

/*
 * `dueDateOverride` and `newDueDate` below are optional fields added without a version step: events
 * stored before them simply have none, which is what they mean (no override, due date unchanged).
 *
 * Business time: every event carries the office day (`YYYY-MM-DD`, China time) on which its fact
 * happened — `assignedOn`, `requestedOn`, `decidedOn`, `urgedOn`, `reportedOn`, `sentBackOn`,
 * `inspectedOn`, `reopenedOn` — besides the instant it was recorded (metadata.recordedAt). Versions
 * written before they carried it are upcast with the office day on which they were recorded.
 * Other dates (`dueDate`, …) are calendar days too.
 */

/**
 * v2 added `assignedOn`. `terms` says how `dueDate` is read (src/shared/deadline.ts: 立行立改, a
 * standing task that is never overdue, a recurring period's part, a date then standing); it is
 * written only when it is not BY_DATE, an optional field added without a version step like
 * `dueDateOverride`: every part assigned before it was due by a plain day, which its absence means.
 */
export type UnitAssigned = DomainEvent<
  'UnitAssigned',
  {
    readonly unitId: string;
    readonly role: AssignmentRole;
    readonly dueDate: string;
    readonly terms?: DueTerms;
    readonly assignedOn: string;
    readonly dueDateOverride?: DueDateOverridden;
    /**
     * Why the unit got its part when a plan revision added it to a work-plan item (addWorkPlanItemUnit's reason, a version's
     * 调整依据): an optional field added without a version step, as `terms` was — absent on a first assignment (the
     * assignment is its own reason) and on units added before it was recorded (breaker51-10 S6: the reason was dropped).
     */
    readonly reason?: string;
  }
>;

/** What a returned part may carry: a new due date, and the override when it is past the limit. */
export type NewDueDate = {
  readonly newDueDate?: string;
  readonly dueDateOverride?: DueDateOverridden;
};

/** v2 added `requestedOn`. */
export type ExtensionRequested = DomainEvent<
  'ExtensionRequested',
  {
    readonly unitId: string;
    readonly requestId: string;
    readonly requestedDueDate: string;
    readonly reason: string;
    readonly requestedOn: string;
    /**
     * 代录 (newcomer51-8 S2): the supervisor's account that entered the unit's paper request on its behalf (a unit with no
     * account in use); absent when the unit asked itself. The request stays the unit's. Optional at v2 as
     * `RectificationReported.enteredBy` is: an older build ignores it and reads the request as the unit's.
     */
    readonly enteredBy?: string;
  }
>;

/** v2 added `decidedOn`. */
export type ExtensionGranted = DomainEvent<
  'ExtensionGranted',
  {
    readonly unitId: string;
    readonly requestId: string;
    readonly previousDueDate: string;
    readonly newDueDate: string;
    readonly dueDateOverride?: DueDateOverridden;
    readonly decidedOn: string;
    /**
     * The supervisor's words with the approval (审批意见), when given (newcomer52-9 M1: they were dropped). Optional at v2 on
     * purpose, as RectificationReported's `enteredBy`: older grants have none, and an older build ignores it.
     */
    readonly reason?: string;
  }
>;

/** v2 added `decidedOn`. */
export type ExtensionRefused = DomainEvent<
  'ExtensionRefused',
  { readonly unitId: string; readonly requestId: string; readonly reason: string; readonly decidedOn: string }
>;

/**
 * The unit took back its own extension request while it still awaited a decision (撤回延期申请: a
 * date or reason typed wrong, or the time no longer needed, newcomer23 S3). Nothing is decided on
 * it any more; the unit may ask again. `withdrawnOn` is the office day of the withdrawal, `reason`
 * why (Chinese, for the history). v1.
 */
export type ExtensionRequestWithdrawn = DomainEvent<
  'ExtensionRequestWithdrawn',
  { readonly unitId: string; readonly requestId: string; readonly reason: string; readonly withdrawnOn: string }
>;

/** 催办: the supervisor presses a unit to get on with its part. v2 added `urgedOn`. */
export type UnitUrged = DomainEvent<'UnitUrged', { readonly unitId: string; readonly message: string; readonly urgedOn: string }>;

export type RectificationReported = DomainEvent<
  'RectificationReported',
  {
    readonly unitId: string;
    readonly summary: string;
    readonly evidence: readonly Evidence[];
    /** The office day of the report (v2): an inspection cannot check work before it was reported. */
    readonly reportedOn: string;
    /**
     * 代录: the supervisor account (user id) that entered the unit's report from its paper report on the unit's behalf;
     * absent when the unit's own account reported. The report is the unit's (`unitId`) in every figure. An optional field
     * at v2 (an older build ignores it and reads the unit's report, entered by the supervisor its metadata names).
     */
    readonly enteredBy?: string;
  }
>;

/** 退办: the supervisor returns a report as inadequate before anyone inspects it. v2 added `sentBackOn`. */
export type ReportSentBack = DomainEvent<
  'ReportSentBack',
  { readonly unitId: string; readonly reason: string; readonly sentBackOn: string } & NewDueDate
>;

/** 现场督查: PASSED verifies the part, FAILED returns it to the unit. */
export type InspectionLogged = DomainEvent<
  'InspectionLogged',
  {
    readonly unitId: string;
    readonly inspectionId: string;
    readonly outcome: InspectionOutcome;
    readonly notes: string;
    readonly inspectedOn: string;
    readonly place: string;
  } & NewDueDate
>;

/**
 * The part of `unitId` now belongs to `successorUnitId`. When the successor already had a part of
 * this parent, the two are one part from now on: the successor's, leading if either led. v2 added
 * `handedOverOn`, the office day. `partOnly` (newcomer53-10 S1): this part alone passed, chosen by
 * the administrator (职能划转, `handOverUnitParts` with `only`) — the unit keeps its other duties, so
 * the directory reads no hand-over of the unit's work from it; absent for a whole unit's hand-over or merge.
 */
export type PartHandedOver = DomainEvent<
  'PartHandedOver',
  { readonly unitId: string; readonly successorUnitId: string; readonly reason: string; readonly handedOverOn: string; readonly partOnly?: true }
>;

/**
 * A hand-over (机构改革) no longer stands for this part (breaker8d P15): a fact entered after it but
 * dated before it — the June inspection sheet typed in after the July reorganisation — shows the
 * part of `unitId` stood verified at the end of `handedOverOn`, and a part verified by then stays
 * with the unit that did it (reorganization/hand-over-parts.ts). The part `successorUnitId` took
 * over that day is `unitId`'s again, with everything on it, as if it had never passed — what the
 * facts entered in date order give. The hand-over stays in the history; `reason` says why it no
 * longer stands (Chinese, for the history).
 */
export type PartHandOverUndone = DomainEvent<
  'PartHandOverUndone',
  { readonly unitId: string; readonly successorUnitId: string; readonly reason: string; readonly handedOverOn: string }
>;

/**
 * A plan revision changed the unit's role in the parent (lead ↔ responsible, 牵头 ↔ 责任): the part
 * stays the same part, with its reports, inspections, requests and due date. `changedOn` is the
 * office day of the revision.
 */
export type PartRoleChanged = DomainEvent<
  'PartRoleChanged',
  { readonly unitId: string; readonly role: AssignmentRole; readonly previousRole: AssignmentRole; readonly reason: string; readonly changedOn: string }
>;

/**
 * The parent was reopened: every part that had reported is returned. v2 added `reopenedOn`.
 * `unitIds` (optional, absent before breaker11f P11): only these parts — a parent not closed whose
 * verified parts are taken back (the way to withdraw it); absent: every part that had reported.
 */
export type PartsReopened = DomainEvent<
  'PartsReopened',
  {
    readonly reason: string;
    readonly reopenedOn: string;
    readonly unitIds?: readonly string[];
    /**
     * Set (h54b, issue 8) on the PartsReopened the server writes, after the parent's own reopened event, when a part-only
     * reopening (its cause: the last PartsReopened of its day naming units, without this mark) turns out by date to have found
     * the parent closed: the parts it returns besides (`unitIds`, possibly none). Not a record of its own: every fold applies
     * it only while its cause stands and still finds the parent closed on the day before (`foundClosedHolds`) — retracted or
     * moved with its cause, void once the pass that closed the parent is moved past it. Written at version 3 (only then: a
     * PartsReopened without it stays at version 2, which an older build reads as before); absent in events stored before, which
     * stand as recorded.
     */
    readonly foundClosed?: true;
  } & NewDueDate
>;

/**
 * A supervisor corrected the day of a part's last report, entered by mistake. The report event is
 * never rewritten: views read it with the corrected day once they know of the correction (record
 * time), and the history shows both with who corrected and why. `correctedOn` is the office day of
 * the correction itself.
 */
export type ReportDateCorrected = DomainEvent<
  'ReportDateCorrected',
  { readonly unitId: string; readonly previousReportedOn: string; readonly reportedOn: string; readonly reason: string; readonly correctedOn: string }
>;

/**
 * A supervisor corrected an inspection entered by mistake: its day, its outcome, or both. A
 * correction to FAILED returns the part and may give it a new due date (optional fields added
 * without a version step: a correction stored before them set none).
 */
export type InspectionCorrected = DomainEvent<
  'InspectionCorrected',
  {
    readonly unitId: string;
    readonly inspectionId: string;
    readonly previousInspectedOn: string;
    readonly inspectedOn: string;
    readonly previousOutcome: InspectionOutcome;
    readonly outcome: InspectionOutcome;
    readonly reason: string;
    readonly correctedOn: string;
  } & NewDueDate
>;

/**
 * The facts of a part whose office day a supervisor can correct with `FactDateCorrected` (the one
 * correction of a mistyped day, breaker8c P1): the assignment, any report, send-back, urging,
 * extension request, its decision or its withdrawal (撤回延期申请, newcomer26 S7: a refusal told the office to
 * correct it first), any inspection — an earlier one, or one the unit has answered since (breaker8d P1) — and a reopening
 * (`PartsReopened`, breaker46-8 S1: typed with the wrong day, the unit's real re-report was refused with no way on); the others
 * added without a version step, a reopening at `FactDateCorrected` v2 (an older build refused it as a damaged row: breaker49-9 S2). A reopening concerns the parent, not one unit: its correction
 * names the unit on whose card it was made (a unit whose part it returned), and moves it for every part it returned. The
 * last inspection nothing answered yet has its own correction too (`InspectionCorrected`: its
 * outcome as well).
 */
export const REDATABLE_FACTS = [
  'UnitAssigned',
  'RectificationReported',
  'ReportSentBack',
  'UnitUrged',
  'ExtensionRequested',
  'ExtensionGranted',
  'ExtensionRefused',
  'ExtensionRequestWithdrawn',
  'InspectionLogged',
  'PartsReopened',
] as const;
export type RedatableFact = (typeof REDATABLE_FACTS)[number];

/**
 * The steps of a part whose day a supervisor corrects (更正记录日期) by retracting the step and typing it again on the right day
 * (breaker55-8 S4, S6): a part handed over alone (`PartHandedOver` with `partOnly`) and a unit's removal from an item
 * (`UnitUnassigned`). Not a `FactDateCorrected`: the step is retracted (`RecordRetracted`, with the correction's reason) and written
 * anew on the corrected day, judged as when it was first typed — so every fold, old or new, reads it where it now stands. And
 * (h57c, breaker55-8 M2) a role change (`PartRoleChanged`, 承担方式调整) with every role change written with it — a lead replaced
 * (替换原牵头单位) moves as one step, the new lead's 交办 written with it re-dated with it (`FactDateCorrected`).
 */
export const RETYPED_STEPS = ['PartHandedOver', 'UnitUnassigned', 'PartRoleChanged'] as const;
export type RetypedStep = (typeof RETYPED_STEPS)[number];

/**
 * A supervisor corrected the office day of one fact of a part, entered by mistake (a paper date
 * mistyped): the fact of type `factType` of `unitId` dated `previousOn` (the last such, as earlier
 * corrections left it) happened on `on`. The fact's event is never rewritten: views read it on the
 * corrected day once they know of the correction (record time), and the history lists both with
 * who corrected it and why. `correctedOn` is the office day of the correction itself. Of a reopening (`PartsReopened`):
 * the last reopening dated `previousOn` that returned the part of `unitId`, with the parent's own reopened event written with
 * it (FindingReopened, WorkPlanItemReopened), for every part it returned. A reopening that gave no new due date, moved past a
 * returned part's due date, gives one with its correction (`newDueDate`, with `dueDateOverride` past the parent's limit: h8b —
 * the parts' due date from the corrected day on, as a reopening typed on that day gives it); so does a send-back (`ReportSentBack`)
 * that gave none, moved past the due date then in force (breaker48-8 S2), a failed inspection likewise (breaker49-8 S5), and a
 * return moved past the new due date it gave itself, which the correction's then replaces (breaker49-8 M1). A correction of a
 * reopening, with a new due date, or taking one back (`ownDueDateOnly`) is written at v2, which an older Rectify refuses as a
 * newer version's rather than misread (breaker49-9 S2); any other at v1. `ofTheDay` was added without a version step: a
 * correction stored before it named the last of the day, which its absence means.
 */
export type FactDateCorrected = DomainEvent<
  'FactDateCorrected',
  {
    readonly unitId: string;
    readonly factType: RedatableFact;
    readonly previousOn: string;
    readonly on: string;
    readonly reason: string;
    readonly correctedOn: string;
    /**
     * Which of the unit's records of that kind dated `previousOn` it corrects, in the order entered: 1 the first (breaker8s P8:
     * a report, its send-back and the re-report typed on one day — only the last could be moved). Absent: the last entered.
     */
    readonly ofTheDay?: number;
    /**
     * Of a return (send-back, reopening, failed inspection) moved to a day where it needs no new due date: the due date an
     * earlier date correction gave it (moved past the date then in force) goes, and it gives again only the one it gave itself
     * — none, or as typed (breaker49-8 S4: undoing a wrong correction kept the date only the wrong day called for). Absent: a
     * due date given earlier stays, as a correction stored before this field kept it.
     */
    readonly ownDueDateOnly?: true;
  } & NewDueDate
>;

/**
 * The records of a part a supervisor can retract as entered by mistake (撤销误录, newcomer51-8 S1: typed on the wrong finding,
 * unit or day, or never made at all): a report, a send-back (退办), an urging (催办), an inspection (督查, either outcome), a
 * reopening (重新打开, the parent's: named by a unit whose part it returned), and (h52a) an extension request (the unit's own or
 * 代录), an extension decision (审批延期, granted or refused) and a 交办 (the unit's assignment, or its addition to an item) with
 * no later record of the unit. A unit's withdrawal of its request stays the unit's own (README).
 */
/** The kinds `RecordRetracted` v1 named (newcomer51-8 S1); the others are written at v2. */
const RETRACTABLE_V1 = ['RectificationReported', 'ReportSentBack', 'UnitUrged', 'InspectionLogged', 'PartsReopened'] as const;
/** The kinds `RecordRetracted` v2 named (h52a); the others (v3) are written at v3. */
const RETRACTABLE_V2 = [...RETRACTABLE_V1, 'ExtensionRequested', 'ExtensionGranted', 'ExtensionRefused', 'UnitAssigned'] as const;
/**
 * breaker55-8 S4, S6 (v3): a part handed over alone (`PartHandedOver` with `partOnly`, 按事项移交 typed on the wrong day or for the
 * wrong finding or item: the part is its unit's again, as if never handed over) and a unit's removal from an item (`UnitUnassigned`,
 * 撤销单位 on the wrong day: its part is back as it stood). An older build would drop the record without giving the part back
 * (a split retracted) or refuse the kind as damaged, so these are written at v3.
 */
/** The kinds `RecordRetracted` v3 named (breaker55-8 S4, S6); the others (v4) are written at v4. */
const RETRACTABLE_V3 = [...RETRACTABLE_V2, 'PartHandedOver', 'UnitUnassigned'] as const;
/**
 * h57c (breaker55-8 M1, M2; v4): a role change (`PartRoleChanged`, 承担方式调整 — the step-down and the new lead of a 替换原牵头单位,
 * or a plan's change of roles), retracted with every role change written with it: one RecordRetracted each, in one decision, with
 * the new lead's 交办 written with them (`UnitAssigned`). An older build would refuse the kind as damaged, so it is written at v4.
 */
export const RETRACTABLE_FACTS = [...RETRACTABLE_V3, 'PartRoleChanged'] as const;
export type RetractableFact = (typeof RETRACTABLE_FACTS)[number];

/**
 * 撤销误录 (newcomer51-8 S1): a supervisor retracted one record of a part entered by mistake — the record of type `factType` of
 * `unitId` that reads office day `on` now (corrections applied; of a reopening, one that returned the part of `unitId`), the
 * `ofTheDay`-th of its kind that day in the order entered (absent: the last entered), found as `FactDateCorrected` finds its
 * record. The record's event is never rewritten: every fold that knows of the retraction (record time) reads the stream as if
 * the record had never been entered — on every office day, since it never happened — and the history lists it as entered,
 * marked 已撤销 with `reason`, who and when. A reopening's parent event (FindingReopened, WorkPlanItemReopened, written just
 * before it) goes with it. `retractedOn` is the office day the retraction was entered: it places the retraction's own line in
 * the history (a day viewed before it does not list it), as a correction's `correctedOn` does. v1; v2 (h52a) for the kinds added since — an extension
 * request, an extension decision, a 交办 — which an older build refuses as a newer version's (a v1 kind is still written at v1).
 */
export type RecordRetracted = DomainEvent<
  'RecordRetracted',
  {
    readonly unitId: string;
    readonly factType: RetractableFact;
    readonly on: string;
    readonly ofTheDay?: number;
    readonly reason: string;
    readonly retractedOn: string;
  }
>;

/** The unit no longer has a part of this parent (a plan revision took it off); history keeps what it did. */
export type UnitUnassigned = DomainEvent<'UnitUnassigned', { readonly unitId: string; readonly reason: string; readonly unassignedOn: string }>;

/**
 * The parent's due date moved (a plan revision): every part still open that was due on
 * `previousDueDate` is now due on `dueDate`; parts with a date of their own (an extension, a new
 * date on return) keep it. Concerns several parts, hence no unitId.
 */
export type PartsRescheduled = DomainEvent<
  'PartsRescheduled',
  {
    readonly previousDueDate: string;
    readonly dueDate: string;
    readonly rescheduledOn: string;
    /**
     * The terms those parts are held to from now on (常态化 instead of a day …), written only when
     * they change (an optional field without a version step: absent, each part keeps its terms).
     */
    readonly terms?: DueTerms;
    /**
     * Only the parts of these units (an optional field without a version step: absent, every open
     * part due on `previousDueDate`). A plan moving an item earlier leaves a part whose granted
     * extension runs past the new date at that extension's day (breaker10d P31).
     */
    readonly unitIds?: readonly string[];
    /**
     * Why: the plan revision's reason (调整依据, 依据 <file> 修订方案), said on the timeline as a unit's removal says its own
     * (newcomer48-10 M1). Optional, added without a version step as `terms` and `unitIds` were: absent in events stored before.
     */
    readonly reason?: string;
    /**
     * When `dueDate` is past the plan's period: the supervisor's override (特批) and its reason, as a part assigned past it records on
     * its UnitAssigned (newcomer49-10 S3). Optional, added without a version step as `reason` was: absent, none was needed.
     */
    readonly dueDateOverride?: DueDateOverridden;
  }
>;

export type AssignmentEvent =
  | UnitAssigned
  | ExtensionRequested
  | ExtensionGranted
  | ExtensionRefused
  | ExtensionRequestWithdrawn
  | UnitUrged
  | RectificationReported
  | ReportSentBack
  | InspectionLogged
  | PartsReopened
  | ReportDateCorrected
  | InspectionCorrected
  | FactDateCorrected
  | RecordRetracted
  | PartHandedOver
  | PartHandOverUndone
  | UnitUnassigned
  | PartsRescheduled
  | PartRoleChanged;

/** v1 of each did not say the day: it is the office day on which the event was recorded. */
export const assignmentEventSchemas: EventSchemas<AssignmentEvent> = {
  UnitAssigned: { version: 2, occurredOn: 'assignedOn', upcasters: { 1: officeDayOfRecording('assignedOn') } },
  // `enteredBy` (代录 of a paper request, newcomer51-8 S2) is optional at v2 as RectificationReported's is.
  ExtensionRequested: { version: 2, occurredOn: 'requestedOn', upcasters: { 1: officeDayOfRecording('requestedOn') } },
  ExtensionGranted: { version: 2, occurredOn: 'decidedOn', upcasters: { 1: officeDayOfRecording('decidedOn') } },
  ExtensionRefused: { version: 2, occurredOn: 'decidedOn', upcasters: { 1: officeDayOfRecording('decidedOn') } },
  ExtensionRequestWithdrawn: { version: 1, occurredOn: 'withdrawnOn' },
  UnitUrged: { version: 2, occurredOn: 'urgedOn', upcasters: { 1: officeDayOfRecording('urgedOn') } },
  // `enteredBy` (代录, newcomer49-8 M5) is optional at v2 on purpose: an older build ignores it and reads the unit's report as entered by the supervisor its metadata names.
  RectificationReported: { version: 2, occurredOn: 'reportedOn', upcasters: { 1: officeDayOfRecording('reportedOn') } },
  ReportSentBack: { version: 2, occurredOn: 'sentBackOn', upcasters: { 1: officeDayOfRecording('sentBackOn') } },
  InspectionLogged: { version: 1, occurredOn: 'inspectedOn' },
  // v3 (h55a, after h54b): `foundClosed` marks the PartsReopened the server writes when a part-only reopening found the parent
  // closed, which stands only while its cause does; an older build would read it as a reopening of its own (one a retraction
  // or correction of its cause leaves standing), so it is written at v3, refused there as newer; every other one at v2.
  PartsReopened: { version: 3, occurredOn: 'reopenedOn', upcasters: { 1: officeDayOfRecording('reopenedOn'), 2: (data) => data }, writtenAs: (data) => (data.foundClosed === true ? 3 : 2) },
  // v3 (newcomer53-10 S1): `partOnly`, a split — an older build would read the part's hand-over as the unit's whole work
  // handed over (its later reports on its other parts moved to the successor); written at v2 without it.
  PartHandedOver: { version: 3, occurredOn: 'handedOverOn', upcasters: { 1: officeDayOfRecording('handedOverOn'), 2: (data) => data }, writtenAs: (data) => (data.partOnly === true ? 3 : 2) },
  PartHandOverUndone: { version: 1, occurredOn: 'handedOverOn' },
  ReportDateCorrected: { version: 1, occurredOn: 'correctedOn' },
  InspectionCorrected: { version: 1, occurredOn: 'correctedOn' },
  // v2: the correction of a reopening (`factType: PartsReopened`), the new due date a correction gives (`newDueDate`,
  // `dueDateOverride`) or takes back (`ownDueDateOnly`) — an older Rectify refused the one as a damaged row and ignored the
  // others; written at v1 without them.
  FactDateCorrected: { version: 2, occurredOn: 'correctedOn', upcasters: { 1: (data) => data }, writtenAs: (data) => (data.factType === 'PartsReopened' || data.newDueDate !== undefined || data.dueDateOverride !== undefined || data.ownDueDateOnly !== undefined ? 2 : 1) },
  // v2 (h52a): an extension request, an extension decision or a 交办 retracted — kinds an older build would read as damaged; a
  // retraction of the v1 kinds is still written at v1, which an older build reads as before.
  // v3 (breaker55-8 S4, S6): a split hand-over or a removal retracted — an older build would drop the hand-over and leave the part
  // with nobody, or read the removal as damaged; the earlier kinds keep their versions.
  // v4 (h57c): a role change retracted (替换原牵头单位 as one step) — a kind an older build would read as damaged.
  RecordRetracted: {
    version: 4,
    occurredOn: 'retractedOn',
    upcasters: { 1: (data) => data, 2: (data) => data, 3: (data) => data },
    writtenAs: (data) =>
      (RETRACTABLE_V1 as readonly unknown[]).includes(data.factType) ? 1 : (RETRACTABLE_V2 as readonly unknown[]).includes(data.factType) ? 2 : (RETRACTABLE_V3 as readonly unknown[]).includes(data.factType) ? 3 : 4,
  },
  UnitUnassigned: { version: 1, occurredOn: 'unassignedOn' },
  PartsRescheduled: { version: 1, occurredOn: 'rescheduledOn' },
  PartRoleChanged: { version: 1, occurredOn: 'changedOn' },
};

/**
 * A parent stream (finding, work-plan item) mixes its own events with these; the parent's
 * `evolve` uses this to hand the assignment ones to `evolveAssignments`.
 */
export function isAssignmentEvent(event: DomainEvent): event is AssignmentEvent {
  return Object.hasOwn(assignmentEventSchemas, event.type);
}

/**
 * A unit's own records on its part — report, inspection, send-back, urging, extension request, its
 * decision or withdrawal: the kinds a withdrawal may be dated before (the office heard of the evaluator's
 * letter later, breaker11h P8). Those dated on or after a withdrawal that stands stay on the record
 * and count nowhere: not in any figure, nor in judging a record dated before the withdrawal and
 * entered after it, nor in the part its page and 台账 row show (breaker11j P3, P4). They are the facts
 * whose day can be corrected, but for the assignment itself and a reopening (the office's act on the parent).
 */
const UNIT_RECORD_TYPES: ReadonlySet<string> = new Set<string>(REDATABLE_FACTS.filter((type) => type !== 'UnitAssigned' && type !== 'PartsReopened'));

export const isUnitRecord = (event: { readonly type: string }): boolean => UNIT_RECORD_TYPES.has(event.type);

/**
 * A unit's record (`isUnitRecord`) that counts nowhere for good: its unit, its event type (RectificationReported …) and
 * its office day (`YYYY-MM-DD`). Made before the office heard of a withdrawal that a later version ended, it no longer
 * held once a verification dated before that withdrawal undid it — typed in date order it was refused (breaker11o P2).
 * Carried by the undoing (WorkPlanItemWithdrawalUndone.recordsSetAside); every fold skips it (`setAsideBy`).
 */
export interface SetAsideRecord {
  readonly unitId: string;
  readonly type: string;
  readonly on: string;
}
