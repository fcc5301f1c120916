import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Where a run's time went: after the run, prints the slowest files with their share of the sum of
 * all files' times, and writes every file's seconds to `test-results/test-durations-<name>.json`
 * (`<name>`: `node20`, `node22`, … or `browser`, as the config names it) in the format of
 * `.ci/test-durations.json`, which orders CI's files slowest first (`.ci/durations-sequencer.mjs`):
 * after a whole-suite run on a quiet machine, copy the `seconds` of `test-results/test-durations-node20.json` into it
 * (browser files: merge `…-browser.json` in). Figures are wall seconds per file, as Jest measures them
 * (a file's run in its worker, from start to end): relative only, the machine being shared.
 */
export default class DurationsReporter {
  constructor(globalConfig, options = {}) {
    this.rootDir = globalConfig.rootDir;
    this.name = options.name ?? 'jest';
    this.shown = options.shown ?? 15;
  }

  onRunComplete(_contexts, results) {
    const seconds = Object.fromEntries(
      results.testResults
        .filter((result) => !result.skipped && result.perfStats.end > 0)
        .map((result) => [relative(this.rootDir, result.testFilePath), Math.round((result.perfStats.end - result.perfStats.start) / 100) / 10])
        .sort((a, b) => b[1] - a[1]),
    );
    const entries = Object.entries(seconds);
    if (entries.length === 0) return;
    const sum = entries.reduce((total, [, each]) => total + each, 0);
    const wall = (Date.now() - results.startTime) / 1000;
    const directory = join(this.rootDir, 'test-results');
    mkdirSync(directory, { recursive: true });
    const file = join(directory, `test-durations-${this.name}.json`);
    writeFileSync(file, `${JSON.stringify({ measuredAt: new Date().toISOString(), wallSeconds: Math.round(wall), seconds }, null, 1)}\n`);
    const lines = entries.slice(0, this.shown).map(([path, each]) => `${each.toFixed(1).padStart(8)} s ${((100 * each) / sum).toFixed(1).padStart(5)} %  ${path}`);
    process.stderr.write(
      `\nWhere the time went (${this.name}): ${entries.length} files, ${Math.round(sum)} s summed over the workers, ${Math.round(wall)} s of wall time; the slowest ${lines.length}:\n${lines.join('\n')}\nEvery file's seconds: ${relative(this.rootDir, file)}\n`,
    );
  }
}
