import { Field, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { FileUploadInput } from '../../shared/graphql/file-upload.js';
import { OptionalText } from '../../shared/graphql/validation.js';

@InputType()
export class ImportWorkPlanInput extends FileUploadInput {
  @Field(() => String, {
    nullable: true,
    description: 'The plan’s title, for CSV and XLSX (YAML and JSON carry their own); defaults to the file name without its extension',
  })
  @OptionalText(200)
  title?: string;

  @Field(() => Int, { nullable: true, description: 'The plan’s year, for CSV and XLSX; defaults to the year of the first item’s due date' })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}
