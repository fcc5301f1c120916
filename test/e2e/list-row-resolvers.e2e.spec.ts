import { GraphQLSchemaHost } from '@nestjs/graphql';
import { TypeInfo, parse, visit, visitWithTypeInfo, type GraphQLSchema } from 'graphql';
// @ts-expect-error the bench is plain JavaScript (no declarations)
import { listPages } from '../../bench/queries.mjs';
import { startTestApp, type TestApp } from '../support/test-app.js';

/*
 * perf47b (issue 12 row 7): a page of 50 findings cost 7.75–13.5 ms of server CPU against 2.5–4.25 for one finding. The
 * profile put most of it in Nest's per-call wrapper around each field resolver (an async function, its parameters piped one
 * by one, each a promise — and every promise runs the async-context hook of the request scope): 4 fields of each finding and
 * the unit of each part, ≈ 350 wrapped calls a page. A field resolver with no parameter decorators is handed to graphql-js as
 * the method itself (Nest's direct path); one with `@Parent()` is not. Every field a row-7 page asks of its rows that takes
 * no arguments must be such a method, or a plain property.
 */
describe('the fields row 7’s list pages ask of every row (perf47b)', () => {
  let app: TestApp;
  let schema: GraphQLSchema;

  beforeAll(async () => {
    app = await startTestApp();
    schema = app.app.get(GraphQLSchemaHost).schema;
  });

  afterAll(async () => {
    await app?.close();
  });

  /** `Type.field` of every field the page selects without arguments, with the name of its resolve function. */
  function resolversOf(query: string): Map<string, string> {
    const typeInfo = new TypeInfo(schema);
    const found = new Map<string, string>();
    visit(
      parse(query),
      visitWithTypeInfo(typeInfo, {
        Field(node) {
          const parent = typeInfo.getParentType();
          const field = typeInfo.getFieldDef();
          if (!parent || !field || node.arguments?.length || field.args.length || parent === schema.getQueryType()) return;
          found.set(`${parent.name}.${field.name}`, field.resolve?.name ?? '(default)');
        },
      }),
    );
    return found;
  }

  it('resolve each by the resolver method itself or a plain property, not through Nest’s per-call wrapper', () => {
    const context = { unitId: 'u', dueFrom: '2026-01-01', dueTo: '2026-02-01', findingsAfter: 'c', longFindingId: 'f', longItemId: 'i', itemHistoryAfter: 'h' };
    const all = new Map<string, string>();
    for (const page of listPages(context) as { query: string }[]) for (const [field, resolver] of resolversOf(page.query)) all.set(field, resolver);
    // The method bound to its resolver instance (once or more), under its own name; Nest's wrapper is `bound target`.
    const direct = (field: string, resolver: string) => new RegExp(`^(bound )+${field.split('.')[1]}$`).test(resolver);
    expect(all.get('Finding.status')).toMatch(/^(bound )+status$/);
    expect(all.get('Assignment.unit')).toMatch(/^(bound )+unit$/);
    const wrapped = [...all].filter(([field, resolver]) => resolver !== 'rootFieldResolver' && resolver !== '(default)' && !direct(field, resolver));
    expect(wrapped).toEqual([]);
  });
});
