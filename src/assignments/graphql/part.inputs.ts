import { applyDecorators } from '@nestjs/common';
import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { IsEvidenceLink } from './evidence-link.js';
import { IdempotentInput } from '../../shared/graphql/idempotent-input.js';
import { CalendarDate, EntityId, OptionalText, RequiredText, RequiredLabel, OptionalLabel } from '../../shared/graphql/validation.js';
import type { AssignmentRole, InspectionOutcome } from '../domain/assignment.events.js';
import { AssignmentRoleEnum, InspectionOutcomeEnum, RedatableRecordEnum, RedatableRecords, RetractableRecordEnum, RetractableRecords, type RedatableRecord, type RetractableRecord } from './assignment.types.js';

/**
 * Business time at the edge: the office day on which a fact happened, `YYYY-MM-DD`. Omitted, it is
 * today on the office's calendar (China time); never in the future, and in order with the part's
 * earlier facts (checked by the lifecycle's rules).
 */
export const OfficeDay = (what: string) =>
  applyDecorators(
    Field(() => String, { nullable: true, description: `YYYY-MM-DD, the office day ${what}; omitted: today (China time). Never in the future.` }),
    IsOptional(),
    CalendarDate(),
  );

/*
 * What every step of the one assignment lifecycle takes, whatever the parent (a finding or a
 * work-plan item): each parent's input adds its own id to these with IntersectionType.
 */

@InputType({ isAbstract: true })
export class PartPayload extends IdempotentInput {
  @Field(() => ID, { description: 'The unit whose part this is' })
  @EntityId()
  unitId: string;
}

@InputType()
export class UnitAssignmentInput {
  @Field(() => ID)
  @EntityId()
  unitId: string;

  @Field(() => AssignmentRoleEnum)
  @IsIn(['LEAD', 'RESPONSIBLE'])
  role: AssignmentRole;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  @CalendarDate()
  dueDate: string;
}

const OVERRIDE_REASON =
  "A supervisor's reason to set a due date past the parent's limit (the approved plan's inspection deadline, " +
  "the work plan's period); recorded with the date. Without it such a date is refused.";

const NEW_DUE_DATE = 'YYYY-MM-DD, not before the return’s own day (a paper return of 2016 may give a 2016 date): the part’s new due date; required when its due date had passed on that day';

@InputType({ isAbstract: true })
export class AssignPayload extends IdempotentInput {
  @Field(() => String, { nullable: true, description: OVERRIDE_REASON })
  @OptionalText(2000)
  overrideReason?: string;

  @Field(() => [UnitAssignmentInput], { description: 'The LEAD (牵头单位) the first time — several LEADs lead jointly (联合牵头) —, any RESPONSIBLE units (责任单位)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => UnitAssignmentInput)
  units: UnitAssignmentInput[];

  @OfficeDay('the units were assigned')
  assignedOn?: string;
}

@InputType({ isAbstract: true })
export class RequestExtensionPayload extends PartPayload {
  @Field(() => String, { description: 'YYYY-MM-DD, later than the due date in force on requestedOn' })
  @CalendarDate()
  requestedDueDate: string;

  @Field(() => String)
  @RequiredText(2000)
  reason: string;

  @OfficeDay('the extension was asked for (on or before the due date)')
  requestedOn?: string;
}

/** 撤回延期申请: the unit takes back its own pending request (see `WithdrawExtensionRequest`). */
@InputType({ isAbstract: true })
export class WithdrawExtensionRequestPayload extends PartPayload {
  @Field(() => ID, { description: 'The pending request to withdraw' })
  @EntityId()
  requestId: string;

  @Field(() => String, { description: 'Why it is withdrawn (撤回理由), kept in the history' })
  @RequiredText(2000)
  reason: string;

  @OfficeDay('the request was withdrawn (not before it was made)')
  withdrawnOn?: string;
}

@InputType({ isAbstract: true })
export class DecideExtensionPayload extends PartPayload {
  @Field(() => ID)
  @EntityId()
  requestId: string;

  @Field(() => Boolean)
  @IsBoolean()
  approve: boolean;

  @Field(() => String, { nullable: true, description: 'When approving: a date other than the one requested' })
  @IsOptional()
  @CalendarDate()
  newDueDate?: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Required when refusing (the refusal’s reason). When approving, optional: the supervisor’s words (审批意见) are kept with the grant — the request’s decisionReason, the history line. ' +
      'A request already decided (by a colleague a moment before, or from a form opened before) is CONFLICT on requestId naming who decided it, when, how (the date granted) and why; nothing is recorded.',
  })
  @OptionalText(2000)
  reason?: string;

