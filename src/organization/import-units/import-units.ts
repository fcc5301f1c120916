import { refuseReusedKey, requestOf } from '../../event-sourcing/execute-command.js';
import { batchCommand, contextInBatch } from '../../event-sourcing/command-batch.js';
import type { Position } from '../../event-store/event-store.port.js';
import type { CommandContext } from '../../shared/command-context.js';
import { officeDate } from '../../shared/calendar-date.js';
import { sha256Of, type ReadingNotes } from '../../spreadsheet/import-problems.js';
import { unitLookupFrom } from '../units/unit-lookup.js';
import { describeNotes, describeNotesZh, importRefused } from '../../spreadsheet/import-refusal.js';
import { doneInStore, eventsOfCommand, laterPosition, fileFormatOf, firstRunAppended, runImportBatch, type ImportDependencies, type ImportFile } from '../../imports/import-run.js';
import { importUnits, type ImportedUnit } from './units-file.js';
import { UNIT_KIND_WORDS, unitDecider } from '../domain/unit.decider.js';
import { unitStream, type UnitKindAndParentChanged, type UnitRenamed } from '../domain/unit.events.js';
import { storedUnitName, unitNameClaim } from '../units/unit-name.js';
import { changedSincePreview, directoryPosition, directoryVersionOf } from './directory-version.js';

/*
 * Imports the units directory (单位名录) from a file: the write path of `npm run units:import` and
 * of the importUnits mutation. All or nothing; parents are registered before their children.
 * Units already in the directory under the same code and name are left as they are, so importing
 * the same file again appends nothing and completes an import that stopped half-way.
 */

export interface UnitsImportOptions {
  /** Take a known code with a new name as a rename (机构改革) instead of refusing it. */
  readonly rename?: boolean;
  /** Decide everything, write nothing: what the import would register and rename, or why it would be refused. */
  readonly dryRun?: boolean;
  /**
   * `YYYY-MM-DD`, the office day the new units are registered as of (default today, China time):
   * no work of a unit is dated before it, so a directory entered for a past campaign gives a day
   * before the campaign's first assignment.
   */
  readonly registeredOn?: string;
  /**
   * `YYYY-MM-DD`, the office day a rename (--rename) took effect (default today, China time): a 机构改革 of 1 May entered in
   * December names the unit by its new name from 1 May in every view (breaker10q P15: dated the day of the import).
   */
  readonly renamedOn?: string;
  /** Codes of rows confirmed as units of their own though their names are near another unit's (市发改委 beside 市发展和改革委员会). */
  readonly distinctCodes?: readonly string[];
  /**
   * The directory version the preview this import follows gave (`UnitsImportOutcome.directoryVersion`; expectedDirectoryVersion,
   * --directory-version): a unit the import would register or rename that was registered or renamed since is CONFLICT naming
   * who, when and to what, nothing written (breaker52-9 S6). Absent: decided on the directory as it stands.
   */
  readonly expectedDirectoryVersion?: string;
  /**
   * A registered unit's row giving another kind (类型) or parent (上级编码 / 上级单位) than the directory's changes them (按文件更新类型和上级,
   * --update-kind-and-parent: UnitKindAndParentChanged, breaker57-10 S1); without it such a row is refused naming both, never dropped.
   */
  readonly updateKindAndParent?: boolean;
  /** `YYYY-MM-DD`, the office day those changes took effect (default today, China time): files read as of an earlier day count the unit by its former kind and parent. */
  readonly kindAndParentChangedOn?: string;
}

