import { TestApp, errorCode, startTestApp } from '../support/test-app.js';

/*
 * breaker11 F2: a supervisor records a single finding from the app (登记问题) and may give it its
 * units in the same form (交办). One request: the finding and its parts are recorded together or
 * not at all, the refusal naming the field at fault, a retry recording nothing new.
 * The test clock reads 2026-04-01 in the office.
 */
describe('recordFinding with its assignment', () => {
  let app: TestApp;
  let unitId: Record<string, string>;
  let evaluationId: string;

  const RECORD = `mutation($input: RecordFindingInput!) {
    recordFinding(input: $input) { id title status assignments { unitId role dueDate assignedOn } }
  }`;
  const input = (overrides: Record<string, unknown> = {}) => ({
    idempotencyKey: `finding-${Math.random()}`,
    evaluationId,
    title: '政策解读材料与政策文件未同步发布',
    description: '部分政策文件发布后未配套解读。',
    category: '政策解读',
    severity: 'MEDIUM',
    identifiedOn: '2026-03-20',
    ...overrides,
  });
  const findingCount = async () => (await app.graphql(`{ findings(first: 0) { totalCount } }`)).data!.findings.totalCount as number;

  beforeAll(async () => {
    app = await startTestApp();
    const units = [
      ['FGW', '青川市发展和改革委员会'],
      ['CZJ', '青川市财政局'],
    ];
    unitId = {};
    for (const [code, name] of units) {
      const registered = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, { input: { idempotencyKey: `unit-${code}`, code, name, kind: 'DEPARTMENT', registeredOn: '2016-01-01' } }, await app.as('ADMIN'));
      expect(registered.errors).toBeUndefined();
      unitId[code!] = registered.data!.registerUnit.id;
    }
    const evaluation = await app.graphql(`mutation($input: RegisterEvaluationInput!) { registerEvaluation(input: $input) { id } }`, {
      input: { idempotencyKey: 'evaluation', title: '2025年度政务公开第三方评估报告', evaluator: '中部政府透明度研究院', commissionedBy: '青川市人民政府办公室', periodStart: '2025-01-01', periodEnd: '2025-12-31', receivedOn: '2026-03-15' },
    });
    expect(evaluation.errors).toBeUndefined();
    evaluationId = evaluation.data!.registerEvaluation.id;
    const plan = await app.graphql(`mutation($input: ApproveRectificationPlanInput!) { approveRectificationPlan(input: $input) { id } }`, {
      input: { idempotencyKey: 'plan', evaluationId, title: '整改实施方案', approvedBy: '常务副市长', approvedOn: '2026-03-25', selfRectificationDue: '2026-05-31', inspectionDue: '2026-06-30' },
    });
    expect(plan.errors).toBeUndefined();
  });

  afterAll(async () => {
    await app.close();
  });

  it('records the finding with its lead and responsible units in one request: it is 整改中 at once, a retry records nothing new', async () => {
    const sent = input({
      assignment: {
        assignedOn: '2026-03-26',
        units: [
          { unitId: unitId['FGW'], role: 'LEAD', dueDate: '2026-05-31' },
          { unitId: unitId['CZJ'], role: 'RESPONSIBLE', dueDate: '2026-05-31' },
        ],
      },
    });
    const before = await findingCount();
    const answer = await app.graphql(RECORD, { input: sent });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.recordFinding).toMatchObject({
      status: 'OPEN',
      assignments: expect.arrayContaining([
        { unitId: unitId['FGW'], role: 'LEAD', dueDate: '2026-05-31', assignedOn: '2026-03-26'},
        { unitId: unitId['CZJ'], role: 'RESPONSIBLE', dueDate: '2026-05-31', assignedOn: '2026-03-26'},
      ]),
    });
    const retried = await app.graphql(RECORD, { input: sent });
    expect(retried.data!.recordFinding.id).toBe(answer.data!.recordFinding.id);
    expect(await findingCount()).toBe(before + 1);
  });

  it('records nothing when the assignment is refused, naming the field: a due date past the plan without a reason, a day before the finding was identified, no lead', async () => {
    const before = await findingCount();
    const position = await app.logPosition();
    const refusals = [
      [{ units: [{ unitId: unitId['FGW'], role: 'LEAD', dueDate: '2026-07-31' }] }, 'BAD_USER_INPUT', 'overrideReason'],
      [{ assignedOn: '2026-03-19', units: [{ unitId: unitId['FGW'], role: 'LEAD', dueDate: '2026-05-31' }] }, 'BAD_USER_INPUT', 'assignedOn'],
    ] as const;
    for (const [assignment, code, field] of refusals) {
      const answer = await app.graphql(RECORD, { input: input({ title: `政策解读不同步（${field}）`, assignment }) });
      expect({ code: errorCode(answer), field: answer.errors?.[0]?.extensions?.field, zh: /[\u4e00-\u9fff]/.test(String(answer.errors?.[0]?.extensions?.messageZh)) }).toEqual({ code, field, zh: true });
    }
    const withoutLead = await app.graphql(RECORD, { input: input({ title: '政策解读不同步（无牵头单位）', assignment: { units: [{ unitId: unitId['CZJ'], role: 'RESPONSIBLE', dueDate: '2026-05-31' }] } }) });
    expect(errorCode(withoutLead)).toBe('BAD_USER_INPUT');
    expect(await findingCount()).toBe(before);
    expect(await app.logPosition()).toBe(position);
  });

  it('takes a due date past the plan with the supervisor’s reason, assigned today when no day is given', async () => {
    const answer = await app.graphql(RECORD, {
      input: input({ title: '年度报告发布滞后', assignment: { overrideReason: '需跨年度完成系统改造', units: [{ unitId: unitId['FGW'], role: 'LEAD', dueDate: '2026-07-31' }] } }),
    });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.recordFinding.assignments).toEqual([{ unitId: unitId['FGW'], role: 'LEAD', dueDate: '2026-07-31', assignedOn: '2026-04-01' }]);
  });

  it('refuses a finding whose identification day is before the evaluation arrived, beside identifiedOn', async () => {
    const answer = await app.graphql(RECORD, { input: input({ title: '依申请公开答复超期', identifiedOn: '2026-03-01' }) });
    expect({ code: errorCode(answer), field: answer.errors?.[0]?.extensions?.field }).toEqual({ code: 'BAD_USER_INPUT', field: 'identifiedOn' });
  });

  it('records a problem once: the same title again is refused beside 问题, and the evaluation\'s list imported later does not record it again (breaker11d P5/P10)', async () => {
    const title = '政务新媒体账号长期未更新';
    const first = await app.graphql(RECORD, { input: input({ title }) });
    expect(first.errors).toBeUndefined();
    const findingId = first.data!.recordFinding.id as string;
    const position = await app.logPosition();
    const again = await app.graphql(RECORD, { input: input({ title: ` ${title}。` }) });
    expect({ code: errorCode(again), field: again.errors?.[0]?.extensions?.field, zh: again.errors?.[0]?.extensions?.messageZh }).toEqual({
      code: 'CONFLICT',
      field: 'title',
      zh: `该评估已登记问题「${title}」，同一问题不重复登记。`,
    });
    expect(await app.logPosition()).toBe(position);

    const csv = `问题,具体表现,类别,严重程度,涉及单位\n${title},3个部门政务微博超过6个月未更新,政务新媒体,较重,青川市财政局\n网站栏目更新不及时,栏目长期未更新,主动公开,一般,青川市财政局\n`;
    const imported = await app.graphql(
      `mutation($input: ImportFindingsInput!) { importFindings(input: $input) { recordedCount alreadyRecordedCount noticesZh rows { title findingId recordedNow } } }`,
      { input: { idempotencyKey: 'list', evaluationId, fileName: 'dup.csv', contentBase64: Buffer.from(`\uFEFF${csv}`).toString('base64'), identifiedOn: '2026-03-20' } },
    );
    expect(imported.errors).toBeUndefined();
    expect(imported.data!.importFindings).toMatchObject({ recordedCount: 1, alreadyRecordedCount: 1, rows: [{ title, findingId, recordedNow: false }, { recordedNow: true }] });
    expect(imported.data!.importFindings.noticesZh).toContain(`第 2 行：问题“${title}”此前已在问题清单中登记（“${title}”），未重复登记。`);
    const listed = await app.graphql(`query($t: String) { findings(first: 10, titleContains: $t) { totalCount } }`, { t: '政务新媒体账号' });
    expect(listed.data!.findings.totalCount).toBe(1);
  });

  it('asks about a title one character from a recorded one — 帐/账 — and records it only once the office says it is another problem (breaker11e P1)', async () => {
    const recorded = await app.graphql(RECORD, { input: input({ title: '办事指南要素不全', description: '部分事项办事指南缺少办理时限。' }) });
    const findingId = recorded.data!.recordFinding.id as string;
    const position = await app.logPosition();
    const retyped = await app.graphql(RECORD, { input: input({ title: '办事指南要素不齐全', description: '部分事项办事指南缺少办理时限。' }) });
    expect(errorCode(retyped)).toBe('CONFLICT');
    expect(retyped.errors?.[0]?.extensions).toMatchObject({ field: 'title', findingId, nearTitle: '办事指南要素不全' });
    expect(retyped.errors?.[0]?.extensions?.messageZh).toMatch(/^该评估已登记问题「办事指南要素不全」，与本问题只差 1 个字：是否同一问题？/);
    expect(await app.logPosition()).toBe(position);
    const distinct = await app.graphql(RECORD, { input: input({ title: '办事指南要素不齐全', description: '另一批事项缺少收费标准。', distinctFrom: [findingId] }) });
    expect(distinct.errors).toBeUndefined();
    // Another year's problem is another problem: no question asked.
    await app.graphql(RECORD, { input: input({ title: '2025年政府信息公开年报未按时发布' }) });
    expect((await app.graphql(RECORD, { input: input({ title: '2024年政府信息公开年报未按时发布' }) })).errors).toBeUndefined();
  });

  // breaker10g P6: quotes added, or a trailing 问题, made a second finding of a short title unasked.
  it('asks about the same words quoted or with 问题 after them, however short the title (breaker10g P6)', async () => {
    const recorded = await app.graphql(RECORD, { input: input({ title: '依申请公开答复超期', description: '第二季度2件超期。' }) });
    const findingId = recorded.data!.recordFinding.id as string;
    const position = await app.logPosition();
    for (const title of ['“依申请公开”答复超期', '《依申请公开》答复超期', '依申请公开答复超期问题', '关于依申请公开答复超期的问题']) {
      const retyped = await app.graphql(RECORD, { input: input({ title, description: '第二季度2件超期。' }) });
      expect(retyped.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'title', findingId, nearTitle: '依申请公开答复超期' });
    }
    expect(await app.logPosition()).toBe(position);
  });
});
