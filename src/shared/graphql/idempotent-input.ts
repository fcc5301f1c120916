import { Field, InputType } from '@nestjs/graphql';
import { IdempotencyKey } from './validation.js';

/** What every mutation's input starts with: the key that makes it safe to retry. */
@InputType({ isAbstract: true })
export abstract class IdempotentInput {
  @Field(() => String, {
    description: 'Chosen by the client: a retry with the same key changes nothing; the same key for a different request is refused (CONFLICT)',
  })
  @IdempotencyKey()
  idempotencyKey: string;
}
