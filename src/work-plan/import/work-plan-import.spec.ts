import { inToolWords } from '../../cli/tool-words.js';
import type { Actor } from '../../shared/command-context.js';
import { fold } from '../../shared/decider.js';
import { workPlanDecider } from '../domain/work-plan.decider.js';
import { workPlanItemDecider } from '../domain/work-plan-item.decider.js';
import { workPlanIdFor, workPlanItemIdFor, type WorkPlanImported } from '../domain/work-plan.events.js';
import { sha256Of } from '../../spreadsheet/import-problems.js';
import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importWorkPlan, workPlanCommands } from './work-plan-import.js';

/* A plan file checked as a whole against the units directory, then turned into commands. */

const directory = unitLookupFrom([
  { id: 'unit-gov', code: 'GOV-OFFICE', name: '青川市人民政府办公室' },
  { id: 'unit-openness', code: 'OPENNESS', name: '青川市政务公开办公室' },
  { id: 'unit-fgw', code: 'FGW', name: '青川市发展和改革委员会' },
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  { id: 'unit-donghu', code: 'DONGHU', name: '青川市东湖区人民政府' },
  { id: 'unit-xishan', code: 'XISHAN', name: '西山县人民政府' },
]);
const system: Actor = { id: 'system', role: 'SYSTEM', unitId: null };
const TITLE = '青川市2026年政务公开工作要点任务分解方案';
const HEADER = '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n';
const options = { format: 'csv', title: TITLE, lookupUnit: directory } as const;

const goodCsv =
  HEADER +
  '一,深化五公开,1,财政预决算公开,部门预决算按时公开,青川市财政局,"青川市东湖区人民政府、XISHAN",2026-04-30\n' +
  '一,深化五公开,2,重大决策预公开,,GOV-OFFICE,青川市发展和改革委员会,2026年6月30日\n' +
  '二,回应关切,3,政策解读,,青川市政务公开办公室,,2026/12/31\n';

describe('a plan whose every row is fine', () => {
  it('resolves unit names and codes to ids', async () => {
    const result = await importWorkPlan(goodCsv, options);
    expect(result).toEqual({
      ok: true,
      plan: {
        title: TITLE,
        year: 2026,
        absentFields: ['measures'],
        categories: [
          {
            code: '一',
            title: '深化五公开',
            items: [
              {
                row: 2,
                code: '1',
                title: '财政预决算公开',
                description: '部门预决算按时公开',
                measures: '',
                leadUnits: [{ name: '青川市财政局', unitId: 'unit-czj' }],
                responsibleUnits: [
                  { name: '青川市东湖区人民政府', unitId: 'unit-donghu' },
                  { name: 'XISHAN', unitId: 'unit-xishan' },
                ],
                dueDate: '2026-04-30',
                terms: { kind: 'BY_DATE' },
              },
              {
                row: 3,
                code: '2',
                title: '重大决策预公开',
                description: '',
                measures: '',
                leadUnits: [{ name: 'GOV-OFFICE', unitId: 'unit-gov' }],
                responsibleUnits: [{ name: '青川市发展和改革委员会', unitId: 'unit-fgw' }],
                dueDate: '2026-06-30',
                terms: { kind: 'BY_DATE' },
              },
            ],
          },
          {
            code: '二',
            title: '回应关切',
            items: [
              {
                row: 4,
                code: '3',
                title: '政策解读',
                description: '',
                measures: '',
                leadUnits: [{ name: '青川市政务公开办公室', unitId: 'unit-openness' }],
                responsibleUnits: [],
                dueDate: '2026-12-31',
                terms: { kind: 'BY_DATE' },
              },
            ],
          },
        ],
      },
    });
  });

  it('becomes commands the plan and item deciders accept, and a rerun changes nothing', async () => {
    const result = await importWorkPlan(goodCsv, options);
    if (!result.ok) throw new Error('expected a plan');
    const source = { fileName: 'plan.csv', sha256: sha256Of(goodCsv) };
    const { planId, importPlan, defineItems } = workPlanCommands(result.plan, source, system, { today: '2026-03-01', approvedOn: '2026-02-20', assignedOn: '2026-02-25' });

    expect(planId).toBe(workPlanIdFor(2026, TITLE));
    const planEvents = workPlanDecider.decide(importPlan, fold(workPlanDecider, []));
    expect(planEvents).toHaveLength(1);
    const [imported] = planEvents as WorkPlanImported[];
    expect(imported!.data.categories.map((category) => category.items.map((item) => item.code))).toEqual([['1', '2'], ['3']]);
    expect(workPlanDecider.decide(importPlan, fold(workPlanDecider, planEvents))).toEqual([]);

    expect(defineItems.map((command) => command.data.itemId)).toEqual(['1', '2', '3'].map((code) => workPlanItemIdFor(planId, code)));
    for (const definition of defineItems) {
      const command = { ...definition, planExists: true, planApprovedOn: '2026-02-20', unknownUnitIds: [] };
      const events = workPlanItemDecider.decide(command, fold(workPlanItemDecider, []));
      expect(events[0]).toEqual({ type: 'WorkPlanItemDefined', data: definition.data });
      expect(events.slice(1).map((event) => event.type)).toEqual(
        [...definition.leadUnitIds, ...definition.responsibleUnitIds].map(() => 'UnitAssigned'),
      );
      expect(workPlanItemDecider.decide(command, fold(workPlanItemDecider, events))).toEqual([]);
    }
    expect(importPlan).toMatchObject({ today: '2026-03-01', partsAssignedOn: '2026-02-25', data: { approvedOn: '2026-02-20' } });
    expect(defineItems[0]).toMatchObject({
      assignedOn: '2026-02-25',
      leadUnitIds: ['unit-czj'],
      responsibleUnitIds: ['unit-donghu', 'unit-xishan'],
      data: { categoryCode: '一', code: '1', dueDate: '2026-04-30' },
    });
  });
});

