import { Worker } from 'node:worker_threads';
import { describeFailure, messageOf, type AppendFailure, type BatchOutcome, type LogAnchor, type QueuedWrite } from './sqlite-append-writer.js';

/** What the writer thread is started with. */
export interface WriterThreadData {
  readonly path: string;
  /** The device and inode of the file the server opened at `path` (null: not known): the only file the thread opens (`openWriterConnection`). */
  readonly file: { readonly dev: number; readonly ino: number } | null;
}

/** A message to the writer thread: a batch to commit, or the order to close its connection and end. */
export type WriterThreadRequest =
  | { readonly kind: 'commit'; readonly appends: readonly QueuedWrite[]; readonly seen: number; readonly sealKey: Uint8Array | null; readonly anchor?: LogAnchor | null }
  | { readonly kind: 'close' };

/**
 * A worker thread with its own connection to the store's file, committing one batch at a time, so
 * that the event loop goes on serving requests (and queueing the next batch) while a commit waits
 * for fsync.
 *
 * Why a thread (measured 2026-11-29 on the shared 2-core machine, load average ≈ 30, alternating
 * runs): with 64 connections of `recordFinding` both ways are bound by the main thread's CPU
 * (inline 36–46 req/s, thread 33–43 req/s: no clear difference), but with 8 connections of
 * mutations and one of queries, queries waited half as long with the thread (p50 36–82 ms against
 * 126–128 ms inline), since an inline fsync (5–15 ms here) stops every other request; 64 store-level
 * appenders gave 0.24–0.30 of raw batched SQLite with the thread, 0.22–0.23 inline. An in-memory
 * store and the specs (TypeScript sources, no compiled worker) commit inline. Started at the first commit; holds the process open only while a commit is under way,
 * so a command-line tool that forgets to close its store still exits. A thread that dies fails the
 * batch it held, and the next commit starts another.
 */
export class WriterThread {
  private worker: Worker | null = null;
  /** The batch under way, and the thread it was sent to. */
  private pending: { readonly worker: Worker; readonly resolve: (outcome: BatchOutcome) => void } | null = null;

  constructor(
    private readonly module: URL,
    private readonly path: string,
    private readonly file: { readonly dev: number; readonly ino: number } | null = null,
  ) {}

  /** Commits one batch on the thread; one at a time (the store waits for each before the next). */
  commit(appends: readonly QueuedWrite[], seen: number, sealKey: Uint8Array | null, anchor: LogAnchor | null = null): Promise<BatchOutcome> {
    const worker = this.worker ?? this.start();
    worker.ref();
    return new Promise<BatchOutcome>((resolve) => {
      this.pending = { worker, resolve };
      worker.postMessage({ kind: 'commit', appends, seen, sealKey, anchor } satisfies WriterThreadRequest);
    });
  }

  /** Ends the thread once it has closed its connection. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.ref();
    worker.postMessage({ kind: 'close' } satisfies WriterThreadRequest);
    await exited;
  }

  private start(): Worker {
    const worker = new Worker(this.module, {
      workerData: { path: this.path, file: this.file } satisfies WriterThreadData,
      // A worker inherits the process's flags; --input-type (a script given with -e) fails a module file.
      execArgv: process.execArgv.filter((flag) => !flag.startsWith('--input-type')),
    });
    worker.unref();
    worker.on('message', (outcome: BatchOutcome) => this.answer(worker, outcome));
    worker.on('error', (error: unknown) => this.lost(worker, threadFailure(error)));
    worker.on('exit', (code) => this.lost(worker, { kind: 'writer-thread', message: `it stopped with code ${code}` }));
    this.worker = worker;
    return worker;
  }

  private answer(worker: Worker, outcome: BatchOutcome) {
    worker.unref();
    // A thread that already failed its batch may still report its exit: it answers nothing more.
    if (this.pending?.worker !== worker) return;
    const { resolve } = this.pending;
    this.pending = null;
    resolve(outcome);
  }

  /** The thread is gone: the batch it held is failed (whether it committed is unknown to its callers). */
  private lost(worker: Worker, failure: AppendFailure) {
    if (this.worker === worker) this.worker = null;
    this.answer(worker, { committed: false, failure });
  }
}

/**
 * What an error the writer thread died of is, as plain data: SQLite's code kept (a full disk is DISK_FULL, not an unknown
 * failure), and always a reason (breaker53-9 M3: better-sqlite3's error crosses the thread without its message — it was
 * said as "failed: undefined" and answered to clients unclassified).
 */
function threadFailure(error: unknown): AppendFailure {
  const described = describeFailure(error);
  if (described.kind === 'sqlite') return described;
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  const reason = messageOf(error) ?? (typeof code === 'string' ? code : null) ?? 'it ended with an error that says nothing of itself';
  return { kind: 'writer-thread', message: reason };
}
