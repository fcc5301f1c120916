import type { AssignmentEvent } from '../domain/assignment.events.js';
import { applyAssignmentEvent, daysLeft, firstReportOnTime, isOverdue, lateWatches, onWatch, reportedDaysLate, trafficLight, type PartView } from './part-view.js';
import { dueOn, emptyTallies, overdueOn, updateParent } from './part-tallies.js';
import { remindersFor } from './reminders.js';
import type { TimelineEntry } from './timeline.js';
import { buildScorecard, scorecardFromTallies } from '../../scorecard/scorecard.js';

/*
 * The watch rule (lead's decision; breaker8n P3, breaker10m P3, newcomer28 S6): each unit is on its own watch. After a
 * hand-over (机构改革) the successor is late only from max(due date, the day it came to hold the part); the predecessor's
 * lateness up to that day stays its own. The part itself keeps its dates: the office's view of the finding does not change.
 */

let revision = 0;
const entry = (on: string, event: AssignmentEvent): TimelineEntry<AssignmentEvent> => {
  revision += 1;
  return {
    ...event,
    id: `event-${revision}`,
    revision,
    occurredOn: on,
    metadata: { recordedAt: `2026-11-01T01:00:${String(revision % 60).padStart(2, '0')}.000Z`, actorId: 'u', actorRole: 'SUPERVISOR', actorUnitId: null },
  } as TimelineEntry<AssignmentEvent>;
};

const evidence = [{ title: '文件', link: 'https://example.gov.cn/a', documentRef: null }];
const assigned = (unitId: string, dueDate: string) => entry('2016-04-01', { type: 'UnitAssigned', data: { unitId, role: 'LEAD', dueDate, assignedOn: '2016-04-01' } });
const reported = (unitId: string, on: string) => entry(on, { type: 'RectificationReported', data: { unitId, summary: '已整改', evidence, reportedOn: on } });
const handedOver = (unitId: string, successorUnitId: string, on: string) =>
  entry(on, { type: 'PartHandedOver', data: { unitId, successorUnitId, reason: '机构改革', handedOverOn: on } });

function partsAfter(...events: TimelineEntry<AssignmentEvent>[]): Map<string, PartView> {
  const parts = new Map<string, PartView>();
  for (const event of events) applyAssignmentEvent(parts, event);
  return parts;
}

const names = (unitId: string) => unitId;

