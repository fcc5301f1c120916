import { CommandBus } from '@nestjs/cqrs';
import { Args, Field, Mutation, ObjectType, Resolver } from '@nestjs/graphql';
import { AllowRoles } from '../../access/authorization/access-policy.js';
import { CommandContextFactory } from '../../shared/command-context.factory.js';
import { UploadedFiles, fileFacts } from '../../imports/uploads/uploaded-files.js';
import { CurrentRequester, type Requester } from '../../shared/graphql/requester.js';
import { UnitType } from '../units/unit.type.js';
import { UnitsReadModel, type UnitView } from '../units/units.read-model.js';
import { ImportUnitsCommand } from './import-units.handler.js';
import { ImportUnitsInput } from './import-units.input.js';

@ObjectType('UnitsImportResult')
export class UnitsImportResultType {
  @Field(() => [UnitType], { description: 'Registered by this import, parents first' }) created: UnitView[];
  @Field(() => [UnitType], { description: 'Renamed by this import (rename: true); each keeps its former names in formerNames' })
  renamed: UnitView[];
  @Field(() => [UnitType], { description: 'Already in the directory under the same code and name: left as they are' })
  alreadyRegistered: UnitView[];
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
      'Register the units of a directory file (编码, 名称, 类型, 上级编码). All or nothing: a file with bad rows is refused (BAD_USER_INPUT, every row in extensions.problems).',
  })
  async importUnits(
    @Args('input') input: ImportUnitsInput,
    @CurrentRequester() requester: Requester,
  ): Promise<UnitsImportResultType> {
    const { idempotencyKey, fileName, sheet, rename } = input;
    const file = this.uploads.fileOf(requester.actor, input);
    const context = this.contexts.create(requester, 'ImportUnits', { idempotencyKey, fileName, ...fileFacts(input, file), sheet, rename });
    const outcome = await this.commands.execute(new ImportUnitsCommand(file, context, { rename }));
    const views = (units: readonly { unitId: string }[]) => units.map((unit) => this.units.get(unit.unitId)).filter((unit) => unit !== undefined);
    return { created: views(outcome.created), renamed: views(outcome.renamed), alreadyRegistered: views(outcome.alreadyRegistered) };
  }
}
