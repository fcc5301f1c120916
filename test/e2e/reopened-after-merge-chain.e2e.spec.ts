import { TestApp, startTestApp } from '../support/test-app.js';
import { reorganisationStory, type HeldPart } from '../support/reorganisation-story.js';

/**
 * breaker8j P11: a finding verified with A, then A merged into B (2017-01-01) and B into C (2017-02-01), reopened on 2016-12-01:
 * the part went straight from A to C on 2017-02-01 — asOf 2017-01-20 it sat with A, merged away; B's clerk was refused for
 * January and C's accepted for days it did not hold the part. Now it passes A→B on 2017-01-01 and B→C on 2017-02-01, as a
 * chain of merges passes an open part; findings and work-plan items alike. HTTP GraphQL on a real SQLite file.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

describe('a reopening after a chain of merges passes the part along the chain, each merge on its day (breaker8j P11)', () => {
  let app: TestApp;
  let evaluationId: string;

  const story = reorganisationStory(() => app, key, { evaluationId: () => evaluationId, unitName: (code) => `青川县链${code}局` });
  const { mutate, unit, code, registered, registerEvaluation, newFinding, holders, report, reported, reorganised } = story;
  const mergeChain = async (a: string, b: string, c: string) => {
    await reorganised('mergeUnit', a, b, '2017-01-01');
    await reorganised('mergeUnit', b, c, '2017-02-01');
  };

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-30T10:00:00+08:00' });
    evaluationId = await registerEvaluation('2015年度政务公开第三方评估（合并链后重新打开）');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('a finding: B holds it through January, C from February; B’s clerk records January', async () => {
    await registered(['CA1', 'CB1', 'CC1']);
    const finding = await newFinding('政府信息公开指南未更新', 'CA1');
    await reported(finding, 'CA1', '2016-06-01');
    await mutate('logInspection', { findingId: finding, unitId: unit.CA1, outcome: 'PASSED', inspectedOn: '2016-07-01', notes: '现场核验通过' }, await app.as('INSPECTOR'));
    await mergeChain('CA1', 'CB1', 'CC1');
    await mutate('reopenFinding', { findingId: finding, reason: '评估方复查发现问题反弹', reopenedOn: '2016-12-01', newDueDate: '2017-06-30' });
    expect(await holders(finding, '2016-12-15')).toEqual(['CA1 RETURNED']);
    expect(await holders(finding, '2017-01-20')).toEqual(['CB1 RETURNED CA1']);
    expect(await holders(finding)).toEqual(['CC1 RETURNED CA1 CB1']);
    // B's clerk records January (it held the part then; before the fix: refused, the part being with A).
    expect((await report(finding, 'CB1', '2017-01-20')).errors).toBeUndefined();
    expect(await holders(finding)).toEqual(['CC1 REPORTED CA1 CB1']);
  });

  it('a work-plan item: the same chain, the same days', async () => {
    await registered(['CL2', 'CA2', 'CB2', 'CC2']);
    const csv = `类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n一,推进五公开,1,重大建设项目信息公开,,青川县链CL2局,青川县链CA2局,2016-12-31\n`;
    const { planId } = await mutate('importWorkPlan', { fileName: 'plan-chain.csv', title: '青川县2016年政务公开工作要点（合并链）', year: 2016, contentBase64: Buffer.from(csv).toString('base64'), approvedOn: '2016-04-25', assignedOn: '2016-04-26' }, undefined, 'planId');
    const plan = await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id } } } }`, { id: planId });
    const itemId = plan.data!.workPlan.categories[0].items[0].id as string;
    const evidence = [{ title: '公开页面', link: 'https://www.example.gov.cn/project' }];
    for (const by of ['CL2', 'CA2']) {
      await mutate('reportWorkPlanItem', { itemId, unitId: unit[by], summary: '已公开', evidence, reportedOn: '2016-06-01' }, await app.as('UNIT', unit[by]));
      await mutate('logWorkPlanItemInspection', { itemId, unitId: unit[by], outcome: 'PASSED', inspectedOn: '2016-07-01', notes: '现场核验通过' }, await app.as('INSPECTOR'));
    }
    await mergeChain('CA2', 'CB2', 'CC2');
    await mutate('reopenWorkPlanItem', { itemId, reason: '复查发现问题反弹', reopenedOn: '2016-12-01', newDueDate: '2016-12-31' });
    const parts = async (asOf?: string) => {
      const response = await app.graphql(`query($id: ID!, $asOf: String) { workPlanItem(id: $id, asOf: $asOf) { parts { unitId status heldBefore } } }`, { id: itemId, ...(asOf ? { asOf } : {}) });
      expect(response.errors).toBeUndefined();
      return (response.data!.workPlanItem.parts as HeldPart[]).filter((part) => part.unitId !== unit.CL2).map((part) => [code(part.unitId), part.status, ...part.heldBefore.map(code)].join(' '));
    };
    expect(await parts('2017-01-20')).toEqual(['CB2 RETURNED CA2']);
    expect(await parts()).toEqual(['CC2 RETURNED CA2 CB2']);
  });
});
