import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importFindings } from '../../rectification/import-findings/findings-file.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * Task lists in the layouts offices publish (issue 10): faults 1 and 2 with the inputs quoted
 * there, and an XLSX laid out as a real 任务分解表 (title and 填报单位 rows, a two-row header,
 * section rows, 序号, merged cells, a 备注 column, a footnote, a hidden first sheet).
 */

const directory = unitLookupFrom([
  { id: 'unit-fgw', code: 'FGW', name: '青川市发展和改革委员会' },
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
  { id: 'unit-openness', code: 'OPENNESS', name: '青川市政务公开办公室' },
]);

describe('fault 1: a column that carries responsibility is never dropped', () => {
  it('reads 工作措施 / 整改措施 as the item\'s measures, in every format', async () => {
    const csv = '类别,编号,事项,牵头单位,工作措施,完成时限\n稳增长,1,地区生产总值增长,FGW,"按月调度；\n按季通报",2026-12-31\n';
    const fromCsv = await importWorkPlan(csv, { format: 'csv', title: '2026年任务', lookupUnit: directory });
    expect(fromCsv.ok && fromCsv.plan.categories[0]!.items[0]!.measures).toBe('按月调度；\n按季通报');
    const yaml = `title: 2026年任务\nyear: 2026\ncategories:\n  - code: 一\n    title: 稳增长\n    items:\n      - { code: '1', title: 地区生产总值增长, leadUnit: FGW, dueDate: 2026-12-31, measures: 按月调度 }\n`;
    const fromYaml = await importWorkPlan(yaml, { format: 'yaml', lookupUnit: directory });
    expect(fromYaml.ok && fromYaml.plan.categories[0]!.items[0]!.measures).toBe('按月调度');
  });

  it('reads 配合单位 as responsible units: the item gets a 青川市财政局 part', async () => {
    const csv =
      '类别编号,类别,编号,事项,牵头单位,配合单位,完成时限\n' + '一,稳增长,1,地区生产总值增长,青川市发展和改革委员会,青川市财政局,2026-12-31\n';
    const result = await importWorkPlan(csv, { format: 'csv', title: '2026年任务', lookupUnit: directory });
    expect(result.ok && result.plan.categories[0]!.items[0]).toMatchObject({
      leadUnits: [{ unitId: 'unit-fgw' }],
      responsibleUnits: [{ name: '青川市财政局', unitId: 'unit-czj' }],
      dueDate: '2026-12-31',
    });
  });

  it('reads 责任单位 in a findings file as the units concerned', async () => {
    const csv = '问题,具体表现,类别,严重程度,责任单位\n' + '门户网站存在错链,3处链接失效,网站建设,一般,青川市教育局\n';
    const result = await importFindings(csv, { format: 'csv', lookupUnit: directory });
    expect(result.ok && result.findings[0]!.concernedUnits).toEqual([{ name: '青川市教育局', unitId: 'unit-jyj' }]);
  });

  it('reads a findings file with 整改时限 and 整改措施 as a rectification ledger: the unit is assigned, due on that day, and the measures kept', async () => {
    const csv =
      '问题,具体表现,类别,严重程度,责任单位,整改时限,整改措施\n' + '门户网站存在错链,3处链接失效,网站建设,一般,青川市教育局,2026年6月底前,修复链接\n';
    const result = await importFindings(csv, { format: 'csv', lookupUnit: directory });
    expect(result).toMatchObject({
      ok: true,
      ledger: true,
      findings: [{ measures: '修复链接', parts: [{ unit: { unitId: 'unit-jyj' }, role: 'LEAD', dueDate: '2026-06-30', row: 2 }] }],
    });
  });

  it('refuses a findings file with a column naming units or dates that it does not use, naming it', async () => {
    const csv = '问题,具体表现,类别,严重程度,责任单位,联系科室,整改时限\n' + '门户网站存在错链,3处链接失效,网站建设,一般,青川市教育局,办公室,2026年6月底前\n';
    const result = await importFindings(csv, { format: 'csv', lookupUnit: directory });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems.map((problem) => problem.reason)).toEqual([
      expect.stringMatching(/^Column 联系科室 names units, dates or measures but is not used: .*整改台账/),
    ]);
  });

  it('lists other unused columns as not imported', async () => {
    const csv = '类别,编号,事项,牵头单位,完成时限,备注\n稳增长,1,地区生产总值增长,FGW,2026-12-31,重点\n';
    const result = await importWorkPlan(csv, { format: 'csv', title: '2026年任务', lookupUnit: directory });
    expect(result).toMatchObject({ ok: true, notImported: ['备注'] });
  });
});

