import { partsOf } from '../../assignments/domain/assignment.decider.js';
import type { AssignmentEvent } from '../../assignments/domain/assignment.events.js';
import { assignmentsAfter, ENVIRONMENT, FINANCE, portalFindingStory, stateAfter, typed } from '../testing/portal-finding-story.js';
import { supervisor } from '../../shared/testing/actors.js';
import { given } from '../../shared/testing/decider-testing.js';
import { findingDecider, type FindingCommand } from './finding.decider.js';
import type { FindingStreamEvent } from './finding.events.js';

/*
 * h52a (issue 8): a part-only reopening — typed while the finding was open, 市环境保护局's part still awaiting its check — that by
 * date found the finding closed, because a record entered after it made the last open part verified before its day. A pass typed
 * after it wrote the 销号 and the 重新打开 and reopened the other part (breaker41-8 P1); a correction (更正督查记录, 更正记录日期) or a
 * retraction (撤销误录) that did the same wrote neither: the history read no 销号 nor 重新打开, and 市环境保护局's part stayed
 * verified where date order reopened it. One rule now, whichever record made the difference.
 */

const TODAY = '2025-07-10';
const REASON = '复查发现问题反弹';
const { evidence, assigned, reported, recorded, pass, reopenOn } = portalFindingStory({ today: TODAY, dueDate: '2025-06-30', reason: REASON });

const shown = (events: readonly FindingStreamEvent[]) => ({
  status: stateAfter(events).status,
  parts: partsOf(assignmentsAfter(events)).map((part) => [part.unitId, part.status]),
});
/** The finding's own close-outs and reopenings, and the parts each PartsReopened names, in the order written. */
const story = (events: readonly FindingStreamEvent[]) =>
  events.flatMap((event) =>
    event.type === 'FindingClosedOut' ? [`销号 ${event.data.closedOn}`] : event.type === 'FindingReopened' ? [`重新打开 ${event.data.reopenedOn}`] : event.type === 'PartsReopened' ? [`PartsReopened ${event.data.reopenedOn} ${(event.data.unitIds ?? ['*']).join(',')}`] : [],
  );

// 市财政局 reported 06-20 and passed 06-28; 市环境保护局 reported 06-20.
const bothReported: FindingStreamEvent[] = [recorded, assigned(FINANCE, 'LEAD'), assigned(ENVIRONMENT), reported(FINANCE), reported(ENVIRONMENT)];
const financePassed = typed(bothReported, [pass(FINANCE, '2025-06-28', 'inspection-1')]);
/** In date order: 市环境保护局 passed 06-30, the finding closed then; reopened whole on 07-01. */
const inDateOrder = typed(financePassed, [pass(ENVIRONMENT, '2025-06-30', 'inspection-2'), reopenOn('2025-07-01')]);
const closedThenReopenedWhole = ['销号 2025-06-30', '重新打开 2025-07-01'];

