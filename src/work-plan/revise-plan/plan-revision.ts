import type { DueDateLimit, DueDateOverride, UnitNames } from '../../assignments/domain/assignment.commands.js';
import type { AssignmentRole } from '../../assignments/domain/assignment.events.js';
import type { Actor } from '../../shared/command-context.js';
import { say, type Bilingual } from '../../shared/domain-error.js';
import { BY_DATE, isDueOnAssignment, isNeverOverdue, sameDueTerms, termsInWords, type DueTerms, type PartDue } from '../../shared/deadline.js';
import { daysBetween, isAfter } from '../../shared/calendar-date.js';
import { wordsWithoutPunctuation } from '../../shared/numbers-by-value.js';
import type { ReviseWorkPlanItem, UnitToAdd, WithdrawWorkPlanItem } from '../domain/work-plan-item.decider.js';

/*
 * Plan revision (根据工作进展动态调整): a new version of the same plan (same title and year) against
 * the plan as it stands. Pure: what differs, and the commands that apply it to each item's stream
 * while keeping every part's progress.
 */

/** One item as a plan version has it. Dates are calendar days, `YYYY-MM-DD`. */
export interface ItemVersion {
  readonly itemId: string;
  readonly code: string;
  readonly categoryCode: string;
  readonly title: string;
  readonly description: string;
  /** 工作措施 / 整改措施; '' when none. */
  readonly measures: string;
  readonly dueDate: string;
  /** How the due date is read (常态化, 立行立改 …); absent: a plain day. */
  readonly terms?: DueTerms;
  /** The lead unit, or several leading jointly (联合牵头). */
  readonly leadUnitIds: readonly string[];
  readonly responsibleUnitIds: readonly string[];
  /**
   * For the plan as it stands: units whose part a successor now holds (机构改革: a hand-over or
   * merge), each mapped to that holder. A new version of the file still names the old unit, as
   * the paper plan does; it means the part its successor carries on, not a new one.
   */
  readonly heldFor?: Readonly<Record<string, string>>;
  /**
   * For the plan as it stands: units merged away whose part stayed with them as their own work (done before the merge), by each
   * successor it went to (the successor's successor too). A version read after the merge names such a unit as its successor (the
   * merged name leads there); on this item it means that unit's finished part, never a new part for the successor (breaker10r P21).
   */
  readonly doneBy?: Readonly<Record<string, string>>;
  /**
   * For the plan as it stands: units that hold a part only since a predecessor's moved to them (a hand-over or merge into a unit
   * with no part of its own), each with that office day (`YYYY-MM-DD`). A version dated before that day which names the unit
   * gives it its own part then; the predecessor's joins it on its day (breaker8m P9's kind through a revised plan file, 162ada7).
   */
  readonly receivedOn?: Readonly<Record<string, string>>;
  /**
   * For the plan as it stands: units whose part is verified. Done work stays on the record: a new
   * version that leaves such a unit out keeps its part (`PlanRevision.unitsKept`), never removes it.
   */
  readonly verifiedUnitIds?: readonly string[];
  /**
   * For the plan as it stands: units whose report awaits inspection (已报告待督查). A new version that leaves such a unit
   * or its item out keeps them, as verified work is kept, and says so: a withdrawal would drop the report uninspected
   * (breaker10g P11); once inspected (passed, or returned) the version applies.
   */
  readonly reportedUnitIds?: readonly string[];
  /**
   * For the plan as it stands, judged for a new version dated D (`YYYY-MM-DD`): the units whose part, as it stood before
   * D (their records dated on or after D set aside), was verified or awaited inspection — the work a version of that day
   * found. A report dated on or after D, entered before the version, was refused in date order: it keeps no item the
   * version leaves out, which is withdrawn on D with that report set aside, counted nowhere (breaker11p P3). Work verified
   * now keeps the item whatever its day (a withdrawal never drops verified work). Absent: judged on `reportedUnitIds`.
   */
  readonly workBeforeVersionDay?: { readonly verifiedUnitIds: readonly string[]; readonly reportedUnitIds: readonly string[] };
  /**
   * For a new version: the units the file dates on their own row (a row continuing the item with
   * its own 完成时限; in Rectify's own export every unit, `datesPerPart`), by unit id. A unit not
   * here is due on the item's date.
   */
  readonly partDueDates?: Readonly<Record<string, PartDue>>;
  /** For a new version read from Rectify's own export: its first row dates the lead's part, not the item (breaker10f P7). */
  readonly datesPerPart?: true;
  /**
   * For the plan as it stands: every part not verified, with its due date and terms now and the
   * latest due date a supervisor granted it (an extension), by unit id.
   */
  readonly partDues?: Readonly<Record<string, PartDue & { readonly granted?: string }>>;
  /**
   * For the plan as it stands: every part's due date and terms now, verified parts included, by unit id — what Rectify's own
   * export writes on the part's row (a return's or an extension's day where it had one).
   */
  readonly partsDueNow?: Readonly<Record<string, PartDue>>;
  /**
   * For the plan as it stands: the office day an earlier version (or withdrawWorkPlanItem) took the
   * item out. Such an item is in no revision's `withdrawn` or `itemsKept`; a new version listing its
   * code again reinstates it (`PlanRevision.reinstated`, 10e P1).
   */
  readonly withdrawnOn?: string;
}

export interface UnitChange {
  readonly code: string;
  readonly unitId: string;
  readonly role: AssignmentRole;
  /** For a unit added: its own due date and terms, when its row gives one other than the item's. */
  readonly due?: PartDue;
  /** For a unit kept (`PlanRevision.unitsKept`): its part is not verified but its report awaits inspection. */
  readonly awaitingInspection?: true;
  /** The unit's registered name, when the caller gave the directory (`withUnitNames`): the summary names the unit by it. */
  readonly unitName?: string;
}

