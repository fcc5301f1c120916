import { TestApp, startTestApp } from '../support/test-app.js';
import { reorganisationStory, type Reorganisation } from '../support/reorganisation-story.js';

/**
 * breaker8j P6 (walk seed 8874): a finding assigned to C, withdrawn as of 2017-03-01; then the 机构改革 paper is entered: C merged
 * into H (or hands its duties to H) on 2016-09-30, while the finding was still on the 台账. The reorganisation skipped the
 * finding (a withdrawn finding lists no parts): as of 2016-12-01 the part sat with C, merged away — nobody could enter that
 * autumn's facts — and a later decision on the finding applied the hand-over silently. Now a finding withdrawn on a later day
 * passes its part on the reorganisation's day, as typed in date order; one withdrawn before it passes nothing. HTTP GraphQL on a
 * real SQLite file.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

describe('a reorganisation dated before a finding’s later-dated withdrawal, typed after it, passes the part (breaker8j P6)', () => {
  let app: TestApp;
  let evaluationId: string;
  const story = reorganisationStory(() => app, key, { evaluationId: () => evaluationId, unitName: (code) => `青川县撤前${code}局` });
  const { call, mutate, registered, registerEvaluation, newFinding, holders, everyReading, report, reorganised } = story;

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-30T10:00:00+08:00' });
    evaluationId = await registerEvaluation('2015年度政务公开第三方评估（撤销前改革）');
  });

  afterAll(async () => {
    await app?.close();
  });

  it.each<[Reorganisation, string, string, string]>([
    ['mergeUnit', 'C1', 'H1', '重大项目批准信息未公开'],
    ['handOverUnitParts', 'C2', 'H2', '行政执法结果未按时公开'],
  ])('%s C→H 09-30, typed after the withdrawal of 2017-03-01: the part passes on 09-30; H enters the autumn', async (operation, c, h, title) => {
    await registered([c, h]);
    const finding = await newFinding(title, c, '2016-05-31');
    await mutate('withdrawFinding', { findingId: finding, reason: '评估机构来函撤销', withdrawnOn: '2017-03-01' }, undefined, 'status');
    const passed = await reorganised(operation, c, h, '2016-09-30');
    expect(passed).toEqual({ findingIds: [finding] });
    expect(await holders(finding, '2016-12-01')).toEqual([`${h} ASSIGNED ${c}`]);
    expect(await holders(finding, '2016-09-29')).toEqual([`${c} ASSIGNED`]);
    expect((await report(finding, h, '2016-12-01')).errors).toBeUndefined();
    expect(await holders(finding, '2016-12-15')).toEqual([`${h} REPORTED ${c}`]);
    expect(await everyReading(finding)).toEqual(['WITHDRAWN', `${h} LEAD REPORTED ${c}`]);
  });

  it('one dated on or after the withdrawal passes nothing of the finding', async () => {
    await registered(['C3', 'H3']);
    const finding = await newFinding('政务微博未及时回应关切', 'C3', '2016-05-31');
    await mutate('withdrawFinding', { findingId: finding, reason: '评估机构来函撤销', withdrawnOn: '2016-09-01' }, undefined, 'status');
    const merged = await call('mergeUnit', { unitId: story.unit.C3, successorUnitId: story.unit.H3, reason: '机构改革', mergedOn: '2016-09-30' }, await app.as('ADMIN'), 'findingIds');
    expect(merged.errors).toBeUndefined();
    expect(merged.data!.mergeUnit).toEqual({ findingIds: [] });
    expect(await everyReading(finding)).toEqual(['WITHDRAWN', 'C3 LEAD ASSIGNED']);
  });
});
