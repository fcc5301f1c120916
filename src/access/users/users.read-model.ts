import type { Projection, RecordedEvent } from '../../event-sourcing/recorded-event.js';
import type { UserEvent, UserRole } from '../domain/user.events.js';

export interface UserView {
  readonly id: string;
  readonly name: string;
  readonly role: UserRole;
  readonly unitId: string | null;
  active: boolean;
  readonly registeredAt: string;
  readonly registeredBy: string;
  deactivatedAt: string | null;
  deactivationReason: string | null;
}

export interface TokenView {
  readonly tokenId: string;
  readonly userId: string;
  readonly expiresAt: string;
}

/** Accounts and the hashes of their tokens: what authentication looks up on every request. */
export class UsersReadModel implements Projection {
  private readonly users = new Map<string, UserView>();
  private readonly tokensBySha256 = new Map<string, TokenView>();

  apply(event: RecordedEvent): void {
    const known = event as RecordedEvent<UserEvent>;
    switch (known.type) {
      case 'UserRegistered':
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
        });
        return;
      case 'AccessTokenIssued':
        this.tokensBySha256.set(known.data.tokenSha256, { tokenId: known.data.tokenId, userId: known.data.userId, expiresAt: known.data.expiresAt });
        return;
      case 'UserDeactivated': {
        const user = this.users.get(known.data.userId);
        if (!user) return;
        user.active = false;
        user.deactivatedAt = event.metadata.recordedAt;
        user.deactivationReason = known.data.reason;
        return;
      }
    }
  }

  user(id: string): UserView | undefined {
    return this.users.get(id);
  }

  list(): UserView[] {
    return [...this.users.values()].sort((a, b) => a.registeredAt.localeCompare(b.registeredAt));
  }

  tokenBySha256(sha256: string): TokenView | undefined {
    return this.tokensBySha256.get(sha256);
  }
}
