// The GraphQL the bench asks: the read rows' queries at each time cut, the constant reference
// query, and the mutation rows' bodies (`[<id>]`: a fresh idempotency key per request).

/** The time cut of a query: none (now), a business day, or an instant. */
export const CUTS = {
  now: { declare: '', pass: '' },
  asOf: { declare: '$asOf: String!', pass: 'asOf: $asOf' },
  knownAt: { declare: '$knownAt: String!', pass: 'knownAt: $knownAt' },
};
/** `operation(['$id: ID!'], cut)` → `query($id: ID!, $asOf: String!)`. */
const operation = (declarations, cut) => {
  const all = [...declarations, CUTS[cut].declare].filter(Boolean);
  return all.length ? `query(${all.join(', ')})` : 'query';
};
const withCut = (args, cut) => {
  const all = [...args, CUTS[cut].pass].filter(Boolean);
  return all.length ? `(${all.join(', ')})` : '';
};
export const QUERIES = {
  // 总览's own work (web/src/pages/Overview.vue): its figures, the four 红黄绿灯 counts and the first page of
  // the lights table, in one request (the page sends two); test/bench-queries.spec.ts holds them equal.
  dashboard: (cut) =>
    `${operation([], cut)} { dashboard${withCut([], cut)} { asOf percentClosed findings { total unassigned open closed } parts { assigned overdue reported returned verified } ` +
    'perEvaluation { key label findings closed percentClosed } perCategory { key label findings closed percentClosed } perUnit { unitId unitName assigned verified overdue reported returned } ' +
    'all: openPartsPage(first: 0) { totalCount } red: openPartsPage(light: RED, first: 0) { totalCount } yellow: openPartsPage(light: YELLOW, first: 0) { totalCount } green: openPartsPage(light: GREEN, first: 0) { totalCount } ' +
    'openPartsPage(first: 50) { nodes { findingId findingTitle unitId unitName role status dueDate dueText daysLeft reportedDaysLate trafficLight } totalCount pageInfo { hasNextPage endCursor } } } }',
  workPlan: (cut) => `${operation(['$id: ID!'], cut)} { workPlan${withCut(['id: $id'], cut)} { id title progress { items completedItems parts verifiedParts overdueParts percentComplete trafficLight } categories { code title progress { percentComplete trafficLight } items { code title dueDate status trafficLight percentComplete parts { unitId status dueDate trafficLight } } } } }`,
  unitWorkload: (cut) => `${operation(['$unitId: ID!'], cut)} { unitWorkload${withCut(['unitId: $unitId'], cut)} { asOf openParts { findingId findingTitle dueDate daysLeft trafficLight status } reminders { kind on message } } }`,
  unitScorecard: (cut) => `${operation([], cut)} { unitScorecard${withCut([], cut)} { rank unitId unitName parts onTime onTimeRate overdue returned } }`,
  // 待现场督查 (web/src/pages/Inspections.vue): findings' and every plan's items' parts awaiting inspection with the
  // latest reports, its first page in one request (breaker12i P5: one request per plan, and per card, before).
  awaitingInspection: (cut) =>
    `${operation([], cut)} { awaitingInspection${withCut(['first: 30'], cut)} { nodes { kind parentId title itemCode planTitle planYear otherPartsUnverified ` +
    'part { unitId unit { name } dueDate daysLeft reportedDaysLate trafficLight } latestReport { summary reportedOn reportedAt reportedBy evidence { title link documentRef } } } totalCount pageInfo { hasNextPage endCursor } } }',
  finding: (cut) => `${operation(['$id: ID!'], cut)} { finding${withCut(['id: $id'], cut)} { id title status closedOn assignments { unitId role status dueDate daysLeft trafficLight } } }`,
};
/**
 * 总览's first request alone (its DASHBOARD query): the figures and the four 红黄绿灯 counts, without the
 * table's page. On a past day these come from per-day deltas (breaker12h P8), not a fold of every finding.
 */
export const dashboardFigures = (cut) =>
  `${operation([], cut)} { dashboard${withCut([], cut)} { asOf percentClosed findings { total unassigned open closed } parts { assigned overdue reported returned verified } ` +
  'perEvaluation { key label findings closed percentClosed } perCategory { key label findings closed percentClosed } perUnit { unitId unitName assigned verified overdue reported returned } ' +
  'all: openPartsPage(first: 0) { totalCount } red: openPartsPage(light: RED, first: 0) { totalCount } yellow: openPartsPage(light: YELLOW, first: 0) { totalCount } green: openPartsPage(light: GREEN, first: 0) { totalCount } } }';
export const variablesOf = (name, manifest, cut) => ({
  ...(name === 'workPlan' ? { id: manifest.workPlanId } : {}),
  ...(name === 'finding' ? { id: manifest.findingId } : {}),
  ...(name === 'unitWorkload' ? { unitId: manifest.unitId } : {}),
  ...(cut === 'asOf' ? { asOf: manifest.asOf } : {}),
  ...(cut === 'knownAt' ? { knownAt: manifest.knownAt } : {}),
});
export const CONSTANT = '{ __typename }';

// Each request names its own problem (`[<id>]` is a fresh id per request): one title sent again is
// refused as a finding the evaluation already has, and the row would time refusals.
const FINDING_INPUT = { title: '部分单位信息公开不到位（评估第[<id>]条）', description: '公开目录不完整，部分栏目长期未更新。', category: '主动公开', severity: 'MEDIUM' };

/** Row 2's mutation: `recordFinding` on the log's evaluation for one unit, a fresh idempotency key per request. */
export const recordFindingBody = (manifest) =>
  JSON.stringify({ query: 'mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }', variables: { input: { idempotencyKey: 'bench-[<id>]', evaluationId: manifest.evaluationId, concernedUnitIds: [manifest.unitId], ...FINDING_INPUT } } });

/** Row 2's reference: the bare Apollo server's no-op mutation with the same input. */
export const noopBody = () => JSON.stringify({ query: 'mutation($input: NoopInput!) { noop(input: $input) }', variables: { input: { idempotencyKey: 'bench-[<id>]', ...FINDING_INPUT } } });
