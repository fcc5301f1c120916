import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importFindings } from '../../rectification/import-findings/findings-file.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * P1 (tester's task-list files): a section row whose 序号 holds only the number (一, （一）) and whose 大项 name sits in one cell
 * merged across the rest of the row read the name as the row's 牵头单位 and 完成时限, and refused 「深化决策公开」 as a unit to
 * register. The number under 序号 with the rest of the row one merged cell — or one text typed again in each cell — is the heading.
 */

const lookupUnit = unitLookupFrom([
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  { id: 'unit-fgw', code: 'FGW', name: '青川市发展和改革委员会' },
]);

type Row = (string | null)[];

async function book(rows: Row[], merges: string[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('任务分工');
  for (const row of rows) sheet.addRow(row);
  for (const range of merges) sheet.mergeCells(range);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const outline = (result: Awaited<ReturnType<typeof importWorkPlan>>) =>
  result.ok
    ? result.plan.categories.map((category) => `${category.code} ${category.title}: ${category.items.map((item) => `${item.code} ${item.title} ${item.leadUnits.map((unit) => unit.unitId).join('、')} ${item.dueDate}`).join('; ')}`)
    : result.problems.map((problem) => `${problem.row} ${problem.reasonZh}`);

const HEADER = ['序号', '工作任务', '牵头单位', '责任单位', '完成时限'];

describe('a section row: the number under 序号, the 大项 name merged across the rest of the row (P1)', () => {
  it.each([['一'], ['一、'], ['二']])('序号 %p, name merged B:E, is the category, never a lead unit or a deadline', async (number) => {
    const content = await book(
      [
        HEADER,
        [number, '深化决策公开', null, null, null],
        ['1', '公开重大决策事项目录', '青川市财政局', '青川市发展和改革委员会', '2026年12月31日'],
        [number.replace(/[一二]/u, (numeral) => (numeral === '一' ? '二' : '三')), '加强政策解读', null, null, null],
        ['2', '做好政策解读', '青川市发展和改革委员会', null, '2026年9月30日'],
      ],
      ['B2:E2', 'B4:E4'],
    );
    const result = await importWorkPlan(content, { format: 'xlsx', title: '青川市2026年政务公开任务分工', lookupUnit });
    const first = number.replace(/、/u, '');
    const second = first === '一' ? '二' : '三';
    expect(outline(result)).toEqual([
      `${first} 深化决策公开: 1 公开重大决策事项目录 unit-czj 2026-12-31`,
      `${second} 加强政策解读: 2 做好政策解读 unit-fgw 2026-09-30`,
    ]);
  });

  it('the same heading typed again in each cell of a CSV row is the category', async () => {
    const csv =
      `${HEADER.join(',')}\n` +
      '一,深化决策公开,深化决策公开,深化决策公开,深化决策公开\n' +
      '1,公开重大决策事项目录,青川市财政局,,2026-12-31\n';
    expect(outline(await importWorkPlan(csv, { format: 'csv', title: '青川市2026年政务公开任务分工', lookupUnit }))).toEqual(['一 深化决策公开: 1 公开重大决策事项目录 unit-czj 2026-12-31']);
  });

  it('a 台账: the merged heading is the findings\' category, not a finding of a unit called 主动公开方面', async () => {
    const content = await book(
      [
        ['序号', '存在问题', '责任单位', '整改时限'],
        ['一', '主动公开方面', null, null],
        ['1', '预算公开不及时', '青川市财政局', '2026年6月30日'],
      ],
      ['B2:D2'],
    );
    const result = await importFindings(content, { format: 'xlsx', lookupUnit, today: '2026-03-01' });
    expect(result.ok ? result.findings.map((finding) => `${finding.category} ${finding.title}`) : result.problems).toEqual(['主动公开方面 预算公开不及时']);
  });

  it('a number with a unit but no title is still a row of its own, refused for what it lacks — never a category named after the unit', async () => {
    const csv = `${HEADER.join(',')}\n一,,青川市财政局,,2026-12-31\n`;
    const result = await importWorkPlan(csv, { format: 'csv', title: '青川市2026年政务公开任务分工', lookupUnit });
    expect(result.ok).toBe(false);
    expect(outline(result).join('\n')).toContain('缺少事项名称');
  });
});
