import { SqliteEventStore } from '../../src/event-store/sqlite-event-store.js';
import { TestApp, errorCode, freshDatabasePath, startTestApp } from '../support/test-app.js';
import { evaluationInput } from '../support/fixtures.js';

const REGISTER = `mutation Register($input: RegisterEvaluationInput!) {
  registerEvaluation(input: $input) { id title evaluator commissionedBy periodStart periodEnd receivedOn registeredBy findingCount }
}`;
const RECORD = `mutation Record($input: RecordFindingInput!) {
  recordFinding(input: $input) { id evaluationId title category severity concernedUnitIds evaluation { title } }
}`;
const EVALUATION = `query Evaluation($id: ID!) {
  evaluation(id: $id) { id title findingCount findings { totalCount nodes { id title severity } } }
}`;


const findingInput = (evaluationId: string, overrides: Record<string, unknown> = {}) => ({
  idempotencyKey: `finding-${Math.random()}`,
  evaluationId,
  title: '无网上依申请公开渠道',
  description: '门户网站未提供在线申请入口。',
  category: '依申请公开',
  severity: 'HIGH',
  ...overrides,
});

describe('Evaluations and findings over GraphQL', () => {
  let app: TestApp;
  const sqlitePath = freshDatabasePath();

  beforeAll(async () => {
    app = await startTestApp({ sqlitePath, demoData: true });
  });

  afterAll(async () => {
    await app.close();
  });

  it("shows the demo evaluation, findings and units on a newcomer's first query", async () => {
    const response = await app.graphql(`{ evaluations { nodes { title findingCount findings { nodes { title } } } } units { code name } }`);
    expect(response.errors).toBeUndefined();
    const [evaluation] = response.data!.evaluations.nodes;
    expect(evaluation.title).toBe('青川市2025年度政务公开工作第三方评估报告');
    expect(evaluation.findingCount).toBe(6);
    expect(evaluation.findings.nodes.map((f: { title: string }) => f.title)).toContain('未开通依申请公开网上申请渠道');
    expect(response.data!.units.length).toBeGreaterThanOrEqual(12);
    expect(response.data!.units.map((u: { name: string }) => u.name)).toContain('青川市财政局');
  });

  it('returns a recorded finding from the very next query (read your writes)', async () => {
    const registered = await app.graphql(REGISTER, { input: evaluationInput({ title: '2025年度政务公开第三方评估报告' }) });
    expect(registered.errors).toBeUndefined();
    const evaluation = registered.data!.registerEvaluation;
    expect(evaluation).toMatchObject({ title: '2025年度政务公开第三方评估报告', registeredBy: await app.userId('SUPERVISOR'), findingCount: 0 });

    const recorded = await app.graphql(RECORD, { input: findingInput(evaluation.id) });
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data!.recordFinding).toMatchObject({
      evaluationId: evaluation.id,
      title: '无网上依申请公开渠道',
      severity: 'HIGH',
      evaluation: { title: '2025年度政务公开第三方评估报告' },
    });

    const read = await app.graphql(EVALUATION, { id: evaluation.id });
    expect(read.data!.evaluation.findingCount).toBe(1);
    expect(read.data!.evaluation.findings.totalCount).toBe(1);
    expect(read.data!.evaluation.findings.nodes).toEqual([
      { id: recorded.data!.recordFinding.id, title: '无网上依申请公开渠道', severity: 'HIGH' },
    ]);
    const byCategory = await app.graphql(`query($e: ID!) { findings(evaluationId: $e, category: "依申请公开") { nodes { id } } }`, { e: evaluation.id });
    expect(byCategory.data!.findings.nodes).toHaveLength(1);
  });

  it('answers a retried mutation (same idempotency key) with the first result and appends nothing', async () => {
    const input = evaluationInput({ idempotencyKey: 'retry-me' });
    const first = await app.graphql(REGISTER, { input });
    const position = await app.logPosition();
    const retry = await app.graphql(REGISTER, { input });
    expect(retry.errors).toBeUndefined();
    expect(retry.data!.registerEvaluation.id).toBe(first.data!.registerEvaluation.id);
    expect(await app.logPosition()).toBe(position);
    // The same request with its fields in another order is still the same request.
    const reordered = Object.fromEntries(Object.entries(input).reverse());
    expect((await app.graphql(REGISTER, { input: reordered })).data!.registerEvaluation.id).toBe(first.data!.registerEvaluation.id);
  });

  it('takes a retry that sends an optional field as null for the same request as one that left it out', async () => {
    const evaluationId = (await app.graphql(REGISTER, { input: evaluationInput({ idempotencyKey: 'null-or-omitted-evaluation' }) })).data!.registerEvaluation.id;
    const input = findingInput(evaluationId, { idempotencyKey: 'null-or-omitted' });
    const first = await app.graphql(RECORD, { input });
    expect(first.errors).toBeUndefined();
    const position = await app.logPosition();
    const retry = await app.graphql(RECORD, { input: { ...input, concernedUnitIds: null, identifiedOn: null } });
    expect(retry.errors).toBeUndefined();
    expect(retry.data!.recordFinding.id).toBe(first.data!.recordFinding.id);
    expect(await app.logPosition()).toBe(position);
  });

  it('takes a day that defaults to today, sent as today, for the same request as one that left it out (issue 9, second breaker, 5)', async () => {
    const today = '2026-04-01';
    const admin = await app.as('ADMIN');
    const REGISTER_UNIT = `mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id registeredOn } }`;
    const input = { idempotencyKey: 'today-by-default', code: 'DAY1', name: '青川市档案馆', kind: 'OTHER' };
    const first = await app.graphql(REGISTER_UNIT, { input }, admin);
    expect(first.errors).toBeUndefined();
    const position = await app.logPosition();
    const spelled = await app.graphql(REGISTER_UNIT, { input: { ...input, registeredOn: today } }, admin);
    expect(spelled.errors).toBeUndefined();
    expect(spelled.data).toEqual(first.data);
    expect(await app.logPosition()).toBe(position);
    // Spelled out first, left out on the retry: the same request again.
    const evaluationId = (await app.graphql(REGISTER, { input: evaluationInput({ idempotencyKey: 'today-by-default-evaluation' }) })).data!.registerEvaluation.id;
    const recorded = await app.graphql(RECORD, { input: findingInput(evaluationId, { idempotencyKey: 'today-by-default-finding', identifiedOn: today }) });
    expect(recorded.errors).toBeUndefined();
    const afterFinding = await app.logPosition();
    const retried = await app.graphql(RECORD, { input: findingInput(evaluationId, { idempotencyKey: 'today-by-default-finding' }) });
    expect(retried.data!.recordFinding.id).toBe(recorded.data!.recordFinding.id);
    expect(await app.logPosition()).toBe(afterFinding);
    // Another day is another request.
    expect(errorCode(await app.graphql(REGISTER_UNIT, { input: { ...input, registeredOn: '2026-03-31' } }, admin))).toBe('CONFLICT');
    expect(await app.logPosition()).toBe(afterFinding);
  });

  it('refuses an idempotency key used again for a different request with CONFLICT, appending nothing', async () => {
    const input = evaluationInput({ idempotencyKey: 'reused-key', title: '2025年度评估（第一份）' });
    expect((await app.graphql(REGISTER, { input })).errors).toBeUndefined();
    const position = await app.logPosition();
    const reused = await app.graphql(REGISTER, { input: { ...input, title: '2025年度评估（第二份）' } });
    expect(reused.errors![0]).toMatchObject({
      message: 'This idempotency key was already used for a different request. Use a new key for a new request.',
      extensions: { code: 'CONFLICT', messageZh: expect.any(String) },
    });
    expect(await app.logPosition()).toBe(position);
  });

  // breaker11g P1 (the API's half): after a 502 a second press under a new key (a dialog reopened,
  // a script run again) registered the same report a second time, and an evaluation cannot be withdrawn.
  it('registers one report once: its title written otherwise under a new key is CONFLICT beside 评估报告名称, naming the first; a retry answers the first', async () => {
    const first = evaluationInput({ idempotencyKey: 'report-once', title: '2026年上半年政务公开第三方评估报告' });
    const registered = await app.graphql(REGISTER, { input: first });
    expect(registered.errors).toBeUndefined();
    const position = await app.logPosition();
    for (const title of ['２０２６年上半年政务公开第三方评估报告', '二〇二六年上半年 政务公开第三方评估报告。']) {
      const again = await app.graphql(REGISTER, { input: { ...first, idempotencyKey: `report-once-${title.length}`, title } });
      expect(again.errors![0]!.extensions).toMatchObject({
        code: 'CONFLICT',
        field: 'title',
        evaluationId: registered.data!.registerEvaluation.id,
        messageZh: `已登记同名的评估报告“2026年上半年政务公开第三方评估报告”（${first.receivedOn} 收到），同一份报告只登记一次。如是另一份报告，请在名称中写明区别（如年度、批次）。`,
      });
    }
    expect((await app.graphql(REGISTER, { input: first })).data!.registerEvaluation.id).toBe(registered.data!.registerEvaluation.id);
    expect(await app.logPosition()).toBe(position);
  });

  // breaker11h P3, breaker10g P4, breaker9g P7: the report quoted 《…》 as in every 通知, typed with 年 for 年度
  // from its cover, or with （终稿） / （反馈稿） was registered a second time.
  it('registers one report once whether its title is quoted, says 年 for 年度 or carries a version remark: CONFLICT naming the first', async () => {
    const first = evaluationInput({ idempotencyKey: 'report-quoted-once', title: '青川市2026年度政务公开工作第三方评估报告' });
    const registered = await app.graphql(REGISTER, { input: first });
    expect(registered.errors).toBeUndefined();
    const position = await app.logPosition();
    const typed = [
      '《青川市2026年度政务公开工作第三方评估报告》',
      '“青川市2026年度政务公开工作第三方评估报告”',
      '青川市2026年政务公开工作第三方评估报告',
      '青川市2026年度政务公开工作第三方评估报告（终稿）',
      '青川市二〇二六年度政务公开工作第三方评估报告（反馈稿）',
    ];
    for (const [index, title] of typed.entries()) {
      const again = await app.graphql(REGISTER, { input: { ...first, idempotencyKey: `report-quoted-${index}`, title } });
      expect(again.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', field: 'title', evaluationId: registered.data!.registerEvaluation.id });
    }
    expect(await app.logPosition()).toBe(position);
    // Another year is another report.
    expect((await app.graphql(REGISTER, { input: { ...first, idempotencyKey: 'report-quoted-next-year', title: '《青川市2027年度政务公开工作第三方评估报告》' } })).errors).toBeUndefined();
  });

  it('registers one of five presses of one report at once under five keys; the others are CONFLICT', async () => {
    const input = (press: number) => evaluationInput({ idempotencyKey: `report-race-${press}`, title: '2026年下半年政务公开第三方评估报告' });
    const answers = await Promise.all([1, 2, 3, 4, 5].map((press) => app.graphql(REGISTER, { input: input(press) })));
    expect(answers.filter((answer) => answer.errors === undefined)).toHaveLength(1);
    expect(answers.filter((answer) => answer.errors?.[0]?.extensions?.code === 'CONFLICT')).toHaveLength(4);
    const { data } = await app.graphql(`{ evaluations(first: 100) { nodes { title } } }`);
    expect(data!.evaluations.nodes.filter(({ title }: { title: string }) => title === '2026年下半年政务公开第三方评估报告')).toHaveLength(1);
  });

  it('refuses a key reused on another record or for another mutation, whatever stream either touches', async () => {
    const first = await app.graphql(REGISTER, { input: evaluationInput({ idempotencyKey: 'one-request' }) });
    const evaluationId = first.data!.registerEvaluation.id;
    const position = await app.logPosition();
    const otherMutation = await app.graphql(RECORD, { input: findingInput(evaluationId, { idempotencyKey: 'one-request' }) });
    expect(otherMutation.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', messageZh: '此前用同一次提交发出的请求已经办理（例如未收到答复的那一次），这次的内容与那次不同，没有办理。按那次的内容再次提交即可看到办理结果，不会重复办理；如需改动，请打开已办理的记录更正。' });
    const otherRecord = await app.graphql(REGISTER, { input: evaluationInput({ idempotencyKey: 'one-request', title: '另一份评估' }) });
    expect(otherRecord.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT' });
    // Each names the record the key's request made, so a form can open it (breaker11i P8).
    expect(otherMutation.errors![0]!.extensions).toMatchObject({ reason: 'REQUEST_KEY_REUSED', handledStreamId: `evaluation-${evaluationId}` });
    expect(otherRecord.errors![0]!.extensions).toMatchObject({ reason: 'REQUEST_KEY_REUSED', handledStreamId: `evaluation-${evaluationId}` });
    expect(await app.logPosition()).toBe(position);
    const finding = await app.graphql(RECORD, { input: findingInput(evaluationId, { idempotencyKey: 'finding-request' }) });
    const edited = await app.graphql(RECORD, { input: findingInput(evaluationId, { idempotencyKey: 'finding-request', title: '依申请公开答复文书格式不规范' }) });
    expect(edited.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'REQUEST_KEY_REUSED', handledStreamId: `finding-${finding.data!.recordFinding.id}` });
  });

  it('records who acted in every event: actor, role, unit, command and correlation ids, time', async () => {
    const registered = await app.graphql(REGISTER, { input: evaluationInput() }, { ...(await app.as('SUPERVISOR')), 'x-correlation-id': 'trace-42' });
    const store = new SqliteEventStore(sqlitePath);
    const [event] = await store.readStream(`evaluation-${registered.data!.registerEvaluation.id}`);
    await store.close();
    expect(event!.type).toBe('EvaluationRegistered');
    expect(event!.schemaVersion).toBe(1);
    expect(event!.metadata).toMatchObject({
      actorId: await app.userId('SUPERVISOR'),
      actorRole: 'SUPERVISOR',
      actorUnitId: null,
      correlationId: 'trace-42',
      recordedAt: '2026-04-01T01:00:00.000Z',
    });
    expect(event!.metadata.commandId).toMatch(/^[0-9a-f-]{36}$/);
  });

  describe('refuses bad input with a stable code and appends nothing', () => {
    let evaluationId: string;

    beforeAll(async () => {
      evaluationId = (await app.graphql(REGISTER, { input: evaluationInput() })).data!.registerEvaluation.id;
    });

    const cases: [string, () => [string, Record<string, unknown>, Record<string, string> | undefined], string, RegExp][] = [
      ['an empty title', () => [REGISTER, { input: evaluationInput({ title: '   ' }) }, undefined], 'BAD_USER_INPUT', /title must not be empty/],
      ['a malformed date', () => [REGISTER, { input: evaluationInput({ receivedOn: '2026-02-30' }) }, undefined], 'BAD_USER_INPUT', /receivedOn must be a day that exists/],
      ['a period that ends before it starts', () => [REGISTER, { input: evaluationInput({ periodStart: '2025-12-31', periodEnd: '2025-01-01' }) }, undefined], 'BAD_USER_INPUT', /periodStart must not be after periodEnd/],
      ['a report received in the future', () => [REGISTER, { input: evaluationInput({ receivedOn: '2026-12-01' }) }, undefined], 'BAD_USER_INPUT', /future/],
      ['a title with a control character', () => [REGISTER, { input: evaluationInput({ title: '评估\u0000报告' }) }, undefined], 'BAD_USER_INPUT', /title must be readable text/],
      ['a title of zero-width spaces only', () => [REGISTER, { input: evaluationInput({ title: '\u200b\u200b' }) }, undefined], 'BAD_USER_INPUT', /title must be readable text/],
      ['a date in year 0', () => [REGISTER, { input: evaluationInput({ periodStart: '0000-01-01' }) }, undefined], 'BAD_USER_INPUT', /periodStart must be a date written as YYYY-MM-DD|periodStart must be a day from 1949-10-01 to 2199-12-31/],
      ['an oversized title', () => [REGISTER, { input: evaluationInput({ title: '评'.repeat(201) }) }, undefined], 'BAD_USER_INPUT', /at most 200 characters/],
      ['an oversized description', () => [RECORD, { input: findingInput(evaluationId, { description: 'x'.repeat(5001) }) }, undefined], 'BAD_USER_INPUT', /at most 5000/],
      ['an unknown evaluation', () => [RECORD, { input: findingInput('2b1c5d8e-0000-4000-8000-000000000000') }, undefined], 'NOT_FOUND', /Evaluation 2b1c5d8e-0000-4000-8000-000000000000 does not exist/],
      ['a malformed evaluation id', () => [RECORD, { input: findingInput('not-an-id') }, undefined], 'BAD_USER_INPUT', /evaluationId must be a valid id/],
      ['an unknown concerned unit', () => [RECORD, { input: findingInput(evaluationId, { concernedUnitIds: ['2b1c5d8e-0000-4000-8000-000000000001'] }) }, undefined], 'NOT_FOUND', /Unit/],
      ['an unknown severity', () => [RECORD, { input: findingInput(evaluationId, { severity: 'CATASTROPHIC' }) }, undefined], 'BAD_USER_INPUT', /Severity/],
      ['an unknown field', () => [RECORD, { input: { ...findingInput(evaluationId), colour: 'red' } }, undefined], 'BAD_USER_INPUT', /colour/],
      ['no access token', () => [REGISTER, { input: evaluationInput() }, {}], 'UNAUTHENTICATED', /Sign in first/],
      ['a malformed Authorization header', () => [REGISTER, { input: evaluationInput() }, { authorization: 'Basic emhhbmc6MTIz' }], 'UNAUTHENTICATED', /Bearer <token>/],
      ['an unknown token', () => [REGISTER, { input: evaluationInput() }, { authorization: 'Bearer rct_not-a-real-token' }], 'UNAUTHENTICATED', /not valid/],
    ];

    it.each(cases)('%s', async (_name, request, code, message) => {
      const before = await app.logPosition();
      const response = await app.graphql(...request());
      expect(errorCode(response)).toBe(code);
      expect(response.errors![0]!.message).toMatch(message);
      expect(await app.logPosition()).toBe(before);
    });

    it('answers NOT_FOUND for an unknown evaluation or finding id in queries', async () => {
      const missing = '2b1c5d8e-0000-4000-8000-000000000002';
      expect(errorCode(await app.graphql(EVALUATION, { id: missing }))).toBe('NOT_FOUND');
      expect(errorCode(await app.graphql(`query($id: ID!) { finding(id: $id) { id } }`, { id: missing }))).toBe('NOT_FOUND');
    });

    it('answers a registered unit code twice with CONFLICT', async () => {
      const input = { code: 'TJJ', name: '青川市统计局', kind: 'DEPARTMENT' };
      const mutation = `mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id code name } }`;
      const admin = await app.as('ADMIN');
      const first = await app.graphql(mutation, { input: { ...input, idempotencyKey: 'tjj-1' } }, admin);
      expect(first.data!.registerUnit).toMatchObject({ code: 'TJJ', name: '青川市统计局' });
      const before = await app.logPosition();
      const second = await app.graphql(mutation, { input: { ...input, idempotencyKey: 'tjj-2' } }, admin);
      expect(errorCode(second)).toBe('CONFLICT');
      expect(second.errors![0]!.message).toMatch(/TJJ is already registered/);
      expect(await app.logPosition()).toBe(before);
    });

    it('answers a name another unit already has with CONFLICT: imports find units by name', async () => {
      const admin = await app.as('ADMIN');
      const before = await app.logPosition();
      const taken = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, {
        input: { idempotencyKey: 'fgw-twin', code: 'FGW2', name: '青川市发展和改革委员会', kind: 'OTHER' },
      }, admin);
      expect(taken.errors![0]).toMatchObject({ message: 'The name 青川市发展和改革委员会 already belongs to unit FGW; unit names must be unique.', extensions: { code: 'CONFLICT', messageZh: expect.any(String) } });
      expect(await app.logPosition()).toBe(before);
    });
  });
});

describe('Restarting on the same database file', () => {
  it('rebuilds every read model from the log and does not seed the demo twice', async () => {
    const sqlitePath = freshDatabasePath();
    const first = await startTestApp({ sqlitePath, demoData: true });
    const registered = await first.graphql(REGISTER, { input: evaluationInput({ title: '2025年度政务公开第三方评估报告' }) });
    const recorded = await first.graphql(RECORD, { input: findingInput(registered.data!.registerEvaluation.id) });
    const positionBefore = await first.logPosition();
    await first.close();

    const second = await startTestApp({ sqlitePath, demoData: true });
    expect(await second.logPosition()).toBe(positionBefore);
    const finding = await second.graphql(`query($id: ID!) { finding(id: $id) { title evaluation { title } } }`, {
      id: recorded.data!.recordFinding.id,
    });
    expect(finding.data!.finding).toEqual({ title: '无网上依申请公开渠道', evaluation: { title: '2025年度政务公开第三方评估报告' } });
    const all = await second.graphql(`{ evaluations { totalCount nodes { id } } }`);
    expect(all.data!.evaluations.nodes).toHaveLength(2);
    expect(all.data!.evaluations.totalCount).toBe(2);
    await second.close();
  });
});