/** One unit's part given another due date than the item's move gives it (its own row's 完成时限: breaker10f P3). */
export interface PartRedated {
  readonly code: string;
  readonly title: string;
  readonly unitId: string;
  /** The unit's registered name, when the caller gave the directory (`withUnitNames`). */
  readonly unitName?: string;
  /** The part's deadline before, in the office's words (`dueInWords`). */
  readonly from: string;
  readonly to: string;
  readonly due: PartDue;
  /**
   * The part stays on the day it has (`from` = `to`) while its item moves: the version dates it so on its own row (the export with
   * only the lead's row re-dated). Said with the item's re-dating (「…，青川市政务公开办公室仍为 2026-09-30」), never as a change from
   * the item's new day (breaker50-10 M8).
   */
  readonly stays?: true;
}

/** A 大项 of an outline: its code (一, 二 …) and title. */
export interface CategoryName {
  readonly code: string;
  readonly title: string;
}

/** What the new version changes, item by item (items by code, in the new version's order), and its 大项. */
export interface PlanRevision {
  readonly added: readonly ItemVersion[];
  readonly withdrawn: readonly ItemVersion[];
  /**
   * Items the new version leaves out that have verified work (a part 已核验, or the item 销号): kept in
   * the plan as they are, not withdrawn (breaker11f P4 = 10e P13) — withdrawal would take that work
   * out of the completion rate and the unit ranking. Reopening the item first, then withdrawing it,
   * is the deliberate way.
   */
  readonly itemsKept: readonly ItemVersion[];
  /**
   * Items withdrawn before (`ItemVersion.withdrawnOn`) that the new version lists again under their
   * code (10e P1): back in the plan from the version's day, with their parts and history; their other
   * changes (re-dated, units …) are listed with the others'.
   */
  readonly reinstated: readonly ItemVersion[];
  /**
   * A new due date, or the same day read another way (2025-06-30 → 常态化): `from` and `to` are the
   * deadline in the office's words (`dueInWords`). `overdueDays`: an item a unit still owed a report on past its due date on
   * the version's day, moved to that day or later — the days the most overdue part was late then (calendar days), which
   * stop counting as overdue once it is moved (the summary says so: newcomer49-10 S5, related).
   */
  readonly redated: readonly { readonly code: string; readonly title: string; readonly from: string; readonly to: string; readonly overdueDays?: number }[];
  /**
   * Reworded: its title, 具体内容 or 工作措施 changed (a move to another 大项 alone is no rewording: `moved`). `previousTitle`: the
   * title before, when the title changed (said in the summary: breaker10r P2). `cleared`: the 具体内容 / 工作措施 the version
   * leaves empty (a cell present but empty), with the words it had — said as 「事项 4 删去具体内容“整合区县网站”」 (breaker10s P2).
   */
  readonly amended: readonly {
    readonly code: string;
    readonly title: string;
    readonly previousTitle?: string;
    readonly fields: readonly ('title' | 'description' | 'measures')[];
    readonly cleared?: readonly { readonly field: 'description' | 'measures'; readonly was: string }[];
  }[];
  /**
   * Items the version puts under another 大项 (breaker10s P7): `from` the 大项 they stood in, `to` the version's, each by code
   * and title (a title '' when the caller gave no outline). Their other changes are listed with the others'.
   */
  readonly moved: readonly { readonly code: string; readonly title: string; readonly from: CategoryName; readonly to: CategoryName }[];
  /** 大项 the version keeps by code under another title (breaker10s P7): 「大项 二 更名：规范行政执法 → 严格规范公正文明执法」. */
  readonly categoriesRenamed: readonly { readonly code: string; readonly from: string; readonly to: string }[];
  readonly unitsAdded: readonly UnitChange[];
  readonly unitsRemoved: readonly UnitChange[];
  /**
   * Units the new version leaves out whose part is verified: kept on the item as done work (breaker8c
   * P14), so the item's close-out day and the unit's on-time credit stand.
   */
  readonly unitsKept: readonly UnitChange[];
  /** Units that stay with another role (lead ↔ responsible): their parts keep all progress. `role` is the new one. */
  readonly rolesChanged: readonly UnitChange[];
  /**
   * Parts the file dates otherwise than they stand (after the item's own re-dating): a unit's own
   * 完成时限 edited in the file or in Rectify's export. A day earlier than a supervisor granted the
   * part is never taken (the extension stands, as for an item re-dated: breaker10d P31).
   */
  readonly partsRedated: readonly PartRedated[];
}

/**
 * `revision` with each unit change (added, removed, kept, role changed, re-dated on its own row) carrying its unit's registered name
 * (`nameOf`; a unit it does not know keeps none), so `describeRevision` says whom: 「增加单位 1 个（事项 10：青川市住房和城乡建设局）」
 * (newcomer48-10 M4).
 */
export function withUnitNames(revision: PlanRevision, nameOf: (unitId: string) => string | undefined): PlanRevision {
  const named = <T extends { readonly unitId: string }>(change: T): T => {
    const unitName = nameOf(change.unitId);
    return unitName === undefined ? change : { ...change, unitName };
  };
  return {
    ...revision,
    unitsAdded: revision.unitsAdded.map(named),
    unitsRemoved: revision.unitsRemoved.map(named),
    unitsKept: revision.unitsKept.map(named),
    rolesChanged: revision.rolesChanged.map(named),
    partsRedated: revision.partsRedated.map(named),
  };
}

