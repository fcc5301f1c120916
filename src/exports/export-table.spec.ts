import type { FindingView } from '../rectification/ledger/rectification-ledger.js';
import { slicer } from '../shared/event-loop-turns.js';
import { ledgerTable } from './export-table.js';

/* breaker12c P9: the whole platform's ledger (~18k rows at 100k events) was built in one go on the event loop. */

describe('the 整改台账 rows', () => {
  it('are built a slice at a time: other work runs between slices, and the rows are those of one go', async () => {
    let otherWorkRan = false;
    const seen: boolean[] = [];
    const findings = Array.from(
      { length: 5 },
      (_, index) =>
        ({
          findingId: `f${index}`,
          evaluationId: 'e1',
          get title() {
            seen.push(otherWorkRan);
            return `问题${index + 1}`;
          },
          category: '主动公开',
          measures: '',
          status: 'OPEN',
          parts: new Map(),
        }) as unknown as FindingView,
    );
    const source = { findings, evaluations: [], unitName: (unitId: string) => unitId, asOf: '2026-06-30', dueSoonDays: 7 };
    setImmediate(() => (otherWorkRan = true));
    // A clock that moves 5 ms a look: every slice is over at once.
    let now = 0;
    const sliced = await ledgerTable(source, slicer(4, () => (now += 5)));
    expect(seen.at(-1)).toBe(true);
    expect(sliced).toEqual(await ledgerTable(source, async () => undefined));
    expect(sliced.rows.map((row) => row.cells[2])).toEqual(['问题1', '问题2', '问题3', '问题4', '问题5']);
  });
});

describe('a unit’s own 整改台账 (newcomer22 S3)', () => {
  const part = (unitId: string) => [unitId, { unitId, role: 'LEAD', status: 'ASSIGNED', dueDate: '2026-12-31', originalDueDate: '2026-12-31', dueDates: [{ on: '2026-11-01', dueDate: '2026-12-31', source: 'assigned' }], heldBefore: [], passedOn: [], terms: { kind: 'BY_DATE' }, assignedOn: '2026-11-01', reports: [], inspections: [], returns: [], urges: [], extensionRequests: [] }] as const;
  const finding = { findingId: 'f1', evaluationId: 'e1', title: '年报发布滞后', category: '年度报告', measures: '', status: 'OPEN', parts: new Map([part('czj'), part('fgw')]) } as unknown as FindingView;
  const names: Record<string, string> = { czj: '青川市财政局', fgw: '青川市发展和改革委员会' };
  const source = { findings: [finding], evaluations: [{ evaluationId: 'e1', title: '2026年度评估' }] as never, unitName: (unitId: string) => names[unitId] ?? unitId, asOf: '2026-12-02', dueSoonDays: 7 };

  it('holds its rows only and says whose they are in its title and name; the office’s names no unit', async () => {
    const own = await ledgerTable({ ...source, unitId: 'czj' }, async () => undefined);
    expect(own.rows.map((row) => row.cells[8])).toEqual(['青川市财政局']);
    expect(own.title).toBe('整改台账（青川市财政局的任务，截至 2026-12-02，含事后补录的记录）');
    expect(own.unitName).toBe('青川市财政局');
    const office = await ledgerTable(source, async () => undefined);
    expect(office.rows.map((row) => row.cells[8])).toEqual(['青川市财政局', '青川市发展和改革委员会']);
    expect(office.title).toBe('整改台账（截至 2026-12-02，含事后补录的记录）');
    expect(office.unitName).toBeUndefined();
  });
});