  @Field(() => String, { nullable: true, description: OVERRIDE_REASON })
  @OptionalText(2000)
  overrideReason?: string;

  @OfficeDay('of the decision (not before the request)')
  decidedOn?: string;
}

/** Sending back, failing an inspection and reopening return parts: each may set a new due date. */
@InputType({ isAbstract: true })
class ReturnPayload extends PartPayload {
  @Field(() => String, { nullable: true, description: NEW_DUE_DATE })
  @IsOptional()
  @CalendarDate()
  newDueDate?: string;

  @Field(() => String, { nullable: true, description: OVERRIDE_REASON })
  @OptionalText(2000)
  overrideReason?: string;
}

@InputType({ isAbstract: true })
export class UrgePayload extends PartPayload {
  @Field(() => String)
  @RequiredText(2000)
  message: string;

  @OfficeDay('the unit was urged')
  urgedOn?: string;
}

@InputType()
export class EvidenceInput {
  @Field(() => String)
  @RequiredLabel(200)
  title: string;

  @Field(() => String, { nullable: true, description: 'An http(s) link to the published proof' })
  @IsOptional()
  // Intranet hosts have no dot (http://oa/xxgk/123: breaker11b M1); a script link or a space is still refused.
  @IsEvidenceLink()
  @OptionalText(2000)
  link?: string;

  @Field(() => String, { nullable: true, description: 'An official document reference' })
  @OptionalLabel(200)
  documentRef?: string;
}

@InputType({ isAbstract: true })
export class ReportPayload extends PartPayload {
  @Field(() => String)
  @RequiredText(5000)
  summary: string;

  @Field(() => [EvidenceInput])
  @IsArray()
  @ArrayMinSize(1, { message: 'evidence must list at least one item' })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => EvidenceInput)
  evidence: EvidenceInput[];

  @OfficeDay('of the report (not before the assignment, nor before the return it answers)')
  reportedOn?: string;
}

@InputType({ isAbstract: true })
export class SendBackPayload extends ReturnPayload {
  @Field(() => String)
  @RequiredText(2000)
  reason: string;

  @OfficeDay('the report was sent back (not before the report)')
  sentBackOn?: string;
}

@InputType({ isAbstract: true })
export class InspectionPayload extends ReturnPayload {
  @Field(() => InspectionOutcomeEnum)
  @IsIn(['PASSED', 'FAILED'])
  outcome: InspectionOutcome;

  @Field(() => String, { nullable: true, description: 'What was checked and found; required when FAILED' })
  @OptionalText(5000)
  notes?: string;

  @OfficeDay('of the on-site check (not before the report it checks)')
  inspectedOn?: string;

  @Field(() => String, { nullable: true, description: 'Where the check took place' })
  @OptionalLabel(200)
  place?: string;
}

@InputType({ isAbstract: true })
export class ReopenPayload extends IdempotentInput {
  @Field(() => String)
  @RequiredText(2000)
  reason: string;

  @Field(() => String, { nullable: true, description: `${NEW_DUE_DATE} (given to every reopened part)` })
  @IsOptional()
  @CalendarDate()
  newDueDate?: string;

  @Field(() => String, { nullable: true, description: OVERRIDE_REASON })
  @OptionalText(2000)
  overrideReason?: string;

  @OfficeDay('of the reopening (not before the close-out)')
  reopenedOn?: string;
}

/**
 * What a correction form read, sent back so that a correction made meanwhile by someone else is not
 * silently replaced (optimistic concurrency on the record corrected).
 */
