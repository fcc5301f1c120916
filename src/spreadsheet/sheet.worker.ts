import { parentPort, workerData } from 'node:worker_threads';
import { readSpreadsheet } from './sheet.js';
import type { SheetWork } from './sheet-off-thread.js';

/* The worker that reads one spreadsheet off the main thread (see sheet-off-thread.ts). */

const { content, format, columns, options } = workerData as SheetWork;
parentPort!.postMessage(await readSpreadsheet(content, format, columns, options));
