import type { AssignmentEvent, Evidence } from '../../assignments/domain/assignment.events.js';
import type { CorrectFactDate, CorrectStepDate, RetractRecord } from '../../assignments/domain/assignment.commands.js';
import { assignmentsOn, partsOf, type AssignmentsState } from '../../assignments/domain/assignment.decider.js';
import { lifecycleOf } from '../../assignments/testing/lifecycle.js';
import { supervisor } from '../../shared/testing/actors.js';
import { given as givenDecider } from '../../shared/testing/decider-testing.js';
import { findingDecider, type AssignFinding, type FindingCommand } from './finding.decider.js';
import type { FindingRecorded, FindingStreamEvent } from './finding.events.js';
import { assignmentsAfter, typed } from '../testing/portal-finding-story.js';

/*
 * h57c (breaker55-8 M1 second half, M2): a 替换原牵头单位 typed wrong — on the wrong day, or the wrong unit made lead — is undone
 * or re-dated as the one step it was. Its role changes (承担方式调整: the old lead stepping down, a responsible unit made lead) and
 * the new lead's 交办 written with them go together: 撤销此记录 of any of them retracts them all, the old lead leading again;
 * 更正记录日期 of any of them moves them all to the corrected day. Before, retracting the new lead's 交办 was refused (the only
 * lead) and a role change was no record at all; re-dating the 交办 left the step-down on its old day — the finding with two
 * leads, or none, in between.
 */

const given = (events: readonly FindingStreamEvent[]) => givenDecider(findingDecider, events);
const roles = (parts: AssignmentsState) => Object.fromEntries(partsOf(parts).map((part) => [part.unitId, part.role]));
const rolesOn = (events: readonly FindingStreamEvent[], day?: string) => roles(day === undefined ? assignmentsAfter(events) : assignmentsOn(assignmentsAfter(events), day));

const FINDING = 'finding-messages';
const EAST = 'unit-donghu';
const WEST = 'unit-xishan';
const CIVIL = 'unit-civil';
const TODAY = '2026-12-07';
const REPLACED_ON = '2026-11-20';
const REASON = '牵头单位录错';
const evidence: Evidence[] = [{ title: '留言办理台账', link: null, documentRef: null }];