export interface UnitsImportOutcome {
  /** Registered by this import, parents first. */
  readonly created: readonly ImportedUnit[];
  /** Given their new name by this import (`renamedFrom` is the old one). */
  readonly renamed: readonly ImportedUnit[];
  /** The office day the renames took effect (`renamedOn`, else the day of the import); absent when nothing is renamed. */
  readonly renamedOn?: string;
  /** Given the file's kind and parent by this import (`kindAndParentFrom`: the directory's before; updateKindAndParent). */
  readonly kindAndParentChanged: readonly ImportedUnit[];
  /** The office day those changes took effect (`kindAndParentChangedOn`, else the day of the import); absent when none. */
  readonly kindAndParentChangedOn?: string;
  /** The directory's names of the parents those changes name, before and after, by id (what the answer shows); absent when none. */
  readonly parentNames?: Readonly<Record<string, string>>;
  /** Already in the directory under the same code, name, kind and parent. */
  readonly alreadyRegistered: readonly ImportedUnit[];
  /** Nothing was written: `created` and `renamed` say what would be. */
  readonly dryRun: boolean;
  /** The sheet read, columns not imported (联系人, 备注 …) and rows skipped (footnotes). */
  readonly notes: ReadingNotes;
  readonly position: Position | null;
  /**
   * The directory as this answer shows it (`directoryVersionOf`: a log position, `0` when none of the file's units has a
   * record): given back with the import (expectedDirectoryVersion, --directory-version), a unit of the file registered or
   * renamed since is refused rather than written over (breaker52-9 S6). After an applied import, the version it left.
   */
  readonly directoryVersion: string;
}

