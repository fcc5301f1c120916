import type { DomainEvent } from '../../shared/decider.js';
import type { EventSchemas } from '../../shared/event-schemas.js';

export const UserRoles = ['SUPERVISOR', 'INSPECTOR', 'UNIT', 'ADMIN'] as const;
export type UserRole = (typeof UserRoles)[number];

export type UserRegistered = DomainEvent<
  'UserRegistered',
  {
    readonly userId: string;
    readonly name: string;
    readonly role: UserRole;
    /** The unit a UNIT user acts for; optional for other roles (e.g. a supervisor's office). */
    readonly unitId: string | null;
  }
>;

/**
 * Only a SHA-256 of the token is recorded: the log and its backups never hold a usable
 * credential. The token itself is shown once, to whoever asked for it.
 */
export type AccessTokenIssued = DomainEvent<
  'AccessTokenIssued',
  { readonly userId: string; readonly tokenId: string; readonly tokenSha256: string; readonly expiresAt: string }
>;

export type UserDeactivated = DomainEvent<'UserDeactivated', { readonly userId: string; readonly reason: string }>;

export type UserEvent = UserRegistered | AccessTokenIssued | UserDeactivated;

export const userEventSchemas: EventSchemas<UserEvent> = {
  UserRegistered: { version: 1 },
  AccessTokenIssued: { version: 1 },
  UserDeactivated: { version: 1 },
};

export const userStream = (userId: string) => `user-${userId}`;
