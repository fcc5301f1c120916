import { errorCode, freshDatabasePath, startTestApp, type TestApp } from '../support/test-app.js';

/*
 * breaker49-10 S9, M6, S7 through HTTP GraphQL on a real SQLite file: 李娜 re-dates item 2 by hand on 11-02 (12-31 → 12-25); 张伟
 * then enters the adjusting document of 10-26, the plan as it stood that day with item 1 moved. It re-dated item 2 back (the item
 * due 12-31, its parts 12-25) and called the file a copy undoing a revision; now item 1 alone moves, item and parts agree.
 */
let keys = 0;
const key = (name: string) => `${name}-${(keys += 1)}`;
const PLAN_TITLE = '青川市2026年迟录版本测试要点';
const header = '编号,事项,牵头单位,责任单位,完成时限\n';
const rows = (one: string, two: string) => header + `1,推进决策公开,青川市测试甲局,,${one}\n2,棚户区改造信息公开,青川市测试乙局,青川市测试甲局,${two}\n`;
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const IMPORT = `mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId revision { summary revisionsUndone { on } } } }`;

describe('a version entered late, after a hand re-dating of a later day (breaker49-10 S9, M6)', () => {
  let app: TestApp;
  let planId: string;
  const importPlan = (csv: string, extra: Record<string, unknown>) =>
    app.graphql(IMPORT, { input: { idempotencyKey: key('import'), fileName: 'plan.csv', title: PLAN_TITLE, year: 2026, contentBase64: base64(csv), ...extra } });
  const itemOf = async (code: string) => {
    const plan = await app.graphql('query($id: ID!) { workPlan(id: $id) { categories { items { id code } } } }', { id: planId });
    const id = (plan.data!.workPlan.categories as { items: { id: string; code: string }[] }[]).flatMap((category) => category.items).find((item) => item.code === code)!.id;
    const item = await app.graphql('query($id: ID!) { workPlanItem(id: $id) { id dueDate parts { dueDate } } }', { id });
    expect(item.errors).toBeUndefined();
    return item.data!.workPlanItem as { id: string; dueDate: string; parts: { dueDate: string }[] };
  };

  beforeAll(async () => {
    app = await startTestApp({ sqlitePath: freshDatabasePath(), now: '2026-11-05T10:00:00+08:00' });
    for (const [code, name] of [['JIA', '青川市测试甲局'], ['YI', '青川市测试乙局']] as const) {
      const response = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, {
        input: { idempotencyKey: `unit-${code}`, code, name, kind: 'DEPARTMENT', registeredOn: '2026-01-05' },
      }, await app.as('ADMIN'));
      expect(response.errors).toBeUndefined();
    }
    await app.as('SUPERVISOR');
    const imported = await importPlan(rows('2026-11-30', '2026-12-31'), { approvedOn: '2026-02-20' });
    expect(imported.errors).toBeUndefined();
    planId = imported.data!.importWorkPlan.planId;
    const moved = await app.graphql('mutation($input: RescheduleWorkPlanItemInput!) { rescheduleWorkPlanItem(input: $input) { dueDate } }', {
      input: { idempotencyKey: key('hand'), itemId: (await itemOf('2')).id, dueDate: '2026-12-25', reason: '棚改进度调整', rescheduledOn: '2026-11-02' },
    });
    expect(moved.errors).toBeUndefined();
  });
  afterAll(() => app?.close());

  it('the version of 10-26 giving item 2 as it stood then re-dates item 1 alone, undoes nothing, and item 2 and its parts stay on 12-25', async () => {
    const applied = await importPlan(rows('2026-12-05', '2026-12-31'), { revise: true, assignedOn: '2026-10-26', revisionReason: '青政办〔2026〕26号' });
    expect(applied.errors).toBeUndefined();
    expect(applied.data!.importWorkPlan.revision).toEqual({ summary: '调整时限 1 项（1：2026-11-30 → 2026-12-05）', revisionsUndone: [] });
    for (const [code, dueDate] of [['1', '2026-12-05'], ['2', '2026-12-25']] as const) {
      const item = await itemOf(code);
      expect({ code, dueDate: item.dueDate, parts: item.parts.map((part) => part.dueDate) }).toEqual({ code, dueDate, parts: item.parts.map(() => dueDate) });
    }
  });

  it('a re-dating by hand dated before the item\'s latest one is refused naming its day; nothing changes', async () => {
    const refused = await app.graphql('mutation($input: RescheduleWorkPlanItemInput!) { rescheduleWorkPlanItem(input: $input) { dueDate } }', {
      input: { idempotencyKey: key('hand-early'), itemId: (await itemOf('2')).id, dueDate: '2026-12-28', reason: '补录', rescheduledOn: '2026-10-28' },
    });
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0]!.extensions!.messageZh ?? refused.errors![0]!.message).toEqual(expect.stringContaining('2026-11-02'));
    expect((await itemOf('2')).dueDate).toBe('2026-12-25');
  });
});
