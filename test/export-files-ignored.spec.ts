import { execFileSync } from 'node:child_process';

/*
 * newcomer19 S14 (s16): the README's export block (two curl downloads and two ledger:export runs, in the
 * installation's folder) left four untracked files in a clone's `git status`. The names it writes
 * there are ignored; the samples of the same names elsewhere stay tracked.
 */
const ignored = (path: string): boolean => {
  try {
    execFileSync('git', ['check-ignore', '-q', '--no-index', path], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

describe('what the README’s export block downloads is not left for git to track', () => {
  it.each(['ledger-2026-11-01.xlsx', 'ledger-2026-11-01.csv', 'work-plan-2026-11-01.csv', 'work-plan-2026-11-01.xlsx', '台账.xlsx', '工作方案进展-2026-12-01.csv', '整改台账-2026-12-01.xlsx'])(
    'ignores %s in the working folder',
    (name) => {
      expect(ignored(name)).toBe(true);
    },
  );

  it('still tracks the samples', () => {
    expect(ignored('samples/work-plan-2026.xlsx')).toBe(false);
    expect(ignored('samples/work-plan-2026-v2.csv')).toBe(false);
  });
});
