import { batchCommand, contextInBatch, onSheet } from '../../event-sourcing/command-batch.js';
import { officeDate } from '../../shared/calendar-date.js';
import { loadState, refuseReusedKey, requestOf } from '../../event-sourcing/execute-command.js';
import type { Position } from '../../event-store/event-store.port.js';
import type { CommandContext } from '../../shared/command-context.js';
import { notFound } from '../../shared/domain-error.js';
import { deterministicId } from '../../shared/ids.js';
import { deadlineCell, isDueOnAssignment, termsInWords } from '../../shared/deadline.js';
import { earlyDueProblems, findingTitleKey, findingTitleKeyAsWritten, importFindings, type DefaultedFindingFact, type EarlyDue, type ImportedFinding } from './findings-file.js';
import { sha256Of, type ImportProblem, type ReadingNotes } from '../../spreadsheet/import-problems.js';
import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { describeNotes, describeNotesZh, importRefused } from '../../spreadsheet/import-refusal.js';
import { doneInStore, eventsOfCommand, laterPosition, fileFormatOf, firstRunAppended, runImportBatch, type ImportDependencies, type ImportFile } from '../../imports/import-run.js';
import { evaluationDecider } from '../domain/evaluation.decider.js';
import { evaluationStream } from '../domain/evaluation.events.js';
import { findingDecider, type AssignFinding, type FindingState, type RecordAssignedFinding, type RecordFinding } from '../domain/finding.decider.js';
import { partsOf } from '../../assignments/domain/assignment.decider.js';
import { findingDueDateLimit, rectificationPlanDecider } from '../domain/rectification-plan.decider.js';
import { rectificationPlanStream } from '../domain/rectification-plan.events.js';
import type { AssignmentRole } from '../../assignments/domain/assignment.events.js';
import { findingStream, type FindingRecorded } from '../domain/finding.events.js';
import { SEVERITY_ZH } from '../ledger/finding-status.js';
import { findingTitleClaim, NearTitles, type FindingTitlesIndex } from '../finding-titles/finding-titles.index.js';
import { slicer } from '../../shared/event-loop-turns.js';
import { unitsNamedNow, type UnitsNamed } from '../../organization/units/units-named.js';
import { grownNameNotices, partsOfGrownNames } from '../../imports/collective-names-since.js';

/*
 * Imports an evaluation's findings (评估发现的问题) from a file: the write path of
 * `npm run findings:import` and of the importFindings mutation. All or nothing. A finding's id
 * derives from the evaluation and the finding's title (unique in a file), so importing the same
 * findings again — the same file, or one saved again with new bytes — appends nothing and completes
 * an import that stopped half-way.
 */
export interface ImportedFindingRef {
  readonly findingId: string;
  readonly row: number;
  /** The XLSX sheet of `row`, when the file was read over several sheets (breaker57-10 M2: two rows "2" and no sheet); absent otherwise. */
  readonly sheet?: string;
  readonly title: string;
  /** False when an earlier import of the same file had recorded it already (or, in a dry run, would not record it). */
  readonly recordedNow: boolean;
  /**
   * In a ledger: the finding was recorded before with no unit yet (待交办: a 问题清单 imported or typed in
   * first) and this import assigned it the file's parts (in a dry run: would assign them).
   */
  readonly assignedNow: boolean;
  /** In a ledger: the parts assigned with it, lead first; empty for a findings list. */
  readonly parts: readonly {
    readonly unitId: string;
    readonly unitName: string;
    readonly role: AssignmentRole;
    readonly dueDate: string;
    /** 立行立改, 常态化（每季度报送）…; null for a plain day. */
    readonly deadline: string | null;
  }[];
}

export interface FindingsImportOutcome {
  readonly evaluationId: string;
  /** The evaluation's title, as the Chinese result line names it (s16 S6: it gave the id). */
  readonly evaluationTitle: string;
  /** Every finding of the file, in its order. */
  readonly findings: readonly ImportedFindingRef[];
  /** The file is a rectification ledger (整改台账): its findings were recorded with their parts. */
  readonly ledger: boolean;
  /** Nothing was written: the outcome says what would be. */
  readonly dryRun: boolean;
  /**
   * How many notices say a finding recorded before differs from the file (a due date, a unit, 整改措施, 具体表现, 类别, 严重程度, a
   * day); 0: every finding recorded before is as the file gives it — the result says 「内容相同」 (newcomer43-10 #5).
   */
  readonly differing?: number;
  /** The sheet read, columns not imported (备注 …) and rows skipped (footnotes). */
  readonly notes: ReadingNotes;
  readonly position: Position | null;
}

export interface FindingsImportOptions {
  /** Decide everything, write nothing: what the import would record and assign, or why it would be refused. */
  readonly dryRun?: boolean;
  /**
   * `YYYY-MM-DD`, the office day the findings were identified, for a list or ledger entered late;
   * omitted: `assignedOn`, else the import's day. Never in the future nor before the evaluation
   * was received (the finding's own rules refuse it, naming the row).
   */
  readonly identifiedOn?: string;
  /**
   * `YYYY-MM-DD`, the office day a ledger's parts were assigned (交办), on or after `identifiedOn`;
   * omitted: `identifiedOn`. 立行立改 is due on it; a findings list without deadlines ignores it.
   */
  readonly assignedOn?: string;
  /**
   * Titles of the file's rows the office confirmed are problems of their own, though a few
   * characters from a recorded finding or from another row of the file (微博/微信, 市级/县级):
   * recorded, not refused as a retyped duplicate (breaker11e P11). Compared by their words
   * (`findingTitleKey`).
   */
  readonly distinctTitles?: readonly string[];
  /**
   * A supervisor's reason for a 台账's due dates later than the limit (the approved plan's
   * inspection deadline, else the end of the year after identification): those parts are assigned
   * with the override and its reason recorded on each, as `assignFinding` does (breaker10d P26).
   * Without it each such row is refused.
   */
  readonly overrideReason?: string;
  /**
   * Unit names of the file the office confirmed mean the one registered unit they are near, though no abbreviation of it
   * (newcomer25 S8: `LookupConfirmations.nearNames`); without it such a row is refused naming the unit.
   */
  readonly nearNames?: readonly string[];
}

/**
 * An imported finding is known by its evaluation and its title's words (`findingTitleKey`): the
 * same problem in a file saved again, re-sent as CSV or with other line endings, renumbered or
 * retyped with other punctuation is the same finding, whatever the bytes (breaker10b N21).
 */
export const importedFindingId = (evaluationId: string, title: string) => deterministicId('imported-finding', evaluationId, 'title-key', findingTitleKey(title));

