import type { ConfigService } from '@nestjs/config';
import type { AppSettings } from '../../config/app-settings.js';
import type { StreamReader } from '../../event-sourcing/projected-streams.js';
import type { RecordedEvent } from '../../event-sourcing/recorded-event.js';
import type { Clock } from '../../shared/clock.js';
import { workPlanItemStream, workPlanStream } from '../domain/work-plan.events.js';
import { GetWorkPlanHandler } from './work-plan.queries.js';
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
    const handler = new GetWorkPlanHandler(ledger, clock, config);
    const plan = await handler.execute({ options: { planId: PLAN, asOf: '2026-03-04' } } as never);
    const parts = plan.categories[0]!.items[0]!.parts;
    expect(parts.map((part) => [part.unitId, part.status])).toEqual([['unit-fgw', 'ASSIGNED']]);

    // Once projected, the report is in the next answer.
    ledger.apply(reportedMeanwhile);
    const later = await handler.execute({ options: { planId: PLAN, asOf: '2026-03-04' } } as never);
    expect(later.categories[0]!.items[0]!.parts.map((part) => part.status)).toEqual(['REPORTED']);
  });
});
