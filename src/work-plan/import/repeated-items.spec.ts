import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * breaker49-10 S8: the same task listed twice — a row copied and pasted, numbered again — was imported as two items, the lead
 * unit given two parts of one task, with no word; in a new version too (「新增事项 1 项（42）」 beside item 24 of the same title).
 * The file is read by one path for a first import and a version (importWorkPlan), so both are refused alike.
 */

const lookupUnit = unitLookupFrom([
  { id: 'unit-mzj', code: 'MZJ', name: '青川市民政局' },
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  { id: 'unit-dh', code: 'DHQ', name: '青川市东湖区人民政府' },
  { id: 'unit-xs', code: 'XSX', name: '西山县人民政府' },
]);
const plan = (content: string | Uint8Array, format: 'csv' | 'xlsx' = 'csv') => importWorkPlan(content, { format, title: '青川市2026年重复测试', year: 2026, lookupUnit });
const problemsOf = async (content: string | Uint8Array, format: 'csv' | 'xlsx' = 'csv') => {
  const result = await plan(content, format);
  return result.ok ? 'read' : result.problems.map((problem) => [problem.row, problem.reasonZh, ...(problem.sheet === undefined ? [] : [problem.sheet])]);
};

describe('the same task listed twice in a plan (breaker49-10 S8)', () => {
  it('refuses the tester\'s dup1.csv naming both rows, instead of two items 「推动民生政策进社区」 led by 民政局', async () => {
    const csv =
      '编号,事项,牵头单位,配合单位,完成时限\n' +
      '1,推动民生政策进社区,青川市民政局,青川市东湖区人民政府,2026-10-31\n' +
      '2,事项乙,青川市财政局,,2026-11-30\n' +
      '3,推动民生政策进社区,青川市民政局,西山县人民政府,2026-10-31\n';
    expect(await problemsOf(csv)).toEqual([
      [
        4,
        '事项 3“推动民生政策进社区”与第 2 行的事项 1 重复：同一大项中名称相同、牵头单位相同（青川市民政局），是同一项任务列了两次。' +
          '如是复制时多出的一行，请删去其中一行（只在该行写明的配合单位、时限请并入保留的一行）；如确是两项不同的任务，请改写事项名称以示区别。',
      ],
    ]);
  });

  it('refuses a copy written with other spaces or punctuation, or another deadline, the same way', async () => {
    const csv =
      '类别,编号,事项,牵头单位,完成时限\n' +
      '政策解读,24,推动民生政策进社区（政策明白卡）,青川市民政局,2026-11-15\n' +
      '政策解读,25,事项乙,青川市财政局,2026-11-30\n' +
      '政策解读,42,推动民生政策进社区 (政策明白卡),青川市民政局,2026-12-15\n';
    expect(await problemsOf(csv)).toEqual([[4, expect.stringMatching(/^事项 42“推动民生政策进社区 \(政策明白卡\)”与第 2 行的事项 24 重复/)]]);
  });

  it('names the earlier row\'s sheet when a 大项 is laid over two sheets (a row the same in every cell on two sheets is a summary\'s copy, read once as before)', async () => {
    const book = new ExcelJS.Workbook();
    for (const name of ['第一页', '第二页']) {
      const sheet = book.addWorksheet(name);
      sheet.addRow(['类别', '编号', '事项', '牵头单位', '完成时限']);
      sheet.addRow(['政策解读', name === '第一页' ? '1' : '7', '推动民生政策进社区', '青川市民政局', name === '第一页' ? '2026-11-15' : '2026-12-15']);
    }
    const problems = await problemsOf(new Uint8Array(await book.xlsx.writeBuffer()), 'xlsx');
    expect(problems).toEqual([[2, expect.stringMatching(/^事项 7“推动民生政策进社区”与工作表“第一页”第 2 行的事项 1 重复/), '第二页']]);
  });

  it('reads one title in two 大项 (加强组织领导 under each), and one title led by two different units in one 大项', async () => {
    const csv =
      '类别,编号,事项,牵头单位,完成时限\n' +
      '政策解读,1,加强组织领导,青川市民政局,2026-11-15\n' +
      '政务公开,2,加强组织领导,青川市民政局,2026-11-15\n' +
      '政务公开,3,推动民生政策进社区,青川市东湖区人民政府,2026-11-15\n' +
      '政务公开,4,推动民生政策进社区,西山县人民政府,2026-11-15\n';
    const result = await plan(csv);
    expect(result.ok && result.plan.categories.flatMap((category) => category.items.map((item) => item.code))).toEqual(['1', '2', '3', '4']);
  });
});
