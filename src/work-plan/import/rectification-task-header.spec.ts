import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * newcomer36 S4 (moderate): a 整改任务分解方案 whose task column is headed 整改任务 was refused 「缺少“事项”列」 — the head
 * of the task column in the very document the 导入 page is for, and a refusal that named neither the column it skipped
 * nor the names it would read. 整改任务 / 整改事项 / 整改项目 are the item; a missing column is refused naming the names
 * it is read under and the header's columns nothing read.
 */
const directory = unitLookupFrom([
  { id: 'unit-fgw', code: 'FGW', name: '青川市发展和改革委员会' },
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
]);
const plan = (csv: string) => importWorkPlan(csv, { format: 'csv', title: '整改任务分解方案', year: 2026, lookupUnit: directory });

describe('a 整改任务分解方案 as offices head it', () => {
  it.each(['整改任务', '整改事项', '整改项目'])('given the task column headed %s, each row is an item', async (header) => {
    const result = await plan(`序号,${header},具体措施,牵头单位,配合单位,完成时限\n1,统一专栏栏目设置,按目录调整栏目,青川市发展和改革委员会,青川市财政局,2026年12月31日\n`);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.plan.categories[0]!.items[0]).toMatchObject({ code: '1', title: '统一专栏栏目设置', measures: '按目录调整栏目' });
  });

  it('given no column read as the item, the refusal names the names it reads and the columns it did not read', async () => {
    const result = await plan('序号,工作名称,牵头单位,完成时限\n1,统一专栏栏目设置,青川市发展和改革委员会,2026年12月31日\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((problem) => problem.reasonZh)).toEqual([
      '缺少“事项”列：表头中没有可读作事项的列（列名可用“事项”“工作事项”“工作任务”“主要任务”“重点任务”“具体任务”等）；本表中未读取的列：“工作名称”。如表中有写事项的列，请把其列名改为其中之一；没有则请增加该列。',
    ]);
    expect(result.problems[0]!.reason).toBe('Missing column 事项 (item): no column of the header is read as it (head it "事项", "工作事项", "工作任务", "主要任务", "重点任务", "具体任务", "item", "title", "item title" …); columns of this header not read: 工作名称. If the file has such a column, give it one of these names; if not, add one.');
  });
});
