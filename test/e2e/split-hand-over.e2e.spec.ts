import { PlanOffice } from '../support/plan-office.js';

/*
 * newcomer53-10 S1: a split of a unit's duties in a 机构改革 (职能划转). 青川市民政局 reported item 1 on 2026-06-20 (依申请公开,
 * awaiting inspection); on 2026-07-01 that duty moves to 青川市司法局 while its other items stay. Before: handOverUnitParts moved
 * every open part, and the per-item way (add 司法局, remove 民政局) dropped the report. Now handOverUnitParts with `only`
 * hands over the chosen items' parts alone, with their records; the unit keeps the rest and its later reports stay its own.
 * Asserted through GraphQL on the in-process app; the office day is 2026-07-10.
 */
const TITLE = '青川市2026年政务公开工作要点任务分解方案';
const PLAN =
  `${TITLE}\n序号,工作任务,牵头单位,配合单位,完成时限\n` +
  '一、依申请公开,,,,\n' +
  '1,修订依申请公开制度,青川市民政局,,2026-09-30\n' +
  '2,公开社会救助信息,青川市民政局,,2026-09-30\n' +
  '3,公开行政复议决定,青川市司法局,青川市民政局,2026-09-30\n' +
  '4,公开养老服务信息,青川市民政局,,2026-09-30\n' +
  '5,公开婚姻登记指南,青川市民政局,,2026-09-30\n';
const REASON = '机构改革：依申请公开职能划入司法局';
/** A second plan of the year with an item of the same code and title (newcomer56-10 S2): its title names no year. */
const OTHER_TITLE = '青川市社会救助信息公开专项行动方案';
const OTHER_PLAN = `${OTHER_TITLE}\n序号,工作任务,牵头单位,配合单位,完成时限\n一、救助信息,,,,\n2,公开社会救助信息,青川市民政局,,2026-10-31\n`;

