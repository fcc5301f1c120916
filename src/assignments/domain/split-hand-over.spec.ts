import { fold } from '../../shared/decider.js';
import { admin, supervisor } from '../../shared/testing/actors.js';
import { given as givenDecider } from '../../shared/testing/decider-testing.js';
import type { AssignmentCommand, CorrectStepDate, HandOverPart, RetractRecord, UnitNames } from './assignment.commands.js';
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

describe('given the unit’s part handed over a moment before (two administrators at once, breaker56-10 M1)', () => {
  it('when it is handed over again: refused NOT_FOUND saying it was handed over, on which day, and who holds it now', () => {
    const passed: AssignmentEvent = { type: 'PartHandedOver', data: { unitId: MZJ, successorUnitId: SFJ, reason: '机构改革：依申请公开职能划入司法局', handedOverOn: '2026-07-01', partOnly: true } };
    given([assigned(MZJ), passed])
      .when(split())
      .thenRefused('NOT_FOUND', /was handed over on 2026-07-01; 青川市司法局 holds it now/, /^青川市民政局在本事项的任务已于 2026-07-01 移交，现由青川市司法局承担（只能补录青川市民政局在该日期之前的记录）。$/);
  });
});

describe('given a parent where the unit holds no part', () => {
  it('when its part is handed over: refused NOT_FOUND naming the unit', () => {
    given([assigned(SFJ)]).when(split()).thenRefused('NOT_FOUND', undefined, /青川市民政局不在本事项的交办单位之列/);
  });
});

/*
 * breaker55-8 S4, S5: a split typed for the wrong finding, item or day is retracted (撤销此记录) like any record of the part — the
 * part is its unit's again, as if never handed over, and its 交办 can then be retracted too; and a split undone by a pass typed
 * late is passed again once that pass is retracted, as the directory's whole hand-over is (`handOversDue`).
 */
const splitPassed: AssignmentEvent = { type: 'PartHandedOver', data: { unitId: MZJ, successorUnitId: SFJ, reason: '机构改革：依申请公开职能划入司法局', handedOverOn: '2026-07-01', partOnly: true } };
const retract = (overrides: Partial<RetractRecord> = {}): RetractRecord => ({
  type: 'RetractRecord',
  actor: supervisor,
  today: '2026-07-10',
  unitId: SFJ,
  factType: 'PartHandedOver',
  on: '2026-07-01',
  reason: '移交录错：依申请公开职能未划转',
  unitNames: DIRECTORY,
  ...overrides,
});
const splitRetracted: AssignmentEvent = { type: 'RecordRetracted', data: { unitId: MZJ, factType: 'PartHandedOver', on: '2026-07-01', reason: '移交录错：依申请公开职能未划转', retractedOn: '2026-07-10' } };

describe('given a part handed over alone, by mistake', () => {
  const history = [assigned(MZJ), reported, splitPassed];

  it('when the hand-over is retracted from the successor’s card: the part is its unit’s again, with its report', () => {
    given(history).when(retract()).then([splitRetracted]);
    const state = stateAfter([...history, splitRetracted]);
    expect(partOf(state, SFJ)).toBeUndefined();
    expect(partOf(state, MZJ)).toMatchObject({ role: 'LEAD', status: 'REPORTED', reportCount: 1 });
    expect(partOf(state, MZJ)?.heldBefore).toBeUndefined();
    // Retracted, it is not passed again.
    expect(handOversDue({ unitNames: DIRECTORY }, state)).toEqual([]);
  });

  it('when the successor has reported since: refused, naming that report to retract first', () => {
    const successorReport: AssignmentEvent = { type: 'RectificationReported', data: { unitId: SFJ, summary: '已补充目录', evidence: [], reportedOn: '2026-07-05' } };
    given([...history, successorReport]).when(retract()).thenRefused('CONFLICT', undefined, /撤销青川市民政局 2026-07-01 向青川市司法局的任务移交会使其后青川市司法局 2026-07-05 的整改报告不再成立.*请先撤销该整改报告记录/);
  });

  it('a hand-over with the unit’s whole work is not retracted on one parent: refused, saying where it is undone', () => {
    const whole: AssignmentEvent = { type: 'PartHandedOver', data: { unitId: MZJ, successorUnitId: SFJ, reason: '职能整体划入', handedOverOn: '2026-07-01' } };
    given([assigned(MZJ), reported, whole]).when(retract()).thenRefused('CONFLICT', undefined, /职能整体移交.*单位名录中以“移交任务”只选本事项/);
  });
});

