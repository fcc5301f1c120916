import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import { CommandContextFactory } from '../../shared/command-context.factory.js';
import { notFound } from '../../shared/domain-error.js';
import { CurrentRequester, type Requester } from '../../shared/graphql/requester.js';
import { ANY_SIGNED_IN, AllowRoles, AllowedBeforePasswordChange, Public } from '../authorization/access-policy.js';
import type { GraphqlContext } from '../authorization/graphql-context.js';
import { UsersReadModel } from '../users/users.read-model.js';
import { UserType } from '../users/user.types.js';
import { SetInitialPasswordCommand } from '../set-initial-password/set-initial-password.handler.js';
import { ChangePasswordCommand } from './change-password.handler.js';
import { SignInCommand, type StartedSession } from './sign-in.handler.js';
import { SignOutCommand } from './sign-out.handler.js';
import { ChangePasswordInput, CurrentUserType, SessionType, SetInitialPasswordInput, SignInInput } from './session.types.js';
import { randomUUID } from 'node:crypto';
import { sayingPasswordKeyReuse, withoutPasswords } from './without-passwords.js';
import { UnrecordedSessions } from './unrecorded-sessions.js';
import { SignInAttemptsLimited } from './sign-in-attempts.js';
import type { ServerResponse } from 'node:http';
import { clientAddressOf, type HttpRequest } from '../../http/rate-limit.guard.js';
import { browserOf, keepDeviceCookie } from './device-cookie.js';
import { UntrustedForwarding } from '../../http/untrusted-forwarding.js';
import { Clock } from '../../shared/clock.js';
import { officeDate } from '../../shared/calendar-date.js';
import { mergedUnitOf } from '../users/merged-unit.js';


