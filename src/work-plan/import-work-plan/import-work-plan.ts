import { wordsWithoutPunctuation } from '../../shared/numbers-by-value.js';
import { slicer } from '../../shared/event-loop-turns.js';
import { batchCommand, contextInBatch, onSheet, guardedBy, pinnedAt, type BatchCommand } from '../../event-sourcing/command-batch.js';
import type { EventStore, Position, StoredEvent } from '../../event-store/event-store.port.js';
import { actorName } from '../../rectification/evaluations/history-entry.resolver.js';
import { userStream } from '../../access/domain/user.events.js';
import type { CommandContext } from '../../shared/command-context.js';
import { workPlanItemDecider, type WorkPlanItemState } from '../domain/work-plan-item.decider.js';
import { workPlanIdFor, workPlanItemIdFor, workPlanItemStream, workPlanStream, type WorkPlanItemStreamEvent, type WorkPlanOutline } from '../domain/work-plan.events.js';
import { codesFromTitles, renumberedByContent, withdrawnItemsRecoded, type Renumbering, type StandingItem } from '../revise-plan/renumbered-items.js';
import type { ValidatedPlan } from '../import/plan-validation.js';
import type { AbsentField, ExportReading } from '../import/plan-document.js';
import { sha256Of, type ImportProblem, type ReadingNotes } from '../../spreadsheet/import-problems.js';
import { grownNameNotices, partsOfGrownNames } from '../../imports/collective-names-since.js';
import { FLAT_LIST_NOTICE, planColumns, planTitleKey, unitDownloadProblem } from '../import/plan-document.js';
import { withStandingCategories, withStandingCategoryCodes } from '../revise-plan/kept-categories.js';
import { describeNotes, describeNotesZh } from '../../spreadsheet/import-refusal.js';
import { addDays, officeClockExact, officeClockSeconds, officeDate } from '../../shared/calendar-date.js';
import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { importRefused } from '../../spreadsheet/import-refusal.js';
import { doneInStore, eventsOfCommand, fileFormatOf, firstRunAppended, runImportBatch, type ImportDependencies, type ImportFile } from '../../imports/import-run.js';
import { fold, type Decider, type DomainEvent } from '../../shared/decider.js';
import { importWorkPlan, workPlanCommands, type PlanDays, type PlanOnRecord, type WorkPlanItemDefinition } from '../import/work-plan-import.js';
import { refuseReusedKey, requestOf, type ClaimedValue } from '../../event-sourcing/execute-command.js';
import { DomainError, badInput, conflict, say, type Bilingual } from '../../shared/domain-error.js';
import { dueDateLimitOf, planLastYear, planYears, workPlanDecider, type EarlierSource, type RevisePlan, type WorkPlanState } from '../domain/work-plan.decider.js';
import { assignmentsBefore, assignmentsOn, partsOf } from '../../assignments/domain/assignment.decider.js';
import type { DueDateOverride } from '../../assignments/domain/assignment.commands.js';
import type { AssignmentRole } from '../../assignments/domain/assignment.events.js';
import { describeRevision, withUnitNames, isUnchanged, isUnchangedButKept, itemRevisionCommands, planRevisionOf, versionsAsRevised, type ItemVersion, type PlanRevision } from '../revise-plan/plan-revision.js';
import { BY_DATE, deadlineCell, isDueOnAssignment, sameDueTerms, type DueTerms } from '../../shared/deadline.js';
import { planContentDigest } from './plan-content-digest.js';
import { describeRevisionsUndone, revisionsUndone, type RecordedChange, type RecordedRevision, type RevisionUndone } from '../revise-plan/revisions-undone.js';
import { asOfVersionDay, laterHandChangeWords } from '../revise-plan/version-day.js';

/*
 * Imports a work plan (分解方案) from a file: the one write path of the CLI (`npm run plan:import`)
 * and of the importWorkPlan mutation. All or nothing: a file with any bad row writes nothing and
 * is refused with every problem. Then ImportWorkPlan goes to the plan's stream and one
 * DefineWorkPlanItem to each item's stream. Every command's id derives from the plan, the request and the file's digest (`commandKeys`),
 * and both deciders accept the same plan and items again, so importing the same file again
 * appends nothing and completes an import that stopped half-way.
 */

export interface WorkPlanImportOptions {
  /** For CSV and XLSX, which have no place for them; YAML and JSON give their own. */
  readonly title?: string;
  readonly year?: number;
  /** The last year of a plan over several years (`PlanReadOptions.lastYear`). */
  readonly lastYear?: number;
  /** Decide everything, write nothing: what the import would do, or why it would be refused. */
  readonly dryRun?: boolean;
  /** A new version of an imported plan (same title and year) is applied as a revision; refused otherwise. */
  readonly revise?: boolean;
  /**
   * `YYYY-MM-DD`, the office day the plan was approved (印发), for a plan entered late; omitted: the
   * day its parts were assigned, else today. A new version keeps the first one's.
   */
  readonly approvedOn?: string;
  /**
   * `YYYY-MM-DD`, the office day its items' units were assigned (交办), on or after `approvedOn`;
   * omitted: the day the plan was approved. For a new version, the office day the plan changed:
   * every change it makes (items added, re-dated, withdrawn; units added, removed) is dated on it;
   * omitted: today.
   */
  readonly assignedOn?: string;
  /**
   * A supervisor's override of the plan's period: items due after its last day are imported, each
   * part recording it with its reason (without it, each such row is refused).
   */
  readonly dueDateOverride?: DueDateOverride;
  /**
   * For a new version (revise): why the plan changed — the document behind it (青政办〔2026〕12号调整通知) — the reason every
   * change the version makes records (撤销事项：…, 恢复列入方案：…); omitted: 依据 <file> 修订方案 (`revisedBy`).
   */
  readonly revisionReason?: string;
  /**
   * For a new version (revise) that undoes a later revision than the one it follows (`revisionsUndone`: a copy of the original
   * workbook edited after the plan was revised): the clerk confirms that undoing it is meant; without it such a version is refused
   * (newcomer48-10 S1). CLI `--undo-later-revision`, GraphQL `undoLaterRevision`.
   */
  readonly undoLaterRevision?: boolean;
  /**
   * For a new version (revise) that leaves out items it would withdraw (`PlanRevision.withdrawn`): the clerk confirms the
   * withdrawal; without it such a version is refused (`withdrawalUnconfirmed`) — any withdrawal, not only of most items: an office
   * withdraws items rarely and by document, while a 「…调整表」 listing only the changed items would withdraw every other one
   * (newcomer49-10 S4: 3 of 4). CLI `--withdraw-missing`, GraphQL `withdrawMissing`, the 导入 page's tick naming the count.
   */
  readonly withdrawMissing?: boolean;
  /**
   * A new plan whose every item is an item of an imported plan of the year (`planRepeating`), imported as a plan of its own on
   * purpose: without it such a file is refused naming that plan (`repeatedPlanRefused`), whatever title it is given — a title
   * typed slightly otherwise made a second plan duplicating every item, its progress split (newcomer52-10 S3). CLI
   * `--separate-plan`, GraphQL `separatePlan`, the 导入 page's tick 作为另一份方案导入.
   */
  readonly separatePlan?: boolean;
  /**
   * Unit names of the file the office confirmed mean the one registered unit they are near, though no abbreviation of it
   * (newcomer25 S8: `LookupConfirmations.nearNames`); without it such a row is refused naming the unit.
   */
  readonly nearNames?: readonly string[];
  /**
   * The plan's version (`WorkPlanImportOutcome.planVersion`) the preview this import follows was computed on (issue 10 S2):
   * the plan changed since (another version applied, an item added on its own, a day corrected, one of its items changed by
   * hand: breaker49-10 S1) is CONFLICT — said before any other refusal the file now meets (breaker49-10 M1) —, nothing
   * written, naming who changed it and when (`planChangedSincePreview`); two imports given the same version at once: the
   * first appends, the other is refused (the append's expected revision decides). Omitted: decided on the plan as it is then.
   */
  readonly expectedPlanVersion?: number;
}

/** One unit's part of an item as the file gives it: its role and its 完成时限 (the item's, or the unit's own on its row or in its bracket). */
export interface ImportedPlanPart {
  readonly unitId: string;
  readonly unitName: string;
  readonly role: 'LEAD' | 'RESPONSIBLE';
  readonly dueDate: string;
  /** The 完成时限 as every screen writes it (`deadlineCell`): 2026-06-30, 立行立改（2026-04-01）, 常态化（每季度报送）. */
  readonly deadline: string;
}

/** One item as the file gives it, for the preview to show before anything is written (newcomer37 S1, breaker10r P8). */
export interface ImportedPlanItem {
  readonly row: number;
  readonly code: string;
  readonly title: string;
  readonly dueDate: string;
  readonly deadline: string;
  /** The lead unit(s) first, then the responsible units, in the file's order. */
  readonly parts: readonly ImportedPlanPart[];
}

const importedPlanItem = (nameOf: (unitId: string) => string | undefined) => (item: ValidatedPlan['categories'][number]['items'][number]): ImportedPlanItem => {
  const itemTerms = item.terms ?? BY_DATE;
  const part = (role: ImportedPlanPart['role']) => (unit: { name: string; unitId: string }): ImportedPlanPart => {
    const own = item.partDueDates?.[unit.unitId];
    const dueDate = own?.dueDate ?? item.dueDate;
    return { unitId: unit.unitId, unitName: nameOf(unit.unitId) ?? unit.name, role, dueDate, deadline: deadlineCell(own?.terms ?? itemTerms, dueDate) };
  };
  return {
    row: item.row,
    code: item.code,
    title: item.title,
    dueDate: item.dueDate,
    deadline: deadlineCell(itemTerms, item.dueDate),
    parts: [...item.leadUnits.map(part('LEAD')), ...item.responsibleUnits.map(part('RESPONSIBLE'))],
  };
};

export interface WorkPlanImportOutcome {
  readonly planId: string;
  readonly title: string;
  readonly year: number;
  /** The last year of a plan over several years, as imported (a version keeps the plan's); absent for a year's plan. */
  readonly lastYear?: number;
  readonly categories: readonly { readonly code: string; readonly title: string; readonly itemCount: number; readonly items: readonly ImportedPlanItem[] }[];
  readonly itemCount: number;
  /** Distinct units named as lead or responsible unit of an item. */
  readonly unitCount: number;
  readonly itemIds: readonly string[];
  /** The sheet read, columns not imported (备注 …) and rows skipped (footnotes). */
  readonly notes: ReadingNotes;
  /** Items this import defined (a dry run: would define); 0 when the same file was imported before. */
  readonly itemsDefined: number;
  /** A retry of a request whose first run appended: nothing was appended now, and the outcome is that run's. */
  readonly retried: boolean;
  /** For a new version of an imported plan: what differs from the plan as it stands. */
  readonly revision: PlanRevision | null;
  /**
   * For a new version: the plan's recorded revisions it undoes (`revisionsUndone`), each with the changes it reverses — a version
   * edited from a copy kept from before them (newcomer48-10 S1). Empty when none; applied only with `undoLaterRevision`.
   */
  readonly revisionsUndone?: readonly RevisionUndone[];
  /** Nothing was written: the outcome says what would be. */
  readonly dryRun: boolean;
  /** The import confirmed withdrawing the items the version leaves out (`withdrawMissing`): a dry run's summary does not ask it again. */
  readonly withdrawalConfirmed?: true;
  /**
   * The plan's version: how many changes it has had (`planChangesOf`) — each record of its own history (its import, each version
   * applied, each item added on its own, each correction of its days) and each change made by hand to one of its items (re-dated,
   * withdrawn, a unit added or removed: breaker49-10 S1); 0 when no plan of that title and year was imported. A dry run's is the
   * version it was computed on; an applied import's, the version after it (newcomer49-10 M11). Given back as `expectedPlanVersion`,
   * the import is refused if the plan moved on meanwhile.
   */
  readonly planVersion: number;
  /** A dry run of a file whose plan and items stand as it gives them (imported before, or a version already applied): the real run would write nothing. */
  readonly wouldWriteNothing?: true;
  readonly eventCount: number;
  /** Where the last event is, for the server to wait until its read models have it. */
  readonly position: Position | null;
}

/**
 * Imports the file (see the top of this file). `knownPlans`: the plans imported so far (title and
 * year), for a revision that matches none to name the nearest; the command line has none to give.
 * Raises BAD_USER_INPUT with every problem of the file, or when `revise` is asked for a plan never
 * imported; CONFLICT for a new version not asked to revise, or another approval day.
 */
export async function importWorkPlanFile(
  dependencies: ImportDependencies,
  file: ImportFile,
  options: WorkPlanImportOptions,
  context: CommandContext,
  knownPlans: readonly KnownPlan[] = [],
): Promise<WorkPlanImportOutcome> {
  const plan: { stream?: string; title?: string } = {};
  try {
    return await importAsRead(dependencies, file, options, context, knownPlans, plan);
  } catch (error) {
    // Given the preview's version, a plan changed since is said first, whatever else the file now meets (breaker49-10 M1: two versions
    // at once, the loser was told her file undid the winner's revision — 「请勾选…确认撤销后来的调整」 — not that the plan changed after her preview).
    const expected = options.expectedPlanVersion;
    if (!(error instanceof DomainError) || expected === undefined || plan.stream === undefined || error.details?.field === 'expectedPlanVersion') throw error;
    const history = await dependencies.store.readStream(plan.stream);
    const changes = await planChangesOf(dependencies, history);
    if (changes.length === expected) throw error;
    throw await planChangedSincePreview(dependencies, plan.title!, expected, changes);
  }
}