describe('a report or 退办 whose day was corrected reads its day as entered in the 台账 (newcomer51-8 M4)', () => {
  const part = {
    unitId: 'mzj',
    role: 'LEAD',
    status: 'REPORTED',
    dueDate: '2016-06-15',
    originalDueDate: '2016-05-31',
    dueDates: [
      { on: '2016-04-26', dueDate: '2016-05-31', source: 'assigned' },
      { on: '2016-05-27', dueDate: '2016-06-15', source: 'sent-back', byReturn: true, at: '2026-12-07T01:00:00.000Z' },
    ],
    heldBefore: [],
    passedOn: [],
    terms: { kind: 'BY_DATE' },
    assignedOn: '2016-04-26',
    reports: [
      { summary: '已补充', evidence: [], reportedOn: '2016-05-25', reportedAt: '2026-12-07T00:59:00.000Z', reportedBy: 'u' },
      { summary: '已补充收费依据', evidence: [], reportedOn: '2016-06-10', reportedAt: '2026-12-07T01:01:00.000Z', reportedBy: 'u', reportedOnAsEntered: '2016-06-11' },
    ],
    inspections: [],
    returns: [{ cause: 'SENT_BACK', reason: '缺少收费依据文件', returnedOn: '2016-05-27', returnedAt: '2026-12-07T01:00:00.000Z', newDueDate: '2016-06-15', returnedOnAsEntered: '2016-05-28' }],
    urges: [],
    extensionRequests: [],
  };
  const finding = { findingId: 'f2', evaluationId: 'e1', title: '教育收费信息未按时公开', category: '主动公开', measures: '', status: 'OPEN', parts: new Map([['mzj', part]]) } as unknown as FindingView;
  const source = { findings: [finding], evaluations: [], unitName: () => '青川市教育局', asOf: '2016-06-30', dueSoonDays: 7 };

  it('报告日期 「2016-06-10（原录 2016-06-11）」 and 退回情况 「退办（2016-05-27，原录 2016-05-28）…」, as the page reads', async () => {
    const { rows, columns } = await ledgerTable(source, async () => undefined);
    const cell = (header: string) => rows[0]!.cells[columns.findIndex((column) => column.header === header)];
    expect(cell('报告日期')).toBe('2016-06-10（原录 2016-06-11）');
    expect(cell('退回情况')).toBe('退办（2016-05-27，原录 2016-05-28）：缺少收费依据文件；时限由 2016-05-31 改为 2016-06-15');
  });
});

describe('a due date moved by a granted extension reads in 退回情况 as a return’s does (newcomer55-8 M1)', () => {
  const part = {
    unitId: 'czj', role: 'RESPONSIBLE', status: 'VERIFIED', dueDate: '2019-06-20', originalDueDate: '2019-05-31', verifiedOn: '2019-06-25',
    dueDates: [
      { on: '2019-03-25', dueDate: '2019-05-31', source: 'assigned' },
      { on: '2019-05-17', dueDate: '2019-06-20', source: 'extension-1', at: '2026-12-07T02:00:00.000Z' },
      { on: '2019-06-22', dueDate: '2019-07-10', source: 'sent-back', byReturn: true, at: '2026-12-07T03:00:00.000Z' },
    ],
    heldBefore: [], passedOn: [], terms: { kind: 'BY_DATE' }, assignedOn: '2019-03-25',
    reports: [{ summary: '已公开2018年预算', evidence: [], reportedOn: '2019-06-18', reportedAt: '2026-12-07T02:30:00.000Z', reportedBy: 'u' }],
    inspections: [],
    returns: [{ cause: 'SENT_BACK', reason: '缺少附件', returnedOn: '2019-06-22', returnedAt: '2026-12-07T03:00:00.000Z', newDueDate: '2019-07-10' }],
    urges: [],
    extensionRequests: [
      { requestId: 'extension-1', requestedDueDate: '2019-06-20', reason: '数据待汇总', requestedOn: '2019-05-15', requestedAt: '2026-12-07T01:50:00.000Z', status: 'GRANTED', decidedOn: '2019-05-17', decidedAt: '2026-12-07T02:00:00.000Z', decisionReason: '同意', grantedDueDate: '2019-06-20', withdrawnOn: null, withdrawnAt: null, withdrawalReason: null },
      { requestId: 'extension-2', requestedDueDate: '2019-08-31', reason: '再延', requestedOn: '2019-07-01', requestedAt: '2026-12-07T04:00:00.000Z', status: 'REFUSED', decidedOn: '2019-07-02', decidedAt: '2026-12-07T04:10:00.000Z', decisionReason: '不同意', grantedDueDate: null, withdrawnOn: null, withdrawnAt: null, withdrawalReason: null },
    ],
  };
  const finding = { findingId: 'f2', evaluationId: 'e1', title: '财政预决算公开不全', category: '主动公开', measures: '', status: 'OPEN', parts: new Map([['czj', part]]) } as unknown as FindingView;
  const source = { findings: [finding], evaluations: [], unitName: () => '青川市财政局', asOf: '2019-12-31', dueSoonDays: 7 };

  it('「批准延期（2019-05-17）：时限由 2019-05-31 改为 2019-06-20」 in date order with the returns; a refusal moves nothing and is not listed', async () => {
    const { rows, columns } = await ledgerTable(source, async () => undefined);
    const cell = (header: string) => rows[0]!.cells[columns.findIndex((column) => column.header === header)];
    expect(cell('退回情况')).toBe('批准延期（2019-05-17）：时限由 2019-05-31 改为 2019-06-20\n退办（2019-06-22）：缺少附件；时限由 2019-06-20 改为 2019-07-10');
  });
});

