import { randomUUID } from 'node:crypto';
import { REGISTER_EVALUATION, evaluationInput } from '../support/fixtures.js';
import { TestApp, startTestApp } from '../support/test-app.js';

/*
 * Issue 9 / 11: no English inside a Chinese message, anywhere. A corpus of bad requests — syntax
 * errors, unknown fields, wrong argument and variable types, missing arguments, refused roles, and
 * imports refused row by row — and every `messageZh` (and every import problem's `reasonZh`) may
 * carry a Latin word only when the request itself said it (an id, a code, a name the user typed) or
 * it is one of the few tokens an office reads as it is (file types, Excel, U+ code points).
 */

/** Tokens a Chinese message may carry although the request did not: file types, a product, code points. */
const ALLOWED = /^(?:xlsx|xls|csv|yaml|yml|json|Excel|UTF|MB|KB|true|false|YYYY|MM|DD|U\+[0-9A-F]{4})$/i;

const latinWords = (text: string): string[] => text.match(/U\+[0-9A-F]{4}|[A-Za-z][A-Za-z_]+/g) ?? [];

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

interface Sent {
  readonly query: string;
  readonly variables?: Record<string, unknown>;
  readonly as?: 'SUPERVISOR' | 'UNIT' | 'ADMIN' | 'INSPECTOR';
}

