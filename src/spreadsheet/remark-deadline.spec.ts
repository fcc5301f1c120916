import { unitLookupFrom } from '../organization/units/unit-lookup.js';
import { importFindings } from '../rectification/import-findings/findings-file.js';
import { importWorkPlan } from '../work-plan/import/work-plan-import.js';

/*
 * breaker50-10 S8: a remark giving a new deadline (备注 「经市政府同意，延期至2026年12月31日」, or the same under 调整说明, 说明, 调整情况,
 * 附注) was dropped: the column only listed as not imported, the version 「此前已导入，事项相同」, the item red on its old day — in plans
 * and 整改台账 alike. Such a row is refused naming the cell and saying to write the date in 完成时限 / 整改时限, as a remark
 * cancelling a row or naming a unit is; a remark repeating the row's own deadline, or saying nothing of one, imports as before.
 */
const lookupUnit = unitLookupFrom([
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
]);
type Result = { ok: boolean; problems?: readonly { row: number | null; reasonZh: string }[] };
const refusals = (result: Result) => (result.ok ? [] : result.problems!.map((problem) => [problem.row, problem.reasonZh]));

describe('a remark giving a new deadline (breaker50-10 S8)', () => {
  const plan = (header: string, remark: string) =>
    `类别,序号,工作任务,牵头单位,配合单位,完成时限,${header}\n一、决策公开,1,推进重大决策预公开,青川市财政局,青川市教育局,2026-08-31,${remark}\n一、决策公开,2,完善政策解读机制,青川市教育局,,2026-12-30,\n`;

  it.each(['备注', '调整说明', '说明', '调整情况', '附注'])('refuses the plan row whose %s postpones it, naming the cell and 完成时限', async (header) => {
    const result = await importWorkPlan(plan(header, '经市政府同意，延期至2026年12月31日'), { format: 'csv', title: '2026年备注时限测试方案', lookupUnit });
    expect(refusals(result)).toEqual([
      [
        2,
        `${header}“经市政府同意，延期至2026年12月31日”写有新的时限（“2026年12月31日”），与完成时限“2026-08-31”不一致，但导入不按说明调整时限，按此导入仍是原时限：如时限确已调整，请把新的时限写在“完成时限”列；否则请从该说明中删去这一时限。`,
      ],
    ]);
  });

  it.each(['时限调整为10月底', '推迟到第四季度', '顺延至9月30日'])('reads %s as a new deadline too', async (remark) => {
    const result = await importWorkPlan(plan('备注', remark), { format: 'csv', title: '2026年备注时限测试方案', lookupUnit });
    expect(refusals(result)).toHaveLength(1);
  });

  // breaker51-10 M1: a new deadline given without a re-dating word passed, the row imported on its old day.
  it.each(['原定6月30日，现为9月30日', '9月30日前完成', '新时限为2026年10月31日', '2026年9月底前全部完成'])('reads %s, a deadline without a re-dating word, as a new deadline too (breaker51-10 M1)', async (remark) => {
    const result = await importWorkPlan(plan('备注', remark), { format: 'csv', title: '2026年备注时限测试方案', lookupUnit });
    expect(refusals(result)).toHaveLength(1);
  });

  it.each(['6月30日前完成初稿，8月31日前全面完成', '8月31日前完成', '现为牵头单位'])('imports the row whose remark %j names its own deadline among the steps, or no day (breaker51-10 M1)', async (remark) => {
    const result = await importWorkPlan(plan('备注', remark), { format: 'csv', title: '2026年备注时限测试方案', lookupUnit });
    expect(refusals(result)).toEqual([]);
  });

  // breaker52-10 S2: a remark stating another deadline outright — with a label (完成时限：, 时限：, 截止日期, 截至, 时间节点：), ISO or dotted
  // digits, words of intent (力争, 计划于) or a period (三季度末, 下半年) — imported on the row's day; read now as the 完成时限 column is.
  it.each([
    '完成时限：2026年9月30日',
    '时限：9月30日',
    '截止日期2026-09-30',
    '2026-09-30前完成',
    '2026.9.30前完成',
    '2026年9月30日前',
    '9月30日前',
    '截至9月30日',
    '9月底前',
    '力争9月底完成',
    '计划于2026年9月完成',
    '时间节点：9月30日',
    '三季度末',
    '下半年完成',
    '6月30日前完成初稿，12月底前全面完成',
    '8月31日前完成初稿，12月底前全面完成',
  ])('refuses the plan row whose remark states the deadline %s outright, naming the cell (breaker52-10 S2)', async (remark) => {
    const result = await importWorkPlan(plan('备注', remark), { format: 'csv', title: '2026年备注时限测试方案', lookupUnit });
    expect(refusals(result)).toEqual([[2, expect.stringMatching(new RegExp(`^备注“${remark.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}”写有新的时限.*与完成时限“2026-08-31”不一致`))]]);
  });

  it.each(['依据2026年3月1日市政府常务会议', '2026年10月1日起施行', '每月10日前报送进展', '完成时限：2026年8月31日', '8月底前全面完成', '截至目前已完成初稿', '2026年3月1日印发'])(
    'imports the row whose remark %j names a day that is no other deadline (breaker52-10 S2)',
    async (remark) => {
      const result = await importWorkPlan(plan('备注', remark), { format: 'csv', title: '2026年备注时限测试方案', lookupUnit });
      expect(refusals(result)).toEqual([]);
    },
  );

  it.each(['2027-03-31前完成', '完成时限：2027年3月31日', '截止日期2027.3.31'])('refuses the 整改台账 row whose 备注 states the deadline %s outright (breaker52-10 S2)', async (remark) => {
    const csv = `问题,具体表现,牵头单位,配合单位,整改时限,整改措施,备注\n问题甲,表现甲,青川市财政局,青川市教育局,2026-12-30,措施甲,${remark}\n`;
    const result = await importFindings(csv, { format: 'csv', lookupUnit, today: '2026-10-01', year: 2026 });
    expect(refusals(result)).toEqual([[2, expect.stringContaining(`备注“${remark}”写有新的时限`)]]);
  });

  it.each(['已延期至2026年8月31日', '联系人：张伟', '改为线上公开', '调整至第二阶段推进', ''])('imports the row whose remark says %j (its own deadline or none)', async (remark) => {
    const result = await importWorkPlan(plan('备注', remark), { format: 'csv', title: '2026年备注时限测试方案', lookupUnit });
    expect(refusals(result)).toEqual([]);
  });

  it('refuses the 整改台账 row whose 备注 postpones it, naming 整改时限', async () => {
    const csv = '问题,具体表现,牵头单位,配合单位,整改时限,整改措施,备注\n问题甲,表现甲,青川市财政局,青川市教育局,2026-06-30,措施甲,经批准延期至2026年12月31日\n问题乙,表现乙,青川市教育局,,2026-09-30,措施乙,\n';
    const result = await importFindings(csv, { format: 'csv', lookupUnit, today: '2026-03-10', year: 2026 });
    expect(refusals(result)).toEqual([
      [
        2,
        '备注“经批准延期至2026年12月31日”写有新的时限（“2026年12月31日”），与整改时限“2026-06-30”不一致，但导入不按说明调整时限，按此导入仍是原时限：如时限确已调整，请把新的时限写在“整改时限”列；否则请从该说明中删去这一时限。',
      ],
    ]);
  });
});

