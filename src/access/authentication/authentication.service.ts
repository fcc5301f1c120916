import { Injectable } from '@nestjs/common';
import { UnrecordedSessions } from '../sessions/unrecorded-sessions.js';
import type { Actor } from '../../shared/command-context.js';
import { Clock } from '../../shared/clock.js';
import { DomainError, say } from '../../shared/domain-error.js';
import { CredentialRefused } from '../domain/credential-refused.js';
import { looksLikeAccessToken, tokenSha256 } from '../domain/access-token.js';
import { UsersReadModel, type UserView } from '../users/users.read-model.js';
import { officeInstantZh } from '../../shared/calendar-date.js';

export { CredentialRefused };

const refuse = (en: string, zh: string, accountId?: string) => new CredentialRefused(say(en, zh), accountId);

/** The refusal of an operation that needs a signed-in caller, when none signed in. */
export const signInFirst = () =>
  new DomainError('UNAUTHENTICATED', say('Sign in first: send "Authorization: Bearer <token>".', '请先登录（请求需带有 "Authorization: Bearer <令牌>"）。'));

/** Who a credential signs in, and how: an API token (sessionId null) or a browser session. */
export interface SignedIn {
  readonly actor: Actor;
  readonly sessionId: string | null;
  /** A session signed in with an administrator's initial password: only a password change is allowed. */
  readonly mustChangePassword: boolean;
}

/**
 * Turns an `Authorization: Bearer <token>` header into the acting user, or refuses it. The token
 * is an API token (issued by an administrator or the CLI) or a session token (from `signIn`);
 * both are opaque and known to the server only by their SHA-256.
 */
@Injectable()
export class AuthenticationService {
  constructor(
    private readonly users: UsersReadModel,
    private readonly clock: Clock,
    private readonly unrecorded: UnrecordedSessions,
  ) {}

  /** null when no credentials were sent; a bad credential is refused, never ignored. */
  authenticate(authorization: string | undefined): Actor | null {
    return this.signedIn(authorization)?.actor ?? null;
  }

  /** As `authenticate`, with what kind of credential it was. */
  signedIn(authorization: string | undefined): SignedIn | null {
    const digest = this.digestOf(authorization);
    return digest === null ? null : this.signedInWith(digest);
  }

  /**
   * Whom a request counts for — the key of the rate limit's window, the fold queue's bound and turn
   * (request-scope.ts), and anything else kept per caller: `account:<user id>` when `authorization`
   * signs someone in, whatever its spelling (`bearer`, `BEARER`, runs of spaces or tabs) and whichever
   * of the account's tokens or sessions it carries; otherwise (no credential, or one refused)
   * `ip:<address>`, so that neither made-up tokens nor spellings make new callers (breaker12c P2).
   * Never throws.
   */
  callerOf(authorization: string | undefined, address: string | undefined): string {
    try {
      const signedIn = this.signedIn(authorization);
      if (signedIn) return `account:${signedIn.actor.id}`;
    } catch (refusal) {
      if (!(refusal instanceof DomainError)) throw refusal;
    }
    return `ip:${address ?? 'unknown'}`;
  }

  /**
   * For a caller who stays connected (a subscriber): asked again at will, null while its credentials
   * still sign someone in, else the refusal a request with them would get now (此次登录已结束… after a
   * sign-out or a new password set by an administrator, 此账号已停用。, 登录已于…过期…), so the
   * subscriber is told the true reason. The token is parsed and hashed once; each check only looks it up.
   */
  accessEndedBecause(authorization: string | undefined): () => DomainError | null {
    let digest: string | null;
    try {
      digest = this.digestOf(authorization);
    } catch (refusal) {
      return () => refusal as DomainError;
    }
    return () => {
      if (digest === null) return signInFirst();
      try {
        this.signedInWith(digest);
        return null;
      } catch (refusal) {
        if (refusal instanceof DomainError) return refusal;
        throw refusal;
      }
    };
  }

  /** The SHA-256 of the bearer token; null when none was sent. */
  private digestOf(authorization: string | undefined): string | null {
    if (authorization === undefined || authorization.trim() === '') return null;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match || !looksLikeAccessToken(match[1]!)) {
      throw refuse('Send your access token as "Authorization: Bearer <token>".', '请以 "Authorization: Bearer <令牌>" 的形式发送访问令牌。');
    }
    return tokenSha256(match[1]!);
  }

  private signedInWith(digest: string): SignedIn {
    // A session started while the store took no writes is kept in memory only (breaker9c P5).
    const session = this.users.sessionBySha256(digest) ?? this.unrecorded.sessionBySha256(digest);
    if (session) {
      if (session.ended) throw refuse('This session has ended. Sign in again.', '此次登录已结束，请重新登录。', session.userId);
      if (session.expiresAt <= this.clock.now().toISOString()) {
        throw refuse(`This session expired at ${session.expiresAt}. Sign in again.`, `登录已于${officeInstantZh(session.expiresAt)}过期，请重新登录。`, session.userId);
      }
      const user = this.activeUser(session.userId);
      return { actor: { id: user.id, role: user.role, unitId: user.unitId }, sessionId: session.sessionId, mustChangePassword: user.mustChangePassword };
    }
    const token = this.users.tokenBySha256(digest);
    if (!token) throw refuse('This access token is not valid. Ask an administrator for a new one.', '此访问令牌无效，请向管理员申请新令牌。');
    if (token.revoked) {
      throw refuse('This access token ended when the account was deactivated. Ask an administrator for a new one.', '此访问令牌已随账号停用而失效，请向管理员申请新令牌。', token.userId);
    }
    if (token.expiresAt <= this.clock.now().toISOString()) {
      throw refuse(`This access token expired on ${token.expiresAt}. Ask an administrator for a new one.`, `此访问令牌已于${officeInstantZh(token.expiresAt)}过期，请向管理员申请新令牌。`, token.userId);
    }
    const user = this.activeUser(token.userId);
    return { actor: { id: user.id, role: user.role, unitId: user.unitId }, sessionId: null, mustChangePassword: false };
  }

  private activeUser(userId: string): UserView {
    const user = this.users.user(userId);
    if (!user?.active) throw refuse('This account has been deactivated.', '此账号已停用。', userId);
    return user;
  }
}
