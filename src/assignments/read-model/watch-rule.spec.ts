import type { AssignmentEvent } from '../domain/assignment.events.js';
import { applyAssignmentEvent, daysLeft, earlierWatches, firstReportOnTime, holderWatch, isOverdue, lateWatches, onWatch, reportedDaysLate, trafficLight, type PartView } from './part-view.js';
import { dueOn, emptyTallies, meanRemediationDays, overdueOn, updateParent } from './part-tallies.js';
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
    metadata: { recordedAt: `2026-11-01T01:${String(Math.floor(revision / 60) % 60).padStart(2, '0')}:${String(revision % 60).padStart(2, '0')}.000Z`, actorId: 'u', actorRole: 'SUPERVISOR', actorUnitId: null },
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

    it('is the successor’s to meet on its own date, and nobody’s lateness before it: 物价局 keeps the part it held, nothing due on its days', () => {
      expect(onWatch(part)).toBe(part);
      expect(lateWatches(part)).toEqual([]);
      expect(buildScorecard({ parts: [part], unitName: names, today: '2016-10-05' })).toMatchObject([
        { unitId: '发改局', parts: 1, due: 1, onTime: 0, overdue: 1 },
        { unitId: '物价局', parts: 1, due: 0, onTime: 0, onTimeRate: null, overdue: 0 },
      ]);
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

  describe('the scorecard credits each fact to the unit whose watch it happened on (breaker8p P2, P10)', () => {
    const sentBack = (unitId: string, on: string, newDueDate?: string) =>
      entry(on, { type: 'ReportSentBack', data: { unitId, reason: '材料不全', sentBackOn: on, ...(newDueDate ? { newDueDate } : {}) } });
    let inspections = 0;
    const inspected = (unitId: string, on: string, outcome: 'PASSED' | 'FAILED', newDueDate?: string) => {
      inspections += 1;
      return entry(on, { type: 'InspectionLogged', data: { unitId, inspectionId: `i${inspections}`, outcome, notes: '现场核查', inspectedOn: on, place: '现场', ...(newDueDate ? { newDueDate } : {}) } });
    };
    /** Each unit's figures on `today`, from the full scan — checked equal to the tallies kept as events arrive. */
    const scoresOn = (parts: Map<string, PartView>, today: string) => {
      const scores = buildScorecard({ parts: [...parts.values()], unitName: names, today });
      const tallies = emptyTallies();
      updateParent(tallies, 'f', parts);
      expect(scorecardFromTallies({ tallies: [tallies.perUnit], unitName: names, today })).toEqual(scores);
      return Object.fromEntries(scores.map(({ unitId, parts: held, due, onTime, overdue, returned, meanDaysToRemediate }) => [unitId, { parts: held, due, onTime, overdue, returned, meanDaysToRemediate }]));
    };

    describe('given 丁局’s report a day late (due 2016-05-31, reported 06-01), then its part handed to 戊局 on 06-10', () => {
      const parts = partsAfter(assigned('丁局', '2016-05-31'), reported('丁局', '2016-06-01'), handedOver('丁局', '戊局', '2016-06-10'));

      it('counts the late report 丁局’s, and nothing due for 戊局, which reported nothing: the part reached it reported', () => {
        expect(holderWatch(parts.get('戊局')!)).toEqual({ firstReportOnTime: null, returns: 0, remediationDays: null });
        expect(scoresOn(parts, '2016-06-12')).toEqual({
          丁局: { parts: 1, due: 1, onTime: 0, overdue: 0, returned: 0, meanDaysToRemediate: null },
          戊局: { parts: 1, due: 0, onTime: 0, overdue: 0, returned: 0, meanDaysToRemediate: null },
        });
      });

      describe('when the inspection of 06-15 fails it (new date 06-30) and 戊局 reports again on 07-05', () => {
        const after = partsAfter(
          assigned('丁局', '2016-05-31'),
          reported('丁局', '2016-06-01'),
          handedOver('丁局', '戊局', '2016-06-10'),
          inspected('戊局', '2016-06-15', 'FAILED', '2016-06-30'),
          reported('戊局', '2016-07-05'),
        );

        it('gives 戊局 the return of its days, and judges its own first report by the date the failure gave: 5 days late', () => {
          expect(scoresOn(after, '2016-07-06')).toMatchObject({
            丁局: { due: 1, onTime: 0, returned: 0 },
            戊局: { due: 1, onTime: 0, overdue: 0, returned: 1 },
          });
        });

        it('counts 戊局 due and overdue from 07-01 while it owed the report after the failure', () => {
          const owing = partsAfter(assigned('丁局', '2016-05-31'), reported('丁局', '2016-06-01'), handedOver('丁局', '戊局', '2016-06-10'), inspected('戊局', '2016-06-15', 'FAILED', '2016-06-30'));
          expect([scoresOn(owing, '2016-06-30').戊局, scoresOn(owing, '2016-07-01').戊局]).toMatchObject([
            { due: 0, overdue: 0, returned: 1 },
            { due: 1, overdue: 1, returned: 1 },
          ]);
        });
      });
    });

    describe('given 甲局’s report on time (05-20, due 05-31), sent back 05-25, reported again 05-28, failed on site 06-01 (new date 06-20), and its part handed to 乙局 on 06-10', () => {
      const events = [
        assigned('甲局', '2016-05-31'),
        reported('甲局', '2016-05-20'),
        sentBack('甲局', '2016-05-25'),
        reported('甲局', '2016-05-28'),
        inspected('甲局', '2016-06-01', 'FAILED', '2016-06-20'),
        handedOver('甲局', '乙局', '2016-06-10'),
      ];

      it('leaves 甲局 its punctual report and both returns, before the hand-over and after it', () => {
        expect(scoresOn(partsAfter(...events.slice(0, -1)), '2016-06-09')).toEqual({ 甲局: { parts: 1, due: 1, onTime: 1, overdue: 0, returned: 2, meanDaysToRemediate: null } });
        expect(scoresOn(partsAfter(...events), '2016-06-12')).toEqual({
          甲局: { parts: 1, due: 1, onTime: 1, overdue: 0, returned: 2, meanDaysToRemediate: null },
          乙局: { parts: 1, due: 0, onTime: 0, overdue: 0, returned: 0, meanDaysToRemediate: null },
        });
        expect(earlierWatches(partsAfter(...events).get('乙局')!)).toEqual([{ unitId: '甲局', firstReportOnTime: true, owed: false, returns: 2, remediationDays: null }]);
      });

      it('makes 乙局 due and overdue only once the date the failure gave is gone, on its own watch', () => {
        expect(scoresOn(partsAfter(...events), '2016-06-21').乙局).toMatchObject({ due: 1, onTime: 0, overdue: 1, returned: 0 });
      });
    });

    describe('given a chain: 甲局 (assigned 2016-04-01, due 05-31) → 乙局 on 06-10 → 丙局 on 07-01; 丙局 reports 07-05 and passes 07-10', () => {
      const parts = partsAfter(
        assigned('甲局', '2016-05-31'),
        handedOver('甲局', '乙局', '2016-06-10'),
        handedOver('乙局', '丙局', '2016-07-01'),
        reported('丙局', '2016-07-05'),
        inspected('丙局', '2016-07-10', 'PASSED'),
      );

      it('counts 丙局’s days to remediate from the day it came to hold the part: 9, not 100', () => {
        expect(holderWatch(parts.get('丙局')!).remediationDays).toBe(9);
        expect(scoresOn(parts, '2016-07-20')).toEqual({
          甲局: { parts: 1, due: 1, onTime: 0, overdue: 0, returned: 0, meanDaysToRemediate: null },
          乙局: { parts: 1, due: 1, onTime: 0, overdue: 0, returned: 0, meanDaysToRemediate: null },
          丙局: { parts: 1, due: 1, onTime: 0, overdue: 0, returned: 0, meanDaysToRemediate: 9 },
        });
      });

      it('gives the dashboard’s per-unit mean the same days, the office’s mean still from the 交办', () => {
        const tallies = emptyTallies();
        updateParent(tallies, 'f', parts);
        expect([meanRemediationDays(tallies.perUnit.get('丙局')!), meanRemediationDays(tallies.all)]).toEqual([9, 100]);
      });
    });

    describe('given 按时局’s own part reported on time (04-20, due 04-30), and 发改局’s part, owing since 04-30, carried into it on 2016-09-01', () => {
      const parts = partsAfter(
        assigned('发改局', '2016-04-30'),
        assigned('按时局', '2016-04-30'),
        reported('按时局', '2016-04-20'),
        handedOver('发改局', '按时局', '2016-09-01'),
      );

      it('keeps 按时局’s punctual report on its own record, set aside, and judges it on the carried work from 09-01', () => {
        expect(parts.get('按时局')).toMatchObject({ status: 'ASSIGNED', heldSince: '2016-09-01' });
        expect(scoresOn(parts, '2016-09-11')).toEqual({
          发改局: { parts: 1, due: 1, onTime: 0, overdue: 0, returned: 0, meanDaysToRemediate: null },
          按时局: { parts: 2, due: 2, onTime: 1, overdue: 1, returned: 0, meanDaysToRemediate: null },
        });
      });
    });
  });
});
