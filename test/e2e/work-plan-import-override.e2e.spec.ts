import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toolOnStore } from '../support/cli-tool.js';
import { errorCode, freshDatabasePath, startTestApp, type TestApp } from '../support/test-app.js';

/*
 * Issue 10 (open since the last session): a plan whose item is due after the plan's period (a 2026
 * plan with a task due in March 2027) was refused row by row, saying "a supervisor may set it later
 * with an override and its reason" — but the import had no place for that reason, so the office
 * could only drop the row and add the item by hand. Now the import takes `overrideReason`: a
 * supervisor's reason imports such items, each part past the period recording the override; without
 * one each row is refused as before; no one else may give it.
 */

const PLAN_TITLE = '青川市2026年政务公开工作要点';
const PLAN_CSV =
  '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n' +
  '一,推进五公开,1,推进决策公开,,市发展和改革委员会,,2026-06-30\n' +
  '一,推进五公开,2,建设政府信息公开平台,,市财政局,市发展和改革委员会,2027-03-31\n';
const IMPORT = `mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId itemCount } }`;
const REASON = '平台建设跨年度，经市政府分管领导同意延至次年一季度';

describe('a plan import with items due after the plan’s period: the supervisor’s override and its reason', () => {
  let app: TestApp;
  let keys = 0;
  const input = (extra: Record<string, unknown> = {}) => ({
    idempotencyKey: `import-${(keys += 1)}`,
    fileName: 'plan-2026.csv',
    contentBase64: Buffer.from(PLAN_CSV).toString('base64'),
    title: PLAN_TITLE,
    year: 2026,
    approvedOn: '2026-03-01',
    ...extra,
  });

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-29T10:00:00+08:00' });
    for (const [code, name] of [['FGW', '市发展和改革委员会'], ['CZJ', '市财政局']] as const) {
      const response = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, {
        input: { idempotencyKey: `unit-${code}`, code, name, kind: 'DEPARTMENT', registeredOn: '2016-01-04' },
      }, await app.as('ADMIN'));
      expect(response.errors).toBeUndefined();
    }
  });
  afterAll(() => app?.close());

  it('without a reason refuses the row past the period, saying the reason is what it needs; nothing is written', async () => {
    await app.as('SUPERVISOR'); // signed up before the log head is taken
    const head = await app.logPosition();
    const refused = await app.graphql(IMPORT, { input: input() });
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0]!.extensions!.problems).toEqual([
      expect.objectContaining({ row: 3, reasonZh: '完成时限 2027-03-31 晚于工作方案「青川市2026年政务公开工作要点」的期限（2026-12-31）；跨年度的方案（如三年行动计划）请写明截止年度；如确需延后，请督办人员在上方“超出方案期限的特批理由”中填写理由后重新导入。' }),
    ]);
    expect(await app.logPosition()).toBe(head);
  });

  it('an administrator may import plans but not override their period (FORBIDDEN on that row); nothing is written', async () => {
    const admin = await app.as('ADMIN');
    const head = await app.logPosition();
    const refused = await app.graphql(IMPORT, { input: input({ overrideReason: REASON }) }, admin);
    expect(errorCode(refused)).toBe('FORBIDDEN');
    expect(refused.errors![0]!.extensions!.problems).toEqual([expect.objectContaining({ row: 3, reasonZh: expect.stringContaining('只有督办人员') })]);
    expect(await app.logPosition()).toBe(head);
  });

  it('with a supervisor’s reason imports every item; only the parts past the period record the override and its reason', async () => {
    const imported = await app.graphql(IMPORT, { input: input({ overrideReason: REASON }) });
    expect(imported.errors).toBeUndefined();
    expect(imported.data!.importWorkPlan.itemCount).toBe(2);
    // Items with their history a page at a time: each history is read from the log (query-cost.ts prices it so).
    const plan = await app.graphql(`query($id: ID!) { workPlanItems(planId: $id, first: 10) { nodes { code dueDate history { eventType details } } } }`, {
      id: imported.data!.importWorkPlan.planId,
    });
    const items = plan.data!.workPlanItems.nodes as { code: string; dueDate: string; history: { eventType: string; details: string }[] }[];
    const assignments = (code: string) => items.find((item) => item.code === code)!.history.filter((entry) => entry.eventType === 'UnitAssigned');
    expect(items.map((item) => [item.code, item.dueDate])).toEqual([['1', '2026-06-30'], ['2', '2027-03-31']]);
    expect(assignments('2')).toHaveLength(2);
    for (const entry of assignments('2')) expect(JSON.parse(entry.details).dueDateOverride).toEqual({ reason: REASON, limit: '2026-12-31' });
    expect(assignments('1')).toHaveLength(1);
    expect(JSON.parse(assignments('1')[0]!.details).dueDateOverride).toBeUndefined();
    // newcomer48-10 M2: each part says its 特批 — the reason, the limit, the day approved (the assignment's) — for the item page to show.
    const parts = await app.graphql(`query($id: ID!) { workPlanItems(planId: $id, first: 10) { nodes { code parts { assignedOn dueDateApproval { reason limit approvedOn } } } } }`, {
      id: imported.data!.importWorkPlan.planId,
    });
    expect(parts.errors).toBeUndefined();
    const nodes = parts.data!.workPlanItems.nodes as { code: string; parts: { assignedOn: string; dueDateApproval: unknown }[] }[];
    const item2 = nodes.find((item) => item.code === '2')!.parts;
    expect(item2.map((part) => part.dueDateApproval)).toEqual(item2.map((part) => ({ reason: REASON, limit: '2026-12-31', approvedOn: part.assignedOn })));
    expect(nodes.find((item) => item.code === '1')!.parts.map((part) => part.dueDateApproval)).toEqual([null]);
  });
});

describe('plan:import and the period override (breaker10n P9)', () => {
  it('says where a supervisor gives the override (the tool cannot), and takes --revision-reason only with --revise', async () => {
    const sqlitePath = freshDatabasePath();
    const setUp = await startTestApp({ sqlitePath, now: '2026-11-29T10:00:00+08:00' });
    for (const [code, name] of [['FGW', '市发展和改革委员会'], ['CZJ', '市财政局']] as const) {
      const response = await setUp.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, {
        input: { idempotencyKey: `unit-${code}`, code, name, kind: 'DEPARTMENT', registeredOn: '2016-01-04' },
      }, await setUp.as('ADMIN'));
      expect(response.errors).toBeUndefined();
    }
    await setUp.close();
    const file = join(mkdtempSync(join(tmpdir(), 'rectify-plan-')), 'plan-2026.csv');
    writeFileSync(file, PLAN_CSV);
    const args = [file, '--title', PLAN_TITLE, '--year', '2026', '--approved-on', '2026-03-01'];

    const refused = await toolOnStore('import-work-plan', [...args, '--dry-run'], sqlitePath);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('须由督办人员在导入页面填写“超出方案期限的特批理由”后导入（命令行工具不能代为特批）');
    expect((await toolOnStore('import-work-plan', [...args, '--override-reason', '跨年'], sqlitePath)).code).toBe(2);
    expect((await toolOnStore('import-work-plan', [...args, '--revision-reason', '青政办〔2026〕12号'], sqlitePath)).code).toBe(2);
    expect((await toolOnStore('import-work-plan', [...args, '--revise', '--revision-reason', '  '], sqlitePath)).code).toBe(2);
  });
});
