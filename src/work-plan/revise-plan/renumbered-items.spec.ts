import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allEventSchemas } from '../../event-sourcing/all-event-schemas.js';
import { executeCommand, loadState } from '../../event-sourcing/execute-command.js';
import { replayLog } from '../../event-sourcing/replay-log.js';
import { SqliteEventStore } from '../../event-store/sqlite-event-store.js';
import { importUnitsFile } from '../../organization/import-units/import-units.js';
import { unitIdForCode } from '../../organization/units/unit-id.js';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import { commandContext, type Actor, type CommandContext } from '../../shared/command-context.js';
import type { ImportDependencies } from '../../imports/import-run.js';
import { partOf } from '../../assignments/domain/assignment.decider.js';
import { workPlanItemDecider } from '../domain/work-plan-item.decider.js';
import { workPlanIdFor, workPlanItemIdFor, workPlanItemStream } from '../domain/work-plan.events.js';
import { importWorkPlanFile } from '../import-work-plan/import-work-plan.js';
import type { ValidatedPlan, ValidatedPlanItem } from '../import/plan-validation.js';
import { nextFreeCode, renumberedByContent, titleLikeness } from './renumbered-items.js';

/* breaker10 F23: a new version that inserts an item and renumbers the rows below keeps each item's code. */

const item = (code: string, title: string, row: number): ValidatedPlanItem => ({
  row,
  code,
  title,
  description: '',
  measures: '',
  leadUnits: [],
  responsibleUnits: [],
  dueDate: '2026-12-31',
});
const planOf = (...items: ValidatedPlanItem[]): ValidatedPlan => ({ title: 'T', year: 2026, categories: [{ code: '公开', title: '公开', items }] });
const codesOf = (plan: ValidatedPlan) => plan.categories.flatMap((category) => category.items.map((each) => `${each.code} ${each.title}`));
const standing = [
  { code: '1', title: '甲事项' },
  { code: '2', title: '乙事项' },
  { code: '3', title: '丙事项' },
];
const never = () => false;

