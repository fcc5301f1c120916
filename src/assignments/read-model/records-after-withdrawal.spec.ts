import type { ConfigService } from '@nestjs/config';
import type { AppSettings } from '../../config/app-settings.js';
import type { RecordedEvent } from '../../event-sourcing/recorded-event.js';
import { StreamsInMemory } from '../../event-sourcing/testing/streams-in-memory.js';
import type { Clock } from '../../shared/clock.js';
import { findingStream } from '../../rectification/domain/finding.events.js';
import { RectificationLedger, type FindingView } from '../../rectification/ledger/rectification-ledger.js';
import { GetWorkPlanItemHandler } from '../../work-plan/breakdown/work-plan.queries.js';
import { WorkPlanLedger } from '../../work-plan/breakdown/work-plan-ledger.js';
import { workPlanItemStream, workPlanStream } from '../../work-plan/domain/work-plan.events.js';
import type { TimeCut } from '../../shared/time-cut.js';
import { assignmentEventSchemas, isUnitRecord } from '../domain/assignment.events.js';
import { applyAssignmentEvent, type PartView } from './part-view.js';
import { recordsAfterWithdrawal } from './records-after-withdrawal.js';

/*
 * breaker11r P2: a 撤回延期申请 (the unit taking back its pending extension request) dated inside days its finding or
 * item was withdrawn — typed before the office entered the withdrawal, then the item listed again by a later version
 * (恢复列入方案) — was counted by the live view only: the item page now showed the request 已撤回, every past day and
 * every knownAt cut 待审批. Every fold sets a unit's record of those days aside (`isUnitRecord`); the list of such
 * records (`recordsAfterWithdrawal`), which tells the live ledger to fold the item again and the withdrawn page what
 * to show apart, left the withdrawal of a request out. Whole kind: every unit record is in that list.
 */

const PLAN = 'plan-2026';
const ITEM = 'item-1';
const FINDING = 'finding-1';
const FGW = 'unit-fgw';
const TODAY = '2026-06-10';

/** A log: each event with its stream's next revision; recorded at noon (China) of `typedOn`. */
class Log {
  readonly events: RecordedEvent[] = [];
  private readonly revisions = new Map<string, number>();

  add(streamId: string, type: string, data: object, occurredOn: string, typedOn: string): this {
    const revision = this.revisions.get(streamId) ?? 0;
    this.revisions.set(streamId, revision + 1);
    const position = BigInt(this.events.length + 1);
    const recordedAt = `${typedOn}T04:00:${String(this.events.length % 60).padStart(2, '0')}.000Z`;
    this.events.push({ id: `event-${position}`, streamId, revision, position: { commit: position, prepare: position }, type, data, occurredOn, metadata: { recordedAt, actorId: 'u', actorRole: 'SUPERVISOR', actorUnitId: null } } as unknown as RecordedEvent);
    return this;
  }
}

const REQUEST = { unitId: FGW, requestId: 'r1', requestedDueDate: '2026-10-31', reason: '需会签', requestedOn: '2026-04-20' };
const TAKEN_BACK = { unitId: FGW, requestId: 'r1', reason: '时限填错', withdrawnOn: '2026-05-10' };
const LINE = '2026-05-10 撤回延期申请（2026-04-20 申请延期至 2026-10-31）';

