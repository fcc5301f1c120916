import { dateProblemOf, namesInCell } from '../../spreadsheet/cells.js';
import { sortedProblems, type ImportProblem, type ImportResult } from '../../spreadsheet/import-problems.js';
import { type ResolvedUnit, type UnitLookup } from '../../organization/units/unit-lookup.js';
import type { PlanDocument } from './plan-document.js';

/*
 * The rules a plan must meet before anything of it is written. Every problem is collected, each
 * with its row, so that the office fixes the file once rather than once per error.
 */

export interface ValidatedPlanItem {
  readonly row: number;
  readonly code: string;
  readonly title: string;
  readonly description: string;
  readonly leadUnit: ResolvedUnit;
  readonly responsibleUnits: readonly ResolvedUnit[];
  /** A real calendar day, `YYYY-MM-DD`. */
  readonly dueDate: string;
}

export interface ValidatedPlanCategory {
  readonly code: string;
  readonly title: string;
  readonly items: readonly ValidatedPlanItem[];
}

/** A plan every row of which is fine, with its units resolved to ids. */
export interface ValidatedPlan {
  readonly title: string;
  readonly year: number;
  readonly categories: readonly ValidatedPlanCategory[];
}

export type PlanValidation = ImportResult<'plan', ValidatedPlan>;

const MAX_TITLE = 200;
const MAX_DESCRIPTION = 5000;
const MAX_CODE = 32;

/**
 * Checks every item: code (present, short, not used twice), title, lead unit (exactly one, known),
 * responsible units (known, none twice, not the lead), due date (a real day, in the plan's year
 * or the next), and every category's code and title. Units are resolved with `lookupUnit`,
 * which accepts an official name or a unit code.
 */
export function validatePlanDocument(document: PlanDocument, lookupUnit: UnitLookup): PlanValidation {
  const problems: ImportProblem[] = [];
  const firstRowOfCode = new Map<string, number>();
  const resolve = (name: string, row: number, role: string): ResolvedUnit | null => {
    const unitId = lookupUnit(name);
    if (unitId === undefined) {
      problems.push({ row, reason: `Unknown ${role} "${name}": not the official name or code of a unit in the directory.` });
      return null;
    }
    return { name, unitId };
  };

  const categories = document.categories.map((category): ValidatedPlanCategory => {
    const items = category.items.map((item): ValidatedPlanItem | null => {
      const { row } = item;
      const found = problems.length;
      if (category.code === '') problems.push({ row, reason: 'Missing category code (类别编号).' });
      if (category.title === '') problems.push({ row, reason: `Missing category title (类别) for category ${category.code}.` });

      if (item.code === '') {
        problems.push({ row, reason: 'Missing item code (编号).' });
      } else if (item.code.length > MAX_CODE) {
        problems.push({ row, reason: `Item code "${item.code}" is longer than ${MAX_CODE} characters.` });
      } else if (firstRowOfCode.has(item.code)) {
        problems.push({ row, reason: `Duplicate item code ${item.code}: already used on row ${firstRowOfCode.get(item.code)}.` });
      } else {
        firstRowOfCode.set(item.code, row);
      }
      if (item.title === '') problems.push({ row, reason: `Missing title (事项) of item ${item.code}.` });
      if (item.title.length > MAX_TITLE) problems.push({ row, reason: `The title of item ${item.code} is longer than ${MAX_TITLE} characters.` });
      if (item.description.length > MAX_DESCRIPTION) {
        problems.push({ row, reason: `The description of item ${item.code} is longer than ${MAX_DESCRIPTION} characters.` });
      }

      const leadNames = namesInCell(item.leadUnit);
      let leadUnit: ResolvedUnit | null = null;
      if (leadNames.length === 0) {
        problems.push({ row, reason: `Missing lead unit (牵头单位) of item ${item.code}.` });
      } else if (leadNames.length > 1) {
        problems.push({ row, reason: `Item ${item.code} names ${leadNames.length} lead units (${leadNames.join('、')}); there must be exactly one.` });
      } else {
        leadUnit = resolve(leadNames[0]!, row, 'lead unit');
      }

      const responsibleUnits: ResolvedUnit[] = [];
      const listed = new Set<string>();
      for (const name of item.responsibleUnits) {
        if (listed.has(name)) {
          problems.push({ row, reason: `Responsible unit ${name} is listed twice.` });
          continue;
        }
        listed.add(name);
        if (leadNames.length === 1 && name === leadNames[0]) {
          problems.push({ row, reason: `${name} is the lead unit and cannot also be listed as a responsible unit.` });
          continue;
        }
        const unit = resolve(name, row, 'responsible unit');
        if (!unit) continue;
        if (leadUnit && unit.unitId === leadUnit.unitId) {
          problems.push({ row, reason: `${name} is the lead unit (${leadUnit.name}) and cannot also be listed as a responsible unit.` });
        } else if (responsibleUnits.some((other) => other.unitId === unit.unitId)) {
          problems.push({ row, reason: `Responsible unit ${name} is listed twice (by name and by code).` });
        } else {
          responsibleUnits.push(unit);
        }
      }

      const dateProblem = dateProblemOf(item.dueDate, 'due date (完成时限)');
      if (dateProblem) {
        problems.push({ row, reason: `${dateProblem[0]!.toUpperCase()}${dateProblem.slice(1)}.` });
      } else if (document.year > 0 && !isWithinPlanYears(item.dueDate, document.year)) {
        problems.push({
          row,
          reason: `Due date ${item.dueDate} lies outside the plan's year: it must be between ${document.year}-01-01 and ${document.year + 1}-12-31.`,
        });
      }

      if (problems.length > found || !leadUnit) return null;
      const { code, title, description, dueDate } = item;
      return { row, code, title, description, leadUnit, responsibleUnits, dueDate };
    });
    return { code: category.code, title: category.title, items: items.filter((item) => item !== null) };
  });

  if (problems.length > 0) return { ok: false, problems: sortedProblems(problems) };
  return { ok: true, plan: { title: document.title, year: document.year, categories } };
}

/** A plan's items are due in its year; work for the year may run into the next one, no further. */
const isWithinPlanYears = (date: string, year: number): boolean => {
  const dueYear = Number(date.slice(0, 4));
  return dueYear === year || dueYear === year + 1;
};
