import { TestApp, startTestApp } from '../support/test-app.js';
import { namedMutations } from '../support/named-mutations.js';

/*
 * h8 point 3: a work-plan item's views after its reopening's day was corrected (breaker46-8 S1: typed 07-05 for 06-20), then
 * the unit's re-report of 06-25 entered: workPlanItem as of days before and after the corrected day, its history, and the plan's
 * progress (what the overview counts) tell one story — completed until 06-19, back with the unit from 06-20 (due 07-31),
 * reported on 06-25 — and a view known before the correction still shows the reopening as typed.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

describe('a work-plan item whose reopening’s day was corrected, then reported (h8 point 3)', () => {
  let app: TestApp;
  let unitId: string;
  let planId: string;
  let itemId: string;
  const { mutate } = namedMutations(() => app, key, 'id');
  const item = async (travel: { asOf?: string; knownAt?: string } = {}) => {
    const response = await app.graphql(
      `query($id: ID!, $asOf: String, $knownAt: String) { workPlanItem(id: $id, asOf: $asOf, knownAt: $knownAt) {
        status completedOn unverifiedPartCount overduePartCount
        parts { status dueDate verifiedOn reports { reportedOn } returns { cause returnedOn newDueDate } }
        history { eventType occurredOn closeOutUndone } } }`,
      { id: itemId, ...travel },
    );
    expect(response.errors).toBeUndefined();
    return response.data!.workPlanItem;
  };
  const progress = async (asOf?: string) => {
    const response = await app.graphql(`query($id: ID!, $asOf: String) { workPlan(id: $id, asOf: $asOf) { progress { items completedItems parts verifiedParts overdueParts } } }`, { id: planId, asOf });
    expect(response.errors).toBeUndefined();
    return response.data!.workPlan.progress;
  };

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-12-06T10:00:00+08:00' });
    const unit = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, {
      input: { idempotencyKey: 'unit-FGW', code: 'FGW', name: '市发展和改革委员会', kind: 'DEPARTMENT', registeredOn: '2016-01-01' },
    }, await app.as('ADMIN'));
    unitId = unit.data!.registerUnit.id;
    const plan = '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n一,价格信息,1,公开收费目录清单,,市发展和改革委员会,,2016-09-30\n';
    const imported = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId } }`, {
      input: { idempotencyKey: key('plan'), fileName: 'plan-2016.csv', title: '青川市2016年价格信息公开要点', year: 2016, contentBase64: Buffer.from(plan, 'utf8').toString('base64'), approvedOn: '2016-04-25', assignedOn: '2016-04-26' },
    });
    expect(imported.errors).toBeUndefined();
    planId = imported.data!.importWorkPlan.planId;
    itemId = (await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id } } } }`, { id: planId })).data!.workPlan.categories[0].items[0].id;
    const clerk = await app.as('UNIT', unitId);
    await mutate('reportWorkPlanItem', { itemId, unitId, reportedOn: '2016-06-10', summary: '已公开', evidence: [{ title: '收费目录', link: 'https://www.example.gov.cn/fees' }] }, clerk);
    await mutate('logWorkPlanItemInspection', { itemId, unitId, inspectedOn: '2016-06-15', outcome: 'PASSED', place: '市发改委', notes: '' }, await app.as('INSPECTOR'));
    // Typed with the wrong day (paper: 2016-06-20), then corrected; then the unit's re-report of its paper day.
    await mutate('reopenWorkPlanItem', { itemId, reopenedOn: '2016-07-05', newDueDate: '2016-07-31', reason: '复查发现目录被撤下' });
    app.clock.set('2026-12-06T15:00:00+08:00');
    await mutate('correctWorkPlanItemRecordDate', { itemId, unitId, record: 'REOPENING', previousOn: '2016-07-05', on: '2016-06-20', reason: '重新打开通知实为6月20日' });
    app.clock.set('2026-12-06T16:00:00+08:00');
    await mutate('reportWorkPlanItem', { itemId, unitId, reportedOn: '2016-06-25', summary: '目录已重新公开', evidence: [{ title: '收费目录', link: 'https://www.example.gov.cn/fees2' }] }, clerk);
  });

  afterAll(async () => {
    await app.close();
  });

  it('reads completed until the day before the corrected reopening, back with the unit from it, reported on 06-25 — as of each day and now', async () => {
    expect(await item({ asOf: '2016-06-19' })).toMatchObject({ status: 'COMPLETED', completedOn: '2016-06-15', unverifiedPartCount: 0, parts: [{ status: 'VERIFIED', verifiedOn: '2016-06-15', dueDate: '2016-09-30', returns: [] }] });
    expect(await item({ asOf: '2016-06-20' })).toMatchObject({
      completedOn: null, unverifiedPartCount: 1, overduePartCount: 0,
      parts: [{ status: 'RETURNED', verifiedOn: null, dueDate: '2016-07-31', reports: [{ reportedOn: '2016-06-10' }], returns: [{ cause: 'REOPENED', returnedOn: '2016-06-20', newDueDate: '2016-07-31' }] }],
    });
    const reported = { completedOn: null, unverifiedPartCount: 1, parts: [{ status: 'REPORTED', dueDate: '2016-07-31', reports: [{ reportedOn: '2016-06-10' }, { reportedOn: '2016-06-25' }], returns: [{ cause: 'REOPENED', returnedOn: '2016-06-20' }] }] };
    expect(await item({ asOf: '2016-06-25' })).toMatchObject(reported);
    // The day the reopening was first typed for is nothing special any more.
    expect(await item({ asOf: '2016-07-05' })).toMatchObject(reported);
    const now = await item();
    expect(now).toMatchObject(reported);
    expect(now.status).toBe((await item({ asOf: '2016-06-25' })).status);
  });

  it('lists the reopening as typed and its correction now, on its corrected day at a past day, and past days list what happened by then', async () => {
    const byDay = (history: { eventType: string; occurredOn: string }[]) => history.map((entry) => `${entry.occurredOn} ${entry.eventType}`);
    // Now: the original as entered, then the correction (who, why), as a finding's history lists them.
    expect(byDay((await item()).history)).toEqual(expect.arrayContaining(['2016-07-05 WorkPlanItemReopened', '2026-12-06 FactDateCorrected', '2016-06-25 RectificationReported']));
    const june19 = byDay((await item({ asOf: '2016-06-19' })).history);
    expect(june19.some((line) => line.includes('Reopened') || line.startsWith('2016-06-25'))).toBe(false);
    expect(june19).toContain('2016-06-15 WorkPlanItemCompleted');
    const june22 = byDay((await item({ asOf: '2016-06-22' })).history);
    expect(june22).toEqual(expect.arrayContaining(['2016-06-15 WorkPlanItemCompleted', '2016-06-20 WorkPlanItemReopened']));
    expect(june22.some((line) => line.startsWith('2016-06-25') || line.startsWith('2026-'))).toBe(false);
  });

  it('counts the same in the plan’s progress as the item reads on each day', async () => {
    expect(await progress('2016-06-19')).toMatchObject({ items: 1, completedItems: 1, parts: 1, verifiedParts: 1, overdueParts: 0 });
    expect(await progress('2016-06-20')).toMatchObject({ items: 1, completedItems: 0, parts: 1, verifiedParts: 0, overdueParts: 0 });
    expect(await progress()).toMatchObject({ items: 1, completedItems: 0, parts: 1, verifiedParts: 0, overdueParts: 0 });
    // Past the new due date, reported before it and not yet inspected: not overdue, in the plan as in the item.
    expect(await progress('2016-08-01')).toMatchObject({ completedItems: 0, overdueParts: 0 });
    expect(await item({ asOf: '2016-08-01' })).toMatchObject({ overduePartCount: 0, parts: [{ status: 'REPORTED' }] });
  });

  it('shows the reopening as typed when known before the correction', async () => {
    const known = await item({ asOf: '2016-06-22', knownAt: '2026-12-06T06:00:00Z' });
    expect(known).toMatchObject({ status: 'COMPLETED', completedOn: '2016-06-15', parts: [{ status: 'VERIFIED' }] });
    expect(await item({ asOf: '2016-07-05', knownAt: '2026-12-06T06:00:00Z' })).toMatchObject({ completedOn: null, parts: [{ status: 'RETURNED', returns: [{ returnedOn: '2016-07-05' }] }] });
  });
});
