import { TestApp, errorCode, startTestApp } from '../support/test-app.js';

/**
 * Issue 8: a past campaign entered years later keeps its own dates. The 2016 rectification of a
 * city's openness work (evaluation received 2016-04-15, plan approved 2016-04-25, reports in May,
 * the online channel opened 2016-06-13, inspections in June) is typed in from the paper files in
 * November 2026 — one inspection a day later than the rest, one failed inspection and re-report.
 * Close-out days, lights as of three days, the scorecard and one knownAt question are asserted
 * through HTTP GraphQL on a real SQLite file.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

describe('a 2016 campaign entered in 2026: business time and record time', () => {
  let app: TestApp;
  const units: Record<'FGW' | 'ZJJ' | 'CZJ', string> = { FGW: '', ZJJ: '', CZJ: '' };
  const unitHeaders: Record<string, Record<string, string>> = {};
  let INSPECTOR: Record<string, string>;
  let evaluationId: string;
  let disclosureFinding: string; // FGW (lead) and ZJJ
  let channelFinding: string; // CZJ (lead): the online channel to request information
  /** Everything but one inspection was typed in by this instant. */
  const FIRST_DAY_OF_ENTRY = '2026-11-29T18:00:00+08:00';

  const mutate = async (name: string, input: Record<string, unknown>, headers?: Record<string, string>) => {
    const response = await app.graphql(
      `mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { id } }`,
      { input: { idempotencyKey: key(name), ...input } },
      headers,
    );
    if (response.errors) throw new Error(`${name} refused: ${JSON.stringify(response.errors)}`);
  };
  const finding = async (id: string, travel: { asOf?: string; knownAt?: string } = {}) => {
    const response = await app.graphql(
      `query($id: ID!, $asOf: String, $knownAt: String) { finding(id: $id, asOf: $asOf, knownAt: $knownAt) {
        status closedOn identifiedOn time { asOf knownAt axes }
        assignments { unitId status dueDate assignedOn verifiedOn daysLeft trafficLight reports { reportedOn reportedAt } inspections { outcome inspectedOn loggedAt } }
        history { eventType occurredOn recordedAt actorRole } } }`,
      { id, ...travel },
    );
    expect(response.errors).toBeUndefined();
    return response.data!.finding;
  };
  const dashboard = async (travel: { asOf?: string; knownAt?: string }) => {
    const response = await app.graphql(
      `query($asOf: String, $knownAt: String) { dashboard(asOf: $asOf, knownAt: $knownAt) {
        asOf time { asOf knownAt axes } findings { total open closed } parts { assigned reported verified returned overdue }
        openParts { unitName status dueDate daysLeft trafficLight } } }`,
      travel,
    );
    expect(response.errors).toBeUndefined();
    return response.data!.dashboard;
  };
  const lights = (board: { openParts: { unitName: string; trafficLight: string; daysLeft: number }[] }) =>
    Object.fromEntries(board.openParts.map((part) => [part.unitName, [part.trafficLight, part.daysLeft]]));

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-29T10:00:00+08:00' });
    for (const [code, name] of [['FGW', '市发展和改革委员会'], ['ZJJ', '市住房和城乡建设局'], ['CZJ', '市财政局']] as const) {
      const response = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, {
        input: { idempotencyKey: `unit-${code}`, code, name, kind: 'DEPARTMENT', registeredOn: '2016-04-01' },
      }, await app.as('ADMIN'));
      expect(response.errors).toBeUndefined();
      units[code] = response.data!.registerUnit.id;
      unitHeaders[code] = await app.as('UNIT', units[code]);
    }
    INSPECTOR = await app.as('INSPECTOR');
  });

  afterAll(async () => {
    await app.close();
  });

  it('takes the paper files with their own dates, in order, and refuses dates out of order or in the future', async () => {
    const evaluation = await app.graphql(`mutation($input: RegisterEvaluationInput!) { registerEvaluation(input: $input) { id } }`, {
      input: { idempotencyKey: 'evaluation-2016', title: '2015年度政务公开第三方评估', evaluator: '研究院', commissionedBy: '国务院办公厅', periodStart: '2015-01-01', periodEnd: '2015-12-31', receivedOn: '2016-04-15' },
    });
    evaluationId = evaluation.data!.registerEvaluation.id;
    const record = async (title: string, category: string) => {
      const response = await app.graphql(`mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`, {
        input: { idempotencyKey: key('finding'), evaluationId, title, description: title, category, severity: 'HIGH', identifiedOn: '2016-04-15' },
      });
      return response.data!.recordFinding.id as string;
    };
    disclosureFinding = await record('部分单位信息公开不到位', '主动公开');
    channelFinding = await record('无网上依申请公开渠道', '依申请公开');
    await mutate('formRectificationTeam', { evaluationId, leader: { name: '李明', title: '市政府秘书长' }, members: [], formedOn: '2016-04-20' });
    await mutate('approveRectificationPlan', { evaluationId, title: '整改实施方案', approvedBy: '常务副市长', approvedOn: '2016-04-25', selfRectificationDue: '2016-05-31', inspectionDue: '2016-06-30' });

    // Across records too: nothing is identified before the evaluation arrived, nor assigned before it was identified.
    const beforeEvaluation = await app.graphql(`mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`, {
      input: { idempotencyKey: key('finding'), evaluationId, title: '早', description: '早', category: '主动公开', severity: 'LOW', identifiedOn: '2016-04-10' },
    });
    expect(errorCode(beforeEvaluation)).toBe('BAD_USER_INPUT');
    expect(beforeEvaluation.errors![0]!.message).toBe('The day the finding was identified (2016-04-10) is before the day the evaluation was received (2016-04-15). If that day is wrong, correct the evaluation\'s received day first (correctEvaluationReceivedOn).');
    expect(beforeEvaluation.errors![0]!.extensions!.messageZh).toBe('问题发现日期（2016-04-10）早于收到评估报告日期（2016-04-15），日期顺序不对。如收到日期有误，请先更正评估报告的收到日期。');
    const beforeFinding = await app.graphql(`mutation($input: AssignFindingInput!) { assignFinding(input: $input) { id } }`, {
      input: { idempotencyKey: key('assign'), findingId: channelFinding, assignedOn: '2016-04-14', units: [{ unitId: units.CZJ, role: 'LEAD', dueDate: '2016-05-31' }] },
    });
    expect(errorCode(beforeFinding)).toBe('BAD_USER_INPUT');
    expect(beforeFinding.errors![0]!.message).toBe('The assignment date (2016-04-14) is before the day the finding was identified (2016-04-15).');
    expect(beforeFinding.errors![0]!.extensions!.messageZh).toBe('交办日期（2016-04-14）早于问题发现日期（2016-04-15），日期顺序不对。');

    await mutate('assignFinding', {
      findingId: disclosureFinding,
      assignedOn: '2016-04-26',
      units: [{ unitId: units.FGW, role: 'LEAD', dueDate: '2016-05-31' }, { unitId: units.ZJJ, role: 'RESPONSIBLE', dueDate: '2016-05-31' }],
    });
    await mutate('assignFinding', { findingId: channelFinding, assignedOn: '2016-04-26', units: [{ unitId: units.CZJ, role: 'LEAD', dueDate: '2016-05-31' }] });

    const report = (findingId: string, code: 'FGW' | 'ZJJ' | 'CZJ', reportedOn: string) =>
      mutate('reportRectification', { findingId, unitId: units[code], summary: '已整改', evidence: [{ title: '公开页面', link: 'https://www.example.gov.cn/x' }], reportedOn }, unitHeaders[code]);
    const inspect = (findingId: string, code: 'FGW' | 'ZJJ' | 'CZJ', inspectedOn: string, outcome = 'PASSED', more: Record<string, unknown> = {}) =>
      mutate('logInspection', { findingId, unitId: units[code], outcome, notes: outcome === 'FAILED' ? '目录不完整' : '核实', inspectedOn, place: '现场', ...more }, INSPECTOR);

    // A report cannot come before its assignment: refused, naming both dates, in English and Chinese.
    const early = await app.graphql(`mutation($input: ReportRectificationInput!) { reportRectification(input: $input) { id } }`, {
      input: { idempotencyKey: key('early'), findingId: disclosureFinding, unitId: units.FGW, summary: 'x', evidence: [{ title: 'x', documentRef: 'y' }], reportedOn: '2016-04-20' },
    }, unitHeaders.FGW);
    expect(errorCode(early)).toBe('BAD_USER_INPUT');
    expect(early.errors![0]!.message).toBe('The report date (2016-04-20) is before the assignment of 市发展和改革委员会 (2016-04-26).');
    expect(early.errors![0]!.extensions!.messageZh).toBe('报告日期（2016-04-20）早于市发展和改革委员会的交办日期（2016-04-26），日期顺序不对。');
    // Refusals name units by their names, never by id.
    const notTheirs = await app.graphql(`mutation($input: ReportRectificationInput!) { reportRectification(input: $input) { id } }`, {
      input: { idempotencyKey: key('not-theirs'), findingId: disclosureFinding, unitId: units.FGW, summary: 'x', evidence: [{ title: 'x', documentRef: 'y' }], reportedOn: '2016-05-20' },
    }, unitHeaders.ZJJ);
    expect(errorCode(notTheirs)).toBe('FORBIDDEN');
    expect(notTheirs.errors![0]!.message).toBe('Only 市发展和改革委员会 may report on its part; a supervisor may enter its paper report on its behalf (代录).');
    expect(notTheirs.errors![0]!.extensions!.messageZh).toBe('只有市发展和改革委员会的用户可以报送本单位的整改情况；督办人员可依据纸质报告代录。');
    const notAssigned = await app.graphql(`mutation($input: UrgeUnitInput!) { urgeUnit(input: $input) { id } }`, {
      input: { idempotencyKey: key('not-assigned'), findingId: channelFinding, unitId: units.ZJJ, message: '请尽快' },
    });
    expect(notAssigned.errors![0]!.message).toBe('市住房和城乡建设局 is not assigned here.');
    expect(notAssigned.errors![0]!.extensions!.messageZh).toBe('市住房和城乡建设局不在本问题的交办单位之列。');
    // Nor in the future of the office's calendar.
    const future = await app.graphql(`mutation($input: ReportRectificationInput!) { reportRectification(input: $input) { id } }`, {
      input: { idempotencyKey: key('future'), findingId: disclosureFinding, unitId: units.FGW, summary: 'x', evidence: [{ title: 'x', documentRef: 'y' }], reportedOn: '2026-11-30' },
    }, unitHeaders.FGW);
    expect(future.errors![0]!.message).toMatch(/\(2026-11-30\) is in the future: today is 2026-11-29/);

    await report(disclosureFinding, 'FGW', '2016-05-20');
    await report(disclosureFinding, 'ZJJ', '2016-05-25');
    await report(channelFinding, 'CZJ', '2016-06-13'); // the online channel opened on 13 June: late
    await inspect(disclosureFinding, 'FGW', '2016-06-06');
    // ZJJ fails on 6 June, after its due date: the inspector gives it until 20 June.
    await inspect(disclosureFinding, 'ZJJ', '2016-06-06', 'FAILED', { newDueDate: '2016-06-20' });
    await report(disclosureFinding, 'ZJJ', '2016-06-15');
    await inspect(disclosureFinding, 'ZJJ', '2016-06-20');

    // The inspection of the channel, done on 17 June 2016, is typed in the next morning.
    app.clock.set('2026-11-30T09:00:00+08:00');
    await inspect(channelFinding, 'CZJ', '2016-06-17');
  });

  it('closes each finding on the day of the inspection that verified its last part, not the day it was typed in', async () => {
    const disclosure = await finding(disclosureFinding);
    expect(disclosure).toMatchObject({ status: 'CLOSED', closedOn: '2016-06-20', identifiedOn: '2016-04-15' });
    const channel = await finding(channelFinding);
    expect(channel).toMatchObject({ status: 'CLOSED', closedOn: '2016-06-17' });
    expect(channel.assignments[0]).toMatchObject({ assignedOn: '2016-04-26', verifiedOn: '2016-06-17', reports: [{ reportedOn: '2016-06-13' }] });
    expect(channel.assignments[0].reports[0].reportedAt.startsWith('2026-11-29')).toBe(true);
  });

  it('shows the lights as they stood on three days of 2016, late entries included', async () => {
    const early = await dashboard({ asOf: '2016-05-10' });
    expect(early.time).toEqual({ asOf: '2016-05-10', knownAt: null, axes: ['BUSINESS_DAY'] });
    expect(early.findings).toEqual({ total: 2, open: 2, closed: 0 });
    expect(lights(early)).toEqual({ 市发展和改革委员会: ['GREEN', 21], 市住房和城乡建设局: ['GREEN', 21], 市财政局: ['GREEN', 21] });

    const beforeDeadline = await dashboard({ asOf: '2016-05-28' });
    expect(beforeDeadline.parts).toMatchObject({ assigned: 3, reported: 2, verified: 0, overdue: 0 });
    expect(lights(beforeDeadline)).toEqual({ 市财政局: ['YELLOW', 3], 市发展和改革委员会: ['GREEN', 3], 市住房和城乡建设局: ['GREEN', 3] });

    const afterFailure = await dashboard({ asOf: '2016-06-08' });
    expect(afterFailure.parts).toMatchObject({ verified: 1, returned: 1, overdue: 1 });
    expect(lights(afterFailure)).toEqual({ 市财政局: ['RED', -8], 市住房和城乡建设局: ['GREEN', 12] });

    const done = await dashboard({ asOf: '2016-06-30' });
    expect(done.findings).toEqual({ total: 2, open: 0, closed: 2 });
  });

  it("counts each part's days left and lights it on the day the finding is viewed, as the dashboard does", async () => {
    const part = (view: { assignments: { unitId: string }[] }, code: 'FGW' | 'ZJJ' | 'CZJ') => view.assignments.find((one) => one.unitId === units[code]);
    expect(part(await finding(channelFinding, { asOf: '2016-05-28' }), 'CZJ')).toMatchObject({ status: 'ASSIGNED', daysLeft: 3, trafficLight: 'YELLOW' });
    expect(part(await finding(channelFinding, { asOf: '2016-06-08' }), 'CZJ')).toMatchObject({ status: 'ASSIGNED', daysLeft: -8, trafficLight: 'RED' });
    const afterFailure = await finding(disclosureFinding, { asOf: '2016-06-08' });
    expect(part(afterFailure, 'ZJJ')).toMatchObject({ status: 'RETURNED', dueDate: '2016-06-20', daysLeft: 12, trafficLight: 'GREEN' });
    expect(part(afterFailure, 'FGW')).toMatchObject({ status: 'VERIFIED', daysLeft: -8, trafficLight: null });

    // Today (2026-11-30) without asOf, on the finding query and in the findings list the web app reads.
    const daysSinceDue = Math.round((Date.UTC(2026, 10, 30) - Date.UTC(2016, 4, 31)) / 86_400_000);
    expect(part(await finding(channelFinding), 'CZJ')).toMatchObject({ status: 'VERIFIED', daysLeft: -daysSinceDue, trafficLight: null });
    const listed = await app.graphql(`{ findings { nodes { id assignments { unitId daysLeft trafficLight } } } }`);
    expect(listed.errors).toBeUndefined();
    const channel = listed.data!.findings.nodes.find((one: { id: string }) => one.id === channelFinding);
    expect(channel.assignments).toEqual([{ unitId: units.CZJ, daysLeft: -daysSinceDue, trafficLight: null }]);
  });

  it('ranks the units on their 2016 record: on time by the day of the first report, days to remediate in business days', async () => {
    const response = await app.graphql(`{ unitScorecard { rank unitName due onTime onTimeRate overdue returned meanDaysToRemediate time { axes } } }`);
    expect(response.errors).toBeUndefined();
    const scores = Object.fromEntries((response.data!.unitScorecard as { unitName: string }[]).map((score) => [score.unitName, score]));
    expect(scores['市发展和改革委员会']).toMatchObject({ rank: 1, due: 1, onTime: 1, returned: 0, meanDaysToRemediate: 41 });
    expect(scores['市住房和城乡建设局']).toMatchObject({ rank: 2, due: 1, onTime: 1, returned: 1, meanDaysToRemediate: 55 });
    expect(scores['市财政局']).toMatchObject({ rank: 3, due: 1, onTime: 0, onTimeRate: 0, meanDaysToRemediate: 52 });

    const asOfJune = await app.graphql(`{ unitScorecard(asOf: "2016-06-08") { unitName overdue time { asOf axes } } }`);
    const june = Object.fromEntries((asOfJune.data!.unitScorecard as { unitName: string; overdue: number }[]).map((score) => [score.unitName, score.overdue]));
    expect(june).toEqual({ 市发展和改革委员会: 0, 市住房和城乡建设局: 0, 市财政局: 1 });
  });

  it('answers what was known on the first evening of entry: the channel inspection was not typed in yet', async () => {
    const then = await dashboard({ asOf: '2016-06-30', knownAt: FIRST_DAY_OF_ENTRY });
    expect(then.time).toEqual({ asOf: '2016-06-30', knownAt: '2026-11-29T10:00:00.000Z', axes: ['BUSINESS_DAY', 'RECORD_TIME'] });
    expect(then.findings).toEqual({ total: 2, open: 1, closed: 1 });
    expect(lights(then)).toEqual({ 市财政局: ['GREEN', -30] });

    const channelThen = await finding(channelFinding, { asOf: '2016-06-30', knownAt: FIRST_DAY_OF_ENTRY });
    expect(channelThen).toMatchObject({ status: 'OPEN', closedOn: null });
    expect(channelThen.assignments[0]).toMatchObject({ status: 'REPORTED', inspections: [] });
  });

  it('keeps both times and the actor on every history entry', async () => {
    const channel = await finding(channelFinding);
    const inspection = channel.history.find((entry: { eventType: string }) => entry.eventType === 'InspectionLogged');
    expect(inspection).toMatchObject({ occurredOn: '2016-06-17', actorRole: 'INSPECTOR' });
    expect(inspection.recordedAt.startsWith('2026-11-30T01:00:00')).toBe(true);
    expect(channel.history.map((entry: { eventType: string; occurredOn: string }) => [entry.eventType, entry.occurredOn])).toEqual([
      ['FindingRecorded', '2016-04-15'],
      ['UnitAssigned', '2016-04-26'],
      ['RectificationReported', '2016-06-13'],
      ['InspectionLogged', '2016-06-17'],
      ['FindingClosedOut', '2016-06-17'],
    ]);
  });

  it('reads the day each unit was registered and the team was formed, beside the instant it was entered', async () => {
    const response = await app.graphql(`query($id: ID!) { units { code registeredOn registeredAt } evaluation(id: $id) { team { formedOn formedAt } } }`, { id: evaluationId });
    expect(response.errors).toBeUndefined();
    const fgw = response.data!.units.find((unit: { code: string }) => unit.code === 'FGW');
    expect(fgw.registeredOn).toBe('2016-04-01');
    expect(fgw.registeredAt.startsWith('2026-11-29T02:00:00')).toBe(true);
    expect(response.data!.evaluation.team.formedOn).toBe('2016-04-20');
    expect(response.data!.evaluation.team.formedAt.startsWith('2026-11-29T02:00:00')).toBe(true);
  });

  it('corrects a wrongly entered inspection day with a reason: a new event, the original kept, earlier knowledge unchanged', async () => {
    app.clock.set('2026-12-01T09:00:00+08:00');
    const before = await finding(disclosureFinding);
    const fgw = before.assignments.find((part: { unitId: string }) => part.unitId === units.FGW);
    const inspectionId = (await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { unitId inspections { inspectionId } } } }`, { id: disclosureFinding }))
      .data!.finding.assignments.find((part: { unitId: string }) => part.unitId === units.FGW).inspections[0].inspectionId;
    expect(fgw.verifiedOn).toBe('2016-06-06');

    // A correction that would put the check before the report it checks is refused, naming both.
    const clash = await app.graphql(`mutation($input: CorrectInspectionInput!) { correctInspection(input: $input) { id } }`, {
      input: { idempotencyKey: key('clash'), findingId: disclosureFinding, unitId: units.FGW, inspectionId, inspectedOn: '2016-05-19', reason: '记录有误' },
    });
    expect(clash.errors![0]!.message).toMatch(/corrected inspection date \(2016-05-19\) is before the report it checks \(2016-05-20\)/);

    await mutate('correctInspection', { findingId: disclosureFinding, unitId: units.FGW, inspectionId, inspectedOn: '2016-06-03', reason: '督查记录表日期抄错，实为6月3日' });
    const after = await finding(disclosureFinding);
    expect(after.assignments.find((part: { unitId: string }) => part.unitId === units.FGW)).toMatchObject({ verifiedOn: '2016-06-03', inspections: [{ inspectedOn: '2016-06-03' }] });
    const entries = after.history.filter((entry: { eventType: string }) => ['InspectionLogged', 'InspectionCorrected'].includes(entry.eventType));
    expect(entries[0]).toMatchObject({ eventType: 'InspectionLogged', occurredOn: '2016-06-06' });
    expect(entries.at(-1)).toMatchObject({ eventType: 'InspectionCorrected', occurredOn: '2026-12-01', actorRole: 'SUPERVISOR' });
    const details = JSON.parse((await app.graphql(`query($id: ID!) { finding(id: $id) { history { eventType details } } }`, { id: disclosureFinding }))
      .data!.finding.history.find((entry: { eventType: string }) => entry.eventType === 'InspectionCorrected').details);
    expect(details).toMatchObject({ previousInspectedOn: '2016-06-06', inspectedOn: '2016-06-03', reason: '督查记录表日期抄错，实为6月3日' });

    // As known now, 4 June 2016 had FGW verified; as known before the correction, it had not.
    const now = await finding(disclosureFinding, { asOf: '2016-06-04' });
    expect(now.assignments.find((part: { unitId: string }) => part.unitId === units.FGW).status).toBe('VERIFIED');
    // A correction happened on the day it was made (2026-12-01): a past day's history does not list it.
    expect(now.history.map((entry: { eventType: string }) => entry.eventType)).not.toContain('InspectionCorrected');
    expect(now.history.every((entry: { eventType: string; occurredOn: string }) => entry.eventType === 'InspectionLogged' || entry.occurredOn <= '2016-06-04')).toBe(true);
    const then = await finding(disclosureFinding, { asOf: '2016-06-04', knownAt: '2026-11-30T12:00:00+08:00' });
    expect(then.assignments.find((part: { unitId: string }) => part.unitId === units.FGW).status).toBe('REPORTED');
    const scores = (await app.graphql(`{ unitScorecard { unitName meanDaysToRemediate } }`)).data!.unitScorecard as { unitName: string; meanDaysToRemediate: number }[];
    expect(scores.find((score) => score.unitName === '市发展和改革委员会')!.meanDaysToRemediate).toBe(38);
  });

  it('moves or undoes the close-out on every business day when a correction moves or fails the verifying inspection', async () => {
    const inspectionsOf = async (findingId: string, code: 'FGW' | 'ZJJ' | 'CZJ') =>
      (await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { unitId inspections { inspectionId outcome inspectedOn } } } }`, { id: findingId }))
        .data!.finding.assignments.find((part: { unitId: string }) => part.unitId === units[code]).inspections as { inspectionId: string; outcome: string; inspectedOn: string }[];
    const zjjVerifying = (await inspectionsOf(disclosureFinding, 'ZJJ')).find((one) => one.outcome === 'PASSED')!;
    expect(zjjVerifying.inspectedOn).toBe('2016-06-20');
    await mutate('correctInspection', { findingId: disclosureFinding, unitId: units.ZJJ, inspectionId: zjjVerifying.inspectionId, inspectedOn: '2016-06-30', reason: '实为6月30日复查' });
    expect(await finding(disclosureFinding, { asOf: '2016-06-21' })).toMatchObject({ status: 'OPEN', closedOn: null });
    expect(await finding(disclosureFinding, { asOf: '2016-06-30' })).toMatchObject({ status: 'CLOSED', closedOn: '2016-06-30' });
    expect(await finding(disclosureFinding)).toMatchObject({ status: 'CLOSED', closedOn: '2016-06-30' });
    expect((await dashboard({ asOf: '2016-06-21' })).findings).toEqual({ total: 2, open: 1, closed: 1 });

    // The channel's only inspection (PASSED, 17 June) was in truth a failure on 14 June. Its due
    // date (31 May) had passed by then: returned, the part needs a new one, as after any failed inspection.
    const czj = (await inspectionsOf(channelFinding, 'CZJ'))[0]!;
    const failure = { findingId: channelFinding, unitId: units.CZJ, inspectionId: czj.inspectionId, inspectedOn: '2016-06-14', outcome: 'FAILED', reason: '网上渠道当日未开通' };
    const withoutDate = await app.graphql(`mutation($input: CorrectInspectionInput!) { correctInspection(input: $input) { id } }`, {
      input: { idempotencyKey: key('no-date'), ...failure },
    });
    expect(errorCode(withoutDate)).toBe('BAD_USER_INPUT');
    expect(withoutDate.errors![0]!.message).toBe('The due date 2016-05-31 had passed on 2016-06-14, the day the part failed inspection: a part returned then needs a new due date (newDueDate).');
    expect(withoutDate.errors![0]!.extensions!.messageZh).toBe('原时限 2016-05-31 在督查不通过之日（2016-06-14）已过：须填写重新整改的时限。');
    expect((await finding(channelFinding)).status).toBe('CLOSED');

    await mutate('correctInspection', { ...failure, newDueDate: '2016-06-30' });
    for (const asOf of ['2016-06-16', '2016-06-30', undefined]) {
      const channel = await finding(channelFinding, asOf ? { asOf } : {});
      expect(channel).toMatchObject({ status: 'OPEN', closedOn: null });
      expect(channel.assignments[0]).toMatchObject({ status: 'RETURNED', verifiedOn: null, dueDate: '2016-06-30' });
    }
    const board = await dashboard({ asOf: '2016-06-16' });
    expect(board.findings).toEqual({ total: 2, open: 2, closed: 0 });
    // Not overdue the moment it came back: due on the new day, 14 days ahead of 16 June.
    expect(lights(board)['市财政局']).toEqual(['GREEN', 14]);
    // Known before the correction, the part stood verified on its original day.
    const before = await finding(channelFinding, { asOf: '2016-06-30', knownAt: '2026-11-30T12:00:00+08:00' });
    expect(before).toMatchObject({ status: 'CLOSED', closedOn: '2016-06-17' });

    // The history of a day tells the view's story (newcomer46 S1): no close-out the view does not count, no 重新打开
    // the correction wrote on the inspection's day; now, the close-out as recorded says it no longer stands (M1).
    const closeOuts = async (id: string, asOf?: string) => {
      const response = await app.graphql(
        `query($id: ID!, $asOf: String) { finding(id: $id, asOf: $asOf) { history { eventType occurredOn closeOutUndone } historyPage(first: 100) { nodes { eventType closeOutUndone } } } }`,
        { id, asOf },
      );
      expect(response.errors).toBeUndefined();
      const { history, historyPage } = response.data!.finding as { history: { eventType: string; occurredOn: string; closeOutUndone: string | null }[]; historyPage: { nodes: { eventType: string; closeOutUndone: string | null }[] } };
      expect(historyPage.nodes.map((entry) => entry.closeOutUndone)).toEqual(history.map((entry) => entry.closeOutUndone));
      return history.filter((entry) => ['FindingClosedOut', 'FindingReopened'].includes(entry.eventType)).map((entry) => `${entry.occurredOn} ${entry.eventType}${entry.closeOutUndone ? ` ${entry.closeOutUndone}` : ''}`);
    };
    expect(await closeOuts(channelFinding, '2016-06-30')).toEqual([]);
    expect(await closeOuts(disclosureFinding, '2016-06-21')).toEqual([]);
    expect(await closeOuts(disclosureFinding, '2016-07-01')).toEqual(['2016-06-30 FindingClosedOut']);
    const channelNow = await closeOuts(channelFinding);
    expect(channelNow[0]).toMatch(/^2016-06-17 FindingClosedOut \d{4}-\d{2}-\d{2} 更正督查结果后销号不成立$/u);
    // The inspection moved 06-20 → 06-30 is the same pass: its first close-out moved with it (breaker49-8 S2), one standing.
    const disclosureNow = await closeOuts(disclosureFinding);
    expect(disclosureNow.filter((line) => line.includes('不成立'))).toEqual([]);
    expect(disclosureNow).toEqual(expect.arrayContaining([expect.stringMatching(/^2016-06-20 FindingClosedOut \d{4}-\d{2}-\d{2} 更正督查日期后销号改记于 2016-06-30$/u), '2016-06-30 FindingClosedOut']));
  });

  it('dates the 2019 reorganisation (机构改革) it enters late: renames, merges and handovers on their own days, in order', async () => {
    const admin = await app.as('ADMIN');
    const reorganize = (name: string, input: Record<string, unknown>) =>
      app.graphql(`mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { __typename } }`, { input: { idempotencyKey: key(name), ...input } }, admin);
    const earlyRename = await reorganize('renameUnit', { unitId: units.ZJJ, name: '市住房和城乡建设委员会', reason: '机构改革', renamedOn: '2016-03-31' });
    expect(errorCode(earlyRename)).toBe('BAD_USER_INPUT');
    expect(earlyRename.errors![0]!.message).toBe('The day 市住房和城乡建设局 was renamed (2016-03-31) is before the registration of 市住房和城乡建设局 (2016-04-01).');
    expect(earlyRename.errors![0]!.extensions!.messageZh).toBe('市住房和城乡建设局的更名日期（2016-03-31）早于市住房和城乡建设局的登记日期（2016-04-01），日期顺序不对。');
    expect((await reorganize('renameUnit', { unitId: units.ZJJ, name: '市住房和城乡建设委员会', reason: '机构改革', renamedOn: '2019-03-01' })).errors).toBeUndefined();

    // 市财政局's open part of the channel finding passes to a unit formed in March 2019 — a name near 市财政局's, confirmed another unit (distinctFrom).
    const formed = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, {
      input: { idempotencyKey: key('unit'), code: 'CZJ2', name: '市财政局（新）', kind: 'DEPARTMENT', registeredOn: '2019-03-01', distinctFrom: [units.CZJ] },
    }, admin);
    const successor = formed.data!.registerUnit.id as string;
    const beforeFormed = await reorganize('handOverUnitParts', { unitId: units.CZJ, successorUnitId: successor, reason: '职责划转', handedOverOn: '2019-02-15' });
    expect(errorCode(beforeFormed)).toBe('BAD_USER_INPUT');
    expect(beforeFormed.errors![0]!.message).toBe('The handover of the part of 市财政局 (2019-02-15) is before the registration of 市财政局（新） (2019-03-01).');
    const future = await reorganize('mergeUnit', { unitId: units.CZJ, successorUnitId: successor, reason: '机构改革', mergedOn: '2026-12-02' });
    expect(future.errors![0]!.message).toBe('The day of the merge (2026-12-02) is in the future: today is 2026-12-01.');

    expect((await reorganize('mergeUnit', { unitId: units.CZJ, successorUnitId: successor, reason: '机构改革', mergedOn: '2019-03-05' })).errors).toBeUndefined();
    const channel = await finding(channelFinding);
    expect(channel.history.find((entry: { eventType: string }) => entry.eventType === 'PartHandedOver')).toMatchObject({ occurredOn: '2019-03-05' });
    expect((await finding(channelFinding, { asOf: '2019-03-04' })).assignments.map((part: { unitId: string }) => part.unitId)).toEqual([units.CZJ]);
    expect((await finding(channelFinding, { asOf: '2019-03-05' })).assignments.map((part: { unitId: string }) => part.unitId)).toEqual([successor]);
  });

  it('corrects the day of a reopening typed wrong: the re-report of its paper day goes in, and now, asOf between the days and knownAt agree (breaker46-8 S1, M1)', async () => {
    // Passed 06-15, reopened on paper 06-20, the reopening typed as of 07-05; the unit re-reports with its paper day 06-25.
    const recorded = await app.graphql(`mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`, {
      input: { idempotencyKey: key('finding'), evaluationId, title: '政策解读材料未随文发布', description: '政策解读材料未随文发布', category: '解读回应', severity: 'MEDIUM', identifiedOn: '2016-04-15' },
    });
    const reopenedFinding = recorded.data!.recordFinding.id as string;
    await mutate('assignFinding', { findingId: reopenedFinding, assignedOn: '2016-04-26', units: [{ unitId: units.FGW, role: 'LEAD', dueDate: '2016-06-30' }] });
    const reReport = (reportedOn: string) =>
      app.graphql(`mutation($input: ReportRectificationInput!) { reportRectification(input: $input) { id } }`, {
        input: { idempotencyKey: key('report'), findingId: reopenedFinding, unitId: units.FGW, summary: '已随文发布解读', evidence: [{ title: '解读页面', link: 'https://www.example.gov.cn/jd' }], reportedOn },
      }, unitHeaders.FGW);
    expect((await reReport('2016-05-25')).errors).toBeUndefined();
    await mutate('logInspection', { findingId: reopenedFinding, unitId: units.FGW, outcome: 'PASSED', notes: '核实', inspectedOn: '2016-06-15', place: '现场' }, INSPECTOR);
    app.clock.set('2026-12-01T10:00:00+08:00');
    await mutate('reopenFinding', { findingId: reopenedFinding, reason: '群众反映问题复发', reopenedOn: '2016-07-05', newDueDate: '2016-07-31', overrideReason: '复查后给予整改时间' });

    const early = await reReport('2016-06-25');
    expect(errorCode(early)).toBe('BAD_USER_INPUT');
    expect(early.errors![0]!.extensions!.messageZh).toBe('报告日期（2016-06-25）早于所回应的重新打开日期（2016-07-05），日期顺序不对。如该重新打开的实际日期更早，请督办人员先在该单位任务卡片上点「更正记录日期」更正该重新打开的日期，再录入本报告。');

    app.clock.set('2026-12-01T11:00:00+08:00');
    const correct = (on: string) =>
      app.graphql(`mutation($input: CorrectRecordDateInput!) { correctRecordDate(input: $input) { id } }`, {
        input: { idempotencyKey: key('redate'), findingId: reopenedFinding, unitId: units.FGW, record: 'REOPENING', previousOn: '2016-07-05', on, reason: '重新打开通知实为6月20日' },
      });
    const beforeThePass = await correct('2016-06-14');
    expect(beforeThePass.errors![0]!.extensions!.messageZh).toBe('更正后的重新打开日期（2016-06-14）早于所重新打开的市发展和改革委员会督查通过日期（2016-06-15），日期顺序不对。');
    expect((await correct('2016-06-20')).errors).toBeUndefined();
    expect((await reReport('2016-06-25')).errors).toBeUndefined();

    const shown = (view: { status: string; closedOn: string | null; assignments: { status: string; dueDate: string; reports: { reportedOn: string }[] }[] }) =>
      ({ status: view.status, closedOn: view.closedOn, parts: view.assignments.map((part) => ({ status: part.status, dueDate: part.dueDate, reports: part.reports.map((one) => one.reportedOn) })) });
    const now = shown(await finding(reopenedFinding));
    expect(now).toEqual({ status: 'OPEN', closedOn: null, parts: [{ status: 'REPORTED', dueDate: '2016-07-31', reports: ['2016-05-25', '2016-06-25'] }] });
    expect(shown(await finding(reopenedFinding, { asOf: '2016-12-31' }))).toEqual(now);
    expect(shown(await finding(reopenedFinding, { knownAt: '2026-12-01T12:00:00+08:00' }))).toEqual(now);
    // Between the two days: open again, due 07-31 — as known now; as known before the correction, closed on 06-15.
    expect(shown(await finding(reopenedFinding, { asOf: '2016-06-22' }))).toEqual({ status: 'OPEN', closedOn: null, parts: [{ status: 'RETURNED', dueDate: '2016-07-31', reports: ['2016-05-25'] }] });
    expect(shown(await finding(reopenedFinding, { asOf: '2016-06-22', knownAt: '2026-12-01T10:30:00+08:00' }))).toEqual({ status: 'CLOSED', closedOn: '2016-06-15', parts: [{ status: 'VERIFIED', dueDate: '2016-06-30', reports: ['2016-05-25'] }] });
    expect(shown(await finding(reopenedFinding, { asOf: '2016-06-18' }))).toMatchObject({ status: 'CLOSED', closedOn: '2016-06-15' });

    // M1: correctReportDate names the way to an earlier report's day instead of saying the record changed meanwhile.
    const earlier = await app.graphql(`mutation($input: CorrectReportDateInput!) { correctReportDate(input: $input) { id } }`, {
      input: { idempotencyKey: key('earlier'), findingId: reopenedFinding, unitId: units.FGW, expectedReportedOn: '2016-05-25', reportedOn: '2016-05-24', reason: '报告日期录错' },
    });
    expect(errorCode(earlier)).toBe('BAD_USER_INPUT');
    expect(earlier.errors![0]!.extensions!.messageZh).toBe('市发展和改革委员会 2016-05-25 的整改报告是较早的一份报告（最近一份为 2016-06-25），“更正报告日期”只更正最近一份报告。请在该单位任务卡片上点「更正记录日期」，选择该份整改报告（2016-05-25）更正。');
  });

  it('refuses an asOf that is not a day, and an instant given in both arguments', async () => {
    expect(errorCode(await app.graphql(`{ dashboard(asOf: "June 2016") { asOf } }`))).toBe('BAD_USER_INPUT');
    expect(errorCode(await app.graphql(`{ dashboard(asOf: "2016-06-01T00:00:00Z", knownAt: "2026-11-29T00:00:00Z") { asOf } }`))).toBe('BAD_USER_INPUT');
  });
});
