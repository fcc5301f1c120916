import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allEventSchemas } from '../../event-sourcing/all-event-schemas.js';
import { replayLog } from '../../event-sourcing/replay-log.js';
import { SqliteEventStore } from '../../event-store/sqlite-event-store.js';
import { importUnitsFile } from '../../organization/import-units/import-units.js';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import { commandContext, type CommandContext } from '../../shared/command-context.js';
import { DomainError } from '../../shared/domain-error.js';
import { inToolWords } from '../../cli/tool-words.js';
import { problemsOf, severalSheetsHint, sheetsReadOf } from '../../spreadsheet/import-refusal.js';
import type { ImportDependencies } from '../../imports/import-run.js';
import { importWorkPlan } from '../import/work-plan-import.js';
import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importWorkPlanFile } from './import-work-plan.js';

/*
 * P7: a plan laid out one 大项 per sheet, an item code used on both sheets, was refused 「事项编号 3 重复：第 4 行已使用」 — row 4 of
 * which sheet? — and the refusal named the first sheet for every row. Every message about a row names its sheet; a workbook read
 * over several sheets says so and how to read one alone (--sheet); a refused import writes nothing.
 */

const contextOf = (key: string): CommandContext =>
  commandContext({ actor: { id: 'cli:operator', role: 'SYSTEM', unitId: null }, commandType: 'ImportWorkPlan', idempotencyKey: key, now: new Date('2026-03-01T09:00:00+08:00') });

async function twoSheets(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const first = workbook.addWorksheet('一、决策公开');
  first.addRow(['序号', '工作任务', '牵头单位', '完成时限']);
  first.addRow(['1', '公开重大决策事项目录', '青川市财政局', '2026年12月31日']);
  first.addRow(['2', '推进决策预公开', '青川市财政局', '2026年12月31日']);
  first.addRow(['3', '开展决策后评估', '青川市财政局', '2026年12月31日']);
  const second = workbook.addWorksheet('二、执行公开');
  second.addRow(['序号', '工作任务', '牵头单位', '完成时限']);
  second.addRow(['3', '公开重点工作进展', '青川市财政局', '2026年12月31日']);
  second.addRow(['4', '公开督查结果', '青川市未登记局', '2026年12月31日']);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const lookupUnit = unitLookupFrom([{ id: 'unit-czj', code: 'CZJ', name: '青川市财政局' }]);

describe('a refused plan read over several sheets names each row\'s sheet (P7)', () => {
  it('the duplicate code names both rows with their sheets; the result names the sheets read, not the first for every row', async () => {
    const result = await importWorkPlan(await twoSheets(), { format: 'xlsx', title: '青川市2026年政务公开任务分工', lookupUnit });
    expect(result).toMatchObject({ ok: false, sheets: ['一、决策公开', '二、执行公开'] });
    expect(result.ok ? null : 'sheet' in result).toBe(false);
    expect(result.ok ? [] : result.problems.map((problem) => `${problem.sheet} ${problem.row} ${problem.reasonZh}`)).toEqual([
      '二、执行公开 2 事项编号 3 重复：工作表“一、决策公开”第 4 行已使用。',
      expect.stringMatching(/^二、执行公开 3 牵头单位“青川市未登记局”不在单位名录中/u),
    ]);
  });

  it('the refusal says where each problem is, hints at --sheet (the tools say their option), and nothing is written', async () => {
    const store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'rectify-sheets-')), 'events.db'));
    const schemas = allEventSchemas();
    const units = new URL('../../../samples/units.csv', import.meta.url);
    await importUnitsFile({ store, schemas, units: new UnitsReadModel() }, { name: 'units.csv', content: new Uint8Array(await readFile(fileURLToPath(units))) }, contextOf('units'));
    const dependencies: ImportDependencies = { store, schemas, units: await replayLog(store, schemas, new UnitsReadModel()) };
    const before = (await store.readAll()).length;
    const error = await importWorkPlanFile(dependencies, { name: '任务分工.xlsx', content: await twoSheets() }, { title: '青川市2026年政务公开任务分工' }, contextOf('plan')).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((await store.readAll()).length).toBe(before);
    expect(sheetsReadOf(error)).toEqual(['一、决策公开', '二、执行公开']);
    expect(problemsOf(error)!.map((problem) => `${problem.sheet} ${problem.row}`)).toEqual(['二、执行公开 2', '二、执行公开 3']);
    const messageZh = (error as DomainError).messageZh;
    expect(messageZh).toContain('未导入（2 个问题，在工作表“二、执行公开”第 2 行、工作表“二、执行公开”第 3 行），未写入任何内容。');
    expect(messageZh).not.toContain('（工作表“一、决策公开”）');
    expect(messageZh).toContain('本文件读取了 2 个工作表（“一、决策公开”“二、执行公开”），各问题已注明所在工作表；如只需导入其中一个工作表，请在“工作表（Excel 文件）”中填写其名称。');
    expect(inToolWords(severalSheetsHint(['一、决策公开', '二、执行公开']).zh)).toBe('本文件读取了 2 个工作表（“一、决策公开”“二、执行公开”），各问题已注明所在工作表；如只需导入其中一个工作表，请用 --sheet 给出其名称。');
    await store.close();
  });
});

