import { byPinyin } from '../../src/shared/chinese-order.js';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { TestApp, errorCode, startTestApp } from '../support/test-app.js';

/**
 * The whole story of issue 3, through HTTP GraphQL on a real SQLite file: an evaluation with two
 * findings, a team and a plan, assignments to three units, an extension, reports, one sent back,
 * one failed inspection, re-reports, passes, both findings closed — and the dashboard as it
 * stood in the middle, replayed from the log.
 */
let INSPECTOR: Record<string, string>;
const unitHeaders = new Map<string, Record<string, string>>();
const asUnit = (unitId: string) => unitHeaders.get(unitId)!;

const FINDING_FIELDS = `id status closedOn
  assignments { unitId role status dueDate originalDueDate trafficLight unit { name }
    reports { summary evidence { title link documentRef } }
    inspections { outcome notes inspectedOn place }
    extensionRequests { requestId status grantedDueDate }
    urges { message } returns { cause reason } }
  history { eventType actorId actorName actorRole actorUnitId unitId recordedAt }`;

/**
 * A unit user reads every part's progress, but the reports, notes and extension requests of its own
 * part only: it asks for its own part (breaker11i P4).
 */
const unitViewFields = (unitId: string) =>
  `id status closedOn assignments(unitId: ${JSON.stringify(unitId)}) { unitId role status dueDate originalDueDate trafficLight extensionRequests { requestId status grantedDueDate } }`;

let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

