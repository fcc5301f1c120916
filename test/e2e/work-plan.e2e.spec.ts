import { TestApp, errorCode, startTestApp } from '../support/test-app.js';

/**
 * The 2026 breakdown the demo seeds (3 categories, 35 items): roll-ups per item, category and
 * plan; the view of one unit; items living the same lifecycle as findings; the scorecard.
 */
const BREAKDOWN = `query($id: ID!, $unitId: ID, $asOf: String) {
  workPlan(id: $id, unitId: $unitId, asOf: $asOf) {
    title year asOf unitId
    progress { items completedItems percentComplete parts verifiedParts overdueParts trafficLight }
    categories { code title progress { items completedItems percentComplete }
      items { id code title dueDate status percentComplete trafficLight parts { unitId role status unit { name } } } }
  }
}`;

describe('The work-plan breakdown', () => {
  let app: TestApp;
  let planId: string;
  let units: Record<string, string>;
  let item2: { id: string; parts: { unitId: string; role: string }[] };

  const breakdown = async (variables: Record<string, unknown> = {}, headers?: Record<string, string>) => {
    const response = await app.graphql(BREAKDOWN, { id: planId, ...variables }, headers);
    expect(response.errors).toBeUndefined();
    return response.data!.workPlan;
  };
  const act = async (mutation: string, input: Record<string, unknown>, headers: Record<string, string>) => {
    const name = mutation[0]!.toUpperCase() + mutation.slice(1);
    const response = await app.graphql(`mutation($input: ${name}Input!) { ${mutation}(input: $input) { id status percentComplete parts { unitId status } } }`, { input: { idempotencyKey: `${mutation}-${Math.random()}`, ...input } }, headers);
    return response;
  };

  beforeAll(async () => {
    app = await startTestApp({ demoData: true, now: '2026-04-01T09:00:00+08:00' });
    const listed = await app.graphql(`{ workPlans { id title year progress { items } } units { id code } }`);
    expect(listed.errors).toBeUndefined();
    planId = listed.data!.workPlans[0].id;
    units = Object.fromEntries(listed.data!.units.map((unit: { id: string; code: string }) => [unit.code, unit.id]));
  });

  afterAll(async () => {
    await app.close();
  });

  it('shows the 3 categories and 35 items with their lead and responsible units', async () => {
    const plan = await breakdown();
    expect(plan).toMatchObject({ title: '青川市2026年政务公开工作要点任务分解方案', year: 2026, unitId: null });
    expect(plan.categories).toHaveLength(3);
    expect(plan.categories.flatMap((c: { items: unknown[] }) => c.items)).toHaveLength(35);
    expect(plan.progress).toMatchObject({ items: 35, completedItems: 0, percentComplete: 0, verifiedParts: 0 });
    // Some items fell due in March: on 1 April the plan already shows red.
    const overdueItems = plan.categories.flatMap((c: { items: { dueDate: string; trafficLight: string }[] }) => c.items).filter((item: { dueDate: string }) => item.dueDate < '2026-04-01');
    expect(overdueItems.length).toBeGreaterThan(0);
    expect(overdueItems.every((item: { trafficLight: string }) => item.trafficLight === 'RED')).toBe(true);
    expect(plan.progress).toMatchObject({ trafficLight: 'RED', overdueParts: expect.any(Number) });
    expect(plan.progress.overdueParts).toBeGreaterThan(0);
    item2 = plan.categories[0].items.find((item: { code: string }) => item.code === '2');
    expect(item2).toMatchObject({ title: '扩大重大决策公众参与', dueDate: '2026-12-31', status: 'OPEN', percentComplete: 0 });
    expect(item2.parts).toEqual([
      { unitId: units['GOV-OFFICE'], role: 'LEAD', status: 'ASSIGNED', unit: { name: '青川市人民政府办公室' } },
      { unitId: units.OPENNESS, role: 'RESPONSIBLE', status: 'ASSIGNED', unit: { name: '青川市政务公开办公室' } },
    ]);
  });

  it('answers what one unit owes across all items', async () => {
    const plan = await breakdown({ unitId: units.FGW });
    const items = plan.categories.flatMap((c: { items: { parts: { unitId: string }[] }[] }) => c.items);
    expect(plan.unitId).toBe(units.FGW);
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThan(35);
    expect(items.every((item: { parts: { unitId: string }[] }) => item.parts.length === 1 && item.parts[0]!.unitId === units.FGW)).toBe(true);
    expect(plan.progress.parts).toBe(items.length);
  });

  it('pushes an item to open views when one of its parts changes (the browser app redraws on it)', async () => {
    const supervisor = await app.as('SUPERVISOR');
    const pushed = await app.firstPush(`subscription { workPlanItemUpdated { id parts { unitId urges { message } } } }`, {}, await app.as('INSPECTOR'), () =>
      act('urgeWorkPlanItemUnit', { itemId: item2.id, unitId: units.OPENNESS, message: '请加快进度' }, supervisor),
    );
    expect(pushed.errors).toBeUndefined();
    expect(pushed.data!.workPlanItemUpdated.id).toBe(item2.id);
    expect(pushed.data!.workPlanItemUpdated.parts.find((part: { unitId: string }) => part.unitId === units.OPENNESS).urges).toContainEqual({ message: '请加快进度' });
  });

  it('moves the roll-ups as units report and inspectors verify, and completes the item', async () => {
    app.clock.set('2026-05-10T10:00:00+08:00');
    const office = await app.as('UNIT', units['GOV-OFFICE']);
    const openness = await app.as('UNIT', units.OPENNESS);
    const inspector = await app.as('INSPECTOR');
    const report = { itemId: item2.id, summary: '已建立公众参与常务会议制度', evidence: [{ title: '列席名单公开专栏', link: 'https://www.example.gov.cn/lx' }] };

    expect(errorCode(await act('reportWorkPlanItem', { ...report, unitId: units['GOV-OFFICE'] }, openness))).toBe('FORBIDDEN');
    const reported = await act('reportWorkPlanItem', { ...report, unitId: units['GOV-OFFICE'] }, office);
    expect(reported.data!.reportWorkPlanItem.parts).toEqual([
      { unitId: units['GOV-OFFICE'], status: 'REPORTED' },
      { unitId: units.OPENNESS, status: 'ASSIGNED' },
    ]);
    await act('reportWorkPlanItem', { ...report, unitId: units.OPENNESS }, openness);

    app.clock.set('2026-05-20T10:00:00+08:00');
    const inspect = (unitId: string) => act('logWorkPlanItemInspection', { itemId: item2.id, unitId, outcome: 'PASSED', notes: '已核实', inspectedOn: '2026-05-20', place: '市政府' }, inspector);
    const half = await inspect(units['GOV-OFFICE']);
    expect(half.data!.logWorkPlanItemInspection).toMatchObject({ status: 'OPEN', percentComplete: 50 });
    const done = await inspect(units.OPENNESS);
    expect(done.data!.logWorkPlanItemInspection).toMatchObject({ status: 'COMPLETED', percentComplete: 100 });

    const plan = await breakdown();
    expect(plan.progress).toMatchObject({ completedItems: 1, verifiedParts: 2, percentComplete: 2.9 });
    expect(plan.categories[0].progress.completedItems).toBe(1);

    const before = await breakdown({ asOf: '2026-05-15' });
    expect(before.progress).toMatchObject({ completedItems: 0, verifiedParts: 0 });
    expect(before.asOf).toBe('2026-05-15');
  });

  it('ranks units on a scorecard across findings and items', async () => {
    const response = await app.graphql(`{ unitScorecard { rank unitName parts onTime onTimeRate overdue returned } }`);
    expect(response.errors).toBeUndefined();
    const scores = response.data!.unitScorecard as { rank: number; unitName: string; onTime: number; onTimeRate: number | null; overdue: number }[];
    // Ranks run 1, 2, … with a shared rank for equal figures (1, 1, 3): each is its place in the list or the one above's.
    scores.forEach((score, index) => expect([index + 1, scores[index - 1]?.rank]).toContain(score.rank));
    // The item verified above, and the demo finding it closed on time (the demo's online request channel).
    expect(scores.find((score) => score.unitName === '青川市政务公开办公室')).toMatchObject({ onTime: 2 });
    const rates = scores.map((score) => score.onTimeRate ?? -1);
    expect(rates).toEqual([...rates].sort((a, b) => b - a));
    expect(errorCode(await app.graphql(`{ unitScorecard { rank } }`, {}, await app.as('UNIT', units.FGW)))).toBe('FORBIDDEN');
  });

  it('lets a circular commend a unit for a work-plan item', async () => {
    const issued = await app.graphql(`mutation($input: IssueCircularInput!) { issueCircular(input: $input) { kind references { kind id } } }`, {
      input: { idempotencyKey: 'commend-office', unitId: units['GOV-OFFICE'], kind: 'COMMENDATION', title: '关于表扬市政府办公室的通报', reason: '提前完成第2项任务', references: [{ kind: 'WORK_PLAN_ITEM', id: item2.id }], issuedOn: '2026-05-20' },
    });
    expect(issued.errors).toBeUndefined();
    expect(issued.data!.issueCircular.references).toEqual([{ kind: 'WORK_PLAN_ITEM', id: item2.id }]);
  });

  it("shows a unit every item's progress but not other units' evidence", async () => {
    const fgw = await app.as('UNIT', units.FGW);
    expect((await breakdown({}, fgw)).progress.items).toBe(35);
    const response = await app.graphql(`query($id: ID!) { workPlanItem(id: $id) { parts { unitId reports { summary } } } }`, { id: item2.id }, fgw);
    expect(errorCode(response)).toBe('FORBIDDEN');
  });

  it("counts each part's days left and lights it on the day viewed: today, or the view's asOf", async () => {
    app.clock.set('2026-06-01T10:00:00+08:00');
    const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
    const plan = await breakdown();
    const untouched = plan.categories.flatMap((c: { items: { id: string; code: string; dueDate: string }[] }) => c.items)
      .find((item: { code: string; dueDate: string; id: string }) => item.id !== item2.id && item.dueDate > '2026-06-10');
    const ITEM = `query($id: ID!, $asOf: String) { workPlanItem(id: $id, asOf: $asOf) { dueDate parts { status daysLeft trafficLight } } }`;
    const item = async (asOf?: string) => {
      const response = await app.graphql(ITEM, { id: untouched.id, asOf });
      expect(response.errors).toBeUndefined();
      return response.data!.workPlanItem;
    };
    const light = (left: number) => (left < 0 ? 'RED' : left <= 7 ? 'YELLOW' : 'GREEN');
    for (const [asOf, day] of [[undefined, '2026-06-01'], ['2026-04-10', '2026-04-10']] as const) {
      const viewed = await item(asOf);
      const left = days(day, viewed.dueDate);
      expect(viewed.parts.length).toBeGreaterThan(0);
      expect(viewed.parts).toEqual(viewed.parts.map(() => ({ status: 'ASSIGNED', daysLeft: left, trafficLight: light(left) })));
    }
    // An item that fell due in March, read in the breakdown on the day it was assigned and today.
    const overdue = plan.categories.flatMap((c: { items: { id: string; dueDate: string }[] }) => c.items).find((one: { dueDate: string }) => one.dueDate < '2026-04-01');
    expect(overdue).toBeDefined();
    for (const asOf of ['2026-04-01', '2026-06-01']) {
      const response = await app.graphql(`query($id: ID!, $asOf: String) { workPlan(id: $id, asOf: $asOf) { categories { items { id parts { status daysLeft trafficLight } } } } }`, { id: planId, asOf });
      expect(response.errors).toBeUndefined();
      const row = response.data!.workPlan.categories.flatMap((c: { items: { id: string }[] }) => c.items).find((one: { id: string }) => one.id === overdue.id);
      const left = days(asOf, overdue.dueDate);
      for (const part of row.parts.filter((one: { status: string }) => one.status === 'ASSIGNED')) expect(part).toEqual({ status: 'ASSIGNED', daysLeft: left, trafficLight: light(left) });
    }
  });
});
