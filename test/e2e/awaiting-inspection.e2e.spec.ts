import { importLargePlan, largePlanCsv } from '../support/large-plan.js';
import { TestApp, errorCode, startTestApp } from '../support/test-app.js';

/*
 * breaker12i P5: 待现场督查 asked every plan for its items with a reported part (a page each, halved
 * while the server priced it too costly) and every card for its report on its own: ~500 requests at
 * 85 plans, 39–90 s, holding other users 8–12.5 s. `awaitingInspection` lists the parts awaiting
 * inspection of findings and of every plan's items in one connection, with their reports: the page
 * is one request however many plans there are. Checked here against what the old per-plan queries
 * list, now, after a pass and a withdrawal, and on a past day.
 */
const PAGE = `query($asOf: String, $first: Int, $after: String) { awaitingInspection(asOf: $asOf, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  nodes { kind parentId title itemCode planTitle planYear otherPartsUnverified
    part { unitId unit { name } status dueDate daysLeft reportedDaysLate trafficLight }
    latestReport { summary reportedOn reportedAt reportedBy evidence { title link documentRef } } } } }`;

type Node = { kind: string; parentId: string; title: string; itemCode: string | null; planTitle: string | null; otherPartsUnverified: number; part: { unitId: string; status: string; dueDate: string }; latestReport: { summary: string } | null };

const TODAY = '2026-06-20';
const PLANS = 6;

