import { TestApp, errorCode, startTestApp } from '../support/test-app.js';
import { namedMutations } from '../support/named-mutations.js';

/*
 * newcomer51-8 S1 — 撤销误录: a 重新打开 typed on the wrong finding and day (2016-07-21, F4 closed 2016-07-22) left the 2016
 * finding open and red for good; corrections only move a day. Retracted with a reason (RecordRetracted), every view reads the
 * finding as if the reopening had never been entered — now, as of a 2016 day, on the dashboard and in 单位排名 — while as known
 * before the retraction it reads as it was, and the history keeps the reopening marked 已撤销 with the reason, who and when.
 * A retraction that would leave a later record impossible is refused, naming what to retract first; a retry appends nothing.
 */
let keySequence = 0;
const key = (name: string) => `${name}-${(keySequence += 1)}`;

const REASON = '录入时选错了问题，纸质台账无此重新打开';

describe('撤销误录: a reopening typed on the wrong finding (newcomer51-8 S1)', () => {
  let app: TestApp;
  const { call, mutate } = namedMutations(() => app, key, 'id');
  let findingId: string;
  let finance: string;
  let education: string;
  let beforeRetraction: string;
  const finding = async (cut: { asOf?: string; knownAt?: string } = {}) => {
    const answer = await app.graphql(
      `query($id: ID!, $asOf: String, $knownAt: String) { finding(id: $id, asOf: $asOf, knownAt: $knownAt) { status closedOn assignments { unitId status dueDate trafficLight daysLeft } } }`,
      { id: findingId, ...cut },
    );
    expect(answer.errors).toBeUndefined();
    return answer.data!.finding;
  };
  const dashboard = async (cut: { asOf?: string; knownAt?: string } = {}) => {
    const answer = await app.graphql(`query($asOf: String, $knownAt: String) { dashboard(asOf: $asOf, knownAt: $knownAt) { findings { open closed } openParts { findingId unitId trafficLight } } }`, cut);
    expect(answer.errors).toBeUndefined();
    return answer.data!.dashboard;
  };
  const scoreOf = async (unitId: string, cut: { asOf?: string; knownAt?: string } = {}) => {
    const answer = await app.graphql(`query($asOf: String, $knownAt: String) { unitScorecard(asOf: $asOf, knownAt: $knownAt) { unitId returned overdue onTime due } }`, cut);
    expect(answer.errors).toBeUndefined();
    return (answer.data!.unitScorecard as { unitId: string }[]).find((row) => row.unitId === unitId);
  };

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-12-07T09:00:00+08:00' });
    const register = async (code: string, name: string) =>
      (await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, { input: { idempotencyKey: `unit-${code}`, code, name, kind: 'DEPARTMENT', registeredOn: '2016-01-04' } }, await app.as('ADMIN'))).data!.registerUnit.id as string;
    finance = await register('CZJ', '青川市财政局');
    education = await register('JYJ', '青川市教育局');
    const evaluationId = (await mutate('registerEvaluation', { title: '2015年度政务公开第三方评估', evaluator: '某研究院', commissionedBy: '省政务公开办', periodStart: '2015-01-01', periodEnd: '2015-12-31', receivedOn: '2016-04-15' })).id;
    findingId = (await mutate('recordFinding', {
      evaluationId, title: '依申请公开答复超期', description: '部分申请超期答复', category: '依申请公开', severity: 'HIGH', identifiedOn: '2016-04-20',
      concernedUnitIds: [finance, education],
      assignment: { assignedOn: '2016-04-26', units: [{ unitId: finance, role: 'LEAD', dueDate: '2016-07-31' }, { unitId: education, role: 'RESPONSIBLE', dueDate: '2016-07-31' }] },
    })).id;
    const evidence = [{ title: '答复登记表', documentRef: '青财〔2016〕9号' }];
    await mutate('reportRectification', { findingId, unitId: finance, reportedOn: '2016-07-15', summary: '已整改', evidence });
    await mutate('reportRectification', { findingId, unitId: education, reportedOn: '2016-07-18', summary: '已整改', evidence });
    await mutate('logInspection', { findingId, unitId: finance, inspectedOn: '2016-07-20', outcome: 'PASSED', place: '市财政局', notes: '已整改到位' }, await app.as('INSPECTOR'));
    await mutate('logInspection', { findingId, unitId: education, inspectedOn: '2016-07-22', outcome: 'PASSED', place: '市教育局', notes: '已整改到位' }, await app.as('INSPECTOR'));
    // The slip: a 重新打开 typed on this finding, dated 2016-07-21 — accepted (open that day: 财政局's verified part is returned).
    await mutate('reopenFinding', { findingId, reason: '测试', reopenedOn: '2016-07-21' });
    beforeRetraction = '2026-12-07T02:00:00Z';
    app.clock.set('2026-12-07T11:00:00+08:00');
  });

  afterAll(async () => {
    await app.close();
  });

  it('before: the 2016 finding reads open and red today, 财政局 returned', async () => {
    expect(await finding()).toMatchObject({ status: 'OPEN', closedOn: null, assignments: [{ unitId: finance, status: 'RETURNED', trafficLight: 'RED' }, { unitId: education, status: 'VERIFIED' }] });
    expect((await dashboard()).openParts).toEqual([{ findingId, unitId: finance, trafficLight: 'RED' }]);
  });

  it('refuses retracting 财政局’s pass while the reopening that answered it stands, naming the reopening (CONFLICT, nothing appended)', async () => {
    const before = await app.logPosition();
    const refused = await call('retractRecord', { findingId, unitId: finance, record: 'INSPECTION', on: '2016-07-20', reason: '误录' });
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(refused.errors![0]!.extensions!.messageZh).toMatch(/2016-07-21 的重新打开不再成立.*请先撤销该重新打开/u);
    // A form that showed another day finds nothing (NOT_FOUND), an inspector may not retract (FORBIDDEN).
    expect(errorCode(await call('retractRecord', { findingId, unitId: finance, record: 'REOPENING', on: '2016-07-20', reason: REASON }))).toBe('NOT_FOUND');
    expect(errorCode(await call('retractRecord', { findingId, unitId: finance, record: 'REOPENING', on: '2016-07-21', reason: REASON }, await app.as('INSPECTOR')))).toBe('FORBIDDEN');
    expect(await app.logPosition()).toBe(before);
  });

  it('retracts the reopening: closed on 2016-07-22 again now, as of every 2016 day, on the dashboard and in 单位排名; a retry appends nothing', async () => {
    const input = { idempotencyKey: 'retract-wrong-reopening', findingId, unitId: finance, record: 'REOPENING', on: '2016-07-21', reason: REASON };
    const taken = await call('retractRecord', input);
    expect(taken.errors).toBeUndefined();
    const after = await app.logPosition();
    expect((await call('retractRecord', input)).errors).toBeUndefined();
    expect(await app.logPosition()).toBe(after);

    const closed = { status: 'CLOSED', closedOn: '2016-07-22', assignments: [{ unitId: finance, status: 'VERIFIED' }, { unitId: education, status: 'VERIFIED' }] };
    expect(await finding()).toMatchObject(closed);
    expect(await finding({ asOf: '2016-07-31' })).toMatchObject(closed);
    expect(await finding({ asOf: '2016-07-21' })).toMatchObject({ status: 'OPEN', assignments: [{ unitId: finance, status: 'VERIFIED' }, { unitId: education, status: 'REPORTED' }] });
    expect(await dashboard()).toEqual({ findings: { open: 0, closed: 1 }, openParts: [] });
    expect((await dashboard({ asOf: '2016-07-31' })).openParts).toEqual([]);
    expect(await scoreOf(finance, { asOf: '2016-12-31' })).toMatchObject({ returned: 0, overdue: 0, onTime: 1, due: 1 });
    // Retracted once, a second form finds nothing.
    expect(errorCode(await call('retractRecord', { ...input, idempotencyKey: 'retract-again' }))).toBe('NOT_FOUND');
  });

  it('as known before the retraction, reads as it was (open, 财政局 returned)', async () => {
    expect(await finding({ knownAt: beforeRetraction })).toMatchObject({ status: 'OPEN', assignments: [{ unitId: finance, status: 'RETURNED' }, { unitId: education, status: 'VERIFIED' }] });
    expect((await dashboard({ asOf: '2016-08-01', knownAt: beforeRetraction })).openParts).toEqual([{ findingId, unitId: finance, trafficLight: 'RED' }]);
    expect(await scoreOf(finance, { asOf: '2016-12-31', knownAt: beforeRetraction })).toMatchObject({ overdue: 1 });
  });

  it('the history keeps the reopening, marked 已撤销 with the reason, who and when; the 2016-07-22 销号 stands', async () => {
    const lines = async (cut: string) => {
      const answer = await app.graphql(
        `query($id: ID!) { finding(id: $id${cut}) { history { eventType occurredOn closeOutUndone retracted { reason retractedOn retractedBy } } historyPage(first: 50) { nodes { eventType closeOutUndone retracted { reason } } } } }`,
        { id: findingId },
      );
      expect(answer.errors).toBeUndefined();
      return answer.data!.finding as { history: { eventType: string; occurredOn: string; closeOutUndone: string | null; retracted: { reason: string; retractedOn: string } | null }[]; historyPage: { nodes: { eventType: string; closeOutUndone: string | null; retracted: { reason: string } | null }[] } };
    };
    for (const cut of ['', ', asOf: "2026-12-07"']) {
      const { history, historyPage } = await lines(cut);
      const reopenings = history.filter((line) => line.eventType.endsWith('Reopened'));
      expect(reopenings.map((line) => [line.eventType, line.occurredOn, line.retracted?.reason, line.retracted?.retractedOn])).toEqual([
        ['FindingReopened', '2016-07-21', REASON, '2026-12-07'],
        ['PartsReopened', '2016-07-21', REASON, '2026-12-07'],
      ]);
      expect(history.find((line) => line.eventType === 'RecordRetracted')).toMatchObject({ occurredOn: '2026-12-07', retracted: null });
      const standing = history.filter((line) => line.eventType === 'FindingClosedOut' && line.closeOutUndone === null);
      expect(standing.map((line) => line.occurredOn)).toEqual(['2016-07-22']);
      expect(historyPage.nodes.filter((line) => line.retracted !== null).map((line) => line.eventType)).toEqual(['FindingReopened', 'PartsReopened']);
    }
    // Who retracted it, by name, on a day before the retraction too, where no retraction line is listed (newcomer52-8 M11).
    const supervisorName = (await app.graphql(`{ me { name } }`)).data!.me.name as string;
    const pastDay = await app.graphql(`query($id: ID!) { finding(id: $id, asOf: "2016-07-31") { history { eventType retracted { retractedByName } } } }`, { id: findingId });
    expect(pastDay.errors).toBeUndefined();
    const pastLines = pastDay.data!.finding.history as { eventType: string; retracted: { retractedByName: string } | null }[];
    expect(pastLines.some((line) => line.eventType === 'RecordRetracted')).toBe(false);
    expect(pastLines.filter((line) => line.retracted !== null).map((line) => line.retracted!.retractedByName)).toEqual([supervisorName, supervisorName]);
    // As known before the retraction, nothing is marked.
    const before = await lines(`, knownAt: "${beforeRetraction}"`);
    expect(before.history.some((line) => line.retracted !== null)).toBe(false);
  });
});