describe('every unit record dated on or after a withdrawal is listed apart (breaker11r P2: the kind)', () => {
  it('given one record of each kind the folds set aside, dated after the withdrawal: one line each, 撤回延期申请 included', () => {
    const log = new Log();
    const part = (type: string, data: object, on: string) => log.add('s', type, { unitId: FGW, ...data }, on, on);
    part('UnitAssigned', { role: 'LEAD', dueDate: '2026-09-30', assignedOn: '2026-03-02' }, '2026-03-02');
    part('ExtensionRequested', { requestId: 'r1', requestedDueDate: '2026-10-31', reason: '需会签', requestedOn: '2026-05-02' }, '2026-05-02');
    part('ExtensionGranted', { requestId: 'r1', newDueDate: '2026-10-31', decidedOn: '2026-05-03' }, '2026-05-03');
    part('ExtensionRequested', { requestId: 'r2', requestedDueDate: '2026-11-30', reason: '需会签', requestedOn: '2026-05-04' }, '2026-05-04');
    part('ExtensionRefused', { requestId: 'r2', reason: '不同意', decidedOn: '2026-05-05' }, '2026-05-05');
    part('ExtensionRequested', { requestId: 'r3', requestedDueDate: '2026-11-30', reason: '需会签', requestedOn: '2026-05-06' }, '2026-05-06');
    part('ExtensionRequestWithdrawn', { requestId: 'r3', reason: '时限填错', withdrawnOn: '2026-05-07' }, '2026-05-07');
    part('UnitUrged', { message: '请抓紧', urgedOn: '2026-05-08' }, '2026-05-08');
    part('RectificationReported', { summary: '已整改', evidence: [], reportedOn: '2026-05-11' }, '2026-05-11');
    part('ReportSentBack', { reason: '材料不全', sentBackOn: '2026-05-12' }, '2026-05-12');
    part('RectificationReported', { summary: '已补充', evidence: [], reportedOn: '2026-05-13' }, '2026-05-13');
    part('InspectionLogged', { inspectionId: 'i1', outcome: 'FAILED', notes: '未到位', inspectedOn: '2026-05-14', place: '现场', newDueDate: '2026-11-15' }, '2026-05-14');
    const parts = new Map<string, PartView>();
    for (const event of log.events) applyAssignmentEvent(parts, event as never);
    const records = log.events.filter(isUnitRecord);
    // A new kind of unit record must be told here (and listed) too.
    expect(new Set(records.map((event) => event.type))).toEqual(new Set(Object.keys(assignmentEventSchemas).filter((type) => isUnitRecord({ type }))));
    expect(recordsAfterWithdrawal(parts.get(FGW)!, '2026-05-01')).toEqual([
      '2026-05-02 申请延期至 2026-10-31',
      '2026-05-03 延期获批（时限改为 2026-10-31）',
      '2026-05-04 申请延期至 2026-11-30',
      '2026-05-05 延期未获批准',
      '2026-05-06 申请延期至 2026-11-30',
      '2026-05-07 撤回延期申请（2026-05-06 申请延期至 2026-11-30）',
      '2026-05-08 催办',
      '2026-05-11 报送整改报告',
      '2026-05-12 退办',
      '2026-05-13 报送整改报告',
      '2026-05-14 现场督查未通过（时限改为 2026-11-15）',
    ]);
    expect(records).toHaveLength(11);
    // Dated before the withdrawal: none is listed.
    expect(recordsAfterWithdrawal(parts.get(FGW)!, '2026-05-15')).toEqual([]);
  });
});

/** The plan (approved 03-01), item 1 of 市发改委 due 09-30 (assigned 03-02), a request of 04-20; then `rest`. */
function itemLog(): Log {
  const item = workPlanItemStream(ITEM);
  return new Log()
    .add(workPlanStream(PLAN), 'WorkPlanImported', { planId: PLAN, title: '2026年政务公开工作要点', year: 2026, categories: [{ code: '一', title: '推进五公开', items: [{ itemId: ITEM, code: '1', title: '公开重大决策草案' }] }], source: { fileName: 'plan.xlsx', sha256: 'a'.repeat(64) }, approvedOn: '2026-03-01' }, '2026-03-01', '2026-03-01')
    .add(item, 'WorkPlanItemDefined', { itemId: ITEM, planId: PLAN, categoryCode: '一', code: '1', title: '公开重大决策草案', description: '', dueDate: '2026-09-30', measures: '' }, '2026-03-01', '2026-03-01')
    .add(item, 'UnitAssigned', { unitId: FGW, role: 'LEAD', dueDate: '2026-09-30', assignedOn: '2026-03-02' }, '2026-03-02', '2026-03-02')
    .add(item, 'ExtensionRequested', REQUEST, '2026-04-20', '2026-04-20');
}

const clock: Clock = { now: () => new Date(`${TODAY}T04:00:00.000Z`) };
const config = { get: () => 7 } as unknown as ConfigService<AppSettings, true>;

/** What the item page shows of the request and the records apart, as the API answers `workPlanItem(id, asOf, knownAt)`. */
async function itemPage(ledger: WorkPlanLedger, travel: { asOf?: string; knownAt?: string }) {
  const item = await new GetWorkPlanItemHandler(ledger, clock, config).execute({ itemId: ITEM, travel } as never);
  return {
    status: item.status,
    parts: item.parts.map((part: PartView & { recordsAfterWithdrawal?: readonly string[]; recordsSetAside?: readonly string[] }) => ({
      requests: part.extensionRequests.map((request) => `${request.requestId} ${request.status}`),
      after: part.recordsAfterWithdrawal ?? [],
      setAside: part.recordsSetAside ?? [],
    })),
  };
}

/** The ledger fed `events` as the engine feeds it (each event, then `settle`). */
async function projected(events: readonly RecordedEvent[]): Promise<WorkPlanLedger> {
  const streams = new StreamsInMemory();
  const ledger = new WorkPlanLedger(streams);
  for (const event of events) {
    streams.apply(event);
    ledger.apply(event);
    await ledger.settle();
  }
  return ledger;
}

