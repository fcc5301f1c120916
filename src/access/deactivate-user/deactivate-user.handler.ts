import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '../../event-sourcing/command-executor.js';
import type { CommandContext } from '../../shared/command-context.js';
import { userDecider } from '../domain/user.decider.js';
import { userStream } from '../domain/user.events.js';

/** Deactivates an account: its tokens stop working as soon as the event is projected. */
export class DeactivateUserCommand extends Command<string> {
  constructor(
    readonly userId: string,
    readonly reason: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(DeactivateUserCommand)
export class DeactivateUserHandler implements ICommandHandler<DeactivateUserCommand> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ userId, reason, context }: DeactivateUserCommand): Promise<string> {
    await this.executor.execute(userStream(userId), userDecider, { type: 'DeactivateUser', actor: context.actor, reason }, context);
    return userId;
  }
}
