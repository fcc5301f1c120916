import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { isoDateCellsAsSerials } from '../../spreadsheet/xlsx-size.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * ISO 8601 date cells (`t="d"`), as SheetJS writes them with cellDates and web systems export
 * them, are the dates they hold, not 1905-07-18 (breaker10b N14).
 */

const directory = unitLookupFrom([{ id: 'unit-czj', code: 'CZJ', name: '青川市财政局' }]);

/** A plan whose 完成时限 cells are rewritten the way SheetJS writes them: `t="d"` with an ISO value. */
async function sheetJsStylePlan(values: readonly string[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow(['青川市2026年任务清单']);
  sheet.addRow(['序号', '工作任务', '牵头单位', '完成时限']);
  values.forEach((_, index) => sheet.addRow([index + 1, `任务${index + 1}`, '青川市财政局', `DATE${index}`]));
  const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
  let xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
  const strings = await zip.file('xl/sharedStrings.xml')!.async('string');
  const order = [...strings.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((match) => match[1]);
  values.forEach((value, index) => {
    const shared = order.indexOf(`DATE${index}`);
    xml = xml.replace(new RegExp(`<c r="D${index + 3}"([^>]*?) t="s"><v>${shared}</v></c>`), `<c r="D${index + 3}"$1 t="d"><v>${value}</v></c>`);
  });
  expect(xml).toContain('t="d"');
  zip.file('xl/worksheets/sheet1.xml', xml);
  return zip.generateAsync({ type: 'uint8array' });
}

describe('ISO date cells (t="d")', () => {
  it('reads 2026-06-30T00:00:00.000Z and a bare 2026-09-30 as those days', async () => {
    const bytes = await sheetJsStylePlan(['2026-06-30T00:00:00.000Z', '2026-09-30', '2026-12-31T23:59:59']);
    const result = await importWorkPlan(bytes, { format: 'xlsx', fileName: 'sheetjs.xlsx', lookupUnit: directory });
    expect(result.ok && result.plan.categories[0]!.items.map((item) => item.dueDate)).toEqual(['2026-06-30', '2026-09-30', '2026-12-31']);
  });

  it('turns only t="d" cells into serial numbers, in the 1900 and 1904 date systems', () => {
    const xml = '<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" s="1" t="d"><v>2026-06-30T00:00:00.000Z</v></c><c r="C2"/></row>';
    expect(isoDateCellsAsSerials(xml)).toBe('<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" s="1"><v>46203</v></c><c r="C2"/></row>');
    expect(isoDateCellsAsSerials(xml, true)).toContain('<v>44741</v>');
    expect(isoDateCellsAsSerials('<c r="A1" t="d"><v>not a date</v></c>')).toBe('<c r="A1" t="d"><v>not a date</v></c>');
  });
});
