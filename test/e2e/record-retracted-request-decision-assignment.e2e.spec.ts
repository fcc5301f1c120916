import { TestApp, errorCode, startTestApp } from '../support/test-app.js';
import { namedMutations } from '../support/named-mutations.js';

/*
 * h52a (issue 8) — 撤销误录 of what newcomer51-8 S1's fix left out: a 审批延期 entered by mistake (its granted date made 教育局's
 * late report read on time in 单位排名), a 代录延期申请 entered by mistake, and a 交办 of the wrong unit (公安局 read red and
 * overdue in 单位排名 for a finding it never had). Each is retracted with a reason: every view reads the finding as if it had
 * never been entered — the granted date gone, the request gone, the unit's part gone — and the history keeps it marked 已撤销
 * in `history` and `historyPage` alike. A 交办 with a later record of the unit is refused, naming what to retract first.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;
const REASON = '录入时选错了单位，纸质台账无此记录';

describe('撤销误录 of an extension decision, an extension request and a 交办 (h52a)', () => {
  let app: TestApp;
  const { call, mutate } = namedMutations(() => app, key, 'id');
  let findingId: string;
  let finance: string;
  let education: string;
  let police: string;
  const finding = async (cut: { asOf?: string } = {}) => {
    const answer = await app.graphql(
      `query($id: ID!, $asOf: String) { finding(id: $id, asOf: $asOf) { status assignments { unitId status dueDate trafficLight extensionRequests { requestId status grantedDueDate } } } }`,
      { id: findingId, ...cut },
    );
    expect(answer.errors).toBeUndefined();
    return answer.data!.finding as { status: string; assignments: { unitId: string; status: string; dueDate: string; trafficLight: string; extensionRequests: { requestId: string; status: string; grantedDueDate: string | null }[] }[] };
  };
  const scoreOf = async (unitId: string, asOf: string) => {
    const answer = await app.graphql(`query($asOf: String) { unitScorecard(asOf: $asOf) { unitId overdue onTime due parts } }`, { asOf });
    expect(answer.errors).toBeUndefined();
    return (answer.data!.unitScorecard as { unitId: string }[]).find((row) => row.unitId === unitId);
  };
  const retracted = async () => {
    const answer = await app.graphql(
      `query($id: ID!) { finding(id: $id) { history { revision eventType retracted { reason } } historyPage(first: 100) { nodes { revision eventType retracted { reason } } } } }`,
      { id: findingId },
    );
    expect(answer.errors).toBeUndefined();
    const { history, historyPage } = answer.data!.finding as { history: { eventType: string; retracted: { reason: string } | null }[]; historyPage: { nodes: { eventType: string; retracted: { reason: string } | null }[] } };
    const marked = (lines: { eventType: string; retracted: { reason: string } | null }[]) => lines.filter((line) => line.retracted !== null).map((line) => line.eventType);
    expect(marked(historyPage.nodes)).toEqual(marked(history));
    return marked(history);
  };

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-12-07T09:00:00+08:00' });
    const register = async (code: string, name: string) =>
      (await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, { input: { idempotencyKey: `unit-${code}`, code, name, kind: 'DEPARTMENT', registeredOn: '2016-01-04' } }, await app.as('ADMIN'))).data!.registerUnit.id as string;
    finance = await register('CZJ', '青川市财政局');
    education = await register('JYJ', '青川市教育局');
    police = await register('GAJ', '青川市公安局');
    const evaluationId = (await mutate('registerEvaluation', { title: '2015年度政务公开第三方评估', evaluator: '某研究院', commissionedBy: '省政务公开办', periodStart: '2015-01-01', periodEnd: '2015-12-31', receivedOn: '2016-04-15' })).id;
    findingId = (await mutate('recordFinding', {
      evaluationId, title: '依申请公开答复超期', description: '部分申请超期答复', category: '依申请公开', severity: 'HIGH', identifiedOn: '2016-04-20',
      concernedUnitIds: [finance, education],
      assignment: { assignedOn: '2016-04-26', units: [{ unitId: finance, role: 'LEAD', dueDate: '2016-06-30' }, { unitId: education, role: 'RESPONSIBLE', dueDate: '2016-06-30' }] },
    })).id;
    // The slips: 公安局 given the finding (meant for another), and a paper extension of another unit entered as 教育局's, then approved.
    await mutate('assignFinding', { findingId, assignedOn: '2016-04-26', units: [{ unitId: police, role: 'RESPONSIBLE', dueDate: '2016-06-30' }] });
    await mutate('requestExtension', { findingId, unitId: education, requestedOn: '2016-05-10', requestedDueDate: '2016-07-31', reason: '需等待系统升级' });
    const requestId = (await finding()).assignments.find((part) => part.unitId === education)!.extensionRequests[0]!.requestId;
    await mutate('decideExtension', { findingId, unitId: education, requestId, approve: true, decidedOn: '2016-05-12', reason: '同意' });
    const evidence = [{ title: '答复登记表', documentRef: '青财〔2016〕9号' }];
    await mutate('reportRectification', { findingId, unitId: finance, reportedOn: '2016-06-20', summary: '已整改', evidence });
    await mutate('reportRectification', { findingId, unitId: education, reportedOn: '2016-07-20', summary: '已整改', evidence });
  });

  afterAll(async () => {
    await app.close();
  });

  it('before: 教育局’s report of 07-20 reads on time under the grant; 公安局 is red and overdue in 单位排名', async () => {
    expect(await scoreOf(education, '2016-08-31')).toMatchObject({ onTime: 1, due: 1 });
    expect(await scoreOf(police, '2016-08-31')).toMatchObject({ overdue: 1, due: 1 });
  });

  it('the grant retracted: 教育局 due 06-30 again, the request pending, its report late; the request cannot go before its decision', async () => {
    const refused = await call('retractRecord', { findingId, unitId: education, record: 'EXTENSION_REQUEST', on: '2016-05-10', reason: REASON });
    expect(errorCode(refused)).toBe('CONFLICT');
    // The decision is on this very request: retract it first; no date of it would help (breaker53-8 M2).
    expect(refused.errors![0]!.extensions!.messageZh).toMatch(/2016-05-12 的延期审批失去所审批的申请：该延期审批是对本申请的审批。如该审批也是误录，请先撤销该审批记录，再撤销本申请；否则本申请不能撤销。$/u);
    expect(refused.errors![0]!.extensions!.retractFirst).toEqual({ unitId: education, factType: 'ExtensionGranted', on: '2016-05-12', ofTheDay: 1 });
    expect((await call('retractRecord', { findingId, unitId: education, record: 'EXTENSION_DECISION', on: '2016-05-12', reason: REASON })).errors).toBeUndefined();
    const part = (await finding()).assignments.find((one) => one.unitId === education)!;
    expect(part).toMatchObject({ dueDate: '2016-06-30', extensionRequests: [{ status: 'PENDING', grantedDueDate: null }] });
    expect(await scoreOf(education, '2016-08-31')).toMatchObject({ onTime: 0, due: 1 });
    expect((await call('retractRecord', { findingId, unitId: education, record: 'EXTENSION_REQUEST', on: '2016-05-10', reason: REASON })).errors).toBeUndefined();
    expect((await finding()).assignments.find((one) => one.unitId === education)!.extensionRequests).toEqual([]);
  });

  it('the wrong unit’s 交办 retracted: 公安局 holds no part on any day and leaves 单位排名; 财政局’s, reported since, is refused naming the report', async () => {
    const refused = await call('retractRecord', { findingId, unitId: finance, record: 'ASSIGNMENT', on: '2016-04-26', reason: REASON });
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(refused.errors![0]!.extensions!.messageZh).toMatch(/2016-06-20 的整改报告不再成立.*请先撤销该整改报告记录，再撤销本交办/u);
    expect((await call('retractRecord', { findingId, unitId: police, record: 'ASSIGNMENT', on: '2016-04-26', reason: REASON })).errors).toBeUndefined();
    expect((await finding()).assignments.map((part) => part.unitId)).toEqual([finance, education]);
    expect((await finding({ asOf: '2016-07-01' })).assignments.map((part) => part.unitId)).toEqual([finance, education]);
    expect((await scoreOf(police, '2016-08-31')) ?? { due: 0, overdue: 0 }).toMatchObject({ due: 0, overdue: 0 });
  });

  it('the history keeps each retracted record marked 已撤销, the paged history as the full one', async () => {
    expect(await retracted()).toEqual(['UnitAssigned', 'ExtensionRequested', 'ExtensionGranted']);
  });
});

/*
 * breaker54-8 S7: a past day read before a 撤销误录 kept its answer after it — 工作台 (unitWorkload), 待审批延期, 总览 (dashboard) and
 * 问题清单 (findings) of that day still listed the retracted 交办, report and request, while the finding and the 台账 export of
 * the same day read them gone: the kept time-travel answers were dropped only for an event dated on or before the day, and a
 * retraction is dated when it is made. The same past-day answer now follows, read before or not.
 */
