import { TestApp, startTestApp } from '../support/test-app.js';
import { reorganisationStory } from '../support/reorganisation-story.js';

/**
 * breaker8i P7: a finding or work-plan item withdrawn when its unit was merged away is skipped by the merge (right); undoing the
 * withdrawal — or moving it to a day after the merge — left the part with the merged-away unit: its clerk refused ("its open parts
 * are B's"), the successor NOT_FOUND, in date order too. Now the merge passes the part on when the parent is back on the 台账, as
 * it would have on the merge's day (as a hand-over already did). HTTP GraphQL on a real SQLite file.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

describe('a withdrawal undone or moved after its unit’s merge passes the part to the successor (breaker8i P7)', () => {
  let app: TestApp;
  let evaluationId: string;

  const story = reorganisationStory(() => app, key, { evaluationId: () => evaluationId, unitName: (code) => `青川县撤并${code}局` });
  const { mutate, unit, code, registered, registerEvaluation, newFinding, holders, everyReading, report, reorganised } = story;
  const merge = (from: string, to: string, on: string) => reorganised('mergeUnit', from, to, on);
  const withdraw = (findingId: string, withdrawnOn: string) => mutate('withdrawFinding', { findingId, reason: '评估方撤回', withdrawnOn });

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-30T10:00:00+08:00' });
    evaluationId = await registerEvaluation('2015年度政务公开第三方评估（撤销后合并）');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('in date order: withdrawn 06-20, A merged into B 07-01, the withdrawal undone → B holds the part from 07-01 and reports', async () => {
    await registered(['WA1', 'WB1']);
    const finding = await newFinding('政务微博更新不及时', 'WA1');
    await withdraw(finding, '2016-06-20');
    expect((await merge('WA1', 'WB1', '2016-07-01')).findingIds).toEqual([]);
    await mutate('undoFindingWithdrawal', { findingId: finding, reason: '撤销有误' });
    expect(await everyReading(finding)).toEqual(['OPEN', 'WB1 LEAD ASSIGNED WA1']);
    expect(await holders(finding, '2016-06-30')).toEqual(['WA1 ASSIGNED']);
    expect(await holders(finding, '2016-07-01')).toEqual(['WB1 ASSIGNED WA1']);
    expect((await report(finding, 'WB1', '2016-09-01')).errors).toBeUndefined();
    expect((await report(finding, 'WA1', '2016-09-02')).errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('typed after: the merge passes the part, a late withdrawal dated before it takes it back, the undo passes it again', async () => {
    await registered(['WA2', 'WB2']);
    const finding = await newFinding('财政专项资金信息未公开', 'WA2');
    expect((await merge('WA2', 'WB2', '2016-07-01')).findingIds).toEqual([finding]);
    await withdraw(finding, '2016-06-20');
    await mutate('undoFindingWithdrawal', { findingId: finding, reason: '撤销有误' });
    expect(await everyReading(finding)).toEqual(['OPEN', 'WB2 LEAD ASSIGNED WA2']);
    expect((await report(finding, 'WB2', '2016-09-01')).errors).toBeUndefined();
  });

  it('a withdrawal moved to a day after the merge: the part passes on the merge day and is withdrawn with B', async () => {
    await registered(['WA3', 'WB3']);
    const finding = await newFinding('行政许可结果公示缺失', 'WA3');
    await withdraw(finding, '2016-06-20');
    await merge('WA3', 'WB3', '2016-07-01');
    await mutate('correctFindingWithdrawal', { findingId: finding, withdrawnOn: '2016-09-01', reason: '日期录错' });
    expect(await everyReading(finding)).toEqual(['WITHDRAWN', 'WB3 LEAD ASSIGNED WA3']);
    expect(await holders(finding, '2016-06-25')).toEqual(['WA3 ASSIGNED']);
    expect(await holders(finding, '2016-07-15')).toEqual(['WB3 ASSIGNED WA3']);
  });

  it('a work-plan item the same: withdrawn, its lead unit merged, the withdrawal undone → the successor holds and reports', async () => {
    await registered(['WA4', 'WB4']);
    const lead = `青川县撤并WA4局`;
    const csv = '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n' + `一,推进五公开,1,公开机构改革后的职责清单,,${lead},,2016-12-31\n`;
    const { planId } = await mutate('importWorkPlan', { fileName: 'plan.csv', title: '青川县2016年撤并测试工作要点', year: 2016, contentBase64: Buffer.from(csv).toString('base64'), approvedOn: '2016-04-25', assignedOn: '2016-04-26' }, undefined, 'planId');
    const plan = await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id } } } }`, { id: planId });
    const itemId = plan.data!.workPlan.categories[0].items[0].id as string;
    await mutate('withdrawWorkPlanItem', { itemId, reason: '方案调整', withdrawnOn: '2016-06-20' });
    await merge('WA4', 'WB4', '2016-07-01');
    await mutate('undoWorkPlanItemWithdrawal', { itemId, reason: '撤销有误' });
    const parts = async (cut: { knownAt?: string } = {}) => {
      const response = await app.graphql(`query($id: ID!, $knownAt: String) { workPlanItem(id: $id, knownAt: $knownAt) { status parts { unitId status heldBefore } } }`, { id: itemId, ...cut });
      expect(response.errors).toBeUndefined();
      const item = response.data!.workPlanItem;
      return [item.status, ...item.parts.map((part: { unitId: string; status: string; heldBefore: string[] }) => [code(part.unitId), part.status, ...part.heldBefore.map(code)].join(' '))];
    };
    expect(await parts()).toEqual(['OPEN', 'WB4 ASSIGNED WA4']);
    expect(await parts({ knownAt: '2099-01-01T00:00:00+08:00' })).toEqual(await parts());
    const reported = await app.graphql(`mutation($input: ReportWorkPlanItemInput!) { reportWorkPlanItem(input: $input) { __typename } }`, {
      input: { idempotencyKey: key('reportWorkPlanItem'), itemId, unitId: unit.WB4, summary: '已公开', evidence: [{ title: '职责清单', link: 'https://www.example.gov.cn/q' }], reportedOn: '2016-09-01' },
    }, await app.as('UNIT', unit.WB4));
    expect(reported.errors).toBeUndefined();
  });
});
