import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importFindings } from './findings-file.js';

/*
 * newcomer28 S4: Rectify's own 整改台账 export writes a row per part, and each row's 牵头单位 cell names every joint lead
 * (联合牵头: 「青川市教育局、青川市财政局」), its 责任单位 the row's own unit. Imported back it was refused 「单位“青川市财政局”在同一问题中
 * 重复列出」 on the second lead's row. Given such a file, when it is read, then each lead keeps one part, leading, due on its
 * own row's date, and the other units are responsible.
 */

const lookupUnit = unitLookupFrom([
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  { id: 'unit-mzj', code: 'MZJ', name: '青川市民政局' },
]);
const options = { format: 'csv' as const, lookupUnit, year: 2026, identifiedOn: '2026-03-02', today: '2026-03-02' };
const parts = (result: Awaited<ReturnType<typeof importFindings>>) =>
  result.ok ? result.findings.map((finding) => finding.parts.map((part) => [part.unit.unitId, part.role, part.dueDate])) : result.problems;

describe('a 整改台账 listing a finding of joint leads a row per part', () => {
  it('reads Rectify\'s own export back: each lead one part, leading, due on its own row', async () => {
    const csv =
      '序号,评估,问题,类别,整改措施,牵头单位,责任单位,整改时限,状态,报告日期,整改情况,督查结果,退回情况,红黄绿灯,销号日期\n' +
      '1,2025年度评估,门户网站存在错链,网站建设,逐页排查,"青川市教育局、青川市财政局",青川市教育局,2026-06-30,已交办,,,,,绿,\n' +
      '2,2025年度评估,门户网站存在错链,网站建设,逐页排查,"青川市教育局、青川市财政局",青川市财政局,2026-09-30,已交办,,,,,绿,\n' +
      '3,2025年度评估,门户网站存在错链,网站建设,逐页排查,"青川市教育局、青川市财政局",青川市民政局,2026-06-30,已交办,,,,,绿,\n';
    const result = await importFindings(Buffer.from(csv, 'utf8'), { ...options, evaluationTitle: '2025年度评估' });
    expect(parts(result)).toEqual([
      [
        ['unit-jyj', 'LEAD', '2026-06-30'],
        ['unit-czj', 'LEAD', '2026-09-30'],
        ['unit-mzj', 'RESPONSIBLE', '2026-06-30'],
      ],
    ]);
  });

  it('reads an office\'s 台账 laid out the same way (the 牵头单位 cell merged down), and still refuses a unit listed twice otherwise', async () => {
    const csv = '问题,牵头单位,责任单位,整改时限\n门户网站存在错链,"青川市教育局、青川市财政局",青川市财政局,2026-09-30\n,"青川市教育局、青川市财政局",青川市教育局,\n';
    expect(parts(await importFindings(Buffer.from(csv, 'utf8'), options))).toEqual([[['unit-jyj', 'LEAD', '2026-09-30'], ['unit-czj', 'LEAD', '2026-09-30']]]);
    const twice = '问题,牵头单位,责任单位,整改时限\n门户网站存在错链,青川市教育局,青川市民政局,2026-09-30\n,青川市教育局,青川市民政局,2026-09-30\n';
    expect(await importFindings(Buffer.from(twice, 'utf8'), options)).toMatchObject({ ok: false, problems: [{ row: 3, reasonZh: '单位“青川市民政局”在同一问题中重复列出。' }] });
  });
});

// Lead's decision (session 27): 「A与B」 first in a one-column 责任单位 is read as 「A、B」 there — A leads, B is responsible; in a
// 牵头单位 cell 「A与B」 still lead jointly (breaker10m P1).
describe('「A与B」 first in a 台账\'s one-column 责任单位', () => {
  it('makes A the lead and B responsible, as 「A、B」 does; in a 牵头单位 cell both lead', async () => {
    const oneColumn = '问题,责任单位,整改时限\n门户网站存在错链,青川市教育局与青川市财政局,2026-09-30\n年报滞后,"青川市教育局、青川市财政局",2026-09-30\n';
    expect(parts(await importFindings(Buffer.from(oneColumn, 'utf8'), options))).toEqual([
      [['unit-jyj', 'LEAD', '2026-09-30'], ['unit-czj', 'RESPONSIBLE', '2026-09-30']],
      [['unit-jyj', 'LEAD', '2026-09-30'], ['unit-czj', 'RESPONSIBLE', '2026-09-30']],
    ]);
    const leadColumn = '问题,牵头单位,整改时限\n门户网站存在错链,青川市教育局与青川市财政局,2026-09-30\n';
    expect(parts(await importFindings(Buffer.from(leadColumn, 'utf8'), options))).toEqual([[['unit-jyj', 'LEAD', '2026-09-30'], ['unit-czj', 'LEAD', '2026-09-30']]]);
  });
});
