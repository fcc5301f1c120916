import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '../../event-sourcing/command-executor.js';
import type { CommandContext } from '../../shared/command-context.js';
import { deterministicId } from '../../shared/ids.js';
import { mintAccessToken } from '../domain/access-token.js';
import { userDecider } from '../domain/user.decider.js';
import { userStream } from '../domain/user.events.js';
import type { IssuedAccess } from '../register-user/register-user.handler.js';

/** Gives an existing, active user a new access token (older ones stay valid until they expire). */
export class IssueAccessTokenCommand extends Command<IssuedAccess> {
  constructor(
    readonly userId: string,
    readonly validForDays: number,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(IssueAccessTokenCommand)
export class IssueAccessTokenHandler implements ICommandHandler<IssueAccessTokenCommand> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ userId, validForDays, context }: IssueAccessTokenCommand): Promise<IssuedAccess> {
    const { token, record } = mintAccessToken(deterministicId('token', context.commandId), new Date(context.now), validForDays);
    const outcome = await this.executor.execute(
      userStream(userId),
      userDecider,
      { type: 'IssueAccessToken', actor: context.actor, ...record, now: context.now },
      context,
    );
    return outcome.retried ? { userId, token: null, expiresAt: null } : { userId, token, expiresAt: record.expiresAt };
  }
}
