import { Inject } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { AppSettings } from '../../config/app-settings.js';
import { Clock } from '../../shared/clock.js';
import { badInput, notFound, notYetRecorded } from '../../shared/domain-error.js';
import type { Connection, PageRequest } from '../../shared/pagination/page.js';
import { isPresent, parseTimeCut, type TimeTravel } from '../../shared/time-cut.js';
import type { ItemRow } from '../breakdown/breakdown.js';
import { BreakdownsNow } from '../breakdown/work-plan.queries.js';
import { WorkPlanLedger, type WorkPlanItemView } from '../breakdown/work-plan-ledger.js';
import { itemIdsOf, itemPage, type ItemFilter } from './item-list.js';

export class ListWorkPlanItemsQuery extends Query<Connection<ItemRow>> {
  constructor(
    readonly planId: string,
    readonly filter: ItemFilter,
    readonly page: PageRequest,
    readonly travel: TimeTravel = {},
  ) {
    super();
  }
}

/**
 * A page of one plan's items: now from the ledger's items as they stand; at a cut only the items
 * asked about (one category's, when named) are folded from their streams, so opening one 大项 of a
 * 1,200-item plan as of a past day reads that category's items, not the plan's.
 */
@QueryHandler(ListWorkPlanItemsQuery)
export class ListWorkPlanItemsHandler implements IQueryHandler<ListWorkPlanItemsQuery> {
  constructor(
    private readonly ledger: WorkPlanLedger,
    private readonly clock: Clock,
    @Inject(ConfigService) private readonly config: ConfigService<AppSettings, true>,
    private readonly breakdowns: BreakdownsNow,
  ) {}

  async execute({ planId, filter, page, travel }: ListWorkPlanItemsQuery): Promise<Connection<ItemRow>> {
    const now = this.clock.now();
    const time = parseTimeCut(travel, now);
    const cut = isPresent(time, now) ? null : time;
    const plan = this.ledger.plan(planId, cut);
    if (!plan) throw cut && this.ledger.plan(planId, null) ? notYetRecorded('Work plan', planId, cut) : notFound('Work plan', planId, 'planId');
    const itemIds = itemIdsOf(plan, filter.categoryCode);
    if (filter.categoryCode !== undefined && itemIds.length === 0 && !plan.categories.some((category) => category.code === filter.categoryCode)) {
      throw badInput(
        `Work plan 「${plan.title}」 has no category ${filter.categoryCode}.`,
        `工作方案《${plan.title}》没有编号为“${filter.categoryCode}”的大项。`,
        { field: 'categoryCode' },
      );
    }
    const settings = { today: time.asOf, knownAt: time.knownAt, dueSoonDays: this.config.get('DUE_SOON_DAYS', { infer: true }) };
    if (cut === null && filter.withdrawn !== true) return itemPage(itemIds, (itemId) => this.ledger.item(itemId), filter, page, settings, this.breakdowns.rowsOf(plan, settings.today, settings.dueSoonDays));
    const items = cut === null ? new Map<string, WorkPlanItemView>() : new Map((await this.ledger.itemsAt(cut, this.ledger.latestRecordedAt, itemIds)).map((item) => [item.itemId, item]));
    const found = (itemId: string) => (cut === null ? this.ledger.item(itemId) : items.get(itemId));
    // Withdrawn items as they stood on their withdrawal, their later records apart (s20 Left 1).
    const withdrawn = filter.withdrawn !== true ? new Map<string, WorkPlanItemView>() : cut === null ? await this.ledger.withdrawnNow(plan) : await this.ledger.withdrawnAsTheyStood(itemIds, found, cut);
    const shown = (itemId: string) => withdrawn.get(itemId) ?? found(itemId);
    return itemPage(itemIds, shown, filter, page, cut === null ? settings : { ...settings, present: (itemId) => this.ledger.item(itemId) });
  }
}
