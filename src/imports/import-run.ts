import { slicer } from '../shared/event-loop-turns.js';
import { checkBatch, executeBatch, type BatchCommand, type BatchOutcome, type BatchSlices } from '../event-sourcing/command-batch.js';
import { comparePositions, type EventStore, type Position, type RecordedRequest, type RequestRecord, type StoredEvent } from '../event-store/event-store.port.js';
import type { UnitsReadModel } from '../organization/units/units.read-model.js';
import { DomainError, say } from '../shared/domain-error.js';
import type { EventSchemaRegistry } from '../shared/event-schemas.js';
import { ImportFormats, importFormatOf, otherSpreadsheetProblem, problemAt, type ImportFormat } from '../spreadsheet/import-problems.js';
import { importRefused } from '../spreadsheet/import-refusal.js';

/*
 * What the import services share, in the server and in the command-line tools alike: the file, the
 * store and the units directory they work against, and the run itself — validate everything,
 * decide every command without appending, and only then append.
 */

/** A file as it was uploaded or read from disk. */
export interface ImportFile {
  /** The name as given (a path is allowed); its extension says the format. */
  readonly name: string;
  readonly content: Uint8Array;
  /** The XLSX sheet to read (`--sheet`, `sheet`); the first visible one when absent. */
  readonly sheet?: string;
}

export interface ImportDependencies {
  readonly store: EventStore;
  readonly schemas: EventSchemaRegistry;
  /** The units directory as it is now: unit names and codes in files resolve against it. */
  readonly units: UnitsReadModel;
  /**
   * How a work plan's import is appended when it is long (`BatchSlices`): in slices, the plan's outline in the last, so that
   * other requests write between two slices and no reader sees part of a plan. Absent: one transaction (the other imports,
   * which are all or nothing in one).
   */
  readonly slices?: BatchSlices;
}

/**
 * Whether an import's request is a client's retry of one that ran before and appended: the request
 * index holds this very request (`refuseReusedKey` found it) under a key the client chose (it has
 * a digest), and not as the reservation of a run that had nothing to do. Such a retry answers
 * what its first run did — the units it registered as registered, not as "already registered" —
 * while appending nothing. The command line's keys derive from the file: running it again is
 * told that the file is in already.
 */
export const firstRunAppended = (recorded: RecordedRequest | null): boolean =>
  recorded !== null && recorded.digest !== null && recorded.appendedNothing !== true;

/** The events a command appended to a stream (none when it never ran there), found by its command id. */
export async function eventsOfCommand(store: EventStore, streamId: string, commandId: string): Promise<StoredEvent[]> {
  return (await store.readStream(streamId)).filter((event) => event.metadata.commandId === commandId);
}

/**
 * Once an import's batch is done, what its commands left in the store, read back from their
 * streams: whether each command's events are there — appended by this run, by an earlier run of the
 * same request, or by one racing it under the same key (breaker9g P3: a resend after a 504, a double
 * click, on one server or two, ran alongside the first and each answered what it alone had
 * appended: 283/17, 0/7, and NOT_FOUND for a finding the other run had recorded past the position
 * this one waited for) — and the newest position of all those streams, for the answer to wait for
 * (every record it names is then in the read models). One stream read per command.
 * A command of a batch is known by its command id (`contextInBatch`: derived from the caller and
 * the record, the same under any key) together with the request's command id its events carry
 * (`EventMetadata.batchCommandId`, derived from the request's key): another request of the same
 * caller under another key is not this one (breaker9f P3: racing imports under different keys each
 * counted every finding). Events written before the field was kept are taken by command id alone.
 * @param commands each command's stream and command id (`BatchCommand`, or `contextInBatch(…).commandId`).
 * @param requestCommandId the import request's `CommandContext.commandId`.
 */
