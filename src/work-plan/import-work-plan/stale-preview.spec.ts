import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allEventSchemas } from '../../event-sourcing/all-event-schemas.js';
import { executeCommand, loadState } from '../../event-sourcing/execute-command.js';
import { replayLog } from '../../event-sourcing/replay-log.js';
import { SqliteEventStore } from '../../event-store/sqlite-event-store.js';
import { importUnitsFile } from '../../organization/import-units/import-units.js';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import { unitIdForCode } from '../../organization/units/unit-id.js';
import { commandContext, type Actor, type CommandContext } from '../../shared/command-context.js';
import { DomainError } from '../../shared/domain-error.js';
import { eventsToAppend } from '../../event-sourcing/execute-command.js';
import { userStream } from '../../access/domain/user.events.js';
import type { ImportDependencies } from '../../imports/import-run.js';
import { workPlanItemDecider } from '../domain/work-plan-item.decider.js';
import { workPlanIdFor, workPlanItemIdFor, workPlanItemStream, workPlanStream } from '../domain/work-plan.events.js';
import { describeWorkPlanImportZh, importWorkPlanFile, type WorkPlanImportOptions } from './import-work-plan.js';

/*
 * breaker48-10 S2: clerk A previews version A (「新增事项 1 项（3）」); clerk B applies version B meanwhile (item 3 丁任务); A applies
 * version A as previewed — and withdrew B's item 3 (or rewrote it into A's). The preview's answer carries the plan's version it was
 * computed on; given back, the import is refused (CONFLICT, nothing written) when the plan moved on, naming who changed it and when.
 */
