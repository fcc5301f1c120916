import { TestApp, errorCode, startTestApp } from '../support/test-app.js';
import { namedMutations } from '../support/named-mutations.js';

/*
 * h8 point 2: a reopening that gave no new due date (the parts' own had not passed), its day corrected past that due date, was
 * taken — and the parts read overdue from the day they came back. Typed on that day the reopening needs a new due date; so does
 * its correction (h8b: refused without one, naming 新的整改时限 in the same form; taken with one, which the part is due by from
 * the corrected day — now, as of a day, and as known at an instant alike). Nothing is written by a refusal or a retry.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

const PART = 'status dueDate daysLeft returns { cause returnedOn newDueDate }';

describe('a reopening that kept the parts’ due date, its day corrected past it (h8 point 2, h8b)', () => {
  let app: TestApp;
  const { call, mutate } = namedMutations(() => app, key, 'id');
  let findingId: string;
  let unitId: string;
  const finding = async (cut: { asOf?: string; knownAt?: string } = {}) => {
    const answer = await app.graphql(`query($id: ID!, $asOf: String, $knownAt: String) { finding(id: $id, asOf: $asOf, knownAt: $knownAt) { status assignments { ${PART} } } }`, { id: findingId, ...cut });
    expect(answer.errors).toBeUndefined();
    return answer.data!.finding;
  };

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-12-06T10:00:00+08:00' });
    const unit = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, {
      input: { idempotencyKey: 'unit-CZJ', code: 'CZJ', name: '市财政局', kind: 'DEPARTMENT', registeredOn: '2016-01-01' },
    }, await app.as('ADMIN'));
    unitId = unit.data!.registerUnit.id as string;
    const evaluationId = (await mutate('registerEvaluation', { title: '2015年度政务公开第三方评估', evaluator: '某研究院', commissionedBy: '省政务公开办', periodStart: '2015-01-01', periodEnd: '2015-12-31', receivedOn: '2016-04-15' })).id;
    findingId = (await mutate('recordFinding', {
      evaluationId, title: '预算公开不细', description: '未细化到项', category: '主动公开', severity: 'LOW', identifiedOn: '2016-04-20',
      concernedUnitIds: [unitId], assignment: { assignedOn: '2016-04-26', units: [{ unitId, role: 'LEAD', dueDate: '2016-07-05' }] },
    })).id;
    await mutate('reportRectification', { findingId, unitId, reportedOn: '2016-06-28', summary: '已细化', evidence: [{ title: '预算表', documentRef: '财〔2016〕3号' }] }, await app.as('UNIT', unitId));
    await mutate('logInspection', { findingId, unitId, inspectedOn: '2016-07-01', outcome: 'PASSED', place: '市财政局', notes: '' }, await app.as('INSPECTOR'));
    await mutate('reopenFinding', { findingId, reason: '群众反映预算表被撤下', reopenedOn: '2016-07-03' });
    app.clock.set('2026-12-06T15:00:00+08:00');
  });

  afterAll(async () => {
    await app.close();
  });

  it('refuses it without a new due date, naming the unit, its due date and 新的整改时限 to fill in the same form (BAD_USER_INPUT, field newDueDate, nothing appended)', async () => {
    const before = await app.logPosition();
    const refused = await call('correctRecordDate', { findingId, unitId, record: 'REOPENING', previousOn: '2016-07-03', on: '2016-07-08', reason: '重新打开通知实为7月8日' });
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0]!.extensions!.field).toBe('newDueDate');
    expect(refused.errors![0]!.extensions!.messageZh).toBe(
      '更正后的重新打开日期（2016-07-08）晚于市财政局的原时限 2016-07-05，而该次重新打开未填写重新整改的时限：任务重新打开即逾期。请在本表中填写新的整改时限（不早于 2016-07-08），与日期更正一并提交。',
    );
    // A new due date before the corrected day is refused as a reopening typed that day with it would be.
    const early = await call('correctRecordDate', { findingId, unitId, record: 'REOPENING', previousOn: '2016-07-03', on: '2016-07-08', newDueDate: '2016-07-06', reason: '重新打开通知实为7月8日' });
    expect({ code: errorCode(early), field: early.errors![0]!.extensions!.field }).toEqual({ code: 'BAD_USER_INPUT', field: 'newDueDate' });
    expect(await app.logPosition()).toBe(before);
  });

  it('takes it with a new due date: the part is due then from the corrected day — now, as of a day and as known since agree; before, as typed; a retry with the same key appends nothing', async () => {
    const input = { idempotencyKey: 'redate-reopening-with-due', findingId, unitId, record: 'REOPENING', previousOn: '2016-07-03', on: '2016-07-08', newDueDate: '2016-07-31', reason: '重新打开通知实为7月8日' };
    expect((await call('correctRecordDate', input)).errors).toBeUndefined();
    const after = await app.logPosition();
    expect((await call('correctRecordDate', input)).errors).toBeUndefined();
    expect(await app.logPosition()).toBe(after);

    const returned = { status: 'OPEN', assignments: [{ status: 'RETURNED', dueDate: '2016-07-31', returns: [{ cause: 'REOPENED', returnedOn: '2016-07-08', newDueDate: '2016-07-31' }] }] };
    expect(await finding()).toMatchObject(returned);
    expect(await finding({ asOf: '2016-07-08' })).toMatchObject({ ...returned, assignments: [{ ...returned.assignments[0], daysLeft: 23 }] });
    expect(await finding({ asOf: '2016-07-08', knownAt: '2026-12-06T08:00:00Z' })).toEqual(await finding({ asOf: '2016-07-08' }));
    expect(await finding({ knownAt: '2026-12-06T08:00:00Z' })).toMatchObject(returned);
    // Between the day first typed and the corrected day it stood verified; known before the correction, as typed (due 07-05).
    expect(await finding({ asOf: '2016-07-05' })).toMatchObject({ assignments: [{ status: 'VERIFIED', returns: [] }] });
    expect(await finding({ asOf: '2016-07-05', knownAt: '2026-12-06T03:00:00Z' })).toMatchObject({
      status: 'OPEN',
      assignments: [{ status: 'RETURNED', dueDate: '2016-07-05', returns: [{ cause: 'REOPENED', returnedOn: '2016-07-03', newDueDate: null }] }],
    });
  });
});
