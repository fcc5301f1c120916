import type { AssignmentEvent } from '../domain/assignment.events.js';
import { applyAssignmentEvent, type PartView } from './part-view.js';
import { inspectionCorrectionWords } from './inspection-correction-words.js';
import { timelineAt, type TimelineEntry } from './timeline.js';

/*
 * A compliance record keeps what the inspector wrote (newcomer46-8 M2): correcting an inspection's outcome (更正督查记录) lists
 * the correction beside the inspector's notes — who, when, why — and never replaces them. The part read now (folded as recorded)
 * and at a cut (folded by day, corrections applied) say the same.
 */

let revision = 0;
const entry = (on: string, recordedAt: string, actorId: string, event: AssignmentEvent): TimelineEntry<AssignmentEvent> => {
  revision += 1;
  return { ...event, id: `event-${revision}`, revision, occurredOn: on, metadata: { recordedAt, actorId, actorRole: actorId === 'wang' ? 'INSPECTOR' : 'SUPERVISOR', actorUnitId: null } } as TimelineEntry<AssignmentEvent>;
};
const evidence = [{ title: '文件', link: null, documentRef: '文〔2016〕1号' }];
const assigned = entry('2016-04-26', '2026-12-01T01:00:00.000Z', 'zhang', { type: 'UnitAssigned', data: { unitId: 'a', role: 'LEAD', dueDate: '2016-06-30', assignedOn: '2016-04-26' } });
const reported = entry('2016-05-30', '2026-12-01T02:00:00.000Z', 'li', { type: 'RectificationReported', data: { unitId: 'a', summary: '已整改', evidence, reportedOn: '2016-05-30' } });
const inspected = (outcome: 'PASSED' | 'FAILED', notes: string) =>
  entry('2016-06-05', '2026-12-01T03:00:00.000Z', 'wang', { type: 'InspectionLogged', data: { unitId: 'a', inspectionId: 'i-1', outcome, notes, inspectedOn: '2016-06-05', place: '市发改委' } });
const corrected = (previousOutcome: 'PASSED' | 'FAILED', outcome: 'PASSED' | 'FAILED', reason: string, inspectedOn = '2016-06-05') =>
  entry('2026-12-06', '2026-12-06T04:00:00.000Z', 'zhang', {
    type: 'InspectionCorrected',
    data: { unitId: 'a', inspectionId: 'i-1', previousInspectedOn: '2016-06-05', inspectedOn, previousOutcome, outcome, reason, correctedOn: '2026-12-06', ...(outcome === 'FAILED' ? { newDueDate: '2016-07-31' } : {}) },
  });

/** The part folded as recorded (the view of now) and by day at a cut after the correction (a past day's view known now). */
function bothFolds(timeline: readonly TimelineEntry<AssignmentEvent>[]): PartView[] {
  const fold = (events: readonly TimelineEntry<AssignmentEvent>[]) => {
    const parts = new Map<string, PartView>();
    for (const event of events) applyAssignmentEvent(parts, event);
    return parts.get('a')!;
  };
  return [fold(timeline), fold(timelineAt(timeline, { asOf: '2016-08-01', knownAt: null, axes: [] }) as TimelineEntry<AssignmentEvent>[])];
}

const zhangCorrected = { correctedOn: '2026-12-06', correctedAt: '2026-12-06T04:00:00.000Z', correctedBy: 'zhang', correctedByRole: 'SUPERVISOR' };

