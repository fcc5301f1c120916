import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allEventSchemas } from '../../event-sourcing/all-event-schemas.js';
import { loadState } from '../../event-sourcing/execute-command.js';
import { replayLog } from '../../event-sourcing/replay-log.js';
import { SqliteEventStore } from '../../event-store/sqlite-event-store.js';
import { importUnitsFile } from '../../organization/import-units/import-units.js';
import { unitIdForCode } from '../../organization/units/unit-id.js';
import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import { importFindings } from '../../rectification/import-findings/findings-file.js';
import { commandContext, type Actor } from '../../shared/command-context.js';
import { partsOf } from '../../assignments/domain/assignment.decider.js';
import { workPlanItemDecider } from '../domain/work-plan-item.decider.js';
import { workPlanIdFor, workPlanItemIdFor, workPlanItemStream } from '../domain/work-plan.events.js';
import { importWorkPlanFile } from '../import-work-plan/import-work-plan.js';
import { importWorkPlan } from './work-plan-import.js';


/*
 * breaker10r P26 (serious): a unit marked off its row in its bracket — 「澜州市财政局（取消）」, （删除）, （不再参与）, （退出）, （移出）,
 * （调出）, （已撤销）, （暂不参与） — was given a part, told only as a near name 「…不是单位名录中的名称，已按名称相近的…处理」. Now it gets
 * no part, told plainly; a revision takes its part off as for a unit the new version leaves out (UnitUnassigned); a lead cell left
 * with no lead is refused naming the unit. Change marks （新增）/（调整） read as the unit, without a near-name question.
 */
const directory = unitLookupFrom([
  { id: 'unit-scj', code: 'SCJ', name: '澜州市市场监督管理局' },
  { id: 'unit-czj', code: 'CZJ', name: '澜州市财政局' },
  { id: 'unit-jyj', code: 'JYJ', name: '澜州市教育局' },
]);
/** The UX01–UX08 files of breaker10r: 配合单位 「澜州市财政局（mark）、澜州市教育局」. */
const planOf = async (cooperating: string, lead = '澜州市市场监督管理局') => {
  const csv = `澜州市2026年单位取消标记测试方案\n序号,工作任务,牵头单位,配合单位,完成时限\n1,任务甲,${lead},"${cooperating}",2026年12月底前\n`;
  const result = await importWorkPlan(csv, { format: 'csv', title: '取消标记', year: 2026, lookupUnit: directory });
  if (!result.ok) return { problems: result.problems.map((problem) => problem.reasonZh) };
  const item = result.plan.categories[0]!.items[0]!;
  return { lead: item.leadUnits.map((unit) => unit.unitId), others: item.responsibleUnits.map((unit) => unit.unitId), notices: (result.notices ?? []).map((notice) => notice.reasonZh) };
};
const ledgerOf = async (units: string) => {
  const result = await importFindings(`序号,问题,具体表现,责任单位,整改时限,整改措施\n1,门户网站存在错链,3处链接失效,"${units}",2026年12月31日,全面排查链接\n`, {
    format: 'csv',
    lookupUnit: directory,
    today: '2026-12-02',
    year: 2026,
  });
  return result.ok
    ? { parts: result.findings[0]!.parts.map((part) => `${part.unit.unitId}:${part.role}`), notices: (result.notices ?? []).map((notice) => notice.reasonZh) }
    : { problems: result.problems.map((problem) => problem.reasonZh) };
};

