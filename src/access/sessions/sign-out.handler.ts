import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '../../event-sourcing/command-executor.js';
import type { CommandContext } from '../../shared/command-context.js';
import { userDecider } from '../domain/user.decider.js';
import { userStream } from '../domain/user.events.js';

/** Ends the session `sessionId` of the signing-out user: its token stops working at once. */
export class SignOutCommand extends Command<void> {
  constructor(
    readonly sessionId: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(SignOutCommand)
export class SignOutHandler implements ICommandHandler<SignOutCommand> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ sessionId, context }: SignOutCommand): Promise<void> {
    await this.executor.execute(userStream(context.actor.id), userDecider, { type: 'SignOut', actor: context.actor, sessionId }, context);
  }
}
