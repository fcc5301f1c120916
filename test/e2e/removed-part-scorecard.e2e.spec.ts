import { startTestApp, type TestApp } from '../support/test-app.js';
import { namedMutations } from '../support/named-mutations.js';

/**
 * newcomer49-10 S5: a unit taken off a work-plan item — by hand (removeWorkPlanItemUnit) or by a new version of the plan
 * that leaves it out (importWorkPlan revise) — keeps in 单位排名 the standing its part had on the removal day, as a withdrawn
 * item's parts do: overdue then, due and overdue for good; due after it, never due; in its 任务数 either way. Before, the
 * part vanished from the ranking from the removal day on (住建局 98 days late: `parts 4, due 2, overdue 2` → `3, 1, 1`).
 * Now, on a past day and as known at an instant alike. Asserted through HTTP GraphQL on a real SQLite file.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

const HEADER = '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n';
const VERSION_1 =
  HEADER +
  '一,重点领域,1,公开住房保障信息,,青川县财政局,青川县住房和城乡建设局,2016-06-30\n' +
  '一,重点领域,2,公开棚户区改造信息,,青川县财政局,青川县住房和城乡建设局,2016-06-30\n' +
  '一,重点领域,3,公开保障房分配信息,,青川县财政局,青川县住房和城乡建设局,2016-12-31\n';
/** The August version: 住建局 left out of items 2 and 3 (item 1 it left by hand on 08-01). */
const VERSION_2 =
  HEADER +
  '一,重点领域,1,公开住房保障信息,,青川县财政局,,2016-06-30\n' +
  '一,重点领域,2,公开棚户区改造信息,,青川县财政局,,2016-06-30\n' +
  '一,重点领域,3,公开保障房分配信息,,青川县财政局,,2016-12-31\n';
const TITLE = '青川县2016年政务公开工作要点';
const base64 = (text: string) => Buffer.from(text).toString('base64');

describe('a unit taken off a work-plan item keeps its part’s standing of the removal day in 单位排名 (newcomer49-10 S5)', () => {
  let app: TestApp;
  const units: Record<'CZJ' | 'ZJJ', string> = { CZJ: '', ZJJ: '' };
  const itemIds: Record<string, string> = {};
  const { mutate } = namedMutations(() => app, key);

  const scoreOf = async (travel: { asOf?: string; knownAt?: string } = {}) => {
    const response = await app.graphql(`query($asOf: String, $knownAt: String) { unitScorecard(asOf: $asOf, knownAt: $knownAt) { unitId parts due onTime overdue } }`, travel);
    expect(response.errors).toBeUndefined();
    const row = (response.data!.unitScorecard as { unitId: string; parts: number; due: number; onTime: number; overdue: number }[]).find((one) => one.unitId === units.ZJJ);
    return row && { parts: row.parts, due: row.due, onTime: row.onTime, overdue: row.overdue };
  };

  beforeAll(async () => {
    app = await startTestApp({ now: '2016-08-01T10:00:00+08:00' });
    const admin = await app.as('ADMIN');
    for (const [code, name] of [['CZJ', '青川县财政局'], ['ZJJ', '青川县住房和城乡建设局']] as const) {
      const response = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, {
        input: { idempotencyKey: `unit-${code}`, code, name, kind: 'DEPARTMENT', registeredOn: '2016-01-04' },
      }, admin);
      expect(response.errors).toBeUndefined();
      units[code] = response.data!.registerUnit.id;
    }
    await app.as('SUPERVISOR');
    const imported = await mutate('importWorkPlan', { fileName: 'plan-2016.csv', title: TITLE, year: 2016, contentBase64: base64(VERSION_1), approvedOn: '2016-04-25', assignedOn: '2016-05-01' }, undefined, 'planId');
    const plan = await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id code } } } }`, { id: imported.planId });
    for (const one of plan.data!.workPlan.categories[0].items as { id: string; code: string }[]) itemIds[one.code] = one.id;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('before any removal: three parts, the two due 06-30 overdue', async () => {
    expect(await scoreOf()).toEqual({ parts: 3, due: 2, onTime: 0, overdue: 2 });
  });

  it('removed by hand from item 1 on 08-01 (overdue 32 days): the part stays due and overdue, now and on later days', async () => {
    await mutate('removeWorkPlanItemUnit', { itemId: itemIds['1'], unitId: units.ZJJ, reason: '调整分工', unassignedOn: '2016-08-01' });
    app.clock.set('2016-08-02T10:00:00+08:00');
    const expected = { parts: 3, due: 2, onTime: 0, overdue: 2 };
    expect(await scoreOf()).toEqual(expected);
    expect(await scoreOf({ asOf: '2016-07-31' })).toEqual(expected);
    expect(await scoreOf({ asOf: '2016-08-02' })).toEqual(expected);
    expect(await scoreOf({ knownAt: '2016-08-02T09:00:00+08:00' })).toEqual(expected);
  });

  it('left out of items 2 and 3 by the August version: item 2’s overdue part stays overdue, item 3’s (due 12-31) never becomes due', async () => {
    await mutate('importWorkPlan', { fileName: 'plan-2016-v2.csv', title: TITLE, year: 2016, contentBase64: base64(VERSION_2), revise: true, assignedOn: '2016-08-01' });
    app.clock.set('2017-02-01T10:00:00+08:00');
    const expected = { parts: 3, due: 2, onTime: 0, overdue: 2 };
    expect(await scoreOf()).toEqual(expected);
    expect(await scoreOf({ asOf: '2016-09-01' })).toEqual(expected);
    expect(await scoreOf({ asOf: '2017-01-10' })).toEqual(expected);
    expect(await scoreOf({ asOf: '2017-01-10', knownAt: '2017-02-01T09:00:00+08:00' })).toEqual(expected);
  });
});
