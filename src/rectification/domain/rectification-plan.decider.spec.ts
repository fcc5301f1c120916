import type { Actor } from '../../shared/command-context.js';
import { fold } from '../../shared/decider.js';
import { admin, clerkOf, inspector, supervisor } from '../../shared/testing/actors.js';
import { given as givenDecider } from '../../shared/testing/decider-testing.js';
import { rectificationPlanDecider, type ApproveRectificationPlan } from './rectification-plan.decider.js';
import type { RectificationPlanApproved, RectificationPlanEvent } from './rectification-plan.events.js';

// ---------------------------------------------------------------------------------------------
// given / when / then

const given = (events: readonly RectificationPlanEvent[]) => givenDecider(rectificationPlanDecider, events);

// ---------------------------------------------------------------------------------------------
// fixtures: the executive vice-mayor approved the plan on 10 April

const TODAY = '2026-04-15';

const approved: RectificationPlanApproved = {
  type: 'RectificationPlanApproved',
  data: {
    planId: 'plan-2025',
    evaluationId: 'evaluation-2025',
    title: '关于2025年度政务公开第三方评估发现问题的整改实施方案',
    approvedBy: '刘志强（常务副市长）',
    approvedOn: '2026-04-10',
    selfRectificationDue: '2026-05-31',
    inspectionDue: '2026-06-30',
  },
};

const approve = (overrides: Partial<ApproveRectificationPlan> = {}): ApproveRectificationPlan => ({
  type: 'ApproveRectificationPlan',
  actor: supervisor,
  ...approved.data,
  today: TODAY,
  evaluationExists: true,
  ...overrides,
});
const approvedWith = (data: Partial<RectificationPlanApproved['data']>): RectificationPlanApproved => ({
  ...approved,
  data: { ...approved.data, ...data },
});

// ---------------------------------------------------------------------------------------------

describe('no plan approved for the evaluation', () => {
  it('the supervisor records the approved plan and its two deadlines', () => {
    given([]).when(approve()).then([approved]);
  });

  it('a plan approved today is accepted', () => {
    given([])
      .when(approve({ approvedOn: TODAY }))
      .then([approvedWith({ approvedOn: TODAY })]);
  });

  it('both phases may end on the same day', () => {
    given([])
      .when(approve({ inspectionDue: '2026-05-31' }))
      .then([approvedWith({ inspectionDue: '2026-05-31' })]);
  });

  it('self-rectification may end on the day of approval', () => {
    given([])
      .when(approve({ selfRectificationDue: '2026-04-10' }))
      .then([approvedWith({ selfRectificationDue: '2026-04-10' })]);
  });

  it.each<Actor>([inspector, admin, clerkOf('unit-finance')])('$role may not record it', (actor) => {
    given([]).when(approve({ actor })).thenRefused('FORBIDDEN');
  });

  it('refuses an evaluation that does not exist', () => {
    given([]).when(approve({ evaluationExists: false })).thenRefused('NOT_FOUND');
  });

  it.each<[string, Partial<ApproveRectificationPlan>]>([
    ['a blank title', { title: ' ' }],
    ['no approver', { approvedBy: '' }],
    ['an approval date that does not exist', { approvedOn: '2026-02-29' }],
    ['a self-rectification deadline that does not exist', { selfRectificationDue: '2026-05-32' }],
    ['an inspection deadline not written YYYY-MM-DD', { inspectionDue: '30/06/2026' }],
    ['an approval dated in the future', { approvedOn: '2026-04-16' }],
    ['a self-rectification deadline before the approval', { selfRectificationDue: '2026-04-09' }],
    ['an inspection deadline before the self-rectification deadline', { inspectionDue: '2026-05-30' }],
    ['an approval before the evaluation was received', { evaluationReceivedOn: '2026-04-11' }],
  ])('refuses %s', (_what, overrides) => {
    given([]).when(approve(overrides)).thenRefused('BAD_USER_INPUT');
  });
});

describe('plan approved', () => {
  it('keeps its deadlines', () => {
    expect(fold(rectificationPlanDecider, [approved])).toEqual({ status: 'approved', ...approved.data });
  });

  it('a second plan for the same evaluation is refused', () => {
    given([approved])
      .when(approve({ planId: 'plan-2025-revised' }))
      .thenRefused('CONFLICT');
  });
});

describe('an approval day before 1949-10-01 (breaker8 minor)', () => {
  it('is a typing error of the year, refused beside its field', () => {
    given([]).when(approve({ approvedOn: '1901-03-10' })).thenRefused('BAD_USER_INPUT', /The approval date \(1901-03-10\) is before 1949-10-01/, /早于系统可接受的最早日期 1949-10-01/);
  });
});

describe('a refusal of the plan form names its input field (extensions.field), for a form to show it beside that field', () => {
  it.each<[string, Partial<ApproveRectificationPlan>, string]>([
    ['an evaluation that does not exist', { evaluationExists: false }, 'evaluationId'],
    ['a plan without a title', { title: ' ' }, 'title'],
    ['a plan without who approved it', { approvedBy: '' }, 'approvedBy'],
    ['an approval day that is no day', { approvedOn: '2026-02-30' }, 'approvedOn'],
    ['an approval day before the evaluation was received', { evaluationReceivedOn: '2026-04-11' }, 'approvedOn'],
    ['a self-rectification deadline that is no day', { selfRectificationDue: '2026-13-01' }, 'selfRectificationDue'],
    ['an inspection deadline that is no day', { inspectionDue: 'soon' }, 'inspectionDue'],
  ])('%s', (_case, overrides, field) => {
    given([]).when(approve(overrides)).thenRefusedAt(field);
  });
});
