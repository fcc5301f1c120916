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

describe('the command line\'s dry run of a plan (breaker10d N11)', () => {
  it('says what the reading noticed, as the import itself does', async () => {
    const { describeWorkPlanImport } = await import('../import-work-plan/import-work-plan.js');
    const notes = { sheet: '任务表', notImported: ['备注'], notices: [{ row: 2, reason: 'A was merged into B on 2026-12-01.', reasonZh: '' }] };
    const line = describeWorkPlanImport({ planId: 'p', title: 'T', year: 2026, categories: [], itemCount: 0, unitCount: 0, itemIds: [], notes, itemsDefined: 0, retried: false, revision: null, dryRun: true, eventCount: 0, position: null });
    expect(line).toBe('Dry run: T (2026) would be imported: 0 categories, 0 items, 0 units involved. Nothing was written. Read sheet "任务表". Not imported: 备注. Row 2: A was merged into B on 2026-12-01.');
  });
});
