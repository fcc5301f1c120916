import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installationWrittenInProcess } from './support/test-app.js';

/*
 * newcomer57-9 M5: the README's daily backup schedule (Going live, step 5) as pasted into a crontab. The README's
 * `$(date +%F-%H%M)` pasted there breaks (cron cuts the line at a bare %), and `store:backup` leaves the keys folder to
 * the clerk. The line is taken from the README, read as cron reads it (`\%` → `%`, the first five fields the schedule),
 * and run by /bin/sh in an installation laid out as the README's: it must make the data backup and the keys copy of the
 * same name, and log both.
 */
const README = readFileSync(join(process.cwd(), 'README.md'), 'utf8');

/** The crontab block of Going live step 5: its PATH line and its one schedule line. */
function crontab(): { path: string; line: string } {
  const block = /A daily schedule that does both[\s\S]*?```\n([\s\S]*?)```/.exec(README)?.[1];
  if (!block) throw new Error('README: no crontab block after "A daily schedule that does both"');
  const lines = block.split('\n').map((line) => line.trim()).filter(Boolean);
  return { path: lines.find((line) => line.startsWith('PATH='))!, line: lines.find((line) => /^\d/.test(line))! };
}

describe("README's backup schedule (newcomer57-9 M5)", () => {
  it('writes every % as \\% (cron cuts a line at a bare %)', () => {
    const { line } = crontab();
    expect(line).toMatch(/^30 2 \* \* \* /);
    expect(line.replace(/\\%/g, '')).not.toContain('%');
  });

  it('run as cron runs it, makes the data backup and a copy of the whole keys folder of the same name, and logs both', async () => {
    const project = mkdtempSync(join(tmpdir(), 'rectify-cron-'));
    await installationWrittenInProcess(project, async () => undefined);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ scripts: { 'store:backup': `node ${join(process.cwd(), 'dist/cli/backup-store.js')}` } }));
    writeFileSync(join(project, '.env'), 'SQLITE_PATH=./data/rectify.db\n');
    const backups = mkdtempSync(join(tmpdir(), 'rectify-cron-backup-'));
    const keyBackups = mkdtempSync(join(tmpdir(), 'rectify-cron-keys-'));
    const { line } = crontab();
    // cron: the sixth field on is the command, `\%` is a %, and /bin/sh runs it.
    const command = line.split(/\s+/).slice(5).join(' ').replace(/\\%/g, '%').replaceAll('/srv/rectify', project).replaceAll('/keybackup/rectify', keyBackups).replaceAll('/backup/rectify', backups);
    const ran = await new Promise<{ code: number; stderr: string }>((resolve) =>
      execFile('/bin/sh', ['-c', command], { env: { PATH: process.env.PATH, HOME: project, NODE_ENV: 'test', LANG: 'C.UTF-8' } }, (error, _stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stderr })),
    );
    const log = readFileSync(join(backups, 'backup.log'), 'utf8');
    expect({ code: ran.code, stderr: ran.stderr, failed: log.includes('FAILED') }).toEqual({ code: 0, stderr: '', failed: false });
    const [made] = readdirSync(backups).filter((name) => name !== 'backup.log');
    expect(made).toMatch(/^\d{4}-\d\d-\d\d-\d{4}$/);
    expect(existsSync(join(backups, made!, 'rectify.db'))).toBe(true);
    expect(readdirSync(keyBackups)).toEqual([`keys-${made}`]);
    expect(readdirSync(join(keyBackups, `keys-${made}`)).sort()).toEqual(expect.arrayContaining(['ledger-signing-key.pem', 'store-witnesses']));
    expect(log).toContain('完整性检查通过');
    expect(log).toContain(`keys copied to ${join(keyBackups, `keys-${made}`)}`);
  }, 120_000);
});
