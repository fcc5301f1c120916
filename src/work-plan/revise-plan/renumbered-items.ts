import { sameDueTerms } from '../../shared/deadline.js';
import { wordsWithoutPunctuation } from '../../shared/numbers-by-value.js';
import type { ImportProblem } from '../../spreadsheet/import-problems.js';
import { codedTitle } from '../import/plan-document.js';
import type { ValidatedPlan } from '../import/plan-validation.js';

/*
 * A new version of a plan whose 序号 was renumbered (an item inserted, the rows below shifted:
 * 乙事项 2 → 3). Offices number rows, not items; Rectify knows an item by its code, and every
 * report, inspection and extension by the item. So items are matched by content first: an item
 * whose title the plan already has under another code is that item, and keeps its code; an
 * inserted item whose number is now another item's gets the next free number. Both are told in
 * notices (breaker10 F23). Pure: the caller says which codes are taken.
 */

/** An item of the plan as it stands: its code and title, and (to match a reworded item) its units and due date. */
export interface StandingItem {
  readonly code: string;
  readonly title: string;
  /** The 大项 it stands under: what tells apart same-titled items (加强组织领导) of two 大项. */
  readonly categoryCode?: string;
  /** That 大项's title: what still tells them apart when a version reorders the 大项 (their codes swap: breaker10j P9). */
  readonly categoryTitle?: string;
  readonly leadUnitIds?: readonly string[];
  readonly responsibleUnitIds?: readonly string[];
  readonly dueDate?: string;
}

/** Who does an item and by when: lead units, responsible units, due date; null when not known. */
const signatureOf = (leadUnitIds: readonly string[] | undefined, responsibleUnitIds: readonly string[] | undefined, dueDate: string | undefined): string | null =>
  leadUnitIds === undefined || dueDate === undefined ? null : [[...leadUnitIds].sort().join(','), [...(responsibleUnitIds ?? [])].sort().join(','), dueDate].join('|');

export interface Renumbering {
  /** The new version with the codes the plan knows its items by. */
  readonly plan: ValidatedPlan;
  /** One per item whose code is not the file's, in the file's order. */
  readonly notices: readonly ImportProblem[];
  /**
   * Rows whose item cannot be told (`unsureCodeMatches`): the version is refused naming them, never applied by a guess that
   * would hand one item's parts and progress to another (breaker10m P15). Absent or empty: every item is sure.
   */
  readonly unsure?: readonly ImportProblem[];
}

/**
 * An item title's words: full-width forms, spaces, punctuation (quotes, brackets, ，/,) and how numbers are written do not
 * count (`wordsWithoutPunctuation`): “双随机” retyped as "双随机" is the same item (breaker10m P15).
 */
const sameWords = wordsWithoutPunctuation;

/**
 * How alike two titles are, 0–1: the Dice coefficient of their character pairs (bigrams), on `sameWords`. A reworded item
 * keeps most of its words (推进价格信息公开 → 推进价格和收费信息公开: 0.8); another item shares few (推进网站集约化建设: 0.3).
 * Hand-written (a dozen lines) rather than a string-similarity package: it needs no more, and the npm ones are unmaintained.
 */
export function titleLikeness(a: string, b: string): number {
  const pairs = (text: string) => {
    const chars = [...sameWords(text)];
    return chars.length < 2 ? chars : chars.slice(1).map((char, index) => `${chars[index]}${char}`);
  };
  const [left, right] = [pairs(a), pairs(b)];
  if (left.length + right.length === 0) return 1;
  const counts = new Map<string, number>();
  for (const pair of left) counts.set(pair, (counts.get(pair) ?? 0) + 1);
  let shared = 0;
  for (const pair of right) {
    const count = counts.get(pair) ?? 0;
    if (count > 0) {
      shared += 1;
      counts.set(pair, count - 1);
    }
  }
  return (2 * shared) / (left.length + right.length);
}

/** A reworded title keeps at least half its character pairs (`titleLikeness`); below that it is taken for another item. */
const REWORDED_LIKENESS = 0.5;

/**
 * Whether a version's title can be the standing item's reworded: it keeps at least half its character pairs
 * (`REWORDED_LIKENESS`), or one title holds the other's words whole (甲事项 → 甲事项（修订）, a clause added). Below that the row
 * is another task, whatever its units and due date: an office that deletes a task and writes a new one under its number
 * (推进决算公开 → 规范依申请公开答复文书, same lead, same 9月底前) must not hand the new task the old one's reports (breaker10r P2).
 */
