import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { findingTitleKey, importFindings, severityOf, withoutListNumber } from './findings-file.js';

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
    // The app's former word for its lowest grade, and the variants offices write (G3, breaker10 F25).
    ['轻微', 'LOW'],
    ['一般问题', 'LOW'],
    ['较严重', 'MEDIUM'],
    ['重大', 'HIGH'],
    ['高', 'HIGH'],
    ['严重问题', 'HIGH'],
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
          measures: '',
          parts: [],
        },
        {
          row: 3,
          title: '未开通网上申请渠道',
          description: '门户网站无在线申请入口。',
          category: '依申请公开',
          severity: 'HIGH',
          concernedUnits: [],
          measures: '',
          parts: [],
        },
      ],
      ledger: false,
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
    expect(await importFindings(csv, { format: 'csv', lookupUnit })).toMatchObject({
      ok: false,
      problems: [
        { row: 2, reason: 'Missing title (问题).' },
        { row: 3, reason: 'Missing description (具体表现).' },
        { row: 3, reason: 'Missing category (类别).' },
        { row: 3, reason: 'Unknown severity "很严重": use LOW, MEDIUM or HIGH (一般, 较重 or 严重).' },
        {
          row: 3,
          reason: 'Unknown unit "青川市公安局": not the official name or code of a unit in the directory. Write the unit\'s full name or code. If it is a registered unit\'s short or earlier name (简称 / 曾用名), record it for that unit (单位名录 page, 简称/曾用名; or the units import\'s 简称 / 曾用名 columns) and import again; only if it is another unit, register it in the directory first.',
          reasonZh: '单位“青川市公安局”不在单位名录中：既不是单位的正式名称，也不是单位编码。请写单位的全称或编码；如是已登记单位的简称或曾用名，请为该单位登记（在“单位名录”页面点该单位的“简称/曾用名”，或在单位名录导入文件的“简称”“曾用名”列中填写）后再导入，无须登记新单位；确是另一个单位的，才请先在单位名录中登记该单位。',
        },
        { row: 4, reason: 'Finding "年度报告滞后" is listed twice: already on row 3. If they are two problems, word their titles apart; if one, remove this row.' },
        { row: 4, reason: 'Missing severity (严重程度).' },
        { row: 4, reason: 'Unit CZJ is listed twice.' },
      ],
    });
  });

  it('names fields missing from a YAML finding', async () => {
    const result = await importFindings('- title: x\n  category: y\n', { format: 'yaml', lookupUnit });
    expect(result).toMatchObject({
      ok: false,
      problems: [
        { row: 1, reason: 'Missing field 具体表现 (description) in this finding.' },
        { row: 1, reason: 'Missing field 严重程度 (severity) in this finding.' },
      ],
    });
  });

  it('refuses a file without findings', async () => {
    expect(await importFindings('问题,具体表现,类别,严重程度\n', { format: 'csv', lookupUnit })).toMatchObject({
      ok: false,
      problems: [{ row: null, reason: 'The file lists no findings.' }],
    });
  });
});

