import { jest } from '@jest/globals';
import { getIntrospectionQuery, getNamedType, isObjectType, parse, type GraphQLObjectType } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { ProjectionEngine } from '../../src/event-sourcing/projection-engine.js';
import { ProjectedStreams } from '../../src/event-sourcing/projected-streams.js';
import { UnitsReadModel } from '../../src/organization/units/units.read-model.js';
import { RectificationLedger } from '../../src/rectification/ledger/rectification-ledger.js';
import { FindingListIndex } from '../../src/rectification/finding-list/finding-list.index.js';
import { TestApp, errorCode, startTestApp, type GraphqlResponse } from '../support/test-app.js';
import { REGISTER_EVALUATION, evaluationInput } from '../support/fixtures.js';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { ListSizes } from '../../src/shared/graphql/list-sizes.js';
import { FIELD_PRICE, FILTERED_WITHOUT_SCAN, LIVE_SIZES, REPLAY_COST, ROOT_FIELD_COST as R, SCAN_ITEMS_PER_UNIT, estimateCost, type FieldPrice } from '../../src/shared/graphql/query-cost.js';

/** A page of `Dashboard.openPartsPage` as the tests select it. */
type OpenPartsPage = { nodes: unknown[]; totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

/** `{ evaluations { nodes { findings { nodes { evaluation { findings … } } } } } }`, `levels` fields deep. */
const nested = (levels: number) => {
  const cycle = ['findings', 'nodes', 'evaluation'];
  const fields = ['evaluations', 'nodes', ...Array.from({ length: levels - 3 }, (_, i) => cycle[i % 3]!)];
  const leaf = ['evaluations', 'findings'].includes(fields.at(-1)!) ? 'totalCount' : 'id';
  return `{ ${fields.join(' { ')} { ${leaf} ${' }'.repeat(fields.length)} }`;
};


const SECRET = 'SQLITE_ERROR: no such column: password_hash in SELECT * FROM users';

/** Read models that fail the way a broken database would, to see what a client is told. */
class FailingUnits extends UnitsReadModel {
  override list(): never {
    throw new Error(SECRET);
  }
}
class FailingLedger extends RectificationLedger {
  override listFindings(): never {
    throw new Error(SECRET);
  }
}
class FailingFindingList extends FindingListIndex {
  override findingPage(): never {
    throw new Error(SECRET);
  }
}

describe('GraphQL hardening (OWASP GraphQL cheat sheet)', () => {
  describe('with the default limits', () => {
    let app: TestApp;

    beforeAll(async () => {
      app = await startTestApp({ demoData: true });
    });

    afterAll(async () => {
      await app.close();
    });

    it('answers a query within the limits', async () => {
      const response = await app.graphql(`{ evaluations { nodes { findings { nodes { evaluation { findings { totalCount } } } } } } }`);
      expect(response.errors).toBeUndefined();
      expect(response.data!.evaluations.nodes[0].findings.nodes[0].evaluation.findings.totalCount).toBe(6);
    });

    it('refuses a query nested deeper than 10 levels before it runs, and a mutation so refused appends nothing', async () => {
      // 10 levels pass the depth check.
      expect((await app.graphql(nested(10))).errors?.[0]?.extensions?.reason).not.toBe('QUERY_TOO_DEEP');
      const deep = await app.graphql(nested(11));
      expect(deep.data).toBeUndefined();
      expect(deep.errors![0]).toMatchObject({
        message: 'This query nests fields 11 levels deep; at most 10 are allowed. Ask for less nested data, or split it into several queries.',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED', reason: 'QUERY_TOO_DEEP' },
      });

      const before = await app.logPosition();
      const mutation = `mutation($input: RegisterEvaluationInput!) {
        registerEvaluation(input: $input) { id findings { nodes { evaluation { findings { nodes { evaluation { findings { nodes { evaluation { findings { totalCount } } } } } } } } } } }
      }`;
      const refused = await app.graphql(mutation, { input: evaluationInput() });
      expect(refused.errors![0]!.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'QUERY_TOO_DEEP' });
      expect(await app.logPosition()).toBe(before);
    });

    it('refuses a query whose nested lists multiply past the cost limit, however shallow', async () => {
      // Pages of 50 when first is not given, a finding's parts at the most a finding holds (P), other lists 5: evaluations R + 1 + 50 × (nodes 1 + findings (1 + 50 ×
      // (nodes 1 + assignments (1 + P × (reports 1 + 5 × (evidence 1 + 5 × title 1)))))) = R + 5101 + 77,500 P, 8 deep
      const most = app.app.get(RectificationLedger).largestFindingParts;
      expect(most).toBeGreaterThan(0);
      const costly = await app.graphql(`{ evaluations { nodes { findings { nodes { assignments { reports { evidence { title } } } } } } } }`);
      expect(costly.data).toBeUndefined();
      expect(errorCode(costly)).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(costly.errors![0]!.extensions).toMatchObject({ reason: 'QUERY_TOO_COSTLY' });
      expect(costly.errors![0]!.message).toMatch(new RegExp(`^This query asks for too much at once \\(estimated cost ${R + 5101 + 77_500 * most}, at most 20000 allowed`));

      const aliases = Array.from({ length: 400 }, (_, i) => `u${i}: units { id }`).join(' ');
      expect((await app.graphql(`{ ${aliases} }`)).errors![0]!.extensions).toMatchObject({ reason: 'QUERY_TOO_COSTLY' });
    });

    it('refuses pages of findings with their history, aliased or with first in a variable, before any is read (breaker12 P2)', async () => {
      // Seven of these passed the old estimate (each list counted 5 items whatever first said) and held
      // every request for 8 s at 100k events: 1,400 histories read from the log.
      const history = 'history { eventId revision eventType occurredOn recordedAt actorId actorRole actorUnitId unitId details }';
      const aliased = `{ ${Array.from({ length: 7 }, (_, i) => `f${i}: findings(first: 200) { nodes { id title ${history} } }`).join(' ')} }`;
      const refused = await app.graphql(aliased);
      expect(refused.data).toBeUndefined();
      expect(refused.errors![0]).toMatchObject({
        message: expect.stringMatching(/^This query asks for too much at once \(estimated cost \d+, at most 20000 allowed; a list counts what it selects once per item it may return/),
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED', reason: 'QUERY_TOO_COSTLY', messageZh: expect.stringMatching(/^查询一次要的数据太多/) },
      });
      const page = `query($first: Int) { findings(first: $first) { nodes { id ${history} } } }`;
      expect((await app.graphql(page, { first: 200 })).errors![0]!.extensions).toMatchObject({ reason: 'QUERY_TOO_COSTLY' });
      // A short page of them, and one finding with its history, are answered.
      const short = await app.graphql(page, { first: 10 });
      expect(short.errors).toBeUndefined();
      expect(short.data!.findings.nodes[0].history.length).toBeGreaterThan(0);
    });

    it('pages the open parts on the server, by light and status, in the orders 总览 sorts by, now and on a past day, as the whole list filtered and sorted (breaker12b P1, breaker11h P6)', async () => {
      const asOf = await app.graphql(`{ dashboard { asOf } }`).then((answer) => answer.data!.dashboard.asOf as string);
      type Part = { findingId: string; unitId: string; status: string; trafficLight: string; dueDate: string; daysLeft: number };
      const byDue = (a: Part, b: Part) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0);
      const daysOverdue = (part: Part) => (part.trafficLight === 'RED' ? -part.daysLeft : 0);
      // Each order is the dashboard's list (urgency) sorted stably by its own key.
      const sorts: Record<string, (a: Part, b: Part) => number> = {
        DUE_DATE_ASC: byDue,
        DUE_DATE_DESC: (a, b) => byDue(b, a),
        DAYS_OVERDUE_ASC: (a, b) => daysOverdue(a) - daysOverdue(b),
        DAYS_OVERDUE_DESC: (a, b) => daysOverdue(b) - daysOverdue(a),
      };
      const filters: { light?: string; status?: string; order?: string }[] = [
        {},
        { light: 'GREEN' },
        { light: 'RED' },
        { status: 'REPORTED' },
        { status: 'ASSIGNED', light: 'GREEN' },
        { order: 'DUE_DATE_DESC' },
        { order: 'DUE_DATE_ASC', status: 'ASSIGNED' },
        { order: 'DAYS_OVERDUE_ASC' },
        { order: 'DAYS_OVERDUE_DESC', light: 'RED' },
      ];
      for (const day of [null, asOf]) {
        const whole = (await app.graphql(`query($asOf: String) { dashboard(asOf: $asOf) { openParts { findingId unitId status trafficLight otherPartsOpen dueDate daysLeft } } }`, { asOf: day })).data!.dashboard.openParts as Part[];
        expect(whole.length).toBeGreaterThan(2);
        expect(new Set(whole.map((part) => part.dueDate)).size).toBeGreaterThan(1);
        for (const filter of filters) {
          const paged = [];
          let after: string | null = null;
          for (;;) {
            const answer: GraphqlResponse<{ dashboard: { openPartsPage: OpenPartsPage } }> = await app.graphql<{ dashboard: { openPartsPage: OpenPartsPage } }>(
              `query($asOf: String, $light: TrafficLight, $status: AssignmentStatus, $order: OpenPartOrder, $after: String) { dashboard(asOf: $asOf) { openPartsPage(light: $light, status: $status, order: $order, first: 2, after: $after) { nodes { findingId unitId status trafficLight otherPartsOpen dueDate daysLeft } totalCount pageInfo { hasNextPage endCursor } } } }`,
              { asOf: day, ...filter, after },
            );
            expect(answer.errors).toBeUndefined();
            const page: OpenPartsPage = answer.data!.dashboard.openPartsPage;
            const matching = whole.filter((part) => (!filter.light || part.trafficLight === filter.light) && (!filter.status || part.status === filter.status));
            const expected = filter.order ? [...matching].sort(sorts[filter.order]) : matching;
            expect(page.totalCount).toBe(expected.length);
            paged.push(...page.nodes);
            if (!page.pageInfo.hasNextPage) {
              expect(paged).toEqual(expected);
              break;
            }
            after = page.pageInfo.endCursor;
          }
        }
      }
      const forged = await app.graphql(`{ dashboard { openPartsPage(after: "bm90LWEtY3Vyc29y") { totalCount } } }`);
      expect(forged.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', messageZh: expect.stringMatching(/^翻页位置/) });
      // A cursor of one order means another place in another: refused, not read as a place in urgency order.
      const byDueCursor = (await app.graphql(`{ dashboard { openPartsPage(order: DUE_DATE_DESC, first: 1) { pageInfo { endCursor } } } }`)).data!.dashboard.openPartsPage.pageInfo.endCursor;
      const crossed = await app.graphql(`query($after: String) { dashboard { openPartsPage(after: $after) { totalCount } } }`, { after: byDueCursor });
      expect(crossed.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after', messageZh: expect.stringMatching(/^翻页位置.*不是本列表（openParts）给出的/) });
    });

    it('refuses a subscription that would cost every change more than a tenth of a query, and answers one that asks little (breaker12b P3)', async () => {
      // 150 aliases of openParts: each push rebuilt them all, and every mutation of everyone waited for it (59 s at 100k).
      const alert = 'findingId findingTitle unitId unitName role status dueDate daysLeft reportedDaysLate trafficLight';
      const heavy = `subscription { dashboardUpdated { ${Array.from({ length: 150 }, (_, i) => `a${i}: openParts { ${alert} }`).join(' ')} } }`;
      const inspector = await app.as('INSPECTOR');
      const before = await app.logPosition();
      const refused = await app.firstPush(heavy, {}, inspector);
      expect(refused.errors![0]).toMatchObject({
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED', reason: 'QUERY_TOO_COSTLY', messageZh: expect.stringMatching(/^订阅每次推送要的数据太多/) },
      });
      expect(await app.logPosition()).toBe(before);
      // What the web app subscribes to is pushed as before.
      const evaluationId = (await app.graphql(`{ evaluations { nodes { id } } }`)).data!.evaluations.nodes[0].id as string;
      const unitId = (await app.graphql(`{ units { id } }`)).data!.units[0].id as string;
      const light = await app.firstPush(`subscription { dashboardUpdated { asOf findings { total } } }`, {}, await app.as('INSPECTOR'), async () =>
        app.graphql(
          `mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`,
          { input: { idempotencyKey: 'breaker12b-p3-light', evaluationId, title: '订阅开销测试：推送只含少量字段', description: '测试', category: '主动公开', severity: 'LOW', concernedUnitIds: [unitId] } },
          await app.as('SUPERVISOR'),
        ),
      );
      expect(light.errors).toBeUndefined();
      expect(light.data!.dashboardUpdated.findings.total).toBeGreaterThan(0);
    });

    it('prices findings filtered finding by finding, or on a past day, by the findings it scans (the kind of breaker12c P3)', async () => {
      const schema = app.app.get(GraphQLSchemaHost).schema;
      const sizes = app.app.get(ListSizes);
      const total = (await app.graphql(`{ findings(first: 0) { totalCount } }`)).data!.findings.totalCount as number;
      expect(sizes.of(LIVE_SIZES.findings, false)).toBe(total);
      const priced = (query: string) => estimateCost(schema, parse(query), {}, undefined, (name, past) => sizes.of(name, past));
      const scan = Math.ceil(total / SCAN_ITEMS_PER_UNIT);
      expect(priced(`{ findings(first: 0) { totalCount } }`)).toBe(R + 2);
      const evaluationId = (await app.graphql(`{ evaluations { nodes { id } } }`)).data!.evaluations.nodes[0].id as string;
      // One indexed filter finds its findings in an index; a filter tested on each, two indexes met, or a past day scan.
      expect(priced(`{ findings(first: 0, evaluationId: "${evaluationId}") { totalCount } }`)).toBe(R + 2);
      expect(priced(`{ findings(first: 0, titleContains: "公开") { totalCount } }`)).toBe(R + 2 + scan);
      // A status is a list of its own, and so is an evaluation's findings in a status (breaker12d P2).
      expect(priced(`{ findings(first: 0, status: OPEN) { totalCount } }`)).toBe(R + 2);
      expect(priced(`{ findings(first: 0, evaluationId: "${evaluationId}", status: OPEN) { totalCount } }`)).toBe(R + 2);
      expect(priced(`{ findings(first: 0, status: OPEN, light: RED) { totalCount } }`)).toBe(R + 2 + scan);
      expect(priced(`{ findings(first: 0, evaluationId: "${evaluationId}", category: "主动公开") { totalCount } }`)).toBe(R + 2 + scan);
      expect(priced(`{ findings(first: 0, asOf: "2026-06-01") { totalCount } }`)).toBe(R + 2 + REPLAY_COST + scan);
    });

    it('prices an evaluation\'s findings filtered finding by finding by the evaluation it scans, and refuses breaker12d P2\'s query', async () => {
      const schema = app.app.get(GraphQLSchemaHost).schema;
      const sizes = app.app.get(ListSizes);
      const priced = (query: string) => estimateCost(schema, parse(query), {}, undefined, (name, past) => sizes.of(name, past));
      const largest = sizes.of(LIVE_SIZES.evaluationFindings, false)!;
      expect(largest).toBeGreaterThan(0);
      const evaluationScan = Math.ceil(largest / SCAN_ITEMS_PER_UNIT);
      const counted = (args: string) => priced(`{ evaluations(first: 1) { nodes { findings(first: 0${args}) { totalCount } } } }`)!;
      const plain = counted('');
      expect(counted(', status: OPEN')).toBe(plain);
      expect(counted(', titleContains: "公开"')).toBe(plain + evaluationScan);
      expect(counted(', category: "主动公开"')).toBe(plain + evaluationScan);
      expect(counted(', status: OPEN, light: RED')).toBe(plain + evaluationScan);
      // The breaker's query: 190 aliased searches on each of 50 findings' evaluation, estimated 19,000 and accepted, held everyone 14–47 s at 100k.
      const searches = Array.from({ length: 190 }, (_, i) => `f${i}: findings(first: 0, titleContains: $s) { totalCount }`).join(' ');
      const breaker = `query($s: String = "公开") { evaluations(first: 1) { edges { node { findings(first: 50) { edges { node { evaluation { ...E } } } } } } } } fragment E on Evaluation { ${searches} }`;
      const refused = await app.graphql(breaker, {}, await app.as('SUPERVISOR'));
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'QUERY_TOO_COSTLY' });
    });

    it('prices every filtered list of the schema by what its filters scan, or says why they scan nothing that grows (breaker12d P2\'s kind)', () => {
      const schema = app.app.get(GraphQLSchemaHost).schema;
      const unpriced: string[] = [];
      for (const type of Object.values(schema.getTypeMap())) {
        if (!isObjectType(type) || type.name.startsWith('__')) continue;
        for (const field of Object.values(type.getFields())) {
          const filters = field.args.filter((argument) => !['first', 'after'].includes(argument.name));
          if (!getNamedType(field.type).name.endsWith('Connection') || filters.length === 0) continue;
          const coordinate = `${type.name}.${field.name}`;
          const price = field.extensions[FIELD_PRICE] as FieldPrice | undefined;
          if (price?.scan === undefined && FILTERED_WITHOUT_SCAN[coordinate] === undefined) unpriced.push(coordinate);
        }
      }
      expect(unpriced).toEqual([]);
      // Both ways to an evaluation's findings are priced.
      expect((schema.getType('Evaluation') as GraphQLObjectType).getFields().findings!.extensions[FIELD_PRICE]).toMatchObject({ scan: { sized: LIVE_SIZES.evaluationFindings } });
    });

    it('prices a finding’s parts at the most parts a finding holds, within finding(id) at its own, a few by their limit (breaker12f P6)', async () => {
      const schema = app.app.get(GraphQLSchemaHost).schema;
      const sizes = app.app.get(ListSizes);
      const ledger = app.app.get(RectificationLedger);
      const priced = (query: string) => estimateCost(schema, parse(query), {}, undefined, (name, past, parentId) => sizes.of(name, past, parentId));
      const most = ledger.largestFindingParts;
      const findings = (await app.graphql(`{ findings(first: 50) { nodes { id assignmentCount } } }`)).data!.findings.nodes as { id: string; assignmentCount: number }[];
      expect(Math.max(...findings.map((finding) => finding.assignmentCount))).toBe(most);
      const small = findings.find((finding) => finding.assignmentCount > 0 && finding.assignmentCount < most) ?? findings.find((finding) => finding.assignmentCount > 0)!;
      // 问题清单's page of 50 was priced 5 parts a finding whatever they held (12 aliases of a page of 50-unit findings held everyone 10 s).
      expect(priced(`{ findings(first: 50) { nodes { assignments { role } } } }`)).toBe(R + 1 + 50 * (1 + 1 + most * 1));
      expect(priced(`{ findings(first: 50) { nodes { assignments(limit: 5) { role } assignmentCount } } }`)).toBe(R + 1 + 50 * (1 + 1 + Math.min(5, most) + 1));
      expect(priced(`{ finding(id: "${small.id}") { assignments { role } } }`)).toBe(R + 1 + 1 + small.assignmentCount);
      expect(priced(`{ finding(id: "${small.id}") { assignments(unitId: "x") { role } } }`)).toBe(R + 1 + 1 + 1);
      // A page of a large finding's parts, as the finding page reads them, in the order assigned.
      const all = (await app.graphql(`{ finding(id: "${small.id}") { assignments { unitId } } }`)).data!.finding.assignments as { unitId: string }[];
      const page = (await app.graphql(`{ finding(id: "${small.id}") { assignmentCount assignments(offset: 1, limit: 1) { unitId } } }`)).data!.finding;
      expect(page).toEqual({ assignmentCount: all.length, assignments: all.slice(1, 2) });
    });

    it("answers the web app's largest pages at the default limit, a past day's included", async () => {
      const asOf = await app.graphql(`{ dashboard { asOf } }`).then((answer) => answer.data!.dashboard.asOf as string);
      const pages: [string, Record<string, unknown>][] = [
        // 问题清单 refreshed at the largest page (web/src/pages/Findings.vue).
        [
          `query($first: Int, $asOf: String) { findings(first: $first, asOf: $asOf) { nodes { id title category severity status identifiedOn closedOn evaluation { title } assignments(limit: 5) { role unit { name } } assignmentCount } totalCount pageInfo { hasNextPage endCursor } } }`,
          { first: 200, asOf },
        ],
        // 总览 (web/src/pages/Overview.vue).
        [
          `query($asOf: String) { dashboard(asOf: $asOf) { asOf percentClosed findings { total unassigned open closed } parts { assigned overdue reported returned verified }
            perEvaluation { key label findings closed percentClosed } perCategory { key label findings closed percentClosed }
            perUnit { unitId unitName assigned verified overdue reported returned }
            all: openPartsPage(first: 0) { totalCount } red: openPartsPage(light: RED, first: 0) { totalCount }
            yellow: openPartsPage(light: YELLOW, first: 0) { totalCount } green: openPartsPage(light: GREEN, first: 0) { totalCount } } }`,
          { asOf },
        ],
        // 总览's 红黄绿灯 list, a page at a time, and 待现场督查's parts awaiting inspection.
        [
          `query($asOf: String, $light: TrafficLight, $first: Int, $after: String) { dashboard(asOf: $asOf) { openPartsPage(light: $light, first: $first, after: $after) {
            nodes { findingId findingTitle unitId unitName role status dueDate daysLeft reportedDaysLate trafficLight } totalCount pageInfo { hasNextPage endCursor } } } }`,
          { asOf, light: 'RED', first: 200, after: null },
        ],
        [
          `query($asOf: String, $after: String) { dashboard(asOf: $asOf) { openPartsPage(status: REPORTED, first: 200, after: $after) {
            nodes { findingId findingTitle unitId unitName status dueDate daysLeft reportedDaysLate trafficLight otherPartsOpen } totalCount pageInfo { hasNextPage endCursor } } } }`,
          { asOf, after: null },
        ],
        // 单位排名 (web/src/pages/Scorecard.vue).
        [`query($asOf: String) { unitScorecard(asOf: $asOf) { rank unitId unitName parts due onTime onTimeRate overdue returned meanDaysToRemediate } }`, { asOf }],
        // 工作方案, a category's items at the largest page, their parts counted (web/src/workplan.ts, breaker12e P9).
        [
          `query($planId: ID!, $asOf: String, $first: Int) { workPlanItems(planId: $planId, asOf: $asOf, first: $first) { nodes { id code title dueDate status trafficLight percentComplete partCount overduePartCount unverifiedPartCount } totalCount pageInfo { hasNextPage endCursor } } }`,
          { planId: (await app.graphql(`{ workPlans { id } }`)).data!.workPlans[0].id, asOf, first: 200 },
        ],
        // 待现场督查: findings' and every plan's items' parts awaiting inspection with the latest reports, one query (Inspections.vue, breaker12i P5), at the largest page.
        [
          `query($asOf: String, $knownAt: String, $first: Int, $after: String) { awaitingInspection(asOf: $asOf, knownAt: $knownAt, first: $first, after: $after) {
            nodes { kind parentId title itemCode planTitle planYear otherPartsUnverified part { unitId unit { name } dueDate daysLeft reportedDaysLate trafficLight }
              latestReport { summary reportedOn reportedAt reportedBy evidence { title link documentRef } } } totalCount pageInfo { hasNextPage endCursor } } }`,
          { asOf, knownAt: null, first: 200, after: null },
        ],
        // 待审批延期: the extension requests awaiting a decision, one query (ExtensionRequests.vue, newcomer36 S11), at the largest page.
        [
          `query($asOf: String, $knownAt: String, $first: Int, $after: String) { extensionsAwaitingDecision(asOf: $asOf, knownAt: $knownAt, first: $first, after: $after) {
            nodes { kind parentId title itemCode planTitle planYear planLastYear part { unitId unit { name } dueDate daysLeft trafficLight }
              request { requestId requestedDueDate reason requestedOn requestedAt } } totalCount pageInfo { hasNextPage endCursor } } }`,
          { asOf, knownAt: null, first: 200, after: null },
        ],
      ];
      for (const [query, variables] of pages) {
        const answer = await app.graphql(query, variables);
        expect(answer.errors).toBeUndefined();
      }
    });

    it('answers the standard introspection query, deep as it is, while introspection is on', async () => {
      const response = await app.graphql(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true }));
      expect(response.errors).toBeUndefined();
      expect(response.data!.__schema.queryType.name).toBe('Query');
    });

    it('refuses introspection aliased over and over: each __schema costs 15,000 of the 20,000 allowed', async () => {
      const aliased = await app.graphql(`{ ${Array.from({ length: 2 }, (_, i) => `s${i}: __schema { types { name fields { name } } }`).join(' ')} }`);
      expect(aliased.data).toBeUndefined();
      expect(aliased.errors![0]!.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'QUERY_TOO_COSTLY' });
    });

    it('refuses a document of more than 3,000 tokens unparsed, in Chinese too, over HTTP and WebSocket alike', async () => {
      // 400 fragments, each spreading the next: about 3,600 tokens, cheap by cost, costly to validate.
      const chain = Array.from({ length: 400 }, (_, i) => `fragment F${i} on Query { __typename ${i < 399 ? `...F${i + 1}` : ''} }`).join(' ');
      const refused = await app.graphql(`query { ...F0 } ${chain}`);
      expect(refused.data).toBeUndefined();
      expect(refused.errors![0]).toMatchObject({
        message: expect.stringMatching(/more tha[nt] 3000 tokens/),
        extensions: { code: 'GRAPHQL_PARSE_FAILED', messageZh: '查询语句太长（超过 3000 个词法单元），请拆成几个查询。' },
      });
      const overSocket = await app.firstPush(`subscription { ...S0 } ${chain.replaceAll('on Query', 'on Subscription').replaceAll('...F', '...S').replaceAll('fragment F', 'fragment S')}`, {}, await app.as('SUPERVISOR'));
      expect(overSocket.errors![0]).toMatchObject({ extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
    });

    it('sends a browser opening /graphql to the bundled explorer while introspection is on', async () => {
      const page = await fetch(`${app.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(page.url).toBe(`${app.url}/graphiql`);
      const html = await page.text();
      expect(html).toMatch(/GraphiQL/);
      // Nothing from Apollo's CDN (embeddable-sandbox.cdn.apollographql.com): an intranet cannot reach it.
      expect(html).not.toMatch(/apollographql|https?:\/\//);
    });

    it('answers a browser opening an address nobody serves with a page in Chinese, a script with the JSON 404 (newcomer23 S5)', async () => {
      for (const path of ['/login', '/Overview', '/index.html', '/findings.php']) {
        const page = await fetch(`${app.url}${path}`, { headers: { accept: 'text/html,application/xhtml+xml' } });
        expect([path, page.status, page.headers.get('content-type')]).toEqual([path, 404, 'text/html; charset=utf-8']);
        const html = await page.text();
        expect(html).toContain('页面不存在');
        expect(html).toContain('<a href="/"');
        expect(html).not.toMatch(/Cannot GET|https?:\/\//);
      }
      const script = await fetch(`${app.url}/login`);
      expect(script.status).toBe(404);
      expect(await script.json()).toMatchObject({ statusCode: 404 });
    });

    it('refuses a body over 100 KB with 413 before reading it, and appends nothing', async () => {
      const before = await app.logPosition();
      const body = JSON.stringify({ query: REGISTER_EVALUATION, variables: { input: evaluationInput({ title: 'x'.repeat(101 * 1024) }) } });
      const response = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await app.as('SUPERVISOR')) },
        body,
      });
      expect(response.status).toBe(413);
      expect(await response.json()).toEqual({
        errors: [
          {
            message: expect.stringMatching(/^The request body is larger than the 102400 bytes allowed\. To import a larger file .*POST \/imports\/files/),
            extensions: { code: 'PAYLOAD_TOO_LARGE', messageZh: expect.stringMatching(/^请求内容超过了允许的 102400 字节。/) },
          },
        ],
      });
      expect(await app.logPosition()).toBe(before);
    });

    it('answers a body that is not JSON with 400 in the GraphQL error shape, without a stack trace', async () => {
      const response = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST', messageZh: '请求内容不是有效的 JSON。' } }] });
    });

    it('suggests field names while the schema is public anyway', async () => {
      const response = await app.graphql(`{ unitz { id } }`);
      expect(response.errors![0]!.message).toMatch(/Did you mean "units?"/);
    });
  });

  describe('over the WebSocket (graphql-ws)', () => {
    let app: TestApp;

    beforeAll(async () => {
      app = await startTestApp({ demoData: true });
    });

    afterAll(async () => {
      await app.close();
    });

    it('carries subscriptions only: a query or a mutation sent over it is refused and appends nothing', async () => {
      const supervisor = await app.as('SUPERVISOR');
      const before = await app.logPosition();
      const query = await app.firstPush(`{ units { id } }`, {}, supervisor);
      expect(query.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(/WebSocket carries subscriptions only/), extensions: { code: 'GRAPHQL_VALIDATION_FAILED', messageZh: expect.any(String) } })]);
      const mutation = await app.firstPush(REGISTER_EVALUATION, { input: evaluationInput() }, supervisor);
      expect(mutation.errors![0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED', messageZh: expect.any(String) } });
      expect(await app.logPosition()).toBe(before);
    });

    it('applies the depth and cost limits to subscriptions', async () => {
      const supervisor = await app.as('SUPERVISOR');
      const tooDeep = await app.firstPush(
        `subscription($id: ID!) { findingUpdated(id: $id) { evaluation { findings { nodes { evaluation { findings { nodes { evaluation { findings { nodes { evaluation { id } } } } } } } } } } } }`,
        { id: '00000000-0000-4000-8000-000000000000' },
        supervisor,
      );
      expect(tooDeep.errors![0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED', reason: 'QUERY_TOO_DEEP' } });
      // Three times a page of 50 findings × 5 parts × 5 reports × 5 pieces of evidence: 23,557.
      const evidence = `evaluation { findings { nodes { assignments { reports { evidence { title } } } } } }`;
      const tooCostly = await app.firstPush(`subscription($id: ID!) { findingUpdated(id: $id) { a: ${evidence} b: ${evidence} c: ${evidence} } }`, { id: '00000000-0000-4000-8000-000000000000' }, supervisor);
      expect(tooCostly.errors![0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED', reason: 'QUERY_TOO_COSTLY' } });
    });

    it('closes a connection whose message is larger than REQUEST_MAX_BYTES (1009), before reading it', async () => {
      // graphql-ws reports the refused socket on console.error (and its client the close event).
      const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
      const client = createClient({ url: `${app.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: await app.as('INSPECTOR'), lazy: false, retryAttempts: 0 });
      try {
        const padding = `# ${'填'.repeat(40 * 1024)}\n`; // 120 KB of UTF-8
        const closed = await new Promise<unknown>((resolve) => {
          client.subscribe({ query: `${padding}subscription { dashboardUpdated { findings { total } } }` }, { next: () => resolve('pushed'), error: resolve, complete: () => resolve('completed') });
        });
        expect(closed).toMatchObject({ code: 1009 });
        expect(consoleError.mock.calls.map((call) => String(call[1] ?? call[0])).join('\n')).toMatch(/Max payload size exceeded/);
      } finally {
        await client.dispose();
        consoleError.mockRestore();
      }
      const unaffected = await app.firstPush(`subscription { dashboardUpdated { findings { total } } }`, {}, await app.as('INSPECTOR'), () =>
        app.graphql(REGISTER_EVALUATION, { input: evaluationInput() }),
      );
      expect(unaffected.errors).toBeUndefined();
    });

    it('holds at most 20 subscriptions on one connection; the 21st is refused with TOO_MANY_REQUESTS', async () => {
      const client = createClient({ url: `${app.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: await app.as('INSPECTOR'), lazy: false, retryAttempts: 0 });
      try {
        const refusals: unknown[] = [];
        const subscribe = () => client.subscribe({ query: `subscription { dashboardUpdated { findings { total } } }` }, { next: () => undefined, error: (error) => void refusals.push(error), complete: () => undefined });
        for (let i = 0; i < 20; i++) subscribe();
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(refusals).toEqual([]);
        subscribe();
        // The refusal comes back over the socket after the 20 before it: waited for, with a ceiling for a loaded machine.
        for (const ceiling = Date.now() + 30_000; refusals.length === 0 && Date.now() < ceiling; ) await new Promise((resolve) => setTimeout(resolve, 50));
        expect(refusals).toEqual([[expect.objectContaining({ message: expect.stringMatching(/already holds 20 subscriptions/), extensions: { code: 'TOO_MANY_REQUESTS', messageZh: expect.any(String) } })]]);
      } finally {
        await client.dispose();
      }
    });

    it('bounds what one account holds over all its connections: its subscriptions’ summed cost, and its connections (breaker12c P5)', async () => {
      // breaker12c P5: one token, 40 connections × 20 subscriptions of a 190-row page (each within a subscription's 2,000):
      // every mutation of everyone took 8–13 s at 100k. Now an account's subscriptions together may cost what one may.
      const heavy = `subscription { dashboardUpdated { a: openPartsPage(first: 190) { nodes { findingId findingTitle unitName dueDate trafficLight status role daysLeft } } } }`;
      const wsUrl = `${app.url.replace('http', 'ws')}/graphql`;
      const waitFor = async (done: () => boolean, what: string) => {
        // A generous ceiling for a loaded machine, not a timing.
        for (const ceiling = Date.now() + 30_000; !done(); await new Promise((resolve) => setTimeout(resolve, 20))) if (Date.now() > ceiling) throw new Error(`Not within 30 s: ${what}`);
      };
      const inspector = await app.as('INSPECTOR');
      // Another spelling of the same token is the same account (breaker12c P2).
      const respelled = { authorization: inspector.authorization!.replace(/^Bearer /, 'bearer \t') };
      const first = createClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams: inspector, lazy: false, retryAttempts: 0 });
      const second = createClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams: respelled, lazy: false, retryAttempts: 0 });
      const third = createClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams: await app.as('SUPERVISOR'), lazy: false, retryAttempts: 0 });
      try {
        const refusals: unknown[] = [];
        const subscribe = (client: typeof first) => client.subscribe({ query: heavy }, { next: () => undefined, error: (error) => void refusals.push(error), complete: () => undefined });
        let before = app.subscriptionsStarted();
        subscribe(first);
        await app.subscriptionsOpened(before);
        subscribe(second);
        await waitFor(() => refusals.length > 0, 'the second heavy subscription of one account refused');
        expect(refusals).toEqual([
          [
            expect.objectContaining({
              message: expect.stringMatching(/^Your open subscriptions already cost \d+ on every change, and this one \d+: together more than the 2000 one account may hold/),
              extensions: { code: 'TOO_MANY_REQUESTS', messageZh: expect.stringMatching(/^您已打开的订阅每次推送合计开销 \d+，加上此订阅（\d+）将超过每个账号在所有连接上合计的上限 2000/) },
            }),
          ],
        ]);
        // Another account has its own budget.
        before = app.subscriptionsStarted();
        subscribe(third);
        await app.subscriptionsOpened(before);
        expect(refusals).toHaveLength(1);
        // The first connection closed gives its subscription back: the same one is admitted on the second.
        await first.dispose();
        let admitted = false;
        while (!admitted) {
          const refusedBefore = refusals.length;
          before = app.subscriptionsStarted();
          subscribe(second);
          await waitFor(() => refusals.length > refusedBefore || app.subscriptionsStarted() > before, 'an answer to the subscription');
          admitted = refusals.length === refusedBefore;
          if (!admitted) await new Promise((resolve) => setTimeout(resolve, 50));
        }
      } finally {
        await Promise.all([first.dispose(), second.dispose(), third.dispose()]);
      }

      // At most 30 live connections per account: the 31st is closed (4403) with the reason in both languages.
      const admin = await app.as('ADMIN');
      const connected = new Set<number>();
      const closed: { code: number; reason: string }[] = [];
      const open = (n: number) =>
        createClient({
          url: wsUrl,
          webSocketImpl: WebSocket,
          connectionParams: admin,
          lazy: false,
          retryAttempts: 0,
          on: { connected: () => void connected.add(n), closed: (event) => void closed.push(event as { code: number; reason: string }) },
          onNonLazyError: () => undefined,
        });
      const clients = Array.from({ length: 30 }, (_, n) => open(n));
      try {
        await waitFor(() => connected.size === 30, '30 connections of one account');
        const over = open(30);
        clients.push(over);
        await waitFor(() => closed.length > 0, 'the 31st connection closed');
        expect(connected.has(30)).toBe(false);
        expect(closed[0]).toMatchObject({ code: 4403, reason: expect.stringMatching(/此账号实时连接已达上限/) });
      } finally {
        await Promise.all(clients.map((client) => client.dispose()));
      }
    });

    it('answers variables that do not fit their types with BAD_USER_INPUT, as over HTTP', async () => {
      for (const id of [{ a: 1 }, null]) {
        const refused = await app.firstPush(`subscription($id: ID!) { findingUpdated(id: $id) { status } }`, { id }, await app.as('INSPECTOR'));
        expect(refused.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(/\$id/), extensions: { code: 'BAD_USER_INPUT', messageZh: expect.any(String) } })]);
      }
    });

    it('refuses a subscription to a finding that does not exist with NOT_FOUND', async () => {
      const refused = await app.firstPush(`subscription($id: ID!) { findingUpdated(id: $id) { status } }`, { id: '2b1c5d8e-0000-4000-8000-000000000002' }, await app.as('INSPECTOR'));
      expect(refused.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(/does not exist/), extensions: { code: 'NOT_FOUND', messageZh: expect.any(String) } })]);
    });

    it('gives an error inside a pushed result the same code as over HTTP', async () => {
      const listed = await app.graphql(`{ evaluations(first: 1) { nodes { id } } units { id } }`);
      const [lead, responsible] = listed.data!.units.map((unit: { id: string }) => unit.id);
      // A finding of its own: the demo's are assigned already.
      const recorded = await app.graphql(`mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`, {
        input: { idempotencyKey: 'ws-finding', evaluationId: listed.data!.evaluations.nodes[0].id, title: '推送测试问题', description: '推送测试', category: '主动公开', severity: 'LOW', concernedUnitIds: [lead, responsible] },
      });
      const findingId = recorded.data!.recordFinding.id;
      const assigned = await app.graphql(`mutation($input: AssignFindingInput!) { assignFinding(input: $input) { id } }`, {
        input: { idempotencyKey: 'ws-assign', findingId, units: [{ unitId: lead, role: 'LEAD', dueDate: '2026-05-15' }, { unitId: responsible, role: 'RESPONSIBLE', dueDate: '2026-05-15' }] },
      });
      expect(assigned.errors).toBeUndefined();
      const pushed = await app.firstPush(`subscription($id: ID!) { findingUpdated(id: $id) { status assignments { unitId reports { summary } } } }`, { id: findingId }, await app.as('UNIT', responsible), () =>
        app.graphql(`mutation($input: UrgeUnitInput!) { urgeUnit(input: $input) { id } }`, { input: { idempotencyKey: 'ws-urge', findingId, unitId: lead, message: '请加快进度' } }),
      );
      expect(pushed.data!.findingUpdated.assignments).toEqual([
        { unitId: lead, reports: null },
        { unitId: responsible, reports: [] },
      ]);
      expect(pushed.errors).toEqual([
        expect.objectContaining({ message: expect.stringMatching(/only its own unit's completion reports/), path: ['findingUpdated', 'assignments', 0, 'reports'], extensions: { code: 'FORBIDDEN', messageZh: expect.any(String) } }),
      ]);
    });
  });

  describe('in production', () => {
    let app: TestApp;

    beforeAll(async () => {
      app = await startTestApp({
        settings: { NODE_ENV: 'production', REQUEST_MAX_BYTES: '4096' },
        override: (module) =>
          module
            .overrideProvider(UnitsReadModel)
            .useFactory({ factory: (engine: ProjectionEngine) => engine.track(new FailingUnits()), inject: [ProjectionEngine] })
            .overrideProvider(RectificationLedger)
            .useFactory({ factory: (engine: ProjectionEngine, streams: ProjectedStreams) => engine.track(new FailingLedger(streams)), inject: [ProjectionEngine, ProjectedStreams] })
            .overrideProvider(FindingListIndex)
            .useFactory({ factory: (engine: ProjectionEngine, ledger: RectificationLedger) => engine.track(new FailingFindingList(ledger)), inject: [ProjectionEngine, RectificationLedger] }),
      });
    });

    afterAll(async () => {
      await app.close();
    });

    it('refuses introspection and shows no explorer page', async () => {
      for (const query of [getIntrospectionQuery(), `{ __schema { types { name } } }`, `{ __type(name: "Unit") { fields { name } } }`]) {
        const response = await app.graphql(query);
        expect(errorCode(response)).toBe('GRAPHQL_VALIDATION_FAILED');
        expect(response.errors![0]!.message).toMatch(/introspection/i);
      }
      const page = await fetch(`${app.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(page.headers.get('content-type')).not.toMatch(/html/);
      expect((await fetch(`${app.url}/graphiql`, { headers: { accept: 'text/html' } })).status).toBe(404);
    });

    it('answers an unexpected failure with INTERNAL_SERVER_ERROR and a generic message: no SQL, no stack', async () => {
      const response = await app.graphql(`{ units { id } }`);
      expect(response.errors).toEqual([
        {
          message: 'Something went wrong on the server. The failure was logged; please try again.',
          locations: expect.any(Array),
          path: ['units'],
          extensions: { code: 'INTERNAL_SERVER_ERROR', messageZh: expect.any(String) },
        },
      ]);
      expect(JSON.stringify(response)).not.toMatch(/SQLITE|password|stack|at /);
    });

    it('masks a failure inside a nested field the same way', async () => {
      const registered = await app.graphql(REGISTER_EVALUATION, { input: evaluationInput() });
      expect(registered.errors).toBeUndefined();
      const response = await app.graphql(`{ evaluations { nodes { id findings { nodes { id } } } } }`);
      expect(response.errors!.map((error) => [error.message, error.extensions])).toEqual([
        ['Something went wrong on the server. The failure was logged; please try again.', { code: 'INTERNAL_SERVER_ERROR', messageZh: '服务器出错，已记录在日志中，请稍后重试。' }],
      ]);
      expect(JSON.stringify(response)).not.toMatch(/SQLITE|password|stack/);
    });

    it('takes its body size limit from REQUEST_MAX_BYTES', async () => {
      const post = (title: string) =>
        fetch(`${app.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: REGISTER_EVALUATION, variables: { input: evaluationInput({ title }) } }),
        });
      expect((await post('x'.repeat(100))).status).toBe(200);
      const refused = await post('x'.repeat(5000));
      expect(refused.status).toBe(413);
      expect(((await refused.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(/larger than the 4096 bytes allowed/);
    });

    it('does not suggest field, argument or enum names the schema would otherwise hide', async () => {
      const field = await app.graphql(`{ unitz { id } }`);
      expect(errorCode(field)).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(field.errors![0]!.message).toBe('Cannot query field "unitz" on type "Query".');

      const input = await app.graphql(REGISTER_EVALUATION, { input: { ...evaluationInput(), titel: 'typo' } });
      expect(errorCode(input)).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(input.errors)).not.toMatch(/Did you mean/);
    });
  });

  describe('rate limit', () => {
    let app: TestApp;

    beforeAll(async () => {
      app = await startTestApp({ settings: { RATE_LIMIT_PER_MINUTE: '5' } });
    });

    afterAll(async () => {
      await app.close();
    });

    it('refuses the request after the limit within a minute with TOO_MANY_REQUESTS; another client is unaffected', async () => {
      const busy = await app.as('INSPECTOR');
      const other = await app.as('SUPERVISOR');

      for (let i = 1; i <= 4; i++) {
        const allowed = await app.graphql(`{ units { id } }`, {}, busy);
        expect(allowed.errors).toBeUndefined();
      }
      // One request counts once, however many root fields it asks for.
      const fifth = await app.graphql(`{ units { id } evaluations { totalCount } circulars { totalCount } }`, {}, busy);
      expect(fifth.errors).toBeUndefined();

      const before = await app.logPosition();
      const refused = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...busy },
        body: JSON.stringify({ query: REGISTER_EVALUATION, variables: { input: evaluationInput() } }),
      });
      const body = (await refused.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(body.errors.map((error) => error.extensions.code)).toEqual(['TOO_MANY_REQUESTS']);
      expect(body.errors[0]!.message).toMatch(/^Too many requests: at most 5 a minute are allowed\. Try again in \d+ s\.$/);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await app.logPosition()).toBe(before);

      const unaffected = await app.graphql(`{ units { id } }`, {}, other);
      expect(unaffected.errors).toBeUndefined();
    });

    it('counts an account once, however its header is spelled and whichever of its tokens it sends (breaker12c P2)', async () => {
      const admin = await app.as('ADMIN');
      const registered = await app.graphql(
        `mutation($input: RegisterUserInput!) { registerUser(input: $input) { token user { id } } }`,
        { input: { idempotencyKey: 'rate-limit-account', name: '限流测试账号', role: 'INSPECTOR' } },
        admin,
      );
      const { token: first, user } = registered.data!.registerUser as { token: string; user: { id: string } };
      const issued = await app.graphql(
        `mutation($input: IssueAccessTokenInput!) { issueAccessToken(input: $input) { token } }`,
        { input: { idempotencyKey: 'rate-limit-second-token', userId: user.id } },
        admin,
      );
      const second = (issued.data!.issueAccessToken as { token: string }).token;
      // Every spelling the sign-in accepts, and a second token of the same account: one window of 5.
      const spellings = [`Bearer ${first}`, `bearer ${first}`, `BEARER  ${first}`, `Bearer\t${second}`, ` bEaReR ${second} `];
      for (const authorization of spellings) expect((await app.graphql(`{ units { id } }`, {}, { authorization })).errors).toBeUndefined();
      const sixth = await app.graphql(`{ units { id } }`, {}, { authorization: `beARer   ${second}` });
      expect(errorCode(sixth)).toBe('TOO_MANY_REQUESTS');
    });

    it('counts downloads and uploads in the same window as GraphQL requests; /metrics is not counted (perf2, notes/s17 left)', async () => {
      const admin = await app.as('ADMIN');
      const registered = await app.graphql(
        `mutation($input: RegisterUserInput!) { registerUser(input: $input) { token } }`,
        { input: { idempotencyKey: 'rate-limit-downloads', name: '限流导出账号', role: 'INSPECTOR' } },
        admin,
      );
      const clerk = { authorization: `Bearer ${(registered.data!.registerUser as { token: string }).token}` };
      const download = () => fetch(`${app.url}/export/ledger.csv`, { headers: clerk });
      expect((await download()).status).toBe(200);
      expect((await download()).status).toBe(200);
      // Not a role that uploads (403), but a request all the same.
      expect((await fetch(`${app.url}/imports/files?name=a.csv`, { method: 'POST', headers: { ...clerk, 'content-type': 'text/csv' }, body: '问题\n' })).status).toBe(403);
      expect((await app.graphql(`{ units { id } }`, {}, clerk)).errors).toBeUndefined();
      expect((await app.graphql(`{ units { id } }`, {}, clerk)).errors).toBeUndefined();

      const refused = await download();
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      const body = (await refused.json()) as { errors: { message: string; extensions: { code: string; messageZh: string } }[] };
      expect(body.errors[0]!.extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS', messageZh: expect.stringMatching(/^请求过于频繁：每分钟最多 5 次，请 \d+ 秒后再试。$/) });
      expect(errorCode(await app.graphql(`{ units { id } }`, {}, clerk))).toBe('TOO_MANY_REQUESTS');

      // The scraper's endpoint takes nothing from the window: ADMIN has used 3 of 5.
      for (let i = 0; i < 5; i++) expect((await fetch(`${app.url}/metrics`, { headers: admin })).status).toBe(200);
      expect((await app.graphql(`{ units { id } }`, {}, admin)).errors).toBeUndefined();
    });

    it('still pushes to a subscriber over its limit: subscriptions over WebSocket are not counted', async () => {
      const busy = await app.as('INSPECTOR');
      while (errorCode(await app.graphql(`{ units { id } }`, {}, busy)) !== 'TOO_MANY_REQUESTS');
      const before = app.subscriptionsStarted();
      const client = createClient({ url: `${app.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: busy, lazy: false, retryAttempts: 0 });
      try {
        const pushed = new Promise<unknown>((resolve, reject) => {
          const unsubscribe = client.subscribe({ query: `subscription { dashboardUpdated { findings { total } } }` }, {
            next: (value) => {
              unsubscribe();
              resolve(value);
            },
            error: reject,
            complete: () => undefined,
          });
        });
        await app.subscriptionsOpened(before, pushed);
        const registered = await app.graphql(REGISTER_EVALUATION, { input: evaluationInput() }, await app.as('SUPERVISOR'));
        expect(registered.errors).toBeUndefined();
        expect(await pushed).toEqual({ data: { dashboardUpdated: { findings: { total: 0 } } } });
      } finally {
        await client.dispose();
      }
    });

    it('keeps /health answering', async () => {
      for (let i = 0; i < 10; i++) expect((await fetch(`${app.url}/health`)).status).toBe(200);
    });
  });
});
