import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importFindings } from '../../rectification/import-findings/findings-file.js';
import { workPlanItemDecider } from '../domain/work-plan-item.decider.js';
import { importWorkPlan, workPlanCommands } from './work-plan-import.js';

/*
 * Section rows (大项) as offices write them inside the table (breaker10 F38, F20): the number under
 * 序号 and the name under the task column; or a whole 一、… title with the 大项's lead unit beside
 * it. And a 问题清单 whose only problem column is 问题描述 (F4).
 */

const directory = unitLookupFrom([
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
  { id: 'unit-openness', code: 'OPENNESS', name: '青川市政务公开办公室' },
]);

const outline = (result: Awaited<ReturnType<typeof importWorkPlan>>) =>
  result.ok ? result.plan.categories.map((category) => `${category.code} ${category.title}: ${category.items.map((item) => `${item.code} ${item.title}`).join('; ')}`) : result.problems.map((problem) => `${problem.row} ${problem.reasonZh}`);

describe('a 大项 row in the table\'s own columns (breaker10 F38)', () => {
  it.each([['一'], ['一、'], ['（一）']])('reads 序号 %p with the name under 工作任务 and empty unit and date cells as a section row', async (number) => {
    const csv =
      '序号,工作任务,牵头单位,配合单位,完成时限\n' +
      `${number},深化五公开,,,\n` +
      '1,推进决策公开,青川市财政局,,2026-12-31\n' +
      '2,推进执行公开,青川市教育局,青川市财政局,2026-12-31\n' +
      `${number.replace('一', '二')},政策解读,,,\n` +
      '3,做好政策解读,青川市政务公开办公室,,2026-12-31\n';
    const result = await importWorkPlan(csv, { format: 'csv', title: '2026年任务', lookupUnit: directory });
    expect(outline(result)).toEqual(['一 深化五公开: 1 推进决策公开; 2 推进执行公开', '二 政策解读: 3 做好政策解读']);
  });

  it('still reads an item numbered 一 with a unit or a date as an item, not a section', async () => {
    const csv = '类别,编号,事项,牵头单位,完成时限\n公开,一,推进决策公开,青川市财政局,2026-12-31\n';
    expect(outline(await importWorkPlan(csv, { format: 'csv', title: 'T', lookupUnit: directory }))).toEqual(['公开 公开: 一 推进决策公开']);
  });

  it('reads the same shape in a 整改台账', async () => {
    const csv = '序号,存在问题,责任单位,完成时限\n一,主动公开方面,,\n1,预算公开不及时,青川市财政局,2026-06-30\n二,依申请公开方面,,\n2,答复超期,青川市教育局,2026-09-30\n';
    const result = await importFindings(csv, { format: 'csv', lookupUnit: directory });
    expect(result.ok ? result.findings.map((finding) => `${finding.category} ${finding.title}`) : result.problems).toEqual([
      '主动公开方面 预算公开不及时',
      '依申请公开方面 答复超期',
    ]);
  });
});

describe('a 大项 row that carries the category\'s lead unit (breaker10 F20)', () => {
  it('is a section row; the unit on it is named in a notice, not dropped unsaid', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('任务清单');
    sheet.addRow(['序号', '工作任务', '工作要求', '牵头单位', '责任单位', '完成时限']);
    sheet.addRow(['一、平台建设', null, null, '青川市政务公开办公室', null, null]);
    sheet.addRow(['1', '门户网站改版', '完成改版', '青川市政务公开办公室', '青川市财政局', '2026年6月底前']);
    sheet.addRow(['二、制度建设', null, null, '青川市财政局', null, null]);
    sheet.addRow(['2', '完善发布制度', '印发制度', '青川市财政局', null, '2026年9月底前']);
    const result = await importWorkPlan(new Uint8Array(await book.xlsx.writeBuffer()), { format: 'xlsx', title: 'T', lookupUnit: directory });
    expect(outline(result)).toEqual(['一 平台建设: 1 门户网站改版', '二 制度建设: 2 完善发布制度']);
    expect(result).toMatchObject({
      ok: true,
      notices: [
        { row: 2, reasonZh: '按分节行（一、平台建设）读取；该行的“青川市政务公开办公室”未导入（如需导入，请写在各事项行中）。' },
        { row: 4, reasonZh: '按分节行（二、制度建设）读取；该行的“青川市财政局”未导入（如需导入，请写在各事项行中）。' },
      ],
    });
  });

  it('a numbered category in a 类别 column beside a named item stays an item row', async () => {
    const csv = '类别,编号,事项,牵头单位,完成时限\n一、平台建设,1,门户网站改版,青川市政务公开办公室,2026-12-31\n';
    expect(outline(await importWorkPlan(csv, { format: 'csv', title: 'T', lookupUnit: directory }))).toEqual(['一 平台建设: 1 门户网站改版']);
  });
});

