import type { ImportProblem } from '../../spreadsheet/import-problems.js';
import type { ValidatedPlan, ValidatedPlanCategory } from '../import/plan-validation.js';

/*
 * A new version written as a flat list (no 类别 column, no section rows: the 调整 version offices often send as a plain 任务清单)
 * says nothing of the plan's 大项: each item keeps the 大项 it stands in, never all moved into one 「一 未分类」 — the plan's
 * 大项 renamed and emptied, told as 「修改表述 1 项」 (breaker10r P11). Pure.
 */

/** A 大项 of the plan as it stands, with the codes of its items. */
export interface StandingCategory {
  readonly code: string;
  readonly title: string;
  readonly itemCodes: readonly string[];
}

export type KeptCategories = { readonly ok: true; readonly plan: ValidatedPlan; readonly notice: ImportProblem } | { readonly ok: false; readonly problems: readonly ImportProblem[] };

/**
 * `next` (a version read without 大项, its items' codes as the plan knows them) with each item under the 大项 it stands in, the
 * 大项 in the plan's order, those left without items dropped. An item new to the plan goes into the plan's one 大项 when it has
 * only one; with several, which it belongs to cannot be told: refused naming the row and the 大项.
 */
export function withStandingCategories(next: ValidatedPlan, standing: readonly StandingCategory[]): KeptCategories {
  const categoryOf = new Map(standing.flatMap((category) => category.itemCodes.map((code) => [code, category] as const)));
  const items = next.categories.flatMap((category) => category.items);
  const only = standing.length === 1 ? standing[0]! : null;
  const named = standing.map((category) => `${category.code} ${category.title}`).join('、');
  const problems: ImportProblem[] = items
    .filter((item) => !categoryOf.has(item.code) && only === null)
    .map((item) => ({
      row: item.row,
      reason: `Item ${item.code} "${item.title}" is new to the plan, but this version has no 大项 (no 类别 column, no section rows) and the plan has several (${named}): which one it belongs to cannot be told. Add the section rows (一、…) or a 类别 column to the file.`,
      reasonZh: `事项 ${item.code}“${item.title}”是方案中没有的新事项，但本版本没有大项（没有“类别”列，也没有分节行），方案有多个大项（${named}）：无法确定它归入哪个大项。请在文件中加上分节行（一、……）或“类别”列后重新导入。`,
    }));
  if (problems.length > 0) return { ok: false, problems };
  const categories: ValidatedPlanCategory[] = standing
    .map((category) => ({ code: category.code, title: category.title, items: items.filter((item) => (categoryOf.get(item.code) ?? only) === category) }))
    .filter((category) => category.items.length > 0);
  return {
    ok: true,
    plan: { ...next, categories },
    notice: {
      row: null,
      reason: `No 类别 column and no section rows: every item keeps the 大项 it has in the plan (${named}).`,
      reasonZh: `本版本没有“类别”列，也没有分节行：各事项保留在方案中原有的大项（${named}）。`,
    },
  };
}

/**
 * `next` with each 大项 the version names only by its title — a 大项 column of names (深化决策公开), its code the title itself — under the
 * code the plan knows it by, when the plan has exactly one 大项 of that title (its words: spaces, punctuation and width aside) and no
 * other 大项 of the version already takes that code (breaker10s P1: 一 深化决策公开 became 「深化决策公开 深化决策公开」, every item told
 * 修改表述 and moved out of the 大项 it stood in, a past day's export showing one 大项 as two). Null when no 大项 is so re-coded; else the
 * plan and a notice naming the 大项 kept. A 大项 with a code of its own (一、…) keeps it; a title the plan does not have is a new 大项. Pure.
 */
export function withStandingCategoryCodes(next: ValidatedPlan, standing: readonly Omit<StandingCategory, 'itemCodes'>[]): { readonly plan: ValidatedPlan; readonly notice: ImportProblem } | null {
  const words = (text: string) => text.normalize('NFKC').replace(/[\s\p{P}]/gu, '');
  const byTitle = new Map<string, Omit<StandingCategory, 'itemCodes'>[]>();
  for (const category of standing) byTitle.set(words(category.title), [...(byTitle.get(words(category.title)) ?? []), category]);
  const taken = new Set(next.categories.map((category) => category.code));
  const kept: string[] = [];
  const categories = next.categories.map((category) => {
    if (category.code !== category.title) return category;
    const same = byTitle.get(words(category.title)) ?? [];
    if (same.length !== 1 || same[0]!.code === category.code || taken.has(same[0]!.code)) return category;
    taken.add(same[0]!.code);
    kept.push(`${same[0]!.code} ${same[0]!.title}`);
    return { ...category, code: same[0]!.code, title: same[0]!.title };
  });
  if (kept.length === 0) return null;
  return {
    plan: { ...next, categories },
    notice: {
      row: null,
      reason: `The version names its 大项 by title only: each is the plan's 大项 of that title, under its code (${kept.join(', ')}).`,
      reasonZh: `本版本的大项只写了名称，没有编号：按名称对应方案中原有的大项，编号不变（${kept.join('、')}）。`,
    },
  };
}
