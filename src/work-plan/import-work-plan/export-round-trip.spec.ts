import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { allEventSchemas } from '../../event-sourcing/all-event-schemas.js';
import { executeCommand } from '../../event-sourcing/execute-command.js';
import { ProjectedStreams } from '../../event-sourcing/projected-streams.js';
import { replayLog } from '../../event-sourcing/replay-log.js';
import { SqliteEventStore } from '../../event-store/sqlite-event-store.js';
import { exportWorkPlan, type ExportSources } from '../../exports/export.queries.js';
import { tableToCsv, tableToXlsx } from '../../exports/export-files.js';
import type { ExportTable } from '../../exports/export-table.js';
import type { ImportDependencies } from '../../imports/import-run.js';
import { importUnitsFile } from '../../organization/import-units/import-units.js';
import { unitIdForCode } from '../../organization/units/unit-id.js';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import { RectificationLedger } from '../../rectification/ledger/rectification-ledger.js';
import { commandContext, type Actor } from '../../shared/command-context.js';
import { clerkOf } from '../../shared/testing/actors.js';
import { WorkPlanLedger } from '../breakdown/work-plan-ledger.js';
import { workPlanItemDecider } from '../domain/work-plan-item.decider.js';
import { workPlanItemIdFor, workPlanItemStream } from '../domain/work-plan.events.js';
import { problemsOf } from '../../spreadsheet/import-refusal.js';
import { describeWorkPlanImportZh, importWorkPlanFile } from './import-work-plan.js';

/*
 * breaker46-10 M5, newcomer46-10 S2: the 工作方案进展 export had no 具体内容 column, so an office that exported its plan, kept or
 * edited it in Excel and imported it into another store (a restore, the next platform) got every item without its description.
 * The export carries every field the plan import records an item by; imported back unchanged it is the plan it shows — into the
 * same store 「此前已导入，事项相同」, into a fresh one the same items field for field — and one cell changed is that change alone.
 */

const TITLE = '青川市2026年导出往返测试方案';
const operator: Actor = { id: 'cli:operator', role: 'SYSTEM', unitId: null };
const at = (key: string, instant = '2026-03-03T09:00:00+08:00') => commandContext({ actor: operator, commandType: 'ImportWorkPlan', idempotencyKey: key, now: new Date(instant) });
const MZJ = unitIdForCode('MZJ');

/** Every field an item has: 大项, code, title, 具体内容 (over two lines), 工作措施, lead (joint leads too), several responsible units, and each kind of deadline. */
const PLAN =
  `${TITLE}\n类别编号,类别,编号,事项,具体内容,工作措施,牵头单位,责任单位,完成时限,备注\n` +
  '一,决策公开,1,RT目录公布,"重大行政决策事项目录年初公布\n决策草案公开征求意见不少于30日",逐项核对目录,青川市财政局,青川市教育局、青川市民政局,2026-06-30,\n' +
  '一,决策公开,2,RT常态公开,政策文件及时公开,,青川市教育局,,常态化,每季度报送\n' +
  '二,政策解读,2.1,RT立改事项,清理过期链接,逐一排查,青川市民政局,青川市财政局,立行立改,\n' +
  '二,政策解读,2.10,RT季度报送,解读材料同步发布,,青川市财政局,青川市教育局,每季度,\n' +
  '二,政策解读,3,RT限期坚持,"建立回应机制",专人负责,青川市教育局,,2026年6月底前完成并持续落实,\n' +
  '二,政策解读,4,RT已销号,编制年度报告,,青川市民政局,,2026-04-30,\n' +
  '二,政策解读,5,RT联合牵头,联合发布解读,,"青川市财政局、青川市教育局",青川市民政局,2026-10-31,\n';

