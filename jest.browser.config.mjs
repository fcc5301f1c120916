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
  testTimeout: 90000,
  maxWorkers: 1,
  globalSetup: undefined,
};
