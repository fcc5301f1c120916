import { comparePositions, parsePosition, type Position } from '../../event-store/event-store.port.js';
import { say, type Bilingual } from '../../shared/domain-error.js';
import { checkpointAlteration, keyFingerprint, ledgerCode, type PrintedLedgerCode, type SignedCheckpoint } from './checkpoint.js';
import { GENESIS_CHAIN_HASH, chainHash, eventLeafHash, sealHolds, type HashedEventContent } from './event-chain.js';
import { MerkleFrontier } from './merkle.js';
import { PrintedCodeReader, type PrintedCodeAnswer } from './printed-code-answers.js';
import { officeInstantZh } from '../../shared/calendar-date.js';
import { signerTrusted, type FormerKey } from './former-keys.js';

/**
 * Recomputes the ledger from the events themselves and compares it with what the store keeps: each
 * event's hashes and every checkpoint. A fold over the log in global order, pure apart from hashing.
 */

/** One event of the log as the store keeps it, with the hashes stored beside it. */
export interface LedgerEntry {
  /** Global position, as `formatPosition` prints it. */
  readonly position: string;
  readonly eventId: string;
  /** The hashed content, or null when the stored row cannot be read as an event (damaged JSON). */
  readonly content: HashedEventContent | null;
  readonly storedLeafHash: Buffer | null;
  readonly storedChainHash: Buffer | null;
  /** The stored row seal (`rowSeal`, SQLite); null or absent when the row has none. */
  readonly storedSeal?: Buffer | null;
  /**
   * Where the hashes are kept apart from the event (EventStoreDB), the id of the event they were
   * computed for: another id means events were removed or moved in between.
   */
  readonly chainedEventId?: string;
  /**
   * Where positions are numbered without gaps (SQLite: 1, 2, 3 …), the positions missing between the row before and this
   * one (`first`–`last`, as `formatPosition` prints them): rows deleted from the log (breaker9y P1). Absent when none are.
   */
  readonly missingBefore?: { readonly first: string; readonly last: string };
}

export const MismatchKinds = [
  'UNREADABLE',
  'CONTENT_CHANGED',
  'CHAIN_BROKEN',
  'CHECKPOINT_SIGNATURE',
  'CHECKPOINT_MISMATCH',
  'LOG_TRUNCATED',
  'HEAD_REWRITTEN',
  'CHECKPOINT_MISSING',
  'STORE_REPLACED',
  'STORE_FILE_MISSING',
  'WITNESS_DAMAGED',
  'CHECKPOINT_FOREIGN_KEY',
  'NOT_HASHED',
  'NOT_SEALED',
  'PRINTED_CODE_MISMATCH',
  'STORE_FROM_OTHER_COPY',
] as const;

export type MismatchKind =
  /** The stored row cannot be read as an event. */
  | 'UNREADABLE'
  /** The event's content no longer matches its own hash: it was changed after it was recorded. */
  | 'CONTENT_CHANGED'
  /** The row carries no ledger hashes at all: no Rectify process wrote it (every append hashes its events); it was inserted by hand. */
  | 'NOT_HASHED'
  /**
   * The row's hashes hold, but its seal does not under the office's key (breaker9b N1): someone
   * inserted or rewrote it with the public hashes computed by hand; no Rectify process holding the key wrote it.
   */
  | 'NOT_SEALED'
  /** The content matches its hash, but the chain does not lead to it: an event before it was removed or moved, or hashes were rewritten. */
  | 'CHAIN_BROKEN'
  /** A checkpoint's signature does not verify, or its body says something else than its fields. */
  | 'CHECKPOINT_SIGNATURE'
  /** The log recomputed up to a checkpoint's size gives another root or chain hash than the checkpoint signed. */
  | 'CHECKPOINT_MISMATCH'
  /**
   * The log ends before a head it is known to have reached: a checkpoint covers more events than
   * it holds, or a record kept apart from the events (the store witness, the store's own
   * numbering, the request index) saw a later position. Events at its end were removed.
   */
  | 'LOG_TRUNCATED'
  /** The event at a position the store witness saw is another one (another chain hash or id), or gone. */
  | 'HEAD_REWRITTEN'
  /** Checkpoint numbers are missing (a gap, or the newest ones): checkpoint rows were deleted. */
  | 'CHECKPOINT_MISSING'
  /**
   * The store witness saw another store at this place, or the server's store file was replaced
   * under it while it runs: the database was replaced by another one.
   */
  | 'STORE_REPLACED'
  /** The store file (or its write-ahead log) was deleted under the running server: nothing at the path to verify. */
  | 'STORE_FILE_MISSING'
  /** The store witness is there but cannot be read: what it saw cannot be compared. */
  | 'WITNESS_DAMAGED'
  /** A checkpoint's signature holds, but by a key the office does not trust: someone else signed it. */
  | 'CHECKPOINT_FOREIGN_KEY'
  /**
   * The first N events recomputed from their content give another root than a 台账校验码 the office
   * printed for N events (`LedgerExpectations.printedCodes`, breaker9y P10): they were changed,
   * removed or reordered since it was printed — even when every hash kept in the store was rewritten
   * to match and the checkpoints removed.
   */
  | 'PRINTED_CODE_MISMATCH'
  /**
   * The log holds records another copy of the store wrote (another STORE_COPY_NAME: a training, staging or drill copy
   * put in this copy's place), or the witness beside it is that copy's (breaker41-9 P1, `findOtherCopyWrites`): its rows
   * chain and are sealed with the office's key, but they are not this copy's records.
   */
  | 'STORE_FROM_OTHER_COPY';

