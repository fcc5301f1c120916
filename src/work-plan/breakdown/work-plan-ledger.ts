import { EVERY_FACT } from '../../shared/time-cut.js';
import { isAssignmentEvent, isUnitRecord, type SetAsideRecord } from '../../assignments/domain/assignment.events.js';
import { applyAssignmentEvent, closeOutDay, sharingEmptyLists, takenOff, type PartView, type RemovedParts } from '../../assignments/read-model/part-view.js';
import { recordsAfterWithdrawal } from '../../assignments/read-model/records-after-withdrawal.js';
import { historyAt, knownInCut, noteClosing, timelineAt, timelineEntry, type Closing, type TimelineEntry } from '../../assignments/read-model/timeline.js';
import type { StreamReader } from '../../event-sourcing/projected-streams.js';
import type { Projection, RecordedEvent, SettleBatch } from '../../event-sourcing/recorded-event.js';
import type { TimeCut } from '../../shared/time-cut.js';
import { foldAtCut } from '../../shared/time-travel-fold.js';
import { workPlanItemStream, workPlanStream, type WorkPlanApprovalCorrected, type WorkPlanImported, type WorkPlanItemDefined, type WorkPlanItemEvent, type WorkPlanRevised } from '../domain/work-plan.events.js';
import { byPinyin } from '../../shared/chinese-order.js';
import { setAsideBy, setAsideRecordOf, type OutOfPlanDays } from '../../assignments/domain/assignment.decider.js';
import { undoneByVerification } from '../../assignments/domain/part-facts.js';
import { typedOutOfDayOrder } from '../../assignments/read-model/out-of-day-order.js';
import { listedAsNoLine } from '../../assignments/read-model/history.js';

export type WorkPlanView = Omit<WorkPlanImported['data'], 'categories'> & {
  readonly importedAt: string;
  readonly importedBy: string;
  /** When its latest revision was applied; null for a plan as first imported. */
  readonly revisedAt: string | null;
  /**
   * Every category and item the plan ever had, in the order of its latest version: the items a
   * revision left out stay where they stood (they were in the plan until their withdrawal day, and
   * a past day's plan counts them, breaker8c P19), as does a category only earlier versions had
   * (`retired`). Views as they stand leave withdrawn items out, and so an emptied retired category.
   */
  readonly categories: OutlineCategory[];
};

/** A category of a plan's outline with the ids of its items, in order; `retired` when the latest version has it no more. */
export interface OutlineCategory {
  readonly code: string;
  readonly title: string;
  readonly itemIds: string[];
  readonly retired?: true;
}

export type WorkPlanItemView = { -readonly [Field in keyof WorkPlanItemDefined['data']]: WorkPlanItemDefined['data'][Field] } & {
  /** WITHDRAWN: a plan revision took it out; kept as a record, in no progress (back in after WorkPlanItemWithdrawalUndone or WorkPlanItemReinstated). */
  status: 'OPEN' | 'COMPLETED' | 'WITHDRAWN';
  /** The office day a plan change took it out; null while it is in the plan. */
  withdrawnOn: string | null;
  /** Why it was taken out (the withdrawal's reason); null or absent (a snapshot before breaker11f P9) while in the plan. */
  withdrawalReason?: string | null;
  /** The business day of the completion (销号): the day of the inspection that verified the last part. */
  completedOn: string | null;
  readonly parts: Map<string, PartView>;
  /** Parts a plan change took off before they were verified (absent in a snapshot written before breaker8d P7: none). */
  removedParts?: RemovedParts;
  /**
   * Its withdrawals a later version ended (WorkPlanItemReinstated), as office days (`OutOfPlanDays`): its units' records
   * dated inside them count nowhere (breaker11n P1). Absent (a snapshot written before) or empty when none.
   */
  withdrawnSpans?: OutOfPlanDays[];
  /**
   * While it is withdrawn and a part holds a unit's record dated on or after `withdrawnOn` (made before the office knew of the
   * withdrawal, counted nowhere): its parts as they stood on the withdrawal (`itemPartsOnWithdrawal`), what the scorecard
   * counts (breaker11o P4). Absent otherwise (`parts` are those): kept by `WorkPlanLedger.settle`, live.
   */
  partsAsWithdrawn?: Map<string, PartView>;
  /** As a finding's (`FindingView.foldedByDay`): folded again by day after each of its events once one of its events was typed out of day order. */
  foldedByDay?: true;
  /** As a finding's (`FindingView.holdsRetractions`): its stream holds a retraction (撤销误录), whose records its history pages mark. */
  holdsRetractions?: true;
};

/** An item as it stood at a time cut, with the events its history lists then (see FindingAtCut). */
export type WorkPlanItemAtCut = WorkPlanItemView & { readonly history: readonly TimelineEntry[] };

const ITEM_STREAM_PREFIX = 'work-plan-item-';

function newItemView(event: TimelineEntry<WorkPlanItemDefined>): WorkPlanItemView {
  return { ...event.data, status: 'OPEN', withdrawnOn: null, completedOn: null, parts: new Map(), removedParts: new Map() };
}

/** Adds the records an undoing sets aside for good (breaker11o P2) to the item's spans, as one-record spans (`setAsideRecordOf`). */
function keepSetAside(item: WorkPlanItemView, records: readonly SetAsideRecord[] | undefined): void {
  if (records && records.length > 0) item.withdrawnSpans = [...(item.withdrawnSpans ?? []), ...records.map(setAsideRecordOf)];
}

/** Status and completion day follow the parts after every event, as a finding's do (see `closeOutDay`). */
function applyToItem(item: WorkPlanItemView, event: TimelineEntry): void {
  if (isAssignmentEvent(event)) applyAssignmentEvent(item.parts, event, (item.removedParts ??= new Map()));
  const own = event as TimelineEntry<WorkPlanItemEvent>;
  if (own.type === 'WorkPlanItemWithdrawn') {
    // Folded by day, a withdrawal moved earlier (breaker8f P1) comes first: the later one it replaced changes nothing.
    if (item.status === 'WITHDRAWN') return;
    item.status = 'WITHDRAWN';
    item.withdrawnOn = own.data.withdrawnOn;
    item.withdrawalReason = own.data.reason;
  } else if (own.type === 'WorkPlanItemWithdrawalUndone' && item.status === 'WITHDRAWN' && own.data.withdrawnOn === item.withdrawnOn) {
    // The withdrawal does not stand (a pass dated before it): back in the plan, its status from its parts below.
    item.status = 'OPEN';
    item.withdrawnOn = null;
    item.withdrawalReason = null;
    keepSetAside(item, own.data.recordsSetAside);
  } else if (own.type === 'WorkPlanItemWithdrawalUndone') {
    // A withdrawal a later version ended does not stand either (a pass dated before it, typed after the reinstatement: breaker11n P1);
    // its records that no longer hold stay left out, for good (breaker11o P2).
    item.withdrawnSpans = (item.withdrawnSpans ?? []).filter((span) => span.record !== undefined || span.from !== own.data.withdrawnOn);
    keepSetAside(item, own.data.recordsSetAside);
  } else if (own.type === 'WorkPlanItemReinstated' && item.status === 'WITHDRAWN') {
    // A later version lists it again (10e P1): in the plan from that day, out of it on the days between (breaker11n P1).
    item.withdrawnSpans = [...(item.withdrawnSpans ?? []), { from: item.withdrawnOn!, until: own.data.reinstatedOn }];
    item.status = 'OPEN';
    item.withdrawnOn = null;
    item.withdrawalReason = null;
  } else if (own.type === 'WorkPlanItemRescheduled') {
    item.dueDate = own.data.dueDate;
    if (own.data.terms) item.terms = own.data.terms;
  } else if (own.type === 'WorkPlanItemAmended') {
    Object.assign(item, { categoryCode: own.data.categoryCode, title: own.data.title, description: own.data.description, measures: own.data.measures });
  }
  if (item.status === 'WITHDRAWN') return;
  item.completedOn = closeOutDay(item.parts, item.removedParts);
  item.status = item.completedOn === null ? 'OPEN' : 'COMPLETED';
}

