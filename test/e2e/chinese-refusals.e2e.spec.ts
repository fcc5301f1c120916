import { TestApp, startTestApp } from '../support/test-app.js';
import { REGISTER_EVALUATION, evaluationInput } from '../support/fixtures.js';

/*
 * Issue 11: every error the API returns carries a Chinese message in `extensions.messageZh`,
 * beside the English `message` and the stable `extensions.code`. (Every e2e response is also
 * checked for one by the test app itself.) Here: what each kind of refusal says in Chinese.
 */
describe('Chinese refusals', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ settings: { RATE_LIMIT_PER_MINUTE: '30' } });
  });

  afterAll(async () => {
    await app.close();
  });

  it('names each invalid input field with its own Chinese message, for the form to show beside it', async () => {
    const refused = await app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ title: '   ', receivedOn: '2026-02-30' }) });
    const extensions = refused.errors![0]!.extensions!;
    expect(extensions.code).toBe('BAD_USER_INPUT');
    expect(extensions.fieldErrors).toEqual(
      expect.arrayContaining([
        { field: 'title', message: 'title must not be empty', messageZh: '请填写“评估报告标题”。' },
        { field: 'receivedOn', message: expect.stringMatching(/no 2026-02-30 in the calendar/), messageZh: '“收到日期”不存在这一天（2026-02-30），请检查月份和日期。' },
      ]),
    );
    // Each field by its Chinese name, never the schema's (breaker11e P3).
    expect(extensions.messageZh).toBe('输入有误：请填写“评估报告标题”；“收到日期”不存在这一天（2026-02-30），请检查月份和日期。');
  });

  it('asks for an empty 撤销理由 by its name: 请填写“撤销理由”。 (breaker11e P3: 输入有误：“reason”不能为空。)', async () => {
    const refused = await app.graphql(`mutation($input: WithdrawFindingInput!) { withdrawFinding(input: $input) { id } }`, {
      input: { idempotencyKey: 'p3-empty-reason', findingId: '00000000-0000-4000-8000-000000000000', reason: '   ' },
    });
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', messageZh: '请填写“撤销理由”。', fieldErrors: [{ field: 'reason', messageZh: '请填写“撤销理由”。' }] });
  });

  it('translates graphql-js refusals of a request that does not fit the schema, names and all', async () => {
    const unknownField = await app.graphql(`{ unitz { id } }`);
    expect(unknownField.errors![0]!.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', messageZh: '字段“unitz”不存在，无法查询。' });
    const syntax = await app.graphql(`{ units { id `);
    expect(syntax.errors![0]!.extensions).toMatchObject({ code: 'GRAPHQL_PARSE_FAILED', messageZh: expect.stringMatching(/^查询语句第 1 行第 \d+ 列有语法错误/) });
    const missingVariable = await app.graphql(REGISTER_EVALUATION, {});
    expect(missingVariable.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', messageZh: '缺少必填变量“$input”。' });
    const missingField = await app.graphql(REGISTER_EVALUATION, { input: { idempotencyKey: 'k' } });
    expect(missingField.errors![0]!.extensions!.messageZh).toBe('变量“$input”缺少必填项“委托单位”（应为文字）。');
  });

  // web3 fault 2: a choice refused named the API's codes (LEAD, RESPONSIBLE), or no value at all: the values allowed, in words.
  it('lists the values a choice allows in the office’s words: a part’s role "X" sent to assignFinding, a status typed in a query', async () => {
    const role = await app.graphql(`mutation($input: AssignFindingInput!) { assignFinding(input: $input) { id } }`, {
      input: { idempotencyKey: 'web3-role-x', findingId: '00000000-0000-4000-8000-000000000000', units: [{ unitId: '00000000-0000-4000-8000-000000000001', role: 'X', dueDate: '2026-09-01' }] },
    });
    // web4 fault 2: the field inside the variable named as the forms name it, not only 「变量“$input”」.
    expect(role.errors![0]!.extensions!.messageZh).toBe('变量“$input”中的“承担单位1的承担方式（牵头或责任）”取值不是可选的值之一（可选：牵头、责任）。');
    const outcome = await app.graphql(`mutation($input: LogInspectionInput!) { logInspection(input: $input) { id } }`, {
      input: { idempotencyKey: 'web4-outcome-x', findingId: '00000000-0000-4000-8000-000000000000', unitId: '00000000-0000-4000-8000-000000000001', outcome: 'MAYBE', notes: '现场查看', place: '市发改委' },
    });
    expect(outcome.errors![0]!.extensions!.messageZh).toBe('变量“$input”中的“督查结果”取值不是可选的值之一（可选：通过、不通过）。');
    // web5 task 1: a value typed inline names its argument and field too (graphql-js gives it no path).
    const status = await app.graphql(`{ findings(first: 5, status: DONE) { totalCount } }`);
    expect(status.errors![0]!.extensions!.messageZh).toBe('参数“status”（状态）取值不是可选的值之一（可选：待交办、整改中、已销号、已撤销）。');
    const inlineOutcome = await app.graphql(
      `mutation { logInspection(input: { idempotencyKey: "web5-outcome-x", findingId: "00000000-0000-4000-8000-000000000000", unitId: "00000000-0000-4000-8000-000000000001", outcome: MAYBE, notes: "现场查看", place: "市发改委" }) { id } }`,
    );
    expect(inlineOutcome.errors![0]!.extensions!.messageZh).toBe('参数“input”中的“督查结果”取值不是可选的值之一（可选：通过、不通过）。');
  });

  it('says in Chinese what does not exist and who may not act', async () => {
    const missing = await app.graphql(`{ evaluation(id: "00000000-0000-4000-8000-000000000000") { id } }`);
    expect(missing.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', messageZh: expect.stringContaining('不存在') });
    const anonymous = await app.graphql(`{ units { id } }`, {}, {});
    expect(anonymous.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', messageZh: expect.stringMatching(/[\u4e00-\u9fff]/) });
    const badToken = await app.graphql(`{ units { id } }`, {}, { authorization: 'Basic abc' });
    expect(badToken.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', messageZh: expect.stringMatching(/[\u4e00-\u9fff]/) });
  });

  it('says in Chinese how long to wait when the rate limit is reached', async () => {
    const headers = await app.as('INSPECTOR');
    let last = await app.graphql(`{ units { id } }`, {}, headers);
    for (let i = 0; i < 30 && !last.errors; i++) last = await app.graphql(`{ units { id } }`, {}, headers);
    expect(last.errors![0]!.extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS', messageZh: expect.stringMatching(/^请求过于频繁：每分钟最多 30 次，请 \d+ 秒后再试。$/) });
  });
});
