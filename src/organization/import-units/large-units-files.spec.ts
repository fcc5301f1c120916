import { jest } from '@jest/globals';

/*
 * breaker54-10 S4: a 单位名录 dry run compared each new row's name with every earlier row's (and every registered unit's) on the
 * server's thread: 5 000 distinct rows 22 s with /health silent 10 s, 10 000 rows 101 s, 20 001 rows 205 s — and accepted, no row
 * limit. Near names are now looked up by their characters (`NearFormsIndex`), the loop gives the event loop back in slices, and a
 * file of more than 20 000 rows is refused as plans and 台账 are. The work is counted, never timed: each comparison is one call of
 * `nearForms`.
 */
const real = await import('../units/near-unit-names.js');
let comparisons = 0;
jest.unstable_mockModule('../units/near-unit-names.js', () => ({
  ...real,
  nearForms: (...args: Parameters<typeof real.nearForms>) => {
    comparisons += 1;
    return real.nearForms(...args);
  },
}));

const { importUnits } = await import('./units-file.js');
const { NearFormsIndex, charactersRarity } = await import('../units/near-forms-index.js');
const { unitLookupFrom, unitNamesOf } = await import('../units/unit-lookup.js');

const directory = [{ id: 'unit-jia', code: 'JIA', name: '青川市甲务局' }];
const lookupUnit = unitLookupFrom(directory);

/** `count` distinct names 「青川市」 + four characters + 「局」, as the breaker's u5k.csv (a fixed sequence, not near each other). */
function distinctNames(count: number): string[] {
  let seed = 54;
  const character = () => {
    seed = (seed * 48271) % 2147483647;
    return String.fromCodePoint(0x5200 + (seed % 0x2000));
  };
  const names = new Set<string>();
  while (names.size < count) names.add(`青川市${character()}${character()}${character()}${character()}局`);
  return [...names];
}

const csvOf = (names: readonly string[]): string => `编码,名称,类型\n${names.map((name, at) => `U${String(at).padStart(5, '0')},${name},部门`).join('\n')}\n`;

