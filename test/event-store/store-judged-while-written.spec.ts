import { jest } from '@jest/globals';
import Database from 'better-sqlite3';
import { judgeToolStore } from '../../src/event-store/store-admission.js';
import { SqliteStoreInspection } from '../../src/event-store/sqlite-store-inspection.js';
import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { PROCESS_TEST_CEILING_MS } from '../support/server-process.js';
import { testSigningKeyFile } from '../support/signing-key.js';
import { freshDatabasePath, startTestApp, type TestApp } from '../support/test-app.js';

/*
 * breaker9h P3 (serious): a command-line tool run while the server wrote was refused "the events at
 * position 1009 were deleted from the end of the log … restore the store from a backup"
 * (STORE_SHORTER) on a whole store. The start's judgement read the log's head, then — after the
 * witness, the key, the seals and a scan for holes — the file's own numbering (`sqlite_sequence`),
 * each in a statement of its own: an append in between left the numbering past the head read before
 * it. A server's start on a file another server writes to judges the same way.
 *
 * The append "in between" is made deterministic here: the moment the judgement reads the head, one
 * more event is committed through another connection (a copy of the newest row under a new id, as
 * another process's append would leave the file).
 */

/** Commits one more event to the file through a connection of its own, as another process appending now. */
function appendAnotherProcesssEvent(path: string): void {
  const db = new Database(path);
  try {
    const columns = (db.pragma('table_info(events)') as { name: string }[]).map(({ name }) => name).filter((name) => name !== 'position');
    const copied = columns.map((name) => (name === 'event_id' ? `'appended-meanwhile-' || event_id` : name === 'revision' ? 'revision + 1000000' : name));
    db.prepare(`INSERT INTO events (${columns.join(', ')}) SELECT ${copied.join(', ')} FROM events ORDER BY position DESC LIMIT 1`).run();
  } finally {
    db.close();
  }
}

describe('a store judged while another process appends to it (breaker9h P3)', () => {
  let writer: TestApp;
  let sqlitePath: string;
  beforeAll(async () => {
    sqlitePath = freshDatabasePath();
    writer = await startTestApp({ sqlitePath });
    expect((await writer.graphql(REGISTER_EVALUATION, { input: evaluationInput() })).errors).toBeUndefined();
  }, PROCESS_TEST_CEILING_MS);
  afterAll(async () => {
    jest.restoreAllMocks();
    await writer?.close();
  });

  /** While it is set, each read of the head is followed at once by another process's append. */
  const appendAfterEachHeadRead = () => {
    const headEvent = SqliteStoreInspection.prototype.headEvent;
    return jest.spyOn(SqliteStoreInspection.prototype, 'headEvent').mockImplementation(function (this: SqliteStoreInspection) {
      const head = headEvent.call(this);
      appendAnotherProcesssEvent(sqlitePath);
      return head;
    });
  };

  it('lets a tool in: no false "deleted from the end of the log"', async () => {
    const spy = appendAfterEachHeadRead();
    try {
      const release = await judgeToolStore({
        EVENT_STORE: 'sqlite',
        SQLITE_PATH: sqlitePath,
        EVENTSTORE_CONNECTION_STRING: undefined,
        STORE_WITNESS_PATH: `${sqlitePath}.witness.json`,
        LEDGER_SIGNING_KEY_FILE: testSigningKeyFile(),
      });
      release();
      expect(spy).toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('starts a second server on the file', async () => {
    const spy = appendAfterEachHeadRead();
    let second: TestApp | undefined;
    try {
      second = await startTestApp({ sqlitePath });
      expect(spy).toHaveBeenCalled();
    } finally {
      spy.mockRestore();
      await second?.close();
    }
  }, PROCESS_TEST_CEILING_MS);
});
