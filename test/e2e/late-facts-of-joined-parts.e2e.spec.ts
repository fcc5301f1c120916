import { TestApp, errorCode, startTestApp } from '../support/test-app.js';

/**
 * breaker8f P7: a unit's report dated before its part joined another's (机构改革: its duties passed
 * to a unit already holding a part of the finding), found in its file and entered after the join,
 * was refused NOT_FOUND ("not assigned here"). Typed in date order it is accepted, and the days
 * before the join show the unit's part reported. Now it is accepted as that unit's on its day, the
 * joined part keeps its own record (as in date order), and now = today = knownAt far; the unit's own
 * work after the join is refused, naming the join. A pass dated before the join is taken as date
 * order takes it (breaker8o P2, 64221ca): the part, verified on its own, never joined; every view
 * agrees. HTTP GraphQL on a real SQLite file.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

describe('a fact of a part dated before it joined another’s, entered after the join (breaker8f P7)', () => {
  let app: TestApp;
  const unit: Record<string, string> = {};
  let evaluationId: string;

  const call = async (name: string, input: Record<string, unknown>, headers?: Record<string, string>, select = '__typename') =>
    app.graphql(`mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { ${select} } }`, { input: { idempotencyKey: key(name), ...input } }, headers);
  const mutate = async (name: string, input: Record<string, unknown>, headers?: Record<string, string>, select = '__typename') => {
    const response = await call(name, input, headers, select);
    if (response.errors) throw new Error(`${name} refused: ${JSON.stringify(response.errors)}`);
    return response.data![name];
  };
  const code = (id: string) => Object.entries(unit).find(([, known]) => known === id)?.[0] ?? id;
  /** Each part as `code status reports…`, on the day asked, at a record cut, or now. */
  const parts = async (findingId: string, cut: { asOf?: string; knownAt?: string } = {}) => {
    const response = await app.graphql(`query($id: ID!, $asOf: String, $knownAt: String) { finding(id: $id, asOf: $asOf, knownAt: $knownAt) { assignments { unitId status reports { reportedOn } } } }`, { id: findingId, ...cut });
    expect(response.errors).toBeUndefined();
    return (response.data!.finding.assignments as { unitId: string; status: string; reports: { reportedOn: string }[] }[]).map((part) =>
      [code(part.unitId), part.status, ...part.reports.map((report) => report.reportedOn)].join(' '),
    );
  };
  const report = async (findingId: string, by: string, reportedOn: string) =>
    call('reportRectification', { findingId, unitId: unit[by], summary: '已整改', evidence: [{ title: '公开页面', link: 'https://www.example.gov.cn/p' }], reportedOn }, await app.as('UNIT', unit[by]));

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-30T10:00:00+08:00' });
    evaluationId = (await mutate('registerEvaluation', { title: '2015年度政务公开第三方评估', evaluator: '某研究院', commissionedBy: '国务院办公厅', periodStart: '2015-01-01', periodEnd: '2015-12-31', receivedOn: '2016-04-15' }, undefined, 'id')).id;
    for (const one of ['JA7', 'JB7', 'JC7']) unit[one] = (await mutate('registerUnit', { code: one, name: `青川县并合${one}局`, kind: 'DEPARTMENT', registeredOn: '2016-01-04' }, await app.as('ADMIN'), 'id')).id;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('takes JB7’s report of 2016-05-20, typed after JA7 merged into JC7 (07-01) and JB7’s duties passed to JC7 (08-01), as JB7’s on its day', async () => {
    const { id: finding } = await mutate('recordFinding', { evaluationId, title: '并合后补报测试问题', description: '并合后补报测试问题', category: '主动公开', severity: 'HIGH', identifiedOn: '2016-04-15' }, undefined, 'id');
    await mutate('assignFinding', { findingId: finding, assignedOn: '2016-04-26', units: [{ unitId: unit.JA7, role: 'LEAD', dueDate: '2016-12-31' }, { unitId: unit.JB7, role: 'RESPONSIBLE', dueDate: '2016-12-31' }] });
    await mutate('mergeUnit', { unitId: unit.JA7, successorUnitId: unit.JC7, reason: '机构改革', mergedOn: '2016-07-01' }, await app.as('ADMIN'), 'findingIds');
    await mutate('handOverUnitParts', { unitId: unit.JB7, successorUnitId: unit.JC7, reason: '职能调整', handedOverOn: '2016-08-01' }, await app.as('ADMIN'), 'findingIds');
    const before = await parts(finding);
    expect(before).toEqual(['JC7 ASSIGNED']);

    expect((await report(finding, 'JB7', '2016-05-20')).errors).toBeUndefined();
    expect(await parts(finding, { asOf: '2016-05-25' })).toEqual(['JA7 ASSIGNED', 'JB7 REPORTED 2016-05-20']);
    // The joined part keeps its own record, as typed in date order; today, and everything known, agree.
    expect(await parts(finding)).toEqual(before);
    expect(await parts(finding, { asOf: '2026-11-30' })).toEqual(before);
    expect(await parts(finding, { knownAt: '2099-01-01T00:00:00+08:00' })).toEqual(before);

    // JB7's work after its duties passed is JC7's: refused naming the join, not "not assigned here".
    const late = await report(finding, 'JB7', '2016-08-10');
    expect(errorCode(late)).toBe('CONFLICT');
    expect(late.errors![0]!.extensions!.messageZh).toMatch(/已于 2016-08-01 并入青川县并合JC7局已有的任务，此后由青川县并合JC7局办理/u);
    // A pass of JB7's part dated before the join: in date order the part, verified, never joined — taken so (breaker8o P2).
    const pass = await call('logInspection', { findingId: finding, unitId: unit.JB7, outcome: 'PASSED', notes: '核实', inspectedOn: '2016-06-01', place: '现场' }, await app.as('INSPECTOR'));
    expect(pass.errors).toBeUndefined();
    const afterPass = await parts(finding);
    expect([...afterPass].sort()).toEqual(['JB7 VERIFIED 2016-05-20', 'JC7 ASSIGNED']);
    expect(await parts(finding, { asOf: '2016-08-10' })).toEqual(afterPass);
    expect(await parts(finding, { asOf: '2026-11-30' })).toEqual(afterPass);
    expect(await parts(finding, { knownAt: '2099-01-01T00:00:00+08:00' })).toEqual(afterPass);
  });
});
