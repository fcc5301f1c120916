import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testSigningKeyFile } from '../support/signing-key.js';
import { freshDatabasePath, startTestApp, type TestApp } from '../support/test-app.js';

/*
 * breaker52-9 S6, the breaker's steps over HTTP and with the compiled units:import tool: admin B previews a units file renaming
 * FGW (委员会 → 局); admin A renames FGW on the 单位名录 page meanwhile; B's import then wrote its name over A's, silently. Given
 * back the preview's directoryVersion (the web page's and --directory-version), the import is refused CONFLICT naming FGW, who
 * renamed it, when and to what, nothing appended; previewed again, it imports from A's name.
 */

const DEMO_ADMIN = { authorization: 'Bearer rct_demo_admin_qingchuan' };
const RENAMING = '编码,名称,类型,上级编码\nFGW,青川市发展和改革局,部门,\n';
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const IMPORT = 'mutation($i: ImportUnitsInput!) { importUnits(input: $i) { dryRun directoryVersion rows { code name renamedFrom action } renamed { code name } } }';

type Answer = { data?: { importUnits?: { dryRun: boolean; directoryVersion: string; rows: { code: string; name: string; renamedFrom: string | null; action: string }[]; renamed: { code: string; name: string }[] } } | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };

describe('a units import with 更名 after its preview, the unit renamed by a colleague in between (breaker52-9 S6)', () => {
  let app: TestApp;
  let sqlitePath: string;
  let adminB: Record<string, string>;
  let fgw: string;
  let renames = 0;

  beforeAll(async () => {
    sqlitePath = freshDatabasePath();
    app = await startTestApp({ sqlitePath, demoData: true, now: '2026-04-01T09:00:00+08:00' });
    adminB = await app.as('ADMIN');
    fgw = ((await app.graphql(`{ units { id code } }`)).data!.units as { id: string; code: string }[]).find((unit) => unit.code === 'FGW')!.id;
  });
  afterAll(() => app.close());

  const importUnits = (key: string, input: Record<string, unknown>) =>
    app.graphql(IMPORT, { i: { idempotencyKey: key, fileName: 'units.csv', contentBase64: base64(RENAMING), rename: true, ...input } }, adminB) as Promise<Answer>;
  /** Admin A's 更名 on the 单位名录 page, from the name the page showed. */
  const renameByA = async (name: string, expectedName: string) => {
    const answer = await app.graphql(`mutation($i: RenameUnitInput!) { renameUnit(input: $i) { name } }`, { i: { idempotencyKey: `rn-${(renames += 1)}`, unitId: fgw, name, expectedName, reason: '按编办批复' } }, DEMO_ADMIN);
    expect(answer.errors).toBeUndefined();
  };
  const nameNow = async () => ((await app.graphql(`query($id: ID!) { unit(id: $id) { name } }`, { id: fgw })).data!.unit as { name: string }).name;

  it('the import given the preview’s version is refused naming FGW, who renamed it, when, to what and why; nothing appended; previewed again, it imports', async () => {
    const preview = await importUnits('iu-dry', { dryRun: true });
    expect(preview.errors).toBeUndefined();
    expect(preview.data!.importUnits!.rows).toEqual([{ code: 'FGW', name: '青川市发展和改革局', renamedFrom: '青川市发展和改革委员会', action: 'RENAMED' }]);
    const version = preview.data!.importUnits!.directoryVersion;
    expect(version).toMatch(/^\d+$/u);

    await renameByA('青川市发展改革委员会', '青川市发展和改革委员会');
    const before = await app.logPosition();
    const refused = await importUnits('iu-go', { expectedDirectoryVersion: version });
    expect(refused.data?.importUnits ?? null).toBeNull();
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', field: 'expectedDirectoryVersion', codes: ['FGW'], expectedName: '青川市发展和改革委员会', currentName: '青川市发展改革委员会' });
    expect(refused.errors![0]!.extensions!.messageZh).toMatch(
      /^单位 FGW 的名称刚由.+改为“青川市发展改革委员会”（北京时间 2026-04-01 09:00；理由：按编办批复；导入预览显示的是“青川市发展和改革委员会”）：单位名录在预览之后已被修改，现在导入会覆盖这一修改。请重新预览（试导入）后再导入，本次未写入任何内容。$/u,
    );
    expect(await app.logPosition()).toBe(before);
    expect(await nameNow()).toBe('青川市发展改革委员会');

    const again = await importUnits('iu-dry-2', { dryRun: true });
    expect(again.data!.importUnits!.rows).toEqual([{ code: 'FGW', name: '青川市发展和改革局', renamedFrom: '青川市发展改革委员会', action: 'RENAMED' }]);
    const applied = await importUnits('iu-go-2', { expectedDirectoryVersion: again.data!.importUnits!.directoryVersion });
    expect(applied.errors).toBeUndefined();
    expect(applied.data!.importUnits!.renamed).toEqual([{ code: 'FGW', name: '青川市发展和改革局' }]);
    expect(await nameNow()).toBe('青川市发展和改革局');
    // The applied request sent again with its key: answered as applied, nothing appended twice.
    const position = await app.logPosition();
    const resent = await importUnits('iu-go-2', { expectedDirectoryVersion: again.data!.importUnits!.directoryVersion });
    expect(resent.errors).toBeUndefined();
    expect(await app.logPosition()).toBe(position);
  });

  it('units:import --rename takes the version its --dry-run printed: refused once FGW was renamed since, Chinese first; dry-run again, imported', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'rectify-units-cli-'));
    const file = join(folder, 'units-rename.csv');
    writeFileSync(file, '编码,名称,类型,上级编码\nFGW,青川市发展和改革委员会,部门,\n');
    const tool = (args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          [join(process.cwd(), 'dist/cli/import-units.js'), ...args],
          { env: { ...process.env, EVENT_STORE: 'sqlite', SQLITE_PATH: sqlitePath, NODE_ENV: 'test', LEDGER_SIGNING_KEY_FILE: testSigningKeyFile() } },
          (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
        );
      });
    const dry = await tool(['--rename', '--dry-run', file]);
    expect(dry.code).toBe(0);
    const printed = /--directory-version (\d+)/u.exec(dry.stdout);
    expect(printed).not.toBeNull();
    // The Chinese line comes first and gives the version too.
    expect(dry.stdout.indexOf('单位名录版本')).toBeLessThan(dry.stdout.indexOf('Directory version'));

    const current = await nameNow();
    await renameByA('青川市发展和改革委', current);
    await eventuallyProjected(app);
    const before = await app.logPosition();
    const refused = await tool(['--rename', '--directory-version', printed![1]!, file]);
    expect(refused.code).not.toBe(0);
    const said = `${refused.stdout}${refused.stderr}`;
    expect(said).toMatch(new RegExp(`单位 FGW 的名称刚由.+改为“青川市发展和改革委”（北京时间 .+；理由：按编办批复；导入预览显示的是“${current}”）`, 'u'));
    expect(said.indexOf('单位 FGW')).toBeLessThan(said.indexOf('unit FGW'));
    expect(await app.logPosition()).toBe(before);
    expect(await nameNow()).toBe('青川市发展和改革委');

    const second = /--directory-version (\d+)/u.exec((await tool(['--rename', '--dry-run', file])).stdout);
    const applied = await tool(['--rename', '--directory-version', second![1]!, file]);
    expect(applied.code).toBe(0);
    await eventuallyProjected(app);
    expect(await nameNow()).toBe('青川市发展和改革委员会');
  });
});

/** Waits until the server's read models have the log's head (a tool wrote it from another process). */
async function eventuallyProjected(app: TestApp): Promise<void> {
  for (let tries = 0; tries < 600; tries += 1) {
    const health = (await (await fetch(`${app.url}/health`)).json()) as { logPosition: string | null; projectedPosition: string | null };
    if (health.logPosition === health.projectedPosition) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the server did not catch up with the log');
}
