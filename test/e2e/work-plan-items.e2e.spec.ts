import { TestApp, errorCode, startTestApp } from '../support/test-app.js';

/*
 * breaker11 F4: the breakdown came only whole (every item of every category with every part), 1.16 MB
 * for a 1,200-item plan. `workPlanItems` gives one plan's items a page at a time, in the plan's order,
 * narrowed by category, unit, light or part status, now and as of a past day — the same items, lights
 * and parts the whole breakdown gives.
 */
const ITEMS = `query($planId: ID!, $categoryCode: String, $unitId: ID, $light: TrafficLight, $partStatus: AssignmentStatus, $asOf: String, $first: Int, $after: String) {
  workPlanItems(planId: $planId, categoryCode: $categoryCode, unitId: $unitId, light: $light, partStatus: $partStatus, asOf: $asOf, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { id code trafficLight parts { unitId status trafficLight } } } }`;
const BREAKDOWN = `query($id: ID!, $unitId: ID, $asOf: String) { workPlan(id: $id, unitId: $unitId, asOf: $asOf) {
  categories { code items { id code trafficLight parts { unitId status trafficLight } } } } }`;

type Item = { id: string; code: string; trafficLight: string | null; parts: { unitId: string; status: string; trafficLight: string | null }[] };

describe('a work plan’s items a page at a time (workPlanItems)', () => {
  let app: TestApp;
  let planId: string;
  let fgw: string;

  beforeAll(async () => {
    app = await startTestApp({ demoData: true, now: '2026-06-20T09:00:00+08:00' });
    const listed = await app.graphql(`{ workPlans { id } units { id code } }`);
    planId = listed.data!.workPlans[0].id;
    fgw = listed.data!.units.find((unit: { code: string }) => unit.code === 'FGW').id;
  });
  afterAll(() => app.close());

  const whole = async (variables: Record<string, unknown> = {}) => {
    const answer = await app.graphql(BREAKDOWN, { id: planId, ...variables });
    expect(answer.errors).toBeUndefined();
    return answer.data!.workPlan.categories as { code: string; items: Item[] }[];
  };
  /** Every page of the list, `first` at a time; each page's totalCount checked against the last. */
  const allPages = async (variables: Record<string, unknown>, first = 7): Promise<{ items: Item[]; totalCount: number; pages: number }> => {
    const items: Item[] = [];
    let totalCount = -1;
    let pages = 0;
    for (let after: string | null = null; ; pages++) {
      const answer: { data?: any; errors?: unknown } = await app.graphql(ITEMS, { planId, first, after, ...variables });
      expect(answer.errors).toBeUndefined();
      const page: { nodes: Item[]; totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null } } = answer.data!.workPlanItems;
      expect(page.nodes.length).toBeLessThanOrEqual(first);
      totalCount = page.totalCount;
      items.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) return { items, totalCount, pages: pages + 1 };
      after = page.pageInfo.endCursor;
    }
  };

  it('pages through one category’s items in the plan’s order, as the whole breakdown lists them', async () => {
    const categories = await whole();
    for (const category of categories) {
      const paged = await allPages({ categoryCode: category.code });
      expect(paged.items).toEqual(category.items);
      expect(paged.totalCount).toBe(category.items.length);
      expect(paged.pages).toBe(Math.max(1, Math.ceil(category.items.length / 7)));
    }
    const everything = await allPages({}, 200);
    expect(everything.items).toEqual(categories.flatMap((category) => category.items));
  });

  it('narrows to one light, one unit’s items (its part only), or items with a reported part, counting what matches', async () => {
    const items = (await whole()).flatMap((category) => category.items);
    for (const light of ['RED', 'YELLOW', 'GREEN']) {
      const paged = await allPages({ light });
      expect(paged.items).toEqual(items.filter((item) => item.trafficLight === light));
      expect(paged.totalCount).toBe(paged.items.length);
    }
    expect((await allPages({ unitId: fgw })).items).toEqual((await whole({ unitId: fgw })).flatMap((category) => category.items));
    const reported = await allPages({ partStatus: 'REPORTED' });
    expect(reported.items).toEqual(items.filter((item) => item.parts.some((part) => part.status === 'REPORTED')));
  });

  it('as of a past day gives the items as they stood then, as the whole breakdown does', async () => {
    const asOf = '2026-05-10';
    const categories = await whole({ asOf });
    const first = categories[0]!;
    expect((await allPages({ categoryCode: first.code, asOf })).items).toEqual(first.items);
    expect((await allPages({ asOf, light: 'RED' })).items).toEqual(categories.flatMap((category) => category.items).filter((item) => item.trafficLight === 'RED'));
  });

  it('refuses, in Chinese, a category the plan does not have, an unknown plan, another list’s cursor and a page over 200', async () => {
    const noCategory = await app.graphql(ITEMS, { planId, categoryCode: '九' });
    expect(errorCode(noCategory)).toBe('BAD_USER_INPUT');
    expect(noCategory.errors![0]!.extensions).toMatchObject({ field: 'categoryCode', messageZh: expect.stringContaining('没有编号为“九”的大项') });
    expect(errorCode(await app.graphql(ITEMS, { planId: 'no-such-plan' }))).toBe('NOT_FOUND');
    const findings = await app.graphql(`{ findings(first: 1) { pageInfo { endCursor } } }`);
    const foreign = await app.graphql(ITEMS, { planId, after: findings.data!.findings.pageInfo.endCursor });
    expect(errorCode(foreign)).toBe('BAD_USER_INPUT');
    expect(foreign.errors![0]!.extensions!.messageZh).toMatch(/翻页位置/);
    expect(errorCode(await app.graphql(ITEMS, { planId, first: 201 }))).toBe('BAD_USER_INPUT');
  });
});
