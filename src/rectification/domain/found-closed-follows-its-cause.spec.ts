import { assignmentsOn, partsOf } from '../../assignments/domain/assignment.decider.js';
import { withCorrectionsApplied } from '../../assignments/domain/business-order.js';
import { assignmentsAfter, ENVIRONMENT, FINANCE, partsRead, portalFindingStory, stateAfter, typed } from '../testing/portal-finding-story.js';
import { supervisor } from '../../shared/testing/actors.js';
import type { FindingCommand } from './finding.decider.js';
import type { FindingStreamEvent } from './finding.events.js';

/*
 * h54b (issue 8; breaker54-8 S1 S2 S6 S8 M1): a part-only reopening (市财政局's part; 市环境保护局's still open) that by date found
 * the finding closed makes the server write the 销号 of the day it closed, the finding's 重新打开 and the other parts returned. What
 * it wrote followed nothing: retracting the office's reopening left the finding reopened by a reopening no one entered (S1); the
 * pass typed on the wrong day that made it so could be neither corrected nor retracted, the reopening written because of it
 * counting as a later record (S2); moving the reopening past the other part's pass applied no rule once the reopened part passed
 * again (S6); a date correction of the reopening struck out the 重新打开 a 撤销交办 had written (S8). What the server writes now
 * follows its cause (`foundClosed`): retracted and moved with it, judged again by every fold, never held against a correction.
 */

const TODAY = '2025-07-20';
const { evidence, assigned, reported, recorded, pass, reopenOn } = portalFindingStory({ today: TODAY, dueDate: '2025-07-31', reason: '复查反弹' });
const reportAgain = (unitId: string, reportedOn: string): FindingCommand => ({ type: 'ReportRectification', actor: supervisor, unitId, today: TODAY, reportedOn, summary: '已重新整改', evidence });
const retract = (unitId: string, factType: 'PartsReopened' | 'InspectionLogged' | 'UnitAssigned', on: string): FindingCommand => ({ type: 'RetractRecord', actor: supervisor, today: TODAY, unitId, factType, on, reason: '录入错误' });
const redate = (unitId: string, factType: 'PartsReopened' | 'InspectionLogged', previousOn: string, on: string): FindingCommand => ({ type: 'CorrectFactDate', actor: supervisor, today: TODAY, unitId, factType, previousOn, on, reason: '日期录错' });

/** What every view reads: the status now, the parts now and as folded by day on a few office days. */
const shown = (events: readonly FindingStreamEvent[]) => {
  const state = stateAfter(events);
  return {
    status: state.status,
    closedOn: state.status === 'closed' ? state.closedOn : null,
    parts: partsRead(assignmentsAfter(events)),
    byDay: ['2025-06-29', '2025-07-01', '2025-07-04', '2025-07-10'].map((day) => [day, partsRead(assignmentsOn(assignmentsAfter(events), day))]),
  };
};
/** The finding's 销号 / 重新打开 and the reopenings of parts as every fold reads them (corrections applied, retracted left out). */
const storyRead = (events: readonly FindingStreamEvent[]) =>
  withCorrectionsApplied(events.map((event) => ({ type: event.type, data: event.data, occurredOn: occurredOnOf(event) }))).events.flatMap((entry) =>
    entry.type === 'FindingClosedOut' ? [`销号 ${entry.occurredOn}`] : entry.type === 'FindingReopened' ? [`重新打开 ${entry.occurredOn}`] : [],
  );
const occurredOnOf = (event: FindingStreamEvent): string => {
  const data = event.data as Record<string, unknown>;
  for (const field of ['closedOn', 'reopenedOn', 'inspectedOn', 'reportedOn', 'assignedOn', 'identifiedOn', 'correctedOn']) if (typeof data[field] === 'string') return data[field] as string;
  return TODAY;
};

// 市财政局 reported 06-20 and passed 06-25; 市环境保护局 reported 06-20.
const bothReported = typed([recorded, assigned(FINANCE, 'LEAD'), assigned(ENVIRONMENT), reported(FINANCE), reported(ENVIRONMENT)], [pass(FINANCE, '2025-06-25', 'inspection-1')]);

