import { GraphQLSchemaHost } from '@nestjs/graphql';
import { parse } from 'graphql';
import { ListSizes } from '../../src/shared/graphql/list-sizes.js';
import { LIVE_SIZES, PARTS_PER_COST_UNIT, ROOT_FIELD_COST as R, costRefusal, estimateCost, type SizeOf } from '../../src/shared/graphql/query-cost.js';
import { DEFAULT_MAX_COST } from '../../src/config/app-settings.js';
import { importLargePlan, largePlanCsv } from '../support/large-plan.js';
import { TestApp, startTestApp } from '../support/test-app.js';
import { jest } from '@jest/globals';
import { WorkPlanLedger } from '../../src/work-plan/breakdown/work-plan-ledger.js';
import { ProjectedStreams } from '../../src/event-sourcing/projected-streams.js';

/*
 * breaker12e P9: a 分解方案 whose items are every unit's task (各单位) — 40 items × 300 parts at 100k —
 * held the server 5 s for one category's page and 17 s for 待现场督查's 200 items: `WorkPlanItem.parts`
 * was priced as 5 parts whatever an item holds, and the web asked every item's parts with the page.
 * Now an item's parts are priced at the most an item holds (within `workPlanItem(id)`, at that item's
 * own), and the web's pages ask for counts, an item's parts when it is opened.
 */
