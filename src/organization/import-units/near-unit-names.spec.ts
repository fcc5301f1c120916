import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../units/unit-lookup.js';
import { nearUnitNames } from '../units/near-unit-names.js';
import { importUnits } from './units-file.js';

/*
 * breaker10k P6: a 单位名录 that names a registered unit another way (市发改委, 青川市 教育局, a line break inside, 市发改委（市粮食局）)
 * registered a second unit, and later 台账 rows went to the copy. The import now offers the match and registers nothing unasked.
 */

describe('two names of one unit', () => {
  it.each([
    ['市发改委', '青川市发展和改革委员会'], ['市发改委（市粮食局）', '青川市发展和改革委员会'], ['青川市 教育局', '青川市教育局'], ['青川市\n教育局', '青川市教育局'],
    ['市教育局', '青川市教育局'], ['市人社局', '青川市人力资源和社会保障局'], ['市住建局', '青川市住房和城乡建设局'], ['市环保局', '青川市环境保护局'],
    ['东湖区政府', '东湖区人民政府'], ['市政务公开办', '青川市政务公开办公室'], ['青川市粮食局', '市发改委（市粮食局）'],
  ])('%j and %j are near', (a, b) => {
    expect(nearUnitNames(a, b)).toBe(true);
  });

  it.each([
    ['青川市财政局', '青川市审计局'], ['东湖区人民政府', '西山区人民政府'], ['青川市公安局', '青川市公安局交通警察支队'], ['青川市人民政府办公室', '青川市政务公开办公室'],
    ['综合科', '综合业务科'], ['青川市教育局', '青川县教育局'],
  ])('%j and %j are two units', (a, b) => {
    expect(nearUnitNames(a, b)).toBe(false);
  });
});

async function directory(rows: readonly (readonly string[])[]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('单位名录');
  for (const row of rows) sheet.addRow([...row]);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

const registered = [
  { id: 'unit-fgw', code: 'FGW', name: '青川市发展和改革委员会' },
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
];
const options = { format: 'xlsx' as const, lookupUnit: unitLookupFrom(registered), directory: registered };
const refused = (result: Awaited<ReturnType<typeof importUnits>>) => (result.ok ? result.units.map((unit) => [unit.code, unit.alreadyRegistered]) : result.problems.map((problem) => [problem.row, problem.reasonZh]));

describe('a 单位名录 naming registered units another way (10k P6)', () => {
  const file = () =>
    directory([
      ['青川市直部门单位名录'],
      ['编码', '单位名称', '类型'],
      ['FGW', '青川市发展和改革委员会', '部门'],
      ['SFGW', '市发改委', '部门'],
      ['LSJ', '市发改委（市粮食局）', '部门'],
      ['JYJ2', '青川市 教育局', '部门'],
      ['CZJ', '青川市财政局', '部门'],
      ['CZJ2', '市财政局', '部门'],
    ]);

  it('refuses each near copy naming the registered unit or the row it copies, and registers nothing', async () => {
    expect(refused(await importUnits(await file(), options))).toEqual([
      [4, '单位“市发改委”（编码 SFGW）与已登记的单位“青川市发展和改革委员会”（编码 FGW）相近，可能是同一单位的不同写法：如是同一单位，请改写为编码 FGW、名称“青川市发展和改革委员会”（或删去该行）；如确是另一个单位，请在“确认为不同单位的编码”中填写该行编码后重新导入。'],
      [5, '单位“市发改委（市粮食局）”（编码 LSJ）与已登记的单位“青川市发展和改革委员会”（编码 FGW）相近，可能是同一单位的不同写法：如是同一单位，请改写为编码 FGW、名称“青川市发展和改革委员会”（或删去该行）；如确是另一个单位，请在“确认为不同单位的编码”中填写该行编码后重新导入。'],
      [6, '单位“青川市 教育局”（编码 JYJ2）与已登记的单位“青川市教育局”（编码 JYJ）相近，可能是同一单位的不同写法：如是同一单位，请改写为编码 JYJ、名称“青川市教育局”（或删去该行）；如确是另一个单位，请在“确认为不同单位的编码”中填写该行编码后重新导入。'],
      [8, '单位“市财政局”（编码 CZJ2）与第 7 行的“青川市财政局”相近，可能是同一单位列了两次：如是，请删去其中一行；如确是两个单位，请在“确认为不同单位的编码”中填写该行编码后重新导入。'],
    ]);
  });

  it('registers the rows the office confirms are units of their own (distinctCodes)', async () => {
    const content = await directory([
      ['编码', '单位名称', '类型'],
      ['LSJ', '青川市粮食和物资储备局', '部门'],
      ['JYTYJ', '青川市教育体育局', '部门'],
    ]);
    expect(refused(await importUnits(content, options))).toEqual([
      [3, expect.stringContaining('与已登记的单位“青川市教育局”（编码 JYJ）相近')],
    ]);
    expect(refused(await importUnits(content, { ...options, distinctCodes: ['jytyj'] }))).toEqual([['LSJ', false], ['JYTYJ', false]]);
  });
});
