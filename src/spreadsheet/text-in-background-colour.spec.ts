import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../organization/units/unit-lookup.js';
import { importWorkPlan } from '../work-plan/import/work-plan-import.js';

/*
 * breaker46-10 S3: a unit typed in white font (「青川市教育局」 shown, 「、青川市民政局」 after it in white; a whole 配合单位 cell in white)
 * got a part with no notice — unseen on screen and in print, as a cell formatted ;;; is. Text in the colour of its cell's background
 * is refused naming the cell and the unseen text; the same text in a visible colour, or white on a dark fill, is read.
 */

const lookupUnit = unitLookupFrom([
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
  { id: 'unit-mzj', code: 'MZJ', name: '青川市民政局' },
]);

const WHITE = { argb: 'FFFFFFFF' };

async function plan(shape: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('分解方案');
  sheet.addRow(['序号', '工作任务', '牵头单位', '配合单位', '完成时限']);
  sheet.addRow([1, '推进决策公开', '青川市财政局', '青川市教育局', '2026年6月底前']);
  sheet.addRow([2, '推进执行公开', '青川市民政局', '青川市教育局', '2026年9月底前']);
  shape(sheet);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

const read = async (content: Uint8Array) => {
  const result = await importWorkPlan(content, { format: 'xlsx', title: '2026年任务', lookupUnit });
  return result.ok ? result.plan.categories.flatMap((category) => category.items.map((item) => `${item.code} ${item.responsibleUnits.join('、')}`)) : result.problems.map((problem) => problem.reasonZh);
};

describe('text in the colour of its background (breaker46-10 S3)', () => {
  it('refuses units typed in white after a shown one, naming the cell and the unseen text', async () => {
    const content = await plan((sheet) => {
      sheet.getCell('D2').value = { richText: [{ text: '青川市教育局' }, { text: '、青川市民政局', font: { color: WHITE } }] };
    });
    expect(await read(content)).toEqual([
      '单元格 D2（“配合单位”列）中的“、青川市民政局”（单元格内容为“青川市教育局、青川市民政局”）字体颜色与单元格底色相同（如白底白字），在屏幕上和打印时都看不到：导入不读取看不到的内容。如该内容已不再使用，请删去；如仍要导入，请把其字体颜色改为“自动”或黑色后导入。',
    ]);
  });

  it('refuses a whole cell in white on no fill, and on a white fill', async () => {
    for (const fill of [undefined, { type: 'pattern' as const, pattern: 'solid' as const, fgColor: WHITE }]) {
      const content = await plan((sheet) => {
        sheet.getCell('D3').font = { color: WHITE };
        if (fill) sheet.getCell('D3').fill = fill;
      });
      expect(await read(content)).toEqual([expect.stringMatching(/^单元格 D3（“配合单位”列）中的“青川市教育局”字体颜色与单元格底色相同/u)]);
    }
  });

  it('reads white text on a dark fill, and a coloured font that shows', async () => {
    const content = await plan((sheet) => {
      sheet.getCell('D3').font = { color: WHITE };
      sheet.getCell('D3').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
      sheet.getCell('D2').font = { color: { argb: 'FFFF0000' } };
    });
    expect(await read(content)).toEqual([expect.stringMatching(/^1 /u), expect.stringMatching(/^2 /u)]);
  });
});