/** How imports before 2026-11-30 12:00 UTC named a finding: by its exact title. */
const findingIdByExactTitle = (evaluationId: string, title: string) => deterministicId('imported-finding', evaluationId, 'title', title);

/** How imports before session 15 named a finding: by its title's words with their numbers as written (三处 was not 3处). */
const findingIdByWordsAsWritten = (evaluationId: string, title: string) => deterministicId('imported-finding', evaluationId, 'title-key', findingTitleKeyAsWritten(title));

/** How imports before 2026-11-30 named a finding: by the file's bytes too, so a re-saved file duplicated it. */
const findingIdByFile = (evaluationId: string, sha256: string, title: string) => deterministicId('imported-finding', evaluationId, sha256, title);

/** 状态 of an exported 台账 row whose work is over: done (已核验, 已销号) or withdrawn (已撤销（…）). */
const OVER_IN_EXPORT = /^(?:已核验|已销号|已撤销)/u;

/**
 * The problem of a row of Rectify's own 台账 export that the evaluation imported under does not hold (breaker10j P4: the
 * export of another evaluation with its 评估 column deleted recorded every finding again, the 已销号 ones open): recorded
 * under another evaluation (same title's words), named; else a 状态 saying its work is over (已销号 …), which no new open
 * problem has. None for a row the clerk added (状态 blank) or one still under way that no evaluation holds.
 */
/** `{ sheet }` of a finding read over several sheets, for a problem at its row; `{}` otherwise. */
const sheetOf = (finding: Pick<ImportedFinding, 'sheet'>): { sheet?: string } => (finding.sheet === undefined ? {} : { sheet: finding.sheet });

function exportRowRecordedElsewhere(finding: ImportedFinding, others: readonly { readonly evaluationId: string; readonly title: string }[], titles: FindingTitlesIndex): ImportProblem[] {
  const status = finding.exportedStatus ?? '';
  const holder = status === '' ? undefined : others.find((other) => titles.sameTitle(other.evaluationId, finding.title) !== undefined);
  if (holder) {
    return [
      {
        row: finding.row,
        ...sheetOf(finding),
        reason: `This file is Rectify's own 整改台账 export; finding "${finding.title}" (${status}) is recorded under the evaluation "${holder.title}", with its progress: not recorded again here. A problem this evaluation found again is recorded on its own (登记问题).`,
        reasonZh: `本文件是本系统导出的整改台账；问题“${finding.title}”（${status}）已在评估“${holder.title}”中登记，整改进展在该评估下：不在本评估重复登记。本评估再次发现的问题，请逐条登记（登记问题）。`,
      },
    ];
  }
  if (!OVER_IN_EXPORT.test(status)) return [];
  return [
    {
      row: finding.row,
      ...sheetOf(finding),
      reason: `This file is Rectify's own 整改台账 export; its row says finding "${finding.title}" is ${status}, but this evaluation has no such finding: a finished problem is never recorded as a new open one. Import the export under its own evaluation, or clear the row's 状态 if it is a new problem.`,
      reasonZh: `本文件是本系统导出的整改台账；该行的状态为“${status}”，但本评估没有问题“${finding.title}”：已办结的问题不作为新的未整改问题登记。请在原评估下导入该台账；如确是新问题，请清空该行的“状态”后导入。`,
    },
  ];
}

/**
 * Records the findings of a file on a registered evaluation; a rectification ledger's findings
 * (a file with 整改时限) are recorded and assigned together (RecordAssignedFinding), each part
 * bounded by the approved rectification plan's inspection deadline when there is one. A finding
 * is identified on its 发现日期 cell, else `options.identifiedOn`, and a ledger's parts assigned on
 * `options.assignedOn` (each defaults to the other — per finding —, then to the import's office
 * day: a file entered late gives the days it happened); deadlines written without a year are in
 * the file's identification day's year. Raises the refusal with every problem (BAD_USER_INPUT),
 * NOT_FOUND for an unknown evaluation, CONFLICT for an idempotency key used for another request.
 */
