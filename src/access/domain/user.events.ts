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

/**
 * An administrator gave a deactivated account back its use (stopped by mistake, back from a
 * secondment), saying why: the person signs in again with the same login name and password, and
 * their history stays one. Sessions and access tokens from before stay ended: a new sign-in, or a
 * new token, is needed. `reactivatedOn`: the office day (China, YYYY-MM-DD) it was done.
 */
export type UserReactivated = DomainEvent<'UserReactivated', { readonly userId: string; readonly reason: string; readonly reactivatedOn: string }>;

/**
 * The account's name was corrected (a typo, a changed name): every history shows the person's
 * name as it is now. `renamedOn`: the office day (China, YYYY-MM-DD) it was done.
 */
export type UserRenamed = DomainEvent<'UserRenamed', { readonly userId: string; readonly name: string; readonly reason: string; readonly renamedOn: string }>;

/**
 * The account's role, or the unit it acts for, changed (the wrong 所属单位 at registration, a clerk
 * moved to another unit): what the person may do changes with it, so their open sessions end.
 * `unitId` null: no unit. `changedOn`: the office day (China, YYYY-MM-DD) it was done.
 */
export type UserRoleChanged = DomainEvent<
  'UserRoleChanged',
  { readonly userId: string; readonly role: UserRole; readonly unitId: string | null; readonly reason: string; readonly changedOn: string }
>;

/**
 * An administrator gave the account a login name and a password (first time, or a reset). Only
 * the argon2id hash is recorded (PHC string: algorithm, parameters and salt included). Ends every
 * open session and any lock. `changeRequired`: the user must choose their own password first.
 */
export type InitialPasswordSet = DomainEvent<
  'InitialPasswordSet',
  { readonly userId: string; readonly loginName: string; readonly passwordHash: string; readonly changeRequired: boolean }
>;

/** The user chose a new password. Every other session of theirs ends; `keptSessionId`'s stays. */
export type PasswordChanged = DomainEvent<'PasswordChanged', { readonly userId: string; readonly passwordHash: string; readonly keptSessionId: string | null }>;

/**
 * Where a run of wrong passwords is counted, and where the lock it leads to holds (breaker12f P1: a
 * stranger who knew a login name locked the account for everyone): an address the account signed in
 * from lately (`KNOWN_SIGN_IN_DAYS`, as the client address the server sees: behind a proxy listed in
 * TRUST_PROXY, the one it forwards), each apart; or `null`, every address it has not signed in from
 * lately, together — so guessing from new addresses is still bounded by one count, and wrong
 * passwords typed there never keep the account's own office out. Events written before v2 counted
 * every address together: read as `null`. Since SessionStarted v3 also a browser the account signed
 * in on lately, whatever its address (`device:` and 32 hex digits of its device cookie's SHA-256,
 * `deviceRunAt`): a second desk, a phone, home, a unit's quarterly clerk on the office's browser
 * (breaker12g P2) each count apart from strangers.
 */
export type FailureRunAt = string | null;

/** Where a browser's wrong passwords count (`FailureRunAt`): `device:` + the first 32 hex digits of the SHA-256 of its device cookie. */
export const deviceRunAt = (deviceSha256: string): string => `device:${deviceSha256.slice(0, 32)}`;

/** A sign-in with a wrong password; `failedAttempts` in a row at `at` since the last success there, lock or reset. */
export type SignInFailed = DomainEvent<'SignInFailed', { readonly userId: string; readonly failedAttempts: number; readonly at: FailureRunAt }>;

/** Too many failed sign-ins in a row at `at`: no sign-in from there until `lockedUntil` (UTC instant). */
export type AccountLocked = DomainEvent<'AccountLocked', { readonly userId: string; readonly lockedUntil: string; readonly failedAttempts: number; readonly at: FailureRunAt }>;

/**
 * An administrator lifted a lock before it ran out (the user called; the lock was a colleague's
 * typing): sign-in works again at once with the same password, and the count of failures starts
 * over. `unlockedOn`: the office day (China, YYYY-MM-DD) it was done.
 */
export type AccountUnlocked = DomainEvent<'AccountUnlocked', { readonly userId: string; readonly unlockedOn: string }>;

/**
 * A sign-in: a session token, recorded as its SHA-256 like access tokens, valid until `expiresAt`.
 * `address`: the client address it came from (null: not known — a tool, or an event written before
 * v2); the users read model keeps it as an address the account signs in from (`signedInLately`).
 * `addressKnown`: the account had signed in from it lately, so this sign-in ends the run of wrong
 * passwords at that address; else the run at addresses not known (`FailureRunAt` null).
 * v3: `device`, the browser it came from as a place (`deviceRunAt` of its device cookie; null: a
 * browser without one yet, a tool, an event written before v3), kept too; `deviceKnown`: the account
 * had signed in on that browser lately, so this sign-in ends the run there (it comes before the
 * address's run: a known browser counts apart wherever it is).
 */
export type SessionStarted = DomainEvent<
  'SessionStarted',
  {
    readonly userId: string;
    readonly sessionId: string;
    readonly tokenSha256: string;
    readonly expiresAt: string;
    readonly address: string | null;
    readonly addressKnown: boolean;
    readonly device: string | null;
    readonly deviceKnown: boolean;
  }
>;

/** The user signed out: the session's token stops working at once. */
export type SessionEnded = DomainEvent<'SessionEnded', { readonly userId: string; readonly sessionId: string }>;

export type CredentialEvent = InitialPasswordSet | PasswordChanged | SignInFailed | AccountLocked | AccountUnlocked | SessionStarted | SessionEnded;

export type UserEvent = UserRegistered | AccessTokenIssued | UserDeactivated | UserReactivated | UserRenamed | UserRoleChanged | CredentialEvent;

export const userEventSchemas: EventSchemas<UserEvent> = {
  UserRegistered: { version: 1 },
  AccessTokenIssued: { version: 1 },
  UserDeactivated: { version: 1 },
  UserReactivated: { version: 1, occurredOn: 'reactivatedOn' },
  UserRenamed: { version: 1, occurredOn: 'renamedOn' },
  UserRoleChanged: { version: 1, occurredOn: 'changedOn' },
  InitialPasswordSet: { version: 1 },
  PasswordChanged: { version: 1 },
  // v1 counted wrong passwords from every address in one run (breaker12f P1).
  SignInFailed: { version: 2, upcasters: { 1: (data) => ({ ...data, at: null }) } },
  AccountLocked: { version: 2, upcasters: { 1: (data) => ({ ...data, at: null }) } },
  AccountUnlocked: { version: 1, occurredOn: 'unlockedOn' },
  // v1 did not keep the address signed in from (breaker12f P2).
  SessionStarted: {
    version: 3,
    upcasters: { 1: (data) => ({ ...data, address: null, addressKnown: false }), 2: (data) => ({ ...data, device: null, deviceKnown: false }) },
  },
  SessionEnded: { version: 1 },
};

export const userStream = (userId: string) => `user-${userId}`;

/** Whether a stream is an account's (`userStream`): its events — sign-ins and their addresses, passwords set, tokens — are an ADMIN's to read. */
export const isAccountStream = (streamId: string): boolean => streamId.startsWith('user-');
