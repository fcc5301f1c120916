import { buildSchema, getIntrospectionQuery, parse, type GraphQLObjectType } from 'graphql';
import { DEFAULT_MAX_COST } from '../../config/app-settings.js';
import { EXPECTED_ITEMS, FIELD_PRICE, HISTORY_PRICE, LIVE_SIZES, MAX_QUERY_NODES, REPLAY_COST, ROOT_FIELD_COST as R, SCAN_ITEMS_PER_UNIT, SUBSCRIPTION_COST_SHARE, costRefusal, estimateCost, type FieldPrice, type SizeOf } from './query-cost.js';

const schema = buildSchema(`
  type Query {
    units: [Unit!]!
    unit(id: ID!): Unit
    dashboard(asOf: String): Dashboard
    findings(status: FindingStatus, titleContains: String, first: Int, after: String, asOf: String, knownAt: String): FindingConnection!
    finding(id: ID!, asOf: String): Finding
  }
  enum FindingStatus { UNASSIGNED OPEN CLOSED WITHDRAWN }
  type FindingConnection { edges: [FindingEdge!]! nodes: [Finding!]! pageInfo: PageInfo! totalCount: Int! }
  type FindingEdge { cursor: String! node: Finding! }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type Finding { id: ID! title: String! parts: [Part!]! history: [Entry!]! }
  type Part { unitId: ID! }
  type Entry { eventId: ID! eventType: String! }
  type Dashboard { asOf: String! percentClosed: Float! perUnit: [Unit!]! openParts: [Alert!]! overdue: [Alert!]! }
  type Alert { findingId: ID! findingTitle: String! unitId: ID! unitName: String! role: String! status: String! dueDate: String! daysLeft: Int! reportedDaysLate: Int trafficLight: String! }
  type Subscription { dashboardUpdated: Dashboard! findingUpdated(id: ID!): Finding! }
  type Unit { id: ID! code: String! parent: Unit children: [Unit!]! }
`);
// What the code-first schema says with @priced (SDL has no field extensions).
const price = (type: string, field: string, value: FieldPrice) => Object.assign((schema.getType(type) as GraphQLObjectType).getFields()[field]!, { extensions: { [FIELD_PRICE]: value } });
price('FindingConnection', 'edges', { items: 1 });
price('FindingConnection', 'nodes', { items: 1 });
price('Finding', 'history', HISTORY_PRICE);
price('Query', 'units', { items: EXPECTED_ITEMS.units });
price('Dashboard', 'perUnit', { items: EXPECTED_ITEMS.units });
price('Dashboard', 'openParts', { items: EXPECTED_ITEMS.openParts, sized: LIVE_SIZES.openParts });
price('Dashboard', 'overdue', { items: EXPECTED_ITEMS.openParts, sized: LIVE_SIZES.openParts });
price('Query', 'findings', { scan: { sized: LIVE_SIZES.findings, items: EXPECTED_ITEMS.findings, when: (args) => args.titleContains != null || args.status != null || args.asOf != null } });

const cost = (query: string, variables: Record<string, unknown> = {}) => estimateCost(schema, parse(query), variables);
const refused = (query: string, variables: Record<string, unknown> = {}, maxCost = DEFAULT_MAX_COST) => costRefusal({ maxCost }, schema, parse(query), variables)?.extensions;