export async function importFindingsFile(
  dependencies: ImportDependencies & {
    readonly titles: FindingTitlesIndex;
    /** The registered evaluations (the ledger), for a 评估 column naming another one; absent: not checked (the command line). */
    readonly evaluations?: { listEvaluations(): readonly { readonly evaluationId: string; readonly title: string }[] };
  },
  evaluationId: string,
  file: ImportFile,
  context: CommandContext,
  options: FindingsImportOptions = {},
): Promise<FindingsImportOutcome> {
  const { store, schemas, units, titles } = dependencies;
  const recorded = await refuseReusedKey(store, requestOf(context));
  const evaluation = await loadState(store, schemas, evaluationStream(evaluationId), evaluationDecider);
  if (evaluation.status !== 'registered') throw notFound('Evaluation', evaluationId);
  const plan = await loadState(store, schemas, rectificationPlanStream(evaluationId), rectificationPlanDecider);

  const today = officeDate(context.now);
  const override: { dueDateOverride?: { reason: string } } = options.overrideReason?.trim() ? { dueDateOverride: { reason: options.overrideReason.trim() } } : {};
  const fileIdentifiedOn = options.identifiedOn ?? options.assignedOn ?? today;
  const { fileName, format } = fileFormatOf(file);
  const result = await importFindings(file.content, {
    format,
    sheet: file.sheet,
    lookupUnit: unitLookupFrom(units.list(), options.assignedOn ?? fileIdentifiedOn, { nearNames: options.nearNames }),
    today: options.assignedOn ?? fileIdentifiedOn,
    ...(options.assignedOn === undefined ? {} : { assignedOn: options.assignedOn }),
    year: Number(fileIdentifiedOn.slice(0, 4)),
    identifiedOn: fileIdentifiedOn,
    // A standing part (长期坚持, 常态化) is kept up as long as a part of the finding may run — the approved plan's inspection
    // deadline, else the end of the year after it was identified —, not until the end of the year it was found in: a
    // 台账 imported in December had standing parts ending within weeks (newcomer43-10 #6).
    standingUntil: findingDueDateLimit(plan.status === 'approved' ? plan : null, fileIdentifiedOn).latest,
    // Overridden, the rows past the limit are listed (and a year typed wrong refused) here; each finding's decision records the override on its parts.
    dueDateLimit: findingDueDateLimit(plan.status === 'approved' ? plan : null, fileIdentifiedOn),
    ...(override.dueDateOverride ? { dueDateOverrideReason: override.dueDateOverride.reason } : {}),
    evaluationTitle: evaluation.title,
    otherEvaluationTitles: (dependencies.evaluations?.listEvaluations() ?? []).filter((other) => other.evaluationId !== evaluationId).map((other) => other.title),
  });
  // Over several sheets each problem names its own, and the refusal hints at --sheet (as a plan's: import P7).
  if (!result.ok) throw importRefused(fileName, format, result.problems, 'BAD_USER_INPUT', result.sheet, result.sheets);

  const sha256 = sha256Of(file.content);
  const commandType = result.ledger ? 'RecordAssignedFinding' : 'RecordFinding';
  // Made once per finding (an id hashed from the key), asked again when the batch is read back.
  const contexts = new Map<string, CommandContext>();
  const contextOf = (findingId: string): CommandContext => {
    let made = contexts.get(findingId);
    if (!made) contexts.set(findingId, (made = contextInBatch(context, commandType, `findings:${findingId}`)));
    return made;
  };
  const retry = firstRunAppended(recorded);
  // The parts a 台账 gives a finding recorded before with no unit (待交办) are this request's command
  // (breaker10m P8): its own key, never the finding's record key — under that key the index holds the
  // command that recorded it (a 问题清单's RecordFinding), so a second such finding was refused
  // CONFLICT REQUEST_KEY_REUSED under a fresh key. Per request: parts withdrawn since and given by
  // a later 台账 are that request's assignment, not taken for this one done before.
  const assignContextOf = (findingId: string) => contextInBatch(context, 'AssignFinding', `findings:${findingId}:assigned-by:${context.commandId}`);
  // Thousands of rows are looked up and checked on the main thread: in slices, so other requests are answered meanwhile (breaker12d P3).
  const pause = slicer();
  const lookUp = async (finding: ImportedFinding) => {
    // The id of today's imports, else of earlier ones (by exact title, by file and title): a finding recorded either way is found.
    // And a finding typed in with 登记问题, or recorded under another id, with the same title's words (breaker11d P10).
    const sameTitle = titles.sameTitle(evaluationId, finding.title)?.findingId;
    const ids = [...new Set([importedFindingId(evaluationId, finding.title), findingIdByWordsAsWritten(evaluationId, finding.title), findingIdByExactTitle(evaluationId, finding.title), findingIdByFile(evaluationId, sha256, finding.title)])];
    const importedIds = ids.length;
    if (sameTitle !== undefined && !ids.includes(sameTitle)) ids.push(sameTitle);
    const states = await Promise.all(ids.map((id) => loadState(store, schemas, findingStream(id), findingDecider)));
    const found = states.findIndex((state) => state.status !== 'unrecorded');
    const [findingId, state] = found < 0 ? [ids[0]!, states[0]!] : [ids[found]!, states[found]!];
    // A retry answers what its first run did: the findings that run recorded are recorded by this request.
    const recordedByFirstRun = retry && (await eventsOfCommand(store, findingStream(findingId), contextOf(findingId).commandId)).length > 0;
    // A 发现日期 column dates its finding, a 交办日期 column its parts (breaker8e P4); the file's days stand for the rest.
    const identifiedOn = finding.identifiedOn ?? options.identifiedOn ?? finding.assignedOn ?? fileIdentifiedOn;
    const assignedOn = finding.assignedOn ?? options.assignedOn ?? identifiedOn;
    // 立行立改 is due the day its part is assigned, which a 发现日期 may move.
    // A standing part runs as long as the finding's parts may: that finding's own limit when its 发现日期 moves it.
    const standingUntil = findingDueDateLimit(plan.status === 'approved' ? plan : null, state.status === 'unrecorded' ? identifiedOn : state.identifiedOn).latest;
    const parts = finding.parts.map((part) =>
      isDueOnAssignment(part.terms) ? { ...part, dueDate: assignedOn } : part.terms.kind === 'STANDING' && part.dueDate !== standingUntil ? { ...part, dueDate: standingUntil } : part,
    );
    const recordedBefore = state.status !== 'unrecorded' && !recordedByFirstRun;
    // Recorded by another path than an import (登记问题): said, so the office knows why the row added nothing.
    const enteredElsewhere = recordedBefore && found === importedIds;
    // A finding recorded with no unit yet (typed in on the day the report came, 待交办) takes the 台账's parts;
    // a retry answers the parts its first run assigned as assigned by this request.
    const assignedByFirstRun = retry && state.status !== 'unrecorded' && (await eventsOfCommand(store, findingStream(findingId), assignContextOf(findingId).commandId)).length > 0;
    const assignedNow =
      recordedBefore && state.status !== 'withdrawn' && result.ledger === true && parts.length > 0 && (assignedByFirstRun || partsOf(state.assignments).length === 0);
    // A collective name (各区县政府) of a finding recorded before means the units it meant then: those registered since are not
    // added, and said (newcomer56-10 S1: the same 台账 sent again was refused for 20 units it never named).
    const grown = recordedBefore && !assignedNow && state.status !== 'withdrawn' && parts.some((part) => part.collective !== undefined)
      ? await grownParts(dependencies, findingId, state, finding, parts)
      : null;
    const asRecorded = grown === null || grown.notices.length === 0 ? { finding, parts } : { finding: { ...finding, parts: grown.filePartsKept }, parts: grown.kept };
    return {
      ...asRecorded,
      findingId,
      identifiedOn,
      assignedOn,
      recordedBefore,
      enteredElsewhere,
      assignedNow,
      grownNotices: grown?.notices ?? [],
      state: recordedByFirstRun ? ({ status: 'unrecorded' } as const) : state,
    };
  };
  const findings: Awaited<ReturnType<typeof lookUp>>[] = [];
  for (const finding of result.findings) {
    await pause();
    findings.push(await lookUp(finding));
  }
  // Rectify's own 台账 export is the record of findings already in the app: a row this evaluation has not is never recorded
  // here as a new open problem when another evaluation has it, or when its 状态 says its work is done (breaker10j P4).
  if (result.exported) {
    const others = (dependencies.evaluations?.listEvaluations() ?? []).filter((other) => other.evaluationId !== evaluationId);
    const elsewhere = findings.flatMap(({ finding, state }) => (state.status === 'unrecorded' ? exportRowRecordedElsewhere(finding, others, titles) : []));
    if (elsewhere.length > 0) throw importRefused(fileName, format, elsewhere, 'CONFLICT', result.sheet, result.sheets);
  }
  const distinct = new Set((options.distinctTitles ?? []).map(findingTitleKey));
  // Titles that name different units of the directory are different problems (breaker10e P10).
  const unitsNamed = unitsNamedNow(units);
  // The file's new rows by title key, each row looked up among those before it (not compared with each: breaker12d P3).
  const newRows = new NearTitles<ImportedFinding>();
  const changed: ImportProblem[] = [];
  for (const { finding, state, assignedNow, enteredElsewhere } of findings) {
    await pause();
    if (state.status === 'unrecorded') {
      const near = nearlyRecorded(titles, evaluationId, finding, newRows, distinct, unitsNamed);
      changed.push(...(near.length > 0 || distinct.has(findingTitleKey(finding.title)) ? near : await lengthenedRecorded(dependencies, titles, evaluationId, finding)));
      newRows.add(findingTitleKey(finding.title), finding);
    } else if (!assignedNow && state.status !== 'withdrawn') changed.push(...unitsAddedTo(state, finding, enteredElsewhere));
  }
  if (changed.length > 0) throw importRefused(fileName, format, changed, 'CONFLICT', result.sheet, result.sheets);
  // Every part to assign now that falls due before its finding was identified, at once, with the likely cause (newcomer45-10 M4: the
  // first part's decision refused it alone, the others unsaid, and 问题认定日期 left at today was not named).
  const early = findings.flatMap(({ finding, identifiedOn, parts, state, assignedNow }) => {
    if (state.status !== 'unrecorded' && !assignedNow) return [];
    const identified = state.status === 'unrecorded' ? identifiedOn : (state.identifiedOn ?? identifiedOn);
    const dayOfTheImport = finding.identifiedOn === undefined && (state.status === 'unrecorded' || state.identifiedOn === undefined);
    return parts
      .filter((part) => part.dueDate < identified)
      .map((part): EarlyDue => ({ row: part.row, ...sheetOf(finding), day: part.dueDate, identified, unit: part.unit.name, ...(dayOfTheImport ? { dayOfTheImport: true as const } : {}) }));
  });
  if (early.length > 0) throw importRefused(fileName, format, earlyDueProblems(early), 'BAD_USER_INPUT', result.sheet, result.sheets);
  // A 台账 re-sent with other dates, measures or fewer units changes nothing recorded: each difference is said (breaker10b N3).
  const differences: ImportProblem[] = findings.flatMap(({ finding, state, recordedBefore }) =>
    // A withdrawn finding (已撤销) is not brought back by a file: said, so the office knows.
    recordedBefore && state.status === 'withdrawn'
      ? [
          {
            row: finding.row,
            ...sheetOf(finding),
            reason: `Finding "${state.title}" was withdrawn on ${state.withdrawnOn} (${state.withdrawalReason}): not recorded again.`,
            reasonZh: `问题“${state.title}”已于 ${state.withdrawnOn} 撤销（${state.withdrawalReason}），未重新登记。`,
          },
        ]
      : [],
  );
  differences.push(
    ...findings
      .filter(({ enteredElsewhere, state }) => enteredElsewhere && state.status !== 'withdrawn')
      .map(({ finding, state, assignedNow }) => {
        const recordedTitle = state.status === 'unrecorded' ? finding.title : state.title;
        return {
          row: finding.row,
          ...sheetOf(finding),
          reason: `Finding "${finding.title}" was recorded before on the findings page as "${recordedTitle}": not recorded again${assignedNow ? '; the file\'s units are assigned to it' : ''}.`,
          reasonZh: `问题“${finding.title}”此前已在问题清单中登记（“${recordedTitle}”），未重复登记${assignedNow ? '，按本文件交办' : ''}。`,
        };
      }),
  );
  differences.push(...findings.flatMap(({ grownNotices }) => grownNotices));
  // A day given again otherwise than recorded (--identified-on, --assigned-on, or a row's own 发现日期 / 交办日期 cell) is said,
  // with how it is corrected: a re-import never moves it (breaker43-10 F2: 「此前均已导入」 with the day silently dropped).
  differences.push(...daysGivenOtherwise(findings, options));
  if (result.ledger) {
    // A 待交办 finding the file assigns included: its 整改措施 cannot be recorded by an assignment, and the notice says so.
    for (const { finding, findingId, state, parts, recordedBefore, assignedNow } of findings) {
      if (!recordedBefore || state.status === 'unrecorded' || state.status === 'withdrawn') continue;
      // Each recorded finding's stream read again, in slices too: a 台账 of 5 000 findings re-sent held the thread 5.8 s here (breaker53-10 S3).
      await pause();
      const recorded = await factsRecorded(dependencies, findingId);
      differences.push(...differencesFrom(state, { ...finding, parts }, recorded, result.absentColumns ?? [], (unitId) => units.get(unitId)?.name ?? unitId, assignedNow));
    }
  }
  const recordCommand = ({ finding, findingId, identifiedOn, assignedOn, parts }: (typeof findings)[number]) => {
    const concernedUnitIds = finding.concernedUnits.map((unit) => unit.unitId);
    const { title, description, category, severity, measures } = finding;
    const recordFinding = {
      today,
      // A findings file lists problems, not when each was found: the day given for the file, else the import's.
      data: { findingId, evaluationId, title, description, category, severity, concernedUnitIds, identifiedOn, measures },
      evaluationExists: true,
      evaluationReceivedOn: evaluation.receivedOn,
      unknownUnitIds: units.unknownIds(concernedUnitIds),
    };
    // A ledger's 待交办 row (Rectify's export) is recorded with no unit yet.
    const command: RecordFinding | RecordAssignedFinding = result.ledger && parts.length > 0
      ? {
          ...recordFinding,
          type: 'RecordAssignedFinding',
          assignment: {
            actor: context.actor,
            assignedOn,
            units: parts.map(({ unit, role, dueDate, terms }) => ({ unitId: unit.unitId, role, dueDate, terms })),
            dueDateLimit: findingDueDateLimit(plan.status === 'approved' ? plan : null, identifiedOn),
            unitNames: units,
            ...override,
          },
        }
      : { ...recordFinding, type: 'RecordFinding' };
    return onSheet(batchCommand(finding.row, findingStream(findingId), findingDecider, command, contextOf(findingId), [findingTitleClaim(evaluationId, title)]), finding.sheet);
  };
  // Each command's context and title claim cost hashing and a title key: made in slices too.
  const commands: ReturnType<typeof recordCommand>[] = [];
  for (const each of findings) {
    if (each.recordedBefore) continue;
    await pause();
    commands.push(recordCommand(each));
  }
  for (const { finding, findingId, assignedOn, parts, identifiedOn, state } of findings.filter(({ assignedNow }) => assignedNow)) {
    const assign: AssignFinding = {
      type: 'AssignFinding',
      today,
      actor: context.actor,
      assignedOn,
      units: parts.map(({ unit, role, dueDate, terms }) => ({ unitId: unit.unitId, role, dueDate, terms })),
      dueDateLimit: findingDueDateLimit(plan.status === 'approved' ? plan : null, state.status === 'unrecorded' ? identifiedOn : state.identifiedOn),
      unitNames: units,
      ...override,
      unknownUnitIds: units.unknownIds(parts.map(({ unit }) => unit.unitId)),
    };
    commands.push(onSheet(batchCommand(finding.row, findingStream(findingId), findingDecider, assign, assignContextOf(findingId)), finding.sheet));
  }
  commands.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  // Over several sheets a row refused by its decision names its sheet too (breaker42-10 F7).
  const batch = await runImportBatch(dependencies, { fileName, format }, commands, { dryRun: options.dryRun, request: requestOf(context), sheet: result.sheet, sheets: result.sheets });
  // Which findings this request recorded, read back once the batch is done (breaker9g P3: the same
  // request sent again while the first ran answered 283/17, 0/7, NOT_FOUND). A client's key: its
  // record command's events, whichever run of the request appended them; the command line's key is
  // the file's digest, so there only this run's appends count (running the file again recorded nothing).
  const afterBatch = options.dryRun ? null : await doneInStore(store, findings.map(({ findingId }) => ({ streamId: findingStream(findingId), commandId: contextOf(findingId).commandId })), context.commandId);
  const assigning = findings.filter(({ assignedNow }) => assignedNow);
  const afterAssigning = options.dryRun ? null : await doneInStore(store, assigning.map(({ findingId }) => ({ streamId: findingStream(findingId), commandId: assignContextOf(findingId).commandId })), context.commandId);
  const appendedNow = new Set(batch.outcomes.filter((outcome) => outcome.events.length > 0).map((outcome) => outcome.streamId));
  const recordedNow = (index: number, findingId: string, recordedBefore: boolean) =>
    !afterBatch ? !recordedBefore : context.requestDigest !== undefined ? afterBatch.done[index]! : !recordedBefore && appendedNow.has(findingStream(findingId));
  // As recordedNow: a client's request by its command's events whichever run appended them; the command line by this run's appends.
  const assignedByRequest = (findingId: string, assignedNow: boolean) =>
    assignedNow &&
    (!afterAssigning
      ? true
      : context.requestDigest !== undefined
        ? afterAssigning.done[assigning.findIndex((each) => each.findingId === findingId)]!
        : appendedNow.has(findingStream(findingId)));
  return {
    evaluationId,
    evaluationTitle: evaluation.title,
    findings: findings.map(({ finding, findingId, recordedBefore, assignedNow, parts, state }, index) => ({
      findingId,
      row: finding.row,
      ...sheetOf(finding),
      title: finding.title,
      recordedNow: recordedNow(index, findingId, recordedBefore),
      assignedNow: assignedByRequest(findingId, assignedNow),
      // A finding recorded before is answered as recorded, not as the file gives it (breaker10b N3).
      parts:
        recordedBefore && !assignedNow && state.status !== 'unrecorded' && result.ledger
          ? partsOf(state.assignments).map((part) => ({
              unitId: part.unitId,
              unitName: units.get(part.unitId)?.name ?? part.unitId,
              role: part.role,
              dueDate: part.dueDate,
              deadline: termsInWords(part.terms, part.dueDate),
            }))
          : parts.map(({ unit, role, dueDate, terms }) => ({
              unitId: unit.unitId,
              unitName: units.get(unit.unitId)?.name ?? unit.name,
              role,
              dueDate,
              deadline: termsInWords(terms, dueDate),
            })),
    })),
    ledger: result.ledger === true,
    dryRun: options.dryRun === true,
    notes: { sheet: result.sheet, ...(result.sheets && result.sheets.length > 1 ? { sheets: result.sheets } : {}), notImported: result.notImported, notices: [...(result.notices ?? []), ...differences] },
    differing: differences.length,
    // Every finding the answer names is in the read models once this is: also those a racing run appended.
    position: laterPosition(laterPosition(batch.position, afterBatch?.position ?? null), afterAssigning?.position ?? null),
  };
}

