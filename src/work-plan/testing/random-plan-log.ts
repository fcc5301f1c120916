import fc from 'fast-check';
import type { RecordedEvent } from '../../event-sourcing/recorded-event.js';
import { asWorkPlanItems } from '../../rectification/testing/random-findings-log.js';

/*
 * Random histories of one work plan for the agreement specs (past-day-scorecard, past-breakdowns-kept): a random findings
 * log, and another told of work-plan items of one plan (`planLogOf`), with withdrawals, their undoing, reinstatements and a
 * corrected approval day put in (`planInserts`).
 */

export const PLAN = 'plan-2026';
export const PLAN_DAYS = ['2026-04-20', '2026-05-03', '2026-05-09', '2026-05-12', '2026-05-20', '2026-06-01'];

export interface Insert {
  readonly at: number;
  readonly item: number;
  readonly day: number;
  readonly kind: 'withdraw' | 'undo' | 'reinstate' | 'correctApproval';
}

/**
 * A random findings log, and another told of work-plan items of one plan (imported with the first item, approved on a
 * random day), with withdrawals, their undoing, reinstatements and a corrected approval day put in; revisions and
 * positions renumbered.
 */
export function planLogOf(findingsLog: readonly RecordedEvent[], itemsLog: readonly RecordedEvent[], approvedOn: number, inserts: readonly Insert[]): RecordedEvent[] {
  const items = asWorkPlanItems(itemsLog);
  const itemIds = items.filter((event) => event.type === 'WorkPlanItemDefined').map((event) => (event.data as { itemId: string }).itemId);
  const first = items.findIndex((event) => event.type === 'WorkPlanItemDefined');
  const events: RecordedEvent[] = [...items];
  if (first >= 0) {
    const base = items[first]!;
    const outline = { code: '一', title: '公开', items: itemIds.map((itemId, index) => ({ itemId, code: String(index + 1), title: '事项' })) };
    const data = { planId: PLAN, title: '2026年政务公开工作方案', year: 2026, categories: [outline], source: { fileName: 'plan.xlsx', sha256: 'a' }, approvedOn: PLAN_DAYS[approvedOn] };
    // Recorded with the first item: that one is taken in on the approval day (datedDefinition); the others on their own day.
    events.splice(first, 0, { ...base, id: `${base.id}-plan`, streamId: `work-plan-${PLAN}`, type: 'WorkPlanImported', data, occurredOn: PLAN_DAYS[approvedOn]! } as RecordedEvent);
  }
  for (const insert of [...inserts].sort((a, b) => b.at - a.at)) {
    const at = Math.min(insert.at, events.length);
    const base = events[Math.max(0, at - 1)];
    const day = PLAN_DAYS[insert.day]!;
    if (!base) continue;
    if (insert.kind === 'correctApproval') {
      if (!events.slice(0, at).some((event) => event.type === 'WorkPlanImported')) continue;
      const data = { planId: PLAN, previousApprovedOn: PLAN_DAYS[approvedOn], approvedOn: day, reason: '批准日期录入错误', correctedOn: '2026-06-01' };
      events.splice(at, 0, { ...base, id: `${base.id}-c${at}`, streamId: `work-plan-${PLAN}`, type: 'WorkPlanApprovalCorrected', data, occurredOn: '2026-06-01' } as RecordedEvent);
      continue;
    }
    const itemId = itemIds[insert.item % Math.max(itemIds.length, 1)];
    if (!itemId || !events.slice(0, at).some((event) => event.type === 'WorkPlanItemDefined' && (event.data as { itemId: string }).itemId === itemId)) continue;
    const [type, data] =
      insert.kind === 'withdraw'
        ? ['WorkPlanItemWithdrawn', { itemId, reason: '并入第1项', withdrawnOn: day }]
        : insert.kind === 'undo'
          ? ['WorkPlanItemWithdrawalUndone', { itemId, withdrawnOn: day, reason: '撤销不成立', undoneOn: day }]
          : ['WorkPlanItemReinstated', { itemId, reinstatedOn: day, reason: '依据 plan-v3.xlsx 修订方案' }];
    events.splice(at, 0, { ...base, id: `${base.id}-w${at}`, streamId: `work-plan-item-${itemId}`, type, data, occurredOn: day } as RecordedEvent);
  }
  const log = [...findingsLog, ...events];
  const revisions = new Map<string, number>();
  return log.map((event, index) => {
    const revision = revisions.get(event.streamId) ?? 0;
    revisions.set(event.streamId, revision + 1);
    return { ...event, revision, position: { commit: BigInt(index + 1), prepare: BigInt(index + 1) } };
  });
}

export const planInserts = fc.array(
  fc.record({ at: fc.nat(90), item: fc.nat(3), day: fc.nat(PLAN_DAYS.length - 1), kind: fc.constantFrom<Insert['kind']>('withdraw', 'withdraw', 'undo', 'reinstate', 'correctApproval') }),
  { maxLength: 4 },
);