export interface LedgerMismatch {
  readonly kind: MismatchKind;
  /** 1-based number of the event in global order where the mismatch shows. */
  readonly eventNumber: number;
  /** Its global position; null when the log ends before it. */
  readonly position: string | null;
  readonly eventId: string | null;
  /** The checkpoint concerned, for the CHECKPOINT_ and LOG_ kinds. */
  readonly checkpointTreeSize: number | null;
  /**
   * For LOG_TRUNCATED, and CHAIN_BROKEN over rows deleted from the middle (SQLite, breaker9y P1): the missing events lie after `missingAfter` (the last position left; null
   * when none is) up to `missingUpTo` (the furthest position known to have been reached).
   */
  readonly missingAfter?: string | null;
  readonly missingUpTo?: string | null;
  /** For CHECKPOINT_MISSING: the checkpoints were lost in the restore an operator accepted at this instant (ACCEPT_STORE_RESET). */
  readonly acceptedResetAt?: string;
  /** What was found, in English. */
  readonly message: string;
  /** The same, in Chinese. */
  readonly messageZh: string;
}

export interface LedgerVerificationResult {
  readonly ok: boolean;
  readonly eventsChecked: number;
  readonly checkpointsChecked: number;
  /** Chain hash of the last event, recomputed (hex); the genesis hash for an empty log. */
  readonly headChainHash: string;
  readonly headPosition: string | null;
  readonly firstMismatch: LedgerMismatch | null;
  /** Fingerprints of the keys that signed the checkpoints (see keyFingerprint). */
  readonly signingKeys: readonly string[];
  /** Checkpoints lost in an accepted restore whose losses were acknowledged (`LedgerExpectations.resetAcknowledged`); absent when none. */
  readonly acknowledgedLosses?: readonly LedgerMismatch[];
  /** How many of `LedgerExpectations.printedCodes` the recomputed log matched (a code for 0 events never counts: see `printedCodesOfNoEvents`). */
  readonly printedCodesChecked: number;
  /**
   * The printed codes given that are the code of 0 events (`0-E3B0C442-…`, the RFC 6962 root of nothing, breaker9z P8):
   * every store gives it, another office's included, so it checks nothing — neither counted in `printedCodesChecked`
   * nor called a match. Empty when none was given.
   */
  readonly printedCodesOfNoEvents: readonly string[];
  /**
   * Each printed code given (but the code of 0 events), in the order given, with its own answer (newcomer46-9 S1): compared
   * with the first N events recomputed from their content whatever else was found — a row found altered first, another
   * code not matching — or said why it could not be (`PrintedCodeAnswer`).
   */
  readonly printedCodeAnswers: readonly PrintedCodeAnswer[];
  /**
   * The 台账校验码 of the events checked, recomputed from their content (`ledgerCode` of their RFC 6962
   * root): what a printed code for that many events must read. Compares by eye with one printed then.
   * Null when nothing could be verified (the store file gone under the server, unreadable).
   */
  readonly headLedgerCode: string | null;
}

/**
 * A head the log is known to have reached, from a record kept apart from its events: the store
 * witness (a file outside the database), the store's own numbering (SQLite's AUTOINCREMENT
 * high-water mark, which deleting rows does not lower), the request index (rows naming the
 * position their request's events were written at). The log must still reach it, with the same
 * event there where that is known.
 */
