import { Injectable, Logger } from '@nestjs/common';
import type { UserEvent } from '../domain/user.events.js';
import type { SessionView } from '../users/users.read-model.js';

/** The /health notice while this process holds sessions the ledger does not (newcomer45-9 M3). */
export type SessionNoticeCause = 'SESSIONS_NOT_RECORDED';

/*
 * breaker9c P5: while the store takes no writes (degraded: read models stopped, the file replaced, a
 * full disk), signing in — which records `SessionStarted` — was refused, so nobody could sign in to
 * the browser app though reads are promised: supervisors could not look at their ledger while the
 * operator investigated. The sign-in is then decided exactly as the ledger would decide it, and what
 * it would have recorded is kept here, in this process's memory, instead.
 */

/**
 * Sign-ins decided while the store refused writes, kept in memory only: the sessions they started
 * (valid until they expire, are signed out, or the server restarts — never in the ledger) and the
 * failures they counted, so that five wrong passwords still lock the account for LOCK_MINUTES as
 * the ledger's own count would. Every write such a session attempts is refused like any other while
 * the store is degraded.
 */
@Injectable()
export class UnrecordedSessions {
  private readonly logger = new Logger('Sessions');
  /** Sessions by the SHA-256 (hex) of their token. */
  private readonly sessions = new Map<string, SessionView>();
  /** Per user: the sign-in events decided but not recorded, in order (folded over the recorded state). */
  private readonly decided = new Map<string, UserEvent[]>();
  /** When the first session was kept in memory only (ISO instant), null while there is none. */
  private firstKeptAt: string | null = null;

  /** What sign-ins decided for this user and did not record (fold it over the user's recorded state). */
  eventsOf(userId: string): readonly UserEvent[] {
    return this.decided.get(userId) ?? [];
  }

  /**
   * Keeps what a sign-in decided: its failures (and lock) for later sign-ins, its session for
   * authentication (`tokenSha256`: hex SHA-256 of the token handed out).
   */
  keep(userId: string, events: readonly UserEvent[]): void {
    this.decided.set(userId, [...this.eventsOf(userId), ...events]);
    for (const event of events) {
      if (event.type !== 'SessionStarted') continue;
      const { sessionId, tokenSha256, expiresAt } = event.data;
      this.sessions.set(tokenSha256, { sessionId, userId, expiresAt, ended: false });
      this.firstKeptAt ??= new Date().toISOString();
      this.logger.warn(`User ${userId} signed in while the event store takes no writes: session ${sessionId} is kept in memory only, not in the ledger, and ends at a restart.`);
    }
  }

  /** The unrecorded session a token (its SHA-256, hex) belongs to. */
  sessionBySha256(sha256: string): SessionView | undefined {
    return this.sessions.get(sha256);
  }

  /** Signs an unrecorded session out; false when `sessionId` is not one. */
  end(sessionId: string): boolean {
    for (const session of this.sessions.values()) {
      if (session.sessionId !== sessionId) continue;
      session.ended = true;
      return true;
    }
    return false;
  }

  /**
   * `SESSIONS_NOT_RECORDED` for /health `notices` once a sign-in was kept in memory only (newcomer45-9 M3: a full disk's
   * sign-ins were in no ledger and nothing but a log line said so), `since` the first; it stays until the restart that ends
   * those sessions, since the ledger lacks them even once the store takes writes again. The log names each (user, session).
   */
  notices(): readonly { readonly cause: SessionNoticeCause; readonly since: string }[] {
    return this.firstKeptAt ? [{ cause: 'SESSIONS_NOT_RECORDED', since: this.firstKeptAt }] : [];
  }
}
