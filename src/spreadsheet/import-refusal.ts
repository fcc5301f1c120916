import { DomainError, type ErrorCode } from '../shared/domain-error.js';
import type { ImportFormat, ImportProblem } from './import-problems.js';

/*
 * How a refused import reaches a person: one DomainError whose message sums the problems up and
 * whose `details.problems` lists every one of them ({ row, reason }), for GraphQL clients; the
 * command-line tools print them one per line.
 */

/** Where a problem is: a spreadsheet's row, a YAML or JSON file's line, or the file as a whole. */
export function placeOf(row: number | null, format: ImportFormat | undefined): string {
  if (row === null) return 'file';
  return format === 'yaml' || format === 'json' ? `line ${row}` : `row ${row}`;
}

/** `row 3: Unknown lead unit …`, one line per problem. */
export const problemLines = (problems: readonly ImportProblem[], format?: ImportFormat): string[] =>
  problems.map((problem) => `${placeOf(problem.row, format)}: ${problem.reason}`);

/** Nothing of `fileName` was written, because of `problems` (at least one). */
export function importRefused(
  fileName: string,
  format: ImportFormat | undefined,
  problems: readonly ImportProblem[],
  code: ErrorCode = 'BAD_USER_INPUT',
): DomainError {
  const rows = [...new Set(problems.map((problem) => problem.row).filter((row) => row !== null))];
  const where =
    rows.length === 0
      ? ''
      : ` on ${format === 'yaml' || format === 'json' ? 'line' : 'row'}${rows.length > 1 ? 's' : ''} ${rows.slice(0, 10).join(', ')}${rows.length > 10 ? ', …' : ''}`;
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  const first = problemLines(problems.slice(0, 1), format)[0];
  return new DomainError(
    code,
    `${fileName} was not imported (${count}${where}); nothing was written. ${problems.length > 1 ? 'First' : 'It'}: ${first}`,
    { problems: problems.map(({ row, reason }) => ({ row, reason })) },
  );
}

/** The problems of a refused import, or undefined for any other error. */
export function problemsOf(error: unknown): ImportProblem[] | undefined {
  if (!(error instanceof DomainError)) return undefined;
  const problems = error.details?.problems;
  return Array.isArray(problems) ? (problems as ImportProblem[]) : undefined;
}
