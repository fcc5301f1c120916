import { TestApp, startTestApp } from '../support/test-app.js';
import { namedMutations } from '../support/named-mutations.js';

/*
 * breaker53-8 S2: a 交办 typed on the wrong unit, which asked for an extension and withdrew it, could never be retracted —
 * 撤销交办 said 「请先撤销该延期申请记录」, 撤销此申请 said 「该记录不能撤销，本记录也不能撤销」: a circle. The 交办's retraction now
 * takes the unit's request (and so its withdrawal) with it, the check before confirming agrees, and the unit has no part left.
 * newcomer53-10 S1: removeWorkPlanItemUnit dropped a report awaiting inspection without a word; it is refused, saying the way on.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;
const CHECK = `query($input: RetractionCheckInput!) { retractionCheck(input: $input) { code message messageZh } }`;

describe('ways out of a wrong 交办 and a removal that would drop a report (breaker53-8 S2, newcomer53-10 S1)', () => {
  let app: TestApp;
  const { call, mutate } = namedMutations(() => app, key, 'id');
  const units: Record<string, string> = {};

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-12-07T09:00:00+08:00' });
    const admin = await app.as('ADMIN');
    for (const [code, name] of [['JTJ', '青川市交通运输局'], ['FGW', '青川市发展和改革委员会'], ['MZJ', '青川市民政局']] as const) {
      const unit = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, { input: { idempotencyKey: `unit-${code}`, code, name, kind: 'DEPARTMENT', registeredOn: '2026-01-05' } }, admin);
      units[code] = unit.data!.registerUnit.id as string;
    }
  });
  afterAll(async () => {
    await app.close();
  });

  it('撤销交办 of a unit that asked for an extension and withdrew it: the check says yes, the retraction takes the request with it', async () => {
    const evaluationId = (await mutate('registerEvaluation', { title: '2026年度政务公开第三方评估', evaluator: '某研究院', commissionedBy: '省政务公开办', periodStart: '2026-01-01', periodEnd: '2026-12-31', receivedOn: '2026-09-20' })).id;
    const findingId = (await mutate('recordFinding', {
      evaluationId, title: '交通建设项目批复未公开', description: '部分批复未公开', category: '重点领域', severity: 'MEDIUM', identifiedOn: '2026-10-01',
      concernedUnitIds: [units.JTJ, units.FGW],
      assignment: { assignedOn: '2026-10-05', units: [{ unitId: units.JTJ, role: 'LEAD', dueDate: '2026-11-30' }, { unitId: units.FGW, role: 'RESPONSIBLE', dueDate: '2026-11-30' }] },
    })).id as string;
    const fgw = await app.as('UNIT', units.FGW);
    await mutate('requestExtension', { findingId, unitId: units.FGW, requestedOn: '2026-10-10', requestedDueDate: '2026-12-31', reason: '不是我们的事' }, fgw);
    const requestId = (await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { unit { id } extensionRequests { requestId } } } }`, { id: findingId })).data!.finding.assignments.find((part: { unit: { id: string } }) => part.unit.id === units.FGW).extensionRequests[0].requestId;
    await mutate('withdrawExtensionRequest', { findingId, unitId: units.FGW, requestId, withdrawnOn: '2026-10-12', reason: '日期填错' }, fgw);

    const retraction = { findingId, unitId: units.FGW, record: 'ASSIGNMENT', on: '2026-10-05' };
    const checked = await app.graphql(CHECK, { input: retraction });
    expect(checked.errors).toBeUndefined();
    expect(checked.data!.retractionCheck).toBeNull();
    // The request alone is retracted too (its withdrawal with it), as the check says.
    const requestChecked = await app.graphql(CHECK, { input: { ...retraction, record: 'EXTENSION_REQUEST', on: '2026-10-10' } });
    expect(requestChecked.data!.retractionCheck).toBeNull();

    expect((await call('retractRecord', { ...retraction, reason: '录入时选错了单位' })).errors).toBeUndefined();
    const after = await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { unit { id } } } }`, { id: findingId });
    expect(after.data!.finding.assignments.map((part: { unit: { id: string } }) => part.unit.id)).toEqual([units.JTJ]);
  });

  it('removeWorkPlanItemUnit of a unit whose report awaits inspection: refused, saying to inspect it first; nothing written', async () => {
    const plan = '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n一,依申请公开,1,依申请公开制度修订,,青川市发展和改革委员会,青川市民政局,2026-12-31\n';
    const imported = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId } }`, {
      input: { idempotencyKey: key('plan'), fileName: 'plan-2026.csv', title: '青川市2026年依申请公开工作要点', year: 2026, contentBase64: Buffer.from(plan, 'utf8').toString('base64'), approvedOn: '2026-03-01', assignedOn: '2026-03-05' },
    });
    expect(imported.errors).toBeUndefined();
    const itemId = (await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id } } } }`, { id: imported.data!.importWorkPlan.planId })).data!.workPlan.categories[0].items[0].id as string;
    await mutate('reportWorkPlanItem', { itemId, unitId: units.MZJ, reportedOn: '2026-06-20', summary: '依申请公开制度已修订', evidence: [{ title: '制度文本', documentRef: '青民〔2026〕3号' }] });
    const before = await app.logPosition();
    const refused = await call('removeWorkPlanItemUnit', { itemId, unitId: units.MZJ, unassignedOn: '2026-07-01', reason: '机构改革：职能划出' });
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      messageZh: expect.stringMatching(/^青川市民政局在事项 1 中的任务已报告完成（报告日期 2026-06-20）、待督查：.*请先督查其报告（现场督查或退办）再移除/u),
    });
    expect(await app.logPosition()).toBe(before);
  });
});
