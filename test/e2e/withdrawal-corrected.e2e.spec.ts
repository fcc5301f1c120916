import { namedMutations } from '../support/named-mutations.js';
import { TestApp, errorCode, startTestApp } from '../support/test-app.js';

/*
 * breaker8f P1: a withdrawal typed on the wrong day or on the wrong finding could never be corrected
 * or taken back — withdrawFinding again and reopenFinding were refused as "已撤销…不再办理", and
 * correctRecordDate has no withdrawal record — so past days read the finding withdrawn for ever.
 * Now `correctFindingWithdrawal` moves a withdrawal to its real day and `undoFindingWithdrawal` takes
 * it back (both SUPERVISOR, with a reason; the history keeps the withdrawal and the correction); the
 * same for work-plan items. Every view — now, a past day, the dashboard, the lists — agrees, and a
 * cut known before the correction still shows the withdrawal as it was recorded. Office day 2026-11-25.
 */
describe('a withdrawal entered by mistake is corrected or taken back (breaker8f P1)', () => {
  let app: TestApp;
  let unitId: string;
  let evaluationId: string;

  const { call: mutate, mutate: ok } = namedMutations(() => app, (name) => `${name}-${Math.random()}`, 'id status withdrawnOn withdrawalReason');
  const findingOn = async (id: string, asOf?: string, knownAt?: string) => {
    const answer = await app.graphql(`query($id: ID!, $asOf: String, $knownAt: String) { finding(id: $id, asOf: $asOf, knownAt: $knownAt) { status withdrawnOn history { eventType } } }`, { id, asOf, knownAt });
    expect(answer.errors).toBeUndefined();
    return answer.data!.finding as { status: string; withdrawnOn: string | null; history: { eventType: string }[] };
  };
  const totalOn = async (asOf?: string) => {
    const answer = await app.graphql(`query($asOf: String) { dashboard(asOf: $asOf) { findings { total } } }`, { asOf });
    expect(answer.errors).toBeUndefined();
    return answer.data!.dashboard.findings.total as number;
  };

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-25T09:00:00+08:00' });
    const unit = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, { input: { idempotencyKey: 'unit', code: 'MZJ', name: '青川市民政局', kind: 'DEPARTMENT', registeredOn: '2026-01-01' } }, await app.as('ADMIN'));
    unitId = unit.data!.registerUnit.id;
    const evaluation = await app.graphql(`mutation($input: RegisterEvaluationInput!) { registerEvaluation(input: $input) { id } }`, {
      input: { idempotencyKey: 'evaluation', title: '2026年度政务公开第三方评估报告', evaluator: '中部政府透明度研究院', commissionedBy: '青川市人民政府办公室', periodStart: '2026-01-01', periodEnd: '2026-06-30', receivedOn: '2026-09-15' },
    });
    evaluationId = evaluation.data!.registerEvaluation.id;
  });

  afterAll(async () => {
    await app?.close();
  });

  const record = async (title: string) =>
    (
      await ok('recordFinding', {
        evaluationId, title, description: title, category: '重点领域', severity: 'MEDIUM', identifiedOn: '2026-09-18',
        assignment: { assignedOn: '2026-09-20', units: [{ unitId, role: 'LEAD', dueDate: '2026-12-31' }] },
      })
    ).id;

  it('a withdrawal typed 11-02 for the letter of 11-20 is moved to 11-20: the days between count it again, the history keeps both', async () => {
    const findingId = await record('社会救助政策解读缺失');
    await ok('withdrawFinding', { findingId, reason: '评估机构来函撤销', withdrawnOn: '2026-11-02' });
    // The correction is entered an hour later (the clock is the test's).
    const wrongAt = '2026-11-25T09:30:00+08:00';
    app.clock.set('2026-11-25T10:00:00+08:00');
    expect(await totalOn('2026-11-10')).toBe(0);
    // Before: the only ways on were refused.
    expect(errorCode(await mutate('withdrawFinding', { findingId, reason: '评估机构来函撤销', withdrawnOn: '2026-11-20' }))).toBe('CONFLICT');

    const moved = await ok('correctFindingWithdrawal', { findingId, withdrawnOn: '2026-11-20', reason: '来函日期为11月20日，录入时误填' });
    expect(moved).toEqual({ id: findingId, status: 'WITHDRAWN', withdrawnOn: '2026-11-20', withdrawalReason: '评估机构来函撤销' });
    expect(await findingOn(findingId, '2026-11-10')).toMatchObject({ status: 'OPEN', withdrawnOn: null });
    expect(await findingOn(findingId, '2026-11-21')).toMatchObject({ status: 'WITHDRAWN', withdrawnOn: '2026-11-20' });
    expect(await totalOn('2026-11-10')).toBe(1);
    expect(await totalOn()).toBe(0);
    // What was known before the correction: withdrawn from 11-02, as recorded then.
    expect(await findingOn(findingId, '2026-11-10', wrongAt)).toMatchObject({ status: 'WITHDRAWN', withdrawnOn: '2026-11-02' });
    expect((await findingOn(findingId)).history.map((entry) => entry.eventType)).toEqual(['FindingRecorded', 'UnitAssigned', 'FindingWithdrawn', 'FindingWithdrawalUndone', 'FindingWithdrawn']);

    // And back to an earlier day: 11-20's withdrawal is not left standing behind the new one.
    await ok('correctFindingWithdrawal', { findingId, withdrawnOn: '2026-11-05', reason: '再次核对来函，应为11月5日' });
    expect(await findingOn(findingId, '2026-11-10')).toMatchObject({ status: 'WITHDRAWN', withdrawnOn: '2026-11-05' });
    expect(await findingOn(findingId, '2026-11-21')).toMatchObject({ status: 'WITHDRAWN', withdrawnOn: '2026-11-05' });
    expect(await totalOn('2026-11-04')).toBe(1);
    expect(await totalOn('2026-11-10')).toBe(0);
  });

  it('a withdrawal on the wrong finding is taken back: it is on the 台账 on every day and takes work again', async () => {
    const findingId = await record('养老服务机构信息未公开');
    await ok('withdrawFinding', { findingId, reason: '与另一问题重复登记', withdrawnOn: '2026-11-24' });
    const before = await totalOn();
    const back = await ok('undoFindingWithdrawal', { findingId, reason: '点错了问题，本问题未撤销' });
    expect(back).toEqual({ id: findingId, status: 'OPEN', withdrawnOn: null, withdrawalReason: null });
    expect(await totalOn()).toBe(before + 1);
    expect(await findingOn(findingId, '2026-11-24')).toMatchObject({ status: 'OPEN' });
    const report = await app.graphql(
      `mutation($input: ReportRectificationInput!) { reportRectification(input: $input) { id } }`,
      { input: { idempotencyKey: 'report-after-undo', findingId, unitId, summary: '已公开养老机构名录', evidence: [{ title: '名录', link: 'https://www.qingchuan.gov.cn/mzj' }] } },
      await app.as('UNIT', unitId),
    );
    expect(report.errors).toBeUndefined();
  });

  it('taken back from a form that showed the withdrawal before it was moved: CONFLICT naming the day now, nothing undone; shown the day now, undone (f52a: undo took no expected day)', async () => {
    const findingId = await record('慈善组织年报公开不全');
    await ok('withdrawFinding', { findingId, reason: '评估机构来函撤销', withdrawnOn: '2026-11-24' });
    await ok('correctFindingWithdrawal', { findingId, withdrawnOn: '2026-11-20', expectedWithdrawnOn: '2026-11-24', reason: '来函日期为11月20日' });
    const stale = await mutate('undoFindingWithdrawal', { findingId, expectedWithdrawnOn: '2026-11-24', reason: '点错了问题' });
    expect({ code: errorCode(stale), field: stale.errors?.[0]?.extensions?.field }).toEqual({ code: 'CONFLICT', field: 'expectedWithdrawnOn' });
    expect(stale.errors![0]!.extensions!.messageZh).toMatch(
      /^问题「慈善组织年报公开不全」的撤销日期刚由您改为 2026-11-20（北京时间 2026-11-25 \d\d:\d\d；理由：撤销日期更正为 2026-11-20：来函日期为11月20日；表单显示的是 2026-11-24）：请确认后再调整，本次未作修改。$/,
    );
    expect((await findingOn(findingId)).withdrawnOn).toBe('2026-11-20');
    expect(await ok('undoFindingWithdrawal', { findingId, expectedWithdrawnOn: '2026-11-20', reason: '点错了问题' })).toMatchObject({ status: 'OPEN', withdrawnOn: null });
  });

  it('corrected or taken back, at the same moment as a colleague takes it back: one undo, the other told who took it back, when and why (newcomer53-9 M1)', async () => {
    const findingId = await record('养老服务补贴发放信息未公开');
    await ok('withdrawFinding', { findingId, reason: '评估机构来函撤销', withdrawnOn: '2026-11-24' });
    const colleague = await app.as('SUPERVISOR');
    const [undo, correct] = await Promise.all([
      mutate('undoFindingWithdrawal', { findingId, expectedWithdrawnOn: '2026-11-24', reason: '撤销有误' }),
      mutate('correctFindingWithdrawal', { findingId, withdrawnOn: '2026-11-20', expectedWithdrawnOn: '2026-11-24', reason: '来函日期为11月20日' }, colleague),
    ]);
    const lost = [undo, correct].filter((answer) => answer.errors);
    expect(lost).toHaveLength(1);
    expect({ code: errorCode(lost[0]!), field: lost[0]!.errors?.[0]?.extensions?.field }).toEqual({ code: 'CONFLICT', field: 'expectedWithdrawnOn' });
    if (!undo.errors) {
      expect(lost[0]!.errors![0]!.extensions!.messageZh).toMatch(/^问题「养老服务补贴发放信息未公开」的撤销刚由.+改为 已撤回（问题已恢复到台账）（北京时间 2026-11-25 \d\d:\d\d；理由：撤销有误；表单显示的是 2026-11-24 撤销）：请确认后再调整，本次未作修改。$/);
      // A second 恢复 from the same stale form: told the same, not 「无需更正撤销」.
      const again = await mutate('undoFindingWithdrawal', { findingId, expectedWithdrawnOn: '2026-11-24', reason: '撤销有误' }, colleague);
      expect(again.errors![0]!.extensions!.messageZh).toContain('的撤销刚由');
      expect((await findingOn(findingId)).status).toBe('OPEN');
    } else {
      expect(lost[0]!.errors![0]!.extensions!.messageZh).toContain('的撤销日期刚由');
    }
  });

  it('refuses a finding not withdrawn, a unit or inspector, no reason, and a day before something recorded on its parts', async () => {
    const findingId = await record('低保对象名单公示不规范');
    const notWithdrawn = await mutate('undoFindingWithdrawal', { findingId, reason: '误操作' });
    expect({ code: errorCode(notWithdrawn), zh: notWithdrawn.errors?.[0]?.extensions?.messageZh }).toEqual({ code: 'CONFLICT', zh: '问题「低保对象名单公示不规范」没有撤销，无需更正撤销。' });
    await ok('withdrawFinding', { findingId, reason: '评估机构撤回', withdrawnOn: '2026-11-24' });
    expect(errorCode(await mutate('undoFindingWithdrawal', { findingId, reason: '误操作' }, await app.as('INSPECTOR')))).toBe('FORBIDDEN');
    expect(errorCode(await mutate('undoFindingWithdrawal', { findingId, reason: ' ' }))).toBe('BAD_USER_INPUT');
    const early = await mutate('correctFindingWithdrawal', { findingId, withdrawnOn: '2026-09-19', reason: '日期录错' });
    expect({ code: errorCode(early), field: early.errors?.[0]?.extensions?.field }).toEqual({ code: 'BAD_USER_INPUT', field: 'withdrawnOn' });
    expect((await findingOn(findingId)).withdrawnOn).toBe('2026-11-24');
  });

  it('the original of a withdrawn repeat is not withdrawn before the repeat’s day, and the repeat’s day can still be corrected after it (breaker8g P17)', async () => {
    const original = await record('殡葬服务收费标准未公开');
    const repeat = await record('婚姻登记办事指南更新滞后');
    await ok('withdrawFinding', { findingId: repeat, reason: '重复登记', withdrawnOn: '2026-11-10', duplicateOf: original });
    // Before: accepted on any day, leaving the problem recorded nowhere on the days between.
    const early = await mutate('withdrawFinding', { findingId: original, reason: '评估机构来函撤销', withdrawnOn: '2026-11-05' });
    expect({ code: errorCode(early), field: early.errors?.[0]?.extensions?.field }).toEqual({ code: 'BAD_USER_INPUT', field: 'withdrawnOn' });
    expect(early.errors?.[0]?.extensions?.messageZh ?? early.errors?.[0]?.message).toMatch(/婚姻登记办事指南更新滞后/);
    expect(await ok('withdrawFinding', { findingId: original, reason: '评估机构来函撤销', withdrawnOn: '2026-11-15' })).toMatchObject({ status: 'WITHDRAWN', withdrawnOn: '2026-11-15' });
    // Before: CONFLICT 「…本身已撤销」, though the original stood on 11-08.
    expect(await ok('correctFindingWithdrawal', { findingId: repeat, withdrawnOn: '2026-11-08', reason: '重复登记的处理日期录错' })).toMatchObject({ status: 'WITHDRAWN', withdrawnOn: '2026-11-08' });
    const late = await mutate('correctFindingWithdrawal', { findingId: repeat, withdrawnOn: '2026-11-16', reason: '再核对' });
    expect(errorCode(late)).toBe('CONFLICT');
  });

  it('a withdrawal moved to the letter’s day before a unit’s report, made not knowing of it, is recorded; the report stays, counted nowhere (breaker11h P8)', async () => {
    const reportedOn = async (asOf?: string) => (await app.graphql(`query($asOf: String) { dashboard(asOf: $asOf) { parts { reported } } }`, { asOf })).data!.dashboard.parts.reported as number;
    const before = { now: await reportedOn(), on21: await reportedOn('2026-11-21') };
    const findingId = await record('养老机构名录未公开');
    await ok('reportRectification', { findingId, unitId, summary: '已公开养老机构名录', evidence: [{ title: '名录页面', link: 'https://mzj.example.gov.cn/yl' }], reportedOn: '2026-11-20' }, await app.as('UNIT', unitId), '__typename');
    await ok('withdrawFinding', { findingId, reason: '评估机构来函撤回', withdrawnOn: '2026-11-24' });
    // Before: BAD_USER_INPUT 「撤销日期（2026-11-19）早于青川市民政局的报告日期（2026-11-20），日期顺序不对。」
    expect(await ok('correctFindingWithdrawal', { findingId, withdrawnOn: '2026-11-19', reason: '来函日期为11月19日' })).toMatchObject({ status: 'WITHDRAWN', withdrawnOn: '2026-11-19' });
    expect(await findingOn(findingId, '2026-11-18')).toMatchObject({ status: 'OPEN', withdrawnOn: null });
    expect(await findingOn(findingId, '2026-11-21')).toMatchObject({ status: 'WITHDRAWN', withdrawnOn: '2026-11-19' });
    expect((await findingOn(findingId)).history.map((entry) => entry.eventType)).toContain('RectificationReported');
    // Counted on no day from the 19th, now and on a past day alike.
    expect({ now: await reportedOn(), on21: await reportedOn('2026-11-21') }).toEqual(before);
    // A record dated on or after the letter's day is still not taken.
    const after = await mutate('urgeUnit', { findingId, unitId, message: '请报送', urgedOn: '2026-11-22' });
    expect(errorCode(after)).toBe('CONFLICT');
    // A new withdrawal may be dated so too (the same rule): a finding reported on 11-20, withdrawn as of 11-19.
    const second = await record('居家养老服务补贴标准未公开');
    await ok('reportRectification', { findingId: second, unitId, summary: '已公开补贴标准', evidence: [{ title: '标准页面', link: 'https://mzj.example.gov.cn/bt' }], reportedOn: '2026-11-20' }, await app.as('UNIT', unitId), '__typename');
    expect(await ok('withdrawFinding', { findingId: second, reason: '评估机构来函撤回', withdrawnOn: '2026-11-19' })).toMatchObject({ status: 'WITHDRAWN', withdrawnOn: '2026-11-19' });
  });

  it('a work-plan item withdrawn on the wrong day is moved, and one withdrawn by mistake comes back into the plan', async () => {
    const csv =
      '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n' +
      '一,重点领域,1,公开社会救助政策,,青川市民政局,,2026-12-31\n' +
      '一,重点领域,2,公开养老服务信息,,青川市民政局,,2026-12-31\n';
    const imported = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId } }`, {
      input: { idempotencyKey: 'plan', fileName: 'plan.csv', title: '青川市2026年民政信息公开工作要点', year: 2026, contentBase64: Buffer.from(csv).toString('base64'), approvedOn: '2026-03-01', assignedOn: '2026-03-02' },
    });
    expect(imported.errors).toBeUndefined();
    const planId = imported.data!.importWorkPlan.planId as string;
    const codesOn = async (asOf?: string) =>
      ((await app.graphql(`query($planId: ID!, $asOf: String) { workPlanItems(planId: $planId, asOf: $asOf) { nodes { id code } } }`, { planId, asOf })).data!.workPlanItems.nodes as { id: string; code: string }[]);
    const [first, second] = await codesOn();
    const act = async (name: string, input: Record<string, unknown>) => {
      const answer = await app.graphql(`mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { status withdrawnOn } }`, { input: { idempotencyKey: `${name}-${Math.random()}`, ...input } });
      expect(answer.errors).toBeUndefined();
      return answer.data![name] as { status: string; withdrawnOn: string | null };
    };
    await act('withdrawWorkPlanItem', { itemId: first!.id, reason: '并入第2项办理', withdrawnOn: '2026-11-20' });
    // breaker11h P8 for items: the unit of item 2 reported on 11-22, not knowing the plan took it out on the notice's day (11-21).
    const reported = await app.graphql(`mutation($input: ReportWorkPlanItemInput!) { reportWorkPlanItem(input: $input) { __typename } }`, {
      input: { idempotencyKey: `report-${Math.random()}`, itemId: second!.id, unitId, summary: '已公开养老服务信息', evidence: [{ title: '公开页面', link: 'https://mzj.example.gov.cn/ylfw' }], reportedOn: '2026-11-22' },
    }, await app.as('UNIT', unitId));
    expect(reported.errors).toBeUndefined();
    expect(await act('withdrawWorkPlanItem', { itemId: second!.id, reason: '方案调整', withdrawnOn: '2026-11-21' })).toEqual({ status: 'WITHDRAWN', withdrawnOn: '2026-11-21' });
    expect(await act('undoWorkPlanItemWithdrawal', { itemId: second!.id, reason: '方案调整通知另有安排' })).toEqual({ status: 'OPEN', withdrawnOn: null });
    expect(await act('correctWorkPlanItemWithdrawal', { itemId: first!.id, withdrawnOn: '2026-10-10', reason: '方案调整通知为10月10日' })).toEqual({ status: 'WITHDRAWN', withdrawnOn: '2026-10-10' });
    expect((await codesOn('2026-10-09')).map((item) => item.code)).toEqual(['1', '2']);
    expect((await codesOn('2026-10-11')).map((item) => item.code)).toEqual(['2']);
    expect((await codesOn('2026-11-21')).map((item) => item.code)).toEqual(['2']);

    await act('withdrawWorkPlanItem', { itemId: second!.id, reason: '误撤', withdrawnOn: '2026-11-24' });
    expect(await act('undoWorkPlanItemWithdrawal', { itemId: second!.id, reason: '撤错了事项' })).toEqual({ status: 'OPEN', withdrawnOn: null });
    expect((await codesOn()).map((item) => item.code)).toEqual(['2']);

    // f52a: an undo from a form that showed item 1 withdrawn on 11-20, before it was moved to 10-10: refused, nothing undone.
    const UNDO = `mutation($input: UndoWorkPlanItemWithdrawalInput!) { undoWorkPlanItemWithdrawal(input: $input) { status } }`;
    const stale = await app.graphql(UNDO, { input: { idempotencyKey: 'undo-item-stale', itemId: first!.id, expectedWithdrawnOn: '2026-11-20', reason: '撤错了事项' } });
    expect({ code: errorCode(stale), field: stale.errors?.[0]?.extensions?.field }).toEqual({ code: 'CONFLICT', field: 'expectedWithdrawnOn' });
    expect(stale.errors![0]!.extensions!.messageZh).toMatch(/^工作事项 1 的撤销日期刚由您改为 2026-10-10（北京时间 2026-11-25 \d\d:\d\d；理由：撤销日期更正为 2026-10-10：方案调整通知为10月10日；表单显示的是 2026-11-20）：请确认后再调整，本次未作修改。$/);
    expect(await act('undoWorkPlanItemWithdrawal', { itemId: first!.id, expectedWithdrawnOn: '2026-10-10', reason: '撤错了事项' })).toEqual({ status: 'OPEN', withdrawnOn: null });
  });
});
