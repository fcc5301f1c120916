import { HEADER, typedTwice, withCorrectionLines } from '../support/plan-office.js';

/*
 * An office entering its paper files after a reorganisation (机构改革, issue 8; breaker8p): 物价局 merged into 发改局 on
 * 2026-07-01, the directory typed first, then 物价局's papers dated before the merge. Each fact is taken as the same papers
 * typed in date order take it — every view a supervisor reads (the item's and the finding's pages, the plan, 单位排名, 待督查,
 * the exports) agrees with the office that typed them in date order, on every day asked and now.
 *
 * P3: 物价局's report and extension request dated before the merge, on an item and a finding 发改局 also had a part of (a join),
 * were refused to everyone — 发改局's clerk 「只有物价局…的用户可以报送…」, a new 物价局 account 「已并入…」. 发改局's clerk holds
 * 物价局's records now and enters them, as on a part 物价局 held alone; another unit's clerk may not.
 */
const TITLE = '青川市2026年政务公开工作要点（并入后补录测试）';
const UNITS = { PRICE: '青川县物价补录局', REFORM: '青川县发改补录局', OTHER: '青川县其他补录局' };
const DAYS = ['2026-06-04', '2026-06-05', '2026-06-10', '2026-06-15', '2026-06-30', '2026-07-01', '2026-08-18', undefined];
const EVIDENCE = [{ title: '公开页面', link: 'https://www.example.gov.cn/x' }];

describe('a merged unit’s papers dated before the merge, typed after it, on parts its successor also had (breaker8p P3)', () => {
  const offices = typedTwice({
    now: '2026-11-30T09:00:00+08:00',
    units: UNITS,
    planTitle: TITLE,
    csv: `${HEADER}一,公开平台,1,整合政府网站公开专栏,,${UNITS.PRICE},${UNITS.REFORM},2026-06-30\n`,
    approvedOn: '2026-04-01',
    assignedOn: '2026-04-02',
  });

  it('takes 物价局’s extension request and reports entered by 发改局’s clerk after the merge, as in date order', async () => {
    const { inDateOrder, asTyped } = offices;
    for (const office of [inDateOrder, asTyped]) await office.recordFinding({ title: '依申请公开渠道不畅', unit: 'PRICE', dueDate: '2026-06-15', responsible: { REFORM: '2026-06-30' } });
    const papers = (office: typeof inDateOrder) => ({
      request: { findingId: office.findingId, unitId: office.units.PRICE, requestedDueDate: '2026-07-31', reason: '系统改版', requestedOn: '2026-06-05' },
      findingReport: { findingId: office.findingId, unitId: office.units.PRICE, summary: '已整改', evidence: EVIDENCE, reportedOn: '2026-06-10' },
      itemReport: { itemId: office.items['1'], unitId: office.units.PRICE, summary: '已整改', evidence: EVIDENCE, reportedOn: '2026-06-10' },
    });

    // In date order, by 物价局's own clerk, then the merge.
    const price = await inDateOrder.app.as('UNIT', inDateOrder.units.PRICE);
    expect(await inDateOrder.refusal('requestExtension', papers(inDateOrder).request, price)).toBeNull();
    expect(await inDateOrder.refusal('reportRectification', papers(inDateOrder).findingReport, price)).toBeNull();
    expect(await inDateOrder.refusal('reportWorkPlanItem', papers(inDateOrder).itemReport, price)).toBeNull();
    expect(await inDateOrder.reorganise('mergeUnit', 'PRICE', 'REFORM', '2026-07-01')).toBeNull();

    // As typed: the merge first; then 物价局's papers, which 发改局 holds now.
    expect(await asTyped.reorganise('mergeUnit', 'PRICE', 'REFORM', '2026-07-01')).toBeNull();
    const other = await asTyped.app.as('UNIT', asTyped.units.OTHER);
    for (const [name, input] of [['requestExtension', papers(asTyped).request], ['reportRectification', papers(asTyped).findingReport], ['reportWorkPlanItem', papers(asTyped).itemReport]] as const) {
      expect(await asTyped.refusal(name, input, other)).toMatchObject({ code: 'FORBIDDEN', zh: expect.stringMatching(/^只有青川县物价补录局的用户可以/u) });
    }
    const reform = await asTyped.app.as('UNIT', asTyped.units.REFORM);
    expect(await asTyped.refusal('requestExtension', papers(asTyped).request, reform)).toBeNull();
    expect(await asTyped.refusal('reportRectification', papers(asTyped).findingReport, reform)).toBeNull();
    expect(await asTyped.refusal('reportWorkPlanItem', papers(asTyped).itemReport, reform)).toBeNull();
    // Its work from the merge on is 发改局's own: refused naming the merge, as before.
    expect(await asTyped.refusal('reportWorkPlanItem', { ...papers(asTyped).itemReport, reportedOn: '2026-07-05' }, reform)).toMatchObject({ code: 'CONFLICT', zh: expect.stringMatching(/已于 2026-07-01 并入青川县发改补录局/u) });
  });

  it('every view agrees with the papers typed in date order, on every day and now', async () => {
    for (const day of DAYS) expect([day, await offices.asTyped.views(day)]).toEqual([day, await offices.inDateOrder.views(day)]);
    // Before the merge 物价局's part of the finding stood reported, its extension pending.
    const page = await offices.asTyped.app.graphql(`query($id: ID!) { finding(id: $id, asOf: "2026-06-30") { assignments { unit { name } status reports { reportedOn } extensionRequests { status requestedOn } } } }`, { id: offices.asTyped.findingId });
    expect(page.data!.finding.assignments).toContainEqual({ unit: { name: UNITS.PRICE }, status: 'REPORTED', reports: [{ reportedOn: '2026-06-10' }], extensionRequests: [{ status: 'PENDING', requestedOn: '2026-06-05' }] });
  });
});