describe('a 问题清单 or 整改台账 whose problem column is 问题描述 (breaker10 F4)', () => {
  it('names each finding by its 问题描述 in a ledger', async () => {
    const csv = '序号,问题描述,整改措施,责任单位,完成时限,整改情况\n1,政府信息公开指南未更新,更新指南,青川市财政局,2026-06-30,\n';
    const result = await importFindings(csv, { format: 'csv', lookupUnit: directory });
    expect(result).toMatchObject({ ok: true, ledger: true, findings: [{ title: '政府信息公开指南未更新', description: '政府信息公开指南未更新', measures: '更新指南' }] });
  });

  it('and in a findings list', async () => {
    const csv = '问题描述,类别,严重程度,涉及单位\n年度报告未按时发布,年度报告,一般,青川市教育局\n';
    const result = await importFindings(csv, { format: 'csv', lookupUnit: directory });
    expect(result).toMatchObject({ ok: true, findings: [{ title: '年度报告未按时发布', description: '年度报告未按时发布', concernedUnits: [{ unitId: 'unit-jyj' }] }] });
  });
});

describe('a two-row header with short sub-headers (breaker10 F35)', () => {
  async function twoRowHeader(lead: string, responsible: string, over = '责任单位'): Promise<Uint8Array> {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('任务清单');
    sheet.addRow(['类别', '编号', '事项', over, over, '完成时限']);
    sheet.addRow(['类别', '编号', '事项', lead, responsible, '完成时限']);
    for (const column of ['A', 'B', 'C', 'F']) sheet.mergeCells(`${column}1:${column}2`);
    sheet.mergeCells('D1:E1');
    sheet.addRow(['公开', '1', '门户网站改版', '青川市政务公开办公室', '青川市财政局、青川市教育局', '2026-06-30']);
    return new Uint8Array(await book.xlsx.writeBuffer());
  }

  it.each([
    ['牵头', '配合', '责任单位'],
    ['牵头', '协办', '责任部门'],
    ['主责', '配合', '责任单位'],
    ['牵头', '配合', '责任处室'],
  ])('reads %p | %p under a merged %p as the lead and the responsible units, never the header as an item', async (lead, responsible, over) => {
    const result = await importWorkPlan(await twoRowHeader(lead, responsible, over), { format: 'xlsx', title: 'T', lookupUnit: directory });
    expect(result).toMatchObject({
      ok: true,
      plan: { categories: [{ items: [{ row: 3, leadUnits: [{ unitId: 'unit-openness' }], responsibleUnits: [{ unitId: 'unit-czj' }, { unitId: 'unit-jyj' }] }] }] },
    });
  });
});