export function mayBeReworded(title: string, standingTitle: string): boolean {
  const [a, b] = [sameWords(title), sameWords(standingTitle)];
  return titleLikeness(title, standingTitle) >= REWORDED_LIKENESS || (Math.min(a.length, b.length) >= 2 && (a.includes(b) || b.includes(a)));
}

/** Entries whose key occurs once in a list: only those can match an item across versions. */
function uniqueBy<Entry>(entries: readonly Entry[], keyOf: (entry: Entry) => string): Map<string, Entry> {
  const counts = new Map<string, number>();
  for (const entry of entries) counts.set(keyOf(entry), (counts.get(keyOf(entry)) ?? 0) + 1);
  return new Map(entries.filter((entry) => counts.get(keyOf(entry)) === 1).map((entry) => [keyOf(entry), entry]));
}

/** An item's title within its 大项: 一 | 加强组织领导 and 二 | 加强组织领导 are two items. */
const placeOf = (item: { readonly title: string; readonly categoryCode?: string }): string => `${item.categoryCode ?? ''}\u0000${sameWords(item.title)}`;

/**
 * The code an item gets when the number the file gives it is another item's code in the plan: the next code
 * neither `used` in this renumbering nor `isTaken` in the store (added to `used`), said to the clerk in a notice.
 */
function addedUnderFreeCode(item: { readonly row: number; readonly title: string; readonly code: string }, used: Set<string>, isTaken: (code: string) => boolean, notices: ImportProblem[]): string {
  const fresh = nextFreeCode(item.code, (code) => used.has(code) || isTaken(code));
  used.add(fresh);
  notices.push({
    row: item.row,
    reason: `Item "${item.title}" is numbered ${item.code} in the file, which is another item's code in the plan: it is added as item ${fresh}.`,
    reasonZh: `事项“${item.title}”在文件中编号为 ${item.code}，而该编号在方案中属于另一事项：作为事项 ${fresh} 新增。`,
  });
  return fresh;
}

/**
 * The codes of `next` as the plan knows its items. An item of `next` keeps its file code when the
 * standing item of that code has its title (or no standing item has its title elsewhere); one
 * whose title a standing item has under another code takes that code; an item whose file code
 * now belongs to such a renumbered item gets `freshCode`'s answer. Null when nothing is renumbered.
 *
 * `isTaken(code)`: whether an item of that code was ever defined in the plan (a withdrawn item's
 * code is never reused).
 */
