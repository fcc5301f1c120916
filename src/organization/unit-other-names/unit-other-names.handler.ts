import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '../../event-sourcing/command-executor.js';
import { officeDate } from '../../shared/calendar-date.js';
import type { CommandContext } from '../../shared/command-context.js';
import { unitDecider, type OtherNameHolder, type RecordUnitOtherNames } from '../domain/unit.decider.js';
import { unitStream, type UnitOtherName } from '../domain/unit.events.js';
import { unitNameClaim } from '../units/unit-name.js';
import { UnitsReadModel } from '../units/units.read-model.js';

/**
 * The holders of `names` in the directory (`UnitsReadModel.otherNameHolderOf`), by the name as given: what a recording of them for
 * another unit is refused by (RecordUnitOtherNames.holders).
 */
export function otherNameHolders(units: UnitsReadModel, names: readonly UnitOtherName[]): ReadonlyMap<string, OtherNameHolder> {
  const holders = new Map<string, OtherNameHolder>();
  for (const { name } of names) {
    const holder = units.otherNameHolderOf(name);
    if (holder) holders.set(name, holder);
  }
  return holders;
}

/** Records a unit's 简称 and undated 曾用名 (RecordUnitOtherNames). Returns the unit's id. */
export class RecordUnitOtherNamesCommand extends Command<string> {
  constructor(
    readonly unitId: string,
    readonly names: readonly UnitOtherName[],
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** Takes a wrongly recorded 简称 or 曾用名 off a unit (RemoveUnitOtherName). Returns the unit's id. */
export class RemoveUnitOtherNameCommand extends Command<string> {
  constructor(
    readonly unitId: string,
    readonly name: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RecordUnitOtherNamesCommand)
export class RecordUnitOtherNamesHandler implements ICommandHandler<RecordUnitOtherNamesCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly units: UnitsReadModel,
  ) {}

  async execute({ unitId, names, context }: RecordUnitOtherNamesCommand): Promise<string> {
    // Each name is claimed with the recording: of two units given one name at once, one gets it (a unit's name rule).
    const command = (): RecordUnitOtherNames => ({
      type: 'RecordUnitOtherNames',
      actor: context.actor,
      today: officeDate(context.now),
      names,
      source: '单位名录页面',
      holders: otherNameHolders(this.units, names),
    });
    const claims = names.filter((other) => other.name.trim() !== '').map((other) => unitNameClaim(other.name));
    await this.executor.executeClaiming(unitStream(unitId), unitDecider, command, claims, context);
    return unitId;
  }
}

@CommandHandler(RemoveUnitOtherNameCommand)
export class RemoveUnitOtherNameHandler implements ICommandHandler<RemoveUnitOtherNameCommand> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ unitId, name, context }: RemoveUnitOtherNameCommand): Promise<string> {
    await this.executor.execute(unitStream(unitId), unitDecider, { type: 'RemoveUnitOtherName', actor: context.actor, today: officeDate(context.now), name }, context);
    return unitId;
  }
}
