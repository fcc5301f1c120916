import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * breaker8c P1: every dated record a clerk types from paper can be mistyped, so every one can have
 * its day corrected by a supervisor, with a reason — the assignment, any report (not only the
 * last), a send-back, an urging, an extension request or decision — through one mutation per
 * parent (`correctRecordDate`, `correctWorkPlanItemRecordDate`). The correction is a new event; the
 * part now and every past day read the record on its corrected day; a correction that would break
 * the order of the part's records is refused naming the clash, with nothing written.
 */
describe('correcting the day of any dated record of a part (breaker8c P1)', () => {
  let app: TestApp;
  let unitId: string;
  let findingId: string;
  let supervisor: Record<string, string>;
  let clerk: Record<string, string>;
  let keySequence = 0;
  const key = (name: string) => `${name}-${(keySequence += 1)}`;
  const send = (name: string, input: Record<string, unknown>, headers: Record<string, string>) =>
    app.graphql(`mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { __typename } }`, { input: { idempotencyKey: key(name), ...input } }, headers);
  const mutate = async (name: string, input: Record<string, unknown>, headers: Record<string, string> = supervisor) => {
    const response = await send(name, input, headers);
    if (response.errors) throw new Error(`${name} refused: ${JSON.stringify(response.errors)}`);
  };
  const refusal = async (name: string, input: Record<string, unknown>, headers: Record<string, string> = supervisor) => {
    const response = await send(name, input, headers);
    expect(response.errors).toHaveLength(1);
    return response.errors![0]! as { extensions: { code: string; messageZh: string; field?: string } };
  };
  const correct = (record: string, previousOn: string, on: string, reason = '按纸质文件更正') => ({ findingId, unitId, record, previousOn, on, reason });
  const PART = 'assignedOn status reports { reportedOn } returns { cause returnedOn } urges { urgedOn } extensionRequests { requestedOn decidedOn status } dueDate';
  const part = async (asOf?: string) => {
    const response = await app.graphql(`query($id: ID!, $asOf: String) { finding(id: $id, asOf: $asOf) { assignments { ${PART} } } }`, { id: findingId, asOf }, supervisor);
    expect(response.errors).toBeUndefined();
    return response.data!.finding.assignments[0];
  };
  const history = async () => {
    const response = await app.graphql(`query($id: ID!) { finding(id: $id) { history { eventType occurredOn details } } }`, { id: findingId }, supervisor);
    return response.data!.finding.history as { eventType: string; occurredOn: string; details: string }[];
  };

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-30T10:00:00+08:00' });
    const admin = await app.as('ADMIN');
    supervisor = await app.as('SUPERVISOR');
    unitId = (await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, {
      input: { idempotencyKey: 'unit', code: 'CZJ', name: '青川市测试财政局', kind: 'DEPARTMENT', registeredOn: '2026-01-04' },
    }, admin)).data!.registerUnit.id;
    clerk = await app.as('UNIT', unitId);
    const evaluationId = (await app.graphql(`mutation($input: RegisterEvaluationInput!) { registerEvaluation(input: $input) { id } }`, {
      input: { idempotencyKey: 'evaluation', title: '2025年度政务公开第三方评估', evaluator: '某研究院', commissionedBy: '国务院办公厅', periodStart: '2025-01-01', periodEnd: '2025-12-31', receivedOn: '2026-04-10' },
    }, supervisor)).data!.registerEvaluation.id;
    findingId = (await app.graphql(`mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`, {
      input: { idempotencyKey: 'finding', evaluationId, title: '预算信息公开不全', description: '部门预算未按时公开', category: '重点领域', severity: 'MEDIUM', identifiedOn: '2026-04-15' },
    }, supervisor)).data!.recordFinding.id;
    // The clerk typed 05-10 for the 交办 of 04-26.
    await mutate('assignFinding', { findingId, assignedOn: '2026-05-10', units: [{ unitId, role: 'LEAD', dueDate: '2026-05-31' }] });
  });

  afterAll(async () => {
    await app.close();
  });

  const evidence = [{ title: '预算公开栏目', link: 'https://www.example.gov.cn/ys' }];

  it('a mistyped assignment day blocks the true report until it is corrected; then the report goes in', async () => {
    expect((await refusal('reportRectification', { findingId, unitId, summary: '已公开', evidence, reportedOn: '2026-05-08' }, clerk)).extensions.code).toBe('BAD_USER_INPUT');
    await mutate('correctRecordDate', correct('ASSIGNMENT', '2026-05-10', '2026-04-26', '交办通知落款为4月26日'));
    await mutate('reportRectification', { findingId, unitId, summary: '已公开', evidence, reportedOn: '2026-05-08' }, clerk);
    expect(await part()).toMatchObject({ assignedOn: '2026-04-26', status: 'REPORTED', reports: [{ reportedOn: '2026-05-08' }] });
  });

  it('corrects the first report after a send-back and a second report, and an urging; the part now and as of today agree', async () => {
    await mutate('urgeUnit', { findingId, unitId, message: '请按时报送', urgedOn: '2026-05-05' });
    await mutate('sendBackReport', { findingId, unitId, reason: '材料不全。', sentBackOn: '2026-05-15' });
    await mutate('reportRectification', { findingId, unitId, summary: '已补充', evidence, reportedOn: '2026-05-25' }, clerk);
    await mutate('correctRecordDate', correct('REPORT', '2026-05-08', '2026-05-07'));
    await mutate('correctRecordDate', correct('URGING', '2026-05-05', '2026-05-06'));
    const now = await part();
    expect(now).toMatchObject({
      assignedOn: '2026-04-26',
      reports: [{ reportedOn: '2026-05-07' }, { reportedOn: '2026-05-25' }],
      returns: [{ cause: 'SENT_BACK', returnedOn: '2026-05-15' }],
      urges: [{ urgedOn: '2026-05-06' }],
    });
    expect(await part('2026-11-30')).toEqual(now);
    expect(await part('2026-05-07')).toMatchObject({ status: 'REPORTED', reports: [{ reportedOn: '2026-05-07' }] });
    expect(await part('2026-05-06')).toMatchObject({ status: 'ASSIGNED', reports: [], urges: [{ urgedOn: '2026-05-06' }] });
  });

  it('refuses a send-back moved after the report that answered it, naming that report, and writes nothing', async () => {
    const before = (await history()).length;
    const refused = await refusal('correctRecordDate', correct('SEND_BACK', '2026-05-15', '2026-05-26'));
    expect(refused.extensions.code).toBe('CONFLICT');
    expect(refused.extensions.messageZh).toContain('2026-05-25 的整改报告不再成立');
    expect((await history()).length).toBe(before);
  });

  it('refuses a record the form read before another correction, and a unit clerk', async () => {
    // Moved from that day by an earlier correction: told who moved it where, as every race over a value is (issue 9, c51a).
    const meanwhile = await refusal('correctRecordDate', correct('REPORT', '2026-05-08', '2026-05-09'));
    expect(meanwhile.extensions.code).toBe('CONFLICT');
    expect(meanwhile.extensions.field).toBe('previousOn');
    expect((await refusal('correctRecordDate', correct('REPORT', '2026-05-25', '2026-05-24'), clerk)).extensions.code).toBe('FORBIDDEN');
  });

  it('refuses a send-back moved before the report it returns, naming that report — not the send-back itself as a later record (breaker8d P3)', async () => {
    const refused = await refusal('correctRecordDate', correct('SEND_BACK', '2026-05-15', '2026-05-06'));
    expect(refused.extensions).toMatchObject({ code: 'BAD_USER_INPUT', messageZh: expect.stringContaining('早于所退回的整改报告日期（2026-05-07）') });
    expect(refused.extensions.messageZh).not.toContain('请先更正');
  });

  it('lists each correction in the history with the record it moved, from which day to which, and why', async () => {
    const corrections = (await history()).filter((entry) => entry.eventType === 'FactDateCorrected').map((entry) => JSON.parse(entry.details));
    expect(corrections).toEqual([
      expect.objectContaining({ factType: 'UnitAssigned', previousOn: '2026-05-10', on: '2026-04-26', reason: '交办通知落款为4月26日' }),
      expect.objectContaining({ factType: 'RectificationReported', previousOn: '2026-05-08', on: '2026-05-07' }),
      expect.objectContaining({ factType: 'UnitUrged', previousOn: '2026-05-05', on: '2026-05-06' }),
    ]);
  });

  it('corrects the day of a failed inspection the unit answered with a new report, and of the pass that closed the finding: the close-out follows (breaker8d P1)', async () => {
    const inspector = await app.as('INSPECTOR');
    await mutate('logInspection', { findingId, unitId, outcome: 'FAILED', notes: '栏目未更新', inspectedOn: '2026-05-28', place: '现场', newDueDate: '2026-06-30' }, inspector);
    await mutate('reportRectification', { findingId, unitId, summary: '按督查意见整改', evidence, reportedOn: '2026-06-10' }, clerk);
    const answered = await refusal('correctRecordDate', correct('INSPECTION', '2026-05-28', '2026-06-11'));
    expect(answered.extensions).toMatchObject({ code: 'CONFLICT', messageZh: expect.stringContaining('2026-06-10 的整改报告不再成立') });
    await mutate('correctRecordDate', correct('INSPECTION', '2026-05-28', '2026-05-27', '督查记录表为5月27日'));
    const PARTS = `assignments { status inspections { inspectedOn outcome } returns { cause returnedOn } }`;
    const finding = async (asOf?: string) => {
      const response = await app.graphql(`query($id: ID!, $asOf: String) { finding(id: $id, asOf: $asOf) { status closedOn ${PARTS} } }`, { id: findingId, asOf }, supervisor);
      expect(response.errors).toBeUndefined();
      return response.data!.finding;
    };
    expect((await finding()).assignments[0]).toMatchObject({ status: 'REPORTED', inspections: [{ inspectedOn: '2026-05-27', outcome: 'FAILED' }] });
    expect((await finding('2026-05-27')).assignments[0]).toMatchObject({ status: 'RETURNED', returns: expect.arrayContaining([{ cause: 'INSPECTION_FAILED', returnedOn: '2026-05-27' }]) });
    await mutate('logInspection', { findingId, unitId, outcome: 'PASSED', notes: '', inspectedOn: '2026-06-15', place: '现场' }, inspector);
    expect(await finding()).toMatchObject({ status: 'CLOSED', closedOn: '2026-06-15' });
    await mutate('correctRecordDate', correct('INSPECTION', '2026-06-15', '2026-06-14', '督查记录表为6月14日'));
    const now = await finding();
    expect(now).toMatchObject({ status: 'CLOSED', closedOn: '2026-06-14' });
    expect(await finding('2026-11-30')).toEqual(now);
    expect(await finding('2026-06-13')).toMatchObject({ status: 'OPEN', closedOn: null });
    expect((await history()).filter((entry) => entry.eventType === 'FindingClosedOut').map((entry) => entry.occurredOn)).toEqual(['2026-06-15', '2026-06-14']);
  });
});

