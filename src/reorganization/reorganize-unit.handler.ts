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
import type { TimeCut } from '../shared/time-cut.js';
import type { CommandContext } from '../shared/command-context.js';
import { DomainError, badInput, notFound, say } from '../shared/domain-error.js';
import { EventSchemaRegistry } from '../shared/event-schemas.js';
import { WorkPlanLedger } from '../work-plan/breakdown/work-plan-ledger.js';
import { findingStream } from '../rectification/domain/finding.events.js';
import { workPlanItemStream } from '../work-plan/domain/work-plan.events.js';
import { handOverCommands, partsToHandOver, type HandOver, type PartToHandOver, type PartsHolder } from './hand-over-parts.js';
import { findingLabel, itemLabel, reorganizationNotices, type NoticeHolder } from './join-notices.js';

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
 * `only` (a hand-over, newcomer53-10 S1: 职能划转, one unit's duties split between two): the finding and work-plan item ids whose
 * part of the unit passes — nothing is recorded on the unit's stream (it keeps its other duties, and the directory reads no
 * hand-over of its work), each chosen part passes with `partOnly`, and a chosen parent whose part cannot pass is refused
 * (verified by the day, withdrawn, no part of the unit, the successor holding one there, a day before the assignment).
 * All or nothing: every command is checked before any is appended.
 */
export class ReorganizeUnitCommand extends Command<ReorganizationOutcome> {
  constructor(
    readonly handOver: HandOver,
    readonly merge: boolean,
    readonly context: CommandContext,
    readonly only?: readonly string[],
  ) {
    super();
  }
}

/** A part a hand-over would pass (`ReorganizeUnitHandler.choices`): its finding or item, as the 单位名录 dialog lists it. */
export interface HandOverChoice {
  readonly parentId: string;
  readonly kind: 'FINDING' | 'WORK_PLAN_ITEM';
  /** 《evaluation》问题「…」 / 《plan》事项 5「…」, naming the evaluation or plan (`findingLabel`, `itemLabel`). */
  readonly label: string;
  /** The unit's part as it stands (`PartView.status`). */
  readonly status: string;
  /** The office day it would pass (`YYYY-MM-DD`): the hand-over's, or the later day a part verified by then came back. */
  readonly on: string;
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

