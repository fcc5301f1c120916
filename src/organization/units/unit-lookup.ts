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
  /** Names before a rename (机构改革): files written before it still use them. */
  readonly formerNames?: readonly string[];
  /** A merged unit's names lead to its successor, which now does its work. */
  readonly mergedIntoUnitId?: string | null;
}

/**
 * A lookup over a list of units: exact name (current or former), or code in any letter case. A
 * name of a merged unit resolves to its successor; its code stays its own, so the directory's own
 * files still find it.
 */
export function unitLookupFrom(units: Iterable<DirectoryUnit>): UnitLookup {
  const list = [...units];
  const mergedInto = new Map(list.filter((unit) => unit.mergedIntoUnitId).map((unit) => [unit.id, unit.mergedIntoUnitId!]));
  const successorOf = (id: string): string => {
    let current = id;
    for (let hops = 0; mergedInto.has(current) && hops < list.length; hops += 1) current = mergedInto.get(current)!;
    return current;
  };
  const byName = new Map<string, string>();
  const byCode = new Map<string, string>();
  for (const unit of list) {
    for (const name of [...(unit.formerNames ?? []), unit.name]) byName.set(name, successorOf(unit.id));
    byCode.set(unit.code.toUpperCase(), unit.id);
  }
  return (nameOrCode) => byName.get(nameOrCode) ?? byCode.get(nameOrCode.toUpperCase());
}

/** A unit as the file named it and the id it resolved to. */
export interface ResolvedUnit {
  readonly name: string;
  readonly unitId: string;
}
