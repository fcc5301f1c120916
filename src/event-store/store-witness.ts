import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { closeSync, fstatSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { keyFingerprint, publicKeyText } from '../ledger/domain/checkpoint.js';
import { isFormerKey, type FormerKey } from '../ledger/domain/former-keys.js';
import { say, type Bilingual } from '../shared/domain-error.js';
import { canonicalJson } from '../shared/ids.js';
import { temporaryPathFor } from '../shared/temporary-path.js';
import { parsePosition, type EventStore, type StoreIdentity } from './event-store.port.js';
import { officeInstantZh } from '../shared/calendar-date.js';
import type { WitnessedStoreFile } from './stray-wal.js';
import type { ClockAheadAcceptance } from './clock-behind.js';
import { isWriterId } from './writer-id.js';
import { resetOffers } from './reset-offers.js';
import type { WalBreak } from './wal-file-mark.js';

/**
 * What this server last saw of its store, kept outside the store: when the database is lost,
 * replaced or rolled back, the witness still says what was there. It lives in its own file
 * (STORE_WITNESS_PATH; beside the SQLite file by default, so a deleted database or a lost WAL
 * leaves it behind; put it on another volume to survive losing the data volume as well).
 */
export interface StoreWitness {
  readonly storeId: string;
  readonly kind: EventStore['kind'];
  /** The SQLite file or the EventStoreDB host, for the operator's eyes only. */
  readonly location: string;
  /** The log's head position (its commit part) when last seen; null for an empty log. */
  readonly head: string | null;
  /**
   * The chain hash (src/ledger, 64 hex digits) of the event at `head`, so that a store of the same
   * length with another history is told apart; null for an empty log or a store that keeps no
   * chain (EventStoreDB). Absent in witnesses written before it was recorded.
   */
  readonly headHash?: string | null;
  /**
   * The id of the event at the head and its full position (`commit` or `commit/prepare`): on
   * EventStoreDB, which keeps no chain hash in the log, it tells a log of the same length with
   * another history apart (a data directory restored from an older backup and written to since).
   * Null for an empty log; absent in witnesses written before it was recorded.
   */
  readonly headEvent?: WitnessedEvent | null;
  /**
   * ISO-8601 instant at which the store was last seen (the head, by the writer's clock) — never earlier
   * than the one it replaces (breaker9r P1): a writer whose clock reads before it (a clock set back, a
   * server refused CLOCK_BEHIND_LOG) writes the one it found, so no start, shutdown or tool undoes the
   * clock check by writing the witness. Only a start that accepts a clock that was ahead
   * (`clockAheadAccepted`) writes an earlier one, its own.
   */
  readonly seenAt: string;
  /**
   * True while the store is one a first start created (no store seen before it) and nothing has
   * been written to it yet: a first start that stopped before it could seed the demo (a bad
   * setting, a port taken) leaves it to the next start. Absent otherwise — for a store accepted with
   * ACCEPT_STORE_RESET, which may stand in for lost data, always.
   */
  readonly createdForFirstRun?: boolean;
  /**
   * STORE_COPY_NAME of the server (or tool) that wrote it, null when it was not set (breaker9a P7): a copy kept beside the key
   * for a place whose file is gone judges a start as the installation moved there only when it carries the start's copy name —
   * a training copy (培训) deleted with its folder is another copy, never production (正式) moved. Absent in witnesses written
   * before it was recorded (judged as before).
   */
  readonly copyName?: string | null;
  /**
   * The fingerprint (16 hex digits, see `keyFingerprint`) of the key this server signs ledger
   * checkpoints with, kept apart from the key file and the database: a key file replaced or lost
   * is noticed at the next start (`SIGNING_KEY_CHANGED`), and `ledger:verify` trusts this key, not
   * whatever key file it finds. Absent in witnesses written before it was recorded.
   */
  readonly signingKey?: string;
  /**
   * newcomer50-9 S2: keys the office signed checkpoints with before a rotation, declared at a start (LEDGER_TRUSTED_KEYS) and
   * remembered here from then on: their checkpoints, up to what each signed then, are the office's for every later check
   * without the variable. Carried by every later witness of this store. Absent when none was declared.
   */
  readonly formerKeys?: readonly FormerKey[];
  /**
   * The newest ledger checkpoint this server took or found (its number and the events it covers),
   * kept outside the store: checkpoints deleted from the file together with SQLite's counter of
   * their numbers are still missed (CHECKPOINT_MISSING), and a start on such a store is refused.
   * Null or absent before the first checkpoint (and in witnesses written before it was recorded).
   */
  readonly checkpoint?: WitnessedCheckpoint | null;
  /**
   * The highest checkpoint number given for this store, when it is above `checkpoint`'s: a start that
   * accepted an older store (ACCEPT_STORE_RESET) takes the store's newest checkpoint as `checkpoint`
   * — so later starts are not refused CHECKPOINTS_MISSING for what the operator accepted (breaker9c
   * P7) — and keeps here the numbers given before, so that a new checkpoint never takes the number
   * of one printed in a 台账校验码 and lost in the restore. Absent otherwise.
   */
  readonly checkpointNumbered?: number;
  /**
   * True once the server sealed the store's rows with the office's key (breaker9b N1, `rowSeal`):
   * from then on a row without a valid seal is not Rectify's, and the rows are never sealed afresh
   * (which would vouch for a row inserted meanwhile) — however many seals were removed from the file.
   * Absent in witnesses written before rows were sealed.
   */
  readonly sealedRows?: boolean;
  /**
   * ISO-8601 instant of the last start that accepted the store as it was (ACCEPT_STORE_RESET): a
   * ledger head statement a client hands back, signed before it for a longer log, tells of a loss
   * the operator accepted (LOST_IN_ACCEPTED_RESET), not of a rollback to refuse writes for
   * (src/ledger/domain/head-statement.ts). Absent when no start accepted this store.
   */
  readonly resetAcceptedAt?: string;
  /**
   * Every start that accepted records stamped by a clock that was ahead (`--accept-clock-ahead-records`,
   * breaker9q P4), oldest first: the clock check judges only records after the latest one's `upTo`, and
   * `ledger:verify` names each span. Carried by every later witness of this store. Absent when none did.
   */
  readonly clockAheadAccepted?: readonly ClockAheadAcceptance[];
  /**
   * Every start that accepted another copy's records with --accept-store-reset (a STORE_FROM_OTHER_COPY refusal naming
   * them), oldest first: when, and the positions taken as this copy's from then on (decimal strings). `ledger:verify`
   * names each span for good, as it names `clockAheadAccepted` (breaker42-9 script 07: after the acceptance it said only
   * 台账完好, and a later audit could not tell which records were the trainees'). Carried by every later witness of this store.
   */
  readonly otherCopyAccepted?: readonly OtherCopyAcceptance[];
  /**
   * ISO-8601 instant of the start that honoured ACCEPT_CLOCK_AHEAD_RECORDS (it accepted a span, or found
   * nothing to accept), kept until a start without the setting: a start with the setting while it is here
   * is refused `ACCEPT_CLOCK_AHEAD_RECORDS_LEFT_SET` (newcomer27 S6, `judgeClockAheadSettingLeftSet`).
   * Carried by tools' writes. Absent otherwise.
   */
  readonly clockAheadSettingUsedAt?: string;
  /**
   * The file's own numbering of events (`sqlite_sequence`, see `positionsGivenIn`) when that start
   * accepted the store: the events it numbered past the head then were lost in what the operator
   * accepted; a numbering past both the head and this number is events deleted since (breaker9h P2:
   * without it, one accepted reset turned the check off for good). Absent where no start accepted
   * this store, the store keeps no numbering (EventStoreDB), or the acceptance was written before it.
   */
  readonly numberedAtReset?: number;
  /**
   * Once a signed copy of this witness was written beside the ledger signing key
   * (key-folder-witness.ts): the place it was written for — the store's absolute path (SQLite) or
   * host (EventStoreDB) — whose copy must then be there: a start at that place that finds none —
   * the data folder restored older and this place's copy deleted, whatever other places' copies
   * are there (breaker9d P3) — is refused (`STORE_WITNESS_COPY_MISSING`). `true` in witnesses
   * written before the place was named (any copy of the store will then do, breaker9c P3), and in
   * one carried to another place (an installation copied or moved) until that place's copy is
   * written. Absent before the first copy was written (and in witnesses of older versions).
   */
  readonly keyCopy?: boolean | string;
  /**
   * In the copy beside the key (SQLite): the path the server was given for the store
   * (`SQLITE_PATH`, absolute, symbolic links not resolved), where `location` is the real file. A
   * start on the same path whose link now names another file — a backup restored by re-pointing the
   * link, or the link flipped back — is judged by this copy too when it saw the path later than that
   * file's own copy (breaker9l P3: such a start was `ready` at whatever the other file held).
   * Absent in copies written before it was recorded.
   */
  readonly servedAs?: string;
  /**
   * The SQLite file and -wal the server wrote (device, inode; the file's size in bytes), as it last
   * wrote the witness (breaker9m P3): a -wal left beside another file — a backup moved over the
   * crashed file — is moved aside before anything opens the store (stray-wal.ts). Absent for
   * EventStoreDB and in witnesses written before it was recorded.
   */
  readonly storeFile?: WitnessedStoreFile;
  /**
   * breaker9z P13: rows past `head` the last start found in the log but did not vouch for — the first of them not sealed
   * with the office's key (appended while no server watched: a forger's, its hashes computed by hand), LOG_ALTERED — as
   * positions (decimal strings): `from` the first such row, `upTo` the log's head then. The witness stays at `head`, and a
   * file that numbered events up to `upTo` is not "events deleted from its end" once they are removed (judgeCutAtEnd): the
   * server never acknowledged them. Absent when a start found none (and in witnesses written before it was recorded).
   */
  readonly unvouchedRows?: UnvouchedRows;
  /**
   * breaker42-9 F1, F5: the writer ids (`EventMetadata.writerId`, 16 hex digits) of the processes — servers, tools — that
   * appended to the store as this copy, the newest last (at most `WRITERS_KEPT`): each process records its own here,
   * durably and beside the key too, before its first append. A row past this witness's head stamped with an id it does
   * not list was written by another copy of the store (`findOtherCopyWrites`, `unknown-writers`). Absent in witnesses
   * written before writer ids were kept (nothing is judged by it then).
   */
  readonly writers?: readonly string[];
  /**
   * breaker46-9 S1 (V=a): the real places (`realPlaceOf`) of the other files of this store — same store id, another place —
   * that were there while this copy ran, as its start found them (this store's witness copies beside the key naming a place
   * whose file exists, the place the witness beside it came from), those of earlier starts at this place kept: a drill
   * copy sees production's file at production's place; an installation moved sees no file at the place it left. A data
   * folder that comes to a place this list names is that other file's copy's folder put in its place (a drill's, run under
   * production's own name), never this installation moved away and back (`whereFolderCameFrom`). Empty: none was there.
   * Absent in witnesses written before it was recorded (unknown: judged as before).
   */
  readonly otherFilesSeen?: readonly string[];
  /**
   * Ed25519 signature by the ledger signing key over the witness's other fields (canonical JSON,
   * `canonicalJson`), and the public key (JWK `x`, base64url) whose fingerprint is `signingKey`: a
   * witness edited by someone without the key (a head moved back to hide deleted events) is
   * `STORE_WITNESS_DAMAGED`. Absent in witnesses written before the key was known (a tool's, an
   * older version's).
   */
  readonly signature?: { readonly publicKey: string; readonly value: string };
}

/** See `StoreWitness.unvouchedRows`: positions (commit parts, decimal strings), `from` ≤ `upTo`. */
export interface UnvouchedRows {
  readonly from: string;
  readonly upTo: string;
}

const isUnvouchedRows = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  isDecimalOrNull((value as { from?: unknown }).from) &&
  isDecimalOrNull((value as { upTo?: unknown }).upTo) &&
  typeof (value as { from?: unknown }).from === 'string' &&
  typeof (value as { upTo?: unknown }).upTo === 'string' &&
  BigInt((value as UnvouchedRows).from) <= BigInt((value as UnvouchedRows).upTo);

export interface WitnessedCheckpoint {
  /** The checkpoint's number (1, 2, …). */
  readonly sequence: number;
  /** How many events it covers. */
  readonly treeSize: number;
}

/** What the witness signature covers: every field but the signature itself, in canonical JSON (UTF-8). */
const signedText = (witness: StoreWitness): Buffer => {
  const { signature: _signature, ...fields } = witness;
  return Buffer.from(canonicalJson(fields), 'utf8');
};

/** The witness signed with the ledger key (see `StoreWitness.signature`); its `signingKey` is that key's fingerprint. */
export function signWitness(witness: StoreWitness, key: KeyObject): StoreWitness {
  const publicKey = publicKeyText(key);
  const unsigned = { ...witness, signingKey: keyFingerprint(publicKey) };
  delete (unsigned as { signature?: unknown }).signature;
  return { ...unsigned, signature: { publicKey, value: sign(null, signedText(unsigned), key).toString('base64') } };
}

/** Whether a signed witness's signature holds under the key it names, and that key is the one its `signingKey` says. */
function signatureHolds(witness: StoreWitness): boolean {
  const signature = witness.signature!;
  try {
    if (keyFingerprint(signature.publicKey) !== witness.signingKey) return false;
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: signature.publicKey }, format: 'jwk' });
    return verify(null, signedText(witness), key, Buffer.from(signature.value, 'base64'));
  } catch {
    return false;
  }
}

