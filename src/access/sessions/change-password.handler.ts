import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '../../event-sourcing/command-executor.js';
import type { CommandContext } from '../../shared/command-context.js';
import { PasswordHasher } from '../authentication/password-hasher.js';
import { userDecider } from '../domain/user.decider.js';
import { userStream } from '../domain/user.events.js';

/**
 * A signed-in user chooses a new password. The session it is done in stays open (`sessionId`,
 * null with an API token); the user's other sessions end.
 */
export class ChangePasswordCommand extends Command<void> {
  constructor(
    readonly input: { currentPassword: string; newPassword: string; sessionId: string | null },
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ChangePasswordCommand)
export class ChangePasswordHandler implements ICommandHandler<ChangePasswordCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly hasher: PasswordHasher,
  ) {}

  async execute({ input, context }: ChangePasswordCommand): Promise<void> {
    const stream = userStream(context.actor.id);
    const state = await this.executor.load(stream, userDecider, { reuseFold: true });
    const currentHash = state.status === 'unregistered' ? null : (state.credentials?.passwordHash ?? null);
    const currentPasswordMatches = currentHash !== null && (await this.hasher.matches(currentHash, input.currentPassword));
    const newPasswordIsCurrent = currentPasswordMatches && (await this.hasher.matches(currentHash, input.newPassword));
    await this.executor.execute(
      stream,
      userDecider,
      {
        type: 'ChangePassword',
        actor: context.actor,
        currentPasswordMatches,
        newPasswordIsCurrent,
        passwordHash: currentPasswordMatches ? await this.hasher.hash(input.newPassword) : '',
        sessionId: input.sessionId,
      },
      context,
      { reuseFold: true },
    );
  }
}
