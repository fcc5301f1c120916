import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store.js';
import { unitIdForCode } from '../../src/organization/units/unit-id.js';
import { errorCode, freshDatabasePath, startTestApp, type GraphqlResponse, type TestApp } from '../support/test-app.js';
import { testSigningKeyFile } from '../support/signing-key.js';
import { PROCESS_TEST_CEILING_MS } from '../support/server-process.js';

/*
 * Importing plans, units and findings from files: with the command-line tools (compiled, as
 * `npm run plan:import` runs them) against the SQLite file of a running server, and with the
 * GraphQL mutations. All or nothing, every bad row listed, and the same file twice writes nothing.
 */

const SAMPLES = join(process.cwd(), 'samples');
const PLAN_TITLE = '青川市2026年政务公开工作要点';
/** The sample plan has items due 2026-03-31: it was approved before them, and is entered later. */
const PLAN_APPROVED_ON = '2026-03-01';
const HEADER = '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n';

/** A plan with four bad rows among good ones: missing title, unknown unit, impossible date, a code used twice. */
const BAD_PLAN =
  HEADER +
  '一,推进五公开,1,推进决策公开,,青川市人民政府办公室,,2026-06-30\n' +
  '一,推进五公开,2,,,青川市人民政府办公室,,2026-06-30\n' +
  '一,推进五公开,3,推进政策解读,,青川市不存在局,,2026-06-30\n' +
  '二,回应关切,4,回应社会关切,,FGW,,2026-02-30\n' +
  '二,回应关切,1,重复的编号,,CZJ,,2026-07-01\n';

/** newcomer25 S8's file: 青川市教育体育局 is not registered, 青川市教育局 (JYJ) is. */
const NEAR_NAME_PLAN = '序号,工作任务,牵头单位,配合单位,完成时限\n1,推进体育场馆开放信息公开,青川市教育体育局,,2026年12月31日\n2,公开校园安全信息,青川市教育局,,2026年12月31日\n';

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const base64 = (content: string | Buffer) => Buffer.from(content).toString('base64');
const sample = (name: string) => readFileSync(join(SAMPLES, name));

const IMPORT_PLAN = `mutation($input: ImportWorkPlanInput!) {
  importWorkPlan(input: $input) { planId title year categoryCount itemCount unitCount itemsDefined alreadyImported categories { code itemCount } }
}`;
const IMPORT_UNITS = `mutation($input: ImportUnitsInput!) {
  importUnits(input: $input) { created { id code name kind parentUnitId } alreadyRegistered { code } }
}`;
const IMPORT_FINDINGS = `mutation($input: ImportFindingsInput!) {
  importFindings(input: $input) { evaluationId recordedCount alreadyRecordedCount findings { id title severity concernedUnitIds } }
}`;

type Problems = { row: number | null; reason: string }[];
const problemsOf = (response: GraphqlResponse) => (response.errors?.[0]?.extensions as { problems?: Problems } | undefined)?.problems;

/** Each command-line test starts tool processes: a ceiling for a loaded machine (seen past 30 s at a load of 25), never a timing. */

