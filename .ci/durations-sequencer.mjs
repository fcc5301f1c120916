import Sequencer from '@jest/test-sequencer';
import { readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';

const BaseSequencer = Sequencer.default ?? Sequencer;

/**
 * Seconds each test file took in a recent run of the whole suite (`.ci/test-durations.json`, written
 * from `test-results/test-durations-node20.json` — see `.ci/durations-reporter.mjs`): its CPU seconds
 * where measured (nearly the same on a loaded machine as on CI's own), else its wall seconds; relative
 * figures, used only to start the slowest files first.
 */
const committed = JSON.parse(readFileSync(new URL('./test-durations.json', import.meta.url), 'utf8'));
const KNOWN = { ...committed.seconds, ...committed.cpuSeconds };

/**
 * Jest's order, slowest file first, without Jest's cache too. Jest starts the files that took longest
 * last time first, so that no worker is left alone with a long file at the end; but it learns those
 * times from its cache, and CI starts from a fresh clone with none: it then orders by file size, and
 * a 10-minute walk of 350 lines could start when the other worker had little left to do. Here a
 * file's duration is the cache's when there is one (a developer's machine), else the committed list's,
 * else a guess from its size (1 s per 1,000 bytes: a new file is placed among files of its size until
 * the list is written again). Files that failed last time still come first (Jest's rule).
 */
export default class DurationsSequencer extends BaseSequencer {
  /** Seconds (cache: ms), or the size guess; never undefined, so every file is ordered by one measure. */
  time(test) {
    const cached = super.time(test);
    if (cached !== undefined && cached !== null) return cached / 1000;
    const known = KNOWN[relative(test.context.config.rootDir, test.path)];
    if (known !== undefined) return known;
    return statSync(test.path).size / 1000;
  }
}
