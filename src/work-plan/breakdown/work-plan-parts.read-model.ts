import { emptyTallies, updateParent, type PartTallies, type PartTally } from '../../assignments/read-model/part-tallies.js';
import type { Projection, RecordedEvent } from '../../event-sourcing/recorded-event.js';
import { addToSortedSet } from '../../shared/sorted-set.js';
import type { WorkPlanItemView, WorkPlanLedger } from './work-plan-ledger.js';

const ITEM_STREAM_PREFIX = 'work-plan-item-';

/**
 * Counts the item's parts: in the plan, as they stand; withdrawn, as they stood on the withdrawal (`partsAsWithdrawn` when a
 * unit recorded something dated on or after it) with their lateness judged on that day — a report dated after the item left
 * the plan is not counted on time, a part due after it never becomes due (breaker11o P4; the scorecard of a past day the same,
 * `WorkPlanLedger.withdrawnAsTheyStood`).
 */
function tally(tallies: PartTallies, item: WorkPlanItemView): void {
  if (item.status === 'WITHDRAWN' && item.withdrawnOn !== null) updateParent(tallies, item.itemId, item.partsAsWithdrawn ?? item.parts, item.withdrawnOn);
  else updateParent(tallies, item.itemId, item.parts);
}

/** The read model's whole state: plain data, so it can be snapshotted as it is. */
interface WorkPlanPartsState {
  readonly parts: PartTallies;
  /** Item ids in the order defined (the work-plan ledger's order); an item's place is its `seq`. */
  readonly itemIds: string[];
  readonly seqOfItem: Map<string, number>;
  /**
   * Each unit's items where it ever had a part (assigned, or handed over to it), as `seq`s
   * ascending: the only items where it can hold a part at any time cut.
   */
  readonly itemsEverOfUnit: Map<string, number[]>;
}

/**
 * The work-plan items' parts tallied per unit as events arrive (for the unit scorecard): after each
 * event of an item, its parts are recounted from the work-plan ledger's view of it (registered
 * before this one, so already up to date). Also which items each unit ever had a part in, so a
 * unit's workload at a time cut folds those items only, not every item of every plan.
 * O(the item's parts) per event; plain data.
 */
export class WorkPlanPartsReadModel implements Projection {
  private state: WorkPlanPartsState = { parts: emptyTallies(), itemIds: [], seqOfItem: new Map(), itemsEverOfUnit: new Map() };

  constructor(private readonly ledger: WorkPlanLedger) {}

  /** Its state alone, plain data (the work-plan ledger it reads is snapshotted on its own). */
  snapshot(): WorkPlanPartsState {
    return this.state;
  }

  /** Puts back what `snapshot` returned, on a fresh instance, before any event is applied. */
  restore(state: unknown): void {
    this.state = state as WorkPlanPartsState;
  }

  apply(event: RecordedEvent): void {
    if (!event.streamId.startsWith(ITEM_STREAM_PREFIX)) return;
    const itemId = event.streamId.slice(ITEM_STREAM_PREFIX.length);
    const item = this.ledger.item(itemId);
    if (!item) return;
    tally(this.state.parts, item);
    const seq = this.seqOf(itemId);
    if (event.type === 'UnitAssigned') addToSortedSet(this.state.itemsEverOfUnit, (event.data as { unitId: string }).unitId, seq);
    if (event.type === 'PartHandedOver') addToSortedSet(this.state.itemsEverOfUnit, (event.data as { successorUnitId: string }).successorUnitId, seq);
  }

  /**
   * The items the work-plan ledger folded again after this event (`WorkPlanLedger.settle`: withdrawn days a later version
   * ended, breaker11n P1) counted again from their new parts. Synchronous: the ledger settled before (registered first).
   */
  settle(): undefined {
    for (const itemId of this.ledger.takeFoldedAgain()) {
      const item = this.ledger.item(itemId);
      if (item) tally(this.state.parts, item);
    }
    return undefined;
  }

  private seqOf(itemId: string): number {
    let seq = this.state.seqOfItem.get(itemId);
    if (seq === undefined) {
      seq = this.state.itemIds.length;
      this.state.seqOfItem.set(itemId, seq);
      this.state.itemIds.push(itemId);
    }
    return seq;
  }

  /**
   * Each unit's figures over work-plan items' parts, withdrawn items included as they stood on their withdrawal (see `tally`),
   * as the scorecard of any day counts them.
   */
  unitTallies(): ReadonlyMap<string, PartTally> {
    return this.state.parts.perUnit;
  }

  /**
   * The ids of the items where `unitId` ever had a part, in the order defined: a unit's workload at
   * a time cut folds these (O(its items)), never every item of every plan.
   */
  /** How many items `itemIdsEverOf(unitId)` lists: O(1). */
  itemCountEverOf(unitId: string): number {
    return this.state.itemsEverOfUnit.get(unitId)?.length ?? 0;
  }

  itemIdsEverOf(unitId: string): string[] {
    return (this.state.itemsEverOfUnit.get(unitId) ?? []).map((seq) => this.state.itemIds[seq]!);
  }
}
