import { TestApp, errorCode, startTestApp } from '../support/test-app.js';
import { reorganisationStory, type HeldPart } from '../support/reorganisation-story.js';

/**
 * breaker8j P10: a 交办 of A (04-26) whose day is corrected, through the card of A's successor B, to 08-01 — after A's merge into
 * B on 07-01 — was accepted and left the part with A, merged away: A's clerk refused (merged), B's NOT_FOUND, nobody could report.
 * Sent with A's id the same correction was refused: two doors of one correction answering differently. A merged unit's record is
 * not moved to its merge day or later, on findings and work-plan items alike, whichever card it is sent from; before the merge it
 * still moves. HTTP GraphQL on a real SQLite file.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

describe('a merged unit’s record is not redated past its merge (breaker8j P10)', () => {
  let app: TestApp;
  let evaluationId: string;

  const story = reorganisationStory(() => app, key, { evaluationId: () => evaluationId, unitName: (code) => `青川县改${code}局` });
  const { call, mutate, unit, code, registered, registerEvaluation, newFinding, holders, report, reorganise } = story;
  const refusal = (messageZh: string) => expect.objectContaining({ extensions: expect.objectContaining({ code: 'CONFLICT', field: 'on', messageZh }) });

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-30T10:00:00+08:00' });
    evaluationId = await registerEvaluation('2015年度政务公开第三方评估（更正日期不越过合并）');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('a finding: the 交办 moved to after the merge is refused from the successor’s card and from the merged unit’s alike; the part stays with B', async () => {
    await registered(['RA1', 'RB1']);
    const finding = await newFinding('政务公开目录更新滞后', 'RA1');
    expect((await reorganise('mergeUnit', 'RA1', 'RB1', '2016-07-01')).errors).toBeUndefined();
    const expected = '青川县改RA1局的交办日期不能更正为 2016-08-01：青川县改RA1局已于 2016-07-01 并入青川县改RB1局，此后不再承担工作，其任务由青川县改RB1局承担（请更正为 2016-07-01 之前的日期，或改为青川县改RB1局的记录）。';
    for (const door of ['RB1', 'RA1']) {
      const redated = await call('correctRecordDate', { findingId: finding, unitId: unit[door], record: 'ASSIGNMENT', previousOn: '2016-04-26', on: '2016-08-01', reason: '日期录错' });
      expect(redated.errors).toEqual([refusal(expected)]);
    }
    // On the merge day itself too: the merge passed the part on that day.
    expect(errorCode(await call('correctRecordDate', { findingId: finding, unitId: unit.RB1, record: 'ASSIGNMENT', previousOn: '2016-04-26', on: '2016-07-01', reason: '日期录错' }))).toBe('CONFLICT');
    expect(await holders(finding)).toEqual(['RB1 ASSIGNED RA1']);
    // Before the merge it still moves, and the part stays with B, whose clerk reports.
    await mutate('correctRecordDate', { findingId: finding, unitId: unit.RB1, record: 'ASSIGNMENT', previousOn: '2016-04-26', on: '2016-06-15', reason: '日期录错' });
    expect(await holders(finding)).toEqual(['RB1 ASSIGNED RA1']);
    expect(await holders(finding, '2016-06-20')).toEqual(['RA1 ASSIGNED']);
    expect((await report(finding, 'RB1', '2016-09-01')).errors).toBeUndefined();
  });

  it('a work-plan item: the same correction through the successor’s part is refused; the part stays with B', async () => {
    await registered(['RL2', 'RA2', 'RB2']);
    const csv = `类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n一,推进五公开,1,财政预决算公开,,青川县改RL2局,青川县改RA2局,2016-12-31\n`;
    const { planId } = await mutate('importWorkPlan', { fileName: 'plan-redate.csv', title: '青川县2016年政务公开工作要点（更正日期）', year: 2016, contentBase64: Buffer.from(csv).toString('base64'), approvedOn: '2016-04-25', assignedOn: '2016-04-26' }, undefined, 'planId');
    const plan = await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id } } } }`, { id: planId });
    const itemId = plan.data!.workPlan.categories[0].items[0].id as string;
    expect((await reorganise('mergeUnit', 'RA2', 'RB2', '2016-07-01')).errors).toBeUndefined();
    const redated = await call('correctWorkPlanItemRecordDate', { itemId, unitId: unit.RB2, record: 'ASSIGNMENT', previousOn: '2016-04-26', on: '2016-08-01', reason: '日期录错' });
    expect(errorCode(redated)).toBe('CONFLICT');
    expect(redated.errors![0]!.extensions!.messageZh).toMatch(/^青川县改RA2局的交办日期不能更正为 2016-08-01：青川县改RA2局已于 2016-07-01 并入青川县改RB2局/);
    const parts = await app.graphql(`query($id: ID!) { workPlanItem(id: $id) { parts { unitId status heldBefore } } }`, { id: itemId });
    const shown = (parts.data!.workPlanItem.parts as HeldPart[]).filter((part) => part.unitId !== unit.RL2).map((part) => [code(part.unitId), part.status, ...part.heldBefore.map(code)].join(' '));
    expect(shown).toEqual(['RB2 ASSIGNED RA2']);
  });
});
