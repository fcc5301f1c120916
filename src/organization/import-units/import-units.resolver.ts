import { CommandBus } from '@nestjs/cqrs';
import { Args, Field, ID, Int, Mutation, ObjectType, Resolver } from '@nestjs/graphql';
import { graphqlEnum } from '../../shared/graphql/enum.js';
import { AllowRoles } from '../../access/authorization/access-policy.js';
import { CommandContextFactory } from '../../shared/command-context.factory.js';
import { UploadedFiles, fileFacts } from '../../imports/uploads/uploaded-files.js';
import { CurrentRequester, type Requester } from '../../shared/graphql/requester.js';
import { UnitKindEnum, UnitType } from '../units/unit.type.js';
import type { UnitKind } from '../domain/unit.events.js';
import { notesResult } from '../../shared/graphql/file-upload.js';
import { UnitsReadModel, type UnitView } from '../units/units.read-model.js';
import { ImportUnitsCommand } from './import-units.handler.js';
import { ImportUnitsInput } from './import-units.input.js';

const UnitImportActionEnum = graphqlEnum(['REGISTERED', 'RENAMED', 'KIND_AND_PARENT_CHANGED', 'ALREADY_REGISTERED'] as const, 'UnitImportAction', 'What the import does (would do, in a dry run) with a row');

@ObjectType('UnitsImportRow', { description: 'One unit of an imported directory file, as the file gives it (also in a dry run)' })
export class UnitsImportRowType {
  @Field(() => Int) row: number;
  @Field(() => ID) unitId: string;
  @Field(() => String) code: string;
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true, description: 'The name it had, for a rename' }) renamedFrom: string | null;
  @Field(() => UnitKindEnum, { description: 'Its kind as the file gives it' }) kind: UnitKind;
  @Field(() => ID, { nullable: true, description: 'Its parent as the file gives it (null: none)' }) parentUnitId: string | null;
  @Field(() => UnitKindEnum, { nullable: true, description: 'For KIND_AND_PARENT_CHANGED: the kind it had in the directory' }) previousKind: UnitKind | null;
  @Field(() => ID, { nullable: true, description: 'For KIND_AND_PARENT_CHANGED: the parent it had in the directory (null: none, or not changed)' }) previousParentUnitId: string | null;
  @Field(() => UnitImportActionEnum) action: 'REGISTERED' | 'RENAMED' | 'KIND_AND_PARENT_CHANGED' | 'ALREADY_REGISTERED';
  @Field(() => [String], { description: '简称 of the row the import records (would record, in a dry run) for the unit: those the directory does not have yet' }) shortNames: string[];
  @Field(() => [String], { description: '曾用名 (without a rename day) of the row the import records (would record) for the unit: those the directory does not have yet' }) earlierNames: string[];
}

@ObjectType('UnitsImportResult')
export class UnitsImportResultType {
  @Field(() => Boolean, { description: 'Nothing was written: rows say what the import would do (created and renamed are empty)' }) dryRun: boolean;
  @Field(() => [UnitsImportRowType], { description: 'Every unit of the file, in the order registered' }) rows: UnitsImportRowType[];
  @Field(() => [UnitType], { description: 'Registered by this import, parents first' }) created: UnitView[];
  @Field(() => [UnitType], { description: 'Renamed by this import (rename: true); each keeps its former names in formerNames' })
  renamed: UnitView[];
  @Field(() => [UnitType], { description: 'Given the file\'s kind and parent by this import (updateKindAndParent)' })
  kindAndParentChanged: UnitView[];
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, the office day those changes took effect; null when none' })
  kindAndParentChangedOn: string | null;
  @Field(() => [UnitType], { description: 'Already in the directory under the same code, name, kind and parent: left as they are' })
  alreadyRegistered: UnitView[];
  @Field(() => String, {
    description:
      'The directory as this answer shows the file\'s units (a log position): give a dry run\'s back as expectedDirectoryVersion to import only what it showed — ' +
      'a unit registered or renamed since is refused, never written over',
  })
  directoryVersion: string;
  @Field(() => String, { nullable: true, description: 'The XLSX sheet read' }) sheet: string | null;
  @Field(() => [String], { description: 'Columns of the file that nothing imports (联系人, 备注 …)' }) notImported: string[];
  @Field(() => [String], { description: 'Rows skipped on purpose, such as footnotes (注：…)' }) notices: string[];
  @Field(() => [String], { description: 'The same notices in Chinese, as "第 40 行：…"' }) noticesZh: string[];
}

