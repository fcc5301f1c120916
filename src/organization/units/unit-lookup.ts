import { trailingBracket } from '../../shared/brackets.js';
import { LEAD_MARK_WORDS, LINE_SPACE, MAX_UNIT_NAME_CHARS, OTHER_MARK_WORDS, isRoleMarkOnly, longestNameRun, quotedStart, namesInCell, removedMarkOf, roleMarkAfter, unitSpacesReadByDirectory, withRoleMarkLinesJoined, type NamesOneUnit } from '../../spreadsheet/cells.js';
import { readDeadline } from '../../spreadsheet/deadline-text.js';
import { unitNameKey } from './unit-name.js';
import { nameForms, nameWords, nearForms, shortensForms, wordsBeyond, type NameForms } from './near-unit-names.js';
import { NearFormsIndex } from './near-forms-index.js';

/*
 * How files name units: resolved against the units directory.
 */

/**
 * A unit's id from what a spreadsheet names it by: the exact official name (青川市财政局) or the
 * unit code (CZJ). Supplied by the caller, usually from the units directory.
 */
export type UnitLookup = ((nameOrCode: string) => string | undefined) & {
  /** Names as offices write them (short, collective); a lookup without it knows exact names only. */
  readonly resolveNames?: (name: string, context?: NamingContext) => UnitNames;
  /**
   * The same directory as it stood on office day `day` (`YYYY-MM-DD`): a unit merged after that
   * day still answers to its own names (the merge has not happened yet). Absent: names as today.
   */
  readonly on?: (day: string) => UnitLookup;
  /**
   * For an exact name (current or former) of a unit merged into another, before the lookup's day or
   * since: that unit, the successor its work ends with, and the merge day. Undefined for any other name.
   */
  readonly mergedAway?: (name: string) => MergedName | undefined;
  /**
   * For an exact former full name of a unit renamed on or before the lookup's day (or ever, without a day): the unit's name now and
   * the rename's office day — a file assigned since uses an outdated name (newcomer51-10 M7). Undefined otherwise (a merged unit's
   * names are `mergedAway`'s; a directory without the names' days knows no rename day).
   */
  readonly renamedAway?: (name: string) => RenamedName | undefined;
  /**
   * Whether the directory knows a text as one unit's name, for the space rule of unit cells (`unitSpacesReadByDirectory`,
   * breaker54-10 S2): a unit's full name, a former name or its code exactly (spaces aside), or its name without its place (乙务局, 市乙务局
   * for 青川市乙务局) when only one standing unit's is so — never a section's name without its unit (招生考试办公室 of
   * 青川市教育局招生考试办公室). Cheap: no near-name matching; each text answered once.
   */
  readonly namesOneUnit?: (name: string) => boolean;
  /**
   * For an exact recorded 简称 or undated 曾用名 of a unit (`DirectoryUnit.otherNames`, newcomer57-10 S1): the unit it reads as
   * (a merged unit's successor) and the kind. Undefined for any other name.
   */
  readonly otherNameOf?: (name: string) => OtherNameRead | undefined;
};

/** A recorded 简称 or 曾用名 as `UnitLookup.otherNameOf` answers it. */
export interface OtherNameRead {
  readonly name: string;
  /** The name of the unit it reads as (on the lookup's day). */
  readonly unitName: string;
  /** The unit whose name it is, when that unit was merged into `unitName`'s unit. */
  readonly mergedName?: string;
  readonly kind: 'SHORT_NAME' | 'EARLIER_NAME';
}

/**
 * The notice an import gives for a unit's recorded 简称 or 曾用名 in a file (newcomer57-10 S1): read as the unit, said which, as a
 * near name's reading is told. Null for any other name.
 */
export function otherNameNotice(lookup: UnitLookup, name: string): { reason: string; reasonZh: string } | null {
  const read = lookup.otherNameOf?.(name) ?? lookup.otherNameOf?.(withoutRoleMark(name));
  if (!read) return null;
  const [en, zh] = read.kind === 'SHORT_NAME' ? ['short name', '简称'] : ['earlier name', '曾用名'];
  const owner = read.mergedName ?? read.unitName;
  const merged = read.mergedName ? { en: `, merged into ${read.unitName}`, zh: `（已并入${read.unitName}）` } : { en: '', zh: '' };
  return {
    reason: `"${read.name}" is the ${en} the directory records for ${owner}${merged.en}; read as ${read.unitName}.`,
    reasonZh: `“${read.name}”是单位名录中登记的${owner}的${zh}${merged.zh}，已按${read.unitName}读取。`,
  };
}

/** A former full name of a renamed unit, as `UnitLookup.renamedAway` answers it. */
export interface RenamedName {
  readonly name: string;
  readonly unitName: string;
  /** `YYYY-MM-DD`, the office day the name was given up. */
  readonly renamedOn: string;
}

/** A unit's name without the role marks after it (「青川市工商行政管理局（配合）」 → 青川市工商行政管理局, `roleMarkAfter`); the name when it has none. */
function withoutRoleMark(name: string): string {
  let bare = name.trim();
  for (let role = roleMarkAfter(bare); role && role.name !== ''; role = roleMarkAfter(bare)) bare = role.name;
  return bare;
}

/**
 * The notice an import gives for a unit's former full name in a file assigned on or after its rename (newcomer51-10 M7: read
 * silently, while a merged unit's name is told): the file uses an outdated name, read as the unit. Null for any other name.
 */
export function renamedNameNotice(lookup: UnitLookup, name: string): { reason: string; reasonZh: string } | null {
  const renamed = lookup.renamedAway?.(name) ?? lookup.renamedAway?.(withoutRoleMark(name));
  if (!renamed) return null;
  return {
    reason: `"${renamed.name}" is the name ${renamed.unitName} had before its rename on ${renamed.renamedOn}; read as ${renamed.unitName}.`,
    reasonZh: `“${renamed.name}”是${renamed.unitName} ${renamed.renamedOn} 更名前的名称，已按该单位读取。`,
  };
}

/** A name in a file that resolves to the successor of a merged unit (breaker10d P29). */
export interface MergedName {
  readonly name: string;
  readonly successorName: string;
  /** `YYYY-MM-DD`, or null when the directory does not know the day. */
  readonly mergedOn: string | null;
}

/**
 * The notice an import gives for a name of a merged unit (breaker10d P29): its work goes to the
 * successor, so the clerk sees that the unit the record holds is not the one the file names.
 */
export function mergedNameNotice(lookup: UnitLookup, name: string): { reason: string; reasonZh: string } | null {
  // 「青川市工商行政管理局（配合）」: the unit as named before its role mark (newcomer53-10 M5: read as the successor without a word).
  const merged = lookup.mergedAway?.(name) ?? lookup.mergedAway?.(withoutRoleMark(name));
  if (!merged) return null;
  const day = merged.mergedOn ? ` on ${merged.mergedOn}` : '';
  const dayZh = merged.mergedOn ? `已于 ${merged.mergedOn} ` : '已';
  return {
    reason: `${merged.name} was merged into ${merged.successorName}${day}: its part passes to ${merged.successorName}${merged.mergedOn ? ' from that day' : ''}.`,
    reasonZh: `${merged.name}${dayZh}并入${merged.successorName}：其任务${merged.mergedOn ? '自该日起' : ''}由${merged.successorName}承担。`,
  };
}

/**
 * The problem of an import row naming no unit of the directory, in both languages, with what to do
 * (newcomer25 S1: the bare "not in the directory" sent a clerk to register 「青川市财政局牵头」).
 * `roleEn`/`roleZh`: the column's role (`lead unit` / 牵头单位), e.g. `unit` / 单位.
 */
export function unknownUnitProblem(
  name: string,
  roleEn: string,
  roleZh: string,
  close: readonly { readonly name: string; readonly code: string }[] = [],
): { reason: string; reasonZh: string } {
  if (close.length > 0) {
    // newcomer31 S1: name the registered units it may mean before advising a registration, which would make a second unit.
    return {
      reason:
        `Unknown ${roleEn} "${name}": not the official name or code of a unit in the directory. Close to it: ${close.map((unit) => `${unit.name} (code ${unit.code})`).join(', ')}. ` +
        `If it means one of them, write that unit's full name or code — or, if it is that unit's short or earlier name, record it for the unit (单位名录 page, 简称/曾用名; or the units import's 简称 / 曾用名 columns); only if it is another unit, register it in the directory first.`,
      reasonZh:
        `${roleZh}“${name}”不在单位名录中：既不是单位的正式名称，也不是单位编码。名录中相近的单位：${close.map((unit) => `${unit.name}（编码 ${unit.code}）`).join('、')}。` +
        `如指其中之一，请写该单位的全称或编码；如是该单位的简称或曾用名，请为该单位登记（在“单位名录”页面点该单位的“简称/曾用名”，或在单位名录导入文件的“简称”“曾用名”列中填写）后再导入，无须登记新单位；确是另一个单位的，才请先在单位名录中登记该单位。`,
    };
  }
  return {
    reason: `Unknown ${roleEn} "${name}": not the official name or code of a unit in the directory. Write the unit's full name or code. If it is a registered unit's short or earlier name (简称 / 曾用名), record it for that unit (单位名录 page, 简称/曾用名; or the units import's 简称 / 曾用名 columns) and import again; only if it is another unit, register it in the directory first.`,
    reasonZh: `${roleZh}“${name}”不在单位名录中：既不是单位的正式名称，也不是单位编码。请写单位的全称或编码；如是已登记单位的简称或曾用名，请为该单位登记（在“单位名录”页面点该单位的“简称/曾用名”，或在单位名录导入文件的“简称”“曾用名”列中填写）后再导入，无须登记新单位；确是另一个单位的，才请先在单位名录中登记该单位。`,
  };
}

/**
 * The problem of an import row whose unit name resolves to no unit (`named`, a failed `resolveNames`), as plans, findings lists
 * and 台账 say it: unknown (`unknownUnitProblem`), near a unit's without abbreviating it (`nearNameProblem`, with `nearName`
 * for the page's confirmation), or the reading's own reason (ambiguous, a collective of none) after the column's role.
 */
export function unitNameProblem(
  named: Extract<UnitNames, { ok: false }>,
  name: string,
  roleEn: string,
  roleZh: string,
): { reason: string; reasonZh: string; nearName?: string } {
  if (named.near) return nearNameProblem(named.near, roleEn, roleZh);
  if (named.unknown) return unknownUnitProblem(name, roleEn, roleZh, named.close);
  return { reason: `The ${roleEn} ${named.reason}.`, reasonZh: `${roleZh}：${named.reasonZh}。` };
}

/** What a name's row says besides it: 各科室 in a row means the sections of that row's lead unit. */
export interface NamingContext {
  /** The unit ids of the row's lead units (牵头单位). */
  readonly leadUnitIds?: readonly string[];
}

/**
 * What one name in a file stands for: one unit, every unit of a collective name, or why none. `readAs`: the directory's name of
 * the one unit a name was read as by the near-name rule (`nearUnitNames`: 市发改委 → 青川市发展和改革委员会), which an import tells
 * (`nearReadingNotice`); absent for an exact, short or collective name. `confirmed`: read so only because the office confirmed
 * the name (`LookupConfirmations.nearNames`), the name not being the unit's abbreviation.
 */
