import { createHash } from 'node:crypto';
import { canonicalJson } from '../shared/ids.js';

/**
 * The fields of event data that hold a credential, by event type (every schema version: the names
 * never changed): a password's argon2id hash (PHC string) or the SHA-256 of an access or session
 * token. Kept in the log to check a sign-in or a token, they never leave the server — breaker9z S2:
 * `proveEvent` gave a SUPERVISOR an InitialPasswordSet with its hash, open to offline guessing. Every
 * path that hands out an event's stored content withholds them (`withoutCredentials`): the ledger's
 * proofs (`redactCredentials`) and history lines (`historyEntry`). A new field of this kind is listed here, or `test/credential-fields.spec.ts` fails: it looks
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

/** What stands for a withheld value: this prefix, then the SHA-256 (hex) of the value's canonical JSON. */
export const WITHHELD_PREFIX = 'WITHHELD:sha256:';

/**
 * An event's data as it may leave the server: each credential of its type (`CREDENTIAL_FIELDS`)
 * replaced by `WITHHELD:sha256:<hex>`, the SHA-256 of the value's canonical JSON (a commitment that
 * gives nothing to guess from: a PHC string carries a random salt, a token's SHA-256 a random token);
 * `withheld` names them, in the order listed. The same object back when there is nothing to withhold. Pure.
 */
export function withoutCredentials(type: string, data: Record<string, unknown>): { readonly data: Record<string, unknown>; readonly withheld: string[] } {
  const withheld = (CREDENTIAL_FIELDS[type] ?? []).filter((field) => data[field] !== undefined);
  if (withheld.length === 0) return { data, withheld };
  const shown: Record<string, unknown> = { ...data };
  for (const field of withheld) shown[field] = `${WITHHELD_PREFIX}${createHash('sha256').update(canonicalJson(data[field]), 'utf8').digest('hex')}`;
  return { data: shown, withheld };
}
