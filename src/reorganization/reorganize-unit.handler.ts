import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { checkBatch, executeBatch, batchCommand, type BatchCommand } from '../event-sourcing/command-batch.js';
import { ProjectionEngine } from '../event-sourcing/projection-engine.js';
import { WriteGate } from '../event-sourcing/write-gate.js';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port.js';
import { unitDecider } from '../organization/domain/unit.decider.js';
import { unitStream } from '../organization/domain/unit.events.js';
import { UnitsReadModel } from '../organization/units/units.read-model.js';
import { RectificationLedger } from '../rectification/ledger/rectification-ledger.js';
import { officeDate } from '../shared/calendar-date.js';
import type { CommandContext } from '../shared/command-context.js';
import { DomainError, notFound, say } from '../shared/domain-error.js';
import { EventSchemaRegistry } from '../shared/event-schemas.js';
import { WorkPlanLedger } from '../work-plan/breakdown/work-plan-ledger.js';
import { findingStream } from '../rectification/domain/finding.events.js';
import { workPlanItemStream } from '../work-plan/domain/work-plan.events.js';
import { handOverCommands, partsToHandOver, type HandOver } from './hand-over-parts.js';
import { reorganizationNotices, type NoticeHolder } from './join-notices.js';

/** How many times a reorganisation refused is scanned again, when the unit's parts moved meanwhile. */
const REPLANS = 4;

/**
 * Whether two scans found the same parents to hand over, knowing the same: a merge of the unit on the hand-over's day seen only
 * by the second scan (a merge sent at the same moment to another server: breaker8k P8) changes how the same parents are decided.
 */
const samePlan = (a: Plan, b: Plan): boolean =>
  JSON.stringify([a.outcome.findingIds, a.outcome.itemIds, a.mergedThatDayInto ?? null]) === JSON.stringify([b.outcome.findingIds, b.outcome.itemIds, b.mergedThatDayInto ?? null]);

/** A reorganisation's commands, what they hand over, and the unit's merge of the same day the scan knew of (a hand-over's). */
interface Plan {
  readonly commands: BatchCommand[];
  readonly outcome: ReorganizationOutcome;
  readonly mergedThatDayInto?: string;
}

/** What a reorganisation did: the parts handed over, by parent. */
export interface ReorganizationOutcome {
  readonly findingIds: readonly string[];
  readonly itemIds: readonly string[];
  /** What happens to each part passed, in Chinese (`reorganizationNotices`: a join's report awaiting inspection set aside …); absent on a date correction. */
  readonly notices?: readonly string[];
}

/**
 * 机构改革, as one request: `merge` records UnitMerged on the unit's stream (its names then lead to
 * the successor), a hand-over UnitWorkHandedOver (its parts that come back later pass then); either
 * way every open part of the unit is handed over to the successor.
 * All or nothing: every command is checked before any is appended.
 */