/*
 * breaker53-10 M5: 备注 「原定2026年4月30日前完成，经批准延至6月底」 beside 整改时限 2026-06-30 was refused as stating the new deadline
 * 2026-04-30 — the former day (原定) read as new, and 延至 not read as a re-dating word. The day after 原定 / 原计划 is the old one; the
 * day after 延至 is compared.
 */
describe('a remark naming the former deadline and the new one (breaker53-10 M5)', () => {
  const ledger = (due: string, remark: string) => `问题,具体表现,牵头单位,整改时限,整改措施,备注\n问题甲,表现甲,青川市财政局,${due},措施甲,${remark}\n`;
  it.each(['原定2026年4月30日前完成，经批准延至6月底', '原计划2026年4月30日前完成，现延至2026年6月30日', '原定2026年4月30日前完成'])('imports %s beside 2026-06-30', async (remark) => {
    const result = await importFindings(ledger('2026-06-30', remark), { format: 'csv', lookupUnit, today: '2026-03-10', year: 2026 });
    expect(refusals(result)).toEqual([]);
  });
  it('still refuses 延至 a day other than the row\'s', async () => {
    const result = await importFindings(ledger('2026-06-30', '原定2026年4月30日前完成，经批准延至9月底'), { format: 'csv', lookupUnit, today: '2026-03-10', year: 2026 });
    expect(refusals(result)).toEqual([[2, expect.stringContaining('写有新的时限（“9月底”）')]]);
  });
});
