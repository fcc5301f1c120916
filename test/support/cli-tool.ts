import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { testSigningKeyFile } from './signing-key.js';

/** What a command-line tool run answered: its exit code (0 ok) and both streams as text. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built tool `dist/cli/<name>.js` with `args` in `cwd` under exactly `env`; never rejects. */
export const runTool = (name: string, args: string[], options: { cwd?: string; env: NodeJS.ProcessEnv }) =>
  new Promise<CliResult>((resolve) => {
    execFile(process.execPath, [join(process.cwd(), 'dist/cli', `${name}.js`), ...args], options, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });

/** A tool run as from an operator's terminal in `folder` (./data/rectify.db, ./keys there), none of the installation's settings. */
export const toolInFolder = (name: string, args: string[], folder: string) =>
  runTool(name, args, { cwd: folder, env: { PATH: process.env.PATH, HOME: folder, NODE_ENV: 'test', LANG: 'C.UTF-8' } });

/** A tool run against the SQLite store at `sqlitePath` with the test signing key, the test's environment otherwise. */
export const toolOnStore = (name: string, args: string[], sqlitePath: string) =>
  runTool(name, args, { env: { ...process.env, EVENT_STORE: 'sqlite', SQLITE_PATH: sqlitePath, NODE_ENV: 'test', LEDGER_SIGNING_KEY_FILE: testSigningKeyFile() } });
