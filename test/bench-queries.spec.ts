import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, visit, type DocumentNode } from 'graphql';
// @ts-expect-error the bench is plain JavaScript (no declarations)
import { QUERIES } from '../bench/queries.mjs';

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
