import { TestApp, errorCode, startTestApp } from '../support/test-app.js';
import { reorganisationStory, type HeldPart } from '../support/reorganisation-story.js';

/**
 * breaker8g P18: a unit whose part is still open is handed over or merged (机构改革) into a unit whose
 * part of the same finding or work-plan item stood verified by that day. The joined part carries the
 * open work — the joining part's status, due date and reports, held by the successor, leading if
 * either led — and the successor's verified record stays in the history: the finding is not closed
 * (the item not completed) until the joined work is inspected, on every reading (now, as of today,
 * at the far record-time cut), and it never shows a close-out day before a day it was open. A part
 * verified only after the join day keeps the successor's record (that pass covered the joined work).
 * Each story has units of its own, registered 2016-01-04. HTTP GraphQL on a real SQLite file.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

const evidence = [{ title: '公开页面', link: 'https://www.example.gov.cn/p' }];

describe('an open part joining a verified one carries the open work (breaker8g P18)', () => {
  let app: TestApp;
  let evaluationId: string;

  const { call, mutate, unit, code, registered, registerEvaluation, story, everyReading, reorganise, report } = reorganisationStory(() => app, key, {
    evaluationId: () => evaluationId,
    unitName: (one) => `青川县并入${one}局`,
    storyShowsClosedOn: true,
  });
  const inspect = async (findingId: string, of: string, inspectedOn: string) =>
    call('logInspection', { findingId, unitId: unit[of], outcome: 'PASSED', notes: '核实', inspectedOn, place: '现场' }, await app.as('INSPECTOR'));
  /** A finding whose lead `lead` reported on 05-20 and passed on 06-01, `open` responsible with nothing done. */
  const leadVerified = async (title: string, lead: string, open: string) => {
    const { id } = await mutate('recordFinding', { evaluationId, title, description: title, category: '主动公开', severity: 'HIGH', identifiedOn: '2016-04-15' }, undefined, 'id');
    await mutate('assignFinding', { findingId: id, assignedOn: '2016-04-26', units: [{ unitId: unit[lead], role: 'LEAD', dueDate: '2016-12-31' }, { unitId: unit[open], role: 'RESPONSIBLE', dueDate: '2016-12-31' }] });
    expect((await report(id, lead, '2016-05-20')).errors).toBeUndefined();
    expect((await inspect(id, lead, '2016-06-01')).errors).toBeUndefined();
    return id as string;
  };

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-30T10:00:00+08:00' });
    evaluationId = await registerEvaluation('2015年度政务公开第三方评估（并入已完成任务）');
  });

  afterAll(async () => {
    await app?.close();
  });

  it.each(['mergeUnit', 'handOverUnitParts'] as const)('%s of the open unit into the verified one leaves the finding open until the joined work is inspected', async (operation) => {
    const [lead, open] = operation === 'mergeUnit' ? ['MA', 'MB'] : ['HA', 'HB'];
    await registered([lead, open]);
    const finding = await leadVerified(operation === 'mergeUnit' ? '政务公开专栏信息更新不及时' : '重点领域信息公开目录缺项', lead, open);
    expect((await reorganise(operation, open, lead, '2016-08-01')).errors).toBeUndefined();

    expect(await everyReading(finding)).toEqual(['OPEN', null, `${lead} LEAD ASSIGNED ${open}`]);
    expect(await story(finding, { asOf: '2016-07-15' })).toEqual(['OPEN', null, `${lead} LEAD VERIFIED`, `${open} RESPONSIBLE ASSIGNED`]);
    expect(await story(finding, { asOf: '2016-08-15' })).toEqual(['OPEN', null, `${lead} LEAD ASSIGNED ${open}`]);
    const dashboard = await app.graphql(`query { dashboard { findings { closed } } }`);
    expect(dashboard.errors).toBeUndefined();
    expect(dashboard.data!.dashboard.findings.closed).toBe(0);

    // The successor does the joined work: reported, inspected, then closed on that day.
    expect((await report(finding, lead, '2016-08-10')).errors).toBeUndefined();
    expect((await inspect(finding, lead, '2016-08-20')).errors).toBeUndefined();
    expect(await everyReading(finding)).toEqual(['CLOSED', '2016-08-20', `${lead} LEAD VERIFIED ${open}`]);
    expect(await story(finding, { asOf: '2016-08-15' })).toEqual(['OPEN', null, `${lead} LEAD REPORTED ${open}`]);
    // Then every finding this test closed is counted once.
    const closed = await app.graphql(`query { dashboard { findings { closed } } }`);
    expect(closed.data!.dashboard.findings.closed).toBe(1);
    // Reset for the next case: reopen is not needed, each case counts from its own finding.
    await mutate('reopenFinding', { findingId: finding, reopenedOn: '2016-09-01', newDueDate: '2016-12-31', reason: '复查' });
  });

  it('a 职能互换 (the verified unit to the open one and back, one day) keeps the open work open, in either typing order', async () => {
    await registered(['SA', 'SB', 'TA', 'TB']);
    const forwards = await leadVerified('政策解读材料未同步发布', 'SA', 'SB');
    const backwards = await leadVerified('政务新媒体账号长期不更新', 'TA', 'TB');
    expect((await reorganise('handOverUnitParts', 'SA', 'SB', '2017-03-01')).errors).toBeUndefined();
    expect((await reorganise('handOverUnitParts', 'SB', 'SA', '2017-03-01')).errors).toBeUndefined();
    expect((await reorganise('handOverUnitParts', 'TB', 'TA', '2017-03-01')).errors).toBeUndefined();
    expect((await reorganise('handOverUnitParts', 'TA', 'TB', '2017-03-01')).errors).toBeUndefined();
    expect(await everyReading(forwards)).toEqual(['OPEN', null, 'SA LEAD ASSIGNED SB']);
    expect(await everyReading(backwards)).toEqual(['OPEN', null, 'TA LEAD ASSIGNED TB']);
  });

  it('a pass of the successor dated after the join keeps its record: that pass covered the joined work (both reported by the join day)', async () => {
    await registered(['LA', 'LB']);
    const { id: finding } = await mutate('recordFinding', { evaluationId, title: '依申请公开答复不规范', description: '答复不规范', category: '依申请公开', severity: 'HIGH', identifiedOn: '2016-04-15' }, undefined, 'id');
    await mutate('assignFinding', { findingId: finding, assignedOn: '2016-04-26', units: [{ unitId: unit.LA, role: 'LEAD', dueDate: '2016-12-31' }, { unitId: unit.LB, role: 'RESPONSIBLE', dueDate: '2016-12-31' }] });
    expect((await report(finding, 'LA', '2016-05-20')).errors).toBeUndefined();
    // LB reported too: a part still owing its report would carry its open work into LA's reported one (breaker8n P1).
    expect((await report(finding, 'LB', '2016-07-20')).errors).toBeUndefined();
    expect((await reorganise('mergeUnit', 'LB', 'LA', '2016-08-01')).errors).toBeUndefined();
    expect((await inspect(finding, 'LA', '2016-08-20')).errors).toBeUndefined();
    expect(await everyReading(finding)).toEqual(['CLOSED', '2016-08-20', 'LA LEAD VERIFIED LB']);
    // A pass dated before the join, entered after it: taken as date order has it (breaker8l P7) — the join comes off, the pass
    // verifies KA's own part on its day, and the join is made again, carrying KB's open work.
    await registered(['KA', 'KB']);
    const { id: other } = await mutate('recordFinding', { evaluationId, title: '行政处罚结果公开不及时', description: '公开不及时', category: '主动公开', severity: 'HIGH', identifiedOn: '2016-04-15' }, undefined, 'id');
    await mutate('assignFinding', { findingId: other, assignedOn: '2016-04-26', units: [{ unitId: unit.KA, role: 'LEAD', dueDate: '2016-12-31' }, { unitId: unit.KB, role: 'RESPONSIBLE', dueDate: '2016-12-31' }] });
    expect((await report(other, 'KA', '2016-05-20')).errors).toBeUndefined();
    expect((await reorganise('mergeUnit', 'KB', 'KA', '2016-08-01')).errors).toBeUndefined();
    expect((await inspect(other, 'KA', '2016-06-01')).errors).toBeUndefined();
    expect(await everyReading(other)).toEqual(['OPEN', null, 'KA LEAD ASSIGNED KB']);
  });

  it.each(['mergeUnit', 'handOverUnitParts'] as const)('%s: a pass dated before a join is refused the same once the joined part moved on again, and closes nothing (breaker8i P9)', async (operation) => {
    const [lead, joinedInto, next] = operation === 'mergeUnit' ? ['NS', 'NC', 'NJ'] : ['QS', 'QC', 'QJ'];
    await registered([lead, joinedInto, next]);
    const title = operation === 'mergeUnit' ? '政府信息公开年度报告发布滞后' : '政策文件解读材料缺失';
    const { id: finding } = await mutate('recordFinding', { evaluationId, title, description: title, category: '主动公开', severity: 'HIGH', identifiedOn: '2016-04-15' }, undefined, 'id');
    await mutate('assignFinding', { findingId: finding, assignedOn: '2016-05-10', units: [{ unitId: unit[lead], role: 'LEAD', dueDate: '2016-12-31' }, { unitId: unit[joinedInto], role: 'RESPONSIBLE', dueDate: '2016-12-31' }] });
    expect((await report(finding, lead, '2016-05-20')).errors).toBeUndefined();
    expect((await report(finding, joinedInto, '2016-06-10')).errors).toBeUndefined();
    expect((await reorganise(operation, lead, joinedInto, '2017-03-01')).errors).toBeUndefined();
    expect((await reorganise(operation, joinedInto, next, '2017-04-01')).errors).toBeUndefined();
    const before = await everyReading(finding);
    expect(before).toEqual(['OPEN', null, `${next} LEAD REPORTED ${lead} ${joinedInto}`]);

    // The inspector's sheet of 2016-06-15 for the unit the lead's part joined: in date order its pass would have carried the lead's open work.
    const late = await inspect(finding, joinedInto, '2016-06-15');
    expect(errorCode(late)).toBe('CONFLICT');
    expect(late.errors![0]!.extensions!.messageZh).toBe(
      `青川县并入${lead}局的任务已于 2017-03-01 并入青川县并入${joinedInto}局的任务；该日期之前改变任一任务是否已报告或已确认完成的记录会改变合并后的任务，已合并的任务不能再分开或重新合并。`,
    );
    expect(await everyReading(finding)).toEqual(before);
  });

  it.each(['mergeUnit', 'handOverUnitParts'] as const)('%s dated on or after the successor’s pass, typed after its part was reopened and reported again, is refused naming the later fact: the reopening is not dropped (breaker8i P4)', async (operation) => {
    const [lead, joining, other] = operation === 'mergeUnit' ? ['RS', 'RC', 'RH'] : ['OS', 'OC', 'OH'];
    await registered([lead, joining, other]);
    const title = operation === 'mergeUnit' ? '财政预决算公开不完整' : '重大建设项目批准信息未公开';
    const { id: finding } = await mutate('recordFinding', { evaluationId, title, description: title, category: '主动公开', severity: 'HIGH', identifiedOn: '2016-04-15' }, undefined, 'id');
    await mutate('assignFinding', { findingId: finding, assignedOn: '2016-05-31', units: [{ unitId: unit[lead], role: 'LEAD', dueDate: '2017-03-01' }, { unitId: unit[other], role: 'RESPONSIBLE', dueDate: '2017-03-01' }] });
    await mutate('assignFinding', { findingId: finding, assignedOn: '2016-06-15', units: [{ unitId: unit[joining], role: 'RESPONSIBLE', dueDate: '2016-09-01' }] });
    expect((await report(finding, lead, '2016-07-01')).errors).toBeUndefined();
    expect((await inspect(finding, lead, '2016-09-30')).errors).toBeUndefined();
    await mutate('reopenFinding', { findingId: finding, reopenedOn: '2017-01-10', newDueDate: '2017-03-01', reason: '复查未通过' });
    const reopened = await everyReading(finding);
    expect(reopened).toEqual(['OPEN', null, `${joining} RESPONSIBLE ASSIGNED`, `${other} RESPONSIBLE ASSIGNED`, `${lead} LEAD RETURNED`]);

    // The 机构改革 paper of 2016-09-30 / 10-01 arrives: the join would carry the joining unit's open work and set the reopened record aside.
    const late = await reorganise(operation, joining, lead, operation === 'mergeUnit' ? '2016-10-01' : '2016-09-30');
    expect(errorCode(late)).toBe('CONFLICT');
    expect(late.errors![0]!.extensions!.messageZh).toMatch(new RegExp(`青川县并入${lead}局任务的重新打开的日期（2017-01-10）在其之后`));
    expect(await everyReading(finding)).toEqual(reopened);

    // The lead's re-rectification reported after the reopening is then the latest fact named.
    expect((await report(finding, lead, '2017-02-01')).errors).toBeUndefined();
    const later = await reorganise(operation, joining, lead, '2016-10-01');
    expect(errorCode(later)).toBe('CONFLICT');
    expect(later.errors![0]!.extensions!.messageZh).toMatch(new RegExp(`青川县并入${lead}局的整改报告的日期（2017-02-01）在其之后`));
  });

  it('a withdrawal dated before the join, typed after it, is refused as verified work; the set-aside pass and the carried report are corrected where they are kept (breaker8h P4, P2, P5)', async () => {
    await registered(['PA', 'PB']);
    const finding = await leadVerified('政府网站互动交流栏目留言答复超期', 'PA', 'PB');
    const before = await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { unitId inspections { inspectionId } } } }`, { id: finding });
    const inspectionId = before.data!.finding.assignments.find((part: { unitId: string }) => part.unitId === unit.PA).inspections[0].inspectionId as string;
    expect((await report(finding, 'PB', '2016-07-10')).errors).toBeUndefined();
    expect((await reorganise('mergeUnit', 'PB', 'PA', '2016-08-01')).errors).toBeUndefined();
    expect(await everyReading(finding)).toEqual(['OPEN', null, 'PA LEAD REPORTED PB']);

    // P4: typed in date order the withdrawal of 07-01 meets PA's pass of 06-01; typed after the merge, the same.
    const withdrawal = await call('withdrawFinding', { findingId: finding, withdrawnOn: '2016-07-01', reason: '评估方撤回该问题' });
    expect(errorCode(withdrawal)).toBe('CONFLICT');
    expect(withdrawal.errors![0]!.extensions!.messageZh).toMatch(/青川县并入PA局的整改已于 2016-06-01 核验.*请先重新打开该问题/);
    expect(await everyReading(finding)).toEqual(['OPEN', null, 'PA LEAD REPORTED PB']);

    // P2: PA's set-aside pass is found and its day corrected (it stays before the join).
    const corrected = await call('correctInspection', { findingId: finding, unitId: unit.PA, inspectionId, inspectedOn: '2016-06-02', expectedInspectedOn: '2016-06-01', expectedOutcome: 'PASSED', reason: '督查日期录错' });
    expect(corrected.errors).toBeUndefined();
    expect(await story(finding, { asOf: '2016-06-01' })).toEqual(['OPEN', null, 'PA LEAD REPORTED', 'PB RESPONSIBLE ASSIGNED']);
    expect(await story(finding, { asOf: '2016-06-02' })).toEqual(['OPEN', null, 'PA LEAD VERIFIED', 'PB RESPONSIBLE ASSIGNED']);
    // …and one that would un-verify it by the join day is refused naming the join.
    const failed = await call('correctInspection', { findingId: finding, unitId: unit.PA, inspectionId, outcome: 'FAILED', newDueDate: '2016-12-31', reason: '结论录错' });
    expect(errorCode(failed)).toBe('CONFLICT');
    expect(failed.errors![0]!.extensions!.messageZh).toMatch(/已于 2016-08-01 并入青川县并入PA局的任务/);

    // P5: the report the card shows under PA is PB's carried report of 07-10, corrected as the form showed it.
    const redated = await call('correctReportDate', { findingId: finding, unitId: unit.PA, expectedReportedOn: '2016-07-10', reportedOn: '2016-07-12', reason: '报告日期录错' });
    expect(redated.errors).toBeUndefined();
    const card = await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { unitId reports { reportedOn } } } }`, { id: finding });
    expect(card.data!.finding.assignments).toEqual([{ unitId: unit.PA, reports: [{ reportedOn: '2016-07-12' }] }]);
    expect(await everyReading(finding)).toEqual(['OPEN', null, 'PA LEAD REPORTED PB']);
  });

  it('a work-plan item: the open unit merged into the verified one leaves the item open, not completed', async () => {
    await registered(['WA', 'WB']);
    const csv = `类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n一,重点领域,1,公开环评审批信息,,青川县并入WA局,青川县并入WB局,2016-12-31\n`;
    const imported = await mutate(
      'importWorkPlan',
      { fileName: 'plan-2016.csv', title: '青川县2016年政务公开工作要点（并入已完成）', year: 2016, contentBase64: Buffer.from(csv).toString('base64'), approvedOn: '2016-04-25', assignedOn: '2016-04-26' },
      undefined,
      'planId',
    );
    const plan = await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id } } } }`, { id: imported.planId });
    const itemId = plan.data!.workPlan.categories[0].items[0].id as string;
    expect((await call('reportWorkPlanItem', { itemId, unitId: unit.WA, summary: '已公开', evidence, reportedOn: '2016-05-20' }, await app.as('UNIT', unit.WA))).errors).toBeUndefined();
    await mutate('logWorkPlanItemInspection', { itemId, unitId: unit.WA, outcome: 'PASSED', notes: '核实', inspectedOn: '2016-06-01', place: '现场' }, await app.as('INSPECTOR'));
    expect((await reorganise('mergeUnit', 'WB', 'WA', '2016-08-01')).errors).toBeUndefined();
    const item = async (cut: { asOf?: string; knownAt?: string } = {}) => {
      const response = await app.graphql(`query($id: ID!, $asOf: String, $knownAt: String) { workPlanItem(id: $id, asOf: $asOf, knownAt: $knownAt) { status completedOn parts { unitId role status } } }`, { id: itemId, ...cut });
      expect(response.errors).toBeUndefined();
      const { status, completedOn, parts } = response.data!.workPlanItem;
      return [status, completedOn, ...(parts as Required<HeldPart>[]).map((part) => `${code(part.unitId)} ${part.role} ${part.status}`)];
    };
    const now = await item();
    expect(now).toEqual(['OPEN', null, 'WA LEAD ASSIGNED']);
    expect(await item({ asOf: '2026-11-30' })).toEqual(now);
    expect(await item({ knownAt: '2099-01-01T00:00:00+08:00' })).toEqual(now);
  });
});