describe('given a unit’s 交办 whose part was handed over alone, by mistake', () => {
  const history = [assigned(MZJ), splitPassed];
  const retractAssignment = retract({ unitId: MZJ, factType: 'UnitAssigned', on: '2026-03-02', reason: '交办录错' });

  it('retracting the 交办 first is refused naming the hand-over, which can be retracted', () => {
    given(history).when(retractAssignment).thenRefused('CONFLICT', undefined, /按事项移交.*请先撤销该按事项移交记录，再撤销本交办/);
  });

  it('once the hand-over is retracted, the 交办 is retracted too: nobody holds a part', () => {
    const assignmentRetracted: AssignmentEvent = { type: 'RecordRetracted', data: { unitId: MZJ, factType: 'UnitAssigned', on: '2026-03-02', reason: '交办录错', retractedOn: '2026-07-10' } };
    given([...history, splitRetracted]).when(retractAssignment).then([assignmentRetracted]);
    expect(stateAfter([...history, splitRetracted, assignmentRetracted]).parts).toEqual({});
  });
});

describe('given a part handed over alone that a pass typed late, dated before the hand-over, kept with its unit', () => {
  const latePass: AssignmentEvent = { ...passedInspection };
  const undone: AssignmentEvent = { type: 'PartHandOverUndone', data: { unitId: MZJ, successorUnitId: SFJ, reason: '青川市民政局的任务已于 2026-06-25 确认完成', handedOverOn: '2026-07-01' } };
  const history = [assigned(MZJ), reported, splitPassed, latePass, undone];
  const passRetracted: AssignmentEvent = { type: 'RecordRetracted', data: { unitId: MZJ, factType: 'InspectionLogged', on: '2026-06-25', reason: '督查录错', retractedOn: '2026-07-10' } };

  it('the part stays with its unit while the pass stands', () => {
    const state = stateAfter(history);
    expect(partOf(state, MZJ)).toMatchObject({ status: 'VERIFIED' });
    expect(handOversDue({ unitNames: DIRECTORY }, state)).toEqual([]);
  });

  it('when the pass is retracted: the part is handed over alone again on the hand-over’s day', () => {
    const due = handOversDue({ unitNames: DIRECTORY }, stateAfter([...history, passRetracted]));
    expect(due).toEqual([{ type: 'PartHandedOver', data: expect.objectContaining({ unitId: MZJ, successorUnitId: SFJ, handedOverOn: '2026-07-01', partOnly: true }) }]);
    expect(partOf(stateAfter([...history, passRetracted, ...due]), SFJ)).toMatchObject({ status: 'REPORTED', heldBefore: [MZJ] });
  });
});

