import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '../../event-sourcing/command-executor.js';
import { officeDate } from '../../shared/calendar-date.js';
import { CommandContext } from '../../shared/command-context.js';
import { notFound } from '../../shared/domain-error.js';
import { circularDecider } from '../domain/circular.decider.js';
import { circularStream } from '../domain/circular.events.js';
import { CircularsReadModel } from '../circulars/circulars.read-model.js';
import { CircularFactsLookUp } from '../issue-circular/issue-circular.handler.js';
import type { CorrectCircularInput } from './correct-circular.input.js';

/**
 * 更正通报 (newcomer26 S9): corrects a circular's 发文日期 and/or 文号; returns its id. A new day is judged as issuing on
 * it would be (the unit's registration and merge, what it cites).
 * @throws NOT_FOUND for an unknown circular; CONFLICT when it was withdrawn; BAD_USER_INPUT when nothing changes, for no
 *   reason, or a day issuing could not have (future, before the unit or what it cites); FORBIDDEN for anyone but a supervisor.
 */
export class CorrectCircularCommand extends Command<string> {
  constructor(
    readonly input: Omit<CorrectCircularInput, 'idempotencyKey'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(CorrectCircularCommand)
export class CorrectCircularHandler implements ICommandHandler<CorrectCircularCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly circulars: CircularsReadModel,
    private readonly facts: CircularFactsLookUp,
  ) {}

  async execute({ input, context }: CorrectCircularCommand): Promise<string> {
    const { circularId, issuedOn, documentNumber, reason, expectedIssuedOn, expectedDocumentNumber } = input;
    const expected = { ...(expectedIssuedOn == null ? {} : { issuedOn: expectedIssuedOn }), ...(expectedDocumentNumber == null ? {} : { documentNumber: expectedDocumentNumber }) };
    const circular = this.circulars.get(circularId);
    if (!circular) throw notFound('Circular', circularId);
    const facts = await this.facts.about(circular.unitId, circular.references);
    const command = {
      type: 'CorrectCircular' as const,
      actor: context.actor,
      today: officeDate(context.now),
      circularId,
      reason,
      ...(issuedOn === undefined ? {} : { issuedOn }),
      ...(documentNumber === undefined ? {} : { documentNumber }),
      ...(Object.keys(expected).length === 0 ? {} : { expected }),
      ...facts,
    };
    await this.executor.execute(circularStream(circularId), circularDecider, command, context);
    return circularId;
  }
}
