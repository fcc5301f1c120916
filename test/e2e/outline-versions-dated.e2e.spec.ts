import { parse } from 'csv-parse/sync';
import { startTestApp, type TestApp } from '../support/test-app.js';

/*
 * breaker10s P7: a version of 2026-07-05 renames 大项 二 (规范行政执法 → 严格规范公正文明执法) and moves item 3 from 一 to
 * 二. Every view of a day before it — the breakdown, an item's 大项 name, the list of one 大项's items, the export — shows
 * the outline as it stood then (item 3 under 一, 二 by its old name), as it shows withdrawals and re-datings; from 07-05 on,
 * and now, the version's. The dry run and the result say both (not 修改表述). Asserted through HTTP GraphQL and the export on
 * a real SQLite file; the office day is 2026-07-10.
 */
const TITLE = '青川市2026年法治政府建设工作任务分工方案';
const PLAN =
  `${TITLE}\n序号,工作任务,牵头单位,完成时限\n` +
  '一、健全依法决策机制,,,\n' +
  '1,严格落实重大行政决策程序,青川市司法局,2026-09-30\n' +
  '2,开展合法性审查培训,青川市司法局,2026-09-30\n' +
  '3,清理规范性文件,青川市财政局,2026-09-30\n' +
  '二、规范行政执法,,,\n' +
  '4,推行执法公示制度,青川市司法局,2026-12-31\n';
const VERSION =
  `${TITLE}\n序号,工作任务,牵头单位,完成时限\n` +
  '一、健全依法决策机制,,,\n' +
  '1,严格落实重大行政决策程序,青川市司法局,2026-09-30\n' +
  '2,开展合法性审查培训,青川市司法局,2026-09-30\n' +
  '二、严格规范公正文明执法,,,\n' +
  '3,清理规范性文件,青川市财政局,2026-09-30\n' +
  '4,推行执法公示制度,青川市司法局,2026-12-31\n';
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const BEFORE = ['一 健全依法决策机制: 1,2,3', '二 规范行政执法: 4'];
const AFTER = ['一 健全依法决策机制: 1,2', '二 严格规范公正文明执法: 3,4'];

