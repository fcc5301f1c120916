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