describe('Importing plans, units and findings', () => {
  let app: TestApp;
  let sqlitePath: string;
  let folder: string;

  /** Runs a compiled import tool against the app's SQLite file, as another process. */
  const cli = (tool: string, args: string[]) =>
    new Promise<CliResult>((resolve) => {
      execFile(
        process.execPath,
        [join(process.cwd(), 'dist/cli', `${tool}.js`), ...args],
        { env: { ...process.env, EVENT_STORE: 'sqlite', SQLITE_PATH: sqlitePath, NODE_ENV: 'test', LEDGER_SIGNING_KEY_FILE: testSigningKeyFile() } },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });

  /** Waits until the server has projected what other processes appended: polled every 50 ms, with a 60 s ceiling for a loaded machine (it gave up after 100 polls, about 5 s when the machine is quiet). */
  const caughtUp = async () => {
    for (const ceiling = Date.now() + 60_000; Date.now() < ceiling; ) {
      const health = (await (await fetch(`${app.url}/health`)).json()) as { logPosition: string | null; projectedPosition: string | null };
      if (health.logPosition === health.projectedPosition) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the server did not catch up with the log within 60 s');
  };

  const eventTypes = async (): Promise<string[]> => {
    const store = new SqliteEventStore(sqlitePath);
    try {
      return (await store.readAll()).map((event) => event.type);
    } finally {
      await store.close();
    }
  };

  const writeFile = (name: string, content: string) => {
    const path = join(folder, name);
    writeFileSync(path, content);
    return path;
  };

  beforeAll(async () => {
    sqlitePath = freshDatabasePath();
    folder = mkdtempSync(join(tmpdir(), 'rectify-import-'));
    // Room for a request just over the 5 MB file limit, so that the import's own limit answers.
    app = await startTestApp({ sqlitePath, settings: { REQUEST_MAX_BYTES: String(8 * 1024 * 1024) } });
  });

  afterAll(() => app.close());

  describe('with the command-line tools, while the server runs', () => {
    it('registers the units directory', async () => {
      // The tools run on today's clock, the server on the test's: the directory predates both.
      const result = await cli('import-units', [join(SAMPLES, 'units.csv'), '--registered-on', '2026-01-01']);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      // breaker9e P2: Chinese first, then the English.
      expect(result.stdout.trim()).toBe('已导入 units.csv：登记 15 个单位，0 个已在名录中。\nImported units.csv: 15 units registered, 0 already in the directory.');

      await caughtUp();
      const units = await app.graphql<{ units: { code: string; parentUnitId: string | null }[] }>('{ units { code parentUnitId } }');
      expect(units.data?.units).toHaveLength(15);
      expect(units.data?.units.find((unit) => unit.code === 'OPENNESS')?.parentUnitId).toBe(unitIdForCode('GOV-OFFICE'));
    }, PROCESS_TEST_CEILING_MS);

    it('imports the sample plan from XLSX: 3 categories, 35 items, 15 units', async () => {
      const result = await cli('import-work-plan', [join(SAMPLES, 'work-plan-2026.xlsx'), '--title', PLAN_TITLE, '--approved-on', PLAN_APPROVED_ON]);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toContain(`Imported ${PLAN_TITLE} (2026): 3 categories, 35 items, 15 units involved.`);

      const types = await eventTypes();
      expect(types.filter((type) => type === 'WorkPlanImported')).toHaveLength(1);
      expect(types.filter((type) => type === 'WorkPlanItemDefined')).toHaveLength(35);

      await caughtUp();
      const plans = await app.graphql<{ workPlans: { id: string; title: string; year: number }[] }>('{ workPlans { id title year } }');
      const plan = plans.data?.workPlans.find((each) => each.title === PLAN_TITLE);
      expect(plan).toMatchObject({ year: 2026 });
      const breakdown = await app.graphql<{ workPlan: { categories: { code: string; items: { code: string }[] }[] } }>(
        'query($id: ID!) { workPlan(id: $id) { categories { code items { code } } } }',
        { id: plan!.id },
      );
      expect(breakdown.errors).toBeUndefined();
      expect(breakdown.data?.workPlan.categories.map((category) => category.code)).toEqual(['一', '二', '三']);
      expect(breakdown.data?.workPlan.categories.flatMap((category) => category.items)).toHaveLength(35);
    }, PROCESS_TEST_CEILING_MS);

    it('writes nothing when the same file is imported again', async () => {
      const before = await app.logPosition();
      const result = await cli('import-work-plan', [join(SAMPLES, 'work-plan-2026.xlsx'), '--title', PLAN_TITLE, '--approved-on', PLAN_APPROVED_ON]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('was imported before, with the same items');
      expect(await app.logPosition()).toBe(before);

      const units = await cli('import-units', [join(SAMPLES, 'units.csv')]);
      expect(units.stdout.trim()).toBe('units.csv 中的单位均已在名录中（15 个），未写入任何内容。\nEvery unit of units.csv is already in the directory (15). Nothing was written.');
      expect(await app.logPosition()).toBe(before);
    }, PROCESS_TEST_CEILING_MS);

    it('takes the sample plan with its title retyped (full-width digits, 年度) for the imported plan, never a second one (breaker10c P7)', async () => {
      const before = await app.logPosition();
      const retyped = PLAN_TITLE.replace('2026年', '２０２６年度');
      const result = await cli('import-work-plan', [join(SAMPLES, 'work-plan-2026.xlsx'), '--title', retyped, '--approved-on', PLAN_APPROVED_ON]);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toContain(`${PLAN_TITLE} (2026) was imported before, with the same items`);
      expect(await app.logPosition()).toBe(before);
    }, PROCESS_TEST_CEILING_MS);

    it('reads an adjustment notice (关于调整…的通知) as the plan it adjusts, and refuses a file of that plan’s items under another title (breaker10t P12)', async () => {
      const before = await app.logPosition();
      const rows = readFileSync(join(SAMPLES, 'work-plan-2026.csv'), 'utf8').replace(/^\uFEFF/u, '');
      const notice = await cli('import-work-plan', [writeFile('adjustment-notice.csv', `关于调整${PLAN_TITLE}的通知\n${rows}`), '--approved-on', PLAN_APPROVED_ON]);
      expect(notice).toMatchObject({ code: 0, stderr: '' });
      expect(notice.stdout).toContain(`${PLAN_TITLE} (2026) was imported before, with the same items`);
      // Another title, every item the plan's: refused naming it (the command line knew no plan's items: imported as a second plan).
      const renamed = await cli('import-work-plan', [writeFile('other-title.csv', `某区2026年自定工作清单\n${rows}`), '--approved-on', PLAN_APPROVED_ON]);
      expect(renamed.code).toBe(1);
      expect(`${renamed.stdout}${renamed.stderr}`).toContain(`35 项事项都已是已导入的2026年方案“${PLAN_TITLE}”的事项`);
      expect(await app.logPosition()).toBe(before);
    }, PROCESS_TEST_CEILING_MS);

    // newcomer52-10 S3: the plan's own file under a title typed slightly otherwise (--title, the 导入 page's 方案标题) was imported as a
    // second plan duplicating every item, a notice all. Refused naming the plan and both ways on, dry run too; --separate-plan imports it on purpose.
    it('refuses a file of the plan’s items under a title typed otherwise, even given with --title, naming the plan; --separate-plan imports it as another plan on purpose', async () => {
      const before = await app.logPosition();
      const file = join(SAMPLES, 'work-plan-2026.csv');
      const retitled = '青川市2026年政务公开要点分解表';
      for (const dryRun of [['--dry-run'], []]) {
        const refused = await cli('import-work-plan', [file, '--title', retitled, '--approved-on', PLAN_APPROVED_ON, ...dryRun]);
        expect(refused.code).toBe(1);
        const said = `${refused.stdout}${refused.stderr}`;
        expect(said).toContain(`“${retitled}”的 35 项事项都已是已导入的2026年方案“${PLAN_TITLE}”的事项：作为另一份方案导入，每个事项都会重复一份`);
        expect(said).toContain(`用 --title 给出“${PLAN_TITLE}”`);
        expect(said).toContain('--separate-plan');
      }
      expect(await app.logPosition()).toBe(before);
      const separate = await cli('import-work-plan', [file, '--title', retitled, '--approved-on', PLAN_APPROVED_ON, '--separate-plan', '--dry-run']);
      expect(separate).toMatchObject({ code: 0, stderr: '' });
      expect(separate.stdout).toContain(retitled);
      expect(await app.logPosition()).toBe(before);
    }, PROCESS_TEST_CEILING_MS);

    it('refuses a plan with bad rows, listing every one, and writes nothing', async () => {
      const before = await app.logPosition();
      const result = await cli('import-work-plan', [writeFile('bad-plan.csv', BAD_PLAN)]);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      const lines = result.stderr.trim().split('\n');
      // breaker9c P11, breaker9e P2: the refusal in Chinese first, every problem in its Chinese words, then the English.
      expect(lines[0]).toBe('拒绝导入：bad-plan.csv 未导入（4 个问题），未写入任何内容。');
      expect(lines.slice(1, 5)).toEqual([
        expect.stringMatching(/^第 3 行：/),
        expect.stringMatching(/^第 4 行：.*青川市不存在局/),
        expect.stringMatching(/^第 5 行：.*2026-02-30/),
        expect.stringMatching(/^第 6 行：/),
      ]);
      expect(lines.slice(1, 5).join('')).toMatch(/[\u4e00-\u9fff]/);
      expect(lines[5]).toBe('Refused: bad-plan.csv was not imported (4 problems); nothing was written.');
      expect(lines.slice(6)).toEqual([
        expect.stringMatching(/^row 3: Missing title/),
        expect.stringMatching(/^row 4: Unknown lead unit "青川市不存在局"/),
        expect.stringMatching(/^row 5: Due date \(完成时限\) 2026-02-30 does not exist/),
        expect.stringMatching(/^row 6: Duplicate item code 1: already used on row 2/),
      ]);
      expect(await app.logPosition()).toBe(before);
    }, PROCESS_TEST_CEILING_MS);

    // newcomer25 S8: 青川市教育体育局 (not registered) was imported as 青川市教育局's work, exit 0, with a notice.
    it('refuses a plan naming a unit by a longer near name, telling --near, and reads it as that unit with --near', async () => {
      const before = await app.logPosition();
      const plan = writeFile('near-names.csv', NEAR_NAME_PLAN);
      const refused = await cli('import-work-plan', [plan, '--title', '近似名称测试', '--year', '2026', '--dry-run']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(
        '第 2 行：牵头单位“青川市教育体育局”不在单位名录中。它与已登记的“青川市教育局”（编码 JYJ）相近，但多出“体育”，不是其简称，未按该单位读取：如确指该单位，请用 --near 青川市教育体育局 确认后重新导入；',
      );
      const confirmed = await cli('import-work-plan', [plan, '--title', '近似名称测试', '--year', '2026', '--dry-run', '--near', '青川市教育体育局']);
      expect(confirmed).toMatchObject({ code: 0, stderr: '' });
      expect(confirmed.stdout).toContain('第 2 行：“青川市教育体育局”不是单位名录中的名称，已按确认读作相近的“青川市教育局”。');
      expect(await app.logPosition()).toBe(before);
    }, PROCESS_TEST_CEILING_MS);

    // newcomer45-10 M3: a near-duplicate title was confirmed only on the web page; the tool sent its user there.
    it('refuses a finding a character from another row, telling --distinct-title, and records both with it', async () => {
      const evaluationId = await registerEvaluation('cli-distinct-title');
      const list = writeFile('near-titles.csv', '问题,具体表现,类别,严重程度,涉及单位\n政务微博更新不及时超过三个月,抽查发现,政务新媒体,一般,青川市民政局\n政务微信更新不及时超过三个月,抽查发现,政务新媒体,一般,青川市交通运输局\n');
      const before = await app.logPosition();
      const refused = await cli('import-findings', ['--evaluation', evaluationId, list, '--dry-run']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('如确是另一个问题，请用 --distinct-title 政务微信更新不及时超过三个月 确认后重新导入。');
      expect(refused.stderr).toContain('the tools: --distinct-title 政务微信更新不及时超过三个月');
      const confirmed = await cli('import-findings', ['--evaluation', evaluationId, list, '--distinct-title', '政务微信更新不及时超过三个月']);
      expect(confirmed).toMatchObject({ code: 0, stderr: '' });
      expect(confirmed.stdout).toMatch(/登记 2 个问题/);
      expect(await app.logPosition()).not.toBe(before);
      const usage = await cli('import-findings', ['--help']);
      expect(`${usage.stdout}${usage.stderr}`).toContain('--distinct-title <问题名称>');
    }, PROCESS_TEST_CEILING_MS);

    it('records findings on an evaluation, and explains a wrong evaluation id', async () => {
      const evaluationId = await registerEvaluation('cli-evaluation');
      const result = await cli('import-findings', ['--evaluation', evaluationId, join(SAMPLES, 'findings-2025.csv')]);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      // The evaluation by its title, not its id (s16 S6, newcomer19).
      expect(result.stdout).toMatch(/^已导入 findings-2025\.csv：在评估“2025年度政务公开第三方评估报告 cli-evaluation”下登记 \d 个问题/);
      expect(result.stdout).toMatch(/\nImported findings-2025\.csv: \d findings recorded on evaluation /);

      const unknown = await cli('import-findings', ['--evaluation', '00000000-0000-4000-8000-000000000000', join(SAMPLES, 'findings-2025.csv')]);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('Evaluation 00000000-0000-4000-8000-000000000000 does not exist.');

      const usage = await cli('import-findings', [join(SAMPLES, 'findings-2025.csv')]);
      expect(usage.code).toBe(2);
      expect(usage.stderr).toContain('Usage: npm run findings:import');

      const badDay = await cli('import-findings', ['--evaluation', evaluationId, '--identified-on', '2026-3-20', join(SAMPLES, 'findings-2025.csv')]);
      expect(badDay.code).toBe(2);
      expect(badDay.stderr).toContain('--identified-on must be a day written YYYY-MM-DD');
    }, PROCESS_TEST_CEILING_MS);
  });

  describe('with the GraphQL mutations', () => {
    it('imports a plan (YAML) for a supervisor or an admin, once', async () => {
      // The YAML's own title is the plan imported above (from the XLSX) with words added, and its items are that plan's: taken
      // for a second plan it would duplicate every item (breaker41-10 P6), so it is refused, naming the plan — nothing written.
      const sameItems = { idempotencyKey: 'plan-yaml-0', fileName: 'work-plan-2026.yaml', contentBase64: base64(sample('work-plan-2026.yaml')), approvedOn: PLAN_APPROVED_ON };
      const admin = await app.as('ADMIN');
      const unchanged = await app.logPosition();
      const refused = await app.graphql(IMPORT_PLAN, { input: sameItems }, admin);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'title', repeatedPlan: PLAN_TITLE });
      expect(await app.logPosition()).toBe(unchanged);
      // Under a title of its own (a YAML document's title comes before the options) it is refused too (newcomer52-10 S3: a title
      // typed otherwise made a second plan duplicating every item); separatePlan imports it as a plan of its own on purpose.
      const retitled = sample('work-plan-2026.yaml').toString('utf8').replace(/^title: .*$/m, 'title: 青川市2026年政务公开重点任务清单');
      const input = { ...sameItems, idempotencyKey: 'plan-yaml-1', contentBase64: Buffer.from(retitled, 'utf8').toString('base64') };
      const titled = await app.graphql(IMPORT_PLAN, { input }, admin);
      expect(titled.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'title', repeatedPlan: PLAN_TITLE });
      expect(await app.logPosition()).toBe(unchanged);
      const imported = await app.graphql(IMPORT_PLAN, { input: { ...input, idempotencyKey: 'plan-yaml-2', separatePlan: true } }, admin);
      expect(imported.errors).toBeUndefined();
      expect(imported.data?.importWorkPlan).toMatchObject({
        title: '青川市2026年政务公开重点任务清单',
        year: 2026,
        categoryCount: 3,
        itemCount: 35,
        unitCount: 15,
        itemsDefined: 35,
        alreadyImported: false,
      });
      expect(imported.data?.importWorkPlan.categories.map((category: { itemCount: number }) => category.itemCount).reduce((a: number, b: number) => a + b)).toBe(35);

      // The mutation returns once the read models have the plan.
      const plan = await app.graphql('query($id: ID!) { workPlan(id: $id) { title categories { items { code } } } }', {
        id: imported.data?.importWorkPlan.planId,
      });
      expect(plan.data?.workPlan.categories.flatMap((category: { items: unknown[] }) => category.items)).toHaveLength(35);

      const before = await app.logPosition();
      const again = await app.graphql(IMPORT_PLAN, { input: { ...input, idempotencyKey: 'plan-yaml-2' } });
      expect(again.data?.importWorkPlan).toMatchObject({ planId: imported.data?.importWorkPlan.planId, itemsDefined: 0, alreadyImported: true });
      expect(await app.logPosition()).toBe(before);
    });

    it("keeps an import's idempotency key for its one request: a retry answers the first plan, another file or other options under it are CONFLICT", async () => {
      // An item of its own: a file whose every item is the sample plan's is refused whatever its title (newcomer52-10 S3).
      const file = HEADER + '一,推进五公开,1,推进同一标识测试事项,,青川市人民政府办公室,,2026-06-30\n';
      const input = { idempotencyKey: 'one-key-plan', fileName: 'one-key.csv', contentBase64: base64(file), title: '同一标识的方案', year: 2026 };
      const first = await app.graphql(IMPORT_PLAN, { input });
      expect(first.errors).toBeUndefined();
      expect(first.data?.importWorkPlan).toMatchObject({ title: '同一标识的方案', itemCount: 1, itemsDefined: 1 });
      const before = await app.logPosition();

      const retry = await app.graphql(IMPORT_PLAN, { input });
      expect(retry.errors).toBeUndefined();
      // The first result, not "imported before": the retry is that request (issue 9, second breaker, 4).
      expect(retry.data?.importWorkPlan).toEqual(first.data?.importWorkPlan);
      expect(await app.logPosition()).toBe(before);

      // The same request however it is spelt: the file uploaded first and named by its fileId, its
      // base64 broken into lines, the options' defaults written out. Each answers the first plan.
      const uploaded = await fetch(`${app.url}/imports/files?name=one-key.csv`, { method: 'POST', headers: await app.as('SUPERVISOR'), body: file });
      const { fileId } = (await uploaded.json()) as { fileId: string };
      const { contentBase64: _inline, ...withoutContent } = input;
      const sameRequest = [
        { ...withoutContent, fileId },
        { ...input, contentBase64: base64(file).replace(/(.{20})/g, '$1\n') },
        { ...input, dryRun: false, revise: false },
        { ...input, dryRun: null, revise: null, sheet: null },
        // The days it took by default, today's, written out (issue 9, second breaker, 5).
        { ...input, approvedOn: '2026-04-01' },
        { ...input, approvedOn: '2026-04-01', assignedOn: '2026-04-01' },
      ];
      for (const same of sameRequest) {
        const answered = await app.graphql(IMPORT_PLAN, { input: same });
        expect(answered.errors).toBeUndefined();
        expect(answered.data?.importWorkPlan).toEqual(first.data?.importWorkPlan);
        expect(await app.logPosition()).toBe(before);
      }
      // Another day was not what the first request asked.
      expect(errorCode(await app.graphql(IMPORT_PLAN, { input: { ...input, approvedOn: '2026-03-31' } }))).toBe('CONFLICT');

      const otherFile = HEADER + '二,回应关切,1,回应社会关切,,FGW,,2026-07-01\n';
      const reused = [
        { ...input, contentBase64: base64(otherFile), title: '另一份方案' },
        { ...input, fileName: 'renamed.csv' },
        { ...input, year: 2027 },
      ];
      for (const other of reused) {
        const refused = await app.graphql(IMPORT_PLAN, { input: other });
        expect(errorCode(refused)).toBe('CONFLICT');
        expect(refused.errors?.[0]?.message).toContain('idempotency key was already used for a different request');
        expect(await app.logPosition()).toBe(before);
      }
      // The key is the caller's: an admin's key of the same name is another request.
      const otherCaller = await app.graphql(IMPORT_PLAN, { input: reused[0] }, await app.as('ADMIN'));
      expect(otherCaller.errors).toBeUndefined();

      // A revision's retry answers the revision it applied, though the plan now reads as revised.
      const REVISE = `mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId itemCount itemsDefined alreadyImported revision { added { code } withdrawn { code } redated { code from to } summary } } }`;
      const nextVersion = HEADER + '一,推进五公开,1,推进同一标识测试事项,,青川市人民政府办公室,,2026-09-30\n一,推进五公开,2,推进执行公开,,青川市人民政府办公室,,2026-10-31\n';
      const revise = { ...input, idempotencyKey: 'one-key-plan-v2', fileName: 'one-key-v2.csv', contentBase64: base64(nextVersion), revise: true, withdrawMissing: true };
      const revised = await app.graphql(REVISE, { input: revise });
      expect(revised.errors).toBeUndefined();
      expect(revised.data?.importWorkPlan).toMatchObject({
        itemCount: 2,
        itemsDefined: 1,
        alreadyImported: false,
        revision: { added: [{ code: '2' }], withdrawn: [], redated: [{ code: '1', from: '2026-06-30', to: '2026-09-30' }] },
      });
      const afterRevision = await app.logPosition();
      for (const same of [revise, { ...revise, assignedOn: '2026-04-01' }]) {
        const again = await app.graphql(REVISE, { input: same });
        expect(again.errors).toBeUndefined();
        expect(again.data?.importWorkPlan).toEqual(revised.data?.importWorkPlan);
        expect(await app.logPosition()).toBe(afterRevision);
      }
      // The same file under a new key is the plan as it stands: imported before, nothing to revise.
      const sameFile = await app.graphql(REVISE, { input: { ...revise, idempotencyKey: 'one-key-plan-v2-again' } });
      expect(sameFile.data?.importWorkPlan).toMatchObject({ itemsDefined: 0, alreadyImported: true, revision: null });
    });

    it('refuses a plan with bad rows with every problem in extensions.problems, writing nothing', async () => {
      const before = await app.logPosition();
      const response = await app.graphql(IMPORT_PLAN, {
        input: { idempotencyKey: 'bad-plan', fileName: 'bad-plan.csv', contentBase64: base64(BAD_PLAN), title: '坏的方案', year: 2026 },
      });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0]?.message).toMatch(/^bad-plan\.csv was not imported \(4 problems on rows 3, 4, 5, 6\); nothing was written\./);
      expect(problemsOf(response)?.map((problem) => problem.row)).toEqual([3, 4, 5, 6]);
      expect(problemsOf(response)?.[1]?.reason).toContain('Unknown lead unit "青川市不存在局"');
      expect(await app.logPosition()).toBe(before);
    });

    it('refuses a longer near unit name with the name to confirm in extensions.problems, and imports it as that unit once confirmed (nearNames, newcomer25 S8)', async () => {
      const before = await app.logPosition();
      const input = { fileName: 'near-names.csv', contentBase64: base64(NEAR_NAME_PLAN), title: '近似名称 GraphQL', year: 2026, approvedOn: PLAN_APPROVED_ON };
      const refused = await app.graphql(IMPORT_PLAN, { input: { ...input, idempotencyKey: 'near-plan-refused' } });
      expect(errorCode(refused)).toBe('BAD_USER_INPUT');
      expect(problemsOf(refused)).toEqual([expect.objectContaining({ row: 2, nearName: '青川市教育体育局', reasonZh: expect.stringContaining('与已登记的“青川市教育局”（编码 JYJ）相近') })]);
      expect(await app.logPosition()).toBe(before);

      const imported = await app.graphql(IMPORT_PLAN.replace('categories {', 'noticesZh categories {'), { input: { ...input, idempotencyKey: 'near-plan', nearNames: ['青川市教育体育局'] } });
      expect(imported.errors).toBeUndefined();
      expect(imported.data?.importWorkPlan).toMatchObject({ itemCount: 2, unitCount: 1 });
      expect(imported.data?.importWorkPlan.noticesZh).toContain('第 2 行：“青川市教育体育局”不是单位名录中的名称，已按确认读作相近的“青川市教育局”。');
      const items = await app.graphql<{ workPlan: { categories: { items: { parts: { unitId: string; role: string }[] }[] }[] } }>(
        'query($id: ID!) { workPlan(id: $id) { categories { items { parts { unitId role } } } } }',
        { id: imported.data!.importWorkPlan.planId },
      );
      expect(items.data?.workPlan.categories.flatMap((category) => category.items.map((item) => item.parts))).toEqual([[{ unitId: unitIdForCode('JYJ'), role: 'LEAD' }], [{ unitId: unitIdForCode('JYJ'), role: 'LEAD' }]]);
    });

    it('refuses another version of an imported plan (same title and year) unless asked to revise, naming the difference', async () => {
      const before = await app.logPosition();
      const otherVersion = HEADER + '一,推进五公开,1,推进决策公开,,青川市人民政府办公室,,2026-06-30\n';
      const response = await app.graphql(IMPORT_PLAN, {
        input: { idempotencyKey: 'other-version', fileName: 'plan-v2.csv', contentBase64: base64(otherVersion), title: PLAN_TITLE, year: 2026 },
      });
      expect(errorCode(response)).toBe('CONFLICT');
      expect(response.errors?.[0]?.message).toContain('is a new version of it');
      expect(response.errors?.[0]?.message).toContain('--revise (revise: true)');
      expect(await app.logPosition()).toBe(before);
      const dryRun = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { dryRun alreadyImported revision { withdrawn { code } summary } } }`, {
        input: { idempotencyKey: 'other-version-dry-run', fileName: 'plan-v2.csv', contentBase64: base64(otherVersion), title: PLAN_TITLE, year: 2026, dryRun: true },
      });
      expect(dryRun.errors).toBeUndefined();
      expect(dryRun.data!.importWorkPlan).toMatchObject({ dryRun: true, alreadyImported: false, revision: { summary: expect.stringContaining('撤销') } });
      expect(await app.logPosition()).toBe(before);
    });

    it('refuses an unknown file type, content that is not base64, and a file over 5 MB', async () => {
      const before = await app.logPosition();
      const send = (fileName: string, contentBase64: string) =>
        app.graphql(IMPORT_PLAN, { input: { idempotencyKey: `refused-${fileName}`, fileName, contentBase64 } });

      const unknown = await send('plan.txt', base64('whatever'));
      expect(errorCode(unknown)).toBe('BAD_USER_INPUT');
      expect(problemsOf(unknown)).toEqual([{ row: null, reason: expect.stringContaining('Unknown file type'), reasonZh: expect.stringContaining('无法识别的文件类型') }]);
      // An old Excel or a WPS file, by name or renamed (its bytes), is told how to go on (breaker11i P7).
      const ole2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]).toString('base64');
      for (const [fileName, content] of [['plan.xls', base64('whatever')], ['分解方案.et', ole2], ['分解方案.xlsx', ole2]] as const) {
        const refused = await send(fileName, content);
        expect(errorCode(refused)).toBe('BAD_USER_INPUT');
        expect(problemsOf(refused)).toEqual([{ row: null, reason: expect.stringContaining('save it as an Excel workbook (.xlsx)'), reasonZh: expect.stringContaining('“另存为”Excel 工作簿（.xlsx）后再导入') }]);
      }

      expect(errorCode(await send('plan.csv', 'not base64!'))).toBe('BAD_USER_INPUT');

      const huge = await send('plan.csv', 'A'.repeat(Math.ceil(((5 * 1024 * 1024 + 3) * 4) / 3)));
      expect(errorCode(huge)).toBe('BAD_USER_INPUT');
      expect(huge.errors?.[0]?.message).toMatch(/at most 5,242,880 bytes \(5 MB\)/);
      expect(await app.logPosition()).toBe(before);
    });

    it('lets neither a unit user nor an inspector import a plan, and writes nothing for them', async () => {
      const unitUser = await app.as('UNIT', unitIdForCode('FGW'));
      const inspector = await app.as('INSPECTOR');
      const before = await app.logPosition();
      const input = { idempotencyKey: 'unit-plan', fileName: 'work-plan-2026.csv', contentBase64: base64(sample('work-plan-2026.csv')), title: '单位自拟方案' };
      expect(errorCode(await app.graphql(IMPORT_PLAN, { input }, unitUser))).toBe('FORBIDDEN');
      expect(errorCode(await app.graphql(IMPORT_PLAN, { input }, inspector))).toBe('FORBIDDEN');
      expect(await app.logPosition()).toBe(before);
    });

    it('imports units for an admin only: new ones registered parents first, known ones left alone', async () => {
      const file =
        '编码,名称,类型,上级编码\n' +
        'SJJ-XC,青川市审计局巡查组,其他,SJJ\n' +
        'SJJ,青川市审计局,部门,\n' +
        'FGW,青川市发展和改革委员会,部门,\n';
      const input = { idempotencyKey: 'units-1', fileName: 'more-units.csv', contentBase64: base64(file) };

      const supervisor = await app.graphql(IMPORT_UNITS, { input });
      expect(errorCode(supervisor)).toBe('FORBIDDEN');

      const imported = await app.graphql(IMPORT_UNITS, { input }, await app.as('ADMIN'));
      expect(imported.errors).toBeUndefined();
      expect(imported.data?.importUnits).toEqual({
        created: [
          { id: unitIdForCode('SJJ'), code: 'SJJ', name: '青川市审计局', kind: 'DEPARTMENT', parentUnitId: null },
          { id: unitIdForCode('SJJ-XC'), code: 'SJJ-XC', name: '青川市审计局巡查组', kind: 'OTHER', parentUnitId: unitIdForCode('SJJ') },
        ],
        alreadyRegistered: [{ code: 'FGW' }],
      });

      const bad = '编码,名称,类型,上级编码\nJTJ,青川市交通局,部门,\nNEW,新单位,委员会,\nNEW2,新单位二,部门,NOPE\n';
      const before = await app.logPosition();
      const refused = await app.graphql(
        IMPORT_UNITS,
        { input: { idempotencyKey: 'units-bad', fileName: 'bad-units.csv', contentBase64: base64(bad) } },
        await app.as('ADMIN'),
      );
      expect(errorCode(refused)).toBe('BAD_USER_INPUT');
      expect(problemsOf(refused)?.map((problem) => problem.row)).toEqual([2, 3, 4]);
      expect(await app.logPosition()).toBe(before);

      // Its defaults written out (today's registration day too), it is the same request: the first
      // answer — the units it registered, not "already registered" —, nothing appended; on the next day too.
      const beforeRetry = await app.logPosition();
      const spelledOut = await app.graphql(IMPORT_UNITS, { input: { ...input, rename: false, dryRun: false, registeredOn: '2026-04-01' } }, await app.as('ADMIN'));
      expect(spelledOut.errors).toBeUndefined();
      expect(spelledOut.data?.importUnits).toEqual(imported.data?.importUnits);
      app.clock.set('2026-04-02T09:00:00+08:00');
      try {
        for (const same of [input, { ...input, registeredOn: '2026-04-01' }]) {
          expect((await app.graphql(IMPORT_UNITS, { input: same }, await app.as('ADMIN'))).data?.importUnits).toEqual(imported.data?.importUnits);
        }
        expect(errorCode(await app.graphql(IMPORT_UNITS, { input: { ...input, registeredOn: '2026-04-02' } }, await app.as('ADMIN')))).toBe('CONFLICT');
      } finally {
        app.clock.set('2026-04-01T09:00:00+08:00');
      }
      expect(await app.logPosition()).toBe(beforeRetry);
      // A file whose units are all registered already appends nothing, and still takes its key.
      const nothingNew = { idempotencyKey: 'units-nothing-new', fileName: 'known.csv', contentBase64: base64('编码,名称,类型,上级编码\nFGW,青川市发展和改革委员会,部门,\n') };
      expect((await app.graphql(IMPORT_UNITS, { input: nothingNew }, await app.as('ADMIN'))).data?.importUnits).toEqual({ created: [], alreadyRegistered: [{ code: 'FGW' }] });
      const afterNothing = await app.logPosition();
      const underTakenKey = await app.graphql(IMPORT_UNITS, { input: { ...nothingNew, contentBase64: base64('编码,名称,类型,上级编码\nWJW2,青川市卫健委二,部门,\n') } }, await app.as('ADMIN'));
      expect(errorCode(underTakenKey)).toBe('CONFLICT');
      expect(await app.logPosition()).toBe(afterNothing);
      // The first import's key names that request only: another file under it is CONFLICT.
      const reused = await app.graphql(IMPORT_UNITS, { input: { ...input, contentBase64: base64('编码,名称,类型,上级编码\nWJW,青川市卫生健康委员会,部门,\n') } }, await app.as('ADMIN'));
      expect(errorCode(reused)).toBe('CONFLICT');
      expect(await app.logPosition()).toBe(before);
    });

    it('takes a units file\'s parent by name (主管单位) and answers the columns it did not import (breaker10b N16)', async () => {
      const file = '编码,名称,类型,主管单位,联系人\nTJJ,青川市统计局,部门,青川市发展和改革委员会,张三\n';
      const answer = await app.graphql(
        `mutation($input: ImportUnitsInput!) { importUnits(input: $input) { created { code parentUnitId } notImported noticesZh } }`,
        { input: { idempotencyKey: 'units-parent-by-name', fileName: 'units-by-name.csv', contentBase64: base64(file) } },
        await app.as('ADMIN'),
      );
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.importUnits).toEqual({ created: [{ code: 'TJJ', parentUnitId: unitIdForCode('FGW') }], notImported: ['联系人'], noticesZh: [] });
    });

    it('records findings on an evaluation for a supervisor, once', async () => {
      const evaluationId = await registerEvaluation('graphql-evaluation');
      const input = { idempotencyKey: 'findings-1', evaluationId, fileName: 'findings-2025.csv', contentBase64: base64(sample('findings-2025.csv')) };

      expect(errorCode(await app.graphql(IMPORT_FINDINGS, { input }, await app.as('ADMIN')))).toBe('FORBIDDEN');

      const imported = await app.graphql(IMPORT_FINDINGS, { input });
      expect(imported.errors).toBeUndefined();
      const result = imported.data?.importFindings;
      expect(result.recordedCount).toBeGreaterThanOrEqual(6);
      expect(result).toMatchObject({ evaluationId, alreadyRecordedCount: 0 });
      expect(result.findings[0]).toMatchObject({
        title: '市直部门主动公开内容更新滞后',
        severity: 'MEDIUM',
        concernedUnitIds: [unitIdForCode('FGW'), unitIdForCode('MZJ'), unitIdForCode('JTJ')],
      });

      const evaluation = await app.graphql('query($id: ID!) { evaluation(id: $id) { findings(first: 200) { nodes { title } } } }', { id: evaluationId });
      expect(evaluation.data?.evaluation.findings.nodes.map((finding: { title: string }) => finding.title)).toEqual(
        result.findings.map((finding: { title: string }) => finding.title),
      );

      const before = await app.logPosition();
      // Its retry answers what it recorded, today's identification day written out or not.
      for (const same of [input, { ...input, identifiedOn: '2026-04-01' }]) {
        const retried = await app.graphql(IMPORT_FINDINGS, { input: same });
        expect(retried.errors).toBeUndefined();
        expect(retried.data?.importFindings).toEqual(result);
      }
      expect(await app.logPosition()).toBe(before);
      const again = await app.graphql(IMPORT_FINDINGS, { input: { ...input, idempotencyKey: 'findings-2' } });
      expect(again.data?.importFindings).toMatchObject({ recordedCount: 0, alreadyRecordedCount: result.recordedCount });
      expect(await app.logPosition()).toBe(before);

      const unknownUnit = '问题,具体表现,类别,严重程度,涉及单位\n标题,描述,主动公开,严重,不存在的单位\n,描述,主动公开,很严重,\n';
      const refused = await app.graphql(IMPORT_FINDINGS, {
        input: { ...input, idempotencyKey: 'findings-bad', fileName: 'bad.csv', contentBase64: base64(unknownUnit) },
      });
      expect(errorCode(refused)).toBe('BAD_USER_INPUT');
      expect(problemsOf(refused)?.map((problem) => problem.row)).toEqual([2, 3, 3]);
      expect(await app.logPosition()).toBe(before);

      const reused = await app.graphql(IMPORT_FINDINGS, {
        input: { ...input, fileName: 'other.csv', contentBase64: base64('问题,具体表现,类别,严重程度,涉及单位\n另一个问题,描述,主动公开,一般,FGW\n') },
      });
      expect(errorCode(reused)).toBe('CONFLICT');
      expect(await app.logPosition()).toBe(before);
    });
  });

  describe('the demo', () => {
    it('seeds the sample 2026 plan, and a restart writes nothing', async () => {
      const demoPath = freshDatabasePath();
      let demo = await startTestApp({ sqlitePath: demoPath, demoData: true });
      const plans = await demo.graphql<{ workPlans: { id: string; title: string }[] }>('{ workPlans { id title } }');
      expect(plans.data?.workPlans.map((plan) => plan.title)).toEqual(['青川市2026年政务公开工作要点任务分解方案']);
      const plan = await demo.graphql('query($id: ID!) { workPlan(id: $id) { categories { items { code } } } }', { id: plans.data?.workPlans[0]?.id });
      expect(plan.data?.workPlan.categories.flatMap((category: { items: unknown[] }) => category.items)).toHaveLength(35);
      await demo.close();

      const store = new SqliteEventStore(demoPath);
      const head = await store.headPosition();
      await store.close();
      demo = await startTestApp({ sqlitePath: demoPath, demoData: true });
      expect(await demo.logPosition()).toBe(String(head!.commit));
      await demo.close();
    });
  });

  async function registerEvaluation(key: string): Promise<string> {
    const response = await app.graphql(
      'mutation($input: RegisterEvaluationInput!) { registerEvaluation(input: $input) { id } }',
      {
        input: {
          idempotencyKey: key,
          title: `2025年度政务公开第三方评估报告 ${key}`,
          evaluator: '中部政府透明度研究院',
          commissionedBy: '国务院办公厅政务公开办公室',
          periodStart: '2025-01-01',
          periodEnd: '2025-12-31',
          receivedOn: '2026-03-18',
        },
      },
    );
    expect(response.errors).toBeUndefined();
    return response.data?.registerEvaluation.id as string;
  }
});
