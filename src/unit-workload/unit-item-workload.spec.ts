import type { PartView } from '../assignments/read-model/part-view.js';
import { partView as part } from '../assignments/testing/part-view.js';
import type { WorkPlanItemView, WorkPlanView } from '../work-plan/breakdown/work-plan-ledger.js';
import { buildUnitItemWorkload } from './unit-item-workload.js';

const plan = (planId: string, year: number, title: string) => ({ planId, year, title }) as WorkPlanView;
const PLANS = new Map([
  ['p2025', plan('p2025', 2025, '2025年政务公开工作要点')],
  ['p2026', plan('p2026', 2026, '2026年政务公开工作要点')],
]);

const item = (itemId: string, planId: string, code: string, parts: PartView[], status: WorkPlanItemView['status'] = 'OPEN'): WorkPlanItemView =>
  ({ itemId, planId, code, title: `事项${code}`, categoryCode: '一', description: '', dueDate: '2026-05-15', measures: '', status, withdrawnOn: status === 'WITHDRAWN' ? '2026-05-01' : null, completedOn: null, parts: new Map(parts.map((p) => [p.unitId, p])), history: [], timeline: [] }) as WorkPlanItemView;

const workloadAt = (today: string, items: WorkPlanItemView[]) =>
  buildUnitItemWorkload({ items, plan: (planId) => PLANS.get(planId), unitId: 'fgw', today, dueSoonDays: 7 });

describe("a unit's work-plan items across every plan", () => {
  it('lists its open parts of every plan, most urgent first across plans (red, then by due day); not verified parts, withdrawn items or other units’', () => {
    const { parts } = workloadAt('2026-05-10', [
      item('a', 'p2025', '1-1', [part('fgw', { dueDate: '2026-06-30' })]),
      item('b', 'p2026', '2-1', [part('fgw', { dueDate: '2026-09-30' })]),
      item('c', 'p2026', '1-2', [part('fgw', { dueDate: '2026-05-01' })]),
      item('d', 'p2026', '1-3', [part('fgw', { status: 'VERIFIED', verifiedOn: '2026-05-02' })]),
      item('e', 'p2026', '1-4', [part('fgw')], 'WITHDRAWN'),
      item('f', 'p2026', '1-5', [part('czj')]),
    ]);
    expect(parts.map((p) => [p.planTitle, p.itemCode, p.trafficLight, p.daysLeft])).toEqual([
      ['2026年政务公开工作要点', '1-2', 'RED', -9],
      ['2025年政务公开工作要点', '1-1', 'GREEN', 51],
      ['2026年政务公开工作要点', '2-1', 'GREEN', 143],
    ]);
  });

  it('puts an overdue part of last year’s plan before this year’s green ones, and parts alike in light and day newest plan first, then by item number', () => {
    const { parts } = workloadAt('2026-05-10', [
      item('a', 'p2026', '1-10', [part('fgw', { dueDate: '2026-06-30' })]),
      item('b', 'p2025', '3-1', [part('fgw', { dueDate: '2025-12-31' })]),
      item('c', 'p2025', '1-1', [part('fgw', { dueDate: '2026-06-30' })]),
      item('d', 'p2026', '1-9', [part('fgw', { dueDate: '2026-06-30' })]),
      item('e', 'p2026', '2-1', [part('fgw', { dueDate: '2026-05-12' })]),
    ]);
    expect(parts.map((p) => [p.planYear, p.itemCode, p.trafficLight])).toEqual([
      [2025, '3-1', 'RED'],
      [2026, '2-1', 'YELLOW'],
      [2026, '1-9', 'GREEN'],
      [2026, '1-10', 'GREEN'],
      [2025, '1-1', 'GREEN'],
    ]);
  });

  it.each([
    ['2026-05-08', 'DUE_IN_7_DAYS'],
    ['2026-05-12', 'DUE_IN_3_DAYS'],
    ['2026-05-15', 'DUE_IN_1_DAY'],
    ['2026-05-16', 'OVERDUE'],
  ])('on %s reminds an item due 2026-05-15 as %s, dated that day, as on findings', (today, kind) => {
    const { reminders } = workloadAt(today, [item('a', 'p2026', '1-1', [part('fgw', { dueDate: '2026-05-15' })])]);
    expect(reminders).toMatchObject([{ kind, parentKind: 'WORK_PLAN_ITEM', parentId: 'a', parentTitle: '1-1 事项1-1', planTitle: '2026年政务公开工作要点', on: today, at: null }]);
  });

  it('reminds urging, a sending back and extension decisions on items by the office day they happened, newest first', () => {
    const { reminders } = workloadAt('2026-04-20', [
      item('a', 'p2026', '1-1', [
        part('fgw', {
          status: 'RETURNED',
          urges: [{ message: '请尽快报送', urgedOn: '2026-04-10', urgedAt: '2026-04-18T01:00:00.000Z', urgedBy: 's' }],
          returns: [{ cause: 'SENT_BACK', reason: '材料不全', returnedOn: '2026-04-12', returnedAt: '2026-04-19T01:00:00.000Z', newDueDate: null }],
          extensionRequests: [{ requestId: 'r', requestedDueDate: '2026-06-01', reason: 'x', requestedOn: '2026-04-05', requestedAt: '2026-04-05T01:00:00.000Z', status: 'GRANTED', decidedOn: '2026-04-06', decidedAt: '2026-04-06T01:00:00.000Z', decisionReason: null, grantedDueDate: '2026-06-01', withdrawnOn: null, withdrawnAt: null, withdrawalReason: null }],
        }),
      ]),
    ]);
    expect(reminders.map((r) => [r.kind, r.on, r.at])).toEqual([
      ['REPORT_SENT_BACK', '2026-04-12', '2026-04-19T01:00:00.000Z'],
      ['URGED', '2026-04-10', '2026-04-18T01:00:00.000Z'],
      ['EXTENSION_GRANTED', '2026-04-06', '2026-04-06T01:00:00.000Z'],
    ]);
  });

  it('orders the inbox most urgent first, as the task list: most overdue, then nearest due, whatever the kind (breaker11c N2)', () => {
    const { reminders } = workloadAt('2026-05-10', [
      item('a', 'p2026', '1-1', [part('fgw', { dueDate: '2026-05-16' })]),
      item('b', 'p2026', '1-6', [part('fgw', { dueDate: '2026-04-16' })]),
      item('c', 'p2026', '1-7', [part('fgw', { dueDate: '2026-04-28' })]),
      item('d', 'p2026', '2-3', [
        part('fgw', { dueDate: '2026-05-12', urges: [{ message: '请尽快报送', urgedOn: '2026-05-09', urgedAt: '2026-05-09T01:00:00.000Z', urgedBy: 's' }] }),
      ]),
      item('e', 'p2025', '3-2', [part('fgw', { dueDate: '2026-04-21' })]),
    ]);
    expect(reminders.map((r) => [r.parentTitle, r.kind, r.dueDate])).toEqual([
      ['1-6 事项1-6', 'OVERDUE', '2026-04-16'],
      ['3-2 事项3-2', 'OVERDUE', '2026-04-21'],
      ['1-7 事项1-7', 'OVERDUE', '2026-04-28'],
      ['2-3 事项2-3', 'DUE_IN_3_DAYS', '2026-05-12'],
      ['2-3 事项2-3', 'URGED', '2026-05-12'],
      ['1-1 事项1-1', 'DUE_IN_7_DAYS', '2026-05-16'],
    ]);
  });

  it('leaves out an item whose plan is not known at the cut', () => {
    expect(workloadAt('2026-05-10', [item('a', 'p-unknown', '1-1', [part('fgw')])])).toEqual({ parts: [], reminders: [], answeredReturns: [] });
  });
});

