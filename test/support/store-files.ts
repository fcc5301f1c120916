import Database from 'better-sqlite3';
import { StoreRefusedError } from '../../src/event-store/store-witness.js';
import type { TestApp } from './test-app.js';

/** Writes to a stopped store's file with SQLite itself, as someone with access to ./data could. */
export function editStore<Result>(sqlitePath: string, edit: (db: Database.Database) => Result): Result {
  const db = new Database(sqlitePath);
  try {
    return edit(db);
  } finally {
    db.close();
  }
}

/** The refusal of a start that must be refused (an app that starts is closed and fails the test); other errors are thrown on. */
export const refusalOf = (start: Promise<TestApp>): Promise<StoreRefusedError> =>
  start.then(
    async (app) => {
      await app.close();
      throw new Error('the app started on a store it should have refused');
    },
    (error: unknown) => {
      if (!(error instanceof StoreRefusedError)) throw error;
      return error;
    },
  );

/** The titles of the evaluations a store file holds as SQLite reads it (its -wal included), in log order: what an append left on disk. */
export function evaluationTitlesIn(sqlitePath: string): string[] {
  const db = new Database(sqlitePath, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare<[], { data: string }>("SELECT data FROM events WHERE type = 'EvaluationRegistered' ORDER BY position")
      .all()
      .map((row) => (JSON.parse(row.data) as { title: string }).title);
  } finally {
    db.close();
  }
}
