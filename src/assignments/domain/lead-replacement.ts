import { badInput, valueChangedMeanwhile, type Bilingual } from '../../shared/domain-error.js';
import { requireNotBefore, type DatedFact } from '../../shared/guards.js';
import type { NamesUnits } from './assignment.commands.js';
import { partOf, partsOf, unitNamed, type AssignmentsState } from './assignment.decider.js';
import type { AssignmentRole, PartRoleChanged } from './assignment.events.js';
import { assignmentOf } from './part-facts.js';

/*
 * 替换原牵头单位 — one rule of the assignment lifecycle for every parent of parts (a work-plan item: breaker10n P18; a finding:
 * newcomer55-8 S4). The unit named as the one LEAD takes the lead — a new unit is assigned as lead, a unit holding a part already
 * has its part made lead — and every current lead steps down to responsible, its part and progress kept (PartRoleChanged). The
 * wrong lead's 交办 can then be retracted (its step-down goes with it), or it stays as a responsible unit (lead and responsible
 * typed the wrong way round).
 */

/** What a lead replacement is asked with. */
export interface LeadReplacementAsked extends NamesUnits {
  /** The units of the command: exactly one, as LEAD. */
  readonly units: readonly { readonly unitId: string; readonly role: AssignmentRole }[];
  /**
   * The lead unit the form showed (its id; sent by the web app, absent: not checked). Another lead now — replaced meanwhile by a
   * colleague — is CONFLICT naming who made which unit lead when (valueChangedMeanwhile), nothing changed.
   */
  readonly expectedLeadUnitId?: string;
}

/** How the lead passes: the units stepping down, and the new lead, with whether it holds a part already. */
export interface LeadHandOver {
  /** The current leads other than the new one (unit ids), in the parent's order: each becomes RESPONSIBLE. */
  readonly stepDown: readonly string[];
  /** The new lead's unit id. */
  readonly unitId: string;
  /** It holds a part of the parent already: that part is made LEAD; otherwise a new part is assigned to it as LEAD. */
  readonly held: boolean;
}

/**
 * Who steps down and who leads. `leadOf`: the parent's lead as the stale-form refusal names it (「该事项的牵头单位」, 「该问题的牵头单位」).
 * Refused CONFLICT (field expectedLeadUnitId) when the lead is no longer the one the form showed; BAD_USER_INPUT (field role)
 * unless exactly one unit is named, as LEAD. Pure; nothing looked up.
 */
export function leadHandOver(command: LeadReplacementAsked, assignments: AssignmentsState, leadOf: Bilingual): LeadHandOver {
  const leads = partsOf(assignments).filter((part) => part.role === 'LEAD').map((part) => part.unitId);
  const { expectedLeadUnitId } = command;
  if (expectedLeadUnitId !== undefined && (leads.length !== 1 || leads[0] !== expectedLeadUnitId)) {
    // The lead replaced since the form read it (issue 9): the second supervisor is told who leads now, the first's choice kept.
    const named = (unitIds: readonly string[]): string => unitIds.map((unitId) => unitNamed(command, unitId).zh).join('、') || '（无）';
    const namedEn = (unitIds: readonly string[]): string => unitIds.map((unitId) => unitNamed(command, unitId).en).join(', ') || '(none)';
    throw valueChangedMeanwhile(leadOf, { en: namedEn(leads), zh: named(leads) }, { en: namedEn([expectedLeadUnitId]), zh: named([expectedLeadUnitId]) }, {
      types: ['PartRoleChanged', 'UnitAssigned'],
      field: 'expectedLeadUnitId',
      // Who made the lead lead: the newest assignment or role change about it.
      ...(leads.length === 1 ? { unitId: leads[0]! } : {}),
    });
  }
  if (command.units.length !== 1 || command.units[0]!.role !== 'LEAD') {
    throw badInput('Replacing the lead unit names one new lead unit (role LEAD).', '更换牵头单位时，须指定一个新的牵头单位（承担方式选“牵头”）。', { field: 'role' });
  }
  const { unitId } = command.units[0]!;
  return { stepDown: leads.filter((lead) => lead !== unitId), unitId, held: partOf(assignments, unitId) !== undefined };
}

/**
 * The role changes of `handOver` on `changedOn` (`YYYY-MM-DD`), with the replacement's reason: the step-downs first, then a part
 * already held made LEAD (a new lead's part is assigned by the caller, after these). Each changed part was assigned on or before
 * `changedOn` (else BAD_USER_INPUT naming its 交办). Pure.
 */
export function leadHandOverRoleChanges(
  handOver: LeadHandOver,
  assignments: AssignmentsState,
  replacement: NamesUnits & { readonly reason: string; readonly changedOn: string; readonly changedOnNamed: DatedFact['what'] },
): PartRoleChanged[] {
  const { reason, changedOn } = replacement;
  const changes: { unitId: string; role: AssignmentRole }[] = [
    ...handOver.stepDown.map((unitId) => ({ unitId, role: 'RESPONSIBLE' as const })),
    ...(handOver.held ? [{ unitId: handOver.unitId, role: 'LEAD' as const }] : []),
  ];
  return changes
    .filter(({ unitId, role }) => partOf(assignments, unitId)!.role !== role)
    .map(({ unitId, role }): PartRoleChanged => {
      const part = partOf(assignments, unitId)!;
      requireNotBefore({ day: changedOn, what: replacement.changedOnNamed }, assignmentOf(part, replacement));
      return { type: 'PartRoleChanged', data: { unitId, role, previousRole: part.role, reason, changedOn } };
    });
}

