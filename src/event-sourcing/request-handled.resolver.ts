import { Inject } from '@nestjs/common';
import { Args, ArgsType, Field, Query, Resolver } from '@nestjs/graphql';
import { ANY_SIGNED_IN, AllowRoles, AllowedBeforePasswordChange } from '../access/authorization/access-policy.js';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port.js';
import { CurrentRequester, type Requester } from '../shared/graphql/requester.js';
import { IdempotencyKey } from '../shared/graphql/validation.js';
import { deterministicId } from '../shared/ids.js';

@ArgsType()
class RequestHandledArgs {
  @Field(() => String, { description: 'The idempotency key the caller sent a mutation with' })
  @IdempotencyKey()
  idempotencyKey: string;
}

/**
 * Whether a request of the caller's was handled, asked by its idempotency key. A web form whose
 * answer was lost (a proxy's 502, a dropped connection) keeps its key in the tab and asks this
 * before sending it again: handled, the form starts empty with a new key, so the next, different
 * record is not sent under the key of one recorded already (breaker11h P4).
 */
@Resolver()
export class RequestHandledResolver {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Query(() => Boolean, {
    description:
      "Whether the caller's request sent under this idempotency key was handled: true when the request index holds the key (the request was recorded, or handled with nothing to record); false when no request of this caller used it (never arrived, refused, or still running). Another caller's key of the same text is theirs: false.",
  })
  @AllowRoles(...ANY_SIGNED_IN)
  @AllowedBeforePasswordChange()
  async requestHandled(@Args() { idempotencyKey }: RequestHandledArgs, @CurrentRequester() requester: Requester): Promise<boolean> {
    // The key the request index holds: the caller's id with the key (see `commandContext`).
    return (await this.store.findRequest(deterministicId('request', requester.actor.id, idempotencyKey))) !== null;
  }
}