  private async reorganize({ handOver, merge, context, only }: ReorganizeUnitCommand): Promise<ReorganizationOutcome> {
    const { unitId, successorUnitId } = handOver;
    if (!this.units.get(unitId)) throw notFound('Unit', unitId);
    // Handing over is checked by each parent's decider; the successor's existence only here.
    if (!this.units.get(successorUnitId) && !merge) throw notFound('Unit', successorUnitId);
    const chosen = only === undefined ? undefined : this.requireChosen(only);
    let plan = this.plan(handOver, merge, context, chosen);
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
        const again = this.plan(handOver, merge, context, chosen);
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
   * The chosen finding and item ids of a split (`only`), each once, in the order given: BAD_USER_INPUT when none is chosen,
   * NOT_FOUND (`field: 'only'`, the id in `details.parentId`) for one that is neither a finding nor a work-plan item.
   */
  private requireChosen(only: readonly string[]): ReadonlySet<string> {
    const chosen = new Set(only);
    if (chosen.size === 0) {
      throw badInput('Choose at least one finding or work-plan item whose part passes, or leave the choice out to hand over every open part.', '请至少选择一个要移交的问题或工作事项；不选择则移交该单位的全部未完成任务。', { field: 'only' });
    }
    for (const id of chosen) {
      if (!this.findings.finding(id) && !this.workPlans.item(id)) {
        throw new DomainError('NOT_FOUND', say(`No finding or work-plan item ${id.slice(0, 64)} to hand over.`, '所选的问题或工作事项不存在（可能已删除，或链接有误）。'), { field: 'only', parentId: id.slice(0, 64) });
      }
    }
    return chosen;
  }

  /**
   * The findings and items whose part of `unitId` passes on office day `on` (`partsToHandOver`; a hand-over of the day of the
   * unit's merge, typed after it, as breaker8k P8), each with its day. `chosen` (a split): only those parents — each of them, a
   * part that would not pass (verified by the day, withdrawn by it, not the unit's …) on the hand-over's day, so that its
   * parent's decider refuses it, naming why (nothing is left out silently).
   */
  private moving(unitId: string, on: string, merge: boolean, chosen?: ReadonlySet<string>): { findings: PartToHandOver[]; items: PartToHandOver[]; mergedThatDayInto?: string } {
    const merger = merge ? undefined : this.units.mergerOf(unitId);
    const mergedThatDayInto = merger?.mergedOn === on ? merger.successorUnitId : undefined;
    // A scan of every finding and item: rare (a reorganisation), and an administrator waits for it. A split looks up its parents.
    // A finding withdrawn on a later day was on the 台账 on the reorganisation's day: its parts as they stood at the withdrawal pass (breaker8j P6).
    const findingViews = chosen ? [...chosen].flatMap((id) => this.findings.finding(id) ?? []) : this.findings.listFindings();
    const itemViews = chosen ? [...chosen].flatMap((id) => this.workPlans.item(id) ?? []) : this.workPlans.listItems();
    const findings = partsToHandOver(
      findingViews.map((finding) => ({ id: finding.findingId, parts: finding.partsWhenWithdrawn ?? finding.parts, withdrawnOn: finding.withdrawnOn })),
      unitId,
      on,
      merge,
      mergedThatDayInto,
    );
    const items = partsToHandOver(itemViews.map((item) => ({ id: item.itemId, parts: item.parts, withdrawnOn: item.withdrawnOn })), unitId, on, merge, mergedThatDayInto);
    const judged = (passing: PartToHandOver[], ids: readonly string[]) => [...passing, ...ids.filter((id) => !passing.some((part) => part.id === id)).map((id) => ({ id, on }))];
    return {
      findings: chosen ? judged(findings, findingViews.map((finding) => finding.findingId)) : findings,
      items: chosen ? judged(items, itemViews.map((item) => item.itemId)) : items,
      ...(mergedThatDayInto === undefined ? {} : { mergedThatDayInto }),
    };
  }

  /**
   * The reorganisation's commands on the directory and the read models as they stand: the unit's stream (UnitMerged /
   * UnitWorkHandedOver) and one HandOverPart per finding and item with a part of the unit that passes (`partsToHandOver`).
   * A split (`chosen`): only the chosen parents' HandOverPart, each `partOnly`; nothing on the unit's stream.
   */
  private plan(handOver: HandOver, merge: boolean, context: CommandContext, chosen?: ReadonlySet<string>): Plan {
    const { unitId, successorUnitId } = handOver;
    const successor = this.units.get(successorUnitId);
    const { findings, items, mergedThatDayInto } = this.moving(unitId, handOver.on, merge, chosen);
    const today = officeDate(context.now);
    const commands: BatchCommand[] = [
      ...(chosen !== undefined && !merge
        ? []
        : merge
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
      ...handOverCommands(handOver, { today, unitNames: this.units, successorRegisteredOn: successor?.registeredOn }, { findings, items }, context, merge, chosen !== undefined && !merge),
    ];
    const notices = reorganizationNotices(this.noticeHolders(), [...findings, ...items], unitId, successorUnitId, (id) => this.units.get(id)?.name ?? id);
    return { commands, outcome: { findingIds: findings.map((finding) => finding.id), itemIds: items.map((item) => item.id), notices }, ...(mergedThatDayInto === undefined ? {} : { mergedThatDayInto }) };
  }

  /**
   * What a merge or hand-over of `unitId` into `successorUnitId` on office day `on` would do to each part, as the 单位名录 dialog
   * previews it (`reorganizationNotices`), on the read models as they stand; nothing written. The unit's merge of that day typed
   * before a hand-over is weighed as `plan` weighs it.
   */
  preview(handOver: Pick<HandOver, 'unitId' | 'successorUnitId' | 'on'>, merge: boolean, only?: readonly string[]): string[] {
    const { unitId, successorUnitId, on } = handOver;
    const chosen = only === undefined || merge ? undefined : new Set(only);
    const { findings, items } = this.moving(unitId, on, merge);
    const moving = [...findings, ...items].filter((part) => chosen === undefined || chosen.has(part.id));
    return reorganizationNotices(this.noticeHolders(), moving, unitId, successorUnitId, (id) => this.units.get(id)?.name ?? id);
  }

  /**
   * The parts a hand-over of `unitId` on office day `on` would pass (the 单位名录 移交任务 dialog's choice, newcomer53-10 S1): each
   * finding and item with its label, the part's status and the day it passes — findings first, then items, each in the ledgers'
   * order. Which parts pass is judged as the hand-over judges them (`moving`); each status is the part's as it stood at the end of
   * the day it passes (breaker55-8 M3: a past day's choices read today's — a part verified since read 已核验, one reported since
   * 已报告): for a day before `today` (`YYYY-MM-DD`, the office day now) read from the parent's view of that day (`findingAt` /
   * `itemAt`, O(its events), only the parents listed); for today or later from the views as they stand. Nothing written.
   */
  async choices(unitId: string, on: string, today: string): Promise<HandOverChoice[]> {
    const { findings, items } = this.moving(unitId, on, false);
    const statusIn = (parts: PartsHolder['parts'] | undefined) => parts?.get(unitId)?.status ?? [...(parts?.values() ?? [])].find((part) => part.heldBefore?.includes(unitId))?.status ?? 'ASSIGNED';
    /** The business day `day` as every fact entered now tells it (`asOf` only). */
    const dayCut = (day: string): TimeCut => ({ asOf: day, knownAt: null, axes: ['BUSINESS_DAY'] });
    const findingChoices = await Promise.all(
      findings.map(async ({ id, on: day }) => {
        const finding = this.findings.finding(id);
        if (!finding) return [];
        const then = day < today ? await this.findings.findingAt(id, dayCut(day)) : undefined;
        const parts = then ? (then.partsWhenWithdrawn ?? then.parts) : (finding.partsWhenWithdrawn ?? finding.parts);
        return [{ parentId: id, kind: 'FINDING' as const, label: this.findingLabel(finding), status: statusIn(parts), on: day }];
      }),
    );
    const itemChoices = await Promise.all(
      items.map(async ({ id, on: day }) => {
        const item = this.workPlans.item(id);
        if (!item) return [];
        const then = day < today ? await this.workPlans.itemAt(id, dayCut(day)) : undefined;
        return [{ parentId: id, kind: 'WORK_PLAN_ITEM' as const, label: this.itemLabel(item), status: statusIn(then?.parts ?? item.parts), on: day }];
      }),
    );
    return [...findingChoices.flat(), ...itemChoices.flat()];
  }

  /** Every finding and item as a notice names it (《…》问题「…」, 《…》事项 5「…」), with its parts as a reorganisation judges them. */
  private noticeHolders(): NoticeHolder[] {
    return [
      ...this.findings.listFindings().map((finding) => ({ id: finding.findingId, label: this.findingLabel(finding), parts: finding.partsWhenWithdrawn ?? finding.parts })),
      ...this.workPlans.listItems().map((item) => ({ id: item.itemId, label: this.itemLabel(item), parts: item.parts })),
    ];
  }

  /** A finding named with its evaluation (`findingLabel`). */
  private findingLabel(finding: { readonly evaluationId: string; readonly title: string }): string {
    return findingLabel(this.findings.evaluation(finding.evaluationId), finding);
  }

  /** An item named with its plan (`itemLabel`). */
  private itemLabel(item: { readonly planId: string; readonly code: string; readonly title: string }): string {
    return itemLabel(this.workPlans.plan(item.planId), item);
  }
}
