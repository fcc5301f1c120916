import type { RecordedEvent } from '../../event-sourcing/recorded-event.js';
import { StreamsInMemory } from '../../event-sourcing/testing/streams-in-memory.js';
import { buildScorecard, scorecardFromFigures, scorecardFromTallies } from '../../scorecard/scorecard.js';
import { workPlanItemStream, workPlanStream } from '../domain/work-plan.events.js';
import { WorkPlanLedger, withPartsTakenOff } from './work-plan-ledger.js';
import { WorkPlanPartsReadModel } from './work-plan-parts.read-model.js';

/*
 * newcomer49-10 S5: a part a plan change takes off an item (a new version leaving the unit out, removeWorkPlanItemUnit)
 * counts in 单位排名 as a withdrawn item's parts do (breaker11o P4): as it stood on its removal day. Overdue then, it stays
 * due and overdue; due after it, it never becomes due; it stays in the unit's 任务数. Before, it vanished from every figure
 * from the removal day on: a unit three months late was cleared by being left out of the next 调整. The figures kept live
 * (tallies), those of a past day (per-day deltas) and the scorecard built from the items at a cut agree.
 */

const PLAN = 'plan-2026';
const FGW = 'unit-fgw';
const ZJJ = 'unit-zjj';
const ITEMS = { overdue: 'item-overdue', later: 'item-later' } as const;

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

/** The plan (approved 03-01): two items led by 市发改委 with 市住建局 responsible, due 04-30 and 09-30, assigned 03-02. */
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
  for (const [itemId, dueDate] of [[ITEMS.overdue, '2026-04-30'], [ITEMS.later, '2026-09-30']] as const) {
    log
      .add(workPlanItemStream(itemId), 'WorkPlanItemDefined', { itemId, planId: PLAN, categoryCode: '一', code: '1', title: '事项', description: '', dueDate, measures: '' }, '2026-03-01', '2026-03-01T02:00:00.000Z')
      .add(workPlanItemStream(itemId), 'UnitAssigned', { unitId: FGW, role: 'LEAD', dueDate, assignedOn: '2026-03-02' }, '2026-03-02', '2026-03-02T02:00:00.000Z')
      .add(workPlanItemStream(itemId), 'UnitAssigned', { unitId: ZJJ, role: 'RESPONSIBLE', dueDate, assignedOn: '2026-03-02' }, '2026-03-02', '2026-03-02T02:00:00.000Z');
  }
  return log;
}

/** 市住建局 taken off both items on 06-01 (调整分工), recorded on `recordedAt`. */
const removeZjj = (log: Log, recordedAt: string) => {
  for (const itemId of Object.values(ITEMS)) log.add(workPlanItemStream(itemId), 'UnitUnassigned', { unitId: ZJJ, reason: '调整分工', unassignedOn: '2026-06-01' }, '2026-06-01', recordedAt);
  return log;
};

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

const unitName = (unitId: string) => (unitId === FGW ? '青川市发展和改革委员会' : '青川市住房和城乡建设局');
const figuresOf = (scores: ReturnType<typeof buildScorecard>, unitId: string) =>
  scores.filter((score) => score.unitId === unitId).map(({ parts, due, onTime, overdue, returned }) => ({ parts, due, onTime, overdue, returned }));

/** 市住建局's figures on `today`: now (live tallies), on that past day (per-day deltas), and built from the items at that day. */
async function scorecards(log: Log, today: string) {
  const { ledger, itemParts } = await projected(log);
  const cut = { asOf: today, knownAt: null, axes: [] };
  const items = await ledger.itemsAt(cut, ledger.latestRecordedAt);
  const parts = items.flatMap((item) => [...withPartsTakenOff(item, item.parts).values()]);
  await itemParts.refoldPastDays({ captureUnderWay: null }, ledger.latestRecordedAt);
  return {
    now: figuresOf(scorecardFromTallies({ tallies: [itemParts.unitTallies()], unitName, today }), ZJJ),
    pastDay: figuresOf(scorecardFromFigures(itemParts.scoresOn(today, new Map()), unitName), ZJJ),
    built: figuresOf(buildScorecard({ parts, unitName, today }), ZJJ),
  };
}

describe('the scorecard of a part a plan change took off (newcomer49-10 S5)', () => {
  it('before the removal: both parts held, the one due 04-30 overdue', async () => {
    const seen = await scorecards(removeZjj(planLog(), '2026-06-01T02:00:00.000Z'), '2026-05-20');
    expect(seen.pastDay).toEqual([{ parts: 2, due: 1, onTime: 0, overdue: 1, returned: 0 }]);
    expect(seen.built).toEqual(seen.pastDay);
  });

  it.each(['2026-06-02', '2026-12-07'])('on %s, after it: the part overdue on the removal day stays due and overdue; the one due 09-30 never becomes due', async (today) => {
    const seen = await scorecards(removeZjj(planLog(), '2026-06-01T02:00:00.000Z'), today);
    const expected = [{ parts: 2, due: 1, onTime: 0, overdue: 1, returned: 0 }];
    expect(seen.now).toEqual(expected);
    expect(seen.pastDay).toEqual(expected);
    expect(seen.built).toEqual(expected);
  });

  it('a report dated before the removal, entered after it, counts (late): the part is due, not overdue', async () => {
    const log = removeZjj(planLog(), '2026-06-01T02:00:00.000Z');
    log.add(workPlanItemStream(ITEMS.overdue), 'RectificationReported', { unitId: ZJJ, summary: '已整改', evidence: [], reportedOn: '2026-05-10' }, '2026-05-10', '2026-06-03T02:00:00.000Z');
    const seen = await scorecards(log, '2026-12-07');
    const expected = [{ parts: 2, due: 1, onTime: 0, overdue: 0, returned: 0 }];
    expect(seen.now).toEqual(expected);
    expect(seen.pastDay).toEqual(expected);
    expect(seen.built).toEqual(expected);
  });

  it('the unit given a new part on the item after the removal: the new part counts beside the one taken off', async () => {
    const log = removeZjj(planLog(), '2026-06-01T02:00:00.000Z');
    log.add(workPlanItemStream(ITEMS.overdue), 'UnitAssigned', { unitId: ZJJ, role: 'RESPONSIBLE', dueDate: '2026-10-31', assignedOn: '2026-07-01' }, '2026-07-01', '2026-07-01T02:00:00.000Z');
    const seen = await scorecards(log, '2026-08-01');
    const expected = [{ parts: 3, due: 1, onTime: 0, overdue: 1, returned: 0 }];
    expect(seen.now).toEqual(expected);
    expect(seen.pastDay).toEqual(expected);
    expect(seen.built).toEqual(expected);
  });
});