describe('items matched by content across a renumbered version', () => {
  it('keeps the codes of items whose rows moved down, and numbers the inserted item after the last', () => {
    const next = planOf(item('1', '甲事项', 2), item('2', '新增事项', 3), item('3', '乙事项', 4), item('4', '丙事项', 5));
    const renumbering = renumberedByContent(standing, next, never);
    expect(codesOf(renumbering!.plan)).toEqual(['1 甲事项', '4 新增事项', '2 乙事项', '3 丙事项']);
    expect(renumbering!.notices.map((notice) => [notice.row, notice.reasonZh])).toEqual([
      [3, '事项“新增事项”在文件中编号为 2，而该编号在方案中属于另一事项：作为事项 4 新增。'],
      [4, '事项“乙事项”在文件中编号为 3，即方案中的事项 2：保留编号 2 及其进度。'],
      [5, '事项“丙事项”在文件中编号为 4，即方案中的事项 3：保留编号 3 及其进度。'],
    ]);
  });

  it('never gives an inserted item the code of an item withdrawn before', () => {
    const next = planOf(item('1', '新增事项', 2), item('2', '甲事项', 3), item('3', '乙事项', 4), item('4', '丙事项', 5));
    const renumbering = renumberedByContent(standing, next, (code) => code === '4');
    expect(codesOf(renumbering!.plan)).toEqual(['5 新增事项', '1 甲事项', '2 乙事项', '3 丙事项']);
  });

  it('answers null when no item moved: a reworded item keeps its code, an item added at the end is new', () => {
    const next = planOf(item('1', '甲事项（修订）', 2), item('2', '乙事项', 3), item('3', '丙事项', 4), item('4', '丁事项', 5));
    expect(renumberedByContent(standing, next, never)).toBeNull();
  });

  it('matches an item whose title the new version writes with its numbers in another script (breaker10e P2\'s kind)', () => {
    const counted = [
      { code: '1', title: '开展三次政务公开培训' },
      { code: '2', title: '二〇二六年度报告按时发布' },
    ];
    const next = planOf(item('1', '新增事项', 2), item('2', '开展3次政务公开培训', 3), item('3', '2026年度报告按时发布', 4));
    expect(codesOf(renumberedByContent(counted, next, never)!.plan)).toEqual(['3 新增事项', '1 开展3次政务公开培训', '2 2026年度报告按时发布']);
  });

  it('matches only titles that occur once on each side; a row at a twin\'s code with another title is refused naming both rows, never made that twin (breaker10m P15)', () => {
    const twins = [
      { code: '1', title: '自查' },
      { code: '2', title: '自查' },
    ];
    const renumbering = renumberedByContent(twins, planOf(item('1', '新增', 2), item('2', '自查', 3), item('3', '自查', 4)), never);
    expect(renumbering!.unsure!.map((problem) => [problem.row, problem.reasonZh])).toEqual([
      [2, expect.stringContaining('无法确定事项 1 现在是第 2 行“新增”还是第 4 行“自查”')],
    ]);
  });

  it('matches a title several 大项 share within its 大项: reordering one 大项 withdraws nothing (breaker10c P4)', () => {
    const inCategory = (code: string, title: string) => ({ code, title, categoryCode: code.split('.')[0]! });
    const before = [inCategory('一.1', '加强组织领导'), inCategory('一.2', '推进决策预公开'), inCategory('二.1', '加强组织领导'), inCategory('二.2', '推进解读')];
    const next: ValidatedPlan = {
      title: 'T',
      year: 2026,
      categories: [
        { code: '一', title: '决策公开', items: [item('一.1', '推进决策预公开', 3), item('一.2', '加强组织领导', 4)] },
        { code: '二', title: '政策解读', items: [item('二.1', '新增解读事项', 6), item('二.2', '加强组织领导', 7), item('二.3', '推进解读', 8)] },
      ],
    };
    expect(codesOf(renumberedByContent(before, next, never)!.plan)).toEqual(['一.2 推进决策预公开', '一.1 加强组织领导', '二.3 新增解读事项', '二.1 加强组织领导', '二.2 推进解读']);
  });

  it('matches a title two 大项 share by the 大项\'s title when a version reorders the 大项 and their codes swap (breaker10j P9)', () => {
    const inCategory = (code: string, title: string, categoryTitle: string) => ({ code, title, categoryCode: code.split('.')[0]!, categoryTitle });
    const before = [inCategory('1.1', '加强组织领导', '决策公开'), inCategory('1.2', '推进决策预公开', '决策公开'), inCategory('2.1', '加强组织领导', '政务服务'), inCategory('2.2', '优化办事指南', '政务服务')];
    const next: ValidatedPlan = {
      title: 'T',
      year: 2026,
      categories: [
        { code: '1', title: '政务服务', items: [item('1.1', '加强组织领导', 3), item('1.2', '优化办事指南', 4)] },
        { code: '2', title: '决策公开', items: [item('2.1', '加强组织领导', 6), item('2.2', '推进决策预公开', 7)] },
      ],
    };
    expect(codesOf(renumberedByContent(before, next, never)!.plan)).toEqual(['2.1 加强组织领导', '2.2 优化办事指南', '1.1 加强组织领导', '1.2 推进决策预公开']);
    // The 大项 kept in their order: nothing renumbered.
    const kept: ValidatedPlan = { ...next, categories: [{ code: '1', title: '决策公开', items: [item('1.1', '加强组织领导', 3), item('1.2', '推进决策预公开', 4)] }, { code: '2', title: '政务服务', items: [item('2.1', '加强组织领导', 6), item('2.2', '优化办事指南', 7)] }] };
    expect(renumberedByContent(before, kept, never)).toBeNull();
  });

  it('matches an item whose title a version retypes only in punctuation (“” for "", , for ，) above an inserted item of the same unit and date (breaker10m P15)', () => {
    const lead = (each: ValidatedPlanItem): ValidatedPlanItem => ({ ...each, leadUnits: [{ unitId: 'fgw', name: '青川市发展和改革委员会' }], dueDate: '2027-06-30' });
    const sameUnit = { leadUnitIds: ['fgw'], responsibleUnitIds: [], dueDate: '2027-06-30' };
    const quoted = [
      { code: '1', title: '推进价格信息公开，做好"双随机"抽查公开', ...sameUnit },
      { code: '2', title: '推进规划信息公开，做好"十五五"规划解读', ...sameUnit },
    ];
    const retyped = planOf(lead(item('1', '推进网站集约化建设', 2)), lead(item('2', '推进价格信息公开，做好“双随机”抽查公开', 3)), lead(item('3', '推进规划信息公开，做好“十五五”规划解读', 4)));
    const renumbering = renumberedByContent(quoted, retyped, never);
    expect(codesOf(renumbering!.plan)).toEqual(['3 推进网站集约化建设', '1 推进价格信息公开，做好“双随机”抽查公开', '2 推进规划信息公开，做好“十五五”规划解读']);
    expect(renumbering!.unsure).toBeUndefined();
    const commas = [
      { code: '1', title: '推进价格信息公开，做好抽查公开', ...sameUnit },
      { code: '2', title: '推进规划信息公开，做好规划解读', ...sameUnit },
    ];
    const halfWidth = planOf(lead(item('1', '推进网站集约化建设', 2)), lead(item('2', '推进价格信息公开,做好抽查公开', 3)), lead(item('3', '推进规划信息公开, 做好规划解读', 4)));
    expect(codesOf(renumberedByContent(commas, halfWidth, never)!.plan)).toEqual(['3 推进网站集约化建设', '1 推进价格信息公开,做好抽查公开', '2 推进规划信息公开, 做好规划解读']);
  });

  it('refuses, naming both rows, an item inserted on top of an item reworded with the same unit and date: the inserted row never takes its progress (breaker10m P15)', () => {
    const lead = (each: ValidatedPlanItem): ValidatedPlanItem => ({ ...each, leadUnits: [{ unitId: 'fgw', name: '青川市发展和改革委员会' }], dueDate: '2027-06-30' });
    const sameUnit = { leadUnitIds: ['fgw'], responsibleUnitIds: [], dueDate: '2027-06-30' };
    const before = [
      { code: '1', title: '推进价格信息公开', ...sameUnit },
      { code: '2', title: '推进规划信息公开', ...sameUnit },
    ];
    const next = planOf(lead(item('1', '推进网站集约化建设', 2)), lead(item('2', '推进价格和收费信息公开', 3)), lead(item('3', '推进规划信息公开', 4)));
    expect(renumberedByContent(before, next, never)!.unsure!.map((problem) => [problem.row, problem.reasonZh])).toEqual([
      [2, expect.stringContaining('无法确定事项 1 现在是第 2 行“推进网站集约化建设”还是第 3 行“推进价格和收费信息公开”')],
    ]);
    // Nothing shifted, the item reworded in place like itself, an item of the same unit and date added at the end: the code says which.
    const inPlace = planOf(lead(item('1', '推进价格和收费信息公开', 2)), lead(item('2', '推进规划信息公开', 3)), lead(item('3', '推进网站集约化建设', 4)));
    expect(renumberedByContent(before, inPlace, never)).toBeNull();
  });

  it('measures how alike two titles are by their character pairs, punctuation aside', () => {
    expect(titleLikeness('推进价格信息公开', '推进价格信息公开。')).toBe(1);
    expect(titleLikeness('推进价格信息公开', '推进价格和收费信息公开')).toBeGreaterThanOrEqual(0.5);
    expect(titleLikeness('推进价格信息公开', '推进网站集约化建设')).toBeLessThan(0.5);
  });

  it('numbers after the code\'s own shape', () => {
    const used = new Set(['一.1', '一.2', '一.3', 'A-1']);
    expect(nextFreeCode('一.2', (code) => used.has(code))).toBe('一.4');
    expect(nextFreeCode('A', (code) => used.has(code))).toBe('A-2');
  });
});

