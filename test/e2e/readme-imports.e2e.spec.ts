import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, START_CEILING_MS } from '../support/server-process.js';

/*
 * newcomer13 R4, R5 (= Q7), R6: the README's import commands failed as written — the empty store it
 * suggested was refused (the signing key vouches for data/rectify.db), the plan's due dates fell
 * before an approval dated today and its units' registration today, the 整改台账's before every
 * evaluation the README made. The README's try block is now run here from the README's own text,
 * in a working folder like a fresh clone's after `npm ci && npm start`: only the port differs. So is
 * §Excel out's block (R3: `curl -OJ` saved `ledger.xlsx`, and a refusal as the file).
 */

/** The fenced bash block that follows the marker comment in README.md. */
export function readmeBlock(readme: string, marker: string): string {
  const at = readme.indexOf(marker);
  if (at === -1) throw new Error(`README.md has no ${marker} comment: the block it marks is what this test runs`);
  const fence = readme.indexOf('```bash\n', at);
  const end = readme.indexOf('\n```', fence + 8);
  if (fence === -1 || end === -1) throw new Error(`no \`\`\`bash block after ${marker} in README.md`);
  return readme.slice(fence + '```bash\n'.length, end + 1);
}

interface Run {
  code: number | null;
  output: string;
}

/** Runs a bash script in `folder` (its own process group, ended afterwards with whatever it left running). */
function runBash(script: string, folder: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', `set -euo pipefail\n${script}`], { cwd: folder, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const ceiling = setTimeout(() => child.kill('SIGKILL'), 8 * START_CEILING_MS);
    child.on('close', (code) => {
      clearTimeout(ceiling);
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // the group has ended: nothing left running
      }
      resolve({ code, output });
    });
  });
}

/** A working folder like the project's after `npm ci`: the built code, the samples and the dependencies, nothing else. */
function freshClone(): string {
  const folder = mkdtempSync(join(tmpdir(), 'rectify-readme-'));
  for (const name of ['package.json', 'dist', 'node_modules', 'samples', 'web']) symlinkSync(join(process.cwd(), name), join(folder, name));
  return folder;
}

/** The environment of a terminal that has set none of Rectify's settings. */
function terminalEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8' };
  return env;
}

