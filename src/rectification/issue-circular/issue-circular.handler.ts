import { Injectable } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '../../event-sourcing/command-executor.js';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import { officeDate } from '../../shared/calendar-date.js';
import { CommandContext } from '../../shared/command-context.js';
import { deterministicId } from '../../shared/ids.js';
import { circularDecider, type CircularFacts } from '../domain/circular.decider.js';
import { circularStream, type CircularReference } from '../domain/circular.events.js';
import { findingDecider } from '../domain/finding.decider.js';
import { findingStream } from '../domain/finding.events.js';
import { workPlanItemDecider } from '../../work-plan/domain/work-plan-item.decider.js';
import { workPlanItemStream } from '../../work-plan/domain/work-plan.events.js';
import type { IssueCircularInput } from './issue-circular.input.js';
import { partsOf, type AssignmentsState } from '../../assignments/domain/assignment.decider.js';
import { say, type Bilingual } from '../../shared/domain-error.js';
import type { DatedFact } from '../../shared/guards.js';
import { CircularsReadModel } from '../circulars/circulars.read-model.js';
import { documentTitleKey } from '../../shared/document-title.js';

/**
 * What the circular decider judges a circular's unit and references by, looked up in the units directory and the
 * referenced streams: whether they exist, the unit's name, registration and merge, what each reference began with,
 * whether the unit has (had) a part in it, and whether it was withdrawn. Used to issue a circular and to correct its day.
 */
@Injectable()
export class CircularFactsLookUp {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly units: UnitsReadModel,
  ) {}

  async about(unitId: string, references: readonly CircularReference[]): Promise<CircularFacts & { unitExists: boolean; unknownReferences: CircularReference[]; referencesNotConcerning: Bilingual[] }> {
    const found = await Promise.all(references.map((reference) => this.lookUp(reference, unitId)));
    const began = found.map((reference) => reference?.began);
    const unit = this.units.get(unitId);
    const merger = this.units.mergerOf(unitId);
    return {
      unitExists: unit !== undefined,
      unknownReferences: references.filter((_, index) => began[index] === undefined),
      referencesBegan: began.filter((fact): fact is DatedFact => fact !== undefined && fact !== null),
      ...(unit ? { unitName: unit.name } : {}),
      ...(merger ? { unitMerged: { mergedOn: merger.mergedOn, successorName: this.units.get(merger.successorUnitId)?.name ?? merger.successorUnitId } } : {}),
      referencesNotConcerning: found.flatMap((reference) => (reference && !reference.concernsUnit ? [reference.name] : [])),
      referencesHeldFrom: found.flatMap((reference) =>
        reference?.heldFrom ? [{ name: reference.name, heldSince: reference.heldFrom.heldSince, heldBy: this.units.get(reference.heldFrom.heldBy)?.name ?? '原单位' }] : [],
      ),
      referencesWithdrawn: found.flatMap((reference) => (reference?.withdrawn ? [{ name: reference.name, ...reference.withdrawn }] : [])),
      ...(unit ? { unitRegistration: { day: unit.registeredOn, what: say(`the registration of ${unit.name}`, `${unit.name}的登记日期`) } } : {}),
    };
  }

  /**
   * What a referenced finding or item is, for the decider: what it began with, as refusals name it
   * (a finding's identification, an item's first assignment; null for an item not assigned yet);
   * its name; and whether the circular's unit has or had a part in it (or, for a finding, was named
   * as concerned). Undefined when it does not exist.
   */
  /** The finding a withdrawal named as the one it repeats (重复登记), by name; nothing when none (or it is not found). */
  private async repeated(duplicateOf: string | undefined): Promise<{ repeats?: Bilingual }> {
    if (duplicateOf === undefined) return {};
    const original = await this.executor.load(findingStream(duplicateOf), findingDecider);
    return original.status === 'unrecorded' ? {} : { repeats: say(`finding 「${original.title}」`, `问题「${original.title}」`) };
  }

  private async lookUp(
    reference: CircularReference,
    unitId: string,
  ): Promise<{ began: DatedFact | null; name: Bilingual; concernsUnit: boolean; heldFrom?: HeldFrom; withdrawn?: { withdrawnOn: string; reason: string; repeats?: Bilingual } } | undefined> {
    switch (reference.kind) {
      case 'FINDING': {
        const finding = await this.executor.load(findingStream(reference.id), findingDecider);
        if (finding.status === 'unrecorded') return undefined;
        return {
          began: { day: finding.identifiedOn, what: say(`the identification of finding 「${finding.title}」`, `问题「${finding.title}」的发现日期`) },
          name: say(`finding 「${finding.title}」`, `问题「${finding.title}」`),
          concernsUnit: (finding.concernedUnitIds ?? []).includes(unitId) || hasOrHadPart(finding.assignments, unitId),
          ...((finding.concernedUnitIds ?? []).includes(unitId) ? {} : heldOnlyFrom(finding.assignments, unitId)),
          ...(finding.status === 'withdrawn' ? { withdrawn: { withdrawnOn: finding.withdrawnOn, reason: finding.withdrawalReason, ...(await this.repeated(finding.duplicateOf)) } } : {}),
        };
      }
      case 'WORK_PLAN_ITEM': {
        const item = await this.executor.load(workPlanItemStream(reference.id), workPlanItemDecider);
        if (item.status === 'empty') return undefined;
        const first = partsOf(item.assignments).map((part) => part.assignedOn).sort()[0];
        const { code, title } = item.definition;
        return {
          began: first === undefined ? null : { day: first, what: say(`the assignment of work-plan item ${code} 「${title}」`, `工作事项 ${code}「${title}」的交办日期`) },
          name: say(`work-plan item ${code} 「${title}」`, `工作事项 ${code}「${title}」`),
          concernsUnit: hasOrHadPart(item.assignments, unitId),
          ...heldOnlyFrom(item.assignments, unitId),
          ...(item.status === 'withdrawn' ? { withdrawn: { withdrawnOn: item.withdrawnOn, reason: item.reason } } : {}),
        };
      }
    }
  }
}

