import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { notesResult } from '../../shared/graphql/file-upload.js';
import type { WorkPlanImportOutcome } from './import-work-plan.js';

@ObjectType('WorkPlanImportCategory')
export class WorkPlanImportCategoryType {
  @Field(() => String) code: string;
  @Field(() => String) title: string;
  @Field(() => Int) itemCount: number;
}

@ObjectType('WorkPlanImportResult', { description: 'The plan a file holds, as imported (query it with workPlan(id))' })
export class WorkPlanImportResultType {
  @Field(() => ID) planId: string;
  @Field(() => String) title: string;
  @Field(() => Int) year: number;
  @Field(() => [WorkPlanImportCategoryType]) categories: WorkPlanImportCategoryType[];
  @Field(() => Int) categoryCount: number;
  @Field(() => Int) itemCount: number;
  @Field(() => Int, { description: 'Distinct units named as lead or responsible unit' }) unitCount: number;
  @Field(() => Int, { description: 'Items this import defined: fewer than itemCount when it completed an interrupted import' })
  itemsDefined: number;
  @Field(() => Boolean, { description: 'The same file had been imported before: nothing was written' }) alreadyImported: boolean;
  @Field(() => String, { nullable: true, description: 'The XLSX sheet read' }) sheet: string | null;
  @Field(() => [String], { description: 'Columns of the file that nothing imports (备注 …); columns naming units, dates or measures are never among them: they are used or the file is refused' })
  notImported: string[];
  @Field(() => [String], { description: 'Rows skipped on purpose, such as footnotes (注：…), as "row 40: …"' }) notices: string[];
}

export const workPlanImportResult = (outcome: WorkPlanImportOutcome): WorkPlanImportResultType => ({
  planId: outcome.planId,
  title: outcome.title,
  year: outcome.year,
  categories: outcome.categories.map((category) => ({ ...category })),
  categoryCount: outcome.categories.length,
  itemCount: outcome.itemCount,
  unitCount: outcome.unitCount,
  itemsDefined: outcome.itemsDefined,
  alreadyImported: outcome.eventCount === 0,
  ...notesResult(outcome.notes),
});

