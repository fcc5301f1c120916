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

async function planImported(): Promise<ImportDependencies> {
  const store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'rectify-no-lead-column-')), 'events.db'));
  const schemas = allEventSchemas();
  const units = await readFile(fileURLToPath(new URL('../../../samples/units.csv', import.meta.url)));
  await importUnitsFile({ store, schemas, units: new UnitsReadModel() }, { name: 'units.csv', content: new Uint8Array(units) }, at('units', '2026-01-05'));
  const dependencies = { store, schemas, units: await replayLog(store, schemas, new UnitsReadModel()) };
  await importWorkPlanFile(dependencies, v1, { approvedOn: '2026-03-01' }, at('v1', '2026-03-02'));
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