const isWitnessedCheckpoint = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  (typeof value === 'object' && Number.isSafeInteger((value as WitnessedCheckpoint).sequence) && Number.isSafeInteger((value as WitnessedCheckpoint).treeSize));

const isSignature = (value: unknown): boolean =>
  value === undefined || (typeof value === 'object' && value !== null && typeof (value as { publicKey?: unknown }).publicKey === 'string' && typeof (value as { value?: unknown }).value === 'string');

export interface WitnessedEvent {
  readonly id: string;
  /** `formatPosition` of the event's position. */
  readonly position: string;
}

/** Reads back a witnessed position (see `parsePosition`). */
export const parseWitnessedPosition = parsePosition;

const isWitnessedEvent = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  (typeof value === 'object' &&
    typeof (value as WitnessedEvent).id === 'string' &&
    typeof (value as WitnessedEvent).position === 'string' &&
    parseWitnessedPosition((value as WitnessedEvent).position) !== null);

/**
 * The witness file's content, or null when there is none (the first start).
 * @throws StoreRefusedError `STORE_WITNESS_DAMAGED` when the file is there but cannot be read as a
 *   witness (cut short, edited, not JSON): the server does not guess what it last saw.
 */
export function readWitness(path: string): StoreWitness | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let witness: Partial<StoreWitness> | null;
  try {
    witness = JSON.parse(text) as Partial<StoreWitness> | null;
  } catch {
    throw witnessDamaged(path, 'it is not complete JSON', '不是完整的 JSON');
  }
  if (witness === null || typeof witness !== 'object' || Array.isArray(witness)) throw witnessDamaged(path, 'it holds no witness', '其中没有见证记录');
  const headHashReadable = witness.headHash === undefined || witness.headHash === null || typeof witness.headHash === 'string';
  const signingKeyReadable = witness.signingKey === undefined || (typeof witness.signingKey === 'string' && /^[0-9a-f]{16}$/.test(witness.signingKey));
  if (
    typeof witness.storeId !== 'string' ||
    (witness.head !== null && typeof witness.head !== 'string') ||
    !headHashReadable ||
    !isWitnessedEvent(witness.headEvent) ||
    !signingKeyReadable ||
    !isWitnessedCheckpoint(witness.checkpoint) ||
    (witness.checkpointNumbered !== undefined && !(Number.isInteger(witness.checkpointNumbered) && (witness.checkpointNumbered as number) > 0)) ||
    (witness.sealedRows !== undefined && typeof witness.sealedRows !== 'boolean') ||
    (witness.resetAcceptedAt !== undefined && typeof witness.resetAcceptedAt !== 'string') ||
    (witness.clockAheadAccepted !== undefined && !(Array.isArray(witness.clockAheadAccepted) && witness.clockAheadAccepted.every(isClockAheadAcceptance))) ||
    (witness.clockAheadSettingUsedAt !== undefined && !(typeof witness.clockAheadSettingUsedAt === 'string' && Number.isFinite(Date.parse(witness.clockAheadSettingUsedAt)))) ||
    (witness.numberedAtReset !== undefined && !(Number.isInteger(witness.numberedAtReset) && (witness.numberedAtReset as number) >= 0)) ||
    (witness.keyCopy !== undefined && typeof witness.keyCopy !== 'boolean' && typeof witness.keyCopy !== 'string') ||
    (witness.servedAs !== undefined && typeof witness.servedAs !== 'string') ||
    (witness.copyName !== undefined && witness.copyName !== null && typeof witness.copyName !== 'string') ||
    (witness.storeFile !== undefined && !isWitnessedStoreFile(witness.storeFile)) ||
    (witness.unvouchedRows !== undefined && !isUnvouchedRows(witness.unvouchedRows)) ||
    (witness.writers !== undefined && !(Array.isArray(witness.writers) && witness.writers.every(isWriterId))) ||
    (witness.otherFilesSeen !== undefined && !(Array.isArray(witness.otherFilesSeen) && witness.otherFilesSeen.every((place) => typeof place === 'string'))) ||
    (witness.otherCopyAccepted !== undefined && !(Array.isArray(witness.otherCopyAccepted) && witness.otherCopyAccepted.every(isOtherCopyAcceptance))) ||
    (witness.formerKeys !== undefined && !(Array.isArray(witness.formerKeys) && witness.formerKeys.every(isFormerKey))) ||
    !isSignature(witness.signature)
  ) {
    throw witnessDamaged(path, 'a field is missing or of the wrong kind', '缺少字段或字段类型不对');
  }
  if (witness.signature && !signatureHolds(witness as StoreWitness)) {
    throw witnessDamaged(path, 'its signature does not hold: it was edited after the server wrote it', '其签名无效：服务写入后被改动过');
  }
  return witness as StoreWitness;
}

