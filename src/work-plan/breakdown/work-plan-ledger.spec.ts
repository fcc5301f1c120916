import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TimelineEntry } from '../../assignments/read-model/timeline.js';
import type { RecordedEvent } from '../../event-sourcing/recorded-event.js';
import { StreamsInMemory } from '../../event-sourcing/testing/streams-in-memory.js';
import { datedDefinition, itemAt, keptOutline, WorkPlanLedger } from './work-plan-ledger.js';

/*
 * breaker8b N4 / breaker11c F11: an item added to the plan mid-year (typed in on 2026-11-30, taken
 * in on 2016-05-05) is not in the plan of an earlier day, and its history dates 列入工作方案 on the
 * day the plan took it in, before its units' assignment, whenever it was typed in.
 */
const TYPED_IN = '2026-11-30T02:00:00.000Z';
let revision = 0;
const entry = (type: string, occurredOn: string, data: Record<string, unknown>, recordedAt = TYPED_IN): TimelineEntry => {
  revision += 1;
  return { type, data, id: `e-${revision}`, revision, occurredOn, metadata: { recordedAt, actorId: 'u', actorRole: 'SUPERVISOR', actorUnitId: null } } as unknown as TimelineEntry;
};
const defined = entry('WorkPlanItemDefined', '2026-11-30', { itemId: 'item-5', planId: 'plan', categoryCode: '一', code: '5', title: '新增事项', description: '', dueDate: '2016-09-30', measures: '' });
const assigned = entry('UnitAssigned', '2016-05-05', { unitId: 'unit-a', role: 'LEAD', dueDate: '2016-09-30', assignedOn: '2016-05-05' });
const reported = entry('RectificationReported', '2016-06-01', { unitId: 'unit-a', summary: '已办', evidence: [], reportedOn: '2016-06-01' }, '2026-11-30T03:00:00.000Z');
const timeline = [defined, assigned, reported];
const cut = (asOf: string) => ({ asOf, knownAt: null, axes: ['BUSINESS_DAY' as const] });

describe('an item added mid-year exists from the day the plan took it in', () => {
  it('is not in the plan before that day, and is from it on', () => {
    expect(itemAt(timeline, cut('2016-05-01'))).toBeUndefined();
    expect(itemAt(timeline, cut('2016-05-04'))).toBeUndefined();
    expect(itemAt(timeline, cut('2016-05-05'))).toMatchObject({ code: '5', status: 'OPEN' });
  });

  it('dates its definition (列入工作方案) on that day in the history, first, as of any later day and now', () => {
    const history = itemAt(timeline, cut('2016-06-30'))!.history.map((event) => [event.type, event.occurredOn]);
    expect(history).toEqual([['WorkPlanItemDefined', '2016-05-05'], ['UnitAssigned', '2016-05-05'], ['RectificationReported', '2016-06-01']]);
    expect(datedDefinition(timeline)[0]!.occurredOn).toBe('2016-05-05');
  });

  it('dates an item of the plan as imported on the plan’s approval day, though its units were assigned the next day', () => {
    const plan = { recordedAt: TYPED_IN, approvedOn: '2016-04-25' };
    const imported = datedDefinition([defined, entry('UnitAssigned', '2016-04-26', { unitId: 'unit-a', role: 'LEAD', dueDate: '2016-09-30', assignedOn: '2016-04-26' })], plan);
    expect(imported.map((event) => event.occurredOn)).toEqual(['2016-04-25', '2016-04-26']);
    expect(itemAt(imported, cut('2016-04-25'))).toMatchObject({ code: '5' });
    expect(itemAt(imported, cut('2016-04-24'))).toBeUndefined();
    // README (Business time) says so: it named the import's 交办日期 (newcomer51-8 M5).
    const readme = readFileSync(join(process.cwd(), 'README.md'), 'utf8').replace(/\s+/g, ' ');
    expect(readme).toContain('for an item of the plan as first imported, the plan\'s approval day (`approvedOn`, 方案批准日期)');
    expect(readme).toContain('an item reads 「2016-04-25 列入工作方案」 then 「2016-04-26 交办」');
    // Added later than the import: its own assignment day.
    expect(datedDefinition(timeline, { recordedAt: '2026-11-29T00:00:00.000Z', approvedOn: '2016-04-25' })[0]!.occurredOn).toBe('2016-05-05');
  });

  it('keeps the day it was typed in when nothing was assigned with it, and never dates it later than that', () => {
    expect(datedDefinition([defined])[0]!.occurredOn).toBe('2026-11-30');
    const assignedLater = entry('UnitAssigned', '2026-11-30', { unitId: 'unit-b', role: 'LEAD', dueDate: '2026-12-31', assignedOn: '2026-11-30' }, '2026-11-30T05:00:00.000Z');
    expect(datedDefinition([defined, assignedLater])[0]!.occurredOn).toBe('2026-11-30');
  });
});