describe('query cost', () => {
  it('counts a page by its first, as a literal or a variable, and by 50 when first is not given', () => {
    // findings R (a root field) + 1 + 200 × (nodes 1 + 1 × (id 1 + title 1))
    expect(cost('{ findings(first: 200) { nodes { id title } } }')).toBe(R + 601);
    expect(cost('query($n: Int) { findings(first: $n) { nodes { id title } } }', { n: 200 })).toBe(R + 601);
    expect(cost('{ findings { nodes { id title } } }')).toBe(R + 151);
    expect(cost('{ findings(first: 3) { edges { cursor node { id } } } }')).toBe(R + 1 + 3 * (1 + 1 + 2));
  });

  it("counts a page's totalCount and pageInfo once, whatever its size", () => {
    expect(cost('{ findings(first: 0) { totalCount } }')).toBe(R + 2);
    expect(cost('{ findings { totalCount } }')).toBe(R + 2);
    expect(cost('{ findings(first: 200) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }')).toBe(R + 1 + 1 + 3 + 200 * 2);
  });

  it('refuses pages of findings with their history, aliased or not, that passed the old estimate of 5 a list (breaker12 P2)', () => {
    const page = (alias: string) => `${alias}: findings(first: $first) { nodes { id title history { eventId eventType } } }`;
    const aliases = (count: number) => `query($first: Int) { ${Array.from({ length: count }, (_, i) => page(`f${i}`)).join(' ')} }`;
    expect(refused(aliases(7), { first: 200 })).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'QUERY_TOO_COSTLY', messageZh: expect.stringMatching(/^查询一次要的数据太多/) });
    expect(refused(aliases(1), { first: 200 })).toMatchObject({ reason: 'QUERY_TOO_COSTLY' });
    // One finding's page with its history fits, and so does a short page of them.
    expect(refused('query($id: ID!) { finding(id: $id) { id history { eventId eventType } } }', { id: '1' })).toBeUndefined();
    expect(refused(aliases(1), { first: 10 })).toBeUndefined();
  });

  it('counts a priced list at its items and its read, another list 5 times', () => {
    expect(cost('{ units { id code } }')).toBe(R + 1 + EXPECTED_ITEMS.units * 2);
    expect(cost('{ dashboard { perUnit { id } } }')).toBe(R + 1 + 1 + EXPECTED_ITEMS.units);
    expect(cost('{ finding(id: "1") { parts { unitId } } }')).toBe(R + 1 + 1 + 5);
    expect(cost('{ finding(id: "1") { history { eventId } } }')).toBe(R + 1 + 1 + HISTORY_PRICE.read! + HISTORY_PRICE.items!);
    expect(cost('{ units { children { children { id } } } }')).toBe(R + 1 + 300 * (1 + 5 * (1 + 5)));
  });

  it('prices a root field as what resolving it costs, and its aliases asking the same once (breaker12f P13)', () => {
    // 480 aliases of a public field were priced 1 each and held the server 2 s: each root call runs guards and pipes.
    expect(cost('{ unit(id: "1") { id } }')).toBe(R + 1 + 1);
    // Aliases asking the same are answered once (once-a-request.ts): the root counted once, each selection counted.
    expect(cost('{ a: unit(id: "1") { id } b: unit(id: "1") { id } }')).toBe(R + 2 * 2);
    expect(cost('query($id: ID!) { a: unit(id: "1") { id } b: unit(id: $id) { id } }', { id: '1' })).toBe(R + 2 * 2);
    expect(cost('{ a: unit(id: "1") { id } b: unit(id: "2") { id } }')).toBe(2 * (R + 2));
    expect(refused(`{ ${Array.from({ length: 480 }, (_, i) => `a${i}: unit(id: "${i}") { id }`).join(' ')} }`)).toMatchObject({ reason: 'QUERY_TOO_COSTLY' });
    // A list's rows cost one each even when nothing but __typename is asked of them.
    expect(cost('{ units { __typename } }')).toBe(R + 1 + EXPECTED_ITEMS.units);
  });

  it('adds what a priced field builds once per call, whatever it selects, by its arguments and the live sizes', () => {
    const built = buildSchema('type Query { plan(id: ID!): Plan plans: [Plan!]! } type Plan { title: String! }');
    const planField = (built.getType('Query') as GraphQLObjectType).getFields().plan!;
    Object.assign(planField, { extensions: { [FIELD_PRICE]: { build: (args, size) => size('planParts', args.id as string) ?? 7 } satisfies FieldPrice } });
    const sizeOf: SizeOf = (name, _past, parentId) => (name === 'planParts' && parentId === 'big' ? 12_000 : undefined);
    expect(estimateCost(built, parse('{ plan(id: "big") { title } }'), {}, undefined, sizeOf)).toBe(R + 12_000 + 1 + 1);
    expect(estimateCost(built, parse('{ plan(id: "small") { title } }'), {}, undefined, sizeOf)).toBe(R + 7 + 1 + 1);
    expect(estimateCost(built, parse('{ a: plan(id: "big") { title } b: plan(id: "big") { title } }'), {}, undefined, sizeOf)).toBe(R + 12_000 + 2 * 2);
  });

  it('adds the build only for selections that build, through fragments too, and once per call among aliases (breaker12h P4)', () => {
    // `{ workPlans { id title year } }` was priced as every plan's breakdown and refused for everyone at 200,000 parts.
    const built = buildSchema('type Query { plans(year: Int): [Plan!]! } type Plan { id: ID! title: String! progress: Progress! } type Progress { parts: Int! }');
    const plansField = (built.getType('Query') as GraphQLObjectType).getFields().plans!;
    const buildsWhen: FieldPrice['buildsWhen'] = (selected, args) => selected.has('progress') || args.year === 1999;
    Object.assign(plansField, { extensions: { [FIELD_PRICE]: { build: () => 22_300, buildsWhen } satisfies FieldPrice } });
    const priced = (query: string) => estimateCost(built, parse(query), {}, undefined, () => undefined);
    expect(priced('{ plans { id title } }')).toBe(R + 1 + 5 * 2);
    expect(priced('{ plans { id progress { parts } } }')).toBe(R + 22_300 + 1 + 5 * (1 + 2));
    expect(priced('{ plans { ... on Plan { progress { parts } } } }')).toBe(R + 22_300 + 1 + 5 * 2);
    expect(priced('{ plans { ...P } } fragment P on Plan { id ...Q } fragment Q on Plan { progress { parts } }')).toBe(R + 22_300 + 1 + 5 * 3);
    expect(priced('{ plans(year: 1999) { id } }')).toBe(R + 22_300 + 1 + 5);
    // Aliases asking the same call: the root counted once, the build once, whichever alias asks it.
    expect(priced('{ a: plans { id } b: plans { progress { parts } } }')).toBe(R + 22_300 + (1 + 5) + (1 + 5 * 2));
    expect(priced('{ a: plans { progress { parts } } b: plans { progress { parts } } }')).toBe(R + 22_300 + 2 * (1 + 5 * 2));
  });

  it('counts every alias, so repeating a field under other names does not slip through', () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: units { id code }`).join(' ');
    expect(refused(`{ ${aliases} }`)).toMatchObject({ reason: 'QUERY_TOO_COSTLY' });
  });

  it('prices a time-travel fold once: aliases at one cut filtered or paged differently are one fold, another cut or record another', () => {
    const counts = `query($asOf: String, $knownAt: String) { ${['UNASSIGNED', 'OPEN', 'CLOSED', 'WITHDRAWN'].map((status, i) => `c${i}: findings(status: ${status}, first: 0, asOf: $asOf, knownAt: $knownAt) { totalCount }`).join(' ')} all: findings(first: 50, asOf: $asOf, knownAt: $knownAt) { nodes { id } } }`;
    // Each status count also scans the findings (FieldPrice.scan); the fold is paid once.
    const scan = Math.ceil(EXPECTED_ITEMS.findings / SCAN_ITEMS_PER_UNIT);
    expect(cost(counts)).toBe(REPLAY_COST + 5 * R + 4 * (2 + scan) + 1 + 50 * 2);
    const days = (count: number) => `query { ${Array.from({ length: count }, (_, i) => `d${i}: dashboard(asOf: "2026-06-0${i + 1}") { percentClosed }`).join(' ')} }`;
    expect(refused(days(4))).toBeUndefined();
    expect(refused(days(5))).toMatchObject({ reason: 'QUERY_TOO_COSTLY' });
    const variables = (count: number) => `query(${Array.from({ length: count }, (_, i) => `$at${i}: String`).join(', ')}) { ${Array.from({ length: count }, (_, i) => `d${i}: dashboard(asOf: $at${i}) { percentClosed }`).join(' ')} }`;
    // (The variables left unset, the five ask the same: one root call, answered once.)
    expect(cost(variables(5))).toBe(R + 5 * (REPLAY_COST + 2));
    expect(cost('{ dashboard(asOf: null) { percentClosed } }')).toBe(R + 2);
    const findings = (count: number) => `query($at: String) { ${Array.from({ length: count }, (_, i) => `f${i}: finding(id: "${i}", asOf: $at) { id }`).join(' ')} }`;
    expect(refused(findings(5))).toMatchObject({ reason: 'QUERY_TOO_COSTLY' });
  });

  it("lets GraphiQL's introspection query through, but not two aliased copies, nor 50 __type", () => {
    expect(refused(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true }))).toBeUndefined();
    expect(refused(`{ ${Array.from({ length: 2 }, (_, i) => `s${i}: __schema { types { name fields { name } } }`).join(' ')} }`)).toMatchObject({ reason: 'QUERY_TOO_COSTLY' });
    expect(refused(`{ ${Array.from({ length: 50 }, (_, i) => `t${i}: __type(name: "Unit") { name }`).join(' ')} }`)).toMatchObject({ reason: 'QUERY_TOO_COSTLY' });
    expect(cost('{ units { __typename id } }')).toBe(R + 1 + 300);
  });

  it('leaves out what @skip and @include leave out', () => {
    expect(cost('query($all: Boolean!) { units @include(if: $all) { id } findings(first: 1) { totalCount } }', { all: false })).toBe(R + 2);
    expect(cost('{ units @skip(if: true) { id } }')).toBe(0);
  });

  it('refuses fragments spread into each other past the node limit, without walking them all', () => {
    const levels = Array.from({ length: 30 }, (_, i) => `fragment F${i} on Unit { parent { ...F${i + 1} } p2: parent { ...F${i + 1} } }`);
    const bomb = `{ unit(id: "1") { ...F0 } } ${levels.join(' ')} fragment F30 on Unit { id }`;
    expect(costRefusal({ maxCost: 1_000_000 }, schema, parse(bomb), {})).toMatchObject({
      message: expect.stringContaining(`more than ${MAX_QUERY_NODES} fields`),
      extensions: { reason: 'QUERY_TOO_COSTLY', messageZh: expect.stringContaining(`超过 ${MAX_QUERY_NODES} 个字段`) },
    });
  });

  it('leaves variables that do not fit the operation to execution, which refuses them as usual', () => {
    expect(cost('query($n: Int!) { findings(first: $n) { totalCount } }', {})).toBeNull();
    expect(refused('query($n: Int) { findings(first: $n) { totalCount } }', { n: 'many' })).toBeUndefined();
  });
});

describe('lists that grow with the data, and subscriptions (breaker12b P1, P3)', () => {
  const ALERT = 'findingId findingTitle unitId unitName role status dueDate daysLeft reportedDaysLate trafficLight';
  /** The 100k bench log: 3,744 open parts now, 23,402 parts ever. */
  const platform: SizeOf = (name, past) => (name === LIVE_SIZES.openParts ? (past ? 23_402 : 3_744) : undefined);
  const refusedWith = (sizeOf: SizeOf | undefined, query: string, maxCost = DEFAULT_MAX_COST) => costRefusal({ maxCost, sizeOf }, schema, parse(query), {})?.extensions;
  const aliases = (count: number, field: string) => Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ');

  it('prices the whole lists of open parts at what the platform holds now, at a past day at every part ever counted', () => {
    expect(estimateCost(schema, parse(`{ dashboard { openParts { ${ALERT} } } }`), {}, undefined, platform)).toBe(R + 1 + 1 + 3_744 * 10);
    expect(estimateCost(schema, parse(`{ dashboard(asOf: "2026-06-01") { overdue { findingId } } }`), {}, undefined, platform)).toBe(R + 1 + REPLAY_COST + 1 + 23_402);
    // Where nothing counts them: the price a provincial platform is expected to have.
    expect(cost('{ dashboard { openParts { findingId } } }')).toBe(R + 1 + 1 + EXPECTED_ITEMS.openParts);
  });

  it('refuses the 190 aliased dashboards with both lists that the old price of 5 a list let through, and one whole list at 100k', () => {
    const query = `{ ${aliases(190, `dashboard { openParts { ${ALERT} } overdue { ${ALERT} } }`)} }`;
    expect(refusedWith(platform, query)).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'QUERY_TOO_COSTLY' });
    expect(refusedWith(platform, `{ dashboard { openParts { ${ALERT} } } }`)).toMatchObject({ reason: 'QUERY_TOO_COSTLY' });
    // A small office's whole list still fits.
    expect(refusedWith(() => 40, `{ dashboard { openParts { ${ALERT} } } }`)).toBeUndefined();
  });

  it('holds a subscription to a tenth of a query’s budget, since it runs again on every change', () => {
    const budget = DEFAULT_MAX_COST / SUBSCRIPTION_COST_SHARE;
    // breaker12b P3: 50 aliases of openParts in one subscription, at 100k and at a small office alike.
    expect(refusedWith(platform, `subscription { dashboardUpdated { ${aliases(50, `openParts { ${ALERT} }`)} } }`)).toMatchObject({
      code: 'GRAPHQL_VALIDATION_FAILED',
      reason: 'QUERY_TOO_COSTLY',
      messageZh: expect.stringMatching(/^订阅每次推送要的数据太多.*订阅最多 2000/),
    });
    expect(refusedWith(() => 40, `subscription { dashboardUpdated { ${aliases(50, `openParts { ${ALERT} }`)} } }`)).toMatchObject({ reason: 'QUERY_TOO_COSTLY' });
    // What a query may ask, a subscription may not: each push would cost it again.
    const perUnit = `dashboardUpdated { ${aliases(6, 'perUnit { id code }')} }`;
    expect(cost(`subscription { ${perUnit} }`)).toBeGreaterThan(budget);
    expect(refusedWith(platform, `subscription { ${perUnit} }`)).toMatchObject({ reason: 'QUERY_TOO_COSTLY' });
    // What the web subscribes to fits, and a finding with its history does.
    expect(refusedWith(platform, 'subscription { dashboardUpdated { asOf } }')).toBeUndefined();
    expect(refusedWith(platform, 'subscription { findingUpdated(id: "1") { id title history { eventId eventType } } }')).toBeUndefined();
    // The operation named is the one judged: a query may cost what a subscription may not.
    const both = parse(`query Q { ${perUnit.replace('dashboardUpdated', 'dashboard')} } subscription S { ${perUnit} }`);
    expect(costRefusal({ maxCost: DEFAULT_MAX_COST, sizeOf: platform }, schema, both, {}, 'Q')).toBeUndefined();
    expect(costRefusal({ maxCost: DEFAULT_MAX_COST, sizeOf: platform }, schema, both, {}, 'S')?.extensions).toMatchObject({ reason: 'QUERY_TOO_COSTLY' });
  });
});

describe('a filter checked on every item of a list (the kind of breaker12c P3)', () => {
  /** The 100k bench log: 5,505 findings. */
  const platform: SizeOf = (name) => (name === LIVE_SIZES.findings ? 5_505 : undefined);
  const scan = Math.ceil(5_505 / SCAN_ITEMS_PER_UNIT);
  const counts = (count: number, args: string) => `{ ${Array.from({ length: count }, (_, i) => `a${i}: findings(first: 0, ${args.replace('#', String(i))}) { totalCount }`).join(' ')} }`;
  const priced = (query: string, variables: Record<string, unknown> = {}) => estimateCost(schema, parse(query), variables, undefined, platform);

  it('prices each scanning call by the list it scans, however little it selects', () => {
    expect(priced('{ findings(first: 0) { totalCount } }')).toBe(R + 2);
    expect(priced('{ findings(first: 0, titleContains: "公开") { totalCount } }')).toBe(R + 2 + scan);
    // A variable left null filters nothing and scans nothing.
    expect(priced('query($t: String) { findings(first: 0, titleContains: $t) { totalCount } }', { t: null })).toBe(R + 2);
    expect(priced('query($t: String) { findings(first: 0, titleContains: $t) { totalCount } }', { t: '公开' })).toBe(R + 2 + scan);
    // Where nothing counts the list: the size a provincial platform is expected to have.
    expect(cost('{ findings(first: 0, status: OPEN) { totalCount } }')).toBe(R + 2 + Math.ceil(EXPECTED_ITEMS.findings / SCAN_ITEMS_PER_UNIT));
  });

  it('refuses thousands of aliased scanning counts that were priced 2 each, and answers a page’s few', () => {
    // breaker12c: 5,000 such counts fitted MAX_QUERY_NODES and GRAPHQL_MAX_COST; each scans 5.5k findings (4–13 ms).
    const refusedAt100k = (query: string) => costRefusal({ maxCost: DEFAULT_MAX_COST, sizeOf: platform }, schema, parse(query), {})?.extensions;
    expect(refusedAt100k(counts(4_900, 'titleContains: "词#"'))).toMatchObject({ reason: 'QUERY_TOO_COSTLY' });
    expect(refusedAt100k(counts(200, 'titleContains: "词#"'))).toMatchObject({ reason: 'QUERY_TOO_COSTLY' });
    // Unfiltered counts stay at 2 each; 问题清单's five counts with a search fit at 100k and at 1M (55k findings).
    expect(refusedAt100k(counts(4_900, 'first: 1'))).toBeUndefined();
    const page = 'query($t: String) { all: findings(first: 0, titleContains: $t) { totalCount } open: findings(first: 0, status: OPEN, titleContains: $t) { totalCount } closed: findings(first: 0, status: CLOSED, titleContains: $t) { totalCount } unassigned: findings(first: 0, status: UNASSIGNED, titleContains: $t) { totalCount } withdrawn: findings(first: 0, status: WITHDRAWN, titleContains: $t) { totalCount } }';
    expect(costRefusal({ maxCost: DEFAULT_MAX_COST, sizeOf: () => 55_000 }, schema, parse(page), { t: '公开' })).toBeUndefined();
  });
});
