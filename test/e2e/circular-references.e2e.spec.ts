import { startTestApp, type TestApp } from '../support/test-app.js';

/*
 * breaker11b G1: a 通报批评 against one unit citing another unit's finding was published. The API
 * refuses a reference the unit has no part in, naming it and the unit, beside `references`, and
 * appends nothing; a unit's own finding is cited.
 */
describe('a circular cites only the unit’s own findings and items', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ demoData: true, now: new Date().toISOString() });
  });
  afterAll(async () => {
    await app.close();
  });

  it('refuses another unit’s finding beside references, and takes the unit’s own', async () => {
    const supervisor = await app.as('SUPERVISOR');
    const { data } = await app.graphql(`{ units { id name } findings(first: 200) { nodes { id title assignments { unitId } } } }`, {}, supervisor);
    type Listed = { id: string; title: string; assignments: { unitId: string }[] };
    const finding = (data!.findings.nodes as Listed[]).find((candidate) => candidate.assignments.length > 0)!;
    const onIt = new Set(finding.assignments.map((part) => part.unitId));
    const other = data!.units.find((unit: { id: string }) => !onIt.has(unit.id));
    const own = data!.units.find((unit: { id: string }) => onIt.has(unit.id));
    const issue = (unitId: string, key: string) =>
      app.graphql(
        `mutation($input: IssueCircularInput!) { issueCircular(input: $input) { id } }`,
        { input: { idempotencyKey: key, unitId, kind: 'CRITICISM', title: '关于整改工作不力的通报', reason: '逾期未整改。', issuedOn: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10), references: [{ kind: 'FINDING', id: finding.id }] } },
        supervisor,
      );
    const before = await app.logPosition();
    const refused = await issue(other.id, 'g1-other');
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'references',
      messageZh: `${other.name}不承担问题「${finding.title}」，通报只能引用该单位自己的问题或工作事项。`,
    });
    expect(await app.logPosition()).toBe(before);
    expect((await issue(own.id, 'g1-own')).errors).toBeUndefined();
  });
});

/*
 * breaker11g P1 (the API's half): 发通报 sent again under a new key (a dialog reopened after a 502, a
 * script run again) criticised one unit twice on one day for one thing. The same unit, kind, day and
 * title's words is one circular: CONFLICT beside 标题, naming the first; a retry answers the first.
 */