describe('fault 2: deadlines as offices write them', () => {
  const planWith = (due: string) =>
    `类别,编号,事项,牵头单位,完成时限\n稳增长,1,地区生产总值增长,FGW,"${due}"\n`;
  const dueDatesOf = async (due: string) => {
    const result = await importWorkPlan(planWith(due), { format: 'csv', title: 'T', year: 2026, today: '2026-03-02', lookupUnit: directory });
    if (!result.ok) return result.problems.map((problem) => problem.reason);
    return result.plan.categories.flatMap((category) => category.items.map((item) => `${item.code} ${item.title} ${item.dueDate}`));
  };

  it.each([
    ['２０２６年６月３０日', '2026-06-30'],
    ['二〇二六年六月三十日', '2026-06-30'],
    ['2026年6月', '2026-06-30'],
    ['2026年上半年', '2026-06-30'],
    ['2026年第三季度', '2026-09-30'],
    ['6月30日', '2026-06-30'],
    ['2026年6月底前完成', '2026-06-30'],
    ['2026年6月30日（星期二）', '2026-06-30'],
    ['年底前', '2026-12-31'],
    ['立行立改', '2026-03-02'],
  ])('%s is due %s', async (due, date) => {
    expect(await dueDatesOf(due)).toEqual([`1 地区生产总值增长 ${date}`]);
  });

  it.each([
    ['每季度', 'QUARTER'],
    ['每月', 'MONTH'],
    ['每半年', 'HALF_YEAR'],
  ])('%s makes one item (not one per period), kept up by the end of the plan\'s year and reporting every such period, in the word written (newcomer46-10 M2)', async (due, period) => {
    expect(await dueDatesOf(due)).toEqual(['1 地区生产总值增长 2026-12-31']);
    expect(await termsOf(due)).toEqual([['2026-12-31', { kind: 'STANDING', reportEvery: period, words: due }]]);
  });

  const termsOf = async (due: string) => {
    const result = await importWorkPlan(planWith(due), { format: 'csv', title: 'T', year: 2026, today: '2026-03-02', lookupUnit: directory });
    if (!result.ok) return result.problems.map((problem) => problem.reason);
    return result.plan.categories.flatMap((category) => category.items.map((item) => [item.dueDate, item.terms]));
  };

  it.each(['持续推进', '长期坚持', '常态化'])('%s is one standing item, kept up (and inspected) by the end of the plan\'s year, reported every quarter, in the office\'s words (newcomer43-10 W)', async (due) => {
    expect(await termsOf(due)).toEqual([['2026-12-31', { kind: 'STANDING', reportEvery: 'QUARTER', words: due }]]);
  });

  it('"by X, then keep it up" is due by X, then standing', async () => {
    expect(await termsOf('2026年6月底前完成并持续落实')).toEqual([['2026-06-30', { kind: 'BY_DATE_THEN_STANDING', reportEvery: 'QUARTER' }]]);
  });

  it('立行立改 is due on the assignment day, so marked; a plain day has plain terms', async () => {
    expect(await termsOf('立行立改')).toEqual([['2026-03-02', { kind: 'AT_ONCE' }]]);
    expect(await termsOf('2026-06-30')).toEqual([['2026-06-30', { kind: 'BY_DATE' }]]);
  });

  it('a standing deadline in a plan of unknown year is refused, asking for the year', async () => {
    const result = await importWorkPlan(planWith('常态化'), { format: 'csv', title: 'T', lookupUnit: directory });
    expect(result.ok ? [] : result.problems.map((problem) => problem.reason)).toContainEqual(expect.stringContaining('"常态化" has no end date: the plan\'s year must be known'));
  });
});

