import { Args, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CommandContextFactory } from '../../shared/command-context.factory.js';
import { CurrentRequester, type Requester } from '../../shared/graphql/requester.js';
import { PageArgs, connectionType, pageAndFilter } from '../../shared/graphql/connection.js';
import { AllowRoles } from '../authorization/access-policy.js';
import { DEFAULT_TOKEN_DAYS } from '../domain/access-token.js';
import { DeactivateUserCommand } from '../deactivate-user/deactivate-user.handler.js';
import { IssueAccessTokenCommand } from '../issue-access-token/issue-access-token.handler.js';
import { RegisterUserCommand, type IssuedAccess } from '../register-user/register-user.handler.js';
import {
  ChangeUserAccountInput,
  DeactivateUserInput,
  IssueAccessTokenInput,
  IssuedAccessType,
  ReactivateUserInput,
  RegisterUserInput,
  UnlockAccountInput,
  UnitMergeType,
  UserType,
} from './user.types.js';
import { mergedUnitOf, type MergedUnit } from './merged-unit.js';
import { officeDate } from '../../shared/calendar-date.js';
import { ReactivateUserCommand } from '../reactivate-user/reactivate-user.handler.js';
import { ChangeUserAccountCommand } from '../change-user-account/change-user-account.handler.js';
import { GetUserQuery, ListUsersQuery } from './users.queries.js';
import { UnlockAccountCommand } from '../unlock-account/unlock-account.handler.js';
import { sayingPasswordKeyReuse, withoutPasswords } from '../sessions/without-passwords.js';
import type { UserView } from './users.read-model.js';
import { Clock } from '../../shared/clock.js';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';

const UserConnectionType = connectionType(UserType, 'User');

/** Accounts are managed by administrators; every grant and deactivation is an event. */
@Resolver(() => UserType)
@AllowRoles('ADMIN')
export class UserAccountsResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
    private readonly clock: Clock,
    private readonly units: UnitsReadModel,
  ) {}

  @Query(() => UserConnectionType, { description: 'The accounts, oldest first, a page at a time (first / after) (ADMIN).' })
  users(@Args() args: PageArgs) {
    return this.queries.execute(new ListUsersQuery(pageAndFilter(args).page));
  }

  @Mutation(() => IssuedAccessType, { description: 'Create an account and its first access token (ADMIN).' })
  async registerUser(@Args('input') input: RegisterUserInput, @CurrentRequester() requester: Requester) {
    const context = this.contexts.create(requester, 'RegisterUser', await withoutPasswords(input, requester.actor.id), { validForDays: DEFAULT_TOKEN_DAYS });
    const validForDays = input.validForDays ?? DEFAULT_TOKEN_DAYS;
    const register = () => this.commands.execute(new RegisterUserCommand({ ...input, validForDays }, context));
    // With an initial password, a reused key is said of the password the account keeps (breaker11h P2).
    return this.withUser(await (!input.initialPassword ? register() : sayingPasswordKeyReuse('account', register)));
  }

  @Mutation(() => IssuedAccessType, { description: 'Give a user a new access token (ADMIN).' })
  async issueAccessToken(@Args('input') input: IssueAccessTokenInput, @CurrentRequester() requester: Requester) {
    const context = this.contexts.create(requester, 'IssueAccessToken', input, { validForDays: DEFAULT_TOKEN_DAYS });
    const validForDays = input.validForDays ?? DEFAULT_TOKEN_DAYS;
    return this.withUser(await this.commands.execute(new IssueAccessTokenCommand(input.userId, validForDays, context)));
  }

  @Mutation(() => UserType, { description: 'Deactivate an account: its tokens stop working at once (ADMIN).' })
  async deactivateUser(@Args('input') input: DeactivateUserInput, @CurrentRequester() requester: Requester) {
    const context = this.contexts.create(requester, 'DeactivateUser', input);
    const userId = await this.commands.execute(new DeactivateUserCommand(input.userId, input.reason, context));
    return this.queries.execute(new GetUserQuery(userId));
  }

  @Mutation(() => UserType, {
    description:
      'Give a deactivated account back its use, saying why (ADMIN): the same login name and password sign in again; sessions and tokens from before stay void. CONFLICT when the account is active. Recorded as UserReactivated.',
  })
  async reactivateUser(@Args('input') input: ReactivateUserInput, @CurrentRequester() requester: Requester) {
    const context = this.contexts.create(requester, 'ReactivateUser', input);
    const userId = await this.commands.execute(new ReactivateUserCommand(input.userId, input.reason, context));
    return this.queries.execute(new GetUserQuery(userId));
  }

  @Mutation(() => UserType, {
    description:
      'Correct or change an account’s name, role and unit, saying why (ADMIN): give all three as they should be. Recorded as UserRenamed and/or UserRoleChanged (which ends the user’s sessions). BAD_USER_INPUT when nothing differs; FORBIDDEN for one’s own role.',
  })
  async changeUserAccount(@Args('input') input: ChangeUserAccountInput, @CurrentRequester() requester: Requester) {
    const context = this.contexts.create(requester, 'ChangeUserAccount', input);
    const { userId, name, role, reason } = input;
    const expected = input.expectedRole == null ? undefined : { ...(input.expectedName == null ? {} : { name: input.expectedName }), role: input.expectedRole, unitId: input.expectedUnitId ?? null };
    await this.commands.execute(new ChangeUserAccountCommand({ userId, name, role, unitId: input.unitId ?? null, reason, ...(expected ? { expected } : {}) }, context));
    return this.queries.execute(new GetUserQuery(userId));
  }

  @Mutation(() => UserType, {
    description:
      'Lift the lock five wrong passwords put on an account, before its 15 minutes run out (ADMIN); the password stays. CONFLICT when the account is not locked or is deactivated. Recorded as AccountUnlocked.',
  })
  async unlockAccount(@Args('input') input: UnlockAccountInput, @CurrentRequester() requester: Requester) {
    const context = this.contexts.create(requester, 'UnlockAccount', input);
    const userId = await this.commands.execute(new UnlockAccountCommand(input.userId, context));
    return this.queries.execute(new GetUserQuery(userId));
  }

  @ResolveField(() => Boolean, { description: 'Sign-in is refused right now (by the server clock) after five wrong passwords in a row; unlockAccount lifts it' })
  locked(user: UserView): boolean {
    return user.lockedUntil !== null && user.lockedUntil > this.clock.now().toISOString();
  }

  @ResolveField(() => UnitMergeType, {
    nullable: true,
    description: 'The account’s unit was merged into another by today (机构改革): it takes no new work and the account is reminded of nothing until it is moved (changeUserAccount); null otherwise',
  })
  unitMerge(user: UserView): MergedUnit | null {
    return mergedUnitOf(this.units, user.unitId, officeDate(this.clock.now()));
  }

  @ResolveField(() => String, { nullable: true, description: 'The name of the unit the account belongs to, as it is called today' })
  unitName(user: UserView): string | null {
    return user.unitId ? (this.units.get(user.unitId)?.name ?? null) : null;
  }

  private async withUser(issued: IssuedAccess) {
    return { ...issued, user: await this.queries.execute(new GetUserQuery(issued.userId)) };
  }
}
