import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '../../event-sourcing/command-executor.js';
import { officeDate } from '../../shared/calendar-date.js';
import { CommandContext } from '../../shared/command-context.js';
import { unitIdForCode } from '../units/unit-id.js';
import { unitDecider } from '../domain/unit.decider.js';
import { unitStream } from '../domain/unit.events.js';
import { UnitsReadModel } from '../units/units.read-model.js';
import { unitNameClaim } from '../units/unit-name.js';
import type { RegisterUnitInput } from './register-unit.input.js';

/** Registers a unit in the directory and returns its id. */
export class RegisterUnitCommand extends Command<string> {
  constructor(
    readonly input: Omit<RegisterUnitInput, 'idempotencyKey'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RegisterUnitCommand)
export class RegisterUnitHandler implements ICommandHandler<RegisterUnitCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly units: UnitsReadModel,
  ) {}

  async execute({ input, context }: RegisterUnitCommand): Promise<string> {
    const unitId = unitIdForCode(input.code);
    const parentUnitId = input.parentUnitId ?? null;
    // The name is claimed with the registration: of units registered under one name at once, one gets it.
    await this.executor.executeClaiming(
      unitStream(unitId),
      unitDecider,
      () => ({
        type: 'RegisterUnit' as const,
        today: officeDate(context.now),
        data: { unitId, code: input.code, name: input.name, kind: input.kind, parentUnitId, registeredOn: input.registeredOn ?? officeDate(context.now) },
        parentExists: parentUnitId === null || this.units.get(parentUnitId) !== undefined,
        ...this.units.nameHolderOf(input.name.trim()),
        nearUnits: this.units.nearUnits(input.name, unitId),
        distinctFrom: input.distinctFrom ?? [],
      }),
      [unitNameClaim(input.name)],
      context,
    );
    return unitId;
  }
}
