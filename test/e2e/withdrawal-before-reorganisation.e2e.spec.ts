import { TestApp, startTestApp } from '../support/test-app.js';
import { reorganisationStory, type Reorganisation } from '../support/reorganisation-story.js';

/**
 * breaker8i P3: the evaluator's letter withdrawing a finding arrives after the 机构改革 was entered and the successor reported.
 * A withdrawal dated before the hand-over or merge, typed after the successor's report, was refused ("before the handover of
 * the part"), though typed in date order it is accepted: the office could not record the letter's day. Now the part began on
 * the finding with its 交办 (04-26), so it may be withdrawn on 06-20: the hand-over stays, the successor's later report stays on
 * the record (counted nowhere, as breaker11h P8's records do), and every view agrees. HTTP GraphQL on a real SQLite file.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

describe('a withdrawal dated before a reorganisation the successor has since worked on is taken (breaker8i P3)', () => {
  let app: TestApp;
  let evaluationId: string;

  const story = reorganisationStory(() => app, key, { evaluationId: () => evaluationId, unitName: (code) => `青川县撤回${code}局` });
  const { call, mutate, registered, registerEvaluation, newFinding, holders, everyReading, reported, reorganised } = story;

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-30T10:00:00+08:00' });
    evaluationId = await registerEvaluation('2015年度政务公开第三方评估（移交后撤回）');
  });

  afterAll(async () => {
    await app?.close();
  });

  it.each<[Reorganisation, string, string]>([
    ['mergeUnit', 'RA1', 'RB1'],
    ['handOverUnitParts', 'RA2', 'RB2'],
  ])('%s A→B 07-01, B reports 07-15, then the letter of 06-20: withdrawn on 06-20, the views agree, undoing it gives B its part back', async (operation, a, b) => {
    await registered([a, b]);
    const finding = await newFinding(operation === 'mergeUnit' ? '环境监测数据未按月公开' : '保障性住房分配结果未公开', a);
    await reorganised(operation, a, b, '2016-07-01');
    await reported(finding, b, '2016-07-15');
    const withdrawn = await call('withdrawFinding', { findingId: finding, reason: '评估方撤回', withdrawnOn: '2016-06-20' }, undefined, 'status');
    expect(withdrawn.errors).toBeUndefined();
    // B's report of 07-15 is after the withdrawal: a withdrawn finding shows its parts as they stood, later records apart (breaker11j P3).
    expect(await everyReading(finding)).toEqual(['WITHDRAWN', `${b} LEAD ASSIGNED ${a}`]);
    expect(await holders(finding, '2016-06-25')).toEqual([`${a} ASSIGNED`]);
    await mutate('undoFindingWithdrawal', { findingId: finding, reason: '撤销有误' });
    expect(await everyReading(finding)).toEqual(['OPEN', `${b} LEAD REPORTED ${a}`]);
  });

  it('still refuses a withdrawal dated before the finding’s 交办', async () => {
    await registered(['RA3', 'RB3']);
    const finding = await newFinding('新闻发布会未按季度召开', 'RA3');
    await reorganised('mergeUnit', 'RA3', 'RB3', '2016-07-01');
    await reported(finding, 'RB3', '2016-07-15');
    const early = await call('withdrawFinding', { findingId: finding, reason: '评估方撤回', withdrawnOn: '2016-04-20' });
    expect(early.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(early.errors?.[0]?.extensions?.messageZh).toMatch(/早于青川县撤回RA3局的交办日期/);
  });
});
