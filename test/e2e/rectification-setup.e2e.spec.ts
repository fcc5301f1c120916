import { TestApp, errorCode, freshDatabasePath, startTestApp } from '../support/test-app.js';

// The test clock reads 2026-04-01 09:00 in the office (UTC+8): "today" is 2026-04-01.

const FORM_TEAM = `mutation Form($input: FormRectificationTeamInput!) {
  formRectificationTeam(input: $input) { id evaluationId leader { name title } members { name title unitId } formedBy }
}`;
const APPROVE_PLAN = `mutation Approve($input: ApproveRectificationPlanInput!) {
  approveRectificationPlan(input: $input) { id evaluationId title approvedBy approvedOn selfRectificationDue inspectionDue recordedBy }
}`;
const ISSUE_CIRCULAR = `mutation Issue($input: IssueCircularInput!) {
  issueCircular(input: $input) { id unit { id code } kind title reason references { kind id } issuedOn issuedBy issuedAt }
}`;
const EVALUATION_SETUP = `query Setup($id: ID!) {
  evaluation(id: $id) { team { leader { name } members { name unitId } } plan { approvedBy selfRectificationDue } }
}`;
const CIRCULARS = `query Circulars($unitId: ID) { circulars(unitId: $unitId) { totalCount nodes { id kind title unit { code } references { kind id } } } }`;

const UNKNOWN_ID = '2b1c5d8e-0000-4000-8000-00000000000f';

