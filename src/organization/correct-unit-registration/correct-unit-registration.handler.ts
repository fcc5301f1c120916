import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '../../event-sourcing/command-executor.js';
import { officeDate } from '../../shared/calendar-date.js';
import type { CommandContext } from '../../shared/command-context.js';
import { unitDecider } from '../domain/unit.decider.js';
import { unitStream } from '../domain/unit.events.js';
import { UnitsReadModel } from '../units/units.read-model.js';

/** Corrects a unit's registration day (not after its earliest fact), with a reason. Returns the unit's id. */
export class CorrectUnitRegistrationCommand extends Command<string> {
  constructor(
    readonly unitId: string,
    /** `YYYY-MM-DD`, not in the future nor after the unit's earliest fact. */
    readonly registeredOn: string,
    readonly reason: string,
    readonly context: CommandContext,
    /** The registration day as the form showed it; undefined: not checked (CorrectUnitRegistration.expectedRegisteredOn). */
    readonly expectedRegisteredOn?: string,
  ) {
    super();
  }
}

@CommandHandler(CorrectUnitRegistrationCommand)
export class CorrectUnitRegistrationHandler implements ICommandHandler<CorrectUnitRegistrationCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly units: UnitsReadModel,
  ) {}

  async execute({ unitId, registeredOn, reason, context, expectedRegisteredOn }: CorrectUnitRegistrationCommand): Promise<string> {
    const firstFact = this.units.firstFactOf(unitId);
    const command = { type: 'CorrectUnitRegistration', actor: context.actor, today: officeDate(context.now), registeredOn, reason, ...(firstFact ? { firstFact } : {}), ...(expectedRegisteredOn === undefined ? {} : { expectedRegisteredOn }) } as const;
    await this.executor.execute(unitStream(unitId), unitDecider, command, context);
    return unitId;
  }
}
