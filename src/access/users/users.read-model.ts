import type { ClaimedValue } from '../../event-sourcing/execute-command.js';
import type { Projection, RecordedEvent } from '../../event-sourcing/recorded-event.js';
import { paginate, recordedOrder, type Connection, type PageRequest } from '../../shared/pagination/page.js';
import type { UserEvent, UserRole } from '../domain/user.events.js';

export interface UserView {
  readonly id: string;
  name: string;
  role: UserRole;
  unitId: string | null;
  active: boolean;
  readonly registeredAt: string;
  readonly registeredBy: string;
  deactivatedAt: string | null;
  deactivationReason: string | null;
  /** Null until an administrator sets a password. */
  loginName: string | null;
  /** The password is an administrator's initial one: the user must choose their own first. */
  mustChangePassword: boolean;
  /** UTC instant until which sign-in is refused after too many failures; null when never locked. */
  lockedUntil: string | null;
  /** Its place in the order accounts were registered (0, 1, …). */
  readonly sequence: number;
}

const registeredOrder = recordedOrder<UserView>('users', (user) => user.sequence);

export interface TokenView {
  readonly tokenId: string;
  readonly userId: string;
  readonly expiresAt: string;
  /** Issued before the account was deactivated and then reactivated: it stays void. */
  revoked: boolean;
}

/** A signed-in browser session; its token is kept as a SHA-256 like an access token's. */
export interface SessionView {
  readonly sessionId: string;
  readonly userId: string;
  readonly expiresAt: string;
  /** Signed out, or ended by a password change or reset. */
  ended: boolean;
}

/** Login names are compared as a person reads them: full-width letters and case do not matter. */
export const normalizeLoginName = (loginName: string): string => loginName.normalize('NFKC').trim().toLowerCase();

/**
 * The claim an account takes on its login name (`UniqueClaim`) with the events that give it, so that
 * of accounts given one login name at once exactly one gets it (breaker12 P10's kind). A name an
 * account gave up (given another) is taken over once the read model shows it free.
 */
export const loginNameClaim = (loginName: string): ClaimedValue => ({ scope: 'login-name', value: normalizeLoginName(loginName), field: 'loginName', label: loginName.trim() });

/** Accounts and the hashes of their tokens: what authentication looks up on every request. */
export class UsersReadModel implements Projection {
  private readonly users = new Map<string, UserView>();
  /** In the order registered. */
  private readonly registered: UserView[] = [];
  private readonly tokensBySha256 = new Map<string, TokenView>();
  private readonly tokensByUser = new Map<string, TokenView[]>();
  private readonly sessionsBySha256 = new Map<string, SessionView>();
  private readonly sessionsById = new Map<string, SessionView>();
  /** Each user's sessions not yet ended, to end them all at a password change in one step. */
  private readonly openSessionsByUser = new Map<string, SessionView[]>();
  private readonly userIdsByLoginName = new Map<string, string>();