/** `importWorkPlanFile`, naming the plan's stream and title in `plan` once the file is read as that plan. */
async function importAsRead(
  dependencies: ImportDependencies,
  file: ImportFile,
  options: WorkPlanImportOptions,
  context: CommandContext,
  knownPlans: readonly KnownPlan[],
  seen: { stream?: string; title?: string },
): Promise<WorkPlanImportOutcome> {
  const recorded = await refuseReusedKey(dependencies.store, requestOf(context));
  const retried = firstRunAppended(recorded);
  const { fileName, format } = fileFormatOf(file);
  const today = officeDate(context.now);
  /** The refusal of a file without a 完成时限 column, read so for a version of an imported plan (issue 10): a new plan is refused with it. */
  let dueColumnRefusal: DomainError | null = null;
  const readOn = async (day: string, dueDatesMayBeAbsent = false): Promise<Extract<Awaited<ReturnType<typeof importWorkPlan>>, { ok: true }>> => {
    const read = await importWorkPlan(file.content, {
      ...(dueDatesMayBeAbsent ? { dueDatesMayBeAbsent } : {}),
      format,
      fileName,
      title: options.title,
      year: options.year,
      ...(options.lastYear === undefined || options.lastYear === null ? {} : { lastYear: options.lastYear }),
      // A version of a plan over several years whose file says no period is read with the plan's (issue 10).
      knownPlans,
      sheet: file.sheet,
      // 立行立改 (fix at once) is due the day the units are told.
      today: day,
      // The file names units as they were that day: one merged later is still itself (its part passes on the merge day).
      lookupUnit: unitLookupFrom(dependencies.units.list(), day, { nearNames: options.nearNames }),
      // Items past the plan's period are left to the item's decision, which records the override.
      periodOverridden: options.dueDateOverride !== undefined,
      // A plan refused as read for a year ended before its approval is told to give its year (breaker10r P6).
      ...(options.approvedOn === undefined ? {} : { approvedOn: options.approvedOn }),
      ...(options.dueDateOverride === undefined ? {} : { periodOverrideReason: options.dueDateOverride.reason }),
      // The plan's own export read back: a date past its period that an item already has came with its override (newcomer48-10 S2).
      // Two rows of one task that are both the plan's items so are its own pair, not a copy (breaker50-10 S5). A version entered
      // late is judged on the plan as of its own day (`day`): a date the item had then, by a 特批 given before it, is on the record
      // too (breaker51-10 S1).
      planOnRecord: (plan) => planOnRecordOf(dependencies, knownTitleOf(plan, knownPlans)?.title ?? plan.title, plan.year, day),
    });
    if (read.ok) return read;
    // Rectify's own export of an earlier reading, the plan changed since: said first — its rows may be refused for what changed (a
    // 特批 asked for a date the plan has left: breaker50-10 M7), and the way on is the current export either way.
    if (read.exportOf) {
      const outOfDate = await earlierReadingRefusal(dependencies, file, read.exportOf, knownPlans);
      if (outOfDate) throw outOfDate;
    }
    const refusal = importRefused(fileName, format, read.problems, 'BAD_USER_INPUT', read.sheet, read.sheets);
    // No 完成时限 column and nothing else wrong: a version of an imported plan keeps its items' due dates (a missing column is no
    // change to its field, as for 牵头单位: breaker42-10 F5); whether the file is one is known below, else this refusal stands.
    if (!dueDatesMayBeAbsent && read.problems.every((problem) => problem.reason.startsWith(`Missing column ${planColumns.dueDate.label}`))) {
      const again = await readOn(day, true).catch(() => null);
      if (again) {
        dueColumnRefusal = refusal;
        return again;
      }
    }
    throw refusal;
  };
  const readDay = options.assignedOn ?? options.approvedOn ?? today;
  const validation = await readOn(readDay);

  const sha256 = sha256Of(file.content);
  // A title retyped (２０２６, spaces, 年度) names the plan imported under its first spelling (breaker10c P7).
  const sameTitle = knownTitleOf(validation.plan, knownPlans);
  const validated = sameTitle ? { ...validation.plan, title: sameTitle.title } : validation.plan;
  const planStream = workPlanStream(workPlanIdFor(validated.year, validated.title));
  const planHistory = await dependencies.store.readStream(planStream);
  const planVersion = (await planChangesOf(dependencies, planHistory)).length;
  Object.assign(seen, { stream: planStream, title: validated.title });
  // The plan changed since the preview this import follows (issue 10 S2) — by a version, or by hand on one of its items (breaker49-10
  // S1): refused before anything is decided, as the batch's append would.
  if (options.expectedPlanVersion !== undefined && !retried && planVersion !== options.expectedPlanVersion) {
    throw await planChangedSincePreview(dependencies, validated.title, options.expectedPlanVersion, await planChangesOf(dependencies, planHistory));
  }
  const keyOf = commandKeys(context, planStream, sha256, planHistory);
  const commandIdOf = (type: string, key: string) => contextInBatch(context, type, key).commandId;
  const revisePlanId = commandIdOf('RevisePlan', keyOf('revision'));
  // A retry of a revision answers the revision its first run applied: the plan and its items are
  // read as they stood without that run's events (found by the command ids the run derives from
  // the file), so the same revision is decided again, and every command of it is found done.
  const revisedBefore = retried && (await eventsOfCommand(dependencies.store, planStream, revisePlanId)).length > 0;
  const planWithout = revisedBefore ? new Set([revisePlanId]) : null;
  // A plan imported before from another file: this is a new version of it, shown or applied as a revision. The same file
  // as the plan's latest version, asked to revise, is one too: the plan may have changed by hand since (an item withdrawn:
  // the file lists it again, 恢复列入方案 — breaker11p P1 found it refused as a re-import); unchanged, it writes nothing.
  const existing = await stateWithout(dependencies, planStream, workPlanDecider, planWithout);
  const isNewVersion = existing.status === 'imported' && (existing.source.sha256 !== sha256 || options.revise === true);
  if (options.revise && existing.status !== 'imported') throw nothingToRevise(validated, knownPlans);
  // A version does not change the plan's period: a last year given otherwise is refused, not ignored unsaid (breaker50-10 M3: a 2027
  // date was then refused as past the period 2026-12-31 the clerk believed she had extended).
  if (isNewVersion && existing.status === 'imported' && options.lastYear != null && options.lastYear !== planLastYear(existing)) {
    throw badInput(
      `Work plan "${existing.title}" runs over ${planYears(existing)}: a version does not change the plan's period (the last year ${options.lastYear} given was not taken). Import again without it; a date past the period needs a supervisor's override.`,
      `工作方案“${existing.title}”的期限为 ${planYears(existing)} 年，按新版本调整不改变方案的期限（本次填写的截止年份 ${options.lastYear} 年未采用）：请清空年度中的截止年份后重新导入；晚于方案期限的时限须由督办人员填写特批理由。`,
      { field: 'lastYear' },
    );
  }
  // The file of one of the plan's earlier versions sent again (its bytes as imported then): that version, superseded — never a new one to apply (breaker42-10 F4).
  // The same version in other bytes (GBK CSV saved as UTF-8, re-saved as XLSX) is known by what it says (newcomer43-10 #3).
  const contentDigest = planContentDigest(validation.plan);
  const earlierVersion = existing.status === 'imported' && !options.revise ? earlierSourceOf(existing, sha256, contentDigest) : undefined;
  if (earlierVersion && existing.status === 'imported') throw earlierVersionRefused(existing, fileName, earlierVersion);
  // A new plan whose items are another plan's of the year (one 大项 sheet of it re-sent, a title retyped beyond recognition) is told, or refused (breaker10c P15).
  const repeated = existing.status === 'imported' ? null : planRepeating(validated, knownPlans);
  // A title that is an imported plan's with words added (…-张三改, …0615) and half the file's items that plan's: a version of it, never a second plan unasked (issue 10 P6).
  const extended = existing.status === 'imported' ? null : titleExtending(validated, knownPlans);
  if (extended) throw extendedTitleRefused(validated, extended);
  // Every item another plan's: refused naming it unless imported as another plan on purpose — a title given (typed slightly
  // otherwise: …要点分解表 for …要点任务分解表) is no such purpose (newcomer52-10 S3: a second plan duplicating every item).
  if (repeated && repeated.shared === repeated.of && options.separatePlan !== true) throw repeatedPlanRefused(validated, repeated);
  // A file without a 完成时限 column is a version of an imported plan, or refused as any plan without one (issue 10).
  if (dueColumnRefusal && existing.status !== 'imported') throw dueColumnRefusal;
  const days = planDays(options, today, existing, isNewVersion);
  // A new version is applied on its own day (assignedOn, else today), not the plan's approval: 立行立改 in it is due then (breaker10d P34).
  const asApplied = isNewVersion && days.assignedOn !== readDay && hasItemAtOnce(validated) ? { ...(await readOn(days.assignedOn)).plan, title: validated.title } : validated;
  // A version (new, or the same file again) whose rows were renumbered keeps each item's code, matched by its title (breaker10 F23).
  // A version naming its 大项 by title only (a 大项 column of names) keeps the plan's codes for them (breaker10s P1: re-coded to their names).
  const codesKept = isNewVersion && existing.status === 'imported' && !validated.uncategorised ? withStandingCategoryCodes(asApplied, existing.categories) : null;
  const renumbering = await renumberingOf(dependencies, existing, codesKept?.plan ?? asApplied);
  // A row whose item cannot be told is refused naming the candidates, never matched by a guess (breaker10m P15).
  if (renumbering?.unsure && renumbering.unsure.length > 0) throw importRefused(fileName, format, renumbering.unsure, 'BAD_USER_INPUT', validation.sheet);
  const renumbered = renumbering?.plan ?? codesKept?.plan ?? asApplied;
  // A version written as a flat list (no 类别 column, no section rows) keeps the plan's 大项, never moves every item into 「一 未分类」 (breaker10r P11).
  const keptCategories =
    isNewVersion && validated.uncategorised && existing.status === 'imported'
      ? withStandingCategories(renumbered, existing.categories.map((category) => ({ code: category.code, title: category.title, itemCodes: category.items.map((item) => item.code) })))
      : null;
  if (keptCategories && !keptCategories.ok) throw importRefused(fileName, format, keptCategories.problems, 'BAD_USER_INPUT', validation.sheet);
  const plan = keptCategories?.ok ? keptCategories.plan : renumbered;
  const { planId, importPlan, defineItems: definedByFile } = workPlanCommands(plan, { fileName, sha256, contentDigest }, context.actor, days, options.dueDateOverride);
  // A field the file has no column for keeps each item's as it stands (breaker10e P3: the export has no 内容).
  const keptFields = validated.absentFields ?? [];
  // The plan's own file sent again without a column (具体内容, 工作措施, 责任单位) defines each item as it stands in that field:
  // no column is no change, never another definition (issue 10 P2: refused per item 「已按不同的内容定义过」).
  const defineItems =
    !isNewVersion && existing.status === 'imported' && keptFields.length > 0
      ? definitionsKeeping(definedByFile, keptFields, await itemsAsTheyStand(dependencies, existing.categories))
      : definedByFile;
  const rowOfItem = new Map(plan.categories.flatMap((category) => category.items.map((item) => [item.code, item.row])));
  // Read over several sheets, an item's row is named with its sheet: both sheets may have a row 4 (breaker42-10 F6).
  const placeOfItem = new Map(plan.categories.flatMap((category) => category.items.map((item) => [item.code, { row: item.row, ...(item.sheet === undefined ? {} : { sheet: item.sheet }) }] as const)));
  const defineItemId = (item: (typeof defineItems)[number]) => commandIdOf(item.type, keyOf(`item:${item.data.code}`));
  const changeKey = (type: string, itemId: string) => keyOf(`${type}:${itemId}`);
  const itemsWithout =
    revisedBefore && existing.status === 'imported'
      ? new Set([
          ...defineItems.map(defineItemId),
          ...[...existing.categories.flatMap((category) => category.items.map((item) => item.itemId)), ...defineItems.map((item) => item.data.itemId)].flatMap((itemId) =>
            ITEM_CHANGE_TYPES.map((type) => commandIdOf(type, changeKey(type, itemId))),
          ),
        ])
      : null;

  // An export of an earlier reading (its title row's 截至 day) is not the plan's current version: it would undo what changed since (breaker10g P22).
  // This very file applied before (an edited export, revised, sent again): what it changed then, and everything before, it shows (issue 10 P2).
  const appliedAt = isNewVersion && (validated.exportedAs || validated.datesPerPart) ? await lastAppliedAt(dependencies, planStream, sha256, planWithout) : null;
  if (isNewVersion && validated.exportedAs) {
    const codeOf = new Map([...existing.categories.flatMap((category) => category.items), ...defineItems.map((item) => item.data)].map((item) => [item.itemId, item.code] as const));
    const without = new Set([...(planWithout ?? []), ...(itemsWithout ?? [])]);
    const later = await planChangesAfter(dependencies, planStream, codeOf, validated.exportedAs, without, appliedAt);
    if (later.length > 0) throw exportOfEarlierReading(plan.title, validated.exportedAs, later);
  }
  // Rectify's own export whose title row was deleted says no reading: judged against every change since the plan's first
  // import, as the oldest download it may be (breaker10h P11).
  if (isNewVersion && validated.datesPerPart && !validated.exportedAs) {
    const codeOf = new Map([...existing.categories.flatMap((category) => category.items), ...defineItems.map((item) => item.data)].map((item) => [item.itemId, item.code] as const));
    const without = new Set([...(planWithout ?? []), ...(itemsWithout ?? [])]);
    const firstImport = (await dependencies.store.readStream(planStream)).find((stored) => stored.type === 'WorkPlanImported');
    const later = firstImport ? await planChangesAfter(dependencies, planStream, codeOf, { asOf: '9999-12-31', knownAt: firstImport.metadata.recordedAt }, without, appliedAt) : [];
    if (later.length > 0) throw exportOfNoReading(plan.title, later);
  }
  // The plan's own file sent again (its current version's bytes, not asked to revise) is compared with the plan as it stands too,
  // as --revise would apply it that day: the plan may have changed since — a unit kept for its report, a collective (市直各部门) now
  // standing for one more unit, an item withdrawn by hand — and each item's decision, comparing the file's units with its parts, refused
  // it per item 「工作事项 7 已按不同的责任单位定义过」, naming no unit and no way on (breaker43-10 F1, newcomer43-10 #2).
  const sameFile = existing.status === 'imported' && !isNewVersion;
  const revisionDay = sameFile ? (options.assignedOn ?? today) : days.assignedOn;
  // The same file with another assignment day is not taken as the plan's file imported before, unchanged: the day differs, and a
  // re-import never moves it (breaker43-10 F2: 「此前已导入，事项相同」 while the clerk meant to correct the day).
  if (sameFile && options.assignedOn !== undefined && existing.status === 'imported') {
    const appliedOn = existing.version?.on ?? (await importAssignedOn(dependencies, existing.categories));
    if (appliedOn !== null && appliedOn !== options.assignedOn) throw assignedOnDiffers(existing.title, fileName, appliedOn, options.assignedOn, existing.version !== undefined);
  }
  // Judged as a version of its day finds them: an item withdrawn after that day was in the plan then (breaker11p P3).
  const standing = isNewVersion || sameFile ? await itemsAsTheyStand(dependencies, existing.categories, itemsWithout, revisionDay) : [];
  // Every row one unit's part: a unit's own download, its title row deleted or edited, when the plan has other units (breaker10h P11).
  if (isNewVersion && validated.rowsOfOneUnit) {
    const unitsOf = (item: Pick<ItemVersion, 'leadUnitIds' | 'responsibleUnitIds'>) => [...item.leadUnitIds, ...item.responsibleUnitIds];
    const fileItems = defineItems.map((item) => versionOf(item, true));
    const [only] = fileItems.map((item) => new Set(unitsOf(item))).reduce((common, units) => new Set([...common].filter((unitId) => units.has(unitId))), new Set(fileItems.flatMap(unitsOf)));
    if (only !== undefined && standing.some((item) => unitsOf(item).some((unitId) => unitId !== only && (item.heldFor?.[unitId] ?? unitId) !== only))) {
      const name = dependencies.units.list().find((unit) => unit.id === only)?.name ?? only;
      throw importRefused(fileName, format, [unitDownloadProblem(name)]);
    }
  }
  const standingByCode = new Map(standing.map((item) => [item.code, item]));
  const versionsAsWritten = defineItems.map((item) => versionOf(item, validated.datesPerPart === true));
  // An item an earlier version withdrew, listed again under its code and title, comes back (10e P1); one an earlier version kept
  // for its work (out of the outline) is the item as it stands.
  const listedAgain = isNewVersion || sameFile ? await withdrawnListedAgain(dependencies, versionsAsWritten, standingByCode, itemsWithout, revisionDay) : { back: [], sameDay: [] };
  // A row naming an item withdrawn on the version's own day (entered before it) cannot bring it back that day, nor stand for it: refused
  // naming the row and the way on, never dropped unsaid (newcomer52-10 S2: the row was read as the item in the plan, and nothing said).
  if (isNewVersion && listedAgain.sameDay.length > 0) {
    throw importRefused(
      fileName,
      format,
      listedAgain.sameDay.map((withdrawn) => {
        const place = placeOfItem.get(withdrawn.code);
        const words = withdrawnOnVersionDayWords(withdrawn);
        return { row: place?.row ?? null, reason: words.en, reasonZh: words.zh, ...(place?.sheet === undefined ? {} : { sheet: place.sheet }) };
      }),
      'CONFLICT',
      validation.sheet,
      validation.sheets,
    );
  }
  const standingOrBack = isNewVersion || sameFile ? [...standing, ...listedAgain.back] : standing;
  // A column the file lacks keeps every item's field as it stands — an item kept out of the outline, or withdrawn and listed again,
  // too (newcomer43-10 #1: the export, without 具体内容, wiped a kept item's description while the notice said 保持不变).
  const beforeByCode = new Map(standingOrBack.map((item) => [item.code, item]));
  const asRevised = (version: ItemVersion): ItemVersion => {
    const before = beforeByCode.get(version.code);
    return before ? { ...version, ...fieldsKept(keptFields, before, version) } : version;
  };
  // Each unit changed named as registered, so the summary says whom (newcomer48-10 M4: 「增加单位 1 个（事项 10）」 named none).
  const directory = new Map(dependencies.units.list().map((unit) => [unit.id, unit.name] as const));
  const registeredName = (unitId: string) => directory.get(unitId);
  // The plan's revisions as recorded, its items' hand changes among them: what a version undoes, and what changed after its day.
  const revisionsRecorded = isNewVersion && existing.status === 'imported' ? await recordedRevisions(dependencies, planStream, new Set([...(planWithout ?? []), ...(itemsWithout ?? [])]), registeredName) : [];
  // A version is judged on the plan as of its own day: an item changed by hand after that day, given as it stood then, is no change of
  // the file's (breaker49-10 S9, M6: moved "back", refused as overdue at once or recorded before the later re-dating, the item's date
  // and its parts' disagreeing); a date given otherwise than both is refused on its row, naming the later change.
  const asOfDay = isNewVersion ? asOfVersionDay(versionsAsWritten.map(asRevised), standingOrBack, revisionsRecorded, days.assignedOn) : { versions: versionsAsWritten.map(asRevised), refused: [] };
  if (asOfDay.refused.length > 0) {
    throw importRefused(
      fileName,
      format,
      asOfDay.refused.map((later) => {
        const place = placeOfItem.get(later.change.code);
        const words = laterHandChangeWords(later, days.assignedOn);
        return { row: place?.row ?? null, reason: words.en, reasonZh: words.zh, ...(place?.sheet === undefined ? {} : { sheet: place.sheet }) };
      }),
      'CONFLICT',
      validation.sheet,
      validation.sheets,
    );
  }
  // A collective name (各区县政府) of an item the plan has means the units it meant when the item was defined: those registered since
  // are not added by the same file sent again, nor by a later version that does not change the cell — said per item (newcomer56-10 S1).
  const collectiveOfItem = new Map(plan.categories.flatMap((category) => category.items.flatMap((item) => (item.collectiveUnits ? [[item.code, item.collectiveUnits] as const] : []))));
  const grownNames = isNewVersion || sameFile ? await withoutGrownNames(dependencies, asOfDay.versions, beforeByCode, collectiveOfItem, placeOfItem) : { versions: asOfDay.versions, notices: [] };
  const versionsInFile = grownNames.versions;
  // A version without a 完成时限 column keeps its items' dates; an item the plan does not have has none to keep (issue 10).
  const undated = keptFields.includes('dueDate') ? versionsInFile.filter((item) => item.dueDate === '') : [];
  if (undated.length > 0) {
    throw importRefused(
      fileName,
      format,
      undated.map((item) => {
        const place = placeOfItem.get(item.code);
        return {
          row: place?.row ?? null,
          reason: `Item ${item.code} (${item.title}) is not in the plan, and the file has no 完成时限 (due date) column: a new item needs its due date. Add the column (the other items' dates as they stand), or add the item by hand.`,
          reasonZh: `事项 ${item.code}（${item.title}）是方案中没有的新事项，而本文件没有“完成时限”列：新事项须有完成时限。请在文件中加上“完成时限”列（其他事项照填现有时限）后重新导入。`,
          ...(place?.sheet === undefined ? {} : { sheet: place.sheet }),
        };
      }),
      'BAD_USER_INPUT',
      validation.sheet,
      validation.sheets,
    );
  }
  // The 大项 compared as they stand and as the version names them: a rename and a move are told as such (breaker10s P7).
  const outlines = existing.status === 'imported' ? { standing: existing.categories, next: plan.categories } : undefined;
  // The same file's items not defined yet (an import that stopped half-way) are defined now, as the first run would have: no change.
  const compared = isNewVersion || sameFile ? withUnitNames(planRevisionOf(standingOrBack, versionsInFile, revisionDay, outlines), registeredName) : null;
  const difference = compared && sameFile ? { ...compared, added: [] } : compared;
  // The same plan saved again (new bytes, same cells): nothing to revise, nothing to write.
  // Items an earlier version kept for their work stand outside the outline: a file listing them (the plan's own export) is the plan as it stands.
  const outlineCodes = new Set(existing.status === 'imported' ? existing.categories.flatMap((category) => category.items.map((item) => item.code)) : []);
  const keptOutside = new Set(standingOrBack.filter((item) => item.withdrawnOn === undefined && !outlineCodes.has(item.code)).map((item) => item.code));
  // A file leaving out a unit (or item) the plan keeps for its work keeps it again: nothing to write (breaker43-10 F1: with --revise
  // it said 「已修订…保留待督查单位 1 个」 each time, nothing written). Judged by what the file says, not by its bytes: the version
  // applied, opened and saved again in Excel or WPS, or saved as CSV, is that version (newcomer46-10 S1: it was 「是它的新版本」, and
  // --revise recorded a revision changing nothing, which then refused the real later versions dated before it).
  const asItStands =
    difference !== null && isUnchangedButKept(difference) && existing.status === 'imported' && sameOutline(existing.categories, outlineWithout(importPlan.data.categories, keptOutside));
  const stillKept = asItStands && !isUnchanged(difference) ? difference : null;
  if (sameFile && difference && !asItStands) throw sameFileChangedRefused(plan.title, fileName, difference);
  // The same file as it stands still defines what an import stopped half-way left undefined; another file writes nothing.
  const resaved = asItStands && !sameFile;
  const revision = asItStands || sameFile ? null : difference;
  if (revision && revision.withdrawn.length > 0 && (validation.hiddenSheets ?? []).length > 0) throw withdrawalBesideHiddenSheets(revision, validation.hiddenSheets!);
  // One sheet picked out of a workbook revises its own 大项, never withdraws the others' items (breaker10c P15).
  const fileCategories = new Set(plan.categories.map((category) => category.code));
  const outsideTheSheet = file.sheet === undefined || !revision ? [] : revision.withdrawn.filter((item) => !fileCategories.has(item.categoryCode));
  if (outsideTheSheet.length > 0) throw withdrawalOutsideTheSheet(file.sheet!, outsideTheSheet);
  // A version edited from a copy kept from before a revision reverses that revision's changes: said, and applied only when confirmed (newcomer48-10 S1).
  const undoes =
    revision && existing.status === 'imported'
      ? revisionsUndone(
          revision,
          versionsInFile,
          // Every revision recorded, so that a change a later one reverted counts for neither (breaker49-10 S7)…
          revisionsRecorded,
          // …but one dated after the version's day is no later revision it undoes: the version is refused as dated before it (breaker8c P15).
          (recorded) => recorded.on <= days.assignedOn,
        )
      : [];
  if (revision && !options.revise && !options.dryRun) throw newVersionRefused(plan.title, fileName, revision, validation.plan.writtenTitle ?? validation.plan.title, undoes);
  if (undoes.length > 0 && !options.dryRun && options.undoLaterRevision !== true) throw laterRevisionUndone(plan.title, fileName, undoes);
  // Items the version leaves out are withdrawn only when the clerk confirms it: a file listing only the changed items (a 调整表) withdrew all others unasked (newcomer49-10 S4).
  if (revision && revision.withdrawn.length > 0 && !options.dryRun && options.withdrawMissing !== true) {
    throw withdrawalUnconfirmed(plan.title, fileName, revision, standingOrBack.filter((item) => item.withdrawnOn === undefined).length);
  }
  // Several items due before the plan's approval are one fault of the file (a past plan, or another plan of the same title): said once (newcomer39 S1).
  const early = dueBeforeApproval(revision ? dueDatesRevised(revision, versionsAsRevised(standingOrBack, versionsInFile)) : keptFields.includes('dueDate') ? versionsInFile : defineItems.map((item) => item.data), days.approvedOn, placeOfItem);
  // An approval day in the future is refused as such, by the plan's decision.
  if (early && days.approvedOn <= today) throw importRefused(fileName, format, [early.problem(revision && existing.status === 'imported' ? { title: existing.title, years: planYears(existing) } : null)], 'BAD_USER_INPUT', validation.sheet, validation.sheets);
  const revised = new Set(revision ? [...revision.added.map((item) => item.code)] : []);
  // The same file again defines only the items it has not yet (the plan as it stands was compared above): the items it defined stand.
  // A retry of the request keeps those its first run defined, found done, so it answers as that run did.
  const undefinedYet = new Set(
    sameFile
      ? (
          await Promise.all(
            defineItems.map(async (item) => {
              const events = await dependencies.store.readStream(workPlanItemStream(item.data.itemId));
              return events.length === 0 || events.some((event) => event.metadata.commandId === defineItemId(item)) ? [item.data.code] : [];
            }),
          )
        ).flat()
      : [],
  );
  const itemCommands = (revision ? defineItems.filter((item) => revised.has(item.data.code)) : sameFile ? defineItems.filter((item) => undefinedYet.has(item.data.code)) : defineItems).map((item) =>
      onSheet(batchCommand(
        rowOfItem.get(item.data.code) ?? null,
        workPlanItemStream(item.data.itemId),
        workPlanItemDecider,
        {
          ...item,
          // The plan's stream is written first, in this batch: its command is checked before any item.
          planExists: true,
          planApprovedOn: days.approvedOn,
          unitNames: dependencies.units,
          unknownUnitIds: dependencies.units.unknownIds([...item.leadUnitIds, ...item.responsibleUnitIds]),
        },
        contextInBatch(context, item.type, keyOf(`item:${item.data.code}`)),
      ), placeOfItem.get(item.data.code)?.sheet),
  );
  const planCommandAsDecided = revision
    ? batchCommand(
        null,
        workPlanStream(planId),
        workPlanDecider,
        { type: 'RevisePlan', actor: context.actor, data: { ...outlineKeepingPeriod(importPlan.data, existing), revisedOn: days.assignedOn, reason: options.revisionReason ?? revisedBy(fileName) } } satisfies RevisePlan,
        contextInBatch(context, 'RevisePlan', keyOf('revision')),
      )
    : batchCommand(null, workPlanStream(planId), workPlanDecider, importPlan, contextInBatch(context, importPlan.type, keyOf('plan')), [workPlanTitleClaim(validated.year, validated.title)]);
  // Pinned to the previewed version: decided and appended only on the plan as the preview saw it (issue 10 S2).
  const expectedVersion = options.expectedPlanVersion;
  // The plan's stream pinned at its length as read, and its items' hand changes checked again when the batch decides (breaker49-10 S1).
  const stalePreview = async (history: readonly StoredEvent[]) => planChangedSincePreview(dependencies, validated.title, expectedVersion!, await planChangesOf(dependencies, history));
  const planCommand = expectedVersion === undefined ? planCommandAsDecided : pinnedToPlanVersion(pinnedAt(planCommandAsDecided, planHistory.length, stalePreview), dependencies, expectedVersion, stalePreview);
  const changes = revision
    ? itemRevisionCommands(revision, versionsAsRevised(standingOrBack, versionsInFile), {
        actor: context.actor,
        today: officeDate(context.now),
        // A new version given its day (assignedOn) is dated on it throughout: re-dating, units added and removed, withdrawals.
        revisedOn: days.assignedOn,
        reason: options.revisionReason ?? revisedBy(fileName),
        // A version keeps the plan's period (a plan over several years: to its last year).
        dueDateLimit: dueDateLimitOf(outlineKeepingPeriod(plan, existing)),
        ...(options.dueDateOverride === undefined ? {} : { dueDateOverride: options.dueDateOverride }),
        planApprovedOn: days.approvedOn,
        unitNames: dependencies.units,
      })
    : { withdraw: [], revise: [] };
  // Items an earlier version kept for their work, left out again: said again (newcomer49-10 M7).
  const keptStill = revision && existing.status === 'imported' ? await keptItemsStillLeftOut(dependencies, existing, new Set(versionsInFile.map((item) => item.code))) : null;
  const rowOfItemId = new Map(versionsInFile.flatMap((item) => (rowOfItem.has(item.code) ? [[item.itemId, rowOfItem.get(item.code)!] as const] : [])));
  const commands = resaved ? [] : [
    // First: appended in slices (ImportSlices), the read models show the plan once every item its outline lists is in (WorkPlanLedger.plan).
    planCommand,
    ...itemCommands,
    // A change to an item the file lists is refused on that item's row (breaker43-10 F8: 「整个文件」 for a re-dating before the version's day).
    ...[...changes.withdraw, ...changes.revise].map(({ itemId, command }) =>
      batchCommand(
        rowOfItemId.get(itemId) ?? null,
        workPlanItemStream(itemId),
        workPlanItemDecider,
        command,
        contextInBatch(context, command.type, changeKey(command.type, itemId)),
      ),
    ),
  ];
  const batch = await runImportBatch(dependencies, { fileName, format }, commands, {
    dryRun: options.dryRun,
    request: requestOf(context),
    sheet: validation.sheet,
    sheets: validation.sheets,
    ...(dependencies.slices ? { slices: dependencies.slices } : {}),
  });
  // A dry run of the plan's own file again (or of a version already applied, saved again) would write nothing: said so, as the
  // real run says it, never 「将导入 9 个事项」 (breaker10n P11) — unless an interrupted import left items to define.
  const wouldWriteNothing =
    options.dryRun === true && !revision && existing.status === 'imported' && (resaved || !isNewVersion) &&
    (await Promise.all(defineItems.map(async (item) => (await dependencies.store.readStream(workPlanItemStream(item.data.itemId))).length > 0))).every(Boolean);
  // A client's request whose plan (or revision) command is in the plan's stream was this request's,
  // whichever of its runs appended it (breaker9g P3: a resend while the first ran answered "imported
  // before"); read back once the batch is done. The command line's key never names a retry.
  const ownRun =
    !options.dryRun && context.requestDigest !== undefined && commands.length > 0 ? (await doneInStore(dependencies.store, [{ streamId: planCommand.streamId, commandId: planCommand.commandId }], context.commandId)).done[0]! : false;
  const answeredAsRetry = retried || (ownRun && batch.eventCount === 0);

  // The units as registered (`registeredName`), not as the file writes them (市财政局, a code): the preview shows whom each item goes to.
  // A version without a unit column keeps each item's units (keptFields): counted as kept, not as the file leaves them (breaker42-10 F5).
  const unitIds = new Set((isNewVersion ? versionsInFile : defineItems).flatMap((item) => [...item.leadUnitIds, ...item.responsibleUnitIds]));
  return {
    planId,
    title: plan.title,
    year: plan.year,
    // The plan's period, as the plan keeps it: the result says 2026—2028, never （2026） for a plan over several years.
    ...periodOf(outlineKeepingPeriod(plan, existing)),
    categories: plan.categories.map((category) => ({
      code: category.code,
      title: category.title,
      itemCount: category.items.length,
      items: category.items.map((item) => importedPlanItem(registeredName)(isNewVersion ? withOwnDaysKept(item, beforeByCode.get(item.code)) : item)),
    })),
    itemCount: defineItems.length,
    unitCount: unitIds.size,
    itemIds: defineItems.map((item) => item.data.itemId),
    notes: {
      sheet: validation.sheet,
      notImported: validation.notImported,
      notices: [
        ...(sameTitle ? [sameTitle.notice] : []),
        ...(repeated ? [repeatedPlanNotice(repeated)] : []),
        ...(validation.notices ?? []).filter((notice) => !keptCategories?.ok || notice.reasonZh !== FLAT_LIST_NOTICE.reasonZh),
        ...(keptCategories?.ok ? [keptCategories.notice] : []),
        ...(codesKept ? [codesKept.notice] : []),
        ...(renumbering?.notices ?? []),
        ...grownNames.notices,
        // The columns a version lacks, its fields kept: 具体内容 / 工作措施 named only when the plan has some (breaker42-10 F5).
        ...(stillKept ? [stillKeptNotice(stillKept)] : []),
        ...(keptStill ? [keptStill] : []),
        ...(revision ? reportsSetAsideNotices(revision.withdrawn, days.assignedOn, registeredName) : []),
        ...(isNewVersion && existing.status === 'imported' ? keptFieldsNotice(keptFields.filter((field) => (field !== 'description' && field !== 'measures') || standing.some((item) => item[field] !== ''))) : []),
      ],
    },
    // A retry's items are those its first run defined, found done now.
    // A dry run says what the run would define: each item whose stream is still empty (breaker43-10 F8: 0 where the run said 1).
    itemsDefined: resaved ? 0 : options.dryRun ? await itemsToDefine(dependencies, itemCommands) : batch.outcomes.slice(1, 1 + itemCommands.length).filter((outcome) => outcome.events.length > 0 || ((retried || ownRun) && outcome.retried)).length,
    retried: answeredAsRetry,
    revision,
    revisionsUndone: undoes,
    dryRun: options.dryRun === true,
    ...(options.withdrawMissing === true ? { withdrawalConfirmed: true as const } : {}),
    ...(wouldWriteNothing ? { wouldWriteNothing: true as const } : {}),
    // Applied, the version after it: the one a next import's preview follows (newcomer49-10 M11: the answer gave the one before).
    planVersion: options.dryRun || batch.eventCount === 0 ? planVersion : (await planChangesOf(dependencies, await dependencies.store.readStream(planStream))).length,
    eventCount: batch.eventCount,
    position: batch.position,
  };
}

