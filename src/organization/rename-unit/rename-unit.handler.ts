import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '../../event-sourcing/command-executor.js';
import { officeDate } from '../../shared/calendar-date.js';
import type { CommandContext } from '../../shared/command-context.js';
import { unitDecider } from '../domain/unit.decider.js';
import { unitStream } from '../domain/unit.events.js';
import { unitNameClaim } from '../units/unit-name.js';
import { UnitsReadModel } from '../units/units.read-model.js';

/** Gives a unit its new official name (机构改革); the old one stays an alias. Returns the unit's id. */
export class RenameUnitCommand extends Command<string> {
  constructor(
    readonly unitId: string,
    readonly name: string,
    readonly reason: string,
    /** The office day the new name took effect; omitted: today. */
    readonly renamedOn: string | undefined,
    readonly context: CommandContext,
    /** Units the office confirmed the new name's unit is not, though their names are near (这是另一个单位); absent: none. */
    readonly distinctFrom: readonly string[] = [],
    /** The unit's name as the form showed it; undefined: not checked (RenameUnit.expectedName). */
    readonly expectedName?: string,
  ) {
    super();
  }
}

@CommandHandler(RenameUnitCommand)
export class RenameUnitHandler implements ICommandHandler<RenameUnitCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly units: UnitsReadModel,
  ) {}

  async execute({ unitId, name, reason, renamedOn, context, distinctFrom, expectedName }: RenameUnitCommand): Promise<string> {
    const today = officeDate(context.now);
    // The new name is claimed with the rename: of units renamed to one name at once, one gets it. Near names are asked as on registering.
    const command = () =>
      ({
        type: 'RenameUnit',
        actor: context.actor,
        today,
        renamedOn: renamedOn ?? today,
        name,
        reason,
        ...this.units.nameHolderOf(name.trim()),
        nameOf: (id: string) => this.units.get(id)?.name,
        nearUnits: this.units.nearUnits(name, unitId),
        distinctFrom,
        ...(expectedName === undefined ? {} : { expectedName }),
      }) as const;
    await this.executor.executeClaiming(unitStream(unitId), unitDecider, command, [unitNameClaim(name)], context);
    return unitId;
  }
}
