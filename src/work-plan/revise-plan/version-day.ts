import { say, type Bilingual } from '../../shared/domain-error.js';
import type { ItemVersion } from './plan-revision.js';
import type { RecordedChange, RecordedRevision } from './revisions-undone.js';

/*
 * A version entered late (breaker49-10 S9, M6): the office's adjusting document of 10-26 typed in after a colleague re-dated an item
 * by hand on 11-02. Compared with the plan as it stands today, the file "moved the item back" to the day it had on 10-26 — refused
 * as overdue at once (M6), or applied as a re-dating dated 10-26 recorded after the 11-02 one, the item then due on the old day and
 * its parts on the new (S9). A version is judged on the plan as of its own day: a change made by hand after that day is not its
 * business. Pure: the file's items as the comparison takes them, and the changes it cannot be judged against.
 */

/** A change made by hand after the version's day to an item the version gives otherwise than it stood on its day and stands now. */
export interface LaterHandChange {
  /** The hand change's office day (`YYYY-MM-DD`), after the version's day. */
  readonly on: string;
  readonly reason: string;
  readonly change: RecordedChange;
  /** The item's due date (`YYYY-MM-DD`) on the version's day, now, and in the file. */
  readonly dueDateOnVersionDay: string;
  readonly dueDateNow: string;
  readonly dueDateInFile: string;
}

/**
 * The file's items (`next`) as compared with the plan as it stands (`standing`) for a version dated `versionDay` (`YYYY-MM-DD`),
 * given the plan's recorded revisions (`recorded`, in the order recorded; those `byHand` are single changes to an item). For each item
 * changed by hand after `versionDay`, an aspect the file gives as it stood on that day — the due date before the first such re-dating,
 * a unit's part as it was before the first such addition or removal, a unit's role (lead or responsible) before the first such change
 * of it (breaker50-10 S6) — is taken as it stands now: the file did not change it, and
 * nothing is recorded for it. A due date the file gives otherwise than both is `refused`: a re-dating dated before a later one
 * cannot be applied after it (the item's date and its parts' would disagree). Items with no later hand change are as the file gives them.
 */
