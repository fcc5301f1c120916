import { unitLookupFrom } from '../organization/units/unit-lookup.js';
import { importFindings } from '../rectification/import-findings/findings-file.js';
import { importWorkPlan } from '../work-plan/import/work-plan-import.js';
import { foldedNotices } from './import-problems.js';

/*
 * newcomer45-10 M5: a 400-item plan naming 各区县政府 on 160 rows showed 提示（160）: 160 identical lines 「第 N 行：“各区县政府”即 2 个
 * 单位：…」. A notice said in the same words of several rows is said once, at its first row, naming the others.
 */
const lookupUnit = unitLookupFrom([
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局', kind: 'DEPARTMENT', parentUnitId: null },
  { id: 'unit-donghu', code: 'DONGHU', name: '青川市东湖区人民政府', kind: 'COUNTY_OR_DISTRICT', parentUnitId: null },
  { id: 'unit-xishan', code: 'XISHAN', name: '西山县人民政府', kind: 'COUNTY_OR_DISTRICT', parentUnitId: null },
]);
const told = (notices: readonly { row: number | null; reasonZh: string }[] | undefined) => (notices ?? []).filter((notice) => notice.reasonZh.includes('即')).map((notice) => `${notice.row} ${notice.reasonZh}`);

describe('one notice for the rows it is said of in the same words (newcomer45-10 M5)', () => {
  it('a plan naming 各区县政府 on three rows: one notice at the first, naming the other two', async () => {
    const csv = ['序号,工作任务,牵头单位,配合单位,完成时限', ...[1, 2, 3].map((code) => `${code},任务${code},青川市教育局,各区县政府,2026-12-31`)].join('\n');
    const result = await importWorkPlan(csv, { format: 'csv', title: '2026年任务', lookupUnit });
    expect(result.ok && told(result.notices)).toEqual(['2 “各区县政府”即 2 个单位：青川市东湖区人民政府、西山县人民政府（第 3、4 行同此）。']);
  });

  it('a 台账 likewise; a row naming it in another role is told in its own words', async () => {
    const csv = '问题,牵头单位,责任单位,整改时限\n门户网站存在错链,青川市教育局,各区县政府,2026-06-30\n政策解读不到位,青川市教育局,各区县政府,2026-06-30\n答复不规范,各区县政府,,2026-06-30\n';
    const result = await importFindings(csv, { format: 'csv', lookupUnit, today: '2026-03-10', year: 2026 });
    expect(result.ok && told(result.notices)).toEqual([
      '2 “各区县政府”即 2 个单位：青川市东湖区人民政府、西山县人民政府（第 3 行同此）。',
      '4 “各区县政府”即 2 个单位：青川市东湖区人民政府、西山县人民政府，均为牵头单位（联合牵头）。',
    ]);
  });

  it('past ten further rows, the first ten and the count; other sheets and texts apart', () => {
    const same = (row: number, sheet?: string) => ({ row, reason: 'Said.', reasonZh: '已说明。', ...(sheet === undefined ? {} : { sheet }) });
    const folded = foldedNotices([...Array.from({ length: 13 }, (_, index) => same(index + 2)), same(5, '表二'), { row: null, reason: 'File.', reasonZh: '全文件。' }]);
    expect(folded.map((notice) => `${notice.sheet ?? ''}${notice.row} ${notice.reasonZh} ${notice.reason}`)).toEqual([
      '2 已说明（第 3、4、5、6、7、8、9、10、11、12 行等 12 行同此）。 Said. The same on rows 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 and 2 more.',
      '表二5 已说明。 Said.',
      'null 全文件。 File.',
    ]);
  });
});
