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
import { DomainError } from '../../shared/domain-error.js';
import type { ImportDependencies } from '../../imports/import-run.js';
import { partOf, partsOf } from '../../assignments/domain/assignment.decider.js';
import { workPlanItemDecider } from '../domain/work-plan-item.decider.js';
import { workPlanIdFor, workPlanItemIdFor, workPlanItemStream } from '../domain/work-plan.events.js';
import { importWorkPlanFile } from '../import-work-plan/import-work-plan.js';
import { describeRevision, isUnchanged, itemRevisionCommands, planRevisionOf, withUnitNames, type ItemVersion } from './plan-revision.js';

/*
 * Fault 3 of issue 10: a task list "adjusted as the work goes on" is imported again with one
 * deadline moved and one item added. It is a revision of the same plan: progress kept, no item twice.
 */

const operator: Actor = { id: 'cli:operator', role: 'SYSTEM', unitId: null };
const contextOf = (key: string, now = '2026-03-01T09:00:00+08:00'): CommandContext =>
  commandContext({ actor: operator, commandType: 'ImportWorkPlan', idempotencyKey: key, now: new Date(now) });
const text = (csv: string) => new TextEncoder().encode(csv);

const UNITS = '编码,名称,类型\nFGW,青川市发展和改革委员会,部门\nCZJ,青川市财政局,部门\nJYJ,青川市教育局,部门\nJTJ,青川市交通运输局,部门\n';
const HEADER = '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n';
const VERSION_1 =
  HEADER +
  '一,公开平台,1,整合政府网站公开专栏,,青川市发展和改革委员会,青川市财政局,2026-06-30\n' +
  '一,公开平台,2,规范依申请公开,,青川市教育局,,2026-09-30\n' +
  '二,政策解读,3,重要政策配套解读,,青川市财政局,,2026-10-31\n';
/** One deadline moved (item 1), one item added (4), item 3 dropped, a unit added to item 2. */
const VERSION_2 =
  HEADER +
  '一,公开平台,1,整合政府网站公开专栏,,青川市发展和改革委员会,青川市财政局,2026-09-30\n' +
  '一,公开平台,2,规范依申请公开,,青川市教育局,青川市交通运输局,2026-09-30\n' +
  '二,政策解读,4,政策解读进社区,,青川市财政局,,2026-11-30\n';
const TITLE = '青川市2026年政务公开工作要点';
const PLAN = workPlanIdFor(2026, TITLE);
const item = (code: string) => workPlanItemIdFor(PLAN, code);
const [FGW, CZJ, JYJ, JTJ] = ['FGW', 'CZJ', 'JYJ', 'JTJ'].map(unitIdForCode) as [string, string, string, string];

async function withVersion1(): Promise<ImportDependencies> {
  const store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'rectify-revision-')), 'events.db'));
  const schemas = allEventSchemas();
  await importUnitsFile({ store, schemas, units: new UnitsReadModel() }, { name: 'units.csv', content: text(UNITS) }, contextOf('units'));
  const dependencies = { store, schemas, units: await replayLog(store, schemas, new UnitsReadModel()) };
  await importWorkPlanFile(dependencies, { name: 'plan-v1.csv', content: text(VERSION_1) }, { title: TITLE, year: 2026 }, contextOf('v1'));
  return dependencies;
}
const importVersion2 = (dependencies: ImportDependencies, options: { dryRun?: boolean; revise?: boolean; withdrawMissing?: boolean }) =>
  importWorkPlanFile(dependencies, { name: 'plan-v2.csv', content: text(VERSION_2) }, { title: TITLE, year: 2026, ...options }, contextOf(`v2-${JSON.stringify(options)}`, '2026-05-01T09:00:00+08:00'));
const stateOf = (dependencies: ImportDependencies, code: string) =>
  loadState(dependencies.store, dependencies.schemas, workPlanItemStream(item(code)), workPlanItemDecider);

