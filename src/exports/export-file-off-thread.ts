import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DomainError, say } from '../shared/domain-error.js';
import { FairQueue, SERVER } from '../shared/fair-queue.js';
import { currentRequest, WorkAbandoned } from '../shared/request-scope.js';
import { tableToCsv, tableToXlsx, type ExportFormat } from './export-files.js';
import type { ExportTable } from './export-table.js';

/*
 * Writing an export file is CPU work that grows with the rows: the whole platform's 整改台账 at 100k
 * events (17,661 rows) took 12–15 s of event loop as XLSX, during which the server answered nobody
 * (breaker12c P9). The file is written in a worker thread, and exports run through a fair queue: a
 * few at once, one waiting per caller, dropped when the caller has gone.
 */

/** What the worker is given: all plain data. */
export interface ExportFileWork {
  readonly table: ExportTable;
  readonly format: ExportFormat;
  /** The XLSX sheet's name (整改台账, 工作方案进展). */
  readonly sheetName: string;
}

/** The heap one writer may use, in MB: the 100k platform's ledger (17,661 rows) takes about 300. */
const WORKER_HEAP_MB = 1024;

const BUILT_WORKER = new URL('./export-file.worker.js', import.meta.url);

/** Export files written at once; more wait their turn (each writer may take WORKER_HEAP_MB, and the machine may have 2 cores). */
export const EXPORTS_AT_ONCE = 2;

/**
 * Exports one caller may have waiting: one; a second is refused (TOO_MANY_REQUESTS) rather than
 * queued, so that pressing 导出 again and again queues nothing more (it also waits for the first).
 */
export const EXPORTS_WAITING_PER_CALLER = 1;

const refusal = (waiting: number) =>
  new DomainError(
    'TOO_MANY_REQUESTS',
    say(
      `Your previous export is still waiting its turn (${waiting} waiting): wait for that download before asking for another.`,
      `您的上一个导出仍在排队等待生成（${waiting} 个）：请等该文件下载完成后再导出。`,
    ),
    { waitingExports: waiting },
  );

const exports = new FairQueue(EXPORTS_AT_ONCE, EXPORTS_WAITING_PER_CALLER, refusal);

/** Exports being made now, and those waiting their turn (for /metrics and tests). */
export const exportsInProgress = (): { running: number; waiting: number } => exports.counts;

/**
 * Makes one export when its turn comes: `table()` (the rows, read on the main thread from the read
 * models) then the file, written off the main thread. For the request this runs in (its caller, as
 * the rate limit counts it; its signal); outside any request (the CLI) for the server.
 * `workerUrl`: the compiled export-file.worker.js (tests name the one in dist/); without one beside
 * this module the file is written inline.
 * @throws DomainError TOO_MANY_REQUESTS when the caller already has an export waiting; BAD_USER_INPUT (too large:
 *   when writing the file needs more memory than a writer may use; whatever `table()` throws.
 * @throws WorkAbandoned when the caller has gone before its turn came.
 */
export function makeExportFile(
  table: () => Promise<ExportTable>,
  format: ExportFormat,
  sheetName: string,
  workerUrl: URL = BUILT_WORKER,
): Promise<{ table: ExportTable; bytes: Uint8Array }> {
  const scope = currentRequest();
  return exports.run(scope?.caller ?? SERVER, scope?.signal, async (signal) => {
    const rows = await table();
    if (signal?.aborted) throw new WorkAbandoned();
    return { table: rows, bytes: await writeExportFile({ table: rows, format, sheetName }, workerUrl) };
  });
}

/** The file's bytes, written in a worker thread (inline when no compiled worker is there: specs of the TypeScript sources). */
export async function writeExportFile(work: ExportFileWork, workerUrl: URL = BUILT_WORKER): Promise<Uint8Array> {
  if (workerUrl.protocol !== 'file:' || !existsSync(fileURLToPath(workerUrl))) {
    return work.format === 'xlsx' ? tableToXlsx(work.table, work.sheetName) : tableToCsv(work.table);
  }
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl, { workerData: work, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
      void worker.terminate();
    };
    worker.once('message', (bytes: Uint8Array) => settle(() => resolve(bytes)));
    worker.once('error', (error: Error & { code?: string }) =>
      settle(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new DomainError(
                'BAD_USER_INPUT',
                say(
                  `Writing this file needs more than the ${WORKER_HEAP_MB} MB an export may use: export it as CSV, or one evaluation at a time.`,
                  `生成该文件所需内存超过导出允许的 ${WORKER_HEAP_MB} MB：请导出 CSV，或按评估分别导出。`,
                ),
              )
            : error,
        ),
      ),
    );
    worker.once('exit', (code) => settle(() => reject(new Error(`The export file writer stopped with code ${code}.`))));
  });
}
