import { unitLookupFrom } from '../organization/units/unit-lookup.js';
import { importFindings } from '../rectification/import-findings/findings-file.js';
import { importWorkPlan } from '../work-plan/import/work-plan-import.js';
import { readDeadline } from './deadline-text.js';

/*
 * breaker46-10 M1: 「2026年下半年前」 (before the second half: by 06-30, or before it ends: 12-31), 「2026年9月前」 and 「2026年三季度前」
 * were read as the period's end without a word. The reading stays the end (as 下半年 alone reads), and the deadline reader passes back
 * a notice the import shows on the row: the day taken, and how to write the other.
 */

const directory = unitLookupFrom([
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
]);

describe('a period followed by 前 (breaker46-10 M1)', () => {
  it.each([
    ['2026年下半年前', '2026-12-31', '“2026年下半年前”按 2026-12-31（下半年结束）计；如指下半年开始之前，请写作“2026年6月底前”'],
    ['2026年9月前', '2026-09-30', '“2026年9月前”按 2026-09-30（9月结束）计；如指9月开始之前，请写作“2026年8月底前”'],
    ['2026年三季度前', '2026-09-30', '“2026年三季度前”按 2026-09-30（三季度结束）计；如指三季度开始之前，请写作“2026年6月底前”'],
    ['9月前', '2026-09-30', '“9月前”按 2026-09-30（9月结束）计；如指9月开始之前，请写作“2026年8月底前”'],
    ['上半年前完成', '2026-06-30', '“上半年前完成”按 2026-06-30（上半年结束）计；如指上半年开始之前，请写作“2025年12月底前”'],
    ['2026年9月前完成并持续落实', '2026-09-30', '“2026年9月前完成并持续落实”按 2026-09-30（9月结束）计；如指9月开始之前，请写作“2026年8月底前”'],
  ])('%s is read as %s and says so', (text, day, notice) => {
    const reading = readDeadline(text, { year: 2026 });
    expect(reading.ok && 'dueDate' in reading.deadline && [reading.deadline.dueDate, reading.notice?.reasonZh]).toEqual([day, notice]);
  });

  it.each(['2026年9月底前', '2026年9月末', '2026年6月30日前', '2026年下半年', '2026年第三季度', '2026年底前', '常态化', '每季度末', '9月30号前'])('%s reads as before, with nothing to say', (text) => {
    const reading = readDeadline(text, { year: 2026 });
    expect(reading.ok ? reading.notice : 'refused').toBeUndefined();
  });

  it('a plan import shows the notice on each row whose deadline says it, the due dates as read', async () => {
    const csv = '青川市2026年政务公开工作任务分解表\n序号,工作任务,牵头单位,配合单位,完成时限\n1,任务一,青川市财政局,青川市教育局,2026年下半年前\n2,任务二,青川市财政局,,2026年9月前\n3,任务三,青川市教育局,,2026年9月底前\n';
    const result = await importWorkPlan(new TextEncoder().encode(csv), { format: 'csv', lookupUnit: directory });
    expect(result.ok && result.plan.categories[0]!.items.map((item) => item.dueDate)).toEqual(['2026-12-31', '2026-09-30', '2026-09-30']);
    expect(result.ok && result.notices?.filter((notice) => notice.reasonZh.startsWith('完成时限')).map((notice) => [notice.row, notice.reasonZh])).toEqual([
      [3, '完成时限“2026年下半年前”按 2026-12-31（下半年结束）计；如指下半年开始之前，请写作“2026年6月底前”。'],
      [4, '完成时限“2026年9月前”按 2026-09-30（9月结束）计；如指9月开始之前，请写作“2026年8月底前”。'],
    ]);
  });

  it('a 整改台账 import shows it too', async () => {
    const csv = '问题,具体表现,牵头单位,整改时限\n网站错链,3处链接失效,青川市财政局,2026年三季度前\n';
    const result = await importFindings(new TextEncoder().encode(csv), { format: 'csv', lookupUnit: directory, year: 2026, today: '2026-03-02' });
    expect(result.ok && result.notices?.map((notice) => [notice.row, notice.reasonZh])).toContainEqual([2, '整改时限“2026年三季度前”按 2026-09-30（三季度结束）计；如指三季度开始之前，请写作“2026年6月底前”。']);
  });
});
