import ExcelJS from 'exceljs';
import { unitIdForCode } from '../units/unit-id.js';
import { unitLookupFrom } from '../units/unit-lookup.js';
import { importUnits, unitKindOf } from './units-file.js';

/* The units directory from a spreadsheet. */

const emptyDirectory = unitLookupFrom([]);

describe('unit kinds', () => {
  it.each([
    ['DEPARTMENT', 'DEPARTMENT'],
    ['county_or_district', 'COUNTY_OR_DISTRICT'],
    ['部门', 'DEPARTMENT'],
    ['区县', 'COUNTY_OR_DISTRICT'],
    ['办公厅', 'GENERAL_OFFICE'],
    ['其他', 'OTHER'],
    ['局', undefined],
    // Session 24: the words 单位名录 files write (refused as unknown kinds before).
    ['市直部门', 'DEPARTMENT'],
    ['政府工作部门', 'DEPARTMENT'],
    ['县（市、区）', 'COUNTY_OR_DISTRICT'],
    ['县市区', 'COUNTY_OR_DISTRICT'],
    ['科室', 'OTHER'],
    ['事业单位', 'OTHER'],
    [' 部 门 ', 'DEPARTMENT'],
    ['ＤＥＰＡＲＴＭＥＮＴ', 'DEPARTMENT'],
  ])('%p is %p', (text, kind) => {
    expect(unitKindOf(text)).toBe(kind);
  });
});

describe('a 单位名录 typed as offices type it (session 24: full-width codes, blank rows, a title, kind words)', () => {
  it('registers every row: ＳＪＪ is code SJJ, a blank row is skipped, 科室 under its parent named by name', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('单位名录');
    for (const row of [
      ['青川市单位名录'],
      [],
      ['序号', '单位编码', '单位名称', '单位类型', '上级单位'],
      [1, 'ＳＪＪ', '青川市审计局', '市直部门', ''],
      [],
      [2, 'TJJ', '青川市统计局', '政府工作部门', ''],
      [3, 'SJJ-ZHK', '青川市审计局综合科', '科室', '青川市审计局'],
      [4, 'ＤＨ－ＸＩＡＮ', '东湖区人民政府', '县（市、区）', ''],
    ]) sheet.addRow(row);
    const result = await importUnits(new Uint8Array(await book.xlsx.writeBuffer()), { format: 'xlsx', lookupUnit: emptyDirectory });
    expect(result.ok ? result.units.map((unit) => [unit.row, unit.code, unit.kind, unit.parentUnitId]) : result.problems).toEqual([
      [4, 'SJJ', 'DEPARTMENT', null],
      [6, 'TJJ', 'DEPARTMENT', null],
      [7, 'SJJ-ZHK', 'OTHER', unitIdForCode('SJJ')],
      [8, 'DH-XIAN', 'COUNTY_OR_DISTRICT', null],
    ]);
  });
});

