import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { describeNotesZh } from '../../spreadsheet/import-refusal.js';
import { importFindings } from './findings-file.js';

/*
 * breaker10n P5 (moderate): a 问题清单 laid out one unit per sheet (sheets named 青川市财政局, 青川市教育局, no 责任单位 column) recorded
 * every problem with no unit, exit 0, and said 「读取了工作表“青川市财政局”。…已读取 2 个工作表」; the same 台账 with a 整改时限 column
 * was refused 「缺少“涉及单位 / 责任单位”列」 without a word about its sheets. A sheet named after a unit gives its problems that
 * unit; sheets of which some are units and some not, or a sheet name that could be two units, are refused naming the sheets.
 */
const lookupUnit = unitLookupFrom([
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局', kind: 'DEPARTMENT', parentUnitId: null },
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局', kind: 'DEPARTMENT', parentUnitId: null },
  { id: 'unit-dh-jyj', code: 'DH-JYJ', name: '东湖区教育局', kind: 'DEPARTMENT', parentUnitId: null },
]);

async function workbook(sheets: readonly { name: string; rows: readonly (readonly unknown[])[] }[]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  for (const { name, rows } of sheets) {
    const sheet = book.addWorksheet(name);
    for (const row of rows) sheet.addRow([...row]);
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}

const listSheet = (name: string, title: string) => ({ name, rows: [['序号', '问题', '具体表现', '类别', '严重程度'], [1, title, '表现', '网站', '一般']] });
const ledgerSheet = (name: string, title: string) => ({ name, rows: [[`${name}整改台账`], ['序号', '问题', '具体表现', '整改措施', '整改时限'], [1, title, '表现', '措施', '2026年6月底前']] });
const options = { format: 'xlsx' as const, lookupUnit, today: '2026-03-20', year: 2026, identifiedOn: '2026-03-20' };

describe('a 问题清单 kept one unit per sheet, with no column of units', () => {
  it('gives each sheet’s problems the unit the sheet is named after, and says so', async () => {
    const result = await importFindings(await workbook([listSheet('青川市财政局', '财政问题'), listSheet('市教育局', '教育问题')]), options);
    expect(result.ok ? result.findings.map((finding) => [finding.title, finding.concernedUnits.map((unit) => unit.unitId)]) : result.problems).toEqual([
      ['财政问题', ['unit-czj']],
      ['教育问题', ['unit-jyj']],
    ]);
    expect(result.ok && result.notices?.map((notice) => notice.reasonZh)).toContainEqual('文件没有“责任单位”列：各工作表的问题按工作表名称所指的单位记为涉及单位：“青川市财政局”、“市教育局”。');
  });

  it('says once which sheets it read, never 「读取了工作表“青川市财政局”」 beside 「已读取 2 个工作表」', async () => {
    const result = await importFindings(await workbook([listSheet('青川市财政局', '财政问题'), listSheet('青川市教育局', '教育问题')]), options);
    const said = result.ok ? describeNotesZh(result) : '';
    expect(said).toContain('已读取 2 个工作表：“青川市财政局”“青川市教育局”。');
    expect(said).not.toContain('读取了工作表');
  });

  it('reads a sheet numbered as a section (一、青川市财政局) by the unit it names', async () => {
    const result = await importFindings(await workbook([listSheet('一、青川市财政局', '财政问题'), listSheet('二、青川市教育局', '教育问题')]), options);
    expect(result.ok ? result.findings.map((finding) => finding.concernedUnits.map((unit) => unit.unitId)) : result.problems).toEqual([['unit-czj'], ['unit-jyj']]);
  });

  it('leaves sheets that name no unit as they were (no unit, as a 问题清单 may)', async () => {
    const result = await importFindings(await workbook([listSheet('一、网站建设', '网站问题'), listSheet('二、政策解读', '解读问题')]), options);
    expect(result.ok ? result.findings.map((finding) => finding.concernedUnits) : result.problems).toEqual([[], []]);
  });

  it('refuses sheets of which some name units and some not, naming them', async () => {
    const result = await importFindings(await workbook([listSheet('青川市财政局', '财政问题'), listSheet('其他问题', '其他')]), options);
    expect(result).toMatchObject({
      ok: false,
      problems: [
        {
          row: null,
          reasonZh: '文件没有“责任单位”列，工作表以单位命名（“青川市财政局”），但工作表“其他问题”不是单位名录中某一个单位的名称：请增加“责任单位”列写明每个问题的单位，或把每个工作表命名为其单位，然后重新导入。',
        },
      ],
    });
  });

  it('refuses a sheet named by a name two units share, naming both', async () => {
    const result = await importFindings(await workbook([listSheet('青川市财政局', '财政问题'), listSheet('教育局', '教育问题')]), options);
    expect(result).toMatchObject({ ok: false, problems: [{ row: null, reasonZh: expect.stringContaining('工作表“教育局”不是单位名录中某一个单位的名称（“教育局”可能指青川市教育局、东湖区教育局，无法确定，请写全称）') }] });
  });

  it('keeps reading the 责任单位 column when there is one, whatever the sheets are named', async () => {
    const header = ['问题', '具体表现', '类别', '严重程度', '责任单位'];
    const result = await importFindings(await workbook([{ name: '青川市财政局', rows: [header, ['财政问题', '表现', '网站', '一般', '青川市教育局']] }]), options);
    expect(result.ok ? result.findings.map((finding) => finding.concernedUnits.map((unit) => unit.unitId)) : result.problems).toEqual([['unit-jyj']]);
  });
});

describe('a 整改台账 kept one unit per sheet, with no column of units (breaker10n x6-ledger-per-unit.xlsx)', () => {
  it('assigns each sheet’s problems to its unit as lead, with the row’s deadline', async () => {
    const result = await importFindings(await workbook([ledgerSheet('青川市财政局', '财政问题'), ledgerSheet('青川市教育局', '教育问题')]), options);
    expect(result.ok ? result.findings.map((finding) => finding.parts.map((part) => `${part.unit.unitId} ${part.role} ${part.dueDate}`)) : result.problems).toEqual([
      ['unit-czj LEAD 2026-06-30'],
      ['unit-jyj LEAD 2026-06-30'],
    ]);
    expect(result.ok && result.notices?.map((notice) => notice.reasonZh)).toContainEqual('文件没有“责任单位”列：各工作表的问题按工作表名称所指的单位交办（牵头）：“青川市财政局”、“青川市教育局”。');
  });

  it('still refuses a 台账 on a sheet that names no unit for its missing column', async () => {
    const result = await importFindings(await workbook([ledgerSheet('Sheet1', '问题甲')]), options);
    expect(result).toMatchObject({ ok: false, problems: [{ reasonZh: expect.stringMatching(/^缺少“涉及单位 \/ 责任单位”列：/) }] });
  });
});
