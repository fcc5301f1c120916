import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { partsOf } from '../../assignments/domain/assignment.decider.js';
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
import { workPlanItemDecider } from '../domain/work-plan-item.decider.js';
import { workPlanIdFor, workPlanItemIdFor, workPlanItemStream } from '../domain/work-plan.events.js';
import { importWorkPlanFile } from './import-work-plan.js';

/*
 * breaker49-10 S9, M6: 李娜 re-dated item 2 by hand on 11-02 (12-31 → 12-25) and item 4 (06-30 → 12-20), and gave item 3 a unit;
 * 张伟 then entered the adjusting document of 10-26 late, the plan as it stood on 10-26 with item 1 moved. Compared with the plan as
 * it stands today, the file "moved item 4 back" — refused as overdue at once (M6) — and item 2 back to 12-31, recorded as a re-dating
 * of 10-26 after the 11-02 one: the item due 12-31, its parts 12-25 (S9). A version is judged on the plan as of its own day now.
 */
describe('a version dated before a later hand change to an item (breaker49-10 S9, M6)', () => {
  const text = (csv: string) => new TextEncoder().encode(csv);
  const TITLE = '澜州市2026年迟录版本测试方案';
  const PLAN = workPlanIdFor(2026, TITLE);
  const clerk = (id: string): Actor => ({ id, role: 'SUPERVISOR', unitId: null });
  const contextOf = (actor: Actor, key: string, now: string): CommandContext => commandContext({ actor, commandType: 'ImportWorkPlan', idempotencyKey: key, now: new Date(now) });
  const HEADER = `${TITLE},,,,\n序号,工作任务,牵头单位,配合单位,完成时限\n一、决策公开,,,,\n`;
  const rows = (dues: { one: string; two: string; three?: string }) =>
    HEADER +
    `1,推进预算公开,澜州市财政局,,${dues.one}\n2,棚户区改造信息公开,澜州市发展和改革委员会,澜州市民政局,${dues.two}\n` +
    `3,规范依申请公开,澜州市民政局,${dues.three ?? ''},2026-11-30\n4,环境保护信息公开,澜州市财政局,,2026-06-30\n`;
  const V1 = rows({ one: '2026-11-30', two: '2026-12-31' });
  let dependencies: ImportDependencies;
  const item = async (code: string) => loadState(dependencies.store, dependencies.schemas, workPlanItemStream(workPlanItemIdFor(PLAN, code)), workPlanItemDecider);
  const count = async () => (await dependencies.store.readAll()).length;
  const version = (name: string, csv: string, key: string, dryRun = false) =>
    importWorkPlanFile(dependencies, { name, content: text(csv) }, { revise: true, dryRun, assignedOn: '2026-10-26', revisionReason: '澜政办〔2026〕26号' }, contextOf(clerk('zhangwei'), key, '2026-11-05T10:00:00+08:00'));

  beforeEach(async () => {
    const store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'rectify-version-late-')), 'events.db'));
    const schemas = allEventSchemas();
    const units = '编码,名称,类型\nCZJ,澜州市财政局,部门\nJYJ,澜州市教育局,部门\nFGW,澜州市发展和改革委员会,部门\nMZJ,澜州市民政局,部门\n';
    await importUnitsFile({ store, schemas, units: new UnitsReadModel() }, { name: 'units.csv', content: text(units) }, contextOf(clerk('admin'), 'units', '2026-01-05T09:00:00+08:00'));
    dependencies = { store, schemas, units: await replayLog(store, schemas, new UnitsReadModel()) };
    await importWorkPlanFile(dependencies, { name: 'v1.csv', content: text(V1) }, { approvedOn: '2026-02-20' }, contextOf(clerk('admin'), 'v1', '2026-02-20T09:00:00+08:00'));
    const byHand = (key: string) => commandContext({ actor: clerk('lina'), commandType: 'RescheduleWorkPlanItem', idempotencyKey: key, now: new Date('2026-11-02T10:00:00+08:00') });
    const hand = { actor: clerk('lina'), today: '2026-11-02', revisedOn: '2026-11-02' } as const;
    await executeCommand(store, schemas, workPlanItemStream(workPlanItemIdFor(PLAN, '2')), workPlanItemDecider, { type: 'ReviseWorkPlanItem', ...hand, reason: '棚改进度调整', dueDate: '2026-12-25' }, byHand('two'));
    await executeCommand(store, schemas, workPlanItemStream(workPlanItemIdFor(PLAN, '4')), workPlanItemDecider, { type: 'ReviseWorkPlanItem', ...hand, reason: '环保督察延期', dueDate: '2026-12-20' }, byHand('four'));
    await executeCommand(store, schemas, workPlanItemStream(workPlanItemIdFor(PLAN, '3')), workPlanItemDecider, { type: 'ReviseWorkPlanItem', ...hand, reason: '增加配合单位', addUnits: [{ unitId: unitIdForCode('JYJ'), role: 'RESPONSIBLE' }] }, byHand('three'));
  });
  afterEach(() => dependencies.store.close());

  it('given hand changes of 11-02, when the plan as it stood on 10-26 with item 1 moved is entered as a version of 10-26, then item 1 alone is re-dated: items 2, 3 and 4 keep the hand changes, nothing recorded for them, each item\'s date and its parts\' agreeing', async () => {
    const file = rows({ one: '2026-12-05', two: '2026-12-31' });
    const dry = await version('v-1026.csv', file, 'dry', true);
    expect(dry.revision?.redated).toEqual([expect.objectContaining({ code: '1', to: '2026-12-05' })]);
    expect({ added: dry.revision?.unitsAdded, removed: dry.revision?.unitsRemoved, undone: dry.revisionsUndone }).toEqual({ added: [], removed: [], undone: [] });
    const [before2, before3, before4] = await Promise.all(['2', '3', '4'].map(async (code) => (await dependencies.store.readStream(workPlanItemStream(workPlanItemIdFor(PLAN, code)))).length));
    await version('v-1026.csv', file, 'apply');
    for (const [code, dueDate] of [['1', '2026-12-05'], ['2', '2026-12-25'], ['4', '2026-12-20']] as const) {
      const state = await item(code);
      if (state.status === 'empty') throw new Error(`item ${code} missing`);
      expect({ code, item: state.definition.dueDate, parts: partsOf(state.assignments).map((part) => part.dueDate) }).toEqual({ code, item: dueDate, parts: partsOf(state.assignments).map(() => dueDate) });
    }
    const three = await item('3');
    expect(three.status !== 'empty' && partsOf(three.assignments).map((part) => part.unitId)).toContain(unitIdForCode('JYJ'));
    const after = await Promise.all(['2', '3', '4'].map(async (code) => (await dependencies.store.readStream(workPlanItemStream(workPlanItemIdFor(PLAN, code)))).length));
    expect(after).toEqual([before2, before3, before4]);
  });

  it('given the same, when the version of 10-26 names the items as they stand now (item 2 12-25, item 3 with 教育局), then the same: item 1 alone', async () => {
    const dry = await version('v-1026-now.csv', rows({ one: '2026-12-05', two: '2026-12-25', three: '澜州市教育局' }).replace('2026-06-30', '2026-12-20'), 'dry-now', true);
    expect(dry.revision?.redated.map((each) => each.code)).toEqual(['1']);
    expect({ added: dry.revision?.unitsAdded, removed: dry.revision?.unitsRemoved }).toEqual({ added: [], removed: [] });
  });

  it('given the same, when the version of 10-26 gives item 2 a third date, then it is refused on item 2\'s row naming the 11-02 change and both dates it may give; nothing written', async () => {
    const before = await count();
    const refusal = await version('v-1026-other.csv', rows({ one: '2026-12-05', two: '2026-12-28' }), 'other').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as DomainError).code).toBe('CONFLICT');
    expect((refusal as DomainError).messageZh).toContain('事项 2 棚户区改造信息公开 的时限已于 2026-11-02 单独调整（2026-12-31 → 2026-12-25；依据：棚改进度调整），在本文件的调整日期 2026-10-26 之后');
    expect((refusal as DomainError).messageZh).toContain('请按 2026-10-26 时的时限（2026-12-31）或现行时限（2026-12-25）填写');
    expect(await count()).toBe(before);
  });

  it('given a unit added by hand for a reason, when a later version leaves it out, then the undone change names that reason, not a stand-in (breaker51-10 S6)', async () => {
    const later = rows({ one: '2026-11-30', two: '2026-12-25' }).replace('2026-06-30', '2026-12-20');
    const dry = await importWorkPlanFile(dependencies, { name: 'v-1105.csv', content: text(later) }, { revise: true, dryRun: true, assignedOn: '2026-11-05', revisionReason: '澜政办〔2026〕30号' }, contextOf(clerk('zhangwei'), 'dry-1105', '2026-11-05T10:00:00+08:00'));
    expect(dry.revisionsUndone).toEqual([expect.objectContaining({ on: '2026-11-02', reason: '增加配合单位' })]);
  });
});

