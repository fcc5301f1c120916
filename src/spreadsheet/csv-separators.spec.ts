import { unitLookupFrom } from '../organization/units/unit-lookup.js';
import { importWorkPlan } from '../work-plan/import/work-plan-import.js';

/*
 * breaker10q P19: AG2-utf8-tab.csv (Excel's 「文本文件(制表符分隔)」 renamed .csv, or pasted from a web table) and AG3-gbk-semicolon.csv
 * were refused 「前 10 行中没有找到表头」 though the header was there. A file with no comma in its first lines is read by its tabs or
 * semicolons; a comma file keeps its tabs and semicolons in its cells.
 */
const lookupUnit = unitLookupFrom([
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
]);

const items = async (csv: string) => {
  const result = await importWorkPlan(csv, { format: 'csv', title: '2026年任务', lookupUnit });
  return result.ok ? result.plan.categories[0]!.items.map((item) => [item.title, item.leadUnits[0]!.unitId, item.responsibleUnits.map((unit) => unit.unitId), item.dueDate]) : result.problems.map((problem) => problem.reasonZh);
};

describe('CSV cells separated by tabs or semicolons (breaker10q P19)', () => {
  it('reads a tab-separated file', async () => {
    expect(await items('青川市2026年任务\n序号\t工作任务\t牵头单位\t配合单位\t完成时限\n1\t推进决策公开\t青川市财政局\t青川市教育局\t2026年6月底前\n')).toEqual([['推进决策公开', 'unit-czj', ['unit-jyj'], '2026-06-30']]);
  });

  it('reads a semicolon-separated file, quoted cells and all', async () => {
    expect(await items('序号;工作任务;牵头单位;配合单位;完成时限\n1;"推进决策公开;政策解读";青川市财政局;青川市教育局;2026-06-30\n')).toEqual([['推进决策公开;政策解读', 'unit-czj', ['unit-jyj'], '2026-06-30']]);
  });

  it('keeps a semicolon inside a comma file\'s cell', async () => {
    expect(await items('序号,工作任务,牵头单位,配合单位,完成时限\n1,推进决策公开;政策解读,青川市财政局,青川市教育局,2026-06-30\n')).toEqual([['推进决策公开;政策解读', 'unit-czj', ['unit-jyj'], '2026-06-30']]);
  });
});

describe("Excel's separator line sep=… opening a CSV file (breaker46-10 M2)", () => {
  const title = async (csv: string) => {
    const result = await importWorkPlan(csv, { format: 'csv', lookupUnit });
    return result.ok ? result.plan.title : result.problems.map((problem) => problem.reasonZh);
  };

  it('is the separator line, never the title: the file is read from the line after it', async () => {
    expect(await items('sep=,\r\n序号,工作任务,牵头单位,配合单位,完成时限\r\n1,推进决策公开,青川市财政局,青川市教育局,2026年6月底前\r\n')).toEqual([['推进决策公开', 'unit-czj', ['unit-jyj'], '2026-06-30']]);
    expect(await title('\uFEFFsep=,\r\n青川市2026年任务\r\n序号,工作任务,牵头单位,配合单位,完成时限\r\n1,推进决策公开,青川市财政局,青川市教育局,2026年6月底前\r\n')).toBe('青川市2026年任务');
  });

  it('gives the separator: sep=; reads a semicolon file whose cells hold commas', async () => {
    expect(await items('sep=;\n序号;工作任务;牵头单位;配合单位;完成时限\n1;推进决策公开,政策解读;青川市财政局;青川市教育局;2026-06-30\n')).toEqual([['推进决策公开,政策解读', 'unit-czj', ['unit-jyj'], '2026-06-30']]);
  });
});