describe('a plan whose items are every unit’s task (breaker12e P9)', () => {
  let app: TestApp;
  let planId: string;
  let unitCount: number;
  const PART = 'unitId unit { name } role status dueDate daysLeft reportedDaysLate trafficLight';

  beforeAll(async () => {
    app = await startTestApp({ demoData: true });
    const codes = ((await app.graphql(`{ units { code } }`)).data!.units as { code: string }[]).map((unit) => unit.code).filter((code) => code !== 'FGW');
    unitCount = codes.length + 1;
    const today = (await app.graphql(`{ dashboard { asOf } }`)).data!.dashboard.asOf as string;
    planId = await importLargePlan(app, '青川市各单位政务公开重点任务（40项）', largePlanCsv(40, today, 'FGW', codes));
  }, 300_000);

  afterAll(async () => {
    await app?.close();
  });

  const priced = (query: string, variables: Record<string, unknown> = {}) => {
    const sizes = app.app.get(ListSizes);
    return estimateCost(app.app.get(GraphQLSchemaHost).schema, parse(query), variables, undefined, (name, past, parentId) => sizes.of(name, past, parentId))!;
  };

  it('prices each item’s parts at the most an item holds, and refuses the page of 200 items with their parts that held the server 17 s', async () => {
    expect(app.app.get(ListSizes).of(LIVE_SIZES.itemParts, false)).toBe(unitCount);
    const oneItem = priced(`{ workPlanItems(planId: "${planId}", first: 1) { nodes { parts { unitId } } } }`);
    expect(oneItem).toBeGreaterThanOrEqual(unitCount);
    const breaker = await app.graphql(
      `query($planId: ID!, $first: Int) { workPlanItems(planId: $planId, first: $first) { nodes { id code title dueDate status trafficLight percentComplete parts { ${PART} } } totalCount } }`,
      { planId, first: 200 },
      await app.as('SUPERVISOR'),
    );
    expect(breaker.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'QUERY_TOO_COSTLY' });
  });

  it('prices the plan list and a plan by what they select: ids and titles build no breakdown, progress every plan’s, an unknown plan none (breaker12h P4)', async () => {
    const sizes = app.app.get(ListSizes);
    const allParts = sizes.of(LIVE_SIZES.planParts, false)!;
    expect(allParts).toBeGreaterThanOrEqual(40 * unitCount);
    // What 工作方案, 导入, 工作量 and 待督查 ask on opening.
    const web = '{ workPlans { id title year } }';
    expect(priced(web)).toBe(R + 1 + 5 * 3);
    expect(priced('{ workPlans { id progress { parts } } }')).toBe(R + Math.ceil(allParts / PARTS_PER_COST_UNIT) + 1 + 5 * (1 + 2));
    expect(priced(`{ workPlan(id: "${planId}") { title year approvedOn } }`)).toBe(R + 1 + 3);
    expect(priced(`{ workPlan(id: "${planId}") { ...Rows } } fragment Rows on WorkPlan { categories { code } }`)).toBe(
      R + Math.ceil(sizes.of(LIVE_SIZES.planParts, false, planId)! / PARTS_PER_COST_UNIT) + 1 + (1 + sizes.of(LIVE_SIZES.planCategories, false)! * 1),
    );
    expect(priced('{ workPlan(id: "no-such-plan") { progress { parts } } }')).toBe(R + 1 + 2);
    // Once the plans hold 200,000 parts between them (breaker12h's store: 223,000), the list is still answered; every plan's progress at once is not.
    const grown: SizeOf = (name, past, parentId) => (name === LIVE_SIZES.planParts && parentId === undefined ? 223_000 : sizes.of(name, past, parentId));
    const schema = app.app.get(GraphQLSchemaHost).schema;
    expect(costRefusal({ maxCost: DEFAULT_MAX_COST, sizeOf: grown }, schema, parse(web), {})).toBeUndefined();
    expect(costRefusal({ maxCost: DEFAULT_MAX_COST, sizeOf: grown }, schema, parse('{ workPlans { progress { parts } } }'), {})?.extensions).toMatchObject({ reason: 'QUERY_TOO_COSTLY' });
    const listed = await app.graphql(web, {}, await app.as('SUPERVISOR'));
    expect(listed.errors).toBeUndefined();
    expect((listed.data!.workPlans as { id: string }[]).map((plan) => plan.id)).toContain(planId);
  });

  it('answers the web’s page of 200 items with their counts, each matching the item’s own parts', async () => {
    const supervisor = await app.as('SUPERVISOR');
    const page = await app.graphql(
      `query($planId: ID!) { workPlanItems(planId: $planId, first: 200) { nodes { id code partCount overduePartCount unverifiedPartCount } totalCount } }`,
      { planId },
      supervisor,
    );
    expect(page.errors).toBeUndefined();
    const items = page.data!.workPlanItems.nodes as { id: string; partCount: number; overduePartCount: number; unverifiedPartCount: number }[];
    expect(items).toHaveLength(40);
    expect(new Set(items.map((item) => item.partCount))).toEqual(new Set([unitCount]));
    for (const item of items.slice(0, 3)) {
      const { data, errors } = await app.graphql(`query($id: ID!) { workPlanItem(id: $id) { parts { ${PART} } } }`, { id: item.id }, supervisor);
      expect(errors).toBeUndefined();
      const parts = data!.workPlanItem.parts as { status: string; daysLeft: number }[];
      expect(parts).toHaveLength(item.partCount);
      expect(item.overduePartCount).toBe(parts.filter((part) => ['ASSIGNED', 'RETURNED'].includes(part.status) && part.daysLeft < 0).length);
      expect(item.unverifiedPartCount).toBe(parts.filter((part) => part.status !== 'VERIFIED').length);
    }
    expect(items.some((item) => item.overduePartCount > 0)).toBe(true);
  });

  it('prices one item’s parts at that item’s own, one unit’s part as one, a page of parts by its limit, and filters parts by status', async () => {
    const demoPlan = ((await app.graphql(`{ workPlans { id title } }`)).data!.workPlans as { id: string }[]).find((plan) => plan.id !== planId)!.id;
    const small = (await app.graphql(`query($planId: ID!) { workPlanItems(planId: $planId, first: 1) { nodes { id partCount } } }`, { planId: demoPlan })).data!.workPlanItems.nodes[0] as { id: string; partCount: number };
    expect(small.partCount).toBeLessThan(unitCount);
    const itemQuery = `query($id: ID!) { workPlanItem(id: $id) { parts { unitId role } } }`;
    expect(priced(itemQuery, { id: small.id })).toBe(R + 1 + 1 + small.partCount * 2);
    expect(priced(`{ workPlanItem(id: "${small.id}") { parts(unitId: "x") { unitId role } } }`)).toBe(R + 1 + 1 + 2);
    const wide = (await app.graphql(`query($planId: ID!) { workPlanItems(planId: $planId, first: 1) { nodes { id } } }`, { planId })).data!.workPlanItems.nodes[0].id as string;
    expect(priced(itemQuery, { id: wide })).toBe(R + 1 + 1 + unitCount * 2);
    // A page of an item's parts (the item page reads 40 at a time): priced by its limit, the item's order kept.
    expect(priced(`{ workPlanItem(id: "${wide}") { parts(offset: 5, limit: 5) { unitId role } } }`)).toBe(R + 1 + 1 + 5 * 2);
    const all = (await app.graphql(itemQuery, { id: wide })).data!.workPlanItem.parts as { unitId: string }[];
    const page = await app.graphql(`query($id: ID!) { workPlanItem(id: $id) { partCount parts(offset: 5, limit: 5) { unitId } } }`, { id: wide });
    expect(page.data!.workPlanItem).toEqual({ partCount: unitCount, parts: all.slice(5, 10).map(({ unitId }) => ({ unitId })) });
    const byStatus = await app.graphql(`query($id: ID!) { workPlanItem(id: $id) { assigned: parts(status: ASSIGNED) { status } reported: parts(status: REPORTED) { status } } }`, { id: wide });
    expect(byStatus.errors).toBeUndefined();
    expect(byStatus.data!.workPlanItem.assigned).toHaveLength(unitCount);
    expect(byStatus.data!.workPlanItem.reported).toEqual([]);
  });

  it('reads an item’s stream once per query however many aliases ask its history (breaker12f P5: 39 aliases of historyPage(first: 1) read a 1,459-event stream 39 times)', async () => {
    const item = (await app.graphql(`query($planId: ID!) { workPlanItems(planId: $planId, first: 1) { nodes { id } } }`, { planId })).data!.workPlanItems.nodes[0].id as string;
    const reads = jest.spyOn(app.app.get(WorkPlanLedger), 'timeline');
    try {
      const aliases = Array.from({ length: 12 }, (_, i) => `h${i}: workPlanItem(id: "${item}") { historyPage(first: 1) { totalCount } all: history { eventType } }`).join(' ');
      const answer = await app.graphql(`{ ${aliases} other: workPlanItem(id: "${item}", asOf: null) { historyPage(first: 2) { totalCount nodes { eventType } } } }`);
      expect(answer.errors).toBeUndefined();
      const total = answer.data!.h0.historyPage.totalCount as number;
      expect(total).toBeGreaterThan(unitCount);
      expect(answer.data!.h11.all).toHaveLength(total);
      expect(answer.data!.other.historyPage.nodes).toHaveLength(2);
      expect(reads).toHaveBeenCalledTimes(1);
      // The next query reads it again: nothing is kept past the operation.
      await app.graphql(`{ workPlanItem(id: "${item}") { history { eventType } } }`);
      expect(reads).toHaveBeenCalledTimes(2);
    } finally {
      reads.mockRestore();
    }
  });

  it('answers each urging of one mutation operation with the history after its own fact (breaker12g P10: the second alias showed the history read for the first)', async () => {
    const item = (await app.graphql(`query($planId: ID!) { workPlanItems(planId: $planId, first: 1) { nodes { id parts { unitId } } } }`, { planId })).data!.workPlanItems.nodes[0] as {
      id: string;
      parts: { unitId: string }[];
    };
    const today = (await app.graphql(`{ dashboard { asOf } }`)).data!.dashboard.asOf as string;
    const urge = (alias: string, unitId: string) =>
      `${alias}: urgeWorkPlanItemUnit(input: { idempotencyKey: "${crypto.randomUUID()}", itemId: "${item.id}", unitId: "${unitId}", message: "请于本周内报送整改情况", urgedOn: "${today}" }) { historyPage(first: 1) { totalCount } history { eventType } }`;
    const answer = await app.graphql(`mutation { ${urge('a', item.parts[1]!.unitId)} ${urge('b', item.parts[2]!.unitId)} }`, {}, await app.as('SUPERVISOR'));
    expect(answer.errors).toBeUndefined();
    const [a, b] = [answer.data!.a, answer.data!.b] as { historyPage: { totalCount: number }; history: unknown[] }[];
    expect(b!.historyPage.totalCount).toBe(a!.historyPage.totalCount + 1);
    expect(b!.history).toHaveLength(a!.history.length + 1);
    const after = await app.graphql(`{ workPlanItem(id: "${item.id}") { historyPage(first: 1) { totalCount } } }`);
    expect(after.data!.workPlanItem.historyPage.totalCount).toBe(b!.historyPage.totalCount);
  });

  it('reads only a page of an item’s or a finding’s history from its stream, the same lines as the whole history gives (breaker12g P6: every page read the whole stream)', async () => {
    const item = (await app.graphql(`query($planId: ID!) { workPlanItems(planId: $planId, first: 1) { nodes { id parts { unitId } } } }`, { planId })).data!.workPlanItems.nodes[0] as {
      id: string;
      parts: { unitId: string }[];
    };
    const listed = (await app.graphql(`{ findings(first: 20) { nodes { id assignments { unitId status } } } }`)).data!.findings.nodes as { id: string; assignments: { unitId: string; status: string }[] }[];
    const found = listed.find((candidate) => candidate.assignments.some((part) => part.status === 'ASSIGNED'))!;
    const finding = found.id;
    for (const message of ['请尽快整改', '请于本周内报送', '再次催办']) {
      const urged = await app.graphql(
        `mutation($input: UrgeUnitInput!) { urgeUnit(input: $input) { id } }`,
        { input: { idempotencyKey: crypto.randomUUID(), findingId: finding, unitId: found.assignments.find((part) => part.status === 'ASSIGNED')!.unitId, message } },
        await app.as('SUPERVISOR'),
      );
      expect(urged.errors).toBeUndefined();
    }
    const today = (await app.graphql(`{ dashboard { asOf } }`)).data!.dashboard.asOf as string;
    for (const message of ['请尽快整改', '请于本周内报送', '再次催办']) {
      const urged = await app.graphql(
        `mutation($input: UrgeWorkPlanItemUnitInput!) { urgeWorkPlanItemUnit(input: $input) { id } }`,
        { input: { idempotencyKey: crypto.randomUUID(), itemId: item.id, unitId: item.parts[3]!.unitId, message, urgedOn: today } },
        await app.as('SUPERVISOR'),
      );
      expect(urged.errors).toBeUndefined();
    }
    const streams = app.app.get(ProjectedStreams);
    const read = jest.spyOn(streams, 'read');
    const rowsRead = async () => (await Promise.all(read.mock.results.map((result) => result.value as Promise<unknown[]>))).reduce((sum, rows) => sum + rows.length, 0);
    const LINE = 'revision eventType occurredOn recordedAt unitId details';
    try {
      // A supervisor's page reads its lines and one more (`first` + 1 rows); a unit user's reads on a slice at a time until full.
      for (const [root, id, reader, rowsOfNextPage] of [
        ['workPlanItem', item.id, await app.as('SUPERVISOR'), 4],
        ['workPlanItem', item.id, await app.as('UNIT', item.parts[3]!.unitId), null],
        ['finding', finding, await app.as('SUPERVISOR'), 4],
      ] as const) {
        const whole = (await app.graphql(`query($id: ID!) { ${root}(id: $id) { history { ${LINE} } } }`, { id }, reader)).data![root].history as { revision: number }[];
        expect(whole.length).toBeGreaterThan(2);
        const first = await app.graphql(`query($id: ID!) { ${root}(id: $id) { historyPage(first: 2) { totalCount nodes { ${LINE} } pageInfo { hasNextPage endCursor } } } }`, { id }, reader);
        expect(first.errors).toBeUndefined();
        expect(first.data![root].historyPage).toMatchObject({ totalCount: whole.length, nodes: whole.slice(0, 2), pageInfo: { hasNextPage: true } });
        read.mockClear();
        const last = await app.graphql(
          `query($id: ID!, $after: String) { ${root}(id: $id) { historyPage(first: 3, after: $after) { nodes { ${LINE} } pageInfo { hasNextPage hasPreviousPage } } } }`,
          { id, after: first.data![root].historyPage.pageInfo.endCursor },
          reader,
        );
        expect(last.data![root].historyPage).toEqual({ nodes: whole.slice(2, 5), pageInfo: { hasNextPage: whole.length > 5, hasPreviousPage: true } });
        if (rowsOfNextPage !== null) expect(await rowsRead()).toBe(rowsOfNextPage);
      }
    } finally {
      read.mockRestore();
    }
  });
  /*
   * breaker56-10 S1: `workPlan(id) { categories { items { … parts { … } } } }` on a 4,999-item plan in 50 大项 was priced as 5 大项
   * of 20 items, let through for a UNIT clerk, and held /health 3 s (six at once: 9.5 s). Now a breakdown's rows are priced by that
   * plan's 大项 and its largest 大项's items: never below the fields the answer holds.
   */
  it('prices a plan’s breakdown by its own 大项 and its largest 大项’s items, never below the fields it answers, and refuses the 4,999-item breakdown with its parts (breaker56-10 S1)', async () => {
    const sizes = app.app.get(ListSizes);
    const today = (await app.graphql(`{ dashboard { asOf } }`)).data!.dashboard.asOf as string;
    // 150 items in 3 大项 of 50: more rows than the old price's 5 × 20.
    const longPlan = await importLargePlan(app, '青川市政务公开专项任务（150项）', largePlanCsv(150, today, 'FGW', ['CZJ']));
    expect(sizes.of(LIVE_SIZES.planCategories, false, longPlan)).toBe(3);
    expect(sizes.of(LIVE_SIZES.categoryItems, false, longPlan)).toBe(50);
    const supervisor = await app.as('SUPERVISOR');
    /** The fields an answer holds: one for each key of each object, a list's items each counted. */
    const fields = (value: unknown): number =>
      Array.isArray(value) ? value.reduce((sum: number, item) => sum + fields(item), 0) : value !== null && typeof value === 'object' ? Object.values(value).reduce((sum: number, field) => sum + 1 + fields(field), 0) : 0;
    const titles = `query($id: ID!) { workPlan(id: $id) { categories { title items { code title dueText } } } }`;
    const breakers = `query($id: ID!) { workPlan(id: $id) { categories { title items { code title dueText parts { unit { name } status } } } } }`;
    for (const query of [titles, breakers]) {
      const answer = await app.graphql(query, { id: longPlan }, supervisor);
      expect(answer.errors).toBeUndefined();
      expect(fields(answer.data)).toBeGreaterThan(150 * 3);
      expect(priced(query, { id: longPlan })).toBeGreaterThanOrEqual(fields(answer.data));
    }
    // The breaker's plan: 50 大项 of 100 items, each with its lead's and two responsible units' parts.
    const breakersPlan: SizeOf = (name, past, parentId) =>
      ({ [LIVE_SIZES.planCategories]: 50, [LIVE_SIZES.categoryItems]: 100, [LIVE_SIZES.itemParts]: 3, [LIVE_SIZES.planParts]: 14_997 } as Record<string, number>)[name] ?? sizes.of(name, past, parentId);
    const schema = app.app.get(GraphQLSchemaHost).schema;
    const refused = costRefusal({ maxCost: DEFAULT_MAX_COST, sizeOf: breakersPlan }, schema, parse(breakers), { id: longPlan });
    expect(refused?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'QUERY_TOO_COSTLY', messageZh: expect.stringContaining('少选嵌套列表') });
    // What 通报 asks of a plan (its items' codes and titles, Circulars.vue) still fits, as do the web's pages of items.
    const circulars = `query($id: ID!, $unitId: ID) { workPlan(id: $id, unitId: $unitId) { categories { items { id code title } } } }`;
    expect(costRefusal({ maxCost: DEFAULT_MAX_COST, sizeOf: breakersPlan }, schema, parse(circulars), { id: longPlan })).toBeUndefined();
    const page = `query($planId: ID!) { workPlanItems(planId: $planId, first: 200) { nodes { id code title partCount } totalCount } }`;
    expect(costRefusal({ maxCost: DEFAULT_MAX_COST, sizeOf: breakersPlan }, schema, parse(page), { planId: longPlan })).toBeUndefined();
  });
});

