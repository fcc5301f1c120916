import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { unitIdForCode } from '../src/organization/units/unit-id.js';
import { importFindings } from '../src/rectification/import-findings/findings-file.js';
import { unitLookupFrom } from '../src/organization/units/unit-lookup.js';
import { readPlanDocument, type PlanDocument, type PlanReadOptions } from '../src/work-plan/import/plan-document.js';
import { importUnits } from '../src/organization/import-units/units-file.js';
import { importWorkPlan } from '../src/work-plan/import/work-plan-import.js';

/*
 * The shipped samples (samples/): the 2026 plan of 青川市 as YAML (the source of truth) and as
 * the CSV and XLSX that scripts/generate-samples.mjs writes from it, a list of findings and the
 * units directory. If this fails after editing the YAML, run `node scripts/generate-samples.mjs`.
 */

const sample = (name: string) => readFile(fileURLToPath(new URL(`../samples/${name}`, import.meta.url)));

/** The demo's units, and the only names a sample may use. */
const DEMO_UNITS: Record<string, string> = {
  'GOV-OFFICE': '青川市人民政府办公室',
  OPENNESS: '青川市政务公开办公室',
  FGW: '青川市发展和改革委员会',
  CZJ: '青川市财政局',
  HBJ: '青川市环境保护局',
  ZJJ: '青川市住房和城乡建设局',
  RSJ: '青川市人力资源和社会保障局',
  JYJ: '青川市教育局',
  WJW: '青川市卫生和计划生育委员会',
  JTJ: '青川市交通运输局',
  MZJ: '青川市民政局',
  FPB: '青川市扶贫开发办公室',
  SYJ: '青川市食品药品监督管理局',
  DONGHU: '青川市东湖区人民政府',
  XISHAN: '西山县人民政府',
};
const demoDirectory = unitLookupFrom(
  Object.entries(DEMO_UNITS).map(([code, name]) => ({ id: unitIdForCode(code), code, name })),
);

const TITLE = '青川市2026年政务公开工作要点任务分解方案';