export interface HeadSeen {
  /** Global position, as `formatPosition` prints it. */
  readonly position: string;
  /** Chain hash (64 hex digits) of the event there, when known. */
  readonly chainHash?: string | null;
  /** Id of the event there, when known. */
  readonly eventId?: string | null;
  /** Who saw it, for the message: e.g. "the store witness ./data/rectify.db.witness.json (seen …)". */
  readonly seenBy: Bilingual;
}

/** What verification compares the log with besides its own hashes and checkpoints. */
export interface LedgerExpectations {
  readonly headsSeen?: readonly HeadSeen[];
  /**
   * The highest checkpoint number the store ever gave (SQLite's AUTOINCREMENT high-water mark);
   * null or absent when not known. Checkpoints kept below it must be numbered 1, 2, … without gaps.
   */
  readonly checkpointNumbersGiven?: number | null;
  /**
   * Fingerprints of the keys the office signs with (the current key and LEDGER_TRUSTED_KEYS); a
   * checkpoint signed by any other key is `CHECKPOINT_FOREIGN_KEY`. Absent: any key is taken.
   */
  readonly trustedKeys?: readonly string[] | null;
  /**
   * newcomer50-9 S2: the office's former keys the store witness remembers (`StoreWitness.formerKeys`): a checkpoint one of them
   * signed, over no more events than it signed before the rotation, is the office's too. Only read with `trustedKeys`.
   */
  readonly formerKeys?: readonly FormerKey[];
  /**
   * The office's row-seal key (`LedgerKeys.rowSealKey`) when the store's rows are sealed: each
   * row's seal must then hold (`NOT_SEALED`). Absent: seals are not checked (no key at hand, or a
   * store sealed by no version yet).
   */
  readonly sealKey?: Buffer | null;
  /**
   * ISO-8601 instant of the last start that accepted the store as it was (ACCEPT_STORE_RESET, the
   * witness's `resetAcceptedAt`): checkpoints missing across it were lost in the restore the operator
   * accepted, not deleted from the store — still named (the audit must see them), but said so
   * (breaker9c P7 rest). Absent or null: no reset was accepted.
   */
  readonly resetAcceptedAt?: string | null;
  /**
   * The operator acknowledged what that accepted reset lost (`ledger:verify --acknowledge-reset=<resetAcceptedAt>`,
   * breaker9x S3: every later run exited 1 for a restore the office had accepted, so a scheduled check never cleared):
   * checkpoints lost across it are listed in `acknowledgedLosses` — still named, every run — instead of failing it. Any
   * other gap, and anything else, still fails.
   */
  readonly resetAcknowledged?: boolean;
  /**
   * 台账校验码 an office printed (its annual report; `parseLedgerCode`), given by whoever verifies
   * (breaker9y P10): the root of the first `treeSize` events, recomputed from their content, must equal
   * each — the check a printed code exists for, which holds where the store's own checkpoints and hashes
   * were rewritten or removed. A code covering more events than the log holds is `LOG_TRUNCATED`.
   */
  readonly printedCodes?: readonly PrintedLedgerCode[];
  /** What stops the comparison with the store witness: it saw another store, or cannot be read; or the log holds another copy's records (the witnesses say so). */
  readonly witnessProblem?: {
    readonly kind: 'STORE_REPLACED' | 'WITNESS_DAMAGED' | 'STORE_FROM_OTHER_COPY';
    readonly message: Bilingual;
    /** The first event the problem concerns (its 1-based number in global order, which is its SQLite position): another copy's first record (breaker42-9 F8); absent: the log as a whole (event 1). */
    readonly firstEvent?: number;
  } | null;
}

/** A checkpoint as verification reads it; `sequence` (1, 2, …) when the store numbers them. */
export type VerifiedCheckpoint = SignedCheckpoint & { readonly sequence?: number };

interface PendingHead extends HeadSeen {
  readonly at: Position;
}

/** Feeds entries in log order; stops at the first mismatch. */
export class LedgerVerifier {
  private readonly frontier = new MerkleFrontier();
  private chain = GENESIS_CHAIN_HASH;
  private lastPosition: string | null = null;
  private mismatch: LedgerMismatch | null = null;
  private checkpointsChecked = 0;
  private readonly signers: string[] = [];
  private readonly pending: VerifiedCheckpoint[];
  private readonly headsSeen: PendingHead[];
  private readonly numbering: LedgerMismatch | null;
  private readonly acknowledgedLosses: readonly LedgerMismatch[];
  private readonly witnessProblem: LedgerMismatch | null;
  private readonly trustedKeys: readonly string[] | null;
  private readonly formerKeys: readonly FormerKey[];
  private readonly sealKey: Buffer | null;
  private readonly printedCodes: PrintedCodeReader;
  private readonly printedCodesOfNoEvents: readonly string[];

