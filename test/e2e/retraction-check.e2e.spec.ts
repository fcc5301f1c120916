import { TestApp, errorCode, startTestApp } from '../support/test-app.js';
import { namedMutations } from '../support/named-mutations.js';

/*
 * breaker52-8 M1, newcomer52-8 M3 — 撤销此记录 said what a part goes back to (「恢复为该报告之前的状态（待报告）」) even where the
 * server would refuse the retraction because a later record builds on it, and the refusal came only after 确认. The dialog now
 * asks first: `retractionCheck` / `workPlanItemRetractionCheck` run retractRecord's decision and append nothing — null where it
 * would be accepted (also with later records that do not build on it), else its refusal in both languages with its code.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

const CHECK = `query($input: RetractionCheckInput!) { retractionCheck(input: $input) { code message messageZh } }`;
const ITEM_CHECK = `query($input: WorkPlanItemRetractionCheckInput!) { workPlanItemRetractionCheck(input: $input) { code message messageZh } }`;

describe('retractionCheck: 撤销此记录 says before confirming whether the record can be retracted (breaker52-8 M1)', () => {
  let app: TestApp;
  const { call, mutate } = namedMutations(() => app, key, 'id');
  let findingId: string;
  let itemId: string;
  const units: Record<string, string> = {};
  const check = async (input: Record<string, unknown>, headers?: Record<string, string>) => {
    const answer = await app.graphql(CHECK, { input: { findingId, ...input } }, headers);
    expect(answer.errors).toBeUndefined();
    return answer.data!.retractionCheck as { code: string; message: string; messageZh: string } | null;
  };
  const itemCheck = async (input: Record<string, unknown>) => {
    const answer = await app.graphql(ITEM_CHECK, { input: { itemId, ...input } });
    expect(answer.errors).toBeUndefined();
    return answer.data!.workPlanItemRetractionCheck as { code: string; message: string; messageZh: string } | null;
  };

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-12-07T09:00:00+08:00' });
    const admin = await app.as('ADMIN');
    for (const [code, name] of [['CZJ', '青川市财政局'], ['JYJ', '青川市教育局'], ['FGW', '青川市发展和改革委员会']] as const) {
      const unit = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, { input: { idempotencyKey: `unit-${code}`, code, name, kind: 'DEPARTMENT', registeredOn: '2016-01-04' } }, admin);
      units[code] = unit.data!.registerUnit.id as string;
    }
    const evaluationId = (await mutate('registerEvaluation', { title: '2015年度政务公开第三方评估', evaluator: '某研究院', commissionedBy: '省政务公开办', periodStart: '2015-01-01', periodEnd: '2015-12-31', receivedOn: '2016-04-15' })).id;
    findingId = (await mutate('recordFinding', {
      evaluationId, title: '依申请公开答复超期', description: '部分申请超期答复', category: '依申请公开', severity: 'HIGH', identifiedOn: '2016-04-20',
      concernedUnitIds: [units.CZJ, units.JYJ],
      assignment: { assignedOn: '2016-04-26', units: [{ unitId: units.CZJ, role: 'LEAD', dueDate: '2016-07-31' }, { unitId: units.JYJ, role: 'RESPONSIBLE', dueDate: '2016-07-31' }] },
    })).id;
    const evidence = [{ title: '答复登记表', documentRef: '青财〔2016〕9号' }];
    await mutate('urgeUnit', { findingId, unitId: units.CZJ, urgedOn: '2016-07-10', message: '请抓紧整改' });
    await mutate('reportRectification', { findingId, unitId: units.CZJ, reportedOn: '2016-07-15', summary: '已整改', evidence });
    await mutate('reportRectification', { findingId, unitId: units.JYJ, reportedOn: '2016-07-18', summary: '已整改', evidence });
    await mutate('logInspection', { findingId, unitId: units.CZJ, inspectedOn: '2016-07-20', outcome: 'PASSED', place: '市财政局', notes: '已整改到位' }, await app.as('INSPECTOR'));
    await mutate('logInspection', { findingId, unitId: units.JYJ, inspectedOn: '2016-07-22', outcome: 'PASSED', place: '市教育局', notes: '已整改到位' }, await app.as('INSPECTOR'));

    const plan = '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n一,价格信息,1,公开收费目录清单,,青川市发展和改革委员会,,2016-11-30\n';
    const imported = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId } }`, {
      input: { idempotencyKey: key('plan'), fileName: 'plan-2016.csv', title: '青川市2016年价格信息公开要点', year: 2016, contentBase64: Buffer.from(plan, 'utf8').toString('base64'), approvedOn: '2016-10-01', assignedOn: '2016-10-05' },
    });
    expect(imported.errors).toBeUndefined();
    const planId = imported.data!.importWorkPlan.planId as string;
    itemId = (await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id } } } }`, { id: planId })).data!.workPlan.categories[0].items[0].id as string;
    await mutate('reportWorkPlanItem', { itemId, unitId: units.FGW, reportedOn: '2016-10-20', summary: '已公开', evidence: [{ title: '收费目录', link: 'https://www.example.gov.cn/fees' }] });
    await mutate('logWorkPlanItemInspection', { itemId, unitId: units.FGW, inspectedOn: '2016-11-01', outcome: 'PASSED', place: '现场', notes: '' }, await app.as('INSPECTOR'));
  });

  afterAll(async () => {
    await app.close();
  });

  it('a report a later inspection checked: the refusal retractRecord gives, before confirming, and nothing is appended', async () => {
    const before = await app.logPosition();
    const refusal = await check({ unitId: units.CZJ, record: 'REPORT', on: '2016-07-15' });
    expect(refusal).toMatchObject({ code: 'CONFLICT' });
    expect(refusal!.messageZh).toMatch(/撤销青川市财政局 2016-07-15 的整改报告会使其后青川市财政局 2016-07-20 的督查不再成立.*请先撤销该督查记录/u);
    expect(await app.logPosition()).toBe(before);
    const refused = await call('retractRecord', { findingId, unitId: units.CZJ, record: 'REPORT', on: '2016-07-15', reason: '误录' });
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(refused.errors![0]!.extensions!.messageZh).toBe(refusal!.messageZh);
    expect(refused.errors![0]!.message).toBe(refusal!.message);
  });

  it('records with later records that do not build on them are accepted (null): an urging before the report, a pass before the other unit’s', async () => {
    const before = await app.logPosition();
    expect(await check({ unitId: units.CZJ, record: 'URGING', on: '2016-07-10' })).toBeNull();
    expect(await check({ unitId: units.CZJ, record: 'INSPECTION', on: '2016-07-20' })).toBeNull();
    expect(await check({ unitId: units.JYJ, record: 'INSPECTION', on: '2016-07-22' })).toBeNull();
    expect(await app.logPosition()).toBe(before);
  });

  it('a record that reads no such day now is NOT_FOUND; ofTheDay past the day’s records BAD_USER_INPUT; an inspector may not ask (FORBIDDEN)', async () => {
    expect(await check({ unitId: units.CZJ, record: 'REPORT', on: '2016-07-14' })).toMatchObject({ code: 'NOT_FOUND', messageZh: expect.stringContaining('2016-07-14') });
    expect(await check({ unitId: units.CZJ, record: 'URGING', on: '2016-07-10', ofTheDay: 2 })).toMatchObject({ code: 'BAD_USER_INPUT' });
    const forbidden = await app.graphql(CHECK, { input: { findingId, unitId: units.CZJ, record: 'URGING', on: '2016-07-10' } }, await app.as('INSPECTOR'));
    expect(errorCode(forbidden)).toBe('FORBIDDEN');
  });

  it('answers for the records as they stand: once the pass is retracted, its report can be', async () => {
    expect((await call('retractRecord', { findingId, unitId: units.CZJ, record: 'INSPECTION', on: '2016-07-20', reason: '误录' })).errors).toBeUndefined();
    expect(await check({ unitId: units.CZJ, record: 'REPORT', on: '2016-07-15' })).toBeNull();
    expect(await check({ unitId: units.CZJ, record: 'INSPECTION', on: '2016-07-20' })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a work-plan item alike (workPlanItemRetractionCheck): refused under its pass, accepted once the pass is retracted', async () => {
    const before = await app.logPosition();
    const refusal = await itemCheck({ unitId: units.FGW, record: 'REPORT', on: '2016-10-20' });
    expect(refusal).toMatchObject({ code: 'CONFLICT', messageZh: expect.stringMatching(/2016-11-01 的督查不再成立/u) });
    expect(await itemCheck({ unitId: units.FGW, record: 'INSPECTION', on: '2016-11-01' })).toBeNull();
    expect(await app.logPosition()).toBe(before);
    expect((await call('retractWorkPlanItemRecord', { itemId, unitId: units.FGW, record: 'INSPECTION', on: '2016-11-01', reason: '误录' })).errors).toBeUndefined();
    expect(await itemCheck({ unitId: units.FGW, record: 'REPORT', on: '2016-10-20' })).toBeNull();
  });

  it('an item’s only lead: 撤销交办 is refused, check and retraction alike, saying how to replace a wrong lead (breaker53-8 S3)', async () => {
    const before = await app.logPosition();
    const refusal = await itemCheck({ unitId: units.FGW, record: 'ASSIGNMENT', on: '2016-10-05' });
    expect(refusal).toMatchObject({ code: 'CONFLICT', messageZh: expect.stringMatching(/会使工作事项 1 没有牵头单位：方案中的每个事项都须有牵头单位。如牵头单位录错，请先以“牵头”增加正确的单位并勾选“替换原牵头单位”/u) });
    const retracted = await call('retractWorkPlanItemRecord', { itemId, unitId: units.FGW, record: 'ASSIGNMENT', on: '2016-10-05', reason: '交办单位选错' });
    expect(errorCode(retracted)).toBe('CONFLICT');
    expect(retracted.errors![0]!.extensions!.messageZh).toBe(refusal!.messageZh);
    expect(await app.logPosition()).toBe(before);
  });
});