describe('README: Importing plans, units and findings; Excel out', () => {
  const readme = readFileSync(join(process.cwd(), 'README.md'), 'utf8');

  it('runs the export block on the demo `npm start` made, then the try block on an empty store beside it, both as written', async () => {
    const exportsBlock = readmeBlock(readme, '<!-- readme-exports:');
    const importsBlock = readmeBlock(readme, '<!-- readme-imports:');
    expect(exportsBlock).toContain('localhost:3000/');
    expect(importsBlock).toContain('PORT=3001');
    const port = await freePort();
    const folder = freshClone();
    // What `npm start` makes in a fresh clone: the key in ./keys, the demo store in ./data, and the key's copy of the witness that vouches for it.
    mkdirSync(join(folder, 'keys'));
    writeFileSync(join(folder, 'keys', 'ledger-signing-key.pem'), generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
    const onTheDemo = await runBash(
      `npm start > start.log 2>&1 &
       # Its own server's line, not any answer on the port: another test's server may take the port first (then this start is refused and says so in start.log).
       for attempt in $(seq 1 ${START_CEILING_MS / 100}); do grep -q 'GraphQL at http://localhost:${port}/graphql' start.log && break; grep -q '已被占用' start.log && break; sleep 0.1; done
       ${exportsBlock.replaceAll('localhost:3000/', `localhost:${port}/`)}
       echo "DAY=$DAY"
       kill %1; wait`,
      folder,
      { ...terminalEnvironment(), PORT: String(port) },
    );
    if (onTheDemo.code !== 0) throw new Error(`the README's export block stopped (exit ${onTheDemo.code}):\n${onTheDemo.output}\n--- start.log ---\n${readFileSync(join(folder, 'start.log'), 'utf8')}`);
    const day = /^DAY=(\d{4}-\d{2}-\d{2})$/m.exec(onTheDemo.output)![1];
    // curl -OJ saves under the plain filename (newcomer13 R3): an XLSX (a zip) and a CSV with Excel's BOM, never a refusal's JSON.
    expect(readFileSync(join(folder, `ledger-${day}.xlsx`)).subarray(0, 2).toString()).toBe('PK');
    // The work-plan CSV's first row is its title, saying which day it shows (breaker10g P22), then the header.
    expect(readFileSync(join(folder, `work-plan-${day}.csv`), 'utf8')).toMatch(new RegExp(`^\uFEFF[^\r\n]*进展（截至 ${day}，含事后补录的记录，已录入至北京时间 [\\d: .-]+）\r\n序号,`, 'u'));
    expect(readFileSync(join(folder, '台账.xlsx')).subarray(0, 2).toString()).toBe('PK');
    expect(readdirSync(folder).some((name) => /^工作方案进展-\d{4}-\d{2}-\d{2}\.csv$/.test(name))).toBe(true);

    // Run as written, the block stops its own server and leaves this terminal on the demo store's settings
    // (breaker11f P5: `kill %1` stopped npm and left the server running; newcomer14 S1: the next block read the try store).
    const afterwards = `\nfor attempt in $(seq 1 ${START_CEILING_MS / 100}); do curl -s -o /dev/null http://localhost:${port}/health || { echo SERVER-STOPPED; break; }; sleep 0.1; done\necho "SETTINGS-LEFT:\${SQLITE_PATH-}\${PORT-}\${DEMO_DATA-}."\necho "TRY=\${TRY-data/try}"`;
    const tryBlock = async (run: string) => {
      const tried = await runBash(importsBlock.replaceAll('3001', String(port)) + afterwards, folder, terminalEnvironment());
      const tryFolder = /^TRY=(\S+)$/m.exec(tried.output)?.[1] ?? 'data/try';
      const serverLog = join(folder, tryFolder, 'server.log');
      if (tried.code !== 0) throw new Error(`the README's try block stopped on its ${run} run (exit ${tried.code}):\n${tried.output}\n--- ${tryFolder}/server.log ---\n${existsSync(serverLog) ? readFileSync(serverLog, 'utf8') : ''}`);
      expect(tried.output).toContain('Imported units.csv: 15 units registered');
      expect(tried.output).toMatch(/35 items/);
      // s16 S6 (newcomer18): the Chinese result names the plan by its title, no id; what the reading noticed follows, a line each (breaker54-10 M5).
      expect(tried.output).toContain('已导入 青川市2026年政务公开工作要点（2026）：3 个大项，35 个事项，涉及 15 个单位。\n读取了工作表“分解方案”。\n');
      expect(tried.output).toMatch(/Imported findings-2025\.csv: 7 findings recorded/);
      expect(tried.output).toMatch(/rectification-ledger-2025\.xlsx[^\n]*3 findings/);
      expect(tried.output).not.toMatch(/Refused|拒绝|TypeError/);
      expect(tried.output).toContain('SERVER-STOPPED');
      expect(tried.output).toContain('SETTINGS-LEFT:.');
      return tryFolder;
    };
    expect(await tryBlock('first')).toBe('data/try');
    // newcomer18 S2 (s16 S4): the plan-revision example named a plan-v2.xlsx that did not exist, item 7's old
    // date wrongly, and a re-date refused today; the refusal's Chinese told a command-line user to 勾选“按新版本调整”.
    // The block runs as written on the try store, and the refusal names the options in Chinese too.
    // "Without --dry-run or --revise the same command is refused (exit 1)": run so before the block, then the block as written,
    // then the superseded first version sent again (newcomer43-10 #3: refused as that version, never offered as a revision).
    const revision = await runBash(
      'TRY=data/try\nSQLITE_PATH=./data/try/rectify.db npm run plan:import -- samples/work-plan-2026-v2.csv --title 青川市2026年政务公开工作要点 --year 2026 --assigned-on 2026-06-15 || echo "REFUSED-WITHOUT-FLAGS: $?"\n' +
        readmeBlock(readme, '<!-- readme-revision:') +
        'SQLITE_PATH=./data/try/rectify.db npm run plan:import -- samples/work-plan-2026.csv --title 青川市2026年政务公开工作要点 --year 2026 || echo "REFUSED-FIRST-VERSION: $?"\n',
      folder,
      terminalEnvironment(),
    );
    if (!revision.output.includes('REFUSED-WITHOUT-FLAGS: 1') || !revision.output.includes('REFUSED-FIRST-VERSION: 1')) {
      throw new Error(`the README's revision block stopped (exit ${revision.code}), or a version was not refused:\n${revision.output}`);
    }
    expect(revision.output).toMatch(/与工作方案“青川市2026年政务公开工作要点”已被第2版（[^）]*work-plan-2026-v2\.csv[^）]*）取代的第1版（[^）]*work-plan-2026\.xlsx/);
    expect(revision.output).toContain('试导入：青川市2026年政务公开工作要点（2026）将修订：新增事项 1 项（36），调整时限 1 项（7：2026-04-30 → 2026-09-30），事项 7 已逾期 46 天：改期后不再计为逾期。未写入任何内容。');
    expect(revision.output).toContain('Revised 青川市2026年政务公开工作要点 (2026): 1 item(s) added (36), 1 re-dated (7: 2026-04-30 → 2026-09-30), item 7 was 46 days overdue: once re-dated it no longer counts as overdue. Progress is kept.');
    const refusalZh = revision.output.split('\n').find((line) => line.startsWith('工作方案“青川市2026年政务公开工作要点”已从另一份文件导入'));
    expect(refusalZh).toContain('请加 --revise 后重新导入');
    expect(refusalZh).toContain('--dry-run');
    expect(refusalZh).not.toMatch(/勾选|“按新版本调整”|“预览（不写入）”/);
    // newcomer18 S1 (s16 S2): run a second time as written, in the same terminal and folder, the block
    // refused its own units and plan, user:create refused the same account, and a Node TypeError and two
    // usage dumps followed. It now takes the next free folder and runs as the first time did.
    expect(await tryBlock('second')).toBe('data/try2');
    expect(existsSync(join(folder, 'data/try/rectify.db'))).toBe(true);
  });
});