/**
 * The parts of a recorded finding's rows read from a collective name whose units were registered after the finding was recorded
 * (`partsOfGrownNames`, by the instant of its stream's first event and each unit's registration), left out, with a notice each name;
 * `kept` the parts (dates applied) and `filePartsKept` the file's parts without them.
 */
async function grownParts<Part extends ImportedFinding['parts'][number]>(
  { store, units }: ImportDependencies,
  findingId: string,
  state: Exclude<FindingState, { status: 'unrecorded' }>,
  finding: ImportedFinding,
  parts: readonly Part[],
): Promise<{ kept: Part[]; filePartsKept: ImportedFinding['parts'][number][]; notices: ImportProblem[] }> {
  const [first] = await store.readStream(findingStream(findingId), { maxCount: 1 });
  const recordedAt = first?.metadata.recordedAt;
  if (typeof recordedAt !== 'string') return { kept: [...parts], filePartsKept: [...finding.parts], notices: [] };
  const known = new Set(partsOf(state.assignments).flatMap((part) => [part.unitId, ...(part.heldBefore ?? [])]));
  const { kept, grown } = partsOfGrownNames(parts, known, (unitId) => units.placedAt(unitId), recordedAt);
  if (grown.length === 0) return { kept, filePartsKept: [...finding.parts], notices: [] };
  const left = new Set(grown.map((part) => part.unit.unitId));
  const notices = grownNameNotices(parts, grown, { en: `finding "${state.title}"`, zh: `问题“${state.title}”` }, { en: 'the finding (assignFinding)', zh: '该问题页面' }, finding.row, officeDate(recordedAt));
  return { kept, filePartsKept: finding.parts.filter((part) => !left.has(part.unit.unitId)), notices: notices.map((notice) => ({ ...notice, ...sheetOf(finding) })) };
}