export function renumberedByContent(standing: readonly StandingItem[], next: ValidatedPlan, isTaken: (code: string) => boolean): Renumbering | null {
  const items = next.categories.flatMap((category) => category.items);
  const categoryOf = new Map(next.categories.flatMap((category) => category.items.map((item) => [item, category.code] as const)));
  const placed = (item: (typeof items)[number]) => placeOf({ title: item.title, categoryCode: categoryOf.get(item) });
  const standingByCode = new Map(standing.map((item) => [item.code, item]));
  const standingByTitle = uniqueBy(standing, (item) => sameWords(item.title));
  const nextByTitle = uniqueBy(items, (item) => sameWords(item.title));
  // A title several 大项 share (加强组织领导, 强化宣传培训) matches within its 大项 (breaker10c P4).
  const standingByPlace = uniqueBy(standing, placeOf);
  const nextByPlace = uniqueBy(items, placed);
  // A title several 大项 share, in 大项 the version reordered (一、决策公开 ↔ 二、政务服务: the codes swap with them), matches
  // within the 大项 of the same title, never by code: the two 加强组织领导 would swap units and dates (breaker10j P9).
  const categoryTitleOf = new Map(next.categories.flatMap((category) => category.items.map((item) => [item, category.title] as const)));
  const titled = (item: { readonly title: string; readonly categoryTitle?: string }) => `${sameWords(item.categoryTitle ?? '')}\u0000${sameWords(item.title)}`;
  const standingByTitledPlace = uniqueBy(standing.filter((item) => item.categoryTitle !== undefined && !standingByTitle.has(sameWords(item.title))), titled);
  const nextByTitledPlace = uniqueBy(items, (item) => titled({ title: item.title, categoryTitle: categoryTitleOf.get(item) }));
  const byTitledPlace = (item: (typeof items)[number]): StandingItem | undefined => {
    const key = titled({ title: item.title, categoryTitle: categoryTitleOf.get(item) });
    const same = standingByTitledPlace.get(key);
    return same && nextByTitledPlace.get(key) === item ? same : undefined;
  };
  /** The standing item a file item is, by its title alone, else by its title within its 大项 (by the 大项's title, then code); undefined when none is unique. */
  const sameItemAs = (item: (typeof items)[number]): StandingItem | undefined => {
    const byTitle = standingByTitle.get(sameWords(item.title));
    if (byTitle) return nextByTitle.get(sameWords(item.title)) === item ? byTitle : undefined;
    const titledPlace = byTitledPlace(item);
    if (titledPlace) return titledPlace;
    const byPlace = standingByPlace.get(placed(item));
    return byPlace && nextByPlace.get(placed(item)) === item ? byPlace : undefined;
  };
  /** File code → the code the plan knows the item by, for the items matched by title under another code. */
  const moved = new Map<string, string>();
  for (const item of items) {
    const atCode = standingByCode.get(item.code);
    const inTitledPlace = byTitledPlace(item);
    if (inTitledPlace) {
      if (inTitledPlace.code !== item.code) moved.set(item.code, inTitledPlace.code);
      continue;
    }
    if (atCode && sameWords(atCode.title) === sameWords(item.title)) continue;
    const same = sameItemAs(item);
    if (same && same.code !== item.code) moved.set(item.code, same.code);
  }
  // An item inserted above a reworded one (breaker10b N1): the reworded item, matched by no title,
  // is the one whose lead, units and due date are those of a standing item left unmatched — when
  // exactly one item on each side has them — and the item now at that code does not have them.
  const signature = (item: (typeof items)[number]) => signatureOf(item.leadUnits.map((unit) => unit.unitId), item.responsibleUnits.map((unit) => unit.unitId), item.dueDate);
  const keptInPlace = new Set(items.filter((item) => !moved.has(item.code) && sameWords(standingByCode.get(item.code)?.title ?? '\u0000') === sameWords(item.title)).map((item) => item.code));
  const matchedStanding = new Set([...keptInPlace, ...moved.values()]);
  const unmatchedItems = items.filter((item) => !keptInPlace.has(item.code) && !moved.has(item.code));
  const unmatchedStanding = standing.filter((item) => !matchedStanding.has(item.code));
  const rewordedFrom = new Map<string, StandingItem>();
  for (const item of unmatchedStanding) {
    const wanted = signatureOf(item.leadUnitIds, item.responsibleUnitIds, item.dueDate);
    if (wanted === null) continue;
    const inPlace = items.find((each) => each.code === item.code);
    if (inPlace && signature(inPlace) === wanted) continue;
    const candidates = unmatchedItems.filter((each) => signature(each) === wanted);
    const rivals = unmatchedStanding.filter((each) => signatureOf(each.leadUnitIds, each.responsibleUnitIds, each.dueDate) === wanted);
    const [candidate] = candidates;
    if (candidates.length !== 1 || rivals.length !== 1 || candidate!.code === item.code || moved.has(candidate!.code)) continue;
    // Units and date alone never make another title the item reworded (breaker10r P2): left to `unsureCodeMatches`.
    if (!mayBeReworded(candidate!.title, item.title)) continue;
    moved.set(candidate!.code, item.code);
    rewordedFrom.set(candidate!.code, item);
  }
  const unitsOf = (item: (typeof items)[number]) => [...item.leadUnits, ...item.responsibleUnits].map((unit) => unit.unitId);
  const { problems: unsure, replaced } = unsureCodeMatches(standing, items, moved, keptInPlace, signature, unitsOf);
  if (moved.size === 0 && replaced.size === 0) return unsure.length === 0 ? null : { plan: next, notices: [], unsure };

  const claimed = new Set(moved.values());
  const used = new Set([...standing.map((item) => item.code), ...items.map((item) => moved.get(item.code) ?? item.code)]);
  const notices: ImportProblem[] = [];
  const codeOf = (item: (typeof items)[number]): string => {
    const kept = moved.get(item.code);
    const reworded = rewordedFrom.get(item.code);
    if (kept !== undefined && reworded) {
      notices.push({
        row: item.row,
        reason: `Item "${item.title}" is numbered ${item.code} in the file; its lead, units and due date are those of item ${kept} "${reworded.title}": it is that item reworded, and keeps its code ${kept} and its progress.`,
        reasonZh: `事项“${item.title}”在文件中编号为 ${item.code}，其牵头单位、责任单位和完成时限与方案中的事项 ${kept}“${reworded.title}”相同：按该事项修改表述，保留编号 ${kept} 及其进度。`,
      });
      return kept;
    }
    if (kept !== undefined) {
      notices.push({
        row: item.row,
        reason: `Item "${item.title}" is numbered ${item.code} in the file but is item ${kept} of the plan: it keeps its code ${kept} and its progress.`,
        reasonZh: `事项“${item.title}”在文件中编号为 ${item.code}，即方案中的事项 ${kept}：保留编号 ${kept} 及其进度。`,
      });
      return kept;
    }
    // Another task written under a standing item's number (breaker10r P2): a new item, the standing one left out of the version.
    const replacing = replaced.get(item.code);
    if (replacing !== undefined && !claimed.has(item.code)) return addedInsteadOf(item, replacing, used, isTaken, notices, [...new Set([...item.leadUnits, ...item.responsibleUnits].map((unit) => unit.name))]);
    // Not moved, and its number is not another item's now: the item the code always meant (or a new one).
    if (!claimed.has(item.code)) return item.code;
    return addedUnderFreeCode(item, used, isTaken, notices);
  };
  const plan: ValidatedPlan = {
    ...next,
    categories: next.categories.map((category) => ({ ...category, items: category.items.map((item) => ({ ...item, code: codeOf(item) })) })),
  };
  return { plan, notices, ...(unsure.length === 0 ? {} : { unsure }) };
}

