import { parse } from 'csv-parse/sync';
import { TestApp, errorCode, startTestApp } from '../support/test-app.js';

/**
 * 代录 (newcomer49-8 M5): a city that starts using Rectify mid-campaign enters the spring's reports from its paper files. The
 * office (a supervisor) enters a unit's paper report on its behalf, findings and work-plan items alike: the report is the
 * unit's (its part reads reported, the scorecard counts it as the unit's), and the record names the supervisor who typed it —
 * on the part, in the history and in the 台账. An inspector may not; a unit still reports only its own part. Through HTTP
 * GraphQL on a real SQLite file.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

describe('代录: the office enters a unit’s paper report on its behalf', () => {
  let app: TestApp;
  const units: Record<'CZJ' | 'JYJ', string> = { CZJ: '', JYJ: '' };
  let findingId: string;
  let evaluationId: string;

  const send = (name: string, input: Record<string, unknown>, headers?: Record<string, string>) =>
    app.graphql(`mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { id } }`, { input: { idempotencyKey: key(name), ...input } }, headers);
  const mutate = async (name: string, input: Record<string, unknown>, headers?: Record<string, string>) => {
    const response = await send(name, input, headers);
    if (response.errors) throw new Error(`${name} refused: ${JSON.stringify(response.errors)}`);
    return response;
  };
  const paperReport = (unitId: string) => ({ findingId, unitId, summary: '已更新政府信息公开目录', evidence: [{ title: '整改报告（纸质）', documentRef: '青财〔2016〕12号' }], reportedOn: '2016-05-25' });

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-12-07T10:00:00+08:00' });
    for (const [code, name] of [['CZJ', '市财政局'], ['JYJ', '市教育局']] as const) {
      const response = await mutate('registerUnit', { code, name, kind: 'DEPARTMENT', registeredOn: '2016-04-01' }, await app.as('ADMIN'));
      units[code] = response.data!.registerUnit.id;
    }
    evaluationId = (await mutate('registerEvaluation', { title: '2015年度政务公开第三方评估', evaluator: '研究院', commissionedBy: '国务院办公厅', periodStart: '2015-01-01', periodEnd: '2015-12-31', receivedOn: '2016-04-15' })).data!.registerEvaluation.id;
    findingId = (await mutate('recordFinding', { evaluationId, title: '政府信息公开目录更新不及时', description: '目录未更新', category: '主动公开', severity: 'HIGH', identifiedOn: '2016-04-15' })).data!.recordFinding.id;
    await mutate('assignFinding', { findingId, assignedOn: '2016-04-26', units: [{ unitId: units.CZJ, role: 'LEAD', dueDate: '2016-05-31' }, { unitId: units.JYJ, role: 'RESPONSIBLE', dueDate: '2016-05-31' }] });
  });

  afterAll(async () => {
    await app.close();
  });

  it('an inspector may not enter a unit’s report, nor a unit another unit’s', async () => {
    const byInspector = await send('reportRectification', paperReport(units.CZJ), await app.as('INSPECTOR'));
    expect(errorCode(byInspector)).toBe('FORBIDDEN');
    const byOtherUnit = await send('reportRectification', paperReport(units.CZJ), await app.as('UNIT', units.JYJ));
    expect(errorCode(byOtherUnit)).toBe('FORBIDDEN');
    expect(byOtherUnit.errors![0]!.extensions!.messageZh).toBe('只有市财政局的用户可以报送本单位的整改情况；督办人员可依据纸质报告代录。');
  });

  it('a supervisor enters it: the part is the unit’s, reported on the paper’s day, and the record names who typed it', async () => {
    await mutate('reportRectification', paperReport(units.CZJ));
    const supervisorId = await app.userId('SUPERVISOR');
    const response = await app.graphql(
      `query($id: ID!) { finding(id: $id) { assignments { unitId status reports { reportedOn reportedBy enteredBy enteredByName } }
        history { eventType occurredOn actorId actorRole unitId details } } }`,
      { id: findingId },
    );
    expect(response.errors).toBeUndefined();
    const finance = response.data!.finding.assignments.find((part: { unitId: string }) => part.unitId === units.CZJ);
    expect(finance).toMatchObject({ status: 'REPORTED', reports: [{ reportedOn: '2016-05-25', reportedBy: supervisorId, enteredBy: supervisorId, enteredByName: 'SUPERVISOR' }] });
    const line = response.data!.finding.history.find((entry: { eventType: string }) => entry.eventType === 'RectificationReported');
    expect(line).toMatchObject({ occurredOn: '2016-05-25', actorId: supervisorId, actorRole: 'SUPERVISOR', unitId: units.CZJ });
    expect(JSON.parse(line.details)).toMatchObject({ unitId: units.CZJ, enteredBy: supervisorId });

    // The unit's own report names no one else.
    await mutate('reportRectification', { ...paperReport(units.JYJ), reportedOn: '2016-05-30' }, await app.as('UNIT', units.JYJ));
    const own = await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { unitId reports { enteredBy enteredByName } } } }`, { id: findingId });
    expect(own.data!.finding.assignments.find((part: { unitId: string }) => part.unitId === units.JYJ).reports).toEqual([{ enteredBy: null, enteredByName: null }]);
  });

  it('the scorecard counts it as the unit’s report, and the 台账 says who entered it', async () => {
    const scorecard = await app.graphql(`{ unitScorecard(asOf: "2016-06-01") { unitName due onTime } }`);
    expect(scorecard.errors).toBeUndefined();
    expect(scorecard.data!.unitScorecard.find((score: { unitName: string }) => score.unitName === '市财政局')).toMatchObject({ due: 1, onTime: 1 });

    const response = await fetch(`${app.url}/export/ledger.csv?asOf=2016-06-01&evaluationId=${evaluationId}`, { headers: await app.as('SUPERVISOR') });
    expect(response.status).toBe(200);
    const rows = parse(Buffer.from(await response.arrayBuffer()).toString('utf8').replace(/^\uFEFF/, ''), { relaxColumnCount: true }) as string[][];
    const cells = rows.flat();
    expect(cells).toContain('已更新政府信息公开目录（SUPERVISOR 代录，依据纸质报告）');
    // The unit's own report reads as before.
    expect(cells).toContain('已更新政府信息公开目录');
  });
});
