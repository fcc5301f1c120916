import { byPinyin } from '../../shared/chinese-order.js';
import type { PartView } from '../../assignments/read-model/part-view.js';
import { partView } from '../../assignments/testing/part-view.js';
import type { FindingView } from '../ledger/rectification-ledger.js';
import { buildDashboard } from './dashboard.js';
import { buildUnitWorkload } from './unit-workload.js';

const part = partView;

const finding = (findingId: string, category: string, parts: PartView[], closed = false): FindingView => ({
  findingId,
  evaluationId: 'e-1',
  title: `问题${findingId}`,
  description: '',
  category,
  severity: 'HIGH',
  concernedUnitIds: [],
  identifiedOn: '2026-04-01',
  measures: '',
  recordedAt: '2026-04-01T01:00:00.000Z',
  recordedBy: 'zhang.wei',
  status: closed ? 'CLOSED' : 'OPEN',
  closedOn: closed ? '2026-05-10' : null,
  closedAt: closed ? '2026-05-10T02:00:00.000Z' : null,
  withdrawnOn: null,
  withdrawalReason: null,
  partsWhenWithdrawn: null,
  parts: new Map(parts.map((p) => [p.unitId, p])),
});

const names: Record<string, string> = { fgw: '市发改委', czj: '市财政局', zjj: '市住建局' };
const dashboardAt = (today: string, findings: FindingView[]) =>
  buildDashboard({
    findings,
    evaluations: [{ evaluationId: 'e-1', title: '2025年度评估' } as never],
    unitName: (id) => names[id] ?? id,
    today,
    dueSoonDays: 7,
  });

describe('the dashboard', () => {
  const findings = [
    finding('1', '主动公开', [
      part('fgw', { role: 'LEAD', status: 'VERIFIED', verifiedOn: '2026-05-11', verifiedAt: '2026-05-11T01:00:00.000Z' }),
      part('czj', { status: 'VERIFIED', verifiedOn: '2026-04-21', verifiedAt: '2026-04-21T01:00:00.000Z' }),
    ], true),
    finding('2', '依申请公开', [part('fgw', { role: 'LEAD', dueDate: '2026-05-09' }), part('zjj', { status: 'REPORTED' })]),
    finding('3', '主动公开', [part('zjj', { role: 'LEAD', status: 'RETURNED', dueDate: '2026-05-20' })]),
  ];
  const dashboard = dashboardAt('2026-05-14', findings);

  it('counts findings and parts by status, with the percentage closed', () => {
    expect(dashboard.findings).toEqual({ total: 3, unassigned: 0, open: 2, closed: 1 });
    expect(dashboard.percentClosed).toBe(33.3);
    expect(dashboard.parts).toEqual({ assigned: 5, reported: 1, verified: 2, returned: 1, overdue: 1 });
  });

  it('counts a finding no unit has a part of as 待交办, not 整改中: the three add up to the total, as the 问题清单 filters count them', () => {
    const withWaiting = dashboardAt('2026-05-14', [...findings, finding('4', '政策解读', [])]);
    expect(withWaiting.findings).toEqual({ total: 4, unassigned: 1, open: 2, closed: 1 });
    expect(withWaiting.percentClosed).toBe(25);
  });

  it('lights every open part: red when the unit is late, yellow when due within the window, green otherwise', () => {
    expect(dashboard.openParts.map((a) => [a.findingId, a.unitName, a.trafficLight, a.daysLeft])).toEqual([
      ['2', '市发改委', 'RED', -5],
      ['3', '市住建局', 'YELLOW', 6],
      ['2', '市住建局', 'GREEN', 1],
    ]);
    expect(dashboard.overdue.map((a) => a.unitName)).toEqual(['市发改委']);
  });

  it('groups progress per category and per evaluation', () => {
    expect(dashboard.perCategory).toEqual([
      { key: '主动公开', label: '主动公开', findings: 2, closed: 1, percentClosed: 50 },
      { key: '依申请公开', label: '依申请公开', findings: 1, closed: 0, percentClosed: 0 },
    ].sort((a, b) => byPinyin(a.label, b.label)));
    expect(dashboard.perEvaluation).toEqual([{ key: 'e-1', label: '2025年度评估', findings: 3, closed: 1, percentClosed: 33.3 }]);
  });

  it('measures the mean time from assignment to verification, per unit and overall', () => {
    const byUnit = Object.fromEntries(dashboard.perUnit.map((u) => [u.unitName, u]));
    expect(byUnit['市发改委']).toMatchObject({ assigned: 2, verified: 1, overdue: 1, meanDaysToRemediate: 40 });
    expect(byUnit['市财政局']!.meanDaysToRemediate).toBe(20);
    expect(byUnit['市住建局']!.meanDaysToRemediate).toBeNull();
    expect(dashboard.meanDaysToRemediate).toBe(30);
    expect(dashboard.perUnit[0]!.unitName).toBe('市发改委');
  });

  it('answers zero, not a division by zero, when there is nothing yet', () => {
    expect(dashboardAt('2026-05-14', [])).toMatchObject({ percentClosed: 0, meanDaysToRemediate: null, openParts: [] });
  });
});

