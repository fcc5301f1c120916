import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../organization/units/unit-lookup.js';
import { importFindings } from '../rectification/import-findings/findings-file.js';
import { importWorkPlan } from '../work-plan/import/work-plan-import.js';

/*
 * breaker45-10 S1: a block typed beside the table after an empty column — a contacts list 责任单位 | 联系人 | 联系电话 at H:J — was
 * read as the table's columns: its 责任单位 gave the items sharing its rows units they do not have, and the import said success.
 * The table ends at an empty column when it has every column it needs: a block beyond naming a column the import reads is refused
 * naming it and the empty column.
 */

const lookupUnit = unitLookupFrom([
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
  { id: 'unit-mzj', code: 'MZJ', name: '青川市民政局' },
  { id: 'unit-jtj', code: 'JTJ', name: '青川市交通运输局' },
  { id: 'unit-hbj', code: 'HBJ', name: '青川市环境保护局' },
]);

const HEADER = ['类别编号', '类别', '编号', '事项', '牵头单位', '完成时限'];
const ITEMS = [
  ['一', '决策公开', '1', '事项一', '青川市财政局', '2026-06-30'],
  ['一', '决策公开', '2', '事项二', '青川市教育局', '2026-09-30'],
  ['一', '决策公开', '3', '事项三', '青川市民政局', '2026-12-31'],
];
const CONTACTS = [
  ['责任单位', '联系人', '联系电话'],
  ['青川市交通运输局', '王五', '12345'],
  ['青川市环境保护局', '赵六', '23456'],
];

/** The plan at A1:F4 with `side` from column H (G empty) on its first rows. */
async function planBeside(side: readonly (readonly string[])[]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Sheet1');
  [HEADER, ...ITEMS].forEach((row, index) => sheet.addRow([...row, null, ...(side[index] ?? [])]));
  return new Uint8Array(await book.xlsx.writeBuffer());
}

const refusals = (result: { ok: boolean; problems?: readonly { reasonZh: string }[] }) => (result.ok ? result : result.problems!.map((problem) => problem.reasonZh));

describe('a block beside the table, after an empty column (breaker45-10 S1)', () => {
  it('refuses a plan whose side block names a unit column, naming it and the empty column — XLSX and CSV', async () => {
    const expected = '第 H 列“责任单位”与表格之间隔着空列 G：空列右侧的内容不按本表的列读取。如它属于本表，请删去空列 G；如是另一张表（如联系人名单），请移到另一个工作表或删去，然后重新导入。';
    const xlsx = await importWorkPlan(await planBeside(CONTACTS), { format: 'xlsx', title: '2026年任务', lookupUnit });
    expect(refusals(xlsx)).toEqual([expected]);
    const csv = [HEADER, ...ITEMS].map((row, index) => [...row, '', ...(CONTACTS[index] ?? ['', '', ''])].join(',')).join('\n');
    expect(refusals(await importWorkPlan(csv, { format: 'csv', title: '2026年任务', lookupUnit }))).toEqual([expected]);
  });

  it('refuses a 整改台账 whose side block names 配合单位 the same way', async () => {
    const csv =
      '问题,具体表现,类别,严重程度,牵头单位,整改时限,整改措施,,配合单位,联系人,联系电话\n' +
      '网站栏目更新不及时,表现1,网站建设,一般,青川市教育局,2026-06-30,措施1,,青川市交通运输局,王五,12345\n' +
      '政策解读材料缺失,表现2,政策解读,一般,青川市民政局,2026-09-30,措施2,,青川市环境保护局,赵六,23456\n';
    const result = await importFindings(csv, { format: 'csv', lookupUnit, today: '2026-03-01' });
    expect(refusals(result)).toEqual([
      '第 I 列“配合单位”与表格之间隔着空列 H：空列右侧的内容不按本表的列读取。如它属于本表，请删去空列 H；如是另一张表（如联系人名单），请移到另一个工作表或删去，然后重新导入。',
    ]);
  });

  it('reads the table beside a block naming nothing it reads (联系人 | 联系电话), each item with its own units, as before', async () => {
    const result = await importWorkPlan(await planBeside([['联系人', '联系电话'], ['王五', '12345'], ['赵六', '23456']]), { format: 'xlsx', title: '2026年任务', lookupUnit });
    expect(result.ok ? result.plan.categories.flatMap((category) => category.items.map((item) => [item.title, [...item.leadUnits, ...item.responsibleUnits].map((unit) => unit.unitId)])) : result.problems).toEqual([
      ['事项一', ['unit-czj']],
      ['事项二', ['unit-jyj']],
      ['事项三', ['unit-mzj']],
    ]);
  });
});
