import { errorCode, freshDatabasePath, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * newcomer36 S14: a plan imported without its days — approved and assigned, by default, on the day of the import (2026-11-29) — for
 * work really approved on 20 February and assigned on the 25th. Its days are corrected as one act with one reason
 * (`correctWorkPlanImportDate`): the plan's approval and every part the import assigned, all or nothing, the original days kept in
 * the events (WorkPlanImportDateCorrected, FactDateCorrected, WorkPlanApprovalCorrected). Before, each of the parts needed its own
 * correctRecordDate (here 3; a 35-item plan of 9 units, dozens). Through HTTP GraphQL on a real SQLite file.
 */
const PLAN_CSV =
  '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n' +
  '一,推进五公开,1,推进决策公开,,市发展和改革委员会,市财政局,2026-12-31\n' +
  '一,推进五公开,2,公开财政预决算,,市财政局,,2026-12-15\n';
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
let keys = 0;

describe('a plan whose import took the wrong day, corrected as one act (newcomer36 S14)', () => {
  let app: TestApp;
  let planId: string;
  const units: Record<'FGW' | 'CZJ', string> = { FGW: '', CZJ: '' };

  const correct = (input: Record<string, unknown>) =>
    app.graphql(
      `mutation($input: CorrectWorkPlanImportDateInput!) { correctWorkPlanImportDate(input: $input) { plan { id approvedOn } itemIds partCount } }`,
      { input: { idempotencyKey: `correct-${(keys += 1)}`, planId, reason: '导入时未填写日期，默认为导入当天；按印发文件更正', ...input } },
    );
  const items = async () => {
    const response = await app.graphql(
      `query($id: ID!) { workPlan(id: $id) { approvedOn categories { items { id code parts { unitId assignedOn } } } } }`,
      { id: planId },
    );
    expect(response.errors).toBeUndefined();
    const plan = response.data!.workPlan as { approvedOn: string; categories: { items: { id: string; code: string; parts: { unitId: string; assignedOn: string }[] }[] }[] };
    return { approvedOn: plan.approvedOn, items: plan.categories.flatMap((category) => category.items) };
  };
  const days = async () => (await items()).items.flatMap((item) => item.parts.map((part) => `${item.code}:${part.assignedOn}`));

  beforeAll(async () => {
    app = await startTestApp({ sqlitePath: freshDatabasePath(), now: '2026-11-29T10:00:00+08:00' });
    for (const [code, name] of [['FGW', '市发展和改革委员会'], ['CZJ', '市财政局']] as const) {
      const response = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, {
        input: { idempotencyKey: `unit-${code}`, code, name, kind: 'DEPARTMENT', registeredOn: '2026-01-04' },
      }, await app.as('ADMIN'));
      expect(response.errors).toBeUndefined();
      units[code] = response.data!.registerUnit.id;
    }
    // Imported with no days: approved and assigned on the day of the import.
    const imported = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId } }`, {
      input: { idempotencyKey: 'plan', fileName: 'plan-2026.csv', title: '青川市2026年政务公开工作要点', year: 2026, contentBase64: base64(PLAN_CSV) },
    });
    expect(imported.errors).toBeUndefined();
    planId = imported.data!.importWorkPlan.planId;
    expect(await days()).toEqual(['1:2026-11-29', '1:2026-11-29', '2:2026-11-29']);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('refuses a day before the plan\'s approval as it stands, naming it — nothing is written', async () => {
    const head = await app.logPosition();
    const refused = await correct({ previousAssignedOn: '2026-11-29', assignedOn: '2026-02-25' });
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0]!.extensions!.messageZh).toBe('更正后的交办日期（2026-02-25）早于方案批准日期（2026-11-29），日期顺序不对。');
    expect(await app.logPosition()).toBe(head);
  });

  it('corrects the approval and every part the import assigned in one request, keeping the original days on record', async () => {
    const corrected = await correct({ previousAssignedOn: '2026-11-29', assignedOn: '2026-02-25', approvedOn: '2026-02-20' });
    expect(corrected.errors).toBeUndefined();
    expect(corrected.data!.correctWorkPlanImportDate).toMatchObject({ plan: { id: planId, approvedOn: '2026-02-20' }, partCount: 3 });
    expect(corrected.data!.correctWorkPlanImportDate.itemIds).toHaveLength(2);
    const after = await items();
    expect(after.approvedOn).toBe('2026-02-20');
    expect(await days()).toEqual(['1:2026-02-25', '1:2026-02-25', '2:2026-02-25']);
    // Each part's history shows its correction with the reason; the import's UnitAssigned stays as it was recorded.
    const item1 = await app.graphql(`query($id: ID!) { workPlanItem(id: $id) { history { eventType occurredOn details } } }`, { id: after.items[0]!.id });
    expect(item1.errors).toBeUndefined();
    const entries = item1.data!.workPlanItem.history as { eventType: string; occurredOn: string; details: string }[];
    expect(entries.filter((entry) => entry.eventType === 'UnitAssigned').map((entry) => JSON.parse(entry.details).assignedOn)).toEqual(['2026-11-29', '2026-11-29']);
    const history = entries.filter((entry) => entry.eventType === 'FactDateCorrected');
    expect(history).toHaveLength(2);
    expect(history.every((entry) => (entry.details ?? '').includes('导入时未填写日期'))).toBe(true);
  });

  it('a part whose own records forbid the day refuses the whole act, naming the item; nothing is written', async () => {
    const report = await app.graphql(`mutation($input: ReportWorkPlanItemInput!) { reportWorkPlanItem(input: $input) { __typename } }`, {
      input: { idempotencyKey: 'report', itemId: (await items()).items[1]!.id, unitId: units.CZJ, summary: '已公开2026年预算', evidence: [{ title: '整改情况说明', link: 'https://www.qingchuan.gov.cn/xxgk/zg' }], reportedOn: '2026-03-10' },
    }, await app.as('UNIT', units.CZJ));
    expect(report.errors).toBeUndefined();
    const head = await app.logPosition();
    const refused = await correct({ previousAssignedOn: '2026-02-25', assignedOn: '2026-03-15' });
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0]!.extensions!.messageZh).toMatch(/^工作事项 2「公开财政预决算」：/u);
    expect(await app.logPosition()).toBe(head);
    expect(await days()).toEqual(['1:2026-02-25', '1:2026-02-25', '2:2026-02-25']);
  });

  it('a day the import\'s parts no longer read — corrected meanwhile — is CONFLICT naming who moved it where, when and why (issue 9); a day they never read is NOT_FOUND, asking to reload', async () => {
    const head = await app.logPosition();
    const refused = await correct({ previousAssignedOn: '2026-11-29', assignedOn: '2026-02-26' });
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', field: 'previousAssignedOn' });
    expect(refused.errors![0]!.extensions!.messageZh).toMatch(
      /^工作方案「青川市2026年政务公开工作要点」事项的交办日期刚由.+改为 2026-02-25（北京时间 2026-11-29 \d\d:\d\d；理由：导入时未填写日期，默认为导入当天；按印发文件更正；表单显示的是 2026-11-29）：请确认后再调整，本次未作修改。$/u,
    );
    // The approval day the form showed, corrected meanwhile too: refused on it, nothing written.
    const approval = await correct({ previousAssignedOn: '2026-02-25', assignedOn: '2026-02-24', approvedOn: '2026-02-19', expectedApprovedOn: '2026-11-29' });
    expect(approval.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', field: 'expectedApprovedOn' });
    expect(approval.errors![0]!.extensions!.messageZh).toMatch(/^工作方案「青川市2026年政务公开工作要点」的批准日期刚由.+改为 2026-02-20（/u);
    expect(await app.logPosition()).toBe(head);
    const never = await correct({ previousAssignedOn: '2026-11-28', assignedOn: '2026-02-26' });
    expect(never.errors![0]!.extensions!.code).toBe('NOT_FOUND');
    expect(never.errors![0]!.extensions!.messageZh).toBe('工作方案「青川市2026年政务公开工作要点」中没有 2026-11-28 交办的事项：交办日期可能已被更正。请刷新方案后重试。');
  });

  it('is a supervisor\'s act', async () => {
    const response = await app.graphql(
      `mutation($input: CorrectWorkPlanImportDateInput!) { correctWorkPlanImportDate(input: $input) { partCount } }`,
      { input: { idempotencyKey: 'as-inspector', planId, previousAssignedOn: '2026-02-25', assignedOn: '2026-02-26', reason: '试' } },
      await app.as('INSPECTOR'),
    );
    expect(errorCode(response)).toBe('FORBIDDEN');
  });
});