/** Another copy's records a start accepted (`StoreWitness.otherCopyAccepted`): when (ISO-8601), and their positions (decimal strings, `from` ≤ `upTo`). */
export interface OtherCopyAcceptance {
  readonly at: string;
  readonly from: string;
  readonly upTo: string;
}

/** A `StoreWitness.otherCopyAccepted` entry as written: a readable instant, two positions. */
const isOtherCopyAcceptance = (value: unknown): boolean => {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Partial<Record<keyof OtherCopyAcceptance, unknown>>;
  return typeof entry.at === 'string' && Number.isFinite(Date.parse(entry.at)) && typeof entry.from === 'string' && /^\d+$/.test(entry.from) && typeof entry.upTo === 'string' && /^\d+$/.test(entry.upTo);
};

const isDecimalOrNull = (value: unknown): boolean => value === null || (typeof value === 'string' && /^\d+$/.test(value));
/** A `StoreWitness.clockAheadAccepted` entry as written: two readable instants, positions as decimal strings (or null), a count. */
const isClockAheadAcceptance = (value: unknown): boolean => {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Partial<Record<keyof ClockAheadAcceptance, unknown>>;
  return (
    typeof entry.at === 'string' &&
    Number.isFinite(Date.parse(entry.at)) &&
    typeof entry.newestThen === 'string' &&
    Number.isFinite(Date.parse(entry.newestThen)) &&
    isDecimalOrNull(entry.upTo) &&
    isDecimalOrNull(entry.from) &&
    Number.isSafeInteger(entry.records) &&
    (entry.records as number) >= 0
  );
};