/*
 * P4: a pass entered by mistake for 物价局 (06-15; the sheet says it failed), whose unit merged into 发改局 since (07-01), could
 * never be corrected to a failure — 「…已并入…，不再承担新的工作」 — and the finding and the item stayed closed on it for good.
 * Corrected now as date order takes the failure: the part comes back to 物价局 on 06-15 and passes to 发改局 on the merge day.
 */
/**
 * As typed, the pass was corrected to a failure on the office day 2026-11-30: the exports' 督查结果 cell lists the correction
 * under the failure (newcomer46-8 M2) while it is the part's latest inspection.
 */
const CORRECTED_TO_FAILURE = {
  '未通过（2026-06-15）：督查结论录错：专栏未开通': '更正（2026-11-30，SUPERVISOR）：结论由通过改为不通过；理由：督查结论录错：专栏未开通',
};

describe('a pass entered by mistake for a unit merged since, corrected to a failure (breaker8p P4)', () => {
  const offices = typedTwice({
    now: '2026-11-30T09:00:00+08:00',
    units: UNITS,
    planTitle: TITLE,
    csv: `${HEADER}一,公开平台,1,整合政府网站公开专栏,,${UNITS.PRICE},,2026-06-20\n`,
    approvedOn: '2026-04-01',
    assignedOn: '2026-04-02',
  });

  it('takes the correction after the merge as the failure typed in date order', async () => {
    const { inDateOrder, asTyped } = offices;
    for (const office of [inDateOrder, asTyped]) {
      await office.recordFinding({ title: '价格信息公开不全', unit: 'PRICE', dueDate: '2026-06-20' });
      expect(await office.report('1', 'PRICE', '2026-06-10')).toBeNull();
      expect(await office.reportFinding('PRICE', '2026-06-10')).toBeNull();
    }
    expect(await inDateOrder.inspect('1', 'PRICE', '2026-06-15', 'FAILED')).toBeNull();
    expect(await inDateOrder.inspectFinding('PRICE', '2026-06-15', 'FAILED')).toBeNull();
    expect(await inDateOrder.reorganise('mergeUnit', 'PRICE', 'REFORM', '2026-07-01')).toBeNull();

    expect(await asTyped.inspect('1', 'PRICE', '2026-06-15', 'PASSED')).toBeNull();
    expect(await asTyped.inspectFinding('PRICE', '2026-06-15', 'PASSED')).toBeNull();
    expect(await asTyped.reorganise('mergeUnit', 'PRICE', 'REFORM', '2026-07-01')).toBeNull();
    // Moved to the merge day it would be 物价局's work after the merge: refused naming the successor.
    expect(await asTyped.correctInspection('1', 'PRICE', { outcome: 'FAILED', newDueDate: '2026-09-30', inspectedOn: '2026-07-01' })).toMatchObject({ code: 'CONFLICT', zh: expect.stringMatching(/已于 2026-07-01 并入青川县发改补录局/u) });
    expect(await asTyped.correctInspection('1', 'PRICE', { outcome: 'FAILED', newDueDate: '2026-09-30' })).toBeNull();
    expect(await asTyped.correctFindingInspection('PRICE', { outcome: 'FAILED', newDueDate: '2026-09-30' })).toBeNull();
    expect(await asTyped.holders('1')).toEqual(['REFORM LEAD RETURNED 2026-09-30 PRICE']);
  });

  it('every view agrees with the failure typed in date order, on every day and now; 发改局 then reports and passes in both', async () => {
    for (const day of DAYS) expect([day, await offices.asTyped.views(day)]).toEqual([day, withCorrectionLines(await offices.inDateOrder.views(day), CORRECTED_TO_FAILURE)]);
    for (const office of [offices.inDateOrder, offices.asTyped]) {
      expect(await office.report('1', 'REFORM', '2026-07-10')).toBeNull();
      expect(await office.reportFinding('REFORM', '2026-07-10')).toBeNull();
      expect(await office.inspect('1', 'REFORM', '2026-07-20', 'PASSED')).toBeNull();
      expect(await office.inspectFinding('REFORM', '2026-07-20', 'PASSED')).toBeNull();
    }
    for (const day of ['2026-07-10', '2026-07-20', undefined]) expect([day, await offices.asTyped.views(day)]).toEqual([day, withCorrectionLines(await offices.inDateOrder.views(day), CORRECTED_TO_FAILURE)]);
  });
});

