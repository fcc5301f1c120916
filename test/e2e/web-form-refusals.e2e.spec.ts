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

  const fieldsOf = (errors: { message: string }[] | undefined) => (errors ?? []).map((error) => coercionRefusal(error.message));
  const ID = '00000000-0000-4000-8000-000000000000';

  it('names a required field left out, also inside a list, in Chinese', async () => {
    const answer = await app.graphql(`mutation($input: ReportRectificationInput!) { reportRectification(input: $input) { id } }`, {
      input: { idempotencyKey: 'k1', findingId: ID, unitId: ID, evidence: [{ link: 'https://example.gov.cn/' }] },
    });
    expect(fieldsOf(answer.errors)).toEqual(
      expect.arrayContaining([
        { field: 'summary', messageZh: '此项为必填项，请填写。' },
        { field: 'evidence.0.title', messageZh: '此项为必填项，请填写。' },
      ]),
    );
  });

  it('names a number that is not one and a choice that does not exist', async () => {
    const year = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { title } }`, {
      input: { idempotencyKey: 'k2', fileName: 'plan.csv', contentBase64: 'YQ==', year: '二〇二六' },
    });
    expect(fieldsOf(year.errors)).toEqual([{ field: 'year', messageZh: '请填写数字。' }]);
    const outcome = await app.graphql(`mutation($input: LogInspectionInput!) { logInspection(input: $input) { id } }`, {
      input: { idempotencyKey: 'k3', findingId: ID, unitId: ID, outcome: 'MAYBE' },
    });
    expect(fieldsOf(outcome.errors)).toEqual([{ field: 'outcome', messageZh: '请从可选项中选择。' }]);
  });

  it('leaves every other refusal to its own Chinese message', () => {
    expect(coercionRefusal('Unit 123 does not exist.')).toBeNull();
  });
});