describe('a plan with bad rows', () => {
  const badCsv =
    HEADER +
    /* 2 */ '一,深化五公开,1,,内容,青川市财政局,青川市东湖区人民政府,2026-04-30\n' +
    /* 3 */ '一,深化五公开,2,重大决策预公开,,市审计局,"青川市发展和改革委员会，青川市公安局",2026-06-30\n' +
    /* 4 */ '一,五公开,1,重复编号,,青川市财政局,"青川市东湖区人民政府、青川市财政局",2026-02-30\n' +
    /* 5 */ '二,回应关切,4,政策解读,,"青川市政务公开办公室、青川市财政局",,下半年\n' +
    /* 6 */ ',回应关切,5,新闻发布,,,"西山县人民政府、XISHAN",2016-06-30\n' +
    /* 7 */ '二,回应关切,6,舆情回应,,CZJ,青川市财政局,\n' +
    /* 8 */ '二,回应关切,7,没有问题的一行,,青川市财政局,,2026-09-30\n';

  it('lists every problem with its row, and nothing of the plan', async () => {
    expect(await importWorkPlan(badCsv, { ...options, year: 2026 })).toMatchObject({
      ok: false,
      problems: [
        { row: 2, reason: 'Missing title (事项) of item 1.' },
        { row: 3, reason: 'Unknown lead unit "市审计局": not the official name or code of a unit in the directory. Write the unit\'s full name or code. If it is a registered unit\'s short or earlier name (简称 / 曾用名), record it for that unit (单位名录 page, 简称/曾用名; or the units import\'s 简称 / 曾用名 columns) and import again; only if it is another unit, register it in the directory first.' },
        {
          row: 3,
          reason: 'Unknown responsible unit "青川市公安局": not the official name or code of a unit in the directory. Write the unit\'s full name or code. If it is a registered unit\'s short or earlier name (简称 / 曾用名), record it for that unit (单位名录 page, 简称/曾用名; or the units import\'s 简称 / 曾用名 columns) and import again; only if it is another unit, register it in the directory first.',
        },
        { row: 4, reason: 'Category 一 is titled "五公开" here but "深化五公开" on row 2.' },
        { row: 4, reason: 'Duplicate item code 1: already used on row 2.' },
        { row: 4, reason: 'Due date (完成时限) 2026-02-30 does not exist.', reasonZh: expect.stringContaining('日期 2026-02-30 不存在') },
        // A CSV: below an item that names its lead, the likely cause (newcomer45-10 M2).
        { row: 6, reason: "Missing lead unit (牵头单位) of item 5. If it is the same as that of the item above on row 5 — a merged cell in the workbook: a CSV saved from Excel keeps a merged cell's text in its first row only — write the lead unit on this row too, or import the workbook (.xlsx) itself." },
        { row: 6, reason: 'Responsible units "西山县人民政府" and "XISHAN" are the same unit, listed twice: write it once.' },
        {
          row: 6,
          reason: "Due date 2016-06-30 lies before the plan's year: it must be between 2026-01-01 and 2026-12-31.",
          reasonZh: '完成时限 2016-06-30 早于工作方案的年度：应在 2026-01-01 至 2026-12-31 之间。',
        },
        { row: 7, reason: 'Item 6 "舆情回应" has no 完成时限: write its deadline on this row (e.g. 2027年12月底前, 持续推进, 每季度).' },
      ],
    });
  });

  it('reads the plan year off a title that writes it in Chinese numerals, as one in digits (breaker10e P14)', async () => {
    for (const title of ['青川市二〇二六年政务公开工作要点任务分解方案', '青川市２０２６年政务公开工作要点任务分解方案']) {
      const result = await importWorkPlan(`${HEADER}一,五公开,1,公开,,青川市财政局,,长期坚持\n`, { format: 'csv', title, lookupUnit: directory });
      expect(result).toMatchObject({ ok: true, plan: { year: 2026 } });
    }
  });

  it('refuses rows a remark marks done, cancelled or moved, naming the remark; other remarks change nothing (breaker10e P7, P11)', async () => {
    const csv =
      '类别编号,类别,编号,事项,牵头单位,完成时限,备注\n' +
      '一,五公开,1,决策公开,青川市财政局,2026年12月底前（已完成）,\n' +
      '一,五公开,2,执行公开,青川市财政局,2026-12-31,此项已取消\n' +
      '一,五公开,3,管理公开,青川市财政局,2026-12-31,移至第5项\n' +
      '一,五公开,4,服务公开,青川市财政局,2026年6月30日（星期二）,联系人：张伟\n' +
      '一,五公开,5,结果公开,青川市财政局,2026-12-31,取消收费后公开\n';
    const result = await importWorkPlan(csv, options);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((problem) => [problem.row, problem.reasonZh])).toEqual([
      [2, '完成时限“2026年12月底前（已完成）”注明该项已完成（“已完成”）：导入不记录完成情况，按此导入该项仍为未完成（到期即亮红灯）。请删去该说明后导入，再由责任单位报告完成情况、经核查后销号；如无须跟踪，请不列入文件。'],
      [3, '备注“此项已取消”注明该项已取消（“此项已取消”）：请从文件中删去该行（已导入的事项请在事项页面撤销）；如该项仍要办理，请删去该说明。'],
      [4, '备注“移至第5项”注明该项已移至他处（“移至第5项”）：请删去该行（其工作已列在移入的事项中）；如仍在此办理，请删去该说明。'],
    ]);
    const kept = await importWorkPlan(csv.split('\n').filter((line) => !/已完成|已取消|移至/.test(line)).join('\n'), options);
    expect(kept).toMatchObject({ ok: true, notImported: ['备注'] });
  });

  it('lists every item a supervisor\'s override approves past the year, and refuses a year typed wrong all the same (breaker10e P4)', async () => {
    const overridden = { ...options, periodOverridden: true, periodOverrideReason: '跨年度工程' };
    const typo = await importWorkPlan(`${HEADER}一,五公开,1,公开,,青川市财政局,,2027-06-30\n一,五公开,2,解读,,青川市财政局,,2226-06-30\n`, overridden);
    expect(typo.ok).toBe(false);
    if (!typo.ok) expect(typo.problems.map((problem) => [problem.row, problem.reasonZh])).toEqual([[3, expect.stringMatching(/^完成时限 2226-06-30 晚于特批可延后的最远日期（.*2026-12-31 后 5 年，即 2031-12-31）：请核对年份是否写错。$/)]]);
    const approved = await importWorkPlan(`${HEADER}一,五公开,1,公开,,青川市财政局,,2027-06-30\n一,五公开,2,解读,,青川市财政局,,2026-12-31\n`, overridden);
    expect(approved.ok && approved.notices?.map((notice) => [notice.row, notice.reasonZh])).toEqual([[2, expect.stringMatching(/^完成时限 2027-06-30 晚于.*（2026-12-31），按特批理由“跨年度工程”登记。$/)]]);
  });

  // newcomer53-10 M7: a plan with no year anywhere was first told 「按 0 年度读取…批准日期已在该年度结束之后」.
  it('says only that the year is unknown when nothing gives one, never 「按 0 年度读取」', async () => {
    const result = await importWorkPlan(`${HEADER}一,五公开,1,公开,,青川市财政局,,6月30日\n`, { format: 'csv', lookupUnit: directory, title: '政务公开重点工作安排', approvedOn: '2026-03-01' });
    const said = result.ok ? [] : result.problems.map((problem) => problem.reasonZh);
    expect(said).toContain('无法确定方案年度：请在“年度”中填写方案年度（如 2026）。');
    // The tools say the option (newcomer53-10 M7: 「填写年度」 named the page's field only).
    expect(inToolWords('无法确定方案年度：请在“年度”中填写方案年度（如 2026）。')).toContain('--year');
    expect(said.join('\n')).not.toContain('按 0 年度读取');
  });

  it('names a plan without a title or year', async () => {
    const result = await importWorkPlan(`${HEADER}一,五公开,1,公开,,青川市财政局,,某日\n`, {
      format: 'csv',
      lookupUnit: directory,
    });
    expect(result).toMatchObject({
      ok: false,
      problems: [
        { row: null, reason: 'The plan has no title; give one (--title).' },
        { row: null, reason: 'The plan year is unknown; give one (--year).' },
        {
          row: 2,
          reason:
            'Due date (完成时限) "某日" is not a deadline we can read (write e.g. 2026-06-30, 2026年6月底前, 2026年第三季度, 立行立改, 长期坚持 or 每季度).',
          reasonZh: expect.stringMatching(/^完成时限无法识别/),
        },
      ],
    });
  });

  it('stops at the file when it cannot be read at all', async () => {
    const result = await importWorkPlan('编号,事项\n1,公开\n', options);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((problem) => problem.reason)).toContainEqual(expect.stringMatching(/^Missing column 牵头单位 \(lead unit\): /));
  });
});

