import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { say, type Bilingual } from '../../shared/domain-error.js';

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

/** Public keys already worked out, per key object (a KeyObject never changes). */
const publicKeysOf = new WeakMap<KeyObject, string>();

/**
 * The raw public key of an Ed25519 key (private or public), base64url. Worked out once per key
 * object: the store witness is signed on every append (issue 12 row 2, bench/results/profiles.md).
 */
export function publicKeyText(key: KeyObject): string {
  let text = publicKeysOf.get(key);
  if (text === undefined) {
    text = createPublicKey(key).export({ format: 'jwk' }).x!;
    publicKeysOf.set(key, text);
  }
  return text;
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
  return fieldsMatch && bodySignatureHolds(checkpoint);
}

/** True when `signature` over `body` verifies with `publicKey` (whatever the stored fields say). */
function bodySignatureHolds(checkpoint: Pick<SignedCheckpoint, 'body' | 'publicKey' | 'signature'>): boolean {
  try {
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: checkpoint.publicKey }, format: 'jwk' });
    return verify(null, Buffer.from(checkpoint.body, 'utf8'), key, Buffer.from(checkpoint.signature, 'base64'));
  } catch {
    return false;
  }
}

/**
 * What a stored checkpoint says as signed: its head read from the signed body when the signature over the body verifies,
 * whatever the row's own columns say; null when the body is not signed text this module wrote (edited, or its signature
 * replaced). What the office is shown and prints (`ledgerCode`) comes from here, never from a column alone (breaker9a P3:
 * a row's date backdated and its root replaced in the file were served, and printed, as the office's).
 */
export function signedHeadOf(checkpoint: SignedCheckpoint): CheckpointHead | null {
  const parsed = parseCheckpointBody(checkpoint.body);
  return parsed && bodySignatureHolds(checkpoint) ? parsed : null;
}

/** The stored fields a checkpoint row states beside its signed body, with their words: what an edit of the file may change. */
const CHECKPOINT_FIELDS: readonly { readonly en: string; readonly zh: string; readonly of: (head: CheckpointHead) => string }[] = [
  { en: 'taken at', zh: '生成时间', of: (head) => head.takenAt },
  { en: 'events covered', zh: '覆盖的事件数', of: (head) => String(head.treeSize) },
  { en: '台账校验码', zh: '台账校验码', of: (head) => ledgerCode(head) },
  { en: 'chain hash', zh: '链哈希', of: (head) => head.chainHash.toString('hex') },
  { en: 'head position', zh: '末条事件位置', of: (head) => head.headPosition },
];

/**
 * Why a stored checkpoint is not what the office signed, naming it by number (#`sequence`, when the store numbers them) with each field's signed value beside
 * the stored one — 「校验点 #1 的记录被改动：生成时间 签署时为 2026-12-04T21:48:12.792Z，现为 2025-12-31T08:00:00.000Z」 — or, when its
 * signed text or signature itself was changed, that nothing in it can be vouched for (breaker9a P3: the server served an edited
 * row as genuine, and `ledger:verify` quoted the forged date as the checkpoint's). Null when its signature holds.
 */
