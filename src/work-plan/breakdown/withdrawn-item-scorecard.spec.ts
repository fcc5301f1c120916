import type { RecordedEvent } from '../../event-sourcing/recorded-event.js';
import { StreamsInMemory } from '../../event-sourcing/testing/streams-in-memory.js';
import { buildScorecard, scorecardFromTallies } from '../../scorecard/scorecard.js';
import { workPlanItemStream, workPlanStream } from '../domain/work-plan.events.js';
import { WorkPlanLedger, withPartsTakenOff } from './work-plan-ledger.js';
import { WorkPlanPartsReadModel } from './work-plan-parts.read-model.js';

/*
 * breaker11o P4: the scorecard of a withdrawn work-plan item. Its parts count as they stood on the withdrawal
 * (records dated on or after it — made before the office knew of it — count nowhere) and their lateness is
 * judged on that day: the figures kept live (the parts read model's tallies) and those of any past day
 * (`buildScorecard` over the items at the cut, withdrawn ones as they stood) agree, whatever the typing order.
 */

const PLAN = 'plan-2026';
const FGW = 'unit-fgw';
const ITEMS = { late: 'item-late', overdue: 'item-overdue', inPlan: 'item-in-plan' } as const;

/** A log under construction: each event gets its stream's next revision and the next global position. */
class Log {
  readonly events: RecordedEvent[] = [];
  private readonly revisions = new Map<string, number>();

  add(streamId: string, type: string, data: object, occurredOn: string, recordedAt: string): this {
    const revision = this.revisions.get(streamId) ?? 0;
    this.revisions.set(streamId, revision + 1);
    const position = BigInt(this.events.length + 1);
    this.events.push({ id: `event-${position}`, streamId, revision, position: { commit: position, prepare: position }, type, data, occurredOn, metadata: { recordedAt, actorId: 'supervisor', actorRole: 'SUPERVISOR', actorUnitId: null } } as unknown as RecordedEvent);
    return this;
  }
}

/** The plan (approved 03-01) with three items of 市发改委: due 09-30, 04-30 and 09-30. */
function planLog(): Log {
  const log = new Log().add(
    workPlanStream(PLAN),
    'WorkPlanImported',
    {
      planId: PLAN,
      title: '2026年政务公开工作要点分解方案',
      year: 2026,
      categories: [{ code: '一', title: '推进五公开', items: Object.values(ITEMS).map((itemId, index) => ({ itemId, code: String(index + 1), title: `事项${index + 1}` })) }],
      source: { fileName: 'plan.xlsx', sha256: 'a'.repeat(64) },
      approvedOn: '2026-03-01',
    },
    '2026-03-01',
    '2026-03-01T02:00:00.000Z',
  );
  for (const [itemId, dueDate] of [[ITEMS.late, '2026-09-30'], [ITEMS.overdue, '2026-04-30'], [ITEMS.inPlan, '2026-09-30']] as const) {
    log
      .add(workPlanItemStream(itemId), 'WorkPlanItemDefined', { itemId, planId: PLAN, categoryCode: '一', code: '1', title: '事项', description: '', dueDate, measures: '' }, '2026-03-01', '2026-03-01T02:00:00.000Z')
      .add(workPlanItemStream(itemId), 'UnitAssigned', { unitId: FGW, role: 'LEAD', dueDate, assignedOn: '2026-03-02' }, '2026-03-02', '2026-03-02T02:00:00.000Z');
  }
  return log;
}

const report = (log: Log, itemId: string, reportedOn: string, recordedAt: string) =>
  log.add(workPlanItemStream(itemId), 'RectificationReported', { unitId: FGW, summary: '已整改', evidence: [], reportedOn }, reportedOn, recordedAt);
const withdraw = (log: Log, itemId: string, recordedAt: string) =>
  log.add(workPlanItemStream(itemId), 'WorkPlanItemWithdrawn', { itemId, reason: '依据第二版方案调整', withdrawnOn: '2026-05-01' }, '2026-05-01', recordedAt);

