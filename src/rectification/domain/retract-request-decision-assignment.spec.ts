import type { AssignmentEvent, Evidence } from '../../assignments/domain/assignment.events.js';
import type { RetractRecord } from '../../assignments/domain/assignment.commands.js';
import { decisionWindow, partOf, partsOf } from '../../assignments/domain/assignment.decider.js';
import { lifecycleOf } from '../../assignments/testing/lifecycle.js';
import type { DomainError } from '../../shared/domain-error.js';
import { clerkOf, supervisor } from '../../shared/testing/actors.js';
import { given as givenDecider } from '../../shared/testing/decider-testing.js';
import { findingDecider, type FindingCommand } from './finding.decider.js';
import type { FindingRecorded, FindingStreamEvent } from './finding.events.js';
import { assignmentsAfter as partsAfter, stateAfter } from '../testing/portal-finding-story.js';

/*
 * h52a (issue 8): 撤销误录 of the records newcomer51-8 S1's fix left out — a unit's extension request entered by mistake (its own
 * or 代录), a 审批延期 decision entered by mistake, a 交办 entered by mistake (the wrong unit given the finding). Each could only
 * be corrected to another day; none could be taken back. Retracted, the parts read as if it had never been entered: a request
 * gone, a decision's granted date gone (the request awaits its decision again), a unit's part gone; what would no longer hold
 * without it is named to retract first.
 */

const given = (events: readonly FindingStreamEvent[]) => givenDecider(findingDecider, events);
/** The events of `commands` decided one after another after `start`, as typed. */
const typed = (start: readonly FindingStreamEvent[], commands: readonly FindingCommand[]): FindingStreamEvent[] =>
  commands.reduce<FindingStreamEvent[]>((events, command) => [...events, ...findingDecider.decide(command, stateAfter(events))], [...start]);

const FINDING = 'finding-f4';
const FINANCE = 'unit-finance';
const EDUCATION = 'unit-education';
const TODAY = '2026-12-07';
const REASON = '录入时选错了单位，纸质台账无此记录';
const evidence: Evidence[] = [{ title: '答复登记表', link: null, documentRef: '青财〔2016〕12号' }];

const { assigned, reported, inspected, report, requestExtension, decideExtension, urge } = lifecycleOf({
  dueDate: '2016-06-30',
  today: TODAY,
  assignedOn: '2016-04-26',
  inspectedOn: '2016-06-20',
  reportedOn: '2016-06-01',
  summary: (unitId) => `${unitId} 已整改`,
  evidence,
  failureNotes: '整改不到位',
  returnedUntil: '2016-07-31',
  extension: { unitId: EDUCATION, today: TODAY, requestedOn: '2016-05-10', requestedDueDate: '2016-07-31', reason: '需要时间' },
});

const recorded: FindingRecorded = {
  type: 'FindingRecorded',
  data: { findingId: FINDING, evaluationId: 'evaluation-2016', title: '依申请公开答复超期', description: '', category: '依申请公开', severity: 'HIGH', concernedUnitIds: [FINANCE, EDUCATION], identifiedOn: '2016-04-20', measures: '' },
};
const assignedToTwo: FindingStreamEvent[] = [recorded, assigned(FINANCE, 'LEAD'), assigned(EDUCATION)];

const retract = (factType: RetractRecord['factType'], on: string, overrides: Partial<RetractRecord> = {}): RetractRecord => ({
  type: 'RetractRecord',
  actor: supervisor,
  today: TODAY,
  unitId: EDUCATION,
  factType,
  on,
  reason: REASON,
  ...overrides,
});
const retracted = (factType: RetractRecord['factType'], on: string, unitId = EDUCATION): AssignmentEvent => ({
  type: 'RecordRetracted',
  data: { unitId, factType, on, reason: REASON, retractedOn: TODAY },
});

