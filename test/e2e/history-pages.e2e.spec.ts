import { TestApp, errorCode, startTestApp } from '../support/test-app.js';

/**
 * breaker12 P3: a finding's or item's history came only as one list, every entry at once. historyPage
 * gives it a page at a time (first / after, totalCount), as the other long lists do, for every reader.
 */
const FINDING = `query($id: ID!, $first: Int, $after: String) { finding(id: $id) {
  history { revision eventType }
  historyPage(first: $first, after: $after) { totalCount nodes { revision eventType unitId } pageInfo { hasNextPage endCursor } }
} }`;
const ITEM = `query($id: ID!, $first: Int, $after: String) { workPlanItem(id: $id) {
  history { revision }
  historyPage(first: $first, after: $after) { totalCount nodes { revision } pageInfo { hasNextPage endCursor } }
} }`;

interface Page {
  totalCount: number;
  nodes: { revision: number; eventType?: string; unitId?: string | null }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

describe("a finding's or work-plan item's history a page at a time (historyPage)", () => {
  let app: TestApp;
  let findingId: string;
  let itemId: string;

  beforeAll(async () => {
    app = await startTestApp({ demoData: true });
    findingId = (await app.graphql(`{ findings(first: 1) { nodes { id } } }`)).data!.findings.nodes[0].id;
    const plan = (await app.graphql(`{ workPlans { id } }`)).data!.workPlans[0].id;
    itemId = (await app.graphql(`query($plan: ID!) { workPlanItems(planId: $plan, first: 1) { nodes { id } } }`, { plan })).data!.workPlanItems.nodes[0].id;
  });

  afterAll(async () => {
    await app.close();
  });

  /** Every page of `query` for `id`, `first` at a time, as a client follows endCursor. */
  const walk = async (query: string, field: 'finding' | 'workPlanItem', id: string, first: number, headers?: Record<string, string>) => {
    const pages: Page[] = [];
    let after: string | null = null;
    do {
      const answer = await app.graphql(query, { id, first, after }, headers);
      expect(answer.errors).toBeUndefined();
      const page: Page = answer.data![field].historyPage;
      pages.push(page);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    return pages;
  };

  it('pages a finding’s history in order, with its count, to the same entries as history', async () => {
    const whole = (await app.graphql(FINDING, { id: findingId, first: 0 })).data!.finding.history as { revision: number }[];
    expect(whole.length).toBeGreaterThan(3);
    const pages = await walk(FINDING, 'finding', findingId, 2);
    expect(pages.length).toBe(Math.ceil(whole.length / 2));
    expect(pages.every((page) => page.totalCount === whole.length && page.nodes.length <= 2)).toBe(true);
    expect(pages.flatMap((page) => page.nodes.map((node) => node.revision))).toEqual(whole.map((entry) => entry.revision));
  });

  it('pages a work-plan item’s history the same way', async () => {
    const whole = (await app.graphql(ITEM, { id: itemId, first: 0 })).data!.workPlanItem.history as { revision: number }[];
    const pages = await walk(ITEM, 'workPlanItem', itemId, 1);
    expect(pages.flatMap((page) => page.nodes.map((node) => node.revision))).toEqual(whole.map((entry) => entry.revision));
  });

  it('shows a unit user only what history shows it, counted so', async () => {
    const unitId = (await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { unitId } } }`, { id: findingId })).data!.finding.assignments[0].unitId as string;
    const unit = await app.as('UNIT', unitId);
    const whole = (await app.graphql(FINDING, { id: findingId, first: 0 }, unit)).data!.finding.history as { revision: number }[];
    const pages = await walk(FINDING, 'finding', findingId, 3, unit);
    expect(pages[0]!.totalCount).toBe(whole.length);
    expect(pages.flatMap((page) => page.nodes.map((node) => node.revision))).toEqual(whole.map((entry) => entry.revision));
  });

  it('refuses a cursor of another finding’s history, and a page over 200, in Chinese', async () => {
    const other = (await app.graphql(`{ findings(first: 2) { nodes { id } } }`)).data!.findings.nodes[1].id as string;
    const cursor = (await app.graphql(FINDING, { id: other, first: 1 })).data!.finding.historyPage.pageInfo.endCursor as string;
    const refused = await app.graphql(FINDING, { id: findingId, first: 1, after: cursor });
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0]!.extensions!.messageZh).toMatch(/^翻页位置/);
    expect(errorCode(await app.graphql(FINDING, { id: findingId, first: 201 }))).toBe('BAD_USER_INPUT');
  });
});