describe('责任处室 / 牵头处室, as provincial offices name their sections (breaker10 F8)', () => {
  it('are unit columns in a plan and in a ledger', async () => {
    const plan = '类别,编号,事项,牵头处室,责任处室,完成时限\n公开,1,甲,青川市财政局,青川市教育局,2026-12-31\n';
    expect(await importWorkPlan(plan, { format: 'csv', title: 'T', lookupUnit: directory })).toMatchObject({
      ok: true,
      plan: { categories: [{ items: [{ leadUnits: [{ unitId: 'unit-czj' }], responsibleUnits: [{ unitId: 'unit-jyj' }] }] }] },
    });
    const ledger = '问题,责任处室,整改时限\n预算公开不及时,青川市财政局,2026-06-30\n';
    expect(await importFindings(ledger, { format: 'csv', lookupUnit: directory })).toMatchObject({ ok: true, findings: [{ parts: [{ unit: { unitId: 'unit-czj' } }] }] });
  });
});

describe('a flat task list, without categories (breaker10 F6)', () => {
  it('puts every item in one category, 一 未分类, and says so once', async () => {
    const csv = [
      '青川市2026年信用信息公开任务分工,,,,,,',
      ',,,,,,',
      '序号,工作任务,具体要求,牵头单位,配合单位,完成时限,备注',
      '1,信用信息归集,按月归集,青川市财政局,青川市教育局,2026/9/30,',
      '2,双公示,7日内公示,青川市教育局,"青川市财政局,青川市政务公开办公室",2026/9/30,',
      ',,,,,,',
      '3,红黑名单,按季度更新,青川市财政局,,2026年三季度,',
    ].join('\r\n');
    const result = await importWorkPlan(csv, { format: 'csv', lookupUnit: directory });
    expect(outline(result)).toEqual(['一 未分类: 1 信用信息归集; 2 双公示; 3 红黑名单']);
    expect(result).toMatchObject({
      ok: true,
      plan: { title: '青川市2026年信用信息公开任务分工', year: 2026 },
      notImported: ['备注'],
      notices: [{ row: null, reasonZh: '文件没有“类别”列，也没有分节行（一、……）：全部事项归入一个类别“一 未分类”。' }],
    });
  });

  it('a refused flat list names each row\'s own problems only, not a missing category on every row', async () => {
    const csv = '序号,工作任务,牵头单位,完成时限\n1,信用信息归集,青川市不存在局,2026-09-30\n2,双公示,青川市财政局,2026-09-30\n';
    const result = await importWorkPlan(csv, { format: 'csv', title: 'T', lookupUnit: directory });
    expect(result.ok ? [] : result.problems.map((problem) => `${problem.row} ${problem.reasonZh}`)).toEqual([
      expect.stringMatching(/^2 牵头单位“青川市不存在局”不在单位名录中/),
    ]);
  });
});

