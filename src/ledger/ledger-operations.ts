import type { KeyObject } from 'node:crypto';
import { signerTrusted, type FormerKey } from './domain/former-keys.js';
import { DomainError, say, type Bilingual } from '../shared/domain-error.js';
import { officeInstantZh } from '../shared/calendar-date.js';
import { slicer } from '../shared/event-loop-turns.js';
import { checkpointSignatureHolds, keyFingerprint, ledgerCode, publicKeyText, signCheckpoint } from './domain/checkpoint.js';
import { GENESIS_CHAIN_HASH, chainHash, eventLeafHash, sealHolds } from './domain/event-chain.js';
import { redactCredentials } from './domain/event-redaction.js';
import { LedgerVerifier, type LedgerEntry, type LedgerExpectations, type LedgerVerificationResult } from './domain/ledger-verification.js';
import { inclusionProof, merkleRoot, rootFromInclusionProof } from './domain/merkle.js';
import type { LedgerBackend, StoredCheckpoint } from './ledger.port.js';
import { comparePositions, parsePosition } from '../event-store/event-store.port.js';

/**
 * What the server (GraphQL) and `npm run ledger:verify` do with a ledger: verify it, take a
 * checkpoint, prove one event's inclusion. They differ only in the backend they pass.
 */

/**
 * Recomputes the chain and every checkpoint from the events and names the first mismatch; O(n) in
 * the log. Also compares the log with what survives apart from its rows: the store's own records
 * (`ownRecords`) and `outside`, what was seen from outside the store (the store witness, read by
 * the caller before this is called). `pause` is awaited after each event: by default it gives the
 * event loop back every SLICE_MS (breaker12e P6: 100k events held every request 14 s).
 */
export async function verifyLedger(backend: LedgerBackend, outside: LedgerExpectations = {}, pause: () => Promise<void> = slicer()): Promise<LedgerVerificationResult> {
  await backend.catchUp?.();
  const own = (await backend.ownRecords?.()) ?? {};
  const verifier = new LedgerVerifier(await backend.checkpoints(), {
    ...outside,
    headsSeen: [...(outside.headsSeen ?? []), ...(own.headsSeen ?? [])],
    checkpointNumbersGiven: Math.max(outside.checkpointNumbersGiven ?? 0, own.checkpointNumbersGiven ?? 0) || null,
  });
  for await (const entry of backend.entries()) {
    if (!verifier.check(entry)) break;
    await pause();
  }
  return verifier.finish();
}

/**
 * Signs the head as stored and keeps it. When nothing was appended since the latest checkpoint and that one is signed
 * by `key`, it is answered instead: taking a checkpoint twice is harmless, so it needs no idempotency key. A head the
 * latest checkpoint covers under another key (the office's former key, right after a key rotation) is signed anew by
 * `key`, so the office can file a checkpoint of its new key at once (newcomer54-9 M6); the code printed is the same,
 * being the head's (tree size and root).
 */
export async function takeCheckpoint(
  backend: LedgerBackend,
  key: KeyObject,
  now: Date,
  numberAtLeast?: number,
  sealKey: Buffer | null = null,
  /** Fingerprints of the keys the office signs with (this key's and LEDGER_TRUSTED_KEYS): the latest checkpoint must be signed by one. Absent: not checked. */
  trustedKeys?: readonly string[],
  /** The office's former keys the store witness remembers (newcomer50-9 S2): the latest checkpoint may be one of theirs, within what each signed. */
  formerKeys: readonly FormerKey[] = [],
): Promise<{ checkpoint: StoredCheckpoint; taken: boolean }> {
  await backend.catchUp?.();
  const head = await backend.head();
  const latest = await backend.latestCheckpoint();
  if (latest && latest.treeSize === head.treeSize && latest.rootHash.equals(head.rootHash) && latest.publicKey === publicKeyText(key)) return { checkpoint: latest, taken: false };
  // breaker9y P4: the latest checkpoint as the office signed it, not its stored fields — a root written into the table
  // stood in for the signed one, and the rows it "covered" were rewritten with their leaf hashes recomputed.
  if (latest && (!checkpointSignatureHolds(latest) || (trustedKeys && !signerTrusted(keyFingerprint(latest.publicKey), latest.treeSize, trustedKeys, formerKeys)))) throw notAsSigned(latest);
  // breaker9y P1: the rows since it still follow one another — a row deleted from the middle, or two swapped, left every
  // seal and leaf hash in place, and a checkpoint was signed over the cut log.
  if (latest) await requireChainedAfter(backend, latest.headPosition, latest.chainHash);
  else await requireChainedAfter(backend, '', GENESIS_CHAIN_HASH);
  // Only what Rectify wrote is signed for (breaker9x P4: a row rewritten with its public hashes recomputed got a signed
  // 台账校验码): every row since the latest checkpoint must carry its seal and match its leaf hash.
  if (sealKey) {
    // …and the rows the latest checkpoint covers are still the ones it signed (a row before it rewritten with its hashes
    // recomputed changes their root): O(rows) leaf hashes read and hashed, once an hour by default (LEDGER_CHECKPOINT_MINUTES).
    if (latest && !merkleRoot(await backend.leafHashes(latest.treeSize)).equals(latest.rootHash)) throw changedSince(latest);
    await requireSealedAfter(backend, latest?.headPosition ?? '', sealKey);
  }
  const signed = signCheckpoint({ ...head, takenAt: now.toISOString() }, key);
  const kept = await backend.saveCheckpoint(signed, numberAtLeast);
  // Another process on the store kept one of this head a moment before: that one is the answer (SQLite).
  return { checkpoint: kept, taken: kept.body === signed.body && kept.signature === signed.signature };
}

