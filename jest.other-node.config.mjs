import base from './jest.config.mjs';

/**
 * What CI runs on Node 22 and 24 after the whole suite has passed on Node 20: the parts whose
 * behaviour can differ between Node versions, not every rule again (the domain is plain TypeScript
 * and behaves alike on each). Run with `bash scripts/with-node.sh 24 npm run test:other-node`.
 *
 * - every compiled module of dist/ loaded by that Node's own ESM loader in one process, its worker
 *   modules started, its tools' --help run, and the app created from them in that process
 *   (test/other-node/every-module.other-node.ts). Until session 54 every unit spec under src/ ran
 *   again instead "to load each module under that Node's ESM loader" — but Jest loads them through its
 *   own registry, not that loader, and they cost 120–200 s of CPU a run; see the README, Where CI's time goes;
 * - the unit specs whose results can differ by version: the pinyin and numeric collation of
 *   `Intl.Collator` (ICU differs between versions: chinese-order, unit-item-workload) and worker threads
 *   with a heap limit (the spreadsheet reader and the export writer);
 * - the event-store contract suites and the ledger (better-sqlite3, rebuilt for that Node's ABI; node:crypto);
 * - end-to-end files that start the built server as a child process, sign in (argon2's native addon),
 *   drive the whole workflow, import a spreadsheet (exceljs, jszip streams), recover from a crash,
 *   read v1 events and keep a signed ledger.
 *
 * The full suite on all three versions took over 60 minutes of CI (stop 21: 1,110 s for 129 of 187
 * files on Node 20 alone). Measured on one worker at load 13 (2026-11-30): the whole suite 2,069 s;
 * this set about 360 s. Left out for their length, each Node-agnostic in what it checks:
 * read-model-snapshots (210 s; the snapshot file's format and stamp are unit specs under src/), store-health (148 s),
 * work-plan-import (105 s; rectification-ledger-import reads a workbook the same way), authentication (55 s).
 */
export default {
  ...base,
  testMatch: [
    '<rootDir>/test/other-node/every-module.other-node.ts',
    ...['shared/chinese-order', 'unit-workload/unit-item-workload', 'spreadsheet/sheet-off-thread', 'exports/export-file-off-thread'].map((name) => `<rootDir>/src/${name}.spec.ts`),
    '<rootDir>/test/event-store/**/*.spec.ts',
    '<rootDir>/test/event-sourcing/**/*.spec.ts',
    '<rootDir>/test/ledger/**/*.spec.ts',
    ...[
      'server-process',
      'sign-in',
      'rectification-workflow',
      'rectification-ledger-import',
      'crash-recovery',
      'v1-events',
      'ledger',
    ].map((name) => `<rootDir>/test/e2e/${name}.e2e.spec.ts`),
  ],
};