describe('the outline a revision leaves (breaker8c P19)', () => {
  const outline = (...categories: [string, ...string[]][]) =>
    categories.map(([code, ...itemIds]) => ({ code, title: `类别${code}`, items: itemIds.map((itemId) => ({ itemId, code: itemId, title: itemId })) }));
  const kept = (before: [string, ...string[]][], next: [string, ...string[]][]) =>
    keptOutline(keptOutline([], outline(...before)), outline(...next)).map((category) => [category.code, category.itemIds.join(','), category.retired === true]);

  it('keeps each item left out right after the item it followed, first when none of those is left', () => {
    expect(kept([['一', 'a', 'b', 'c']], [['一', 'a', 'c', 'd']])).toEqual([['一', 'a,b,c,d', false]]);
    expect(kept([['一', 'a', 'b', 'c']], [['一', 'c']])).toEqual([['一', 'a,b,c', false]]);
  });

  it('keeps a category only the earlier version had, after the others, as retired', () => {
    expect(kept([['一', 'a'], ['二', 'b']], [['一', 'a']])).toEqual([['一', 'a', false], ['二', 'b', true]]);
  });

  it('keeps an item moved to another category only where the new version puts it', () => {
    expect(kept([['一', 'a', 'b'], ['二', 'c']], [['一', 'a'], ['二', 'c', 'b']])).toEqual([['一', 'a', false], ['二', 'c,b', false]]);
  });
});

describe('an item withdrawn by one version and listed again by a later one (10e P1)', () => {
  const withdrawn = entry('WorkPlanItemWithdrawn', '2016-07-01', { itemId: 'item-5', reason: '依据 v2 修订方案', withdrawnOn: '2016-07-01' }, '2026-11-30T04:00:00.000Z');
  const reinstated = entry('WorkPlanItemReinstated', '2016-08-01', { itemId: 'item-5', reason: '依据 v3 修订方案', reinstatedOn: '2016-08-01' }, '2026-11-30T05:00:00.000Z');
  const story = [defined, assigned, reported, withdrawn, reinstated];

  it('is out of the plan on the days between, in it before and after, with its parts as they stood', () => {
    expect(itemAt(story, cut('2016-06-30'))).toMatchObject({ status: 'OPEN', withdrawnOn: null });
    expect(itemAt(story, cut('2016-07-15'))).toMatchObject({ status: 'WITHDRAWN', withdrawnOn: '2016-07-01' });
    expect(itemAt(story, cut('2016-07-31'))).toMatchObject({ status: 'WITHDRAWN' });
    const back = itemAt(story, cut('2016-08-01'))!;
    expect(back).toMatchObject({ status: 'OPEN', withdrawnOn: null, withdrawalReason: null });
    expect(back.parts.get('unit-a')).toMatchObject({ status: 'REPORTED' });
  });

  it('as known before the later version was entered, it is still withdrawn', () => {
    expect(itemAt(story, { asOf: '2016-08-15', knownAt: '2026-11-30T04:30:00.000Z', axes: ['BUSINESS_DAY', 'RECORD_TIME'] })).toMatchObject({ status: 'WITHDRAWN' });
  });
});