describe('a pass whose day alone was corrected: its notes read 督查情况, not （原录） (newcomer53-8 M3)', () => {
  const correction = (previousOutcome: string, outcome: string) => ({
    reason: '督查记录表日期为6月5日', correctedOn: '2026-12-07', correctedAt: '2026-12-07T08:03:00.000Z', correctedBy: 'u', correctedByRole: 'SUPERVISOR',
    previousOutcome, outcome, previousInspectedOn: '2016-06-15', inspectedOn: '2016-06-05',
  });
  const cellWith = async (corrections: object[]) => {
    const part = {
      unitId: 'czj', role: 'LEAD', status: 'VERIFIED', dueDate: '2016-06-30', originalDueDate: '2016-06-30', dueDates: [{ on: '2016-04-26', dueDate: '2016-06-30', source: 'assigned' }],
      heldBefore: [], passedOn: [], terms: { kind: 'BY_DATE' }, assignedOn: '2016-04-26', verifiedOn: '2016-06-05',
      reports: [{ summary: '已整改', evidence: [], reportedOn: '2016-06-01', reportedAt: '2026-12-07T01:00:00.000Z', reportedBy: 'u' }],
      inspections: [{ inspectionId: 'i1', outcome: 'PASSED', notes: '已整改到位', corrections, inspectedOn: '2016-06-05', place: '现场', inspectorId: 'u', loggedAt: '2026-12-07T01:01:00.000Z' }],
      returns: [], urges: [], extensionRequests: [],
    };
    const finding = { findingId: 'f1', evaluationId: 'e1', title: '财政预算未公开', category: '主动公开', measures: '', status: 'CLOSED', closedOn: '2016-06-05', parts: new Map([['czj', part]]) } as unknown as FindingView;
    const { rows, columns } = await ledgerTable({ findings: [finding], evaluations: [], unitName: () => '青川市财政局', asOf: '2016-06-30', dueSoonDays: 7 }, async () => undefined);
    return rows[0]!.cells[columns.findIndex((column) => column.header === '督查结果')] as string;
  };

  it('the day corrected, the outcome as entered: 「督查情况：…」', async () => {
    expect((await cellWith([correction('PASSED', 'PASSED')])).split('\n')[1]).toBe('督查情况：已整改到位');
  });

  it('the outcome corrected: 「督查情况（原录）：…」, as before', async () => {
    expect((await cellWith([correction('FAILED', 'PASSED')])).split('\n')[1]).toBe('督查情况（原录）：已整改到位');
  });
});
