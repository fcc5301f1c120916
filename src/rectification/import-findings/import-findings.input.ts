import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsOptional } from 'class-validator';
import { FileUploadInput } from '../../shared/graphql/file-upload.js';
import { CalendarDate, EntityId } from '../../shared/graphql/validation.js';

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
}
