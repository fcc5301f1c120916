import { parentPort, workerData } from 'node:worker_threads';
import { SqliteAppendWriter, openStoreConnection, type QueuedWrite } from './sqlite-append-writer.js';
import type { WriterThreadData, WriterThreadRequest } from './sqlite-writer-thread.js';

/* The writer thread of one SQLite store (see sqlite-writer-thread.ts): commits each batch it is sent, answers its outcome. */

const { path } = workerData as WriterThreadData;
const db = openStoreConnection(path);
const writer = new SqliteAppendWriter(db, path);
parentPort!.on('message', (request: WriterThreadRequest) => {
  if (request.kind === 'close') {
    db.close();
    parentPort!.close();
    return;
  }
  parentPort!.postMessage(writer.commit(request.appends as QueuedWrite[], request.seen, request.sealKey, request.anchor ?? null));
});
