import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allEventSchemas } from '../../event-sourcing/all-event-schemas.js';
import { replayLog } from '../../event-sourcing/replay-log.js';
import { SqliteEventStore } from '../../event-store/sqlite-event-store.js';
import { importUnitsFile } from '../../organization/import-units/import-units.js';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import { commandContext, type Actor, type CommandContext } from '../../shared/command-context.js';
import type { ImportDependencies } from '../../imports/import-run.js';
import { describeWorkPlanImportZh, importWorkPlanFile } from '../import-work-plan/import-work-plan.js';

/*
 * breaker10s P1 (serious): a plan imported with section rows (一、健全依法决策机制 / 二、规范行政执法) revised by a version that names its 大项 in
 * a 大项 column by title only (健全依法决策机制, no 一) re-coded every 大项 to its name: the dry run said 「修改表述 8 项」 though no title
 * changed, and a day before the version showed one 大项 as two. Given such a version, when it is read, then each 大项 keeps the plan's code
 * (told), only the real change is said, and the plan's outline keeps its codes.
 */
describe('a version naming its 大项 by title only keeps the plan\'s codes (breaker10s P1)', () => {
  const operator: Actor = { id: 'cli:operator', role: 'SYSTEM', unitId: null };
  const contextOf = (key: string, now = '2026-07-05T09:00:00+08:00'): CommandContext => commandContext({ actor: operator, commandType: 'ImportWorkPlan', idempotencyKey: key, now: new Date(now) });
  const text = (csv: string) => new TextEncoder().encode(csv);
  const TITLE = '青川市2026年法治政府建设工作任务分工方案';
  const ROWS = [
    ['1', '健全重大行政决策程序', '青川市司法局', '2026年9月底前'],
    ['2', '落实合法性审查', '青川市司法局', '2026年10月底前'],
    ['3', '推行执法公示制度', '青川市财政局', '2026年11月底前'],
    ['4', '规范执法全过程记录', '青川市财政局', '2026年12月底前'],
  ];
  const row = ([code, title, lead, due]: string[]) => `${code},${title},${lead},${due}\n`;
  const V1 = `${TITLE},,,\n序号,工作任务,牵头单位,完成时限\n一、健全依法决策机制,,,\n${row(ROWS[0]!)}${row(ROWS[1]!)}二、规范行政执法,,,\n${row(ROWS[2]!)}${row(ROWS[3]!)}`;
  const byName = (fourth = '2026年12月底前') =>
    `${TITLE},,,,\n大项,序号,工作任务,牵头单位,完成时限\n` +
    [ROWS[0]!, ROWS[1]!].map((each) => `健全依法决策机制,${row(each)}`).join('') +
    `规范行政执法,${row(ROWS[2]!)}` +
    `规范行政执法,${row([ROWS[3]![0]!, ROWS[3]![1]!, ROWS[3]![2]!, fourth])}`;
  let dependencies: ImportDependencies;

  beforeEach(async () => {
    const store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'rectify-category-names-')), 'events.db'));
    const schemas = allEventSchemas();
    await importUnitsFile({ store, schemas, units: new UnitsReadModel() }, { name: 'units.csv', content: text('编码,名称,类型\nSFJ,青川市司法局,部门\nCZJ,青川市财政局,部门\n') }, contextOf('units', '2026-01-05T09:00:00+08:00'));
    dependencies = { store, schemas, units: await replayLog(store, schemas, new UnitsReadModel()) };
    await importWorkPlanFile(dependencies, { name: 'plan-c.csv', content: text(V1) }, { approvedOn: '2026-03-01', assignedOn: '2026-03-01' }, contextOf('v1'));
  });
  afterEach(() => dependencies.store.close());
  const version = (csv: string, options: { dryRun?: boolean; revise?: boolean }) =>
    importWorkPlanFile(dependencies, { name: 'c-cat.csv', content: text(csv) }, { assignedOn: '2026-07-05', ...options }, contextOf(`v2-${JSON.stringify(options)}-${csv.length}`));

  it('when item 4 is re-dated, then the dry run and the revision say only that; each 大项 keeps its code, told', async () => {
    const preview = await version(byName('2026年11月底前'), { dryRun: true });
    const applied = await version(byName('2026年11月底前'), { revise: true });
    for (const outcome of [preview, applied]) {
      expect(outcome.revision).toMatchObject({ added: [], withdrawn: [], amended: [], redated: [{ code: '4' }] });
      expect(outcome.categories.map(({ code, title, items }) => ({ code, title, items: items.map((item) => item.code) }))).toEqual([
        { code: '一', title: '健全依法决策机制', items: ['1', '2'] },
        { code: '二', title: '规范行政执法', items: ['3', '4'] },
      ]);
      expect(outcome.notes.notices?.map((notice) => notice.reasonZh)).toContain('本版本的大项只写了名称，没有编号：按名称对应方案中原有的大项，编号不变（一 健全依法决策机制、二 规范行政执法）。');
    }
    expect(describeWorkPlanImportZh(applied)).not.toContain('修改表述');
  });

  it('when nothing changed, then the version changes nothing (no 大项 re-coded, no item reworded)', async () => {
    const applied = await version(byName(), { revise: true });
    expect(applied.revision?.amended ?? []).toEqual([]);
    expect(applied.categories.map(({ code }) => code)).toEqual(['一', '二']);
    expect(describeWorkPlanImportZh(applied)).not.toContain('修改表述');
  });

  it('a 大项 named by a title the plan does not have is a new 大项, as before', async () => {
    const withNew = byName() + '推进政务公开,5,公开执法决定,青川市司法局,2026年12月底前\n';
    const applied = await version(withNew, { dryRun: true });
    expect(applied.revision).toMatchObject({ added: [{ code: '5' }], amended: [] });
    expect(applied.categories.map(({ code }) => code)).toEqual(['一', '二', '推进政务公开']);
  });
});
