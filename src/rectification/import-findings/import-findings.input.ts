import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsOptional } from 'class-validator';
import { FileUploadInput } from '../../shared/graphql/file-upload.js';
import { EntityId } from '../../shared/graphql/validation.js';

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
}
