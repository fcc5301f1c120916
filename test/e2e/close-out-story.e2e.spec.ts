import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { namedMutations } from '../support/named-mutations.js';
import { TestApp, startTestApp } from '../support/test-app.js';

/*
 * breaker51-8 S1 S2 M1 through the API: a pass moved past the closing day and back (更正记录日期, 更正督查记录) listed a second
 * standing 销号 / 事项完成 on the closing day, credited to the supervisor who corrected; after 通过 → 不通过 → 通过 an unmarked
 * 重新打开 stayed. `history` and `historyPage` now list one standing close-out per closing, by the inspector whose pass closed
 * it (an item completed by a unit's removal: the removal's); the copy says it is the same close-out; the reopening says it
 * does not stand.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;
type Line = { eventType: string; occurredOn: string; actorRole: string; closeOutUndone: string | null };

describe('a close-out handed back to the one that stood before the corrections is listed once (breaker51-8 S1 S2 M1)', () => {
  let app: TestApp;
  const units: Record<string, string> = {};
  let evaluationId: string;
  let planId: string;
  const named = namedMutations(() => app, key, '__typename');
  // Each record entered a minute after the one before, as an office enters them (the story is told by who entered what when).
  let minutes = 0;
  const mutate = async (...args: Parameters<typeof named.mutate>) => {
    app.clock.set(new Date(Date.parse('2026-12-07T10:00:00+08:00') + (minutes += 1) * 60_000).toISOString());
    return named.mutate(...args);
  };
  const inspector = () => app.as('INSPECTOR');
  const story = (history: Line[]) =>
    history.filter((entry) => /ClosedOut|Completed|Reopened/u.test(entry.eventType) && entry.eventType !== 'PartsReopened').map((entry) => `${entry.occurredOn} ${entry.eventType} ${entry.actorRole} ${entry.closeOutUndone ?? '—'}`);
  const LINE = 'eventType occurredOn actorRole closeOutUndone';

  const findingStory = async (id: string) => {
    const response = await app.graphql(`query($id: ID!) { finding(id: $id) { status closedOn history { ${LINE} } historyPage(first: 100) { nodes { ${LINE} } } } }`, { id });
    expect(response.errors).toBeUndefined();
    const { status, closedOn, history, historyPage } = response.data!.finding as { status: string; closedOn: string | null; history: Line[]; historyPage: { nodes: Line[] } };
    expect(story(historyPage.nodes)).toEqual(story(history));
    return { status, closedOn, lines: story(history) };
  };
  const itemStory = async (id: string) => {
    const response = await app.graphql(`query($id: ID!) { workPlanItem(id: $id) { status completedOn history { ${LINE} } historyPage(first: 100) { nodes { ${LINE} } } } }`, { id });
    expect(response.errors).toBeUndefined();
    const { status, completedOn, history, historyPage } = response.data!.workPlanItem as { status: string; completedOn: string | null; history: Line[]; historyPage: { nodes: Line[] } };
    expect(story(historyPage.nodes)).toEqual(story(history));
    return { status, completedOn, lines: story(history) };
  };

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-12-07T10:00:00+08:00' });
    const admin = await app.as('ADMIN');
    for (const [code, name] of [['FGW', '市发展和改革委员会'], ['CZJ', '市财政局']]) {
      const unit = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, { input: { idempotencyKey: `unit-${code}`, code, name, kind: 'DEPARTMENT', registeredOn: '2016-01-01' } }, admin);
      units[code] = unit.data!.registerUnit.id;
    }
    const evaluation = await app.graphql(REGISTER_EVALUATION, { input: evaluationInput() });
    evaluationId = evaluation.data!.registerEvaluation.id;
    const plan = '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n一,价格信息,1,公开收费目录清单,,市发展和改革委员会,,2026-11-30\n一,价格信息,2,公开收费依据,,市发展和改革委员会,,2026-11-30\n';
    const imported = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId } }`, {
      input: { idempotencyKey: key('plan'), fileName: 'plan-2026.csv', title: '青川市2026年价格信息公开要点', year: 2026, contentBase64: Buffer.from(plan, 'utf8').toString('base64'), approvedOn: '2026-10-01', assignedOn: '2026-10-05' },
    });
    expect(imported.errors).toBeUndefined();
    planId = imported.data!.importWorkPlan.planId;
  });

  afterAll(async () => {
    await app.close();
  });

  const twoUnitFinding = async (title: string) => {
    const recorded = await app.graphql(`mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`, {
      input: {
        idempotencyKey: key('finding'), evaluationId, title, description: title, category: '主动公开', severity: 'MEDIUM', identifiedOn: '2026-10-02',
        assignment: { assignedOn: '2026-10-05', units: [{ unitId: units.FGW, role: 'LEAD', dueDate: '2026-11-30' }, { unitId: units.CZJ, role: 'RESPONSIBLE', dueDate: '2026-11-30' }] },
      },
    });
    expect(recorded.errors).toBeUndefined();
    const findingId = recorded.data!.recordFinding.id as string;
    for (const [code, reportedOn] of [['FGW', '2026-10-20'], ['CZJ', '2026-10-21']] as const) {
      await mutate('reportRectification', { findingId, unitId: units[code], reportedOn, summary: '已整改', evidence: [{ title: '整改报告', link: 'https://www.example.gov.cn/r' }] }, await app.as('UNIT', units[code]));
    }
    return findingId;
  };
  const inspectionOf = async (findingId: string, code: string) => {
    const response = await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { unitId inspections { inspectionId } } } }`, { id: findingId });
    return (response.data!.finding.assignments as { unitId: string; inspections: { inspectionId: string }[] }[]).find((part) => part.unitId === units[code])!.inspections.at(-1)!.inspectionId;
  };

  it.each(['更正记录日期', '更正督查记录'])('S2: 市发改委’s pass 11-01 moved to 11-08 and back to 11-02 (%s): one standing 销号 on 11-05, the inspector’s', async (how) => {
    const findingId = await twoUnitFinding(`两单位问题（${how}）`);
    await mutate('logInspection', { findingId, unitId: units.FGW, inspectedOn: '2026-11-01', outcome: 'PASSED', notes: '通过', place: '现场' }, await inspector());
    await mutate('logInspection', { findingId, unitId: units.CZJ, inspectedOn: '2026-11-05', outcome: 'PASSED', notes: '通过', place: '现场' }, await inspector());
    const inspectionId = await inspectionOf(findingId, 'FGW');
    for (const [previousOn, on] of [['2026-11-01', '2026-11-08'], ['2026-11-08', '2026-11-02']]) {
      if (how === '更正督查记录') await mutate('correctInspection', { findingId, unitId: units.FGW, inspectionId, inspectedOn: on, reason: '督查记录表日期' });
      else await mutate('correctRecordDate', { findingId, unitId: units.FGW, record: 'INSPECTION', previousOn, on, reason: '督查单日期' });
    }
    expect(await findingStory(findingId)).toEqual({
      status: 'CLOSED',
      closedOn: '2026-11-05',
      lines: ['2026-11-05 FindingClosedOut INSPECTOR —', '2026-11-08 FindingClosedOut SUPERVISOR 2026-12-07 更正督查日期后销号不成立', '2026-11-05 FindingClosedOut SUPERVISOR 2026-12-07 更正督查日期后重记，同 2026-11-05 销号'],
    });
  });

  it('M1: a pass corrected to 不通过 and back to 通过: the 销号 stands, the 重新打开 says it does not', async () => {
    const findingId = await twoUnitFinding('改回通过的问题');
    await mutate('logInspection', { findingId, unitId: units.CZJ, inspectedOn: '2026-10-22', outcome: 'PASSED', notes: '通过', place: '现场' }, await inspector());
    await mutate('logInspection', { findingId, unitId: units.FGW, inspectedOn: '2026-10-25', outcome: 'PASSED', notes: '通过', place: '现场' }, await inspector());
    const inspectionId = await inspectionOf(findingId, 'FGW');
    await mutate('correctInspection', { findingId, unitId: units.FGW, inspectionId, outcome: 'FAILED', reason: '督查记录表结论为不通过' });
    await mutate('correctInspection', { findingId, unitId: units.FGW, inspectionId, outcome: 'PASSED', reason: '复核后仍为通过' });
    expect(await findingStory(findingId)).toEqual({
      status: 'CLOSED',
      closedOn: '2026-10-25',
      lines: ['2026-10-25 FindingClosedOut INSPECTOR —', '2026-10-25 FindingReopened SUPERVISOR 2026-12-07 更正督查结果后重新打开不成立', '2026-10-25 FindingClosedOut SUPERVISOR 2026-12-07 更正督查结果后重记，同 2026-10-25 销号'],
    });
  });

  it('S1: an item completed by 市财政局’s removal on 11-05, its pass moved 11-01 → 11-08 → 11-02, then 不通过 and 通过 on 11-07: one standing 完成 each time, no unmarked 重新打开', async () => {
    const itemId = (await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id code } } } }`, { id: planId })).data!.workPlan.categories[0].items.find((item: { code: string }) => item.code === '1').id as string;
    await mutate('addWorkPlanItemUnit', { itemId, unitId: units.CZJ, role: 'RESPONSIBLE', assignedOn: '2026-10-05', reason: '方案调整' });
    await mutate('reportWorkPlanItem', { itemId, unitId: units.FGW, reportedOn: '2026-10-20', summary: '已公开', evidence: [{ title: '收费目录', link: 'https://www.example.gov.cn/fees' }] }, await app.as('UNIT', units.FGW));
    await mutate('logWorkPlanItemInspection', { itemId, unitId: units.FGW, inspectedOn: '2026-11-01', outcome: 'PASSED', place: '现场', notes: '' }, await inspector());
    await mutate('removeWorkPlanItemUnit', { itemId, unitId: units.CZJ, unassignedOn: '2026-11-05', reason: '职责调整' });
    const part = await app.graphql(`query($id: ID!) { workPlanItem(id: $id) { parts { unitId inspections { inspectionId } } } }`, { id: itemId });
    const inspectionId = (part.data!.workPlanItem.parts as { unitId: string; inspections: { inspectionId: string }[] }[]).find((each) => each.unitId === units.FGW)!.inspections[0]!.inspectionId;
    const correct = (change: Record<string, unknown>) => mutate('correctWorkPlanItemInspection', { itemId, unitId: units.FGW, inspectionId, reason: '督查记录表有误', ...change });
    await correct({ inspectedOn: '2026-11-08' });
    await correct({ inspectedOn: '2026-11-02' });
    const first = await itemStory(itemId);
    expect(first).toMatchObject({ status: 'COMPLETED', completedOn: '2026-11-05' });
    expect(first.lines.filter((line) => line.endsWith(' —'))).toEqual(['2026-11-05 WorkPlanItemCompleted SUPERVISOR —']);
    expect(first.lines).toContain('2026-11-05 WorkPlanItemCompleted SUPERVISOR 2026-12-07 更正督查日期后重记，同 2026-11-05 完成');
    await correct({ outcome: 'FAILED' });
    await correct({ outcome: 'PASSED', inspectedOn: '2026-11-07' });
    const then = await itemStory(itemId);
    expect(then).toMatchObject({ status: 'COMPLETED', completedOn: '2026-11-07' });
    expect(then.lines.filter((line) => line.endsWith(' —'))).toEqual(['2026-11-07 WorkPlanItemCompleted INSPECTOR —']);
    expect(then.lines).toContain('2026-11-02 WorkPlanItemReopened SUPERVISOR 2026-12-07 更正督查结果后重新打开不成立');
  });
});
