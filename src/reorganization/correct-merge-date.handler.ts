import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { HandOverPart, UnitNames } from '../assignments/domain/assignment.commands.js';
import { batchCommand, checkBatch, contextInBatch, executeBatch, type BatchCommand } from '../event-sourcing/command-batch.js';
import { ProjectionEngine } from '../event-sourcing/projection-engine.js';
import { WriteGate } from '../event-sourcing/write-gate.js';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port.js';
import { unitDecider } from '../organization/domain/unit.decider.js';
import { unitStream } from '../organization/domain/unit.events.js';
import { UnitsReadModel } from '../organization/units/units.read-model.js';
import { findingDecider } from '../rectification/domain/finding.decider.js';
import { findingStream } from '../rectification/domain/finding.events.js';
import { RectificationLedger } from '../rectification/ledger/rectification-ledger.js';
import { officeDate } from '../shared/calendar-date.js';
import type { CommandContext } from '../shared/command-context.js';
import { DomainError, conflict, notFound, say } from '../shared/domain-error.js';
import { EventSchemaRegistry } from '../shared/event-schemas.js';
import { WorkPlanLedger } from '../work-plan/breakdown/work-plan-ledger.js';
import { workPlanItemDecider } from '../work-plan/domain/work-plan-item.decider.js';
import { workPlanItemStream } from '../work-plan/domain/work-plan.events.js';
import type { ReorganizationOutcome } from './reorganize-unit.handler.js';

/** What the administrator sends (`correctUnitMergeDate`): the merge as the form read it, its right day, why. Days `YYYY-MM-DD`. */
export interface MergeDateCorrection {
  readonly unitId: string;
  readonly previousMergedOn: string;
  readonly mergedOn: string;
  readonly reason: string;
}

/**
 * breaker8p P6: the day of a merge entered wrong, corrected as one request — `UnitMergeDateCorrected` on the unit's stream and, in
 * every finding and work-plan item the unit had a part in, the merge's steps undone and the part passed again on the corrected day
 * (`HandOverPart.redatedFrom`). All or nothing, as the merge itself: every command is checked before any is appended, and a
 * refusal names the finding or item it is about. Outcome: the parents whose parts moved.
 */
export class CorrectMergeDateCommand extends Command<ReorganizationOutcome> {
  constructor(
    readonly correction: MergeDateCorrection,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(CorrectMergeDateCommand)
export class CorrectMergeDateHandler implements ICommandHandler<CorrectMergeDateCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly schemas: EventSchemaRegistry,
    private readonly projections: ProjectionEngine,
    private readonly units: UnitsReadModel,
    private readonly findings: RectificationLedger,
    private readonly workPlans: WorkPlanLedger,
    private readonly gate: WriteGate,
  ) {}

  /** Alone among the process's writes (WriteGate.exclusive), as a reorganisation: nothing moves the unit's parts meanwhile. */
  execute(command: CorrectMergeDateCommand): Promise<ReorganizationOutcome> {
    return this.gate.exclusive(() => this.correct(command));
  }