describe('given a part handed over alone on the wrong day (breaker55-8 S4: 更正记录日期)', () => {
  const history = [assigned(MZJ), reported, splitPassed];
  const redate = (on: string, overrides: Partial<CorrectStepDate> = {}): CorrectStepDate => ({
    type: 'CorrectStepDate',
    actor: supervisor,
    today: '2026-07-10',
    unitId: SFJ,
    factType: 'PartHandedOver',
    previousOn: '2026-07-01',
    on,
    reason: '移交日期录错，以划转文件为准',
    unitNames: DIRECTORY,
    ...overrides,
  });

  it('when its day is corrected: retracted with the reason and typed again on the right day, still alone', () => {
    const events = given(history).when(redate('2026-07-03')).decision();
    expect(events).toEqual([
      { type: 'RecordRetracted', data: { unitId: MZJ, factType: 'PartHandedOver', on: '2026-07-01', reason: '移交日期录错，以划转文件为准', retractedOn: '2026-07-10' } },
      { type: 'PartHandedOver', data: { unitId: MZJ, successorUnitId: SFJ, reason: '机构改革：依申请公开职能划入司法局', handedOverOn: '2026-07-03', partOnly: true } },
    ]);
    const state = stateAfter([...history, ...events]);
    expect(partOf(state, SFJ)).toMatchObject({ status: 'REPORTED', heldBefore: [MZJ], heldSince: '2026-07-03' });
    expect(handOversDue({ unitNames: DIRECTORY }, state)).toEqual([]);
  });

  it('moved before the report of the unit that handed it over: refused, naming that report', () => {
    given(history).when(redate('2026-06-10')).thenRefused('BAD_USER_INPUT', undefined, /更正后的移交日期（2026-06-10）会使青川市民政局 2026-06-20 的整改报告不再成立：青川市民政局移交后不再承担该任务/);
  });

  it('moved after a record of the successor: refused, naming it', () => {
    const urged: AssignmentEvent = { type: 'UnitUrged', data: { unitId: SFJ, message: '请尽快整改', urgedOn: '2026-07-02' } };
    given([...history, urged]).when(redate('2026-07-05')).thenRefused('BAD_USER_INPUT', undefined, /青川市司法局 2026-07-02 的催办不再成立：青川市司法局自移交之日起才承担该任务/);
  });
});

describe('given a lead that stepped down when another unit replaced it (breaker55-8 M1)', () => {
  const stepDown: AssignmentEvent = { type: 'PartRoleChanged', data: { unitId: MZJ, role: 'RESPONSIBLE', previousRole: 'LEAD', reason: '替换原牵头单位', changedOn: '2026-04-01' } };

  it('its 交办 redated past the step-down is refused naming the role change by its own name, not 「…的记录」', () => {
    given([assigned(MZJ), assigned(SFJ), stepDown])
      .when({ type: 'CorrectFactDate', actor: supervisor, today: '2026-07-10', unitId: MZJ, factType: 'UnitAssigned', previousOn: '2026-03-02', on: '2026-04-10', reason: '交办日期录错', unitNames: DIRECTORY })
      .thenRefused('BAD_USER_INPUT', undefined, /青川市民政局的承担方式调整（牵头改为责任）日期/);
  });
});

describe('given a part handed over alone (按事项移交, 07-01), its new holder having reported on it since (h57c)', () => {
  const passedAlone: AssignmentEvent = { type: 'PartHandedOver', data: { unitId: MZJ, successorUnitId: SFJ, reason: '机构改革：依申请公开职能划入司法局', handedOverOn: '2026-07-01', partOnly: true } };
  const successorReported: AssignmentEvent = { type: 'RectificationReported', data: { unitId: SFJ, summary: '已整改', evidence: [{ title: '制度文本', link: 'https://www.example.gov.cn/x', documentRef: null }], reportedOn: '2026-07-05' } };

  it('the new holder’s own 交办 dated before it is refused saying the split’s day is corrected on the part — not 「机构改革的日期录入后不能更正」', () => {
    given([assigned(MZJ), passedAlone, successorReported])
      .when({ type: 'AssignUnit', actor: supervisor, today: '2026-07-10', unitId: SFJ, role: 'RESPONSIBLE', dueDate: '2026-09-30', assignedOn: '2026-06-15', unitNames: DIRECTORY })
      .thenRefused('CONFLICT', /correct it on the part first \(更正记录日期\)/, /请先更正这些记录的日期（更正记录日期）；如该按事项移交的日期录错，请先在该任务上“更正记录日期”。$/);
  });
});
