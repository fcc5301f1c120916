import { HEADER, typedTwice, type PlanOffice } from '../support/plan-office.js';

/*
 * breaker11n P1: a work-plan item withdrawn from the plan and then listed again by a later version
 * (恢复列入方案) was judged as if it had never been withdrawn. A pass dated before the withdrawal,
 * typed after the reinstatement, left the item 已撤销 on the days between with verified work, so the
 * past 完成率 depended on the typing order; and a record dated inside the withdrawn days, typed after
 * the reinstatement, was taken and counted.
 *
 * The same office facts are typed into two servers on their own SQLite files: once in date order,
 * once as the office typed them (a report of the withdrawn days before the withdrawal, the pass of 04-25
 * last, after the version of 06-01). Every view — the breakdown with its 完成率, the item pages, the
 * withdrawn list, the scorecard, 待督查 and the work-plan export (test/support/plan-office.ts) — must read
 * the same on every day viewed. The office day is 2026-06-10.
 * Item 4 (breaker11r P1): withdrawn 05-01, listed again 06-01, then a hand withdrawal dated 04-27 typed last — it was refused
 * 「再次撤销的日期须晚于恢复日期」; in date order it took the item out on 04-27 (the withdrawal of 05-01 then found it out), so
 * the item is out from 04-27 until 06-01.
 */
const PLAN_TITLE = '青川市2026年政务公开工作要点（恢复列入测试）';
const ROWS =
  '一,公开平台,1,整合政府网站公开专栏,,青川市恢复测试甲局,,2026-09-30\n' +
  '一,公开平台,2,开设政务微信公众号,,青川市恢复测试乙局,,2026-09-30\n' +
  '一,公开平台,3,公开财政预决算,,青川市恢复测试乙局,,2026-09-30\n' +
  '一,公开平台,4,公开重大建设项目批准信息,,青川市恢复测试乙局,,2026-09-30\n';
/** The version of 06-01 lists items 1, 2 and 4 again (withdrawn on 05-01) and moves item 3 to 10-31. */
const VERSION_2 = HEADER + ROWS.replace('公开财政预决算,,青川市恢复测试乙局,,2026-09-30', '公开财政预决算,,青川市恢复测试乙局,,2026-10-31');
const UNITS = { JIA: '青川市恢复测试甲局', YI: '青川市恢复测试乙局' };
const DAYS = ['2026-04-24', '2026-04-26', '2026-04-29', '2026-05-01', '2026-05-15', '2026-06-01', '2026-06-05', undefined] as const;

type Fact = 'report1' | 'report3' | 'pass1' | 'pass3' | 'withdraw1' | 'withdraw2' | 'listAgain' | 'reportInside' | 'report2' | 'withdraw4' | 'hand4';

/** Types one fact into `office`; answers its refusal's code, or null when it was taken. */
const type = (office: PlanOffice, fact: Fact) =>
  ({
    report1: () => office.report('1', 'JIA', '2026-04-20'),
    report3: () => office.report('3', 'YI', '2026-04-22'),
    pass1: () => office.pass('1', 'JIA', '2026-04-25'),
    pass3: () => office.pass('3', 'YI', '2026-04-28'),
    withdraw1: () => office.withdraw('1', '2026-05-01'),
    withdraw2: () => office.withdraw('2', '2026-05-01'),
    withdraw4: () => office.withdraw('4', '2026-05-01'),
    hand4: () => office.mutate('withdrawWorkPlanItem', { itemId: office.items['4'], reason: '手工撤销', withdrawnOn: '2026-04-27' }),
    // Inside item 2's withdrawn days (05-01 until 06-01): refused, whenever typed.
    reportInside: () => office.report('2', 'YI', '2026-05-10'),
    listAgain: () => office.revise(VERSION_2, '2026-06-01', PLAN_TITLE),
    report2: () => office.report('2', 'YI', '2026-06-05'),
  })[fact]();

