import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toolOnStore } from '../support/cli-tool.js';
import { errorCode, freshDatabasePath, startTestApp, type TestApp } from '../support/test-app.js';

/*
 * newcomer49-10 S4: a 「…调整表」 listing only the item that changes, applied with one `plan:import --revise`, withdrew the plan's other
 * items, nothing asked. A version leaving items out is refused unless the withdrawal is confirmed: `--withdraw-missing` on the command
 * line, `withdrawMissing` over GraphQL.
 */

const TITLE = '青川市2026年撤销确认测试方案';
const HEADER = '类别编号,类别,编号,事项,牵头单位,责任单位,完成时限\n';
const PLAN = `${TITLE}\n${HEADER}一,推进五公开,1,推进决策公开,市发展和改革委员会,,2026-06-30\n一,推进五公开,2,推进预算公开,市财政局,,2026-09-30\n一,推进五公开,3,推进执行公开,市财政局,市发展和改革委员会,2026-12-31\n`;
/** The office's adjustment table: only item 2, re-dated. */
const ADJUSTMENT = `${TITLE}调整表\n${HEADER}一,推进五公开,2,推进预算公开,市财政局,,2026-10-31\n`;

async function registerUnits(app: TestApp) {
  for (const [code, name] of [['FGW', '市发展和改革委员会'], ['CZJ', '市财政局']] as const) {
    const response = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, {
      input: { idempotencyKey: `unit-${code}`, code, name, kind: 'DEPARTMENT', registeredOn: '2016-01-04' },
    }, await app.as('ADMIN'));
    expect(response.errors).toBeUndefined();
  }
}

describe('plan:import of a version leaving items out (newcomer49-10 S4)', () => {
  it('refuses --revise alone saying how many of the plan’s items the file leaves out and how to confirm; the dry run says so; --withdraw-missing applies it', async () => {
    const sqlitePath = freshDatabasePath();
    const setUp = await startTestApp({ sqlitePath, now: '2026-11-29T10:00:00+08:00' });
    await registerUnits(setUp);
    await setUp.close();
    const folder = mkdtempSync(join(tmpdir(), 'rectify-withdrawals-'));
    const [plan, adjustment] = [join(folder, '方案.csv'), join(folder, '调整表.csv')];
    writeFileSync(plan, PLAN);
    writeFileSync(adjustment, ADJUSTMENT);
    expect((await toolOnStore('import-work-plan', [plan, '--approved-on', '2026-03-01'], sqlitePath)).code).toBe(0);

    const refused = await toolOnStore('import-work-plan', [adjustment, '--revise', '--assigned-on', '2026-06-01'], sqlitePath);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('调整表.csv 未列出方案现有 3 个事项中的 2 个（1 推进决策公开；3 推进执行公开），按新版本调整将撤销这 2 个事项。未写入任何内容。');
    expect(refused.stderr).toContain('请加 --revise 和 --withdraw-missing 后重新导入');
    expect((await toolOnStore('import-work-plan', [adjustment, '--withdraw-missing'], sqlitePath)).code).toBe(2);

    const dry = await toolOnStore('import-work-plan', [adjustment, '--revise', '--dry-run', '--assigned-on', '2026-06-01'], sqlitePath);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('本文件未列出方案现有的 2 个事项，按新版本调整将撤销它们：不加 --withdraw-missing 导入将被拒绝，以上修订均不会应用');

    const applied = await toolOnStore('import-work-plan', [adjustment, '--revise', '--withdraw-missing', '--assigned-on', '2026-06-01'], sqlitePath);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('撤销 2 项（1, 3）');
  });
});

describe('importWorkPlan of a version leaving items out (newcomer49-10 S4)', () => {
  let app: TestApp;
  const IMPORT = `mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId revision { withdrawn { code } } } }`;
  const input = (key: string, csv: string, extra: Record<string, unknown> = {}) => ({ idempotencyKey: key, fileName: `${key}.csv`, contentBase64: Buffer.from(csv).toString('base64'), ...extra });

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-29T10:00:00+08:00' });
    await registerUnits(app);
  });
  afterAll(() => app?.close());

  it('is CONFLICT on withdrawMissing naming the codes, nothing written; applied with withdrawMissing', async () => {
    await app.as('SUPERVISOR');
    expect((await app.graphql(IMPORT, { input: input('plan', PLAN, { approvedOn: '2026-03-01' }) })).errors).toBeUndefined();
    const head = await app.logPosition();
    const refused = await app.graphql(IMPORT, { input: input('adjust', ADJUSTMENT, { revise: true, assignedOn: '2026-06-01' }) });
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(refused.errors![0]!.extensions).toMatchObject({ field: 'withdrawMissing', withdrawn: ['1', '3'] });
    expect(await app.logPosition()).toBe(head);
    const applied = await app.graphql(IMPORT, { input: input('adjust-confirmed', ADJUSTMENT, { revise: true, withdrawMissing: true, assignedOn: '2026-06-01' }) });
    expect(applied.errors).toBeUndefined();
    expect(applied.data!.importWorkPlan.revision.withdrawn).toEqual([{ code: '1' }, { code: '3' }]);
  });
});