describe("a unit's workload", () => {
  const workloadAt = (today: string, parts: PartView[]) =>
    buildUnitWorkload({ findings: parts.map((p, i) => finding(String(i + 1), '主动公开', [p])), unitId: 'fgw', unitName: '市发改委', today, dueSoonDays: 7 });
  const kinds = (today: string, dueDate: string) => workloadAt(today, [part('fgw', { dueDate })]).reminders.map((r) => r.kind);

  it.each([
    ['2026-05-01', []],
    ['2026-05-08', ['DUE_IN_7_DAYS']],
    ['2026-05-12', ['DUE_IN_3_DAYS']],
    ['2026-05-14', ['DUE_IN_1_DAY']],
    ['2026-05-15', ['DUE_IN_1_DAY']],
    ['2026-05-16', ['OVERDUE']],
  ])('on %s a part due 2026-05-15 reminds %j', (day, expected) => {
    expect(kinds(day, '2026-05-15')).toEqual(expected);
  });

  it.each([
    ['2026-05-08', '还有 7 天到期（2026-05-15）。'],
    ['2026-05-14', '明天到期（2026-05-15）。'],
    ['2026-05-15', '今天到期（2026-05-15）。'],
    ['2026-05-18', '已逾期 3 天（截止日期 2026-05-15）。'],
  ])('on %s says in Chinese: %s', (day, message) => {
    expect(workloadAt(day, [part('fgw', { dueDate: '2026-05-15' })]).reminders.map((r) => r.message)).toEqual([message]);
  });

  it('lists urging, a report sent back and extension decisions, newest first, and skips verified parts', () => {
    const workload = workloadAt('2026-04-20', [
      part('fgw', {
        status: 'RETURNED',
        urges: [{ message: '请尽快整改', urgedOn: '2026-04-10', urgedAt: '2026-04-10T01:00:00.000Z', urgedBy: 's' }],
        returns: [{ cause: 'SENT_BACK', reason: '证据不足', returnedOn: '2026-04-12', returnedAt: '2026-04-12T01:00:00.000Z', newDueDate: null }],
        extensionRequests: [{ requestId: 'r', requestedDueDate: '2026-06-01', reason: 'x', requestedOn: '2026-04-05', requestedAt: '2026-04-05T01:00:00.000Z', status: 'REFUSED', decidedOn: '2026-04-06', decidedAt: '2026-04-06T01:00:00.000Z', decisionReason: '时限不能延后', grantedDueDate: null, withdrawnOn: null, withdrawnAt: null, withdrawalReason: null }],
      }),
      part('fgw', { status: 'VERIFIED', verifiedOn: '2026-04-15', verifiedAt: '2026-04-15T01:00:00.000Z' }),
    ]);
    expect(workload.openParts).toHaveLength(1);
    expect(workload.reminders.map((r) => [r.kind, r.message])).toEqual([
      ['REPORT_SENT_BACK', '证据不足'],
      ['URGED', '请尽快整改'],
      ['EXTENSION_REFUSED', '时限不能延后'],
    ]);
  });

  it('does not nag a unit whose report awaits inspection', () => {
    expect(kinds('2026-05-20', '2026-05-15').length).toBe(1);
    expect(workloadAt('2026-05-20', [part('fgw', { status: 'REPORTED' })]).reminders).toEqual([]);
  });
});
