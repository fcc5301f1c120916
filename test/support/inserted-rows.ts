import type Database from 'better-sqlite3';
import { hashEvent, rowSeal } from '../../src/ledger/domain/event-chain.js';
import { testRowSealKey } from './signing-key.js';

/** An events row as a test writes it by hand. */
export interface HandWrittenRow {
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: number;
  readonly type: string;
  readonly schemaVersion: number;
  /** The stored JSON text, as it is (it may be damaged on purpose). */
  readonly data: string;
  readonly metadata: string;
  readonly recordedAt: string;
}

/**
 * Appends a row to the log of an open SQLite store file with the ledger hashes a Rectify process
 * would give it (chained onto the newest row), as another version of Rectify would have written it:
 * for events that are on the chain yet not readable by this version (an unknown type, a newer
 * schema version, another shape). A row whose JSON is damaged is hashed over empty data, so only its
 * JSON is wrong. Sealed with the test servers' key (`testSigningKeyFile`) as they would seal it,
 * unless `sealed` is false: a forger's row, its public hashes computed (breaker9b N1). Returns its position.
 */
export function appendChainedRow(db: Database.Database, row: HandWrittenRow, { sealed = true }: { sealed?: boolean } = {}): number {
  const previous = db.prepare('SELECT chain_hash FROM events ORDER BY position DESC LIMIT 1').get() as { chain_hash: Buffer };
  const parse = (text: string): Record<string, unknown> => {
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch {
      return {};
    }
  };
  const hashes = hashEvent(previous.chain_hash, {
    id: row.eventId,
    streamId: row.streamId,
    revision: row.revision,
    type: row.type,
    schemaVersion: row.schemaVersion,
    data: parse(row.data),
    metadata: parse(row.metadata),
    recordedAt: row.recordedAt,
  });
  const seal = sealed ? rowSeal(testRowSealKey(), hashes.leafHash, hashes.chainHash) : null;
  const inserted = db
    .prepare('INSERT INTO events (event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at, leaf_hash, chain_hash, row_seal) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(row.eventId, row.streamId, row.revision, row.type, row.schemaVersion, row.data, row.metadata, row.recordedAt, hashes.leafHash, hashes.chainHash, seal);
  return Number(inserted.lastInsertRowid);
}
