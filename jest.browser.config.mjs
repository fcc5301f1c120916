import base from './jest.config.mjs';

/**
 * The browser suite: Playwright (playwright-core) driving Debian's Chromium against the real app.
 * Run with `npm run test:browser` (builds the server and the web app first). Separate from `npm test`
 * because it needs /usr/bin/chromium (`.ci/run` installs it) and a built web app.
 */
export default {
  ...base,
  roots: ['<rootDir>/test/browser'],
  testMatch: ['**/*.browser.ts'],
  // Ceilings, not expectations: a test waits on conditions and ends as soon as they hold; on a machine shared
  // by other builds (load 40–60) the role walks took over 90 s, so the ceiling leaves room for that.
  testTimeout: 300000,
  // Two files at a time, each with its own app (its own SQLite file, a free port) and its own Chromium:
  // the machine has two cores, and one file at a time left one mostly idle while a page waited on the
  // server or the server on the page.
  maxWorkers: 2,
  globalSetup: undefined,
  reporters: ['default', ['<rootDir>/.ci/durations-reporter.mjs', { name: 'browser' }]],
};
