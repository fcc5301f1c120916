import type { EventStore } from '../event-store/event-store.port.js';
import type { Metrics } from './metrics.js';

/**
 * The same store, with its appends counted and timed. A proxy rather than a wrapper class, so
 * that whatever the port gains later passes through untouched.
 */
export function meteredEventStore<Store extends EventStore>(store: Store, metrics: Metrics): Store {
  const append: EventStore['appendToStream'] = async (streamId, events, options) => {
    const stop = metrics.appendDuration.startTimer();
    try {
      const result = await store.appendToStream(streamId, events, options);
      metrics.eventsAppended.inc(events.length);
      return result;
    } finally {
      stop();
    }
  };
  const appendAll: EventStore['appendToStreams'] = async (appends) => {
    const stop = metrics.appendDuration.startTimer();
    try {
      const results = await store.appendToStreams(appends);
      metrics.eventsAppended.inc(appends.reduce((count, part, index) => count + (results[index]?.alreadyRecorded ? 0 : part.events.length), 0));
      return results;
    } finally {
      stop();
    }
  };
  return new Proxy(store, {
    get(target, property) {
      if (property === 'appendToStream') return append;
      if (property === 'appendToStreams') return appendAll;
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