/**
 * A row whose title is not the standing item's of its number reworded (`mayBeReworded`), or that names none of its units
 * (`sharesNoUnit`): another task, added under the next free code; the standing item is not in the version (withdrawn, or kept
 * for its verified or reported work, as any item left out), its reports and progress staying with it. Told naming both titles
 * (and, for the units, the row's: `unitNames`).
 */
function addedInsteadOf(
  item: { readonly row: number; readonly title: string; readonly code: string },
  replacing: StandingItem & { readonly sharesNoUnit?: boolean },
  used: Set<string>,
  isTaken: (code: string) => boolean,
  notices: ImportProblem[],
  unitNames: readonly string[],
): string {
  const fresh = nextFreeCode(item.code, (code) => used.has(code) || isTaken(code));
  used.add(fresh);
  // A title like the item's but none of its units: another task in the same words (推进教育领域… → 推进交通运输领域…, breaker48-10 S1).
  if (replacing.sharesNoUnit) {
    notices.push({
      row: item.row,
      reason:
        `Item "${item.title}" is numbered ${item.code} in the file, the code of the plan's item ${item.code} "${replacing.title}", but names none of its units (the row: ${unitNames.join(', ')}): ` +
        `it is another task, added as item ${fresh}; item ${item.code} is left out of this version (withdrawn, or kept for its verified or reported work), its reports and progress staying with it.`,
      reasonZh:
        `事项“${item.title}”在文件中编号为 ${item.code}，该编号在方案中是事项 ${item.code}“${replacing.title}”，但本行的单位（${unitNames.join('、')}）都不是原事项的牵头或责任单位，不是同一事项修改表述，而是另一项任务：作为事项 ${fresh} 新增；` +
        `原事项 ${item.code} 视为本版本删去的事项（撤销，有已核验或待督查的工作则保留），其报告和进度仍归原事项，不转给新事项。`,
    });
    return fresh;
  }
  notices.push({
    row: item.row,
    reason:
      `Item "${item.title}" is numbered ${item.code} in the file, the code of the plan's item ${item.code} "${replacing.title}", with a title that is not that item's reworded (less than half its words in common): ` +
      `it is another task, added as item ${fresh}; item ${item.code} is left out of this version (withdrawn, or kept for its verified or reported work), its reports and progress staying with it.`,
    reasonZh:
      `事项“${item.title}”在文件中编号为 ${item.code}，该编号在方案中是事项 ${item.code}“${replacing.title}”，两者标题相同的字词不到一半，不是同一事项修改表述，而是另一项任务：作为事项 ${fresh} 新增；` +
      `原事项 ${item.code} 视为本版本删去的事项（撤销，有已核验或待督查的工作则保留），其报告和进度仍归原事项，不转给新事项。`,
  });
  return fresh;
}