const unitsOf = (item: ItemVersion): UnitChange[] => [
  ...item.leadUnitIds.map((unitId) => ({ code: item.code, unitId, role: 'LEAD' as const })),
  ...item.responsibleUnitIds.map((unitId) => ({ code: item.code, unitId, role: 'RESPONSIBLE' as const })),
];
const sameUnit = (a: UnitChange) => (b: UnitChange) => a.unitId === b.unitId && a.role === b.role;

/**
 * The new version's units read as the parts they mean: a unit whose part passed to a successor
 * (and has none of its own now) is that successor, so a revision never takes a successor's part,
 * with its progress, off the item to assign its predecessor afresh. A unit named twice that way
 * is named once (leading if either did).
 */
function continuedBy(item: ItemVersion, before: ItemVersion | undefined): ItemVersion {
  if (!before || (!before.heldFor && !before.doneBy)) return item;
  const heldFor = before.heldFor ?? {};
  const doneBy = before.doneBy ?? {};
  const current = new Set([...before.leadUnitIds, ...before.responsibleUnitIds]);
  // A successor with no part of its own, named where a unit merged into it did the work: that unit's part (breaker10r P21).
  const holder = (unitId: string) =>
    current.has(unitId) ? unitId : Object.hasOwn(heldFor, unitId) ? heldFor[unitId]! : Object.hasOwn(doneBy, unitId) && current.has(doneBy[unitId]!) ? doneBy[unitId]! : unitId;
  const leadUnitIds = [...new Set(item.leadUnitIds.map(holder))];
  const responsibleUnitIds = [...new Set(item.responsibleUnitIds.map(holder))].filter((unitId) => !leadUnitIds.includes(unitId));
  const partDueDates = item.partDueDates && Object.fromEntries(Object.entries(item.partDueDates).map(([unitId, due]) => [holder(unitId), due]));
  return { ...item, leadUnitIds, responsibleUnitIds, ...(partDueDates ? { partDueDates } : {}) };
}

/** Two due dates a part may have are the same: same terms and day, or same terms that set their own day (立行立改 on the day read, 每季度 at the period reached). */
const samePartDue = (a: PartDue, b: PartDue): boolean => sameTerms(a.terms, b.terms) && (a.dueDate === b.dueDate || dayOfItsOwn(a.terms));
/** Terms that set their own day: 立行立改 (with or without 并持续落实: breaker10n P1) on the day read, 每季度 at the period reached. */
const dayOfItsOwn = (terms: DueTerms): boolean => isDueOnAssignment(terms) || terms.kind === 'RECURRING';

/**
 * Rectify's own export dates each part on its row, so the item's first row is its lead's part: an
 * extension granted to the lead is not the item's new date (breaker10f P7). The item keeps the day
 * it has unless every row gives one other day and some row was edited — gives its part another day
 * than the part has now (`partsDueNow`): read back as exported, a 销号 item whose parts were all
 * returned until a later day and then passed was re-dated to that day (breaker10t P18), and an item
 * whose parts have days of their own took its lead's.
 */
function itemDayOfParts(item: ItemVersion, before: ItemVersion | undefined): ItemVersion {
  if (!item.datesPerPart || !before || !item.partDueDates) return item;
  const standing: PartDue = { dueDate: before.dueDate, terms: before.terms ?? BY_DATE };
  const rows = Object.entries(item.partDueDates);
  const oneDay = rows.every(([, due]) => samePartDue(due, rows[0]![1]));
  const edited = rows.some(([unitId, due]) => {
    const now = before.partsDueNow?.[unitId];
    return now === undefined || !samePartDue(due, now);
  });
  if (rows.length > 0 && oneDay && edited && !samePartDue(rows[0]![1], standing)) return item;
  // The lead's row edited to another day: the item follows its lead, as a first import dates an item by its lead's (last) row
  // (newcomer49-10 S1: the lead moved to 2027-03-31, the item left due 2026-10-31, before its own lead). Only a lead that has a
  // part now: its row read back as exported (an extension granted to it) is no edit, and the item keeps its day (breaker10f P7).
  const leadsEdited = item.leadUnitIds.flatMap((unitId) => {
    const due = item.partDueDates![unitId];
    const now = before.partsDueNow?.[unitId];
    return due !== undefined && now !== undefined && !samePartDue(due, now) ? [due] : [];
  });
  const lead = [...leadsEdited].sort((a, b) => (a.dueDate < b.dueDate ? 1 : a.dueDate > b.dueDate ? -1 : 0))[0];
  if (lead !== undefined && !samePartDue(lead, standing)) return { ...item, dueDate: lead.dueDate, terms: lead.terms };
  return { ...item, dueDate: before.dueDate, ...(before.terms ? { terms: before.terms } : {}) };
}

/**
 * The parts a version dates on their own rows otherwise than they would stand once the item has
 * moved from `before`'s day to `item`'s (parts on the item's day move with it). A granted
 * extension is never cut: a day before it, for a part given it, is left out.
 */
