import { checkpointSignatureHolds, keyFingerprint, ledgerCode, type SignedCheckpoint } from './checkpoint.js';
import { GENESIS_CHAIN_HASH, chainHash, eventLeafHash, type HashedEventContent } from './event-chain.js';
import { MerkleFrontier } from './merkle.js';

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
  /**
   * Where the hashes are kept apart from the event (EventStoreDB), the id of the event they were
   * computed for: another id means events were removed or moved in between.
   */
  readonly chainedEventId?: string;
}

export const MismatchKinds = ['UNREADABLE', 'CONTENT_CHANGED', 'CHAIN_BROKEN', 'CHECKPOINT_SIGNATURE', 'CHECKPOINT_MISMATCH', 'LOG_TRUNCATED'] as const;

export type MismatchKind =
  /** The stored row cannot be read as an event. */
  | 'UNREADABLE'
  /** The event's content no longer matches its own hash: it was changed after it was recorded. */
  | 'CONTENT_CHANGED'
  /** The content matches its hash, but the chain does not lead to it: an event before it was removed or moved, or hashes were rewritten. */
  | 'CHAIN_BROKEN'
  /** A checkpoint's signature does not verify, or its body says something else than its fields. */
  | 'CHECKPOINT_SIGNATURE'
  /** The log recomputed up to a checkpoint's size gives another root or chain hash than the checkpoint signed. */
  | 'CHECKPOINT_MISMATCH'
  /** A checkpoint covers more events than the log holds: events at its end were removed. */
  | 'LOG_TRUNCATED';

export interface LedgerMismatch {
  readonly kind: MismatchKind;
  /** 1-based number of the event in global order where the mismatch shows. */
  readonly eventNumber: number;
  /** Its global position; null when the log ends before it. */
  readonly position: string | null;
  readonly eventId: string | null;
  /** The checkpoint concerned, for the CHECKPOINT_ and LOG_ kinds. */
  readonly checkpointTreeSize: number | null;
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
}

/** Feeds entries in log order; stops at the first mismatch. */
export class LedgerVerifier {
  private readonly frontier = new MerkleFrontier();
  private chain = GENESIS_CHAIN_HASH;
  private lastPosition: string | null = null;
  private mismatch: LedgerMismatch | null = null;
  private checkpointsChecked = 0;
  private readonly signers: string[] = [];
  private readonly pending: SignedCheckpoint[];

  constructor(checkpoints: readonly SignedCheckpoint[]) {
    this.pending = [...checkpoints].sort((a, b) => a.treeSize - b.treeSize);
    this.checkCheckpointsAt(0, null, null);
  }

  get failed(): boolean {
    return this.mismatch !== null;
  }

  /** Checks the next event; returns false once a mismatch is found (later entries are ignored). */
  check(entry: LedgerEntry): boolean {
    if (this.mismatch) return false;
    const number = this.frontier.size + 1;
    const at = { eventNumber: number, position: entry.position, eventId: entry.eventId, checkpointTreeSize: null };
    if (!entry.content) {
      return this.fail({ ...at, kind: 'UNREADABLE', message: `Event ${number} (position ${entry.position}) cannot be read: its stored content is damaged.`, messageZh: `第 ${number} 条事件（位置 ${entry.position}）无法读取：存储内容已损坏。` });
    }
    const chainBroken = (): false =>
      this.fail({ ...at, kind: 'CHAIN_BROKEN', message: `The chain breaks at event ${number} (position ${entry.position}): an event before it was removed or moved, or the hashes were rewritten.`, messageZh: `哈希链在第 ${number} 条事件（位置 ${entry.position}）处断开：其前的事件被删除或调换，或哈希被改写。` });
    if (entry.chainedEventId !== undefined && entry.chainedEventId !== entry.eventId) return chainBroken();
    const leaf = eventLeafHash(entry.content);
    if (!entry.storedLeafHash || !leaf.equals(entry.storedLeafHash)) {
      return this.fail({ ...at, kind: 'CONTENT_CHANGED', message: `Event ${number} (position ${entry.position}) was changed after it was recorded: its content no longer matches its hash.`, messageZh: `第 ${number} 条事件（位置 ${entry.position}）在记录后被修改：内容与其哈希不符。` });
    }
    const chain = chainHash(this.chain, leaf);
    if (!entry.storedChainHash || !chain.equals(entry.storedChainHash)) return chainBroken();
    this.chain = chain;
    this.frontier.append(leaf);
    this.lastPosition = entry.position;
    return this.checkCheckpointsAt(number, entry.position, entry.eventId);
  }

  /** After the last entry: checkpoints beyond the end of the log mean events were removed at its end. */
  finish(): LedgerVerificationResult {
    const beyond = this.pending[0];
    if (!this.mismatch && beyond) {
      const size = this.frontier.size;
      this.fail({
        kind: 'LOG_TRUNCATED',
        eventNumber: size + 1,
        position: null,
        eventId: null,
        checkpointTreeSize: beyond.treeSize,
        message: `The log ends after ${size} events, but a checkpoint taken at ${beyond.takenAt} covers ${beyond.treeSize}: events after position ${this.lastPosition ?? 'the start'} were removed.`,
        messageZh: `台账只有 ${size} 条事件，但 ${beyond.takenAt} 的校验点涵盖 ${beyond.treeSize} 条：位置 ${this.lastPosition ?? '起点'} 之后的事件被删除。`,
      });
    }
    return {
      ok: this.mismatch === null,
      eventsChecked: this.frontier.size,
      checkpointsChecked: this.checkpointsChecked,
      headChainHash: this.chain.toString('hex'),
      headPosition: this.lastPosition,
      firstMismatch: this.mismatch,
      signingKeys: [...new Set(this.signers.map(keyFingerprint))],
    };
  }

  private checkCheckpointsAt(size: number, position: string | null, eventId: string | null): boolean {
    while (this.pending[0] && this.pending[0].treeSize === size) {
      const checkpoint = this.pending.shift()!;
      const at = { eventNumber: size, position, eventId, checkpointTreeSize: size };
      const code = ledgerCode(checkpoint);
      if (!checkpointSignatureHolds(checkpoint)) {
        return this.fail({ ...at, kind: 'CHECKPOINT_SIGNATURE', message: `The checkpoint of ${size} events taken at ${checkpoint.takenAt} has a signature that does not verify.`, messageZh: `${checkpoint.takenAt} 的校验点（${size} 条事件）签名无效。` });
      }
      this.signers.push(checkpoint.publicKey);
      if (!checkpoint.rootHash.equals(this.frontier.root()) || !checkpoint.chainHash.equals(this.chain)) {
        return this.fail({
          ...at,
          kind: 'CHECKPOINT_MISMATCH',
          message: `The log up to event ${size}${position ? ` (position ${position})` : ''} does not give the checkpoint ${code} taken at ${checkpoint.takenAt}: events up to there were changed, removed or reordered and their hashes rewritten.`,
          messageZh: `截至第 ${size} 条事件${position ? `（位置 ${position}）` : ''}的台账与 ${checkpoint.takenAt} 的台账校验码 ${code} 不符：此前的事件被修改、删除或调换，且哈希被改写。`,
        });
      }
      this.checkpointsChecked += 1;
    }
    return true;
  }

  private fail(mismatch: LedgerMismatch): false {
    this.mismatch = mismatch;
    return false;
  }
}