@Resolver()
@AllowRoles('ADMIN')
export class ImportUnitsResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly contexts: CommandContextFactory,
    private readonly units: UnitsReadModel,
    private readonly uploads: UploadedFiles,
  ) {}

  @Mutation(() => UnitsImportResultType, {
    description:
      'Register the units of a directory file (编码, 名称, 类型, and 上级编码 or the parent by name under 上级单位 / 主管单位; 简称 and 曾用名 columns — several names a cell, separated by 、，; / — are recorded as the units\' other names, rows[].shortNames / earlierNames saying which are new; a column naming a reorganisation\'s units (原单位, 撤并单位) or days is refused naming it, other columns are listed in notImported). All or nothing: a file with bad rows is refused (BAD_USER_INPUT, every row in extensions.problems); dryRun shows what would be written.',
  })
  async importUnits(
    @Args('input') input: ImportUnitsInput,
    @CurrentRequester() requester: Requester,
  ): Promise<UnitsImportResultType> {
    const { idempotencyKey, fileName, sheet, rename, dryRun, registeredOn, renamedOn, distinctCodes, expectedDirectoryVersion, updateKindAndParent, kindAndParentChangedOn } = input;
    const placing = updateKindAndParent ? { updateKindAndParent: true, ...(kindAndParentChangedOn ? { kindAndParentChangedOn } : {}) } : {};
    const version = expectedDirectoryVersion === undefined || expectedDirectoryVersion === null ? {} : { expectedDirectoryVersion };
    const file = this.uploads.fileOf(requester.actor, input);
    const context = this.contexts.create(
      requester,
      'ImportUnits',
      { idempotencyKey, fileName, ...fileFacts(input, file), sheet, rename, dryRun, registeredOn, renamedOn, distinctCodes, ...version, ...placing },
      { rename: false, dryRun: false },
    );
    const outcome = await this.commands.execute(new ImportUnitsCommand(file, context, { rename, dryRun, registeredOn, renamedOn, ...(distinctCodes ? { distinctCodes } : {}), ...version, ...placing }));
    const views = (units: readonly { unitId: string }[]) => units.map((unit) => this.units.get(unit.unitId)).filter((unit) => unit !== undefined);
    const rows = [
      ...outcome.created.map((unit) => ({ ...unit, action: 'REGISTERED' as const })),
      ...outcome.renamed.map((unit) => ({ ...unit, action: 'RENAMED' as const })),
      ...outcome.kindAndParentChanged.filter((unit) => unit.renamedFrom === null).map((unit) => ({ ...unit, action: 'KIND_AND_PARENT_CHANGED' as const })),
      ...outcome.alreadyRegistered.map((unit) => ({ ...unit, action: 'ALREADY_REGISTERED' as const })),
    ]
      .map((unit) => ({
        ...unit,
        previousKind: unit.kindAndParentFrom?.kind ?? null,
        previousParentUnitId: unit.kindAndParentFrom?.parentUnitId ?? null,
        shortNames: unit.otherNames.filter((other) => other.kind === 'SHORT_NAME').map((other) => other.name),
        earlierNames: unit.otherNames.filter((other) => other.kind === 'EARLIER_NAME').map((other) => other.name),
      }))
      .sort((a, b) => a.row - b.row);
    return {
      dryRun: outcome.dryRun,
      directoryVersion: outcome.directoryVersion,
      rows,
      // In a dry run nothing was registered or renamed: the rows say what would be.
      created: outcome.dryRun ? [] : views(outcome.created),
      renamed: outcome.dryRun ? [] : views(outcome.renamed),
      kindAndParentChanged: outcome.dryRun ? [] : views(outcome.kindAndParentChanged),
      kindAndParentChangedOn: outcome.kindAndParentChangedOn ?? null,
      alreadyRegistered: views(outcome.alreadyRegistered),
      ...notesResult(outcome.notes),
    };
  }
}
