import { calendarDateOf, dateProblemOf, textOf, namesInCell } from './cells.js';
import { importFormatOf, sortedProblems } from './import-problems.js';

describe('reading a due date', () => {
  it.each([
    ['2026-06-30', '2026-06-30'],
    ['2026/6/30', '2026-06-30'],
    ['2026.6.3', '2026-06-03'],
    ['20260630', '2026-06-30'],
    ['2026年6月30日', '2026-06-30'],
    ['2026年6月30日前', '2026-06-30'],
    ['2026年2月底前', '2026-02-28'],
    ['2028年2月底', '2028-02-29'],
    ['2026年底前', '2026-12-31'],
    ['2026-06-30 00:00:00', '2026-06-30'],
    ['2026-06-30T00:00:00.000Z', '2026-06-30'],
    [' 2026-06-30\u3000', '2026-06-30'],
  ])('%p is %p', (text, date) => {
    expect(calendarDateOf(text)).toBe(date);
  });

  it('reads a date cell as its UTC day, as Excel cells are', () => {
    expect(calendarDateOf(new Date(Date.UTC(2026, 2, 31)))).toBe('2026-03-31');
  });

  it('reads an Excel serial number (days since 1899-12-30)', () => {
    expect(calendarDateOf(46203)).toBe('2026-06-30');
  });

  it('keeps an impossible day as written, for validation to name it', () => {
    expect(calendarDateOf('2026年2月30日')).toBe('2026-02-30');
    expect(dateProblemOf('2026-02-30', 'due date')).toBe('due date 2026-02-30 does not exist');
  });

  it('keeps text that is no date as it is', () => {
    expect(calendarDateOf('下半年')).toBe('下半年');
    expect(dateProblemOf('下半年', 'due date')).toMatch(/"下半年" is not a date/);
    expect(dateProblemOf('', 'due date')).toBe('missing due date');
    expect(dateProblemOf('2026-06-30', 'due date')).toBeUndefined();
  });
});

describe('reading unit lists', () => {
  it.each(['、', '，', ',', ';', '；', '\n', '\r\n'])('splits on %p', (separator) => {
    expect(namesInCell(`青川市财政局${separator}西山县人民政府`)).toEqual(['青川市财政局', '西山县人民政府']);
  });

  it('trims names and drops empty ones', () => {
    expect(namesInCell(' 青川市财政局 、、\u3000西山县人民政府、')).toEqual(['青川市财政局', '西山县人民政府']);
    expect(namesInCell(null)).toEqual([]);
  });

  it('reads numbers as text', () => {
    expect(textOf(12)).toBe('12');
  });
});

describe('file formats and problems', () => {
  it.each([
    ['plan.xlsx', 'xlsx'],
    ['PLAN.CSV', 'csv'],
    ['plan.yml', 'yaml'],
    ['plan.yaml', 'yaml'],
    ['plan.json', 'json'],
    ['plan.xls', undefined],
    ['plan', undefined],
  ])('%s is %p', (fileName, format) => {
    expect(importFormatOf(fileName)).toBe(format);
  });

  it('sorts problems by row, file-level ones first, dropping repeats', () => {
    expect(
      sortedProblems([
        { row: 5, reason: 'b', reasonZh: 'b' },
        { row: 2, reason: 'a', reasonZh: 'a' },
        { row: null, reason: 'file', reasonZh: 'file' },
        { row: 5, reason: 'c', reasonZh: 'c' },
        { row: 5, reason: 'b', reasonZh: 'b' },
      ]),
    ).toEqual([
      { row: null, reason: 'file', reasonZh: 'file' },
      { row: 2, reason: 'a', reasonZh: 'a' },
      { row: 5, reason: 'b', reasonZh: 'b' },
      { row: 5, reason: 'c', reasonZh: 'c' },
    ]);
  });
});
