import { PlanOffice } from '../support/plan-office.js';

/*
 * breaker10t P4: a version that leaves a whole 大项 out withdraws its items, which stay on the record (已撤销) — but the
 * 大项, no longer in the outline, was shown only while it held an item in the plan, so its withdrawn items vanished from
 * the export and from the page of the plan's withdrawn items. Asserted through the export and GraphQL on a real app; the
 * office day is 2026-07-10.
 */
const TITLE = '青川市2026年法治政府建设工作任务分工方案';
const PLAN =
  `${TITLE}\n序号,工作任务,牵头单位,完成时限\n` +
  '一、健全依法决策机制,,,\n' +
  '1,严格落实重大行政决策程序,青川市司法局,2026-09-30\n' +
  '二、规范行政执法,,,\n' +
  '2,推行执法公示制度,青川市司法局,2026-12-31\n' +
  '3,清理规范性文件,青川市财政局,2026-12-31\n';
const VERSION = `${TITLE}\n序号,工作任务,牵头单位,完成时限\n` + '一、健全依法决策机制,,,\n' + '1,严格落实重大行政决策程序,青川市司法局,2026-09-30\n';

describe('a version leaving a whole 大项 out keeps its withdrawn items on the export and the page of withdrawn items (breaker10t P4)', () => {
  let office: PlanOffice;

  beforeAll(async () => {
    office = await PlanOffice.open({ now: '2026-07-10T09:00:00+08:00', units: { SFJ: '青川市司法局', CZJ: '青川市财政局' }, planTitle: TITLE, csv: PLAN, approvedOn: '2026-03-01', assignedOn: '2026-03-02' });
    expect(await office.revise(VERSION, '2026-07-05', TITLE)).toBeNull();
  });

  afterAll(async () => {
    await office.app.close();
  });

  const exported = async (asOf?: string) => {
    const [header, ...rows] = await office.exported(asOf, `work-plan.csv?planId=${office.planId}`);
    const [category, item, status] = [header!.indexOf('类别'), header!.indexOf('工作事项'), header!.indexOf('状态')];
    return rows.filter((row) => /^\d/.test(row[item] ?? '')).map((row) => `${row[category]} / ${row[item]!.split(' ')[0]} / ${row[status]!.split('（')[0]}`);
  };

  it('lists the withdrawn items under their 大项, as withdrawn, now and on a day after the version; before it, in the plan', async () => {
    const after = ['一 健全依法决策机制 / 1 / 整改中', '二 规范行政执法 / 2 / 已撤销', '二 规范行政执法 / 3 / 已撤销'];
    // Before the fix: only item 1's row.
    expect(await exported()).toEqual(after);
    expect(await exported('2026-07-06')).toEqual(after);
    expect((await exported('2026-07-04')).map((row) => row.split(' / ').slice(0, 2).join(' / '))).toEqual(['一 健全依法决策机制 / 1', '二 规范行政执法 / 2', '二 规范行政执法 / 3']);
  });

  it('the page of withdrawn items finds them, and the outline is the version’s', async () => {
    const page = await office.app.graphql(`query($id: ID!) { workPlanItems(planId: $id, withdrawn: true) { totalCount nodes { code categoryCode categoryTitle status withdrawnOn } } workPlan(id: $id) { categories { code } } }`, { id: office.planId });
    expect(page.errors).toBeUndefined();
    // (This held before the fix: the page reads the items, not the outline.)
    expect(page.data!.workPlanItems).toEqual({
      totalCount: 2,
      nodes: [
        { code: '2', categoryCode: '二', categoryTitle: '规范行政执法', status: 'WITHDRAWN', withdrawnOn: '2026-07-05' },
        { code: '3', categoryCode: '二', categoryTitle: '规范行政执法', status: 'WITHDRAWN', withdrawnOn: '2026-07-05' },
      ],
    });
    expect(page.data!.workPlan.categories).toEqual([{ code: '一' }]);
  });

  it('the export read back as the next version brings nothing back: its withdrawn rows are records', async () => {
    const response = await fetch(`${office.app.url}/export/work-plan.csv?planId=${office.planId}`, { headers: await office.app.as('SUPERVISOR') });
    const contentBase64 = Buffer.from(await response.arrayBuffer()).toString('base64');
    const read = await office.app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { alreadyImported revision { summary } } }`, {
      input: { idempotencyKey: 'read-back', fileName: '进展.csv', contentBase64, revise: true, withdrawMissing: true, dryRun: true },
    });
    expect(read.errors).toBeUndefined();
    expect(read.data!.importWorkPlan).toEqual({ alreadyImported: true, revision: null });
  });
});