/**
 * The rows that would keep a standing item's code with another title — taken as that item reworded, its parts and
 * progress theirs — when that is not sure: another unmatched row is as good a candidate (the item's units and due date,
 * or a title like it: at least half its character pairs, `titleLikeness`) and the row at the code is not like it more
 * than every rival is; or, in a version whose rows shifted (some item matched under another code: codes no longer say which item a
 * row is), the row at the code is neither like the item nor has its units and due date. With no rival in a version whose
 * codes did not shift, the code decides (an item reworded in place). Each problem names the row, the standing item and every candidate
 * (breaker10m P15: an item inserted on top of two items of one unit and date took the reported item's progress).
 * `signature` is the row's units and due date as `signatureOf` writes them.
 */
function unsureCodeMatches<Item extends { readonly code: string; readonly row: number; readonly title: string }>(
  standing: readonly StandingItem[],
  items: readonly Item[],
  moved: ReadonlyMap<string, string>,
  keptInPlace: ReadonlySet<string>,
  signature: (item: Item) => string | null,
  unitsOf: (item: Item) => readonly string[],
): { problems: ImportProblem[]; replaced: Map<string, StandingItem & { readonly sharesNoUnit?: boolean }> } {
  const replaced = new Map<string, StandingItem & { readonly sharesNoUnit?: boolean }>();
  const claimed = new Set(moved.values());
  const shifted = moved.size > 0;
  const unmatched = items.filter((item) => !moved.has(item.code) && !keptInPlace.has(item.code));
  const problems: ImportProblem[] = [];
  for (const item of standing) {
    if (claimed.has(item.code) || keptInPlace.has(item.code)) continue;
    const atCode = unmatched.find((each) => each.code === item.code);
    if (!atCode) continue;
    const wanted = signatureOf(item.leadUnitIds, item.responsibleUnitIds, item.dueDate);
    const likeness = (each: Item) => titleLikeness(each.title, item.title);
    const alike = (each: Item) => mayBeReworded(each.title, item.title);
    const could = (each: Item) => alike(each) || (wanted !== null && signature(each) === wanted);
    const rivals = unmatched.filter((each) => each !== atCode && could(each));
    // With rivals, the row at the code is sure only when it reads like the item more than any of them does.
    const sure = rivals.length === 0 ? !shifted || could(atCode) : alike(atCode) && rivals.every((each) => likeness(each) < likeness(atCode));
    // Sure of the row, but its title is not the item's reworded: another task under the item's number (breaker10r P2).
    if (sure && !alike(atCode)) replaced.set(atCode.code, item);
    // A title like the item's, but none of the item's units on the row: another task in the same words, never the item's parts and
    // report handed to it by a guess (breaker48-10 S1: 推进教育领域… → 推进交通运输领域…, 教育局 → 交通运输局).
    else if (sure && sharesNoUnit(item, unitsOf(atCode))) replaced.set(atCode.code, { ...item, sharesNoUnit: true });
    if (sure) continue;
    const candidates = [atCode, ...rivals];
    const named = candidates.map((each) => `第 ${each.row} 行“${each.title}”`).join('还是');
    problems.push({
      row: atCode.row,
      reason:
        `Item "${atCode.title}" is numbered ${item.code} in the file, the code of the plan's item ${item.code} "${item.title}", whose title it does not have${shifted ? ', and the rows of this version have shifted (items inserted or removed)' : ''}: ` +
        `which row is item ${item.code} now cannot be told (${candidates.map((each) => `row ${each.row} "${each.title}"`).join(' or ')}); taking one would give it item ${item.code}'s parts and progress. ` +
        `Keep item ${item.code}'s code and title in the file and number new items after the last code; to reword item ${item.code}, import that change in a version of its own. Nothing was written.`,
      reasonZh:
        `事项“${atCode.title}”在文件中编号为 ${item.code}，该编号在方案中是事项 ${item.code}“${item.title}”，标题不同${shifted ? '，且本版本的行已移位（有事项插入或删除）' : ''}：` +
        `无法确定事项 ${item.code} 现在是${named}，按任一行处理都会把事项 ${item.code} 的任务和进度交给它。请在文件中保留事项 ${item.code} 的编号和标题，新增事项使用最后一个编号之后的编号；如需修改事项 ${item.code} 的表述，请单独导入只做此项修改的版本。`,
    });
  }
  return { problems, replaced };
}

