/**
 * A bar's name as a narrow chart can show it: cut into lines of at most `charsPerLine` characters, at most `lines`
 * lines, the last ending in … when the name is longer (newcomer40: at 360 px the 按单位 chart cut every unit to 7
 * characters, 「青川市」 taking three, so 「青川市发展和改…」 and 「青川市人民政府…」 could not be told apart). Characters
 * are counted as code points (a CJK character is one); unit names carry no spaces, so no word is kept whole.
 * Hand-written because ECharts' own `axisLabel.overflow: 'break'` wraps a name but cannot cap its lines nor end it with …,
 * and a 28 px bar has room for two. Pure: test/web-chart-labels.spec.ts reads it.
 */
export function chartLabelLines(name: string, charsPerLine: number, lines: number): string {
  const characters = [...name];
  const room = charsPerLine * lines;
  const shown = characters.length <= room ? characters : [...characters.slice(0, room - 1), '…'];
  const rows: string[] = [];
  for (let start = 0; start < shown.length; start += charsPerLine) rows.push(shown.slice(start, start + charsPerLine).join(''));
  return rows.join('\n');
}