describe('a new version of an imported plan (fault 3)', () => {
  let dependencies: ImportDependencies;
  beforeEach(async () => {
    dependencies = await withVersion1();
    // 市发改委 has reported its part of item 1: progress the revision must keep.
    await executeCommand(dependencies.store, dependencies.schemas, workPlanItemStream(item('1')), workPlanItemDecider, {
      type: 'ReportRectification',
      actor: { id: 'user-fgw', role: 'UNIT', unitId: FGW },
      today: '2026-04-20',
      reportedOn: '2026-04-20',
      unitId: FGW,
      summary: '专栏已整合上线',
      evidence: [{ title: '政府信息公开专栏', link: 'https://www.qingchuan.gov.cn/xxgk', documentRef: null }],
    }, commandContext({ actor: { id: 'user-fgw', role: 'UNIT', unitId: FGW }, commandType: 'ReportWorkPlanItem', idempotencyKey: 'report-1', now: new Date('2026-04-20T09:00:00+08:00') }));
  });

  it('dated after item 1 fell overdue (市财政局 never reported), the dry run and the applied answer say its lateness stops counting (newcomer49-10 S5, related)', async () => {
    const file = { name: 'plan-v2.csv', content: text(VERSION_2) };
    const told = '事项 1 已逾期 32 天：改期后不再计为逾期';
    const preview = await importWorkPlanFile(dependencies, file, { title: TITLE, year: 2026, revise: true, withdrawMissing: true, dryRun: true, assignedOn: '2026-08-01' }, contextOf('late-dry', '2026-08-02T09:00:00+08:00'));
    expect(describeRevision(preview.revision!).zh).toContain(`调整时限 1 项（1：2026-06-30 → 2026-09-30），${told}`);
    const applied = await importWorkPlanFile(dependencies, file, { title: TITLE, year: 2026, revise: true, withdrawMissing: true, assignedOn: '2026-08-01' }, contextOf('late', '2026-08-02T09:00:00+08:00'));
    expect(describeRevision(applied.revision!).zh).toContain(told);
  });

  it('is refused unasked, with what differs and how to apply it; nothing is written', async () => {
    const before = (await dependencies.store.readAll()).length;
    const refusal = await importVersion2(dependencies, {}).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/new version of it \(1 item\(s\) added \(4\), 1 withdrawn \(3\), 1 re-dated \(1: 2026-06-30 → 2026-09-30\), 1 unit\(s\) added \(item 2: [^)]+\)\).*--revise/),
    });
    expect((await dependencies.store.readAll()).length).toBe(before);
  });

  it('a dry run shows the revision and writes nothing', async () => {
    const before = (await dependencies.store.readAll()).length;
    const outcome = await importVersion2(dependencies, { dryRun: true });
    expect(outcome).toMatchObject({ dryRun: true, eventCount: 0 });
    expect(outcome.revision).toMatchObject({
      added: [{ code: '4' }],
      withdrawn: [{ code: '3' }],
      redated: [{ code: '1', from: '2026-06-30', to: '2026-09-30' }],
      amended: [],
      unitsAdded: [{ code: '2', unitId: JTJ, role: 'RESPONSIBLE' }],
      unitsRemoved: [],
      rolesChanged: [],
    });
    expect((await dependencies.store.readAll()).length).toBe(before);
  });

  it('--revise applies it: the deadline moves with the open parts, the report stays, the new item is defined once', async () => {
    const outcome = await importVersion2(dependencies, { revise: true, withdrawMissing: true });
    expect(outcome).toMatchObject({ dryRun: false, itemsDefined: 1 });

    const item1 = await stateOf(dependencies, '1');
    expect(item1).toMatchObject({ status: 'open', definition: { dueDate: '2026-09-30' } });
    if (item1.status === 'empty') throw new Error('item 1 missing');
    expect(partOf(item1.assignments, FGW)).toMatchObject({ status: 'REPORTED', reportCount: 1, dueDate: '2026-09-30' });
    expect(partOf(item1.assignments, CZJ)).toMatchObject({ status: 'ASSIGNED', dueDate: '2026-09-30' });

    const item2 = await stateOf(dependencies, '2');
    if (item2.status === 'empty') throw new Error('item 2 missing');
    expect(partsOf(item2.assignments).map((part) => [part.unitId, part.role])).toEqual([[JYJ, 'LEAD'], [JTJ, 'RESPONSIBLE']]);
    expect(await stateOf(dependencies, '3')).toMatchObject({ status: 'withdrawn' });
    expect(await stateOf(dependencies, '4')).toMatchObject({ status: 'open', definition: { title: '政策解读进社区' } });

    const defined = (await dependencies.store.readAll()).filter((event) => event.type === 'WorkPlanItemDefined');
    expect(defined.map((event) => event.data.code)).toEqual(['1', '2', '3', '4']);
  });

  it('a lead handed over keeps every part\'s progress: the reporting unit stays reported, now as a responsible unit (fault: a role change restarted it)', async () => {
    const version3 = VERSION_1.replace('青川市发展和改革委员会,青川市财政局,2026-06-30', '青川市财政局,青川市发展和改革委员会,2026-06-30');
    const outcome = await importWorkPlanFile(dependencies, { name: 'plan-v3.csv', content: text(version3) }, { title: TITLE, year: 2026, revise: true, withdrawMissing: true }, contextOf('v3', '2026-05-01T09:00:00+08:00'));
    expect(outcome.revision).toMatchObject({ unitsAdded: [], unitsRemoved: [], rolesChanged: [{ code: '1', unitId: CZJ, role: 'LEAD' }, { code: '1', unitId: FGW, role: 'RESPONSIBLE' }] });
    const item1 = await stateOf(dependencies, '1');
    if (item1.status === 'empty') throw new Error('item 1 missing');
    expect(partOf(item1.assignments, FGW)).toMatchObject({ role: 'RESPONSIBLE', status: 'REPORTED', reportCount: 1 });
    expect(partOf(item1.assignments, CZJ)).toMatchObject({ role: 'LEAD', status: 'ASSIGNED' });
    const types = (await dependencies.store.readStream(workPlanItemStream(item('1')))).map((event) => event.type);
    expect(types.slice(-2)).toEqual(['PartRoleChanged', 'PartRoleChanged']);
    expect(types).not.toContain('UnitUnassigned');
  });

  it('an older version entered after a newer one is refused naming the newer, not diffed against today’s plan (breaker8c P15); nothing is written', async () => {
    await importWorkPlanFile(dependencies, { name: 'plan-v2.csv', content: text(VERSION_2) }, { title: TITLE, year: 2026, revise: true, withdrawMissing: true, assignedOn: '2026-09-01' }, contextOf('v2-sept', '2026-09-02T09:00:00+08:00'));
    const before = (await dependencies.store.readAll()).length;
    const july = VERSION_1.replace('2026-10-31', '2026-11-30');
    for (const dryRun of [true, false]) {
      const refusal = await importWorkPlanFile(dependencies, { name: 'plan-july.csv', content: text(july) }, { title: TITLE, year: 2026, revise: true, withdrawMissing: true, dryRun, assignedOn: '2026-07-01' }, contextOf(`july-${dryRun}`, '2026-09-03T09:00:00+08:00')).catch((error: unknown) => error);
      expect(refusal).toMatchObject({ code: 'CONFLICT', messageZh: expect.stringContaining('已按 plan-v2.csv 调整（调整日期 2026-09-01）；本次文件的调整日期 2026-07-01 在其之前') });
    }
    expect((await dependencies.store.readAll()).length).toBe(before);
  });

  it('the same new version again writes nothing', async () => {
    await importVersion2(dependencies, { revise: true, withdrawMissing: true });
    const before = (await dependencies.store.readAll()).length;
    const again = await importVersion2(dependencies, { revise: true, withdrawMissing: true });
    expect(again.eventCount).toBe(0);
    expect((await dependencies.store.readAll()).length).toBe(before);
  });
});