function partsRedatedOf(item: ItemVersion, before: ItemVersion): PartRedated[] {
  const itemMoved = before.dueDate !== item.dueDate || !sameTerms(before.terms, item.terms);
  const redated: PartRedated[] = [];
  for (const [unitId, due] of Object.entries(item.partDueDates ?? {})) {
    const part = before.partDues?.[unitId];
    if (!part) continue;
    const onItemDay = part.dueDate === before.dueDate && sameTerms(part.terms, before.terms);
    // A part given more time than the item had, which the item's new day overtakes, moves with it too (the decider's `overtakenDueDates`).
    const overtaken = isAfter(part.dueDate, before.dueDate) && isAfter(item.dueDate, part.dueDate);
    const after: PartDue = itemMoved && (onItemDay || overtaken) ? { dueDate: item.dueDate, terms: item.terms ?? BY_DATE } : part;
    if (samePartDue(due, after)) continue;
    if (part.granted !== undefined && isAfter(after.dueDate, due.dueDate) && !isAfter(due.dueDate, part.granted)) continue;
    // Dated as it stands while the item moves: it stays (kept in the list, so that the item's decision leaves it where it is).
    if (samePartDue(due, part)) {
      redated.push({ code: item.code, title: item.title, unitId, from: dueInWords(part), to: dueInWords(due), due, stays: true });
      continue;
    }
    redated.push({ code: item.code, title: item.title, unitId, from: dueInWords(after), to: dueInWords(due), due });
  }
  return redated;
}

/**
 * The new version's items as the revision reads them against the plan as it stands: units whose
 * part a successor holds named as that successor, the item's day kept where the file's rows date
 * parts (`itemDayOfParts`) or its terms set the day (`keptDay`), its title kept where the file only
 * retypes its punctuation (`keptTitle`). `itemRevisionCommands` takes these.
 */
export function versionsAsRevised(current: readonly ItemVersion[], nextAsWritten: readonly ItemVersion[]): ItemVersion[] {
  const currentByCode = new Map(current.map((item) => [item.code, item]));
  return nextAsWritten.map((item) => {
    const before = currentByCode.get(item.code);
    return keptTitle(keptDay(itemDayOfParts(continuedBy(item, before), before), before), before);
  });
}

/**
 * The standing title when the version writes the same words with other punctuation (“” for "", , for ，, spaces:
 * `wordsWithoutPunctuation`): not a rewording (修改表述), and nothing recorded for it (breaker10m P15).
 */
function keptTitle(item: ItemVersion, before: ItemVersion | undefined): ItemVersion {
  if (!before || before.title === item.title || wordsWithoutPunctuation(before.title) !== wordsWithoutPunctuation(item.title)) return item;
  return { ...item, title: before.title };
}

/**
 * How many calendar days the most overdue part of `before` (the item as it stands) was late on `versionDay` (`YYYY-MM-DD`) — a
 * part its unit still owed a report on (not verified, no report awaiting inspection before that day), not standing, due
 * before that day — when the version `after` moves the item to that day or later and so past that part's date: from that
 * day on the part is no longer overdue. Undefined when no part is so.
 */
function overdueDaysCleared(before: ItemVersion, after: ItemVersion, versionDay: string): number | undefined {
  if (after.dueDate < versionDay || isNeverOverdue(after.terms ?? BY_DATE)) return undefined;
  const done = new Set(before.workBeforeVersionDay ? [...before.workBeforeVersionDay.verifiedUnitIds, ...before.workBeforeVersionDay.reportedUnitIds] : [...(before.verifiedUnitIds ?? []), ...(before.reportedUnitIds ?? [])]);
  let most = 0;
  for (const [unitId, due] of Object.entries(before.partDues ?? {})) {
    if (done.has(unitId) || isNeverOverdue(due.terms) || due.dueDate >= versionDay || due.dueDate >= after.dueDate) continue;
    most = Math.max(most, daysBetween(due.dueDate, versionDay));
  }
  return most > 0 ? most : undefined;
}

/**
 * `current`: the plan's items as they stand, and withdrawn ones (`withdrawnOn`) whose code the new
 * version lists; `next`: the new version's; `versionDay`: its office day (`YYYY-MM-DD`; absent: the
 * plan as it stands is the plan on that day) — a unit the version names that holds a part only since a
 * later day (`ItemVersion.receivedOn`) is added: on the version's day it held none (time2, 162ada7's path).
 * `categories`: the plan's 大项 as they stand and the version's (absent: no 大项 is compared, moves name codes only).
 */