describe('an item withdrawn and listed again by a later version reads the same whatever the typing order (breaker11n P1)', () => {
  const offices = typedTwice({ now: '2026-06-10T09:00:00+08:00', units: UNITS, planTitle: PLAN_TITLE, csv: HEADER + ROWS, approvedOn: '2026-03-01', assignedOn: '2026-03-02' });

  it('typed in date order: the withdrawal of the verified item is refused, the record inside item 2’s withdrawn days too', async () => {
    const refusals: Partial<Record<Fact, string | null>> = {};
    for (const fact of ['report1', 'report3', 'pass1', 'hand4', 'pass3', 'withdraw1', 'withdraw2', 'withdraw4', 'reportInside', 'listAgain', 'report2'] as const) refusals[fact] = await type(offices.inDateOrder, fact);
    // Item 4's withdrawal of 05-01 finds it out of the plan since 04-27 (breaker11q P8).
    expect(refusals).toEqual({ report1: null, report3: null, pass1: null, hand4: null, pass3: null, withdraw1: 'CONFLICT', withdraw2: null, withdraw4: 'CONFLICT', reportInside: 'CONFLICT', listAgain: null, report2: null });
  });

  it('typed as the office did (乙局’s report of 05-10 before the withdrawal of 05-01, the pass of 04-25 last): the record inside the withdrawn days is refused after the reinstatement, writing nothing; the late pass undoes item 1’s withdrawal', async () => {
    // Made before the office heard of the withdrawal: kept on the record, counted nowhere (breaker11h P8) — after the reinstatement too.
    for (const fact of ['report1', 'report3', 'pass3', 'reportInside', 'withdraw1', 'withdraw2', 'withdraw4', 'listAgain'] as const) expect(await type(offices.asTyped, fact)).toBeNull();
    const head = await offices.asTyped.app.logPosition();
    expect(await type(offices.asTyped, 'reportInside')).toBe('CONFLICT');
    const refused = await offices.asTyped.app.graphql(
      `mutation($input: ReportWorkPlanItemInput!) { reportWorkPlanItem(input: $input) { __typename } }`,
      { input: { idempotencyKey: 'inside-again', itemId: offices.asTyped.items['2'], unitId: offices.asTyped.units.YI, summary: '已整改', evidence: [{ title: '公开页面', link: 'https://www.example.gov.cn/x' }], reportedOn: '2026-05-10' } },
      await offices.asTyped.app.as('UNIT', offices.asTyped.units.YI),
    );
    expect(refused.errors![0]!.extensions!.messageZh).toMatch(/于 2026-05-01 撤销（依据第二版方案调整），2026-06-01 起才恢复列入方案：2026-05-10 该事项不在方案中/);
    expect(await offices.asTyped.app.logPosition()).toBe(head);
    expect(await type(offices.asTyped, 'report2')).toBeNull();
    expect(await type(offices.asTyped, 'pass1')).toBeNull();
    // Typed after the reinstatement, the hand withdrawal of 04-27 is taken as date order takes it (breaker11r P1).
    expect(await type(offices.asTyped, 'hand4')).toBeNull();
  });

  it.each(DAYS)('on %s the breakdown, 完成率, item pages, withdrawn list, scorecard, 待督查 and export agree', async (asOf) => {
    const expected = await offices.inDateOrder.views(asOf);
    const seen = await offices.asTyped.views(asOf);
    // The one difference: while item 2 is withdrawn, its export row names 乙局’s report of 05-10, typed before the withdrawal and
    // counted nowhere (breaker11h P8); typed in date order that report was refused, so there is none to name.
    const named = '\n撤销后的记录（不计入统计）：2026-05-10 报送整改报告';
    const inSpan = asOf !== undefined && asOf >= '2026-05-10' && asOf < '2026-06-01';
    expect(seen.exported.some((row) => row.some((cell) => cell.endsWith(named)))).toBe(inSpan);
    expect({ ...seen, exported: seen.exported.map((row) => row.map((cell) => cell.replace(named, ''))) }).toEqual(expected);
  });

  it('item 1 was never out of the plan: completed on 04-25 on every later day; item 2 is out of the plan on the days between 05-01 and 06-01 only', async () => {
    const progress = async (asOf: string) => ((await offices.asTyped.views(asOf)).plan as { progress: { items: number; completedItems: number; percentComplete: number } }).progress;
    expect(await progress('2026-04-24')).toMatchObject({ items: 4, completedItems: 0, percentComplete: 0 });
    expect(await progress('2026-04-26')).toMatchObject({ items: 4, completedItems: 1 });
    // Item 4 out of the plan from 04-27 (breaker11r P1), item 2 from 05-01, both until 06-01.
    expect(await progress('2026-04-27')).toMatchObject({ items: 3, completedItems: 1 });
    expect(await progress('2026-05-15')).toMatchObject({ items: 2, completedItems: 2, percentComplete: 100 });
    expect(await progress('2026-06-05')).toMatchObject({ items: 4, completedItems: 2 });
    const may = await offices.asTyped.views('2026-05-15');
    expect(may.pages['1']).toMatchObject({ status: 'COMPLETED', withdrawnOn: null, completedOn: '2026-04-25' });
    expect(may.pages['2']).toMatchObject({ status: 'WITHDRAWN', withdrawnOn: '2026-05-01' });
    expect(may.withdrawn).toEqual([
      { code: '2', withdrawnOn: '2026-05-01' },
      { code: '4', withdrawnOn: '2026-04-27' },
    ]);
    const now = await offices.asTyped.views();
    expect(now.pages['2']).toMatchObject({ status: 'OPEN', withdrawnOn: null, parts: [{ status: 'REPORTED', reports: [{ reportedOn: '2026-06-05' }] }] });
    expect(now.withdrawn).toEqual([]);
  });

  it('item 2’s page lists 乙局’s report of 05-10 apart once the item is listed again: set aside, with the span and why (withdraw2 Left 6)', async () => {
    const setAside = async (office: PlanOffice, code: string, asOf?: string) => {
      const page = await office.app.graphql(`query($id: ID!, $asOf: String) { workPlanItem(id: $id, asOf: $asOf) { parts { recordsSetAside recordsAfterWithdrawal } } }`, { id: office.items[code], asOf });
      expect(page.errors).toBeUndefined();
      return page.data!.workPlanItem.parts as { recordsSetAside: string[] | null; recordsAfterWithdrawal: string[] | null }[];
    };
    const line = '2026-05-10 报送整改报告（该事项 2026-05-01 撤销：依据第二版方案调整；2026-06-01 起恢复列入方案，其间的记录不计入统计）';
    expect(await setAside(offices.asTyped, '2')).toEqual([{ recordsSetAside: [line], recordsAfterWithdrawal: null }]);
    expect(await setAside(offices.asTyped, '2', '2026-06-05')).toEqual([{ recordsSetAside: [line], recordsAfterWithdrawal: null }]);
    // While withdrawn, the same report is listed as made after the withdrawal (breaker11j P3).
    expect(await setAside(offices.asTyped, '2', '2026-05-15')).toEqual([{ recordsSetAside: null, recordsAfterWithdrawal: ['2026-05-10 报送整改报告'] }]);
    // Typed in date order the report was refused: nothing set aside; an item never out of the plan has no such list.
    expect(await setAside(offices.inDateOrder, '2')).toEqual([{ recordsSetAside: [], recordsAfterWithdrawal: null }]);
    expect(await setAside(offices.asTyped, '1')).toEqual([{ recordsSetAside: null, recordsAfterWithdrawal: null }]);
  });
});