describe('a version listing again an item an earlier version withdrew (10e P1)', () => {
  const VERSION_3 = VERSION_2 + '二,政策解读,3,重要政策配套解读,,青川市财政局,,2026-12-31\n';
  const importVersion3 = (dependencies: ImportDependencies, options: { dryRun?: boolean; revise?: boolean; withdrawMissing?: boolean }, key = 'v3') =>
    importWorkPlanFile(dependencies, { name: 'plan-v3.csv', content: text(VERSION_3) }, { title: TITLE, year: 2026, ...options }, contextOf(`${key}-${JSON.stringify(options)}`, '2026-06-01T09:00:00+08:00'));

  it('brings it back under its code with its history, says so in the preview, and takes the version’s new date; again, it writes nothing', async () => {
    const dependencies = await withVersion1();
    await importVersion2(dependencies, { revise: true, withdrawMissing: true });
    expect(await stateOf(dependencies, '3')).toMatchObject({ status: 'withdrawn', withdrawnOn: '2026-05-01' });

    const preview = await importVersion3(dependencies, { dryRun: true });
    expect(preview.revision).toMatchObject({ added: [], withdrawn: [], reinstated: [{ code: '3', title: '重要政策配套解读' }], redated: [{ code: '3', from: '2026-10-31', to: '2026-12-31' }] });
    expect(describeRevision(preview.revision!).zh).toContain('恢复列入已撤销事项 1 项（3：原有进度保留）');

    const applied = await importVersion3(dependencies, { revise: true, withdrawMissing: true });
    expect(applied).toMatchObject({ itemsDefined: 0 });
    expect(await stateOf(dependencies, '3')).toMatchObject({ status: 'open', definition: { dueDate: '2026-12-31' } });
    const events = (await dependencies.store.readStream(workPlanItemStream(item('3')))).map((event) => event.type);
    expect(events.filter((type) => type === 'WorkPlanItemDefined')).toHaveLength(1);
    expect(events.slice(-3)).toEqual(['WorkPlanItemReinstated', 'WorkPlanItemRescheduled', 'PartsRescheduled']);

    const again = await importVersion3(dependencies, { revise: true, withdrawMissing: true }, 'v3-again');
    expect(again).toMatchObject({ eventCount: 0 });
  });

  it('a withdrawn code under another title is not that item: refused, naming the code, as before', async () => {
    const dependencies = await withVersion1();
    await importVersion2(dependencies, { revise: true, withdrawMissing: true });
    const other = VERSION_2 + '二,政策解读,3,政务公开培训,,青川市财政局,,2026-12-31\n';
    const refusal = await importWorkPlanFile(dependencies, { name: 'plan-v3b.csv', content: text(other) }, { title: TITLE, year: 2026, revise: true, withdrawMissing: true }, contextOf('v3b', '2026-06-01T09:00:00+08:00')).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: 'CONFLICT', messageZh: expect.stringContaining('已从方案中撤销') });
  });
});

describe('a later version leaving out a unit whose part is verified (breaker8c P14)', () => {
  const inspector: Actor = { id: 'user-inspector', role: 'INSPECTOR', unitId: null };
  const supervisor: Actor = { id: 'user-supervisor', role: 'SUPERVISOR', unitId: null };
  const onItem1 = (dependencies: ImportDependencies, actor: Actor, command: Record<string, unknown>, key: string, day: string) =>
    executeCommand(
      dependencies.store,
      dependencies.schemas,
      workPlanItemStream(item('1')),
      workPlanItemDecider,
      { actor, today: day, ...command } as never,
      commandContext({ actor, commandType: String(command.type), idempotencyKey: key, now: new Date(`${day}T09:00:00+08:00`) }),
    );
  const report = (unitId: string, day: string) =>
    ({ type: 'ReportRectification', unitId, reportedOn: day, summary: '已整改', evidence: [{ title: '专栏', link: 'https://www.qingchuan.gov.cn/xxgk', documentRef: null }] }) as const;
  const pass = (unitId: string, day: string) =>
    ({ type: 'LogInspection', unitId, inspectionId: `inspection-${unitId}`, outcome: 'PASSED', notes: '', inspectedOn: day, place: '现场' }) as const;
  /** Version 1 again without 市财政局 on item 1, as the printed plan of a September revision lists it. */
  const withoutFinance = VERSION_1.replace('青川市发展和改革委员会,青川市财政局,2026-06-30', '青川市发展和改革委员会,,2026-06-30');

  let dependencies: ImportDependencies;
  beforeEach(async () => {
    dependencies = await withVersion1();
    // Item 1: 市发改委 verified on 05-20, 市财政局 on 05-28: completed (销号) on 05-28.
    await onItem1(dependencies, { id: 'user-fgw', role: 'UNIT', unitId: FGW }, report(FGW, '2026-05-10'), 'r-fgw', '2026-05-10');
    await onItem1(dependencies, { id: 'user-czj', role: 'UNIT', unitId: CZJ }, report(CZJ, '2026-05-12'), 'r-czj', '2026-05-12');
    await onItem1(dependencies, inspector, pass(FGW, '2026-05-20'), 'i-fgw', '2026-05-20');
    await onItem1(dependencies, inspector, pass(CZJ, '2026-05-28'), 'i-czj', '2026-05-28');
    expect(await stateOf(dependencies, '1')).toMatchObject({ status: 'completed', completedOn: '2026-05-28' });
  });

  it('keeps the verified part, says so in the preview, and the item keeps its close-out day; a version changing nothing else is no revision: nothing is recorded (newcomer46-10 S1)', async () => {
    const file = { name: 'plan-v1-sept.csv', content: text(withoutFinance) };
    const preview = await importWorkPlanFile(dependencies, file, { title: TITLE, year: 2026, revise: true, dryRun: true, assignedOn: '2026-09-01' }, contextOf('sept-dry', '2026-09-02T09:00:00+08:00'));
    expect(preview).toMatchObject({ revision: null, wouldWriteNothing: true });
    expect(preview.notes.notices?.map((notice) => notice.reasonZh)).toContain('与方案现状相比：保留已核验单位 1 个（事项 1：已完成的任务作为记录保留）。');

    const head = await dependencies.store.headPosition();
    const applied = await importWorkPlanFile(dependencies, file, { title: TITLE, year: 2026, revise: true, withdrawMissing: true, assignedOn: '2026-09-01' }, contextOf('sept', '2026-09-02T09:00:00+08:00'));
    expect(applied).toMatchObject({ revision: null, eventCount: 0 });
    expect(await dependencies.store.headPosition()).toEqual(head);
    const item1 = await stateOf(dependencies, '1');
    expect(item1).toMatchObject({ status: 'completed', completedOn: '2026-05-28' });
    if (item1.status === 'empty') throw new Error('item 1 missing');
    expect(partOf(item1.assignments, CZJ)).toMatchObject({ status: 'VERIFIED', verifiedOn: '2026-05-28' });
    const types = (await dependencies.store.readStream(workPlanItemStream(item('1')))).map((event) => event.type);
    expect(types).not.toContain('UnitUnassigned');
  });

  it('a version that drops the item with verified work keeps it, as done work, and says so: it is not withdrawn (breaker11f P4 = 10e P13)', async () => {
    const withoutItem1 = VERSION_1.split('\n').filter((line) => !line.includes(',1,整合政府网站公开专栏,')).join('\n');
    const file = { name: 'plan-v1-without-1.csv', content: text(withoutItem1) };
    const preview = await importWorkPlanFile(dependencies, file, { title: TITLE, year: 2026, revise: true, dryRun: true, assignedOn: '2026-09-01' }, contextOf('drop-dry', '2026-09-02T09:00:00+08:00'));
    expect(preview.revision).toMatchObject({ withdrawn: [], itemsKept: [{ code: '1', title: '整合政府网站公开专栏' }] });
    expect(describeRevision(preview.revision!).zh).toBe('保留已核验事项 1 项（1：有已核验的任务，未撤销；如确需撤销，请先重新打开该事项）');

    await importWorkPlanFile(dependencies, file, { title: TITLE, year: 2026, revise: true, withdrawMissing: true, assignedOn: '2026-09-01' }, contextOf('drop', '2026-09-02T09:00:00+08:00'));
    expect(await stateOf(dependencies, '1')).toMatchObject({ status: 'completed', completedOn: '2026-05-28' });
    const types = (await dependencies.store.readStream(workPlanItemStream(item('1')))).map((event) => event.type);
    expect(types).not.toContain('WorkPlanItemWithdrawn');
  });

  it('removeWorkPlanItemUnit of the verified part is refused, naming the verification; nothing is written', async () => {
    const before = (await dependencies.store.readAll()).length;
    const refusal = await onItem1(dependencies, supervisor, { type: 'ReviseWorkPlanItem', revisedOn: '2026-09-01', reason: '职责调整', removeUnitIds: [CZJ] }, 'rm', '2026-09-01').catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/verified on 2026-05-28: verified work stays on the record/) });
    expect((refusal as DomainError).messageZh).toMatch(/已于 2026-05-28 通过督查确认完成：已核验的任务作为记录保留，调整方案时不能移除/);
    expect((await dependencies.store.readAll()).length).toBe(before);
  });
});