async function storeWithUnits(): Promise<ImportDependencies> {
  const store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'rectify-round-trip-')), 'events.db'));
  const schemas = allEventSchemas();
  const units = await readFile(fileURLToPath(new URL('../../../samples/units.csv', import.meta.url)));
  await importUnitsFile({ store, schemas, units: new UnitsReadModel() }, { name: 'units.csv', content: new Uint8Array(units) }, at('units', '2026-03-01T09:00:00+08:00'));
  return { store, schemas, units: await replayLog(store, schemas, new UnitsReadModel()) };
}

async function exportOf(dependencies: ImportDependencies, planId: string): Promise<ExportTable> {
  const streams = new ProjectedStreams(dependencies.store, dependencies.schemas);
  const sources: ExportSources = {
    ledger: await replayLog(dependencies.store, dependencies.schemas, new RectificationLedger(streams)),
    plans: await replayLog(dependencies.store, dependencies.schemas, new WorkPlanLedger(streams)),
    units: await replayLog(dependencies.store, dependencies.schemas, new UnitsReadModel()),
    dueSoonDays: 7,
    latestRecordedAt: null,
  };
  return exportWorkPlan(sources, { reader: null, planId }, new Date('2026-03-25T09:00:00+08:00'));
}

/** The plan imported, item 4 completed (its one part reported and passed: 状态 已销号 in the export). */
async function planOnStore() {
  const dependencies = await storeWithUnits();
  const first = await importWorkPlanFile(dependencies, { name: 'plan.csv', content: new TextEncoder().encode(PLAN) }, { approvedOn: '2026-03-02', assignedOn: '2026-03-03' }, at('v1'));
  const step = (key: string, actor: Actor) => commandContext({ actor, commandType: 'Step', idempotencyKey: key, now: new Date('2026-03-20T09:00:00+08:00') });
  const item = workPlanItemStream(workPlanItemIdFor(first.planId, '4'));
  const inspector: Actor = { id: 'user-ins', role: 'INSPECTOR', unitId: null };
  const report = { type: 'ReportRectification', actor: clerkOf(MZJ), today: '2026-03-20', unitId: MZJ, summary: '已编制', evidence: [{ title: '年度报告', link: 'https://example.gov.cn/r', documentRef: null }], reportedOn: '2026-03-10' } as const;
  await executeCommand(dependencies.store, dependencies.schemas, item, workPlanItemDecider, report, step('r4', clerkOf(MZJ)));
  await executeCommand(dependencies.store, dependencies.schemas, item, workPlanItemDecider, { type: 'LogInspection', actor: inspector, today: '2026-03-20', unitId: MZJ, inspectionId: 'inspection-4', outcome: 'PASSED', notes: '核实', inspectedOn: '2026-03-12' } as never, step('i4', inspector));
  return { dependencies, first };
}

const PLAN_HEADERS = ['类别', '工作事项', '具体内容', '工作措施', '牵头单位', '责任单位', '完成时限'];
/** The export's plan columns, row by row: what a plan import records (progress columns and 序号 left out). */
const planCells = (table: ExportTable): string[][] => {
  const at = PLAN_HEADERS.map((header) => table.columns.findIndex((column) => column.header === header));
  return table.rows.map((row) => at.map((index) => String(row.cells[index])));
};

/** The file as sent: CSV as written, XLSX as written — or, with `edit`, the CSV with one cell changed (row by 工作事项 and unit, column by header). */
async function fileOf(table: ExportTable, format: 'csv' | 'xlsx', edit?: { item: string; unit: string; header: string; to: string }) {
  const edited: ExportTable = !edit
    ? table
    : {
        ...table,
        rows: table.rows.map((row) => {
          const cells = [...row.cells];
          const column = (header: string) => table.columns.findIndex((each) => each.header === header);
          if (cells[column('工作事项')] === edit.item && cells[column('责任单位')] === edit.unit) cells[column(edit.header)] = edit.to;
          return { ...row, cells };
        }),
      };
  return { name: `工作方案进展.${format}`, content: format === 'csv' ? new Uint8Array(tableToCsv(edited)) : new Uint8Array(await tableToXlsx(edited, '工作方案进展')) };
}

