import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { MAX_FILE_ITEMS, MAX_FILE_ROWS } from '../../spreadsheet/file-limits.js';
import { importFindings } from './findings-file.js';

/*
 * breaker52-10 S4: a 整改台账 had no limit (plans are refused past 5 000 items at once): a 2.8 MB CSV of 20 000 rows was checked
 * and recorded whole — 189 s, a 7.5 s /health stall, the server keeping +600 MB. A 台账 of more problems than any has, or more
 * rows, is refused at once, before any row is checked, saying how many; problems are counted by title, the export's rows per unit
 * being one problem.
 */
const lookupUnit = unitLookupFrom([
  { id: 'unit-a', code: 'A01', name: '青川市甲务局' },
  { id: 'unit-b', code: 'A02', name: '青川市乙务局' },
]);
const header = '问题,具体表现,牵头单位,配合单位,整改时限,整改措施\n';
const refusals = (result: Awaited<ReturnType<typeof importFindings>>) => (result.ok ? result : result.problems.map((problem) => [problem.row, problem.reasonZh]));

describe('the size of a 台账 file (breaker52-10 S4)', () => {
  it(`refuses a 台账 of more than ${MAX_FILE_ITEMS} problems at once, saying how many problems`, async () => {
    let csv = header;
    for (let n = 1; n <= MAX_FILE_ITEMS + 1; n += 1) csv += `批量问题第${n}号,表现${n},青川市甲务局,青川市乙务局,2026-12-30,措施${n}\n`;
    const result = await importFindings(new TextEncoder().encode(csv), { format: 'csv', lookupUnit, today: '2026-10-01', year: 2026 });
    expect(refusals(result)).toEqual([
      [null, `该文件有 ${MAX_FILE_ITEMS + 1} 个问题，超过一个整改台账允许的 ${MAX_FILE_ITEMS} 个（整改台账通常为几十到几百个问题）：请核对是否选错了文件，或文件中的行是否重复粘贴了多遍。`],
    ]);
  });

  it(`refuses a 台账 of more than ${MAX_FILE_ROWS} rows at once, saying rows (行), however few problems they repeat`, async () => {
    let csv = header;
    for (let n = 1; n <= MAX_FILE_ROWS + 1; n += 1) csv += `批量问题第${n % 7}号,表现,青川市甲务局,青川市乙务局,2026-12-30,措施\n`;
    const result = await importFindings(new TextEncoder().encode(csv), { format: 'csv', lookupUnit, today: '2026-10-01', year: 2026 });
    expect(refusals(result)).toEqual([
      [null, `该文件有 ${MAX_FILE_ROWS + 1} 行，超过一个整改台账文件允许的 ${MAX_FILE_ROWS} 行（整改台账通常为几十到几百个问题，导出表每个单位一行）：请核对是否选错了文件，或文件中的行是否重复粘贴了多遍。`],
    ]);
  });

  // breaker57-10 M1: an evaluation may hold more problems than a file (two imports, 5 000 + 38); its own export, imported back, was
  // refused as the wrong file or a repeated paste — words untrue of it.
  it(`says of Rectify's own 台账 export over ${MAX_FILE_ITEMS} problems that it is the export, its problems recorded, and how to add new ones`, async () => {
    let csv = '问题,具体表现,牵头单位,配合单位,整改时限,整改措施,状态,红黄绿灯\n';
    for (let n = 1; n <= MAX_FILE_ITEMS + 1; n += 1) csv += `批量问题第${n}号,表现${n},青川市甲务局,青川市乙务局,2026-12-30,措施${n},整改中,绿\n`;
    const result = await importFindings(new TextEncoder().encode(csv), { format: 'csv', lookupUnit, today: '2026-10-01', year: 2026 });
    expect(refusals(result)).toEqual([
      [null, `该文件有 ${MAX_FILE_ITEMS + 1} 个问题，超过一个整改台账文件允许的 ${MAX_FILE_ITEMS} 个（整改台账通常为几十到几百个问题）：本文件是本系统导出的整改台账，其中的问题都已登记，无需导回；如需在该评估下补充新的问题，请把新增的行另存为一个文件导入（每个文件至多 5000 个问题）。`],
    ]);
  });

  it('reads a 台账 within the limits as before', async () => {
    const csv = `${header}问题甲,表现甲,青川市甲务局,青川市乙务局,2026-12-30,措施甲\n问题乙,表现乙,青川市乙务局,,2026-12-30,措施乙\n`;
    const result = await importFindings(new TextEncoder().encode(csv), { format: 'csv', lookupUnit, today: '2026-10-01', year: 2026 });
    expect(result.ok).toBe(true);
  });
});