/* Issue 9 (second breaker, 13): the one rule of names, titles and codes holds for a plan's codes and title too. */
describe('a plan whose codes or title would read as something they are not', () => {
  it('refuses an item code with a private-use character beside its digit, a category code starting with an accent, and such a plan title', async () => {
    const csv = HEADER + '一,深化五公开,1\ue000,财政预决算公开,,青川市财政局,,2026-04-30\n' + '\u0301二,回应关切,3,政策解读,,青川市政务公开办公室,,2026-12-31\n';
    const result = await importWorkPlan(csv, options);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toEqual([
      { row: 2, reason: expect.stringContaining('has a private-use character (U+E000) at position 2'), reasonZh: expect.stringContaining('第 2 个字符（U+E000）是私用区字符') },
      { row: 3, reason: expect.stringContaining('has a combining mark (U+0301) at position 1'), reasonZh: expect.stringContaining('第 1 个字符（U+0301）是附加符号') },
    ]);
    const titled = await importWorkPlan(goodCsv, { ...options, title: '\ue000青川市2026年政务公开工作要点' });
    expect(titled.ok ? [] : titled.problems).toEqual([{ row: null, reason: expect.stringMatching(/^The plan title has a private-use character/), reasonZh: expect.stringMatching(/^方案标题第 1 个字符（U\+E000）是私用区字符/) }]);
  });
});
