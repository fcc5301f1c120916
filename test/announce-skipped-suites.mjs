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
}
