import { fold } from '../../shared/decider.js';
import { DomainError } from '../../shared/domain-error.js';
import { clerkOf, inspector, supervisor, admin } from '../../shared/testing/actors.js';
import type { AssignmentCommand, AssignUnit, CorrectFactDate, UnitNames } from './assignment.commands.js';
import { assignmentsOn, decideAssignment, handOversAfterMerges, evolveAssignments, initialAssignmentsState, partsOf, type AssignmentsState } from './assignment.decider.js';
import type { AssignmentEvent, RedatableFact } from './assignment.events.js';

/*
 * The day a part passes (职能调整 hand-over, 机构改革 merge) is still the handing unit's working day (breaker8s P6): a paper of
 * that day naming it — its report, extension request or withdrawal, and the office's urging, send-back, failed inspection or
 * extension decision about it (breaker8u P7, P2) — is its paper, before the hand-over, whichever of the two was typed first.
 * Each pair is typed in both orders on fresh parts; both orders must record the same facts under the same unit (the history),
 * leave the same parts, and answer every later date correction of the paper alike — from the card of the handing unit or of the
 * successor holding the part now (the web card sends the holder of today): to the day before, taken; to the day after, refused
 * (it would cross the hand-over).
 */

const LEAD = 'unit-finance';
const HANDING = 'unit-environment';
const SUCCESSOR = 'unit-health';
const DAY = '2016-05-20';
const TODAY = '2026-11-30';
const NAMES: Record<string, string> = { [LEAD]: '市财政局', [HANDING]: '市环境保护局', [SUCCESSOR]: '市卫生健康委员会' };

/** The directory before and after the merge is typed: a merged unit's successor is known only once the merge is entered. */
const directory = (merged: boolean): UnitNames => ({
  nameOf: (unitId) => NAMES[unitId],
  mergerOf: (unitId) => (merged && unitId === HANDING ? { successorUnitId: SUCCESSOR, mergedOn: DAY } : undefined),
});

const base: AssignmentEvent[] = [
  { type: 'UnitAssigned', data: { unitId: LEAD, role: 'LEAD', dueDate: '2016-05-31', assignedOn: '2016-04-26' } },
  { type: 'UnitAssigned', data: { unitId: HANDING, role: 'RESPONSIBLE', dueDate: '2016-05-31', assignedOn: '2016-04-26' } },
];
const reportedEarlier: AssignmentEvent = { type: 'RectificationReported', data: { unitId: HANDING, summary: '已整改', evidence: [], reportedOn: '2016-05-10' } };
const requestedEarlier: AssignmentEvent = { type: 'ExtensionRequested', data: { unitId: HANDING, requestId: 'request-1', requestedDueDate: '2016-06-30', reason: '需要时间', requestedOn: '2016-05-12' } };

/** A paper naming the handing unit, dated `on` (the hand-over's day unless given). */
type Paper = (names: UnitNames, on?: string) => AssignmentCommand;
interface Case {
  readonly what: string;
  readonly history: readonly AssignmentEvent[];
  readonly paper: Paper;
  /** The record `correctRecordDate` names (its fact type), absent when none can be moved. */
  readonly record: RedatableFact;
}

