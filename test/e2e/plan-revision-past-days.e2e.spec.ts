import { errorCode, freshDatabasePath, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Issue 8, breaker8c P19 and P14: a September revision of a 2016 plan, entered in 2026, leaves out
 * an item, a whole category and a unit whose part was verified in June. The plan of every earlier
 * day still holds what it held then (the outline of the newest version is not drawn on the past),
 * the views agree with the units' workloads, and the verified part stays: the item keeps its
 * close-out day, the unit its credit. Asserted through HTTP GraphQL on a real SQLite file.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

const PLAN_TITLE = '青川市2016年政务公开工作要点（修订测试）';
const header = '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n';
const UNITS = { JIA: '青川市修订甲局', YI: '青川市修订乙局', BING: '青川市修订丙局', DING: '青川市修订丁局' } as const;
type Code = keyof typeof UNITS;
/** Item 1: 甲局 leads, 乙局 responsible. Items 2, 3 under 一; item 4 (丁局) alone under 二. */
const VERSION_1 =
  header +
  '一,推进五公开,1,推进决策公开,,青川市修订甲局,青川市修订乙局,2016-06-30\n' +
  '一,推进五公开,2,公开财政预决算,,青川市修订丙局,,2016-10-31\n' +
  '一,推进五公开,3,公开重点项目,,青川市修订丙局,,2016-10-31\n' +
  '二,政策解读,4,政策解读进社区,,青川市修订丁局,,2016-10-31\n';
/** The September version: item 3 and category 二 (item 4) gone, item 1 lists 甲局 alone. */
const VERSION_2 = header + '一,推进五公开,1,推进决策公开,,青川市修订甲局,,2016-06-30\n' + '一,推进五公开,2,公开财政预决算,,青川市修订丙局,,2016-10-31\n';
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

interface Rollup {
  items: number;
  completedItems: number;
  parts: number;
}
interface Breakdown {
  progress: Rollup;
  categories: { code: string; items: { code: string; status: string; completedOn: string | null }[] }[];
}

describe('a plan revision leaves earlier days as they were (breaker8c P19, P14)', () => {
  let app: TestApp;
  const units = {} as Record<Code, string>;
  let planId: string;
  const itemIds: Record<string, string> = {};

  const mutate = async (name: string, input: Record<string, unknown>, headers?: Record<string, string>) => {
    const response = await app.graphql(`mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { __typename } }`, { input: { idempotencyKey: key(name), ...input } }, headers);
    if (response.errors) throw new Error(`${name} refused: ${JSON.stringify(response.errors)}`);
  };
  const breakdown = async (asOf?: string, knownAt?: string): Promise<Breakdown> => {
    const response = await app.graphql(
      `query($id: ID!, $asOf: String, $knownAt: String) { workPlan(id: $id, asOf: $asOf, knownAt: $knownAt) {
        progress { items completedItems parts } categories { code items { code status completedOn } } } }`,
      { id: planId, asOf, knownAt },
    );
    expect(response.errors).toBeUndefined();
    return response.data!.workPlan as Breakdown;
  };
  const codes = (plan: Breakdown) => plan.categories.map((category) => `${category.code}:${category.items.map((item) => item.code).join(',')}`);
  const itemPage = async (asOf?: string) => {
    const response = await app.graphql(`query($id: ID!, $asOf: String) { workPlanItems(planId: $id, asOf: $asOf, first: 50) { totalCount edges { node { code } } } }`, { id: planId, asOf });
    expect(response.errors).toBeUndefined();
    return response.data!.workPlanItems as { totalCount: number; edges: { node: { code: string } }[] };
  };
  const workloadItems = async (code: Code, asOf?: string) => {
    const response = await app.graphql(`query($unitId: ID!, $asOf: String) { unitWorkload(unitId: $unitId, asOf: $asOf) { workPlanParts { itemCode } } }`, { unitId: units[code], asOf });
    expect(response.errors).toBeUndefined();
    return (response.data!.unitWorkload.workPlanParts as { itemCode: string }[]).map((part) => part.itemCode);
  };
  const item = async (code: string, asOf?: string) => {
    const response = await app.graphql(`query($id: ID!, $asOf: String) { workPlanItem(id: $id, asOf: $asOf) { status completedOn parts { unitId status verifiedOn } } }`, { id: itemIds[code], asOf });
    expect(response.errors).toBeUndefined();
    return response.data!.workPlanItem as { status: string; completedOn: string | null; parts: { unitId: string; status: string; verifiedOn: string | null }[] };
  };
  const scoreOf = async (code: Code, asOf: string) => {
    const response = await app.graphql(`query($asOf: String) { unitScorecard(asOf: $asOf) { unitId parts onTime } }`, { asOf });
    expect(response.errors).toBeUndefined();
    return (response.data!.unitScorecard as { unitId: string; parts: number; onTime: number }[]).find((row) => row.unitId === units[code]);
  };

  /** An instant after the June facts were recorded and before the revision (entered a day later by the test's clock). */
  const beforeRevision = '2026-11-30T12:00:00+08:00';

  beforeAll(async () => {
    app = await startTestApp({ sqlitePath: freshDatabasePath(), now: '2026-11-30T10:00:00+08:00' });
    for (const code of Object.keys(UNITS) as Code[]) {
      const response = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, {
        input: { idempotencyKey: `unit-${code}`, code, name: UNITS[code], kind: 'DEPARTMENT', registeredOn: '2016-01-04' },
      }, await app.as('ADMIN'));
      expect(response.errors).toBeUndefined();
      units[code] = response.data!.registerUnit.id;
    }
    await app.as('SUPERVISOR');
    await mutate('importWorkPlan', { fileName: 'plan-2016.csv', title: PLAN_TITLE, year: 2016, contentBase64: base64(VERSION_1), approvedOn: '2016-04-25', assignedOn: '2016-04-26' });
    planId = (await app.graphql(`{ workPlans { id title } }`)).data!.workPlans.find((one: { title: string }) => one.title === PLAN_TITLE).id;
    const outline = await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id code } } } }`, { id: planId });
    for (const category of outline.data!.workPlan.categories as { items: { id: string; code: string }[] }[]) for (const one of category.items) itemIds[one.code] = one.id;
    // Item 1: 甲局 verified on 06-20, 乙局 on 06-29 (both reported on time): 销号 on 06-29.
    for (const [code, reportedOn, inspectedOn] of [['JIA', '2016-06-15', '2016-06-20'], ['YI', '2016-06-22', '2016-06-29']] as const) {
      await mutate('reportWorkPlanItem', { itemId: itemIds['1'], unitId: units[code], summary: '已整改', evidence: [{ title: '公开页面', link: 'https://www.example.gov.cn/x' }], reportedOn }, await app.as('UNIT', units[code]));
      await mutate('logWorkPlanItemInspection', { itemId: itemIds['1'], unitId: units[code], outcome: 'PASSED', notes: '核实', inspectedOn, place: '现场' }, await app.as('INSPECTOR'));
    }
    await app.as('SUPERVISOR');
    app.clock.set('2026-12-01T10:00:00+08:00');
  });

  afterAll(async () => {
    await app.close();
  });

  it('before the revision, the plan of 07-31 holds four items, two categories', async () => {
    const july = await breakdown('2016-07-31');
    expect(codes(july)).toEqual(['一:1,2,3', '二:4']);
    expect(july.progress).toEqual({ items: 4, completedItems: 1, parts: 5 });
  });

  it('the September version keeps the verified part of 乙局 (P14): preview and result say so, nothing is removed', async () => {
    const response = await app.graphql(
      `mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { revision { withdrawn { code } unitsRemoved { code } unitsKept { code unitId } summary } } }`,
      { input: { idempotencyKey: key('revise'), fileName: 'plan-2016-v2.csv', title: PLAN_TITLE, year: 2016, contentBase64: base64(VERSION_2), revise: true, withdrawMissing: true, assignedOn: '2016-09-01' } },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.importWorkPlan.revision).toMatchObject({
      withdrawn: [{ code: '3' }, { code: '4' }],
      unitsRemoved: [],
      unitsKept: [{ code: '1', unitId: units.YI }],
      summary: expect.stringContaining('保留已核验单位 1 个（事项 1'),
    });
    for (const asOf of [undefined, '2016-06-29', '2016-08-31']) {
      const now = await item('1', asOf);
      expect(now).toMatchObject({ status: 'COMPLETED', completedOn: '2016-06-29' });
      expect(now.parts.find((part) => part.unitId === units.YI)).toMatchObject({ status: 'VERIFIED', verifiedOn: '2016-06-29' });
    }
    expect(await item('1', '2016-06-28')).toMatchObject({ status: 'OPEN', completedOn: null });
    expect(await scoreOf('YI', '2016-09-01')).toMatchObject({ parts: 1, onTime: 1 });
  });

  it('removing the verified unit by hand is refused, naming the day it was verified; nothing is written', async () => {
    const head = await app.logPosition();
    const refused = await app.graphql(`mutation($input: RemoveWorkPlanItemUnitInput!) { removeWorkPlanItemUnit(input: $input) { id } }`, {
      input: { idempotencyKey: key('remove'), itemId: itemIds['1'], unitId: units.YI, reason: '职责调整', unassignedOn: '2016-10-01' },
    });
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(refused.errors![0]!.extensions!.messageZh).toBe('青川市修订乙局在事项 1 中的任务已于 2016-06-29 通过督查确认完成：已核验的任务作为记录保留，调整方案时不能移除。如该任务实际并未完成，请先重新打开该事项。');
    expect(await app.logPosition()).toBe(head);
  });

  it('after it, the plan of 07-31 still holds the items and category it left out, in their places (P19)', async () => {
    const july = await breakdown('2016-07-31');
    expect(codes(july)).toEqual(['一:1,2,3', '二:4']);
    expect(july.progress).toEqual({ items: 4, completedItems: 1, parts: 5 });
    expect((await itemPage('2016-07-31')).edges.map((edge) => edge.node.code)).toEqual(['1', '2', '3', '4']);
    // As the units' workloads of that day have them.
    expect(await workloadItems('BING', '2016-07-31')).toEqual(expect.arrayContaining(['2', '3']));
    expect(await workloadItems('DING', '2016-07-31')).toEqual(['4']);
  });

  it('from the revision day on, and now, the plan holds what the new version holds; as known before it, the old outline', async () => {
    for (const plan of [await breakdown('2016-09-01'), await breakdown()]) {
      expect(codes(plan)).toEqual(['一:1,2']);
      expect(plan.progress).toEqual({ items: 2, completedItems: 1, parts: 3 });
    }
    expect((await itemPage()).totalCount).toBe(2);
    expect(await workloadItems('DING')).toEqual([]);
    expect(codes(await breakdown('2016-10-01', beforeRevision))).toEqual(['一:1,2,3', '二:4']);
  });
});
