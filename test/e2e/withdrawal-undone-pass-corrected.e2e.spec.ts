import { parse } from 'csv-parse/sync';
import { errorCode, freshDatabasePath, startTestApp, type TestApp } from '../support/test-app.js';

/*
 * breaker11o P7: a pass dated before an item's withdrawals, typed after them, makes them not stand (撤销不成立:
 * verified work is not withdrawn). When that pass is then corrected — its day moved after the withdrawals
 * (更正督查记录), or its outcome to FAILED — nothing was verified on the withdrawal days any more, yet the
 * withdrawals stayed undone: the item read "in the plan" on days it was out, unlike the same facts typed in
 * date order.
 *
 * Two servers, each on its own SQLite file, office day 2026-06-10:
 * - item 1 (甲局): reported 04-20, withdrawn 05-01, listed again by the version of 06-01, passed on 06-03;
 * - item 2 (乙局): reported 04-22, withdrawn 05-01, listed again 06-01, withdrawn again 06-04, inspected 04-25 and FAILED.
 * In date order those are typed as they happened. As typed, the office enters item 1's pass as of 04-25 and item 2's
 * inspection as PASSED after every withdrawal (both undo their withdrawals), then corrects them: item 1's to 06-03,
 * item 2's to FAILED. Every view — breakdown with 完成率, item pages, withdrawn list, scorecard, export — must then
 * read the same on every day viewed.
 *
 * breaker11o P8, the same for a finding (甲局's part): reported 04-20, withdrawn 05-01; as typed, a pass of 04-25 entered
 * after the withdrawal (撤销不成立), then corrected to FAILED — in date order the failure came before the withdrawal, which
 * stands. A correction of that pass to a day on or after the withdrawal is refused, as the pass typed in date order.
 */
const PLAN_TITLE = '青川市2026年政务公开工作要点（更正督查测试）';
const HEADER = '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n';
const ROWS = '一,公开平台,1,整合政府网站公开专栏,,青川市更正督查甲局,,2026-09-30\n' + '一,公开平台,2,开设政务微信公众号,,青川市更正督查乙局,,2026-09-30\n';
/** The version of 06-01 lists items 1 and 2 again (恢复列入方案) and adds item 3. */
const VERSION_2 = HEADER + ROWS + '一,公开平台,3,公开财政预决算,,青川市更正督查甲局,,2026-10-31\n';
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const DAYS = ['2026-04-26', '2026-05-15', '2026-06-02', '2026-06-03', '2026-06-05', undefined] as const;
const FAILED_NOTES = '督查结论录错：专栏未开通';

type Fact =
  | 'report1'
  | 'report2'
  | 'withdraw1'
  | 'withdraw2'
  | 'listAgain'
  | 'withdraw2Again'
  | 'pass1OnItsDay'
  | 'fail2OnItsDay'
  | 'pass1Late'
  | 'pass2Late'
  | 'pass1IntoWithdrawnDays'
  | 'pass1Redated'
  | 'pass2Failed'
  | 'findingReport'
  | 'findingWithdraw'
  | 'findingFailOnItsDay'
  | 'findingPassLate'
  | 'findingPassAfterWithdrawal'
  | 'findingPassFailed';

class Office {
  private keys = 0;
  readonly units: Record<'JIA' | 'YI', string> = { JIA: '', YI: '' };
  readonly items: Record<string, string> = {};
  planId = '';
  findingId = '';

  constructor(readonly app: TestApp) {}