describe('待现场督查 in one paged query (awaitingInspection)', () => {
  let app: TestApp;
  let units: Record<string, string>;
  const planIds: string[] = [];
  let reportedItems: string[] = [];

  beforeAll(async () => {
    app = await startTestApp({ demoData: true, now: `${TODAY}T09:00:00+08:00` });
    units = Object.fromEntries((await app.graphql(`{ units { id code } }`)).data!.units.map((unit: { id: string; code: string }) => [unit.code, unit.id]));
    for (let plan = 1; plan <= PLANS; plan++) planIds.push(await importLargePlan(app, `青川市政务公开重点任务第${plan}批`, largePlanCsv(6, TODAY, 'FGW', ['CZJ', 'JYJ', 'HBJ'])));
    const czj = await app.as('UNIT', units.CZJ);
    for (const planId of planIds) {
      const items = (await app.graphql(`query($planId: ID!) { workPlanItems(planId: $planId, first: 2) { nodes { id } } }`, { planId })).data!.workPlanItems.nodes as { id: string }[];
      for (const { id } of items) {
        const reported = await app.graphql(
          `mutation($input: ReportWorkPlanItemInput!) { reportWorkPlanItem(input: $input) { id } }`,
          { input: { itemId: id, unitId: units.CZJ, idempotencyKey: `report-${id}`, summary: `已整改：${id.slice(0, 6)}`, evidence: [{ title: '公开目录', link: 'https://www.example.gov.cn/xxgk' }] } },
          czj,
        );
        expect(reported.errors).toBeUndefined();
        reportedItems.push(id);
      }
    }
  });
  afterAll(() => app.close());

  /** Every node of the list, `first` at a time, and how many requests that took. */
  const everyPage = async (first: number, asOf?: string): Promise<{ nodes: Node[]; totalCount: number; requests: number }> => {
    const nodes: Node[] = [];
    let totalCount = -1;
    let requests = 0;
    for (let after: string | null = null; ; ) {
      const answer: { data?: any; errors?: unknown } = await app.graphql(PAGE, { first, after, asOf: asOf ?? null }, await app.as('INSPECTOR'));
      requests++;
      expect(answer.errors).toBeUndefined();
      const page = answer.data!.awaitingInspection;
      expect(page.nodes.length).toBeLessThanOrEqual(first);
      totalCount = page.totalCount;
      nodes.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) return { nodes, totalCount, requests };
      after = page.pageInfo.endCursor;
    }
  };

  /** What the page listed before, asked the old way: findings' reported parts, then each plan's items' reported parts. */
  const theOldWay = async (asOf?: string): Promise<string[]> => {
    const keys: string[] = [];
    const findings = await app.graphql(`query($asOf: String) { dashboard(asOf: $asOf) { openPartsPage(status: REPORTED, first: 200) { nodes { findingId unitId } pageInfo { hasNextPage } } } }`, { asOf: asOf ?? null });
    expect(findings.data!.dashboard.openPartsPage.pageInfo.hasNextPage).toBe(false);
    keys.push(...findings.data!.dashboard.openPartsPage.nodes.map((part: { findingId: string; unitId: string }) => `FINDING|${part.findingId}|${part.unitId}`));
    const plans = (await app.graphql(`{ workPlans { id } }`)).data!.workPlans as { id: string }[];
    for (const { id } of plans) {
      const items = await app.graphql(
        `query($planId: ID!, $asOf: String) { workPlanItems(planId: $planId, partStatus: REPORTED, asOf: $asOf, first: 200) { nodes { id parts(status: REPORTED) { unitId } } pageInfo { hasNextPage } } }`,
        { planId: id, asOf: asOf ?? null },
      );
      if (errorCode(items) === 'NOT_FOUND') continue; // a plan not yet entered on that day
      expect(items.errors).toBeUndefined();
      for (const item of items.data!.workPlanItems.nodes) for (const part of item.parts) keys.push(`WORK_PLAN_ITEM|${item.id}|${part.unitId}`);
    }
    return keys.sort();
  };

  const keysOf = (nodes: Node[]) => nodes.map((node) => `${node.kind}|${node.parentId}|${node.part.unitId}`).sort();
  const dueDays = (nodes: Node[]) => nodes.map((node) => node.part.dueDate);

  it('lists every part awaiting inspection, of findings and of every plan’s items, most overdue first, in one request', async () => {
    const whole = await everyPage(200);
    expect(whole.requests).toBe(1);
    expect(keysOf(whole.nodes)).toEqual(await theOldWay());
    expect(whole.totalCount).toBe(whole.nodes.length);
    expect(whole.nodes.filter((node) => node.kind === 'WORK_PLAN_ITEM').length).toBeGreaterThanOrEqual(PLANS * 2);
    expect(whole.nodes.some((node) => node.kind === 'FINDING')).toBe(true);
    expect(dueDays(whole.nodes)).toEqual([...dueDays(whole.nodes)].sort());
    for (const node of whole.nodes) {
      expect(node.part.status).toBe('REPORTED');
      expect(node.latestReport).not.toBeNull();
    }
    const item = whole.nodes.find((node) => node.parentId === reportedItems[0])!;
    expect(item).toMatchObject({ itemCode: expect.any(String), planTitle: expect.stringContaining('重点任务'), otherPartsUnverified: 3 });
    expect(item.latestReport!.summary).toBe(`已整改：${reportedItems[0]!.slice(0, 6)}`);
  });

  it('pages through the same list a few at a time, each page after the last', async () => {
    const whole = await everyPage(200);
    const paged = await everyPage(4);
    expect(paged.nodes).toEqual(whole.nodes);
    expect(paged.totalCount).toBe(whole.totalCount);
    expect(paged.requests).toBe(Math.ceil(whole.nodes.length / 4));
  });

  it('drops a part once it is verified and an item once it is withdrawn, at once', async () => {
    const before = await everyPage(200);
    const inspector = await app.as('INSPECTOR');
    const passed = await app.graphql(
      `mutation($input: LogWorkPlanItemInspectionInput!) { logWorkPlanItemInspection(input: $input) { id } }`,
      { input: { itemId: reportedItems[0], unitId: units.CZJ, outcome: 'PASSED', notes: '现场核验', place: '市财政局', idempotencyKey: 'pass-first' } },
      inspector,
    );
    expect(passed.errors).toBeUndefined();
    const withdrawn = await app.graphql(`mutation($input: WithdrawWorkPlanItemInput!) { withdrawWorkPlanItem(input: $input) { id } }`, {
      input: { itemId: reportedItems[1], reason: '事项调整，不再列入', idempotencyKey: 'withdraw-second' },
    });
    expect(withdrawn.errors).toBeUndefined();
    const after = await everyPage(200);
    expect(after.totalCount).toBe(before.totalCount - 2);
    expect(after.nodes.map((node) => node.parentId)).not.toContain(reportedItems[0]);
    expect(after.nodes.map((node) => node.parentId)).not.toContain(reportedItems[1]);
    expect(keysOf(after.nodes)).toEqual(await theOldWay());
  });

  it('on a past day lists what awaited inspection then, as the old queries do', async () => {
    const yesterday = '2026-06-19';
    const past = await everyPage(200, yesterday);
    expect(keysOf(past.nodes)).toEqual(await theOldWay(yesterday));
    // The plans' reports are dated today: none of their items awaited inspection yesterday.
    expect(past.nodes.filter((node) => reportedItems.includes(node.parentId))).toEqual([]);
    const paged = await everyPage(3, yesterday);
    expect(paged.nodes).toEqual(past.nodes);
  });

  it('is for supervisors and inspectors: a unit user is refused, and a forged cursor is refused in Chinese', async () => {
    const refused = await app.graphql(PAGE, { first: 5 }, await app.as('UNIT', units.CZJ));
    expect(errorCode(refused)).toBe('FORBIDDEN');
    const forged = await app.graphql(PAGE, { first: 5, after: Buffer.from('c1:awaitingInspection:nonsense').toString('base64url') }, await app.as('INSPECTOR'));
    expect(errorCode(forged)).toBe('BAD_USER_INPUT');
    expect(forged.errors![0]!.extensions!.messageZh).toMatch(/翻页位置/);
  });
});