describe('a circular is issued once', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ demoData: true, now: '2026-12-01T10:00:00+08:00' });
  });
  afterAll(async () => {
    await app.close();
  });

  const ISSUE = `mutation($input: IssueCircularInput!) { issueCircular(input: $input) { id } }`;
  const circular = async (overrides: Record<string, unknown>) => {
    const { data } = await app.graphql(`{ units { id code name } }`);
    const jyj = data!.units.find((unit: { code: string }) => unit.code === 'JYJ');
    return { unit: jyj as { id: string; name: string }, input: { unitId: jyj.id, kind: 'CRITICISM', title: '关于市教育局整改逾期的通报', reason: '逾期未报送整改情况。', references: [], issuedOn: '2026-12-01', ...overrides } };
  };

  it('refuses the same unit, kind, day and title’s words under a new key as CONFLICT beside 标题; a retry of the first answers it', async () => {
    const supervisor = await app.as('SUPERVISOR');
    const { unit, input } = await circular({ idempotencyKey: 'criticise-once' });
    const first = await app.graphql(ISSUE, { input }, supervisor);
    expect(first.errors).toBeUndefined();
    const position = await app.logPosition();
    // 《》 and “” around the title are how a 通知 quotes it (breaker11h P3, breaker10g P5).
    const retyped = [['criticise-again', '关于市教育局整改逾期的通报'], ['criticise-retyped', '关于市教育局整改逾期的通报。 '], ['criticise-quoted', '《关于市教育局整改逾期的通报》'], ['criticise-in-quotes', '“关于市教育局整改逾期的通报”']];
    for (const [key, title] of retyped) {
      const again = await app.graphql(ISSUE, { input: { ...input, idempotencyKey: key, title, reason: '逾期未报送整改情况，经两次催办仍未报送。' } }, supervisor);
      expect(again.errors![0]!.extensions).toMatchObject({
        code: 'CONFLICT',
        field: 'title',
        circularId: first.data!.issueCircular.id,
        messageZh: `${unit.name}已有 2026-12-01 发布的同名通报批评“关于市教育局整改逾期的通报”，同一份通报只发布一次。如是另一份通报，请在标题中写明区别。`,
      });
    }
    expect((await app.graphql(ISSUE, { input }, supervisor)).data!.issueCircular.id).toBe(first.data!.issueCircular.id);
    expect(await app.logPosition()).toBe(position);
    // Another day, or a commendation, is another circular.
    expect((await app.graphql(ISSUE, { input: { ...input, idempotencyKey: 'criticise-next-day', issuedOn: '2026-11-30' } }, supervisor)).errors).toBeUndefined();
  });

  // breaker11h P7: 发通报 offered 青川市环境保护局 after its merge into 青川市生态环境局, and a criticism dated
  // after the merge was issued to the merged-away unit.
  it('refuses a circular to a unit merged away before its day, naming the successor beside 单位; one dated on the merge day or before it is issued (breaker8v P10)', async () => {
    const admin = await app.as('ADMIN');
    const supervisor = await app.as('SUPERVISOR');
    const { data } = await app.graphql(`{ units { id code } }`);
    const hbj = data!.units.find((unit: { code: string }) => unit.code === 'HBJ').id as string;
    const registered = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`,
      { input: { idempotencyKey: 'circular-sthjj', code: 'STHJJ', name: '青川市生态环境局', kind: 'DEPARTMENT', registeredOn: '2026-11-20' } }, admin);
    expect(registered.errors).toBeUndefined();
    const merged = await app.graphql(`mutation($input: MergeUnitInput!) { mergeUnit(input: $input) { unit { mergedOn } } }`,
      { input: { idempotencyKey: 'circular-merge-hbj', unitId: hbj, successorUnitId: registered.data!.registerUnit.id, mergedOn: '2026-11-25', reason: '机构改革：组建市生态环境局' } }, admin);
    expect(merged.errors).toBeUndefined();
    const { input } = await circular({ unitId: hbj, title: '关于市环境保护局信息公开不及时的通报', idempotencyKey: 'criticise-merged' });
    const position = await app.logPosition();
    for (const issuedOn of ['2026-12-01', '2026-11-26']) {
      const refused = await app.graphql(ISSUE, { input: { ...input, issuedOn, idempotencyKey: `criticise-merged-${issuedOn}` } }, supervisor);
      expect(refused.errors![0]!.extensions).toMatchObject({
        code: 'CONFLICT',
        field: 'issuedOn',
        messageZh: expect.stringContaining(`青川市环境保护局已于 2026-11-25 并入青川市生态环境局，${issuedOn} 发布的通报请发给青川市生态环境局`),
      });
    }
    expect(await app.logPosition()).toBe(position);
    expect((await app.graphql(ISSUE, { input: { ...input, issuedOn: '2026-11-24' } }, supervisor)).errors).toBeUndefined();
    // The merge day is still the unit's working day: its circular is taken, as typed before the merge it was.
    expect((await app.graphql(ISSUE, { input: { ...input, title: '关于市环境保护局整改迟缓的通报', issuedOn: '2026-11-25', idempotencyKey: 'criticise-merge-day' } }, supervisor)).errors).toBeUndefined();
  });

  it('issues one of five identical circulars sent at once under five keys; the others are CONFLICT', async () => {
    const supervisor = await app.as('SUPERVISOR');
    const { input } = await circular({ title: '关于市教育局整改报告敷衍的通报' });
    const answers = await Promise.all([1, 2, 3, 4, 5].map((press) => app.graphql(ISSUE, { input: { ...input, idempotencyKey: `criticise-race-${press}` } }, supervisor)));
    expect(answers.filter((answer) => answer.errors === undefined)).toHaveLength(1);
    expect(answers.filter((answer) => answer.errors?.[0]?.extensions?.code === 'CONFLICT')).toHaveLength(4);
  });
});
