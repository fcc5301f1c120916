import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { unitRolesInCell } from '../../spreadsheet/cells.js';
import { importFindings } from './findings-file.js';

/*
 * breaker52-10 M7: a 台账's one 责任单位 column writing 「青川市丁务局（牵头）青川市戊务局（配合）」 — each name marked, no 、 between — was
 * read as one name marked （配合） and the row refused 「未写牵头单位：请写明牵头整改的单位」, though the cell plainly names its lead. The mark
 * closes the name before it, as 、 would.
 */
const lookupUnit = unitLookupFrom([
  { id: 'unit-d', code: 'A04', name: '青川市丁务局' },
  { id: 'unit-e', code: 'A05', name: '青川市戊务局' },
]);

describe('role marks between names with nothing between them (breaker52-10 M7)', () => {
  it.each([
    ['青川市丁务局（牵头）青川市戊务局（配合）', ['青川市丁务局'], ['青川市戊务局']],
    ['青川市戊务局【配合】青川市丁务局【牵头】', ['青川市丁务局'], ['青川市戊务局']],
  ])('reads %s as two units, each in its role', (cell, lead, others) => {
    expect(unitRolesInCell(cell)).toMatchObject({ lead, others });
  });

  it('imports the 台账 row with its lead', async () => {
    const csv = '问题,具体表现,责任单位,整改时限,整改措施\n问题甲,表现甲,青川市丁务局（牵头）青川市戊务局（配合）,2026-12-30,措施甲\n';
    const result = await importFindings(new TextEncoder().encode(csv), { format: 'csv', lookupUnit, today: '2026-10-01', year: 2026 });
    if (!result.ok) throw new Error(JSON.stringify(result.problems.map((problem) => problem.reasonZh)));
    expect(result.findings[0]!.parts.map((part) => [part.unit.name, part.role])).toEqual([
      ['青川市丁务局', 'LEAD'],
      ['青川市戊务局', 'RESPONSIBLE'],
    ]);
  });
});
