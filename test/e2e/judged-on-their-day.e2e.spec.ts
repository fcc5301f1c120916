import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Issue 8, breaker8 B3: an urging, an extension request and its decision entered late are judged
 * on the part as it stood on their own day — accepted when the part was open then although it is
 * verified today (a paper file found after the rest was typed in), refused when it was verified
 * then although it is open today (a window closed on that day) — for findings and work-plan items
 * alike, through the API as the office sends them. Everything entered in 2026 about 2016.
 */
describe('urgings, extension requests and decisions are judged on their own day (issue 8, B3)', () => {
  let app: TestApp;
  let unitId: string;
  let unitHeaders: Record<string, string>;
  let evaluationId: string;
  let keySequence = 0;
  const key = (name: string) => `${name}-${(keySequence += 1)}`;

  const send = (name: string, input: Record<string, unknown>, headers?: Record<string, string>, idempotencyKey = key(name)) =>
    app.graphql(`mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { __typename } }`, { input: { idempotencyKey, ...input } }, headers);
  const mutate = async (name: string, input: Record<string, unknown>, headers?: Record<string, string>) => {
    const response = await send(name, input, headers);
    if (response.errors) throw new Error(`${name} refused: ${JSON.stringify(response.errors)}`);
    return response;
  };
  const refusal = async (name: string, input: Record<string, unknown>, headers?: Record<string, string>) => {
    const position = await app.logPosition();
    const response = await send(name, input, headers);
    expect(await app.logPosition()).toBe(position);
    return { code: response.errors?.[0]?.extensions?.code, message: String(response.errors?.[0]?.message ?? ''), messageZh: response.errors?.[0]?.extensions?.messageZh };
  };
  const evidence = [{ title: '公开页面', link: 'https://www.example.gov.cn/p' }];

  const PART = 'status dueDate extensionRequests { requestId status requestedOn decidedOn grantedDueDate } urges { urgedOn } reports { reportedOn }';
  const findingPart = async (findingId: string, asOf?: string) => {
    const response = await app.graphql(`query($id: ID!, $asOf: String) { finding(id: $id, asOf: $asOf) { status assignments { ${PART} } } }`, { id: findingId, asOf });
    expect(response.errors).toBeUndefined();
    return response.data!.finding.assignments[0];
  };
  const newFinding = async (title: string, dueDate: string) => {
    const findingId = (await app.graphql(`mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`, {
      input: { idempotencyKey: key('finding'), evaluationId, title, description: title, category: '主动公开', severity: 'HIGH', identifiedOn: '2016-04-15' },
    })).data!.recordFinding.id as string;
    await mutate('assignFinding', { findingId, assignedOn: '2016-04-26', units: [{ unitId, role: 'LEAD', dueDate }] });
    return findingId;
  };

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-30T10:00:00+08:00' });
    const admin = await app.as('ADMIN');
    unitId = (await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, {
      input: { idempotencyKey: 'unit', code: 'DING', name: '青川市测试丁局', kind: 'DEPARTMENT', registeredOn: '2016-01-04' },
    }, admin)).data!.registerUnit.id;
    unitHeaders = await app.as('UNIT', unitId);
    evaluationId = (await app.graphql(`mutation($input: RegisterEvaluationInput!) { registerEvaluation(input: $input) { id } }`, {
      input: { idempotencyKey: 'evaluation', title: '2015年度政务公开第三方评估', evaluator: '某研究院', commissionedBy: '国务院办公厅', periodStart: '2015-01-01', periodEnd: '2015-12-31', receivedOn: '2016-04-15' },
    })).data!.registerEvaluation.id;
    await app.as('SUPERVISOR');
    await app.as('INSPECTOR');
  });

  afterAll(async () => {
    await app.close();
  });

  it('accepts a decision, an urging and a request of days the part was open, entered after it was verified (F17)', async () => {
    const findingId = await newFinding('问题F17', '2016-06-30');
    await mutate('requestExtension', { findingId, unitId, reason: '需协调', requestedDueDate: '2016-07-31', requestedOn: '2016-06-20' }, unitHeaders);
    await mutate('reportRectification', { findingId, unitId, summary: '已整改', evidence, reportedOn: '2016-07-15' }, unitHeaders);
    await mutate('logInspection', { findingId, unitId, outcome: 'PASSED', notes: '核实', inspectedOn: '2016-07-20', place: '现场' }, await app.as('INSPECTOR'));
    const lapsed = await findingPart(findingId);
    expect(lapsed.extensionRequests.map((request: { status: string }) => request.status)).toEqual(['LAPSED']);

    await mutate('decideExtension', { findingId, unitId, requestId: lapsed.extensionRequests[0].requestId, approve: true, decidedOn: '2016-06-22' });
    await mutate('urgeUnit', { findingId, unitId, message: '请按期报送', urgedOn: '2016-07-01' });
    await mutate('requestExtension', { findingId, unitId, reason: '再延期', requestedDueDate: '2016-08-31', requestedOn: '2016-06-25' }, unitHeaders);

    const now = await findingPart(findingId);
    expect(now).toMatchObject({ status: 'VERIFIED', dueDate: '2016-07-31', urges: [{ urgedOn: '2016-07-01' }] });
    expect(now.extensionRequests.map((request: { status: string; decidedOn: string | null }) => [request.status, request.decidedOn])).toEqual([['GRANTED', '2016-06-22'], ['LAPSED', null]]);
    // As of 1 July: open, due 31 July by the grant of 22 June, the second request pending then.
    const onFirstJuly = await findingPart(findingId, '2016-07-01');
    expect(onFirstJuly).toMatchObject({ status: 'ASSIGNED', dueDate: '2016-07-31' });
    expect(onFirstJuly.extensionRequests.map((request: { status: string }) => request.status)).toEqual(['GRANTED', 'PENDING']);
  });

  it('refuses an urging, a request and a decision of days the part stood verified, although it is open today (F1), naming the verification and the reopening', async () => {
    const findingId = await newFinding('问题F1', '2016-05-31');
    await mutate('requestExtension', { findingId, unitId, reason: '需协调', requestedDueDate: '2016-06-30', requestedOn: '2016-05-20' }, unitHeaders);
    await mutate('reportRectification', { findingId, unitId, summary: '已整改', evidence, reportedOn: '2016-06-01' }, unitHeaders);
    await mutate('logInspection', { findingId, unitId, outcome: 'PASSED', notes: '核实', inspectedOn: '2016-06-06', place: '现场' }, await app.as('INSPECTOR'));
    await mutate('reopenFinding', { findingId, reason: '复查发现问题', reopenedOn: '2016-07-05', newDueDate: '2016-07-20' });
    const requestId = (await findingPart(findingId)).extensionRequests[0].requestId;

    const urged = await refusal('urgeUnit', { findingId, unitId, message: '催办（验证后）', urgedOn: '2016-06-25' });
    expect(urged).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/verified on 2016-06-06 and reopened only on 2016-07-05: on 2016-06-25 there was nothing to urge/) });
    expect(urged.messageZh).toBe('青川市测试丁局的任务已于 2016-06-06 确认完成，2016-07-05 才重新打开：2016-06-25 无需催办。');
    expect(await refusal('requestExtension', { findingId, unitId, reason: 'x', requestedDueDate: '2016-07-30', requestedOn: '2016-06-25' }, unitHeaders)).toMatchObject({ code: 'CONFLICT' });
    // The request of 20 May lapsed with the pass of 6 June: no decision of that window, nor after it.
    expect(await refusal('decideExtension', { findingId, unitId, requestId, approve: true, decidedOn: '2016-06-26' })).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/verified on 2016-06-06/) });
    expect(await refusal('decideExtension', { findingId, unitId, requestId, approve: true, decidedOn: '2016-07-06' })).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/lapsed/) });
    // Before the pass it was pending, and it is decided as of then.
    await mutate('decideExtension', { findingId, unitId, requestId, approve: false, reason: '理由不充分', decidedOn: '2016-05-25' });
    expect((await findingPart(findingId)).extensionRequests[0]).toMatchObject({ status: 'REFUSED', decidedOn: '2016-05-25' });

    // breaker55-8 S8: an urging of the reopened part holds the reopening as an extension request does — its retraction is refused
    // naming the urging; and a pass typed late, or moved, before an urging is refused naming it.
    await mutate('urgeUnit', { findingId, unitId, message: '请按新时限报送', urgedOn: '2016-07-08' });
    const retracted = await refusal('retractRecord', { findingId, unitId, record: 'REOPENING', on: '2016-07-05', reason: '误录' });
    expect(retracted).toMatchObject({ code: 'CONFLICT', messageZh: expect.stringContaining('2016-07-08 的催办不再成立：当时该任务已确认完成（2016-06-06）') });
    await mutate('reportRectification', { findingId, unitId, summary: '已重新整改', evidence, reportedOn: '2016-07-10' }, unitHeaders);
    await mutate('urgeUnit', { findingId, unitId, message: '请配合督查', urgedOn: '2016-07-14' });
    expect(await refusal('logInspection', { findingId, unitId, outcome: 'PASSED', notes: '核实', inspectedOn: '2016-07-12', place: '现场' }, await app.as('INSPECTOR'))).toMatchObject({
      code: 'CONFLICT',
      messageZh: expect.stringContaining('2016-07-14 的催办不再成立：当时该任务已确认完成（2016-07-12）'),
    });
    await mutate('logInspection', { findingId, unitId, outcome: 'PASSED', notes: '核实', inspectedOn: '2016-07-16', place: '现场' }, await app.as('INSPECTOR'));
    const inspections = (await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { inspections { inspectionId inspectedOn } } } }`, { id: findingId })).data!.finding.assignments[0].inspections as { inspectionId: string; inspectedOn: string }[];
    const inspectionId = inspections.find((inspection) => inspection.inspectedOn === '2016-07-16')!.inspectionId;
    expect(await refusal('correctInspection', { findingId, unitId, inspectionId, inspectedOn: '2016-07-13', reason: '日期录错' })).toMatchObject({
      code: 'CONFLICT',
      messageZh: expect.stringContaining('2016-07-14 的催办不再成立：当时该任务已确认完成（2016-07-13）'),
    });
  });

  it('judges "asked for by the due date" on the date in force on the request day (F16)', async () => {
    const findingId = await newFinding('问题F16', '2016-06-30');
    await mutate('reportRectification', { findingId, unitId, summary: '已整改', evidence, reportedOn: '2016-06-28' }, unitHeaders);
    await mutate('logInspection', { findingId, unitId, outcome: 'FAILED', notes: '目录不全', inspectedOn: '2016-07-08', place: '现场', newDueDate: '2016-07-25' }, await app.as('INSPECTOR'));
    expect(await refusal('requestExtension', { findingId, unitId, reason: 'x', requestedDueDate: '2016-08-10', requestedOn: '2016-07-05' }, unitHeaders)).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/had reported on 2016-06-28; on 2016-07-05 that report was awaiting inspection/),
    });
  });

  it('does the same on a work-plan item', async () => {
    const plan = '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n一,推进五公开,2,公开财政预决算,,青川市测试丁局,,2016-05-31\n';
    const imported = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId } }`, {
      input: { idempotencyKey: 'plan', fileName: 'plan-2016.csv', title: '2016年政务公开工作要点', year: 2016, contentBase64: Buffer.from(plan).toString('base64'), approvedOn: '2016-04-25', assignedOn: '2016-04-26' },
    });
    const planId = imported.data!.importWorkPlan.planId;
    const itemId = (await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id } } } }`, { id: planId })).data!.workPlan.categories[0].items[0].id;
    await mutate('reportWorkPlanItem', { itemId, unitId, summary: '已整改', evidence, reportedOn: '2016-06-15' }, unitHeaders);
    await mutate('logWorkPlanItemInspection', { itemId, unitId, outcome: 'PASSED', notes: '核实', inspectedOn: '2016-06-20', place: '现场' }, await app.as('INSPECTOR'));
    await mutate('reopenWorkPlanItem', { itemId, reason: '复查', reopenedOn: '2016-07-10', newDueDate: '2016-07-31' });
    expect(await refusal('urgeWorkPlanItemUnit', { itemId, unitId, message: '催办', urgedOn: '2016-06-25' })).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/reopened only on 2016-07-10/) });
    expect(await refusal('requestWorkPlanItemExtension', { itemId, unitId, reason: 'x', requestedDueDate: '2016-08-15', requestedOn: '2016-06-25' }, unitHeaders)).toMatchObject({ code: 'CONFLICT' });
    await mutate('urgeWorkPlanItemUnit', { itemId, unitId, message: '催办', urgedOn: '2016-06-01' });
    await mutate('urgeWorkPlanItemUnit', { itemId, unitId, message: '催办', urgedOn: '2016-07-12' });
  });

  it('takes an urging retried with today spelled out as the same request as one that left the day out (B10)', async () => {
    const findingId = await newFinding('问题B10', '2016-12-31');
    const first = await send('urgeUnit', { findingId, unitId, message: '请抓紧' }, undefined, 'urge-today');
    expect(first.errors).toBeUndefined();
    const position = await app.logPosition();
    const spelled = await send('urgeUnit', { findingId, unitId, message: '请抓紧', urgedOn: '2026-11-30' }, undefined, 'urge-today');
    expect(spelled.errors).toBeUndefined();
    expect(await app.logPosition()).toBe(position);
    expect((await findingPart(findingId)).urges).toEqual([{ urgedOn: '2026-11-30' }]);
  });
});