describe('a 撤回延期申请 dated while the item was out of the plan, typed before the withdrawal, the item listed again (breaker11r P2)', () => {
  /** The unit takes the request back on 05-10; the withdrawal of 05-01 is typed on 05-20; the version of 06-01 lists the item again. */
  const typed = () =>
    itemLog()
      .add(workPlanItemStream(ITEM), 'ExtensionRequestWithdrawn', TAKEN_BACK, '2026-05-10', '2026-05-10')
      .add(workPlanItemStream(ITEM), 'WorkPlanItemWithdrawn', { itemId: ITEM, reason: '依据第二版方案调整', withdrawnOn: '2026-05-01' }, '2026-05-01', '2026-05-20')
      .add(workPlanItemStream(ITEM), 'WorkPlanItemReinstated', { itemId: ITEM, reason: '依据第三版方案', reinstatedOn: '2026-06-01' }, '2026-06-01', '2026-06-01');

  it('now: the request still awaits its decision (the withdrawal counts nowhere), the withdrawal listed apart with the span', async () => {
    const ledger = await projected(typed().events);
    expect(await itemPage(ledger, {})).toEqual({
      status: 'OPEN',
      parts: [{ requests: ['r1 PENDING'], after: [], setAside: [`${LINE}（该事项 2026-05-01 撤销：依据第二版方案调整；2026-06-01 起恢复列入方案，其间的记录不计入统计）`] }],
    });
  });

  it.each(['2026-04-30', '2026-05-05', '2026-05-15', '2026-06-05', TODAY])('as of %s: the page now and at the cut agree on every knownAt', async (asOf) => {
    const log = typed();
    for (let known = 3; known <= log.events.length; known += 1) {
      const knownAt = log.events[known - 1]!.metadata.recordedAt;
      // The ledger as it stood when the `known`-th event was entered, read on the day; and the whole log read at that instant.
      const then = await projected(log.events.slice(0, known));
      const cut = await projected(log.events);
      expect({ known, page: await itemPage(cut, { asOf, knownAt }) }).toEqual({ known, page: await itemPage(then, { asOf: asOf === TODAY ? undefined : asOf }) });
    }
  });

  it('as of a day inside the withdrawn days: withdrawn, the request as it stood (pending), the withdrawal of 05-10 apart once it happened', async () => {
    const ledger = await projected(typed().events);
    expect(await itemPage(ledger, { asOf: '2026-05-05' })).toEqual({ status: 'WITHDRAWN', parts: [{ requests: ['r1 PENDING'], after: [], setAside: [] }] });
    expect(await itemPage(ledger, { asOf: '2026-05-15' })).toEqual({ status: 'WITHDRAWN', parts: [{ requests: ['r1 PENDING'], after: [LINE], setAside: [] }] });
  });

  it('withdrawn again on an earlier day, typed later (the first withdrawal set aside): withdrawn on that day, now and at every cut (walk seed 35)', async () => {
    // The item still withdrawn (no version listed it again): its page shows the part as it stood, the later records apart.
    const log = itemLog()
      .add(workPlanItemStream(ITEM), 'ExtensionRequestWithdrawn', TAKEN_BACK, '2026-05-10', '2026-05-10')
      .add(workPlanItemStream(ITEM), 'WorkPlanItemWithdrawn', { itemId: ITEM, reason: '依据第二版方案调整', withdrawnOn: '2026-05-01' }, '2026-05-01', '2026-05-20')
      .add(workPlanItemStream(ITEM), 'ExtensionRequestWithdrawn', { ...TAKEN_BACK, withdrawnOn: '2026-04-25' }, '2026-04-25', '2026-06-05');
    const ledger = await projected(log.events);
    const now = await itemPage(ledger, {});
    expect(now).toEqual({ status: 'WITHDRAWN', parts: [{ requests: ['r1 WITHDRAWN'], after: [], setAside: [] }] });
    expect(await itemPage(ledger, { asOf: TODAY, knownAt: '2099-01-01T00:00:00+08:00' })).toEqual(now);
    expect(await itemPage(ledger, { asOf: '2026-06-09' })).toEqual(now);
    const withdrawnOn = async (travel: { asOf?: string; knownAt?: string }) => {
      const item = await new GetWorkPlanItemHandler(ledger, clock, config).execute({ itemId: ITEM, travel } as never);
      return (item.parts[0] as PartView).extensionRequests[0]!.withdrawnOn;
    };
    expect(await withdrawnOn({})).toBe('2026-04-25');
    expect(await withdrawnOn({ asOf: '2026-06-09' })).toBe('2026-04-25');
  });

  it('known before the office entered the withdrawal (05-19): the request was withdrawn, as the unit had said', async () => {
    const ledger = await projected(typed().events);
    expect(await itemPage(ledger, { knownAt: '2026-05-19T12:00:00+08:00' })).toEqual({ status: 'OPEN', parts: [{ requests: ['r1 WITHDRAWN'], after: [], setAside: [] }] });
  });
});