export async function importUnitsFile(
  dependencies: ImportDependencies,
  file: ImportFile,
  context: CommandContext,
  options: UnitsImportOptions = {},
): Promise<UnitsImportOutcome> {
  const recorded = await refuseReusedKey(dependencies.store, requestOf(context));
  const { fileName, format } = fileFormatOf(file);
  const read = await importUnits(file.content, {
    format,
    sheet: file.sheet,
    lookupUnit: unitLookupFrom(dependencies.units.list()),
    directory: dependencies.units.list(),
    ...(options.distinctCodes === undefined ? {} : { distinctCodes: options.distinctCodes }),
    rename: options.rename,
    nameOf: (unitId) => dependencies.units.get(unitId)?.name,
    ...(options.updateKindAndParent ? { updateKindAndParent: true } : {}),
  });
  if (!read.ok) throw importRefused(fileName, format, read.problems, 'BAD_USER_INPUT', read.sheet);

  const sha256 = sha256Of(file.content);
  const registerContext = (unit: ImportedUnit) => contextInBatch(context, 'RegisterUnit', `units:${sha256}:${unit.code.toUpperCase()}`);
  // A rename's key names the request, not only the file (breaker10d P33): the same file renaming a
  // unit again after it was renamed back is a new rename, a client's retry the same one. The command
  // line's key is the file's digest and is never retried: its key names the unit stream's revision.
  const streamRevisions = new Map<string, number>();
  if (context.requestDigest === undefined) {
    for (const unit of read.units.filter((each) => each.renamedFrom !== null || each.kindAndParentFrom)) streamRevisions.set(unit.unitId, (await dependencies.store.readStream(unitStream(unit.unitId))).length);
  }
  const renameKey = (unit: ImportedUnit) =>
    context.requestDigest === undefined
      ? `units:${sha256}:${unit.code.toUpperCase()}:rename@${streamRevisions.get(unit.unitId) ?? 0}`
      : `units:${context.requestKey}:${sha256}:${unit.code.toUpperCase()}:rename`;
  const renameContext = (unit: ImportedUnit) => contextInBatch(context, 'RenameUnit', renameKey(unit));
  const placementKey = (unit: ImportedUnit) =>
    context.requestDigest === undefined
      ? `units:${sha256}:${unit.code.toUpperCase()}:kind-and-parent@${streamRevisions.get(unit.unitId) ?? 0}`
      : `units:${context.requestKey}:${sha256}:${unit.code.toUpperCase()}:kind-and-parent`;
  const placementContext = (unit: ImportedUnit) => contextInBatch(context, 'ChangeUnitKindAndParent', placementKey(unit));
  // A retry sees the directory after its first run: the units that run registered or renamed are
  // its own again (it finds their commands done and appends nothing), not "already registered".
  const units = firstRunAppended(recorded)
    ? await Promise.all(
        read.units.map(async (unit): Promise<ImportedUnit> => {
          if (!unit.alreadyRegistered || unit.renamedFrom !== null) return unit;
          const stream = unitStream(unit.unitId);
          if ((await eventsOfCommand(dependencies.store, stream, registerContext(unit).commandId)).length > 0) return { ...unit, alreadyRegistered: false };
          const [placed] = unit.kindAndParentFrom ? [] : await eventsOfCommand(dependencies.store, stream, placementContext(unit).commandId);
          const withPlacement = placed ? { ...unit, kindAndParentFrom: { kind: (placed.data as UnitKindAndParentChanged['data']).previousKind, parentUnitId: (placed.data as UnitKindAndParentChanged['data']).previousParentUnitId } } : unit;
          const [renamed] = await eventsOfCommand(dependencies.store, stream, renameContext(unit).commandId);
          return renamed ? { ...withPlacement, renamedFrom: (renamed.data as UnitRenamed['data']).previousName } : withPlacement;
        }),
      )
    : read.units;
  const result = { ...read, units };
  // What the preview showed no longer holds for a unit this import writes: said, nothing written (breaker52-9 S6). A client's
  // retry of a run that appended is judged as that run was.
  if (options.expectedDirectoryVersion !== undefined) {
    const version = await directoryPosition(dependencies.store, options.expectedDirectoryVersion);
    const written = firstRunAppended(recorded) ? [] : result.units.filter((unit) => !unit.alreadyRegistered || unit.renamedFrom !== null || unit.kindAndParentFrom);
    const changed = await changedSincePreview(dependencies.store, dependencies.schemas, written, version);
    if (changed) throw changed;
  }
  const toRegister = result.units.filter((unit) => !unit.alreadyRegistered);
  const registeredBefore = new Set<string>();
  const commands = toRegister.map((unit) => {
    // Parents come first: one in the file is registered just before, in this batch.
    const parentExists =
      unit.parentUnitId === null || dependencies.units.get(unit.parentUnitId) !== undefined || registeredBefore.has(unit.parentUnitId);
    registeredBefore.add(unit.unitId);
    return batchCommand(
      unit.row,
      unitStream(unit.unitId),
      unitDecider,
      {
        type: 'RegisterUnit',
        today: officeDate(context.now),
        data: {
          unitId: unit.unitId,
          code: unit.code,
          name: unit.name,
          kind: unit.kind,
          parentUnitId: unit.parentUnitId,
          registeredOn: options.registeredOn ?? officeDate(context.now),
        },
        parentExists,
        ...dependencies.units.nameHolderOf(unit.name),
      },
      registerContext(unit),
      [unitNameClaim(unit.name)],
    );
  });
  const toRename = result.units.filter((unit) => unit.renamedFrom !== null);
  const renames = toRename.map((unit) =>
    batchCommand(
      unit.row,
      unitStream(unit.unitId),
      unitDecider,
      {
        type: 'RenameUnit',
        actor: context.actor,
        // A file says the current name, not since when: the day given (renamedOn), else the day of the import.
        today: officeDate(context.now),
        renamedOn: options.renamedOn ?? officeDate(context.now),
        name: unit.name,
        reason: `Renamed by the units import of ${fileName} (--rename)`,
        // The name it was renamed from, as read: another by the time the rename is appended (a colleague's 更名 meanwhile) is
        // refused naming it, atomically with the append, never written over (breaker52-9 S6).
        ...(unit.renamedFrom === null ? {} : { expectedName: unit.renamedFrom }),
        ...dependencies.units.nameHolderOf(unit.name),
        nameOf: (unitId: string) => dependencies.units.get(unitId)?.name,
      },
      renameContext(unit),
      [unitNameClaim(unit.name)],
    ),
  );
  // The rows' 简称 / 曾用名 the directory does not have yet (newcomer57-10 S1), after the unit's registration or rename in the same batch.
  // Checked against the file and the directory when read (`importUnits`): a new unit's stream has no registration to check them on yet.
  const withOtherNames = result.units.filter((unit) => unit.otherNames.length > 0);
  const otherNames = withOtherNames.map((unit) => {
    const command = batchCommand(
      unit.row,
      unitStream(unit.unitId),
      unitDecider,
      { type: 'RecordUnitOtherNames', actor: context.actor, today: officeDate(context.now), names: unit.otherNames, source: fileName } as const,
      contextInBatch(context, 'RecordUnitOtherNames', `units:${context.requestDigest === undefined ? '' : `${context.requestKey}:`}${sha256}:${unit.code.toUpperCase()}:other-names`),
      unit.otherNames.map((other) => unitNameClaim(other.name)),
    );
    return unit.alreadyRegistered ? command : { ...command, check: async () => null };
  });
  // Kinds and parents the file changes (updateKindAndParent), each judged with its new parent as the file leaves the directory:
  // a parent registered by this file, or moved by it, read so (a circle through the file's own rows is refused).
  const toPlace = result.units.filter((unit) => unit.kindAndParentFrom);
  const today = officeDate(context.now);
  const kindAndParentChangedOn = options.kindAndParentChangedOn ?? today;
  const fileUnits = new Map(result.units.map((unit) => [unit.unitId, unit]));
  const parentAfter = (unitId: string): string | null => fileUnits.get(unitId)?.parentUnitId ?? dependencies.units.get(unitId)?.parentUnitId ?? null;
  const placements = toPlace.map((unit) => {
    const parentId = unit.parentUnitId;
    const registered = parentId === null ? undefined : dependencies.units.get(parentId);
    const inFile = parentId === null ? undefined : fileUnits.get(parentId);
    const ancestors: string[] = [];
    for (let above = parentId === null ? null : parentAfter(parentId); above !== null && !ancestors.includes(above) && ancestors.length <= fileUnits.size + 1; above = parentAfter(above)) ancestors.push(above);
    const parent = registered
      ? { code: registered.code, name: registered.name, registeredOn: registered.registeredOn, mergedInto: registered.mergedIntoUnitId, mergedOn: registered.mergedOn, ancestors }
      : inFile
        ? { code: inFile.code, name: inFile.name, registeredOn: options.registeredOn ?? today, mergedInto: null, ancestors }
        : undefined;
    return batchCommand(
      unit.row,
      unitStream(unit.unitId),
      unitDecider,
      {
        type: 'ChangeUnitKindAndParent',
        actor: context.actor,
        today,
        changedOn: kindAndParentChangedOn,
        kind: unit.kind,
        parentUnitId: parentId,
        reason: `按单位名录文件 ${fileName} 更新类型和上级（按文件更新类型和上级）`,
        ...(parent ? { parent } : {}),
        // What the import read: changed by another administrator by the time it is appended, refused naming it, never written over.
        expected: unit.kindAndParentFrom!,
        nameOf: (unitId: string) => dependencies.units.get(unitId)?.name ?? fileUnits.get(unitId)?.name,
      },
      placementContext(unit),
    );
  });
  const batch = await runImportBatch(dependencies, { fileName, format }, [...commands, ...renames, ...otherNames, ...placements], { dryRun: options.dryRun, request: requestOf(context) });
  // A client's request: the units whose registration is this request's, whichever of its runs
  // appended it (breaker9g P3's kind: a resend while the first ran), read back once the batch is done.
  const afterBatch =
    options.dryRun || context.requestDigest === undefined
      ? null
      : await doneInStore(dependencies.store, result.units.map((unit) => ({ streamId: unitStream(unit.unitId), commandId: registerContext(unit).commandId })), context.commandId);
  const created = afterBatch ? result.units.filter((unit, index) => afterBatch.done[index] && unit.renamedFrom === null) : toRegister;
  // By a set: a directory of thousands of units is not compared unit by unit with every one created (breaker12d P3's kind).
  const createdNow = new Set(created);
  // What the directory shows of the file's units after this answer: in a preview, as read; after an import, as the file names them.
  const directoryVersion = await directoryVersionOf(
    dependencies.store,
    dependencies.schemas,
    result.units.map((unit) => ({
      unitId: unit.unitId,
      code: unit.code,
      shownName: !options.dryRun && (!unit.alreadyRegistered || unit.renamedFrom !== null) ? storedUnitName(unit.name) : (dependencies.units.get(unit.unitId)?.name ?? null),
    })),
  );
  return {
    created,
    renamed: toRename,
    kindAndParentChanged: toPlace,
    ...(toPlace.length > 0 ? { kindAndParentChangedOn, parentNames: parentNamesOf(toPlace, (unitId) => dependencies.units.get(unitId)?.name ?? fileUnits.get(unitId)?.name) } : {}),
    alreadyRegistered: result.units.filter((unit) => !createdNow.has(unit) && unit.renamedFrom === null && !unit.kindAndParentFrom),
    dryRun: options.dryRun === true,
    ...(toRename.length > 0 ? { renamedOn: options.renamedOn ?? officeDate(context.now) } : {}),
    notes: { sheet: read.sheet, notImported: read.notImported, notices: read.notices },
    position: laterPosition(batch.position, afterBatch?.position ?? null),
    directoryVersion,
  };
}

