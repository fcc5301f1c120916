import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { notesResult } from '../../shared/graphql/file-upload.js';
import type { WorkPlanImportOutcome } from './import-work-plan.js';
import { AssignmentRoleEnum } from '../../assignments/graphql/assignment.types.js';
import type { AssignmentRole } from '../../assignments/domain/assignment.events.js';
import { describeRevision } from '../revise-plan/plan-revision.js';
import { describeRevisionsUndone } from '../revise-plan/revisions-undone.js';
import { planLastYear } from '../domain/work-plan.decider.js';

@ObjectType('WorkPlanImportPart', { description: 'One unit’s part of an item as the file gives it (also in a dry run)' })
export class WorkPlanImportPartType {
  @Field(() => ID) unitId: string;
  @Field(() => String, { description: 'The unit’s registered name (the file may write a short form)' }) unitName: string;
  @Field(() => AssignmentRoleEnum) role: AssignmentRole;
  @Field(() => String, { description: 'YYYY-MM-DD: the item’s due date, or the unit’s own (its row or its bracket)' }) dueDate: string;
  @Field(() => String, { description: 'The 完成时限 as the screens write it: 2026-06-30, 立行立改（2026-04-01）, 常态化（每季度报送）, 2026-06-30前完成并持续落实' })
  deadline: string;
}

@ObjectType('WorkPlanImportItem', { description: 'One item of the file as read: its units, roles and deadline, for checking a preview before importing' })
export class WorkPlanImportItemType {
  @Field(() => Int, { description: 'The item’s row in the file (line for YAML and JSON)' }) row: number;
  @Field(() => String) code: string;
  @Field(() => String) title: string;
  @Field(() => String, { description: 'YYYY-MM-DD; for a standing item the last day of the plan’s period' }) dueDate: string;
  @Field(() => String, { description: 'The 完成时限 as the screens write it (see WorkPlanImportPart.deadline)' }) deadline: string;
  @Field(() => [WorkPlanImportPartType], { description: 'The lead unit(s) first, then the responsible units' }) parts: WorkPlanImportPartType[];
}

@ObjectType('WorkPlanImportCategory')
export class WorkPlanImportCategoryType {
  @Field(() => String) code: string;
  @Field(() => String) title: string;
  @Field(() => Int) itemCount: number;
  @Field(() => [WorkPlanImportItemType], { description: 'The category’s items as the file gives them (a new version: as they will stand)' }) items: WorkPlanImportItemType[];
}

@ObjectType('WorkPlanRevisionItem')
export class WorkPlanRevisionItemType {
  @Field(() => String) code: string;
  @Field(() => String) title: string;
}

@ObjectType('WorkPlanRevisionDate')
export class WorkPlanRevisionDateType {
  @Field(() => String) code: string;
  @Field(() => String) title: string;
  @Field(() => String, { description: 'The deadline before: YYYY-MM-DD, or the terms with the day (常态化（每季度报送）（2026-12-31）, 立行立改 …)' }) from: string;
  @Field(() => String, { description: 'The deadline after, written as `from`' }) to: string;
}

@ObjectType('WorkPlanRevisionPartDate', { description: 'One unit’s part re-dated on its own row of the new version (its own 完成时限), apart from the item' })
export class WorkPlanRevisionPartDateType {
  @Field(() => String, { description: 'The item’s code' }) code: string;
  @Field(() => String) title: string;
  @Field(() => ID) unitId: string;
  @Field(() => String, { nullable: true, description: 'The unit’s registered name' }) unitName: string | null;
  @Field(() => String, { description: 'The part’s deadline before, written as in redated' }) from: string;
  @Field(() => String, { description: 'The part’s deadline after' }) to: string;
}

@ObjectType('WorkPlanRevisionUnit')
export class WorkPlanRevisionUnitType {
  @Field(() => String, { description: 'The item’s code' }) code: string;
  @Field(() => ID) unitId: string;
  @Field(() => String, { nullable: true, description: 'The unit’s registered name (null for a unit the directory does not hold)' }) unitName: string | null;
  @Field(() => AssignmentRoleEnum) role: AssignmentRole;
}

