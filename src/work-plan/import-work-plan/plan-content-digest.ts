import { sha256Of } from '../../spreadsheet/import-problems.js';
import { BY_DATE, isDueOnAssignment } from '../../shared/deadline.js';
import type { ValidatedPlan } from '../import/plan-validation.js';

/**
 * The digest of what a plan file says (`WorkPlanSource.contentDigest`, newcomer43-10 #3): the hex sha256 of its rows as read — each
 * 大项's code and title, each item's code, title, 具体内容, 工作措施, lead and responsible units (by unit id, however the cell named
 * them), its deadline's terms and day, each unit's own deadline, and the columns the file lacks. Not in it: the bytes, the encoding
 * (GBK or UTF-8, with or without BOM), the file type (CSV or XLSX), the sheet, row numbers, the title row, and the day of a
 * 立行立改 deadline, which is the day the import reads it on — so the same version saved again in other bytes has the same digest,
 * and one cell changed gives another.
 */
export function planContentDigest(plan: Pick<ValidatedPlan, 'categories' | 'absentFields'>): string {
  const dueOf = (due: { readonly dueDate: string; readonly terms?: ValidatedPlan['categories'][number]['items'][number]['terms'] }) => {
    const terms = due.terms ?? BY_DATE;
    return [terms, isDueOnAssignment(terms) ? '' : due.dueDate];
  };
  const rows = plan.categories.map((category) => [
    category.code,
    category.title,
    category.items.map((item) => [
      item.code,
      item.title,
      item.description,
      item.measures,
      item.leadUnits.map((unit) => unit.unitId),
      item.responsibleUnits.map((unit) => unit.unitId),
      dueOf(item),
      Object.entries(item.partDueDates ?? {})
        .sort(([one], [other]) => one.localeCompare(other))
        .map(([unitId, due]) => [unitId, dueOf(due)]),
    ]),
  ]);
  return sha256Of(JSON.stringify({ rows, absent: [...(plan.absentFields ?? [])].sort() }));
}
