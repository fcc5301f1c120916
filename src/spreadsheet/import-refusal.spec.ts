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
