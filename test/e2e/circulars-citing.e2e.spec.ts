import { TestApp, startTestApp } from '../support/test-app.js';

/*
 * Issue 11 (open item): a finding's and a work-plan item's page list the circulars that cite them
 * — what the finding led to. A past day's view lists those issued by then, a view as known at an
 * instant those recorded by then, and a unit user only its own unit's, as `circulars` answers it.
 * The test clock reads 2026-04-01 09:00 in the office; the demo is seeded then.
 */
describe('Finding.circulars and WorkPlanItem.circulars: the circulars that cite them', () => {
  let app: TestApp;
  let fgw: string;
  let czj: string;
  let findingId: string;
  let itemId: string;
  const TITLE = '关于表扬市发改委整改工作的通报';
  const FINDING = `query($id: ID!, $asOf: String, $knownAt: String) { finding(id: $id, asOf: $asOf, knownAt: $knownAt) { circulars { title kind issuedOn unit { code } } } }`;
  const ITEM = `query($id: ID!, $asOf: String) { workPlanItem(id: $id, asOf: $asOf) { circulars { title kind } } }`;

  beforeAll(async () => {
    app = await startTestApp({ demoData: true });
    const { data } = await app.graphql(`{ units { id code } workPlans { id } findings(first: 50) { nodes { id assignments { unitId } } } }`);
    const code = (wanted: string) => data!.units.find((unit: { code: string }) => unit.code === wanted).id as string;
    [fgw, czj] = [code('FGW'), code('CZJ')];
    findingId = data!.findings.nodes.find((finding: { assignments: { unitId: string }[] }) => finding.assignments.some((part) => part.unitId === fgw)).id;
    const items = await app.graphql(`query($planId: ID!, $unitId: ID) { workPlanItems(planId: $planId, unitId: $unitId, first: 1) { nodes { id } } }`, { planId: data!.workPlans[0].id, unitId: fgw });
    itemId = items.data!.workPlanItems.nodes[0].id;
    app.clock.set('2026-04-01T10:00:00+08:00');
    const issued = await app.graphql(`mutation($input: IssueCircularInput!) { issueCircular(input: $input) { id } }`, {
      input: {
        idempotencyKey: 'commend-fgw',
        unitId: fgw,
        kind: 'COMMENDATION',
        title: TITLE,
        reason: '按时完成整改并主动公开整改结果。',
        references: [{ kind: 'FINDING', id: findingId }, { kind: 'WORK_PLAN_ITEM', id: itemId }],
        issuedOn: '2026-04-01',
      },
    });
    expect(issued.errors).toBeUndefined();
  });

  afterAll(async () => {
    await app.close();
  });

  it('lists the circular on the finding and on the item it cites', async () => {
    const finding = await app.graphql(FINDING, { id: findingId });
    expect(finding.errors).toBeUndefined();
    expect(finding.data!.finding.circulars).toEqual([{ title: TITLE, kind: 'COMMENDATION', issuedOn: '2026-04-01', unit: { code: 'FGW' } }]);
    const item = await app.graphql(ITEM, { id: itemId });
    expect(item.errors).toBeUndefined();
    expect(item.data!.workPlanItem.circulars).toEqual([{ title: TITLE, kind: 'COMMENDATION' }]);
  });

  it('leaves it out of a day before it was issued, and of a view as known before it was recorded', async () => {
    expect((await app.graphql(FINDING, { id: findingId, asOf: '2026-03-31' })).data!.finding.circulars).toEqual([]);
    expect((await app.graphql(ITEM, { id: itemId, asOf: '2026-03-31' })).data!.workPlanItem.circulars).toEqual([]);
    expect((await app.graphql(FINDING, { id: findingId, asOf: '2026-04-01', knownAt: '2026-04-01T09:30:00+08:00' })).data!.finding.circulars).toEqual([]);
    expect((await app.graphql(FINDING, { id: findingId, asOf: '2026-04-01', knownAt: '2026-04-01T10:30:00+08:00' })).data!.finding.circulars).toHaveLength(1);
  });

  it('shows a unit user its own unit’s circulars only', async () => {
    const own = await app.graphql(FINDING, { id: findingId }, await app.as('UNIT', fgw));
    expect(own.errors).toBeUndefined();
    expect(own.data!.finding.circulars).toHaveLength(1);
    const other = await app.graphql(FINDING, { id: findingId }, await app.as('UNIT', czj));
    expect(other.errors).toBeUndefined();
    expect(other.data!.finding.circulars).toEqual([]);
  });
});
