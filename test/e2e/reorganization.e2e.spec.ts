import { TestApp, errorCode, startTestApp } from '../support/test-app.js';

/*
 * 机构改革 on the demo city (issue 10, fault 4): 卫生和计划生育委员会 becomes 卫生健康委员会 under the
 * same code, and 食品药品监督管理局 is merged into a new 市场监督管理局, whose open parts it takes on.
 */

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const ITEM = `query($id: ID!) { workPlanItem(id: $id) { code parts { unitId role status heldBefore unit { name } } history { eventType unitId details } } }`;

describe('A reorganisation: units renamed and merged, their parts carried on', () => {
  let app: TestApp;
  let units: Record<string, string>;
  let items: { id: string; code: string }[];

  const ok = async (query: string, variables: Record<string, unknown> = {}, headers?: Record<string, string>) => {
    const response = await app.graphql(query, variables, headers);
    expect(response.errors).toBeUndefined();
    return response.data!;
  };
  const importUnits = async (csv: string, rename?: boolean) =>
    app.graphql(
      `mutation($input: ImportUnitsInput!) { importUnits(input: $input) { created { code } renamed { code name formerNames } alreadyRegistered { code } } }`,
      { input: { idempotencyKey: `units-${Math.random()}`, fileName: 'units.csv', contentBase64: base64(csv), ...(rename === undefined ? {} : { rename }) } },
      await app.as('ADMIN'),
    );
  const item = async (code: string) => (await ok(ITEM, { id: items.find((each) => each.code === code)!.id })).workPlanItem;

  beforeAll(async () => {
    app = await startTestApp({ demoData: true, now: '2026-04-01T09:00:00+08:00' });
    const listed = await ok(`{ units { id code } workPlans { id } }`);
    units = Object.fromEntries(listed.units.map((unit: { id: string; code: string }) => [unit.code, unit.id]));
    const plan = await ok(`query($id: ID!) { workPlan(id: $id) { categories { items { id code } } } }`, { id: listed.workPlans[0].id });
    items = plan.workPlan.categories.flatMap((category: { items: { id: string; code: string }[] }) => category.items);
  });

  afterAll(async () => {
    await app?.close();
  });

  const RENAMED = '编码,名称,类型\nWJW,青川市卫生健康委员会,部门\n';

  it('refuses a new name for a known code unless asked to rename, naming the remedy', async () => {
    const refused = await importUnits(RENAMED);
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(refused.errors![0]!.extensions)).toContain('(青川市卫生和计划生育委员会) than 青川市卫生健康委员会');
    expect(JSON.stringify(refused.errors![0]!.extensions)).toContain('--rename (rename: true)');
  });

  it('shows a rename and a new unit in a dry run, and writes nothing', async () => {
    const headers = await app.as('ADMIN');
    const before = await app.logPosition();
    const preview = await app.graphql(
      `mutation($input: ImportUnitsInput!) { importUnits(input: $input) { dryRun rows { row code name renamedFrom action } created { code } renamed { code } } }`,
      { input: { idempotencyKey: 'units-dry-run', fileName: 'units.csv', contentBase64: base64(`${RENAMED}SJJ,青川市审计局,部门\nCZJ,青川市财政局,部门\n`), rename: true, dryRun: true } },
      headers,
    );
    expect(preview.errors).toBeUndefined();
    expect(preview.data!.importUnits).toEqual({
      dryRun: true,
      rows: [
        { row: 2, code: 'WJW', name: '青川市卫生健康委员会', renamedFrom: '青川市卫生和计划生育委员会', action: 'RENAMED' },
        { row: 3, code: 'SJJ', name: '青川市审计局', renamedFrom: null, action: 'REGISTERED' },
        { row: 4, code: 'CZJ', name: '青川市财政局', renamedFrom: null, action: 'ALREADY_REGISTERED' },
      ],
      created: [],
      renamed: [],
    });
    expect(await app.logPosition()).toBe(before);
  });

  it('renames when asked: same unit, same parts, the old name kept as a former name', async () => {
    const renamed = await importUnits(RENAMED, true);
    expect(renamed.errors).toBeUndefined();
    expect(renamed.data!.importUnits).toEqual({
      created: [],
      renamed: [{ code: 'WJW', name: '青川市卫生健康委员会', formerNames: ['青川市卫生和计划生育委员会'] }],
      alreadyRegistered: [],
    });
    const item20 = await item('20');
    expect(item20.parts.find((part: { unitId: string }) => part.unitId === units.WJW).unit.name).toBe('青川市卫生健康委员会');
    // The same file again changes nothing, asked or not.
    expect((await importUnits(RENAMED, true)).data!.importUnits).toMatchObject({ renamed: [], alreadyRegistered: [{ code: 'WJW' }] });
  });

  it('files that still use the old name resolve to the renamed unit', async () => {
    const evaluation = await ok(`mutation($input: RegisterEvaluationInput!) { registerEvaluation(input: $input) { id } }`, {
      input: { idempotencyKey: 'evaluation', title: '2025年度政务公开第三方评估', evaluator: '某大学法治政府研究院', commissionedBy: '省政府办公厅', periodStart: '2025-01-01', periodEnd: '2025-12-31', receivedOn: '2026-03-20' },
    });
    const imported = await ok(`mutation($input: ImportFindingsInput!) { importFindings(input: $input) { findings { concernedUnitIds } } }`, {
      input: {
        idempotencyKey: 'findings',
        evaluationId: evaluation.registerEvaluation.id,
        fileName: 'findings.csv',
        contentBase64: base64('问题,具体表现,类别,严重程度,涉及单位\n医疗服务信息公开不全,收费标准未公开。,重点领域,一般,青川市卫生和计划生育委员会\n'),
      },
    });
    expect(imported.importFindings.findings[0].concernedUnitIds).toEqual([units.WJW]);
  });

  it('only an administrator renames, merges or hands parts over', async () => {
    const rename = `mutation($input: RenameUnitInput!) { renameUnit(input: $input) { name } }`;
    const input = { idempotencyKey: 'rename-by-supervisor', unitId: units.JYJ, name: '青川市教育和体育局', reason: '机构改革' };
    expect(errorCode(await app.graphql(rename, { input }))).toBe('FORBIDDEN');
    expect((await ok(rename, { input }, await app.as('ADMIN'))).renameUnit.name).toBe('青川市教育和体育局');
  });

  it('spends the key of a rename that changed nothing: the key reused for another request is CONFLICT, a retry changes nothing', async () => {
    const admin = await app.as('ADMIN');
    const rename = `mutation($input: RenameUnitInput!) { renameUnit(input: $input) { name } }`;
    const same = { idempotencyKey: 'rename-to-own-name', unitId: units.JYJ, name: '青川市教育和体育局', reason: '核对名称' };
    const before = await app.logPosition();
    expect((await ok(rename, { input: same }, admin)).renameUnit.name).toBe('青川市教育和体育局');
    expect(await app.logPosition()).toBe(before);
    const reused = await app.graphql(rename, { input: { ...same, name: '青川市教育局' } }, admin);
    expect(errorCode(reused)).toBe('CONFLICT');
    expect(reused.errors![0]!.extensions!.messageZh).toBe('此前用同一次提交发出的请求已经办理（例如未收到答复的那一次），这次的内容与那次不同，没有办理。按那次的内容再次提交即可看到办理结果，不会重复办理；如需改动，请在单位名录中打开已登记的该单位修改（名称用「更名」，登记日期用「更正登记日期」）。');
    expect((await ok(rename, { input: same }, admin)).renameUnit.name).toBe('青川市教育和体育局');
    expect(await app.logPosition()).toBe(before);
  });

  it('merges 食品药品监督管理局 into 市场监督管理局: open parts move, history keeps who held them', async () => {
    const admin = await app.as('ADMIN');
    const registered = await ok(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`,
      { input: { idempotencyKey: 'scj', code: 'SCJ', name: '青川市市场监督管理局', kind: 'DEPARTMENT' } }, admin);
    const SCJ = registered.registerUnit.id as string;
    const merged = await ok(
      `mutation($input: MergeUnitInput!) { mergeUnit(input: $input) { unit { code mergedIntoUnitId } successor { code } findingIds workPlanItemIds } }`,
      { input: { idempotencyKey: 'merge-syj', unitId: units.SYJ, successorUnitId: SCJ, reason: '青川市机构改革方案：组建市场监督管理局' } },
      admin,
    );
    expect(merged.mergeUnit).toMatchObject({ unit: { code: 'SYJ', mergedIntoUnitId: SCJ }, successor: { code: 'SCJ' }, findingIds: [] });
    expect(merged.mergeUnit.workPlanItemIds).toHaveLength(3);

    const item13 = await item('13');
    expect(item13.parts.map((part: { unitId: string }) => part.unitId)).not.toContain(units.SYJ);
    expect(item13.parts.find((part: { unitId: string }) => part.unitId === SCJ)).toMatchObject({ role: 'LEAD', status: 'ASSIGNED', heldBefore: [units.SYJ] });
    const handedOver = item13.history.find((entry: { eventType: string }) => entry.eventType === 'PartHandedOver');
    expect(handedOver.unitId).toBe(units.SYJ);
    expect(JSON.parse(handedOver.details)).toMatchObject({ successorUnitId: SCJ });

    // The successor's clerk reports on the part now.
    const report = await app.graphql(
      `mutation($input: ReportWorkPlanItemInput!) { reportWorkPlanItem(input: $input) { parts { unitId status } } }`,
      { input: { idempotencyKey: 'report-scj', itemId: items.find((each) => each.code === '13')!.id, unitId: SCJ, summary: '已按月公开抽检结果', evidence: [{ title: '抽检信息专栏', link: 'https://www.qingchuan.gov.cn/scj/cj' }] } },
      await app.as('UNIT', SCJ),
    );
    expect(report.errors).toBeUndefined();

    // Sending the merge again changes nothing; merging into yet another unit is refused.
    const again = await ok(`mutation($input: MergeUnitInput!) { mergeUnit(input: $input) { workPlanItemIds } }`,
      { input: { idempotencyKey: 'merge-syj-again', unitId: units.SYJ, successorUnitId: SCJ, reason: '重复提交' } }, admin);
    expect(again.mergeUnit.workPlanItemIds).toEqual([]);
    const elsewhere = await app.graphql(`mutation($input: MergeUnitInput!) { mergeUnit(input: $input) { workPlanItemIds } }`,
      { input: { idempotencyKey: 'merge-syj-elsewhere', unitId: units.SYJ, successorUnitId: units.FGW, reason: '误操作' } }, admin);
    expect(errorCode(elsewhere)).toBe('CONFLICT');
  });
});
