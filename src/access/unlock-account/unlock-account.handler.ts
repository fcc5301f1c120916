import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '../../event-sourcing/command-executor.js';
import type { CommandContext } from '../../shared/command-context.js';
import { userDecider } from '../domain/user.decider.js';
import { userStream } from '../domain/user.events.js';

/**
 * An administrator lifts an account's lock (five wrong passwords in a row) before its 15 minutes
 * run out; the password stays. Refused (CONFLICT) when the account is not locked or deactivated.
 */
export class UnlockAccountCommand extends Command<string> {
  constructor(
    readonly userId: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(UnlockAccountCommand)
export class UnlockAccountHandler implements ICommandHandler<UnlockAccountCommand> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ userId, context }: UnlockAccountCommand): Promise<string> {
    await this.executor.execute(userStream(userId), userDecider, { type: 'UnlockAccount', actor: context.actor, now: context.now }, context);
    return userId;
  }
}