/**
 * Every row after `position` ('' for all) carries the office's row seal over its stored hashes and its content matches its leaf
 * hash; CONFLICT naming the first that does not — such a row was not written by Rectify (or was edited since), and nothing
 * is signed or proved over it. O(rows after position).
 */
export async function requireSealedAfter(backend: LedgerBackend, position: string, sealKey: Buffer): Promise<void> {
  const entries = backend.entriesAfter ? backend.entriesAfter(position) : backend.entries();
  for await (const entry of entries) {
    if (!backend.entriesAfter && position !== '' && BigInt(entry.position) <= BigInt(position)) continue;
    if (!entrySealed(entry, sealKey)) throw unsealedRow(entry.position);
  }
}

/**
 * Every row after `position` ('' for all) chains onto the one before it — its stored chain hash is the chain of the one
 * before (`chain`, from the checkpoint at `position`) and its stored leaf hash —; CONFLICT naming the first that does not:
 * an event before it was removed or moved (breaker9y P1). O(rows after position).
 */
export async function requireChainedAfter(backend: LedgerBackend, position: string, chain: Buffer): Promise<void> {
  let previous = chain;
  const after = parsePosition(position);
  const entries = backend.entriesAfter ? backend.entriesAfter(position) : backend.entries();
  for await (const entry of entries) {
    // EventStoreDB's positions may read `commit/prepare`: compared as positions, not as numbers.
    const at = backend.entriesAfter || !after ? null : parsePosition(entry.position);
    if (at && comparePositions(at, after!) <= 0) continue;
    if (!entry.storedLeafHash || !entry.storedChainHash || !chainHash(previous, entry.storedLeafHash).equals(entry.storedChainHash)) throw unchainedRow(entry.position);
    previous = entry.storedChainHash;
  }
}

/**
 * A refusal because the log or its checkpoints are not as written (a row edited, deleted or moved, a checkpoint changed):
 * what a chain walk found, which the server takes as LOG_ALTERED (breaker45-9 S2: `proveEvent` refused over an edited row
 * while `/health` stayed ready and writes went on). A CONFLICT like any DomainError.
 */
export class LedgerAlteredError extends DomainError {}

const unchainedRow = (position: string): DomainError =>
  new LedgerAlteredError(
    'CONFLICT',
    say(
      `The event at position ${position} does not follow the one before it in the ledger chain: an event before it was removed or moved since it was recorded, so no checkpoint is signed over the log. Run verifyLedger (npm run ledger:verify) to see where.`,
      `位置 ${position} 的事件与其前一条事件在哈希链上接不上：其前的事件在记录后被删除或调换，不对该台账签署校验点。请进行台账校验（npm run ledger:verify）查明改动的位置。`,
    ),
  );

const notAsSigned = (checkpoint: StoredCheckpoint): DomainError =>
  new LedgerAlteredError(
    'CONFLICT',
    say(
      `Checkpoint ${checkpoint.sequence} as stored is not what this office signed (its signature does not hold over its fields, or it is signed by a key the office does not sign with): the checkpoints were changed, so no new checkpoint is signed. Run verifyLedger (npm run ledger:verify) to see where.`,
      `校验点 ${checkpoint.sequence} 的存储内容与本单位签署的不符（签名与其字段不符，或并非本单位的签名密钥所签）：校验点已被改动，不再签署新的校验点。请进行台账校验（npm run ledger:verify）查明改动的位置。`,
    ),
  );

