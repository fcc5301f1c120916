import { say } from '../../shared/domain-error.js';
import type { DatedFact } from '../../shared/guards.js';
import type { DomainEvent } from '../../shared/decider.js';
import type { NamesUnits } from './assignment.commands.js';
import { evolveAssignments, partOf, partsOf, unitNamed, type AssignmentPart, type AssignmentsState } from './assignment.decider.js';
import { isAssignmentEvent } from './assignment.events.js';

/** The day the unit got the part: its assignment, or for a successor (机构改革) its taking over. */
export function assignmentOf(part: AssignmentPart, command: NamesUnits): DatedFact {
  const unit = unitNamed(command, part.unitId);
  return part.heldSince === undefined
    ? { day: part.assignedOn, what: say(`the assignment of ${unit.en}`, `${unit.zh}的交办日期`) }
    : { day: part.heldSince, what: say(`the handover of the part to ${unit.en}`, `该任务移交${unit.zh}的日期`) };
}

/**
 * The latest fact already recorded on a part — its assignment or taking over (机构改革), a report,
 * an inspection, an extension request, a return — as refusals name it. A change that takes the
 * part off (a plan's removal or withdrawal, a finding's withdrawal) or changes its role is not
 * dated before it: the part would have work after it left.
 */
export function latestFactOf(part: AssignmentPart, command: NamesUnits): DatedFact {
  const unit = unitNamed(command, part.unitId);
  const facts: DatedFact[] = [
    assignmentOf(part, command),
    ...(part.lastReport ? [{ day: part.lastReport.reportedOn, what: say(`the report of ${unit.en}`, `${unit.zh}的报告日期`) }] : []),
    ...part.inspections.map((inspection) => ({ day: inspection.inspectedOn, what: say(`the inspection of ${unit.en}`, `${unit.zh}的督查日期`) })),
    ...part.extensionRequests.map((request) => ({ day: request.requestedOn, what: say(`the extension request of ${unit.en}`, `${unit.zh}的延期申请日期`) })),
    ...(part.lastReturn ? [{ day: part.lastReturn.returnedOn, what: say(`the return of the part of ${unit.en}`, `${unit.zh}任务的退回日期`) }] : []),
  ];
  return facts.reduce((latest, fact) => (fact.day > latest.day ? fact : latest));
}

/**
 * The parts a decision verifies that were not verified before it (a pass, or the last pass of a
 * part handed over), in the order of `before`'s parts then new ones.
 */
export function partsVerifiedBy(before: AssignmentsState, decided: readonly DomainEvent[]): AssignmentPart[] {
  const after = decided.filter(isAssignmentEvent).reduce(evolveAssignments, before);
  return partsOf(after).filter((part) => part.status === 'VERIFIED' && partOf(before, part.unitId)?.status !== 'VERIFIED');
}

/**
 * Why a withdrawal does not stand (breaker11f P6), in the words the timeline shows: verified work is
 * not withdrawn (the withdrawal would have been refused had the pass been typed first), so a pass
 * dated before the withdrawal, entered after it, puts the parent back where it was — `back` says
 * where (`回到台账` / `回到工作方案`). Chinese only, as other reasons the system writes.
 */
export function withdrawalUndoneReason(command: NamesUnits, verified: readonly AssignmentPart[], withdrawnOn: string, back: string): string {
  const passes = verified.map((part) => `${unitNamed(command, part.unitId).zh}的整改已于 ${part.verifiedOn ?? ''} 核验通过`).join('，');
  return `撤销不成立：${passes}，早于撤销日期（${withdrawnOn}）；已核验的整改不撤销，${back}。如确需撤销，请先重新打开，再撤销。`;
}
