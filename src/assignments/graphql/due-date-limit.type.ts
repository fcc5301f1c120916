import { Field, ObjectType } from '@nestjs/graphql';
import type { DueDateLimit } from '../domain/assignment.commands.js';

/**
 * The latest due date a finding's or item's parts may have without a supervisor's override (`DueDateLimit`): a
 * finding's rectification plan's inspection deadline (before one is approved, the end of the year after the finding
 * was identified), an item's work plan's year end. Forms say it where a unit or supervisor sets a date (newcomer23
 * S3: a request past it is confirmed; S11: 超出…（Y）的理由).
 */
@ObjectType('DueDateLimit', { description: 'The latest due date a part may have without an override, and what sets it' })
export class DueDateLimitType {
  @Field(() => String, { description: 'YYYY-MM-DD, the last allowed day (inclusive)' })
  latest: string;

  @Field(() => String, { description: 'What sets it, in Chinese (整改实施方案「…」的督查时限 / 工作方案「…」的期限)' })
  setBy: string;

  @Field(() => String, { description: 'What sets it, in English' })
  setByEn: string;
}

/** A limit as the API gives it; null stays null. */
export const dueDateLimitField = (limit: DueDateLimit | null | undefined): DueDateLimitType | null =>
  limit ? { latest: limit.latest, setBy: limit.setBy.zh, setByEn: limit.setBy.en } : null;