export type UnitNames =
  | {
      readonly ok: true;
      readonly units: readonly ResolvedUnit[];
      readonly collective?: boolean;
      /**
       * For a collective name read as of a day: the units it would stand for but registered after that day (`registeredOn`), left
       * out — told by the import's notice (`collectiveNotice`), never silently (breaker43-10 F4). Absent when none.
       */
      readonly registeredLater?: readonly RegisteredLater[];
      readonly readAs?: string;
      readonly confirmed?: true;
      /** Several units written as one name with a joining word (「A和B」, 「A与B」, breaker10m P1): each its own part, told (`joinedNamesNotice`). */
      readonly joined?: true;
      /**
       * A unit marked off the row in its bracket — 「青川市财政局（取消）」, （不再参与）, （已撤销）, （退出）, （暂不参与） (breaker10r P26: given a part,
       * told as a spelling): `units` is empty (no part), `removed` names the unit and the mark, which the import tells (`nearReadingNotice`).
       */
      readonly removed?: { readonly name: string; readonly unitNames: readonly string[]; readonly mark: string };
      /**
       * The unit's own deadline written in its bracket — 「青川市财政局（9.30前）」, （6月底前）, （立行立改）, （长期坚持） — as deadline words the
       * imports read (`unitDeadlineText`: 9.30前 → 9月30日前): that unit's part is due so, not on the row's 完成时限 (breaker10r P9).
       */
      readonly ownDeadline?: string;
      /**
       * A short or abbreviated name of a unit merged away by the lookup's day (市工商局 for 青川市工商行政管理局, merged into
       * 青川市市场监督管理局): read as its successor (`units`), told naming both (newcomer28 S9: refused as unknown).
       */
      readonly mergedFrom?: { readonly name: string; readonly successorName: string; readonly mergedOn: string | null };
      /**
       * The name was marked as the unit's former one — 「市经信委（原）」, 「原市经信委」 (`formerMarkOf`): read as `unitName`, the unit it names
       * today — `renamed` when the name is one of its former names (机构改革), `mergedFrom` when the unit it named was merged into
       * `unitName`, neither when the directory still calls the unit so. Told by the import (`nearReadingNotice`).
       */
      readonly formerName?: { readonly mark: string; readonly unitName: string; readonly renamed?: true; readonly mergedFrom?: MergedName };
    }
  /**
   * `unknown`: no unit goes by the name at all (rather than several, or a collective of none). `near`: the one registered unit
   * the name is near without abbreviating it (青川市教育体育局 beside 青川市教育局, newcomer25 S8), not read as it unconfirmed.
   */
  | {
      readonly ok: false;
      readonly reason: string;
      readonly reasonZh: string;
      readonly unknown?: boolean;
      readonly near?: NearMiss;
      /** For an `unknown` name: registered units close to it (they share its district or county), which its refusal names. */
      readonly close?: readonly { readonly name: string; readonly code: string }[];
    };

/**
 * A name near one registered unit's that is not how offices shorten it (`shortensForms`): it has words the unit's name lacks
 * (`beyond`: 体育 in 青川市教育体育局 beside 青川市教育局) — another body, or the unit after a rename (机构改革) — so an import
 * refuses it (`nearNameProblem`) unless the office confirms it means that unit (`LookupConfirmations.nearNames`).
 */
export interface NearMiss {
  /** The name as the file writes it. */
  readonly name: string;
  readonly unitName: string;
  readonly unitCode: string;
  /** The characters the file's name has beyond the unit's, in order ('' when none could be told apart). */
  readonly beyond: string;
}

/** What the office confirmed for one import, beyond what the directory says. */
export interface LookupConfirmations {
  /**
   * Names of the file the office confirmed mean the one registered unit they are near, though not its abbreviation
   * (newcomer25 S8: importWorkPlan / importFindings `nearNames`, the tools' --near): read as that unit, with a notice.
   * Compared by their words (`nameWords`: spaces and line breaks aside).
   */
  readonly nearNames?: readonly string[];
}

export interface DirectoryUnit {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  /** Names before a rename (机构改革): files written before it still use them. */
  readonly formerNames?: readonly string[];
  /**
   * Its 简称 and undated 曾用名 as the office recorded them (newcomer57-10 S1): read as the unit exactly, on every day, like a former
   * name but with no rename day (`otherNameOf` says which, for the import's notice).
   */
  readonly otherNames?: readonly { readonly name: string; readonly kind: 'SHORT_NAME' | 'EARLIER_NAME' }[];
  /** Every name with the office day it was taken (`from`), earliest first, when the directory keeps them: a rename's day. */
  readonly names?: readonly { readonly name: string; readonly from: string }[];
  /** A merged unit's names lead to its successor, which now does its work. */
  readonly mergedIntoUnitId?: string | null;
  /** The office day of that merge (`YYYY-MM-DD`); absent: merged since ever (a lookup as of any day follows it). */
  readonly mergedOn?: string | null;
  /** For collective names: 各区县政府 means every COUNTY_OR_DISTRICT unit, 市直各部门 every city DEPARTMENT, 各科室 the 科室 under the lead unit. */
  readonly kind?: string;
  readonly parentUnitId?: string | null;
  /**
   * Its kind and parent by the office day each took effect (`from`, earliest first: its registration's, then each change,
   * UnitKindAndParentChanged), when the directory keeps them: a lookup as of a day reads the unit's kind and parent of that day, so a
   * collective name expands as it stood (breaker57-10 S1). Absent or one: `kind` and `parentUnitId` always.
   */
  readonly placements?: readonly { readonly kind: string; readonly parentUnitId: string | null; readonly from: string }[];
  /**
   * The office day the unit was registered (`YYYY-MM-DD`); absent: since ever. A collective name (市直各部门, 各区县政府, 各科室)
   * read as of a day means the units that existed on it (breaker43-10 F4).
   */
  readonly registeredOn?: string;
}

/**
 * A lookup over a list of units: exact name (current or former), or code in any letter case. A
 * name of a merged unit resolves to its successor; its code stays its own, so the directory's own
 * files still find it. With `on` (an office day, `YYYY-MM-DD`: the day a file's work is assigned),
 * only merges on or before that day count: a past plan naming a unit merged later assigns that
 * unit, whose part then passes to its successor on the merge day (the lifecycle's rule). `.on(day)`
 * gives the same directory as of another day.
 */
export function unitLookupFrom(units: Iterable<DirectoryUnit>, on?: string, confirmations: LookupConfirmations = {}): UnitLookup {
  const list = [...units];
  const nearIndexes = nearIndexesOf(units, list);
  const byDay = new Map<string, UnitLookup>();
  const lookupOn = (day: string): UnitLookup => {
    if (day === on) return lookup;
    let found = byDay.get(day);
    if (!found) byDay.set(day, (found = Object.assign(directoryLookup(list, day, confirmations, nearIndexes), { on: lookupOn })));
    return found;
  };
  const lookup: UnitLookup = Object.assign(directoryLookup(list, on, confirmations, nearIndexes), { on: lookupOn });
  return lookup;
}

/** Every name a unit answers to besides its current one: its former names (renames), then its recorded 简称 and 曾用名. */
const aliasesOf = (unit: DirectoryUnit): readonly string[] =>
  unit.otherNames === undefined || unit.otherNames.length === 0 ? (unit.formerNames ?? []) : [...(unit.formerNames ?? []), ...unit.otherNames.map((other) => other.name)];

/** One name of a current unit in the near-name index (`nearUnits`): the unit, and that name's forms. */
interface NearEntry {
  readonly unit: DirectoryUnit;
  readonly forms: NameForms;
}

/**
 * The near-name indexes of a directory, by the units merged away on the lookup's day (`NearFormsIndex` over the others' names):
 * kept with the directory's list (the units read model's `list()` is one array until a unit changes), so that every import and
 * every day's lookup of one directory version builds it once (breaker55-10 S3, newcomer55-10 S2: each unknown name of a 台账 was
 * compared with every unit of a 5 000-unit directory).
 */
type NearIndexes = Map<string, { near?: NearFormsIndex<NearEntry>; endings?: Map<string, DirectoryUnit[]> }>;
const nearIndexesByDirectory = new WeakMap<object, { readonly units: readonly DirectoryUnit[]; readonly names: readonly string[]; readonly indexes: NearIndexes }>();
/** A unit's names as the indexes read them: a directory list changed in place (a caller's own array) is indexed again. */
const namesSeen = (unit: DirectoryUnit): string => [unit.name, ...aliasesOf(unit)].join('\u0000');
function nearIndexesOf(units: Iterable<DirectoryUnit>, list: readonly DirectoryUnit[]): NearIndexes {
  const found = nearIndexesByDirectory.get(units);
  if (found !== undefined && found.units.length === list.length && list.every((unit, at) => unit === found.units[at] && namesSeen(unit) === found.names[at])) return found.indexes;
  const indexes: NearIndexes = new Map();
  nearIndexesByDirectory.set(units, { units: list, names: list.map(namesSeen), indexes });
  return indexes;
}

/** The name of `names` (earliest first) in force on office day `on` (the last without a day); undefined when none. */
const nameOn = (names: readonly { readonly name: string; readonly from: string }[], on: string | undefined): string | undefined =>
  names.filter((named) => on === undefined || named.from <= on).at(-1)?.name;

/** Merged on or before `on` (always, without a day or a merge day). */
const mergedBy = (unit: DirectoryUnit, on: string | undefined): boolean =>
  Boolean(unit.mergedIntoUnitId) && (on === undefined || !unit.mergedOn || unit.mergedOn <= on);

/**
 * The directory with each unit's kind and parent as they stood on office day `on` (`DirectoryUnit.placements`): the list itself when
 * no unit's changed or no day is asked (as today). O(units).
 */
function placedOn(units: readonly DirectoryUnit[], on: string | undefined): readonly DirectoryUnit[] {
  if (on === undefined || !units.some((unit) => (unit.placements?.length ?? 0) > 1)) return units;
  return units.map((unit) => {
    if ((unit.placements?.length ?? 0) < 2) return unit;
    const placed = unit.placements!.filter((each) => each.from <= on).at(-1) ?? unit.placements![0]!;
    return placed.kind === unit.kind && placed.parentUnitId === (unit.parentUnitId ?? null) ? unit : { ...unit, kind: placed.kind, parentUnitId: placed.parentUnitId };
  });
}

