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
import { workPlanImportResult } from './import-work-plan.result.js';

/*
 * newcomer48-10 S1: a colleague kept the plan's original workbook; after the plan was revised (an item added, one withdrawn, a unit
 * removed from one item and added to another) they edited that copy and imported it. It was called 「新版本」, the clerk told to
 * --revise it — which would undo the approved revision, said in item codes only. Now the version says which revision it undoes
 * (day, file, reason) and each change, by item title and unit name, and is applied only when the clerk confirms it.
 */

const TITLE = '青川市2026年旧稿测试工作要点';
const operator: Actor = { id: 'cli:operator', role: 'SYSTEM', unitId: null };
const at = (key: string, day: string) => commandContext({ actor: operator, commandType: 'ImportWorkPlan', idempotencyKey: key, now: new Date(`${day}T09:00:00+08:00`) });
const csv = (name: string, rows: string) => ({ name, content: new TextEncoder().encode(`${TITLE}\n类别,编号,事项,牵头单位,责任单位,完成时限\n${rows}`) });
const original = '公开,1,JC甲事项,青川市财政局,青川市教育局,2026-12-15\n公开,2,JC乙事项,青川市教育局,,2026-09-30\n公开,3,JC丙事项,青川市民政局,,2026-10-31\n';
const v1 = csv('原方案.csv', original);
// The 06-15 revision: 2 withdrawn, 4 added, 教育局 removed from 1, 财政局 added to 3, 3 moved to 11-30.
const v2Rows = '公开,1,JC甲事项,青川市财政局,,2026-12-15\n公开,3,JC丙事项,青川市民政局,青川市财政局,2026-11-30\n公开,4,JC丁事项,青川市民政局,,2026-12-31\n';
const v2 = csv('调整后方案.csv', v2Rows);
// The original, edited after it: 3 moved to 11-30 as the revision had it (by chance), every other change of the revision reversed.
const staleCopy = csv('原方案-改.csv', original.replace('JC丙事项,青川市民政局,,2026-10-31', 'JC丙事项,青川市民政局,,2026-11-30'));

async function revisedPlan() {
  const store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'rectify-stale-copy-')), 'events.db'));
  const schemas = allEventSchemas();
  const units = await readFile(fileURLToPath(new URL('../../../samples/units.csv', import.meta.url)));
  await importUnitsFile({ store, schemas, units: new UnitsReadModel() }, { name: 'units.csv', content: new Uint8Array(units) }, at('units', '2026-01-05'));
  const dependencies: ImportDependencies = { store, schemas, units: await replayLog(store, schemas, new UnitsReadModel()) };
  const known = async () => knownPlansOf((await store.readAll()).map((stored) => schemas.upcast(stored)));
  await importWorkPlanFile(dependencies, v1, { approvedOn: '2026-03-01' }, at('v1', '2026-03-02'));
  await importWorkPlanFile(dependencies, v2, { revise: true, withdrawMissing: true, assignedOn: '2026-06-15', revisionReason: '青政办〔2026〕45号' }, at('v2', '2026-06-15'), await known());
  return { dependencies, known, count: async () => (await store.readAll()).length };
}

const undoneZh =
  '本文件将撤销2026-06-15 的调整（调整后方案.csv；依据：青政办〔2026〕45号）：为事项 1 JC甲事项 恢复该次移除的单位 青川市教育局；恢复该次撤销的事项 2 JC乙事项；' +
  '从事项 3 JC丙事项 移除该次增加的单位 青川市财政局；撤销该次新增的事项 4 JC丁事项。本文件似是在该次调整之前的旧版本上修改的。';