  async setUp(): Promise<void> {
    for (const [code, name] of [['JIA', '青川市更正督查甲局'], ['YI', '青川市更正督查乙局']] as const) {
      const unit = await this.app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, { input: { idempotencyKey: `unit-${code}`, code, name, kind: 'DEPARTMENT', registeredOn: '2026-01-01' } }, await this.app.as('ADMIN'));
      expect(unit.errors).toBeUndefined();
      this.units[code] = unit.data!.registerUnit.id;
    }
    const imported = await this.app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId } }`, {
      input: { idempotencyKey: 'plan', fileName: 'plan.csv', title: PLAN_TITLE, year: 2026, contentBase64: base64(HEADER + ROWS), approvedOn: '2026-03-01', assignedOn: '2026-03-02' },
    });
    expect(imported.errors).toBeUndefined();
    this.planId = imported.data!.importWorkPlan.planId;
    const outline = await this.app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id code } } } }`, { id: this.planId });
    for (const category of outline.data!.workPlan.categories as { items: { id: string; code: string }[] }[]) for (const one of category.items) this.items[one.code] = one.id;
    const evaluation = await this.app.graphql(`mutation($input: RegisterEvaluationInput!) { registerEvaluation(input: $input) { id } }`, {
      input: { idempotencyKey: 'evaluation', title: '2026年度政务公开第三方评估（更正督查测试）', evaluator: '中部政府透明度研究院', commissionedBy: '青川市政务公开办', periodStart: '2026-01-01', periodEnd: '2026-03-31', receivedOn: '2026-04-01' },
    });
    expect(evaluation.errors).toBeUndefined();
    const finding = await this.app.graphql(`mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`, {
      input: {
        idempotencyKey: 'finding',
        evaluationId: evaluation.data!.registerEvaluation.id,
        title: '依申请公开答复超期',
        description: '部分申请超过法定期限答复',
        category: '依申请公开',
        severity: 'MEDIUM',
        identifiedOn: '2026-04-01',
        assignment: { assignedOn: '2026-04-02', units: [{ unitId: this.units.JIA, role: 'LEAD', dueDate: '2026-09-30' }] },
      },
    });
    expect(finding.errors).toBeUndefined();
    this.findingId = finding.data!.recordFinding.id;
  }

  private async mutate(name: string, input: Record<string, unknown>, headers?: Record<string, string>) {
    const type = `${name[0]!.toUpperCase()}${name.slice(1)}Input`;
    const fields = name === 'importWorkPlan' ? '{ planId }' : '{ __typename }';
    return this.app.graphql(`mutation($input: ${type}!) { ${name}(input: $input) ${fields} }`, { input: { idempotencyKey: `${name}-${(this.keys += 1)}`, ...input } }, headers);
  }

  private async findingInspection(): Promise<{ inspectionId: string; inspectedOn: string; outcome: string }> {
    const page = await this.app.graphql(`query($id: ID!) { finding(id: $id) { assignments { inspections { inspectionId inspectedOn outcome } } } }`, { id: this.findingId });
    return page.data!.finding.assignments[0].inspections[0];
  }

  private async inspectionOf(code: string): Promise<{ inspectionId: string; inspectedOn: string; outcome: string }> {
    const page = await this.app.graphql(`query($id: ID!) { workPlanItem(id: $id) { parts { inspections { inspectionId inspectedOn outcome } } } }`, { id: this.items[code] });
    return page.data!.workPlanItem.parts[0].inspections[0];
  }

  /** Types one fact; answers its refusal (code and Chinese message), or null when it was taken. */
  async type(fact: Fact): Promise<{ code: string; zh: string } | null> {
    const evidence = [{ title: '公开页面', link: 'https://www.example.gov.cn/x' }];
    const unitOf = (code: string) => (code === '1' ? 'JIA' : 'YI') as 'JIA' | 'YI';
    const report = async (code: string, reportedOn: string) =>
      this.mutate('reportWorkPlanItem', { itemId: this.items[code], unitId: this.units[unitOf(code)], summary: '已整改', evidence, reportedOn }, await this.app.as('UNIT', this.units[unitOf(code)]));
    const inspect = async (code: string, inspectedOn: string, outcome: 'PASSED' | 'FAILED') =>
      this.mutate(
        'logWorkPlanItemInspection',
        { itemId: this.items[code], unitId: this.units[unitOf(code)], outcome, inspectedOn, place: '现场', ...(outcome === 'FAILED' ? { notes: FAILED_NOTES, newDueDate: '2026-09-30' } : {}) },
        await this.app.as('INSPECTOR'),
      );
    const withdraw = (code: string, withdrawnOn: string) => this.mutate('withdrawWorkPlanItem', { itemId: this.items[code], reason: '依据第二版方案调整', withdrawnOn });
    const correct = async (code: string, change: Record<string, unknown>) => {
      const inspection = await this.inspectionOf(code);
      return this.mutate('correctWorkPlanItemInspection', {
        itemId: this.items[code],
        unitId: this.units[unitOf(code)],
        inspectionId: inspection.inspectionId,
        expectedInspectedOn: inspection.inspectedOn,
        expectedOutcome: inspection.outcome,
        reason: FAILED_NOTES,
        ...change,
      });
    };
    const inspectFinding = async (inspectedOn: string, outcome: 'PASSED' | 'FAILED') =>
      this.mutate(
        'logInspection',
        { findingId: this.findingId, unitId: this.units.JIA, outcome, inspectedOn, place: '现场', ...(outcome === 'FAILED' ? { notes: FAILED_NOTES, newDueDate: '2026-09-30' } : {}) },
        await this.app.as('INSPECTOR'),
      );
    const correctFinding = async (change: Record<string, unknown>) => {
      const inspection = await this.findingInspection();
      return this.mutate('correctInspection', { findingId: this.findingId, unitId: this.units.JIA, inspectionId: inspection.inspectionId, expectedInspectedOn: inspection.inspectedOn, expectedOutcome: inspection.outcome, reason: FAILED_NOTES, ...change });
    };
    const response = await {
      findingReport: async () => this.mutate('reportRectification', { findingId: this.findingId, unitId: this.units.JIA, summary: '已整改', evidence, reportedOn: '2026-04-20' }, await this.app.as('UNIT', this.units.JIA)),
      findingWithdraw: () => this.mutate('withdrawFinding', { findingId: this.findingId, reason: '评估机构来函撤回该问题', withdrawnOn: '2026-05-01' }),
      findingFailOnItsDay: () => inspectFinding('2026-04-25', 'FAILED'),
      findingPassLate: () => inspectFinding('2026-04-25', 'PASSED'),
      findingPassAfterWithdrawal: () => correctFinding({ inspectedOn: '2026-05-15' }),
      findingPassFailed: () => correctFinding({ outcome: 'FAILED', newDueDate: '2026-09-30' }),
      report1: () => report('1', '2026-04-20'),
      report2: () => report('2', '2026-04-22'),
      withdraw1: () => withdraw('1', '2026-05-01'),
      withdraw2: () => withdraw('2', '2026-05-01'),
      listAgain: () => this.mutate('importWorkPlan', { fileName: 'plan-v2.csv', title: PLAN_TITLE, year: 2026, contentBase64: base64(VERSION_2), revise: true, assignedOn: '2026-06-01' }),
      withdraw2Again: () => withdraw('2', '2026-06-04'),
      pass1OnItsDay: () => inspect('1', '2026-06-03', 'PASSED'),
      fail2OnItsDay: () => inspect('2', '2026-04-25', 'FAILED'),
      pass1Late: () => inspect('1', '2026-04-25', 'PASSED'),
      pass2Late: () => inspect('2', '2026-04-25', 'PASSED'),
      // Inside item 1's withdrawn days (05-01 until 06-01) once its withdrawal stands again: refused, as that pass typed in date order.
      pass1IntoWithdrawnDays: () => correct('1', { inspectedOn: '2026-05-15' }),
      pass1Redated: () => correct('1', { inspectedOn: '2026-06-03' }),
      pass2Failed: () => correct('2', { outcome: 'FAILED', newDueDate: '2026-09-30' }),
    }[fact]();
    return response.errors ? { code: errorCode(response) as string, zh: String(response.errors[0]!.extensions!.messageZh) } : null;
  }

  /** Everything a supervisor sees of the plan on `asOf` (absent: now), in one comparable shape. */
  async views(asOf?: string) {
    const plan = await this.app.graphql(
      `query($id: ID!, $asOf: String) { workPlan(id: $id, asOf: $asOf) {
        progress { items completedItems percentComplete parts verifiedParts }
        categories { items { code status completedOn percentComplete } } } }`,
      { id: this.planId, asOf },
    );
    expect(plan.errors).toBeUndefined();
    const pages: Record<string, unknown> = {};
    for (const code of ['1', '2']) {
      const page = await this.app.graphql(
        `query($id: ID!, $asOf: String) { workPlanItem(id: $id, asOf: $asOf) { status withdrawnOn completedOn parts { status dueDate verifiedOn reports { reportedOn } inspections { inspectedOn outcome } } } }`,
        { id: this.items[code], asOf },
      );
      expect(page.errors).toBeUndefined();
      pages[code] = page.data!.workPlanItem;
    }
    const withdrawn = await this.app.graphql(`query($planId: ID!, $asOf: String) { workPlanItems(planId: $planId, withdrawn: true, asOf: $asOf) { nodes { code withdrawnOn } } }`, { planId: this.planId, asOf });
    expect(withdrawn.errors).toBeUndefined();
    const scorecard = await this.app.graphql(`query($asOf: String) { unitScorecard(asOf: $asOf) { unitName parts due onTime overdue returned } }`, { asOf });
    expect(scorecard.errors).toBeUndefined();
    const finding = await this.app.graphql(
      `query($id: ID!, $asOf: String) { finding(id: $id, asOf: $asOf) { status withdrawnOn closedOn assignments { status dueDate inspections { inspectedOn outcome } } }
        dashboard(asOf: $asOf) { findings { total open closed unassigned } } }`,
      { id: this.findingId, asOf },
    );
    expect(finding.errors).toBeUndefined();
    return {
      plan: plan.data!.workPlan,
      pages,
      withdrawn: withdrawn.data!.workPlanItems.nodes,
      scorecard: scorecard.data!.unitScorecard,
      exported: await this.exported(asOf),
      finding: finding.data!.finding,
      findingTotals: finding.data!.dashboard.findings,
      ledger: await this.exported(asOf, 'ledger'),
    };
  }

  /** The work-plan export's rows (CSV) from its header on. */
  private async exported(asOf?: string, what: 'work-plan' | 'ledger' = 'work-plan'): Promise<string[][]> {
    const query = what === 'work-plan' ? `planId=${this.planId}` : '';
    const response = await fetch(`${this.app.url}/export/${what}.csv?${query}${asOf ? `&asOf=${asOf}` : ''}`, { headers: await this.app.as('SUPERVISOR') });
    expect(response.status).toBe(200);
    const rows = parse(Buffer.from(await response.arrayBuffer()).subarray(3).toString('utf8'), { relax_column_count: true }) as string[][];
    return rows.slice(rows.findIndex((row) => row.includes('状态')));
  }
}

