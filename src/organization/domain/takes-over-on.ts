/*
 * Who may take over a unit's work on a day (机构改革) — the rule the merge's decider applies (unit.decider.ts mergeUnit) and
 * the 并入其他单位 picker offers by (web/src/assignment-choices.ts MERGE_SUCCESSOR): one rule, so that the picker never hides
 * a unit the server takes (web4 fault 4: a successor merged away the same day was hidden). Pure and import-free: the web
 * app bundles it as it is.
 */

/** A unit as the rule reads it: its registration day and its own merge, if any (office days, YYYY-MM-DD). */
export interface UnitOnRecord {
  /** The office day it was registered; absent: unknown (not checked). */
  readonly registeredOn?: string | null;
  /** The unit it was merged into; absent or null: not merged. */
  readonly mergedInto?: string | null;
  /** The office day of that merge; absent or null with `mergedInto` set: unknown, taken as before every day. */
  readonly mergedOn?: string | null;
}

/**
 * Whether `unit` was merged away before office day `on` — it no longer existed that day. One merged on `on` or later still
 * existed: its own merge passes the work it takes over on, on its own day (breaker8h P3). A merge of unknown day counts as
 * before every day.
 */
export function mergedAwayBefore(unit: UnitOnRecord, on: string): boolean {
  return !!unit.mergedInto && (!unit.mergedOn || on > unit.mergedOn);
}

/**
 * Whether `unit` may take over another unit's work by a merge dated `on`: registered by then and not merged away before it
 * (`mergedAwayBefore`) — a successor merged away the same day is taken. The merge's decider refuses the others (CONFLICT
 * beside 承接单位 for one merged away, BAD_USER_INPUT for one registered later).
 */
export function takesOverOn(unit: UnitOnRecord, on: string): boolean {
  return !(unit.registeredOn && unit.registeredOn > on) && !mergedAwayBefore(unit, on);
}