describe('a rectification ledger (整改台账): findings with their units, deadlines and measures', () => {
  const ledgerUnits = unitLookupFrom([
    { id: 'unit-gov', code: 'GOV-OFFICE', name: '青川市人民政府办公室' },
    { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
    { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
    { id: 'unit-a', code: 'A-XIAN', name: '青川市安平县人民政府', kind: 'COUNTY_OR_DISTRICT' },
    { id: 'unit-b', code: 'B-QU', name: '青川市北城区人民政府', kind: 'COUNTY_OR_DISTRICT' },
  ]);
  const options = { lookupUnit: ledgerUnits, today: '2026-03-10', year: 2026 } as const;

  it('reads a ledger as offices publish it: title row, 序号, section rows, the lead first in 责任单位, deadline words, measures', async () => {
    const csv =
      '青川市2025年度政务公开第三方评估问题整改台账,,,,,\n' +
      '序号,存在问题,整改措施,责任单位,整改时限,备注\n' +
      '一、主动公开,,,,,\n' +
      '1,门户网站存在错链,逐页排查并修复失效链接,"青川市教育局、青川市财政局",2026年6月底前,\n' +
      '2,年度报告发布滞后,"按时发布年度报告；\n补充收费统计",青川市财政局,立行立改,已部署\n' +
      '二、依申请公开,,,,,\n' +
      '3,未开通网上申请渠道,开通在线申请入口,"青川市人民政府办公室、各区县政府",年底前,\n' +
      '注：整改时限以实施方案为准。,,,,,\n';
    const result = await importFindings(csv, { format: 'csv', ...options });
    expect(result).toMatchObject({
      ok: true,
      ledger: true,
      findings: [
        {
          row: 4,
          title: '门户网站存在错链',
          description: '门户网站存在错链',
          category: '主动公开',
          severity: 'LOW',
          measures: '逐页排查并修复失效链接',
          concernedUnits: [
            { name: '青川市教育局', unitId: 'unit-jyj' },
            { name: '青川市财政局', unitId: 'unit-czj' },
          ],
          parts: [
            { unit: { name: '青川市教育局', unitId: 'unit-jyj' }, role: 'LEAD', dueDate: '2026-06-30', terms: { kind: 'BY_DATE' }, row: 4 },
            { unit: { name: '青川市财政局', unitId: 'unit-czj' }, role: 'RESPONSIBLE', dueDate: '2026-06-30', terms: { kind: 'BY_DATE' }, row: 4 },
          ],
        },
        expect.objectContaining({
          row: 5,
          category: '主动公开',
          measures: '按时发布年度报告；\n补充收费统计',
          parts: [{ unit: { name: '青川市财政局', unitId: 'unit-czj' }, role: 'LEAD', dueDate: '2026-03-10', terms: { kind: 'AT_ONCE' }, row: 5 }],
        }),
        expect.objectContaining({
          row: 7,
          category: '依申请公开',
          parts: [
            { unit: { name: '青川市人民政府办公室', unitId: 'unit-gov' }, role: 'LEAD', dueDate: '2026-12-31', terms: { kind: 'BY_DATE' }, row: 7 },
            expect.objectContaining({ unit: expect.objectContaining({ unitId: 'unit-a' }), role: 'RESPONSIBLE', dueDate: '2026-12-31' }),
            expect.objectContaining({ unit: expect.objectContaining({ unitId: 'unit-b' }), role: 'RESPONSIBLE', dueDate: '2026-12-31' }),
          ],
        }),
      ],
      notImported: ['序号', '备注'],
      notices: [
        { row: 2, reason: 'No 具体表现 column: each finding is described by its 问题 text' },
        { row: 2, reason: 'No 类别 column: each finding is in the category of its section row (一、…), or 未分类' },
        { row: 2, reason: 'No 严重程度 column: every finding is recorded as 一般 (LOW)' },
        { row: 7, reasonZh: '“各区县政府”即 2 个单位：青川市安平县人民政府、青川市北城区人民政府。' },
        { row: 8, reason: 'Footnote skipped: 注：整改时限以实施方案为准。' },
      ],
    });
  });

  // newcomer56-10 M3: a 巡察/督查 反馈 台账 heads its problems 反馈问题; it was refused as having no 问题 column.
  it.each([['反馈问题'], ['巡察反馈问题'], ['督查发现问题']])('reads a 台账 whose problems are headed %s', async (header) => {
    const directory = unitLookupFrom([{ id: 'unit-czj', code: 'CZJ', name: '青川市财政局' }]);
    expect(await importFindings(`序号,${header},整改措施,责任单位,整改时限\n1,重大建设项目信息未公开,按月公开项目审批结果,青川市财政局,2026年6月底前\n`, { format: 'csv', ...options, lookupUnit: directory })).toMatchObject({
      ok: true,
      findings: [{ title: '重大建设项目信息未公开', parts: [{ unit: { unitId: 'unit-czj' }, role: 'LEAD' }] }],
    });
  });

  it('reads 市发改委 as the one unit it abbreviates, with a notice; a name near two units is refused naming both (session 24)', async () => {
    const directory = unitLookupFrom([
      { id: 'unit-fgw', code: 'FGW', name: '青川市发展和改革委员会' },
      { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
      { id: 'unit-hbj', code: 'HBJ', name: '青川市环境保护局' },
      { id: 'unit-hbjc', code: 'HBJC', name: '青川市环境保护监察局' },
    ]);
    const ledger = (units: string) => `序号,存在问题,整改措施,责任单位,整改时限\n1,重大建设项目信息未公开,按月公开项目审批结果,"${units}",2026年6月底前\n`;
    expect(await importFindings(ledger('市发改委、市财政局'), { format: 'csv', ...options, lookupUnit: directory })).toMatchObject({
      ok: true,
      findings: [{ parts: [{ unit: { name: '市发改委', unitId: 'unit-fgw' }, role: 'LEAD' }, { unit: { name: '市财政局', unitId: 'unit-czj' }, role: 'RESPONSIBLE' }] }],
      notices: expect.arrayContaining([
        { row: 2, reason: expect.stringContaining('read as the near unit 青川市发展和改革委员会'), reasonZh: '“市发改委”不是单位名录中的名称，已按名称相近的“青川市发展和改革委员会”处理（名录中只有该单位与之相近）；如是另一个单位，请先登记该单位再导入。' },
      ]),
    });
    expect(await importFindings(ledger('市环保局'), { format: 'csv', ...options, lookupUnit: directory })).toMatchObject({
      ok: false,
      problems: [{ row: 2, reasonZh: '责任单位：“市环保局”可能指青川市环境保护局、青川市环境保护监察局，无法确定，请写全称。' }],
    });
  });

  it('reads an XLSX with 责任单位 merged over 牵头单位 | 配合单位, and a finding merged over one row per unit, each with its own deadline', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('整改台账');
    sheet.addRow(['问题', '具体表现', '类别', '严重程度', '责任单位', '责任单位', '整改时限', '整改措施']);
    sheet.addRow(['问题', '具体表现', '类别', '严重程度', '牵头单位', '配合单位', '整改时限', '整改措施']);
    sheet.addRow(['年度报告发布滞后', '2家单位未按时发布', '年度报告', '较重', '青川市人民政府办公室', '青川市财政局', '２０２６年６月３０日', '督促按时发布']);
    sheet.addRow(['年度报告发布滞后', '2家单位未按时发布', '年度报告', '较重', '', '青川市教育局', '2026年第三季度', '补发2025年报告']);
    sheet.addRow(['年度报告发布滞后', '2家单位未按时发布', '年度报告', '较重', '', 'A-XIAN', '', '']);
    for (const column of ['A', 'B', 'C', 'D', 'E']) sheet.mergeCells(`${column}3:${column}5`);
    sheet.mergeCells('A1:A2');
    sheet.mergeCells('E1:F1');
    const result = await importFindings(new Uint8Array(await workbook.xlsx.writeBuffer()), { format: 'xlsx', ...options });
    expect(result).toMatchObject({
      ok: true,
      ledger: true,
      sheet: '整改台账',
      findings: [
        {
          row: 3,
          severity: 'MEDIUM',
          measures: '督促按时发布\n补发2025年报告',
          parts: [
            // The lead's cell merged over row 4 names it there too: it is due on the latest of its rows (breaker10r P10, as plans read it).
            { unit: { unitId: 'unit-gov' }, role: 'LEAD', dueDate: '2026-09-30', row: 3 },
            { unit: { unitId: 'unit-czj' }, role: 'RESPONSIBLE', dueDate: '2026-06-30', row: 3 },
            { unit: { unitId: 'unit-jyj' }, role: 'RESPONSIBLE', dueDate: '2026-09-30', row: 4 },
            // A blank deadline under a merged or filled one is the one above.
            { unit: { unitId: 'unit-a' }, role: 'RESPONSIBLE', dueDate: '2026-09-30', row: 5 },
          ],
        },
      ],
    });
    expect(result.ok && result.findings).toHaveLength(1);
  });

  // breaker10i P9: 配合单位 / 协同单位 never lead a finding, whichever column comes first.
  it.each(['配合单位', '协同单位', '协办单位'])('refuses a ledger whose only unit column is %s, naming it, instead of taking its first unit as the lead', async (header) => {
    const csv = `问题,${header},整改时限\n门户网站存在错链,青川市教育局,2026-06-30\n`;
    const result = await importFindings(csv, { format: 'csv', ...options });
    expect(result.ok ? result : result.problems.map((problem) => problem.reasonZh)).toEqual([
      '缺少“牵头单位”列：“配合单位”列写的是配合的单位，不能作为牵头单位。请增加“牵头单位”列，或增加“责任单位”列并把牵头单位写在第一个。',
    ]);
  });

  it('takes a ledger finding\'s lead from 责任单位, never from a 协同单位 column before it; a finding with only cooperating units has no lead', async () => {
    const csv = '问题,协同单位,责任单位,整改时限\n门户网站存在错链,青川市教育局,青川市财政局,2026-06-30\n年度报告发布滞后,青川市财政局,,2026-06-30\n';
    const result = await importFindings(csv, { format: 'csv', ...options });
    expect(result.ok ? result : result.problems.map((problem) => [problem.row, problem.reasonZh])).toEqual([[3, '未写牵头单位：请写明牵头整改的单位。']]);
    const accepted = await importFindings(csv.replace('青川市财政局,,2026', '青川市财政局,青川市教育局,2026'), { format: 'csv', ...options });
    expect(accepted.ok && accepted.findings.map((finding) => finding.parts.map((part) => [part.unit.unitId, part.role]))).toEqual([
      [['unit-czj', 'LEAD'], ['unit-jyj', 'RESPONSIBLE']],
      [['unit-jyj', 'LEAD'], ['unit-czj', 'RESPONSIBLE']],
    ]);
  });

  it('reads a findings list\'s 配合单位 column as units concerned', async () => {
    const csv = '问题,具体表现,类别,严重程度,责任单位,配合单位\n门户网站存在错链,3处链接失效,网站建设,一般,青川市教育局,青川市财政局\n';
    const result = await importFindings(csv, { format: 'csv', lookupUnit });
    expect(result.ok ? result.findings.map((finding) => finding.concernedUnits.map((unit) => unit.unitId)) : result.problems).toEqual([['unit-jyj', 'unit-czj']]);
  });

  it('continues a finding on CSV rows that leave 问题 blank', async () => {
    const csv =
      '问题,牵头单位,配合单位,整改时限\n' +
      '门户网站存在错链,青川市教育局,,2026-06-30\n' +
      ',,青川市财政局,2026-09-30\n';
    expect(await importFindings(csv, { format: 'csv', ...options })).toMatchObject({
      ok: true,
      findings: [{ row: 2, parts: [{ unit: { unitId: 'unit-jyj' }, role: 'LEAD' }, { unit: { unitId: 'unit-czj' }, role: 'RESPONSIBLE', dueDate: '2026-09-30', row: 3 }] }],
    });
  });

  it('takes joint lead units (联合牵头: 「A、B」 in the 牵头单位 cell), each leading; a row below may repeat them (a merged cell) but not name another', async () => {
    const csv =
      '问题,具体表现,牵头单位,配合单位,整改时限\n' +
      /* 2 */ '错链,3处链接失效,"青川市教育局、青川市财政局",,2026-06-30\n' +
      /* 3 */ ',,"青川市教育局、青川市财政局",青川市人民政府办公室,2026-07-31\n' +
      /* 4 */ '年报滞后,未发布,"青川市财政局/青川市教育局",,2026-09-30\n';
    const result = await importFindings(csv, { format: 'csv', ...options });
    expect(result.ok && result.findings.map((finding) => finding.parts.map((part) => [part.unit.name, part.role, part.dueDate]))).toEqual([
      // Named again on row 3 with its later deadline, the joint leads are due on it (breaker10r P10: the first row's kept, silently).
      [
        ['青川市教育局', 'LEAD', '2026-07-31'],
        ['青川市财政局', 'LEAD', '2026-07-31'],
        ['青川市人民政府办公室', 'RESPONSIBLE', '2026-07-31'],
      ],
      [
        ['青川市财政局', 'LEAD', '2026-09-30'],
        ['青川市教育局', 'LEAD', '2026-09-30'],
      ],
    ]);
    const another = csv.replace(',,"青川市教育局、青川市财政局",', ',,青川市人民政府办公室,');
    const refused = await importFindings(another, { format: 'csv', ...options });
    expect(!refused.ok && refused.problems.map((problem) => [problem.row, problem.reasonZh])).toEqual([
      [3, '牵头单位“青川市人民政府办公室”不在上方的牵头单位（青川市教育局、青川市财政局）之中：联合牵头的单位须在该问题第一行的牵头单位中一并列明。'],
    ]);
  });

  it('refuses, naming every row: a lead unit twice, unreadable deadlines, no deadline, no unit, another description under one finding', async () => {
    const csv =
      '问题,具体表现,牵头单位,配合单位,整改时限\n' +
      /* 2 */ '错链,3处链接失效,"青川市教育局、青川市教育局",,2026-06-30\n' +
      /* 3 */ '年报滞后,未发布,青川市财政局,,2026年底前\n' +
      /* 4 */ '渠道缺失,无入口,青川市财政局,,下个月\n' +
      /* 5 */ '解读缺失,无解读,青川市财政局,,\n' +
      /* 6 */ '回应滞后,未回应,,,2026-06-30\n' +
      /* 7 */ '目录不全,缺目录,各区县政府,,2026-06-30\n' +
      /* 8 */ '目录不全,另一种表现,,青川市教育局,2026-06-30\n';
    const result = await importFindings(csv, { format: 'csv', ...options });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((problem) => [problem.row, problem.reason])).toEqual([
      [2, 'Unit 青川市教育局 is listed twice for this finding.'],
      [4, expect.stringContaining('Due date (整改时限) "下个月" is not a deadline we can read')],
      [5, 'Missing due date (整改时限).'],
      [6, 'No responsible unit (责任单位): a ledger row names the units that rectify it.'],
      [8, 'This row continues finding "目录不全" (row 7) but gives another 具体表现 (description): "另一种表现".'],
    ]);
    // Each says it in Chinese too, for the web app.
    expect(!result.ok && result.problems.filter((problem) => problem.reasonZh === undefined)).toEqual([]);
  });

  it('reads standing, recurring and "then standing" deadlines as standing parts kept up until the plan\'s inspection deadline (else the end of the next year, as long as a part may run: newcomer43-10 #6), in the office\'s words', async () => {
    const csv =
      '问题,牵头单位,整改时限\n' +
      '年报滞后,青川市财政局,常态化\n' +
      '网站巡检,青川市教育局,每月\n' +
      '目录不全,青川市财政局,2026年6月底前完成并长期坚持\n' +
      '错链,青川市教育局,立行立改\n';
    const parts = async (extra: object) => {
      const result = await importFindings(csv, { format: 'csv', ...options, ...extra });
      return result.ok ? result.findings.map((finding) => [finding.parts[0]!.dueDate, finding.parts[0]!.terms]) : result.problems;
    };
    expect(await parts({})).toEqual([
      ['2027-12-31', { kind: 'STANDING', reportEvery: 'QUARTER', words: '常态化' }],
      ['2027-12-31', { kind: 'STANDING', reportEvery: 'MONTH', words: '每月' }],
      ['2026-06-30', { kind: 'BY_DATE_THEN_STANDING', reportEvery: 'QUARTER' }],
      ['2026-03-10', { kind: 'AT_ONCE' }],
    ]);
    expect((await parts({ standingUntil: '2026-10-31' })).slice(0, 2)).toEqual([
      ['2026-10-31', { kind: 'STANDING', reportEvery: 'QUARTER', words: '常态化' }],
      ['2026-10-31', { kind: 'STANDING', reportEvery: 'MONTH', words: '每月' }],
    ]);
  });

  it('refuses a 牵头单位 column in a file without deadlines: assigning needs one', async () => {
    const csv = '问题,具体表现,类别,严重程度,牵头单位\n错链,3处链接失效,网站建设,一般,青川市教育局\n';
    expect(await importFindings(csv, { format: 'csv', ...options })).toMatchObject({
      ok: false,
      problems: [{ row: null, reason: expect.stringContaining('Column 牵头单位 (lead unit) assigns the findings, which needs a deadline') }],
    });
  });

  it('records the measures of a findings list (整改措施), with its units concerned and no parts', async () => {
    const csv = '问题,具体表现,类别,严重程度,责任单位,整改措施\n门户网站存在错链,3处链接失效,网站建设,一般,青川市教育局,修复链接\n';
    expect(await importFindings(csv, { format: 'csv', ...options })).toMatchObject({
      ok: true,
      ledger: false,
      findings: [{ measures: '修复链接', concernedUnits: [{ unitId: 'unit-jyj' }], parts: [] }],
    });
  });
});

describe('a problem’s list number (breaker10b N21)', () => {
  it.each([
    ['1.栏目长期未更新', '栏目长期未更新'],
    ['12、栏目长期未更新', '栏目长期未更新'],
    ['（3）栏目长期未更新', '栏目长期未更新'],
    ['(一)栏目长期未更新', '栏目长期未更新'],
    ['二、栏目长期未更新', '栏目长期未更新'],
    ['④栏目长期未更新', '栏目长期未更新'],
    ['1.5万份年报未公开', '1.5万份年报未公开'],
    ['2026年报告未公开', '2026年报告未公开'],
  ])('reads %s as %s', (cell, title) => {
    expect(withoutListNumber(cell)).toBe(title);
  });

  it('gives one key to titles differing in width, spaces and trailing punctuation', () => {
    expect(findingTitleKey('1.政府信息公开（专栏）更新不及时。')).toBe(findingTitleKey('政府信息公开(专栏) 更新不及时'));
    expect(findingTitleKey('政策解读，不到位')).toBe(findingTitleKey('政策解读,不到位'));
    expect(findingTitleKey('政策解读不到位')).not.toBe(findingTitleKey('政策解读到位'));
  });
});

/*
 * breaker10m P17: a 台账's severity column headed 问题等级 / 严重性 / 风险等级 / 问题级别 (cells 严重, 一般 …) was listed as not
 * imported, every problem recorded 一般, with a notice saying the file had no 严重程度 column; its category headed 问题分类 /
 * 所属领域 / 类型 / 领域 / 评估指标 was dropped the same way (未分类). Read under the headers offices give them; a column under any
 * other header whose cells are all severity words is refused naming it, never dropped.
 */
describe('severity and category columns under the headers offices give them (breaker10m P17)', () => {
  const options = { lookupUnit, today: '2026-03-10', year: 2026 } as const;
  const ledger = (categoryHeader: string, severityHeader: string) =>
    `问题,具体表现,${categoryHeader},${severityHeader},责任单位,整改时限\n门户网站存在错链,3处链接失效,网站建设,严重,青川市教育局,2026年9月30日\n年报滞后,未按时发布,年度报告,较重,青川市财政局,2026年6月30日\n`;

  it.each([
    ['问题分类', '问题等级'],
    ['所属领域', '严重性'],
    ['类型', '风险等级'],
    ['领域', '问题级别'],
    ['评估指标', '严重等级'],
  ])('reads %s as 类别 and %s as 严重程度: nothing left out, no notice of a missing column', async (categoryHeader, severityHeader) => {
    const read = await importFindings(ledger(categoryHeader, severityHeader), { format: 'csv', ...options });
    expect(read).toMatchObject({
      ok: true,
      ledger: true,
      findings: [
        { title: '门户网站存在错链', category: '网站建设', severity: 'HIGH' },
        { title: '年报滞后', category: '年度报告', severity: 'MEDIUM' },
      ],
    });
    expect(read.ok && [read.notImported ?? [], (read.notices ?? []).map((notice) => notice.reasonZh)]).toEqual([[], []]);
  });

  it('refuses a column under another header whose every cell is a severity word, naming it and a cell; keeps other columns not imported', async () => {
    const csv = '问题,具体表现,类别,问题性质,责任单位,整改时限\n门户网站存在错链,3处链接失效,网站建设,严重,青川市教育局,2026年9月30日\n年报滞后,未按时发布,年度报告,一般,青川市财政局,2026年6月30日\n';
    expect(await importFindings(csv, { format: 'csv', ...options })).toMatchObject({
      ok: false,
      problems: [{ row: null, reasonZh: '“问题性质”列写的是问题的严重程度（如“严重”），但该表头不是本导入读取的列名，导入后所有问题都会按“一般”记录：请把表头改为“严重程度”后重新导入。' }],
    });
    // 问题性质 saying something else (共性问题 / 个性问题) is not a severity: listed as not imported, as before.
    const other = await importFindings(csv.replace(',严重,', ',共性问题,').replace(',一般,', ',个性问题,'), { format: 'csv', ...options });
    expect(other).toMatchObject({ ok: true, notImported: ['问题性质'] });
  });
});

describe('a 台账 row naming an unknown unit says in which column (newcomer46-10 M1)', () => {
  it('names 牵头单位, 配合单位 or 责任单位 — the deadline and status refusals name theirs — on the row, each name once', async () => {
    const csv =
      '问题,整改措施,牵头单位,配合单位,整改时限\n' +
      /* 2 */ '网站错链,逐一修复,青川市文化旅游局,青川市财政局,2026-06-30\n' +
      /* 3 */ '解读滞后,及时解读,青川市财政局,青川市体育局,2026-06-30\n';
    const result = await importFindings(csv, { format: 'csv', lookupUnit, year: 2026, today: '2026-03-02' });
    expect(result.ok ? result.findings : result.problems.map((problem) => [problem.row, problem.reasonZh.replace(/：.*$/u, '')])).toEqual([
      [2, '牵头单位“青川市文化旅游局”不在单位名录中'],
      [3, '配合单位“青川市体育局”不在单位名录中'],
    ]);
    const oneColumn = await importFindings('问题,整改措施,责任单位,整改时限\n网站错链,逐一修复,"青川市财政局、青川市体育局",2026-06-30\n', { format: 'csv', lookupUnit, year: 2026, today: '2026-03-02' });
    expect(oneColumn.ok ? oneColumn.findings : oneColumn.problems.map((problem) => problem.reasonZh.replace(/：.*$/u, ''))).toEqual(['责任单位“青川市体育局”不在单位名录中']);
  });
});

// newcomer52-10 M5: a blank 问题描述 cell was refused as 「缺少具体表现」, a column the file does not have.
describe('a row whose description cell is blank', () => {
  it('is refused naming the file’s own header, not the import’s word', async () => {
    const csv = '\uFEFF问题,问题描述,类别,严重程度,涉及单位\r\n年度报告发布滞后,,年度报告,一般,青川市财政局\r\n';
    const result = await importFindings(Buffer.from(csv, 'utf8'), { format: 'csv', lookupUnit });
    expect(result).toMatchObject({ ok: false, problems: [{ row: 2, reasonZh: '“问题描述”为空：请填写该问题的具体表现（可与问题名称相同）。' }] });
  });
});

// newcomer53-10 M4: one blank 问题描述 cell refused a 整改台账 that would import without the column.
describe('a 整改台账 row whose description cell is blank', () => {
  it('records the problem\'s title as its description, told', async () => {
    const csv = '问题,问题描述,牵头单位,整改时限\n政策解读形式单一,,青川市财政局,2026-06-30\n网站错链,首页三处错链,青川市财政局,2026-06-30\n';
    const result = await importFindings(csv, { format: 'csv', lookupUnit, year: 2026, today: '2026-03-02' });
    if (!result.ok) throw new Error(JSON.stringify(result.problems.map((problem) => problem.reasonZh)));
    expect(result.findings.map((finding) => finding.description)).toEqual(['政策解读形式单一', '首页三处错链']);
    expect(result.notices?.map((notice) => [notice.row, notice.reasonZh])).toContainEqual([2, '“问题描述”为空：按问题名称“政策解读形式单一”记录具体表现（与没有该列的台账相同）。如需另写，请填写后重新导入。']);
  });
});