describe('a part-only reopening that a later record makes find the finding closed (h52a)', () => {
  it('in date order the finding closed on 06-30 and the 07-01 reopening reopened both parts', () => {
    expect(story(inDateOrder)).toEqual([...closedThenReopenedWhole, 'PartsReopened 2025-07-01 *']);
    expect(shown(inDateOrder)).toEqual({ status: 'open', parts: [[FINANCE, 'RETURNED'], [ENVIRONMENT, 'RETURNED']] });
  });

  describe('given the 07-01 reopening typed while 市环境保护局 awaited its check (市财政局 reopened alone)', () => {
    const reopenedFirst = typed(financePassed, [reopenOn('2025-07-01')]);

    it('when 市环境保护局’s pass typed as of 07-02 is corrected to 06-30 (更正督查记录), then the finding closed on 06-30 and was reopened whole on 07-01', () => {
      const passedLater = typed(reopenedFirst, [pass(ENVIRONMENT, '2025-07-02', 'inspection-2')]);
      const correction: FindingCommand = { type: 'CorrectInspection', actor: supervisor, today: TODAY, unitId: ENVIRONMENT, inspectionId: 'inspection-2', inspectedOn: '2025-06-30', reason: '督查日期录错' };
      const decided = findingDecider.decide(correction, stateAfter(passedLater));
      expect(story(decided)).toEqual([...closedThenReopenedWhole, `PartsReopened 2025-07-01 ${ENVIRONMENT}`]);
      expect(shown([...passedLater, ...decided])).toEqual(shown(inDateOrder));
    });

    it('when the same pass is moved by 更正记录日期 (record INSPECTION), the same', () => {
      const passedLater = typed(reopenedFirst, [pass(ENVIRONMENT, '2025-07-02', 'inspection-2')]);
      const correction: FindingCommand = { type: 'CorrectFactDate', actor: supervisor, today: TODAY, unitId: ENVIRONMENT, factType: 'InspectionLogged', previousOn: '2025-07-02', on: '2025-06-30', reason: '督查日期录错' };
      const decided = findingDecider.decide(correction, stateAfter(passedLater));
      expect(story(decided)).toEqual([...closedThenReopenedWhole, `PartsReopened 2025-07-01 ${ENVIRONMENT}`]);
      expect(shown([...passedLater, ...decided])).toEqual(shown(inDateOrder));
    });

    it('once written, a later record of the same finding writes the close-out story no second time', () => {
      const passedLater = typed(reopenedFirst, [pass(ENVIRONMENT, '2025-06-30', 'inspection-2')]);
      expect(story(passedLater.slice(reopenedFirst.length))).toEqual([...closedThenReopenedWhole, `PartsReopened 2025-07-01 ${ENVIRONMENT}`]);
      const reportedAgain: FindingCommand = { type: 'ReportRectification', actor: supervisor, unitId: FINANCE, today: TODAY, reportedOn: '2025-07-03', summary: '已重新更新', evidence };
      const after = typed(passedLater, [reportedAgain, pass(FINANCE, '2025-07-05', 'inspection-3')]);
      expect(story(after.slice(passedLater.length))).toEqual([]);
      expect(shown(after)).toEqual({ status: 'open', parts: [[FINANCE, 'VERIFIED'], [ENVIRONMENT, 'RETURNED']] });
    });
  });

  describe('given the reopening typed as of 06-29, before 市环境保护局’s pass of 06-30 (市财政局 reopened alone)', () => {
    const typedEarly = typed(financePassed, [reopenOn('2025-06-29'), pass(ENVIRONMENT, '2025-06-30', 'inspection-2')]);

    it('when its day is corrected to 07-01 (更正记录日期, record REOPENING), then the finding closed on 06-30 and was reopened whole on 07-01', () => {
      expect(shown(typedEarly)).toEqual({ status: 'open', parts: [[FINANCE, 'RETURNED'], [ENVIRONMENT, 'VERIFIED']] });
      const correction: FindingCommand = { type: 'CorrectFactDate', actor: supervisor, today: TODAY, unitId: FINANCE, factType: 'PartsReopened', previousOn: '2025-06-29', on: '2025-07-01', reason: '重新打开日期录错' };
      const decided = findingDecider.decide(correction, stateAfter(typedEarly));
      expect(story(decided)).toEqual([...closedThenReopenedWhole, `PartsReopened 2025-07-01 ${ENVIRONMENT}`]);
      expect(shown([...typedEarly, ...decided])).toEqual(shown(inDateOrder));
    });
  });

  describe('given 市环境保护局’s pass of 06-20 undone by a reopening of its part typed by mistake as of 06-25, and the real 07-01 reopening of 市财政局’s', () => {
    const environmentFirst: FindingStreamEvent[] = typed([recorded, assigned(FINANCE, 'LEAD'), assigned(ENVIRONMENT), reported(ENVIRONMENT, '2025-06-10'), reported(FINANCE)], [
      pass(ENVIRONMENT, '2025-06-20', 'inspection-1'),
      reopenOn('2025-06-25'),
      pass(FINANCE, '2025-06-28', 'inspection-2'),
      reopenOn('2025-07-01'),
    ]);

    it('when the mistaken reopening is retracted (撤销误录), then the finding closed on 06-28 and was reopened whole on 07-01', () => {
      expect(shown(environmentFirst)).toEqual({ status: 'open', parts: [[FINANCE, 'RETURNED'], [ENVIRONMENT, 'RETURNED']] });
      const retraction: FindingCommand = { type: 'RetractRecord', actor: supervisor, today: TODAY, unitId: ENVIRONMENT, factType: 'PartsReopened', on: '2025-06-25', reason: '录入时选错了问题' };
      const decided = findingDecider.decide(retraction, stateAfter(environmentFirst));
      expect(decided[0]).toMatchObject({ type: 'RecordRetracted' });
      expect(story(decided)).toEqual(['销号 2025-06-28', '重新打开 2025-07-01', `PartsReopened 2025-07-01 ${ENVIRONMENT}`]);
      expect(shown([...environmentFirst, ...decided])).toEqual({ status: 'open', parts: [[FINANCE, 'RETURNED'], [ENVIRONMENT, 'RETURNED']] });
    });
  });
});

describe('a reopening of every part leaves nothing to write (given/when/then)', () => {
  it('given the finding reopened whole on 07-01, when the pass that closed it is moved within the days before, then it writes the correction alone', () => {
    given(findingDecider, inDateOrder)
      .when({ type: 'CorrectFactDate', actor: supervisor, today: TODAY, unitId: ENVIRONMENT, factType: 'InspectionLogged', previousOn: '2025-06-30', on: '2025-06-29', reason: '督查日期录错' })
      .then([expect.objectContaining({ type: 'FactDateCorrected' }) as AssignmentEvent]);
  });
});

