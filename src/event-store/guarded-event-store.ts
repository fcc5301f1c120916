import type {
  AppendResult,
  EventStore,
  EventSubscription,
  EventToAppend,
  ExpectedRevision,
  Position,
  RecordedRequest,
  RequestRecord,
  StoreIdentity,
  StoredEvent,
} from './event-store.port.js';
import type { StoreHealth } from './store-health.js';
import type { WitnessKeeper } from './store-admission.js';

/**
 * The store as the server uses it: a write is refused (`StoreUnavailableError`) while the store is
 * unhealthy, a write that fails for the store's state says why, and every head this server reaches
 * goes to the witness. Reads pass straight through.
 */
export class GuardedEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly health: StoreHealth,
    private readonly witness: WitnessKeeper,
  ) {}

  get kind() {
    return this.inner.kind;
  }

  async appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    options: { expectedRevision: ExpectedRevision; request?: RequestRecord },
  ): Promise<AppendResult> {
    const refusal = this.health.writeRefusal();
    if (refusal) throw refusal;
    let result: AppendResult;
    try {
      result = await this.inner.appendToStream(streamId, events, options);
    } catch (error) {
      throw this.health.noteWriteFailure(error) ?? error;
    }
    this.health.noteWriteSuccess();
    this.witness.noteHead(result.position);
    return result;
  }

  findRequest(key: string): Promise<RecordedRequest | null> {
    return this.inner.findRequest(key);
  }

  readStream(streamId: string, options?: { fromRevision?: number }): Promise<StoredEvent[]> {
    return this.inner.readStream(streamId, options);
  }

  readAll(options?: { after?: Position; maxCount?: number }): Promise<StoredEvent[]> {
    return this.inner.readAll(options);
  }

  headPosition(): Promise<Position | null> {
    return this.inner.headPosition();
  }

  subscribeToAll(options?: { after?: Position }): EventSubscription {
    return this.inner.subscribeToAll(options);
  }

  identify(): Promise<StoreIdentity & { created: boolean }> {
    return this.inner.identify();
  }

  async close(): Promise<void> {
    this.witness.close();
    await this.inner.close();
  }
}