/**
 * The work-plan breakdown (分解方案) as it stands: plans, their categories and items, and every
 * item's parts. An item's history and dated timeline are its own stream, read from the log when
 * asked, so the ledger also answers as of a business day and as known at an instant (`itemAt`)
 * without keeping every event in memory. A plan's outline counts from the office day of the import or
 * version that made it, as known at `knownAt` (`plan`, breaker10s P7); an item counts from the day the
 * plan took it in (`datedDefinition`), as known at `knownAt`.
 */
export class WorkPlanLedger implements Projection {
  /**
   * Each plan with when it was first recorded (what `knownAt` compares), its approval days as recorded, and the outline each
   * import or version left (`outlines`, in the order recorded: what `plan` reads a past day's outline from).
   */
  private readonly plans = new Map<
    string,
    WorkPlanView & { readonly importedEvent: { readonly metadata: { readonly recordedAt: string } }; readonly approvals?: readonly PlanApproval[]; readonly outlines: readonly DatedOutline[] }
  >();
  /** Not state: the outlines `plan` made for a past day (`outlineOn`), by plan and the two recorded outlines it was made of. */
  readonly #pastOutlines = new Map<string, OutlineCategory[]>();
  private readonly items = new Map<string, WorkPlanItemView>();
  /** Events of each item's stream projected so far (its history's length: `historyLength`). */
  private readonly historyLengths = new Map<string, number>();
  /** Events of each item's stream listed as no history line (`listedAsNoLine`), where there are any: `historyLineCount`. */
  private readonly hiddenHistoryLines = new Map<string, number>();
  /**
   * Per item, what dates its definition besides the plan's import (`datedDefinition`), kept as its events arrive so that
   * the first page of its history reads only the page (`timelineSlice`; perf47: a 100-unit item's first page read its
   * whole stream): the instant the definition was recorded, and the earliest office day of the UnitAssigned recorded with
   * it — in a row right after it, at that instant — null while none; `closed` once an event of another instant followed.
   * Absent for an item of a snapshot written before (its page then reads those events, as before).
   */
  private readonly definitionDating = new Map<string, DefinitionDating>();
  /** The latest instant (ISO) an event projected so far was recorded at, of any stream; null before any. */
  private latestRecorded: string | null = null;
  /**
   * Plans whose first import is not all in yet, with how many items of their outline are not defined yet (`awaitedBy` names
   * them): a plan's import is appended in slices (ImportSlices, breaker56-10 S3), the outline first and then its items, and
   * no reader sees the plan — its list row, breakdown, items in a unit's workload or tallies — before every item is in
   * (newcomer56-10 M1: 536 of 600 items seen while it went in). An import stopped half-way leaves its plan here, seen
   * nowhere, until the same import sent again defines the rest. Absent in snapshots written before it (none awaited then).
   */
  private readonly itemsAwaited = new Map<string, number>();
  /** The items `itemsAwaited` counts, each with its plan. */
  private readonly awaitedBy = new Map<string, string>();
  /** Not state: the plan the event `apply` took last made shown (its last awaited item defined), null for any other event. */
  #shownByLastEvent: string | null = null;
  /** Not state (a private name, left out of snapshots): where the items' streams are read. */
  readonly #streams: StreamReader;
  /** Not state: the most parts one item has held (`largestItemParts`); -1 until counted (after a restore). */
  #largestItemParts = -1;
  /** Not state: how many times each plan (its outline or any of its items) changed in this process (`changesOf`). */
  readonly #planChanges = new Map<string, number>();
  /** Not state: how many times each item changed in this process (`itemChanges`). */
  readonly #itemChanges = new Map<string, number>();
  /** Not state: withdrawn items as they stood (`withdrawnNow`), each with the `itemChanges` it was made at. */
  readonly #shownWithdrawn = new Map<string, { readonly at: number; readonly view: WorkPlanItemView }>();
  /** Not state: items whose parts `settle` folds again from their streams (their withdrawn spans changed: `apply`). */
  readonly #toFoldAgain = new Set<string>();
  /** Not state: withdrawn items whose parts as they stood on the withdrawal `settle` makes again (`#keepAsWithdrawn`). */
  readonly #toStandAgain = new Set<string>();
  /**
   * Not state: per read model that counts items from their views (`readsFoldedAgain`: the parts read model, 待督查), the items
   * `settle` folded again (or whose `partsAsWithdrawn` changed), until `takeFoldedAgain` hands them over to it.
   */
  readonly #foldedAgain = new Map<string, Set<string>>([['work-plan-parts', new Set<string>()]]);

  constructor(streams: StreamReader) {
    this.#streams = streams;
  }

  /**
   * Its fields as the snapshot kept them (the default restore), each part's empty lists then shared again (`sharingEmptyLists`:
   * the snapshot brings back an array of its own for each, perf53). Before any event.
   */
  restore(state: unknown): void {
    Object.assign(this, state);
    for (const item of this.items.values()) {
      for (const part of item.parts.values()) sharingEmptyLists(part);
      for (const [unitId, entry] of item.removedParts ?? []) {
        // A removal that kept the part on holds the item's own part (one object; the snapshot brought back a copy).
        const held = entry.kept ? item.parts.get(unitId) : undefined;
        if (held) item.removedParts!.set(unitId, { ...entry, part: held });
        else sharingEmptyLists(entry.part);
      }
      for (const part of item.partsAsWithdrawn?.values() ?? []) sharingEmptyLists(part);
    }
  }

