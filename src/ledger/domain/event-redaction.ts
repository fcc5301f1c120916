import { WITHHELD_PREFIX, withoutCredentials } from '../../event-sourcing/credential-fields.js';
import { canonicalEvent, type HashedEventContent } from './event-chain.js';

export { WITHHELD_PREFIX };

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
  const { data, withheld } = withoutCredentials(content.type, content.data);
  return { canonicalEvent: canonicalEvent(withheld.length === 0 ? content : { ...content, data }), withheldFields: [...withheld].sort().map((field) => `data.${field}`) };
}
