import { TestApp, errorCode, startTestApp } from '../support/test-app.js';
import { evaluationInput } from '../support/fixtures.js';

const REGISTER = `mutation Register($input: RegisterEvaluationInput!) { registerEvaluation(input: $input) { id } }`;
const HANDLED = `query Handled($key: String!) { requestHandled(idempotencyKey: $key) }`;
const UNIT = { authorization: 'Bearer rct_demo_unit_fgw_qingchuan' };

/**
 * breaker11h P4: a web form whose answer was lost (a 502) kept its key after the page had shown the
 * request recorded, and sent the next record under it. The form now asks `requestHandled` first.
 */
describe('requestHandled: whether the caller’s request under a key was handled', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ demoData: true });
  });

  afterAll(async () => {
    await app.close();
  });

  const handled = async (key: string, headers?: Record<string, string>) => {
    const response = await app.graphql(HANDLED, { key }, headers);
    expect(response.errors).toBeUndefined();
    return response.data!.requestHandled as boolean;
  };

  it('answers false for a key never sent, true once a request under it was recorded, and false for another caller asking with the same text', async () => {
    expect(await handled('asked-before-sending')).toBe(false);
    const recorded = await app.graphql(REGISTER, { input: evaluationInput({ idempotencyKey: 'asked-before-sending' }) });
    expect(recorded.errors).toBeUndefined();
    expect(await handled('asked-before-sending')).toBe(true);
    // Keys are the caller's own: the unit's request under the same text is another request, never sent.
    expect(await handled('asked-before-sending', UNIT)).toBe(false);
  });

  it('answers false for a request that was refused: nothing was recorded under its key', async () => {
    const refused = await app.graphql(REGISTER, { input: evaluationInput({ idempotencyKey: 'refused-then-asked', periodStart: '2026-12-31', periodEnd: '2026-01-01' }) });
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(await handled('refused-then-asked')).toBe(false);
  });

  it('refuses an empty key in Chinese, as a mutation does', async () => {
    const response = await app.graphql(HANDLED, { key: '' });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.extensions!.messageZh).toContain('请求编号');
  });
});
