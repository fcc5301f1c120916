import { userEventSchemas } from '../access/domain/user.events.js';
import { assignmentEventSchemas } from '../assignments/domain/assignment.events.js';
import { circularEventSchemas } from '../rectification/domain/circular.events.js';
import { rectificationPlanEventSchemas } from '../rectification/domain/rectification-plan.events.js';
import { rectificationTeamEventSchemas } from '../rectification/domain/rectification-team.events.js';
import { evaluationEventSchemas } from '../rectification/domain/evaluation.events.js';
import { findingEventSchemas } from '../rectification/domain/finding.events.js';
import { unitEventSchemas } from '../organization/domain/unit.events.js';
import { EventSchemaRegistry } from '../shared/event-schemas.js';
import { workPlanEventSchemas } from '../work-plan/domain/work-plan.events.js';

/** Every event type Rectify has ever written, with its current version and upcasters. */
export function allEventSchemas(): EventSchemaRegistry {
  return new EventSchemaRegistry()
    .register(unitEventSchemas)
    .register(evaluationEventSchemas)
    .register(findingEventSchemas)
    .register(assignmentEventSchemas)
    .register(rectificationTeamEventSchemas)
    .register(rectificationPlanEventSchemas)
    .register(circularEventSchemas)
    .register(userEventSchemas)
    .register(workPlanEventSchemas);
}
