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
  maxWorkers: 1,
  globalSetup: undefined,
};
