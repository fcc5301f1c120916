import { jest } from '@jest/globals';
import { QueryBus } from '@nestjs/cqrs';
import ExcelJS from 'exceljs';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { EXPORTS_AT_ONCE, exportsInProgress } from '../../src/exports/export-file-off-thread.js';
import { LIGHT_FILL } from '../../src/exports/export-files.js';
import { ExportLedgerQuery } from '../../src/exports/export.queries.js';
import { LEDGER_COLUMNS, WORK_PLAN_COLUMNS } from '../../src/exports/export-table.js';
import { officeClockExact } from '../../src/shared/calendar-date.js';
import { TestApp, freshDatabasePath, startTestApp } from '../support/test-app.js';
import { testSigningKeyFile } from '../support/signing-key.js';

/**
 * Issue 11, item 7 — Excel out: the 整改台账 and the work plan's progress downloaded over HTTP as
 * XLSX and CSV, as of a business day, by a supervisor (every row) and a unit (its own rows), and
 * every refusal answered as JSON with its status.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

const LEDGER_HEADERS = LEDGER_COLUMNS.map((column) => column.header);
const WORK_PLAN_HEADERS = WORK_PLAN_COLUMNS.map((column) => column.header);

interface Download {
  status: number;
  headers: Headers;
  bytes: Buffer;
}

async function openXlsx(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
}

/** A row's values, a date cell read back as the office day it holds (`YYYY-MM-DD`). */
const rowValues = (sheet: ExcelJS.Worksheet, row: number) =>
  (sheet.getRow(row).values as unknown[]).slice(1).map((value) => (value == null ? '' : value instanceof Date ? value.toISOString().slice(0, 10) : value));

function readCsv(bytes: Buffer): string[][] {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parse(bytes.subarray(3).toString('utf8'), { relax_column_count: true }) as string[][];
}