describe('one item over two rows, each with its own unit and deadline (breaker10 F19)', () => {
  /** breaker10's plan4b.xlsx: 序号, 工作任务, 具体要求 and 牵头单位 merged down rows 3–4. */
  async function itemOverTwoRows(): Promise<Uint8Array> {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('任务清单');
    sheet.addRow(['序号', '工作任务', '具体要求', '牵头单位', '责任单位', '完成时限']);
    sheet.addRow(['一、平台建设']);
    sheet.addRow(['1', '门户网站改版', '完成改版', '青川市政务公开办公室', '青川市财政局', '2026年6月底前']);
    sheet.addRow(['', '', '', '', '青川市教育局', '2026年9月底前']);
    sheet.addRow(['2', '新媒体整合', '整合', '青川市政务公开办公室', '青川市财政局', '2026年10月底前']);
    for (const column of ['A', 'B', 'C', 'D']) sheet.mergeCells(`${column}3:${column}4`);
    return new Uint8Array(await book.xlsx.writeBuffer());
  }

  // The lead's cell merged over row 4 names it there too: it leads that row's work, due on its last row's date (breaker10q P7).
  it('is one item: the continuing row\'s unit gets a part due on that row\'s date, and the lead merged over it is due on it too', async () => {
    const result = await importWorkPlan(await itemOverTwoRows(), { format: 'xlsx', title: 'T', lookupUnit: directory });
    expect(outline(result)).toEqual(['一 平台建设: 1 门户网站改版; 2 新媒体整合']);
    const [item] = result.ok ? result.plan.categories[0]!.items : [];
    expect(item).toMatchObject({
      dueDate: '2026-09-30',
      leadUnits: [{ unitId: 'unit-openness' }],
      responsibleUnits: [{ unitId: 'unit-czj' }, { unitId: 'unit-jyj' }],
      partDueDates: { 'unit-czj': { dueDate: '2026-06-30' }, 'unit-jyj': { dueDate: '2026-09-30' } },
    });
    expect(result.ok && (result.notices ?? []).map((notice) => notice.reasonZh)).toContain(
      '事项 1（第 3 行）的牵头单位在第 4 行也有列名：牵头单位和该事项按其最后一行的时限 2026-09-30 计（第 3 行的 2026-06-30 仍是该行所列单位的时限）。',
    );

    const { defineItems } = workPlanCommands(result.ok ? result.plan : (undefined as never), { fileName: 'plan4b.xlsx', sha256: 'x' }, { id: 'cli', role: 'SYSTEM', unitId: null }, {
      today: '2026-03-01',
      approvedOn: '2026-02-20',
      assignedOn: '2026-02-20',
    });
    const events = workPlanItemDecider.decide(
      { ...defineItems[0]!, planExists: true, planApprovedOn: '2026-02-20', unknownUnitIds: [] },
      workPlanItemDecider.initialState(),
    );
    expect(events.filter((event) => event.type === 'UnitAssigned').map((event) => [(event.data as { unitId: string }).unitId, (event.data as { dueDate: string }).dueDate])).toEqual([
      ['unit-openness', '2026-09-30'],
      ['unit-czj', '2026-06-30'],
      ['unit-jyj', '2026-09-30'],
    ]);
  });

  it('breaker10q L2-merged-seq-ok.xlsx: the lead merged over the June row is due 06-30, the March row\'s 发改委 03-31', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('任务');
    sheet.addRow(['青川市2026年政务公开重点任务清单']);
    sheet.addRow(['序号', '工作任务', '具体措施', '牵头单位', '配合单位', '完成时限']);
    sheet.addRow(['1', '推进决策公开', '编制决策事项目录', '青川市政务公开办公室', '青川市教育局', '2026年3月底前']);
    sheet.addRow(['', '', '公开征求意见', '', '青川市财政局', '2026年6月底前']);
    sheet.addRow(['2', '推进执行公开', '按季度公开进展', '青川市财政局', '', '2026年9月底前']);
    for (const column of ['A', 'B', 'D']) sheet.mergeCells(`${column}3:${column}4`);
    const result = await importWorkPlan(new Uint8Array(await book.xlsx.writeBuffer()), { format: 'xlsx', title: 'T', lookupUnit: directory });
    const [item] = result.ok ? result.plan.categories[0]!.items : [];
    expect(item).toMatchObject({
      measures: '编制决策事项目录\n公开征求意见',
      dueDate: '2026-06-30',
      partDueDates: { 'unit-jyj': { dueDate: '2026-03-31' }, 'unit-czj': { dueDate: '2026-06-30' } },
    });
    // Not merged (the lead's cell blank on the second row, as in CSV): the lead is due on its own row's date, as before.
    const csv = '序号,工作任务,牵头单位,配合单位,完成时限\n1,推进决策公开,青川市政务公开办公室,青川市教育局,2026-03-31\n,,,青川市财政局,2026-06-30\n';
    const fromCsv = await importWorkPlan(csv, { format: 'csv', title: 'T', lookupUnit: directory });
    expect(fromCsv.ok && fromCsv.plan.categories[0]!.items[0]).toMatchObject({ dueDate: '2026-03-31', partDueDates: { 'unit-czj': { dueDate: '2026-06-30' } } });
  });

  it('in CSV, a row with blank 序号 and 事项 but units continues the item above', async () => {
    const csv = '类别,编号,事项,牵头单位,责任单位,完成时限\n公开,1,门户网站改版,青川市政务公开办公室,青川市财政局,2026-06-30\n,,,,青川市教育局,\n';
    const result = await importWorkPlan(csv, { format: 'csv', title: 'T', lookupUnit: directory });
    expect(result).toMatchObject({ ok: true, plan: { categories: [{ items: [{ code: '1', responsibleUnits: [{ unitId: 'unit-czj' }, { unitId: 'unit-jyj' }] }] }] } });
    expect(result.ok && result.plan.categories[0]!.items[0]!.partDueDates).toBeUndefined();
  });

  it('refuses a continuing row that names another lead unit', async () => {
    const csv = '类别,编号,事项,牵头单位,责任单位,完成时限\n公开,1,门户网站改版,青川市政务公开办公室,青川市财政局,2026-06-30\n公开,1,门户网站改版,青川市教育局,,2026-09-30\n';
    const result = await importWorkPlan(csv, { format: 'csv', title: 'T', lookupUnit: directory });
    expect(result.ok ? [] : result.problems.map((problem) => `${problem.row} ${problem.reasonZh}`)).toEqual([
      '3 本行续写第 2 行的事项 1，但牵头单位不同（青川市教育局）：事项的牵头单位须写在其第一行。',
    ]);
  });
});