const requested = typed(assignedToTwo, [requestExtension({ actor: clerkOf(EDUCATION) })]);
const inspect = (unitId: string, outcome: 'PASSED' | 'FAILED', inspectedOn: string): FindingCommand => ({
  type: 'LogInspection', actor: supervisor, today: TODAY, unitId, inspectionId: `i-${inspectedOn}`, outcome, notes: outcome === 'PASSED' ? '已整改' : '整改不到位', inspectedOn, place: 'on site', ...(outcome === 'FAILED' ? { newDueDate: '2016-07-31' } : {}),
} as FindingCommand);
const withdraw = (withdrawnOn: string): FindingCommand => ({ type: 'WithdrawExtensionRequest', actor: clerkOf(EDUCATION), today: TODAY, unitId: EDUCATION, requestId: 'extension-1', reason: '日期填错', withdrawnOn });
const enteredForIt = typed(assignedToTwo, [requestExtension({ actor: supervisor })]);
const granted = typed(requested, [decideExtension({ decidedOn: '2016-05-12' })]);
const refused = typed(requested, [decideExtension({ decidedOn: '2016-05-12', approve: false, reason: '理由不充分' })]);

describe('撤销误录 of an extension request (延期申请)', () => {
  it.each([
    ['the unit’s own', requested],
    ['entered for it from paper (代录)', enteredForIt],
  ])('%s, undecided: retracted, the part has no request and keeps its due date', (_how, events) => {
    given(events).when(retract('ExtensionRequested', '2016-05-10')).then([retracted('ExtensionRequested', '2016-05-10')]);
    const part = partOf(partsAfter([...events, retracted('ExtensionRequested', '2016-05-10')]), EDUCATION);
    expect(part).toMatchObject({ dueDate: '2016-06-30', extensionRequests: [] });
  });

  it('decided since: refused, naming the decision on it to retract first — nothing to correct (breaker53-8 M2)', () => {
    given(granted)
      .when(retract('ExtensionRequested', '2016-05-10'))
      .thenRefused('CONFLICT', /extension decision of .* of 2016-05-12 deciding no request: it is the decision on this request/u, /2016-05-12 的延期审批失去所审批的申请：该延期审批是对本申请的审批。如该审批也是误录，请先撤销该审批记录，再撤销本申请；否则本申请不能撤销。$/u);
    expect(() => findingDecider.decide(retract('ExtensionRequested', '2016-05-10'), stateAfter(granted))).toThrow(expect.objectContaining({ messageZh: expect.not.stringMatching(/当时尚未提出|请先更正它/u) }));
  });

  it('withdrawn by the unit since: retracted, its withdrawal with it — the part has no request on any day (breaker53-8 S2)', () => {
    const withdrawn = typed(requested, [withdraw('2016-05-12')]);
    given(withdrawn).when(retract('ExtensionRequested', '2016-05-10')).then([retracted('ExtensionRequested', '2016-05-10')]);
    const part = partOf(partsAfter([...withdrawn, retracted('ExtensionRequested', '2016-05-10')]), EDUCATION);
    expect(part).toMatchObject({ dueDate: '2016-06-30', extensionRequests: [] });
  });
});

describe('撤销误录 of an extension decision (审批延期)', () => {
  it('a grant: the date it granted goes, the request awaits a decision again', () => {
    expect(partOf(partsAfter(granted), EDUCATION)).toMatchObject({ dueDate: '2016-07-31' });
    given(granted).when(retract('ExtensionGranted', '2016-05-12')).then([retracted('ExtensionGranted', '2016-05-12')]);
    const part = partOf(partsAfter([...granted, retracted('ExtensionGranted', '2016-05-12')]), EDUCATION);
    expect(part).toMatchObject({ dueDate: '2016-06-30', extensionRequests: [expect.objectContaining({ status: 'PENDING' })] });
  });

  it('a refusal, named as the API names any decision (granted or refused alike): recorded as the refusal it was', () => {
    given(refused).when(retract('ExtensionGranted', '2016-05-12')).then([retracted('ExtensionRefused', '2016-05-12')]);
    const part = partOf(partsAfter([...refused, retracted('ExtensionRefused', '2016-05-12')]), EDUCATION);
    expect(part?.extensionRequests).toEqual([expect.objectContaining({ status: 'PENDING' })]);
  });

  it('a grant a report relied on is retracted all the same: the report reads late against the date then in force', () => {
    const reportedLate = typed(granted, [report(EDUCATION, '2016-07-20')]);
    given(reportedLate).when(retract('ExtensionGranted', '2016-05-12')).then([retracted('ExtensionGranted', '2016-05-12')]);
  });
});

