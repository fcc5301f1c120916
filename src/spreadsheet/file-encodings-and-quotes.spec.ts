import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../organization/units/unit-lookup.js';
import { importWorkPlan } from '../work-plan/import/work-plan-import.js';

/*
 * breaker45-10 M2, M3, M5: a CSV quote never closed was blamed on the file's last line; a UTF-16 file with its BOM (Excel's
 * 「Unicode 文本」) was refused as neither UTF-8 nor GBK; a very hidden sheet holding a table was told 「请先取消隐藏」, which Excel's
 * 取消隐藏 cannot do for it.
 */

const lookupUnit = unitLookupFrom([{ id: 'unit-czj', code: 'CZJ', name: '青川市财政局' }]);
const PLAN = '编号\t事项\t牵头单位\t完成时限\r\n1\t推进决策公开\t青川市财政局\t2026-06-30\r\n';

describe('CSV files and sheets an office sends (breaker45-10 M2, M3, M5)', () => {
  it('reads a UTF-16 text file by its BOM, little- and big-endian (M3)', async () => {
    const little = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...PLAN].map((character) => character.charCodeAt(0))).buffer)]);
    const big = new Uint8Array([0xfe, 0xff, ...[...PLAN].flatMap((character) => [character.charCodeAt(0) >> 8, character.charCodeAt(0) & 0xff])]);
    for (const content of [little, big]) {
      const result = await importWorkPlan(content, { format: 'csv', title: '2026年任务', lookupUnit });
      expect(result.ok ? result.plan.categories[0]!.items.map((item) => item.title) : result.problems).toEqual(['推进决策公开']);
    }
  });

  it('names the row where a quote opens and never closes (M2)', async () => {
    const csv = '编号,事项,牵头单位,完成时限\n1,推进决策公开,青川市财政局,2026-06-30\n2,"推进政策解读,青川市财政局,2026-09-30\n3,加强解读,青川市财政局,2026-12-31\n4,办好政府网站,青川市财政局,2026-12-31\n';
    const result = await importWorkPlan(csv, { format: 'csv', title: '2026年任务', lookupUnit });
    expect(result.ok ? result : result.problems.map((problem) => [problem.row, problem.reasonZh])).toEqual([
      [3, 'CSV 文件无法读取：第 3 行的引号（"）没有配对的结束引号。请在该行补上结束引号（或删去开头的引号），或用 Excel 另存为“CSV UTF-8”后再导入。'],
    ]);
  });

  it('tells a very hidden sheet holding a table to be named, not unhidden (M5)', async () => {
    const book = new ExcelJS.Workbook();
    for (const name of ['一、决策公开', '二、平台建设']) {
      const sheet = book.addWorksheet(name);
      sheet.addRow(['编号', '事项', '牵头单位', '完成时限']);
      sheet.addRow(['1', `${name}任务`, '青川市财政局', '2026-06-30']);
    }
    book.getWorksheet('二、平台建设')!.state = 'veryHidden';
    const result = await importWorkPlan(new Uint8Array(await book.xlsx.writeBuffer()), { format: 'xlsx', title: '2026年任务', lookupUnit });
    expect(result.ok && result.notices?.map((notice) => notice.reasonZh)).toContainEqual(
      '工作表“二、平台建设”中也有含这些列的表格，但它被设为深度隐藏（Excel 的“取消隐藏”中不列出），未读取；如需导入，请在“工作表（Excel 文件）”中填写“二、平台建设”。',
    );
  });
});

describe('the very hidden sheet notice in the command-line tools (breaker45-10 M5)', () => {
  it('names --sheet', async () => {
    const { inToolWords } = await import('../cli/tool-words.js');
    expect(inToolWords('如需导入，请在“工作表（Excel 文件）”中填写“二、平台建设”。')).toBe('如需导入，请用 --sheet 给出“二、平台建设”。');
  });
});
