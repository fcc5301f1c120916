import { TestApp, errorCode, startTestApp } from '../support/test-app.js';
import { reorganisationStory } from '../support/reorganisation-story.js';

/**
 * breaker8f P4, P6, P10, P13: reorganisations (机构改革: hand-overs and merges) typed out of date order
 * must leave every part where entering the facts in date order leaves it, and the view now must be
 * the view of today (asOf) and of the far record-time cut (knownAt). Each story has units of its own
 * (a hand-over is the unit's, for every parent), registered 2016-01-04. HTTP GraphQL on a real
 * SQLite file.
 * - P4: a hand-over or merge entered late passes the parts the unit held on its day; a part assigned
 *   after that day stays with the unit (a hand-over), or passes to the successor on the day it was
 *   assigned (a merge: a merged unit takes no new work) — the reorganisation is not refused whole.
 * - P6: a merge into a successor typed after a later hand-over into the same successor (or the
 *   converse) takes its place by day: the later step is undone and applied again after it, as a
 *   join. Still refused when the successor already has a record on the part it took over later
 *   (typed in date order that record would be on the joined part; the undone part cannot carry it).
 * - P13: hand-overs of one day act on the parts held at the day's start: a part taken over that day
 *   does not pass again by another hand-over of the same day (two units swapping duties, 职能互换).
 * - P10: a hand-over undone by a pass on its own day stays undone when a later hand-over of another
 *   unit of the finding reaches the same successor.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

describe('reorganisations typed out of date order (breaker8f P4, P6, P10, P13)', () => {
  let app: TestApp;
  let evaluationId: string;

  const { call, mutate, unit, registered, registerEvaluation, story, everyReading, reorganise, reported: report, ...common } = reorganisationStory(() => app, key, {
    evaluationId: () => evaluationId,
    unitName: (one) => `青川县改革${one}局`,
  });
  const newFinding = (title: string, assignedOn: string, parts: [string, 'LEAD' | 'RESPONSIBLE'][]) => common.newFinding(title, parts, assignedOn);

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-30T10:00:00+08:00' });
    evaluationId = await registerEvaluation('2015年度政务公开第三方评估');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('P4: a hand-over entered late passes the part held on its day and leaves one assigned after it with the unit', async () => {
    await registered(['PA', 'PB']);
    const early = await newFinding('依申请公开答复超期', '2016-04-26', [['PA', 'LEAD']]);
    const later = await newFinding('政策解读与文件不同步', '2016-07-05', [['PA', 'LEAD']]);
    const handed = await reorganise('handOverUnitParts', 'PA', 'PB', '2016-07-01');
    expect(handed.errors).toBeUndefined();
    expect(handed.data!.handOverUnitParts.findingIds).toEqual([early]);
    expect(await everyReading(early)).toEqual(['OPEN', 'PB LEAD ASSIGNED PA']);
    expect(await everyReading(later)).toEqual(['OPEN', 'PA LEAD ASSIGNED']);
    expect(await story(early, { asOf: '2016-06-30' })).toEqual(['OPEN', 'PA LEAD ASSIGNED']);
  });

  it('P4: a merge entered late passes the part held on its day, and one assigned to the merged unit after it on the day it was assigned', async () => {
    await registered(['MA', 'MB']);
    const early = await newFinding('财政预决算公开不细', '2016-04-26', [['MA', 'LEAD']]);
    const later = await newFinding('行政处罚结果未按时公开', '2016-07-05', [['MA', 'LEAD']]);
    const merged = await reorganise('mergeUnit', 'MA', 'MB', '2016-07-01');
    expect(merged.errors).toBeUndefined();
    expect([...merged.data!.mergeUnit.findingIds].sort()).toEqual([early, later].sort());
    expect(await everyReading(early)).toEqual(['OPEN', 'MB LEAD ASSIGNED MA']);
    expect(await everyReading(later)).toEqual(['OPEN', 'MB LEAD ASSIGNED MA']);
    expect(await story(early, { asOf: '2016-06-30' })).toEqual(['OPEN', 'MA LEAD ASSIGNED']);
    expect(await story(later, { asOf: '2016-07-05' })).toEqual(['OPEN', 'MB LEAD ASSIGNED MA']);
  });

  it('P4: a hand-over entered late leaves a part the unit took over only after its day with the unit', async () => {
    await registered(['TA', 'TB', 'TX']);
    const finding = await newFinding('行政许可信息公开不规范', '2016-04-26', [['TX', 'LEAD']]);
    expect((await reorganise('handOverUnitParts', 'TX', 'TA', '2016-08-01')).errors).toBeUndefined();
    const handed = await reorganise('handOverUnitParts', 'TA', 'TB', '2016-07-01');
    expect(handed.errors).toBeUndefined();
    expect(handed.data!.handOverUnitParts.findingIds).toEqual([]);
    expect(await everyReading(finding)).toEqual(['OPEN', 'TA LEAD ASSIGNED TX']);
    expect(await story(finding, { asOf: '2016-07-15' })).toEqual(['OPEN', 'TX LEAD ASSIGNED']);
  });

  it('P10: a hand-over undone by a pass on its own day stays undone when another unit of the finding is handed to the same successor', async () => {
    await registered(['RA', 'RB', 'RC']);
    const finding = await newFinding('网上依申请公开渠道未开通', '2016-04-26', [['RA', 'LEAD'], ['RC', 'RESPONSIBLE']]);
    await report(finding, 'RA', '2016-06-15');
    expect((await reorganise('handOverUnitParts', 'RA', 'RB', '2016-07-01')).errors).toBeUndefined();
    await mutate('logInspection', { findingId: finding, unitId: unit.RB, outcome: 'PASSED', notes: '核实', inspectedOn: '2016-07-01', place: '现场' }, await app.as('INSPECTOR'));
    expect(await everyReading(finding)).toEqual(['OPEN', 'RA LEAD VERIFIED', 'RC RESPONSIBLE ASSIGNED']);
    const handed = await reorganise('handOverUnitParts', 'RC', 'RB', '2016-06-20');
    expect(handed.errors).toBeUndefined();
    // RA did the work, verified on the hand-over's day: its part stays with it; RC's passes to RB.
    expect(await everyReading(finding)).toEqual(['OPEN', 'RA LEAD VERIFIED', 'RB RESPONSIBLE ASSIGNED RC']);
  });

  it('P6: a merge typed after a later hand-over into the same successor takes its place by day', async () => {
    await registered(['JA', 'JB', 'JC', 'KA', 'KB', 'KC']);
    const typedBackwards = await newFinding('重点领域信息公开不全', '2016-04-26', [['JA', 'LEAD'], ['JB', 'RESPONSIBLE']]);
    const inDateOrder = await newFinding('政务新媒体更新不及时', '2016-04-26', [['KA', 'LEAD'], ['KB', 'RESPONSIBLE']]);
    expect((await reorganise('mergeUnit', 'KA', 'KC', '2016-07-01')).errors).toBeUndefined();
    expect((await reorganise('handOverUnitParts', 'KB', 'KC', '2016-08-01')).errors).toBeUndefined();
    expect((await reorganise('handOverUnitParts', 'JB', 'JC', '2016-08-01')).errors).toBeUndefined();
    const merged = await reorganise('mergeUnit', 'JA', 'JC', '2016-07-01');
    expect(merged.errors).toBeUndefined();
    const renamed = (story: string[]) => story.map((line) => line.replace(/\bK([ABC])\b/g, 'J$1'));
    expect(await everyReading(typedBackwards)).toEqual(renamed(await everyReading(inDateOrder)));
    for (const asOf of ['2016-06-30', '2016-07-15', '2016-08-01']) {
      expect(await story(typedBackwards, { asOf })).toEqual(renamed(await story(inDateOrder, { asOf })));
    }
  });

  it('P6: a hand-over typed after a later merge into the same successor takes its place by day', async () => {
    await registered(['LA', 'LB', 'LC', 'NA', 'NB', 'NC']);
    const typedBackwards = await newFinding('办事指南要素不全', '2016-04-26', [['LA', 'LEAD'], ['LC', 'RESPONSIBLE']]);
    const inDateOrder = await newFinding('公开指南多年未更新', '2016-04-26', [['NA', 'LEAD'], ['NC', 'RESPONSIBLE']]);
    expect((await reorganise('handOverUnitParts', 'NA', 'NB', '2016-06-01')).errors).toBeUndefined();
    expect((await reorganise('mergeUnit', 'NC', 'NB', '2016-07-01')).errors).toBeUndefined();
    expect((await reorganise('mergeUnit', 'LC', 'LB', '2016-07-01')).errors).toBeUndefined();
    const handed = await reorganise('handOverUnitParts', 'LA', 'LB', '2016-06-01');
    expect(handed.errors).toBeUndefined();
    const renamed = (story: string[]) => story.map((line) => line.replace(/\bN([ABC])\b/g, 'L$1'));
    expect(await everyReading(typedBackwards)).toEqual(renamed(await everyReading(inDateOrder)));
    for (const asOf of ['2016-05-31', '2016-06-15', '2016-07-01']) {
      expect(await story(typedBackwards, { asOf })).toEqual(renamed(await story(inDateOrder, { asOf })));
    }
  });

  it('P6: a merge typed after a later hand-over is still refused when the successor worked on the part it took over later, naming that record', async () => {
    await registered(['QA', 'QB', 'QC']);
    const finding = await newFinding('环境监测数据公开滞后', '2016-04-26', [['QA', 'LEAD'], ['QB', 'RESPONSIBLE']]);
    expect((await reorganise('handOverUnitParts', 'QB', 'QC', '2016-08-01')).errors).toBeUndefined();
    await report(finding, 'QC', '2016-08-10');
    const before = await everyReading(finding);
    const refused = await reorganise('mergeUnit', 'QA', 'QC', '2016-07-01');
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(refused.errors![0]!.extensions!.messageZh).toContain('2016-08-10');
    expect(await everyReading(finding)).toEqual(before);
  });

  it('P13: two units swapping duties on one day (职能互换) each pass their own part once, whichever is typed first', async () => {
    await registered(['WA', 'WB', 'VA', 'VB']);
    const ofA = await newFinding('政务服务事项清单未公开', '2016-04-26', [['WA', 'LEAD']]);
    const ofB = await newFinding('规范性文件未及时清理', '2016-04-26', [['WB', 'LEAD']]);
    const ofA2 = await newFinding('财政专项资金信息未公开', '2016-04-26', [['VA', 'LEAD']]);
    const ofB2 = await newFinding('招标投标信息公开不全', '2016-04-26', [['VB', 'LEAD']]);
    expect((await reorganise('handOverUnitParts', 'WA', 'WB', '2016-07-01')).data!.handOverUnitParts.findingIds).toEqual([ofA]);
    expect((await reorganise('handOverUnitParts', 'WB', 'WA', '2016-07-01')).data!.handOverUnitParts.findingIds).toEqual([ofB]);
    expect((await reorganise('handOverUnitParts', 'VB', 'VA', '2016-07-01')).data!.handOverUnitParts.findingIds).toEqual([ofB2]);
    expect((await reorganise('handOverUnitParts', 'VA', 'VB', '2016-07-01')).data!.handOverUnitParts.findingIds).toEqual([ofA2]);
    expect(await everyReading(ofA)).toEqual(['OPEN', 'WB LEAD ASSIGNED WA']);
    expect(await everyReading(ofB)).toEqual(['OPEN', 'WA LEAD ASSIGNED WB']);
    expect(await everyReading(ofA2)).toEqual(['OPEN', 'VB LEAD ASSIGNED VA']);
    expect(await everyReading(ofB2)).toEqual(['OPEN', 'VA LEAD ASSIGNED VB']);
    expect(await story(ofA, { asOf: '2016-06-30' })).toEqual(['OPEN', 'WA LEAD ASSIGNED']);
  });

  it('breaker8h P6: a paper 交办 naming a unit whose duties passed to one whose part has since passed on joins that part where it is now, as in date order', async () => {
    await registered(['XX', 'XY', 'XZ']);
    const finding = await newFinding('政府信息公开年度报告发布延迟', '2016-04-26', [['XY', 'LEAD']]);
    expect((await reorganise('handOverUnitParts', 'XX', 'XY', '2016-06-15')).errors).toBeUndefined();
    expect((await reorganise('handOverUnitParts', 'XY', 'XZ', '2016-07-01')).errors).toBeUndefined();
    // The paper 交办 of 04-26 naming XX, entered now: by date XX's part joined XY's on 06-15 and went on to XZ on 07-01.
    await mutate('assignFinding', { findingId: finding, assignedOn: '2016-04-26', units: [{ unitId: unit.XX, role: 'RESPONSIBLE', dueDate: '2016-12-31' }] });
    expect(await everyReading(finding)).toEqual(['OPEN', 'XZ LEAD ASSIGNED XX XY']);
    expect(await story(finding, { asOf: '2016-06-10' })).toEqual(['OPEN', 'XX RESPONSIBLE ASSIGNED', 'XY LEAD ASSIGNED']);
    expect(await story(finding, { asOf: '2016-06-20' })).toEqual(['OPEN', 'XY LEAD ASSIGNED XX']);
    // XX's clerk reporting months after its hand-over is refused; nothing recorded.
    const late = await call('reportRectification', { findingId: finding, unitId: unit.XX, summary: '已整改', evidence: [{ title: '公开页面', link: 'https://www.example.gov.cn/p' }], reportedOn: '2016-08-01' }, await app.as('UNIT', unit.XX));
    expect(late.errors).toBeDefined();
    expect(await everyReading(finding)).toEqual(['OPEN', 'XZ LEAD ASSIGNED XX XY']);
  });

  it('breaker8h P6, typed: a hand-over into a unit dated before that unit’s part passed on, typed after, joins that part where it is now', async () => {
    await registered(['YX', 'YY', 'YZ']);
    const finding = await newFinding('重大行政决策预公开征求意见缺失', '2016-04-26', [['YY', 'LEAD'], ['YX', 'RESPONSIBLE']]);
    expect((await reorganise('handOverUnitParts', 'YY', 'YZ', '2016-07-01')).errors).toBeUndefined();
    expect((await reorganise('handOverUnitParts', 'YX', 'YY', '2016-06-15')).errors).toBeUndefined();
    expect(await everyReading(finding)).toEqual(['OPEN', 'YZ LEAD ASSIGNED YX YY']);
    expect(await story(finding, { asOf: '2016-06-20' })).toEqual(['OPEN', 'YY LEAD ASSIGNED YX']);
  });

  it('breaker8i P2: the same paper 交办 entered after the finding was closed joins the part verified later and the finding stays closed, as in date order', async () => {
    await registered(['QX', 'QY', 'QZ']);
    const finding = await newFinding('政务公开考核结果未公开', '2016-04-26', [['QY', 'LEAD']]);
    expect((await reorganise('handOverUnitParts', 'QY', 'QZ', '2016-07-01')).errors).toBeUndefined();
    await report(finding, 'QZ', '2016-07-20');
    await mutate('logInspection', { findingId: finding, unitId: unit.QZ, outcome: 'PASSED', notes: '核实', inspectedOn: '2016-08-01', place: '现场' }, await app.as('INSPECTOR'));
    expect((await reorganise('handOverUnitParts', 'QX', 'QY', '2016-06-15')).errors).toBeUndefined();
    expect(await everyReading(finding)).toEqual(['CLOSED', 'QZ LEAD VERIFIED QY']);
    // Was CONFLICT 「该事项已于 2016-08-01 销号；…请先重新打开该事项。」: by date QX's part joined QY's on 06-15, went on to QZ, verified 08-01.
    await mutate('assignFinding', { findingId: finding, assignedOn: '2016-04-26', units: [{ unitId: unit.QX, role: 'RESPONSIBLE', dueDate: '2016-12-31' }] });
    expect(await everyReading(finding)).toEqual(['CLOSED', 'QZ LEAD VERIFIED QX QY']);
    expect(await story(finding, { asOf: '2016-06-10' })).toEqual(['OPEN', 'QX RESPONSIBLE ASSIGNED', 'QY LEAD ASSIGNED']);
    const closed = await app.graphql(`query($id: ID!) { finding(id: $id) { closedOn } }`, { id: finding });
    expect(closed.data!.finding.closedOn).toBe('2016-08-01');
  });
});