/**
 * A finding recorded before whose row now names units it never had: refused naming the row, as an
 * import never changes a recorded finding (its units are added on the finding's page, assignFinding).
 */
function unitsAddedTo(state: Exclude<FindingState, { status: 'unrecorded' }>, finding: ImportedFinding, enteredElsewhere: boolean): ImportProblem[] {
  const known = new Set(partsOf(state.assignments).flatMap((part) => [part.unitId, ...(part.heldBefore ?? [])]));
  const added = finding.parts.filter((part) => !known.has(part.unit.unitId));
  if (added.length === 0) return [];
  // Named on the row that lists the unit — a row added under the finding's first one (newcomer52-10 M8: the first row was named).
  const rows = [...new Set(added.map((part) => part.row ?? finding.row))];
  return rows.map((row) => {
    const onRow = added.filter((part) => (part.row ?? finding.row) === row);
    const names = onRow.map((part) => part.unit.name).join('、');
    const below = row !== finding.row;
    // Units read from a collective name (各区县政府) are said as such, with the cell to change (newcomer56-10 S1: 20 units the
    // file never named were listed, and nothing said where they came from).
    const groups = [...new Set(onRow.flatMap((part) => (part.collective === undefined ? [] : [part.collective])))];
    const groupWords = {
      en: groups.length === 0 ? '' : ` — read from ${groups.map((group) => `"${group}"`).join(', ')}, which now stands for ${groups.map((group) => finding.parts.filter((part) => part.collective === group).length).join(', ')} units; if the finding keeps its units, write them in that cell instead of the name`,
      zh:
        groups.length === 0
          ? ''
          : `，来自${groups.map((group) => `“${group}”（现指 ${finding.parts.filter((part) => part.collective === group).length} 个单位）`).join('、')}；如该问题的单位不变，请在该单元格中把${groups.map((group) => `“${group}”`).join('、')}改写为该问题原有的单位名称后重新导入`,
    };
    return {
      row,
      ...sheetOf(finding),
      reason:
        `${below ? `This row continues finding "${finding.title}" (row ${finding.row}), which` : `Finding "${finding.title}"`} was ${enteredElsewhere ? 'recorded before on the findings page' : 'imported before'}; ` +
        `this ${below ? 'row' : 'file'} gives it units it does not have (${names})${groupWords.en}. An import never changes a recorded finding: add units on the finding (assignFinding).`,
      reasonZh:
        `${below ? `本行续写第 ${finding.row} 行的问题“${finding.title}”，该问题` : `问题“${finding.title}”`}此前已${enteredElsewhere ? '在问题清单中登记' : '导入'}；` +
        `本${below ? '行' : '文件'}为其列出了原来没有的单位（${names}）${groupWords.zh}。导入不会改动已登记的问题：如需增加单位，请在该问题页面交办。`,
    };
  });
}

