import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { unitLookupFrom } from '../organization/units/unit-lookup.js';
import { importFindings } from '../rectification/import-findings/findings-file.js';
import { importWorkPlan } from '../work-plan/import/work-plan-import.js';

/*
 * breaker43-10 F8: one unit struck through inside a rich-text cell (「青川市财政局、~~青川市教育局~~」 — an office's revision mark taking
 * a unit off a task) refused the whole row as cancelled (「如该项已取消，请删去该行」). Words struck out of a cell that keeps others
 * are read as deleted and told; a cell struck as a whole still refuses its row (hidden-and-struck-rows.spec).
 */
const UNITS = ['青川市财政局', '青川市教育局', '青川市民政局', '青川市审计局'];
const lookupUnit = unitLookupFrom(UNITS.map((name, index) => ({ id: `unit-${index}`, code: `U${index}`, name })));
const idOf = (name: string) => `unit-${UNITS.indexOf(name)}`;

/**
 * A rich-text cell of `names` joined by `separator`, the names at `struck` struck through — the separator after a struck name struck
 * with it, or (`apart`) each separator a run of its own, never struck.
 */
const richCell = (names: readonly string[], struck: readonly boolean[], separator: string, apart = false): ExcelJS.CellRichTextValue => ({
  richText: names.flatMap((name, index) => {
    const last = index === names.length - 1;
    const font = struck[index] ? { font: { strike: true } } : {};
    if (apart) return last ? [{ text: name, ...font }] : [{ text: name, ...font }, { text: separator }];
    return [{ text: last ? name : `${name}${separator}`, ...font }];
  }),
});

async function workbook(header: readonly string[], row: readonly (string | ExcelJS.CellRichTextValue)[]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('任务分工');
  sheet.addRow([...header]);
  sheet.addRow([...row]);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe('words struck out of a cell that keeps others', () => {
  it('reads the units left as the units, in a plan and a 台账, whichever are struck and however they are separated', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(UNITS.slice(1), { minLength: 2, maxLength: 3 }),
        fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
        fc.constantFrom('、', '，', '；', ' 、'),
        fc.boolean(),
        async (names, marks, separator, apart) => {
          const struck = names.map((_, index) => marks[index]!);
          fc.pre(struck.some(Boolean) && !struck.every(Boolean));
          const left = names.filter((_, index) => !struck[index]).map(idOf).sort();
          const plan = await importWorkPlan(await workbook(['编号', '事项', '牵头单位', '配合单位', '完成时限'], ['1', '预算公开', '青川市财政局', richCell(names, struck, separator, apart), '2026-06-30']), {
            format: 'xlsx',
            title: 'T',
            lookupUnit,
          });
          expect(plan.ok ? plan.plan.categories[0]!.items[0]!.responsibleUnits.map((unit) => unit.unitId).sort() : plan.problems).toEqual(left);
          const ledger = await importFindings(await workbook(['问题', '牵头单位', '配合单位', '整改时限'], ['门户网站存在错链', '青川市财政局', richCell(names, struck, separator, apart), '2026-06-30']), {
            format: 'xlsx',
            lookupUnit,
            today: '2026-03-10',
            year: 2026,
          });
          expect(ledger.ok ? (ledger.findings[0]!.parts ?? []).filter((part) => part.role !== 'LEAD').map((part) => part.unit.unitId).sort() : ledger.problems).toEqual(left);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('says which words were struck and what the cell is read as', async () => {
    const content = await workbook(['编号', '事项', '牵头单位', '配合单位', '完成时限'], [
      '1',
      '预算公开',
      '青川市民政局',
      richCell(['青川市财政局', '青川市教育局', '青川市审计局'], [false, true, false], '、'),
      { richText: [{ text: '2026年6月30日', font: { strike: true } }, { text: '2026年9月30日' }] },
    ]);
    const result = await importWorkPlan(content, { format: 'xlsx', title: 'T', lookupUnit });
    expect(result.ok ? [result.plan.categories[0]!.items[0]!.dueDate, result.notices?.filter((notice) => notice.reasonZh.includes('删除线')).map((notice) => [notice.row, notice.reasonZh])] : result.problems).toEqual([
      '2026-09-30',
      [
        [2, '单元格 D2 中带删除线的“青川市教育局”按已删去读取，读作“青川市财政局、青川市审计局”。'],
        [2, '单元格 E2 中带删除线的“2026年6月30日”按已删去读取，读作“2026年9月30日”。'],
      ],
    ]);
  });
});
