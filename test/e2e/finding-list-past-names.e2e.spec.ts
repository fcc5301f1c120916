import { startTestApp, type TestApp } from '../support/test-app.js';

/*
 * breaker11f P2: the 问题清单 (findings list) viewed as of a past day named each part's unit by its
 * name today, while the finding's own page as of that day names it as it was (机构改革: a rename).
 * The list's findings are read as of the day viewed, as the page's are: units named then, parts lit
 * then. The office day is 2026-06-10; 青川市卫生和计划生育委员会 became 青川市卫生健康委员会 on 2026-05-01.
 */
describe('the findings list as of a past day names units as they were then (breaker11f P2)', () => {
  let app: TestApp;
  let findingId: string;

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-06-10T09:00:00+08:00' });
    const admin = await app.as('ADMIN');
    const unit = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, { input: { idempotencyKey: 'unit', code: 'WJW', name: '青川市卫生和计划生育委员会', kind: 'DEPARTMENT', registeredOn: '2026-01-01' } }, admin);
    const unitId = unit.data!.registerUnit.id as string;
    const evaluation = await app.graphql(`mutation($input: RegisterEvaluationInput!) { registerEvaluation(input: $input) { id } }`, {
      input: { idempotencyKey: 'evaluation', title: '2025年度政务公开第三方评估报告', evaluator: '中部政府透明度研究院', commissionedBy: '青川市人民政府办公室', periodStart: '2025-01-01', periodEnd: '2025-12-31', receivedOn: '2026-03-15' },
    });
    const recorded = await app.graphql(`mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`, {
      input: {
        idempotencyKey: 'finding', evaluationId: evaluation.data!.registerEvaluation.id, title: '医疗机构信息公开不全', description: '未公开收费标准', category: '重点领域', severity: 'MEDIUM', identifiedOn: '2026-03-20',
        assignment: { assignedOn: '2026-03-21', units: [{ unitId, role: 'LEAD', dueDate: '2026-09-30' }] },
      },
    });
    expect(recorded.errors).toBeUndefined();
    findingId = recorded.data!.recordFinding.id;
    const renamed = await app.graphql(`mutation($input: RenameUnitInput!) { renameUnit(input: $input) { id } }`, { input: { idempotencyKey: 'rename', unitId, name: '青川市卫生健康委员会', reason: '机构改革', renamedOn: '2026-05-01' } }, admin);
    expect(renamed.errors).toBeUndefined();
  });

  afterAll(async () => {
    await app?.close();
  });

  const namesInList = async (asOf?: string) => {
    const response = await app.graphql(`query($asOf: String) { findings(first: 10, asOf: $asOf) { nodes { id assignments { unit { name } } } } }`, asOf ? { asOf } : {});
    expect(response.errors).toBeUndefined();
    return response.data!.findings.nodes.map((node: { assignments: { unit: { name: string } }[] }) => node.assignments.map((part) => part.unit.name));
  };

  it('names the unit as it was on the day viewed, as the finding’s page does', async () => {
    const page = await app.graphql(`query($id: ID!) { finding(id: $id, asOf: "2026-04-15") { assignments { unit { name } } } }`, { id: findingId });
    expect(page.data!.finding.assignments).toEqual([{ unit: { name: '青川市卫生和计划生育委员会' } }]);
    expect(await namesInList('2026-04-15')).toEqual([['青川市卫生和计划生育委员会']]);
    expect(await namesInList()).toEqual([['青川市卫生健康委员会']]);
  });
});
