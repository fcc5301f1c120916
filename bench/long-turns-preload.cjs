// Loaded into the server by bench/long-turns.mjs (`node --require`): a 1 ms timer notes every stretch in which it could
// not run — the event loop held by one turn — longer than LONG_TURN_MS (default 12), as [from, to] in microseconds of
// process.hrtime (the clock V8's .cpuprofile uses), written to LONG_TURNS_FILE as the process exits.
'use strict';
const { writeFileSync } = require('node:fs');
const threshold = Number(process.env.LONG_TURN_MS || 12) * 1000;
const stretches = [];
let last = process.hrtime.bigint() / 1000n;
setInterval(() => {
  const now = process.hrtime.bigint() / 1000n;
  if (Number(now - last) > threshold) stretches.push([Number(last), Number(now)]);
  last = now;
}, 1).unref();
process.on('exit', () => writeFileSync(process.env.LONG_TURNS_FILE, JSON.stringify(stretches)));
