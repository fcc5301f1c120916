import { errorCode, freshDatabasePath, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * breaker10n P18 (and P4's single-mutation half): one change at a time could not replace an item's lead — adding a second lead
 * was refused 「…已是牵头单位」, removing the lead 「须先指定新的牵头单位」, and no mutation changed a part's role. Now
 * addWorkPlanItemUnit with role LEAD and replacesLead (替换原牵头单位) hands the lead over in one step: the old lead steps down to
 * responsible with its part and progress kept (a report awaiting inspection stays awaiting), and the refusal to remove a lead
 * says how. Through HTTP GraphQL on a real SQLite file.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;
const PLAN_TITLE = '青川市2026年政务公开工作要点（更换牵头）';
const PLAN_CSV =
  '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n' +
  '一,推进五公开,1,推进决策公开,,青川市测试甲局,青川市测试乙局,2026-12-31\n' +
  '一,推进五公开,2,公开财政预决算,,青川市测试乙局,青川市测试丁局,2026-12-31\n' +
  '一,推进五公开,3,公开重大建设项目,,青川市测试甲局,青川市测试乙局,2026-12-31\n';
const UNITS = { JIA: '青川市测试甲局', YI: '青川市测试乙局', BING: '青川市测试丙局', DING: '青川市测试丁局' } as const;
type Code = keyof typeof UNITS;
interface Part {
  unitId: string;
  role: string;
  status: string;
}

describe('replacing an item’s lead with one mutation (breaker10n P18)', () => {
  let app: TestApp;
  const units = {} as Record<Code, string>;
  const unitHeaders = {} as Record<Code, Record<string, string>>;
  let item1: string;
  let item2: string;
  let item3: string;

  const attempt = (name: string, input: Record<string, unknown>, headers?: Record<string, string>) =>
    app.graphql(`mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { __typename } }`, { input: { idempotencyKey: key(name), ...input } }, headers);
  const mutate = async (name: string, input: Record<string, unknown>, headers?: Record<string, string>) => {
    const response = await attempt(name, input, headers);
    if (response.errors) throw new Error(`${name} refused: ${JSON.stringify(response.errors)}`);
  };
  const roles = async (id: string, asOf?: string) => {
    const response = await app.graphql(`query($id: ID!, $asOf: String) { workPlanItem(id: $id, asOf: $asOf) { parts { unitId role status } } }`, { id, asOf });
    expect(response.errors).toBeUndefined();
    const parts = response.data!.workPlanItem.parts as Part[];
    const codeOf = (unitId: string) => (Object.keys(units) as Code[]).find((code) => units[code] === unitId);
    return Object.fromEntries(parts.map((part) => [codeOf(part.unitId), `${part.role}:${part.status}`]));
  };

  beforeAll(async () => {
    app = await startTestApp({ sqlitePath: freshDatabasePath(), now: '2026-11-30T10:00:00+08:00' });
    for (const code of Object.keys(UNITS) as Code[]) {
      const response = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, {
        input: { idempotencyKey: `unit-${code}`, code, name: UNITS[code], kind: 'DEPARTMENT', registeredOn: '2026-01-04' },
      }, await app.as('ADMIN'));
      expect(response.errors).toBeUndefined();
      units[code] = response.data!.registerUnit.id;
      unitHeaders[code] = await app.as('UNIT', units[code]);
    }
    await app.as('SUPERVISOR');
    await mutate('importWorkPlan', { fileName: 'plan.csv', title: PLAN_TITLE, year: 2026, contentBase64: Buffer.from(PLAN_CSV, 'utf8').toString('base64'), approvedOn: '2026-04-25', assignedOn: '2026-04-26' });
    const plans = await app.graphql(`{ workPlans { id title } }`);
    const planId = plans.data!.workPlans.find((one: { title: string }) => one.title === PLAN_TITLE).id;
    const breakdown = await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id code } } } }`, { id: planId });
    const items = breakdown.data!.workPlan.categories[0].items as { id: string; code: string }[];
    [item1, item2, item3] = ['1', '2', '3'].map((code) => items.find((one) => one.code === code)!.id) as [string, string, string];
  });
  afterAll(() => app?.close());

  it('without replacesLead a second lead is refused, and removing the lead says how to replace it; nothing is written', async () => {
    const second = await attempt('addWorkPlanItemUnit', { itemId: item1, unitId: units.BING, role: 'LEAD', reason: '会议决定', assignedOn: '2026-06-01' });
    expect(second.errors?.[0]?.message).toContain('is already the lead unit');
    const removed = await attempt('removeWorkPlanItemUnit', { itemId: item1, unitId: units.JIA, reason: '会议决定', unassignedOn: '2026-06-01' });
    expect(errorCode(removed)).toBe('BAD_USER_INPUT');
    expect(removed.errors?.[0]?.message).toContain('replacesLead');
    expect(await roles(item1)).toEqual({ JIA: 'LEAD:ASSIGNED', YI: 'RESPONSIBLE:ASSIGNED' });
  });

  it('a new unit replaces the lead: it leads, the old lead is responsible, its part kept; then the old lead can be removed', async () => {
    await mutate('addWorkPlanItemUnit', { itemId: item1, unitId: units.BING, role: 'LEAD', replacesLead: true, reason: '6月1日领导小组会议决定改由丙局牵头', assignedOn: '2026-06-01' });
    expect(await roles(item1)).toEqual({ JIA: 'RESPONSIBLE:ASSIGNED', YI: 'RESPONSIBLE:ASSIGNED', BING: 'LEAD:ASSIGNED' });
    await mutate('removeWorkPlanItemUnit', { itemId: item1, unitId: units.JIA, reason: '甲局不再承担', unassignedOn: '2026-06-02' });
    expect(await roles(item1)).toMatchObject({ YI: 'RESPONSIBLE:ASSIGNED', BING: 'LEAD:ASSIGNED' });
  });

  it('a responsible unit takes over the lead from a lead whose report awaits inspection: the report stays awaiting (P4)', async () => {
    await mutate('reportWorkPlanItem', { itemId: item2, unitId: units.YI, summary: '已整改', evidence: [{ title: '公开页面', link: 'https://www.example.gov.cn/x' }], reportedOn: '2026-05-20' }, unitHeaders.YI);
    await app.as('SUPERVISOR');
    await mutate('addWorkPlanItemUnit', { itemId: item2, unitId: units.DING, role: 'LEAD', replacesLead: true, reason: '改由丁局牵头', assignedOn: '2026-06-01' });
    expect(await roles(item2)).toEqual({ YI: 'RESPONSIBLE:REPORTED', DING: 'LEAD:ASSIGNED' });
  });

  /*
   * h57c (breaker55-8 M1, M2): the replacement itself typed on the wrong day, then found never to have happened. 更正记录日期 of the
   * role change (ROLE_CHANGE, on 乙局's card) moves 乙局's step-down and 丁局's taking the lead together — one lead on every day — and
   * 撤销此记录 of 丁局's role change retracts the replacement whole: 乙局 leads again, its report still awaiting inspection.
   */
  it('the replacement re-dated then retracted through ROLE_CHANGE: one step each time', async () => {
    await mutate('correctWorkPlanItemRecordDate', { itemId: item2, unitId: units.YI, record: 'ROLE_CHANGE', previousOn: '2026-06-01', on: '2026-05-28', reason: '会议纪要日期为5月28日' });
    expect(await roles(item2, '2026-05-27')).toEqual({ YI: 'LEAD:REPORTED', DING: 'RESPONSIBLE:ASSIGNED' });
    expect(await roles(item2, '2026-05-30')).toEqual({ YI: 'RESPONSIBLE:REPORTED', DING: 'LEAD:ASSIGNED' });
    expect(await roles(item2)).toEqual({ YI: 'RESPONSIBLE:REPORTED', DING: 'LEAD:ASSIGNED' });
    const retraction = { itemId: item2, unitId: units.DING, record: 'ROLE_CHANGE', on: '2026-05-28' };
    const check = await app.graphql(`query($input: WorkPlanItemRetractionCheckInput!) { workPlanItemRetractionCheck(input: $input) { code messageZh } }`, { input: retraction });
    expect(check.data!.workPlanItemRetractionCheck).toBeNull();
    await mutate('retractWorkPlanItemRecord', { ...retraction, reason: '未曾更换牵头单位' });
    expect(await roles(item2)).toEqual({ YI: 'LEAD:REPORTED', DING: 'RESPONSIBLE:ASSIGNED' });
    expect(await roles(item2, '2026-05-30')).toEqual({ YI: 'LEAD:REPORTED', DING: 'RESPONSIBLE:ASSIGNED' });
    const history = await app.graphql(`query($id: ID!) { workPlanItem(id: $id) { history { eventType unitId retracted { reason } } } }`, { id: item2 });
    const retracted = (history.data!.workPlanItem.history as { eventType: string; unitId: string | null; retracted: { reason: string } | null }[]).filter((entry) => entry.retracted?.reason === '未曾更换牵头单位');
    expect(retracted.map((entry) => [entry.eventType, entry.unitId])).toEqual([
      ['PartRoleChanged', units.YI],
      ['PartRoleChanged', units.DING],
    ]);
  });

  it('a new lead’s 交办 (ASSIGNMENT) retracted goes with its replacement — refused while the old lead’s later removal rests on it, naming it', async () => {
    const refused = await attempt('retractWorkPlanItemRecord', { itemId: item1, unitId: units.BING, record: 'ASSIGNMENT', on: '2026-06-01', reason: '替换录错' });
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(refused.errors?.[0]?.extensions?.messageZh).toMatch(/^撤销 2026-06-01 的承担方式调整会使其后青川市测试甲局 2026-06-02 的移除（方案调整）不再成立/u);
  });

  it('replacesLead with a responsible role is refused naming the field', async () => {
    const wrong = await attempt('addWorkPlanItemUnit', { itemId: item1, unitId: units.DING, role: 'RESPONSIBLE', replacesLead: true, reason: '会议决定', assignedOn: '2026-06-03' });
    expect(errorCode(wrong)).toBe('BAD_USER_INPUT');
    expect(wrong.errors?.[0]?.message).toContain('Replacing the lead unit names one new lead unit');
  });

  /*
   * newcomer54-8 S1: a lead typed wrong in the file. The refusal of 撤销交办 says: add the right lead with 替换原牵头单位, then
   * retract this 交办 — which was refused in turn by the step-down the replacement wrote (「…其后…的记录不再成立…该记录不能撤销」).
   * The step-down goes with the retracted 交办: the wrong unit is off the item, with no lateness, and the history marks both.
   */
  it('the wrong lead replaced (替换原牵头单位) on its 交办 day, its 交办 is retracted — the step-down going with it', async () => {
    const retraction = { itemId: item3, unitId: units.JIA, record: 'ASSIGNMENT', on: '2026-04-26' };
    const refused = await attempt('retractWorkPlanItemRecord', { ...retraction, reason: '录入错误：纸质方案牵头单位为丙局' });
    expect(refused.errors?.[0]?.extensions?.messageZh).toContain('请先以“牵头”增加正确的单位并勾选“替换原牵头单位”');
    await mutate('addWorkPlanItemUnit', { itemId: item3, unitId: units.BING, role: 'LEAD', replacesLead: true, reason: '导入时牵头单位录错', assignedOn: '2026-04-26' });
    const check = await app.graphql(`query($input: WorkPlanItemRetractionCheckInput!) { workPlanItemRetractionCheck(input: $input) { code messageZh } }`, { input: retraction });
    expect(check.errors).toBeUndefined();
    expect(check.data!.workPlanItemRetractionCheck).toBeNull();
    await mutate('retractWorkPlanItemRecord', { ...retraction, reason: '录入错误：纸质方案牵头单位为丙局' });
    expect(await roles(item3)).toEqual({ YI: 'RESPONSIBLE:ASSIGNED', BING: 'LEAD:ASSIGNED' });
    const history = await app.graphql(`query($id: ID!) { workPlanItem(id: $id) { history { eventType unitId retracted { reason } } } }`, { id: item3 });
    expect(history.errors).toBeUndefined();
    const ofJia = (history.data!.workPlanItem.history as { eventType: string; unitId: string | null; retracted: { reason: string } | null }[]).filter((entry) => entry.unitId === units.JIA && entry.eventType !== 'RecordRetracted');
    expect(ofJia.map((entry) => [entry.eventType, entry.retracted?.reason])).toEqual([
      ['UnitAssigned', '录入错误：纸质方案牵头单位为丙局'],
      ['PartRoleChanged', '录入错误：纸质方案牵头单位为丙局'],
    ]);
  });
});
