import { planLastYear } from '../domain/work-plan.decider.js';
import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { AppSettings } from '../../config/app-settings.js';
import { officeDate } from '../../shared/calendar-date.js';
import { isPresent, parseTimeCut, type TimeCut, type TimeTravel } from '../../shared/time-cut.js';
import { Clock } from '../../shared/clock.js';
import { DomainError, notFound, notYetRecorded, say } from '../../shared/domain-error.js';
import { buildBreakdown, itemRow, type Breakdown, type CategoryRow, type ItemRow, type RowOptions } from './breakdown.js';
import { WorkPlanLedger, type WorkPlanItemView, type WorkPlanView } from './work-plan-ledger.js';

/**
 * The plans' breakdowns as they stand now (every unit's parts), built when first asked and kept while
 * the office day and the yellow-light window stay (breaker12f P11: every `workPlan(id)` and `workPlans`
 * built every breakdown again, 0.3–1.2 s a call at the bench's size). A plan's breakdown is built again
 * only after a change of that plan (WorkPlanLedger.changesOf), and then only the rows of its items that
 * changed (WorkPlanLedger.itemChanges) are made again, the others kept: O(the plan's items + the changed
 * items' parts) (breaker12g P4: one counter for every plan made each breakdown whole again after any
 * change anywhere, 4–14 s for a 30,000-part plan's page that reloads on every push).
 * A breakdown of one unit's parts, or of a past day, is built per call (and priced so).
 */
/** Breakdowns of a past day or instant kept at most (`BreakdownsNow.atCut`): a 各单位 plan's is tens of MB. */
export const PAST_BREAKDOWNS_KEPT = 4;

@Injectable()
export class BreakdownsNow {
  private readonly kept = new Map<string, { readonly changes: number; readonly breakdown: Breakdown; rows?: ReadonlyMap<string, ItemRow> }>();
  /** Each item's row now, with the item's change count it was made at. */
  private readonly rows = new Map<string, { readonly changes: number; readonly row: ItemRow }>();
  /** The office day and yellow-light window what is kept was lit with. */
  private lit = '';

  /**
   * Breakdowns of a past day or instant (`workPlanAt` at a cut), each with its plan's `changesOf` when its fold began, least
   * recently used first: the same question asked again while nothing of the plan has changed is answered without folding
   * its items again (issue 12 row 4: `workPlan(asOf)` read every item's stream on every call, 30–130 ms at 100k events).
   */
  private readonly past = new Map<string, { readonly changes: number; readonly breakdown: unknown }>();

  constructor(private readonly ledger: WorkPlanLedger) {}

  /**
   * The breakdown `fold` gives for `key` (the plan, the unit filter, the cut with its axes, the yellow-light window), kept
   * while `planId`'s outline and items stay as they were when it was folded (`WorkPlanLedger.changesOf`: every event of
   * the plan or of one of its items changes it) — a later event changes a past day's rows (a late fact, a correction) or
   * who holds a part since (`heldLater`). Kept only when nothing of the plan changed during the fold; a fold that fails is
   * not kept. At most `PAST_BREAKDOWNS_KEPT`.
   */
  async atCut<Kept>(key: string, planId: string, fold: () => Promise<Kept>): Promise<Kept> {
    const changes = this.ledger.changesOf(planId);
    const kept = this.past.get(key);
    if (kept?.changes === changes) {
      this.past.delete(key);
      this.past.set(key, kept);
      return kept.breakdown as Kept;
    }
    const breakdown = await fold();
    if (this.ledger.changesOf(planId) === changes) {
      this.past.delete(key);
      this.past.set(key, { changes, breakdown });
      if (this.past.size > PAST_BREAKDOWNS_KEPT) this.past.delete(this.past.keys().next().value!);
    }
    return breakdown;
  }

  /** `plan`'s breakdown now, lit as of `today` (the office day now). */
  of(plan: WorkPlanView, today: string, dueSoonDays: number): Breakdown {
    return this.entry(plan, today, dueSoonDays).breakdown;
  }

  /**
   * The rows of `plan`'s items now (every unit's parts), by item id, as its breakdown holds them: what a
   * page of `workPlanItems` is cut from (an item the breakdown does not show is not among them).
   */
  rowsOf(plan: WorkPlanView, today: string, dueSoonDays: number): ReadonlyMap<string, ItemRow> {
    const entry = this.entry(plan, today, dueSoonDays);
    entry.rows ??= new Map([...entry.breakdown.categories, ...entry.breakdown.retiredCategories].flatMap((category) => [...category.items, ...category.withdrawnItems]).map((row) => [row.itemId, row]));
    return entry.rows;
  }