describe('what the server writes for a part-only reopening found closed follows its cause (h54b)', () => {
  describe('given 市环境保护局’s pass of 06-28 typed after the part-only 07-01 reopening (the server wrote 销号 06-28, 重新打开 07-01)', () => {
    const lateOrder = typed(bothReported, [reopenOn('2025-07-01'), pass(ENVIRONMENT, '2025-06-28', 'inspection-2')]);
    const dateOrder = typed(bothReported, [pass(ENVIRONMENT, '2025-06-28', 'inspection-2'), reopenOn('2025-07-01')]);

    it('reads as date order: open, both parts returned on 07-01', () => {
      expect(shown(lateOrder)).toEqual(shown(dateOrder));
      expect(storyRead(lateOrder)).toEqual(['销号 2025-06-28', '重新打开 2025-07-01']);
    });

    it('when the office’s reopening is retracted (撤销误录), then closed on 06-28 with both parts verified, as date order after the same retraction (breaker54-8 S1)', () => {
      const retracted = typed(lateOrder, [retract(FINANCE, 'PartsReopened', '2025-07-01')]);
      const dateOrderRetracted = typed(dateOrder, [retract(FINANCE, 'PartsReopened', '2025-07-01')]);
      expect(shown(retracted)).toMatchObject({ status: 'closed', closedOn: '2025-06-28', parts: [[FINANCE, 'VERIFIED', '2025-06-25'], [ENVIRONMENT, 'VERIFIED', '2025-06-28']] });
      expect(shown(retracted)).toEqual(shown(dateOrderRetracted));
      expect(storyRead(retracted)).toEqual(['销号 2025-06-28']);
    });

    it('when the office’s reopening is moved to 07-02 (更正记录日期), then the finding’s 重新打开 moves with it (breaker54-8 S8)', () => {
      const moved = typed(lateOrder, [redate(FINANCE, 'PartsReopened', '2025-07-01', '2025-07-02')]);
      expect(storyRead(moved)).toEqual(['销号 2025-06-28', '重新打开 2025-07-02']);
      expect(partsRead(assignmentsOn(assignmentsAfter(moved), '2025-07-01'))).toEqual([[FINANCE, 'VERIFIED', '2025-06-25'], [ENVIRONMENT, 'VERIFIED', '2025-06-28']]);
      expect(shown(moved).parts).toEqual([[FINANCE, 'RETURNED', null], [ENVIRONMENT, 'RETURNED', null]]);
    });
  });

  describe('given 市财政局 reopened alone on 07-01, re-reported 07-03 and passed 07-05, then 市环境保护局’s pass of paper day 07-06 typed as 06-28', () => {
    const financeAgain = typed(bothReported, [reopenOn('2025-07-01'), reportAgain(FINANCE, '2025-07-03'), pass(FINANCE, '2025-07-05', 'inspection-3')]);
    const wrongDay = typed(financeAgain, [pass(ENVIRONMENT, '2025-06-28', 'inspection-2')]);
    const rightDay = typed(financeAgain, [pass(ENVIRONMENT, '2025-07-06', 'inspection-2')]);

    it('when the pass is moved to 07-06 (更正记录日期), then accepted: closed on 07-06, as typed on 07-06 directly (breaker54-8 S2)', () => {
      expect(stateAfter(wrongDay).status).toBe('open');
      const corrected = typed(wrongDay, [redate(ENVIRONMENT, 'InspectionLogged', '2025-06-28', '2025-07-06')]);
      expect(shown(corrected)).toEqual(shown(rightDay));
      expect(shown(corrected)).toMatchObject({ status: 'closed', closedOn: '2025-07-06' });
    });

    it('when the pass is retracted (撤销误录), then accepted: open, 市环境保护局 awaiting its check, as before it was typed (breaker54-8 S2)', () => {
      const retracted = typed(wrongDay, [retract(ENVIRONMENT, 'InspectionLogged', '2025-06-28')]);
      expect(shown(retracted)).toEqual(shown(financeAgain));
    });

    it('when its outcome is corrected to 不通过 (更正督查记录), then accepted: 市环境保护局 returned by the failure, due the date it gives (breaker54-8 S2)', () => {
      const correction: FindingCommand = { type: 'CorrectInspection', actor: supervisor, today: TODAY, unitId: ENVIRONMENT, inspectionId: 'inspection-2', outcome: 'FAILED', newDueDate: '2025-08-15', reason: '纸质记录为不通过' };
      const corrected = typed(wrongDay, [correction]);
      const failedTyped = typed(financeAgain, [{ ...(pass(ENVIRONMENT, '2025-06-28', 'inspection-2') as Extract<FindingCommand, { type: 'LogInspection' }>), outcome: 'FAILED', notes: '纸质记录为不通过', newDueDate: '2025-08-15' }]);
      expect(shown(corrected).status).toBe('open');
      expect(partOfUnit(corrected, ENVIRONMENT)).toMatchObject({ status: 'RETURNED', dueDate: '2025-08-15', lastReturn: { cause: 'INSPECTION_FAILED' } });
      expect(partOfUnit(failedTyped, ENVIRONMENT)).toMatchObject({ status: 'RETURNED', dueDate: '2025-08-15' });
    });
  });

  describe('given the part-only reopening typed as of 06-26 (paper: 07-01), 市环境保护局’s pass of 06-28, 市财政局’s re-report 07-03 and pass 07-05', () => {
    const typedEarly = typed(bothReported, [reopenOn('2025-06-26'), pass(ENVIRONMENT, '2025-06-28', 'inspection-2'), reportAgain(FINANCE, '2025-07-03'), pass(FINANCE, '2025-07-05', 'inspection-3')]);
    const dateOrder = typed(bothReported, [pass(ENVIRONMENT, '2025-06-28', 'inspection-2'), reopenOn('2025-07-01'), reportAgain(FINANCE, '2025-07-03'), pass(FINANCE, '2025-07-05', 'inspection-3')]);

    it('when the reopening is moved to 07-01 (更正记录日期), then closed 06-28, reopened whole 07-01, 市环境保护局 returned: as date order (breaker54-8 S6)', () => {
      expect(stateAfter(typedEarly)).toMatchObject({ status: 'closed', closedOn: '2025-07-05' });
      const corrected = typed(typedEarly, [redate(FINANCE, 'PartsReopened', '2025-06-26', '2025-07-01')]);
      expect(shown(corrected)).toEqual(shown(dateOrder));
      expect(storyRead(corrected)).toContain('重新打开 2025-07-01');
    });

    it('the parts the server returns read no day as entered of the office’s reopening (breaker54-8 M1)', () => {
      const noReReport = typed(bothReported, [reopenOn('2025-06-26'), pass(ENVIRONMENT, '2025-06-28', 'inspection-2'), redate(FINANCE, 'PartsReopened', '2025-06-26', '2025-07-01')]);
      const written = noReReport.filter((event) => event.type === 'PartsReopened' && (event.data as { foundClosed?: true }).foundClosed);
      expect(written).toHaveLength(1);
      expect(written[0]!.data).not.toHaveProperty('returnedOnAsEntered');
    });
  });
});

