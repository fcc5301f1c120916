import type { UnitsReadModel } from '../../organization/units/units.read-model.js';

/**
 * A unit merged into another (机构改革, `mergeUnit`) by a given office day: it takes no new work, its
 * parts passed to the successor, so an account kept in it is reminded of nothing (newcomer22 S8).
 */
export interface MergedUnit {
  /** The merged unit's name today. */
  readonly unitName: string;
  /** The unit that carries its work now: the last successor when it was merged on again. */
  readonly successorUnitId: string;
  readonly successorName: string;
  /** China office day (`YYYY-MM-DD`) of the merge. */
  readonly mergedOn: string;
}

/**
 * The merge of `unitId` on or before `onDay` (China office day, `YYYY-MM-DD`); null for no unit, a
 * unit that stands, or one whose merge is dated after `onDay` (a merge decided ahead: its accounts
 * still work there until that day).
 */
export function mergedUnitOf(units: UnitsReadModel, unitId: string | null, onDay: string): MergedUnit | null {
  if (!unitId) return null;
  const merger = units.mergerOf(unitId);
  if (!merger || merger.mergedOn > onDay) return null;
  const successorUnitId = units.successorOf(unitId);
  return {
    unitName: units.get(unitId)?.name ?? unitId,
    successorUnitId,
    successorName: units.get(successorUnitId)?.name ?? successorUnitId,
    mergedOn: merger.mergedOn,
  };
}