@ObjectType('WorkPlanRevisionUndoneChange', { description: 'One change a recorded revision made that a new version would reverse' })
export class WorkPlanRevisionUndoneChangeType {
  @Field(() => String, {
    description:
      'ITEM_ADDED (the version withdraws it), ITEM_WITHDRAWN (lists it again), UNIT_ADDED (removes the unit), UNIT_REMOVED (gives it back), ITEM_REDATED (moves the item back), ROLE_CHANGED (gives the unit back its previous role)',
  })
  kind: string;
  @Field(() => String, { description: 'The item’s code' }) code: string;
  @Field(() => String) title: string;
  @Field(() => ID, { nullable: true }) unitId: string | null;
  @Field(() => String, { nullable: true }) unitName: string | null;
  @Field(() => String, { nullable: true, description: 'ITEM_REDATED: YYYY-MM-DD before the revision' }) previousDueDate: string | null;
  @Field(() => String, { nullable: true, description: 'ITEM_REDATED: YYYY-MM-DD the revision gave' }) dueDate: string | null;
  @Field(() => AssignmentRoleEnum, { nullable: true, description: 'ROLE_CHANGED: the unit’s role before the revision' }) previousRole: AssignmentRole | null;
  @Field(() => AssignmentRoleEnum, { nullable: true, description: 'ROLE_CHANGED: the role the revision gave it' }) role: AssignmentRole | null;
}

@ObjectType('WorkPlanRevisionUndone', {
  description: 'A recorded revision of the plan that a new version undoes — it reverses that revision’s changes and keeps none: edited from a version older than it. Applied only with undoLaterRevision',
})
export class WorkPlanRevisionUndoneType {
  @Field(() => String, { description: 'YYYY-MM-DD, the day that revision took effect' }) on: string;
  @Field(() => String, { nullable: true, description: 'The file it came from; null for one made by hand' }) fileName: string | null;
  @Field(() => String, { description: 'The reason it records (调整依据)' }) reason: string;
  @Field(() => [WorkPlanRevisionUndoneChangeType]) changes: WorkPlanRevisionUndoneChangeType[];
}

@ObjectType('WorkPlanRevisionMove', { description: 'An item a new version puts under another category (大项)' })
export class WorkPlanRevisionMoveType {
  @Field(() => String, { description: 'The item’s code' }) code: string;
  @Field(() => String) title: string;
  @Field(() => String, { description: 'The code of the category it stood in' }) fromCategoryCode: string;
  @Field(() => String, { description: 'That category’s title as it stands' }) fromCategoryTitle: string;
  @Field(() => String, { description: 'The code of the category the version puts it in' }) toCategoryCode: string;
  @Field(() => String, { description: 'That category’s title as the version names it' }) toCategoryTitle: string;
}

@ObjectType('WorkPlanRevisionCategoryRename', { description: 'A category (大项) a new version keeps by code under another title' })
export class WorkPlanRevisionCategoryRenameType {
  @Field(() => String, { description: 'The category’s code (一, 二 …)' }) code: string;
  @Field(() => String, { description: 'Its title as it stands' }) from: string;
  @Field(() => String, { description: 'Its title in the version' }) to: string;
}