describe('a copy of the plan\'s original, edited after a revision (newcomer48-10 S1)', () => {
  it('given a plan revised on 06-15, when the edited original is dry-run with --revise, then it names the revision (day, file, reason) and each change it would undo by item title and unit name, and says it needs confirming; nothing is written', async () => {
    const { dependencies, known, count } = await revisedPlan();
    const before = await count();
    const dry = await importWorkPlanFile(dependencies, staleCopy, { revise: true, dryRun: true, assignedOn: '2026-09-20' }, at('dry', '2026-09-20'), await known());
    expect(dry.revisionsUndone).toEqual([
      expect.objectContaining({ on: '2026-06-15', fileName: '调整后方案.csv', reason: '青政办〔2026〕45号', undone: expect.arrayContaining([expect.objectContaining({ kind: 'ITEM_ADDED', code: '4', title: 'JC丁事项' })]) }),
    ]);
    expect(describeWorkPlanImportZh(dry)).toContain(undoneZh);
    expect(describeWorkPlanImportZh(dry)).toContain('须加 --undo-later-revision 确认才会应用');
    // Units named (newcomer48-10 M4: 「增加单位 1 个（事项 10）」 named none).
    expect(describeWorkPlanImportZh(dry)).toContain('增加单位 1 个（事项 1：青川市教育局），移除单位 1 个（事项 3：青川市财政局）');
    const result = workPlanImportResult(dry);
    expect(result.revision?.revisionsUndone[0]).toMatchObject({ on: '2026-06-15', fileName: '调整后方案.csv', reason: '青政办〔2026〕45号' });
    expect(result.revision?.revisionsUndone[0]?.changes).toContainEqual(expect.objectContaining({ kind: 'UNIT_REMOVED', code: '1', unitName: '青川市教育局' }));
    expect(result.revision?.summary).toContain(undoneZh);
    expect(await count()).toBe(before);
    dependencies.store.close();
  });

  it('given the same, when it is imported without --revise, then it is refused saying what it undoes — never called a new version to --revise — and nothing is written', async () => {
    const { dependencies, known, count } = await revisedPlan();
    const before = await count();
    const refusal = await importWorkPlanFile(dependencies, staleCopy, { assignedOn: '2026-09-20' }, at('plain', '2026-09-20'), await known()).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ code: 'CONFLICT', details: { field: 'undoLaterRevision' } });
    const messageZh = (refusal as DomainError).messageZh;
    expect(messageZh).toContain(undoneZh);
    expect(messageZh).not.toContain('是它的新版本');
    expect(inToolWords(messageZh)).toContain('--undo-later-revision');
    expect(await count()).toBe(before);
    dependencies.store.close();
  });

  it('given the same, when it is imported with --revise alone, then it is refused (CONFLICT, field undoLaterRevision); with undoLaterRevision it is applied as the clerk confirmed', async () => {
    const { dependencies, known, count } = await revisedPlan();
    const before = await count();
    const refusal = await importWorkPlanFile(dependencies, staleCopy, { revise: true, withdrawMissing: true, assignedOn: '2026-09-20' }, at('revise', '2026-09-20'), await known()).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: 'CONFLICT', details: { field: 'undoLaterRevision' } });
    expect((refusal as DomainError).messageZh).toContain(undoneZh);
    expect(await count()).toBe(before);
    const applied = await importWorkPlanFile(dependencies, staleCopy, { revise: true, withdrawMissing: true, undoLaterRevision: true, assignedOn: '2026-09-20' }, at('confirmed', '2026-09-20'), await known());
    expect(applied.revision?.withdrawn.map((item) => item.code)).toEqual(['4']);
    expect(await count()).toBeGreaterThan(before);
    dependencies.store.close();
  });

  it('given the same, when a genuine new version built on the plan as it stands is imported with --revise — one adding an item, or one withdrawing the item the revision added while keeping the rest of it — then it is applied as before, undoing nothing', async () => {
    const { dependencies, known } = await revisedPlan();
    const added = await importWorkPlanFile(dependencies, csv('第三版.csv', `${v2Rows}公开,5,JC戊事项,青川市教育局,,2026-12-31\n`), { revise: true, withdrawMissing: true, assignedOn: '2026-09-20' }, at('v3', '2026-09-20'), await known());
    expect(added.revisionsUndone).toEqual([]);
    expect(added.revision?.added.map((item) => item.code)).toEqual(['5']);
    const oneBack = await importWorkPlanFile(dependencies, csv('第四版.csv', `${v2Rows.replace('公开,4,JC丁事项,青川市民政局,,2026-12-31\n', '')}公开,5,JC戊事项,青川市教育局,,2026-12-31\n`), { revise: true, withdrawMissing: true, assignedOn: '2026-09-25' }, at('v4', '2026-09-25'), await known());
    expect(oneBack.revisionsUndone).toEqual([]);
    expect(oneBack.revision?.withdrawn.map((item) => item.code)).toEqual(['4']);
    dependencies.store.close();
  });
});