/**
 * How a row refused as a recorded problem retyped is confirmed another problem: on the 导入 page the row's 是另一个问题, from the
 * tools `--distinct-title <title>` (the Chinese names the row's title, so the tools say their option: newcomer45-10 M3 — the
 * command-line user was sent to the page), in the API `distinctTitles`.
 */
const confirmDistinct = (title: string) =>
  `If it is another problem, confirm it as such (the 导入 page: 是另一个问题 on the row; the tools: --distinct-title ${title}; the API: distinctTitles) and import again.`;
const confirmDistinctZh = (title: string) => `如确是另一个问题，请在导入页面对“${title}”勾选“是另一个问题”后重新导入。`;

/**
 * A row not recorded before whose title reads as a recorded finding's, or an earlier new row's of
 * the file, retyped (`titlesApart`: a few characters apart, the same numbers): refused naming both,
 * since a retyped title must not put a problem on the 台账 twice (breaker10c P3), nor can the import
 * tell a touched-up word from another problem (微博/微信) — unless the office confirmed the row's
 * title as a problem of its own (`distinct`, by title key). The problem carries `distinctTitle` so
 * the 导入 page offers that confirmation on the row. The same rule whichever came first, the
 * recorded finding or the row beside it in one file (breaker11e P11).
 */
function nearlyRecorded(
  titles: FindingTitlesIndex,
  evaluationId: string,
  finding: ImportedFinding,
  /** The file's new rows before it (in the file's order), by title key. */
  newRows: NearTitles<ImportedFinding>,
  distinct: ReadonlySet<string>,
  unitsNamed: UnitsNamed,
): ImportProblem[] {
  const key = findingTitleKey(finding.title);
  if (distinct.has(key)) return [];
  const confirm = confirmDistinct(finding.title);
  const confirmZh = confirmDistinctZh(finding.title);
  const [nearest] = titles.near(evaluationId, finding.title, unitsNamed);
  if (nearest) {
    return [
      {
        row: finding.row,
        ...sheetOf(finding),
        reason: `Finding "${finding.title}" differs from the recorded finding "${nearest.title}" by ${nearest.distance} character${nearest.distance === 1 ? '' : 's'}. If it is the same problem, give it the recorded title in the file. ${confirm}`,
        reasonZh: `问题“${finding.title}”与已登记的问题“${nearest.title}”只差 ${nearest.distance} 个字${nearest.withdrawn ? '（该问题已撤销）' : ''}。如是同一问题，请在文件中改用已登记的名称；${confirmZh}`,
        distinctTitle: finding.title,
      },
    ];
  }
  // The first row before it (in the file's order) that reads as it retyped.
  const earlierNear = newRows.near(key, unitsNamed).filter((near) => near.value.sheet !== finding.sheet || near.value.row < finding.row);
  const first = earlierNear.reduce<(typeof earlierNear)[number] | undefined>((found, near) => (found === undefined || near.value.row < found.value.row ? near : found), undefined);
  if (first) {
    const { value: earlier, distance: apart } = first;
    // Read over several sheets, the earlier row is named with its own sheet: both sheets may have that row number (breaker42-10 F7).
    const there = earlier.sheet === undefined ? { en: `row ${earlier.row} of this file`, zh: `本文件第 ${earlier.row} 行` } : { en: `row ${earlier.row} of sheet "${earlier.sheet}"`, zh: `工作表“${earlier.sheet}”第 ${earlier.row} 行` };
    return [
      {
        row: finding.row,
        ...sheetOf(finding),
        reason: `Finding "${finding.title}" differs from "${earlier.title}" on ${there.en} by ${apart} character${apart === 1 ? '' : 's'}. If it is the same problem, write it once. ${confirm}`,
        reasonZh: `问题“${finding.title}”与${there.zh}的问题“${earlier.title}”只差 ${apart} 个字。如是同一问题，请只写一次；${confirmZh}`,
        distinctTitle: finding.title,
      },
    ];
  }
  return [];
}

/**
 * A row not recorded before whose title holds a recorded finding's title whole, words put before or after it (答复文书不规范 re-sent
 * as 依申请公开答复文书不规范), and that names the same units (in a 台账; none in a list and none recorded alike): the same problem
 * retyped, refused naming the recorded title like a title a few characters apart — never recorded a second time with a second
 * part for each unit (breaker10r P27). The office confirms a genuinely other problem (`distinctTitles`, 是另一个问题).
 */
async function lengthenedRecorded({ store, schemas }: ImportDependencies, titles: FindingTitlesIndex, evaluationId: string, finding: ImportedFinding): Promise<ImportProblem[]> {
  const units = (unitIds: readonly string[]) => [...new Set(unitIds)].sort().join('、');
  const rowUnits = units(finding.parts.map((part) => part.unit.unitId));
  for (const entry of titles.containedIn(evaluationId, finding.title)) {
    const state = await loadState(store, schemas, findingStream(entry.findingId), findingDecider);
    if (state.status === 'unrecorded' || units(partsOf(state.assignments).map((part) => part.unitId)) !== rowUnits) continue;
    return [
      {
        row: finding.row,
        ...sheetOf(finding),
        reason: `Finding "${finding.title}" holds the recorded finding "${entry.title}" with words added, for the same units: it reads as that problem retyped. If it is the same problem, give it the recorded title in the file. ${confirmDistinct(finding.title)}`,
        reasonZh: `问题“${finding.title}”包含已登记的问题“${entry.title}”${entry.withdrawn ? '（该问题已撤销）' : ''}，只是多了几个字，责任单位也相同。如是同一问题，请在文件中改用已登记的名称；${confirmDistinctZh(finding.title)}`,
        distinctTitle: finding.title,
      },
    ];
  }
  return [];
}

