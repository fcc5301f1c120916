import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ProjectionEngine } from '../../event-sourcing/projection-engine.js';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port.js';
import type { CommandContext } from '../../shared/command-context.js';
import { EventSchemaRegistry } from '../../shared/event-schemas.js';
import type { ImportFile } from '../../imports/import-run.js';
import { UnitsReadModel } from '../units/units.read-model.js';
import { importUnitsFile, type UnitsImportOptions, type UnitsImportOutcome } from './import-units.js';

/** Registers the units of a directory file, all or nothing. */
export class ImportUnitsCommand extends Command<UnitsImportOutcome> {
  constructor(
    readonly file: ImportFile,
    readonly context: CommandContext,
    readonly options: UnitsImportOptions = {},
  ) {
    super();
  }
}

@CommandHandler(ImportUnitsCommand)
export class ImportUnitsHandler implements ICommandHandler<ImportUnitsCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly schemas: EventSchemaRegistry,
    private readonly units: UnitsReadModel,
    private readonly projections: ProjectionEngine,
  ) {}

  async execute({ file, context, options }: ImportUnitsCommand): Promise<UnitsImportOutcome> {
    const outcome = await importUnitsFile({ store: this.store, schemas: this.schemas, units: this.units }, file, context, options);
    if (outcome.position) await this.projections.waitFor(outcome.position);
    // Its answer names records an import racing it may have appended, here or on another server (breaker9f P3).
    await this.projections.catchUp();
    return outcome;
  }
}
