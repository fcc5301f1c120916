import type { StreamReader } from '../projected-streams.js';
import type { Projection, RecordedEvent } from '../recorded-event.js';

/**
 * A StreamReader for specs that feed read models by hand, without a store: it keeps every event it
 * is given, by stream, exactly as a read model that kept its parents' timelines in memory did.
 * Apply each event to it before the read models that read streams.
 */
export class StreamsInMemory implements StreamReader, Projection {
  private readonly streams = new Map<string, RecordedEvent[]>();

  apply(event: RecordedEvent): void {
    const stream = this.streams.get(event.streamId);
    if (stream) stream.push(event);
    else this.streams.set(event.streamId, [event]);
  }

  read(streamId: string): Promise<RecordedEvent[]> {
    return Promise.resolve([...(this.streams.get(streamId) ?? [])]);
  }
}
