import type { AssignmentEvent } from '../domain/assignment.events.js';
import { applyAssignmentEvent, dueDatesIfMoved, type PartView } from './part-view.js';
import type { TimelineEntry } from './timeline.js';

/*
 * The part as shown now after date corrections of a return (breaker49-8): the due date a correction gives, replaces or takes
 * away reads as the decider's fold has it (src/assignments/domain/redated-return-due-date.spec.ts), and each return says what a
 * date correction of it is judged by (`dueDatesIfMoved`, breaker49-8 S1: the form asked by the part's due date now).
 */
let revision = 0;
const entry = (on: string, event: AssignmentEvent): TimelineEntry<AssignmentEvent> => {
  revision += 1;
  return { ...event, id: `event-${revision}`, revision, occurredOn: on, metadata: { recordedAt: `2026-12-06T01:00:${String(revision).padStart(2, '0')}.000Z`, actorId: 'u', actorRole: 'SUPERVISOR', actorUnitId: null } } as TimelineEntry<AssignmentEvent>;
};
const evidence = [{ title: '文件', link: 'https://example.gov.cn/a', documentRef: null }];
const assigned = () => entry('2026-10-05', { type: 'UnitAssigned', data: { unitId: 'a', role: 'LEAD', dueDate: '2026-10-31', assignedOn: '2026-10-05' } });
const reported = (on: string) => entry(on, { type: 'RectificationReported', data: { unitId: 'a', summary: '已整改', evidence, reportedOn: on } });
const sentBack = (on: string, newDueDate?: string) => entry(on, { type: 'ReportSentBack', data: { unitId: 'a', reason: '佐证不足', sentBackOn: on, ...(newDueDate ? { newDueDate } : {}) } });
const failed = (on: string, newDueDate?: string) => entry(on, { type: 'InspectionLogged', data: { unitId: 'a', inspectionId: `i-${on}`, outcome: 'FAILED', notes: '未到位', inspectedOn: on, place: '现场', ...(newDueDate ? { newDueDate } : {}) } });
const redated = (factType: 'ReportSentBack' | 'InspectionLogged', previousOn: string, on: string, given: object = {}) =>
  entry('2026-12-06', { type: 'FactDateCorrected', data: { unitId: 'a', factType, previousOn, on, reason: '录错', correctedOn: '2026-12-06', ...given } });

function partAfter(...events: TimelineEntry<AssignmentEvent>[]): PartView {
  const parts = new Map<string, PartView>();
  for (const event of events) applyAssignmentEvent(parts, event);
  return parts.get('a')!;
}

describe('a send-back moved before a later failed inspection that gave a later due date (breaker49-8 S1)', () => {
  it('its correction is judged by the due date in force on the new day (10-31), not the part’s now (11-30)', () => {
    const part = partAfter(assigned(), reported('2026-10-20'), sentBack('2026-10-25'), reported('2026-11-05'), failed('2026-11-10', '2026-11-30'));
    expect(part.dueDate).toBe('2026-11-30');
    const back = part.returns.find((returned) => returned.cause === 'SENT_BACK')!;
    expect(dueDatesIfMoved(part, back)).toEqual([{ from: '2026-10-05', dueDate: '2026-10-31' }, { from: '2026-11-10', dueDate: '2026-11-30' }]);
  });

  it('one that gave its own new due date is judged by it', () => {
    const part = partAfter(assigned(), reported('2026-10-20'), sentBack('2026-10-25', '2026-11-20'));
    expect(dueDatesIfMoved(part, part.returns[0]!)).toEqual([{ from: '2026-10-05', dueDate: '2026-11-20' }]);
  });
});