/*
 * P6: a merge typed with a wrong day (2026-05-01 for 2026-07-01) could never be corrected — sent again, 「合并日期不能这样更正」 named
 * no other way — and the watch rule hung on that day: 发改局 counted overdue for 物价局's days, 物价局's June report refused for
 * good. `correctUnitMergeDate` moves the merge to its right day: the parts pass again on it, and every view reads as if the merge
 * had been typed with it.
 */
describe('a merge typed with a wrong day, corrected (breaker8p P6)', () => {
  const offices = typedTwice({
    now: '2026-11-30T09:00:00+08:00',
    units: UNITS,
    planTitle: TITLE,
    csv: `${HEADER}一,公开平台,1,整合政府网站公开专栏,,${UNITS.PRICE},,2026-05-31\n`,
    approvedOn: '2026-04-01',
    assignedOn: '2026-04-02',
  });
  const correct = async (office: typeof offices.inDateOrder, previousMergedOn: string, mergedOn: string) =>
    office.refusal('correctUnitMergeDate', { unitId: office.units.PRICE, previousMergedOn, mergedOn, reason: '合并日期录错，以机构改革文件为准' }, await office.app.as('ADMIN'));

  it('moves the merge to its day: the parts pass again on it, and 物价局’s June report is taken', async () => {
    const { inDateOrder, asTyped } = offices;
    for (const office of [inDateOrder, asTyped]) await office.recordFinding({ title: '价格收费目录未更新', unit: 'PRICE', dueDate: '2026-05-31' });
    expect(await inDateOrder.reorganise('mergeUnit', 'PRICE', 'REFORM', '2026-07-01')).toBeNull();
    expect(await asTyped.reorganise('mergeUnit', 'PRICE', 'REFORM', '2026-05-01')).toBeNull();
    // Sent again with the right day it is refused, now naming the way.
    expect(await asTyped.refusal('mergeUnit', { unitId: asTyped.units.PRICE, successorUnitId: asTyped.units.REFORM, reason: '机构改革', mergedOn: '2026-07-01' }, await asTyped.app.as('ADMIN'))).toMatchObject({ code: 'CONFLICT', zh: expect.stringMatching(/更正合并日期/u) });
    // The form read another day: refused by the one rule of such races (issue 9), naming who set the day in force; nothing written.
    expect(await correct(asTyped, '2026-04-30', '2026-07-01')).toMatchObject({ code: 'CONFLICT', zh: expect.stringMatching(/的日期刚由.+改为 2026-05-01（北京时间 .+；表单显示的是 2026-04-30）：请确认后再调整，本次未作修改。$/u) });
    expect(await correct(asTyped, '2026-05-01', '2026-07-01')).toBeNull();
    expect(await asTyped.holders('1')).toEqual(['REFORM LEAD ASSIGNED 2026-05-31 PRICE']);
    expect(await asTyped.holders('1', '2026-06-30')).toEqual(['PRICE LEAD ASSIGNED 2026-05-31']);
    // 物价局's report of 06-20, entered by 发改局's clerk, is 物价局's work then.
    for (const office of [inDateOrder, asTyped]) {
      const reform = await office.app.as('UNIT', office.units.REFORM);
      expect(await office.refusal('reportWorkPlanItem', { itemId: office.items['1'], unitId: office.units.PRICE, summary: '已整改', evidence: EVIDENCE, reportedOn: '2026-06-20' }, reform)).toBeNull();
      expect(await office.refusal('reportRectification', { findingId: office.findingId, unitId: office.units.PRICE, summary: '已整改', evidence: EVIDENCE, reportedOn: '2026-06-20' }, reform)).toBeNull();
    }
  });

  it('every view agrees with the merge typed with its right day, on every day and now; the directory reads the corrected day', async () => {
    for (const day of ['2026-05-01', '2026-06-15', '2026-06-20', '2026-07-01', '2026-08-18', undefined]) expect([day, await offices.asTyped.views(day)]).toEqual([day, await offices.inDateOrder.views(day)]);
    const units = await offices.asTyped.app.graphql(`query { units { name mergedOn } }`, {}, await offices.asTyped.app.as('ADMIN'));
    expect(units.data!.units).toContainEqual({ name: UNITS.PRICE, mergedOn: '2026-07-01' });
  });

  it('is refused, naming the record, when the successor has a record of its own on a part the merge passed (made while the wrong day stood)', async () => {
    const { asTyped } = offices;
    // The June report awaits inspection: the inspector's failure of 07-10 is the successor's record on the part.
    expect(await asTyped.inspect('1', 'REFORM', '2026-07-10', 'FAILED')).toBeNull();
    const refused = await correct(asTyped, '2026-07-01', '2026-07-05');
    expect(refused).toMatchObject({ code: 'CONFLICT', zh: expect.stringMatching(/^(工作事项 1|问题)「.+」：青川县物价补录局的合并日期不能更正为 2026-07-05：.*2026-07-10 的记录/u) });
  });
});
