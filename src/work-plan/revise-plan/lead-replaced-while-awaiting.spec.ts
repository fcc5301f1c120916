import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allEventSchemas } from '../../event-sourcing/all-event-schemas.js';
import { executeCommand } from '../../event-sourcing/execute-command.js';
import { replayLog } from '../../event-sourcing/replay-log.js';
import { SqliteEventStore } from '../../event-store/sqlite-event-store.js';
import { importUnitsFile } from '../../organization/import-units/import-units.js';
import { unitIdForCode } from '../../organization/units/unit-id.js';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import { commandContext, type Actor, type CommandContext } from '../../shared/command-context.js';
import { DomainError } from '../../shared/domain-error.js';
import { problemsOf } from '../../spreadsheet/import-refusal.js';
import type { ImportDependencies } from '../../imports/import-run.js';
import { workPlanItemDecider } from '../domain/work-plan-item.decider.js';
import { workPlanIdFor, workPlanItemIdFor, workPlanItemStream } from '../domain/work-plan.events.js';
import { importWorkPlanFile } from '../import-work-plan/import-work-plan.js';

/*
 * breaker10n P4 (moderate): a version giving item 3 a new lead (青川市财政局) while the old lead's (青川市教育局) report awaits
 * inspection was refused as a whole-file problem — 「整个文件：青川市教育局已是牵头单位；联合牵头的单位须在同一次交办…」 — no row,
 * no item, and advice that does not apply. Given such a version, when it is previewed or applied, then its row is refused
 * naming the item, both units and the way on; keeping the old lead as 配合单位 applies.
 */
const operator: Actor = { id: 'cli:operator', role: 'SYSTEM', unitId: null };
const contextOf = (key: string): CommandContext => commandContext({ actor: operator, commandType: 'ImportWorkPlan', idempotencyKey: key, now: new Date('2026-05-02T09:00:00+08:00') });
const [CZJ, JYJ] = ['CZJ', 'JYJ'].map(unitIdForCode) as [string, string];
const TITLE = '测试方案一';
const PLAN = workPlanIdFor(2026, TITLE);
const csv = (lead3: string, partner3 = '') =>
  new TextEncoder().encode(`序号,工作任务,牵头单位,配合单位,完成时限\n1,任务甲,青川市财政局,青川市教育局,2026年6月底前\n2,任务乙,青川市财政局,,2026年9月底前\n3,任务丙,${lead3},${partner3},每季度\n`);

async function withReportAwaiting(): Promise<ImportDependencies> {
  const store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'rectify-lead-awaiting-')), 'events.db'));
  const schemas = allEventSchemas();
  await importUnitsFile({ store, schemas, units: new UnitsReadModel() }, { name: 'units.csv', content: new TextEncoder().encode('编码,名称,类型\nCZJ,青川市财政局,部门\nJYJ,青川市教育局,部门\n') }, contextOf('units'), { registeredOn: '2026-01-05' });
  const dependencies = { store, schemas, units: await replayLog(store, schemas, new UnitsReadModel()) };
  await importWorkPlanFile(dependencies, { name: 'p1.csv', content: csv('青川市教育局') }, { title: TITLE, year: 2026, approvedOn: '2026-02-20', assignedOn: '2026-02-25' }, contextOf('v1'));
  const unit: Actor = { id: 'user-jyj', role: 'UNIT', unitId: JYJ };
  await executeCommand(
    store,
    schemas,
    workPlanItemStream(workPlanItemIdFor(PLAN, '3')),
    workPlanItemDecider,
    { type: 'ReportRectification', actor: unit, today: '2026-03-30', reportedOn: '2026-03-30', unitId: JYJ, summary: '一季度已公开', evidence: [{ title: '专栏', link: 'https://www.qingchuan.gov.cn/xxgk', documentRef: null }] },
    commandContext({ actor: unit, commandType: 'ReportWorkPlanItem', idempotencyKey: 'report-3', now: new Date('2026-03-30T09:00:00+08:00') }),
  );
  return dependencies;
}

describe('a version giving an item a new lead while the old lead\'s report awaits inspection', () => {
  it.each([['a dry run', { dryRun: true }], ['--revise', { revise: true }]] as const)('is refused on its row by %s, naming the item, both units and the way on; nothing written', async (_mode, options) => {
    const dependencies = await withReportAwaiting();
    const head = await dependencies.store.headPosition();
    const refusal = await importWorkPlanFile(dependencies, { name: 'p1v9.csv', content: csv('青川市财政局') }, { title: TITLE, year: 2026, assignedOn: '2026-05-01', ...options }, contextOf(`v9-${_mode}`)).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DomainError);
    expect(problemsOf(refusal as DomainError)?.map((problem) => [problem.row, problem.reasonZh])).toEqual([
      [4, '事项 3 的牵头单位改为青川市财政局，但原牵头单位青川市教育局的报告尚待督查（新版本保留其任务）：请先督查该报告（通过或退回）后再导入本版本；或在本行把青川市教育局列为配合单位。'],
    ]);
    expect(await dependencies.store.headPosition()).toEqual(head);
  });

  it('applies when the old lead stays on the row as 配合单位', async () => {
    const dependencies = await withReportAwaiting();
    const applied = await importWorkPlanFile(dependencies, { name: 'p1v10.csv', content: csv('青川市财政局', '青川市教育局') }, { title: TITLE, year: 2026, assignedOn: '2026-05-01', revise: true }, contextOf('v10'));
    expect(applied.revision?.unitsAdded).toEqual([expect.objectContaining({ code: '3', unitId: CZJ, role: 'LEAD' })]);
  });
});
