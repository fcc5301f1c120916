import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, buildSchema, parse, validate, visit, type DocumentNode } from 'graphql';
// @ts-expect-error the bench is plain JavaScript (no declarations)
import { CIRCULAR_FILTERS, FINDING_FILTERS, QUERIES, listPages } from '../bench/queries.mjs';

/*
 * breaker12b P4: the bench's (and so the README's) `dashboard` figure timed a query without the open
 * parts, while the 总览 page asks them too and costs 20–100× more at 100k. The bench now asks what the
 * page asks: every field of the page's queries, with the same arguments (its first page of the lights).
 */
const overview = readFileSync(join(process.cwd(), 'web/src/pages/Overview.vue'), 'utf8');
const documentOf = (name: string): DocumentNode => parse(new RegExp(`const ${name} = \`([\\s\\S]*?)\`;`).exec(overview)![1]!);

/** Each field the document selects, by its path of response names, with its literal arguments (variables named). */
function selections(document: DocumentNode): Set<string> {
  const found = new Set<string>();
  const path: string[] = [];
  visit(document, {
    Field: {
      enter(node) {
        const args = (node.arguments ?? [])
          .filter((argument) => argument.value.kind !== Kind.VARIABLE)
          .map((argument) => `${argument.name.value}:${argument.value.kind === Kind.INT || argument.value.kind === Kind.ENUM ? argument.value.value : '?'}`)
          .sort()
          .join(',');
        path.push(`${node.alias?.value ?? node.name.value}${args ? `(${args})` : ''}`);
        found.add(path.join('.'));
      },
      leave() {
        path.pop();
      },
    },
  });
  return found;
}

describe('the bench’s dashboard query', () => {
  it('asks everything the 总览 page asks: its figures, its four light counts and the first page of its lights table', () => {
    const bench = selections(parse((QUERIES as Record<string, (cut: string) => string>).dashboard('now')));
    const figures = [...selections(documentOf('DASHBOARD'))];
    // The table's first page: the page's `first` is its page size (PAGE_SIZE 50), a variable there.
    const table = [...selections(documentOf('OPEN_PARTS'))].map((path) => path.replace('openPartsPage', 'openPartsPage(first:50)'));
    expect([...figures, ...table].filter((path) => !bench.has(path))).toEqual([]);
  });
});

/*
 * Issue 12 row 7: the bench times a page of each list the issue names, and `findings` with each server-side filter on its
 * own. A list page the schema no longer answers (an argument renamed, a field gone) would stop the run mid-way; a filter
 * left out would leave its cost unmeasured.
 */
describe('the bench’s list pages (row 7)', () => {
  const schema = buildSchema(readFileSync(join(process.cwd(), 'schema.graphql'), 'utf8'));
  const context = { unitId: 'u', dueFrom: '2026-01-01', dueTo: '2026-02-01', evaluationId: 'e', findingsAfter: 'c', circularUnitId: 'cu', issuedFrom: '2025-10-01', issuedTo: '2025-12-31', longFindingId: 'f', longItemId: 'i', itemHistoryAfter: 'h' };
  const pages = (listPages as (context: object) => { name: string; query: string; variables: Record<string, unknown> }[])(context);

  it.each(pages.map((page) => [page.name, page] as const))('%s is a valid query of schema.graphql, every variable it declares given', (_name, page) => {
    const document = parse(page.query);
    expect(validate(schema, document)).toEqual([]);
    const declared = visitVariables(document);
    expect(Object.keys(page.variables).sort()).toEqual(declared.sort());
  });

  it('pages every list the issue names, findings with each filter it names (status, unit, category, light, due range, title) and its evaluation, circulars with each of theirs', () => {
    const fields = new Set(pages.map((page) => page.query.match(/\{\s*(\w+)\(/)![1]));
    expect([...fields].sort()).toEqual(['circulars', 'evaluations', 'finding', 'findings', 'users', 'workPlanItem']);
    expect(pages.filter((page) => page.name.startsWith('history:')).map((page) => page.query)).toEqual(pages.filter((page) => page.query.includes('historyPage(')).map((page) => page.query));
    const filters = Object.keys(FINDING_FILTERS as object).sort();
    expect(filters).toEqual(['category', 'due', 'evaluation', 'light', 'status', 'title', 'unit']);
    const findingsArgs = new Set(schema.getQueryType()!.getFields().findings!.args.map((argument) => argument.name));
    for (const name of filters) {
      const page = pages.find((candidate) => candidate.name === `findings:${name}`)!;
      for (const variable of Object.keys(page.variables)) expect(findingsArgs).toContain(variable);
    }
  });

  // perf47b: circulars' filters were not timed. Every filter argument schema.graphql gives `circulars` (but the time cut) has its line.
  it('times circulars with each of the filters schema.graphql gives it, each on its own', () => {
    const circularsArgs = schema.getQueryType()!.getFields().circulars!.args.map((argument) => argument.name);
    const filterArgs = circularsArgs.filter((name) => !['first', 'after', 'knownAt'].includes(name)).sort();
    expect(filterArgs).toEqual(['issuedFrom', 'issuedTo', 'kind', 'unitId']);
    const timed = Object.keys(CIRCULAR_FILTERS as object).flatMap((name) => Object.keys(pages.find((page) => page.name === `circulars:${name}`)!.variables));
    expect(timed.sort()).toEqual(filterArgs);
    const findingsFilters = schema.getQueryType()!.getFields().findings!.args.map((argument) => argument.name).filter((name) => !['first', 'after', 'asOf', 'knownAt'].includes(name));
    const timedFindings = pages.filter((page) => page.name.startsWith('findings:') && page.name !== 'findings:after').flatMap((page) => Object.keys(page.variables));
    expect(timedFindings.sort()).toEqual(findingsFilters.sort());
  });
});

/** The variables an operation declares, by name. */
function visitVariables(document: DocumentNode): string[] {
  const names: string[] = [];
  visit(document, { VariableDefinition: (node) => void names.push(node.variable.name.value) });
  return names;
}
