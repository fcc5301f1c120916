import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importWorkPlan } from '../../work-plan/import/work-plan-import.js';
import { importFindings } from './findings-file.js';

/*
 * breaker10m P4 (serious): a 整改台账 whose deadline column is headed as offices head it — 计划完成, 完成节点, 预计完成,
 * 整改目标, 完成期限, 计划完成时间 … — was read as a plain 问题清单: the deadline dropped, nothing assigned, not a word.
 * Given a file with such a header, when it is read, then each row's units get their parts due on its deadline (a plan's
 * items likewise); a column under a header no import reads whose cells are deadlines is refused naming it, never dropped.
 */

const lookupUnit = unitLookupFrom([
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
]);
const options = { format: 'csv' as const, lookupUnit, year: 2026, identifiedOn: '2026-03-02', today: '2026-03-02' };
const ledger = (header: string, deadline: string, unitsHeader = '责任单位') =>
  Buffer.from(`问题,具体表现,类别,严重程度,${unitsHeader},${header}\r\n门户网站存在错链,3处链接失效,网站建设,一般,"青川市教育局、青川市财政局",${deadline}\r\n`, 'utf8');

const OFFICE_HEADERS = [
  '计划完成', '完成节点', '预计完成', '完成期限', '计划完成时间', '计划完成时限', '计划完成日期', '完成时间节点', '预计完成时间', '整改完成时间',
  '整改时间', '办结时限', '时限', '期限', '目标时限', '整改目标及时限', '要求完成时间', '完成日期', 'Due by', 'Target date', 'Planned completion',
];

describe('a 整改台账 whose deadline column is headed as offices head it', () => {
  it.each(OFFICE_HEADERS)('reads %p as its 整改时限: the lead and the unit after it get parts due on it', async (header) => {
    for (const unitsHeader of ['责任单位', '牵头单位']) {
      const result = await importFindings(ledger(header, '2026年6月底前', unitsHeader), options);
      expect(result).toMatchObject({ ok: true, ledger: true });
      expect(result.ok && result.findings[0]!.parts.map((part) => [part.unit.unitId, part.role, part.dueDate])).toEqual(
        unitsHeader === '责任单位'
          ? [['unit-jyj', 'LEAD', '2026-06-30'], ['unit-czj', 'RESPONSIBLE', '2026-06-30']]
          : [['unit-jyj', 'LEAD', '2026-06-30'], ['unit-czj', 'LEAD', '2026-06-30']],
      );
    }
  });

  it('reads a 整改目标 column of deadlines as the 整改时限 when the file has no other, with a notice naming it', async () => {
    const result = await importFindings(ledger('整改目标', '立行立改'), options);
    expect(result).toMatchObject({ ok: true, ledger: true, notices: [{ reasonZh: expect.stringContaining('“整改目标”列每行写的都是时限（如“立行立改”）') }] });
    expect(result.ok && result.findings[0]!.parts.map((part) => [part.role, part.dueDate, part.terms.kind])).toEqual([
      ['LEAD', '2026-03-02', 'AT_ONCE'],
      ['RESPONSIBLE', '2026-03-02', 'AT_ONCE'],
    ]);
    // In an XLSX too, a deadline on a row continuing the finding as well.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('整改台账');
    sheet.addRow(['问题', '责任单位', '整改措施', '整改目标']);
    sheet.addRow(['门户网站存在错链', '青川市教育局', '逐页排查', '2026年6月30日']);
    sheet.addRow(['', '青川市财政局', '', '2026年第三季度']);
    const xlsx = await importFindings(new Uint8Array(await workbook.xlsx.writeBuffer()), { ...options, format: 'xlsx' });
    expect(xlsx.ok && xlsx.findings[0]!.parts.map((part) => [part.unit.unitId, part.role, part.dueDate])).toEqual([
      ['unit-jyj', 'LEAD', '2026-06-30'],
      ['unit-czj', 'RESPONSIBLE', '2026-09-30'],
    ]);
  });

  it('leaves a 整改目标 of goals in words beside the 整改时限, and one in a 问题清单, as not imported', async () => {
    const beside = await importFindings(
      Buffer.from('问题,整改目标,牵头单位,整改时限\r\n门户网站存在错链,链接全部有效,青川市教育局,2026-06-30\r\n', 'utf8'),
      options,
    );
    expect(beside).toMatchObject({ ok: true, ledger: true, notImported: ['整改目标'] });
    const list = await importFindings(ledger('整改目标', '链接全部有效'), options);
    expect(list).toMatchObject({ ok: true, ledger: false, notImported: ['整改目标'] });
  });

  it.each([
    ['节点', '2026年6月底前'],
    ['要求', '立行立改'],
    ['工作节点', '2026-06-30'],
    ['节奏', '每季度'],
  ])('refuses a column headed %p whose cells are deadlines (%p), naming it and the header to give it', async (header, deadline) => {
    const result = await importFindings(ledger(header, deadline), options);
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          row: null,
          reason: expect.stringContaining(`Column ${header} gives deadlines (such as ${deadline})`),
          reasonZh: expect.stringContaining(`“${header}”列写的是时限（如“${deadline}”），但该表头不是本导入读取的列名，其中的时限不会被使用：请把表头改为“整改时限”后重新导入`),
        },
      ],
    });
  });

  it('refuses a second column of deadlines (a 整改目标 of days beside the 整改时限), naming both', async () => {
    const result = await importFindings(Buffer.from('问题,整改目标,牵头单位,整改时限\r\n门户网站存在错链,2026年6月底前,青川市教育局,2026-09-30\r\n', 'utf8'), options);
    expect(result).toMatchObject({ ok: false, problems: [{ row: null, reasonZh: expect.stringContaining('“整改目标”列也写有时限（如“2026年6月底前”），但时限只从“整改时限”列读取') }] });
  });

  it('keeps a column of years alone (年度: 2025年) as not imported: a year is no deadline column', async () => {
    const result = await importFindings(ledger('年度', '2025年'), options);
    expect(result).toMatchObject({ ok: true, ledger: false, notImported: ['年度'] });
  });
});

describe('a work plan whose deadline column is headed as offices head it', () => {
  it.each(['计划完成', '完成节点', '预计完成', '计划完成时间', '完成期限'])('reads %p as the items\' 完成时限', async (header) => {
    const csv = `类别,编号,事项,牵头单位,${header}\n稳增长,1,地区生产总值增长,青川市教育局,2026年9月底前\n`;
    const result = await importWorkPlan(csv, { format: 'csv', title: '2026年任务', year: 2026, lookupUnit });
    expect(result.ok && result.plan.categories[0]!.items[0]!.dueDate).toBe('2026-09-30');
  });

  it('refuses a second column of deadlines under a header no import reads, naming it', async () => {
    const csv = '类别,编号,事项,牵头单位,完成时限,阶段节点\n稳增长,1,地区生产总值增长,青川市教育局,2026年9月底前,2026年6月底前\n';
    const result = await importWorkPlan(csv, { format: 'csv', title: '2026年任务', year: 2026, lookupUnit });
    expect(result).toMatchObject({ ok: false, problems: [{ row: null, reasonZh: expect.stringContaining('“阶段节点”列也写有时限（如“2026年6月底前”），但时限只从“完成时限”列读取') }] });
  });
});