  constructor(checkpoints: readonly VerifiedCheckpoint[], expected: LedgerExpectations = {}) {
    this.pending = [...checkpoints].sort((a, b) => a.treeSize - b.treeSize);
    this.headsSeen = (expected.headsSeen ?? [])
      .flatMap((head) => {
        const at = parsePosition(head.position);
        return at ? [{ ...head, at }] : [];
      })
      .sort((a, b) => comparePositions(a.at, b.at));
    const numbering = checkpointNumbering(checkpoints, expected.checkpointNumbersGiven ?? null, expected.resetAcceptedAt ?? null, expected.resetAcknowledged === true);
    this.numbering = numbering.mismatch;
    this.acknowledgedLosses = numbering.acknowledged;
    this.trustedKeys = expected.trustedKeys ? [...new Set(expected.trustedKeys)] : null;
    this.formerKeys = expected.formerKeys ?? [];
    this.sealKey = expected.sealKey ?? null;
    // breaker9z P8: the code of 0 events vouches for nothing; one for 0 events with another root is still compared (and fails).
    const noEvents = ledgerCode({ treeSize: 0, rootHash: new MerkleFrontier().root() });
    const given = expected.printedCodes ?? [];
    this.printedCodesOfNoEvents = given.filter((printed) => printed.treeSize === 0 && printed.code === noEvents).map((printed) => printed.code);
    this.printedCodes = new PrintedCodeReader(
      given.filter((printed) => !(printed.treeSize === 0 && printed.code === noEvents)),
      checkpoints,
    );
    const problem = expected.witnessProblem;
    this.witnessProblem = problem
      ? { kind: problem.kind, eventNumber: problem.firstEvent ?? 1, position: problem.firstEvent === undefined ? null : String(problem.firstEvent), eventId: null, checkpointTreeSize: null, message: problem.message.en, messageZh: problem.message.zh }
      : null;
    this.checkCheckpointsAt(0, null, null);
  }

  get failed(): boolean {
    return this.mismatch !== null;
  }

  /**
   * Checks the next event; returns false once nothing more is learned from later entries: a mismatch was found and no
   * printed code is still to be compared (each is answered whatever was found before it: newcomer46-9 S1).
   */
  check(entry: LedgerEntry): boolean {
    if (this.printedCodes.wanted) this.printedCodes.feed(entry.content ? eventLeafHash(entry.content) : null, entry.position);
    if (!this.mismatch) this.checkEntry(entry);
    return !this.mismatch || this.printedCodes.wanted;
  }

