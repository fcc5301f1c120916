import { TestApp, errorCode, startTestApp } from '../support/test-app.js';
import { reorganisationStory, type HeldPart } from '../support/reorganisation-story.js';

/**
 * breaker8e P1: hand-overs (机构改革 without a merge) typed out of date order must leave every part
 * where entering them in date order leaves it. Each story has units of its own (a hand-over is the
 * unit's, for every parent) and one finding assigned to its first unit on 2016-04-26:
 * - a chain A→B (07-01), B→C (08-01) typed B→C first: the part passes A→B→C, as merges pass it;
 * - A→C (07-01) typed after A→B (08-01): the part is C's from 07-01; A had nothing left on 08-01;
 * - the paper 交办 typed after both hand-overs of a chain: the part passes through the chain, on a
 *   finding and on a work-plan item alike.
 * Each time the view now is the view of today (asOf) and of every day between. HTTP GraphQL on a
 * real SQLite file.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

describe('hand-overs typed out of date order pass parts as in date order (breaker8e P1)', () => {
  let app: TestApp;
  let evaluationId: string;

  const { call, mutate, unit, code, registered, registerEvaluation, newFinding, holders, reorganised } = reorganisationStory(() => app, key, { evaluationId: () => evaluationId });
  const handOver = (from: string, to: string, handedOverOn: string) => reorganised('handOverUnitParts', from, to, handedOverOn, '职能调整', 'findingIds workPlanItemIds');

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-30T10:00:00+08:00' });
    evaluationId = await registerEvaluation('2015年度政务公开第三方评估');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('passes a part through a chain typed backwards: B→C first, then A→B', async () => {
    await registered(['A1', 'B1', 'C1']);
    const finding = await newFinding('环评审批信息未公开', 'A1');
    expect((await handOver('B1', 'C1', '2016-08-01')).findingIds).toEqual([]);
    expect((await handOver('A1', 'B1', '2016-07-01')).findingIds).toEqual([finding]);
    expect(await holders(finding)).toEqual(['C1 ASSIGNED A1 B1']);
    expect(await holders(finding, '2016-06-30')).toEqual(['A1 ASSIGNED']);
    expect(await holders(finding, '2016-07-15')).toEqual(['B1 ASSIGNED A1']);
    expect(await holders(finding, '2016-08-01')).toEqual(['C1 ASSIGNED A1 B1']);
    expect(await holders(finding, '2026-11-30')).toEqual(await holders(finding));
    // The successor of the chain reports; the unit that handed everything on does not.
    const report = async (by: string) =>
      call('reportRectification', { findingId: finding, unitId: unit[by], summary: '已整改', evidence: [{ title: '公开页面', link: 'https://www.example.gov.cn/p' }], reportedOn: '2016-08-10' }, await app.as('UNIT', unit[by]));
    expect(errorCode(await report('B1'))).toBe('CONFLICT');
    expect((await report('C1')).errors).toBeUndefined();
  });

  it('passes a part on the earlier of two hand-overs of one unit typed in the other order: A→B (08-01) first, then A→C (07-01)', async () => {
    await registered(['A2', 'B2', 'C2']);
    const finding = await newFinding('预算信息公开不细', 'A2');
    expect((await handOver('A2', 'B2', '2016-08-01')).findingIds).toEqual([finding]);
    expect((await handOver('A2', 'C2', '2016-07-01')).findingIds).toEqual([finding]);
    expect(await holders(finding)).toEqual(['C2 ASSIGNED A2']);
    expect(await holders(finding, '2016-07-15')).toEqual(['C2 ASSIGNED A2']);
    expect(await holders(finding, '2016-08-15')).toEqual(['C2 ASSIGNED A2']);
    expect(await holders(finding, '2026-11-30')).toEqual(await holders(finding));
    // The later hand-over stays in the history (as recorded), with its undoing, then the earlier one.
    const history = (await app.graphql(`query($id: ID!) { finding(id: $id) { history { eventType occurredOn } } }`, { id: finding })).data!.finding.history as { eventType: string; occurredOn: string }[];
    expect(history.filter((entry) => entry.eventType.startsWith('PartHandOver') || entry.eventType === 'PartHandedOver')).toEqual([
      { eventType: 'PartHandedOver', occurredOn: '2016-08-01' },
      { eventType: 'PartHandOverUndone', occurredOn: '2016-08-01' },
      { eventType: 'PartHandedOver', occurredOn: '2016-07-01' },
    ]);
    // The unit that handed everything on by 07-01 does no work on it after; the successor of that day does.
    const report = async (by: string) =>
      call('reportRectification', { findingId: finding, unitId: unit[by], summary: '已整改', evidence: [{ title: '公开页面', link: 'https://www.example.gov.cn/p' }], reportedOn: '2016-08-10' }, await app.as('UNIT', unit[by]));
    expect(errorCode(await report('B2'))).toBe('NOT_FOUND');
    expect((await report('C2')).errors).toBeUndefined();
  });

  it('refuses an earlier hand-over when the unit that took the part over later has worked on it, naming that record', async () => {
    await registered(['A4', 'B4', 'C4']);
    const finding = await newFinding('政策解读未同步发布', 'A4');
    await handOver('A4', 'B4', '2016-08-01');
    const reported = await call('reportRectification', { findingId: finding, unitId: unit.B4, summary: '已整改', evidence: [{ title: '公开页面', link: 'https://www.example.gov.cn/p' }], reportedOn: '2016-08-10' }, await app.as('UNIT', unit.B4));
    expect(reported.errors).toBeUndefined();
    const refused = await call('handOverUnitParts', { unitId: unit.A4, successorUnitId: unit.C4, reason: '职能调整', handedOverOn: '2016-07-01' }, await app.as('ADMIN'));
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(refused.errors![0]!.extensions!.messageZh).toBe('问题「政策解读未同步发布」：青川县第A4局的任务不能在 2016-07-01 移交：该任务已于 2016-08-01 移交青川县第B4局，青川县第B4局已有该任务 2016-08-10 的记录；移交日期不能早于 2016-08-01。');
    expect(await holders(finding)).toEqual(['B4 REPORTED A4']);
  });

  it('takes a late 交办 whose recorded hand-over reaches a successor whose part came to it only later: that part joins on its own day, as in date order (agreement walk seed 9; was refused until breaker8k P3)', async () => {
    await registered(['A5', 'X5', 'S5']);
    const finding = await newFinding('重大决策预公开不到位', 'X5');
    // X5's part passes to S5 on 07-01; A5's duties passed to S5 on 05-10, before S5 held any part here.
    expect((await handOver('X5', 'S5', '2016-07-01')).findingIds).toEqual([finding]);
    expect((await handOver('A5', 'S5', '2016-05-10')).findingIds).toEqual([]);
    // The paper 交办 to A5 of 04-26, typed last: its part reaches S5 on 05-10 first, and X5's joins it on 07-01 (S5 keeps A5's record).
    const taken = await call('assignFinding', { findingId: finding, assignedOn: '2016-04-26', units: [{ unitId: unit.A5, role: 'RESPONSIBLE', dueDate: '2016-06-30' }] });
    expect(taken.errors).toBeUndefined();
    expect(await holders(finding)).toEqual(['S5 ASSIGNED A5 X5']);
    expect(await holders(finding, '2026-11-30')).toEqual(['S5 ASSIGNED A5 X5']);
    expect((await holders(finding, '2016-06-01')).sort()).toEqual(['S5 ASSIGNED A5', 'X5 ASSIGNED']);
  });

  it('passes a part on a merge dated before a hand-over typed earlier: A→B (08-01) first, then A merged into C (07-01)', async () => {
    await registered(['A6', 'B6', 'C6']);
    const finding = await newFinding('行政执法信息未公开', 'A6');
    expect((await handOver('A6', 'B6', '2016-08-01')).findingIds).toEqual([finding]);
    const merged = await call('mergeUnit', { unitId: unit.A6, successorUnitId: unit.C6, reason: '机构改革', mergedOn: '2016-07-01' }, await app.as('ADMIN'), 'findingIds');
    expect(merged.errors).toBeUndefined();
    expect(merged.data!.mergeUnit.findingIds).toEqual([finding]);
    expect(await holders(finding)).toEqual(['C6 ASSIGNED A6']);
    expect(await holders(finding, '2016-08-15')).toEqual(['C6 ASSIGNED A6']);
    expect(await holders(finding, '2026-11-30')).toEqual(await holders(finding));
  });

  it('passes a part assigned late (a paper 交办 typed after the chain) through every hand-over of the chain, on a finding and a work-plan item', async () => {
    await registered(['A3', 'B3', 'C3', 'L3']);
    expect((await handOver('A3', 'B3', '2016-07-01')).findingIds).toEqual([]);
    expect((await handOver('B3', 'C3', '2016-08-01')).findingIds).toEqual([]);
    const finding = await newFinding('依申请公开答复超期', 'A3');
    expect(await holders(finding)).toEqual(['C3 ASSIGNED A3 B3']);
    expect(await holders(finding, '2016-07-15')).toEqual(['B3 ASSIGNED A3']);
    expect(await holders(finding, '2026-11-30')).toEqual(await holders(finding));

    const csv = '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n一,重点领域,1,环境信息公开,,青川县第L3局,,2016-09-30\n';
    const { planId } = await mutate('importWorkPlan', { fileName: 'plan-2016.csv', title: '青川县2016年政务公开工作要点', year: 2016, contentBase64: Buffer.from(csv).toString('base64'), approvedOn: '2016-04-25', assignedOn: '2016-04-26' }, undefined, 'planId');
    const plan = await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id } } } }`, { id: planId });
    const itemId = plan.data!.workPlan.categories[0].items[0].id as string;
    await mutate('addWorkPlanItemUnit', { itemId, unitId: unit.A3, reason: '增加责任单位', assignedOn: '2016-05-10' });
    const itemHolders = async (asOf?: string) => {
      const response = await app.graphql(`query($id: ID!, $asOf: String) { workPlanItem(id: $id, asOf: $asOf) { parts { unitId status heldBefore } } }`, { id: itemId, ...(asOf ? { asOf } : {}) });
      expect(response.errors).toBeUndefined();
      return (response.data!.workPlanItem.parts as HeldPart[]).filter((part) => part.unitId !== unit.L3).map((part) => [code(part.unitId), part.status, ...part.heldBefore.map(code)].join(' '));
    };
    expect(await itemHolders()).toEqual(['C3 ASSIGNED A3 B3']);
    expect(await itemHolders('2016-07-15')).toEqual(['B3 ASSIGNED A3']);
    expect(await itemHolders('2026-11-30')).toEqual(await itemHolders());
  });
});
