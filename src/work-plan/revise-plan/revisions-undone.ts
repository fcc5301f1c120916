import { say, type Bilingual } from '../../shared/domain-error.js';
import type { AssignmentRole } from '../../assignments/domain/assignment.events.js';
import type { ItemVersion, PlanRevision } from './plan-revision.js';

/*
 * A version built on a superseded one (newcomer48-10 S1): a colleague's copy of the original workbook, edited after the plan
 * was revised, reverses every change that revision made — offered as a new version, applied with --revise, it silently undoes
 * an approved revision. Pure: which recorded revisions a new version undoes, and the words for them.
 */

/** One change a recorded revision made to one item: the item (id, code, title), and the unit for a unit's change. */
export interface RecordedChange {
  readonly kind: 'ITEM_ADDED' | 'ITEM_WITHDRAWN' | 'UNIT_ADDED' | 'UNIT_REMOVED' | 'ITEM_REDATED' | 'ROLE_CHANGED';
  readonly itemId: string;
  readonly code: string;
  readonly title: string;
  readonly unitId?: string;
  readonly unitName?: string;
  /** For ITEM_REDATED: the item's due date (`YYYY-MM-DD`) before and after the revision. */
  readonly previousDueDate?: string;
  readonly dueDate?: string;
  /** For ROLE_CHANGED: the unit's role in the item before and after the revision (lead ↔ responsible, its part and progress kept). */
  readonly previousRole?: AssignmentRole;
  readonly role?: AssignmentRole;
}

/** A revision of the plan as recorded: its office day (`YYYY-MM-DD`), its file (null when none: an item added by hand), its reason, its changes. */
export interface RecordedRevision {
  readonly on: string;
  readonly fileName: string | null;
  readonly reason: string;
  readonly changes: readonly RecordedChange[];
  /** A single change made by hand to one item (rescheduleWorkPlanItem, add/removeWorkPlanItemUnit), not a version of the file. */
  readonly byHand?: true;
}

/** A recorded revision a new version would undo: the revision and each of its changes the version reverses. */
export interface RevisionUndone {
  readonly on: string;
  readonly fileName: string | null;
  readonly reason: string;
  readonly undone: readonly RecordedChange[];
}

/**
 * The recorded revisions (`recorded`) the new version (`revision`, compared with the plan as it stands; `next`: its items as the
 * file gives them) undoes: those of which it reverses at least one change — withdraws an item the revision added, lists again one it
 * withdrew, gives back a unit it removed, removes a unit it added, moves an item back to the day it had before, gives a unit back the
 * role (lead or responsible) it had before (breaker50-10 S6: a colleague's hand change of the lead, reverted unseen) — more of them than it keeps.
 * Such a file follows a version from before that revision (a copy of the original workbook edited after it, which may happen to make
 * one of its changes again: newcomer48-10's copy moved item 6 to the revision's day); a genuine new version, built on the plan as it
 * stands, keeps that revision's changes, and one reversing a change of it among more it keeps is a deliberate change, not told. In the order recorded.
 *
 * Only changes the plan still has count, undone or kept (breaker49-10 S7): one a later recorded revision changed again (the item re-dated,
 * its unit removed or added, the item withdrawn or listed again since — `recorded` is every revision, in the order recorded; `since`
 * leaves out of the answer those dated after the version's day, which still supersede the earlier ones) is no longer in the plan, and
 * a re-dating counts as undone only when the version re-dates the item (`revision.redated`) back to the day it had before. The plan's
 * own current export, edited or not, thus undoes nothing: a change a later version already reverted is not the file's doing.
 */