/**
 * Whether a row (its units, `rowUnitIds`) names units and none of the standing item's: lead or responsible. Unknown units (a version
 * without unit columns keeps the item's) or a row naming none share, never tell another task.
 */
const sharesNoUnit = (item: StandingItem, rowUnitIds: readonly string[]): boolean => {
  if (item.leadUnitIds === undefined || rowUnitIds.length === 0) return false;
  const standingUnits = new Set([...item.leadUnitIds, ...(item.responsibleUnitIds ?? [])]);
  return standingUnits.size > 0 && !rowUnitIds.some((unitId) => standingUnits.has(unitId));
};

/**
 * Items of a new version whose title is a standing item's code and title (`2 完善政策解读机制`, as Rectify's export writes
 * 工作事项) are that item: its code and its title without the code, whatever the file's own 编号/序号 says (breaker10j P1: an
 * export whose rows were deleted and renumbered, read as an office's file, reworded every item to `<its code> <its title>`
 * and took 序号 for codes). An item whose file code such an item now holds gets the next free code. Each told in a notice.
 * Null when no title is so written. Pure, like `renumberedByContent`.
 */
export function codesFromTitles(standing: readonly StandingItem[], next: ValidatedPlan, isTaken: (code: string) => boolean): Renumbering | null {
  const items = next.categories.flatMap((category) => category.items);
  const standingByCode = new Map(standing.map((item) => [item.code.normalize('NFKC'), item]));
  const standingTitles = new Set(standing.map((item) => sameWords(item.title)));
  const asWritten = new Map<(typeof items)[number], StandingItem>();
  for (const item of items) {
    const coded = codedTitle(item.title);
    if (coded === null || standingTitles.has(sameWords(item.title))) continue;
    const same = standingByCode.get(coded.code.normalize('NFKC'));
    if (same && sameWords(same.title) === sameWords(coded.title)) asWritten.set(item, same);
  }
  // Several rows naming one item so — the export's one row per unit, pasted into an office's template whose 序号 numbers rows
  // (breaker10k P12) — are that one item with all their units, each due on its row's date, when they agree on its lead; rows
  // that name another lead are left to the item's own reading (a code used twice is refused there).
  const byItem = new Map<string, (typeof items)[number][]>();
  for (const [item, same] of asWritten) byItem.set(same.code, [...(byItem.get(same.code) ?? []), item]);
  const joined = new Map<(typeof items)[number], (typeof items)[number]>();
  const dropped = new Set<(typeof items)[number]>();
  for (const rows of byItem.values()) {
    if (rows.length < 2) continue;
    const [first, ...rest] = rows as [(typeof items)[number], ...(typeof items)[number][]];
    const leads = (item: (typeof items)[number]) => item.leadUnits.map((unit) => unit.unitId).join('、');
    if (rest.some((item) => leads(item) !== leads(first))) {
      for (const item of rows) asWritten.delete(item);
      continue;
    }
    joined.set(first, oneItemOfRows(rows));
    for (const item of rest) {
      asWritten.delete(item);
      dropped.add(item);
    }
  }
  const categories = categoriesAsWritten(standing, next);
  if (asWritten.size === 0 && categories === null) return null;
  const claimed = new Set([...asWritten.values()].map((same) => same.code));
  const used = new Set([...standing.map((item) => item.code), ...items.filter((item) => !dropped.has(item)).map((item) => asWritten.get(item)?.code ?? item.code)]);
  const notices: ImportProblem[] = [];
  for (const item of dropped) {
    const same = [...byItem.entries()].find(([, rows]) => rows.includes(item))![0];
    notices.push({
      row: item.row,
      reason: `"${item.title}" names item ${same} again (the export's one row per unit): its units are read into item ${same}, not a new item.`,
      reasonZh: `“${item.title}”再次写的是事项 ${same}（导出表每个单位一行）：其单位并入事项 ${same}，不另立新事项。`,
    });
  }
  const renamed = (item: (typeof items)[number]): (typeof items)[number] => {
    const same = asWritten.get(item);
    if (same) {
      item = joined.get(item) ?? item;
      notices.push({
        row: item.row,
        reason: `"${item.title}" is item ${same.code}'s code and title, as Rectify's export writes them: read as item ${same.code} "${same.title}"${item.code === same.code ? '' : ` (the file numbers it ${item.code})`}, never reworded to start with its code.`,
        reasonZh: `“${item.title}”是事项 ${same.code} 的编号加标题（本系统导出表的写法）：按事项 ${same.code}“${same.title}”读取${item.code === same.code ? '' : `（文件中编号为 ${item.code}）`}，编号不计入标题。`,
      });
      return { ...item, code: same.code, title: same.title };
    }
    if (!claimed.has(item.code)) return item;
    return { ...item, code: addedUnderFreeCode(item, used, isTaken, notices) };
  };
  const plan: ValidatedPlan = {
    ...next,
    categories: next.categories.map((category) => ({ ...category, ...categories?.get(category), items: category.items.filter((item) => !dropped.has(item)).map(renamed) })),
  };
  for (const [category, as] of categories ?? []) {
    notices.push({
      row: null,
      reason: `Category "${category.title}" is category ${as.code} "${as.title}" as Rectify's export writes it (code and title): read as that category.`,
      reasonZh: `类别“${category.title}”是类别 ${as.code}“${as.title}”的编号加标题（本系统导出表的写法）：按该类别读取。`,
    });
  }
  return { plan, notices };
}

