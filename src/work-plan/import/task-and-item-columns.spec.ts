import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * Session 24 (issue 10, "工作任务 / 主要任务 → category or item as the layout says"): a 任务分解 headed 重点任务 | 具体事项 imported
 * every item titled with its task (深化五公开, twice) and listed 具体事项 as not imported; 工作任务 | 具体任务 was refused
 * 「表头中“事项”列出现了两次」. Two task columns: the left is the category, the right the item.
 */
const lookupUnit = unitLookupFrom([
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
]);

describe('a task column and an item column side by side', () => {
  it.each(['序号,重点任务,具体事项,牵头单位,完成时限', '序号,工作任务,具体任务,牵头单位,完成时限', '序号,主要任务,具体工作,牵头单位,完成时限'])('%s: the left is the category, the right the item', async (header) => {
    const csv = `${header}\n1,深化五公开,推进决策公开,青川市财政局,2026-06-30\n2,深化五公开,推进执行公开,青川市教育局,2026-06-30\n3,回应关切,做好政策解读,青川市财政局,2026-12-31\n`;
    const result = await importWorkPlan(csv, { format: 'csv', title: '任务与事项', year: 2026, lookupUnit });
    expect(result.ok ? [result.plan.categories.map((category) => [category.title, category.items.map((item) => item.title)]), result.notImported ?? []] : result.problems).toEqual([
      [
        ['深化五公开', ['推进决策公开', '推进执行公开']],
        ['回应关切', ['做好政策解读']],
      ],
      [],
    ]);
  });

  it('with a 类别 column there, two task columns are still refused naming the column', async () => {
    const csv = '类别,工作任务,具体任务,牵头单位,完成时限\n公开,深化五公开,推进决策公开,青川市财政局,2026-06-30\n';
    const result = await importWorkPlan(csv, { format: 'csv', title: '任务与事项', year: 2026, lookupUnit });
    expect(result.ok ? result.plan : result.problems).toContainEqual(
      expect.objectContaining({ row: 1, reasonZh: '表头中“工作任务”和“具体任务”两列都表示“事项”：请只保留一列，或把另一列改为其他表头。' }),
    );
  });

  it('names the two headers of the file that read as one column, never a header the file does not have (breaker10n P8)', async () => {
    const csv = '序号,工作任务,具体内容,工作要求,牵头单位,完成时限\n1,推进决策公开,公开目录,按季度更新,青川市财政局,2026-06-30\n';
    const result = await importWorkPlan(csv, { format: 'csv', title: '任务与事项', year: 2026, lookupUnit });
    expect(result.ok ? result.plan : result.problems).toContainEqual(expect.objectContaining({ row: 1, reasonZh: expect.stringContaining('表头中“具体内容”和“工作要求”两列都表示') }));
  });
});
