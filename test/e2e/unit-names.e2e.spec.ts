import { TestApp, startTestApp } from '../support/test-app.js';

/*
 * breaker9 F9: unit names that are the same text in Unicode (canonically or compatibility-equal)
 * were registered as separate units, splitting the "names are unique" rule and every import that
 * finds units by name.
 */
const REGISTER = `mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id name } }`;
const RENAME = `mutation($input: RenameUnitInput!) { renameUnit(input: $input) { id name } }`;

describe('Unit names equal in Unicode', () => {
  let app: TestApp;
  let admin: Record<string, string>;
  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.as('ADMIN');
  });
  afterAll(() => app.close());

  const register = (key: string, code: string, name: string) => app.graphql(REGISTER, { input: { idempotencyKey: key, code, name, kind: 'DEPARTMENT' } }, admin);

  it.each([
    ['a compatibility ideograph', 'CJK1', '青川市豈测试局', 'CJK2', '青川市\uF900测试局'],
    ['a letter with its accent apart', 'ANG1', '青川市\u00C5测试局', 'ANG2', '青川市A\u030A测试局'],
    ['a Kangxi radical', 'WEN1', '青川市文测试局', 'WEN2', '青川市\u2F42测试局'],
    ['full-width letters', 'QC1', 'QC测试局', 'QC2', 'ＱＣ测试局'],
  ])('refuse a second unit whose name is the first’s in %s', async (_, firstCode, first, secondCode, second) => {
    expect((await register(`names-${firstCode}`, firstCode, first)).errors).toBeUndefined();
    const refused = await register(`names-${secondCode}`, secondCode, second);
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' } });
    expect(refused.errors![0]!.message).toContain(`already belongs to unit ${firstCode}; unit names must be unique`);
  });

  it('stores a name composed, and refuses renaming another unit to a look-alike of a taken name', async () => {
    const registered = await register('names-nfc', 'NFC1', '青川市A\u030A档案局');
    expect(registered.data!.registerUnit.name).toBe('青川市\u00C5档案局');
    const other = await register('names-other', 'OTHER1', '青川市其他局');
    const renamed = await app.graphql(RENAME, { input: { idempotencyKey: 'names-rename', unitId: other.data!.registerUnit.id, name: '青川市Ａ\u030A档案局', reason: '测试' } }, admin);
    expect(renamed.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' } });
  });
});
