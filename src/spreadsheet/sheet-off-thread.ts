import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import pLimit, { type LimitFunction } from 'p-limit';
import { currentRequest } from '../shared/request-scope.js';
import type { Columns } from './columns.js';
import type { ImportResult } from './import-problems.js';
import { readSpreadsheet, type SheetOptions, type Table } from './sheet.js';
import type { FileContent } from './text-file.js';
import { readTree, type TreeNode } from './tree.js';
import type { SheetSize } from './xlsx-size.js';

/*
 * Reading a spreadsheet is CPU work: a 5 MB CSV takes seconds, during which a server would answer
 * nobody. So is parsing a YAML or JSON file into its tree (breaker50-10 S2: a 3 000-item JSON plan
 * held the server 10 s, a 4.8 MB one minutes); both go the same way. It runs in a worker thread, with its own heap limit (an XLSX that inflates past it ends
 * the worker, not the server). Where the compiled worker is not there (specs run the TypeScript
 * sources), it runs inline.
 */

/** What the worker is given: all plain data (columns are declarations, not functions). */
export interface SheetWork {
  readonly content: FileContent;
  readonly format: 'csv' | 'xlsx';
  readonly columns: Columns<string>;
  readonly options: SheetOptions;
}

/** What a worker is given: a sheet to read as a table, or a YAML/JSON file to read as a tree. */
export type ReaderWork = ({ readonly kind: 'sheet' } & SheetWork) | { readonly kind: 'tree'; readonly content: FileContent; readonly format: 'yaml' | 'json' };

/** The heap a worker may use, in MB: a 5 MB file needs well under 200. */
const WORKER_HEAP_MB = 512;

const BUILT_WORKER = new URL('./sheet.worker.js', import.meta.url);

/**
 * How many sheets are read at once; the others wait their turn. Each reader may take
 * WORKER_HEAP_MB, so without a bound a few simultaneous imports (colleagues retrying the same
 * heavy file) could take gigabytes from an office server with 2 cores.
 */
export const CONCURRENT_SHEET_READERS = 2;
const sheetReaders = pLimit(CONCURRENT_SHEET_READERS);

/**
 * Per caller (the request's `caller`: an account, or an address without one): their sheets, one
 * at a time. So a caller holds at most one of the readers and waits behind their own reads, never
 * ahead of another office's (breaker12e P8: one supervisor's two dry runs of a heavy file made an
 * administrator's 2-row import wait 85 s); callers then take the readers in turn, first come first
 * served. Work outside a request (tools, tests) has no caller and queues for the readers directly.
 */
const callersReads = new Map<string, LimitFunction>();

/**
 * The longest one sheet may take to read, in ms: a reader still busy after it is stopped and the
 * file refused, to be split (breaker12e P8: a 150,000-row workbook kept a reader 34–87 s).
 */
export const SHEET_READ_LIMIT_MS = 60_000;

/** How many sheets are being read now, how many wait for a reader, and how many wait behind their own caller's (for health checks and tests). */
export const sheetReaderLoad = () => ({
  reading: sheetReaders.activeCount,
  waiting: sheetReaders.pendingCount,
  waitingBehindOwn: [...callersReads.values()].reduce((sum, reads) => sum + reads.pendingCount, 0),
});

/** Runs `read` after the caller's earlier reads (none: at once). */
async function inCallersTurn<T>(caller: string | undefined, read: () => Promise<T>): Promise<T> {
  if (caller === undefined) return read();
  const reads = callersReads.get(caller) ?? pLimit(1);
  callersReads.set(caller, reads);
  try {
    return await reads(read);
  } finally {
    if (reads.activeCount === 0 && reads.pendingCount === 0 && callersReads.get(caller) === reads) callersReads.delete(caller);
  }
}

/**
 * `readSpreadsheet` in a worker thread. `workerUrl` is the compiled sheet.worker.js (tests name
 * the one in dist/); without one beside this module the sheet is read inline.
 */
export async function readSpreadsheetOffThread<Key extends string>(
  content: FileContent,
  format: 'csv' | 'xlsx',
  columns: Columns<Key>,
  options: SheetOptions = {},
  workerUrl: URL = BUILT_WORKER,
  /** Stops the read once aborted (default: SHEET_READ_LIMIT_MS after it starts). */
  deadline: () => AbortSignal = () => AbortSignal.timeout(SHEET_READ_LIMIT_MS),
): Promise<ImportResult<'table', Table<Key>>> {
  if (workerUrl.protocol !== 'file:' || !existsSync(fileURLToPath(workerUrl))) return readSpreadsheet(content, format, columns, options);
  const work: ReaderWork = { kind: 'sheet', content, format, columns, options };
  return inCallersTurn(currentRequest()?.caller, () => sheetReaders(() => readInWorker<ImportResult<'table', Table<Key>>>(work, workerUrl, deadline())));
}

/**
 * `readTree` (a YAML or JSON file as a tree whose nodes know their line) in a worker thread, sharing
 * the sheet readers, their turns and their time and memory bounds; inline without a compiled
 * worker, as `readSpreadsheetOffThread`. Problems as `readTree`'s, or the reason the worker stopped.
 */