/**
 * The office days of an import. A first import (or one completed after it stopped half-way)
 * takes the plan's approval day and its parts' assignment day from the options, defaulting each
 * to the other and then to today. A plan imported before keeps its approval day — another one is
 * CONFLICT, naming both — and a new version's items are assigned on `assignedOn`, else today.
 */
function planDays(options: WorkPlanImportOptions, today: string, existing: WorkPlanState, isNewVersion: boolean): PlanDays {
  if (existing.status !== 'imported') {
    const approvedOn = options.approvedOn ?? options.assignedOn ?? today;
    return { today, approvedOn, assignedOn: options.assignedOn ?? approvedOn };
  }
  const { approvedOn, title } = existing;
  if (options.approvedOn !== undefined && options.approvedOn !== approvedOn) {
    throw conflict(
      `Work plan "${title}" was approved on ${approvedOn}, as imported before; the import says ${options.approvedOn}. A plan keeps the day it was approved.`,
      `工作方案“${title}”已按 ${approvedOn} 批准导入，本次导入给出的批准日期为 ${options.approvedOn}；方案的批准日期不随导入改变。`,
      { field: 'approvedOn' },
    );
  }
  return { today, approvedOn, assignedOn: options.assignedOn ?? (isNewVersion ? today : approvedOn) };
}

/**
 * The idempotency keys of the commands one import issues, each `what` (`plan`, `revision`,
 * `item:<code>`, `<command type>:<item id>`) under a prefix naming the plan's stream and the
 * request (breaker10d P27, P31). A key made of the file's digest alone told the second plan a file
 * was imported under, and a version applied again after going back to an older one, that their
 * commands had all run before: they wrote nothing and answered as if they had. The request's key
 * tells a client's retry (same key: the same commands, found done) from a new request (new
 * commands, decided on the plan as it stands). The command line's key is the file's digest and is
 * never retried, so its keys also carry the plan stream's revision: the same file applied again to
 * a plan that changed since is a new command. Events stored under the older keys
 * (`work-plan:<sha256>…`) keep them; the deciders accept the same plan and items again, so a file
 * imported before still writes nothing.
 */
function commandKeys(context: CommandContext, planStream: string, sha256: string, planHistory: readonly { readonly revision: number }[]): (what: string) => string {
  const planRevision = planHistory.length === 0 ? 'new' : String(planHistory[planHistory.length - 1]!.revision);
  const request = context.requestDigest === undefined ? `${context.requestKey}@${planRevision}` : context.requestKey;
  return (what) => `work-plan:${planStream}:${request}:${sha256}:${what}`;
}

/** Whether an item of the plan is due at once (立行立改): its day depends on the day the plan is read for. */
/**
 * A version's item as the preview shows it: a 立行立改 deadline (a day of its own: the day the units are told) that the item
 * already has keeps the day it has — the version's decision leaves it (work-plan-item.decider) — so the preview says that day,
 * not the version's (newcomer51-10 M1: 立行立改（2026-12-07） shown for an item kept due 2026-02-25). Parts dated on their own rows
 * likewise, against their due dates now (`partsDueNow`).
 */
function withOwnDaysKept(item: ValidatedPlan['categories'][number]['items'][number], before: ItemVersion | undefined): ValidatedPlan['categories'][number]['items'][number] {
  if (!before) return item;
  const keeps = (terms: DueTerms | undefined, now: DueTerms | undefined) => terms !== undefined && isDueOnAssignment(terms) && sameDueTerms(terms, now ?? BY_DATE);
  const partDueDates = item.partDueDates
    ? Object.fromEntries(
        Object.entries(item.partDueDates).map(([unitId, due]) => {
          const now = before.partsDueNow?.[unitId];
          return [unitId, now && keeps(due.terms, now.terms) ? { ...due, dueDate: now.dueDate } : due];
        }),
      )
    : undefined;
  return { ...item, ...(keeps(item.terms, before.terms) ? { dueDate: before.dueDate } : {}), ...(partDueDates ? { partDueDates } : {}) };
}

/**
 * The file's item versions without the units a collective name (各区县政府) of an item the plan has (`before`, by code) stands for
 * only because they were registered after the item was defined (its stream's first event): `partsOfGrownNames`, a notice per item
 * and name (`grownNameNotices`), on the item's row. Items without such units are as they were.
 */
async function withoutGrownNames(
  { store, units }: ImportDependencies,
  versions: readonly ItemVersion[],
  beforeByCode: ReadonlyMap<string, ItemVersion>,
  collectiveOfItem: ReadonlyMap<string, Readonly<Record<string, string>>>,
  placeOfItem: ReadonlyMap<string, { readonly row: number; readonly sheet?: string }>,
): Promise<{ versions: ItemVersion[]; notices: ImportProblem[] }> {
  const notices: ImportProblem[] = [];
  const result: ItemVersion[] = [];
  for (const version of versions) {
    const before = beforeByCode.get(version.code);
    const collective = collectiveOfItem.get(version.code);
    if (!before || !collective) {
      result.push(version);
      continue;
    }
    const known = new Set([...before.leadUnitIds, ...before.responsibleUnitIds, ...Object.keys(before.heldFor ?? {}), ...Object.keys(before.doneBy ?? {}), ...(before.verifiedUnitIds ?? [])]);
    const parts = [...version.leadUnitIds, ...version.responsibleUnitIds].map((unitId) => ({ unit: { unitId, name: units.get(unitId)?.name ?? unitId }, ...(collective[unitId] === undefined ? {} : { collective: collective[unitId] }) }));
    if (parts.every((part) => part.collective === undefined || known.has(part.unit.unitId))) {
      result.push(version);
      continue;
    }
    const [first] = await store.readStream(workPlanItemStream(before.itemId), { maxCount: 1 });
    const recordedAt = first?.metadata.recordedAt;
    if (typeof recordedAt !== 'string') {
      result.push(version);
      continue;
    }
    const { grown } = partsOfGrownNames(parts, known, (unitId) => units.placedAt(unitId), recordedAt);
    if (grown.length === 0) {
      result.push(version);
      continue;
    }
    const left = new Set(grown.map((part) => part.unit.unitId));
    const place = placeOfItem.get(version.code);
    const partDueDates = version.partDueDates && Object.fromEntries(Object.entries(version.partDueDates).filter(([unitId]) => !left.has(unitId)));
    result.push({ ...version, leadUnitIds: version.leadUnitIds.filter((unitId) => !left.has(unitId)), responsibleUnitIds: version.responsibleUnitIds.filter((unitId) => !left.has(unitId)), ...(partDueDates ? { partDueDates } : {}) });
    const what = { en: `item ${version.code} 「${before.title}」`, zh: `事项 ${version.code}「${before.title}」` };
    notices.push(
      ...grownNameNotices(parts, grown, what, { en: 'the item (addWorkPlanItemUnit)', zh: '该事项页面' }, place?.row ?? 0, officeDate(recordedAt)).map((notice) => ({
        ...notice,
        row: place?.row ?? null,
        ...(place?.sheet === undefined ? {} : { sheet: place.sheet }),
      })),
    );
  }
  return { versions: result, notices };
}

const hasItemAtOnce = (plan: ValidatedPlan): boolean => plan.categories.some((category) => category.items.some((item) => item.terms !== undefined && isDueOnAssignment(item.terms)));

/** An outline without the items of the given codes, and without a category left empty by that. */
const outlineWithout = (categories: WorkPlanOutline['categories'], codes: ReadonlySet<string>): WorkPlanOutline['categories'] =>
  codes.size === 0 ? categories : categories.map((category) => ({ ...category, items: category.items.filter((item) => !codes.has(item.code)) })).filter((category) => category.items.length > 0);

/** Two outlines list the same categories and items, in the same order, under the same words. */
const sameOutline = (a: WorkPlanOutline['categories'], b: WorkPlanOutline['categories']): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The new version's items as a revision compares them. `datesPerPart`: Rectify's own export, whose
 * every row dates its unit's part (the lead's too, on the item's first row).
 */
const versionOf = (item: WorkPlanItemDefinition, datesPerPart: boolean): ItemVersion => ({
  ...(datesPerPart
    ? {
        datesPerPart: true as const,
        partDueDates: {
          ...Object.fromEntries([...item.leadUnitIds, ...item.responsibleUnitIds].map((unitId) => [unitId, { dueDate: item.data.dueDate, terms: item.data.terms ?? BY_DATE }])),
          ...item.partDueDates,
        },
      }
    : item.partDueDates === undefined
    ? {}
    : { partDueDates: item.partDueDates }),
  itemId: item.data.itemId,
  code: item.data.code,
  categoryCode: item.data.categoryCode,
  title: item.data.title,
  description: item.data.description,
  measures: item.data.measures,
  dueDate: item.data.dueDate,
  terms: item.data.terms,
  leadUnitIds: item.leadUnitIds,
  responsibleUnitIds: item.responsibleUnitIds,
});

