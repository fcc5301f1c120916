import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importFindings } from './findings-file.js';

/*
 * breaker46-10 S2: after a directory whose units are coded 1, 2, 10 (codes typed as numbers), every 整改台账 with a 序号 column was
 * refused 「“序号”列写的是单位（如“1”）…」 — a row number read as a unit's code, with no word on what to do. A bare number is
 * numbering, never a unit; a column naming units by a code that is no number is still refused, saying how to get past it.
 */

const lookupUnit = unitLookupFrom([
  { id: 'unit-1', code: '1', name: '青川市教育局' },
  { id: 'unit-2', code: '2', name: '青川市财政局' },
  { id: 'unit-czj', code: 'CZJ', name: '青川市审计局' },
]);
const options = { format: 'csv' as const, lookupUnit, year: 2026, identifiedOn: '2026-03-02', today: '2026-03-02' };
const ledger = (numberHeader: string, numbers: readonly [string, string]) =>
  Buffer.from(
    `${numberHeader},问题,具体表现,严重程度,责任单位,整改时限\r\n${numbers[0]},网站错链,3处链接失效,一般,青川市教育局,2026年6月底前\r\n${numbers[1]},政策解读不到位,复述文件,一般,青川市财政局,2026年9月底前\r\n`,
    'utf8',
  );

describe('a 序号 column beside a directory coded by numbers (breaker46-10 S2)', () => {
  it('imports the 台账, its 序号 numbering the rows, not naming units', async () => {
    const result = await importFindings(ledger('序号', ['1', '2']), options);
    expect(result.ok ? result.findings.map((finding) => finding.title) : result.problems).toEqual(['网站错链', '政策解读不到位']);
  });

  it('refuses a column naming units by a code that is no number, saying what to do either way', async () => {
    const result = await importFindings(ledger('代号', ['CZJ', 'CZJ']), options);
    expect(result.ok === false && result.problems.map((problem) => problem.reasonZh)).toEqual([
      expect.stringContaining('“代号”列写的是单位（如“CZJ”），但该表头不是本导入读取的列名，其中的单位不会得到任务：如这些单位承担任务，请把表头改为“配合单位”（或本导入读取的其他单位列名）；如该列写的不是单位（“CZJ”只是恰与某单位的编码或名称相同），请删去该列。然后重新导入。'),
    ]);
  });
});
