// Loaded into the server by bench/restarts.mjs (`node --expose-gc --require`): on SIGUSR2, two full collections, then
// process.memoryUsage() (bytes: rss, heapUsed, heapTotal, external, arrayBuffers) written to HEAP_REPORT_FILE as JSON —
// the heap the server keeps once what its start left behind is collected.
'use strict';
const { writeFileSync } = require('node:fs');
process.on('SIGUSR2', () => {
  globalThis.gc();
  globalThis.gc();
  writeFileSync(process.env.HEAP_REPORT_FILE, JSON.stringify(process.memoryUsage()));
});
