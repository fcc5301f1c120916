import { parse } from 'csv-parse/sync';
import { TestApp, startTestApp } from '../support/test-app.js';
import { namedMutations } from '../support/named-mutations.js';

/*
 * newcomer46-8 M2: correcting an inspection's outcome (更正督查记录) kept the supervisor's reason where the inspector's notes
 * were — under the inspector's name, on the part card and in the 整改台账's 督查结果 column. A compliance record keeps what the
 * inspector wrote and shows the correction beside it: who, when, why — now, at a past day, and in the export alike.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

describe('an inspection corrected by a supervisor keeps what the inspector wrote (newcomer46-8 M2)', () => {
  let app: TestApp;
  let unitId: string;
  let findingId: string;
  let correctedAt: string;
  const { mutate } = namedMutations(() => app, key, 'id');
  const inspection = async (travel: { asOf?: string; knownAt?: string } = {}) => {
    const response = await app.graphql(
      `query($id: ID!, $asOf: String, $knownAt: String) { finding(id: $id, asOf: $asOf, knownAt: $knownAt) {
        assignments { status returns { reason } inspections { outcome notes inspectorId corrections { reason correctedOn correctedAt correctedBy correctedByName previousOutcome outcome previousInspectedOn inspectedOn } } }
        history { eventType actorId actorName recordedAt } } }`,
      { id: findingId, ...travel },
    );
    expect(response.errors).toBeUndefined();
    return response.data!.finding;
  };

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-12-06T10:00:00+08:00' });
    const unit = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, {
      input: { idempotencyKey: 'unit-FGW', code: 'FGW', name: '市发展和改革委员会', kind: 'DEPARTMENT', registeredOn: '2016-01-01' },
    }, await app.as('ADMIN'));
    expect(unit.errors).toBeUndefined();
    unitId = unit.data!.registerUnit.id;
    const evaluationId = (await mutate('registerEvaluation', { title: '2015年度政务公开第三方评估', evaluator: '某研究院', commissionedBy: '省政务公开办', periodStart: '2015-01-01', periodEnd: '2015-12-31', receivedOn: '2016-04-15' })).id;
    findingId = (await mutate('recordFinding', {
      evaluationId, title: '办事指南不完整', description: '缺少收费依据', category: '主动公开', severity: 'LOW', identifiedOn: '2016-04-20',
      concernedUnitIds: [unitId], assignment: { assignedOn: '2016-04-26', units: [{ unitId, role: 'LEAD', dueDate: '2016-06-30' }] },
    })).id;
    await mutate('reportRectification', { findingId, unitId, reportedOn: '2016-05-30', summary: '已补充', evidence: [{ title: '办事指南', documentRef: '文〔2016〕1号' }] }, await app.as('UNIT', unitId));
    await mutate('logInspection', { findingId, unitId, inspectedOn: '2016-06-05', outcome: 'FAILED', place: '市发改委', notes: '办事指南仍缺少收费依据', newDueDate: '2016-07-15' }, await app.as('INSPECTOR'));
    app.clock.set('2026-12-06T15:00:00+08:00');
    const { inspections } = (await inspection()).assignments[0];
    const inspectionId = (await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { inspections { inspectionId } } } }`, { id: findingId })).data!.finding.assignments[0].inspections[0].inspectionId;
    expect(inspections[0]).toMatchObject({ outcome: 'FAILED', notes: '办事指南仍缺少收费依据', corrections: [] });
    await mutate('correctInspection', { findingId, unitId, inspectionId, outcome: 'PASSED', reason: '督查记录表结论为通过' });
    correctedAt = (await inspection()).history.find((entry: { eventType: string }) => entry.eventType === 'InspectionCorrected').recordedAt;
  });

  afterAll(async () => {
    await app.close();
  });

  it('shows the inspector’s notes as written and the correction beside them, with who (as the history names them), when and why — now and at a past day', async () => {
    const now = await inspection();
    const corrector = now.history.find((entry: { eventType: string }) => entry.eventType === 'InspectionCorrected');
    const expected = {
      outcome: 'PASSED',
      notes: '办事指南仍缺少收费依据',
      inspectorId: await app.userId('INSPECTOR'),
      corrections: [{
        reason: '督查记录表结论为通过', correctedOn: '2026-12-06', correctedAt, correctedBy: corrector.actorId, correctedByName: corrector.actorName,
        previousOutcome: 'FAILED', outcome: 'PASSED', previousInspectedOn: '2016-06-05', inspectedOn: '2016-06-05',
      }],
    };
    expect(corrector.actorId).toBe(await app.userId('SUPERVISOR'));
    expect(now.assignments[0]).toMatchObject({ status: 'VERIFIED', returns: [], inspections: [expected] });
    // A past day known now folds the same record by day: the same inspection, the same correction.
    expect((await inspection({ asOf: '2016-07-01' })).assignments[0]).toMatchObject({ status: 'VERIFIED', inspections: [expected] });
    // Known before the correction: the inspection as entered.
    expect((await inspection({ knownAt: '2026-12-06T06:00:00Z' })).assignments[0]).toMatchObject({
      status: 'RETURNED', returns: [{ reason: '办事指南仍缺少收费依据' }], inspections: [{ outcome: 'FAILED', notes: '办事指南仍缺少收费依据', corrections: [] }],
    });
  });

  it('prints both in the 整改台账’s 督查结果 column: the outcome, what the inspector wrote, and the correction with who, when and why', async () => {
    const name = (await inspection()).history.find((entry: { eventType: string }) => entry.eventType === 'InspectionCorrected').actorName as string;
    const response = await fetch(`${app.url}/export/ledger.csv?asOf=2016-07-01`, { headers: await app.as('SUPERVISOR') });
    expect(response.status).toBe(200);
    const [head, ...rows] = parse(Buffer.from(await response.arrayBuffer()).subarray(3).toString('utf8'), { relax_column_count: true }) as string[][];
    const header = rows.length > 0 && !head!.includes('督查结果') ? rows.shift()! : head!;
    const row = rows.find((cells) => cells.includes('办事指南不完整'))!;
    expect(row[header.indexOf('督查结果')]).toBe(`通过（2016-06-05）\n督查情况（原录）：办事指南仍缺少收费依据\n更正（2026-12-06，${name}）：结论由不通过改为通过；理由：督查记录表结论为通过`);
  });
});
