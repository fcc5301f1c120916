import { TestApp, errorCode, startTestApp } from '../support/test-app.js';
import { namedMutations } from '../support/named-mutations.js';

/*
 * h8 point 2: a reopening that gave no new due date (the parts' own had not passed), its day corrected past that due date, was
 * taken — and the parts read overdue from the day they came back. Typed on that day the reopening is refused asking for a new
 * due date; its correction is refused alike, with a stable code, and nothing is written.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

describe('a reopening that kept the parts’ due date, its day corrected past it (h8 point 2)', () => {
  let app: TestApp;
  const { call, mutate } = namedMutations(() => app, key, 'id');

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-12-06T10:00:00+08:00' });
  });

  afterAll(async () => {
    await app.close();
  });

  it('refuses it naming the unit, its due date and the missing new due date (BAD_USER_INPUT, nothing appended), and takes a day on or before the due date', async () => {
    const unit = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, {
      input: { idempotencyKey: 'unit-CZJ', code: 'CZJ', name: '市财政局', kind: 'DEPARTMENT', registeredOn: '2016-01-01' },
    }, await app.as('ADMIN'));
    const unitId = unit.data!.registerUnit.id as string;
    const evaluationId = (await mutate('registerEvaluation', { title: '2015年度政务公开第三方评估', evaluator: '某研究院', commissionedBy: '省政务公开办', periodStart: '2015-01-01', periodEnd: '2015-12-31', receivedOn: '2016-04-15' })).id;
    const findingId = (await mutate('recordFinding', {
      evaluationId, title: '预算公开不细', description: '未细化到项', category: '主动公开', severity: 'LOW', identifiedOn: '2016-04-20',
      concernedUnitIds: [unitId], assignment: { assignedOn: '2016-04-26', units: [{ unitId, role: 'LEAD', dueDate: '2016-07-05' }] },
    })).id;
    await mutate('reportRectification', { findingId, unitId, reportedOn: '2016-06-28', summary: '已细化', evidence: [{ title: '预算表', documentRef: '财〔2016〕3号' }] }, await app.as('UNIT', unitId));
    await mutate('logInspection', { findingId, unitId, inspectedOn: '2016-07-01', outcome: 'PASSED', place: '市财政局', notes: '' }, await app.as('INSPECTOR'));
    await mutate('reopenFinding', { findingId, reason: '群众反映预算表被撤下', reopenedOn: '2016-07-03' });

    const before = await app.logPosition();
    const refused = await call('correctRecordDate', { findingId, unitId, record: 'REOPENING', previousOn: '2016-07-03', on: '2016-07-08', reason: '重新打开通知实为7月8日' });
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0]!.extensions!.messageZh).toBe(
      '更正后的重新打开日期（2016-07-08）晚于市财政局的原时限 2016-07-05，而该次重新打开未填写重新整改的时限：任务重新打开即逾期。在该日重新打开须填写重新整改的时限，更正日期不能补填；请核对重新打开的日期。',
    );
    expect(await app.logPosition()).toBe(before);

    // On the due date itself the part comes back due that day, not overdue: taken.
    expect((await call('correctRecordDate', { findingId, unitId, record: 'REOPENING', previousOn: '2016-07-03', on: '2016-07-05', reason: '重新打开通知实为7月5日' })).errors).toBeUndefined();
    const part = await app.graphql(`query($id: ID!) { finding(id: $id, asOf: "2016-07-05") { status assignments { status dueDate } } }`, { id: findingId });
    expect(part.data!.finding).toEqual({ status: 'OPEN', assignments: [{ status: 'RETURNED', dueDate: '2016-07-05' }] });
  });
});
