import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importFindings } from '../../rectification/import-findings/findings-file.js';
import { declareBuiltInDateFormats } from '../../spreadsheet/xlsx-size.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * breaker10o P8: Chinese Excel saves a typed 2026年6月 as the 1st of June styled with one of the zh-CN locale's built-in
 * number formats (ids 27, 36, 50, 52, 57: yyyy"年"m"月"), which a file never declares — the style names only the id. Such a
 * cell means the month, as the same format declared does (breaker10 F31): due on the month's last day, with a notice.
 */

const directory = unitLookupFrom([{ id: 'unit-czj', code: 'CZJ', name: '青川市财政局' }]);
const june1 = new Date(Date.UTC(2026, 5, 1));

/**
 * A workbook whose 完成时限 cells hold `value` styled with the built-in ids given, as Chinese Excel saves them: written with a
 * declared stand-in format, then the declaration removed and the styles pointed at the built-in id.
 */
async function withBuiltInIds(sheetName: string, header: readonly string[], rows: readonly (readonly unknown[])[], ids: readonly number[]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(sheetName);
  sheet.addRow([...header]);
  rows.forEach((cells, index) => {
    const row = sheet.addRow([...cells]);
    // A distinct stand-in code per row, so each gets its own numFmt declaration to replace.
    row.getCell(cells.length).numFmt = `yyyy-mm-dd${'"x"'.repeat(index + 1)}`;
  });
  const zip = await JSZip.loadAsync(await book.xlsx.writeBuffer());
  let styles = await zip.file('xl/styles.xml')!.async('string');
  rows.forEach((_cells, index) => {
    const code = `yyyy-mm-dd${'&quot;x&quot;'.repeat(index + 1)}`;
    const declared = new RegExp(`<numFmt numFmtId="(\\d+)" formatCode="${code}"\\s*/>`).exec(styles);
    expect(declared).not.toBeNull();
    styles = styles.replace(declared![0], '').replace(new RegExp(`numFmtId="${declared![1]}"`, 'g'), `numFmtId="${ids[index]}"`);
  });
  expect(styles).not.toContain('yyyy-mm-dd');
  zip.file('xl/styles.xml', styles);
  return zip.generateAsync({ type: 'uint8array' });
}

describe('a date cell styled with a zh-CN built-in month format (breaker10o P8)', () => {
  it('is due on the month\'s last day in a plan, for each of the ids Chinese Excel writes, with a notice naming the cell', async () => {
    const ids = [27, 36, 50, 52, 57];
    const content = await withBuiltInIds(
      '任务清单',
      ['类别', '编号', '事项', '牵头单位', '完成时限'],
      ids.map((_id, index) => ['公开', String(index + 1), `事项${index + 1}`, '青川市财政局', 46174]),
      ids,
    );
    const result = await importWorkPlan(content, { format: 'xlsx', title: 'T', lookupUnit: directory });
    expect(result.ok && result.plan.categories[0]!.items.map((item) => item.dueDate)).toEqual(ids.map(() => '2026-06-30'));
    expect(result.ok && result.notices?.map((notice) => notice.reasonZh)).toEqual(
      ids.map((_id, index) => `单元格 E${index + 2} 存的日期是 2026-06-01，但只显示“2026年6月”：按“2026年6月”读取，即该月最后一天。`),
    );
  });

  it('a built-in format showing the day (31: yyyy"年"m"月"d"日", 58: m"月"d"日") is that day, with nothing to tell', async () => {
    const content = await withBuiltInIds(
      '任务清单',
      ['类别', '编号', '事项', '牵头单位', '完成时限'],
      [
        ['公开', '1', '事项1', '青川市财政局', june1],
        ['公开', '2', '事项2', '青川市财政局', 46174],
      ],
      [31, 58],
    );
    const result = await importWorkPlan(content, { format: 'xlsx', title: 'T', lookupUnit: directory });
    expect(result.ok && result.plan.categories[0]!.items.map((item) => item.dueDate)).toEqual(['2026-06-01', '2026-06-01']);
    expect(result.ok && result.notices).toBeUndefined();
  });

  it('reads the same in a ledger\'s 整改时限', async () => {
    const content = await withBuiltInIds('整改台账', ['序号', '存在问题', '整改措施', '责任单位', '完成时限'], [[1, '预算公开不及时', '按时公开', '青川市财政局', 46174]], [57]);
    const result = await importFindings(content, { format: 'xlsx', lookupUnit: directory });
    expect(result.ok && result.findings[0]!.parts[0]!.dueDate).toBe('2026-06-30');
  });
});

describe('declareBuiltInDateFormats', () => {
  it('declares the built-in ids the styles use, keeps what the file declares, and leaves a file using none unchanged', () => {
    const none = '<styleSheet xmlns="x"><cellXfs count="1"><xf numFmtId="14"/></cellXfs></styleSheet>';
    expect(declareBuiltInDateFormats(none)).toBe(none);
    expect(declareBuiltInDateFormats('<styleSheet xmlns="x"><cellXfs count="1"><xf numFmtId="57"/></cellXfs></styleSheet>')).toBe(
      '<styleSheet xmlns="x"><numFmts count="1"><numFmt numFmtId="57" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/></numFmts><cellXfs count="1"><xf numFmtId="57"/></cellXfs></styleSheet>',
    );
    const own = '<styleSheet><numFmts count="1"><numFmt numFmtId="57" formatCode="yyyy/m/d"/></numFmts><cellXfs count="2"><xf numFmtId="57"/><xf numFmtId="27"/></cellXfs></styleSheet>';
    expect(declareBuiltInDateFormats(own)).toBe(
      '<styleSheet><numFmts count="2"><numFmt numFmtId="27" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/><numFmt numFmtId="57" formatCode="yyyy/m/d"/></numFmts><cellXfs count="2"><xf numFmtId="57"/><xf numFmtId="27"/></cellXfs></styleSheet>',
    );
  });
});