/*
 * breaker42-10 F6: 「完成时限早于方案批准日期」, decided once the plan is read, named no sheet — 「第 4 行」 of a workbook whose two sheets
 * both have a row 4 — or, for two items, put both under the first sheet and merged their rows into one 「第 4 行」.
 */
describe('items due before the plan\'s approval, read over several sheets', () => {
  /** Two sheets, items 1–2 on rows 2–3 of the first and 3–4 on rows 2–3 of the second; `dues` are the four deadlines. */
  async function dueOn(dues: readonly string[]): Promise<Uint8Array> {
    const workbook = new ExcelJS.Workbook();
    const header = ['序号', '工作任务', '牵头单位', '完成时限'];
    const first = workbook.addWorksheet('一、决策公开');
    first.addRow(header);
    first.addRow(['1', '公开重大决策事项目录', '青川市财政局', dues[0]]);
    first.addRow(['2', '推进决策预公开', '青川市财政局', dues[1]]);
    const second = workbook.addWorksheet('二、执行公开');
    second.addRow(header);
    second.addRow(['3', '公开重点工作进展', '青川市财政局', dues[2]]);
    second.addRow(['4', '公开督查结果', '青川市财政局', dues[3]]);
    return new Uint8Array(await workbook.xlsx.writeBuffer());
  }

  async function refusalOf(content: Uint8Array): Promise<{ error: unknown; written: number }> {
    const store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'rectify-sheets-early-')), 'events.db'));
    const schemas = allEventSchemas();
    const units = new URL('../../../samples/units.csv', import.meta.url);
    await importUnitsFile({ store, schemas, units: new UnitsReadModel() }, { name: 'units.csv', content: new Uint8Array(await readFile(fileURLToPath(units))) }, contextOf('units'));
    const dependencies: ImportDependencies = { store, schemas, units: await replayLog(store, schemas, new UnitsReadModel()) };
    const before = (await store.readAll()).length;
    const error = await importWorkPlanFile(dependencies, { name: '任务分工.xlsx', content }, { title: '青川市2026年政务公开任务分工', approvedOn: '2026-02-20', assignedOn: '2026-03-01' }, contextOf('plan')).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    const written = (await store.readAll()).length - before;
    await store.close();
    return { error, written };
  }

  it('given one item of the second sheet due before the approval, when imported, then the refusal names that sheet\'s row and hints at --sheet; nothing is written', async () => {
    const { error, written } = await refusalOf(await dueOn(['2026-12-31', '2026-12-31', '2026-12-31', '2026-01-31']));
    expect(error).toBeInstanceOf(DomainError);
    expect(written).toBe(0);
    expect(problemsOf(error)!.map((problem) => `${problem.sheet} ${problem.row}`)).toEqual(['二、执行公开 3']);
    const messageZh = (error as DomainError).messageZh;
    expect(messageZh).toContain('工作表“二、执行公开”第 3 行：事项 4 的完成时限（2026-01-31）早于方案批准日期（2026-02-20）');
    expect(messageZh).toContain('如只需导入其中一个工作表');
  });

  it('given an item of each sheet on the same row number due before the approval, when imported, then each row is named with its own sheet, never merged; nothing is written', async () => {
    const { error, written } = await refusalOf(await dueOn(['2026-12-31', '2026-01-15', '2026-12-31', '2026-01-31']));
    expect(error).toBeInstanceOf(DomainError);
    expect(written).toBe(0);
    const messageZh = (error as DomainError).messageZh;
    expect(messageZh).toContain('有 2 个事项的完成时限早于方案批准日期 2026-02-20（工作表“一、决策公开”第 3 行、工作表“二、执行公开”第 3 行，如事项 2：2026-01-15）');
    expect(messageZh).not.toContain('（工作表“一、决策公开”）');
    expect(messageZh).toContain('如只需导入其中一个工作表');
  });
});
