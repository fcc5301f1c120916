import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { readModelProvider } from '../event-sourcing/read-model.provider.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { AuthenticationService } from './authentication/authentication.service.js';
import { AccessGuard } from './authorization/access.guard.js';
import { LiveUpdates } from './authorization/live-updates.js';
import { DeactivateUserHandler } from './deactivate-user/deactivate-user.handler.js';
import { ReactivateUserHandler } from './reactivate-user/reactivate-user.handler.js';
import { ChangeUserAccountHandler } from './change-user-account/change-user-account.handler.js';
import { IssueAccessTokenHandler } from './issue-access-token/issue-access-token.handler.js';
import { RegisterUserHandler } from './register-user/register-user.handler.js';
import { UserAccountsResolver } from './users/user-accounts.resolver.js';
import { GetUserHandler, ListUsersHandler } from './users/users.queries.js';
import { UsersReadModel } from './users/users.read-model.js';
import { PasswordHasher } from './authentication/password-hasher.js';
import { SetInitialPasswordHandler } from './set-initial-password/set-initial-password.handler.js';
import { ChangePasswordHandler } from './sessions/change-password.handler.js';
import { SessionResolver } from './sessions/session.resolver.js';
import { SignInHandler } from './sessions/sign-in.handler.js';
import { SignInAttemptsInterceptor } from './sessions/sign-in-attempts.js';
import { SignOutHandler } from './sessions/sign-out.handler.js';
import { UnrecordedSessions } from './sessions/unrecorded-sessions.js';
import { UnlockAccountHandler } from './unlock-account/unlock-account.handler.js';

/** Users, roles, tokens, passwords and sessions; the guard that checks every GraphQL operation. */
@Global()
@Module({
  imports: [OrganizationModule],
  providers: [
    readModelProvider(UsersReadModel),
    AuthenticationService,
    LiveUpdates,
    { provide: APP_GUARD, useClass: AccessGuard },
    RegisterUserHandler,
    IssueAccessTokenHandler,
    DeactivateUserHandler,
    ReactivateUserHandler,
    ChangeUserAccountHandler,
    ListUsersHandler,
    GetUserHandler,
    UserAccountsResolver,
    PasswordHasher,
    SetInitialPasswordHandler,
    SignInHandler,
    SignInAttemptsInterceptor,
    UnrecordedSessions,
    ChangePasswordHandler,
    SignOutHandler,
    UnlockAccountHandler,
    SessionResolver,
  ],
  exports: [UsersReadModel, LiveUpdates, AuthenticationService, UnrecordedSessions],
})
export class AccessModule {}
