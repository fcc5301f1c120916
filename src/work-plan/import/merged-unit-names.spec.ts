import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importFindings } from '../../rectification/import-findings/findings-file.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * breaker10d P29: a file naming a unit merged into another is imported, the part passing to the
 * successor, and the answer says so — the clerk can see the unit on record is not the one the file names.
 */

const directory = [
  { id: 'unit-syj', code: 'SYJ', name: '青川市食品药品监督管理局', mergedIntoUnitId: 'unit-scj', mergedOn: '2026-12-01' },
  { id: 'unit-scj', code: 'SCJ', name: '青川市市场监督管理局' },
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
];
const NOTICE = '青川市食品药品监督管理局已于 2026-12-01 并入青川市市场监督管理局：其任务自该日起由青川市市场监督管理局承担。';

describe('a unit merged away, named in a file', () => {
  const plan = '类别,编号,事项,牵头单位,配合单位,完成时限\n食品,1,MG食品抽检信息公开,青川市食品药品监督管理局,青川市财政局,2026-12-31\n食品,2,MG第二项,青川市财政局,青川市食品药品监督管理局,2026-12-31\n';

  it.each([
    ['after the merge', '2026-12-05', 'unit-scj'],
    ['before the merge (the part passes on the merge day)', '2026-02-20', 'unit-syj'],
  ])('in a work plan read as of a day %s: imported, with one notice naming the successor and the day', async (_when, day, leadUnitId) => {
    const result = await importWorkPlan(plan, { format: 'csv', title: '合并后导入', lookupUnit: unitLookupFrom(directory, day) });
    expect(result.ok && result.plan.categories[0]!.items[0]!.leadUnits.map((unit) => unit.unitId)).toEqual([leadUnitId]);
    expect(result.ok && result.notices?.filter((notice) => notice.reasonZh.includes('并入'))).toEqual([{ row: 2, reason: expect.stringContaining('merged into'), reasonZh: NOTICE }]);
  });

  it('in a 整改台账: imported, with the notice', async () => {
    const csv = '存在问题,整改措施,责任单位,整改时限\nMG问题,措施,青川市食品药品监督管理局,2026-12-31\n';
    const result = await importFindings(csv, { format: 'csv', lookupUnit: unitLookupFrom(directory, '2026-12-05'), today: '2026-12-05', year: 2026 });
    expect(result.ok && result.notices?.filter((notice) => notice.reasonZh.includes('并入'))).toEqual([{ row: 2, reason: expect.any(String), reasonZh: NOTICE }]);
  });

  it('gives no notice for units never merged', async () => {
    const result = await importWorkPlan('类别,编号,事项,牵头单位,完成时限\n食品,1,MG甲,青川市财政局,2026-12-31\n', { format: 'csv', title: '未合并', lookupUnit: unitLookupFrom(directory, '2026-12-05') });
    expect(result.ok && (result.notices ?? []).filter((notice) => notice.reasonZh.includes('并入'))).toEqual([]);
  });
});

describe('a unit named as offices abbreviate it (市发改委), in a work plan (session 24)', () => {
  const units = unitLookupFrom([...directory, { id: 'unit-fgw', code: 'FGW', name: '青川市发展和改革委员会' }, { id: 'unit-yz', code: 'YZ', name: '青川市第一中学' }]);

  it('is read as the one near unit, told once, on its first row', async () => {
    const plan = '类别,编号,事项,牵头单位,配合单位,完成时限\n经济,1,NR项目审批结果公开,市发改委,青川市财政局,2026-12-31\n经济,2,NR价格信息公开,青川市财政局,市发改委,2026-12-31\n';
    const result = await importWorkPlan(plan, { format: 'csv', title: '相近名称', lookupUnit: units });
    expect(result.ok && result.plan.categories[0]!.items.map((item) => item.leadUnits.map((unit) => unit.unitId))).toEqual([['unit-fgw'], ['unit-czj']]);
    expect(result.ok && result.notices?.filter((notice) => notice.reasonZh.includes('名称相近'))).toEqual([
      { row: 2, reason: expect.stringContaining('市发改委'), reasonZh: '“市发改委”不是单位名录中的名称，已按名称相近的“青川市发展和改革委员会”处理（名录中只有该单位与之相近）；如是另一个单位，请先登记该单位再导入。' },
    ]);
  });

  it('refuses a numbered unit that is not registered, never reading it as another number', async () => {
    const result = await importWorkPlan('类别,编号,事项,牵头单位,完成时限\n教育,1,NR校务公开,青川市第十一中学,2026-12-31\n', { format: 'csv', title: '编号单位', lookupUnit: units });
    expect(result.ok ? result.plan : result.problems).toEqual([expect.objectContaining({ row: 2, reasonZh: expect.stringContaining('“青川市第十一中学”不在单位名录中') })]);
  });
});

