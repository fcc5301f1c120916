import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allEventSchemas } from '../../event-sourcing/all-event-schemas.js';
import { loadState } from '../../event-sourcing/execute-command.js';
import { ProjectedStreams } from '../../event-sourcing/projected-streams.js';
import { replayLog } from '../../event-sourcing/replay-log.js';
import { SqliteEventStore } from '../../event-store/sqlite-event-store.js';
import { exportWorkPlan, type ExportSources } from '../../exports/export.queries.js';
import { tableToCsv } from '../../exports/export-files.js';
import type { ExportTable } from '../../exports/export-table.js';
import type { ImportDependencies } from '../../imports/import-run.js';
import { importUnitsFile } from '../../organization/import-units/import-units.js';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import { RectificationLedger } from '../../rectification/ledger/rectification-ledger.js';
import { commandContext, type Actor } from '../../shared/command-context.js';
import { WorkPlanLedger } from '../breakdown/work-plan-ledger.js';
import { workPlanItemDecider } from '../domain/work-plan-item.decider.js';
import { workPlanIdFor, workPlanItemIdFor, workPlanItemStream } from '../domain/work-plan.events.js';
import { describeWorkPlanImportZh, importWorkPlanFile } from './import-work-plan.js';

/*
 * newcomer49-10 S1, S2, S3: a version (the plan's export edited) moving an item's lead and another unit past the plan's period with
 * the supervisor's 特批 — the parts moved recorded no override, the item kept its old 完成时限 (before its own lead's), and every later
 * file naming the approved day (the same file again, the office's own layout renumbered) was refused asking the reason again.
 */

const TITLE = '青川市2026年特批调整测试方案';
const PLAN_ID = workPlanIdFor(2026, TITLE);
const supervisor: Actor = { id: 'user-liuyang', role: 'SUPERVISOR', unitId: null };
const at = (key: string, instant = '2026-07-01T09:00:00+08:00') => commandContext({ actor: supervisor, commandType: 'ImportWorkPlan', idempotencyKey: key, now: new Date(instant) });
const text = (csv: string) => new TextEncoder().encode(csv);
const KNOWN = [{ title: TITLE, year: 2026 }];

/** Item 1 led by 财政局, 教育局 and 民政局 responsible, due 2026-10-31; item 2 another. */
const PLAN =
  `${TITLE}\n类别编号,类别,编号,事项,牵头单位,责任单位,完成时限\n` +
  '一,决策公开,1,公开环境保护信息,青川市财政局,青川市教育局、青川市民政局,2026-10-31\n' +
  '一,决策公开,2,公开财政预决算,青川市教育局,,2026-09-30\n';

async function planOnStore(): Promise<ImportDependencies> {
  const store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'rectify-past-period-')), 'events.db'));
  const schemas = allEventSchemas();
  const units = await readFile(fileURLToPath(new URL('../../../samples/units.csv', import.meta.url)));
  await importUnitsFile({ store, schemas, units: new UnitsReadModel() }, { name: 'units.csv', content: new Uint8Array(units) }, at('units', '2026-01-05T09:00:00+08:00'));
  const dependencies = { store, schemas, units: await replayLog(store, schemas, new UnitsReadModel()) };
  await importWorkPlanFile(dependencies, { name: 'plan.csv', content: text(PLAN) }, { approvedOn: '2026-02-20', assignedOn: '2026-02-25' }, at('v1', '2026-02-25T09:00:00+08:00'));
  return dependencies;
}

async function exportOf(dependencies: ImportDependencies): Promise<ExportTable> {
  const streams = new ProjectedStreams(dependencies.store, dependencies.schemas);
  const sources: ExportSources = {
    ledger: await replayLog(dependencies.store, dependencies.schemas, new RectificationLedger(streams)),
    plans: await replayLog(dependencies.store, dependencies.schemas, new WorkPlanLedger(streams)),
    units: await replayLog(dependencies.store, dependencies.schemas, new UnitsReadModel()),
    dueSoonDays: 7,
    latestRecordedAt: null,
  };
  return exportWorkPlan(sources, { reader: null, planId: PLAN_ID }, new Date('2026-06-30T09:00:00+08:00'));
}