describe('a unit marked off its row in its bracket gets no part (breaker10r P26)', () => {
  it.each(['（取消）', '（删除）', '（不再参与）', '（退出）', '（移出）', '（调出）', '（已撤销）', '（暂不参与）', '（不再承担）', '【已取消】', '(退出)', '（该单位不再参与）'])(
    '澜州市财政局%s under 配合单位: no part, told plainly',
    async (mark) => {
      const read = await planOf(`澜州市财政局${mark}、澜州市教育局`);
      expect(read).toMatchObject({ lead: ['unit-scj'], others: ['unit-jyj'] });
      expect((read as { notices: string[] }).notices).toEqual(expect.arrayContaining([`“澜州市财政局${mark}”标注为${mark}：澜州市财政局不承担本行任务，未为其安排任务（修订方案时按新版本删去的单位处理）。如该单位仍承担，请删去标注后重新导入。`]));
      expect((read as { notices: string[] }).notices.join('')).not.toMatch(/相近/u);
    },
  );

  it('in a 台账: the unit marked off is no part, the first unit left leads', async () => {
    expect(await ledgerOf('澜州市财政局（取消）、澜州市教育局、澜州市市场监督管理局')).toEqual({
      parts: ['unit-jyj:LEAD', 'unit-scj:RESPONSIBLE'],
      notices: expect.arrayContaining([expect.stringMatching(/^“澜州市财政局（取消）”标注为（取消）：澜州市财政局不承担本行任务/u)]),
    });
  });

  it('a one-column 责任单位 whose first unit is marked off: the next unit leads', async () => {
    const csv = '序号,工作任务,责任单位,完成时限\n1,任务甲,"澜州市财政局（不再牵头）、澜州市教育局",2026年12月底前\n';
    const result = await importWorkPlan(csv, { format: 'csv', title: '取消标记', year: 2026, lookupUnit: directory });
    expect(result.ok && result.plan.categories[0]!.items[0]!.leadUnits.map((unit) => unit.unitId)).toEqual(['unit-jyj']);
  });

  it('a lead cell whose only unit is marked off is refused naming it, never dropped', async () => {
    expect(await planOf('澜州市教育局', '澜州市市场监督管理局（不再牵头）')).toEqual({
      problems: [expect.stringMatching(/^事项 1 没有牵头单位：“澜州市市场监督管理局（不再牵头）”已标注不再承担。请写明现在牵头的单位。$/u)],
    });
  });

  it('a change mark （新增） / （调整） reads as the unit, with no near-name question', async () => {
    const read = await planOf('澜州市财政局（新增）、澜州市教育局（调整）');
    expect(read).toMatchObject({ lead: ['unit-scj'], others: ['unit-czj', 'unit-jyj'] });
    expect((read as { notices: string[] }).notices.join('')).not.toMatch(/相近/u);
  });

  it('words that do not take the unit off still read as before', async () => {
    expect(await planOf('澜州市财政局（配合）、澜州市教育局（参与）')).toMatchObject({ lead: ['unit-scj'], others: ['unit-czj', 'unit-jyj'] });
    expect(await planOf('澜州市财政局（取消收费事项）')).toMatchObject({ lead: ['unit-scj'], others: ['unit-czj'] });
  });
});

describe('a revision marking a unit off takes its part off the item (breaker10r P26)', () => {
  const operator: Actor = { id: 'cli:operator', role: 'SYSTEM', unitId: null };
  const contextOf = (key: string, now: string) => commandContext({ actor: operator, commandType: 'ImportWorkPlan', idempotencyKey: key, now: new Date(now) });
  const text = (csv: string) => new TextEncoder().encode(csv);
  const TITLE = '澜州市2026年单位取消标记方案';
  const version = (cooperating: string) => `序号,工作任务,牵头单位,配合单位,完成时限\n1,任务甲,澜州市市场监督管理局,"${cooperating}",2026年12月底前\n`;

  it('v1 names 财政局, v2 marks it （取消）: its part is unassigned, told in the revision', async () => {
    const store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'rectify-marked-off-')), 'events.db'));
    const schemas = allEventSchemas();
    await importUnitsFile({ store, schemas, units: new UnitsReadModel() }, { name: 'units.csv', content: text('编码,名称,类型\nSCJ,澜州市市场监督管理局,部门\nCZJ,澜州市财政局,部门\nJYJ,澜州市教育局,部门\n') }, contextOf('units', '2026-03-01T09:00:00+08:00'));
    const dependencies = { store, schemas, units: await replayLog(store, schemas, new UnitsReadModel()) };
    await importWorkPlanFile(dependencies, { name: 'v1.csv', content: text(version('澜州市财政局、澜州市教育局')) }, { title: TITLE, year: 2026 }, contextOf('v1', '2026-03-01T09:00:00+08:00'));
    const outcome = await importWorkPlanFile(dependencies, { name: 'v2.csv', content: text(version('澜州市财政局（取消）、澜州市教育局')) }, { title: TITLE, year: 2026, revise: true }, contextOf('v2', '2026-05-01T09:00:00+08:00'));
    expect((outcome.notes.notices ?? []).map((notice) => notice.reasonZh)).toEqual(expect.arrayContaining([expect.stringMatching(/^“澜州市财政局（取消）”标注为（取消）：澜州市财政局不承担本行任务/u)]));
    const item = await loadState(store, schemas, workPlanItemStream(workPlanItemIdFor(workPlanIdFor(2026, TITLE), '1')), workPlanItemDecider);
    if (item.status === 'empty') throw new Error('item 1 missing');
    expect(partsOf(item.assignments).map((part) => part.unitId)).toEqual([unitIdForCode('SCJ'), unitIdForCode('JYJ')]);
    expect((await store.readAll()).map((event) => event.type)).toContain('UnitUnassigned');
  });
});