  private entry(plan: WorkPlanView, today: string, dueSoonDays: number) {
    const lit = `${today}|${dueSoonDays}`;
    if (lit !== this.lit) {
      this.kept.clear();
      this.rows.clear();
      this.lit = lit;
    }
    const changes = this.ledger.changesOf(plan.planId);
    let entry = this.kept.get(plan.planId);
    if (entry?.changes !== changes) {
      entry = { changes, breakdown: buildBreakdown(plan, (itemId) => this.ledger.item(itemId), { today, dueSoonDays }, (item, options) => this.rowOf(item, options)) };
      this.kept.set(plan.planId, entry);
    }
    return entry;
  }

  /** The item's row now: the one kept while the item has not changed since it was made. */
  private rowOf(item: WorkPlanItemView, options: RowOptions): ItemRow {
    const changes = this.ledger.itemChanges(item.itemId);
    const kept = this.rows.get(item.itemId);
    if (kept?.changes === changes) return kept.row;
    const row = itemRow(item, options);
    this.rows.set(item.itemId, { changes, row });
    return row;
  }
}

/**
 * A breakdown whose categories and roll-up are built only when read (`build`, once): `workPlan(id) { title }`
 * and the plan list's titles cost a lookup, not a whole breakdown (breaker12f P11).
 */
function lazyBreakdown<Extra extends object>(plan: WorkPlanView, settings: Pick<RowOptions, 'today' | 'unitId'>, build: () => Breakdown, extra: Extra): Breakdown & Extra {
  let built: Breakdown | undefined;
  const whole = () => (built ??= build());
  return {
    planId: plan.planId,
    title: plan.title,
    year: plan.year,
    lastYear: planLastYear(plan),
    approvedOn: plan.approvedOn,
    asOf: settings.today,
    unitId: settings.unitId ?? null,
    get progress() {
      return whole().progress;
    },
    get categories() {
      return whole().categories;
    },
    get retiredCategories() {
      return whole().retiredCategories;
    },
    ...extra,
  };
}

export class ListWorkPlansQuery extends Query<Breakdown[]> {}

export class GetWorkPlanQuery extends Query<Breakdown & { time: TimeCut }> {
  constructor(readonly options: { planId: string; unitId?: string } & TimeTravel) {
    super();
  }
}

export class GetWorkPlanItemQuery extends Query<ItemRow & { time: TimeCut }> {
  constructor(
    readonly itemId: string,
    readonly travel: TimeTravel = {},
  ) {
    super();
  }
}

@QueryHandler(ListWorkPlansQuery)
export class ListWorkPlansHandler implements IQueryHandler<ListWorkPlansQuery> {
  constructor(
    private readonly ledger: WorkPlanLedger,
    private readonly clock: Clock,
    @Inject(ConfigService) private readonly config: ConfigService<AppSettings, true>,
    private readonly breakdowns: BreakdownsNow,
  ) {}

  execute() {
    const today = officeDate(this.clock.now());
    const dueSoonDays = this.config.get('DUE_SOON_DAYS', { infer: true });
    return Promise.resolve(
      this.ledger.listPlans().map((plan) => lazyBreakdown(plan, { today }, () => this.breakdowns.of(plan, today, dueSoonDays), { importedAt: plan.importedAt })),
    );
  }
}

/** The breakdown on a business day and/or as known at an instant, folded from each item's dated timeline. */
@QueryHandler(GetWorkPlanQuery)
export class GetWorkPlanHandler implements IQueryHandler<GetWorkPlanQuery> {
  constructor(
    private readonly ledger: WorkPlanLedger,
    private readonly clock: Clock,
    @Inject(ConfigService) private readonly config: ConfigService<AppSettings, true>,
    private readonly breakdowns: BreakdownsNow,
  ) {}

  execute({ options }: GetWorkPlanQuery) {
    return workPlanAt(this.ledger, options, this.clock.now(), this.config.get('DUE_SOON_DAYS', { infer: true }), this.ledger.latestRecordedAt, this.breakdowns);
  }
}

/**
 * NOT_FOUND (`extensions.reason` NOT_YET_RECORDED, as for a finding or item asked for before its day) for a plan asked for as
 * of office day `asOf` (`YYYY-MM-DD`) before its approval (`approvedOn`, as known at the cut): it did not exist that day — an
 * empty plan, or a progress sheet with no rows, read as a plan with nothing in it (breaker8t P5, newcomer38 S2). The Chinese
 * says 尚未批准 and when it was approved; the web page and the export show that sentence.
 */
export function notYetApproved(plan: { readonly title: string; readonly approvedOn: string }, asOf: string): DomainError {
  return new DomainError(
    'NOT_FOUND',
    say(`Work plan 「${plan.title}」 was not approved yet on ${asOf} (approved on ${plan.approvedOn}): there is no progress to show.`, `截至 ${asOf}，工作方案《${plan.title}》尚未批准（${plan.approvedOn} 批准印发），还没有进展可看。`),
    { reason: 'NOT_YET_RECORDED' },
  );
}

