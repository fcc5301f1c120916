import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { TestApp, errorCode, startTestApp } from '../support/test-app.js';

/** Issue 9, fault 6: text that cannot be read as it is stored is refused at the edge, appending nothing. */
describe('Unreadable text at the edge', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    // The accounts first, so that a refusal is seen to append nothing.
    await app.as('SUPERVISOR');
    await app.as('ADMIN');
  });
  afterAll(() => app.close());

  const refused = async (query: string, input: Record<string, unknown>, headers?: Record<string, string>) => {
    const before = await app.logPosition();
    const response = await app.graphql(query, { input }, headers);
    expect(await app.logPosition()).toBe(before);
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    return response.errors![0]! as { message: string; extensions: { messageZh: string } };
  };

  it('refuses a lone surrogate as an evaluator name', async () => {
    const error = await refused(REGISTER_EVALUATION, evaluationInput({ evaluator: '\ud800' }));
    expect(error.message).toMatch(/evaluator must be readable text: it has a broken character/);
    expect(error.extensions.messageZh).toContain('孤立的 UTF-16 代理项');
  });

  it('refuses bidirectional overrides and isolates in a user name and in a title', async () => {
    const admin = await app.as('ADMIN');
    const REGISTER_USER = `mutation($input: RegisterUserInput!) { registerUser(input: $input) { user { id } } }`;
    for (const name of ['张伟\u202E', '\u2066李娜\u2069']) {
      const error = await refused(REGISTER_USER, { idempotencyKey: `user-${name}`, name, role: 'INSPECTOR' }, admin);
      expect(error.extensions.messageZh).toContain('改变文字方向');
    }
    await refused(REGISTER_EVALUATION, evaluationInput({ title: '2025年度\u202D评估' }));
  });

  it('refuses reserved object keys as unit codes', async () => {
    const admin = await app.as('ADMIN');
    const REGISTER_UNIT = `mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`;
    for (const code of ['constructor', '__proto__', 'prototype', 'toString']) {
      const error = await refused(REGISTER_UNIT, { idempotencyKey: `unit-${code}`, code, name: `单位${code}`, kind: 'DEPARTMENT' }, admin);
      expect(error.message).toMatch(/reserved name/);
    }
  });
});