describe('a standing task on 我的任务 (newcomer32 S3): shown, ordered and reminded by its next report, in the export’s words', () => {
  const YEARLY = { kind: 'STANDING', reportEvery: 'YEAR' } as const;
  const items = () => [
    item('dated', 'p2026', '1-1', [part('fgw', { dueDate: '2027-06-30' })]),
    item('standing', 'p2026', '1-2', [part('fgw', { dueDate: '2028-12-31', terms: YEARLY })]),
    item('atOnce', 'p2026', '1-3', [part('fgw', { dueDate: '2027-02-01', terms: { kind: 'AT_ONCE' } })]),
  ];

  it('given an annual-report task kept up until 2028-12-31, when viewed on 2026-12-03, then it reads 常态化（每年报送）, next report 2026-12-31 in 28 days, listed before a task due 2027', () => {
    const { parts } = workloadAt('2026-12-03', items());
    expect(parts.map((p) => [p.itemCode, p.dueText, p.nextReportDue, p.nextReportDaysLeft])).toEqual([
      ['1-2', '常态化（每年报送）', '2026-12-31', 28],
      ['1-3', '立行立改（2027-02-01）', null, null],
      ['1-1', '2027-06-30', null, null],
    ]);
  });

  it.each([
    ['2026-12-03', []],
    ['2026-12-24', [['DUE_IN_7_DAYS', '还有 7 天应报送（常态化（每年报送），下次报送 2026-12-31）。', '2026-12-31']]],
    ['2026-12-30', [['DUE_IN_1_DAY', '明天应报送（常态化（每年报送），下次报送 2026-12-31）。', '2026-12-31']]],
    ['2026-12-31', [['DUE_IN_1_DAY', '今天应报送（常态化（每年报送），下次报送 2026-12-31）。', '2026-12-31']]],
  ])('given the annual-report task, when viewed on %s, then the inbox holds %j (never overdue: the report day, not the plan’s end)', (today, expected) => {
    const { reminders } = workloadAt(today, [items()[1]!]);
    expect(reminders.map((r) => [r.kind, r.message, r.dueDate])).toEqual(expected);
  });

  it('given the annual report sent on 2026-12-20, when viewed on 2026-12-24, then the next report is 2027-12-31 and nothing is reminded', () => {
    const reported = item('standing', 'p2026', '1-2', [
      part('fgw', { dueDate: '2028-12-31', terms: YEARLY, status: 'REPORTED', reports: [{ reportedOn: '2026-12-20' } as PartView['reports'][number]] }),
    ]);
    const { parts, reminders } = workloadAt('2026-12-24', [reported]);
    expect(parts.map((p) => [p.nextReportDue, p.nextReportDaysLeft])).toEqual([['2027-12-31', 372]]);
    expect(reminders).toEqual([]);
  });
});