const STALE_FORM = (what: string) =>
  `${what}: when the record reads otherwise now (another supervisor corrected it meanwhile), the correction is refused (CONFLICT) naming that correction, and nothing is written. Omitted: unchecked; the web form always sends it`;

/** A supervisor corrects the day of a part's last report, entered by mistake. */
@InputType({ isAbstract: true })
export class CorrectReportDatePayload extends PartPayload {
  @Field(() => String, { description: 'YYYY-MM-DD, the day the report really was made' })
  @CalendarDate()
  reportedOn: string;

  @Field(() => String, { description: 'Why the recorded day was wrong' })
  @RequiredText(2000)
  reason: string;

  @Field(() => String, { nullable: true, description: STALE_FORM('YYYY-MM-DD, the report’s day as the form showed it') })
  @IsOptional()
  @CalendarDate()
  expectedReportedOn?: string;
}

/**
 * A supervisor corrects a part's last inspection, entered by mistake: its day and/or its outcome.
 * Corrected to FAILED, the part is returned as by a failed inspection, with `newDueDate` when
 * its due date had passed on the (corrected) inspection day — for a failure moved to another day, the date it gave itself,
 * else the one then in force, as a date correction judges it (breaker50-8 S2). A failure may be given its `newDueDate`
 * alone, its day and outcome unchanged (its paper's date typed late, breaker50-8 M1, S4).
 */
@InputType({ isAbstract: true })
export class CorrectInspectionPayload extends ReturnPayload {
  @Field(() => ID)
  @EntityId()
  inspectionId: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, the day the check really took place; omitted: unchanged' })
  @IsOptional()
  @CalendarDate()
  inspectedOn?: string;

  @Field(() => InspectionOutcomeEnum, { nullable: true, description: 'The outcome really found; omitted: unchanged' })
  @IsOptional()
  @IsIn(['PASSED', 'FAILED'])
  outcome?: InspectionOutcome;

  @Field(() => String, { description: 'Why the record was wrong (becomes what failed when corrected to FAILED)' })
  @RequiredText(2000)
  reason: string;

  @Field(() => String, { nullable: true, description: STALE_FORM('YYYY-MM-DD, the inspection’s day as the form showed it') })
  @IsOptional()
  @CalendarDate()
  expectedInspectedOn?: string;

  @Field(() => InspectionOutcomeEnum, { nullable: true, description: STALE_FORM('the inspection’s outcome as the form showed it') })
  @IsOptional()
  @IsIn(['PASSED', 'FAILED'])
  expectedOutcome?: InspectionOutcome;

  @Field(() => String, {
    nullable: true,
    description:
      'A failure only: its new due date (重新整改时限) as the form showed it, YYYY-MM-DD, or blank when it showed none (the web app always sends it for a failure; optional for scripts, unchecked when left out): when the failure gives another now — a colleague gave it one meanwhile —, CONFLICT naming who gave which date when; nothing is written (breaker53-9 S1)',
  })
  @IsOptional()
  @ValidateIf((input: { expectedNewDueDate?: string }) => input.expectedNewDueDate !== '')
  @CalendarDate()
  expectedNewDueDate?: string;
}

/**
 * A supervisor corrects the office day of one dated record of a part (breaker8c P1: every fact
 * typed from paper can be mistyped): the record of `record` kind dated `previousOn` — the day the
 * form showed — happened on `on`.
 */
@InputType({ isAbstract: true })
export class CorrectRecordDatePayload extends PartPayload {
  @Field(() => RedatableRecordEnum)
  @IsIn(RedatableRecords)
  record: RedatableRecord;

  @Field(() => String, { description: 'YYYY-MM-DD, the day the record reads now (as the form showed it): the record is found by it; moved from it meanwhile by a colleague, CONFLICT naming who moved it to which day when; no record of that day, NOT_FOUND; nothing is written either way' })
  @CalendarDate()
  previousOn: string;

  @Field(() => String, { description: 'YYYY-MM-DD, the day it really happened' })
  @CalendarDate()
  on: string;