const isNode = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && /^\d+$/.test(String((value as { device?: unknown }).device)) && /^\d+$/.test(String((value as { inode?: unknown }).inode));
/** A `StoreWitness.storeFile` as written: device and inode as decimal strings, a size, and the -wal's node or null. */
const isWitnessedStoreFile = (value: unknown): boolean =>
  isNode(value) &&
  typeof (value as { device?: unknown }).device === 'string' &&
  Number.isSafeInteger((value as { bytes?: unknown }).bytes) &&
  ((value as { wal?: unknown }).wal === null || isNode((value as { wal?: unknown }).wal));

function witnessDamaged(path: string, why: string, whyZh: string): StoreRefusedError {
  return new StoreRefusedError(
    'STORE_WITNESS_DAMAGED',
    say(
      `The store witness ${path} cannot be read (${why}), so this server cannot tell whether the store is the one it last saw. Restore the witness from a backup. ${resetOffers.witnessUnreadable.en}`,
      `事件库见证文件 ${path} 无法读取（${whyZh}），因此无法判断事件库是否为上次所见的那一个。请从备份恢复见证文件。${resetOffers.witnessUnreadable.zh}`,
    ),
    undefined,
    [resetOffers.witnessUnreadable],
  );
}

/**
 * Writes the witness so that a crash leaves the old one or the new one, never half of either: a
 * temporary file beside it (named by pid and random bytes: no other process writes it), fsynced, renamed over it — durable, and a few milliseconds on ext4
 * (the rename over a file forces its data out). Returns the file's length in bytes.
 * @throws WitnessNotWrittenError when the file cannot be written (a full disk, no permission);
 *   the temporary file is removed first.
 */
export function writeWitness(path: string, witness: StoreWitness): number {
  const text = Buffer.from(`${JSON.stringify(witness, null, 2)}\n`);
  // Its own name (breaker9i P4): servers on one shared volume in two containers are both pid 1.
  const temporary = temporaryPathFor(path);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temporary, text);
    const file = openSync(temporary, 'r');
    try {
      fsyncSync(file);
    } finally {
      closeSync(file);
    }
    renameSync(temporary, path);
    return text.length;
  } catch (error) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Its folder is gone or not a folder: there is no temporary file to remove.
    }
    throw new WitnessNotWrittenError(path, error);
  }
}

/**
 * Writes the witness over the existing file in place: no temporary file, no rename, no fsync —
 * about 0.06 ms, cheap enough before every answered append. The text is padded with spaces to the
 * file's `length`, or its size now when larger (JSON allows trailing white space), so nothing of the older text is left after
 * it. What is written survives the process being killed (the operating system holds it); only a
 * power cut before the next durable `writeWitness` can lose or tear it (a witness under one disk
 * sector is written whole by most disks). Returns the file's length in bytes.
 * @throws WitnessNotWrittenError when the file cannot be written; `code` ENOENT when it is gone.
 */
export function overwriteWitness(path: string, witness: StoreWitness, length: number): number {
  const text = `${JSON.stringify(witness, null, 2)}\n`;
  try {
    const file = openSync(path, 'r+');
    try {
      // Padded to the file as it is now too: another process (a second server, a command-line tool)
      // may have written a longer witness since, whose tail must not be left after this one's JSON.
      const padTo = Math.max(length, fstatSync(file).size);
      const bytes = Buffer.from(text.padEnd(padTo - Buffer.byteLength(text) + text.length, ' '));
      writeSync(file, bytes, 0, bytes.length, 0);
      return Math.max(padTo, bytes.length);
    } finally {
      closeSync(file);
    }
  } catch (error) {
    throw new WitnessNotWrittenError(path, error);
  }
}

/** What the store is now, as found at start. */
export interface ObservedStore {
  /** False when the SQLite file did not exist before this start opened (and so created) it. */
  readonly existed: boolean;
  readonly identity: StoreIdentity;
  readonly head: bigint | null;
  /**
   * The chain hash (hex) of the store's event at the witnessed head position, null when it has no
   * event there; undefined when the store cannot tell (no chain kept) or there was no witnessed head.
   */
  readonly hashAtWitnessedHead?: string | null;
  /** True when `hashAtWitnessedHead` is null because the event there carries no ledger hashes (not because there is none). */
  readonly unhashedAtWitnessedHead?: boolean;
  /**
   * The id of the store's event at the witnessed head event's position, null when it has none
   * there; undefined when no head event was witnessed.
   */
  readonly eventIdAtWitnessedHead?: string | null;
  /** The store opened (SQLITE_PATH, or the EventStoreDB host), named in refusals; the witness's `location` when absent. */
  readonly location?: string;
  /** Where the SQLite file's own -wal stops checksumming (`walBreak`), null or absent when it does not (or there is none). */
  readonly walBreak?: WalBreak | null;
}