describe('a new version applied after its preview, when the plan changed in between (breaker48-10 S2)', () => {
  const text = (csv: string) => new TextEncoder().encode(csv);
  const TITLE = '澜州市2026年政务公开重点任务分解方案';
  const PLAN = workPlanIdFor(2026, TITLE);
  const clerk = (id: string): Actor => ({ id, role: 'SUPERVISOR', unitId: null });
  const contextOf = (actor: Actor, key: string, now: string): CommandContext => commandContext({ actor, commandType: 'ImportWorkPlan', idempotencyKey: key, now: new Date(now) });
  const HEADER = `${TITLE},,,\n序号,工作任务,牵头单位,完成时限\n一、决策公开,,,\n`;
  const V1 = HEADER + '1,推进预算公开,澜州市财政局,2026年6月30日前\n2,公开执行进度,澜州市发展和改革委员会,2026年12月底前\n';
  const VA = HEADER + '1,推进预算公开,澜州市财政局,2026年9月30日前\n2,公开执行进度,澜州市发展和改革委员会,2026年12月底前\n3,丙任务：规范依申请公开答复文书,澜州市民政局,2026年10月底前\n';
  const VB = HEADER + '1,推进预算公开,澜州市财政局,2026年6月30日前\n2,公开执行进度,澜州市发展和改革委员会,2026年12月底前\n3,丁任务：编制教育领域基层政务公开标准目录,澜州市教育局,2026年11月底前\n';
  let dependencies: ImportDependencies;
  const importAs = (actor: Actor, name: string, csv: string, key: string, options: WorkPlanImportOptions) =>
    importWorkPlanFile(dependencies, { name, content: text(csv) }, { assignedOn: '2026-06-15', ...options }, contextOf(actor, key, '2026-06-15T10:00:00+08:00'));
  const item = async (code: string) => loadState(dependencies.store, dependencies.schemas, workPlanItemStream(workPlanItemIdFor(PLAN, code)), workPlanItemDecider);
  const refusalOf = async (run: Promise<unknown>): Promise<DomainError> => {
    try {
      await run;
    } catch (error) {
      if (error instanceof DomainError) return error;
      throw error;
    }
    throw new Error('not refused');
  };

  beforeEach(async () => {
    const store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'rectify-stale-preview-')), 'events.db'));
    const schemas = allEventSchemas();
    const units = '编码,名称,类型\nCZJ,澜州市财政局,部门\nJYJ,澜州市教育局,部门\nFGW,澜州市发展和改革委员会,部门\nMZJ,澜州市民政局,部门\n';
    await importUnitsFile({ store, schemas, units: new UnitsReadModel() }, { name: 'units.csv', content: text(units) }, contextOf(clerk('admin'), 'units', '2026-01-05T09:00:00+08:00'));
    dependencies = { store, schemas, units: await replayLog(store, schemas, new UnitsReadModel()) };
    await importWorkPlanFile(dependencies, { name: 'v1.csv', content: text(V1) }, { approvedOn: '2026-02-20' }, contextOf(clerk('admin'), 'v1', '2026-02-20T09:00:00+08:00'));
  });
  afterEach(() => dependencies.store.close());

  it('a version given a period other than the plan’s is refused saying the period stays, not read on the plan’s unsaid (breaker50-10 M3)', async () => {
    const refusal = await refusalOf(importAs(clerk('clerk-a'), 'vA.csv', VA, 'a-period', { revise: true, dryRun: true, year: 2026, lastYear: 2027 }));
    expect(refusal.code).toBe('BAD_USER_INPUT');
    expect(refusal.details).toMatchObject({ field: 'lastYear' });
    expect(refusal.messageZh).toBe(`工作方案“${TITLE}”的期限为 2026 年，按新版本调整不改变方案的期限（本次填写的截止年份 2027 年未采用）：请清空年度中的截止年份后重新导入；晚于方案期限的时限须由督办人员填写特批理由。`);
    // The plan's own period given again is no change.
    expect((await importAs(clerk('clerk-a'), 'vA.csv', VA, 'a-period-same', { revise: true, dryRun: true, year: 2026, lastYear: 2026 })).planVersion).toBe(1);
  });

  it('a version the plan never had is told as a mistyped number, not as a change since the preview (breaker50-10 M1)', async () => {
    const refusal = await refusalOf(importAs(clerk('clerk-a'), 'vA.csv', VA, 'a-99', { revise: true, expectedPlanVersion: 99 }));
    expect(refusal.code).toBe('CONFLICT');
    expect(refusal.details).toMatchObject({ field: 'expectedPlanVersion', expectedPlanVersion: 99, planVersion: 1 });
    expect(refusal.messageZh).toContain(`工作方案“${TITLE}”现为第 1 版，没有第 99 版：请核对所给的方案版本是否就是预览（试导入）所示的版本`);
    expect(refusal.messageZh).not.toContain('预览之后已被修改');
  });

  it('the preview gives the plan version it read; the import given it back is refused once another version was applied, nothing written', async () => {
    const preview = await importAs(clerk('clerk-a'), 'vA.csv', VA, 'a-preview', { revise: true, dryRun: true });
    expect(preview.planVersion).toBe(1);
    expect(describeWorkPlanImportZh(preview)).toContain('新增事项 1 项（3）');
    await importAs(clerk('clerk-b'), 'vB.csv', VB, 'b', { revise: true, withdrawMissing: true, revisionReason: '青政办〔2026〕12号' });
    const before = (await dependencies.store.readStream(workPlanStream(PLAN))).length;
    const refusal = await refusalOf(importAs(clerk('clerk-a'), 'vA.csv', VA, 'a', { revise: true, withdrawMissing: true, expectedPlanVersion: preview.planVersion }));
    expect(refusal.code).toBe('CONFLICT');
    expect(refusal.details).toMatchObject({ field: 'expectedPlanVersion', expectedPlanVersion: 1, planVersion: 2 });
    expect(refusal.messageZh).toContain(`工作方案“${TITLE}”在预览之后已被修改（预览时为第 1 版，现为第 2 版）：clerk-b 于北京时间 2026-06-15 10:00:00 修订了方案（青政办〔2026〕12号）`);
    expect(refusal.messageZh).toContain('请重新预览');
    // B's item stands as B applied it: not withdrawn, not rewritten into A's.
    expect((await dependencies.store.readStream(workPlanStream(PLAN))).length).toBe(before);
    expect(await item('3')).toMatchObject({ status: 'open', definition: { title: '丁任务：编制教育领域基层政务公开标准目录' } });
    // Previewed again, it shows what it now does, and imports with the new version.
    const again = await importAs(clerk('clerk-a'), 'vA.csv', VA, 'a-preview-2', { revise: true, dryRun: true });
    expect(again.planVersion).toBe(2);
    // The new preview says A's file would undo B's revision (newcomer48-10 S1): applied only when A confirms it.
    expect(again.revisionsUndone?.length).toBeGreaterThan(0);
    const applied = await importAs(clerk('clerk-a'), 'vA.csv', VA, 'a-2', { revise: true, withdrawMissing: true, expectedPlanVersion: again.planVersion, undoLaterRevision: true });
    expect(applied.revision).toEqual(again.revision);
  });

  it('names the clerk who changed the plan by her account’s name, not its id (breaker49-10 S2)', async () => {
    const registered = { type: 'UserRegistered', data: { userId: 'clerk-b', name: '李娜', role: 'SUPERVISOR', unitId: null } };
    await dependencies.store.appendToStream(userStream('clerk-b'), eventsToAppend(dependencies.schemas, userStream('clerk-b'), [registered], contextOf(clerk('admin'), 'lina', '2026-01-05T09:00:00+08:00')), { expectedRevision: 'no_stream' });
    const preview = await importAs(clerk('clerk-a'), 'vA.csv', VA, 'a-preview', { revise: true, dryRun: true });
    await importAs(clerk('clerk-b'), 'vB.csv', VB, 'b', { revise: true, withdrawMissing: true, revisionReason: '青政办〔2026〕12号' });
    const refusal = await refusalOf(importAs(clerk('clerk-a'), 'vA.csv', VA, 'a', { revise: true, withdrawMissing: true, expectedPlanVersion: preview.planVersion }));
    expect(refusal.messageZh).toContain('：李娜 于北京时间 2026-06-15 10:00:00 修订了方案（青政办〔2026〕12号）');
    expect(refusal.message).toContain('李娜 revised it at');
    expect(refusal.messageZh).not.toContain('clerk-b');
  });

  it('a hand change to an item between the preview and its apply changes the version: refused naming the item, who and when; the file told as undoing it (breaker49-10 S1)', async () => {
    const registered = { type: 'UserRegistered', data: { userId: 'clerk-b', name: '李娜', role: 'SUPERVISOR', unitId: null } };
    await dependencies.store.appendToStream(userStream('clerk-b'), eventsToAppend(dependencies.schemas, userStream('clerk-b'), [registered], contextOf(clerk('admin'), 'lina', '2026-01-05T09:00:00+08:00')), { expectedRevision: 'no_stream' });
    const preview = await importAs(clerk('clerk-a'), 'vA.csv', VA, 'a-preview', { revise: true, dryRun: true });
    expect(preview.planVersion).toBe(1);
    const byHand = commandContext({ actor: clerk('clerk-b'), commandType: 'RescheduleWorkPlanItem', idempotencyKey: 'b-hand', now: new Date('2026-06-10T10:00:00+08:00') });
    const reschedule = { type: 'ReviseWorkPlanItem', actor: clerk('clerk-b'), today: '2026-06-10', revisedOn: '2026-06-10', reason: '青政办〔2026〕9号 调整项目进度', dueDate: '2026-11-30' } as const;
    await executeCommand(dependencies.store, dependencies.schemas, workPlanItemStream(workPlanItemIdFor(PLAN, '2')), workPlanItemDecider, reschedule, byHand);
    const refusal = await refusalOf(importAs(clerk('clerk-a'), 'vA.csv', VA, 'a', { revise: true, withdrawMissing: true, expectedPlanVersion: preview.planVersion }));
    expect(refusal.code).toBe('CONFLICT');
    expect(refusal.details).toMatchObject({ field: 'expectedPlanVersion', expectedPlanVersion: 1, planVersion: 2 });
    expect(refusal.messageZh).toContain('（预览时为第 1 版，现为第 2 版）：李娜 于北京时间 2026-06-10 10:00:00 调整了事项 2 的时限（2026-12-31 → 2026-11-30）（青政办〔2026〕9号 调整项目进度）');
    expect(await item('2')).toMatchObject({ definition: { dueDate: '2026-11-30' } });
    // Previewed again: the file (item 2 at 12-31) would undo that change — said, and applied only when confirmed.
    const again = await importAs(clerk('clerk-a'), 'vA.csv', VA, 'a-preview-2', { revise: true, dryRun: true });
    expect(again.planVersion).toBe(2);
    expect(again.revisionsUndone).toEqual([expect.objectContaining({ on: '2026-06-10', fileName: null, undone: [expect.objectContaining({ kind: 'ITEM_REDATED', code: '2', previousDueDate: '2026-12-31', dueDate: '2026-11-30' })] })]);
    expect((await refusalOf(importAs(clerk('clerk-a'), 'vA.csv', VA, 'a-2', { revise: true, withdrawMissing: true, expectedPlanVersion: 2 }))).details).toMatchObject({ field: 'undoLaterRevision' });
    const applied = await importAs(clerk('clerk-a'), 'vA.csv', VA, 'a-3', { revise: true, withdrawMissing: true, expectedPlanVersion: 2, undoLaterRevision: true });
    expect(applied.planVersion).toBe(3);
  });

  // breaker52-9 S6's kind on the plan side: every hand change a supervisor can make to an item after a clerk's preview — re-dated
  // (rescheduleWorkPlanItem), a unit added, removed or made lead in another's place (add/removeWorkPlanItemUnit), withdrawn — moves
  // the plan version, so the import given the preview's is refused naming it, nothing written. (An item is reworded only by a version.)
  it.each([
    ['re-dated', { type: 'ReviseWorkPlanItem', dueDate: '2026-11-30' }, '调整了事项 2 的时限（2026-12-31 → 2026-11-30）'],
    ['given another unit', { type: 'ReviseWorkPlanItem', addUnits: [{ unitId: unitIdForCode('MZJ'), role: 'RESPONSIBLE' }], unknownUnitIds: [] }, '为事项 2 增加了单位'],
    ['given another lead', { type: 'ReviseWorkPlanItem', addUnits: [{ unitId: unitIdForCode('MZJ'), role: 'LEAD' }], unknownUnitIds: [], replacesLead: true }, '事项 2'],
    ['withdrawn', { type: 'WithdrawWorkPlanItem', withdrawnOn: '2026-06-10' }, '撤销了事项 2'],
  ])('an item %s by hand after the preview: the import given the preview’s version is refused naming it, nothing written', async (_what, change, told) => {
    const preview = await importAs(clerk('clerk-a'), 'vA.csv', VA, 'a-preview', { revise: true, dryRun: true });
    const byHand = commandContext({ actor: clerk('clerk-b'), commandType: 'ByHand', idempotencyKey: 'b-hand', now: new Date('2026-06-10T10:00:00+08:00') });
    const command = { actor: clerk('clerk-b'), today: '2026-06-10', revisedOn: '2026-06-10', reason: '青政办〔2026〕9号', ...change };
    await executeCommand(dependencies.store, dependencies.schemas, workPlanItemStream(workPlanItemIdFor(PLAN, '2')), workPlanItemDecider, command as Parameters<typeof workPlanItemDecider.decide>[0], byHand);
    const head = await dependencies.store.headPosition();
    const refusal = await refusalOf(importAs(clerk('clerk-a'), 'vA.csv', VA, 'a', { revise: true, withdrawMissing: true, undoLaterRevision: true, expectedPlanVersion: preview.planVersion }));
    expect(refusal.code).toBe('CONFLICT');
    expect(refusal.details).toMatchObject({ field: 'expectedPlanVersion', expectedPlanVersion: preview.planVersion, planVersion: preview.planVersion + 1 });
    expect(refusal.messageZh).toContain(told);
    expect(await dependencies.store.headPosition()).toEqual(head);
  });

  // breaker50-10 S6: a colleague's hand change of the lead (民政局, responsible, made lead; 发改委 stepping down) reverted by a version
  // built before it was not in revisionsUndone, so nothing asked 确认撤销后来的调整; a version dated before it reverted it too.
  it('a version giving back the roles a hand lead change altered undoes it: listed, refused unless confirmed; dated before the change, the roles stand (breaker50-10 S6)', async () => {
    const WITH_MZJ = HEADER.replace('牵头单位,完成时限', '牵头单位,配合单位,完成时限').replace('一、决策公开,,,', '一、决策公开,,,,') + '1,推进预算公开,澜州市财政局,,2026年6月30日前\n2,公开执行进度,澜州市发展和改革委员会,澜州市民政局,2026年12月底前\n';
    await importAs(clerk('clerk-a'), 'v2.csv', WITH_MZJ, 'v2', { revise: true, assignedOn: '2026-06-01', revisionReason: '增加民政局配合' });
    const byHand = commandContext({ actor: clerk('clerk-b'), commandType: 'AddWorkPlanItemUnit', idempotencyKey: 'b-lead', now: new Date('2026-06-10T10:00:00+08:00') });
    const MZJ = dependencies.units.byCode('MZJ')!.id;
    const lead = { type: 'ReviseWorkPlanItem', actor: clerk('clerk-b'), today: '2026-06-10', revisedOn: '2026-06-10', reason: '民政局牵头', addUnits: [{ unitId: MZJ, role: 'LEAD' }], replacesLead: true } as const;
    await executeCommand(dependencies.store, dependencies.schemas, workPlanItemStream(workPlanItemIdFor(PLAN, '2')), workPlanItemDecider, lead, byHand);

    const preview = await importAs(clerk('clerk-a'), 'v2-again.csv', WITH_MZJ.replace('2026年6月30日前', '2026年7月31日前'), 'v2-again', { revise: true, dryRun: true });
    expect(preview.revision?.rolesChanged.map((unit) => [unit.code, unit.unitName, unit.role])).toEqual([
      ['2', '澜州市发展和改革委员会', 'LEAD'],
      ['2', '澜州市民政局', 'RESPONSIBLE'],
    ]);
    expect(preview.revisionsUndone).toEqual([
      {
        on: '2026-06-10',
        fileName: null,
        reason: '民政局牵头',
        undone: [expect.objectContaining({ kind: 'ROLE_CHANGED', code: '2', unitName: '澜州市发展和改革委员会', previousRole: 'LEAD', role: 'RESPONSIBLE' }), expect.objectContaining({ kind: 'ROLE_CHANGED', code: '2', unitName: '澜州市民政局', previousRole: 'RESPONSIBLE', role: 'LEAD' })],
      },
    ]);
    expect(describeWorkPlanImportZh(preview)).toContain('本文件将撤销2026-06-10 的调整（依据：民政局牵头）：把事项 2 公开执行进度 中 澜州市发展和改革委员会 的分工由该次调整后的责任单位改回牵头单位；把事项 2 公开执行进度 中 澜州市民政局 的分工由该次调整后的牵头单位改回责任单位');
    const refusal = await refusalOf(importAs(clerk('clerk-a'), 'v2-again.csv', WITH_MZJ.replace('2026年6月30日前', '2026年7月31日前'), 'v2-apply', { revise: true, revisionReason: '青政办〔2026〕40号' }));
    expect(refusal.details).toMatchObject({ field: 'undoLaterRevision' });

    // The same file as a version of 06-05, before the hand change: the roles it gives as they stood then are taken as they stand now.
    const earlier = await importAs(clerk('clerk-a'), 'v2-again.csv', WITH_MZJ.replace('2026年6月30日前', '2026年7月31日前'), 'v2-earlier', { revise: true, dryRun: true, assignedOn: '2026-06-05' });
    expect(earlier.revision?.rolesChanged).toEqual([]);
    expect(earlier.revision?.redated.map((item) => item.code)).toEqual(['1']);
  });

  it('the plan unchanged since the preview: imported as previewed', async () => {
    const preview = await importAs(clerk('clerk-a'), 'vA.csv', VA, 'a-preview', { revise: true, dryRun: true });
    const applied = await importAs(clerk('clerk-a'), 'vA.csv', VA, 'a', { revise: true, withdrawMissing: true, expectedPlanVersion: preview.planVersion });
    expect(applied.revision).toEqual(preview.revision);
    expect(applied.eventCount).toBeGreaterThan(0);
  });

  it('two versions applied at the same moment from the same preview version: one is applied, the other refused', async () => {
    const version = (await importAs(clerk('clerk-a'), 'vA.csv', VA, 'a-preview', { revise: true, dryRun: true })).planVersion;
    const outcomes = await Promise.allSettled([
      importAs(clerk('clerk-a'), 'vA.csv', VA, 'a', { revise: true, withdrawMissing: true, expectedPlanVersion: version }),
      importAs(clerk('clerk-b'), 'vB.csv', VB, 'b', { revise: true, withdrawMissing: true, expectedPlanVersion: version }),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(DomainError);
    expect((rejected.reason as DomainError).code).toBe('CONFLICT');
    // The loser is told the plan changed after her preview — never that her file undoes the winner's revision (breaker49-10 M1).
    expect((rejected.reason as DomainError).details).toMatchObject({ field: 'expectedPlanVersion', expectedPlanVersion: version });
    expect((await dependencies.store.readStream(workPlanStream(PLAN))).length).toBe(2);
  });

  it('without the version: decided on the plan as it stands (the command line\'s one-shot import)', async () => {
    await importAs(clerk('clerk-b'), 'vB.csv', VB, 'b', { revise: true, withdrawMissing: true });
    // A's file withdraws what B's version added: told as undoing B's revision, applied only when confirmed (newcomer48-10 S1).
    expect((await refusalOf(importAs(clerk('clerk-a'), 'vA.csv', VA, 'a', { revise: true, withdrawMissing: true }))).details).toMatchObject({ field: 'undoLaterRevision' });
    const applied = await importAs(clerk('clerk-a'), 'vA.csv', VA, 'a-confirmed', { revise: true, withdrawMissing: true, undoLaterRevision: true });
    // The version after the apply, the one the next preview follows (newcomer49-10 M11: it said 2, the version before).
    expect(applied.planVersion).toBe(3);
    expect(applied.revision?.withdrawn.map((each) => each.code)).toEqual(['3']);
  });
});