  private checkEntry(entry: LedgerEntry): boolean {
    const number = this.frontier.size + 1;
    const at = { eventNumber: number, position: entry.position, eventId: entry.eventId, checkpointTreeSize: null };
    if (!entry.content) {
      return this.fail({ ...at, kind: 'UNREADABLE', message: `Event ${number} (position ${entry.position}) cannot be read: its stored content is damaged.`, messageZh: `第 ${number} 条事件（位置 ${entry.position}）无法读取：存储内容已损坏。` });
    }
    const chainBroken = (): false =>
      this.fail({ ...at, kind: 'CHAIN_BROKEN', message: `The chain breaks at event ${number} (position ${entry.position}): an event before it was removed or moved, or the hashes were rewritten.`, messageZh: `哈希链在第 ${number} 条事件（位置 ${entry.position}）处断开：其前的事件被删除或调换，或哈希被改写。` });
    if (entry.chainedEventId !== undefined && entry.chainedEventId !== entry.eventId) return chainBroken();
    const here = parsePosition(entry.position);
    // A head seen before this position and not met: the event the witness saw there is gone.
    const passed = here && this.headsSeen[0] && comparePositions(this.headsSeen[0].at, here) < 0 ? this.headsSeen.shift()! : null;
    if (passed) return this.fail(headRewritten(passed, null, number, at));
    // breaker9y P1: the first altered position is the first one missing, not the row after it (nor the request-index row that names it).
    if (entry.missingBefore) {
      const { first, last } = entry.missingBefore;
      const missing = first === last ? first : `${first}–${last}`;
      return this.fail({
        ...at,
        kind: 'CHAIN_BROKEN',
        message: `The chain breaks at event ${number} (position ${entry.position}): the events at position ${missing} before it are missing — they were deleted from the log.`,
        messageZh: `哈希链在第 ${number} 条事件（位置 ${entry.position}）处断开：其前位置 ${missing} 的事件缺失——已从日志中删除。`,
        missingAfter: BigInt(first) > 1n ? String(BigInt(first) - 1n) : null,
        missingUpTo: last,
      });
    }
    if (!entry.storedLeafHash && !entry.storedChainHash) {
      return this.fail({
        ...at,
        kind: 'NOT_HASHED',
        message: `Event ${number} (position ${entry.position}) carries no ledger hashes: no Rectify process wrote it (every append hashes its events); it was inserted into the store file by hand.`,
        messageZh: `第 ${number} 条事件（位置 ${entry.position}）没有台账哈希：并非 Rectify 写入（每次写入都会计算哈希），是有人直接插入事件库文件的。`,
      });
    }
    const leaf = eventLeafHash(entry.content);
    if (!entry.storedLeafHash || !leaf.equals(entry.storedLeafHash)) {
      return this.fail({ ...at, kind: 'CONTENT_CHANGED', message: `Event ${number} (position ${entry.position}) was changed after it was recorded: its content no longer matches its hash.`, messageZh: `第 ${number} 条事件（位置 ${entry.position}）在记录后被修改：内容与其哈希不符。` });
    }
    const chain = chainHash(this.chain, leaf);
    if (!entry.storedChainHash || !chain.equals(entry.storedChainHash)) return chainBroken();
    if (this.sealKey && !sealHolds(this.sealKey, leaf, chain, entry.storedSeal ?? null)) {
      return this.fail({
        ...at,
        kind: 'NOT_SEALED',
        message: `Event ${number} (position ${entry.position}) is not sealed with the office's ledger key: its hashes were computed by someone who does not hold the key — no Rectify process wrote it; it was inserted or rewritten in the store file.`,
        messageZh: `第 ${number} 条事件（位置 ${entry.position}）没有本单位台账密钥的封印：其哈希是不持有密钥的人自行计算的——并非 Rectify 写入，是有人在事件库文件中插入或改写的。`,
      });
    }
    // newcomer46-9 S2: another copy's records, named where they begin — before a head this copy's witness saw further on
    // (that head is not in the file because the other copy's records stand there: not HEAD_REWRITTEN).
    if (this.witnessProblem?.kind === 'STORE_FROM_OTHER_COPY' && this.witnessProblem.position !== null && number === this.witnessProblem.eventNumber) return this.fail(this.witnessProblem);
    this.chain = chain;
    this.frontier.append(leaf);
    this.lastPosition = entry.position;
    while (here && this.headsSeen[0] && comparePositions(this.headsSeen[0].at, here) === 0) {
      const seen = this.headsSeen.shift()!;
      const otherHash = typeof seen.chainHash === 'string' && seen.chainHash !== chain.toString('hex');
      const otherEvent = typeof seen.eventId === 'string' && seen.eventId !== entry.eventId;
      if (otherHash || otherEvent) return this.fail(headRewritten(seen, { eventId: entry.eventId, chainHash: chain.toString('hex') }, number, at));
    }
    return this.checkCheckpointsAt(number, entry.position, entry.eventId);
  }

  /**
   * After the last entry: a checkpoint beyond the end of the log, or a head seen past it, means
   * events were removed at its end (the furthest one names the missing range); then a witness that
   * could not be compared; then the checkpoints' numbering must have no gaps.
   */
  finish(): LedgerVerificationResult {
    if (!this.mismatch) this.checkTruncation();
    const printedCodeAnswers = this.printedCodes.answers();
    // A code covering more events than the log holds: the events after its end were removed since it was printed (or its count miscopied).
    const beyond = printedCodeAnswers.filter((answer) => answer.verdict === 'BEYOND_END').sort((a, b) => b.treeSize - a.treeSize)[0];
    if (!this.mismatch && beyond) {
      this.fail({ kind: 'LOG_TRUNCATED', eventNumber: this.frontier.size + 1, position: null, eventId: null, checkpointTreeSize: beyond.treeSize, missingAfter: this.lastPosition, missingUpTo: null, message: beyond.message, messageZh: beyond.messageZh });
    }
    if (!this.mismatch && this.witnessProblem) this.fail(this.witnessProblem);
    if (!this.mismatch && this.numbering) this.fail(this.numbering);
    if (!this.mismatch && this.printedMismatch) this.fail(this.printedMismatch);
    return {
      ok: this.mismatch === null,
      eventsChecked: this.frontier.size,
      checkpointsChecked: this.checkpointsChecked,
      headChainHash: this.chain.toString('hex'),
      headPosition: this.lastPosition,
      firstMismatch: this.mismatch,
      signingKeys: [...new Set(this.signers.map(keyFingerprint))],
      ...(this.acknowledgedLosses.length > 0 ? { acknowledgedLosses: this.acknowledgedLosses } : {}),
      printedCodesChecked: printedCodeAnswers.filter((answer) => answer.verdict === 'MATCHES').length,
      printedCodeAnswers,
      printedCodesOfNoEvents: this.printedCodesOfNoEvents,
      headLedgerCode: ledgerCode({ treeSize: this.frontier.size, rootHash: this.frontier.root() }),
    };
  }