export type StoreRefusalReason =
  | 'STORE_MISSING'
  | 'STORE_NOT_FOUND'
  | 'STORE_EMPTY'
  | 'STORE_REPLACED'
  | 'STORE_SHORTER'
  | 'STORE_REWRITTEN'
  /** The store holds records another copy of it (another STORE_COPY_NAME) wrote, or its witness is that copy's (other-copy-writes.ts, breaker41-9 P1). */
  | 'STORE_FROM_OTHER_COPY'
  | 'LOG_HOLE'
  | 'CHECKPOINTS_MISSING'
  | 'STORE_DAMAGED'
  | 'STORE_WITNESS_DAMAGED'
  | 'STORE_WITNESS_COPY_MISSING'
  /** The witness beside the data is gone while its copy beside the key (written at most once a second) is here (breaker49-9 S1). */
  | 'STORE_WITNESS_MISSING'
  /** STORE_WITNESS_PATH holds the witness of another SQLite file still there (a drill given production's witness by .env, breaker49-9 S7). */
  | 'STORE_WITNESS_OF_OTHER_FILE'
  | 'SIGNING_KEY_CHANGED'
  | 'STORE_UNWITNESSED'
  | 'STORE_WITNESS_UNWRITABLE'
  | 'LOG_UNSEALED'
  | 'ROWS_AFTER_KEY_ROTATION'
  | 'KEY_DIFFERS_FROM_LIVE_SERVER'
  | 'COPY_NAME_DIFFERS_FROM_LIVE_SERVER'
  | 'STORE_LOCKED'
  | 'STORE_REPLACED_UNDER_LIVE_SERVER'
  | 'STORE_FILES_GONE_UNDER_LIVE_SERVER'
  | 'STORE_FILE_HAS_OTHER_NAMES'
  | 'CLOCK_BEHIND_LOG'
  | 'ACCEPT_CLOCK_AHEAD_RECORDS_LEFT_SET'
  | 'ACCEPT_STORE_RESET_LEFT_SET'
  | 'STORE_FOLDER_READ_ONLY'
  | 'STORE_FILE_READ_ONLY'
  | 'NOT_AN_EVENT_STORE';

/** The server will not start on a store it does not recognise, unless told to accept it. */
export class StoreRefusedError extends Error {
  readonly messageZh: string;
  constructor(
    readonly reason: StoreRefusalReason,
    message: Bilingual,
    /** STORE_FROM_OTHER_COPY: the positions (commit parts) of the other copy's records, when the refusal names them (`otherCopyRefusal`). */
    readonly otherCopyRows?: { readonly first: bigint; readonly last: bigint },
    /**
     * The parts of `message` that tell the operator to start with --accept-store-reset (or ACCEPT_STORE_RESET=true), each
     * as it stands in both texts: a start that already has the setting, used before, leaves them out (newcomer45-9 M5: it
     * told the operator to set what was set, then to remove it). Keep them when notes are added to the message.
     */
    readonly resetOffers: readonly Bilingual[] = [],
  ) {
    super(message.en);
    this.messageZh = message.zh;
    this.name = 'StoreRefusedError';
  }
}

/**
 * The generic "restore from a backup" advice of judgeStore's refusals; exported so a refusal can name a copy that holds everything before it (newcomer54-9 M1).
 * breaker56-9 S1: it says to put back only the store file and keep the data folder's own witness — the one record written
 * before every answer. The backup's witness put over it (as this advice once said) left only the copy beside the key, written
 * at most once a second, so a backup taken within that second of a kill started `ready` without the writes acknowledged after it.
 */
export const RESTORE = say(
  "If the data was lost, stop here and restore the store from a backup: put the backup's rectify.db in place (a store:backup copy has no -wal; a copy of the data folder, the .db with its -wal if it has one) and keep the data folder's own witness as it is — never copy the backup's witness over it: it is older, and the data folder's is the only record of the writes acknowledged in the last second before the server stopped. A backup that lacks some of them is refused again, naming them, until the loss is accepted.",
  '若数据确已丢失，请先停止并从备份恢复事件库：把备份中的 rectify.db 放回原处（store:backup 的备份没有 -wal 文件；整个数据文件夹的副本则连同其 -wal 文件（如有）一起放回），数据文件夹中原有的见证文件保持不动——切勿用备份中的见证文件覆盖它：备份中的较旧，而原有的见证文件是服务停止前最后一秒内已确认写入的唯一记录。备份缺少其中的记录时，启动会再次被拒绝并指出缺少的位置，直到明确接受这一损失。',
);

/**
 * newcomer57-9 M4: what a refusal of a missing store says before any restore advice: the store may have been moved to another
 * folder or machine (README, Operations, "Moving to a new machine or folder": its step 1 renames the old data folder), and a
 * backup restored at the old place would then be a second live copy the new place never hears of.
 */
export const MOVED = say(
  'If this store was moved to another folder or machine (README, "Moving, upgrading, rolling back", "Moving to a new machine or folder"; its step 1 renames the old data folder), this is the old place: do not restore a backup here and do not accept a reset — that makes a second live copy the new place never hears of. Stop this server, disable its service unit or script, and use the server at the new place.',
  '若该事件库已迁移到别的文件夹或机器（见 README「Moving, upgrading, rolling back」中的「Moving to a new machine or folder」，其第 1 步会把旧的数据文件夹改名），这里就是旧位置：请勿在此恢复备份，也不要接受重置——那会产生第二个正在使用的副本，新位置对其一无所知。请停止本服务，停用其服务单元或脚本，改用新位置上的服务。',
);

/** The way on with the store as it is, for a store that holds records (`resetOffers`). */
const GO_ON = resetOffers.goOn;
const startEmpty = resetOffers.startEmpty;

/**
 * A store that holds events where no witness is: the witness is what would tell that events were
 * removed from its end (with the checkpoints and counters that covered them), so a store nobody
 * witnessed is not taken silently. Null when there is nothing to refuse (a witness, or no events).
 * @param head the store's head position (commit part), null for an empty log.
 */
export function judgeUnwitnessed(witness: StoreWitness | null, place: { location: string; witnessPath: string }, head: bigint | null): StoreRefusedError | null {
  if (witness || head === null) return null;
  return new StoreRefusedError(
    'STORE_UNWITNESSED',
    say(
      `The event store at ${place.location} holds events up to position ${head}, but there is no store witness at ${place.witnessPath}: this server cannot tell whether events were removed from its end (a witness deleted with them hides that). If the witness is elsewhere, set STORE_WITNESS_PATH to it. ${resetOffers.unwitnessed.en}`,
      `位于 ${place.location} 的事件库已有事件（至位置 ${head}），但 ${place.witnessPath} 处没有事件库见证文件：无法判断其末尾的事件是否被删除（连同见证文件一起删除即可掩盖）。若见证文件在别处，请将 STORE_WITNESS_PATH 设为该文件。${resetOffers.unwitnessed.zh}`,
    ),
    undefined,
    [resetOffers.unwitnessed],
  );
}