/**
 * The fields `absent` from the file (`AbsentField`: no 具体内容, 工作措施, 责任单位 or 牵头单位 column) as the item stands (`before`): a
 * missing column says nothing, so each keeps its own. The responsible units kept never include a lead the file names (a responsible
 * unit it made lead leads, once). With no 牵头单位 column the item keeps its leads and every unit the file names (`version`) that is
 * not one of them is responsible — never the first 责任单位 made lead (breaker42-10 F5). Pure; `{}` when nothing is absent.
 */
function fieldsKept(absent: readonly AbsentField[], before: ItemVersion, version: Pick<ItemVersion, 'leadUnitIds' | 'responsibleUnitIds'>): Partial<Pick<ItemVersion, AbsentField | 'terms' | 'partDueDates'>> {
  const kept: { -readonly [Field in AbsentField | 'terms' | 'partDueDates']?: ItemVersion[Field] } = {};
  // No 完成时限 column: the item's due date, its terms and its units' own dates as they stand (issue 10).
  if (absent.includes('dueDate')) {
    kept.dueDate = before.dueDate;
    kept.terms = before.terms;
    if (before.partDueDates !== undefined) kept.partDueDates = before.partDueDates;
  }
  if (absent.includes('description')) kept.description = before.description;
  if (absent.includes('measures')) kept.measures = before.measures;
  if (absent.includes('responsibleUnitIds')) kept.responsibleUnitIds = before.responsibleUnitIds.filter((unitId) => !version.leadUnitIds.includes(unitId));
  if (absent.includes('leadUnitIds') && before.leadUnitIds.length > 0) {
    kept.leadUnitIds = before.leadUnitIds;
    kept.responsibleUnitIds = [...new Set([...version.leadUnitIds, ...version.responsibleUnitIds])].filter((unitId) => !before.leadUnitIds.includes(unitId));
  }
  return kept;
}

/** Each field's column, as a version's notice names it. */
const ABSENT_FIELD_COLUMNS: Readonly<Record<AbsentField, { readonly en: string; readonly zh: string }>> = {
  leadUnitIds: { en: '牵头单位 (lead unit)', zh: '牵头单位' },
  responsibleUnitIds: { en: '责任单位 (responsible units)', zh: '责任单位' },
  description: { en: '具体内容 (content)', zh: '具体内容' },
  measures: { en: '工作措施 (measures)', zh: '工作措施' },
  dueDate: { en: '完成时限 (due date)', zh: '完成时限' },
};

/**
 * A version of the plan without some columns (`absent`): one notice naming them, each item's field left as it stands (breaker42-10 F5:
 * the summary said nothing of a missing 牵头单位 column). None when the file has every column.
 */
export function keptFieldsNotice(absent: readonly AbsentField[]): ImportProblem[] {
  if (absent.length === 0) return [];
  const columns = (['leadUnitIds', 'responsibleUnitIds', 'dueDate', 'description', 'measures'] as const).filter((field) => absent.includes(field)).map((field) => ABSENT_FIELD_COLUMNS[field]);
  return [
    {
      row: null,
      reason: `The file has no ${columns.map((column) => column.en).join(', ')} column: each item's is left as it stands.`,
      reasonZh: `本文件没有${columns.map((column) => `“${column.zh}”`).join('')}列：各事项的${columns.map((column) => column.zh).join('、')}保持不变。`,
    },
  ];
}

/**
 * The file's item definitions (`defined`) with the fields `absent` from it taken from the items as they stand (`standing`, by code):
 * the plan's own file sent again without a column defines each item as it is, so the item's decision finds the same definition and
 * writes nothing. An item the plan does not have keeps the file's (empty) fields. Pure.
 */
function definitionsKeeping(defined: readonly WorkPlanItemDefinition[], absent: readonly AbsentField[], standing: readonly ItemVersion[]): WorkPlanItemDefinition[] {
  const byCode = new Map(standing.map((item) => [item.code, item] as const));
  return defined.map((item) => {
    const before = byCode.get(item.data.code);
    if (!before) return item;
    const { responsibleUnitIds, leadUnitIds, partDueDates, ...fields } = fieldsKept(absent, before, item);
    return { ...item, data: { ...item.data, ...fields }, ...(responsibleUnitIds === undefined ? {} : { responsibleUnitIds }), ...(leadUnitIds === undefined ? {} : { leadUnitIds }), ...(partDueDates === undefined ? {} : { partDueDates }) };
  });
}

/** The item commands a revision issues (see `itemRevisionCommands`), each under a key derived from the file and the item. */
const ITEM_CHANGE_TYPES = ['ReviseWorkPlanItem', 'WithdrawWorkPlanItem'] as const;

/** A stream's state folded without the events of the commands in `without` (all of them when null). */
async function stateWithout<State, Event extends DomainEvent>(
  { store, schemas }: ImportDependencies,
  streamId: string,
  decider: Pick<Decider<unknown, State, Event>, 'initialState' | 'evolve'>,
  without: ReadonlySet<string> | null,
): Promise<State> {
  const history = await store.readStream(streamId);
  return fold(decider, history.filter((stored) => !without?.has(stored.metadata.commandId)).map((stored) => schemas.upcast<Event>(stored)));
}

/**
 * The items of the plan `title` of `year` as they stand, for the checks of a file's rows (`PlanOnRecord`); undefined for a plan not
 * imported. Withdrawn items are not counted: listed again, they are assigned again.
 * - `dueOnRecord`: whether the item the file's row names — by its code, or by its title (`itemTitle`, punctuation aside) in a file
 *   whose rows were renumbered (newcomer49-10 S2, breaker49-10 M3: an office's own layout, its item 11 the plan's item 12) — has
 *   `dueDate` (`YYYY-MM-DD`) on the record: its own due date or one of its parts' — for a version read back (newcomer48-10 S2): a
 *   day past the plan's period there was set with a supervisor's override (the item's decision refuses it without one, and records
 *   it), so the file that repeats it needs none.
 *   For a version dated `versionDay` (`YYYY-MM-DD`, office day) the dates the item and its parts had on that day count too
 *   (breaker51-10 S1: a version of 10-10 giving an item the 2027-03-31 a 特批 of 10-01 set, re-dated by hand on 10-15, was
 *   refused as needing a new 特批): the item folded from its events of that day or before.
 * - `heldOnRecord`: whether 大项 `categoryCode` holds item `code` of that title (punctuation aside) led by exactly those units (its
 *   LEAD parts): two such rows of one task are the plan's own pair (breaker50-10 S5), told apart by their codes.
 */
async function planOnRecordOf(dependencies: ImportDependencies, title: string, year: number, versionDay?: string): Promise<PlanOnRecord | undefined> {
  const plan = await stateWithout(dependencies, workPlanStream(workPlanIdFor(year, title)), workPlanDecider, null);
  if (plan.status !== 'imported') return undefined;
  const dates = new Map<string, ReadonlySet<string>>();
  const byTitle = new Map<string, ReadonlySet<string>>();
  /** By 大项 and code: the item's title words and its leads, sorted, each key joined by NUL. */
  const held = new Set<string>();
  const heldKey = (categoryCode: string, code: string, itemTitle: string, leadUnitIds: readonly string[]) => [categoryCode, code, wordsWithoutPunctuation(itemTitle), ...[...leadUnitIds].sort()].join('\u0000');
  const pause = slicer();
  const { store, schemas } = dependencies;
  const datesOf = (item: ReturnType<typeof workPlanItemDecider.evolve>): string[] =>
    item.status === 'empty' || item.status === 'withdrawn' ? [] : [item.definition.dueDate, ...partsOf(item.assignments).map((part) => part.dueDate)];
  for (const category of plan.categories) {
    for (const { itemId, code } of category.items) {
      await pause();
      const history = (await store.readStream(workPlanItemStream(itemId))).map((stored) => ({ stored, event: schemas.upcast<WorkPlanItemStreamEvent>(stored) }));
      const item = fold(workPlanItemDecider, history.map(({ event }) => event));
      if (item.status === 'empty' || item.status === 'withdrawn') continue;
      const parts = partsOf(item.assignments);
      const days = new Set(datesOf(item));
      if (versionDay !== undefined) {
        const untilVersionDay = history.filter(({ stored, event }) => schemas.occurredOn(stored.type, event.data as Record<string, unknown>, stored.metadata.recordedAt) <= versionDay);
        if (untilVersionDay.length > 0 && untilVersionDay.length < history.length) {
          for (const day of datesOf(fold(workPlanItemDecider, untilVersionDay.map(({ event }) => event)))) days.add(day);
        }
      }
      dates.set(code, days);
      byTitle.set(wordsWithoutPunctuation(item.definition.title), days);
      held.add(heldKey(category.code, code, item.definition.title, parts.filter((part) => part.role === 'LEAD').map((part) => part.unitId)));
    }
  }
  return {
    dueOnRecord: (code, dueDate, itemTitle) => dates.get(code)?.has(dueDate) === true || byTitle.get(wordsWithoutPunctuation(itemTitle))?.has(dueDate) === true,
    heldOnRecord: (categoryCode, code, itemTitle, leadUnitIds) => held.has(heldKey(categoryCode, code, itemTitle, leadUnitIds)),
  };
}

/**
 * CONFLICT (`exportOfEarlierReading`) for Rectify's own export of plan `exported` (title and year as read, `knownPlans` naming the
 * plan imported under another spelling) as of `exported.reading`, when the plan has changed since that reading (and since this very
 * file was last applied); null otherwise, and for a plan not imported.
 */
async function earlierReadingRefusal(
  dependencies: ImportDependencies,
  file: ImportFile,
  exported: { readonly title: string; readonly year: number; readonly reading: ExportReading },
  knownPlans: readonly KnownPlan[],
): Promise<DomainError | null> {
  const planStream = workPlanStream(workPlanIdFor(exported.year, knownTitleOf(exported, knownPlans)?.title ?? exported.title));
  const plan = await stateWithout(dependencies, planStream, workPlanDecider, null);
  if (plan.status !== 'imported') return null;
  const codeOf = new Map(plan.categories.flatMap((category) => category.items).map((item) => [item.itemId, item.code] as const));
  const appliedAt = await lastAppliedAt(dependencies, planStream, sha256Of(file.content), null);
  const later = await planChangesAfter(dependencies, planStream, codeOf, exported.reading, new Set(), appliedAt);
  return later.length > 0 ? exportOfEarlierReading(plan.title, exported.reading, later) : null;
}

/** The facts that shape a plan (its items, their units and dates), as an export of an earlier reading would not show them; in Chinese. */
const PLAN_CHANGE_WORDS: Readonly<Record<string, (code: string) => string>> = {
  WorkPlanRevised: () => '按新版本调整方案',
  WorkPlanItemWithdrawn: (code) => `撤销事项 ${code}`,
  WorkPlanItemWithdrawalUndone: (code) => `恢复事项 ${code}`,
  WorkPlanItemRescheduled: (code) => `调整事项 ${code} 的时限`,
  WorkPlanItemAmended: (code) => `修改事项 ${code}`,
  UnitAssigned: (code) => `事项 ${code} 交办单位`,
  UnitUnassigned: (code) => `事项 ${code} 移除单位`,
  PartsRescheduled: (code) => `调整事项 ${code} 的单位时限`,
  PartRoleChanged: (code) => `调整事项 ${code} 的牵头单位`,
};

/** A change to the plan an earlier reading does not show: its office day and what it was, in Chinese. */
interface LaterChange {
  readonly on: string;
  readonly words: string;
}

/**
 * The instant (ISO-8601 `recordedAt`) the file of digest `sha256` was last applied to the plan — imported, or a version of it
 * revised — read from the plan's stream (`planStream`) without the events of the commands in `without`; null when never. Every
 * change recorded by then the file has seen: the plan's own, and its own changes (an edited export applied, sent again).
 */
async function lastAppliedAt({ store, schemas }: ImportDependencies, planStream: string, sha256: string, without: ReadonlySet<string> | null): Promise<string | null> {
  let appliedAt: string | null = null;
  for (const stored of await store.readStream(planStream)) {
    if ((stored.type !== 'WorkPlanImported' && stored.type !== 'WorkPlanRevised') || stored.unreadable !== undefined || without?.has(stored.metadata.commandId)) continue;
    const { data } = schemas.upcast<DomainEvent<string, { source?: { sha256?: string } }>>(stored);
    if (data.source?.sha256 === sha256) appliedAt = stored.metadata.recordedAt;
  }
  return appliedAt;
}

/**
 * The plan's revisions as recorded (newcomer48-10 S1): each WorkPlanRevised of the plan's stream with the changes its request made
 * to the items' streams (by correlation id) — items added (WorkPlanItemDefined) and withdrawn, units added to an item it did not add
 * and removed, items re-dated — over every item any outline of the plan ever listed; the events of the commands in `without` (a
 * retry's own first run) left out. `fileName` null for a revision that came with no file of its own (an item added by hand).
 * Units named as registered (`unitName`). In the order recorded.
 */
async function recordedRevisions(
  { store, schemas }: ImportDependencies,
  planStream: string,
  without: ReadonlySet<string>,
  unitName: (unitId: string) => string | undefined,
): Promise<RecordedRevision[]> {
  const revisions = new Map<string, { on: string; fileName: string | null; reason: string; changes: RecordedChange[]; byHand?: true }>();
  const itemIds = new Set<string>();
  const own = new Set<string>();
  let sha256: string | undefined;
  for (const stored of await store.readStream(planStream)) {
    if (stored.unreadable !== undefined || without.has(stored.metadata.commandId)) continue;
    own.add(stored.metadata.correlationId);
    if (stored.type !== 'WorkPlanImported' && stored.type !== 'WorkPlanRevised') continue;
    const { data } = schemas.upcast<DomainEvent<string, WorkPlanOutline & { revisedOn?: string; reason?: string }>>(stored);
    for (const category of data.categories) for (const item of category.items) itemIds.add(item.itemId);
    const fileName = data.source.sha256 === sha256 ? null : data.source.fileName;
    sha256 = data.source.sha256;
    if (stored.type === 'WorkPlanRevised') revisions.set(stored.metadata.correlationId, { on: data.revisedOn!, fileName, reason: data.reason ?? revisedBy(data.source.fileName), changes: [] });
  }
  const pause = slicer();
  for (const itemId of itemIds) {
    await pause();
    let [code, title] = ['', ''];
    const definedBy = new Set<string>();
    for (const stored of await store.readStream(workPlanItemStream(itemId))) {
      if (stored.unreadable !== undefined || without.has(stored.metadata.commandId)) continue;
      const data = schemas.upcast<DomainEvent<string, Record<string, unknown>>>(stored).data;
      if (stored.type === 'WorkPlanItemDefined' || stored.type === 'WorkPlanItemAmended') [code, title] = [String(data.code ?? code), String(data.title ?? title)];
      // A change made by hand to the item (rescheduleWorkPlanItem, add/removeWorkPlanItemUnit) is a revision of its own, on its day
      // and for its reason: a file from before it that reverses it undoes it, told as a version's would be (breaker49-10 S1: a
      // colleague's re-dating reverted, `revisionsUndone` empty). A withdrawal by hand is not: a version listing the item again is
      // how it comes back (恢复列入方案, breaker11p P1), said as such in every summary (恢复列入已撤销事项), never a silent reversal.
      const byHand =
        !own.has(stored.metadata.correlationId) && HAND_CHANGE_WORDS[stored.type] !== undefined && stored.type !== 'WorkPlanItemWithdrawn' && !revisions.has(stored.metadata.correlationId);
      if (byHand) {
        // A unit added by hand records no reason of its own: named as what it was.
        const reason = typeof data.reason === 'string' && data.reason.trim() !== '' ? data.reason : '依据事项页面的单独调整';
        revisions.set(stored.metadata.correlationId, { on: schemas.occurredOn(stored.type, data, stored.metadata.recordedAt), fileName: null, reason, changes: [], byHand: true });
      }
      const revision = revisions.get(stored.metadata.correlationId);
      if (!revision) continue;
      const change = { itemId, code, title };
      const unitId = String(data.unitId ?? '');
      if (stored.type === 'WorkPlanItemDefined') {
        definedBy.add(stored.metadata.correlationId);
        revision.changes.push({ kind: 'ITEM_ADDED', ...change });
      } else if (stored.type === 'WorkPlanItemWithdrawn') revision.changes.push({ kind: 'ITEM_WITHDRAWN', ...change });
      else if (stored.type === 'UnitAssigned' && !definedBy.has(stored.metadata.correlationId)) revision.changes.push({ kind: 'UNIT_ADDED', ...change, unitId, ...(unitName(unitId) === undefined ? {} : { unitName: unitName(unitId)! }) });
      else if (stored.type === 'UnitUnassigned') revision.changes.push({ kind: 'UNIT_REMOVED', ...change, unitId, ...(unitName(unitId) === undefined ? {} : { unitName: unitName(unitId)! }) });
      else if (stored.type === 'WorkPlanItemRescheduled') revision.changes.push({ kind: 'ITEM_REDATED', ...change, previousDueDate: String(data.previousDueDate), dueDate: String(data.dueDate) });
      // A unit's role changed (lead ↔ responsible, its part kept: a hand 更换牵头单位 or a version's): a version giving it back its
      // role before undoes it (breaker50-10 S6: the colleague's lead change reverted, revisionsUndone empty).
      else if (stored.type === 'PartRoleChanged') {
        const roles = { previousRole: data.previousRole as AssignmentRole, role: data.role as AssignmentRole };
        revision.changes.push({ kind: 'ROLE_CHANGED', ...change, unitId, ...(unitName(unitId) === undefined ? {} : { unitName: unitName(unitId)! }), ...roles });
      }
    }
  }
  return [...revisions.values()].filter((revision) => !revision.byHand || revision.changes.length > 0);
}

/**
 * The changes to the plan (its stream and its items', `codeOf`: item id → code) that an export of
 * `reading` does not show: dated after its day, or (a record-time reading) recorded after its
 * instant; the events of the commands in `without` (a retry's own first run) left out, and those
 * recorded by `appliedAt` (ISO-8601), when the same file was applied then — its own changes and
 * what it was judged against. In date order, each named once.
 */
async function planChangesAfter(
  { store, schemas }: ImportDependencies,
  planStream: string,
  codeOf: ReadonlyMap<string, string>,
  reading: ExportReading,
  without: ReadonlySet<string>,
  appliedAt: string | null = null,
): Promise<LaterChange[]> {
  const changes = new Map<string, LaterChange>();
  const streams: [string, string][] = [[planStream, ''], ...[...codeOf].map(([itemId, code]): [string, string] => [workPlanItemStream(itemId), code])];
  // A stream read from SQLite resolves at once: without a pause 1,500 items held the loop (breaker10i P18).
  const pause = slicer();
  for (const [streamId, code] of streams) {
    await pause();
    for (const stored of await store.readStream(streamId)) {
      const words = PLAN_CHANGE_WORDS[stored.type];
      if (!words || stored.unreadable !== undefined || without.has(stored.metadata.commandId)) continue;
      if (appliedAt !== null && stored.metadata.recordedAt <= appliedAt) continue;
      const { data } = schemas.upcast<DomainEvent>(stored);
      const on = schemas.occurredOn(stored.type, data as Record<string, unknown>, stored.metadata.recordedAt);
      const seenThrough = reading.knownAt ?? reading.recordedThrough ?? null;
      const unseen = on > reading.asOf || (seenThrough !== null && stored.metadata.recordedAt > seenThrough);
      if (unseen) changes.set(`${on} ${words(code)}`, { on, words: words(code) });
    }
  }
  return [...changes.values()].sort((a, b) => a.on.localeCompare(b.on));
}