export function asOfVersionDay(
  next: readonly ItemVersion[],
  standing: readonly ItemVersion[],
  recorded: readonly RecordedRevision[],
  versionDay: string,
): { readonly versions: ItemVersion[]; readonly refused: LaterHandChange[] } {
  const later = recorded.filter((revision) => revision.byHand === true && revision.on > versionDay);
  if (later.length === 0) return { versions: [...next], refused: [] };
  const now = new Map(standing.map((item) => [item.itemId, item] as const));
  // The first later change to each item's date and to each of its units: what stood on the version's day.
  const firstRedating = new Map<string, { on: string; reason: string; change: RecordedChange }>();
  const firstUnitChange = new Map<string, Map<string, RecordedChange>>();
  const firstRoleChange = new Map<string, Map<string, RecordedChange>>();
  for (const revision of later) {
    for (const change of revision.changes) {
      if (change.kind === 'ROLE_CHANGED' && change.unitId !== undefined) {
        const units = firstRoleChange.get(change.itemId) ?? new Map<string, RecordedChange>();
        if (!units.has(change.unitId)) units.set(change.unitId, change);
        firstRoleChange.set(change.itemId, units);
      }
      if (change.kind === 'ITEM_REDATED' && !firstRedating.has(change.itemId)) firstRedating.set(change.itemId, { on: revision.on, reason: revision.reason, change });
      if ((change.kind === 'UNIT_ADDED' || change.kind === 'UNIT_REMOVED') && change.unitId !== undefined) {
        const units = firstUnitChange.get(change.itemId) ?? new Map<string, RecordedChange>();
        if (!units.has(change.unitId)) units.set(change.unitId, change);
        firstUnitChange.set(change.itemId, units);
      }
    }
  }
  const refused: LaterHandChange[] = [];
  const versions = next.map((version): ItemVersion => {
    const current = now.get(version.itemId);
    if (!current) return version;
    let taken: ItemVersion = version;
    const redating = firstRedating.get(version.itemId);
    if (redating && version.dueDate !== current.dueDate) {
      const onVersionDay = redating.change.previousDueDate!;
      if (version.dueDate === onVersionDay) {
        // As it stood on the version's day: the date as it stands, and each unit the file dates so, too.
        const partDueDates =
          version.partDueDates === undefined
            ? undefined
            : Object.fromEntries(Object.entries(version.partDueDates).map(([unitId, due]) => [unitId, due.dueDate === onVersionDay ? { ...due, dueDate: current.dueDate, terms: current.terms ?? due.terms } : due]));
        const { terms: _terms, ...rest } = taken;
        taken = { ...rest, dueDate: current.dueDate, ...(current.terms === undefined ? {} : { terms: current.terms }), ...(partDueDates === undefined ? {} : { partDueDates }) };
      } else {
        refused.push({ on: redating.on, reason: redating.reason, change: redating.change, dueDateOnVersionDay: onVersionDay, dueDateNow: current.dueDate, dueDateInFile: version.dueDate });
      }
    }
    for (const [unitId, first] of firstUnitChange.get(version.itemId) ?? []) {
      const inFile = taken.leadUnitIds.includes(unitId) || taken.responsibleUnitIds.includes(unitId);
      const hadOnVersionDay = first.kind === 'UNIT_REMOVED';
      if (inFile !== hadOnVersionDay) continue;
      // The file names the unit as it stood on its day: the unit's part as it stands now (kept, or not given again).
      const lead = current.leadUnitIds.includes(unitId);
      const responsible = current.responsibleUnitIds.includes(unitId);
      const without = { leadUnitIds: taken.leadUnitIds.filter((id) => id !== unitId), responsibleUnitIds: taken.responsibleUnitIds.filter((id) => id !== unitId) };
      taken = {
        ...taken,
        leadUnitIds: lead ? [...without.leadUnitIds, unitId] : without.leadUnitIds,
        responsibleUnitIds: responsible ? [...without.responsibleUnitIds, unitId] : without.responsibleUnitIds,
      };
    }
    // A unit the file gives the role it had on the version's day, changed by hand since (更换牵头单位): its role as it stands now.
    for (const [unitId, first] of firstRoleChange.get(version.itemId) ?? []) {
      const asThen = (first.previousRole === 'LEAD' ? taken.leadUnitIds : taken.responsibleUnitIds).includes(unitId);
      const lead = current.leadUnitIds.includes(unitId);
      if (!asThen || (!lead && !current.responsibleUnitIds.includes(unitId))) continue;
      const without = { leadUnitIds: taken.leadUnitIds.filter((id) => id !== unitId), responsibleUnitIds: taken.responsibleUnitIds.filter((id) => id !== unitId) };
      taken = { ...taken, leadUnitIds: lead ? [...without.leadUnitIds, unitId] : without.leadUnitIds, responsibleUnitIds: lead ? without.responsibleUnitIds : [...without.responsibleUnitIds, unitId] };
    }
    return taken;
  });
  return { versions, refused };
}

/**
 * Why a row is refused (`LaterHandChange`): 「事项 11 棚户区改造信息公开 的时限已于 2026-11-02 单独调整（2026-12-31 → 2026-12-25；依据：棚改进度调整），
 * 在本文件的调整日期 2026-10-26 之后…」, with the two dates the row may give.
 */
export function laterHandChangeWords(later: LaterHandChange, versionDay: string): Bilingual {
  const { code, title } = later.change;
  return say(
    `Item ${code} ${title} was re-dated on its own on ${later.on} (${later.dueDateOnVersionDay} → ${later.change.dueDate}; reason: ${later.reason}), after this version's day ${versionDay}: ` +
      `a re-dating as of ${versionDay} to ${later.dueDateInFile} cannot be applied after it. Give the item's date as it stood on ${versionDay} (${later.dueDateOnVersionDay}) or as it stands (${later.dueDateNow}); ` +
      `to move it again, reschedule it on a day after ${later.on}.`,
    `事项 ${code} ${title} 的时限已于 ${later.on} 单独调整（${later.dueDateOnVersionDay} → ${later.change.dueDate}；依据：${later.reason}），在本文件的调整日期 ${versionDay} 之后：` +
      `本文件把它调整为 ${later.dueDateInFile}，不能排在该次调整之后应用。请按 ${versionDay} 时的时限（${later.dueDateOnVersionDay}）或现行时限（${later.dueDateNow}）填写；` +
      `如需再调整，请在 ${later.on} 之后单独调整该事项的时限。`,
  );
}
