import { TestApp, startTestApp } from '../support/test-app.js';
import { namedMutations } from '../support/named-mutations.js';

/*
 * breaker49-8 S7, through the API: report 10-20; pass 11-01 (销号); the 退办 of 10-25 found later; the re-report handed in at
 * the inspection, entered as 11-01 (the pass checks it). The inspector's notes show the check failed: 更正督查记录 → 不通过,
 * 重新整改时限 11-30. The part is returned — now, as of a day, as known at an instant — the unit reminded of the failure,
 * 待督查, 总览's open parts and the unit's workload agreeing; before, it read 已报告待督查 and 待督查 left it out.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

describe('a pass that checked a same-day re-report, corrected to 不通过 (breaker49-8 S7)', () => {
  let app: TestApp;
  const { call, mutate } = namedMutations(() => app, key, 'id');
  let unitId: string;
  let evaluationId: string;

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-12-07T10:00:00+08:00' });
    const unit = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, {
      input: { idempotencyKey: 'unit-FGW', code: 'FGW', name: '市发展和改革委员会', kind: 'DEPARTMENT', registeredOn: '2026-01-01' },
    }, await app.as('ADMIN'));
    unitId = unit.data!.registerUnit.id as string;
    evaluationId = (await mutate('registerEvaluation', { title: '2025年度政务公开第三方评估', evaluator: '某研究院', commissionedBy: '省政务公开办', periodStart: '2025-01-01', periodEnd: '2025-12-31', receivedOn: '2026-09-15' })).id as string;
  });

  afterAll(async () => {
    await app.close();
  });

  it('returns the part in every view, and the unit’s next report awaits inspection', async () => {
    const findingId = (await mutate('recordFinding', {
      evaluationId, title: '当天复报后督查改不通过', description: '栏目未更新', category: '主动公开', severity: 'LOW', identifiedOn: '2026-09-20',
      concernedUnitIds: [unitId], assignment: { assignedOn: '2026-10-05', units: [{ unitId, role: 'LEAD', dueDate: '2026-11-30' }] },
    })).id as string;
    const unit = await app.as('UNIT', unitId);
    const evidence = [{ title: '栏目截图', link: 'https://www.example.gov.cn/lm' }];
    await mutate('reportRectification', { findingId, unitId, reportedOn: '2026-10-20', summary: '已更新', evidence }, unit);
    await mutate('logInspection', { findingId, unitId, inspectedOn: '2026-11-01', outcome: 'PASSED', place: '市发改委' }, await app.as('INSPECTOR'));
    // The 退办 alone would leave the pass checking no report (newcomer55-8 S2), and the unit's own report of the pass's day is
    // refused on a closed finding: the office enters the re-report handed in at the inspection from its paper (代录), then the 退办.
    expect((await call('sendBackReport', { findingId, unitId, sentBackOn: '2026-10-25', reason: '材料不全' })).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await call('reportRectification', { findingId, unitId, reportedOn: '2026-11-01', summary: '督查当天补交', evidence }, unit)).errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' }, message: expect.stringContaining('代录') });
    await mutate('reportRectification', { findingId, unitId, reportedOn: '2026-11-01', summary: '督查当天补交', evidence });
    await mutate('sendBackReport', { findingId, unitId, sentBackOn: '2026-10-25', reason: '材料不全' });
    const inspectionId = (await app.graphql(`query($id: ID!) { finding(id: $id) { status assignments { status inspections { inspectionId } } } }`, { id: findingId })).data!.finding;
    expect(inspectionId).toMatchObject({ status: 'CLOSED', assignments: [{ status: 'VERIFIED' }] });
    const beforeCorrection = new Date(app.clock.now()).toISOString();
    app.clock.set('2026-12-07T11:00:00+08:00');
    await mutate('correctInspection', { findingId, unitId, inspectionId: inspectionId.assignments[0].inspections[0].inspectionId, outcome: 'FAILED', newDueDate: '2026-11-30', reason: '督查记录写明不通过' });

    const read = async (cut: { asOf?: string; knownAt?: string } = {}) => {
      const answer = await app.graphql(
        `query($id: ID!, $unitId: ID!, $asOf: String, $knownAt: String) {
          finding(id: $id, asOf: $asOf, knownAt: $knownAt) { status assignments { status dueDate reports { reportedOn } returns { cause returnedOn } } }
          awaitingInspection(asOf: $asOf, knownAt: $knownAt) { nodes { parentId } }
          dashboard(asOf: $asOf, knownAt: $knownAt) { openParts { findingId status } }
          unitWorkload(unitId: $unitId, asOf: $asOf, knownAt: $knownAt) { openParts { findingId status } remindersPage { nodes { kind parentId } } }
        }`,
        { id: findingId, unitId, ...cut },
      );
      expect(answer.errors).toBeUndefined();
      const { finding, awaitingInspection, dashboard, unitWorkload } = answer.data!;
      return {
        finding,
        awaiting: awaitingInspection.nodes.some((node: { parentId: string }) => node.parentId === findingId),
        dashboard: dashboard.openParts.filter((part: { findingId: string }) => part.findingId === findingId).map((part: { status: string }) => part.status),
        workload: unitWorkload.openParts.filter((part: { findingId: string }) => part.findingId === findingId).map((part: { status: string }) => part.status),
        failedReminder: unitWorkload.remindersPage.nodes.some((node: { kind: string; parentId: string }) => node.kind === 'INSPECTION_FAILED' && node.parentId === findingId),
      };
    };
    const returned = {
      finding: { status: 'OPEN', assignments: [{ status: 'RETURNED', dueDate: '2026-11-30', reports: [{ reportedOn: '2026-10-20' }, { reportedOn: '2026-11-01' }], returns: [{ cause: 'SENT_BACK', returnedOn: '2026-10-25' }, { cause: 'INSPECTION_FAILED', returnedOn: '2026-11-01' }] }] },
      awaiting: false,
      dashboard: ['RETURNED'],
      workload: ['RETURNED'],
      failedReminder: true,
    };
    expect(await read()).toEqual(returned);
    expect(await read({ asOf: '2026-12-07' })).toEqual(returned);
    expect(await read({ asOf: '2026-11-05' })).toEqual(returned);
    // Known before the correction: the pass, as it then read.
    expect((await read({ asOf: '2026-11-05', knownAt: beforeCorrection })).finding).toMatchObject({ status: 'CLOSED', assignments: [{ status: 'VERIFIED' }] });

    // The unit reports again: that report awaits inspection, in every view.
    await mutate('reportRectification', { findingId, unitId, reportedOn: '2026-12-07', summary: '已按督查意见整改', evidence }, unit);
    const reported = await read();
    expect(reported).toMatchObject({ finding: { assignments: [{ status: 'REPORTED' }] }, awaiting: true, dashboard: ['REPORTED'], workload: ['REPORTED'] });

    // newcomer49-8 M4: the unit's page lists the returns its 退回 counts, answered ones too; its inbox lists neither once re-reported.
    const records = await app.graphql(
      `query($unitId: ID!) { unitWorkload(unitId: $unitId) { inbox: remindersPage { nodes { kind parentId on } } records: remindersPage(withAnsweredReturns: true) { nodes { kind parentId on } } counts: reminderCounts(withAnsweredReturns: true) { kind count } } }`,
      { unitId },
    );
    expect(records.errors).toBeUndefined();
    const returnsOf = (nodes: { kind: string; parentId: string; on: string }[]) => nodes.filter((node) => node.parentId === findingId && (node.kind === 'REPORT_SENT_BACK' || node.kind === 'INSPECTION_FAILED')).map((node) => `${node.kind} ${node.on}`).sort();
    expect(returnsOf(records.data!.unitWorkload.inbox.nodes)).toEqual([]);
    expect(returnsOf(records.data!.unitWorkload.records.nodes)).toEqual(['INSPECTION_FAILED 2026-11-01', 'REPORT_SENT_BACK 2026-10-25']);
    expect(records.data!.unitWorkload.counts).toEqual(expect.arrayContaining([{ kind: 'REPORT_SENT_BACK', count: 1 }, { kind: 'INSPECTION_FAILED', count: 1 }]));
  });
});