/** `Imported units.csv: 15 units registered, 0 already in the directory.` */
/** `describeUnitsImport` in Chinese, for the command line's first line (breaker9e P2). */
export function describeUnitsImportZh(fileName: string, outcome: UnitsImportOutcome): string {
  const created = outcome.created.length;
  const existing = outcome.alreadyRegistered.length;
  const renamed = outcome.renamed.map((unit) => `${unit.code} ${unit.renamedFrom} → ${unit.name}`);
  const renames = renamed.length > 0 ? ` ${outcome.dryRun ? '将更名' : '已更名'}（自 ${outcome.renamedOn} 起）：${renamed.join('；')}。` : '';
  const placed = kindAndParentChangesZh(outcome);
  const placements = placed.length > 0 ? `${outcome.dryRun ? '将调整类型和上级' : '已调整类型和上级'}（自 ${outcome.kindAndParentChangedOn} 起）：${placed.join('；')}。` : '';
  const notes = describeNotesZh(outcome.notes);
  const others = otherNamesZh(outcome);
  if (outcome.dryRun) return `试导入：${fileName} 将登记 ${created} 个单位，${existing} 个已在名录中。${renames}${placements}${others}未写入任何内容。${notes}`;
  if (created === 0 && renamed.length === 0 && placed.length === 0 && others === '') return `${fileName} 中的单位均已在名录中（${existing} 个），未写入任何内容。${notes}`;
  return `已导入 ${fileName}：登记 ${created} 个单位，${existing} 个已在名录中。${renames}${placements}${others}${notes}`;
}

