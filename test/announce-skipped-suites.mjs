/**
 * Jest's global setup, run once in the main process: a suite skipped for want of a server says so
 * where it cannot be missed (a skipped file's own console output is not shown).
 */
export default function announceSkippedSuites(globalConfig) {
  // Files named on the command line (`npm test -- <paths>`): only a skipped suite among them is announced (newcomer15 S5).
  const patterns = globalConfig?.testPathPatterns?.patterns ?? [];
  const selected = (file) => patterns.length === 0 || patterns.some((pattern) => new RegExp(pattern, 'i').test(file));
  if (!process.env.EVENTSTORE_CONNECTION_STRING && selected('test/event-store/eventstoredb-event-store.spec.ts')) {
    process.stdout.write(
      '\nEventStoreDB contract suite skipped: EVENTSTORE_CONNECTION_STRING is not set ' +
        '(e.g. EVENTSTORE_CONNECTION_STRING=esdb://localhost:2113?tls=false npm test, with `docker compose up eventstore`).\n',
    );
  }
  for (const file of ['test/e2e/store-health.e2e.spec.ts', 'test/e2e/full-disk-at-start-and-in-tools.e2e.spec.ts', 'test/e2e/backup-to-full-disk.e2e.spec.ts']) {
    if (typeof process.getuid === 'function' && process.getuid() !== 0 && selected(file)) {
      process.stdout.write(`Disk-full test skipped: mounting a small tmpfs needs root (${file}).\n`);
    }
  }
}
