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

  /*
   * h57b: the 重新打开 the server writes for a part-only reopening found closed returns no part when nothing else was left to
   * reopen (a unit taken off before the reopening's day, typed after it): it is listed as no line (the item's own 重新打开 says it),
   * but totalCount counted it — a client paging to the count waited for a line that never came.
   */
  it('counts only the lines a client pages through: the empty 各单位重新整改 the server wrote is not one', async () => {
    const supervisor = await app.as('SUPERVISOR');
    const units = (await app.graphql(`{ units { id code name } }`)).data!.units as { id: string; code: string; name: string }[];
    const [lead, other] = ['FGW', 'CZJ'].map((code) => units.find((unit) => unit.code === code)!);
    const csv = `类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n一,推进五公开,1,公开重大建设项目批复,,${lead!.name},${other!.name},2026-12-31\n`;
    const act = async (name: string, input: Record<string, unknown>) => {
      const answer = await app.graphql(`mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { __typename } }`, { input: { idempotencyKey: `h57b-${name}-${JSON.stringify(input).length}`, ...input } }, supervisor);
      expect(answer.errors).toBeUndefined();
      return answer.data![name];
    };
    const imported = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId } }`, {
      input: { idempotencyKey: 'h57b-plan', fileName: 'plan.csv', title: '青川市政务公开工作要点（历史条数）', year: 2026, contentBase64: Buffer.from(csv).toString('base64'), approvedOn: '2026-03-01', assignedOn: '2026-03-02' },
    }, supervisor);
    expect(imported.errors).toBeUndefined();
    const planId = imported.data!.importWorkPlan.planId as string;
    const item = (await app.graphql(`query($planId: ID!) { workPlanItems(planId: $planId, first: 1) { nodes { id } } }`, { planId }, supervisor)).data!.workPlanItems.nodes[0].id as string;
    await act('reportWorkPlanItem', { itemId: item, unitId: lead!.id, reportedOn: '2026-03-10', summary: '已公开', evidence: [{ title: '公开页面', link: 'https://example.gov.cn/a' }] });
    await act('logWorkPlanItemInspection', { itemId: item, unitId: lead!.id, inspectedOn: '2026-03-12', outcome: 'PASSED', place: '市发改委' });
    // The item open (财政局 not done): the reopening returns 发改委's verified part alone.
    await act('reopenWorkPlanItem', { itemId: item, reopenedOn: '2026-03-20', reason: '复查发现公开内容不全', newDueDate: '2026-06-30' });
    // 财政局 taken off before it, typed after it: by date the item was complete on 03-15 — the server writes its 完成, its 重新打开,
    // and the parts' 重新打开 with no part left to return (listed as no line).
    await act('removeWorkPlanItemUnit', { itemId: item, unitId: other!.id, unassignedOn: '2026-03-15', reason: '方案调整' });
    const whole = (await app.graphql(ITEM, { id: item, first: 0 }, supervisor)).data!.workPlanItem.history as { revision: number }[];
    const pages = await walk(ITEM, 'workPlanItem', item, 2, supervisor);
    const paged = pages.flatMap((page) => page.nodes.map((node) => node.revision));
    expect(paged).toEqual(whole.map((entry) => entry.revision));
    // The story as written: the item's own 完成 and 重新打开 listed; the parts' 重新打开 with no part is no line of its own.
    const types = (await app.graphql(`query($id: ID!) { workPlanItem(id: $id) { history { eventType details } } }`, { id: item }, supervisor)).data!.workPlanItem.history as { eventType: string; details: string }[];
    expect(types.filter((line) => line.eventType === 'WorkPlanItemCompleted' || line.eventType === 'WorkPlanItemReopened').length).toBe(2);
    expect(types.filter((line) => line.eventType === 'PartsReopened').map((line) => JSON.parse(line.details).unitIds)).toEqual([[lead!.id]]);
    expect(pages.map((page) => page.totalCount)).toEqual(pages.map(() => paged.length));
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
