import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ProjectionEngine } from '../../event-sourcing/projection-engine.js';
import { WriteGate } from '../../event-sourcing/write-gate.js';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port.js';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import type { CommandContext } from '../../shared/command-context.js';
import { EventSchemaRegistry } from '../../shared/event-schemas.js';
import type { ImportFile } from '../../imports/import-run.js';
import { FindingTitlesIndex } from '../finding-titles/finding-titles.index.js';
import { RectificationLedger } from '../ledger/rectification-ledger.js';
import { importFindingsFile, type FindingsImportOptions, type FindingsImportOutcome } from './import-findings.js';

/** Records the findings of a file on an evaluation (a ledger's with their parts), all or nothing; or, as a dry run, says what it would record. */
export class ImportFindingsCommand extends Command<FindingsImportOutcome> {
  constructor(
    readonly evaluationId: string,
    readonly file: ImportFile,
    readonly context: CommandContext,
    readonly options: FindingsImportOptions = {},
  ) {
    super();
  }
}

@CommandHandler(ImportFindingsCommand)
export class ImportFindingsHandler implements ICommandHandler<ImportFindingsCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly schemas: EventSchemaRegistry,
    private readonly units: UnitsReadModel,
    private readonly projections: ProjectionEngine,
    private readonly titles: FindingTitlesIndex,
    private readonly ledger: RectificationLedger,
    private readonly gate: WriteGate,
  ) {}

  /** One of the process's ordinary writes (WriteGate): a reorganisation does not scan between its reading of the directory and its events' projection (breaker9f P6). */
  execute({ evaluationId, file, context, options }: ImportFindingsCommand): Promise<FindingsImportOutcome> {
    return this.gate.shared(async () => {
      const outcome = await importFindingsFile({ store: this.store, schemas: this.schemas, units: this.units, titles: this.titles, evaluations: this.ledger }, evaluationId, file, context, options);
      if (outcome.position) await this.projections.waitFor(outcome.position);
      // Its answer names records an import racing it may have appended, here or on another server (breaker9f P3).
      await this.projections.catchUp();
      return outcome;
    });
  }
}