describe('a decision retracted on a part verified since: decided again, as the web app offers (newcomer53-8 S1)', () => {
  const verifiedAfterTheRefusal = typed(refused, [report(EDUCATION, '2016-06-01'), inspect(EDUCATION, 'PASSED', '2016-06-20')]);
  const afterRetraction = [...verifiedAfterTheRefusal, retracted('ExtensionRefused', '2016-05-12')];
  const request = () => partOf(partsAfter(afterRetraction), EDUCATION)!.extensionRequests[0]!;
  const decide = (decidedOn: string) => ({ ...decideExtension({ decidedOn }), today: TODAY }) as FindingCommand;

  it('the request reads LAPSED, decidable until the pass’s day (decisionWindow)', () => {
    expect(request().status).toBe('LAPSED');
    expect(decisionWindow(request(), partOf(partsAfter(afterRetraction), EDUCATION)!.inspections)).toEqual({ until: '2016-06-20' });
  });

  it.each([['2016-05-12'], ['2016-06-20']])('a decision dated %s (up to the pass) is taken', (decidedOn) => {
    expect(() => findingDecider.decide(decide(decidedOn), stateAfter(afterRetraction))).not.toThrow();
  });

  it('a decision dated after the pass is refused: the window the page reads is the one the server applies', () => {
    given(afterRetraction).when(decide('2016-06-21')).thenRefused('CONFLICT');
  });

  it('PENDING: decidable to today; decided or withdrawn: not', () => {
    expect(decisionWindow({ status: 'PENDING', requestedOn: '2016-05-10' }, [])).toEqual({});
    expect(decisionWindow({ status: 'GRANTED', requestedOn: '2016-05-10' }, [])).toBeUndefined();
    expect(decisionWindow({ status: 'WITHDRAWN', requestedOn: '2016-05-10' }, [])).toBeUndefined();
  });
});

