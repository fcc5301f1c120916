import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * breaker8p P2 and P10 (issue 8): after a hand-over or merge (机构改革) only lateness followed the watch rule — 单位排名 gave the
 * successor the predecessor's on-time report and its 退回, and 平均整改天数 charged the last holder with every earlier holder's
 * days. Now each fact counts for the unit that held the part on its day: the predecessor before the hand-over or merge day,
 * the successor from it. Asserted through HTTP GraphQL on a real SQLite file, on days before and after the reorganisation, as
 * known before and after it was entered, and now (the figures kept as events arrive) as on today's date.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

interface Score {
  unitId: string;
  parts: number;
  due: number;
  onTime: number;
  overdue: number;
  returned: number;
  meanDaysToRemediate: number | null;
}

describe('单位排名 credits each fact to the unit whose watch it happened on (breaker8p P2, P10)', () => {
  let app: TestApp;
  const units: Record<string, string> = {};
  let evaluationId: string;

  const mutate = async (name: string, input: Record<string, unknown>, headers?: Record<string, string>) => {
    const response = await app.graphql(`mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { __typename } }`, { input: { idempotencyKey: key(name), ...input } }, headers);
    if (response.errors) throw new Error(`${name} refused: ${JSON.stringify(response.errors)}`);
  };
  const register = async (code: string, name: string) => {
    const response = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, {
      input: { idempotencyKey: `unit-${code}`, code, name, kind: 'DEPARTMENT', registeredOn: '2016-01-04' },
    }, await app.as('ADMIN'));
    expect(response.errors).toBeUndefined();
    units[code] = response.data!.registerUnit.id;
  };
  const codeOf = (unitId: string) => Object.keys(units).find((code) => units[code] === unitId);
  /** Each unit's figures (`parts due onTime overdue returned meanDays`), by code, for the units named. */
  const scorecard = async (codes: string[], time: { asOf?: string; knownAt?: string } = {}) => {
    const response = await app.graphql(`query($asOf: String, $knownAt: String) { unitScorecard(asOf: $asOf, knownAt: $knownAt) { unitId parts due onTime overdue returned meanDaysToRemediate } }`, time);
    expect(response.errors).toBeUndefined();
    return Object.fromEntries(
      (response.data!.unitScorecard as Score[])
        .filter((score) => codes.includes(codeOf(score.unitId) ?? ''))
        .map(({ unitId, ...figures }) => [codeOf(unitId), figures]),
    );
  };
  const perUnitMeanDays = async (codes: string[], asOf?: string) => {
    const response = await app.graphql(`query($asOf: String) { dashboard(asOf: $asOf) { perUnit { unitId meanDaysToRemediate } } }`, asOf ? { asOf } : {});
    expect(response.errors).toBeUndefined();
    return Object.fromEntries(
      (response.data!.dashboard.perUnit as { unitId: string; meanDaysToRemediate: number | null }[])
        .filter((row) => codes.includes(codeOf(row.unitId) ?? ''))
        .map((row) => [codeOf(row.unitId), row.meanDaysToRemediate]),
    );
  };
  /** A finding of 2016 assigned on 04-20 to `unit` alone, as lead. */
  const assigned = async (title: string, unit: string, dueDate: string) => {
    const recorded = await app.graphql(`mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`, {
      input: { idempotencyKey: key('finding'), evaluationId, title, description: title, category: '主动公开', severity: 'HIGH', identifiedOn: '2016-04-10' },
    });
    expect(recorded.errors).toBeUndefined();
    const findingId = recorded.data!.recordFinding.id as string;
    await mutate('assignFinding', { findingId, assignedOn: '2016-04-20', units: [{ unitId: units[unit], role: 'LEAD', dueDate }] });
    return findingId;
  };
  const report = async (findingId: string, unit: string, reportedOn: string) =>
    mutate('reportRectification', { findingId, unitId: units[unit], summary: '已整改', evidence: [{ title: '公开页面', link: 'https://www.example.gov.cn/x' }], reportedOn }, await app.as('UNIT', units[unit]));
  const inspect = async (findingId: string, unit: string, inspectedOn: string, outcome: 'PASSED' | 'FAILED', newDueDate?: string) =>
    mutate('logInspection', { findingId, unitId: units[unit], outcome, notes: outcome === 'PASSED' ? '核实已整改' : '整改不到位', inspectedOn, place: '现场', ...(newDueDate ? { newDueDate } : {}) }, await app.as('INSPECTOR'));

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-30T10:00:00+08:00' });
    for (const [code, name] of [
      ['JIA', '青川县甲测试局'],
      ['YI', '青川县乙测试局'],
      ['DING', '青川县丁测试局'],
      ['WU', '青川县戊测试局'],
      ['ZI', '青川县子测试局'],
      ['CHOU', '青川县丑测试局'],
      ['YIN', '青川县寅测试局'],
    ]) await register(code!, name!);
    const evaluation = await app.graphql(`mutation($input: RegisterEvaluationInput!) { registerEvaluation(input: $input) { id } }`, {
      input: { idempotencyKey: key('evaluation'), title: '2015年度政务公开第三方评估（各计其责测试）', evaluator: '某研究院', commissionedBy: '国务院办公厅', periodStart: '2015-01-01', periodEnd: '2015-12-31', receivedOn: '2016-04-10' },
    });
    expect(evaluation.errors).toBeUndefined();
    evaluationId = evaluation.data!.registerEvaluation.id;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('leaves the predecessor its on-time report and both 退回, before the hand-over and after it; the successor is due only once the part is its to report', async () => {
    // 甲局 reports on time (05-20, due 06-30), is sent back (05-25), reports again (05-28), fails on site (06-01, new date 07-20).
    const findingId = await assigned('办事指南要素不全', 'JIA', '2016-06-30');
    await report(findingId, 'JIA', '2016-05-20');
    await mutate('sendBackReport', { findingId, unitId: units.JIA, reason: '材料不全', sentBackOn: '2016-05-25', newDueDate: '2016-07-15' });
    await report(findingId, 'JIA', '2016-05-28');
    await inspect(findingId, 'JIA', '2016-06-01', 'FAILED', '2016-07-20');
    const typedBefore = new Date(app.clock.now().getTime() + 30 * 60_000).toISOString();
    app.clock.set(new Date(app.clock.now().getTime() + 60 * 60_000).toISOString());
    await mutate('handOverUnitParts', { unitId: units.JIA, successorUnitId: units.YI, reason: '职能调整', handedOverOn: '2016-06-10' }, await app.as('ADMIN'));

    const jia = { parts: 1, due: 1, onTime: 1, overdue: 0, returned: 2, meanDaysToRemediate: null };
    expect(await scorecard(['JIA', 'YI'], { asOf: '2016-06-09' })).toEqual({ JIA: jia });
    for (const asOf of ['2016-06-10', '2016-06-12', '2016-07-20']) {
      expect(await scorecard(['JIA', 'YI'], { asOf })).toEqual({ JIA: jia, YI: { parts: 1, due: 0, onTime: 0, overdue: 0, returned: 0, meanDaysToRemediate: null } });
    }
    // The failure's date (07-20) gone, 乙局 owes the report: due and overdue for it, not 甲局.
    expect(await scorecard(['JIA', 'YI'], { asOf: '2016-07-21' })).toEqual({ JIA: jia, YI: { parts: 1, due: 1, onTime: 0, overdue: 1, returned: 0, meanDaysToRemediate: null } });
    // As known before the hand-over was entered, all is 甲局's; after, each unit's own.
    expect(await scorecard(['JIA', 'YI'], { asOf: '2016-07-21', knownAt: typedBefore })).toEqual({ JIA: { ...jia, overdue: 1 } });
    expect(await scorecard(['JIA', 'YI'], { asOf: '2016-07-21', knownAt: app.clock.now().toISOString() })).toEqual(await scorecard(['JIA', 'YI'], { asOf: '2016-07-21' }));
    expect(await scorecard(['JIA', 'YI'])).toEqual(await scorecard(['JIA', 'YI'], { asOf: '2026-11-30' }));
  });

  it('counts a late report the predecessor’s, typed after the hand-over it came before; the successor, which reported nothing, has nothing due', async () => {
    // 丁局's part, due 05-31; the directory (hand-over of 06-10) typed first, then 丁局's report of 06-01 (a day late).
    const findingId = await assigned('政策解读材料未同步发布', 'DING', '2016-05-31');
    await mutate('handOverUnitParts', { unitId: units.DING, successorUnitId: units.WU, reason: '职能调整', handedOverOn: '2016-06-10' }, await app.as('ADMIN'));
    await report(findingId, 'DING', '2016-06-01');
    const ding = { parts: 1, due: 1, onTime: 0, overdue: 0, returned: 0, meanDaysToRemediate: null };
    expect(await scorecard(['DING', 'WU'], { asOf: '2016-06-05' })).toEqual({ DING: ding });
    for (const asOf of ['2016-06-12', undefined]) {
      expect(await scorecard(['DING', 'WU'], asOf ? { asOf } : {})).toEqual({ DING: ding, WU: { parts: 1, due: 0, onTime: 0, overdue: 0, returned: 0, meanDaysToRemediate: null } });
    }
  });

  it('counts the last holder’s days to remediate from the day it came to hold the part, through a hand-over and a merge, in 单位排名 and 总览', async () => {
    // 子局's part (assigned 04-20, due 05-31) to 丑局 on 06-10 (hand-over), 丑局 merged into 寅局 on 07-01; 寅局 reports 07-05, passes 07-10.
    const findingId = await assigned('行政处罚结果未按时公开', 'ZI', '2016-05-31');
    await mutate('handOverUnitParts', { unitId: units.ZI, successorUnitId: units.CHOU, reason: '职能调整', handedOverOn: '2016-06-10' }, await app.as('ADMIN'));
    await mutate('mergeUnit', { unitId: units.CHOU, successorUnitId: units.YIN, reason: '机构改革', mergedOn: '2016-07-01' }, await app.as('ADMIN'));
    await report(findingId, 'YIN', '2016-07-05');
    await inspect(findingId, 'YIN', '2016-07-10', 'PASSED');

    const codes = ['ZI', 'CHOU', 'YIN'];
    const zi = { parts: 1, due: 1, onTime: 0, overdue: 0, returned: 0, meanDaysToRemediate: null };
    // Before the merge 丑局 holds the part, overdue from the day it came to it (06-10).
    expect(await scorecard(codes, { asOf: '2016-06-30' })).toEqual({ ZI: zi, CHOU: { parts: 1, due: 1, onTime: 0, overdue: 1, returned: 0, meanDaysToRemediate: null } });
    // On the merge day 寅局 holds it, not yet late; 丑局 keeps its lateness.
    expect(await scorecard(codes, { asOf: '2016-07-01' })).toEqual({ ZI: zi, CHOU: zi, YIN: { parts: 1, due: 0, onTime: 0, overdue: 0, returned: 0, meanDaysToRemediate: null } });
    // 寅局 held the part 9 days before it passed: 9, not the 81 since the 交办; its report 4 days after it came to hold the part is late.
    const after = { ZI: zi, CHOU: zi, YIN: { parts: 1, due: 1, onTime: 0, overdue: 0, returned: 0, meanDaysToRemediate: 9 } };
    expect(await scorecard(codes, { asOf: '2016-07-20' })).toEqual(after);
    expect(await scorecard(codes)).toEqual(after);
    expect(await perUnitMeanDays(codes, '2016-07-20')).toEqual({ YIN: 9 });
    expect(await perUnitMeanDays(codes)).toEqual({ YIN: 9 });
  });
});
