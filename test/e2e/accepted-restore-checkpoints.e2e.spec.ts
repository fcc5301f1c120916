import { execFile } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { testSigningKeyFile } from '../support/signing-key.js';
import { StoreRefusedError } from '../../src/event-store/store-witness.js';
import { evaluationInput, REGISTER_EVALUATION } from '../support/fixtures.js';
import { freshDatabasePath, startTestApp, type TestApp } from '../support/test-app.js';

/*
 * breaker9c P7: after a start accepted an older restored store (ACCEPT_STORE_RESET), every later
 * start was refused CHECKPOINTS_MISSING ("checkpoint rows were deleted") until an admin took a
 * checkpoint: the witness kept the lost checkpoint's number as one the store must still hold. One
 * acceptance covers what the restore lost, checkpoints too; a new checkpoint still never takes a
 * number given before.
 */

/** A command-line tool on the store, as an operator runs it beside (or instead of) the server. */
const tool = (name: string, args: string[], sqlitePath: string) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [join(process.cwd(), 'dist/cli', `${name}.js`), ...args],
      { env: { ...process.env, EVENT_STORE: 'sqlite', SQLITE_PATH: sqlitePath, NODE_ENV: 'test', LEDGER_SIGNING_KEY_FILE: testSigningKeyFile() } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });

const TAKE_CHECKPOINT = 'mutation { takeLedgerCheckpoint { sequence } }';

async function registerAndCheckpoint(app: TestApp): Promise<number> {
  const supervisor = await app.as('SUPERVISOR');
  expect((await app.graphql(REGISTER_EVALUATION, { input: evaluationInput() }, supervisor)).errors).toBeUndefined();
  const taken = await app.graphql(TAKE_CHECKPOINT, {}, await app.as('ADMIN'));
  expect(taken.errors).toBeUndefined();
  return taken.data!.takeLedgerCheckpoint.sequence as number;
}

describe('A start that accepted an older restored store', () => {
  it('is not followed by starts refused for the checkpoints it accepted, and numbers the next checkpoint after the lost ones', async () => {
    const sqlitePath = freshDatabasePath();
    const first = await startTestApp({ sqlitePath });
    expect(await registerAndCheckpoint(first)).toBe(1);
    await first.close();
    copyFileSync(sqlitePath, `${sqlitePath}.backup`);

    const second = await startTestApp({ sqlitePath });
    expect(await registerAndCheckpoint(second)).toBe(2);
    await second.close();

    // Only the older backup is left (checkpoint 1); the start is refused, then accepted once.
    copyFileSync(`${sqlitePath}.backup`, sqlitePath);
    for (const file of [`${sqlitePath}-wal`, `${sqlitePath}-shm`, `${sqlitePath}.read-models.snapshot`]) rmSync(file, { force: true });
    await expect(startTestApp({ sqlitePath })).rejects.toBeInstanceOf(StoreRefusedError);
    const accepted = await startTestApp({ sqlitePath, settings: { ACCEPT_STORE_RESET: 'true' } });
    await accepted.close();

    // 9c P7 rest: the tools judge the store as the server does — the accepted store, not refused for the checkpoints it lost.
    const created = await tool('create-user', ['--name', '李娜', '--role', 'SUPERVISOR'], sqlitePath);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const exported = await tool('export-ledger', ['--out', `${sqlitePath}.export.xlsx`], sqlitePath);
    expect(exported.code).toBe(0);

    // The flag removed, as the README says: the store the operator accepted starts (its clock past the acceptance, as an office's is).
    const later = await startTestApp({ sqlitePath, now: new Date(Date.now() + 24 * 3600_000).toISOString() });
    try {
      // Checkpoint 2 was printed and lost in the restore: the next one is 3, never a second 2.
      expect(await registerAndCheckpoint(later)).toBe(3);
    } finally {
      await later.close();
    }
    const again = await startTestApp({ sqlitePath });
    await again.close();

    // 9c P7 rest: verification still names checkpoint 2 (the audit must see it), but as lost in the accepted restore, not as a row deleted.
    const verified = await tool('ledger-verify', [], sqlitePath);
    expect(verified.code).toBe(1);
    expect(verified.stdout).toContain('台账不符（CHECKPOINT_MISSING）');
    expect(verified.stdout).toMatch(/校验点 2 缺失.*系管理员于北京时间 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d接受从较早备份恢复的事件库（ACCEPT_STORE_RESET）时丢失/);
    expect(verified.stdout).toContain('Checkpoint 2 is missing after checkpoint 1');
    expect(verified.stdout).toContain('lost in the restore from an older backup that an operator accepted on');
    expect(verified.stdout).not.toContain('说明该校验点记录被删除');
    expect(verified.stdout).not.toContain('so its row was deleted');

    // breaker9x S3: it failed every later run, forever — a scheduled check never cleared. It says how to acknowledge the loss,
    // and once acknowledged (that restore's instant only) the run passes, still naming the lost checkpoint.
    const instant = /--acknowledge-reset=(\S+?Z)/u.exec(verified.stdout)?.[1];
    expect(instant).toBeDefined();
    const acknowledged = await tool('ledger-verify', [`--acknowledge-reset=${instant}`], sqlitePath);
    expect(acknowledged.code).toBe(0);
    expect(acknowledged.stdout).toMatch(/已确认（--acknowledge-reset）：校验点 2 缺失.*接受从较早备份恢复的事件库（ACCEPT_STORE_RESET）时丢失/u);
    expect(acknowledged.stdout).toContain('Acknowledged (--acknowledge-reset): Checkpoint 2 is missing after checkpoint 1');
    expect(acknowledged.stdout).toContain('台账完好');
    // newcomer46-9 M6: the intact ledger is never a bare 台账完好 after an accepted reset: the acceptance is named, for good.
    expect(acknowledged.stdout).toContain(`已接受（--accept-store-reset，`);
    expect(acknowledged.stdout).toContain('该次启动之前已确认写入、而当时事件库中没有的记录不在本台账中');
    expect(acknowledged.stdout).toContain(`Accepted (--accept-store-reset, ${instant})`);
    const json = JSON.parse((await tool('ledger-verify', [`--acknowledge-reset=${instant}`, '--json'], sqlitePath)).stdout) as { ok: boolean; acknowledgedLosses: { kind: string }[] };
    expect(json).toMatchObject({ ok: true, acknowledgedLosses: [{ kind: 'CHECKPOINT_MISSING' }] });
    // Another instant acknowledges nothing: still a mismatch, said why.
    const other = await tool('ledger-verify', ['--acknowledge-reset=2020-01-01T00:00:00.000Z'], sqlitePath);
    expect(other.code).toBe(1);
    expect(other.stdout).toContain(`does not name the restore accepted last (${instant})`);
  });
});
