import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importFindings } from '../../rectification/import-findings/findings-file.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * breaker10m P1 and P2 (serious): a unit cell 「青川市交通运输局与青川市财政局」 / 「…和…」 kept only the second unit (read as the
 * near 青川市财政局, the first unit's work gone); 「青川市教育局（配合）、青川市民政局」 made the unit marked 配合 the lead; a bracket
 * naming another registered unit (「青川市财政局（青川市教育局配合）」, 「青川市教育局（已移交青川市民政局）」) was dropped, the first unit
 * getting the part. Now joined names are each unit's part (told), a unit marked 配合 never leads, and a bracket naming another
 * unit is refused naming both — in plans and 整改台账 alike (one reading, unit-lookup `resolveNames` and cells `unitRolesInCell`).
 */
const directory = unitLookupFrom([
  { id: 'unit-jtj', code: 'JTJ', name: '青川市交通运输局' },
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
  { id: 'unit-mzj', code: 'MZJ', name: '青川市民政局' },
  { id: 'unit-fgw', code: 'FGW', name: '青川市发展和改革委员会' },
  { id: 'unit-rsj', code: 'RSJ', name: '青川市人力资源和社会保障局' },
]);
const planOf = async (cell: string, header = '责任单位') => {
  const result = await importWorkPlan(`序号,工作任务,${header},完成时限\n1,推进甲信息公开,"${cell}",2026年12月31日\n`, { format: 'csv', title: '联合单位', year: 2026, lookupUnit: directory });
  if (!result.ok) return result.problems.map((problem) => problem.reasonZh);
  const item = result.plan.categories[0]!.items[0]!;
  return { lead: item.leadUnits.map((unit) => unit.unitId), others: item.responsibleUnits.map((unit) => unit.unitId), notices: (result.notices ?? []).map((notice) => notice.reasonZh) };
};
const ledgerOf = async (cell: string) => {
  const result = await importFindings(`序号,问题,具体表现,责任单位,整改时限,整改措施\n1,门户网站存在错链,3处链接失效,"${cell}",2026年12月31日,全面排查链接\n`, {
    format: 'csv',
    lookupUnit: directory,
    today: '2026-12-02',
    year: 2026,
  });
  return result.ok ? result.findings[0]!.parts.map((part) => `${part.unit.unitId}:${part.role}`) : result.problems.map((problem) => problem.reasonZh);
};

describe('two registered units joined by 和 / 与 in one cell (breaker10m P1)', () => {
  // Written first in a one-column 责任单位, where the first unit named leads: the first of the joined units leads and the other is
  // responsible, as 「A、B」 reads there (lead's decision, session 27; before, both led). In a 牵头单位 column both lead (below).
  it.each(['青川市交通运输局与青川市财政局', '青川市交通运输局和青川市财政局', '青川市交通运输局及青川市财政局', '市交通运输局会同市财政局'])('%s: each unit gets its part, told', async (cell) => {
    expect(await planOf(cell)).toEqual({ lead: ['unit-jtj'], others: ['unit-czj'], notices: expect.arrayContaining([expect.stringMatching(/^“.+”按 2 个单位读取，各有其任务：.*青川市财政局|市财政局。$/)]) });
    expect(await ledgerOf(cell)).toEqual(['unit-jtj:LEAD', 'unit-czj:RESPONSIBLE']);
    expect(await planOf(`青川市民政局、${cell}`)).toMatchObject({ lead: ['unit-mzj'], others: ['unit-jtj', 'unit-czj'] });
    expect(await ledgerOf(`青川市民政局、${cell}`)).toEqual(['unit-mzj:LEAD', 'unit-jtj:RESPONSIBLE', 'unit-czj:RESPONSIBLE']);
  });

  it('in a 牵头单位 column, both lead (联合牵头)', async () => {
    expect(await planOf('青川市交通运输局和青川市财政局', '牵头单位')).toMatchObject({ lead: ['unit-jtj', 'unit-czj'], others: [] });
  });

  it('three units joined, and a unit’s own 和 never split', async () => {
    expect(await planOf('青川市交通运输局、青川市发展和改革委员会与青川市人力资源和社会保障局')).toMatchObject({ lead: ['unit-jtj'], others: ['unit-fgw', 'unit-rsj'] });
    expect(await planOf('青川市发展和改革委员会')).toMatchObject({ lead: ['unit-fgw'], others: [] });
  });
});