describe('a knownAt before a correction of the plan’s approval day reads the day known then (breaker8s P3)', () => {
  const IMPORTED_AT = '2026-12-04T10:15:42.000Z';
  const CORRECTED_AT = '2026-12-04T10:19:00.111Z';
  const BETWEEN = '2026-12-04T10:18:30.000Z';
  let position = 0;
  const recorded = (streamId: string, type: string, data: Record<string, unknown>, occurredOn: string, recordedAt: string) => {
    position += 1;
    return { type, data, id: `p-${position}`, revision: 0, streamId, occurredOn, position: { commit: BigInt(position), prepare: BigInt(position) }, metadata: { recordedAt, actorId: 'u', actorRole: 'SUPERVISOR', actorUnitId: null } } as unknown as RecordedEvent;
  };
  const feed = () => {
    const streams = new StreamsInMemory();
    const ledger = new WorkPlanLedger(streams);
    const outline = [{ code: '一', title: '公开', items: [{ itemId: 'item-3', code: '3', title: '推进决策公开' }] }];
    const events = [
      recorded('work-plan-plan', 'WorkPlanImported', { planId: 'plan', title: '青川市2026年政务公开工作要点', year: 2026, categories: outline, source: { fileName: 'plan.xlsx', sha256: 'a' }, approvedOn: '2026-02-20' }, '2026-02-20', IMPORTED_AT),
      recorded('work-plan-item-item-3', 'WorkPlanItemDefined', { itemId: 'item-3', planId: 'plan', categoryCode: '一', code: '3', title: '推进决策公开', description: '', dueDate: '2026-06-30', measures: '' }, '2026-12-04', IMPORTED_AT),
      { ...recorded('work-plan-item-item-3', 'UnitAssigned', { unitId: 'unit-a', role: 'LEAD', dueDate: '2026-06-30', assignedOn: '2026-02-25' }, '2026-02-25', IMPORTED_AT), revision: 1 } as RecordedEvent,
      recorded('work-plan-plan', 'WorkPlanApprovalCorrected', { planId: 'plan', previousApprovedOn: '2026-02-20', approvedOn: '2026-02-23', reason: '批准日期录入错误', correctedOn: '2026-12-04' }, '2026-12-04', CORRECTED_AT),
    ];
    for (const event of events) {
      streams.apply(event);
      ledger.apply(event);
    }
    return ledger;
  };
  const at = (asOf: string, knownAt: string | null) => ({ asOf, knownAt, axes: [] });

  it('answers approvedOn 2026-02-20 and the item in the plan on 02-21 at an instant before the correction (was: 02-23, 尚未录入)', async () => {
    const ledger = feed();
    expect(ledger.plan('plan', at('2026-02-21', BETWEEN))?.approvedOn).toBe('2026-02-20');
    expect(await ledger.itemAt('item-3', at('2026-02-21', BETWEEN))).toMatchObject({ code: '3' });
  });

  it('answers the corrected day once the correction is known, now and at a later instant', async () => {
    const ledger = feed();
    expect(ledger.plan('plan')?.approvedOn).toBe('2026-02-23');
    expect(ledger.plan('plan', at('2026-02-21', '2026-12-04T11:00:00.000Z'))?.approvedOn).toBe('2026-02-23');
    expect(await ledger.itemAt('item-3', at('2026-02-21', null))).toBeUndefined();
    expect(await ledger.itemAt('item-3', at('2026-02-23', '2026-12-04T11:00:00.000Z'))).toMatchObject({ code: '3' });
  });
});