/**
 * Categories of a new version read from one 类别 cell (code = title) that write a standing category's code and title
 * (`一 公开`, as Rectify's export writes 类别) or its one name twice (`一、决策公开 一、决策公开`): that category (breaker10k P12,
 * 10j P8f — else every item is "moved" into a category so named). Null when none.
 */
function categoriesAsWritten(standing: readonly StandingItem[], next: ValidatedPlan): Map<ValidatedPlan['categories'][number], { code: string; title: string }> | null {
  const known = new Map<string, { code: string; title: string }>();
  for (const item of standing) {
    if (item.categoryCode === undefined || item.categoryTitle === undefined) continue;
    known.set(`${item.categoryCode} ${item.categoryTitle}`, { code: item.categoryCode, title: item.categoryTitle });
    if (item.categoryCode === item.categoryTitle) known.set(item.categoryCode, { code: item.categoryCode, title: item.categoryTitle });
  }
  const found = new Map<ValidatedPlan['categories'][number], { code: string; title: string }>();
  for (const category of next.categories) {
    if (category.code !== category.title || standing.some((item) => item.categoryCode === category.code && item.categoryTitle === category.title)) continue;
    const text = category.title.normalize('NFKC').replace(/\s+/gu, ' ').trim();
    const half = (text.length - 1) / 2;
    const once = Number.isInteger(half) && half > 0 && text[half] === ' ' && text.slice(0, half) === text.slice(half + 1) ? text.slice(0, half) : text;
    const as = known.get(once);
    if (as) found.set(category, as);
  }
  return found.size === 0 ? null : found;
}

/**
 * Rows of one item that share its lead, as one item: the first row's fields, the responsible units of every row in order
 * (none twice, never a lead), and each unit due on its own row's date when that differs from the first row's (`partDueDates`).
 */
function oneItemOfRows(rows: readonly ValidatedPlan['categories'][number]['items'][number][]): ValidatedPlan['categories'][number]['items'][number] {
  const [first] = rows as [ValidatedPlan['categories'][number]['items'][number]];
  const leads = new Set(first.leadUnits.map((unit) => unit.unitId));
  const responsibleUnits: (typeof first.responsibleUnits)[number][] = [];
  const partDueDates: Record<string, NonNullable<typeof first.partDueDates>[string]> = { ...(first.partDueDates ?? {}) };
  for (const row of rows) {
    for (const unit of row.responsibleUnits) {
      if (leads.has(unit.unitId) || responsibleUnits.some((each) => each.unitId === unit.unitId)) continue;
      responsibleUnits.push(unit);
      const own = row.partDueDates?.[unit.unitId] ?? { dueDate: row.dueDate, terms: row.terms ?? { kind: 'BY_DATE' as const, dueDate: row.dueDate } };
      const firstTerms = first.terms ?? { kind: 'BY_DATE' as const, dueDate: first.dueDate };
      if (row !== first ? own.dueDate !== first.dueDate || !sameDueTerms(own.terms, firstTerms) : row.partDueDates?.[unit.unitId] !== undefined) {
        partDueDates[unit.unitId] = own;
      }
    }
  }
  const { partDueDates: _ignored, ...rest } = first;
  return { ...rest, responsibleUnits, ...(Object.keys(partDueDates).length === 0 ? {} : { partDueDates }) };
}

