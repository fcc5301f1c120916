import { TestApp, errorCode, expectChineseOnEveryError, startTestApp } from '../support/test-app.js';

/*
 * newcomer37 S16: a 2027 plan's 常态化 item got one quarter's report, the inspector passed it, and the unit's part of a
 * year-long duty was 已核验 in December 2026 — no more reports asked. A standing part's reports before the end of the
 * span it is kept up for are progress (进展报送): the part stays 整改中, its next report moves on, it awaits no
 * inspection; the report made on or after that day is inspected and closes it. Now, on a past day, and as known then.
 */
describe('a standing task’s quarterly reports are progress until its span ends (newcomer37 S16)', () => {
  let app: TestApp;
  let fgw: string;
  let itemId: string;
  let clerk: Record<string, string>;

  const ITEM = `query($id: ID!, $asOf: String) { workPlanItem(id: $id, asOf: $asOf) { status parts { unitId status dueDate deadlineKind nextReportDue reports { reportedOn } } } }`;
  const part = async (asOf?: string) => (await app.graphql(ITEM, { id: itemId, asOf: asOf ?? null })).data!.workPlanItem.parts[0];
  const report = (reportedOn: string) =>
    app.graphql(`mutation($input: ReportWorkPlanItemInput!) { reportWorkPlanItem(input: $input) { id } }`, {
      input: { idempotencyKey: `report-${reportedOn}`, itemId, unitId: fgw, summary: `${reportedOn} 前印发规范性文件均同步解读`, evidence: [{ title: '政策解读专栏', link: 'https://www.example.gov.cn/zcjd' }], reportedOn },
    }, clerk);
  const inspect = (inspectedOn: string) =>
    app.graphql(`mutation($input: LogWorkPlanItemInspectionInput!) { logWorkPlanItemInspection(input: $input) { id } }`, {
      input: { idempotencyKey: `inspect-${inspectedOn}`, itemId, unitId: fgw, outcome: 'PASSED', notes: '', place: '市发改委', inspectedOn },
    }, undefined);
  const awaiting = async () => (await app.graphql(`{ awaitingInspection(first: 10) { totalCount } }`)).data!.awaitingInspection.totalCount as number;

  beforeAll(async () => {
    app = await startTestApp({ now: '2027-01-05T09:00:00+08:00' });
    const admin = await app.as('ADMIN');
    fgw = (await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, { input: { idempotencyKey: 'unit-fgw', code: 'FGW', name: '青川市发展和改革委员会', kind: 'DEPARTMENT', registeredOn: '2026-01-01' } }, admin)).data!.registerUnit.id;
    clerk = await app.as('UNIT', fgw);
    const plan = '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n一,政策解读,16,落实政策解读“三同步”,,青川市发展和改革委员会,,常态化\n';
    const imported = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId } }`, {
      input: { idempotencyKey: 'plan', fileName: 'plan-2026.csv', title: '青川市2026年政务公开工作要点', year: 2026, contentBase64: Buffer.from(plan).toString('base64'), approvedOn: '2026-03-01', assignedOn: '2026-03-02' },
    });
    expect(imported.errors).toBeUndefined();
    itemId = (await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id } } } }`, { id: imported.data!.importWorkPlan.planId })).data!.workPlan.categories[0].items[0].id;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('a quarter’s report keeps the part 整改中, moves its next report on, and puts nothing before the inspector', async () => {
    expect(await part()).toMatchObject({ status: 'ASSIGNED', dueDate: '2026-12-31', deadlineKind: 'STANDING' });
    expect((await report('2026-06-20')).errors).toBeUndefined();
    expect(await part('2026-06-25')).toMatchObject({ status: 'ASSIGNED', nextReportDue: '2026-09-30', reports: [{ reportedOn: '2026-06-20' }] });
    expect(await awaiting()).toBe(0);
  });

  it('refuses to pass it before its span ends, saying the reports so far are progress; nothing is appended', async () => {
    const before = await app.logPosition();
    const refused = expectChineseOnEveryError(await inspect('2026-06-25'));
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(refused.errors![0]!.extensions!.messageZh).toMatch(/常态化任务，须坚持到 2026-12-31：此前的报送是阶段进展，不进行督查核验/);
    expect(await app.logPosition()).toBe(before);
  });

  it('takes the next quarter’s report like the first', async () => {
    expect((await report('2026-09-25')).errors).toBeUndefined();
    expect(await part('2026-10-01')).toMatchObject({ status: 'ASSIGNED', nextReportDue: '2026-12-31' });
  });

  it('the report on the day its span ends awaits inspection, and the pass closes it — as of that day too', async () => {
    expect((await report('2026-12-31')).errors).toBeUndefined();
    expect(await part()).toMatchObject({ status: 'REPORTED' });
    expect(await awaiting()).toBe(1);
    expect((await inspect('2027-01-04')).errors).toBeUndefined();
    expect(await part()).toMatchObject({ status: 'VERIFIED' });
    expect(await part('2026-10-01')).toMatchObject({ status: 'ASSIGNED' });
    expect(await part('2026-12-31')).toMatchObject({ status: 'REPORTED' });
  });
});