/** Projects the log as the engine does (each event, then the read models' `settle`); answers the ledger and the parts read model. */
async function projected(log: Log) {
  const streams = new StreamsInMemory();
  const ledger = new WorkPlanLedger(streams);
  const itemParts = new WorkPlanPartsReadModel(ledger);
  for (const event of log.events) {
    for (const readModel of [streams, ledger, itemParts]) readModel.apply(event);
    await ledger.settle();
    itemParts.settle();
  }
  return { ledger, itemParts };
}

const unitName = () => '青川市发展和改革委员会';
const figures = (scores: ReturnType<typeof buildScorecard>) => scores.map(({ parts, due, onTime, overdue, returned }) => ({ parts, due, onTime, overdue, returned }));

/** The scorecard now (the live tallies) and on `today` as the query of a past day makes it (items at the cut, withdrawn ones as they stood). */
async function scorecards(log: Log, today: string) {
  const { ledger, itemParts } = await projected(log);
  const cut = { asOf: today, knownAt: null, axes: [] };
  const items = await ledger.itemsAt(cut, ledger.latestRecordedAt);
  const stood = await ledger.withdrawnAsTheyStood(items.map((item) => item.itemId), (itemId) => items.find((item) => item.itemId === itemId), cut);
  const parts = items.flatMap((item) => [...withPartsTakenOff(item, (stood.get(item.itemId) ?? item).parts).values()]);
  return { now: figures(scorecardFromTallies({ tallies: [itemParts.unitTallies()], unitName, today })), asOf: figures(buildScorecard({ parts, unitName, today })) };
}

describe('the scorecard of a withdrawn work-plan item (breaker11o P4)', () => {
  describe('given a report dated after the withdrawal of 05-01, typed before it (the unit did not know)', () => {
    const typed = () => {
      const log = planLog();
      report(log, ITEMS.late, '2026-05-10', '2026-05-10T02:00:00.000Z');
      report(log, ITEMS.inPlan, '2026-05-02', '2026-05-02T02:00:00.000Z');
      withdraw(log, ITEMS.late, '2026-05-20T02:00:00.000Z');
      withdraw(log, ITEMS.overdue, '2026-05-20T02:00:00.000Z');
      return log;
    };
    /** The same facts in date order: the report of 05-10 is refused (the item is out of the plan), so never recorded. */
    const inDateOrder = () => {
      const log = planLog();
      withdraw(log, ITEMS.late, '2026-05-01T02:00:00.000Z');
      withdraw(log, ITEMS.overdue, '2026-05-01T02:00:00.000Z');
      report(log, ITEMS.inPlan, '2026-05-02', '2026-05-02T02:00:00.000Z');
      return log;
    };

    it.each(['2026-05-15', '2026-10-10'])('on %s, the report counts nowhere: now, as of that day and in date order the same figures', async (today) => {
      const seen = await scorecards(typed(), today);
      const expected = await scorecards(inDateOrder(), today);
      // Three parts; due: the one reported in the plan (on time) and the one overdue when withdrawn — not the part due 09-30, withdrawn before.
      expect(seen.now).toEqual([{ parts: 3, due: 2, onTime: 1, overdue: 1, returned: 0 }]);
      expect(seen.asOf).toEqual(seen.now);
      expect(expected).toEqual(seen);
    });

    it('then a report dated before the withdrawal, entered after it, counts on time now and on every later day', async () => {
      const log = typed();
      report(log, ITEMS.overdue, '2026-04-28', '2026-05-21T02:00:00.000Z');
      const seen = await scorecards(log, '2026-10-10');
      expect(seen.now).toEqual([{ parts: 3, due: 2, onTime: 2, overdue: 0, returned: 0 }]);
      expect(seen.asOf).toEqual(seen.now);
    });

    it('then the withdrawal taken back (撤销有误): the report counts again, as for an item never withdrawn', async () => {
      const log = typed();
      log.add(workPlanItemStream(ITEMS.late), 'WorkPlanItemWithdrawalUndone', { itemId: ITEMS.late, withdrawnOn: '2026-05-01', reason: '撤销录入有误' }, '2026-05-01', '2026-05-22T02:00:00.000Z');
      const seen = await scorecards(log, '2026-10-10');
      expect(seen.now).toEqual([{ parts: 3, due: 3, onTime: 2, overdue: 1, returned: 0 }]);
      expect(seen.asOf).toEqual(seen.now);
    });
  });
});
