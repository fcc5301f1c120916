import NodeEnvironment from 'jest-environment-node';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const TICKS_PER_SECOND = 100;

/**
 * CPU seconds this process has used so far, its own and its reaped children's (the servers and
 * command-line tools a test file starts as child processes): Linux's /proc/self/stat (utime, stime,
 * cutime, cstime, in ticks of 1/100 s); elsewhere only the process's own (`process.cpuUsage`).
 */
export function cpuSeconds() {
  const own = process.cpuUsage();
  let children = 0;
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // The fields after the command's name in parentheses, from field 3 (state) on: cutime is field 16, cstime 17.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    children = (Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND;
  } catch {
    // Not Linux: the file's own CPU only.
  }
  return (own.user + own.system) / 1e6 + children;
}

/**
 * Jest's Node environment, measuring what each test file costs in CPU seconds — its worker's and
 * every child process it started and reaped — from the environment's setup to its teardown
 * (loading the file's modules included). Wall seconds on a machine shared with other work measure
 * the load as much as the file; CPU seconds do not. Each file appends one line
 * `{"path": <rootDir-relative>, "cpuSeconds": <seconds>}` to `test-results/cpu/<Jest's pid>.<worker pid>.jsonl`,
 * which `.ci/durations-reporter.mjs` of that run reads after it (and then removes). A child still
 * running when the file ends (never reaped) is not counted.
 */
export default class CpuMeasuringEnvironment extends NodeEnvironment {
  constructor(config, context) {
    super(config, context);
    this.rootDir = config.projectConfig.rootDir;
    this.testPath = context.testPath;
  }

  async setup() {
    this.cpuAtStart = cpuSeconds();
    await super.setup();
  }

  async teardown() {
    await super.teardown();
    const directory = join(this.rootDir, 'test-results', 'cpu');
    mkdirSync(directory, { recursive: true });
    const line = { path: relative(this.rootDir, this.testPath), cpuSeconds: Math.round((cpuSeconds() - this.cpuAtStart) * 10) / 10 };
    appendFileSync(join(directory, `${process.ppid}.${process.pid}.jsonl`), `${JSON.stringify(line)}\n`);
  }
}
