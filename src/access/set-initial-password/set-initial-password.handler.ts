import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '../../event-sourcing/command-executor.js';
import type { CommandContext } from '../../shared/command-context.js';
import { PasswordHasher } from '../authentication/password-hasher.js';
import { userDecider, type SetInitialPassword } from '../domain/user.decider.js';
import { userStream } from '../domain/user.events.js';
import { UsersReadModel, loginNameClaims } from '../users/users.read-model.js';

/**
 * An administrator gives an account its login name and a password (first time, or a reset after
 * a forgotten password or a lock). `changeRequired`: the user must choose their own at sign-in
 * (false only for the demo accounts). A login name another account has, or one that looks like
 * another account's (`loginNameSkeleton`), is refused CONFLICT on `loginName` (user.decider). `expected`: the password as the
 * administrator's form showed it (none, or set under that login name): another now is CONFLICT on `expectedLoginName` naming who
 * set it when (breaker52-9 S1).
 */
export class SetInitialPasswordCommand extends Command<string> {
  constructor(
    readonly input: { userId: string; loginName: string; password: string; changeRequired: boolean; expected?: SetInitialPassword['expected'] },
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(SetInitialPasswordCommand)
export class SetInitialPasswordHandler implements ICommandHandler<SetInitialPasswordCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly users: UsersReadModel,
    private readonly hasher: PasswordHasher,
  ) {}

  async execute({ input, context }: SetInitialPasswordCommand): Promise<string> {
    const loginName = input.loginName.trim();
    const passwordHash = await this.hasher.hash(input.password);
    // The login name is claimed with the password, as it is and as it looks (`loginNameClaims`): of
    // accounts given one name, or two look-alike names, at once, one gets it.
    await this.executor.executeClaiming(
      userStream(input.userId),
      userDecider,
      () => ({
        type: 'SetInitialPassword' as const,
        actor: context.actor,
        loginName,
        passwordHash,
        changeRequired: input.changeRequired,
        loginNameTakenBy: this.users.userIdByLoginName(loginName) ?? null,
        loginNameLooksLike: this.users.loginNameLookingLike(loginName, input.userId),
        ...(input.expected ? { expected: input.expected } : {}),
      }),
      loginNameClaims(loginName),
      context,
    );
    return input.userId;
  }
}
