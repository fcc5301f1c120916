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
import { workPlanIdFor } from '../domain/work-plan.events.js';
import { importWorkPlanFile } from '../import-work-plan/import-work-plan.js';
import { addWorkPlanItem, type NewWorkPlanItem } from './add-work-plan-item.js';

/*
 * breaker50-10 S5: addWorkPlanItem took an item of the same title and lead as one of its 大项 (「开展政务公开业务培训」 twice, led by
 * 政务公开办), after which the plan's own export was refused as 「同一项任务列了两次」 — the file rule (breaker49-10 S8) and the single
 * item's disagreed. One rule: the item is refused naming the one it repeats; a title worded apart, or another lead, is added.
 */
describe('an item added by hand repeating one of its 大项 (breaker50-10 S5)', () => {
  const text = (csv: string) => new TextEncoder().encode(csv);
  const TITLE = '澜州市2026年政务公开重点任务分解方案';
  const PLAN = workPlanIdFor(2026, TITLE);
  const admin: Actor = { id: 'admin', role: 'SUPERVISOR', unitId: null };
  const contextOf = (key: string, now: string, commandType = 'AddWorkPlanItem'): CommandContext => commandContext({ actor: admin, commandType, idempotencyKey: key, now: new Date(now) });
  const V1 = `${TITLE},,,\n序号,工作任务,牵头单位,完成时限\n一、组织保障,,,\n1,开展政务公开业务培训,澜州市政务公开办公室,2026年9月30日前\n2,公开执行进度,澜州市财政局,2026年12月底前\n`;
  let dependencies: ImportDependencies;
  let units: UnitsReadModel;
  const item = (code: string, title: string, leadCode: string): NewWorkPlanItem => ({
    planId: PLAN,
    categoryCode: '一',
    code,
    title,
    description: '',
    measures: '',
    leadUnitId: units.byCode(leadCode)!.id,
    responsibleUnitIds: [],
    dueDate: '2026-12-31',
    reason: '下半年再培训一轮',
    assignedOn: '2026-07-15',
  });

  beforeEach(async () => {
    const store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'rectify-repeated-task-')), 'events.db'));
    const schemas = allEventSchemas();
    const csv = '编码,名称,类型\nCZJ,澜州市财政局,部门\nGKB,澜州市政务公开办公室,部门\n';
    await importUnitsFile({ store, schemas, units: new UnitsReadModel() }, { name: 'units.csv', content: text(csv) }, contextOf('units', '2026-01-05T09:00:00+08:00', 'ImportUnits'));
    units = await replayLog(store, schemas, new UnitsReadModel());
    dependencies = { store, schemas, units };
    await importWorkPlanFile(dependencies, { name: 'v1.csv', content: text(V1) }, { approvedOn: '2026-02-20' }, contextOf('v1', '2026-02-20T09:00:00+08:00', 'ImportWorkPlan'));
  });
  afterEach(() => dependencies.store.close());

  it('refuses the same title and lead in the 大项, naming the item it repeats, and writes nothing', async () => {
    const before = (await dependencies.store.readAll()).length;
    let refusal: unknown;
    try {
      await addWorkPlanItem(dependencies, item('3', '开展政务公开业务培训。', 'GKB'), contextOf('add-3', '2026-07-15T10:00:00+08:00'));
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as DomainError).code).toBe('BAD_USER_INPUT');
    expect((refusal as DomainError).messageZh).toContain(`工作方案“${TITLE}”的大项 一 已有事项 1“开展政务公开业务培训”，牵头单位同为澜州市政务公开办公室：同一大项中名称相同、牵头单位相同，是同一项任务列了两次`);
    expect((refusal as DomainError).messageZh).toContain('（如“开展政务公开业务培训。（第二轮）”）');
    expect((await dependencies.store.readAll()).length).toBe(before);
  });

  it('adds the title worded apart, or the same title under another lead', async () => {
    await expect(addWorkPlanItem(dependencies, item('3', '开展政务公开业务培训（第二轮）', 'GKB'), contextOf('add-3', '2026-07-15T10:00:00+08:00'))).resolves.toMatchObject({ itemId: expect.any(String) });
    await expect(addWorkPlanItem(dependencies, item('4', '开展政务公开业务培训', 'CZJ'), contextOf('add-4', '2026-07-15T10:01:00+08:00'))).resolves.toMatchObject({ itemId: expect.any(String) });
  });
});
