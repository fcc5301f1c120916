import { unitLookupFrom } from '../organization/units/unit-lookup.js';
import { importFindings } from '../rectification/import-findings/findings-file.js';
import { importWorkPlan } from '../work-plan/import/work-plan-import.js';

/*
 * A zero-width space (U+200B), word joiner (U+2060) or soft hyphen pasted from a web page or WeChat
 * into a unit or date cell: on screen the cell reads exactly as a valid name or date, so a refusal
 * quoting it ("青川市​教育局 不在单位名录中") leaves the clerk nothing to correct (breaker10c P19).
 * Names and dates are read without them, in plans and ledgers alike.
 */

const lookupUnit = unitLookupFrom([
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
]);

describe('invisible characters in unit and date cells', () => {
  it.each([
    ['a zero-width space', '\u200B'],
    ['a word joiner', '\u2060'],
    ['a soft hyphen', '\u00AD'],
  ])('reads a plan whose unit and date cells hold %s as the names and dates they show', async (_name, invisible) => {
    const csv = `编号,事项,牵头单位,责任单位,完成时限\n1,推进决策公开,青川市${invisible}财政局,青川市${invisible}教育局,2026${invisible}年6月30日\n2,推进解读,CZJ${invisible},,2026-09${invisible}-30\n`;
    const result = await importWorkPlan(csv, { format: 'csv', title: '2026年任务', lookupUnit });
    expect(result.ok ? result.plan.categories[0]!.items.map((item) => [item.leadUnits.map((unit) => unit.unitId), item.responsibleUnits.map((unit) => unit.unitId), item.dueDate]) : result.problems).toEqual([
      [['unit-czj'], ['unit-jyj'], '2026-06-30'],
      [['unit-czj'], [], '2026-09-30'],
    ]);
  });

  it('reads a ledger whose unit and deadline cells hold zero-width spaces', async () => {
    const csv = '存在问题,整改措施,责任单位,整改时限\n栏目更新不及时,加强更新,青川市\u200B教育局,2026\u200B年6月30日\n';
    const result = await importFindings(csv, { format: 'csv', lookupUnit, today: '2026-03-01' });
    expect(result.ok ? result.findings.map((finding) => finding.parts.map((part) => [part.unit.unitId, part.dueDate])) : result.problems).toEqual([[['unit-jyj', '2026-06-30']]]);
  });
});
