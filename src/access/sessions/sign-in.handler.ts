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
import { OneAtATime } from '../../shared/one-at-a-time.js';

export interface StartedSession {
  readonly userId: string;
  /** Shown once: only its SHA-256 is kept. */
  readonly token: string;
  /** UTC instant. */
  readonly expiresAt: string;
  readonly mustChangePassword: boolean;
}

/**
 * A person signs in with their login name and password, from `address` (the client address as the
 * rate limits see it: Express's `req.ip`; null when not known, e.g. a test calling the handler).
 */
export class SignInCommand extends Command<StartedSession> {
  constructor(
    readonly loginName: string,
    readonly password: string,
    readonly address: string | null = null,
    /** The browser it comes from (user.events' `deviceRunAt` of its device cookie, device-cookie.ts); null: not known. */
    readonly device: string | null = null,
  ) {
    super();
  }
}

/**
 * How often a sign-in decides again when its account's stream changed under it: only another server
 * on the same file can do that (this process records one account's sign-ins one at a time), and a
 * new decision costs no new argon2 unless the password itself changed meanwhile.
 */
const ATTEMPTS_ON_CONFLICT = 5;

/**
 * Checks the password against the account's argon2id hash and records the outcome: a session, or
 * a failure (the fifth in a row at one place locks the account there for 15 minutes: at an address
 * it signed in from lately, or at every address it has not — user.decider's `FailureRunAt`). A failure is recorded first and
 * refused after, so that the lockout counts every wrong password. An unknown login name is
 * refused the same way, after the same work, and records nothing: there is no account to record it on.
 * While the store takes no writes, the outcome is kept in memory instead (`UnrecordedSessions`).
 *
 * Concurrent sign-ins of one account (an office's shared account at 9:00, breaker12e P1) check their
 * passwords at once but record one at a time: each decides on the account as the one before left it,
 * so none is refused CONFLICT. The account's fold is kept between sign-ins (`reuseFold`): a sign-in
 * reads only what was recorded since, whatever the account's history (breaker12e P3).
 */
@CommandHandler(SignInCommand)
export class SignInHandler implements ICommandHandler<SignInCommand> {
  private readonly sessionHours: number;
  /** Per account: its sign-ins' recording, one at a time (dropped when none waits). */
  private readonly recording = new OneAtATime();

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

  async execute({ loginName, password, address, device }: SignInCommand): Promise<StartedSession> {
    const userId = this.users.userIdByLoginName(loginName);
    const user = userId === undefined ? undefined : this.users.user(userId);
    if (!user) {
      await this.hasher.matchesNothing(password);
      throw wrongCredentials();
    }
    const stream = userStream(user.id);
    /** The password checked against each hash the account had while this sign-in ran (one, nearly always). */
    const checked = new Map<string, Promise<boolean>>();
    const matches = (passwordHash: string) => {
      if (!checked.has(passwordHash)) checked.set(passwordHash, this.hasher.matches(passwordHash, password));
      return checked.get(passwordHash)!;
    };
    // The slow part, argon2 (off the event loop), at once with the account's other sign-ins.
    const before = await this.executor.load(stream, userDecider, { reuseFold: true });
    if (before.status !== 'unregistered' && before.credentials) await matches(before.credentials.passwordHash);
    return this.recording.run(user.id, async () => {
      const actor = { id: user.id, role: user.role, unitId: user.unitId };
      for (let attempt = 1; ; attempt++) {
        const state = await this.executor.load(stream, userDecider, { reuseFold: true });
        const credentials = state.status === 'unregistered' ? null : state.credentials;
        const passwordMatches = credentials !== null && (await matches(credentials.passwordHash));
        const now = this.clock.now();
        const sessionId = randomUUID();
        // A session token is minted like an access token: opaque, 256 random bits, kept as its SHA-256.
        const { token, record } = mintAccessToken(sessionId, now, this.sessionHours / 24);
        const context = commandContext({ actor, commandType: 'SignIn', idempotencyKey: randomUUID(), now });
        // Wrong passwords typed elsewhere do not lock the account at an address it signs in from (breaker12f P1).
        const addressKnown = this.users.signedInLately(user.id, address, now);
        // Nor on a browser it signed in on lately, wherever it is now (breaker12g P2).
        const deviceKnown = this.users.signedInOnLately(user.id, device, now);
        const session = { sessionId, tokenSha256: record.tokenSha256, expiresAt: record.expiresAt };
        const command: UserCommand = { type: 'SignIn', actor, passwordMatches, session, address, addressKnown, device, deviceKnown, now: now.toISOString() };
        let events: readonly UserEvent[];
        try {
          events = (await this.executor.execute(stream, userDecider, command, context, { reuseFold: true })).events;
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
    });
  }
}