  private async correct({ correction, context }: CorrectMergeDateCommand): Promise<ReorganizationOutcome> {
    const unit = this.units.get(correction.unitId);
    if (!unit) throw notFound('Unit', correction.unitId, 'unitId');
    const merger = this.units.mergerOf(correction.unitId);
    if (!merger) {
      throw conflict(`${unit.name} has not been merged into another unit: there is no merge day to correct.`, `${unit.name}未并入其他单位，没有可更正的合并日期。`, { field: 'unitId' });
    }
    const successor = this.units.get(merger.successorUnitId);
    const today = officeDate(context.now);
    // The directory as it reads with the corrected day: the parents' rules pass the parts by it.
    const corrected = this.directoryWith(correction.unitId, { successorUnitId: merger.successorUnitId, mergedOn: correction.mergedOn });
    const findingIds = this.findings
      .listFindings()
      .filter((finding) => [...(finding.partsWhenWithdrawn ?? finding.parts).values()].some((part) => part.unitId === correction.unitId || (part.heldBefore ?? []).includes(correction.unitId)))
      .map((finding) => finding.findingId);
    const itemIds = this.workPlans
      .listItems()
      .filter((item) => [...item.parts.values()].some((part) => part.unitId === correction.unitId || (part.heldBefore ?? []).includes(correction.unitId)))
      .map((item) => item.itemId);
    const partCommand: HandOverPart = {
      type: 'HandOverPart',
      actor: context.actor,
      today,
      unitId: correction.unitId,
      successorUnitId: merger.successorUnitId,
      reason: correction.reason,
      handedOverOn: correction.mergedOn,
      redatedFrom: correction.previousMergedOn,
      merging: true,
      unitNames: corrected,
      ...(successor ? { successorRegisteredOn: successor.registeredOn } : {}),
    };
    const contextFor = (streamId: string) => contextInBatch(context, 'HandOverPart', `${context.commandId}:${streamId}`);
    const commands: BatchCommand[] = [
      batchCommand(
        null,
        unitStream(correction.unitId),
        unitDecider,
        {
          type: 'CorrectUnitMergeDate',
          actor: context.actor,
          today,
          previousMergedOn: correction.previousMergedOn,
          mergedOn: correction.mergedOn,
          reason: correction.reason,
          successor: successor && {
            mergedInto: successor.mergedIntoUnitId,
            name: successor.name,
            registeredOn: successor.registeredOn,
            ...(successor.mergedOn ? { mergedOn: successor.mergedOn } : {}),
            ...(successor.mergedIntoUnitId ? { carriedOnBy: this.units.successorOf(successor.id) } : {}),
          },
          nameOf: (id: string) => this.units.get(id)?.name,
          predecessors: this.units.predecessorsOf(correction.unitId),
          returnsBy: this.units.workPathTo(merger.successorUnitId, correction.unitId, correction.mergedOn),
        },
        context,
      ),
      ...findingIds.map((id) => batchCommand(null, findingStream(id), findingDecider, partCommand, contextFor(findingStream(id)))),
      ...itemIds.map((id) => batchCommand(null, workPlanItemStream(id), workPlanItemDecider, partCommand, contextFor(workPlanItemStream(id)))),
    ];
    const refusals = await checkBatch(this.store, this.schemas, commands);
    if (refusals.length > 0) throw this.namingItsParent(refusals[0]!.error, refusals[0]!.streamId);
    const batch = await executeBatch(this.store, this.schemas, commands);
    if (batch.position) await this.projections.waitFor(batch.position);
    return { findingIds, itemIds };
  }

  /** The directory as the read model has it, but with the unit's merge on `merger.mergedOn`. */
  private directoryWith(unitId: string, merger: { readonly successorUnitId: string; readonly mergedOn: string }): UnitNames {
    const units = this.units;
    return {
      nameOf: (id) => units.nameOf(id),
      nameOn: (id, day) => units.nameOn(id, day),
      registeredOnOf: (id) => units.registeredOnOf(id),
      mergerOf: (id) => (id === unitId ? merger : units.mergerOf(id)),
      handOversOf: (id) => units.handOversOf(id),
      predecessorsOf: (id) => units.predecessorsOf(id).map((predecessor) => (predecessor.unitId === unitId && predecessor.merged ? { ...predecessor, on: merger.mergedOn } : predecessor)),
    };
  }

  /** A part's refusal prefixed with the finding or work-plan item it is about (as a reorganisation's: breaker8g P3). */
  private namingItsParent(error: DomainError, streamId: string): DomainError {
    const findingId = streamId.startsWith(findingStream('')) ? streamId.slice(findingStream('').length) : undefined;
    const itemId = streamId.startsWith(workPlanItemStream('')) ? streamId.slice(workPlanItemStream('').length) : undefined;
    const finding = findingId === undefined ? undefined : this.findings.finding(findingId);
    const item = itemId === undefined ? undefined : this.workPlans.item(itemId);
    if (finding) return new DomainError(error.code, say(`Finding 「${finding.title}」: ${error.message}`, `问题「${finding.title}」：${error.messageZh}`), { ...error.details, findingId: finding.findingId });
    if (item) return new DomainError(error.code, say(`Work-plan item ${item.code} 「${item.title}」: ${error.message}`, `工作事项 ${item.code}「${item.title}」：${error.messageZh}`), { ...error.details, itemId: item.itemId });
    return error;
  }
}
