import { coercionRefusal } from '../../web/src/coercion.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/*
 * Issue 11: a form sent with a required field left empty showed graphql-js's own text. The web app
 * checks required fields itself, and reads what the API refuses before reading the input (variable
 * coercion) as the field it concerns, with a Chinese message for beside it. This asks the real API
 * and reads its answers with the web app's own reader (web/src/coercion.ts).
 */
describe('the web app reads the API’s refusals of an input it could not read as form fields', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  type Answered = { message: string; extensions?: { messageZh?: string } };
  const fieldsOf = (errors: Answered[] | undefined, labelOf?: (field: string) => string | null) =>
    (errors ?? []).map((error) => {
      const refusal = coercionRefusal(error.message, error.extensions?.messageZh, labelOf);
      return refusal && { field: refusal.field, messageZh: refusal.messageZh };
    });
  const ID = '00000000-0000-4000-8000-000000000000';

  it('names a required field left out, also inside a list, in Chinese', async () => {
    const answer = await app.graphql(`mutation($input: ReportRectificationInput!) { reportRectification(input: $input) { id } }`, {
      input: { idempotencyKey: 'k1', findingId: ID, unitId: ID, evidence: [{ link: 'https://example.gov.cn/' }] },
    });
    expect(fieldsOf(answer.errors)).toEqual(
      expect.arrayContaining([
        { field: 'summary', messageZh: '此项为必填项，请填写。' },
        // A list's item named as the form numbers its rows.
        { field: 'evidence.0.title', messageZh: '请填写“材料1名称”。' },
      ]),
    );
  });

  it('names a number that is not one and a choice that does not exist', async () => {
    const year = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { title } }`, {
      input: { idempotencyKey: 'k2', fileName: 'plan.csv', contentBase64: 'YQ==', year: '二〇二六' },
    });
    // web5 task 2: the field named as the form labels it, a choice with the values allowed as the server lists them — it said
    // only 「请从可选项中选择。」; with no form label, by the server's.
    expect(fieldsOf(year.errors, (field) => (field === 'year' ? '年度' : null))).toEqual([{ field: 'year', messageZh: '“年度”应填写数字。' }]);
    const outcome = await app.graphql(`mutation($input: LogInspectionInput!) { logInspection(input: $input) { id } }`, {
      input: { idempotencyKey: 'k3', findingId: ID, unitId: ID, outcome: 'MAYBE' },
    });
    expect(fieldsOf(outcome.errors, (field) => (field === 'outcome' ? '督查情况及结果' : null))).toEqual([
      { field: 'outcome', messageZh: '“督查情况及结果”的选择不在可选范围内（可选：通过、不通过），请重新选择。' },
    ]);
    expect(fieldsOf(outcome.errors)).toEqual([{ field: 'outcome', messageZh: '“督查结果”的选择不在可选范围内（可选：通过、不通过），请重新选择。' }]);
    const role = await app.graphql(`mutation($input: AssignFindingInput!) { assignFinding(input: $input) { id } }`, {
      input: { idempotencyKey: 'k4', findingId: ID, units: [{ unitId: ID, role: 'LEAD', dueDate: '2026-09-01' }, { unitId: ID, role: 'X', dueDate: '2026-09-01' }] },
    });
    expect(fieldsOf(role.errors)).toEqual([{ field: 'units.1.role', messageZh: '“承担单位2的承担方式（牵头或责任）”的选择不在可选范围内（可选：牵头、责任），请重新选择。' }]);
  });

  it('leaves every other refusal to its own Chinese message', () => {
    expect(coercionRefusal('Unit 123 does not exist.')).toBeNull();
  });
});