function directoryLookup(units: readonly DirectoryUnit[], on: string | undefined, confirmations: LookupConfirmations, nearIndexes: NearIndexes = new Map()): UnitLookup {
  // Kinds and parents as they stood on the day: collective names (市直各部门, 各区县政府, 各科室) expand by them (breaker57-10 S1).
  const list = placedOn(units, on);
  const confirmedNear = new Set((confirmations.nearNames ?? []).map(nameWords));
  const mergedInto = new Map(list.filter((unit) => mergedBy(unit, on)).map((unit) => [unit.id, unit.mergedIntoUnitId!]));
  const successorOf = (id: string): string => {
    let current = id;
    for (let hops = 0; mergedInto.has(current) && hops < list.length; hops += 1) current = mergedInto.get(current)!;
    return current;
  };
  const byName = new Map<string, string>();
  const byCode = new Map<string, string>();
  for (const unit of list) {
    for (const name of [...aliasesOf(unit), unit.name]) byName.set(unitNameKey(name), successorOf(unit.id));
    byCode.set(unit.code.normalize('NFKC').toUpperCase(), unit.id);
  }
  const lookup = (nameOrCode: string) => byName.get(unitNameKey(nameOrCode)) ?? byCode.get(nameOrCode.normalize('NFKC').trim().toUpperCase());
  const current = list.filter((unit) => !mergedBy(unit, on));
  // The units a collective name meant on the lookup's day: registered on or before it, not merged by then (breaker43-10 F4: a
  // department registered after a late-entered plan's assignment day was counted in its 市直各部门, and the plan refused).
  const existing = on === undefined ? current : current.filter((unit) => !unit.registeredOn || unit.registeredOn <= on);
  /** The units `member` would take but registered after the lookup's day (breaker43-10 F4: left out without a word). */
  const registeredAfter = (member: (unit: DirectoryUnit) => boolean): { registeredLater?: readonly RegisteredLater[] } => {
    if (on === undefined) return {};
    const later = current.filter((unit) => unit.registeredOn !== undefined && unit.registeredOn > on && member(unit));
    return later.length === 0 ? {} : { registeredLater: later.map((unit) => ({ name: unit.name, registeredOn: unit.registeredOn!, on })) };
  };
  /** 「（X 于 2026-12-10 登记，晚于 2026-12-01）」 for a refusal of a collective name with no member on the day but some since. */
  const laterWords = (later: { registeredLater?: readonly RegisteredLater[] }) => ({
    en: later.registeredLater ? ` on ${later.registeredLater[0]!.on} (registered since: ${later.registeredLater.map((unit) => `${unit.name} on ${unit.registeredOn}`).join(', ')})` : '',
    zh: later.registeredLater ? `（${later.registeredLater.map((unit) => `${unit.name}于 ${unit.registeredOn} 登记`).join('、')}，晚于交办日期 ${later.registeredLater[0]!.on}）` : '',
  });
  const byId = new Map(list.map((unit) => [unit.id, unit]));
  /** The unit's parents, nearest first (a cycle, which the directory refuses, stops the walk). */
  const ancestorsOf = (unit: DirectoryUnit): DirectoryUnit[] => {
    const ancestors: DirectoryUnit[] = [];
    for (let parent = unit.parentUnitId ? byId.get(unit.parentUnitId) : undefined; parent && ancestors.length < list.length; parent = parent.parentUnitId ? byId.get(parent.parentUnitId) : undefined) {
      ancestors.push(parent);
    }
    return ancestors;
  };
  /**
   * The standing units by each of their names without its place (`placeless`: 乙务局 and 市乙务局 of 青川市乙务局), made on the first
   * question: one map lookup a text, whatever the directory's size (a file's every unit cell may ask tens).
   */
  let byNameWithoutPlace: Map<string, Set<string>> | undefined;
  const unitsWithoutPlace = (key: string): ReadonlySet<string> | undefined => {
    if (!byNameWithoutPlace) {
      byNameWithoutPlace = new Map();
      for (const unit of current) {
        for (const each of [unit.name, ...aliasesOf(unit)]) {
          for (const short of placeless(unitNameKey(each).replace(/\s+/gu, ''))) {
            let ids = byNameWithoutPlace.get(short);
            if (!ids) byNameWithoutPlace.set(short, (ids = new Set()));
            ids.add(unit.id);
          }
        }
      }
    }
    return byNameWithoutPlace.get(key);
  };
  const namesOneUnit = (name: string): boolean => {
    const key = unitNameKey(name).replace(/\s+/gu, '');
    return key !== '' && (lookup(key) !== undefined || unitsWithoutPlace(key)?.size === 1);
  };
  /**
   * Full names of units run together without a separator (「青川市甲务局青川市乙务局」, a line break lost in a paste: breaker54-10 M1,
   * told 「可能指…无法确定，请写全称」 though both were written in full): the names, as the file writes them, when the name is two or
   * more full (or former) names of the directory one after another; undefined otherwise. O(length²) map lookups, the name being at
   * most `MAX_UNIT_NAME_CHARS` long.
   */
  const fullNamesRunTogether = (name: string): string[] | undefined => {
    const text = name.normalize('NFKC').replace(/\s+/gu, '');
    if (text.length < 6 || text.length > MAX_UNIT_NAME_CHARS) return undefined;
    // cut[end]: where the last name ending at `end` starts, for the fewest names (undefined: no way to get there).
    const cut = new Array<number | undefined>(text.length + 1).fill(undefined);
    const names = new Array<number>(text.length + 1).fill(Number.POSITIVE_INFINITY);
    names[0] = 0;
    for (let end = 3; end <= text.length; end += 1) {
      for (let start = 0; start <= end - 3; start += 1) {
        if (Number.isFinite(names[start]!) && names[start]! + 1 < names[end]! && byName.has(unitNameKey(text.slice(start, end)))) {
          names[end] = names[start]! + 1;
          cut[end] = start;
        }
      }
    }
    if (!Number.isFinite(names[text.length]!) || names[text.length]! < 2) return undefined;
    const found: string[] = [];
    for (let end = text.length; end > 0; end = cut[end]!) found.unshift(text.slice(cut[end]!, end));
    return found;
  };
  const resolveNames = (name: string, context: NamingContext = {}, asSide = false): UnitNames => {
    const exact = lookup(name);
    if (exact !== undefined) return { ok: true, units: [{ name, unitId: exact }] };
    // Text longer than any unit's name (a paste accident: 200 000 characters in a 牵头单位 cell of a YAML plan) names no unit and
    // is never matched: each rule below reads the whole of it, the near names against every unit (breaker53-10 S4: 20 s held).
    if (longestNameRun(name) > MAX_UNIT_NAME_CHARS) return overlongName(name);
    // 「（牵头）」 alone — a mark written before its unit, or on a line of its own not after a name: no unit, whatever unit's name is
    // near it (breaker51-10 S5: matched by near name to a unit registered as 「青川市庚务局（牵头）」, and given a lead part).
    if (isRoleMarkOnly(name)) {
      return {
        ok: false,
        reason: `"${name}" is a role mark, not a unit's name: write it right after the name of the unit it marks (青川市财政局（牵头）), or leave it out — the column gives the role.`,
        reasonZh: `“${name}”是表示分工的标注，不是单位名称：请紧接在所标注单位的名称之后书写（如“青川市财政局（牵头）”），或删去（所在列已表明分工）。`,
      };
    }
    // 「“青川市财政局”」, 「"青川市财政局"」: the name in quotation marks is the name (breaker48-10 M4: refused as unknown).
    const unquoted = withoutQuotes(name);
    if (unquoted !== name && unquoted !== '') return resolveNames(unquoted, context, asSide);
    // 「青川市　财政局」: a space (full-width, as Word pads names to one width) inside a unit's name is no part of it (breaker48-10 M4).
    const spaced = lookup(name.replace(SPACE_BETWEEN_HAN, ''));
    if (spaced !== undefined) return { ok: true, units: [{ name, unitId: spaced }] };
    // 「青川市发展和改革委员会牵头」, 「…负责」, 「…配合」 in a unit column: the unit, its role word aside — the column gives the role, and
    // a word against it is refused by the import (`marksAgainstColumn`) (breaker48-10 M4: refused as an unknown unit).
    const roleAfter = ROLE_WORD_AFTER.exec(name);
    if (roleAfter && roleAfter.index >= 3) {
      const unit = resolveNames(name.slice(0, roleAfter.index), context, asSide);
      if (unit.ok) return unit;
    }
    // 「青川市财政局（取消）」, （不再参与）, （已撤销）: the unit as named before the mark, given no part (breaker10r P26).
    const off = removedMarkOf(name);
    if (off) {
      const unitNamed = resolveNames(off.name, context, asSide);
      if (!unitNamed.ok) return unitNamed;
      if (unitNamed.removed) return unitNamed;
      const unitNames = unitNamed.units.map((unit) => byId.get(unit.unitId)?.name ?? unit.name);
      return { ok: true, units: [], removed: { name: off.name, unitNames, mark: off.mark }, ...(unitNamed.collective ? { collective: true as const } : {}) };
    }
    // 「市经信委（原）」, 「原市经信委」: the unit by its name before a rename (机构改革), read as the unit and told (session 35, import10e).
    const formerly = formerMarkOf(name);
    if (formerly) {
      const read = formerNameRead(name, formerly, context, asSide);
      if (read) return read;
    }
    const sections = SECTIONS.exec(name);
    if (sections) return sectionsNamed(name, sections[1] ?? '', context);
    const collective = COLLECTIVE_NAMES.find(({ pattern }) => pattern.test(name));
    if (collective) {
      const members = existing.filter((unit) => collective.member(unit, ancestorsOf(unit)));
      const later = registeredAfter((unit) => collective.member(unit, ancestorsOf(unit)));
      if (members.length === 0) {
        const words = laterWords(later);
        // Said with what to write instead (breaker48-10 M4: 「“各区县政府”指各区县政府，但单位名录中没有这样的单位」 said neither what it meant nor what to do).
        return {
          ok: false,
          reason: `"${name}" means ${collective.means}, and the directory has none${words.en}: ${collective.instead}`,
          reasonZh: `“${name}”指${collective.meansZh}，但单位名录中没有这样的单位${words.zh}：${collective.insteadZh}`,
        };
      }
      return { ok: true, units: members.map((unit) => ({ name: unit.name, unitId: unit.id })), collective: true, ...later };
    }
    // Words offices write in a unit cell that name no unit (breaker10q P12: each was told to write a full name, or to register
    // 「青川市教育局等」 or 「市直有关部门」 as a unit): said for what they are.
    const unnamed = asSide ? undefined : notAUnitsName(name, (each) => sideUnit(each) !== undefined);
    if (unnamed) return unnamed;
    // 各区县教育局, 各区县政府办公室: each county's or district's unit of that name (breaker43-10 F7).
    const countyBody = COUNTY_COLLECTIVE.exec(name.normalize('NFKC').replace(/\s+/gu, ''))?.groups?.['body'];
    if (countyBody !== undefined && !GOVERNMENT_ONLY.test(countyBody)) return countiesOwn(name, countyBody);
    // 各乡镇（街道）, 各街道: a kind of body the directory cannot list, said for what it is (breaker43-10 F7).
    if (!asSide && OF_A_KIND.test(name.normalize('NFKC').trim())) return collectiveOfAKind(name);
    // Full names run together without 、 — 「青川市财政局 青川市教育局」 (a space or tab: tables pasted from Word), 「A（配合）B（配合）」:
    // each its own unit, told (breaker10q P12: 「可能指…无法确定，请写全称」 of two full names).
    const together = asSide ? undefined : runTogether(name);
    if (together) return { ok: true, units: together, joined: true };
    // 「青川市甲务局青川市乙务局」: full names with no separator at all — asked to separate them, never to write full names (breaker54-10 M1).
    const runOn = asSide ? undefined : fullNamesRunTogether(name);
    if (runOn) {
      return {
        ok: false,
        // Without a full stop at the end: the import adds it, as to every reason of a name (「…请写全称。」).
        reason: `"${name}" runs the names of ${runOn.length} units together (${runOn.join(', ')}): if they are ${runOn.length} units, separate them with 、`,
        reasonZh: `“${name}”连写了 ${runOn.length} 个单位的名称（${runOn.join('、')}）：如是 ${runOn.length} 个单位，请用“、”分隔`,
      };
    }
    // 市财政局 for 青川市财政局: a name that ends the same way, if only one unit's does.
    const key = unitNameKey(name);
    const candidates = endingWith(key).filter((unit) => unitNameKey(unit.name) !== key);
    if (candidates.length === 1) return { ok: true, units: [{ name, unitId: candidates[0]!.id }] };
    if (candidates.length > 1) return ambiguous(name, candidates);
    // 「A和B」, 「A与B」: two registered units, never one of them (breaker10m P1); 「A（B配合）」, 「A（已移交B）」: asked (P1, P2).
    const joined = asSide ? undefined : joinedUnits(name);
    if (joined) return { ok: true, units: joined, joined: true };
    const bracketed = bracketNamingAnother(name);
    if (bracketed) return bracketed;
    // 东湖区, 西山县, 青川市东湖区 (newcomer31 S1): a place alone, as offices write its government.
    const government = placeGovernment(name);
    if (government) return government;
    // Last resort, 市发改委 for 青川市发展和改革委员会: the one unit whose name (or a former name) is near (`nearForms`), told by the import.
    const near = nearUnits(name);
    if (near.length > 1) return ambiguous(name, near.map(({ unit }) => unit));
    if (near.length === 0) return mergedShortName(name) ?? notInDirectory(name, closeUnits(name));
    const [{ unit, forms }] = near as [NearUnit];
    const read = { ok: true, units: [{ name, unitId: unit.id }], readAs: unit.name } as const;
    // An abbreviation is read; a longer name (教育体育局 beside 教育局) only when the office confirmed it (newcomer25 S8).
    if (forms.some((each) => shortensForms(nameForms(name), each))) return read;
    if (confirmedNear.has(nameWords(name))) return { ...read, confirmed: true };
    return nearButLonger({ name, unitName: unit.name, unitCode: unit.code, beyond: forms.map((each) => wordsBeyond(nameForms(name), each)).find((words) => words !== '') ?? '' });
  };
  /** Whether a file's name is `official` exactly, by its ending (市财政局), or as its abbreviation (`nearForms` + `shortensForms`). */
  const namesAs = (written: string, official: string): boolean => {
    const [key, officialKey] = [unitNameKey(written), unitNameKey(official)];
    if (key === officialKey || (key.length >= 3 && officialKey.endsWith(key))) return true;
    const [forms, officialForms] = [nameForms(written), nameForms(official)];
    return nearForms(forms, officialForms) && shortensForms(forms, officialForms);
  };
  /**
   * A name marked as the unit's former one — 「市经信委（原）」, （原名）, （原称）, 「原市经信委」 (`formerMarkOf`): the unit the name before the
   * mark reads as (by a former name after a rename, its current name, or a merged unit's successor), with `formerName` saying which for
   * the import's notice. A bracketed mark whose name reads as no unit is refused saying what the mark means and what to do; a leading 原
   * whose rest reads as no unit, or any name read as several units, gives undefined (read as any other name).
   */
  const formerNameRead = (name: string, formerly: FormerMark, context: NamingContext, asSide: boolean): UnitNames | undefined => {
    const inner = resolveNames(formerly.name, context, asSide);
    if (!inner.ok || inner.units.length !== 1 || inner.collective || inner.joined || inner.removed) {
      if (formerly.leading || inner.ok) return undefined;
      return {
        ok: false,
        reason: `"${name}" is marked as a former name (${formerly.mark}), but no unit of the directory is or was named "${formerly.name}" (${inner.reason}). If the unit was renamed, rename it in the directory first (its old name is kept as a former name), then import again; or write its present name`,
        reasonZh: `“${name}”标注为原名称，但单位名录中没有现名或曾用名为“${formerly.name}”的单位。如该单位已更名，请先在单位名录中为其更名（原名称会保留为曾用名）后再导入；或直接写现名称`,
      };
    }
    const unitId = inner.units[0]!.unitId;
    const unit = byId.get(unitId);
    if (!unit) return undefined;
    const merged = inner.mergedFrom ?? mergedAway(formerly.name);
    const renamed = aliasesOf(unit).some((each) => namesAs(formerly.name, each)) && !namesAs(formerly.name, unit.name);
    const { readAs: _readAs, mergedFrom: _mergedFrom, ...rest } = inner;
    return {
      ...rest,
      units: [{ name, unitId }],
      formerName: { mark: formerly.mark, unitName: unit.name, ...(merged ? { mergedFrom: merged } : renamed ? { renamed: true as const } : {}) },
    };
  };
  /**
   * A name no standing unit goes by that shortens the name of a unit merged away by the lookup's day — its name or a former
   * one ends with it (市工商局 of 青川市工商局), or abbreviates it (市工商局 of 青川市工商行政管理局, `nearForms` + `shortensForms`):
   * that unit's successor, with the merge said (newcomer28 S9: such a name was refused as unknown and the clerk told to
   * register the unit again). Units merged into one successor are one reading; two successors are asked about. Undefined
   * when no merged unit's name is shortened so.
   */
  /** The units merged away by the lookup's day, in the directory's order (once, not per name: breaker55-10 S3). */
  const mergedUnits = list.filter((unit) => mergedBy(unit, on));
  const mergedShortName = (name: string): UnitNames | undefined => {
    const merged = mergedUnits;
    if (merged.length === 0) return undefined;
    const namesOf = (unit: DirectoryUnit) => [...aliasesOf(unit), unit.name];
    const key = unitNameKey(name);
    const forms = nameForms(name);
    let found = key.length >= 3 ? merged.filter((unit) => namesOf(unit).some((each) => unitNameKey(each).endsWith(key))) : [];
    if (found.length === 0) found = merged.filter((unit) => namesOf(unit).map(nameForms).some((each) => nearForms(forms, each) && shortensForms(forms, each)));
    if (found.length === 0) return undefined;
    const successors = [...new Set(found.map((unit) => successorOf(unit.id)))].map((id) => byId.get(id)).filter((unit): unit is DirectoryUnit => unit !== undefined);
    if (successors.length > 1) return ambiguous(name, successors);
    const [unit, successor] = [found[0]!, successors[0]];
    if (successor === undefined) return undefined;
    return { ok: true, units: [{ name, unitId: successor.id }], readAs: successor.name, mergedFrom: { name: unit.name, successorName: successor.name, mergedOn: unit.mergedOn ?? null } };
  };
  /**
   * A place alone — 东湖区, 西山县, 青川市东湖区, 青川市 (`PLACE_ALONE`) — as offices write its government in a unit column
   * (newcomer31 S1: 「东湖区」 was refused while 「西山县政府」 was read): the one standing unit named the place with 人民政府 or
   * 政府 after it, the city before the place or not (青川市东湖区人民政府 for 东湖区); read as it and told (`readAs`). Two such
   * units are asked about; none: undefined (the name is refused as before, naming close units). Never 东湖区委 or 东湖区人大:
   * only a name that is the place and nothing more.
   */
  const placeGovernment = (name: string): UnitNames | undefined => {
    const place = nameWords(name);
    if (!PLACE_ALONE.test(place)) return undefined;
    const governs = (unit: DirectoryUnit) =>
      [unit.name, ...aliasesOf(unit)].some((each) => {
        const unitPlace = nameWords(each).replace(GOVERNMENT_ENDING, '');
        if (unitPlace === nameWords(each) || unitPlace.length < 2) return false;
        const [shorter, longer] = unitPlace.length <= place.length ? [unitPlace, place] : [place, unitPlace];
        return longer.endsWith(shorter) && (longer === shorter || CITY_BEFORE.test(longer.slice(0, longer.length - shorter.length)));
      });
    const found = current.filter(governs);
    if (found.length > 1) return ambiguous(name, found);
    if (found.length === 0) return undefined;
    return { ok: true, units: [{ name, unitId: found[0]!.id }], readAs: found[0]!.name };
  };
  /**
   * The standing units close to a name no unit goes by, for its refusal (newcomer31 S1: 「东湖区政府」's refusal named no unit,
   * sending the clerk to register a second 东湖区): the units whose names carry a district or county the name names (东湖区), or
   * for 区政府 / 县人民政府 without a place the governments of that level. At most five, in directory order; empty when none.
   */
  const closeUnits = (name: string): readonly DirectoryUnit[] => {
    const words = nameWords(name);
    const places = words.match(PLACE_IN_NAME) ?? [];
    let close: DirectoryUnit[] = [];
    if (places.length > 0) close = current.filter((unit) => places.some((place) => nameWords(unit.name).includes(place)));
    else {
      const level = LEVEL_GOVERNMENT.exec(words)?.[1];
      if (level) close = current.filter((unit) => unit.kind === 'COUNTY_OR_DISTRICT' && nameWords(unit.name).includes(level));
    }
    return close.slice(0, 5);
  };
  /** The one unit a name is exactly or by its short form (市财政局), else undefined: what each side of a joined name must be. */
  const plainUnit = (name: string): ResolvedUnit | undefined => {
    const exact = lookup(name);
    if (exact !== undefined) return { name, unitId: exact };
    const key = unitNameKey(name);
    const ending = endingWith(key);
    return ending.length === 1 ? { name, unitId: ending[0]!.id } : undefined;
  };
  /** Units written one after another without 、 (a space or tab between, or each after its role mark): each one unit, or undefined. */
  const runTogether = (name: string): ResolvedUnit[] | undefined => {
    const bySpace = name.trim().split(new RegExp(`${LINE_SPACE}+`, 'u'));
    const byMark = name.trim().split(new RegExp(`(?<=${ROLE_MARK_CLOSE})\\s*(?=\\S)`, 'u'));
    for (const [parts, atSpaces] of [[bySpace, true], [byMark, false]] as const) {
      if (parts.length < 2) continue;
      // At spaces by the one rule for them (`namesOneUnit`, as `unitSpacesReadByDirectory` reads a cell): never a section's name without
      // its unit (「青川市人社局 招生考试办公室」 read as 青川市人社局 and another bureau's 招生考试办公室, breaker54-10 S3).
      const units = parts.map((part) => {
        const bare = part.replace(ROLE_MARK_AFTER, '').trim();
        return atSpaces && !namesOneUnit(bare) ? undefined : plainUnit(bare);
      });
      if (units.every((unit): unit is ResolvedUnit => unit !== undefined)) return units.map((unit, index) => ({ ...unit, name: parts[index]!.trim() }));
    }
    return undefined;
  };
  /**
   * One side of a joined name: a unit exactly or by its short form, else as the name alone would be read — an abbreviation
   * of one unit (市卫计委 of a former name, breaker10n P2), a merged unit's short name (市工商局: its successor) — never a
   * collective, an ambiguous or an unconfirmed near name. Undefined otherwise.
   */
  const sideUnit = (name: string): ResolvedUnit | undefined => {
    const plain = plainUnit(name);
    if (plain) return plain;
    const alone = resolveNames(name, {}, true);
    if (!alone.ok || alone.units.length !== 1 || alone.collective || alone.joined) return undefined;
    return alone.units[0];
  };
  /**
   * 「A和B」, 「A与B」, 「A及B」, 「A以及B」, 「A会同B」 (breaker10m P1: 「青川市交通运输局与青川市财政局」 was read as the near 青川市财政局
   * alone): the units of a name that is no unit's but splits at a joining word into names each of one unit (exactly or by its
   * short form; the right side may join again); undefined otherwise. A unit's own 和 (发展和改革委员会) never splits: the whole
   * name resolves before this is asked.
   */
  const joinedUnits = (name: string): ResolvedUnit[] | undefined => {
    for (const joiner of name.matchAll(JOINING_WORDS)) {
      const left = name.slice(0, joiner.index).trim();
      const right = name.slice(joiner.index! + joiner[0].length).trim();
      if (left.length < 3 || right.length < 3) continue;
      const first = sideUnit(left);
      if (!first) continue;
      const rest = sideUnit(right);
      const others = rest ? [rest] : joinedUnits(right);
      if (others) return [first, ...others];
    }
    return undefined;
  };
  /**
   * A unit's name with a bracket naming another registered unit (breaker10m P1, P2: 「青川市财政局（青川市教育局配合）」,
   * 「青川市教育局（已移交青川市民政局）」, 「…（现由…承担）」, 「…（调整为…）」): refused naming both, since the cell does not say
   * plainly which unit does the work. A bracket with a role word only (（配合）, （牵头）) is the unit's own: read as it. Null
   * when the name has no such bracket (a second name of the same unit, 加挂牌子, or a remark, reads as before).
   */
  const bracketNamingAnother = (name: string): UnitNames | null => {
    const bracket = trailingBracket(name);
    if (!bracket || bracket.at === 0) return null;
    const outside = name.normalize('NFKC').slice(0, bracket.at).trim();
    const main = plainUnit(outside);
    if (!main) return null;
    if (ROLE_WORD_ONLY.test(bracket.inside.trim())) return { ok: true, units: [{ name, unitId: main.unitId }] };
    // A version's change mark after the unit — （新增）, （新增单位）, （调整） — is the version's, not the name's: read as the unit, no near-name question (breaker10r P26).
    if (CHANGE_MARK_ONLY.test(bracket.inside.normalize('NFKC').replace(/\s+/gu, ''))) return { ok: true, units: [{ name, unitId: main.unitId }] };
    const inside = bracket.inside.normalize('NFKC').replace(/\s+/gu, '');
    // The unit's own deadline in its bracket (breaker10q P16, breaker10r P9: 「青川市财政局（6月底前）」, （9.30前）, （立行立改）, （长期坚持）):
    // that unit's own deadline, which the import reads for its part (`ownDeadline`), never dropped nor read as a near name.
    const ownDeadline = unitDeadlineText(bracket.inside);
    if (ownDeadline !== null) return { ok: true, units: [{ name, unitId: main.unitId }], ownDeadline };
    const other =
      current.find(
        (unit) => successorOf(unit.id) !== main.unitId && [unit.name, ...aliasesOf(unit)].some((each) => [each, cityless(each)].some((form) => form.length >= 4 && inside.includes(form))),
      ) ?? otherUnitInPieces(inside, main.unitId);
    if (!other) return null;
    const mainName = byId.get(main.unitId)?.name ?? outside;
    return {
      ok: false,
      reason: `"${name}" names two units, ${mainName} and, in its bracket, ${other.name}: it does not say plainly which does the work. Name only the units that take part, each in its column (牵头单位 / 配合单位, or 「牵头单位：…；配合单位：…」)`,
      reasonZh: `“${name}”写了两个单位：“${mainName}”和括号中的“${other.name}”，无法确定由哪个单位承担。请只写承担任务的单位，各写在其列中（牵头单位、配合单位，或写成“牵头单位：…；配合单位：…”）`,
    };
  };
  /**
   * A unit of the directory other than `mainId` that a piece of a bracket names — 「（北塘区、南浦区配合）」, 「（会同市民政局）」: the bracket cut at
   * 、 ， and the like (breaker10r P5: no longer cut with the cell), each piece without 含 / 会同 / 由 before it and 配合 / 参与 / 负责 / 等
   * after, read as a place's government or a unit's short name; undefined when none.
   */
  const otherUnitInPieces = (inside: string, mainId: string): DirectoryUnit | undefined => {
    for (const raw of inside.split(/[、，,;；/]+/u)) {
      const piece = raw.replace(/^(?:含|包括|包含|会同|由|及|和|与)/u, '').replace(/(?:具体负责|负责|配合|参与|协助|协办|落实|等)+$/u, '').trim();
      if (piece.length < 2) continue;
      const unitId = plainUnit(piece)?.unitId ?? placeGovernment(piece);
      const id = typeof unitId === 'string' ? unitId : unitId?.ok && unitId.units.length === 1 ? unitId.units[0]!.unitId : undefined;
      if (id !== undefined && successorOf(id) !== mainId) return byId.get(id);
    }
    return undefined;
  };
  /**
   * The current units' names indexed for near names (`NearFormsIndex`), built on the first name no other rule resolves (most files
   * need none) and kept with the directory version (`nearIndexesOf`).
   */
  /** This day's record in the directory version's indexes (`nearIndexesOf`): by the units merged away by then. */
  let indexes: { near?: NearFormsIndex<NearEntry>; endings?: Map<string, DirectoryUnit[]> } | undefined;
  const dayIndexes = () => {
    if (indexes !== undefined) return indexes;
    const key = [...mergedInto.keys()].join('\u0000');
    indexes = nearIndexes.get(key);
    if (indexes === undefined) nearIndexes.set(key, (indexes = {}));
    return indexes;
  };
  const nearIndex = (): NearFormsIndex<NearEntry> => {
    const day = dayIndexes();
    if (day.near === undefined) {
      day.near = new NearFormsIndex<NearEntry>();
      for (const unit of current) {
        for (const named of [...aliasesOf(unit), unit.name]) {
          const forms = nameForms(named);
          day.near.add(forms, { unit, forms });
        }
      }
    }
    return day.near;
  };
  /**
   * The current units whose name's key (`unitNameKey`) ends with `key` (3 characters or more), in the directory's order: looked up
   * among the names' endings, never by normalising every unit's name for every name a file gives (breaker55-10 S3).
   */
  const endingWith = (key: string): readonly DirectoryUnit[] => {
    const day = dayIndexes();
    if (day.endings === undefined) {
      day.endings = new Map();
      for (const unit of current) {
        const own = unitNameKey(unit.name);
        for (let at = 0; at + 3 <= own.length; at += 1) {
          const ending = own.slice(at);
          const units = day.endings.get(ending);
          if (units === undefined) day.endings.set(ending, [unit]);
          else if (units.at(-1) !== unit) units.push(unit);
        }
      }
    }
    return key.length >= 3 ? (day.endings.get(key) ?? []) : [];
  };
  /** Each name's near units with the forms of theirs it is near (in the directory's order), once per name: a file names a unit on many rows. */
  const nearByName = new Map<string, readonly NearUnit[]>();
  const nearUnits = (name: string): readonly NearUnit[] => {
    let found = nearByName.get(name);
    if (found === undefined) {
      const byUnit = new Map<DirectoryUnit, NameForms[]>();
      for (const { unit, forms } of nearIndex().near(nameForms(name))) byUnit.set(unit, [...(byUnit.get(unit) ?? []), forms]);
      found = [...byUnit].map(([unit, forms]) => ({ unit, forms }));
      nearByName.set(name, found);
    }
    return found;
  };
  /**
   * 各科室 (breaker10 F14): the sections (科, 室, 处, 股) directly under one unit — the unit named
   * before it (财政局各科室), else the row's lead unit — never every section in the directory.
   */
  /**
   * 各区县教育局 (`body` 教育局): for every county or district government of the day, the one unit under it (or named after its place)
   * whose name ends in `body` — collective, told as 市直各部门 is; refused for what it is when a county has none or several, or
   * when no county has one (各区县教育主管部门: a kind of body, not a name), never with advice to register it (breaker43-10 F7).
   */
  const countiesOwn = (name: string, body: string): UnitNames => {
    const counties = existing.filter((unit) => unit.kind === 'COUNTY_OR_DISTRICT');
    const placeOf = (county: DirectoryUnit) => nameWords(county.name).replace(GOVERNMENT_ENDING, '');
    const owned = counties.map((county) => ({
      county,
      units: existing.filter(
        (unit) => unit.id !== county.id && nameWords(unit.name).endsWith(body) && (ancestorsOf(unit).some((ancestor) => ancestor.id === county.id) || nameWords(unit.name).startsWith(placeOf(county))),
      ),
    }));
    if (counties.length > 0 && owned.every(({ units }) => units.length === 1)) {
      // A county registered since, or its unit of that name: not in it, told.
      const ownedAfter = (unit: DirectoryUnit) =>
        unit.kind === 'COUNTY_OR_DISTRICT'
          ? false
          : nameWords(unit.name).endsWith(body) &&
            current.some((county) => county.kind === 'COUNTY_OR_DISTRICT' && county.id !== unit.id && (ancestorsOf(unit).some((ancestor) => ancestor.id === county.id) || nameWords(unit.name).startsWith(placeOf(county))));
      return { ok: true, units: owned.map(({ units }) => ({ name: units[0]!.name, unitId: units[0]!.id })), collective: true, ...registeredAfter(ownedAfter) };
    }
    const found = owned.filter(({ units }) => units.length > 0);
    if (found.length === 0) return collectiveOfAKind(name);
    const missing = owned.filter(({ units }) => units.length !== 1).map(({ county, units }) => `${county.name}${units.length === 0 ? '（没有）' : `（${units.length} 个：${units.map((unit) => unit.name).join('、')}）`}`);
    return {
      ok: false,
      reason: `"${name}" means each county's or district's unit ending in ${body}, but not every county or district has exactly one in the directory (${missing.join(', ')}): name the units (separated by 、)`,
      reasonZh: `“${name}”指各区县的${body}，但单位名录中并非每个区县都恰有一个（${missing.join('、')}）：请写明具体单位（用“、”分隔）`,
    };
  };

  const sectionsNamed = (name: string, parentName: string, context: NamingContext): UnitNames => {
    let parentIds: readonly string[];
    if (parentName !== '') {
      const parent = resolveNames(parentName);
      if (!parent.ok || parent.collective || parent.units.length !== 1) {
        return parent.ok
          ? { ok: false, reason: `"${name}": "${parentName}" is not one unit`, reasonZh: `“${name}”：“${parentName}”不是一个单位` }
          : { ok: false, reason: `"${name}": ${parent.reason}`, reasonZh: `“${name}”：${parent.reasonZh}` };
      }
      parentIds = [parent.units[0]!.unitId];
    } else if ((context.leadUnitIds ?? []).length > 0) {
      parentIds = context.leadUnitIds!;
    } else {
      return {
        ok: false,
        reason: `"${name}" does not say whose sections: write the unit before it (e.g. 青川市财政局各科室), or name the sections`,
        reasonZh: `“${name}”未说明是哪个单位的科室：请写成“某单位各科室”（如 青川市财政局各科室），或写明各科室名称`,
      };
    }
    const parents = parentIds.map((id) => byId.get(id)?.name ?? id).join('、');
    // A department or government under another unit (政务公开办公室 under the general office) is not its section.
    const isSection = (unit: DirectoryUnit) => Boolean(unit.parentUnitId && parentIds.includes(unit.parentUnitId) && SECTION_NAME.test(unit.name) && (unit.kind === undefined || unit.kind === 'OTHER'));
    const members = existing.filter(isSection);
    const later = registeredAfter(isSection);
    if (members.length === 0) {
      const words = laterWords(later);
      return {
        ok: false,
        reason: `"${name}" means the sections under ${parents}, and the directory has none${words.en}: register them, or name the units`,
        reasonZh: `“${name}”指${parents}下属的科室，但单位名录中没有${words.zh}：请先登记这些科室，或写明具体单位`,
      };
    }
    return { ok: true, units: members.map((unit) => ({ name: unit.name, unitId: unit.id })), collective: true, ...later };
  };
  /**
   * The directory's units by their names' keys (`unitNameKey`), in its order, built on the first name asked about (a file asks for
   * every name it reads: breaker55-10 S3): `merged`, the first merged unit of each name; `formerly`, the units not merged by a
   * former name.
   */
  let keyed: { merged: Map<string, DirectoryUnit>; formerly: Map<string, DirectoryUnit[]> } | undefined;
  const namesKeyed = () => {
    if (keyed !== undefined) return keyed;
    keyed = { merged: new Map(), formerly: new Map() };
    for (const unit of list) {
      if (unit.mergedIntoUnitId) {
        for (const named of [...aliasesOf(unit), unit.name]) if (!keyed.merged.has(unitNameKey(named))) keyed.merged.set(unitNameKey(named), unit);
        continue;
      }
      for (const former of unit.formerNames ?? []) {
        const units = keyed.formerly.get(unitNameKey(former));
        if (units === undefined) keyed.formerly.set(unitNameKey(former), [unit]);
        else if (units.at(-1) !== unit) units.push(unit);
      }
    }
    return keyed;
  };
  const mergedAway = (name: string): MergedName | undefined => {
    // By name only: a merged unit's code stays its own (see `unitLookupFrom`).
    // Merged before the lookup's day or since: either way the part ends with the successor (from the merge day).
    const unit = namesKeyed().merged.get(unitNameKey(name));
    if (!unit) return undefined;
    let successor = unit;
    for (let hops = 0; successor.mergedIntoUnitId && byId.has(successor.mergedIntoUnitId) && hops < list.length; hops += 1) successor = byId.get(successor.mergedIntoUnitId)!;
    return successor.id !== unit.id ? { name: unit.name, successorName: successor.name, mergedOn: unit.mergedOn ?? null } : undefined;
  };
  const renamedAway = (name: string): RenamedName | undefined => {
    const key = unitNameKey(name);
    for (const unit of namesKeyed().formerly.get(key) ?? []) {
      if (unitNameKey(unit.name) === key) continue;
      const names = [...(unit.names ?? [])].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
      const at = names.findLastIndex((named) => unitNameKey(named.name) === key);
      const renamedOn = at >= 0 ? names[at + 1]?.from : undefined;
      if (renamedOn === undefined || (on !== undefined && on < renamedOn)) continue;
      return { name, unitName: nameOn(names, on) ?? unit.name, renamedOn };
    }
    return undefined;
  };
  let byOtherName: Map<string, { readonly unit: DirectoryUnit; readonly kind: 'SHORT_NAME' | 'EARLIER_NAME' }> | undefined;
  const otherNameOf = (name: string): OtherNameRead | undefined => {
    if (!byOtherName) {
      byOtherName = new Map();
      for (const unit of list) for (const other of unit.otherNames ?? []) byOtherName.set(unitNameKey(other.name), { unit, kind: other.kind });
    }
    const found = byOtherName.get(unitNameKey(name));
    if (!found) return undefined;
    const reads = byId.get(successorOf(found.unit.id)) ?? found.unit;
    const unitName = nameOn(reads.names ?? [], on) ?? reads.name;
    return { name: name.trim(), unitName, kind: found.kind, ...(reads.id === found.unit.id ? {} : { mergedName: found.unit.name }) };
  };
  return Object.assign(lookup, { resolveNames, mergedAway, renamedAway, namesOneUnit, otherNameOf });
}

