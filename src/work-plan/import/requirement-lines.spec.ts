import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * 具体要求 / 工作措施 written one per row under a merged task (breaker10b N26): every line is the
 * item's, and a line numbered 二、… is never a section that takes the next items.
 */

const directory = unitLookupFrom([
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
  { id: 'unit-mzj', code: 'MZJ', name: '青川市民政局' },
]);
const read = (content: string | Uint8Array, format: 'csv' | 'xlsx') => importWorkPlan(content, { format, fileName: 'plan.' + format, title: '要求分行', year: 2026, lookupUnit: directory });

describe('requirements one per row under a merged task', () => {
  it('XLSX: keeps every line of 具体要求 as the item\'s description', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('任务');
    sheet.addRow(['序号', '工作任务', '具体要求', '牵头单位', '完成时限']);
    sheet.addRow([1, 'RQX推进决策公开', '（一）建立决策事项目录', '青川市财政局', '2026-12-31']);
    sheet.addRow([null, null, '（二）重大决策公开征求意见', null, null]);
    sheet.addRow([null, null, '（三）决策结果及时公开', null, null]);
    sheet.addRow([2, 'RQ2推进执行公开', '公开执行情况', '青川市教育局', '2026-11-30']);
    for (const column of ['A', 'B', 'D', 'E']) sheet.mergeCells(`${column}2:${column}4`);
    const result = await read(new Uint8Array(await workbook.xlsx.writeBuffer()), 'xlsx');
    expect(result.ok && result.plan.categories.flatMap((category) => category.items.map((item) => [item.code, item.description]))).toEqual([
      ['1', '（一）建立决策事项目录\n（二）重大决策公开征求意见\n（三）决策结果及时公开'],
      ['2', '公开执行情况'],
    ]);
  });

  it('CSV with section rows: a line numbered 二、 under 具体要求 is the item\'s, not a category', async () => {
    const csv =
      '序号,工作任务,具体要求,牵头单位,完成时限\n' +
      '一、决策公开,,,,\n' +
      '1,RQ1推进决策公开,一、建立决策事项目录,青川市财政局,2026-12-31\n' +
      ',,二、重大决策公开征求意见,,\n' +
      '2,RQ2推进执行公开,公开执行情况,青川市教育局,2026-11-30\n';
    const result = await read(csv, 'csv');
    expect(result.ok && result.plan.categories.map((category) => [category.code, category.title, category.items.map((item) => [item.code, item.description])])).toEqual([
      ['一', '决策公开', [['1', '一、建立决策事项目录\n二、重大决策公开征求意见'], ['2', '公开执行情况']]],
    ]);
  });

  it('CSV: a 工作措施 line on its own row, and one beside more units, join the item\'s measures', async () => {
    const csv =
      '类别,序号,工作任务,工作措施,牵头单位,责任单位,完成时限\n' +
      '平台,1,建立目录,建立目录,青川市财政局,青川市教育局,2026-12-31\n' +
      ',,,公开征求意见,,青川市民政局,2026-11-30\n' +
      ',,,按月通报,,,\n';
    const result = await read(csv, 'csv');
    const item = result.ok ? result.plan.categories[0]!.items[0]! : undefined;
    expect(item?.measures).toBe('建立目录\n公开征求意见\n按月通报');
    expect(item?.responsibleUnits.map((unit) => unit.name)).toEqual(expect.arrayContaining(['青川市教育局', '青川市民政局']));
  });

  it('refuses a line with no item above it', async () => {
    const csv = '序号,工作任务,具体要求,牵头单位,完成时限\n,,二、重大决策公开征求意见,,\n1,RQ1,要求,青川市财政局,2026-12-31\n';
    const result = await read(csv, 'csv');
    expect(result.ok).toBe(false);
  });
});
