import { Field, ID, ObjectType } from '@nestjs/graphql';
import { graphqlEnum } from '../../shared/graphql/enum.js';
import { DueTermsKinds, type DueTermsKind } from '../../shared/deadline.js';
import type { AssignmentRole, InspectionOutcome } from '../domain/assignment.events.js';
import type { PartStatus, TrafficLight } from '../read-model/part-view.js';

export const AssignmentRoleEnum = graphqlEnum<AssignmentRole>(['LEAD', 'RESPONSIBLE'], 'AssignmentRole', 'LEAD = 牵头单位, RESPONSIBLE = 责任单位');
export const PartStatusEnum = graphqlEnum<PartStatus>(['ASSIGNED', 'REPORTED', 'VERIFIED', 'RETURNED'], 'AssignmentStatus');
export const InspectionOutcomeEnum = graphqlEnum<InspectionOutcome>(['PASSED', 'FAILED'], 'InspectionOutcome');
export const TrafficLightEnum = graphqlEnum<TrafficLight>(['GREEN', 'YELLOW', 'RED'], 'TrafficLight', 'RED: overdue, YELLOW: due soon, GREEN: on track');
export const ExtensionStatusEnum = graphqlEnum(
  ['PENDING', 'GRANTED', 'REFUSED', 'LAPSED', 'WITHDRAWN'] as const,
  'ExtensionStatus',
  'PENDING: awaiting a decision; GRANTED / REFUSED: decided; LAPSED (已失效): a passed inspection dated on or after its request day stands (the part was verified while it was pending), so nothing is left to decide — it is never decided, even if the part comes back (the unit asks again); WITHDRAWN (已撤回): the unit took it back while it was pending (withdrawnOn, withdrawalReason) — never decided; the unit may ask again',
);
export const DueTermsKindEnum = graphqlEnum<DueTermsKind>(
  DueTermsKinds,
  'DeadlineKind',
  'BY_DATE: due that day; AT_ONCE: 立行立改, due the day assigned; RECURRING: one period’s part of a plan imported before recurring items were kept up as one (each due at its period’s end; 每季度 now reads as STANDING reporting every quarter); STANDING: 常态化 / 长期坚持, never overdue, reported every period; BY_DATE_THEN_STANDING: 前完成并持续落实, due by the day then standing',
);
/** The facts of a part whose day `correctFactDate` corrects, as the API names them (see `REDATED_FACT_TYPES`). */
export const RedatableRecords = ['ASSIGNMENT', 'REPORT', 'SEND_BACK', 'URGING', 'EXTENSION_REQUEST', 'EXTENSION_DECISION', 'EXTENSION_WITHDRAWAL', 'INSPECTION', 'REOPENING', 'HAND_OVER', 'REMOVAL', 'ROLE_CHANGE'] as const;
export type RedatableRecord = (typeof RedatableRecords)[number];
export const RedatableRecordEnum = graphqlEnum<RedatableRecord>(
  RedatableRecords,
  'RedatableRecord',
  'A dated record of a part whose office day can be corrected: ASSIGNMENT = 交办, REPORT = 整改报告 (any, not only the last), SEND_BACK = 退办, URGING = 催办, EXTENSION_REQUEST = 延期申请, EXTENSION_DECISION = 延期审批 (granted or refused), EXTENSION_WITHDRAWAL = 撤回延期申请 (the unit\'s taking back of a request), INSPECTION = 现场督查 (its day: any inspection, also one the unit has answered since; the last unanswered one\'s outcome is corrected with correctInspection), REOPENING = 重新打开 (the reopening that returned this unit\'s part: its day moves for every part it returned, and the parent\'s reopening with it), HAND_OVER = 按事项移交 (a part handed over alone, handOverUnitParts with only) and REMOVAL = 移除单位 (a unit taken off a work-plan item): retracted and typed again on the corrected day (RecordRetracted with the reason, then the step anew), judged as when first typed — a part passed with a unit\'s whole work or merge is refused (CONFLICT: corrected in the units directory); ROLE_CHANGE = 承担方式调整 (a role change, named from the card of a unit whose role it changed: with every role change written with it — a 替换原牵头单位 moves as one step, the new lead\'s 交办 written with it moving too, as it does when its ASSIGNMENT is corrected).',
);
export const RetractableRecords = ['ASSIGNMENT', 'REPORT', 'SEND_BACK', 'URGING', 'EXTENSION_REQUEST', 'EXTENSION_DECISION', 'INSPECTION', 'REOPENING', 'HAND_OVER', 'REMOVAL', 'ROLE_CHANGE'] as const;
export type RetractableRecord = (typeof RetractableRecords)[number];
export const RetractableRecordEnum = graphqlEnum<RetractableRecord>(
  RetractableRecords,
  'RetractableRecord',
  'A record of a part a supervisor can retract as entered by mistake (撤销误录): ASSIGNMENT = 交办 (the unit\'s part, as if never given: only while no record of the unit follows it, and not the only lead while other units keep parts), REPORT = 整改报告, SEND_BACK = 退办, URGING = 催办, EXTENSION_REQUEST = 延期申请 (the unit\'s own or entered for it, 代录; its decision retracted first), EXTENSION_DECISION = 延期审批 (granted or refused: the request awaits a decision again, a date it granted goes), INSPECTION = 现场督查 (either outcome), REOPENING = 重新打开 (the reopening that returned this unit\'s part: retracted for every part it returned, with the parent\'s reopening), HAND_OVER = 按事项移交 (a part handed over alone, handOverUnitParts with only: the part is its unit\'s again — named from either unit\'s card, `on` its day; only while the successor has no record on it since; a part passed with a unit\'s whole work or merge is refused, CONFLICT), REMOVAL = 移除单位 (a unit taken off a work-plan item: its part is back as it stood; only while the unit has no record there dated on or after it), ROLE_CHANGE = 承担方式调整 (a role change, named from the card of a unit whose role it changed, `on` its day: every role change written with it is retracted, and the new lead\'s 交办 of a 替换原牵头单位 written with them — the old lead leads again; so is the replacement when that new lead\'s ASSIGNMENT is retracted; only while no later role change, removal or hand-over of those units rests on it). A unit\'s withdrawal of its request is its own: not retracted here.',
);
/**
 * What `daysLeft` means on every type that has it (breaker8c P5: a reported part showed −16 beside a
 * green light, and a script counted it overdue).
 */
