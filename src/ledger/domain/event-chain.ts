import { createHash } from 'node:crypto';
import { canonicalJson } from '../../shared/ids.js';
import { HASH_BYTES, leafHash } from './merkle.js';

/**
 * The hash chain over the global log. Pure: no I/O.
 *
 * Each event's leaf data is the UTF-8 bytes of the canonical JSON (object keys sorted by UTF-16
 * code units, no whitespace, numbers and strings as JSON.stringify prints them) of
 *
 *   { data, id, metadata, recordedAt, revision, schemaVersion, streamId, type }
 *
 * (`recordedAt` is the ISO-8601 instant the store keeps beside the metadata; SQLite has it in a
 * column of its own, which is hashed as stored). From it:
 *
 *   leafHash(e)  = SHA-256(0x00 || canonical(e))            — RFC 6962 leaf hash, the Merkle leaf
 *   chainHash(e) = SHA-256(chainHash(previous) || leafHash(e)) — previous in global log order;
 *                  for the first event, 32 zero bytes stand for the previous chain hash.
 *
 * The global position itself is not hashed: the order is what the chain protects, and SQLite and
 * EventStoreDB number positions differently.
 */

/** What of an event is hashed; a StoredEvent has all of it. */
export interface HashedEventContent {
  readonly id: string;
  readonly streamId: string;
  readonly revision: number;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: Record<string, unknown>;
  readonly metadata: object;
  readonly recordedAt: string;
}

/** The hashed content of a stored event, whose recording instant is the one in its metadata. */
export const contentOf = (event: Omit<HashedEventContent, 'recordedAt'> & { metadata: { recordedAt: string } }): HashedEventContent => ({
  ...event,
  recordedAt: event.metadata.recordedAt,
});

/** The chain hash that precedes the first event: 32 zero bytes. */
export const GENESIS_CHAIN_HASH: Buffer = Buffer.alloc(HASH_BYTES);

/** The leaf data: canonical JSON of the hashed content, as UTF-8 text. */
export function canonicalEvent(event: HashedEventContent): string {
  return canonicalJson({
    data: event.data,
    id: event.id,
    metadata: event.metadata,
    recordedAt: event.recordedAt,
    revision: event.revision,
    schemaVersion: event.schemaVersion,
    streamId: event.streamId,
    type: event.type,
  });
}

export const eventLeafHash = (event: HashedEventContent): Buffer => leafHash(Buffer.from(canonicalEvent(event), 'utf8'));

export const chainHash = (previousChainHash: Buffer, eventLeaf: Buffer): Buffer =>
  createHash('sha256').update(previousChainHash).update(eventLeaf).digest();

/** Both hashes an event carries. */
export interface EventHashes {
  readonly leafHash: Buffer;
  readonly chainHash: Buffer;
}

export function hashEvent(previousChainHash: Buffer, event: HashedEventContent): EventHashes {
  const leaf = eventLeafHash(event);
  return { leafHash: leaf, chainHash: chainHash(previousChainHash, leaf) };
}

/** A stored row as the chain follower sees it: its number in the SQLite log, content (null: unreadable) and stored hashes. */
export interface ChainedRow {
  /** The row's position (SQLite: 1, 2, 3 … with no gaps in a log nobody edited). */
  readonly position: number;
  readonly content: HashedEventContent | null;
  readonly leafHash: Buffer | null;
  readonly chainHash: Buffer | null;
}

/** Why a row is not one Rectify chained after the one before it, in English and Chinese. */
export interface ChainProblem {
  readonly en: string;
  readonly zh: string;
}

/**
 * Follows the hash chain while the log is read for the read models, so that a row no Rectify
 * process wrote is named instead of projected and served (breaker9 F0): a row without hashes
 * (inserted into the file by hand), positions missing before a row (rows deleted from the middle),
 * a chain hash that does not follow the previous one, or content that no longer matches its leaf
 * hash (edited in place). Pure; one leaf and one chain hash (SHA-256) per row. What it cannot see —
 * a log rewritten with every hash recomputed — is what signed checkpoints and the store witness are for.
 */
export class ChainFollower {
  constructor(
    /** The position of the row the read starts after (0 at the start of the log). */
    private position: number,
    /** That row's stored chain hash (GENESIS_CHAIN_HASH at the start of the log). */
    private chain: Buffer,
  ) {}

  /** Checks the next row read and moves past it (its own stored chain hash is what the next one follows); null when it is sound. */
  follow(row: ChainedRow): ChainProblem | null {
    const previous = { position: this.position, chain: this.chain };
    this.position = row.position;
    if (row.chainHash) this.chain = row.chainHash;
    if (!row.leafHash || !row.chainHash) {
      return {
        en: 'it carries no ledger hashes: no Rectify process wrote it (a row inserted into the store file by hand?)',
        zh: '它没有台账哈希：并非 Rectify 写入（有人直接向事件库文件插入了记录？）',
      };
    }
    if (row.position !== previous.position + 1) {
      const missing = row.position - 1 === previous.position + 1 ? `${previous.position + 1}` : `${previous.position + 1}–${row.position - 1}`;
      return {
        en: `the events at position ${missing} before it are missing: they were deleted from the log`,
        zh: `其前位置 ${missing} 的事件缺失：已从日志中删除`,
      };
    }
    if (!chainHash(previous.chain, row.leafHash).equals(row.chainHash)) {
      return {
        en: `its chain hash does not follow the event at position ${previous.position}: an event was removed or moved, or the hashes were rewritten`,
        zh: `其链哈希与位置 ${previous.position} 的事件接不上：有事件被删除或调换，或哈希被改写`,
      };
    }
    if (row.content && !eventLeafHash(row.content).equals(row.leafHash)) {
      return { en: 'its content does not match the ledger hash recorded with it: it was changed after it was recorded', zh: '其内容与写入时记录的台账哈希不符：记录后被改动过' };
    }
    return null;
  }
}