/**
 * Whether the store found at start is the one last seen: null when it is (or when nothing was
 * seen before), else the refusal. Pure; the rules of issue 9: a store that is missing, empty,
 * shorter than last seen, has another id, or whose event at the witnessed head has another chain
 * hash or another id than the one seen (a same-length store with another history) is refused.
 */
export function judgeStore(witness: StoreWitness | null, observed: ObservedStore): StoreRefusedError | null {
  if (!witness) return null;
  // The file opened is named (breaker9c P10); where the witness saw the store, only when elsewhere
  // (a copy of the folder, a moved installation: the copy beside the key keeps an absolute path).
  const at = observed.location ?? witness.location;
  const elsewhere = observed.location !== undefined && resolve(observed.location) !== resolve(witness.location);
  const seen = `store ${witness.storeId} with its log at position ${witness.head ?? 'none'} (seen ${witness.seenAt}${elsewhere ? ` at ${witness.location}` : ''})`;
  const seenZh = `事件库 ${witness.storeId}，日志位置 ${witness.head ?? '无'}（${officeInstantZh(witness.seenAt)}${elsewhere ? `，见于 ${witness.location}` : ''}）`;
  const refuse = (reason: StoreRefusalReason, en: string, zh: string, offer: Bilingual = GO_ON) =>
    new StoreRefusedError(reason, say(`${en} ${RESTORE.en} ${offer.en}`, `${zh}${RESTORE.zh}${offer.zh}`), undefined, [offer]);
  if (!observed.existed) {
    // newcomer57-9 M4: the old place started after a move (its data folder renamed, as the README's move says) was only
    // told to restore a backup there — the one thing that makes a second live copy. The move is said first.
    return refuse('STORE_MISSING', `The event store at ${at} is missing; this server last saw ${seen} there. ${MOVED.en}`, `位于 ${at} 的事件库不存在；本服务上次看到的是${seenZh}。${MOVED.zh}`, startEmpty(true, witness.head));
  }
  if (observed.head === null && witness.head !== null) {
    return refuse('STORE_EMPTY', `The event store at ${at} is empty; this server last saw ${seen} there.`, `位于 ${at} 的事件库是空的；本服务上次看到的是${seenZh}。`, startEmpty(false, witness.head));
  }
  if (observed.identity.storeId !== witness.storeId && witness.head !== null && typeof witness.headHash === 'string' && observed.hashAtWitnessedHead === witness.headHash && (observed.head ?? 0n) >= BigInt(witness.head)) {
    // breaker45-9 M2: only the id row changed — the log is the one seen, event for event up to the witnessed head (its chain
    // hash covers every event before it): not a store put in its place, and a backup would lose what was written since.
    const putBack = `sqlite3 ${at} "UPDATE store_identity SET store_id = '${witness.storeId}'"`;
    return new StoreRefusedError(
      'STORE_REPLACED',
      say(
        `The event store at ${at} names itself store ${observed.identity.storeId} in its identity row (store_identity), but its log is the one this server last saw as ${seen}: the event at position ${witness.head} has the chain hash seen then (${witness.headHash}), which covers every event before it. Only the id row was changed (by hand or by a program), not the store replaced — do not restore a backup over it (it would lose what was written after the backup). Stop every server on the file, keep a copy of its folder (cp -a), put the id back with ${putBack} and start again; run npm run ledger:verify to see that nothing else was changed.`,
        `位于 ${at} 的事件库在其标识记录（store_identity）中的事件库标识已不是原来的，但其事件日志正是本服务上次看到的${seenZh}：位置 ${witness.head} 的事件的哈希链校验值与当时看到的相同（${witness.headHash}），该哈希涵盖此前的每一条事件。只是标识记录被改动（手工或其他程序），事件库并没有被替换——请勿用备份覆盖它（会丢失备份之后写入的内容）。请停止使用该文件的所有服务，先复制保留其所在文件夹（cp -a），再运行 ${putBack} 改回标识，然后重新启动；并运行台账校验（npm run ledger:verify）确认其余内容未被改动。`,
      ),
    );
  }
  if (observed.identity.storeId !== witness.storeId) {
    return refuse(
      'STORE_REPLACED',
      `The event store at ${at} is store ${observed.identity.storeId} (created ${observed.identity.createdAt}), not the ${seen} — it was replaced.`,
      `位于 ${at} 的事件库是 ${observed.identity.storeId}（创建于 ${officeInstantZh(observed.identity.createdAt)}），不是本服务上次看到的${seenZh}——它已被替换。`,
    );
  }
  if (witness.head !== null && (observed.head ?? 0n) < BigInt(witness.head) && observed.walBreak) {
    return walBrokenRefusal(at, witness, observed.head, observed.walBreak);
  }
  if (witness.head !== null && (observed.head ?? 0n) < BigInt(witness.head)) {
    return refuse(
      'STORE_SHORTER',
      `The event store at ${at} ends at position ${String(observed.head)}, before position ${witness.head} that this server last saw (${witness.seenAt}): acknowledged events are missing (the file or its -wal file restored from an older copy, truncated or deleted?).`,
      `位于 ${at} 的事件库止于位置 ${String(observed.head)}，早于本服务上次看到的位置 ${witness.head}（${officeInstantZh(witness.seenAt)}）：已确认写入的事件缺失（文件或其 -wal 文件被旧副本覆盖、截断或删除？）。`,
    );
  }
  if (typeof witness.headHash === 'string' && observed.hashAtWitnessedHead !== undefined && observed.hashAtWitnessedHead !== witness.headHash) {
    // An event there without hashes is not "no event" (breaker9b N9: hashes nulled in every row read so).
    const found =
      observed.hashAtWitnessedHead !== null
        ? `has an event with chain hash ${observed.hashAtWitnessedHead} there`
        : observed.unhashedAtWitnessedHead
          ? 'has an event there that carries no ledger hashes (they were removed, or no Rectify process wrote it)'
          : 'has no event there';
    const foundZh =
      observed.hashAtWitnessedHead !== null
        ? `该位置事件的哈希链校验值为 ${observed.hashAtWitnessedHead}`
        : observed.unhashedAtWitnessedHead
          ? '该位置的事件没有台账哈希（哈希被删除，或并非 Rectify 写入）'
          : '该位置没有事件';
    return refuse(
      'STORE_REWRITTEN',
      `The event store at ${at} has another history than the one this server last saw: at position ${witness.head} this server saw the event with chain hash ${witness.headHash} (${witness.seenAt}), but the store ${found} (an older copy written to since, or history rewritten?).`,
      `位于 ${at} 的事件库的历史与本服务上次看到的不同：本服务在位置 ${witness.head} 看到的事件的哈希链校验值为 ${witness.headHash}（${officeInstantZh(witness.seenAt)}），而现在${foundZh}（旧副本被恢复后又写入，或历史被改写？）。`,
    );
  }
  if (witness.headEvent && observed.eventIdAtWitnessedHead !== undefined && observed.eventIdAtWitnessedHead !== witness.headEvent.id) {
    const found = observed.eventIdAtWitnessedHead === null ? 'has no event there' : `has event ${observed.eventIdAtWitnessedHead} there`;
    const foundZh = observed.eventIdAtWitnessedHead === null ? '该位置没有事件' : `该位置是事件 ${observed.eventIdAtWitnessedHead}`;
    return refuse(
      'STORE_REWRITTEN',
      `The event store at ${at} has another history than the one this server last saw: at position ${witness.headEvent.position} this server saw event ${witness.headEvent.id} (${witness.seenAt}), but the store ${found} (an older copy written to since, or history rewritten?).`,
      `位于 ${at} 的事件库的历史与本服务上次看到的不同：本服务在位置 ${witness.headEvent.position} 看到的是事件 ${witness.headEvent.id}（${officeInstantZh(witness.seenAt)}），而现在${foundZh}（旧副本被恢复后又写入，或历史被改写？）。`,
    );
  }
  return null;
}

