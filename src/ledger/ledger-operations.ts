import type { KeyObject } from 'node:crypto';
import { DomainError, say } from '../shared/domain-error.js';
import { slicer } from '../shared/event-loop-turns.js';
import { keyFingerprint, ledgerCode, signCheckpoint } from './domain/checkpoint.js';
import { canonicalEvent, eventLeafHash } from './domain/event-chain.js';
import { LedgerVerifier, type LedgerExpectations, type LedgerVerificationResult } from './domain/ledger-verification.js';
import { inclusionProof, rootFromInclusionProof } from './domain/merkle.js';
import type { LedgerBackend, StoredCheckpoint } from './ledger.port.js';

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
 * Signs the head as stored and keeps it. When nothing was appended since the latest checkpoint,
 * that one is answered instead: taking a checkpoint twice is harmless, so it needs no idempotency key.
 */
export async function takeCheckpoint(backend: LedgerBackend, key: KeyObject, now: Date, numberAtLeast?: number): Promise<{ checkpoint: StoredCheckpoint; taken: boolean }> {
  await backend.catchUp?.();
  const head = await backend.head();
  const latest = await backend.latestCheckpoint();
  if (latest && latest.treeSize === head.treeSize && latest.rootHash.equals(head.rootHash)) return { checkpoint: latest, taken: false };
  const signed = signCheckpoint({ ...head, takenAt: now.toISOString() }, key);
  const kept = await backend.saveCheckpoint(signed, numberAtLeast);
  // Another process on the store kept one of this head a moment before: that one is the answer (SQLite).
  return { checkpoint: kept, taken: kept.body === signed.body && kept.signature === signed.signature };
}

/** An RFC 6962 inclusion proof of one event in one checkpoint, with what a verifier needs to check it alone. */
export interface EventInclusionProof {
  readonly eventId: string;
  readonly position: string;
  /** 0-based index of the event's leaf. */
  readonly leafIndex: number;
  /** The leaf data: the event's canonical JSON (see domain/event-chain.ts). */
  readonly canonicalEvent: string;
  /** SHA-256(0x00 || canonicalEvent), hex. */
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
export async function proveEvent(backend: LedgerBackend, eventId: string, checkpointSequence: number): Promise<EventInclusionProof> {
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
    canonicalEvent: canonicalEvent(content),
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

/** How a checkpoint prints for people: the 台账校验码 and the key that signed it. */
export function describeCheckpoint(checkpoint: StoredCheckpoint): string {
  return `#${checkpoint.sequence} ${checkpoint.takenAt}  台账校验码 ${ledgerCode(checkpoint)}  (key ${keyFingerprint(checkpoint.publicKey)})`;
}
