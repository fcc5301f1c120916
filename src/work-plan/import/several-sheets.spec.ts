import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importFindings } from '../../rectification/import-findings/findings-file.js';
import { importRefused } from '../../spreadsheet/import-refusal.js';
import { importWorkPlan } from './work-plan-import.js';
import { inToolWords } from '../../cli/tool-words.js';

/*
 * Workbooks whose tasks are spread over several visible sheets (breaker10 F33: each 大项 on its
 * own sheet, a 台账 per unit) and workbooks that open on a cover sheet (F21). Every sheet holding
 * a task table is read; a sheet that holds none is named in a notice, never skipped unsaid.
 */

const directory = unitLookupFrom([
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
]);

async function workbook(sheets: readonly { name: string; rows: readonly (readonly unknown[])[]; hidden?: boolean }[]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  for (const { name, rows, hidden } of sheets) {
    const sheet = book.addWorksheet(name, hidden ? { state: 'hidden' } : {});
    for (const row of rows) sheet.addRow([...row]);
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** breaker10's plan7.xlsx: two visible sheets, the same header, three items each. */
const twoCategorySheets = (withCategoryColumn: boolean) =>
  workbook(
    [
      ['一、决策公开', '决策公开'],
      ['二、政策解读', '政策解读'],
    ].map(([name, category]) => ({
      name: name!,
      rows: [
        [...(withCategoryColumn ? ['类别'] : []), '编号', '事项', '牵头单位', '完成时限'],
        ...[1, 2, 3].map((number) => [...(withCategoryColumn ? [category] : []), `${name![0]}-${number}`, `${category}事项${number}`, '青川市财政局', '2026-12-31']),
      ],
    })),
  );

const itemsOf = (result: Awaited<ReturnType<typeof importWorkPlan>>) =>
  result.ok ? result.plan.categories.map((category) => `${category.code} ${category.title}: ${category.items.map((item) => item.code).join(' ')}`) : result.problems;

describe('a plan with its tasks on several sheets (breaker10 F33)', () => {
  it('reads every sheet that holds a task table, and says which it read', async () => {
    const result = await importWorkPlan(await twoCategorySheets(true), { format: 'xlsx', title: '2026年任务', lookupUnit: directory });
    expect(itemsOf(result)).toEqual(['决策公开 决策公开: 一-1 一-2 一-3', '政策解读 政策解读: 二-1 二-2 二-3']);
    expect(result).toMatchObject({
      ok: true,
      notices: [{ row: null, reason: 'Read 2 sheets: "一、决策公开", "二、政策解读".', reasonZh: '已读取 2 个工作表：“一、决策公开”“二、政策解读”。' }],
    });
  });

  it('takes each sheet as a category, named by the sheet, when the sheets have no 类别 column; numbering restarted per sheet is qualified', async () => {
    const content = await workbook(
      ['一、决策公开', '二、政策解读'].map((name) => ({
        name,
        rows: [
          ['序号', '工作任务', '牵头单位', '完成时限'],
          [1, `${name}甲`, '青川市财政局', '2026-12-31'],
          [2, `${name}乙`, '青川市教育局', '2026-12-31'],
        ],
      })),
    );
    const result = await importWorkPlan(content, { format: 'xlsx', title: '2026年任务', lookupUnit: directory });
    expect(itemsOf(result)).toEqual(['一 决策公开: 一.1 一.2', '二 政策解读: 二.1 二.2']);
  });

  it('names the sheet of every problem, in the refusal and its Chinese message', async () => {
    const content = await workbook([
      { name: '一、决策公开', rows: [['编号', '事项', '牵头单位', '完成时限'], ['1', '甲', '青川市财政局', '2026-12-31']] },
      { name: '二、政策解读', rows: [['编号', '事项', '牵头单位', '完成时限'], ['2', '乙', '青川市不存在局', '2026-12-31']] },
    ]);
    const result = await importWorkPlan(content, { format: 'xlsx', title: '2026年任务', lookupUnit: directory });
    expect(result).toMatchObject({ ok: false, problems: [{ row: 2, sheet: '二、政策解读', reasonZh: expect.stringContaining('青川市不存在局') }] });
    const refusal = importRefused('plan.xlsx', 'xlsx', result.ok ? [] : result.problems);
    expect(refusal.messageZh).toContain('工作表“二、政策解读”第 2 行');
    expect(refusal.details).toMatchObject({ problems: [{ row: 2, sheet: '二、政策解读' }] });
  });

  it('reads only the sheet named, when one is', async () => {
    const result = await importWorkPlan(await twoCategorySheets(true), { format: 'xlsx', sheet: '二、政策解读', title: 'T', lookupUnit: directory });
    expect(itemsOf(result)).toEqual(['政策解读 政策解读: 二-1 二-2 二-3']);
  });

  it('leaves hidden sheets unread, naming those that hold a task table (breaker10c P22)', async () => {
    const content = await workbook([
      { name: '旧版', hidden: true, rows: [['编号', '事项', '牵头单位', '完成时限'], ['9', '旧事项', '青川市财政局', '2025-12-31']] },
      { name: '草稿', hidden: true, rows: [['随手记'], ['无表格']] },
      { name: '任务', rows: [['类别', '编号', '事项', '牵头单位', '完成时限'], ['公开', '1', '甲', '青川市财政局', '2026-12-31']] },
    ]);
    const result = await importWorkPlan(content, { format: 'xlsx', title: 'T', lookupUnit: directory });
    expect(itemsOf(result)).toEqual(['公开 公开: 1']);
    expect(result).toMatchObject({ ok: true, sheet: '任务', hiddenSheets: ['旧版'] });
    expect(result.ok && result.notices?.map((notice) => notice.reasonZh)).toEqual(['隐藏的工作表“旧版”中也有含这些列的表格，未读取；如需导入，请先取消隐藏。']);
  });

  it('reads a hidden sheet when it is named, as the refusal of a table on a hidden sheet tells (newcomer51-10 M8)', async () => {
    const content = await workbook([
      { name: '封面', rows: [['青川市2026年政务公开工作任务分解表']] },
      { name: '任务表', hidden: true, rows: [['序号', '工作任务', '牵头单位', '完成时限'], ['1', '甲', '青川市财政局', '2026-12-31']] },
    ]);
    const unnamed = await importWorkPlan(content, { format: 'xlsx', title: 'T', lookupUnit: directory });
    const refusal = unnamed.ok ? '' : unnamed.problems.map((problem) => problem.reasonZh).join('\n');
    expect(refusal).toContain('或指定要导入的工作表“任务表”（导入页面的“工作表（Excel 文件）”）。');
    expect(inToolWords(refusal)).toContain('或指定要导入的工作表“任务表”（--sheet）。');
    const named = await importWorkPlan(content, { format: 'xlsx', sheet: '任务表', title: 'T', lookupUnit: directory });
    expect(named).toMatchObject({ ok: true, sheet: '任务表' });
    expect(itemsOf(named)).toEqual(['一 未分类: 1']);
  });

  it.each([
    ['目标要求', '6月底前完成方案、9月底前上线', '6月底前'],
    ['工作目标', '年底前实现全覆盖', '年底前'],
    ['阶段目标', '2026年6月底前完成方案', '2026年6月底前'],
  ])('refuses a %s column whose texts set deadlines, as 进度安排 is refused (newcomer51-10 M4)', async (header, text, deadline) => {
    const content = await workbook([{ name: '任务', rows: [['序号', '工作任务', '牵头单位', '完成时限', header], ['1', '测试任务', '青川市财政局', '2026年12月底前', text]] }]);
    const result = await importWorkPlan(content, { format: 'xlsx', title: 'T', lookupUnit: directory });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems.map((problem) => problem.reasonZh)).toEqual([expect.stringContaining(`“${header}”列写的是带时限的目标或要求（如“${text}”中的“${deadline}”），属于时间或措施，但本导入不使用它：`)]);
  });

  it('lists a goal column of words only as not imported, as before', async () => {
    const content = await workbook([{ name: '任务', rows: [['序号', '工作任务', '牵头单位', '完成时限', '工作目标'], ['1', '测试任务', '青川市财政局', '2026年12月底前', '实现全覆盖']] }]);
    const result = await importWorkPlan(content, { format: 'xlsx', title: 'T', lookupUnit: directory });
    expect(result.ok).toBe(true);
  });

  it('keeps the 大项 a sheet\'s name gives when that sheet is read alone: picked, or the others hidden (breaker10c P15, P22)', async () => {
    const sheets = ['一、决策公开', '二、政策解读'].map((name) => ({
      name,
      rows: [['序号', '工作任务', '牵头单位', '完成时限'], [1, `${name}甲`, '青川市财政局', '2026-12-31']],
    }));
    const picked = await importWorkPlan(await workbook(sheets), { format: 'xlsx', sheet: '二、政策解读', title: 'T', lookupUnit: directory });
    expect(itemsOf(picked)).toEqual(['二 政策解读: 1']);
    const hidden = await importWorkPlan(await workbook([sheets[0]!, { ...sheets[1]!, hidden: true }]), { format: 'xlsx', title: 'T', lookupUnit: directory });
    expect(itemsOf(hidden)).toEqual(['一 决策公开: 1']);
    expect(hidden).toMatchObject({ ok: true, hiddenSheets: ['二、政策解读'] });
  });
});

describe('a workbook that opens on a cover sheet (breaker10 F21)', () => {
  const cover = { name: '填表说明', rows: [['填表说明'], ['1. 每项任务填写一行。'], ['2. 完成时限写到日。']] };

  it('reads the task sheet behind it, and names the cover sheet as not read', async () => {
    const content = await workbook([cover, { name: '任务清单', rows: [['类别', '编号', '事项', '牵头单位', '完成时限'], ['公开', '1', '甲', '青川市财政局', '2026-12-31']] }]);
    const result = await importWorkPlan(content, { format: 'xlsx', title: 'T', lookupUnit: directory });
    expect(result).toMatchObject({
      ok: true,
      sheet: '任务清单',
      notices: [{ row: null, reasonZh: '工作表“填表说明”中没有含这些列的表格，未读取。' }],
    });
  });

  it('refuses a workbook with no task table, naming every sheet it looked in', async () => {
    const content = await workbook([cover, { name: '汇总', rows: [['单位', '数量'], ['青川市财政局', 3]] }]);
    const result = await importWorkPlan(content, { format: 'xlsx', title: 'T', lookupUnit: directory });
    expect(result).toMatchObject({ ok: false, problems: [{ row: null, reasonZh: expect.stringMatching(/^工作表“填表说明”“汇总”的前 10 行中都没有找到表头/) }] });
  });
});

describe('a ledger kept one unit per sheet (breaker10 F33)', () => {
  it('records the findings of every sheet', async () => {
    const header = ['序号', '存在问题', '整改措施', '责任单位', '完成时限'];
    const content = await workbook([
      { name: '财政局', rows: [['整改台账'], header, [1, '预算公开不及时', '按时公开', '青川市财政局', '2026-06-30']] },
      { name: '教育局', rows: [['整改台账'], header, [1, '招生信息不全', '补充公开', '青川市教育局', '2026-09-30']] },
    ]);
    const result = await importFindings(content, { format: 'xlsx', lookupUnit: directory });
    expect(result.ok ? result.findings.map((finding) => `${finding.title} ${finding.parts.map((part) => `${part.unit.unitId} ${part.dueDate}`).join()}`) : result.problems).toEqual([
      '预算公开不及时 unit-czj 2026-06-30',
      '招生信息不全 unit-jyj 2026-09-30',
    ]);
  });

  it('reads a 汇总 sheet beside the unit sheets once, and refuses a 汇总 row that differs, naming both sheets (breaker10c P8)', async () => {
    const header = ['序号', '存在问题', '整改措施', '责任单位', '整改时限'];
    const sheets = (educationMeasures: string) => [
      { name: '汇总', rows: [header, [1, 'LS栏目更新慢', '加快更新', '青川市财政局', '2026-06-30'], [2, 'LS解读缺失', '补充解读', '青川市教育局', '2026-09-30']] },
      { name: '财政局', rows: [header, [1, 'LS栏目更新慢', '加快更新', '青川市财政局', '2026-06-30']] },
      { name: '教育局', rows: [header, [1, 'LS解读缺失', educationMeasures, '青川市教育局', '2026-09-30']] },
    ];
    const same = await importFindings(await workbook(sheets('补充解读')), { format: 'xlsx', lookupUnit: directory });
    expect(same.ok ? same.findings.map((finding) => finding.title) : same.problems).toEqual(['LS栏目更新慢', 'LS解读缺失']);
    expect(same.ok && same.notices?.map((notice) => notice.reasonZh)).toEqual(
      expect.arrayContaining(['工作表“汇总”第 2 行与工作表“财政局”第 2 行是同一问题：只导入一次（按“财政局”）。']),
    );
    const differing = await importFindings(await workbook(sheets('补充解读，增加图解')), { format: 'xlsx', lookupUnit: directory });
    expect(differing).toMatchObject({
      ok: false,
      problems: [{ row: 3, sheet: '汇总', reasonZh: '工作表“汇总”第 3 行与工作表“教育局”第 2 行是同一问题“LS解读缺失”，但责任单位、整改时限或整改措施不同：请先使两个工作表一致，再导入。' }],
    });
  });
});
