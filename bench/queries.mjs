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

// ---------------------------------------------------------------------------------------------
// Row 7: lists at scale (issue 12), each a page of 50 as the web client's page asks it.

/** What every page of a cursor connection asks beside its items (web/src/api.ts PAGE_FIELDS). */
const PAGE_FIELDS = 'totalCount pageInfo { hasNextPage endCursor }';
/** A line of 问题清单 (web/src/pages/Findings.vue, FINDINGS: five units shown per finding). */
const FINDING_LINE = 'id title category severity status identifiedOn closedOn evaluation { title } assignments(limit: 5) { role unit { name } } assignmentCount';
/** A line of a timeline (web/src/workflow.ts HISTORY_LINE). */
const HISTORY_LINE = 'revision eventType occurredOn recordedAt actorId actorName actorRole actorUnitId actorUnitName unitId unitName successorUnitName details';
/** The page size row 7 times (the page; the web client's lists ask 50 or 200). */
export const LIST_PAGE_SIZE = 50;

/** The server-side filters of `findings` the issue names, each timed on its own: the arguments declared and passed, their variables, and how the row names them. */
export const FINDING_FILTERS = {
  status: { declare: '$status: FindingStatus', pass: 'status: $status', variables: () => ({ status: 'OPEN' }), shown: 'status: OPEN' },
  unit: { declare: '$unitId: ID', pass: 'unitId: $unitId', variables: (context) => ({ unitId: context.unitId }), shown: 'unitId: <the busiest unit>' },
  category: { declare: '$category: String', pass: 'category: $category', variables: () => ({ category: '主动公开' }), shown: 'category: "主动公开"' },
  light: { declare: '$light: TrafficLight', pass: 'light: $light', variables: () => ({ light: 'RED' }), shown: 'light: RED' },
  due: {
    declare: '$dueFrom: String, $dueTo: String',
    pass: 'dueFrom: $dueFrom, dueTo: $dueTo',
    variables: (context) => ({ dueFrom: context.dueFrom, dueTo: context.dueTo }),
    shown: 'dueFrom/dueTo: the log’s last day ± 30 days',
  },
  title: { declare: '$titleContains: String', pass: 'titleContains: $titleContains', variables: () => ({ titleContains: '栏目 更新' }), shown: 'titleContains: "栏目 更新"' },
  evaluation: { declare: '$evaluationId: ID', pass: 'evaluationId: $evaluationId', variables: (context) => ({ evaluationId: context.evaluationId }), shown: 'evaluationId: <the evaluation of the most findings>' },
};

/** A line of 通报 (web/src/pages/Circulars.vue). */
const CIRCULAR_LINE = 'id title kind reason issuedOn issuedAt documentNumber withdrawal { withdrawnOn withdrawnAt reason } corrections { previousIssuedOn previousDocumentNumber } unit { id name } references { kind id title planTitle }';

/** The server-side filters of `circulars` (schema.graphql `Query.circulars`), each timed on its own, as `FINDING_FILTERS`. */
export const CIRCULAR_FILTERS = {
  unit: { declare: '$unitId: ID', pass: 'unitId: $unitId', variables: (context) => ({ unitId: context.circularUnitId }), shown: 'unitId: <the unit of the most circulars>' },
  kind: { declare: '$kind: CircularKind', pass: 'kind: $kind', variables: () => ({ kind: 'CRITICISM' }), shown: 'kind: CRITICISM' },
  issued: {
    declare: '$issuedFrom: String, $issuedTo: String',
    pass: 'issuedFrom: $issuedFrom, issuedTo: $issuedTo',
    variables: (context) => ({ issuedFrom: context.issuedFrom, issuedTo: context.issuedTo }),
    shown: 'issuedFrom/issuedTo: the log’s last 90 days',
  },
};

/**
 * Row 7's pages: `{ name, figure, query, variables, admin }` (admin: asked with the ADMIN token —
 * `users` is theirs). `context`: `{ unitId, dueFrom, dueTo, evaluationId, findingsAfter (page 1's endCursor),
 * circularUnitId, issuedFrom, issuedTo, longFindingId, longItemId, itemHistoryAfter (a cursor half-way
 * through the item's history) }`.
 */