/*
 * breaker52-8 S1: 待督查 (awaitingInspection) kept the list as it stood before a retraction on a finding until the finding's
 * next event — a retracted closing inspection left the part (reported again, awaiting its check) off the inspectors' list, and a
 * retracted report then left it on, with nothing to inspect. Every list of parts awaiting the office follows a retraction at once.
 */
describe('撤销误录 and 待督查: the inspectors’ list follows a retraction on a finding at once (breaker52-8 S1)', () => {
  let app: TestApp;
  const { mutate } = namedMutations(() => app, key, 'id');
  let findingId: string;
  let unitId: string;
  const awaiting = async () => {
    const answer = await app.graphql(`{ awaitingInspection(first: 50) { totalCount nodes { parentId part { unitId status } } } }`, {}, await app.as('INSPECTOR'));
    expect(answer.errors).toBeUndefined();
    return (answer.data!.awaitingInspection.nodes as { parentId: string; part: { unitId: string; status: string } }[]).filter((node) => node.parentId === findingId);
  };

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-12-07T09:00:00+08:00' });
    unitId = (await app.graphql(`mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, { input: { idempotencyKey: 'unit-FPB', code: 'FPB', name: '青川市扶贫开发办公室', kind: 'DEPARTMENT', registeredOn: '2026-01-04' } }, await app.as('ADMIN'))).data!.registerUnit.id as string;
    const evaluationId = (await mutate('registerEvaluation', { title: '2026年度政务公开第三方评估', evaluator: '某研究院', commissionedBy: '市政务公开办', periodStart: '2025-01-01', periodEnd: '2025-12-31', receivedOn: '2026-09-15' })).id;
    findingId = (await mutate('recordFinding', {
      evaluationId, title: '扶贫资金公示不及时', description: '公示滞后', category: '主动公开', severity: 'MEDIUM', identifiedOn: '2026-09-20', concernedUnitIds: [unitId],
      assignment: { assignedOn: '2026-09-21', units: [{ unitId, role: 'LEAD', dueDate: '2026-10-31' }] },
    })).id;
    await mutate('reportRectification', { findingId, unitId, reportedOn: '2026-10-21', summary: '已公示', evidence: [{ title: '公示截图', documentRef: '青扶〔2026〕3号' }] });
    await mutate('logInspection', { findingId, unitId, inspectedOn: '2026-10-28', outcome: 'PASSED', place: '市扶贫办', notes: '已公示' }, await app.as('INSPECTOR'));
  });

  afterAll(async () => {
    await app.close();
  });

  it('lists the part again once its closing inspection is retracted, and drops it once its report is', async () => {
    expect(await awaiting()).toEqual([]);
    await mutate('retractRecord', { findingId, unitId, record: 'INSPECTION', on: '2026-10-28', reason: '督查记录录错了问题' });
    expect(await awaiting()).toEqual([{ parentId: findingId, part: { unitId, status: 'REPORTED' } }]);
    await mutate('retractRecord', { findingId, unitId, record: 'REPORT', on: '2026-10-21', reason: '报告录错了问题' });
    expect(await awaiting()).toEqual([]);
    expect((await app.graphql(`{ awaitingInspection(first: 50) { totalCount } }`, {}, await app.as('INSPECTOR'))).data!.awaitingInspection.totalCount).toBe(0);
  });
});