/** What an accepting start names the copy of a damaged -wal it keeps (`<file>-wal.damaged-<UTC instant>`, store-admission.ts `keepDamagedWal`). */
export const DAMAGED_WAL_COPY = '-wal.damaged-';
/** The words by which a refusal says the -wal's damage itself (`walBrokenRefusal`), so that no note says it again. */
export const WAL_DAMAGE_SAID = 'because its -wal file is damaged';

/**
 * breaker45-9 S1: a store shorter than its witness because its own -wal is damaged from a frame on (`WalBreak`), not a
 * .db rolled back: said so, what the -wal still holds, that nothing was changed, where help is, and that an accepting
 * start keeps a copy of the -wal before SQLite checkpoints it (it once deleted 177 acknowledged events with it).
 */
function walBrokenRefusal(at: string, witness: StoreWitness, head: bigint | null, damage: WalBreak): StoreRefusedError {
  const ends = head === null ? 'holds no event' : `ends at position ${head}`;
  const endsZh = head === null ? '一条事件都没有' : `止于位置 ${head}`;
  const offer = resetOffers.damagedWal(`${at}${DAMAGED_WAL_COPY}<instant>`);
  return new StoreRefusedError(
    'STORE_SHORTER',
    say(
      `The event store at ${at} ${ends}, before position ${witness.head} that this server last saw (${witness.seenAt}), ${WAL_DAMAGE_SAID} — the .db was not rolled back to an older copy. The -wal beside it (${at}-wal) is the file's own, but from frame ${damage.brokenFrame} of its ${damage.frames} frames on its checksums fail (a damaged disk block, or a copy or sync gone wrong), so SQLite reads only the ${damage.readFrames} frames before; the ${damage.unreadFrames} frames from there on, ${damage.unreadCommits} committed write(s) — the acknowledged events past what SQLite reads — are still in the -wal, unread. This start left the .db and the -wal as they were: do not delete the -wal, and do not restore a backup over them (it lacks what was written after it). Stop every server on the file, keep a copy of the data folder (cp -a), and get help recovering the frames past the break (README, Reliability, "When the server refuses to start", a damaged -wal; sqlite3 .recover does not read past the break either). ${offer.en}`,
      `位于 ${at} 的事件库${endsZh}，早于本服务上次看到的位置 ${witness.head}（${officeInstantZh(witness.seenAt)}），原因是其 -wal 文件损坏——并不是 .db 被旧副本覆盖。其旁的 -wal 文件（${at}-wal）是该 .db 自己的，但从第 ${damage.brokenFrame} 帧起（共 ${damage.frames} 帧）校验和不符（磁盘坏块，或复制、同步出错），SQLite 只读取此前的 ${damage.readFrames} 帧；此后的 ${damage.unreadFrames} 帧、${damage.unreadCommits} 次已提交的写入——SQLite 读不到的已确认写入的事件——仍在该 -wal 中。本次启动未改动 .db 和 -wal：请勿删除该 -wal，也不要用备份覆盖它们（备份缺少其后写入的内容）。请停止使用该文件的所有服务，先复制保留数据文件夹（cp -a），再寻求帮助恢复断点之后的帧（见 README「Reliability」中「When the server refuses to start」关于 -wal 损坏的一条；sqlite3 的 .recover 同样读不到断点之后）。${offer.zh}`,
    ),
    undefined,
    [offer],
  );
}

/**
 * The key the store's records say checkpoints were last signed with: the fingerprint the witness
 * keeps, or — where the witness names none (written by an older version, or the field removed) — the
 * key of the store's newest signed checkpoint, so that a witness stripped of its fingerprint does not
 * let any key in.
 */
export type SigningKeyOnRecord =
  | { readonly fingerprint: string; readonly source: 'witness' }
  | { readonly fingerprint: string; readonly source: 'checkpoint'; readonly sequence: number };

/**
 * Whether the key configured now may sign for the store: null when it may (no key on record yet,
 * the same key, or a rotation the operator declared by listing the old key in LEDGER_TRUSTED_KEYS),
 * else the refusal `SIGNING_KEY_CHANGED` naming both keys (or the missing key file) and the way out.
 * @param configured the fingerprint of the key in the key file; null when there is no key file
 *   (checked before one would be generated, so a refused start leaves none behind).
 */
