import { Injectable } from '@nestjs/common';
import { Clock } from './clock.js';
import { CommandContext, commandContext } from './command-context.js';
import type { Requester } from './graphql/requester.js';

@Injectable()
export class CommandContextFactory {
  constructor(private readonly clock: Clock) {}

  create(requester: Requester, commandType: string, idempotencyKey: string): CommandContext {
    return commandContext({
      actor: requester.actor,
      commandType,
      idempotencyKey,
      now: this.clock.now(),
      correlationId: requester.correlationId,
    });
  }
}
