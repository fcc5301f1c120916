import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { graphqlEnum } from '../../shared/graphql/enum.js';
import { TimeCutType } from '../../shared/graphql/time-cut.type.js';
import { Severities, type Severity } from '../domain/finding.events.js';
import { FindingStatuses } from '../ledger/finding-status.js';

export const SeverityEnum = graphqlEnum(Severities, 'Severity');
export const FindingStatusEnum = graphqlEnum(
  FindingStatuses,
  'FindingStatus',
  'UNASSIGNED = 待交办: no unit has a part yet; OPEN = 整改中: assigned, not every part verified; CLOSED = 已销号: closed out after every part was verified',
);

@ObjectType('RecordRetraction', { description: '撤销误录 (RecordRetracted): a record retracted as entered by mistake — why, when and by whom' })
export class RecordRetractionType {
  @Field(() => String, { description: 'Why the record was entered by mistake (录入错误的原因)' }) reason: string;
  @Field(() => String, { description: 'The office day the retraction was entered (YYYY-MM-DD)' }) retractedOn: string;
  @Field(() => String, { description: 'The instant it was recorded (record time, ISO)' }) retractedAt: string;
  @Field(() => String, { description: 'The supervisor’s account id' }) retractedBy: string;
}

@ObjectType('HistoryEntry', { description: 'One event in an item’s life, with who did it' })
export class HistoryEntryType {
  @Field(() => ID, { description: 'The event, as proveEvent takes it to prove it is in a ledger checkpoint' }) eventId: string;
  @Field(() => Int) revision: number;
  @Field(() => String, { description: 'Past-tense event type, e.g. InspectionLogged' }) eventType: string;
  @Field(() => String, { description: 'The office day it happened (business time, YYYY-MM-DD)' }) occurredOn: string;
  @Field(() => String, { description: 'The instant it was recorded (record time, ISO)' }) recordedAt: string;
  @Field(() => String) actorId: string;
  @Field(() => String) actorRole: string;
  @Field(() => String, { nullable: true }) actorUnitId: string | null;
  @Field(() => ID, { nullable: true, description: 'The unit whose part the event concerns' }) unitId: string | null;
  @Field(() => String, { description: 'The event’s data as JSON' }) details: string;
  @Field(() => String, {
    nullable: true,
    description:
      'For a close-out (FindingClosedOut 销号 / WorkPlanItemCompleted 事项完成) that does not stand in this view — undone by a correction or a reopening dated before it, or moved or written again by a correction for a closing listed on another entry: why, in Chinese (「2026-12-06 更正督查结果后销号不成立」, 「因 2016-07-11 重新打开，此销号不成立」, 「2026-12-07 更正督查日期后销号改记于 2026-11-05」, 「2026-12-07 更正督查日期后重记，同 2026-11-05 销号」; an item’s say 完成). For a reopening (FindingReopened / WorkPlanItemReopened) written beside a correction that reopened no closing that stands: why (「2026-12-07 更正督查结果后重新打开不成立」, 「2026-12-07 更正督查结果后销号不成立，未曾重新打开」); for one dated on a day the parent was open, typed after a later close-out: that it reopened nothing of the whole (「2016-05-20 尚未销号（2016-05-26 才销号），此重新打开只退回当日已核验的任务」). For the reopening the server wrote with a part-only one that by date found the parent closed (its own and the other parts’ PartsReopened, foundClosed) once the record that made it so is retracted or moved: 「2026-12-07 撤销误录后重新打开不成立」 (its cause retracted, both read 已撤销 in retracted instead). Null for every other entry and for a close-out or reopening that stands',
  })
  closeOutUndone: string | null;

  @Field(() => RecordRetractionType, {
    nullable: true,
    description:
      'For a record retracted as entered by mistake (撤销误录: a report, send-back, urging, inspection or reopening, and a reopening’s parent entry), in a history that knows the retraction: it is listed as entered and counts in no view (已撤销). Null for every other entry',
  })
  retracted: RecordRetractionType | null;
}

@ObjectType('Evaluation', { description: 'A third-party evaluation (第三方评估) of a year of work.' })
export class EvaluationType {
  @Field(() => ID, { name: 'id' })
  evaluationId: string;

  @Field(() => String)
  title: string;

  @Field(() => String, { description: 'Who evaluated, e.g. a research institute' })
  evaluator: string;

  @Field(() => String, { description: 'Who commissioned the evaluation, e.g. 国务院办公厅' })
  commissionedBy: string;

  @Field(() => String, { description: 'First day of the period evaluated (YYYY-MM-DD)' })
  periodStart: string;

  @Field(() => String, { description: 'Last day of the period evaluated (YYYY-MM-DD)' })
  periodEnd: string;

  @Field(() => String, { description: 'Day the report was received (YYYY-MM-DD)' })
  receivedOn: string;

  @Field(() => String)
  registeredAt: string;

  @Field(() => String)
  registeredBy: string;

  @Field(() => Int)
  findingCount: number;
}

@ObjectType('Finding', { description: 'One problem an evaluation names (评估发现的问题).' })
export class FindingType {
  @Field(() => ID, { name: 'id' })
  findingId: string;

  @Field(() => ID)
  evaluationId: string;

  @Field(() => String)
  title: string;

  @Field(() => String)
  description: string;

  @Field(() => String)
  category: string;

  @Field(() => SeverityEnum)
  severity: Severity;

  @Field(() => [ID], { description: 'Units the evaluation names as concerned' })
  concernedUnitIds: string[];

  @Field(() => String, { description: 'The rectification measures (整改措施) as recorded; empty when none were given' })
  measures: string;

  @Field(() => String)
  recordedAt: string;

  @Field(() => String)
  recordedBy: string;

  // `status` (FindingStatusEnum) is resolved by FindingsResolver from the parts: UNASSIGNED while there are none.

  @Field(() => String, { nullable: true, description: 'Business day of the close-out (销号): the day of the inspection that verified the last part' })
  closedOn: string | null;

  @Field(() => String, { description: 'The office day the finding was identified (YYYY-MM-DD)' })
  identifiedOn: string;

  @Field(() => String, { nullable: true, description: 'The office day a supervisor withdrew the finding (status WITHDRAWN, 已撤销); null while it is on the 台账' })
  withdrawnOn: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was withdrawn (撤销理由); null while it is on the 台账' })
  withdrawalReason: string | null;

  @Field(() => ID, { nullable: true, description: 'Withdrawn as recorded twice: the finding of the same evaluation it repeats (then it counts on no day); null otherwise' })
  duplicateOf?: string | null;

  @Field(() => TimeCutType, { nullable: true, description: 'Which time axes the answer used (on the finding query with asOf / knownAt)' })
  time?: TimeCutType;
}