describe('a totals row below the items (breaker10 F32)', () => {
  it.each([['合计,,共3项,,'], ['小计：3项,,,,'], ['共3项,,,,']])('%p is skipped, with a notice', async (totals) => {
    const csv = `类别,编号,事项,牵头单位,完成时限\n公开,1,甲,青川市财政局,2026-12-31\n${totals}\n`;
    const result = await importWorkPlan(csv, { format: 'csv', title: 'T', lookupUnit: directory });
    expect(result).toMatchObject({ ok: true, notices: [{ row: 3, reasonZh: expect.stringMatching(/^已跳过合计行：/) }] });
    expect(outline(result)).toEqual(['公开 公开: 1 甲']);
  });
});

describe('a problem or task that begins with 共计 / 小计 / 合计 / 总计 is no totals row (breaker10r P13)', () => {
  it('reads a plan\'s tasks 小计量器具… and 合计划生育… with their units and deadlines (H/FN1.csv); 合计：3项 below is still skipped', async () => {
    const csv =
      '工作任务,序号,牵头单位,完成时限\n注重政策解读质量,1,青川市政务公开办公室,2026年6月底前\n小计量器具检定信息公开,2,青川市财政局,2026年9月底前\n' +
      '合计划生育服务公开,3,青川市教育局,2026年10月底前\n总计划执行情况公开,4,青川市教育局,2026年10月底前\n合计：4项,,,\n';
    const result = await importWorkPlan(csv, { format: 'csv', title: 'T', lookupUnit: directory });
    expect(result.ok ? result.plan.categories.flatMap((category) => category.items.map((item) => item.title)) : result.problems).toEqual([
      '注重政策解读质量', '小计量器具检定信息公开', '合计划生育服务公开', '总计划执行情况公开',
    ]);
    expect(result.ok && result.notices?.map((notice) => `${notice.row} ${notice.reasonZh}`)).toContainEqual('6 已跳过合计行：合计：4项');
  });

  it('reads a ledger\'s problems 共计12条… and 小计量器具… (L3-ledger-totals-words.csv)', async () => {
    const csv =
      '问题,具体表现,类别,严重程度,牵头单位,配合单位,整改时限\n门户网站存在错链,首页3处链接失效,主动公开,一般,青川市教育局,,2026年3月底前\n' +
      '共计12条政策文件未配发解读材料,抽查发现共计12条未配发解读,政策解读,较重,青川市政务公开办公室,青川市财政局,2026年6月底前\n' +
      '小计量器具检定结果未公开,计量检定结果未按规定公开,主动公开,一般,青川市财政局,,2026年6月底前\n合计,,,,,,\n';
    const result = await importFindings(csv, { format: 'csv', lookupUnit: directory, today: '2026-01-20' });
    expect(result.ok ? result.findings.map((finding) => finding.title) : result.problems).toEqual(['门户网站存在错链', '共计12条政策文件未配发解读材料', '小计量器具检定结果未公开']);
  });
});

