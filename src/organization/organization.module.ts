import { Global, Module } from '@nestjs/common';
import { readModelProvider } from '../event-sourcing/read-model.provider.js';
import { ChangeUnitKindAndParentHandler } from './change-unit-kind-and-parent/change-unit-kind-and-parent.handler.js';
import { ChangeUnitKindAndParentResolver } from './change-unit-kind-and-parent/change-unit-kind-and-parent.resolver.js';
import { CorrectUnitRegistrationHandler } from './correct-unit-registration/correct-unit-registration.handler.js';
import { CorrectUnitRegistrationResolver } from './correct-unit-registration/correct-unit-registration.resolver.js';
import { ImportUnitsHandler } from './import-units/import-units.handler.js';
import { ImportUnitsResolver } from './import-units/import-units.resolver.js';
import { RegisterUnitHandler } from './register-unit/register-unit.handler.js';
import { RegisterUnitResolver } from './register-unit/register-unit.resolver.js';
import { RenameUnitHandler } from './rename-unit/rename-unit.handler.js';
import { RenameUnitResolver } from './rename-unit/rename-unit.resolver.js';
import { RecordUnitOtherNamesHandler, RemoveUnitOtherNameHandler } from './unit-other-names/unit-other-names.handler.js';
import { UnitOtherNamesResolver } from './unit-other-names/unit-other-names.resolver.js';
import { GetUnitHandler, ListUnitsHandler } from './units/units.queries.js';
import { UnitsReadModel } from './units/units.read-model.js';
import { UnitsResolver } from './units/units.resolver.js';

@Global()
@Module({
  providers: [readModelProvider(UnitsReadModel), UnitsResolver, ListUnitsHandler, GetUnitHandler, RegisterUnitHandler, RegisterUnitResolver, ImportUnitsHandler, ImportUnitsResolver, RenameUnitHandler, RenameUnitResolver, CorrectUnitRegistrationHandler, CorrectUnitRegistrationResolver, RecordUnitOtherNamesHandler, RemoveUnitOtherNameHandler, UnitOtherNamesResolver, ChangeUnitKindAndParentHandler, ChangeUnitKindAndParentResolver],
  exports: [UnitsReadModel],
})
export class OrganizationModule {}
