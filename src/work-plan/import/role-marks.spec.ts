import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importFindings } from '../../rectification/import-findings/findings-file.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * breaker10n P16 and P17 (serious): how role marks and 「A与B」 decide the lead, in plans and 整改台账 alike.
 * P16: 「青川市交通运输局（配合）、青川市财政局与青川市教育局」 in a one-column 责任单位 made 财政局 and 教育局 joint leads, while the same
 * 「A与B」 written first made A lead and B responsible. Now the first unmarked unit reads as the first unit of an unmarked cell.
 * P17: marks inside the 牵头单位 / 配合单位 columns were ignored: 「…、青川市教育局（配合）」 under 牵头单位 led. Decided: a mark that
 * contradicts its column is refused, naming the unit and what to do (a unit marked （配合） never leads; the column does not
 * silently outvote the office's mark). A mark that agrees with its column is read as it.
 */
const directory = unitLookupFrom([
  { id: 'unit-jtj', code: 'JTJ', name: '青川市交通运输局' },
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
]);
const planOf = async (header: string, cells: string) => {
  const result = await importWorkPlan(`序号,工作任务,${header},完成时限\n1,推进甲信息公开,${cells},2026年12月31日\n`, { format: 'csv', title: '角色标注', year: 2026, lookupUnit: directory });
  if (!result.ok) return result.problems.map((problem) => `${problem.row}:${problem.reasonZh}`);
  const item = result.plan.categories[0]!.items[0]!;
  return { lead: item.leadUnits.map((unit) => unit.unitId), others: item.responsibleUnits.map((unit) => unit.unitId) };
};
const ledgerOf = async (header: string, cells: string) => {
  const result = await importFindings(`序号,问题,具体表现,${header},整改时限,整改措施\n1,门户网站存在错链,3处链接失效,${cells},2026年12月31日,全面排查链接\n`, {
    format: 'csv',
    lookupUnit: directory,
    today: '2026-12-02',
    year: 2026,
  });
  return result.ok ? result.findings[0]!.parts.map((part) => `${part.unit.unitId}:${part.role}`) : result.problems.map((problem) => `${problem.row}:${problem.reasonZh}`);
};

describe('「A与B」 as the first unmarked unit of a one-column 责任单位 (breaker10n P16)', () => {
  it.each(['"青川市交通运输局（配合）、青川市财政局与青川市教育局"', '"青川市财政局与青川市教育局"', '"青川市财政局与青川市教育局、青川市交通运输局（配合）"'])(
    'plan %s: 财政局 leads alone, 教育局 and 交通运输局 are responsible',
    async (cell) => {
      const read = await planOf('责任单位', cell);
      expect(read).toMatchObject({ lead: ['unit-czj'] });
      expect((read as { others: string[] }).others.sort()).toEqual(cell.includes('交通') ? ['unit-jtj', 'unit-jyj'] : ['unit-jyj']);
    },
  );
  it.each(['"青川市交通运输局（配合）、青川市财政局与青川市教育局"', '"青川市财政局与青川市教育局"'])('台账 %s: 财政局 leads alone', async (cell) => {
    const parts = await ledgerOf('责任单位', cell);
    expect(parts.filter((part) => part.endsWith(':LEAD'))).toEqual(['unit-czj:LEAD']);
    expect(parts).toContain('unit-jyj:RESPONSIBLE');
  });
});

describe('a role mark against its column (breaker10n P17)', () => {
  const cooperatingLeads = /^2:“青川市教育局”标注为（配合），却写在“牵头单位”列：标注配合的单位不能牵头。/;
  const leadCooperates = /^2:“青川市教育局”标注为（牵头），却写在“配合单位”列：牵头单位须写在“牵头单位”列。/;
  it('plan: （配合） under 牵头单位 is refused naming the unit, never leads', async () => {
    expect(await planOf('牵头单位,配合单位', '"青川市财政局、青川市教育局（配合）",青川市交通运输局')).toEqual([expect.stringMatching(cooperatingLeads)]);
    expect(await planOf('牵头单位,配合单位', '青川市财政局（配合）,青川市教育局')).toEqual([expect.stringMatching(/^2:“青川市财政局”标注为（配合）/)]);
  });
  it('plan: （牵头） under 配合单位 is refused naming the unit', async () => {
    expect(await planOf('牵头单位,配合单位', '青川市财政局,青川市教育局（牵头）')).toEqual([expect.stringMatching(leadCooperates)]);
  });
  it('plan: a mark agreeing with its column is read as it', async () => {
    expect(await planOf('牵头单位,配合单位', '青川市财政局（牵头）,青川市教育局（配合）')).toEqual({ lead: ['unit-czj'], others: ['unit-jyj'] });
  });
  it('台账: （配合） under 牵头单位 and （牵头） under 配合单位 are refused naming the unit', async () => {
    expect(await ledgerOf('牵头单位,配合单位', '"青川市财政局、青川市教育局（配合）",青川市交通运输局')).toEqual([expect.stringMatching(cooperatingLeads)]);
    expect(await ledgerOf('牵头单位,配合单位', '青川市财政局,青川市教育局（牵头）')).toEqual([expect.stringMatching(leadCooperates)]);
  });
  it('台账: a mark agreeing with its column is read as it', async () => {
    expect(await ledgerOf('牵头单位,配合单位', '青川市财政局（牵头）,青川市教育局（配合）')).toEqual(['unit-czj:LEAD', 'unit-jyj:RESPONSIBLE']);
  });
});

/*
 * breaker10o P1 (serious): marks in 【】 or 〔〕 were ignored — 「青川市教育局【配合】」 under 牵头单位 led, 「…【牵头】」 in a one-column
 * 责任单位 did not — and marks in other words (（主办）, （牵头负责）, （为主）, （协助配合）) were read as part of the name by nearness.
 * One reading of marks for every bracket offices put a remark in, and every word that gives the role.
 */
describe('a role mark in any bracket, in any of its words (breaker10o P1)', () => {
  it.each(['【配合】', '〔协办〕', '[参与]', '［协助］', '「配合」', '（协助配合）', '(配合单位)'])('plan: %s under 牵头单位 is refused naming the unit', async (mark) => {
    expect(await planOf('牵头单位,配合单位', `青川市教育局${mark},青川市财政局`)).toEqual([expect.stringMatching(new RegExp(`^2:“青川市教育局”标注为.*却写在“牵头单位”列`))]);
  });
  it.each(['（主办）', '（牵头负责）', '（为主）', '（负责）', '【牵头】', '〔主责〕'])('plan: %s under 配合单位 is refused naming the unit', async (mark) => {
    expect(await planOf('牵头单位,配合单位', `青川市财政局,青川市教育局${mark}`)).toEqual([expect.stringMatching(/^2:“青川市教育局”标注为.*却写在“配合单位”列/)]);
  });
  it.each(['【配合】', '〔协办〕'])('台账: %s under 牵头单位 is refused naming the unit', async (mark) => {
    expect(await ledgerOf('牵头单位,配合单位', `"青川市财政局、青川市教育局${mark}",青川市交通运输局`)).toEqual([expect.stringMatching(/^2:“青川市教育局”标注为.*却写在“牵头单位”列/)]);
  });
  it.each([
    ['"青川市财政局、青川市教育局【牵头】"', 'unit-jyj'],
    ['"青川市财政局【配合】、青川市教育局"', 'unit-jyj'],
    ['"青川市财政局〔协办〕、青川市教育局"', 'unit-jyj'],
    ['"青川市财政局、青川市教育局（主办）"', 'unit-jyj'],
  ])('one-column 责任单位 %s: the marked roles hold, in plans and 台账', async (cell, leadId) => {
    expect(await planOf('责任单位', cell)).toEqual({ lead: [leadId], others: ['unit-czj'] });
    expect(await ledgerOf('责任单位', cell)).toEqual([`${leadId}:LEAD`, 'unit-czj:RESPONSIBLE']);
  });
  it('a mark agreeing with its column in another bracket is read as the unit, with no near-name notice', async () => {
    const result = await importWorkPlan('序号,工作任务,牵头单位,配合单位,完成时限\n1,任务,青川市财政局【牵头】,青川市教育局〔配合〕,2026年12月31日\n', { format: 'csv', title: '角色标注', year: 2026, lookupUnit: directory });
    expect(result.ok && result.plan.categories[0]!.items[0]!.leadUnits.map((unit) => unit.unitId)).toEqual(['unit-czj']);
    expect(result.ok && (result.notices ?? []).filter((notice) => notice.reasonZh.includes('名称相近'))).toEqual([]);
  });
});

/*
 * breaker10o P3 (serious): 「A与B（牵头）」 made A lead and B — marked 牵头 with it — responsible, without a word, while 「A与B（配合）」
 * marked both. Decided: a mark after 「A与B」 is the pair's, both ways: （牵头） makes both lead (联合牵头), told as two units.
 */
describe('a mark after 「A与B」 is the pair’s (breaker10o P3)', () => {
  it.each(['"青川市财政局与青川市教育局（牵头）"', '"青川市交通运输局（配合）、青川市财政局与青川市教育局（牵头）"', '"青川市财政局与青川市教育局【牵头】、青川市交通运输局"'])(
    '%s: 财政局 and 教育局 both lead, in plans and 台账',
    async (cell) => {
      const plan = (await planOf('责任单位', cell)) as { lead: string[]; others: string[] };
      expect(plan.lead).toEqual(['unit-czj', 'unit-jyj']);
      expect(plan.others).toEqual(cell.includes('交通') ? ['unit-jtj'] : []);
      const parts = await ledgerOf('责任单位', cell);
      expect(parts.filter((part) => part.endsWith(':LEAD'))).toEqual(['unit-czj:LEAD', 'unit-jyj:LEAD']);
    },
  );
  it('tells that the pair is read as two units', async () => {
    const result = await importFindings('问题,具体表现,责任单位,整改时限\n问题甲,表现,"青川市财政局与青川市教育局（牵头）",2026年12月31日\n', { format: 'csv', lookupUnit: directory, today: '2026-12-02', year: 2026 });
    expect(result.ok && result.notices?.map((notice) => notice.reasonZh)).toContainEqual('“青川市财政局与青川市教育局”按 2 个单位读取，各有其任务：青川市财政局、青川市教育局。');
  });
  it('「A与B（配合）」 marks both: with no other unit the row names no lead', async () => {
    expect(await planOf('责任单位', '"青川市财政局与青川市教育局（配合）"')).toEqual([expect.stringContaining('缺少牵头单位')]);
    expect(await planOf('责任单位', '"青川市财政局与青川市教育局（配合）、青川市交通运输局"')).toEqual({ lead: ['unit-jtj'], others: ['unit-czj', 'unit-jyj'] });
  });
});

/*
 * breaker51-10 S5: narrow 牵头单位 columns wrap 「青川市财政局（牵头）」 as 「青川市财政局⏎（牵头）」; the line 「（牵头）」 was read as a unit —
 * matched by near name to a unit registered as 「青川市庚务局（牵头）」 (a lead part for a unit with nothing to do with it), or refused
 * as the unknown unit 「（配合）」. A line that is only a role mark is the mark of the name above it, in plans and 台账 alike.
 */
describe('a role mark wrapped onto its own line in a unit cell (breaker51-10 S5)', () => {
  // The directory as S2 left it: a unit registered with the mark in its name.
  const marked = unitLookupFrom([
    { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
    { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
    { id: 'unit-gwj', code: 'GWJ', name: '青川市庚务局（牵头）' },
  ]);
  const plan = async (header: string, cells: string) => {
    const result = await importWorkPlan(`序号,工作任务,${header},完成时限\n1,推进甲信息公开,${cells},2026年12月31日\n`, { format: 'csv', title: '换行标注', year: 2026, lookupUnit: marked });
    if (!result.ok) return result.problems.map((problem) => `${problem.row}:${problem.reasonZh}`);
    const item = result.plan.categories[0]!.items[0]!;
    return { lead: item.leadUnits.map((unit) => unit.unitId), others: item.responsibleUnits.map((unit) => unit.unitId) };
  };
  it.each(['"青川市财政局\n（牵头）"', '"青川市财政局\r\n【牵头】"', '"青川市财政局\n牵头"'])('plan 牵头单位 %s: 财政局 leads, no other unit', async (cell) => {
    expect(await plan('牵头单位,配合单位', `${cell},青川市教育局`)).toEqual({ lead: ['unit-czj'], others: ['unit-jyj'] });
  });
  it('plan 责任单位 「青川市教育局⏎（配合）」 after the lead: 教育局 takes part', async () => {
    expect(await plan('牵头单位,责任单位', '青川市财政局,"青川市教育局\n（配合）"')).toEqual({ lead: ['unit-czj'], others: ['unit-jyj'] });
  });
  it('plan: a wrapped mark against its column is refused as the one-line mark is', async () => {
    expect(await plan('牵头单位,配合单位', '青川市财政局,"青川市教育局\n（牵头）"')).toEqual([expect.stringMatching(/^2:“青川市教育局”标注为（牵头），却写在“配合单位”列/)]);
  });
  it('plan: a mark alone, before any name, is no unit — never matched by near name', async () => {
    expect(await plan('牵头单位,配合单位', '"（牵头）\n青川市财政局",青川市教育局')).toEqual([expect.stringMatching(/^2:牵头单位：“（牵头）”是表示分工的标注，不是单位名称/)]);
  });
  it('台账 「青川市财政局⏎（牵头）」: 财政局 leads, 庚务局（牵头） gets nothing', async () => {
    const result = await importFindings(`序号,问题,具体表现,牵头单位,配合单位,整改时限,整改措施\n1,门户网站存在错链,3处链接失效,"青川市财政局\n（牵头）",青川市教育局,2026年12月31日,全面排查链接\n`, {
      format: 'csv',
      lookupUnit: marked,
      today: '2026-12-02',
      year: 2026,
    });
    expect(result.ok ? result.findings[0]!.parts.map((part) => `${part.unit.unitId}:${part.role}`) : result.problems).toEqual(['unit-czj:LEAD', 'unit-jyj:RESPONSIBLE']);
  });
});
