import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { withUnitNames } from '../../assignments/domain/assignment.commands.js';
import { overrideOf } from '../../assignments/graphql/part-commands.js';
import { CommandExecutor } from '../../event-sourcing/command-executor.js';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import { unitsNamedNow } from '../../organization/units/units-named.js';
import { officeDate } from '../../shared/calendar-date.js';
import { CommandContext } from '../../shared/command-context.js';
import { deterministicId } from '../../shared/ids.js';
import { evaluationDecider } from '../domain/evaluation.decider.js';
import { evaluationStream } from '../domain/evaluation.events.js';
import { findingDecider, type RecordAssignedFinding, type RecordFinding } from '../domain/finding.decider.js';
import { findingStream } from '../domain/finding.events.js';
import { findingDueDateLimit } from '../domain/rectification-plan.decider.js';
import { FindingTitlesIndex, findingTitleClaim } from '../finding-titles/finding-titles.index.js';
import { RectificationSetupReadModel } from '../rectification-setup/rectification-setup.read-model.js';
import type { FindingAssignmentInput, RecordFindingInput } from './record-finding.input.js';

/** Records one problem named by an evaluation, and its parts when `input.assignment` gives them; returns the new finding's id. */
export class RecordFindingCommand extends Command<string> {
  constructor(
    readonly input: Omit<RecordFindingInput, 'idempotencyKey'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RecordFindingCommand)
export class RecordFindingHandler implements ICommandHandler<RecordFindingCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly units: UnitsReadModel,
    private readonly setup: RectificationSetupReadModel,
    private readonly titles: FindingTitlesIndex,
  ) {}

  /**
   * Decided on the read models, and the title's words claimed with the finding's first events
   * (`findingTitleClaim`): of requests racing one title exactly one records it, the others are
   * refused as a title already recorded (breaker12 P10).
   */
  async execute({ input, context }: RecordFindingCommand): Promise<string> {
    const findingId = deterministicId('finding', context.commandId);
    await this.executor.executeClaiming(
      findingStream(findingId),
      findingDecider,
      () => this.decision(findingId, input, context),
      [findingTitleClaim(input.evaluationId, input.title)],
      context,
    );
    return findingId;
  }

  /** The recording as the read models see it now. */
  private async decision(findingId: string, { assignment, distinctFrom, ...input }: RecordFindingCommand['input'], context: CommandContext): Promise<RecordFinding | RecordAssignedFinding> {
    const evaluation = await this.executor.load(evaluationStream(input.evaluationId), evaluationDecider);
    const concernedUnitIds = input.concernedUnitIds ?? [];
    const today = officeDate(context.now);
    const record: RecordFinding = {
      type: 'RecordFinding',
      today,
      data: { findingId, ...input, concernedUnitIds, identifiedOn: input.identifiedOn ?? today, measures: input.measures?.trim() ?? '' },
      evaluationExists: evaluation.status === 'registered',
      evaluationReceivedOn: evaluation.status === 'registered' ? evaluation.receivedOn : undefined,
      unknownUnitIds: this.units.unknownIds(concernedUnitIds),
      ...this.sameTitleRecorded(input.evaluationId, input.title),
      nearTitlesRecorded: this.titles
        .near(input.evaluationId, input.title, unitsNamedNow(this.units))
        .filter((near) => !near.withdrawn)
        .map(({ findingId, title, distance }) => ({ findingId, title, distance })),
      distinctFrom: distinctFrom ?? [],
    };
    return assignment ? this.assigned(record, assignment, context) : record;
  }

  /** The evaluation's finding, not withdrawn, with the same title's words: the form does not record a problem twice. */
  private sameTitleRecorded(evaluationId: string, title: string): Pick<RecordFinding, 'sameTitleRecorded'> {
    const same = this.titles.sameTitle(evaluationId, title);
    return same && !same.withdrawn ? { sameTitleRecorded: { findingId: same.findingId, title: same.title } } : {};
  }

  /**
   * The recording with its parts, decided as one (RecordAssignedFinding): due dates bounded by the
   * evaluation's approved plan, as `assignFinding` bounds them; assigned today when no day is given.
   */
  private assigned(record: RecordFinding, assignment: FindingAssignmentInput, context: CommandContext): RecordAssignedFinding {
    const plan = this.setup.planOf(record.data.evaluationId);
    const assignedUnitIds = assignment.units.map((unit) => unit.unitId);
    return {
      ...record,
      type: 'RecordAssignedFinding',
      unknownUnitIds: this.units.unknownIds([...record.data.concernedUnitIds, ...assignedUnitIds]),
      assignment: withUnitNames(
        {
          actor: context.actor,
          assignedOn: assignment.assignedOn ?? record.today,
          units: assignment.units,
          dueDateLimit: findingDueDateLimit(plan, record.data.identifiedOn),
          ...overrideOf(assignment),
        },
        this.units,
      ),
    };
  }
}
