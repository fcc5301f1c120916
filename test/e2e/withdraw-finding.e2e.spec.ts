import { namedMutations } from '../support/named-mutations.js';
import { TestApp, errorCode, startTestApp } from '../support/test-app.js';

/*
 * breaker11d P10: a problem recorded twice (typed in with 登记问题, then imported) must be able to
 * leave the 台账. withdrawFinding (supervisor, with a reason) takes a finding off: status WITHDRAWN
 * (已撤销), in the history with its reason, counted in no figure, list of work or export row of a
 * unit, taking no more work; its past days still show it as it was. The office day is 2026-04-10.
 */
describe('withdrawFinding', () => {
  let app: TestApp;
  let unitId: string;
  let evaluationId: string;
  let keep: string;
  let duplicate: string;

  const { call: mutate, mutate: ok } = namedMutations(() => app, (name) => `${name}-${Math.random()}`, 'id status withdrawnOn withdrawalReason');
  const dashboard = async (asOf?: string) =>
    (await app.graphql(`query($asOf: String) { dashboard(asOf: $asOf) { findings { total open unassigned closed } parts { assigned overdue } openParts { findingId } } }`, { asOf }).then((answer) => { expect(answer.errors).toBeUndefined(); return answer; })).data!.dashboard;

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-04-10T09:00:00+08:00' });
    const registered = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, { input: { idempotencyKey: 'unit', code: 'JTJ', name: '青川市交通运输局', kind: 'DEPARTMENT', registeredOn: '2026-01-01' } }, await app.as('ADMIN'));
    unitId = registered.data!.registerUnit.id;
    const evaluation = await app.graphql(`mutation($input: RegisterEvaluationInput!) { registerEvaluation(input: $input) { id } }`, {
      input: { idempotencyKey: 'evaluation', title: '2025年度政务公开第三方评估报告', evaluator: '中部政府透明度研究院', commissionedBy: '青川市人民政府办公室', periodStart: '2025-01-01', periodEnd: '2025-12-31', receivedOn: '2026-03-15' },
    });
    evaluationId = evaluation.data!.registerEvaluation.id;
    const finding = (title: string) => ({
      evaluationId, title, description: title, category: '政务新媒体', severity: 'MEDIUM', identifiedOn: '2026-03-20',
      assignment: { assignedOn: '2026-03-21', units: [{ unitId, role: 'LEAD', dueDate: '2026-04-05' }] },
    });
    keep = (await ok('recordFinding', finding('政务新媒体账号长期未更新'))).id;
    duplicate = (await ok('recordFinding', finding('政务微博账号长期未更新（重复）'))).id;
  });

  afterAll(async () => {
    await app.close();
  });

  it('takes the finding off the 台账 with its reason: WITHDRAWN, out of every figure and list of work, in its history', async () => {
    expect(await dashboard()).toMatchObject({ findings: { total: 2, open: 2 }, parts: { assigned: 2, overdue: 2 } });
    const withdrawn = await ok('withdrawFinding', { findingId: duplicate, reason: '与“政务新媒体账号长期未更新”重复登记', withdrawnOn: '2026-04-08' });
    expect(withdrawn).toEqual({ id: duplicate, status: 'WITHDRAWN', withdrawnOn: '2026-04-08', withdrawalReason: '与“政务新媒体账号长期未更新”重复登记' });

    const now = await dashboard();
    expect(now).toMatchObject({ findings: { total: 1, open: 1, unassigned: 0, closed: 0 }, parts: { assigned: 1, overdue: 1 } });
    expect(now.openParts.map((alert: { findingId: string }) => alert.findingId)).toEqual([keep]);
    // The day before the withdrawal it was on the 台账 (and overdue).
    expect((await dashboard('2026-04-07')).findings.total).toBe(2);

    const listed = await app.graphql(`{ all: findings(first: 10) { totalCount } withdrawn: findings(first: 10, status: WITHDRAWN) { nodes { id } } red: findings(first: 10, light: RED) { nodes { id } } }`);
    expect(listed.data).toEqual({ all: { totalCount: 2 }, withdrawn: { nodes: [{ id: duplicate }] }, red: { nodes: [{ id: keep }] } });
    const workload = await app.graphql(`query($unitId: ID!) { unitWorkload(unitId: $unitId) { openParts { findingId } } }`, { unitId }, await app.as('UNIT', unitId));
    expect(workload.data!.unitWorkload.openParts).toEqual([{ findingId: keep }]);
    const history = await app.graphql(`query($id: ID!) { finding(id: $id) { history { eventType details } } }`, { id: duplicate });
    expect(history.data!.finding.history.map((entry: { eventType: string }) => entry.eventType)).toContain('FindingWithdrawn');
    // Its part is a record: no light, its days counted as they stood on the withdrawal (04-08: 3 days past 04-05), not against today (breaker11l P5).
    const parts = await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { trafficLight daysLeft } } }`, { id: duplicate });
    expect(parts.data!.finding.assignments).toEqual([{ trafficLight: null, daysLeft: -3 }]);
  });

  it('takes no more work once withdrawn, refuses a unit or inspector, and an import of the list does not bring it back', async () => {
    const report: Awaited<ReturnType<TestApp["graphql"]>> = await app.graphql(
      `mutation($input: ReportRectificationInput!) { reportRectification(input: $input) { id } }`,
      { input: { idempotencyKey: 'report', findingId: duplicate, unitId, summary: '已更新', evidence: [{ title: '账号主页', link: 'https://weibo.example.cn/qc' }] } },
      await app.as('UNIT', unitId),
    );
    expect(report.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' } });
    expect(report.errors?.[0]?.extensions?.messageZh).toBe('问题「政务微博账号长期未更新（重复）」已于 2026-04-08 撤销（与“政务新媒体账号长期未更新”重复登记），不再办理。');
    expect(errorCode(await mutate('withdrawFinding', { findingId: keep, reason: '重复' }, await app.as('INSPECTOR')))).toBe('FORBIDDEN');
    const noReason = await mutate('withdrawFinding', { findingId: keep, reason: ' ' });
    expect({ code: errorCode(noReason), fields: (noReason.errors?.[0]?.extensions?.fieldErrors as { field: string }[]).map((error) => error.field) }).toEqual({ code: 'BAD_USER_INPUT', fields: ['reason'] });
    const early = await mutate('withdrawFinding', { findingId: keep, reason: '重复', withdrawnOn: '2026-03-20' });
    expect({ code: errorCode(early), field: early.errors?.[0]?.extensions?.field }).toEqual({ code: 'BAD_USER_INPUT', field: 'withdrawnOn' });

    const csv = '\uFEFF问题,具体表现,类别,严重程度,涉及单位\n政务微博账号长期未更新（重复）,3个部门政务微博超过6个月未更新,政务新媒体,较重,青川市交通运输局\n';
    const imported = await app.graphql(`mutation($input: ImportFindingsInput!) { importFindings(input: $input) { recordedCount noticesZh rows { findingId recordedNow } } }`, {
      input: { idempotencyKey: 'import', evaluationId, fileName: 'list.csv', contentBase64: Buffer.from(csv).toString('base64'), identifiedOn: '2026-03-20' },
    });
    expect(imported.data!.importFindings).toEqual({
      recordedCount: 0,
      noticesZh: ['第 2 行：问题“政务微博账号长期未更新（重复）”已于 2026-04-08 撤销（与“政务新媒体账号长期未更新”重复登记），未重新登记。'],
      rows: [{ findingId: duplicate, recordedNow: false }],
    });
  });

  it('a withdrawn finding keeps the facts dated before its withdrawal, entered after it, on its page; a pass among them undoes the withdrawal (breaker11f P6)', async () => {
    const recordedOne = await ok('recordFinding', {
      evaluationId, title: '依申请公开办理答复超期', description: '3件依申请公开答复超过法定期限', category: '依申请公开', severity: 'MEDIUM', identifiedOn: '2026-03-20',
      assignment: { assignedOn: '2026-03-21', units: [{ unitId, role: 'LEAD', dueDate: '2026-04-30' }] },
    });
    const findingId = recordedOne.id;
    const unitAnswer = await app.graphql(
      `mutation($input: ReportRectificationInput!) { reportRectification(input: $input) { id } }`,
      { input: { idempotencyKey: 'late-pass-report', findingId, unitId, summary: '已答复并建立台账', evidence: [{ title: '答复书', link: 'https://gov.example.cn/reply' }], reportedOn: '2026-04-01' } },
      await app.as('UNIT', unitId),
    );
    expect(unitAnswer.errors).toBeUndefined();
    const before = await dashboard();
    expect(await ok('withdrawFinding', { findingId, reason: '评估机构撤回该问题', withdrawnOn: '2026-04-08' })).toMatchObject({ status: 'WITHDRAWN' });
    const page = `query($id: ID!) { finding(id: $id) { status closedOn withdrawnOn assignments { status inspections { outcome inspectedOn } } history { eventType details } } }`;
    const inspect = async (key: string, outcome: string, inspectedOn: string, notes?: string) =>
      app.graphql(`mutation($input: LogInspectionInput!) { logInspection(input: $input) { id } }`, { input: { idempotencyKey: key, findingId, unitId, outcome, inspectedOn, ...(notes ? { notes, newDueDate: '2026-04-30' } : {}) } }, await app.as('INSPECTOR'));

    // A failed check of 04-02, typed in after the withdrawal: on the withdrawn finding's page, counted nowhere.
    expect((await inspect('late-fail', 'FAILED', '2026-04-02', '答复书未盖章')).errors).toBeUndefined();
    const failedShown = (await app.graphql(page, { id: findingId })).data!.finding;
    expect(failedShown).toMatchObject({ status: 'WITHDRAWN', assignments: [{ status: 'RETURNED', inspections: [{ outcome: 'FAILED', inspectedOn: '2026-04-02' }] }] });
    expect(await dashboard()).toMatchObject({ findings: { total: before.findings.total - 1 } });

    // The re-check of 04-03 passed: verified work is not withdrawn, so the withdrawal does not stand — as typed in date order, where it is refused.
    const resubmitted = await app.graphql(
      `mutation($input: ReportRectificationInput!) { reportRectification(input: $input) { id } }`,
      { input: { idempotencyKey: 'late-pass-report-2', findingId, unitId, summary: '已盖章', evidence: [{ title: '答复书', link: 'https://gov.example.cn/reply2' }], reportedOn: '2026-04-03' } },
      await app.as('UNIT', unitId),
    );
    expect(resubmitted.errors).toBeUndefined();
    expect((await inspect('late-pass', 'PASSED', '2026-04-03')).errors).toBeUndefined();
    const shown = (await app.graphql(page, { id: findingId })).data!.finding;
    expect(shown).toMatchObject({ status: 'CLOSED', closedOn: '2026-04-03', withdrawnOn: null, assignments: [{ status: 'VERIFIED', inspections: [{ outcome: 'FAILED' }, { outcome: 'PASSED', inspectedOn: '2026-04-03' }] }] });
    const undone = shown.history.find((entry: { eventType: string }) => entry.eventType === 'FindingWithdrawalUndone');
    expect(undone.details).toMatch(/撤销不成立：青川市交通运输局的整改已于 2026-04-03 核验通过，早于撤销日期（2026-04-08）/);
    expect(await dashboard()).toMatchObject({ findings: { total: before.findings.total, closed: before.findings.closed + 1 } });
    // Withdrawn only as verified work is: reopened first.
    expect(errorCode(await mutate('withdrawFinding', { findingId, reason: '评估机构撤回该问题', withdrawnOn: '2026-04-09' }))).toBe('CONFLICT');
  });

  it('one part verified, another still working: withdrawal says reopen first, and reopening takes back the verified part, so the withdrawal then goes through (breaker11f P11 = newcomer14 S8)', async () => {
    const other = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, { input: { idempotencyKey: 'unit-2', code: 'JYJ', name: '青川市教育局', kind: 'DEPARTMENT', registeredOn: '2026-01-01' } }, await app.as('ADMIN'));
    const otherId = other.data!.registerUnit.id as string;
    const findingId = (await ok('recordFinding', {
      evaluationId, title: '政策解读材料与文件不同步发布', description: '解读材料晚于政策文件发布', category: '政策解读', severity: 'LOW', identifiedOn: '2026-03-20',
      assignment: { assignedOn: '2026-03-21', units: [{ unitId, role: 'LEAD', dueDate: '2026-04-30' }, { unitId: otherId, role: 'RESPONSIBLE', dueDate: '2026-04-30' }] },
    })).id;
    for (const [who, key] of [[unitId, 'p11-a'], [otherId, 'p11-b']] as const) {
      const reported = await app.graphql(`mutation($input: ReportRectificationInput!) { reportRectification(input: $input) { id } }`,
        { input: { idempotencyKey: key, findingId, unitId: who, summary: '已同步发布', evidence: [{ title: '解读页面', link: 'https://gov.example.cn/jd' }], reportedOn: '2026-04-01' } }, await app.as('UNIT', who));
      expect(reported.errors).toBeUndefined();
    }
    const passed = await app.graphql(`mutation($input: LogInspectionInput!) { logInspection(input: $input) { id } }`, { input: { idempotencyKey: 'p11-pass', findingId, unitId, outcome: 'PASSED', inspectedOn: '2026-04-02' } }, await app.as('INSPECTOR'));
    expect(passed.errors).toBeUndefined();

    const refused = await mutate('withdrawFinding', { findingId, reason: '与其他问题合并', withdrawnOn: '2026-04-09' });
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(refused.errors![0]!.extensions!.messageZh).toMatch(/请先重新打开该问题。$/);
    const reopened = await app.graphql(`mutation($input: ReopenFindingInput!) { reopenFinding(input: $input) { status assignments { unitId status } } }`,
      { input: { idempotencyKey: 'p11-reopen', findingId, reason: '拟与其他问题合并后撤销', reopenedOn: '2026-04-09' } });
    expect(reopened.errors).toBeUndefined();
    expect(reopened.data!.reopenFinding).toEqual({ status: 'OPEN', assignments: [{ unitId, status: 'RETURNED' }, { unitId: otherId, status: 'REPORTED' }] });
    expect(await ok('withdrawFinding', { findingId, reason: '与其他问题合并', withdrawnOn: '2026-04-09' })).toMatchObject({ status: 'WITHDRAWN' });
  });

  it('a finding withdrawn as recorded twice, naming the one it repeats, counts on no day, past days included (breaker8d P5)', async () => {
    const before = await dashboard('2026-04-07');
    const twice = await ok('recordFinding', {
      evaluationId, title: '重大行政决策预公开征求意见流于形式', description: '决策草案公开征求意见不足5个工作日', category: '决策公开', severity: 'LOW', identifiedOn: '2026-03-20',
      assignment: { assignedOn: '2026-03-21', units: [{ unitId, role: 'LEAD', dueDate: '2026-04-30' }] },
    });
    expect((await dashboard('2026-04-07')).findings.total).toBe(before.findings.total + 1);
    const notFound = await mutate('withdrawFinding', { findingId: twice.id, reason: '重复登记', withdrawnOn: '2026-04-09', duplicateOf: '00000000-0000-4000-8000-000000000000' });
    expect({ code: errorCode(notFound), field: notFound.errors?.[0]?.extensions?.field }).toEqual({ code: 'NOT_FOUND', field: 'duplicateOf' });
    const itself = await mutate('withdrawFinding', { findingId: twice.id, reason: '重复登记', withdrawnOn: '2026-04-09', duplicateOf: twice.id });
    expect(itself.errors?.[0]?.extensions?.messageZh).toBe('问题「重大行政决策预公开征求意见流于形式」不能与自身重复：请选择同一问题的另一条登记。');

    expect(await ok('withdrawFinding', { findingId: twice.id, reason: '与“政务新媒体账号长期未更新”重复登记', withdrawnOn: '2026-04-09', duplicateOf: keep })).toMatchObject({ status: 'WITHDRAWN' });
    // Never a problem of its own: not on the 台账 of a day before its withdrawal either, in no figure of that day.
    expect(await dashboard('2026-04-07')).toEqual(before);
    const pastDay = await app.graphql(`query($id: ID!) { finding(id: $id, asOf: "2026-04-01") { status withdrawnOn duplicateOf } }`, { id: twice.id });
    expect(pastDay.data!.finding).toEqual({ status: 'WITHDRAWN', withdrawnOn: '2026-04-09', duplicateOf: keep });
  });

  it('bounds a due date given before any 整改实施方案 by the end of the year after identification; a supervisor may go past it with a reason (breaker10c P16)', async () => {
    const input = (key: string, overrideReason?: string, dueDate = '2062-06-30') => ({
      evaluationId, title: `网站栏目长期未更新（${key}）`, description: '栏目长期未更新', category: '主动公开', severity: 'LOW', identifiedOn: '2026-03-20',
      assignment: { assignedOn: '2026-03-21', units: [{ unitId, role: 'LEAD', dueDate }], ...(overrideReason ? { overrideReason } : {}) },
    });
    const refused = await mutate('recordFinding', input('typo'));
    expect({ code: errorCode(refused), field: refused.errors?.[0]?.extensions?.field, zh: refused.errors?.[0]?.extensions?.messageZh }).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'overrideReason',
      zh: '截止日期（2062-06-30）晚于问题发现次年年底（登记整改实施方案前的上限，登记后以其督查时限为准）（2027-12-31）；如确需延后，须由督办人员填写理由后特批。',
    });
    // A year typed 2062 is not overridden (more than 5 years past the limit: a typing error, breaker10e P4); 2028 is.
    expect(errorCode(await mutate('recordFinding', input('override', '跨年度系统改造，经分管领导同意')))).toBe('BAD_USER_INPUT');
    expect((await mutate('recordFinding', input('override', '跨年度系统改造，经分管领导同意', '2028-06-30'))).errors).toBeUndefined();
  });
});
