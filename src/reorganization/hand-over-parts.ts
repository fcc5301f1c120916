import { batchCommand, contextInBatch, type BatchCommand } from '../event-sourcing/command-batch.js';
import type { HandOverPart, UnitNames } from '../assignments/domain/assignment.commands.js';
import type { PartView } from '../assignments/read-model/part-view.js';
import type { CommandContext } from '../shared/command-context.js';
import { findingDecider } from '../rectification/domain/finding.decider.js';
import { findingStream } from '../rectification/domain/finding.events.js';
import { workPlanItemDecider } from '../work-plan/domain/work-plan-item.decider.js';
import { workPlanItemStream } from '../work-plan/domain/work-plan.events.js';

/** A finding or work-plan item, as far as a handover needs to know it. */
export interface PartsHolder {
  readonly id: string;
  readonly parts: ReadonlyMap<string, Pick<PartView, 'status'>>;
}

export interface HandOver {
  readonly unitId: string;
  readonly successorUnitId: string;
  readonly reason: string;
  /** The office day of the reorganisation (`YYYY-MM-DD`): the merge's and every handover's. */
  readonly on: string;
}

/** What the handler looked up for the parents' refusals and order rules. */
export interface HandOverFacts {
  /** The office's current day (China time). */
  readonly today: string;
  readonly unitNames: UnitNames;
  /** The office day the successor was registered; absent when the directory does not know it. */
  readonly successorRegisteredOn?: string;
}

/** The parents where `unitId` holds a part not yet verified: those parts move; verified ones stay. */
export const withOpenPartOf = <Holder extends PartsHolder>(holders: Iterable<Holder>, unitId: string): Holder[] =>
  [...holders].filter((holder) => {
    const part = holder.parts.get(unitId);
    return part !== undefined && part.status !== 'VERIFIED';
  });

/**
 * One HandOverPart per parent with an open part of the unit, each on the parent's stream with its
 * own idempotent context (derived from the handover's command id and the stream), so a handover
 * that stopped half-way is completed by sending it again.
 */
export function handOverCommands(
  handOver: HandOver,
  facts: HandOverFacts,
  holders: { readonly findings: readonly PartsHolder[]; readonly items: readonly PartsHolder[] },
  context: CommandContext,
): BatchCommand[] {
  const { unitId, successorUnitId, reason, on } = handOver;
  const command: HandOverPart = { type: 'HandOverPart', actor: context.actor, unitId, successorUnitId, reason, handedOverOn: on, ...facts };
  const contextFor = (streamId: string) => contextInBatch(context, 'HandOverPart', `${context.commandId}:${streamId}`);
  return [
    ...holders.findings.map(({ id }) => batchCommand(null, findingStream(id), findingDecider, command, contextFor(findingStream(id)))),
    ...holders.items.map(({ id }) => batchCommand(null, workPlanItemStream(id), workPlanItemDecider, command, contextFor(workPlanItemStream(id)))),
  ];
}