export function planRevisionOf(
  current: readonly ItemVersion[],
  nextAsWritten: readonly ItemVersion[],
  versionDay?: string,
  categories?: { readonly standing: readonly CategoryName[]; readonly next: readonly CategoryName[] },
): PlanRevision {
  const titleIn = (outline: readonly CategoryName[] | undefined, code: string) => outline?.find((category) => category.code === code)?.title ?? '';
  const currentByCode = new Map(current.map((item) => [item.code, item]));
  const next = versionsAsRevised(current, nextAsWritten);
  const nextCodes = new Set(next.map((item) => item.code));
  const inPlan = current.filter((item) => item.withdrawnOn === undefined);
  const revision = {
    added: [] as ItemVersion[],
    withdrawn: inPlan.filter((item) => !nextCodes.has(item.code) && !hasVerifiedWork(item)),
    itemsKept: inPlan.filter((item) => !nextCodes.has(item.code) && hasVerifiedWork(item)),
    reinstated: [] as ItemVersion[],
    redated: [] as PlanRevision['redated'][number][],
    amended: [] as PlanRevision['amended'][number][],
    moved: [] as PlanRevision['moved'][number][],
    categoriesRenamed: (categories?.next ?? []).flatMap((category) => {
      const before = titleIn(categories?.standing, category.code);
      return before !== '' && before !== category.title ? [{ code: category.code, from: before, to: category.title }] : [];
    }),
    unitsAdded: [] as UnitChange[],
    unitsRemoved: [] as UnitChange[],
    unitsKept: [] as UnitChange[],
    rolesChanged: [] as UnitChange[],
    partsRedated: [] as PartRedated[],
  };
  for (const item of next) {
    const before = currentByCode.get(item.code);
    if (!before) {
      revision.added.push(item);
      continue;
    }
    if (before.withdrawnOn !== undefined) revision.reinstated.push(item);
    if (before.dueDate !== item.dueDate || !sameTerms(before.terms, item.terms)) {
      const overdueDays = versionDay === undefined ? undefined : overdueDaysCleared(before, item, versionDay);
      revision.redated.push({ code: item.code, title: item.title, from: dueInWords(before), to: dueInWords(item), ...(overdueDays === undefined ? {} : { overdueDays }) });
    }
    if (before.categoryCode !== item.categoryCode) {
      revision.moved.push({
        code: item.code,
        title: item.title,
        from: { code: before.categoryCode, title: titleIn(categories?.standing, before.categoryCode) },
        to: { code: item.categoryCode, title: titleIn(categories?.next, item.categoryCode) },
      });
    }
    const fields = (
      [
        ['title', before.title !== item.title],
        ['description', before.description !== item.description],
        ['measures', before.measures !== item.measures],
      ] as const
    )
      .filter(([, changed]) => changed)
      .map(([field]) => field);
    const cleared = (['description', 'measures'] as const).filter((field) => fields.includes(field) && before[field].trim() !== '' && item[field].trim() === '').map((field) => ({ field, was: before[field] }));
    if (fields.length > 0) {
      revision.amended.push({ code: item.code, title: item.title, ...(before.title === item.title ? {} : { previousTitle: before.title }), fields, ...(cleared.length > 0 ? { cleared } : {}) });
    }
    const [unitsBefore, unitsAfter] = [unitsOf(before), unitsOf(item)];
    const inBoth = (unit: UnitChange, others: readonly UnitChange[]) => others.some((other) => other.unitId === unit.unitId);
    const leftOut = unitsBefore.filter((unit) => !inBoth(unit, unitsAfter));
    const verified = (unit: UnitChange) => before.verifiedUnitIds?.includes(unit.unitId) === true;
    const reported = (unit: UnitChange) => before.reportedUnitIds?.includes(unit.unitId) === true;
    revision.unitsRemoved.push(...leftOut.filter((unit) => !verified(unit) && !reported(unit)));
    revision.unitsKept.push(...leftOut.filter((unit) => verified(unit) || reported(unit)).map((unit) => (verified(unit) ? unit : { ...unit, awaitingInspection: true as const })));
    // A unit added on a row of its own is due on that row's date, as in a first import (breaker10f P3).
    const ownDue = (unit: UnitChange): UnitChange => {
      const due = item.partDueDates?.[unit.unitId];
      return due && !samePartDue(due, { dueDate: item.dueDate, terms: item.terms ?? BY_DATE }) ? { ...unit, due } : unit;
    };
    revision.unitsAdded.push(...unitsAfter.filter((unit) => !inBoth(unit, unitsBefore)).map(ownDue));
    // Named by the version in its own right, holding now only a predecessor's part that reached it after the version's day: by
    // date its own part comes first and the predecessor's joins it later (the item's decider makes that room: ownPartComesBeforeJoins).
    const written = nextAsWritten.find((each) => each.code === item.code);
    const receivedLater = (unit: UnitChange) => versionDay !== undefined && before.receivedOn?.[unit.unitId] !== undefined && before.receivedOn[unit.unitId]! > versionDay;
    if (written) revision.unitsAdded.push(...unitsOf(written).filter((unit) => receivedLater(unit) && inBoth(unit, unitsBefore)).map(ownDue));
    revision.rolesChanged.push(...unitsAfter.filter((unit) => inBoth(unit, unitsBefore) && !unitsBefore.some(sameUnit(unit))));
    // A lead left out but kept for its work on the record (保留待督查 / 保留已核验) while the version names another lead: the kept
    // part steps down to responsible, its report and progress kept, and the new lead leads (breaker10n P4: the version was refused
    // as a whole-file 「…已是牵头单位」, so a lead with a report awaiting inspection could not be replaced at all).
    const newLead = unitsAfter.some((unit) => unit.role === 'LEAD');
    const keptLeads = leftOut.filter((unit) => unit.role === 'LEAD' && (verified(unit) || reported(unit)));
    if (newLead) revision.rolesChanged.push(...keptLeads.map((unit) => ({ code: item.code, unitId: unit.unitId, role: 'RESPONSIBLE' as const })));
    revision.partsRedated.push(...partsRedatedOf(item, before));
  }
  return revision;
}

/** Work on the record a new version never drops: a verified part, or a report awaiting inspection (breaker10g P11). */
const hasVerifiedWork = (item: ItemVersion): boolean =>
  (item.verifiedUnitIds ?? []).length > 0 ||
  (item.workBeforeVersionDay ? item.workBeforeVersionDay.verifiedUnitIds.length > 0 || item.workBeforeVersionDay.reportedUnitIds.length > 0 : (item.reportedUnitIds ?? []).length > 0);
/** Kept for a report awaiting inspection only: no verified part. */
const awaitsInspectionOnly = (item: ItemVersion): boolean => (item.verifiedUnitIds ?? []).length === 0;

const sameTerms = sameDueTerms;

/**
 * The new version's item with the standing item's due day when its terms give no day of their own
 * and are the same: 立行立改 is due the day it was assigned and 每季度 at the end of the period it
 * has reached, so a version read on a later day (its own export imported back, breaker10e P3)
 * re-dates nothing.
 */
