import { jest } from '@jest/globals';
import type { ConfigService } from '@nestjs/config';
import type { AppSettings } from '../../config/app-settings.js';
import type { StreamReader } from '../../event-sourcing/projected-streams.js';
import type { RecordedEvent } from '../../event-sourcing/recorded-event.js';
import type { Clock } from '../../shared/clock.js';
import { workPlanItemStream, workPlanStream } from '../domain/work-plan.events.js';
import { BreakdownsNow, GetWorkPlanHandler, ListWorkPlansHandler } from './work-plan.queries.js';
import { WorkPlanLedger } from './work-plan-ledger.js';

/*
 * workPlan(asOf) folds every item from its stream read from the log, a slice at a time; events
 * projected meanwhile must be left out of every item alike, as the dashboard's fold leaves them out:
 * one answer is one moment (the ledger's latest recorded instant when the query starts).
 */

const PLAN = 'plan-2026';
const ITEM = 'item-1';
let position = 0;
const event = (streamId: string, type: string, data: object, occurredOn: string, recordedAt: string): RecordedEvent => {
  position += 1;
  return {
    id: `event-${position}`,
    streamId,
    revision: position,
    position: { commit: BigInt(position), prepare: BigInt(position) },
    type,
    data,
    occurredOn,
    metadata: { recordedAt, actorId: 'supervisor', actorRole: 'SUPERVISOR', actorUnitId: null },
  } as unknown as RecordedEvent;
};

const imported = event(
  workPlanStream(PLAN),
  'WorkPlanImported',
  {
    planId: PLAN,
    title: '2026年政务公开工作要点分解方案',
    year: 2026,
    categories: [{ code: '一', title: '推进五公开', items: [{ itemId: ITEM, code: '1', title: '公开重大决策草案' }] }],
    source: { fileName: 'plan.xlsx', sha256: 'a'.repeat(64) },
    approvedOn: '2026-02-20',
  },
  '2026-02-20',
  '2026-02-20T02:00:00.000Z',
);
const item = workPlanItemStream(ITEM);
const defined = event(
  item,
  'WorkPlanItemDefined',
  { itemId: ITEM, planId: PLAN, categoryCode: '一', code: '1', title: '公开重大决策草案', description: '', dueDate: '2026-06-30', measures: '' },
  '2026-02-20',
  '2026-02-20T02:00:00.000Z',
);
const assigned = event(item, 'UnitAssigned', { unitId: 'unit-fgw', role: 'LEAD', dueDate: '2026-06-30', assignedOn: '2026-02-25' }, '2026-02-25', '2026-02-25T02:00:00.000Z');
/** Appended and readable from the log, not yet projected when the query starts. */
const reportedMeanwhile = event(
  item,
  'RectificationReported',
  { unitId: 'unit-fgw', summary: '已公开', evidence: [], reportedOn: '2026-03-01' },
  '2026-03-01',
  '2026-03-02T02:00:00.000Z',
);

describe('workPlan(asOf)', () => {
  it('folds its items up to the latest event the ledger had projected when it started, as the dashboard does', async () => {
    const log: StreamReader = { read: (streamId) => Promise.resolve(streamId === item ? [defined, assigned, reportedMeanwhile] : []) };
    const ledger = new WorkPlanLedger(log);
    for (const projected of [imported, defined, assigned]) ledger.apply(projected);
    expect(ledger.latestRecordedAt).toBe('2026-02-25T02:00:00.000Z');

    const clock: Clock = { now: () => new Date('2026-03-05T04:00:00.000Z') };
    const config = { get: () => 7 } as unknown as ConfigService<AppSettings, true>;
    const handler = new GetWorkPlanHandler(ledger, clock, config, new BreakdownsNow(ledger));
    const plan = await handler.execute({ options: { planId: PLAN, asOf: '2026-03-04' } } as never);
    const parts = plan.categories[0]!.items[0]!.parts;
    expect(parts.map((part) => [part.unitId, part.status])).toEqual([['unit-fgw', 'ASSIGNED']]);

    // Once projected, the report is in the next answer.
    ledger.apply(reportedMeanwhile);
    const later = await handler.execute({ options: { planId: PLAN, asOf: '2026-03-04' } } as never);
    expect(later.categories[0]!.items[0]!.parts.map((part) => part.status)).toEqual(['REPORTED']);
  });
});

describe('a plan asked for as of a day before its approval (breaker8t P5, newcomer38 S2: an empty plan and an empty export)', () => {
  it('is NOT_FOUND, reason NOT_YET_RECORDED, saying 尚未批准 and when it was approved; on its approval day it answers', async () => {
    const ledger = new WorkPlanLedger({ read: () => Promise.resolve([]) });
    for (const projected of [imported, defined, assigned]) ledger.apply(projected);
    const clock: Clock = { now: () => new Date('2026-03-05T04:00:00.000Z') };
    const config = { get: () => 7 } as unknown as ConfigService<AppSettings, true>;
    const handler = new GetWorkPlanHandler(ledger, clock, config, new BreakdownsNow(ledger));
    await expect(handler.execute({ options: { planId: PLAN, asOf: '2026-02-19' } } as never)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      details: { reason: 'NOT_YET_RECORDED' },
      messageZh: '截至 2026-02-19，工作方案《2026年政务公开工作要点分解方案》尚未批准（2026-02-20 批准印发），还没有进展可看。',
    });
    expect((await handler.execute({ options: { planId: PLAN, asOf: '2026-02-20' } } as never)).title).toBe('2026年政务公开工作要点分解方案');
  });
});

