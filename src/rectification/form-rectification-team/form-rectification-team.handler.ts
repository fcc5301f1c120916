import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import { CommandExecutor } from '../../event-sourcing/command-executor.js';
import { officeDate } from '../../shared/calendar-date.js';
import { CommandContext } from '../../shared/command-context.js';
import { deterministicId } from '../../shared/ids.js';
import { evaluationDecider } from '../domain/evaluation.decider.js';
import { evaluationStream } from '../domain/evaluation.events.js';
import { rectificationTeamDecider } from '../domain/rectification-team.decider.js';
import { rectificationTeamStream } from '../domain/rectification-team.events.js';
import type { FormRectificationTeamInput } from './form-rectification-team.input.js';

/** Forms the rectification team of an evaluation; returns the evaluation's id. */
export class FormRectificationTeamCommand extends Command<string> {
  constructor(
    readonly input: Omit<FormRectificationTeamInput, 'idempotencyKey'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(FormRectificationTeamCommand)
export class FormRectificationTeamHandler implements ICommandHandler<FormRectificationTeamCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly units: UnitsReadModel,
  ) {}

  async execute({ input, context }: FormRectificationTeamCommand): Promise<string> {
    const { evaluationId, leader, members } = input;
    const teamId = deterministicId('rectification-team', evaluationId, context.commandId);
    const evaluation = await this.executor.load(evaluationStream(evaluationId), evaluationDecider);
    await this.executor.execute(
      rectificationTeamStream(evaluationId),
      rectificationTeamDecider,
      {
        type: 'FormRectificationTeam',
        actor: context.actor,
        today: officeDate(context.now),
        formedOn: input.formedOn ?? officeDate(context.now),
        teamId,
        evaluationId,
        leader: { name: leader.name, title: leader.title ?? '' },
        members: members.map((member) => ({ name: member.name, title: member.title ?? '', unitId: member.unitId ?? null })),
        evaluationExists: evaluation.status === 'registered',
        evaluationReceivedOn: evaluation.status === 'registered' ? evaluation.receivedOn : undefined,
        unknownUnitIds: this.units.unknownIds(members.flatMap((member) => (member.unitId ? [member.unitId] : []))),
      },
      context,
    );
    return evaluationId;
  }
}
