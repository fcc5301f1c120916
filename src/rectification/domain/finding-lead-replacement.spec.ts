import type { AssignmentEvent, Evidence } from '../../assignments/domain/assignment.events.js';
import type { RetractRecord } from '../../assignments/domain/assignment.commands.js';
import { partsOf } from '../../assignments/domain/assignment.decider.js';
import { lifecycleOf } from '../../assignments/testing/lifecycle.js';
import { clerkOf, supervisor } from '../../shared/testing/actors.js';
import { given as givenDecider } from '../../shared/testing/decider-testing.js';
import { findingDecider, type AssignFinding } from './finding.decider.js';
import type { FindingRecorded, FindingStreamEvent } from './finding.events.js';
import { assignmentsAfter as partsAfter, stateAfter } from '../testing/portal-finding-story.js';

/*
 * newcomer55-8 S4: a finding's lead typed wrong could not be corrected once another unit had a real record — findings had no
 * 替换原牵头单位, and the refusal to retract the only lead's 交办 sent the clerk to retract the other units' 交办 (itself refused once
 * they had reported) and spoke of 工作事项. Now a finding's lead is replaced as an item's is (the lifecycle's `leadHandOver`):
 * the unit named leads — its part made lead if it holds one, else assigned as lead — and the old lead steps down to responsible.
 */

const given = (events: readonly FindingStreamEvent[]) => givenDecider(findingDecider, events);
const rolesAfter = (events: readonly FindingStreamEvent[]) => Object.fromEntries(partsOf(partsAfter(events)).map((part) => [part.unitId, `${part.role}:${part.status}`]));

const FINDING = 'finding-messages';
const EAST = 'unit-donghu';
const WEST = 'unit-xishan';
const CIVIL = 'unit-civil';
const TODAY = '2026-12-07';
const ASSIGNED_ON = '2026-11-07';
const REASON = '交办时牵头单位录错';
const evidence: Evidence[] = [{ title: '留言办理台账', link: null, documentRef: null }];

const { assigned, reported } = lifecycleOf({
  dueDate: '2026-12-31',
  today: TODAY,
  assignedOn: ASSIGNED_ON,
  inspectedOn: '2026-12-05',
  reportedOn: '2026-12-02',
  summary: (unitId) => `${unitId} 已整改`,
  evidence,
  failureNotes: '整改不到位',
  returnedUntil: '2027-01-31',
  extension: { unitId: WEST, today: TODAY, requestedOn: '2026-11-20', requestedDueDate: '2027-01-31', reason: '需要时间' },
});

const recorded: FindingRecorded = {
  type: 'FindingRecorded',
  data: { findingId: FINDING, evaluationId: 'evaluation-2026', title: '网民留言回应不及时', description: '', category: '回应关切', severity: 'HIGH', concernedUnitIds: [EAST, WEST], identifiedOn: '2026-11-01', measures: '' },
};
/** 东湖区 typed as lead; 西山县, responsible, has reported. */
const wrongLead: FindingStreamEvent[] = [recorded, assigned(EAST, 'LEAD'), assigned(WEST), reported(WEST)];

const replace = (unitId: string, overrides: Partial<AssignFinding> = {}): AssignFinding => ({
  type: 'AssignFinding',
  actor: supervisor,
  today: TODAY,
  assignedOn: ASSIGNED_ON,
  units: [{ unitId, role: 'LEAD', dueDate: '2026-12-31' }],
  unknownUnitIds: [],
  replacesLead: true,
  expectedLeadUnitId: EAST,
  reason: REASON,
  ...overrides,
});
const stepDown = (unitId: string, role: 'LEAD' | 'RESPONSIBLE', previousRole: 'LEAD' | 'RESPONSIBLE'): AssignmentEvent => ({
  type: 'PartRoleChanged',
  data: { unitId, role, previousRole, reason: REASON, changedOn: ASSIGNED_ON },
});
const retractAssignment = (unitId: string): RetractRecord => ({ type: 'RetractRecord', actor: supervisor, today: TODAY, unitId, factType: 'UnitAssigned', on: ASSIGNED_ON, reason: REASON });

describe('a finding whose lead was typed wrong, another unit having reported', () => {
  it('retracting the only lead’s 交办 is refused with the advice to replace it — no step that is refused, no 工作事项', () => {
    given(wrongLead)
      .when(retractAssignment(EAST))
      .thenRefused('CONFLICT', /add the right unit as lead replacing this one/u, /^撤销.*会使本问题没有牵头单位（其他单位的任务仍在）。如牵头单位录错，请先以“牵头”增加正确的单位并勾选“替换原牵头单位”（原牵头单位改为责任单位），再撤销本交办。$/u);
  });

  it('lead and responsible typed the wrong way round: the responsible unit takes the lead with its report, the lead steps down', () => {
    given(wrongLead).when(replace(WEST)).then([stepDown(EAST, 'RESPONSIBLE', 'LEAD'), stepDown(WEST, 'LEAD', 'RESPONSIBLE')]);
    expect(rolesAfter([...wrongLead, ...findingDecider.decide(replace(WEST), stateAfter(wrongLead))])).toEqual({ [EAST]: 'RESPONSIBLE:ASSIGNED', [WEST]: 'LEAD:REPORTED' });
  });

  it('another unit leads: assigned as lead, the wrong lead steps down and its 交办 can then be retracted', () => {
    given(wrongLead)
      .when(replace(CIVIL))
      .then([stepDown(EAST, 'RESPONSIBLE', 'LEAD'), { type: 'UnitAssigned', data: { unitId: CIVIL, role: 'LEAD', dueDate: '2026-12-31', assignedOn: ASSIGNED_ON } }]);
    const replaced = [...wrongLead, ...findingDecider.decide(replace(CIVIL), stateAfter(wrongLead))];
    const retracted = [...replaced, ...findingDecider.decide(retractAssignment(EAST), stateAfter(replaced))];
    expect(rolesAfter(retracted)).toEqual({ [WEST]: 'RESPONSIBLE:REPORTED', [CIVIL]: 'LEAD:ASSIGNED' });
  });

  it('the lead replaced meanwhile by a colleague: CONFLICT naming who leads now, nothing changed', () => {
    const replaced = [...wrongLead, ...findingDecider.decide(replace(WEST), stateAfter(wrongLead))];
    given(replaced).when(replace(CIVIL)).thenRefusedAt('expectedLeadUnitId');
  });

  it('refused without a reason, for two units, before the part’s 交办, and to a unit clerk', () => {
    given(wrongLead).when(replace(WEST, { reason: ' ' })).thenRefusedAt('reason');
    given(wrongLead).when(replace(WEST, { units: [{ unitId: WEST, role: 'LEAD', dueDate: '2026-12-31' }, { unitId: CIVIL, role: 'LEAD', dueDate: '2026-12-31' }] })).thenRefusedAt('role');
    given(wrongLead).when(replace(WEST, { assignedOn: '2026-11-05' })).thenRefused('BAD_USER_INPUT', /before/u, /早于|之前/u);
    given(wrongLead).when(replace(WEST, { actor: clerkOf(WEST) })).thenRefused('FORBIDDEN');
  });
});
