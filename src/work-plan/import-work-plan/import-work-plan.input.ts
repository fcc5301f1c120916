import { Field, InputType, Int } from '@nestjs/graphql';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { FileUploadInput } from '../../shared/graphql/file-upload.js';
import { CalendarDate, OptionalLabel, OptionalText } from '../../shared/graphql/validation.js';
import { NearNamesField } from '../../organization/units/near-names.field.js';

@InputType()
export class ImportWorkPlanInput extends FileUploadInput {
  @Field(() => String, {
    nullable: true,
    description: 'The plan’s title, for CSV and XLSX (YAML and JSON carry their own); defaults to the title row above the header (not an attachment label such as 附件1, the issuing office or a remark), else the file name without its extension and attachment label; a version remark such as （2026年7月调整） is not part of it',
  })
  @OptionalLabel(200)
  title?: string;

  @Field(() => Int, { nullable: true, description: 'The plan’s year, for CSV and XLSX; defaults to the year in the title, else the year of the first item’s due date' })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @Field(() => Int, {
    nullable: true,
    description: 'The last year of a plan over several years (三年行动计划: year 2026, lastYear 2028), after year and at most ten years on; defaults to the span of years in the title (（2026—2028年）). Items may be due until 12-31 of it; standing and 每年 items are kept up until then',
  })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2110)
  lastYear?: number;

  @Field(() => Boolean, { nullable: true, description: 'Decide everything and write nothing: what the import would do (for a new version: the revision), or why it would be refused' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Apply a new version of an imported plan (same title and year) as a revision that keeps all progress; without it a new version is refused (CONFLICT) with the difference; refused (BAD_USER_INPUT, field revise) when no plan of that title and year was imported, naming the nearest',
  })
  @IsOptional()
  @IsBoolean()
  revise?: boolean;

  @Field(() => String, {
    nullable: true,
    description:
      'YYYY-MM-DD, the office day the plan was approved (印发), for a plan entered late; omitted: assignedOn, else today. Never in the future; a new version keeps the first one’s.',
  })
  @IsOptional()
  @CalendarDate()
  approvedOn?: string;

  @Field(() => String, {
    nullable: true,
    description:
      'YYYY-MM-DD, the office day its items’ units were assigned (交办), on or after approvedOn: reports cannot come before it; omitted: approvedOn. For a new version (revise), the office day the plan changed: items added, re-dated, withdrawn and units added or removed are dated on it; omitted: today.',
  })
  @IsOptional()
  @CalendarDate()
  assignedOn?: string;

  @Field(() => String, {
    nullable: true,
    description:
      "A supervisor's reason for items due after the plan's period (its year's last day): with it they are imported, each part " +
      'recording the override and its reason (as assignFinding and rescheduleWorkPlanItem do); without it each such row is refused. ' +
      'Items due within the period are imported as they are.',
  })
  @OptionalText(2000)
  overrideReason?: string;

  @Field(() => String, {
    nullable: true,
    description:
      'For a new version (revise): why the plan changed, as the office cites it (the adjusting document’s name or number, e.g. 青政办〔2026〕12号调整通知): ' +
      'the reason every change it makes records — items withdrawn (撤销事项), listed again (恢复列入方案), re-dated, units added or removed. Omitted: 依据 <file name> 修订方案. Ignored for a first import.',
  })
  @OptionalText(500)
  revisionReason?: string;

  @Field(() => Int, {
    nullable: true,
    description:
      'The planVersion a dry run of this file answered: the import is refused (CONFLICT, field expectedPlanVersion, nothing written) when the plan changed since — ' +
      'another version applied, an item added on its own, one of its items re-dated, withdrawn or given or relieved of a unit by hand — naming who changed it (and which item) and when; of two imports given the same version at once, one is applied and the other refused. ' +
      'Omitted: decided on the plan as it stands then.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  expectedPlanVersion?: number;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'For a new version (revise) that undoes a later revision than the one it follows (revision.revisionsUndone: a copy of the original workbook edited after the plan was revised): ' +
      'confirms that undoing it is meant. Without it such a version is refused (CONFLICT, field undoLaterRevision, extensions.revisionsUndone) naming the revision and each change it would undo; a dry run lists them.',
  })
  @IsOptional()
  @IsBoolean()
  undoLaterRevision?: boolean;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'For a new version (revise) that leaves out items of the plan (revision.withdrawn): confirms that withdrawing them is meant. Without it such a version is refused ' +
      '(CONFLICT, field withdrawMissing, extensions.withdrawn: their codes) saying how many of the plan\'s items the file leaves out — a file listing only the changed items ' +
      '(an adjustment table) is made from the plan\'s current export instead; a dry run lists them (revision.withdrawn).',
  })
  @IsOptional()
  @IsBoolean()
  withdrawMissing?: boolean;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'For a new plan whose every item is an item of an imported plan of the year: imports it as a plan of its own on purpose. Without it such a file is refused ' +
      '(CONFLICT, field title, extensions.repeatedPlan: that plan\'s title), whatever title is given — a new version of that plan is imported with its title and revise.',
  })
  @IsOptional()
  @IsBoolean()
  separatePlan?: boolean;

  @NearNamesField()
  nearNames?: string[];
}
