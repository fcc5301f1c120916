import { Injectable } from '@nestjs/common';
import { Clock } from './clock.js';
import { CommandContext, commandContext } from './command-context.js';
import { withoutDefaults } from './ids.js';
import type { Requester } from './graphql/requester.js';

@Injectable()
export class CommandContextFactory {
  constructor(private readonly clock: Clock) {}

  /**
   * `request` is the mutation's input: its idempotency key names the command, the rest is digested.
   * `defaults` are the values the command takes for optional fields left out (`{ dryRun: false }`):
   * a field sent with its default digests as one left out, so a retry that spells the default out
   * (or drops it) is the same request, not a CONFLICT.
   */
  create<Request extends { readonly idempotencyKey: string }>(
    requester: Requester,
    commandType: string,
    request: Request,
    defaults: Readonly<Record<string, unknown>> = {},
  ): CommandContext {
    return commandContext({
      actor: requester.actor,
      commandType,
      idempotencyKey: request.idempotencyKey,
      now: this.clock.now(),
      correlationId: requester.correlationId,
      request: withoutDefaults({ ...request }, defaults),
    });
  }
}