describe('every row\'s problems in one pass', () => {
  it('names an unknown lead unit, a date past the plan\'s period and a missing deadline together (the period is checked with the rest)', async () => {
    const csv =
      '类别,编号,事项,牵头单位,完成时限\n' +
      '稳增长,1,地区生产总值增长,FGW,2026-06-30\n' +
      '稳增长,2,固定资产投资,青川市不存在局,2026-06-30\n' +
      '稳增长,3,财政收入,CZJ,2027-03-31\n' +
      '稳增长,4,居民收入,CZJ,\n';
    const result = await importWorkPlan(csv, { format: 'csv', title: '青川市2026年任务', year: 2026, lookupUnit: directory });
    expect(result.ok ? [] : result.problems.map((problem) => [problem.row, problem.reason])).toEqual([
      [3, expect.stringContaining('Unknown lead unit "青川市不存在局"')],
      [4, expect.stringContaining('Due date 2027-03-31 is after the period of work plan 「青川市2026年任务」 (2026) (2026-12-31)')],
      [5, 'Item 4 "居民收入" has no 完成时限: write its deadline on this row (e.g. 2027年12月底前, 持续推进, 每季度).'],
    ]);
    expect(result.ok ? [] : result.problems[1]!.reasonZh).toContain('晚于工作方案「青川市2026年任务」的期限');
  });

  it('a ledger names a part due after the approved plan\'s inspection deadline with the other rows\' problems', async () => {
    const csv = '问题,牵头单位,整改时限\n错链,FGW,2026-06-30\n年报滞后,CZJ,2026-09-30\n渠道缺失,青川市不存在局,2026-06-30\n';
    const limit = { latest: '2026-07-31', setBy: { en: 'the inspection deadline of rectification plan 「方案」', zh: '整改实施方案「方案」的督查时限' } };
    const result = await importFindings(csv, { format: 'csv', lookupUnit: directory, year: 2026, today: '2026-04-01', dueDateLimit: limit });
    expect(result.ok ? [] : result.problems.map((problem) => problem.row)).toEqual([3, 4]);
    expect(result.ok ? '' : result.problems[0]!.reason).toContain('2026-09-30 is after the inspection deadline of rectification plan 「方案」 (2026-07-31)');
  });
});

