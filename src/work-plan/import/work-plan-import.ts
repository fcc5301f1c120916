import type { Actor } from '../../shared/command-context.js';
import { dueDateLimitOf, type ImportWorkPlan } from '../domain/work-plan.decider.js';
import type { DefineWorkPlanItem } from '../domain/work-plan-item.decider.js';
import { workPlanIdFor, workPlanItemIdFor, type WorkPlanSource } from '../domain/work-plan.events.js';
import { sortedProblems, type ImportProblem } from '../../spreadsheet/import-problems.js';
import { unitIdsOf, unitNamesOf, type UnitLookup } from '../../organization/units/unit-lookup.js';
import { readPlanDraft, type ExportReading, type PlanReadOptions } from './plan-document.js';
import { validatePlanDocument, type HeldOnRecord, type PlanValidation, type ValidatedPlan } from './plan-validation.js';
import type { FileContent } from '../../spreadsheet/text-file.js';
import type { DueDateOverride } from '../../assignments/domain/assignment.commands.js';

export interface WorkPlanImportOptions extends PlanReadOptions {
  readonly lookupUnit: UnitLookup;
  /** The office day of the import (`YYYY-MM-DD`): when 立行立改 is due. */
  readonly today?: string;
  /** A supervisor overrides the plan's period: items due after it are not refused here (see `validatePlanDocument`). */
  readonly periodOverridden?: boolean;
  /** The override's reason, named in the notice listing each item past the period. */
  readonly periodOverrideReason?: string;
  /** `YYYY-MM-DD`, the day the plan was approved, when the import gives it: a plan refused as read for a year that had ended by then is told how to give its year. */
  readonly approvedOn?: string;
  /**
   * For the plan the file is read as (its title and year): the checks of its items as they stand on the record, or undefined for a
   * plan not imported — a day past the period already on the record needs no new override (`validatePlanDocument`'s `dueOnRecord`,
   * newcomer48-10 S2); two rows repeating each other that are both the plan's items so are no copy (`heldOnRecord`, breaker50-10 S5).
   * Asked only for a file that needs one of them.
   */
  readonly planOnRecord?: (plan: { readonly title: string; readonly year: number }) => Promise<PlanOnRecord | undefined>;
}

/**
 * A plan file as read (`PlanValidation`); refused, Rectify's own export also says which plan (its title and year as read) and which
 * reading of it (`ExportReading`, its title row's 截至 day) it is: a copy of an earlier reading is refused as out of date before its
 * rows' problems, which the plan's changes since may have caused (breaker50-10 M7: refused for a 特批 a date the plan had since left).
 */
export type PlanRead = PlanValidation & { readonly exportOf?: { readonly title: string; readonly year: number; readonly reading: ExportReading } };

/** The checks of a file's rows against the plan's items as they stand (see `validatePlanDocument`'s options of these names). */
export interface PlanOnRecord {
  readonly dueOnRecord: (code: string, dueDate: string, title: string) => boolean;
  readonly heldOnRecord: HeldOnRecord;
}

/**
 * A plan file, read and validated: every problem of the file's structure and of its rows at once,
 * or a plan whose every item can be defined.
 */
export async function importWorkPlan(content: FileContent, options: WorkPlanImportOptions): Promise<PlanRead> {
  const draft = await readPlanDraft(content, { ...options, isUnitName: (name) => unitNamesOf(options.lookupUnit, name).ok, unitIdsOf: (name) => unitIdsOf(options.lookupUnit, name), namesOneUnit: options.lookupUnit.namesOneUnit });
  // Read over several sheets, each problem names its own and the refusal names them all (P7): never the first for every row.
  const sheet = draft.sheets ? { sheets: draft.sheets } : draft.sheet ? { sheet: draft.sheet } : {};
  if (!draft.document) return { ok: false, problems: sortedProblems(draft.problems), ...sheet };
  const document = draft.document;
  const validated = (record: PlanOnRecord | undefined) =>
    validatePlanDocument(document, options.lookupUnit, {
      today: options.today,
      periodOverridden: options.periodOverridden,
      periodOverrideReason: options.periodOverrideReason,
      ...(record === undefined ? {} : record),
      ...(options.approvedOn === undefined ? {} : { approvedOn: options.approvedOn }),
      ...(draft.problems.length > 0 ? { refusedAnyway: true } : {}),
      csv: options.format === 'csv',
    });
  // The plan's record is looked up only for a file with a day past the period, or two rows of one task (asked for by the checks):
  // read again with it.
  let asked = false;
  const ask = () => {
    asked = true;
    return false;
  };
  const first = await validated(options.planOnRecord ? { dueOnRecord: ask, heldOnRecord: ask } : undefined);
  const validation = asked && options.planOnRecord ? await validated(await options.planOnRecord(document)) : first;
  const problems = [...draft.problems, ...(validation.ok ? [] : validation.problems)];
  // Rectify's own export refused: which plan and reading it is, for the caller to say first when the plan has changed since (breaker50-10 M7).
  const exportOf = document.exportedAs ? { exportOf: { title: document.title, year: document.year, reading: document.exportedAs } } : {};
  if (problems.length > 0 || !validation.ok) return { ok: false, problems: [...yearEndedProblem(draft.document, options), ...sortedProblems(problems)], ...sheet, ...exportOf };
  const { document: _document, problems: _problems, ...notes } = draft;
  const notices = [...(notes.notices ?? []), ...(validation.notices ?? [])];
  return { ...validation, ...notes, ...(notices.length > 0 ? { notices } : {}) };
}