describe('A rectification from evaluation to close-out', () => {
  let app: TestApp;
  const units: Record<'FGW' | 'ZJJ' | 'CZJ', string> = { FGW: '', ZJJ: '', CZJ: '' };
  let evaluationId: string;
  let disclosureFinding: string; // assigned to FGW (lead) and ZJJ
  let channelFinding: string; // assigned to CZJ (lead)

  const at = (instant: string) => app.clock.set(instant);
  const mutate = async (name: string, input: Record<string, unknown>, headers?: Record<string, string>) => {
    const unitId = [...unitHeaders].find(([, unitHeader]) => unitHeader === headers)?.[0];
    const fields = unitId ? unitViewFields(unitId) : FINDING_FIELDS;
    const response = await app.graphql(`mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { ${fields} } }`, { input: { idempotencyKey: key(name), ...input } }, headers);
    if (response.errors) throw new Error(`${name} refused: ${JSON.stringify(response.errors)}`);
    return response.data![name];
  };
  const refusal = async (name: string, input: Record<string, unknown>, headers?: Record<string, string>) => {
    const before = await app.logPosition();
    const response = await app.graphql(`mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { id } }`, { input: { idempotencyKey: key(name), ...input } }, headers);
    expect(await app.logPosition()).toBe(before);
    return { code: errorCode(response), message: response.errors?.[0]?.message };
  };
  const partOf = (finding: { assignments: { unitId: string }[] }, unitId: string) =>
    finding.assignments.find((part) => part.unitId === unitId) as Record<string, any>;
  const dashboard = async (asOf?: string) => {
    const response = await app.graphql(
      `query($asOf: String) { dashboard(asOf: $asOf) { asOf percentClosed findings { total open closed }
        parts { assigned reported verified returned overdue } meanDaysToRemediate
        perUnit { unitName assigned reported verified returned overdue meanDaysToRemediate }
        perCategory { label findings closed percentClosed } perEvaluation { label findings closed percentClosed }
        openParts { unitName findingTitle status dueDate daysLeft trafficLight } overdue { unitName } } }`,
      { asOf },
    );
    expect(response.errors).toBeUndefined();
    return response.data!.dashboard;
  };

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-04-01T09:00:00+08:00' });
    for (const [code, name] of [['FGW', '市发展和改革委员会'], ['ZJJ', '市住房和城乡建设局'], ['CZJ', '市财政局']] as const) {
      const response = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, {
        input: { idempotencyKey: `unit-${code}`, code, name, kind: 'DEPARTMENT' },
      }, await app.as('ADMIN'));
      units[code] = response.data!.registerUnit.id;
      unitHeaders.set(units[code], await app.as('UNIT', units[code]));
    }
    INSPECTOR = await app.as('INSPECTOR');
  });

  afterAll(async () => {
    await app.close();
  });

  it('registers the evaluation with two findings, forms the team and approves the plan', async () => {
    const evaluation = await app.graphql(`mutation($input: RegisterEvaluationInput!) { registerEvaluation(input: $input) { id } }`, {
      input: { idempotencyKey: 'evaluation', title: '2025年度政务公开第三方评估', evaluator: '研究院', commissionedBy: '国务院办公厅', periodStart: '2025-01-01', periodEnd: '2025-12-31', receivedOn: '2026-03-20' },
    });
    evaluationId = evaluation.data!.registerEvaluation.id;
    const record = async (title: string, category: string, concerned: string[]) =>
      (await app.graphql(`mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`, {
        input: { idempotencyKey: key('finding'), evaluationId, title, description: title, category, severity: 'HIGH', concernedUnitIds: concerned },
      })).data!.recordFinding.id as string;
    disclosureFinding = await record('部分单位信息公开不到位', '主动公开', [units.FGW, units.ZJJ]);
    channelFinding = await record('无网上依申请公开渠道', '依申请公开', [units.CZJ]);

    const team = await app.graphql(`mutation($input: FormRectificationTeamInput!) { formRectificationTeam(input: $input) { leader { name } } }`, {
      input: { idempotencyKey: 'team', evaluationId, leader: { name: '李明', title: '市政府秘书长' }, members: [{ name: '赵强', title: '副主任', unitId: units.FGW }] },
    });
    expect(team.errors).toBeUndefined();
    const plan = await app.graphql(`mutation($input: ApproveRectificationPlanInput!) { approveRectificationPlan(input: $input) { approvedBy } }`, {
      input: { idempotencyKey: 'plan', evaluationId, title: '整改实施方案', approvedBy: '常务副市长 王刚', approvedOn: '2026-04-01', selfRectificationDue: '2026-05-31', inspectionDue: '2026-06-30' },
    });
    expect(plan.errors).toBeUndefined();
  });

  it('assigns the findings to three units, each part with its due date', async () => {
    const disclosure = await mutate('assignFinding', {
      findingId: disclosureFinding,
      units: [
        { unitId: units.FGW, role: 'LEAD', dueDate: '2026-05-15' },
        { unitId: units.ZJJ, role: 'RESPONSIBLE', dueDate: '2026-05-15' },
      ],
    });
    expect(disclosure.assignments.map((p: { role: string; status: string }) => [p.role, p.status])).toEqual([['LEAD', 'ASSIGNED'], ['RESPONSIBLE', 'ASSIGNED']]);
    expect(partOf(disclosure, units.FGW).unit.name).toBe('市发展和改革委员会');
    expect(partOf(disclosure, units.FGW).trafficLight).toBe('GREEN');
    await mutate('assignFinding', { findingId: channelFinding, units: [{ unitId: units.CZJ, role: 'LEAD', dueDate: '2026-05-15' }] });

    expect(await refusal('assignFinding', { findingId: channelFinding, units: [{ unitId: units.ZJJ, role: 'LEAD', dueDate: '2026-05-15' }] })).toMatchObject({ code: 'CONFLICT' });
    // The approved plan wants everything inspected by 2026-06-30: a later part needs an override.
    const tooLate = await refusal('assignFinding', { findingId: channelFinding, units: [{ unitId: units.ZJJ, role: 'RESPONSIBLE', dueDate: '2026-07-01' }] });
    expect(tooLate).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/2026-07-01 is after the inspection deadline of rectification plan 「整改实施方案」 \(2026-06-30\)/) });
  });

  it('grants the extension a unit asked for, before its due date', async () => {
    at('2026-04-20T10:00:00+08:00');
    const requested = await mutate('requestExtension', { findingId: disclosureFinding, unitId: units.ZJJ, requestedDueDate: '2026-06-15', reason: '涉及多个科室，需要更多时间' }, asUnit(units.ZJJ));
    const [request] = partOf(requested, units.ZJJ).extensionRequests;
    expect(request.status).toBe('PENDING');
    expect(await refusal('decideExtension', { findingId: disclosureFinding, unitId: units.ZJJ, requestId: request.requestId, approve: true }, asUnit(units.ZJJ))).toMatchObject({ code: 'FORBIDDEN' });

    at('2026-04-21T10:00:00+08:00');
    const decided = await mutate('decideExtension', { findingId: disclosureFinding, unitId: units.ZJJ, requestId: request.requestId, approve: true });
    expect(partOf(decided, units.ZJJ)).toMatchObject({ dueDate: '2026-06-15', originalDueDate: '2026-05-15' });
    expect(partOf(decided, units.ZJJ).extensionRequests[0]).toMatchObject({ status: 'GRANTED', grantedDueDate: '2026-06-15' });
  });

  it('takes reports only from the unit that owns the part, with evidence', async () => {
    at('2026-05-10T15:00:00+08:00');
    const report = (unitId: string, summary: string) => ({
      findingId: unitId === units.CZJ ? channelFinding : disclosureFinding,
      unitId,
      summary,
      evidence: [{ title: '整改后的公开目录', link: 'https://www.example.gov.cn/xxgk/ml' }, { title: '整改通知', documentRef: '青发改办〔2026〕8号' }],
    });
    expect(await refusal('reportRectification', report(units.FGW, '冒名上报'), asUnit(units.ZJJ))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal('reportRectification', { ...report(units.FGW, '无证据'), evidence: [] }, asUnit(units.FGW))).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await refusal('reportRectification', { ...report(units.FGW, '坏链接'), evidence: [{ title: 'x', link: 'javascript:alert(1)' }] }, asUnit(units.FGW))).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'Invalid input: evidence.0.link must be an http(s) URL (it starts with javascript:, not http:// or https://).',
    });

    const input = report(units.FGW, '已更新公开目录');
    const reported = await app.graphql(`mutation($input: ReportRectificationInput!) { reportRectification(input: $input) { id } }`, { input: { idempotencyKey: 'fgw-report-1', ...input } }, asUnit(units.FGW));
    expect(reported.errors).toBeUndefined();
    const position = await app.logPosition();
    await app.graphql(`mutation($input: ReportRectificationInput!) { reportRectification(input: $input) { id } }`, { input: { idempotencyKey: 'fgw-report-1', ...input } }, asUnit(units.FGW));
    expect(await app.logPosition()).toBe(position);

    await mutate('reportRectification', report(units.ZJJ, '已公开棚改项目信息'), asUnit(units.ZJJ));
    await mutate('reportRectification', report(units.CZJ, '已开通网上申请'), asUnit(units.CZJ));

    const reportsOf = (findingId: string, headers: Record<string, string>) =>
      app.graphql(`query($id: ID!) { finding(id: $id) { assignments { unitId reports { summary evidence { title link documentRef } } } } }`, { id: findingId }, headers);
    const own = await reportsOf(channelFinding, asUnit(units.CZJ));
    expect(own.errors).toBeUndefined();
    const others = await reportsOf(disclosureFinding, asUnit(units.CZJ));
    expect(errorCode(others)).toBe('FORBIDDEN');
    expect(others.errors![0]!.message).toMatch(/only its own unit's completion reports/);
    const channel = own.data!.finding;
    expect(partOf(channel, units.CZJ).reports[0].evidence).toEqual([
      { title: '整改后的公开目录', link: 'https://www.example.gov.cn/xxgk/ml', documentRef: null },
      { title: '整改通知', link: null, documentRef: '青发改办〔2026〕8号' },
    ]);
  });

  it('sends an inadequate report back and urges the unit', async () => {
    at('2026-05-12T09:00:00+08:00');
    const sentBack = await mutate('sendBackReport', { findingId: disclosureFinding, unitId: units.FGW, reason: '证据链接无法打开' });
    expect(partOf(sentBack, units.FGW)).toMatchObject({ status: 'RETURNED', returns: [{ cause: 'SENT_BACK', reason: '证据链接无法打开' }] });
    await mutate('urgeUnit', { findingId: disclosureFinding, unitId: units.FGW, message: '请于5月15日前重新报送' });
    expect(await refusal('logInspection', { findingId: disclosureFinding, unitId: units.FGW, outcome: 'PASSED', inspectedOn: '2026-05-12' }, INSPECTOR)).toMatchObject({ code: 'CONFLICT' });
  });

  it("gives the unit its inbox: the report sent back, the urging, the near deadline", async () => {
    at('2026-05-13T09:00:00+08:00');
    const response = await app.graphql(`query($u: ID!) { unitWorkload(unitId: $u) { openParts { findingTitle status trafficLight daysLeft } reminders { kind message } } }`, { u: units.FGW });
    const workload = response.data!.unitWorkload;
    expect(workload.openParts).toEqual([{ findingTitle: '部分单位信息公开不到位', status: 'RETURNED', trafficLight: 'YELLOW', daysLeft: 2 }]);
    expect(workload.reminders.map((r: { kind: string }) => r.kind).sort()).toEqual(['DUE_IN_3_DAYS', 'REPORT_SENT_BACK', 'URGED']);
  });

  it('fails one inspection, passes the others, and closes a finding when all its parts are verified', async () => {
    at('2026-05-20T10:00:00+08:00');
    await mutate('reportRectification', { findingId: disclosureFinding, unitId: units.FGW, summary: '已修复链接并补充目录', evidence: [{ title: '公开目录', link: 'https://www.example.gov.cn/xxgk' }] }, asUnit(units.FGW));
    expect(await refusal('logInspection', { findingId: disclosureFinding, unitId: units.ZJJ, outcome: 'FAILED', inspectedOn: '2026-05-20' }, INSPECTOR)).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await refusal('logInspection', { findingId: disclosureFinding, unitId: units.ZJJ, outcome: 'PASSED', inspectedOn: '2026-05-20' }, asUnit(units.ZJJ))).toMatchObject({ code: 'FORBIDDEN' });
    const failed = await mutate('logInspection', { findingId: disclosureFinding, unitId: units.ZJJ, outcome: 'FAILED', notes: '现场抽查发现2个项目未公开', inspectedOn: '2026-05-20', place: '市住建局' }, INSPECTOR);
    expect(partOf(failed, units.ZJJ)).toMatchObject({ status: 'RETURNED', returns: [{ cause: 'INSPECTION_FAILED' }] });

    const closed = await mutate('logInspection', { findingId: channelFinding, unitId: units.CZJ, outcome: 'PASSED', notes: '网上申请渠道已可用', inspectedOn: '2026-05-20', place: '市财政局' }, INSPECTOR);
    expect(closed).toMatchObject({ status: 'CLOSED', closedOn: '2026-05-20' });
    expect(await refusal('logInspection', { findingId: channelFinding, unitId: units.CZJ, outcome: 'PASSED', inspectedOn: '2026-05-20' }, INSPECTOR)).toMatchObject({ code: 'CONFLICT' });
    expect(await refusal('reportRectification', { findingId: channelFinding, unitId: units.CZJ, summary: 'x', evidence: [{ title: 'x', documentRef: 'y' }] }, asUnit(units.CZJ))).toMatchObject({ code: 'CONFLICT' });

    at('2026-05-25T10:00:00+08:00');
    await mutate('reportRectification', { findingId: disclosureFinding, unitId: units.ZJJ, summary: '已补充公开', evidence: [{ title: '项目公开页', link: 'https://www.example.gov.cn/pg' }] }, asUnit(units.ZJJ));
    at('2026-05-28T10:00:00+08:00');
    await mutate('logInspection', { findingId: disclosureFinding, unitId: units.FGW, outcome: 'PASSED', notes: '目录完整', inspectedOn: '2026-05-28', place: '市发改委' }, INSPECTOR);
    const done = await mutate('logInspection', { findingId: disclosureFinding, unitId: units.ZJJ, outcome: 'PASSED', notes: '已全部公开', inspectedOn: '2026-05-28', place: '市住建局' }, INSPECTOR);
    expect(done).toMatchObject({ status: 'CLOSED', closedOn: '2026-05-28' });
  });

  it('keeps the full history of a finding with who did what, in which role and unit', async () => {
    const response = await app.graphql(`query($id: ID!) { finding(id: $id) { ${FINDING_FIELDS} } }`, { id: disclosureFinding });
    const history = response.data!.finding.history as { eventType: string; actorRole: string; actorUnitId: string | null }[];
    expect(history.map((entry) => entry.eventType)).toEqual([
      'FindingRecorded', 'UnitAssigned', 'UnitAssigned', 'ExtensionRequested', 'ExtensionGranted',
      'RectificationReported', 'RectificationReported', 'ReportSentBack', 'UnitUrged', 'RectificationReported',
      'InspectionLogged', 'RectificationReported', 'InspectionLogged', 'InspectionLogged', 'FindingClosedOut',
    ]);
    expect(history[3]).toMatchObject({ actorRole: 'UNIT', actorUnitId: units.ZJJ });
    expect(history[10]).toMatchObject({ actorRole: 'INSPECTOR', actorId: await app.userId('INSPECTOR'), unitId: units.ZJJ });
    // Names, as a timeline shows them: the account's name, not its id.
    expect(history[10]).toMatchObject({ actorName: 'INSPECTOR' });
    expect(history[3]).toMatchObject({ actorName: `UNIT ${units.ZJJ}` });
  });

  it('shows 100 % closed now, and what the dashboard said in the middle', async () => {
    at('2026-05-30T10:00:00+08:00');
    const now = await dashboard();
    expect(now).toMatchObject({ percentClosed: 100, findings: { total: 2, open: 0, closed: 2 }, parts: { assigned: 3, verified: 3, overdue: 0 }, openParts: [] });
    expect(now.perCategory).toEqual([
      { label: '主动公开', findings: 1, closed: 1, percentClosed: 100 },
      { label: '依申请公开', findings: 1, closed: 1, percentClosed: 100 },
    ].sort((a, b) => byPinyin(a.label, b.label)));
    expect(now.perUnit.find((u: { unitName: string }) => u.unitName === '市财政局').meanDaysToRemediate).toBeCloseTo(49, 0);

    const middle = await dashboard('2026-05-14');
    expect(middle.asOf).toBe('2026-05-14');
    expect(middle).toMatchObject({ percentClosed: 0, findings: { total: 2, open: 2, closed: 0 }, parts: { assigned: 3, reported: 2, verified: 0, returned: 1, overdue: 0 } });
    expect(middle.openParts.map((p: { unitName: string; trafficLight: string }) => [p.unitName, p.trafficLight])).toEqual([
      ['市发展和改革委员会', 'YELLOW'],
      ['市财政局', 'GREEN'],
      ['市住房和城乡建设局', 'GREEN'],
    ]);

    const afterDeadline = await dashboard('2026-05-18T12:00:00+08:00');
    expect(afterDeadline.overdue).toEqual([{ unitName: '市发展和改革委员会' }]);
    expect(afterDeadline.perUnit.find((u: { unitName: string }) => u.unitName === '市发展和改革委员会').overdue).toBe(1);

    const halfway = await dashboard('2026-05-21');
    expect(halfway).toMatchObject({ percentClosed: 50, findings: { closed: 1 } });
    expect(errorCode(await app.graphql(`{ dashboard(asOf: "last tuesday") { percentClosed } }`))).toBe('BAD_USER_INPUT');
  });

  it('reopens a closed finding with a reason; its parts need new reports', async () => {
    at('2026-06-02T10:00:00+08:00');
    expect(await refusal('reopenFinding', { findingId: channelFinding, reason: '复查' }, INSPECTOR)).toMatchObject({ code: 'FORBIDDEN' });
    const reopening = { findingId: channelFinding, reason: '群众反映网上申请入口再次失效' };
    // Its part was due 2026-05-15: reopened without a new due date it would be overdue at once.
    expect(await refusal('reopenFinding', reopening)).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/2026-05-15 had passed on 2026-06-02/) });
    expect(await refusal('reopenFinding', { ...reopening, newDueDate: '2026-07-15' })).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/inspection deadline/) });
    const reopened = await mutate('reopenFinding', { ...reopening, newDueDate: '2026-07-15', overrideReason: '省里复查安排在7月中旬' });
    expect(reopened).toMatchObject({ status: 'OPEN', closedOn: null });
    expect(partOf(reopened, units.CZJ)).toMatchObject({ status: 'RETURNED', dueDate: '2026-07-15', trafficLight: 'GREEN', returns: [{ cause: 'REOPENED' }] });
    expect((await dashboard()).findings).toEqual({ total: 2, open: 1, closed: 1 });
  });

  it('pushes finding and dashboard changes to subscribers over graphql-ws', async () => {
    const before = app.subscriptionsStarted();
    const client = createClient({
      url: `${app.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: await app.as('SUPERVISOR'),
      lazy: false,
      retryAttempts: 0,
    });
    const first = <T>(query: string, variables: Record<string, unknown> = {}) =>
      new Promise<T>((resolve, reject) => {
        const unsubscribe = client.subscribe<T>({ query, variables }, {
          next: (value) => {
            unsubscribe();
            resolve(value.data as T);
          },
          error: reject,
          complete: () => undefined,
        });
      });
    try {
      const findingPushed = first<{ findingUpdated: { status: string; assignments: { status: string }[] } }>(
        `subscription($id: ID!) { findingUpdated(id: $id) { status assignments { status } } }`, { id: channelFinding });
      const dashboardPushed = first<{ dashboardUpdated: { findings: { open: number } } }>(`subscription { dashboardUpdated { findings { open } } }`);
      await app.subscriptionsOpened(before + 1, Promise.race([findingPushed, dashboardPushed]));

      await mutate('reportRectification', { findingId: channelFinding, unitId: units.CZJ, summary: '已恢复入口', evidence: [{ title: '入口', link: 'https://www.example.gov.cn/ysqgk' }] }, asUnit(units.CZJ));
      expect((await findingPushed).findingUpdated).toEqual({ status: 'OPEN', assignments: [{ status: 'REPORTED' }] });
      expect((await dashboardPushed).dashboardUpdated.findings.open).toBe(1);
    } finally {
      await client.dispose();
    }
  });
});
