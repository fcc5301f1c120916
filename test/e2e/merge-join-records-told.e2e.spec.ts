import { HEADER, PlanOffice } from '../support/plan-office.js';

/*
 * newcomer51-10 S1 (serious): 青川市工商行政管理局 (lead of item 1, 配合 on a finding) reported on 10-15 and was merged on 11-01
 * into 青川市市场监督管理局, which held its own, unreported part of both: the joined part went back to 整改中 with `reports: []`,
 * out of 待督查, and nothing — not the 单位名录 dialog, not the merge's answer, not the part — said where the report went.
 * The rule stands (the joined part goes on with the record owing the most work: a report for one unit's share does not answer
 * another's, breaker8n P1), and now it is said: the dialog's preview (`unitReorganizationPreview`) and `mergeUnit`'s
 * `notices` name each part and what happens to its pending report; the joined part lists the record set aside
 * (`joinedRecords`: its report, 并入时待督查, and that the successor reports for both). A part moved to a unit without one of
 * its own keeps its report awaiting inspection, and says so.
 */
const CSV =
  HEADER +
  '一,市场监管,1,市场监管信息公开,,青川市测试工商局,青川市测试市场监管局,2026-12-31\n' +
  '一,市场监管,2,双随机抽查结果公开,,青川市测试工商局,,2026-12-31\n';
const UNITS = { GSJ: '青川市测试工商局', SCJ: '青川市测试市场监管局' };

describe('a merge into a unit holding a part of the same item or finding tells what happens to the merged unit’s report (newcomer51-10 S1)', () => {
  let office: PlanOffice;
  beforeAll(async () => {
    office = await PlanOffice.open({ now: '2026-12-07T09:00:00+08:00', units: UNITS, planTitle: '青川市2026年政务公开工作要点（合并告知测试）', csv: CSV, approvedOn: '2026-02-20', assignedOn: '2026-02-25' });
    await office.recordFinding({ title: '门户网站存在错链', unit: 'SCJ', dueDate: '2026-12-31', responsible: { GSJ: '2026-12-31' } });
    expect(await office.report('1', 'GSJ', '2026-10-15')).toBeNull();
    expect(await office.report('2', 'GSJ', '2026-10-15')).toBeNull();
    expect(await office.reportFinding('GSJ', '2026-10-15')).toBeNull();
  });
  afterAll(() => office?.app.close());

  const PREVIEW = [
    '《2026年度政务公开第三方评估（门户网站存在错链）》问题「门户网站存在错链」：青川市测试市场监管局已承担该项的一部分，青川市测试工商局的部分自 2026-11-01 起并入，两部分合为一项（牵头）；青川市测试市场监管局的部分尚未报送，合并后的任务按其记录办理：青川市测试工商局待督查的报告（2026-10-15）不再待督查（留在该任务的“并入的记录”中，一份报告不能代替另一单位的部分），须由青川市测试市场监管局为合并后的任务报送整改情况（可引用该报告）。',
    '《青川市2026年政务公开工作要点（合并告知测试）》事项 1「市场监管信息公开」：青川市测试市场监管局已承担该项的一部分，青川市测试工商局的部分自 2026-11-01 起并入，两部分合为一项（牵头）；青川市测试市场监管局的部分尚未报送，合并后的任务按其记录办理：青川市测试工商局待督查的报告（2026-10-15）不再待督查（留在该任务的“并入的记录”中，一份报告不能代替另一单位的部分），须由青川市测试市场监管局为合并后的任务报送整改情况（可引用该报告）。',
    '《青川市2026年政务公开工作要点（合并告知测试）》事项 2「双随机抽查结果公开」：青川市测试工商局的部分自 2026-11-01 起移交青川市测试市场监管局，其待督查的报告（2026-10-15）随同移交，仍待督查。',
  ];

  it('the 单位名录 dialog’s preview says, before anything is written, what happens to each part’s pending report; mergeUnit answers the same', async () => {
    const input = { unitId: office.units.GSJ, successorUnitId: office.units.SCJ, on: '2026-11-01' };
    const preview = await office.app.graphql(`query($input: UnitReorganizationPreviewInput!) { unitReorganizationPreview(input: $input) }`, { input }, await office.app.as('ADMIN'));
    expect(preview.errors).toBeUndefined();
    expect(preview.data!.unitReorganizationPreview).toEqual(PREVIEW);
    const merged = await office.app.graphql(`mutation($input: MergeUnitInput!) { mergeUnit(input: $input) { notices } }`, {
      input: { idempotencyKey: 'merge-gsj', unitId: office.units.GSJ, successorUnitId: office.units.SCJ, mergedOn: '2026-11-01', reason: '机构改革：组建市场监督管理局' },
    }, await office.app.as('ADMIN'));
    expect(merged.errors).toBeUndefined();
    expect(merged.data!.mergeUnit.notices).toEqual(PREVIEW);
  });

  it('the joined part lists the merged unit’s record — its report 并入时待督查 and that the successor reports for both — for the successor’s own clerk too; the moved part still awaits inspection', async () => {
    const JOINED = [
      '2026-11-01 青川市测试工商局（牵头）的任务并入本单位的任务，其记录留存（报告待督查）：2026-10-15 报送整改报告“已整改”（并入时待督查）。合并后的任务按青川市测试市场监管局的记录办理（一份报告不能代替另一单位的部分）：该报告不再待督查，须由本单位为合并后的任务报送整改情况（可引用该报告）。',
    ];
    for (const role of ['SUPERVISOR', 'UNIT'] as const) {
      const headers = role === 'UNIT' ? await office.app.as('UNIT', office.units.SCJ) : await office.app.as('SUPERVISOR');
      const item = await office.app.graphql(`query($id: ID!) { workPlanItem(id: $id) { parts { unitId role status reports { summary } joinedRecords } } }`, { id: office.items['1'] }, headers);
      expect(item.errors).toBeUndefined();
      expect(item.data!.workPlanItem.parts).toEqual([{ unitId: office.units.SCJ, role: 'LEAD', status: 'ASSIGNED', reports: [], joinedRecords: JOINED }]);
      const finding = await office.app.graphql(`query($id: ID!) { finding(id: $id) { assignments { unitId status joinedRecords } } }`, { id: office.findingId }, headers);
      expect(finding.errors).toBeUndefined();
      expect(finding.data!.finding.assignments).toEqual([{ unitId: office.units.SCJ, status: 'ASSIGNED', joinedRecords: [expect.stringContaining('2026-10-15 报送整改报告“已整改”（并入时待督查）')] }]);
    }
    const moved = await office.app.graphql(`query($id: ID!) { workPlanItem(id: $id) { parts { unitId status reports { reportedOn } joinedRecords } } }`, { id: office.items['2'] });
    expect(moved.data!.workPlanItem.parts).toEqual([{ unitId: office.units.SCJ, status: 'REPORTED', reports: [{ reportedOn: '2026-10-15' }], joinedRecords: null }]);
  });

  it('the successor reports for the joined part and its pass completes the item', async () => {
    expect(await office.report('1', 'SCJ', '2026-11-20')).toBeNull();
    expect(await office.pass('1', 'SCJ', '2026-11-25')).toBeNull();
    const item = await office.app.graphql(`query($id: ID!) { workPlanItem(id: $id) { status parts { status joinedRecords } } }`, { id: office.items['1'] });
    expect(item.data!.workPlanItem).toMatchObject({ status: 'COMPLETED', parts: [{ status: 'VERIFIED', joinedRecords: [expect.stringContaining('（并入时待督查）')] }] });
  });
});
