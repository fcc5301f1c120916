import type { DomainEvent } from '../../shared/decider.js';
import type { EventSchemas } from '../../shared/event-schemas.js';

/**
 * 整改实施方案: approved by a senior official, it sets the two phases' deadlines — self-rectification
 * by each unit (各单位自行整改), then on-site inspection (现场督查). Dates are calendar days, `YYYY-MM-DD`.
 */
export type RectificationPlanApproved = DomainEvent<
  'RectificationPlanApproved',
  {
    readonly planId: string;
    readonly evaluationId: string;
    readonly title: string;
    /** Who approved it, e.g. the executive vice-mayor (常务副市长) by name. */
    readonly approvedBy: string;
    readonly approvedOn: string;
    readonly selfRectificationDue: string;
    readonly inspectionDue: string;
  }
>;

export type RectificationPlanEvent = RectificationPlanApproved;

export const rectificationPlanEventSchemas: EventSchemas<RectificationPlanEvent> = {
  RectificationPlanApproved: { version: 1 },
};

/**
 * Named after the evaluation, not the plan: an evaluation has one approved plan, so a second
 * approval lands on the same stream and is refused there. Its own stream rather than the
 * evaluation's for the same reasons as the rectification team's (see rectification-team.events.ts).
 */
export const rectificationPlanStream = (evaluationId: string) => `rectification-plan-${evaluationId}`;