describe('a version renaming a 大项 and moving an item counts from its own day in every view (breaker10s P7)', () => {
  let app: TestApp;
  let planId: string;
  const itemIds: Record<string, string> = {};

  const outline = async (asOf?: string) => {
    const response = await app.graphql(`query($id: ID!, $asOf: String) { workPlan(id: $id, asOf: $asOf) { categories { code title items { code } } } }`, { id: planId, asOf });
    expect(response.errors).toBeUndefined();
    return (response.data!.workPlan.categories as { code: string; title: string; items: { code: string }[] }[]).map(
      (category) => `${category.code} ${category.title}: ${category.items.map((item) => item.code).join(',')}`,
    );
  };
  const categoryTitle = async (code: string, asOf?: string) => {
    const response = await app.graphql(`query($id: ID!, $asOf: String) { workPlanItem(id: $id, asOf: $asOf) { categoryCode categoryTitle } }`, { id: itemIds[code], asOf });
    expect(response.errors).toBeUndefined();
    const item = response.data!.workPlanItem as { categoryCode: string; categoryTitle: string };
    return `${item.categoryCode} ${item.categoryTitle}`;
  };
  const itemsOf = async (categoryCode: string, asOf?: string) => {
    const response = await app.graphql(`query($id: ID!, $code: String, $asOf: String) { workPlanItems(planId: $id, categoryCode: $code, asOf: $asOf) { nodes { code categoryTitle } } }`, {
      id: planId,
      code: categoryCode,
      asOf,
    });
    expect(response.errors).toBeUndefined();
    return (response.data!.workPlanItems.nodes as { code: string; categoryTitle: string }[]).map((node) => `${node.code} ${node.categoryTitle}`);
  };
  const exported = async (asOf: string) => {
    const response = await fetch(`${app.url}/export/work-plan.csv?planId=${planId}&asOf=${asOf}`, { headers: await app.as('SUPERVISOR') });
    expect(response.status).toBe(200);
    const rows = parse(Buffer.from(await response.arrayBuffer()).subarray(3).toString('utf8'), { relax_column_count: true }) as string[][];
    const header = rows.find((row) => row.includes('工作事项'))!;
    const [category, item] = [header.indexOf('类别'), header.indexOf('工作事项')];
    return rows.slice(rows.indexOf(header) + 1).filter((row) => /^\d/.test(row[item] ?? '')).map((row) => `${row[category]} / ${row[item]!.split(' ')[0]}`);
  };

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-07-10T09:00:00+08:00' });
    const admin = await app.as('ADMIN');
    for (const [code, name] of [['SFJ', '青川市司法局'], ['CZJ', '青川市财政局']]) {
      const unit = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, { input: { idempotencyKey: `unit-${code}`, code, name, kind: 'DEPARTMENT', registeredOn: '2026-01-01' } }, admin);
      expect(unit.errors).toBeUndefined();
    }
    await app.as('SUPERVISOR');
    const imported = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId } }`, {
      input: { idempotencyKey: 'plan', fileName: 'plan-c.csv', contentBase64: base64(PLAN), approvedOn: '2026-03-01', assignedOn: '2026-03-02' },
    });
    expect(imported.errors).toBeUndefined();
    planId = imported.data!.importWorkPlan.planId;
    const response = await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id code } } } }`, { id: planId });
    for (const category of response.data!.workPlan.categories as { items: { id: string; code: string }[] }[]) for (const one of category.items) itemIds[one.code] = one.id;
    for (const dryRun of [true, false]) {
      const revised = await app.graphql(
        `mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { revision { summary amended { code } moved { code fromCategoryCode fromCategoryTitle toCategoryCode toCategoryTitle } categoriesRenamed { code from to } } } }`,
        { input: { idempotencyKey: `version-${dryRun}`, fileName: 'c-sec3.csv', contentBase64: base64(VERSION), assignedOn: '2026-07-05', revise: true, withdrawMissing: true, dryRun } },
      );
      expect(revised.errors).toBeUndefined();
      told.push(revised.data!.importWorkPlan.revision);
    }
  });
  const told: unknown[] = [];

  it('the dry run and the result tell the rename and the move, neither as 修改表述', () => {
    for (const revision of told) {
      expect(revision).toEqual({
        summary: '大项 二 更名：规范行政执法 → 严格规范公正文明执法，事项 3 由大项 一 移至大项 二',
        amended: [],
        moved: [{ code: '3', fromCategoryCode: '一', fromCategoryTitle: '健全依法决策机制', toCategoryCode: '二', toCategoryTitle: '严格规范公正文明执法' }],
        categoriesRenamed: [{ code: '二', from: '规范行政执法', to: '严格规范公正文明执法' }],
      });
    }
  });

  afterAll(async () => {
    await app.close();
  });

  it('the breakdown of a day before the version holds the outline as it stood; of its day, a later day and now, the version’s', async () => {
    for (const day of ['2026-03-01', '2026-07-04']) expect(await outline(day)).toEqual(BEFORE);
    for (const day of ['2026-07-05', undefined]) expect(await outline(day)).toEqual(AFTER);
  });

  it('an item’s 大项 is named as it was named on the day viewed', async () => {
    expect(await categoryTitle('3', '2026-07-04')).toBe('一 健全依法决策机制');
    expect(await categoryTitle('4', '2026-07-04')).toBe('二 规范行政执法');
    expect(await categoryTitle('3')).toBe('二 严格规范公正文明执法');
    expect(await categoryTitle('4', '2026-07-05')).toBe('二 严格规范公正文明执法');
  });

  it('one 大项’s items of a day before the version are those it held then', async () => {
    expect(await itemsOf('一', '2026-07-04')).toEqual(['1 健全依法决策机制', '2 健全依法决策机制', '3 健全依法决策机制']);
    expect(await itemsOf('二', '2026-07-04')).toEqual(['4 规范行政执法']);
    expect(await itemsOf('二')).toEqual(['3 严格规范公正文明执法', '4 严格规范公正文明执法']);
  });

  it('the export of a day before the version writes the 大项 as they stood, of a later day the version’s', async () => {
    expect(await exported('2026-07-01')).toEqual(['一 健全依法决策机制 / 1', '一 健全依法决策机制 / 2', '一 健全依法决策机制 / 3', '二 规范行政执法 / 4']);
    expect(await exported('2026-07-06')).toEqual(['一 健全依法决策机制 / 1', '一 健全依法决策机制 / 2', '二 严格规范公正文明执法 / 3', '二 严格规范公正文明执法 / 4']);
  });
});