describe('a later version leaving out an item or a unit whose report awaits inspection (breaker10g P11)', () => {
  const withoutFinance = VERSION_1.replace('青川市发展和改革委员会,青川市财政局,2026-06-30', '青川市发展和改革委员会,,2026-06-30');
  const withoutItem1 = VERSION_1.split('\n').filter((line) => !line.includes(',1,整合政府网站公开专栏,')).join('\n');
  const reportOnItem1 = (dependencies: ImportDependencies, unitId: string) => {
    const actor: Actor = { id: `user-${unitId}`, role: 'UNIT', unitId };
    return executeCommand(
      dependencies.store,
      dependencies.schemas,
      workPlanItemStream(item('1')),
      workPlanItemDecider,
      { actor, today: '2026-05-12', type: 'ReportRectification', unitId, reportedOn: '2026-05-12', summary: '已整改', evidence: [{ title: '专栏', link: 'https://www.qingchuan.gov.cn/xxgk', documentRef: null }] } as never,
      commandContext({ actor, commandType: 'ReportRectification', idempotencyKey: `report-${unitId}`, now: new Date('2026-05-12T09:00:00+08:00') }),
    );
  };
  const preview = (dependencies: ImportDependencies, csv: string, key: string) =>
    importWorkPlanFile(dependencies, { name: `${key}.csv`, content: text(csv) }, { title: TITLE, year: 2026, revise: true, dryRun: true, assignedOn: '2026-09-01' }, contextOf(key, '2026-09-02T09:00:00+08:00'));

  it('keeps the item, saying its report awaits inspection: not withdrawn', async () => {
    const dependencies = await withVersion1();
    await reportOnItem1(dependencies, CZJ);
    const dropped = await preview(dependencies, withoutItem1, 'drop');
    expect(dropped.revision).toMatchObject({ withdrawn: [], itemsKept: [{ code: '1', title: '整合政府网站公开专栏' }] });
    expect(describeRevision(dropped.revision!).zh).toBe('保留待督查事项 1 项（1：单位已报告完成、待督查，未撤销；如确需撤销，请先督查其报告）');
  });

  it('keeps the unit, saying its report awaits inspection: not removed — and, nothing else changed, no revision to record (newcomer46-10 S1)', async () => {
    const dependencies = await withVersion1();
    await reportOnItem1(dependencies, CZJ);
    const left = await preview(dependencies, withoutFinance, 'left');
    expect(left).toMatchObject({ revision: null, wouldWriteNothing: true });
    expect(left.notes.notices?.map((notice) => notice.reasonZh)).toContain('与方案现状相比：保留待督查单位 1 个（事项 1：已报告完成、待督查，未移除；如确需移除，请先督查其报告）。');
    const withAnother = withoutFinance.replace('青川市发展和改革委员会,,2026-06-30', '青川市发展和改革委员会,,2026-12-31');
    const redated = await preview(dependencies, withAnother, 'left-redated');
    expect(redated.revision).toMatchObject({ unitsRemoved: [], unitsKept: [{ code: '1', unitId: CZJ, role: 'RESPONSIBLE', awaitingInspection: true }], redated: [{ code: '1' }] });
    expect(describeRevision(redated.revision!).zh).toContain('保留待督查单位 1 个（事项 1：已报告完成、待督查，未移除；如确需移除，请先督查其报告）');
  });

  it('withdraws the item and removes the unit as before when nothing awaits inspection', async () => {
    const dependencies = await withVersion1();
    expect((await preview(dependencies, withoutItem1, 'drop-plain')).revision).toMatchObject({ withdrawn: [{ code: '1' }], itemsKept: [] });
    expect((await preview(dependencies, withoutFinance, 'left-plain')).revision).toMatchObject({ unitsRemoved: [{ code: '1', unitId: CZJ }], unitsKept: [] });
  });
});