describe('the first page of an item’s history reads the page, whatever its parts (perf47, issue 12 row 7)', () => {
  const PLAN_AT = '2026-02-20T08:00:00.000Z';
  const ADDED_AT = '2026-11-30T02:00:00.000Z';
  /** The log's streams as a store reads them (`fromRevision`, `maxCount`), counting the events each read hands over. */
  class CountedStreams {
    readonly streams = new StreamsInMemory();
    eventsRead = 0;
    apply(event: RecordedEvent): void {
      this.streams.apply(event);
    }
    async read(streamId: string, options?: { fromRevision?: number; maxCount?: number }): Promise<RecordedEvent[]> {
      const from = options?.fromRevision ?? 0;
      const read = (await this.streams.read(streamId)).slice(from, options?.maxCount === undefined ? undefined : from + options.maxCount);
      this.eventsRead += read.length;
      return read;
    }
  }
  let position = 0;
  const recorded = (streamId: string, revision: number, type: string, data: Record<string, unknown>, occurredOn: string, recordedAt: string) => {
    position += 1;
    return { type, data, id: `h-${position}`, revision, streamId, occurredOn, position: { commit: BigInt(position), prepare: BigInt(position) }, metadata: { recordedAt, actorId: 'u', actorRole: 'SUPERVISOR', actorUnitId: null } } as unknown as RecordedEvent;
  };
  /** A plan, and item `itemId` of `units` units recorded at `definedAt` (the earliest assignment day, 04-26, the 200th unit's), then one report of each of the first 50. */
  const feed = (itemId: string, units: number, definedAt: string) => {
    const streams = new CountedStreams();
    const ledger = new WorkPlanLedger(streams);
    const stream = `work-plan-item-${itemId}`;
    const outline = [{ code: '一', title: '公开', items: [{ itemId, code: '1', title: '各单位推进政务公开' }] }];
    const events = [
      recorded('work-plan-plan', 0, 'WorkPlanImported', { planId: 'plan', title: '青川市2026年政务公开工作要点', year: 2026, categories: outline, source: { fileName: 'plan.xlsx', sha256: 'a' }, approvedOn: '2026-02-20' }, '2026-02-20', PLAN_AT),
      recorded(stream, 0, 'WorkPlanItemDefined', { itemId, planId: 'plan', categoryCode: '一', code: '1', title: '各单位推进政务公开', description: '', dueDate: '2026-06-30', measures: '' }, '2026-11-30', definedAt),
      ...Array.from({ length: units }, (_, index) => {
        const assignedOn = index === 199 ? '2026-04-26' : '2026-05-01';
        return recorded(stream, index + 1, 'UnitAssigned', { unitId: `unit-${index}`, role: 'LEAD', dueDate: '2026-06-30', assignedOn }, assignedOn, definedAt);
      }),
      ...Array.from({ length: 50 }, (_, index) => recorded(stream, units + 1 + index, 'RectificationReported', { unitId: `unit-${index}`, summary: '已办', evidence: [], reportedOn: '2026-06-01' }, '2026-06-01', '2026-12-01T02:00:00.000Z')),
    ];
    for (const event of events) {
      streams.apply(event);
      ledger.apply(event);
    }
    streams.eventsRead = 0;
    return { ledger, streams };
  };

  it('a 300-unit item added later: 51 events read, its definition dated by an assignment past the page (was: the whole stream, 351)', async () => {
    const { ledger, streams } = feed('item-1', 300, ADDED_AT);
    const page = await ledger.timelineSlice('item-1', 0, 51);
    expect(streams.eventsRead).toBeLessThanOrEqual(51);
    // The entries as the whole stream gives them (the 200th unit's 04-26 dates the definition, as `timeline` does).
    expect(page).toEqual((await ledger.timeline('item-1')).slice(0, 51));
    expect(page[0]).toMatchObject({ type: 'WorkPlanItemDefined', occurredOn: '2026-04-26' });
    expect(page).toHaveLength(51);
  });

  it('reads the page whatever the item’s parts: 30 and 300 units read the same', async () => {
    const reads: number[] = [];
    for (const units of [30, 300]) {
      const { ledger, streams } = feed(`item-${units}`, units, ADDED_AT);
      await ledger.timelineSlice(`item-${units}`, 0, 21);
      reads.push(streams.eventsRead);
    }
    expect(reads).toEqual([21, 21]);
  });

  it('an item of the plan as imported is dated on the approval day, reading the page alone', async () => {
    const { ledger, streams } = feed('item-2', 300, PLAN_AT);
    const page = await ledger.timelineSlice('item-2', 0, 11);
    expect(streams.eventsRead).toBe(11);
    expect(page).toEqual((await ledger.timeline('item-2')).slice(0, 11));
    expect(page[0]).toMatchObject({ occurredOn: '2026-02-20' });
  });

  it('a page further on is read as it stands, and ends where the stream does', async () => {
    const { ledger, streams } = feed('item-3', 300, ADDED_AT);
    const page = await ledger.timelineSlice('item-3', 320, 51);
    expect(page.map((entry) => entry.revision)).toEqual(Array.from({ length: 31 }, (_, index) => 320 + index));
    expect(streams.eventsRead).toBe(31);
  });
});
