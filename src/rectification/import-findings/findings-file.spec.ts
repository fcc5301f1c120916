import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importFindings, severityOf } from './findings-file.js';

/* An evaluation's list of findings, read with the plan's machinery. */

const lookupUnit = unitLookupFrom([
  { id: 'unit-gov', code: 'GOV-OFFICE', name: '青川市人民政府办公室' },
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
]);

describe('severity', () => {
  it.each([
    ['LOW', 'LOW'],
    ['medium', 'MEDIUM'],
    ['HIGH', 'HIGH'],
    ['一般', 'LOW'],
    ['较重', 'MEDIUM'],
    ['严重', 'HIGH'],
    ['很严重', undefined],
  ])('%p is %p', (text, severity) => {
    expect(severityOf(text)).toBe(severity);
  });
});

describe('a list whose every row is fine', () => {
  const csv =
    '\uFEFF问题,具体表现,类别,严重程度,涉及单位\r\n' +
    '年度报告发布滞后,"2家单位未按时发布年度报告,\r\n报告缺少收费统计。",年度报告,一般,"青川市财政局、JYJ"\r\n' +
    '未开通网上申请渠道,门户网站无在线申请入口。,依申请公开,HIGH,\r\n';

  it('reads a CSV with Chinese headers into findings with their units resolved', async () => {
    expect(await importFindings(Buffer.from(csv, 'utf8'), { format: 'csv', lookupUnit })).toEqual({
      ok: true,
      findings: [
        {
          row: 2,
          title: '年度报告发布滞后',
          description: '2家单位未按时发布年度报告,\r\n报告缺少收费统计。',
          category: '年度报告',
          severity: 'LOW',
          concernedUnits: [
            { name: '青川市财政局', unitId: 'unit-czj' },
            { name: 'JYJ', unitId: 'unit-jyj' },
          ],
        },
        {
          row: 3,
          title: '未开通网上申请渠道',
          description: '门户网站无在线申请入口。',
          category: '依申请公开',
          severity: 'HIGH',
          concernedUnits: [],
        },
      ],
    });
  });

  it('reads an XLSX with English headers', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('findings');
    sheet.addRow(['Title', 'Description', 'Category', 'Severity', 'Units concerned']);
    sheet.addRow(['未开通网上申请渠道', '门户网站无在线申请入口。', '依申请公开', 'HIGH', 'GOV-OFFICE']);
    const result = await importFindings(new Uint8Array(await workbook.xlsx.writeBuffer()), { format: 'xlsx', lookupUnit });
    expect(result).toMatchObject({ ok: true, findings: [{ row: 2, severity: 'HIGH', concernedUnits: [{ unitId: 'unit-gov' }] }] });
  });

  it('reads a YAML list under "findings"', async () => {
    const yaml = `findings:
  - title: 未开通网上申请渠道
    description: 门户网站无在线申请入口。
    category: 依申请公开
    severity: 严重
    units: [青川市人民政府办公室]
`;
    expect(await importFindings(yaml, { format: 'yaml', lookupUnit })).toMatchObject({
      ok: true,
      findings: [{ row: 2, severity: 'HIGH', concernedUnits: [{ unitId: 'unit-gov' }] }],
    });
  });

  it('reads a JSON list', async () => {
    const json = JSON.stringify([
      { title: '未开通网上申请渠道', description: '无入口', category: '依申请公开', severity: 'LOW', units: 'CZJ,JYJ' },
    ]);
    expect(await importFindings(json, { format: 'json', lookupUnit })).toMatchObject({
      ok: true,
      findings: [{ concernedUnits: [{ unitId: 'unit-czj' }, { unitId: 'unit-jyj' }] }],
    });
  });
});

describe('a list with bad rows', () => {
  it('lists every problem with its row', async () => {
    const csv =
      '问题,具体表现,类别,严重程度,涉及单位\n' +
      /* 2 */ ',没有标题,主动公开,一般,\n' +
      /* 3 */ '年度报告滞后,,,很严重,青川市公安局\n' +
      /* 4 */ '年度报告滞后,重复,年度报告,,"青川市财政局、CZJ"\n' +
      /* 5 */ '没有问题,具体表现,类别,LOW,\n';
    expect(await importFindings(csv, { format: 'csv', lookupUnit })).toEqual({
      ok: false,
      problems: [
        { row: 2, reason: 'Missing title (问题).' },
        { row: 3, reason: 'Missing description (具体表现).' },
        { row: 3, reason: 'Missing category (类别).' },
        { row: 3, reason: 'Unknown severity "很严重": use LOW, MEDIUM or HIGH (一般, 较重 or 严重).' },
        { row: 3, reason: 'Unknown unit "青川市公安局": not the official name or code of a unit in the directory.' },
        { row: 4, reason: 'Finding "年度报告滞后" is listed twice: already on row 3.' },
        { row: 4, reason: 'Missing severity (严重程度).' },
        { row: 4, reason: 'Unit CZJ is listed twice.' },
      ],
    });
  });

  it('names fields missing from a YAML finding', async () => {
    const result = await importFindings('- title: x\n  category: y\n', { format: 'yaml', lookupUnit });
    expect(result).toEqual({
      ok: false,
      problems: [
        { row: 1, reason: 'Missing field 具体表现 (description) in this finding.' },
        { row: 1, reason: 'Missing field 严重程度 (severity) in this finding.' },
      ],
    });
  });

  it('refuses a file without findings', async () => {
    expect(await importFindings('问题,具体表现,类别,严重程度\n', { format: 'csv', lookupUnit })).toEqual({
      ok: false,
      problems: [{ row: null, reason: 'The file lists no findings.' }],
    });
  });
});