describe('a revision that inserts an item and renumbers the rows below (breaker10 F23, on a real store)', () => {
  const operator: Actor = { id: 'cli:operator', role: 'SYSTEM', unitId: null };
  const contextOf = (key: string, now: string): CommandContext =>
    commandContext({ actor: operator, commandType: 'ImportWorkPlan', idempotencyKey: key, now: new Date(now) });
  const text = (csv: string) => new TextEncoder().encode(csv);
  const TITLE = '重新编号';
  const PLAN = workPlanIdFor(2026, TITLE);
  const FGW = unitIdForCode('FGW');
  const HEADER = '类别,编号,事项,牵头单位,责任单位,完成时限\n';
  const VERSION_1 = HEADER + '公开,1,甲事项,青川市财政局,,2026-12-31\n公开,2,乙事项,青川市发展和改革委员会,,2026-12-15\n公开,3,丙事项,青川市教育局,,2026-12-20\n';
  const VERSION_2 =
    HEADER + '公开,1,甲事项,青川市财政局,,2026-12-31\n公开,2,新增事项,青川市民政局,,2026-12-31\n公开,3,乙事项,青川市发展和改革委员会,,2026-12-15\n公开,4,丙事项,青川市教育局,,2026-12-20\n';
  let dependencies: ImportDependencies;

  beforeEach(async () => {
    const store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'rectify-renumbered-')), 'events.db'));
    const schemas = allEventSchemas();
    const units = '编码,名称,类型\nFGW,青川市发展和改革委员会,部门\nCZJ,青川市财政局,部门\nJYJ,青川市教育局,部门\nMZJ,青川市民政局,部门\n';
    await importUnitsFile({ store, schemas, units: new UnitsReadModel() }, { name: 'units.csv', content: text(units) }, contextOf('units', '2026-02-01T09:00:00+08:00'));
    dependencies = { store, schemas, units: await replayLog(store, schemas, new UnitsReadModel()) };
    await importWorkPlanFile(dependencies, { name: 'v1.csv', content: text(VERSION_1) }, { title: TITLE, year: 2026, approvedOn: '2026-02-20' }, contextOf('v1', '2026-02-20T09:00:00+08:00'));
    const fgw: Actor = { id: 'user-fgw', role: 'UNIT', unitId: FGW };
    await executeCommand(dependencies.store, dependencies.schemas, workPlanItemStream(workPlanItemIdFor(PLAN, '2')), workPlanItemDecider, {
      type: 'ReportRectification',
      actor: fgw,
      today: '2026-04-20',
      reportedOn: '2026-04-20',
      unitId: FGW,
      summary: '乙事项已完成',
      evidence: [{ title: '材料', link: null, documentRef: '青发改〔2026〕1号' }],
    }, commandContext({ actor: fgw, commandType: 'ReportWorkPlanItem', idempotencyKey: 'report-2', now: new Date('2026-04-20T09:00:00+08:00') }));
  });
  afterEach(() => dependencies.store.close());

  const importVersion2 = (options: { dryRun?: boolean; revise?: boolean }) =>
    importWorkPlanFile(dependencies, { name: 'v2.csv', content: text(VERSION_2) }, { title: TITLE, year: 2026, ...options }, contextOf(`v2-${JSON.stringify(options)}`, '2026-05-01T09:00:00+08:00'));

  it('the dry run adds only the inserted item, and says which items kept their codes', async () => {
    const outcome = await importVersion2({ dryRun: true });
    expect(outcome.revision).toMatchObject({ added: [{ code: '4', title: '新增事项' }], withdrawn: [], redated: [], amended: [], unitsAdded: [], unitsRemoved: [] });
    expect(outcome.notes.notices?.map((notice) => notice.reasonZh)).toEqual([
      '事项“新增事项”在文件中编号为 2，而该编号在方案中属于另一事项：作为事项 4 新增。',
      '事项“乙事项”在文件中编号为 3，即方案中的事项 2：保留编号 2 及其进度。',
      '事项“丙事项”在文件中编号为 4，即方案中的事项 3：保留编号 3 及其进度。',
    ]);
  });

  it('applied, 乙事项 keeps its report, and the inserted item is defined with its own part', async () => {
    await importVersion2({ revise: true });
    const item2 = await loadState(dependencies.store, dependencies.schemas, workPlanItemStream(workPlanItemIdFor(PLAN, '2')), workPlanItemDecider);
    if (item2.status === 'empty') throw new Error('item 2 missing');
    expect(item2.definition.title).toBe('乙事项');
    expect(partOf(item2.assignments, FGW)).toMatchObject({ status: 'REPORTED', reportCount: 1 });
    const item4 = await loadState(dependencies.store, dependencies.schemas, workPlanItemStream(workPlanItemIdFor(PLAN, '4')), workPlanItemDecider);
    expect(item4).toMatchObject({ status: 'open', definition: { title: '新增事项' } });
    // The same file again: nothing more.
    const before = (await dependencies.store.readAll()).length;
    expect((await importVersion2({ revise: true })).eventCount).toBe(0);
    expect((await dependencies.store.readAll()).length).toBe(before);
  });
});

