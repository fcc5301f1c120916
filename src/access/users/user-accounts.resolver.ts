import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CommandContextFactory } from '../../shared/command-context.factory.js';
import { CurrentRequester, type Requester } from '../../shared/graphql/requester.js';
import { PageArgs, connectionType, pageAndFilter } from '../../shared/graphql/connection.js';
import { AllowRoles } from '../authorization/access-policy.js';
import { DEFAULT_TOKEN_DAYS } from '../domain/access-token.js';
import { DeactivateUserCommand } from '../deactivate-user/deactivate-user.handler.js';
import { IssueAccessTokenCommand } from '../issue-access-token/issue-access-token.handler.js';
import { RegisterUserCommand, type IssuedAccess } from '../register-user/register-user.handler.js';
import { DeactivateUserInput, IssueAccessTokenInput, IssuedAccessType, RegisterUserInput, UserType } from './user.types.js';
import { GetUserQuery, ListUsersQuery } from './users.queries.js';

const UserConnectionType = connectionType(UserType, 'User');

/** Accounts are managed by administrators; every grant and deactivation is an event. */
@Resolver(() => UserType)
@AllowRoles('ADMIN')
export class UserAccountsResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Query(() => UserConnectionType, { description: 'The accounts, oldest first, a page at a time (first / after) (ADMIN).' })
  users(@Args() args: PageArgs) {
    return this.queries.execute(new ListUsersQuery(pageAndFilter(args).page));
  }

  @Mutation(() => IssuedAccessType, { description: 'Create an account and its first access token (ADMIN).' })
  async registerUser(@Args('input') input: RegisterUserInput, @CurrentRequester() requester: Requester) {
    const context = this.contexts.create(requester, 'RegisterUser', input, { validForDays: DEFAULT_TOKEN_DAYS });
    const validForDays = input.validForDays ?? DEFAULT_TOKEN_DAYS;
    return this.withUser(await this.commands.execute(new RegisterUserCommand({ ...input, validForDays }, context)));
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

  private async withUser(issued: IssuedAccess) {
    return { ...issued, user: await this.queries.execute(new GetUserQuery(issued.userId)) };
  }
}