/** The kind-and-parent changes of an import, each 「SCH0001 其他，上级 青川市东湖区人民政府 → 部门，上级 西山县人民政府」 (names from the directory, else the file). */
function kindAndParentChangesZh(outcome: UnitsImportOutcome, nameOf: (unitId: string) => string | undefined = () => undefined): string[] {
  const inFile = new Map([...outcome.created, ...outcome.alreadyRegistered, ...outcome.renamed, ...(outcome.kindAndParentChanged ?? [])].map((unit) => [unit.unitId, unit.name]));
  const parent = (unitId: string | null) => (unitId === null ? '无' : (nameOf(unitId) ?? inFile.get(unitId) ?? outcome.parentNames?.[unitId] ?? unitId));
  return (outcome.kindAndParentChanged ?? []).map((unit) => {
    const from = unit.kindAndParentFrom!;
    return `${unit.code} ${UNIT_KIND_WORDS[from.kind]}，上级 ${parent(from.parentUnitId)} → ${UNIT_KIND_WORDS[unit.kind]}，上级 ${parent(unit.parentUnitId)}`;
  });
}

export function describeUnitsImport(fileName: string, outcome: UnitsImportOutcome): string {
  const created = outcome.created.length;
  const existing = outcome.alreadyRegistered.length;
  const renamed = outcome.renamed.map((unit) => `${unit.code} ${unit.renamedFrom} → ${unit.name}`);
  const renames = renamed.length > 0 ? ` ${outcome.dryRun ? 'Would rename' : 'Renamed'} (as of ${outcome.renamedOn}): ${renamed.join('; ')}.` : '';
  const placed = (outcome.kindAndParentChanged ?? []).map((unit) => `${unit.code} ${unit.kindAndParentFrom!.kind} → ${unit.kind}`);
  const placements = placed.length > 0 ? ` ${outcome.dryRun ? 'Would change kind and parent' : 'Changed kind and parent'} (as of ${outcome.kindAndParentChangedOn}): ${placed.join('; ')}.` : '';
  const notes = describeNotes(outcome.notes);
  const withOthers = [...outcome.created, ...outcome.renamed, ...outcome.alreadyRegistered].filter((unit) => unit.otherNames.length > 0);
  const others = withOthers.length === 0 ? '' : ` ${outcome.dryRun ? 'Would record' : 'Recorded'} short or earlier names of ${withOthers.length} unit${withOthers.length === 1 ? '' : 's'}: ${withOthers.map((unit) => `${unit.code} ${unit.otherNames.map((other) => other.name).join(', ')}`).join('; ')}.`;
  if (outcome.dryRun) {
    return `Dry run: ${fileName} would register ${created} unit${created === 1 ? '' : 's'}, ${existing} already in the directory.${renames}${placements}${others} Nothing was written.${notes}`;
  }
  if (created === 0 && renamed.length === 0 && placed.length === 0 && others === '') return `Every unit of ${fileName} is already in the directory (${existing}). Nothing was written.${notes}`;
  return `Imported ${fileName}: ${created} unit${created === 1 ? '' : 's'} registered, ${existing} already in the directory.${renames}${placements}${others}${notes}`;
}

