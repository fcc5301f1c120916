import { CommandBus } from '@nestjs/cqrs';
import { Args, Field, Mutation, ObjectType, Resolver } from '@nestjs/graphql';
import { AllowRoles } from '../../access/authorization/access-policy.js';
import { CommandContextFactory } from '../../shared/command-context.factory.js';
import { decodeUpload } from '../../shared/graphql/file-upload.js';
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
  ) {}

  @Mutation(() => UnitsImportResultType, {
    description:
      'Register the units of a directory file (编码, 名称, 类型, 上级编码). All or nothing: a file with bad rows is refused (BAD_USER_INPUT, every row in extensions.problems).',
  })
  async importUnits(
    @Args('input') { idempotencyKey, fileName, contentBase64, sheet, rename }: ImportUnitsInput,
    @CurrentRequester() requester: Requester,
  ): Promise<UnitsImportResultType> {
    const content = decodeUpload(contentBase64);
    const context = this.contexts.create(requester, 'ImportUnits', { idempotencyKey, fileName, contentBase64, sheet, rename });
    const outcome = await this.commands.execute(new ImportUnitsCommand({ name: fileName, content, sheet }, context, { rename }));
    const views = (units: readonly { unitId: string }[]) => units.map((unit) => this.units.get(unit.unitId)).filter((unit) => unit !== undefined);
    return { created: views(outcome.created), renamed: views(outcome.renamed), alreadyRegistered: views(outcome.alreadyRegistered) };
  }
}
