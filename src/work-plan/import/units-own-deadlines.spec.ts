import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importFindings } from '../../rectification/import-findings/findings-file.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * breaker10r P9 (serious): a unit's own deadline in its bracket was dropped when written （9.30前）, （立行立改）, （长期坚持） (UD05, UD07,
 * UD08): the part due on the row's 2026-12-31, told only as a near name. Now every deadline the imports read, in a unit's bracket, is
 * that unit's own: its part due so (kind and day), told; a lead's own deadline other than the item's is refused (the lead's is the item's).
 */
const directory = unitLookupFrom([
  { id: 'unit-scj', code: 'SCJ', name: '澜州市市场监督管理局' },
  { id: 'unit-czj', code: 'CZJ', name: '澜州市财政局' },
  { id: 'unit-jyj', code: 'JYJ', name: '澜州市教育局' },
]);
const planOf = async (cooperating: string, lead = '澜州市市场监督管理局', due = '2026年12月底前') => {
  const csv = `澜州市2026年单位括号时限测试方案\n序号,工作任务,牵头单位,配合单位,完成时限\n1,任务甲,${lead},"${cooperating}",${due}\n`;
  const result = await importWorkPlan(csv, { format: 'csv', title: '括号时限', year: 2026, lookupUnit: directory, today: '2026-02-25' });
  if (!result.ok) return { problems: result.problems.map((problem) => problem.reasonZh) };
  const item = result.plan.categories[0]!.items[0]!;
  return { due: item.dueDate, parts: item.partDueDates ?? {}, notices: (result.notices ?? []).map((notice) => notice.reasonZh) };
};

describe('a unit’s own deadline in its bracket is that unit’s part’s (breaker10r P9)', () => {
  it.each([
    ['（9.30前）', { dueDate: '2026-09-30', terms: { kind: 'BY_DATE' } }],
    ['（9.30）', { dueDate: '2026-09-30', terms: { kind: 'BY_DATE' } }],
    ['（10.15前完成）', { dueDate: '2026-10-15', terms: { kind: 'BY_DATE' } }],
    ['（立行立改）', { dueDate: '2026-02-25', terms: { kind: 'AT_ONCE' } }],
    ['（长期坚持）', { dueDate: '2026-12-31', terms: { kind: 'STANDING', reportEvery: 'QUARTER' } }],
    ['（常态化）', { dueDate: '2026-12-31', terms: { kind: 'STANDING', reportEvery: 'QUARTER' } }],
    ['（持续推进）', { dueDate: '2026-12-31', terms: { kind: 'STANDING', reportEvery: 'QUARTER' } }],
    ['（6月底前）', { dueDate: '2026-06-30', terms: { kind: 'BY_DATE' } }],
    ['【三季度】', { dueDate: '2026-09-30', terms: { kind: 'BY_DATE' } }],
  ] as const)('澜州市财政局%s under 配合单位', async (bracket, part) => {
    const read = await planOf(`澜州市财政局${bracket}、澜州市教育局`);
    expect(read).toMatchObject({ due: '2026-12-31', parts: { 'unit-czj': part } });
    expect(Object.keys((read as { parts: object }).parts)).toEqual(['unit-czj']);
    const notices = (read as { notices: string[] }).notices;
    expect(notices).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^“澜州市财政局${bracket.replace(/[()（）【】.]/gu, '.')}”括号中的时限是该单位自己的时限：其任务按 .+ 计（本行其他单位按 2026-12-31）。$`, 'u'))]));
    expect(notices.join('')).not.toMatch(/相近/u);
  });

  it('the same deadline as the row is read without a word', async () => {
    expect(await planOf('澜州市财政局（12月底前）')).toMatchObject({ due: '2026-12-31', parts: {} });
  });

  it('a day after the plan’s period is refused as in 完成时限', async () => {
    expect(await planOf('澜州市财政局（2027年3月底前）')).toEqual({ problems: [expect.stringMatching(/2027-03-31/u)] });
  });

  it('a lead’s own deadline other than the item’s is refused naming both; the same one reads', async () => {
    expect(await planOf('澜州市教育局', '澜州市市场监督管理局（9.30前）')).toEqual({
      problems: ['牵头单位“澜州市市场监督管理局（9.30前）”在括号中写了自己的时限（2026-09-30），与完成时限（2026-12-31）不同：牵头单位的时限即事项的完成时限。请把该时限写入完成时限列，或删去括号。'],
    });
    expect(await planOf('澜州市教育局', '澜州市市场监督管理局（年底前）')).toMatchObject({ due: '2026-12-31', parts: {} });
  });

  it('brackets that are no deadline read as before', async () => {
    expect(await planOf('澜州市财政局（配合）')).toMatchObject({ parts: {} });
  });

  it('in a 台账: the unit’s part due on its own deadline, told', async () => {
    const result = await importFindings('序号,问题,具体表现,牵头单位,配合单位,整改时限,整改措施\n1,门户网站存在错链,3处链接失效,澜州市市场监督管理局,"澜州市财政局（立行立改）、澜州市教育局（9.30前）",2026年12月31日,全面排查链接\n', {
      format: 'csv',
      lookupUnit: directory,
      today: '2026-01-23',
      year: 2026,
    });
    expect(result.ok && result.findings[0]!.parts.map((part) => [part.unit.unitId, part.role, part.dueDate, part.terms.kind])).toEqual([
      ['unit-scj', 'LEAD', '2026-12-31', 'BY_DATE'],
      ['unit-czj', 'RESPONSIBLE', '2026-01-23', 'AT_ONCE'],
      ['unit-jyj', 'RESPONSIBLE', '2026-09-30', 'BY_DATE'],
    ]);
    expect(result.ok && (result.notices ?? []).map((notice) => notice.reasonZh)).toEqual(expect.arrayContaining([expect.stringMatching(/^“澜州市教育局（9.30前）”括号中的时限是该单位自己的时限：其任务按 2026-09-30 计/u)]));
  });
});