/*
 * breaker53-8 S1 S4: the rule held only while some part the reopening returned was still open. Once 市财政局 — reopened alone on
 * 07-01 — re-reported and passed again (07-05), 市环境保护局's pass of 06-30 typed late wrote the 销号 of 06-30 alone: no 重新打开,
 * 市环境保护局's part never returned, the finding read closed on 07-05 (a close-out never written) while its history said 06-30.
 * 撤销交办 of a unit given the finding by mistake did the same through a retraction, writing neither line.
 */
describe('a part-only reopening found closed after the part it returned was verified again (breaker53-8 S1 S4)', () => {
  const reportAgain = (unitId: string, reportedOn: string): FindingCommand => ({ type: 'ReportRectification', actor: supervisor, unitId, today: TODAY, reportedOn, summary: '已重新整改', evidence });
  /** 市财政局 passed 06-28; reopened alone on 07-01 (市环境保护局 awaiting its check), re-reported 07-03, passed 07-05. */
  const financeAgain = typed(financePassed, [reopenOn('2025-07-01'), reportAgain(FINANCE, '2025-07-03'), pass(FINANCE, '2025-07-05', 'inspection-3')]);
  /** The same records typed in date order: 市环境保护局's pass before the reopening, which then reopened both parts. */
  const dateOrder = typed(financePassed, [pass(ENVIRONMENT, '2025-06-30', 'inspection-2'), reopenOn('2025-07-01'), reportAgain(FINANCE, '2025-07-03'), pass(FINANCE, '2025-07-05', 'inspection-3')]);

  it('given it, when 市环境保护局’s pass of 06-30 is typed, then 销号 06-30, 重新打开 07-01 and 市环境保护局’s part returned: open, as in date order', () => {
    expect(shown(financeAgain)).toEqual({ status: 'open', parts: [[FINANCE, 'VERIFIED'], [ENVIRONMENT, 'REPORTED']] });
    const decided = findingDecider.decide(pass(ENVIRONMENT, '2025-06-30', 'inspection-2'), stateAfter(financeAgain));
    expect(story(decided)).toEqual([...closedThenReopenedWhole, `PartsReopened 2025-07-01 ${ENVIRONMENT}`]);
    expect(shown([...financeAgain, ...decided])).toEqual({ status: 'open', parts: [[FINANCE, 'VERIFIED'], [ENVIRONMENT, 'RETURNED']] });
    expect(shown([...financeAgain, ...decided])).toEqual(shown(dateOrder));
  });

  it('given it, when the same pass typed as of 07-08 is moved to 06-30 (更正记录日期), then the same story', () => {
    const passedLater = typed(financeAgain, [pass(ENVIRONMENT, '2025-07-08', 'inspection-2')]);
    expect(story(passedLater.slice(financeAgain.length))).toEqual(['销号 2025-07-08']);
    const correction: FindingCommand = { type: 'CorrectFactDate', actor: supervisor, today: TODAY, unitId: ENVIRONMENT, factType: 'InspectionLogged', previousOn: '2025-07-08', on: '2025-06-30', reason: '督查日期录错' };
    const decided = findingDecider.decide(correction, stateAfter(passedLater));
    expect(story(decided)).toEqual([...closedThenReopenedWhole, `PartsReopened 2025-07-01 ${ENVIRONMENT}`]);
    expect(shown([...passedLater, ...decided])).toEqual(shown(dateOrder));
  });

  it('given 市环境保护局 assigned by mistake (no record of its own), when its 交办 is retracted, then 销号 06-28, 重新打开 07-01 and 销号 07-05', () => {
    const noEnvironmentRecord = typed([recorded, assigned(FINANCE, 'LEAD'), assigned(ENVIRONMENT), reported(FINANCE)], [pass(FINANCE, '2025-06-28', 'inspection-1'), reopenOn('2025-07-01'), reportAgain(FINANCE, '2025-07-03'), pass(FINANCE, '2025-07-05', 'inspection-3')]);
    expect(shown(noEnvironmentRecord)).toEqual({ status: 'open', parts: [[FINANCE, 'VERIFIED'], [ENVIRONMENT, 'ASSIGNED']] });
    const retraction: FindingCommand = { type: 'RetractRecord', actor: supervisor, today: TODAY, unitId: ENVIRONMENT, factType: 'UnitAssigned', on: '2025-05-20', reason: '交办单位选错' };
    const decided = findingDecider.decide(retraction, stateAfter(noEnvironmentRecord));
    expect(decided[0]).toMatchObject({ type: 'RecordRetracted' });
    // The PartsReopened written for the office's reopening returns no part here; the finding's 重新打开 follows it (h54b).
    expect(story(decided)).toEqual(['销号 2025-06-28', '重新打开 2025-07-01', 'PartsReopened 2025-07-01 ', '销号 2025-07-05']);
    expect(stateAfter([...noEnvironmentRecord, ...decided])).toMatchObject({ status: 'closed', closedOn: '2025-07-05' });
  });
});