export const DAYS_LEFT = 'Office days from the day viewed to the due date in force, negative once it has passed. Overdue only while the unit has to act (status ASSIGNED or RETURNED); for a part reported and awaiting inspection, or verified, it is not overdue and reportedDaysLate tells how late its report came. In a unit’s workload (unitWorkload), on the unit’s own watch: a part it took over (机构改革) after its due date counts from the day it came to hold it';

export const ReturnCauseEnum = graphqlEnum(['SENT_BACK', 'INSPECTION_FAILED', 'REOPENED'] as const, 'ReturnCause');

/**
 * The `unitId` argument of a parent's parts: only that unit's part (none when it has no part). A
 * unit user selects its own part's reports, inspections and returns this way, without asking for
 * other units' (which it may not read).
 */
export const ONE_UNIT_PART = 'Only this unit’s part: how a unit user asks for its own part’s reports, inspections and returns without asking for other units’';

@ObjectType('Evidence')
export class EvidenceType {
  @Field(() => String) title: string;
  @Field(() => String, { nullable: true }) link: string | null;
  @Field(() => String, { nullable: true, description: 'Reference of an official document, e.g. 青政办发〔2026〕12号' })
  documentRef: string | null;
}

@ObjectType('CompletionReport')
export class ReportType {
  @Field(() => String) summary: string;
  @Field(() => [EvidenceType]) evidence: EvidenceType[];
  @Field(() => String, { description: 'The office day of the report (business time)' }) reportedOn: string;
  @Field(() => String, { description: 'When it was recorded' }) reportedAt: string;
  @Field(() => String, { description: 'The account that recorded it: the unit’s own, or the supervisor who entered it on its behalf (enteredBy)' }) reportedBy: string;
  @Field(() => String, {
    nullable: true,
    description: '代录: the supervisor account (user id) that entered the unit’s paper report on its behalf; null for the unit’s own report (it counts as the unit’s either way)',
  })
  enteredBy?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'The office day (YYYY-MM-DD) it was entered as, when a date correction moved it to reportedOn (原录); null when never moved or moved back',
  })
  reportedOnAsEntered?: string | null;
}