@ObjectType('WorkPlanRevision', { description: 'What a new version of a plan changes against the plan as it stands' })
export class WorkPlanRevisionType {
  @Field(() => [WorkPlanRevisionItemType]) added: WorkPlanRevisionItemType[];
  @Field(() => [WorkPlanRevisionItemType]) withdrawn: WorkPlanRevisionItemType[];
  @Field(() => [WorkPlanRevisionItemType], {
    description:
      'Items the new version leaves out that have verified work, or a unit’s report awaiting inspection: kept in the plan as they are, not withdrawn (reopen an item, or inspect the report, first to withdraw it)',
  })
  itemsKept: WorkPlanRevisionItemType[];
  @Field(() => [WorkPlanRevisionItemType], {
    description: 'Items an earlier version withdrew that this one lists again under their code: back in the plan from the version’s day with their parts and history (out of it on the days between)',
  })
  reinstated: WorkPlanRevisionItemType[];
  @Field(() => [WorkPlanRevisionDateType]) redated: WorkPlanRevisionDateType[];
  @Field(() => [WorkPlanRevisionItemType], { description: 'Reworded: title, description (具体内容) or measures (工作措施) changed; a move alone is in moved' }) amended: WorkPlanRevisionItemType[];
  @Field(() => [WorkPlanRevisionMoveType], { description: 'Items put under another category (大项), with both categories' }) moved: WorkPlanRevisionMoveType[];
  @Field(() => [WorkPlanRevisionCategoryRenameType], { description: 'Categories (大项) kept by code under another title' }) categoriesRenamed: WorkPlanRevisionCategoryRenameType[];
  @Field(() => [WorkPlanRevisionUnitType]) unitsAdded: WorkPlanRevisionUnitType[];
  @Field(() => [WorkPlanRevisionUnitType], { description: 'Units whose parts leave the item (history kept)' })
  unitsRemoved: WorkPlanRevisionUnitType[];
  @Field(() => [WorkPlanRevisionUnitType], {
    description:
      'Units the new version leaves out whose part is verified (kept on the item as done work, never removed: the close-out day and on-time credit stand), or whose report awaits inspection (kept until it is inspected)',
  })
  unitsKept: WorkPlanRevisionUnitType[];
  @Field(() => [WorkPlanRevisionUnitType], { description: 'Units that stay with another role (lead ↔ responsible), their parts keeping all progress; role is the new one' })
  rolesChanged: WorkPlanRevisionUnitType[];
  @Field(() => [WorkPlanRevisionPartDateType], {
    description: 'Parts the new version dates otherwise on their own rows than the item’s re-dating leaves them (a day before an extension a supervisor granted is never taken)',
  })
  partsRedated: WorkPlanRevisionPartDateType[];
  @Field(() => [WorkPlanRevisionUndoneType], { description: 'Recorded revisions this version would undo (a version edited from an older copy); empty for a version built on the plan as it stands' })
  revisionsUndone: WorkPlanRevisionUndoneType[];
  @Field(() => String, { description: 'The changes in words (Chinese), with what the version undoes' }) summary: string;
}

@ObjectType('WorkPlanImportResult', { description: 'The plan a file holds, as imported (query it with workPlan(id))' })
export class WorkPlanImportResultType {
  @Field(() => ID) planId: string;
  @Field(() => String) title: string;
  @Field(() => Int) year: number;
  @Field(() => Int, { description: 'The last year of the plan’s period: its year, or the last of a plan over several years (2026—2028: 2028)' }) lastYear: number;
  @Field(() => [WorkPlanImportCategoryType]) categories: WorkPlanImportCategoryType[];
  @Field(() => Int) categoryCount: number;
  @Field(() => Int) itemCount: number;
  @Field(() => Int, { description: 'Distinct units named as lead or responsible unit' }) unitCount: number;
  @Field(() => Int, { description: 'Items this import defined: fewer than itemCount when it completed an interrupted import' })
  itemsDefined: number;
  @Field(() => Boolean, { description: 'The same plan had been imported before (this file, or one with the same items saved again): nothing was written — for a dry run, importing would write nothing' }) alreadyImported: boolean;
  @Field(() => String, { nullable: true, description: 'The XLSX sheet read' }) sheet: string | null;
  @Field(() => [String], { description: 'Columns of the file that nothing imports (备注 …); columns naming units, dates or measures are never among them: they are used or the file is refused' })
  notImported: string[];
  @Field(() => [String], { description: 'Rows skipped on purpose, such as footnotes (注：…), as "row 40: …"' }) notices: string[];
  @Field(() => [String], { description: 'The same notices in Chinese, as "第 40 行：…"' }) noticesZh: string[];
  @Field(() => Boolean, { description: 'A dry run: nothing was written; the result says what would be' }) dryRun: boolean;
  @Field(() => Int, {
    description:
      'The plan’s version: how many changes it has had — each record of its own history (its import, each version applied, each item added on its own, ' +
      'each correction of its days) and each change made by hand to one of its items (rescheduleWorkPlanItem, withdrawWorkPlanItem, add/removeWorkPlanItemUnit); ' +
      '0 when no plan of that title and year was imported. A dry run’s is the version it was computed on, an applied import’s the version after it. ' +
      'Give a dry run’s back as expectedPlanVersion to import only what it showed',
  })
  planVersion: number;
  @Field(() => WorkPlanRevisionType, { nullable: true, description: 'For a new version of an imported plan: what it changes' })
  revision: WorkPlanRevisionType | null;
}

