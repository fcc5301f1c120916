import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '../../event-sourcing/command-executor.js';
import { officeDate } from '../../shared/calendar-date.js';
import type { CommandContext } from '../../shared/command-context.js';
import { unitDecider } from '../domain/unit.decider.js';
import { unitStream } from '../domain/unit.events.js';

/** Corrects a unit's registration day to an earlier one, with a reason. Returns the unit's id. */
export class CorrectUnitRegistrationCommand extends Command<string> {
  constructor(
    readonly unitId: string,
    /** `YYYY-MM-DD`, earlier than the day it has. */
    readonly registeredOn: string,
    readonly reason: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(CorrectUnitRegistrationCommand)
export class CorrectUnitRegistrationHandler implements ICommandHandler<CorrectUnitRegistrationCommand> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ unitId, registeredOn, reason, context }: CorrectUnitRegistrationCommand): Promise<string> {
    const command = { type: 'CorrectUnitRegistration', actor: context.actor, today: officeDate(context.now), registeredOn, reason } as const;
    await this.executor.execute(unitStream(unitId), unitDecider, command, context);
    return unitId;
  }
}
