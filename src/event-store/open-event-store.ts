import { AppSettings } from '../config/app-settings.js';
import { EventStore } from './event-store.port.js';
import { SqliteEventStore } from './sqlite-event-store.js';

/**
 * Opens the configured store; the server and the command-line tools share this choice.
 * `readOnly`: a tool that only reads (SQLite: a read-only connection that never writes the file nor
 * its -wal, see SqliteEventStoreOptions.readOnly; EventStoreDB: reads only by what the tool calls).
 * The EventStoreDB adapter is imported here, when chosen: its client and gRPC cost every SQLite start 0.4 s of CPU (session 54).
 */
export async function openEventStore(
  settings: Pick<AppSettings, 'EVENT_STORE' | 'SQLITE_PATH' | 'EVENTSTORE_CONNECTION_STRING'>,
  options: { readOnly?: boolean } = {},
): Promise<EventStore> {
  if (settings.EVENT_STORE === 'eventstoredb') {
    const { EventStoreDbEventStore } = await import('./eventstoredb-event-store.js');
    return new EventStoreDbEventStore(settings.EVENTSTORE_CONNECTION_STRING!);
  }
  return new SqliteEventStore(settings.SQLITE_PATH, { readOnly: options.readOnly === true });
}
