import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allEventSchemas } from '../../event-sourcing/all-event-schemas.js';
import { replayLog } from '../../event-sourcing/replay-log.js';
import { SqliteEventStore } from '../../event-store/sqlite-event-store.js';
import { importUnitsFile } from '../../organization/import-units/import-units.js';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import { commandContext, type Actor } from '../../shared/command-context.js';
import type { ImportDependencies } from '../../imports/import-run.js';
import { workPlanIdFor, workPlanItemIdFor, workPlanItemStream } from '../domain/work-plan.events.js';
import { describeWorkPlanImportZh, importWorkPlanFile, knownPlansOf } from './import-work-plan.js';

/*
 * breaker49-10 S12: an item withdrawn by a version, listed again in a renumbered version (a row inserted above, every number +1), became
 * a new item of the same task (「新增事项 2 项」, 「…作为事项 41 新增」) while every other row was matched by its title to its item. Now it is
 * matched by title too, to the withdrawn item, and reinstated (恢复列入) with its progress and history.
 */

const TITLE = '青川市2026年撤销后重列测试要点';
const operator: Actor = { id: 'cli:operator', role: 'SYSTEM', unitId: null };
const at = (key: string, day: string) => commandContext({ actor: operator, commandType: 'ImportWorkPlan', idempotencyKey: key, now: new Date(`${day}T09:00:00+08:00`) });
const csv = (name: string, rows: readonly string[]) => ({ name, content: new TextEncoder().encode(`${TITLE}\n类别,编号,事项,牵头单位,责任单位,完成时限\n${rows.join('\n')}\n`) });
const row = (code: number, title: string, lead: string, due: string) => `一 公开,${code},${title},${lead},,${due}`;
const TASKS = [
  ['公开行政执法信息', '青川市财政局', '2026-12-31'],
  ['健全工作机构和人员经费保障', '青川市教育局', '2026-10-31'],
  ['公开重大建设项目信息', '青川市民政局', '2026-12-31'],
  ['公开招投标信息', '青川市财政局', '2026-09-30'],
] as const;

async function planWithdrawnItem2() {
  const store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'rectify-withdrawn-renumbered-')), 'events.db'));
  const schemas = allEventSchemas();
  const units = await readFile(fileURLToPath(new URL('../../../samples/units.csv', import.meta.url)));
  await importUnitsFile({ store, schemas, units: new UnitsReadModel() }, { name: 'units.csv', content: new Uint8Array(units) }, at('units', '2026-01-05'));
  const dependencies: ImportDependencies = { store, schemas, units: await replayLog(store, schemas, new UnitsReadModel()) };
  const known = async () => knownPlansOf((await store.readAll()).map((stored) => schemas.upcast(stored)));
  await importWorkPlanFile(dependencies, csv('方案.csv', TASKS.map(([title, lead, due], index) => row(index + 1, title, lead, due))), { approvedOn: '2026-03-01' }, at('v1', '2026-03-02'));
  const v2 = csv('方案-第二版.csv', TASKS.flatMap(([title, lead, due], index) => (index === 1 ? [] : [row(index + 1, title, lead, due)])));
  const withdrawn = await importWorkPlanFile(dependencies, v2, { revise: true, withdrawMissing: true, assignedOn: '2026-08-10', revisionReason: '青政办〔2026〕20号' }, at('v2', '2026-08-10'), await known());
  expect(withdrawn.revision?.withdrawn.map((item) => item.code)).toEqual(['2']);
  // The plan as it stands with a task inserted on top (every number +1) and the withdrawn item's row put back in its place, re-dated.
  const v3 = csv('方案-第三版.csv', [
    row(1, '新增政务服务事项公开', '青川市民政局', '2026-12-31'),
    ...TASKS.map(([title, lead, due], index) => row(index + 2, title, lead, index === 1 ? '2026-12-28' : due)),
  ]);
  return { dependencies, known, v3, store };
}

describe('a withdrawn item listed again in a renumbered version (breaker49-10 S12)', () => {
  it('given item 2 withdrawn by a version, when a renumbered version lists it again under 3, then the dry run reinstates item 2 (恢复列入) and adds only the new task', async () => {
    const { dependencies, known, v3, store } = await planWithdrawnItem2();
    const dry = await importWorkPlanFile(dependencies, v3, { revise: true, dryRun: true, assignedOn: '2026-11-25' }, at('dry', '2026-11-25'), await known());
    expect(dry.revision?.reinstated.map((item) => item.code)).toEqual(['2']);
    expect(dry.revision?.added.map((item) => item.title)).toEqual(['新增政务服务事项公开']);
    expect(dry.revision?.redated).toEqual([expect.objectContaining({ code: '2', to: '2026-12-28' })]);
    expect((dry.notes.notices ?? []).map((notice) => notice.reasonZh)).toContain('事项“健全工作机构和人员经费保障”在文件中编号为 3，即方案中已撤销的事项 2：恢复列入，保留编号 2 及其进度和记录。');
    expect(describeWorkPlanImportZh(dry)).toContain('恢复列入已撤销事项 1 项（2：原有进度保留）');
    store.close();
  });

  // Listing again an item a version withdrew reverses that version's withdrawal: confirmed as for the item under its own number.
  it('given the same, when it is applied, then item 2 is back in the plan with its history, and no second item of that task is defined', async () => {
    const { dependencies, known, v3, store } = await planWithdrawnItem2();
    const applied = await importWorkPlanFile(dependencies, v3, { revise: true, undoLaterRevision: true, assignedOn: '2026-11-25', revisionReason: '青政办〔2026〕31号' }, at('v3', '2026-11-25'), await known());
    expect(applied.revision?.reinstated.map((item) => item.code)).toEqual(['2']);
    const planId = workPlanIdFor(2026, TITLE);
    const history = (await store.readStream(workPlanItemStream(workPlanItemIdFor(planId, '2')))).map((stored) => stored.type);
    expect(history).toEqual(expect.arrayContaining(['WorkPlanItemDefined', 'UnitAssigned', 'WorkPlanItemWithdrawn', 'WorkPlanItemReinstated']));
    const titled = (await store.readAll()).filter((stored) => stored.type === 'WorkPlanItemDefined' && (stored.data as { title?: string }).title === '健全工作机构和人员经费保障');
    expect(titled).toHaveLength(1);
    store.close();
  });
});
