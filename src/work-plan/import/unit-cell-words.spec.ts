import ExcelJS from 'exceljs';
import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importFindings } from '../../rectification/import-findings/findings-file.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * Unit cells as offices write them (breaker10q P12, P22, P23's 同上):
 * - T-unit-separators.xlsx: 「青川市财政局 青川市教育局」 (a space, a tab), 「A（配合）B（配合）」 were told 「可能指…无法确定，请写全称」
 *   of two full names; 「…等」, 「市直有关部门」, 「各成员单位」 were told to register them as units;
 * - AU-duty-split.xlsx: 「A牵头，B、C按职责分工负责」, 「A、B按职责分工负责」, 「A牵头，各区县政府分别负责」 refused as unknown *lead*
 *   units 「青川市民政局按职责分工」, 「各区县政府分别」; AI-ledger-sentences.xlsx 「由A牵头，会同B落实」 refused 「会同B落实」;
 * - BB-same-as-above.xlsx: 「同上」 under 牵头单位 / 配合单位 / 完成时限 told to register 「同上」, or 「不是可识别的时限」.
 */
const lookupUnit = unitLookupFrom([
  { id: 'unit-gov', code: 'GOV', name: '青川市人民政府办公室', kind: 'DEPARTMENT' },
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局', kind: 'DEPARTMENT' },
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局', kind: 'DEPARTMENT' },
  { id: 'unit-mzj', code: 'MZJ', name: '青川市民政局', kind: 'DEPARTMENT' },
  { id: 'unit-jtj', code: 'JTJ', name: '青川市交通运输局', kind: 'DEPARTMENT' },
  { id: 'unit-dh', code: 'DH', name: '青川市东湖区人民政府', kind: 'COUNTY_OR_DISTRICT' },
  { id: 'unit-xs', code: 'XS', name: '西山县人民政府', kind: 'COUNTY_OR_DISTRICT' },
]);

async function plan(header: readonly string[], rows: readonly (readonly string[])[]) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('任务');
  sheet.addRow(['序号', '工作任务', ...header, '完成时限']);
  rows.forEach((row, index) => sheet.addRow([String(index + 1), `任务${index + 1}`, ...row]));
  return importWorkPlan(new Uint8Array(await workbook.xlsx.writeBuffer()), { format: 'xlsx', title: '2026年单位写法', lookupUnit });
}

const parts = (result: Awaited<ReturnType<typeof importWorkPlan>>) =>
  result.ok
    ? result.plan.categories[0]!.items.map((item) => [item.leadUnits.map((unit) => unit.unitId), item.responsibleUnits.map((unit) => unit.unitId)])
    : result.problems.map((problem) => `${problem.row} ${problem.reasonZh}`);

describe('unit names run together without 、 (breaker10q P12)', () => {
  it('reads two full names separated by a space, a tab, or each after its role mark, as two units, told', async () => {
    const result = await plan(
      ['牵头单位', '配合单位'],
      [
        ['青川市人民政府办公室', '青川市财政局 青川市教育局', '2026年6月底前'],
        ['青川市人民政府办公室', '青川市财政局\t青川市教育局', '2026年6月底前'],
        ['青川市人民政府办公室', '青川市财政局（配合）青川市教育局（配合）', '2026年6月底前'],
      ],
    );
    expect(parts(result)).toEqual([
      [['unit-gov'], ['unit-czj', 'unit-jyj']],
      [['unit-gov'], ['unit-czj', 'unit-jyj']],
      [['unit-gov'], ['unit-czj', 'unit-jyj']],
    ]);
    // A space between whole names is read as 、 is (breaker53-10 S2: one rule, `namesAtSpaces`), so it is told no more than 、 is.
    expect(result.ok && (result.notices ?? []).map((notice) => notice.reasonZh)).not.toContain('“青川市财政局 青川市教育局”按 2 个单位读取，各有其任务：青川市财政局、青川市教育局。');
  });
});

describe('words in a unit cell that name no unit (breaker10q P12, P23)', () => {
  it('refuses 「…等」, 「市直有关部门」, 「各成员单位」 and 「同上」 / 「〃」 saying what they are, never advising to register them', async () => {
    const result = await plan(
      ['牵头单位', '配合单位'],
      [
        ['青川市人民政府办公室', '青川市财政局、青川市教育局等', '2026年6月底前'],
        ['青川市人民政府办公室', '青川市财政局等单位', '2026年6月底前'],
        ['青川市人民政府办公室', '市直有关部门', '2026年6月底前'],
        ['青川市人民政府办公室', '各成员单位', '2026年6月底前'],
        ['同上', '〃', '同上'],
      ],
    );
    const said = parts(result) as string[];
    expect(said).toEqual([
      '2 责任单位：“青川市教育局等”中的“等”表示还有其他单位：请列出全部单位（用“、”分隔），不写“等”。',
      '3 责任单位：“青川市财政局等单位”中的“等”表示还有其他单位：请列出全部单位（用“、”分隔），不写“等”。',
      '4 责任单位：“市直有关部门”没有说明是哪些单位：请写明具体单位（用“、”分隔）；如指全部市直部门，可写“市直各部门”；如指全部区县政府，可写“各区县政府”。',
      '5 责任单位：“各成员单位”没有说明是哪些单位：请写明具体单位（用“、”分隔）；如指全部市直部门，可写“市直各部门”；如指全部区县政府，可写“各区县政府”。',
      '6 牵头单位：“同上”表示同上一行，导入不按“同上”读取：请写出该单位（可从上一行复制）。',
      '6 责任单位：“〃”表示同上一行，导入不按“同上”读取：请写出该单位（可从上一行复制）。',
      '6 完成时限“同上”表示同上一行，导入不按“同上”读取：请写出时限（可从上一行复制）。',
    ]);
    expect(said.some((text) => text.includes('登记'))).toBe(false);
  });
});

describe('「按职责分工负责」, 「分别负责」, 「会同…落实」 (breaker10q P22)', () => {
  it('AU-duty-split.xlsx: the units doing each their share are responsible, never leads; 各区县政府 expands', async () => {
    const result = await plan(
      ['责任单位'],
      [
        ['青川市财政局牵头，青川市教育局、青川市民政局按职责分工负责', '2026年6月底前'],
        ['青川市财政局、青川市教育局按职责分工负责', '2026年6月底前'],
        ['青川市民政局牵头，各区县政府分别负责', '2026年6月底前'],
        ['由青川市交通运输局牵头，会同青川市财政局落实', '2026年6月底前'],
      ],
    );
    expect(parts(result)).toEqual([
      [['unit-czj'], ['unit-jyj', 'unit-mzj']],
      [['unit-czj'], ['unit-jyj']],
      [['unit-mzj'], ['unit-dh', 'unit-xs']],
      [['unit-jtj'], ['unit-czj']],
    ]);
  });

  it('reads a 台账\'s 责任单位 the same way (AI-ledger-sentences.xlsx)', async () => {
    const csv = '问题,具体表现,类别,严重程度,责任单位,整改时限\n门户网站存在错链,3处链接失效,网站,一般,由青川市交通运输局牵头，会同青川市财政局落实,2026-12-31\n';
    const result = await importFindings(csv, { format: 'csv', lookupUnit, today: '2026-03-01' });
    expect(result.ok ? result.findings.map((finding) => finding.parts.map((part) => [part.unit.unitId, part.role])) : result.problems.map((problem) => problem.reasonZh)).toEqual([
      [
        ['unit-jtj', 'LEAD'],
        ['unit-czj', 'RESPONSIBLE'],
      ],
    ]);
  });
});