describe('a past day read before a 撤销误录 reads it gone after (breaker54-8 S7)', () => {
  let app: TestApp;
  const { mutate } = namedMutations(() => app, key, 'id');
  let findingId: string;
  let planning: string;
  let education: string;
  const PAST = '2016-05-20';
  const pastViews = async () => {
    const answer = await app.graphql(
      `query($unitId: ID!, $asOf: String!, $title: String!) {
        unitWorkload(unitId: $unitId, asOf: $asOf) { openParts { findingId status } }
        extensionsAwaitingDecision(asOf: $asOf) { totalCount nodes { parentId part { unitId } } }
        dashboard(asOf: $asOf) { openParts { findingId unitId status } }
        findings(asOf: $asOf, titleContains: $title) { nodes { id assignments { unitId status } } }
      }`,
      { unitId: planning, asOf: PAST, title: '价格听证' },
    );
    expect(answer.errors).toBeUndefined();
    const data = answer.data!;
    return {
      workload: (data.unitWorkload.openParts as { findingId: string; status: string }[]).filter((part) => part.findingId === findingId).map((part) => part.status),
      awaiting: (data.extensionsAwaitingDecision.nodes as { parentId: string; part: { unitId: string } }[]).filter((node) => node.parentId === findingId).map((node) => node.part.unitId),
      dashboard: (data.dashboard.openParts as { findingId: string; unitId: string; status: string }[]).filter((part) => part.findingId === findingId).map((part) => `${part.unitId}:${part.status}`).sort(),
      list: (data.findings.nodes as { id: string; assignments: { unitId: string; status: string }[] }[]).find((node) => node.id === findingId)!.assignments.map((part) => `${part.unitId}:${part.status}`).sort(),
    };
  };

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-12-07T09:00:00+08:00' });
    const register = async (code: string, name: string) =>
      (await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, { input: { idempotencyKey: `s7-unit-${code}`, code, name, kind: 'DEPARTMENT', registeredOn: '2016-01-04' } }, await app.as('ADMIN'))).data!.registerUnit.id as string;
    education = await register('JYJ', '青川市教育局');
    planning = await register('FGW', '青川市发展和改革委员会');
    const evaluationId = (await mutate('registerEvaluation', { title: '2015年度政务公开第三方评估（S7）', evaluator: '某研究院', commissionedBy: '省政务公开办', periodStart: '2015-01-01', periodEnd: '2015-12-31', receivedOn: '2016-04-15' })).id;
    findingId = (await mutate('recordFinding', {
      evaluationId, title: '价格听证结果未公开', description: '听证结果未在网站公开', category: '主动公开', severity: 'LOW', identifiedOn: '2016-04-20', concernedUnitIds: [education],
      assignment: { assignedOn: '2016-04-26', units: [{ unitId: education, role: 'LEAD', dueDate: '2016-06-30' }] },
    })).id;
    // The slip: 发改委 given the finding by mistake; it asked for an extension on paper, typed in too.
    await mutate('assignFinding', { findingId, assignedOn: '2016-05-05', units: [{ unitId: planning, role: 'RESPONSIBLE', dueDate: '2016-06-30' }] });
    await mutate('requestExtension', { findingId, unitId: planning, requestedOn: '2016-05-10', requestedDueDate: '2016-07-31', reason: '需等待系统升级' });
  });

  afterAll(async () => {
    await app.close();
  });

  it('工作台, 待审批延期, 总览 and 问题清单 of a day read before the 交办 is retracted drop it and its request after', async () => {
    expect(await pastViews()).toEqual({ workload: ['ASSIGNED'], awaiting: [planning], dashboard: [`${education}:ASSIGNED`, `${planning}:ASSIGNED`].sort(), list: [`${education}:ASSIGNED`, `${planning}:ASSIGNED`].sort() });
    await mutate('retractRecord', { findingId, unitId: planning, record: 'ASSIGNMENT', on: '2016-05-05', reason: REASON });
    expect(await pastViews()).toEqual({ workload: [], awaiting: [], dashboard: [`${education}:ASSIGNED`], list: [`${education}:ASSIGNED`] });
  });
});