describe('Excel out: GET /export/ledger and /export/work-plan (issue 11)', () => {
  let app: TestApp;
  const sqlitePath = freshDatabasePath();
  let SUPERVISOR: Record<string, string>;
  let FGW_USER: Record<string, string>;
  let evaluationId: string;
  let planId: string;
  const units: Record<string, { id: string; name: string }> = {};

  const download = async (path: string, headers: Record<string, string> = SUPERVISOR): Promise<Download> => {
    const response = await fetch(`${app.url}${path}`, { headers });
    return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
  };
  const mutate = async (name: string, input: Record<string, unknown>, headers?: Record<string, string>) => {
    const response = await app.graphql(
      `mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { id } }`,
      { input: { idempotencyKey: key(name), ...input } },
      headers,
    );
    if (response.errors) throw new Error(`${name} refused: ${JSON.stringify(response.errors)}`);
    return response.data![name].id as string;
  };

  beforeAll(async () => {
    app = await startTestApp({ demoData: true, sqlitePath, now: '2026-04-01T09:00:00+08:00' });
    SUPERVISOR = await app.as('SUPERVISOR');
    const listed = await app.graphql(`{ workPlans { id } units { id code name } }`);
    planId = listed.data!.workPlans[0].id;
    for (const unit of listed.data!.units as { id: string; code: string; name: string }[]) units[unit.code] = unit;
    FGW_USER = await app.as('UNIT', units.FGW!.id);
    const UNIT_CZJ = await app.as('UNIT', units.CZJ!.id);
    const INSPECTOR = await app.as('INSPECTOR');

    app.clock.set('2026-06-10T09:00:00+08:00');
    evaluationId = await mutate('registerEvaluation', {
      title: '2025年度政务公开第三方评估',
      evaluator: '研究院',
      commissionedBy: '国务院办公厅',
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      receivedOn: '2026-04-15',
    });
    const record = (title: string, category: string) =>
      mutate('recordFinding', { evaluationId, title, description: title, category, severity: 'HIGH', identifiedOn: '2026-04-15', measures: `${category}：逐项整改` });
    const disclosure = await record('部分单位信息公开不到位', '主动公开');
    const channel = await record('无网上依申请公开渠道', '依申请公开');
    await mutate('formRectificationTeam', { evaluationId, leader: { name: '李明', title: '市政府秘书长' }, members: [], formedOn: '2026-04-20' });
    await mutate('approveRectificationPlan', { evaluationId, title: '整改实施方案', approvedBy: '常务副市长', approvedOn: '2026-04-25', selfRectificationDue: '2026-05-31', inspectionDue: '2026-06-30' });
    await mutate('assignFinding', {
      findingId: disclosure,
      assignedOn: '2026-04-26',
      units: [{ unitId: units.FGW!.id, role: 'LEAD', dueDate: '2026-05-31' }, { unitId: units.CZJ!.id, role: 'RESPONSIBLE', dueDate: '2026-05-31' }],
    });
    await mutate('assignFinding', { findingId: channel, assignedOn: '2026-04-26', units: [{ unitId: units.CZJ!.id, role: 'LEAD', dueDate: '2026-06-05' }] });
    const evidence = [{ title: '公开页面', link: 'https://www.example.gov.cn/x' }];
    await mutate('reportRectification', { findingId: disclosure, unitId: units.FGW!.id, summary: '已在门户网站公开目录', evidence, reportedOn: '2026-05-20' }, FGW_USER);
    await mutate('reportRectification', { findingId: disclosure, unitId: units.CZJ!.id, summary: '已补充公开', evidence, reportedOn: '2026-05-25' }, UNIT_CZJ);
    await mutate('logInspection', { findingId: disclosure, unitId: units.FGW!.id, outcome: 'PASSED', notes: '核实', inspectedOn: '2026-06-06', place: '现场' }, INSPECTOR);
    await mutate(
      'logInspection',
      { findingId: disclosure, unitId: units.CZJ!.id, outcome: 'FAILED', notes: '目录不完整', inspectedOn: '2026-06-06', place: '现场', newDueDate: '2026-06-12' },
      INSPECTOR,
    );
  });

  afterAll(() => app.close());

  const LEDGER_ROWS_ON_8_JUNE = () => [
    [1, '2025年度政务公开第三方评估', '部分单位信息公开不到位', '部分单位信息公开不到位', '主动公开', '严重', '主动公开：逐项整改', units.FGW!.name, units.FGW!.name, '2026-05-31', '已核验', '2026-05-20', '已在门户网站公开目录', '通过（2026-06-06）', '', '', ''],
    [2, '2025年度政务公开第三方评估', '部分单位信息公开不到位', '部分单位信息公开不到位', '主动公开', '严重', '主动公开：逐项整改', units.FGW!.name, units.CZJ!.name, '2026-06-12', '已退回', '2026-05-25', '已补充公开', '未通过（2026-06-06）：目录不完整', '督查未通过（2026-06-06）：目录不完整；时限由 2026-05-31 改为 2026-06-12', '黄灯', ''],
    [3, '2025年度政务公开第三方评估', '无网上依申请公开渠道', '无网上依申请公开渠道', '依申请公开', '严重', '依申请公开：逐项整改', units.CZJ!.name, units.CZJ!.name, '2026-06-05', '整改中', '', '', '', '', '红灯', ''],
  ];

  it('downloads the 整改台账 as XLSX: title row, frozen header, widths, one row per finding × unit, lights filled', async () => {
    const file = await download(`/export/ledger.xlsx?asOf=2026-06-08&evaluationId=${evaluationId}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    // The Chinese name for browsers (filename*), an ASCII one for clients that read only filename (curl -OJ, newcomer13 R3).
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="ledger-2026-06-08.xlsx"; filename*=UTF-8''${encodeURIComponent('整改台账-2026-06-08.xlsx')}`);
    const sheet = await openXlsx(file.bytes);
    expect(sheet.getCell('A1').value).toBe('2025年度政务公开第三方评估整改台账（截至 2026-06-08，含事后补录的记录）');
    expect(rowValues(sheet, 2)).toEqual(LEDGER_HEADERS);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(sheet.getColumn(3).width).toBe(40);
    expect([3, 4, 5].map((row) => rowValues(sheet, row))).toEqual(LEDGER_ROWS_ON_8_JUNE());
    expect(sheet.rowCount).toBe(5);
    // Days are date cells Excel can filter and sort (breaker8c P10): 整改时限 and 报告日期 of the first row.
    for (const header of ['整改时限', '报告日期']) {
      const cell = sheet.getRow(3).getCell(LEDGER_HEADERS.indexOf(header) + 1);
      expect(cell.value).toBeInstanceOf(Date);
      expect(cell.numFmt).toBe('yyyy-mm-dd');
    }
    const lightColumn = LEDGER_HEADERS.indexOf('红黄绿灯') + 1;
    const fill = (row: number) => (sheet.getRow(row).getCell(lightColumn).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
    expect([fill(3), fill(4), fill(5)]).toEqual([undefined, LIGHT_FILL.YELLOW, LIGHT_FILL.RED]);
  });

  it('downloads the same rows as CSV, UTF-8 with a BOM, and travels in business time', async () => {
    const file = await download(`/export/ledger.csv?asOf=2026-06-08&evaluationId=${evaluationId}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(file.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('整改台账-2026-06-08.csv')}`);
    // The title row first, as the XLSX's (newcomer51-8 M7).
    const [[title], header, ...rows] = readCsv(file.bytes) as [[string], ...string[][]];
    expect(title).toBe('2025年度政务公开第三方评估整改台账（截至 2026-06-08，含事后补录的记录）');
    expect(header).toEqual(LEDGER_HEADERS);
    expect(rows).toEqual(LEDGER_ROWS_ON_8_JUNE().map((row) => row.map(String)));

    // Before anything was reported: every part still with its unit, all green on 10 May.
    const [, , ...may] = readCsv((await download(`/export/ledger.csv?asOf=2026-05-10&evaluationId=${evaluationId}`)).bytes);
    expect(may.map((row) => [row[8], row[10], row[15]])).toEqual([
      [units.FGW!.name, '整改中', '绿灯'],
      [units.CZJ!.name, '整改中', '绿灯'],
      [units.CZJ!.name, '整改中', '绿灯'],
    ]);
  });

  it('gives a unit user its own unit’s rows only', async () => {
    const csv = readCsv((await download(`/export/ledger.csv?asOf=2026-06-08&evaluationId=${evaluationId}`, FGW_USER)).bytes);
    expect(csv.slice(2)).toEqual([LEDGER_ROWS_ON_8_JUNE()[0]!.map(String)]);
    const file = await download(`/export/ledger.xlsx?asOf=2026-06-08&evaluationId=${evaluationId}`, FGW_USER);
    const sheet = await openXlsx(file.bytes);
    expect(sheet.rowCount).toBe(3);
    expect(rowValues(sheet, 3)[8]).toBe(units.FGW!.name);
    // Its title and file name say whose rows it holds: never filed as the office's whole ledger (newcomer22 S3).
    expect(sheet.getCell('A1').value).toBe(`2025年度政务公开第三方评估整改台账（${units.FGW!.name}的任务，截至 2026-06-08，含事后补录的记录）`);
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="ledger-unit-2026-06-08.xlsx"; filename*=UTF-8''${encodeURIComponent(`整改台账-${units.FGW!.name}-2026-06-08.xlsx`)}`);
  });

  it('downloads the work plan’s progress: one row per item × unit, as the breakdown shows it that day', async () => {
    const response = await app.graphql(`query($id: ID!, $asOf: String) { workPlan(id: $id, asOf: $asOf) { title categories { items { code parts { unitId role status trafficLight } } } } }`, { id: planId, asOf: '2026-06-08' });
    const plan = response.data!.workPlan as { title: string; categories: { items: { code: string; parts: { unitId: string; role: string; trafficLight: string | null }[] }[] }[] };
    const parts = plan.categories.flatMap((category) => category.items.flatMap((item) => item.parts.map((part) => ({ ...part, code: item.code }))));
    expect(parts.length).toBeGreaterThan(50);

    const file = await download(`/export/work-plan.xlsx?asOf=2026-06-08&planId=${planId}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('工作方案进展-2026-06-08.xlsx')}`);
    const sheet = await openXlsx(file.bytes);
    // A reading of everything entered names the latest record it shows (breaker10h P1).
    expect(sheet.getCell('A1').value).toMatch(new RegExp(`^${plan.title}进展（截至 2026-06-08，含事后补录的记录，已录入至北京时间 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}）$`, 'u'));
    expect(rowValues(sheet, 2)).toEqual(WORK_PLAN_HEADERS);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(sheet.rowCount).toBe(2 + parts.length);
    const [lightColumn, unitColumn] = ['红黄绿灯', '责任单位'].map((header) => WORK_PLAN_HEADERS.indexOf(header) + 1) as [number, number];
    parts.forEach((part, index) => {
      const row = sheet.getRow(3 + index);
      expect(String(row.getCell(3).value).startsWith(`${part.code} `)).toBe(true);
      expect(row.getCell(unitColumn).value).toBe(Object.values(units).find((unit) => unit.id === part.unitId)?.name);
      const fill = (row.getCell(lightColumn).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
      expect(fill).toBe(part.trafficLight ? LIGHT_FILL[part.trafficLight as 'RED'] : undefined);
    });

    // No planId: the newest plan. A unit: its own parts.
    const unitParts = parts.filter((part) => part.unitId === units.FGW!.id);
    expect(unitParts.length).toBeGreaterThan(0);
    // Its first row is the title: whose rows, which day (breaker10g P1, P22: never re-imported as the plan).
    const [[title], header, ...rows] = readCsv((await download(`/export/work-plan.csv?asOf=2026-06-08`, FGW_USER)).bytes) as [[string], ...string[][]];
    expect(title).toMatch(/进展（青川市发展和改革委员会的任务，截至 2026-06-08，含事后补录的记录，已录入至北京时间 [\d: .-]+）$/u);
    expect(header).toEqual(WORK_PLAN_HEADERS);
    expect(rows.map((row) => row[unitColumn - 1])).toEqual(unitParts.map(() => units.FGW!.name));
    // Each of the unit's rows names its item's lead unit, even where the lead is another unit.
    const nameOf = (unitId: string) => Object.values(units).find((unit) => unit.id === unitId)?.name;
    const leadOf = (code: string) => parts.filter((part) => part.code === code && part.role === 'LEAD').map((part) => nameOf(part.unitId)).join('、');
    expect(rows.map((row) => row[WORK_PLAN_HEADERS.indexOf('牵头单位')])).toEqual(unitParts.map((part) => leadOf(part.code)));
    expect(unitParts.some((part) => part.role !== 'LEAD')).toBe(true);
  });

  describe('npm run ledger:export (the CLI, built code)', () => {
    const runCli = (args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          [join(process.cwd(), 'dist/cli/export-ledger.js'), ...args],
          { env: { ...process.env, EVENT_STORE: 'sqlite', SQLITE_PATH: sqlitePath, NODE_ENV: 'test', LEDGER_SIGNING_KEY_FILE: testSigningKeyFile() } },
          (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
        );
      });

    it('writes the same 整改台账 as the endpoint, as XLSX and as CSV', async () => {
      const folder = mkdtempSync(join(tmpdir(), 'rectify-export-'));
      const xlsx = join(folder, 'ledger.xlsx');
      const written = await runCli(['--format', 'xlsx', '--as-of', '2026-06-08', '--evaluation', evaluationId, '--out', xlsx]);
      expect(written).toMatchObject({ code: 0, stdout: expect.stringContaining('3 rows') });
      const sheet = await openXlsx(readFileSync(xlsx));
      expect(sheet.getCell('A1').value).toBe('2025年度政务公开第三方评估整改台账（截至 2026-06-08，含事后补录的记录）');
      expect([3, 4, 5].map((row) => rowValues(sheet, row))).toEqual(LEDGER_ROWS_ON_8_JUNE());

      const csv = join(folder, 'plan.csv');
      expect((await runCli(['--kind', 'work-plan', '--format', 'csv', '--as-of', '2026-06-08', '--out', csv])).code).toBe(0);
      const fromHttp = (await download('/export/work-plan.csv?asOf=2026-06-08')).bytes;
      expect(readFileSync(csv).equals(fromHttp)).toBe(true);
    });

    it('refuses a bad day with exit status 1 and a bad option with 2', async () => {
      const refused = await runCli(['--as-of', '2026-02-30']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('asOf 应为存在的日期');
      expect((await runCli(['--format', 'pdf'])).code).toBe(2);
      // breaker57-9 M4: a day after today (a year mistyped) is refused, not exported as of today without a word.
      const folder = mkdtempSync(join(tmpdir(), 'rectify-export-future-'));
      const future = await runCli(['--as-of', '2099-01-01', '--out', join(folder, '将来.xlsx')]);
      expect(future.code).toBe(1);
      expect(future.stderr).toContain('--as-of 2099-01-01 晚于今天');
      expect(future.stderr.indexOf('晚于今天')).toBeLessThan(future.stderr.indexOf('is after today'));
      expect(existsSync(join(folder, '将来.xlsx'))).toBe(false);
    });

    it('writes nothing where the 台账 would open wrongly or replace one: a missing folder named as itself, a name that is not .xlsx/.csv, an existing file without --replace (newcomer27 S7)', async () => {
      const folder = mkdtempSync(join(tmpdir(), 'rectify-export-out-'));
      const missing = await runCli(['--out', join(folder, '没有的文件夹', '台账.xlsx')]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain(`文件夹 ${join(folder, '没有的文件夹')} 不存在：未写出任何文件`);
      expect(missing.stderr).not.toContain('.partial');

      const pdf = await runCli(['--out', join(folder, '台账.pdf')]);
      expect(pdf.code).toBe(2);
      expect(pdf.stderr).toContain('文件名须以 .xlsx 或 .csv 结尾');
      const disagreeing = await runCli(['--out', join(folder, '台账.csv'), '--format', 'xlsx']);
      expect(disagreeing.code).toBe(2);
      expect(disagreeing.stderr).toContain('两者须一致');
      expect(readdirSync(folder)).toEqual([]);

      const earlier = join(folder, '台账.CSV');
      writeFileSync(earlier, '上月的台账');
      const kept = await runCli(['--out', earlier]);
      expect(kept.code).toBe(1);
      expect(kept.stderr).toContain('已存在：未写出任何文件');
      expect(readFileSync(earlier, 'utf8')).toBe('上月的台账');
      const replaced = await runCli(['--out', earlier, '--replace']);
      expect(replaced.code).toBe(0);
      expect(readFileSync(earlier, 'utf8')).toContain('整改时限');
      expect(readdirSync(folder)).toEqual(['台账.CSV']);
    });
  });

  describe('refusals: JSON with a Chinese message and the status', () => {
    const refusal = async (path: string, headers: Record<string, string>) => {
      const file = await download(path, headers);
      const body = JSON.parse(file.bytes.toString('utf8')) as { errors: { message: string; extensions: { code: string; messageZh: string } }[] };
      expect(body.errors[0]!.extensions.messageZh).toMatch(/[\u4e00-\u9fff]/);
      return [file.status, body.errors[0]!.extensions.code];
    };

    it('401 without a token or with a bad one', async () => {
      expect(await refusal('/export/ledger.xlsx', {})).toEqual([401, 'UNAUTHENTICATED']);
      expect(await refusal('/export/work-plan.csv', { authorization: 'Bearer rct_not_a_real_token_at_all' })).toEqual([401, 'UNAUTHENTICATED']);
    });

    it('403 while an initial password waits to be changed', async () => {
      const admin = await app.as('ADMIN');
      const registered = await app.graphql(`mutation($input: RegisterUserInput!) { registerUser(input: $input) { user { id } } }`, { input: { idempotencyKey: key('user'), name: '新督查员', role: 'INSPECTOR' } }, admin);
      const userId = registered.data!.registerUser.user.id as string;
      await app.graphql(`mutation($input: SetInitialPasswordInput!) { setInitialPassword(input: $input) { id } }`, { input: { idempotencyKey: key('password'), userId, loginName: 'xin-duchayuan', password: 'Chushi#2026' } }, admin);
      const signedIn = await app.graphql(`mutation($input: SignInInput!) { signIn(input: $input) { token } }`, { input: { loginName: 'xin-duchayuan', password: 'Chushi#2026' } }, {});
      const session = { authorization: `Bearer ${signedIn.data!.signIn.token as string}` };
      expect(await refusal('/export/ledger.csv', session)).toEqual([403, 'FORBIDDEN']);
    });

    it('429 for a second export while the caller’s first waits its turn — whatever the spelling of its header; the others are all answered (breaker12c P9)', async () => {
      const queries = app.app.get(QueryBus);
      const original = queries.execute.bind(queries);
      let open!: () => void;
      const gate = new Promise<void>((resolve) => (open = resolve));
      let reading = 0;
      // The exports' rows are read only once the gate opens (nothing else waits on it).
      const spy = jest.spyOn(queries, 'execute').mockImplementation(async (query) => {
        if (!(query instanceof ExportLedgerQuery)) return original(query);
        reading += 1;
        await gate;
        return original(query);
      });
      try {
        const busy = [download('/export/ledger.csv', await app.as('INSPECTOR')), download('/export/ledger.csv', await app.as('ADMIN'))];
        for (let turn = 0; turn < 10_000 && exportsInProgress().running < EXPORTS_AT_ONCE; turn++) await new Promise((resolve) => setTimeout(resolve, 5));
        expect(exportsInProgress()).toEqual({ running: EXPORTS_AT_ONCE, waiting: 0 });
        const first = download('/export/ledger.xlsx', SUPERVISOR);
        for (let turn = 0; turn < 10_000 && exportsInProgress().waiting < 1; turn++) await new Promise((resolve) => setTimeout(resolve, 5));
        const token = SUPERVISOR.authorization!.replace(/^Bearer\s+/, '');
        expect(await refusal('/export/ledger.csv', { authorization: `bearer  ${token}` })).toEqual([429, 'TOO_MANY_REQUESTS']);
        open();
        for (const answered of await Promise.all([...busy, first])) expect(answered.status).toBe(200);
        expect(reading).toBeGreaterThanOrEqual(3);
        expect(exportsInProgress()).toEqual({ running: 0, waiting: 0 });
      } finally {
        open();
        spy.mockRestore();
      }
    });

    it('400 for a day that does not exist or text that cannot be an id; 404 for an unknown id or export', async () => {
      expect(await refusal('/export/ledger.xlsx?asOf=2026-02-30', SUPERVISOR)).toEqual([400, 'BAD_USER_INPUT']);
      expect(await refusal('/export/work-plan.csv?asOf=yesterday', SUPERVISOR)).toEqual([400, 'BAD_USER_INPUT']);
      expect(await refusal(`/export/ledger.csv?evaluationId=${encodeURIComponent('x y')}`, SUPERVISOR)).toEqual([400, 'BAD_USER_INPUT']);
      expect(await refusal('/export/ledger.csv?evaluationId=no-such-evaluation', SUPERVISOR)).toEqual([404, 'NOT_FOUND']);
      expect(await refusal('/export/work-plan.xlsx?planId=no-such-plan', SUPERVISOR)).toEqual([404, 'NOT_FOUND']);
      expect(await refusal('/export/ledger.pdf', SUPERVISOR)).toEqual([404, 'NOT_FOUND']);
    });
  });
  // Last: it records a finding the other tests' ledgers do not expect.
  it('keeps a finding no unit has been given yet in the ledger: one row, no unit, 待交办 (not in a unit’s own ledger)', async () => {
    await mutate('recordFinding', { evaluationId, title: '政策解读不到位', description: '政策文件未同步解读', category: '政策解读', severity: 'MEDIUM', identifiedOn: '2026-06-09', measures: '同步发布解读' });
    const [, , ...rows] = readCsv((await download(`/export/ledger.csv?evaluationId=${evaluationId}`)).bytes);
    expect(rows.find((row) => row[2] === '政策解读不到位')).toEqual([String(rows.length), '2025年度政务公开第三方评估', '政策解读不到位', '政策文件未同步解读', '政策解读', '较重', '同步发布解读', '', '', '', '待交办', '', '', '', '', '', '']);
    const sheet = await openXlsx((await download(`/export/ledger.xlsx?evaluationId=${evaluationId}`)).bytes);
    expect(rowValues(sheet, sheet.rowCount)[2]).toBe('政策解读不到位');
    const [, , ...own] = readCsv((await download(`/export/ledger.csv?evaluationId=${evaluationId}`, FGW_USER)).bytes);
    expect(own.some((row) => row[2] === '政策解读不到位')).toBe(false);
  });

  // Last too: it corrects an inspection the rows above expect as first entered.
  it('reads the ledger and the plan as they had been entered by an instant (knownAt, breaker8 B8), and says so in the title', async () => {
    const before = app.clock.now().toISOString();
    app.clock.set(new Date(app.clock.now().getTime() + 3_600_000).toISOString());
    const inspectionId = ((await app.graphql(`query($id: ID!) { evaluation(id: $id) { findings(first: 5) { nodes { id title assignments { unitId inspections { inspectionId } } } } } }`, { id: evaluationId })).data!.evaluation.findings.nodes as {
      id: string; title: string; assignments: { unitId: string; inspections: { inspectionId: string }[] }[];
    }[]).flatMap((finding) => finding.assignments.filter((part) => part.unitId === units.FGW!.id).map((part) => ({ findingId: finding.id, inspectionId: part.inspections.at(-1)!.inspectionId })))[0]!;
    const corrected = await app.graphql(`mutation($input: CorrectInspectionInput!) { correctInspection(input: $input) { id } }`, {
      input: { idempotencyKey: key('correct'), ...inspectionId, unitId: units.FGW!.id, outcome: 'FAILED', newDueDate: '2026-06-20', reason: '结论录错' },
    });
    expect(corrected.errors).toBeUndefined();
    const status = (rows: string[][]) => rows.find((row) => row[8] === units.FGW!.name)?.[10];
    expect(status(readCsv((await download(`/export/ledger.csv?asOf=2026-06-08&evaluationId=${evaluationId}`)).bytes))).toBe('已退回');
    const asKnown = `/export/ledger.xlsx?asOf=2026-06-08&knownAt=${encodeURIComponent(before)}&evaluationId=${evaluationId}`;
    const sheet = await openXlsx((await download(asKnown)).bytes);
    expect(sheet.getCell('A1').value).toBe(`2025年度政务公开第三方评估整改台账（截至 2026-06-08，按北京时间 ${officeClockExact(before)} 前已录入的记录）`);
    expect(rowValues(sheet, 3)).toEqual(LEDGER_ROWS_ON_8_JUNE()[0]);
    const plan = await openXlsx((await download(`/export/work-plan.xlsx?asOf=2026-06-08&knownAt=${encodeURIComponent(before)}&planId=${planId}`)).bytes);
    expect(String(plan.getCell('A1').value)).toMatch(new RegExp(`（截至 2026-06-08，按北京时间 ${officeClockExact(before)} 前已录入的记录）$`));
    // The CSV of that reading says so in its first row and in its name (breaker8b N5).
    const csv = await download(`/export/ledger.csv?asOf=2026-06-08&knownAt=${encodeURIComponent(before)}&evaluationId=${evaluationId}`);
    const [titleRow, header, firstRow] = readCsv(csv.bytes);
    expect(titleRow).toEqual([`2025年度政务公开第三方评估整改台账（截至 2026-06-08，按北京时间 ${officeClockExact(before)} 前已录入的记录）`]);
    expect(header![0]).toBe('序号');
    expect(firstRow).toEqual(LEDGER_ROWS_ON_8_JUNE()[0]!.map(String));
    const stamp = officeClockExact(before).replace(/[-:]/g, '').replace(' ', '-');
    expect(csv.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(`整改台账-2026-06-08-记录截至北京时间${stamp}.csv`)}`);
    expect(csv.headers.get('content-disposition')).toContain(`filename="ledger-2026-06-08-recorded-by-${stamp}.csv"`);
    // Two readings 1 ms apart, just before and at the correction, hold different rows: their names and titles differ, each
    // saying its instant to the millisecond; the title's instant asked again gives the same rows (newcomer46 S2).
    const correctedAt = ((await app.graphql(`query($id: ID!) { finding(id: $id) { history { eventType recordedAt } } }`, { id: inspectionId.findingId })).data!.finding.history as { eventType: string; recordedAt: string }[])
      .find((entry) => entry.eventType === 'InspectionCorrected')!.recordedAt;
    const justBefore = new Date(Date.parse(correctedAt) - 1).toISOString();
    const readings = await Promise.all([justBefore, correctedAt].map((knownAt) => download(`/export/ledger.csv?asOf=2026-06-08&knownAt=${encodeURIComponent(knownAt)}&evaluationId=${evaluationId}`)));
    const [nameBefore, nameAt] = readings.map((reading) => reading.headers.get('content-disposition'));
    expect(nameBefore).not.toBe(nameAt);
    const [titleBefore, titleAt] = readings.map((reading) => readCsv(reading.bytes)[0]![0]!);
    expect(titleBefore).not.toBe(titleAt);
    expect(status(readCsv(readings[0]!.bytes).slice(1))).not.toBe(status(readCsv(readings[1]!.bytes).slice(1)));
    const clock = /按北京时间 (\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d{3})?) 前/u.exec(titleAt)!;
    expect(new Date(`${clock[1]}T${clock[2]}+08:00`).toISOString()).toBe(correctedAt);
    expect(await download(`/export/ledger.csv?knownAt=2026-06-10&evaluationId=${evaluationId}`)).toMatchObject({ status: 400 });
  });

  // Last as well: it reports again and withdraws a finding.
  it('keeps every return in 退回情况 once the unit reports again, and a withdrawn finding’s units on its rows, 已撤销 (breaker11e P2, P5)', async () => {
    const findings = (await app.graphql(`query($id: ID!) { evaluation(id: $id) { findings(first: 5) { nodes { id title } } } }`, { id: evaluationId })).data!.evaluation.findings.nodes as { id: string; title: string }[];
    const idOf = (title: string) => findings.find((finding) => finding.title === title)!.id;
    const UNIT_CZJ = await app.as('UNIT', units.CZJ!.id);
    const evidence = [{ title: '补充目录', link: 'https://www.example.gov.cn/y' }];
    await mutate('reportRectification', { findingId: idOf('部分单位信息公开不到位'), unitId: units.CZJ!.id, summary: '已补全目录', evidence, reportedOn: '2026-06-10' }, UNIT_CZJ);
    await mutate('withdrawFinding', { findingId: idOf('无网上依申请公开渠道'), reason: '评估机构来函撤回', withdrawnOn: '2026-06-10' });
    const [, , ...rows] = readCsv((await download(`/export/ledger.csv?evaluationId=${evaluationId}`)).bytes);
    const czjDisclosure = rows.find((row) => row[2] === '部分单位信息公开不到位' && row[8] === units.CZJ!.name)!;
    expect([czjDisclosure[10], czjDisclosure[14]]).toEqual(['已报告待督查', '督查未通过（2026-06-06）：目录不完整；时限由 2026-05-31 改为 2026-06-12']);
    const withdrawn = rows.find((row) => row[2] === '无网上依申请公开渠道')!;
    expect([withdrawn[7], withdrawn[8], withdrawn[9], withdrawn[10], withdrawn[15]]).toEqual([units.CZJ!.name, units.CZJ!.name, '2026-06-05', '已撤销（2026-06-10：评估机构来函撤回）', '']);
    const page = await app.graphql(`query($id: ID!) { finding(id: $id) { status assignments { unitId status } } }`, { id: idOf('无网上依申请公开渠道') });
    expect(page.data!.finding).toEqual({ status: 'WITHDRAWN', assignments: [{ unitId: units.CZJ!.id, status: 'ASSIGNED' }] });
  });

  // Last of all: it imports a new problem added below the exported rows.
  it('imports its own 整改台账 export back: every row already recorded, the progress columns named once, and a row added below recorded (breaker11e P13)', async () => {
    const importLedger = (fileName: string, bytes: Buffer, dryRun: boolean) =>
      app.graphql(`mutation($input: ImportFindingsInput!) { importFindings(input: $input) { recordedCount alreadyRecordedCount noticesZh notImported rows { title recordedNow } } }`, {
        input: { idempotencyKey: key(`reimport-${fileName}-${dryRun}`), evaluationId, fileName, contentBase64: bytes.toString('base64'), dryRun },
      });
    const xlsx = (await download(`/export/ledger.xlsx?evaluationId=${evaluationId}`)).bytes;
    const untouched = await importLedger('整改台账.xlsx', xlsx, true);
    expect(untouched.errors).toBeUndefined();
    expect(untouched.data!.importFindings).toMatchObject({ recordedCount: 0, alreadyRecordedCount: 2 });
    expect(untouched.data!.importFindings.noticesZh).toEqual(
      expect.arrayContaining([expect.stringMatching(/本文件是本系统导出的整改台账：状态、评估、报告日期、整改情况、督查结果、退回情况、红黄绿灯、销号日期等进展列是系统中的记录，不导入/), expect.stringMatching(/该行是已撤销的问题（已撤销（2026-06-10：评估机构来函撤回））：不导入。$/)]),
    );
    const csv = (await download(`/export/ledger.csv?evaluationId=${evaluationId}`)).bytes.toString('utf8');
    // A row typed below the exported ones, as Excel saves it (the export's own line endings).
    const eol = csv.includes('\r\n') ? '\r\n' : '\n';
    const added = Buffer.from(`${csv.trimEnd()}${eol}5,2025年度政务公开第三方评估,公开目录未及时更新,目录三个月未更新,主动公开,一般,逐项更新,${units.CZJ!.name},${units.CZJ!.name},2026-06-30,,,,,,,${eol}`);
    const imported = await importLedger('整改台账-补充.csv', added, false);
    expect(imported.errors).toBeUndefined();
    expect(imported.data!.importFindings.rows.filter((row: { recordedNow: boolean }) => row.recordedNow).map((row: { title: string }) => row.title)).toEqual(['公开目录未及时更新']);
  });
});