describe('correcting the pass that made an item’s or a finding’s withdrawals not stand judges them again, whatever the typing order (breaker11o P7, P8)', () => {
  let inDateOrder: Office;
  let asTyped: Office;

  beforeAll(async () => {
    const now = '2026-06-10T09:00:00+08:00';
    [inDateOrder, asTyped] = [new Office(await startTestApp({ sqlitePath: freshDatabasePath(), now })), new Office(await startTestApp({ sqlitePath: freshDatabasePath(), now }))];
    await inDateOrder.setUp();
    await asTyped.setUp();
  });

  afterAll(async () => {
    await inDateOrder?.app.close();
    await asTyped?.app.close();
  });

  it('typed in date order, every fact is taken', async () => {
    for (const fact of ['report1', 'report2', 'findingReport', 'fail2OnItsDay', 'findingFailOnItsDay', 'withdraw1', 'withdraw2', 'findingWithdraw', 'listAgain', 'pass1OnItsDay', 'withdraw2Again'] as const) {
      expect(await inDateOrder.type(fact)).toBeNull();
    }
  });

  it('as typed, the late passes undo the withdrawals; a correction into item 1’s withdrawn days is then refused, writing nothing; the corrections are taken', async () => {
    for (const fact of ['report1', 'report2', 'withdraw1', 'withdraw2', 'listAgain', 'withdraw2Again', 'pass1Late', 'pass2Late'] as const) expect(await asTyped.type(fact)).toBeNull();
    expect((await asTyped.views()).withdrawn).toEqual([]);
    const head = await asTyped.app.logPosition();
    const refused = await asTyped.type('pass1IntoWithdrawnDays');
    expect(refused).toEqual({ code: 'CONFLICT', zh: expect.stringMatching(/2026-05-01 的撤销依日期重新成立：该事项 2026-05-01 撤销，2026-06-01 起才恢复列入方案，2026-05-15 不在方案中/) });
    expect(await asTyped.app.logPosition()).toBe(head);
    expect(await asTyped.type('pass1Redated')).toBeNull();
    expect(await asTyped.type('pass2Failed')).toBeNull();
  });

  it('as typed, the finding’s late pass undoes its withdrawal; re-dating that pass after the withdrawal is refused, writing nothing; re-marked FAILED it is taken', async () => {
    for (const fact of ['findingReport', 'findingWithdraw', 'findingPassLate'] as const) expect(await asTyped.type(fact)).toBeNull();
    expect((await asTyped.views()).finding).toMatchObject({ status: 'CLOSED', withdrawnOn: null });
    const head = await asTyped.app.logPosition();
    expect(await asTyped.type('findingPassAfterWithdrawal')).toEqual({ code: 'CONFLICT', zh: expect.stringMatching(/在 2026-05-01 时并无核验通过的整改，当日的撤销（评估机构来函撤回该问题）依日期重新成立：2026-05-15 该问题已撤销/) });
    expect(await asTyped.app.logPosition()).toBe(head);
    expect(await asTyped.type('findingPassFailed')).toBeNull();
    expect((await asTyped.views()).finding).toMatchObject({ status: 'WITHDRAWN', withdrawnOn: '2026-05-01' });
  });

  it.each(DAYS)('on %s the breakdown, 完成率, item pages, withdrawn list, scorecard and export agree', async (asOf) => {
    expect(await asTyped.views(asOf)).toEqual(await inDateOrder.views(asOf));
  });

  it('item 1 is out of the plan from 05-01 until 06-01 and completed on 06-03; item 2 is withdrawn again from 06-04 with its failed inspection', async () => {
    const may = await asTyped.views('2026-05-15');
    expect(may.pages['1']).toMatchObject({ status: 'WITHDRAWN', withdrawnOn: '2026-05-01' });
    expect(may.withdrawn).toEqual([
      { code: '1', withdrawnOn: '2026-05-01' },
      { code: '2', withdrawnOn: '2026-05-01' },
    ]);
    const now = await asTyped.views();
    expect(now.pages['1']).toMatchObject({ status: 'COMPLETED', withdrawnOn: null, completedOn: '2026-06-03' });
    expect(now.pages['2']).toMatchObject({ status: 'WITHDRAWN', withdrawnOn: '2026-06-04', parts: [{ status: 'RETURNED', inspections: [{ inspectedOn: '2026-04-25', outcome: 'FAILED' }] }] });
    expect(now.withdrawn).toEqual([{ code: '2', withdrawnOn: '2026-06-04' }]);
  });
});
