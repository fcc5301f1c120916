import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importWorkPlan } from '../../work-plan/import/work-plan-import.js';
import { importFindings } from './findings-file.js';

/*
 * breaker10n P15 (moderate): offices head the measures of a 整改台账 or 整改方案 整改要求, 整改方案, 整改思路 or
 * 整改措施及要求 as often as 整改措施. Such a column was listed as not imported (every row's measures lost) or refused as a
 * column of work no import reads. Given a file with such a header, when it is read, then each row's measures are its cells —
 * in a findings file, a plan, a sheet or YAML; a file that also has a 整改措施 column keeps that one and lists the other.
 */

const lookupUnit = unitLookupFrom([
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
]);
const findingsOptions = { lookupUnit, year: 2026, identifiedOn: '2026-03-02', today: '2026-03-02' };
const HEADERS = ['整改要求', '整改方案', '整改思路', '整改措施及要求', '整改措施和要求', '整改措施与要求', '整改举措及要求'];

const ledgerCsv = (headers: string[], cells: string[]) =>
  Buffer.from(`问题,具体表现,责任单位,整改时限,${headers.join(',')}\r\n门户网站存在错链,3处链接失效,青川市教育局,2026-06-30,${cells.join(',')}\r\n`, 'utf8');

describe('a measures column headed as offices head it (breaker10n P15)', () => {
  it.each(HEADERS)('a 整改台账 reads %p as each problem\'s 整改措施', async (header) => {
    const result = await importFindings(ledgerCsv([header], ['逐页排查并修复']), { ...findingsOptions, format: 'csv' });
    expect(result).toMatchObject({ ok: true, ledger: true });
    expect(result.ok && [result.findings[0]!.measures, result.notImported ?? []]).toEqual(['逐页排查并修复', []]);
  });

  it.each(HEADERS)('a plan reads %p as each item\'s 工作措施 (CSV and XLSX)', async (header) => {
    const csv = Buffer.from(`序号,工作任务,牵头单位,完成时限,${header}\n1,推进决策公开,青川市财政局,2026-12-31,逐项落实\n`, 'utf8');
    const fromCsv = await importWorkPlan(csv, { format: 'csv', fileName: 'plan.csv', title: '措施表头', year: 2026, lookupUnit });
    expect(fromCsv.ok && fromCsv.plan.categories[0]!.items.map((item) => item.measures)).toEqual(['逐项落实']);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('分解方案');
    sheet.addRow(['序号', '工作任务', '牵头单位', '完成时限', header]);
    sheet.addRow([1, '推进决策公开', '青川市财政局', '2026-12-31', '（一）建立目录\n（二）按月更新']);
    const fromXlsx = await importWorkPlan(new Uint8Array(await workbook.xlsx.writeBuffer()), { format: 'xlsx', fileName: 'plan.xlsx', title: '措施表头', year: 2026, lookupUnit });
    expect(fromXlsx.ok && fromXlsx.plan.categories[0]!.items.map((item) => item.measures)).toEqual(['（一）建立目录\n（二）按月更新']);
  });

  it('a file with 整改措施 too keeps 整改措施 and lists 整改要求 as not imported, never both read as one', async () => {
    const result = await importFindings(ledgerCsv(['整改措施', '整改要求'], ['逐页排查', '两周内完成']), { ...findingsOptions, format: 'csv' });
    expect(result.ok && [result.findings[0]!.measures, result.notImported]).toEqual(['逐页排查', ['整改要求']]);
  });

  it('整改措施及要求 beside 整改措施 is refused as two columns of measures, naming both (never one dropped)', async () => {
    const result = await importFindings(ledgerCsv(['整改措施', '整改措施及要求'], ['逐页排查', '两周内完成']), { ...findingsOptions, format: 'csv' });
    expect(result.ok ? result.findings : result.problems.map((problem) => problem.reasonZh)).toEqual([
      '表头中“整改措施”和“整改措施及要求”两列都表示“整改措施”：请只保留一列，或把另一列改为其他表头。',
    ]);
  });

  it('YAML: 整改要求 is the measures when the record has no 整改措施; beside 整改措施 it is refused saying so (breaker54-10 M3: as an unknown field)', async () => {
    const yaml = (fields: string) => `findings:\n  - 问题: 门户网站存在错链\n    责任单位: 青川市财政局\n    整改时限: 2026年12月31日\n${fields}`;
    const alone = await importFindings(yaml('    整改要求: 全面排查链接\n'), { ...findingsOptions, format: 'yaml' });
    expect(alone.ok ? alone.findings[0]!.measures : alone.problems.map((problem) => problem.reasonZh)).toBe('全面排查链接');
    const both = await importFindings(yaml('    整改措施: 全面排查链接\n    整改要求: 两周内完成\n'), { ...findingsOptions, format: 'yaml' });
    expect(both.ok ? both.findings : both.problems.map((problem) => problem.reasonZh)).toEqual(['问题中的字段“整改要求”只在没有“整改措施”时读作整改措施，这里两个都写了：请只写其中一个。']);
  });
});

/*
 * breaker10q P5 (serious): a 整改任务分解方案 read as a 台账 — 序号 | 存在问题 | 整改任务 | 责任单位 | 完成时限 — imported every
 * problem with no measures, 整改任务 listed as not imported at the end of a success line. In a findings file 整改任务 (or
 * 整改内容, 整改任务及措施) is each problem's measures; beside a 整改措施 column it stays listed as not imported.
 */
describe('a findings file whose measures column is headed 整改任务 (breaker10q P5)', () => {
  it.each(['整改任务', '整改内容', '整改任务及措施'])('reads %p as each problem\'s 整改措施', async (header) => {
    const result = await importFindings(ledgerCsv([header], ['全面排查门户网站链接，建立每月巡检机制']), { ...findingsOptions, format: 'csv' });
    expect(result).toMatchObject({ ok: true, ledger: true });
    expect(result.ok && [result.findings[0]!.measures, result.notImported ?? []]).toEqual(['全面排查门户网站链接，建立每月巡检机制', []]);
  });

  it('keeps 整改措施 beside a 整改任务 column, and lists 整改任务 as not imported', async () => {
    const result = await importFindings(ledgerCsv(['整改任务', '整改措施'], ['统一栏目', '逐页排查并修复']), { ...findingsOptions, format: 'csv' });
    expect(result.ok && [result.findings[0]!.measures, result.notImported]).toEqual(['逐页排查并修复', ['整改任务']]);
  });
});
