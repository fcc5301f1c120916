import { TestApp, errorCode, expectChineseOnEveryError, startTestApp } from '../support/test-app.js';

/*
 * newcomer23 S3: a unit clerk typed 申请延期至 2027-01-20 (meant 2026-12-22); the request went through and
 * the card offered no way back — only a phone call to the supervisor to refuse it. Now the unit takes its
 * own pending request back (撤回延期申请, ExtensionRequestWithdrawn) and asks again, on a finding and on a
 * work-plan item alike (the one assignment lifecycle): the history keeps both, a retry appends nothing,
 * and every refusal — another unit's request, one already decided, one withdrawn — is in Chinese.
 */
describe('A unit withdraws its own pending extension request (撤回延期申请)', () => {
  let app: TestApp;
  let unitId: string;
  let otherUnitId: string;
  let own: Record<string, string>;
  let other: Record<string, string>;
  let findingId: string;
  let itemId: string;

  const PART = `extensionRequests { requestId requestedDueDate status requestedOn decidedOn withdrawnOn withdrawalReason } dueDate`;
  const send = (name: string, input: Record<string, unknown>, headers?: Record<string, string>, key = `${name}-${Math.random()}`) =>
    app.graphql(`mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { __typename } }`, { input: { idempotencyKey: key, ...input } }, headers);
  const mutate = async (name: string, input: Record<string, unknown>, headers?: Record<string, string>, key?: string) => {
    const response = await send(name, input, headers, key);
    expect(response.errors).toBeUndefined();
  };
  const refused = async (name: string, input: Record<string, unknown>, headers?: Record<string, string>) => {
    const before = await app.logPosition();
    const response = expectChineseOnEveryError(await send(name, input, headers));
    expect(await app.logPosition()).toBe(before);
    return { code: errorCode(response), messageZh: response.errors?.[0]?.extensions?.messageZh as string | undefined, message: response.errors?.[0]?.message };
  };
  const findingPart = async (id = unitId) =>
    (await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { unitId ${PART} } history { eventType unitId occurredOn } } }`, { id: findingId })).data!.finding as {
      assignments: { unitId: string; dueDate: string; extensionRequests: Record<string, string | null>[] }[];
      history: { eventType: string; unitId: string | null; occurredOn: string }[];
    } & { part?: unknown };
  const itemPart = async () =>
    (await app.graphql(`query($id: ID!) { workPlanItem(id: $id) { parts { unitId ${PART} } } }`, { id: itemId })).data!.workPlanItem.parts.find((part: { unitId: string }) => part.unitId === unitId);

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-12-02T09:00:00+08:00' });
    const admin = await app.as('ADMIN');
    const register = async (code: string, name: string) =>
      (await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, { input: { idempotencyKey: `unit-${code}`, code, name, kind: 'DEPARTMENT', registeredOn: '2026-01-01' } }, admin)).data!.registerUnit.id as string;
    unitId = await register('FGW', '青川市发展和改革委员会');
    otherUnitId = await register('SFJ', '青川市司法局');
    own = await app.as('UNIT', unitId);
    other = await app.as('UNIT', otherUnitId);
    const evaluation = await app.graphql(`mutation($input: RegisterEvaluationInput!) { registerEvaluation(input: $input) { id } }`, {
      input: { idempotencyKey: 'evaluation', title: '2026年政务公开第三方评估', evaluator: '研究院', commissionedBy: '省政府办公厅', periodStart: '2026-01-01', periodEnd: '2026-06-30', receivedOn: '2026-11-01' },
    });
    const evaluationId = evaluation.data!.registerEvaluation.id;
    findingId = (await app.graphql(`mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`, {
      input: { idempotencyKey: 'finding', evaluationId, title: '政策文件缺少配套解读', description: '政策文件缺少配套解读', category: '政策解读', severity: 'MEDIUM', identifiedOn: '2026-11-02' },
    })).data!.recordFinding.id;
    await mutate('assignFinding', { findingId, assignedOn: '2026-11-03', units: [{ unitId, role: 'LEAD', dueDate: '2026-12-08' }, { unitId: otherUnitId, role: 'RESPONSIBLE', dueDate: '2026-12-08' }] });
    const plan = '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n一,政策解读,16,落实政策解读“三同步”,,青川市发展和改革委员会,,2026-12-08\n';
    const imported = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId } }`, {
      input: { idempotencyKey: 'plan', fileName: 'plan-2026.csv', title: '青川市2026年政务公开工作要点', year: 2026, contentBase64: Buffer.from(plan).toString('base64'), approvedOn: '2026-03-01' },
    });
    expect(imported.errors).toBeUndefined();
    itemId = (await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id } } } }`, { id: imported.data!.importWorkPlan.planId })).data!.workPlan.categories[0].items[0].id;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('on a finding: the mistyped request is withdrawn, kept in the history, and the unit asks again for the date it meant', async () => {
    await mutate('requestExtension', { findingId, unitId, requestedDueDate: '2027-01-20', reason: '需与市司法局会签，预计推迟两周。' }, own);
    const [typedWrong] = (await findingPart()).assignments.find((part) => part.unitId === unitId)!.extensionRequests;
    expect(typedWrong).toMatchObject({ status: 'PENDING', requestedDueDate: '2027-01-20' });

    // Not another unit's clerk, nor the supervisor: the request is the unit's.
    expect(await refused('withdrawExtensionRequest', { findingId, unitId, requestId: typedWrong!.requestId, reason: '误填' }, other)).toMatchObject({ code: 'FORBIDDEN', messageZh: expect.stringMatching(/只有青川市发展和改革委员会的用户可以撤回/) });
    expect(await refused('withdrawExtensionRequest', { findingId, unitId, requestId: typedWrong!.requestId, reason: '误填' })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refused('withdrawExtensionRequest', { findingId, unitId, requestId: typedWrong!.requestId, reason: '  ' }, own)).toMatchObject({ code: 'BAD_USER_INPUT', messageZh: expect.stringMatching(/撤回理由/) });

    const withdrawal = { findingId, unitId, requestId: typedWrong!.requestId, reason: '申请延至的日期填错，应为 2026-12-22。' };
    await mutate('withdrawExtensionRequest', withdrawal, own, 'withdraw-once');
    // A retried press (the same key) records nothing more.
    const position = await app.logPosition();
    await mutate('withdrawExtensionRequest', withdrawal, own, 'withdraw-once');
    expect(await app.logPosition()).toBe(position);

    const after = await findingPart();
    const part = after.assignments.find((candidate) => candidate.unitId === unitId)!;
    expect(part.dueDate).toBe('2026-12-08');
    expect(part.extensionRequests).toEqual([expect.objectContaining({ status: 'WITHDRAWN', withdrawnOn: '2026-12-02', withdrawalReason: '申请延至的日期填错，应为 2026-12-22。', decidedOn: null })]);
    expect(after.history.filter((entry) => entry.unitId === unitId).map((entry) => entry.eventType)).toEqual(['UnitAssigned', 'ExtensionRequested', 'ExtensionRequestWithdrawn']);

    // Nobody decides a withdrawn request; withdrawn once, it is not withdrawn again.
    expect(await refused('decideExtension', { findingId, unitId, requestId: typedWrong!.requestId, approve: true })).toMatchObject({ code: 'CONFLICT', messageZh: expect.stringMatching(/已于 2026-12-02 撤回该项延期申请/) });
    expect(await refused('withdrawExtensionRequest', { ...withdrawal }, own)).toMatchObject({ code: 'CONFLICT', messageZh: expect.stringMatching(/已于 2026-12-02 撤回/) });

    // The date it meant, asked again; granted, it can no longer be withdrawn.
    await mutate('requestExtension', { findingId, unitId, requestedDueDate: '2026-12-22', reason: '需与市司法局会签，预计推迟两周。' }, own);
    const meant = (await findingPart()).assignments.find((candidate) => candidate.unitId === unitId)!.extensionRequests.find((request) => request.status === 'PENDING')!;
    await mutate('decideExtension', { findingId, unitId, requestId: meant.requestId, approve: true });
    expect(await refused('withdrawExtensionRequest', { findingId, unitId, requestId: meant.requestId, reason: '不再需要' }, own)).toMatchObject({
      code: 'CONFLICT',
      messageZh: expect.stringMatching(/已于 2026-12-02 批准，不能再撤回/),
    });
    expect((await findingPart()).assignments.find((candidate) => candidate.unitId === unitId)!.dueDate).toBe('2026-12-22');
  });

  it('a withdrawal entered late is dated on its day, and the past reads as it stood', async () => {
    await mutate('requestExtension', { findingId, unitId: otherUnitId, requestedDueDate: '2026-12-31', reason: '等待会签', requestedOn: '2026-11-25' }, other);
    const [request] = (await findingPart()).assignments.find((part) => part.unitId === otherUnitId)!.extensionRequests;
    expect(await refused('withdrawExtensionRequest', { findingId, unitId: otherUnitId, requestId: request!.requestId, reason: '误填', withdrawnOn: '2026-11-24' }, other)).toMatchObject({ code: 'BAD_USER_INPUT' });
    await mutate('withdrawExtensionRequest', { findingId, unitId: otherUnitId, requestId: request!.requestId, reason: '会签已完成，无需延期', withdrawnOn: '2026-11-27' }, other);
    const asOf = async (day: string) =>
      (await app.graphql(`query($id: ID!, $asOf: String) { finding(id: $id, asOf: $asOf) { assignments { unitId extensionRequests { status } } } }`, { id: findingId, asOf: day })).data!.finding.assignments.find(
        (part: { unitId: string }) => part.unitId === otherUnitId,
      ).extensionRequests;
    expect(await asOf('2026-11-26')).toEqual([{ status: 'PENDING' }]);
    expect(await asOf('2026-11-27')).toEqual([{ status: 'WITHDRAWN' }]);
  });

  it('on a work-plan item the same', async () => {
    await mutate('requestWorkPlanItemExtension', { itemId, unitId, requestedDueDate: '2027-01-20', reason: '需与市司法局会签' }, own);
    const [request] = (await itemPart()).extensionRequests;
    expect(await refused('withdrawWorkPlanItemExtensionRequest', { itemId, unitId, requestId: request.requestId, reason: '误填' }, other)).toMatchObject({ code: 'FORBIDDEN' });
    await mutate('withdrawWorkPlanItemExtensionRequest', { itemId, unitId, requestId: request.requestId, reason: '日期填错' }, own);
    expect((await itemPart()).extensionRequests).toEqual([expect.objectContaining({ status: 'WITHDRAWN', withdrawnOn: '2026-12-02', withdrawalReason: '日期填错' })]);
    expect(await refused('decideWorkPlanItemExtension', { itemId, unitId, requestId: request.requestId, approve: false, reason: '不同意' })).toMatchObject({ code: 'CONFLICT' });
    await mutate('requestWorkPlanItemExtension', { itemId, unitId, requestedDueDate: '2026-12-22', reason: '需与市司法局会签' }, own);
    expect((await itemPart()).extensionRequests.map((candidate: { status: string }) => candidate.status)).toEqual(['WITHDRAWN', 'PENDING']);
  });
});
