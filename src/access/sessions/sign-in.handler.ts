import { Inject } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import type { AppSettings } from '../../config/app-settings.js';
import { CommandExecutor } from '../../event-sourcing/command-executor.js';
import { ConcurrencyError } from '../../event-store/event-store.port.js';
import { Clock } from '../../shared/clock.js';
import { commandContext } from '../../shared/command-context.js';
import { mintAccessToken } from '../domain/access-token.js';
import { PasswordHasher } from '../authentication/password-hasher.js';
import { accountLocked, userDecider, wrongCredentials, type UserCommand } from '../domain/user.decider.js';
import { userStream, type AccountLocked, type UserEvent } from '../domain/user.events.js';
import { StoreUnavailableError } from '../../event-store/store-health.js';
import { UnrecordedSessions } from './unrecorded-sessions.js';
import { UsersReadModel } from '../users/users.read-model.js';

export interface StartedSession {
  readonly userId: string;
  /** Shown once: only its SHA-256 is kept. */
  readonly token: string;
  /** UTC instant. */
  readonly expiresAt: string;
  readonly mustChangePassword: boolean;
}

/** A person signs in with their login name and password. */
export class SignInCommand extends Command<StartedSession> {
  constructor(
    readonly loginName: string,
    readonly password: string,
  ) {
    super();
  }
}

/** Two attempts at once on one account race for its stream; the loser tries again. */
const ATTEMPTS_ON_CONFLICT = 3;

/**
 * Checks the password against the account's argon2id hash and records the outcome: a session, or
 * a failure (the fifth in a row locks the account for 15 minutes). A failure is recorded first and
 * refused after, so that the lockout counts every wrong password. An unknown login name is
 * refused the same way, after the same work, and records nothing: there is no account to record it on.
 * While the store takes no writes, the outcome is kept in memory instead (`UnrecordedSessions`).
 */
@CommandHandler(SignInCommand)
export class SignInHandler implements ICommandHandler<SignInCommand> {
  private readonly sessionHours: number;

  constructor(
    private readonly executor: CommandExecutor,
    private readonly users: UsersReadModel,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
    private readonly unrecorded: UnrecordedSessions,
    @Inject(ConfigService) config: ConfigService<AppSettings, true>,
  ) {
    this.sessionHours = config.get('SESSION_HOURS', { infer: true });
  }

  async execute({ loginName, password }: SignInCommand): Promise<StartedSession> {
    const userId = this.users.userIdByLoginName(loginName);
    const user = userId === undefined ? undefined : this.users.user(userId);
    if (!user) {
      await this.hasher.matchesNothing(password);
      throw wrongCredentials();
    }
    const actor = { id: user.id, role: user.role, unitId: user.unitId };
    for (let attempt = 1; ; attempt++) {
      const state = await this.executor.load(userStream(user.id), userDecider);
      const credentials = state.status === 'unregistered' ? null : state.credentials;
      const passwordMatches = credentials !== null && (await this.hasher.matches(credentials.passwordHash, password));
      const now = this.clock.now();
      const sessionId = randomUUID();
      // A session token is minted like an access token: opaque, 256 random bits, kept as its SHA-256.
      const { token, record } = mintAccessToken(sessionId, now, this.sessionHours / 24);
      const context = commandContext({ actor, commandType: 'SignIn', idempotencyKey: randomUUID(), now });
      const command: UserCommand = { type: 'SignIn', actor, passwordMatches, session: { sessionId, tokenSha256: record.tokenSha256, expiresAt: record.expiresAt }, now: now.toISOString() };
      let events: readonly UserEvent[];
      try {
        events = (await this.executor.execute(userStream(user.id), userDecider, command, context)).events;
      } catch (error) {
        if (error instanceof StoreUnavailableError) {
          // The store takes no writes (breaker9c P5): decided as the ledger would, over what was
          // decided so far without it, and kept in memory (UnrecordedSessions) instead of recorded.
          const unrecorded = this.unrecorded.eventsOf(user.id).reduce(userDecider.evolve, state);
          events = userDecider.decide(command, unrecorded);
          this.unrecorded.keep(user.id, events);
        } else if (!(error instanceof ConcurrencyError) || attempt >= ATTEMPTS_ON_CONFLICT) {
          throw error;
        } else {
          continue;
        }
      }
      const locked = events.find((event): event is AccountLocked => event.type === 'AccountLocked');
      if (locked) throw accountLocked(user.id, locked.data.lockedUntil);
      if (!passwordMatches) throw wrongCredentials(user.id);
      return { userId: user.id, token, expiresAt: record.expiresAt, mustChangePassword: credentials.changeRequired };
    }
  }
}
