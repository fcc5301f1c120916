import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importFindings } from '../../rectification/import-findings/findings-file.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * P5: second-level headings 「（一）…」 inside a 大项 were dropped without a word — the rows below them filed under the 大项, the
 * heading gone from the import's summary. A plan keeps its 大项 as categories, so each such heading is told: where its rows went.
 * With no first level above it, a （一） heading is the category itself.
 */

const lookupUnit = unitLookupFrom([{ id: 'unit-czj', code: 'CZJ', name: '青川市财政局' }]);
const TITLE = '青川市2026年政务公开任务分工';

const outline = (result: Awaited<ReturnType<typeof importWorkPlan>>) =>
  result.ok ? result.plan.categories.map((category) => `${category.code} ${category.title}: ${category.items.map((item) => item.code).join(' ')}`) : result.problems.map((problem) => `${problem.row} ${problem.reasonZh}`);
const told = (result: { readonly notices?: readonly { readonly row: number | null; readonly reasonZh: string }[] }) =>
  (result.notices ?? []).filter((notice) => notice.reasonZh.startsWith('二级标题')).map((notice) => `${notice.row} ${notice.reasonZh}`);

describe('second-level headings (（一）…) under a 大项 (P5)', () => {
  it('each heading is told in the summary, its rows under the 大项', async () => {
    const csv =
      '序号,工作任务,牵头单位,完成时限\n' +
      '一、深化决策公开,,,\n' +
      '（一）推进决策预公开,,,\n' +
      '1,公开重大决策事项目录,青川市财政局,2026-12-31\n' +
      '（二）加强政策解读,,,\n' +
      '2,做好政策解读,青川市财政局,2026-12-31\n' +
      '二、推进平台建设,,,\n' +
      '3,门户网站改版,青川市财政局,2026-12-31\n';
    const result = await importWorkPlan(csv, { format: 'csv', title: TITLE, lookupUnit });
    expect(outline(result)).toEqual(['一 深化决策公开: 1 2', '二 推进平台建设: 3']);
    expect(result.ok && told(result)).toEqual([
      '3 二级标题“（一）推进决策预公开”在“一、深化决策公开”之下：其下各行归入“一、深化决策公开”，二级标题本身不作为类别导入。',
      '5 二级标题“（二）加强政策解读”在“一、深化决策公开”之下：其下各行归入“一、深化决策公开”，二级标题本身不作为类别导入。',
    ]);
  });

  it('a heading written in the columns — （一） under 序号, its name merged across the row — is told the same, and numbering restarting under it keeps it in the codes', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('任务分工');
    sheet.addRow(['序号', '工作任务', '牵头单位', '完成时限']);
    sheet.addRow(['一', '深化决策公开', null, null]);
    sheet.addRow(['（一）', '推进决策预公开', null, null]);
    sheet.addRow(['1', '公开重大决策事项目录', '青川市财政局', '2026年12月31日']);
    sheet.addRow(['（二）', '加强政策解读', null, null]);
    sheet.addRow(['1', '做好政策解读', '青川市财政局', '2026年12月31日']);
    for (const range of ['B2:D2', 'B3:D3', 'B5:D5']) sheet.mergeCells(range);
    const result = await importWorkPlan(new Uint8Array(await workbook.xlsx.writeBuffer()), { format: 'xlsx', title: TITLE, lookupUnit });
    expect(outline(result)).toEqual(['一 深化决策公开: 一.（一）.1 一.（二）.1']);
    expect(result.ok && told(result)).toEqual([
      '3 二级标题“（一）推进决策预公开”在“一、深化决策公开”之下：其下各行归入“一、深化决策公开”，二级标题本身不作为类别导入。',
      '5 二级标题“（二）加强政策解读”在“一、深化决策公开”之下：其下各行归入“一、深化决策公开”，二级标题本身不作为类别导入。',
    ]);
  });

  it('with no first level above them, the （一） headings are the categories', async () => {
    const csv = '序号,工作任务,牵头单位,完成时限\n（一）推进决策预公开,,,\n1,公开重大决策事项目录,青川市财政局,2026-12-31\n（二）加强政策解读,,,\n2,做好政策解读,青川市财政局,2026-12-31\n';
    const result = await importWorkPlan(csv, { format: 'csv', title: TITLE, lookupUnit });
    expect(outline(result)).toEqual(['一 推进决策预公开: 1', '二 加强政策解读: 2']);
    expect(result.ok && told(result)).toEqual([]);
  });

  it('a 台账: the heading is told, its findings in the first level\'s category', async () => {
    const csv = '序号,存在问题,责任单位,整改时限\n一、主动公开方面,,,\n（一）预决算公开,,,\n1,预算公开不及时,青川市财政局,2026-06-30\n';
    const result = await importFindings(csv, { format: 'csv', lookupUnit, today: '2026-03-01' });
    expect(result.ok && result.findings.map((finding) => `${finding.category} ${finding.title}`)).toEqual(['主动公开方面 预算公开不及时']);
    expect(result.ok && told(result)).toEqual(['3 二级标题“（一）预决算公开”在“一、主动公开方面”之下：其下各行归入“一、主动公开方面”，二级标题本身不作为类别导入。']);
  });
});