describe('a unit\'s own deadline in a new version (breaker10f P3)', () => {
  /** Item 1 due 12-20, led by 市发改委 with 市财政局; a row continuing it names 市教育局 with its own 完成时限. */
  const ITEM_1 = '一,公开平台,1,整合政府网站公开专栏,,青川市发展和改革委员会,青川市财政局,2026-12-20\n';
  const own = (day: string) => `,,,,,,青川市教育局,${day}\n`;
  let dependencies: ImportDependencies;
  let round = 0;
  const revise = (csv: string, dryRun = false) =>
    importWorkPlanFile(dependencies, { name: `plan-own-${(round += 1)}.csv`, content: text(HEADER + csv) }, { title: TITLE, year: 2026, revise: true, withdrawMissing: true, dryRun }, contextOf(`own-${round}`, '2026-05-01T09:00:00+08:00'));
  const dueOf = async (unitId: string) => {
    const state = await stateOf(dependencies, '1');
    if (state.status === 'empty') throw new Error('item 1 missing');
    return partOf(state.assignments, unitId)?.dueDate;
  };
  beforeEach(async () => {
    const store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'rectify-revision-')), 'events.db'));
    const schemas = allEventSchemas();
    await importUnitsFile({ store, schemas, units: new UnitsReadModel() }, { name: 'units.csv', content: text(UNITS) }, contextOf('units'));
    dependencies = { store, schemas, units: await replayLog(store, schemas, new UnitsReadModel()) };
    await importWorkPlanFile(dependencies, { name: 'plan-own-v1.csv', content: text(HEADER + ITEM_1) }, { title: TITLE, year: 2026 }, contextOf('own-v1'));
  });

  it('a unit a new version adds on a row of its own is due on that row\'s date, as in a first import', async () => {
    const outcome = await revise(ITEM_1 + own('2026-12-28'));
    expect(describeRevision(outcome.revision!).zh).toBe('增加单位 1 个（事项 1：青川市教育局）');
    expect([await dueOf(FGW), await dueOf(CZJ), await dueOf(JYJ)]).toEqual(['2026-12-20', '2026-12-20', '2026-12-28']);
  });

  it('a unit\'s own date changed in a later version re-dates that part alone, said in the preview; never "already imported"', async () => {
    await revise(ITEM_1 + own('2026-12-28'));
    const head = await dependencies.store.headPosition();
    const preview = await revise(ITEM_1 + own('2026-12-30'), true);
    expect(describeRevision(preview.revision!).zh).toBe('调整单位时限 1 个（事项 1 青川市教育局：2026-12-28 → 2026-12-30）');
    expect(preview.revision?.partsRedated).toEqual([expect.objectContaining({ code: '1', unitId: JYJ, from: '2026-12-28', to: '2026-12-30' })]);
    expect(await dependencies.store.headPosition()).toEqual(head);
    const applied = await revise(ITEM_1 + own('2026-12-30'));
    expect(applied.eventCount).toBeGreaterThan(0);
    expect([await dueOf(FGW), await dueOf(CZJ), await dueOf(JYJ)]).toEqual(['2026-12-20', '2026-12-20', '2026-12-30']);
    // The part re-dated names its unit and carries the revision's reason, as a unit removed does (newcomer48-10 M1).
    const stream = workPlanItemStream(workPlanItemIdFor(applied.planId, '1'));
    const redated = (await dependencies.store.readStream(stream)).filter((stored) => stored.type === 'PartsRescheduled').at(-1);
    expect(redated?.data).toMatchObject({ unitIds: [JYJ], reason: `依据 plan-own-${round}.csv 修订方案` });
    // The item moved: the parts on its day move with it, the unit with a date of its own keeps it.
    await revise(ITEM_1.replace('2026-12-20', '2026-12-24') + own('2026-12-30'));
    expect([await dueOf(FGW), await dueOf(CZJ), await dueOf(JYJ)]).toEqual(['2026-12-24', '2026-12-24', '2026-12-30']);
  });

  it('a unit\'s own date earlier than an extension a supervisor granted it does not cut the extension (breaker10d P31\'s rule)', async () => {
    await revise(ITEM_1 + own('2026-12-24'));
    const unit: Actor = { id: 'user-jyj', role: 'UNIT', unitId: JYJ };
    const supervisor: Actor = { id: 'user-sup', role: 'SUPERVISOR', unitId: null };
    const on = (actor: Actor, key: string) => commandContext({ actor, commandType: 'Extension', idempotencyKey: key, now: new Date('2026-06-01T09:00:00+08:00') });
    const stream = workPlanItemStream(item('1'));
    await executeCommand(dependencies.store, dependencies.schemas, stream, workPlanItemDecider, { type: 'RequestExtension', actor: unit, today: '2026-06-01', unitId: JYJ, requestId: 'x-1', requestedDueDate: '2026-12-29', reason: '需协调', requestedOn: '2026-06-01' }, on(unit, 'ask'));
    await executeCommand(dependencies.store, dependencies.schemas, stream, workPlanItemDecider, { type: 'DecideExtension', actor: supervisor, today: '2026-06-01', unitId: JYJ, requestId: 'x-1', approve: true, decidedOn: '2026-06-01' }, on(supervisor, 'grant'));
    expect(await dueOf(JYJ)).toBe('2026-12-29');
    const again = await revise(ITEM_1 + own('2026-12-24'), true);
    expect(again.revision === null || again.revision.partsRedated.length === 0).toBe(true);
    await revise(ITEM_1 + own('2026-12-31'));
    expect(await dueOf(JYJ)).toBe('2026-12-31');
  });
});

