import ExcelJS from 'exceljs';
import { readPlanDocument, type PlanDocument, type PlanReadOptions } from './plan-document.js';

/* Reading plan files of every format into the one PlanDocument shape. */

const FINANCE = '青川市财政局';
const DONGHU = '青川市东湖区人民政府';
const XISHAN = '西山县人民政府';

/** The plan every format below writes. */
const expected: PlanDocument = {
  title: '青川市2026年政务公开工作要点任务分解方案',
  year: 2026,
  categories: [
    {
      code: '一',
      title: '深化“五公开”',
      items: [
        {
          row: 2,
          code: '1',
          title: '财政预决算公开',
          description: '部门预算、决算在批复后20日内公开, 细化到项级科目',
          measures: '',
          leadUnit: FINANCE,
          responsibleUnits: [DONGHU, XISHAN],
          dueDate: '2026-04-30',
        },
        {
          row: 3,
          code: '2',
          title: '重大决策预公开',
          description: '草案公开征求意见\n期限不少于30日，"意见"采纳情况反馈',
          measures: '',
          leadUnit: '青川市人民政府办公室',
          responsibleUnits: ['青川市发展和改革委员会'],
          dueDate: '2026-06-30',
        },
      ],
    },
    {
      code: '二',
      title: '回应关切',
      items: [
        {
          row: 4,
          code: '3',
          title: '政策解读',
          description: '',
          measures: '',
          leadUnit: '青川市政务公开办公室',
          responsibleUnits: [],
          dueDate: '2026-12-31',
        },
      ],
    },
  ],
};

/** A table without a 工作措施 column: a new version keeps each item's measures. */
const expectedFromTable: PlanDocument = { ...expected, absentFields: ['measures'] };

const csvOptions: PlanReadOptions = { format: 'csv', title: expected.title, year: 2026 };
const utf8 = (text: string) => Buffer.from(text, 'utf8');

async function read(content: Uint8Array | string, options: PlanReadOptions): Promise<PlanDocument> {
  const result = await readPlanDocument(content, options);
  if (!result.ok) throw new Error(`expected a document, got ${JSON.stringify(result.problems)}`);
  return result.document;
}