/*
 * breaker51-10 S1: a version of 10-01 moved item 2 past the plan's period (2027-03-31, a 特批), a hand re-dating of 10-15 brought it to
 * 12-20; the office's version of 10-10, entered late, gives item 2 as it stood that day (2027-03-31). It was refused as needing a new
 * 特批 — and the refusal of any other date then told the clerk to write 2027-03-31. A date the item had by an approved 特批 on the
 * version's day needs none: the row is no change, as 12-20 would be.
 */
describe('a late version giving an item the 特批 date it had on its day (breaker51-10 S1)', () => {
  const text = (csv: string) => new TextEncoder().encode(csv);
  const TITLE = '澜州市2026年迟录特批测试方案';
  const PLAN = workPlanIdFor(2026, TITLE);
  const clerk = (id: string): Actor => ({ id, role: 'SUPERVISOR', unitId: null });
  const contextOf = (actor: Actor, key: string, now: string): CommandContext => commandContext({ actor, commandType: 'ImportWorkPlan', idempotencyKey: key, now: new Date(now) });
  const rows = (one: string, two: string) =>
    `${TITLE},,,,\n序号,工作任务,牵头单位,配合单位,完成时限\n一、决策公开,,,,\n1,推进预算公开,澜州市财政局,,${one}\n2,棚户区改造信息公开,澜州市发展和改革委员会,澜州市民政局,${two}\n`;
  let dependencies: ImportDependencies;

  beforeEach(async () => {
    const store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'rectify-version-late-override-')), 'events.db'));
    const schemas = allEventSchemas();
    const units = '编码,名称,类型\nCZJ,澜州市财政局,部门\nFGW,澜州市发展和改革委员会,部门\nMZJ,澜州市民政局,部门\n';
    await importUnitsFile({ store, schemas, units: new UnitsReadModel() }, { name: 'units.csv', content: text(units) }, contextOf(clerk('admin'), 'units', '2026-01-05T09:00:00+08:00'));
    dependencies = { store, schemas, units: await replayLog(store, schemas, new UnitsReadModel()) };
    await importWorkPlanFile(dependencies, { name: 'v1.csv', content: text(rows('2026-11-30', '2026-09-30')) }, { approvedOn: '2026-02-20' }, contextOf(clerk('admin'), 'v1', '2026-02-20T09:00:00+08:00'));
    await importWorkPlanFile(
      dependencies,
      { name: 'v-1001.csv', content: text(rows('2026-11-30', '2027-03-31')) },
      { revise: true, assignedOn: '2026-10-01', revisionReason: '澜政办〔2026〕30号', dueDateOverride: { reason: '棚改跨年度，经市政府同意' } },
      contextOf(clerk('zhangwei'), 'v-1001', '2026-10-01T10:00:00+08:00'),
    );
    const byHand = commandContext({ actor: clerk('lina'), commandType: 'RescheduleWorkPlanItem', idempotencyKey: 'two', now: new Date('2026-10-15T10:00:00+08:00') });
    await executeCommand(store, schemas, workPlanItemStream(workPlanItemIdFor(PLAN, '2')), workPlanItemDecider, { type: 'ReviseWorkPlanItem', actor: clerk('lina'), today: '2026-10-15', revisedOn: '2026-10-15', reason: '提前完成', dueDate: '2026-12-20' }, byHand);
  });
  afterEach(() => dependencies.store.close());

  const version = (csv: string, key: string, dryRun: boolean) =>
    importWorkPlanFile(dependencies, { name: `${key}.csv`, content: text(csv) }, { revise: true, dryRun, assignedOn: '2026-10-10', revisionReason: '澜政办〔2026〕33号' }, contextOf(clerk('zhangwei'), key, '2026-11-05T10:00:00+08:00'));

  it('given item 2 at 2027-03-31 by a 特批 on 10-10 and 12-20 by hand since, when the version of 10-10 gives it 2027-03-31 without a 特批, then only item 1 is re-dated, item 2 keeps 12-20, no 特批 named', async () => {
    const file = rows('2026-12-05', '2027-03-31');
    const dry = await version(file, 'dry', true);
    expect(dry.revision?.redated.map((each) => [each.code, each.to])).toEqual([['1', '2026-12-05']]);
    expect(JSON.stringify(dry.notes)).not.toContain('特批');
    // Given a 特批 reason anyway (the 导入 page asked one), no row is said to be set by it (the notice claimed item 2's date).
    const withReason = await importWorkPlanFile(
      dependencies,
      { name: 'dry-reason.csv', content: text(file) },
      { revise: true, dryRun: true, assignedOn: '2026-10-10', revisionReason: '澜政办〔2026〕33号', dueDateOverride: { reason: '同前特批' } },
      contextOf(clerk('zhangwei'), 'dry-reason', '2026-11-05T10:00:00+08:00'),
    );
    expect(withReason.revision?.redated.map((each) => each.code)).toEqual(['1']);
    expect(JSON.stringify(withReason.notes ?? {})).not.toContain('按特批');
    await version(file, 'apply', false);
    const two = await loadState(dependencies.store, dependencies.schemas, workPlanItemStream(workPlanItemIdFor(PLAN, '2')), workPlanItemDecider);
    expect(two.status !== 'empty' && [two.definition.dueDate, ...partsOf(two.assignments).map((part) => part.dueDate)]).toEqual(['2026-12-20', '2026-12-20', '2026-12-20']);
  });

  it('given the same, when the version of 10-10 gives item 2 2027-03-31 but is dated 10-20 (after the hand change), then it still needs a 特批', async () => {
    const refusal = await importWorkPlanFile(
      dependencies,
      { name: 'v-1020.csv', content: text(rows('2026-12-05', '2027-03-31')) },
      { revise: true, dryRun: true, assignedOn: '2026-10-20', revisionReason: '澜政办〔2026〕35号' },
      contextOf(clerk('zhangwei'), 'v-1020', '2026-11-05T10:00:00+08:00'),
    ).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as DomainError).messageZh).toContain('2027-03-31 晚于');
  });
});

