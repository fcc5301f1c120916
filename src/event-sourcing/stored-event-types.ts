import type { UserEvent } from '../access/domain/user.events.js';
import type { AssignmentEvent } from '../assignments/domain/assignment.events.js';
import type { UnitEvent } from '../organization/domain/unit.events.js';
import type { CircularEvent } from '../rectification/domain/circular.events.js';
import type { EvaluationEvent } from '../rectification/domain/evaluation.events.js';
import type { FindingEvent } from '../rectification/domain/finding.events.js';
import type { RectificationPlanEvent } from '../rectification/domain/rectification-plan.events.js';
import type { RectificationTeamEvent } from '../rectification/domain/rectification-team.events.js';
import type { WorkPlanEvent, WorkPlanItemEvent } from '../work-plan/domain/work-plan.events.js';

/**
 * Every event Rectify writes, at its current version: the source from which the payload shapes
 * (event-payload-shapes.generated.ts, `npm run event-shapes`) are generated.
 */
export type RectifyEvent =
  | UnitEvent
  | EvaluationEvent
  | FindingEvent
  | AssignmentEvent
  | RectificationTeamEvent
  | RectificationPlanEvent
  | CircularEvent
  | UserEvent
  | WorkPlanEvent
  | WorkPlanItemEvent;
