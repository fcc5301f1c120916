import { EVERY_FACT } from '../../shared/time-cut.js';
import { emptyTallies, updateParent, type PartTallies, type PartTally } from '../../assignments/read-model/part-tallies.js';
import { isCorrection } from '../../assignments/domain/business-order.js';
import type { Projection, RecordedEvent, SnapshotCaptures } from '../../event-sourcing/recorded-event.js';
import { addToSortedSet } from '../../shared/sorted-set.js';
import { foldAtCut } from '../../shared/time-travel-fold.js';
import {
  applyParentEvent,
  dayNumber,
  emptyByDay,
  markStale,
  OneRefoldAtATime,
  refoldFinding,
  scoresOn,
  scoreSegmentOf,
  type ByDayState,
  type Segment,
  type UnitScoreFigures,
} from '../../rectification/dashboard/dashboard-by-day.js';
import { foldItemByDay, withPartsTakenOff, type WorkPlanItemView, type WorkPlanLedger } from './work-plan-ledger.js';

const ITEM_STREAM_PREFIX = 'work-plan-item-';

/**
 * Counts the item's parts: in the plan, as they stand; withdrawn, as they stood on the withdrawal (`partsAsWithdrawn` when a
 * unit recorded something dated on or after it) with their lateness judged on that day — a report dated after the item left
 * the plan is not counted on time, a part due after it never becomes due (breaker11o P4; the scorecard of a past day the same,
 * `WorkPlanLedger.withdrawnAsTheyStood`); and each part a plan change took off, as it stood on its removal day
 * (`withPartsTakenOff`, newcomer49-10 S5).
 */
function tally(tallies: PartTallies, item: WorkPlanItemView): void {
  if (item.status === 'WITHDRAWN' && item.withdrawnOn !== null) updateParent(tallies, item.itemId, withPartsTakenOff(item, item.partsAsWithdrawn ?? item.parts), item.withdrawnOn);
  else updateParent(tallies, item.itemId, withPartsTakenOff(item, item.parts));
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
  /** The items' share of the 单位排名 on every past office day, as per-day deltas (dashboard-by-day.ts; its figures unused). */
  readonly byDay: ByDayState;
}

/** Item events after which its share of a past day is folded again from its stream (its withdrawn days, as it stood, change). */
const REFOLDED_ALWAYS = new Set(['WorkPlanItemWithdrawn', 'WorkPlanItemWithdrawalUndone', 'WorkPlanItemReinstated', 'PartHandOverUndone']);

/**
 * The work-plan items' parts tallied per unit as events arrive (for the unit scorecard): after each
 * event of an item, its parts are recounted from the work-plan ledger's view of it (registered
 * before this one, so already up to date). Also which items each unit ever had a part in, so a
 * unit's workload at a time cut folds those items only, not every item of every plan.
 * O(the item's parts) per event; plain data.
 */
