import { createHash } from 'node:crypto';
import { CREDENTIAL_FIELDS } from '../../event-sourcing/credential-fields.js';
import { canonicalJson } from '../../shared/ids.js';
import { canonicalEvent, type HashedEventContent } from './event-chain.js';

/** What stands in a redacted proof for a withheld value: this prefix, then the SHA-256 (hex) of the value's canonical JSON. */
export const WITHHELD_PREFIX = 'WITHHELD:sha256:';

/** An event's leaf data as it may leave the server, and which of its fields were withheld. */
export interface RedactedEventContent {
  /**
   * The event's canonical JSON (see event-chain.ts) with each credential value (`CREDENTIAL_FIELDS`)
   * replaced by `WITHHELD:sha256:<hex>`, the SHA-256 of that value's canonical JSON. With nothing
   * withheld, exactly the leaf data: SHA-256(0x00 || it) is the event's leaf hash.
   */
  readonly canonicalEvent: string;
  /** The withheld fields as paths (`data.passwordHash`), in the order of the canonical JSON; empty for most events. */
  readonly withheldFields: string[];
}

/**
 * An event's leaf data with its credentials withheld (breaker9z S2): a password hash or a token's
 * SHA-256 never leaves the server, whoever asks — ADMIN included. What is left stays checkable: the
 * leaf hash's inclusion in a checkpoint is checked with the audit path as for any event; the shown
 * content cannot be hashed to the leaf (a value is missing), but each withheld value is committed to
 * by its SHA-256, so if the office ever discloses it (to a court), putting it back in place of its
 * `WITHHELD:` string gives the leaf data again, and anyone can check it then. A password hash's PHC
 * string and a token's SHA-256 each carry ≥128 random bits (salt, token), so their SHA-256 gives
 * nothing to guess from. Pure.
 */
export function redactCredentials(content: HashedEventContent): RedactedEventContent {
  const fields = CREDENTIAL_FIELDS[content.type] ?? [];
  const withheld = fields.filter((field) => content.data[field] !== undefined);
  if (withheld.length === 0) return { canonicalEvent: canonicalEvent(content), withheldFields: [] };
  const data: Record<string, unknown> = { ...content.data };
  for (const field of withheld) data[field] = `${WITHHELD_PREFIX}${createHash('sha256').update(canonicalJson(content.data[field]), 'utf8').digest('hex')}`;
  return { canonicalEvent: canonicalEvent({ ...content, data }), withheldFields: [...withheld].sort().map((field) => `data.${field}`) };
}
