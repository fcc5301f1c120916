import { requireCalendarDate, requireNotBefore, requireOfficeEra, requireRole, requireText } from '../../shared/guards.js';
import { isAfter } from '../../shared/calendar-date.js';
import type { Actor } from '../../shared/command-context.js';
import { Decider, unreachable } from '../../shared/decider.js';
import { badInput, conflict, named, notFound, say } from '../../shared/domain-error.js';
import type { DueDateLimit } from '../../assignments/domain/assignment.commands.js';
import type { RectificationPlanApproved, RectificationPlanEvent } from './rectification-plan.events.js';

/**
 * The approved plan bounds its findings' due dates: every part must be inspectable by the plan's
 * inspection deadline (督查时限), so a later due date needs a supervisor's override.
 */
export const dueDateLimitOf = (plan: Pick<RectificationPlanApproved['data'], 'title' | 'inspectionDue'>): DueDateLimit => ({
  latest: plan.inspectionDue,
  setBy: say(`the inspection deadline of rectification plan 「${plan.title}」`, `整改实施方案「${plan.title}」的督查时限`),
});

/**
 * The latest due date a finding's part may have: the approved plan's inspection deadline; before a
 * plan is recorded (offices often enter the 台账 first), the end of the year after the finding was
 * identified, so that a year typed 2062 or 2206 for 2026 is refused rather than never turning red
 * (breaker10c P16). A supervisor may still go past it with an override and its reason.
 */
export const findingDueDateLimit = (plan: Pick<RectificationPlanApproved['data'], 'title' | 'inspectionDue'> | null | undefined, identifiedOn: string): DueDateLimit =>
  plan
    ? dueDateLimitOf(plan)
    : {
        latest: `${Number(identifiedOn.slice(0, 4)) + 1}-12-31`,
        setBy: say(
          'the end of the year after the finding was identified (the limit until a rectification plan is approved)',
          '问题发现次年年底（登记整改实施方案前的上限，登记后以其督查时限为准）',
        ),
      };

/** Records the plan as approved; runs on the stream `rectificationPlanStream(evaluationId)`. */
export interface ApproveRectificationPlan extends Readonly<RectificationPlanApproved['data']> {
  readonly type: 'ApproveRectificationPlan';
  readonly actor: Actor;
  /** The office's calendar day, `officeDate(now)`: an approval cannot be dated in the future. */
  readonly today: string;
  /** Looked up by the handler in the evaluation stream. */
  readonly evaluationExists: boolean;
  /** The office day the evaluation was received (looked up by the handler): the plan is not approved before it. */
  readonly evaluationReceivedOn?: string;
}

export type RectificationPlanCommand = ApproveRectificationPlan;

export type RectificationPlanState =
  | { readonly status: 'unapproved' }
  | ({ readonly status: 'approved' } & RectificationPlanApproved['data']);

export const rectificationPlanDecider: Decider<RectificationPlanCommand, RectificationPlanState, RectificationPlanEvent> = {
  initialState: () => ({ status: 'unapproved' }),

  evolve(_state, event) {
    switch (event.type) {
      case 'RectificationPlanApproved':
        return { status: 'approved', ...event.data };
      default:
        return unreachable(event.type);
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'ApproveRectificationPlan':
        return approveRectificationPlan(command, state);
      default:
        return unreachable(command.type);
    }
  },
};

function approveRectificationPlan(
  command: ApproveRectificationPlan,
  state: RectificationPlanState,
): RectificationPlanEvent[] {
  const { planId, evaluationId, title, approvedBy, approvedOn, selfRectificationDue, inspectionDue } = command;
  requireRole(command.actor, ['SUPERVISOR'], say('record the approval of a rectification plan', '登记整改实施方案的批准'));
  if (!command.evaluationExists) throw notFound('Evaluation', evaluationId, 'evaluationId');
  if (state.status === 'approved') {
    throw conflict(
      `Evaluation ${evaluationId} already has its rectification plan ${state.planId}, approved on ${state.approvedOn}.`,
      `该评估已有整改实施方案《${state.title}》，批准于 ${state.approvedOn}。`,
    );
  }
  requireText(title, named('title', 'The title of the plan', '方案标题'));
  requireText(approvedBy, named('approvedBy', 'Who approved the plan', '批准人'));
  requireCalendarDate(approvedOn, named('approvedOn', 'The approval date', '批准日期'));
  requireCalendarDate(selfRectificationDue, named('selfRectificationDue', 'The self-rectification deadline', '自行整改截止日期'));
  requireCalendarDate(inspectionDue, named('inspectionDue', 'The inspection deadline', '现场督查截止日期'));
  if (isAfter(approvedOn, command.today)) throw badInput(`The approval date ${approvedOn} is in the future.`, `批准日期 ${approvedOn} 在将来。`, { field: 'approvedOn' });
  requireOfficeEra(approvedOn, say('The approval date', '批准日期'), 'approvedOn');
  requireNotBefore(
    { day: approvedOn, what: named('approvedOn', 'the approval date', '批准日期') },
    command.evaluationReceivedOn === undefined ? null : { day: command.evaluationReceivedOn, what: say('the day the evaluation was received', '收到评估报告日期') },
  );
  // A phase cannot end before the plan that sets it exists.
  if (isAfter(approvedOn, selfRectificationDue)) {
    throw badInput(
      `The self-rectification deadline ${selfRectificationDue} is before the approval date ${approvedOn}.`,
      `自行整改截止日期 ${selfRectificationDue} 早于批准日期 ${approvedOn}。`,
      { field: 'selfRectificationDue' },
    );
  }
  // Inspection checks what the units fixed, so it cannot have to finish before they do.
  if (isAfter(selfRectificationDue, inspectionDue)) {
    throw badInput(
      `The inspection deadline ${inspectionDue} is before the self-rectification deadline ${selfRectificationDue}.`,
      `现场督查截止日期 ${inspectionDue} 早于自行整改截止日期 ${selfRectificationDue}。`,
      { field: 'inspectionDue' },
    );
  }
  return [
    {
      type: 'RectificationPlanApproved',
      data: { planId, evaluationId, title, approvedBy, approvedOn, selfRectificationDue, inspectionDue },
    },
  ];
}
