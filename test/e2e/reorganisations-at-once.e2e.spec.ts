import { TestApp, freshDatabasePath, startTestApp } from '../support/test-app.js';
import { namedMutations } from '../support/named-mutations.js';

/**
 * breaker8h P10: two reorganisations of one unit sent at the same moment (a hand-over A→B and a
 * merge A→C, or two hand-overs). Both scan A's parts before either is written; the one written
 * second was decided again on parts A no longer holds, and refused "NOT_FOUND: A is not assigned
 * here" — a refusal naming no finding, where typed one after the other it is taken (nothing left
 * to pass, the directory records the merge) or refused for what it is. Now a reorganisation refused
 * after the unit's parts moved meanwhile scans them again and is decided on what is there. Every
 * answer is one of the sequential ones; never NOT_FOUND. One server runs its reorganisations one at
 * a time (WriteGate, 147416a), so the race is met by two servers on one file, each sent one of the
 * two. HTTP GraphQL on a real SQLite file.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

describe('two reorganisations of one unit at once are decided as if typed one after the other (breaker8h P10)', () => {
  let app: TestApp;
  /** A second server on the same file. */
  let other: TestApp;
  const { call, mutate } = namedMutations(() => app, key);
  const admin = () => app.as('ADMIN');
  const onOther = async (name: string, input: Record<string, unknown>) =>
    other.graphql(`mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { findingIds } }`, { input: { idempotencyKey: key(name), ...input } }, await other.as('ADMIN'));

  const registered = async (code: string) =>
    (await mutate('registerUnit', { code, name: `青川县同时${code}局`, kind: 'DEPARTMENT', registeredOn: '2016-01-04' }, await admin(), 'id')).id as string;
  const holdersOf = async (findingId: string) => {
    const response = await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { unitId } } }`, { id: findingId });
    return (response.data!.finding.assignments as { unitId: string }[]).map((part) => part.unitId);
  };

  beforeAll(async () => {
    const sqlitePath = freshDatabasePath();
    app = await startTestApp({ now: '2026-11-30T10:00:00+08:00', sqlitePath });
    other = await startTestApp({ now: '2026-11-30T10:00:00+08:00', sqlitePath });
  });

  afterAll(async () => {
    await app?.close();
    await other?.close();
  });

  it.each([
    ['a hand-over and a merge', 'mergeUnit'],
    ['two hand-overs', 'handOverUnitParts'],
  ])('%s of a unit holding three open parts: one passes them all, the other is answered as when typed after it', async (_what, second) => {
    for (let round = 0; round < 3; round += 1) {
      const tag = `${second === 'mergeUnit' ? 'M' : 'H'}${round}`;
      const [a, b, c] = [await registered(`A${tag}`), await registered(`B${tag}`), await registered(`C${tag}`)];
      const findings: string[] = [];
      // One evaluation a round: the titles below are the same in each (near titles of one evaluation are refused).
      const evaluationId = (await mutate('registerEvaluation', { title: `政务公开第三方评估（同时改革${tag}）`, evaluator: '某研究院', commissionedBy: '国务院办公厅', periodStart: '2015-01-01', periodEnd: '2015-12-31', receivedOn: '2016-04-15' }, undefined, 'id')).id;
      for (const title of ['财政预算信息未细化到项目', '环评审批结果未按期公开', '扶贫资金分配结果无公示']) {
        const { id } = await mutate('recordFinding', { evaluationId, title, description: title, category: '主动公开', severity: 'HIGH', identifiedOn: '2016-04-15' }, undefined, 'id');
        await mutate('assignFinding', { findingId: id, assignedOn: '2016-04-26', units: [{ unitId: a, role: 'LEAD', dueDate: '2016-12-31' }] });
        findings.push(id);
      }
      const answers = await Promise.all([
        call('handOverUnitParts', { unitId: a, successorUnitId: b, reason: '职能调整', handedOverOn: '2016-07-01' }, await admin(), 'findingIds'),
        second === 'mergeUnit'
          ? onOther('mergeUnit', { unitId: a, successorUnitId: c, reason: '机构改革', mergedOn: '2016-07-01' })
          : onOther('handOverUnitParts', { unitId: a, successorUnitId: c, reason: '职能调整', handedOverOn: '2016-07-01' }),
      ]);
      // Never a refusal naming no finding; typed one after the other, the second is taken with nothing left to pass.
      expect(answers.map((answer) => answer.errors?.[0]?.extensions?.code)).toEqual([undefined, undefined]);
      const passed = answers.map((answer) => Object.values(answer.data!)[0].findingIds.length).sort();
      const holders = new Set((await Promise.all(findings.map(holdersOf))).flat());
      if (second === 'mergeUnit') {
        // The hand-over, the specific paper, wins on its day in either order (breaker8k P8): typed after the merge, it passes
        // the three parts the merge moved to C that day.
        expect([[0, 3], [3, 3]]).toContainEqual(passed);
        expect([...holders]).toEqual([b]);
      } else {
        expect(passed).toEqual([0, 3]);
        expect(holders.size).toBe(1);
        expect([b, c]).toContain([...holders][0]);
      }
    }
  });
});
