import type { RecordedEvent } from '../../event-sourcing/recorded-event.js';
import type { DomainEvent } from '../../shared/decider.js';
import type { TimeCut } from '../../shared/time-cut.js';
import type { TimelineEntry } from '../../assignments/read-model/timeline.js';
import { findingAt, RectificationLedger } from './rectification-ledger.js';

/*
 * Issue 12, row 4: a past day's dashboard and scorecard fold every finding at the cut, and each fold read the finding's
 * stream from the log — those identified after the day, or recorded after the instant, only to be left out (a third of the
 * findings at the bench's mid-year day). The ledger now tells them from the view it keeps (FindingRecorded's day and
 * instant) and reads no row for them; every other answer is the fold of the stream, as before.
 */

const FINDING = '5e0c9a11-0000-4000-8000-000000000002';
const FGW = 'unit-fgw';
const stream = `finding-${FINDING}`;

const record = (events: RecordedEvent[], event: DomainEvent, occurredOn: string, recordedAt: string): void => {
  events.push({
    ...event,
    id: `event-${events.length}`,
    streamId: stream,
    revision: events.length,
    position: BigInt(events.length + 1),
    occurredOn,
    schemaVersion: 1,
    metadata: { recordedAt, actorId: 'zhang.wei', actorRole: 'SUPERVISOR', actorUnitId: null, commandId: 'c', correlationId: 'c', causationId: 'c' },
  } as unknown as RecordedEvent);
};

/** A finding identified on 10-01 but typed in on 10-05 (recorded late), assigned and reported. */
function given(): { ledger: RectificationLedger; events: RecordedEvent[]; reads: string[] } {
  const events: RecordedEvent[] = [];
  record(events, { type: 'FindingRecorded', data: { findingId: FINDING, evaluationId: 'evaluation-1', title: '网站内容陈旧', description: '首页信息过期', category: '平台建设', severity: 'LOW', concernedUnitIds: [FGW], identifiedOn: '2026-10-01', measures: '' } }, '2026-10-01', '2026-10-05T02:00:00.000Z');
  record(events, { type: 'UnitAssigned', data: { unitId: FGW, role: 'LEAD', dueDate: '2026-11-12', assignedOn: '2026-10-06' } }, '2026-10-06', '2026-10-06T02:00:00.000Z');
  record(events, { type: 'RectificationReported', data: { unitId: FGW, summary: '已更新网站内容。', evidence: [{ title: '网站截图', link: 'https://www.example.gov.cn/', documentRef: null }], reportedOn: '2026-11-10' } }, '2026-11-10', '2026-11-10T02:00:00.000Z');
  const reads: string[] = [];
  const ledger = new RectificationLedger({ read: (id) => (reads.push(id), Promise.resolve(id === stream ? [...events] : [])) });
  for (const event of events) ledger.apply(event);
  return { ledger, events, reads };
}

const cut = (asOf: string, knownAt: string | null): TimeCut => ({ asOf, knownAt, axes: knownAt === null ? ['BUSINESS_DAY'] : ['BUSINESS_DAY', 'RECORD_TIME'] } as TimeCut);

describe('a finding folded at a cut (issue 12, row 4)', () => {
  it.each([
    ['on a day before it was identified', cut('2026-09-30', null)],
    ['on its day, as known before it was typed in', cut('2026-10-01', '2026-10-05T01:59:59.999Z')],
    ['on a later day, as known before it was typed in', cut('2026-12-01', '2026-10-04T00:00:00.000Z')],
  ])('%s: not there, and no row of its stream read', async (_, at) => {
    const { ledger, events, reads } = given();
    await expect(ledger.findingAt(FINDING, at)).resolves.toBeUndefined();
    expect(reads).toEqual([]);
    // What the fold of its stream says too.
    expect(findingAt(events as unknown as TimelineEntry[], at)).toBeUndefined();
  });

  it.each([
    ['on the day it was identified, everything entered', cut('2026-10-01', null)],
    ['on the day it was identified, as known when typed in', cut('2026-10-01', '2026-10-05T02:00:00.000Z')],
    ['after its report', cut('2026-11-11', null)],
    ['after its report, as known before the report was typed in', cut('2026-11-11', '2026-11-01T00:00:00.000Z')],
  ])('%s: the fold of its stream, read once', async (_, at) => {
    const { ledger, events, reads } = given();
    const folded = await ledger.findingAt(FINDING, at);
    expect(folded).toEqual(findingAt(events as unknown as TimelineEntry[], at));
    expect(folded?.findingId).toBe(FINDING);
    expect(reads).toEqual([stream]);
  });

  it('an id the ledger does not hold: nothing, and nothing read', async () => {
    const { ledger, reads } = given();
    await expect(ledger.findingAt('5e0c9a11-0000-4000-8000-00000000ffff', cut('2026-12-01', null))).resolves.toBeUndefined();
    expect(reads).toEqual([]);
  });
});