  apply(event: RecordedEvent): void {
    this.#shownByLastEvent = null;
    const recordedAt = event.metadata.recordedAt;
    if (this.latestRecorded === null || recordedAt > this.latestRecorded) this.latestRecorded = recordedAt;
    if (event.type === 'WorkPlanImported' || event.type === 'WorkPlanRevised') {
      const { categories, ...plan } = (event as RecordedEvent<WorkPlanImported | WorkPlanRevised>).data;
      this.#changed(plan.planId);
      const imported = event.type === 'WorkPlanRevised' ? this.plans.get(plan.planId) : undefined;
      const lastYear = imported?.lastYear ?? plan.lastYear;
      const outline = keptOutline(imported?.categories ?? [], categories);
      if (event.type === 'WorkPlanImported' && !this.plans.has(plan.planId)) this.#awaitItems(plan.planId, outline);
      this.plans.set(plan.planId, {
        ...plan,
        // A revision keeps the plan's period (a plan over several years: its last year).
        ...(lastYear === undefined ? {} : { lastYear }),
        // A revision keeps the day the plan was approved.
        approvedOn: imported?.approvedOn ?? (plan as { approvedOn: string }).approvedOn,
        importedAt: imported?.importedAt ?? event.metadata.recordedAt,
        importedBy: imported?.importedBy ?? event.metadata.actorId,
        revisedAt: imported ? event.metadata.recordedAt : null,
        categories: outline,
        // Each version's outline from its own office day on (breaker10s P7): a past day's view reads the one standing then.
        outlines: [
          ...(imported?.outlines ?? []),
          {
            on: event.type === 'WorkPlanRevised' ? (plan as { revisedOn: string }).revisedOn : (plan as { approvedOn: string }).approvedOn,
            recordedAt,
            // An item added on its own keeps the plan's file: it adds an item, it is no version of the outline.
            fromFile: imported === undefined || imported.source.sha256 !== plan.source.sha256,
            // A copy: a read-model snapshot writes no object twice (each piece is whole on its own).
            categories: outline.map((category) => ({ ...category, itemIds: [...category.itemIds] })),
          },
        ],
        // The plan is known from its first import on (what `knownAt` compares).
        importedEvent: imported?.importedEvent ?? { metadata: { recordedAt: event.metadata.recordedAt } },
        approvals: imported?.approvals ?? [{ approvedOn: (plan as { approvedOn: string }).approvedOn, recordedAt: event.metadata.recordedAt }],
      });
      return;
    }
    if (event.type === 'WorkPlanApprovalCorrected') {
      const { planId, approvedOn } = (event as RecordedEvent<WorkPlanApprovalCorrected>).data;
      const plan = this.plans.get(planId);
      this.#changed(planId);
      // Each approval day with the instant it was recorded: a `knownAt` before the correction reads the day known then (breaker8s P3).
      if (plan) this.plans.set(planId, { ...plan, approvedOn, approvals: [...(plan.approvals ?? [{ approvedOn: plan.approvedOn, recordedAt: plan.importedEvent.metadata.recordedAt }]), { approvedOn, recordedAt: event.metadata.recordedAt }] });
      return;
    }
    if (!event.streamId.startsWith(ITEM_STREAM_PREFIX)) return;
    if (event.type === 'WorkPlanItemDefined') {
      const defined = event as RecordedEvent<WorkPlanItemDefined>;
      this.#changed(defined.data.planId, defined.data.itemId);
      this.items.set(defined.data.itemId, newItemView(timelineEntry(defined)));
      this.historyLengths.set(defined.data.itemId, 1);
      this.definitionDating.set(defined.data.itemId, { recordedAt, takenIn: null });
      this.#defined(defined.data.itemId);
      return;
    }
    const item = this.items.get(event.streamId.slice(ITEM_STREAM_PREFIX.length));
    if (!item) return;
    this.#changed(item.planId, item.itemId);
    this.historyLengths.set(item.itemId, this.historyLength(item.itemId) + 1);
    if (listedAsNoLine(event)) this.hiddenHistoryLines.set(item.itemId, (this.hiddenHistoryLines.get(item.itemId) ?? 0) + 1);
    const entry = timelineEntry(event);
    // Before anything may leave the event out of the view (a withdrawn span's record): its history pages mark it all the same (h52a).
    if (event.type === 'RecordRetracted') item.holdsRetractions = true;
    const dating = this.definitionDating.get(item.itemId);
    if (dating && !dating.closed) datingFollows(dating, entry);
    // A unit's record dated inside a withdrawal a later version ended counts nowhere (one stored before breaker11n P1's refusal).
    if (inWithdrawnSpan(item.withdrawnSpans ?? [], entry)) return;
    const spansBefore = item.withdrawnSpans;
    applyToItem(item, entry);
    // The spans changed: records of their days entered before the withdrawal, in the parts, leave them (or an ended span undone
    // brings its records back, but for those it sets aside): `settle` folds the item again from its stream, the parts read model after it.
    if (item.withdrawnSpans !== spansBefore && (event.type !== 'WorkPlanItemReinstated' || holdsRecordsIn(item, item.withdrawnSpans!.at(-1)!))) this.#toFoldAgain.add(item.itemId);
    if (item.foldedByDay || typedOutOfDayOrder(event, item.parts)) {
      item.foldedByDay = true;
      this.#toFoldAgain.add(item.itemId);
    }
    this.#keepAsWithdrawn(item);
    if (this.#largestItemParts >= 0) this.#largestItemParts = Math.max(this.#largestItemParts, item.parts.size);
  }

  /** A first import's outline: the items it lists and the ledger does not hold yet are awaited before the plan is shown (`itemsAwaited`). */
  #awaitItems(planId: string, outline: readonly OutlineCategory[]): void {
    let awaited = 0;
    for (const category of outline) {
      for (const itemId of category.itemIds) {
        if (this.items.has(itemId) || this.awaitedBy.has(itemId)) continue;
        this.awaitedBy.set(itemId, planId);
        awaited += 1;
      }
    }
    if (awaited > 0) this.itemsAwaited.set(planId, awaited);
  }