describe('a large units directory file (breaker54-10 S4)', () => {
  it('checks 3 000 distinct rows with comparisons growing with the rows, not their square — a near pair among them still asked', async () => {
    const names = [...distinctNames(2_998), '青川市发展和改革委员会', '市发改委'];
    comparisons = 0;
    const read = await importUnits(csvOf(names), { format: 'csv', lookupUnit, directory: [...directory] });
    expect(read).toMatchObject({ ok: false, problems: [{ row: 3001, reasonZh: expect.stringContaining('第 3000 行') }] });
    expect(read.ok ? [] : read.problems).toHaveLength(1);
    // Every row against every earlier row was 3 000 × 2 999 / 2 ≈ 4.5 million comparisons.
    expect(comparisons).toBeLessThan(3 * names.length);
  });

  it('finds by characters exactly the names the plain comparison finds, in order', () => {
    const names = [
      '青川市发展和改革委员会', '市发改委', '市发改委（市粮食局）', '青川市粮食局', '青川市教育局', '市教育局', '青川市 教育局', '青川市教育和体育局',
      '青川市第一中学', '市第一中学', '青川市第1中学', '青川市第十一中学', '东湖区人民政府', '东湖区政府', '西山区人民政府', '市人社局',
      '青川市人力资源和社会保障局', '市住房城乡建设局', '市住房和城乡建设局', '青川市公安局', '青川市公安局交通警察支队', '市公安局交警支队',
    ];
    const forms = names.map(real.nameForms);
    const index = new NearFormsIndex<string>(charactersRarity(forms));
    forms.forEach((each, at) => {
      expect([at, index.near(each)]).toEqual([at, names.slice(0, at).filter((_, earlier) => real.nearForms(each, forms[earlier]!))]);
      index.add(each, names[at]!);
    });
  });

  /** `count` distinct village committees 「青川市南马镇李赵村民委员会」 of 40 common characters, as breaker55-10's uv5k.csv. */
  function villageNames(count: number, ending = '村民委员会'): string[] {
    const common = '东西南北大小新上下前后王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于';
    let seed = 55;
    const character = () => {
      seed = (seed * 48271) % 2147483647;
      return common[seed % common.length]!;
    };
    const names = new Set<string>();
    while (names.size < count) names.add(`青川市${character()}${character()}镇${character()}${character()}${ending}`);
    return [...names];
  }

  it('checks 3 000 village committees of common characters without comparing each with every name sharing a character (breaker55-10 S2)', async () => {
    // Looked up by the rarest character, each of these names was a candidate of about a tenth of the others: 3 000 rows took
    // 604 383 comparisons, 20 000 rows 280 s.
    const names = [...villageNames(3_000), '青川市发展和改革委员会', '市发改委'];
    comparisons = 0;
    const read = await importUnits(csvOf(names), { format: 'csv', lookupUnit, directory: [...directory] });
    expect(read).toMatchObject({ ok: false, problems: [{ row: 3003, reasonZh: expect.stringContaining('第 3002 行') }] });
    expect(comparisons).toBeLessThan(2 * names.length);
  });

  it('reads a 台账’s unregistered 村委会 against 2 000 registered 村民委员会 with a few comparisons a name, the directory indexed once (breaker55-10 S3)', () => {
    const registered = villageNames(2_000).map((name, at) => ({ id: `v${at}`, code: `V${at}`, name }));
    const villages = unitLookupFrom(registered, '2026-12-07');
    const written = villageNames(2_500, '村委会').slice(500);
    comparisons = 0;
    const read = written.map((name) => unitNamesOf(villages, name));
    // Each name against every unit was 2 000 × 2 000 = 4 million comparisons; the index asks a few a name (its own 村民委员会).
    expect(comparisons).toBeLessThan(10 * written.length);
    // A name near no unit (by the plain comparison) is refused as unknown.
    // (The first 200 names against every unit, for the plain answer.)
    const registeredForms = registered.map((unit) => real.nameForms(unit.name));
    const plain = written.slice(0, 200).map((name) => registeredForms.filter((forms) => real.nearForms(real.nameForms(name), forms)).length);
    expect(plain.some((near) => near > 0)).toBe(true);
    expect(plain.map((near, at) => near > 0 || (read[at]!.ok === false && 'unknown' in read[at]!))).not.toContain(false);
    // Another lookup of the same directory (the next import, another day) builds nothing again.
    comparisons = 0;
    unitNamesOf(unitLookupFrom(registered, '2026-12-08'), written[0]!);
    expect(comparisons).toBeLessThan(10);
  });

  it('finds by pairs of characters exactly the names the plain comparison finds, once names of the same numbers are many', () => {
    const names = [
      ...villageNames(40), '青川市发展和改革委员会', '市发改委', '市发改委（市粮食局）', '青川市粮食局', '青川市教育局', '市教育局', '青川市 教育局', '青川市教育和体育局',
      '东湖区人民政府', '东湖区政府', '西山区人民政府', '市人社局', '青川市人力资源和社会保障局', '市住房城乡建设局', '市住房和城乡建设局', '青川市公安局',
      '青川市公安局交通警察支队', '市公安局交警支队', '市南马镇李赵村委会', ...villageNames(40, '村委会'), `青川市${'很长的名称'.repeat(8)}局`, `市${'很长的名称'.repeat(8)}局`,
    ];
    const forms = names.map(real.nameForms);
    const index = new NearFormsIndex<string>(charactersRarity(forms));
    forms.forEach((each, at) => {
      expect([at, index.near(each)]).toEqual([at, names.slice(0, at).filter((_, earlier) => real.nearForms(each, forms[earlier]!))]);
      index.add(each, names[at]!);
    });
  });

  it('refuses a file of 20 001 rows before any row is checked, saying the limit', async () => {
    comparisons = 0;
    const names = Array.from({ length: 20_001 }, (_, at) => `青川市第${at + 1}测试局`);
    const read = await importUnits(csvOf(names), { format: 'csv', lookupUnit, directory: [...directory] });
    expect(read).toMatchObject({
      ok: false,
      problems: [{ row: null, reasonZh: '该文件有 20001 行，超过一个单位名录文件允许的 20000 行（一个市的单位名录通常为几百到几千个单位）：请核对是否选错了文件，或文件中的行是否重复粘贴了多遍；单位确实更多的，请分成几个文件逐个导入。' }],
    });
    expect(comparisons).toBe(0);
  });
});
