import { isAssignmentEvent } from '../../assignments/domain/assignment.events.js';
import { historyEntry, type HistoryEntry } from '../../assignments/read-model/history.js';
import { applyAssignmentEvent, type PartView } from '../../assignments/read-model/part-view.js';
import type { Projection, RecordedEvent } from '../../event-sourcing/recorded-event.js';
import type { WorkPlanEvent, WorkPlanImported, WorkPlanItemDefined, WorkPlanItemEvent } from '../domain/work-plan.events.js';

export type WorkPlanView = Omit<WorkPlanImported['data'], 'categories'> & {
  readonly importedAt: string;
  readonly importedBy: string;
  readonly categories: { readonly code: string; readonly title: string; readonly itemIds: string[] }[];
};

export type WorkPlanItemView = WorkPlanItemDefined['data'] & {
  status: 'OPEN' | 'COMPLETED';
  completedOn: string | null;
  readonly parts: Map<string, PartView>;
  readonly history: HistoryEntry[];
};

const ITEM_STREAM_PREFIX = 'work-plan-item-';

/**
 * The work-plan breakdown (分解方案) as it stands: plans, their categories and items, and every
 * item's parts. A plain class, so time travel can replay the log into a fresh one.
 */
export class WorkPlanLedger implements Projection {
  private readonly plans = new Map<string, WorkPlanView>();
  private readonly items = new Map<string, WorkPlanItemView>();

  apply(event: RecordedEvent): void {
    if (event.type === 'WorkPlanImported') {
      const { categories, ...plan } = (event as RecordedEvent<WorkPlanEvent>).data;
      this.plans.set(plan.planId, {
        ...plan,
        importedAt: event.metadata.recordedAt,
        importedBy: event.metadata.actorId,
        categories: categories.map((category) => ({ code: category.code, title: category.title, itemIds: category.items.map((item) => item.itemId) })),
      });
      return;
    }
    if (!event.streamId.startsWith(ITEM_STREAM_PREFIX)) return;
    if (event.type === 'WorkPlanItemDefined') {
      const defined = event as RecordedEvent<WorkPlanItemDefined>;
      this.items.set(defined.data.itemId, { ...defined.data, status: 'OPEN', completedOn: null, parts: new Map(), history: [] });
    }
    const item = this.items.get(event.streamId.slice(ITEM_STREAM_PREFIX.length));
    if (!item) return;
    item.history.push(historyEntry(event));
    if (isAssignmentEvent(event)) {
      applyAssignmentEvent(item.parts, event);
      return;
    }
    const own = event as RecordedEvent<WorkPlanItemEvent>;
    if (own.type === 'WorkPlanItemCompleted') {
      item.status = 'COMPLETED';
      item.completedOn = own.data.completedOn;
    } else if (own.type === 'WorkPlanItemReopened') {
      item.status = 'OPEN';
      item.completedOn = null;
    }
  }

  plan(planId: string): WorkPlanView | undefined {
    return this.plans.get(planId);
  }

  listPlans(): WorkPlanView[] {
    return [...this.plans.values()].sort((a, b) => b.year - a.year || a.title.localeCompare(b.title));
  }

  item(itemId: string): WorkPlanItemView | undefined {
    return this.items.get(itemId);
  }

  listItems(): WorkPlanItemView[] {
    return [...this.items.values()];
  }
}
