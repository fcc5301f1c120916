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
import { describeWorkPlanImportZh, importWorkPlanFile } from '../import-work-plan/import-work-plan.js';
import type { ValidatedPlan, ValidatedPlanItem } from '../import/plan-validation.js';
import { mayBeReworded, renumberedByContent } from './renumbered-items.js';

/*
 * breaker10r P2: an office deletes a task and writes another under its number (2 推进决算公开 → 2 规范依申请公开答复文书, same lead,
 * same 9月底前). It is another task: added under a new code, the old item left out of the version (withdrawn, or kept for its
 * reported or verified work) with its reports — never the old item reworded, its report standing for the new task. A title
 * reworded keeps half its words (or holds the old one whole) and is said with the old title: 修改表述 1 项（2：A → B）.
 */

describe('a row under a standing item\'s number with a title that is not that item\'s reworded (breaker10r P2)', () => {
  const unit = (unitId: string) => ({ unitId, name: unitId });
  const row = (code: string, title: string, line: number, lead: string, dueDate: string): ValidatedPlanItem => ({
    row: line,
    code,
    title,
    description: '',
    measures: '',
    leadUnits: [unit(lead)],
    responsibleUnits: [],
    dueDate,
  });
  const planOf = (...items: ValidatedPlanItem[]): ValidatedPlan => ({ title: 'T', year: 2026, categories: [{ code: '一', title: '决策公开', items }] });
  const codesOf = (plan: ValidatedPlan) => plan.categories.flatMap((category) => category.items.map((each) => `${each.code} ${each.title}`));
  const standing = [
    { code: '1', title: '推进预算公开', leadUnitIds: ['czj'], responsibleUnitIds: [], dueDate: '2026-06-30' },
    { code: '2', title: '推进决算公开', leadUnitIds: ['czj'], responsibleUnitIds: [], dueDate: '2026-09-30' },
    { code: '3', title: '公开执行进度', leadUnitIds: ['fgw'], responsibleUnitIds: [], dueDate: '2026-12-31' },
  ];

  it('tells a reworded title from another task by the words they share, never by units and date', () => {
    expect(mayBeReworded('推进决算公开并做好解读', '推进决算公开')).toBe(true);
    expect(mayBeReworded('甲事项（修订）', '甲事项')).toBe(true);
    expect(mayBeReworded('推进价格和收费信息公开', '推进价格信息公开')).toBe(true);
    expect(mayBeReworded('规范依申请公开答复文书', '推进决算公开')).toBe(false);
    expect(mayBeReworded('推进预算执行公开', '推进决算公开')).toBe(false);
  });

  it('adds the other task under the next free code, in place (same lead, same date): the standing item is left out of the version', () => {
    const next = planOf(row('1', '推进预算公开', 4, 'czj', '2026-06-30'), row('2', '规范依申请公开答复文书', 5, 'czj', '2026-09-30'), row('3', '公开执行进度', 6, 'fgw', '2026-12-31'));
    const renumbering = renumberedByContent(standing, next, () => false);
    expect(codesOf(renumbering!.plan)).toEqual(['1 推进预算公开', '4 规范依申请公开答复文书', '3 公开执行进度']);
    expect(renumbering!.unsure ?? []).toEqual([]);
    expect(renumbering!.notices.map((notice) => [notice.row, notice.reasonZh])).toEqual([
      [
        5,
        '事项“规范依申请公开答复文书”在文件中编号为 2，该编号在方案中是事项 2“推进决算公开”，两者标题相同的字词不到一半，不是同一事项修改表述，而是另一项任务：作为事项 4 新增；原事项 2 视为本版本删去的事项（撤销，有已核验或待督查的工作则保留），其报告和进度仍归原事项，不转给新事项。',
      ],
    ]);
  });

  it('takes a title like the item\'s but naming none of its units for another task (breaker48-10 S1); one unit kept: the item reworded', () => {
    const other = planOf(row('1', '推进预算公开', 4, 'czj', '2026-06-30'), row('2', '推进决算公开工作', 5, 'jtj', '2026-10-31'), row('3', '公开执行进度', 6, 'fgw', '2026-12-31'));
    const renumbering = renumberedByContent(standing, other, () => false);
    expect(codesOf(renumbering!.plan)).toEqual(['1 推进预算公开', '4 推进决算公开工作', '3 公开执行进度']);
    expect(renumbering!.notices.map((notice) => [notice.row, notice.reasonZh])).toEqual([
      [
        5,
        '事项“推进决算公开工作”在文件中编号为 2，该编号在方案中是事项 2“推进决算公开”，但本行的单位（jtj）都不是原事项的牵头或责任单位，不是同一事项修改表述，而是另一项任务：作为事项 4 新增；原事项 2 视为本版本删去的事项（撤销，有已核验或待督查的工作则保留），其报告和进度仍归原事项，不转给新事项。',
      ],
    ]);
    const kept = planOf(row('1', '推进预算公开', 4, 'czj', '2026-06-30'), { ...row('2', '推进决算公开工作', 5, 'jtj', '2026-10-31'), responsibleUnits: [unit('czj')] }, row('3', '公开执行进度', 6, 'fgw', '2026-12-31'));
    expect(renumberedByContent(standing, kept, () => false)).toBeNull();
  });

  it('never matches another task by units and date across shifted rows: the moved item keeps its code, the other task is new', () => {
    // 2 deleted, a new task of the same lead and date inserted below 3, which moved up to 2.
    const next = planOf(row('1', '推进预算公开', 4, 'czj', '2026-06-30'), row('2', '公开执行进度', 5, 'fgw', '2026-12-31'), row('3', '规范依申请公开答复文书', 6, 'czj', '2026-09-30'));
    const renumbering = renumberedByContent(standing, next, () => false);
    expect(codesOf(renumbering!.plan)).toEqual(['1 推进预算公开', '3 公开执行进度', '4 规范依申请公开答复文书']);
    expect(renumbering!.notices.map((notice) => notice.reasonZh)).toEqual([
      '事项“公开执行进度”在文件中编号为 2，即方案中的事项 3：保留编号 3 及其进度。',
      '事项“规范依申请公开答复文书”在文件中编号为 3，而该编号在方案中属于另一事项：作为事项 4 新增。',
    ]);
  });
});