export function judgeSigningKey(
  onRecord: SigningKeyOnRecord | undefined,
  configured: string | null,
  trustedKeys: readonly string[],
  keyPath: string,
  retired: readonly FormerKey[] = [],
): StoreRefusedError | null {
  if (onRecord === undefined || onRecord.fingerprint === configured || trustedKeys.includes(onRecord.fingerprint)) return null;
  const witnessed = onRecord.fingerprint;
  // newcomer53-9 M3: a key the office itself retired (its witnesses beside the key list it as a former key of the key in use):
  // the store predates that rotation — a backup's restore drill, say. 「请从备份恢复密钥」 into the shared keys folder would
  // break production's next start.
  const former = configured === null ? undefined : retired.find((key) => key.fingerprint === witnessed);
  if (former) {
    return new StoreRefusedError(
      'SIGNING_KEY_CHANGED',
      say(
        `The ledger signing key ${keyPath} is key ${configured}, but this store was last signed with key ${witnessed}, which this office retired in a key rotation (declared ${former.declaredAt}; the witnesses beside the key list it as a former key): the store predates that rotation — a backup taken before it. Do not touch the keys folder (the server in use signs with ${configured}). To start on this copy (a restore drill, or this backup put in place), add LEDGER_TRUSTED_KEYS=${witnessed} to that start's command line (e.g. LEDGER_TRUSTED_KEYS=${witnessed} SQLITE_PATH=… npm start), and start again.`,
        `台账签名密钥 ${keyPath} 是密钥 ${configured}，但本事件库上次由密钥 ${witnessed} 签署，而该密钥已在本单位的一次密钥更换中停用（声明于 ${officeInstantZh(former.declaredAt)}；密钥旁的见证文件将其列为旧密钥）：本事件库早于那次更换——是更换之前的备份。请勿改动 keys 文件夹（正在使用的服务以 ${configured} 签署）。如要在此副本上启动（恢复演练，或把该备份放回使用），请在该次启动的命令行上加上 LEDGER_TRUSTED_KEYS=${witnessed}（例如 LEDGER_TRUSTED_KEYS=${witnessed} SQLITE_PATH=… npm start），然后重新启动。`,
      ),
    );
  }
  const found = configured === null ? `There is no ledger signing key at ${keyPath}` : `The ledger signing key ${keyPath} is key ${configured}`;
  const foundZh = configured === null ? `${keyPath} 处没有台账签名密钥` : `台账签名密钥 ${keyPath} 是密钥 ${configured}`;
  const last =
    onRecord.source === 'witness'
      ? say(`this server last signed checkpoints with key ${witnessed}`, `本服务上次签署校验点使用的是密钥 ${witnessed}`)
      : say(
          `the store's newest checkpoint (#${onRecord.sequence}) is signed by key ${witnessed}, and the store witness names no key (written by an older version, or its fingerprint removed)`,
          `事件库最新的校验点（第 ${onRecord.sequence} 个）由密钥 ${witnessed} 签署，而事件库见证文件中没有记录密钥（由旧版本写入，或密钥指纹被删除）`,
        );
  const cause = configured === null ? say('the key file was lost or moved', '密钥文件已丢失或被移走') : say('the key file was replaced or lost', '密钥文件已被替换或丢失');
  return new StoreRefusedError(
    'SIGNING_KEY_CHANGED',
    say(
      `${found}, but ${last.en}: ${cause.en}, and checkpoints signed with another key would vouch for whatever the store holds. Restore the key from its backup; after a deliberate key rotation (or a key lost for good), list the old key in LEDGER_TRUSTED_KEYS=${witnessed} so its checkpoints still verify, and start again${configured === null ? ' (a new key is then generated)' : ''}.`,
      `${foundZh}，但${last.zh}：${cause.zh}，用别的密钥签署的校验点无法证明事件库未被改动。请从备份恢复密钥；若是有意更换密钥（或旧密钥已确实丢失），请把旧密钥列入 LEDGER_TRUSTED_KEYS=${witnessed}，使其签署的校验点仍可校验，然后重新启动${configured === null ? '（届时将生成新密钥）' : ''}。`,
    ),
  );
}

/**
 * The store witness could not be written: at start the server does not go on (`STORE_WITNESS_UNWRITABLE`,
 * exit 3); while it runs, writes are refused until it can be written again (StoreHealth
 * `WITNESS_NOT_WRITTEN`). `code` is the system's error code (`ENOSPC`, `EACCES` …).
 */
export class WitnessNotWrittenError extends StoreRefusedError {
  readonly code: string;
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    const code = String((cause as { code?: unknown } | null)?.code ?? (cause instanceof Error ? cause.message : cause));
    super('STORE_WITNESS_UNWRITABLE', witnessNotWrittenMessage(path, code));
    this.code = code;
    this.name = 'WitnessNotWrittenError';
  }
}

/** Why the witness could not be written, in words: a full disk is named as one. */
export function witnessNotWrittenMessage(path: string, code: string): Bilingual {
  const why = code === 'ENOSPC' || code === 'EDQUOT' ? say('the disk holding it is full', '其所在磁盘已满') : say(`the system answered ${code}`, '系统拒绝写入（具体原因见服务器日志）');
  return say(
    `The store witness ${path} cannot be written (${why.en}): without it a crash could lose acknowledged writes unnoticed, so nothing is recorded until it can be written again. Free at least 1 MB on that disk (or let the server write the file), then start the server again or retry the write.`,
    `事件库见证文件 ${path} 无法写入（${why.zh}）：没有它，崩溃后丢失已确认写入的操作将无从察觉，因此在它能再次写入之前不记录任何操作。请在该磁盘上腾出至少 1 MB 空间（或允许服务写入该文件），然后重新启动服务或重试该操作。`,
  );
}

/**
 * What the operator is told while the copy of the store witness beside the signing key cannot be
 * written (breaker9d P6: a read-only key folder turned the copy off with one English log line, and
 * a data folder restored older then started silently): in the log once, and in /health `notices`
 * (KEY_SIDE_WITNESS_UNWRITABLE) for as long as it lasts.
 */
export function keptCopyUnwritable(path: string, why: string): Bilingual {
  return say(
    `The copy of the store witness beside the ledger signing key, ${path}, cannot be written (${why}): until it can, a data folder restored from an older backup, witness included, is not noticed at the next start. Let the server write the key's folder (a key volume mounted read-only, as secrets often are, cannot hold it), or point STORE_WITNESS_PATH at a writable volume apart from the data.`,
    `与台账签名密钥存放在一起的事件库见证副本 ${path} 无法写入（${why}）：在它能写入之前，若数据文件夹（连同见证文件）被旧备份恢复，下次启动时将无从察觉。请允许服务写入密钥所在的文件夹（以只读方式挂载的密钥卷——密钥常被这样挂载——无法存放副本），或把 STORE_WITNESS_PATH 设到数据之外的可写卷上。`,
  );
}
