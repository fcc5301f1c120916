/* What a 交办 form offers and sends: pure, so the root suite tests it (test/web-assignment-choices.spec.ts). */
import { takesOverOn } from '../../src/organization/domain/takes-over-on.js';

/**
 * The units an assign form chose (`leadUnitId`, `responsibleUnitIds`, `dueDate`), as the API's
 * `units`: the lead first when one is chosen, then the responsible units, all due on the form's date.
 */
export function chosenUnits(values: Record<string, unknown>): { unitId: unknown; role: 'LEAD' | 'RESPONSIBLE'; dueDate: unknown }[] {
  // The lead chosen from the units offered as responsible (the evaluation's 点名单位, preselected) leads, with one part.
  const responsible = ((values.responsibleUnitIds as string[] | undefined) ?? []).filter((unitId) => unitId !== values.leadUnitId);
  return [
    ...(values.leadUnitId ? [{ unitId: values.leadUnitId, role: 'LEAD' as const, dueDate: values.dueDate }] : []),
    ...responsible.map((unitId) => ({ unitId, role: 'RESPONSIBLE' as const, dueDate: values.dueDate })),
  ];
}

/**
 * The 交办 form's field holding what the API names at `path` in the `units` it was sent (chosenUnits): a unit's due date is the
 * form's 整改时限, its unit and role the picker it was chosen in — 牵头单位 for a lead, 责任单位 otherwise — so a refusal of
 * `units.1.dueDate` (「“承担单位2的整改时限”…」) stands beside the field it is about, never above the form (web4 fault 1).
 * `assignment.units.…` (登记问题's 交办) likewise. Null for another path.
 */
export function assignFieldOf(path: string, values: Record<string, unknown>): string | null {
  const match = /(?:^|\.)units\.(\d+)(?:\.([A-Za-z]+))?$/.exec(path);
  if (!match) return null;
  if (match[2] === 'dueDate') return 'dueDate';
  return chosenUnits(values)[Number(match[1])]?.role === 'LEAD' ? 'leadUnitId' : 'responsibleUnitIds';
}

/** A unit of the directory as a 交办 form sees it: merged into another (机构改革) when `mergedIntoUnitId` is set. */
export interface DirectoryUnit {
  readonly id: string;
  readonly name: string;
  readonly mergedIntoUnitId?: string | null;
  /** The office day of that merge (YYYY-MM-DD); absent: unknown (the unit is taken as merged on every day). */
  readonly mergedOn?: string | null;
  /** The office day it was registered: no work of it is dated before. Absent: unknown (never checked). */
  readonly registeredOn?: string;
}

/**
 * Whether the unit stood on office day `on` — registered by then, not merged yet (a unit merged later
 * did the work of that day: breaker11g P8) — or, with no day, stands today (not merged).
 */
export function stoodOn(unit: DirectoryUnit, on?: string): boolean {
  if (on === undefined) return !unit.mergedIntoUnitId;
  if (unit.registeredOn !== undefined && unit.registeredOn > on) return false;
  return !unit.mergedIntoUnitId || (typeof unit.mergedOn === 'string' && unit.mergedOn > on);
}

/** How a form names a unit: merged since `on` (or ever, without a day), said so — 青川市环境保护局（已于 2026-11-25 并入青川市生态环境局） (breaker11g P11). */
export function unitLabel(directory: readonly DirectoryUnit[], unit: DirectoryUnit): string {
  if (!unit.mergedIntoUnitId) return unit.name;
  const successor = directory.find((other) => other.id === unit.mergedIntoUnitId)?.name ?? '其他单位';
  return `${unit.name}（${unit.mergedOn ? `已于 ${unit.mergedOn} ` : '已'}并入${successor}）`;
}

/**
 * The unit that carries `unitId`'s work now: itself, or the unit it was merged into, following merges
 * (A into B, B into C: C). A unit the directory does not know is itself.
 */
export function carryingUnit(directory: readonly DirectoryUnit[], unitId: string, on?: string): string {
  const byId = new Map(directory.map((unit) => [unit.id, unit]));
  const seen = new Set<string>();
  let current = unitId;
  // On a day given, only the merges made by then: a unit merged later carried its own work that day.
  const mergedBy = (unit: DirectoryUnit | undefined) => (unit && (on === undefined || !(typeof unit.mergedOn === 'string' && unit.mergedOn > on)) ? unit.mergedIntoUnitId : undefined);
  for (let next = mergedBy(byId.get(current)); next && !seen.has(next); next = mergedBy(byId.get(current))) {
    seen.add(current);
    current = next;
  }
  return current;
}