export async function doneInStore(
  store: EventStore,
  commands: readonly { readonly streamId: string; readonly commandId: string }[],
  requestCommandId: string,
): Promise<{ readonly done: readonly boolean[]; readonly position: Position | null }> {
  let position: Position | null = null;
  const done: boolean[] = [];
  // One stream after another, in 4 ms slices: an import of thousands of rows does not hold other requests (breaker12d P3's kind).
  const pause = slicer();
  for (const { streamId, commandId } of commands) {
    await pause();
    const events = await store.readStream(streamId);
    const newest = events.at(-1)?.position;
    if (newest && (!position || comparePositions(newest, position) > 0)) position = newest;
    done.push(events.some((event) => event.metadata.commandId === commandId && (event.metadata.batchCommandId ?? requestCommandId) === requestCommandId));
  }
  return { done, position };
}

/** The later of two positions (null for neither). */
export const laterPosition = (a: Position | null, b: Position | null): Position | null => (!a ? b : !b ? a : comparePositions(a, b) >= 0 ? a : b);

/**
 * The file's name without its folders, and the format its extension announces (or a refusal: an old
 * Excel / WPS spreadsheet, by name or by bytes, is told how to save it as .xlsx — `otherSpreadsheetProblem`).
 */
export function fileFormatOf(file: ImportFile): { fileName: string; format: ImportFormat } {
  const fileName = file.name.replace(/^.*[\\/]/, '').trim();
  const other = otherSpreadsheetProblem(fileName, file.content);
  if (other) throw importRefused(fileName, undefined, [problemAt(null, other)]);
  const format = importFormatOf(fileName);
  if (!format) {
    throw importRefused(fileName, undefined, [
      {
        row: null,
        reason: `Unknown file type: the name must end in ${ImportFormats.map((each) => `.${each}`).join(', ')} (or .yml).`,
        reasonZh: `无法识别的文件类型：文件名须以 ${ImportFormats.map((each) => `.${each}`).join('、')}（或 .yml）结尾。`,
      },
    ]);
  }
  return { fileName, format };
}

/**
 * Decides every command first; if any is refused, nothing is appended and the refusal lists each
 * with its row. A refusal of the whole file (row null: e.g. the plan was imported before from
 * another file) is thrown as it is, with its own code and details (`field` when an option is at fault).
 */
export async function runImportBatch(
  { store, schemas }: ImportDependencies,
  file: { fileName: string; format: ImportFormat },
  commands: readonly BatchCommand[],
  options: {
    readonly dryRun?: boolean;
    /** The import's own request (key and digest of file and options), recorded with its first append. */
    readonly request?: RequestRecord;
    /** The sheet read, or the sheets read when several (each refusal then names its row's sheet and hints at --sheet). */
    readonly sheet?: string | null;
    readonly sheets?: readonly string[];
    /** Appended in slices (`BatchSlices`); absent: in one transaction. */
    readonly slices?: BatchSlices;
  } = {},
): Promise<BatchOutcome> {
  const refusals = await checkBatch(store, schemas, commands);
  const whole = refusals.find((refusal) => refusal.row === null);
  if (whole) {
    // Its own details kept: a refusal of one of the import's options (the approval day…) names that field.
    throw new DomainError(whole.error.code, say(whole.error.message, whole.error.messageZh), {
      ...whole.error.details,
      problems: [{ row: null, reason: whole.error.message, reasonZh: whole.error.messageZh }],
    });
  }
  if (refusals.length > 0) {
    const codes = new Set(refusals.map((refusal) => refusal.error.code));
    const code = codes.size === 1 ? refusals[0]!.error.code : 'BAD_USER_INPUT';
    throw importRefused(
      file.fileName,
      file.format,
      refusals.map(({ row, sheet, error }) => ({ row, ...(sheet === undefined ? {} : { sheet }), reason: error.message, reasonZh: error.messageZh })),
      code,
      options.sheet,
      options.sheets,
    );
  }
  // A dry run (`--dry-run`, `dryRun: true`) stops here: every command was decided, none appended.
  if (options.dryRun) return { outcomes: [], eventCount: 0, position: null };
  return executeBatch(store, schemas, commands, options.request, options.slices);
}
