import Database from 'better-sqlite3';
import { generateKeyPairSync, createPublicKey } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publicKeyText } from '../ledger/domain/checkpoint.js';
import { dataVersionOf, preparedOnce } from './prepared-once.js';
import { chainHashIn } from './sqlite-store-inspection.js';

/*
 * Issue 12 row 2: the one-row reads made on every append (the head's chain hash for the witness and the
 * rewritten-log check, `PRAGMA data_version` for the catch-up) keep their statement with the connection
 * instead of preparing it each time. What the checks rely on: a kept statement reads what the file holds
 * now, including a row another connection rewrote, and data_version still moves on another connection's
 * commit only.
 */

/** A WAL store with the chain column, opened by two connections (the server's reader and "another process"). */
function givenTwoConnections(): { reader: Database.Database; other: Database.Database } {
  const path = join(mkdtempSync(join(tmpdir(), 'rectify-prepared-once-')), 'store.db');
  const reader = new Database(path);
  reader.pragma('journal_mode = WAL');
  reader.exec('CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, chain_hash BLOB)');
  return { reader, other: new Database(path) };
}

describe('statements kept with their connection (preparedOnce)', () => {
  it('prepares a statement once per connection and SQL text', () => {
    const { reader, other } = givenTwoConnections();
    const first = preparedOnce(reader, 'SELECT chain_hash FROM events WHERE position = ?');
    expect(preparedOnce(reader, 'SELECT chain_hash FROM events WHERE position = ?')).toBe(first);
    expect(preparedOnce(other, 'SELECT chain_hash FROM events WHERE position = ?')).not.toBe(first);
    expect(preparedOnce(reader, 'SELECT MAX(position) FROM events')).not.toBe(first);
    reader.close();
    other.close();
  });

  it('reads a chain hash another connection rewrote after the statement was kept (a log rewritten under the server is still seen)', () => {
    const { reader, other } = givenTwoConnections();
    reader.prepare('INSERT INTO events (chain_hash) VALUES (?)').run(Buffer.alloc(32, 1));
    expect(chainHashIn(reader, 1)).toEqual(Buffer.alloc(32, 1));
    other.prepare('UPDATE events SET chain_hash = ? WHERE position = 1').run(Buffer.alloc(32, 2));
    expect(chainHashIn(reader, 1)).toEqual(Buffer.alloc(32, 2));
    other.prepare('DELETE FROM events WHERE position = 1').run();
    expect(chainHashIn(reader, 1)).toBeNull();
    reader.close();
    other.close();
  });

  it('moves data_version on another connection’s commit, not on the connection’s own', () => {
    const { reader, other } = givenTwoConnections();
    const before = dataVersionOf(reader);
    reader.prepare('INSERT INTO events (chain_hash) VALUES (NULL)').run();
    expect(dataVersionOf(reader)).toBe(before);
    other.prepare('INSERT INTO events (chain_hash) VALUES (NULL)').run();
    expect(dataVersionOf(reader)).not.toBe(before);
    expect(dataVersionOf(reader)).toBe(reader.pragma('data_version', { simple: true }));
    reader.close();
    other.close();
  });

  it('a closed connection’s kept statement fails as the connection does', () => {
    const { reader, other } = givenTwoConnections();
    dataVersionOf(reader);
    reader.close();
    expect(() => dataVersionOf(reader)).toThrow(/not open/);
    other.close();
  });
});

describe('publicKeyText, worked out once per key', () => {
  it('says each key’s own public key, the same as a fresh derivation, however often it is asked', () => {
    const one = generateKeyPairSync('ed25519').privateKey;
    const two = generateKeyPairSync('ed25519').privateKey;
    const fresh = (key: typeof one) => createPublicKey(key).export({ format: 'jwk' }).x;
    expect(publicKeyText(one)).toBe(fresh(one));
    expect(publicKeyText(one)).toBe(fresh(one));
    expect(publicKeyText(two)).toBe(fresh(two));
    expect(publicKeyText(two)).not.toBe(publicKeyText(one));
  });
});
