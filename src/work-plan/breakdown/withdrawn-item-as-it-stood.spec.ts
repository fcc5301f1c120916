import type { ConfigService } from '@nestjs/config';
import type { AppSettings } from '../../config/app-settings.js';
import type { RecordedEvent } from '../../event-sourcing/recorded-event.js';
import type { Clock } from '../../shared/clock.js';
import { workPlanTable } from '../../exports/export-table.js';
import { workPlanItemStream, workPlanStream } from '../domain/work-plan.events.js';
import { BreakdownsNow, GetWorkPlanHandler, GetWorkPlanItemHandler, workPlanAt } from './work-plan.queries.js';
import { WorkPlanLedger } from './work-plan-ledger.js';
import { WorkPlanItemResolver } from './work-plan.resolver.js';

/*
 * s20 Left 1 (breaker11j P3 for work-plan items): an item withdrawn on a day before records its unit
 * had already entered (a report of 11-10, a failed inspection of 11-11 giving 11-25, then the plan
 * change of 11-05 typed in) showed those records as the part's state — on the item's page, in the
 * breakdown's withdrawn rows and in the work-plan export (整改时限 11-25, 已退回) — though they count
 * nowhere. As a finding's: the part as it stood on the withdrawal (整改中, due 11-12), the later
 * records apart (recordsAfterWithdrawal, the export's 状态 cell).
 */

