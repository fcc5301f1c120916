import { evaluationEventSchemas } from '../rectification/domain/evaluation.events.js';
import { findingEventSchemas } from '../rectification/domain/finding.events.js';
import { unitEventSchemas } from '../organization/domain/unit.events.js';
import { EventSchemaRegistry } from '../shared/event-schemas.js';

/** Every event type Rectify has ever written, with its current version and upcasters. */
export function allEventSchemas(): EventSchemaRegistry {
  return new EventSchemaRegistry()
    .register(unitEventSchemas)
    .register(evaluationEventSchemas)
    .register(findingEventSchemas);
}
