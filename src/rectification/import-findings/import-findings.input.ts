import { Field, ID, InputType } from '@nestjs/graphql';
import { FileUploadInput } from '../../shared/graphql/file-upload.js';
import { EntityId } from '../../shared/graphql/validation.js';

@InputType()
export class ImportFindingsInput extends FileUploadInput {
  @Field(() => ID, { description: 'The evaluation the findings belong to' })
  @EntityId()
  evaluationId: string;
}