export const workPlanImportResult = (outcome: WorkPlanImportOutcome): WorkPlanImportResultType => ({
  planId: outcome.planId,
  title: outcome.title,
  year: outcome.year,
  lastYear: planLastYear(outcome),
  categories: outcome.categories.map((category) => ({ ...category, items: category.items.map((item) => ({ ...item, parts: item.parts.map((part) => ({ ...part })) })) })),
  categoryCount: outcome.categories.length,
  itemCount: outcome.itemCount,
  unitCount: outcome.unitCount,
  itemsDefined: outcome.itemsDefined,
  // A dry run of a file imported before says so too (breaker10n P11: it announced an import that would not happen).
  alreadyImported: outcome.dryRun ? outcome.wouldWriteNothing === true : outcome.eventCount === 0 && !outcome.retried,
  ...notesResult(outcome.notes),
  dryRun: outcome.dryRun,
  planVersion: outcome.planVersion,
  revision: outcome.revision && {
    added: outcome.revision.added.map(({ code, title }) => ({ code, title })),
    withdrawn: outcome.revision.withdrawn.map(({ code, title }) => ({ code, title })),
    itemsKept: outcome.revision.itemsKept.map(({ code, title }) => ({ code, title })),
    reinstated: outcome.revision.reinstated.map(({ code, title }) => ({ code, title })),
    redated: outcome.revision.redated.map((item) => ({ ...item })),
    amended: outcome.revision.amended.map(({ code, title }) => ({ code, title })),
    moved: outcome.revision.moved.map(({ code, title, from, to }) => ({ code, title, fromCategoryCode: from.code, fromCategoryTitle: from.title, toCategoryCode: to.code, toCategoryTitle: to.title })),
    categoriesRenamed: outcome.revision.categoriesRenamed.map((rename) => ({ ...rename })),
    unitsAdded: outcome.revision.unitsAdded.map((unit) => ({ ...unit, unitName: unit.unitName ?? null })),
    unitsRemoved: outcome.revision.unitsRemoved.map((unit) => ({ ...unit, unitName: unit.unitName ?? null })),
    unitsKept: outcome.revision.unitsKept.map(({ awaitingInspection: _awaiting, ...unit }) => ({ ...unit, unitName: unit.unitName ?? null })),
    rolesChanged: outcome.revision.rolesChanged.map((unit) => ({ ...unit, unitName: unit.unitName ?? null })),
    // A part its row dates as it stands while its item moves is no change of its own (breaker50-10 M8): said in the summary only.
    partsRedated: outcome.revision.partsRedated.filter((part) => part.stays !== true).map(({ code, title, unitId, unitName, from, to }) => ({ code, title, unitId, unitName: unitName ?? null, from, to })),
    revisionsUndone: (outcome.revisionsUndone ?? []).map(({ on, fileName, reason, undone }) => ({
      on,
      fileName,
      reason,
      changes: undone.map((change) => ({ kind: change.kind, code: change.code, title: change.title, unitId: change.unitId ?? null, unitName: change.unitName ?? null, previousDueDate: change.previousDueDate ?? null, dueDate: change.dueDate ?? null, previousRole: change.previousRole ?? null, role: change.role ?? null })),
    })),
    summary: describeRevision(outcome.revision).zh + ((outcome.revisionsUndone ?? []).length > 0 ? `。${describeRevisionsUndone(outcome.revisionsUndone!, !outcome.dryRun).zh}` : ''),
  },
});

