import type { AssignmentEvent } from '../assignments/domain/assignment.events.js';
import { applyAssignmentEvent, type PartView } from '../assignments/read-model/part-view.js';
import type { TimelineEntry } from '../assignments/read-model/timeline.js';
import { statusCell } from './export-table.js';

/*
 * breaker8p P8 (issue 8, the watch rule in the exports): a 台账 / 工作方案进展 row is its unit's, judged on its watch — 发改局's
 * report 9 days after 物价局's part (due 2016-04-30) passed to it on 2016-07-01 read 「已报告待督查（逾期 9 天后报送）」 beside
 * 整改时限 2016-04-30 and 报告日期 2016-07-10, naming neither the hand-over nor the former holder. The cell now says why.
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
const handedOver = (unitId: string, successorUnitId: string, on: string) => entry(on, { type: 'PartHandedOver', data: { unitId, successorUnitId, reason: '机构改革', handedOverOn: on } });

const partOf = (unitId: string, ...events: TimelineEntry<AssignmentEvent>[]): PartView => {
  const parts = new Map<string, PartView>();
  for (const event of events) applyAssignmentEvent(parts, event);
  return parts.get(unitId)!;
};
const names = (unitId: string) => `${unitId}名`;

describe('the 台账 状态 cell of a part taken over (机构改革)', () => {
  describe('given 物价局’s part, due 2016-04-30, passed to 发改局 on 2016-07-01', () => {
    const events = [assigned('物价局', '2016-04-30'), handedOver('物价局', '发改局', '2016-07-01')];

    it('says, while 发改局 owes the report, that its time runs from the hand-over', () => {
      expect(statusCell(partOf('发改局', ...events), names)).toBe('整改中（2016-07-01 由物价局名移交本单位，时限自移交之日起计）');
    });

    it('says, when 发改局 reports on 07-10, 9 days late for it, 71 by the part’s own date, and why', () => {
      expect(statusCell(partOf('发改局', ...events, reported('发改局', '2016-07-10')), names)).toBe(
        '已报告待督查（逾期 9 天后报送：2016-07-01 由物价局名移交本单位，自移交之日起计；按原时限逾期 71 天）',
      );
    });

    it('says, when 发改局 reports on the hand-over day, on time for it, 62 days by the part’s own date', () => {
      expect(statusCell(partOf('发改局', ...events, reported('发改局', '2016-07-01')), names)).toBe(
        '已报告待督查（按时报送：2016-07-01 由物价局名移交本单位，自移交之日起计；按原时限逾期 62 天）',
      );
    });
  });

  describe('given 物价局’s report of 2016-05-10 (10 days late), its part then passed to 发改局 on 2016-07-01', () => {
    it('names who reported, and when, and that it came over reported', () => {
      const part = partOf('发改局', assigned('物价局', '2016-04-30'), reported('物价局', '2016-05-10'), handedOver('物价局', '发改局', '2016-07-01'));
      expect(statusCell(part, names)).toBe('已报告待督查（物价局名于 2016-05-10 报送，按原时限逾期 10 天；2016-07-01 移交本单位）');
    });
  });

  describe('given a part handed over before its due date', () => {
    it('reads as any other: nothing to explain', () => {
      const events = [assigned('物价局', '2016-09-30'), handedOver('物价局', '发改局', '2016-07-01')];
      expect(statusCell(partOf('发改局', ...events), names)).toBe('整改中');
      expect(statusCell(partOf('发改局', ...events, reported('发改局', '2016-10-05')), names)).toBe('已报告待督查（逾期 5 天后报送）');
    });
  });

  describe('given a part its unit holds from its 交办', () => {
    it('says its lateness as before', () => {
      expect(statusCell(partOf('物价局', assigned('物价局', '2016-04-30'), reported('物价局', '2016-05-05')), names)).toBe('已报告待督查（逾期 5 天后报送）');
      expect(statusCell(partOf('物价局', assigned('物价局', '2016-04-30')), names)).toBe('整改中');
    });
  });
});

describe('the 台账 状态 cell of a closed finding’s part says its lateness too (newcomer46 M3)', () => {
  const passed = (unitId: string, on: string) => entry(on, { type: 'InspectionLogged', data: { unitId, inspectionId: `i-${on}`, outcome: 'PASSED', notes: '已整改到位', inspectedOn: on, place: '现场' } });

  it('given a part reported 3 days late and verified, reads 已销号（逾期 3 天后报送） on a closed finding, as 已核验（逾期 3 天后报送） on an open one', () => {
    const late = partOf('发改局', assigned('发改局', '2016-06-15'), reported('发改局', '2016-06-18'), passed('发改局', '2016-06-25'));
    expect(statusCell(late, names)).toBe('已核验（逾期 3 天后报送）');
    expect(statusCell(late, names, '已销号')).toBe('已销号（逾期 3 天后报送）');
  });

  it('given one reported on time, reads 已销号 alone', () => {
    expect(statusCell(partOf('发改局', assigned('发改局', '2016-06-15'), reported('发改局', '2016-06-14'), passed('发改局', '2016-06-25')), names, '已销号')).toBe('已销号');
  });
});
