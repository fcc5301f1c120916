import type Database from 'better-sqlite3';

/** Statements prepared once per connection (`preparedOnce`), by SQL text. */
const preparedByConnection = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * `db.prepare(sql)`, prepared once per connection and kept with it: for the one-row reads made on
 * every append and every request (a chain hash, `PRAGMA data_version`), where preparing again each
 * time (parsing the SQL, planning the query) cost more than the read itself (issue 12 row 2,
 * bench/results/profiles.md). A kept statement reads what the file holds at each run, as a fresh one
 * does (SQLite re-prepares it by itself after a schema change); forgotten with its connection.
 * @throws SQLite's error when the SQL cannot be prepared (nothing is kept then).
 */
export function preparedOnce<Parameters extends unknown[] = unknown[], Row = unknown>(db: Database.Database, sql: string): Database.Statement<Parameters, Row> {
  let statements = preparedByConnection.get(db);
  if (!statements) {
    statements = new Map();
    preparedByConnection.set(db, statements);
  }
  let statement = statements.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    statements.set(sql, statement);
  }
  return statement as Database.Statement<Parameters, Row>;
}

/** `PRAGMA data_version` of this connection (changes when another connection commits; costs no disk read), from a statement kept with it. */
export const dataVersionOf = (db: Database.Database): number =>
  preparedOnce<[], { data_version: number }>(db, 'PRAGMA data_version').get()!.data_version;
