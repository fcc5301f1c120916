import { problemAt } from './import-problems.js';
import { importRefused } from './import-refusal.js';
import { say } from '../shared/domain-error.js';

/* breaker11 F5: the rows of a refused import read “在第 7、15、…、49等 行” — the space before 行, not before 等. */
describe('where a refused import’s problems are, in Chinese', () => {
  const problems = (rows: number[]) => rows.map((row) => problemAt(row, say('Bad row.', '此行有误。')));

  it('lists up to ten rows, then 等, with the space before 等 and none before 行', () => {
    const many = importRefused('plan.xlsx', 'xlsx', problems([7, 15, 21, 23, 25, 27, 31, 33, 41, 49, 52]));
    expect(many.messageZh).toContain('在第 7、15、21、23、25、27、31、33、41、49 等行');
  });

  it('names a few rows as they are', () => {
    expect(importRefused('plan.xlsx', 'xlsx', problems([3, 4])).messageZh).toContain('在第 3、4 行');
  });
});

/* breaker10n P19: the English read “nothing was written. It: row 2: …”. */
describe('a refused import’s English sentence', () => {
  it('labels its problem as one', () => {
    expect(importRefused('ov.csv', 'csv', [problemAt(2, say('Due date 2099-12-31 is after the limit.', '完成时限过晚。'))]).message).toBe(
      'ov.csv was not imported (1 problem on row 2); nothing was written. The problem: row 2: Due date 2099-12-31 is after the limit.',
    );
    expect(importRefused('ov.csv', 'csv', [2, 3].map((row) => problemAt(row, say('Bad row.', '此行有误。')))).message).toContain('nothing was written. The first problem: row 2: Bad row.');
  });
});