describe('two same-titled items of two 大项, the 大项 reordered in a new version (breaker10j P9, on a real store)', () => {
  const operator: Actor = { id: 'cli:operator', role: 'SYSTEM', unitId: null };
  const contextOf = (key: string): CommandContext => commandContext({ actor: operator, commandType: 'ImportWorkPlan', idempotencyKey: key, now: new Date('2026-03-01T09:00:00+08:00') });
  const text = (csv: string) => new TextEncoder().encode(csv);
  const TITLE = '同名事项大项调序';
  const HEADER = '类别编号,类别,编号,事项,牵头单位,责任单位,完成时限\n';
  const V1 = HEADER + '1,决策公开,1.1,加强组织领导,青川市财政局,,2026-12-20\n1,决策公开,1.2,推进决策预公开,青川市发展和改革委员会,,2026-12-15\n2,政务服务,2.1,加强组织领导,青川市教育局,,2026-12-22\n2,政务服务,2.2,优化办事指南,青川市民政局,,2026-12-25\n';
  const V2 = HEADER + '1,决策公开,1.1,加强组织领导,青川市教育局,,2026-12-22\n1,决策公开,1.2,优化办事指南,青川市民政局,,2026-12-25\n2,政务服务,2.1,加强组织领导,青川市财政局,,2026-12-20\n2,政务服务,2.2,推进决策预公开,青川市发展和改革委员会,,2026-12-15\n'
    .replace(/1,决策公开/gu, '1,政务服务').replace(/2,政务服务/gu, '2,决策公开');

  it('keeps each 加强组织领导 with its units and date: no unit moved, nothing re-dated', async () => {
    const store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'rectify-reordered-')), 'events.db'));
    const schemas = allEventSchemas();
    const units = '编码,名称,类型\nFGW,青川市发展和改革委员会,部门\nCZJ,青川市财政局,部门\nJYJ,青川市教育局,部门\nMZJ,青川市民政局,部门\n';
    await importUnitsFile({ store, schemas, units: new UnitsReadModel() }, { name: 'units.csv', content: text(units) }, contextOf('units'));
    const dependencies: ImportDependencies = { store, schemas, units: await replayLog(store, schemas, new UnitsReadModel()) };
    await importWorkPlanFile(dependencies, { name: 'v1.csv', content: text(V1) }, { title: TITLE, year: 2026 }, contextOf('v1'));
    const outcome = await importWorkPlanFile(dependencies, { name: 'v2.csv', content: text(V2) }, { title: TITLE, year: 2026, revise: true, dryRun: true }, contextOf('v2'));
    expect(outcome.revision).toMatchObject({ added: [], withdrawn: [], redated: [], unitsAdded: [], unitsRemoved: [] });
    expect(outcome.notes.notices?.map((notice) => notice.reasonZh)).toEqual(expect.arrayContaining(['事项“加强组织领导”在文件中编号为 1.1，即方案中的事项 2.1：保留编号 2.1 及其进度。', '事项“加强组织领导”在文件中编号为 2.1，即方案中的事项 1.1：保留编号 1.1 及其进度。']));
    store.close();
  });
});

