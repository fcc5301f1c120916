import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '../../event-sourcing/command-executor.js';
import { officeDate } from '../../shared/calendar-date.js';
import { CommandContext } from '../../shared/command-context.js';
import { circularDecider } from '../domain/circular.decider.js';
import { circularStream } from '../domain/circular.events.js';
import type { WithdrawCircularInput } from './withdraw-circular.input.js';

/**
 * 撤回通报 (newcomer26 S9): takes back a circular issued by mistake; returns its id.
 * @throws NOT_FOUND for an unknown circular; CONFLICT when it was withdrawn already; BAD_USER_INPUT for no reason, or a
 *   withdrawal day in the future or before its issue day; FORBIDDEN for anyone but a supervisor.
 */
export class WithdrawCircularCommand extends Command<string> {
  constructor(
    readonly input: Omit<WithdrawCircularInput, 'idempotencyKey'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(WithdrawCircularCommand)
export class WithdrawCircularHandler implements ICommandHandler<WithdrawCircularCommand> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ input, context }: WithdrawCircularCommand): Promise<string> {
    const today = officeDate(context.now);
    const { circularId, reason, withdrawnOn = today } = input;
    await this.executor.execute(circularStream(circularId), circularDecider, { type: 'WithdrawCircular' as const, actor: context.actor, today, circularId, reason, withdrawnOn }, context);
    return circularId;
  }
}