  apply(event: RecordedEvent): void {
    const known = event as RecordedEvent<UserEvent>;
    switch (known.type) {
      case 'UserRegistered':
        if (this.users.has(known.data.userId)) return;
        this.users.set(known.data.userId, {
          id: known.data.userId,
          name: known.data.name,
          role: known.data.role,
          unitId: known.data.unitId,
          active: true,
          registeredAt: event.metadata.recordedAt,
          registeredBy: event.metadata.actorId,
          deactivatedAt: null,
          deactivationReason: null,
          loginName: null,
          mustChangePassword: false,
          lockedUntil: null,
          sequence: this.registered.length,
        });
        this.registered.push(this.users.get(known.data.userId)!);
        return;
      case 'AccessTokenIssued': {
        const token: TokenView = { tokenId: known.data.tokenId, userId: known.data.userId, expiresAt: known.data.expiresAt, revoked: false };
        this.tokensBySha256.set(known.data.tokenSha256, token);
        this.tokensByUser.set(token.userId, [...(this.tokensByUser.get(token.userId) ?? []), token]);
        return;
      }
      case 'UserDeactivated': {
        const user = this.users.get(known.data.userId);
        if (!user) return;
        user.active = false;
        user.deactivatedAt = event.metadata.recordedAt;
        user.deactivationReason = known.data.reason;
        return;
      }
      case 'UserReactivated': {
        const user = this.users.get(known.data.userId);
        if (!user) return;
        user.active = true;
        user.deactivatedAt = null;
        user.deactivationReason = null;
        // What signed in before the deactivation does not come back with the account.
        this.endSessionsOf(user.id, null);
        for (const token of this.tokensByUser.get(user.id) ?? []) token.revoked = true;
        return;
      }
      case 'UserRenamed': {
        const user = this.users.get(known.data.userId);
        if (user) user.name = known.data.name;
        return;
      }
      case 'UserRoleChanged': {
        const user = this.users.get(known.data.userId);
        if (!user) return;
        user.role = known.data.role;
        user.unitId = known.data.unitId;
        // The pages a session shows were chosen for the role it signed in with.
        this.endSessionsOf(user.id, null);
        return;
      }
      case 'InitialPasswordSet': {
        const user = this.users.get(known.data.userId);
        if (!user) return;
        if (user.loginName !== null) this.userIdsByLoginName.delete(normalizeLoginName(user.loginName));
        user.loginName = known.data.loginName;
        this.userIdsByLoginName.set(normalizeLoginName(known.data.loginName), user.id);
        user.mustChangePassword = known.data.changeRequired;
        user.lockedUntil = null;
        this.endSessionsOf(user.id, null);
        return;
      }
      case 'PasswordChanged': {
        const user = this.users.get(known.data.userId);
        if (!user) return;
        user.mustChangePassword = false;
        this.endSessionsOf(user.id, known.data.keptSessionId);
        return;
      }
      case 'AccountLocked': {
        const user = this.users.get(known.data.userId);
        if (user) user.lockedUntil = known.data.lockedUntil;
        return;
      }
      case 'AccountUnlocked': {
        const user = this.users.get(known.data.userId);
        if (user) user.lockedUntil = null;
        return;
      }
      case 'SessionStarted': {
        const session: SessionView = { sessionId: known.data.sessionId, userId: known.data.userId, expiresAt: known.data.expiresAt, ended: false };
        this.sessionsBySha256.set(known.data.tokenSha256, session);
        this.sessionsById.set(session.sessionId, session);
        this.openSessionsByUser.set(session.userId, [...(this.openSessionsByUser.get(session.userId) ?? []), session]);
        return;
      }
      case 'SessionEnded': {
        const session = this.sessionsById.get(known.data.sessionId);
        if (session) session.ended = true;
        return;
      }
      case 'SignInFailed':
        return;
    }
  }

  private endSessionsOf(userId: string, keptSessionId: string | null): void {
    const open = this.openSessionsByUser.get(userId) ?? [];
    for (const session of open) if (session.sessionId !== keptSessionId) session.ended = true;
    this.openSessionsByUser.set(userId, open.filter((session) => !session.ended));
  }

  user(id: string): UserView | undefined {
    return this.users.get(id);
  }

  /** Every account, oldest first (in the order registered): for a command-line tool, not a request. */
  accounts(): readonly UserView[] {
    return this.registered;
  }

  /** A page of the accounts, oldest first (in the order registered). */
  page(page: PageRequest): Connection<UserView> {
    return paginate(this.registered, registeredOrder, page);
  }

  tokenBySha256(sha256: string): TokenView | undefined {
    return this.tokensBySha256.get(sha256);
  }

  sessionBySha256(sha256: string): SessionView | undefined {
    return this.sessionsBySha256.get(sha256);
  }

  /** The account a login name signs in, compared by `normalizeLoginName`. */
  userIdByLoginName(loginName: string): string | undefined {
    return this.userIdsByLoginName.get(normalizeLoginName(loginName));
  }
}
