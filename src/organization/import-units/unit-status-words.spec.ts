import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../units/unit-lookup.js';
import { importUnits } from './units-file.js';
import { unitEndOf } from './unit-status-words.js';

/*
 * breaker10l P6: a 单位名录 as offices publish it after a reorganisation keeps the units that are gone, marked 已撤销 / 已并入 in
 * the name or a 状态 / 备注 column. They were registered as live units, （已撤销） inside the name.
 */

async function directory(rows: readonly (readonly string[])[]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('单位名录');
  for (const row of rows) sheet.addRow([...row]);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

const refused = (result: Awaited<ReturnType<typeof importUnits>>) => (result.ok ? result.units.map((unit) => unit.name) : result.problems.map((problem) => [problem.row, problem.reasonZh.replace(/：.*$/u, '')]));

describe('what a directory row says became of its unit', () => {
  it.each([
    ['已撤销', 'ABOLISHED', null], ['撤销', 'ABOLISHED', null], ['已注销', 'ABOLISHED', null], ['不再保留', 'ABOLISHED', null], ['2019年机构改革，已撤销', 'ABOLISHED', null],
    ['已并入市发展和改革委员会', 'MERGED', '市发展和改革委员会'], ['整合至青川市市场监督管理局', 'MERGED', '青川市市场监督管理局'], ['职能划入市卫生健康委员会', 'MERGED', '市卫生健康委员会'],
    ['已合并', 'MERGED', null],
  ])('%s says %s', (text, end, into) => {
    expect(unitEndOf(text)).toMatchObject({ end, into });
  });

  it.each(['正常', '存续', '与市档案馆合署办公', '合并办公', '撤销行政审批事项的主管部门', '联系人：张伟', ''])('%j says nothing', (text) => {
    expect(unitEndOf(text)).toBeNull();
  });
});

describe('a 单位名录 keeping the units a reorganisation removed', () => {
  const header = ['序号', '编码', '单位名称', '类型', '状态', '备注'];
  it('refuses the rows of units marked abolished or merged, in the name or a column, and registers none of the file', async () => {
    const content = await directory([
      ['青川市市直部门单位名录（2026年3月更新）'],
      header,
      ['1', 'FGW', '青川市发展和改革委员会', '部门', '正常', ''],
      ['2', 'WJW', '青川市卫生健康委员会', '部门', '正常', '原市卫生和计划生育委员会'],
      ['3', 'WJJ', '青川市物价局（已撤销）', '部门', '', ''],
      ['4', 'LSJ', '青川市粮食局', '部门', '已并入市发展和改革委员会', ''],
      ['5', 'GSJ', '青川市工商行政管理局', '部门', '', '2019年机构改革，整合至青川市市场监督管理局'],
      ['6', 'AJJ', '【撤销】青川市安全生产监督管理局', '部门', '', ''],
    ]);
    const result = await importUnits(content, { format: 'xlsx', lookupUnit: unitLookupFrom([]) });
    expect(refused(result)).toEqual([
      [5, '单位名称“青川市物价局（已撤销）”注明该单位已撤销（“已撤销”）'],
      [6, '“状态”列“已并入市发展和改革委员会”注明该单位已并入市发展和改革委员会（“已并入市发展和改革委员会”）'],
      [7, '“备注”列“2019年机构改革，整合至青川市市场监督管理局”注明该单位已并入青川市市场监督管理局（“整合至青川市市场监督管理局”）'],
      [8, '单位名称“【撤销】青川市安全生产监督管理局”注明该单位已撤销（“撤销”）'],
    ]);
    // What to do is said: leave the row out; a registered unit is merged by an administrator.
    expect(result.ok ? '' : result.problems[0]!.reasonZh).toContain('请从文件中删去该行');
  });

  it('registers the live units when the gone ones are left out, 状态 and 备注 listed as not imported', async () => {
    const content = await directory([
      header,
      ['1', 'FGW', '青川市发展和改革委员会', '部门', '正常', ''],
      ['2', 'WJW', '青川市卫生健康委员会', '部门', '存续', '原市卫生和计划生育委员会'],
    ]);
    const result = await importUnits(content, { format: 'xlsx', lookupUnit: unitLookupFrom([]) });
    expect(result.ok ? [result.units.map((unit) => unit.name), result.notImported] : result.problems).toEqual([['青川市发展和改革委员会', '青川市卫生健康委员会'], ['序号', '状态', '备注']]);
  });
});
