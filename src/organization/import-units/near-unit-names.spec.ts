import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../units/unit-lookup.js';
import { nearUnitNames, unitNameByValue } from '../units/near-unit-names.js';
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

/*
 * Real unit names of a prefecture-level city's directory (session 24): the pairs offices write for one unit, and the pairs
 * that are two units however alike — above all numbered units (schools, hospitals, bureaus, the test's 第N测试局), which
 * the abbreviation rule (characters in order) took for one unit: 第1测试局 / 第100测试局, 第一中学 / 第二十一中学.
 */
describe('real unit names', () => {
  it.each([
    ['市发改委', '市发展和改革委员会'], ['市教育局', '青川市教育局'], ['市人社局', '市人力资源和社会保障局'], ['市卫健委', '青川市卫生健康委员会'],
    ['市市场监管局', '青川市市场监督管理局'], ['市政府办', '青川市人民政府办公室'], ['市科技局', '市科学技术局'], ['市安监局', '市安全生产监督管理局'],
    ['市公安局交警支队', '青川市公安局交通警察支队'], ['市扶贫办', '青川市扶贫开发办公室'], ['东湖区政府', '东湖区人民政府'],
    ['青川市第一中学', '市第一中学'], ['青川市第一中学', '青川市第1中学'], ['青川市第二十一中学', '青川市第廿一中学'], ['青川市第二人民医院', '青川市第２人民医院'],
    ['东湖区第三十小学', '东湖区第30小学'], ['市食药监局', '市食品药品监督管理局'],
  ])('%j and %j are one unit written two ways', (a, b) => {
    expect(nearUnitNames(a, b)).toBe(true);
    expect(nearUnitNames(b, a)).toBe(true);
  });

  it.each([
    ['第1测试局', '第12测试局'], ['青川市SLB第1测试局', '青川市SLB第100测试局'], ['青川市SLB第1测试局', '青川市SLB第12测试局'],
    ['第一中学', '第十一中学'], ['青川市第一中学', '青川市第二十一中学'], ['一中', '十一中'], ['东湖区一中', '东湖区二十一中'], ['东湖区一中', '东湖区廿一中'],
    ['第二人民医院', '第十二人民医院'], ['青川市第二人民医院', '青川市第二十二人民医院'], ['市第2人民医院', '市第十二人民医院'],
    ['东湖区第三小学', '东湖区第三十三小学'], ['市公安局第一分局', '市公安局第十一分局'], ['青川市第一中学', '青川市中学'],
    ['市实验一小', '市实验二十一小'], ['青川市财政局', '青川市审计局'], ['市民政局', '市民族宗教事务局'], ['市公安局', '市公共资源交易管理局'],
    ['市教育局', '市教育考试院'], ['东湖区第一小学', '东湖区第一中学'], ['东湖区人民政府', '西山区人民政府'],
    // 机构改革's joined bodies and their parts: the part merges into the body or hands its work over, another unit.
    ['青川县商务局', '青川县商务和经济信息化局'], ['青川县粮食局', '青川县发展改革和粮食局'], ['青川市教育局', '青川市教育和体育局'],
    ['青川市统计局', '青川市统计和林业局'], ['青川市林业局', '青川市统计和林业局'], ['市文化局', '市文化、广电和旅游局'], ['市旅游局', '市文化和旅游局'],
  ])('%j and %j are two units', (a, b) => {
    expect(nearUnitNames(a, b)).toBe(false);
    expect(nearUnitNames(b, a)).toBe(false);
  });

  it('reads numbers in unit names by value, and numerals that are words as written', () => {
    expect(unitNameByValue('市第十二人民医院')).toBe('市第12人民医院');
    expect(unitNameByValue('东湖区二十一中')).toBe('东湖区21中');
    expect(unitNameByValue('市第廿一中学')).toBe('市第21中学');
    expect(unitNameByValue('第01测试局')).toBe('第1测试局');
    expect(unitNameByValue('东湖区一中')).toBe('东湖区1中');
    expect(unitNameByValue('市委统一战线工作部')).toBe('市委统一战线工作部');
    expect(unitNameByValue('十堰市六安路八一中学')).toBe('十堰市六安路八一中学');
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
      [4, '单位“市发改委”（编码 SFGW）与已登记的单位“青川市发展和改革委员会”（编码 FGW）相近，可能是同一单位的不同写法：如是同一单位，请改写为编码 FGW、名称“青川市发展和改革委员会”（或删去该行）；如是该单位已更名为此名称，请把编码写为 FGW 并勾选“按更名导入”；如确是另一个单位，请在“确认为不同单位的编码”中填写该行编码后重新导入。'],
      [5, '单位“市发改委（市粮食局）”（编码 LSJ）与已登记的单位“青川市发展和改革委员会”（编码 FGW）相近，可能是同一单位的不同写法：如是同一单位，请改写为编码 FGW、名称“青川市发展和改革委员会”（或删去该行）；如是该单位已更名为此名称，请把编码写为 FGW 并勾选“按更名导入”；如确是另一个单位，请在“确认为不同单位的编码”中填写该行编码后重新导入。'],
      // Spaces inside a name are no part of it, as plans read it (breaker50-10 S4): 「青川市 教育局」 is the registered unit's name.
      // The code it has is named, so the row can be fixed (newcomer51-10 M3).
      [6, '“青川市教育局”已用编码 JYJ 登记，不是 JYJ2：请把该行编码改为 JYJ（单位编码登记后不变）；如确是另一个单位，请写明其名称。'],
      [8, '单位“市财政局”（编码 CZJ2）与第 7 行的“青川市财政局”相近，可能是同一单位列了两次：如是，请删去其中一行；如确是两个单位，请在“确认为不同单位的编码”中填写该行编码后重新导入。'],
    ]);
  });

  it('registers numbered units as units of their own, and asks about one retyped with its number in another script', async () => {
    const schools = [{ id: 'unit-yz', code: 'YZ', name: '青川市第一中学' }];
    const content = await directory([
      ['编码', '单位名称', '类型'],
      ['SYZ', '青川市第十一中学', '其他'],
      ['EYZ', '青川市第二十一中学', '其他'],
      ['EY', '青川市第二人民医院', '其他'],
      ['SEY', '青川市第十二人民医院', '其他'],
      ['EEY', '青川市第二十二人民医院', '其他'],
      ...Array.from({ length: 12 }, (_, index) => [`T${index + 1}`, `青川市SLB第${index + 1}测试局`, '部门']),
      ['T100', '青川市SLB第100测试局', '部门'],
      ['YZ2', '青川市第1中学', '其他'],
    ]);
    const result = await importUnits(content, { format: 'xlsx', lookupUnit: unitLookupFrom(schools), directory: schools });
    expect(refused(result)).toEqual([[20, expect.stringContaining('单位“青川市第1中学”（编码 YZ2）与已登记的单位“青川市第一中学”（编码 YZ）相近')]]);
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

describe('a 单位名录 renaming a unit to a name near another registered unit’s (issue 10: renames ask as registrations do)', () => {
  const withSports = [...registered, { id: 'unit-tyj', code: 'TYJ', name: '青川市体育局' }];
  const renaming = { format: 'xlsx' as const, lookupUnit: unitLookupFrom(withSports), directory: withSports, rename: true, nameOf: (id: string) => withSports.find((unit) => unit.id === id)?.name };
  const file = () =>
    directory([
      ['编码', '单位名称', '类型'],
      ['TYJ', '青川市教育体育局', '部门'],
    ]);

  it('refuses the rename naming the near unit, renames nothing', async () => {
    expect(refused(await importUnits(await file(), renaming))).toEqual([
      [2, '单位 TYJ 的新名称“青川市教育体育局”与已登记的单位“青川市教育局”（编码 JYJ）相近，更名后文件中的这两个名称可能被当作同一单位：如确是同一单位，请使用“合并单位”，不要更名；如确是另一个单位，请在“确认为不同单位的编码”中填写该行编码后重新导入。'],
    ]);
  });

  it('renames once the office confirms it is another unit (distinctCodes); a name near only its own former name is not asked', async () => {
    const result = await importUnits(await file(), { ...renaming, distinctCodes: ['TYJ'] });
    expect(result.ok && result.units.map((unit) => [unit.code, unit.name, unit.renamedFrom])).toEqual([['TYJ', '青川市教育体育局', '青川市体育局']]);
    const own = await directory([
      ['编码', '单位名称', '类型'],
      ['TYJ', '青川市体育运动局', '部门'],
    ]);
    const renamedOwn = await importUnits(own, renaming);
    expect(renamedOwn.ok && renamedOwn.units.map((unit) => [unit.code, unit.renamedFrom])).toEqual([['TYJ', '青川市体育局']]);
  });
});
