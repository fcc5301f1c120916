import { TestApp, startTestApp } from '../support/test-app.js';
import { reorganisationStory } from '../support/reorganisation-story.js';

/**
 * breaker8l P6 (blocker): C leads a finding (交办 04-26), H is responsible (05-10); H hands its duties to S on 2016-08-01 (H's part
 * moves to S), C on 2017-03-01 (C's part joins S's); then a withdrawal dated 2016-06-15 is typed. The withdrawal undid only the
 * move after its day, not the join: now S held both records, the by-day cut kept them apart, date order has C and H — three
 * stories. A joined part is not separated again, so the withdrawal dated before the join is refused, naming it, nothing written;
 * dated on or after the join it is taken. Findings and work-plan items. HTTP GraphQL on a real SQLite file.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

describe('a withdrawal dated before a join of two parts, typed after it, is refused naming the join (breaker8l P6)', () => {
  let app: TestApp;
  let evaluationId: string;
  const story = reorganisationStory(() => app, key, { evaluationId: () => evaluationId, unitName: (code) => `青川县撤并${code}局` });
  const { call, mutate, unit, code, registered, registerEvaluation, newFinding, everyReading, reorganised } = story;

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-30T10:00:00+08:00' });
    evaluationId = await registerEvaluation('2015年度政务公开第三方评估（撤并）');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('a finding: refused with 06-15, nothing changes; taken on the join day', async () => {
    await registered(['C1', 'H1', 'S1']);
    const finding = await newFinding('行政事业性收费目录未公开', 'C1');
    await mutate('assignFinding', { findingId: finding, assignedOn: '2016-05-10', units: [{ unitId: unit['H1'], role: 'RESPONSIBLE', dueDate: '2016-09-30' }] });
    await reorganised('handOverUnitParts', 'H1', 'S1', '2016-08-01');
    await reorganised('handOverUnitParts', 'C1', 'S1', '2017-03-01');
    const joined = ['OPEN', 'S1 LEAD ASSIGNED H1 C1'];
    expect(await everyReading(finding)).toEqual(joined);
    const refused = await call('withdrawFinding', { findingId: finding, reason: '评估机构来函撤销', withdrawnOn: '2016-06-15' });
    expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(refused.errors?.[0]?.extensions?.messageZh).toBe('撤销日期（2016-06-15）早于青川县撤并C1局的任务随机构改革并入青川县撤并S1局任务的日期（2017-03-01），已合并的任务不能再分开；请核对撤销日期。');
    expect(await everyReading(finding)).toEqual(joined);
    await mutate('withdrawFinding', { findingId: finding, reason: '评估机构来函撤销', withdrawnOn: '2017-03-01' });
  });

  it('a work-plan item the same', async () => {
    await registered(['C2', 'H2', 'S2']);
    const csv = '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n一,推进五公开,1,公开政府采购信息,,青川县撤并C2局,青川县撤并H2局,2016-12-31\n';
    const { planId } = await mutate('importWorkPlan', { fileName: 'plan.csv', title: '青川县2016年撤并分解方案', year: 2016, contentBase64: Buffer.from(csv).toString('base64'), approvedOn: '2016-04-25', assignedOn: '2016-04-26' }, undefined, 'planId');
    const plan = await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id } } } }`, { id: planId });
    const itemId = plan.data!.workPlan.categories[0].items[0].id as string;
    await reorganised('handOverUnitParts', 'H2', 'S2', '2016-08-01');
    await reorganised('handOverUnitParts', 'C2', 'S2', '2017-03-01');
    const parts = async () => {
      const response = await app.graphql(`query($id: ID!) { workPlanItem(id: $id) { parts { unitId heldBefore } } }`, { id: itemId });
      return (response.data!.workPlanItem.parts as { unitId: string; heldBefore: string[] }[]).map((part) => [code(part.unitId), ...part.heldBefore.map(code)].join(' '));
    };
    expect(await parts()).toEqual(['S2 H2 C2']);
    const refused = await call('withdrawWorkPlanItem', { itemId, reason: '方案调整', withdrawnOn: '2016-06-15' });
    expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await parts()).toEqual(['S2 H2 C2']);
  });
});