/** Sign-in with a login name and password, for people in the browser; API tokens stay for scripts. */
@Resolver()
export class SessionResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly contexts: CommandContextFactory,
    private readonly users: UsersReadModel,
    private readonly units: UnitsReadModel,
    private readonly unrecorded: UnrecordedSessions,
    private readonly forwarding: UntrustedForwarding,
    private readonly clock: Clock,
  ) {}

  @Mutation(() => SessionType, {
    description:
      'Sign in: a session token valid for SESSION_HOURS (12 h by default). Wrong name or password: UNAUTHENTICATED (reason WRONG_CREDENTIALS); the fifth failure in a row locks the account for 15 minutes where it was typed — on a browser the account signed in on in the last 400 days (its device cookie, rectify_device, set at sign-in), that browser; else at an address it signed in from in the last 30 days, that address; elsewhere, every place not known for it (reason ACCOUNT_LOCKED, lockedUntil). Not counted in RATE_LIMIT_PER_MINUTE; at most SIGN_IN_FAILURES_PER_LOGIN_NAME_PER_MINUTE failed attempts a minute at one login name (at the address where the name signed in lately, apart), SIGN_IN_FAILURES_PER_ADDRESS_PER_MINUTE from one address (a name that signed in from it lately is not held) SIGN_INS_PER_LOGIN_NAME_AND_ADDRESS_PER_MINUTE sign-ins at one login name from one address and SIGN_INS_PER_LOGIN_NAME_PER_MINUTE from all: TOO_MANY_REQUESTS (reason SIGN_IN_FAILURES_FOR_LOGIN_NAME, SIGN_IN_FAILURES_FROM_ADDRESS, SIGN_INS_FOR_LOGIN_NAME_AT_ADDRESS or SIGN_INS_FOR_LOGIN_NAME, retryAfterSeconds).',
  })
  @Public()
  @SignInAttemptsLimited()
  async signIn(@Args('input') input: SignInInput, @Context() context: { req?: HttpRequest; res?: ServerResponse }): Promise<SessionType> {
    // The browser's device cookie (a new one if it sent none), given back once it signed in: the
    // account is then known on it, and strangers' wrong passwords never lock it there (breaker12g P2).
    const browser = browserOf(context.req);
    // Behind a proxy TRUST_PROXY does not list, the address is the proxy's, everyone's: no account is known there (breaker12g P5).
    const address = this.forwarding.untrusted(context.req) ? null : (clientAddressOf(context.req) ?? null);
    const session: StartedSession = await this.commands.execute(new SignInCommand(input.loginName, input.password, address, browser.device));
    keepDeviceCookie(context.req, context.res ?? context.req?.res, browser);
    return { token: session.token, expiresAt: session.expiresAt, mustChangePassword: session.mustChangePassword, user: this.currentUser(session.userId) };
  }

  @Mutation(() => CurrentUserType, { description: "Choose a new password; the session it is done in stays open, the user's other sessions end." })
  @AllowRoles(...ANY_SIGNED_IN)
  @AllowedBeforePasswordChange()
  async changePassword(@Args('input') input: ChangePasswordInput, @CurrentRequester() requester: Requester, @Context() context: GraphqlContext) {
    const commandContext = this.contexts.create(requester, 'ChangePassword', await withoutPasswords(input, requester.actor.id));
    await sayingPasswordKeyReuse('own', () => this.commands.execute(new ChangePasswordCommand({ ...input, sessionId: context.sessionId ?? null }, commandContext)));
    return this.currentUser(requester.actor.id);
  }

  @Mutation(() => Boolean, { description: 'End the session whose token signed this request: true when one was ended, false for an API token (those are not ended by signing out).' })
  @AllowRoles(...ANY_SIGNED_IN)
  @AllowedBeforePasswordChange()
  async signOut(@CurrentRequester() requester: Requester, @Context() context: GraphqlContext): Promise<boolean> {
    if (!context.sessionId) return false;
    // A session kept in memory while the store took no writes ends there (breaker9c P5).
    if (this.unrecorded.end(context.sessionId)) return true;
    // Ending a session twice changes nothing: each sign-out is its own request.
    const commandContext = this.contexts.create(requester, 'SignOut', { idempotencyKey: randomUUID() });
    await this.commands.execute(new SignOutCommand(context.sessionId, commandContext));
    return true;
  }

  @Query(() => CurrentUserType, { description: 'Who the bearer token signs in (a session or an API token)' })
  @AllowRoles(...ANY_SIGNED_IN)
  @AllowedBeforePasswordChange()
  me(@CurrentRequester() requester: Requester): CurrentUserType {
    return this.currentUser(requester.actor.id);
  }

  @Mutation(() => UserType, {
    description: "Give an account its login name and an initial password, or a new one after a forgotten password or a lock (ADMIN). Ends the user's sessions; the user must choose their own password at the next sign-in. With expectedPasswordSet (the web app's form): one set meanwhile by another administrator is CONFLICT, nothing changed.",
  })
  @AllowRoles('ADMIN')
  async setInitialPassword(@Args('input') input: SetInitialPasswordInput, @CurrentRequester() requester: Requester) {
    const commandContext = this.contexts.create(requester, 'SetInitialPassword', await withoutPasswords(input, requester.actor.id));
    const { expectedPasswordSet, expectedLoginName, ...given } = input;
    const expected = expectedPasswordSet == null ? undefined : { passwordSet: expectedPasswordSet, ...(expectedPasswordSet && expectedLoginName != null ? { loginName: expectedLoginName } : {}) };
    await sayingPasswordKeyReuse('account', () => this.commands.execute(new SetInitialPasswordCommand({ ...given, changeRequired: true, ...(expected ? { expected } : {}) }, commandContext)));
    return this.users.user(input.userId);
  }

  private currentUser(userId: string): CurrentUserType {
    const user = this.users.user(userId);
    if (!user) throw notFound('User', userId);
    return {
      id: user.id,
      name: user.name,
      role: user.role,
      unitId: user.unitId,
      unitName: user.unitId ? (this.units.get(user.unitId)?.name ?? null) : null,
      unitMerge: mergedUnitOf(this.units, user.unitId, officeDate(this.clock.now())),
      loginName: user.loginName,
      mustChangePassword: user.mustChangePassword,
    };
  }
}
