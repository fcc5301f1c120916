import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allEventSchemas } from '../../event-sourcing/all-event-schemas.js';
import { executeCommand, loadState } from '../../event-sourcing/execute-command.js';
import { replayLog } from '../../event-sourcing/replay-log.js';
import { SqliteEventStore } from '../../event-store/sqlite-event-store.js';
import { importUnitsFile } from '../../organization/import-units/import-units.js';
import { unitIdForCode } from '../../organization/units/unit-id.js';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import { commandContext, type Actor, type CommandContext } from '../../shared/command-context.js';
import type { ImportDependencies } from '../../imports/import-run.js';
import { partOf } from '../../assignments/domain/assignment.decider.js';
import { workPlanItemDecider } from '../domain/work-plan-item.decider.js';
import { workPlanIdFor, workPlanItemIdFor, workPlanItemStream } from '../domain/work-plan.events.js';
import { importWorkPlanFile } from '../import-work-plan/import-work-plan.js';

/*
 * Issue 10's open items, through the import end to end with a 任务分解表 as offices publish it
 * (XLSX: title row, 填报 row, section rows, 序号): a revision that changes only how a deadline
 * reads (2025年6月底前 → 常态化) is found and applied, and 每季度 is one item kept up every quarter.
 */

const operator: Actor = { id: 'cli:operator', role: 'SYSTEM', unitId: null };
const contextOf = (key: string, now: string): CommandContext =>
  commandContext({ actor: operator, commandType: 'ImportWorkPlan', idempotencyKey: key, now: new Date(now) });
const UNITS = '编码,名称,类型\nFGW,青川市发展和改革委员会,部门\nCZJ,青川市财政局,部门\nJYJ,青川市教育局,部门\n';
const TITLE = '青川市2025年政务公开工作要点任务分解表';
const PLAN = workPlanIdFor(2025, TITLE);
const [FGW, CZJ] = ['FGW', 'CZJ'].map(unitIdForCode) as [string, string];

/** The plan as published: item 1's deadline is the one the second version rewrites. */
async function taskList(deadlineOfItem1: string, savedBy = '政务公开办'): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.lastModifiedBy = savedBy;
  const sheet = workbook.addWorksheet('任务分解');
  sheet.addRow([TITLE]);
  sheet.mergeCells('A1:F1');
  sheet.addRow(['填报单位：青川市政务公开办公室', '', '', '填报时间：2025年2月10日']);
  sheet.addRow(['序号', '工作任务', '具体要求', '牵头单位', '配合单位', '完成时限']);
  sheet.addRow(['一、深化“五公开”']);
  sheet.addRow([1, '建立政策文件库', '集中公开现行有效文件', '青川市发展和改革委员会', '青川市财政局', deadlineOfItem1]);
  sheet.addRow([2, '公开财政资金直达情况', '', '青川市财政局', '', '每季度']);
  sheet.addRow(['二、回应关切']);
  sheet.addRow([3, '政策解读', '', '青川市教育局', '', '2025年9月底前']);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

async function withFirstVersion(): Promise<ImportDependencies> {
  const store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'rectify-terms-revision-')), 'events.db'));
  const schemas = allEventSchemas();
  await importUnitsFile({ store, schemas, units: new UnitsReadModel() }, { name: 'units.csv', content: new TextEncoder().encode(UNITS) }, contextOf('units', '2025-01-02T09:00:00+08:00'));
  const dependencies = { store, schemas, units: await replayLog(store, schemas, new UnitsReadModel()) };
  await importWorkPlanFile(dependencies, { name: '任务分解表.xlsx', content: await taskList('2025年6月底前') }, {}, contextOf('v1', '2025-02-12T09:00:00+08:00'));
  return dependencies;
}
const itemState = (dependencies: ImportDependencies, code: string) =>
  loadState(dependencies.store, dependencies.schemas, workPlanItemStream(workPlanItemIdFor(PLAN, code)), workPlanItemDecider);
/** The adjusted version, written once: the same file sent again is the same bytes (XLSX carries the time it was written). */
let adjusted: Uint8Array | undefined;
const secondVersion = async (dependencies: ImportDependencies, options: { dryRun?: boolean; revise?: boolean }, key: string) =>
  importWorkPlanFile(dependencies, { name: '任务分解表（调整版）.xlsx', content: (adjusted ??= await taskList('常态化')) }, options, contextOf(key, '2025-05-06T09:00:00+08:00'));

