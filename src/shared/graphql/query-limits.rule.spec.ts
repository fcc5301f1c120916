import { buildSchema, getIntrospectionQuery, parse, specifiedRules, validate } from 'graphql';
import { queryDepthRule } from './query-limits.rule.js';

const schema = buildSchema(`
  type Query { units: [Unit!]! unit(id: ID!): Unit node: Node }
  interface Node { id: ID! }
  type Unit implements Node { id: ID! code: String! parent: Unit children: [Unit!]! }
`);

const refusals = (query: string, maxDepth = 4) =>
  validate(schema, parse(query), [...specifiedRules, queryDepthRule({ maxDepth })]).map((error) => ({
    reason: error.extensions.reason,
    message: error.message,
  }));

describe('the depth limit', () => {
  it('lets a query within the limit through', () => {
    expect(refusals('{ units { id parent { parent { id } } } }')).toEqual([]);
  });

  it('refuses a query nested deeper than the limit, saying how deep it is', () => {
    expect(refusals('{ unit(id: "1") { parent { parent { parent { id } } } } }')).toEqual([
      { reason: 'QUERY_TOO_DEEP', message: expect.stringMatching(/5 levels deep; at most 4 are allowed/) },
    ]);
  });

  it('measures fragments and inline fragments where they are spread', () => {
    const query = `
      { unit(id: "1") { ...Deep } }
      fragment Deep on Unit { parent { ... on Unit { parent { parent { id } } } } }`;
    expect(refusals(query)[0]?.reason).toBe('QUERY_TOO_DEEP');
    expect(refusals('{ node { ... on Unit { children { parent { id } } } } }', 4)).toEqual([]);
  });

  it('measures a fragment spread thousands of times once and survives fragment cycles', () => {
    const levels = Array.from({ length: 30 }, (_, i) => `fragment F${i} on Unit { parent { ...F${i + 1} } p2: parent { ...F${i + 1} } }`);
    expect(refusals(`{ unit(id: "1") { ...F0 } } ${levels.join(' ')} fragment F30 on Unit { id }`, 100)).toEqual([]);
    expect(refusals(`{ unit(id: "1") { ...F0 } } ${levels.join(' ')} fragment F30 on Unit { id }`, 20)[0]?.reason).toBe('QUERY_TOO_DEEP');
    const cycle = refusals('{ unit(id: "1") { ...A } } fragment A on Unit { parent { ...B } } fragment B on Unit { parent { ...A } }', 10);
    expect(cycle.map((error) => error.message)).toEqual([expect.stringMatching(/Cannot spread fragment "A" within itself/)]);
  });

  it("counts introspection 1 deep, so GraphiQL's introspection query passes a limit of 10", () => {
    expect(refusals(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true }), 10)).toEqual([]);
    expect(refusals('{ units { __typename id } }', 2)).toEqual([]);
  });
});
