import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { TestApp, freshDatabasePath, startTestApp } from '../support/test-app.js';

/**
 * Issue 10's open items over HTTP, with a 任务分解表 as an office publishes it (XLSX: title row,
 * 填报 row, section rows, 序号): several lead units in one 牵头单位 cell (联合牵头) all lead, in
 * the breakdown and in the export; 每季度 is one item whose parts report every quarter.
 */
const TITLE = '青川市2026年政务公开重点任务分工方案';

async function taskList(): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('任务分工');
  sheet.addRow([TITLE]);
  sheet.mergeCells('A1:E1');
  sheet.addRow(['填报单位：青川市政务公开办公室', '', '填报时间：2026年3月30日']);
  sheet.addRow(['序号', '重点任务', '牵头单位', '配合单位', '完成时限']);
  sheet.addRow(['一、优化营商环境信息公开']);
  sheet.addRow([1, '公开涉企优惠政策清单', '青川市发展和改革委员会、青川市财政局', '青川市教育局', '2026年6月底前']);
  sheet.addRow([2, '通报财政资金直达基层情况', '青川市财政局', '', '每季度']);
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
}

describe('a published task list with joint leads and a quarterly task (issue 10)', () => {
  let app: TestApp;
  let SUPERVISOR: Record<string, string>;
  const units: Record<string, { id: string; name: string }> = {};
  let planId: string;

  beforeAll(async () => {
    app = await startTestApp({ demoData: true, sqlitePath: freshDatabasePath(), now: '2026-04-01T09:00:00+08:00' });
    SUPERVISOR = await app.as('SUPERVISOR');
    const listed = await app.graphql(`{ units { id code name } }`, {}, SUPERVISOR);
    for (const unit of listed.data!.units as { id: string; code: string; name: string }[]) units[unit.code] = unit;
    const imported = await app.graphql(
      `mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId title year itemCount unitCount } }`,
      { input: { idempotencyKey: 'joint-leads', fileName: '重点任务分工方案.xlsx', contentBase64: await taskList() } },
      SUPERVISOR,
    );
    expect(imported.errors).toBeUndefined();
    expect(imported.data!.importWorkPlan).toMatchObject({ title: TITLE, year: 2026, itemCount: 2, unitCount: 3 });
    planId = imported.data!.importWorkPlan.planId;
  });

  afterAll(() => app.close());

  it('gives every unit of the 牵头单位 cell a lead part, and 每季度 one item reporting each quarter', async () => {
    const answer = await app.graphql(
      `query($id: ID!) { workPlan(id: $id) { categories { title items { code title dueDate parts { unitId role dueDate deadline deadlineKind nextReportDue } } } } }`,
      { id: planId },
      SUPERVISOR,
    );
    expect(answer.errors).toBeUndefined();
    const [category] = answer.data!.workPlan.categories;
    expect(category.title).toBe('优化营商环境信息公开');
    const [joint, quarterly] = category.items;
    expect(joint.parts.map((part: { unitId: string; role: string }) => [part.unitId, part.role])).toEqual([
      [units.FGW!.id, 'LEAD'],
      [units.CZJ!.id, 'LEAD'],
      [units.JYJ!.id, 'RESPONSIBLE'],
    ]);
    expect(category.items.map((item: { code: string }) => item.code)).toEqual(['1', '2']);
    expect(quarterly).toMatchObject({
      title: '通报财政资金直达基层情况',
      dueDate: '2026-12-31',
      parts: [{ unitId: units.CZJ!.id, role: 'LEAD', deadlineKind: 'STANDING', deadline: '每季度', nextReportDue: '2026-06-30' }],
    });
  });

  it('names both lead units in the export\'s 牵头单位 column, on every row of the item', async () => {
    const response = await fetch(`${app.url}/export/work-plan.csv?planId=${planId}`, { headers: SUPERVISOR });
    expect(response.status).toBe(200);
    // The first row is the export's title (breaker10g P22), then the header.
    const [, header, ...rows] = parse(Buffer.from(await response.arrayBuffer()).subarray(3).toString('utf8'), { relax_column_count: true }) as string[][];
    const [item, lead, unit] = ['工作事项', '牵头单位', '责任单位'].map((name) => header!.indexOf(name));
    const jointRows = rows.filter((row) => row[item!] === '1 公开涉企优惠政策清单');
    expect(jointRows.map((row) => [row[lead!], row[unit!]])).toEqual([
      ['青川市发展和改革委员会、青川市财政局', '青川市发展和改革委员会'],
      ['青川市发展和改革委员会、青川市财政局', '青川市财政局'],
      ['青川市发展和改革委员会、青川市财政局', '青川市教育局'],
    ]);
  });
});
