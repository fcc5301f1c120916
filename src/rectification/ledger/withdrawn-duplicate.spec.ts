import type { TimelineEntry } from '../../assignments/read-model/timeline.js';
import type { DomainEvent } from '../../shared/decider.js';
import type { TimeCut } from '../../shared/time-cut.js';
import { findingAt } from './rectification-ledger.js';

/*
 * breaker8d P5: a finding recorded twice and withdrawn as a repeat of the other still counted on the
 * days before its withdrawal — every past day's 台账, dashboard and scorecard showed the problem twice.
 * Withdrawn as a repeat (`duplicateOf`), it counts on no day once the withdrawal is known; withdrawn by
 * the evaluator (no `duplicateOf`), it counts until its day, as before.
 */

const FINDING = '7d1f0c2a-0000-4000-8000-000000000001';
const KEPT = '7d1f0c2a-0000-4000-8000-000000000002';
let revision = 0;
const entry = (event: DomainEvent, occurredOn: string, recordedAt: string): TimelineEntry =>
  ({ ...event, id: `event-${revision}`, revision: revision++, occurredOn, metadata: { recordedAt, actorId: 'zhang.wei', actorRole: 'SUPERVISOR', actorUnitId: null } }) as TimelineEntry;

const recorded = entry(
  {
    type: 'FindingRecorded',
    data: { findingId: FINDING, evaluationId: 'evaluation-1', title: '政府信息公开年报未按时发布', description: '年报逾期', category: '年度报告', severity: 'LOW', concernedUnitIds: [], identifiedOn: '2026-06-01', measures: '' },
  },
  '2026-06-01',
  '2026-06-01T02:00:00.000Z',
);
const assigned = entry({ type: 'UnitAssigned', data: { unitId: 'unit-finance', role: 'LEAD', dueDate: '2026-09-30', assignedOn: '2026-06-02' } }, '2026-06-02', '2026-06-02T02:00:00.000Z');
const withdrawal = (duplicateOf?: string) =>
  entry(
    { type: 'FindingWithdrawn', data: { findingId: FINDING, reason: '与第1项重复登记', withdrawnOn: '2026-07-20', ...(duplicateOf ? { duplicateOf } : {}) } },
    '2026-07-20',
    '2026-07-20T02:00:00.000Z',
  );
const cut = (asOf: string, knownAt: string | null = null): TimeCut => ({ asOf, knownAt, axes: knownAt === null ? ['BUSINESS_DAY'] : ['BUSINESS_DAY', 'RECORD_TIME'] });

describe('a finding withdrawn as recorded twice counts on no day (breaker8d P5)', () => {
  it('is 已撤销 on a day before its withdrawal, its parts off the 台账', () => {
    const before = findingAt([recorded, assigned, withdrawal(KEPT)], cut('2026-07-01'));
    expect(before).toMatchObject({ status: 'WITHDRAWN', withdrawnOn: '2026-07-20', withdrawalReason: '与第1项重复登记', duplicateOf: KEPT });
    expect(before!.parts.size).toBe(0);
    expect([...before!.partsWhenWithdrawn!.keys()]).toEqual(['unit-finance']);
  });

  it('counted as known before the withdrawal was recorded: what the office knew then', () => {
    expect(findingAt([recorded, assigned, withdrawal(KEPT)], cut('2026-07-01', '2026-07-10T00:00:00.000Z'))).toMatchObject({ status: 'OPEN', withdrawnOn: null });
  });

  it('one the evaluator withdrew (no duplicateOf) still counts on the days before its withdrawal', () => {
    expect(findingAt([recorded, assigned, withdrawal()], cut('2026-07-01'))).toMatchObject({ status: 'OPEN', withdrawnOn: null });
    expect(findingAt([recorded, assigned, withdrawal()], cut('2026-07-20'))).toMatchObject({ status: 'WITHDRAWN' });
  });

  it('counts again once its withdrawal was undone (a pass dated before it, 撤销不成立)', () => {
    const undone = entry({ type: 'FindingWithdrawalUndone', data: { findingId: FINDING, withdrawnOn: '2026-07-20', reason: '核验通过' } }, '2026-07-20', '2026-07-25T02:00:00.000Z');
    expect(findingAt([recorded, assigned, withdrawal(KEPT), undone], cut('2026-07-01'))).toMatchObject({ status: 'OPEN' });
  });
});