/**
 * Issues a circular commending or criticising a unit; returns the new circular's id.
 * @throws CONFLICT (field `title`) when the unit already has a circular of the same kind, day and
 *   title's words — decided on the read model and made atomic by a claim (two at once: one wins);
 *   CONFLICT (field `issuedOn`) when the unit was merged into another before the issue day.
 */
export class IssueCircularCommand extends Command<string> {
  constructor(
    readonly input: Omit<IssueCircularInput, 'idempotencyKey'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(IssueCircularCommand)
export class IssueCircularHandler implements ICommandHandler<IssueCircularCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly facts: CircularFactsLookUp,
    private readonly circulars: CircularsReadModel,
  ) {}

  async execute({ input, context }: IssueCircularCommand): Promise<string> {
    const circularId = deterministicId('circular', context.commandId);
    const references = input.references.map(({ kind, id }): CircularReference => ({ kind, id }));
    const facts = await this.facts.about(input.unitId, references);
    await this.executor.executeClaiming(
      circularStream(circularId),
      circularDecider,
      () => ({
        type: 'IssueCircular' as const,
        actor: context.actor,
        circularId,
        ...input,
        references,
        today: officeDate(context.now),
        ...facts,
        ...this.sameCircular(input),
      }),
      [{ scope: `circular:${input.unitId}:${input.kind}:${input.issuedOn}`, value: documentTitleKey(input.title), field: 'title', label: input.title.trim() }],
      context,
    );
    return circularId;
  }

  /** The circular this one would repeat (same unit, kind, day and title's words), for the decider. */
  private sameCircular(input: IssueCircularCommand['input']): { sameCircularIssued?: { circularId: string; title: string } } {
    const same = this.circulars.sameAs(input);
    return same ? { sameCircularIssued: { circularId: same.circularId, title: same.title } } : {};
  }
}

/** The unit holds a part, or held one that passed to a successor (机构改革). */
const hasOrHadPart = (assignments: AssignmentsState, unitId: string): boolean =>
  partsOf(assignments).some((part) => part.unitId === unitId || (part.heldBefore ?? []).includes(unitId)) ||
  (assignments.passedOn !== undefined && Object.hasOwn(assignments.passedOn, unitId));

/** The day a unit took over a part by a hand-over or merge, and the unit that held it before (`heldOnlyFrom`). */
type HeldFrom = { readonly heldSince: string; readonly heldBy: string };

/**
 * When the unit's only part here reached it by a hand-over or merge (机构改革) — not its own 交办, nor one it held before and
 * passed on — the day it took it over and the unit it came from: a circular dated earlier does not cite it (breaker8r P13).
 * Nothing otherwise. O(parts × holders).
 */
export function heldOnlyFrom(assignments: AssignmentsState, unitId: string): { heldFrom?: HeldFrom } {
  const parts = partsOf(assignments);
  if (parts.some((part) => (part.heldBefore ?? []).includes(unitId)) || (assignments.passedOn !== undefined && Object.hasOwn(assignments.passedOn, unitId))) return {};
  // Its own record set aside by a carried join is its own work from its 交办.
  if (assignments.setAside !== undefined && Object.hasOwn(assignments.setAside, unitId)) return {};
  const held = parts.find((part) => part.unitId === unitId);
  const before = held?.previousHolders?.at(-1);
  if (!held || held.heldSince === undefined || !before) return {};
  return { heldFrom: { heldSince: held.heldSince, heldBy: before.unitId } };
}
