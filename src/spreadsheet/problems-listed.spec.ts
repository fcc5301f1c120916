import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { formatGraphqlError } from '../shared/graphql/format-error.js';
import { toGraphqlError } from '../shared/graphql/graphql-error.filter.js';
import { reportFailure } from '../cli/import-cli.js';
import { importRefused, PROBLEMS_LISTED } from './import-refusal.js';
import type { ImportProblem } from './import-problems.js';

/*
 * breaker53-10 S3: a 台账 at the limits (5 000 problems × 4 rows) refused row by row answered 25 000 problems — 10 MB of GraphQL
 * written in one piece, /health unanswered for seconds. An answer lists the first hundred and says how many more; the refusal's
 * message and every listed problem keep their words. Counted here (problems and bytes answered, lines printed), never timed.
 */
const problemsOf = (count: number): ImportProblem[] =>
  Array.from({ length: count }, (_, index) => ({
    row: index + 2,
    reason: `Part of 青川市甲务局 due 2026-06-30, before finding "大台账问题第${index + 1}号" was identified on 2026-12-07.`,
    reasonZh: `青川市甲务局的整改时限 2026-06-30 早于问题“大台账问题第${index + 1}号”的认定日期 2026-12-07。`,
  }));

/** The refusal as the server answers it (Apollo's formatError over the GraphQL error the filter makes). */
function answered(problems: readonly ImportProblem[]) {
  const graphqlError = toGraphqlError(importRefused('l5000x4.csv', 'csv', problems), new Logger('test'));
  return formatGraphqlError({ hideSchemaDetails: true })(graphqlError.toJSON(), graphqlError);
}

describe('a refusal with thousands of problems is answered with the first hundred and how many more', () => {
  it('GraphQL: 25 000 problems answer the first 100, problemCount 25 000 and problemsNotListed 24 900, in well under 100 KB', () => {
    const formatted = answered(problemsOf(25_000));
    const extensions = formatted.extensions!;
    expect(extensions.problems).toHaveLength(PROBLEMS_LISTED);
    expect((extensions.problems as ImportProblem[])[0]).toEqual({ row: 2, reason: expect.stringContaining('大台账问题第1号'), reasonZh: expect.stringContaining('大台账问题第1号') });
    expect((extensions.problems as ImportProblem[])[99]!.row).toBe(101);
    expect(extensions).toMatchObject({ problemCount: 25_000, problemsNotListed: 24_900, code: 'BAD_USER_INPUT' });
    // The message still counts them all and names the first, in both languages.
    expect(formatted.message).toContain('25000 problems');
    expect(extensions.messageZh).toContain('25000 个问题');
    expect(JSON.stringify(formatted).length).toBeLessThan(100_000);
  });

  it('GraphQL: a list that fits is answered as it was, with no counts', () => {
    const extensions = answered(problemsOf(PROBLEMS_LISTED)).extensions!;
    expect(extensions.problems).toHaveLength(PROBLEMS_LISTED);
    expect(extensions).not.toHaveProperty('problemCount');
    expect(extensions).not.toHaveProperty('problemsNotListed');
  });

  it('the tools print the first 100 in Chinese and in English, and how many more in each', () => {
    const printed: string[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((line: unknown) => void printed.push(String(line)));
    try {
      expect(reportFailure(importRefused('l5000x4.csv', 'csv', problemsOf(25_000)), { zh: '用法', en: 'Usage' }, 'l5000x4.csv')).toBe(1);
    } finally {
      spy.mockRestore();
    }
    expect(printed[0]).toBe('拒绝导入：l5000x4.csv 未导入（25000 个问题），未写入任何内容。');
    expect(printed.filter((line) => line.startsWith('第 '))).toHaveLength(PROBLEMS_LISTED);
    expect(printed.filter((line) => line.startsWith('row '))).toHaveLength(PROBLEMS_LISTED);
    expect(printed).toContain('……另有 24900 个问题未列出（共 25000 个，以上列出前 100 个）。其余问题多与所列同类：请在整个文件中改正同类问题后重新导入（或加 --dry-run 试导入），即可看到其余问题。');
    expect(printed.some((line) => line.startsWith('… and 24900 more problems not listed (25000 in all'))).toBe(true);
    expect(printed).toHaveLength(2 * PROBLEMS_LISTED + 4);
  });
});