/**
 * The units a 交办 may name, as select options: those the evaluation names as concerned (点名单位, the finding's
 * `concernedUnitIds`) first, marked （评估点名）, then the rest in the directory's order; units already on the
 * finding are left out (newcomer13 R8: the 点名单位 were recorded and never offered). A unit merged into another
 * takes no new work: it is never offered, and a 点名单位 merged since is offered as its successor (breaker11f P1).
 */
export function assignmentChoices(
  directory: readonly DirectoryUnit[],
  onIt: ReadonlySet<string>,
  concerned: readonly string[],
  on?: string,
): { value: string; label: string }[] {
  // With a 交办日期 (breaker11g P8): the units that stood that day — one merged later is offered, said so; one registered later is not.
  const named = new Set(concerned.map((unitId) => carryingUnit(directory, unitId, on)));
  const open = directory.filter((unit) => !onIt.has(unit.id) && stoodOn(unit, on));
  return [
    ...open.filter((unit) => named.has(unit.id)).map((unit) => ({ value: unit.id, label: `${unitLabel(directory, unit)}（评估点名）` })),
    ...open.filter((unit) => !named.has(unit.id)).map((unit) => ({ value: unit.id, label: unitLabel(directory, unit) })),
  ];
}

/**
 * What a unit picker bound to a day does with the unit chosen (`act`: 交办, 通报, 承接 a merge) and the form's field for
 * that day (`day`), as its words say them: every such picker offers only the units standing on its day (web3 fault 1).
 */
export interface UnitPickerWords {
  readonly act: string;
  readonly day: string;
  /**
   * Which units the picker's act may name on its day, as the server's rule for that act has it; absent: those standing that day
   * (stoodOn: registered by then, not merged yet), as a 交办 and a 通报 take them.
   */
  readonly stands?: (unit: DirectoryUnit, on: string) => boolean;
}
/** A 交办's words: its pickers follow the 交办日期. */
export const ASSIGNING: UnitPickerWords = { act: '交办', day: '交办日期' };
/**
 * A merge's successor picker (并入其他单位): it follows the 并入日期 and offers the units the merge's decider takes — its very
 * rule, takesOverOn — so a successor merged away on the 并入日期 itself (it passes the work on, on its own day) is offered
 * (web4 fault 4: stoodOn hid it, the server took it).
 */
export const MERGE_SUCCESSOR: UnitPickerWords = {
  act: '承接',
  day: '并入日期',
  stands: (unit, on) => takesOverOn({ registeredOn: unit.registeredOn, mergedInto: unit.mergedIntoUnitId, mergedOn: unit.mergedOn }, on),
};
/** Whether the picker of `words` may name `unit` on `on`. */
const standsFor = (words: UnitPickerWords, unit: DirectoryUnit, on: string): boolean => (words.stands ?? stoodOn)(unit, on);

/**
 * The units standing on office day `on` (registered by then, not merged yet: stoodOn; or by `words.stands`), as a picker bound
 * to that day offers them, merged said so (unitLabel); `except`: units the picker never offers (the unit merging itself).
 */
export function unitsStandingOn(directory: readonly DirectoryUnit[], on: string, except: ReadonlySet<string> = new Set(), words: UnitPickerWords = ASSIGNING): { value: string; label: string }[] {
  return directory.filter((unit) => !except.has(unit.id) && standsFor(words, unit, on)).map((unit) => ({ value: unit.id, label: unitLabel(directory, unit) }));
}

/**
 * Why a 交办 dated `on` has no unit to offer, in words the form shows in place of an empty list (a 发现日期 before
 * the units' registration left both unit pickers 「无数据」 with no reason): no unit was registered by that day —
 * naming the day they were (or the first of them) and the way out — or every unit standing then is on the finding
 * already (`onIt`). Null when some unit may be chosen, or the directory is not loaded. `words`: another picker bound
 * to a day (a circular's 发文日期, a merge's 并入日期) says its own act and day field.
 */
