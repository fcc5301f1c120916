import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importWorkPlan } from './work-plan-import.js';

/*
 * breaker10o P11 (serious): a plan sent as YAML or JSON skipped the reading a spreadsheet's rows get. Role marks in unit
 * names (「青川市财政局（配合）」, 【牵头】, 「A与B（牵头）」, a mark against its field) were not read — the unit was refused
 * as unknown or taken in the wrong role — and an unquoted code `1.10` was read as the number 1.1, colliding with item 1.1.
 * Now the tree's items go through the same layout reading as a sheet's rows (one reading), and a number keeps the digits
 * the office wrote (the scalar's source text: 1.10 stays 1.10, 2.20 stays 2.20).
 */
const directory = unitLookupFrom([
  { id: 'unit-jtj', code: 'JTJ', name: '青川市交通运输局' },
  { id: 'unit-czj', code: 'CZJ', name: '青川市财政局' },
  { id: 'unit-jyj', code: 'JYJ', name: '青川市教育局' },
]);
const yamlPlan = (items: string) => `title: 角色标注
year: 2026
categories:
  - code: 一
    title: 公开平台
    items:
${items}`;
type Read = { items: { code: string; lead: string[]; others: string[] }[] } | string[];
const readPlan = async (content: string, format: 'yaml' | 'json'): Promise<Read> => {
  const result = await importWorkPlan(content, { format, lookupUnit: directory });
  if (!result.ok) return result.problems.map((problem) => `${problem.row}:${problem.reasonZh}`);
  return {
    items: result.plan.categories.flatMap((category) =>
      category.items.map((item) => ({ code: item.code, lead: item.leadUnits.map((unit) => unit.unitId), others: item.responsibleUnits.map((unit) => unit.unitId).sort() })),
    ),
  };
};

describe('role marks in a YAML or JSON plan are read as in a sheet (breaker10o P11)', () => {
  it('a mark agreeing with its field is read as it: 「财政局（牵头）」 leads, 「教育局（配合）」 and 「…【配合】」 are responsible', async () => {
    const read = await readPlan(
      yamlPlan(`      - code: "1"
        title: 推进甲信息公开
        牵头单位: 青川市财政局（牵头）
        配合单位: [青川市教育局（配合）, 青川市交通运输局【配合】]
        完成时限: 2026-12-31
`),
      'yaml',
    );
    expect(read).toEqual({ items: [{ code: '1', lead: ['unit-czj'], others: ['unit-jtj', 'unit-jyj'] }] });
  });

  it('with no lead field, the marks in 责任单位 say who leads: 「A与B（牵头）」 both lead', async () => {
    const read = await readPlan(
      yamlPlan(`      - code: "1"
        title: 推进甲信息公开
        责任单位: 青川市交通运输局（配合）、青川市财政局与青川市教育局（牵头）
        完成时限: 2026-12-31
`),
      'yaml',
    );
    expect(read).toEqual({ items: [{ code: '1', lead: ['unit-czj', 'unit-jyj'], others: ['unit-jtj'] }] });
  });

  it('a mark against its field is refused naming the unit, as in a sheet', async () => {
    const read = await readPlan(
      yamlPlan(`      - code: "1"
        title: 推进甲信息公开
        leadUnit: 青川市教育局（配合）
        responsibleUnits: [青川市财政局]
        dueDate: 2026-12-31
`),
      'yaml',
    );
    expect(read).toEqual([expect.stringMatching(/“青川市教育局”标注为（配合），却写在“牵头单位”列：标注配合的单位不能牵头。/)]);
  });

  it('JSON reads the same marks', async () => {
    const json = JSON.stringify({
      title: '角色标注',
      year: 2026,
      categories: [{ code: '一', title: '公开平台', items: [{ code: '1', title: '推进甲信息公开', 责任单位: '青川市财政局（牵头）、青川市教育局', 完成时限: '2026-12-31' }] }],
    });
    expect(await readPlan(json, 'json')).toEqual({ items: [{ code: '1', lead: ['unit-czj'], others: ['unit-jyj'] }] });
  });
});

