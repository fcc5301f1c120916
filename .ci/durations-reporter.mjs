import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Where a run's time went: after the run, prints the slowest files (by CPU seconds when measured,
 * else wall seconds) with their share of the run, and writes every file's wall and CPU seconds to
 * `test-results/test-durations-<name>.json` (`<name>`: `node20`, `node22`, … or `browser`, as the
 * config names it) in the format of `.ci/test-durations.json`, which orders CI's files slowest first
 * (`.ci/durations-sequencer.mjs`).
 *
 * - `seconds`: wall seconds per file as Jest measures them (a file's run in its worker, from start to
 *   end): on a machine shared with other work they measure the load as much as the file.
 * - `cpuSeconds`: CPU seconds per file — its worker's and the child processes' it started and
 *   reaped (servers, tools, Chromium) — measured by
 *   `.ci/cpu-environment.mjs` (Linux only; absent elsewhere). Nearly independent of the load: compare
 *   these across runs and machines, and copy them into `.ci/test-durations.json`.
 */
export default class DurationsReporter {
  constructor(globalConfig, options = {}) {
    this.rootDir = globalConfig.rootDir;
    this.name = options.name ?? 'jest';
    this.shown = options.shown ?? 15;
    this.cpuDirectory = join(this.rootDir, 'test-results', 'cpu');
  }

  /**
   * The CPU seconds this run's environments wrote, by file (its workers' files are named after this
   * process, `<pid>.<worker pid>.jsonl`; a file run in this process, `<parent pid>.<pid>.jsonl`), and
   * those files removed. Another Jest run in the same checkout at once keeps its own.
   */
  cpuByFile() {
    const byFile = {};
    let files = [];
    try {
      files = readdirSync(this.cpuDirectory).filter((file) => file.endsWith('.jsonl') && file.split('.').slice(0, 2).includes(String(process.pid)));
    } catch {
      return byFile;
    }
    for (const file of files) {
      for (const line of readFileSync(join(this.cpuDirectory, file), 'utf8').split('\n').filter(Boolean)) {
        const { path, cpuSeconds } = JSON.parse(line);
        byFile[path] = cpuSeconds;
      }
    }
    for (const file of files) rmSync(join(this.cpuDirectory, file), { force: true });
    return byFile;
  }

  onRunComplete(_contexts, results) {
    const cpu = this.cpuByFile();
    const measured = results.testResults
      .filter((result) => !result.skipped && result.perfStats.end > 0)
      .map((result) => {
        const path = relative(this.rootDir, result.testFilePath);
        return { path, wall: Math.round((result.perfStats.end - result.perfStats.start) / 100) / 10, cpu: cpu[path] };
      });
    if (measured.length === 0) return;
    const byCpu = measured.every((each) => each.cpu !== undefined);
    const key = (each) => (byCpu ? each.cpu : each.wall);
    measured.sort((a, b) => key(b) - key(a));
    const seconds = Object.fromEntries(measured.map((each) => [each.path, each.wall]));
    const cpuSeconds = byCpu ? Object.fromEntries(measured.map((each) => [each.path, each.cpu])) : undefined;
    const sumWall = measured.reduce((total, each) => total + each.wall, 0);
    const sumCpu = byCpu ? measured.reduce((total, each) => total + each.cpu, 0) : undefined;
    const wall = (Date.now() - results.startTime) / 1000;
    const load = (() => {
      try {
        return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
      } catch {
        return undefined;
      }
    })();
    const directory = join(this.rootDir, 'test-results');
    mkdirSync(directory, { recursive: true });
    const file = join(directory, `test-durations-${this.name}.json`);
    writeFileSync(
      file,
      `${JSON.stringify({ measuredAt: new Date().toISOString(), wallSeconds: Math.round(wall), ...(byCpu ? { cpuSecondsSummed: Math.round(sumCpu) } : {}), ...(load ? { loadAverageAtEnd: load } : {}), seconds, ...(cpuSeconds ? { cpuSeconds } : {}) }, null, 1)}\n`,
    );
    const total = byCpu ? sumCpu : sumWall;
    const lines = measured
      .slice(0, this.shown)
      .map((each) => `${each.wall.toFixed(1).padStart(8)} s wall${byCpu ? `${each.cpu.toFixed(1).padStart(8)} s CPU` : ''} ${((100 * key(each)) / total).toFixed(1).padStart(5)} %  ${each.path}`);
    process.stderr.write(
      `\nWhere the time went (${this.name}): ${measured.length} files, ${Math.round(sumWall)} s summed over the workers${byCpu ? `, ${Math.round(sumCpu)} s of CPU (servers and tools they started included)` : ''}, ${Math.round(wall)} s of wall time${load ? ` (load average at the end ${load})` : ''}; the ${byCpu ? 'costliest in CPU' : 'slowest'} ${lines.length}:\n${lines.join('\n')}\nEvery file's seconds: ${relative(this.rootDir, file)}\n`,
    );
  }
}
