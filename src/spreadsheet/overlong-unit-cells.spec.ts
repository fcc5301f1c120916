import ExcelJS from 'exceljs';
import { unitLookupFrom, type UnitLookup } from '../organization/units/unit-lookup.js';
import { importFindings } from '../rectification/import-findings/findings-file.js';
import { importWorkPlan } from '../work-plan/import/work-plan-import.js';
import { longestNameRun, MAX_UNIT_CELL_CHARS, MAX_UNIT_NAME_CHARS, MAX_UNITS_IN_CELL, unitCellBeyondLimit } from './cells.js';
import { readSpreadsheet } from './sheet.js';

/*
 * breaker53-10 S4: one 牵头单位 cell of 「青川市甲务局」 and 200 000 characters after it (a paste accident; a 7.5 KB XLSX, a 300 KB
 * CSV 台账) was read by the worker and handed to the server's thread, where every rule of the unit lookup read it whole and the
 * near-name rule compared it with every unit: the server answered nobody for 20 s (100 000 characters: 4.8 s). No unit's name is
 * longer than 100 characters (the 单位名录 import refuses one), so a unit cell with a longer run is refused in the reader, naming the
 * row, column and cell, and the lookup refuses such a text before any matching. The work is counted, not timed: the lookup is never
 * handed a text longer than a name.
 */

const directory = [
  { id: 'unit-jia', code: 'JIA', name: '青川市甲务局' },
  { id: 'unit-yi', code: 'YI', name: '青川市乙务局' },
  { id: 'unit-fgw', code: 'FGW', name: '青川市发展和改革委员会' },
];

/** The directory's lookup, keeping the length of every text its `resolveNames` is asked about. */
function countingLookup(): { lookup: UnitLookup; asked: number[] } {
  const inner = unitLookupFrom(directory);
  const asked: number[] = [];
  const lookup = Object.assign((nameOrCode: string) => inner(nameOrCode), inner, {
    resolveNames: (name: string, ...rest: unknown[]) => {
      asked.push(name.length);
      return (inner.resolveNames as (...args: unknown[]) => ReturnType<NonNullable<UnitLookup['resolveNames']>>)(name, ...rest);
    },
  }) as UnitLookup;
  return { lookup, asked };
}

const pasted = `青川市甲务局${'公开'.repeat(100_000)}`;

