import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Issue 8: the same papers typed in every order — each refused paper typed again after the others, as a clerk does
 * following the refusal — give the same record in every view (a finding now, as of its story's days and known far
 * ahead; 单位排名; 我的任务), through the API, each order on a fresh finding of fresh units (甲局 LEAD, 乙局).
 * The stories are the same-day and late-paper pairs breaker8u found following typing order:
 * - P1: an extension granted and a return (督查未通过 / 退办) of one office day (fixed in 418d9bb, walked here);
 * - P9: a return and the re-report it called for, found after the pass that checked the re-report (the first report
 *   typed before the re-report: typed after it, the re-report is a first report to the record — breaker8u P6's kind);
 * - P11: a finding's withdrawal (撤销) and a pass, hand-over or merge of the same day;
 * - breaker8v P12: a finding's withdrawal and a report of its day, alone or with its pass (the day's records came before it);
 * - breaker8v P3: the unit's withdrawal of its extension request and the office's decision on it of one day.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;
let unitSequence = 0;

type Paper = (ids: Ids) => Promise<boolean>;
interface Ids {
  readonly findingId: string;
  readonly first: string;
  readonly second: string;
}
interface Story {
  readonly name: string;
  /** Typed first, in this order, before the papers walked in every order. */
  readonly before: readonly [string, Paper][];
  readonly papers: readonly [string, Paper][];
  /** Orders walked: all, unless this keeps fewer. */
  readonly keep?: (order: readonly string[]) => boolean;
  /** Papers a rule refuses in some orders (the record is the same): the withdrawal typed after a pass of its day (reopen first). */
  readonly mayBeRefused?: readonly string[];
  /** Views read as of these days (besides now and known far ahead). */
  readonly days: readonly string[];
}