  private checkTruncation(): void {
    const size = this.frontier.size;
    const beyondCheckpoints = this.pending.map((checkpoint): HeadSeen & { checkpoint: VerifiedCheckpoint } => ({
      position: checkpoint.headPosition,
      checkpoint,
      seenBy: say(
        `checkpoint${checkpoint.sequence ? ` ${checkpoint.sequence}` : ''} taken at ${checkpoint.takenAt} (covering ${checkpoint.treeSize} events)`,
        `${officeInstantZh(checkpoint.takenAt)}的校验点${checkpoint.sequence ? ` ${checkpoint.sequence}` : ''}（涵盖 ${checkpoint.treeSize} 条事件）`,
      ),
    }));
    const evidence = [...beyondCheckpoints, ...this.headsSeen];
    if (evidence.length === 0) return;
    const at = (head: HeadSeen) => parsePosition(head.position) ?? { commit: 0n, prepare: 0n };
    const furthest = evidence.reduce((best, head) => (comparePositions(at(head), at(best)) > 0 ? head : best));
    const checkpoint = 'checkpoint' in furthest ? (furthest.checkpoint as VerifiedCheckpoint) : (beyondCheckpoints[0]?.checkpoint ?? null);
    const last = this.lastPosition;
    const range = rangeAfter(last, furthest.position);
    this.fail({
      kind: 'LOG_TRUNCATED',
      eventNumber: size + 1,
      position: null,
      eventId: null,
      checkpointTreeSize: checkpoint?.treeSize ?? null,
      missingAfter: last,
      missingUpTo: furthest.position,
      message: `The log ends after ${size} events${last ? ` at position ${last}` : ''}, but ${furthest.seenBy.en} shows it reached position ${furthest.position}: ${range.en} ${range.en.startsWith('the event at') ? 'was' : 'were'} removed.`,
      messageZh: `台账只有 ${size} 条事件${last ? `，止于位置 ${last}` : ''}，但${furthest.seenBy.zh}显示它曾到达位置 ${furthest.position}：${range.zh}已被删除。`,
    });
  }