async function workbook(header: string[], rows: string[][]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('方案');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe('a unit cell longer than any unit name (breaker53-10 S4)', () => {
  it('longestNameRun: the longest text between separators, white space and brackets', () => {
    expect(longestNameRun('青川市甲务局、青川市乙务局')).toBe(6);
    expect(longestNameRun('青川市甲务局（牵头）青川市乙务局（配合）')).toBe(6);
    expect(longestNameRun(`青川市甲务局 ${'乙'.repeat(101)}\n青川市丙务局`)).toBe(101);
    expect(longestNameRun('')).toBe(0);
  });

  it('refuses a plan row whose 牵头单位 holds 200 006 characters, in the reader, naming the cell — the lookup never sees it', async () => {
    const content = await workbook(['编号', '事项', '牵头单位', '配合单位', '完成时限'], [
      ['1', '推进决策公开', pasted, '青川市乙务局', '2026-06-30'],
      ['2', '推进解读', '青川市乙务局', '', '2026-09-30'],
    ]);
    const { lookup, asked } = countingLookup();
    const result = await importWorkPlan(content, { format: 'xlsx', title: '青川市2026年长名方案', lookupUnit: lookup });
    expect(result).toMatchObject({
      ok: false,
      problems: [
        {
          row: 2,
          reasonZh:
            '“牵头单位”一格（单元格 C2）写了 200006 个字，其中连续 200006 个字没有分隔（“青川市甲务局公开公开公开公开公开公开公开…”），不像单位名称：单位名称最多 100 个字。请在该格中只写单位名称（多个单位用“、”分隔）后重新导入。',
        },
      ],
    });
    expect(Math.max(0, ...asked)).toBeLessThanOrEqual(MAX_UNIT_NAME_CHARS);
  });

  it('refuses a 台账 CSV whose 责任单位 holds 100 000 characters the same way, the row named', async () => {
    const csv = `存在问题,整改措施,责任单位,整改时限\n栏目更新不及时,加强更新,${pasted.slice(0, 100_006)},2026-06-30\n`;
    const { lookup, asked } = countingLookup();
    const result = await importFindings(csv, { format: 'csv', lookupUnit: lookup, today: '2026-03-01' });
    expect(result).toMatchObject({ ok: false, problems: [{ row: 2, reasonZh: expect.stringMatching(/^“责任单位”一格（单元格 C2）写了 100006 个字，其中连续 100006 个字没有分隔/) }] });
    expect(Math.max(0, ...asked)).toBeLessThanOrEqual(MAX_UNIT_NAME_CHARS);
  });

  it('reads a long cell of many units, each a name, as before', async () => {
    const many = Array.from({ length: 40 }, (_, at) => (at % 2 === 0 ? '青川市甲务局' : '青川市乙务局')).join('、');
    const read = await readSpreadsheet(`编号,事项,牵头单位\n1,推进,"${many}"\n`, 'csv', {
      code: { label: '编号', aliases: ['编号'], required: true },
      title: { label: '事项', aliases: ['事项'], required: true, names: true },
      leadUnit: { label: '牵头单位', aliases: ['牵头单位'], required: true, units: 'lead' },
    });
    expect(read.ok).toBe(true);
  });

  it('the lookup refuses a text longer than any name without matching it, saying so (a YAML plan, GraphQL)', () => {
    const named = unitLookupFrom(directory).resolveNames!(pasted);
    expect(named).toMatchObject({ ok: false, reasonZh: '“青川市甲务局公开公开公开公开公开公开公开…”共 200006 个字，不像单位名称（单位名称最多 100 个字）：请只写单位名称，多个单位用“、”分隔' });
    // A run of exactly the longest name is still a name to look up.
    expect(unitLookupFrom(directory).resolveNames!(`青川市${'甲'.repeat(MAX_UNIT_NAME_CHARS - 3)}`)).toMatchObject({ ok: false, unknown: true });
  });
});

/*
 * breaker54-10 S1: the limit above is on each name, not the cell: 40 000 names of 99 characters joined by 、 in one 牵头单位 cell
 * (152 KB XLSX) held /health 17 s in a plan and 30 s in a 台账, a JSON item with 15 000 such names 6 s — each name matched against the
 * directory on the server's thread. A unit cell (or a YAML/JSON item's unit field) may name at most `MAX_UNITS_IN_CELL` units in
 * `MAX_UNIT_CELL_CHARS` characters; over either it is refused in the reader, and the lookup is never asked about its names.
 */
describe('a unit cell of more names than an item has (breaker54-10 S1)', () => {
  const long = `${'公开'.repeat(49)}一`;
  const names = (count: number) => Array.from({ length: count }, () => long);

  it('counts the names between separators and the characters', () => {
    expect(unitCellBeyondLimit(Array.from({ length: 60 }, () => '青川市发展和改革委员会').join('、'))).toBeNull();
    expect(unitCellBeyondLimit(Array.from({ length: MAX_UNITS_IN_CELL + 1 }, () => '甲').join('、'))).toEqual({ names: MAX_UNITS_IN_CELL + 1, chars: 2 * MAX_UNITS_IN_CELL + 1 });
    expect(unitCellBeyondLimit(['青川市甲务局', ...names(40)].join('\n'))).toEqual({ names: 41, chars: 6 + 40 * 100 });
    expect(MAX_UNIT_CELL_CHARS).toBeLessThan(6 + 40 * 100);
  });

  it('refuses a plan row whose 牵头单位 names 2 001 units of up to 99 characters, in the reader, naming the cell — no name looked up', async () => {
    const cell = ['青川市甲务局', ...names(2_000)].join('、');
    const content = await workbook(['编号', '事项', '牵头单位', '完成时限'], [['1', '推进决策公开', cell, '2026-06-30']]);
    const { lookup, asked } = countingLookup();
    const result = await importWorkPlan(content, { format: 'xlsx', title: '青川市2026年长名方案', lookupUnit: lookup });
    expect(result).toMatchObject({
      ok: false,
      problems: [
        {
          row: 2,
          reasonZh:
            `“牵头单位”一格（单元格 C2）写了 2001 个单位名称、共 ${cell.length} 个字，超过一格允许的 300 个单位、3000 个字（一项工作的单位通常只有几个）：` +
            '请核对该格是否误粘贴了其他内容，只保留本项的单位名称后重新导入。',
        },
      ],
    });
    expect(asked).toEqual([]);
  });

  it('refuses a YAML plan item whose responsibleUnits lists 400 names before any rule reads them, naming the field and line', async () => {
    const yaml = [
      'title: 青川市2026年长名方案',
      'year: 2026',
      'categories:',
      '  - code: 一',
      '    title: 政务公开',
      '    items:',
      '      - code: "1"',
      '        title: 推进决策公开',
      '        leadUnit: 青川市甲务局',
      '        dueDate: 2026-06-30',
      '        responsibleUnits:',
      ...names(400).map((name) => `          - ${name}`),
    ].join('\n');
    const { lookup, asked } = countingLookup();
    const result = await importWorkPlan(yaml, { format: 'yaml', lookupUnit: lookup });
    expect(result).toMatchObject({ ok: false, problems: [{ row: 11, reasonZh: expect.stringMatching(/^事项中的字段“responsibleUnits”写了 400 个单位名称、共 39999 个字，超过一格允许的 300 个单位/) }] });
    expect(asked).toEqual([]);
  });
});
