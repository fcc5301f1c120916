import { randomUUID } from 'node:crypto';
import { Field, InputType, ObjectType, PickType } from '@nestjs/graphql';
import { DomainError } from '../../shared/domain-error.js';
import { REPLAY_COST } from '../../shared/graphql/query-cost.js';
import { RetractRecordPayload } from './part.inputs.js';

/*
 * 撤销此记录, asked before confirming (breaker52-8 M1, newcomer52-8 M3): the dialog said what a part goes back to even when the
 * server would refuse the retraction because a later record builds on it, and the refusal came only after 确认. The browser
 * cannot know the decider's rule (`newlyBroken`: some later records hold without the retracted one), so it asks the server,
 * which runs the retraction's decision on the parent's stream and appends nothing (`CommandExecutor.decideOnly`).
 */

/** The record a retraction would name: as `retractRecord`'s input, without the idempotency key and the reason. */
@InputType({ isAbstract: true })
export class RetractionCheckPayload extends PickType(RetractRecordPayload, ['unitId', 'record', 'on', 'ofTheDay'] as const, InputType) {}

/** What `retractRecord` would answer for that record now: its refusal, in both languages, with the GraphQL code it would carry. */
@ObjectType('RetractionRefusal')
export class RetractionRefusalType {
  @Field(() => String, { description: 'The refusal’s extensions.code: NOT_FOUND (no such record reads that day now), BAD_USER_INPUT (ofTheDay names none), CONFLICT (a later record would not hold without it, named)' })
  code: string;

  @Field(() => String, { description: 'The refusal in English, as retractRecord’s `message`' })
  message: string;

  @Field(() => String, { description: 'The refusal in Chinese, as retractRecord’s extensions.messageZh: shown in the 撤销此记录 dialog instead of the consequence' })
  messageZh: string;
}

/**
 * What a retraction check costs: the decision folds the parent's records again without the retracted one (`newlyBroken`), as
 * time travel folds a parent's timeline (REPLAY_COST): about 1 s for a 301-part item of 700 events (breaker52-8).
 */
export const RETRACTION_CHECK_COST = REPLAY_COST;

/** The placeholder reason the check decides with (the decision asks for one; the dialog's is not typed yet). */
export const CHECKED_REASON = '（撤销前核对）';

/** A request key for a check: nothing is recorded under it, so each check has its own. */
export const checkKey = (): string => `retraction-check-${randomUUID()}`;

/**
 * Runs `decide` (a check-only command: nothing appended) and answers null when it would be accepted, else its refusal. A
 * DomainError only: anything else (the store unavailable) is thrown as the query's error.
 */
export async function refusalOf(decide: () => Promise<unknown>): Promise<RetractionRefusalType | null> {
  try {
    await decide();
    return null;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { code: error.code, message: error.message, messageZh: error.messageZh };
  }
}