/** A change to the plan: a record of its own stream, or a change made by hand to one of its items (`code`), named by its command's first record. */
interface PlanChange {
  readonly stored: StoredEvent;
  readonly code?: string;
}

/**
 * What a change made by hand to one of the plan's items did (rescheduleWorkPlanItem, withdrawWorkPlanItem, add/removeWorkPlanItemUnit,
 * …), for a clerk: the records that shape the plan (its items, their wording, units and days). A unit's progress (reports,
 * inspections, extensions) is no change to the plan.
 */
const HAND_CHANGE_WORDS: Readonly<Record<string, (code: string, data: Record<string, unknown>) => { readonly en: string; readonly zh: string }>> = {
  WorkPlanItemWithdrawn: (code) => ({ en: `withdrew item ${code}`, zh: `撤销了事项 ${code}` }),
  WorkPlanItemWithdrawalUndone: (code) => ({ en: `listed item ${code} again`, zh: `恢复了事项 ${code}` }),
  WorkPlanItemReinstated: (code) => ({ en: `listed item ${code} again`, zh: `恢复了事项 ${code}` }),
  WorkPlanItemRescheduled: (code, data) => ({ en: `re-dated item ${code} (${String(data.previousDueDate)} → ${String(data.dueDate)})`, zh: `调整了事项 ${code} 的时限（${String(data.previousDueDate)} → ${String(data.dueDate)}）` }),
  WorkPlanItemAmended: (code) => ({ en: `reworded item ${code}`, zh: `修改了事项 ${code}` }),
  UnitAssigned: (code) => ({ en: `added a unit to item ${code}`, zh: `为事项 ${code} 增加了单位` }),
  UnitUnassigned: (code) => ({ en: `removed a unit from item ${code}`, zh: `从事项 ${code} 移除了单位` }),
  PartsRescheduled: (code, data) => ({ en: `re-dated units of item ${code} (${String(data.previousDueDate)} → ${String(data.dueDate)})`, zh: `调整了事项 ${code} 的单位时限（${String(data.previousDueDate)} → ${String(data.dueDate)}）` }),
  PartRoleChanged: (code) => ({ en: `changed the lead of item ${code}`, zh: `调整了事项 ${code} 的牵头单位` }),
};

const byPosition = (a: PlanChange, b: PlanChange): number =>
  a.stored.position.commit === b.stored.position.commit ? Number(a.stored.position.prepare - b.stored.position.prepare) : a.stored.position.commit < b.stored.position.commit ? -1 : 1;

/**
 * Every change to the plan, in the order recorded: each record of its stream (`history`: imports, versions, items added, date
 * corrections) and each command that changed one of its items by hand — named by its first record of those `HAND_CHANGE_WORDS`
 * name; records written by the plan's own imports and versions (their correlation) are theirs. How many there are is the plan's
 * version (`WorkPlanImportOutcome.planVersion`): a hand change between a preview and its apply changes it too, so the apply given
 * the preview's version is refused rather than reverting it unseen (breaker49-10 S1).
 */
async function planChangesOf({ store, schemas }: ImportDependencies, history: readonly StoredEvent[]): Promise<PlanChange[]> {
  const own = new Set(history.map((stored) => stored.metadata.correlationId));
  const codes = new Map<string, string>();
  for (const stored of history) {
    if ((stored.type !== 'WorkPlanImported' && stored.type !== 'WorkPlanRevised') || stored.unreadable !== undefined) continue;
    const { data } = schemas.upcast<DomainEvent<string, WorkPlanOutline>>(stored);
    for (const category of data.categories) for (const item of category.items) codes.set(item.itemId, item.code);
  }
  const byHand = new Map<string, PlanChange>();
  const pause = slicer();
  for (const [itemId, code] of codes) {
    await pause();
    for (const stored of await store.readStream(workPlanItemStream(itemId))) {
      if (stored.unreadable !== undefined || HAND_CHANGE_WORDS[stored.type] === undefined || own.has(stored.metadata.correlationId) || byHand.has(stored.metadata.correlationId)) continue;
      byHand.set(stored.metadata.correlationId, { stored, code });
    }
  }
  return [...history.map((stored) => ({ stored })), ...byHand.values()].sort(byPosition);
}

/**
 * `command` (the plan's, pinned to its stream as read) checked again, when the batch checks and decides it, against the plan's
 * version `expected` counting its items' hand changes (`planChangesOf`): one made since the preview is refused (`refusal`), as a
 * version applied since is. A retry of this very command (found in the plan's stream) passes.
 */
function pinnedToPlanVersion(command: BatchCommand, dependencies: ImportDependencies, expected: number, refusal: (history: readonly StoredEvent[]) => Promise<DomainError>): BatchCommand {
  return guardedBy(command, async (store) => {
    const history = await store.readStream(command.streamId);
    if (history.some((stored) => stored.metadata.commandId === command.commandId)) return null;
    return (await planChangesOf(dependencies, history)).length === expected ? null : refusal(history);
  });
}

/** What a record of the plan's own history did, for a clerk. */
const PLAN_RECORD_WORDS: Readonly<Record<string, { readonly en: string; readonly zh: string }>> = {
  WorkPlanImported: { en: 'imported the plan', zh: '导入了方案' },
  WorkPlanRevised: { en: 'revised it', zh: '修订了方案' },
  WorkPlanApprovalCorrected: { en: 'corrected its approval day', zh: '更正了方案批准日期' },
  WorkPlanImportDateCorrected: { en: 'corrected its assignment day', zh: '更正了事项交办日期' },
};

/**
 * The accounts' names as they are now, by user id (their streams' UserRegistered, then any UserRenamed); an id with no
 * account (a system actor, the command line) is left out. A refusal read by a clerk names people, not ids (breaker49-10 S2).
 */
async function accountNames(store: EventStore, userIds: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const userId of new Set(userIds)) {
    for (const stored of await store.readStream(userStream(userId))) {
      const name = (stored.data as { name?: unknown }).name;
      if ((stored.type === 'UserRegistered' || stored.type === 'UserRenamed') && typeof name === 'string') names.set(userId, name);
    }
  }
  return names;
}

/**
 * CONFLICT (issue 10 S2, breaker48-10): the plan changed after the preview this import follows (`expected`, the version the
 * preview gave; `history`, the plan's stream now). Applied, the version would undo or rewrite what the other change did
 * (withdraw the item another clerk added, reword it into this file's) — not what the preview showed. The message names each
 * change since (at most 3: who, when in China time, why) and the way: preview again.
 */
async function planChangedSincePreview({ store, schemas }: ImportDependencies, title: string, expected: number, changes: readonly PlanChange[]): Promise<DomainError> {
  if (expected > changes.length) {
    // A version the plan never had is a mistyped number, not a change since a preview (breaker50-10 M1).
    return conflict(
      `Work plan "${title}" is at version ${changes.length}; it never had a version ${expected}. Check that the plan version given (--plan-version, expectedPlanVersion) is the one the dry run gave. Nothing was written.`,
      `工作方案“${title}”现为第 ${changes.length} 版，没有第 ${expected} 版：请核对所给的方案版本是否就是预览（试导入）所示的版本。本次未写入任何内容。`,
      { field: 'expectedPlanVersion', expectedPlanVersion: expected, planVersion: changes.length },
    );
  }
  const since = changes.slice(expected);
  const shown = since.slice(-3);
  const names = await accountNames(store, shown.map(({ stored }) => stored.metadata.actorId));
  const who = (stored: StoredEvent) => actorName(stored.metadata.actorId, stored.metadata.actorRole, (id) => names.get(id));
  // A hand change names its item and what it did (breaker49-10 S1): 「李娜 于北京时间 … 调整了事项 9 的时限（2026-09-30 → 2026-11-30）（青政办〔2026〕9号）」.
  const words = ({ stored, code }: PlanChange) => {
    if (code === undefined || stored.unreadable !== undefined) return PLAN_RECORD_WORDS[stored.type] ?? { en: 'changed it', zh: '修改了方案' };
    return HAND_CHANGE_WORDS[stored.type]!(code, schemas.upcast<DomainEvent<string, Record<string, unknown>>>(stored).data);
  };
  const zh = shown.map((change) => {
    const reason = (change.stored.data as { reason?: unknown }).reason;
    return `${who(change.stored)} 于北京时间 ${officeClockSeconds(change.stored.metadata.recordedAt)} ${words(change).zh}${typeof reason === 'string' && reason !== '' ? `（${reason}）` : ''}`;
  });
  const en = shown.map((change) => `${who(change.stored)} ${words(change).en} at ${change.stored.metadata.recordedAt}`);
  const more = since.length > shown.length ? `等 ${since.length} 次` : '';
  const version = changes.length;
  return conflict(
    `Work plan "${title}" changed after the preview this import follows (plan version ${expected}, now ${version})` +
      `${en.length > 0 ? `: ${en.join('; ')}` : ''}. Nothing was written: what the preview showed is no longer what importing would do. Preview the file again and import after checking it.`,
    `工作方案“${title}”在预览之后已被修改（预览时为第 ${expected} 版，现为第 ${version} 版）${zh.length > 0 ? `：${zh.join('；')}${more}` : ''}。` +
      '预览所示的调整已不是现在导入会做的调整，本次未写入任何内容。请重新预览（试导入），核对差异后再导入。',
    { field: 'expectedPlanVersion', expectedPlanVersion: expected, planVersion: version },
  );
}

/**
 * CONFLICT (breaker10g P22): Rectify's own export of an earlier reading (a past day's 总览, a kept
 * download) offered as a new version would withdraw the items added since, and move dates back.
 * The message names the reading and the changes since (at most 6), and the way: the current export.
 */
function exportOfEarlierReading(title: string, reading: ExportReading, later: readonly LaterChange[]): DomainError {
  const shown = later.slice(0, 6);
  const more = later.length > shown.length ? `等 ${later.length} 项` : '';
  const readingZh =
    reading.knownAt !== null ? `截至 ${reading.asOf}，按北京时间 ${officeClockExact(reading.knownAt)} 前已录入的记录`
    : reading.recordedThrough ? `截至 ${reading.asOf}，已录入至北京时间 ${officeClockSeconds(reading.recordedThrough)}`
    : `截至 ${reading.asOf}`;
  const readingEn =
    reading.knownAt !== null ? `as of ${reading.asOf}, as recorded by ${reading.knownAt}`
    : reading.recordedThrough ? `as of ${reading.asOf}, with what was entered by ${reading.recordedThrough}`
    : `as of ${reading.asOf}`;
  return conflict(
    `This file is Rectify's own export of "${title}" ${readingEn}, not the plan's current version: the plan has changed since (${later.length} change(s), ` +
      `${shown.map((change) => change.on).join(', ')}). Imported as a new version it would undo them (withdraw the items added, move dates back). ` +
      `Download the plan's current export (no past day), make the changes in it and import that; or import a new version of the plan's own file.`,
    `本文件是本系统导出的“${title}”进展表（${readingZh}），不是方案的当前版本：此后方案已有调整（${shown.map((change) => `${change.on} ${change.words}`).join('；')}${more}）。` +
      `按新版本导入会撤销这些调整（撤销此后新增的事项、把时限改回）。请下载方案当前的进展表（不选过去的日期），在其中修改后再导入；或导入方案原文件的新版本。`,
    { field: 'file', exportedAsOf: reading.asOf, changedOn: [...new Set(later.map((change) => change.on))] },
  );
}

/**
 * CONFLICT (breaker10h P11): Rectify's own export without its title row (`…进展（截至 …）`) cannot say which reading it
 * is; the plan has changed since its first import, so a new version read from it could undo those changes. The message
 * names them (at most 6) and the way: the current export with its title row.
 */
function exportOfNoReading(title: string, later: readonly LaterChange[]): DomainError {
  const shown = later.slice(0, 6);
  const more = later.length > shown.length ? `等 ${later.length} 项` : '';
  return conflict(
    `This file is Rectify's own export of "${title}" without its title row (…进展（截至 …）): it does not say which day or instant it shows, and the plan has changed since it was imported ` +
      `(${later.length} change(s), ${shown.map((change) => change.on).join(', ')}). Imported as a new version it could undo them. ` +
      `Download the plan's current export, keep its first (title) row, make the changes in it and import that; or import a new version of the plan's own file.`,
    `本文件是本系统导出的“${title}”进展表，但第一行的标题（“…进展（截至 …）”）已删去，看不出是哪一天、哪一刻的进展；方案导入后已有调整（${shown.map((change) => `${change.on} ${change.words}`).join('；')}${more}）。` +
      `按新版本导入可能撤销这些调整。请下载方案当前的进展表，保留第一行标题，在其中修改后再导入；或导入方案原文件的新版本。`,
    { field: 'file', exportedAsOf: null, changedOn: [...new Set(later.map((change) => change.on))] },
  );
}

/**
 * The plan's items as they stand, read from their streams (withdrawn ones are not in the outline);
 * without the events of the commands in `without`, as they stood before those. Gives the event
 * loop back every SLICE_MS between items (breaker10i P18: a 1,500-item plan's revision held
 * everyone 7 s). For a new version dated `versionDay` (`YYYY-MM-DD`): each with the work it had
 * before that day (`workBeforeVersionDay`), and an item withdrawn after that day (by hand, typed
 * before the version) as in the plan — on the version's day it was: a version leaving it out
 * withdraws it on its day, the later withdrawal moved back to it (breaker11p P3), as in date order.
 */
async function itemsAsTheyStand(
  dependencies: ImportDependencies,
  categories: Extract<WorkPlanState, { status: 'imported' }>['categories'],
  without: ReadonlySet<string> | null = null,
  versionDay?: string,
): Promise<ItemVersion[]> {
  const versions: ItemVersion[] = [];
  const successors = successorsIn(dependencies);
  const pause = slicer();
  for (const { itemId } of categories.flatMap((category) => category.items)) {
    await pause();
    const item = await stateWithout(dependencies, workPlanItemStream(itemId), workPlanItemDecider, without);
    if (item.status === 'empty') continue;
    // One withdrawn after the version's day was in the plan then — if it was already in it (an item added on its own later was not).
    if (item.status === 'withdrawn' && (versionDay === undefined || item.withdrawnOn <= versionDay || !partsOf(item.assignments).some((part) => part.assignedOn <= versionDay))) continue;
    versions.push(versionOfItem(item, versionDay, successors));
  }
  return versions;
}

/**
 * The items of the new version that are no item of the plan as it stands but one an earlier
 * version (or withdrawWorkPlanItem) withdrew, under the same code and title (numbers and spacing
 * aside): as they stood when withdrawn, with `withdrawnOn` (10e P1) — those withdrawn on or after the
 * version's office day (`versionDay`) without it: on that day they were in the plan, so the version
 * finds them there and their withdrawal keeps its day (breaker11o P9). A withdrawn code under another
 * title is left to the item's decision, which refuses it (a new item takes a new code).
 */
async function withdrawnListedAgain(
  dependencies: ImportDependencies,
  versions: readonly ItemVersion[],
  standingByCode: ReadonlyMap<string, ItemVersion>,
  without: ReadonlySet<string> | null,
  versionDay: string,
): Promise<{ back: ItemVersion[]; sameDay: WithdrawnOnVersionDay[] }> {
  const back: ItemVersion[] = [];
  const sameDay: WithdrawnOnVersionDay[] = [];
  const pause = slicer();
  for (const version of versions) {
    if (standingByCode.has(version.code)) continue;
    await pause();
    const item = await stateWithout(dependencies, workPlanItemStream(version.itemId), workPlanItemDecider, without);
    // In the plan but not in its outline: kept by an earlier version that left it out (保留已核验事项 / 保留待督查事项). Listed again,
    // it is the item as it stands, never a new one (breaker11o P5: reported as 新增事项).
    if (item.status === 'open' || item.status === 'completed') {
      back.push(versionOfItem(item, versionDay));
      continue;
    }
    if (item.status !== 'withdrawn' || wordsWithoutPunctuation(item.definition.title) !== wordsWithoutPunctuation(version.title)) continue;
    // Withdrawn on or after the version's day (typed before it): on its day the item was in the plan, so the version finds it
    // there and its withdrawal keeps its day — as typed in date order (breaker11o P9: the version was refused whole).
    if (item.withdrawnOn >= versionDay) back.push(versionOfItem(item));
    else back.push({ ...versionOfItem(item), withdrawnOn: item.withdrawnOn });
    // Withdrawn on the version's own day, entered before it: in business order (by day, then as entered) the version finds it out of
    // the plan, and a version brings an item back only after its withdrawal's day (newcomer52-10 S2).
    if (item.withdrawnOn === versionDay) sameDay.push({ code: item.definition.code, title: item.definition.title, withdrawnOn: item.withdrawnOn, reason: item.reason });
  }
  return { back, sameDay };
}

/**
 * Each item the version withdraws whose units have a report awaiting inspection made after the version's day (`versionDay`,
 * `YYYY-MM-DD`: a version entered late) — said before the clerk confirms, naming the item and the units: on the withdrawal those
 * reports become records after it, counted nowhere (newcomer52-10 S1: neither the dry run nor the preview said so). Reports made by
 * the version's day keep the item instead (保留待督查). Empty when none.
 */
function reportsSetAsideNotices(withdrawn: readonly ItemVersion[], versionDay: string, unitName: (unitId: string) => string | undefined): ImportProblem[] {
  return withdrawn.flatMap((item) => {
    const before = new Set(item.workBeforeVersionDay?.reportedUnitIds ?? []);
    const later = (item.reportedUnitIds ?? []).filter((unitId) => !before.has(unitId));
    if (later.length === 0) return [];
    const names = later.map((unitId) => unitName(unitId) ?? unitId);
    return [
      {
        row: null,
        reason: `Item ${item.code} (${item.title}) is withdrawn on ${versionDay}, and the report(s) awaiting inspection of ${names.join(', ')} were made after that day: once it is withdrawn they are records after the withdrawal, counted nowhere. To keep the item for them, import the version dated on the day they were made or later (assignedOn), or inspect them first.`,
        reasonZh: `事项 ${item.code}“${item.title}”将于 ${versionDay} 撤销，而${names.join('、')}待督查的报告是在这一天之后作出的：撤销后这些报告列为“撤销后的记录”，不计入统计。如要因这些报告保留该事项，请把“事项交办日期”改为报告当天或之后，或先督查这些报告。`,
      },
    ];
  });
}

/** An item a version's row lists again that was withdrawn on the version's own office day (`withdrawnOn`, `YYYY-MM-DD`), with the withdrawal's reason. */
interface WithdrawnOnVersionDay {
  readonly code: string;
  readonly title: string;
  readonly withdrawnOn: string;
  readonly reason: string;
}

