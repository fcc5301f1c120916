import { execFile } from 'node:child_process';
import { testSigningKeyFile } from '../support/signing-key.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorCode, freshDatabasePath, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Issue 8, the work-plan side: a 2016 work plan entered in November 2026 keeps its own days. The
 * plan was approved on 25 April 2016 and its items assigned the next day (the import tool's
 * --approved-on / --assigned-on, the mutation's approvedOn / assignedOn); reports and inspections
 * follow in May and June; a supervisor corrects an item part's report day and inspection through
 * the same corrections a finding has. Asserted through HTTP GraphQL on a real SQLite file, the
 * import run as the compiled command-line tool against it.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

const PLAN_TITLE = '青川市2016年政务公开工作要点';
/** Item 1: 市发改委 leads, 市财政局 is responsible, due 30 June. Item 2: 市财政局 alone, due 31 May. */
const PLAN_CSV =
  '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n' +
  '一,推进五公开,1,推进决策公开,,市发展和改革委员会,市财政局,2016-06-30\n' +
  '一,推进五公开,2,公开财政预决算,,市财政局,,2016-05-31\n';
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

interface Part {
  unitId: string;
  status: string;
  dueDate: string;
  assignedOn: string;
  reports: { reportedOn: string }[];
  inspections: { inspectionId: string; outcome: string; inspectedOn: string }[];
}

describe('a 2016 work plan entered in 2026: approval and assignment days, corrections of item parts', () => {
  let app: TestApp;
  let sqlitePath: string;
  const units: Record<'FGW' | 'CZJ', string> = { FGW: '', CZJ: '' };
  const unitHeaders: Record<string, Record<string, string>> = {};
  let planId: string;
  let item1: string;
  let item2: string;

  const mutate = async (name: string, input: Record<string, unknown>, headers?: Record<string, string>) => {
    const response = await app.graphql(
      `mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { __typename } }`,
      { input: { idempotencyKey: key(name), ...input } },
      headers,
    );
    if (response.errors) throw new Error(`${name} refused: ${JSON.stringify(response.errors)}`);
  };
  const attempt = (name: string, input: Record<string, unknown>, headers?: Record<string, string>) =>
    app.graphql(`mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { __typename } }`, { input: { idempotencyKey: key(name), ...input } }, headers);
  const item = async (id: string, travel: { asOf?: string; knownAt?: string } = {}) => {
    const response = await app.graphql(
      `query($id: ID!, $asOf: String, $knownAt: String) { workPlanItem(id: $id, asOf: $asOf, knownAt: $knownAt) {
        status completedOn trafficLight
        parts { unitId status dueDate assignedOn reports { reportedOn } inspections { inspectionId outcome inspectedOn } }
        history { eventType occurredOn actorRole details } } }`,
      { id, ...travel },
    );
    expect(response.errors).toBeUndefined();
    return response.data!.workPlanItem as { status: string; completedOn: string | null; trafficLight: string | null; parts: Part[]; history: { eventType: string; occurredOn: string; details: string | null }[] };
  };
  const partOf = (view: { parts: Part[] }, code: 'FGW' | 'CZJ') => view.parts.find((part) => part.unitId === units[code])!;

  /** Runs the compiled plan:import tool against the app's SQLite file, as another process; waits until the server has it. */
  const planImportTool = async (args: string[]) => {
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [join(process.cwd(), 'dist/cli/import-work-plan.js'), ...args],
        { env: { ...process.env, EVENT_STORE: 'sqlite', SQLITE_PATH: sqlitePath, NODE_ENV: 'test', LEDGER_SIGNING_KEY_FILE: testSigningKeyFile() } },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
    for (let tries = 0; tries < 200; tries += 1) {
      const health = (await (await fetch(`${app.url}/health`)).json()) as { logPosition: string | null; projectedPosition: string | null };
      if (health.logPosition === health.projectedPosition) return result;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the server did not catch up with the log');
  };

  beforeAll(async () => {
    sqlitePath = freshDatabasePath();
    app = await startTestApp({ sqlitePath, now: '2026-11-29T10:00:00+08:00' });
    for (const [code, name] of [['FGW', '市发展和改革委员会'], ['CZJ', '市财政局']] as const) {
      const response = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, {
        input: { idempotencyKey: `unit-${code}`, code, name, kind: 'DEPARTMENT', registeredOn: '2016-01-04' },
      }, await app.as('ADMIN'));
      expect(response.errors).toBeUndefined();
      units[code] = response.data!.registerUnit.id;
      unitHeaders[code] = await app.as('UNIT', units[code]);
    }
  });

  afterAll(async () => {
    await app.close();
  });

  it('refuses a plan whose items would be assigned before it was approved, or approved in the future, naming both days; nothing is written', async () => {
    await app.as('SUPERVISOR'); // signed up before the log head is taken
    const head = await app.logPosition();
    const input = { fileName: 'plan-2016.csv', title: PLAN_TITLE, year: 2016, contentBase64: base64(PLAN_CSV) };
    const early = await attempt('importWorkPlan', { ...input, approvedOn: '2016-04-25', assignedOn: '2016-04-20' });
    expect(errorCode(early)).toBe('BAD_USER_INPUT');
    expect(early.errors![0]!.message).toBe('The assignment date of its items (2016-04-20) is before the day the plan was approved (2016-04-25).');
    expect(early.errors![0]!.extensions!.messageZh).toBe('事项交办日期（2016-04-20）早于方案批准日期（2016-04-25），日期顺序不对。');
    // The field at fault, for the import form to show the refusal beside it (issue 11).
    expect(early.errors![0]!.extensions!.field).toBe('assignedOn');

    const future = await attempt('importWorkPlan', { ...input, approvedOn: '2026-11-30' });
    expect(errorCode(future)).toBe('BAD_USER_INPUT');
    expect(future.errors![0]!.message).toBe('The day the plan was approved (2026-11-30) is in the future: today is 2026-11-29.');
    expect(future.errors![0]!.extensions!.messageZh).toBe('方案批准日期（2026-11-30）是将来的日期：今天是 2026-11-29。');
    expect(future.errors![0]!.extensions!.field).toBe('approvedOn');

    const notADay = await attempt('importWorkPlan', { ...input, assignedOn: '2016-02-30' });
    expect(errorCode(notADay)).toBe('BAD_USER_INPUT');
    expect(await app.logPosition()).toBe(head);
  });

  it('the command-line tool takes the two days, checked by the same rules', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'rectify-plan-2016-'));
    const file = join(folder, 'plan-2016.csv');
    writeFileSync(file, PLAN_CSV);
    const usage = await planImportTool([file, '--approved-on', '25 April 2016']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--approved-on must be a day written YYYY-MM-DD');

    const refused = await planImportTool([file, '--title', PLAN_TITLE, '--year', '2016', '--approved-on', '2016-04-25', '--assigned-on', '2016-04-24']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('The assignment date of its items (2016-04-24) is before the day the plan was approved (2016-04-25).');
    // (A tool's import is recorded at the machine's clock; the rest of this story runs on the test's clock, so it imports over GraphQL.)
    const dryRun = await planImportTool([file, '--title', PLAN_TITLE, '--year', '2016', '--approved-on', '2016-04-25', '--assigned-on', '2016-04-26', '--dry-run']);
    expect(dryRun).toMatchObject({ code: 0, stderr: '' });
    expect(dryRun.stdout).toContain('Nothing was written.');
    // Three runs of the tool, each starting Node and opening a store: a loaded machine takes minutes, not seconds.
  }, 300_000);

  it('imports the plan on the day it was approved, its units assigned the next day', async () => {
    const imported = await attempt('importWorkPlan', {
      fileName: 'plan-2016.csv', title: PLAN_TITLE, year: 2016, contentBase64: base64(PLAN_CSV), approvedOn: '2016-04-25', assignedOn: '2016-04-26',
    });
    expect(imported.errors).toBeUndefined();
    const plans = await app.graphql(`{ workPlans { id title approvedOn } }`);
    const plan = plans.data!.workPlans.find((one: { title: string }) => one.title === PLAN_TITLE);
    expect(plan.approvedOn).toBe('2016-04-25');
    planId = plan.id;
    const breakdown = await app.graphql(`query($id: ID!) { workPlan(id: $id) { approvedOn categories { items { id code parts { unitId assignedOn } } } } }`, { id: planId });
    expect(breakdown.data!.workPlan.approvedOn).toBe('2016-04-25');
    const items = breakdown.data!.workPlan.categories[0].items as { id: string; code: string; parts: { assignedOn: string }[] }[];
    [item1, item2] = ['1', '2'].map((code) => items.find((one) => one.code === code)!.id);
    expect(items.flatMap((one) => one.parts.map((part) => part.assignedOn))).toEqual(['2016-04-26', '2016-04-26', '2016-04-26']);

    // As of the approval day nothing was assigned yet; the next day it was.
    expect((await item(item1, { asOf: '2016-04-25' })).parts).toEqual([]);
    expect((await item(item1, { asOf: '2016-04-26' })).parts).toHaveLength(2);
  });

  it('takes the reports and inspections with their own days, none before the assignment', async () => {
    const report = (itemId: string, code: 'FGW' | 'CZJ', reportedOn: string) =>
      attempt('reportWorkPlanItem', { itemId, unitId: units[code], summary: '已整改', evidence: [{ title: '公开页面', link: 'https://www.example.gov.cn/x' }], reportedOn }, unitHeaders[code]);
    const early = await report(item1, 'FGW', '2016-04-20');
    expect(errorCode(early)).toBe('BAD_USER_INPUT');
    expect(early.errors![0]!.message).toBe('The report date (2016-04-20) is before the assignment of 市发展和改革委员会 (2016-04-26).');
    expect(early.errors![0]!.extensions!.messageZh).toBe('报告日期（2016-04-20）早于市发展和改革委员会的交办日期（2016-04-26），日期顺序不对。');

    for (const [itemId, code, day] of [[item1, 'FGW', '2016-05-20'], [item1, 'CZJ', '2016-05-25'], [item2, 'CZJ', '2016-05-30']] as const) {
      expect((await report(itemId, code, day)).errors).toBeUndefined();
    }
    const inspector = await app.as('INSPECTOR');
    const inspect = (itemId: string, code: 'FGW' | 'CZJ', inspectedOn: string) =>
      mutate('logWorkPlanItemInspection', { itemId, unitId: units[code], outcome: 'PASSED', notes: '核实', inspectedOn }, inspector);
    await inspect(item1, 'FGW', '2016-06-06');
    await inspect(item1, 'CZJ', '2016-06-08');
    await inspect(item2, 'CZJ', '2016-06-03');
    expect(await item(item1)).toMatchObject({ status: 'COMPLETED', completedOn: '2016-06-08' });
    expect(await item(item2)).toMatchObject({ status: 'COMPLETED', completedOn: '2016-06-03' });
  });

  it('corrects an item part’s report day with a reason: the history keeps both, order rules apply', async () => {
    app.clock.set('2026-11-30T09:00:00+08:00');
    const clash = await attempt('correctWorkPlanItemReportDate', { itemId: item1, unitId: units.CZJ, reportedOn: '2016-06-09', reason: '日期录入有误' });
    expect(errorCode(clash)).toBe('BAD_USER_INPUT');
    expect(clash.errors![0]!.message).toBe('The inspection that checked it (2016-06-08) is before the corrected report date (2016-06-09).');
    expect(clash.errors![0]!.extensions!.messageZh).toBe('核查该报告的督查日期（2016-06-08）早于更正后的报告日期（2016-06-09），日期顺序不对。');

    await mutate('correctWorkPlanItemReportDate', { itemId: item1, unitId: units.CZJ, reportedOn: '2016-05-24', reason: '报告实为5月24日报送' });
    const after = await item(item1);
    expect(partOf(after, 'CZJ').reports).toEqual([{ reportedOn: '2016-05-24' }]);
    const correction = after.history.find((entry) => entry.eventType === 'ReportDateCorrected')!;
    expect(correction).toMatchObject({ occurredOn: '2026-11-30', actorRole: 'SUPERVISOR' });
    expect(JSON.parse(correction.details!)).toMatchObject({ previousReportedOn: '2016-05-25', reportedOn: '2016-05-24', reason: '报告实为5月24日报送' });
    expect(after.history.find((entry) => entry.eventType === 'RectificationReported' && entry.occurredOn === '2016-05-25')).toBeDefined();

    const forbidden = await attempt('correctWorkPlanItemReportDate', { itemId: item1, unitId: units.CZJ, reportedOn: '2016-05-23', reason: '自行更正' }, unitHeaders.CZJ);
    expect(errorCode(forbidden)).toBe('FORBIDDEN');
  });

  it('corrects an item part’s inspection: moved, the completion moves; failed past its due date, it needs a new one and the item reopens', async () => {
    const czjOf = async (itemId: string) => partOf(await item(itemId), 'CZJ').inspections[0]!;
    await mutate('correctWorkPlanItemInspection', { itemId: item1, unitId: units.CZJ, inspectionId: (await czjOf(item1)).inspectionId, inspectedOn: '2016-06-09', reason: '督查记录表日期抄错' });
    expect(await item(item1)).toMatchObject({ status: 'COMPLETED', completedOn: '2016-06-09' });
    expect(await item(item1, { asOf: '2016-06-08' })).toMatchObject({ status: 'OPEN', completedOn: null });

    // Item 2's only inspection (PASSED, 3 June) was in truth a failure; its due date, 31 May, had passed.
    const failure = { itemId: item2, unitId: units.CZJ, inspectionId: (await czjOf(item2)).inspectionId, outcome: 'FAILED', reason: '预决算公开不完整' };
    const withoutDate = await attempt('correctWorkPlanItemInspection', failure);
    expect(errorCode(withoutDate)).toBe('BAD_USER_INPUT');
    expect(withoutDate.errors![0]!.message).toBe('The due date 2016-05-31 had passed on 2016-06-03, the day the part failed inspection: a part returned then needs a new due date (newDueDate).');
    const pastPlan = await attempt('correctWorkPlanItemInspection', { ...failure, newDueDate: '2017-01-31' });
    expect(errorCode(pastPlan)).toBe('BAD_USER_INPUT');
    expect(pastPlan.errors![0]!.message).toMatch(/2017-01-31 is after the period of work plan 「青川市2016年政务公开工作要点」 \(2016\) \(2016-12-31\)/);

    await mutate('correctWorkPlanItemInspection', { ...failure, newDueDate: '2016-06-30' });
    const reopened = await item(item2);
    expect(reopened).toMatchObject({ status: 'OPEN', completedOn: null });
    expect(partOf(reopened, 'CZJ')).toMatchObject({ status: 'RETURNED', dueDate: '2016-06-30', inspections: [{ outcome: 'FAILED', inspectedOn: '2016-06-03' }] });
    const asOfJune10 = await item(item2, { asOf: '2016-06-10' });
    expect(asOfJune10).toMatchObject({ status: 'OPEN', trafficLight: 'GREEN' });
    // Known before the correction, the item stood completed on 3 June.
    expect(await item(item2, { asOf: '2016-06-10', knownAt: '2026-11-30T08:00:00+08:00' })).toMatchObject({ status: 'COMPLETED', completedOn: '2016-06-03' });

    const board = await app.graphql(`query($id: ID!) { workPlan(id: $id, asOf: "2016-06-10") { progress { items completedItems } } }`, { id: planId });
    expect(board.data!.workPlan.progress).toEqual({ items: 2, completedItems: 1 });
  });

  it('refuses a correction sent from a form read before another supervisor’s correction, naming it; nothing is written (breaker8b N3)', async () => {
    // Item 1's CZJ part: report corrected 05-25 → 05-24, inspection corrected 06-08 → 06-09 above. A form read before those.
    const before = (await item(item1)).history.length;
    const inspectionId = partOf(await item(item1), 'CZJ').inspections[0]!.inspectionId;
    const staleInspection = await attempt('correctWorkPlanItemInspection', {
      itemId: item1, unitId: units.CZJ, inspectionId, inspectedOn: '2016-06-10', reason: '李：实为6月10日', expectedInspectedOn: '2016-06-08', expectedOutcome: 'PASSED',
    });
    expect(errorCode(staleInspection)).toBe('CONFLICT');
    expect(staleInspection.errors![0]!.extensions!.messageZh).toMatch(/的这条督查记录刚由.+改为 2016-06-09（通过）（北京时间 .+；理由：督查记录表日期抄错；表单显示的是 2016-06-08（通过））：请确认后再调整，本次未作修改。$/);
    const staleReport = await attempt('correctWorkPlanItemReportDate', { itemId: item1, unitId: units.CZJ, reportedOn: '2016-05-23', reason: '李：实为5月23日', expectedReportedOn: '2016-05-25' });
    expect(errorCode(staleReport)).toBe('CONFLICT');
    expect(staleReport.errors![0]!.extensions!.messageZh).toMatch(/的报告日期刚由.+改为 2016-05-24（北京时间 .+；理由：报告实为5月24日报送；表单显示的是 2016-05-25）：请确认后再调整，本次未作修改。$/);
    expect((await item(item1)).history).toHaveLength(before);
    expect(partOf(await item(item1), 'CZJ')).toMatchObject({ reports: [{ reportedOn: '2016-05-24' }], inspections: [{ inspectedOn: '2016-06-09' }] });

    // A form that read the record as it stands corrects it.
    await mutate('correctWorkPlanItemReportDate', { itemId: item1, unitId: units.CZJ, reportedOn: '2016-05-23', reason: '李：实为5月23日', expectedReportedOn: '2016-05-24' });
    expect(partOf(await item(item1), 'CZJ').reports).toEqual([{ reportedOn: '2016-05-23' }]);
  });
});
