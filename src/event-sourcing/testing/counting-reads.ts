import type { EventStore } from '../../event-store/event-store.port.js';

/**
 * `store` seen through a proxy that counts the rows every `readStream` hands back; every other
 * method is the store's own. For specs that prove a command reads what was appended since the last
 * one, not the whole stream (FoldedStreams, breaker12e P3): counted in rows, never timed.
 *
 * @returns the counted store and `rowsRead()`, the rows handed back by `readStream` so far.
 */
export function countingReads(store: EventStore): { store: EventStore; rowsRead: () => number } {
  let rows = 0;
  const counted = new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'readStream') {
        return async (streamId: string, options?: { fromRevision?: number; maxCount?: number }) => {
          const read = await target.readStream(streamId, options);
          rows += read.length;
          return read;
        };
      }
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { store: counted, rowsRead: () => rows };
}
