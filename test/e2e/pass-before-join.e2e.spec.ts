import { TestApp, startTestApp } from '../support/test-app.js';
import { reorganisationStory } from '../support/reorganisation-story.js';

/**
 * breaker8l P7 (serious): the inspector's sheet dated before a join, typed after it, was refused — S leads, H is responsible,
 * S reports 06-01, H hands its duties to S on 08-01 (H's open part joins S's own), then S's pass of 07-01 is typed: 「已合并的任务
 * 不能再分开或重新合并」. Now, as in date order, the join comes off, the pass is taken, and the join is made again on its day —
 * carrying H's open work into S's verified part. The same for a predecessor's pass before a hand-over a third unit's part joined
 * later (the part stays with the unit that did the work, the third unit's part alone goes on). HTTP GraphQL, real SQLite.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

describe('a pass dated before a join, typed after it, is taken as date order has it (breaker8l P7)', () => {
  let app: TestApp;
  let evaluationId: string;
  const story = reorganisationStory(() => app, key, { evaluationId: () => evaluationId, unitName: (code) => `青川县核验${code}局` });
  const { mutate, unit, registered, registerEvaluation, newFinding, everyReading, reorganised, reported } = story;
  const passed = (findingId: string, one: string, inspectedOn: string) =>
    mutate('logInspection', { findingId, unitId: unit[one], outcome: 'PASSED', notes: '现场核验通过', inspectedOn, place: '现场' });

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-30T10:00:00+08:00' });
    evaluationId = await registerEvaluation('2015年度政务公开第三方评估（核验）');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('the successor’s own pass before another unit’s part joined its part: verified on its day, the open part carried in', async () => {
    await registered(['S1', 'H1']);
    const finding = await newFinding('政务公开专栏栏目空白', [['S1', 'LEAD'], ['H1', 'RESPONSIBLE']]);
    await reported(finding, 'S1', '2016-06-01');
    await reorganised('handOverUnitParts', 'H1', 'S1', '2016-08-01');
    await passed(finding, 'S1', '2016-07-01');
    expect(await everyReading(finding)).toEqual(['OPEN', 'S1 LEAD ASSIGNED H1']);
    expect(await story.story(finding, { asOf: '2016-07-15' })).toEqual(['OPEN', 'H1 RESPONSIBLE ASSIGNED', 'S1 LEAD VERIFIED']);
  });

  it('the joining unit’s own pass before the join, typed after the joined part passed: the join comes off for good, the later pass stays the successor’s (breaker41 N5: it was refused for good)', async () => {
    await registered(['S4', 'H4']);
    const finding = await newFinding('政务公开年报未按期发布', [['S4', 'LEAD'], ['H4', 'RESPONSIBLE']]);
    await reported(finding, 'S4', '2016-06-01');
    await reported(finding, 'H4', '2016-06-02');
    await reorganised('handOverUnitParts', 'H4', 'S4', '2016-08-01');
    await passed(finding, 'S4', '2016-08-10');
    await passed(finding, 'H4', '2016-07-01');
    expect(await everyReading(finding)).toEqual(['CLOSED', 'H4 RESPONSIBLE VERIFIED', 'S4 LEAD VERIFIED']);
    // After the merge day, before the successor's pass: H4's verified part stayed with it, S4's own part alone awaits.
    expect(await story.story(finding, { asOf: '2016-08-05' })).toEqual(['OPEN', 'H4 RESPONSIBLE VERIFIED', 'S4 LEAD REPORTED']);
    // The history says why the merge came off, in the office's words: H4's work was done before it — not that it is done again.
    const history = await app.graphql(`query($id: ID!) { finding(id: $id) { history { eventType occurredOn details } } }`, { id: finding });
    const undone = (history.data!.finding.history as { eventType: string; occurredOn: string; details: string }[]).filter((entry) => entry.eventType === 'PartHandOverUndone');
    expect(undone.map((entry) => [entry.occurredOn, JSON.parse(entry.details).reason])).toEqual([
      ['2016-08-01', '补录的督查记录表明，青川县核验H4局的任务已于 2016-07-01 督查通过，不晚于 2016-08-01 机构改革并入青川县核验S4局的日期：已完成的任务不随机构改革转交，仍记在青川县核验H4局名下，撤销该次并入；青川县核验S4局此后的记录属其本单位的任务。'],
    ]);
  });

  it('a predecessor’s pass before its hand-over, a third unit’s part joining later: the verified part stays, the third one goes on alone', async () => {
    await registered(['C2', 'H2', 'S2']);
    const finding = await newFinding('依申请公开答复超期', 'C2');
    await mutate('assignFinding', { findingId: finding, assignedOn: '2016-05-10', units: [{ unitId: unit['H2'], role: 'RESPONSIBLE', dueDate: '2016-09-30' }] });
    await reported(finding, 'H2', '2016-06-01');
    await reported(finding, 'C2', '2016-06-02');
    await reorganised('handOverUnitParts', 'H2', 'S2', '2016-08-01');
    await reorganised('handOverUnitParts', 'C2', 'S2', '2017-03-01');
    await passed(finding, 'H2', '2016-07-01');
    expect(await everyReading(finding)).toEqual(['OPEN', 'H2 RESPONSIBLE VERIFIED', 'S2 LEAD REPORTED C2']);
  });

  it('the same with the third unit’s part still owing its report: its join carried its open work and set H2’s reported record aside, so the pass is refused naming the join (a carried join is not undone — time2 s26 Left)', async () => {
    await registered(['C3', 'H3', 'S3']);
    const finding = await newFinding('行政许可结果未按时公开', 'C3');
    await mutate('assignFinding', { findingId: finding, assignedOn: '2016-05-10', units: [{ unitId: unit['H3'], role: 'RESPONSIBLE', dueDate: '2016-09-30' }] });
    await reported(finding, 'H3', '2016-06-01');
    await reorganised('handOverUnitParts', 'H3', 'S3', '2016-08-01');
    await reorganised('handOverUnitParts', 'C3', 'S3', '2017-03-01');
    const refused = await story.call('logInspection', { findingId: finding, unitId: unit['H3'], outcome: 'PASSED', notes: '现场核验通过', inspectedOn: '2016-07-01', place: '现场' });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', messageZh: expect.stringMatching(/^青川县核验H3局于 2016-07-01 所办的任务已移交青川县核验S3局，并于 2017-03-01 由其他单位尚未完成的任务并入承接；/) });
    expect(await everyReading(finding)).toEqual(['OPEN', 'S3 LEAD ASSIGNED H3 C3']);
  });
});