/** The first free code after the highest one of the same shape: `2` → `4` when 1–3 are used; `一.2` → `一.4`; `A` → `A-1`. */
export function nextFreeCode(code: string, isUsed: (code: string) => boolean): string {
  const numbered = /^(.*?)(\d+)$/.exec(code);
  if (!numbered) {
    let suffix = 1;
    while (isUsed(`${code}-${suffix}`)) suffix += 1;
    return `${code}-${suffix}`;
  }
  const prefix = numbered[1]!;
  let number = Number(numbered[2]) + 1;
  while (isUsed(`${prefix}${number}`)) number += 1;
  return `${prefix}${number}`;
}

/**
 * Rows of a version (`next`, its codes as the renumbering gave them) whose title is, word for word (`sameWords`), an item the plan
 * withdrew (`withdrawn`: code and title) — and no item of the plan as it stands (`standing`) — under another code: a renumbered
 * version listing the withdrawn item again (breaker49-10 S12: it was added as a new item 41 beside the withdrawn 35, its reports and
 * history left on 35). The row takes the withdrawn item's code, so the revision reinstates it (恢复列入) with its progress and history,
 * as the other rows are matched to their items by title. Only a title one withdrawn item has and one row has, and a code no row of
 * the version holds. `fileCodeOf`: a row's number as the file wrote it (before the renumbering). `recodedAt(notice)`: whether a notice is of a row recoded (its 作为事项 41 新增 no longer holds). Null when none. Pure.
 */
export function withdrawnItemsRecoded(
  next: ValidatedPlan,
  standing: readonly StandingItem[],
  withdrawn: readonly StandingItem[],
  fileCodeOf: (item: ValidatedPlan['categories'][number]['items'][number]) => string = (item) => item.code,
): { readonly plan: ValidatedPlan; readonly notices: readonly ImportProblem[]; readonly recodedAt: (notice: ImportProblem) => boolean } | null {
  const standingTitles = new Set(standing.map((item) => sameWords(item.title)));
  const withdrawnByTitle = uniqueBy(
    withdrawn.filter((item) => !standingTitles.has(sameWords(item.title))),
    (item) => sameWords(item.title),
  );
  const items = next.categories.flatMap((category) => category.items);
  const nextByTitle = uniqueBy(items, (item) => sameWords(item.title));
  const codesInVersion = new Set(items.map((item) => item.code));
  const recoded = new Map<(typeof items)[number], StandingItem>();
  for (const item of items) {
    const back = withdrawnByTitle.get(sameWords(item.title));
    if (!back || back.code === item.code || nextByTitle.get(sameWords(item.title)) !== item || codesInVersion.has(back.code)) continue;
    recoded.set(item, back);
  }
  if (recoded.size === 0) return null;
  const notices: ImportProblem[] = [...recoded].map(([item, back]) => ({
    row: item.row,
    ...(item.sheet === undefined ? {} : { sheet: item.sheet }),
    reason: `Item "${item.title}" is numbered ${fileCodeOf(item)} in the file; it is the plan's withdrawn item ${back.code}: listed again, it is reinstated under its code ${back.code} with its progress and history.`,
    reasonZh: `事项“${item.title}”在文件中编号为 ${fileCodeOf(item)}，即方案中已撤销的事项 ${back.code}：恢复列入，保留编号 ${back.code} 及其进度和记录。`,
  }));
  const plan: ValidatedPlan = {
    ...next,
    categories: next.categories.map((category) => ({ ...category, items: category.items.map((item) => (recoded.has(item) ? { ...item, code: recoded.get(item)!.code } : item)) })),
  };
  const places = new Set([...recoded.keys()].map((item) => `${item.sheet ?? ''}\u0000${item.row}`));
  return { plan, notices, recodedAt: (notice) => places.has(`${notice.sheet ?? ''}\u0000${notice.row}`) };
}