/** A 任务分解表 as offices lay it out, on the second sheet (the first is hidden). */
async function publishedWorkbook(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('旧版').state = 'hidden';
  const sheet = workbook.addWorksheet('任务分解');
  sheet.addRow(['青川市2026年政务公开工作要点任务分解表']);
  sheet.mergeCells('A1:F1');
  sheet.addRow(['填报单位：青川市政务公开办公室', '', '', '填报时间：2026年1月5日']);
  sheet.addRow(['序号', '工作任务', '具体要求', '责任单位', '', '完成时限', '备注']);
  sheet.addRow(['', '', '', '牵头单位', '配合单位', '', '']);
  sheet.mergeCells('D3:E3');
  for (const column of ['A', 'B', 'C', 'F', 'G']) sheet.mergeCells(`${column}3:${column}4`);
  sheet.addRow(['一、深化“五公开”']);
  sheet.mergeCells('A5:G5');
  sheet.addRow([1, '财政预决算公开', '批复后20日内公开', '青川市财政局', '青川市教育局', '2026年6月底前', '']);
  sheet.addRow([2, '重大建设项目公开', '', '', '', new Date(Date.UTC(2026, 8, 30)), '新增']);
  sheet.mergeCells('D6:D7');
  sheet.addRow(['二、回应关切']);
  sheet.addRow([3, '政策解读', '', '青川市政务公开办公室', '青川市财政局、青川市发展和改革委员会', '年底前', '']);
  sheet.addRow(['注：完成时限为最迟时间。']);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('a 任务分解表 as offices lay it out (XLSX)', () => {
  it('reads title, sections, the two-row header, 序号 and merged cells; lists 备注 and skips the footnote', async () => {
    const result = await importWorkPlan(await publishedWorkbook(), { format: 'xlsx', lookupUnit: directory });
    expect(result).toMatchObject({
      ok: true,
      sheet: '任务分解',
      notImported: ['备注'],
      notices: [{ row: 10, reason: 'Footnote skipped: 注：完成时限为最迟时间。' }],
      plan: {
        title: '青川市2026年政务公开工作要点任务分解表',
        year: 2026,
        categories: [
          {
            code: '一',
            title: '深化“五公开”',
            items: [
              {
                row: 6,
                code: '1',
                title: '财政预决算公开',
                description: '批复后20日内公开',
                leadUnits: [{ unitId: 'unit-czj' }],
                responsibleUnits: [{ unitId: 'unit-jyj' }],
                dueDate: '2026-06-30',
              },
              { row: 7, code: '2', leadUnits: [{ unitId: 'unit-czj' }], responsibleUnits: [], dueDate: '2026-09-30' },
            ],
          },
          {
            code: '二',
            title: '回应关切',
            items: [
              {
                row: 9,
                code: '3',
                leadUnits: [{ unitId: 'unit-openness' }],
                responsibleUnits: [{ unitId: 'unit-czj' }, { unitId: 'unit-fgw' }],
                dueDate: '2026-12-31',
              },
            ],
          },
        ],
      },
    });
  });

  it('reads the sheet named, and refuses an unknown one naming the sheets there are', async () => {
    const content = await publishedWorkbook();
    expect(await importWorkPlan(content, { format: 'xlsx', sheet: '任务分解', lookupUnit: directory })).toMatchObject({ ok: true });
    expect(await importWorkPlan(content, { format: 'xlsx', sheet: '汇总', lookupUnit: directory })).toEqual({
      ok: false,
      problems: [
        {
          row: null,
          reason: 'The workbook has no sheet "汇总"; its sheets are "旧版", "任务分解".',
          reasonZh: '工作簿中没有名为“汇总”的工作表；现有工作表：“旧版”、“任务分解”。',
        },
      ],
    });
  });

  it('names the sheet with every problem of a row', async () => {
    const result = await importWorkPlan(await publishedWorkbook(), { format: 'xlsx', lookupUnit: unitLookupFrom([]) });
    expect(result).toMatchObject({ ok: false, sheet: '任务分解' });
  });
});

describe('units as offices name them in a plan', () => {
  const offices = unitLookupFrom([
    { id: 'unit-czj', code: 'CZJ', name: '青川市财政局', kind: 'DEPARTMENT' },
    { id: 'unit-donghu', code: 'DONGHU', name: '青川市东湖区人民政府', kind: 'COUNTY_OR_DISTRICT' },
    { id: 'unit-xishan', code: 'XISHAN', name: '西山县人民政府', kind: 'COUNTY_OR_DISTRICT' },
  ]);
  const plan = (lead: string, others: string) => `类别,编号,事项,牵头单位,配合单位,完成时限\n稳增长,1,预算公开,${lead},${others},2026-12-31\n`;

  it('a short lead name and a collective name of responsible units', async () => {
    const result = await importWorkPlan(plan('市财政局', '各区县政府'), { format: 'csv', title: 'T', lookupUnit: offices });
    expect(result.ok && result.plan.categories[0]!.items[0]).toMatchObject({
      leadUnits: [{ unitId: 'unit-czj' }],
      responsibleUnits: [{ unitId: 'unit-donghu' }, { unitId: 'unit-xishan' }],
    });
  });

  it('says which units a collective name stands for, row by row (breaker10c P13)', async () => {
    const result = await importWorkPlan(plan('市财政局', '各区县政府'), { format: 'csv', title: 'T', lookupUnit: offices });
    expect(result.ok && result.notices?.filter((notice) => notice.reasonZh.includes('即'))).toEqual([
      { row: 2, reason: '"各区县政府" stands for 2 unit(s): 青川市东湖区人民政府, 西山县人民政府.', reasonZh: '“各区县政府”即 2 个单位：青川市东湖区人民政府、西山县人民政府。' },
    ]);
  });

  it('reads a collective lead as its units leading jointly, told (breaker43-10 F8)', async () => {
    const result = await importWorkPlan(plan('各区县政府', ''), { format: 'csv', title: 'T', lookupUnit: offices });
    expect(result.ok && [result.plan.categories[0]!.items[0]!.leadUnits.map((unit) => unit.unitId), result.notices?.map((notice) => notice.reasonZh)]).toEqual([
      ['unit-donghu', 'unit-xishan'],
      ['“各区县政府”即 2 个单位：青川市东湖区人民政府、西山县人民政府，均为牵头单位（联合牵头）。'],
    ]);
  });
});

describe('item numbers as offices write them (breaker10 F2, F3, F29)', () => {
  const codesOf = async (csv: string) => {
    const result = await importWorkPlan(csv, { format: 'csv', title: '青川市2026年任务', year: 2026, lookupUnit: directory });
    if (!result.ok) return result.problems.map((problem) => problem.reasonZh);
    return { codes: result.plan.categories.flatMap((category) => category.items.map((item) => item.code)), notices: (result.notices ?? []).map((notice) => notice.reasonZh) };
  };

  it('reads 1. 1、 （1） (1) １ as item 1, so that two versions written differently are the same items', async () => {
    const csv = '类别,序号,事项,牵头单位,完成时限\n稳增长,1.,甲,FGW,2026-12-31\n稳增长,2、,乙,FGW,2026-12-31\n稳增长,（3）,丙,FGW,2026-12-31\n稳增长,(4),丁,FGW,2026-12-31\n稳增长,５,戊,FGW,2026-12-31\n稳增长,3-1,己,FGW,2026-12-31\n';
    expect(await codesOf(csv)).toEqual({ codes: ['1', '2', '3', '4', '5', '3-1'], notices: [] });
  });

  it('qualifies numbers that start again in each section by the section (一.1, 二.1), with a notice', async () => {
    const csv = '序号,重点任务,牵头单位,完成时间\n一、平台建设,,,\n1.,整合专栏,FGW,2026-06-30\n2.,规范申请,CZJ,2026-09-30\n二、制度建设,,,\n1.,健全制度,JYJ,2026-06-30\n2.,完善考核,CZJ,2026-12-31\n';
    expect(await codesOf(csv)).toEqual({
      codes: ['一.1', '一.2', '二.1', '二.2'],
      notices: ['序号在每个类别内重新编号：各事项按“类别.序号”编号（一.1、一.2、二.1……）。'],
    });
  });

  it('still refuses a number used twice in one category', async () => {
    const csv = '类别,序号,事项,牵头单位,完成时限\n稳增长,1,甲,FGW,2026-12-31\n稳增长,1.,乙,FGW,2026-12-31\n';
    expect(await codesOf(csv)).toEqual(['事项编号 1 重复：第 2 行已使用。']);
  });
});

describe('a column with data but no name in the header (breaker10 F34)', () => {
  it('refuses the file naming the column\'s letter and what it holds, in CSV and XLSX alike', async () => {
    const csv = '类别,编号,事项,牵头单位,,完成时限\n公开,1,甲,青川市财政局,青川市教育局,2026-12-31\n公开,2,乙,青川市财政局,,2026-12-31\n';
    const fromCsv = await importWorkPlan(csv, { format: 'csv', title: '青川市2026年任务', lookupUnit: directory });
    expect(fromCsv.ok ? [] : fromCsv.problems.map((problem) => [problem.row, problem.reasonZh])).toEqual([
      [1, '第 E 列没有列名，但有内容（“青川市教育局”）：请在表头填写列名（如 配合单位、完成时限），或删去该列，以免内容被遗漏。'],
    ]);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('任务');
    sheet.addRow(['类别', '编号', '事项', '牵头单位', '完成时限', '', '']);
    sheet.addRow(['公开', '1', '甲', '青川市财政局', '2026-12-31', '', '2026年6月底前完成初稿']);
    const fromXlsx = await importWorkPlan(new Uint8Array(await workbook.xlsx.writeBuffer()), { format: 'xlsx', title: '青川市2026年任务', lookupUnit: directory });
    expect(fromXlsx.ok ? [] : fromXlsx.problems.map((problem) => problem.reasonZh)).toEqual([expect.stringMatching(/^第 G 列没有列名，但有内容（“2026年6月底前完成初稿”）/)]);
  });

  it('takes a blank column with nothing in it as nothing', async () => {
    const csv = '类别,编号,事项,牵头单位,,完成时限\n公开,1,甲,青川市财政局,,2026-12-31\n';
    expect((await importWorkPlan(csv, { format: 'csv', title: '青川市2026年任务', lookupUnit: directory })).ok).toBe(true);
  });
});

describe('a 大项 column that numbers its categories (newcomer25 S7)', () => {
  it('reads 「一、平台建设」 as category 一 titled 平台建设, its items 一.1 …, the categories in number order whatever the rows\' order', async () => {
    const csv =
      '大项,序号,具体任务,牵头单位,完成时限\n' +
      '二、解读回应,1,政策解读,青川市政务公开办公室,2026-12-31\n' +
      '一、平台建设,1,整合网站,青川市财政局,2026-12-31\n' +
      '一、平台建设,2,栏目规范,青川市教育局,2026-12-31\n' +
      '三、依申请公开,1,在线申请渠道,青川市政务公开办公室,2026-12-31\n';
    const result = await importWorkPlan(csv, { format: 'csv', title: '2026年任务', lookupUnit: directory });
    expect(result.ok ? result.plan.categories.map((category) => [category.code, category.title, category.items.map((item) => item.code)]) : result.problems).toEqual([
      ['一', '平台建设', ['一.1', '一.2']],
      ['二', '解读回应', ['二.1']],
      ['三', '依申请公开', ['三.1']],
    ]);
  });

  it('keeps a 类别 column of plain titles as it is, in the file\'s order', async () => {
    const csv = '类别,编号,事项,牵头单位,完成时限\n稳增长,1,地区生产总值增长,FGW,2026-12-31\n促改革,2,放管服,CZJ,2026-12-31\n';
    const result = await importWorkPlan(csv, { format: 'csv', title: '2026年任务', lookupUnit: directory });
    expect(result.ok ? result.plan.categories.map((category) => [category.code, category.title]) : result.problems).toEqual([
      ['稳增长', '稳增长'],
      ['促改革', '促改革'],
    ]);
  });
});
