import { TestApp, startTestApp } from '../support/test-app.js';
import { reorganisationStory } from '../support/reorganisation-story.js';

/**
 * breaker8k P8: unit A is split on one day — some duties handed over to C (职能调整), the rest merged into B (机构改革), both
 * papers dated 2016-07-01. Typed merge first, A's parts went to B and the hand-over was accepted with nothing; typed hand-over
 * first, they went to C — the typing order decided who holds the work. Now the hand-over, the specific paper, wins on its day
 * whatever the typing order: typed after the merge, the merge's step of that day comes off and the part passes to C.
 * Findings and work-plan items. HTTP GraphQL on a real SQLite file.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

describe('a merge A→B and a hand-over A→C on one day: the hand-over wins in either typing order (breaker8k P8)', () => {
  let app: TestApp;
  let evaluationId: string;
  const story = reorganisationStory(() => app, key, { evaluationId: () => evaluationId, unitName: (code) => `青川县拆分${code}局` });
  const { call, mutate, unit, code, registered, registerEvaluation, newFinding, everyReading, holders, reorganised, report } = story;

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-30T10:00:00+08:00' });
    evaluationId = await registerEvaluation('2015年度政务公开第三方评估（同日拆分）');
  });

  afterAll(async () => {
    await app?.close();
  });

  it.each<[string, string, string]>([
    ['the merge typed first', '1', '政务服务事项目录未更新'],
    ['the hand-over typed first', '2', '建议提案办理结果未公开'],
  ])('%s: A’s part is C’s in every reading; C’s clerk reports, B’s is refused', async (order, n, title) => {
    const [a, b, c] = [`A${n}`, `B${n}`, `C${n}`];
    await registered([a, b, c]);
    const finding = await newFinding(title, a);
    const merge = () => reorganised('mergeUnit', a, b, '2016-07-01');
    const hand = () => reorganised('handOverUnitParts', a, c, '2016-07-01', '职能调整');
    if (order.startsWith('the merge')) {
      await merge();
      expect((await hand()).findingIds).toEqual([finding]);
    } else {
      await hand();
      expect((await merge()).findingIds).toEqual([]);
    }
    expect(await everyReading(finding)).toEqual(['OPEN', `${c} LEAD ASSIGNED ${a}`]);
    expect(await holders(finding, '2016-06-30')).toEqual([`${a} ASSIGNED`]);
    expect((await report(finding, b, '2016-08-01')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await report(finding, c, '2016-08-01')).errors).toBeUndefined();
    expect(await everyReading(finding)).toEqual(['OPEN', `${c} LEAD REPORTED ${a}`]);
  });

  it('a work-plan item the same: the merge typed first, then the hand-over of that day passes the item’s part to C', async () => {
    await registered(['A3', 'B3', 'C3']);
    const csv = '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n一,推进五公开,1,公开行政处罚结果,,青川县拆分A3局,,2016-12-31\n';
    const { planId } = await mutate('importWorkPlan', { fileName: 'plan.csv', title: '青川县2016年同日拆分分解方案', year: 2016, contentBase64: Buffer.from(csv).toString('base64'), approvedOn: '2016-04-25', assignedOn: '2016-04-26' }, undefined, 'planId');
    const plan = await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id } } } }`, { id: planId });
    const itemId = plan.data!.workPlan.categories[0].items[0].id as string;
    await reorganised('mergeUnit', 'A3', 'B3', '2016-07-01');
    const handed = await call('handOverUnitParts', { unitId: unit['A3'], successorUnitId: unit['C3'], reason: '职能调整', handedOverOn: '2016-07-01' }, await app.as('ADMIN'), 'findingIds workPlanItemIds');
    expect(handed.errors).toBeUndefined();
    expect(handed.data!.handOverUnitParts.workPlanItemIds).toEqual([itemId]);
    for (const cut of [{}, { asOf: '2026-11-30' }, { knownAt: '2099-01-01T00:00:00+08:00' }]) {
      const response = await app.graphql(`query($id: ID!, $asOf: String, $knownAt: String) { workPlanItem(id: $id, asOf: $asOf, knownAt: $knownAt) { parts { unitId role heldBefore } } }`, { id: itemId, ...cut });
      expect(response.errors).toBeUndefined();
      expect((response.data!.workPlanItem.parts as { unitId: string; role: string; heldBefore: string[] }[]).map((part) => [code(part.unitId), part.role, ...part.heldBefore.map(code)].join(' '))).toEqual(['C3 LEAD A3']);
    }
  });
});
