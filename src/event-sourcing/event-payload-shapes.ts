import { Ajv, type ValidateFunction } from 'ajv';
import { eventPayloadShapes } from './event-payload-shapes.generated.js';

/**
 * Checks an event's data — upcast to its type's current version — against the shape its
 * TypeScript type gives (the generated JSON Schema, see scripts/write-event-shapes.mjs): a row no
 * Rectify process wrote, or one edited in the file, is then named as unreadable instead of
 * reaching a read model (where `name: {x:1}` would break every `units` read). Validators are
 * compiled once per process, on first use (Ajv: a well-kept JSON Schema validator).
 */
let validators: ReadonlyMap<string, ValidateFunction> | null = null;

function compiled(): ReadonlyMap<string, ValidateFunction> {
  if (validators) return validators;
  const ajv = new Ajv({ allErrors: false, strict: false });
  validators = new Map(Object.entries(eventPayloadShapes.payloads).map(([type, shape]) => [type, ajv.compile({ definitions: eventPayloadShapes.definitions, ...shape })]));
  return validators;
}

/**
 * What is wrong with the data of an event of this type, in words naming the field (e.g.
 * "data/name must be string"); null when it has its type's shape, or when the type has no shape
 * (the registry refuses an unknown type first).
 */
export function payloadProblem(type: string, data: unknown): string | null {
  const validate = compiled().get(type);
  if (!validate || validate(data)) return null;
  const [first] = validate.errors ?? [];
  return first ? `data${first.instancePath} ${first.message ?? 'does not have its type\'s shape'}` : 'data does not have its type\'s shape';
}
