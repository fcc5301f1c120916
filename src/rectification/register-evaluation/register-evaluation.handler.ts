import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '../../event-sourcing/command-executor.js';
import { CommandContext } from '../../shared/command-context.js';
import { deterministicId } from '../../shared/ids.js';
import { evaluationDecider } from '../domain/evaluation.decider.js';
import { evaluationStream } from '../domain/evaluation.events.js';
import { FindingListIndex } from '../finding-list/finding-list.index.js';
import { evaluationTitleClaim } from '../finding-titles/finding-titles.index.js';
import type { RegisterEvaluationInput } from './register-evaluation.input.js';

/**
 * Registers a received evaluation report; returns the new evaluation's id.
 * @throws CONFLICT (field `title`) when an evaluation with the same title's words is registered —
 *   decided on the read model and made atomic by a claim on the title key (two at once: one wins).
 */
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
  constructor(
    private readonly executor: CommandExecutor,
    private readonly list: FindingListIndex,
  ) {}

  async execute({ input, context }: RegisterEvaluationCommand): Promise<string> {
    // Derived from the command id, so a retried registration lands on the same stream.
    const evaluationId = deterministicId('evaluation', context.commandId);
    await this.executor.executeClaiming(
      evaluationStream(evaluationId),
      evaluationDecider,
      () => {
        const same = this.list.evaluationTitled(input.title);
        return {
          type: 'RegisterEvaluation' as const,
          data: { evaluationId, ...input },
          now: context.now,
          ...(same ? { sameTitleRegistered: { evaluationId: same.evaluationId, title: same.title, receivedOn: same.receivedOn } } : {}),
        };
      },
      [evaluationTitleClaim(input.title)],
      context,
    );
    return evaluationId;
  }
}