export function revisionsUndone(revision: PlanRevision, next: readonly ItemVersion[], recorded: readonly RecordedRevision[], since: (revision: RecordedRevision) => boolean = () => true): RevisionUndone[] {
  const inFile = new Map(next.map((item) => [item.itemId, item] as const));
  const redated = new Set(revision.redated.map((item) => item.code));
  // What each change touched (an item's date, its place in the plan, one unit's part): the last change to it is the one the plan has.
  const touched = (change: RecordedChange): string =>
    change.kind === 'ITEM_REDATED'
      ? `date\u0000${change.itemId}`
      : change.kind === 'ITEM_ADDED' || change.kind === 'ITEM_WITHDRAWN'
        ? `item\u0000${change.itemId}`
        : change.kind === 'ROLE_CHANGED'
          ? `role\u0000${change.itemId}\u0000${change.unitId}`
          : `unit\u0000${change.itemId}\u0000${change.unitId}`;
  const last = new Map<string, RecordedChange>();
  for (const one of recorded) for (const change of one.changes) last.set(touched(change), change);
  const stillHad = (change: RecordedChange) => last.get(touched(change)) === change;
  const has = (list: readonly { itemId: string }[]) => new Set(list.map((item) => item.itemId));
  const [withdrawn, reinstated] = [has(revision.withdrawn), has(revision.reinstated)];
  const unitKey = (code: string, unitId: string) => `${code}\u0000${unitId}`;
  const unitsAdded = new Set(revision.unitsAdded.map((unit) => unitKey(unit.code, unit.unitId)));
  const unitsRemoved = new Set(revision.unitsRemoved.map((unit) => unitKey(unit.code, unit.unitId)));
  const rolesGiven = new Map(revision.rolesChanged.map((unit) => [unitKey(unit.code, unit.unitId), unit.role] as const));
  const inRole = (item: ItemVersion | undefined, unitId: string, role: AssignmentRole | undefined) => (role === 'LEAD' ? item?.leadUnitIds : item?.responsibleUnitIds)?.includes(unitId) === true;
  const unitsOf = (item: ItemVersion | undefined) => new Set(item ? [...item.leadUnitIds, ...item.responsibleUnitIds] : []);
  /** 'undone', 'kept', or null: changed again otherwise (another day), or out of the file for its work. */
  const fate = (change: RecordedChange): 'undone' | 'kept' | null => {
    if (!stillHad(change)) return null;
    const item = inFile.get(change.itemId);
    switch (change.kind) {
      case 'ITEM_ADDED':
        return withdrawn.has(change.itemId) ? 'undone' : item ? 'kept' : null;
      case 'ITEM_WITHDRAWN':
        return reinstated.has(change.itemId) ? 'undone' : item ? null : 'kept';
      case 'UNIT_ADDED':
        return unitsRemoved.has(unitKey(change.code, change.unitId!)) ? 'undone' : unitsOf(item).has(change.unitId!) ? 'kept' : null;
      case 'UNIT_REMOVED':
        return unitsAdded.has(unitKey(change.code, change.unitId!)) ? 'undone' : item && !unitsOf(item).has(change.unitId!) ? 'kept' : null;
      case 'ITEM_REDATED':
        return !item ? null : item.dueDate === change.previousDueDate && redated.has(item.code) ? 'undone' : item.dueDate === change.dueDate ? 'kept' : null;
      case 'ROLE_CHANGED':
        return rolesGiven.get(unitKey(change.code, change.unitId!)) === change.previousRole ? 'undone' : inRole(item, change.unitId!, change.role) ? 'kept' : null;
    }
  };
  return recorded.filter(since).flatMap((one) => {
    const fates = one.changes.map((change) => ({ change, fate: fate(change) }));
    const undone = fates.filter(({ fate: what }) => what === 'undone').map(({ change }) => change);
    const kept = fates.filter(({ fate: what }) => what === 'kept').length;
    return undone.length > kept ? [{ on: one.on, fileName: one.fileName, reason: one.reason, undone }] : [];
  });
}

/** A unit the directory does not hold (never its id in words a clerk reads). */
const UNKNOWN_UNIT = '（名录中没有的单位）';
/** A unit's role in an item, as the summaries say it. */
const ROLE_EN: Readonly<Record<AssignmentRole, string>> = { LEAD: 'lead', RESPONSIBLE: 'responsible unit' };
const ROLE_ZH: Readonly<Record<AssignmentRole, string>> = { LEAD: '牵头单位', RESPONSIBLE: '责任单位' };