  @Field(() => String, { description: 'Why the recorded day was wrong' })
  @RequiredText(2000)
  reason: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Which of the unit’s records of that kind dated previousOn, in the order entered: 1 the first (a report, its send-back and the re-report typed on one day); omitted: the last entered',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  ofTheDay?: number;

  @Field(() => String, {
    nullable: true,
    description:
      'A return only (REOPENING, SEND_BACK, or an INSPECTION that failed): YYYY-MM-DD, the new due date (重新整改的时限) of the parts it returned, not before `on`. Required exactly when `on` is past the due date the return leaves a part with there — the new due date it gave itself, which this one replaces, else the one then in force (`PartReturn.dueDatesIfMoved`) —, as a return typed on that day needs one; refused otherwise. Where none is needed, a due date an earlier date correction gave the return goes. With `on` equal to `previousOn`, the return is given the new due date its paper gives (typed late), its own from then on',
  })
  @IsOptional()
  @CalendarDate()
  newDueDate?: string;

  @Field(() => String, { nullable: true, description: `With newDueDate: ${OVERRIDE_REASON}` })
  @OptionalText(2000)
  overrideReason?: string;

  @Field(() => String, {
    nullable: true,
    description:
      'A return only: its new due date (重新整改时限) as the form showed it, YYYY-MM-DD, or blank when it showed none (the web app always sends it for a return; optional for scripts, unchecked when left out, ignored for other records): when the return gives another now — a colleague gave it one meanwhile —, CONFLICT naming who gave which date when; nothing is written (breaker53-9 S1)',
  })
  @IsOptional()
  @ValidateIf((input: { expectedNewDueDate?: string }) => input.expectedNewDueDate !== '')
  @CalendarDate()
  expectedNewDueDate?: string;
}

/*
 * A withdrawal entered by mistake, on a finding or a work-plan item (breaker8f P1): taken back, or
 * moved to the day it was in fact made. Each with the supervisor's reason; the history keeps both.
 */

@InputType({ isAbstract: true })
export class UndoWithdrawalPayload extends IdempotentInput {
  @Field(() => String, { description: 'Why the withdrawal was a mistake (更正理由), e.g. 误撤销了另一条问题' })
  @RequiredText(2000)
  reason: string;

  @Field(() => String, {
    nullable: true,
    description:
      'YYYY-MM-DD, the withdrawal day as the form showed it (the web app always sends it; optional for scripts, unchecked when left out): another day now — corrected, or undone and withdrawn again, meanwhile by a colleague — is CONFLICT naming who set which day when; nothing is changed, so an undo never takes back a withdrawal its form did not show.',
  })
  @IsOptional()
  @CalendarDate()
  expectedWithdrawnOn?: string;
}

@InputType({ isAbstract: true })
export class CorrectWithdrawalPayload extends UndoWithdrawalPayload {
  @Field(() => String, { description: 'YYYY-MM-DD, the office day it was in fact withdrawn: not in the future, not the day recorded now, not before any of its parts was assigned (records its units entered dated after it stay on record and count nowhere)' })
  @CalendarDate()
  withdrawnOn: string;
}

/**
 * 撤销误录 (newcomer51-8 S1): a supervisor retracts one record of a part entered by mistake, with a reason — the record of
 * `record` kind that reads `on` now, as the form showed it.
 */
@InputType({ isAbstract: true })
export class RetractRecordPayload extends PartPayload {
  @Field(() => RetractableRecordEnum)
  @IsIn(RetractableRecords)
  record: RetractableRecord;

  @Field(() => String, { description: 'YYYY-MM-DD, the day the record reads now (as the form showed it): the record is found by it; when it reads otherwise (corrected or retracted meanwhile), NOT_FOUND and nothing is written' })
  @CalendarDate()
  on: string;

  @Field(() => String, { description: 'Why the record was entered by mistake (录入错误的原因): shown beside it in the history, 已撤销（录入错误：…）' })
  @RequiredText(2000)
  reason: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Which of the unit’s records of that kind dated `on`, in the order entered: 1 the first; omitted: the last entered',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  ofTheDay?: number;
}