/** A supervisor's correction of an inspection (更正督查记录), beside what the inspector wrote (newcomer46-8 M2). */
@ObjectType('InspectionCorrection', { description: 'A supervisor’s correction of an inspection (更正督查记录: its day, its outcome or both), kept beside what the inspector wrote' })
export class InspectionCorrectionType {
  @Field(() => String, { description: 'Why it was corrected (the supervisor’s words)' }) reason: string;
  @Field(() => String, { description: 'The office day of the correction (YYYY-MM-DD)' }) correctedOn: string;
  @Field(() => String, { description: 'ISO instant the correction was recorded' }) correctedAt: string;
  @Field(() => String, { description: 'The account id of the supervisor who corrected it' }) correctedBy: string;
  @Field(() => InspectionOutcomeEnum, { description: 'The outcome as it read before this correction' }) previousOutcome: InspectionOutcome;
  @Field(() => InspectionOutcomeEnum, { description: 'The outcome this correction gave' }) outcome: InspectionOutcome;
  @Field(() => String, { description: 'The office day of the inspection as it read before this correction' }) previousInspectedOn: string;
  @Field(() => String, { description: 'The office day of the inspection this correction gave' }) inspectedOn: string;
}

@ObjectType('Inspection', { description: 'An on-site check (现场督查) of one unit’s part' })
export class InspectionType {
  @Field(() => ID) inspectionId: string;
  @Field(() => InspectionOutcomeEnum, { description: 'As it stands, after any correction' }) outcome: InspectionOutcome;
  @Field(() => String, { description: 'What the inspector wrote (督查情况), as written: a correction never replaces it (see corrections)' }) notes: string;
  @Field(() => [InspectionCorrectionType], { description: 'The supervisor’s corrections of this inspection, in the order made (who, when, why); empty when none' })
  corrections: InspectionCorrectionType[];
  @Field(() => String) inspectedOn: string;
  @Field(() => String) place: string;
  @Field(() => String) inspectorId: string;
  @Field(() => String) loggedAt: string;
}

@ObjectType('ExtensionRequest')
export class ExtensionRequestType {
  @Field(() => ID) requestId: string;
  @Field(() => String) requestedDueDate: string;
  @Field(() => String) reason: string;
  @Field(() => String, { description: 'The office day it was asked for' }) requestedOn: string;
  @Field(() => String) requestedAt: string;
  @Field(() => String, { nullable: true, description: '代录: the supervisor account that entered the unit’s paper request on its behalf; null when the unit asked itself' })
  enteredBy?: string | null;
  @Field(() => ExtensionStatusEnum) status: string;
  @Field(() => String, { nullable: true, description: 'The office day of the decision' }) decidedOn: string | null;
  @Field(() => String, { nullable: true }) decidedAt: string | null;
  @Field(() => String, { nullable: true }) decisionReason: string | null;
  @Field(() => String, { nullable: true }) grantedDueDate: string | null;
  @Field(() => String, { nullable: true, description: 'The office day the unit withdrew it (撤回); null unless WITHDRAWN' }) withdrawnOn: string | null;
  @Field(() => String, { nullable: true, description: 'ISO instant the withdrawal was recorded; null unless WITHDRAWN' }) withdrawnAt: string | null;
  @Field(() => String, { nullable: true, description: 'Why the unit withdrew it; null unless WITHDRAWN' }) withdrawalReason: string | null;
  @Field(() => Boolean, {
    description:
      'Whether decideExtension takes a decision of it now (审批延期): a PENDING request, and a LAPSED one (its part verified since) whose paper decision is dated no later than the pass that lapsed it — e.g. after 撤销审批 (newcomer53-8 S1); false once decided or withdrawn',
  })
  decidable: boolean;
  @Field(() => String, { nullable: true, description: 'A decidable LAPSED request: the last office day (YYYY-MM-DD) its decision may be dated (the day of the pass that lapsed it); null otherwise (a PENDING one: up to today)' })
  decidableUntil: string | null;
}

@ObjectType('Urge', { description: '催办: a supervisor pressed the unit' })
export class UrgeType {
  @Field(() => String) message: string;
  @Field(() => String, { description: 'The office day of the urging' }) urgedOn: string;
  @Field(() => String) urgedAt: string;
  @Field(() => String) urgedBy: string;
}

@ObjectType('DueDateFrom', { description: 'From an office day on, a due date' })
export class DueDateFromType {
  @Field(() => String, { description: 'YYYY-MM-DD, the first office day it applies' }) from: string;
  @Field(() => String, { description: 'YYYY-MM-DD' }) dueDate: string;
}

