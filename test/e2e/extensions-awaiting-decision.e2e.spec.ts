import { TestApp, errorCode, startTestApp } from '../support/test-app.js';

/*
 * newcomer36 S11: a unit asked for an extension and nothing told the supervisor — the request was found only by
 * opening that very item, while the unit's old due date ran out. `extensionsAwaitingDecision` (the web app's
 * 待审批延期) lists every part of a finding or of any plan's item whose request awaits a decision, the part due
 * soonest first, now and on a past day; a decision or a withdrawal takes it off the list.
 */
const LIST = `query($asOf: String, $first: Int, $after: String) { extensionsAwaitingDecision(asOf: $asOf, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  nodes { kind parentId title itemCode planTitle planYear part { unitId unit { name } dueDate } request { requestId requestedDueDate reason requestedOn requestedAt status enteredBy enteredByName decidedOn decisionReason grantedDueDate withdrawnOn decidable decidableUntil } } } }`;

type Node = { kind: string; parentId: string; title: string; itemCode: string | null; planTitle: string | null; planYear: number | null; part: { unitId: string; unit: { name: string }; dueDate: string }; request: { requestId: string; requestedDueDate: string; reason: string; requestedOn: string; status: string; decidable: boolean; decidableUntil: string | null } };

describe('待审批延期: the extension requests awaiting the supervisor’s decision (extensionsAwaitingDecision)', () => {
  let app: TestApp;
  let fgw: string;
  let sfj: string;
  let findingId: string;
  let itemId: string;

  const mutate = async (name: string, input: Record<string, unknown>, headers?: Record<string, string>) => {
    const response = await app.graphql(`mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { __typename } }`, { input: { idempotencyKey: `${name}-${Math.random()}`, ...input } }, headers);
    expect(response.errors).toBeUndefined();
  };
  const list = async (variables: { asOf?: string; first?: number; after?: string } = {}, headers?: Record<string, string>) => app.graphql(LIST, { asOf: null, first: null, after: null, ...variables }, headers);
  const nodes = async (asOf?: string): Promise<Node[]> => {
    const answer = await list({ asOf });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.extensionsAwaitingDecision.totalCount).toBe(answer.data!.extensionsAwaitingDecision.nodes.length);
    return answer.data!.extensionsAwaitingDecision.nodes;
  };

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-12-02T09:00:00+08:00' });
    const admin = await app.as('ADMIN');
    const register = async (code: string, name: string) =>
      (await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, { input: { idempotencyKey: `unit-${code}`, code, name, kind: 'DEPARTMENT', registeredOn: '2026-01-01' } }, admin)).data!.registerUnit.id as string;
    fgw = await register('FGW', '青川市发展和改革委员会');
    sfj = await register('SFJ', '青川市司法局');
    const evaluation = await app.graphql(`mutation($input: RegisterEvaluationInput!) { registerEvaluation(input: $input) { id } }`, {
      input: { idempotencyKey: 'evaluation', title: '2026年政务公开第三方评估', evaluator: '研究院', commissionedBy: '省政府办公厅', periodStart: '2026-01-01', periodEnd: '2026-06-30', receivedOn: '2026-11-01' },
    });
    findingId = (await app.graphql(`mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`, {
      input: { idempotencyKey: 'finding', evaluationId: evaluation.data!.registerEvaluation.id, title: '政策文件缺少配套解读', description: '政策文件缺少配套解读', category: '政策解读', severity: 'MEDIUM', identifiedOn: '2026-11-02' },
    })).data!.recordFinding.id;
    await mutate('assignFinding', { findingId, assignedOn: '2026-11-03', units: [{ unitId: fgw, role: 'LEAD', dueDate: '2026-12-08' }, { unitId: sfj, role: 'RESPONSIBLE', dueDate: '2026-12-08' }] });
    const plan = '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n一,政策解读,16,落实政策解读“三同步”,,青川市发展和改革委员会,,2026-12-05\n';
    const imported = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId } }`, {
      input: { idempotencyKey: 'plan', fileName: 'plan-2026.csv', title: '青川市2026年政务公开工作要点', year: 2026, contentBase64: Buffer.from(plan).toString('base64'), approvedOn: '2026-03-01' },
    });
    expect(imported.errors).toBeUndefined();
    itemId = (await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id } } } }`, { id: imported.data!.importWorkPlan.planId })).data!.workPlan.categories[0].items[0].id;
    await mutate('requestExtension', { findingId, unitId: fgw, requestedDueDate: '2026-12-22', reason: '需与市司法局会签，预计推迟两周。', requestedOn: '2026-11-25' }, await app.as('UNIT', fgw));
    await mutate('requestWorkPlanItemExtension', { itemId, unitId: fgw, requestedDueDate: '2026-12-18', reason: '解读材料待专家审定。', requestedOn: '2026-12-01' }, await app.as('UNIT', fgw));
  });

  afterAll(async () => {
    await app?.close();
  });

  it('lists every pending request of findings and plans alike, the part due soonest first, with the date asked and why', async () => {
    expect(await nodes()).toMatchObject([
      { kind: 'WORK_PLAN_ITEM', parentId: itemId, title: '落实政策解读“三同步”', itemCode: '16', planTitle: '青川市2026年政务公开工作要点', planYear: 2026, part: { unitId: fgw, unit: { name: '青川市发展和改革委员会' }, dueDate: '2026-12-05' }, request: { requestedDueDate: '2026-12-18', reason: '解读材料待专家审定。', requestedOn: '2026-12-01', status: 'PENDING', enteredBy: null, enteredByName: null, decidedOn: null, decidable: true, decidableUntil: null } },
      { kind: 'FINDING', parentId: findingId, title: '政策文件缺少配套解读', itemCode: null, planTitle: null, part: { unitId: fgw, dueDate: '2026-12-08' }, request: { requestedDueDate: '2026-12-22', requestedOn: '2026-11-25', status: 'PENDING' } },
    ]);
  });

  it('reads every field of each request as the finding’s and the item’s own parts give it (newcomer54-8 S3: one builder)', async () => {
    const REQUEST = 'requestId requestedDueDate reason requestedOn requestedAt status enteredBy enteredByName decidedOn decisionReason grantedDueDate withdrawnOn decidable decidableUntil';
    const [itemRow, findingRow] = await nodes();
    const finding = await app.graphql(`query($id: ID!) { finding(id: $id) { assignments(unitId: "${fgw}") { extensionRequests { ${REQUEST} } } } }`, { id: findingId });
    const item = await app.graphql(`query($id: ID!) { workPlanItem(id: $id) { parts(unitId: "${fgw}") { extensionRequests { ${REQUEST} } } } }`, { id: itemId });
    expect([finding.errors, item.errors]).toEqual([undefined, undefined]);
    expect(finding.data!.finding.assignments[0].extensionRequests).toEqual([findingRow!.request]);
    expect(item.data!.workPlanItem.parts[0].extensionRequests).toEqual([itemRow!.request]);
  });

  it('is the supervisor’s list: units and inspectors are refused', async () => {
    expect(errorCode(await list({}, await app.as('UNIT', fgw)))).toBe('FORBIDDEN');
    expect(errorCode(await list({}, await app.as('INSPECTOR')))).toBe('FORBIDDEN');
  });

  it('pages with first / after like the other lists', async () => {
    const first = await list({ first: 1 });
    expect(first.data!.extensionsAwaitingDecision).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true }, nodes: [{ kind: 'WORK_PLAN_ITEM' }] });
    const second = await list({ first: 1, after: first.data!.extensionsAwaitingDecision.pageInfo.endCursor });
    expect(second.data!.extensionsAwaitingDecision).toMatchObject({ pageInfo: { hasNextPage: false }, nodes: [{ kind: 'FINDING' }] });
    expect(errorCode(await list({ after: 'not-a-cursor' }))).toBe('BAD_USER_INPUT');
  });

  it('on a past day lists the requests pending that day, by the day they were asked', async () => {
    expect((await nodes('2026-11-24')).length).toBe(0);
    expect((await nodes('2026-11-30')).map((node) => node.kind)).toEqual(['FINDING']);
    expect((await nodes('2026-12-01')).map((node) => node.kind)).toEqual(['WORK_PLAN_ITEM', 'FINDING']);
  });

  it('a decision or a withdrawal takes the request off the list; the day before still shows it', async () => {
    const [item, finding] = await nodes();
    await mutate('decideExtension', { findingId, unitId: fgw, requestId: finding!.request.requestId, approve: true });
    expect((await nodes()).map((node) => node.kind)).toEqual(['WORK_PLAN_ITEM']);
    await mutate('withdrawWorkPlanItemExtensionRequest', { itemId, unitId: fgw, requestId: item!.request.requestId, reason: '已按期完成，不再延期。' }, await app.as('UNIT', fgw));
    expect(await nodes()).toEqual([]);
    expect((await nodes('2026-12-01')).map((node) => node.kind)).toEqual(['WORK_PLAN_ITEM', 'FINDING']);
  });

  /*
   * newcomer54-8 M1: a request the office never
   * answered, its part verified since (LAPSED), still takes the paper's decision dated up to the pass — the card offers
   * 审批延期, so the list holds it too, with the last day its decision may be dated; deciding it takes it off.
   */
  it('holds a lapsed request still decidable (its part passed since), with decidable and decidableUntil; the decision takes it off', async () => {
    expect(await nodes()).toEqual([]);
    const supervisor = await app.as('SUPERVISOR');
    await mutate('reportRectification', { findingId, unitId: sfj, reportedOn: '2026-11-20', summary: '已补充解读材料。', evidence: [{ title: '解读材料', link: 'https://www.qingchuan.gov.cn/zcjd' }] }, supervisor);
    await mutate('logInspection', { findingId, unitId: sfj, inspectedOn: '2026-11-23', outcome: 'PASSED', notes: '已核实。', place: '市司法局' }, await app.as('INSPECTOR'));
    await mutate('requestExtension', { findingId, unitId: sfj, requestedDueDate: '2026-12-20', reason: '纸质申请，补录。', requestedOn: '2026-11-10' }, supervisor);
    const [lapsed, ...others] = await nodes();
    expect(others).toEqual([]);
    expect(lapsed).toMatchObject({ kind: 'FINDING', parentId: findingId, part: { unitId: sfj }, request: { requestedOn: '2026-11-10', status: 'LAPSED', decidable: true, decidableUntil: '2026-11-23', enteredByName: expect.any(String) } });
    expect((await nodes('2026-11-21')).map((node) => [node.part.unitId, node.request.status, node.request.decidable])).toEqual([[sfj, 'PENDING', true]]);
    await mutate('decideExtension', { findingId, unitId: sfj, requestId: lapsed!.request.requestId, approve: false, reason: '纸质批复：不予延期。', decidedOn: '2026-11-12' });
    expect(await nodes()).toEqual([]);
  });
});
