import { Injectable } from '@nestjs/common';
import { Clock } from './clock.js';
import { CommandContext, commandContext } from './command-context.js';
import type { Requester } from './graphql/requester.js';

@Injectable()
export class CommandContextFactory {
  constructor(private readonly clock: Clock) {}

  /** `request` is the mutation's input: its idempotency key names the command, the rest is digested. */
  create<Request extends { readonly idempotencyKey: string }>(requester: Requester, commandType: string, request: Request): CommandContext {
    return commandContext({
      actor: requester.actor,
      commandType,
      idempotencyKey: request.idempotencyKey,
      now: this.clock.now(),
      correlationId: requester.correlationId,
      request: { ...request },
    });
  }
}