describe('an office\'s July version putting another task under number 2 (breaker10r C1-v1 → C1-v3, on a real store)', () => {
  const operator: Actor = { id: 'cli:operator', role: 'SYSTEM', unitId: null };
  const contextOf = (key: string, now: string): CommandContext => commandContext({ actor: operator, commandType: 'ImportWorkPlan', idempotencyKey: key, now: new Date(now) });
  const text = (csv: string) => new TextEncoder().encode(csv);
  const TITLE = '澜州市2026年政务公开重点任务分解方案';
  const PLAN = workPlanIdFor(2026, TITLE);
  const CZJ = unitIdForCode('CZJ');
  const HEADER = '附件1,,,,\n' + `${TITLE},,,,\n` + '序号,工作任务,牵头单位,配合单位,完成时限\n';
  const versionWith = (second: string) =>
    HEADER +
    '一、决策公开,,,,\n' +
    '1,推进预算公开,澜州市财政局,澜州市教育局,2026年6月底前\n' +
    `2,${second},澜州市财政局,,2026年9月底前\n` +
    '3,公开执行进度,澜州市发展和改革委员会,澜州市民政局,2026年12月底前\n' +
    '二、平台建设,,,,\n' +
    '4,推进网站集约化,澜州市数据资源管理局,,2026年9月底前\n';
  let dependencies: ImportDependencies;
  const item = async (code: string) => {
    const state = await loadState(dependencies.store, dependencies.schemas, workPlanItemStream(workPlanItemIdFor(PLAN, code)), workPlanItemDecider);
    if (state.status === 'empty') throw new Error(`item ${code} missing`);
    return state;
  };

  beforeEach(async () => {
    const store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'rectify-replaced-')), 'events.db'));
    const schemas = allEventSchemas();
    const units = '编码,名称,类型\nCZJ,澜州市财政局,部门\nJYJ,澜州市教育局,部门\nFGW,澜州市发展和改革委员会,部门\nMZJ,澜州市民政局,部门\nSJJ,澜州市数据资源管理局,部门\n';
    await importUnitsFile({ store, schemas, units: new UnitsReadModel() }, { name: 'units.csv', content: text(units) }, contextOf('units', '2026-01-05T09:00:00+08:00'));
    dependencies = { store, schemas, units: await replayLog(store, schemas, new UnitsReadModel()) };
    await importWorkPlanFile(dependencies, { name: 'C1-v1.csv', content: text(versionWith('推进决算公开')) }, { approvedOn: '2026-02-20', assignedOn: '2026-02-25' }, contextOf('v1', '2026-02-25T09:00:00+08:00'));
    const czj: Actor = { id: 'user-czj', role: 'UNIT', unitId: CZJ };
    await executeCommand(dependencies.store, dependencies.schemas, workPlanItemStream(workPlanItemIdFor(PLAN, '2')), workPlanItemDecider, {
      type: 'ReportRectification',
      actor: czj,
      today: '2026-04-10',
      reportedOn: '2026-04-10',
      unitId: CZJ,
      summary: '决算公开进行中',
      evidence: [{ title: '材料', link: null, documentRef: '澜财〔2026〕3号' }],
    }, commandContext({ actor: czj, commandType: 'ReportWorkPlanItem', idempotencyKey: 'report-2', now: new Date('2026-04-10T09:00:00+08:00') }));
  });
  afterEach(() => dependencies.store.close());

  const importVersion = (second: string, options: { dryRun?: boolean; revise?: boolean }) =>
    importWorkPlanFile(dependencies, { name: 'C1-v3.csv', content: text(versionWith(second)) }, { assignedOn: '2026-06-15', ...options }, contextOf(`v3-${second}-${JSON.stringify(options)}`, '2026-06-15T09:00:00+08:00'));

  it('the dry run and the import say the same: a new item 5, item 2 kept for its report awaiting inspection, nothing reworded', async () => {
    const preview = await importVersion('规范依申请公开答复文书', { dryRun: true });
    expect(preview.revision).toMatchObject({ added: [{ code: '5', title: '规范依申请公开答复文书' }], amended: [], withdrawn: [], itemsKept: [{ code: '2', title: '推进决算公开' }] });
    const applied = await importVersion('规范依申请公开答复文书', { revise: true });
    expect(applied.revision).toEqual(preview.revision);
    expect(describeWorkPlanImportZh(applied)).toContain('新增事项 1 项（5），保留待督查事项 1 项（2：');
    expect(describeWorkPlanImportZh(applied).split('。')[0]).not.toContain('修改表述');
    // The report stays with the task it was about; the new task starts unreported.
    const old = await item('2');
    expect(old.definition.title).toBe('推进决算公开');
    expect(partOf(old.assignments, CZJ)).toMatchObject({ status: 'REPORTED', reportCount: 1 });
    const added = await item('5');
    expect(added.definition.title).toBe('规范依申请公开答复文书');
    expect(partOf(added.assignments, CZJ)).toMatchObject({ status: 'ASSIGNED', reportCount: 0, dueDate: '2026-09-30' });
  });

  it('a title like item 2\'s naming none of its units is another task: item 2 keeps its report, the new task starts unreported (breaker48-10 S1)', async () => {
    const version = versionWith('推进决算公开').replace('2,推进决算公开,澜州市财政局,,2026年9月底前', '2,推进决算信息公开,澜州市民政局,,2026年10月底前');
    const applied = await importWorkPlanFile(dependencies, { name: 'C1-v4.csv', content: text(version) }, { assignedOn: '2026-06-15', revise: true }, contextOf('v4', '2026-06-15T09:00:00+08:00'));
    expect(applied.revision).toMatchObject({ added: [{ code: '5', title: '推进决算信息公开' }], amended: [], withdrawn: [], itemsKept: [{ code: '2', title: '推进决算公开' }] });
    expect(describeWorkPlanImportZh(applied).split('。')[0]).not.toContain('修改表述');
    const old = await item('2');
    expect(old.definition.title).toBe('推进决算公开');
    expect(partOf(old.assignments, CZJ)).toMatchObject({ status: 'REPORTED', reportCount: 1 });
    const added = await item('5');
    expect(partOf(added.assignments, CZJ)).toBeUndefined();
    expect(partOf(added.assignments, unitIdForCode('MZJ'))).toMatchObject({ status: 'ASSIGNED', reportCount: 0, dueDate: '2026-10-31' });
  });

  it('a title reworded (the old words kept) stays item 2 with its report, said with both titles', async () => {
    const applied = await importVersion('推进决算公开并做好解读', { revise: true });
    expect(applied.revision).toMatchObject({ added: [], withdrawn: [], amended: [{ code: '2', title: '推进决算公开并做好解读', previousTitle: '推进决算公开' }] });
    expect(describeWorkPlanImportZh(applied)).toContain('修改表述 1 项（2：推进决算公开 → 推进决算公开并做好解读）');
    expect(partOf((await item('2')).assignments, CZJ)).toMatchObject({ status: 'REPORTED', reportCount: 1 });
  });
});
