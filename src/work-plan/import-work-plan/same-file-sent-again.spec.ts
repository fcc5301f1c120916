import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allEventSchemas } from '../../event-sourcing/all-event-schemas.js';
import { executeCommand } from '../../event-sourcing/execute-command.js';
import { replayLog } from '../../event-sourcing/replay-log.js';
import { SqliteEventStore } from '../../event-store/sqlite-event-store.js';
import { importUnitsFile } from '../../organization/import-units/import-units.js';
import { unitIdForCode } from '../../organization/units/unit-id.js';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import { inToolWords } from '../../cli/tool-words.js';
import { commandContext, type Actor } from '../../shared/command-context.js';
import { DomainError } from '../../shared/domain-error.js';
import { clerkOf } from '../../shared/testing/actors.js';
import type { ImportDependencies } from '../../imports/import-run.js';
import { workPlanItemDecider } from '../domain/work-plan-item.decider.js';
import { workPlanItemIdFor, workPlanItemStream } from '../domain/work-plan.events.js';
import { describeWorkPlanImportZh, importWorkPlanFile, knownPlansOf } from './import-work-plan.js';

/*
 * breaker43-10 F1, newcomer43-10 #2: the plan's own file sent again — the exact bytes of its current version — after a revision
 * kept a unit for its report awaiting inspection, or after the unit directory changed (市直各部门 standing for one more unit), was
 * refused per item 「第 12 行：工作事项 7 已按不同的责任单位定义过；已导入的事项不会被重新定义。」, naming no unit and no way on;
 * and with --revise it said 「已修订…保留待督查单位 1 个…进度保留」 each time while nothing was written. The same file is compared
 * with the plan as it stands: as it stands (a unit kept is kept again) it is 「此前已导入，事项相同」; otherwise the refusal says what
 * differs, naming the units, and how to apply it (revise), which then applies it.
 */

const TITLE = '青川市2026年同一文件测试工作要点';
const operator: Actor = { id: 'cli:operator', role: 'SYSTEM', unitId: null };
const at = (key: string, day: string) => commandContext({ actor: operator, commandType: 'ImportWorkPlan', idempotencyKey: key, now: new Date(`${day}T09:00:00+08:00`) });
const csv = (name: string, rows: string) => ({ name, content: new TextEncoder().encode(`${TITLE}\n类别,编号,事项,牵头单位,责任单位,完成时限\n${rows}`) });
const v1 = csv('v1.csv', '公开,1,TW甲事项,青川市财政局,,2026-06-30\n公开,2,TW乙事项,青川市教育局,青川市财政局,2026-09-30\n');
// v2 moves item 2's lead from 教育局 (whose report awaits inspection: kept, as responsible) to 民政局.
const v2 = csv('v2.csv', '公开,1,TW甲事项,青川市财政局,,2026-06-30\n公开,2,TW乙事项,青川市民政局,青川市财政局,2026-09-30\n');
const JYJ = unitIdForCode('JYJ');

async function storeWithUnits(): Promise<ImportDependencies> {
  const store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'rectify-same-file-')), 'events.db'));
  const schemas = allEventSchemas();
  const units = await readFile(fileURLToPath(new URL('../../../samples/units.csv', import.meta.url)));
  await importUnitsFile({ store, schemas, units: new UnitsReadModel() }, { name: 'units.csv', content: new Uint8Array(units) }, at('units', '2026-01-05'));
  return { store, schemas, units: await replayLog(store, schemas, new UnitsReadModel()) };
}

const known = async (dependencies: ImportDependencies) => knownPlansOf((await dependencies.store.readAll()).map((stored) => dependencies.schemas.upcast(stored)));
const refusalOf = (run: Promise<unknown>) => run.then(() => null, (error: unknown) => error);