describe('item codes keep the digits the office wrote (breaker10o P11)', () => {
  it('YAML `code: 1.10` beside `code: 1.1` stays 1.10: two items, no collision', async () => {
    const read = await readPlan(
      yamlPlan(`      - code: 1.1
        title: 推进甲信息公开
        牵头单位: 青川市财政局
        完成时限: 2026-12-31
      - code: 1.10
        title: 推进乙信息公开
        牵头单位: 青川市教育局
        完成时限: 2026-12-31
      - code: 2.20
        title: 推进丙信息公开
        牵头单位: 青川市交通运输局
        完成时限: 2026-12-31
`),
      'yaml',
    );
    expect((read as { items: { code: string }[] }).items.map((item) => item.code)).toEqual(['1.1', '1.10', '2.20']);
  });

  it('JSON `"code": 1.10` stays 1.10', async () => {
    const json = `{"title":"角色标注","year":2026,"categories":[{"code":"一","title":"公开平台","items":[
      {"code":1.1,"title":"推进甲信息公开","牵头单位":"青川市财政局","完成时限":"2026-12-31"},
      {"code":1.10,"title":"推进乙信息公开","牵头单位":"青川市教育局","完成时限":"2026-12-31"}]}]}`;
    expect((await readPlan(json, 'json') as { items: { code: string }[] }).items.map((item) => item.code)).toEqual(['1.1', '1.10']);
  });
});

describe('a 整改台账 sent as YAML reads its role marks as its spreadsheet does (breaker10o P11, the kind)', () => {
  it('「青川市财政局（牵头）、青川市教育局（配合）」 under 责任单位: 财政局 leads, 教育局 responsible', async () => {
    const { importFindings } = await import('../../rectification/import-findings/findings-file.js');
    const yaml = `findings:
  - 问题: 门户网站存在错链
    具体表现: 3处链接失效
    责任单位: 青川市财政局（牵头）、青川市教育局（配合）
    整改时限: 2026年12月31日
    整改措施: 全面排查链接
`;
    const result = await importFindings(yaml, { format: 'yaml', lookupUnit: directory, today: '2026-12-02', year: 2026 });
    expect(result.ok ? result.findings[0]!.parts.map((part) => `${part.unit.unitId}:${part.role}`) : result.problems.map((problem) => problem.reasonZh)).toEqual(['unit-czj:LEAD', 'unit-jyj:RESPONSIBLE']);
  });
});

/*
 * breaker10q P10 (serious): a field given twice in a YAML/JSON item — 完成时限 and dueDate, 牵头单位 and leadUnit — kept the last
 * one without a word (a lead or a March deadline vanished), where a sheet refuses two columns of one field. Now refused naming
 * both; a field of several units (配合单位 and cooperatingUnits) reads both, as two such columns of a sheet do.
 */
describe('one field given twice in a YAML or JSON item (breaker10q P10)', () => {
  it('refuses 完成时限 beside dueDate, and 牵头单位 beside leadUnit, naming both', async () => {
    const read = await readPlan(
      yamlPlan(`      - code: "1"
        title: 推进甲信息公开
        牵头单位: 青川市财政局
        leadUnit: 青川市教育局
        完成时限: 2026年3月31日
        dueDate: 2026-12-31`),
      'yaml',
    );
    expect(read).toEqual([expect.stringContaining('字段“牵头单位”和“leadUnit”都是牵头单位：只能写一个。'), expect.stringContaining('字段“完成时限”和“dueDate”都是完成时限：只能写一个。')]);
  });

  it('refuses 序号 beside code saying 序号 is the code only without code, not as an unknown field (breaker54-10 M3)', async () => {
    const read = await readPlan(yamlPlan(`      - { code: "1", title: 推进甲信息公开, 序号: "7", leadUnit: 青川市财政局, dueDate: 2026-06-30 }`), 'yaml');
    expect(read).toEqual(['7:事项中的字段“序号”只在没有“code”时读作编号，这里两个都写了：请只写其中一个。']);
  });

  it('reads 配合单位 and cooperatingUnits both, as two such columns of a sheet', async () => {
    const read = await readPlan(
      yamlPlan(`      - code: "1"
        title: 推进甲信息公开
        牵头单位: 青川市财政局
        配合单位: 青川市教育局
        cooperatingUnits: [青川市交通运输局]
        完成时限: 2026-12-31`),
      'yaml',
    );
    expect(read).toEqual({ items: [{ code: '1', lead: ['unit-czj'], others: ['unit-jtj', 'unit-jyj'] }] });
  });
});

/*
 * breaker53-10 S1 (serious): the plan's title or year, or a category's title, written twice under two of its names (年度 beside
 * year, title beside 标题 or Title, title beside 类别) was decided by whichever line came first, without a word — a plan the file
 * calls 2026 twice recorded as the 2027 plan. Now refused naming both, by the item level's one rule (`givenTwiceProblem`).
 */
