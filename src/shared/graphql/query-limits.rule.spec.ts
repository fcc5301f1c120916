import { buildSchema, getIntrospectionQuery, parse, specifiedRules, validate } from 'graphql';
import { REPLAY_COST, queryLimitsRule } from './query-limits.rule.js';

const schema = buildSchema(`
  type Query {
    units: [Unit!]! unit(id: ID!): Unit node: Node dashboard(asOf: String): Unit
    findings(status: FindingStatus, first: Int, asOf: String, knownAt: String): FindingConnection!
    finding(id: ID!, asOf: String): Unit
  }
  enum FindingStatus { UNASSIGNED OPEN CLOSED WITHDRAWN }
  type FindingConnection { totalCount: Int! }
  interface Node { id: ID! }
  type Unit implements Node { id: ID! code: String! parent: Unit children: [Unit!]! tags: [String!]! }
`);

const refusals = (query: string, limits = { maxDepth: 4, maxCost: 100 }) =>
  validate(schema, parse(query), [...specifiedRules, queryLimitsRule(limits)]).map((error) => ({
    reason: error.extensions.reason,
    message: error.message,
  }));

describe('query limits', () => {
  it('let a query within both limits through', () => {
    // depth 4; cost: units 1 + 5 × (id 1 + parent (1 + parent (1 + id 1))) = 21
    expect(refusals('{ units { id parent { parent { id } } } }')).toEqual([]);
  });

  it('refuse a query nested deeper than the limit, saying how deep it is', () => {
    expect(refusals('{ unit(id: "1") { parent { parent { parent { id } } } } }')).toEqual([
      { reason: 'QUERY_TOO_DEEP', message: expect.stringMatching(/5 levels deep; at most 4 are allowed/) },
    ]);
  });

  it('refuse a query whose nested lists multiply past the cost limit', () => {
    // units 1 + 5 × (children 1 + 5 × (children 1 + 5 × (id 1))) = 156, 4 deep
    expect(refusals('{ units { children { children { id } } } }')).toEqual([
      { reason: 'QUERY_TOO_COSTLY', message: expect.stringMatching(/estimated cost 156, at most 100 allowed; each list counts 5 times/) },
    ]);
  });

  it('count every alias, so repeating a field under other names does not slip through', () => {
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: units { id }`).join(' ');
    expect(refusals(`{ ${aliases} }`)[0]?.reason).toBe('QUERY_TOO_COSTLY');
  });

  it('price a field given asOf at a replay of the log, so aliased time travel cannot pile up', () => {
    const limits = { maxDepth: 10, maxCost: 2000 };
    expect(refusals('{ dashboard { id } }', limits)).toEqual([]);
    expect(refusals('{ dashboard(asOf: null) { id } }', limits)).toEqual([]);
    // Each alias at a cut of its own (variables of their own may hold different days).
    const replays = (count: number) =>
      `query(${Array.from({ length: count }, (_, i) => `$at${i}: String`).join(', ')}) { ${Array.from({ length: count }, (_, i) => `d${i}: dashboard(asOf: $at${i}) { id }`).join(' ')} }`;
    expect(refusals(replays(4), limits)).toEqual([]);
    expect(refusals(replays(5), limits)).toEqual([
      { reason: 'QUERY_TOO_COSTLY', message: expect.stringMatching(`estimated cost ${5 * (REPLAY_COST + 2)}, at most 2000`) },
    ]);
  });

  it('price one fold once: aliases of a field at one cut, filtered or paged differently, are one replay (问题清单: the page and five status counts)', () => {
    const limits = { maxDepth: 10, maxCost: 2000 };
    const counts = (statuses: string[]) =>
      `query($asOf: String, $knownAt: String) { ${statuses.map((status, i) => `c${i}: findings(status: ${status}, first: 0, asOf: $asOf, knownAt: $knownAt) { totalCount }`).join(' ')} }`;
    expect(refusals(counts(['UNASSIGNED', 'OPEN', 'CLOSED', 'WITHDRAWN', 'UNASSIGNED', 'OPEN', 'CLOSED']), limits)).toEqual([]);
    // Another cut is another fold, priced again: five days of the dashboard do not fit, as before.
    const days = (count: number) => `{ ${Array.from({ length: count }, (_, i) => `d${i}: dashboard(asOf: "2026-06-0${i + 1}") { id }`).join(' ')} }`;
    expect(refusals(days(4), limits)).toEqual([]);
    expect(refusals(days(5), limits)[0]?.reason).toBe('QUERY_TOO_COSTLY');
    // Another record (an id) is another fold too.
    const findings = (count: number) => `query($at: String) { ${Array.from({ length: count }, (_, i) => `f${i}: finding(id: "${i}", asOf: $at) { id }`).join(' ')} }`;
    expect(refusals(findings(5), limits)[0]?.reason).toBe('QUERY_TOO_COSTLY');
  });

  it('measure fragments and inline fragments where they are spread', () => {
    const query = `
      { unit(id: "1") { ...Deep } }
      fragment Deep on Unit { parent { ... on Unit { parent { parent { id } } } } }`;
    expect(refusals(query)[0]?.reason).toBe('QUERY_TOO_DEEP');
    expect(refusals('{ node { ... on Unit { children { id } } } }', { maxDepth: 3, maxCost: 5 })).toEqual([
      { reason: 'QUERY_TOO_COSTLY', message: expect.stringMatching(/estimated cost 7,/) },
    ]);
  });

  it('measure a fragment spread thousands of times once (no blow-up) and survive fragment cycles', () => {
    const levels = Array.from({ length: 30 }, (_, i) => `fragment F${i} on Unit { parent { ...F${i + 1} } p2: parent { ...F${i + 1} } }`);
    const bomb = `{ unit(id: "1") { ...F0 } } ${levels.join(' ')} fragment F30 on Unit { id }`;
    expect(refusals(bomb, { maxDepth: 100, maxCost: 1000 })[0]?.reason).toBe('QUERY_TOO_COSTLY');

    const cycle = validate(schema, parse('{ unit(id: "1") { ...A } } fragment A on Unit { parent { ...B } } fragment B on Unit { parent { ...A } }'), [
      ...specifiedRules,
      queryLimitsRule({ maxDepth: 10, maxCost: 100 }),
    ]);
    expect(cycle.map((error) => error.message)).toEqual([expect.stringMatching(/Cannot spread fragment "A" within itself/)]);
  });

  it("let GraphiQL's introspection query through at the default limits, but not a thousand aliased copies of it", () => {
    const introspection = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true });
    expect(refusals(introspection, { maxDepth: 10, maxCost: 2000 })).toEqual([]);
    const aliased = `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: __schema { types { name fields { name } } }`).join(' ')} }`;
    expect(refusals(aliased, { maxDepth: 10, maxCost: 2000 })).toEqual([expect.objectContaining({ reason: 'QUERY_TOO_COSTLY' })]);
    expect(refusals(`{ ${Array.from({ length: 50 }, (_, i) => `t${i}: __type(name: "Unit") { name }`).join(' ')} }`, { maxDepth: 10, maxCost: 2000 })).toEqual([
      expect.objectContaining({ reason: 'QUERY_TOO_COSTLY' }),
    ]);
    expect(refusals('{ units { __typename id } }', { maxDepth: 2, maxCost: 6 })).toEqual([]);
  });
});