describe('a unit marked （配合） never leads (breaker10m P2)', () => {
  it('the first unmarked unit leads, the marked one takes part', async () => {
    expect(await planOf('青川市教育局（配合）、青川市民政局')).toMatchObject({ lead: ['unit-mzj'], others: ['unit-jyj'] });
    expect(await ledgerOf('青川市教育局（配合）、青川市民政局')).toEqual(['unit-mzj:LEAD', 'unit-jyj:RESPONSIBLE']);
  });

  it('with every unit marked, the row is refused for its missing lead', async () => {
    expect(await planOf('青川市教育局（配合）、青川市民政局（协办）')).toEqual([expect.stringContaining('缺少牵头单位')]);
    expect(await ledgerOf('青川市教育局（配合）、青川市民政局（协办）')).toEqual(['未写牵头单位：请写明牵头整改的单位。']);
  });
});

describe('a bracket naming another registered unit (breaker10m P1, P2)', () => {
  it.each(['青川市财政局（青川市教育局配合）', '青川市教育局（已移交青川市民政局）', '青川市教育局（现由市民政局承担）', '青川市教育局（调整为青川市财政局）'])(
    '%s is refused naming both units, never given to one',
    async (cell) => {
      const [outside, inside] = cell.includes('财政局（') ? ['青川市财政局', '青川市教育局'] : ['青川市教育局', cell.includes('调整为') ? '青川市财政局' : '青川市民政局'];
      const refusal = `写了两个单位：“${outside}”和括号中的“${inside}”，无法确定由哪个单位承担`;
      expect(await planOf(cell)).toEqual([expect.stringContaining(refusal)]);
      expect(await ledgerOf(cell)).toEqual([expect.stringContaining(refusal)]);
    },
  );
});

/*
 * breaker10m P5 (serious): a 备注 naming units of the directory (「配合单位：青川市住房和城乡建设局」, 「青川市财政局、…」,
 * 「新增青川市教育局为责任单位」) was dropped — the unit given nothing — while under 说明 the same cells refused the file. A remark
 * gives no work, so the row is refused naming the unit; 备注 naming none (联系人：张伟, 取消收费后公开) stays a remark.
 */
describe('a 备注 naming a unit of the directory (breaker10m P5)', () => {
  const plan = (remark: string) =>
    importWorkPlan(`序号,工作任务,牵头单位,配合单位,完成时限,备注\n1,推进财政信息公开,青川市财政局,青川市教育局,2026年12月31日,"${remark}"\n`, { format: 'csv', title: '备注单位', year: 2026, lookupUnit: directory });
  const ledger = (remark: string) =>
    importFindings(`问题,具体表现,责任单位,整改时限,备注\n门户网站存在错链,3处链接失效,青川市财政局,2026年12月31日,"${remark}"\n`, { format: 'csv', lookupUnit: directory, today: '2026-12-02', year: 2026 });

  it.each([
    ['配合单位：青川市民政局', '青川市民政局'],
    ['青川市民政局、青川市人力资源和社会保障局', '青川市民政局'],
    ['新增青川市民政局为责任单位', '市民政局'],
  ])('%s: the row is refused naming %s, in a plan and a 台账', async (remark, unit) => {
    const planned = await plan(remark);
    expect(planned.ok ? planned.plan : planned.problems).toEqual([expect.objectContaining({ row: 2, reasonZh: `备注“${remark}”写有单位“${unit}”，但备注不交办任务：如该单位承担任务，请把它写到牵头单位或配合单位（责任单位）列中；否则请从备注中删去。` })]);
    const ledgered = await ledger(remark);
    expect(ledgered.ok ? ledgered.findings : ledgered.problems).toEqual([expect.objectContaining({ row: 2, reasonZh: expect.stringContaining(`写有单位“${unit}”，但备注不交办任务`) })]);
  });

  it.each(['联系人：张伟', '取消收费后公开', '按省政府要求办理'])('%s stays a remark', async (remark) => {
    expect((await plan(remark)).ok).toBe(true);
    expect((await ledger(remark)).ok).toBe(true);
  });
});

/*
 * breaker10n P2 (moderate): 「青川市财政局与市卫计委」 (a former name's short form) and 「青川市财政局与市工商局」 (a merged unit's short
 * name) were refused as one unknown unit 「…不在单位名录中…请…先在单位名录中登记该单位」, though each side alone imports. Each side of
 * a joined name is now read as that name alone would be.
 */
