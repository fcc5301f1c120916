import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importFindings } from '../../rectification/import-findings/findings-file.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * newcomer45-10 S1 (serious): a heading row merged across the whole table, numbered as offices number past ten (第11部分、…, 11、…),
 * was read as an item — its text became the 牵头单位 and the 完成时限, and the clerk was told to register 「第11部分」 as a unit. The
 * README promises a heading merged across the row is read as the heading: the merged shape decides, whatever the numbering; a merged
 * heading with no number is refused once, as a heading to number — never as a unit to register.
 */
const lookupUnit = unitLookupFrom([
  { id: 'unit-gov', code: 'GOV', name: '青川市人民政府办公室' },
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
]);
const HEADER = ['序号', '工作任务', '牵头单位', '配合单位', '完成时限'];

/** A plan sheet: each row a heading (one string, merged A:E) or an item (its five cells). */
async function plan(rows: readonly (string | readonly string[])[], header: readonly string[] = HEADER): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('分解方案');
  sheet.addRow([...header]);
  for (const row of rows) {
    const added = sheet.addRow(typeof row === 'string' ? [row] : [...row]);
    if (typeof row === 'string') sheet.mergeCells(added.number, 1, added.number, header.length);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
const ITEM = ['1', '开展宪法宣传周', '青川市人民政府办公室', '青川市教育局', '2026年12月底前'];
const categoriesOf = (result: Awaited<ReturnType<typeof importWorkPlan>>) =>
  result.ok ? result.plan.categories.map((category) => `${category.code} ${category.title}: ${category.items.map((item) => item.title).join('、')}`) : result.problems.map((problem) => `${problem.row} ${problem.reasonZh}`);

describe('a heading merged across the table, whatever its numbering (newcomer45-10 S1)', () => {
  it.each([
    ['第11部分 加强法治宣传', '十一 加强法治宣传'],
    ['第11部分、加强法治宣传', '十一 加强法治宣传'],
    ['第１１部分：加强法治宣传', '十一 加强法治宣传'],
    ['第一部分：加强法治宣传', '一 加强法治宣传'],
    ['第1章 加强法治宣传', '一 加强法治宣传'],
    ['11、加强法治宣传', '十一 加强法治宣传'],
    ['1.加强法治宣传', '一 加强法治宣传'],
    ['一是加强法治宣传', '一 加强法治宣传'],
    ['（1）加强法治宣传', '一 加强法治宣传'],
    ['(一)加强法治宣传', '一 加强法治宣传'],
  ])('%s is the 大项 of the item below it', async (heading, category) => {
    const result = await importWorkPlan(await plan([heading, ITEM]), { format: 'xlsx', title: '2026年法治宣传任务', lookupUnit });
    expect(categoriesOf(result)).toEqual([`${category}: 开展宪法宣传周`]);
  });

  it('十、 then 11、 and 第12部分: the numbering goes on at the first level; 1. under 一、 is its second level', async () => {
    const result = await importWorkPlan(
      await plan([
        '十、加强普法',
        ITEM,
        '11、加强法治宣传',
        ['2', '开展法律进社区', '青川市人民政府办公室', '', '2026年12月底前'],
        '1.宣传周活动',
        ['3', '开展宪法宣传周活动', '青川市人民政府办公室', '', '2026年12月底前'],
        '第12部分 加强法治文化',
        ['4', '建设法治文化公园', '青川市人民政府办公室', '', '2026年12月底前'],
      ]),
      { format: 'xlsx', title: '2026年法治宣传任务', lookupUnit },
    );
    expect(categoriesOf(result)).toEqual(['十 加强普法: 开展宪法宣传周', '十一 加强法治宣传: 开展法律进社区、开展宪法宣传周活动', '十二 加强法治文化: 建设法治文化公园']);
  });

  it('第11部分 in a version and 第十一部分 in the next are one 大项', async () => {
    const [arabic, chinese] = await Promise.all(
      ['第11部分 加强法治宣传', '第十一部分 加强法治宣传'].map(async (heading) => importWorkPlan(await plan([heading, ITEM]), { format: 'xlsx', title: '2026年法治宣传任务', lookupUnit })),
    );
    expect(categoriesOf(arabic!)).toEqual(categoriesOf(chinese!));
  });

  it('a merged heading with no number is refused once, as a heading to number — never as a unit to register or a deadline', async () => {
    const result = await importWorkPlan(await plan(['加强法治宣传', ITEM]), { format: 'xlsx', title: '2026年法治宣传任务', lookupUnit });
    expect(categoriesOf(result)).toEqual([
      '2 工作表“分解方案”第 2 行（“加强法治宣传”）是合并跨过整张表的一段文字，是标题而不是事项：请给它编号作为一个大项（如“三、加强法治宣传”），或取消合并、按列填写该事项。',
    ]);
  });

  it('a 台账: 第11部分 merged across is the category of the findings below it', async () => {
    const content = await plan(['第11部分 依申请公开', ['1', '答复不规范', '青川市人民政府办公室', '青川市教育局', '2026年12月31日']], ['序号', '问题', '牵头单位', '配合单位', '整改时限']);
    const result = await importFindings(content, { format: 'xlsx', lookupUnit, today: '2026-03-01' });
    expect(result.ok ? result.findings.map((finding) => ({ title: finding.title, category: finding.category })) : result.problems.map((problem) => problem.reasonZh)).toEqual([{ title: '答复不规范', category: '依申请公开' }]);
  });
});
