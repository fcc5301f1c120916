import type { Evidence } from '../../assignments/domain/assignment.events.js';
import { lifecycleOf } from '../../assignments/testing/lifecycle.js';
import { inspector, supervisor } from '../../shared/testing/actors.js';
import { partsOf, type AssignmentsState } from '../../assignments/domain/assignment.decider.js';
import { fold } from '../../shared/decider.js';
import { findingDecider, type FindingCommand, type FindingState } from '../domain/finding.decider.js';
import type { FindingStreamEvent } from '../domain/finding.events.js';

/** The finding of the part-only reopening stories (h52a, h54b): 市财政局 and 市环境保护局 share it; reports of 2025-06-20, checks of 06-28. */
export const FINDING = 'finding-portal';
export const FINANCE = 'unit-finance';
export const ENVIRONMENT = 'unit-environment';

/**
 * The facts and commands of those stories, judged as of office day `today` (`YYYY-MM-DD`), the parts due `dueDate`: the
 * finding recorded 2025-04-15, `assigned`/`reported` parts (assigned 05-20, reported 06-20; `lifecycleOf`'s helpers), a pass of a
 * unit on a day (`pass`), and the supervisor's reopening of a day with reason `reason` and new due date 2025-08-31 (`reopenOn`).
 */
export function portalFindingStory({ today, dueDate, reason }: { readonly today: string; readonly dueDate: string; readonly reason: string }) {
  const evidence: Evidence[] = [{ title: '目录已更新', link: 'https://example.gov.cn/catalogue', documentRef: null }];
  const { assigned, reported } = lifecycleOf({
    dueDate,
    today,
    assignedOn: '2025-05-20',
    inspectedOn: '2025-06-28',
    reportedOn: '2025-06-20',
    summary: (unitId) => `${unitId} 已更新目录`,
    evidence,
    failureNotes: '仍缺2024年预算',
    returnedUntil: '2025-08-31',
    extension: { unitId: ENVIRONMENT, today: '2025-06-01', requestedOn: '2025-06-01', requestedDueDate: '2025-07-31', reason: '数据来自各区' },
  });
  const recorded: FindingStreamEvent = {
    type: 'FindingRecorded',
    data: { findingId: FINDING, evaluationId: 'evaluation-2025', title: '部分单位信息公开不到位', description: '', category: '主动公开', severity: 'HIGH', concernedUnitIds: [FINANCE, ENVIRONMENT], identifiedOn: '2025-04-15', measures: '' },
  };
  const pass = (unitId: string, inspectedOn: string, inspectionId: string): FindingCommand => ({
    type: 'LogInspection', actor: inspector, today, unitId, inspectionId, outcome: 'PASSED', notes: '', inspectedOn, place: '现场',
  });
  const reopenOn = (reopenedOn: string): FindingCommand => ({ type: 'ReopenFinding', actor: supervisor, today, reason, reopenedOn, newDueDate: '2025-08-31' });
  return { evidence, assigned, reported, recorded, pass, reopenOn };
}

/** The finding as `events` leave it (folded in the order given). */
export const stateAfter = (events: readonly FindingStreamEvent[]): FindingState => fold(findingDecider, events);

/** The parts as `events` leave them; throws when the finding was never recorded. */
export const assignmentsAfter = (events: readonly FindingStreamEvent[]): AssignmentsState => {
  const state = stateAfter(events);
  if (state.status === 'unrecorded') throw new Error('expected a recorded finding');
  return state.assignments;
};

/** The events of `commands` decided one after another after `start`, as typed. */
export const typed = (start: readonly FindingStreamEvent[], commands: readonly FindingCommand[]): FindingStreamEvent[] =>
  commands.reduce<FindingStreamEvent[]>((events, command) => [...events, ...findingDecider.decide(command, stateAfter(events))], [...start]);

/** Each part as `[unitId, status, verifiedOn]`. */
export const partsRead = (parts: AssignmentsState) => partsOf(parts).map((part) => [part.unitId, part.status, part.verifiedOn]);
