import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * breaker8d P15 (breaker8b N1, the other direction): whether a part passes in a reorganisation is
 * judged on the reorganisation's day from the facts dated before it, however late they were
 * entered. The same 2016 facts — 商务局 assigned 05-01, reported 06-20, passed on site 06-28; its
 * work passes to 商务和经济信息化局 on 07-10 — are typed in two orders: the inspection sheet before
 * the reorganisation (date order), and after it (the office types the 机构改革 document first). Both
 * give one record: the verified part and its on-time credit stay with 商务局, now and on every day,
 * for a hand-over and for a merge, on findings and on work-plan items. Asserted through HTTP
 * GraphQL on a real SQLite file.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

type Order = 'inDateOrder' | 'late';
/** Each unit's two problems, worded far enough apart that none is taken for another retyped (near titles are refused). */
const PROBLEM: Readonly<Record<string, Record<Order, string>>> = {
  SWJ: { inDateOrder: '外资项目审批信息未公开', late: '招商引资优惠政策没有配套解读' },
  LSJ: { inDateOrder: '粮食收购价格未按季度公开', late: '储备粮轮换结果没有公示' },
};
interface Holding {
  unitId: string;
  status: string;
  heldBefore: string[];
}

describe('a pass dated before a reorganisation, entered after it, keeps the verified part with the unit that did it (breaker8d P15)', () => {
  let app: TestApp;
  const units: Record<string, string> = {};
  let evaluationId: string;

  const mutate = async (name: string, input: Record<string, unknown>, headers?: Record<string, string>) => {
    const response = await app.graphql(`mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { __typename } }`, { input: { idempotencyKey: key(name), ...input } }, headers);
    if (response.errors) throw new Error(`${name} refused: ${JSON.stringify(response.errors)}`);
  };
  const register = async (code: string, name: string) => {
    const response = await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, {
      input: { idempotencyKey: `unit-${code}`, code, name, kind: 'DEPARTMENT', registeredOn: '2016-01-04' },
    }, await app.as('ADMIN'));
    expect(response.errors).toBeUndefined();
    units[code] = response.data!.registerUnit.id;
  };
  const names = (holdings: Holding[]) =>
    holdings.map((part) => {
      const code = (id: string) => Object.keys(units).find((candidate) => units[candidate] === id);
      return `${code(part.unitId)} ${part.status} [${part.heldBefore.map(code).join(',')}]`;
    });
  const findingParts = async (findingId: string, asOf?: string) => {
    const response = await app.graphql(`query($id: ID!, $asOf: String) { finding(id: $id, asOf: $asOf) { status closedOn assignments { unitId status heldBefore } } }`, { id: findingId, ...(asOf ? { asOf } : {}) });
    expect(response.errors).toBeUndefined();
    return { status: response.data!.finding.status, closedOn: response.data!.finding.closedOn, parts: names(response.data!.finding.assignments) };
  };
  const scorecard = async (asOf: string) => {
    const response = await app.graphql(`query($asOf: String) { unitScorecard(asOf: $asOf) { unitId parts onTime } }`, { asOf });
    expect(response.errors).toBeUndefined();
    return Object.fromEntries(
      (response.data!.unitScorecard as { unitId: string; parts: number; onTime: number }[])
        .filter((entry) => entry.parts > 0)
        .map((entry) => [Object.keys(units).find((code) => units[code] === entry.unitId), `${entry.parts}/${entry.onTime}`]),
    );
  };

  /** A finding of 2016 for `predecessor`: assigned 05-01, due 06-30, reported 06-20. */
  const reported = async (predecessor: string, order: Order) => {
    const recorded = await app.graphql(`mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`, {
      input: { idempotencyKey: key('finding'), evaluationId, title: `${predecessor}${PROBLEM[predecessor][order]}`, description: '外资项目审批信息未公开', category: '主动公开', severity: 'HIGH', identifiedOn: '2016-04-15' },
    });
    expect(recorded.errors).toBeUndefined();
    const findingId = recorded.data!.recordFinding.id as string;
    await mutate('assignFinding', { findingId, assignedOn: '2016-05-01', units: [{ unitId: units[predecessor], role: 'LEAD', dueDate: '2016-06-30' }] });
    await mutate('reportRectification', { findingId, unitId: units[predecessor], summary: '已公开', evidence: [{ title: '公开页面', link: 'https://www.example.gov.cn/x' }], reportedOn: '2016-06-20' }, await app.as('UNIT', units[predecessor]));
    return findingId;
  };
  /** The June inspection sheet: passed on site on 06-28. */
  const passed = async (findingId: string, predecessor: string) =>
    mutate('logInspection', { findingId, unitId: units[predecessor], outcome: 'PASSED', notes: '核实已公开', inspectedOn: '2016-06-28', place: '现场' }, await app.as('INSPECTOR'));

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-30T10:00:00+08:00' });
    await register('SWJ', '青川县商务局');
    await register('SJXJ', '青川县商务和经济信息化局');
    await register('LSJ', '青川县粮食局');
    await register('FGLS', '青川县发展改革和粮食局');
    const evaluation = await app.graphql(`mutation($input: RegisterEvaluationInput!) { registerEvaluation(input: $input) { id } }`, {
      input: { idempotencyKey: key('evaluation'), title: `2015年度政务公开第三方评估（第${keySequence}份）`, evaluator: '某研究院', commissionedBy: '国务院办公厅', periodStart: '2015-01-01', periodEnd: '2015-12-31', receivedOn: '2016-04-15' },
    });
    evaluationId = evaluation.data!.registerEvaluation.id;
  });

  afterAll(async () => {
    await app?.close();
  });

  it.each([
    ['a hand-over', 'handOverUnitParts', 'SWJ', 'SJXJ'],
    ['a merge', 'mergeUnit', 'LSJ', 'FGLS'],
  ] as const)('%s: typed in either order, the verified part stays with its unit, now and on every day, and so does its credit', async (_what, reorganise, predecessor, successor) => {
    const inOrder = await reported(predecessor, 'inDateOrder');
    const late = await reported(predecessor, 'late');
    await passed(inOrder, predecessor);
    await mutate(reorganise, { unitId: units[predecessor], successorUnitId: units[successor], reason: '机构改革', ...(reorganise === 'mergeUnit' ? { mergedOn: '2016-07-10' } : { handedOverOn: '2016-07-10' }) }, await app.as('ADMIN'));
    expect((await findingParts(late)).parts).toEqual([`${successor} REPORTED [${predecessor}]`]);
    await passed(late, predecessor);
    for (const findingId of [late, inOrder]) {
      for (const asOf of [undefined, '2016-07-15', '2016-07-10', '2016-06-28']) {
        expect(await findingParts(findingId, asOf)).toEqual({ status: 'CLOSED', closedOn: '2016-06-28', parts: [`${predecessor} VERIFIED []`] });
      }
    }
    // Both parts are the predecessor's, on time; the successor did none of the work.
    for (const asOf of ['2016-07-15', '2026-11-30']) {
      const card = await scorecard(asOf);
      expect(card[predecessor]).toBe('2/2');
      expect(card[successor]).toBeUndefined();
    }
    const history = await app.graphql(`query($id: ID!) { finding(id: $id) { history { eventType occurredOn details } } }`, { id: late });
    const reorganised = (history.data!.finding.history as { eventType: string; occurredOn: string; details: string }[]).filter((entry) => entry.eventType.startsWith('PartHand'));
    expect(reorganised.map((entry) => `${entry.eventType} ${entry.occurredOn}`)).toEqual(['PartHandedOver 2016-07-10', 'PartHandOverUndone 2016-07-10']);
    expect(JSON.parse(reorganised[1]!.details).reason).toMatch(/已于 2016-06-28 确认完成，不随 2016-07-10 的移交转给/u);
  });

  it('refuses the late pass when the successor has worked on the part since, naming its work', async () => {
    await register('WHJ', '青川县文化局');
    await register('WLJ', '青川县文化和旅游局');
    const recorded = await app.graphql(`mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`, {
      input: { idempotencyKey: key('finding'), evaluationId, title: '文化场馆信息公开', description: '未公开', category: '主动公开', severity: 'HIGH', identifiedOn: '2016-04-15' },
    });
    const findingId = recorded.data!.recordFinding.id as string;
    await mutate('assignFinding', { findingId, assignedOn: '2016-05-01', units: [{ unitId: units.WHJ, role: 'LEAD', dueDate: '2016-06-30' }] });
    await mutate('reportRectification', { findingId, unitId: units.WHJ, summary: '已公开', evidence: [{ title: '公开页面', link: 'https://www.example.gov.cn/x' }], reportedOn: '2016-06-20' }, await app.as('UNIT', units.WHJ));
    await mutate('handOverUnitParts', { unitId: units.WHJ, successorUnitId: units.WLJ, reason: '机构改革', handedOverOn: '2016-07-10' }, await app.as('ADMIN'));
    await mutate('sendBackReport', { findingId, unitId: units.WLJ, reason: '材料不全', sentBackOn: '2016-07-20', newDueDate: '2016-08-31' });
    const pass = await app.graphql(`mutation($input: LogInspectionInput!) { logInspection(input: $input) { __typename } }`, {
      input: { idempotencyKey: key('pass'), findingId, unitId: units.WHJ, outcome: 'PASSED', notes: '核实', inspectedOn: '2016-06-28', place: '现场' },
    }, await app.as('INSPECTOR'));
    expect(pass.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(pass.errors![0]!.extensions!.messageZh).toMatch(/2016-07-20 的退办不再成立/u);
    expect((await findingParts(findingId)).parts).toEqual(['WLJ RETURNED [WHJ]']);
  });
});