/**
 * Why a row naming an item withdrawn on the version's own day is refused, and the two ways on: import the version on a later
 * business day (事项交办日期, `--assigned-on`), which brings the item back (恢复列入), or delete the row (newcomer52-10 S2).
 */
function withdrawnOnVersionDayWords(item: WithdrawnOnVersionDay): Bilingual {
  return say(
    `Item ${item.code} (${item.title}) was withdrawn from the plan on ${item.withdrawnOn} (${item.reason}), the day of this version: a version lists a withdrawn item again (恢复列入) only on a day after its withdrawal, so this row can neither bring it back nor stand for it. ` +
      `To bring it back, import this file as a new version on a business day after ${item.withdrawnOn} (assignedOn that day); to leave it withdrawn, delete this row and import again.`,
    `事项 ${item.code}“${item.title}”已于 ${item.withdrawnOn} 从方案中撤销（${item.reason}），与本次新版本是同一天：新版本只能在撤销日期之后恢复列入已撤销的事项，本行既不能恢复该事项，也不能按方案中的事项读取。` +
      `如要恢复列入，请在 ${item.withdrawnOn} 之后的工作日按新版本导入本文件（“事项交办日期”填写那一天）；如不恢复，请删去本行后重新导入。`,
  );
}

/**
 * A defined item as a revision compares it: its units by role, who holds predecessors' parts, verified units and open
 * parts' dues; for a version dated `versionDay`, also the work it had before that day (`workBeforeVersionDay`).
 */
function versionOfItem(item: Exclude<WorkPlanItemState, { status: 'empty' }>, versionDay?: string, successorsOf: (unitId: string) => readonly string[] = () => []): ItemVersion {
    const parts = partsOf(item.assignments);
    // A part its unit still holds after being merged away is its own done work; the successors it went to name it (breaker10r P21).
    const doneBy = Object.fromEntries(parts.flatMap((part) => successorsOf(part.unitId).map((successor) => [successor, part.unitId] as const)).reverse());
    // The work the version finds: every unit record dated before its day, and those of its own day — entered before it (the version
    // is decided on the store as it stands), they come first in business order (by day, then as entered), as a withdrawal's own day's
    // records do (breaker8v P12). newcomer52-10 S1: a version applied on the day its units reported (the 导入 page's default day)
    // withdrew the item and set their reports aside, the dry run and the preview saying nothing.
    const before = versionDay === undefined ? undefined : partsOf(assignmentsBefore(item.assignments, addDays(versionDay, 1)));
    const unitsWith = (status: 'VERIFIED' | 'REPORTED') => before!.filter((part) => part.status === status).map((part) => part.unitId);
    // Verified on the version's day, folded by day, reopened since: the version found verified work and keeps the item, as a
    // withdrawal of that day is refused (refuseWithdrawingVerifiedWork, ext s27).
    const verifiedOnDay = versionDay === undefined ? [] : partsOf(assignmentsOn(item.assignments, versionDay)).filter((part) => part.status === 'VERIFIED').map((part) => part.unitId);
    return {
      ...(before === undefined ? {} : { workBeforeVersionDay: { verifiedUnitIds: [...new Set([...unitsWith('VERIFIED'), ...verifiedOnDay])], reportedUnitIds: unitsWith('REPORTED') } }),
      ...item.definition,
      leadUnitIds: parts.filter((part) => part.role === 'LEAD').map((part) => part.unitId),
      responsibleUnitIds: parts.filter((part) => part.role === 'RESPONSIBLE').map((part) => part.unitId),
      heldFor: Object.fromEntries(parts.flatMap((part) => (part.heldBefore ?? []).map((predecessor) => [predecessor, part.unitId]))),
      ...(Object.keys(doneBy).length === 0 ? {} : { doneBy }),
      receivedOn: Object.fromEntries(parts.flatMap((part) => (part.heldSince !== undefined && (part.previousHolders ?? []).length > 0 ? [[part.unitId, part.heldSince]] : []))),
      verifiedUnitIds: parts.filter((part) => part.status === 'VERIFIED').map((part) => part.unitId),
      reportedUnitIds: parts.filter((part) => part.status === 'REPORTED').map((part) => part.unitId),
      partDues: Object.fromEntries(
        parts
          .filter((part) => part.status !== 'VERIFIED')
          .map((part) => {
            const granted = part.extensionRequests.flatMap((request) => (request.status === 'GRANTED' && request.grantedDueDate !== undefined ? [request.grantedDueDate] : [])).sort().at(-1);
            return [part.unitId, { dueDate: part.dueDate, terms: part.terms ?? BY_DATE, ...(granted === undefined ? {} : { granted }) }];
          }),
      ),
      partsDueNow: Object.fromEntries(parts.map((part) => [part.unitId, { dueDate: part.dueDate, terms: part.terms ?? BY_DATE }])),
    };
}

/** The units a unit was merged into, in turn (its successor, that one's successor …), from the directory as it is now; [] for a unit standing. */
function successorsIn(dependencies: ImportDependencies): (unitId: string) => readonly string[] {
  const mergedInto = new Map(dependencies.units.list().map((unit) => [unit.id, unit.mergedIntoUnitId] as const));
  return (unitId) => {
    const chain: string[] = [];
    for (let next = mergedInto.get(unitId) ?? null; next !== null && !chain.includes(next) && next !== unitId; next = mergedInto.get(next) ?? null) chain.push(next);
    return chain;
  };
}

/**
 * The new version with its items' codes as the plan knows them (`renumberedByContent`), or null
 * when no row was renumbered. A fresh code is never one an item of the plan ever had: a withdrawn
 * item's stream keeps its code.
 */
async function renumberingOf(dependencies: ImportDependencies, existing: WorkPlanState, next: ValidatedPlan): Promise<Renumbering | null> {
  if (existing.status !== 'imported') return null;
  // Each with its 大项's title, which tells same-titled items apart when a version reorders the 大项 (breaker10j P9).
  const categoryTitles = new Map(existing.categories.map((category) => [category.code, category.title] as const));
  const standing = (await itemsAsTheyStand(dependencies, existing.categories)).map((item) => { const categoryTitle = categoryTitles.get(item.categoryCode); return categoryTitle === undefined ? item : { ...item, categoryTitle }; });
  const taken = new Set(existing.categories.flatMap((category) => category.items.map((item) => item.code)));
  const standingCodes = new Set(standing.map((item) => item.code));
  const renumbering = await codesMatched(dependencies, existing, next, standing, taken, standingCodes);
  // A row listing again an item the plan withdrew, under another number, is that item (breaker49-10 S12: added as a new item beside it).
  const renumbered = renumbering?.plan ?? next;
  const rowsNotStanding = renumbered.categories.flatMap((category) => category.items).filter((item) => !standingCodes.has(item.code));
  if (rowsNotStanding.length === 0) return renumbering;
  const place = (item: { readonly row: number; readonly sheet?: string }) => `${item.sheet ?? ''}\u0000${item.row}`;
  const fileCodes = new Map(next.categories.flatMap((category) => category.items.map((item) => [place(item), item.code] as const)));
  const recoded = withdrawnItemsRecoded(renumbered, standing, await withdrawnItemsOf(dependencies, existing, standingCodes), (item) => fileCodes.get(place(item)) ?? item.code);
  if (!recoded) return renumbering;
  return { plan: recoded.plan, notices: [...(renumbering?.notices ?? []).filter((notice) => !recoded.recodedAt(notice)), ...recoded.notices], ...(renumbering?.unsure ? { unsure: renumbering.unsure } : {}) };
}

/**
 * The plan's items withdrawn now — by a version (out of its outline) or by hand (in it) — by code and title as they stood: every item
 * an outline of the plan's history named (its import, each version) whose stream says withdrawn. `standingCodes`: the items in the
 * plan now, not read again.
 */
async function withdrawnItemsOf(dependencies: ImportDependencies, existing: Extract<WorkPlanState, { status: 'imported' }>, standingCodes: ReadonlySet<string>): Promise<StandingItem[]> {
  return (await itemsOffTheOutline(dependencies, existing, standingCodes)).filter((item) => item.withdrawn);
}

/**
 * The plan's items not among `standingCodes`, by code and title as they stand, each said withdrawn or not: every item an outline of the
 * plan's history named (its import, each version) or its outline now names. Those not withdrawn are items an earlier version left out
 * and kept for their work (保留待督查 / 保留已核验), outside the outline since.
 */
async function itemsOffTheOutline(
  dependencies: ImportDependencies,
  existing: Extract<WorkPlanState, { status: 'imported' }>,
  standingCodes: ReadonlySet<string>,
): Promise<(StandingItem & { readonly withdrawn: boolean; readonly verified: boolean })[]> {
  const history = await dependencies.store.readStream(workPlanStream(existing.planId));
  const outlines = history.filter((stored) => stored.type === 'WorkPlanImported' || stored.type === 'WorkPlanRevised').map((stored) => dependencies.schemas.upcast<DomainEvent<string, WorkPlanOutline>>(stored).data);
  const ever = new Map([...outlines, { categories: existing.categories }].flatMap((outline) => outline.categories.flatMap((category) => category.items.map((item) => [item.code, { itemId: item.itemId, categoryCode: category.code }] as const))));
  const items: (StandingItem & { readonly withdrawn: boolean; readonly verified: boolean })[] = [];
  const pause = slicer();
  for (const [code, { itemId, categoryCode }] of ever) {
    if (standingCodes.has(code)) continue;
    await pause();
    const item = await stateWithout(dependencies, workPlanItemStream(itemId), workPlanItemDecider, null);
    if (item.status === 'empty') continue;
    const verified = item.status === 'completed' || partsOf(item.assignments).some((part) => part.status === 'VERIFIED');
    items.push({ code, title: item.definition.title, categoryCode, withdrawn: item.status === 'withdrawn', verified });
  }
  return items;
}

/**
 * Items an earlier version left out and kept for their work (outside the outline since), which this version leaves out too
 * (newcomer49-10 M7: said by the version that kept them, never again — the office's file has 12 items, the plan 13, unsaid): a notice
 * naming each, so every version leaving them out says they still stand. Null when none.
 */
async function keptItemsStillLeftOut(
  dependencies: ImportDependencies,
  existing: Extract<WorkPlanState, { status: 'imported' }>,
  fileCodes: ReadonlySet<string>,
): Promise<ImportProblem | null> {
  const outline = new Set(existing.categories.flatMap((category) => category.items.map((item) => item.code)));
  const kept = (await itemsOffTheOutline(dependencies, existing, outline)).filter((item) => !item.withdrawn && !fileCodes.has(item.code));
  if (kept.length === 0) return null;
  const named = (item: (typeof kept)[number], language: 'en' | 'zh') =>
    language === 'zh' ? `${item.code} ${item.title}（${item.verified ? '有已核验的任务' : '单位已报告完成、待督查'}）` : `${item.code} ${item.title} (${item.verified ? 'verified work' : 'a report awaiting inspection'})`;
  return {
    row: null,
    reason: `Kept in the plan though this file does not list them, as an earlier version kept them for their work: ${kept.map((item) => named(item, 'en')).join('; ')}. They are not withdrawn; to withdraw one, inspect its report (or reopen it) first.`,
    reasonZh: `本文件未列出、方案中仍保留的事项 ${kept.length} 项：${kept.map((item) => named(item, 'zh')).join('；')}——此前的版本因其工作保留，未撤销；如确需撤销，请先督查其报告（或重新打开该事项）。`,
  };
}

/** `renumberingOf`'s matching of the version's rows to the plan's items standing (`standing`), the codes of items ever defined `taken`. */
async function codesMatched(
  dependencies: ImportDependencies,
  existing: Extract<WorkPlanState, { status: 'imported' }>,
  next: ValidatedPlan,
  standing: readonly StandingItem[],
  taken: Set<string>,
  standingCodes: ReadonlySet<string>,
): Promise<Renumbering | null> {
  for (;;) {
    // `2 完善…` under 工作事项 is item 2, whatever 序号 says (breaker10j P1); then rows renumbered are matched by content.
    const fromTitles = codesFromTitles(standing, next, (code) => taken.has(code));
    const byContent = renumberedByContent(standing, fromTitles?.plan ?? next, (code) => taken.has(code));
    const renumbering = fromTitles || byContent ? { plan: byContent?.plan ?? fromTitles!.plan, notices: [...(fromTitles?.notices ?? []), ...(byContent?.notices ?? [])], unsure: byContent?.unsure ?? [] } : null;
    if (!renumbering) return null;
    const fresh = renumbering.plan.categories.flatMap((category) => category.items.map((item) => item.code)).filter((code) => !standingCodes.has(code));
    let clash = false;
    const pause = slicer();
    for (const code of fresh) {
      await pause();
      const item = await stateWithout(dependencies, workPlanItemStream(workPlanItemIdFor(existing.planId, code)), workPlanItemDecider, null);
      if (item.status !== 'empty' && !taken.has(code)) {
        taken.add(code);
        clash = true;
      }
    }
    if (!clash) return renumbering;
  }
}

/** A plan already imported, as a revision that matches none names it. */
export interface KnownPlan {
  readonly title: string;
  readonly year: number;
  /** The last year of a plan over several years; absent for a year's plan. */
  readonly lastYear?: number;
  /** The titles of its items in the plan now (withdrawn ones left out); absent when not known. */
  readonly itemTitles?: readonly string[];
  /**
   * The titles of its items a version or a plan change withdrew (WorkPlanItemWithdrawn, not back in): an earlier version's file
   * still lists them, so they count as the plan's items when a file under another title is judged a repeat of it (breaker57-10 S2:
   * the plan's original file became a second plan once one item was withdrawn). Absent when none or not known.
   */
  readonly withdrawnItemTitles?: readonly string[];
}

/**
 * The plans imported so far as the command line finds them in the log (`events`, upcast, in recorded order): each plan's title,
 * year and period from its latest outline (WorkPlanImported, then each WorkPlanRevised), and the titles of the items in it now —
 * reworded by WorkPlanItemAmended, left out while withdrawn (WorkPlanItemWithdrawn; back by WorkPlanItemWithdrawalUndone or
 * WorkPlanItemReinstated). The server reads the same from its work-plan ledger (`ImportWorkPlanHandler`); without the item
 * titles a file whose items are all another plan's — an adjustment notice titled 「关于调整…的通知」 — was imported from the
 * command line as a second plan duplicating every item (breaker10t P12). Pure, O(events).
 */
export function knownPlansOf(events: readonly { readonly type: string; readonly data: unknown }[]): KnownPlan[] {
  const plans = new Map<string, { title: string; year: number; lastYear?: number; itemIds: string[] }>();
  const titles = new Map<string, string>();
  const withdrawn = new Set<string>();
  for (const { type, data } of events) {
    if (type === 'WorkPlanImported' || type === 'WorkPlanRevised') {
      const outline = data as WorkPlanOutline;
      const before = plans.get(outline.planId);
      const lastYear = before?.lastYear ?? outline.lastYear;
      const items = outline.categories.flatMap((category) => category.items);
      for (const item of items) titles.set(item.itemId, item.title);
      // A version's outline leaves out the items it withdrew: they stay the plan's (withdrawn), as the server's outline keeps them.
      const itemIds = [...new Set([...items.map((item) => item.itemId), ...(before?.itemIds ?? [])])];
      plans.set(outline.planId, { title: before?.title ?? outline.title, year: before?.year ?? outline.year, ...(lastYear === undefined ? {} : { lastYear }), itemIds });
    } else if (type === 'WorkPlanItemAmended') {
      const { itemId, title } = data as { itemId: string; title: string };
      titles.set(itemId, title);
    } else if (type === 'WorkPlanItemWithdrawn') {
      withdrawn.add((data as { itemId: string }).itemId);
    } else if (type === 'WorkPlanItemWithdrawalUndone' || type === 'WorkPlanItemReinstated') {
      withdrawn.delete((data as { itemId: string }).itemId);
    }
  }
  return [...plans.values()].map(({ itemIds, ...plan }) => {
    const out = itemIds.filter((itemId) => withdrawn.has(itemId)).flatMap((itemId) => titles.get(itemId) ?? []);
    return { ...plan, itemTitles: itemIds.filter((itemId) => !withdrawn.has(itemId)).flatMap((itemId) => titles.get(itemId) ?? []), ...(out.length > 0 ? { withdrawnItemTitles: out } : {}) };
  });
}

/** An item title as two files of one plan are compared: full-width forms, spaces, punctuation and how numbers are written do not count. */
const itemWords = wordsWithoutPunctuation;

/**
 * How many of the file's items (`of`) are items of an imported plan of the year: the plan sharing most. `shared` counts the plan's
 * items standing or withdrawn (an earlier version's file lists the withdrawn ones: breaker57-10 S2); `withdrawn`, how many of those
 * the plan has withdrawn since.
 */
interface RepeatedPlan {
  readonly title: string;
  readonly shared: number;
  readonly of: number;
  readonly withdrawn: number;
}

/** How many of a plan's item titles each known plan of its year has (`shared`: standing or withdrawn; `withdrawn`: of those, withdrawn), best first. */
function sharedItemsWith(plan: { title: string; year: number; categories?: readonly { items: readonly { title: string }[] }[] }, knownPlans: readonly KnownPlan[]): (KnownPlan & { shared: number; withdrawn: number })[] {
  const titles = new Set((plan.categories ?? []).flatMap((category) => category.items.map((item) => itemWords(item.title))));
  return knownPlans
    .filter((known) => known.year === plan.year && known.title !== plan.title)
    .map((known) => {
      const standing = new Set((known.itemTitles ?? []).map(itemWords).filter((title) => titles.has(title)));
      const withdrawn = new Set((known.withdrawnItemTitles ?? []).map(itemWords).filter((title) => titles.has(title) && !standing.has(title)));
      return { ...known, shared: standing.size + withdrawn.size, withdrawn: withdrawn.size };
    })
    .sort((a, b) => b.shared - a.shared || a.withdrawn - b.withdrawn);
}

/** The imported plan of the year that holds at least half of the new plan's items (by title, standing or withdrawn), or null. */
function planRepeating(plan: { title: string; year: number; categories: readonly { items: readonly { title: string }[] }[] }, knownPlans: readonly KnownPlan[]): RepeatedPlan | null {
  const of = new Set(plan.categories.flatMap((category) => category.items.map((item) => itemWords(item.title)))).size;
  const [best] = sharedItemsWith(plan, knownPlans);
  return best && of > 0 && best.shared * 2 >= of ? { title: best.title, shared: best.shared, of, withdrawn: best.withdrawn } : null;
}

/**
 * Every item of the file is an item of another plan (`repeated`): CONFLICT (`field: title`, `repeatedPlan`) naming it, with the ways
 * on — that plan's title and revise for a new version of it, or `separatePlan` for another plan on purpose, whatever title the
 * file was given (newcomer52-10 S3).
 */
