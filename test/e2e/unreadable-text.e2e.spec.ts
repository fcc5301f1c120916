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
    expect(error.extensions.messageZh).toContain('残缺的字符');
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

  it('refuses names of only invisible characters, and direction marks anywhere', async () => {
    const admin = await app.as('ADMIN');
    const REGISTER_UNIT = `mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`;
    for (const [index, name] of ['\u3164', '\u034F\u034F', '\uFFA0\u2800'].entries()) {
      const error = await refused(REGISTER_UNIT, { idempotencyKey: `invisible-${index}`, code: `INV${index}`, name, kind: 'DEPARTMENT' }, admin);
      expect(error.extensions.messageZh).toContain('不可见字符');
    }
    // A blank glyph inside a name (breaker9x P1: 「青川市财政局⠀」 beside 青川市财政局), named with its place.
    for (const [index, [name, zh]] of ([['青川市财政局\u2800', '第 7 个字符是不可见字符（U+2800）'], ['青川市财政\u{16FE4}局', '第 6 个字符是不可见字符（U+16FE4）']] as const).entries()) {
      const error = await refused(REGISTER_UNIT, { idempotencyKey: `blank-${index}`, code: `BLANK${index}`, name, kind: 'DEPARTMENT' }, admin);
      expect(error.extensions.messageZh).toContain(zh);
    }
    for (const title of ['2025年度评估\u200E', '\u200F2025年度评估', '2025年度\u061C评估']) {
      const error = await refused(REGISTER_EVALUATION, evaluationInput({ title }));
      expect(error.extensions.messageZh).toContain('文字方向标记');
    }
  });

  it('refuses names that render as nothing readable or hide text: accents alone, private use alone, noncharacters, annotation and placeholder characters', async () => {
    const admin = await app.as('ADMIN');
    const REGISTER_UNIT = `mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`;
    const cases: [string, string][] = [
      ['\u0301\u0301', '没有可读的文字'],
      ['\ue000\ue001', '没有可读的文字'],
      ['单位\uffff', '非字符码位（U+FFFF）'],
      ['单位\ufdd0', '非字符码位（U+FDD0）'],
      ['单\uFFF9位\uFFFB乙', '第 2 个字符（U+FFF9）是占位符或格式控制字符'],
      ['\ufffc', '第 1 个字符（U+FFFC）是占位符或格式控制字符'],
      // Misleading rather than empty: an accent drawn over what precedes the name, a digit only some fonts show.
      ['\u0301青川市财政局', '第 1 个字符（U+0301）是附加符号'],
      ['财政局第\ue0003科', '第 5 个字符（U+E000）是私用区字符'],
    ];
    for (const [index, [name, zh]] of cases.entries()) {
      const error = await refused(REGISTER_UNIT, { idempotencyKey: `unreadable-${index}`, code: `UNR${index}`, name, kind: 'DEPARTMENT' }, admin);
      expect(error.extensions.messageZh).toContain(zh);
    }
  });

  it('refuses a name with an invisible character in it, naming the character and its place, but keeps prose pasted from documents', async () => {
    const admin = await app.as('ADMIN');
    const REGISTER_UNIT = `mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`;
    const error = await refused(REGISTER_UNIT, { idempotencyKey: 'zwsp-unit', code: 'ZWSP', name: '青川市\u200B财政局', kind: 'DEPARTMENT' }, admin);
    expect(error.message).toMatch(/invisible character \(U\+200B\) at position 4/);
    expect(error.extensions.messageZh).toContain('第 4 个字符是不可见字符（U+200B）');
    await refused(REGISTER_EVALUATION, evaluationInput({ evaluator: '某\uFEFF大学' }));

    const RECORD_FINDING = `mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`;
    const evaluation = await app.graphql(REGISTER_EVALUATION, { input: evaluationInput({ idempotencyKey: 'zwsp-evaluation' }) });
    const evaluationId = (evaluation.data as { registerEvaluation: { id: string } }).registerEvaluation.id;
    const pasted = await app.graphql(RECORD_FINDING, {
      input: { idempotencyKey: 'zwsp-finding', evaluationId, title: '依申请公开渠道不畅', description: '网站\u200B未设置在线申请入口。', category: '依申请公开', severity: 'HIGH' },
    });
    expect(pasted.errors).toBeUndefined();
  });

  it('never echoes kilobytes back: a 60,000-character field name or input field gets a short refusal', async () => {
    const name = 'a'.repeat(60_000);
    const unknownField = await app.graphql(`{ ${name} }`);
    expect(unknownField.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(unknownField).length).toBeLessThan(5_000);
    const unknownInput = await app.graphql(REGISTER_EVALUATION, { input: { ...evaluationInput(), [name]: 1 } });
    expect(unknownInput.errors).toBeDefined();
    expect(JSON.stringify(unknownInput).length).toBeLessThan(5_000);
  });
});
