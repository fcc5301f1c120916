/*
 * How files name units: resolved against the units directory.
 */

/**
 * A unit's id from what a spreadsheet names it by: the exact official name (青川市财政局) or the
 * unit code (CZJ). Supplied by the caller, usually from the units directory.
 */
export type UnitLookup = (nameOrCode: string) => string | undefined;

export interface DirectoryUnit {
  readonly id: string;
  readonly code: string;
  readonly name: string;
}

/** A lookup over a list of units: exact name, or code in any letter case. */
export function unitLookupFrom(units: Iterable<DirectoryUnit>): UnitLookup {
  const byName = new Map<string, string>();
  const byCode = new Map<string, string>();
  for (const unit of units) {
    byName.set(unit.name, unit.id);
    byCode.set(unit.code.toUpperCase(), unit.id);
  }
  return (nameOrCode) => byName.get(nameOrCode) ?? byCode.get(nameOrCode.toUpperCase());
}

/** A unit as the file named it and the id it resolved to. */
export interface ResolvedUnit {
  readonly name: string;
  readonly unitId: string;
}
