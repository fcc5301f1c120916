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
import { describeWorkPlanImportZh, importWorkPlanFile, knownPlansOf } from './import-work-plan.js';

/*
 * breaker42-10 F5: a version of a plan without a 牵头单位 column was read as a new plan is — the first 责任单位 leads — so every item's
 * lead was removed and a responsible unit made lead. A missing column says nothing of its field (as 责任单位, 具体内容): the leads stay,
 * and the summary names the columns the file lacked.
 */

const TITLE = '青川市2026年缺列测试工作要点';
const operator: Actor = { id: 'cli:operator', role: 'SYSTEM', unitId: null };
const at = (key: string, day: string) => commandContext({ actor: operator, commandType: 'ImportWorkPlan', idempotencyKey: key, now: new Date(`${day}T09:00:00+08:00`) });
const v1 = {
  name: 'v1.csv',
  content: new TextEncoder().encode(`${TITLE}\n类别,编号,事项,牵头单位,责任单位,完成时限\n公开,1,QL甲事项,青川市人民政府办公室,青川市教育局,2026-06-30\n公开,2,QL乙事项,青川市教育局,青川市民政局、青川市财政局,2026-09-30\n`),
};
const withoutLead = (name: string, due: string) => ({
  name,
  content: new TextEncoder().encode(`${TITLE}\n类别,编号,事项,责任单位,完成时限\n公开,1,QL甲事项,青川市教育局,${due}\n公开,2,QL乙事项,青川市民政局、青川市财政局,2026-09-30\n`),
});

/** A store with samples/units.csv registered and the plan `first` (default: `v1`) imported, approved 2026-03-01. */
async function planImported(first: { readonly name: string; readonly content: Uint8Array } = v1): Promise<ImportDependencies> {
  const store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'rectify-no-lead-column-')), 'events.db'));
  const schemas = allEventSchemas();
  const units = await readFile(fileURLToPath(new URL('../../../samples/units.csv', import.meta.url)));
  await importUnitsFile({ store, schemas, units: new UnitsReadModel() }, { name: 'units.csv', content: new Uint8Array(units) }, at('units', '2026-01-05'));
  const dependencies = { store, schemas, units: await replayLog(store, schemas, new UnitsReadModel()) };
  await importWorkPlanFile(dependencies, first, { approvedOn: '2026-03-01' }, at('v1', '2026-03-02'));
  return dependencies;
}

const known = async (dependencies: ImportDependencies) => knownPlansOf((await dependencies.store.readAll()).map((stored) => dependencies.schemas.upcast(stored)));

describe('a version of the plan without a 牵头单位 column', () => {
  it('given a plan with leads, when a version without the 牵头单位 column moves one deadline, then only that deadline is revised, every lead kept, and the summary names the missing column', async () => {
    const dependencies = await planImported();
    const preview = await importWorkPlanFile(dependencies, withoutLead('v2.csv', '2026-11-30'), { revise: true, dryRun: true, assignedOn: '2026-06-15' }, at('v2-preview', '2026-06-15'), await known(dependencies));
    expect(preview.revision).toMatchObject({ redated: [expect.objectContaining({ code: '1', to: '2026-11-30' })], unitsRemoved: [], unitsAdded: [], rolesChanged: [] });
    const summary = describeWorkPlanImportZh(preview);
    expect(summary).toContain('调整时限 1 项');
    expect(summary).not.toContain('移除单位');
    expect(summary).not.toContain('调整牵头/责任分工');
    expect(summary).toContain('本文件没有“牵头单位”列：各事项的牵头单位保持不变。');
    dependencies.store.close();
  });

  it('given a plan with leads, when the same items are sent without the 牵头单位 column, then nothing differs and nothing is written', async () => {
    const dependencies = await planImported();
    const before = (await dependencies.store.readAll()).length;
    const again = await importWorkPlanFile(dependencies, withoutLead('v1-无牵头列.csv', '2026-06-30'), {}, at('same', '2026-06-15'), await known(dependencies));
    expect(again).toMatchObject({ eventCount: 0, revision: null, unitCount: 4 });
    expect((await dependencies.store.readAll()).length).toBe(before);
    dependencies.store.close();
  });
});

/*
 * issue 10: a version of a plan without a 完成时限 column was refused 「缺少“完成时限”列」 — unlike 牵头单位, 责任单位 or 具体内容, whose
 * absence is no change to the field (breaker42-10 F5). A version without it keeps every item's due date; the summary names the
 * missing column; a new plan, or a new item of the version, without one is still refused.
 */
