import { chartLabelLines } from '../web/src/chart-labels.js';

/* newcomer40: a 360 px phone's 按单位 chart cut every unit name to 7 characters, three of them 「青川市」. */
describe('a bar’s name on a narrow chart', () => {
  it('keeps a unit’s whole name over two lines, so units sharing 「青川市」 are told apart', () => {
    expect(chartLabelLines('青川市发展和改革委员会', 8, 2)).toBe('青川市发展和改革\n委员会');
    expect(chartLabelLines('青川市人民政府办公室', 8, 2)).toBe('青川市人民政府办\n公室');
  });

  it('leaves a short name on one line', () => {
    expect(chartLabelLines('西山县人民政府', 8, 2)).toBe('西山县人民政府');
    expect(chartLabelLines('', 8, 2)).toBe('');
  });

  it('ends a name longer than the lines hold with …, within the lines', () => {
    const wrapped = chartLabelLines('青川市人力资源和社会保障局政务公开专班', 8, 2);
    expect(wrapped).toBe('青川市人力资源和\n社会保障局政务…');
    expect(wrapped.split('\n').every((line) => [...line].length <= 8)).toBe(true);
  });
});