describe('the difference between two versions', () => {
  const version = (code: string, overrides: Partial<ItemVersion> = {}): ItemVersion => ({
    itemId: `item-${code}`,
    code,
    categoryCode: '一',
    title: `事项${code}`,
    description: '',
    measures: '',
    dueDate: '2026-06-30',
    leadUnitIds: ['a'],
    responsibleUnitIds: ['b'],
    ...overrides,
  });

  it('is nothing for the same items', () => {
    expect(describeRevision(planRevisionOf([version('1')], [version('1')]))).toEqual({ en: 'no item changes', zh: '事项无变化' });
  });

  describe('a version re-dating an item a unit is already late on (newcomer49-10 S5, related)', () => {
    const due = (dueDate: string) => ({ dueDate, terms: { kind: 'BY_DATE' as const } });
    /** Item 4 due 06-30: a never reported, b reported on time (awaiting inspection). */
    const standing = version('4', { partDues: { a: due('2026-06-30'), b: due('2026-06-30') }, reportedUnitIds: ['b'] });

    it('says how long it was overdue on the version\'s day and that it no longer counts once moved', () => {
      const revision = planRevisionOf([standing], [version('4', { dueDate: '2026-12-31' })], '2026-12-05');
      expect(revision.redated).toEqual([expect.objectContaining({ code: '4', from: '2026-06-30', to: '2026-12-31', overdueDays: 158 })]);
      expect(describeRevision(revision).zh).toBe('调整时限 1 项（4：2026-06-30 → 2026-12-31），事项 4 已逾期 158 天：改期后不再计为逾期');
      expect(describeRevision(revision).en).toContain('item 4 was 158 days overdue: once re-dated it no longer counts as overdue');
    });

    it('says nothing when nobody was late on that day, or the new date is already past too', () => {
      expect(planRevisionOf([standing], [version('4', { dueDate: '2026-12-31' })], '2026-06-30').redated[0]?.overdueDays).toBeUndefined();
      expect(planRevisionOf([version('4', { ...standing, reportedUnitIds: ['a', 'b'] })], [version('4', { dueDate: '2026-12-31' })], '2026-12-05').redated[0]?.overdueDays).toBeUndefined();
      expect(planRevisionOf([standing], [version('4', { dueDate: '2026-09-30' })], '2026-12-05').redated[0]?.overdueDays).toBeUndefined();
      expect(planRevisionOf([standing], [version('4', { dueDate: '2026-12-31' })]).redated[0]?.overdueDays).toBeUndefined();
    });
  });

  it('names the units whose role a version changes, with their new role (newcomer49-10 M12)', () => {
    const names: Record<string, string> = { a: '澜江市人民政府办公室', b: '澜江市发展和改革委员会' };
    const revision = withUnitNames(planRevisionOf([version('1')], [version('1', { leadUnitIds: ['b'], responsibleUnitIds: ['a'] })]), (unitId) => names[unitId]);
    const said = describeRevision(revision).zh;
    expect(said).toContain('调整牵头/责任分工 2 个，进度保留（事项 1：');
    expect(said).toContain('澜江市发展和改革委员会 改为牵头单位');
    expect(said).toContain('澜江市人民政府办公室 改为责任单位');
    expect(describeRevision(revision).en).toContain('澜江市发展和改革委员会 now lead');
    // Without the directory (names unknown), the items alone, as before.
    expect(describeRevision(planRevisionOf([version('1')], [version('1', { leadUnitIds: ['b'], responsibleUnitIds: ['a'] })])).zh).toContain('进度保留（事项 1）');
  });

  it('does not re-date an item whose terms carry no day of their own when a later version reads them again (breaker10e P3)', () => {
    const atOnce = { terms: { kind: 'AT_ONCE' as const } };
    const quarterly = { terms: { kind: 'RECURRING' as const, period: 'QUARTER' as const } };
    // 立行立改 is due the day it was assigned; 每季度 at the end of the quarter it has reached: read again on a later day, still the same terms.
    expect(planRevisionOf([version('1', { ...atOnce, dueDate: '2026-04-01' })], [version('1', { ...atOnce, dueDate: '2026-05-20' })]).redated).toEqual([]);
    expect(planRevisionOf([version('1', { ...quarterly, dueDate: '2026-06-30' })], [version('1', { ...quarterly, dueDate: '2026-09-30' })]).redated).toEqual([]);
    expect(planRevisionOf([version('1', { ...quarterly, dueDate: '2026-06-30' })], [version('1', { terms: { kind: 'RECURRING', period: 'MONTH' }, dueDate: '2026-06-30' })]).redated).toHaveLength(1);
    expect(planRevisionOf([version('1', { dueDate: '2026-04-01' })], [version('1', { dueDate: '2026-05-20' })]).redated).toHaveLength(1);
  });

  it('reads Rectify\'s own export row by row: each row dates its unit\'s part, the item keeps its day while a row gives it (breaker10f P3, P7)', () => {
    const due = (dueDate: string) => ({ dueDate, terms: { kind: 'BY_DATE' as const } });
    // The plan: item due 12-21, lead a granted 12-28, b and c on the item's day.
    const standing = version('1', {
      dueDate: '2026-12-21',
      responsibleUnitIds: ['b', 'c'],
      partDues: { a: { ...due('2026-12-28'), granted: '2026-12-28' }, b: due('2026-12-21'), c: due('2026-12-21') },
    });
    const exported = (a: string, b: string, c: string) =>
      version('1', { dueDate: a, responsibleUnitIds: ['b', 'c'], datesPerPart: true, partDueDates: { a: due(a), b: due(b), c: due(c) } });
    // As exported: nothing (the lead's 12-28 on the item's first row is its extension, not the item's day).
    expect(isUnchanged(planRevisionOf([standing], [exported('2026-12-28', '2026-12-21', '2026-12-21')]))).toBe(true);
    // One responsible unit's row edited: that part alone.
    const one = planRevisionOf([standing], [exported('2026-12-28', '2026-12-30', '2026-12-21')]);
    expect(one.redated).toEqual([]);
    expect(one.partsRedated).toEqual([expect.objectContaining({ unitId: 'b', from: '2026-12-21', to: '2026-12-30' })]);
    // The lead's row edited: the lead's part alone.
    expect(planRevisionOf([standing], [exported('2026-12-30', '2026-12-21', '2026-12-21')]).partsRedated).toEqual([expect.objectContaining({ unitId: 'a', from: '2026-12-28', to: '2026-12-30' })]);
    // Every row edited to one day: the item is re-dated, its parts move with it.
    const all = planRevisionOf([standing], [exported('2026-12-31', '2026-12-31', '2026-12-31')]);
    expect(all.redated).toEqual([expect.objectContaining({ from: '2026-12-21', to: '2026-12-31' })]);
    expect(all.partsRedated).toEqual([]);
  });

  it('reads its own export back unchanged when the parts have days of their own: a 销号 item returned until a later day, parts on two days (breaker10t P18)', () => {
    const due = (dueDate: string) => ({ dueDate, terms: { kind: 'BY_DATE' as const } });
    const exported = (a: string, b: string) => version('1', { dueDate: a, responsibleUnitIds: ['b'], datesPerPart: true, partDueDates: { a: due(a), b: due(b) } });
    // 销号: both parts returned until 09-30 and passed — verified parts have no open due, but the export writes their 09-30.
    const completed = version('1', { dueDate: '2026-06-30', responsibleUnitIds: ['b'], partDues: {}, partsDueNow: { a: due('2026-09-30'), b: due('2026-09-30') } });
    // Before the fix: re-dated 06-30 → 09-30 (every row gave one other day).
    expect(isUnchanged(planRevisionOf([completed], [exported('2026-09-30', '2026-09-30')]))).toBe(true);
    // Open, the lead returned until 08-31 and b until 09-15: nothing; before, the item took its lead's 08-31.
    const open = version('1', { dueDate: '2026-06-30', responsibleUnitIds: ['b'], partDues: { a: due('2026-08-31'), b: due('2026-09-15') }, partsDueNow: { a: due('2026-08-31'), b: due('2026-09-15') } });
    expect(isUnchanged(planRevisionOf([open], [exported('2026-08-31', '2026-09-15')]))).toBe(true);
    // Edited to one new day on every row, the item is re-dated as before.
    expect(planRevisionOf([open], [exported('2026-10-31', '2026-10-31')]).redated).toEqual([expect.objectContaining({ from: '2026-06-30', to: '2026-10-31' })]);
  });

  it('a lead handed to a responsible unit is two role changes, no unit removed or added', () => {
    const revision = planRevisionOf([version('1')], [version('1', { leadUnitIds: ['b'], responsibleUnitIds: ['a'] })]);
    expect(revision.unitsRemoved).toEqual([]);
    expect(revision.unitsAdded).toEqual([]);
    expect(revision.rolesChanged).toEqual([
      { code: '1', unitId: 'b', role: 'LEAD' },
      { code: '1', unitId: 'a', role: 'RESPONSIBLE' },
    ]);
  });

  it('names reworded items and their fields, a new title with the one before (breaker10r P2)', () => {
    const revision = planRevisionOf([version('1')], [version('1', { title: '新名称' })]);
    expect(revision.amended).toEqual([{ code: '1', title: '新名称', previousTitle: '事项1', fields: ['title'] }]);
    expect(describeRevision(revision).zh).toBe('修改表述 1 项（1：事项1 → 新名称）');
  });

  it('names a new 具体内容 or 工作措施 as such, never a bare code that reads like a reworded title (breaker47-10 M2)', () => {
    const before = [version('1', { description: '目录年初公布', measures: '专人负责' }), version('2', { description: '常态公开', measures: '每月检查' })];
    const revision = planRevisionOf(before, [version('1', { description: '目录年中更新', measures: '专人负责' }), version('2', { title: '新名称', description: '常态公开', measures: '每周检查' })]);
    expect(describeRevision(revision).zh).toBe('修改表述 2 项（1：改具体内容，2：事项2 → 新名称；改工作措施）');
    expect(describeRevision(revision).en).toBe('2 reworded (1: description changed, 2: 事项2 → 新名称; measures changed)');
  });

  describe('given a version that renames 大项 二 and moves items under it (breaker10s P7)', () => {
    const standing = [
      { code: '一', title: '健全依法决策机制' },
      { code: '二', title: '规范行政执法' },
    ];
    const next = [
      { code: '一', title: '健全依法决策机制' },
      { code: '二', title: '严格规范公正文明执法' },
    ];
    const current = [version('5'), version('6'), version('7', { categoryCode: '二' })];

    it('when only the 大项 is renamed, then the rename is the change, said with both titles; no item is reworded', () => {
      const revision = planRevisionOf(current, current, '2026-07-05', { standing, next });
      expect(revision.categoriesRenamed).toEqual([{ code: '二', from: '规范行政执法', to: '严格规范公正文明执法' }]);
      expect(isUnchanged(revision)).toBe(false);
      expect(describeRevision(revision).zh).toBe('大项 二 更名：规范行政执法 → 严格规范公正文明执法');
    });

    it('when items move under it, then each is moved (with both 大项), not 修改表述; one reworded too is both', () => {
      const revision = planRevisionOf(current, [version('5', { categoryCode: '二' }), version('6', { categoryCode: '二', title: '清理规范性文件' }), current[2]!], '2026-07-05', { standing, next });
      expect(revision.moved).toEqual([
        { code: '5', title: '事项5', from: { code: '一', title: '健全依法决策机制' }, to: { code: '二', title: '严格规范公正文明执法' } },
        { code: '6', title: '清理规范性文件', from: { code: '一', title: '健全依法决策机制' }, to: { code: '二', title: '严格规范公正文明执法' } },
      ]);
      expect(revision.amended).toEqual([{ code: '6', title: '清理规范性文件', previousTitle: '事项6', fields: ['title'] }]);
      expect(describeRevision(revision).zh).toBe('修改表述 1 项（6：事项6 → 清理规范性文件），大项 二 更名：规范行政执法 → 严格规范公正文明执法，事项 5、6 由大项 一 移至大项 二');
    });

    it('when the move is applied, then the item is revised into its new 大项', () => {
      const next5 = [version('5', { categoryCode: '二' }), version('6'), current[2]!];
      const revision = planRevisionOf(current, next5, '2026-07-05', { standing, next });
      const { revise } = itemRevisionCommands(revision, next5, { actor: operator, today: '2026-07-05', revisedOn: '2026-07-05', reason: '依据 c-sec3.csv 修订方案', dueDateLimit: null });
      expect(revise.map(({ itemId, command }) => [itemId, command.categoryCode])).toEqual([['item-5', '二']]);
    });
  });

  describe('given an item whose 具体内容 / 工作措施 a version leaves empty (breaker10s P2)', () => {
    it('when the cell is emptied, then the summary says what is taken out, in its words, not 修改表述', () => {
      const revision = planRevisionOf([version('4', { description: '整合区县网站', measures: '建立月度巡检制度' })], [version('4')]);
      expect(revision.amended).toEqual([
        {
          code: '4',
          title: '事项4',
          fields: ['description', 'measures'],
          cleared: [
            { field: 'description', was: '整合区县网站' },
            { field: 'measures', was: '建立月度巡检制度' },
          ],
        },
      ]);
      expect(describeRevision(revision).zh).toBe('事项 4 删去具体内容“整合区县网站”、工作措施“建立月度巡检制度”');
    });

    it('when it is emptied and the title changed too, then both are said; long words are cut at 40 characters', () => {
      const long = '整合区县政府网站，统一建设市级集约化平台，实现信息资源共享共用，各区县网站迁移至市级平台统一管理并完成备案';
      const revision = planRevisionOf([version('4', { description: long })], [version('4', { title: '推进网站集约化' })]);
      expect(describeRevision(revision).zh).toBe(`修改表述 1 项（4：事项4 → 推进网站集约化），事项 4 删去具体内容“${[...long].slice(0, 40).join('')}…”`);
    });
  });

  it('names new measures (工作措施) as a rewording', () => {
    expect(planRevisionOf([version('1')], [version('1', { measures: '建立月度巡检制度' })]).amended).toEqual([
      { code: '1', title: '事项1', fields: ['measures'] },
    ]);
  });

  describe('given a part handed over to a successor (breaker8 S7)', () => {
    /** 'b' handed its part to 'c' (机构改革); the file still names 'b'. */
    const handedOver = version('1', { responsibleUnitIds: ['c'], heldFor: { b: 'c' } });

    it('a file naming the old unit changes nothing: the successor carries its part on', () => {
      expect(describeRevision(planRevisionOf([handedOver], [version('1', { responsibleUnitIds: ['b'] })]))).toEqual({ en: 'no item changes', zh: '事项无变化' });
    });

    it('naming the old unit as lead moves the lead to its successor, keeping the part', () => {
      const revision = planRevisionOf([handedOver], [version('1', { leadUnitIds: ['b'], responsibleUnitIds: ['a'] })]);
      expect(revision.unitsRemoved).toEqual([]);
      expect(revision.unitsAdded).toEqual([]);
      expect(revision.rolesChanged).toEqual([
        { code: '1', unitId: 'c', role: 'LEAD' },
        { code: '1', unitId: 'a', role: 'RESPONSIBLE' },
      ]);
    });

    it('dropping the old unit from the file removes the successor’s part, and naming both means the one part', () => {
      expect(planRevisionOf([handedOver], [version('1', { responsibleUnitIds: [] })]).unitsRemoved).toEqual([{ code: '1', unitId: 'c', role: 'RESPONSIBLE' }]);
      expect(isUnchanged(planRevisionOf([handedOver], [version('1', { responsibleUnitIds: ['b', 'c'] })]))).toBe(true);
    });

    it('a version dated before the hand-over naming both adds the successor’s own part: it held none on the version’s day (162ada7’s path)', () => {
      const receivedLater = { ...handedOver, receivedOn: { c: '2026-04-01' } };
      const both = [version('1', { responsibleUnitIds: ['b', 'c'] })];
      expect(planRevisionOf([receivedLater], both, '2026-03-15').unitsAdded).toEqual([{ code: '1', unitId: 'c', role: 'RESPONSIBLE' }]);
      // Dated on or after the day the part reached it, the successor named is the part it carries on.
      expect(isUnchanged(planRevisionOf([receivedLater], both, '2026-04-01'))).toBe(true);
      expect(isUnchanged(planRevisionOf([receivedLater], [version('1', { responsibleUnitIds: ['b'] })], '2026-03-15'))).toBe(true);
    });
  });
});

