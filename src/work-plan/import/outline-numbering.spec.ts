import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * breaker10q P3 (G-circled-subitems.xlsx): the usual outline 一 / （一） / 1. / ① refused as duplicate codes — ① read as item 1
 * again, and numbering that starts again under the second （二） of the same 一 not qualified by it. Now ① (and （1）, 1）) under
 * an item numbers its sub-items, 1.1, 1.2; numbering restarting under each （一） makes codes 一.（一）.1, 一.（二）.1.
 * breaker10q P21 (AK-seq-forms.xlsx): section rows numbered Ⅰ、 Ⅱ、 (and 壹、) were read as items — three refusals each.
 * breaker10q P7, L-merged-seq.xlsx: one 序号 merged over two different tasks was refused as a repeated number.
 */
const lookupUnit = unitLookupFrom([
  { id: 'unit-gov', code: 'GOV', name: '青川市人民政府办公室' },
  { id: 'unit-fgw', code: 'FGW', name: '青川市发展和改革委员会' },
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  { id: 'unit-mzj', code: 'MZJ', name: '青川市民政局' },
]);

async function book(rows: readonly (readonly (string | number | null)[])[], merges: readonly string[] = []): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('任务');
  for (const row of rows) sheet.addRow([...row]);
  for (const range of merges) sheet.mergeCells(range);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const outline = (result: Awaited<ReturnType<typeof importWorkPlan>>) =>
  result.ok ? result.plan.categories.map((category) => [category.code, category.title, category.items.map((item) => `${item.code} ${item.title}`)]) : result.problems.map((problem) => `${problem.row} ${problem.reasonZh}`);

describe('outline numbering 一 / （一） / 1. / ① (breaker10q P3)', () => {
  it('G-circled-subitems.xlsx: ① ② under 1. are its sub-items 1.1, 1.2; 1. again under （二） is 一.（二）.1', async () => {
    const content = await book([
      ['青川市2026年政务公开工作任务清单'],
      ['序号', '工作任务', '具体要求', '牵头单位', '配合单位', '完成时限'],
      ['一', '深化决策公开'],
      ['（一）', '重大决策预公开'],
      ['1.', '公布决策事项目录', '年初公布', '青川市人民政府办公室', '青川市发展和改革委员会', '2026年3月31日前'],
      ['①', '细化目录', '', '青川市发展和改革委员会', '', '2026年3月31日前'],
      ['②', '征求意见', '', '青川市财政局', '', '2026年6月底前'],
      ['2.', '公开征求意见', '', '青川市人民政府办公室', '', '2026年6月底前'],
      ['（二）', '决策执行公开'],
      ['1.', '公开执行进度', '', '青川市发展和改革委员会', '', '每季度'],
    ]);
    const result = await importWorkPlan(content, { format: 'xlsx', title: '2026年任务清单', lookupUnit });
    expect(outline(result)).toEqual([['一', '深化决策公开', ['一.（一）.1 公布决策事项目录', '一.（一）.1.1 细化目录', '一.（一）.1.2 征求意见', '一.（一）.2 公开征求意见', '一.（二）.1 公开执行进度']]]);
    expect(result.ok && result.plan.categories[0]!.items[2]).toMatchObject({ leadUnits: [{ unitId: 'unit-czj' }], dueDate: '2026-06-30' });
    expect(result.ok && (result.notices ?? []).map((notice) => notice.reasonZh)).toEqual(
      expect.arrayContaining([
        '事项下以另一种形式编号的序号（如“①”）是该事项的子项：各按一项事项导入，编号为“上级序号.子序号”（如 1.1）。',
        '序号在每个小节（（一）、（二）……）内重新编号：各事项按“类别.（小节）.序号”编号（一.（一）.1、一.（二）.1……）。',
      ]),
    );
  });

  it('（1） and 1） under an item are sub-items too; a second 1. after them is back at the top', async () => {
    const csv =
      '序号,工作任务,牵头单位,完成时限\n一、平台建设,,,\n1.,整合专栏,青川市财政局,2026-06-30\n（1）,专栏一,青川市财政局,2026-06-30\n（2）,专栏二,青川市财政局,2026-06-30\n2.,规范申请,青川市民政局,2026-09-30\n1）,申请表,青川市民政局,2026-09-30\n3.,年报,青川市民政局,2026-09-30\n';
    const result = await importWorkPlan(csv, { format: 'csv', title: '2026年任务', lookupUnit });
    expect(outline(result)).toEqual([['一', '平台建设', ['1 整合专栏', '1.1 专栏一', '1.2 专栏二', '2 规范申请', '2.1 申请表', '3 年报']]]);
  });

  it('numbers written in one form throughout stay items, and a mix of forms from 1 on is still one list', async () => {
    const circled = '序号,工作任务,牵头单位,完成时限\n①,甲,青川市财政局,2026-06-30\n②,乙,青川市财政局,2026-06-30\n';
    expect(outline(await importWorkPlan(circled, { format: 'csv', title: '2026年任务', lookupUnit }))).toEqual([['一', '未分类', ['1 甲', '2 乙']]]);
    const mixed = '类别,序号,事项,牵头单位,完成时限\n稳增长,1.,甲,青川市财政局,2026-12-31\n稳增长,2、,乙,青川市财政局,2026-12-31\n稳增长,（3）,丙,青川市财政局,2026-12-31\n';
    expect(outline(await importWorkPlan(mixed, { format: 'csv', title: '2026年任务', lookupUnit })).flat(2)).toEqual(expect.arrayContaining(['1 甲', '2 乙', '3 丙']));
  });

  it('still refuses a number used twice under one section', async () => {
    const csv = '序号,工作任务,牵头单位,完成时限\n一、平台建设,,,\n（一）专栏,,,\n1.,甲,青川市财政局,2026-06-30\n1.,乙,青川市财政局,2026-06-30\n（二）申请,,,\n1.,丙,青川市财政局,2026-06-30\n';
    expect(outline(await importWorkPlan(csv, { format: 'csv', title: '2026年任务', lookupUnit }))).toEqual(['5 事项编号 1 重复：第 4 行已使用。', '7 事项编号 1 重复：第 4 行已使用。']);
  });
});

