import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { say, type Bilingual } from '../shared/domain-error.js';
import { eventPayloadShapes } from './event-payload-shapes.generated.js';

/**
 * Checks an event's data — upcast to its type's current version — against the shape its
 * TypeScript type gives (the generated JSON Schema, see scripts/write-event-shapes.mjs): a row no
 * Rectify process wrote, or one edited in the file, is then named as unreadable instead of
 * reaching a read model (where `name: {x:1}` would break every `units` read). Validators are
 * compiled once per process, each on the first event of its type (Ajv: a well-kept JSON Schema
 * validator), without Ajv's code-optimising passes: a first start compiled all 62 types before its
 * first event, half of it in those passes (issue 12 row 6, bench/results/profiles.md); the checks
 * made are the same.
 */
let ajv: Ajv | null = null;
const validators = new Map<string, ValidateFunction>();

/** The validator of this type's current shape; undefined for a type without a generated shape. */
function validatorOf(type: string): ValidateFunction | undefined {
  const known = validators.get(type);
  if (known) return known;
  if (!Object.hasOwn(eventPayloadShapes.payloads, type)) return undefined;
  ajv ??= new Ajv({ allErrors: false, strict: false, code: { optimize: false } });
  const shape = eventPayloadShapes.payloads[type as keyof typeof eventPayloadShapes.payloads];
  const validate = ajv.compile({ definitions: eventPayloadShapes.definitions, ...shape });
  validators.set(type, validate);
  return validate;
}

/** Ajv's error in Chinese, naming the field (`data/name`) and what it lacks. */
function problemZh(error: ErrorObject): string {
  const field = `data${error.instancePath}`;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${field} 缺少必填字段 ${String(params.missingProperty)}`;
    case 'type':
      return `${field} 的类型不对（应为 ${String(params.type)}）`;
    case 'enum':
    case 'const':
      return `${field} 不是允许的取值之一`;
    default:
      return `${field} 不符合该事件类型的格式（${error.keyword}）`;
  }
}

/**
 * What is wrong with the data of an event of this type, in words naming the field (e.g.
 * "data/name must be string", "data must have required property 'name'"), in English and Chinese;
 * null when it has its type's shape. The type is known (the registry refuses an unknown one first,
 * `EventSchemaRegistry.upcast`); a type without a generated shape is a build that skipped
 * `npm run event-shapes`, and is named too.
 */
export function payloadProblem(type: string, data: unknown): Bilingual | null {
  const validate = validatorOf(type);
  if (!validate) return say(`there is no shape for ${type} (run npm run event-shapes)`, `没有 ${type} 的数据格式定义`);
  if (validate(data)) return null;
  const [first] = validate.errors ?? [];
  if (!first) return say("data does not have its type's shape", '数据不符合该事件类型的格式');
  return say(`data${first.instancePath} ${first.message ?? "does not have its type's shape"}`, problemZh(first));
}
