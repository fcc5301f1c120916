import { emptyTallies, updateParent, type PartTallies, type PartTally } from '../../assignments/read-model/part-tallies.js';
import type { Projection, RecordedEvent } from '../../event-sourcing/recorded-event.js';
import type { WorkPlanLedger } from './work-plan-ledger.js';

const ITEM_STREAM_PREFIX = 'work-plan-item-';

/**
 * The work-plan items' parts tallied per unit as events arrive (for the unit scorecard): after each
 * event of an item, its parts are recounted from the work-plan ledger's view of it (registered
 * before this one, so already up to date). O(the item's parts) per event; plain data.
 */
export class WorkPlanPartsReadModel implements Projection {
  private state: { readonly parts: PartTallies } = { parts: emptyTallies() };

  constructor(private readonly ledger: WorkPlanLedger) {}

  /** Its state alone, plain data (the work-plan ledger it reads is snapshotted on its own). */
  snapshot(): { readonly parts: PartTallies } {
    return this.state;
  }

  /** Puts back what `snapshot` returned, on a fresh instance, before any event is applied. */
  restore(state: unknown): void {
    this.state = state as { readonly parts: PartTallies };
  }

  apply(event: RecordedEvent): void {
    if (!event.streamId.startsWith(ITEM_STREAM_PREFIX)) return;
    const itemId = event.streamId.slice(ITEM_STREAM_PREFIX.length);
    const item = this.ledger.item(itemId);
    if (item) updateParent(this.state.parts, itemId, item.parts);
  }

  /** Each unit's figures over work-plan items' parts, withdrawn items included (as the scorecard counts them). */
  unitTallies(): ReadonlyMap<string, PartTally> {
    return this.state.parts.perUnit;
  }
}