const { assigned, reported } = lifecycleOf({
  dueDate: '2026-12-31',
  today: TODAY,
  assignedOn: '2026-11-07',
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
/** 东湖区 leads, 西山县 responsible has reported (12-02). */
const start: FindingStreamEvent[] = [recorded, assigned(EAST, 'LEAD'), assigned(WEST), reported(WEST)];

const replace = (unitId: string, assignedOn = REPLACED_ON, expectedLeadUnitId = EAST): AssignFinding => ({
  type: 'AssignFinding',
  actor: supervisor,
  today: TODAY,
  assignedOn,
  units: [{ unitId, role: 'LEAD', dueDate: '2026-12-31' }],
  unknownUnitIds: [],
  replacesLead: true,
  expectedLeadUnitId,
  reason: REASON,
});
const retract = (unitId: string, factType: RetractRecord['factType'], on = REPLACED_ON): RetractRecord => ({ type: 'RetractRecord', actor: supervisor, today: TODAY, unitId, factType, on, reason: '替换录错' });
const redateRoleChange = (unitId: string, on: string, previousOn = REPLACED_ON): CorrectStepDate => ({ type: 'CorrectStepDate', actor: supervisor, today: TODAY, unitId, factType: 'PartRoleChanged', previousOn, on, reason: '替换日期录错' });
const redateAssignment = (unitId: string, on: string): CorrectFactDate => ({ type: 'CorrectFactDate', actor: supervisor, today: TODAY, unitId, factType: 'UnitAssigned', previousOn: REPLACED_ON, on, reason: '替换日期录错' });
const retraction = (unitId: string, factType: string, on = REPLACED_ON, reason = '替换录错'): AssignmentEvent =>
  ({ type: 'RecordRetracted', data: { unitId, factType, on, ofTheDay: 1, reason, retractedOn: TODAY } }) as AssignmentEvent;

describe('a new lead brought in by 替换原牵头单位 (东湖区 steps down, 民政局 assigned as lead on 11-20)', () => {
  const replaced = typed(start, [replace(CIVIL)]);

  it.each<[string, FindingCommand]>([
    ['撤销此记录 of the step-down (承担方式调整, on 东湖区’s card)', retract(EAST, 'PartRoleChanged')],
    ['撤销此记录 of the new lead’s 交办 (was refused: the only lead)', retract(CIVIL, 'UnitAssigned')],
  ])('%s retracts the replacement whole: 东湖区 leads again, 民政局 has no part', (_, command) => {
    const events = given(replaced).when(command).decision();
    expect(events).toEqual([retraction(EAST, 'PartRoleChanged'), { type: 'RecordRetracted', data: { unitId: CIVIL, factType: 'UnitAssigned', on: REPLACED_ON, reason: '替换录错', retractedOn: TODAY } }]);
    expect(rolesOn([...replaced, ...events])).toEqual({ [EAST]: 'LEAD', [WEST]: 'RESPONSIBLE' });
  });

  it.each<[string, FindingCommand]>([
    ['更正记录日期 of the step-down', redateRoleChange(EAST, '2026-11-15')],
    ['更正记录日期 of the new lead’s 交办 (it moved alone: two leads between 11-15 and 11-20)', redateAssignment(CIVIL, '2026-11-15')],
  ])('%s moves the replacement whole: one lead on every day', (_, command) => {
    const events = given(replaced).when(command).decision();
    expect(events).toEqual([
      { type: 'FactDateCorrected', data: { unitId: CIVIL, factType: 'UnitAssigned', previousOn: REPLACED_ON, on: '2026-11-15', reason: '替换日期录错', correctedOn: TODAY } },
      retraction(EAST, 'PartRoleChanged', REPLACED_ON, '替换日期录错'),
      { type: 'PartRoleChanged', data: { unitId: EAST, role: 'RESPONSIBLE', previousRole: 'LEAD', reason: REASON, changedOn: '2026-11-15' } },
    ]);
    const after = [...replaced, ...events];
    expect(rolesOn(after, '2026-11-14')).toEqual({ [EAST]: 'LEAD', [WEST]: 'RESPONSIBLE' });
    expect(rolesOn(after, '2026-11-17')).toEqual({ [EAST]: 'RESPONSIBLE', [WEST]: 'RESPONSIBLE', [CIVIL]: 'LEAD' });
    expect(rolesOn(after)).toEqual({ [EAST]: 'RESPONSIBLE', [WEST]: 'RESPONSIBLE', [CIVIL]: 'LEAD' });
    // Moved, it is still one step: retracted whole from its new day.
    const retracted = typed(after, [retract(EAST, 'PartRoleChanged', '2026-11-15')]);
    expect(rolesOn(retracted)).toEqual({ [EAST]: 'LEAD', [WEST]: 'RESPONSIBLE' });
  });

  it('re-dated before the old lead’s 交办, or to the day it has: refused, nothing written', () => {
    given(replaced).when(redateRoleChange(EAST, '2026-11-05')).thenRefused('BAD_USER_INPUT', undefined, /更正后的承担方式调整日期.*2026-11-07/);
    given(replaced).when(redateRoleChange(EAST, REPLACED_ON)).thenRefusedAt('on');
  });

  it('replaced again since (西山县 made lead on 11-25): refused naming that role change, to be retracted first', () => {
    const again = typed(replaced, [replace(WEST, '2026-11-25', CIVIL)]);
    given(again)
      .when(retract(EAST, 'PartRoleChanged'))
      .thenRefused('CONFLICT', undefined, /^撤销 2026-11-20 的承担方式调整会使其后.* 2026-11-25 的承担方式调整（.*）不再成立：撤销后各单位恢复原承担方式。如该承担方式调整（.*）也是误录，请先撤销/);
    // That one retracted first, this one goes too.
    const both = typed(again, [retract(WEST, 'PartRoleChanged', '2026-11-25'), retract(EAST, 'PartRoleChanged')]);
    expect(rolesOn(both)).toEqual({ [EAST]: 'LEAD', [WEST]: 'RESPONSIBLE' });
  });
});

describe('lead and responsible typed the wrong way round, swapped by 替换原牵头单位 on 11-20 (西山县 leads, 东湖区 responsible)', () => {
  const swapped = typed(start, [replace(WEST)]);

  it('撤销此记录 of either role change swaps them back', () => {
    for (const unitId of [EAST, WEST]) {
      const events = given(swapped).when(retract(unitId, 'PartRoleChanged')).decision();
      expect(events).toEqual([retraction(EAST, 'PartRoleChanged'), retraction(WEST, 'PartRoleChanged')]);
      expect(rolesOn([...swapped, ...events])).toEqual({ [EAST]: 'LEAD', [WEST]: 'RESPONSIBLE' });
    }
  });

  it('更正记录日期 moves both to the corrected day, the step-down first', () => {
    const events = given(swapped).when(redateRoleChange(WEST, '2026-11-10')).decision();
    expect(events.map((event) => [event.type, (event.data as { unitId: string }).unitId, (event.data as { changedOn?: string }).changedOn])).toEqual([
      ['RecordRetracted', EAST, undefined],
      ['RecordRetracted', WEST, undefined],
      ['PartRoleChanged', EAST, '2026-11-10'],
      ['PartRoleChanged', WEST, '2026-11-10'],
    ]);
    const after = [...swapped, ...events];
    expect(rolesOn(after, '2026-11-09')).toEqual({ [EAST]: 'LEAD', [WEST]: 'RESPONSIBLE' });
    expect(rolesOn(after, '2026-11-12')).toEqual({ [EAST]: 'RESPONSIBLE', [WEST]: 'LEAD' });
  });
});
