import { errorCode, startTestApp, type TestApp } from '../support/test-app.js';
import { namedMutations } from '../support/named-mutations.js';

/**
 * breaker8d P7 (breaker8c P14's kind, for parts not yet verified): a unit taken off a work-plan item
 * on 2016-08-01 while its report awaited inspection left the item open until that day — the removal,
 * not the other unit's pass of 06-25, completed it, on every view. The June inspection sheet found
 * later (a pass of 06-28, while the unit still held the part) is judged on its day: accepted, the part
 * stays on the item as verified work and the item is completed on 06-28 — what entering the facts in
 * date order gives (the removal is then refused: verified work stays). A fact dated on or after the
 * removal is refused naming it. Asserted through HTTP GraphQL on a real SQLite file.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

const CSV =
  '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n' +
  '一,重点领域,1,公开住房保障信息,,青川县财政局,青川县住房和城乡建设局,2016-06-30\n' +
  '一,重点领域,2,公开棚户区改造信息,,青川县财政局,青川县住房和城乡建设局,2016-06-30\n' +
  '一,重点领域,3,公开保障房分配信息,,青川县财政局,青川县住房和城乡建设局,2016-06-30\n' +
  '一,重点领域,4,公开公租房配租信息,,青川县财政局,青川县住房和城乡建设局,2016-06-30\n' +
  '一,重点领域,5,公开住房公积金信息,,青川县财政局,青川县住房和城乡建设局,2016-06-30\n' +
  '一,重点领域,6,公开农村危房改造信息,,青川县财政局,青川县住房和城乡建设局,2016-06-30\n';

interface Item {
  status: string;
  completedOn: string | null;
  parts: { unitId: string; status: string; verifiedOn: string | null }[];
}

describe('a unit taken off an item before its part was verified: the item is open until then, and its earlier facts are still entered (breaker8d P7)', () => {
  let app: TestApp;
  const units: Record<'CZJ' | 'ZJJ', string> = { CZJ: '', ZJJ: '' };
  const items: Record<'late' | 'inDateOrder', string> = { late: '', inDateOrder: '' };
  let third: string;
  let fourth: string;
  let fifth: string;
  let sixth: string;

  const { call, mutate } = namedMutations(() => app, key);
  const item = async (itemId: string, asOf?: string): Promise<Item> => {
    const response = await app.graphql(`query($id: ID!, $asOf: String) { workPlanItem(id: $id, asOf: $asOf) { status completedOn parts { unitId status verifiedOn } } }`, { id: itemId, ...(asOf ? { asOf } : {}) });
    expect(response.errors).toBeUndefined();
    return response.data!.workPlanItem;
  };
  const completions = async (itemId: string) => {
    const history = await app.graphql(`query($id: ID!) { workPlanItem(id: $id) { history { eventType occurredOn closeOutUndone } } }`, { id: itemId });
    expect(history.errors).toBeUndefined();
    return (history.data!.workPlanItem.history as { eventType: string; occurredOn: string; closeOutUndone: string | null }[]).filter((entry) => entry.eventType === 'WorkPlanItemCompleted').map(({ occurredOn, closeOutUndone }) => ({ occurredOn, closeOutUndone }));
  };
  const report = async (itemId: string, code: 'CZJ' | 'ZJJ', reportedOn: string) =>
    mutate('reportWorkPlanItem', { itemId, unitId: units[code], summary: '已公开', evidence: [{ title: '公开页面', link: 'https://www.example.gov.cn/x' }], reportedOn }, await app.as('UNIT', units[code]));
  const inspect = async (itemId: string, code: 'CZJ' | 'ZJJ', inspectedOn: string) =>
    call('logWorkPlanItemInspection', { itemId, unitId: units[code], outcome: 'PASSED', notes: '核实已公开', inspectedOn, place: '现场' }, await app.as('INSPECTOR'));
  const remove = (itemId: string) => call('removeWorkPlanItemUnit', { itemId, unitId: units.ZJJ, reason: '职责调整', unassignedOn: '2016-08-01' });

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-30T10:00:00+08:00' });
    const admin = await app.as('ADMIN');
    for (const [code, name] of [['CZJ', '青川县财政局'], ['ZJJ', '青川县住房和城乡建设局']] as const) {
      const response = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, {
        input: { idempotencyKey: `unit-${code}`, code, name, kind: 'DEPARTMENT', registeredOn: '2016-01-04' },
      }, admin);
      expect(response.errors).toBeUndefined();
      units[code] = response.data!.registerUnit.id;
    }
    const imported = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId } }`, {
      input: { idempotencyKey: key('plan'), fileName: 'plan-2016.csv', title: '青川县2016年政务公开工作要点', year: 2016, contentBase64: Buffer.from(CSV).toString('base64'), approvedOn: '2016-04-25', assignedOn: '2016-05-01' },
    });
    expect(imported.errors).toBeUndefined();
    const plan = await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id code } } } }`, { id: imported.data!.importWorkPlan.planId });
    const [first, second, last, fourthItem, fifthItem, sixthItem] = plan.data!.workPlan.categories[0].items as { id: string }[];
    fourth = fourthItem!.id;
    fifth = fifthItem!.id;
    sixth = sixthItem!.id;
    items.late = first!.id;
    items.inDateOrder = second!.id;
    third = last!.id;
    for (const itemId of Object.values(items)) {
      await report(itemId, 'CZJ', '2016-06-10');
      // 住建局 reports items.inDateOrder only: a part whose report awaits inspection is not removed (newcomer53-10 S1).
      if (itemId === items.inDateOrder) await report(itemId, 'ZJJ', '2016-06-20');
      expect((await inspect(itemId, 'CZJ', '2016-06-25')).errors).toBeUndefined();
    }
  });

  afterAll(async () => {
    await app?.close();
  });

  it('completes the item on the day of the removal, not before it: it was open until then on every view', async () => {
    expect((await remove(items.late)).errors).toBeUndefined();
    expect(await item(items.late)).toMatchObject({ status: 'COMPLETED', completedOn: '2016-08-01', parts: [{ unitId: units.CZJ, status: 'VERIFIED' }] });
    expect(await item(items.late, '2016-07-31')).toMatchObject({ status: 'OPEN', completedOn: null });
    expect(await item(items.late, '2016-08-01')).toMatchObject({ status: 'COMPLETED', completedOn: '2016-08-01' });
  });

  // A removal while the unit's report awaited inspection, its pass found in the files later, no longer arises: such a removal is
  // refused (newcomer53-10 S1) — the pass is entered first, and then the removal of verified work is refused, as in date order.
  it('a report awaiting inspection keeps the unit on the item; its pass entered, the removal of verified work is refused', async () => {
    expect(errorCode(await remove(items.inDateOrder))).toBe('CONFLICT');
    expect((await inspect(items.inDateOrder, 'ZJJ', '2016-06-28')).errors).toBeUndefined();
    expect(errorCode(await remove(items.inDateOrder))).toBe('CONFLICT');
    const expected = { status: 'COMPLETED', completedOn: '2016-06-28', parts: [{ unitId: units.CZJ, status: 'VERIFIED', verifiedOn: '2016-06-25' }, { unitId: units.ZJJ, status: 'VERIFIED', verifiedOn: '2016-06-28' }] };
    for (const asOf of [undefined, '2016-08-01', '2016-07-31', '2016-06-28']) expect(await item(items.inDateOrder, asOf)).toEqual(expected);
  });

  // breaker54-8 S4: the removal completed the item (住建局 unreported as typed); its paper report and pass, dated while it held the
  // part, turn up afterwards. The report was refused 「该工作事项已销号，不再接收整改报告」 and the pass asked for that report.
  it('the removal completed the item: the unit’s earlier report and pass are entered, and the item is completed on the pass’s day', async () => {
    await report(fourth, 'CZJ', '2016-06-10');
    expect((await inspect(fourth, 'CZJ', '2016-06-25')).errors).toBeUndefined();
    expect((await remove(fourth)).errors).toBeUndefined();
    expect(await item(fourth)).toMatchObject({ status: 'COMPLETED', completedOn: '2016-08-01' });
    expect((await report(fourth, 'ZJJ', '2016-06-20')).errors).toBeUndefined();
    expect((await inspect(fourth, 'ZJJ', '2016-06-28')).errors).toBeUndefined();
    const expected = { status: 'COMPLETED', completedOn: '2016-06-28', parts: [{ unitId: units.CZJ, status: 'VERIFIED', verifiedOn: '2016-06-25' }, { unitId: units.ZJJ, status: 'VERIFIED', verifiedOn: '2016-06-28' }] };
    for (const asOf of [undefined, '2016-08-01', '2016-07-31', '2016-06-28']) expect(await item(fourth, asOf)).toEqual(expected);
    expect(await item(fourth, '2016-06-27')).toMatchObject({ status: 'OPEN', completedOn: null });
    const history = await app.graphql(`query($id: ID!) { workPlanItem(id: $id) { history { eventType occurredOn closeOutUndone } } }`, { id: fourth });
    // The 完成 the removal wrote no longer stands; the pass's does.
    const completions = (history.data!.workPlanItem.history as { eventType: string; occurredOn: string; closeOutUndone: string | null }[]).filter((entry) => entry.eventType === 'WorkPlanItemCompleted');
    expect(completions).toEqual([{ eventType: 'WorkPlanItemCompleted', occurredOn: '2016-08-01', closeOutUndone: '此完成不成立' }, { eventType: 'WorkPlanItemCompleted', occurredOn: '2016-06-28', closeOutUndone: null }]);
  });

  it('refuses a fact of the removed unit dated on or after its removal, naming it', async () => {
    const itemId = third;
    await report(itemId, 'ZJJ', '2016-06-20');
    // Not while its report awaits inspection (newcomer53-10 S1): sent back first.
    expect(errorCode(await remove(itemId))).toBe('CONFLICT');
    expect((await call('sendBackWorkPlanItemReport', { itemId, unitId: units.ZJJ, sentBackOn: '2016-07-01', newDueDate: '2016-07-31', reason: '材料不全' })).errors).toBeUndefined();
    expect((await remove(itemId)).errors).toBeUndefined();
    const refused = await inspect(itemId, 'ZJJ', '2016-08-05');
    expect(errorCode(refused)).toBe('NOT_FOUND');
    expect(refused.errors![0]!.extensions!.messageZh).toBe('青川县住房和城乡建设局的任务已于 2016-08-01 移出本事项（职责调整）；只能补录该日期之前的记录。');
  });

  // h57a (breaker55-8 S2): the removal completed the item (住建局 unreported as typed); its paper report, dated while it held the
  // part, turns up with no pass yet. It showed on no part — the item read 完成 as if the report never happened. Date order refuses
  // that removal while the report awaits inspection (newcomer53-10 S1): the report keeps the part on the item, the item open.
  it('the removal completed the item: the unit’s earlier report, entered with no pass, keeps its part on the item awaiting inspection', async () => {
    await report(fifth, 'CZJ', '2016-06-10');
    expect((await inspect(fifth, 'CZJ', '2016-06-25')).errors).toBeUndefined();
    expect((await remove(fifth)).errors).toBeUndefined();
    expect(await item(fifth)).toMatchObject({ status: 'COMPLETED', completedOn: '2016-08-01' });
    expect((await report(fifth, 'ZJJ', '2016-06-20')).errors).toBeUndefined();
    const awaiting = { status: 'OPEN', completedOn: null, parts: [{ unitId: units.CZJ, status: 'VERIFIED', verifiedOn: '2016-06-25' }, { unitId: units.ZJJ, status: 'REPORTED', verifiedOn: null }] };
    for (const asOf of [undefined, '2016-08-01', '2016-07-31', '2016-06-25']) expect(await item(fifth, asOf)).toEqual(awaiting);
    // The 完成 the removal wrote no longer stands while the report awaits inspection.
    expect(await completions(fifth)).toEqual([{ occurredOn: '2016-08-01', closeOutUndone: '此完成不成立' }]);
    expect(await item(fifth, '2016-06-19')).toMatchObject({ status: 'OPEN', parts: [{ unitId: units.CZJ }, { unitId: units.ZJJ, status: 'ASSIGNED' }] });
    // The send-back of 07-01 found next: by date the removal found the part returned and took it off — the item 完成 on 08-01 again.
    expect((await call('sendBackWorkPlanItemReport', { itemId: fifth, unitId: units.ZJJ, sentBackOn: '2016-07-01', newDueDate: '2016-07-31', reason: '材料不全' })).errors).toBeUndefined();
    const completed = { status: 'COMPLETED', completedOn: '2016-08-01', parts: [{ unitId: units.CZJ, status: 'VERIFIED', verifiedOn: '2016-06-25' }] };
    // It stands again; the one written with the send-back says it is the same 完成 written again.
    expect(await completions(fifth)).toEqual([{ occurredOn: '2016-08-01', closeOutUndone: null }, { occurredOn: '2016-08-01', closeOutUndone: '重记，同 2016-08-01 完成' }]);
    for (const asOf of [undefined, '2016-08-01']) expect(await item(fifth, asOf)).toEqual(completed);
    expect(await item(fifth, '2016-07-31')).toMatchObject({ status: 'OPEN', parts: [{ unitId: units.CZJ }, { unitId: units.ZJJ, status: 'RETURNED' }] });
  });

  it('the part kept on, urged after the removal: a send-back dated before the removal is refused naming it, nothing recorded', async () => {
    await report(sixth, 'CZJ', '2016-06-10');
    expect((await inspect(sixth, 'CZJ', '2016-06-25')).errors).toBeUndefined();
    expect((await remove(sixth)).errors).toBeUndefined();
    expect((await report(sixth, 'ZJJ', '2016-06-20')).errors).toBeUndefined();
    expect((await call('urgeWorkPlanItemUnit', { itemId: sixth, unitId: units.ZJJ, message: '请尽快补充材料', urgedOn: '2016-08-05' })).errors).toBeUndefined();
    const refused = await call('sendBackWorkPlanItemReport', { itemId: sixth, unitId: units.ZJJ, sentBackOn: '2016-07-01', newDueDate: '2016-07-31', reason: '材料不全' });
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(refused.errors![0]!.extensions!.messageZh).toMatch(/2016-08-05 的催办不再成立：该任务已于 2016-08-01 移出本事项（职责调整）/);
    expect(await item(sixth)).toMatchObject({ status: 'OPEN', completedOn: null, parts: [{ unitId: units.CZJ }, { unitId: units.ZJJ, status: 'REPORTED' }] });
  });
});
