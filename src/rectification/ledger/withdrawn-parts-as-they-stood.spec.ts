import type { RecordedEvent } from '../../event-sourcing/recorded-event.js';
import type { DomainEvent } from '../../shared/decider.js';
import type { TimeCut } from '../../shared/time-cut.js';
import { ledgerTable } from '../../exports/export-table.js';
import { RectificationLedger } from './rectification-ledger.js';

/*
 * breaker11j P3: a finding withdrawn on a day before records its unit had already entered (a report of
 * 11-10 and a failed inspection of 11-11 giving 11-25, then the evaluator's letter of 11-05 typed in)
 * showed those records as the part's state — on its page under 各单位任务（撤销时的情况） and in the
 * 整改台账 row (整改时限 11-25, 已退回) — though they count nowhere. The part is shown as it stood on
 * the withdrawal (整改中, due 11-12), the later records listed apart; entered late and dated before the
 * withdrawal, a record is on that part (breaker11j P4).
 */

const FINDING = '5e0c9a11-0000-4000-8000-000000000001';
const FGW = 'unit-fgw';
const stream = `finding-${FINDING}`;
let revision = 0;
const events: RecordedEvent[] = [];
const record = (event: DomainEvent, occurredOn: string, recordedAt: string): RecordedEvent => {
  const recorded = {
    ...event,
    id: `event-${revision}`,
    streamId: stream,
    revision: revision++,
    position: BigInt(revision),
    occurredOn,
    schemaVersion: 1,
    metadata: { recordedAt, actorId: 'zhang.wei', actorRole: 'SUPERVISOR', actorUnitId: null, commandId: 'c', correlationId: 'c', causationId: 'c' },
  } as unknown as RecordedEvent;
  events.push(recorded);
  return recorded;
};

const report = (reportedOn: string, recordedAt: string) =>
  record({ type: 'RectificationReported', data: { unitId: FGW, summary: '已更新网站内容。', evidence: [{ title: '网站截图', link: 'https://www.example.gov.cn/', documentRef: null }], reportedOn } }, reportedOn, recordedAt);

const story = [
  () => record({ type: 'FindingRecorded', data: { findingId: FINDING, evaluationId: 'evaluation-1', title: '网站内容陈旧', description: '首页信息过期', category: '平台建设', severity: 'LOW', concernedUnitIds: [FGW], identifiedOn: '2026-10-01', measures: '' } }, '2026-10-01', '2026-10-01T02:00:00.000Z'),
  () => record({ type: 'UnitAssigned', data: { unitId: FGW, role: 'LEAD', dueDate: '2026-11-12', assignedOn: '2026-10-02' } }, '2026-10-02', '2026-10-02T02:00:00.000Z'),
  () => report('2026-11-10', '2026-11-10T02:00:00.000Z'),
  () =>
    record(
      { type: 'InspectionLogged', data: { unitId: FGW, inspectionId: 'inspection-1', outcome: 'FAILED', notes: '首页仍有过期信息。', inspectedOn: '2026-11-11', place: '现场', newDueDate: '2026-11-25' } },
      '2026-11-11',
      '2026-11-11T02:00:00.000Z',
    ),
  () => record({ type: 'FindingWithdrawn', data: { findingId: FINDING, reason: '评估机构来函撤回', withdrawnOn: '2026-11-05' } }, '2026-11-05', '2026-11-20T02:00:00.000Z'),
];

function ledgerAfter(count = story.length): RectificationLedger {
  events.length = 0;
  revision = 0;
  story.slice(0, count).forEach((step) => step());
  const ledger = new RectificationLedger({ read: (id) => Promise.resolve(id === stream ? [...events] : []) });
  for (const event of events) ledger.apply(event);
  return ledger;
}

const cut = (asOf: string): TimeCut => ({ asOf, knownAt: null, axes: ['BUSINESS_DAY'] });

describe('a withdrawn finding’s parts are shown as they stood on the withdrawal, its units’ later records apart (breaker11j P3)', () => {
  it('now: 整改中, due 11-12, no report nor inspection — not 已退回 until 11-25', async () => {
    const ledger = ledgerAfter();
    const part = (await ledger.partsAsWithdrawn(ledger.finding(FINDING)!)).get(FGW)!;
    expect(part).toMatchObject({ status: 'ASSIGNED', dueDate: '2026-11-12', reports: [], inspections: [] });
  });

  it('on a past day after the withdrawal, the same', async () => {
    const ledger = ledgerAfter();
    const at = (await ledger.findingAt(FINDING, cut('2026-11-12')))!;
    expect((await ledger.partsAsWithdrawn(at, cut('2026-11-12'))).get(FGW)).toMatchObject({ status: 'ASSIGNED', dueDate: '2026-11-12' });
  });

  it('a report dated before the withdrawal, entered after it, is on the part as it stood', async () => {
    const ledger = ledgerAfter();
    ledger.apply(report('2026-11-03', '2026-11-21T02:00:00.000Z'));
    const part = (await ledger.partsAsWithdrawn(ledger.finding(FINDING)!)).get(FGW)!;
    expect(part.status).toBe('REPORTED');
    expect(part.reports.map((one) => one.reportedOn)).toEqual(['2026-11-03']);
  });

  it('with nothing recorded after the withdrawal, the parts as held, with no read of the stream', async () => {
    const ledger = ledgerAfter(2);
    ledger.apply(record({ type: 'FindingWithdrawn', data: { findingId: FINDING, reason: '评估机构来函撤回', withdrawnOn: '2026-11-05' } }, '2026-11-05', '2026-11-20T02:00:00.000Z'));
    const finding = ledger.finding(FINDING)!;
    expect(await ledger.partsAsWithdrawn(finding)).toBe(finding.partsWhenWithdrawn);
  });

  it('the 整改台账 row: 整改时限 11-12, 状态 已撤销 with the later records named and said not to count, no report or inspection', async () => {
    const ledger = ledgerAfter();
    const table = await ledgerTable({
      findings: [ledger.finding(FINDING)!],
      evaluations: [],
      unitName: () => '青川市发展和改革委员会',
      asOf: '2026-12-01',
      dueSoonDays: 7,
      partsAsWithdrawn: (finding) => ledger.partsAsWithdrawn(finding),
    });
    const [row] = table.rows;
    const cells = Object.fromEntries(table.columns.map((column, index) => [column.header, row!.cells[index]]));
    expect(cells).toMatchObject({
      整改时限: '2026-11-12',
      状态: '已撤销（2026-11-05：评估机构来函撤回）\n撤销后的记录（不计入统计）：2026-11-10 报送整改报告；2026-11-11 现场督查未通过（时限改为 2026-11-25）',
      报告日期: '',
      督查结果: '',
    });
  });
});