describe('a version that replaces a lead whose report awaits inspection (breaker10n P4)', () => {
  /** Item 1: 市发改委 led; the version names 市教育局 as its lead instead, 市财政局 still responsible. */
  const newLead = VERSION_1.replace(',1,整合政府网站公开专栏,,青川市发展和改革委员会,', ',1,整合政府网站公开专栏,,青川市教育局,');
  const leadReports = (dependencies: ImportDependencies) => {
    const actor: Actor = { id: `user-${FGW}`, role: 'UNIT', unitId: FGW };
    return executeCommand(
      dependencies.store,
      dependencies.schemas,
      workPlanItemStream(item('1')),
      workPlanItemDecider,
      { actor, today: '2026-05-12', type: 'ReportRectification', unitId: FGW, reportedOn: '2026-05-12', summary: '已整改', evidence: [{ title: '专栏', link: 'https://www.qingchuan.gov.cn/xxgk', documentRef: null }] } as never,
      commandContext({ actor, commandType: 'ReportRectification', idempotencyKey: `report-${FGW}`, now: new Date('2026-05-12T09:00:00+08:00') }),
    );
  };
  const importNewLead = (dependencies: ImportDependencies, dryRun: boolean) =>
    importWorkPlanFile(dependencies, { name: 'new-lead.csv', content: text(newLead) }, { title: TITLE, year: 2026, revise: true, withdrawMissing: true, dryRun, assignedOn: '2026-06-01' }, contextOf(`new-lead-${dryRun}`, '2026-06-02T09:00:00+08:00'));

  it('applies: the new lead leads, the old lead steps down to responsible with its report kept (保留待督查)', async () => {
    const dependencies = await withVersion1();
    await leadReports(dependencies);
    const preview = await importNewLead(dependencies, true);
    expect(preview.revision).toMatchObject({ unitsAdded: [{ code: '1', unitId: JYJ, role: 'LEAD' }], unitsKept: [{ code: '1', unitId: FGW, awaitingInspection: true }], rolesChanged: [{ code: '1', unitId: FGW, role: 'RESPONSIBLE' }] });
    await importNewLead(dependencies, false);
    const state = await stateOf(dependencies, '1');
    const assignments = (state as unknown as { assignments: Parameters<typeof partsOf>[0] }).assignments;
    expect(partsOf(assignments).filter((part) => part.role === 'LEAD').map((part) => part.unitId)).toEqual([JYJ]);
    expect(partOf(assignments, FGW)).toMatchObject({ role: 'RESPONSIBLE', status: 'REPORTED' });
  });
});
