import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '../../event-sourcing/command-executor.js';
import { CommandContext } from '../../shared/command-context.js';
import { deterministicId } from '../../shared/ids.js';
import { evaluationDecider } from '../domain/evaluation.decider.js';
import { evaluationStream } from '../domain/evaluation.events.js';
import type { RegisterEvaluationInput } from './register-evaluation.input.js';

/** Registers a received evaluation report; returns the new evaluation's id. */
export class RegisterEvaluationCommand extends Command<string> {
  constructor(
    readonly input: Omit<RegisterEvaluationInput, 'idempotencyKey'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RegisterEvaluationCommand)
export class RegisterEvaluationHandler implements ICommandHandler<RegisterEvaluationCommand> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ input, context }: RegisterEvaluationCommand): Promise<string> {
    // Derived from the command id, so a retried registration lands on the same stream.
    const evaluationId = deterministicId('evaluation', context.commandId);
    await this.executor.execute(
      evaluationStream(evaluationId),
      evaluationDecider,
      { type: 'RegisterEvaluation', data: { evaluationId, ...input }, now: context.now },
      context,
    );
    return evaluationId;
  }
}