  private checkCheckpointsAt(size: number, position: string | null, eventId: string | null): boolean {
    const differing = this.printedCodes.differingAt(size);
    // newcomer50-9 M4: a printed code that differs (most often miscopied) is answered, and the ledger itself is still checked
    // to its end: it is the finding only when nothing in the log is (`finish`).
    if (differing && !this.printedMismatch) {
      this.printedMismatch = { kind: 'PRINTED_CODE_MISMATCH', eventNumber: size, position, eventId, checkpointTreeSize: size, message: differing.message, messageZh: differing.messageZh };
    }
    while (this.pending[0] && this.pending[0].treeSize === size) {
      const checkpoint = this.pending.shift()!;
      const at = { eventNumber: size, position, eventId, checkpointTreeSize: size };
      const code = ledgerCode(checkpoint);
      // Named by its number, with what was signed beside what is stored (breaker9a P3: the forged date was quoted as the checkpoint's).
      const alteration = checkpointAlteration(checkpoint);
      if (alteration) return this.fail({ ...at, kind: 'CHECKPOINT_SIGNATURE', message: alteration.en, messageZh: alteration.zh });
      const signer = keyFingerprint(checkpoint.publicKey);
      if (this.trustedKeys && !signerTrusted(signer, checkpoint.treeSize, this.trustedKeys, this.formerKeys)) {
        const trusted = [...this.trustedKeys, ...this.formerKeys.map((key) => key.fingerprint)].filter((key, index, all) => all.indexOf(key) === index);
        // newcomer50-9 S2: a former key of the office's signing past what it signed before its rotation is named as such.
        const former = this.formerKeys.find((key) => key.fingerprint === signer);
        const beyond = former
          ? say(
              ` Key ${signer} is a former key of this office, trusted only for checkpoints of up to ${former.upToEvents} events (what it signed before the office replaced it): this one was signed after, by whoever still holds that key.`,
              `密钥 ${signer} 是本单位已停用的旧密钥，只对其停用前签署的校验点（至多 ${former.upToEvents} 条事件）予以信任：本校验点是此后由仍持有该旧密钥的人签署的。`,
            )
          : say(
              ` If key ${signer} is the office's own former key (the key file lost or replaced, and the rotation declared before this version remembered it), start the server once with LEDGER_TRUSTED_KEYS=${signer}: it then remembers the key for the checkpoints it signed.`,
              `如密钥 ${signer} 确是本单位此前使用的密钥（密钥文件丢失或更换，且更换发生在本版本开始记住旧密钥之前），请设置 LEDGER_TRUSTED_KEYS=${signer} 启动服务一次：此后即记住该密钥所签署的校验点。`,
            );
        return this.fail({
          ...at,
          kind: 'CHECKPOINT_FOREIGN_KEY',
          message: `The checkpoint of ${size} events taken at ${checkpoint.takenAt} is signed by key ${signer}, which is not a key this office signs with (${trusted.join(', ')}): someone else signed it — the log up to it may have been rewritten and re-signed.${beyond.en}`,
          messageZh: `${officeInstantZh(checkpoint.takenAt)}的校验点（${size} 条事件）由密钥 ${signer} 签名，不是本单位使用的签名密钥（${trusted.join('、')}）：该校验点可能由他人签署，此前的台账可能被改写后重新签名。${beyond.zh}`,
        });
      }
      this.signers.push(checkpoint.publicKey);
      if (!checkpoint.rootHash.equals(this.frontier.root()) || !checkpoint.chainHash.equals(this.chain)) {
        return this.fail({
          ...at,
          kind: 'CHECKPOINT_MISMATCH',
          message: `The log up to event ${size}${position ? ` (position ${position})` : ''} does not give the checkpoint ${code} taken at ${checkpoint.takenAt}: events up to there were changed, removed or reordered and their hashes rewritten.`,
          messageZh: `截至第 ${size} 条事件${position ? `（位置 ${position}）` : ''}的台账与${officeInstantZh(checkpoint.takenAt)}的台账校验码 ${code} 不符：此前的事件被修改、删除或调换，且哈希被改写。`,
        });
      }
      this.checkpointsChecked += 1;
    }
    return true;
  }

  /** The first printed code found differing (`checkCheckpointsAt`): the finding after the log's own, if any (`finish`). */
  private printedMismatch: LedgerMismatch | null = null;

  private fail(mismatch: LedgerMismatch): false {
    this.mismatch = mismatch;
    return false;
  }
}

/** The missing events in words: positions 9 to 12 where positions are plain numbers, else "the events after … up to …". */
function rangeAfter(last: string | null, upTo: string): Bilingual {
  const plain = /^\d+$/;
  if ((last === null || plain.test(last)) && plain.test(upTo)) {
    const from = (last === null ? 0n : BigInt(last)) + 1n;
    const to = BigInt(upTo);
    return from === to ? say(`the event at position ${to}`, `位置 ${to} 的事件`) : say(`the events at positions ${from} to ${to}`, `位置 ${from} 至 ${to} 的事件`);
  }
  return say(`the events after position ${last ?? 'the start'} up to position ${upTo}`, `位置 ${last ?? '起点'} 之后直至位置 ${upTo} 的事件`);
}

function headRewritten(
  seen: HeadSeen,
  found: { eventId: string; chainHash: string } | null,
  eventNumber: number,
  at: Pick<LedgerMismatch, 'position' | 'eventId'>,
): LedgerMismatch {
  const saw = seen.eventId ? `event ${seen.eventId}` : `the event with chain hash ${seen.chainHash}`;
  const sawZh = seen.eventId ? `事件 ${seen.eventId}` : `链哈希为 ${seen.chainHash} 的事件`;
  const now = found ? say(`the log has event ${found.eventId} (chain hash ${found.chainHash}) there`, `现在该位置是事件 ${found.eventId}（链哈希 ${found.chainHash}）`) : say('the log has no event there', '现在该位置没有事件');
  return {
    kind: 'HEAD_REWRITTEN',
    eventNumber,
    position: at.position,
    eventId: at.eventId,
    checkpointTreeSize: null,
    message: `At position ${seen.position} ${seen.seenBy.en} saw ${saw}, but ${now.en}: the log was rewritten or replaced by another copy since.`,
    messageZh: `${seen.seenBy.zh}在位置 ${seen.position} 看到的是${sawZh}，但${now.zh}：台账此后被改写，或被另一副本替换。`,
  };
}

