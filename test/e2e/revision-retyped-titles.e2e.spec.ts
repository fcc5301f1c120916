import { errorCode, freshDatabasePath, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Issue 10, breaker10m P15: an office's adjusted plan (opened and saved in WPS: "" becomes “”, or ， retyped ,) inserts an
 * item on top of two items of one unit and one due date. Each old item keeps its code, its parts and the report made on it;
 * the inserted item is new and has no one's progress; punctuation alone is no rewording. When a row's item cannot be told
 * (an item inserted on top of an item reworded, both of that unit and date), the version is refused naming both rows and
 * nothing is written. Through HTTP GraphQL on a real SQLite file.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const HEADER = '序号,工作任务,牵头单位,完成时限\n';
const UNIT = '青川市修订发改局';

interface Item {
  code: string;
  title: string;
  parts: { status: string; reports: { summary: string }[] }[];
}

describe('a revision retyping punctuation above an inserted item keeps each item\'s progress (breaker10m P15)', () => {
  let app: TestApp;
  let unitId: string;

  const importPlan = (title: string, csv: string, more: Record<string, unknown> = {}) =>
    app.graphql(
      `mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId revision { summary added { code title } amended { code } } } }`,
      { input: { idempotencyKey: key('plan'), fileName: 'plan.csv', title, year: 2027, contentBase64: base64(HEADER + csv), ...more } },
    );
  const items = async (planId: string): Promise<Item[]> => {
    const response = await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id code title parts { status reports { summary } } } } } }`, { id: planId });
    expect(response.errors).toBeUndefined();
    return (response.data!.workPlan.categories as { items: Item[] }[]).flatMap((category) => category.items);
  };
  /** Imports the first version and reports its item 1 as the unit: the plan's id. */
  const planWithReport = async (title: string, csv: string): Promise<string> => {
    await app.as('SUPERVISOR');
    const imported = await importPlan(title, csv);
    expect(imported.errors).toBeUndefined();
    const planId = imported.data!.importWorkPlan.planId as string;
    const outline = await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id code } } } }`, { id: planId });
    const first = (outline.data!.workPlan.categories as { items: { id: string; code: string }[] }[])[0]!.items.find((one) => one.code === '1')!;
    const reported = await app.graphql(`mutation($input: ReportWorkPlanItemInput!) { reportWorkPlanItem(input: $input) { status } }`, {
      input: { idempotencyKey: key('report'), itemId: first.id, unitId, summary: '已公开价格信息', evidence: [{ title: '公开页面', link: 'https://www.example.gov.cn/x' }] },
    }, await app.as('UNIT', unitId));
    expect(reported.errors).toBeUndefined();
    await app.as('SUPERVISOR');
    return planId;
  };
  const byTitle = (all: Item[]) => Object.fromEntries(all.map((item) => [item.title, { code: item.code, parts: item.parts.map((part) => [part.status, part.reports.map((report) => report.summary)]) }]));

  beforeAll(async () => {
    app = await startTestApp({ sqlitePath: freshDatabasePath(), now: '2026-12-02T10:00:00+08:00' });
    const response = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, {
      input: { idempotencyKey: 'unit-fgw', code: 'XDFGW', name: UNIT, kind: 'DEPARTMENT', registeredOn: '2026-01-04' },
    }, await app.as('ADMIN'));
    expect(response.errors).toBeUndefined();
    unitId = response.data!.registerUnit.id;
  });

  afterAll(async () => {
    await app.close();
  });

  it('quotes retyped “”: the report stays on 价格信息, the inserted item is new, nothing is reworded', async () => {
    const title = '青川市2027年政务公开任务分工方案（引号）';
    const planId = await planWithReport(
      title,
      `1,"推进价格信息公开，做好""双随机""抽查公开",${UNIT},2027年6月30日\n2,"推进规划信息公开，做好""十五五""规划解读",${UNIT},2027年6月30日\n`,
    );
    const version = `1,推进网站集约化建设,${UNIT},2027年6月30日\n2,推进价格信息公开，做好“双随机”抽查公开,${UNIT},2027年6月30日\n3,推进规划信息公开，做好“十五五”规划解读,${UNIT},2027年6月30日\n`;
    const preview = await importPlan(title, version, { revise: true, withdrawMissing: true, dryRun: true });
    expect(preview.errors).toBeUndefined();
    expect(preview.data!.importWorkPlan.revision).toMatchObject({ summary: '新增事项 1 项（3）', added: [{ code: '3', title: '推进网站集约化建设' }], amended: [] });
    expect((await importPlan(title, version, { revise: true, withdrawMissing: true })).errors).toBeUndefined();
    expect(byTitle(await items(planId))).toEqual({
      '推进价格信息公开，做好"双随机"抽查公开': { code: '1', parts: [['REPORTED', ['已公开价格信息']]] },
      '推进规划信息公开，做好"十五五"规划解读': { code: '2', parts: [['ASSIGNED', []]] },
      推进网站集约化建设: { code: '3', parts: [['ASSIGNED', []]] },
    });
  });

  it('a full-width comma retyped half-width: the same, and no 修改表述', async () => {
    const title = '青川市2027年政务公开任务分工方案（逗号）';
    const planId = await planWithReport(title, `1,推进价格信息公开，做好抽查公开,${UNIT},2027年6月30日\n2,推进规划信息公开，做好规划解读,${UNIT},2027年6月30日\n`);
    const version = `1,推进网站集约化建设,${UNIT},2027年6月30日\n2,"推进价格信息公开,做好抽查公开",${UNIT},2027年6月30日\n3,"推进规划信息公开,做好规划解读",${UNIT},2027年6月30日\n`;
    const applied = await importPlan(title, version, { revise: true, withdrawMissing: true });
    expect(applied.errors).toBeUndefined();
    expect(applied.data!.importWorkPlan.revision.summary).toBe('新增事项 1 项（3）');
    expect(byTitle(await items(planId))['推进价格信息公开，做好抽查公开']).toEqual({ code: '1', parts: [['REPORTED', ['已公开价格信息']]] });
  });

  it('an item inserted on top of the reported item reworded (one unit, one date): refused naming both rows, nothing written', async () => {
    const title = '青川市2027年政务公开任务分工方案（改写）';
    const planId = await planWithReport(title, `1,推进价格信息公开,${UNIT},2027年6月30日\n2,推进规划信息公开,${UNIT},2027年6月30日\n`);
    const head = await app.logPosition();
    const version = `1,推进网站集约化建设,${UNIT},2027年6月30日\n2,推进价格和收费信息公开,${UNIT},2027年6月30日\n3,推进规划信息公开,${UNIT},2027年6月30日\n`;
    for (const more of [{ revise: true, withdrawMissing: true, dryRun: true }, { revise: true, withdrawMissing: true }]) {
      const refused = await importPlan(title, version, more);
      expect(errorCode(refused)).toBe('BAD_USER_INPUT');
      expect(refused.errors![0]!.extensions!.messageZh).toContain('无法确定事项 1 现在是第 2 行“推进网站集约化建设”还是第 3 行“推进价格和收费信息公开”');
    }
    expect(await app.logPosition()).toBe(head);
    expect(byTitle(await items(planId))['推进价格信息公开']).toEqual({ code: '1', parts: [['REPORTED', ['已公开价格信息']]] });
  });
});
