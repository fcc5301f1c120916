import { AlteredRowError, type EventStore } from './event-store.port.js';
import type { WitnessKeeper } from './store-admission.js';
import type { StoreHealth } from './store-health.js';

/**
 * The store as the server uses it: a write (an append, a key reservation) is refused
 * (`StoreUnavailableError`) while the store is unhealthy, a write that fails for the store's state says why, and every head this server reaches
 * goes to the witness; a stream read that meets an altered row (`AlteredRowError`) is answered with
 * `StoreUnavailableError` and refuses writes from then on; a stream read or request look-up SQLite cannot do (an I/O error, a damaged
 * file) is answered with the store's standing problem (`StoreHealth.storeDamaged`), as /health names it. A proxy, like the metered store, so that everything else (reads, the
 * adapter's own methods, `instanceof`) passes through untouched.
 */
export function guardedEventStore<Store extends EventStore>(store: Store, health: StoreHealth, witness: WitnessKeeper): Store {
  const append: EventStore['appendToStream'] = async (streamId, events, options) => {
    const result = await health.guardWrite(() => store.appendToStream(streamId, events, options));
    // A retry the request index answered appended nothing: its position is the first append's.
    if (result.alreadyRecorded) return result;
    if (!witness.noteHead(result.position, events.at(-1)?.id ?? null)) health.logWentBackwards(result.position.commit.toString());
    return result;
  };
  const appendAll: EventStore['appendToStreams'] = async (appends) => {
    const results = await health.guardWrite(() => store.appendToStreams(appends));
    // The head this call reached: its last part that appended (one the index or stored ids answered appended nothing).
    const index = results.findLastIndex((result) => !result.alreadyRecorded);
    if (index >= 0 && !witness.noteHead(results[index]!.position, appends[index]!.events.at(-1)?.id ?? null)) health.logWentBackwards(results[index]!.position.commit.toString());
    return results;
  };
  // A key reservation is a write like an append: a degraded store takes none.
  const reserveRequest: EventStore['reserveRequest'] = (streamId, request) => health.guardWrite(() => store.reserveRequest(streamId, request));
  const readStream: EventStore['readStream'] = async (streamId, options) => {
    try {
      return await store.readStream(streamId, options);
    } catch (error) {
      if (error instanceof AlteredRowError) throw health.rowAltered(error);
      // breaker52-9 S3: SQLite failing to read the store (a file copied over it, a -wal cut short) is the store's standing problem.
      throw health.storeDamaged(error) ?? error;
    }
  };
  // A request-index row that is not its event's request (breaker9x P7) is answered as an altered row, as a stream read is.
  const findRequest: EventStore['findRequest'] = async (key) => {
    try {
      return await store.findRequest(key);
    } catch (error) {
      if (error instanceof AlteredRowError) throw health.rowAltered(error);
      // breaker52-9 S3: SQLite failing to read the store (a file copied over it, a -wal cut short) is the store's standing problem.
      throw health.storeDamaged(error) ?? error;
    }
  };
  const close: EventStore['close'] = async () => {
    witness.close();
    await store.close();
  };
  return new Proxy(store, {
    get(target, property) {
      if (property === 'appendToStream') return append;
      if (property === 'appendToStreams') return appendAll;
      if (property === 'close') return close;
      if (property === 'findRequest') return findRequest;
      if (property === 'reserveRequest') return reserveRequest;
      if (property === 'readStream') return readStream;
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
