// Loaded into the server by bench/long-turns.mjs (`node --require`): a 1 ms timer notes every stretch in which it could
// not run — the event loop held by one turn — longer than LONG_TURN_MS (default 12), as [from, to, cpu] (from, to in
// microseconds of process.hrtime, the clock V8's .cpuprofile uses; cpu: the process's CPU time in it, µs, from
// process.cpuUsage — on a loaded machine a stretch is also time the process waited to be scheduled, its CPU time is not),
// written to LONG_TURNS_FILE as the process exits.
'use strict';
const { writeFileSync } = require('node:fs');
const threshold = Number(process.env.LONG_TURN_MS || 12) * 1000;
const stretches = [];
let last = process.hrtime.bigint() / 1000n;
let lastCpu = process.cpuUsage();
setInterval(() => {
  const now = process.hrtime.bigint() / 1000n;
  const cpu = process.cpuUsage(lastCpu);
  if (Number(now - last) > threshold) stretches.push([Number(last), Number(now), cpu.user + cpu.system]);
  last = now;
  lastCpu = process.cpuUsage();
}, 1).unref();
process.on('exit', () => writeFileSync(process.env.LONG_TURNS_FILE, JSON.stringify(stretches)));
