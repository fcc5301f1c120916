import { parentPort, workerData } from 'node:worker_threads';
import { tableToCsv, tableToXlsx } from './export-files.js';
import type { ExportFileWork } from './export-file-off-thread.js';

/* The worker that writes one export file off the main thread (see export-file-off-thread.ts). */

const { table, format, sheetName } = workerData as ExportFileWork;
const bytes = format === 'xlsx' ? await tableToXlsx(table, sheetName) : tableToCsv(table);
// A Buffer may be a view into Node's shared pool: copy it into a buffer of its own to hand it over.
const own = new Uint8Array(bytes.byteLength);
own.set(bytes);
parentPort!.postMessage(own, [own.buffer]);
