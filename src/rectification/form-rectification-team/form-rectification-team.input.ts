import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, ValidateNested } from 'class-validator';
import { CalendarDate, EntityId, RequiredLabel, OptionalLabel } from '../../shared/graphql/validation.js';
import { IdempotentInput } from '../../shared/graphql/idempotent-input.js';

@InputType()
export class TeamLeaderInput {
  @Field(() => String, { description: 'e.g. 王建国' })
  @RequiredLabel(100)
  name: string;

  @Field(() => String, { nullable: true, description: 'e.g. 市政府秘书长' })
  @OptionalLabel(100)
  title?: string;
}

@InputType()
export class TeamMemberInput {
  @Field(() => String)
  @RequiredLabel(100)
  name: string;

  @Field(() => String, { nullable: true, description: 'e.g. 市财政局副局长' })
  @OptionalLabel(100)
  title?: string;

  @Field(() => ID, { nullable: true, description: 'The unit the member represents; omit for e.g. an outside expert' })
  @IsOptional()
  @EntityId()
  unitId?: string;
}

@InputType()
export class FormRectificationTeamInput extends IdempotentInput {
  @Field(() => ID)
  @EntityId()
  evaluationId: string;

  @Field(() => TeamLeaderInput)
  @ValidateNested()
  @Type(() => TeamLeaderInput)
  leader: TeamLeaderInput;

  @Field(() => [TeamMemberInput], { description: 'At most 50; may be empty (the leader alone)' })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => TeamMemberInput)
  members: TeamMemberInput[];

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, the office day the team was formed; omitted: today (China time). Never in the future.' })
  @IsOptional()
  @CalendarDate()
  formedOn?: string;
}
