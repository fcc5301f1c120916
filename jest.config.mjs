const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};

/** Jest runs the code as native ES modules, like production does (NestJS 12 ships ESM only). */
export default {
  // Jest's Node environment, also measuring each file's CPU seconds (servers it starts included) for the report below.
  testEnvironment: '<rootDir>/.ci/cpu-environment.mjs',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper: {
    // graphql-js's type tests as production runs them (test/support/graphql-instance-of.cjs says why).
    '^\\.{1,2}/jsutils/instanceOf\\.m?js$': '<rootDir>/test/support/graphql-instance-of.cjs',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  // A generous ceiling: the suite runs beside other work on 2 shared cores; tests wait on conditions, not times.
  testTimeout: 300000,
  // Each test file loads the app's modules afresh (native ESM under vm modules), and a worker keeps
  // what they allocate: run in one process the full suite reached V8's 4 GB heap and aborted CI (exit
  // 134 after 1,110 s). A worker over this size after a file is replaced; setting it also makes Jest
  // use a worker even with one core to spare, never the main process.
  workerIdleMemoryLimit: '1GB',
  // A worker of up to that size takes about a second to die once its last file is done on the loaded 2-core machine (an
  // 850 MB heap: 1.0–1.3 s from its exit event to gone, load 22, ci56a), past Jest's 500 ms: it was killed and reported
  // 「A worker process has failed to exit gracefully」 with nothing left open (each browser file's handles read after it: none).
  // Given 10 s, a worker that really leaks (never exits) is still reported.
  workerGracefulExitTimeout: 10_000,
  globalSetup: '<rootDir>/test/announce-skipped-suites.mjs',
  // Slowest file first, also on CI's fresh clone where Jest has no timings of its own (.ci/durations-sequencer.mjs).
  testSequencer: '<rootDir>/.ci/durations-sequencer.mjs',
  // After the run: the slowest files and every file's seconds in test-results/ (where the time goes).
  reporters: ['default', ['<rootDir>/.ci/durations-reporter.mjs', { name: `node${process.versions.node.split('.')[0]}` }]],
};