/** Whether a row is as Rectify wrote it: content matching its leaf hash, and the seal over its hashes holding. */
const entrySealed = (entry: LedgerEntry, sealKey: Buffer): boolean =>
  entry.content !== null &&
  entry.storedLeafHash !== null &&
  entry.storedChainHash !== null &&
  eventLeafHash(entry.content).equals(entry.storedLeafHash) &&
  sealHolds(sealKey, entry.storedLeafHash, entry.storedChainHash, entry.storedSeal ?? null);

const changedSince = (checkpoint: StoredCheckpoint): DomainError =>
  new LedgerAlteredError(
    'CONFLICT',
    say(
      `The log no longer matches checkpoint ${checkpoint.sequence} (${ledgerCode(checkpoint)}): events it covers were changed, so no new checkpoint is signed over them. Run verifyLedger (npm run ledger:verify) to see where.`,
      `台账与校验点 ${checkpoint.sequence}（${ledgerCode(checkpoint)}）不符：其涵盖的事件已被改动，不再签署新的校验点。请进行台账校验（npm run ledger:verify）查明改动的位置。`,
    ),
  );

const unsealedRow = (position: string): DomainError =>
  new LedgerAlteredError(
    'CONFLICT',
    say(
      `The event at position ${position} is not as Rectify wrote it (its content or hashes do not carry this office's row seal): nothing is signed or proved over it. Run verifyLedger (npm run ledger:verify) to see what was changed.`,
      `位置 ${position} 的事件并非本系统写入时的样子（其内容或哈希没有本单位的行封印）：不对其签署校验点或出具证明。请进行台账校验（npm run ledger:verify）查明改动。`,
    ),
  );

/** An RFC 6962 inclusion proof of one event in one checkpoint, with what a verifier needs to check it alone. */
export interface EventInclusionProof {
  readonly eventId: string;
  readonly position: string;
  /** 0-based index of the event's leaf. */
  readonly leafIndex: number;
  /**
   * The leaf data: the event's canonical JSON (see domain/event-chain.ts) — with its credentials
   * withheld (`redactCredentials`: a password hash, a token's SHA-256, each shown as
   * `WITHHELD:sha256:<hex of its SHA-256>`), which never leave the server (breaker9z S2).
   */
  readonly canonicalEvent: string;
  /** The fields withheld from `canonicalEvent` (`data.passwordHash`); empty: SHA-256(0x00 || canonicalEvent) = leafHash. */
  readonly withheldFields: string[];
  /** SHA-256(0x00 || the leaf data), hex: of `canonicalEvent` itself when `withheldFields` is empty. */
  readonly leafHash: string;
  /** Audit path, leaf-side sibling first, hex; at most ⌈log₂ treeSize⌉ hashes. */
  readonly auditPath: string[];
  readonly checkpoint: StoredCheckpoint;
}

/** Event ids are UUIDs (36 characters); EventStoreDB's are too. Room to spare, not an invitation. */
const MAX_EVENT_ID_LENGTH = 64;

/**
 * Proves that an event is among those a checkpoint covers. Refuses (DomainError) an unknown
 * checkpoint or event, an event appended after the checkpoint, and a log whose stored content and
 * hashes no longer lead to the checkpoint's root along the proof's path (CONFLICT; then
 * `verifyLedger` says where): what is answered is checked as its reader will check it. With a
 * backend that keeps its tree's levels (SQLite), O(log n) reads and hashes (breaker12e P5).
 */