/** DefineWorkPlanItem without the facts its handler looks up (the plan exists and when it was approved, unknown units). */
/**
 * A plan refused while read as a year that had ended before it was approved (「澜州市2025年度政务公开评估反馈问题整改任务分解方案」, approved
 * 2026-01-10, items due in 2026: the title's year is the evaluation's): said first, naming the way — the plan's year (年度, --year) —
 * rather than only the rows' 「晚于…期限（2025-12-31）」 with a multi-year plan or an override as remedies (breaker10r P6). None when the
 * year was given, none could be read (year 0) or the plan spans several years.
 */
function yearEndedProblem(document: { readonly title: string; readonly year: number; readonly lastYear?: number }, options: Pick<WorkPlanImportOptions, 'approvedOn' | 'year'>): ImportProblem[] {
  const { approvedOn } = options;
  // Year 0 is no year read at all (「无法确定方案年度」 says so): never 「按 0 年度读取」 (newcomer53-10 M7).
  if (approvedOn === undefined || options.year !== undefined || document.lastYear !== undefined || document.year === 0 || approvedOn <= `${document.year}-12-31`) return [];
  const approvedYear = approvedOn.slice(0, 4);
  return [
    {
      row: null,
      reason: `The plan "${document.title}" is read as ${document.year}'s (the year in its title, or its items'), but it was approved on ${approvedOn}, after that year had ended: the year in its title may be the evaluation's. Give the plan's year (year, e.g. ${approvedYear}) and import again.`,
      reasonZh: `方案“${document.title}”按 ${document.year} 年度读取（年度取自标题或事项时限），但方案批准日期 ${approvedOn} 已在该年度结束之后：标题中的年份可能是评估或检查的年度。请在“年度”中填写方案年度（如 ${approvedYear}）后重新导入。`,
    },
  ];
}

export type WorkPlanItemDefinition = Omit<DefineWorkPlanItem, 'planExists' | 'planApprovedOn' | 'unknownUnitIds'>;

/** The office days (`YYYY-MM-DD`, China time) of an import: today, the plan's approval and its items' assignment. */
export interface PlanDays {
  readonly today: string;
  readonly approvedOn: string;
  /** On or after `approvedOn`. */
  readonly assignedOn: string;
}

export interface WorkPlanCommands {
  readonly planId: string;
  readonly importPlan: ImportWorkPlan;
  /** One per item, in the plan's order; each goes to the item's own stream. */
  readonly defineItems: readonly WorkPlanItemDefinition[];
}

/**
 * The commands that write a validated plan: first ImportWorkPlan to `workPlanStream(planId)`, then
 * one DefineWorkPlanItem per item to `workPlanItemStream(itemId)`, assigning its units on
 * `days.assignedOn` (a plan entered as it is approved: today). All are idempotent, so an import
 * that stopped half-way is completed by running it again. `dueDateOverride`: a supervisor's
 * override of the plan's period, for the items due after it.
 */
export function workPlanCommands(plan: ValidatedPlan, source: WorkPlanSource, actor: Actor, days: PlanDays, dueDateOverride?: DueDateOverride): WorkPlanCommands {
  const { today, approvedOn, assignedOn } = days;
  const planId = workPlanIdFor(plan.year, plan.title);
  const categories = plan.categories.map((category) => ({
    code: category.code,
    title: category.title,
    items: category.items.map((item) => ({ itemId: workPlanItemIdFor(planId, item.code), code: item.code, title: item.title })),
  }));
  const defineItems = plan.categories.flatMap((category) =>
    category.items.map(
      (item): WorkPlanItemDefinition => ({
        type: 'DefineWorkPlanItem',
        actor,
        today,
        // A plan file says when items are due, not when units were assigned: the import says that.
        assignedOn,
        data: {
          itemId: workPlanItemIdFor(planId, item.code),
          planId,
          categoryCode: category.code,
          code: item.code,
          title: item.title,
          description: item.description,
          dueDate: item.dueDate,
          measures: item.measures,
          ...(item.terms && item.terms.kind !== 'BY_DATE' ? { terms: item.terms } : {}),
        },
        leadUnitIds: item.leadUnits.map((unit) => unit.unitId),
        responsibleUnitIds: item.responsibleUnits.map((unit) => unit.unitId),
        ...(item.partDueDates === undefined ? {} : { partDueDates: item.partDueDates }),
        dueDateLimit: dueDateLimitOf(plan),
        // Recorded on the parts past the limit only; the item's decision refuses it from anyone but a supervisor.
        ...(dueDateOverride === undefined ? {} : { dueDateOverride }),
      }),
    ),
  );
  return {
    planId,
    importPlan: { type: 'ImportWorkPlan', actor, today, partsAssignedOn: assignedOn, data: { planId, title: plan.title, year: plan.year, ...(plan.lastYear === undefined ? {} : { lastYear: plan.lastYear }), categories, source, approvedOn } },
    defineItems,
  };
}