const common = { today: TODAY, unitId: HANDING } as const;
const CASES: readonly Case[] = [
  { what: 'its report', history: base, record: 'RectificationReported', paper: (unitNames, on = DAY) => ({ ...common, type: 'ReportRectification', actor: clerkOf(HANDING), summary: '已整改', evidence: [{ title: '公开页面', link: 'https://www.example.gov.cn/p', documentRef: null }], reportedOn: on, unitNames }) },
  { what: 'the office’s urging', history: base, record: 'UnitUrged', paper: (unitNames, on = DAY) => ({ ...common, type: 'UrgeUnit', actor: supervisor, message: '请抓紧', urgedOn: on, unitNames }) },
  { what: 'the send-back of its report', history: [...base, reportedEarlier], record: 'ReportSentBack', paper: (unitNames, on = DAY) => ({ ...common, type: 'SendBackReport', actor: supervisor, reason: '材料不全', sentBackOn: on, newDueDate: '2016-06-30', unitNames }) },
  {
    what: 'the failed inspection of its report',
    history: [...base, reportedEarlier],
    record: 'InspectionLogged',
    paper: (unitNames, on = DAY) => ({ ...common, type: 'LogInspection', actor: inspector, inspectionId: 'inspection-1', outcome: 'FAILED', notes: '目录不全', inspectedOn: on, place: '现场', newDueDate: '2016-06-30', unitNames }),
  },
  { what: 'the grant of its extension request', history: [...base, requestedEarlier], record: 'ExtensionGranted', paper: (unitNames, on = DAY) => ({ ...common, type: 'DecideExtension', actor: supervisor, requestId: 'request-1', approve: true, decidedOn: on, unitNames }) },
  { what: 'the refusal of its extension request', history: [...base, requestedEarlier], record: 'ExtensionRefused', paper: (unitNames, on = DAY) => ({ ...common, type: 'DecideExtension', actor: supervisor, requestId: 'request-1', approve: false, reason: '理由不足', decidedOn: on, unitNames }) },
];