const PLAN = 'plan-2026';
const ITEM = 'item-1';
const FGW = 'unit-fgw';
let position = 0;
const log: RecordedEvent[] = [];
const event = (streamId: string, type: string, data: object, occurredOn: string, recordedAt: string): RecordedEvent => {
  position += 1;
  const recorded = {
    id: `event-${position}`,
    streamId,
    revision: position,
    position: { commit: BigInt(position), prepare: BigInt(position) },
    type,
    data,
    occurredOn,
    metadata: { recordedAt, actorId: 'supervisor', actorRole: 'SUPERVISOR', actorUnitId: null },
  } as unknown as RecordedEvent;
  log.push(recorded);
  return recorded;
};
const item = workPlanItemStream(ITEM);
const story = () => {
  log.length = 0;
  event(
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
  event(item, 'WorkPlanItemDefined', { itemId: ITEM, planId: PLAN, categoryCode: '一', code: '1', title: '公开重大决策草案', description: '', dueDate: '2026-11-12', measures: '' }, '2026-02-20', '2026-02-20T02:00:00.000Z');
  event(item, 'UnitAssigned', { unitId: FGW, role: 'LEAD', dueDate: '2026-11-12', assignedOn: '2026-02-25' }, '2026-02-25', '2026-02-25T02:00:00.000Z');
  event(item, 'RectificationReported', { unitId: FGW, summary: '已公开', evidence: [], reportedOn: '2026-11-10' }, '2026-11-10', '2026-11-10T02:00:00.000Z');
  event(item, 'InspectionLogged', { unitId: FGW, inspectionId: 'inspection-1', outcome: 'FAILED', notes: '未公开草案说明。', inspectedOn: '2026-11-11', place: '现场', newDueDate: '2026-11-25' }, '2026-11-11', '2026-11-11T02:00:00.000Z');
  event(item, 'WorkPlanItemWithdrawn', { itemId: ITEM, reason: '任务已并入第8项', withdrawnOn: '2026-11-05' }, '2026-11-05', '2026-11-20T02:00:00.000Z');
};

function ledgerAfter(): WorkPlanLedger {
  story();
  const ledger = new WorkPlanLedger({ read: (streamId) => Promise.resolve(log.filter((one) => one.streamId === streamId)) });
  for (const one of log) ledger.apply(one);
  return ledger;
}

const clock: Clock = { now: () => new Date('2026-12-01T04:00:00.000Z') };
const config = { get: () => 7 } as unknown as ConfigService<AppSettings, true>;
const LATER = ['2026-11-10 报送整改报告', '2026-11-11 现场督查未通过（时限改为 2026-11-25）'];

describe('a withdrawn work-plan item’s parts are shown as they stood on the withdrawal, its units’ later records apart (s20 Left 1)', () => {
  it('the item’s page, now and on a past day after the withdrawal: 整改中, due 11-12, no report nor inspection, the later records listed', async () => {
    const ledger = ledgerAfter();
    const handler = new GetWorkPlanItemHandler(ledger, clock, config);
    for (const travel of [{}, { asOf: '2026-11-12' }]) {
      const row = await handler.execute({ itemId: ITEM, travel } as never);
      expect(row.status).toBe('WITHDRAWN');
      expect(row.parts).toMatchObject([{ unitId: FGW, status: 'ASSIGNED', dueDate: '2026-11-12', reports: [], inspections: [], recordsAfterWithdrawal: travel.asOf ? [LATER[0], LATER[1]] : LATER }]);
    }
  });

  it('the item’s overduePartCount counts its parts on the withdrawal day, as their days left (breaker11m P7: 1 overdue against today)', async () => {
    const ledger = ledgerAfter();
    const handler = new GetWorkPlanItemHandler(ledger, clock, config);
    const overdue = (row: unknown) => WorkPlanItemResolver.prototype.overduePartCount.call(undefined, row as never);
    // Due 11-12, withdrawn 11-05: not overdue on its withdrawal, whatever the day viewed after it; before it, as any part.
    for (const travel of [{}, { asOf: '2026-11-20' }]) expect(overdue(await handler.execute({ itemId: ITEM, travel } as never))).toBe(0);
    expect(overdue(await handler.execute({ itemId: ITEM, travel: { asOf: '2026-11-04' } } as never))).toBe(0);
  });

  it('the breakdown’s withdrawn row, now and on a past day', async () => {
    const ledger = ledgerAfter();
    const handler = new GetWorkPlanHandler(ledger, clock, config, new BreakdownsNow(ledger));
    for (const asOf of [undefined, '2026-11-20']) {
      const plan = await handler.execute({ options: { planId: PLAN, ...(asOf ? { asOf } : {}) } } as never);
      expect(plan.categories[0]!.withdrawnItems[0]!.parts).toMatchObject([{ status: 'ASSIGNED', dueDate: '2026-11-12', recordsAfterWithdrawal: LATER }]);
    }
  });

  it('a report dated before the withdrawal, entered after it, is on the part as it stood', async () => {
    const ledger = ledgerAfter();
    const plan = new GetWorkPlanHandler(ledger, clock, config, new BreakdownsNow(ledger));
    const withdrawnRow = async () => (await plan.execute({ options: { planId: PLAN } } as never)).categories[0]!.withdrawnItems[0]!;
    expect((await withdrawnRow()).parts[0]).toMatchObject({ status: 'ASSIGNED' });
    ledger.apply(event(item, 'RectificationReported', { unitId: FGW, summary: '补录', evidence: [], reportedOn: '2026-11-03' }, '2026-11-03', '2026-11-21T02:00:00.000Z'));
    const row = await new GetWorkPlanItemHandler(ledger, clock, config).execute({ itemId: ITEM, travel: {} } as never);
    expect(row.parts[0]).toMatchObject({ status: 'REPORTED' });
    expect(row.parts[0]!.reports.map((one) => one.reportedOn)).toEqual(['2026-11-03']);
    // The breakdown's row, kept since, is made again after the item changed.
    expect((await withdrawnRow()).parts[0]).toMatchObject({ status: 'REPORTED', recordsAfterWithdrawal: LATER });
  });

  it('with nothing recorded after the withdrawal, the parts as held (no read of the stream), with no later records', async () => {
    story();
    const ledger = new WorkPlanLedger({ read: () => Promise.reject(new Error('not read')) });
    for (const one of log.filter((recorded) => !['RectificationReported', 'InspectionLogged'].includes(recorded.type))) ledger.apply(one);
    const row = await new GetWorkPlanItemHandler(ledger, clock, config).execute({ itemId: ITEM, travel: {} } as never);
    expect(row.parts).toMatchObject([{ status: 'ASSIGNED', recordsAfterWithdrawal: [] }]);
  });

  it('the work-plan export row: 完成时限 11-12, 状态 已撤销 with the later records named and said not to count, no report or inspection', async () => {
    const ledger = ledgerAfter();
    const breakdown = await workPlanAt(ledger, { planId: PLAN }, clock.now(), 7, ledger.latestRecordedAt);
    const table = await workPlanTable(breakdown, () => '青川市发展和改革委员会', 7);
    const [row] = table.rows;
    const cells = Object.fromEntries(table.columns.map((column, index) => [column.header, row!.cells[index]]));
    expect(cells).toMatchObject({
      完成时限: '2026-11-12',
      状态: `已撤销（2026-11-05：任务已并入第8项）\n撤销后的记录（不计入统计）：${LATER.join('；')}`,
      报告日期: '',
      督查结果: '',
    });
  });
});