describe('section rows numbered Ⅰ、 Ⅱ、 or 壹、 (breaker10q P21)', () => {
  it('AK-seq-forms.xlsx: Ⅰ、决策公开 and Ⅱ、执行公开 are categories; ⑴ ⑵ and 1） 2) their items', async () => {
    const content = await book([
      ['序号', '工作任务', '牵头单位', '完成时限'],
      ['Ⅰ、决策公开'],
      ['⑴', '公布目录', '青川市人民政府办公室', '2026年6月底前'],
      ['⑵', '征求意见', '青川市财政局', '2026年6月底前'],
      ['Ⅱ、执行公开'],
      ['1）', '公开进度', '青川市民政局', '2026年9月底前'],
      ['2)', '公开结果', '青川市民政局', '2026年9月底前'],
    ]);
    const result = await importWorkPlan(content, { format: 'xlsx', title: '2026年任务', lookupUnit });
    expect(outline(result)).toEqual([
      ['Ⅰ', '决策公开', ['Ⅰ.1 公布目录', 'Ⅰ.2 征求意见']],
      ['Ⅱ', '执行公开', ['Ⅱ.1 公开进度', 'Ⅱ.2 公开结果']],
    ]);
  });

  it('壹、 and II、 read alike, as does the number alone under 序号 with the name beside it', async () => {
    const csv = '序号,工作任务,牵头单位,完成时限\n壹、决策公开,,,\n1,甲,青川市财政局,2026-06-30\nII,执行公开,,\n2,乙,青川市财政局,2026-06-30\n';
    expect(outline(await importWorkPlan(csv, { format: 'csv', title: '2026年任务', lookupUnit }))).toEqual([
      ['壹', '决策公开', ['1 甲']],
      ['II', '执行公开', ['2 乙']],
    ]);
  });
});

describe('one 序号 merged over two different tasks (breaker10q L-merged-seq.xlsx)', () => {
  it('is refused saying the number is merged over two tasks, not that it is repeated', async () => {
    const content = await book(
      [
        ['序号', '工作任务', '具体措施', '牵头单位', '配合单位', '完成时限'],
        [2, '推进执行公开', '按季度公开进展', '青川市发展和改革委员会', '', '每季度'],
        [3, '推进管理公开', '公开权责清单', '青川市人民政府办公室', '', '2026年6月底前'],
        [null, '推进服务公开', '公开办事指南', '青川市民政局', '', '2026年9月底前'],
      ],
      ['A3:A4'],
    );
    const result = await importWorkPlan(content, { format: 'xlsx', title: '2026年任务', lookupUnit });
    expect(outline(result)).toEqual([
      '4 序号“3”与第 3 行合并为一格，但两行的工作任务不同（“推进服务公开”“推进管理公开”）：一个序号只对应一项工作任务。请取消合并，给本行写上自己的序号；如两行是同一任务的两项措施，请把工作任务单元格也合并。',
    ]);
  });
});