/** What is before a unit's name without its place (`withoutItsPlace`): the name of a province, city, county or district. */
const PLACE_END = /[省市州县区旗]$/u;
/**
 * The unit name `full` (a `unitNameKey`, spaces out) without its place, wholly or in part, three characters at least: 乙务局 and 市乙务局
 * of 青川市乙务局 — never a section's name without its unit (招生考试办公室 of 青川市教育局招生考试办公室: 青川市教育局 is no place).
 */
function placeless(full: string): string[] {
  const forms: string[] = [];
  for (let at = 1; at <= full.length - 3; at += 1) {
    const short = full.slice(at);
    if (PLACE_END.test(full.slice(0, at)) || /^[市州县区]/u.test(short)) forms.push(short);
  }
  return forms;
}

/** A place and nothing more: 东湖区, 西山县, 青川市东湖区, 青川市, 江口市 (the city before a district or county may be written). */
const PLACE_ALONE = /^(?:[\u4e00-\u9fff]{2,4}?市)?[\u4e00-\u9fff]{2,4}?[区县市]$/u;
/** A government's name after its place: 人民政府 or 政府. */
const GOVERNMENT_ENDING = /(?:人民)?政府$/u;
/** A city's words before a district's or county's (青川市). */
const CITY_BEFORE = /^[\u4e00-\u9fff]{2,4}?市$/u;
/** A district or county a name names (东湖区, 西山县): two characters and 区 or 县, as `near-unit-names` reads places. */
const PLACE_IN_NAME = /[\u4e00-\u9fff]{2}[区县]/gu;
/** 区政府, 县人民政府, 区 (without a place): the governments of that level. */
const LEVEL_GOVERNMENT = /^(?:[\u4e00-\u9fff]{1,4}?市)?([区县])(?:人民)?政府$/u;

