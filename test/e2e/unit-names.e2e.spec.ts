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

/*
 * Session 24 (issue 10, after breaker10k P6): registering one unit by hand asks about near names as the 单位名录 import does —
 * 市发改委 beside 青川市发展和改革委员会 is refused naming it in Chinese, nothing appended, unless the office confirms it is another
 * unit (distinctFrom); numbered units (第一中学 / 第十一中学) and a joined body's part (粮食局 / 发展改革和粮食局) are other units.
 */
describe('Registering a unit whose name is near a registered one', () => {
  let app: TestApp;
  let admin: Record<string, string>;
  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.as('ADMIN');
  });
  afterAll(() => app.close());

  const register = (key: string, code: string, name: string, distinctFrom?: string[]) =>
    app.graphql(REGISTER, { input: { idempotencyKey: key, code, name, kind: 'DEPARTMENT', ...(distinctFrom ? { distinctFrom } : {}) } }, admin);
  const unitCount = async () => ((await app.graphql('{ units { id } }', {}, admin)).data!.units as unknown[]).length;

  it('is refused naming the near unit, appends nothing, and registers once confirmed another unit', async () => {
    const fgw = (await register('near-fgw', 'NFGW', '青川市发展和改革委员会')).data!.registerUnit.id as string;
    const before = await unitCount();
    const refused = await register('near-sfgw', 'NSFGW', '市发改委');
    expect(refused.errors?.[0]).toMatchObject({
      extensions: {
        code: 'CONFLICT',
        messageZh: '单位“市发改委”与已登记的单位“青川市发展和改革委员会”（编码 NFGW）相近，可能是同一单位的不同写法：如是同一单位，无需再登记，请使用已登记的单位；如确是另一个单位，请确认“这是另一个单位”后再登记。',
        unitId: fgw,
        nearName: '青川市发展和改革委员会',
        nearUnitIds: [fgw],
      },
    });
    expect(await unitCount()).toBe(before);
    expect((await register('near-sfgw-confirmed', 'NSFGW', '市发改委', [fgw])).errors).toBeUndefined();
    expect(await unitCount()).toBe(before + 1);
  });

  it('registers numbered units and a joined body beside its parts without asking', async () => {
    for (const [code, name] of [['NYZ', '青川市第一中学'], ['NSYZ', '青川市第十一中学'], ['NEYZ', '青川市第二十一中学'], ['NLSJ', '青川县粮食局'], ['NFGLS', '青川县发展改革和粮食局']]) {
      expect((await register(`near-${code}`, code!, name!)).errors).toBeUndefined();
    }
  });
});

/*
 * Issue 10 (session 25): renaming asks about near names as registering does — 青川市体育局 renamed 青川市教育体育局 beside a
 * registered 青川市教育局 would make files naming either read as the other. Refused naming the near unit in Chinese, nothing
 * appended (the unit keeps its name), unless the office confirms it is another unit (distinctFrom).
 */
describe('Renaming a unit to a name near another registered one', () => {
  let app: TestApp;
  let admin: Record<string, string>;
  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.as('ADMIN');
  });
  afterAll(() => app.close());

  const register = (key: string, code: string, name: string) => app.graphql(REGISTER, { input: { idempotencyKey: key, code, name, kind: 'DEPARTMENT' } }, admin);
  const rename = (key: string, unitId: string, name: string, distinctFrom?: string[]) =>
    app.graphql(`mutation($input: RenameUnitInput!) { renameUnit(input: $input) { id name formerNames } }`, { input: { idempotencyKey: key, unitId, name, reason: '机构改革', ...(distinctFrom ? { distinctFrom } : {}) } }, admin);

  it('is refused naming the near unit, keeps the old name, and renames once confirmed another unit', async () => {
    const education = (await register('rename-jyj', 'RJYJ', '青川市教育局')).data!.registerUnit.id as string;
    const sports = (await register('rename-tyj', 'RTYJ', '青川市体育局')).data!.registerUnit.id as string;
    const refused = await rename('rename-near', sports, '青川市教育体育局');
    expect(refused.errors?.[0]).toMatchObject({
      extensions: {
        code: 'CONFLICT',
        field: 'name',
        messageZh: '新名称“青川市教育体育局”与已登记的单位“青川市教育局”（编码 RJYJ）相近，更名后文件中的这两个名称可能被当作同一单位：如确是同一单位，请使用“合并单位”，不要更名；如确是另一个单位，请确认“这是另一个单位”后再更名。',
        unitId: education,
        nearName: '青川市教育局',
        nearUnitIds: [education],
      },
    });
    const unit = async () => (await app.graphql(`query($id: ID!) { unit(id: $id) { name formerNames } }`, { id: sports }, admin)).data!.unit;
    expect(await unit()).toEqual({ name: '青川市体育局', formerNames: [] });
    const confirmed = await rename('rename-near-confirmed', sports, '青川市教育体育局', [education]);
    expect(confirmed.errors).toBeUndefined();
    expect(await unit()).toEqual({ name: '青川市教育体育局', formerNames: ['青川市体育局'] });
  });

  it('a name near only the unit’s own is not asked', async () => {
    const archives = (await register('rename-own', 'ROWN', '青川市档案局')).data!.registerUnit.id as string;
    expect((await rename('rename-own-1', archives, '青川市档案管理局')).errors).toBeUndefined();
  });
});