async function planFrom(name: string, options: PlanReadOptions): Promise<PlanDocument> {
  const result = await readPlanDocument(await sample(name), options);
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.problems, null, 2)}`);
  return result.document;
}

/** Rows are lines in YAML and spreadsheet rows elsewhere; the rest must be identical. */
const withoutRows = (document: PlanDocument) => ({
  ...document,
  categories: document.categories.map((category) => ({
    ...category,
    items: category.items.map(({ row: _row, ...item }) => item),
  })),
});

describe('the 2026 work plan sample', () => {
  // CSV and XLSX carry no title: it is passed, as the CLI's --title would; the year comes from the first due date.
  const documents = async () => ({
    yaml: await planFrom('work-plan-2026.yaml', { format: 'yaml' }),
    csv: await planFrom('work-plan-2026.csv', { format: 'csv', title: TITLE }),
    xlsx: await planFrom('work-plan-2026.xlsx', { format: 'xlsx', title: TITLE }),
  });

  it('YAML, CSV and XLSX hold the same plan', async () => {
    const { yaml, csv, xlsx } = await documents();
    // Neither the CSV (no 工作措施 column) nor the YAML (no `measures:` key) gives measures: a new version from either keeps each item's.
    expect(csv.absentFields).toEqual(['measures']);
    expect(withoutRows(csv)).toEqual(withoutRows(yaml));
    expect(xlsx).toEqual(csv);
  });

  it('has 3 categories and 35 items numbered 1 to 35, due between March and December 2026', async () => {
    const { yaml } = await documents();
    expect(yaml).toMatchObject({ title: TITLE, year: 2026 });
    expect(yaml.categories.map((category) => category.code)).toEqual(['一', '二', '三']);
    const items = yaml.categories.flatMap((category) => category.items);
    expect(items.map((item) => item.code)).toEqual(Array.from({ length: 35 }, (_, index) => String(index + 1)));
    for (const item of items) {
      expect(item.dueDate >= '2026-03-01' && item.dueDate <= '2026-12-31').toBe(true);
      expect(item.title).not.toBe('');
      expect(item.description).not.toBe('');
    }
  });

  it('names only the demo units, by their official names', async () => {
    const { yaml } = await documents();
    const names = new Set(
      yaml.categories.flatMap((category) => category.items.flatMap((item) => [item.leadUnit, ...item.responsibleUnits])),
    );
    expect([...names].filter((name) => !Object.values(DEMO_UNITS).includes(name))).toEqual([]);
  });

  it.each<[string, PlanReadOptions]>([
    ['work-plan-2026.yaml', { format: 'yaml' }],
    ['work-plan-2026.csv', { format: 'csv', title: TITLE }],
    ['work-plan-2026.xlsx', { format: 'xlsx', title: TITLE }],
  ])('%s passes validation against the demo units', async (name, options) => {
    const result = await importWorkPlan(await sample(name), { ...options, lookupUnit: demoDirectory });
    expect(result.ok ? [] : result.problems).toEqual([]);
  });
});

describe('the 2026 work plan’s second version (README “Plan revision”, newcomer18 S2)', () => {
  it('is the plan with item 7 moved from 2026-04-30 to 2026-09-30 and an item 36 added to the third category, nothing else, every unit a demo unit', async () => {
    const first = await planFrom('work-plan-2026.csv', { format: 'csv', title: TITLE });
    const second = await planFrom('work-plan-2026-v2.csv', { format: 'csv', title: TITLE });
    const items = (document: PlanDocument) => new Map(document.categories.flatMap((category) => category.items.map(({ row: _row, ...item }) => [item.code, { category: category.code, ...item }])));
    const [before, after] = [items(first), items(second)];
    expect(before.get('7')?.dueDate).toBe('2026-04-30');
    expect(after.get('7')).toEqual({ ...before.get('7'), dueDate: '2026-09-30' });
    expect(after.get('36')).toMatchObject({ category: '三', title: '开展政务公开工作年中评估', dueDate: '2026-09-30' });
    expect([...after.keys()].filter((code) => !['7', '36'].includes(code)).map((code) => after.get(code))).toEqual([...before.keys()].filter((code) => code !== '7').map((code) => before.get(code)));
    const checked = await importWorkPlan(await sample('work-plan-2026-v2.csv'), { format: 'csv', title: TITLE, lookupUnit: demoDirectory });
    expect(checked.ok ? [] : checked.problems).toEqual([]);
  });
});

describe('the 2025 findings sample', () => {
  it('imports 6 to 8 findings, every unit known', async () => {
    const result = await importFindings(await sample('findings-2025.csv'), { format: 'csv', lookupUnit: demoDirectory });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.findings.length).toBeGreaterThanOrEqual(6);
    expect(result.findings.length).toBeLessThanOrEqual(8);
    expect(new Set(result.findings.map((finding) => finding.severity))).toEqual(new Set(['LOW', 'MEDIUM', 'HIGH']));
  });
});

describe('the 2025 rectification ledger sample (整改台账)', () => {
  it('records 3 findings with their parts: the two-row header, merged rows per unit, deadline words, measures', async () => {
    const result = await importFindings(await sample('rectification-ledger-2025.xlsx'), {
      format: 'xlsx',
      lookupUnit: demoDirectory,
      today: '2026-03-16',
      year: 2026,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.ledger).toBe(true);
    expect(result.notImported).toEqual(['序号', '备注']);
    expect(result.notices).toEqual([{ row: 9, reason: 'Footnote skipped: 注：整改时限为完成整改并报送整改材料的时间。', reasonZh: '已跳过注释行：注：整改时限为完成整改并报送整改材料的时间。' }]);
    const parts = result.findings.map((finding) => finding.parts.map((part) => [part.unit.name, part.role, part.dueDate]));
    expect(parts).toEqual([
      [
        ['青川市教育局', 'LEAD', '2026-06-30'],
        ['青川市民政局', 'RESPONSIBLE', '2026-06-30'],
      ],
      [
        ['青川市人民政府办公室', 'LEAD', '2026-03-16'],
        ['青川市住房和城乡建设局', 'RESPONSIBLE', '2026-09-30'],
      ],
      [
        ['青川市财政局', 'LEAD', '2026-09-30'],
        ['青川市教育局', 'RESPONSIBLE', '2026-09-30'],
        ['青川市卫生和计划生育委员会', 'RESPONSIBLE', '2026-09-30'],
      ],
    ]);
    expect(result.findings.map((finding) => [finding.category, finding.severity])).toEqual([
      ['网站建设', 'LOW'],
      ['依申请公开', 'MEDIUM'],
      ['重点领域信息公开', 'HIGH'],
    ]);
    expect(result.findings[1]?.measures).toBe('逐件核查超期答复原因；完善答复模板，载明救济途径。');
  });
});

describe('the units sample', () => {
  it('is the demo directory: 15 units with their codes, the openness office under the general office', async () => {
    const result = await importUnits(await sample('units.csv'), { format: 'csv', lookupUnit: unitLookupFrom([]) });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(Object.fromEntries(result.units.map((unit) => [unit.code, unit.name]))).toEqual(DEMO_UNITS);
    expect(result.units.find((unit) => unit.code === 'OPENNESS')).toMatchObject({
      kind: 'OTHER',
      parentUnitId: unitIdForCode('GOV-OFFICE'),
    });
  });
});