export class ReorganizeUnitCommand extends Command<ReorganizationOutcome> {
  constructor(
    readonly handOver: HandOver,
    readonly merge: boolean,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ReorganizeUnitCommand)
export class ReorganizeUnitHandler implements ICommandHandler<ReorganizeUnitCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly schemas: EventSchemaRegistry,
    private readonly projections: ProjectionEngine,
    private readonly units: UnitsReadModel,
    private readonly findings: RectificationLedger,
    private readonly workPlans: WorkPlanLedger,
    private readonly gate: WriteGate,
  ) {}

  /**
   * Runs alone among the process's writes (WriteGate.exclusive): a 交办 or import sent at the same
   * moment is decided and projected either before the scan below (its part is scanned and passes) or
   * after this reorganisation is in the directory (it follows the merge's rules) — never a part left
   * with a unit that merged away (breaker9f P6, breaker8g P19).
   */
  execute(command: ReorganizeUnitCommand): Promise<ReorganizationOutcome> {
    return this.gate.exclusive(() => this.reorganize(command));
  }

  private async reorganize({ handOver, merge, context }: ReorganizeUnitCommand): Promise<ReorganizationOutcome> {
    const { unitId, successorUnitId } = handOver;
    if (!this.units.get(unitId)) throw notFound('Unit', unitId);
    // Handing over is checked by each parent's decider; the successor's existence only here.
    if (!this.units.get(successorUnitId) && !merge) throw notFound('Unit', successorUnitId);
    let plan = this.plan(handOver, merge, context);
    for (let round = 1; ; round += 1) {
      try {
        const refusals = await checkBatch(this.store, this.schemas, plan.commands);
        if (refusals.length > 0) throw this.namingItsParent(refusals[0]!.error, refusals[0]!.streamId);
        const batch = await executeBatch(this.store, this.schemas, plan.commands);
        if (batch.position) await this.projections.waitFor(batch.position);
        return plan.outcome;
      } catch (error) {
        if (!(error instanceof DomainError) || round >= REPLANS) throw error;
        // Another request may have moved the unit's parts since they were scanned (a second reorganisation of the unit at the
        // same moment: breaker8h P10): scanned again on the read models caught up with the store. The same parts → the refusal stands.
        await this.projections.catchUp();
        const again = this.plan(handOver, merge, context);
        if (samePlan(again, plan)) throw error;
        plan = again;
      }
    }
  }

  /**
   * A part's refusal as the administrator reads it: prefixed with the finding or work-plan item it is about (a reorganisation
   * touches many; breaker8g P3: the refusal named none), same code and details plus `findingId` / `itemId`. Others as they are.
   */
  private namingItsParent(error: DomainError, streamId: string): DomainError {
    const findingId = streamId.startsWith(findingStream('')) ? streamId.slice(findingStream('').length) : undefined;
    const itemId = streamId.startsWith(workPlanItemStream('')) ? streamId.slice(workPlanItemStream('').length) : undefined;
    const finding = findingId === undefined ? undefined : this.findings.finding(findingId);
    const item = itemId === undefined ? undefined : this.workPlans.item(itemId);
    if (finding) {
      const message = say(`Finding 「${finding.title}」: ${error.message}`, `问题「${finding.title}」：${error.messageZh}`);
      return new DomainError(error.code, message, { ...error.details, findingId: finding.findingId });
    }
    if (item) {
      const message = say(`Work-plan item ${item.code} 「${item.title}」: ${error.message}`, `工作事项 ${item.code}「${item.title}」：${error.messageZh}`);
      return new DomainError(error.code, message, { ...error.details, itemId: item.itemId });
    }
    return error;
  }

  /**
   * The reorganisation's commands on the directory and the read models as they stand: the unit's stream (UnitMerged /
   * UnitWorkHandedOver) and one HandOverPart per finding and item with a part of the unit that passes (`partsToHandOver`).
   */
  private plan(handOver: HandOver, merge: boolean, context: CommandContext): Plan {
    const { unitId, successorUnitId } = handOver;
    const successor = this.units.get(successorUnitId);
    // A hand-over on the day of the unit's merge, typed after it: the merge's moves of that day give way to it (breaker8k P8).
    const merger = merge ? undefined : this.units.mergerOf(unitId);
    const mergedThatDayInto = merger?.mergedOn === handOver.on ? merger.successorUnitId : undefined;
    // A scan of every finding and item: rare (a reorganisation), and an administrator waits for it.
    // A finding withdrawn on a later day was on the 台账 on the reorganisation's day: its parts as they stood at the withdrawal pass (breaker8j P6).
    const findings = partsToHandOver(
      this.findings.listFindings().map((finding) => ({ id: finding.findingId, parts: finding.partsWhenWithdrawn ?? finding.parts, withdrawnOn: finding.withdrawnOn })),
      unitId,
      handOver.on,
      merge,
      mergedThatDayInto,
    );
    const items = partsToHandOver(this.workPlans.listItems().map((item) => ({ id: item.itemId, parts: item.parts, withdrawnOn: item.withdrawnOn })), unitId, handOver.on, merge, mergedThatDayInto);
    const today = officeDate(context.now);
    const commands: BatchCommand[] = [
      ...(merge
        ? [
            batchCommand(
              null,
              unitStream(unitId),
              unitDecider,
              {
                type: 'MergeUnit',
                actor: context.actor,
                today,
                mergedOn: handOver.on,
                successorUnitId,
                reason: handOver.reason,
                successor: successor && {
                  mergedInto: successor.mergedIntoUnitId,
                  name: successor.name,
                  registeredOn: successor.registeredOn,
                  ...(successor.mergedOn ? { mergedOn: successor.mergedOn } : {}),
                  ...(successor.mergedIntoUnitId ? { carriedOnBy: this.units.successorOf(successorUnitId) } : {}),
                },
                nameOf: (id: string) => this.units.get(id)?.name,
                predecessors: this.units.predecessorsOf(unitId),
                returnsBy: this.units.workPathTo(successorUnitId, unitId, handOver.on),
              },
              context,
            ),
          ]
        : [
            // Without a merge the directory still records the hand-over: a part that comes back later passes then (breaker8b N1).
            batchCommand(
              null,
              unitStream(unitId),
              unitDecider,
              {
                type: 'HandOverUnitWork',
                actor: context.actor,
                today,
                handedOverOn: handOver.on,
                successorUnitId,
                reason: handOver.reason,
                successor: successor && {
                  name: successor.name,
                  registeredOn: successor.registeredOn,
                  mergedInto: successor.mergedIntoUnitId,
                  ...(successor.mergedOn ? { mergedOn: successor.mergedOn } : {}),
                  ...(successor.mergedIntoUnitId ? { carriedOnBy: this.units.successorOf(successorUnitId) } : {}),
                },
                nameOf: (id: string) => this.units.get(id)?.name,
              },
              context,
            ),
          ]),
      ...handOverCommands(handOver, { today, unitNames: this.units, successorRegisteredOn: successor?.registeredOn }, { findings, items }, context, merge),
    ];
    const notices = reorganizationNotices(this.noticeHolders(), [...findings, ...items], unitId, successorUnitId, (id) => this.units.get(id)?.name ?? id);
    return { commands, outcome: { findingIds: findings.map((finding) => finding.id), itemIds: items.map((item) => item.id), notices }, ...(mergedThatDayInto === undefined ? {} : { mergedThatDayInto }) };
  }

  /**
   * What a merge or hand-over of `unitId` into `successorUnitId` on office day `on` would do to each part, as the 单位名录 dialog
   * previews it (`reorganizationNotices`), on the read models as they stand; nothing written. The unit's merge of that day typed
   * before a hand-over is weighed as `plan` weighs it.
   */
  preview(handOver: Pick<HandOver, 'unitId' | 'successorUnitId' | 'on'>, merge: boolean): string[] {
    const { unitId, successorUnitId, on } = handOver;
    const merger = merge ? undefined : this.units.mergerOf(unitId);
    const mergedThatDayInto = merger?.mergedOn === on ? merger.successorUnitId : undefined;
    const findings = partsToHandOver(
      this.findings.listFindings().map((finding) => ({ id: finding.findingId, parts: finding.partsWhenWithdrawn ?? finding.parts, withdrawnOn: finding.withdrawnOn })),
      unitId,
      on,
      merge,
      mergedThatDayInto,
    );
    const items = partsToHandOver(this.workPlans.listItems().map((item) => ({ id: item.itemId, parts: item.parts, withdrawnOn: item.withdrawnOn })), unitId, on, merge, mergedThatDayInto);
    return reorganizationNotices(this.noticeHolders(), [...findings, ...items], unitId, successorUnitId, (id) => this.units.get(id)?.name ?? id);
  }

  /** Every finding and item as a notice names it (问题「…」, 事项 5「…」), with its parts as a reorganisation judges them. */
  private noticeHolders(): NoticeHolder[] {
    return [
      ...this.findings.listFindings().map((finding) => ({ id: finding.findingId, label: `问题「${finding.title}」`, parts: finding.partsWhenWithdrawn ?? finding.parts })),
      ...this.workPlans.listItems().map((item) => ({ id: item.itemId, label: `事项 ${item.code}「${item.title}」`, parts: item.parts })),
    ];
  }
}
