import { parentPort, workerData } from 'node:worker_threads';
import { onSheetSizes, readSpreadsheet } from './sheet.js';
import type { ReaderWork } from './sheet-off-thread.js';
import { readTree } from './tree.js';

/* The worker that reads one spreadsheet, or one YAML/JSON tree, off the main thread (see sheet-off-thread.ts). */

const work = workerData as ReaderWork;
// The sheets' sizes go first: if reading their cells takes too long, the refusal names them (breaker53-10 M2).
onSheetSizes((sizes) => parentPort!.postMessage({ sheetSizes: sizes }));
parentPort!.postMessage(work.kind === 'tree' ? readTree(work.content, work.format) : await readSpreadsheet(work.content, work.format, work.columns, work.options));