const DUE_TITLE = '青川市2026年缺时限列测试工作要点';
const csv = (name: string, text: string) => ({ name, content: new TextEncoder().encode(text) });
const dueV1 = csv('v1.csv', `${DUE_TITLE}\n类别,编号,事项,牵头单位,责任单位,完成时限\n公开,1,QD甲事项,青川市人民政府办公室,青川市教育局,2026-06-30\n公开,2,QD乙事项,青川市教育局,青川市民政局,2026-09-30\n`);
const noDue = (name: string, rows: string) => csv(name, `${DUE_TITLE}\n类别,编号,事项,牵头单位,责任单位\n${rows}`);

const refusalOf = async (run: Promise<unknown>) => run.then(() => 'imported', (error: Error) => error.message);

describe('a version of the plan without a 完成时限 column (issue 10)', () => {
  it('given a plan, when a version without 完成时限 adds a unit, then only the unit is revised, every due date kept, and the summary names the missing column', async () => {
    const dependencies = await planImported(dueV1);
    const rows = '公开,1,QD甲事项,青川市人民政府办公室,青川市教育局、青川市财政局\n公开,2,QD乙事项,青川市教育局,青川市民政局\n';
    const preview = await importWorkPlanFile(dependencies, noDue('v2.csv', rows), { revise: true, dryRun: true, assignedOn: '2026-06-15' }, at('v2-preview', '2026-06-15'), await known(dependencies));
    expect(preview.revision).toMatchObject({ redated: [], unitsAdded: [expect.objectContaining({ code: '1' })] });
    expect(describeWorkPlanImportZh(preview)).toContain('本文件没有“完成时限”列：各事项的完成时限保持不变。');
    await importWorkPlanFile(dependencies, noDue('v2.csv', rows), { revise: true, assignedOn: '2026-06-15' }, at('v2', '2026-06-15'), await known(dependencies));
    // Applied, the same file again differs in nothing: the dates it kept are the plan's.
    const again = await importWorkPlanFile(dependencies, noDue('v2.csv', rows), { revise: true, dryRun: true, assignedOn: '2026-06-16' }, at('v2-again', '2026-06-16'), await known(dependencies));
    expect(again.revision === null || (again.revision.redated.length === 0 && again.revision.unitsAdded.length === 0)).toBe(true);
    dependencies.store.close();
  });

  it('given a plan, when its items are sent again without 完成时限, then nothing differs and nothing is written', async () => {
    const dependencies = await planImported(dueV1);
    const before = (await dependencies.store.readAll()).length;
    const again = await importWorkPlanFile(dependencies, noDue('v1-无时限列.csv', '公开,1,QD甲事项,青川市人民政府办公室,青川市教育局\n公开,2,QD乙事项,青川市教育局,青川市民政局\n'), {}, at('same', '2026-06-15'), await known(dependencies));
    expect(again).toMatchObject({ eventCount: 0, revision: null });
    expect((await dependencies.store.readAll()).length).toBe(before);
    dependencies.store.close();
  });

  it('a version adding an item without 完成时限 is refused naming the item; a new plan without the column is refused as before — nothing written', async () => {
    const dependencies = await planImported(dueV1);
    const before = (await dependencies.store.readAll()).length;
    const added = noDue('v3.csv', '公开,1,QD甲事项,青川市人民政府办公室,青川市教育局\n公开,2,QD乙事项,青川市教育局,青川市民政局\n公开,3,QD丙事项,青川市教育局,青川市民政局\n');
    expect(await refusalOf(importWorkPlanFile(dependencies, added, { revise: true, assignedOn: '2026-06-15' }, at('v3', '2026-06-15'), await known(dependencies)))).toContain('Item 3 (QD丙事项) is not in the plan, and the file has no 完成时限 (due date) column');
    const other = csv('other.csv', '青川市2026年另一份工作要点\n类别,编号,事项,牵头单位,责任单位\n公开,1,QD丁事项,青川市教育局,青川市民政局\n');
    expect(await refusalOf(importWorkPlanFile(dependencies, other, { approvedOn: '2026-03-01' }, at('other', '2026-06-15'), await known(dependencies)))).toContain('Missing column 完成时限 (due date)');
    expect((await dependencies.store.readAll()).length).toBe(before);
    dependencies.store.close();
  });
});