describe('a directory whose every row is fine', () => {
  it('reads a CSV, children after their parents, ids derived from codes', async () => {
    const csv =
      '\uFEFF编码,名称,类型,上级编码\n' +
      'OPENNESS,青川市政务公开办公室,其他,GOV-OFFICE\n' +
      'GOV-OFFICE,青川市人民政府办公室,办公厅,\n' +
      'CZJ,青川市财政局,DEPARTMENT,\n';
    expect(await importUnits(csv, { format: 'csv', lookupUnit: emptyDirectory })).toEqual({
      ok: true,
      units: [
        {
          row: 3,
          unitId: unitIdForCode('GOV-OFFICE'),
          code: 'GOV-OFFICE',
          name: '青川市人民政府办公室',
          kind: 'GENERAL_OFFICE',
          parentUnitId: null,
          alreadyRegistered: false,
          renamedFrom: null, otherNames: [],
        },
        {
          row: 2,
          unitId: unitIdForCode('OPENNESS'),
          code: 'OPENNESS',
          name: '青川市政务公开办公室',
          kind: 'OTHER',
          parentUnitId: unitIdForCode('GOV-OFFICE'),
          alreadyRegistered: false,
          renamedFrom: null, otherNames: [],
        },
        {
          row: 4,
          unitId: unitIdForCode('CZJ'),
          code: 'CZJ',
          name: '青川市财政局',
          kind: 'DEPARTMENT',
          parentUnitId: null,
          alreadyRegistered: false,
          renamedFrom: null, otherNames: [],
        },
      ],
    });
  });

  it('reads an XLSX with English headers; a parent may already be in the directory', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('units');
    sheet.addRow(['Code', 'Name', 'Kind', 'Parent code']);
    sheet.addRow(['OPENNESS', '青川市政务公开办公室', 'OTHER', 'GOV-OFFICE']);
    const directory = unitLookupFrom([{ id: 'unit-gov', code: 'GOV-OFFICE', name: '青川市人民政府办公室' }]);
    const result = await importUnits(new Uint8Array(await workbook.xlsx.writeBuffer()), { format: 'xlsx', lookupUnit: directory });
    expect(result).toMatchObject({ ok: true, units: [{ code: 'OPENNESS', parentUnitId: 'unit-gov', alreadyRegistered: false }] });
  });

  it('marks units already in the directory under the same code and name', async () => {
    const directory = unitLookupFrom([{ id: unitIdForCode('CZJ'), code: 'CZJ', name: '青川市财政局' }]);
    const result = await importUnits('编码,名称,类型\nCZJ,青川市财政局,部门\n', { format: 'csv', lookupUnit: directory });
    expect(result).toMatchObject({ ok: true, units: [{ code: 'CZJ', alreadyRegistered: true }] });
  });
});