async function problemsOf(content: Uint8Array | string, options: PlanReadOptions) {
  const result = await readPlanDocument(content, options);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

/** Rows differ between formats (YAML counts lines); everything else must not. */
const withoutRows = (document: PlanDocument) => ({
  ...document,
  categories: document.categories.map((category) => ({
    ...category,
    items: category.items.map(({ row: _row, ...item }) => item),
  })),
});

// ---------------------------------------------------------------------------------------------

describe('CSV', () => {
  const chineseCsv =
    '\uFEFF类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\r\n' +
    `一,深化“五公开”,1,财政预决算公开,"部门预算、决算在批复后20日内公开, 细化到项级科目",${FINANCE},"${DONGHU}、${XISHAN}",2026-04-30\r\n` +
    '一,深化“五公开”,2,重大决策预公开,"草案公开征求意见\n期限不少于30日，""意见""采纳情况反馈",青川市人民政府办公室,青川市发展和改革委员会,2026/6/30\r\n' +
    '二,回应关切,3,政策解读,,青川市政务公开办公室,,2026年底前\r\n';

  it('reads UTF-8 with a BOM, Chinese headers, quoted commas, quotes and line breaks', async () => {
    expect(await read(utf8(chineseCsv), csvOptions)).toEqual(expectedFromTable);
  });

  it('reads it without the BOM, and from a string', async () => {
    expect(await read(utf8(chineseCsv.slice(1)), csvOptions)).toEqual(expectedFromTable);
    expect(await read(chineseCsv, csvOptions)).toEqual(expectedFromTable);
  });

  it('numbers rows as a spreadsheet shows them: a quoted line break stays in its row', async () => {
    const document = await read(utf8(chineseCsv), csvOptions);
    expect(document.categories.flatMap((category) => category.items.map((item) => item.row))).toEqual([2, 3, 4]);
  });

  it('reads English headers in any order, with unknown columns ignored', async () => {
    const englishCsv =
      'Due date,Item code,Item,Description,Lead unit,Responsible units,Category code,Category,Remarks\n' +
      `2026-04-30,1,财政预决算公开,"部门预算、决算在批复后20日内公开, 细化到项级科目",${FINANCE},"${DONGHU};${XISHAN}",一,深化“五公开”,x\n` +
      '2026-06-30,2,重大决策预公开,"草案公开征求意见\n期限不少于30日，""意见""采纳情况反馈",青川市人民政府办公室,青川市发展和改革委员会,一,深化“五公开”,\n' +
      '2026-12-31,3,政策解读,,青川市政务公开办公室,,二,回应关切,\n';
    expect(await read(englishCsv, csvOptions)).toEqual(expectedFromTable);
  });

  it('finds the header below a title row and skips blank lines', async () => {
    const withTitle = `青川市2026年政务公开工作要点任务分解方案,,,\n\n${chineseCsv.slice(1)}\n\n`;
    const document = await read(withTitle, csvOptions);
    expect(withoutRows(document)).toEqual(withoutRows(expectedFromTable));
    expect(document.categories[0]!.items[0]!.row).toBe(4);
  });

  it('takes the title from the file name and the year from the first due date when not given', async () => {
    const document = await read(chineseCsv, { format: 'csv', fileName: '/uploads/2026年分解方案.csv' });
    expect(document).toMatchObject({ title: '2026年分解方案', year: 2026 });
  });

  it('reports every missing column', async () => {
    const problems = await problemsOf('类别编号,类别,编号,内容\n一,x,1,y\n', csvOptions);
    expect(problems.map((problem) => problem.reason)).toEqual([
      expect.stringMatching(/^Missing column 事项 \(item\): /),
      expect.stringMatching(/^Missing column 牵头单位 \(lead unit\): /),
      expect.stringMatching(/^Missing column 完成时限 \(due date\): /),
    ]);
    expect(problems.every((problem) => problem.row === 1)).toBe(true);
  });

  it('reports a file without a header row', async () => {
    const problems = await problemsOf('a,b,c\n1,2,3\n', csvOptions);
    expect(problems).toMatchObject([{ row: null, reason: expect.stringMatching(/No header row found/) }]);
  });

  it('reports a column named twice', async () => {
    const problems = await problemsOf('类别编号,类别,编号,事项,牵头单位,lead unit,完成时限\n', csvOptions);
    expect(problems).toMatchObject([{ row: 1, reason: 'Columns 牵头单位 and lead unit both read as 牵头单位 (lead unit): keep one, or rename the other to a header of its own.' }]);
  });

  it('reads GBK, what Excel\'s "CSV (逗号分隔)" writes on Chinese Windows (breaker10 F11)', async () => {
    // 类别,编号,事项,牵头单位,完成时限 / 公开,1,信用信息归集,青川市财政局,2026年6月底前 — in GBK, CRLF.
    const gbk = Buffer.from(
      'c0e0b1f02cb1e0bac52ccac2cfee2cc7a3cdb7b5a5cebb2ccdeab3c9cab1cfde0d0ab9abbfaa2c312cd0c5d3c3d0c5cfa2b9e9bcaf2cc7e0b4a8cad0b2c6d5febed62c32303236c4ea36d4c2b5d7c7b00d0a',
      'hex',
    );
    const document = await read(gbk, csvOptions);
    expect(document.categories[0]!.items[0]).toMatchObject({ title: '信用信息归集', leadUnit: '青川市财政局', dueDate: '2026-06-30' });
  });

  it('refuses bytes that are neither UTF-8 nor GBK', async () => {
    const problems = await problemsOf(Buffer.from([0x2c, 0xff, 0x31, 0x80, 0x0a]), csvOptions);
    expect(problems).toMatchObject([{ row: null, reason: expect.stringMatching(/neither UTF-8 nor GBK.*CSV UTF-8/) }]);
  });

  it('keeps a stray quote inside an unquoted field as text', async () => {
    const stray = `类别编号,类别,编号,事项,牵头单位,完成时限\n一,五公开,1,公开"三公"经费,${FINANCE},2026-04-30\n`;
    const document = await read(stray, csvOptions);
    expect(document.categories[0]!.items[0]!.title).toBe('公开"三公"经费');
  });

  it('reports an unclosed quote', async () => {
    const problems = await problemsOf('类别编号,类别,编号,事项,牵头单位,完成时限\n一,"x,1,y,z,2026-01-01\n', csvOptions);
    expect(problems[0]!.reason).toMatch(/cannot be read/);
  });

  it('reports conflicting titles of one category, with both rows', async () => {
    const conflicting =
      '类别编号,类别,编号,事项,牵头单位,完成时限\n' +
      `一,深化五公开,1,a,${FINANCE},2026-04-30\n` +
      `一,五公开,2,b,${FINANCE},2026-04-30\n`;
    expect(await problemsOf(conflicting, csvOptions)).toMatchObject([
      { row: 3, reason: 'Category 一 is titled "五公开" here but "深化五公开" on row 2.' },
    ]);
  });

  it('reports a plan without items', async () => {
    expect(await problemsOf('类别编号,类别,编号,事项,牵头单位,完成时限\n', csvOptions)).toMatchObject([
      { row: null, reason: 'The plan has no items.' },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------

describe('XLSX', () => {
  async function workbookWith(fill: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
    const workbook = new ExcelJS.Workbook();
    fill(workbook.addWorksheet('分解方案'));
    workbook.addWorksheet('说明').addRow(['only the first worksheet is read']);
    return new Uint8Array(await workbook.xlsx.writeBuffer());
  }

  const officeSheet = (sheet: ExcelJS.Worksheet) => {
    sheet.addRow(['类别编号', '类别', '编号', '事项', '内容', '牵头单位', '责任单位', '完成时限']);
    sheet.addRow([
      '一',
      '深化“五公开”',
      1,
      '财政预决算公开',
      '部门预算、决算在批复后20日内公开, 细化到项级科目',
      FINANCE,
      `${DONGHU}\n${XISHAN}`,
      new Date(Date.UTC(2026, 3, 30)),
    ]);
    sheet.addRow([
      null,
      null,
      2,
      { richText: [{ text: '重大决策' }, { text: '预公开', font: { bold: true } }] },
      '草案公开征求意见\n期限不少于30日，"意见"采纳情况反馈',
      '青川市人民政府办公室',
      '青川市发展和改革委员会',
      '2026年6月30日',
    ]);
    sheet.mergeCells('A2:A3');
    sheet.mergeCells('B2:B3');
    sheet.addRow(['二', '回应关切', 3, '政策解读', null, '青川市政务公开办公室', null, 46387]);
  };

  it('reads the first worksheet: merged category cells, date cells, rich text, numeric codes, serial dates', async () => {
    expect(await read(await workbookWith(officeSheet), { ...csvOptions, format: 'xlsx' })).toEqual(expectedFromTable);
  });

  it('reads formula results', async () => {
    const content = await workbookWith((sheet) => {
      sheet.addRow(['category code', 'category', 'item code', 'item', 'lead unit', 'due date']);
      sheet.addRow(['一', '五公开', { formula: '1+1', result: 2 }, '公开', FINANCE, { formula: 'DATE(2026,6,30)', result: new Date(Date.UTC(2026, 5, 30)) }]);
    });
    const document = await read(content, { ...csvOptions, format: 'xlsx' });
    expect(document.categories[0]!.items[0]).toMatchObject({ code: '2', dueDate: '2026-06-30' });
  });

  it('refuses a file that is no workbook', async () => {
    const problems = await problemsOf(utf8('not a zip'), { ...csvOptions, format: 'xlsx' });
    expect(problems).toMatchObject([{ row: null, reason: expect.stringMatching(/not an Excel workbook/) }]);
  });
});

// ---------------------------------------------------------------------------------------------

describe('YAML and JSON', () => {
  const yaml = `title: 青川市2026年政务公开工作要点任务分解方案
year: 2026
categories:
  - code: 一
    title: 深化“五公开”
    items:
      - code: "1"
        title: 财政预决算公开
        description: 部门预算、决算在批复后20日内公开, 细化到项级科目
        leadUnit: ${FINANCE}
        responsibleUnits: [${DONGHU}, ${XISHAN}]
        dueDate: 2026-04-30
      - code: 2
        title: 重大决策预公开
        description: "草案公开征求意见\\n期限不少于30日，\\"意见\\"采纳情况反馈"
        牵头单位: 青川市人民政府办公室
        责任单位: 青川市发展和改革委员会
        完成时限: 2026/6/30
  - code: 二
    title: 回应关切
    items:
      - code: "3"
        title: 政策解读
        leadUnit: 青川市政务公开办公室
        dueDate: 2026年底前
`;

  it('reads a YAML plan, with English or Chinese keys and units as a list or text', async () => {
    const document = await read(yaml, { format: 'yaml' });
    // No item has a `measures` key: the plan says nothing about them, as a table without a 工作措施 column (breaker10s P2).
    expect(withoutRows(document)).toEqual(withoutRows(expectedFromTable));
  });

  it('reads a year written in Chinese numerals or full-width digits as the year (breaker10e P14)', async () => {
    for (const year of ['二〇二六', '"２０２６年度"', '二○二六年']) {
      const document = await read(yaml.replace('year: 2026', `year: ${year}`), { format: 'yaml' });
      expect(document.year).toBe(2026);
    }
  });

  it('numbers items by the line they start on', async () => {
    const document = await read(yaml, { format: 'yaml' });
    expect(document.categories.flatMap((category) => category.items.map((item) => item.row))).toEqual([7, 13, 22]);
  });

  it('reads the same plan as JSON', async () => {
    const json = JSON.stringify(
      {
        title: expected.title,
        year: 2026,
        categories: expected.categories.map((category) => ({
          code: category.code,
          title: category.title,
          items: category.items.map(({ row: _row, ...item }) => item),
        })),
      },
      null,
      2,
    );
    expect(withoutRows(await read(utf8(`\uFEFF${json}`), { format: 'json' }))).toEqual(withoutRows(expected));
  });

  it('the document title and year come before the options', async () => {
    const document = await read(yaml, { format: 'yaml', title: 'other', year: 2030 });
    expect(document).toMatchObject({ title: expected.title, year: 2026 });
  });

  it('refuses YAML aliases, so that a few hundred bytes cannot expand into gigabytes ("billion laughs")', async () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const [previous, name] of [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e'], ['e', 'f'], ['f', 'g'], ['g', 'h'], ['h', 'i']]) {
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const problems = await problemsOf(`${levels.join('\n')}\ntitle: x\ncategories: []\n`, { format: 'yaml' });
    expect(problems).toMatchObject([{ row: 2, reason: expect.stringMatching(/YAML aliases \(\*name\) are not accepted/) }]);
  });

  it.each([100, 5000])('refuses a document nested %p levels deep, saying so', async (levels) => {
    const deep = `${'['.repeat(levels)}${']'.repeat(levels)}`;
    const problems = await problemsOf(`{"title": "x", "categories": ${deep}}`, { format: 'json' });
    expect(problems).toMatchObject([{ row: 1, reason: 'The JSON file nests deeper than 32 levels; a plan needs 5.' }]);
  });

  it('reports a syntax error with its line', async () => {
    const problems = await problemsOf('title: x\ncategories:\n  - code: [一\n', { format: 'yaml' });
    expect(problems[0]).toMatchObject({ row: expect.any(Number), reason: expect.stringMatching(/YAML file cannot be read/) });
  });

  it('reports JSON syntax errors', async () => {
    const problems = await problemsOf('{"title": "x", "year": 2026,,}', { format: 'json' });
    expect(problems[0]!.reason).toMatch(/JSON file cannot be read/);
  });

  it('reports unknown and misshapen fields, each with its line', async () => {
    const broken = `title: 分解方案
year: 今年
owner: 青川市政务公开办公室
categories:
  - code: 一
    title: 五公开
    items:
      - code: "1"
        title: 公开
        leadUnits: ${FINANCE}
        dueDate: { month: 6 }
  - code: 二
    title: 回应关切
`;
    expect(await problemsOf(broken, { format: 'yaml' })).toMatchObject([
      { row: 2, reason: 'The plan year "今年" is not a year such as 2026.' },
      { row: 3, reason: 'Unknown field "owner" in the plan; expected title, year, categories.' },
      {
        row: 10,
        reason:
          'Unknown field "leadUnits" in item; expected code, title, description, measures, leadUnit, responsibleUnits, cooperatingUnits, dueDate (or their Chinese column names).',
      },
      { row: 11, reason: 'Field "dueDate" must be text, not a mapping.' },
      { row: 12, reason: 'Category 二 needs a list of items.' },
    ]);
  });

  it('reports a plan without categories', async () => {
    expect(await problemsOf('title: x\nyear: 2026\n', { format: 'yaml' })).toMatchObject([
      { row: 1, reason: 'The plan needs a list of categories.' },
    ]);
  });
});
