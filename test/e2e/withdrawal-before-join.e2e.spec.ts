import { TestApp, startTestApp } from '../support/test-app.js';
import { reorganisationStory } from '../support/reorganisation-story.js';

/**
 * A withdrawal dated before a reorganisation that joined one unit's part into another's, typed after it. breaker8l P6
 * (blocker): undoing only the moves after its day and keeping the join, live, cut and date order told three stories.
 * f9c1a2f refused every such withdrawal — breaker8l P13 (blocker): the evaluator's letter with its true day could not be
 * entered for the plainest join, two bureaus merged into one, or a revised plan dropping such an item. Now every step after
 * the day is undone, the latest recorded first, joins too (PartHandOverUndone of a join): the withdrawn parent shows the
 * parts as date order has them, on every reading; undoing the withdrawal passes them again by the directory. A step its
 * successor has a record on since stays (with the steps under it), as before. HTTP GraphQL on a real SQLite file.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

describe('a withdrawal dated before a join of parts, typed after it, separates the join as date order does (breaker8l P6, P13)', () => {
  let app: TestApp;
  let evaluationId: string;
  const story = reorganisationStory(() => app, key, { evaluationId: () => evaluationId, unitName: (code) => `青川县撤并${code}局` });
  const { mutate, unit, code, registered, registerEvaluation, newFinding, everyReading, reorganised, reported } = story;
  const withdraw = (findingId: string, withdrawnOn: string) => mutate('withdrawFinding', { findingId, reason: '评估机构来函撤销', withdrawnOn });
  const undo = (findingId: string) => mutate('undoFindingWithdrawal', { findingId, reason: '撤销有误' });

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-30T10:00:00+08:00' });
    evaluationId = await registerEvaluation('2015年度政务公开第三方评估（撤并）');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('a move and a join into one successor: both undone; undoing the withdrawal passes them again, the successor reports, the predecessor not', async () => {
    await registered(['C1', 'H1', 'S1']);
    const finding = await newFinding('行政事业性收费目录未公开', 'C1');
    await mutate('assignFinding', { findingId: finding, assignedOn: '2016-05-10', units: [{ unitId: unit['H1'], role: 'RESPONSIBLE', dueDate: '2016-09-30' }] });
    await reorganised('handOverUnitParts', 'H1', 'S1', '2016-08-01');
    await reorganised('handOverUnitParts', 'C1', 'S1', '2017-03-01');
    expect(await everyReading(finding)).toEqual(['OPEN', 'S1 LEAD ASSIGNED H1 C1']);
    await withdraw(finding, '2016-06-15');
    expect(await everyReading(finding)).toEqual(['WITHDRAWN', 'C1 LEAD ASSIGNED', 'H1 RESPONSIBLE ASSIGNED']);
    await undo(finding);
    expect(await everyReading(finding)).toEqual(['OPEN', 'S1 LEAD ASSIGNED H1 C1']);
    await reported(finding, 'S1', '2017-04-01');
    const late = await story.report(finding, 'H1', '2017-04-02');
    expect(late.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('a unit merged into a successor with its own part (the plainest join): taken with its day', async () => {
    await registered(['H2', 'S2']);
    const finding = await newFinding('重大建设项目批准信息未公开', 'S2');
    await mutate('assignFinding', { findingId: finding, assignedOn: '2016-05-10', units: [{ unitId: unit['H2'], role: 'RESPONSIBLE', dueDate: '2016-09-30' }] });
    await reorganised('mergeUnit', 'H2', 'S2', '2016-08-01');
    expect(await everyReading(finding)).toEqual(['OPEN', 'S2 LEAD ASSIGNED H2']);
    await withdraw(finding, '2016-06-15');
    expect(await everyReading(finding)).toEqual(['WITHDRAWN', 'H2 RESPONSIBLE ASSIGNED', 'S2 LEAD ASSIGNED']);
  });

  it('two bureaus merged into one on the same day: taken; the successor holds both again after the undo', async () => {
    await registered(['C3', 'H3', 'S3']);
    const finding = await newFinding('棚户区改造信息公开不全', [['C3', 'LEAD'], ['H3', 'RESPONSIBLE']]);
    await reorganised('mergeUnit', 'C3', 'S3', '2016-08-01');
    await reorganised('mergeUnit', 'H3', 'S3', '2016-08-01');
    await withdraw(finding, '2016-06-15');
    expect(await everyReading(finding)).toEqual(['WITHDRAWN', 'C3 LEAD ASSIGNED', 'H3 RESPONSIBLE ASSIGNED']);
    await undo(finding);
    const [status, ...parts] = await everyReading(finding);
    expect([status, parts.length, parts[0]!.split(' ').slice(0, 2).join(' ')]).toEqual(['OPEN', 1, 'S3 LEAD']);
  });

  it('a successor that reported on the joined part since keeps it: the join stays, the withdrawal is taken', async () => {
    await registered(['H4', 'S4']);
    const finding = await newFinding('政策解读材料未同步发布', 'S4');
    await mutate('assignFinding', { findingId: finding, assignedOn: '2016-05-10', units: [{ unitId: unit['H4'], role: 'RESPONSIBLE', dueDate: '2016-09-30' }] });
    await reorganised('handOverUnitParts', 'H4', 'S4', '2016-08-01');
    await reported(finding, 'S4', '2016-09-01');
    await withdraw(finding, '2016-06-15');
    expect(await everyReading(finding)).toEqual(['WITHDRAWN', 'S4 LEAD ASSIGNED H4']);
  });

  const itemParts = async (itemId: string, cut: { asOf?: string; knownAt?: string } = {}) => {
    const response = await app.graphql(`query($id: ID!, $asOf: String, $knownAt: String) { workPlanItem(id: $id, asOf: $asOf, knownAt: $knownAt) { status parts { unitId role heldBefore } } }`, { id: itemId, ...cut });
    const item = response.data!.workPlanItem as { status: string; parts: { unitId: string; role: string; heldBefore: string[] }[] };
    return [item.status, ...item.parts.map((part) => [code(part.unitId), part.role, ...part.heldBefore.map(code)].join(' '))];
  };
  const everyItemReading = async (itemId: string) => {
    const now = await itemParts(itemId);
    expect(await itemParts(itemId, { asOf: '2026-11-30' })).toEqual(now);
    expect(await itemParts(itemId, { knownAt: '2099-01-01T00:00:00+08:00' })).toEqual(now);
    return now;
  };
  const HEADER = '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n';
  const importPlan = async (title: string, rows: string, revise = false, assignedOn = '2016-04-26') => {
    const input = { fileName: 'plan.csv', title, year: 2016, contentBase64: Buffer.from(HEADER + rows).toString('base64'), approvedOn: '2016-04-25', assignedOn, ...(revise ? { revise: true, withdrawMissing: true } : {}) };
    const { planId } = await mutate('importWorkPlan', input, undefined, 'planId');
    const plan = await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id } } } }`, { id: planId });
    return (plan.data!.workPlan.categories[0].items as { id: string }[]).map((item) => item.id);
  };

  it('a work-plan item the same', async () => {
    await registered(['C5', 'H5', 'S5']);
    const [itemId] = await importPlan('青川县2016年撤并分解方案', '一,推进五公开,1,公开政府采购信息,,青川县撤并C5局,青川县撤并H5局,2016-12-31\n');
    await reorganised('handOverUnitParts', 'H5', 'S5', '2016-08-01');
    await reorganised('handOverUnitParts', 'C5', 'S5', '2017-03-01');
    expect(await everyItemReading(itemId!)).toEqual(['OPEN', 'S5 LEAD H5 C5']);
    await mutate('withdrawWorkPlanItem', { itemId, reason: '方案调整', withdrawnOn: '2016-06-15' });
    expect(await everyItemReading(itemId!)).toEqual(['WITHDRAWN', 'C5 LEAD', 'H5 RESPONSIBLE']);
  });

  it('a revised plan file dropping an item whose part joined another later: taken, the item withdrawn as it stood', async () => {
    await registered(['H6', 'S6']);
    const title = '青川县2016年撤并修订分解方案';
    const [, second] = await importPlan(title, '一,推进五公开,1,公开财政预决算信息,,青川县撤并S6局,,2016-12-31\n一,推进五公开,2,公开重点领域信息,,青川县撤并S6局,青川县撤并H6局,2016-12-31\n');
    await reorganised('handOverUnitParts', 'H6', 'S6', '2016-08-01');
    expect(await everyItemReading(second!)).toEqual(['OPEN', 'S6 LEAD H6']);
    await importPlan(title, '一,推进五公开,1,公开财政预决算信息,,青川县撤并S6局,,2016-12-31\n', true, '2016-06-15');
    expect(await everyItemReading(second!)).toEqual(['WITHDRAWN', 'S6 LEAD', 'H6 RESPONSIBLE']);
  });
});