describe('a joined name whose side is a short, former or merged unit\'s name', () => {
  const reformed = unitLookupFrom([
    { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
    { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
    { id: 'unit-wjw', code: 'WJW', name: '青川市卫生健康委员会', formerNames: ['青川市卫生和计划生育委员会'] },
    { id: 'unit-gsj', code: 'GSJ', name: '青川市工商行政管理局', mergedIntoUnitId: 'unit-scj', mergedOn: '2026-05-01' },
    { id: 'unit-scj', code: 'SCJ', name: '青川市市场监督管理局' },
  ]);
  const unitsOf = async (cell: string) => {
    const result = await importWorkPlan(`序号,工作任务,责任单位,完成时限\n1,推进甲信息公开,"${cell}",2026年12月31日\n`, { format: 'csv', title: '联合单位', year: 2026, lookupUnit: reformed, today: '2026-06-01' });
    if (!result.ok) return result.problems.map((problem) => problem.reasonZh);
    const item = result.plan.categories[0]!.items[0]!;
    return [item.leadUnits.map((unit) => unit.unitId), item.responsibleUnits.map((unit) => unit.unitId)];
  };
  it.each([
    ['青川市财政局与市卫计委', [['unit-czj'], ['unit-wjw']]],
    ['青川市财政局与市工商局', [['unit-czj'], ['unit-scj']]],
    ['市卫计委和市教育局', [['unit-wjw'], ['unit-jyj']]],
  ] as const)('reads 「%s」 as its two units, the first leading', async (cell, expected) => {
    expect(await unitsOf(cell)).toEqual(expected);
  });
});

/*
 * Issue 10 task item 5 and breaker10n P16 (serious): 「牵头单位：A与B」 as a label inside a one-column 责任单位, and 「A与B」 as the
 * first unmarked name after 「C（配合）」, made A and B joint leads, while the same 「A与B」 unlabelled first makes A lead (the
 * session-27 decision). The one column reads one way: A leads, B is responsible; 「牵头单位：A、B」 still names two leads.
 */
describe('「A与B」 as the lead a one-column 责任单位 labels or leaves unmarked', () => {
  it.each([
    ['牵头单位：青川市财政局与青川市教育局；配合单位：青川市民政局', { lead: ['unit-czj'], others: ['unit-jyj', 'unit-mzj'] }],
    ['青川市交通运输局（配合）、青川市财政局与青川市教育局', { lead: ['unit-czj'], others: ['unit-jyj', 'unit-jtj'] }],
    ['青川市财政局与青川市教育局', { lead: ['unit-czj'], others: ['unit-jyj'] }],
    ['牵头单位：青川市财政局、青川市教育局', { lead: ['unit-czj', 'unit-jyj'], others: [] }],
  ] as const)('「%s」 in a plan', async (cell, expected) => {
    expect(await planOf(cell)).toMatchObject({ lead: expected.lead, others: expect.arrayContaining([...expected.others]) });
    expect(((await planOf(cell)) as { others: string[] }).others).toHaveLength(expected.others.length);
  });

  it.each([
    ['牵头单位：青川市财政局与青川市教育局', ['unit-czj:LEAD', 'unit-jyj:RESPONSIBLE']],
    ['青川市交通运输局（配合）、青川市财政局与青川市教育局', ['unit-czj:LEAD', 'unit-jtj:RESPONSIBLE', 'unit-jyj:RESPONSIBLE']],
  ] as const)('「%s」 in a 台账', async (cell, expected) => {
    const parts = await ledgerOf(cell);
    expect(Array.isArray(parts) ? [...parts].sort() : parts).toEqual([...expected].sort());
  });
});

/*
 * breaker10q P16 (serious): 「青川市财政局（6月底前）」 — a unit's own deadline in its bracket — was dropped: the part took the row's
 * later day, and the only word was a near-name question. breaker10r P9: read as that unit's own deadline (units-own-deadlines.spec);
 * a lead's own deadline other than the item's is refused saying the lead's deadline is the item's.
 */
describe('a unit with a deadline of its own in its bracket (breaker10q P16, breaker10r P9)', () => {
  it.each(['青川市财政局（6月底前）', '青川市财政局(2026年9月30日)'])('refuses %s first in a one-column 责任单位 (it leads) naming the unit and its deadline', async (cell) => {
    const read = await planOf(cell);
    expect(read).toEqual([expect.stringMatching(/^牵头单位“青川市财政局.+”在括号中写了自己的时限（2026-0[69]-30）.+牵头单位的时限即事项的完成时限。/u)]);
  });

  it('reads it for a responsible unit: its part due on it, told', async () => {
    const result = await importWorkPlan('序号,工作任务,责任单位,完成时限\n1,推进甲信息公开,"青川市教育局、青川市财政局（2026年三季度）",2026年12月31日\n', { format: 'csv', title: '联合单位', year: 2026, lookupUnit: directory });
    expect(result.ok && result.plan.categories[0]!.items[0]!.partDueDates).toEqual({ 'unit-czj': { dueDate: '2026-09-30', terms: { kind: 'BY_DATE' } } });
  });

  it('still reads a role mark or another remark in the bracket as before', async () => {
    expect(await planOf('青川市财政局（牵头）、青川市教育局')).toMatchObject({ lead: ['unit-czj'], others: ['unit-jyj'] });
  });
});
