/**
 * Jest's global setup, run once in the main process: a suite skipped for want of a server says so
 * where it cannot be missed (a skipped file's own console output is not shown).
 */
export default function announceSkippedSuites() {
  if (!process.env.EVENTSTORE_CONNECTION_STRING) {
    process.stdout.write(
      '\nEventStoreDB contract suite skipped: EVENTSTORE_CONNECTION_STRING is not set ' +
        '(e.g. EVENTSTORE_CONNECTION_STRING=esdb://localhost:2113?tls=false npm test, with `docker compose up eventstore`).\n',
    );
  }
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    process.stdout.write('Disk-full test skipped: mounting a small tmpfs needs root (test/e2e/store-health.e2e.spec.ts).\n');
  }
}