function keptDay(item: ItemVersion, before: ItemVersion | undefined): ItemVersion {
  return before && dayOfItsOwn(item.terms ?? BY_DATE) && sameTerms(before.terms, item.terms) ? { ...item, dueDate: before.dueDate } : item;
}

/** A deadline as the revision names it: the day, or the terms with it (常态化（每季度报送）, 2026-06-30前完成并持续落实). */
const dueInWords = (item: Pick<ItemVersion, 'dueDate' | 'terms'>): string => {
  const words = termsInWords(item.terms ?? BY_DATE, item.dueDate);
  if (words === null) return item.dueDate;
  return words.includes(item.dueDate) ? words : `${words}（${item.dueDate}）`;
};

/** The cells a version may leave empty, as the summary names them. */
const FIELD_WORDS = { description: { en: 'description', zh: '具体内容' }, measures: { en: 'measures', zh: '工作措施' } } as const;
/**
 * One reworded item as the revision summary names it: its code, the old title → the new one when the title changed, and the
 * other fields given new words (`1：改具体内容`, `2：A → B；改工作措施`; English `1: description changed`). Fields only
 * emptied are said apart, with the words they lose (`cleared`).
 */
const rewordedAs = (item: PlanRevision['amended'][number], language: 'en' | 'zh'): string => {
  const changed = item.fields.filter((field): field is 'description' | 'measures' => field !== 'title' && !(item.cleared ?? []).some((one) => one.field === field));
  const said = [
    ...(item.previousTitle === undefined ? [] : [`${item.previousTitle} → ${item.title}`]),
    ...(changed.length === 0 ? [] : [language === 'zh' ? `改${changed.map((field) => FIELD_WORDS[field].zh).join('、')}` : `${changed.map((field) => FIELD_WORDS[field].en).join(' and ')} changed`]),
  ];
  if (said.length === 0) return item.code;
  return language === 'zh' ? `${item.code}：${said.join('；')}` : `${item.code}: ${said.join('; ')}`;
};

/** Words a cell held, as the summary quotes them: at most 40 characters, then …. */
const quoted = (text: string): string => {
  const words = [...text.trim().replace(/\s+/g, ' ')];
  return words.length <= 40 ? words.join('') : `${words.slice(0, 40).join('')}…`;
};

export const isUnchanged = (revision: PlanRevision): boolean =>
  Object.values(revision).every((changes: readonly unknown[]) => changes.length === 0);

/**
 * Nothing to apply but items and units the plan keeps for their work (`itemsKept`, `unitsKept`), which a revision leaves as they
 * stand: a version sent again after it kept them (breaker43-10 F1) changes nothing.
 */
export const isUnchangedButKept = (revision: PlanRevision): boolean => isUnchanged({ ...revision, itemsKept: [], unitsKept: [] });

/** The commands that apply a revision to the items already in the plan, by item id. */
export interface ItemRevisionCommands {
  readonly withdraw: readonly { readonly itemId: string; readonly command: WithdrawWorkPlanItem }[];
  readonly revise: readonly { readonly itemId: string; readonly command: ReviseWorkPlanItem }[];
}

/**
 * Withdrawals for the items the new version drops, and one ReviseWorkPlanItem for each item it
 * changes or lists again after a withdrawal (`reinstate`; its new wording, due date and units in one decision). Added items are defined as an
 * import defines them, so they are not here. `reason` names the revision, e.g. the file. `next`:
 * the new version's items as the revision read them (`versionsAsRevised`).
 */
export function itemRevisionCommands(
  revision: PlanRevision,
  next: readonly ItemVersion[],
  options: {
    readonly actor: Actor;
    readonly today: string;
    /** The office day the new version took effect (a past plan's revision entered late): every change is dated on it. */
    readonly revisedOn: string;
    readonly reason: string;
    readonly dueDateLimit: DueDateLimit | null;
    /** A supervisor's override of `dueDateLimit`, for the re-dated items past it. */
    readonly dueDateOverride?: DueDateOverride;
    readonly planApprovedOn?: string;
    readonly unitNames?: UnitNames;
  },
): ItemRevisionCommands {
  const { actor, today, revisedOn, reason, dueDateLimit, dueDateOverride, planApprovedOn, unitNames } = options;
  const looked = { ...(planApprovedOn === undefined ? {} : { planApprovedOn }), ...(unitNames === undefined ? {} : { unitNames }) };
  const changedCodes = new Set(
    [...revision.reinstated, ...revision.redated, ...revision.amended, ...revision.moved, ...revision.unitsAdded, ...revision.unitsRemoved, ...revision.rolesChanged, ...revision.partsRedated].map((change) => change.code),
  );
  const reinstated = new Set(revision.reinstated.map((item) => item.code));
  const revise = next
    .filter((item) => changedCodes.has(item.code))
    .map((item) => {
      const addUnits: UnitToAdd[] = revision.unitsAdded.filter((unit) => unit.code === item.code).map(({ unitId, role, due }) => ({ unitId, role, ...(due ? { due } : {}) }));
      const ownDues = revision.partsRedated.filter((part) => part.code === item.code);
      const partDueDates = ownDues.length === 0 ? {} : { partDueDates: Object.fromEntries(ownDues.map((part) => [part.unitId, part.due])) };
      const removeUnitIds = revision.unitsRemoved.filter((unit) => unit.code === item.code).map((unit) => unit.unitId);
      const changeRoles: UnitToAdd[] = revision.rolesChanged.filter((unit) => unit.code === item.code).map(({ unitId, role }) => ({ unitId, role }));
      const command: ReviseWorkPlanItem = {
        type: 'ReviseWorkPlanItem',
        actor,
        today,
        revisedOn,
        reason,
        categoryCode: item.categoryCode,
        title: item.title,
        description: item.description,
        measures: item.measures,
        dueDate: item.dueDate,
        terms: item.terms ?? BY_DATE,
        addUnits,
        removeUnitIds,
        changeRoles,
        ...partDueDates,
        leadUnitIds: item.leadUnitIds,
        dueDateLimit,
        ...(dueDateOverride === undefined ? {} : { dueDateOverride }),
        ...looked,
        ...(reinstated.has(item.code) ? { reinstate: true as const } : {}),
      };
      return { itemId: item.itemId, command };
    });
  const withdraw = revision.withdrawn.map((item) => ({
    itemId: item.itemId,
    command: { type: 'WithdrawWorkPlanItem', actor, today, withdrawnOn: revisedOn, reason, ...looked } satisfies WithdrawWorkPlanItem,
  }));
  return { withdraw, revise };
}

