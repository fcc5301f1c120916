import { jest } from '@jest/globals';
import { createRequire } from 'node:module';

/*
 * breaker12d P3: a dry run of a 2,000-row 整改台账 held the server 12–26 s, 4,000 rows 52 s and
 * 11,000 rows (3.8 MB, under the upload limit) 10.6 minutes: every new row's title was compared
 * with every earlier row's, and with every finding of the evaluation (`titlesApart`, a Levenshtein
 * distance each), on the event loop. Titles are now looked up in an index (`NearTitles`): the
 * comparisons an import makes grow with its rows, not their square. Counted here, never timed:
 * each comparison is one call of fastest-levenshtein's `distance`.
 */
const real = createRequire(import.meta.url)('fastest-levenshtein') as typeof import('fastest-levenshtein');
let comparisons = 0;
jest.unstable_mockModule('fastest-levenshtein', () => ({
  ...real,
  distance: (a: string, b: string) => {
    comparisons += 1;
    return real.distance(a, b);
  },
}));

const { importFindingsFile } = await import('./import-findings.js');
const { importContext, storeWithEvaluation } = await import('../testing/evaluation-for-import.js');
const { FindingTitlesIndex } = await import('../finding-titles/finding-titles.index.js');
const { replayLog } = await import('../../event-sourcing/replay-log.js');
const { DomainError } = await import('../../shared/domain-error.js');

const contextOf = importContext;
const EVALUATION = 'evaluation-large-2025';

/** A 问题清单 of `titles`, one finding a row (its row in the file is its index + 2). */
const findingsList = (titles: readonly string[]) => ({
  name: '问题清单.csv',
  content: new TextEncoder().encode(`问题,具体表现,类别,严重程度\n${titles.map((title) => `${title},${title}的具体表现,网站建设,一般`).join('\n')}\n`),
});

async function withEvaluation() {
  const dependencies = await storeWithEvaluation(EVALUATION, '2025年度政务公开第三方评估（大批量）');
  return { ...dependencies, titles: () => replayLog(dependencies.store, dependencies.schemas, new FindingTitlesIndex()) };
}

// Titles a provincial ledger repeats for many items, told apart by a number (the breaker's file), and ones told apart by their words.
const numbered = (from: number, count: number) => Array.from({ length: count }, (_, n) => `政府网站栏目长期未更新（第${from + n}项）`);
const worded = (count: number) =>
  Array.from({ length: count }, (_, n) => {
    const [x, y] = ['财教民卫交住环农水商文体审统林人'[n % 16], '政务公开目录信息标准年报解读回应平台'[Math.floor(n / 16) % 16]];
    return `第${Math.floor(n / 256) + 1}批${x}${y}栏目${x}${y}更新${x}${y}不及时`;
  });

describe('a large findings import (breaker12d P3)', () => {
  it('compares each row with a few titles, not with every earlier row: 1,000 rows, at most one comparison a row', async () => {
    const { titles, ...dependencies } = await withEvaluation();
    const rows = [...numbered(1, 500), ...worded(500)];
    comparisons = 0;
    const outcome = await importFindingsFile({ ...dependencies, titles: await titles() }, EVALUATION, findingsList(rows), contextOf('dry-run'), { dryRun: true, identifiedOn: '2026-10-08' });
    expect(outcome.findings).toHaveLength(1000);
    // Before: every pair of rows a tolerance apart in length, ~250,000 comparisons.
    expect(comparisons).toBeLessThanOrEqual(rows.length);
  });

  it('compares each new row with a few recorded findings, not with every finding of the evaluation', async () => {
    const { titles, ...dependencies } = await withEvaluation();
    await importFindingsFile({ ...dependencies, titles: await titles() }, EVALUATION, findingsList([...numbered(1, 400), ...worded(200)]), contextOf('first'), { identifiedOn: '2026-10-08' });
    const recorded = await titles();
    comparisons = 0;
    const outcome = await importFindingsFile({ ...dependencies, titles: recorded }, EVALUATION, findingsList(numbered(401, 600)), contextOf('second'), { dryRun: true, identifiedOn: '2026-10-08' });
    expect(outcome.findings.filter((finding) => finding.recordedNow)).toHaveLength(600);
    // Before: each of the 600 rows against each of the 600 findings and each earlier row, ~540,000.
    expect(comparisons).toBeLessThanOrEqual(600);
  });

  it('gives the event loop back while it checks and decides thousands of rows: other work runs in between', async () => {
    const { titles, ...dependencies } = await withEvaluation();
    const recorded = await titles();
    // Turns of the event loop taken while the import runs: each is a moment another request could be answered.
    let turns = 0;
    let running = true;
    const count = () => {
      if (!running) return;
      turns += 1;
      setImmediate(count);
    };
    setImmediate(count);
    const outcome = await importFindingsFile({ ...dependencies, titles: recorded }, EVALUATION, findingsList(numbered(1, 3000)), contextOf('turns'), { dryRun: true, identifiedOn: '2026-10-08' });
    running = false;
    expect(outcome.findings).toHaveLength(3000);
    // Before, the rows were looked up, checked and decided each in one go: a handful of turns for the whole import.
    expect(turns).toBeGreaterThan(20);
  });

  it('still refuses a title retyped from a row far above, or from a recorded finding, naming it', async () => {
    const { titles, ...dependencies } = await withEvaluation();
    await importFindingsFile({ ...dependencies, titles: await titles() }, EVALUATION, findingsList(['政务新媒体账号长期未更新']), contextOf('recorded'), { identifiedOn: '2026-10-08' });
    const rows = [...numbered(1, 300), '依申请公开答复超期问题较多', ...worded(300), '“依申请公开”答复超期问题较多', '政务新媒体帐号长期未更新'];
    const refusal = await importFindingsFile({ ...dependencies, titles: await titles() }, EVALUATION, findingsList(rows), contextOf('retyped'), { dryRun: true, identifiedOn: '2026-10-08' }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DomainError);
    const problems = (refusal as InstanceType<typeof DomainError>).details?.problems as { row: number; reasonZh: string }[];
    // Row 603 (quoted) is row 302's title retyped; row 604 (帐号) the recorded finding's.
    expect(problems.map((problem) => [problem.row, problem.reasonZh.includes('本文件第 302 行') || problem.reasonZh.includes('已登记的问题“政务新媒体账号长期未更新”')])).toEqual([
      [603, true],
      [604, true],
    ]);
  });
});
