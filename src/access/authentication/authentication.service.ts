import { Injectable } from '@nestjs/common';
import type { Actor } from '../../shared/command-context.js';
import { Clock } from '../../shared/clock.js';
import { DomainError, say, type Bilingual } from '../../shared/domain-error.js';
import { looksLikeAccessToken, tokenSha256 } from '../domain/access-token.js';
import { UsersReadModel } from '../users/users.read-model.js';

/** A refused credential. `accountId` — whose token it was, when known — goes to the server log only. */
export class CredentialRefused extends DomainError {
  constructor(
    message: Bilingual,
    readonly accountId: string | null = null,
    details?: Readonly<Record<string, unknown>>,
  ) {
    super('UNAUTHENTICATED', message, details);
  }
}

const refuse = (en: string, zh: string, accountId?: string) => new CredentialRefused(say(en, zh), accountId);

/** The refusal of an operation that needs a signed-in caller, when none signed in. */
export const signInFirst = () =>
  new DomainError('UNAUTHENTICATED', say('Sign in first: send "Authorization: Bearer <token>".', '请先登录（请求需带有 "Authorization: Bearer <令牌>"）。'));

/** Turns an `Authorization: Bearer <token>` header into the acting user, or refuses it. */
@Injectable()
export class AuthenticationService {
  constructor(
    private readonly users: UsersReadModel,
    private readonly clock: Clock,
  ) {}

  /** null when no credentials were sent; a bad credential is refused, never ignored. */
  authenticate(authorization: string | undefined): Actor | null {
    const digest = this.digestOf(authorization);
    return digest === null ? null : this.actorFor(digest);
  }

  /**
   * For a caller who stays connected (a subscriber): whether its credentials still sign someone
   * in, asked again at will. The token is parsed and hashed once; each check only looks it up.
   */
  stillSignedIn(authorization: string | undefined): () => boolean {
    let digest: string | null;
    try {
      digest = this.digestOf(authorization);
    } catch {
      return () => false;
    }
    return () => {
      if (digest === null) return false;
      try {
        this.actorFor(digest);
        return true;
      } catch {
        return false;
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

  private actorFor(digest: string): Actor {
    const token = this.users.tokenBySha256(digest);
    if (!token) throw refuse('This access token is not valid. Ask an administrator for a new one.', '此访问令牌无效，请向管理员申请新令牌。');
    if (token.expiresAt <= this.clock.now().toISOString()) {
      throw refuse(`This access token expired on ${token.expiresAt}. Ask an administrator for a new one.`, `此访问令牌已于 ${token.expiresAt} 过期，请向管理员申请新令牌。`, token.userId);
    }
    const user = this.users.user(token.userId);
    if (!user?.active) throw refuse('This account has been deactivated.', '此账号已停用。', token.userId);
    return { id: user.id, role: user.role, unitId: user.unitId };
  }
}
