import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * breaker10r P6 (H/Y1-2025-title.csv): 「澜州市2025年度政务公开评估反馈问题整改任务分解方案」 — the 2025 evaluation's problems, fixed in
 * 2026, approved 2026-01-10, items due 2026年3月底前 / 6月底前 — is read as a 2025 plan and every row refused past 2025-12-31. The
 * refusal now says first that the plan was approved after that year had ended and names the way: its year (年度, --year 2026).
 */
const directory = unitLookupFrom([
  { id: 'unit-lzgov', code: 'LZGOV', name: '澜州市人民政府办公室' },
  { id: 'unit-lzopen', code: 'LZOPEN', name: '澜州市政务公开办公室' },
  { id: 'unit-czj', code: 'CZJ', name: '澜州市财政局' },
]);
const FILE = new TextEncoder().encode(
  '澜州市2025年度政务公开评估反馈问题整改任务分解方案\n' +
    '序号,整改任务,牵头单位,配合单位,完成时限\n' +
    '1,完善决策公开栏目,澜州市人民政府办公室,澜州市财政局,2026年3月底前\n' +
    '2,规范解读,澜州市政务公开办公室,,2026年6月底前\n',
);

describe('a plan titled with the evaluation\'s year, approved after that year (breaker10r P6)', () => {
  it('is refused saying first that its year had ended before its approval, and to give the plan\'s year', async () => {
    const result = await importWorkPlan(FILE, { format: 'csv', fileName: 'Y1-2025-title.csv', lookupUnit: directory, approvedOn: '2026-01-10', today: '2026-01-12' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]).toMatchObject({
      row: null,
      reasonZh: '方案“澜州市2025年度政务公开评估反馈问题整改任务分解方案”按 2025 年度读取（年度取自标题或事项时限），但方案批准日期 2026-01-10 已在该年度结束之后：标题中的年份可能是评估或检查的年度。请在“年度”中填写方案年度（如 2026）后重新导入。',
    });
  });

  it('imports with the plan\'s year given; a plan approved within its year is refused as before, without that word', async () => {
    const given = await importWorkPlan(FILE, { format: 'csv', fileName: 'Y1-2025-title.csv', lookupUnit: directory, approvedOn: '2026-01-10', today: '2026-01-12', year: 2026 });
    expect(given.ok && given.plan.categories.flatMap((category) => category.items.map((item) => [item.code, item.dueDate]))).toEqual([
      ['1', '2026-03-31'],
      ['2', '2026-06-30'],
    ]);
    const inYear = await importWorkPlan(FILE, { format: 'csv', fileName: 'Y1-2025-title.csv', lookupUnit: directory, approvedOn: '2025-11-10', today: '2025-11-12' });
    expect(!inYear.ok && inYear.problems.every((problem) => problem.row !== null)).toBe(true);
  });
});
