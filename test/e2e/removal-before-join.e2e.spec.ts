import { TestApp, startTestApp } from '../support/test-app.js';
import { reorganisationStory, type Reorganisation } from '../support/reorganisation-story.js';

/**
 * breaker8j P4 (blocker): a work-plan item's units S (牵头), C and H (责任) report; C is merged into H (or hands its duties
 * over) on 2016-07-01, C's open part joining H's; then the plan revision of 06-20 that takes H off the item is typed. It was
 * accepted and took C's joined part off with H's: S's pass then completed the item with C's reported work never inspected, and
 * the record-time cut (which folds by day: H leaves on 06-20, C's part passes to H as a part of its own on 07-01) disagreed.
 * Now the removal is refused naming the join (a removal is not dated before a fact of the part, and a join is one); dated on or
 * after the join it is taken, and every view agrees. HTTP GraphQL on a real SQLite file.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

interface Item {
  status: string;
  parts: { unitId: string; role: string; status: string; heldBefore: string[] }[];
}

describe('a unit removed from an item on a day before another unit’s part joined its part, typed after the join (breaker8j P4)', () => {
  let app: TestApp;
  const story = reorganisationStory(() => app, key, { evaluationId: () => '', unitName: (code) => `青川县移出${code}局` });
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
  const report = async (itemId: string, by: string, reportedOn: string) =>
    mutate('reportWorkPlanItem', { itemId, unitId: unit[by], summary: `${by}已公开`, evidence: [{ title: '公开页面', link: 'https://www.example.gov.cn/p' }], reportedOn }, await app.as('UNIT', unit[by]));
  const remove = (itemId: string, by: string, unassignedOn: string) => call('removeWorkPlanItemUnit', { itemId, unitId: unit[by], unassignedOn, reason: '方案调整，不再承担' });

  /** An item of its own plan: S 牵头, C、H 责任, assigned 2016-04-26, due 2016-12-31; H reports 05-31, C 06-01. */
  const newItem = async (s: string, c: string, h: string, title: string): Promise<string> => {
    await registered([s, c, h]);
    const csv = '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n' + `一,推进五公开,1,${title},,青川县移出${s}局,青川县移出${c}局、青川县移出${h}局,2016-12-31\n`;
    const { planId } = await mutate('importWorkPlan', { fileName: 'plan.csv', title: `青川县2016年${title}分解方案`, year: 2016, contentBase64: Buffer.from(csv).toString('base64'), approvedOn: '2016-04-25', assignedOn: '2016-04-26' }, undefined, 'planId');
    const plan = await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id } } } }`, { id: planId });
    const itemId = plan.data!.workPlan.categories[0].items[0].id as string;
    await report(itemId, h, '2016-05-31');
    await report(itemId, c, '2016-06-01');
    return itemId;
  };

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-30T10:00:00+08:00' });
  });

  afterAll(async () => {
    await app?.close();
  });

  it.each<[Reorganisation, string, string, string, string]>([
    ['mergeUnit', 'S1', 'C1', 'H1', '公开环评审批信息'],
    ['handOverUnitParts', 'S2', 'C2', 'H2', '公开审计结果信息'],
  ])('%s C→H 07-01, then H removed as of 06-20: refused naming the join; dated after it, taken; the views agree', async (operation, s, c, h, title) => {
    const itemId = await newItem(s, c, h, title);
    await reorganised(operation, c, h, '2016-07-01');
    const joined = [`OPEN`, `${h} RESPONSIBLE REPORTED ${c}`, `${s} LEAD ASSIGNED`];
    expect(await everyReading(itemId)).toEqual(joined);

    const early = await remove(itemId, h, '2016-06-20');
    expect(early.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(early.errors?.[0]?.extensions?.messageZh).toMatch(new RegExp(`调整日期（2016-06-20）早于青川县移出${c}局的任务并入青川县移出${h}局任务的日期（2016-07-01）`));
    expect(await everyReading(itemId)).toEqual(joined);

    // S's pass does not complete the item: C's reported work, now H's, awaits its inspection.
    await report(itemId, s, '2016-08-01');
    await mutate('logWorkPlanItemInspection', { itemId, unitId: unit[s], outcome: 'PASSED', notes: '核实已公开', inspectedOn: '2016-08-15', place: '现场' }, await app.as('INSPECTOR'));
    expect(await everyReading(itemId)).toEqual(['OPEN', `${h} RESPONSIBLE REPORTED ${c}`, `${s} LEAD VERIFIED`]);

    // Not while its report awaits inspection (newcomer53-10 S1): sent back first, it is taken.
    expect((await remove(itemId, h, '2016-08-20')).errors?.[0]?.extensions?.messageZh).toMatch(/待督查：移除该单位会使这份报告无人督查/u);
    expect((await call('sendBackWorkPlanItemReport', { itemId, unitId: unit[h], sentBackOn: '2016-08-18', reason: '材料不全' })).errors).toBeUndefined();
    // Dated after the join, the joined part leaves with its holder, as typed in date order.
    expect((await remove(itemId, h, '2016-08-20')).errors).toBeUndefined();
    expect(await everyReading(itemId)).toEqual(['COMPLETED', `${s} LEAD VERIFIED`]);
  });
});