describe('handing over chosen parts of a unit (职能划转, newcomer53-10 S1)', () => {
  let office: PlanOffice;
  let admin: Record<string, string>;
  /** The other plan's item 2. */
  let otherItem = '';
  const items = (...codes: string[]) => codes.map((code) => office.items[code]!);
  const handOver = (only: readonly string[] | undefined, handedOverOn = '2026-07-01', idempotencyKey?: string) =>
    office.app.graphql(
      `mutation($input: HandOverUnitPartsInput!) { handOverUnitParts(input: $input) { workPlanItemIds findingIds notices } }`,
      { input: { idempotencyKey: idempotencyKey ?? `split-${Math.random()}`, unitId: office.units.MZJ, successorUnitId: office.units.SFJ, reason: REASON, handedOverOn, ...(only ? { only } : {}) } },
      admin,
    );

  beforeAll(async () => {
    office = await PlanOffice.open({ now: '2026-07-10T09:00:00+08:00', units: { MZJ: '青川市民政局', SFJ: '青川市司法局' }, planTitle: TITLE, csv: PLAN, approvedOn: '2026-03-01', assignedOn: '2026-03-02' });
    admin = await office.app.as('ADMIN');
    expect(await office.report('1', 'MZJ', '2026-06-20')).toBeNull();
    expect(await office.report('4', 'MZJ', '2026-06-10')).toBeNull();
    expect(await office.pass('4', 'MZJ', '2026-06-25')).toBeNull();
    expect(await office.withdraw('5', '2026-06-30')).toBeNull();
    const other = await office.app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId } }`, {
      input: { idempotencyKey: 'other-plan', fileName: 'other.csv', title: OTHER_TITLE, year: 2026, contentBase64: Buffer.from(OTHER_PLAN).toString('base64'), approvedOn: '2026-03-01', assignedOn: '2026-03-02', separatePlan: true },
    });
    expect(other.errors).toBeUndefined();
    const outline = await office.app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id } } } }`, { id: other.data!.importWorkPlan.planId });
    otherItem = outline.data!.workPlan.categories[0].items[0].id;
  });

  afterAll(async () => {
    await office.app.close();
  });

  it('lists what may be chosen: the open parts a hand-over of the day would pass, each with its status and its plan (two plans’ item 2 told apart, newcomer56-10 S2)', async () => {
    const response = await office.app.graphql(`query($input: UnitHandOverChoicesInput!) { unitHandOverChoices(input: $input) { parentId kind label status on } }`, { input: { unitId: office.units.MZJ, on: '2026-07-01' } }, admin);
    expect(response.errors).toBeUndefined();
    expect(response.data!.unitHandOverChoices).toEqual(
      expect.arrayContaining([
        { parentId: office.items['1'], kind: 'WORK_PLAN_ITEM', label: `《${TITLE}》事项 1「修订依申请公开制度」`, status: 'REPORTED', on: '2026-07-01' },
        { parentId: office.items['2'], kind: 'WORK_PLAN_ITEM', label: `《${TITLE}》事项 2「公开社会救助信息」`, status: 'ASSIGNED', on: '2026-07-01' },
        { parentId: office.items['3'], kind: 'WORK_PLAN_ITEM', label: `《${TITLE}》事项 3「公开行政复议决定」`, status: 'ASSIGNED', on: '2026-07-01' },
        { parentId: otherItem, kind: 'WORK_PLAN_ITEM', label: `《${OTHER_TITLE}》（2026年）事项 2「公开社会救助信息」`, status: 'ASSIGNED', on: '2026-07-01' },
      ]),
    );
    expect(response.data!.unitHandOverChoices).toHaveLength(4);
    // The confirmation of a hand-over of that item names its plan too.
    const preview = await office.app.graphql(`query($input: UnitReorganizationPreviewInput!) { unitReorganizationPreview(input: $input) }`, { input: { unitId: office.units.MZJ, successorUnitId: office.units.SFJ, on: '2026-07-01', merge: false, only: [otherItem] } }, admin);
    expect(preview.data!.unitReorganizationPreview).toEqual([`《${OTHER_TITLE}》（2026年）事项 2「公开社会救助信息」：青川市民政局的部分自 2026-07-01 起移交青川市司法局（尚未完成报送）。`]);
  });

  it('a past day’s choices read each part as it stood that day, not today (breaker55-8 M3)', async () => {
    const response = await office.app.graphql(`query($input: UnitHandOverChoicesInput!) { unitHandOverChoices(input: $input) { parentId status on } }`, { input: { unitId: office.units.MZJ, on: '2026-06-15' } }, admin);
    expect(response.errors).toBeUndefined();
    const byItem = Object.fromEntries((response.data!.unitHandOverChoices as { parentId: string; status: string; on: string }[]).map((choice) => [choice.parentId, `${choice.status} ${choice.on}`]));
    // Item 1 reported on 06-20: not yet on 06-15. Item 4 reported 06-10, passed 06-25: awaiting inspection that day, not 已核验.
    // Item 5 withdrawn 06-30: still in the plan on 06-15.
    expect(byItem).toEqual({
      [office.items['1']!]: 'ASSIGNED 2026-06-15',
      [office.items['2']!]: 'ASSIGNED 2026-06-15',
      [office.items['3']!]: 'ASSIGNED 2026-06-15',
      [office.items['4']!]: 'REPORTED 2026-06-15',
      [office.items['5']!]: 'ASSIGNED 2026-06-15',
      [otherItem]: 'ASSIGNED 2026-06-15',
    });
  });

  it.each<[string, string[], string, RegExp]>([
    ['the successor already holds a part there', ['3'], 'CONFLICT', /^工作事项 3「公开行政复议决定」：青川市司法局在本工作事项已有任务（2026-07-01）：按工作事项移交（职能划转）不把两个单位的任务合为一项/],
    ['the part was verified by the day', ['4'], 'CONFLICT', /^工作事项 4「公开养老服务信息」：青川市民政局的任务已于 2026-06-25 确认完成/],
    ['the item was withdrawn by the day', ['5'], 'CONFLICT', /^工作事项 5「公开婚姻登记指南」：.*撤销/],
    ['one of two chosen cannot pass (all or nothing)', ['2', '4'], 'CONFLICT', /^工作事项 4/],
  ])('refuses, naming the item, when %s — nothing moves', async (_why, codes, code, zh) => {
    const response = await handOver(items(...codes));
    expect(response.errors?.[0]?.extensions?.code).toBe(code);
    expect(String(response.errors?.[0]?.extensions?.messageZh)).toMatch(zh);
    expect(await office.holders('2')).toEqual(['MZJ LEAD ASSIGNED 2026-09-30']);
  });

  it('refuses a day before the assignment, and an empty choice', async () => {
    const early = await handOver(items('1'), '2026-03-01');
    expect(early.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(String(early.errors?.[0]?.extensions?.messageZh)).toMatch(/2026-03-02/);
    const none = await handOver([]);
    expect(none.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'only' });
    expect(await office.holders('1')).toEqual(['MZJ LEAD REPORTED 2026-09-30']);
  });

  it('previews the chosen part alone, then hands it over with its report; the unit keeps its other parts and its later report', async () => {
    const preview = await office.app.graphql(`query($input: UnitReorganizationPreviewInput!) { unitReorganizationPreview(input: $input) }`, { input: { unitId: office.units.MZJ, successorUnitId: office.units.SFJ, on: '2026-07-01', merge: false, only: items('1') } }, admin);
    expect(preview.errors).toBeUndefined();
    expect(preview.data!.unitReorganizationPreview.join('\n')).toMatch(/事项 1/);
    expect(preview.data!.unitReorganizationPreview.join('\n')).not.toMatch(/事项 [23]/);

    const key = 'split-item-1';
    const response = await handOver(items('1'), '2026-07-01', key);
    expect(response.errors).toBeUndefined();
    expect(response.data!.handOverUnitParts).toMatchObject({ workPlanItemIds: items('1'), findingIds: [] });
    // The same request again (a retry): the same answer, nothing moved twice.
    expect((await handOver(items('1'), '2026-07-01', key)).data!.handOverUnitParts).toMatchObject({ workPlanItemIds: items('1') });

    expect(await office.holders('1')).toEqual(['SFJ LEAD REPORTED 2026-09-30 MZJ']);
    const page = await office.app.graphql(`query($id: ID!) { workPlanItem(id: $id) { parts { unitId reports { summary reportedOn } } } }`, { id: office.items['1'] });
    expect(page.data!.workPlanItem.parts).toEqual([{ unitId: office.units.SFJ, reports: [{ summary: '已整改', reportedOn: '2026-06-20' }] }]);
    expect(await office.holders('1', '2026-06-30')).toEqual(['MZJ LEAD REPORTED 2026-09-30']);
    // The successor's report is inspected as its own.
    expect(await office.pass('1', 'SFJ', '2026-07-05')).toBeNull();

    // The unit stays registered, not merged, with its other parts; its later report on them stays its own (a whole hand-over
    // recorded in the directory would have passed them to 司法局).
    expect(await office.holders('2')).toEqual(['MZJ LEAD ASSIGNED 2026-09-30']);
    expect(await office.report('2', 'MZJ', '2026-07-05')).toBeNull();
    expect(await office.holders('2')).toEqual(['MZJ LEAD REPORTED 2026-09-30']);
    expect(await office.holders('3')).toEqual(['MZJ RESPONSIBLE ASSIGNED 2026-09-30', 'SFJ LEAD ASSIGNED 2026-09-30']);
    const unit = await office.app.graphql(`query { units { code mergedIntoUnitId } }`, {}, admin);
    expect(unit.data!.units).toEqual(expect.arrayContaining([{ code: 'MZJ', mergedIntoUnitId: null }]));
    const choices = await office.app.graphql(`query($input: UnitHandOverChoicesInput!) { unitHandOverChoices(input: $input) { label } }`, { input: { unitId: office.units.MZJ } }, admin);
    expect(choices.data!.unitHandOverChoices.map((choice: { label: string }) => choice.label)).toEqual([`《${TITLE}》事项 2「公开社会救助信息」`, `《${TITLE}》事项 3「公开行政复议决定」`, `《${OTHER_TITLE}》（2026年）事项 2「公开社会救助信息」`]);
  });

  it('a split typed on the wrong day is redated, then retracted when it should never have been (breaker55-8 S4)', async () => {
    const supervisor = await office.app.as('SUPERVISOR');
    expect((await handOver(items('2'), '2026-07-06')).errors).toBeUndefined();
    expect(await office.holders('2')).toEqual(['SFJ LEAD REPORTED 2026-09-30 MZJ']);
    // 更正记录日期 from the successor's card: typed again on the right day, still the chosen part alone.
    const step = { itemId: office.items['2'], unitId: office.units.SFJ, record: 'HAND_OVER' };
    expect(await office.refusal('correctWorkPlanItemRecordDate', { ...step, previousOn: '2026-07-06', on: '2026-07-08', reason: '移交日期录错' }, supervisor)).toBeNull();
    expect(await office.holders('2', '2026-07-07')).toEqual(['MZJ LEAD REPORTED 2026-09-30']);
    expect(await office.holders('2')).toEqual(['SFJ LEAD REPORTED 2026-09-30 MZJ']);
    // Moved before 民政局's own report of 07-05: refused, naming it.
    const early = await office.refusal('correctWorkPlanItemRecordDate', { ...step, previousOn: '2026-07-08', on: '2026-07-02', reason: '移交日期录错' }, supervisor);
    expect(early).toEqual({ code: 'BAD_USER_INPUT', zh: expect.stringMatching(/青川市民政局 2026-07-05 的整改报告不再成立/) });
    // 撤销此记录: the part is 民政局's again, with its report, on every day; its 交办 could now be retracted too.
    expect(await office.refusal('retractWorkPlanItemRecord', { ...step, on: '2026-07-08', reason: '该事项不在划转范围' }, supervisor)).toBeNull();
    expect(await office.holders('2')).toEqual(['MZJ LEAD REPORTED 2026-09-30']);
    expect(await office.holders('2', '2026-07-09')).toEqual(['MZJ LEAD REPORTED 2026-09-30']);
    // One whose successor has worked on it since (item 1, passed 07-05): refused, naming that record to retract first.
    const worked = await office.refusal('retractWorkPlanItemRecord', { itemId: office.items['1'], unitId: office.units.SFJ, record: 'HAND_OVER', on: '2026-07-01', reason: '录错' }, supervisor);
    expect(worked).toEqual({ code: 'CONFLICT', zh: expect.stringMatching(/青川市司法局 2026-07-05 的督查不再成立.*请先撤销该督查记录，再撤销本移交/) });
    expect(await office.holders('1')).toEqual(['SFJ LEAD VERIFIED 2026-09-30 MZJ']);
  });

  it('a unit’s removal from an item typed on the wrong day is redated, then retracted (breaker55-8 S6)', async () => {
    const supervisor = await office.app.as('SUPERVISOR');
    expect(await office.refusal('removeWorkPlanItemUnit', { itemId: office.items['3'], unitId: office.units.MZJ, unassignedOn: '2026-07-06', reason: '配合单位调整' }, supervisor)).toBeNull();
    expect(await office.holders('3')).toEqual(['SFJ LEAD ASSIGNED 2026-09-30']);
    const step = { itemId: office.items['3'], unitId: office.units.MZJ, record: 'REMOVAL' };
    expect(await office.refusal('correctWorkPlanItemRecordDate', { ...step, previousOn: '2026-07-06', on: '2026-07-08', reason: '移除日期录错' }, supervisor)).toBeNull();
    expect(await office.holders('3', '2026-07-07')).toEqual(['MZJ RESPONSIBLE ASSIGNED 2026-09-30', 'SFJ LEAD ASSIGNED 2026-09-30']);
    expect(await office.holders('3')).toEqual(['SFJ LEAD ASSIGNED 2026-09-30']);
    expect(await office.refusal('retractWorkPlanItemRecord', { ...step, on: '2026-07-08', reason: '不应移除' }, supervisor)).toBeNull();
    expect(await office.holders('3')).toEqual(['MZJ RESPONSIBLE ASSIGNED 2026-09-30', 'SFJ LEAD ASSIGNED 2026-09-30']);
  });
});
