import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '../../event-sourcing/command-executor.js';
import type { CommandContext } from '../../shared/command-context.js';
import { userDecider } from '../domain/user.decider.js';
import { userStream } from '../domain/user.events.js';
import { UsersReadModel } from '../users/users.read-model.js';

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
  constructor(
    private readonly executor: CommandExecutor,
    private readonly users: UsersReadModel,
  ) {}

  async execute({ sessionId, context }: SignOutCommand): Promise<void> {
    const session = this.users.openSession(sessionId);
    const sessionOpen = session !== undefined && session.userId === context.actor.id;
    await this.executor.execute(userStream(context.actor.id), userDecider, { type: 'SignOut', actor: context.actor, sessionId, sessionOpen }, context, { reuseFold: true });
  }
}