describe('the work plan\'s export imported back: every field an item has goes out and comes back (breaker46-10 M5, newcomer46-10 S2)', () => {
  it('writes 具体内容 beside 工作事项 under the heading the plan import reads, each item\'s on every one of its rows, as the office\'s Excel shows it', async () => {
    const { dependencies, first } = await planOnStore();
    const table = await exportOf(dependencies, first.planId);
    const xlsx = new ExcelJS.Workbook();
    await xlsx.xlsx.load((await fileOf(table, 'xlsx')).content as unknown as ArrayBuffer);
    const sheet = xlsx.worksheets[0]!;
    expect(sheet.getRow(2).values).toEqual([undefined, '序号', '类别', '工作事项', '具体内容', '工作措施', '牵头单位', '责任单位', '完成时限', '状态', '报告日期', '进展情况', '督查结果', '退回情况', '红黄绿灯', '销号日期']);
    const firstItemRows = planCells(table).filter((cells) => cells[1] === '1 RT目录公布');
    expect(firstItemRows.map((cells) => cells[2])).toEqual(Array(3).fill('重大行政决策事项目录年初公布\n决策草案公开征求意见不少于30日'));
    expect(table.rows.find((row) => row.cells.includes('4 RT已销号'))!.cells).toContain('已销号');
    dependencies.store.close();
  });

  it.each(['csv', 'xlsx'] as const)('given the %s export imported unchanged into the same store — plain, dry run, revise — then 「此前已导入，事项相同」, nothing written; the completed item\'s 已销号 is the app\'s record, not read', async (format) => {
    const { dependencies, first } = await planOnStore();
    const file = await fileOf(await exportOf(dependencies, first.planId), format);
    const head = await dependencies.store.headPosition();
    for (const [key, options] of [['plain', {}], ['dry', { dryRun: true }], ['revise', { revise: true }]] as const) {
      const again = await importWorkPlanFile(dependencies, file, options, at(`same-${format}-${key}`, '2026-03-25T09:00:00+08:00'), [{ title: TITLE, year: 2026 }]);
      expect({ key, revision: again.revision, eventCount: again.eventCount }).toEqual({ key, revision: null, eventCount: 0 });
      expect(describeWorkPlanImportZh(again)).toMatch(/此前已导入，事项相同：2 个大项，7 个事项/u);
      expect(again.notes.notImported).toContain('状态');
    }
    expect(await dependencies.store.headPosition()).toEqual(head);
    dependencies.store.close();
  });

  it.each(['csv', 'xlsx'] as const)('given the %s export imported into a fresh store with the same units, then its plan is the same, field for field: 大项, codes (2.10 too), titles, 具体内容, 工作措施, units (joint leads too) and every deadline word', async (format) => {
    const { dependencies, first } = await planOnStore();
    const table = await exportOf(dependencies, first.planId);
    const fresh = await storeWithUnits();
    const copy = await importWorkPlanFile(fresh, await fileOf(table, format), { approvedOn: '2026-03-02', assignedOn: '2026-03-03' }, at(`fresh-${format}`));
    expect(copy).toMatchObject({ title: TITLE, year: 2026 });
    expect(planCells(await exportOf(fresh, copy.planId))).toEqual(planCells(table));
    // Said, never silent: its progress (item 4's 已销号) is the other store's record, not imported.
    expect(copy.notes.notImported).toEqual(['状态', '报告日期', '进展情况', '督查结果', '退回情况', '红黄绿灯', '销号日期']);
    dependencies.store.close();
    fresh.store.close();
  });

  it.each([
    ['an item\'s 具体内容', { item: '2 RT常态公开', unit: '青川市教育局', header: '具体内容', to: '政策文件及时公开并归档' }, { amended: [{ code: '2', fields: ['description'] }] }],
    ['an item\'s 工作措施', { item: '3 RT限期坚持', unit: '青川市教育局', header: '工作措施', to: '专人负责，每月检查' }, { amended: [{ code: '3', fields: ['measures'] }] }],
    ['one part\'s 完成时限', { item: '1 RT目录公布', unit: '青川市民政局', header: '完成时限', to: '2026-09-30' }, { partsRedated: [{ code: '1', unitId: MZJ, from: '2026-06-30', to: '2026-09-30' }] }],
  ] as const)('given the CSV export with one cell changed — %s — then exactly that change is the revision, nothing else', async (_which, edit, expected) => {
    const { dependencies, first } = await planOnStore();
    const file = await fileOf(await exportOf(dependencies, first.planId), 'csv', edit);
    const dry = await importWorkPlanFile(dependencies, file, { revise: true, dryRun: true, assignedOn: '2026-03-25' }, at('one-cell', '2026-03-25T09:00:00+08:00'), [{ title: TITLE, year: 2026 }]);
    // Every list of the revision (added, withdrawn, amended, partsRedated, unitsRemoved …) empty but the one change.
    const lists = Object.entries(dry.revision as unknown as Record<string, unknown>).filter((entry): entry is [string, { code: string }[]] => Array.isArray(entry[1]));
    const codesOf = (entries: readonly { code: string }[]) => entries.map((entry) => entry.code);
    expect(Object.fromEntries(lists.map(([field, entries]) => [field, codesOf(entries)]))).toEqual({
      ...Object.fromEntries(lists.map(([field]) => [field, []])),
      ...Object.fromEntries(Object.entries(expected).map(([field, entries]) => [field, codesOf(entries)])),
    });
    expect(dry.revision).toMatchObject(expected);
    dependencies.store.close();
  });

  // newcomer51-10 M1: previewed on a later day, a 立行立改 item the version keeps was shown due that day (立行立改（2026-03-25）) while
  // the decision kept it due on its assignment day — the clerk read its lateness as wiped.
  it('given the export with another item edited, previewed on a later day, then the 立行立改 item is shown due on the day it keeps, each part too', async () => {
    const { dependencies, first } = await planOnStore();
    const file = await fileOf(await exportOf(dependencies, first.planId), 'csv', { item: '3 RT限期坚持', unit: '青川市教育局', header: '工作措施', to: '专人负责，每月检查' });
    const dry = await importWorkPlanFile(dependencies, file, { revise: true, dryRun: true, assignedOn: '2026-03-25' }, at('at-once-preview', '2026-03-25T09:00:00+08:00'), [{ title: TITLE, year: 2026 }]);
    const atOnce = dry.categories.flatMap((category) => category.items).find((item) => item.code === '2.1')!;
    expect({ dueDate: atOnce.dueDate, deadline: atOnce.deadline, parts: atOnce.parts.map((part) => [part.dueDate, part.deadline]) }).toEqual({
      dueDate: '2026-03-03',
      deadline: '立行立改（2026-03-03）',
      parts: [['2026-03-03', '立行立改（2026-03-03）'], ['2026-03-03', '立行立改（2026-03-03）']],
    });
    expect(dry.revision).toMatchObject({ amended: [{ code: '3', fields: ['measures'] }] });
    dependencies.store.close();
  });

  // breaker50-10 M8: only the lead's row re-dated: the other units' parts went with the item and back again in one decision, and the
  // summary told 「调整单位时限…：2026-09-30 → 2026-06-30」, a change from a day they never had.
  it('given the export with only the lead\'s row re-dated, then the item moves, the other units stay, said so; no part moves and back', async () => {
    const { dependencies, first } = await planOnStore();
    const file = await fileOf(await exportOf(dependencies, first.planId), 'csv', { item: '1 RT目录公布', unit: '青川市财政局', header: '完成时限', to: '2026-09-30' });
    const options = { revise: true, assignedOn: '2026-03-25', revisionReason: '青政办〔2026〕50号' };
    const dry = await importWorkPlanFile(dependencies, file, { ...options, dryRun: true }, at('lead-row-dry', '2026-03-25T09:00:00+08:00'), [{ title: TITLE, year: 2026 }]);
    expect(dry.revision?.redated).toEqual([expect.objectContaining({ code: '1', from: '2026-06-30', to: '2026-09-30' })]);
    expect(describeWorkPlanImportZh(dry)).toMatch(/调整时限 1 项（1：2026-06-30 → 2026-09-30，青川市(教育|民政)局仍为 2026-06-30，青川市(教育|民政)局仍为 2026-06-30）/u);
    expect(describeWorkPlanImportZh(dry)).not.toContain('调整单位时限');
    await importWorkPlanFile(dependencies, file, options, at('lead-row', '2026-03-25T09:00:00+08:00'), [{ title: TITLE, year: 2026 }]);
    const moved = (await dependencies.store.readStream(workPlanItemStream(workPlanItemIdFor(first.planId, '1')))).filter((stored) => stored.type === 'PartsRescheduled').map((stored) => stored.data);
    expect(moved).toEqual([expect.objectContaining({ previousDueDate: '2026-06-30', dueDate: '2026-09-30', unitIds: [unitIdForCode('CZJ')] })]);
    dependencies.store.close();
  });

  it.each([
    ['青川市教育局', 4],
    ['青川市民政局', 5],
  ] as const)('given the export with one row of a three-unit item (%s\'s, row %i) given another 具体内容, the others not, then the file is refused naming that row and the first — never the two texts joined into one, never a row left as exported', async (unit, row) => {
    const { dependencies, first } = await planOnStore();
    const file = await fileOf(await exportOf(dependencies, first.planId), 'csv', { item: '1 RT目录公布', unit, header: '具体内容', to: '目录年中更新' });
    const refusal = await importWorkPlanFile(dependencies, file, { revise: true, dryRun: true }, at('one-row', '2026-03-25T09:00:00+08:00'), [{ title: TITLE, year: 2026 }]).catch((error: unknown) => error);
    expect(problemsOf(refusal)?.map((problem) => problem.row)).toEqual([row]);
    expect(problemsOf(refusal)?.map((problem) => problem.reasonZh)).toEqual([
      '具体内容与同一事项（1 RT目录公布）第 3 行的不同：本系统导出的进展表中，同一事项每个单位一行，各行写的是该事项同一份具体内容。请把该事项各行的具体内容改成一致（或只保留第一行，其余行清空）。',
    ]);
    dependencies.store.close();
  });
});