describe('date corrections of a return, as the part shows them now', () => {
  it('a failed inspection moved past the due date takes the correction’s new one (S5)', () => {
    const part = partAfter(assigned(), reported('2026-10-20'), failed('2026-10-25'), reported('2026-11-05'), redated('InspectionLogged', '2026-10-25', '2026-11-02', { newDueDate: '2026-11-20' }));
    expect({ dueDate: part.dueDate, returned: part.returns[0] }).toMatchObject({ dueDate: '2026-11-20', returned: { returnedOn: '2026-11-02', newDueDate: '2026-11-20' } });
  });

  it.each(['ReportSentBack', 'InspectionLogged'] as const)('a wrong correction of a %s undone takes its new due date away (S4)', (factType) => {
    const returned = factType === 'ReportSentBack' ? sentBack('2026-10-25') : failed('2026-10-25');
    const part = partAfter(assigned(), reported('2026-10-20'), returned, redated(factType, '2026-10-25', '2026-11-02', { newDueDate: '2026-11-20' }), redated(factType, '2026-11-02', '2026-10-25', { ownDueDateOnly: true }));
    expect({ dueDate: part.dueDate, returned: part.returns[0]!.newDueDate, changes: part.dueDates.length }).toEqual({ dueDate: '2026-10-31', returned: null, changes: 1 });
    expect(part.returns[0]).not.toHaveProperty('ownNewDueDate');
  });

  it('a send-back’s own new due date replaced by a correction, then given back by another (M1, S4)', () => {
    const replaced = partAfter(assigned(), reported('2026-10-20'), sentBack('2026-10-25', '2026-11-20'), redated('ReportSentBack', '2026-10-25', '2026-11-25', { newDueDate: '2026-12-10' }));
    expect({ dueDate: replaced.dueDate, returned: replaced.returns[0] }).toMatchObject({ dueDate: '2026-12-10', returned: { returnedOn: '2026-11-25', newDueDate: '2026-12-10', ownNewDueDate: '2026-11-20' } });
    // What a further correction is judged by: the date the send-back gave itself.
    expect(dueDatesIfMoved(replaced, replaced.returns[0]!)).toEqual([{ from: '2026-10-05', dueDate: '2026-11-20' }]);
    const back = partAfter(assigned(), reported('2026-10-20'), sentBack('2026-10-25', '2026-11-20'), redated('ReportSentBack', '2026-10-25', '2026-11-25', { newDueDate: '2026-12-10' }), redated('ReportSentBack', '2026-11-25', '2026-10-25', { ownDueDateOnly: true }));
    expect({ dueDate: back.dueDate, newDueDate: back.returns[0]!.newDueDate }).toEqual({ dueDate: '2026-11-20', newDueDate: '2026-11-20' });
  });
});

describe('更正督查记录 of a failure, as the part shows it now (breaker50-8 S2, M1)', () => {
  const inspectionCorrected = (inspectionId: string, previousInspectedOn: string, inspectedOn: string, given: object = {}) =>
    entry('2026-12-06', { type: 'InspectionCorrected', data: { unitId: 'a', inspectionId, previousInspectedOn, inspectedOn, previousOutcome: 'FAILED', outcome: 'FAILED', reason: '录错', correctedOn: '2026-12-06', ...given } });

  it.each([
    ['更正记录日期', () => redated('InspectionLogged', '2026-10-25', '2026-11-02', { newDueDate: '2026-11-20' })],
    ['更正督查记录', () => inspectionCorrected('i-2026-10-25', '2026-10-25', '2026-11-02', { newDueDate: '2026-11-20' })],
  ] as const)('a wrong day given through %s, put back by 更正督查记录 without a date: due 10-31 again, the slip’s 11-20 gone', (_, slip) => {
    const part = partAfter(assigned(), reported('2026-10-20'), failed('2026-10-25'), slip(), inspectionCorrected('i-2026-10-25', '2026-11-02', '2026-10-25'));
    expect({ dueDate: part.dueDate, returned: part.returns[0]!.newDueDate, changes: part.dueDates.length }).toEqual({ dueDate: '2026-10-31', returned: null, changes: 1 });
    expect(part.returns[0]).not.toHaveProperty('ownNewDueDate');
  });

  it('a date given alone, on the failure’s own day, is its own: a later move where none is needed keeps it', () => {
    const given = partAfter(assigned(), reported('2026-10-20'), failed('2026-10-25'), inspectionCorrected('i-2026-10-25', '2026-10-25', '2026-10-25', { newDueDate: '2026-11-20' }));
    expect({ dueDate: given.dueDate, returned: given.returns[0] }).toEqual({ dueDate: '2026-11-20', returned: expect.not.objectContaining({ ownNewDueDate: expect.anything() }) });
    expect(dueDatesIfMoved(given, given.returns[0]!)).toEqual([{ from: '2026-10-05', dueDate: '2026-11-20' }]);
  });
});

describe('a send-back given its paper’s date, its day kept, as the part shows it now (breaker50-8 M1)', () => {
  it('due then from its day, the date its own: what a later correction is judged by', () => {
    const part = partAfter(assigned(), reported('2026-10-20'), sentBack('2026-10-25'), redated('ReportSentBack', '2026-10-25', '2026-10-25', { newDueDate: '2026-11-20' }));
    expect({ dueDate: part.dueDate, returned: part.returns[0] }).toEqual({ dueDate: '2026-11-20', returned: expect.objectContaining({ returnedOn: '2026-10-25', newDueDate: '2026-11-20' }) });
    expect(part.returns[0]).not.toHaveProperty('ownNewDueDate');
    expect(dueDatesIfMoved(part, part.returns[0]!)).toEqual([{ from: '2026-10-05', dueDate: '2026-11-20' }]);
  });
});