describe('an inspection whose outcome a supervisor corrected (newcomer46-8 M2)', () => {
  it('given a failure with the inspector’s notes, when corrected to PASSED, then the notes stay the inspector’s and the correction is listed beside them', () => {
    for (const part of bothFolds([assigned, reported, inspected('FAILED', '办事指南仍缺少收费依据'), corrected('FAILED', 'PASSED', '督查记录表结论为通过')])) {
      expect(part.status).toBe('VERIFIED');
      expect(part.inspections).toEqual([
        expect.objectContaining({
          outcome: 'PASSED',
          notes: '办事指南仍缺少收费依据',
          inspectorId: 'wang',
          corrections: [{ ...zhangCorrected, reason: '督查记录表结论为通过', previousOutcome: 'FAILED', outcome: 'PASSED', previousInspectedOn: '2016-06-05', inspectedOn: '2016-06-05' }],
        }),
      ]);
      // The failure's return is gone with it.
      expect(part.returns).toEqual([]);
    }
  });

  it('given a pass with the inspector’s notes, when corrected to FAILED, then the notes stay and the part came back for the supervisor’s reason', () => {
    for (const part of bothFolds([assigned, reported, inspected('PASSED', '已整改到位'), corrected('PASSED', 'FAILED', '结论录错')])) {
      expect(part.status).toBe('RETURNED');
      expect(part.inspections[0]).toMatchObject({ outcome: 'FAILED', notes: '已整改到位', corrections: [{ reason: '结论录错', correctedBy: 'zhang', previousOutcome: 'PASSED', outcome: 'FAILED' }] });
      expect(part.returns).toEqual([expect.objectContaining({ cause: 'INSPECTION_FAILED', reason: '结论录错', returnedOn: '2016-06-05', newDueDate: '2016-07-31' })]);
    }
  });

  it('given a failure whose day only was corrected, then its notes are still what failed and the correction is listed', () => {
    for (const part of bothFolds([assigned, reported, inspected('FAILED', '未公开收费依据'), corrected('FAILED', 'FAILED', '日期抄错', '2016-06-08')])) {
      expect(part.inspections[0]).toMatchObject({ inspectedOn: '2016-06-08', notes: '未公开收费依据', corrections: [{ reason: '日期抄错', previousInspectedOn: '2016-06-05', inspectedOn: '2016-06-08' }] });
      expect(part.returns).toEqual([expect.objectContaining({ reason: '未公开收费依据', returnedOn: '2016-06-08' })]);
    }
  });

  it('given an inspection never corrected, then it lists no correction (old events load as they were)', () => {
    for (const part of bothFolds([assigned, reported, inspected('PASSED', '已整改到位')])) expect(part.inspections[0]).toMatchObject({ notes: '已整改到位', corrections: [] });
  });

  it('given a known-at cut before the correction, then the inspection reads as entered, with no correction', () => {
    const timeline = [assigned, reported, inspected('FAILED', '办事指南仍缺少收费依据'), corrected('FAILED', 'PASSED', '督查记录表结论为通过')];
    const parts = new Map<string, PartView>();
    for (const event of timelineAt(timeline, { asOf: '2016-08-01', knownAt: '2026-12-05T00:00:00.000Z', axes: [] })) applyAssignmentEvent(parts, event as TimelineEntry<AssignmentEvent>);
    expect(parts.get('a')!.inspections[0]).toMatchObject({ outcome: 'FAILED', notes: '办事指南仍缺少收费依据', corrections: [] });
  });
});

describe('a correction in the office’s words (part card, 整改台账)', () => {
  const facts = { reason: '督查记录表结论为通过', correctedOn: '2026-12-06', previousOutcome: 'FAILED', outcome: 'PASSED', previousInspectedOn: '2016-06-05', inspectedOn: '2016-06-05' } as const;

  it('says when, who, what changed and why', () => {
    expect(inspectionCorrectionWords(facts, '张伟')).toBe('更正（2026-12-06，张伟）：结论由不通过改为通过；理由：督查记录表结论为通过');
    expect(inspectionCorrectionWords({ ...facts, outcome: 'FAILED', inspectedOn: '2016-06-08', reason: '日期抄错' }, '张伟')).toBe('更正（2026-12-06，张伟）：督查日期由 2016-06-05 改为 2016-06-08；理由：日期抄错');
  });
});