/*
 * newcomer25 S8: 青川市教育体育局 (not registered) was imported as 青川市教育局's work with a notice calling it an abbreviation.
 * Plans, findings lists and 台账 refuse it alike (one reading, `resolveNames`), naming the near unit and the three ways on; the
 * office's confirmation (`nearNames`) reads it as that unit, told.
 */
describe('a unit name near a registered one’s but no abbreviation of it (newcomer25 S8)', () => {
  const units = [...directory, { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' }];
  const REFUSAL =
    '牵头单位“青川市教育体育局”不在单位名录中。它与已登记的“青川市教育局”（编码 JYJ）相近，但多出“体育”，不是其简称，未按该单位读取：' +
    '如确指该单位，请在导入页面对“青川市教育体育局”勾选“按相近单位读取”后重新导入；如是本办对该单位的简称或曾用名，请在“单位名录”页面为该单位登记（此后各文件均按该单位读取）；如是该单位更名后的名称，请先在单位名录中为其更名；如是另一个单位，请先在单位名录中登记后再导入。';
  const CONFIRMED = '“青川市教育体育局”不是单位名录中的名称，已按确认读作相近的“青川市教育局”。';
  const plan = '序号,工作任务,牵头单位,配合单位,完成时限\n1,推进体育场馆开放信息公开,青川市教育体育局,,2026年12月31日\n2,公开校园安全信息,青川市教育局,,2026年12月31日\n';

  it('refuses a plan naming it, with the row, the near unit and the name the page confirms', async () => {
    const result = await importWorkPlan(plan, { format: 'csv', title: '近似名称测试', year: 2026, lookupUnit: unitLookupFrom(units) });
    expect(result.ok ? result.plan : result.problems).toEqual([{ row: 2, reason: expect.stringContaining('near 青川市教育局 (code JYJ)'), reasonZh: REFUSAL, nearName: '青川市教育体育局' }]);
  });

  it('imports the plan as that unit’s work once the name is confirmed, and says so', async () => {
    const result = await importWorkPlan(plan, { format: 'csv', title: '近似名称测试', year: 2026, lookupUnit: unitLookupFrom(units, undefined, { nearNames: ['青川市教育体育局'] }) });
    expect(result.ok && result.plan.categories.flatMap((category) => category.items.map((item) => item.leadUnits[0]!.unitId))).toEqual(['unit-jyj', 'unit-jyj']);
    expect(result.ok && result.notices?.filter((notice) => notice.reasonZh.includes('按确认'))).toEqual([{ row: 2, reason: expect.stringContaining('as confirmed'), reasonZh: CONFIRMED }]);
  });

  it.each([
    // A 台账 names the column the name is in (newcomer46-10 M1); a findings list's units are one column, 涉及单位 or 责任单位.
    ['a 整改台账', '存在问题,整改措施,牵头单位,整改时限\nNS问题,措施,青川市教育体育局,2026-12-31\n', '牵头单位'],
    ['a findings list', '问题,具体表现,类别,严重程度,责任单位\nNS问题,表现,网站建设,一般,青川市教育体育局\n', '单位'],
  ])('refuses %s naming it the same way, and reads it once confirmed', async (_kind, csv, column) => {
    const options = { format: 'csv' as const, today: '2026-12-05', year: 2026 };
    const refused = await importFindings(csv, { ...options, lookupUnit: unitLookupFrom(units, '2026-12-05') });
    expect(refused.ok ? refused.findings : refused.problems).toEqual([
      expect.objectContaining({ row: 2, nearName: '青川市教育体育局', reasonZh: expect.stringMatching(new RegExp(`^${column}“青川市教育体育局”不在单位名录中。它与已登记的“青川市教育局”（编码 JYJ）相近.*勾选“按相近单位读取”`, 'u')) }),
    ]);
    const confirmed = await importFindings(csv, { ...options, lookupUnit: unitLookupFrom(units, '2026-12-05', { nearNames: ['青川市教育体育局'] }) });
    expect(confirmed.ok && confirmed.notices?.map((notice) => notice.reasonZh)).toContain(CONFIRMED);
  });

  it('still reads an abbreviation (市发改委) with no confirmation', async () => {
    const result = await importWorkPlan('序号,工作任务,牵头单位,完成时限\n1,项目审批公开,市发改委,2026年12月31日\n', {
      format: 'csv',
      title: '简称',
      year: 2026,
      lookupUnit: unitLookupFrom([...units, { id: 'unit-fgw', code: 'FGW', name: '青川市发展和改革委员会' }]),
    });
    expect(result.ok && result.plan.categories[0]!.items[0]!.leadUnits[0]!.unitId).toBe('unit-fgw');
  });
});

describe('the command line\'s dry run of a plan (breaker10d N11)', () => {
  it('says what the reading noticed, as the import itself does', async () => {
    const { describeWorkPlanImport } = await import('../import-work-plan/import-work-plan.js');
    const notes = { sheet: '任务表', notImported: ['备注'], notices: [{ row: 2, reason: 'A was merged into B on 2026-12-01.', reasonZh: '' }] };
    const line = describeWorkPlanImport({ planId: 'p', title: 'T', year: 2026, categories: [], itemCount: 0, unitCount: 0, itemIds: [], notes, itemsDefined: 0, retried: false, revision: null, dryRun: true, planVersion: 0, eventCount: 0, position: null });
    // Each on a line of its own after the summary (breaker54-10 M5: all on one line, a row's notice lost among tens).
    expect(line).toBe('Dry run: T (2026) would be imported: 0 categories, 0 items, 0 units involved. Nothing was written.\nRead sheet "任务表".\nNot imported: 备注.\nRow 2: A was merged into B on 2026-12-01.');
  });

  it('puts a dry run\'s version at the end of the summary\'s line, before the notices, in Chinese too (breaker54-10 M5)', async () => {
    const { describeWorkPlanImportZh } = await import('../import-work-plan/import-work-plan.js');
    const { withFirstLineEnding } = await import('../../spreadsheet/import-refusal.js');
    const notes = { notices: [{ row: 2, reason: '', reasonZh: '“A B（牵头）”读作：B牵头，A为责任单位' }, { row: 3, reason: '', reasonZh: '跳过注释行。' }] };
    const summary = describeWorkPlanImportZh({ planId: 'p', title: 'T', year: 2026, categories: [], itemCount: 0, unitCount: 0, itemIds: [], notes, itemsDefined: 0, retried: false, revision: null, dryRun: true, planVersion: 0, eventCount: 0, position: null });
    expect(withFirstLineEnding(summary, '方案版本：第 1 版。').split('\n')).toEqual([
      '试导入：T（2026）将导入：0 个大项，0 个事项，涉及 0 个单位。未写入任何内容。方案版本：第 1 版。',
      '第 2 行：“A B（牵头）”读作：B牵头，A为责任单位。',
      '第 3 行：跳过注释行。',
    ]);
  });
});

// newcomer53-10 M5: 「青川市工商行政管理局（配合）」 — a merged unit with its role mark — was read as its successor without a word.
describe('a merged unit named with its role mark (newcomer53-10 M5)', () => {
  it('is told as the merged unit named without the mark is', async () => {
    const units = [
      { id: 'unit-gsj', code: 'GSJ', name: '青川市工商行政管理局', mergedIntoUnitId: 'unit-scj', mergedOn: '2026-05-01' },
      { id: 'unit-scj', code: 'SCJ', name: '青川市市场监督管理局' },
      { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
    ];
    const plan = '编号,事项,牵头单位,配合单位,完成时限\n1,公开收费目录,青川市财政局,青川市工商行政管理局（配合）,2026-12-31\n';
    const result = await importWorkPlan(plan, { format: 'csv', title: '青川市2026年合并标注方案', lookupUnit: unitLookupFrom(units, '2026-09-01') });
    expect(result.ok && result.plan.categories[0]!.items[0]!.responsibleUnits.map((unit) => unit.unitId)).toEqual(['unit-scj']);
    expect(result.ok && result.notices?.filter((notice) => notice.reasonZh.includes('并入')).map((notice) => [notice.row, notice.reasonZh])).toEqual([
      [2, '青川市工商行政管理局已于 2026-05-01 并入青川市市场监督管理局：其任务自该日起由青川市市场监督管理局承担。'],
    ]);
  });
});
