import { comparePositions, formatPosition, type EventStore, type StoredEvent } from '../event-store/event-store.port.js';
import type { EventSchemaRegistry } from '../shared/event-schemas.js';
import { recordedEvent, type Projection } from './recorded-event.js';

/**
 * A row of the log that fails the ledger's check as a tool reads it (breaker9q P3): no hashes (a
 * row inserted by hand), positions missing before it, off the chain, its content edited since it
 * was recorded, a seal that does not match (when the store holds the office's key) or content that
 * cannot be read. The tool stops on it before using anything it read: nothing decided, nothing
 * written. `position` is the row's global position (`formatPosition`), `eventType` its stored type.
 */
export class UntrustedLogError extends Error {
  readonly messageZh: string;
  readonly position: string;
  readonly eventType: string;
  constructor(stored: StoredEvent) {
    const position = formatPosition(stored.position) ?? '?';
    const reasonZh = stored.unreadableZh ?? stored.unreadable ?? '';
    super(
      `The event at position ${position} (${stored.type}) in the event store failed the ledger check: ${stored.unreadable}. ` +
        'The tool used none of the log and wrote nothing. Run npm run ledger:verify to find every altered row, and restore the store from a backup (README, "Reliability").',
    );
    this.messageZh =
      `事件库中位置 ${position} 的事件（${stored.type}）未通过台账校验：${reasonZh}。本工具未采用其中任何记录，也未写出任何内容。` +
      '请运行 npm run ledger:verify 查明所有被改动的记录，并从备份恢复事件库（见 README“可靠性”一节）。';
    this.name = 'UntrustedLogError';
    this.position = position;
    this.eventType = stored.type;
  }
}

/**
 * Replays the whole log, as it stands when the call starts, into fresh read models, outside the
 * server: how a command-line tool (ledger:export, the imports, user:create) learns what the store
 * holds. Every row is read through the same check the server's read models are fed through
 * (`EventStore.subscribeToAll`: the ledger chain, `ChainFollower`), and applied to each
 * projection in turn (then `settle`d in the same order, a refold each later event would redo left to the end of the
 * store's read batch: `Projection.settle`, perf47), so one read serves several read models.
 * @throws UntrustedLogError at the first row that fails the check (the projections are then partial: discard them).
 * @throws UnreadableEventError for a sound row this version cannot upcast (an unknown type, a newer schema).
 */
export async function replayLogInto(store: EventStore, schemas: EventSchemaRegistry, projections: readonly Projection[]): Promise<void> {
  const head = await store.headPosition();
  if (!head) return;
  const subscription = store.subscribeToAll();
  try {
    for await (const stored of subscription) {
      if (stored.unreadable) throw new UntrustedLogError(stored);
      const event = recordedEvent(schemas, stored);
      for (const projection of projections) projection.apply(event);
      const atHead = comparePositions(stored.position, head) >= 0;
      const ends = atHead || !((subscription.buffered?.() ?? 0) > 0);
      for (const projection of projections) await projection.settle?.({ ends });
      if (atHead) return;
    }
  } finally {
    await subscription.unsubscribe();
  }
}

/** `replayLogInto` for one read model, returned once it holds the whole log. */
export async function replayLog<P extends Projection>(store: EventStore, schemas: EventSchemaRegistry, projection: P): Promise<P> {
  await replayLogInto(store, schemas, [projection]);
  return projection;
}
