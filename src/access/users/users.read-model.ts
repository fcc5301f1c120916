import type { ClaimedValue } from '../../event-sourcing/execute-command.js';
import type { Projection, RecordedEvent } from '../../event-sourcing/recorded-event.js';
import { paginate, recordedOrder, type Connection, type PageRequest } from '../../shared/pagination/page.js';
import type { UserEvent, UserRole } from '../domain/user.events.js';
import { loginNameSkeleton, normalizeLoginName } from '../domain/login-name.js';

export { normalizeLoginName };

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

/** A session as the read model keeps it: with its token's SHA-256 (hex), to forget it by. */
interface KeptSession extends SessionView {
  readonly tokenSha256: string;
}

/** How long after it expired a session is still known (its token refused as expired rather than unknown): one day. */
export const FORGET_SESSIONS_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * How long an address an account signed in from stays *known* for it (breaker12f P1, P2): wrong
 * passwords typed elsewhere neither lock the account there (user.decider's `FailureRunAt`) nor hold it
 * in that address's window of failed sign-ins (sign-in-attempts.ts). 30 days: a holiday, a course or
 * a secondment's end, and the account's office is still its office.
 */
export const KNOWN_SIGN_IN_DAYS = 30;
const KNOWN_SIGN_IN_MS = KNOWN_SIGN_IN_DAYS * 24 * 60 * 60 * 1000;
/** The addresses kept per account, the latest signed in from: an office's NAT or proxy, a few desks and a home. */
export const KNOWN_ADDRESSES_PER_ACCOUNT = 32;
/**
 * How long a browser an account signed in on stays *known* for it (its device cookie, kept as long:
 * breaker12g P2): a unit's clerk who signs in each quarter to 报送, or once a year for the annual
 * report, finds the account open on the office's browser whatever strangers typed meanwhile.
 */
export const KNOWN_DEVICE_DAYS = 400;
const KNOWN_DEVICE_MS = KNOWN_DEVICE_DAYS * 24 * 60 * 60 * 1000;
/** The browsers kept per account, the latest signed in on: every desk of a shared unit account, phones, homes. */
export const KNOWN_DEVICES_PER_ACCOUNT = 256;

/**
 * The claims an account takes on its login name (`UniqueClaim`) with the events that give it, so that
 * of accounts given one login name at once exactly one gets it (breaker12 P10's kind): the name as
 * sign-in compares it (scope `login-name`, `normalizeLoginName`), and what it looks like (scope
 * `login-name-skeleton`, `loginNameSkeleton`), so that of two look-alike names given at once
 * (`admin` and `аdmin`) one is refused too (breaker9z P3). A name an account gave up (given
 * another) is taken over once the read model shows it free. Accounts named before the skeleton
 * claim existed hold only the first; the read model's `loginNameLookingLike` finds them.
 */
export const loginNameClaims = (loginName: string): ClaimedValue[] => [
  { scope: 'login-name', value: normalizeLoginName(loginName), field: 'loginName', label: loginName.trim() },
  { scope: 'login-name-skeleton', value: loginNameSkeleton(loginName), field: 'loginName', label: loginName.trim() },
];

/** Accounts and the hashes of their tokens: what authentication looks up on every request. */
export class UsersReadModel implements Projection {
  /** An account and its tokens and sessions are each kept under several keys, and changed in place (a token revoked): one piece. */
  get sharesObjects(): boolean {
    return true;
  }

  private readonly users = new Map<string, UserView>();
  /** In the order registered. */
  private readonly registered: UserView[] = [];
  private readonly tokensBySha256 = new Map<string, TokenView>();
  private readonly tokensByUser = new Map<string, TokenView[]>();
  private readonly sessionsBySha256 = new Map<string, KeptSession>();
  private readonly sessionsById = new Map<string, KeptSession>();
  /** Each user's sessions not yet ended, by id, to end them all at a password change in one step. */
  private readonly openSessionsByUser = new Map<string, Map<string, KeptSession>>();
  /** Each user's kept sessions in the order they started, to forget them after they expire (`forgetExpiredSessions`). */
  private readonly sessionsInOrder = new Map<string, { first: number; readonly sessions: KeptSession[] }>();
  private readonly userIdsByLoginName = new Map<string, string>();
  /**
   * The accounts by the skeleton of their login name (`loginNameSkeleton`, computed here from
   * InitialPasswordSet, never recorded: old events load as they are). Several when a store already
   * held look-alike names before they were refused.
   */
  private readonly userIdsBySkeleton = new Map<string, Set<string>>();
  /**
   * Per account, the addresses it signed in from (SessionStarted's `address`) and when last (UTC
   * instant, recorded), oldest first; at most KNOWN_ADDRESSES_PER_ACCOUNT. Kept from the log, so it
   * outlives a restart and is shared by every server on the store (breaker12f P2).
   */
  private readonly signedInFrom = new Map<string, Map<string, string>>();
  /** Likewise the browsers it signed in on (SessionStarted's `device`); at most KNOWN_DEVICES_PER_ACCOUNT. */
  private readonly signedInOn = new Map<string, Map<string, string>>();

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
        if (user.loginName !== null) {
          this.userIdsByLoginName.delete(normalizeLoginName(user.loginName));
          this.userIdsBySkeleton.get(loginNameSkeleton(user.loginName))?.delete(user.id);
        }
        user.loginName = known.data.loginName;
        this.userIdsByLoginName.set(normalizeLoginName(known.data.loginName), user.id);
        const skeleton = loginNameSkeleton(known.data.loginName);
        this.userIdsBySkeleton.set(skeleton, (this.userIdsBySkeleton.get(skeleton) ?? new Set<string>()).add(user.id));
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
        // Locked at one place (an address, or the addresses not known): the latest lock's end is shown.
        const user = this.users.get(known.data.userId);
        if (user && (user.lockedUntil === null || known.data.lockedUntil > user.lockedUntil)) user.lockedUntil = known.data.lockedUntil;
        return;
      }
      case 'AccountUnlocked': {
        const user = this.users.get(known.data.userId);
        if (user) user.lockedUntil = null;
        return;
      }
      case 'SessionStarted': {
        const { sessionId, userId, expiresAt, tokenSha256 } = known.data;
        const session: KeptSession = { sessionId, userId, expiresAt, ended: false, tokenSha256 };
        this.forgetExpiredSessions(userId, event.metadata.recordedAt);
        this.sessionsBySha256.set(tokenSha256, session);
        this.sessionsById.set(sessionId, session);
        const open = this.openSessionsByUser.get(userId) ?? new Map<string, KeptSession>();
        this.openSessionsByUser.set(userId, open.set(sessionId, session));
        const inOrder = this.sessionsInOrder.get(userId) ?? { first: 0, sessions: [] };
        inOrder.sessions.push(session);
        this.sessionsInOrder.set(userId, inOrder);
        if (known.data.address !== null) remember(this.signedInFrom, KNOWN_ADDRESSES_PER_ACCOUNT, userId, known.data.address, event.metadata.recordedAt);
        if (known.data.device !== null) remember(this.signedInOn, KNOWN_DEVICES_PER_ACCOUNT, userId, known.data.device, event.metadata.recordedAt);
        return;
      }
      case 'SessionEnded': {
        const session = this.sessionsById.get(known.data.sessionId);
        if (!session) return;
        session.ended = true;
        this.openSessionsByUser.get(session.userId)?.delete(session.sessionId);
        return;
      }
      case 'SignInFailed':
        return;
    }
  }

  private endSessionsOf(userId: string, keptSessionId: string | null): void {
    const open = this.openSessionsByUser.get(userId);
    if (!open) return;
    for (const session of open.values()) {
      if (session.sessionId === keptSessionId) continue;
      session.ended = true;
      open.delete(session.sessionId);
    }
  }

  /**
   * Forgets the user's sessions that expired more than FORGET_SESSIONS_AFTER_MS before `now` (UTC
   * instant; the recording time of the user's next sign-in), oldest first — O(1) a sign-in, amortised.
   * Their tokens then sign nothing in, as an unknown token (until then the refusal says when it
   * expired). Before, every session ever started was kept in memory for good (breaker12e P4: ~27,000
   * an hour from one script).
   */
  private forgetExpiredSessions(userId: string, now: string): void {
    const inOrder = this.sessionsInOrder.get(userId);
    if (!inOrder) return;
    const before = Date.parse(now) - FORGET_SESSIONS_AFTER_MS;
    const { sessions } = inOrder;
    while (inOrder.first < sessions.length && Date.parse(sessions[inOrder.first]!.expiresAt) < before) {
      const session = sessions[inOrder.first]!;
      this.sessionsBySha256.delete(session.tokenSha256);
      this.sessionsById.delete(session.sessionId);
      this.openSessionsByUser.get(userId)?.delete(session.sessionId);
      inOrder.first += 1;
    }
    if (inOrder.first > 64 && inOrder.first * 2 > sessions.length) {
      sessions.splice(0, inOrder.first);
      inOrder.first = 0;
    }
  }

  /**
   * Whether the user signed in from `address` within KNOWN_SIGN_IN_DAYS before `now` (UTC instant):
   * the address is *known* for the account (one of its latest KNOWN_ADDRESSES_PER_ACCOUNT). False for
   * no address or no user.
   */
  signedInLately(userId: string | undefined, address: string | null | undefined, now: Date): boolean {
    return lately(this.signedInFrom, userId, address, now.getTime() - KNOWN_SIGN_IN_MS);
  }

  /**
   * Whether the user signed in on the browser `device` (user.events' `deviceRunAt` of its device
   * cookie) within KNOWN_DEVICE_DAYS before `now`: one of its latest KNOWN_DEVICES_PER_ACCOUNT. False
   * for no device or no user.
   */
  signedInOnLately(userId: string | undefined, device: string | null | undefined, now: Date): boolean {
    return lately(this.signedInOn, userId, device, now.getTime() - KNOWN_DEVICE_MS);
  }

  /** The session `sessionId` while it is open (neither signed out, ended by a password change, nor forgotten). */
  openSession(sessionId: string): SessionView | undefined {
    const session = this.sessionsById.get(sessionId);
    return session && !session.ended ? session : undefined;
  }

  /** How many sessions of the user are kept (open or ended, not yet forgotten): for tests and /metrics-like checks. */
  keptSessionCount(userId: string): number {
    const inOrder = this.sessionsInOrder.get(userId);
    return inOrder ? inOrder.sessions.length - inOrder.first : 0;
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

  /**
   * An account other than `userId` whose login name looks like `loginName` (the same
   * `loginNameSkeleton`) without being it (not the same `normalizeLoginName`: that one is
   * `userIdByLoginName`'s), with its login name as it was given; null when there is none. Deactivated
   * accounts count: they keep their login name for a reactivation. O(1) but for look-alikes already held.
   */
  loginNameLookingLike(loginName: string, userId: string): { readonly userId: string; readonly loginName: string } | null {
    const exact = normalizeLoginName(loginName);
    for (const other of this.userIdsBySkeleton.get(loginNameSkeleton(loginName)) ?? []) {
      const held = this.users.get(other)?.loginName;
      if (other !== userId && held != null && normalizeLoginName(held) !== exact) return { userId: other, loginName: held };
    }
    return null;
  }
}

/** Keeps `place` as the latest the user signed in from, at `at` (UTC instant), dropping the oldest past `cap`; O(1). */
function remember(places: Map<string, Map<string, string>>, cap: number, userId: string, place: string, at: string): void {
  const kept = places.get(userId) ?? new Map<string, string>();
  kept.delete(place);
  kept.set(place, at);
  if (kept.size > cap) kept.delete(kept.keys().next().value!);
  places.set(userId, kept);
}

/** Whether the user signed in from `place` after `sinceMs` (ms since the epoch). */
function lately(places: Map<string, Map<string, string>>, userId: string | undefined, place: string | null | undefined, sinceMs: number): boolean {
  if (userId === undefined || !place) return false;
  const last = places.get(userId)?.get(place);
  return last !== undefined && Date.parse(last) > sinceMs;
}