export async function proveEvent(
  backend: LedgerBackend,
  eventId: string,
  checkpointSequence: number,
  sealKey: Buffer | null = null,
  /** Throws (a DomainError) for an event of a stream the caller may not read; given the event's stream id. */
  refuseStream: (streamId: string) => void = () => undefined,
): Promise<EventInclusionProof> {
  await backend.catchUp?.();
  const checkpoint = await backend.checkpoint(checkpointSequence);
  if (!checkpoint) throw new DomainError('NOT_FOUND', say(`Ledger checkpoint ${checkpointSequence} does not exist.`, `台账校验点 ${checkpointSequence} 不存在。`));
  // Checked before it is echoed in any message: an "id" of kilobytes never comes back.
  if (eventId.length > MAX_EVENT_ID_LENGTH) {
    throw new DomainError(
      'BAD_USER_INPUT',
      say(`eventId must be the id of an event, as history lists it (at most ${MAX_EVENT_ID_LENGTH} characters).`, `eventId 必须是事件编号，与历史记录中所列一致（最多 ${MAX_EVENT_ID_LENGTH} 个字符）。`),
      { field: 'eventId' },
    );
  }
  const located = await backend.indexOf(eventId);
  if (!located) throw new DomainError('NOT_FOUND', say(`Event ${eventId} is not in the log.`, '台账中没有所指的事件（请从历史记录中复制事件编号）。'), { field: 'eventId' });
  if (located.index >= checkpoint.treeSize) {
    throw new DomainError(
      'BAD_USER_INPUT',
      say(
        `Event ${eventId} was recorded after checkpoint ${checkpointSequence} (which covers ${checkpoint.treeSize} events): prove it with a later checkpoint.`,
        `该事件记录于校验点 ${checkpointSequence}（涵盖 ${checkpoint.treeSize} 条事件）之后，请使用更新的校验点证明。`,
      ),
      { field: 'checkpoint' },
    );
  }
  const content = await backend.contentAt(located.index);
  if (content) refuseStream(content.streamId);
  // The event proved is one Rectify wrote (breaker9x P4: a proof was given for a row rewritten without the key).
  if (sealKey) {
    for await (const entry of backend.entriesAfter ? backend.entriesAfter(previousPosition(located.position)) : []) {
      if (entry.position === located.position && !entrySealed(entry, sealKey)) throw unsealedRow(located.position);
      break;
    }
  }
  const leaf = content ? eventLeafHash(content) : null;
  const stored = await storedAuditPath(backend, located.index, checkpoint.treeSize);
  // The answer is checked as its reader will check it: the event's leaf and the path give the checkpoint's root.
  const root = leaf && stored?.leafHash.equals(leaf) ? rootFromInclusionProof(located.index, checkpoint.treeSize, leaf, stored.path) : null;
  if (!content || !root?.equals(checkpoint.rootHash)) {
    throw new DomainError(
      'CONFLICT',
      say(
        `The log no longer matches checkpoint ${checkpointSequence} (${ledgerCode(checkpoint)}): run verifyLedger to see where it was changed.`,
        `台账与校验点 ${checkpointSequence}（${ledgerCode(checkpoint)}）不符，请运行台账校验查明被改动的位置。`,
      ),
    );
  }
  return {
    eventId,
    position: located.position,
    leafIndex: located.index,
    ...redactCredentials(content),
    leafHash: leaf!.toString('hex'),
    auditPath: stored!.path.map((hash) => hash.toString('hex')),
    checkpoint,
  };
}

/**
 * The stored leaf hash at `index` and its audit path in the tree of the first `treeSize` stored leaf
 * hashes: from the backend's kept tree where it keeps one (SQLite: O(log n)), else from every leaf
 * hash (EventStoreDB). Null when the log no longer holds `treeSize` events.
 */
async function storedAuditPath(backend: LedgerBackend, index: number, treeSize: number): Promise<{ leafHash: Buffer; path: Buffer[] } | null> {
  if (backend.auditPath) return backend.auditPath(index, treeSize);
  const leaves = await backend.leafHashes(treeSize);
  return leaves.length === treeSize && leaves[index] ? { leafHash: leaves[index], path: inclusionProof(index, leaves) } : null;
}

/**
 * How a checkpoint prints for people, in English and in Chinese: its number, when it was taken (the
 * UTC instant in English, 北京时间 in Chinese — newcomer39 P2: the Chinese line gave the UTC instant and
 * said `key`), its 台账校验码 and the fingerprint of the key that signed it.
 */
export function describeCheckpoint(checkpoint: StoredCheckpoint): Bilingual {
  const code = ledgerCode(checkpoint);
  const key = keyFingerprint(checkpoint.publicKey);
  return say(
    `#${checkpoint.sequence} ${checkpoint.takenAt}  ledger code ${code}  (key ${key})`,
    `#${checkpoint.sequence} ${officeInstantZh(checkpoint.takenAt)}  台账校验码 ${code}（签署密钥 ${key}）`,
  );
}

/** The position before a SQLite position (1-based numbers as text): where reading from gives that row first. */
const previousPosition = (position: string): string => String(BigInt(position) - 1n);