export function checkpointAlteration(checkpoint: SignedCheckpoint & { readonly sequence?: number }): Bilingual | null {
  // One signature check: the signed head, then each stored field against it (together what `checkpointSignatureHolds` says).
  const named = checkpoint.sequence === undefined ? '' : ` #${checkpoint.sequence}`;
  const signed = signedHeadOf(checkpoint);
  if (!signed) {
    return say(
      `Checkpoint${named} as stored is not what this office signed: its signed text or its signature was changed (or another key's put in), so nothing in it can be vouched for. Restore the store from a backup taken before the change, then run npm run ledger:verify.`,
      `校验点${named} 的记录与签署时不符：其签署内容或签名被改动（或换成了其他密钥的签名），其中任何数值都无法担保。请从改动之前的备份恢复事件库，再运行 npm run ledger:verify 核对。`,
    );
  }
  const changed = CHECKPOINT_FIELDS.filter((field) => field.of(signed) !== field.of(checkpoint));
  if (changed.length === 0) return null;
  return say(
    `Checkpoint${named} was edited in the store file: ${changed.map((field) => `${field.en} signed ${field.of(signed)}, stored now ${field.of(checkpoint)}`).join('; ')}. The signed values stand; restore the store from a backup taken before the change, then run npm run ledger:verify.`,
    `校验点${named} 的记录在事件库文件中被改动：${changed.map((field) => `${field.zh} 签署时为 ${field.of(signed)}，现为 ${field.of(checkpoint)}`).join('；')}。以签署时的数值为准；请从改动之前的备份恢复事件库，再运行 npm run ledger:verify 核对。`,
  );
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

/** Letters that are miscopied digits in a 台账校验码 (newcomer46-9 M1 c): O for 0, I and L for 1. */
const DIGIT_LOOKALIKES: Readonly<Record<string, string>> = { O: '0', I: '1', L: '1' };

/**
 * What is wrong with a text `parseLedgerCode` does not read as a 台账校验码 (newcomer46-9 M1 c: a letter O for a 0 was only
 * called 「不是台账校验码」): the count not a number, how many groups there are instead of eight, a group of another
 * length, or each character that is not a hex digit, named by group and place (a letter O: 「应为数字 0」). Read as
 * `parseLedgerCode` reads it (full-width forms, dashes and lower case taken). Empty words when nothing particular is found.
 */
export function ledgerCodeFault(text: string): Bilingual {
  const dashed = text.normalize('NFKC').replace(/[\u2010-\u2015\u2212\uFE63]/g, '-').toUpperCase().trim();
  const [count = '', ...groups] = dashed.split(/\s*-\s*|\s+/);
  const faults: Bilingual[] = [];
  if (!/^\d{1,15}$/.test(count)) faults.push(say(`the count of events 「${count}」 is not a number`, `事件条数「${count}」不是数字`));
  if (groups.length !== 8) faults.push(say(`${groups.length} group(s) follow the count, not 8`, `事件条数之后有 ${groups.length} 组，应为 8 组`));
  groups.slice(0, 8).forEach((group, index) => {
    const bad = [...group].flatMap((char, at) => (/[0-9A-F]/.test(char) ? [] : [{ char, at: at + 1 }]));
    for (const { char, at } of bad) {
      const digit = DIGIT_LOOKALIKES[char];
      faults.push(
        digit
          ? say(`group ${index + 1}, character ${at}: the letter ${char}, where the digit ${digit} belongs (a code holds only 0–9 and A–F)`, `第 ${index + 1} 组第 ${at} 位是字母 ${char}，应为数字 ${digit}（校验码只含 0–9 和 A–F）`)
          : say(`group ${index + 1}, character ${at}: 「${char}」 is not a hex digit (0–9, A–F)`, `第 ${index + 1} 组第 ${at} 位「${char}」不是十六进制数字（0–9、A–F）`),
      );
    }
    if (group.length !== 8) faults.push(say(`group ${index + 1} has ${group.length} characters, not 8`, `第 ${index + 1} 组有 ${group.length} 位，应为 8 位`));
  });
  return say(faults.map((fault) => fault.en).join('; '), faults.map((fault) => fault.zh).join('；'));
}

/**
 * breaker45-9 M1: why a code read as one (`parseLedgerCode`) for 0 events is no 台账校验码 — no checkpoint is taken over an
 * empty log, so none covers 0 events and no office printed one: its count was miscopied (or it is the root of nothing,
 * which every store gives and which checks nothing). Refused like any text that is not a code; `shown`: the code as the
 * asker typed it, named in each language (e.g. `Ledger code 1 「0-…」` / `第 1 个台账校验码「0-…」`).
 */
export function noEventsCodeWords(shown: Bilingual): Bilingual {
  return say(
    `${shown.en} is not a 台账校验码: its count of events is 0, and no checkpoint covers 0 events (none is taken over an empty log), so no office printed it — the number before the first dash was miscopied. Copy the code again from the report: it starts with the number of events it covers.`,
    `${shown.zh}不是台账校验码：其事件条数为 0，而校验点从不针对 0 条事件签署（空台账不生成校验点），任何单位都不会打印这样的码——第一个连字符前的数字抄错了。请从报告中重新抄录校验码：它以所涵盖的事件条数开头。`,
  );
}