describe('Rectification team, plan and circulars over GraphQL', () => {
  let app: TestApp;
  const sqlitePath = freshDatabasePath();
  let unitId: Record<string, string>;
  let evaluationId: string;
  let findingId: string;

  const teamInput = (overrides: Record<string, unknown> = {}) => ({
    idempotencyKey: `team-${Math.random()}`,
    evaluationId,
    leader: { name: '王建国', title: '市政府秘书长' },
    members: [
      { name: '李敏', title: '市政务公开办公室主任', unitId: unitId['OPENNESS'] },
      { name: '张伟', title: '市财政局副局长', unitId: unitId['CZJ'] },
      { name: '陈静', title: '高校信息公开研究专家' },
    ],
    ...overrides,
  });

  const planInput = (overrides: Record<string, unknown> = {}) => ({
    idempotencyKey: `plan-${Math.random()}`,
    evaluationId,
    title: '关于2025年度政务公开第三方评估发现问题的整改实施方案',
    approvedBy: '刘志强（常务副市长）',
    approvedOn: '2026-04-01',
    selfRectificationDue: '2026-05-31',
    inspectionDue: '2026-06-30',
    ...overrides,
  });

  const circularInput = (overrides: Record<string, unknown> = {}) => ({
    idempotencyKey: `circular-${Math.random()}`,
    unitId: unitId['JTJ'],
    kind: 'CRITICISM',
    title: '关于市交通运输局整改工作不力的通报',
    reason: '逾期未完成整改且两次催办未予回应。',
    references: [{ kind: 'FINDING', id: findingId }],
    issuedOn: '2026-03-31',
    ...overrides,
  });

  /** Evaluations registered so far: each gets a title of its own (one report is registered once). */
  let evaluationsRegistered = 0;
  const registerEvaluation = async (): Promise<string> => {
    evaluationsRegistered += 1;
    const response = await app.graphql(
      `mutation($input: RegisterEvaluationInput!) { registerEvaluation(input: $input) { id } }`,
      {
        input: {
          idempotencyKey: `evaluation-${Math.random()}`,
          title: `2026年第一季度政务公开专项评估（第${evaluationsRegistered}批）`,
          evaluator: '中部政府透明度研究院',
          commissionedBy: '青川市人民政府办公室',
          periodStart: '2026-01-01',
          periodEnd: '2026-03-31',
          receivedOn: '2026-04-01',
        },
      },
    );
    expect(response.errors).toBeUndefined();
    return response.data!.registerEvaluation.id;
  };

  const FINDING_TITLE = '交通运输和财政领域信息公开不到位';
  let unitUserHeaders: Record<string, string>;
  const unitUser = () => unitUserHeaders;

  beforeAll(async () => {
    app = await startTestApp({ sqlitePath, demoData: true });
    const response = await app.graphql(`{ units { id code } evaluations(first: 1) { nodes { id receivedOn } } }`);
    unitId = Object.fromEntries(response.data!.units.map((unit: { id: string; code: string }) => [unit.code, unit.id]));
    evaluationId = response.data!.evaluations.nodes[0].id;
    // A finding concerning the units the circulars below criticise: a circular cites only the unit's own findings.
    const recorded = await app.graphql(`mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`, {
      input: {
        idempotencyKey: 'finding-of-jtj-and-czj',
        evaluationId,
        title: FINDING_TITLE,
        description: '交通运输、财政领域部分信息未按规定公开。',
        category: '主动公开',
        severity: 'MEDIUM',
        concernedUnitIds: [unitId['JTJ'], unitId['CZJ']],
        identifiedOn: response.data!.evaluations.nodes[0].receivedOn,
      },
    });
    expect(recorded.errors).toBeUndefined();
    findingId = recorded.data!.recordFinding.id;
    unitUserHeaders = await app.as('UNIT', unitId['JTJ']!);
  });

  afterAll(async () => {
    await app.close();
  });

  it('has neither team nor plan before they are recorded', async () => {
    const response = await app.graphql(EVALUATION_SETUP, { id: evaluationId });
    expect(response.errors).toBeUndefined();
    expect(response.data!.evaluation).toEqual({ team: null, plan: null });
  });

  it('forms the team and records the approved plan; both show on the evaluation', async () => {
    const formed = await app.graphql(FORM_TEAM, { input: teamInput() });
    expect(formed.errors).toBeUndefined();
    expect(formed.data!.formRectificationTeam).toMatchObject({
      evaluationId,
      leader: { name: '王建国', title: '市政府秘书长' },
      members: [
        { name: '李敏', title: '市政务公开办公室主任', unitId: unitId['OPENNESS'] },
        { name: '张伟', title: '市财政局副局长', unitId: unitId['CZJ'] },
        { name: '陈静', title: '高校信息公开研究专家', unitId: null },
      ],
      formedBy: await app.userId('SUPERVISOR'),
    });

    const approved = await app.graphql(APPROVE_PLAN, { input: planInput() });
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.approveRectificationPlan).toMatchObject({
      evaluationId,
      approvedBy: '刘志强（常务副市长）',
      approvedOn: '2026-04-01',
      selfRectificationDue: '2026-05-31',
      inspectionDue: '2026-06-30',
      recordedBy: await app.userId('SUPERVISOR'),
    });

    const read = await app.graphql(EVALUATION_SETUP, { id: evaluationId });
    expect(read.data!.evaluation).toEqual({
      team: {
        leader: { name: '王建国' },
        members: [
          { name: '李敏', unitId: unitId['OPENNESS'] },
          { name: '张伟', unitId: unitId['CZJ'] },
          { name: '陈静', unitId: null },
        ],
      },
      plan: { approvedBy: '刘志强（常务副市长）', selfRectificationDue: '2026-05-31' },
    });
  });

  it('issues a circular of criticism that shows among the circulars of its unit', async () => {
    const issued = await app.graphql(ISSUE_CIRCULAR, { input: circularInput() });
    expect(issued.errors).toBeUndefined();
    const circular = issued.data!.issueCircular;
    expect(circular).toMatchObject({
      unit: { id: unitId['JTJ'], code: 'JTJ' },
      kind: 'CRITICISM',
      references: [{ kind: 'FINDING', id: findingId }],
      issuedOn: '2026-03-31',
      issuedBy: await app.userId('SUPERVISOR'),
      issuedAt: '2026-04-01T01:00:00.000Z',
    });

    const ofUnit = await app.graphql(CIRCULARS, { unitId: unitId['JTJ'] });
    expect(ofUnit.data!.circulars.nodes).toEqual([
      {
        id: circular.id,
        kind: 'CRITICISM',
        title: '关于市交通运输局整改工作不力的通报',
        unit: { code: 'JTJ' },
        references: [{ kind: 'FINDING', id: findingId }],
      },
    ]);
    const ofOtherUnit = await app.graphql(CIRCULARS, { unitId: unitId['CZJ'] });
    expect(ofOtherUnit.data!.circulars).toEqual({ totalCount: 0, nodes: [] });
  });

  it('lists circulars newest first, all units when none is named', async () => {
    const commendation = await app.graphql(
      ISSUE_CIRCULAR,
      { input: circularInput({ unitId: unitId['CZJ'], kind: 'COMMENDATION', title: '关于表扬市财政局的通报', references: [], issuedOn: '2026-04-01' }) },
    );
    expect(commendation.errors).toBeUndefined();
    const older = await app.graphql(
      ISSUE_CIRCULAR,
      { input: circularInput({ title: '关于市交通运输局公开目录缺失的通报', issuedOn: '2026-03-20' }) },
    );
    expect(older.errors).toBeUndefined();

    const all = await app.graphql(`{ circulars { nodes { title issuedOn } } }`);
    expect(all.data!.circulars.nodes).toEqual([
      { title: '关于表扬市财政局的通报', issuedOn: '2026-04-01' },
      { title: '关于市交通运输局整改工作不力的通报', issuedOn: '2026-03-31' },
      { title: '关于市交通运输局公开目录缺失的通报', issuedOn: '2026-03-20' },
    ]);
    const ofUnit = await app.graphql(`query($u: ID) { circulars(unitId: $u) { nodes { title } } }`, { u: unitId['JTJ'] });
    expect(ofUnit.data!.circulars.nodes.map((c: { title: string }) => c.title)).toEqual([
      '关于市交通运输局整改工作不力的通报',
      '关于市交通运输局公开目录缺失的通报',
    ]);
  });

  describe('a retried mutation (same idempotency key) returns the first result and appends nothing', () => {
    it.each<[string, string, (evaluationId: string) => Record<string, unknown>]>([
      ['formRectificationTeam', FORM_TEAM, (evaluationId) => teamInput({ evaluationId })],
      ['approveRectificationPlan', APPROVE_PLAN, (evaluationId) => planInput({ evaluationId })],
      ['issueCircular', ISSUE_CIRCULAR, () => circularInput({ title: '关于市交通运输局整改报告未按时报送的通报' })],
    ])('%s', async (field, mutation, input) => {
      // A fresh evaluation, so that a team and a plan can be recorded once more.
      const variables = { input: input(await registerEvaluation()) };
      const first = await app.graphql(mutation, variables);
      expect(first.errors).toBeUndefined();
      const position = await app.logPosition();
      const retried = await app.graphql(mutation, variables);
      expect(retried.errors).toBeUndefined();
      expect(retried.data![field]).toEqual(first.data![field]);
      expect(await app.logPosition()).toBe(position);
    });
  });

  describe('refuses with a stable code and appends nothing', () => {
    const cases: [string, () => [string, Record<string, unknown>, Record<string, string> | undefined], string, RegExp][] = [
      ['a second team for the evaluation', () => [FORM_TEAM, { input: teamInput() }, undefined], 'CONFLICT', /already has its rectification team/],
      ['a second plan for the evaluation', () => [APPROVE_PLAN, { input: planInput() }, undefined], 'CONFLICT', /already has its rectification plan/],
      ['a team for an unknown evaluation', () => [FORM_TEAM, { input: teamInput({ evaluationId: UNKNOWN_ID }) }, undefined], 'NOT_FOUND', /Evaluation .* does not exist/],
      ['a plan for an unknown evaluation', () => [APPROVE_PLAN, { input: planInput({ evaluationId: UNKNOWN_ID }) }, undefined], 'NOT_FOUND', /Evaluation .* does not exist/],
      ['a team formed by a unit user', () => [FORM_TEAM, { input: teamInput() }, unitUser()], 'FORBIDDEN', /UNIT users may not use/],
      ['a plan recorded by a unit user', () => [APPROVE_PLAN, { input: planInput() }, unitUser()], 'FORBIDDEN', /UNIT users may not use/],
      ['a circular issued by a unit user', () => [ISSUE_CIRCULAR, { input: circularInput() }, unitUser()], 'FORBIDDEN', /UNIT users may not use/],
      ['a malformed plan date', () => [APPROVE_PLAN, { input: planInput({ inspectionDue: '2026-06-31' }) }, undefined], 'BAD_USER_INPUT', /inspectionDue must be a day that exists/],
      ['a team leader without a name', () => [FORM_TEAM, { input: teamInput({ leader: { name: '  ' } }) }, undefined], 'BAD_USER_INPUT', /name must not be empty/],
      [
        'more than 50 team members',
        () => [FORM_TEAM, { input: teamInput({ members: Array.from({ length: 51 }, (_, i) => ({ name: `成员${i}` })) }) }, undefined],
        'BAD_USER_INPUT',
        /members must contain no more than 50/,
      ],
      ['a member with a malformed unit id', () => [FORM_TEAM, { input: teamInput({ members: [{ name: '李敏', unitId: 'OPENNESS' }] }) }, undefined], 'BAD_USER_INPUT', /unitId must be a valid id/],
      ['a circular citing an unknown finding', () => [ISSUE_CIRCULAR, { input: circularInput({ references: [{ kind: 'FINDING', id: UNKNOWN_ID }] }) }, undefined], 'NOT_FOUND', /FINDING .* does not exist/],
      [
        'a circular citing a work-plan item (there is no work plan yet)',
        () => [ISSUE_CIRCULAR, { input: circularInput({ references: [{ kind: 'WORK_PLAN_ITEM', id: UNKNOWN_ID }] }) }, undefined],
        'NOT_FOUND',
        /WORK_PLAN_ITEM .* does not exist/,
      ],
      ['a circular about an unknown unit', () => [ISSUE_CIRCULAR, { input: circularInput({ unitId: UNKNOWN_ID }) }, undefined], 'NOT_FOUND', /Unit .* does not exist/],
      ['a circular dated in the future', () => [ISSUE_CIRCULAR, { input: circularInput({ issuedOn: '2026-04-02' }) }, undefined], 'BAD_USER_INPUT', /future/],
      ['a circular citing the same finding twice', () => [ISSUE_CIRCULAR, { input: circularInput({ references: [{ kind: 'FINDING', id: findingId }, { kind: 'FINDING', id: findingId }] }) }, undefined], 'BAD_USER_INPUT', /referenced twice/],
      ['a circular of an unknown kind', () => [ISSUE_CIRCULAR, { input: circularInput({ kind: 'WARNING' }) }, undefined], 'BAD_USER_INPUT', /CircularKind/],
      ['a mutation without an access token', () => [ISSUE_CIRCULAR, { input: circularInput() }, {}], 'UNAUTHENTICATED', /Sign in first/],
    ];

    it.each(cases)('%s', async (_name, request, code, message) => {
      const before = await app.logPosition();
      const response = await app.graphql(...request());
      expect(errorCode(response)).toBe(code);
      expect(response.errors![0]!.message).toMatch(message);
      expect(await app.logPosition()).toBe(before);
    });

    it('refuses a plan whose self-rectification ends after the inspection, with BAD_USER_INPUT', async () => {
      // A fresh evaluation: on the demo evaluation the plan exists already and CONFLICT would come first.
      const freshEvaluationId = await registerEvaluation();
      const before = await app.logPosition();
      const response = await app.graphql(
        APPROVE_PLAN,
        { input: planInput({ evaluationId: freshEvaluationId, selfRectificationDue: '2026-07-31' }) },
      );
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.errors![0]!.message).toMatch(/inspection deadline 2026-06-30 is before the self-rectification deadline 2026-07-31/);
      expect(await app.logPosition()).toBe(before);
    });

    it('answers NOT_FOUND for the circulars of an unknown unit', async () => {
      const response = await app.graphql(CIRCULARS, { unitId: UNKNOWN_ID });
      expect(errorCode(response)).toBe('NOT_FOUND');
      expect(response.errors![0]!.message).toMatch(/Unit .* does not exist/);
    });
  });

  it('rebuilds teams, plans and circulars from the log after a restart', async () => {
    const before = { setup: await app.graphql(EVALUATION_SETUP, { id: evaluationId }), circulars: await app.graphql(`{ circulars { totalCount nodes { id title } } }`) };
    await app.close();
    app = await startTestApp({ sqlitePath, demoData: true });
    expect(await app.graphql(EVALUATION_SETUP, { id: evaluationId })).toEqual(before.setup);
    expect(await app.graphql(`{ circulars { totalCount nodes { id title } } }`)).toEqual(before.circulars);
  });

  it('names what a circular cites: the finding by its title, the work-plan item by number and title with its plan; an unknown one refused in Chinese without its id', async () => {
    const found = await app.graphql(`{ workPlans { id title } }`);
    const plan = found.data!.workPlans[0];
    const outline = await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id code title parts { unitId } } } } }`, { id: plan.id });
    type Outlined = { id: string; code: string; title: string; parts: { unitId: string }[] };
    const item = (outline.data!.workPlan.categories as { items: Outlined[] }[]).flatMap((category) => category.items).find((candidate) => candidate.parts.some((part) => part.unitId === unitId['CZJ']))!;
    const references = [{ kind: 'FINDING', id: findingId }, { kind: 'WORK_PLAN_ITEM', id: item.id }];
    const issued = await app.graphql(
      `mutation($input: IssueCircularInput!) { issueCircular(input: $input) { references { kind id title planTitle } } }`,
      { input: circularInput({ idempotencyKey: 'circular-citing-both', unitId: unitId['CZJ'], title: '关于市财政局整改工作的通报', references }) },
    );
    expect(issued.errors).toBeUndefined();
    expect(issued.data!.issueCircular.references).toEqual([
      { kind: 'FINDING', id: findingId, title: FINDING_TITLE, planTitle: null },
      { kind: 'WORK_PLAN_ITEM', id: item.id, title: `${item.code} ${item.title}`, planTitle: plan.title },
    ]);

    const unknown = await app.graphql(ISSUE_CIRCULAR, { input: circularInput({ idempotencyKey: 'circular-citing-nothing', references: [{ kind: 'FINDING', id: UNKNOWN_ID }] }) });
    expect(unknown.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'references', messageZh: '引用的问题不存在（1 项），请重新选择。' });
  });
});
