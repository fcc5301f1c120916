import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { FileUploadInput } from '../../shared/graphql/file-upload.js';
import { CalendarDate, EntityId, OptionalText } from '../../shared/graphql/validation.js';
import { NearNamesField } from '../../organization/units/near-names.field.js';

@InputType()
export class ImportFindingsInput extends FileUploadInput {
  @Field(() => ID, { description: 'The evaluation the findings belong to' })
  @EntityId()
  evaluationId: string;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Decide everything and write nothing: the findings (and a ledger’s parts) the import would record, or every row that stops it',
  })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;

  @Field(() => String, {
    nullable: true,
    description:
      'YYYY-MM-DD, the office day the findings were identified, for a list or ledger entered late; omitted: assignedOn, else today. Never in the future nor before the evaluation was received.',
  })
  @IsOptional()
  @CalendarDate()
  identifiedOn?: string;

  @Field(() => String, {
    nullable: true,
    description:
      'YYYY-MM-DD, the office day a ledger’s (整改台账) parts were assigned (交办), on or after identifiedOn; 立行立改 is due on it. Omitted: identifiedOn, else today.',
  })
  @IsOptional()
  @CalendarDate()
  assignedOn?: string;

  @Field(() => [String], {
    nullable: true,
    description:
      'Titles of rows the office confirms are problems of their own, though a few characters from a recorded finding or another row of the file (微博/微信): recorded instead of refused as a likely duplicate. A refusal names such rows with extensions.problems[].distinctTitle.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  distinctTitles?: string[];

  @Field(() => String, {
    nullable: true,
    description:
      'A supervisor’s reason for a 整改台账’s due dates later than the limit (the approved plan’s inspection deadline, else the end of the year after identification): those parts are assigned with the override recorded. Without it each such row is refused.',
  })
  @OptionalText(2000)
  overrideReason?: string;

  @NearNamesField()
  nearNames?: string[];
}
