import { namedMutations } from '../support/named-mutations.js';
import { TestApp, errorCode, startTestApp } from '../support/test-app.js';

/*
 * breaker9f P6 (serious), breaker8g P19: a 交办 sent at the moment of a merge (or of a hand-over
 * without one) was answered OK on both sides and left the part with the unit that had merged away —
 * for good: the merge scanned the findings before the 交办 reached them, and the 交办 read the
 * directory before the merge reached it. Typed one after the other, either order is right. Now the
 * reorganisation runs alone among the server's writes (WriteGate), so the result is always one of
 * the two orders: the part passed on to the successor, or the 交办 refused naming it — never left
 * with the merged unit. Findings and work-plan items (增加责任单位) alike. Office day 2026-11-20.
 */
describe('a 交办 racing a reorganisation ends as one order of the two (breaker9f P6)', () => {
  let app: TestApp;
  let evaluationId: string;
  let round = 0;
  const { call, mutate } = namedMutations(() => app, (name) => `${name}-${Math.random()}`, 'id');

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-20T09:00:00+08:00' });
    evaluationId = (
      await mutate('registerEvaluation', {
        title: '2026年度政务公开第三方评估报告（机构改革竞速）', evaluator: '中部政府透明度研究院', commissionedBy: '青川市人民政府办公室', periodStart: '2026-01-01', periodEnd: '2026-06-30', receivedOn: '2026-09-15',
      })
    ).id;
    // The first request of a kind goes far ahead of others sent with it (its path is warmed on it), so
    // the races below would be no race: one round of each, one after the other, first.
    const [jia, yi] = await twoUnits();
    const [findingId] = await findings(1);
    await mutate('assignFinding', { findingId, assignedOn: '2026-11-18', units: [{ unitId: jia, role: 'LEAD', dueDate: '2026-12-30' }] });
    await mutate('mergeUnit', { unitId: jia, successorUnitId: yi, reason: '机构改革' }, await app.as('ADMIN'), '__typename');
  });

  afterAll(async () => {
    await app?.close();
  });

  /** Two units registered on 11-01 for one round; names differ by round (units are named once). */
  async function twoUnits(): Promise<[string, string]> {
    round += 1;
    const admin = await app.as('ADMIN');
    const unit = async (code: string, name: string) => (await mutate('registerUnit', { code, name, kind: 'DEPARTMENT', registeredOn: '2026-11-01' }, admin)).id as string;
    return [await unit(`JIA${round}`, `青川市竞速测试甲局${'一二三四五六七八'[round - 1]}`), await unit(`YI${round}`, `青川市竞速测试乙局${'一二三四五六七八'[round - 1]}`)];
  }

  const TITLES = ['信息公开指南未更新', '政策文件解读缺失', '依申请公开答复超期', '重点领域信息不全', '网站栏目长期空白', '政务新媒体未备案'];
  async function findings(count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let index = 0; index < count; index += 1) {
      const title = `${TITLES[index]}（第${'一二三四五六七八'[round - 1]}轮）`;
      ids.push((await mutate('recordFinding', { evaluationId, title, description: title, category: '主动公开', severity: 'MEDIUM', identifiedOn: '2026-11-10' })).id as string);
    }
    return ids;
  }

  const holders = async (findingId: string) => {
    const answer = await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { unitId heldBefore } } }`, { id: findingId });
    expect(answer.errors).toBeUndefined();
    return answer.data!.finding.assignments as { unitId: string; heldBefore: string[] }[];
  };

  it.each([
    ['mergeUnit', { mergedOn: undefined }],
    ['handOverUnitParts', { handedOverOn: '2026-11-20' }],
  ])('with %s: every finding 交办 at the same moment ends with the successor (or refused), none with the unit reorganised away', async (reorganisation, day) => {
    const [jia, yi] = await twoUnits();
    const ids = await findings(3);
    const admin = await app.as('ADMIN');
    const dated = Object.fromEntries(Object.entries(day).filter(([, value]) => value !== undefined));
    // Before: 12 of 12 parts stayed with 甲 (breaker9f race-merge.mjs, one server process).
    const [reorganised, ...assigned] = await Promise.all([
      call(reorganisation, { unitId: jia, successorUnitId: yi, reason: '机构改革', ...dated }, admin, '__typename'),
      ...ids.map((findingId) => call('assignFinding', { findingId, assignedOn: '2026-11-18', units: [{ unitId: jia, role: 'LEAD', dueDate: '2026-12-30' }] })),
    ]);
    expect(reorganised.errors).toBeUndefined();
    for (const [index, findingId] of ids.entries()) {
      const parts = await holders(findingId);
      if (assigned[index]!.errors) {
        expect(errorCode(assigned[index]!)).toBe('CONFLICT');
        expect(parts).toEqual([]);
      } else {
        expect(parts).toEqual([{ unitId: yi, heldBefore: [jia] }]);
      }
    }
  });

  it('a responsible unit added to a work-plan item at the moment of a merge ends with the successor (or is refused)', async () => {
    const [jia, yi] = await twoUnits();
    const [lead] = await twoUnits();
    const csv = '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n' + `一,重点领域,1,公开机构改革信息,,${await unitName(lead!)},,2026-12-31\n` + `一,重点领域,2,公开权责清单,,${await unitName(lead!)},,2026-12-31\n`;
    const imported = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId } }`, {
      input: { idempotencyKey: 'race-plan', fileName: 'race-plan.csv', title: '青川市2026年机构改革信息公开工作要点', year: 2026, contentBase64: Buffer.from(csv).toString('base64'), approvedOn: '2026-11-02', assignedOn: '2026-11-03' },
    });
    expect(imported.errors).toBeUndefined();
    const items = await app.graphql(`query($planId: ID!) { workPlanItems(planId: $planId) { nodes { id } } }`, { planId: imported.data!.importWorkPlan.planId });
    const itemIds = (items.data!.workPlanItems.nodes as { id: string }[]).map((item) => item.id);
    const [merged, ...added] = await Promise.all([
      call('mergeUnit', { unitId: jia, successorUnitId: yi, reason: '机构改革' }, await app.as('ADMIN'), '__typename'),
      ...itemIds.map((itemId) => call('addWorkPlanItemUnit', { itemId, unitId: jia, role: 'RESPONSIBLE', assignedOn: '2026-11-18', reason: '增加责任单位' }, undefined, '__typename')),
    ]);
    expect(merged.errors).toBeUndefined();
    for (const [index, itemId] of itemIds.entries()) {
      const answer = await app.graphql(`query($id: ID!) { workPlanItem(id: $id) { parts { unitId heldBefore } } }`, { id: itemId });
      const parts = (answer.data!.workPlanItem.parts as { unitId: string; heldBefore: string[] }[]).filter((part) => part.unitId !== lead);
      if (added[index]!.errors) expect(parts).toEqual([]);
      else expect(parts).toEqual([{ unitId: yi, heldBefore: [jia] }]);
    }
  });

  async function unitName(unitId: string): Promise<string> {
    const answer = await app.graphql(`query($id: ID!) { unit(id: $id) { name } }`, { id: unitId });
    expect(answer.errors).toBeUndefined();
    return answer.data!.unit.name as string;
  }
});