  /** An item defined: one fewer awaited by its plan's import, which is shown once none is (`shownByLastEvent`). */
  #defined(itemId: string): void {
    const planId = this.awaitedBy.get(itemId);
    if (planId === undefined) return;
    this.awaitedBy.delete(itemId);
    const left = (this.itemsAwaited.get(planId) ?? 1) - 1;
    if (left > 0) {
      this.itemsAwaited.set(planId, left);
      return;
    }
    this.itemsAwaited.delete(planId);
    this.#shownByLastEvent = planId;
  }

  /**
   * The plan whose import the event applied last completed (its last awaited item: `itemsAwaited`), now shown by `plan` and
   * `listPlans`; null after any other event. For read models that count a plan's items only once it is shown (the parts).
   */
  shownByLastEvent(): string | null {
    return this.#shownByLastEvent;
  }

  /** Whether the plan's first import is not all in yet (`itemsAwaited`): its items count nowhere until it is. O(1). */
  importUnderWay(planId: string): boolean {
    return this.itemsAwaited.has(planId);
  }

  /**
   * The plan as recorded, shown or not (`itemsAwaited`): for read models dating its items' events while its import goes in.
   * Readers ask `plan`. Undefined for no such plan.
   */
  recordedPlan(planId: string): WorkPlanView | undefined {
    return this.plans.get(planId);
  }

  /**
   * After an event of a withdrawn item: whose parts hold a unit's record dated on or after the withdrawal, `settle` makes its
   * parts as they stood on it (`partsAsWithdrawn`) again from its stream; the others, and items in the plan, hold none.
   */
  #keepAsWithdrawn(item: WorkPlanItemView): void {
    const { withdrawnOn } = item;
    if (item.status === 'WITHDRAWN' && withdrawnOn !== null && [...item.parts.values()].some((part) => recordsAfterWithdrawal(part, withdrawnOn).length > 0)) {
      this.#toStandAgain.add(item.itemId);
    } else if (item.partsAsWithdrawn) {
      delete item.partsAsWithdrawn;
      this.#markFoldedAgain(item.itemId);
    }
  }

  /**
   * Folds again, from their streams as projected so far, the items `apply` marked (see there), their units' records inside
   * ended withdrawn spans left out (breaker11n P1), then makes the parts as they stood on their withdrawal of the withdrawn
   * items that hold later records (`partsAsWithdrawn`, breaker11o P4); undefined when none is due (nearly always).
   * O(those items' streams). An item folded by day (`foldedByDay`) is folded again once per catch-up batch, at its end
   * (`batch.ends`; `settlesLater` says one waits): after each of its events, a long one's catch-up read and folded its
   * stream once per event (perf47: a 300-unit item's 1,137 events made a 10k log's first start 60 s of CPU, not 5.5).
   */
  settle(batch?: SettleBatch): Promise<void> | undefined {
    const due = (itemId: string) => batch?.ends !== false || !this.items.get(itemId)?.foldedByDay;
    const toFold = [...this.#toFoldAgain].filter(due);
    if (toFold.length === 0 && ![...this.#toStandAgain].some(due)) return undefined;
    for (const itemId of toFold) this.#toFoldAgain.delete(itemId);
    return (async () => {
      for (const itemId of toFold) {
        const projected = this.historyLength(itemId);
        const timeline = (await this.timeline(itemId)).filter((entry) => entry.revision < projected);
        const item = this.items.get(itemId);
        // Typed out of day order (`foldedByDay`): folded by day, as every past view and the view known later fold it (breaker41-8b N2).
        const folded = item?.foldedByDay ? withoutHistory(itemAt(timeline, EVERY_FACT)) : foldedAsRecorded(timeline);
        if (!folded || !item) continue;
        if (item.foldedByDay) folded.foldedByDay = true;
        if (item.holdsRetractions) folded.holdsRetractions = true;
        this.items.set(itemId, folded);
        this.#changed(item.planId, itemId);
        this.#markFoldedAgain(itemId);
        // Whether its parts as they stood on the withdrawal are made again: as the view folded now says, whatever its events said before.
        this.#toStandAgain.delete(itemId);
        this.#keepAsWithdrawn(folded);
      }
      const toStand = [...this.#toStandAgain].filter(due);
      for (const itemId of toStand) this.#toStandAgain.delete(itemId);
      for (const itemId of toStand) {
        const item = this.items.get(itemId);
        if (item?.status !== 'WITHDRAWN' || item.withdrawnOn === null) continue;
        const projected = this.historyLength(itemId);
        const stood = itemPartsOnWithdrawal((await this.timeline(itemId)).filter((entry) => entry.revision < projected), item.withdrawnOn);
        if (stood) item.partsAsWithdrawn = stood;
        else delete item.partsAsWithdrawn;
        this.#changed(item.planId, itemId);
        this.#markFoldedAgain(itemId);
      }
    })();
  }

  /** Whether `settle` left an item's refold for the end of the catch-up batch (see there). */
  get settlesLater(): boolean {
    return this.#toFoldAgain.size > 0 || this.#toStandAgain.size > 0;
  }

  /** Notes for every reader of `takeFoldedAgain` that the item's view changed outside `apply`. */
  #markFoldedAgain(itemId: string): void {
    for (const itemIds of this.#foldedAgain.values()) itemIds.add(itemId);
  }

  /** Registers `reader` (a read model that reads items' views as events arrive) for `takeFoldedAgain`; before any event. */
  readsFoldedAgain(reader: string): void {
    if (!this.#foldedAgain.has(reader)) this.#foldedAgain.set(reader, new Set());
  }

  /**
   * The items `settle` folded again, or whose `partsAsWithdrawn` changed, since `reader`'s last call (for the parts read model,
   * `work-plan-parts`, or 待督查 to read them again: breaker11o P2 — a span undone brings records back outside `apply`), forgotten here.
   */
  takeFoldedAgain(reader = 'work-plan-parts'): string[] {
    const kept = this.#foldedAgain.get(reader);
    if (!kept) return [];
    const itemIds = [...kept];
    kept.clear();
    return itemIds;
  }

  /**
   * The most parts one item has held at any time (withdrawn items and parts taken off included): what
   * an item's `parts` list may hold now or on any past day, for the cost check (breaker12e P9: an item
   * of 各单位 holds every unit's part). O(1) per event; counted once over every item after a restore.
   */
  get largestItemParts(): number {
    if (this.#largestItemParts < 0) this.#largestItemParts = Math.max(0, ...[...this.items.values()].map((item) => item.parts.size));
    return this.#largestItemParts;
  }

  /**
   * A number that grows whenever `planId`'s outline or one of its items changes (in this process: not
   * state; 0 for a plan never changed here): what is built from that plan alone may be kept while it
   * stays the same, whatever other plans do (breaker12g P4: one counter for every plan rebuilt every
   * plan's breakdown after any change anywhere). O(1).
   */
  changesOf(planId: string): number {
    return this.#planChanges.get(planId) ?? 0;
  }

  /** A number that grows whenever `itemId` changes (in this process: not state; 0 for an item never changed here). O(1). */
  itemChanges(itemId: string): number {
    return this.#itemChanges.get(itemId) ?? 0;
  }

  #changed(planId: string, itemId?: string): void {
    this.#planChanges.set(planId, this.changesOf(planId) + 1);
    if (itemId !== undefined) this.#itemChanges.set(itemId, this.itemChanges(itemId) + 1);
  }

  /**
   * The parts the plan's items hold now — or, on a past day (`past`), with the parts plan changes took
   * off: what building its breakdown goes through, for the cost check (breaker12f P11). Undefined for
   * no such plan. O(the plan's items).
   */
  planParts(planId: string, past: boolean): number | undefined {
    const plan = this.plans.get(planId);
    if (!plan) return undefined;
    let parts = 0;
    for (const category of plan.categories) {
      for (const itemId of category.itemIds) {
        const item = this.items.get(itemId);
        if (item) parts += item.parts.size + (past ? (item.removedParts?.size ?? 0) : 0);
      }
    }
    return parts;
  }

  /**
   * How many 大项 the plan's breakdown lists and how many items its largest 大项 lists, now — or, on a
   * past day (`past`), the most any day's outline may list (`outlineOn`: the outline standing then,
   * with the items only later versions list added to it): what `workPlan(id) { categories { items } }`
   * answers, for the cost check (breaker56-10 S1: a 4,999-item plan in 50 大项 was priced as 5 大项
   * of 20 items and held the server 3 s). Withdrawn items and retired 大项 are counted: the outline
   * keeps them. Undefined for no such plan. O(the plan's 大项 × its versions).
   */
  outlineSize(planId: string, past: boolean): { readonly categories: number; readonly largestCategory: number } | undefined {
    const plan = this.plans.get(planId);
    if (!plan) return undefined;
    const now = { categories: plan.categories.length, largestCategory: largestOf(plan.categories) };
    if (!past) return now;
    const latestItems = itemsOf(plan.categories);
    let { categories, largestCategory } = now;
    // The latest recorded outline is the plan's own (`now`); a day an earlier one stood reads it with the latest's 大项 (retired ones
    // appended) and the items only later versions list.
    for (const outline of plan.outlines.slice(0, -1)) {
      categories = Math.max(categories, outline.categories.length + plan.categories.length);
      largestCategory = Math.max(largestCategory, largestOf(outline.categories) + Math.max(0, latestItems - itemsOf(outline.categories)));
    }
    return { categories, largestCategory };
  }

  /** `outlineSize` of the plan that lists the most 大项, and of the one whose 大项 lists the most items (each 0 with no plan). O(every plan's 大项 × versions). */
  largestOutline(past: boolean): { readonly categories: number; readonly largestCategory: number } {
    let categories = 0;
    let largestCategory = 0;
    for (const planId of this.plans.keys()) {
      const size = this.outlineSize(planId, past)!;
      categories = Math.max(categories, size.categories);
      largestCategory = Math.max(largestCategory, size.largestCategory);
    }
    return { categories, largestCategory };
  }

  /**
   * The latest instant (ISO) an event the ledger has projected was recorded at, of any stream (the
   * dashboard keeps the same): a fold at a cut sees nothing recorded later (see `foldAtCut`), so an
   * answer is one moment even while events are projected between its slices. Null before any event.
   */
  get latestRecordedAt(): string | null {
    return this.latestRecorded;
  }

  /**
   * The plan as it stood at the cut, if it was known then (every plan, as it stands now, without one): its approval day as
   * known at `knownAt`, and its outline — 大项 codes, titles, order, and which items stand under which — as the import or
   * version standing on `asOf` left it (`outlineOn`, breaker10s P7: a version's renamed 大项 and moved items count from its
   * own day, as its items' amendments do; a day before it reads the outline before it). O(1) once an outline of those two
   * versions was made (kept for the process), O(items) the first time. Undefined while its import is not all in (`itemsAwaited`).
   */
  plan(planId: string, cut: TimeCut | null = null): WorkPlanView | undefined {
    const plan = this.plans.get(planId);
    // Its import not all in yet (`itemsAwaited`): seen by no reader.
    if (!plan || this.itemsAwaited.has(planId) || (cut !== null && !knownInCut(cut, plan.importedEvent))) return undefined;
    const approvedOn = approvedOnKnownAt(plan, cut?.knownAt ?? null);
    const categories = cut === null ? plan.categories : this.#outlineAt(planId, plan.outlines, cut);
    return approvedOn === plan.approvedOn && categories === plan.categories ? plan : { ...plan, approvedOn, categories };
  }

  /** `outlineOn` for `planId`'s recorded outlines at `cut`, the outline made of two of them kept (`#pastOutlines`). */
  #outlineAt(planId: string, outlines: readonly DatedOutline[], cut: TimeCut): OutlineCategory[] {
    const chosen = outlineChoice(outlines, cut);
    if (chosen === null) return outlines.at(-1)?.categories ?? [];
    const { standing, latest } = chosen;
    if (standing === latest) return outlines[latest]!.categories;
    const key = `${planId}|${standing}|${latest}`;
    let outline = this.#pastOutlines.get(key);
    if (!outline) this.#pastOutlines.set(key, (outline = outlineOn(outlines[latest]!.categories, outlines[standing]!.categories)));
    return outline;
  }

  /** Every plan shown (its import all in: `itemsAwaited`), the latest year first, then by title in pinyin. */
  listPlans(): WorkPlanView[] {
    return [...this.plans.values()].filter((plan) => !this.itemsAwaited.has(plan.planId)).sort((a, b) => b.year - a.year || byPinyin(a.title, b.title));
  }

  /** The item as it stands now; undefined for an id the ledger does not hold. */
  item(itemId: string): WorkPlanItemView | undefined {
    return this.items.get(itemId);
  }

  /** The item as it stood at `cut`: its stream, read from the log, folded inside the cut. */
  async itemAt(itemId: string, cut: TimeCut): Promise<WorkPlanItemAtCut | undefined> {
    return this.items.has(itemId) ? itemAt(await this.timeline(itemId, cut.knownAt), cut) : undefined;
  }

  /** Every event of the item's stream the ledger has projected, in the order recorded, its definition dated (`datedDefinition`): its history now. */
  async timeline(itemId: string, knownAt: string | null = null): Promise<TimelineEntry[]> {
    const item = this.items.get(itemId);
    if (!item) return [];
    const plan = this.plans.get(item.planId);
    // Dated by the approval day known at `knownAt` (breaker8s P3: a cut before a correction of it read the corrected day).
    return datedDefinition(await this.#streams.read(workPlanItemStream(itemId)), plan && { recordedAt: plan.importedEvent.metadata.recordedAt, approvedOn: approvedOnKnownAt(plan, knownAt) });
  }

  /**
   * Every version of the item's plan's file (WorkPlanRevised from another file than the one before it; not an item added
   * on its own), in the order applied, each with its office day (`on`), the reason its revision gave (依据 <file> 修订方案)
   * and whether its outline lists the item (`listsItem`): the first listing it after a withdrawal listed it again
   * (breaker11o P3); one that does not took the item out of the plan on its day if it was in it then (breaker11q P8).
   * Empty for an unknown item. O(the plan's stream: its imports and versions).
   */
  async fileVersions(itemId: string): Promise<{ readonly on: string; readonly reason: string; readonly listsItem: boolean }[]> {
    const item = this.items.get(itemId);
    if (!item) return [];
    const versions: { on: string; reason: string; listsItem: boolean }[] = [];
    let sha256: string | null = null;
    for (const event of await this.#streams.read(workPlanStream(item.planId))) {
      if (event.type !== 'WorkPlanImported' && event.type !== 'WorkPlanRevised') continue;
      const outline = event.data as WorkPlanImported['data'] | WorkPlanRevised['data'];
      const newFile = outline.source.sha256 !== sha256;
      sha256 = outline.source.sha256;
      if (event.type !== 'WorkPlanRevised' || !newFile) continue;
      const revised = outline as WorkPlanRevised['data'];
      const listsItem = revised.categories.some((category) => category.items.some((listed) => listed.itemId === itemId));
      versions.push({ on: revised.revisedOn, reason: revised.reason, listsItem });
    }
    return versions;
  }

  /** How many events the item's stream holds as projected (its history's length); 0 for an unknown item. O(1). */
  historyLength(itemId: string): number {
    return this.historyLengths.get(itemId) ?? 0;
  }

  /**
   * How many lines the item's history lists for a reader who sees every line: its events as projected but those listed as no
   * line (`listedAsNoLine`) — `historyPage.totalCount`, the lines a client pages through. O(1); 0 for an unknown item.
   */
  historyLineCount(itemId: string): number {
    return this.historyLength(itemId) - (this.hiddenHistoryLines.get(itemId) ?? 0);
  }

  /**
   * Up to `maxCount` events of the item's history now, from the stream revision `fromRevision` on, as
   * `timeline` gives them (its definition dated, `datedDefinition`): a page read from the log without
   * the rest of the stream (breaker12g P6: a page of a 1,500-event item read all of it). The slice
   * holding the definition also reads the events recorded with it (what dates it: at most its parts).
   */
  async timelineSlice(itemId: string, fromRevision: number, maxCount: number): Promise<TimelineEntry[]> {
    const item = this.items.get(itemId);
    if (!item || maxCount <= 0) return [];
    const read = async (from: number, count: number) =>
      (await this.#streams.read(workPlanItemStream(itemId), { fromRevision: from, maxCount: count })).filter((event) => event.revision >= from).slice(0, count);
    const slice = await read(fromRevision, maxCount);
    const defined = slice[0];
    if (fromRevision > 0 || defined?.type !== 'WorkPlanItemDefined') return slice;
    const plan = this.plans.get(item.planId);
    const planImport = plan && { recordedAt: plan.importedEvent.metadata.recordedAt, approvedOn: plan.approvedOn };
    // Dated from what the ledger kept of the events recorded with it: the page alone is read, whatever the item's parts (perf47).
    const dating = this.definitionDating.get(itemId);
    if (dating) return [definitionDated(defined, dating.takenIn, planImport), ...slice.slice(1)];
    // An item of a snapshot written before `definitionDating`: the events recorded with the definition are read.
    const recordedWith = [...slice];
    for (let more = slice; more.length > 0 && more.at(-1)!.metadata.recordedAt === defined.metadata.recordedAt; ) {
      more = await read(more.at(-1)!.revision + 1, 500);
      recordedWith.push(...more);
    }
    return datedDefinition(recordedWith, planImport).slice(0, slice.length);
  }

  /**
   * A withdrawn item as its page, the breakdown's withdrawn rows and the work-plan export show it
   * (s20 Left 1, as `RectificationLedger.partsAsWithdrawn` for findings, breaker11j P3): its parts as
   * they stood on its withdrawal — every fact inside `cut` (absent: everything entered) except the
   * units' own records dated on or after `withdrawnOn` (made before the office knew of it, counted
   * nowhere), folded in business order (`itemPartsOnWithdrawal`), the parts the decider judges a late
   * record on — each part carrying `recordsAfterWithdrawal` (its later records, one Chinese line each,
   * from the part as recorded; empty when none). `item`: the item now, or as folded at `cut`. An item
   * not withdrawn: itself. Reads the item's stream (O(its events)) only when a part holds a later record.
   */
  async asWithdrawn<Item extends WorkPlanItemView>(item: Item, cut?: TimeCut): Promise<Item> {
    const { withdrawnOn } = item;
    if (item.status !== 'WITHDRAWN' || withdrawnOn === null) return item;
    const later = new Map([...item.parts].map(([unitId, part]) => [unitId, recordsAfterWithdrawal(part, withdrawnOn)]));
    const stood = [...later.values()].some((lines) => lines.length > 0) ? (itemPartsOnWithdrawal(await this.timeline(item.itemId, cut?.knownAt ?? null), withdrawnOn, cut) ?? item.parts) : item.parts;
    const parts = new Map([...stood].map(([unitId, part]) => [unitId, { ...part, recordsAfterWithdrawal: later.get(unitId) ?? [], parentWithdrawnOn: withdrawnOn }]));
    return { ...item, parts };
  }

  /**
   * An item whose withdrawals a later version ended (`withdrawnSpans`) with each part carrying `recordsSetAside`: its
   * unit's own records dated inside those spans — kept on the record, left out of every figure (breaker11n P1) — one
   * Chinese line each with the span and why (`recordsInWithdrawnSpans`), what the item page lists apart (withdraw2 Left 6).
   * `item`: the item now, or as folded at `cut` (absent: everything entered). Reads the item's stream (O(its events))
   * only when it has such a span; otherwise the item itself.
   */
  async withRecordsSetAside<Item extends WorkPlanItemView>(item: Item, cut?: TimeCut): Promise<Item> {
    const spans = (item.withdrawnSpans ?? []).filter((span) => span.until !== undefined);
    if (spans.length === 0) return item;
    const lines = recordsInWithdrawnSpans(await this.timeline(item.itemId, cut?.knownAt ?? null), spans, cut);
    return { ...item, parts: new Map([...item.parts].map(([unitId, part]) => [unitId, { ...part, recordsSetAside: lines.get(unitId) ?? [] }])) };
  }

  /**
   * The withdrawn ones among `itemIds`, found by `item` (now, or as folded at `cut`), each as it stood
   * on its withdrawal (`asWithdrawn`), by id; items in the plan are not in the map. O(the items),
   * reading the streams only of withdrawn items that hold a record dated after their withdrawal.
   */
  async withdrawnAsTheyStood<Item extends WorkPlanItemView>(itemIds: readonly string[], item: (itemId: string) => Item | undefined, cut?: TimeCut): Promise<Map<string, Item>> {
    const shown = new Map<string, Item>();
    for (const itemId of itemIds) {
      const found = item(itemId);
      if (found?.status === 'WITHDRAWN') shown.set(itemId, await this.asWithdrawn(found, cut));
    }
    return shown;
  }

  /**
   * The plan's withdrawn items now, each as it stood on its withdrawal (`asWithdrawn`), by id: what the
   * breakdown's and the export's withdrawn rows show. O(the plan's items) a call (no item is looked up
   * through `item`, nor a breakdown built: `workPlan { title }` stays cheap, breaker12f P11); each
   * withdrawn item is made again (its stream read when it holds later records) only after it changed.
   */
  async withdrawnNow(plan: WorkPlanView): Promise<Map<string, WorkPlanItemView>> {
    const shown = new Map<string, WorkPlanItemView>();
    for (const category of plan.categories) {
      for (const itemId of category.itemIds) {
        const found = this.items.get(itemId);
        if (found?.status !== 'WITHDRAWN') continue;
        const at = this.itemChanges(itemId);
        const kept = this.#shownWithdrawn.get(itemId);
        if (kept?.at === at) {
          shown.set(itemId, kept.view);
          continue;
        }
        const view = await this.asWithdrawn(found);
        // Kept only if the item did not change while its stream was read.
        if (this.itemChanges(itemId) === at) this.#shownWithdrawn.set(itemId, { at, view });
        shown.set(itemId, view);
      }
    }
    return shown;
  }

  listItems(): WorkPlanItemView[] {
    return [...this.items.values()];
  }

  /**
   * The items `itemIds` names (every item without it) as they stood at `cut`, those not yet defined
   * then left out, folded a slice at a time (see `foldAtCut`, `latestRecordedAt` as there).
   */
  itemsAt(cut: TimeCut, latestRecordedAt: string | null, itemIds: readonly string[] = [...this.items.keys()]): Promise<WorkPlanItemAtCut[]> {
    return foldAtCut(itemIds, cut, latestRecordedAt, (itemId, at) => this.itemAt(itemId, at));
  }
}

/**
 * The outline an import or a revision of the plan left (`keptOutline`), with the office day it counts from (`on`, `YYYY-MM-DD`:
 * the import's approval day as imported, a revision's `revisedOn`), the instant it was recorded (ISO), and whether it came
 * from a file (`fromFile`: the import or a version of another file; false for an item added on its own, which keeps the file).
 */
export interface DatedOutline {
  readonly on: string;
  readonly recordedAt: string;
  readonly fromFile: boolean;
  readonly categories: OutlineCategory[];
}

/**
 * Which of a plan's recorded outlines (in the order recorded) the plan of `cut` reads, as indexes: `latest`, the last one
 * recorded by `knownAt`; `standing`, among those from a file (`fromFile`), the one with the latest `on` not after `asOf`
 * (of one day, the later recorded; none yet on `asOf`: the first). Null when none was recorded by `knownAt`. A version
 * counts from its own day; an item added on its own names no 大项 of its day (its outline is the plan's as it stood when
 * typed in, maybe after a later-dated version): it comes in through `latest` (`outlineOn`).
 */
export function outlineChoice(outlines: readonly Pick<DatedOutline, 'on' | 'recordedAt' | 'fromFile'>[], cut: Pick<TimeCut, 'asOf' | 'knownAt'>): { readonly standing: number; readonly latest: number } | null {
  let latest = -1;
  let standing = -1;
  for (let index = 0; index < outlines.length; index += 1) {
    const outline = outlines[index]!;
    if (cut.knownAt !== null && outline.recordedAt > cut.knownAt) continue;
    latest = index;
    if (outline.fromFile && outline.on <= cut.asOf && (standing < 0 || outline.on >= outlines[standing]!.on)) standing = index;
  }
  if (latest < 0) return null;
  return { standing: standing < 0 ? outlines.findIndex((outline) => cut.knownAt === null || outline.recordedAt <= cut.knownAt) : standing, latest };
}

/**
 * The outline standing on a past day: `standing` (大项 codes, titles, order, each item under the 大项 it stood in then), with
 * every item of `latest` (the outline as known at the cut) it does not hold — one added later, or one added on its own and
 * dated before a version typed earlier — placed as `keptOutline` places an item a version leaves out. O(items).
 */
export function outlineOn(latest: readonly OutlineCategory[], standing: readonly OutlineCategory[]): OutlineCategory[] {
  return withItemsOf(latest, standing);
}

/**
 * A new version's outline with every item of the outline before it that the new one leaves out,
 * each placed right after the item it followed before (first in its category when none of those
 * is left), in its category then (one only earlier versions had is appended, `retired`). Run once per revision.
 */
export function keptOutline(before: readonly OutlineCategory[], next: WorkPlanImported['data']['categories']): OutlineCategory[] {
  return withItemsOf(
    before,
    next.map((category) => ({ code: category.code, title: category.title, itemIds: category.items.map((item) => item.itemId) })),
  );
}

/** `next` (copied; its `retired` marks kept) with the items of `before` it does not hold, as `keptOutline` says. */
function withItemsOf(before: readonly OutlineCategory[], next: readonly OutlineCategory[]): OutlineCategory[] {
  const outline: OutlineCategory[] = next.map((category) => ({ ...category, itemIds: [...category.itemIds] }));
  const listed = new Set(outline.flatMap((category) => category.itemIds));
  for (const previous of before) {
    let category = outline.find((candidate) => candidate.code === previous.code);
    let after: string | null = null;
    for (const itemId of previous.itemIds) {
      if (!listed.has(itemId)) {
        if (!category) outline.push((category = { code: previous.code, title: previous.title, itemIds: [], retired: true }));
        category.itemIds.splice(after === null ? 0 : category.itemIds.indexOf(after) + 1, 0, itemId);
        listed.add(itemId);
      }
      if (category?.itemIds.includes(itemId)) after = itemId;
    }
  }
  return outline;
}

/**
 * The timeline with its WorkPlanItemDefined dated by the office day the plan took the item in
 * (breaker8b N4, breaker11c F11): an item of the plan as imported, on the plan's approval day
 * (`planImport`: the import it was recorded with); one added later (a revision, `addWorkPlanItem`),
 * on the `assignedOn` of its units, written in the same decision as the definition — the earliest
 * recorded with it; the day it was typed in (the event has no day field of its own) only when
 * nothing was. Never later than that day. Derived when read, so items stored before this rule are
 * dated so too, with no event rewritten. The history lists 列入工作方案 on that day, and a cut
 * before it does not hold the item.
 */
export function datedDefinition(timeline: readonly TimelineEntry[], planImport?: PlanImport): TimelineEntry[] {
  const [defined, ...rest] = timeline;
  if (defined?.type !== 'WorkPlanItemDefined') return [...timeline];
  const dating: DefinitionDating = { recordedAt: defined.metadata.recordedAt, takenIn: null };
  if (planImport?.recordedAt !== defined.metadata.recordedAt) for (let next = 0; next < rest.length && !dating.closed; next += 1) datingFollows(dating, rest[next]!);
  return [definitionDated(defined, dating.takenIn, planImport), ...rest];
}

/** The import of an item's plan as `datedDefinition` reads it: the instant it was recorded (ISO) and the plan's approval day (YYYY-MM-DD). */
export interface PlanImport {
  readonly recordedAt: string;
  readonly approvedOn: string;
}

/**
 * What dates an item's definition besides its plan's import (`datedDefinition`): the instant it was recorded (ISO), the
 * earliest office day of a UnitAssigned recorded with it (in a row right after it, at that instant; null while none),
 * `closed` once an event of another instant followed it. Kept by `WorkPlanLedger` as the item's events arrive.
 */
interface DefinitionDating {
  readonly recordedAt: string;
  takenIn: string | null;
  closed?: true;
}

/** `dating` after `entry`, the item's next event after those it has seen (in stream order): changed in place. */
function datingFollows(dating: DefinitionDating, entry: TimelineEntry): void {
  if (entry.metadata.recordedAt !== dating.recordedAt) dating.closed = true;
  else if (entry.type === 'UnitAssigned' && (dating.takenIn === null || entry.occurredOn < dating.takenIn)) dating.takenIn = entry.occurredOn;
}

/**
 * The item's WorkPlanItemDefined `defined` dated as `datedDefinition` says: on its plan's approval day when it was recorded
 * with the plan's import (`planImport`), else on `assignedWith` (the earliest day of the UnitAssigned recorded with it, null
 * when none) — never later than the day it has. `defined` itself when that moves nothing.
 */
function definitionDated(defined: TimelineEntry, assignedWith: string | null, planImport?: PlanImport): TimelineEntry {
  const takenIn = planImport?.recordedAt === defined.metadata.recordedAt ? planImport.approvedOn : assignedWith;
  return takenIn === null || takenIn >= defined.occurredOn ? defined : { ...defined, occurredOn: takenIn };
}

/**
 * Folds an item's timeline (its stream, WorkPlanItemDefined first) inside the cut: undefined when
 * it was not yet defined then — not recorded by `knownAt`, or `asOf` before the day the plan took
 * it in (see `datedDefinition`: an item added mid-year is not in the plan of an earlier day).
 */
export function itemAt(timeline: readonly TimelineEntry[], cut: TimeCut): WorkPlanItemAtCut | undefined {
  const [defined, ...rest] = datedDefinition(timeline) as [TimelineEntry<WorkPlanItemDefined> | undefined, ...TimelineEntry[]];
  if (defined?.type !== 'WorkPlanItemDefined' || !knownInCut(cut, defined) || defined.occurredOn > cut.asOf) return undefined;
  const view = newItemView(defined);
  const folded = timelineAt(rest, cut);
  const spans = withdrawnSpansOf(folded);
  // Each completion the fold passed through, and the event that completed it: what `historyAt` lists completions by (breaker49-8 S2 S3 S6).
  const closings: Closing[] = [];
  const openings: Closing[] = [];
  for (const event of folded) {
    const before = view.completedOn;
    if (!inWithdrawnSpan(spans, event)) applyToItem(view, event);
    noteClosing(closings, before, view.completedOn, event, openings);
  }
  return { ...view, history: [defined, ...historyAt(rest, folded, cut, { closings, openings, word: '完成' })] };
}

/** The item’s view without its history (what the live ledger keeps). */
function withoutHistory(item: WorkPlanItemAtCut | undefined): WorkPlanItemView | undefined {
  if (!item) return undefined;
  const { history: _history, ...view } = item;
  return view;
}

/**
 * The item as the live ledger folds it (in the order recorded), its units' records inside the withdrawn spans a later
 * version ended left out (breaker11n P1): `timeline` is its stream, WorkPlanItemDefined first. Undefined without one.
 */
export function foldedAsRecorded(timeline: readonly TimelineEntry[]): WorkPlanItemView | undefined {
  const [defined, ...rest] = timeline as [TimelineEntry<WorkPlanItemDefined> | undefined, ...TimelineEntry[]];
  if (defined?.type !== 'WorkPlanItemDefined') return undefined;
  // The spans as the whole stream leaves them: a record typed before its withdrawal was is left out too.
  const spans = newItemView(defined);
  for (const event of rest) if (!isAssignmentEvent(event)) applyToItem(spans, event);
  const view = newItemView(defined);
  for (const event of rest) if (!inWithdrawnSpan(spans.withdrawnSpans ?? [], event)) applyToItem(view, event);
  return view;
}

/** Whether a part of the item holds a unit's record dated inside `span` (what its page lists as made after a withdrawal). */
const holdsRecordsIn = (item: WorkPlanItemView, span: OutOfPlanDays): boolean =>
  [...item.parts.values()].some((part) => recordsAfterWithdrawal(part, span.from).some((line) => line.slice(0, 10) < span.until!));

/**
 * The withdrawn spans a later version ended (WorkPlanItemReinstated) among an item's events folded
 * in business order (`timelineAt`), as `applyToItem` goes through them: a withdrawal undone (a pass
 * dated before it, typed later: its undoing is dated the same day) makes none. Office days, as
 * `OutOfPlanDays` (`from` the withdrawal, `until` the reinstatement). Empty when none (breaker11n P1).
 */
export function withdrawnSpansOf(folded: readonly TimelineEntry[]): OutOfPlanDays[] {
  const spans: OutOfPlanDays[] = [];
  let withdrawnOn: string | null = null;
  for (const event of folded as readonly TimelineEntry<WorkPlanItemEvent>[]) {
    if (event.type === 'WorkPlanItemWithdrawalUndone') spans.push(...(event.data.recordsSetAside ?? []).map(setAsideRecordOf));
    if (event.type === 'WorkPlanItemWithdrawn' && withdrawnOn === null) withdrawnOn = event.data.withdrawnOn;
    else if (event.type === 'WorkPlanItemWithdrawalUndone' && event.data.withdrawnOn === withdrawnOn) withdrawnOn = null;
    else if (event.type === 'WorkPlanItemReinstated' && withdrawnOn !== null) {
      spans.push({ from: withdrawnOn, until: event.data.reinstatedOn });
      withdrawnOn = null;
    }
  }
  return spans;
}

/** Whether the event is a unit's own record (`isUnitRecord`) dated inside one of `spans`: it counts nowhere (breaker11n P1). */
const inWithdrawnSpan = (spans: readonly OutOfPlanDays[], event: TimelineEntry): boolean => setAsideBy(spans, event, event.occurredOn);

/**
 * Per unit, its own records dated inside `spans` (withdrawals a later version ended: office days `from` ≤ day < `until`;
 * a span of one record, `OutOfPlanDays.record`: that unit's records of that day, set aside for good — breaker11o P2),
 * which every figure leaves out: the item's timeline (WorkPlanItemDefined first) inside `cut` (absent: everything
 * entered), corrections applied, folded in business order with nothing left out, each part's records of those days as
 * `recordsAfterWithdrawal` words them, followed by the span and why — 「2026-05-10 报送整改报告（该事项 2026-05-01 撤销：并入第3项；
 * 2026-06-01 起恢复列入方案，其间的记录不计入统计）」 — in business order. Units without such records are not in the map.
 */
export function recordsInWithdrawnSpans(timeline: readonly TimelineEntry[], spans: readonly OutOfPlanDays[], cut: TimeCut = EVERY_FACT): Map<string, string[]> {
  const [defined, ...rest] = timeline as [TimelineEntry<WorkPlanItemDefined> | undefined, ...TimelineEntry[]];
  const lines = new Map<string, string[]>();
  if (defined?.type !== 'WorkPlanItemDefined') return lines;
  const everything = newItemView(defined);
  const folded = timelineAt(rest, cut);
  for (const event of folded) applyToItem(everything, event);
  const reasonOf = (day: string): string => {
    const withdrawal = folded.findLast((event) => event.type === 'WorkPlanItemWithdrawn' && (event.data as { withdrawnOn?: string }).withdrawnOn === day);
    return withdrawal ? String((withdrawal.data as { reason?: string }).reason ?? '') : '';
  };
  /** Why a record set aside for good no longer holds: the undoing that set it aside — a verification dated before the withdrawal, or the office's correction of it (breaker11q P5). */
  const setAsideWhy = (record: NonNullable<OutOfPlanDays['record']>, on: string): string => {
    const undoing = folded.findLast(
      (event) =>
        event.type === 'WorkPlanItemWithdrawalUndone' &&
        ((event.data as { recordsSetAside?: readonly SetAsideRecord[] }).recordsSetAside ?? []).some((one) => one.unitId === record.unitId && one.type === record.type && one.on === on),
    ) as TimelineEntry<WorkPlanItemEvent> | undefined;
    const byOffice = undoing?.type === 'WorkPlanItemWithdrawalUndone' && !undoneByVerification(undoing.data);
    return byOffice ? '该事项的撤销已更正，此记录与补录的更早记录冲突，随之不再成立，不计入统计' : '该事项的撤销因更早的核验而不成立，此记录随之不再成立，不计入统计';
  };
  for (const [unitId, part] of everything.parts) {
    const inSpans = spans.flatMap((span) => {
      // A record a verification dated before its withdrawal (or a correction of that withdrawal) left not holding (breaker11o P2): that unit's records of that day.
      if (span.record) {
        const { record } = span;
        if (record.unitId !== unitId) return [];
        return recordsAfterWithdrawal(part, span.from)
          .filter((line) => line.slice(0, 10) === span.from)
          .map((line) => `${line}（${setAsideWhy(record, span.from)}）`);
      }
      const reason = reasonOf(span.from);
      const why = `该事项 ${span.from} 撤销${reason ? `：${reason}` : ''}；${span.until} 起恢复列入方案，其间的记录不计入统计`;
      return recordsAfterWithdrawal(part, span.from)
        .filter((line) => span.until === undefined || line.slice(0, 10) < span.until)
        .map((line) => `${line}（${why}）`);
    });
    if (inSpans.length > 0) lines.set(unitId, [...new Set(inSpans)].sort((a, b) => a.slice(0, 10).localeCompare(b.slice(0, 10))));
  }
  return lines;
}

/**
 * The parts of an item withdrawn on `withdrawnOn` as they stood on the withdrawal: its timeline
 * (WorkPlanItemDefined first, `datedDefinition` applied) inside `cut` (absent: everything entered),
 * corrections applied, without the units' own records (`isUnitRecord`) dated on or after
 * `withdrawnOn`, folded in business order; undefined when the item is not withdrawn so folded (not
 * yet defined, or the withdrawal outside the cut). See `WorkPlanLedger.asWithdrawn`.
 */
export function itemPartsOnWithdrawal(timeline: readonly TimelineEntry[], withdrawnOn: string, cut: TimeCut = EVERY_FACT): Map<string, PartView> | undefined {
  const [defined, ...rest] = timeline as [TimelineEntry<WorkPlanItemDefined> | undefined, ...TimelineEntry[]];
  if (defined?.type !== 'WorkPlanItemDefined') return undefined;
  const view = newItemView(defined);
  const folded = timelineAt(rest, cut);
  const spans = withdrawnSpansOf(folded);
  for (const event of folded) if (!(isUnitRecord(event) && event.occurredOn >= withdrawnOn) && !inWithdrawnSpan(spans, event)) applyToItem(view, event);
  return view.status === 'WITHDRAWN' ? view.parts : undefined;
}

/** A part as 单位排名 counts it: `parentWithdrawnOn` set when it counts as it stood on that office day (`dayCountedOn`). */
export type ScoredPart = PartView & { readonly parentWithdrawnOn?: string };

/** The key of a part taken off the item in `withPartsTakenOff`'s answer: never a unit id, so a unit given a new part after it counts both. */
const takenOffKey = (unitId: string) => `${unitId}|taken-off`;

/**
 * `parts` (an item's as 单位排名 counts them: its own, or a withdrawn item's as they stood on the withdrawal, each with
 * `parentWithdrawnOn`) with each part a plan change took off unverified (`removedParts`: a new version leaving the unit out,
 * `removeWorkPlanItemUnit`) added as it stood on its removal day, `parentWithdrawnOn` that day — the rule for a withdrawn
 * item's parts (breaker11o P4) applied to one part: it stays in its unit's 任务数, a report made before the removal counts
 * (on time or late), and a part overdue then stays due and overdue, one due later never becomes due (newcomer49-10 S5: a
 * unit three months late was cleared in 单位排名 by being left out of the next 调整). The one place every 单位排名 takes an
 * item's parts from: the tallies kept now (`WorkPlanPartsReadModel`), the per-day deltas of a past day (`partsAsCounted`,
 * `foldItemByDay`) and the scorecard as known at an instant (`GetUnitScorecardHandler`). A removed part's key is not its unit
 * id (`takenOffKey`). `parts` itself when nothing was taken off. O(parts) then.
 */
export function withPartsTakenOff(item: Pick<WorkPlanItemView, 'removedParts'>, parts: ReadonlyMap<string, ScoredPart>): ReadonlyMap<string, ScoredPart> {
  const removed = [...takenOff(item.removedParts)];
  if (removed.length === 0) return parts;
  const counted = new Map<string, ScoredPart>(parts);
  // A removal that kept the part on (its report awaited inspection, h57a) took nothing off: the part is counted as the item's.
  for (const [unitId, { part, on }] of removed) counted.set(takenOffKey(unitId), { ...part, parentWithdrawnOn: on });
  return counted;
}

/**
 * The item's parts as the scorecard of a day counts them, `item` folded at `cut` (`itemAt`) from `timeline`: in the plan,
 * its parts; withdrawn, as they stood on the withdrawal — each with `parentWithdrawnOn` — as `WorkPlanLedger.asWithdrawn`
 * makes them (its units' records dated on or after the withdrawal left out when a part holds one); with the parts plan
 * changes took off, each as it stood on its removal day (`withPartsTakenOff`).
 */
export function partsAsCounted(item: WorkPlanItemView, timeline: readonly TimelineEntry[], cut: TimeCut): ReadonlyMap<string, ScoredPart> {
  const { withdrawnOn } = item;
  if (item.status !== 'WITHDRAWN' || withdrawnOn === null) return withPartsTakenOff(item, item.parts);
  const later = [...item.parts.values()].some((part) => recordsAfterWithdrawal(part, withdrawnOn).length > 0);
  const stood = later ? (itemPartsOnWithdrawal(timeline, withdrawnOn, cut) ?? item.parts) : item.parts;
  return withPartsTakenOff(item, new Map([...stood].map(([unitId, part]) => [unitId, { ...part, parentWithdrawnOn: withdrawnOn }])));
}

/**
 * The item's parts as the scorecard counts them (`partsAsCounted`) day by day, everything entered known: `visit(day,
 * parts)` is called for the day the plan took it in and for each later office day a fact of its timeline happened on
 * (corrections applied) — between two of them nothing it counts changes — with the item folded at that day (`itemAt`).
 * O(days × its events): for a refold of one item's share of past days. `timeline`: as `WorkPlanLedger.timeline` gives it.
 */
export function foldItemByDay(timeline: readonly TimelineEntry[], visit: (day: string, parts: Iterable<ScoredPart>) => void): void {
  const [defined, ...rest] = datedDefinition(timeline);
  if (defined?.type !== 'WorkPlanItemDefined') return;
  const days = new Set<string>([defined.occurredOn]);
  for (const entry of [...rest, ...timelineAt(rest, EVERY_FACT)]) if (entry.occurredOn > defined.occurredOn) days.add(entry.occurredOn);
  for (const day of [...days].sort()) {
    const cut: TimeCut = { asOf: day, knownAt: null, axes: [] };
    const item = itemAt(timeline, cut);
    if (item) visit(day, partsAsCounted(item, timeline, cut).values());
  }
}

/** A plan's approval day (印发) as recorded: by the import, then by each `WorkPlanApprovalCorrected`, with the instant each was recorded. */
interface PlanApproval {
  readonly approvedOn: string;
  readonly recordedAt: string;
}

/** The approval day known at `knownAt` (ISO instant; null: now): the last recorded by then, else the import's. */
function approvedOnKnownAt(plan: { readonly approvedOn: string; readonly approvals?: readonly PlanApproval[] }, knownAt: string | null): string {
  // Absent in a snapshot written before breaker8s P3: the day as corrected.
  if (knownAt === null || plan.approvals === undefined) return plan.approvedOn;
  return plan.approvals.findLast((approval) => approval.recordedAt <= knownAt)?.approvedOn ?? plan.approvals[0]?.approvedOn ?? plan.approvedOn;
}

/** The items the outline's largest 大项 lists (0 for none). */
const largestOf = (outline: readonly OutlineCategory[]): number => outline.reduce((most, category) => Math.max(most, category.itemIds.length), 0);

/** The items the outline lists, in every 大项. */
const itemsOf = (outline: readonly OutlineCategory[]): number => outline.reduce((sum, category) => sum + category.itemIds.length, 0);
