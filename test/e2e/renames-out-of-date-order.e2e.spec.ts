import { TestApp, errorCode, startTestApp } from '../support/test-app.js';

/**
 * breaker8e P6: renames had to be typed in date order. 青川县卫生和计划生育委员会 (registered 2016-01-04)
 * became 青川县卫生计生委 on 2017-01-10 and 青川县卫生健康委员会 on 2018-03-20 (机构改革); the office
 * types the 2018 rename first and finds the 2017 one in the file afterwards. It is accepted and takes
 * its place by day: the unit is named as it was named on each day — on a finding's part, on any day
 * viewed — today by the latest-dated name, and every name still finds the unit (renames of one day
 * keep the order typed, as every fact of one day does). HTTP GraphQL on a real SQLite file.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

describe('renames typed out of date order take their place by day (breaker8e P6)', () => {
  let app: TestApp;
  let unitId: string;
  let findingId: string;

  const call = async (name: string, input: Record<string, unknown>, select = '__typename') =>
    app.graphql(`mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { ${select} } }`, { input: { idempotencyKey: key(name), ...input } }, name.endsWith('Unit') ? await app.as('ADMIN') : undefined);
  const rename = (name: string, renamedOn: string) => call('renameUnit', { unitId, name, reason: '机构改革', renamedOn });
  const nameOn = async (asOf?: string) => {
    const response = await app.graphql(`query($id: ID!, $asOf: String) { finding(id: $id, asOf: $asOf) { assignments { unit { name } } } }`, { id: findingId, ...(asOf ? { asOf } : {}) });
    expect(response.errors).toBeUndefined();
    return response.data!.finding.assignments[0].unit.name as string;
  };

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-30T10:00:00+08:00' });
    const registered = await call('registerUnit', { code: 'WJW', name: '青川县卫生和计划生育委员会', kind: 'DEPARTMENT', registeredOn: '2016-01-04' }, 'id');
    unitId = registered.data!.registerUnit.id;
    const evaluation = await call('registerEvaluation', { title: '2015年度政务公开第三方评估', evaluator: '某研究院', commissionedBy: '国务院办公厅', periodStart: '2015-01-01', periodEnd: '2015-12-31', receivedOn: '2016-04-15' }, 'id');
    const finding = await call('recordFinding', { evaluationId: evaluation.data!.registerEvaluation.id, title: '医疗机构信息公开不全', description: '医疗机构信息公开不全', category: '主动公开', severity: 'HIGH', identifiedOn: '2016-04-15' }, 'id');
    findingId = finding.data!.recordFinding.id;
    expect((await call('assignFinding', { findingId, assignedOn: '2016-04-26', units: [{ unitId, role: 'LEAD', dueDate: '2017-12-31' }] })).errors).toBeUndefined();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('accepts the earlier rename typed after the later one, and names the unit as it was named on each day', async () => {
    expect((await rename('青川县卫生健康委员会', '2018-03-20')).errors).toBeUndefined();
    const earlier = await rename('青川县卫生计生委', '2017-01-10');
    expect(earlier.errors).toBeUndefined();
    expect(await nameOn()).toBe('青川县卫生健康委员会');
    expect(await nameOn('2026-11-30')).toBe('青川县卫生健康委员会');
    expect(await nameOn('2018-03-20')).toBe('青川县卫生健康委员会');
    expect(await nameOn('2017-06-01')).toBe('青川县卫生计生委');
    expect(await nameOn('2016-06-01')).toBe('青川县卫生和计划生育委员会');
    const unit = await app.graphql(`query($id: ID!) { unit(id: $id) { name formerNames } }`, { id: unitId });
    expect(unit.data!.unit).toEqual({ name: '青川县卫生健康委员会', formerNames: ['青川县卫生和计划生育委员会', '青川县卫生计生委'] });
  });

  it('the same rename typed again changes nothing; a rename of a day before both typed last names that day on', async () => {
    expect((await rename('青川县卫生计生委', '2017-01-10')).errors).toBeUndefined();
    expect((await rename('青川县卫生局', '2016-09-01')).errors).toBeUndefined();
    expect(await nameOn('2016-10-01')).toBe('青川县卫生局');
    expect(await nameOn('2017-06-01')).toBe('青川县卫生计生委');
    expect(await nameOn()).toBe('青川县卫生健康委员会');
  });

  it('accepts a rename dated before the unit’s merge, typed after it; refuses one dated on or after the merge', async () => {
    const successor = await call('registerUnit', { code: 'WJW2', name: '青川县卫生健康局', kind: 'DEPARTMENT', registeredOn: '2016-01-04', distinctFrom: [unitId] }, 'id');
    expect((await call('mergeUnit', { unitId, successorUnitId: successor.data!.registerUnit.id, reason: '机构改革', mergedOn: '2019-01-01' })).errors).toBeUndefined();
    expect(errorCode(await rename('青川县卫生健康委', '2019-01-01'))).toBe('CONFLICT');
    expect((await rename('青川县卫生健康委', '2018-06-01')).errors).toBeUndefined();
    expect(await nameOn('2018-07-01')).toBe('青川县卫生健康委');
    expect(await nameOn('2018-04-01')).toBe('青川县卫生健康委员会');
  });

  it('still refuses a rename dated before the registration', async () => {
    expect(errorCode(await rename('青川县卫生局', '2015-12-31'))).toBe('BAD_USER_INPUT');
  });
});
