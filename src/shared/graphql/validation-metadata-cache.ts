import { getMetadataStorage } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type Lookup = Storage['getTargetValidationMetadatas'];
type Metadatas = ReturnType<Lookup>;

/** Marks a storage whose lookup is already memoised (the storage is one per realm, `global.classValidatorMetadataStorage`). */
const MEMOISED = Symbol.for('rectify.validationMetadataMemoised');

/**
 * Memoises class-validator's `getTargetValidationMetadatas` per input class (and schema, `always`,
 * `strictGroups`, groups): as shipped it walks every class registered with a validation decorator,
 * with `instanceof`, on every `validate()` of every argument — with Rectify's few hundred input
 * classes, the largest single cost of a mutation after GraphQL itself (about 0.4 ms of a 2.5 ms
 * `recordFinding`, bench/results/profiles.md; upstream: typestack/class-validator#2686, open).
 *
 * Safe because a class's own and inherited metadata are registered by its decorators when the class
 * is defined, before anything can validate an instance of it; classes defined later register only
 * their own. Returns the same array on every hit: class-validator only reads it (ValidationExecutor
 * groups it into a new object). Idempotent: calling it again changes nothing.
 */
export function memoiseValidationMetadata(storage: Storage = getMetadataStorage()): void {
  const marked = storage as Storage & { [MEMOISED]?: true };
  if (marked[MEMOISED]) return;
  const lookup: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  const byTarget = new WeakMap<object, Map<string, Metadatas>>();
  storage.getTargetValidationMetadatas = (targetConstructor, targetSchema, always, strictGroups, groups) => {
    // Named schemas (registerSchema) can be added at any time: those are looked up afresh.
    if (typeof targetConstructor !== 'function') return lookup(targetConstructor, targetSchema, always, strictGroups, groups);
    let kept = byTarget.get(targetConstructor);
    if (!kept) byTarget.set(targetConstructor, (kept = new Map()));
    const key = `${always}|${strictGroups}|${groups ? JSON.stringify(groups) : ''}|${targetSchema ?? ''}`;
    let metadatas = kept.get(key);
    if (!metadatas) kept.set(key, (metadatas = lookup(targetConstructor, targetSchema, always, strictGroups, groups)));
    return metadatas;
  };
  marked[MEMOISED] = true;
}