/** A role mark closing a unit's name: （配合）, (牵头), 【协办】. */
const ROLE_MARK_AFTER = new RegExp(`\\s*[（(【〔［\\[]\\s*(?:${LEAD_MARK_WORDS}|${OTHER_MARK_WORDS})\\s*[）)】〕］\\]]\\s*$`, 'u');
const ROLE_MARK_CLOSE = `(?:${LEAD_MARK_WORDS}|${OTHER_MARK_WORDS})\\s*[）)】〕］\\]]`;

/** 「同上」, 「〃」: the cell above repeated by a word (breaker10q P23, BB-same-as-above.xlsx). */
const DITTO = /^(?:同上|同上行|同前|〃|″|"|＂)$/u;
/** 「市直有关部门」, 「各成员单位」, 「相关单位」: units the cell does not name (breaker10q P12). */
/** 各区县 + a unit's name (各区县教育局, 各县（市、区）政府办公室): `body` the name each county's or district's unit ends in. */
const COUNTY_COLLECTIVE = /^各(?:区县|县区|县市区|县\(市、区\)|区县\(市\)|县\(市,区\))(?<body>\p{Script=Han}.*)$/u;
/** The body that is the county's government itself: 各区县政府 (`COLLECTIVE_NAMES`). */
const GOVERNMENT_ONLY = /^(?:人民)?政府$/u;
/** 各乡镇（街道）, 各街道, 各村（社区）, 各区县教育主管部门: 各 + a kind of body, which the directory cannot tell. */
const OF_A_KIND = /^各\p{Script=Han}/u;

/**
 * The refusal of a collective name the directory cannot expand (各乡镇（街道）, 各区县教育主管部门): said for what it is, with the
 * collective names that do expand, never with advice to register it (breaker43-10 F7).
 */
const collectiveOfAKind = (name: string): UnitNames => ({
  ok: false,
  reason: `"${name}" names a kind of unit, not units the directory can list: name the units (separated by 、); the collective names an import expands are 市直各部门, 各区县政府, 各区县 + a unit's name (各区县教育局) and a unit's 各科室`,
  reasonZh: `“${name}”是一类单位的统称，单位名录无法确定是哪些单位：请写明具体单位（用“、”分隔）；导入能展开的统称只有“市直各部门”“各区县政府”“各区县＋单位名称”（如 各区县教育局）和“某单位各科室”`,
});

const VAGUE_UNITS = /^(?:市直|市级|市|各区县|区县)?各?(?:有关|相关|成员|责任|相关责任|领导小组成员|专项小组成员)(?:部门|单位|部门和单位|单位和部门)$/u;
/** 「青川市教育局等」, 「青川市财政局等单位」, 「…等3个单位」: a list cut short by 等. */
const ET_CETERA = /^(.+?)\s*等(?:\s*\d+\s*个)?(?:相关|有关)?(?:单位|部门)?$/u;

/**
 * A unit cell's words that name no unit and are no unit's name to register (breaker10q P12, P23): 同上 (the cell above by a
 * word), 「市直有关部门」 and the like (which units is not said), 「青川市教育局等」 (the others left out). Undefined for anything else.
 */
function notAUnitsName(name: string, isUnit: (name: string) => boolean): UnitNames | undefined {
  const text = name.trim();
  if (DITTO.test(text)) {
    return {
      ok: false,
      reason: `"${text}" repeats the cell above by a word: an import does not read it so. Write the units (copy them from the row above)`,
      reasonZh: `“${text}”表示同上一行，导入不按“同上”读取：请写出该单位（可从上一行复制）`,
    };
  }
  if (VAGUE_UNITS.test(text)) {
    return {
      ok: false,
      reason: `"${text}" does not say which units: name them (separated by 、); for every city department write 市直各部门, for every county and district government 各区县政府`,
      reasonZh: `“${text}”没有说明是哪些单位：请写明具体单位（用“、”分隔）；如指全部市直部门，可写“市直各部门”；如指全部区县政府，可写“各区县政府”`,
    };
  }
  const etc = ET_CETERA.exec(text);
  if (etc && isUnit(etc[1]!.trim())) {
    return {
      ok: false,
      reason: `"${text}": 等 says more units take part than are named. List every unit (separated by 、), without 等`,
      reasonZh: `“${text}”中的“等”表示还有其他单位：请列出全部单位（用“、”分隔），不写“等”`,
    };
  }
  return undefined;
}

/**
 * Quotation marks around a unit's whole name, as written and as NFKC reads them: “” ‘’ "" '' ＂＂, and 「」 『』 (brackets of a remark
 * after a name, `BRACKET_PAIRS`, but quotation marks around a whole one).
 */
const QUOTES_AROUND = /^\s*(?:[“”‘’"'＂＇](.*?)[“”‘’"'＂＇]|「([^「」]*)」|『([^『』]*)』)\s*$/su;
/** A quotation mark left at one end of a name (the cell's other name took its pair: 「“A、B”」 splits into 「“A」 and 「B”」). */
const QUOTE_AT_END = /^\s*[“‘"'＂＇]+|[”’"'＂＇]+\s*$/gu;

/**
 * Quotation marks around a unit's name followed by a bracket (its own deadline, a remark): 「"青川市教育局"（2027年3月31日）」, as Word
 * pastes such a cell (breaker50-10 M2: refused as an unknown unit, though each alone is read).
 */
const QUOTED_BEFORE_BRACKET = /^\s*(?:[“”‘’"'＂＇]([^“”‘’"'＂＇]+)[“”‘’"'＂＇]|「([^「」]*)」|『([^『』]*)』)\s*([（(【［\[][^]*[）)】］\]])\s*$/u;

/**
 * The name without the quotation marks around it or left at either end (`QUOTES_AROUND`, `QUOTE_AT_END`), or around it before a
 * bracket (`QUOTED_BEFORE_BRACKET`: the name and its bracket); as it is otherwise. Pure.
 */
export function withoutQuotes(name: string): string {
  const quoted = QUOTES_AROUND.exec(name);
  const around = quoted?.[1] ?? quoted?.[2] ?? quoted?.[3];
  if (around === undefined) {
    const before = QUOTED_BEFORE_BRACKET.exec(name);
    const named = before?.[1] ?? before?.[2] ?? before?.[3];
    if (named !== undefined && named.trim() !== '') return `${named.trim()}${before![4]}`;
  }
  return (around ?? name).replace(QUOTE_AT_END, '').trim();
}

/** Spaces between two Chinese characters, or between one and an opening bracket (ASCII or full-width U+3000): no part of a unit's name. */
const SPACE_BETWEEN_HAN = /(?<=\p{Script=Han})[\s\u3000]+(?=[\p{Script=Han}（(【［[〔﹝｛{])/gu;
/** A role word after a unit's name without a bracket: 牵头, 负责, 牵头负责, 主责, 主办, 配合, 协办, 参与, 协助 (`LEAD_MARK_WORDS`, `OTHER_MARK_WORDS`). */
const ROLE_WORD_AFTER = new RegExp(`\\s*(?:${LEAD_MARK_WORDS}|${OTHER_MARK_WORDS})$`, 'u');

/** Words joining two units' names in one cell (「A和B」, 「A与B」, 「A及B」, 「A以及B」, 「A会同B」), longest first. */
const JOINING_WORDS = /以及|会同|和|与|及/gu;
/** A bracket after a unit's name that only says its role (（配合）, （牵头）, （协办）): the unit's own. */
const ROLE_WORD_ONLY = new RegExp(`^(?:${LEAD_MARK_WORDS}|${OTHER_MARK_WORDS})$`, 'u');
/** A month and day written with a dot, as 分工 tables write a unit's own deadline: 9.30, 9.30前, 10.15前完成 (breaker10r P9). */
const DOTTED_DAY = /^(\d{1,2})[.．](\d{1,2})(日)?(前|之前|以前)?(完成)?$/u;

/**
 * The deadline a unit's bracket gives that unit, as words `readDeadline` reads (9.30前 → 9月30日前), or null when the bracket is no
 * deadline (a role mark, a remark, another unit): 6月底前, 2026年9月30日, 三季度, 9.30前, 立行立改, 长期坚持, 常态化, 每季度 (breaker10r P9).
 */
export function unitDeadlineText(inside: string): string | null {
  const text = inside.normalize('NFKC').replace(/\s+/gu, '');
  if (text === '') return null;
  const dotted = DOTTED_DAY.exec(text);
  const words = dotted ? `${Number(dotted[1])}月${Number(dotted[2])}日${dotted[4] ?? ''}${dotted[5] ?? ''}` : text;
  if (dotted && (Number(dotted[1]) < 1 || Number(dotted[1]) > 12 || Number(dotted[2]) < 1 || Number(dotted[2]) > 31)) return null;
  return readDeadline(words, { year: 2000 }).ok ? words : null;
}

/** A version's change mark in a unit's bracket: （新增）, （新增单位）, （本次新增）, （2026年新增）, （新）, （调整）, （调整后） (breaker10r P26). */
const CHANGE_MARK_ONLY = /^(?:本次|本年度?|\d{4}年)?(?:新增|新加|增加|增补|补充|新)(?:单位|部门)?$|^(?:调整|调整后|变更)$/u;

/** A name without its city (青川市财政局 → 市财政局), as brackets often write another unit. */
const cityless = (name: string): string => name.replace(/^[\u4e00-\u9fff]{1,4}?市(?=[\u4e00-\u9fff]{2})/u, '市');

/** 各科室 / 各处室 / 各股室 / 各内设机构, with the unit whose sections are meant before it or not. */
const SECTIONS = /^(.*?)各(?:科室|处室|股室|内设机构)$/;
/** A section's name ends in 科, 室, 处 or 股. */
const SECTION_NAME = /[科室处股]$/;

/** Collective names offices write for many units at once, and who they mean. */
const COLLECTIVE_NAMES: readonly {
  pattern: RegExp;
  means: string;
  meansZh: string;
  /** What to write instead when the directory holds none of them. */
  instead: string;
  insteadZh: string;
  member: (unit: DirectoryUnit, ancestors: readonly DirectoryUnit[]) => boolean;
}[] = [
  {
    pattern: /^各(?:区县|县区|县市区|县\(市、区\)|区县\(市\)|县（市、区）|区县（市）)(?:人民)?(?:政府)?$/,
    means: 'every county and district government (units of the kind COUNTY_OR_DISTRICT)',
    meansZh: '全部区县人民政府（单位名录中类型为“区县”的单位）',
    instead:
      'write in the cell the county and district governments meant, by name (separated by 、), or register them in the directory first, kind COUNTY_OR_DISTRICT, and import again',
    insteadZh: '请在该单元格中写明具体的区县人民政府（用“、”分隔），或先在单位名录中登记各区县人民政府（类型选“区县”）后再导入',
    member: (unit) => unit.kind === 'COUNTY_OR_DISTRICT',
  },
  {
    pattern: /^(?:市直)?各(?:部门|单位)$|^市直各(?:部门|单位)(?:和单位)?$/,
    means: 'every department of the city itself (DEPARTMENT, not under a county or district)',
    meansZh: '市直各部门（不含区县所属部门）',
    instead: 'write in the cell the departments meant, by name (separated by 、), or register them in the directory first, kind DEPARTMENT, and import again',
    insteadZh: '请在该单元格中写明具体的部门（用“、”分隔），或先在单位名录中登记市直各部门（类型选“部门”）后再导入',
    // 市直 is the city's own: a district's bureau under its government is not one (breaker10 F13).
    member: (unit, ancestors) => unit.kind === 'DEPARTMENT' && !ancestors.some((ancestor) => ancestor.kind === 'COUNTY_OR_DISTRICT'),
  },
];

/** The lookup as of office day `day` when it knows days (`unitLookupFrom`), else as it is. */
export const lookupOn = (lookup: UnitLookup, day: string | undefined): UnitLookup => (day !== undefined && lookup.on ? lookup.on(day) : lookup);

/** The ids of the one unit `name` gives (a full or short name); empty for no unit or a collective name (各区县政府). */
export function unitIdsOf(lookup: UnitLookup, name: string): readonly string[] {
  const names = unitNamesOf(lookup, name);
  return names.ok && !names.collective ? names.units.map((unit) => unit.unitId) : [];
}

/** `lookup`'s reading of a name: with its `resolveNames` when it has one, else exact names only. */
export function unitNamesOf(lookup: UnitLookup, name: string, context?: NamingContext): UnitNames {
  if (lookup.resolveNames) return lookup.resolveNames(name, context);
  const unitId = lookup(name);
  return unitId === undefined
    ? notInDirectory(name)
    : { ok: true, units: [{ name, unitId }] };
}

/** A unit of the directory with the forms of its names (current and former) compared with a file's name. */
interface NearUnit {
  readonly unit: DirectoryUnit;
  readonly forms: readonly NameForms[];
}

/** The reading of a name near one unit's that does not abbreviate it (`NearMiss`), refused until confirmed. */
const nearButLonger = (near: NearMiss): UnitNames => ({
  ok: false,
  reason: `"${near.name}" is not a name in the directory; it is near ${near.unitName} (code ${near.unitCode}) but no abbreviation of it${near.beyond ? ` (it adds ${near.beyond})` : ''}`,
  reasonZh: `“${near.name}”不在单位名录中，与已登记的“${near.unitName}”（编码 ${near.unitCode}）相近，但${near.beyond ? `多出“${near.beyond}”，` : ''}不是其简称`,
  near,
});

/**
 * The problem of an import row naming a unit by a name near a registered one's that does not abbreviate it (`NearMiss`,
 * newcomer25 S8: 青川市教育体育局 was imported as 青川市教育局's work), in both languages, with the three ways on: confirm it
 * means that unit (the 导入 page's 按相近单位读取 on the row, the API's `nearNames`, the tools' --near), rename the unit in
 * the directory, or register the other unit. `nearName`: the name the page's confirmation sends. `roleEn`/`roleZh` as in
 * `unknownUnitProblem`.
 */
export function nearNameProblem(near: NearMiss, roleEn: string, roleZh: string): { reason: string; reasonZh: string; nearName: string } {
  const beyond = near.beyond ? `, but it adds ${near.beyond}` : '';
  const beyondZh = near.beyond ? `但多出“${near.beyond}”，` : '但';
  return {
    reason:
      `The ${roleEn} "${near.name}" is not in the directory. It is near ${near.unitName} (code ${near.unitCode})${beyond}: no abbreviation of it, so not read as it. ` +
      `If it means that unit, confirm it (the 导入 page: 按相近单位读取 on this row; the API: nearNames; the tools: --near) and import again; ` +
      `if it is a short or earlier name the office uses for that unit, record it for the unit (单位名录 page, 简称/曾用名), and every file reads it so; if that unit was renamed so, rename it in the directory first; if it is another unit, register it first.`,
    reasonZh:
      `${roleZh}“${near.name}”不在单位名录中。它与已登记的“${near.unitName}”（编码 ${near.unitCode}）相近，${beyondZh}不是其简称，未按该单位读取：` +
      `如确指该单位，请在导入页面对“${near.name}”勾选“按相近单位读取”后重新导入；如是本办对该单位的简称或曾用名，请在“单位名录”页面为该单位登记（此后各文件均按该单位读取）；如是该单位更名后的名称，请先在单位名录中为其更名；如是另一个单位，请先在单位名录中登记后再导入。`,
    nearName: near.name,
  };
}

/** A name that could be any of `candidates` (two short or near names): refused naming them all. */
const ambiguous = (name: string, candidates: readonly DirectoryUnit[]): UnitNames => ({
  ok: false,
  reason: `"${name}" is ambiguous: it could be ${candidates.map((unit) => unit.name).join(', ')}; write the full name`,
  reasonZh: `“${name}”可能指${candidates.map((unit) => unit.name).join('、')}，无法确定，请写全称`,
});

/**
 * The notice an import gives for a name read as a near unit's (`UnitNames.readAs`: 市发改委 → 青川市发展和改革委员会), so the clerk
 * sees which unit the file's name was taken for; null for a name read any other way.
 */
export function nearReadingNotice(name: string, named: UnitNames): { reason: string; reasonZh: string } | null {
  if (named.ok && named.removed) return removedUnitNotice(named.removed);
  if (named.ok && named.formerName) return formerNameNotice(name, named.formerName);
  if (named.ok && named.joined) return joinedNamesNotice(name, named.units);
  if (named.ok && named.mergedFrom) {
    const { name: mergedName, successorName, mergedOn } = named.mergedFrom;
    return {
      reason: `"${name}" is not a name in the directory; it shortens ${mergedName}, merged into ${successorName}${mergedOn ? ` on ${mergedOn}` : ''}: read as ${successorName}, which does its work.`,
      reasonZh: `“${name}”不是单位名录中的名称，是“${mergedName}”的简称；该单位${mergedOn ? `已于 ${mergedOn} ` : '已'}并入${successorName}，已按${successorName}读取，由其承担任务。`,
    };
  }
  if (!named.ok || named.readAs === undefined) return null;
  if (named.confirmed) {
    return {
      reason: `"${name}" is not a name in the directory; read as the near unit ${named.readAs}, as confirmed for this import (nearNames).`,
      reasonZh: `“${name}”不是单位名录中的名称，已按确认读作相近的“${named.readAs}”。`,
    };
  }
  return {
    reason: `"${name}" is not a name in the directory; read as the near unit ${named.readAs} (the only unit whose name it may abbreviate). If it is another unit, register it first.`,
    reasonZh: `“${name}”不是单位名录中的名称，已按名称相近的“${named.readAs}”处理（名录中只有该单位与之相近）；如是另一个单位，请先登记该单位再导入。`,
  };
}

/**
 * The notice for a unit marked off its row (`UnitNames.removed`, breaker10r P26): it gets no part; a revision takes its part off the
 * item as for a unit the new version leaves out.
 */
export function removedUnitNotice(removed: NonNullable<Extract<UnitNames, { ok: true }>['removed']>): { reason: string; reasonZh: string } {
  const units = removed.unitNames.join('、');
  return {
    reason: `"${removed.name}${removed.mark}": marked ${removed.mark}, so ${units} is given no part of this row (a revision takes its part off, as for a unit the new version leaves out). If it does take part, remove the mark.`,
    reasonZh: `“${removed.name}${removed.mark}”标注为${removed.mark}：${units}不承担本行任务，未为其安排任务（修订方案时按新版本删去的单位处理）。如该单位仍承担，请删去标注后重新导入。`,
  };
}

/**
 * The notice for a name marked as the unit's former one (`UnitNames.formerName`: 「市经信委（原）」): which unit it was read as, and why —
 * renamed since, merged into another, or still so named in the directory (then: rename it there if it was renamed).
 */
function formerNameNotice(name: string, former: NonNullable<Extract<UnitNames, { ok: true }>['formerName']>): { reason: string; reasonZh: string } {
  const { unitName, mergedFrom } = former;
  if (mergedFrom) {
    const day = mergedFrom.mergedOn;
    return {
      reason: `"${name}" is marked as a former name: ${mergedFrom.name} was merged into ${unitName}${day ? ` on ${day}` : ''}; read as ${unitName}, which does its work.`,
      reasonZh: `“${name}”标注为原名称：${mergedFrom.name}${day ? `已于 ${day} ` : '已'}并入${unitName}，已按${unitName}读取，由其承担任务。`,
    };
  }
  if (former.renamed) {
    return {
      reason: `"${name}" is marked as a former name: it is the name ${unitName} had before its rename; read as ${unitName}.`,
      reasonZh: `“${name}”标注为原名称：是“${unitName}”更名前的名称，已按该单位读取。`,
    };
  }
  return {
    reason: `"${name}" is marked as a former name, but the directory still names the unit so: read as ${unitName}. If it was renamed, rename it in the directory.`,
    reasonZh: `“${name}”标注为原名称，但单位名录中该单位仍名为“${unitName}”：已按该单位读取；如该单位已更名，请在单位名录中为其更名。`,
  };
}

/** A former-name mark on a unit's name (`formerMarkOf`): the name without it, the mark as written, and whether it led the name (原市经信委). */
interface FormerMark {
  readonly name: string;
  readonly mark: string;
  readonly leading?: true;
}

/** The words of a bracket after a unit's name that call the name a former one: （原）, （原名）, （原称）, （原单位）, （原名称）, （旧称）, （更名前）. */
/** The last line of a name when it is only a bracket calling a name a former one: 「⏎（原青川市戊务局）」, 「⏎(原)」, 「⏎【曾用名：…】」 — wrapped inside too (「⏎（原⏎青川市巳务局）」, breaker53-10 M4). */
const FORMER_NAME_LINE = /\n([（(【〔［[]\s*(?:原|曾用名|原名|原称|旧称|旧名|更名前)[^（()）【】〔〕［\]]*[）)】〕］\]])$/u;
const FORMER_MARK_ONLY = /^(?:原|原名|原称|原单位|原名称|原机构|旧称|旧名|更名前|更名前名称)$/u;

/**
 * A unit's name marked as the unit's former one (session 35, import10e): 「市经信委（原）」 (in any bracket, `FORMER_MARK_ONLY`) or
 * 「原市经信委」 (原 before a name of at least three characters). Null for any other name. Pure.
 */
export function formerMarkOf(name: string): FormerMark | null {
  const bracket = trailingBracket(name);
  if (bracket && bracket.at > 0 && FORMER_MARK_ONLY.test(bracket.inside.normalize('NFKC').replace(/\s+/gu, ''))) {
    const written = name.normalize('NFKC').length === name.length ? name : name.normalize('NFKC');
    return { name: written.slice(0, bracket.at).trim(), mark: written.slice(bracket.at).trim() };
  }
  const leading = /^\s*原\s*(?=[\u4e00-\u9fff]{3})/u.exec(name);
  return leading ? { name: name.slice(leading[0].length).trim(), mark: '原', leading: true } : null;
}

/** The notice for 「A和B」 read as two units (breaker10m P1): the clerk sees each unit gets its own part. */
function joinedNamesNotice(name: string, units: readonly ResolvedUnit[]): { reason: string; reasonZh: string } {
  return {
    reason: `"${name}" is read as ${units.length} units, each with its own part: ${units.map((unit) => unit.name).join(', ')}.`,
    reasonZh: `“${name}”按 ${units.length} 个单位读取，各有其任务：${units.map((unit) => unit.name).join('、')}。`,
  };
}

/**
 * The refusal of a text with a run longer than any unit's name (`longestNameRun` over `MAX_UNIT_NAME_CHARS`), quoting its start
 * only and saying how long it is: no unit, and nothing of the directory compared with it (breaker53-10 S4).
 */
const overlongName = (name: string): UnitNames => ({
  ok: false,
  reason: `"${quotedStart(name)}" (${name.length} characters) is no unit's name: no name in the directory is longer than ${MAX_UNIT_NAME_CHARS} characters; write only the units' names, separated by 、`,
  reasonZh: `“${quotedStart(name)}”共 ${name.length} 个字，不像单位名称（单位名称最多 ${MAX_UNIT_NAME_CHARS} 个字）：请只写单位名称，多个单位用“、”分隔`,
});

const notInDirectory = (name: string, close: readonly DirectoryUnit[] = []): UnitNames => ({
  ok: false,
  reason: `"${name}" is not the name, former name or code of a unit in the directory${close.length > 0 ? ` (close: ${close.map((unit) => `${unit.name}, code ${unit.code}`).join('; ')})` : ''}`,
  reasonZh: `“${name}”不是单位名录中任何单位的名称、曾用名或编码${close.length > 0 ? `（相近的单位：${close.map((unit) => `${unit.name}（编码 ${unit.code}）`).join('、')}）` : ''}`,
  unknown: true,
  ...(close.length > 0 ? { close: close.map((unit) => ({ name: unit.name, code: unit.code })) } : {}),
});

/** A unit a collective name left out because it was registered after the lookup's day: its name and `registeredOn` (`YYYY-MM-DD`), and that day (`on`). */
export interface RegisteredLater {
  readonly name: string;
  readonly registeredOn: string;
  readonly on: string;
}

/** A unit as the file named it and the id it resolved to. */
export interface ResolvedUnit {
  readonly name: string;
  readonly unitId: string;
}

/**
 * `第 4 行：“市直各部门”即 12 个单位：…`: the units a collective name stands for, named in an import's answer — plans' and 台账's
 * alike (breaker43-10 F8: a 台账 expanded 各区县政府 without a word), and the units registered after the day it was read as of,
 * left out (`registeredLater`, breaker43-10 F4). `sheet` when the row is one of several sheets'. `role` 'lead':
 * the name was written as 牵头单位, and every one of its units leads (联合牵头) — said so.
 */
export function collectiveNotice(
  row: number,
  name: string,
  named: { readonly units: readonly ResolvedUnit[]; readonly registeredLater?: readonly RegisteredLater[] },
  sheet?: string,
  role?: 'lead',
): { row: number; reason: string; reasonZh: string; sheet?: string } {
  const names = named.units.map((unit) => unit.name);
  const leading = role === 'lead' && names.length > 1;
  const later = named.registeredLater ?? [];
  // Units registered after the day are not in it: named with their day, so an office that meant them adds them (breaker43-10 F4).
  const laterEn = later.length === 0 ? '' : ` Not included, registered after the assignment day ${later[0]!.on}: ${later.map((unit) => `${unit.name} (registered ${unit.registeredOn})`).join(', ')}.`;
  const laterZh = later.length === 0 ? '' : `交办日期 ${later[0]!.on} 之后登记的${later.map((unit) => `${unit.name}（${unit.registeredOn} 登记）`).join('、')}不在其中。`;
  return {
    row,
    reason: `"${name}" stands for ${names.length} unit(s): ${names.join(', ')}${leading ? ' — each leads (joint leads)' : ''}.${laterEn}`,
    reasonZh: `“${name}”即 ${names.length} 个单位：${names.join('、')}${leading ? '，均为牵头单位（联合牵头）' : ''}。${laterZh}`,
    ...(sheet === undefined ? {} : { sheet }),
  };
}

/** A unit's name as the units import registers it (`nameToRegister`): the name, and what was taken off it, told; or why it is no unit's name. */
export type NameToRegister =
  | { readonly ok: true; readonly name: string; readonly notice?: { readonly reason: string; readonly reasonZh: string } }
  | { readonly ok: false; readonly reason: string; readonly reasonZh: string };

/**
 * The name a 单位名录 row registers, read by the rules plans and 台账 read names by (breaker50-10 S4: the units import took
 * 「各区县政府」, 「青川市水务局牵头」, 「“青川市审计局”」 and 「青川市统计局（原青川市统计办）」 literally — after which 各区县政府 in every plan
 * meant that one phantom unit). Quotation marks around the name (`withoutQuotes`), spaces between Chinese characters, a role word
 * after it, bracketed or bare (（牵头）, 【配合】, 牵头 …: `roleMarkAfter`, also on a line of its own) and a bracket calling a name a
 * former one (（原青川市统计办）, （原）) are taken off and told; a collective name (各区县政府, 市直各部门, 各科室: `COLLECTIVE_NAMES`) and two
 * names in one cell (「A、B」, a name on each line: breaker51-10 S2) are refused, as no unit's name. With `namesOneUnit` (the
 * directory's `UnitLookup.namesOneUnit`), a space is read as plans read it (`unitSpacesReadByDirectory`): 「青川市甲务局 乙务局」, 「A01 A02」
 * are two units, refused; 「青川市教育局 招生考试办公室」 one name (breaker54-10 S2). Pure, given it.
 */
export function nameToRegister(written: string, namesOneUnit?: NamesOneUnit): NameToRegister {
  const trimmed = written.trim().replace(/[ \t\u3000]*(?:\r\n|\r|\n)[ \t\u3000]*/gu, '\n');
  // The name as the notices quote it: a line break as a space.
  const quoted = trimmed.replace(/\n/gu, ' ');
  // A role mark wrapped onto its own line (「青川市庚务局⏎（牵头）」) is the name's mark, as plans read it (breaker51-10 S5).
  // So is a former-name bracket wrapped onto the last line (「青川市新戊局⏎（原青川市戊务局）」: breaker52-10 M8, refused as two units).
  const joined = withRoleMarkLinesJoined(trimmed).replace(FORMER_NAME_LINE, '$1');
  const unquoted = withoutQuotes(joined);
  // Two names in one cell (「青川市巳务局、青川市午务局」, one on each line): plans split them at 、 and line breaks, so no plan could
  // ever name the unit so registered (breaker51-10 S2) — refused, naming the names.
  // Pieces the directory knows each as a unit, written with a space (「青川市甲务局 乙务局」, 「A01 A02」): two units, as plans read them
  // (breaker54-10 S2); a section typed after its unit (「青川市教育局 招生考试办公室」) one name.
  const names = namesInCell((namesOneUnit && unitSpacesReadByDirectory(unquoted, namesOneUnit)) ?? unquoted);
  if (names.length > 1) {
    return {
      ok: false,
      reason: `"${quoted}" names ${names.length} units (${names.join(', ')}): a row registers one unit, and plans and 台账 read each of these names on its own. Register each unit on its own row, with its own code.`,
      reasonZh: `名称“${quoted}”写了 ${names.length} 个单位（${names.join('、')}）：每行只登记一个单位，方案和台账也会把它们分别读作各自的单位。请每个单位各占一行、各用一个编码登记。`,
    };
  }
  // Two full names with a space between (「青川市午务局 青川市未务局」) are two names above: a plan or 台账 reads the cell as those two
  // units (breaker52-10 S1), by the one rule for a space (`namesAtSpaces`). A space inside one name (「青川市 教育局」, 「青川市教育局
  // 招生考试办公室」: the second piece names no place, breaker53-10 M4) is only taken off, as is one before a bracket (「青川市子务局
  // （挂青川市丑务局牌子）」, breaker53-10 M3: registered with the space, so no plan writing it without one matched it exactly).
  let name = unquoted.replace(SPACE_BETWEEN_HAN, '');
  const taken: { en: string; zh: string }[] = [];
  if (name !== joined) taken.push({ en: 'quotation marks or spaces', zh: '引号或空格' });
  const plain = name.normalize('NFKC').replace(/\s+/gu, '');
  const collective = COLLECTIVE_NAMES.find((each) => each.pattern.test(plain));
  if (collective || SECTIONS.test(plain)) {
    return {
      ok: false,
      reason: `"${quoted}" is a collective name (${collective?.means ?? 'every section of a unit'}), no unit's name: register each unit it means by its own name; plans and 台账 writing "${plain}" then mean them all.`,
      reasonZh: `“${quoted}”是集合名称（${collective?.meansZh ?? '某单位的全部内设科室'}），不是某一单位的名称：请逐个登记它所指的单位（各写全称）；登记后，方案和台账中写“${plain}”即指其全部。`,
    };
  }
  // 「青川市庚务局（牵头）」, 「…【牵头】」, 「…（配合）」, 「…（主责）」 or the bare word 「…牵头」: the one reader plans and 台账 read role marks by
  // (`roleMarkAfter`; breaker51-10 S2: the bracketed marks, the ones offices write most, were registered as part of the name).
  // Every mark, not only the last: 「青川市卯务局（牵头）（配合）」 was registered as 「青川市卯务局（牵头）」 (breaker52-10 M1).
  const marks: string[] = [];
  for (let role = roleMarkAfter(name); role && role.name !== ''; role = roleMarkAfter(name)) {
    marks.unshift(role.mark);
    name = role.name;
  }
  if (marks.length > 0) taken.push({ en: `the role mark${marks.length > 1 ? 's' : ''} ${marks.map((mark) => `"${mark}"`).join(' ')}`, zh: `表示分工的${marks.map((mark) => `“${mark}”`).join('')}` });
  const bracket = trailingBracket(name);
  const inside = bracket?.inside.trim() ?? '';
  if (bracket && bracket.at >= 3 && (FORMER_MARK_ONLY.test(inside) || /^(?:原|曾用名[:：]?|原名[:：]?)\s*\p{Script=Han}{3,}/u.test(inside))) {
    taken.push({ en: `the former-name bracket "${bracket.bracket}" (a former name is kept by renaming the unit)`, zh: `原名称说明“${bracket.bracket}”（曾用名请通过单位更名登记）` });
    name = name.normalize('NFKC').slice(0, bracket.at).trim();
  }
  if (taken.length === 0) return { ok: true, name };
  return {
    ok: true,
    name,
    notice: {
      reason: `"${quoted}" is registered as "${name}": ${taken.map((each) => each.en).join(', ')} taken off, as plans and 台账 read names.`,
      reasonZh: `“${quoted}”按“${name}”登记：已去掉${taken.map((each) => each.zh).join('、')}，与方案、台账读取单位名称的规则一致。`,
    },
  };
}