const CHANGE_WORDS: Readonly<Record<RecordedChange['kind'], (change: RecordedChange) => Bilingual>> = {
  ITEM_ADDED: (change) => say(`withdraw item ${change.code} ${change.title}, which it added`, `撤销该次新增的事项 ${change.code} ${change.title}`),
  ITEM_WITHDRAWN: (change) => say(`list again item ${change.code} ${change.title}, which it withdrew`, `恢复该次撤销的事项 ${change.code} ${change.title}`),
  UNIT_ADDED: (change) => say(`remove ${change.unitName ?? UNKNOWN_UNIT} from item ${change.code} ${change.title}, added by it`, `从事项 ${change.code} ${change.title} 移除该次增加的单位 ${change.unitName ?? UNKNOWN_UNIT}`),
  UNIT_REMOVED: (change) => say(`give back ${change.unitName ?? UNKNOWN_UNIT} to item ${change.code} ${change.title}, removed by it`, `为事项 ${change.code} ${change.title} 恢复该次移除的单位 ${change.unitName ?? UNKNOWN_UNIT}`),
  ITEM_REDATED: (change) =>
    say(`move item ${change.code} ${change.title} back from ${change.dueDate} to ${change.previousDueDate}`, `把事项 ${change.code} ${change.title} 的时限由该次调整后的 ${change.dueDate} 改回 ${change.previousDueDate}`),
  ROLE_CHANGED: (change) =>
    say(
      `make ${change.unitName ?? UNKNOWN_UNIT} ${ROLE_EN[change.previousRole!]} of item ${change.code} ${change.title} again, ${ROLE_EN[change.role!]} since it`,
      `把事项 ${change.code} ${change.title} 中 ${change.unitName ?? UNKNOWN_UNIT} 的分工由该次调整后的${ROLE_ZH[change.role!]}改回${ROLE_ZH[change.previousRole!]}`,
    ),
};

/** `2016-09-10 调整（plan-2016-adjusted.xlsx；依据：青政办〔2016〕45号）`: a recorded revision named by its day, file and reason. */
function revisionNamed(undone: RevisionUndone): Bilingual {
  const file = undone.fileName === null ? { en: '', zh: '' } : { en: `${undone.fileName}, `, zh: `${undone.fileName}；` };
  // The default reason (依据 <file> 修订方案) is said as it is, never 「依据：依据 …」.
  const reason = undone.reason.startsWith('依据') ? { en: undone.reason, zh: undone.reason } : { en: `reason: ${undone.reason}`, zh: `依据：${undone.reason}` };
  return say(`the revision of ${undone.on} (${file.en}${reason.en})`, `${undone.on} 的调整（${file.zh}${reason.zh}）`);
}

/**
 * What a version undoes, each revision by its day, file and reason and each change with its item's code and title and its unit's
 * name: 「本文件将撤销 2016-09-10 的调整（plan-2016-adjusted.xlsx；依据：青政办〔2016〕45号）：撤销该次新增的事项 11 推进政务舆情回应；…」.
 * `done`: said of a version applied (confirmed with undoLaterRevision) — what it did, 「本次已按确认撤销…」, never what it would do
 * (breaker49-10 S7: the applied answer said 「本文件将撤销…」).
 */
export function describeRevisionsUndone(undone: readonly RevisionUndone[], done = false): Bilingual {
  const each = undone.map((one) => {
    const named = revisionNamed(one);
    const changes = one.undone.map((change) => CHANGE_WORDS[change.kind](change));
    // One revision's part of the sentence below, not a message of its own: joined, not said.
    return { en: `${named.en}: ${done ? 'changes undone: ' : 'it would '}${changes.map((change) => change.en).join('; ')}`, zh: `${named.zh}：${changes.map((change) => change.zh).join('；')}` };
  });
  if (done) {
    return say(
      `As confirmed (undoLaterRevision), this version undid ${each.map((one) => one.en).join('; and ')}.`,
      `本次已按确认撤销${each.map((one) => one.zh).join('；又撤销')}。`,
    );
  }
  return say(
    `This file undoes ${each.map((one) => one.en).join('; and ')}. It seems edited from a version older than that revision (a copy kept from before it).`,
    `本文件将撤销${each.map((one) => one.zh).join('；又将撤销')}。本文件似是在该次调整之前的旧版本上修改的。`,
  );
}