export function listPages(context) {
  const pages = [
    { name: 'findings', figure: `\`findings(first: ${LIST_PAGE_SIZE})\``, query: `{ findings(first: ${LIST_PAGE_SIZE}) { nodes { ${FINDING_LINE} } ${PAGE_FIELDS} } }`, variables: {} },
    {
      name: 'findings:after',
      figure: `\`findings(first: ${LIST_PAGE_SIZE}, after: <page 1’s endCursor>)\``,
      query: `query($after: String) { findings(first: ${LIST_PAGE_SIZE}, after: $after) { nodes { ${FINDING_LINE} } ${PAGE_FIELDS} } }`,
      variables: { after: context.findingsAfter },
    },
  ];
  for (const [name, filter] of Object.entries(FINDING_FILTERS)) {
    pages.push({
      name: `findings:${name}`,
      figure: `\`findings(first: ${LIST_PAGE_SIZE}, ${filter.shown})\``,
      query: `query(${filter.declare}) { findings(first: ${LIST_PAGE_SIZE}, ${filter.pass}) { nodes { ${FINDING_LINE} } ${PAGE_FIELDS} } }`,
      variables: filter.variables(context),
    });
  }
  pages.push(
    // 录入问题's evaluation choice (web/src/components/RecordFindingDialogs.vue) at the issue's page size.
    { name: 'evaluations', figure: `\`evaluations(first: ${LIST_PAGE_SIZE})\``, query: `{ evaluations(first: ${LIST_PAGE_SIZE}) { nodes { id title receivedOn } ${PAGE_FIELDS} } }`, variables: {} },
    // 通报 (web/src/pages/Circulars.vue).
    { name: 'circulars', figure: `\`circulars(first: ${LIST_PAGE_SIZE})\``, query: `{ circulars(first: ${LIST_PAGE_SIZE}) { nodes { ${CIRCULAR_LINE} } ${PAGE_FIELDS} } }`, variables: {} },
    ...Object.entries(CIRCULAR_FILTERS).map(([name, filter]) => ({
      name: `circulars:${name}`,
      figure: `\`circulars(first: ${LIST_PAGE_SIZE}, ${filter.shown})\``,
      query: `query(${filter.declare}) { circulars(first: ${LIST_PAGE_SIZE}, ${filter.pass}) { nodes { ${CIRCULAR_LINE} } ${PAGE_FIELDS} } }`,
      variables: filter.variables(context),
    })),
    // 账号 (web/src/pages/Users.vue, USER_FIELDS), an administrator's.
    {
      name: 'users',
      figure: `\`users(first: ${LIST_PAGE_SIZE})\` (ADMIN)`,
      query: `{ users(first: ${LIST_PAGE_SIZE}) { nodes { id name role unitId unitName unitMerge { successorName mergedOn } loginName active mustChangePassword locked lockedUntil deactivationReason } ${PAGE_FIELDS} } }`,
      variables: {},
      admin: true,
    },
    {
      name: 'history:finding',
      figure: `the longest finding’s \`historyPage(first: ${LIST_PAGE_SIZE})\``,
      query: `query($id: ID!) { finding(id: $id) { historyPage(first: ${LIST_PAGE_SIZE}) { nodes { ${HISTORY_LINE} } ${PAGE_FIELDS} } } }`,
      variables: { id: context.longFindingId },
    },
    {
      name: 'history:item',
      figure: `the longest work-plan item’s \`historyPage(first: ${LIST_PAGE_SIZE})\``,
      query: `query($id: ID!) { workPlanItem(id: $id) { historyPage(first: ${LIST_PAGE_SIZE}) { nodes { ${HISTORY_LINE} } ${PAGE_FIELDS} } } }`,
      variables: { id: context.longItemId },
    },
    {
      name: 'history:item:middle',
      figure: `the same item’s \`historyPage(first: ${LIST_PAGE_SIZE}, after: <half-way>)\``,
      query: `query($id: ID!, $after: String) { workPlanItem(id: $id) { historyPage(first: ${LIST_PAGE_SIZE}, after: $after) { nodes { ${HISTORY_LINE} } ${PAGE_FIELDS} } } }`,
      variables: { id: context.longItemId, after: context.itemHistoryAfter },
    },
  );
  return pages;
}

/** The connection a page's answer holds (the first connection found in `data`): for its totalCount. */
export function connectionOf(data) {
  const visit = (value) => {
    if (value === null || typeof value !== 'object') return null;
    if ('totalCount' in value && 'pageInfo' in value) return value;
    for (const inner of Object.values(value)) {
      const found = visit(inner);
      if (found) return found;
    }
    return null;
  };
  return visit(data);
}

// ---------------------------------------------------------------------------------------------
// Row 4's first answers: cuts no earlier request asked, so each answer is folded, not read from the TimeTravelCache.

/** First answers row 4 times per query (each at a cut of its own). */
export const FIRST_ANSWER_CUTS = 5;

/** The log's cut `days` days after its mid-year one: a business day for `asOf`, that day's noon in China for `knownAt`. */
export const cutDaysAfter = (manifest, cut, days) => {
  const day = new Date(Date.parse(`${manifest.asOf}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  return cut === 'asOf' ? { asOf: day } : { knownAt: new Date(Date.parse(`${day}T12:00:00+08:00`)).toISOString() };
};

/**
 * Variables of `name`'s `index`-th query's `count` first answers at `cut`: each a different day before the log's mid-year
 * cut (the repeats' `manifest.asOf` / `knownAt`), none shared with another query's (`index`: the query's place in
 * `QUERIES`), so no answer is a kept one — the cache keeps 8 answers, and the days asked while busy (`busyCut`) lie after
 * the mid-year cut.
 */
export const firstAnswerVariables = (name, index, manifest, cut, count = FIRST_ANSWER_CUTS) =>
  Array.from({ length: count }, (_, k) => ({ ...variablesOf(name, manifest, 'now'), ...cutDaysAfter(manifest, cut, -2 * (1 + index * count + k)) }));

/**
 * The `request`-th busy request's variables for `dashboard` at `cut`: a day after the mid-year cut, a different one for
 * each request until `spanDays` have been asked (then round again: far more than the 8 answers kept lie between two asks
 * of one day, so every request folds).
 */
export const busyCut = (manifest, cut, request, spanDays) => cutDaysAfter(manifest, cut, 1 + (request % spanDays));