export class WorkPlanPartsReadModel implements Projection {
  private state: WorkPlanPartsState = { parts: emptyTallies(), itemIds: [], seqOfItem: new Map(), itemsEverOfUnit: new Map(), byDay: emptyByDay() };

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
    if (event.type === 'WorkPlanApprovalCorrected') {
      // The day the plan's items count from moved (`datedDefinition`): each folded again before a past day's answer.
      const plan = this.ledger.recordedPlan((event.data as { planId: string }).planId);
      for (const category of plan?.categories ?? []) for (const itemId of category.itemIds) markStale(this.state.byDay, itemId);
      return;
    }
    if (!event.streamId.startsWith(ITEM_STREAM_PREFIX)) return;
    const itemId = event.streamId.slice(ITEM_STREAM_PREFIX.length);
    const item = this.ledger.item(itemId);
    if (!item) return;
    // An item of a plan whose import is not all in yet counts nowhere (`WorkPlanLedger.importUnderWay`); all of them once its last item is in.
    if (!this.ledger.importUnderWay(item.planId)) tally(this.state.parts, item);
    const shown = this.ledger.shownByLastEvent();
    if (shown) this.tallyPlan(shown);
    const seq = this.seqOf(itemId);
    this.applyByDay(event, item, seq);
    if (event.type === 'UnitAssigned') addToSortedSet(this.state.itemsEverOfUnit, (event.data as { unitId: string }).unitId, seq);
    if (event.type === 'PartHandedOver') addToSortedSet(this.state.itemsEverOfUnit, (event.data as { successorUnitId: string }).successorUnitId, seq);
  }

  /** Counts every item of the plan (its import all in: `WorkPlanLedger.shownByLastEvent`). O(its items' parts). */
  private tallyPlan(planId: string): void {
    for (const category of this.ledger.plan(planId)?.categories ?? []) {
      for (const itemId of category.itemIds) {
        const item = this.ledger.item(itemId);
        if (item) tally(this.state.parts, item);
      }
    }
  }

  /**
   * The items the work-plan ledger folded again after this event (`WorkPlanLedger.settle`: withdrawn days a later version
   * ended, breaker11n P1) counted again from their new parts. Synchronous: the ledger settled before (registered first).
   */
  settle(): undefined {
    for (const itemId of this.ledger.takeFoldedAgain()) {
      const item = this.ledger.item(itemId);
      if (item && !this.ledger.importUnderWay(item.planId)) tally(this.state.parts, item);
      markStale(this.state.byDay, itemId);
    }
    return undefined;
  }

  /**
   * The item's share of the 单位排名 on past days after one of its events (see `applyParentEvent`): in business order, from
   * its view now — an item in the plan, with no withdrawn days, its parts as they stand; the definition on the day the
   * plan took it in (`datedDefinition`: the plan's approval day for an item imported with it). Anything else — a late
   * entry, a correction, a withdrawal or its end, an item out of the plan or ever out of it — is folded from its stream.
   */
  private applyByDay(event: RecordedEvent, item: WorkPlanItemView, seq: number): void {
    let day = dayNumber(event.occurredOn);
    let outOfOrder = isCorrection(event) || REFOLDED_ALWAYS.has(event.type) || item.status === 'WITHDRAWN' || (item.withdrawnSpans?.length ?? 0) > 0 || item.partsAsWithdrawn !== undefined;
    if (event.type === 'WorkPlanItemDefined') {
      const plan = this.ledger.recordedPlan(item.planId);
      if (!plan) outOfOrder = true;
      else if (plan.importedAt === event.metadata.recordedAt && plan.approvedOn < event.occurredOn) day = dayNumber(plan.approvedOn);
    }
    applyParentEvent(this.state.byDay, item.itemId, { seq, evaluationId: '', category: '' }, day, outOfOrder, (from) => scoreSegmentOf(this.state.byDay, from, withPartsTakenOff(item, item.parts).values()));
  }

  /**
   * Folds again, from their own streams, the items whose facts came out of business order since the last answer about
   * a past day (as `DashboardReadModel.refoldPastDays` does for findings): a slice at a time, in the time-travel folds'
   * queue; each item's new share put in once no read-model snapshot is being captured. None read when every fact came in
   * order; a refold under way (PastDayRefolds' after a start) is waited for, not repeated. @throws what `foldAtCut` throws.
   */
  refoldPastDays(captures: SnapshotCaptures, latestRecordedAt: string | null): Promise<void> {
    return this.refolds.run(() => this.state.byDay.stale.size, () => this.refoldStale(captures, latestRecordedAt));
  }

  /** Items refolded one caller at a time (see `OneRefoldAtATime`). */
  private readonly refolds = new OneRefoldAtATime();

  private async refoldStale(captures: SnapshotCaptures, latestRecordedAt: string | null): Promise<void> {
    const byDay = this.state.byDay;
    if (byDay.stale.size === 0) return;
    await foldAtCut([...byDay.stale], EVERY_FACT, latestRecordedAt, async (itemId) => {
      const timeline = await this.ledger.timeline(itemId);
      for (let capture = captures.captureUnderWay; capture; capture = captures.captureUnderWay) await capture;
      const segments: Segment[] = [];
      foldItemByDay(timeline, (day, parts) => segments.push(scoreSegmentOf(byDay, dayNumber(day), parts)));
      refoldFinding(byDay, itemId, timeline.length, segments, this.ledger.historyLength(itemId));
      return undefined;
    });
  }

  /** Items waiting for a refold of their streams before the next answer about a past day. */
  get itemsToRefold(): number {
    return this.state.byDay.stale.size;
  }

  /** Adds each unit's 单位排名 figures over work-plan items on office day `asOf` to `into` (after `refoldPastDays`; no stream read). */
  scoresOn(asOf: string, into: Map<string, UnitScoreFigures>): Map<string, UnitScoreFigures> {
    return scoresOn(this.state.byDay, asOf, into);
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
