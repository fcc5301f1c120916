import { errorCode, freshDatabasePath, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Issue 8, breaker8 S3: a 2016 plan's mid-year changes (根据工作进展动态调整) entered in November
 * 2026 take the office day they happened — a unit added on 10 May, item 2 re-dated on 20 May
 * (typed in after its report and inspection), a unit removed, an item added and withdrawn, a
 * revised file applied as of its day — and every view, now and as of a past day, counts them
 * from that day. Asserted through HTTP GraphQL on a real SQLite file.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

const PLAN_TITLE = '青川市2016年政务公开工作要点（调整）';
const header = '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n';
/** Item 1: 甲局 leads, 乙局 responsible, due 30 June. Item 2: 乙局 alone, due 31 May. */
const PLAN_CSV = header + '一,推进五公开,1,推进决策公开,,青川市测试甲局,青川市测试乙局,2016-06-30\n' + '一,推进五公开,2,公开财政预决算,,青川市测试乙局,,2016-05-31\n';
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const UNITS = { JIA: '青川市测试甲局', YI: '青川市测试乙局', BING: '青川市测试丙局', DING: '青川市测试丁局', WU: '青川市测试戊局' } as const;
type Code = keyof typeof UNITS;

interface Part {
  unitId: string;
  status: string;
  dueDate: string;
  assignedOn: string;
}
interface Item {
  status: string;
  trafficLight: string | null;
  parts: Part[];
  history: { eventType: string; occurredOn: string }[];
}

describe('a 2016 plan’s changes entered in 2026 take the day they happened (breaker8 S3, S5, S7)', () => {
  let app: TestApp;
  const units = {} as Record<Code, string>;
  const unitHeaders = {} as Record<Code, Record<string, string>>;
  let planId: string;
  let item1: string;
  let item2: string;
  let item3: string;

  const attempt = (name: string, input: Record<string, unknown>, headers?: Record<string, string>) =>
    app.graphql(`mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { __typename } }`, { input: { idempotencyKey: key(name), ...input } }, headers);
  const mutate = async (name: string, input: Record<string, unknown>, headers?: Record<string, string>) => {
    const response = await attempt(name, input, headers);
    if (response.errors) throw new Error(`${name} refused: ${JSON.stringify(response.errors)}`);
  };
  const item = async (id: string, travel: { asOf?: string; knownAt?: string } = {}): Promise<Item> => {
    const response = await app.graphql(
      `query($id: ID!, $asOf: String, $knownAt: String) { workPlanItem(id: $id, asOf: $asOf, knownAt: $knownAt) {
        status trafficLight parts { unitId status dueDate assignedOn } history { eventType occurredOn } } }`,
      { id, ...travel },
    );
    expect(response.errors).toBeUndefined();
    return response.data!.workPlanItem as Item;
  };
  const partOf = (view: Item, code: Code) => view.parts.find((part) => part.unitId === units[code]);
  const report = (itemId: string, code: Code, reportedOn: string) =>
    mutate('reportWorkPlanItem', { itemId, unitId: units[code], summary: '已整改', evidence: [{ title: '公开页面', link: 'https://www.example.gov.cn/x' }], reportedOn }, unitHeaders[code]);

  beforeAll(async () => {
    app = await startTestApp({ sqlitePath: freshDatabasePath(), now: '2026-11-30T10:00:00+08:00' });
    for (const code of Object.keys(UNITS) as Code[]) {
      const response = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, {
        input: { idempotencyKey: `unit-${code}`, code, name: UNITS[code], kind: 'DEPARTMENT', registeredOn: '2016-01-04' },
      }, await app.as('ADMIN'));
      expect(response.errors).toBeUndefined();
      units[code] = response.data!.registerUnit.id;
      unitHeaders[code] = await app.as('UNIT', units[code]);
    }
    await app.as('SUPERVISOR');
    await mutate('importWorkPlan', { fileName: 'plan-2016.csv', title: PLAN_TITLE, year: 2016, contentBase64: base64(PLAN_CSV), approvedOn: '2016-04-25', assignedOn: '2016-04-26' });
    const plans = await app.graphql(`{ workPlans { id title } }`);
    planId = plans.data!.workPlans.find((one: { title: string }) => one.title === PLAN_TITLE).id;
    const breakdown = await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id code } } } }`, { id: planId });
    const items = breakdown.data!.workPlan.categories[0].items as { id: string; code: string }[];
    [item1, item2] = ['1', '2'].map((code) => items.find((one) => one.code === code)!.id);
  });

  afterAll(async () => {
    await app.close();
  });

  it('a unit added on 2016-05-10 is assigned on that day, so its June report is taken', async () => {
    await mutate('addWorkPlanItemUnit', { itemId: item1, unitId: units.BING, reason: '2016年5月10日领导小组会议决定', assignedOn: '2016-05-10' });
    expect(partOf(await item(item1), 'BING')).toMatchObject({ status: 'ASSIGNED', assignedOn: '2016-05-10', dueDate: '2016-06-30' });
    expect(partOf(await item(item1, { asOf: '2016-05-09' }), 'BING')).toBeUndefined();
    await report(item1, 'BING', '2016-06-20');
    expect(partOf(await item(item1), 'BING')).toMatchObject({ status: 'REPORTED' });
  });

  it('a re-dating of 2016-05-20 typed in after the report and inspection it governs moves the due date from that day, now and as of any day alike', async () => {
    await report(item2, 'YI', '2016-06-15');
    await mutate('logWorkPlanItemInspection', { itemId: item2, unitId: units.YI, outcome: 'PASSED', notes: '核实', inspectedOn: '2016-06-20' }, await app.as('INSPECTOR'));
    await mutate('rescheduleWorkPlanItem', { itemId: item2, dueDate: '2016-06-30', reason: '2016年5月20日调整', rescheduledOn: '2016-05-20' });

    const now = await item(item2);
    expect(partOf(now, 'YI')).toMatchObject({ status: 'VERIFIED', dueDate: '2016-06-30' });
    expect(partOf(await item(item2, { knownAt: '2099-01-01T00:00:00Z' }), 'YI')!.dueDate).toBe('2016-06-30');
    expect(now.history.find((entry) => entry.eventType === 'WorkPlanItemRescheduled')!.occurredOn).toBe('2016-05-20');
    // Due 31 May until 20 May; from then 30 June: green on 1 June, not red.
    expect(partOf(await item(item2, { asOf: '2016-05-19' }), 'YI')!.dueDate).toBe('2016-05-31');
    const june1 = await item(item2, { asOf: '2016-06-01' });
    expect(partOf(june1, 'YI')).toMatchObject({ status: 'ASSIGNED', dueDate: '2016-06-30' });
    expect(june1.trafficLight).toBe('GREEN');
  });

  it('refuses a change dated before the plan’s approval or before what a part recorded, naming both days in Chinese by name; nothing is written', async () => {
    const head = await app.logPosition();
    const early = await attempt('rescheduleWorkPlanItem', { itemId: item1, dueDate: '2016-07-31', reason: '调整', rescheduledOn: '2016-04-20' });
    expect(errorCode(early)).toBe('BAD_USER_INPUT');
    expect(early.errors![0]!.extensions!.messageZh).toBe('工作事项 1「推进决策公开」的调整日期（2016-04-20）早于方案批准日期（2016-04-25），日期顺序不对。');
    const removed = await attempt('removeWorkPlanItemUnit', { itemId: item1, unitId: units.BING, reason: '调整', unassignedOn: '2016-06-01' });
    expect(errorCode(removed)).toBe('BAD_USER_INPUT');
    expect(removed.errors![0]!.message).toBe('The day of the revision of item 1 「推进决策公开」 (2016-06-01) is before the report of 青川市测试丙局 (2016-06-20).');
    expect(removed.errors![0]!.extensions!.messageZh).toBe('工作事项 1「推进决策公开」的调整日期（2016-06-01）早于青川市测试丙局的报告日期（2016-06-20），日期顺序不对。');
    const future = await attempt('withdrawWorkPlanItem', { itemId: item1, reason: '撤销', withdrawnOn: '2026-12-01' });
    expect(errorCode(future)).toBe('BAD_USER_INPUT');
    expect(await app.logPosition()).toBe(head);
  });

  it('an item added on 2016-07-01 and withdrawn on 2016-08-01 is open between those days and withdrawn after', async () => {
    await mutate('addWorkPlanItem', { planId, categoryCode: '一', code: '3', title: '增补事项', dueDate: '2016-09-30', leadUnitId: units.DING, reason: '增补', assignedOn: '2016-07-01' });
    const breakdown = await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id code } } } }`, { id: planId });
    item3 = (breakdown.data!.workPlan.categories[0].items as { id: string; code: string }[]).find((one) => one.code === '3')!.id;
    expect(partOf(await item(item3), 'DING')).toMatchObject({ assignedOn: '2016-07-01' });
    await mutate('withdrawWorkPlanItem', { itemId: item3, reason: '2016年8月1日撤销', withdrawnOn: '2016-08-01' });
    expect((await item(item3)).status).toBe('WITHDRAWN');
    expect((await item(item3, { asOf: '2016-07-15' })).status).toBe('OPEN');
    expect((await item(item3)).history.find((entry) => entry.eventType === 'WorkPlanItemWithdrawn')!.occurredOn).toBe('2016-08-01');
  });

  it('a revised file applied as of 2016-05-12 (assignedOn) dates the units it adds on that day', async () => {
    const revised = header + '一,推进五公开,1,推进决策公开,,青川市测试甲局,青川市测试乙局、青川市测试丙局、青川市测试丁局,2016-06-30\n' + '一,推进五公开,2,公开财政预决算,,青川市测试乙局,,2016-06-30\n';
    const response = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { revision { unitsAdded { code } } } }`, {
      input: { idempotencyKey: key('revise'), fileName: 'plan-2016-v2.csv', title: PLAN_TITLE, year: 2016, contentBase64: base64(revised), revise: true, withdrawMissing: true, assignedOn: '2016-05-12' },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data!.importWorkPlan.revision.unitsAdded).toEqual([{ code: '1' }]);
    expect(partOf(await item(item1), 'DING')).toMatchObject({ status: 'ASSIGNED', assignedOn: '2016-05-12' });
    const history = (await item(item1)).history.filter((entry) => entry.eventType === 'UnitAssigned').map((entry) => entry.occurredOn);
    expect(history).toEqual(['2016-04-26', '2016-04-26', '2016-05-10', '2016-05-12']);
  });

  it('a unit with a part on the withdrawn item is merged (S5): as of a day before the withdrawal, that part passes with the others', async () => {
    const merged = await app.graphql(`mutation($input: MergeUnitInput!) { mergeUnit(input: $input) { workPlanItemIds } }`, {
      input: { idempotencyKey: key('merge'), unitId: units.DING, successorUnitId: units.WU, reason: '机构改革', mergedOn: '2016-07-20' },
    }, await app.as('ADMIN'));
    expect(merged.errors).toBeUndefined();
    expect([...merged.data!.mergeUnit.workPlanItemIds].sort()).toEqual([item1, item3].sort());
    expect((await item(item3)).parts.map((part) => part.unitId)).toEqual([units.WU]);
    expect((await item(item3)).status).toBe('WITHDRAWN');
  });

  it('a file still naming the merged unit, re-imported, keeps its successor’s parts (S7): only the reworded item changes', async () => {
    const v3 = header + '一,推进五公开,1,推进决策公开,,青川市测试甲局,青川市测试乙局、青川市测试丙局、青川市测试丁局,2016-06-30\n' + '一,推进五公开,2,公开财政预决算（含部门预算）,,青川市测试乙局,,2016-06-30\n';
    const response = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { revision { unitsAdded { code } unitsRemoved { code } amended { code } } } }`, {
      input: { idempotencyKey: key('revise'), fileName: 'plan-2016-v3.csv', title: PLAN_TITLE, year: 2016, contentBase64: base64(v3), revise: true, withdrawMissing: true, assignedOn: '2016-09-01' },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data!.importWorkPlan.revision).toEqual({ unitsAdded: [], unitsRemoved: [], amended: [{ code: '2' }] });
    const after = await item(item1);
    expect(partOf(after, 'WU')).toMatchObject({ assignedOn: '2016-05-12' });
    expect(partOf(after, 'DING')).toBeUndefined();
    expect(after.history.some((entry) => entry.eventType === 'UnitUnassigned')).toBe(false);
    // The history says why the item changed in the office's language (events stored before keep `Revised by <file>`).
    const reasons = await app.graphql(`query($id: ID!) { workPlanItem(id: $id) { history { eventType details } } }`, { id: item2 });
    const details = (reasons.data!.workPlanItem.history as { eventType: string; details: string }[]).map((entry) => entry.details).join('\n');
    expect(details).toContain('依据 plan-2016-v3.csv 修订方案');
    expect(details).not.toContain('Revised by');
  });

  it('a file still naming a unit whose part was handed over (B6), re-imported, keeps the successor’s part with its progress', async () => {
    const successor = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, {
      input: { idempotencyKey: 'unit-JI', code: 'JI', name: '青川市测试己局', kind: 'DEPARTMENT', registeredOn: '2016-01-04' },
    }, await app.as('ADMIN'));
    const successorId = successor.data!.registerUnit.id as string;
    await mutate('handOverUnitParts', { unitId: units.YI, successorUnitId: successorId, reason: '职能划转', handedOverOn: '2016-08-01' }, await app.as('ADMIN'));
    expect((await item(item1)).parts.find((part) => part.unitId === successorId)).toMatchObject({ assignedOn: '2016-04-26' });
    const v4 = header + '一,推进五公开,1,推进决策公开,,青川市测试甲局,青川市测试乙局、青川市测试丙局、青川市测试丁局,2016-06-30\n' + '一,推进五公开,2,公开财政预决算（含部门预算和决算）,,青川市测试乙局,,2016-06-30\n';
    const response = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { revision { unitsAdded { code } unitsRemoved { code } amended { code } } } }`, {
      input: { idempotencyKey: key('revise'), fileName: 'plan-2016-v4.csv', title: PLAN_TITLE, year: 2016, contentBase64: base64(v4), revise: true, withdrawMissing: true, assignedOn: '2016-09-15' },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data!.importWorkPlan.revision).toEqual({ unitsAdded: [], unitsRemoved: [], amended: [{ code: '2' }] });
    const after = await item(item1);
    expect(after.parts.find((part) => part.unitId === successorId)).toMatchObject({ assignedOn: '2016-04-26' });
    expect(partOf(after, 'YI')).toBeUndefined();
    expect(after.history.some((entry) => entry.eventType === 'UnitUnassigned')).toBe(false);
    // 乙局's part of item 2, verified before the hand-over, stayed with it: the file naming it changes nothing there.
    expect(partOf(await item(item2), 'YI')).toMatchObject({ status: 'VERIFIED' });
  });
});
