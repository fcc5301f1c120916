import { batchCommand, contextInBatch } from '../../event-sourcing/command-batch.js';
import type { Position } from '../../event-store/event-store.port.js';
import type { CommandContext } from '../../shared/command-context.js';
import { workPlanDecider } from '../domain/work-plan.decider.js';
import { workPlanItemDecider } from '../domain/work-plan-item.decider.js';
import { workPlanItemStream, workPlanStream } from '../domain/work-plan.events.js';
import { sha256Of, type ReadingNotes } from '../../spreadsheet/import-problems.js';
import { describeNotes } from '../../spreadsheet/import-refusal.js';
import { officeDate } from '../../shared/calendar-date.js';
import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importRefused } from '../../spreadsheet/import-refusal.js';
import { fileFormatOf, runImportBatch, type ImportDependencies, type ImportFile } from '../../imports/import-run.js';
import { importWorkPlan, workPlanCommands } from '../import/work-plan-import.js';

/*
 * Imports a work plan (分解方案) from a file: the one write path of the CLI (`npm run plan:import`)
 * and of the importWorkPlan mutation. All or nothing: a file with any bad row writes nothing and
 * is refused with every problem. Then ImportWorkPlan goes to the plan's stream and one
 * DefineWorkPlanItem to each item's stream. Every command's id derives from the file's digest,
 * and both deciders accept the same plan and items again, so importing the same file again
 * appends nothing and completes an import that stopped half-way.
 */

export interface WorkPlanImportOptions {
  /** For CSV and XLSX, which have no place for them; YAML and JSON give their own. */
  readonly title?: string;
  readonly year?: number;
}

export interface WorkPlanImportOutcome {
  readonly planId: string;
  readonly title: string;
  readonly year: number;
  readonly categories: readonly { readonly code: string; readonly title: string; readonly itemCount: number }[];
  readonly itemCount: number;
  /** Distinct units named as lead or responsible unit of an item. */
  readonly unitCount: number;
  readonly itemIds: readonly string[];
  /** The sheet read, columns not imported (备注 …) and rows skipped (footnotes). */
  readonly notes: ReadingNotes;
  /** Items this import defined; 0 when the same file was imported before. */
  readonly itemsDefined: number;
  readonly eventCount: number;
  /** Where the last event is, for the server to wait until its read models have it. */
  readonly position: Position | null;
}

export async function importWorkPlanFile(
  dependencies: ImportDependencies,
  file: ImportFile,
  options: WorkPlanImportOptions,
  context: CommandContext,
): Promise<WorkPlanImportOutcome> {
  const { fileName, format } = fileFormatOf(file);
  const validation = await importWorkPlan(file.content, {
    format,
    fileName,
    title: options.title,
    year: options.year,
    sheet: file.sheet,
    today: officeDate(context.now),
    lookupUnit: unitLookupFrom(dependencies.units.list()),
  });
  if (!validation.ok) throw importRefused(fileName, format, validation.problems, 'BAD_USER_INPUT', validation.sheet);

  const { plan } = validation;
  const sha256 = sha256Of(file.content);
  const { planId, importPlan, defineItems } = workPlanCommands(plan, { fileName, sha256 }, context.actor, officeDate(context.now));
  const rowOfItem = new Map(plan.categories.flatMap((category) => category.items.map((item) => [item.code, item.row])));
  const commands = [
    batchCommand(null, workPlanStream(planId), workPlanDecider, importPlan, contextInBatch(context, importPlan.type, `work-plan:${sha256}`)),
    ...defineItems.map((item) =>
      batchCommand(
        rowOfItem.get(item.data.code) ?? null,
        workPlanItemStream(item.data.itemId),
        workPlanItemDecider,
        {
          ...item,
          // The plan's stream is written first, in this batch: its command is checked before any item.
          planExists: true,
          unknownUnitIds: dependencies.units.unknownIds([item.leadUnitId, ...item.responsibleUnitIds]),
        },
        contextInBatch(context, item.type, `work-plan:${sha256}:item:${item.data.code}`),
      ),
    ),
  ];
  const batch = await runImportBatch(dependencies, { fileName, format }, commands);

  const unitIds = new Set(defineItems.flatMap((item) => [item.leadUnitId, ...item.responsibleUnitIds]));
  return {
    planId,
    title: plan.title,
    year: plan.year,
    categories: plan.categories.map((category) => ({ code: category.code, title: category.title, itemCount: category.items.length })),
    itemCount: defineItems.length,
    unitCount: unitIds.size,
    itemIds: defineItems.map((item) => item.data.itemId),
    notes: { sheet: validation.sheet, notImported: validation.notImported, notices: validation.notices },
    itemsDefined: batch.outcomes.slice(1).filter((outcome) => outcome.events.length > 0).length,
    eventCount: batch.eventCount,
    position: batch.position,
  };
}

/** `Imported 青川市…: 3 categories, 35 items, 15 units involved.` */
export function describeWorkPlanImport(outcome: WorkPlanImportOutcome): string {
  const counts = `${outcome.categories.length} categories, ${outcome.itemCount} items, ${outcome.unitCount} units involved`;
  if (outcome.eventCount === 0) return `${outcome.title} (${outcome.year}) was imported before from this file: ${counts}. Nothing was written.`;
  const completed = outcome.itemsDefined < outcome.itemCount ? ` (completed: ${outcome.itemsDefined} items were still missing)` : '';
  return `Imported ${outcome.title} (${outcome.year}): ${counts}${completed}. Plan id ${outcome.planId}.${describeNotes(outcome.notes)}`;
}
