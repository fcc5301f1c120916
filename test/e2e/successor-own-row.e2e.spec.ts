import { TestApp, startTestApp } from '../support/test-app.js';
import { reorganisationStory } from '../support/reorganisation-story.js';

/**
 * breaker8l P9 (serious): the successor's own 交办 row, dated before it took over a predecessor's part, typed after the hand-over
 * or merge (A hands its duties to S on 2016-09-01; the 2016-06-15 paper names A as lead and S as responsible). Findings refused it
 * 「S已在交办之列」, work-plan items took it and recorded nothing. Now, as in date order, S's own part is assigned on its day and
 * A's joins it on 09-01 (S's earlier due date stands); a day before the hand-over shows both. When S has a record on A's part
 * since taking it over, the row is refused naming it (by date that record would be on S's own part). HTTP GraphQL, real SQLite.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

describe('the successor’s own 交办 row dated before it took a predecessor’s part over, typed after (breaker8l P9)', () => {
  let app: TestApp;
  let evaluationId: string;
  const story = reorganisationStory(() => app, key, { evaluationId: () => evaluationId, unitName: (code) => `青川县承继${code}局` });
  const { call, mutate, unit, code, registered, registerEvaluation, everyReading, reorganised, reported } = story;
  const row = (findingId: string, one: string, role: 'LEAD' | 'RESPONSIBLE', dueDate: string) =>
    call('assignFinding', { findingId, assignedOn: '2016-06-15', units: [{ unitId: unit[one], role, dueDate }] });
  const newFinding = async (title: string) =>
    (await mutate('recordFinding', { evaluationId, title, description: title, category: '主动公开', severity: 'HIGH', identifiedOn: '2016-04-15' }, undefined, 'id')).id as string;

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-30T10:00:00+08:00' });
    evaluationId = await registerEvaluation('2015年度政务公开第三方评估（承继）');
  });

  afterAll(async () => {
    await app?.close();
  });

  it.each([
    ['the hand-over typed first', 'handOverUnitParts', 'before', 1],
    ['the hand-over typed between the rows', 'handOverUnitParts', 'between', 2],
    ['the merge typed first', 'mergeUnit', 'before', 3],
  ] as const)('a finding, %s: S’s row taken, A’s part joins S’s on 09-01 with S’s due date', async (_title, reorganisation, when, n) => {
    const [a, s] = [`A${n}`, `S${n}`];
    await registered([a, s]);
    const finding = await newFinding(['政府信息公开目录未更新', '依申请公开渠道不畅', '年度报告未按时发布'][n - 1]!);
    if (when === 'before') await reorganised(reorganisation, a, s, '2016-09-01');
    expect((await row(finding, a, 'LEAD', '2016-12-31')).errors).toBeUndefined();
    if (when === 'between') await reorganised(reorganisation, a, s, '2016-09-01');
    expect((await row(finding, s, 'RESPONSIBLE', '2016-09-30')).errors).toBeUndefined();
    expect(await everyReading(finding)).toEqual(['OPEN', `${s} LEAD ASSIGNED ${a}`]);
    expect(await story.story(finding, { asOf: '2016-08-01' })).toEqual(['OPEN', `${a} LEAD ASSIGNED`, `${s} RESPONSIBLE ASSIGNED`]);
    const due = await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { dueDate } } }`, { id: finding });
    expect(due.data!.finding.assignments).toEqual([{ dueDate: '2016-09-30' }]);
  });

  it('refused, naming why, when S has a record on A’s part since taking it over', async () => {
    await registered(['A4', 'S4']);
    const finding = await newFinding('政策解读材料未同步发布');
    await reorganised('handOverUnitParts', 'A4', 'S4', '2016-09-01');
    await row(finding, 'A4', 'LEAD', '2016-12-31');
    await reported(finding, 'S4', '2016-09-10');
    const refused = await row(finding, 'S4', 'RESPONSIBLE', '2016-09-30');
    expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(refused.errors?.[0]?.extensions?.messageZh).toMatch(/^青川县承继S4局不能自 2016-06-15 起交办自己的任务：.*2016-09-01 从青川县承继A4局移交来的/);
  });

  it('a work-plan item: addWorkPlanItemUnit records S’s own part (it recorded nothing)', async () => {
    await registered(['A5', 'S5']);
    await reorganised('handOverUnitParts', 'A5', 'S5', '2016-09-01');
    const csv = '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n一,推进五公开,1,公开政府采购信息,,青川县承继A5局,,2016-12-31\n';
    const { planId } = await mutate('importWorkPlan', { fileName: 'plan.csv', title: '青川县2016年承继分解方案', year: 2016, contentBase64: Buffer.from(csv).toString('base64'), approvedOn: '2016-06-14', assignedOn: '2016-06-15' }, undefined, 'planId');
    const plan = await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id } } } }`, { id: planId });
    const itemId = plan.data!.workPlan.categories[0].items[0].id as string;
    await mutate('addWorkPlanItemUnit', { itemId, unitId: unit['S5'], role: 'RESPONSIBLE', assignedOn: '2016-06-15', reason: '补充责任单位' });
    const parts = async (cut: { asOf?: string } = {}) => {
      const response = await app.graphql(`query($id: ID!, $asOf: String) { workPlanItem(id: $id, asOf: $asOf) { parts { unitId role heldBefore } } }`, { id: itemId, ...cut });
      return (response.data!.workPlanItem.parts as { unitId: string; role: string; heldBefore: string[] }[]).map((part) => [code(part.unitId), part.role, ...part.heldBefore.map(code)].join(' '));
    };
    expect(await parts()).toEqual(['S5 LEAD A5']);
    expect(await parts({ asOf: '2016-08-01' })).toEqual(['A5 LEAD', 'S5 RESPONSIBLE']);
  });
});
