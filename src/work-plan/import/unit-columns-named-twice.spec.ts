import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importFindings } from '../../rectification/import-findings/findings-file.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * breaker10o P13: a unit column whose header appears twice — two 配合单位 (or 责任单位) columns, or 责任单位 merged across two
 * columns with no sub-header (the left cell the lead, the right the others, a common 任务分工 layout) — was read from the first
 * column only, the second's units getting no part without a word. Every such column is read, as columns of different unit
 * headers are joined.
 */

const directory = unitLookupFrom([
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
  { id: 'unit-jtj', code: 'JTJ', name: '青川市交通运输局' },
]);
const options = { format: 'csv' as const, title: 'T', year: 2026, lookupUnit: directory, today: '2026-02-20' };

describe('a unit column named twice in the header (breaker10o P13)', () => {
  it.each(['配合单位', '责任单位'])('two %s columns: both columns\' units get parts', async (header) => {
    const result = await importWorkPlan(`序号,工作任务,牵头单位,${header},${header},完成时限\n1,任务甲,青川市财政局,青川市交通运输局,青川市教育局,2026年6月底前\n`, options);
    expect(result.ok && result.plan.categories[0]!.items[0]!.leadUnits.map((unit) => unit.unitId)).toEqual(['unit-czj']);
    expect(result.ok && result.plan.categories[0]!.items[0]!.responsibleUnits.map((unit) => unit.unitId).sort()).toEqual(['unit-jtj', 'unit-jyj']);
  });

  it('in a 台账: two 配合单位 columns each give their unit a part', async () => {
    const result = await importFindings('问题,具体表现,牵头单位,配合单位,配合单位,整改时限\n问题甲,表现,青川市财政局,青川市交通运输局,青川市教育局,2026年6月底前\n', {
      format: 'csv',
      lookupUnit: directory,
      today: '2026-02-20',
      year: 2026,
    });
    expect(result.ok && result.findings[0]!.parts.map((part) => [part.unit.unitId, part.role])).toEqual([
      ['unit-czj', 'LEAD'],
      ['unit-jtj', 'RESPONSIBLE'],
      ['unit-jyj', 'RESPONSIBLE'],
    ]);
  });

  it('责任单位 merged across two columns: the left cell leads, the right cell\'s units are responsible', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('任务');
    sheet.addRow(['序号', '工作任务', '责任单位', null, '完成时限']);
    sheet.mergeCells('C1:D1');
    sheet.addRow([1, '任务甲', '青川市财政局', '青川市教育局、青川市交通运输局', '2026年6月底前']);
    sheet.addRow([2, '任务乙', '青川市教育局', '青川市财政局', '2026年9月底前']);
    // A row whose unit cell is merged across both columns names its unit once.
    sheet.addRow([3, '任务丙', '青川市交通运输局', null, '2026年9月底前']);
    sheet.mergeCells('C4:D4');
    const result = await importWorkPlan(new Uint8Array(await book.xlsx.writeBuffer()), { ...options, format: 'xlsx' });
    const items = result.ok ? result.plan.categories.flatMap((category) => category.items) : [];
    expect(items.map((item) => [item.leadUnits.map((unit) => unit.unitId), item.responsibleUnits.map((unit) => unit.unitId)])).toEqual([
      [['unit-czj'], ['unit-jyj', 'unit-jtj']],
      [['unit-jyj'], ['unit-czj']],
      [['unit-jtj'], []],
    ]);
  });
});