export function noUnitToAssignOn(directory: readonly DirectoryUnit[], onIt: ReadonlySet<string>, on: string, words: UnitPickerWords = ASSIGNING): string | null {
  if (directory.length === 0) return null;
  const standing = directory.filter((unit) => standsFor(words, unit, on));
  if (standing.length === 0) {
    const days = [...new Set(directory.map((unit) => unit.registeredOn).filter((day): day is string => day !== undefined && day > on))].sort();
    if (days.length === 0) return `${on} 时没有可${words.act}的单位（各单位都已并入其他单位）。`;
    const registered = days.length === 1 ? `各单位于 ${days[0]} 登记` : `最早的单位于 ${days[0]} 登记`;
    return `${on} 时尚无已登记的单位（${registered}）；请把${words.day}改为 ${days[0]} 或之后。`;
  }
  return standing.every((unit) => onIt.has(unit.id)) ? `${on} 时在册的单位都已承担此问题，没有可再交办的单位。` : null;
}

/**
 * The chosen units that did not stand on the 交办日期 `on` (registered after it, or merged by then),
 * each said with the unit that did that day's work instead, as a form shows it beside 交办日期
 * (breaker11g P8: the office was told to move the new bureau's registration day back). Null when all stood.
 */
export function notStandingOn(directory: readonly DirectoryUnit[], chosen: readonly string[], on: string): string | null {
  const byId = new Map(directory.map((unit) => [unit.id, unit]));
  const said = chosen.flatMap((unitId) => {
    const unit = byId.get(unitId);
    if (!unit || stoodOn(unit, on)) return [];
    if (unit.registeredOn !== undefined && unit.registeredOn > on) {
      const then = directory.filter((other) => other.mergedIntoUnitId === unit.id && stoodOn(other, on)).map((other) => other.name);
      return [`${unit.name}于 ${unit.registeredOn} 登记，${on} 时尚不存在${then.length ? `：当时由${then.join('、')}承担，请改选该单位（其任务随合并转入${unit.name}）` : ''}`];
    }
    return [`${unitLabel(directory, unit)}，${on} 时已不再承担新的工作，请选择承接单位`];
  });
  return said.length ? `${said.join('；')}。` : null;
}

/**
 * How a 交办 picker shows a unit chosen that the 交办日期 `on` does not allow (web2 fault 3: the 点名单位 preselected as
 * 牵头单位 stayed shown by its bare name once the day was moved before the units' registration, as if it could be sent):
 * marked with why — not registered yet that day, or merged by then — so what the picker shows is what would be sent (and
 * refused beside 交办日期, notStandingOn). Null for a unit that stood that day, or one the directory does not know (not loaded).
 * `words`: another picker bound to a day (通报, 承接 a merge) says its own act.
 */
export function unitNotAllowedLabel(directory: readonly DirectoryUnit[], unitId: string, on: string, words: UnitPickerWords = ASSIGNING): string | null {
  const unit = directory.find((candidate) => candidate.id === unitId);
  if (!unit || standsFor(words, unit, on)) return null;
  if (unit.registeredOn !== undefined && unit.registeredOn > on) return `${unit.name}（${on} 时尚不存在：于 ${unit.registeredOn} 登记，不能在这一天${words.act}）`;
  // Merged by then: its own words (已于 … 并入 …), one bracket.
  return `${unitLabel(directory, unit).replace(/）$/, '')}，不能再${words.act}）`;
}

/**
 * The 点名单位 a 交办 form preselects as responsible units, in the evaluation's order: each as the unit
 * carrying its work now (a merged one's successor, breaker11f P1: the merged unit was preselected and
 * the assignment refused), once, leaving out those on the finding already (by themselves or their successor).
 */
export function concernedToPreselect(directory: readonly DirectoryUnit[], onIt: ReadonlySet<string>, concerned: readonly string[]): string[] {
  const chosen: string[] = [];
  for (const unitId of concerned) {
    const carrying = carryingUnit(directory, unitId);
    if (onIt.has(unitId) || onIt.has(carrying) || chosen.includes(carrying)) continue;
    chosen.push(carrying);
  }
  return chosen;
}

/**
 * How a finding's first 交办 form starts (newcomer18 S6: 牵头单位 was required by the server but unmarked,
 * and a finding naming one unit still had it only among the responsible units): with no lead yet and
 * exactly one 点名单位 to assign, that unit is the lead and no responsible unit is preselected;
 * otherwise the 点名单位 are the responsible units and the lead is left to choose.
 * `toAssign`: `concernedToPreselect`'s units; `hasLead`: the finding has a lead part already.
 */
export function firstAssignmentPreselection(toAssign: readonly string[], hasLead: boolean): { lead: string | undefined; responsible: string[] } {
  return !hasLead && toAssign.length === 1 ? { lead: toAssign[0], responsible: [] } : { lead: undefined, responsible: [...toAssign] };
}