@ObjectType('PartReturn', { description: 'Why the part went back to the unit' })
export class ReturnType {
  @Field(() => ReturnCauseEnum) cause: string;
  @Field(() => String) reason: string;
  @Field(() => String, { description: 'The office day of the return' }) returnedOn: string;
  @Field(() => String) returnedAt: string;
  @Field(() => String, {
    nullable: true,
    description: 'A send-back or reopening: the office day (YYYY-MM-DD) it was entered as, when a date correction moved it to returnedOn (原录); null when never moved or moved back, and for a failed inspection (its inspection lists its corrections)',
  })
  returnedOnAsEntered?: string | null;
  @Field(() => ID, {
    nullable: true,
    description:
      'For a 重新打开 Rectify wrote with the office’s part-only reopening of the same day that by date found the parent closed (not a record of its own): the unit whose part that reopening returned — it is retracted or redated only with that reopening, on that unit’s part (retractRecord / correctRecordDate of this one alone: CONFLICT with extensions.goesWith). Empty when that part is not in the view. Null for every other return',
  })
  goesWithReopeningOf?: string | null;
  @Field(() => String, { nullable: true, description: 'The due date the part was given as it came back; null when it kept its own' })
  newDueDate: string | null;
  @Field(() => [DueDateFromType], {
    description:
      'For a date correction of this return (correctRecordDate): the due date it leaves the part with on each office day it could be moved to, without a new one — the new due date it gave itself, else the part’s due date in force that day without it. Steps in day order, the first from the assignment; moved to day D, the last step from on or before D applies, and the correction needs newDueDate exactly when D is after it (for a reopening: after that of any part it returned)',
  })
  dueDatesIfMoved: DueDateFromType[];
}

@ObjectType('DueDateApproval', { description: 'A supervisor’s override (特批) of a due date past the parent’s limit: the reason and the day it was given' })
export class DueDateApprovalType {
  @Field(() => String, { description: 'Why the later date was approved (the supervisor’s words, 特批理由)' }) reason: string;
  @Field(() => String, { description: 'The limit it goes past (YYYY-MM-DD): the plan’s period end or the rectification plan’s inspection deadline' }) limit: string;
  @Field(() => String, { description: 'The office day it was approved (YYYY-MM-DD): the day of the assignment, extension or return that gave the date' }) approvedOn: string;
}

@ObjectType('PartRoleChange', { description: '承担方式调整: a change of a part’s role after its 交办 (牵头 ↔ 责任)' })
export class PartRoleChangeType {
  @Field(() => AssignmentRoleEnum, { description: 'The role it gave the part' }) role: AssignmentRole;
  @Field(() => String, { description: 'YYYY-MM-DD, the office day it took effect' }) changedOn: string;
}

@ObjectType('Assignment', { description: 'One unit’s part of a finding or work-plan item' })
export class AssignmentType {
  @Field(() => ID) unitId: string;
  @Field(() => AssignmentRoleEnum) role: AssignmentRole;
  @Field(() => PartStatusEnum) status: PartStatus;
  @Field(() => String, { description: 'YYYY-MM-DD; for a standing part (常态化) the day it is kept up until and inspected by, never overdue' })
  dueDate: string;
  @Field(() => String, { description: 'The due date before any extension' }) originalDueDate: string;
  @Field(() => String, { description: 'The office day the unit was assigned' }) assignedOn: string;
  @Field(() => String) assignedAt: string;
  @Field(() => String, { nullable: true, description: 'The office day of the inspection that verified the part' }) verifiedOn: string | null;
  @Field(() => String, { nullable: true }) verifiedAt: string | null;
  @Field(() => [ReportType], { nullable: true }) reports: ReportType[] | null;
  @Field(() => [InspectionType], { nullable: true }) inspections: InspectionType[] | null;
  @Field(() => [ExtensionRequestType], { nullable: true }) extensionRequests: ExtensionRequestType[] | null;
  @Field(() => [UrgeType], { nullable: true }) urges: UrgeType[] | null;
  @Field(() => [ReturnType], { nullable: true }) returns: ReturnType[] | null;
  @Field(() => [ID], { description: 'Units that held this part before it was handed over (机构改革), earliest first' })
  heldBefore: string[];
}
