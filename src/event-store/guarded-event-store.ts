import type { EventStore } from './event-store.port.js';
import type { WitnessKeeper } from './store-admission.js';
import type { StoreHealth } from './store-health.js';

/**
 * The store as the server uses it: a write is refused (`StoreUnavailableError`) while the store is
 * unhealthy, a write that fails for the store's state says why, and every head this server reaches
 * goes to the witness. A proxy, like the metered store, so that everything else (reads, the
 * adapter's own methods, `instanceof`) passes through untouched.
 */
export function guardedEventStore<Store extends EventStore>(store: Store, health: StoreHealth, witness: WitnessKeeper): Store {
  const append: EventStore['appendToStream'] = async (streamId, events, options) => {
    const refusal = health.writeRefusal();
    if (refusal) throw refusal;
    let result;
    try {
      result = await store.appendToStream(streamId, events, options);
    } catch (error) {
      throw health.noteWriteFailure(error) ?? error;
    }
    health.noteWriteSuccess();
    // A retry the request index answered appended nothing: its position is the first append's.
    if (result.alreadyRecorded) return result;
    if (!witness.noteHead(result.position, events.at(-1)?.id ?? null)) health.logWentBackwards(result.position.commit.toString());
    return result;
  };
  const close: EventStore['close'] = async () => {
    witness.close();
    await store.close();
  };
  return new Proxy(store, {
    get(target, property) {
      if (property === 'appendToStream') return append;
      if (property === 'close') return close;
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
