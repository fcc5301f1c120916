import { TestApp, startTestApp } from '../support/test-app.js';
import { reorganisationStory, type Reorganisation } from '../support/reorganisation-story.js';

/**
 * breaker8j P2 (walk seed 8864): the 机构改革 directory is entered first — H's duties pass to S on 2016-08-01, C's on 2017-03-01
 * (hand-overs, merges, or one of each) — then the 2016 paper 交办 names C (牵头, due 12-31) before H (责任, due 09-30). By date
 * H's part reaches S first and C's joins it on 2017-03-01, keeping H's record (due 09-30, H's report); the decision that applied
 * the directory passed C's part first, so the live part kept C's record while the record-time cut kept H's — the order of the
 * rows in the 交办 form decided the ledger, and with one hand-over and one merge the 交办 was refused. Now the hand-overs a
 * decision applies go day by day (`handOversDue`), merges with them: the same ledger now, on the cut and as of today, whatever
 * the row order; a reopening applying the directory does the same. HTTP GraphQL on a
 * real SQLite file.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

interface Part {
  unitId: string;
  role: string;
  status: string;
  dueDate: string;
  heldBefore: string[];
  reports: { reportedOn: string; summary: string }[];
}

describe('hand-overs and merges a decision applies from the directory pass day by day, whatever the order of the 交办 rows (breaker8j P2)', () => {
  let app: TestApp;
  let evaluationId: string;
  const story = reorganisationStory(() => app, key, { evaluationId: () => evaluationId, unitName: (code) => `青川县逐日${code}局` });
  const { call, mutate, unit, code, registered, registerEvaluation, reported, reorganised } = story;

  const card = async (findingId: string, cut: { asOf?: string; knownAt?: string } = {}): Promise<string[]> => {
    const response = await app.graphql(
      `query($id: ID!, $asOf: String, $knownAt: String) { finding(id: $id, asOf: $asOf, knownAt: $knownAt) { status assignments { unitId role status dueDate heldBefore reports { reportedOn summary } } } }`,
      { id: findingId, ...cut },
    );
    expect(response.errors).toBeUndefined();
    const finding = response.data!.finding as { status: string; assignments: Part[] };
    return [
      finding.status,
      ...finding.assignments.map((part) => [code(part.unitId), part.role, part.status, part.dueDate, `←${part.heldBefore.map(code).join(',')}`, ...part.reports.map((one) => `${one.summary}@${one.reportedOn}`)].join(' ')).sort(),
    ];
  };
  /** Now, as of today and at the far record-time cut: one story. */
  const everyReading = async (findingId: string) => {
    const now = await card(findingId);
    expect(await card(findingId, { asOf: '2026-11-30' })).toEqual(now);
    expect(await card(findingId, { knownAt: '2099-01-01T00:00:00+08:00' })).toEqual(now);
    return now;
  };
  /** A finding identified 2016-04-15, assigned on 04-26 to `units` in the order given (the rows of the 交办 form). */
  const assigned = async (title: string, units: readonly (readonly [string, 'LEAD' | 'RESPONSIBLE', string])[]): Promise<string> => {
    const { id } = await mutate('recordFinding', { evaluationId, title, description: title, category: '主动公开', severity: 'HIGH', identifiedOn: '2016-04-15' }, undefined, 'id');
    await mutate('assignFinding', { findingId: id, assignedOn: '2016-04-26', units: units.map(([one, role, dueDate]) => ({ unitId: unit[one], role, dueDate })) });
    return id;
  };

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-30T10:00:00+08:00' });
    evaluationId = await registerEvaluation('2015年度政务公开第三方评估（逐日移交）');
  });

  afterAll(async () => {
    await app?.close();
  });

  /** Titles far apart (the near-title rule): a pair per case, rows listed C first and H first. */
  const TITLES: Record<string, readonly [string, string]> = {
    '1': ['政策解读材料未同步发布', '财政预算决算公开不完整'],
    '2': ['环境监测数据未按月公开', '棚户区改造信息公开滞后'],
    '3': ['新闻发布会未按季度召开', '扶贫资金分配结果未公示'],
  };

  it.each<[string, Reorganisation, Reorganisation, string]>([
    ['hand-overs', 'handOverUnitParts', 'handOverUnitParts', '1'],
    ['merges', 'mergeUnit', 'mergeUnit', '2'],
    ['a hand-over of H and a merge of C', 'handOverUnitParts', 'mergeUnit', '3'],
  ])('the directory first (%s: H→S 08-01, C→S 2017-03-01), then the 交办 listing C before H: S keeps H’s record, as in date order', async (_label, ofH, ofC, n) => {
    const [c, h, s] = [`C${n}`, `H${n}`, `S${n}`];
    await registered([c, h, s]);
    await reorganised(ofH, h, s, '2016-08-01');
    await reorganised(ofC, c, s, '2017-03-01');
    const finding = await assigned(TITLES[n]![0], [[c, 'LEAD', '2016-12-31'], [h, 'RESPONSIBLE', '2016-09-30']]);
    await reported(finding, h, '2016-05-31');
    await reported(finding, c, '2016-06-01');
    expect(await everyReading(finding)).toEqual(['OPEN', `${s} LEAD REPORTED 2016-09-30 ←${h},${c} 已整改@2016-05-31`]);
    // The same rows listed H first tell the same story.
    const hFirst = await assigned(TITLES[n]![1], [[h, 'RESPONSIBLE', '2016-09-30'], [c, 'LEAD', '2016-12-31']]);
    await reported(hFirst, h, '2016-05-31');
    await reported(hFirst, c, '2016-06-01');
    expect(await everyReading(hFirst)).toEqual(await everyReading(finding));
  });

  /**
   * breaker8k P3: the same directory first, then the 交办 one row per command (the office adds H as a 责任单位 to the finding
   * already 交办'd to C): H's row was refused 「两项任务无法按日期合并」 with every day right, so H's part could never be recorded.
   * Now C's step into S comes off, H's part reaches S on 08-01 and C's joins it again on 2017-03-01 — the date-order ledger.
   */
  it.each<[string, Reorganisation, Reorganisation, string, string]>([
    ['hand-overs', 'handOverUnitParts', 'handOverUnitParts', '5', '行政许可结果未按时公示'],
    ['merges', 'mergeUnit', 'mergeUnit', '6', '重大建设项目批准信息缺失'],
    ['a hand-over of H and a merge of C', 'handOverUnitParts', 'mergeUnit', '7', '食品抽检结果公开不及时'],
  ])('the directory first (%s), then the 交办 row by row, C then H: H’s row is taken and S keeps H’s record (breaker8k P3)', async (_label, ofH, ofC, n, title) => {
    const [c, h, s] = [`C${n}`, `H${n}`, `S${n}`];
    await registered([c, h, s]);
    await reorganised(ofH, h, s, '2016-08-01');
    await reorganised(ofC, c, s, '2017-03-01');
    const finding = await assigned(title, [[c, 'LEAD', '2016-12-31']]);
    expect(await everyReading(finding)).toEqual(['OPEN', `${s} LEAD ASSIGNED 2016-12-31 ←${c}`]);
    await mutate('assignFinding', { findingId: finding, assignedOn: '2016-05-10', units: [{ unitId: unit[h], role: 'RESPONSIBLE', dueDate: '2016-09-30' }] });
    expect(await everyReading(finding)).toEqual(['OPEN', `${s} LEAD ASSIGNED 2016-09-30 ←${h},${c}`]);
    expect(await card(finding, { asOf: '2016-09-01' })).toEqual(['OPEN', `${c} LEAD ASSIGNED 2016-12-31 ←`, `${s} RESPONSIBLE ASSIGNED 2016-09-30 ←${h}`]);
    await reported(finding, h, '2016-05-31');
    await reported(finding, c, '2016-06-01');
    expect(await everyReading(finding)).toEqual(['OPEN', `${s} LEAD REPORTED 2016-09-30 ←${h},${c} 已整改@2016-05-31`]);
  });

  it('the row refused when S has worked on C’s part since taking it over: the refusal names S’s record and calls the finding 问题', async () => {
    await registered(['C9', 'H9', 'S9']);
    await reorganised('handOverUnitParts', 'H9', 'S9', '2016-08-01');
    await reorganised('handOverUnitParts', 'C9', 'S9', '2017-03-01');
    const finding = await assigned('网上信访答复不及时', [['C9', 'LEAD', '2017-06-30']]);
    await reported(finding, 'S9', '2017-04-01');
    const refused = await call('assignFinding', { findingId: finding, assignedOn: '2016-05-10', units: [{ unitId: unit['H9'], role: 'RESPONSIBLE', dueDate: '2016-09-30' }] });
    expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(refused.errors?.[0]?.extensions?.messageZh).toBe(
      '青川县逐日H9局的任务不能在 2016-08-01 移交青川县逐日S9局：青川县逐日S9局在本问题的现有任务 2017-03-01 才移交青川县逐日S9局，青川县逐日S9局已有该任务 2017-04-01 的记录；移交日期不能早于 2017-03-01。',
    );
  });

  it('a work-plan item the same: the plan imported with C 牵头 after the directory, then H added as 责任单位 dated 04-26 (breaker8k P3)', async () => {
    await registered(['C8', 'H8', 'S8']);
    await reorganised('handOverUnitParts', 'H8', 'S8', '2016-08-01');
    await reorganised('handOverUnitParts', 'C8', 'S8', '2017-03-01');
    const csv = '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n' + '一,推进五公开,1,公开PPP项目信息,,青川县逐日C8局,,2016-12-31\n';
    const { planId } = await mutate('importWorkPlan', { fileName: 'plan.csv', title: '青川县2016年逐行交办分解方案', year: 2016, contentBase64: Buffer.from(csv).toString('base64'), approvedOn: '2016-04-25', assignedOn: '2016-04-26' }, undefined, 'planId');
    const plan = await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id } } } }`, { id: planId });
    const itemId = plan.data!.workPlan.categories[0].items[0].id as string;
    await mutate('addWorkPlanItemUnit', { itemId, unitId: unit['H8'], role: 'RESPONSIBLE', assignedOn: '2016-04-26', reason: '补充责任单位' });
    const item = async (cut: { asOf?: string; knownAt?: string } = {}) => {
      const response = await app.graphql(`query($id: ID!, $asOf: String, $knownAt: String) { workPlanItem(id: $id, asOf: $asOf, knownAt: $knownAt) { parts { unitId role status heldBefore } } }`, { id: itemId, ...cut });
      expect(response.errors).toBeUndefined();
      return (response.data!.workPlanItem.parts as Part[]).map((part) => [code(part.unitId), part.role, part.status, `←${part.heldBefore.map(code).join(',')}`].join(' ')).sort();
    };
    expect(await item()).toEqual(['S8 LEAD ASSIGNED ←H8,C8']);
    expect(await item({ knownAt: '2099-01-01T00:00:00+08:00' })).toEqual(['S8 LEAD ASSIGNED ←H8,C8']);
    expect(await item({ asOf: '2016-09-01' })).toEqual(['C8 LEAD ASSIGNED ←', 'S8 RESPONSIBLE ASSIGNED ←H8']);
  });

  it('a reopening that applies the directory’s two hand-overs passes H’s part first: S keeps H’s record', async () => {
    await registered(['C4', 'H4', 'S4']);
    const finding = await assigned('依申请公开答复超期', [['C4', 'LEAD', '2016-06-30'], ['H4', 'RESPONSIBLE', '2016-06-30']]);
    await reported(finding, 'H4', '2016-05-31');
    await reported(finding, 'C4', '2016-06-01');
    const inspector = await app.as('INSPECTOR');
    for (const one of ['H4', 'C4']) await mutate('logInspection', { findingId: finding, unitId: unit[one], outcome: 'PASSED', notes: '核实已整改', inspectedOn: '2016-07-01', place: '现场' }, inspector);
    await reorganised('handOverUnitParts', 'H4', 'S4', '2016-08-01');
    await reorganised('handOverUnitParts', 'C4', 'S4', '2017-03-01');
    await mutate('reopenFinding', { findingId: finding, reason: '复查未通过', reopenedOn: '2016-09-30', newDueDate: '2016-12-31' });
    expect(await everyReading(finding)).toEqual(['OPEN', 'S4 LEAD RETURNED 2016-12-31 ←H4,C4 已整改@2016-05-31']);
  });
});