/** The 整改措施 a finding was recorded with ('' when none). */
/** A finding's own facts as recorded (its FindingRecorded, upcast), compared with a ledger's row given again; '' / LOW when none is found. */
type RecordedFacts = Pick<FindingRecorded['data'], 'description' | 'category' | 'severity' | 'measures'>;

async function factsRecorded({ store, schemas }: ImportDependencies, findingId: string): Promise<RecordedFacts> {
  const recorded = (await store.readStream(findingStream(findingId))).find((event) => event.type === 'FindingRecorded');
  const data = recorded ? schemas.upcast<FindingRecorded>(recorded).data : undefined;
  return { description: data?.description ?? '', category: data?.category ?? '', severity: data?.severity ?? 'LOW', measures: data?.measures ?? '' };
}

/**
 * How a ledger's row differs from the finding recorded before, each said as a notice (nothing is
 * changed: an import never rewrites a recorded finding): another due date for a unit, units
 * recorded that the row no longer names, other 整改措施. 立行立改 parts are due the day they are
 * assigned, which a file does not say: not compared. `assignedNow`: the finding had no unit (待交办) and
 * takes the file's parts — what else differs (its 整改措施) is left as it is, and said so.
 */
/**
 * The findings recorded before whose 发现日期 — or, assigned before, whose parts' 交办日期 — the import gives otherwise (an option or
 * the row's own cell; a day left to its default is no day given): one notice for each kind, naming both days, how many findings
 * and the first row, and how the recorded day is corrected; nothing is changed by the import. Pure.
 */
function daysGivenOtherwise(
  findings: readonly {
    readonly finding: ImportedFinding;
    readonly identifiedOn: string;
    readonly assignedOn: string;
    readonly recordedBefore: boolean;
    readonly assignedNow: boolean;
    readonly state: { readonly status: string; readonly identifiedOn?: string; readonly assignments?: Parameters<typeof partsOf>[0] };
  }[],
  options: { readonly identifiedOn?: string; readonly assignedOn?: string },
): ImportProblem[] {
  const recorded = findings.filter(({ recordedBefore, state }) => recordedBefore && state.status !== 'withdrawn' && state.status !== 'unrecorded');
  const identified = recorded.filter(({ finding, identifiedOn, state }) => (finding.identifiedOn ?? options.identifiedOn) !== undefined && state.identifiedOn !== undefined && state.identifiedOn !== identifiedOn);
  const assignedDay = (state: (typeof findings)[number]['state']) => (state.assignments ? partsOf(state.assignments).map((part) => part.assignedOn).sort()[0] : undefined);
  const assigned = recorded.filter(({ finding, assignedOn, state, assignedNow }) => !assignedNow && (finding.assignedOn ?? options.assignedOn) !== undefined && assignedDay(state) !== undefined && assignedDay(state) !== assignedOn);
  const notice = (
    group: typeof recorded,
    recordedOf: (one: (typeof recorded)[number]) => string,
    givenOf: (one: (typeof recorded)[number]) => string,
    words: { en: string; zh: string; correctEn: string; correctZh: string },
  ): ImportProblem[] => {
    if (group.length === 0) return [];
    const first = group[0]!;
    return [
      {
        row: null,
        reason:
          `${group.length} finding(s) of this file were recorded before with ${words.en} ${recordedOf(first)} (e.g. row ${first.finding.row} "${first.finding.title}"); the import gives ${givenOf(first)}, ` +
          `and importing again does not change a recorded day. If ${recordedOf(first)} is wrong, ${words.correctEn}.`,
        reasonZh:
          `本文件有 ${group.length} 个问题此前已登记，${words.zh}为 ${recordedOf(first)}（如第 ${first.finding.row} 行“${first.finding.title}”）；本次导入给出的${words.zh}为 ${givenOf(first)}，` +
          `重新导入不会改变已登记的日期。如 ${recordedOf(first)} 有误，${words.correctZh}。`,
      },
    ];
  };
  return [
    ...notice(identified, (one) => one.state.identifiedOn!, (one) => one.identifiedOn, {
      en: 'the identification day',
      zh: '发现日期',
      correctEn: 'a supervisor corrects it on each finding\'s page (correctFindingIdentifiedOn)',
      correctZh: '请督办人员在该问题页面上点「更正发现日期」按实际日期更正',
    }),
    ...notice(assigned, (one) => assignedDay(one.state)!, (one) => one.assignedOn, {
      en: 'the assignment day',
      zh: '交办日期',
      correctEn: 'a supervisor re-dates each part\'s assignment on its card (correctRecordDate)',
      correctZh: '请督办人员在该单位任务卡片上点「更正记录日期」按实际日期更正',
    }),
  ];
}

