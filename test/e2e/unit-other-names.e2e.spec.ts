import { freshDatabasePath, startTestApp, type TestApp } from '../support/test-app.js';

/*
 * newcomer57-10 S1, the newcomer's flow over HTTP: the office's 单位名录 with 简称 and 曾用名 columns imports (previewed, then again
 * recording nothing); a plan naming 市大数据局 and a 台账 naming 青川市环境保护局 import with notices naming the unit; 市大数据局 typed
 * as a new unit is refused as the 简称 it is, and a new unit sharing a registered unit's word is told in the preview.
 */

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const UNITS = '编码,单位名称,简称,曾用名,单位类型\nSJJ2,青川市政务服务和大数据管理局,市大数据局,,部门\nSTHJJ2,青川市生态环境局,市生态环境局,青川市环境保护办公室、青川市环保办,部门\n';
const IMPORT_UNITS = 'mutation($i: ImportUnitsInput!) { importUnits(input: $i) { dryRun rows { code action shortNames earlierNames } noticesZh } }';
const PLAN = '序号,工作任务,牵头单位,配合单位,完成时限\n1,推进政务数据开放,市大数据局,,2026年12月31日\n2,公开环境信息,青川市环境保护办公室,,2026年12月31日\n';
const IMPORT_PLAN = 'mutation($i: ImportWorkPlanInput!) { importWorkPlan(input: $i) { itemCount noticesZh } }';

describe('a unit’s 简称 and 曾用名 from the office’s 单位名录 (newcomer57-10 S1)', () => {
  let app: TestApp;
  let admin: Record<string, string>;

  beforeAll(async () => {
    app = await startTestApp({ sqlitePath: freshDatabasePath(), demoData: true, now: '2026-04-01T09:00:00+08:00' });
    admin = await app.as('ADMIN');
  });
  afterAll(() => app.close());

  const importUnits = (key: string, content: string, extra: Record<string, unknown> = {}) =>
    app.graphql(IMPORT_UNITS, { i: { idempotencyKey: key, fileName: '单位名录-v1.csv', contentBase64: base64(content), registeredOn: '2026-01-01', ...extra } }, admin);

  it('imports the 简称 / 曾用名 columns, previewed first, and the same file again records nothing', async () => {
    const preview = await importUnits('u-dry', UNITS, { dryRun: true });
    expect(preview.errors).toBeUndefined();
    expect(preview.data!.importUnits).toMatchObject({
      dryRun: true,
      rows: [
        { code: 'SJJ2', action: 'REGISTERED', shortNames: ['市大数据局'], earlierNames: [] },
        { code: 'STHJJ2', action: 'REGISTERED', shortNames: ['市生态环境局'], earlierNames: ['青川市环境保护办公室', '青川市环保办'] },
      ],
    });
    expect((await importUnits('u-go', UNITS)).errors).toBeUndefined();
    const units = (await app.graphql('{ units { code shortNames earlierNames } }', {}, admin)).data!.units as { code: string; shortNames: string[]; earlierNames: string[] }[];
    expect(units.find((unit) => unit.code === 'STHJJ2')).toEqual({ code: 'STHJJ2', shortNames: ['市生态环境局'], earlierNames: ['青川市环境保护办公室', '青川市环保办'] });
    const before = await app.logPosition();
    const again = await importUnits('u-again', UNITS);
    expect(again.data!.importUnits.rows.map((row: { shortNames: string[]; earlierNames: string[] }) => [...row.shortNames, ...row.earlierNames])).toEqual([[], []]);
    expect(await app.logPosition()).toBe(before);
  });

  it('reads 市大数据局 and 青川市环境保护局 in a plan as their units, with notices', async () => {
    const supervisor = await app.as('SUPERVISOR');
    const answer = await app.graphql(IMPORT_PLAN, { i: { idempotencyKey: 'plan', fileName: '分解方案-v1.csv', contentBase64: base64(PLAN), title: '政务公开整改方案', year: 2026, approvedOn: '2026-03-01' } }, supervisor);
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.importWorkPlan.noticesZh).toEqual(
      expect.arrayContaining([
        '第 2 行：“市大数据局”是单位名录中登记的青川市政务服务和大数据管理局的简称，已按青川市政务服务和大数据管理局读取。',
        '第 3 行：“青川市环境保护办公室”是单位名录中登记的青川市生态环境局的曾用名，已按青川市生态环境局读取。',
      ]),
    );
  });

  it('refuses 市大数据局 registered as a new unit, and tells of a new unit sharing a registered unit’s word', async () => {
    const phantom = await importUnits('u-phantom', '编码,名称,类型\nDSJ,市大数据局,部门\n', { dryRun: true });
    expect(phantom.errors![0]!.extensions!.messageZh).toContain('“市大数据局”是单位名录中青川市政务服务和大数据管理局（编码 SJJ2）的简称');
    const near = await importUnits('u-near', '编码,名称,类型\nDSJZX,青川市大数据发展中心,部门\n', { dryRun: true });
    expect(near.errors).toBeUndefined();
    expect(near.data!.importUnits.noticesZh).toEqual(expect.arrayContaining([expect.stringMatching(/^第 2 行：新登记的“青川市大数据发展中心”（编码 DSJZX）与已登记的青川市政务服务和大数据管理局（编码 SJJ2）都有“大数据”/u)]));
  });

  it('records and removes a 简称 on the 单位名录 (recordUnitOtherNames / removeUnitOtherName); another unit’s name is refused naming both', async () => {
    const units = (await app.graphql('{ units { id code } }', {}, admin)).data!.units as { id: string; code: string }[];
    const sjj = units.find((unit) => unit.code === 'SJJ2')!.id;
    const record = (key: string, shortNames: string[]) => app.graphql('mutation($i: RecordUnitOtherNamesInput!) { recordUnitOtherNames(input: $i) { shortNames } }', { i: { idempotencyKey: key, unitId: sjj, shortNames } }, admin);
    expect((await record('r-1', ['市数据局'])).data!.recordUnitOtherNames.shortNames).toEqual(['市大数据局', '市数据局']);
    const taken = await record('r-2', ['青川市环境保护办公室']);
    expect(taken.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT' });
    expect(taken.errors![0]!.extensions!.messageZh).toMatch(/^“青川市环境保护办公室”不能登记为青川市政务服务和大数据管理局（编码 SJJ2）的简称：它已是青川市生态环境局（编码 STHJJ2）的曾用名/u);
    const removed = await app.graphql('mutation($i: RemoveUnitOtherNameInput!) { removeUnitOtherName(input: $i) { shortNames } }', { i: { idempotencyKey: 'rm-1', unitId: sjj, name: '市数据局' } }, admin);
    expect(removed.data!.removeUnitOtherName.shortNames).toEqual(['市大数据局']);
  });
});