/**
 * breaker8d P8: after a hand-over (机构改革) the part's card lists its predecessor's records under
 * the unit holding the part today, and sends that unit's id with the correction: the record is
 * found as the predecessor's and corrected, as it would be had the card sent the predecessor.
 */
describe('correcting the day of a predecessor’s record through the holder of today (breaker8d P8)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-30T10:00:00+08:00' });
  });

  afterAll(async () => {
    await app.close();
  });

  it('finds the report and the assignment of the predecessor under its successor, and corrects them', async () => {
    const admin = await app.as('ADMIN');
    const supervisor = await app.as('SUPERVISOR');
    const ok = async (query: string, input: Record<string, unknown>, headers: Record<string, string>) => {
      const response = await app.graphql(query, { input }, headers);
      if (response.errors) throw new Error(JSON.stringify(response.errors));
      return response.data!;
    };
    const register = (code: string, name: string) =>
      ok(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, { idempotencyKey: code, code, name, kind: 'DEPARTMENT', registeredOn: '2026-01-04' }, admin).then((data) => data.registerUnit.id as string);
    const archives = await register('DAJ', '青川市旧档案局');
    const audit = await register('SJJ', '青川市新审计局');
    const evaluationId = (await ok(`mutation($input: RegisterEvaluationInput!) { registerEvaluation(input: $input) { id } }`, {
      idempotencyKey: 'evaluation', title: '2025年度政务公开第三方评估', evaluator: '某研究院', commissionedBy: '国务院办公厅', periodStart: '2025-01-01', periodEnd: '2025-12-31', receivedOn: '2026-04-10',
    }, supervisor)).registerEvaluation.id;
    const findingId = (await ok(`mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`, {
      idempotencyKey: 'finding', evaluationId, title: '档案信息公开不全', description: '档案目录未公开', category: '重点领域', severity: 'MEDIUM', identifiedOn: '2026-04-15',
    }, supervisor)).recordFinding.id;
    await ok(`mutation($input: AssignFindingInput!) { assignFinding(input: $input) { id } }`, { idempotencyKey: 'assign', findingId, assignedOn: '2026-05-01', units: [{ unitId: archives, role: 'LEAD', dueDate: '2026-08-31' }] }, supervisor);
    const clerk = await app.as('UNIT', archives);
    await ok(`mutation($input: ReportRectificationInput!) { reportRectification(input: $input) { id } }`, { idempotencyKey: 'report', findingId, unitId: archives, summary: '已公开档案目录', evidence: [{ title: '档案目录', link: 'https://www.example.gov.cn/da' }], reportedOn: '2026-07-05' }, clerk);
    await ok(`mutation($input: HandOverUnitPartsInput!) { handOverUnitParts(input: $input) { findingIds } }`, { idempotencyKey: 'hand-over', unitId: archives, successorUnitId: audit, reason: '机构改革', handedOverOn: '2026-07-10' }, admin);
    const correct = (record: string, previousOn: string, on: string) =>
      ok(`mutation($input: CorrectRecordDateInput!) { correctRecordDate(input: $input) { __typename } }`, { idempotencyKey: `${record}-${on}`, findingId, unitId: audit, record, previousOn, on, reason: '收文登记日期' }, supervisor);
    await correct('REPORT', '2026-07-05', '2026-07-04');
    await correct('ASSIGNMENT', '2026-05-01', '2026-04-28');
    const finding = await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { unitId heldBefore assignedOn reports { reportedOn } } } }`, { id: findingId }, supervisor);
    expect(finding.errors).toBeUndefined();
    expect(finding.data!.finding.assignments).toEqual([{ unitId: audit, heldBefore: [archives], assignedOn: '2026-04-28', reports: [{ reportedOn: '2026-07-04' }] }]);
  });
});

/**
 * breaker8d P10: a plan imported with a mistyped 交办日期 (2016-05-26 for 04-26) had no way to put
 * its items' parts right; the refusal pointed to the approval correction, which does not move them.
 */
describe('correcting the assignment day a plan import gave an item’s parts (breaker8d P10)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-30T10:00:00+08:00' });
  });

  afterAll(async () => {
    await app.close();
  });

  it('moves one unit’s part to the day on paper, not before the plan’s approval, and the paper report of that spring goes in after it', async () => {
    const admin = await app.as('ADMIN');
    const supervisor = await app.as('SUPERVISOR');
    const unitId = (await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, {
      input: { idempotencyKey: 'unit', code: 'HBJ', name: '青川市测试环境保护局', kind: 'DEPARTMENT', registeredOn: '2016-01-04' },
    }, admin)).data!.registerUnit.id as string;
    const plan = '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n一,环境信息,1,公开环评审批信息,,青川市测试环境保护局,,2016-09-30\n';
    const imported = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId } }`, {
      input: { idempotencyKey: 'plan', fileName: 'plan-2016.csv', title: '青川市2016年环境信息公开要点', year: 2016, contentBase64: Buffer.from(plan, 'utf8').toString('base64'), approvedOn: '2016-04-25', assignedOn: '2016-05-26' },
    }, supervisor);
    expect(imported.errors).toBeUndefined();
    const breakdown = await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id } } } }`, { id: imported.data!.importWorkPlan.planId }, supervisor);
    const itemId = breakdown.data!.workPlan.categories[0].items[0].id as string;
    const correct = (on: string) =>
      app.graphql(`mutation($input: CorrectWorkPlanItemRecordDateInput!) { correctWorkPlanItemRecordDate(input: $input) { __typename } }`, {
        input: { idempotencyKey: `correct-${on}`, itemId, unitId, record: 'ASSIGNMENT', previousOn: '2016-05-26', on, reason: '交办通知落款为4月26日' },
      }, supervisor);
    const early = await correct('2016-04-20');
    expect(early.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', messageZh: expect.stringContaining('早于方案批准日期（2016-04-25）') });
    expect((await correct('2016-04-26')).errors).toBeUndefined();
    const report = await app.graphql(`mutation($input: ReportWorkPlanItemInput!) { reportWorkPlanItem(input: $input) { __typename } }`, {
      input: { idempotencyKey: 'report', itemId, unitId, summary: '已公开', evidence: [{ title: '公开页面', link: 'https://www.example.gov.cn/eia' }], reportedOn: '2016-05-20' },
    }, await app.as('UNIT', unitId));
    expect(report.errors).toBeUndefined();
    const item = await app.graphql(`query($id: ID!) { workPlanItem(id: $id) { parts { assignedOn status } } }`, { id: itemId }, supervisor);
    expect(item.data!.workPlanItem.parts).toEqual([{ assignedOn: '2016-04-26', status: 'REPORTED' }]);
  });
});
