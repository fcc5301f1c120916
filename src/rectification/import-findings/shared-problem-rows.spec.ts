import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importFindings } from './findings-file.js';

/*
 * breaker10q P9: a 台账 kept one unit per sheet (M-ledger-per-sheet-same-problem.xlsx) or sorted by unit
 * (N-ledger-same-problem-two-rows.xlsx) lists a problem two units share on each one's rows; refused 「重复列出」 with no advice, the
 * clerk left to guess. The refusal now says how the file says one problem of several units, and how it tells two apart — and
 * the layout it advises is read as one finding with both units.
 */
const lookupUnit = unitLookupFrom([
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
]);
const ADVICE = '如是几个单位共同整改的同一问题，请把这些行移到一起、放在该问题第一行之下（下方各行的“问题”可留空），联合牵头的单位在第一行的牵头单位中一并写明；如是不同的问题，请改写问题名称以示区别。';
const header = ['问题', '具体表现', '类别', '严重程度', '牵头单位', '整改时限'];

describe('a problem two units share, listed on each unit\'s rows (breaker10q P9)', () => {
  it('M: one sheet per unit — refused naming the other sheet, with the way to write it', async () => {
    const book = new ExcelJS.Workbook();
    for (const unit of ['青川市财政局', '青川市教育局']) {
      const sheet = book.addWorksheet(unit);
      sheet.addRow(header);
      sheet.addRow([`${unit}政策解读不到位`, '缺少解读', '政策解读', '一般', unit, '2026-09-30']);
      sheet.addRow(['门户网站存在错链', '3处链接失效', '网站建设', '一般', unit, '2026-12-31']);
    }
    const result = await importFindings(new Uint8Array(await book.xlsx.writeBuffer()), { format: 'xlsx', lookupUnit, today: '2026-03-01' });
    expect(result.ok ? result : result.problems.map((problem) => [problem.sheet, problem.row, problem.reasonZh])).toEqual([
      ['青川市教育局', 3, `问题“门户网站存在错链”重复列出：工作表“青川市财政局”第 3 行已有。${ADVICE}`],
    ]);
  });

  it('N: sorted by unit — refused the same; put together as advised, one finding with both units', async () => {
    const rows = (lines: string[][]) => [header.join(','), ...lines.map((line) => line.join(','))].join('\n');
    const sorted = rows([
      ['门户网站存在错链', '3处链接失效', '网站建设', '一般', '青川市财政局', '2026-12-31'],
      ['政策解读不到位', '缺少解读', '政策解读', '一般', '青川市财政局', '2026-09-30'],
      ['门户网站存在错链', '3处链接失效', '网站建设', '一般', '青川市教育局', '2026-12-31'],
    ]);
    const refused = await importFindings(sorted, { format: 'csv', lookupUnit, today: '2026-03-01' });
    expect(refused.ok ? refused : refused.problems.map((problem) => [problem.row, problem.reasonZh])).toEqual([[4, `问题“门户网站存在错链”重复列出：第 2 行已有。${ADVICE}`]]);
    const together = rows([
      ['门户网站存在错链', '3处链接失效', '网站建设', '一般', '青川市财政局、青川市教育局', '2026-12-31'],
      ['', '', '', '', '青川市教育局', '2026-12-31'],
      ['政策解读不到位', '缺少解读', '政策解读', '一般', '青川市财政局', '2026-09-30'],
    ]);
    const read = await importFindings(together, { format: 'csv', lookupUnit, today: '2026-03-01' });
    expect(read.ok ? read.findings.map((finding) => [finding.title, finding.parts.map((part) => [part.unit.unitId, part.role])]) : read.problems).toEqual([
      ['门户网站存在错链', [['unit-czj', 'LEAD'], ['unit-jyj', 'LEAD']]],
      ['政策解读不到位', [['unit-czj', 'LEAD']]],
    ]);
  });
});