function repeatedPlanRefused(plan: { title: string; year: number; lastYear?: number }, repeated: RepeatedPlan): DomainError {
  // Some of them withdrawn since (breaker57-10 S2): the file is most likely an earlier version of that plan, listing them still.
  if (repeated.withdrawn > 0) {
    return new DomainError(
      'CONFLICT',
      say(
        `Every item of "${plan.title}" (${repeated.of}) is an item of the imported plan "${repeated.title}" (${planYears(plan)}), ${repeated.withdrawn} of them withdrawn from it since: the file is an earlier version of that plan. ` +
          `Imported as another plan, every item would be there twice and its progress split. If the file is meant as a new version of it, give that title (title) and revise (a dry run shows what changes); if it really is another plan with the same items, import it with separatePlan.`,
        `“${plan.title}”的 ${repeated.of} 项事项都是已导入的${planYears(plan)}年方案“${repeated.title}”的事项，其中 ${repeated.withdrawn} 项此后已被该方案撤销：本文件是该方案此前的版本。` +
          `作为另一份方案导入，每个事项都会重复一份，进度分散在两处。如果本文件是该方案的新版本，请在“方案标题”中填写“${repeated.title}”并勾选“按新版本调整”；勾选后“预览（不写入）”只显示差异，不写入。如果确是另一份方案，请勾选“作为另一份方案导入”后重新导入。`,
      ),
      { field: 'title', repeatedPlan: repeated.title },
    );
  }
  return new DomainError(
    'CONFLICT',
    say(
      `Every item of "${plan.title}" (${repeated.of}) is an item of the imported plan "${repeated.title}" (${planYears(plan)}): imported as another plan, every item would be there twice and its progress split. ` +
        `If the file is a new version of it (its export, edited), or one 大项 sheet of it, give that title (title) and revise (a dry run shows what changes); if it really is another plan with the same items, import it with separatePlan.`,
      `“${plan.title}”的 ${repeated.of} 项事项都已是已导入的${planYears(plan)}年方案“${repeated.title}”的事项：作为另一份方案导入，每个事项都会重复一份，进度分散在两处。` +
        `如果本文件是该方案的新版本（如其导出表修改后）或其中一个大项的工作表，请在“方案标题”中填写“${repeated.title}”并勾选“按新版本调整”；勾选后“预览（不写入）”只显示差异，不写入。如果确是另一份方案，请勾选“作为另一份方案导入”后重新导入。`,
    ),
    { field: 'title', repeatedPlan: repeated.title },
  );
}

/** Half or more of the file's items are another plan's: said in the answer (and the dry run). */
const repeatedPlanNotice = (repeated: RepeatedPlan): ImportProblem => ({
  row: null,
  reason: `${repeated.shared} of the ${repeated.of} items are items of the imported plan "${repeated.title}"${repeated.withdrawn > 0 ? ` (${repeated.withdrawn} of them withdrawn from it)` : ''}: check that this file is not a version of it.`,
  reasonZh: `本文件 ${repeated.of} 项事项中有 ${repeated.shared} 项已是方案“${repeated.title}”的事项${repeated.withdrawn > 0 ? `（其中 ${repeated.withdrawn} 项已被该方案撤销）` : ''}：请确认本文件不是该方案的新版本。`,
});

/** A sheet picked out of a workbook as a new version would withdraw items of 大项 it does not hold: refused, naming them. */
function withdrawalOutsideTheSheet(sheet: string, items: readonly ItemVersion[]): DomainError {
  const named = items.map((item) => `${item.code} ${item.title}`);
  return new DomainError(
    'BAD_USER_INPUT',
    say(
      `Only sheet "${sheet}" was read, and the plan's other 大项 are not in it: revising with it would withdraw ${named.length} item(s) (${named.join(', ')}). Import the whole workbook (no sheet) to revise the plan.`,
      `只读取了工作表“${sheet}”，方案的其他大项不在其中：按此调整将撤销 ${named.length} 项（${named.join('，')}）。请导入整个工作簿（不指定工作表）后再按新版本调整。`,
    ),
    { field: 'sheet', withdrawn: items.map((item) => item.code) },
  );
}

/**
 * The imported plan of the year whose title is the file's retyped (`planTitleKey`: full-width
 * digits, Chinese numerals, spaces, 年度, quotes), with the notice that says so; null when the file's title is an
 * imported plan's as it is, or no plan's.
 */
/**
 * The claim a new plan takes on its title within its year (`UniqueClaim`, by `planTitleKey`), with
 * its first events: two files naming one plan, its title written otherwise (２０２６年, 二〇二六年度),
 * imported at once make one plan, the other CONFLICT — the read-model check (`knownTitleOf`) alone
 * let both through (breaker12 P10's kind). A new version of a plan appends to its own stream.
 */
const workPlanTitleClaim = (year: number, title: string): ClaimedValue => ({ scope: `work-plan-title:${year}`, value: planTitleKey(title), field: 'title', label: title });

function knownTitleOf(plan: { title: string; year: number }, knownPlans: readonly KnownPlan[]): { title: string; notice: ImportProblem } | null {
  const sameYear = knownPlans.filter((known) => known.year === plan.year);
  if (sameYear.some((known) => known.title === plan.title)) return null;
  const key = planTitleKey(plan.title);
  const known = sameYear.find((each) => planTitleKey(each.title) === key);
  if (!known) return null;
  return {
    title: known.title,
    notice: {
      row: null,
      reason: `The title "${plan.title}" is that of the imported plan "${known.title}" written otherwise (full-width digits, numbers in Chinese numerals, spaces, 年度, a version remark such as （修订稿）, the period of years written otherwise or left out): read as that plan.`,
      reasonZh: `标题“${plan.title}”与已导入的方案“${known.title}”只有全角字符、数字写法、空格、“年度/年”、年度区间（如“（2026—2028年）”）的写法与有无或版本说明（如“（修订稿）”）之差：按同一方案处理。`,
    },
  };
}

/**
 * A revision asked for a plan never imported (no plan of that title and year) is refused, never
 * imported as a second plan with every item again (breaker10b N22); the refusal names the plans of
 * the year that share most of the title's characters, up to three.
 */
function nothingToRevise(plan: { title: string; year: number; lastYear?: number; categories?: readonly { items: readonly { title: string }[] }[] }, knownPlans: readonly KnownPlan[]): DomainError {
  const letters = new Set(plan.title);
  const sharedLetters = (title: string) => [...new Set(title)].filter((letter) => letters.has(letter)).length;
  // The plans holding the file's items first (one 大项 sheet re-sent: breaker10c P15), then those whose title is nearest.
  const nearest = sharedItemsWith(plan, knownPlans)
    .map((known) => ({ ...known, letters: sharedLetters(known.title) }))
    .filter((known) => known.shared > 0 || known.letters > 0)
    .sort((a, b) => b.shared - a.shared || b.letters - a.letters)
    .slice(0, 3);
  const names = nearest.map((known) => `“${known.title}”`).join('、');
  return new DomainError(
    'BAD_USER_INPUT',
    say(
      `No plan "${plan.title}" (${planYears(plan)}) was imported, so there is nothing to revise${nearest.length > 0 ? `; is it a new version of ${nearest.map((known) => `"${known.title}"`).join(', ')}? Give that title (title)` : ''}. To import it as a new plan, leave revise off.`,
      `没有已导入的${planYears(plan)}年方案“${plan.title}”，无法按新版本调整${nearest.length > 0 ? `；如果它是${names}的新版本，请在“方案标题”中填写该标题` : ''}。如果这是一份新方案，请不要选择“按新版本调整”。`,
    ),
    { field: 'revise' },
  );
}

/**
 * A new version that would withdraw items while sheets with a task table are hidden in it is
 * refused: a sheet hidden for printing must not take its items, and their progress, out of the
 * plan (breaker10c P22). The refusal names the hidden sheets and the items.
 */
function withdrawalBesideHiddenSheets(revision: PlanRevision, hiddenSheets: readonly string[]): DomainError {
  const items = revision.withdrawn.map((item) => `${item.code} ${item.title}`);
  const sheets = hiddenSheets.map((name) => `“${name}”`).join('');
  return new DomainError(
    'BAD_USER_INPUT',
    say(
      `The file would withdraw ${items.length} item(s) (${items.join(', ')}), but its sheet(s) ${hiddenSheets.map((name) => `"${name}"`).join(', ')} holding a task table are hidden and were not read. Unhide them (or delete them if they are obsolete) and import again.`,
      `按此文件调整将撤销 ${items.length} 项（${items.join('，')}），但文件中隐藏的工作表${sheets}也有任务表，未读取：请先取消隐藏（如确已作废，请删除该工作表）后重新导入。`,
    ),
    { field: 'file', hiddenSheets, withdrawn: revision.withdrawn.map((item) => item.code) },
  );
}

/** The due dates a revision gives: of the items it adds or re-dates (as `next` has them) and of the parts it re-dates on their own rows. */
function dueDatesRevised(revision: PlanRevision, next: readonly ItemVersion[]): { readonly code: string; readonly dueDate: string }[] {
  const redated = new Set(revision.redated.map((item) => item.code));
  return [
    ...revision.added,
    ...next.filter((item) => redated.has(item.code)),
    ...revision.partsRedated.map((part) => ({ code: part.code, dueDate: part.due.dueDate })),
  ];
}

/**
 * Items of a file due before the plan's approval day (`approvedOn`, `YYYY-MM-DD`; due dates the same), when there are two or more:
 * each would be refused on its own row with the same advice (newcomer39 S1: 28 rows of 「…早于方案批准日期（2026-12-05）…」 for the
 * sample plan on the demo, which holds a plan of that title approved that day). `problem(plan)` says it once: which items, from which
 * rows, and — for a new version of `plan` (its title and years), which keeps the plan's approval day — that the file may be another
 * plan of the same title. Null when fewer than two items are due before it (the item's own refusal says it).
 */
export function dueBeforeApproval(
  items: readonly { readonly code: string; readonly dueDate: string }[],
  approvedOn: string,
  /** Each item's row, with its sheet when the plan was read over several (each row then named with its own). */
  rowOf: ReadonlyMap<string, number | null | { readonly row: number; readonly sheet?: string }>,
): { readonly problem: (plan: { readonly title: string; readonly years: string } | null) => ImportProblem } | null {
  const early = new Map<string, string>();
  for (const item of items) if (item.dueDate < approvedOn && (!early.has(item.code) || item.dueDate < early.get(item.code)!)) early.set(item.code, item.dueDate);
  if (early.size < 2) return null;
  const codes = [...early.keys()];
  const [firstCode, firstDue] = [codes[0]!, early.get(codes[0]!)!];
  const places = codes.flatMap((code) => {
    const place = rowOf.get(code);
    return typeof place === 'number' ? [{ row: place }] : place ? [place] : [];
  });
  const { rowsZh, rowsEn } = places.some((place) => place.sheet !== undefined) ? rowsOnSheets(places) : rowsAlone(places.map((place) => place.row));
  return {
    problem: (plan) =>
      plan
        ? {
            row: null,
            reason:
              `This file is a new version of the imported plan "${plan.title}" (${plan.years}), which keeps that plan's approval day ${approvedOn}; ${early.size} of its items are due before it ` +
              `(${rowsEn}e.g. item ${firstCode}: ${firstDue}). If the file is another plan (a past one), give it another title or year; if the plan's approval day is wrong, correct it first.`,
            reasonZh:
              `本文件是已导入方案“${plan.title}”（${plan.years} 年）的新版本，新版本沿用该方案的批准日期 ${approvedOn}；而文件中有 ${early.size} 个事项的完成时限早于这一天` +
              `（${rowsZh}如事项 ${firstCode}：${firstDue}）。如本文件是另一份方案（例如以往的方案），请另起方案标题或年份；如该方案的批准日期有误，请先在“工作方案分解”页用“更正批准日期”更正。`,
          }
        : {
            row: null,
            reason: `${early.size} items are due before the day the plan was approved (${approvedOn}) (${rowsEn}e.g. item ${firstCode}: ${firstDue}); a past plan is imported with its approval day.`,
            reasonZh: `有 ${early.size} 个事项的完成时限早于方案批准日期 ${approvedOn}（${rowsZh}如事项 ${firstCode}：${firstDue}）；补录以往的方案，请按实际填写“方案批准日期”。`,
          },
  };
}

/** Rows of one sheet, as a refusal lists them: 「第 3、4 行，」. */
function rowsAlone(found: readonly number[]): { readonly rowsZh: string; readonly rowsEn: string } {
  const rows = [...new Set(found)].sort((a, b) => a - b);
  return {
    rowsZh: rows.length === 0 ? '' : `第 ${rows.slice(0, 10).join('、')}${rows.length > 10 ? ' 等' : ' '}行，`,
    rowsEn: rows.length === 0 ? '' : `rows ${rows.slice(0, 10).join(', ')}${rows.length > 10 ? ', …' : ''}; `,
  };
}

/** Rows of several sheets, each with its own (「工作表“一、决策公开”第 4 行、工作表“二、平台建设”第 4 行，」), never merged by number (breaker42-10 F6). */
function rowsOnSheets(places: readonly { readonly row: number; readonly sheet?: string }[]): { readonly rowsZh: string; readonly rowsEn: string } {
  const bySheet = new Map<string, number[]>();
  for (const { row, sheet } of places) bySheet.set(sheet ?? '', [...(bySheet.get(sheet ?? '') ?? []), row]);
  const groups = [...bySheet].map(([sheet, rows]) => ({ sheet, rows: [...new Set(rows)].sort((a, b) => a - b) }));
  const shown = (rows: readonly number[]) => `${rows.slice(0, 10).join('、')}${rows.length > 10 ? ' 等' : ''}`;
  return {
    rowsZh: `${groups.map(({ sheet, rows }) => `${sheet === '' ? '' : `工作表“${sheet}”`}第 ${shown(rows)} 行`).join('、')}，`,
    rowsEn: `${groups.map(({ sheet, rows }) => `${sheet === '' ? '' : `sheet "${sheet}" `}row${rows.length > 1 ? 's' : ''} ${rows.slice(0, 10).join(', ')}${rows.length > 10 ? ', …' : ''}`).join('; ')}; `,
  };
}

/**
 * A new version is never applied unasked: the refusal says what differs and how to apply it. `writtenTitle`: the title as the
 * file (or the caller) wrote it; when it is not the plan's `title` (…-修改, …（修订）, ２０２６, …v2), the refusal says the file was
 * read as that plan (issue 10 P6). CONFLICT with `{ revision }`.
 */
function newVersionRefused(title: string, fileName: string, revision: PlanRevision, writtenTitle: string = title, undoes: readonly RevisionUndone[] = []): DomainError {
  const summary = describeRevision(revision);
  const readAs = writtenTitle === title ? null : { en: `Its title "${writtenTitle}" is that plan's with a version remark or written otherwise. `, zh: `文件标题“${writtenTitle}”与该方案只差版本说明或写法，按同一方案读取。` };
  // A version undoing a later revision is never offered as a new one to apply (newcomer48-10 S1): said as what it undoes.
  if (undoes.length > 0) return laterRevisionUndone(title, fileName, undoes, summary);
  return new DomainError(
    'CONFLICT',
    say(
      `Work plan "${title}" was imported before from another file; ${fileName} is a new version of it (${summary.en}). ${readAs?.en ?? ''}` +
        'Apply it with --revise (revise: true), which keeps all progress; --dry-run (dryRun: true) shows it without writing.',
      `工作方案“${title}”已从另一份文件导入；${fileName} 是它的新版本（${summary.zh}）。${readAs?.zh ?? ''}` +
        '如需按新版本调整，请勾选“按新版本调整”后重新导入，已有进度全部保留；勾选后“预览（不写入）”只显示差异，不写入。',
    ),
    { revision, ...(readAs ? { writtenTitle } : {}) },
  );
}

/**
 * A version that undoes a later revision than the one it follows (`revisionsUndone`: a copy of the original workbook edited after
 * the plan was revised, newcomer48-10 S1), not confirmed (`undoLaterRevision`): refused naming each revision (day, file, reason) and
 * each change it would undo (item code and title, unit name), and both ways on — the current export, or confirming the undoing.
 * `summary`: the whole difference, said too when the file was not asked to revise. CONFLICT with `{ revisionsUndone, field: undoLaterRevision }`.
 */
function laterRevisionUndone(title: string, fileName: string, undoes: readonly RevisionUndone[], summary?: Bilingual): DomainError {
  const undone = describeRevisionsUndone(undoes);
  const whole = summary ? { en: ` All it changes: ${summary.en}.`, zh: `本文件与方案现状的全部差异：${summary.zh}。` } : { en: '', zh: '' };
  return new DomainError(
    'CONFLICT',
    say(
      `Work plan "${title}": ${fileName} is not built on the plan as it stands. ${undone.en}${whole.en} Nothing was written. ` +
        `Make the changes in the plan's current export and import that; if undoing that revision is really meant, import the file with revise and undoLaterRevision (--revise --undo-later-revision).`,
      `工作方案“${title}”：${fileName} 不是在方案现行版本上修改的。${undone.zh}${whole.zh}未写入任何内容。` +
        `请下载方案当前的进展表，在其中修改后再导入；如确要撤销该次调整，请勾选“按新版本调整”和“确认撤销后来的调整”后重新导入。`,
    ),
    { revisionsUndone: undoes, field: 'undoLaterRevision' },
  );
}

/**
 * A version that leaves out items of the plan it would withdraw (`PlanRevision.withdrawn`), not confirmed (`withdrawMissing`):
 * refused saying how many of the plan's `itemsInPlan` items the file leaves out (codes), that a file listing only the changed items
 * (an adjustment table) should be made from the plan's current export, and how to confirm (newcomer49-10 S4). Items kept for their
 * work (`itemsKept`) are not withdrawn, so not counted. CONFLICT with `{ field: withdrawMissing, withdrawn: [codes] }`.
 */
export function withdrawalUnconfirmed(title: string, fileName: string, revision: PlanRevision, itemsInPlan: number): DomainError {
  const count = revision.withdrawn.length;
  const codes = revision.withdrawn.map((item) => item.code);
  // Each by code and title, up to ten; a longer list by code alone (a one-row 调整表 against a 160-item plan).
  const named = count <= 10 ? revision.withdrawn.map((item) => `${item.code} ${item.title}`) : codes;
  return new DomainError(
    'CONFLICT',
    say(
      `Work plan "${title}": ${fileName} leaves out ${count} of the plan's ${itemsInPlan} items (${codes.join(', ')}); as a new version it would withdraw them. Nothing was written. ` +
        `If the file lists only the items that change (an adjustment table), make the changes in the plan's current export and import that; ` +
        `if withdrawing these ${count} item(s) is meant, import it again with revise and withdrawMissing (--revise --withdraw-missing).`,
      `工作方案“${title}”：${fileName} 未列出方案现有 ${itemsInPlan} 个事项中的 ${count} 个（${named.join(count <= 10 ? '；' : '、')}），按新版本调整将撤销这 ${count} 个事项。未写入任何内容。` +
        `如本文件只列出要调整的事项（调整表），请下载方案当前的进展表，在其中修改后再导入；` +
        `如确要撤销这 ${count} 个事项，请勾选“按新版本调整”和“确认撤销文件中没有的事项”后重新导入。`,
    ),
    { field: 'withdrawMissing', withdrawn: codes },
  );
}

