import { TestApp, errorCode, startTestApp } from '../support/test-app.js';
import { namedMutations } from '../support/named-mutations.js';

/**
 * Issue 8, what the breaker found: a 2016 campaign entered in 2026 with a 2016 reorganisation
 * (市环境保护局 merged into 市生态环境局 on 2016-07-01, entered afterwards). On-time is judged by the
 * due date in force on the report's day; the merge judges each part by that day's state; a merged
 * unit takes no new work; no work is dated before its unit existed nor due before the evaluation
 * that found it; a view before 1949-10-01 is a typing error.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

describe('units on the day of the work, and on-time by the due date in force', () => {
  let app: TestApp;
  const units: Record<'HBJ' | 'STJ' | 'SJJ' | 'ZJJ', string> = { HBJ: '', STJ: '', SJJ: '', ZJJ: '' };
  let evaluationId: string;
  const findings: Record<'late' | 'verifiedAfter' | 'open', string> = { late: '', verifiedAfter: '', open: '' };
  let auditFinding: string;

  const { call, mutate } = namedMutations(() => app, key);
  const report = async (findingId: string, reportedOn: string) =>
    mutate('reportRectification', { findingId, unitId: units.HBJ, summary: '已整改', evidence: [{ title: '公开页面', link: 'https://www.example.gov.cn/x' }], reportedOn }, await app.as('UNIT', units.HBJ));
  const inspect = async (findingId: string, outcome: 'PASSED' | 'FAILED', inspectedOn: string, more: Record<string, unknown> = {}) =>
    mutate('logInspection', { findingId, unitId: units.HBJ, outcome, notes: outcome === 'FAILED' ? '目录不完整' : '核实', inspectedOn, place: '现场', ...more }, await app.as('INSPECTOR'));
  const record = async (title: string) => {
    const response = await app.graphql(`mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`, {
      input: { idempotencyKey: key('finding'), evaluationId, title, description: title, category: '主动公开', severity: 'HIGH', identifiedOn: '2016-04-15' },
    });
    expect(response.errors).toBeUndefined();
    return response.data!.recordFinding.id as string;
  };
  const assign = (findingId: string, unitId: string, dueDate: string, assignedOn = '2016-04-20') =>
    call('assignFinding', { findingId, assignedOn, units: [{ unitId, role: 'LEAD', dueDate }] });
  const holders = async (findingId: string) => {
    const response = await app.graphql(`query($id: ID!) { finding(id: $id) { status assignments { unitId status heldBefore } } }`, { id: findingId });
    expect(response.errors).toBeUndefined();
    return response.data!.finding;
  };

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-29T10:00:00+08:00' });
    const admin = await app.as('ADMIN');
    for (const [code, name, registeredOn] of [['HBJ', '市环境保护局', '2016-01-01'], ['STJ', '市生态环境局', '2016-01-01'], ['SJJ', '市审计局', '2016-06-01']] as const) {
      const response = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, {
        input: { idempotencyKey: `unit-${code}`, code, name, kind: 'DEPARTMENT', registeredOn },
      }, admin);
      expect(response.errors).toBeUndefined();
      units[code] = response.data!.registerUnit.id;
    }
    const evaluation = await app.graphql(`mutation($input: RegisterEvaluationInput!) { registerEvaluation(input: $input) { id } }`, {
      input: { idempotencyKey: key('evaluation'), title: `2015年度政务公开第三方评估（第${keySequence}份）`, evaluator: '某研究院', commissionedBy: '国务院办公厅', periodStart: '2015-01-01', periodEnd: '2015-12-31', receivedOn: '2016-04-15' },
    });
    expect(evaluation.errors).toBeUndefined();
    evaluationId = evaluation.data!.registerEvaluation.id;
    findings.late = await record('环境信息公开不及时');
    findings.verifiedAfter = await record('建设项目环评信息未公开');
    findings.open = await record('政策解读缺失');
  });

  afterAll(async () => {
    await app.close();
  });

  it('refuses work dated before its unit was registered, and a due date before the finding was identified, naming both days', async () => {
    const beforeRegistration = await assign(findings.open, units.SJJ, '2016-07-31', '2016-05-01');
    expect(errorCode(beforeRegistration)).toBe('BAD_USER_INPUT');
    expect(beforeRegistration.errors![0]!.extensions!.messageZh).toBe('交办日期（2016-05-01）早于市审计局的登记日期（2016-06-01）；如该单位当时已存在，请系统管理员先在“单位名录”页更正其登记日期。');
    // The way out when the unit did exist then: correct its registration day, then enter the work. With no fact yet,
    // it may go later as well as earlier (breaker8b N6: a unit registered too early by default).
    const admin = await app.as('ADMIN');
    expect((await call('correctUnitRegistration', { unitId: units.SJJ, registeredOn: '2016-07-01', reason: '录入有误' }, admin)).errors).toBeUndefined();
    const corrected = await app.graphql(`mutation($input: CorrectUnitRegistrationInput!) { correctUnitRegistration(input: $input) { registeredOn } }`, {
      input: { idempotencyKey: key('correct-registration'), unitId: units.SJJ, registeredOn: '2016-04-01', reason: '单位早已存在' },
    }, admin);
    expect(corrected.errors).toBeUndefined();
    expect(corrected.data!.correctUnitRegistration.registeredOn).toBe('2016-04-01');
    auditFinding = await record('审计结果公开不全');
    expect((await assign(auditFinding, units.SJJ, '2016-07-31', '2016-05-01')).errors).toBeUndefined();
    // Now its earliest fact is that assignment: the registration is not corrected past it.
    const pastItsWork = await call('correctUnitRegistration', { unitId: units.SJJ, registeredOn: '2016-05-02', reason: '录入有误' }, admin);
    expect(errorCode(pastItsWork)).toBe('BAD_USER_INPUT');
    expect(pastItsWork.errors![0]!.extensions!.messageZh).toBe('市审计局的登记日期不能更正为 2016-05-02：其最早的记录（交办给该单位的任务）在 2016-05-01；单位的记录不能早于其登记日期。');
    expect((await call('correctUnitRegistration', { unitId: units.SJJ, registeredOn: '2016-05-01', reason: '审计局5月1日已成立' }, admin)).errors).toBeUndefined();

    const dueBeforeEvaluation = await assign(findings.open, units.HBJ, '2016-04-01');
    expect(errorCode(dueBeforeEvaluation)).toBe('BAD_USER_INPUT');
    expect(dueBeforeEvaluation.errors![0]!.extensions!.messageZh).toBe('市环境保护局的截止日期（2016-04-01）早于问题发现日期（2016-04-15），日期顺序不对。');
    // A deadline already passed on the day it is typed in (2026) is a late entry: fine.
    expect((await assign(findings.open, units.HBJ, '2016-07-31')).errors).toBeUndefined();
  });

  it('keeps a late first report late after a failed inspection gives a new due date', async () => {
    expect((await assign(findings.late, units.HBJ, '2016-05-15')).errors).toBeUndefined();
    await report(findings.late, '2016-05-20');
    await inspect(findings.late, 'FAILED', '2016-05-22', { newDueDate: '2016-06-30' });
    await report(findings.late, '2016-06-10');
    await inspect(findings.late, 'PASSED', '2016-06-12');
    const scores = await app.graphql(`{ unitScorecard { unitName due onTime onTimeRate } }`);
    expect(scores.errors).toBeUndefined();
    // Two parts were due (this one, and the one of 2016-07-31 never reported); neither first came on time.
    expect(scores.data!.unitScorecard.find((score: { unitName: string }) => score.unitName === '市环境保护局')).toMatchObject({ due: 2, onTime: 0, onTimeRate: 0 });
  });

  it('merges on a past day judging each part by that day: verified by then stays, open then moves', async () => {
    expect((await assign(findings.verifiedAfter, units.HBJ, '2016-07-31')).errors).toBeUndefined();
    await report(findings.verifiedAfter, '2016-06-20');
    await inspect(findings.verifiedAfter, 'PASSED', '2016-07-05');

    const merged = await app.graphql(`mutation($input: MergeUnitInput!) { mergeUnit(input: $input) { findingIds } }`, {
      input: { idempotencyKey: key('merge'), unitId: units.HBJ, successorUnitId: units.STJ, reason: '机构改革：组建生态环境局', mergedOn: '2016-07-01' },
    }, await app.as('ADMIN'));
    expect(merged.errors).toBeUndefined();
    expect([...merged.data!.mergeUnit.findingIds].sort()).toEqual([findings.verifiedAfter, findings.open].sort());
    // Verified on 2016-06-12, before the merge: it stays with the unit that did it.
    expect((await holders(findings.late)).assignments).toEqual([{ unitId: units.HBJ, status: 'VERIFIED', heldBefore: [] }]);
    // Still open on 2016-07-01 (verified on 2016-07-05, typed in before the merge): the successor's.
    expect((await holders(findings.verifiedAfter)).assignments).toEqual([{ unitId: units.STJ, status: 'VERIFIED', heldBefore: [units.HBJ] }]);
    expect((await holders(findings.open)).assignments).toEqual([{ unitId: units.STJ, status: 'ASSIGNED', heldBefore: [units.HBJ] }]);
  });

  it('gives a merged unit no new work, naming its successor; a reopening hands its returned part over', async () => {
    const newFinding = await record('依申请公开答复超期');
    const assigned = await assign(newFinding, units.HBJ, '2016-09-30', '2016-08-01');
    expect(errorCode(assigned)).toBe('CONFLICT');
    expect(assigned.errors![0]!.extensions!.messageZh).toBe('市环境保护局已于 2016-07-01 并入市生态环境局，不再承担新的工作；其未完成的任务由市生态环境局承担。');

    // A pass of its days corrected to a failure is taken (breaker8p P4: late-facts-of-merged-units.e2e.spec.ts); moved to the merge day, refused.
    const corrected = await call('correctInspection', {
      findingId: findings.late, unitId: units.HBJ, inspectionId: await lastInspectionId(findings.late), inspectedOn: '2016-07-01', outcome: 'FAILED', newDueDate: '2016-08-31', reason: '结论录错',
    });
    expect(errorCode(corrected)).toBe('CONFLICT');
    expect(corrected.errors![0]!.extensions!.messageZh).toMatch(/^市环境保护局已于 2016-07-01 并入市生态环境局/);

    // Nor is it a hand-over's successor: its parts would be stuck with a unit that can do nothing.
    const handedBack = await call('handOverUnitParts', { unitId: units.STJ, successorUnitId: units.HBJ, reason: '误操作', handedOverOn: '2016-08-01' }, await app.as('ADMIN'));
    expect(errorCode(handedBack)).toBe('CONFLICT');
    expect(handedBack.errors![0]!.extensions!.messageZh).toBe('承继单位市环境保护局已于 2016-07-01 并入市生态环境局（早于 2016-08-01），不再承担新的工作；请移交给市生态环境局。');

    await mutate('reopenFinding', { findingId: findings.late, reason: '复查发现页面被撤下', reopenedOn: '2016-08-01', newDueDate: '2016-09-30' });
    expect((await holders(findings.late))).toEqual({ status: 'OPEN', assignments: [{ unitId: units.STJ, status: 'RETURNED', heldBefore: [units.HBJ] }] });
  });

  it('reads a past plan’s and a past ledger’s unit names as of their assignment day: the unit merged later gets the part, passed on the merge day', async () => {
    const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
    const plan = '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n一,环境信息,1,公开环评审批信息,,市环境保护局,,2016-09-30\n';
    const imported = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId } }`, {
      input: { idempotencyKey: key('plan'), fileName: 'plan-2016.csv', title: '青川市2016年环境信息公开要点', year: 2016, contentBase64: base64(plan), approvedOn: '2016-04-25', assignedOn: '2016-04-26' },
    });
    expect(imported.errors).toBeUndefined();
    const breakdown = await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id } } } }`, { id: imported.data!.importWorkPlan.planId });
    const itemId = breakdown.data!.workPlan.categories[0].items[0].id as string;
    const item = async (asOf?: string) => {
      const response = await app.graphql(`query($id: ID!, $asOf: String) { workPlanItem(id: $id, asOf: $asOf) { parts { unitId heldBefore assignedOn unit { name } } history { eventType occurredOn } } }`, { id: itemId, asOf });
      expect(response.errors).toBeUndefined();
      return response.data!.workPlanItem;
    };
    // In May 2016 the part was 市环境保护局's; from the merge day (2016-07-01) its successor's.
    expect((await item('2016-05-31')).parts).toEqual([{ unitId: units.HBJ, heldBefore: [], assignedOn: '2016-04-26', unit: { name: '市环境保护局' } }]);
    const now = await item();
    expect(now.parts).toEqual([{ unitId: units.STJ, heldBefore: [units.HBJ], assignedOn: '2016-04-26', unit: { name: '市生态环境局' } }]);
    expect(now.history.map((entry: { eventType: string; occurredOn: string }) => [entry.eventType, entry.occurredOn])).toContainEqual(['PartHandedOver', '2016-07-01']);
    // A May report found in the merged unit's files, entered by its successor: the merged unit's work of May, when it held the part (breaker8 B5).
    const early = await call('reportWorkPlanItem', { itemId, unitId: units.STJ, summary: '已公开', evidence: [{ title: '公开页面', link: 'https://www.example.gov.cn/eia' }], reportedOn: '2016-05-20' }, await app.as('UNIT', units.STJ));
    expect(early.errors).toBeUndefined();
    const reports = async (asOf?: string) =>
      (await app.graphql(`query($id: ID!, $asOf: String) { workPlanItem(id: $id, asOf: $asOf) { parts { unitId status reports { reportedOn } } } }`, { id: itemId, asOf })).data!.workPlanItem.parts;
    expect(await reports('2016-05-31')).toEqual([{ unitId: units.HBJ, status: 'REPORTED', reports: [{ reportedOn: '2016-05-20' }] }]);
    expect(await reports()).toEqual([{ unitId: units.STJ, status: 'REPORTED', reports: [{ reportedOn: '2016-05-20' }] }]);
    expect(await reports('2026-11-29')).toEqual(await reports());

    // A ledger of the same spring: the same name, the same reading.
    const ledger = '问题,牵头单位,整改时限\n建设项目环评信息公开不全,市环境保护局,2016-08-31\n';
    const recorded = await app.graphql(`mutation($input: ImportFindingsInput!) { importFindings(input: $input) { findings { id assignments { unitId heldBefore assignedOn } } } }`, {
      input: { idempotencyKey: key('ledger'), evaluationId, fileName: 'ledger-2016.csv', contentBase64: base64(ledger), identifiedOn: '2016-04-20', assignedOn: '2016-05-01' },
    });
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data!.importFindings.findings[0].assignments).toEqual([{ unitId: units.STJ, heldBefore: [units.HBJ], assignedOn: '2016-05-01' }]);

    // A file of days after the merge names the successor's work: assigned to it from the start.
    const autumn = await app.graphql(`mutation($input: ImportFindingsInput!) { importFindings(input: $input) { findings { assignments { unitId heldBefore } } } }`, {
      input: { idempotencyKey: key('ledger'), evaluationId, fileName: 'ledger-autumn.csv', contentBase64: base64(ledger.replace('建设项目', '秋季建设项目').replace('2016-08-31', '2016-10-31')), identifiedOn: '2016-08-01' },
    });
    expect(autumn.errors).toBeUndefined();
    expect(autumn.data!.importFindings.findings[0].assignments).toEqual([{ unitId: units.STJ, heldBefore: [] }]);
  });

  it('takes work dated before the part passed to the successor as its predecessor’s, whichever of the two is named, and an inspection of it too (breaker8 B5)', async () => {
    const reportOn = async (unitId: string, reportedOn: string) =>
      call('reportRectification', { findingId: findings.open, unitId, summary: '已整改', evidence: [{ title: '公开页面', link: 'https://www.example.gov.cn/y' }], reportedOn }, await app.as('UNIT', unitId));
    // The merged unit's clerk for a day after its merge: no longer its part.
    expect(errorCode(await reportOn(units.HBJ, '2016-07-02'))).toBe('CONFLICT');
    expect((await reportOn(units.STJ, '2016-06-25')).errors).toBeUndefined();
    const inspected = await call('logInspection', { findingId: findings.open, unitId: units.HBJ, outcome: 'FAILED', notes: '目录不完整', inspectedOn: '2016-06-28', place: '现场' }, await app.as('INSPECTOR'));
    expect(inspected.errors).toBeUndefined();
    const part = async (travel: { asOf?: string; knownAt?: string }) => {
      const response = await app.graphql(`query($id: ID!, $asOf: String, $knownAt: String) { finding(id: $id, asOf: $asOf, knownAt: $knownAt) { assignments { unitId status heldBefore reports { reportedOn } inspections { inspectedOn outcome } } history { eventType unitId occurredOn } } }`, { id: findings.open, ...travel });
      expect(response.errors).toBeUndefined();
      return response.data!.finding;
    };
    const now = await part({});
    expect(now.assignments).toEqual([{ unitId: units.STJ, status: 'RETURNED', heldBefore: [units.HBJ], reports: [{ reportedOn: '2016-06-25' }], inspections: [{ inspectedOn: '2016-06-28', outcome: 'FAILED' }] }]);
    // The history says whose work it was: the merged unit's, before the merge.
    expect(now.history.filter((entry: { eventType: string }) => ['RectificationReported', 'InspectionLogged'].includes(entry.eventType))).toEqual([
      { eventType: 'RectificationReported', unitId: units.HBJ, occurredOn: '2016-06-25' },
      { eventType: 'InspectionLogged', unitId: units.HBJ, occurredOn: '2016-06-28' },
    ]);
    expect(await part({ knownAt: '2099-01-01T00:00:00Z' })).toEqual(now);
    expect(await part({ asOf: '2026-11-29' })).toEqual(now);
    expect((await part({ asOf: '2016-06-26' })).assignments).toEqual([{ unitId: units.HBJ, status: 'REPORTED', heldBefore: [], reports: [{ reportedOn: '2016-06-25' }], inspections: [] }]);
  });

  it('undoes a failure corrected to PASSED everywhere (its new due date too), and corrects no inspection something answered', async () => {
    const clerk = await app.as('UNIT', units.SJJ);
    await mutate('reportRectification', { findingId: auditFinding, unitId: units.SJJ, summary: '已整改', evidence: [{ title: '公开页面', link: 'https://www.example.gov.cn/z' }], reportedOn: '2016-06-10' }, clerk);
    await mutate('logInspection', { findingId: auditFinding, unitId: units.SJJ, outcome: 'FAILED', notes: '不全', inspectedOn: '2016-06-15', place: '现场', newDueDate: '2016-08-31' }, await app.as('INSPECTOR'));
    const inspectionId = await lastInspectionId(auditFinding);
    const dueDates = async () => {
      const query = `query($id: ID!, $knownAt: String) { finding(id: $id, knownAt: $knownAt) { assignments { dueDate status } } }`;
      const now = await app.graphql(query, { id: auditFinding });
      const known = await app.graphql(query, { id: auditFinding, knownAt: '2030-01-01T00:00:00Z' });
      return [now.data!.finding.assignments[0], known.data!.finding.assignments[0]];
    };
    expect(await dueDates()).toEqual([{ dueDate: '2016-08-31', status: 'RETURNED' }, { dueDate: '2016-08-31', status: 'RETURNED' }]);
    await mutate('correctInspection', { findingId: auditFinding, unitId: units.SJJ, inspectionId, outcome: 'PASSED', reason: '结论录错' });
    expect(await dueDates()).toEqual([{ dueDate: '2016-07-31', status: 'VERIFIED' }, { dueDate: '2016-07-31', status: 'VERIFIED' }]);

    // A failure the unit answered with an extension request stays as it was.
    const answered = await record('预算公开不细');
    expect((await assign(answered, units.SJJ, '2016-07-31', '2016-06-01')).errors).toBeUndefined();
    await mutate('reportRectification', { findingId: answered, unitId: units.SJJ, summary: '已整改', evidence: [{ title: '预算', link: 'https://www.example.gov.cn/b' }], reportedOn: '2016-06-10' }, clerk);
    await mutate('logInspection', { findingId: answered, unitId: units.SJJ, outcome: 'FAILED', notes: '不细', inspectedOn: '2016-06-15', place: '现场', newDueDate: '2016-07-31' }, await app.as('INSPECTOR'));
    await mutate('requestExtension', { findingId: answered, unitId: units.SJJ, requestedDueDate: '2016-09-30', reason: '需补充材料', requestedOn: '2016-06-16' }, clerk);
    const refused = await call('correctInspection', { findingId: answered, unitId: units.SJJ, inspectionId: await lastInspectionId(answered), outcome: 'PASSED', reason: '结论录错' });
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(refused.errors![0]!.extensions!.messageZh).toContain('之后已有延期申请（2016-06-16）');
  });

  it('shows a past day under the names units had then, as known at the instant asked (knownAt), in every view and export', async () => {
    // The rename is entered at noon; it is dated 2016-09-01.
    app.clock.set('2026-11-29T12:00:00+08:00');
    const renamed = await call('renameUnit', { unitId: units.SJJ, name: '市审计局（更名）', reason: '机构改革', renamedOn: '2016-09-01' }, await app.as('ADMIN'));
    expect(renamed.errors).toBeUndefined();
    const named = async (asOf?: string, knownAt?: string) => {
      const response = await app.graphql(
        `query($id: ID!, $unitId: ID!, $asOf: String, $knownAt: String) {
          finding(id: $id, asOf: $asOf, knownAt: $knownAt) { assignments { unit { name } } }
          dashboard(asOf: $asOf, knownAt: $knownAt) { openParts { unitName } }
          unitScorecard(asOf: $asOf, knownAt: $knownAt) { unitName }
          unitWorkload(unitId: $unitId, asOf: $asOf, knownAt: $knownAt) { openParts { unitName } } }`,
        { id: auditFinding, unitId: units.SJJ, asOf, knownAt },
      );
      expect(response.errors).toBeUndefined();
      const { finding, dashboard, unitScorecard, unitWorkload } = response.data!;
      return {
        finding: finding.assignments[0].unit.name,
        dashboard: dashboard.openParts.map((part: { unitName: string }) => part.unitName).filter((name: string) => name.startsWith('市审计局')),
        scorecard: unitScorecard.map((score: { unitName: string }) => score.unitName).filter((name: string) => name.startsWith('市审计局')),
        workload: unitWorkload.openParts[0].unitName,
      };
    };
    const everywhere = (name: string) => ({ finding: name, dashboard: [name], scorecard: [name], workload: name });
    expect(await named('2016-08-31')).toEqual(everywhere('市审计局'));
    expect(await named('2016-09-01')).toEqual(everywhere('市审计局（更名）'));
    expect(await named()).toEqual(everywhere('市审计局（更名）'));
    // Before noon the rename was not known, whatever day it names; from noon it is.
    expect(await named('2016-09-01', '2026-11-29T11:00:00+08:00')).toEqual(everywhere('市审计局'));
    expect(await named(undefined, '2026-11-29T11:00:00+08:00')).toEqual(everywhere('市审计局'));
    expect(await named('2016-09-01', '2026-11-29T12:00:00+08:00')).toEqual(everywhere('市审计局（更名）'));

    // The 整改台账 export of a past day names the unit as it was then.
    const supervisor = await app.as('SUPERVISOR');
    const ledgerCsv = async (asOf: string) => (await (await fetch(`${app.url}/export/ledger.csv?asOf=${asOf}&evaluationId=${evaluationId}`, { headers: supervisor })).text());
    expect(await ledgerCsv('2016-08-31')).toContain('市审计局,');
    expect(await ledgerCsv('2016-08-31')).not.toContain('市审计局（更名）');
    expect(await ledgerCsv('2016-09-01')).toContain('市审计局（更名）');

    // The finding's timeline names the unit on each entry's day, as the card above it does (breaker8c P7).
    const history = (await app.graphql(`query($id: ID!) { finding(id: $id) { history { eventType occurredOn unitId unitName } } }`, { id: auditFinding })).data!.finding.history as { eventType: string; occurredOn: string; unitId: string | null; unitName: string | null }[];
    const assigned = history.find((entry) => entry.eventType === 'UnitAssigned' && entry.unitId === units.SJJ)!;
    expect(assigned.occurredOn < '2016-09-01' && assigned.unitName).toBe('市审计局');
    expect(history.filter((entry) => entry.unitId === null).every((entry) => entry.unitName === null)).toBe(true);
  });

  it('a unit entered today, its registration corrected to a past day, then renamed on a later past day: the new name now, the registered name before (breaker8u P5)', async () => {
    const admin = await app.as('ADMIN');
    const registered = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, {
      input: { idempotencyKey: key('unit-wjw'), code: 'WJW', name: '市卫生和计划生育委员会', kind: 'DEPARTMENT' },
    }, admin);
    expect(registered.errors).toBeUndefined();
    const unitId = registered.data!.registerUnit.id as string;
    expect((await call('correctUnitRegistration', { unitId, registeredOn: '2016-01-04', reason: '按成立文件更正' }, admin)).errors).toBeUndefined();
    expect((await call('renameUnit', { unitId, name: '市卫生健康委员会', reason: '机构改革', renamedOn: '2016-06-20' }, admin)).errors).toBeUndefined();
    const unit = await app.graphql(`query($id: ID!) { unit(id: $id) { name formerNames } }`, { id: unitId });
    expect(unit.data!.unit).toEqual({ name: '市卫生健康委员会', formerNames: ['市卫生和计划生育委员会'] });
    const findingId = await record('卫生健康信息公开不全');
    expect((await assign(findingId, unitId, '2016-07-31', '2016-05-10')).errors).toBeUndefined();
    const before = await app.graphql(`query($id: ID!) { finding(id: $id, asOf: "2016-06-16") { assignments { unit { name } } } }`, { id: findingId });
    expect(before.data!.finding.assignments.map((part: { unit: { name: string } }) => part.unit.name)).toEqual(['市卫生和计划生育委员会']);
  });

  it('refuses a view or a fact before 1949-10-01 as a typing error, in Chinese too', async () => {
    const yearZero = await app.graphql(`{ dashboard(asOf: "0000-06-01") { asOf } }`);
    expect(errorCode(yearZero)).toBe('BAD_USER_INPUT');
    expect(yearZero.errors![0]!.extensions!.messageZh).toBe('asOf（0000-06-01）早于系统可查询的最早日期 1949-10-01，请检查年份。');
    const ancient = await call('urgeUnit', { findingId: findings.open, unitId: units.STJ, message: '请尽快报送', urgedOn: '0016-06-01' });
    expect(errorCode(ancient)).toBe('BAD_USER_INPUT');
  });

  it('a merge dated before a hand-over into the merged unit passes the part on from the day the unit took it over (breaker8f P4 rest: a merged unit takes no new work); not into the unit that handed it over (breaker8j P1)', async () => {
    const admin = await app.as('ADMIN');
    await mutate('handOverUnitParts', { unitId: units.STJ, successorUnitId: units.SJJ, reason: '职能调整', handedOverOn: '2016-10-10' }, admin);
    // Into the unit that handed its work over after that day, the merge would be a circle: the work would come back to 审计局, merged
    // away (breaker8j P1; in date order the hand-over into the merged unit is the one refused).
    const backInto = await call('mergeUnit', { unitId: units.SJJ, successorUnitId: units.STJ, reason: '机构改革', mergedOn: '2016-10-05' }, admin);
    expect(errorCode(backInto)).toBe('CONFLICT');
    expect(backInto.errors![0]!.extensions!.messageZh).toMatch(/^市审计局（更名）不能于 2016-10-05 并入市生态环境局：市生态环境局于 2016-10-10 把任务移交市审计局（更名），晚于该合并日期/);
    const registeredZjj = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, {
      input: { idempotencyKey: 'unit-ZJJ', code: 'ZJJ', name: '市住房和城乡建设局', kind: 'DEPARTMENT', registeredOn: '2016-01-01' },
    }, admin);
    expect(registeredZjj.errors).toBeUndefined();
    units.ZJJ = registeredZjj.data!.registerUnit.id;
    const merged = await call('mergeUnit', { unitId: units.SJJ, successorUnitId: units.ZJJ, reason: '机构改革', mergedOn: '2016-10-05' }, admin);
    expect(merged.errors).toBeUndefined();
    const holderOn = async (asOf?: string) => {
      const response = await app.graphql(`query($id: ID!, $asOf: String) { finding(id: $id, asOf: $asOf) { assignments { unitId } } }`, { id: findings.open, ...(asOf ? { asOf } : {}) });
      expect(response.errors).toBeUndefined();
      return response.data!.finding.assignments[0].unitId;
    };
    expect(await holderOn()).toBe(units.ZJJ);
    expect(await holderOn('2016-10-10')).toBe(units.ZJJ);
    expect(await holderOn('2016-10-09')).toBe(units.STJ);
  });

  async function lastInspectionId(findingId: string): Promise<string> {
    const response = await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { inspections { inspectionId } } } }`, { id: findingId });
    return response.data!.finding.assignments[0].inspections.at(-1).inspectionId;
  }
});
