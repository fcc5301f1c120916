// What row 6's first start cannot do without: read every event row of a SQLite log in order, parse
// its data and metadata, and check it as the server's catch-up does (src/ledger/domain/event-chain.ts:
// the leaf hash of its canonical JSON and the chain hash, both compared with the stored ones, and
// the row seal's HMAC — computed under a stand-in key, since its cost does not depend on the key, and
// not compared). Nothing is projected. Run as its own process by the benchmark, like raw-read.mjs:
// prints {"events":…,"ms":…}; the raw read over this is the most row 6's ratio can reach while every
// row is checked on one thread. Runs what is built (dist/).
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { chainHash, eventLeafHash, rowSeal } from '../dist/ledger/domain/event-chain.js';

const CHAINED = 'position, event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at, leaf_hash, chain_hash, row_seal';

/** Reads and checks every row of `db` in log order; returns the rows read. Throws on a row whose hashes do not follow. */
export function checkedRead(db, sealKey = randomBytes(32)) {
  let rows = 0;
  let previous = Buffer.alloc(32);
  for (const row of db.prepare(`SELECT ${CHAINED} FROM events ORDER BY position`).iterate()) {
    const content = {
      id: row.event_id, streamId: row.stream_id, revision: row.revision, type: row.type, schemaVersion: row.schema_version,
      data: JSON.parse(row.data), metadata: JSON.parse(row.metadata), recordedAt: row.recorded_at,
    };
    const leaf = eventLeafHash(content);
    previous = chainHash(previous, leaf);
    if (!leaf.equals(row.leaf_hash) || !previous.equals(row.chain_hash)) throw new Error(`row ${row.position}: its hashes do not follow the chain`);
    rowSeal(sealKey, leaf, previous);
    rows += 1;
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const db = new Database(process.argv[2], { readonly: true });
  const events = checkedRead(db);
  db.close();
  console.log(JSON.stringify({ events, ms: performance.now() - started }));
}
