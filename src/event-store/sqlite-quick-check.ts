import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/*
 * `PRAGMA quick_check` reads every page of the database: 13 s for the 1M-event bench log (992 MB)
 * at load 21, more than the rest of a restart from a read-model snapshot. On a thread of its own
 * it runs while the main thread restores the read models, instead of before them.
 */

/** What the thread runs: its own read-only connection, the check, the answer, the connection closed. */
const CHECK_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let answer;
try {
  const db = new Database(workerData.path, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma('quick_check(' + workerData.limit + ')', { simple: false });
    answer = { problems: rows.map((row) => row.quick_check).filter((line) => line !== 'ok') };
  } finally {
    db.close();
  }
} catch (error) {
  answer = { error: { message: String(error && error.message), code: error && error.code } };
}
parentPort.postMessage(answer);
`;

/** The driver's entry file, resolved here: the thread runs from no file of its own, whatever the working directory. */
const DRIVER = createRequire(import.meta.url).resolve('better-sqlite3');

/** A check that could not run: SQLite's error, with its code (SQLITE_CORRUPT, SQLITE_NOTADB …). */
export class QuickCheckError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'QuickCheckError';
  }
}

/**
 * `PRAGMA quick_check(limit)` of the SQLite file at `path` on a worker thread, with its own
 * read-only connection (it sees what the server's connection committed, WAL included). Resolves to
 * SQLite's first `limit` problems, an empty list when the file is sound; rejects with
 * QuickCheckError when SQLite cannot read the file at all.
 */
export function quickCheckOffThread(path: string, limit = 20): Promise<string[]> {
  return new Promise<string[]>((resolve, reject) => {
    const worker = new Worker(CHECK_SOURCE, { eval: true, workerData: { path, limit, driver: DRIVER } });
    let answered = false;
    worker.once('message', (answer: { problems?: string[]; error?: { message: string; code?: string } }) => {
      answered = true;
      if (answer.error) reject(new QuickCheckError(answer.error.message, answer.error.code));
      else resolve(answer.problems ?? []);
    });
    worker.once('error', (error) => {
      answered = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`The quick_check thread ended (exit code ${code}) without an answer`));
    });
  });
}
