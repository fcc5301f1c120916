import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/**
 * Signed checkpoints of the ledger. Pure apart from node:crypto: no I/O.
 *
 * A checkpoint states the head of the log at one moment. Its signed body is text in the shape of a
 * transparency-log checkpoint (C2SP tlog-checkpoint): an origin line, the tree size, the RFC 6962
 * root in base64, then extension lines, each ending in a newline:
 *
 *   Rectify ledger v1
 *   1314
 *   XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=
 *   chain <hex chain hash of event 1314>
 *   position <global position of event 1314>
 *   taken <ISO-8601 instant the checkpoint was taken>
 *
 * The signature is Ed25519 (RFC 8032) over the body's UTF-8 bytes.
 */

export const CHECKPOINT_ORIGIN = 'Rectify ledger v1';

export interface CheckpointHead {
  /** Number of events covered: the first `treeSize` events of the log, in global order. */
  readonly treeSize: number;
  /** RFC 6962 Merkle root over their leaf hashes. */
  readonly rootHash: Buffer;
  /** Chain hash of the last event covered (32 zero bytes for an empty log). */
  readonly chainHash: Buffer;
  /** Global position of the last event covered, as `formatPosition` prints it; '' for an empty log. */
  readonly headPosition: string;
  /** ISO-8601 instant the checkpoint was taken. */
  readonly takenAt: string;
}

export interface SignedCheckpoint extends CheckpointHead {
  /** The signed text, exactly as signed. */
  readonly body: string;
  /** Ed25519 public key, raw 32 bytes in base64url (the JWK `x`), so anyone can check the signature. */
  readonly publicKey: string;
  /** Ed25519 signature over `body`, base64. */
  readonly signature: string;
}

export function checkpointBody(head: CheckpointHead): string {
  return [
    CHECKPOINT_ORIGIN,
    String(head.treeSize),
    head.rootHash.toString('base64'),
    `chain ${head.chainHash.toString('hex')}`,
    `position ${head.headPosition}`,
    `taken ${head.takenAt}`,
    '',
  ].join('\n');
}

/** Reads a body back; null when it is not a checkpoint body this module writes. */
export function parseCheckpointBody(body: string): CheckpointHead | null {
  const lines = body.split('\n');
  if (lines.length !== 7 || lines[0] !== CHECKPOINT_ORIGIN || lines[6] !== '') return null;
  const treeSize = Number(lines[1]);
  const rootHash = Buffer.from(lines[2]!, 'base64');
  const chain = /^chain ([0-9a-f]{64})$/.exec(lines[3]!);
  const position = /^position (.*)$/.exec(lines[4]!);
  const taken = /^taken (.+)$/.exec(lines[5]!);
  if (!Number.isSafeInteger(treeSize) || treeSize < 0 || rootHash.length !== 32 || !chain || !position || !taken) return null;
  return { treeSize, rootHash, chainHash: Buffer.from(chain[1]!, 'hex'), headPosition: position[1]!, takenAt: taken[1]! };
}

/** The raw public key of an Ed25519 key (private or public), base64url. */
export function publicKeyText(key: KeyObject): string {
  const jwk = createPublicKey(key).export({ format: 'jwk' });
  return jwk.x!;
}

/** A short name for a public key: the first 16 hex digits of SHA-256 of its raw bytes. */
export const keyFingerprint = (publicKey: string): string =>
  createHash('sha256').update(Buffer.from(publicKey, 'base64url')).digest('hex').slice(0, 16);

/** Signs a head with an Ed25519 private key. */
export function signCheckpoint(head: CheckpointHead, privateKey: KeyObject): SignedCheckpoint {
  const body = checkpointBody(head);
  return { ...head, body, publicKey: publicKeyText(privateKey), signature: sign(null, Buffer.from(body, 'utf8'), privateKey).toString('base64') };
}

/**
 * True when the signature over the body verifies with the checkpoint's public key and the body
 * says what the checkpoint's fields say.
 */
export function checkpointSignatureHolds(checkpoint: SignedCheckpoint): boolean {
  const parsed = parseCheckpointBody(checkpoint.body);
  if (!parsed) return false;
  const fieldsMatch =
    parsed.treeSize === checkpoint.treeSize &&
    parsed.rootHash.equals(checkpoint.rootHash) &&
    parsed.chainHash.equals(checkpoint.chainHash) &&
    parsed.headPosition === checkpoint.headPosition &&
    parsed.takenAt === checkpoint.takenAt;
  if (!fieldsMatch) return false;
  try {
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: checkpoint.publicKey }, format: 'jwk' });
    return verify(null, Buffer.from(checkpoint.body, 'utf8'), key, Buffer.from(checkpoint.signature, 'base64'));
  } catch {
    return false;
  }
}

/**
 * 台账校验码: what an office prints in its annual report — the number of events and the root hash
 * in eight groups of eight upper-case hex digits, e.g. `1314-5DC9DA79-A70659A9-…-F4604328`.
 */
export function ledgerCode(checkpoint: Pick<CheckpointHead, 'treeSize' | 'rootHash'>): string {
  const hex = checkpoint.rootHash.toString('hex').toUpperCase();
  return [String(checkpoint.treeSize), ...(hex.match(/.{8}/g) ?? [])].join('-');
}

/** A 台账校验码 read back: the number of events it covers and their RFC 6962 root. */
export interface PrintedLedgerCode {
  readonly treeSize: number;
  readonly rootHash: Buffer;
  /** The code as `ledgerCode` prints it (upper case, ASCII hyphens). */
  readonly code: string;
}

/**
 * Reads a 台账校验码 as an office copies it from its annual report back into `ledgerCode`'s shape:
 * spaces and line breaks dropped, full-width or dash-like hyphens (－ — – ‐) and lower case taken,
 * e.g. `234-585f0e55-…` or `234－585F0E55 …`; spaces alone between the nine groups also read
 * (`234 585F0E55 A70659A9 …`, breaker9z P8). Null when it is not an event count followed by eight
 * groups of eight hex digits (64 hex digits: a SHA-256 root).
 */
export function parseLedgerCode(text: string): PrintedLedgerCode | null {
  const dashed = text.normalize('NFKC').replace(/[\u2010-\u2015\u2212\uFE63]/g, '-').toUpperCase();
  // As printed (hyphens), with spaces or line breaks copied in anywhere; else with spaces (or
  // spaces and hyphens mixed) standing between the nine groups instead of hyphens.
  const match =
    /^(\d{1,15})-((?:[0-9A-F]{8}-){7}[0-9A-F]{8})$/.exec(dashed.replace(/\s+/g, '')) ??
    /^(\d{1,15})-((?:[0-9A-F]{8}-){7}[0-9A-F]{8})$/.exec(dashed.trim().replace(/\s*-\s*|\s+/g, '-'));
  if (!match) return null;
  const treeSize = Number(match[1]);
  if (!Number.isSafeInteger(treeSize)) return null;
  const rootHash = Buffer.from(match[2]!.replace(/-/g, ''), 'hex');
  return { treeSize, rootHash, code: ledgerCode({ treeSize, rootHash }) };
}