describe('撤销误录 of a 交办 (the wrong unit given the finding)', () => {
  it('a part with nothing on it: retracted, the unit has no part on any day', () => {
    given(assignedToTwo).when(retract('UnitAssigned', '2016-04-26')).then([retracted('UnitAssigned', '2016-04-26')]);
    const after = [...assignedToTwo, retracted('UnitAssigned', '2016-04-26')];
    expect(partsOf(partsAfter(after)).map((part) => part.unitId)).toEqual([FINANCE]);
    // The right unit's 交办 goes in again as any other: the unit may be assigned again (it never held the part).
    given(after).when({ type: 'AssignFinding', actor: supervisor, today: TODAY, assignedOn: '2016-04-26', units: [{ unitId: EDUCATION, role: 'RESPONSIBLE', dueDate: '2016-06-30' }], unknownUnitIds: [] }).then([assigned(EDUCATION)]);
  });

  it('the one part still open: the finding closes on its other parts’ last pass, its 销号 written', () => {
    const financeVerified = [...assignedToTwo, reported(FINANCE), inspected(FINANCE, 'PASSED', 'i-1')];
    given(financeVerified)
      .when(retract('UnitAssigned', '2016-04-26'))
      .then([retracted('UnitAssigned', '2016-04-26'), { type: 'FindingClosedOut', data: { findingId: FINDING, closedOn: '2016-06-20' } }]);
  });

  it('refused while a record of the unit follows it, naming that record to retract first', () => {
    given([...assignedToTwo, reported(EDUCATION)])
      .when(retract('UnitAssigned', '2016-04-26'))
      .thenRefused('CONFLICT', /report of 2016-06-01 without a part.*retract it first/u, /其后.* 2016-06-01 的整改报告不再成立：撤销后该单位没有这项任务。如该整改报告也是误录，请先撤销该整改报告记录，再撤销本交办/u);
  });

  /*
   * breaker53-8 S2: no refusal points at a step that is itself refused. Each refusal's advice (`retractFirst`, the record its
   * Chinese text names) is followed: that step is accepted, and after it the 交办 either goes or is refused with a new step.
   */
  it.each([
    ['a report', [report(EDUCATION, '2016-06-01')]],
    ['a report inspected and passed', [report(EDUCATION, '2016-06-01'), inspect(EDUCATION, 'PASSED', '2016-06-20')]],
    ['a report failed, reported again, an urging, a request withdrawn', [report(EDUCATION, '2016-05-20'), inspect(EDUCATION, 'FAILED', '2016-05-25'), urge(EDUCATION), report(EDUCATION, '2016-06-10'), requestExtension({ actor: clerkOf(EDUCATION), requestedOn: '2016-06-12', requestedDueDate: '2016-08-31' }), withdraw('2016-06-13')]],
  ])('after %s: following each refusal’s advice, every step is accepted and the 交办 goes last', (_story, commands) => {
    let events = typed(assignedToTwo, commands as FindingCommand[]);
    for (let steps = 0; ; steps += 1) {
      let refusal: DomainError | undefined;
      try {
        events = [...events, ...findingDecider.decide(retract('UnitAssigned', '2016-04-26'), stateAfter(events))];
      } catch (error) {
        refusal = error as DomainError;
      }
      if (!refusal) break;
      expect(steps).toBeLessThan(6);
      expect(refusal.code).toBe('CONFLICT');
      expect(refusal.messageZh).toMatch(/请先撤销|从.*起（由后往前）逐项撤销/u);
      const step = refusal.details?.retractFirst as Pick<RetractRecord, 'unitId' | 'factType' | 'on' | 'ofTheDay'>;
      expect(step).toBeDefined();
      events = [...events, ...findingDecider.decide(retract(step.factType, step.on, step), stateAfter(events))];
    }
    expect(partsOf(partsAfter(events)).map((part) => part.unitId)).toEqual([FINANCE]);
  });

  it('a unit that asked for an extension and withdrew it: retracted with its request (and so the withdrawal), in one decision (breaker53-8 S2)', () => {
    const withdrawn = typed(requested, [withdraw('2016-05-12')]);
    given(withdrawn)
      .when(retract('UnitAssigned', '2016-04-26'))
      .then([{ type: 'RecordRetracted', data: { unitId: EDUCATION, factType: 'ExtensionRequested', ofTheDay: 1, on: '2016-05-10', reason: REASON, retractedOn: TODAY } }, retracted('UnitAssigned', '2016-04-26')]);
  });

  it('its requests, decisions and urgings fall with it, latest first; the unit has no part on any day (breaker53-8 S2)', () => {
    const busy = typed(granted, [urge(EDUCATION)]);
    const decision = findingDecider.decide(retract('UnitAssigned', '2016-04-26'), stateAfter(busy));
    expect(decision.map((event) => (event as { data: { factType: string } }).data.factType)).toEqual(['UnitUrged', 'ExtensionGranted', 'ExtensionRequested', 'UnitAssigned']);
    expect(partsOf(partsAfter([...busy, ...decision])).map((part) => part.unitId)).toEqual([FINANCE]);
  });

  it('refused for the only lead while another unit keeps its part', () => {
    given(assignedToTwo).when(retract('UnitAssigned', '2016-04-26', { unitId: FINANCE })).thenRefused('CONFLICT', /without a lead unit/u, /没有牵头单位/u);
  });
});
