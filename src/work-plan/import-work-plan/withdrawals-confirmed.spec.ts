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
import { inToolWords } from '../../cli/tool-words.js';
import { commandContext, type Actor } from '../../shared/command-context.js';
import { DomainError } from '../../shared/domain-error.js';
import type { ImportDependencies } from '../../imports/import-run.js';
import { describeWorkPlanImportZh, importWorkPlanFile, knownPlansOf } from './import-work-plan.js';

/*
 * newcomer49-10 S4: a 「…调整表」 listing only the item that changed (as 调整 notices often attach) was applied with one --revise and
 * withdrew the other 3 of the plan's 4 items, nothing asked. A version that leaves out items withdraws them only when the clerk confirms
 * it (withdrawMissing, --withdraw-missing, the 导入 page's tick) — any withdrawal, not only of most items: an office withdraws items
 * rarely and by document, and a partial file listing 20 of 35 items is as wrong as one listing 1.
 */

const TITLE = '青川市2026年法治政府信息公开任务清单';
const operator: Actor = { id: 'cli:operator', role: 'SYSTEM', unitId: null };
const at = (key: string, day: string) => commandContext({ actor: operator, commandType: 'ImportWorkPlan', idempotencyKey: key, now: new Date(`${day}T09:00:00+08:00`) });
const csv = (name: string, title: string, rows: string) => ({ name, content: new TextEncoder().encode(`${title}\n类别,编号,事项,牵头单位,责任单位,完成时限\n${rows}`) });
const ROWS = {
  one: '一 法治政府,1,公开行政执法信息,青川市财政局,,2026-12-31\n',
  two: '一 法治政府,2,公开权责清单,青川市教育局,,2026-10-31\n',
  three: '二 重点项目,3,公开重大建设项目信息,青川市民政局,,2026-12-31\n',
  four: '二 重点项目,4,公开招投标信息,青川市财政局,,2026-09-30\n',
};
const plan = csv('任务清单.csv', TITLE, ROWS.one + ROWS.two + ROWS.three + ROWS.four);
/** The office's adjustment table: only item 3, re-dated. */
const adjustment = (title: string) => csv('调整表.csv', title, ROWS.three.replace('2026-12-31', '2026-11-30'));

async function importedPlan() {
  const store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'rectify-withdrawals-confirmed-')), 'events.db'));
  const schemas = allEventSchemas();
  const units = await readFile(fileURLToPath(new URL('../../../samples/units.csv', import.meta.url)));
  await importUnitsFile({ store, schemas, units: new UnitsReadModel() }, { name: 'units.csv', content: new Uint8Array(units) }, at('units', '2026-01-05'));
  const dependencies: ImportDependencies = { store, schemas, units: await replayLog(store, schemas, new UnitsReadModel()) };
  const known = async () => knownPlansOf((await store.readAll()).map((stored) => schemas.upcast(stored)));
  await importWorkPlanFile(dependencies, plan, { approvedOn: '2026-03-01' }, at('plan', '2026-03-02'));
  return { dependencies, known, count: async () => (await store.readAll()).length };
}

const refusalOf = (attempt: Promise<unknown>) => attempt.then(() => null, (error: unknown) => error as DomainError);

