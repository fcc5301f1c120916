import { TestApp, errorCode, startTestApp } from '../support/test-app.js';
import { namedMutations } from '../support/named-mutations.js';

/**
 * breaker8g P10: one 机构改革 document hands A's duties to B and merges B into C, both on 2017-03-01.
 * Typed in either order, A's open part ends with C (held before by A, then B): B ceases to exist
 * that day, so what it holds at the day's end passes with it. Before, the hand-over typed first left
 * the part with the merged B (its clerk refused: "merged", C's refused: "not assigned"), and the
 * merge typed first refused the hand-over. The view now is the view of today and of the day itself;
 * the day before, A holds it. HTTP GraphQL on a real SQLite file.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

interface Part {
  unitId: string;
  status: string;
  heldBefore: string[];
}

describe('a hand-over into a unit merged away the same day passes the part on through the merge, in either typing order (breaker8g P10)', () => {
  let app: TestApp;
  const unit: Record<string, string> = {};
  const code = (id: string) => Object.entries(unit).find(([, known]) => known === id)?.[0] ?? id;
  let evaluationId: string;

  const { call, mutate } = namedMutations(() => app, key);
  const handOver = async (from: string, to: string) =>
    mutate('handOverUnitParts', { unitId: unit[from], successorUnitId: unit[to], reason: '职能调整', handedOverOn: '2017-03-01' }, await app.as('ADMIN'), 'findingIds');
  const merge = async (from: string, to: string) => mutate('mergeUnit', { unitId: unit[from], successorUnitId: unit[to], reason: '机构改革', mergedOn: '2017-03-01' }, await app.as('ADMIN'), 'findingIds');
  const holders = async (findingId: string, asOf?: string) => {
    const response = await app.graphql(`query($id: ID!, $asOf: String) { finding(id: $id, asOf: $asOf) { assignments { unitId status heldBefore } } }`, { id: findingId, ...(asOf ? { asOf } : {}) });
    expect(response.errors).toBeUndefined();
    return (response.data!.finding.assignments as Part[]).map((part) => [code(part.unitId), part.status, ...part.heldBefore.map(code)].join(' '));
  };
  const newFinding = async (title: string, first: string) => {
    const { id } = await mutate('recordFinding', { evaluationId, title, description: title, category: '主动公开', severity: 'HIGH', identifiedOn: '2016-04-15' }, undefined, 'id');
    await mutate('assignFinding', { findingId: id, assignedOn: '2016-04-26', units: [{ unitId: unit[first], role: 'LEAD', dueDate: '2016-12-31' }] });
    return id as string;
  };
  const registered = async (codes: string[]) => {
    for (const one of codes) {
      const { id } = await mutate('registerUnit', { code: one, name: `青川县第${one}局`, kind: 'DEPARTMENT', registeredOn: '2016-01-04' }, await app.as('ADMIN'), 'id');
      unit[one] = id;
    }
  };
  const report = async (findingId: string, by: string) =>
    call('reportRectification', { findingId, unitId: unit[by], summary: '已整改', evidence: [{ title: '公开页面', link: 'https://www.example.gov.cn/p' }], reportedOn: '2017-03-05' }, await app.as('UNIT', unit[by]));

  const endsWithC = async (finding: string, a: string, b: string, c: string) => {
    expect(await holders(finding)).toEqual([`${c} ASSIGNED ${a} ${b}`]);
    expect(await holders(finding, '2026-11-30')).toEqual(await holders(finding));
    expect(await holders(finding, '2017-03-01')).toEqual(await holders(finding));
    expect(await holders(finding, '2017-02-28')).toEqual([`${a} ASSIGNED`]);
    // The merged unit takes no work; its successor reports.
    expect(errorCode(await report(finding, b))).toBe('CONFLICT');
    expect((await report(finding, c)).errors).toBeUndefined();
  };

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-30T10:00:00+08:00' });
    evaluationId = (await mutate('registerEvaluation', { title: '2015年度政务公开第三方评估', evaluator: '某研究院', commissionedBy: '国务院办公厅', periodStart: '2015-01-01', periodEnd: '2015-12-31', receivedOn: '2016-04-15' }, undefined, 'id')).id;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('the hand-over A→B typed first, then B merged into C: the merge passes the part B took over that day', async () => {
    await registered(['A1', 'B1', 'C1']);
    const finding = await newFinding('环评审批信息未公开', 'A1');
    expect((await handOver('A1', 'B1')).findingIds).toEqual([finding]);
    expect((await merge('B1', 'C1')).findingIds).toEqual([finding]);
    await endsWithC(finding, 'A1', 'B1', 'C1');
  });

  it('B merged into C typed first, then the hand-over A→B: accepted, and the part goes on to C', async () => {
    await registered(['A2', 'B2', 'C2']);
    const finding = await newFinding('财政预算公开不细化', 'A2');
    expect((await merge('B2', 'C2')).findingIds).toEqual([]);
    expect((await handOver('A2', 'B2')).findingIds).toEqual([finding]);
    await endsWithC(finding, 'A2', 'B2', 'C2');
  });
});