/**
 * The plan's own file (its current version's bytes) sent again without revise while the plan as it stands differs from it
 * (`revision`: what applying it would change) — a unit added or removed by hand, a collective (市直各部门, 各科室) that stands for
 * more units since the directory changed, an item withdrawn by hand: the file was imported before, nothing is written, and the
 * refusal says what differs, naming the units (named in `revision`: `withUnitNames`), and the way on — revise applies it, a dry run shows it —
 * never per item 「已按不同的责任单位定义过」 (breaker43-10 F1, newcomer43-10 #2). CONFLICT with `{ revision, sameFile: true }`.
 */
function sameFileChangedRefused(title: string, fileName: string, revision: PlanRevision): DomainError {
  // The summary names each unit added or removed (`withUnitNames`, newcomer48-10 M4).
  const summary = describeRevision(revision);
  return new DomainError(
    'CONFLICT',
    say(
      `${fileName} was imported before as work plan "${title}", but the plan as it stands differs from it (${summary.en}) — ` +
        'changed since by hand, or a collective such as 市直各部门 now stands for other units. Nothing was written. ' +
        'To make the plan as the file gives it, apply it with --revise (revise: true), which keeps all progress; --dry-run (dryRun: true) with it shows the changes without writing.',
      `${fileName} 此前已导入为工作方案“${title}”，但方案现状与本文件已有不同（${summary.zh}）` +
        '——可能此后逐项调整过，或“市直各部门”等统称因单位名录变化而所指不同。未写入任何内容。' +
        '如需按本文件调整方案，请勾选“按新版本调整”后重新导入，已有进度全部保留；勾选后“预览（不写入）”只显示差异，不写入。',
    ),
    { revision, sameFile: true },
  );
}

/** How many of an import's item commands (`commands`) would define an item: those whose stream is still empty. */
async function itemsToDefine({ store }: ImportDependencies, commands: readonly { readonly streamId: string }[]): Promise<number> {
  let count = 0;
  const pause = slicer();
  for (const { streamId } of commands) {
    await pause();
    if ((await store.readStream(streamId)).length === 0) count += 1;
  }
  return count;
}

/**
 * The office day (`YYYY-MM-DD`) the plan's import assigned its items: the earliest assignment of a part of an item in its outline
 * (`categories`), as corrected since (`correctWorkPlanImportDate`); null when no item is defined yet.
 */
async function importAssignedOn(dependencies: ImportDependencies, categories: Extract<WorkPlanState, { status: 'imported' }>['categories']): Promise<string | null> {
  let earliest: string | null = null;
  const pause = slicer();
  for (const { itemId } of categories.flatMap((category) => category.items)) {
    await pause();
    const item = await stateWithout(dependencies, workPlanItemStream(itemId), workPlanItemDecider, null);
    if (item.status === 'empty') continue;
    for (const part of partsOf(item.assignments)) if (earliest === null || part.assignedOn < earliest) earliest = part.assignedOn;
  }
  return earliest;
}

/**
 * The plan's own file sent again with another assignment day (`assignedOn`) than it was applied on (`appliedOn`: the import's
 * 交办日期, or the day its version took effect when `revised`): a re-import never moves the day, so it is refused saying both days
 * and, for the import's day, how it is corrected (correctWorkPlanImportDate) — as another approval day is (breaker43-10 F2: it was
 * 「此前已导入，事项相同」, the day silently kept). CONFLICT on `assignedOn`.
 */
function assignedOnDiffers(title: string, fileName: string, appliedOn: string, assignedOn: string, revised: boolean): DomainError {
  return conflict(
    revised
      ? `${fileName} was applied to work plan "${title}" as its version of ${appliedOn}; the import says ${assignedOn}. Importing it again does not move that day; nothing was written. ` +
          'A record dated wrong is corrected on its own (correctRecordDate).'
      : `The items of work plan "${title}" were imported from ${fileName} as assigned on ${appliedOn}; the import says ${assignedOn}. Importing the file again does not move that day; nothing was written. ` +
          `If ${appliedOn} is wrong, a supervisor corrects it for the whole import with correctWorkPlanImportDate (previousAssignedOn ${appliedOn}, assignedOn ${assignedOn}).`,
    revised
      ? `${fileName} 已于 ${appliedOn} 按新版本调整工作方案“${title}”；本次导入给出的交办日期为 ${assignedOn}。重新导入不会改变该日期，未写入任何内容。如某条记录的日期有误，请在该单位任务卡片上点「更正记录日期」逐条更正。`
      : `工作方案“${title}”已按 ${fileName} 导入，事项的交办日期为 ${appliedOn}；本次导入给出的交办日期为 ${assignedOn}。重新导入不会改变交办日期，未写入任何内容。` +
          `如 ${appliedOn} 有误，请由督办人员更正该方案的交办日期（原交办日期 ${appliedOn}，更正为 ${assignedOn}），各事项的交办日期一并更正，原记录保留。`,
    { field: 'assignedOn', appliedOn },
  );
}

/** The items and units a file leaves out that the plan keeps for their work (`revision`: kept only), said beside 「此前已导入，事项相同」. */
function stillKeptNotice(revision: PlanRevision): ImportProblem {
  const { en, zh } = describeRevision(revision);
  return { row: null, reason: `Compared with the plan as it stands: ${en}.`, reasonZh: `与方案现状相比：${zh}。` };
}

/** An earlier version of the plan a file is (`earlierSourceOf`): its file, the day it took effect, its number and the version after it. */
interface EarlierVersion extends EarlierSource {
  /** The file is that version's very bytes; false: other bytes saying the same (re-encoded, re-saved as XLSX). */
  readonly sameBytes: boolean;
  /** 1 for the plan's first file, counting the plan's versions by the day each took effect. */
  readonly number: number;
  /** The version that superseded it, numbered the same way; absent when the plan does not say (no file since recorded). */
  readonly next?: { readonly fileName: string; readonly on: string; readonly number: number };
}

/**
 * The earlier version of the plan the file is — by its bytes (`sha256`), else by what it says (`contentDigest`, newcomer43-10 #3: v1
 * saved as UTF-8 or XLSX was proposed as a revision undoing v2) — or undefined: the plan's current file, one saying what the current
 * one says, or another document. Versions are numbered by the day each took effect, the current one last.
 */
function earlierSourceOf(plan: Extract<WorkPlanState, { status: 'imported' }>, sha256: string, contentDigest: string): EarlierVersion | undefined {
  const earlier = Object.entries(plan.earlierSources ?? {});
  const found =
    earlier.find(([bytes]) => bytes === sha256) ??
    (plan.source.contentDigest === contentDigest ? undefined : earlier.find(([, source]) => source.contentDigest === contentDigest));
  if (!found) return undefined;
  const byDay = earlier.map(([bytes, source]) => ({ bytes, ...source })).sort((one, other) => one.on.localeCompare(other.on));
  const index = byDay.findIndex((source) => source.bytes === found[0]);
  const after = byDay[index + 1] ?? (plan.version ? { ...plan.version } : undefined);
  return { ...found[1], sameBytes: found[0] === sha256, number: index + 1, ...(after ? { next: { fileName: after.fileName, on: after.on, number: index + 2 } } : {}) };
}

/**
 * The file of an earlier version of the plan sent again after a revision: refused as that earlier version, superseded, nothing
 * written — never called a new version nor the clerk told to apply it with --revise, which would undo the revision (breaker42-10 F4).
 * The same bytes as then are named that version's file; other bytes saying the same (GBK CSV saved as UTF-8, re-saved as XLSX:
 * newcomer43-10 #3) 「与已被第2版取代的第1版内容相同」, with the file that version came in. CONFLICT with `{ earlierVersion, latestVersion }`.
 */
function earlierVersionRefused(
  plan: { readonly title: string; readonly version?: { readonly on: string; readonly fileName: string } },
  fileName: string,
  earlier: EarlierVersion,
): DomainError {
  const latest = plan.version;
  const wayOn = { en: 'Nothing was written. To change an item of the plan as it stands, change that item on its own.', zh: '未写入任何内容。如需改动方案现有的某个事项，请在该事项中逐项调整。' };
  const details = { earlierVersion: { fileName: earlier.fileName, on: earlier.on, number: earlier.number }, ...(latest ? { latestVersion: latest } : {}) };
  if (!earlier.sameBytes) {
    const next = earlier.next;
    const current = latest && next && (latest.fileName !== next.fileName || latest.on !== next.on) ? { en: ` The plan now stands as revised by ${latest.fileName} on ${latest.on}.`, zh: `方案现行的是 ${latest.on} 按 ${latest.fileName} 调整后的版本。` } : { en: '', zh: '' };
    return new DomainError(
      'CONFLICT',
      say(
        `${fileName} says the same as version ${earlier.number} of work plan "${plan.title}" (${earlier.fileName}, in force from ${earlier.on}), ` +
          (next ? `superseded by version ${next.number} (${next.fileName}, from ${next.on})` : 'superseded by a later version') +
          `: the earlier version saved again in other bytes (another encoding or file type), not a new one.${current.en} ` +
          `${wayOn.en} To apply a later version, send that version's file.`,
        `${fileName} 与工作方案“${plan.title}”` +
          (next ? `已被第${next.number}版（${next.fileName}，自 ${next.on} 起施行）取代的` : '已被更新版本取代的') +
          `第${earlier.number}版（${earlier.fileName}，自 ${earlier.on} 起施行）内容相同，只是另存了编码或格式，仍是旧版本，不是新版本。${current.zh}` +
          `${wayOn.zh}如有更新的版本，请导入该版本的文件。`,
      ),
      details,
    );
  }
  const named = earlier.fileName === fileName ? '' : `（当时的文件名为 ${earlier.fileName}）`;
  const namedEn = earlier.fileName === fileName ? '' : ` (then named ${earlier.fileName})`;
  return new DomainError(
    'CONFLICT',
    say(
      `${fileName} is an earlier version of work plan "${plan.title}", imported before${namedEn} and in force from ${earlier.on}; ` +
        (latest ? `the plan was revised by ${latest.fileName} on ${latest.on}, which superseded it. ` : 'a later version has superseded it. ') +
        wayOn.en,
      `${fileName} 是工作方案“${plan.title}”此前已导入的旧版本${named}，自 ${earlier.on} 起施行；` +
        (latest ? `该方案已于 ${latest.on} 按 ${latest.fileName} 调整，旧版本已被取代。` : '该方案已按更新的版本调整，旧版本已被取代。') +
        wayOn.zh,
    ),
    details,
  );
}

/** An imported plan whose title a file's title extends (`titleExtending`): its title, the words added and the items shared. */
interface ExtendedTitle extends RepeatedPlan {
  readonly added: string;
}

/**
 * The imported plan of the file's year whose title the file's is with a few words added at its end (at most 12 characters, as
 * `planTitleKey` compares titles: 青川市2026年政务公开工作要点-张三改, …0615, …第二次) and which holds at least half of the
 * file's items (by title, `sharedItemsWith`): such a file is that plan's new version, its remark one no rule knows (issue 10 P6:
 * imported as a second plan duplicating every item). Null when none; a plan whose items are not known is never matched.
 */
function titleExtending(plan: { title: string; year: number; categories: readonly { items: readonly { title: string }[] }[] }, knownPlans: readonly KnownPlan[]): ExtendedTitle | null {
  const key = planTitleKey(plan.title);
  const of = new Set(plan.categories.flatMap((category) => category.items.map((item) => itemWords(item.title)))).size;
  for (const known of sharedItemsWith(plan, knownPlans)) {
    const knownKey = planTitleKey(known.title);
    if (of === 0 || known.shared * 2 < of) break;
    if (knownKey === '' || !key.startsWith(knownKey) || key.length === knownKey.length || key.length - knownKey.length > 12) continue;
    const at = plan.title.normalize('NFKC').indexOf(known.title.normalize('NFKC'));
    const added = at >= 0 ? plan.title.normalize('NFKC').slice(at + known.title.normalize('NFKC').length).trim() : key.slice(knownKey.length);
    return { title: known.title, shared: known.shared, of, withdrawn: known.withdrawn, added: added === '' ? key.slice(knownKey.length) : added };
  }
  return null;
}

/** A file titled as an imported plan with words added, holding its items (`titleExtending`): CONFLICT naming that plan and both ways on. */
function extendedTitleRefused(plan: { title: string; year: number; lastYear?: number }, extended: ExtendedTitle): DomainError {
  return new DomainError(
    'CONFLICT',
    say(
      `The title "${plan.title}" is that of the imported plan "${extended.title}" (${planYears(plan)}) with "${extended.added}" added, and ${extended.shared} of the file's ${extended.of} items are that plan's: ` +
        `if the file is a new version of it, give that title (title) and revise (a dry run shows what changes); if it is really another plan, give it a title of its own, not the plan's with words added.`,
      `标题“${plan.title}”是已导入的${planYears(plan)}年方案“${extended.title}”的标题后加“${extended.added}”，且本文件 ${extended.of} 项事项中有 ${extended.shared} 项已是该方案的事项：` +
        `如果本文件是该方案的新版本，请在“方案标题”中填写“${extended.title}”并勾选“按新版本调整”；勾选后“预览（不写入）”只显示差异，不写入。如果确是另一份方案，请为它另起标题（不要只在原标题后加字）后导入。`,
    ),
    { field: 'title', repeatedPlan: extended.title },
  );
}

/** `Imported 青川市…: 3 categories, 35 items, 15 units involved.` */
/** `describeWorkPlanImport` in Chinese, for the command line's first line (breaker9e P2). */
export function describeWorkPlanImportZh(outcome: WorkPlanImportOutcome): string {
  const counts = `${outcome.categories.length} 个大项，${outcome.itemCount} 个事项，涉及 ${outcome.unitCount} 个单位`;
  const notes = describeNotesZh(outcome.notes);
  if (outcome.revision) {
    const what = describeRevision(outcome.revision).zh;
    const undoes = (outcome.revisionsUndone ?? []).length > 0 ? `${describeRevisionsUndone(outcome.revisionsUndone!).zh}须加 --undo-later-revision 确认才会应用；否则请在方案当前的导出表上修改后再导入。` : '';
    const withdraws = outcome.revision.withdrawn.length > 0 && !outcome.withdrawalConfirmed ? `本文件未列出方案现有的 ${outcome.revision.withdrawn.length} 个事项，按新版本调整将撤销它们：不加 --withdraw-missing 导入将被拒绝，以上修订均不会应用；如确要撤销，加 --withdraw-missing；如本文件只列出要调整的事项（调整表），请在方案当前的导出表上修改后再导入。` : '';
    if (outcome.dryRun) return `试导入：${outcome.title}（${planYears(outcome)}）将修订：${what}。${undoes}${withdraws}未写入任何内容。${notes}`;
    // No plan id in the Chinese (s16 S6): the office names a plan by its title; the English keeps the id for scripts.
    // Applied with --undo-later-revision: what it undid, said as done (breaker49-10 S7).
    const undid = (outcome.revisionsUndone ?? []).length > 0 ? describeRevisionsUndone(outcome.revisionsUndone!, true).zh : '';
    return `已修订 ${outcome.title}（${planYears(outcome)}）：${what}。${undid}进度保留。${notes}`;
  }
  if (outcome.dryRun && outcome.wouldWriteNothing) return `试导入：${outcome.title}（${planYears(outcome)}）此前已导入，事项相同：${counts}；导入不会写入任何内容。${notes}`;
  if (outcome.dryRun) return `试导入：${outcome.title}（${planYears(outcome)}）将导入：${counts}。未写入任何内容。${notes}`;
  if (outcome.eventCount === 0 && !outcome.retried) return `${outcome.title}（${planYears(outcome)}）此前已导入，事项相同：${counts}。未写入任何内容。`;
  const completed = outcome.itemsDefined < outcome.itemCount ? `（补齐：此前缺少 ${outcome.itemsDefined} 个事项）` : '';
  return `已导入 ${outcome.title}（${planYears(outcome)}）：${counts}${completed}。${notes}`;
}

export function describeWorkPlanImport(outcome: WorkPlanImportOutcome): string {
  const counts = `${outcome.categories.length} categories, ${outcome.itemCount} items, ${outcome.unitCount} units involved`;
  // Every line says what the reading noticed (columns not imported, merged units, years read): breaker10d N11.
  const notes = describeNotes(outcome.notes);
  if (outcome.revision) {
    const what = describeRevision(outcome.revision).en;
    const undoes = (outcome.revisionsUndone ?? []).length > 0 ? ` ${describeRevisionsUndone(outcome.revisionsUndone!).en} Applied only with --undo-later-revision; else make the changes in the current export.` : '';
    const withdraws = outcome.revision.withdrawn.length > 0 && !outcome.withdrawalConfirmed ? ` The file leaves out ${outcome.revision.withdrawn.length} of the plan's items, which the version would withdraw: without --withdraw-missing the import is refused and none of these changes is applied; if withdrawing them is meant, add --withdraw-missing; if the file lists only the items that change (an adjustment table), make the changes in the current export.` : '';
    if (outcome.dryRun) return `Dry run: ${outcome.title} (${planYears(outcome)}) would be revised: ${what}.${undoes}${withdraws} Nothing was written.${notes}`;
    const undid = (outcome.revisionsUndone ?? []).length > 0 ? ` ${describeRevisionsUndone(outcome.revisionsUndone!, true).en}` : '';
    return `Revised ${outcome.title} (${planYears(outcome)}): ${what}.${undid} Progress is kept. Plan id ${outcome.planId}.${notes}`;
  }
  if (outcome.dryRun && outcome.wouldWriteNothing) return `Dry run: ${outcome.title} (${planYears(outcome)}) was imported before, with the same items: ${counts}; importing would write nothing. Nothing was written.${notes}`;
  if (outcome.dryRun) return `Dry run: ${outcome.title} (${planYears(outcome)}) would be imported: ${counts}. Nothing was written.${notes}`;
  if (outcome.eventCount === 0 && !outcome.retried) return `${outcome.title} (${planYears(outcome)}) was imported before, with the same items: ${counts}. Nothing was written.`;
  const completed = outcome.itemsDefined < outcome.itemCount ? ` (completed: ${outcome.itemsDefined} items were still missing)` : '';
  return `Imported ${outcome.title} (${planYears(outcome)}): ${counts}${completed}. Plan id ${outcome.planId}.${notes}`;
}

/**
 * Why the plan, its items and parts changed in a new version of the file, as the history shows it
 * to office staff (in Chinese, as all data): 依据 plan-2016-v3.xlsx 修订方案. Events stored before
 * said `Revised by <file>`; they keep it.
 */
export const revisedBy = (fileName: string): string => `依据 ${fileName} 修订方案`;

/** The file's outline with the imported plan's period (`lastYear`): a version keeps the years the plan was imported with. */
function outlineKeepingPeriod<Outline extends { readonly lastYear?: number }>(outline: Outline, existing: WorkPlanState): Outline {
  if (existing.status !== 'imported') return outline;
  const { lastYear: _inFile, ...rest } = outline;
  return (existing.lastYear === undefined ? rest : { ...rest, lastYear: existing.lastYear }) as Outline;
}

/** `{ lastYear }` of a plan over several years, nothing for a year's plan. */
const periodOf = (plan: { readonly year: number; readonly lastYear?: number }): { lastYear?: number } => (planLastYear(plan) > plan.year ? { lastYear: planLastYear(plan) } : {});
