/**
 * The fields of event data that hold a credential, by event type (every schema version: the names
 * never changed): a password's argon2id hash (PHC string) or the SHA-256 of an access or session
 * token. Kept in the log to check a sign-in or a token, they never leave the server — breaker9z S2:
 * `proveEvent` gave a SUPERVISOR an InitialPasswordSet with its hash, open to offline guessing. Every
 * path that hands out an event's stored content withholds them (`redactCredentials`, the ledger's
 * proofs). A new field of this kind is listed here, or `test/credential-fields.spec.ts` fails: it looks
 * through every event type's shape for names that speak of passwords, tokens, secrets or keys.
 *
 * Not listed, on purpose: `tokenId` (an access token's public id, as the token list shows it) and a
 * sign-in's `device` (32 hex digits of the SHA-256 of a browser's device cookie: it names a browser, as
 * `address` names a network; it lets no one in, and the cookie cannot be had from it).
 */
export const CREDENTIAL_FIELDS: Readonly<Record<string, readonly string[]>> = {
  InitialPasswordSet: ['passwordHash'],
  PasswordChanged: ['passwordHash'],
  AccessTokenIssued: ['tokenSha256'],
  SessionStarted: ['tokenSha256'],
};
