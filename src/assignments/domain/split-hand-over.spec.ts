import { fold } from '../../shared/decider.js';
import { admin } from '../../shared/testing/actors.js';
import { given as givenDecider } from '../../shared/testing/decider-testing.js';
import type { AssignmentCommand, HandOverPart, UnitNames } from './assignment.commands.js';
import { decideAssignment, evolveAssignments, handOversDue, initialAssignmentsState, partOf, type AssignmentsState } from './assignment.decider.js';
import type { AssignmentEvent } from './assignment.events.js';

/*
 * newcomer53-10 S1: a split of a unit's duties (职能划转) — the administrator hands over the parts of chosen findings or items only
 * (HandOverPart with `partOnly`). Each chosen part passes whole, with its report awaiting inspection; a successor already holding
 * a part of the parent is refused (a split does not join two parts); a part verified by the day stays, as in any hand-over.
 */
const assignments = { initialState: initialAssignmentsState, evolve: evolveAssignments };
const given = (events: readonly AssignmentEvent[]) => givenDecider(assignments, events, (command: AssignmentCommand, state) => decideAssignment(command, state, { parentClosed: false }));
const stateAfter = (events: readonly AssignmentEvent[]): AssignmentsState => fold(assignments, events);

const MZJ = 'unit-mzj';
const SFJ = 'unit-sfj';
const NAMES: Record<string, string> = { [MZJ]: '青川市民政局', [SFJ]: '青川市司法局' };
const DIRECTORY: UnitNames = { nameOf: (unitId) => NAMES[unitId], handOversOf: () => [], mergerOf: () => undefined };

const assigned = (unitId: string, role: 'LEAD' | 'RESPONSIBLE' = 'LEAD'): AssignmentEvent => ({ type: 'UnitAssigned', data: { unitId, role, dueDate: '2026-09-30', assignedOn: '2026-03-02' } });
const reported: AssignmentEvent = { type: 'RectificationReported', data: { unitId: MZJ, summary: '依申请公开制度已修订', evidence: [{ title: '制度文本', link: 'https://www.example.gov.cn/x', documentRef: null }], reportedOn: '2026-06-20' } };
const passedInspection: AssignmentEvent = { type: 'InspectionLogged', data: { unitId: MZJ, inspectionId: 'i-1', outcome: 'PASSED', notes: '', inspectedOn: '2026-06-25', place: '现场' } };

const split = (overrides: Partial<HandOverPart> = {}): HandOverPart => ({
  type: 'HandOverPart',
  actor: admin,
  today: '2026-07-10',
  unitId: MZJ,
  successorUnitId: SFJ,
  reason: '机构改革：依申请公开职能划入司法局',
  handedOverOn: '2026-07-01',
  unitNames: DIRECTORY,
  partOnly: true,
  ...overrides,
});

describe('given a unit’s part with its report awaiting inspection', () => {
  const history = [assigned(MZJ), reported];

  it('when the part alone is handed over: it passes marked partOnly, with its report and who held it', () => {
    const passed: AssignmentEvent = { type: 'PartHandedOver', data: { unitId: MZJ, successorUnitId: SFJ, reason: '机构改革：依申请公开职能划入司法局', handedOverOn: '2026-07-01', partOnly: true } };
    given(history).when(split()).then([passed]);
    const state = stateAfter([...history, passed]);
    expect(partOf(state, MZJ)).toBeUndefined();
    expect(partOf(state, SFJ)).toMatchObject({ role: 'LEAD', status: 'REPORTED', reportCount: 1, heldBefore: [MZJ], heldSince: '2026-07-01' });
    // The directory records no hand-over of the unit's work: nothing else is due to pass later.
    expect(handOversDue({ unitNames: DIRECTORY }, state)).toEqual([]);
  });

  it('a whole hand-over still passes it unmarked (as before)', () => {
    given(history).when(split({ partOnly: undefined })).then([{ type: 'PartHandedOver', data: { unitId: MZJ, successorUnitId: SFJ, reason: '机构改革：依申请公开职能划入司法局', handedOverOn: '2026-07-01' } }]);
  });

  it('when the successor holds a part of the parent: refused CONFLICT naming it, nothing written (a whole hand-over joins them)', () => {
    given([...history, assigned(SFJ, 'RESPONSIBLE')])
      .when(split())
      .thenRefused('CONFLICT', /青川市司法局 already holds a part .* does not join two units' parts/, /^青川市司法局在本事项已有任务（2026-07-01）：按事项移交（职能划转）不把两个单位的任务合为一项。请不要选择本事项；如青川市民政局的职能整体划入青川市司法局/);
    given([...history, assigned(SFJ, 'RESPONSIBLE')]).when(split()).thenRefusedAt('only');
    given([...history, assigned(SFJ, 'RESPONSIBLE')]).when(split({ partOnly: undefined })).then([{ type: 'PartHandedOver', data: { unitId: MZJ, successorUnitId: SFJ, reason: '机构改革：依申请公开职能划入司法局', handedOverOn: '2026-07-01' } }]);
  });

  it('when dated before the part was assigned: refused, naming the assignment day', () => {
    given(history).when(split({ handedOverOn: '2026-03-01' })).thenRefused('BAD_USER_INPUT', undefined, /2026-03-02/);
  });
});

describe('given a unit’s part verified before the day', () => {
  it('when handed over alone: refused CONFLICT — it stays with the unit that did it', () => {
    given([assigned(MZJ), reported, passedInspection]).when(split()).thenRefused('CONFLICT', undefined, /青川市民政局的任务已于 2026-06-25 确认完成（移交日期 2026-07-01 之前），不再移交/);
  });
});

describe('given a parent where the unit holds no part', () => {
  it('when its part is handed over: refused NOT_FOUND naming the unit', () => {
    given([assigned(SFJ)]).when(split()).thenRefused('NOT_FOUND', undefined, /青川市民政局不在本事项的交办单位之列/);
  });
});
