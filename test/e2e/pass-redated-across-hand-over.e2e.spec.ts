import { TestApp, errorCode, startTestApp } from '../support/test-app.js';
import { namedMutations } from '../support/named-mutations.js';

/**
 * breaker8e P2: a pass (销号的督查) re-dated across a hand-over by a correction was accepted or
 * refused by the order the facts had been typed in. Two findings of one unit tell the same story —
 * assigned 04-26, reported 06-10, verified 06-20, the unit's duties handed over on 07-01 — one typed
 * in date order, the other with the inspection sheet typed after the reorganisation. Moving the pass
 * to 07-05 (after the hand-over) gets the same answer for both, through either correction
 * (the record-date correction and the inspection's own): accepted, the part open on 07-01 passes
 * then and the pass verifies the successor's part — both findings alike. HTTP
 * GraphQL on a real SQLite file.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

describe('a pass re-dated across a hand-over gets one answer whatever the typing order (breaker8e P2)', () => {
  let app: TestApp;
  const unit: Record<string, string> = {};
  const code = (id: string) => Object.entries(unit).find(([, known]) => known === id)?.[0] ?? id;
  let evaluationId: string;

  const { call, mutate } = namedMutations(() => app, key);
  const holders = async (findingId: string, asOf?: string) => {
    const response = await app.graphql(`query($id: ID!, $asOf: String) { finding(id: $id, asOf: $asOf) { status assignments { unitId status heldBefore verifiedOn inspections { inspectionId inspectedOn } } } }`, { id: findingId, ...(asOf ? { asOf } : {}) });
    expect(response.errors).toBeUndefined();
    const finding = response.data!.finding;
    return { status: finding.status, parts: (finding.assignments as { unitId: string; status: string; heldBefore: string[]; verifiedOn: string | null }[]).map((part) => [code(part.unitId), part.status, part.verifiedOn, ...part.heldBefore.map(code)].join(' ')) };
  };
  const inspectionOf = async (findingId: string) =>
    ((await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { inspections { inspectionId } } } }`, { id: findingId })).data!.finding.assignments[0].inspections[0].inspectionId) as string;

  /** Two findings of `A`, verified 06-20, A's duties passing to `B` on 07-01: the first typed in date order, the second with the pass typed last. */
  async function story(a: string, b: string, titles: [string, string]): Promise<[string, string]> {
    for (const one of [a, b]) unit[one] = (await mutate('registerUnit', { code: one, name: `青川县第${one}局`, kind: 'DEPARTMENT', registeredOn: '2016-01-04' }, await app.as('ADMIN'), 'id')).id;
    const findings: string[] = [];
    for (const title of titles) {
      const { id } = await mutate('recordFinding', { evaluationId, title, description: title, category: '主动公开', severity: 'HIGH', identifiedOn: '2016-04-15' }, undefined, 'id');
      await mutate('assignFinding', { findingId: id, assignedOn: '2016-04-26', units: [{ unitId: unit[a], role: 'LEAD', dueDate: '2016-12-31' }] });
      await mutate('reportRectification', { findingId: id, unitId: unit[a], summary: '已整改', evidence: [{ title: '公开页面', link: 'https://www.example.gov.cn/p' }], reportedOn: '2016-06-10' }, await app.as('UNIT', unit[a]));
      findings.push(id);
    }
    const pass = async (findingId: string) => mutate('logInspection', { findingId, unitId: unit[a], outcome: 'PASSED', notes: '核实', inspectedOn: '2016-06-20', place: '现场' }, await app.as('INSPECTOR'));
    await pass(findings[0]!);
    await mutate('handOverUnitParts', { unitId: unit[a], successorUnitId: unit[b], reason: '职能调整', handedOverOn: '2016-07-01' }, await app.as('ADMIN'));
    await pass(findings[1]!);
    return [findings[0]!, findings[1]!];
  }

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-30T10:00:00+08:00' });
    evaluationId = (await mutate('registerEvaluation', { title: '2015年度政务公开第三方评估', evaluator: '某研究院', commissionedBy: '国务院办公厅', periodStart: '2015-01-01', periodEnd: '2015-12-31', receivedOn: '2016-04-15' }, undefined, 'id')).id;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('the two stories stand alike before any correction', async () => {
    const [inOrder, late] = await story('A7', 'B7', ['环评审批结果未公开', '预算执行情况未公开']);
    expect(await holders(late)).toEqual(await holders(inOrder));
    expect((await holders(inOrder)).parts).toEqual(['A7 VERIFIED 2016-06-20']);
  });

  it.each([
    ['the record-date correction', 'correctRecordDate'],
    ['the inspection’s own correction', 'correctInspection'],
  ])('moving the pass past the hand-over by %s: one answer for both typing orders, and both findings alike after it', async (_how, how) => {
    const codes = how === 'correctRecordDate' ? ['A8', 'B8'] : ['A9', 'B9'];
    const titles: [string, string] = how === 'correctRecordDate' ? ['政策解读材料缺失', '依申请公开渠道不畅'] : ['年度报告发布迟延', '棚户区改造信息不全'];
    const [inOrder, late] = await story(codes[0]!, codes[1]!, titles);
    const redate = async (findingId: string) =>
      how === 'correctRecordDate'
        ? call('correctRecordDate', { findingId, unitId: unit[codes[0]!], record: 'INSPECTION', previousOn: '2016-06-20', on: '2016-07-05', reason: '督查记录表日期录错' })
        : call('correctInspection', { findingId, unitId: unit[codes[0]!], inspectionId: await inspectionOf(findingId), inspectedOn: '2016-07-05', reason: '督查记录表日期录错', expectedInspectedOn: '2016-06-20', expectedOutcome: 'PASSED' });
    const first = await redate(inOrder);
    const second = await redate(late);
    expect([errorCode(first), first.errors?.[0]?.extensions?.messageZh]).toEqual([errorCode(second), second.errors?.[0]?.extensions?.messageZh]);
    // Accepted: open on the hand-over day, the part passed then, and the pass of 07-05 verified the successor's part.
    expect(first.errors).toBeUndefined();
    expect(await holders(inOrder)).toEqual({ status: 'CLOSED', parts: [`${codes[1]} VERIFIED 2016-07-05 ${codes[0]}`] });
    expect(await holders(late)).toEqual(await holders(inOrder));
    expect((await holders(inOrder, '2016-07-02')).parts).toEqual([`${codes[1]} REPORTED  ${codes[0]}`]);
    expect(await holders(late, '2016-07-02')).toEqual(await holders(inOrder, '2016-07-02'));
    expect(await holders(inOrder, '2026-11-30')).toEqual(await holders(inOrder));
    expect(await holders(late, '2026-11-30')).toEqual(await holders(late));
  });
});