describe('a new version withdrawing the items it leaves out is applied only when confirmed (newcomer49-10 S4)', () => {
  it('given a plan of 4 items, when its 调整表 listing only item 3 is imported with --revise alone, then it is refused saying 3 of the 4 items are left out, the current export and the confirming option; nothing is written', async () => {
    const { dependencies, known, count } = await importedPlan();
    const before = await count();
    const refusal = await refusalOf(importWorkPlanFile(dependencies, adjustment(`${TITLE}调整表`), { revise: true, assignedOn: '2026-06-01' }, at('revise', '2026-06-01'), await known()));
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ code: 'CONFLICT', details: { field: 'withdrawMissing', withdrawn: ['1', '2', '4'] } });
    expect(refusal!.messageZh).toContain('调整表.csv 未列出方案现有 4 个事项中的 3 个（1 公开行政执法信息；2 公开权责清单；4 公开招投标信息），按新版本调整将撤销这 3 个事项。未写入任何内容。');
    expect(refusal!.messageZh).toContain('如本文件只列出要调整的事项（调整表），请下载方案当前的进展表，在其中修改后再导入');
    expect(inToolWords(refusal!.messageZh)).toContain('加 --revise 和 --withdraw-missing 后重新导入');
    expect(await count()).toBe(before);
    dependencies.store.close();
  });

  it('given the same, when it is dry-run, then it lists the withdrawals and says the import is refused without --withdraw-missing, nothing of it applied (newcomer51-10 M6); with withdrawMissing it is applied', async () => {
    const { dependencies, known, count } = await importedPlan();
    const dry = await importWorkPlanFile(dependencies, adjustment(`${TITLE}调整表`), { revise: true, dryRun: true, assignedOn: '2026-06-01' }, at('dry', '2026-06-01'), await known());
    expect(dry.revision?.withdrawn.map((item) => item.code)).toEqual(['1', '2', '4']);
    expect(describeWorkPlanImportZh(dry)).toContain('本文件未列出方案现有的 3 个事项，按新版本调整将撤销它们：不加 --withdraw-missing 导入将被拒绝，以上修订均不会应用；如确要撤销，加 --withdraw-missing；如本文件只列出要调整的事项（调整表），请在方案当前的导出表上修改后再导入。');
    // Dry-run with the confirmation, it is not asked again.
    const confirmedDry = await importWorkPlanFile(dependencies, adjustment(`${TITLE}调整表`), { revise: true, withdrawMissing: true, dryRun: true, assignedOn: '2026-06-01' }, at('dry-confirmed', '2026-06-01'), await known());
    expect(describeWorkPlanImportZh(confirmedDry)).not.toContain('--withdraw-missing');
    const before = await count();
    const applied = await importWorkPlanFile(dependencies, adjustment(`${TITLE}调整表`), { revise: true, withdrawMissing: true, assignedOn: '2026-06-01' }, at('confirmed', '2026-06-01'), await known());
    expect(applied.revision?.withdrawn.map((item) => item.code)).toEqual(['1', '2', '4']);
    expect(await count()).toBeGreaterThan(before);
    dependencies.store.close();
  });

  it('given the same, when a version leaves out one item of the 4, then that one withdrawal is refused unconfirmed too (any withdrawal, not only most)', async () => {
    const { dependencies, known } = await importedPlan();
    const withoutTwo = csv('方案-改.csv', TITLE, ROWS.one + ROWS.three + ROWS.four);
    const refusal = await refusalOf(importWorkPlanFile(dependencies, withoutTwo, { revise: true, assignedOn: '2026-06-01' }, at('one', '2026-06-01'), await known()));
    expect(refusal).toMatchObject({ code: 'CONFLICT', details: { field: 'withdrawMissing', withdrawn: ['2'] } });
    expect(refusal!.messageZh).toContain('未列出方案现有 4 个事项中的 1 个（2 公开权责清单）');
    const applied = await importWorkPlanFile(dependencies, withoutTwo, { revise: true, withdrawMissing: true, assignedOn: '2026-06-01' }, at('one-confirmed', '2026-06-01'), await known());
    expect(applied.revision?.withdrawn.map((item) => item.code)).toEqual(['2']);
    dependencies.store.close();
  });

  it('given the same, when the table is titled 「…调整事项表」, then it is read as a version of the plan (not another plan) and refused the same way', async () => {
    const { dependencies, known } = await importedPlan();
    const refusal = await refusalOf(importWorkPlanFile(dependencies, adjustment(`${TITLE} 调整事项表`), { revise: true, assignedOn: '2026-06-01' }, at('items-table', '2026-06-01'), await known()));
    expect(refusal).toMatchObject({ code: 'CONFLICT', details: { field: 'withdrawMissing', withdrawn: ['1', '2', '4'] } });
    dependencies.store.close();
  });
});