export async function readTreeOffThread(
  content: FileContent,
  format: 'yaml' | 'json',
  workerUrl: URL = BUILT_WORKER,
  deadline: () => AbortSignal = () => AbortSignal.timeout(SHEET_READ_LIMIT_MS),
): Promise<ImportResult<'tree', TreeNode>> {
  if (workerUrl.protocol !== 'file:' || !existsSync(fileURLToPath(workerUrl))) return readTree(content, format);
  const work: ReaderWork = { kind: 'tree', content, format };
  return inCallersTurn(currentRequest()?.caller, () => sheetReaders(() => readInWorker<ImportResult<'tree', TreeNode>>(work, workerUrl, deadline())));
}

/** One worker reading one file; answers its result, or the reason it stopped, as an import problem. */
function readInWorker<Result>(work: ReaderWork, workerUrl: URL, deadline: AbortSignal): Promise<Result> {
  type Stopped = { ok: false; problems: { row: null; reason: string; reasonZh: string }[] };
  return new Promise((resolve) => {
    const worker = new Worker(workerUrl, { workerData: work, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    let settled = false;
    // The workbook's sheets' sizes, sent by the worker before it reads their cells: what a refusal for time names.
    let sizes: readonly SheetSize[] = [];
    const tooLong = () => settle({ ok: false, problems: [{ row: null, ...slowReadReasons(sizes) }] });
    const settle = (result: Result | Stopped) => {
      if (settled) return;
      settled = true;
      deadline.removeEventListener('abort', tooLong);
      resolve(result as Result);
      void worker.terminate();
    };
    if (deadline.aborted) return tooLong();
    deadline.addEventListener('abort', tooLong, { once: true });
    worker.on('message', (message: Result | { sheetSizes: readonly SheetSize[] }) => {
      if (message !== null && typeof message === 'object' && 'sheetSizes' in message) sizes = message.sheetSizes;
      else settle(message as Result);
    });
    worker.once('error', (error: Error & { code?: string }) =>
      settle({
        ok: false,
        problems: [
          {
            row: null,
            ...(error.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? {
                  reason: `Reading the file needs more than the ${WORKER_HEAP_MB} MB an import may use; save it again from Excel, or split it.`,
                  reasonZh: `读取该文件所需内存超过导入允许的 ${WORKER_HEAP_MB} MB：请用 Excel 重新保存，或拆成几个文件。`,
                }
              : { reason: `The file cannot be read: ${error.message}`, reasonZh: '文件无法读取：内容已损坏或格式不对，请用 Excel 重新保存后再导入。' }),
          },
        ],
      }),
    );
    worker.once('exit', (code) =>
      settle({
        ok: false,
        problems: [{ row: null, reason: `The file cannot be read (the reader stopped with code ${code}).`, reasonZh: `文件无法读取（读取程序意外停止，代码 ${code}）。` }],
      }),
    );
  });
}

/** More columns than any plan or 台账 has (a wide 分解方案 has some 20): past it, the columns are what a slow read is blamed on. */
export const WIDE_SHEET_COLUMNS = 60;

/**
 * Why reading a file took longer than `SHEET_READ_LIMIT_MS`, from its sheets' sizes (`SheetSize`, the largest by cells named): a
 * sheet wider than `WIDE_SHEET_COLUMNS` is told to lose its unneeded columns — never to split its rows, which splits one plan into
 * several (breaker53-10 M2: 2 500 rows with 800 unused number columns, 2 million cells, were told 「每个少一些行」); one with many rows
 * to be split; without sizes (a CSV, YAML/JSON) the rows as before.
 */
export function slowReadReasons(sizes: readonly SheetSize[]): { reason: string; reasonZh: string } {
  const seconds = SHEET_READ_LIMIT_MS / 1000;
  const largest = [...sizes].sort((a, b) => b.cells - a.cells)[0];
  if (largest === undefined || largest.cells === 0) {
    return {
      reason: `Reading the file took longer than the ${seconds} s an import may take: split it into smaller files (fewer rows each) and import them one after another.`,
      reasonZh: `读取该文件用时超过导入允许的 ${seconds} 秒：请把文件拆成几个较小的文件（每个少一些行），再逐个导入。`,
    };
  }
  const columns = Math.max(largest.columns, largest.rows === 0 ? 0 : Math.ceil(largest.cells / largest.rows));
  const where = sizes.length > 1 ? `工作表“${largest.sheet}”` : `该文件（工作表“${largest.sheet}”）`;
  const whereEn = `sheet "${largest.sheet}"`;
  const counts = `${largest.rows} 行、${columns} 列，共 ${largest.cells} 个单元格`;
  const countsEn = `${largest.rows} rows and ${columns} columns, ${largest.cells} cells written`;
  if (columns > WIDE_SHEET_COLUMNS) {
    return {
      reason:
        `Reading the file took longer than the ${seconds} s an import may take: ${whereEn} has ${countsEn} — far more columns than a plan or ledger has. ` +
        `Delete the columns the import does not need (keep the table's own columns), save, and import again; the rows need not be split.`,
      reasonZh:
        `读取该文件用时超过导入允许的 ${seconds} 秒：${where}有 ${counts}，列数远多于方案或台账所需。` +
        `请删去导入不需要的列（只保留表格本身的各列）并保存后重新导入，不必拆分行。`,
    };
  }
  return {
    reason: `Reading the file took longer than the ${seconds} s an import may take: ${whereEn} has ${countsEn}. Split it into smaller files (fewer rows each) and import them one after another.`,
    reasonZh: `读取该文件用时超过导入允许的 ${seconds} 秒：${where}有 ${counts}。请把文件拆成几个较小的文件（每个少一些行），再逐个导入。`,
  };
}
