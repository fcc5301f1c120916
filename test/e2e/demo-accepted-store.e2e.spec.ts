import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { freshDatabasePath, startTestApp } from '../support/test-app.js';

/*
 * breaker9b N9 (rest): the README says a store accepted with ACCEPT_STORE_RESET never gets the demo,
 * but the demo seeder "completed" an accepted older demo store, appending accounts with well-known
 * tokens into it. An accepted store is taken as it is.
 */
describe('A demo store accepted with ACCEPT_STORE_RESET', () => {
  it('is taken as it is: the seeder appends nothing to complete it', async () => {
    const sqlitePath = freshDatabasePath();
    const seeded = await startTestApp({ demoData: true, sqlitePath });
    const head = Number(await seeded.logPosition());
    await seeded.close();
    // A demo store of an older version, without one of today's demo accounts (the clerk of 市发改委).
    const db = new Database(sqlitePath);
    const { stream_id: clerk } = db.prepare("SELECT stream_id FROM events WHERE type = 'UserRegistered' AND data LIKE '%市发改委%'").get() as { stream_id: string };
    const removed = db.prepare('DELETE FROM events WHERE stream_id = ?').run(clerk).changes;
    db.prepare('DELETE FROM requests WHERE stream_id = ?').run(clerk);
    db.close();
    expect(removed).toBeGreaterThan(0);
    rmSync(`${sqlitePath}.read-models.snapshot`, { force: true });

    const accepted = await startTestApp({ demoData: true, sqlitePath, settings: { ACCEPT_STORE_RESET: 'true' } });
    try {
      expect(Number(await accepted.logPosition())).toBe(head);
      const clerk = await fetch(`${accepted.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer rct_demo_unit_fgw_qingchuan' }, body: JSON.stringify({ query: '{ me { name } }' }) });
      expect(JSON.stringify(await clerk.json())).toContain('UNAUTHENTICATED');
    } finally {
      await accepted.close();
    }
  });
});
