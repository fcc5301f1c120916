import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '../../event-sourcing/command-executor.js';
import type { CommandContext } from '../../shared/command-context.js';
import { userDecider } from '../domain/user.decider.js';
import { userStream } from '../domain/user.events.js';

/**
 * Gives a deactivated account back its use, with the reason (UserReactivated): the same login name
 * and password sign in again; earlier sessions and tokens stay void. CONFLICT when it is active.
 */
export class ReactivateUserCommand extends Command<string> {
  constructor(
    readonly userId: string,
    readonly reason: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ReactivateUserCommand)
export class ReactivateUserHandler implements ICommandHandler<ReactivateUserCommand> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ userId, reason, context }: ReactivateUserCommand): Promise<string> {
    await this.executor.execute(userStream(userId), userDecider, { type: 'ReactivateUser', actor: context.actor, reason, now: context.now }, context);
    return userId;
  }
}
