import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from './sqlite-event-store.js';
import { walkChain, walkChainOffThread } from './sqlite-chain-walk.js';

/*
 * breaker9y P7: rows of the log reordered or edited with Rectify stopped, under a read-model snapshot, were never looked
 * at again, and a checkpoint was signed over them. The walk of the whole chain finds the first such row.
 */

const metadata = { actorId: 'u', actorRole: 'SUPERVISOR' as const, actorUnitId: null, commandId: 'c', correlationId: 'c', causationId: 'c', recordedAt: '2026-05-12T01:00:00.000Z' };

/** Given a stopped store of six urges (positions 1–6) written by Rectify. */
async function givenLog(): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'rectify-walk-')), 'events.db');
  const store = new SqliteEventStore(path);
  for (let n = 1; n <= 6; n += 1) {
    await store.appendToStream(`finding-${n}`, [{ id: randomUUID(), type: 'UnitUrged', schemaVersion: 1, data: { message: `第${n}次` }, metadata }], { expectedRevision: 'no_stream' });
  }
  await store.close();
  return path;
}

const edit = (path: string, sql: string) => {
  const db = new Database(path);
  db.exec(sql);
  db.close();
};

const walk = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return walkChain(db, null);
  } finally {
    db.close();
  }
};

describe('The walk of the whole ledger chain', () => {
  it('when no row was touched, then it checks every row and finds nothing', async () => {
    expect(walk(await givenLog())).toEqual({ rowsChecked: 6, altered: null });
  });

  it('when two rows exchanged their places (every column but the position), then it names the first of them: its chain hash does not follow the row before', async () => {
    const path = await givenLog();
    edit(path, 'UPDATE events SET position = -1 WHERE position = 2; UPDATE events SET position = 2 WHERE position = 4; UPDATE events SET position = 4 WHERE position = -1;');
    const { altered } = walk(path);
    expect(altered).toMatchObject({ position: 2, type: 'UnitUrged' });
    expect(altered!.problem.en).toContain('its chain hash does not follow the event at position 1');
    expect(altered!.problem.zh).toContain('其链哈希与位置 1 的事件接不上');
  });

  it('when a row\'s content was edited in place (its hashes left), then it names that row: its content no longer matches its leaf hash', async () => {
    const path = await givenLog();
    edit(path, `UPDATE events SET data = '{"message":"已整改"}' WHERE position = 3`);
    expect(walk(path).altered).toMatchObject({ position: 3, problem: { en: expect.stringContaining('its content does not match the ledger hash recorded with it') } });
  });

  it('when a row was deleted from the middle, then it names the row after the gap and the missing position', async () => {
    const path = await givenLog();
    edit(path, 'DELETE FROM events WHERE position = 5');
    expect(walk(path).altered).toMatchObject({ position: 6, problem: { en: 'the events at position 5 before it are missing: they were deleted from the log' } });
  });

  it('when the office\'s row-seal key is given, then a row whose seal does not hold under it is named', async () => {
    const path = await givenLog();
    edit(path, 'UPDATE events SET row_seal = NULL WHERE position = 2');
    const db = new Database(path, { readonly: true });
    try {
      // The rows were written without a seal key (a store not yet sealed): under any key, the first row's seal does not hold.
      expect(walkChain(db, Buffer.alloc(32, 7)).altered).toMatchObject({ position: 1, problem: { en: expect.stringContaining("it is not sealed with this office's ledger key") } });
    } finally {
      db.close();
    }
  });

  it('when it starts after a row (the head a store witness vouched for), then it checks only the rows after it, following that row\'s chain hash (breaker9z P13)', async () => {
    const path = await givenLog();
    edit(path, 'UPDATE events SET row_seal = NULL');
    const db = new Database(path, { readonly: true });
    try {
      const third = (db.prepare('SELECT chain_hash FROM events WHERE position = 3').get() as { chain_hash: Buffer }).chain_hash;
      // Without a key the rows after 3 hold: three checked, the first three never read.
      expect(walkChain(db, null, 'content', { position: 3, chainHash: third })).toEqual({ rowsChecked: 3, altered: null });
      // With the office's key the first row after 3 is named, not row 1.
      expect(walkChain(db, Buffer.alloc(32, 7), 'content', { position: 3, chainHash: third }).altered).toMatchObject({
        position: 4,
        problem: { en: expect.stringContaining("it is not sealed with this office's ledger key") },
      });
      // A start whose chain hash is not row 3's: row 4 does not follow it.
      expect(walkChain(db, null, 'hashes', { position: 3, chainHash: Buffer.alloc(32) }).altered).toMatchObject({ position: 4, problem: { en: expect.stringContaining('does not follow the event at position 3') } });
    } finally {
      db.close();
    }
  });

  it('off the thread (the specs run it inline: no compiled module), it answers the same', async () => {
    const path = await givenLog();
    edit(path, 'DELETE FROM events WHERE position = 2');
    await expect(walkChainOffThread(path, null)).resolves.toMatchObject({ rowsChecked: 2, altered: { position: 3 } });
  });
});
