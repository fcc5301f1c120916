import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '../../event-sourcing/command-executor.js';
import { officeDate } from '../../shared/calendar-date.js';
import type { CommandContext } from '../../shared/command-context.js';
import { unitDecider, type ChangeUnitKindAndParent } from '../domain/unit.decider.js';
import { unitStream, type UnitKind } from '../domain/unit.events.js';
import { UnitsReadModel } from '../units/units.read-model.js';

/** A unit's new kind and parent from an office day, with a reason (UnitKindAndParentChanged, breaker57-10 S1). Returns the unit's id. */
export class ChangeUnitKindAndParentCommand extends Command<string> {
  constructor(
    readonly unitId: string,
    readonly kind: UnitKind,
    /** The new parent's id; null: under no unit. */
    readonly parentUnitId: string | null,
    /** `YYYY-MM-DD`, the office day the change took effect: not in the future, not before the unit's registration. */
    readonly changedOn: string,
    readonly reason: string,
    readonly context: CommandContext,
    /** The kind and parent the form showed; undefined: not checked. */
    readonly expected?: { readonly kind: UnitKind; readonly parentUnitId: string | null },
  ) {
    super();
  }
}

/**
 * The new parent as the decider judges it, from the directory: its code, name, registration and merge, and its parents nearest first
 * (a cycle, which the directory refuses, stops the walk). Undefined for no parent or an unknown one.
 */
export function parentAsPlaced(units: UnitsReadModel, parentUnitId: string | null): ChangeUnitKindAndParent['parent'] {
  const parent = parentUnitId === null ? undefined : units.get(parentUnitId);
  if (!parent) return undefined;
  const ancestors: string[] = [];
  for (let above = parent.parentUnitId; above !== null && !ancestors.includes(above) && above !== parent.id; above = units.get(above)?.parentUnitId ?? null) ancestors.push(above);
  return { code: parent.code, name: parent.name, registeredOn: parent.registeredOn, mergedInto: parent.mergedIntoUnitId, mergedOn: parent.mergedOn, ancestors };
}

@CommandHandler(ChangeUnitKindAndParentCommand)
export class ChangeUnitKindAndParentHandler implements ICommandHandler<ChangeUnitKindAndParentCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly units: UnitsReadModel,
  ) {}

  async execute({ unitId, kind, parentUnitId, changedOn, reason, context, expected }: ChangeUnitKindAndParentCommand): Promise<string> {
    const parent = parentAsPlaced(this.units, parentUnitId);
    const command: ChangeUnitKindAndParent = {
      type: 'ChangeUnitKindAndParent',
      actor: context.actor,
      today: officeDate(context.now),
      changedOn,
      kind,
      parentUnitId,
      reason,
      ...(parent ? { parent } : {}),
      ...(expected ? { expected } : {}),
      nameOf: (id) => this.units.nameOf(id),
    };
    await this.executor.execute(unitStream(unitId), unitDecider, command, context);
    return unitId;
  }
}
