import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ProjectionEngine } from '../../event-sourcing/projection-engine.js';
import { WriteGate } from '../../event-sourcing/write-gate.js';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port.js';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import type { CommandContext } from '../../shared/command-context.js';
import { EventSchemaRegistry } from '../../shared/event-schemas.js';
import type { ImportFile } from '../../imports/import-run.js';
import { WorkPlanLedger } from '../breakdown/work-plan-ledger.js';
import { ImportSlices } from './import-slices.js';
import { importWorkPlanFile, type KnownPlan, type WorkPlanImportOptions, type WorkPlanImportOutcome } from './import-work-plan.js';

/** Imports a work-plan file, all or nothing; `context` is the import's, each command gets its own. */
export class ImportWorkPlanCommand extends Command<WorkPlanImportOutcome> {
  constructor(
    readonly file: ImportFile,
    readonly options: WorkPlanImportOptions,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ImportWorkPlanCommand)
export class ImportWorkPlanHandler implements ICommandHandler<ImportWorkPlanCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly schemas: EventSchemaRegistry,
    private readonly units: UnitsReadModel,
    private readonly projections: ProjectionEngine,
    private readonly ledger: WorkPlanLedger,
    private readonly gate: WriteGate,
    private readonly slices: ImportSlices,
  ) {}

  /** The plans imported so far, with the titles of the items they hold now and, apart, of those withdrawn (breaker57-10 S2). */
  private knownPlans(): KnownPlan[] {
    return this.ledger.listPlans().map((plan) => {
      const items = plan.categories.flatMap((category) => category.itemIds.flatMap((itemId) => this.ledger.item(itemId) ?? []));
      const withdrawn = items.filter((item) => item.status === 'WITHDRAWN').map((item) => item.title);
      return {
        title: plan.title,
        year: plan.year,
        ...(plan.lastYear === undefined ? {} : { lastYear: plan.lastYear }),
        itemTitles: items.filter((item) => item.status !== 'WITHDRAWN').map((item) => item.title),
        ...(withdrawn.length > 0 ? { withdrawnItemTitles: withdrawn } : {}),
      };
    });
  }

  /**
   * One of the process's ordinary writes (WriteGate): a reorganisation does not scan between its reading of the directory and its
   * events' projection (breaker9f P6). Appended in slices (`ImportSlices`): other writes go in between two of them.
   */
  execute({ file, options, context }: ImportWorkPlanCommand): Promise<WorkPlanImportOutcome> {
    return this.gate.shared(async () => {
      const outcome = await importWorkPlanFile({ store: this.store, schemas: this.schemas, units: this.units, slices: this.slices.forBatch() }, file, options, context, this.knownPlans());
      if (outcome.position) await this.projections.waitFor(outcome.position);
      // Its answer names records an import racing it may have appended, here or on another server (breaker9f P3).
      await this.projections.catchUp();
      return outcome;
    });
  }
}