/**
 * The breakdown of `options.planId` as GetWorkPlanQuery answers it, for callers outside the query
 * bus too (the export CLI): `now` is the present instant, `dueSoonDays` the yellow-light window,
 * `latestRecordedAt` the instant the fold stops at (the ledger's, as the dashboard's `asOf` folds;
 * null for read models replayed once, as the CLI's).
 * @throws DomainError BAD_USER_INPUT for a bad asOf/knownAt, NOT_FOUND for an unknown plan, one not recorded by `knownAt`, or one
 * asked for as of a day before its approval (`notYetApproved`).
 */
export async function workPlanAt(
  ledger: WorkPlanLedger,
  options: GetWorkPlanQuery['options'],
  now: Date,
  dueSoonDays: number,
  latestRecordedAt: string | null,
  kept?: BreakdownsNow,
): Promise<Breakdown & { time: TimeCut }> {
  const time = parseTimeCut(options, now);
  const cut = isPresent(time, now) ? null : time;
  const plan = ledger.plan(options.planId, cut);
  if (!plan) throw cut && ledger.plan(options.planId, null) ? notYetRecorded('Work plan', options.planId, cut) : notFound('Work plan', options.planId);
  if (cut !== null && time.asOf < plan.approvedOn) throw notYetApproved(plan, time.asOf);
  const settings = { today: time.asOf, knownAt: time.knownAt, dueSoonDays, unitId: options.unitId };
  if (cut === null) {
    // Withdrawn items are shown as they stood on their withdrawal, their later records apart (s20 Left 1); the kept breakdown is left as it is.
    const withdrawn = await ledger.withdrawnNow(plan);
    const build = () => withdrawnRows(kept && settings.unitId === undefined ? kept.of(plan, settings.today, dueSoonDays) : buildBreakdown(plan, (itemId) => ledger.item(itemId), settings), withdrawn, settings);
    return lazyBreakdown(plan, settings, build, { time });
  }
  // At a cut, the plan's items are folded from their streams first, then laid out as now (kept: asked again, not folded again).
  const fold = async () => {
    const itemIds = plan.categories.flatMap((category) => category.itemIds);
    const items = new Map((await ledger.itemsAt(cut, latestRecordedAt, itemIds)).map((item) => [item.itemId, item]));
    for (const [itemId, item] of await ledger.withdrawnAsTheyStood(itemIds, (itemId) => items.get(itemId), cut)) items.set(itemId, item);
    return { ...buildBreakdown(plan, (itemId) => items.get(itemId), { ...settings, present: (itemId) => ledger.item(itemId) }), time };
  };
  return kept ? kept.atCut(JSON.stringify([plan.planId, settings.unitId ?? null, dueSoonDays, time]), plan.planId, fold) : fold();
}

/**
 * The breakdown with its withdrawn items' rows made from `withdrawn` (by id: each as it stood on its
 * withdrawal, `WorkPlanLedger.withdrawnAsTheyStood`) with the same `settings`; the items in the plan
 * and every roll-up as they were (withdrawn items are in none). O(the withdrawn items' parts).
 */
function withdrawnRows(breakdown: Breakdown, withdrawn: ReadonlyMap<string, WorkPlanItemView>, settings: RowOptions): Breakdown {
  if (withdrawn.size === 0) return breakdown;
  const row = (shown: ItemRow): ItemRow => {
    const item = withdrawn.get(shown.itemId);
    return item ? itemRow(item, settings) : shown;
  };
  const withRows = (category: CategoryRow): CategoryRow => ({ ...category, withdrawnItems: category.withdrawnItems.map(row) });
  return { ...breakdown, categories: breakdown.categories.map(withRows), retiredCategories: breakdown.retiredCategories.map(withRows) };
}

@QueryHandler(GetWorkPlanItemQuery)
export class GetWorkPlanItemHandler implements IQueryHandler<GetWorkPlanItemQuery> {
  constructor(
    private readonly ledger: WorkPlanLedger,
    private readonly clock: Clock,
    @Inject(ConfigService) private readonly config: ConfigService<AppSettings, true>,
  ) {}

  async execute({ itemId, travel }: GetWorkPlanItemQuery) {
    const now = this.clock.now();
    const time = parseTimeCut(travel, now);
    const present = isPresent(time, now);
    const found = present ? this.ledger.item(itemId) : await this.ledger.itemAt(itemId, time);
    if (!found) throw !present && this.ledger.item(itemId) ? notYetRecorded('Work-plan item', itemId, time) : notFound('Work-plan item', itemId);
    // A withdrawn item's parts as they stood on its withdrawal, each with its later records apart (s20 Left 1).
    // An item listed again: its parts' records dated while it was out of the plan, apart (withdraw2 Left 6).
    const item = await this.ledger.withRecordsSetAside(await this.ledger.asWithdrawn(found, present ? undefined : time), present ? undefined : time);
    const standing = (id: string) => this.ledger.item(id);
    return { ...itemRow(item, { today: time.asOf, knownAt: time.knownAt, dueSoonDays: this.config.get('DUE_SOON_DAYS', { infer: true }), present: standing }), time };
  }
}
