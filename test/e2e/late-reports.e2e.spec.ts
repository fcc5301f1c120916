import { parse } from 'csv-parse/sync';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The lead's rule on breaker11b G4 / breaker11c N3: a part's light and the 逾期 counts show its
 * state now — a part reported after its due date is no longer overdue (待督查: not red, not counted
 * in 逾期) — but its lateness is kept and shown: `reportedDaysLate` on every view that lists parts
 * (the pages say 逾期 N 天后报送), the ledger's 状态 cell, and the scorecard counts it late.
 */
describe('a part reported late is awaiting inspection, not overdue, and its lateness is kept (G4)', () => {
  let app: TestApp;
  let unitId: string;
  let findingId: string;
  let supervisor: Record<string, string>;
  let keySequence = 0;
  const key = (name: string) => `${name}-${(keySequence += 1)}`;
  const mutate = async (name: string, input: Record<string, unknown>, headers: Record<string, string>) => {
    const response = await app.graphql(`mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { __typename } }`, { input: { idempotencyKey: key(name), ...input } }, headers);
    if (response.errors) throw new Error(`${name} refused: ${JSON.stringify(response.errors)}`);
  };
  const query = async (text: string, variables: Record<string, unknown> = {}) => {
    const response = await app.graphql(text, variables, supervisor);
    expect(response.errors).toBeUndefined();
    return response.data!;
  };

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-30T10:00:00+08:00' });
    const admin = await app.as('ADMIN');
    supervisor = await app.as('SUPERVISOR');
    unitId = (await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, {
      input: { idempotencyKey: 'unit', code: 'JYJ', name: '青川市测试教育局', kind: 'DEPARTMENT', registeredOn: '2026-01-04' },
    }, admin)).data!.registerUnit.id;
    const evaluationId = (await app.graphql(`mutation($input: RegisterEvaluationInput!) { registerEvaluation(input: $input) { id } }`, {
      input: { idempotencyKey: 'evaluation', title: '2025年度政务公开第三方评估', evaluator: '某研究院', commissionedBy: '国务院办公厅', periodStart: '2025-01-01', periodEnd: '2025-12-31', receivedOn: '2026-10-01' },
    }, supervisor)).data!.registerEvaluation.id;
    findingId = (await app.graphql(`mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`, {
      input: { idempotencyKey: 'finding', evaluationId, title: '年度报告发布滞后', description: '年度报告发布滞后', category: '年度报告', severity: 'MEDIUM', identifiedOn: '2026-10-01' },
    }, supervisor)).data!.recordFinding.id;
    await mutate('assignFinding', { findingId, assignedOn: '2026-10-10', units: [{ unitId, role: 'LEAD', dueDate: '2026-11-20' }] }, supervisor);
  });

  afterAll(async () => {
    await app.close();
  });

  const PART = 'status trafficLight daysLeft reportedDaysLate';
  const views = async () => {
    const data = await query(`query($id: ID!, $unitId: ID!) {
      finding(id: $id) { assignments { ${PART} } }
      dashboard { parts { overdue reported } openParts { ${PART} } }
      unitWorkload(unitId: $unitId) { openParts { ${PART} } }
      unitScorecard { unitId due onTime overdue }
    }`, { id: findingId, unitId });
    return {
      finding: data.finding.assignments[0],
      alert: data.dashboard.openParts[0],
      counts: data.dashboard.parts,
      workload: data.unitWorkload.openParts[0],
      scorecard: data.unitScorecard.find((row: { unitId: string }) => row.unitId === unitId),
    };
  };

  it('is red and counted overdue before its report', async () => {
    const before = await views();
    const open = { status: 'ASSIGNED', trafficLight: 'RED', daysLeft: -10, reportedDaysLate: null };
    expect([before.finding, before.alert, before.workload]).toEqual([open, open, open]);
    expect(before.counts).toEqual({ overdue: 1, reported: 0 });
    expect(before.scorecard).toMatchObject({ due: 1, onTime: 0, overdue: 1 });
  });

  it('once reported 5 days late: green and not in 逾期 on every view, 5 days late on every view, late in the scorecard and the ledger', async () => {
    await mutate('reportRectification', { findingId, unitId, summary: '已发布', evidence: [{ title: '年度报告', link: 'https://www.example.gov.cn/r' }], reportedOn: '2026-11-25' }, await app.as('UNIT', unitId));
    const after = await views();
    const reported = { status: 'REPORTED', trafficLight: 'GREEN', daysLeft: -10, reportedDaysLate: 5 };
    expect([after.finding, after.alert, after.workload]).toEqual([reported, reported, reported]);
    expect(after.counts).toEqual({ overdue: 0, reported: 1 });
    expect(after.scorecard).toMatchObject({ due: 1, onTime: 0, overdue: 0 });

    const response = await fetch(`${app.url}/export/ledger.csv`, { headers: supervisor });
    const rows = parse(Buffer.from(await response.arrayBuffer()).toString('utf8').replace(/^\uFEFF/, ''), { from_line: 2 }) as string[][]; // line 1: the 台账's title row (newcomer51-8 M7)
    const row = rows.find((cells) => cells[2] === '年度报告发布滞后')!;
    const [status, light] = ['状态', '红黄绿灯'].map((name) => rows[0]!.indexOf(name));
    expect([row[status!], row[light!]]).toEqual(['已报告待督查（逾期 5 天后报送）', '绿灯']);
  });

  // breaker11d P1: a new due date given by returning the late report — the same day it arrived — came after it.
  const scoreOn = async (asOf?: string) =>
    (await query(`query($asOf: String) { unitScorecard(asOf: $asOf) { unitId due onTime onTimeRate returned } }`, { asOf })).unitScorecard.find((row: { unitId: string }) => row.unitId === unitId);

  it('stays late once sent back the day it arrived with a new due date, now and on that day', async () => {
    await mutate('sendBackReport', { findingId, unitId, reason: '材料不全。', sentBackOn: '2026-11-25', newDueDate: '2026-12-25' }, supervisor);
    for (const asOf of [undefined, '2026-11-25', '2026-11-30']) expect(await scoreOn(asOf)).toMatchObject({ due: 1, onTime: 0, onTimeRate: 0, returned: 1 });
  });

  it('stays late once an inspection fails it the day it arrived with a new due date, and a re-report by that date is not late', async () => {
    await mutate('reportRectification', { findingId, unitId, summary: '已补充', evidence: [{ title: '年度报告', link: 'https://www.example.gov.cn/r2' }], reportedOn: '2026-11-27' }, await app.as('UNIT', unitId));
    await mutate('logInspection', { findingId, unitId, outcome: 'FAILED', notes: '台账不全。', place: '教育局', inspectedOn: '2026-11-27', newDueDate: '2026-12-20' }, await app.as('INSPECTOR'));
    for (const asOf of [undefined, '2026-11-27']) expect(await scoreOn(asOf)).toMatchObject({ due: 1, onTime: 0, onTimeRate: 0, returned: 2 });
    await mutate('reportRectification', { findingId, unitId, summary: '台账已补齐', evidence: [{ title: '台账', link: 'https://www.example.gov.cn/r3' }], reportedOn: '2026-11-28' }, await app.as('UNIT', unitId));
    expect((await views()).finding).toMatchObject({ status: 'REPORTED', reportedDaysLate: 0 });
    expect(await scoreOn()).toMatchObject({ due: 1, onTime: 0 });
  });

  // newcomer46 M3: a part reported late on a finding since closed read only 已销号 in the 台账, as if on time.
  it('says the lateness in the 台账 once the finding is closed too: 已销号（逾期 3 天后报送）', async () => {
    const { evaluations } = await query(`{ evaluations { nodes { id } } }`);
    const closing = (await app.graphql(`mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`, {
      input: { idempotencyKey: key('finding'), evaluationId: evaluations.nodes[0].id, title: '政策解读不及时', description: '政策解读不及时', category: '政策解读', severity: 'LOW', identifiedOn: '2026-10-01', assignment: { assignedOn: '2026-10-10', units: [{ unitId, role: 'LEAD', dueDate: '2026-11-20' }] } },
    }, supervisor)).data!.recordFinding.id;
    await mutate('reportRectification', { findingId: closing, unitId, summary: '已解读', evidence: [{ title: '解读', link: 'https://www.example.gov.cn/j' }], reportedOn: '2026-11-23' }, await app.as('UNIT', unitId));
    await mutate('logInspection', { findingId: closing, unitId, outcome: 'PASSED', notes: '已整改到位。', place: '教育局', inspectedOn: '2026-11-26' }, await app.as('INSPECTOR'));
    const response = await fetch(`${app.url}/export/ledger.csv`, { headers: supervisor });
    const rows = parse(Buffer.from(await response.arrayBuffer()).toString('utf8').replace(/^\uFEFF/, ''), { from_line: 2 }) as string[][]; // line 1: the 台账's title row (newcomer51-8 M7)
    const row = rows.find((cells) => cells[2] === '政策解读不及时')!;
    expect(row[rows[0]!.indexOf('状态')]).toBe('已销号（逾期 3 天后报送）');
  });
});
