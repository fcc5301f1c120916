import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '../../event-sourcing/command-executor.js';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import type { CommandContext } from '../../shared/command-context.js';
import { deterministicId } from '../../shared/ids.js';
import { badInput } from '../../shared/domain-error.js';
import { mintAccessToken } from '../domain/access-token.js';
import { userDecider } from '../domain/user.decider.js';
import { userStream, type UserRole } from '../domain/user.events.js';
import { PasswordHasher } from '../authentication/password-hasher.js';
import { UsersReadModel, loginNameClaims } from '../users/users.read-model.js';
import { accountIdentityClaim, activeAccountLike } from '../users/account-identity.js';
import { officeDate } from '../../shared/calendar-date.js';
import { mergedUnitOf } from '../users/merged-unit.js';

export interface IssuedAccess {
  readonly userId: string;
  /** Shown once; null when this was a retry (only the token's hash was kept). */
  readonly token: string | null;
  readonly expiresAt: string | null;
}

/**
 * Creates an account with its first access token. An active account of the same name, role and
 * unit is refused (CONFLICT, reason SAME_ACCOUNT) unless `again`, and so is an account in a unit
 * merged into another by today (CONFLICT, reason UNIT_MERGED): the same rule as `user:create`
 * (account-identity.ts), claimed with the account's first event so that requests at once make one.
 */
export class RegisterUserCommand extends Command<IssuedAccess> {
  constructor(
    readonly input: {
      name: string;
      role: UserRole;
      unitId?: string | null;
      validForDays: number;
      token?: string;
      /** Both or neither: the login name and initial password (changed at first sign-in) set with the account. */
      loginName?: string;
      initialPassword?: string;
      /** A second active account of the same name, role and unit is meant (two people of one name): made all the same. */
      again?: boolean;
    },
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RegisterUserCommand)
export class RegisterUserHandler implements ICommandHandler<RegisterUserCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly units: UnitsReadModel,
    private readonly users: UsersReadModel,
    private readonly hasher: PasswordHasher,
  ) {}

  async execute({ input, context }: RegisterUserCommand): Promise<IssuedAccess> {
    const userId = deterministicId('user', context.commandId);
    const unitId = input.unitId ?? null;
    const { token, record } = mintAccessToken(deterministicId('token', context.commandId), new Date(context.now), input.validForDays, input.token);
    const loginName = input.loginName?.trim();
    if (Boolean(loginName) !== Boolean(input.initialPassword)) {
      const missing = loginName ? 'initialPassword' : 'loginName';
      throw badInput('Give both a login name and an initial password, or neither.', loginName ? '填写了登录名，请同时填写初始密码。' : '填写了初始密码，请同时填写登录名。', { field: missing });
    }
    const passwordHash = loginName && input.initialPassword ? await this.hasher.hash(input.initialPassword) : null;
    const initialPassword = () =>
      loginName && passwordHash
        ? {
            loginName,
            passwordHash,
            changeRequired: true,
            loginNameTakenBy: this.users.userIdByLoginName(loginName) ?? null,
            loginNameLooksLike: this.users.loginNameLookingLike(loginName, userId),
          }
        : null;
    const identity = { name: input.name, role: input.role, unitId };
    const sameAccount = () => {
      const existing = input.again ? undefined : activeAccountLike(this.users.accounts(), identity);
      if (!existing) return null;
      const unitName = existing.unitId ? (this.units.get(existing.unitId)?.name ?? null) : null;
      return { userId: existing.id, name: existing.name, registeredOn: officeDate(existing.registeredAt), unitName };
    };
    // The login name (as it is and as it looks) and (unless `again`) the account's identity are claimed
    // with the registration: of accounts registered under one login name or two look-alike ones, or as
    // one person, at once, one gets it.
    const outcome = await this.executor.executeClaiming(
      userStream(userId),
      userDecider,
      () => ({
        type: 'RegisterUser' as const,
        actor: context.actor,
        userId,
        name: input.name,
        role: input.role,
        unitId,
        unitExists: unitId === null || this.units.get(unitId) !== undefined,
        unitMerged: mergedUnitOf(this.units, unitId, officeDate(context.now)),
        firstToken: record,
        initialPassword: initialPassword(),
        sameAccount: sameAccount(),
      }),
      [...(loginName ? loginNameClaims(loginName) : []), ...(input.again ? [] : [accountIdentityClaim(identity)])],
      context,
    );
    return outcome.retried ? { userId, token: null, expiresAt: null } : { userId, token, expiresAt: record.expiresAt };
  }
}
