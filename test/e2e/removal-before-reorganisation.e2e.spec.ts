import { TestApp, startTestApp } from '../support/test-app.js';
import { reorganisationStory, type Reorganisation } from '../support/reorganisation-story.js';

/**
 * breaker8j P3: a work-plan item's unit C (责任) is merged into H (or hands its duties over to H) on 2016-07-01; then the plan
 * revision of 06-20 that takes C off the item is typed. It was refused NOT_FOUND 「C在事项 1 中没有任务」 — while the item as of
 * 06-25 showed C holding its part — and the office had no other way to record it. Now, when C's part moved to H (H had none
 * here), the merge's step comes off and C leaves on 06-20, as in date order: the merge passes nothing of this item. When C's
 * part joined H's own part, the removal is refused naming the join (a joined part is not separated again), not NOT_FOUND.
 * HTTP GraphQL on a real SQLite file.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

interface Item {
  status: string;
  parts: { unitId: string; role: string; status: string; heldBefore: string[] }[];
}

describe('a unit removed from an item on a day before its merge or hand-over, typed after it (breaker8j P3)', () => {
  let app: TestApp;
  const story = reorganisationStory(() => app, key, { evaluationId: () => '', unitName: (code) => `青川县先移${code}局` });
  const { call, mutate, unit, code, registered, reorganised } = story;

  const item = async (itemId: string, cut: { asOf?: string; knownAt?: string } = {}): Promise<string[]> => {
    const response = await app.graphql(`query($id: ID!, $asOf: String, $knownAt: String) { workPlanItem(id: $id, asOf: $asOf, knownAt: $knownAt) { status parts { unitId role status heldBefore } } }`, { id: itemId, ...cut });
    expect(response.errors).toBeUndefined();
    const read = response.data!.workPlanItem as Item;
    return [read.status, ...read.parts.map((part) => [code(part.unitId), part.role, part.status, ...part.heldBefore.map(code)].join(' ')).sort()];
  };
  /** Now, as of today and at the far record-time cut: one story. */
  const everyReading = async (itemId: string) => {
    const now = await item(itemId);
    expect(await item(itemId, { asOf: '2026-11-30' })).toEqual(now);
    expect(await item(itemId, { knownAt: '2099-01-01T00:00:00+08:00' })).toEqual(now);
    return now;
  };
  const remove = (itemId: string, by: string, unassignedOn: string) => call('removeWorkPlanItemUnit', { itemId, unitId: unit[by], unassignedOn, reason: '方案调整，不再承担' });

  /** An item of its own plan: S 牵头, `responsible` 责任, assigned 2016-04-26, due 2016-12-31; C reports 06-01. */
  const newItem = async (codes: string[], responsible: string[], title: string): Promise<string> => {
    await registered(codes);
    const [s, c] = codes as [string, string];
    const csv = '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n' + `一,推进五公开,1,${title},,青川县先移${s}局,${responsible.map((one) => `青川县先移${one}局`).join('、')},2016-12-31\n`;
    const { planId } = await mutate('importWorkPlan', { fileName: 'plan.csv', title: `青川县2016年${title}分解方案`, year: 2016, contentBase64: Buffer.from(csv).toString('base64'), approvedOn: '2016-04-25', assignedOn: '2016-04-26' }, undefined, 'planId');
    const plan = await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id } } } }`, { id: planId });
    const itemId = plan.data!.workPlan.categories[0].items[0].id as string;
    const reported = await call('reportWorkPlanItem', { itemId, unitId: unit[c], summary: `${c}已公开`, evidence: [{ title: '公开页面', link: 'https://www.example.gov.cn/p' }], reportedOn: '2016-06-01' }, await app.as('UNIT', unit[c]));
    expect(reported.errors).toBeUndefined();
    return itemId;
  };

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-30T10:00:00+08:00' });
  });

  afterAll(async () => {
    await app?.close();
  });

  it.each<[Reorganisation, string, string, string, string]>([
    ['mergeUnit', 'S1', 'C1', 'H1', '公开财政专项资金信息'],
    ['handOverUnitParts', 'S2', 'C2', 'H2', '公开安全生产检查结果'],
  ])('%s C→H 07-01 (H had no part), then C removed as of 06-20: taken, C leaves on 06-20 and H takes nothing; the views agree', async (operation, s, c, h, title) => {
    const itemId = await newItem([s, c, h], [c], title);
    // Its report sent back first (06-15): a part whose report awaits inspection is not removed (newcomer53-10 S1).
    expect((await call('sendBackWorkPlanItemReport', { itemId, unitId: unit[c], sentBackOn: '2016-06-15', reason: '材料不全' })).errors).toBeUndefined();
    await reorganised(operation, c, h, '2016-07-01');
    expect(await everyReading(itemId)).toEqual(['OPEN', `${h} RESPONSIBLE RETURNED ${c}`, `${s} LEAD ASSIGNED`]);

    const removed = await remove(itemId, c, '2016-06-20');
    expect(removed.errors).toBeUndefined();
    expect(await everyReading(itemId)).toEqual(['OPEN', `${s} LEAD ASSIGNED`]);
    expect(await item(itemId, { asOf: '2016-06-10' })).toEqual(['OPEN', `${c} RESPONSIBLE REPORTED`, `${s} LEAD ASSIGNED`]);
    expect(await item(itemId, { asOf: '2016-06-25' })).toEqual(['OPEN', `${s} LEAD ASSIGNED`]);
    expect(await item(itemId, { asOf: '2016-07-15' })).toEqual(['OPEN', `${s} LEAD ASSIGNED`]);
    // H took nothing of this item: its clerk has nothing to report on.
    const byH = await call('reportWorkPlanItem', { itemId, unitId: unit[h], summary: `${h}已公开`, evidence: [{ title: '公开页面', link: 'https://www.example.gov.cn/p' }], reportedOn: '2016-08-01' }, await app.as('UNIT', unit[h]));
    expect(byH.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('mergeUnit C→H 07-01 where H holds its own part (C’s part joined it), then C removed as of 06-20: refused naming the join, not NOT_FOUND; nothing changes', async () => {
    const itemId = await newItem(['S3', 'C3', 'H3'], ['C3', 'H3'], '公开征地补偿标准');
    await reorganised('mergeUnit', 'C3', 'H3', '2016-07-01');
    const joined = ['OPEN', 'H3 RESPONSIBLE ASSIGNED C3', 'S3 LEAD ASSIGNED'];
    expect(await everyReading(itemId)).toEqual(joined);
    const refused = await remove(itemId, 'C3', '2016-06-20');
    expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(refused.errors?.[0]?.extensions?.messageZh).toBe(
      '青川县先移C3局不能自 2016-06-20 起移出本工作事项：其任务已于 2016-07-01 随机构改革并入青川县先移H3局的任务，已合并的任务不能再分开。调整日期不能早于 2016-07-01（届时可移出青川县先移H3局；如合并日期录错，请先由管理员在单位名录中“更正合并日期”）。',
    );
    expect(await everyReading(itemId)).toEqual(joined);
  });
});