/** v1 imported on 03-02, 教育局 reporting item 2 on 03-10, v2 applied with revise on 03-15: 教育局 kept for its report awaiting inspection. */
async function v2KeepingJyj() {
  const dependencies = await storeWithUnits();
  const first = await importWorkPlanFile(dependencies, v1, { approvedOn: '2026-03-01' }, at('v1', '2026-03-02'));
  const item2 = workPlanItemStream(workPlanItemIdFor(first.planId, '2'));
  const step = commandContext({ actor: clerkOf(JYJ), commandType: 'Report', idempotencyKey: 'r2', now: new Date('2026-03-10T09:00:00+08:00') });
  await executeCommand(dependencies.store, dependencies.schemas, item2, workPlanItemDecider, { type: 'ReportRectification', actor: clerkOf(JYJ), today: '2026-03-10', unitId: JYJ, summary: '已完成', evidence: [{ title: '通知', link: null, documentRef: '青教〔2026〕1号' }], reportedOn: '2026-03-10' }, step);
  const applied = await importWorkPlanFile(dependencies, v2, { revise: true, assignedOn: '2026-03-15' }, at('v2', '2026-03-15'), await known(dependencies));
  return { dependencies, applied };
}

describe('the plan\'s own file sent again after the plan changed under it', () => {
  it('given v2 applied keeping 教育局 for its report awaiting inspection, when v2 is sent again — plain, dry run, revise, revise dry run — then it is 此前已导入，事项相同, the kept unit said, nothing written', async () => {
    const { dependencies, applied } = await v2KeepingJyj();
    expect(applied.revision).toMatchObject({ unitsKept: [expect.objectContaining({ code: '2', unitId: JYJ, awaitingInspection: true })] });
    const head = await dependencies.store.headPosition();
    for (const [key, options] of [['plain', {}], ['dry', { dryRun: true }], ['revise', { revise: true }], ['revise-dry', { revise: true, dryRun: true }], ['dated', { assignedOn: '2026-03-15' }]] as const) {
      const again = await importWorkPlanFile(dependencies, v2, options, at(`again-${key}`, '2026-03-20'), await known(dependencies));
      expect({ key, revision: again.revision, eventCount: again.eventCount }).toEqual({ key, revision: null, eventCount: 0 });
      const line = describeWorkPlanImportZh(again);
      expect(line).toMatch(/^(试导入：)?青川市2026年同一文件测试工作要点（2026）此前已导入，事项相同/);
      expect(line).not.toContain('已修订');
      expect(again.notes.notices?.map((notice) => notice.reasonZh)).toContainEqual(expect.stringContaining('保留待督查单位 1 个（事项 2'));
    }
    expect(await dependencies.store.headPosition()).toEqual(head);
    dependencies.store.close();
  });

  it('given v2 applied keeping 教育局, when v2 is sent opened and saved again (other bytes, same cells: CRLF, BOM, quoted cells) — plain, dry run, revise, revise dated later — then it is 此前已导入，事项相同, the kept unit said, nothing written, and a real later version still applies (newcomer46-10 S1)', async () => {
    const { dependencies } = await v2KeepingJyj();
    const resaved = {
      name: 'v2-另存.csv',
      content: new TextEncoder().encode(`\uFEFF"${TITLE}",,,,,\r\n类别,编号,事项,牵头单位,责任单位,完成时限\r\n"公开",1,"TW甲事项",青川市财政局,,2026-06-30\r\n公开,2,TW乙事项,"青川市民政局","青川市财政局",2026-09-30\r\n,,,,,\r\n`),
    };
    const head = await dependencies.store.headPosition();
    for (const [key, options] of [['plain', {}], ['dry', { dryRun: true }], ['revise', { revise: true }], ['revise-dry', { revise: true, dryRun: true }], ['revise-later', { revise: true, assignedOn: '2026-12-06' }]] as const) {
      const again = await importWorkPlanFile(dependencies, resaved, options, at(`resaved-${key}`, '2026-03-20'), await known(dependencies));
      expect({ key, revision: again.revision, eventCount: again.eventCount }).toEqual({ key, revision: null, eventCount: 0 });
      const line = describeWorkPlanImportZh(again);
      expect(line).toMatch(/^(试导入：)?青川市2026年同一文件测试工作要点（2026）此前已导入，事项相同/);
      expect(line).not.toMatch(/已修订|将修订|新版本/);
      expect(again.notes.notices?.map((notice) => notice.reasonZh)).toContainEqual(expect.stringContaining('保留待督查单位 1 个（事项 2'));
    }
    expect(await dependencies.store.headPosition()).toEqual(head);
    // No revision was recorded on 12-06: a real version of 09-01 (item 1 moved to 09-30) applies as a version of its day.
    const v3 = csv('v3.csv', '公开,1,TW甲事项,青川市财政局,,2026-09-30\n公开,2,TW乙事项,青川市民政局,青川市财政局,2026-09-30\n');
    const applied = await importWorkPlanFile(dependencies, v3, { revise: true, assignedOn: '2026-09-01' }, at('v3', '2026-09-01'), await known(dependencies));
    expect(applied.revision).toMatchObject({ redated: [expect.objectContaining({ code: '1' })] });
    dependencies.store.close();
  });

  // newcomer56-10 S1 (which takes back breaker43-10 F1's reading for a collective name): the file did not change, so 市直各部门 of an
  // item the plan has means the departments it meant when the item was defined; one registered since is not added — by the same
  // file, plain or with revise, nor by the next real version — and each answer says so on the item's row.
  it('given a plan naming 市直各部门, when a department is registered after it, then the same file is 此前已导入, the department not added and said; the next version applies its own change without adding it', async () => {
    let dependencies = await storeWithUnits();
    const file = csv('plan.csv', '公开,1,TW甲事项,青川市财政局,,2026-06-30\n公开,2,TW乙事项,青川市人民政府办公室,市直各部门,2026-09-30\n');
    const first = await importWorkPlanFile(dependencies, file, { approvedOn: '2026-03-01' }, at('v1', '2026-03-02'));
    await importUnitsFile(dependencies, { name: 'new-unit.csv', content: new TextEncoder().encode('编码,名称,类型,上级编码\nYBJ,青川市医疗保障局,部门,\n') }, at('ybj', '2026-03-03'));
    dependencies = { ...dependencies, units: await replayLog(dependencies.store, dependencies.schemas, new UnitsReadModel()) };
    const head = await dependencies.store.headPosition();
    const told = (outcome: { notes: { notices?: readonly { row: number | null; reasonZh: string }[] } }) =>
      (outcome.notes.notices ?? []).filter((notice) => notice.reasonZh.startsWith('“市直各部门”现指')).map((notice) => [notice.row, notice.reasonZh]);
    for (const [key, options] of [['plain', {}], ['dry', { dryRun: true }], ['revise', { revise: true }], ['revise-dry', { revise: true, dryRun: true }]] as const) {
      const again = await importWorkPlanFile(dependencies, file, options, at(`again-${key}`, '2026-04-10'), await known(dependencies));
      expect(again).toMatchObject({ planId: first.planId, revision: null, eventCount: 0 });
      expect(told(again)).toEqual([[4, expect.stringMatching(/^“市直各部门”现指 \d+ 个单位，其中 1 个（青川市医疗保障局）是事项 2「TW乙事项」导入（2026-03-02）之后登记（或调整类型、上级单位）的，未加入该事项：.*请在该事项页面交办。$/)]]);
    }
    expect(await dependencies.store.headPosition()).toEqual(head);
    const v3 = csv('v3.csv', '公开,1,TW甲事项,青川市财政局,,2026-07-31\n公开,2,TW乙事项,青川市人民政府办公室,市直各部门,2026-09-30\n');
    const revised = await importWorkPlanFile(dependencies, v3, { revise: true, assignedOn: '2026-04-10' }, at('v3', '2026-04-10'), await known(dependencies));
    expect(revised.revision).toMatchObject({ unitsAdded: [], redated: [expect.objectContaining({ code: '1' })] });
    expect(told(revised)).toHaveLength(1);
    dependencies.store.close();
  });

  // breaker43-10 F2: the same file again with a corrected --assigned-on was 「此前已导入，事项相同」, the day silently kept.
  it('given a plan imported with its items assigned on the day of the import, when the same file is sent with another assignment day, then it is refused saying both days and how the import\'s day is corrected; nothing written', async () => {
    const dependencies = await storeWithUnits();
    await importWorkPlanFile(dependencies, v1, { approvedOn: '2026-03-01' }, at('v1', '2026-03-02'));
    const head = await dependencies.store.headPosition();
    for (const [key, options] of [['plain', { assignedOn: '2026-03-02' }], ['dry', { assignedOn: '2026-03-02', dryRun: true }]] as const) {
      const refusal = await refusalOf(importWorkPlanFile(dependencies, v1, options, at(`dated-${key}`, '2026-03-05'), await known(dependencies)));
      expect(refusal).toMatchObject({ code: 'CONFLICT', details: { field: 'assignedOn', appliedOn: '2026-03-01' } });
      expect((refusal as DomainError).messageZh).toBe(
        `工作方案“${TITLE}”已按 v1.csv 导入，事项的交办日期为 2026-03-01；本次导入给出的交办日期为 2026-03-02。重新导入不会改变交办日期，未写入任何内容。` +
          '如 2026-03-01 有误，请由督办人员更正该方案的交办日期（原交办日期 2026-03-01，更正为 2026-03-02），各事项的交办日期一并更正，原记录保留。',
      );
    }
    // The day it was imported with, written out, is the same import.
    expect(await importWorkPlanFile(dependencies, v1, { assignedOn: '2026-03-01' }, at('same-day', '2026-03-05'), await known(dependencies))).toMatchObject({ eventCount: 0, revision: null });
    expect(await dependencies.store.headPosition()).toEqual(head);
    dependencies.store.close();
  });


  // breaker43-10 F8: a dry run of a revision said itemsDefined 0 while the run said 1.
  it('given a first import and a revision adding an item, when each is previewed and then run, then the preview\'s itemsDefined is the run\'s', async () => {
    const dependencies = await storeWithUnits();
    const firstDry = await importWorkPlanFile(dependencies, v1, { approvedOn: '2026-03-01', dryRun: true }, at('v1-dry', '2026-03-02'));
    const first = await importWorkPlanFile(dependencies, v1, { approvedOn: '2026-03-01' }, at('v1', '2026-03-02'));
    expect([firstDry.itemsDefined, first.itemsDefined]).toEqual([2, 2]);
    const v3 = csv('v3.csv', '公开,1,TW甲事项,青川市财政局,,2026-06-30\n公开,2,TW乙事项,青川市教育局,青川市财政局,2026-09-30\n公开,3,TW丙事项,青川市民政局,,2026-12-31\n');
    const revisedDry = await importWorkPlanFile(dependencies, v3, { revise: true, dryRun: true, assignedOn: '2026-03-15' }, at('v3-dry', '2026-03-15'), await known(dependencies));
    const revised = await importWorkPlanFile(dependencies, v3, { revise: true, assignedOn: '2026-03-15' }, at('v3', '2026-03-15'), await known(dependencies));
    expect([revisedDry.itemsDefined, revised.itemsDefined]).toEqual([1, 1]);
    dependencies.store.close();
  });

  // breaker43-10 F8: a version re-dating an item to a day before the version's own day was refused under 「整个文件」, naming no row
  // and saying nothing of the version's day (--assigned-on).
  it('given a plan, when a version dated 2026-06-15 re-dates item 1 to 2026-05-31, then the refusal names its row and the version\'s day to give', async () => {
    const dependencies = await storeWithUnits();
    await importWorkPlanFile(dependencies, v1, { approvedOn: '2026-03-01' }, at('v1', '2026-03-02'));
    const early = csv('v4.csv', '公开,1,TW甲事项,青川市财政局,,2026-05-31\n公开,2,TW乙事项,青川市教育局,青川市财政局,2026-09-30\n');
    const refusal = await refusalOf(importWorkPlanFile(dependencies, early, { revise: true, dryRun: true }, at('v4', '2026-06-15'), await known(dependencies)));
    expect(refusal).toBeInstanceOf(DomainError);
    const problems = (refusal as DomainError).details?.problems as { row: number | null; reasonZh: string }[];
    expect(problems).toEqual([expect.objectContaining({ row: 3 })]);
    expect(problems[0]!.reasonZh).toBe('事项 1 的新完成时限（2026-05-31）早于调整日期（2026-06-15），各单位一经调整即已逾期，日期顺序不对。如本次调整实际在 2026-05-31 之前施行，请按实际填写“事项交办日期”（即调整日期）。');
    expect(inToolWords(problems[0]!.reasonZh)).toContain('--assigned-on');
    dependencies.store.close();
  });
});
