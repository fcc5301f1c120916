import { TestApp, startTestApp } from '../support/test-app.js';
import { reorganisationStory } from '../support/reorganisation-story.js';

/**
 * breaker8l P14 (its fuzz b:77 run 0): U1's merge into U3 (10-01) typed first, then the 交办 rows — U3 leads, U1 responsible,
 * so U1's part joined U3's on 10-01 — then U1's duties handed over to U2 on 08-01. Both the hand-over and U3's own hand-over
 * to U4 on 09-01 were refused (a joined part is not separated again), while typed in date order U1's part went to U2 on 08-01
 * and the merge found nothing. Now the join comes off (PartHandOverUndone of a join) and the part passes on its day: the
 * finding reads as date order gives, now and at every cut. HTTP GraphQL on a real SQLite file.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

describe('a hand-over dated before the merge that joined the unit’s part, typed after it (breaker8l P14)', () => {
  let app: TestApp;
  let evaluationId: string;
  const story = reorganisationStory(() => app, key, { evaluationId: () => evaluationId, unitName: (code) => `青川县先并后移${code}局` });
  const { mutate, unit, registered, registerEvaluation, everyReading, reorganise } = story;

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-30T10:00:00+08:00' });
    evaluationId = await registerEvaluation('2015年度政务公开第三方评估（先并后移）');
  });

  afterAll(async () => {
    await app?.close();
  });

  const row = (findingId: string, code: string, role: 'LEAD' | 'RESPONSIBLE', dueDate: string) => mutate('assignFinding', { findingId, assignedOn: '2016-06-15', units: [{ unitId: unit[code], role, dueDate }] });
  const finding = async (title: string) => (await mutate('recordFinding', { evaluationId, title, description: title, category: '主动公开', severity: 'HIGH', identifiedOn: '2016-04-15' }, undefined, 'id')).id as string;

  it('typed merge first, rows after, then the earlier hand-overs: as in date order', async () => {
    await registered(['U1a', 'U2a', 'U3a', 'U4a', 'U1b', 'U2b', 'U3b', 'U4b']);
    const typed = await finding('政府网站信息更新不及时');
    expect((await reorganise('mergeUnit', 'U1a', 'U3a', '2016-10-01')).errors).toBeUndefined();
    await row(typed, 'U3a', 'LEAD', '2016-12-31');
    await row(typed, 'U1a', 'RESPONSIBLE', '2016-09-30');
    expect(await everyReading(typed)).toEqual(['OPEN', 'U3a LEAD ASSIGNED U1a']);
    expect((await reorganise('handOverUnitParts', 'U1a', 'U2a', '2016-08-01', '职能调整')).errors).toBeUndefined();
    expect((await reorganise('handOverUnitParts', 'U3a', 'U4a', '2016-09-01', '职能调整')).errors).toBeUndefined();
    const dated = await finding('政策解读不到位');
    await row(dated, 'U3b', 'LEAD', '2016-12-31');
    await row(dated, 'U1b', 'RESPONSIBLE', '2016-09-30');
    await reorganise('handOverUnitParts', 'U1b', 'U2b', '2016-08-01', '职能调整');
    await reorganise('handOverUnitParts', 'U3b', 'U4b', '2016-09-01', '职能调整');
    expect((await reorganise('mergeUnit', 'U1b', 'U3b', '2016-10-01')).errors).toBeUndefined();
    const inDateOrder = (await everyReading(dated)).map((line) => line.replace(/b\b/g, '').replace(/(U\d)b/g, '$1'));
    expect(inDateOrder).toEqual(['OPEN', 'U2 RESPONSIBLE ASSIGNED U1', 'U4 LEAD ASSIGNED U3']);
    expect((await everyReading(typed)).map((line) => line.replace(/(U\d)a/g, '$1'))).toEqual(inDateOrder);
    expect((await story.story(typed, { asOf: '2016-08-15' })).map((line) => line.replace(/(U\d)a/g, '$1'))).toEqual(['OPEN', 'U2 RESPONSIBLE ASSIGNED U1', 'U3 LEAD ASSIGNED']);
  });
});