/**
 * Checkpoints are numbered 1, 2, … in the order taken; a number missing below the highest kept, or
 * above it up to the highest the store ever gave, is a deleted checkpoint. Null when the numbering
 * holds or the checkpoints carry no numbers.
 */
function checkpointNumbering(
  checkpoints: readonly VerifiedCheckpoint[],
  given: number | null,
  resetAcceptedAt: string | null,
  /** The losses of the accepted reset were acknowledged: its gaps go to `acknowledged`, and the numbering is read on past them. */
  resetAcknowledged = false,
): { readonly mismatch: LedgerMismatch | null; readonly acknowledged: readonly LedgerMismatch[] } {
  const acknowledged: LedgerMismatch[] = [];
  const numbered = checkpoints.filter((checkpoint) => checkpoint.sequence !== undefined).sort((a, b) => a.sequence! - b.sequence!);
  if (numbered.length === 0 && !given) return { mismatch: null, acknowledged };
  let previous: VerifiedCheckpoint | null = null;
  for (const checkpoint of [...numbered, null]) {
    const expected = (previous?.sequence ?? 0) + 1;
    const next = checkpoint?.sequence ?? (given !== null && given >= expected ? given + 1 : expected);
    if (next > expected) {
      const missing =
        next - 1 === expected ? say(`Checkpoint ${expected} is missing`, `校验点 ${expected} 缺失`) : say(`Checkpoints ${expected}–${next - 1} are missing`, `校验点 ${expected}–${next - 1} 缺失`);
      // Where the gap lies: after a kept checkpoint, before the oldest kept one, or none kept at all (breaker9 F18).
      const kept = previous
        ? say(` after checkpoint ${previous.sequence} (taken at ${previous.takenAt}, covering ${previous.treeSize} events)`, `（在校验点 ${previous.sequence}（${officeInstantZh(previous.takenAt)}，涵盖 ${previous.treeSize} 条事件）之后）`)
        : checkpoint
          ? say(` before checkpoint ${checkpoint.sequence}, the oldest kept`, `（在留存的最早校验点 ${checkpoint.sequence} 之前）`)
          : say(' (none is kept)', '（一个都没有留存）');
      const newest = checkpoint === null;
      // Taken after the kept one before the gap and before the next kept one, across an accepted reset: lost in the restore the operator accepted.
      const lostInReset = resetAcceptedAt !== null && (previous?.takenAt ?? '') <= resetAcceptedAt && (checkpoint === null || checkpoint.takenAt >= resetAcceptedAt);
      const where = {
        kind: 'CHECKPOINT_MISSING',
        eventNumber: (previous?.treeSize ?? 0) + 1,
        position: null,
        eventId: null,
        checkpointTreeSize: previous?.treeSize ?? null,
      } as const;
      if (lostInReset) {
        const since = previous ? say(` after checkpoint ${previous.sequence}`, `校验点 ${previous.sequence} 之后`) : say('', '');
        const lost: LedgerMismatch = {
          ...where,
          acceptedResetAt: resetAcceptedAt,
          message: `${missing.en}${kept.en}: lost in the restore from an older backup that an operator accepted on ${resetAcceptedAt} (ACCEPT_STORE_RESET) — taken before it, they are not in the store restored, and the events they covered${since.en} may be missing too (compare the printed 台账校验码).`,
          messageZh: `${missing.zh}${kept.zh}：系管理员于${officeInstantZh(resetAcceptedAt)}接受从较早备份恢复的事件库（ACCEPT_STORE_RESET）时丢失——这些校验点生成于恢复之前，不在恢复后的事件库中，其涵盖的${since.zh}事件也可能缺失（请与打印的台账校验码核对）。`,
        };
        if (!resetAcknowledged) return { mismatch: lost, acknowledged };
        acknowledged.push(lost);
      } else {
        return {
          mismatch: {
            ...where,
            message: `${missing.en}${kept.en}: ${newest ? `the store numbered checkpoints up to ${given}, so the newest were deleted — and the events they covered may have been removed with them (compare the printed 台账校验码)` : `checkpoint ${checkpoint.sequence} follows it, so its row was deleted`}.`,
            messageZh: `${missing.zh}${kept.zh}：${newest ? `事件库已编号至校验点 ${given}，最新的校验点被删除，其涵盖的事件可能也一并被删除（请与打印的台账校验码核对）` : `其后仍有校验点 ${checkpoint.sequence}，说明该校验点记录被删除`}。`,
          },
          acknowledged,
        };
      }
    }
    previous = checkpoint;
  }
  return { mismatch: null, acknowledged };
}
