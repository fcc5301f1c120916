import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('TeamLeader')
export class TeamLeaderType {
  @Field(() => String)
  name: string;

  @Field(() => String, { description: 'e.g. 市政府秘书长; empty when none was given' })
  title: string;
}

@ObjectType('TeamMember')
export class TeamMemberType {
  @Field(() => String)
  name: string;

  @Field(() => String)
  title: string;

  @Field(() => ID, { nullable: true, description: 'The unit the member represents; null for e.g. an outside expert' })
  unitId: string | null;
}

@ObjectType('RectificationTeam', { description: 'The team (整改小组) set up once per evaluation to lead its rectification.' })
export class RectificationTeamType {
  @Field(() => ID, { name: 'id' })
  teamId: string;

  @Field(() => ID)
  evaluationId: string;

  @Field(() => TeamLeaderType)
  leader: TeamLeaderType;

  @Field(() => [TeamMemberType])
  members: TeamMemberType[];

  @Field(() => String, { description: 'YYYY-MM-DD, the office day the team was formed (business time)' })
  formedOn: string;

  @Field(() => String, { description: 'When the team was recorded (ISO-8601 instant)' })
  formedAt: string;

  @Field(() => String)
  formedBy: string;
}

@ObjectType('RectificationPlan', {
  description: 'The approved plan (整改实施方案) of an evaluation and its two deadlines: self-rectification, then on-site inspection.',
})
export class RectificationPlanType {
  @Field(() => ID, { name: 'id' })
  planId: string;

  @Field(() => ID)
  evaluationId: string;

  @Field(() => String)
  title: string;

  @Field(() => String, { description: 'Who approved it, e.g. 刘志强（常务副市长）' })
  approvedBy: string;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  approvedOn: string;

  @Field(() => String, { description: 'Last day of self-rectification by the units (YYYY-MM-DD)' })
  selfRectificationDue: string;

  @Field(() => String, { description: 'Last day of on-site inspection (YYYY-MM-DD)' })
  inspectionDue: string;

  @Field(() => String, { description: 'When the approval was recorded (ISO-8601)' })
  recordedAt: string;

  @Field(() => String)
  recordedBy: string;
}
