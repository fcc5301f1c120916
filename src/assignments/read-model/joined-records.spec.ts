import type { AssignmentEvent } from '../domain/assignment.events.js';
import { joinedRecordLines } from './joined-records.js';
import { applyAssignmentEvent, type PartView } from './part-view.js';
import type { TimelineEntry } from './timeline.js';

/*
 * newcomer51-10 S1: a unit merged into one already holding a part of the same item (机构改革) — the joined part goes on with
 * the record owing the most work (breaker8n P1), and the merged unit's report awaiting inspection was dropped with nothing said:
 * gone from the part, out of 待督查, only the timeline knew. Every record set aside in a join is now listed on the joined part,
 * with its facts and where its work went.
 */

let revision = 0;
const entry = (on: string, event: AssignmentEvent): TimelineEntry<AssignmentEvent> => {
  revision += 1;
  return { ...event, id: `event-${revision}`, revision, occurredOn: on, metadata: { recordedAt: `2026-11-0${1 + (revision % 9)}T01:00:00.000Z`, actorId: 'u', actorRole: 'SUPERVISOR', actorUnitId: null } } as TimelineEntry<AssignmentEvent>;
};
const evidence = [{ title: '文件', link: 'https://example.gov.cn/a', documentRef: null }];
const assigned = (unitId: string, role: 'LEAD' | 'RESPONSIBLE', dueDate: string) => entry('2026-02-25', { type: 'UnitAssigned', data: { unitId, role, dueDate, assignedOn: '2026-02-25' } });
const reported = (unitId: string, on: string, summary: string) => entry(on, { type: 'RectificationReported', data: { unitId, summary, evidence, reportedOn: on } });
const asked = (unitId: string, on: string, requestedDueDate: string) =>
  entry(on, { type: 'ExtensionRequested', data: { unitId, requestId: `x-${unitId}`, requestedDueDate, reason: '机构改革', requestedOn: on } });
const passed = (unitId: string, on: string) => entry(on, { type: 'InspectionLogged', data: { unitId, inspectionId: `p-${unitId}`, outcome: 'PASSED', notes: '', inspectedOn: on, place: '现场' } });
const merged = (unitId: string, successorUnitId: string, on: string) => entry(on, { type: 'PartHandedOver', data: { unitId, successorUnitId, reason: '机构改革', handedOverOn: on } });

const NAMES: Record<string, string> = { gsj: '青川市工商行政管理局', scj: '青川市市场监督管理局' };
const nameOn = (unitId: string) => NAMES[unitId] ?? unitId;

function partsAfter(...events: TimelineEntry<AssignmentEvent>[]): PartView[] {
  const parts = new Map<string, PartView>();
  for (const event of events) applyAssignmentEvent(parts, event);
  return [...parts.values()];
}

describe('the records a join set aside, listed on the joined part (newcomer51-10 S1)', () => {
  it('given the merged lead reported and asked for more time, the successor owing its own share: when merged, then the lead’s report and request are listed, not awaiting inspection, and the successor reports for both', () => {
    const parts = partsAfter(assigned('gsj', 'LEAD', '2026-12-31'), assigned('scj', 'RESPONSIBLE', '2026-12-31'), reported('gsj', '2026-10-15', '已公开双随机抽查结果'), asked('gsj', '2026-10-20', '2027-03-31'), merged('gsj', 'scj', '2026-11-01'));
    expect(parts).toEqual([expect.objectContaining({ unitId: 'scj', role: 'LEAD', status: 'ASSIGNED', reports: [] })]);
    expect(joinedRecordLines(parts[0]!, nameOn)).toEqual([
      '2026-11-01 青川市工商行政管理局（牵头）的任务并入本单位的任务，其记录留存（报告待督查）：2026-10-15 报送整改报告“已公开双随机抽查结果”（并入时待督查）；2026-10-20 申请延期至 2027-03-31（并入时未批复）。' +
        '其未批复的延期申请不再办理，如仍需延期由本单位申请；合并后的任务按青川市市场监督管理局的记录办理（一份报告不能代替另一单位的部分）：该报告不再待督查，须由本单位为合并后的任务报送整改情况（可引用该报告）。',
    ]);
  });

  it('given both parts reported: when merged, then the successor’s report is the one inspected and the merged unit’s is listed as kept', () => {
    const parts = partsAfter(assigned('gsj', 'LEAD', '2026-12-31'), assigned('scj', 'RESPONSIBLE', '2026-12-31'), reported('gsj', '2026-10-15', '甲'), reported('scj', '2026-10-16', '乙'), merged('gsj', 'scj', '2026-11-01'));
    expect(parts).toEqual([expect.objectContaining({ unitId: 'scj', status: 'REPORTED' })]);
    expect(joinedRecordLines(parts[0]!, nameOn)).toEqual([
      '2026-11-01 青川市工商行政管理局（牵头）的任务并入本单位的任务，其记录留存（报告待督查）：2026-10-15 报送整改报告“甲”（并入时待督查）。合并后的任务按青川市市场监督管理局待督查的报告督查，该报告留作记录。',
    ]);
  });

  it('given the merged unit owing an overdue report and the successor’s own part verified: when merged, then the successor’s verified record is listed as its own, and the merged unit’s open work goes on', () => {
    const parts = partsAfter(assigned('gsj', 'LEAD', '2026-06-30'), assigned('scj', 'RESPONSIBLE', '2026-06-30'), reported('scj', '2026-06-20', '乙'), passed('scj', '2026-06-25'), merged('gsj', 'scj', '2026-11-01'));
    expect(parts).toEqual([expect.objectContaining({ unitId: 'scj', status: 'ASSIGNED' })]);
    expect(joinedRecordLines(parts[0]!, nameOn)).toEqual([
      '2026-11-01 青川市工商行政管理局的任务并入本单位的任务时，本单位自己的记录留存（已通过督查）：2026-06-20 报送整改报告“乙”；2026-06-25 督查通过。本单位的部分已通过督查，仍记在本单位名下；并入的部分尚未完成，合并后的任务按该单位的记录由本单位继续办理。',
    ]);
  });

  it('given the merged unit owing an overdue report and the successor owing too: when merged, then the lateness before the join is said to stay the merged unit’s', () => {
    const parts = partsAfter(assigned('gsj', 'RESPONSIBLE', '2026-06-30'), assigned('scj', 'LEAD', '2026-12-31'), merged('gsj', 'scj', '2026-11-01'));
    expect(joinedRecordLines(parts[0]!, nameOn)).toEqual([
      '2026-11-01 青川市工商行政管理局的任务并入本单位的任务，其记录留存（尚未完成报送）：并入时尚无报告。其截止日期 2026-06-30 已过，并入前的逾期计入青川市工商行政管理局（单位排名）；合并后的任务按青川市市场监督管理局的记录办理。',
    ]);
  });

  it('given a hand-over to a unit without a part of its own: when it passes, then nothing joined and nothing is listed', () => {
    const parts = partsAfter(assigned('gsj', 'LEAD', '2026-12-31'), reported('gsj', '2026-10-15', '甲'), merged('gsj', 'scj', '2026-11-01'));
    expect(parts).toEqual([expect.objectContaining({ unitId: 'scj', status: 'REPORTED' })]);
    expect(joinedRecordLines(parts[0]!, nameOn)).toEqual([]);
  });
});