/*
 * newcomer48-10 S2: once an item carried a 特批 — a due date past the plan's year, set by a version with the supervisor's override
 * (recorded as dueDateOverride) — the plan's own export no longer imported back: the command line refused the untouched rows
 * (「…命令行工具不能代为特批」, no way on) and the 导入 page asked the reason again and said it would record it anew. A date past the
 * period that the item already has on the record carries its override there; only a new or moved one needs another.
 */
describe('the work plan\'s export imported back when an item has a 特批 past the plan\'s year (newcomer48-10 S2)', () => {
  const SUPERVISOR: Actor = { id: 'user-sup', role: 'SUPERVISOR', unitId: null };
  const OVERRIDDEN = '二,政策解读,6,RT特批事项,医改信息公开,,青川市民政局,青川市教育局,2027-06-30,\n';
  const csv = (name: string, text: string) => ({ name, content: new TextEncoder().encode(text) });

  /** The plan with item 4 completed, then item 6 added by a version due 2027-06-30 with the supervisor's override. */
  async function planWithOverride() {
    const { dependencies, first } = await planOnStore();
    const version = commandContext({ actor: SUPERVISOR, commandType: 'ImportWorkPlan', idempotencyKey: 'v2', now: new Date('2026-03-22T09:00:00+08:00') });
    const options = { revise: true, assignedOn: '2026-03-22', revisionReason: '青政办〔2026〕60号', dueDateOverride: { reason: '省医改办要求2027年上半年完成' } };
    const added = await importWorkPlanFile(dependencies, csv('plan-v2.csv', PLAN + OVERRIDDEN), options, version, [{ title: TITLE, year: 2026 }]);
    expect(added.revision?.added.map((item) => item.code)).toEqual(['6']);
    return { dependencies, first };
  }

  it.each(['csv', 'xlsx'] as const)('given the %s export imported unchanged — plain, dry run, revise, and with a 特批理由 typed as on the 导入 page — then 「此前已导入，事项相同」, nothing written, no reason asked or recorded again', async (format) => {
    const { dependencies, first } = await planWithOverride();
    const table = await exportOf(dependencies, first.planId);
    expect(planCells(table).filter((cells) => cells[1] === '6 RT特批事项').map((cells) => cells[6])).toEqual(['2027-06-30', '2027-06-30']);
    const file = await fileOf(table, format);
    const head = await dependencies.store.headPosition();
    const overridden = { dueDateOverride: { reason: '同前' } };
    for (const [key, options] of [['plain', {}], ['dry', { dryRun: true }], ['revise', { revise: true }], ['override', { dryRun: true, revise: true, ...overridden }]] as const) {
      const again = await importWorkPlanFile(dependencies, file, options, at(`same-${format}-${key}`, '2026-03-25T09:00:00+08:00'), [{ title: TITLE, year: 2026 }]);
      expect({ key, revision: again.revision, eventCount: again.eventCount }).toEqual({ key, revision: null, eventCount: 0 });
      expect(describeWorkPlanImportZh(again)).toMatch(/此前已导入，事项相同：2 个大项，8 个事项/u);
      expect(describeWorkPlanImportZh(again)).not.toMatch(/特批/u);
    }
    expect(await dependencies.store.headPosition()).toEqual(head);
    dependencies.store.close();
  });

  it('given the export with another item\'s date edited, imported as a version from the command line (no override), then that change alone is applied, the 特批 item left as it is', async () => {
    const { dependencies, first } = await planWithOverride();
    const file = await fileOf(await exportOf(dependencies, first.planId), 'csv', { item: '1 RT目录公布', unit: '青川市民政局', header: '完成时限', to: '2026-09-30' });
    const applied = await importWorkPlanFile(dependencies, file, { revise: true, assignedOn: '2026-03-25' }, at('edited', '2026-03-25T09:00:00+08:00'), [{ title: TITLE, year: 2026 }]);
    expect(applied.revision).toMatchObject({ added: [], withdrawn: [], amended: [], partsRedated: [{ code: '1', unitId: MZJ, from: '2026-06-30', to: '2026-09-30' }] });
    const dues = planCells(await exportOf(dependencies, first.planId)).map((cells) => [cells[1], cells[5], cells[6]].join(' '));
    expect(dues).toEqual(expect.arrayContaining(['1 RT目录公布 青川市民政局 2026-09-30', '6 RT特批事项 青川市民政局 2027-06-30', '6 RT特批事项 青川市教育局 2027-06-30']));
    dependencies.store.close();
  });

  it.each([
    ['the 特批 item moved to another day past the year', '6 RT特批事项', '2027-09-30'],
    ['another item moved past the year', '2 RT常态公开', '2027-03-31'],
  ] as const)('given the export with %s, then that row still needs a supervisor\'s override: refused from the command line naming the plan\'s period', async (_which, item, to) => {
    const { dependencies, first } = await planWithOverride();
    const table = await exportOf(dependencies, first.planId);
    const unit = planCells(table).find((cells) => cells[1] === item)![5]!;
    const file = await fileOf(table, 'csv', { item, unit, header: '完成时限', to });
    const refusal = await importWorkPlanFile(dependencies, file, { revise: true, dryRun: true, assignedOn: '2026-03-25' }, at('moved', '2026-03-25T09:00:00+08:00'), [{ title: TITLE, year: 2026 }]).catch((error: unknown) => error);
    expect(problemsOf(refusal)?.map((problem) => problem.reasonZh)).toEqual([expect.stringContaining(`完成时限 ${to} 晚于`)]);
    dependencies.store.close();
  });

  // breaker50-10 M7: the export downloaded while item 6 was due past the year by 特批; then re-dated by hand into the year. The stale
  // export was first refused for a 特批 it did not need — inviting a supervisor to approve a date the plan had just left — and only
  // once the reason was typed told it is out of date. The out-of-date refusal comes first.
  it('given an export of an earlier reading whose 特批 date the plan has since left, then it is refused as out of date, not for a 特批', async () => {
    const { dependencies, first } = await planWithOverride();
    const stale = await fileOf(await exportOf(dependencies, first.planId), 'csv', { item: '1 RT目录公布', unit: '青川市民政局', header: '完成时限', to: '2026-09-30' });
    const byHand = commandContext({ actor: SUPERVISOR, commandType: 'RescheduleWorkPlanItem', idempotencyKey: 'redate-6', now: new Date('2026-03-26T09:00:00+08:00') });
    const redate = { type: 'ReviseWorkPlanItem', actor: SUPERVISOR, today: '2026-03-26', revisedOn: '2026-03-26', reason: '提前完成', dueDate: '2026-11-30' } as const;
    await executeCommand(dependencies.store, dependencies.schemas, workPlanItemStream(workPlanItemIdFor(first.planId, '6')), workPlanItemDecider, redate, byHand);
    const refusal = (await importWorkPlanFile(dependencies, stale, { revise: true, dryRun: true, assignedOn: '2026-03-27' }, at('stale-override', '2026-03-27T09:00:00+08:00'), [{ title: TITLE, year: 2026 }]).catch((error: unknown) => error)) as { code?: string; messageZh?: string };
    expect(refusal.code).toBe('CONFLICT');
    expect(refusal.messageZh).toMatch(/^本文件是本系统导出的“青川市2026年导出往返测试方案”进展表（截至 .*），不是方案的当前版本：此后方案已有调整（2026-03-26 调整事项 6 的时限/u);
    dependencies.store.close();
  });

  it('given the export with a unit put on the 特批 item in another\'s place, on the item\'s date past the year, then the new unit\'s part needs an override of its own: refused naming its row, nothing written', async () => {
    const { dependencies, first } = await planWithOverride();
    const file = await fileOf(await exportOf(dependencies, first.planId), 'csv', { item: '6 RT特批事项', unit: '青川市教育局', header: '责任单位', to: '青川市财政局' });
    const head = await dependencies.store.headPosition();
    for (const dryRun of [true, false]) {
      const refusal = await importWorkPlanFile(dependencies, file, { revise: true, dryRun, assignedOn: '2026-03-25' }, at(`new-unit-${dryRun}`, '2026-03-25T09:00:00+08:00'), [{ title: TITLE, year: 2026 }]).catch((error: unknown) => error);
      expect(problemsOf(refusal)?.map((problem) => [problem.row, problem.reasonZh])).toEqual([[16, expect.stringMatching(/^截止日期（2027-06-30）晚于工作方案「青川市2026年导出往返测试方案」的期限（2026-12-31）；如确需延后，须由督办人员填写理由后特批。$/u)]]);
    }
    expect(await dependencies.store.headPosition()).toEqual(head);
    dependencies.store.close();
  });
});

