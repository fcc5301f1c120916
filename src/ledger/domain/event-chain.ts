import { createHash, createHmac } from 'node:crypto';
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

/**
 * The row seal (breaker9b N1): HMAC-SHA-256 (32 bytes) over the row's leaf hash and chain hash, in
 * that order, keyed by the office's row-seal key (derived from the ledger signing key, see
 * `LedgerKeys.rowSealKey`). The leaf and chain hashes are public algorithms anyone can recompute
 * for a forged row; the seal is not: only a process holding the key (the server, the command-line
 * tools run beside it) can write a row that reads as Rectify's. Over the leaf hash, so the row's
 * content is bound; over the chain hash, so its place in the log is.
 */
export const rowSeal = (sealKey: Buffer, leafHash: Buffer, chainHash: Buffer): Buffer => createHmac('sha256', sealKey).update(leafHash).update(chainHash).digest();

/** Whether a row's stored seal is the one `rowSeal` gives for its stored hashes. */
export const sealHolds = (sealKey: Buffer, leafHash: Buffer, chainHash: Buffer, seal: Buffer | null): boolean =>
  seal !== null && seal.length === HASH_BYTES && rowSeal(sealKey, leafHash, chainHash).equals(seal);

/** A stored row as the chain follower sees it: its number in the SQLite log, content (null: unreadable) and stored hashes. */
export interface ChainedRow {
  /** The row's position (SQLite: 1, 2, 3 … with no gaps in a log nobody edited). */
  readonly position: number;
  readonly content: HashedEventContent | null;
  readonly leafHash: Buffer | null;
  readonly chainHash: Buffer | null;
  /** The stored row seal (`rowSeal`); null for a row written before rows were sealed, or by hand. */
  readonly seal?: Buffer | null;
}

/** A row without ledger hashes. */
const NOT_HASHED: ChainProblem = {
  en: 'it carries no ledger hashes: no Rectify process wrote it (a row inserted into the store file by hand?)',
  zh: '它没有台账哈希：并非 Rectify 写入（有人直接向事件库文件插入了记录？）',
};

/** A row that is not sealed under the office's key: what the follower and the stream reads say of it. */
export const NOT_SEALED: ChainProblem = {
  en: "it is not sealed with this office's ledger key: no Rectify process holding the key wrote it (a row inserted or rewritten in the store file, its hashes computed by hand?)",
  zh: '它没有本单位台账密钥的封印：并非持有密钥的 Rectify 写入（有人直接向事件库文件插入或改写了记录，并自行计算了哈希？）',
};

/** Content no longer matching the leaf hash stored with it. */
export const CONTENT_CHANGED: ChainProblem = {
  en: 'its content does not match the ledger hash recorded with it: it was changed after it was recorded',
  zh: '其内容与写入时记录的台账哈希不符：记录后被改动过',
};

/**
 * The check a row gets wherever it is read on its own (a stream read for a command or a history,
 * breaker9b N3): hashes present, content matching its leaf hash, and — when the store is sealed
 * (`sealKey`) — its seal holding. It cannot see a row moved or deleted (that needs the row before
 * it: `ChainFollower`, `ledger:verify`). Null when the row is sound. One SHA-256 over the canonical
 * JSON and one HMAC per row.
 */
export function rowProblem(row: Omit<ChainedRow, 'position'>, sealKey: Buffer | null): ChainProblem | null {
  if (!row.leafHash || !row.chainHash) return NOT_HASHED;
  if (row.content && !eventLeafHash(row.content).equals(row.leafHash)) return CONTENT_CHANGED;
  if (sealKey && !sealHolds(sealKey, row.leafHash, row.chainHash, row.seal ?? null)) return NOT_SEALED;
  return null;
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
 * hash (edited in place), and — once the store is sealed — a row whose seal does not hold under the
 * office's key (inserted or rewritten with its public hashes recomputed, breaker9b N1). Pure; one leaf
 * hash, one chain hash and one HMAC per row. What it cannot see — rows removed from the end — is what
 * the store witness is for.
 */
export class ChainFollower {
  constructor(
    /** The position of the row the read starts after (0 at the start of the log). */
    private position: number,
    /** That row's stored chain hash (GENESIS_CHAIN_HASH at the start of the log). */
    private chain: Buffer,
    /** The office's row-seal key once the store is sealed (asked at each row: it is set after the read may start); null: seals not checked. */
    private readonly sealKey: () => Buffer | null = () => null,
  ) {}

  /** Checks the next row read and moves past it (its own stored chain hash is what the next one follows); null when it is sound. */
  follow(row: ChainedRow): ChainProblem | null {
    const previous = { position: this.position, chain: this.chain };
    this.position = row.position;
    if (row.chainHash) this.chain = row.chainHash;
    if (!row.leafHash || !row.chainHash) return NOT_HASHED;
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
    return rowProblem(row, this.sealKey());
  }
}
