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
