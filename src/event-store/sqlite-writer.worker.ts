import { parentPort, workerData } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { SqliteAppendWriter, describeFailure, openWriterConnection, type QueuedWrite } from './sqlite-append-writer.js';
import type { WriterThreadData, WriterThreadRequest } from './sqlite-writer-thread.js';

/*
 * The writer thread of one SQLite store (see sqlite-writer-thread.ts): commits each batch it is sent, answers its outcome.
 * It opens only the file the server opened, never creates one (breaker53-9 S2: a thread started again after the data folder
 * was deleted and made again created a new empty store at the path): a batch it cannot open the store for is failed with why.
 */

const { path, file } = workerData as WriterThreadData;
let opened: { readonly db: Database.Database; readonly writer: SqliteAppendWriter } | null = null;
parentPort!.on('message', (request: WriterThreadRequest) => {
  if (request.kind === 'close') {
    opened?.db.close();
    parentPort!.close();
    return;
  }
  if (!opened) {
    try {
      const db = openWriterConnection(path, file);
      opened = { db, writer: new SqliteAppendWriter(db, path) };
    } catch (error) {
      const failure = describeFailure(error);
      parentPort!.postMessage({ committed: false, failure: failure.kind === 'other' ? { kind: 'writer-thread', message: failure.message } : failure });
      return;
    }
  }
  parentPort!.postMessage(opened.writer.commit(request.appends as QueuedWrite[], request.seen, request.sealKey, request.anchor ?? null));
});
