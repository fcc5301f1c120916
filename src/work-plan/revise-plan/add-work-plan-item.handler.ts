import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ProjectionEngine } from '../../event-sourcing/projection-engine.js';
import { WriteGate } from '../../event-sourcing/write-gate.js';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port.js';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import type { CommandContext } from '../../shared/command-context.js';
import { EventSchemaRegistry } from '../../shared/event-schemas.js';
import { addWorkPlanItem, type NewWorkPlanItem } from './add-work-plan-item.js';

/** Adds one item to an imported plan (outline and definition together); returns the item's id. */
export class AddWorkPlanItemCommand extends Command<string> {
  constructor(
    readonly item: NewWorkPlanItem,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(AddWorkPlanItemCommand)
export class AddWorkPlanItemHandler implements ICommandHandler<AddWorkPlanItemCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly schemas: EventSchemaRegistry,
    private readonly units: UnitsReadModel,
    private readonly projections: ProjectionEngine,
    private readonly gate: WriteGate,
  ) {}

  /** One of the process's ordinary writes (WriteGate, breaker9f P6). */
  execute({ item, context }: AddWorkPlanItemCommand): Promise<string> {
    return this.gate.shared(async () => {
      const added = await addWorkPlanItem({ store: this.store, schemas: this.schemas, units: this.units }, item, context);
      if (added.position) await this.projections.waitFor(added.position);
      return added.itemId;
    });
  }
}
