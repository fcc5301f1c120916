import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../organization/units/unit-lookup.js';
import { importFindings } from '../rectification/import-findings/findings-file.js';

/*
 * breaker46-10 S4: rows a 整改台账 shows as done were imported as open tasks, no refusal or notice — 整改进度 showing 100% from a formula
 * giving 0.999 (format 0%), and 整改状态 「已办结，长效机制持续推进」 — while a typed 100% was refused. A percentage is judged as the sheet
 * shows it; a status whose first clause says done and whose later clauses only keep the work up is done. Both are refused as done,
 * naming what the cell says (the two columns read as one, named together); a done clause followed by one saying the work is open again stays open.
 */

const lookupUnit = unitLookupFrom([{ id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' }]);
const options = { format: 'xlsx' as const, lookupUnit, year: 2026, identifiedOn: '2026-03-02', today: '2026-03-02' };

async function ledger(progress: ExcelJS.CellValue, status: string, numFmt = '0%'): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('整改台账');
  sheet.addRow(['问题', '具体表现', '责任单位', '整改时限', '整改进度', '整改状态']);
  sheet.addRow(['问题甲', '网站错链', '青川市教育局', '2026年6月底前', progress, status]);
  sheet.getCell('E2').numFmt = numFmt;
  return new Uint8Array(await book.xlsx.writeBuffer());
}

const said = async (content: Uint8Array) => {
  const result = await importFindings(content, options);
  return result.ok ? 'imported open' : result.problems.map((problem) => problem.reasonZh.split('：')[0]);
};

describe('a row the 台账 shows as done (breaker46-10 S4)', () => {
  it('refuses 100% shown from a formula giving 0.999, as a typed 100% is', async () => {
    expect(await said(await ledger({ formula: '999/1000', result: 0.999 }, ''))).toEqual(['整改进度、整改状态“100%”注明该项已完成（“100%”）']);
    expect(await said(await ledger(1, ''))).toEqual(['整改进度、整改状态“100%”注明该项已完成（“100%”）']);
  });

  it('reads 0.999 shown with one decimal (99.9%) as in progress', async () => {
    expect(await said(await ledger({ formula: '999/1000', result: 0.999 }, '', '0.0%'))).toBe('imported open');
  });

  it.each(['已办结，长效机制持续推进', '已完成整改，常态化开展', '整改完毕；持续巩固整改成果'])('refuses %p as done', async (status) => {
    expect(await said(await ledger(null, status))).toEqual([`整改进度、整改状态“${status}”注明该项已完成（“${status.split(/[，；]/u)[0]}”）`]);
  });

  it.each(['已整改，但问题反弹', '已完成初稿，正在推进', '已办结，部分单位尚未整改'])('keeps %p open', async (status) => {
    expect(await said(await ledger(null, status))).toBe('imported open');
  });
});