/** The export as CSV with the 完成时限 of item `item`'s rows for `units` (by 责任单位 cell, '' for the lead's own row) set to `to`. */
function edited(table: ExportTable, item: string, units: readonly string[], to: string) {
  const column = (header: string) => table.columns.findIndex((each) => each.header === header);
  const rows = table.rows.map((row) => {
    const cells = [...row.cells];
    if (String(cells[column('工作事项')]).endsWith(item) && units.includes(String(cells[column('责任单位')] ?? ''))) cells[column('完成时限')] = to;
    return { ...row, cells };
  });
  return { name: '工作方案进展-调整.csv', content: new Uint8Array(tableToCsv({ ...table, rows })) };
}

const itemOf = async (dependencies: ImportDependencies, code: string) => loadState(dependencies.store, dependencies.schemas, workPlanItemStream(workPlanItemIdFor(PLAN_ID, code)), workPlanItemDecider);

describe('a version moving an item\'s lead and units past the plan\'s period with the 特批 (newcomer49-10 S1, S2, S3)', () => {
  it('records the 特批 on every part moved past the period, re-dates the item with its lead, and the same file or a renumbered one needs no new reason', async () => {
    const dependencies = await planOnStore();
    const table = await exportOf(dependencies);
    const leadRow = table.rows.find((row) => String(row.cells[table.columns.findIndex((each) => each.header === '工作事项')]).endsWith('公开环境保护信息'))!;
    const leadCell = String(leadRow.cells[table.columns.findIndex((each) => each.header === '责任单位')] ?? '');
    const file = edited(table, '公开环境保护信息', [leadCell, '青川市民政局'], '2027年3月31日');
    const applied = await importWorkPlanFile(dependencies, file, { revise: true, assignedOn: '2026-07-01', dueDateOverride: { reason: '空气质量监测站建设延期，经市政府同意' } }, at('v2'), KNOWN);
    expect(describeWorkPlanImportZh(applied)).toContain('调整时限 1 项（1：2026-10-31 → 2027-03-31，青川市教育局仍为 2026-10-31）');

    // S1: the item is due on its lead's new day, as the preview showed it; 教育局's row, unchanged, keeps 2026-10-31.
    const item = await itemOf(dependencies, '1');
    expect(item.status === 'open' && item.definition.dueDate).toBe('2027-03-31');
    const parts = item.status === 'open' ? Object.values(item.assignments.parts).map((part) => [part.unitId, part.dueDate]) : [];
    expect((parts as [string, string][]).map(([, due]) => due).sort()).toEqual(['2026-10-31', '2027-03-31', '2027-03-31']);

    // S3: every record moving a part past the period carries the 特批 and its reason.
    const moves = (await dependencies.store.readStream(workPlanItemStream(workPlanItemIdFor(PLAN_ID, '1'))))
      .filter((stored) => stored.type === 'PartsRescheduled' || stored.type === 'WorkPlanItemRescheduled')
      .map((stored) => stored.data as { dueDate: string; dueDateOverride?: { reason: string; limit: string } });
    const pastPeriod = moves.filter((move) => move.dueDate > '2026-12-31');
    expect(pastPeriod.length).toBeGreaterThan(0);
    for (const move of pastPeriod) expect(move.dueDateOverride).toEqual({ reason: '空气质量监测站建设延期，经市政府同意', limit: '2026-12-31' });

    // S2: the same file again, without a reason: the day is approved on the record — 此前已导入, never 「晚于…期限」.
    const again = await importWorkPlanFile(dependencies, file, { dryRun: true }, at('v2-again', '2026-07-02T09:00:00+08:00'), KNOWN);
    expect(again.revision).toBeNull();

    // S2: the office's own layout, renumbered (a new item on top), naming the approved day on the item's rows: no reason asked.
    const office =
      `${TITLE}\n序号,工作任务,牵头单位,责任单位,完成时限\n一、决策公开,,,,\n` +
      '1,推进政务服务事项公开（新增）,青川市教育局,,2026-11-30\n' +
      '2,公开环境保护信息,青川市财政局,青川市民政局,2027年3月31日\n,,,青川市教育局,2026年10月31日\n' +
      '3,公开财政预决算,青川市教育局,,2026-09-30\n';
    const renumbered = await importWorkPlanFile(dependencies, { name: '分解方案（9月调整）.csv', content: text(office) }, { dryRun: true, revise: true, assignedOn: '2026-09-10' }, at('v3', '2026-09-10T09:00:00+08:00'), KNOWN);
    expect(describeWorkPlanImportZh(renumbered)).toContain('新增事项 1 项');
    dependencies.store.close();
  });
});