describe('a plan or category field given twice under two names (breaker53-10 S1)', () => {
  const item = `      - { code: "1", title: 推进甲信息公开, leadUnit: 青川市财政局, dueDate: 2026-06-30 }`;
  it('refuses 年度 beside year, naming both and the second one\'s line', async () => {
    const yaml = `年度: 2027\nyear: 2026\ntitle: 青川市2026年丁方案\ncategories:\n  - code: 一\n    title: 公开平台\n    items:\n${item}`;
    // (The first one is still read so that the rest of the file is checked, hence the item's date against 2027 too.)
    expect(await readPlan(yaml, 'yaml')).toEqual(expect.arrayContaining(['2:方案中的字段“年度”和“year”都是年度：只能写一个。']));
  });
  it('refuses 年份 beside year with that problem alone, never reading either year first (breaker54-10 M4)', async () => {
    const yaml = `方案名称: 青川市2026年丁方案\n年份: 2025\nyear: 2026\ncategories:\n  - code: 一\n    title: 公开平台\n    items:\n${item}`;
    expect(await readPlan(yaml, 'yaml')).toEqual(['3:方案中的字段“年份”和“year”都是年度：只能写一个。']);
  });
  it('refuses title beside 标题 (JSON, either order) and beside Title', async () => {
    const json = JSON.stringify({ 标题: '青川市2026年戊方案', title: '青川市2026年丁方案', year: 2026, categories: [{ code: '一', title: '公开平台', items: [{ code: '1', title: '推进甲信息公开', leadUnit: '青川市财政局', dueDate: '2026-06-30' }] }] });
    expect(await readPlan(json, 'json')).toEqual(['1:方案中的字段“标题”和“title”都是标题：只能写一个。']);
    const yaml = `title: 青川市2026年丁方案\nTitle: 青川市2026年戊方案\nyear: 2026\ncategories:\n  - code: 一\n    title: 公开平台\n    items:\n${item}`;
    expect(await readPlan(yaml, 'yaml')).toEqual(['2:方案中的字段“title”和“Title”都是标题：只能写一个。']);
  });
  it('refuses a category\'s title beside 类别', async () => {
    const yaml = `title: 青川市2026年丁方案\nyear: 2026\ncategories:\n  - code: 一\n    title: 公开平台\n    类别: 依申请公开\n    items:\n${item}`;
    expect(await readPlan(yaml, 'yaml')).toEqual(['6:类别中的字段“title”和“类别”都是类别名称：只能写一个。']);
  });
  it('still reads each once under any of its names', async () => {
    const yaml = `标题: 青川市2026年丁方案\n年度: 2026\n类别:\n  - 编号: 一\n    类别: 公开平台\n    事项:\n${item}`;
    expect(await readPlan(yaml, 'yaml')).toEqual({ items: [{ code: '1', lead: ['unit-czj'], others: [] }] });
  });
});

/*
 * breaker50-10 M9: `dueDate: 46300` in a YAML or JSON plan was read as Excel's day serial (2026-10-05) without a word. A spreadsheet's
 * cell of it is told (a date cell that lost its format); a YAML or JSON file has no serials, so such a number is refused asking for the date.
 */
describe('a bare five-digit number as a due date in a YAML or JSON plan (breaker50-10 M9)', () => {
  it('is refused naming the field, its line and the day it would be read as; a date written as one is read', async () => {
    const item = (due: string) => `      - { code: "1", title: 推进甲信息公开, leadUnit: 青川市财政局, dueDate: ${due} }\n`;
    expect(await readPlan(yamlPlan(item('46300')), 'yaml')).toEqual(['7:事项中的字段“dueDate”是数字 46300，不是日期：YAML、JSON 文件中没有 Excel 的日期序号（按序号读是 2026-10-05）。请写明日期（如 2026-10-05）后重新导入。']);
    const json = JSON.stringify({ title: '角色标注', year: 2026, categories: [{ code: '一', title: '公开平台', items: [{ code: '1', title: '推进甲信息公开', leadUnit: '青川市财政局', 完成时限: 46300 }] }] });
    expect(await readPlan(json, 'json')).toEqual([expect.stringContaining('字段“完成时限”是数字 46300，不是日期')]);
    expect(await readPlan(yamlPlan(item('2026-10-05')), 'yaml')).toEqual({ items: [{ code: '1', lead: ['unit-czj'], others: [] }] });
  });
});
