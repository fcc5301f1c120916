import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Issue 9 (nothing lost: concurrency is optimistic, a conflict is reported, never lost), newcomer50-9 S4 and M2, through HTTP
 * GraphQL on a real SQLite file with the demo's plan. Two supervisors — 张伟 (the demo's) and a colleague — re-date one
 * work-plan item from forms that both showed its date: whichever is second, at the same instant or seconds later, is refused
 * CONFLICT naming who set which date when, and the first date stays; the applied request sent again with its key gets the
 * applied answer. Two supervisors sending back one report: the second is told it was sent back, by whom.
 */
const ZHANG = { authorization: 'Bearer rct_demo_supervisor_qingchuan' };
const RESCHEDULE = `mutation($i: RescheduleWorkPlanItemInput!) { rescheduleWorkPlanItem(input: $i) { id dueDate } }`;
const SEND_BACK = `mutation($i: SendBackWorkPlanItemReportInput!) { sendBackWorkPlanItemReport(input: $i) { id } }`;

type Answer = { data?: Record<string, { dueDate?: string } | null> | null; errors?: { extensions?: { code?: string; messageZh?: string; field?: string } }[] };
const plusDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('a second supervisor setting a value the first just set is told, never silently replaces it (newcomer50-9 S4, M2)', () => {
  let app: TestApp;
  let items: { id: string; code: string; dueDate: string; status: string; parts: { unitId: string; status: string }[] }[];

  beforeAll(async () => {
    app = await startTestApp({ demoData: true, now: '2026-04-01T09:00:00+08:00' });
    const plans = await app.graphql<{ workPlans: { id: string }[] }>('{ workPlans { id } }');
    const planId = plans.data!.workPlans[0]!.id;
    const listed = await app.graphql(`query($planId: ID!) { workPlanItems(planId: $planId, first: 50) { nodes { id code dueDate status parts { unitId status } } } }`, { planId });
    expect(listed.errors).toBeUndefined();
    items = (listed.data!.workPlanItems.nodes as typeof items).filter((item) => item.status === 'OPEN' && item.dueDate > '2026-04-15' && item.parts.every((part) => part.status === 'ASSIGNED'));
    expect(items.length).toBeGreaterThanOrEqual(3);
  });
  afterAll(() => app.close());

  const dueDateOf = async (itemId: string) => ((await app.graphql(`query($id: ID!) { workPlanItem(id: $id) { dueDate } }`, { id: itemId })).data!.workPlanItem as { dueDate: string }).dueDate;

  it('a change sent from a form still showing the old date, seconds after 张伟 re-dated the item: CONFLICT naming 张伟, the new date and when', async () => {
    const { id, code, dueDate } = items[0]!;
    const first = plusDays(dueDate, -5);
    const zhang = (await app.graphql(RESCHEDULE, { i: { idempotencyKey: 's4-zhang', itemId: id, dueDate: first, expectedDueDate: dueDate, reason: '按市政府要求提前' } }, ZHANG)) as Answer;
    expect(zhang.errors).toBeUndefined();
    const late = (await app.graphql(RESCHEDULE, { i: { idempotencyKey: 's4-colleague', itemId: id, dueDate: plusDays(dueDate, 10), expectedDueDate: dueDate, reason: '按调整通知顺延' } })) as Answer;
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'expectedDueDate' });
    expect(late.errors![0]!.extensions!.messageZh).toMatch(
      new RegExp(`^事项 ${code} 的时限刚由张伟（政务公开办）改为 ${first}（北京时间 2026-04-01 \\d\\d:\\d\\d；理由：按市政府要求提前；表单显示的是 ${dueDate}）：请确认后再调整，本次未作修改。$`),
    );
    // Sent again with its key (a retry): still refused, the first date kept.
    const again = (await app.graphql(RESCHEDULE, { i: { idempotencyKey: 's4-colleague', itemId: id, dueDate: plusDays(dueDate, 10), expectedDueDate: dueDate, reason: '按调整通知顺延' } })) as Answer;
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await dueDateOf(id)).toBe(first);
    // 张伟's applied request sent again with its key: the applied answer, nothing more.
    const retried = (await app.graphql(RESCHEDULE, { i: { idempotencyKey: 's4-zhang', itemId: id, dueDate: first, expectedDueDate: dueDate, reason: '按市政府要求提前' } }, ZHANG)) as Answer;
    expect(retried.errors).toBeUndefined();
    expect(retried.data!.rescheduleWorkPlanItem!.dueDate).toBe(first);
    // The colleague, shown the new date, moves it: applied.
    const seen = (await app.graphql(RESCHEDULE, { i: { idempotencyKey: 's4-colleague-2', itemId: id, dueDate: plusDays(dueDate, 10), expectedDueDate: first, reason: '按调整通知顺延' } })) as Answer;
    expect(seen.errors).toBeUndefined();
    expect(await dueDateOf(id)).toBe(plusDays(dueDate, 10));
  });

  it('two supervisors re-dating one item at the same moment: one date recorded, the other refused naming it; the loser’s retry is refused too', async () => {
    const { id, dueDate } = items[1]!;
    const send = (headers: Record<string, string> | undefined, key: string, to: string) =>
      app.graphql(RESCHEDULE, { i: { idempotencyKey: key, itemId: id, dueDate: to, expectedDueDate: dueDate, reason: '调整' } }, headers) as Promise<Answer>;
    const [zhang, colleague] = await Promise.all([send(ZHANG, 'race-zhang', plusDays(dueDate, -3)), send(undefined, 'race-colleague', plusDays(dueDate, 7))]);
    const answers = [zhang, colleague];
    const won = answers.filter((answer) => !answer.errors);
    const lost = answers.filter((answer) => answer.errors);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const kept = won[0]!.data!.rescheduleWorkPlanItem!.dueDate!;
    const winnerName = won[0] === zhang ? '张伟（政务公开办）' : 'SUPERVISOR';
    expect(lost[0]!.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT' });
    expect(lost[0]!.errors![0]!.extensions!.messageZh).toContain(`的时限刚由${winnerName}改为 ${kept}`);
    const retry = lost[0] === zhang ? await send(ZHANG, 'race-zhang', plusDays(dueDate, -3)) : await send(undefined, 'race-colleague', plusDays(dueDate, 7));
    expect(retry.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await dueDateOf(id)).toBe(kept);
  });

  it('two supervisors sending back one report: the second is told 张伟 sent it back, and when (M2)', async () => {
    const { id, parts } = items[2]!;
    const unitId = parts[0]!.unitId;
    const reported = await app.graphql(
      `mutation($i: ReportWorkPlanItemInput!) { reportWorkPlanItem(input: $i) { id } }`,
      { i: { idempotencyKey: 'm2-report', itemId: id, unitId, summary: '已整改', evidence: [{ title: '公开页面', link: 'https://www.example.gov.cn/p' }] } },
      await app.as('UNIT', unitId),
    );
    expect(reported.errors).toBeUndefined();
    const zhang = (await app.graphql(SEND_BACK, { i: { idempotencyKey: 'm2-zhang', itemId: id, unitId, reason: '材料不全' } }, ZHANG)) as Answer;
    expect(zhang.errors).toBeUndefined();
    const colleague = (await app.graphql(SEND_BACK, { i: { idempotencyKey: 'm2-colleague', itemId: id, unitId, reason: '佐证不足' } })) as Answer;
    expect(colleague.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(colleague.errors![0]!.extensions!.messageZh).toMatch(/的整改报告已由张伟（政务公开办）退办（北京时间 2026-04-01 \d\d:\d\d，记为 2026-04-01）。现在没有待督查的报告，本次未作记录。$/);
  });
});