/*
 * breaker50-10 S5, the import side: a plan holding two items of one title led by one unit in one 大项 — made by hand before
 * addWorkPlanItem refused it (old stores keep them), or by a hand change of a lead, which still can — had its own export refused
 * 「…与第 N 行的事项 1 重复…是同一项任务列了两次」: the clerk told to delete a row (withdrawing an item) or reword a title. The rows
 * are the plan's own items, told apart by their codes; a row of a new code copying one of them is still refused.
 */
describe('the export of a plan holding two items of one title and lead, imported back (breaker50-10 S5)', () => {
  const PAIR = `${TITLE}\n类别编号,类别,编号,事项,牵头单位,责任单位,完成时限\n一,组织保障,1,开展政务公开业务培训,青川市民政局,,2026-09-30\n一,组织保障,2,公开执行进度,青川市财政局,,2026-12-31\n一,组织保障,3,开展政务公开业务培训,青川市财政局,,2026-12-31\n`;
  const SUPERVISOR: Actor = { id: 'user-sup', role: 'SUPERVISOR', unitId: null };

  /** The plan imported, then item 3 (led by 财政局) handed to 民政局 by hand: items 1 and 3 are now one title led by one unit. */
  async function planWithPair() {
    const dependencies = await storeWithUnits();
    const first = await importWorkPlanFile(dependencies, { name: 'plan.csv', content: new TextEncoder().encode(PAIR) }, { approvedOn: '2026-03-02', assignedOn: '2026-03-03' }, at('pair-v1'));
    const byHand = commandContext({ actor: SUPERVISOR, commandType: 'AddWorkPlanItemUnit', idempotencyKey: 'lead-3', now: new Date('2026-03-10T09:00:00+08:00') });
    const lead = { type: 'ReviseWorkPlanItem', actor: SUPERVISOR, today: '2026-03-10', revisedOn: '2026-03-10', reason: '改由民政局牵头', addUnits: [{ unitId: MZJ, role: 'LEAD' }], replacesLead: true } as const;
    await executeCommand(dependencies.store, dependencies.schemas, workPlanItemStream(workPlanItemIdFor(first.planId, '3')), workPlanItemDecider, lead, byHand);
    return { dependencies, first };
  }

  it.each(['csv', 'xlsx'] as const)('given the %s export sent back unchanged as a version, then it reads: nothing to change, the pair kept', async (format) => {
    const { dependencies, first } = await planWithPair();
    const table = await exportOf(dependencies, first.planId);
    expect(planCells(table).filter((cells) => cells[1]!.endsWith('开展政务公开业务培训')).map((cells) => [cells[1], cells[4], cells[5]])).toEqual([
      ['1 开展政务公开业务培训', '青川市民政局', '青川市民政局'],
      ['3 开展政务公开业务培训', '青川市民政局', '青川市财政局'],
      ['3 开展政务公开业务培训', '青川市民政局', '青川市民政局'],
    ]);
    const dry = await importWorkPlanFile(dependencies, await fileOf(table, format), { revise: true, dryRun: true, assignedOn: '2026-03-25' }, at(`pair-${format}`, '2026-03-25T09:00:00+08:00'), [{ title: TITLE, year: 2026 }]);
    expect(dry.wouldWriteNothing).toBe(true);
    dependencies.store.close();
  });

  it('given a version with a row of a new code copying item 1, then that row is refused as a copy, the plan\'s own pair not', async () => {
    const { dependencies } = await planWithPair();
    const version = `${TITLE}\n类别编号,类别,编号,事项,牵头单位,责任单位,完成时限\n一,组织保障,1,开展政务公开业务培训,青川市民政局,,2026-09-30\n一,组织保障,2,公开执行进度,青川市财政局,,2026-12-31\n一,组织保障,3,开展政务公开业务培训,青川市民政局,青川市财政局,2026-12-31\n一,组织保障,4,开展政务公开业务培训,青川市民政局,,2026-12-31\n`;
    const refusal = await importWorkPlanFile(dependencies, { name: 'v2.csv', content: new TextEncoder().encode(version) }, { revise: true, dryRun: true, assignedOn: '2026-03-25' }, at('pair-copy', '2026-03-25T09:00:00+08:00'), [{ title: TITLE, year: 2026 }]).catch((error: unknown) => error);
    expect(problemsOf(refusal)?.map((problem) => [problem.row, problem.reasonZh])).toEqual([[6, expect.stringMatching(/^事项 4“开展政务公开业务培训”与第 3 行的事项 1 重复：同一大项中名称相同、牵头单位相同（青川市民政局）/u)]]);
    dependencies.store.close();
  });
});
