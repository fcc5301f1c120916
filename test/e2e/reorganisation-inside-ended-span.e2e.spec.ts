import { freshDatabasePath, startTestApp, type TestApp } from '../support/test-app.js';

/*
 * note23 Left 5 (issue 11): a reorganisation (机构改革) dated inside the days an item was out of its plan, between a
 * withdrawal and a later version listing it again. Typed after that version it passed the part on its day; typed in date
 * order (while the item was withdrawn) it passed nothing and the version passed nothing either, so the unit that handed
 * its work over kept the part for good. Now the version passes the parts by the reorganisations of those days, on their
 * days: two servers (date order, and the hand-over typed after the version) read the same. Office day 2026-06-10.
 */
const PLAN_TITLE = '青川市2026年政务公开工作要点（撤销期间机构改革测试）';
const HEADER = '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n';
const ROWS = '一,公开平台,1,整合政府网站公开专栏,,青川市改革测试甲局,,2026-09-30\n';
const VERSION_2 = HEADER + ROWS + '一,公开平台,2,开设政务微信公众号,,青川市改革测试乙局,,2026-10-31\n';
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

class Office {
  private keys = 0;
  readonly units: Record<'JIA' | 'YI', string> = { JIA: '', YI: '' };
  itemId = '';
  planId = '';
  constructor(readonly app: TestApp) {}

  async setUp(): Promise<void> {
    for (const [code, name] of [['JIA', '青川市改革测试甲局'], ['YI', '青川市改革测试乙局']] as const) {
      const unit = await this.app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, { input: { idempotencyKey: `unit-${code}`, code, name, kind: 'DEPARTMENT', registeredOn: '2026-01-01' } }, await this.app.as('ADMIN'));
      expect(unit.errors).toBeUndefined();
      this.units[code] = unit.data!.registerUnit.id;
    }
    const imported = await this.mutate('importWorkPlan', { fileName: 'plan.csv', title: PLAN_TITLE, year: 2026, contentBase64: base64(HEADER + ROWS), approvedOn: '2026-03-01', assignedOn: '2026-03-02' }, '{ planId }');
    expect(imported.errors).toBeUndefined();
    this.planId = imported.data!.importWorkPlan.planId;
    const outline = await this.app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id code } } } }`, { id: this.planId });
    this.itemId = outline.data!.workPlan.categories[0].items[0].id;
  }

  private async mutate(name: string, input: Record<string, unknown>, fields = '{ __typename }', headers?: Record<string, string>) {
    const type = `${name[0]!.toUpperCase()}${name.slice(1)}Input`;
    return this.app.graphql(`mutation($input: ${type}!) { ${name}(input: $input) ${fields} }`, { input: { idempotencyKey: `${name}-${(this.keys += 1)}`, ...input } }, headers);
  }

  async type(fact: 'withdraw' | 'listAgain' | 'handOver'): Promise<string | null> {
    const response = await {
      withdraw: () => this.mutate('withdrawWorkPlanItem', { itemId: this.itemId, reason: '依据第二版方案调整', withdrawnOn: '2026-05-01' }),
      listAgain: () => this.mutate('importWorkPlan', { fileName: 'plan-v2.csv', title: PLAN_TITLE, year: 2026, contentBase64: base64(VERSION_2), revise: true, assignedOn: '2026-06-01' }, '{ planId }'),
      handOver: async () => this.mutate('handOverUnitParts', { unitId: this.units.JIA, successorUnitId: this.units.YI, reason: '职能调整', handedOverOn: '2026-05-15' }, '{ __typename }', await this.app.as('ADMIN')),
    }[fact]();
    return response.errors ? String(response.errors[0]!.extensions!.messageZh ?? response.errors[0]!.message) : null;
  }

  async views(asOf?: string) {
    const page = await this.app.graphql(`query($id: ID!, $asOf: String) { workPlanItem(id: $id, asOf: $asOf) { status withdrawnOn parts { unitId role status dueDate } } }`, { id: this.itemId, asOf });
    expect(page.errors).toBeUndefined();
    const scorecard = await this.app.graphql(`query($asOf: String) { unitScorecard(asOf: $asOf) { unitName parts due onTime overdue } }`, { asOf });
    expect(scorecard.errors).toBeUndefined();
    return { page: page.data!.workPlanItem, scorecard: scorecard.data!.unitScorecard };
  }
}

describe('a hand-over dated while an item was out of its plan passes its part once a version lists it again, whatever the typing order (note23 Left 5)', () => {
  let inDateOrder: Office;
  let asTyped: Office;

  beforeAll(async () => {
    const now = '2026-06-10T09:00:00+08:00';
    [inDateOrder, asTyped] = [new Office(await startTestApp({ sqlitePath: freshDatabasePath(), now })), new Office(await startTestApp({ sqlitePath: freshDatabasePath(), now }))];
    await inDateOrder.setUp();
    await asTyped.setUp();
  });

  afterAll(async () => {
    await inDateOrder?.app.close();
    await asTyped?.app.close();
  });

  it('both typing orders are taken', async () => {
    for (const fact of ['withdraw', 'handOver', 'listAgain'] as const) expect(await inDateOrder.type(fact)).toBeNull();
    for (const fact of ['withdraw', 'listAgain', 'handOver'] as const) expect(await asTyped.type(fact)).toBeNull();
  });

  it.each(['2026-05-20', '2026-06-02', undefined])('on %s the item page and the scorecard agree; after the version 乙局 holds the part', async (asOf) => {
    const seen = await asTyped.views(asOf);
    expect(seen).toEqual(await inDateOrder.views(asOf));
    if (asOf !== '2026-05-20') expect(seen.page.parts).toEqual([expect.objectContaining({ unitId: asTyped.units.YI })]);
  });
});