describe('每季度 in a published plan', () => {
  it('is one item, due (and inspected) by the plan\'s last day, whose parts report every quarter', async () => {
    const dependencies = await withFirstVersion();
    const item = await itemState(dependencies, '2');
    if (item.status !== 'open') throw new Error(`item 2 is ${item.status}`);
    expect(item.definition).toMatchObject({ code: '2', title: '公开财政资金直达情况', dueDate: '2025-12-31', terms: { kind: 'STANDING', reportEvery: 'QUARTER' } });
    expect(partOf(item.assignments, CZJ)).toMatchObject({ role: 'LEAD', dueDate: '2025-12-31', terms: { kind: 'STANDING', reportEvery: 'QUARTER' } });
    for (const code of ['2-1', '2-4']) expect((await itemState(dependencies, code)).status).toBe('empty');
  });
});

describe('a plan saved again (new bytes, the same cells)', () => {
  it('is the plan imported before: no refusal asking for a revision, nothing written (breaker F10)', async () => {
    const dependencies = await withFirstVersion();
    const count = (await dependencies.store.readAll()).length;
    const resaved = await taskList('2025年6月底前', '李娜');
    const outcome = await importWorkPlanFile(dependencies, { name: '任务分解表（另存）.xlsx', content: resaved }, {}, contextOf('resaved', '2025-03-02T09:00:00+08:00'));
    expect(outcome).toMatchObject({ revision: null, eventCount: 0, itemCount: 3, itemsDefined: 0 });
    expect((await dependencies.store.readAll()).length).toBe(count);
  });
});

describe('a revision changing only how a deadline reads (2025年6月底前 → 常态化)', () => {
  let dependencies: ImportDependencies;
  beforeEach(async () => {
    dependencies = await withFirstVersion();
    // 市发改委 has reported its part: the revision keeps it.
    const unit: Actor = { id: 'user-fgw', role: 'UNIT', unitId: FGW };
    await executeCommand(
      dependencies.store,
      dependencies.schemas,
      workPlanItemStream(workPlanItemIdFor(PLAN, '1')),
      workPlanItemDecider,
      { type: 'ReportRectification', actor: unit, today: '2025-04-20', reportedOn: '2025-04-20', unitId: FGW, summary: '文件库已上线', evidence: [{ title: '政策文件库', link: 'https://www.qingchuan.gov.cn/zcwjk', documentRef: null }] },
      commandContext({ actor: unit, commandType: 'ReportWorkPlanItem', idempotencyKey: 'report-1', now: new Date('2025-04-20T09:00:00+08:00') }),
    );
  });

  it('is found: a dry run names the item re-dated from the day to the standing terms, and writes nothing', async () => {
    const before = (await dependencies.store.readAll()).length;
    const outcome = await secondVersion(dependencies, { dryRun: true }, 'dry');
    expect(outcome.revision).toMatchObject({ added: [], withdrawn: [], amended: [], redated: [{ code: '1', from: '2025-06-30', to: '常态化（每季度报送）（2025-12-31）' }] });
    expect((await dependencies.store.readAll()).length).toBe(before);
  });

  it('is applied: the item and its open parts become standing, the report is kept, and the same file again writes nothing', async () => {
    await secondVersion(dependencies, { revise: true }, 'revise');
    const item = await itemState(dependencies, '1');
    if (item.status !== 'open') throw new Error(`item 1 is ${item.status}`);
    const standing = { kind: 'STANDING', reportEvery: 'QUARTER' };
    expect(item.definition).toMatchObject({ dueDate: '2025-12-31', terms: standing });
    expect(partOf(item.assignments, FGW)).toMatchObject({ status: 'REPORTED', dueDate: '2025-12-31', terms: standing });
    expect(partOf(item.assignments, CZJ)).toMatchObject({ status: 'ASSIGNED', dueDate: '2025-12-31', terms: standing });
    const events = await dependencies.store.readStream(workPlanItemStream(workPlanItemIdFor(PLAN, '1')));
    expect(events.map((event) => event.type).slice(-2)).toEqual(['WorkPlanItemRescheduled', 'PartsRescheduled']);
    expect(events.at(-2)!.data).toMatchObject({ previousDueDate: '2025-06-30', dueDate: '2025-12-31', terms: standing, previousTerms: { kind: 'BY_DATE' } });

    const count = (await dependencies.store.readAll()).length;
    const again = await secondVersion(dependencies, { revise: true }, 'revise-again');
    expect(again.eventCount).toBe(0);
    expect((await dependencies.store.readAll()).length).toBe(count);
  });
});
