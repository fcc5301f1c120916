import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allEventSchemas } from '../../event-sourcing/all-event-schemas.js';
import { loadState } from '../../event-sourcing/execute-command.js';
import { replayLog } from '../../event-sourcing/replay-log.js';
import { SqliteEventStore } from '../../event-store/sqlite-event-store.js';
import { importUnitsFile } from '../../organization/import-units/import-units.js';
import { unitIdForCode } from '../../organization/units/unit-id.js';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import { commandContext, type Actor, type CommandContext } from '../../shared/command-context.js';
import { termsInWords } from '../../shared/deadline.js';
import type { ImportDependencies } from '../../imports/import-run.js';
import { partOf } from '../../assignments/domain/assignment.decider.js';
import { dueCell } from '../../exports/export-table.js';
import { workPlanItemDecider } from '../domain/work-plan-item.decider.js';
import { workPlanIdFor, workPlanItemIdFor, workPlanItemStream } from '../domain/work-plan.events.js';
import { describeWorkPlanImportZh, importWorkPlanFile } from '../import-work-plan/import-work-plan.js';

/*
 * breaker10n P1 (serious): a new version of a plan, its row 「立行立改，长期坚持」 (or 「即知即改、持续推进」) unchanged, re-dated the
 * item from the day its units were first told (2026-02-25) to the version's day (2026-04-01) — an at-once task overdue since
 * February got a fresh deadline, its lateness wiped, from every version. Plain 立行立改 was kept. Given the same words, when a
 * version is read on a later day, then the item keeps its day; written anew as 立行立改并持续落实, it is due on the version's day.
 */

const operator: Actor = { id: 'cli:operator', role: 'SYSTEM', unitId: null };
const contextOf = (key: string): CommandContext => commandContext({ actor: operator, commandType: 'ImportWorkPlan', idempotencyKey: key, now: new Date('2026-04-02T09:00:00+08:00') });
const CZJ = unitIdForCode('CZJ');
const TITLE = '测试Q1';
const PLAN = workPlanIdFor(2026, TITLE);
const csv = (rows: string[]) => new TextEncoder().encode(`序号,工作任务,牵头单位,完成时限\n${rows.join('\n')}\n`);
const FIRST = ['1,任务甲,青川市财政局,"立行立改，长期坚持"', '2,任务乙,青川市财政局,2026年9月底前', '3,任务丙,青川市财政局,"即知即改、持续推进"', '4,任务丁,青川市财政局,立行立改'];

async function withFirstVersion(): Promise<ImportDependencies> {
  const store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'rectify-at-once-standing-')), 'events.db'));
  const schemas = allEventSchemas();
  await importUnitsFile({ store, schemas, units: new UnitsReadModel() }, { name: 'units.csv', content: new TextEncoder().encode('编码,名称,类型\nCZJ,青川市财政局,部门\n') }, contextOf('units'), { registeredOn: '2026-01-05' });
  const dependencies = { store, schemas, units: await replayLog(store, schemas, new UnitsReadModel()) };
  await importWorkPlanFile(dependencies, { name: 'q1.csv', content: csv(FIRST) }, { title: TITLE, year: 2026, approvedOn: '2026-02-20', assignedOn: '2026-02-25' }, contextOf('v1'));
  return dependencies;
}
const itemOf = async (dependencies: ImportDependencies, code: string) => {
  const item = await loadState(dependencies.store, dependencies.schemas, workPlanItemStream(workPlanItemIdFor(PLAN, code)), workPlanItemDecider);
  if (item.status !== 'open') throw new Error(`item ${code} is ${item.status}`);
  return item;
};