/** A finding of 市发改委 (identified 04-01, assigned 04-02, due 09-30) with a request of 04-20. */
function findingLog(): Log {
  const stream = findingStream(FINDING);
  return new Log()
    .add('evaluation-e', 'EvaluationRegistered', { evaluationId: 'e' }, '2026-04-01', '2026-04-01')
    .add(stream, 'FindingRecorded', { findingId: FINDING, evaluationId: 'e', title: '政策解读不到位', description: '', category: '主动公开', severity: 'HIGH', concernedUnitIds: [], identifiedOn: '2026-04-01', measures: '' }, '2026-04-01', '2026-04-01')
    .add(stream, 'UnitAssigned', { unitId: FGW, role: 'LEAD', dueDate: '2026-09-30', assignedOn: '2026-04-02' }, '2026-04-02', '2026-04-02')
    .add(stream, 'ExtensionRequested', REQUEST, '2026-04-20', '2026-04-20')
    .add(stream, 'ExtensionRequestWithdrawn', TAKEN_BACK, '2026-05-10', '2026-05-10')
    .add(stream, 'FindingWithdrawn', { findingId: FINDING, reason: '评估机构来函撤回', withdrawnOn: '2026-05-01' }, '2026-05-01', '2026-05-20');
}

/** The finding page's parts as the API answers `finding(id, asOf, knownAt) { assignments }`: a withdrawn finding's as they stood. */
async function findingPage(ledger: RectificationLedger, cut?: TimeCut) {
  const finding = (cut ? await ledger.findingAt(FINDING, cut) : ledger.finding(FINDING)) as FindingView;
  const held = finding.status === 'WITHDRAWN' ? await ledger.partsAsWithdrawn(finding, cut) : finding.parts;
  return {
    status: finding.status,
    parts: [...held.values()].map((part) => ({
      requests: part.extensionRequests.map((request) => `${request.requestId} ${request.status}`),
      after: finding.withdrawnOn ? recordsAfterWithdrawal(finding.partsWhenWithdrawn?.get(part.unitId) ?? part, finding.withdrawnOn) : [],
    })),
  };
}

function findingLedger(log: Log): RectificationLedger {
  const streams = new StreamsInMemory();
  const ledger = new RectificationLedger(streams);
  for (const event of log.events) {
    streams.apply(event);
    ledger.apply(event);
  }
  return ledger;
}

describe('a 撤回延期申请 dated after a finding’s withdrawal, typed before it, then the withdrawal taken back (撤销有误) (breaker11r P2)', () => {
  const cut = (asOf: string): TimeCut => ({ asOf, knownAt: null, axes: ['BUSINESS_DAY'] });

  it('withdrawn: the request as it stood on the withdrawal (pending), the withdrawal of 05-10 apart — now and as of a day after it alike', async () => {
    const ledger = findingLedger(findingLog());
    const expected = { status: 'WITHDRAWN', parts: [{ requests: ['r1 PENDING'], after: [LINE] }] };
    expect(await findingPage(ledger)).toEqual(expected);
    expect(await findingPage(ledger, cut('2026-05-15'))).toEqual(expected);
    expect(await findingPage(ledger, cut(TODAY))).toEqual(expected);
  });

  it('taken back (撤销有误): the withdrawal of the request counts from 05-10, now, as of any day and at the cut', async () => {
    const log = findingLog().add(findingStream(FINDING), 'FindingWithdrawalUndone', { findingId: FINDING, withdrawnOn: '2026-05-01', reason: '撤销录入有误', byVerification: false }, '2026-05-01', '2026-06-01');
    const ledger = findingLedger(log);
    const back = { status: 'OPEN', parts: [{ requests: ['r1 WITHDRAWN'], after: [] }] };
    expect(await findingPage(ledger)).toEqual(back);
    expect(await findingPage(ledger, cut(TODAY))).toEqual(back);
    expect(await findingPage(ledger, { asOf: TODAY, knownAt: '2099-01-01T00:00:00.000Z', axes: ['RECORD_TIME'] })).toEqual(back);
    expect(await findingPage(ledger, cut('2026-05-09'))).toEqual({ status: 'OPEN', parts: [{ requests: ['r1 PENDING'], after: [] }] });
  });
});
