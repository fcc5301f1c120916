/*
 * How files name units: resolved against the units directory.
 */

/**
 * A unit's id from what a spreadsheet names it by: the exact official name (青川市财政局) or the
 * unit code (CZJ). Supplied by the caller, usually from the units directory.
 */
export type UnitLookup = ((nameOrCode: string) => string | undefined) & {
  /** Names as offices write them (short, collective); a lookup without it knows exact names only. */
  readonly resolveNames?: (name: string) => UnitNames;
  /**
   * The same directory as it stood on office day `day` (`YYYY-MM-DD`): a unit merged after that
   * day still answers to its own names (the merge has not happened yet). Absent: names as today.
   */
  readonly on?: (day: string) => UnitLookup;
};

/** What one name in a file stands for: one unit, every unit of a collective name, or why none. */
export type UnitNames =
  | { readonly ok: true; readonly units: readonly ResolvedUnit[]; readonly collective?: boolean }
  /** `unknown`: no unit goes by the name at all (rather than several, or a collective of none). */
  | { readonly ok: false; readonly reason: string; readonly reasonZh: string; readonly unknown?: boolean };

export interface DirectoryUnit {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  /** Names before a rename (机构改革): files written before it still use them. */
  readonly formerNames?: readonly string[];
  /** A merged unit's names lead to its successor, which now does its work. */
  readonly mergedIntoUnitId?: string | null;
  /** The office day of that merge (`YYYY-MM-DD`); absent: merged since ever (a lookup as of any day follows it). */
  readonly mergedOn?: string | null;
  /** For collective names: 各区县政府 means every COUNTY_OR_DISTRICT unit, 各科室 the 科室 under a parent. */
  readonly kind?: string;
  readonly parentUnitId?: string | null;
}

/**
 * A lookup over a list of units: exact name (current or former), or code in any letter case. A
 * name of a merged unit resolves to its successor; its code stays its own, so the directory's own
 * files still find it. With `on` (an office day, `YYYY-MM-DD`: the day a file's work is assigned),
 * only merges on or before that day count: a past plan naming a unit merged later assigns that
 * unit, whose part then passes to its successor on the merge day (the lifecycle's rule). `.on(day)`
 * gives the same directory as of another day.
 */
export function unitLookupFrom(units: Iterable<DirectoryUnit>, on?: string): UnitLookup {
  const list = [...units];
  const byDay = new Map<string, UnitLookup>();
  const lookupOn = (day: string): UnitLookup => {
    if (day === on) return lookup;
    let found = byDay.get(day);
    if (!found) byDay.set(day, (found = unitLookupFrom(list, day)));
    return found;
  };
  const lookup: UnitLookup = Object.assign(directoryLookup(list, on), { on: lookupOn });
  return lookup;
}

/** Merged on or before `on` (always, without a day or a merge day). */
const mergedBy = (unit: DirectoryUnit, on: string | undefined): boolean =>
  Boolean(unit.mergedIntoUnitId) && (on === undefined || !unit.mergedOn || unit.mergedOn <= on);

function directoryLookup(list: readonly DirectoryUnit[], on: string | undefined): UnitLookup {
  const mergedInto = new Map(list.filter((unit) => mergedBy(unit, on)).map((unit) => [unit.id, unit.mergedIntoUnitId!]));
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
  const lookup = (nameOrCode: string) => byName.get(nameOrCode) ?? byCode.get(nameOrCode.toUpperCase());
  const current = list.filter((unit) => !mergedBy(unit, on));
  const resolveNames = (name: string): UnitNames => {
    const exact = lookup(name);
    if (exact !== undefined) return { ok: true, units: [{ name, unitId: exact }] };
    const collective = COLLECTIVE_NAMES.find(({ pattern }) => pattern.test(name));
    if (collective) {
      const members = current.filter(collective.member);
      if (members.length === 0) return { ok: false, reason: `"${name}" means ${collective.means}, and the directory has none`, reasonZh: `“${name}”指${collective.meansZh}，但单位名录中没有这样的单位` };
      return { ok: true, units: members.map((unit) => ({ name: unit.name, unitId: unit.id })), collective: true };
    }
    // 市财政局 for 青川市财政局: a name that ends the same way, if only one unit's does.
    const candidates = name.length >= 3 ? current.filter((unit) => unit.name.endsWith(name) && unit.name !== name) : [];
    if (candidates.length === 1) return { ok: true, units: [{ name, unitId: candidates[0]!.id }] };
    if (candidates.length > 1) {
      return {
        ok: false,
        reason: `"${name}" is ambiguous: it could be ${candidates.map((unit) => unit.name).join(', ')}; write the full name`,
        reasonZh: `“${name}”可能指${candidates.map((unit) => unit.name).join('、')}，无法确定，请写全称`,
      };
    }
    return notInDirectory(name);
  };
  return Object.assign(lookup, { resolveNames });
}

/** Collective names offices write for many units at once, and who they mean. */
const COLLECTIVE_NAMES: readonly { pattern: RegExp; means: string; meansZh: string; member: (unit: DirectoryUnit) => boolean }[] = [
  {
    pattern: /^各(?:区县|县区|县市区|县\(市、区\)|区县\(市\)|县（市、区）|区县（市）)(?:人民)?(?:政府)?$/,
    means: 'every county and district government (COUNTY_OR_DISTRICT)',
    meansZh: '各区县政府',
    member: (unit) => unit.kind === 'COUNTY_OR_DISTRICT',
  },
  {
    pattern: /^(?:市直)?各(?:部门|单位)$|^市直各(?:部门|单位)(?:和单位)?$/,
    means: 'every department of the city (DEPARTMENT)',
    meansZh: '市直各部门',
    member: (unit) => unit.kind === 'DEPARTMENT',
  },
  {
    pattern: /^各(?:科室|处室|股室|内设机构)$/,
    means: 'every section (科, 室, 处, 股) under a parent unit',
    meansZh: '上级单位下属的各科室（科、室、处、股）',
    member: (unit) => Boolean(unit.parentUnitId) && /[科室处股]$/.test(unit.name),
  },
];

/** The lookup as of office day `day` when it knows days (`unitLookupFrom`), else as it is. */
export const lookupOn = (lookup: UnitLookup, day: string | undefined): UnitLookup => (day !== undefined && lookup.on ? lookup.on(day) : lookup);

/** `lookup`'s reading of a name: with its `resolveNames` when it has one, else exact names only. */
export function unitNamesOf(lookup: UnitLookup, name: string): UnitNames {
  if (lookup.resolveNames) return lookup.resolveNames(name);
  const unitId = lookup(name);
  return unitId === undefined
    ? notInDirectory(name)
    : { ok: true, units: [{ name, unitId }] };
}

const notInDirectory = (name: string): UnitNames => ({
  ok: false,
  reason: `"${name}" is not the name, former name or code of a unit in the directory`,
  reasonZh: `“${name}”不是单位名录中任何单位的名称、曾用名或编码`,
  unknown: true,
});

/** A unit as the file named it and the id it resolved to. */
export interface ResolvedUnit {
  readonly name: string;
  readonly unitId: string;
}
