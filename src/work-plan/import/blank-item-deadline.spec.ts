import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * newcomer55-10 M2: a plan version whose new item's first row (its lead's) left 完成时限 blank, the row below giving 2027年12月底前,
 * was refused 「第 20 行：缺少完成时限。」 — no item named, nothing said of what to write or of the date below. Now the refusal names
 * the item, says the deadline goes on its first row, and quotes the row below.
 */
const directory = unitLookupFrom([
  { id: 'GOV', code: 'GOV', name: '澜州市人民政府办公室' },
  { id: 'FGW', code: 'FGW', name: '澜州市发展和改革委员会' },
]);
const refusals = async (csv: string) => {
  const result = await importWorkPlan(csv, { format: 'csv', title: '完成时限空白', year: 2027, lookupUnit: directory });
  return result.ok ? [] : result.problems.map((problem) => [problem.row, problem.reasonZh]);
};
const header = '序号,工作任务,牵头单位,配合单位,完成时限\n';

describe('an item whose first row leaves 完成时限 blank (newcomer55-10 M2)', () => {
  it('names the item and the date its next row gives, and says the deadline goes on the first row', async () => {
    expect(await refusals(`${header}1,公布决策事项目录,澜州市人民政府办公室,,\n,,,澜州市发展和改革委员会,2027年12月底前\n`)).toEqual([
      [
        2,
        '事项 1“公布决策事项目录”的第一行（牵头单位所在行）未写完成时限，下方第 3 行的时限为 2027-12-31：事项的完成时限须写在其第一行，请在本行填写（与第 3 行相同的，照抄即可；下方各行另写的时限是该行单位自己的时限）。',
      ],
    ]);
  });

  it('names the item and says what to write when no row gives a date', async () => {
    expect(await refusals(`${header}1,公布决策事项目录,澜州市人民政府办公室,,\n`)).toEqual([[2, '事项 1“公布决策事项目录”缺少完成时限：请在本行填写完成时限（如“2027年12月底前”“持续推进”“每季度”）。']]);
  });
});
