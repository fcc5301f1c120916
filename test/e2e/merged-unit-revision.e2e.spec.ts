import { freshDatabasePath, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * breaker10r P21 (MG2-v1 → MG2-v2): 澜州市财政局 leads item 1, reports, is verified; then it is merged into 澜州市民政局 (机构改革).
 * The office's June version still names 澜州市财政局 as item 1's lead, nothing about the item changed. The version read on its day
 * names the successor (the merged unit's name leads to it), but the successor already holds what the merged unit held: its work
 * on item 1 is done and verified, so the version changes nothing — never a new LEAD part for 民政局 on finished work, never
 * 财政局 demoted. The dry run says the same.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const TITLE = '澜州市2026年政务公开重点任务分解方案';
const HEADER = '附件1,,,,\n' + `${TITLE},,,,\n` + '序号,工作任务,牵头单位,配合单位,完成时限\n';
const ROWS = '一、决策公开,,,,\n' + '1,推进财政预决算公开,澜州市财政局,澜州市教育局,2026年12月底前\n' + '2,推进执行公开,澜州市发展和改革委员会,,2026年9月底前\n';
const UNITS = { CZJ: '澜州市财政局', JYJ: '澜州市教育局', FGW: '澜州市发展和改革委员会', MZJ: '澜州市民政局' } as const;
type Code = keyof typeof UNITS;

describe('a plan re-imported unchanged after its verified lead was merged away (breaker10r P21)', () => {
  let app: TestApp;
  const units = {} as Record<Code, string>;
  let item1: string;

  const mutate = async (name: string, input: Record<string, unknown>, headers?: Record<string, string>) => {
    const response = await app.graphql(`mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { __typename } }`, { input: { idempotencyKey: key(name), ...input } }, headers);
    if (response.errors) throw new Error(`${name} refused: ${JSON.stringify(response.errors)}`);
  };
  const parts = async () => {
    const response = await app.graphql(`query($id: ID!) { workPlanItem(id: $id) { status parts { unitId role status } } }`, { id: item1 });
    expect(response.errors).toBeUndefined();
    return response.data!.workPlanItem as { status: string; parts: { unitId: string; role: string; status: string }[] };
  };
  const version2 = async (dryRun: boolean) => {
    const response = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { revision { summary unitsAdded { code } rolesChanged { code } } } }`, {
      input: { idempotencyKey: key('v2'), fileName: 'MG2-v2.csv', contentBase64: base64(HEADER.replace(`${TITLE},`, `${TITLE}（2026年6月调整）,`) + ROWS), assignedOn: '2026-06-01', ...(dryRun ? { dryRun: true } : { revise: true, withdrawMissing: true }) },
    });
    expect(response.errors).toBeUndefined();
    return response.data!.importWorkPlan.revision as { summary: string; unitsAdded: unknown[]; rolesChanged: unknown[] } | null;
  };

  beforeAll(async () => {
    app = await startTestApp({ sqlitePath: freshDatabasePath(), now: '2026-06-10T10:00:00+08:00' });
    for (const code of Object.keys(UNITS) as Code[]) {
      const response = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, {
        input: { idempotencyKey: `unit-${code}`, code, name: UNITS[code], kind: 'DEPARTMENT', registeredOn: '2026-01-05' },
      }, await app.as('ADMIN'));
      expect(response.errors).toBeUndefined();
      units[code] = response.data!.registerUnit.id;
    }
    await app.as('SUPERVISOR');
    await mutate('importWorkPlan', { fileName: 'MG2-v1.csv', contentBase64: base64(HEADER + ROWS), approvedOn: '2026-02-20', assignedOn: '2026-02-25' });
    const plans = await app.graphql(`{ workPlans { id title } }`);
    const planId = plans.data!.workPlans.find((one: { title: string }) => one.title === TITLE).id;
    const breakdown = await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id code } } } }`, { id: planId });
    item1 = (breakdown.data!.workPlan.categories[0].items as { id: string; code: string }[]).find((one) => one.code === '1')!.id;
    await mutate('reportWorkPlanItem', { itemId: item1, unitId: units.CZJ, summary: '已公开', evidence: [{ title: '公开页面', link: 'https://www.example.gov.cn/x' }], reportedOn: '2026-03-10' }, await app.as('UNIT', units.CZJ));
    await mutate('logWorkPlanItemInspection', { itemId: item1, unitId: units.CZJ, outcome: 'PASSED', notes: '核实', inspectedOn: '2026-03-15' }, await app.as('INSPECTOR'));
    await mutate('mergeUnit', { unitId: units.CZJ, successorUnitId: units.MZJ, reason: '机构改革', mergedOn: '2026-05-01' }, await app.as('ADMIN'));
    await app.as('SUPERVISOR');
  });
  afterAll(async () => app?.close());

  it('the dry run and the revision change nothing on item 1: the merged unit’s verified lead part stands, the successor gets no part', async () => {
    const before = await parts();
    expect(before.parts).toEqual(expect.arrayContaining([{ unitId: units.CZJ, role: 'LEAD', status: 'VERIFIED' }]));
    expect((await version2(true))?.summary ?? '事项无变化').not.toMatch(/增加单位|调整牵头/u);
    const applied = await version2(false);
    expect(applied?.unitsAdded ?? []).toEqual([]);
    expect(applied?.rolesChanged ?? []).toEqual([]);
    const after = await parts();
    expect(after.parts).toEqual(before.parts);
    expect(after.parts.some((part) => part.unitId === units.MZJ)).toBe(false);
  });
});
