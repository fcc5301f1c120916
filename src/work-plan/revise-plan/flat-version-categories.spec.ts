import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allEventSchemas } from '../../event-sourcing/all-event-schemas.js';
import { replayLog } from '../../event-sourcing/replay-log.js';
import { SqliteEventStore } from '../../event-store/sqlite-event-store.js';
import { importUnitsFile } from '../../organization/import-units/import-units.js';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import { commandContext, type Actor, type CommandContext } from '../../shared/command-context.js';
import { DomainError } from '../../shared/domain-error.js';
import type { ImportDependencies } from '../../imports/import-run.js';
import { describeWorkPlanImportZh, importWorkPlanFile } from '../import-work-plan/import-work-plan.js';

/*
 * breaker10r P11 (C1-v1 → C2-v2-flat): the office's June version is typed as a plain list, without the 一、/二、 section rows, one
 * item re-dated. It keeps the plan's 大项 (一 决策公开, 二 平台建设) and says only the re-dating — never 「一 未分类」 holding every
 * item, 二 平台建设 gone, told as 「修改表述 1 项」.
 */
describe('a revision written as a flat list keeps the 大项 already recorded (breaker10r P11)', () => {
  const operator: Actor = { id: 'cli:operator', role: 'SYSTEM', unitId: null };
  const contextOf = (key: string, now = '2026-06-15T09:00:00+08:00'): CommandContext => commandContext({ actor: operator, commandType: 'ImportWorkPlan', idempotencyKey: key, now: new Date(now) });
  const text = (csv: string) => new TextEncoder().encode(csv);
  const TITLE = '澜州市2026年政务公开重点任务分解方案';
  const HEADER = '附件1,,,,\n' + `${TITLE},,,,\n` + '序号,工作任务,牵头单位,配合单位,完成时限\n';
  const ROW = {
    1: '1,推进预算公开,澜州市财政局,澜州市教育局,2026年6月底前\n',
    2: '2,推进决算公开,澜州市财政局,,2026年9月底前\n',
    3: '3,公开执行进度,澜州市发展和改革委员会,澜州市民政局,2026年12月底前\n',
    4: '4,推进网站集约化,澜州市数据资源管理局,,2026年9月底前\n',
  };
  const V1 = HEADER + '一、决策公开,,,,\n' + ROW[1] + ROW[2] + ROW[3] + '二、平台建设,,,,\n' + ROW[4];
  const FLAT = HEADER.replace(`${TITLE},`, `${TITLE}（2026年6月调整）,`) + ROW[1] + ROW[2] + ROW[3] + ROW[4].replace('9月底前', '10月底前');
  let dependencies: ImportDependencies;

  const setUp = async (v1: string) => {
    const store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'rectify-flat-version-')), 'events.db'));
    const schemas = allEventSchemas();
    const units = '编码,名称,类型\nCZJ,澜州市财政局,部门\nJYJ,澜州市教育局,部门\nFGW,澜州市发展和改革委员会,部门\nMZJ,澜州市民政局,部门\nSJJ,澜州市数据资源管理局,部门\n';
    await importUnitsFile({ store, schemas, units: new UnitsReadModel() }, { name: 'units.csv', content: text(units) }, contextOf('units', '2026-01-05T09:00:00+08:00'));
    dependencies = { store, schemas, units: await replayLog(store, schemas, new UnitsReadModel()) };
    await importWorkPlanFile(dependencies, { name: 'C1-v1.csv', content: text(v1) }, { approvedOn: '2026-02-20', assignedOn: '2026-02-25' }, contextOf('v1'));
  };
  afterEach(() => dependencies.store.close());
  const importFlat = (csv: string, options: { dryRun?: boolean; revise?: boolean }) =>
    importWorkPlanFile(dependencies, { name: 'C2-v2-flat.csv', content: text(csv) }, { assignedOn: '2026-06-15', ...options }, contextOf(`flat-${JSON.stringify(options)}-${csv.length}`));

  it('the dry run and the revision re-date item 4 only; both 大项 stand with their items', async () => {
    await setUp(V1);
    const preview = await importFlat(FLAT, { dryRun: true });
    const applied = await importFlat(FLAT, { revise: true });
    for (const outcome of [preview, applied]) {
      expect(outcome.revision).toMatchObject({ added: [], withdrawn: [], amended: [], redated: [{ code: '4' }] });
      // Each 大项 with its items (the preview lists them): which items stand under it, not how they read.
      expect(outcome.categories.map(({ code, title, itemCount, items }) => ({ code, title, itemCount, items: items.map((item) => item.code) }))).toEqual([
        { code: '一', title: '决策公开', itemCount: 3, items: ['1', '2', '3'] },
        { code: '二', title: '平台建设', itemCount: 1, items: ['4'] },
      ]);
      expect(outcome.notes.notices?.map((notice) => notice.reasonZh)).toContain('本版本没有“类别”列，也没有分节行：各事项保留在方案中原有的大项（一 决策公开、二 平台建设）。');
    }
    expect(describeWorkPlanImportZh(applied)).not.toContain('未分类');
    expect(describeWorkPlanImportZh(applied)).not.toContain('修改表述');
  });

  it('an item new to the plan in a flat version, with several 大项 to put it in, is refused naming it; nothing written', async () => {
    await setUp(V1);
    const before = (await dependencies.store.readAll()).length;
    const withNew = FLAT + '5,规范依申请公开答复文书,澜州市财政局,,2026年11月底前\n';
    const refusal = await importFlat(withNew, { revise: true }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as DomainError).messageZh).toContain('事项 5“规范依申请公开答复文书”是方案中没有的新事项，但本版本没有大项');
    expect((await dependencies.store.readAll()).length).toBe(before);
  });

  it('a plan imported flat and revised flat keeps its one category, and takes a new item into it', async () => {
    await setUp(HEADER + ROW[1] + ROW[2]);
    const applied = await importFlat(HEADER + ROW[1] + ROW[2] + ROW[3], { revise: true });
    expect(applied.revision).toMatchObject({ added: [{ code: '3' }], amended: [] });
    expect(applied.categories.map(({ code, title, itemCount, items }) => ({ code, title, itemCount, items: items.map((item) => item.code) }))).toEqual([
      { code: '一', title: '未分类', itemCount: 3, items: ['1', '2', '3'] },
    ]);
  });
});
