import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../organization/units/unit-lookup.js';
import { importFindings } from '../rectification/import-findings/findings-file.js';
import { importWorkPlan } from '../work-plan/import/work-plan-import.js';

/*
 * breaker49-10 S6 and S11: what a CSV typed by hand loses without a word.
 * - S6: a stray quote opening a cell read the rows after it, up to the next quote, as that cell's text — two items, a unit and a
 *   deadline gone, in a plan and in a 整改台账 alike.
 * - S11: cells past the header's last column (two units, or 「2026年6月底前,长期坚持」, typed with an ASCII comma) were dropped; an
 *   XLSX with the same cells under a blank header cell was refused.
 */

const lookupUnit = unitLookupFrom([
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
  { id: 'unit-mzj', code: 'MZJ', name: '青川市民政局' },
]);
const plan = (csv: string) => importWorkPlan(csv, { format: 'csv', title: '青川市2026年引号测试', year: 2026, lookupUnit });
const problemsOf = (result: { ok: boolean; problems?: readonly { row: number | null; reasonZh: string }[] }) =>
  result.ok ? 'read' : result.problems!.map((problem) => [problem.row, problem.reasonZh]);

describe('a CSV with a stray quote (breaker49-10 S6)', () => {
  it('refuses a plan whose quoted cell swallowed whole rows, naming the line of the quote, instead of losing items 2 and 3', async () => {
    // The tester's q4.csv.
    const csv =
      '编号,事项,具体内容,牵头单位,配合单位,完成时限\n' +
      '1,推进放管服改革,"按季度公开进展,青川市财政局,青川市教育局,2026-10-31\n' +
      '2,事项乙,公开预算,青川市财政局,青川市民政局,2026-11-30\n' +
      '3,事项丙,公开“三公”经费",青川市财政局,,2026-12-31\n' +
      '4,事项丁,公开决算,青川市财政局,,2026-12-31\n';
    expect(problemsOf(await plan(csv))).toEqual([
      [
        2,
        'CSV 文件第 2 行有一个多余的引号（"）：它开始的单元格（“具体内容”列，“按季度公开进展,青川市财政局,青川市教育局,20…”）一直延续到第 4 行，' +
          '把其后本身就是完整一行（与表头列数相同）的内容也读进了这一个单元格，事项或单位会因此丢失。未读取任何内容：请删去该引号（如确需引号，请在该单元格末尾补上结束引号），或用 Excel 另存为“CSV UTF-8”后再导入。',
      ],
    ]);
  });

  it('names the file\'s line of the quote, not the row, when a real multi-line cell above makes them differ', async () => {
    const csv =
      '编号,事项,牵头单位,配合单位,完成时限\n' +
      '1,事项甲,青川市财政局,"青川市教育局\n青川市民政局",2026-10-31\n' +
      '2,"事项乙,青川市财政局,青川市民政局,2026-11-30\n' +
      '3,事项丙,青川市财政局,青川市教育局,2026-12-31\n' +
      '4,事项丁",青川市财政局,,2026-12-31\n';
    const problems = problemsOf(await plan(csv));
    expect(problems).toEqual([[3, expect.stringMatching(/^CSV 文件第 4 行有一个多余的引号（"）：它开始的单元格（“事项”列，“事项乙,青川市财政局,青川市民政局,2026-1…”）一直延续到第 6 行/)]]);
  });

  it('refuses a stray quote closed by another on the very next row (both rows whole either side of the cell)', async () => {
    const csv =
      '编号,事项,具体内容,牵头单位,配合单位,完成时限\n' +
      '1,推进放管服改革,"按季度公开进展,青川市财政局,青川市教育局,2026-10-31\n' +
      '2,事项乙,公开“三公”经费",青川市财政局,,2026-12-31\n';
    expect(problemsOf(await plan(csv))).toEqual([[2, expect.stringMatching(/^CSV 文件第 2 行有一个多余的引号（"）.*一直延续到第 3 行/)]]);
  });

  it('refuses a 整改台账 the same way, instead of recording problems 一 and 四 only', async () => {
    // The tester's lq.csv.
    const csv =
      '问题,具体表现,牵头单位,配合单位,整改时限\n' +
      '引号测试问题一,"栏目未更新,青川市财政局,青川市教育局,2026-10-31\n' +
      '引号测试问题二,链接失效,青川市民政局,,2026-11-30\n' +
      '引号测试问题三,附件“无法下载",青川市财政局,,2026-12-31\n' +
      '引号测试问题四,答复超期,青川市财政局,,2026-12-31\n';
    const result = await importFindings(csv, { format: 'csv', lookupUnit });
    expect(problemsOf(result)).toEqual([[2, expect.stringMatching(/^CSV 文件第 2 行有一个多余的引号（"）：它开始的单元格（“具体表现”列，“栏目未更新,青川市财政局,青川市教育局,2026…”）一直延续到第 4 行/)]]);
  });

  it('still reads cells Excel writes over several lines, and quotes inside a cell, as written', async () => {
    const csv =
      '编号,事项,具体内容,牵头单位,配合单位,完成时限\n' +
      '1,推进"放管服"改革信息公开,"1.按季度公开进展\n2.按月报送, 逐项对账\n3.年底总结",青川市财政局,"青川市教育局\n青川市民政局",2026-10-31\n' +
      '2,"""三公""经费公开","公开预算,决算\n和“三公”经费",青川市财政局,青川市民政局,2026-11-30\n';
    const result = await plan(csv);
    expect(result.ok && result.plan.categories[0]!.items.map((item) => [item.title, item.responsibleUnits.map((unit) => unit.name)])).toEqual([
      ['推进"放管服"改革信息公开', ['青川市教育局', '青川市民政局']],
      ['"三公"经费公开', ['青川市民政局']],
    ]);
  });

  it('reads a multi-line cell in the first or the last column, whose one line meets the row\'s other cells', async () => {
    const findings = '具体表现,问题,牵头单位,配合单位,整改时限\n"1.栏目未更新\n2.附件无法下载",栏目问题,青川市财政局,青川市教育局,2026-10-31\n';
    expect((await importFindings(findings, { format: 'csv', lookupUnit })).ok).toBe(true);
    const last = '编号,事项,牵头单位,完成时限,配合单位\n1,事项甲,青川市财政局,2026-10-31,"青川市教育局\n青川市民政局"\n';
    const result = await plan(last);
    expect(result.ok && result.plan.categories[0]!.items[0]!.responsibleUnits.map((unit) => unit.name)).toEqual(['青川市教育局', '青川市民政局']);
  });
});

/*
 * breaker50-10 S3: a quoted cell over several lines, closed where it ends, was refused as a stray quote when a line inside it had as
 * many commas as the header (a list typed with ASCII commas) — the file Excel writes, and remedies that could not help. The quote's
 * own line leaves its row short there (the row's other cells follow the closing quote), as no stray quote does.
 */
describe('a CSV cell over several lines with a line as wide as the header inside (breaker50-10 S3)', () => {
  it.each([
    // The tester's sq1.csv: a list typed with ASCII commas inside 具体内容.
    ['a list typed with commas (sq1.csv)', '公开内容：\n预算,决算,三公经费,绩效目标,评价结果,审计整改\n均在门户网站公开'],
    // sq2.csv: an enumerated line shaped exactly like a row of the plan.
    ['an enumerated line shaped like a row (sq2.csv)', '公开内容如下\n1,预算,市财政局,本级,全部,年底前\n2,决算'],
  ])('reads a plan whose 具体内容 holds %s as the one cell it is', async (_case, content) => {
    const csv =
      '编号,事项,具体内容,牵头单位,配合单位,完成时限\n' +
      `1,推进预决算公开,"${content}",青川市财政局,青川市教育局,2026-10-31\n` +
      '2,事项乙,公开预算,青川市财政局,青川市民政局,2026-11-30\n';
    const result = await plan(csv);
    expect(problemsOf(result)).toBe('read');
    expect(result.ok && result.plan.categories[0]!.items.map((item) => [item.code, item.title, item.description, item.responsibleUnits.map((unit) => unit.name)])).toEqual([
      ['1', '推进预决算公开', content, ['青川市教育局']],
      ['2', '事项乙', '公开预算', ['青川市民政局']],
    ]);
  });

  it('reads a findings list (five columns: four commas in a line of 具体表现 were enough) the same way (sq3.csv)', async () => {
    const description = '抽查发现：\n1.栏目未更新,2.链接失效,3.附件无法下载,4.无检索功能,5.无无障碍浏览\n共计5类问题';
    const csv = `问题,具体表现,牵头单位,配合单位,整改时限\n网站栏目更新滞后,"${description}",青川市教育局,,2026-10-31\n`;
    const result = await importFindings(csv, { format: 'csv', lookupUnit });
    expect(problemsOf(result)).toBe('read');
    expect(result.ok && result.findings.map((finding) => finding.description)).toEqual([description]);
  });
});

describe('CSV cells past the header\'s last column (breaker49-10 S11)', () => {
  it('refuses a row with a unit in a sixth cell under a header of five, naming the row and the cell, instead of dropping 青川市民政局', async () => {
    // The tester's extra.csv.
    const csv = '编号,事项,牵头单位,配合单位,完成时限\n1,事项甲,青川市财政局,青川市教育局,2026-10-31,青川市民政局\n2,事项乙,青川市财政局,青川市民政局,2026-11-30\n';
    expect(problemsOf(await plan(csv))).toEqual([
      [
        2,
        '第 2 行在表头最后一列（E 列）之后还有内容：F2“青川市民政局”，这些内容没有列名，会被遗漏。未读取任何内容：' +
          '如果它们属于前一个单元格（几个单位或时限之间用了英文逗号“,”），请改用顿号“、”分隔，或给该单元格加上引号；否则请在表头填写列名，或删去多出的内容。',
      ],
    ]);
  });

  it.each([
    ['two units typed with a comma in the last column', '编号,事项,牵头单位,完成时限,配合单位\n1,事项甲,青川市财政局,2026-10-31,青川市教育局,青川市民政局\n', 'F2“青川市民政局”'],
    ['the same, tab-separated', '编号\t事项\t牵头单位\t完成时限\t配合单位\n1\t事项甲\t青川市财政局\t2026-10-31\t青川市教育局\t青川市民政局\n', 'F2“青川市民政局”'],
    ['「2026年6月底前,长期坚持」 typed with a comma', '编号,事项,牵头单位,配合单位,完成时限\n1,事项甲,青川市财政局,青川市教育局,2026年6月底前,长期坚持\n', 'F2“长期坚持”'],
  ])('refuses %s', async (_case, csv, cell) => {
    const problems = problemsOf(await plan(csv));
    expect(problems).toEqual([[2, expect.stringContaining(`之后还有内容：${cell}，`)]]);
  });

  it('refuses a 整改台账 row the same way, instead of assigning 教育局 only', async () => {
    const csv = '问题,具体表现,牵头单位,配合单位,整改时限\n多列测试问题甲,表现甲,青川市财政局,青川市教育局,2026年9月底前,青川市民政局\n';
    expect(problemsOf(await importFindings(csv, { format: 'csv', lookupUnit }))).toEqual([[2, expect.stringContaining('之后还有内容：F2“青川市民政局”，')]]);
  });

  it('reads empty cells past the header (a row ending with commas) as nothing', async () => {
    const csv = '编号,事项,牵头单位,配合单位,完成时限\n1,事项甲,青川市财政局,青川市教育局,2026-10-31,,\n';
    expect((await plan(csv)).ok).toBe(true);
  });

  it('refuses the XLSX alike, by its blank header cell, as before', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('任务');
    sheet.addRow(['编号', '事项', '牵头单位', '配合单位', '完成时限']);
    sheet.addRow(['1', '事项甲', '青川市财政局', '青川市教育局', '2026-10-31', '青川市民政局']);
    const result = await importWorkPlan(new Uint8Array(await book.xlsx.writeBuffer()), { format: 'xlsx', title: '青川市2026年引号测试', year: 2026, lookupUnit });
    expect(result.ok).toBe(false);
    expect(problemsOf(result)).toEqual([[expect.any(Number), expect.stringMatching(/F/)]]);
  });
});