/** In words, both languages: `1 item added (36), 1 re-dated (7: 2026-06-30 → 2026-09-30)`. */
export function describeRevision(revision: PlanRevision): Bilingual {
  if (isUnchanged(revision)) return say('no item changes', '事项无变化');
  const codes = (items: readonly { code: string }[]) => [...new Set(items.map((item) => item.code))].join(', ');
  // Units by item and name where the names are known (`withUnitNames`): 「事项 2：青川市国土资源局；事项 10：…」 (newcomer48-10 M4).
  const unitsNamed = (units: readonly UnitChange[], language: 'en' | 'zh'): string => {
    if (units.some((unit) => unit.unitName === undefined)) return language === 'en' ? `items ${codes(units)}` : `事项 ${codes(units)}`;
    const byItem = new Map<string, string[]>();
    for (const unit of units) byItem.set(unit.code, [...(byItem.get(unit.code) ?? []), unit.unitName!]);
    return [...byItem].map(([code, names]) => (language === 'en' ? `item ${code}: ${names.join(', ')}` : `事项 ${code}：${names.join('、')}`)).join(language === 'en' ? '; ' : '；');
  };
  // Each unit with its new role where the names are known: 「事项 1：澜江市发展和改革委员会 改为牵头单位、澜江市人民政府办公室 改为责任单位」 (newcomer49-10 M12).
  const rolesNamed = (units: readonly UnitChange[], language: 'en' | 'zh'): string => {
    if (units.some((unit) => unit.unitName === undefined)) return language === 'en' ? `items ${codes(units)}` : `事项 ${codes(units)}`;
    const byItem = new Map<string, string[]>();
    for (const unit of units) {
      const said = language === 'en' ? `${unit.unitName!} now ${unit.role === 'LEAD' ? 'lead' : 'responsible'}` : `${unit.unitName!} 改为${unit.role === 'LEAD' ? '牵头单位' : '责任单位'}`;
      byItem.set(unit.code, [...(byItem.get(unit.code) ?? []), said]);
    }
    return [...byItem].map(([code, said]) => (language === 'en' ? `item ${code}: ${said.join(', ')}` : `事项 ${code}：${said.join('、')}`)).join(language === 'en' ? '; ' : '；');
  };
  const partNamed = (part: PartRedated) => (part.unitName === undefined ? '' : ` ${part.unitName}`);
  // Parts dated on their own rows as they stand while their item moves: said with the item's re-dating, not as changes (breaker50-10 M8).
  const partsMoved = revision.partsRedated.filter((part) => part.stays !== true);
  const staying = (code: string, language: 'en' | 'zh') =>
    revision.partsRedated
      .filter((part) => part.stays === true && part.code === code)
      .map((part) => (language === 'en' ? `,${partNamed(part) || ' a unit'} still ${part.to}` : `，${part.unitName ?? '单位'}仍为 ${part.to}`))
      .join('');
  const keptReported = revision.itemsKept.filter(awaitsInspectionOnly);
  const keptVerified = revision.itemsKept.filter((item) => !awaitsInspectionOnly(item));
  const unitsReported = revision.unitsKept.filter((unit) => unit.awaitingInspection === true);
  const unitsVerified = revision.unitsKept.filter((unit) => unit.awaitingInspection !== true);
  // An item whose only change is a cell left empty is told by what it loses, not as 修改表述.
  const clearings = revision.amended.filter((item) => (item.cleared ?? []).length > 0).map((item) => ({ code: item.code, cleared: item.cleared! }));
  const reworded = revision.amended.filter((item) => item.fields.some((field) => !(item.cleared ?? []).some((one) => one.field === field)));
  const moves: { codes: string[]; from: string; to: string }[] = [];
  for (const item of revision.moved) {
    const group = moves.find((move) => move.from === item.from.code && move.to === item.to.code);
    if (group) group.codes.push(item.code);
    else moves.push({ codes: [item.code], from: item.from.code, to: item.to.code });
  }
  const parts: [number, string, string][] = [
    [revision.added.length, `${revision.added.length} item(s) added (${codes(revision.added)})`, `新增事项 ${revision.added.length} 项（${codes(revision.added)}）`],
    [revision.withdrawn.length, `${revision.withdrawn.length} withdrawn (${codes(revision.withdrawn)})`, `撤销 ${revision.withdrawn.length} 项（${codes(revision.withdrawn)}）`],
    [
      keptVerified.length,
      `${keptVerified.length} item(s) left out of the file kept, having verified work (${codes(keptVerified)}: reopen an item first to withdraw it)`,
      `保留已核验事项 ${keptVerified.length} 项（${codes(keptVerified)}：有已核验的任务，未撤销；如确需撤销，请先重新打开该事项）`,
    ],
    [
      keptReported.length,
      `${keptReported.length} item(s) left out of the file kept, a unit's report awaiting inspection (${codes(keptReported)}: inspect it first, then withdraw the item)`,
      `保留待督查事项 ${keptReported.length} 项（${codes(keptReported)}：单位已报告完成、待督查，未撤销；如确需撤销，请先督查其报告）`,
    ],
    [
      revision.reinstated.length,
      `${revision.reinstated.length} withdrawn item(s) listed again (${codes(revision.reinstated)}: back in the plan with their progress)`,
      `恢复列入已撤销事项 ${revision.reinstated.length} 项（${codes(revision.reinstated)}：原有进度保留）`,
    ],
    [
      revision.redated.length,
      `${revision.redated.length} re-dated (${revision.redated.map((item) => `${item.code}: ${item.from} → ${item.to}${staying(item.code, 'en')}`).join(', ')})`,
      `调整时限 ${revision.redated.length} 项（${revision.redated.map((item) => `${item.code}：${item.from} → ${item.to}${staying(item.code, 'zh')}`).join('，')}）`,
    ],
    // Lateness a re-dating clears is said, item by item (newcomer49-10 S5, related): the office decides it knowing.
    ...revision.redated.flatMap(({ code, overdueDays }): [number, string, string][] =>
      overdueDays === undefined ? [] : [[1, `item ${code} was ${overdueDays} days overdue: once re-dated it no longer counts as overdue`, `事项 ${code} 已逾期 ${overdueDays} 天：改期后不再计为逾期`]],
    ),
    [
      partsMoved.length,
      `${partsMoved.length} unit(s) re-dated on their own rows (${partsMoved.map((part) => `${part.code}${partNamed(part)}: ${part.from} → ${part.to}`).join(', ')})`,
      `调整单位时限 ${partsMoved.length} 个（${partsMoved.map((part) => `事项 ${part.code}${partNamed(part)}：${part.from} → ${part.to}`).join('，')}）`,
    ],
    // A new title is shown with the old one, so a task replaced under its number cannot pass as a rewording unseen (breaker10r P2).
    // A new 具体内容 / 工作措施 is named too, so it cannot pass as a reworded title (breaker47-10 M2: 「修改表述 1 项（1）」 said nothing).
    [
      reworded.length,
      `${reworded.length} reworded (${reworded.map((item) => rewordedAs(item, 'en')).join(', ')})`,
      `修改表述 ${reworded.length} 项（${reworded.map((item) => rewordedAs(item, 'zh')).join('，')}）`,
    ],
    // What a cell left empty takes away is said with its words (breaker10s P2): 「事项 4 删去具体内容“整合区县网站”」.
    ...clearings.map(({ code, cleared }): [number, string, string] => [
      1,
      `item ${code}: ${cleared.map((one) => `${FIELD_WORDS[one.field].en} "${quoted(one.was)}" removed`).join(', ')}`,
      `事项 ${code} 删去${cleared.map((one) => `${FIELD_WORDS[one.field].zh}“${quoted(one.was)}”`).join('、')}`,
    ]),
    // A 大项 renamed, and items moved between 大项, are said as such: no rewording (breaker10s P7).
    ...revision.categoriesRenamed.map(({ code, from, to }): [number, string, string] => [1, `category ${code} renamed: ${from} → ${to}`, `大项 ${code} 更名：${from} → ${to}`]),
    ...moves.map(({ codes: itemCodes, from, to }): [number, string, string] => [
      1,
      `item(s) ${itemCodes.join(', ')} moved from category ${from} to ${to}`,
      `事项 ${itemCodes.join('、')} 由大项 ${from} 移至大项 ${to}`,
    ]),
    [revision.unitsAdded.length, `${revision.unitsAdded.length} unit(s) added (${unitsNamed(revision.unitsAdded, 'en')})`, `增加单位 ${revision.unitsAdded.length} 个（${unitsNamed(revision.unitsAdded, 'zh')}）`],
    [revision.unitsRemoved.length, `${revision.unitsRemoved.length} unit(s) removed (${unitsNamed(revision.unitsRemoved, 'en')})`, `移除单位 ${revision.unitsRemoved.length} 个（${unitsNamed(revision.unitsRemoved, 'zh')}）`],
    [
      unitsVerified.length,
      `${unitsVerified.length} verified unit(s) left out of the file kept as done work (items ${codes(unitsVerified)})`,
      `保留已核验单位 ${unitsVerified.length} 个（事项 ${codes(unitsVerified)}：已完成的任务作为记录保留）`,
    ],
    [
      unitsReported.length,
      `${unitsReported.length} unit(s) left out of the file kept, their report awaiting inspection (items ${codes(unitsReported)}: inspect it first, then remove the unit)`,
      `保留待督查单位 ${unitsReported.length} 个（事项 ${codes(unitsReported)}：已报告完成、待督查，未移除；如确需移除，请先督查其报告）`,
    ],
    [
      revision.rolesChanged.length,
      `${revision.rolesChanged.length} role(s) changed, progress kept (${rolesNamed(revision.rolesChanged, 'en')})`,
      `调整牵头/责任分工 ${revision.rolesChanged.length} 个，进度保留（${rolesNamed(revision.rolesChanged, 'zh')}）`,
    ],
  ];
  const present = parts.filter(([count]) => count > 0);
  return say(present.map(([, en]) => en).join(', '), present.map(([, , zh]) => zh).join('，'));
}