const partOfUnit = (events: readonly FindingStreamEvent[], unitId: string) => partsOf(assignmentsAfter(events)).find((part) => part.unitId === unitId);

/*
 * h56a (issue 8; breaker55-8 S1 S3 S7): what the server wrote for the office's reopening could itself be retracted (撤销此记录) or
 * given another day (更正记录日期) on its own — accepted, leaving the reopening that caused it telling the old story (or, its cause
 * void already, changing nothing) — and 撤销交办's refusal then named it as the step to take first. It goes with its cause only.
 */
describe('what the server writes for a part-only reopening found closed is retracted or moved only with its cause (h56a)', () => {
  const lateOrder = typed(bothReported, [reopenOn('2025-07-01'), pass(ENVIRONMENT, '2025-06-28', 'inspection-2')]);
  const refusal = (events: readonly FindingStreamEvent[], command: FindingCommand) => {
    try {
      typed(events, [command]);
    } catch (error) {
      return error as { code: string; message: string; messageZh: string; details?: Record<string, unknown> };
    }
    throw new Error(`${command.type} was accepted`);
  };

  it('given the reopening the server wrote for 市环境保护局 on 07-01, when it is retracted alone (撤销此记录), then CONFLICT naming 市财政局’s reopening of 07-01, nothing written', () => {
    const refused = refusal(lateOrder, retract(ENVIRONMENT, 'PartsReopened', '2025-07-01'));
    expect(refused).toMatchObject({ code: 'CONFLICT', details: { goesWith: { unitId: FINANCE, factType: 'PartsReopened', on: '2025-07-01' } } });
    expect(refused.messageZh).toContain('不能单独撤销');
    expect(refused.messageZh).toContain('2025-07-01 的重新打开');
  });

  it('when its day is corrected alone (更正记录日期), then CONFLICT naming the reopening it goes with', () => {
    const refused = refusal(lateOrder, redate(ENVIRONMENT, 'PartsReopened', '2025-07-01', '2025-07-02'));
    expect(refused).toMatchObject({ code: 'CONFLICT', details: { goesWith: { unitId: FINANCE, factType: 'PartsReopened', on: '2025-07-01' } } });
    expect(refused.messageZh).toContain('不能单独更正日期');
  });

  it('when its cause no longer finds the finding closed (the pass retracted), then retracting it alone is still refused; 撤销交办 names 市环境保护局’s report, not it', () => {
    const passRetracted = typed(lateOrder, [retract(ENVIRONMENT, 'InspectionLogged', '2025-06-28')]);
    expect(refusal(passRetracted, retract(ENVIRONMENT, 'PartsReopened', '2025-07-01'))).toMatchObject({ code: 'CONFLICT', details: { goesWith: { unitId: FINANCE } } });
    const assignment = refusal(passRetracted, retract(ENVIRONMENT, 'UnitAssigned', '2025-05-20'));
    expect(assignment.code).toBe('CONFLICT');
    expect(assignment.messageZh).toContain('2025-06-20 的整改报告不再成立');
    expect(assignment.messageZh).not.toContain('重新打开');
  });

  it('when its cause is retracted, then both go: the record reads as date order after the same retraction', () => {
    const retracted = typed(lateOrder, [retract(FINANCE, 'PartsReopened', '2025-07-01')]);
    expect(shown(retracted)).toMatchObject({ status: 'closed', closedOn: '2025-06-28' });
  });
});