describe('a change mark in a title naming another deadline than the row\'s (breaker10r P18, H/TM1.csv)', () => {
  it('refuses （调整时限至12月）, （时限调整为2026年10月底）, （调整至第四季度） beside an older 完成时限, naming both; a mark agreeing with it is told as before', async () => {
    const csv =
      '序号,工作任务,牵头单位,完成时限\n1,推进预算公开（调整时限至12月）,青川市财政局,2026年6月底前\n2,推进决算公开（时限调整为2026年10月底）,青川市财政局,2026年6月底前\n' +
      '3,推进执行公开（调整至第四季度）,青川市教育局,2026年9月底前\n4,推进采购公开（调整时限至9月底）,青川市教育局,2026年9月底前\n';
    const result = await importWorkPlan(csv, { format: 'csv', title: 'T', lookupUnit: directory });
    expect(result.ok ? result.plan : result.problems.map((problem) => `${problem.row} ${problem.reasonZh}`)).toEqual([
      '2 事项标题中的“（调整时限至12月）”写有时限（12月），与完成时限“2026年6月底前”不一致：请把现行的时限写在完成时限中，并删去标题中的该标记。',
      '3 事项标题中的“（时限调整为2026年10月底）”写有时限（2026年10月底），与完成时限“2026年6月底前”不一致：请把现行的时限写在完成时限中，并删去标题中的该标记。',
      '4 事项标题中的“（调整至第四季度）”写有时限（第四季度），与完成时限“2026年9月底前”不一致：请把现行的时限写在完成时限中，并删去标题中的该标记。',
    ]);
    const agreeing = await importWorkPlan('序号,工作任务,牵头单位,完成时限\n1,推进采购公开（调整时限至9月底）,青川市教育局,2026年9月底前\n', { format: 'csv', title: 'T', lookupUnit: directory });
    expect(agreeing.ok && agreeing.plan.categories[0]!.items.map((item) => [item.title, item.dueDate])).toEqual([['推进采购公开', '2026-09-30']]);
  });
});

describe('the lead unit listed again under 责任单位 (breaker10 F16)', () => {
  it('leads, with one part, and a notice says so; another of its names is the lead too', async () => {
    const csv = '类别,编号,事项,牵头单位,责任单位,完成时限\n公开,1,甲,青川市财政局,"青川市财政局、市财政局、青川市教育局",2026-12-31\n';
    const result = await importWorkPlan(csv, { format: 'csv', title: 'T', lookupUnit: directory });
    expect(result).toMatchObject({
      ok: true,
      plan: { categories: [{ items: [{ leadUnits: [{ unitId: 'unit-czj' }], responsibleUnits: [{ unitId: 'unit-jyj' }] }] }] },
      notices: [
        { row: 2, reasonZh: '“青川市财政局”是牵头单位，又列在责任单位中：按牵头单位计，只交办一次。' },
        { row: 2, reasonZh: '“市财政局”即牵头单位“青川市财政局”，又列在责任单位中：按牵头单位计，只交办一次。' },
      ],
    });
  });

  it('the lead written with its mark (「青川市财政局（牵头）」) and plainly under 配合单位: one part, and a notice naming both writings (breaker50-10 M4)', async () => {
    const csv = '类别,编号,事项,牵头单位,配合单位,完成时限\n公开,5,事项五,青川市财政局（牵头）,青川市财政局,2026-10-31\n';
    const result = await importWorkPlan(csv, { format: 'csv', title: 'T', year: 2026, lookupUnit: directory });
    expect(result).toMatchObject({
      ok: true,
      plan: { categories: [{ items: [{ leadUnits: [{ unitId: 'unit-czj' }], responsibleUnits: [] }] }] },
      notices: [{ row: 2, reasonZh: '“青川市财政局”即牵头单位“青川市财政局（牵头）”，又列在责任单位中：按牵头单位计，只交办一次。' }],
    });
  });
});
