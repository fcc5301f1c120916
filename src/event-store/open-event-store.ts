import { AppSettings } from '../config/app-settings.js';
import { EventStoreDbEventStore } from './eventstoredb-event-store.js';
import { EventStore } from './event-store.port.js';
import { SqliteEventStore } from './sqlite-event-store.js';

/**
 * Opens the configured store; the server and the command-line tools share this choice.
 * `readOnly`: a tool that only reads (SQLite: a read-only connection that never writes the file nor
 * its -wal, see SqliteEventStoreOptions.readOnly; EventStoreDB: reads only by what the tool calls).
 */
export function openEventStore(
  settings: Pick<AppSettings, 'EVENT_STORE' | 'SQLITE_PATH' | 'EVENTSTORE_CONNECTION_STRING'>,
  options: { readOnly?: boolean } = {},
): EventStore {
  if (settings.EVENT_STORE === 'eventstoredb') {
    return new EventStoreDbEventStore(settings.EVENTSTORE_CONNECTION_STRING!);
  }
  return new SqliteEventStore(settings.SQLITE_PATH, { readOnly: options.readOnly === true });
}