describe('an item inserted above an item reworded in the same version (breaker10b N1)', () => {
  const unit = (unitId: string) => ({ unitId, name: unitId });
  const withUnits = (each: ValidatedPlanItem, lead: string, dueDate: string): ValidatedPlanItem => ({ ...each, leadUnits: [unit(lead)], dueDate });
  const before = [
    { code: '1', title: 'W甲 推进决策公开', leadUnitIds: ['czj'], responsibleUnitIds: [], dueDate: '2026-12-31' },
    { code: '2', title: 'W乙 推进价格信息公开', leadUnitIds: ['fgw'], responsibleUnitIds: [], dueDate: '2026-12-15' },
    { code: '3', title: 'W丙 推进教育信息公开', leadUnitIds: ['jyj'], responsibleUnitIds: [], dueDate: '2026-12-20' },
  ];

  it('matches the reworded item by its lead, units and due date: it keeps its code and progress, the inserted one is new', () => {
    const next = planOf(
      withUnits(item('1', 'W甲 推进决策公开', 2), 'czj', '2026-12-31'),
      withUnits(item('2', 'W新 推进救助信息公开', 3), 'mzj', '2026-12-31'),
      withUnits(item('3', 'W乙 推进价格和收费信息公开', 4), 'fgw', '2026-12-15'),
      withUnits(item('4', 'W丙 推进教育信息公开', 5), 'jyj', '2026-12-20'),
    );
    const renumbering = renumberedByContent(before, next, never);
    expect(codesOf(renumbering!.plan)).toEqual(['1 W甲 推进决策公开', '4 W新 推进救助信息公开', '2 W乙 推进价格和收费信息公开', '3 W丙 推进教育信息公开']);
    expect(renumbering!.notices.map((notice) => notice.reasonZh)).toContain(
      '事项“W乙 推进价格和收费信息公开”在文件中编号为 3，其牵头单位、责任单位和完成时限与方案中的事项 2“W乙 推进价格信息公开”相同：按该事项修改表述，保留编号 2 及其进度。',
    );
  });

  it('when two unmatched items share the lead, units and date and both read like the item, refuses naming both: neither is given its progress by its code (breaker10m P15)', () => {
    const next = planOf(
      withUnits(item('1', 'W甲 推进决策公开', 2), 'czj', '2026-12-31'),
      withUnits(item('2', 'W新 推进价格公开', 3), 'fgw', '2026-12-15'),
      withUnits(item('3', 'W乙 推进价格和收费信息公开', 4), 'fgw', '2026-12-15'),
      withUnits(item('4', 'W丙 推进教育信息公开', 5), 'jyj', '2026-12-20'),
    );
    const renumbering = renumberedByContent(before, next, never);
    expect(renumbering!.unsure!.map((problem) => [problem.row, problem.reasonZh])).toEqual([
      [
        3,
        '事项“W新 推进价格公开”在文件中编号为 2，该编号在方案中是事项 2“W乙 推进价格信息公开”，标题不同，且本版本的行已移位（有事项插入或删除）：无法确定事项 2 现在是第 3 行“W新 推进价格公开”还是第 4 行“W乙 推进价格和收费信息公开”，按任一行处理都会把事项 2 的任务和进度交给它。请在文件中保留事项 2 的编号和标题，新增事项使用最后一个编号之后的编号；如需修改事项 2 的表述，请单独导入只做此项修改的版本。',
      ],
    ]);
  });
});