describe('an item due at once, then kept up (立行立改，长期坚持)', () => {
  it('is due the day its units were told, and says 立行立改', async () => {
    const dependencies = await withFirstVersion();
    const item = await itemOf(dependencies, '1');
    expect(item.definition).toMatchObject({ dueDate: '2026-02-25', terms: { kind: 'BY_DATE_THEN_STANDING', reportEvery: 'QUARTER', atOnce: true } });
    const part = partOf(item.assignments, CZJ)!;
    expect(part).toMatchObject({ dueDate: '2026-02-25', terms: { atOnce: true } });
    expect(termsInWords(part.terms, part.dueDate)).toBe('立行立改并持续落实');
    expect(dueCell(part)).toBe('立行立改并持续落实（2026-02-25）');
    // A day the file wrote keeps its words.
    expect(termsInWords({ kind: 'BY_DATE_THEN_STANDING', reportEvery: 'MONTH' }, '2026-06-30')).toBe('2026-06-30前完成并持续落实（每月报送）');
  });

  it('keeps its day in a version whose row says the same words: only the item re-dated in the file is listed and applied', async () => {
    const dependencies = await withFirstVersion();
    const second = csv([FIRST[0]!, '2,任务乙,青川市财政局,2026年10月底前', FIRST[2]!, FIRST[3]!]);
    const preview = await importWorkPlanFile(dependencies, { name: 'q1v2.csv', content: second }, { title: TITLE, year: 2026, assignedOn: '2026-04-01', dryRun: true }, contextOf('v2-dry'));
    expect(preview.revision?.redated.map((item) => [item.code, item.from, item.to])).toEqual([['2', '2026-09-30', '2026-10-31']]);
    await importWorkPlanFile(dependencies, { name: 'q1v2.csv', content: second }, { title: TITLE, year: 2026, assignedOn: '2026-04-01', revise: true }, contextOf('v2'));
    for (const code of ['1', '3', '4']) {
      const item = await itemOf(dependencies, code);
      expect([code, item.definition.dueDate, partOf(item.assignments, CZJ)!.dueDate]).toEqual([code, '2026-02-25', '2026-02-25']);
    }
    expect((await itemOf(dependencies, '2')).definition.dueDate).toBe('2026-10-31');
  });

  it('is re-dated to the version\'s day when a version writes it at once where the plan had a day (2026-12-31前完成并持续落实 → 立行立改，长期坚持)', async () => {
    const dependencies = await withFirstVersion();
    await importWorkPlanFile(dependencies, { name: 'q1v2.csv', content: csv([FIRST[0]!, '2,任务乙,青川市财政局,"2026年12月31日前完成并持续落实"', FIRST[2]!, FIRST[3]!]) }, { title: TITLE, year: 2026, assignedOn: '2026-04-01', revise: true }, contextOf('v2'));
    const third = csv([FIRST[0]!, '2,任务乙,青川市财政局,"立行立改，长期坚持"', FIRST[2]!, FIRST[3]!]);
    const preview = await importWorkPlanFile(dependencies, { name: 'q1v3.csv', content: third }, { title: TITLE, year: 2026, assignedOn: '2026-04-01', dryRun: true }, contextOf('v3-dry'));
    expect(preview.revision?.redated.map((item) => [item.code, item.from, item.to])).toEqual([['2', '2026-12-31前完成并持续落实', '立行立改并持续落实（2026-04-01）']]);
  });
});

/*
 * breaker10n P11 (moderate): a dry run of the plan's own file said 「将导入 9 个事项」 though the real run writes nothing, and a
 * version already applied sent again without --revise (or as a dry run) was refused 「工作事项 4 已按不同的完成时限定义过」 for its
 * unchanged 立行立改 row, read on the version's day. Given a file the plan stands as, when it is sent again in any mode, then
 * nothing is written and every answer says so.
 */
describe('a file the plan already stands as, sent again', () => {
  it('is said to write nothing by its dry run, as by its real run', async () => {
    const dependencies = await withFirstVersion();
    const head = await dependencies.store.headPosition();
    const dry = await importWorkPlanFile(dependencies, { name: 'q1.csv', content: csv(FIRST) }, { title: TITLE, year: 2026, approvedOn: '2026-02-20', assignedOn: '2026-02-25', dryRun: true }, contextOf('v1-dry'));
    expect(dry).toMatchObject({ dryRun: true, wouldWriteNothing: true, revision: null });
    expect(describeWorkPlanImportZh(dry)).toMatch(/^试导入：测试Q1（2026）此前已导入，事项相同：/);
    // Said once: 「…导入不会写入任何内容。未写入任何内容。」 said it twice (newcomer45-10 M6).
    expect(describeWorkPlanImportZh(dry).match(/写入任何内容/gu)).toEqual(['写入任何内容']);
    expect(await dependencies.store.headPosition()).toEqual(head);
  });

  it('is the version already applied, with or without --revise and as a dry run: nothing refused, nothing written (立行立改 read on its day)', async () => {
    const dependencies = await withFirstVersion();
    const second = csv([FIRST[0]!, '2,任务乙,青川市财政局,2026年10月底前', FIRST[2]!, FIRST[3]!]);
    await importWorkPlanFile(dependencies, { name: 'q1v2.csv', content: second }, { title: TITLE, year: 2026, assignedOn: '2026-04-01', revise: true }, contextOf('v2'));
    const head = await dependencies.store.headPosition();
    for (const [key, options] of [['plain', {}], ['dry', { dryRun: true }], ['revise', { revise: true }], ['revise-dry', { revise: true, dryRun: true }]] as const) {
      const again = await importWorkPlanFile(dependencies, { name: 'q1v2.csv', content: second }, { title: TITLE, year: 2026, assignedOn: '2026-04-01', ...options }, contextOf(`v2-again-${key}`));
      expect([key, again.revision, describeWorkPlanImportZh(again)]).toEqual([key, null, expect.stringContaining('此前已导入，事项相同')]);
    }
    expect(await dependencies.store.headPosition()).toEqual(head);
    expect((await itemOf(dependencies, '4')).definition.dueDate).toBe('2026-02-25');
  });
});
