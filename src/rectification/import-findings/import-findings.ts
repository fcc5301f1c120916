import { batchCommand, contextInBatch } from '../../event-sourcing/command-batch.js';
import { officeDate } from '../../shared/calendar-date.js';
import { loadState, refuseReusedKey, requestOf } from '../../event-sourcing/execute-command.js';
import type { Position } from '../../event-store/event-store.port.js';
import type { CommandContext } from '../../shared/command-context.js';
import { notFound } from '../../shared/domain-error.js';
import { deterministicId } from '../../shared/ids.js';
import { importFindings } from './findings-file.js';
import { sha256Of, type ReadingNotes } from '../../spreadsheet/import-problems.js';
import { unitLookupFrom } from '../../organization/units/unit-lookup.js';
import { describeNotes, importRefused } from '../../spreadsheet/import-refusal.js';
import { fileFormatOf, runImportBatch, type ImportDependencies, type ImportFile } from '../../imports/import-run.js';
import { evaluationDecider } from '../domain/evaluation.decider.js';
import { evaluationStream } from '../domain/evaluation.events.js';
import { findingDecider } from '../domain/finding.decider.js';
import { findingStream } from '../domain/finding.events.js';

/*
 * Imports an evaluation's findings (评估发现的问题) from a file: the write path of
 * `npm run findings:import` and of the importFindings mutation. All or nothing. A finding's id
 * derives from the evaluation, the file's digest and the finding's title (unique in a file), so
 * importing the same file again appends nothing and completes an import that stopped half-way.
 */

export interface ImportedFindingRef {
  readonly findingId: string;
  readonly row: number;
  readonly title: string;
  /** False when an earlier import of the same file had recorded it already. */
  readonly recordedNow: boolean;
}

export interface FindingsImportOutcome {
  readonly evaluationId: string;
  /** Every finding of the file, in its order. */
  readonly findings: readonly ImportedFindingRef[];
  /** The sheet read, columns not imported (备注 …) and rows skipped (footnotes). */
  readonly notes: ReadingNotes;
  readonly position: Position | null;
}

export const importedFindingId = (evaluationId: string, sha256: string, title: string) =>
  deterministicId('imported-finding', evaluationId, sha256, title);

export async function importFindingsFile(
  dependencies: ImportDependencies,
  evaluationId: string,
  file: ImportFile,
  context: CommandContext,
): Promise<FindingsImportOutcome> {
  const { store, schemas, units } = dependencies;
  await refuseReusedKey(store, requestOf(context));
  const evaluation = await loadState(store, schemas, evaluationStream(evaluationId), evaluationDecider);
  if (evaluation.status !== 'registered') throw notFound('Evaluation', evaluationId);

  const { fileName, format } = fileFormatOf(file);
  const result = await importFindings(file.content, { format, sheet: file.sheet, lookupUnit: unitLookupFrom(units.list()) });
  if (!result.ok) throw importRefused(fileName, format, result.problems, 'BAD_USER_INPUT', result.sheet);

  const sha256 = sha256Of(file.content);
  const findings = await Promise.all(
    result.findings.map(async (finding) => {
      const findingId = importedFindingId(evaluationId, sha256, finding.title);
      const state = await loadState(store, schemas, findingStream(findingId), findingDecider);
      return { finding, findingId, recordedBefore: state.status !== 'unrecorded' };
    }),
  );
  const commands = findings
    .filter(({ recordedBefore }) => !recordedBefore)
    .map(({ finding, findingId }) => {
      const concernedUnitIds = finding.concernedUnits.map((unit) => unit.unitId);
      const { title, description, category, severity } = finding;
      return batchCommand(
        finding.row,
        findingStream(findingId),
        findingDecider,
        {
          type: 'RecordFinding',
          today: officeDate(context.now),
          // A findings file lists problems, not when each was found: the day of the import.
          data: { findingId, evaluationId, title, description, category, severity, concernedUnitIds, identifiedOn: officeDate(context.now) },
          evaluationExists: true,
          unknownUnitIds: units.unknownIds(concernedUnitIds),
        },
        contextInBatch(context, 'RecordFinding', `findings:${findingId}`),
      );
    });
  const batch = await runImportBatch(dependencies, { fileName, format }, commands, { request: requestOf(context) });
  return {
    evaluationId,
    findings: findings.map(({ finding, findingId, recordedBefore }) => ({
      findingId,
      row: finding.row,
      title: finding.title,
      recordedNow: !recordedBefore,
    })),
    notes: { sheet: result.sheet, notImported: result.notImported, notices: result.notices },
    position: batch.position,
  };
}

/** `Imported findings-2025.csv: 6 findings recorded on evaluation …` */
export function describeFindingsImport(fileName: string, outcome: FindingsImportOutcome): string {
  const recorded = outcome.findings.filter((finding) => finding.recordedNow).length;
  const before = outcome.findings.length - recorded;
  if (recorded === 0) return `Every finding of ${fileName} was imported before (${before}). Nothing was written.`;
  return `Imported ${fileName}: ${recorded} finding${recorded === 1 ? '' : 's'} recorded on evaluation ${outcome.evaluationId}${before > 0 ? `, ${before} recorded before` : ''}.${describeNotes(outcome.notes)}`;
}
