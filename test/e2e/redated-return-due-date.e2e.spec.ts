import { TestApp, errorCode, startTestApp } from '../support/test-app.js';
import { namedMutations } from '../support/named-mutations.js';

/*
 * breaker49-8: the due date in force when a return's date is corrected, through the API, read now, as of a day and as known at
 * an instant alike. S5: a failed inspection typed 05-25 (due 05-31), really of 06-02, the unit having re-reported on 06-05 —
 * refused every way; now taken with the new due date. S4: a send-back moved by mistake to 06-02 (taking 06-20) and moved back
 * kept 06-20 (GREEN where it was RED); now the date goes. M1: a send-back that gave 06-20, really of 06-25 — a CONFLICT with no
 * way on; now the correction gives the date that replaces it.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;
const PART = 'status dueDate daysLeft returns { cause returnedOn newDueDate dueDatesIfMoved { from dueDate } }';

describe('date corrections of returns and the due date they leave (breaker49-8 S4, S5, M1)', () => {
  let app: TestApp;
  const { call, mutate } = namedMutations(() => app, key, 'id');
  let unitId: string;
  let evaluationId: string;
  const partOf = async (findingId: string, cut: { asOf?: string; knownAt?: string } = {}) => {
    const answer = await app.graphql(`query($id: ID!, $asOf: String, $knownAt: String) { finding(id: $id, asOf: $asOf, knownAt: $knownAt) { assignments { ${PART} } } }`, { id: findingId, ...cut });
    expect(answer.errors).toBeUndefined();
    return answer.data!.finding.assignments[0];
  };
  const newFinding = async (title: string) => {
    const findingId = (await mutate('recordFinding', {
      evaluationId, title, description: '未细化到项', category: '主动公开', severity: 'LOW', identifiedOn: '2016-04-20',
      concernedUnitIds: [unitId], assignment: { assignedOn: '2016-04-26', units: [{ unitId, role: 'LEAD', dueDate: '2016-05-31' }] },
    })).id as string;
    await mutate('reportRectification', { findingId, unitId, reportedOn: '2016-05-20', summary: '已细化', evidence: [{ title: '预算表', documentRef: '财〔2016〕3号' }] }, await app.as('UNIT', unitId));
    return findingId;
  };

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-12-06T10:00:00+08:00' });
    const unit = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, {
      input: { idempotencyKey: 'unit-CZJ', code: 'CZJ', name: '市财政局', kind: 'DEPARTMENT', registeredOn: '2016-01-01' },
    }, await app.as('ADMIN'));
    unitId = unit.data!.registerUnit.id as string;
    evaluationId = (await mutate('registerEvaluation', { title: '2015年度政务公开第三方评估', evaluator: '某研究院', commissionedBy: '省政务公开办', periodStart: '2015-01-01', periodEnd: '2015-12-31', receivedOn: '2016-04-15' })).id as string;
  });

  afterAll(async () => {
    await app.close();
  });

  it('S5: a failed inspection moved past the due date, the unit having re-reported, takes the new due date; every reading agrees', async () => {
    const findingId = await newFinding('部门预算未细化到项目');
    await mutate('logInspection', { findingId, unitId, inspectedOn: '2016-05-25', outcome: 'FAILED', place: '市财政局', notes: '表格缺项' }, await app.as('INSPECTOR'));
    await mutate('reportRectification', { findingId, unitId, reportedOn: '2016-06-05', summary: '已补齐', evidence: [{ title: '预算表', documentRef: '财〔2016〕4号' }] }, await app.as('UNIT', unitId));
    const correction = { findingId, unitId, record: 'INSPECTION', previousOn: '2016-05-25', on: '2016-06-02', reason: '督查记录表实为6月2日' };
    const refused = await call('correctRecordDate', correction);
    expect({ code: errorCode(refused), field: refused.errors![0]!.extensions!.field }).toEqual({ code: 'BAD_USER_INPUT', field: 'newDueDate' });
    // What the form judges by: the due date in force on each day without the failure.
    expect((await partOf(findingId)).returns[0].dueDatesIfMoved).toEqual([{ from: '2016-04-26', dueDate: '2016-05-31' }]);
    await mutate('correctRecordDate', { ...correction, newDueDate: '2016-06-20' });
    const now = await partOf(findingId);
    expect({ status: now.status, dueDate: now.dueDate, returns: now.returns.map(({ cause, returnedOn, newDueDate }: { cause: string; returnedOn: string; newDueDate: string }) => ({ cause, returnedOn, newDueDate })) }).toEqual({ status: 'REPORTED', dueDate: '2016-06-20', returns: [{ cause: 'INSPECTION_FAILED', returnedOn: '2016-06-02', newDueDate: '2016-06-20' }] });
    expect(await partOf(findingId, { asOf: '2016-06-03' })).toMatchObject({ status: 'RETURNED', dueDate: '2016-06-20' });
    expect(await partOf(findingId, { asOf: '2026-12-06' })).toEqual(now);
  });

  it('S4: a send-back moved past the due date by mistake and moved back is due and overdue as before the slip, on every day', async () => {
    const findingId = await newFinding('三公经费说明缺失');
    await mutate('sendBackReport', { findingId, unitId, sentBackOn: '2016-05-25', reason: '链接打不开' });
    const before = await partOf(findingId, { asOf: '2016-06-05' });
    expect(before).toMatchObject({ status: 'RETURNED', dueDate: '2016-05-31', daysLeft: -5 });
    await mutate('correctRecordDate', { findingId, unitId, record: 'SEND_BACK', previousOn: '2016-05-25', on: '2016-06-02', newDueDate: '2016-06-20', reason: '误选日期' });
    expect(await partOf(findingId, { asOf: '2016-06-05' })).toMatchObject({ dueDate: '2016-06-20' });
    // The undoing is entered an hour after the slip (the app's clock).
    const slipped = '2026-12-06T02:30:00.000Z';
    app.clock.set('2026-12-06T11:00:00+08:00');
    const given = await call('correctRecordDate', { findingId, unitId, record: 'SEND_BACK', previousOn: '2016-06-02', on: '2016-05-25', newDueDate: '2016-06-20', reason: '改回原日期' });
    expect({ code: errorCode(given), field: given.errors![0]!.extensions!.field }).toEqual({ code: 'BAD_USER_INPUT', field: 'newDueDate' });
    await mutate('correctRecordDate', { findingId, unitId, record: 'SEND_BACK', previousOn: '2016-06-02', on: '2016-05-25', reason: '改回原日期' });
    expect(await partOf(findingId, { asOf: '2016-06-05' })).toEqual(before);
    const now = await partOf(findingId);
    expect({ dueDate: now.dueDate, returns: now.returns.map(({ returnedOn, newDueDate }: { returnedOn: string; newDueDate: string | null }) => ({ returnedOn, newDueDate })) }).toEqual({ dueDate: '2016-05-31', returns: [{ returnedOn: '2016-05-25', newDueDate: null }] });
    expect(await partOf(findingId, { asOf: '2026-12-06' })).toEqual(now);
    // Known before the undoing, the slip's date stands.
    expect(await partOf(findingId, { asOf: '2016-06-05', knownAt: slipped })).toMatchObject({ dueDate: '2016-06-20' });
  });

  it('M1: a send-back that gave its own new due date, moved past it, takes the one that replaces it', async () => {
    const findingId = await newFinding('政府采购意向未公开');
    await mutate('sendBackReport', { findingId, unitId, sentBackOn: '2016-05-25', reason: '链接打不开', newDueDate: '2016-06-20' });
    const correction = { findingId, unitId, record: 'SEND_BACK', previousOn: '2016-05-25', on: '2016-06-25', reason: '退办通知实为6月25日' };
    const refused = await call('correctRecordDate', correction);
    expect({ code: errorCode(refused), field: refused.errors![0]!.extensions!.field }).toEqual({ code: 'BAD_USER_INPUT', field: 'newDueDate' });
    expect(refused.errors![0]!.extensions!.messageZh).toMatch(/晚于该次退办给出的新截止日期 2016-06-20.*取代 2016-06-20/u);
    await mutate('correctRecordDate', { ...correction, newDueDate: '2016-07-10' });
    expect(await partOf(findingId, { asOf: '2016-06-24' })).toMatchObject({ status: 'REPORTED', dueDate: '2016-05-31' });
    expect(await partOf(findingId, { asOf: '2016-06-26' })).toMatchObject({ status: 'RETURNED', dueDate: '2016-07-10' });
    const now = await partOf(findingId);
    expect(now).toMatchObject({ dueDate: '2016-07-10', returns: [{ returnedOn: '2016-06-25', newDueDate: '2016-07-10', dueDatesIfMoved: [{ from: '2016-04-26', dueDate: '2016-06-20' }] }] });
    expect(await partOf(findingId, { asOf: '2026-12-06' })).toEqual(now);
  });

  const inspectionOf = async (findingId: string) => {
    const answer = await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { inspections { inspectionId } } } }`, { id: findingId });
    return answer.data!.finding.assignments[0].inspections.at(-1).inspectionId as string;
  };

  it('breaker50-8 S2: a failure’s wrong day undone through 更正督查记录 takes the slip’s due date away: overdue again, the re-report late', async () => {
    const findingId = await newFinding('政策解读未同步发布');
    await mutate('logInspection', { findingId, unitId, inspectedOn: '2016-05-25', outcome: 'FAILED', place: '市财政局', notes: '解读缺失' }, await app.as('INSPECTOR'));
    const before = await partOf(findingId, { asOf: '2016-06-05' });
    expect(before).toMatchObject({ status: 'RETURNED', dueDate: '2016-05-31', daysLeft: -5 });
    await mutate('correctRecordDate', { findingId, unitId, record: 'INSPECTION', previousOn: '2016-05-25', on: '2016-06-02', newDueDate: '2016-06-20', reason: '误选日期' });
    expect(await partOf(findingId, { asOf: '2016-06-05' })).toMatchObject({ dueDate: '2016-06-20' });
    const inspectionId = await inspectionOf(findingId);
    await mutate('correctInspection', { findingId, unitId, inspectionId, inspectedOn: '2016-05-25', reason: '改回原日期' });
    expect(await partOf(findingId, { asOf: '2016-06-05' })).toEqual(before);
    const now = await partOf(findingId);
    expect({ dueDate: now.dueDate, returns: now.returns.map(({ returnedOn, newDueDate }: { returnedOn: string; newDueDate: string | null }) => ({ returnedOn, newDueDate })) }).toEqual({ dueDate: '2016-05-31', returns: [{ returnedOn: '2016-05-25', newDueDate: null }] });
    expect(await partOf(findingId, { asOf: '2026-12-06' })).toEqual(now);
  });

  it('breaker50-8 S4: an undo blocked by a later failure names the way on; the failure given its paper’s date alone, the undo is taken', async () => {
    const findingId = await newFinding('预算绩效目标未公开');
    await mutate('sendBackReport', { findingId, unitId, sentBackOn: '2016-05-25', reason: '链接打不开' });
    await mutate('correctRecordDate', { findingId, unitId, record: 'SEND_BACK', previousOn: '2016-05-25', on: '2016-06-02', newDueDate: '2016-06-20', reason: '误选日期' });
    await mutate('reportRectification', { findingId, unitId, reportedOn: '2016-06-05', summary: '已补齐', evidence: [{ title: '预算表', documentRef: '财〔2016〕5号' }] }, await app.as('UNIT', unitId));
    await mutate('logInspection', { findingId, unitId, inspectedOn: '2016-06-10', outcome: 'FAILED', place: '市财政局', notes: '仍缺项' }, await app.as('INSPECTOR'));
    const undo = { findingId, unitId, record: 'SEND_BACK', previousOn: '2016-06-02', on: '2016-05-25', reason: '改回原日期' };
    const refused = await call('correctRecordDate', undo);
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(refused.errors![0]!.extensions!.messageZh).toMatch(/请先为该督查补填纸质记录上的重新整改时限（在该督查记录的「更正督查记录」中只填写重新整改的时限）/u);
    await mutate('correctInspection', { findingId, unitId, inspectionId: await inspectionOf(findingId), newDueDate: '2016-06-30', reason: '督查记录表载明重新整改时限' });
    await mutate('correctRecordDate', undo);
    expect(await partOf(findingId, { asOf: '2016-06-01' })).toMatchObject({ status: 'RETURNED', dueDate: '2016-05-31' });
    expect(await partOf(findingId, { asOf: '2016-06-11' })).toMatchObject({ status: 'RETURNED', dueDate: '2016-06-30' });
    const now = await partOf(findingId);
    expect(now).toMatchObject({ dueDate: '2016-06-30' });
    expect(await partOf(findingId, { asOf: '2026-12-06' })).toEqual(now);
  });

  it('breaker50-8 M1: a send-back typed without its paper’s date is given it, its day kept', async () => {
    const findingId = await newFinding('依申请公开答复超期');
    await mutate('sendBackReport', { findingId, unitId, sentBackOn: '2016-05-25', reason: '链接打不开' });
    await mutate('correctRecordDate', { findingId, unitId, record: 'SEND_BACK', previousOn: '2016-05-25', on: '2016-05-25', newDueDate: '2016-06-20', reason: '退办通知载明重新整改时限' });
    const now = await partOf(findingId);
    expect(now).toMatchObject({ dueDate: '2016-06-20', returns: [{ returnedOn: '2016-05-25', newDueDate: '2016-06-20', dueDatesIfMoved: [{ from: '2016-04-26', dueDate: '2016-06-20' }] }] });
    expect(await partOf(findingId, { asOf: '2016-06-05' })).toMatchObject({ status: 'RETURNED', dueDate: '2016-06-20' });
  });
});