describe('a directory with bad rows', () => {
  it('lists every problem with its row', async () => {
    const directory = unitLookupFrom([
      { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
      { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
    ]);
    const csv =
      '编码,名称,类型,上级编码\n' +
      /* 2 */ 'FGW,青川市发展和改革委员会,部门,\n' +
      /* 3 */ 'fgw,发改委,局,\n' +
      /* 4 */ '市财政,青川市发展和改革委员会,,\n' +
      /* 5 */ 'CZJ,青川市财政局(新),部门,\n' +
      /* 6 */ 'HBJ,青川市教育局,部门,\n' +
      /* 7 */ ',青川市民政局,部门,SELF\n' +
      /* 8 */ 'SELF,自己,部门,SELF\n' +
      /* 9 */ 'A,甲,部门,B\n' +
      /* 10 */ 'B,乙,部门,A\n';
    expect(await importUnits(csv, { format: 'csv', lookupUnit: directory })).toMatchObject({
      ok: false,
      problems: [
        { row: 3, reason: 'Duplicate unit code fgw: already used on row 2.' },
        {
          row: 3,
          reason: 'Unknown unit kind "局": use GENERAL_OFFICE, DEPARTMENT, COUNTY_OR_DISTRICT, OTHER (部门, 区县, 办公厅 or 其他).',
        },
        { row: 4, reason: 'Unit code "市财政" may only have letters, digits, - and _, at most 32 of them.' },
        { row: 4, reason: 'Duplicate unit name 青川市发展和改革委员会: already used on row 2.' },
        { row: 4, reason: 'Missing unit kind (类型).' },
        {
          row: 5,
          reason: 'Unit code CZJ is already registered under another name than 青川市财政局(新). If the unit was renamed, import again with --rename (rename: true).',
          reasonZh: '单位编码 CZJ 已登记为其他名称，不是“青川市财政局(新)”。如该单位已更名，请勾选“按更名导入”后重新导入。',
        },
        { row: 6, reason: '青川市教育局 is already registered under another code than HBJ.' },
        { row: 7, reason: 'Missing unit code (编码).' },
        { row: 8, reason: 'Unit SELF cannot be its own parent.' },
        { row: 9, reason: 'The parents of unit A go round in a loop: A → B → A.' },
        { row: 10, reason: 'The parents of unit B go round in a loop: A → B → A.' },
      ],
    });
  });
});

describe('a reorganisation (机构改革): 卫生和计划生育委员会 becomes 卫生健康委员会 under the same code (fault 4)', () => {
  const directory = [{ id: unitIdForCode('WJW'), code: 'WJW', name: '青川市卫生和计划生育委员会' }];
  const options = { format: 'csv' as const, lookupUnit: unitLookupFrom(directory), nameOf: (id: string) => directory.find((unit) => unit.id === id)?.name };
  const csv = '编码,名称,类型\nWJW,青川市卫生健康委员会,部门\n';

  it('is refused unless asked, naming the current name and how to ask', async () => {
    expect(await importUnits(csv, options)).toEqual({
      ok: false,
      problems: [
        {
          row: 2,
          reason:
            'Unit code WJW is already registered under another name (青川市卫生和计划生育委员会) than 青川市卫生健康委员会. ' +
            'If the unit was renamed, import again with --rename (rename: true).',
          reasonZh: '单位编码 WJW 已登记为“青川市卫生和计划生育委员会”，不是“青川市卫生健康委员会”。如该单位已更名，请勾选“按更名导入”后重新导入。',
        },
      ],
    });
  });

  it('is a rename when asked', async () => {
    expect(await importUnits(csv, { ...options, rename: true })).toMatchObject({
      ok: true,
      units: [{ code: 'WJW', name: '青川市卫生健康委员会', alreadyRegistered: true, renamedFrom: '青川市卫生和计划生育委员会' }],
    });
  });

  it('once renamed, the same file again renames nothing, asked or not', async () => {
    const renamed = [{ ...directory[0]!, name: '青川市卫生健康委员会', formerNames: ['青川市卫生和计划生育委员会'] }];
    for (const rename of [false, true]) {
      expect(await importUnits(csv, { ...options, lookupUnit: unitLookupFrom(renamed), nameOf: () => renamed[0]!.name, rename })).toMatchObject({
        ok: true,
        units: [{ code: 'WJW', alreadyRegistered: true, renamedFrom: null }],
      });
    }
  });
});

describe('a file naming a unit by a name it had before (breaker10d P33)', () => {
  // Renamed to 卫生健康委员会, then back (a slip corrected): the file's 卫生健康委员会 is now a former name.
  const directory = [{ id: unitIdForCode('WJW'), code: 'WJW', name: '青川市卫生和计划生育委员会', formerNames: ['青川市卫生健康委员会'] }];
  const options = { format: 'csv' as const, lookupUnit: unitLookupFrom(directory), nameOf: () => directory[0]!.name };
  const csv = '编码,名称,类型\nWJW,青川市卫生健康委员会,部门\n';

  it('is a rename when asked, not "already registered"', async () => {
    expect(await importUnits(csv, { ...options, rename: true })).toMatchObject({
      ok: true,
      units: [{ code: 'WJW', name: '青川市卫生健康委员会', alreadyRegistered: true, renamedFrom: '青川市卫生和计划生育委员会' }],
    });
  });

  it('is refused unless asked, naming both names', async () => {
    expect(await importUnits(csv, options)).toMatchObject({
      ok: false,
      problems: [{ row: 2, reasonZh: '单位编码 WJW 已登记为“青川市卫生和计划生育委员会”，不是“青川市卫生健康委员会”。如该单位已更名，请勾选“按更名导入”后重新导入。' }],
    });
  });
});

describe('a code with a character nobody sees (breaker56-10 M3)', () => {
  it('is refused pointing at the character, as a name is', async () => {
    const result = await importUnits('编码,名称,类型\nFGW\u200b,青川市发展和改革委员会,部门\n', { format: 'csv', lookupUnit: unitLookupFrom([]) });
    expect(!result.ok && result.problems.map((problem) => problem.reasonZh)).toEqual([
      '单位编码第 4 个字符是不可见字符（U+200B）：名称和标题中不能含不可见字符，请删除后重新输入（单位编码只能由字母、数字、连字符和下划线组成）。',
    ]);
  });
});

describe('a rename to another unit’s former name (breaker56-10 M2)', () => {
  const directory = [
    { id: unitIdForCode('ALA'), code: 'ALA', name: '青川市自然资源和规划局', formerNames: ['青川市林业局'] },
    { id: unitIdForCode('ALB'), code: 'ALB', name: '青川市林业和草原局' },
  ];
  const options = { format: 'csv' as const, lookupUnit: unitLookupFrom(directory), nameOf: (id: string) => directory.find((unit) => unit.id === id)?.name, directory, rename: true };

  it('is refused naming the unit whose former name it is, and why', async () => {
    expect(await importUnits('编码,名称,类型\nALB,青川市林业局,部门\n', options)).toMatchObject({
      ok: false,
      problems: [{ row: 2, reasonZh: expect.stringMatching(/^“青川市林业局”是 青川市自然资源和规划局（编码 ALA）的原名称（更名前的名称）/) }],
    });
  });

  it('and a rename to another unit’s current name names that unit', async () => {
    expect(await importUnits('编码,名称,类型\nALB,青川市自然资源和规划局,部门\n', options)).toMatchObject({
      ok: false,
      problems: [{ row: 2, reasonZh: '“青川市自然资源和规划局”已是单位名录中另一个单位（编码 ALA，不是 ALB）的名称。' }],
    });
  });
});

describe('an older directory file imported again after 机构改革 (breaker10n P6)', () => {
  const WJW = unitIdForCode('WJW');
  const SCJ = unitIdForCode('SCJ');
  const directory = [
    {
      id: WJW,
      code: 'WJW',
      name: '青川市卫生健康委员会',
      formerNames: ['青川市卫生和计划生育委员会'],
      names: [
        { name: '青川市卫生和计划生育委员会', from: '2026-01-05' },
        { name: '青川市卫生健康委员会', from: '2026-05-01' },
      ],
    },
    { id: SCJ, code: 'SCJ', name: '青川市市场监督管理局' },
    { id: unitIdForCode('GSJ'), code: 'GSJ', name: '青川市工商行政管理局', mergedIntoUnitId: SCJ, mergedOn: '2026-05-01' },
  ];
  const options = { format: 'csv' as const, lookupUnit: unitLookupFrom(directory), directory, nameOf: (id: string) => directory.find((unit) => unit.id === id)?.name };
  const csv = '编码,名称,类型\nWJW,青川市卫生和计划生育委员会,部门\nGSJ,青川市工商行政管理局,部门\n';

  it('says a former name is one, with the day, instead of advising a rename that undoes the reform; a merged unit’s row says it was merged', async () => {
    expect(await importUnits(csv, options)).toEqual({
      ok: false,
      problems: [
        {
          row: 2,
          reason: expect.stringContaining('a former name of unit WJW, renamed 青川市卫生健康委员会 on 2026-05-01'),
          reasonZh:
            '“青川市卫生和计划生育委员会”是单位 WJW 的旧名称，该单位已于 2026-05-01 更名为“青川市卫生健康委员会”，名录中已有该单位。请删去该行或改写为现名（是否沿用了机构改革前的名录？）；确要改回旧名称，请勾选“按更名导入”后重新导入。',
        },
        {
          row: 3,
          reason: expect.stringContaining('was merged into 青川市市场监督管理局 on 2026-05-01'),
          reasonZh: '单位 GSJ“青川市工商行政管理局”已于 2026-05-01 并入“青川市市场监督管理局”：名录中保留其历史，不再单独登记。请删去该行（是否沿用了机构改革前的名录？）。',
        },
      ],
    });
  });

  it('renames back to the former name only when asked; the merged unit stays refused', async () => {
    const asked = await importUnits('编码,名称,类型\nWJW,青川市卫生和计划生育委员会,部门\n', { ...options, rename: true });
    expect(asked).toMatchObject({ ok: true, units: [{ code: 'WJW', renamedFrom: '青川市卫生健康委员会' }] });
    expect(await importUnits('编码,名称,类型\nGSJ,青川市工商行政管理局,部门\n', { ...options, rename: true })).toMatchObject({ ok: false, problems: [{ row: 2 }] });
  });

  it('takes the directory’s current names as they are', async () => {
    expect(await importUnits('编码,名称,类型\nWJW,青川市卫生健康委员会,部门\nSCJ,青川市市场监督管理局,部门\n', options)).toMatchObject({
      ok: true,
      units: [{ code: 'WJW', alreadyRegistered: true }, { code: 'SCJ', alreadyRegistered: true }],
    });
  });
});

describe('unit lookup through renames and merges', () => {
  const WJW = unitIdForCode('WJW');
  const RKJ = unitIdForCode('RKJ');
  const lookup = unitLookupFrom([
    { id: WJW, code: 'WJW', name: '青川市卫生健康委员会', formerNames: ['青川市卫生和计划生育委员会'] },
    { id: RKJ, code: 'RKJ', name: '青川市人口和计划生育局', mergedIntoUnitId: WJW },
  ]);

  it('a former name still names the unit', () => {
    expect(lookup('青川市卫生和计划生育委员会')).toBe(WJW);
  });

  it('a merged unit’s name leads to its successor; its code stays its own', () => {
    expect(lookup('青川市人口和计划生育局')).toBe(WJW);
    expect(lookup('rkj')).toBe(RKJ);
  });
});

// breaker9 F9: names that are the same text in Unicode are one name in a file too.
describe('a directory naming one unit in two spellings', () => {
  it('refuses the second row as a duplicate name, and takes a unit already in the directory under another spelling as that unit', async () => {
    const directory = unitLookupFrom([{ id: unitIdForCode('QC'), code: 'QC', name: 'QC测试局' }]);
    const duplicate = await importUnits('编码,名称,类型\nWEN,青川市文测试局,部门\nWEN2,青川市\u2F42测试局,部门\n', { format: 'csv', lookupUnit: directory });
    expect(duplicate).toMatchObject({ ok: false, problems: [{ row: 3, reason: 'Duplicate unit name 青川市\u2F42测试局: already used on row 2.' }] });
    const known = await importUnits('编码,名称,类型\nQC,ＱＣ测试局,部门\n', { format: 'csv', lookupUnit: directory });
    expect(known).toMatchObject({ ok: true, units: [{ code: 'QC', alreadyRegistered: true, renamedFrom: null }] });
  });
});

describe('a directory as offices keep it: the parent by name, other columns (breaker10b N16)', () => {
  const directory = unitLookupFrom([
    { id: 'unit-gov', code: 'GOV-OFFICE', name: '青川市人民政府办公室' },
    { id: 'unit-donghu', code: 'DONGHU', name: '青川市东湖区人民政府', kind: 'COUNTY_OR_DISTRICT' },
  ]);

  it('reads 上级单位 / 主管单位 holding a name as the parent: a unit of the file or of the directory', async () => {
    const csv =
      '编码,名称,类型,上级单位\n' +
      'DONGHU-CZJ,青川市东湖区财政局,部门,青川市东湖区人民政府\n' +
      'DONGHU-YSK,青川市东湖区财政局预算科,其他,青川市东湖区财政局\n';
    const result = await importUnits(csv, { format: 'csv', lookupUnit: directory });
    expect(result).toMatchObject({
      ok: true,
      units: [
        { code: 'DONGHU-CZJ', parentUnitId: 'unit-donghu' },
        { code: 'DONGHU-YSK', parentUnitId: unitIdForCode('DONGHU-CZJ') },
      ],
    });
    const managed = await importUnits('编码,名称,类型,主管单位\nTJJ,青川市统计局,部门,青川市人民政府办公室\n', { format: 'csv', lookupUnit: directory });
    expect(managed).toMatchObject({ ok: true, units: [{ code: 'TJJ', parentUnitId: 'unit-gov' }] });
  });

  it('refuses a parent named by no unit, and a code and a name that are two units', async () => {
    const csv =
      '编码,名称,类型,上级编码,上级单位\n' +
      'A1,青川市甲局,部门,,青川市不存在的局\n' +
      'A2,青川市乙局,部门,GOV-OFFICE,青川市东湖区人民政府\n';
    const result = await importUnits(csv, { format: 'csv', lookupUnit: directory });
    expect(!result.ok && result.problems.map((problem) => [problem.row, problem.reasonZh])).toEqual([
      [2, '上级单位“青川市不存在的局”既不在本文件中，也不在单位名录中。'],
      [3, '上级编码 GOV-OFFICE 与上级单位“青川市东湖区人民政府”不是同一个单位。'],
    ]);
  });

  // newcomer57-10 S1: the office's 简称 and 曾用名 are the directory's to record, not columns to delete.
  it('reads 简称 and 曾用名 columns as the units\' other names, several a cell, and refuses a column naming units or days it does not use', async () => {
    const read = await importUnits(`编码,名称,类型,简称,曾用名\nSJJ,青川市审计局,部门,市审计局、审计局,青川市审计处\n`, { format: 'csv', lookupUnit: directory });
    expect(read.ok && read.units.map((unit) => unit.otherNames)).toEqual([
      [
        { name: '市审计局', kind: 'SHORT_NAME' },
        { name: '审计局', kind: 'SHORT_NAME' },
        { name: '青川市审计处', kind: 'EARLIER_NAME' },
      ],
    ]);
    // One name for two rows' units: refused naming both.
    const twice = await importUnits(`编码,名称,类型,简称\nSJJ,青川市审计局,部门,市审计局\nTJJ,青川市统计局,部门,市审计局\n`, { format: 'csv', lookupUnit: directory });
    expect(!twice.ok && twice.problems.map((problem) => problem.reasonZh)).toEqual([expect.stringMatching(/^“市审计局”既写作青川市统计局（编码 TJJ）的简称，又写作第 2 行青川市审计局（编码 SJJ）的简称或曾用名/)]);
    const place = await importUnits('编码,名称,类型,所属区县\nSJJ,青川市审计局,部门,东湖区\n', { format: 'csv', lookupUnit: directory });
    expect(!place.ok && place.problems.map((problem) => problem.reasonZh)).toEqual([expect.stringMatching(/^“所属区县”列写的是单位的隶属或日期，但本导入不使用它/)]);
  });

  // newcomer56-10 S3: 原单位名称, 撤并单位 … were listed as not imported while 曾用名 was refused — one rule for them all, the way on named.
  it.each([['原单位名称'], ['原单位'], ['原机构名称'], ['整合前单位'], ['划入单位'], ['并入单位'], ['撤并单位']])(
    'refuses a column of former or reorganised units headed %s, naming it and the way the directory records a rename or a merge',
    async (header) => {
      const result = await importUnits(`编码,名称,类型,${header}\nSJJ,青川市审计局,部门,青川市东湖区人民政府\n`, { format: 'csv', lookupUnit: directory });
      expect(!result.ok && result.problems.map((problem) => problem.reasonZh)).toEqual([
        `“${header}”列写的是单位的原名称或机构改革涉及的单位（如“青川市东湖区人民政府”），单位名录导入不登记它：单位更名的，请在文件中写新名称并勾选“按更名导入”，原名称保留为曾用名，此后写旧名称的文件仍能识别；单位撤并的，请由管理员在“单位名录”中对被撤并的单位办理“并入其他单位”，其未完成的任务随之移交；职能划转的，请用“移交任务”。请删去该列后再导入。`,
      ]);
    },
  );

  it('refuses such a column by its header when its units are not registered, and one of any header whose cells name registered units', async () => {
    const gone = await importUnits('编码,名称,类型,撤并单位\nSCJ,青川市市场监督管理局,部门,青川市食品药品监督管理局\n', { format: 'csv', lookupUnit: directory });
    expect(!gone.ok && gone.problems.map((problem) => problem.reasonZh)).toEqual([expect.stringMatching(/^“撤并单位”列写的是单位的原名称或机构改革涉及的单位，单位名录导入不登记它：.*“并入其他单位”/)]);
    const cells = await importUnits('编码,名称,类型,说明\nSCJ,青川市市场监督管理局,部门,青川市人民政府办公室\n', { format: 'csv', lookupUnit: directory });
    expect(!cells.ok && cells.problems.map((problem) => problem.reasonZh)).toEqual([expect.stringMatching(/^“说明”列写的是单位的原名称或机构改革涉及的单位（如“青川市人民政府办公室”）/)]);
  });

  it('lists the other columns as not imported', async () => {
    const result = await importUnits('编码,名称,类型,联系人,备注,单位地址\nSJJ,青川市审计局,部门,张三,新设,青川市中山路1号\n', { format: 'csv', lookupUnit: directory });
    expect(result).toMatchObject({ ok: true, notImported: ['联系人', '备注', '单位地址'] });
  });
});