describe('No English inside Chinese messages', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ demoData: true, now: '2026-04-20T09:00:00+08:00', settings: { RATE_LIMIT_PER_MINUTE: '0' } });
  });

  afterAll(async () => {
    await app?.close();
  });

  /** Sends the request and returns, for each Chinese text in its errors, the Latin words the request did not say. */
  async function foreignWords(sent: Sent): Promise<{ zh: string; words: string[] }[]> {
    const headers = sent.as === 'UNIT' ? await app.as('UNIT', (await firstUnitId())) : sent.as ? await app.as(sent.as) : undefined;
    const response = await app.graphql(sent.query, sent.variables ?? {}, headers);
    expect(response.errors?.length ?? 0).toBeGreaterThan(0);
    const said = `${sent.query} ${JSON.stringify(sent.variables ?? {})} ${Object.values(sent.variables ?? {})
      .map((value) => (typeof value === 'object' && value && 'contentBase64' in value ? Buffer.from(String((value as { contentBase64: string }).contentBase64), 'base64').toString('utf8') : ''))
      .join(' ')}`;
    const texts = response.errors!.flatMap((error) => [
      String(error.extensions?.messageZh ?? ''),
      ...((error.extensions?.problems as { reasonZh?: string }[] | undefined) ?? []).map((problem) => String(problem.reasonZh)),
      ...((error.extensions?.fieldErrors as { messageZh?: string }[] | undefined) ?? []).map((field) => String(field.messageZh)),
    ]);
    return texts.map((zh) => ({ zh, words: latinWords(zh).filter((word) => !ALLOWED.test(word) && !said.includes(word)) })).filter(({ words }) => words.length > 0);
  }

  let unitId: string | null = null;
  async function firstUnitId(): Promise<string> {
    unitId ??= ((await app.graphql(`{ units { id } }`)).data!.units as { id: string }[])[0]!.id;
    return unitId;
  }

  const fileImport = (mutation: 'importUnits' | 'importWorkPlan', fileName: string, content: string, more: Record<string, unknown> = {}): Sent => ({
    query: `mutation($input: ${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $input) { __typename } }`,
    variables: { input: { idempotencyKey: randomUUID(), fileName, contentBase64: base64(content), ...more } },
    as: 'ADMIN',
  });

  const corpus: [string, Sent][] = [
    ['an unclosed selection', { query: '{ units { id ' }],
    ['a stray brace', { query: '{ units { id } } }' }],
    ['a string where a field belongs', { query: '{ "units" }' }],
    ['an unterminated string', { query: '{ evaluation(id: "abc) { id } }' }],
    ['a bad character', { query: '{ units { id ^ } }' }],
    ['an unknown field at the top', { query: '{ unitz { id } }' }],
    ['an unknown field inside', { query: '{ units { idd } }' }],
    ['an unknown argument', { query: '{ units(color: "red") { id } }' }],
    ['a wrong argument type', { query: '{ findings(first: "ten") { totalCount } }' }],
    ['a missing required argument', { query: '{ evaluation { id } }' }],
    ['a missing selection', { query: '{ units }' }],
    ['a selection on a scalar', { query: '{ units { id { x } } }' }],
    ['an unused variable', { query: 'query($x: String) { units { id } }', variables: { x: 'a' } }],
    ['an undefined variable', { query: '{ evaluation(id: $missing) { id } }' }],
    ['an unknown variable type', { query: 'query($x: Colour) { units { id } }' }],
    ['a variable used where another type is expected', { query: 'query($x: String) { evaluation(id: $x) { id } }', variables: { x: 'a' } }],
    ['two operations without operationName', { query: 'query A { units { id } } query B { units { id } }' }],
    ['an anonymous operation beside a named one', { query: '{ units { id } } query B { units { id } }' }],
    ['a required variable not given', { query: REGISTER_EVALUATION, variables: {} }],
    ['a required variable sent as null', { query: REGISTER_EVALUATION, variables: { input: null } }],
    ['an input missing its fields', { query: REGISTER_EVALUATION, variables: { input: { idempotencyKey: 'k-1' } } }],
    ['an input with an unknown field', { query: REGISTER_EVALUATION, variables: { input: { ...evaluationInput(), colour: 'red' } } }],
    ['an input with a number for a date', { query: REGISTER_EVALUATION, variables: { input: evaluationInput({ receivedOn: 20260401 }) } }],
    ['an input with an empty title and an impossible date', { query: REGISTER_EVALUATION, variables: { input: evaluationInput({ title: ' ', receivedOn: '2026-02-30' }) } }],
    ['a wrong enum value', { query: `{ findings(first: 5, status: DONE_DONE) { totalCount } }` }],
    ['a list given an object', { query: 'query($ids: [ID!]) { units { id } }', variables: { ids: { a: 1 } } }],
    ['a unit user asking for the ledger check', { query: '{ verifyLedger { ok } }', as: 'UNIT' }],
    ['a unit user taking a checkpoint', { query: 'mutation { takeLedgerCheckpoint { sequence } }', as: 'UNIT' }],
    ['an inspector registering a unit', { query: 'mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { __typename } }', variables: { input: { idempotencyKey: randomUUID(), code: 'SJJ', name: '青川市审计局', kind: 'DEPARTMENT' } }, as: 'INSPECTOR' }],
    ['a file of an unknown type', fileImport('importUnits', 'units.doc', '编码,名称,类型\n')],
    ['a units file with bad rows', fileImport('importUnits', 'units.csv', '编码,名称,类型,上级编码\n,青川市统计局,部门,\nBAD CODE!,,机关,NOPE\nconstructor,青川市审计局,部门,\n')],
    ['a units file without a header', fileImport('importUnits', 'units.csv', '一,二\n三,四\n')],
    ['a units YAML with unknown fields and aliases', fileImport('importUnits', 'units.yaml', 'units:\n  - colour: red\n    code: [a, b]\n')],
    ['a units YAML with an alias', fileImport('importUnits', 'units.yaml', 'a: &x [1]\nb: *x\n')],
    ['a broken YAML', fileImport('importUnits', 'units.yaml', 'units: [\n')],
    ['a units file that is no workbook', fileImport('importUnits', 'units.xlsx', 'not a zip')],
    ['a units import given a directory version no preview gave', fileImport('importUnits', 'units.csv', '编码,名称,类型\nFGW,青川市发展和改革局,部门\n', { rename: true, expectedDirectoryVersion: 'v9' })],
    [
      'a plan with unknown units, a bad deadline and a year sent as null',
      fileImport(
        'importWorkPlan',
        'plan.csv',
        '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n一,公开平台,1,整合专栏,,市不存在局,市财政局,2026年13月底前\n一,公开平台,1,,,,市财政局、市财政局,下周\n二,,constructor,解读,,各区县政府,,长期坚持\n',
        { title: '青川市2026年政务公开工作方案', year: null },
      ),
    ],
    ['a plan YAML with unknown keys', fileImport('importWorkPlan', 'plan.yaml', 'title: 方案\nyear: 二〇二六\ncolour: red\ncategories:\n  - code: 一\n    title: 平台\n    items: []\n')],
    ['a plan with an impossible year', fileImport('importWorkPlan', 'plan.csv', '类别编号,类别,编号,事项,牵头单位,完成时限\n一,平台,1,整合,市财政局,2026-06-30\n', { title: '方案', year: 1850 })],
  ];

  it.each(corpus)('answers %s with Chinese that says no English of its own', async (_name, sent) => {
    expect(await foreignWords(sent)).toEqual([]);
  });

  it('says who may act instead of naming the API field when a role is refused', async () => {
    const refused = await app.graphql('{ verifyLedger { ok } }', {}, await app.as('UNIT', await firstUnitId()));
    expect(refused.errors![0]!.message).toBe('UNIT users may not use Query.verifyLedger.');
    expect(refused.errors![0]!.extensions!.messageZh).toBe('单位经办人无权查看这些内容，仅限系统管理员。');
  });

  it('gives a syntax error its line and column and what was expected, in Chinese', async () => {
    const refused = await app.graphql('{\n  units { id ');
    expect(refused.errors![0]!.extensions!.messageZh).toBe('查询语句第 2 行第 14 列有语法错误：查询语句不完整，缺少结尾部分（如右括号“}”）。');
  });

  it('gives every problem of a refused import its Chinese reason, and treats a year sent as null as a year not given', async () => {
    const refused = await app.graphql(
      'mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { __typename } }',
      { input: { idempotencyKey: randomUUID(), fileName: 'plan.csv', title: '方案', year: null, contentBase64: base64('类别编号,类别,编号,事项,牵头单位,完成时限\n一,平台,1,整合,市不存在局,2026年13月底前\n') } },
      await app.as('ADMIN'),
    );
    const problems = refused.errors![0]!.extensions!.problems as { row: number; reason: string; reasonZh: string }[];
    expect(problems.map((problem) => problem.reasonZh)).toEqual([
      '无法确定方案年度：请在“年度”中填写方案年度（如 2026）。',
      '牵头单位“市不存在局”不在单位名录中：既不是单位的正式名称，也不是单位编码。请写单位的全称或编码；如是已登记单位的简称或曾用名，请为该单位登记（在“单位名录”页面点该单位的“简称/曾用名”，或在单位名录导入文件的“简称”“曾用名”列中填写）后再导入，无须登记新单位；确是另一个单位的，才请先在单位名录中登记该单位。',
      '完成时限无法识别：“2026年13月底前”：没有 13 月。可写作 2026-06-30、2026年6月底前、2026年第三季度、立行立改、常态化或每季度。',
    ]);
    expect(refused.errors![0]!.extensions!.messageZh).not.toContain('null');
  });
});