/** 「将登记简称、曾用名：SJJ 青川市政务服务和大数据管理局（简称 市大数据局）；…。」 of an outcome's new other names; '' when none. */
function otherNamesZh(outcome: UnitsImportOutcome): string {
  const withOthers = [...outcome.created, ...outcome.renamed, ...outcome.alreadyRegistered].filter((unit) => unit.otherNames.length > 0);
  if (withOthers.length === 0) return '';
  const named = withOthers.map((unit) => {
    const [short, earlier] = [unit.otherNames.filter((other) => other.kind === 'SHORT_NAME'), unit.otherNames.filter((other) => other.kind === 'EARLIER_NAME')];
    const parts = [...(short.length > 0 ? [`简称 ${short.map((other) => other.name).join('、')}`] : []), ...(earlier.length > 0 ? [`曾用名 ${earlier.map((other) => other.name).join('、')}`] : [])];
    return `${unit.code} ${unit.name}（${parts.join('；')}）`;
  });
  return `${outcome.dryRun ? '将登记' : '已登记'}简称、曾用名：${named.join('；')}。`;
}

/** The names of the parents `units`' kind-and-parent changes name, before and after, by id. */
function parentNamesOf(units: readonly ImportedUnit[], nameOf: (unitId: string) => string | undefined): Record<string, string> {
  const ids = units.flatMap((unit) => [unit.parentUnitId, unit.kindAndParentFrom?.parentUnitId ?? null]).filter((id): id is string => id !== null);
  return Object.fromEntries(ids.flatMap((id) => { const name = nameOf(id); return name === undefined ? [] : [[id, name]]; }));
}