describe('the watch rule: whose lateness after a hand-over', () => {
  describe('given a part due 2016-04-30, never reported, handed over by 物价局 to 发改局 on 2016-07-01', () => {
    const parts = partsAfter(assigned('物价局', '2016-04-30'), handedOver('物价局', '发改局', '2016-07-01'));
    const part = parts.get('发改局')!;

    it('keeps the part’s own due date: the finding as a whole is overdue as before', () => {
      expect(part.dueDate).toBe('2016-04-30');
      expect(daysLeft(part, '2016-08-18')).toBe(-110);
      expect(isOverdue(part, '2016-07-01')).toBe(true);
    });

    it('counts the successor overdue only from the day it came to hold the part', () => {
      const judged = onWatch(part);
      expect(judged.dueDate).toBe('2016-07-01');
      expect(daysLeft(judged, '2016-08-18')).toBe(-48);
      expect([trafficLight(judged, '2016-07-01', 3), trafficLight(judged, '2016-07-02', 3)]).toEqual(['YELLOW', 'RED']);
      expect(remindersFor({ parentKind: 'FINDING', parentId: 'f', parentTitle: '门户网站错链', planTitle: null }, part, '2016-08-18')[0]!.message).toBe(
        '已逾期 48 天（截止日期 2016-04-30，2016-07-01 移交本单位，自移交之日起计）。',
      );
    });

    it('keeps the predecessor’s lateness its own: due and not on time on its scorecard, not overdue now', () => {
      expect(lateWatches(part)).toEqual(['物价局']);
      const scores = buildScorecard({ parts: [part], unitName: names, today: '2016-08-18' });
      expect(scores.find((score) => score.unitId === '物价局')).toMatchObject({ parts: 1, due: 1, onTime: 0, onTimeRate: 0, overdue: 0 });
      expect(scores.find((score) => score.unitId === '发改局')).toMatchObject({ parts: 1, due: 1, onTime: 0, overdue: 1 });
    });

    it('counts the same from the tallies kept as events arrive, the office’s total by the part’s own dates', () => {
      const tallies = emptyTallies();
      updateParent(tallies, 'f', parts);
      expect(scorecardFromTallies({ tallies: [tallies.perUnit], unitName: names, today: '2016-08-18' })).toEqual(buildScorecard({ parts: [part], unitName: names, today: '2016-08-18' }));
      expect([overdueOn(tallies.perUnit.get('发改局')!, '2016-07-01'), overdueOn(tallies.perUnit.get('发改局')!, '2016-07-02')]).toEqual([0, 1]);
      expect(overdueOn(tallies.all, '2016-07-01')).toBe(1);
      expect(dueOn(tallies.perUnit.get('物价局')!, '2016-08-18')).toBe(1);
    });

    describe('when the successor reports on 2016-07-10', () => {
      const after = partsAfter(assigned('物价局', '2016-04-30'), handedOver('物价局', '发改局', '2016-07-01'), reported('发改局', '2016-07-10')).get('发改局')!;

      it('judges its report against the day it came to hold the part: 9 days late, not 71', () => {
        expect(firstReportOnTime(after)).toBe(false);
        expect(reportedDaysLate(after)).toBe(71);
        expect(reportedDaysLate(onWatch(after))).toBe(9);
        expect(lateWatches(after)).toEqual(['物价局']);
      });
    });

    describe('when the successor reports on the hand-over day', () => {
      const after = partsAfter(assigned('物价局', '2016-04-30'), handedOver('物价局', '发改局', '2016-07-01'), reported('发改局', '2016-07-01')).get('发改局')!;

      it('is on time for the successor, and still late for the predecessor', () => {
        expect(firstReportOnTime(onWatch(after))).toBe(true);
        const scores = buildScorecard({ parts: [after], unitName: names, today: '2016-08-18' });
        expect(scores.map(({ unitId, due, onTime }) => ({ unitId, due, onTime }))).toEqual([
          { unitId: '发改局', due: 1, onTime: 1 },
          { unitId: '物价局', due: 1, onTime: 0 },
        ]);
      });
    });
  });

  describe('given a part handed over before its due date', () => {
    const parts = partsAfter(assigned('物价局', '2016-09-30'), handedOver('物价局', '发改局', '2016-07-01'));
    const part = parts.get('发改局')!;

    it('is the successor’s to meet on its own date, and nobody’s lateness before it', () => {
      expect(onWatch(part)).toBe(part);
      expect(lateWatches(part)).toEqual([]);
      expect(buildScorecard({ parts: [part], unitName: names, today: '2016-10-05' })).toMatchObject([{ unitId: '发改局', due: 1, onTime: 0, overdue: 1 }]);
    });
  });

  describe('given a predecessor that reported on time before the hand-over', () => {
    const part = partsAfter(assigned('物价局', '2016-04-30'), reported('物价局', '2016-04-20'), handedOver('物价局', '发改局', '2016-07-01')).get('发改局')!;

    it('leaves no lateness on anyone', () => {
      expect(lateWatches(part)).toEqual([]);
      expect(firstReportOnTime(onWatch(part))).toBe(true);
    });
  });

  describe('given a predecessor that reported late, on 2016-05-10, before the hand-over', () => {
    const part = partsAfter(assigned('物价局', '2016-04-30'), reported('物价局', '2016-05-10'), handedOver('物价局', '发改局', '2016-07-01')).get('发改局')!;

    it('keeps the late report the predecessor’s', () => {
      expect(lateWatches(part)).toEqual(['物价局']);
    });
  });

  describe('given 物价局’s part, due 2016-04-30 and never reported, joining 发改局’s own (due 2016-04-30, never reported) on 2016-07-01', () => {
    const parts = partsAfter(assigned('物价局', '2016-04-30'), assigned('发改局', '2016-04-30'), handedOver('物价局', '发改局', '2016-07-01'));
    const part = parts.get('发改局')!;

    it('keeps 发改局’s own record, late on its own date, and 物价局’s lateness on the record that joined it', () => {
      expect([...parts.keys()]).toEqual(['发改局']);
      expect(onWatch(part)).toBe(part);
      expect(lateWatches(part)).toEqual(['物价局']);
      const scores = buildScorecard({ parts: [part], unitName: names, today: '2016-08-18' });
      expect(scores.map(({ unitId, parts: held, due, onTime, overdue }) => ({ unitId, held, due, onTime, overdue }))).toEqual([
        { unitId: '物价局', held: 1, due: 1, onTime: 0, overdue: 0 },
        { unitId: '发改局', held: 1, due: 1, onTime: 0, overdue: 1 },
      ]);
      const tallies = emptyTallies();
      updateParent(tallies, 'f', parts);
      expect(scorecardFromTallies({ tallies: [tallies.perUnit], unitName: names, today: '2016-08-18' })).toEqual(scores);
    });
  });

  describe('given 物价局’s part owing its report (due 2016-04-30) carried into 发改局’s own, reported late on 2016-05-05, on 2016-07-01', () => {
    const parts = partsAfter(assigned('物价局', '2016-04-30'), assigned('发改局', '2016-04-30'), reported('发改局', '2016-05-05'), handedOver('物价局', '发改局', '2016-07-01'));
    const part = parts.get('发改局')!;

    it('judges 发改局 on the carried work from 07-01, and keeps both late records: 物价局’s owing, 发改局’s own set aside', () => {
      expect(part).toMatchObject({ status: 'ASSIGNED', heldSince: '2016-07-01' });
      expect(onWatch(part).dueDate).toBe('2016-07-01');
      expect(lateWatches(part).sort()).toEqual(['发改局', '物价局'].sort());
    });
  });

  describe('given 物价局’s part, due 2016-09-30, joining 发改局’s own before it was due', () => {
    const part = partsAfter(assigned('物价局', '2016-09-30'), assigned('发改局', '2016-09-30'), handedOver('物价局', '发改局', '2016-07-01')).get('发改局')!;

    it('leaves no lateness on 物价局', () => {
      expect(lateWatches(part)).toEqual([]);
    });
  });

  describe('given 物价局’s and 粮食局’s parts, due 2016-04-30 and never reported, both passing to 发改局 (which held none) on 2016-07-01', () => {
    for (const order of [['物价局', '粮食局'], ['粮食局', '物价局']] as const) {
      it(`keeps both predecessors’ lateness, whichever paper was typed first (${order.join(' then ')})`, () => {
        const parts = partsAfter(
          assigned('物价局', '2016-04-30'),
          assigned('粮食局', '2016-04-30'),
          ...order.map((unitId) => handedOver(unitId, '发改局', '2016-07-01')),
        );
        const part = parts.get('发改局')!;
        expect([...parts.keys()]).toEqual(['发改局']);
        expect(lateWatches(part).sort()).toEqual(['物价局', '粮食局'].sort());
        expect(daysLeft(onWatch(part), '2016-08-18')).toBe(-48);
      });
    }
  });

  describe('given a chain: 物价局 → 发改局 on 2016-07-01 → 经信局 on 2016-09-01, due 2016-04-30, never reported', () => {
    const part = partsAfter(assigned('物价局', '2016-04-30'), handedOver('物价局', '发改局', '2016-07-01'), handedOver('发改局', '经信局', '2016-09-01')).get('经信局')!;

    it('makes each holder late on its own watch, the last from the day it came to hold the part', () => {
      expect(lateWatches(part)).toEqual(['物价局', '发改局']);
      expect(daysLeft(onWatch(part), '2016-09-11')).toBe(-10);
    });
  });
});
