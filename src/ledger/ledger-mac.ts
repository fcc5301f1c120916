import { createHmac, hkdfSync, type KeyObject } from 'node:crypto';

/*
 * The MAC keys derived from the ledger signing key, apart from Nest so that the command-line tools
 * (ledger:verify, the tools that append) use them without the server's modules.
 */

/** What a keyed MAC (see `LedgerKeys.mac`) authenticates: each purpose has a key of its own. */
export type MacPurpose = 'read-model snapshot' | 'event row seal';

/** The MAC key for one purpose: HKDF-SHA-256 (RFC 5869) over the signing key's PKCS#8 bytes, 32 bytes. */
export const macKey = (signingKey: KeyObject, purpose: MacPurpose): Buffer =>
  Buffer.from(hkdfSync('sha256', signingKey.export({ format: 'der', type: 'pkcs8' }), 'Rectify ledger key', `Rectify ${purpose} MAC v1`, 32));

export const hmac = (key: Buffer, parts: readonly Buffer[]): Buffer => {
  const mac = createHmac('sha256', key);
  for (const part of parts) mac.update(part);
  return mac.digest();
};

/** `LedgerKeys.mac` for a key at hand (tools and tests that write what a server holding the key would). */
export const ledgerMac = (signingKey: KeyObject, purpose: MacPurpose, parts: readonly Buffer[]): Buffer => hmac(macKey(signingKey, purpose), parts);

/** `LedgerKeys.rowSealKey` for a key at hand (command-line tools appending beside the server, tests writing rows as it would). */
export const rowSealKeyOf = (signingKey: KeyObject): Buffer => macKey(signingKey, 'event row seal');