const stateAfter = (events: readonly AssignmentEvent[]): AssignmentsState => fold({ initialState: initialAssignmentsState, evolve: evolveAssignments }, events);
const decide = (command: AssignmentCommand, events: readonly AssignmentEvent[]) => decideAssignment(command, stateAfter(events), { parentClosed: false });
/** What a decision gives: its events, or its refusal's code. */
const outcome = (command: AssignmentCommand, events: readonly AssignmentEvent[]): readonly AssignmentEvent[] | string => {
  try {
    return decide(command, events);
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
};
const refusal = (command: AssignmentCommand, events: readonly AssignmentEvent[]): string => {
  try {
    decide(command, events);
    return '';
  } catch (error) {
    return (error as DomainError).messageZh ?? String(error);
  }
};
/** The parts as they stand: holder, status, due date, earlier holders, reports, inspections, returns and requests. */
const partsRead = (events: readonly AssignmentEvent[]) =>
  partsOf(stateAfter(events)).map((part) => [part.unitId, part.status, part.dueDate, part.heldBefore ?? [], part.lastReport?.reportedOn ?? null, part.inspections.map((one) => [one.inspectedOn, one.outcome]), part.lastReturn, part.urgeCount, part.extensionRequests]);

describe.each([
  ['a hand-over (职能调整)', false],
  ['a merge (机构改革)', true],
] as const)('a paper of the day the handing unit’s part passes by %s, typed before or after it (breaker8u P7, P2)', (_how, merging) => {
  const passing = (unitNames: UnitNames): AssignmentCommand => ({
    type: 'HandOverPart',
    actor: admin,
    today: TODAY,
    unitId: HANDING,
    successorUnitId: SUCCESSOR,
    reason: merging ? '机构改革' : '职能调整',
    handedOverOn: DAY,
    ...(merging ? { merging: true } : {}),
    unitNames,
  });
  /** The paper and the hand-over typed in `order`: the events recorded (the directory reads the merge once it is typed). */
  const typed = (paper: Paper, history: readonly AssignmentEvent[], order: 'paper first' | 'hand-over first', on = DAY): AssignmentEvent[] => {
    const events = [...history];
    const steps = order === 'paper first' ? [paper(directory(false), on), passing(directory(merging))] : [passing(directory(merging)), paper(directory(merging), on)];
    for (const step of steps) {
      const decided = outcome(step, events);
      if (typeof decided === 'string') throw new Error(`${order}: ${step.type} refused ${decided}: ${refusal(step, events)}`);
      events.push(...decided);
    }
    return events;
  };
  const redate = (record: RedatableFact, door: string, on: string, previousOn = DAY): CorrectFactDate => ({ type: 'CorrectFactDate', actor: supervisor, today: TODAY, unitId: door, factType: record, previousOn, on, reason: '按纸质文件更正', unitNames: directory(merging) });

  describe.each(CASES.map((each) => [each.what, each] as const))('%s', (_what, { history, paper, record }) => {
    let paperFirst: AssignmentEvent[];
    let handOverFirst: AssignmentEvent[];
    beforeAll(() => {
      paperFirst = typed(paper, history, 'paper first');
      handOverFirst = typed(paper, history, 'hand-over first');
    });

    it('is recorded under the handing unit, as one fact, whichever was typed first: the history reads one way', () => {
      const recorded = (events: readonly AssignmentEvent[]) => events.slice(history.length).filter((event) => event.type !== 'PartHandedOver');
      expect(recorded(handOverFirst)).toEqual(recorded(paperFirst));
      expect(recorded(paperFirst).map((event) => (event.data as { unitId: string }).unitId)).toEqual([HANDING]);
      expect(partsRead(handOverFirst)).toEqual(partsRead(paperFirst));
    });

    it.each([
      ['the day before, from the handing unit’s card', HANDING, '2016-05-19'],
      ['the day before, from the successor’s card', SUCCESSOR, '2016-05-19'],
      ['the day after, from the handing unit’s card', HANDING, '2016-05-21'],
      ['the day after, from the successor’s card', SUCCESSOR, '2016-05-21'],
    ])('is corrected to %s alike in both orders', (_to, door, on) => {
      const asTypedFirst = outcome(redate(record, door, on), paperFirst);
      expect(outcome(redate(record, door, on), handOverFirst)).toEqual(asTypedFirst);
      // Before the hand-over it stays the handing unit's; after it, it would be the successor's: refused.
      if (on < DAY) expect(asTypedFirst).toEqual([expect.objectContaining({ type: 'FactDateCorrected', data: expect.objectContaining({ unitId: HANDING, on }) })]);
      else expect(asTypedFirst).toBe('BAD_USER_INPUT');
    });

    it.each([
      ['the handing unit’s card', HANDING],
      ['the successor’s card', SUCCESSOR],
    ])('dated the day before and corrected onto the day from %s, reads as typed on the day, in both orders', (_door, door) => {
      for (const order of ['paper first', 'hand-over first'] as const) {
        const dayBefore = typed(paper, history, order, '2016-05-19');
        const corrected = outcome(redate(record, door, DAY, '2016-05-19'), dayBefore);
        expect(corrected).toEqual([expect.objectContaining({ type: 'FactDateCorrected', data: expect.objectContaining({ unitId: HANDING, on: DAY }) })]);
        expect(partsRead([...dayBefore, ...(corrected as AssignmentEvent[])])).toEqual(partsRead(paperFirst));
      }
    });
  });

  /** The older forms: `correctReportDate` (the part's last report) and `correctInspection` (an inspection's day). */
  it.each([
    ['the day before', '2016-05-19'],
    ['the day after', '2016-05-21'],
  ])('a report or failed inspection of the day corrected by its own form to %s answers alike in both orders', (_to, on) => {
    const [reportCase, , , inspectionCase] = CASES;
    for (const door of [HANDING, SUCCESSOR]) {
      const byReportForm: AssignmentCommand = { type: 'CorrectReportDate', actor: supervisor, today: TODAY, unitId: door, reportedOn: on, reason: '日期录错', unitNames: directory(merging) };
      const byInspectionForm: AssignmentCommand = { type: 'CorrectInspection', actor: supervisor, today: TODAY, unitId: door, inspectionId: 'inspection-1', inspectedOn: on, reason: '日期录错', unitNames: directory(merging) };
      for (const [{ paper, history }, correction] of [[reportCase!, byReportForm], [inspectionCase!, byInspectionForm]] as const) {
        const paperFirst = typed(paper, history, 'paper first');
        const handOverFirst = typed(paper, history, 'hand-over first');
        const asTypedFirst = outcome(correction, paperFirst);
        expect([door, correction.type, outcome(correction, handOverFirst)]).toEqual([door, correction.type, asTypedFirst]);
        // The handing unit's paper: kept in its days, never moved past its hand-over.
        if (on < DAY) expect([door, correction.type, asTypedFirst]).toEqual([door, correction.type, [expect.objectContaining({ data: expect.objectContaining({ unitId: HANDING }) })]]);
        else expect([door, correction.type, asTypedFirst]).toEqual([door, correction.type, 'BAD_USER_INPUT']);
      }
    }
  });
});

describe('the handing unit’s report of the hand-over day typed after the successor’s report of a later day (breaker8u P6)', () => {
  const passed: AssignmentEvent = { type: 'PartHandedOver', data: { unitId: HANDING, successorUnitId: SUCCESSOR, reason: '职能调整', handedOverOn: DAY } };
  const successorReported: AssignmentEvent = { type: 'RectificationReported', data: { unitId: SUCCESSOR, summary: '已整改', evidence: [{ title: '公开页面', link: 'https://www.example.gov.cn/p', documentRef: null }], reportedOn: '2016-06-05' } };

  it('is refused naming the successor’s report and what it clashes with — was 「市环境保护局已于 2016-06-05 报送整改情况，2016-05-20 时该报告正在等待督查」, a report the handing unit never made, awaiting on a day before it existed', () => {
    const [reportCase] = CASES;
    for (const actor of [clerkOf(HANDING), clerkOf(SUCCESSOR)]) {
      const refused = refusal({ ...reportCase!.paper(directory(false)), actor } as AssignmentCommand, [...base, passed, successorReported]);
      expect(refused).toBe('报告日期（2016-05-20）会使其后市卫生健康委员会 2016-06-05 的整改报告不再成立：当时 2016-05-20 的整改报告尚待督查。如两者都属实，请先更正该整改报告记录。');
    }
  });
});

describe('a 交办 of the merged unit dated on its merge day (breaker8u P2)', () => {
  const merging = (unitNames: UnitNames): AssignmentCommand => ({ type: 'HandOverPart', actor: admin, today: TODAY, unitId: HANDING, successorUnitId: SUCCESSOR, reason: '机构改革', handedOverOn: DAY, merging: true, unitNames });
  const assigning = (unitNames: UnitNames): AssignmentCommand => ({ type: 'AssignUnit', actor: supervisor, today: TODAY, unitId: HANDING, role: 'RESPONSIBLE', dueDate: '2016-06-30', assignedOn: DAY, unitNames });
  const lead = base.slice(0, 1);

  it('is taken whichever was typed first, and passes to the successor that day: the same parts now and on every day (typed after the merge it was refused 「…不再承担新的工作」)', () => {
    const typed = (first: 'assignment' | 'merge') => {
      const events = [...lead];
      // Typed first, the merge finds no part of the unit here and passes nothing (the directory records it).
      const steps = first === 'assignment' ? [assigning(directory(false)), merging(directory(true))] : [assigning(directory(true))];
      for (const step of steps) {
        const decided = outcome(step, events);
        expect([first, step.type, typeof decided === 'string' ? refusal(step, events) : 'taken']).toEqual([first, step.type, 'taken']);
        events.push(...(decided as AssignmentEvent[]));
        // As a 交办 batch does (parent-of-parts.ts): a part of a unit merged by then passes on its merge day.
        if (step.type === 'AssignUnit') events.push(...handOversAfterMerges(step as AssignUnit, [{ unitId: HANDING }]));
      }
      return events;
    };
    const read = (events: readonly AssignmentEvent[]) => [partsRead(events), ...['2016-05-19', DAY, '2016-05-21'].map((day) => partsOf(assignmentsOn(stateAfter(events), day)).map((part) => [part.unitId, part.status, part.heldBefore ?? []]))];
    expect(read(typed('merge'))).toEqual(read(typed('assignment')));
    expect(partsRead(typed('assignment')).map((part) => part[0])).toEqual([LEAD, SUCCESSOR]);
  });
});

/*
 * breaker8v P9: a pass of the day the handing unit's part passes on, of that unit's work, typed after the hand-over or merge —
 * from the handing unit's card or the successor's (the web card names the holder of today). The part verified that day stays
 * with its unit and the pass is its own: the hand-over comes off first, the pass names the handing unit, as date order has it.
 */
describe.each([
  ['a hand-over (职能调整)', false],
  ['a merge (机构改革)', true],
] as const)('a pass of the day the handing unit’s part passes by %s (breaker8v P9)', (_how, merging) => {
  const passing = (unitNames: UnitNames): AssignmentCommand => ({
    type: 'HandOverPart', actor: admin, today: TODAY, unitId: HANDING, successorUnitId: SUCCESSOR, reason: merging ? '机构改革' : '职能调整', handedOverOn: DAY, ...(merging ? { merging: true } : {}), unitNames,
  });
  const report = (unitNames: UnitNames): AssignmentCommand => ({ ...common, type: 'ReportRectification', actor: clerkOf(HANDING), summary: '已整改', evidence: [{ title: '公开页面', link: 'https://www.example.gov.cn/p', documentRef: null }], reportedOn: DAY, unitNames });
  const pass = (unitId: string) => (unitNames: UnitNames): AssignmentCommand => ({ type: 'LogInspection', actor: inspector, today: TODAY, unitId, inspectionId: 'inspection-9', outcome: 'PASSED', notes: '核实', inspectedOn: DAY, place: '现场', unitNames });
  /** Steps typed in order; the hand-over of a part verified by then is date order's own refusal (a reorganisation passes open work only). */
  const typed = (history: readonly AssignmentEvent[], steps: readonly ('report' | 'pass' | 'hand-over')[], door: string) => {
    const events = [...history];
    let passed = false;
    for (const step of steps) {
      const command = step === 'report' ? report(directory(passed && merging)) : step === 'pass' ? pass(passed ? door : HANDING)(directory(passed && merging)) : passing(directory(merging));
      if (step === 'hand-over') passed = true;
      const decided = outcome(command, events);
      if (decided === 'CONFLICT' && step === 'hand-over' && /确认完成.*不再移交/u.test(refusal(command, events))) continue;
      if (typeof decided === 'string') throw new Error(`${steps.join(' → ')}: ${step} refused ${decided}: ${refusal(command, events)}`);
      events.push(...decided);
    }
    return events;
  };
  /** The history as a person reads it: each record's type and unit (the hand-over's undoing aside), and the parts. */
  const read = (events: readonly AssignmentEvent[]) => ({
    records: events.filter((event) => !['PartHandedOver', 'PartHandOverUndone'].includes(event.type)).map((event) => `${event.type} ${(event.data as { unitId?: string }).unitId}`),
    parts: partsRead(events),
    onTheDay: partsOf(assignmentsOn(stateAfter(events), DAY)).map((part) => [part.unitId, part.status]),
  });

  it.each([
    ['report, pass, hand-over', ['report', 'pass', 'hand-over']],
    ['report, hand-over, pass', ['report', 'hand-over', 'pass']],
    ['hand-over, report, pass', ['hand-over', 'report', 'pass']],
  ] as const)('its report and pass of the day typed %s: verified by the handing unit, which keeps its part — from either card', (_order, steps) => {
    const inDateOrder = read(typed(base, ['report', 'pass', 'hand-over'], HANDING));
    expect(inDateOrder.parts.find(([unitId]) => unitId === HANDING)?.[1]).toBe('VERIFIED');
    for (const door of [HANDING, SUCCESSOR]) expect([door, read(typed(base, steps, door))]).toEqual([door, inDateOrder]);
  });

  it.each([
    ['the handing unit’s card', HANDING],
    ['the successor’s card', SUCCESSOR],
  ])('a pass of the day of its earlier report, typed after the hand-over from %s, is recorded under the handing unit', (_door, door) => {
    const history = [...base, reportedEarlier];
    expect(read(typed(history, ['hand-over', 'pass'], door))).toEqual(read(typed(history, ['pass', 'hand-over'], HANDING)));
  });

  it('a pass of the successor’s own report of the day stays the successor’s: the hand-over stands', () => {
    const successorReport: AssignmentCommand = { ...report(directory(merging)), unitId: SUCCESSOR, actor: clerkOf(SUCCESSOR) } as AssignmentCommand;
    const events = typed(base, ['hand-over'], SUCCESSOR);
    const reported = outcome(successorReport, events);
    expect(typeof reported).not.toBe('string');
    events.push(...(reported as AssignmentEvent[]));
    const decided = outcome(pass(SUCCESSOR)(directory(merging)), events) as AssignmentEvent[];
    expect(decided.map((event) => `${event.type} ${(event.data as { unitId?: string }).unitId}`)).toEqual([`InspectionLogged ${SUCCESSOR}`]);
  });
});