function differencesFrom(
  state: Exclude<FindingState, { status: 'unrecorded' }>,
  finding: ImportedFinding,
  recorded: RecordedFacts,
  defaulted: readonly DefaultedFindingFact[],
  nameOf: (unitId: string) => string,
  assignedNow = false,
): ImportProblem[] {
  const recordedMeasures = recorded.measures;
  const recordedParts = partsOf(state.assignments);
  const partOf = (unitId: string) => recordedParts.find((part) => part.unitId === unitId || (part.heldBefore ?? []).includes(unitId));
  // `row`: the file row the notice is about (a unit's own row: newcomer51-10 M5 named the finding's first row for each); its first row otherwise.
  const notice = (en: string, zh: string, row = finding.row): ImportProblem => ({
    row,
    ...sheetOf(finding),
    reason: assignedNow
      ? `Finding "${finding.title}" was recorded before with no unit yet: the file's units are assigned to it, the rest is left as it is: ${en}.`
      : `Finding "${finding.title}" was recorded before and is left as it is: ${en}.`,
    reasonZh: assignedNow ? `问题“${finding.title}”此前已登记、尚未交办：按本文件交办，其余未作修改：${zh}。` : `问题“${finding.title}”此前已登记，导入未作修改：${zh}。`,
  });
  const notices: ImportProblem[] = [];
  for (const part of finding.parts) {
    const recorded = partOf(part.unit.unitId);
    // A standing part's day is no day the file wrote (the span it is kept up for): one recorded before 2026-12-06 ends with its year.
    // 立行立改 is due on the day the file is assigned, which differs on each import: two of them are the same deadline; one of them
    // beside a day of its own is not (newcomer46-10 S3: the CSV of a ledger gave its lead 立行立改, the XLSX imported before 04-30, said nothing).
    if (!recorded) continue;
    const atOnce = [isDueOnAssignment(part.terms), isDueOnAssignment(recorded.terms)];
    if ((atOnce[0] && atOnce[1]) || (!atOnce[0] && !atOnce[1] && recorded.dueDate === part.dueDate) || (part.terms.kind === 'STANDING' && recorded.terms.kind === 'STANDING')) continue;
    // Each deadline as the 台账 writes it (长期坚持（每季度报送）, 立行立改（…）, a day): never a standing part's span end as if a date were recorded (breaker57-10 M3).
    const [inFile, onRecord] = [deadlineCell(part.terms, part.dueDate), deadlineCell(recorded.terms, recorded.dueDate)];
    notices.push(
      notice(
        `the file gives ${nameOf(recorded.unitId)} the due date ${inFile}, recorded ${onRecord} (an extension is decided on the finding's page)`,
        `文件中${nameOf(recorded.unitId)}的完成时限为 ${inFile}，已登记的为 ${onRecord}（如需延期，请在该问题页面办理）`,
        part.row,
      ),
    );
  }
  const named = new Set(finding.parts.map((part) => partOf(part.unit.unitId)?.unitId));
  for (const recorded of recordedParts.filter((part) => !named.has(part.unitId))) {
    notices.push(
      notice(
        `${nameOf(recorded.unitId)} has a part recorded that the file no longer names (parts are withdrawn on the finding's page)`,
        `已登记的${nameOf(recorded.unitId)}整改任务不在本文件中（如需调整交办，请在该问题页面办理）`,
      ),
    );
  }
  if (finding.measures !== '' && finding.measures !== recordedMeasures) {
    notices.push(
      notice(
        `the file's 整改措施 differ from those recorded ("${recordedMeasures}")`,
        `文件中的整改措施与已登记的不同（已登记：“${recordedMeasures || '无'}”）`,
      ),
    );
  }
  // 具体表现, 类别 and 严重程度 the file writes (Rectify's own export does: newcomer43-10 #5), compared as the measures are; a column the
  // file lacks gave each finding the default, which says nothing of the finding recorded.
  const facts = [
    { key: 'description', en: '具体表现 (description)', zh: '具体表现', file: finding.description, was: recorded.description },
    { key: 'category', en: '类别 (category)', zh: '类别', file: finding.category, was: recorded.category },
    { key: 'severity', en: '严重程度 (severity)', zh: '严重程度', file: SEVERITY_ZH[finding.severity], was: SEVERITY_ZH[recorded.severity] },
  ] as const;
  for (const fact of facts) {
    if (defaulted.includes(fact.key) || fact.file === fact.was) continue;
    notices.push(notice(`the file's ${fact.en} is "${fact.file}", recorded "${fact.was || '—'}"`, `文件中的${fact.zh}为“${fact.file}”，已登记的为“${fact.was || '无'}”`));
  }
  return notices;
}

/**
 * The parts an import assigned (would assign, in a dry run): those of the findings it recorded and
 * those it gave to findings recorded before with no unit (待交办; breaker10m P8: these were left out,
 * so a 台账 that assigned every 待交办 problem answered 0 parts). `waiting`: how many such findings.
 */
export function partsAssignedBy(outcome: FindingsImportOutcome): { readonly parts: number; readonly waiting: number } {
  const assigned = outcome.findings.filter((finding) => finding.recordedNow || finding.assignedNow);
  return { parts: assigned.reduce((count, finding) => count + finding.parts.length, 0), waiting: outcome.findings.filter((finding) => finding.assignedNow).length };
}

/** `describeFindingsImport` in Chinese, for the command line's first line (breaker9e P2). */
export function describeFindingsImportZh(fileName: string, outcome: FindingsImportOutcome): string {
  const recorded = outcome.findings.filter((finding) => finding.recordedNow).length;
  const before = outcome.findings.length - recorded;
  const { parts, waiting } = partsAssignedBy(outcome);
  const assigned = outcome.ledger ? `，交办 ${parts} 项任务` : '';
  const waitingWords = waiting > 0 ? `，其中 ${waiting} 个此前已登记、尚未交办的问题按本文件交办` : '';
  const notes = describeNotesZh(outcome.notes);
  if (outcome.dryRun) return `试导入：${fileName} 将在评估“${outcome.evaluationTitle}”下登记 ${recorded} 个问题${assigned}${before > 0 ? `（${before} 个此前已登记${waitingWords}）` : ''}。未写入任何内容。${notes}`;
  if (recorded === 0 && waiting === 0) return `${fileName} 中的问题此前均已导入（${before} 个）${outcome.differing === 0 ? '，内容相同' : ''}，未写入任何内容。${notes}`;
  return `已导入 ${fileName}：在评估“${outcome.evaluationTitle}”下登记 ${recorded} 个问题${assigned}${before > 0 ? `，${before} 个此前已登记${waitingWords}` : ''}。${notes}`;
}

/** `Imported findings-2025.csv: 6 findings recorded on evaluation …` */
export function describeFindingsImport(fileName: string, outcome: FindingsImportOutcome): string {
  const recorded = outcome.findings.filter((finding) => finding.recordedNow).length;
  const before = outcome.findings.length - recorded;
  const { parts, waiting } = partsAssignedBy(outcome);
  const assigned = outcome.ledger ? ` with ${parts} part${parts === 1 ? '' : 's'} assigned` : '';
  const waitingWords = waiting > 0 ? `, ${waiting} of them with no unit yet assigned by this file` : '';
  if (outcome.dryRun) {
    return `Dry run: ${fileName} would record ${recorded} finding${recorded === 1 ? '' : 's'}${assigned} on evaluation ${outcome.evaluationId}${before > 0 ? ` (${before} recorded before${waitingWords})` : ''}. Nothing was written.${describeNotes(outcome.notes)}`;
  }
  if (recorded === 0 && waiting === 0) return `Every finding of ${fileName} was imported before (${before})${outcome.differing === 0 ? ', as the file gives it' : ''}. Nothing was written.${describeNotes(outcome.notes)}`;
  return `Imported ${fileName}: ${recorded} finding${recorded === 1 ? '' : 's'} recorded${assigned} on evaluation ${outcome.evaluationId}${before > 0 ? `, ${before} recorded before${waitingWords}` : ''}.${describeNotes(outcome.notes)}`;
}