describe('workPlan and workPlans now (breaker12f P11: every call built every breakdown, even for { title })', () => {
  const setUp = () => {
    const ledger = new WorkPlanLedger({ read: () => Promise.resolve([]) });
    for (const projected of [imported, defined, assigned]) ledger.apply(projected);
    const itemsRead = jest.spyOn(ledger, 'item');
    const clock: Clock = { now: () => new Date('2026-03-05T04:00:00.000Z') };
    const config = { get: () => 7 } as unknown as ConfigService<AppSettings, true>;
    const breakdowns = new BreakdownsNow(ledger);
    return { ledger, itemsRead, plan: new GetWorkPlanHandler(ledger, clock, config, breakdowns), plans: new ListWorkPlansHandler(ledger, clock, config, breakdowns) };
  };

  it('answers a plan’s title and the plan list’s titles without building a breakdown', async () => {
    const { itemsRead, plan, plans } = setUp();
    expect((await plan.execute({ options: { planId: PLAN } } as never)).title).toBe('2026年政务公开工作要点分解方案');
    expect((await plans.execute()).map((summary) => [summary.planId, summary.title, summary.importedAt])).toEqual([[PLAN, '2026年政务公开工作要点分解方案', '2026-02-20T02:00:00.000Z']]);
    expect(itemsRead).not.toHaveBeenCalled();
  });

  it('builds the breakdown now once for every caller until a plan or an item changes', async () => {
    const { ledger, itemsRead, plan, plans } = setUp();
    const first = await plan.execute({ options: { planId: PLAN } } as never);
    expect(first.categories[0]!.items[0]!.parts.map((part) => part.status)).toEqual(['ASSIGNED']);
    const reads = itemsRead.mock.calls.length;
    expect(reads).toBeGreaterThan(0);
    expect((await plans.execute())[0]!.progress.parts).toBe(1);
    expect((await plan.execute({ options: { planId: PLAN } } as never)).progress.verifiedParts).toBe(0);
    expect(itemsRead.mock.calls.length).toBe(reads);

    ledger.apply(reportedMeanwhile);
    const later = await plan.execute({ options: { planId: PLAN } } as never);
    expect(later.categories[0]!.items[0]!.parts.map((part) => part.status)).toEqual(['REPORTED']);
    // One unit's breakdown is its own, never the kept one.
    const own = await plan.execute({ options: { planId: PLAN, unitId: 'unit-other' } } as never);
    expect(own.categories.flatMap((category) => category.items)).toEqual([]);
  });

  it('after a change makes again only the changed plan, and in it only the changed item’s row (breaker12g P4)', async () => {
    const { ledger, plan, plans } = setUp();
    const OTHER = 'plan-2026-other';
    const otherItem = workPlanItemStream('item-2');
    ledger.apply(event(workPlanStream(OTHER), 'WorkPlanImported', {
      planId: OTHER, title: '2026年另一分解方案', year: 2026,
      categories: [{ code: '一', title: '推进五公开', items: [{ itemId: 'item-2', code: '1', title: '公开预算' }, { itemId: 'item-3', code: '2', title: '公开决算' }] }],
      source: { fileName: 'other.xlsx', sha256: 'b'.repeat(64) }, approvedOn: '2026-02-20',
    }, '2026-02-20', '2026-02-20T02:00:00.000Z'));
    for (const [itemId, code] of [['item-2', '1'], ['item-3', '2']] as const) {
      ledger.apply(event(workPlanItemStream(itemId), 'WorkPlanItemDefined', { itemId, planId: OTHER, categoryCode: '一', code, title: `事项${code}`, description: '', dueDate: '2026-06-30', measures: '' }, '2026-02-20', '2026-02-20T02:00:00.000Z'));
      ledger.apply(event(workPlanItemStream(itemId), 'UnitAssigned', { unitId: 'unit-czj', role: 'LEAD', dueDate: '2026-06-30', assignedOn: '2026-02-25' }, '2026-02-25', '2026-02-25T02:00:00.000Z'));
    }
    const rowsOf = async (planId: string) => (await plan.execute({ options: { planId } } as never)).categories[0]!.items;
    const [first, otherFirst] = [await rowsOf(PLAN), await rowsOf(OTHER)];
    expect(Object.fromEntries((await plans.execute()).map((summary) => [summary.planId, summary.progress.parts]))).toEqual({ [PLAN]: 1, [OTHER]: 2 });

    // A report on item-2 of the other plan: this plan's breakdown is the one kept, the other's item-3 row too.
    ledger.apply(event(otherItem, 'RectificationReported', { unitId: 'unit-czj', summary: '已公开', evidence: [], reportedOn: '2026-03-01' }, '2026-03-01', '2026-03-02T02:00:00.000Z'));
    const [after, otherAfter] = [await rowsOf(PLAN), await rowsOf(OTHER)];
    expect(after).toBe(first);
    expect(otherAfter[1]).toBe(otherFirst[1]);
    expect(otherAfter[0]).not.toBe(otherFirst[0]);
    expect(otherAfter[0]!.parts.map((part) => part.status)).toEqual(['REPORTED']);
    const other = (await plans.execute()).find((summary) => summary.planId === OTHER)!;
    expect([other.progress.parts, other.progress.verifiedParts, other.categories[0]!.progress.parts]).toEqual([2, 0, 2]);
  });
});
