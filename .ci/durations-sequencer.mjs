import Sequencer from '@jest/test-sequencer';
import { readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';

const BaseSequencer = Sequencer.default ?? Sequencer;

/**
 * What each test file costs, from a recent run (`.ci/test-durations.json`, written from
 * `test-results/test-durations-node20.json` — see `.ci/durations-reporter.mjs`): its CPU seconds where
 * measured (nearly the same on a loaded machine as on CI's own); else its wall seconds scaled by the
 * list's CPU/wall ratio (over the files with both), so that a file timed only on a loaded machine is
 * not placed ahead of costlier ones. Relative figures, used only to start the costliest files first.
 *
 * @param {{ seconds?: Record<string, number>, cpuSeconds?: Record<string, number> }} committed the list
 * @returns {{ known: Record<string, number>, cpuPerWall: number }} seconds by rootDir-relative path, and
 *   the ratio (1 when the list has no CPU seconds)
 */
export function costsOf(committed) {
  const wall = committed.seconds ?? {};
  const cpu = committed.cpuSeconds ?? {};
  const both = Object.keys(cpu).filter((path) => wall[path] > 0);
  const cpuPerWall = both.length === 0 ? 1 : both.reduce((sum, path) => sum + cpu[path], 0) / both.reduce((sum, path) => sum + wall[path], 0);
  return { known: { ...Object.fromEntries(Object.entries(wall).map(([path, seconds]) => [path, seconds * cpuPerWall])), ...cpu }, cpuPerWall };
}

const { known: KNOWN, cpuPerWall: CPU_PER_WALL } = costsOf(JSON.parse(readFileSync(new URL('./test-durations.json', import.meta.url), 'utf8')));

/**
 * Jest's order, slowest file first, without Jest's cache too. Jest starts the files that took longest
 * last time first, so that no worker is left alone with a long file at the end; but it learns those
 * times from its cache, and CI starts from a fresh clone with none: it then orders by file size, and
 * a 10-minute walk of 350 lines could start when the other worker had little left to do. Here a
 * file's duration is the cache's when there is one (a developer's machine), else the committed list's,
 * else a guess from its size (1 s of wall per 1,000 bytes, scaled like the list's wall seconds: a new
 * file is placed among files of its size until the list is written again). Files that failed last time still come first (Jest's rule).
 */
export default class DurationsSequencer extends BaseSequencer {
  /** Seconds (cache: ms), or the size guess; never undefined, so every file is ordered by one measure. */
  time(test) {
    const cached = super.time(test);
    if (cached !== undefined && cached !== null) return cached / 1000;
    const known = KNOWN[relative(test.context.config.rootDir, test.path)];
    if (known !== undefined) return known;
    return (statSync(test.path).size / 1000) * CPU_PER_WALL;
  }
}