describe('the same papers in every typing order give one record (breaker8u P1, P9, P11; breaker54-8 S1 S6 S8: retractions and corrections of a reopening)', () => {
  let app: TestApp;
  let evaluationId: string;

  const mutate = async (name: string, input: Record<string, unknown>, headers?: Record<string, string>) => {
    const response = await app.graphql(`mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { __typename } }`, { input: { idempotencyKey: key(name), ...input } }, headers);
    const crash = response.errors?.find((error) => (error.extensions as { code?: string } | undefined)?.code === 'INTERNAL_SERVER_ERROR');
    if (crash) throw new Error(`${name} crashed the server: ${crash.message}`);
    return response;
  };
  const registerUnit = async (name: string): Promise<string> => {
    const admin = await app.as('ADMIN');
    const select = `mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`;
    let distinctFrom: string[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const response = await app.graphql(select, { input: { idempotencyKey: key('registerUnit'), code: `U${(unitSequence += 1)}`, name, kind: 'DEPARTMENT', registeredOn: '2016-01-04', distinctFrom } }, admin);
      if (!response.errors) return response.data!.registerUnit.id as string;
      distinctFrom = [...distinctFrom, ...(((response.errors[0]!.extensions as { nearUnitIds?: string[] }).nearUnitIds) ?? [])];
    }
    throw new Error(`registerUnit ${name} refused`);
  };

  const ok = async (response: Promise<{ errors?: readonly unknown[] }>) => (await response).errors === undefined;
  const report = (on: string, unit: 'first' | 'second' = 'first'): Paper => async (ids) =>
    ok(mutate('reportRectification', { findingId: ids.findingId, unitId: ids[unit], summary: `已整改（${on}）`, evidence: [{ title: '公开页面', link: 'https://www.example.gov.cn/p' }], reportedOn: on }, await app.as('UNIT', ids[unit])));
  /** The unit's paper report entered by the office (代录): the re-report handed in at a pass, typed after it, is taken only so (h56c). */
  const officeReport = (on: string): Paper => async (ids) =>
    ok(mutate('reportRectification', { findingId: ids.findingId, unitId: ids.first, summary: `已整改（${on}）`, evidence: [{ title: '公开页面', link: 'https://www.example.gov.cn/p' }], reportedOn: on }));
  const inspect = (outcome: 'PASSED' | 'FAILED', on: string, newDueDate?: string, unit: 'first' | 'second' = 'first'): Paper => async (ids) =>
    ok(mutate('logInspection', { findingId: ids.findingId, unitId: ids[unit], outcome, notes: outcome === 'PASSED' ? '核实' : '目录不全', inspectedOn: on, place: '现场', ...(newDueDate ? { newDueDate, overrideReason: '督查后重新整改' } : {}) }, await app.as('INSPECTOR')));
  const sendBack = (on: string, newDueDate: string): Paper => async (ids) =>
    ok(mutate('sendBackReport', { findingId: ids.findingId, unitId: ids.first, reason: '材料不全', sentBackOn: on, newDueDate, overrideReason: '退办' }));
  const requestExtension = (on: string, requestedDueDate: string): Paper => async (ids) =>
    ok(mutate('requestExtension', { findingId: ids.findingId, unitId: ids.first, requestedDueDate, reason: '需要时间', requestedOn: on }, await app.as('UNIT', ids.first)));
  /** The first extension request of the story's unit (甲局) on its finding; undefined before it asked. */
  const firstRequestOf = async (ids: Ids): Promise<string | undefined> => {
    const parts = await app.graphql(`query($id: ID!) { finding(id: $id) { assignments { unitId extensionRequests { requestId } } } }`, { id: ids.findingId });
    return (parts.data!.finding.assignments as { unitId: string; extensionRequests: { requestId: string }[] }[]).find((part) => part.unitId === ids.first)?.extensionRequests[0]?.requestId;
  };
  const decide = (approve: boolean, on: string): Paper => async (ids) => {
    const requestId = await firstRequestOf(ids);
    return requestId !== undefined && ok(mutate('decideExtension', { findingId: ids.findingId, unitId: ids.first, requestId, approve, decidedOn: on, ...(approve ? { overrideReason: '同意延期' } : { reason: '理由不足' }) }));
  };
  const withdrawRequest = (on: string): Paper => async (ids) => {
    const requestId = await firstRequestOf(ids);
    return requestId !== undefined && ok(mutate('withdrawExtensionRequest', { findingId: ids.findingId, unitId: ids.first, requestId, reason: '不再需要', withdrawnOn: on }, await app.as('UNIT', ids.first)));
  };
  const reopen = (on: string, newDueDate: string): Paper => async (ids) => ok(mutate('reopenFinding', { findingId: ids.findingId, reason: '复查发现问题反弹', reopenedOn: on, newDueDate }));
  const retractReopening = (on: string): Paper => async (ids) => ok(mutate('retractRecord', { findingId: ids.findingId, unitId: ids.first, record: 'REOPENING', on, reason: '重新打开录入错误' }));
  const redateReopening = (previousOn: string, on: string): Paper => async (ids) => ok(mutate('correctRecordDate', { findingId: ids.findingId, unitId: ids.first, record: 'REOPENING', previousOn, on, reason: '重新打开日期录错' }));
  const assignSecond = (on: string, dueDate: string): Paper => async (ids) => ok(mutate('assignFinding', { findingId: ids.findingId, assignedOn: on, units: [{ unitId: ids.second, role: 'RESPONSIBLE', dueDate }] }));
  const withdraw = (on: string): Paper => async (ids) => ok(mutate('withdrawFinding', { findingId: ids.findingId, reason: '评估误判', withdrawnOn: on }));
  const handOver = (on: string): Paper => async (ids) => ok(mutate('handOverUnitParts', { unitId: ids.first, successorUnitId: ids.second, reason: '职能调整', handedOverOn: on }, await app.as('ADMIN')));
  const merge = (on: string): Paper => async (ids) => ok(mutate('mergeUnit', { unitId: ids.first, successorUnitId: ids.second, reason: '机构改革', mergedOn: on }, await app.as('ADMIN')));

  const P9_KEEP = (order: readonly string[]) => order.indexOf('report 05-25') < order.indexOf('re-report 06-08');
  const N4_KEEP = (order: readonly string[]) => order.indexOf('report 05-25') < order.indexOf('re-report 06-15');
  const STORIES: Story[] = [
    {
      name: 'P1: a grant and a failed inspection of one day',
      before: [['report 05-10', report('2016-05-10')], ['request 05-15', requestExtension('2016-05-15', '2016-06-30')]],
      papers: [['grant 05-20', decide(true, '2016-05-20')], ['failed 05-20', inspect('FAILED', '2016-05-20', '2016-06-20')]],
      days: ['2016-05-20', '2016-06-25'],
    },
    {
      name: 'P1: a grant and a send-back of one day',
      before: [['report 05-10', report('2016-05-10')], ['request 05-15', requestExtension('2016-05-15', '2016-06-30')]],
      papers: [['grant 05-20', decide(true, '2016-05-20')], ['send-back 05-20', sendBack('2016-05-20', '2016-06-20')]],
      days: ['2016-05-20', '2016-06-25'],
    },
    {
      name: 'breaker8v P3: the unit’s withdrawal of its extension request and the office’s grant of one day',
      before: [['request 05-15', requestExtension('2016-05-15', '2016-06-30')]],
      papers: [['withdrawal 05-20', withdrawRequest('2016-05-20')], ['grant 05-20', decide(true, '2016-05-20')]],
      days: ['2016-05-20', '2016-06-10'],
    },
    {
      name: 'breaker8v P3: the unit’s withdrawal of its extension request and the office’s refusal of one day',
      before: [['request 05-15', requestExtension('2016-05-15', '2016-06-30')]],
      papers: [['withdrawal 05-20', withdrawRequest('2016-05-20')], ['refusal 05-20', decide(false, '2016-05-20')]],
      days: ['2016-05-20', '2016-06-10'],
    },
    {
      name: 'P9: a send-back and its re-report found after the pass',
      before: [],
      papers: [['report 05-25', report('2016-05-25')], ['send-back 05-28', sendBack('2016-05-28', '2016-06-10')], ['re-report 06-08', report('2016-06-08')], ['pass 06-15', inspect('PASSED', '2016-06-15')]],
      keep: P9_KEEP,
      days: ['2016-05-27', '2016-06-01', '2016-06-09', '2016-06-15'],
    },
    {
      name: 'P9: a failed inspection and its re-report found after the pass',
      before: [],
      papers: [['report 05-25', report('2016-05-25')], ['failed 05-28', inspect('FAILED', '2016-05-28', '2016-06-10')], ['re-report 06-08', report('2016-06-08')], ['pass 06-15', inspect('PASSED', '2016-06-15')]],
      keep: P9_KEEP,
      days: ['2016-05-27', '2016-06-01', '2016-06-09', '2016-06-15'],
    },
    {
      name: 'N4: a send-back found after the pass, and the re-report handed in at that inspection (of the pass’s day, 代录)',
      before: [],
      papers: [['report 05-25', report('2016-05-25')], ['send-back 05-28', sendBack('2016-05-28', '2016-06-10')], ['re-report 06-15', officeReport('2016-06-15')], ['pass 06-15', inspect('PASSED', '2016-06-15')]],
      keep: N4_KEEP,
      days: ['2016-05-27', '2016-06-01', '2016-06-14', '2016-06-15'],
    },
    {
      name: 'N4: a failed inspection found after the pass, and the re-report handed in at that inspection (of the pass’s day, 代录)',
      before: [],
      papers: [['report 05-25', report('2016-05-25')], ['failed 05-28', inspect('FAILED', '2016-05-28', '2016-06-10')], ['re-report 06-15', officeReport('2016-06-15')], ['pass 06-15', inspect('PASSED', '2016-06-15')]],
      keep: N4_KEEP,
      days: ['2016-05-27', '2016-06-01', '2016-06-14', '2016-06-15'],
    },
    {
      name: 'N4 on the day: a send-back of the pass’s own day, and the re-report handed in at that inspection (note44 Left, 代录)',
      before: [],
      papers: [['report 05-25', report('2016-05-25')], ['send-back 06-15', sendBack('2016-06-15', '2016-06-30')], ['re-report 06-15', officeReport('2016-06-15')], ['pass 06-15', inspect('PASSED', '2016-06-15')]],
      keep: N4_KEEP,
      days: ['2016-06-14', '2016-06-15'],
    },
    {
      name: 'N4 on the day: a failed inspection of the pass’s own day, and the re-report handed in at that inspection (note44 Left, 代录)',
      before: [],
      papers: [['report 05-25', report('2016-05-25')], ['failed 06-15', inspect('FAILED', '2016-06-15', '2016-06-30')], ['re-report 06-15', officeReport('2016-06-15')], ['pass 06-15', inspect('PASSED', '2016-06-15')]],
      keep: N4_KEEP,
      days: ['2016-06-14', '2016-06-15'],
    },
    {
      name: 'P11: a withdrawal and a pass of one day',
      before: [['report 05-10', report('2016-05-10')]],
      papers: [['withdrawal 05-20', withdraw('2016-05-20')], ['pass 05-20', inspect('PASSED', '2016-05-20')]],
      mayBeRefused: ['withdrawal 05-20'],
      days: ['2016-05-19', '2016-05-20', '2016-06-01'],
    },
    {
      // Typed withdrawal first, the report of its day was refused (it takes no more work) and the pass with it: withdrawn, not 销号.
      name: 'breaker8v P12: a withdrawal, and a report and its pass of one day',
      before: [],
      papers: [['withdrawal 05-20', withdraw('2016-05-20')], ['report 05-20', report('2016-05-20')], ['pass 05-20', inspect('PASSED', '2016-05-20')]],
      keep: (order) => order.indexOf('report 05-20') < order.indexOf('pass 05-20'),
      mayBeRefused: ['withdrawal 05-20'],
      days: ['2016-05-19', '2016-05-20', '2016-06-01'],
    },
    {
      name: 'breaker8v P12: a withdrawal and a report of one day',
      before: [],
      papers: [['withdrawal 05-20', withdraw('2016-05-20')], ['report 05-20', report('2016-05-20')]],
      days: ['2016-05-19', '2016-05-20', '2016-06-01'],
    },
    {
      // breaker41-8 P1: typed first, the reopening found 乙's part awaiting its check — the finding open — and reopened 甲's alone;
      // the pass of the day before, typed after it, closed the finding then, and by date the reopening reopened both parts.
      name: 'breaker41-8 P1: a pass that closed the finding, found after the next day’s reopening',
      before: [['assign 乙 04-26', assignSecond('2016-04-26', '2016-06-30')], ['report 甲 05-02', report('2016-05-02')], ['pass 甲 05-02', inspect('PASSED', '2016-05-02')], ['report 乙 05-13', report('2016-05-13', 'second')]],
      papers: [['pass 乙 05-26', inspect('PASSED', '2016-05-26', undefined, 'second')], ['reopen 05-27', reopen('2016-05-27', '2016-06-30')]],
      days: ['2016-05-26', '2016-05-28', '2016-06-30'],
    },
    {
      // breaker53-8 S1: as breaker41-8 P1, but 乙's pass of the day before typed after 甲 re-reported and passed again — the story of
      // 销号 05-26 and 重新打开 05-27 was written only while a part the reopening returned was still open; once 甲's pass stood, 销号
      // 05-26 alone, 乙's part never returned and the finding read closed on 甲's last pass.
      name: 'breaker53-8 S1: a pass that closed the finding, found after the next day’s reopening, the re-report and its pass',
      before: [['assign 乙 04-26', assignSecond('2016-04-26', '2016-06-30')], ['report 甲 05-02', report('2016-05-02')], ['pass 甲 05-02', inspect('PASSED', '2016-05-02')], ['report 乙 05-13', report('2016-05-13', 'second')]],
      papers: [['pass 乙 05-26', inspect('PASSED', '2016-05-26', undefined, 'second')], ['reopen 05-27', reopen('2016-05-27', '2016-06-30')], ['re-report 甲 06-01', report('2016-06-01')], ['pass 甲 06-03', inspect('PASSED', '2016-06-03')]],
      keep: (order) => order.indexOf('reopen 05-27') < order.indexOf('re-report 甲 06-01') && order.indexOf('re-report 甲 06-01') < order.indexOf('pass 甲 06-03'),
      days: ['2016-05-26', '2016-05-28', '2016-06-04'],
    },
    {
      // h54b (breaker54-8 S1): the reopening that found the finding closed — by date, 乙's pass of the day before typed after it —
      // retracted as entered by mistake: what the server wrote for it goes with it, the finding closed on 05-26 in every order.
      name: 'breaker54-8 S1: the reopening retracted, with the pass that closed the finding the day before found after it',
      before: [['assign 乙 04-26', assignSecond('2016-04-26', '2016-06-30')], ['report 甲 05-02', report('2016-05-02')], ['pass 甲 05-02', inspect('PASSED', '2016-05-02')], ['report 乙 05-13', report('2016-05-13', 'second')]],
      papers: [['pass 乙 05-26', inspect('PASSED', '2016-05-26', undefined, 'second')], ['reopen 05-27', reopen('2016-05-27', '2016-06-30')], ['retract reopen 05-27', retractReopening('2016-05-27')]],
      keep: (order) => order.indexOf('reopen 05-27') < order.indexOf('retract reopen 05-27'),
      days: ['2016-05-26', '2016-05-28', '2016-06-30'],
    },
    {
      // h54b (breaker54-8 S8): the same reopening moved to 05-29 (更正记录日期): the finding's reopening and 乙's part returned move with it.
      name: 'breaker54-8 S8: the reopening moved, with the pass that closed the finding the day before found after it',
      before: [['assign 乙 04-26', assignSecond('2016-04-26', '2016-06-30')], ['report 甲 05-02', report('2016-05-02')], ['pass 甲 05-02', inspect('PASSED', '2016-05-02')], ['report 乙 05-13', report('2016-05-13', 'second')]],
      papers: [['pass 乙 05-26', inspect('PASSED', '2016-05-26', undefined, 'second')], ['reopen 05-27', reopen('2016-05-27', '2016-06-30')], ['redate reopen 05-29', redateReopening('2016-05-27', '2016-05-29')]],
      keep: (order) => order.indexOf('reopen 05-27') < order.indexOf('redate reopen 05-29'),
      days: ['2016-05-26', '2016-05-28', '2016-05-30'],
    },
    {
      // h54b (breaker54-8 S6): the reopening typed as of 05-25 (paper: 05-27), before 乙's pass of 05-26, moved to 05-27 — also after
      // 甲 re-reported and passed again: the finding closed 05-26 and was reopened whole on 05-27, 乙's part returned, in every order.
      name: 'breaker54-8 S6: the reopening typed a day too early, moved past the pass that closed the finding',
      before: [['assign 乙 04-26', assignSecond('2016-04-26', '2016-06-30')], ['report 甲 05-02', report('2016-05-02')], ['pass 甲 05-02', inspect('PASSED', '2016-05-02')], ['report 乙 05-13', report('2016-05-13', 'second')]],
      papers: [['reopen 05-25', reopen('2016-05-25', '2016-06-30')], ['pass 乙 05-26', inspect('PASSED', '2016-05-26', undefined, 'second')], ['redate reopen 05-27', redateReopening('2016-05-25', '2016-05-27')], ['re-report 甲 06-01', report('2016-06-01')], ['pass 甲 06-03', inspect('PASSED', '2016-06-03')]],
      keep: (order) => order.indexOf('reopen 05-25') < order.indexOf('redate reopen 05-27') && order.indexOf('reopen 05-25') < order.indexOf('re-report 甲 06-01') && order.indexOf('re-report 甲 06-01') < order.indexOf('pass 甲 06-03'),
      days: ['2016-05-26', '2016-05-28', '2016-06-04'],
    },
    {
      // breaker41-8 P2: typed last, the reopening was applied after the re-report and the pass that answered it — the finding open now, closed as known later.
      name: 'breaker41-8 P2: a pass and the reopening after it, found after the re-report and its pass',
      before: [['report 06-06', report('2016-06-06')]],
      papers: [['pass 06-18', inspect('PASSED', '2016-06-18')], ['reopen 06-27', reopen('2016-06-27', '2016-08-31')], ['re-report 07-04', report('2016-07-04')], ['pass 07-07', inspect('PASSED', '2016-07-07')]],
      days: ['2016-06-20', '2016-06-28', '2016-07-05', '2016-07-08'],
    },
    {
      // breaker41-8 P3: the re-report and its pass typed first (the unit keys its latest report itself), then the earlier round found
      // on paper: the earlier report and the failed check that answered it each waited for the other, in every order.
      name: 'breaker41-8 P3: a report and its failed check, found after the re-report',
      before: [],
      papers: [['report 05-22', report('2016-05-22')], ['failed 05-31', inspect('FAILED', '2016-05-31', '2016-07-16')], ['re-report 06-19', report('2016-06-19')], ['pass 07-10', inspect('PASSED', '2016-07-10')]],
      days: ['2016-05-25', '2016-06-01', '2016-06-20', '2016-07-10'],
    },
    {
      name: 'breaker41-8 P3: a report and its send-back, found after the re-report and its pass',
      before: [],
      papers: [['report 05-22', report('2016-05-22')], ['send-back 05-24', sendBack('2016-05-24', '2016-07-16')], ['re-report 06-19', report('2016-06-19')], ['pass 07-10', inspect('PASSED', '2016-07-10')]],
      days: ['2016-05-23', '2016-06-01', '2016-06-20', '2016-07-10'],
    },
    {
      // breaker41-8b N3: the round of the unit that handed its part over, found after its successor's re-report and pass.
      name: 'breaker41-8b N3: a report and its send-back, found after the successor’s re-report and pass',
      before: [],
      papers: [['report 05-01', report('2016-05-01')], ['send-back 05-03', sendBack('2016-05-03', '2016-06-17')], ['hand-over 05-10', handOver('2016-05-10')], ['re-report 05-15', report('2016-05-15', 'second')], ['pass 05-16', inspect('PASSED', '2016-05-16', undefined, 'second')]],
      keep: (order) => order.indexOf('hand-over 05-10') < order.indexOf('re-report 05-15') && order.indexOf('re-report 05-15') < order.indexOf('pass 05-16'),
      days: ['2016-05-02', '2016-05-12', '2016-05-15', '2016-05-16'],
    },
    {
      name: 'P11: a withdrawal and a hand-over of one day',
      before: [['report 05-10', report('2016-05-10')]],
      papers: [['withdrawal 05-20', withdraw('2016-05-20')], ['hand-over 05-20', handOver('2016-05-20')]],
      days: ['2016-05-19', '2016-05-20', '2016-06-01'],
    },
    {
      name: 'P11: a withdrawal and a merge of one day',
      before: [['report 05-10', report('2016-05-10')]],
      papers: [['withdrawal 05-20', withdraw('2016-05-20')], ['merge 05-20', merge('2016-05-20')]],
      days: ['2016-05-19', '2016-05-20', '2016-06-01'],
    },
  ];

  const permutations = <T,>(items: readonly T[]): T[][] =>
    items.length <= 1 ? [[...items]] : items.flatMap((item, index) => permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]));

  const PART = 'unitId role status dueDate daysLeft trafficLight heldBefore verifiedOn reports { reportedOn } inspections { outcome inspectedOn } returns { cause returnedOn newDueDate } extensionRequests { status requestedOn decidedOn grantedDueDate } recordsAfterWithdrawal';
  /** Every view of the story's finding and units, ids named by the units' parts in the story (甲, 乙). */
  const views = async (ids: Ids, days: readonly string[]) => {
    const read: Record<string, unknown> = {};
    for (const travel of [{}, { knownAt: '2099-01-01T00:00:00+08:00' }, ...days.map((asOf) => ({ asOf }))]) {
      const label = JSON.stringify(travel);
      const finding = await app.graphql(`query($id: ID!, $asOf: String, $knownAt: String) { finding(id: $id, asOf: $asOf, knownAt: $knownAt) { status closedOn withdrawnOn assignments { ${PART} } } }`, { id: ids.findingId, ...travel });
      expect(finding.errors).toBeUndefined();
      const scorecard = await app.graphql(`query($asOf: String, $knownAt: String) { unitScorecard(asOf: $asOf, knownAt: $knownAt) { unitId parts due onTime overdue returned meanDaysToRemediate } }`, travel);
      expect(scorecard.errors).toBeUndefined();
      const rows = (scorecard.data!.unitScorecard as { unitId: string }[]).filter((row) => row.unitId === ids.first || row.unitId === ids.second);
      const workloads = [];
      for (const unitId of [ids.first, ids.second]) {
        const workload = await app.graphql(`query($unitId: ID!, $asOf: String, $knownAt: String) { unitWorkload(unitId: $unitId, asOf: $asOf, knownAt: $knownAt) { openParts { status dueDate daysLeft trafficLight } reminders { kind on } } }`, { unitId, ...travel });
        expect(workload.errors).toBeUndefined();
        workloads.push(workload.data!.unitWorkload);
      }
      read[label] = { finding: finding.data!.finding, rows, workloads };
    }
    return JSON.parse(JSON.stringify(read).replaceAll(ids.first, '甲').replaceAll(ids.second, '乙')) as unknown;
  };

  /** The story typed in `order` on a fresh finding of fresh units: the papers never taken, and every view. */
  const typed = async (story: Story, order: readonly [string, Paper][]) => {
    const n = (unitSequence += 1);
    const ids: Ids = {
      first: await registerUnit(`青川市第${n}号环境监测站`),
      second: await registerUnit(`青川县${n}号审计事务所`),
      findingId: '',
    };
    const finding = await app.graphql(`mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`, {
      input: { idempotencyKey: key('recordFinding'), evaluationId, title: `环境信息公开不及时（${n}）`, description: '环境信息公开不及时', category: '主动公开', severity: 'HIGH', identifiedOn: '2016-04-15' },
    });
    expect(finding.errors).toBeUndefined();
    const findingId = finding.data!.recordFinding.id as string;
    const withFinding: Ids = { ...ids, findingId };
    expect((await mutate('assignFinding', { findingId, assignedOn: '2016-04-26', units: [{ unitId: ids.first, role: 'LEAD', dueDate: '2016-05-31' }] })).errors).toBeUndefined();
    for (const [name, paper] of story.before) if (!(await paper(withFinding))) throw new Error(`${story.name}: ${name} refused`);
    let waiting = [...order];
    for (let round = 0; round < 4 && waiting.length > 0; round += 1) {
      const left: [string, Paper][] = [];
      for (const entry of waiting) if (!(await entry[1](withFinding))) left.push(entry);
      if (left.length === waiting.length) break;
      waiting = left;
    }
    return { neverTaken: waiting.map(([name]) => name), views: await views(withFinding, story.days) };
  };

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-11-29T10:00:00+08:00', settings: { RATE_LIMIT_PER_MINUTE: '0' } });
    const evaluation = await app.graphql(`mutation($input: RegisterEvaluationInput!) { registerEvaluation(input: $input) { id } }`, { input: { idempotencyKey: key('registerEvaluation'), title: '2015年度政务公开第三方评估', evaluator: '某研究院', commissionedBy: '国务院办公厅', periodStart: '2015-01-01', periodEnd: '2015-12-31', receivedOn: '2016-04-15' } });
    evaluationId = evaluation.data!.registerEvaluation.id as string;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('a work-plan part’s assignment is not corrected to before its item was listed in the plan (breaker8u P14)', async () => {
    const admin = await app.as('ADMIN');
    const lead = await registerUnit('青川市第P14号测绘地理信息局');
    const csv = '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n一,推进五公开,1,公开环评审批信息,,青川市第P14号测绘地理信息局,,2026-12-31\n';
    const imported = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId } }`, {
      input: { idempotencyKey: key('importWorkPlan'), fileName: 'plan-p14.csv', title: '青川市2026年P14工作要点', year: 2026, contentBase64: Buffer.from(csv).toString('base64'), approvedOn: '2026-09-21', assignedOn: '2026-09-21' },
    }, admin);
    expect(imported.errors).toBeUndefined();
    const planId = imported.data!.importWorkPlan.planId as string;
    // Added a minute later (recorded with the import, it would read as imported with the plan).
    app.clock.set(new Date(app.clock.now().getTime() + 60_000).toISOString());
    const added = await app.graphql(`mutation($input: AddWorkPlanItemInput!) { addWorkPlanItem(input: $input) { id } }`, {
      input: { idempotencyKey: key('addWorkPlanItem'), planId, categoryCode: '一', code: '2', title: '公开测绘成果目录', dueDate: '2026-11-15', leadUnitId: lead, reason: '领导小组会议增补', assignedOn: '2026-10-01' },
    });
    expect(added.errors).toBeUndefined();
    const itemId = added.data!.addWorkPlanItem.id as string;
    const correct = (on: string) =>
      app.graphql(`mutation($input: CorrectWorkPlanItemRecordDateInput!) { correctWorkPlanItemRecordDate(input: $input) { __typename } }`, {
        input: { idempotencyKey: key('correct'), itemId, unitId: lead, record: 'ASSIGNMENT', previousOn: '2026-10-01', on, reason: '日期录错' },
      });
    const refused = await correct('2026-09-25');
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', messageZh: expect.stringMatching(/（2026-09-25）早于事项 2 列入工作方案的日期（2026-10-01），日期顺序不对。$/) });
    // The item's page still has no part before its listing day; a correction to a later day is taken.
    expect((await correct('2026-10-08')).errors).toBeUndefined();
  });

  /*
   * breaker8v P3 on a work-plan item (wpairs.py wreq_grant): the unit's withdrawal of its extension request and the office's
   * decision of one day, typed in both orders, on fresh plans of one item — the item's parts read the same, now and on the day.
   */
  it.each([
    ['a grant', true],
    ['a refusal', false],
  ] as const)('a work-plan item: the withdrawal of an extension request and %s of one day read one way in both orders (breaker8v P3)', async (_decision, approve) => {
    const admin = await app.as('ADMIN');
    const typedInOrder = async (order: 'withdrawal first' | 'decision first') => {
      const n = (unitSequence += 1);
      const lead = await registerUnit(`青川市第${n}号档案馆`);
      const csv = `类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n一,推进五公开,1,公开档案目录${n},,青川市第${n}号档案馆,,2026-11-15\n`;
      const imported = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId } }`, {
        input: { idempotencyKey: key('importWorkPlan'), fileName: `plan-wreq-${n}.csv`, title: `青川市2026年延期核对方案${n}`, year: 2026, contentBase64: Buffer.from(csv).toString('base64'), approvedOn: '2026-09-21', assignedOn: '2026-09-21' },
      }, admin);
      expect(imported.errors).toBeUndefined();
      const items = await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id } } } }`, { id: imported.data!.importWorkPlan.planId });
      const itemId = items.data!.workPlan.categories[0].items[0].id as string;
      const unitHeaders = await app.as('UNIT', lead);
      const requested = await mutate('requestWorkPlanItemExtension', { itemId, unitId: lead, requestedDueDate: '2026-12-10', reason: '需会签', requestedOn: '2026-10-15' }, unitHeaders);
      expect(requested.errors).toBeUndefined();
      const parts = async (travel: Record<string, string> = {}) =>
        (await app.graphql(`query($id: ID!, $asOf: String) { workPlanItem(id: $id, asOf: $asOf) { dueDate parts { status dueDate trafficLight extensionRequests { requestId status decidedOn grantedDueDate } } } }`, { id: itemId, ...travel })).data!.workPlanItem;
      const requestId = (await parts()).parts[0].extensionRequests[0].requestId as string;
      const withdrawal = () => mutate('withdrawWorkPlanItemExtensionRequest', { itemId, unitId: lead, requestId, reason: '不再需要', withdrawnOn: '2026-10-20' }, unitHeaders);
      const decision = () => mutate('decideWorkPlanItemExtension', { itemId, unitId: lead, requestId, approve, decidedOn: '2026-10-20', ...(approve ? {} : { reason: '理由不足' }) });
      const steps = order === 'withdrawal first' ? [withdrawal, decision] : [decision, withdrawal];
      for (const step of steps) expect((await step()).errors).toBeUndefined();
      const read = async (travel: Record<string, string> = {}) => JSON.parse(JSON.stringify(await parts(travel)).replaceAll(requestId, 'R'));
      return { now: await read(), onTheDay: await read({ asOf: '2026-10-20' }) };
    };
    const withdrawalFirst = await typedInOrder('withdrawal first');
    expect(withdrawalFirst.now.parts[0]).toMatchObject({ dueDate: approve ? '2026-12-10' : '2026-11-15', extensionRequests: [{ status: approve ? 'GRANTED' : 'REFUSED', decidedOn: '2026-10-20' }] });
    expect(await typedInOrder('decision first')).toEqual(withdrawalFirst);
  });

  it('a work-plan item: a pass and the reopening after it, found after the re-report and its pass, read as in date order in every view (breaker41-8b N2)', async () => {
    const admin = await app.as('ADMIN');
    const typedInOrder = async (order: readonly number[]) => {
      const n = (unitSequence += 1);
      const lead = await registerUnit(`青川市第${n}号档案馆`);
      const csv = `类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n一,推进五公开,1,公开档案目录${n},,青川市第${n}号档案馆,,2026-12-31\n`;
      const imported = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId } }`, {
        input: { idempotencyKey: key('importWorkPlan'), fileName: `plan-reopen-${n}.csv`, title: `青川市2026年重新打开核对方案${n}`, year: 2026, contentBase64: Buffer.from(csv).toString('base64'), approvedOn: '2026-10-10', assignedOn: '2026-10-10' },
      }, admin);
      expect(imported.errors).toBeUndefined();
      const items = await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id } } } }`, { id: imported.data!.importWorkPlan.planId });
      const itemId = items.data!.workPlan.categories[0].items[0].id as string;
      const unitHeaders = await app.as('UNIT', lead);
      const inspectorHeaders = await app.as('INSPECTOR');
      const reportOn = (on: string) => () => mutate('reportWorkPlanItem', { itemId, unitId: lead, summary: `已整改（${on}）`, evidence: [{ title: '公开页面', link: 'https://www.example.gov.cn/p' }], reportedOn: on }, unitHeaders);
      const passOn = (on: string) => () => mutate('logWorkPlanItemInspection', { itemId, unitId: lead, outcome: 'PASSED', notes: '核实', inspectedOn: on, place: '现场' }, inspectorHeaders);
      const papers = [reportOn('2026-10-12'), passOn('2026-10-15'), () => mutate('reopenWorkPlanItem', { itemId, reason: '复查发现问题反弹', reopenedOn: '2026-10-16' }), reportOn('2026-10-18'), passOn('2026-10-20')];
      for (const index of order) expect((await papers[index]!()).errors).toBeUndefined();
      const read = async (travel: Record<string, string>) =>
        (await app.graphql(`query($id: ID!, $asOf: String, $knownAt: String) { workPlanItem(id: $id, asOf: $asOf, knownAt: $knownAt) { status completedOn parts { status verifiedOn trafficLight } } }`, { id: itemId, ...travel })).data!.workPlanItem;
      return { now: await read({}), today: await read({ asOf: '2026-11-29' }), knownLater: await read({ knownAt: '2099-01-01T00:00:00+08:00' }), onThe22nd: await read({ asOf: '2026-10-22' }) };
    };
    const inDateOrder = await typedInOrder([0, 1, 2, 3, 4]);
    expect(inDateOrder.now).toMatchObject({ status: 'COMPLETED', completedOn: '2026-10-20' });
    expect(await typedInOrder([0, 4, 3, 1, 2])).toEqual(inDateOrder);
  });

  /** A work-plan item of its own one-item plan (approved and assigned 2026-10-10), led by a new 档案馆 `n`; `label` names the plan. */
  const itemOfItsOwnPlan = async (label: string, title: string): Promise<{ n: number; lead: string; itemId: string }> => {
    const n = (unitSequence += 1);
    const lead = await registerUnit(`青川市第${n}号档案馆`);
    const csv = `类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n一,推进五公开,1,公开档案目录${n},,青川市第${n}号档案馆,,2026-12-31\n`;
    const imported = await app.graphql(`mutation($input: ImportWorkPlanInput!) { importWorkPlan(input: $input) { planId } }`, {
      input: { idempotencyKey: key('importWorkPlan'), fileName: `plan-${label}-${n}.csv`, title: `${title}${n}`, year: 2026, contentBase64: Buffer.from(csv).toString('base64'), approvedOn: '2026-10-10', assignedOn: '2026-10-10' },
    }, await app.as('ADMIN'));
    expect(imported.errors).toBeUndefined();
    const items = await app.graphql(`query($id: ID!) { workPlan(id: $id) { categories { items { id } } } }`, { id: imported.data!.importWorkPlan.planId });
    return { n, lead, itemId: items.data!.workPlan.categories[0].items[0].id as string };
  };

  /** The item as every view reads it — the item, 我的任务 and 单位排名 of its lead — now, today, known later, on 10-15 and on 10-14. */
  const itemInEveryView = async (itemId: string, lead: string, part: string) => {
    const read = async (travel: Record<string, string>) =>
      (await app.graphql(`query($id: ID!, $asOf: String, $knownAt: String) { workPlanItem(id: $id, asOf: $asOf, knownAt: $knownAt) { status completedOn parts { ${part} } } }`, { id: itemId, ...travel })).data!.workPlanItem;
    const workload = async (travel: Record<string, string>) =>
      (await app.graphql(`query($unitId: ID!, $asOf: String, $knownAt: String) { unitWorkload(unitId: $unitId, asOf: $asOf, knownAt: $knownAt) { openParts { status } reminders { kind on } } }`, { unitId: lead, ...travel })).data!.unitWorkload;
    const score = async (travel: Record<string, string>) =>
      ((await app.graphql(`query($asOf: String, $knownAt: String) { unitScorecard(asOf: $asOf, knownAt: $knownAt) { unitId parts onTime overdue returned meanDaysToRemediate } }`, travel)).data!.unitScorecard as { unitId: string }[]).filter((row) => row.unitId === lead).map(({ unitId: _unit, ...row }) => row);
    const all = async (travel: Record<string, string>) => ({ item: await read(travel), work: await workload(travel), score: await score(travel) });
    return { now: await all({}), today: await all({ asOf: '2026-11-29' }), knownLater: await all({ knownAt: '2099-01-01T00:00:00+08:00' }), onTheDay: await all({ asOf: '2026-10-15' }), before: await all({ asOf: '2026-10-14' }) };
  };

  // The send-back of 10-12 (N4), and of the pass's own day (note44 Left). Typed before the re-report it is refused (newcomer55-8 S2).
  it.each(['2026-10-12', '2026-10-15'])('a work-plan item: the send-back of %s typed after the pass is refused naming it; the re-report of the pass’s day, entered by the office (代录; the unit’s own refused), is taken as handed in at that inspection, then the send-back: read as in date order in every view (N4, newcomer55-8 S2)', async (sentBackOn) => {
    const typedInOrder = async (wayOn: boolean) => {
      const { lead, itemId } = await itemOfItsOwnPlan(`n4-${sentBackOn}`, '青川市2026年督查当天报送核对方案');
      const unitHeaders = await app.as('UNIT', lead);
      const inspectorHeaders = await app.as('INSPECTOR');
      // `byTheOffice`: the paper entered by the supervisor on the unit's behalf (代录).
      const reportOn = (on: string, byTheOffice = false) => mutate('reportWorkPlanItem', { itemId, unitId: lead, summary: `已整改（${on}）`, evidence: [{ title: '公开页面', link: 'https://www.example.gov.cn/p' }], reportedOn: on }, byTheOffice ? undefined : unitHeaders);
      const pass = () => mutate('logWorkPlanItemInspection', { itemId, unitId: lead, outcome: 'PASSED', notes: '核实', inspectedOn: '2026-10-15', place: '现场' }, inspectorHeaders);
      const sendBackOn = () => mutate('sendBackWorkPlanItemReport', { itemId, unitId: lead, reason: '材料不全', sentBackOn, newDueDate: '2026-10-31' });
      if (wayOn) {
        expect((await reportOn('2026-10-11')).errors).toBeUndefined();
        expect((await pass()).errors).toBeUndefined();
        const refused = await sendBackOn();
        expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', messageZh: expect.stringMatching(/^退办日期（2026-10-1[25]）会使.* 2026-10-15 的督查(通过)?不再成立.*代录/) });
        // The unit's own report of the close-out day cannot be told from one made after it: refused, naming the office's entry (h56c).
        expect((await reportOn('2026-10-15')).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', messageZh: expect.stringContaining('请先由督办人员依据纸质报告代录本报告，再录入该退办或督查未通过') });
        expect((await reportOn('2026-10-15', true)).errors).toBeUndefined();
        expect((await sendBackOn()).errors).toBeUndefined();
      } else {
        for (const paper of [() => reportOn('2026-10-11'), sendBackOn, () => reportOn('2026-10-15'), pass]) expect((await paper()).errors).toBeUndefined();
      }
      return itemInEveryView(itemId, lead, 'status verifiedOn trafficLight reports { reportedOn } returns { cause returnedOn }');
    };
    const inDateOrder = await typedInOrder(false);
    expect(inDateOrder.now.item).toMatchObject({ status: 'COMPLETED', completedOn: '2026-10-15', parts: [{ reports: [{ reportedOn: '2026-10-11' }, { reportedOn: '2026-10-15' }], returns: [{ cause: 'SENT_BACK', returnedOn: sentBackOn }] }] });
    expect(inDateOrder.today).toEqual(inDateOrder.now);
    expect(inDateOrder.knownLater).toEqual(inDateOrder.now);
    expect(await typedInOrder(true)).toEqual(inDateOrder);
  });

  it('a work-plan item: a correction putting the re-report and the pass on one day while the first report awaited that pass is taken, read as the report handed in at that inspection (newcomer55-8 S2; was refused, breaker43-8 N2); the send-back next, read as in date order in every view', async () => {
    const typedInOrder = async (path: 'date order' | 're-report redated' | 'pass redated') => {
      const { lead, itemId } = await itemOfItsOwnPlan('n2', '青川市2026年更正同日报送核对方案');
      const unitHeaders = await app.as('UNIT', lead);
      const inspectorHeaders = await app.as('INSPECTOR');
      const reportOn = (on: string) => mutate('reportWorkPlanItem', { itemId, unitId: lead, summary: '已整改', evidence: [{ title: '公开页面', link: 'https://www.example.gov.cn/p' }], reportedOn: on }, unitHeaders);
      const pass = (on: string) => mutate('logWorkPlanItemInspection', { itemId, unitId: lead, outcome: 'PASSED', notes: '核实', inspectedOn: on, place: '现场' }, inspectorHeaders);
      const sendBackOn = () => mutate('sendBackWorkPlanItemReport', { itemId, unitId: lead, reason: '材料不全', sentBackOn: '2026-10-12', newDueDate: '2026-10-31' });
      const inspectionIds = async () => ((await app.graphql(`query($id: ID!) { workPlanItem(id: $id) { parts { inspections { inspectionId } } } }`, { id: itemId })).data!.workPlanItem.parts[0].inspections as { inspectionId: string }[]).map(({ inspectionId }) => inspectionId);
      const correction = async () =>
        path === 're-report redated'
          ? mutate('correctWorkPlanItemRecordDate', { itemId, unitId: lead, record: 'REPORT', previousOn: '2026-10-13', on: '2026-10-15', reason: '日期录错' })
          : mutate('correctWorkPlanItemInspection', { itemId, unitId: lead, inspectionId: (await inspectionIds())[0], inspectedOn: '2026-10-15', reason: '日期录错' });
      if (path === 'date order') {
        for (const paper of [() => reportOn('2026-10-11'), sendBackOn, () => reportOn('2026-10-15'), () => pass('2026-10-15')]) expect((await paper()).errors).toBeUndefined();
      } else {
        const papers = path === 're-report redated' ? [() => reportOn('2026-10-11'), () => pass('2026-10-15'), () => reportOn('2026-10-13')] : [() => reportOn('2026-10-11'), () => pass('2026-10-20'), () => reportOn('2026-10-15')];
        for (const paper of papers) expect((await paper()).errors).toBeUndefined();
        expect((await correction()).errors).toBeUndefined();
        expect((await sendBackOn()).errors).toBeUndefined();
      }
      return itemInEveryView(itemId, lead, 'status verifiedOn trafficLight reports { reportedOn } returns { cause returnedOn } inspections { outcome inspectedOn }');
    };
    const inDateOrder = await typedInOrder('date order');
    expect(inDateOrder.now.item).toMatchObject({ status: 'COMPLETED', completedOn: '2026-10-15', parts: [{ reports: [{ reportedOn: '2026-10-11' }, { reportedOn: '2026-10-15' }], returns: [{ cause: 'SENT_BACK', returnedOn: '2026-10-12' }] }] });
    expect(inDateOrder.today).toEqual(inDateOrder.now);
    expect(inDateOrder.knownLater).toEqual(inDateOrder.now);
    expect(await typedInOrder('re-report redated')).toEqual(inDateOrder);
    expect(await typedInOrder('pass redated')).toEqual(inDateOrder);
  });

  /*
   * h56a (breaker55-8 S1 S3 S7, S9): the 重新打开 the server wrote for a part-only reopening that by date found the finding closed
   * (乙's pass of the day before typed after it) is listed now as every view folds it — by the supervisor who reopened, on the
   * reopening's day, marked once its cause no longer stands — the history now the same as known far ahead; it is neither retracted
   * nor moved on its own. A reopening dated on a day the finding was open, typed after its close-out, reopened nothing of the whole.
   */
  it('what the server wrote for a reopening found closed is listed as folded and goes only with its cause; a reopening of a day the finding was open reopens no whole (breaker55-8 S1 S3 S7 S9)', async () => {
    // Each paper a minute after the one before, as entered in an office (what a line names as undoing it is the later record).
    const later = <T,>(step: () => Promise<T>) => {
      app.clock.set(new Date(app.clock.now().getTime() + 60_000).toISOString());
      return step();
    };
    const story = async () => {
      const n = (unitSequence += 1);
      const ids = { first: await registerUnit(`青川市第${n}号环境监测站`), second: await registerUnit(`青川县${n}号审计事务所`), findingId: '' };
      const recorded = await app.graphql(`mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`, {
        input: { idempotencyKey: key('recordFinding'), evaluationId, title: `环境信息公开不及时（${n}）`, description: '环境信息公开不及时', category: '主动公开', severity: 'HIGH', identifiedOn: '2016-04-15' },
      });
      const withFinding: Ids = { ...ids, findingId: recorded.data!.recordFinding.id as string };
      const assigned = await mutate('assignFinding', { findingId: withFinding.findingId, assignedOn: '2016-04-26', units: [{ unitId: ids.first, role: 'LEAD', dueDate: '2016-05-31' }, { unitId: ids.second, role: 'RESPONSIBLE', dueDate: '2016-06-30' }] });
      expect(assigned.errors).toBeUndefined();
      for (const paper of [report('2016-05-02'), inspect('PASSED', '2016-05-02'), report('2016-05-13', 'second')]) expect(await paper(withFinding)).toBe(true);
      return withFinding;
    };
    const HISTORY = 'history { eventType occurredOn actorRole closeOutUndone retracted { reason } details }';
    /** The finding's 重新打开 lines (its own and the parts'), now and as known far ahead: the two must read the same. */
    const reopenings = async (ids: Ids) => {
      const read = async (travel: Record<string, string>) => {
        const finding = await app.graphql(`query($id: ID!, $knownAt: String) { finding(id: $id, knownAt: $knownAt) { ${HISTORY} } }`, { id: ids.findingId, ...travel });
        expect(finding.errors).toBeUndefined();
        return (finding.data!.finding.history as { eventType: string; occurredOn: string; actorRole: string; closeOutUndone: string | null; retracted: unknown; details: string }[])
          .filter((line) => line.eventType === 'FindingReopened' || line.eventType === 'PartsReopened')
          .map((line) => ({ type: line.eventType, on: line.occurredOn, by: line.actorRole, undone: line.closeOutUndone, retracted: line.retracted !== null, units: (JSON.parse(line.details) as { unitIds?: string[] }).unitIds?.map((id) => (id === ids.first ? '甲' : '乙')) }));
      };
      const now = await read({});
      expect(await read({ knownAt: '2099-01-01T00:00:00+08:00' })).toEqual(now);
      return now;
    };
    const foundClosed = async () => {
      const ids = await story();
      expect(await later(() => reopen('2016-05-27', '2016-06-30')(ids))).toBe(true);
      expect(await later(() => inspect('PASSED', '2016-05-26', undefined, 'second')(ids))).toBe(true);
      return ids;
    };
    const office = { type: 'PartsReopened', on: '2016-05-27', by: 'SUPERVISOR', undone: null, retracted: false, units: ['甲'] };
    const written = (on: string, more: Partial<typeof office> = {}) => [
      { type: 'FindingReopened', on, by: 'SUPERVISOR', undone: null, retracted: false, units: undefined, ...more },
      { type: 'PartsReopened', on, by: 'SUPERVISOR', undone: null, retracted: false, units: ['乙'], ...more },
    ];

    // Typed: the server wrote 重新打开 05-27 with 乙's part, listed by the supervisor who reopened (not the inspector whose pass made it so).
    const ids = await foundClosed();
    expect(await reopenings(ids)).toEqual([office, ...written('2016-05-27')]);
    // Retracted or moved on its own: refused, naming the reopening it goes with; nothing written.
    const alone = await mutate('retractRecord', { findingId: ids.findingId, unitId: ids.second, record: 'REOPENING', on: '2016-05-27', reason: '重新打开录入错误' });
    expect(alone.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', goesWith: { unitId: ids.first, factType: 'PartsReopened', on: '2016-05-27' }, messageZh: expect.stringContaining('不能单独撤销') });
    const moved = await mutate('correctRecordDate', { findingId: ids.findingId, unitId: ids.second, record: 'REOPENING', previousOn: '2016-05-27', on: '2016-05-29', reason: '日期录错' });
    expect(moved.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', messageZh: expect.stringContaining('不能单独更正日期') });
    // Its cause moved (更正记录日期): both lines move with it.
    expect(await later(() => redateReopening('2016-05-27', '2016-05-29')(ids))).toBe(true);
    expect(await reopenings(ids)).toEqual([office, ...written('2016-05-29')]);
    // The pass that made its cause find the finding closed retracted: both lines say so; 撤销交办 of 乙 names its report, not them.
    expect(await later(() => ok(mutate('retractRecord', { findingId: ids.findingId, unitId: ids.second, record: 'INSPECTION', on: '2016-05-26', reason: '录入错误' })))).toBe(true);
    expect(await reopenings(ids)).toEqual([office, ...written('2016-05-29', { undone: expect.stringMatching(/撤销误录后重新打开不成立$/) as unknown as null })]);
    const assignment = await mutate('retractRecord', { findingId: ids.findingId, unitId: ids.second, record: 'ASSIGNMENT', on: '2016-04-26', reason: '录入错误' });
    expect(assignment.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', messageZh: expect.stringContaining('2016-05-13 的整改报告不再成立') });

    // Its cause retracted: both lines 已撤销 with it, by the supervisor who reopened.
    const other = await foundClosed();
    expect(await later(() => retractReopening('2016-05-27')(other))).toBe(true);
    expect(await reopenings(other)).toEqual([{ ...office, retracted: true }, ...written('2016-05-27', { retracted: true })]);

    // S9: closed on 05-26 (乙's pass), then a reopening of 05-20 typed — a day the finding was open: 甲's verified part reopened,
    // the finding's own 重新打开 reopened nothing that day and says so.
    const open = await story();
    expect(await later(() => inspect('PASSED', '2016-05-26', undefined, 'second')(open))).toBe(true);
    expect(await later(() => reopen('2016-05-20', '2016-06-30')(open))).toBe(true);
    expect(await reopenings(open)).toEqual([
      { type: 'FindingReopened', on: '2016-05-20', by: 'SUPERVISOR', undone: '2016-05-20 尚未销号（2016-05-26 才销号），此重新打开只退回当日已核验的任务', retracted: false, units: undefined },
      { type: 'PartsReopened', on: '2016-05-20', by: 'SUPERVISOR', undone: null, retracted: false, units: ['甲'] },
    ]);
  }, 120_000);

  it.each(STORIES.map((story) => [story.name, story] as const))('%s', async (_name, story) => {
    const orders = permutations(story.papers).filter((order) => story.keep?.(order.map(([name]) => name)) ?? true);
    const [first, ...rest] = orders;
    const expected = await typed(story, first!);
    const taken = (neverTaken: readonly string[]) => neverTaken.filter((name) => !(story.mayBeRefused ?? []).includes(name));
    expect(taken(expected.neverTaken)).toEqual([]);
    for (const order of rest) {
      const got = await typed(story, order);
      expect({ order: order.map(([name]) => name), neverTaken: taken(got.neverTaken) }).toEqual({ order: order.map(([name]) => name), neverTaken: [] });
      expect({ order: order.map(([name]) => name), views: got.views }).toEqual({ order: order.map(([name]) => name), views: expected.views });
    }
  }, 600_000);
});
