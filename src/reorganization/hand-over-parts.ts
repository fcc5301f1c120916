import { batchCommand, contextInBatch, type BatchCommand } from '../event-sourcing/command-batch.js';
import type { HandOverPart, UnitNames } from '../assignments/domain/assignment.commands.js';
import { verifiedAsOf, type PartView } from '../assignments/read-model/part-view.js';
import type { CommandContext } from '../shared/command-context.js';
import { findingDecider } from '../rectification/domain/finding.decider.js';
import { findingStream } from '../rectification/domain/finding.events.js';
import { workPlanItemDecider } from '../work-plan/domain/work-plan-item.decider.js';
import { workPlanItemStream } from '../work-plan/domain/work-plan.events.js';

/** A finding or work-plan item, as far as a handover needs to know it. */
export interface PartsHolder {
  readonly id: string;
  /** The office day the finding was withdrawn or a plan change took the item out (its parts then stay as a record); null or absent while on the 台账 / in the plan. */
  readonly withdrawnOn?: string | null;
  readonly parts: ReadonlyMap<string, Pick<PartView, 'status' | 'inspections' | 'returns'> & Partial<Pick<PartView, 'unitId' | 'assignedOn' | 'heldBefore' | 'passedOn' | 'heldSince'>>>;
}

/** A parent whose part of the unit passes to the successor, and the office day it passes. */
export interface PartToHandOver {
  readonly id: string;
  readonly on: string;
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

/**
 * The parts of `unitId` that pass to its successor in a reorganisation on office day `day`, judged
 * by the state of each part on that day, not today's (a merge is often entered late):
 * - a part not verified at the end of `day` passes on `day`, with whatever followed (a report or
 *   verification dated after the merge but entered before it was the successor's work: the unit no
 *   longer existed);
 * - a part verified by then stays with the unit that did it — unless it came back afterwards (a
 *   reopening or a correction dated after `day`): a merged unit takes no new work, so it passes on
 *   the day it came back;
 * - a part the unit held on `day` that a later reorganisation, typed in first, passed on since
 *   passes on `day` too (breaker8e P1: the decider undoes the later step first);
 * - nothing passes on or after the day its item was withdrawn from the plan: the part stays, as a
 *   record, with the unit that held it then (a merge dated before the withdrawal hands it over);
 * - a part the unit took over on `day` itself (a same-day chain or swap) does not pass again on it:
 *   the holder at the day's start hands over (breaker8f P13) — except in a merge: the merged unit
 *   ceases to exist, so what it holds at the day's end passes (breaker8g P10);
 * - a part assigned after `day`, or taken over by the unit after it (typed before the
 *   reorganisation was entered), was not the unit's on `day` (breaker8f P4): after a hand-over it
 *   stays with the unit, as when typed in date order; after a merge (`merged`: the unit takes no new
 *   work) it passes on the day the unit got it. A part of the unit's own that another joined after
 *   `day` is left to the parent's rules, which refuse it (a join is not undone);
 * - a hand-over (not `merged`) on the day the unit is merged into `mergedThatDayInto`, typed after the merge: a part the
 *   merge moved to that successor that day passes by the hand-over instead (breaker8k P8: the specific paper wins on its day,
 *   whatever the typing order; the decider undoes the merge's step first). A part that joined the successor's own stays.
 */
export function partsToHandOver(holders: Iterable<PartsHolder>, unitId: string, day: string, merged = false, mergedThatDayInto?: string): PartToHandOver[] {
  const moving: PartToHandOver[] = [];
  for (const holder of holders) {
    // A hand-over on the day the unit is merged away, typed after the merge (a split on one day: breaker8k P8): the specific paper
    // wins, whatever the typing order — a part the merge moved to the successor that day passes on by the hand-over instead.
    if (!merged && mergedThatDayInto !== undefined && movedByMergeThatDay(holder.parts, unitId, day, mergedThatDayInto)) {
      if (holder.withdrawnOn == null || day < holder.withdrawnOn) moving.push({ id: holder.id, on: day });
      continue;
    }
    const own = holder.parts.get(unitId);
    // Taken over on the day itself (a same-day chain or swap, 职能互换): the holder at the day's start hands over, once (breaker8f P13) —
    // unless the unit is merged away that day: it ceases to exist, and what it holds at the day's end passes (breaker8g P10).
    if (own?.heldSince === day && !merged) continue;
    const part = own ?? heldOnDayPassedLater(holder.parts.values(), unitId, day);
    if (!part) continue;
    const stillIn = (on: string) => holder.withdrawnOn == null || on < holder.withdrawnOn;
    // Not the unit's on the day: assigned after it, or taken over after it (a join after it is the parent's rules' to refuse).
    const gotLater = own !== undefined && ((own.assignedOn !== undefined && own.assignedOn > day) || (own.heldSince !== undefined && own.heldSince > day));
    if (gotLater) {
      const start = startOf(own)!;
      if (merged && stillIn(start)) moving.push({ id: holder.id, on: start });
      continue;
    }
    if (!verifiedAsOf(part, day)) {
      if (stillIn(day)) moving.push({ id: holder.id, on: day });
      continue;
    }
    const cameBack = part.returns.filter((returned) => returned.returnedOn > day).map((returned) => returned.returnedOn).sort()[0];
    if (cameBack !== undefined && stillIn(cameBack)) moving.push({ id: holder.id, on: cameBack });
  }
  return moving;
}

/**
 * Whether the part `successorUnitId` holds came to it from `unitId` on `day` by a move (not a join into a part of its own):
 * `unitId`'s merge into it that day passed it.
 */
function movedByMergeThatDay(parts: PartsHolder['parts'], unitId: string, day: string, successorUnitId: string): boolean {
  const part = parts.get(successorUnitId);
  return part !== undefined && part.heldSince === day && part.heldBefore?.at(-1) === unitId && part.passedOn?.at(-1) === day;
}

/**
 * The office day the part's holder got it: the last day a part passed to it (a hand-over, or
 * another unit's part joining its own), else its assignment; undefined when the view does not say.
 */
function startOf(part: Partial<Pick<PartView, 'assignedOn' | 'passedOn'>>): string | undefined {
  let start = part.assignedOn;
  for (const on of part.passedOn ?? []) if (start === undefined || on > start) start = on;
  return start;
}

/**
 * The part `unitId` held on office day `day` and passed on after it (its holder now has it in
 * `heldBefore`, passed on a later day, and held from its assignment or the day before's passing on
 * or before `day`); undefined when none.
 */
function heldOnDayPassedLater<Part extends PartsHolder['parts'] extends ReadonlyMap<string, infer Held> ? Held : never>(parts: Iterable<Part>, unitId: string, day: string): Part | undefined {
  for (const part of parts) {
    const heldBefore = part.heldBefore ?? [];
    const passedOn = part.passedOn ?? [];
    const index = heldBefore.lastIndexOf(unitId);
    if (index < 0 || !(day < passedOn[index]!)) continue;
    const from = index === 0 ? part.assignedOn : passedOn[index - 1];
    // Held from its assignment on or before the day, or taken over before it (one taken over that day does not pass on it).
    if (from !== undefined && (index === 0 ? from <= day : from < day)) return part;
  }
  return undefined;
}

/**
 * One HandOverPart per parent with a part of the unit that passes (`partsToHandOver`), each on the
 * parent's stream, dated the day it passes, with its own idempotent context (derived from the
 * handover's command id and the stream), so a handover that stopped half-way is completed by
 * sending it again. `merging`: the unit is merged away by this reorganisation (`HandOverPart.merging`); `partOnly`: the
 * administrator chose these parents, a split of the unit's duties (`HandOverPart.partOnly`).
 */
export function handOverCommands(
  handOver: HandOver,
  facts: HandOverFacts,
  holders: { readonly findings: readonly PartToHandOver[]; readonly items: readonly PartToHandOver[] },
  context: CommandContext,
  merging = false,
  partOnly = false,
): BatchCommand[] {
  const { unitId, successorUnitId, reason } = handOver;
  // A part the merged unit got after its merge day passes on the day it got it; its refusals name the merge's day (breaker8s P7).
  const command = (on: string): HandOverPart => ({
    type: 'HandOverPart',
    actor: context.actor,
    unitId,
    successorUnitId,
    reason,
    handedOverOn: on,
    ...facts,
    ...(merging ? { merging } : {}),
    ...(merging && on > handOver.on ? { mergedOn: handOver.on } : {}),
    ...(partOnly ? { partOnly } : {}),
  });
  const contextFor = (streamId: string) => contextInBatch(context, 'HandOverPart', `${context.commandId}:${streamId}`);
  return [
    ...holders.findings.map(({ id, on }) => batchCommand(null, findingStream(id), findingDecider, command(on), contextFor(findingStream(id)))),
    ...holders.items.map(({ id, on }) => batchCommand(null, workPlanItemStream(id), workPlanItemDecider, command(on), contextFor(workPlanItemStream(id)))),
  ];
}
