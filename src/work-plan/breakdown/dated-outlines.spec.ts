import type { RecordedEvent } from '../../event-sourcing/recorded-event.js';
import { StreamsInMemory } from '../../event-sourcing/testing/streams-in-memory.js';
import { outlineChoice, WorkPlanLedger, type OutlineCategory } from './work-plan-ledger.js';

/*
 * breaker10s P7: a version of 2026-07-05 renames 大项 二 (规范行政执法 → 严格规范公正文明执法) and moves item 6 from 一 to 二.
 * The plan of a day before it reads the outline as it stood then (item 6 under 一, 二 by its old name), as its items'
 * own amendments are read by day; from 07-05 on, and now, the version's outline. Known before the version was typed
 * in, the old outline on any day.
 */
let position = 0;
const recorded = (streamId: string, type: string, data: Record<string, unknown>, occurredOn: string, recordedAt: string) => {
  position += 1;
  return {
    type,
    data,
    id: `o-${position}`,
    revision: 0,
    streamId,
    occurredOn,
    position: { commit: BigInt(position), prepare: BigInt(position) },
    metadata: { recordedAt, actorId: 'u', actorRole: 'SUPERVISOR', actorUnitId: null },
  } as unknown as RecordedEvent;
};
const item = (code: string) => ({ itemId: `item-${code}`, code, title: `事项${code}` });
const source = (fileName: string) => ({ fileName, sha256: fileName.padEnd(64, '0') });
const IMPORTED_AT = '2026-07-01T02:00:00.000Z';
const REVISED_AT = '2026-07-05T03:00:00.000Z';
const imported = recorded(
  'work-plan-plan',
  'WorkPlanImported',
  {
    planId: 'plan',
    title: '青川市2026年法治政府建设工作任务分工方案',
    year: 2026,
    approvedOn: '2026-03-01',
    source: source('plan-c.xlsx'),
    categories: [
      { code: '一', title: '健全依法决策机制', items: ['1', '6'].map(item) },
      { code: '二', title: '规范行政执法', items: ['7'].map(item) },
    ],
  },
  '2026-03-01',
  IMPORTED_AT,
);
const revised = recorded(
  'work-plan-plan',
  'WorkPlanRevised',
  {
    planId: 'plan',
    title: '青川市2026年法治政府建设工作任务分工方案',
    year: 2026,
    revisedOn: '2026-07-05',
    reason: '依据 c-sec3.csv 修订方案',
    source: source('c-sec3.csv'),
    categories: [
      { code: '一', title: '健全依法决策机制', items: ['1'].map(item) },
      { code: '二', title: '严格规范公正文明执法', items: ['6', '7'].map(item) },
    ],
  },
  '2026-07-05',
  REVISED_AT,
);

/** Each item the import lists, defined with it: a plan is shown once every item of its import is in (newcomer56-10 M1). */
const definitions = (['1', '6', '7'] as const).map((code) =>
  recorded(`work-plan-item-item-${code}`, 'WorkPlanItemDefined', { ...item(code), planId: 'plan', categoryCode: code === '7' ? '二' : '一', description: '', dueDate: '2026-12-31', measures: '' }, '2026-03-01', IMPORTED_AT),
);

const given = (...events: RecordedEvent[]) => {
  const streams = new StreamsInMemory();
  const ledger = new WorkPlanLedger(streams);
  for (const event of [events[0]!, ...(events[0]?.type === 'WorkPlanImported' ? definitions : []), ...events.slice(1)]) {
    streams.apply(event);
    ledger.apply(event);
  }
  return ledger;
};
const at = (asOf: string, knownAt: string | null = null) => ({ asOf, knownAt, axes: [] });
const shown = (categories: readonly OutlineCategory[] | undefined) =>
  (categories ?? []).map((category) => `${category.code} ${category.title}: ${category.itemIds.map((itemId) => itemId.slice('item-'.length)).join(',')}`);

describe('given a plan imported on 03-01 and a version of 07-05 renaming 大项 二 and moving item 6 under it (breaker10s P7)', () => {
  const ledger = given(imported, revised);

  it('when read as of a day before the version, then the outline as it stood: item 6 under 一, 二 by its old name', () => {
    for (const day of ['2026-03-01', '2026-07-04']) expect(shown(ledger.plan('plan', at(day))?.categories)).toEqual(['一 健全依法决策机制: 1,6', '二 规范行政执法: 7']);
  });

  it('when read as of the version’s day, a later day, or now, then the version’s outline', () => {
    for (const cut of [at('2026-07-05'), at('2026-12-31')]) expect(shown(ledger.plan('plan', cut)?.categories)).toEqual(['一 健全依法决策机制: 1', '二 严格规范公正文明执法: 6,7']);
    expect(shown(ledger.plan('plan')?.categories)).toEqual(['一 健全依法决策机制: 1', '二 严格规范公正文明执法: 6,7']);
  });

  it('when read as known before the version was typed in, then the old outline on any day', () => {
    expect(shown(ledger.plan('plan', at('2026-07-10', '2026-07-05T02:59:59.000Z'))?.categories)).toEqual(['一 健全依法决策机制: 1,6', '二 规范行政执法: 7']);
  });

  it('when read before the plan’s approval day, then its first outline (its items are not in it yet: see itemAt)', () => {
    expect(shown(ledger.plan('plan', at('2026-02-01'))?.categories)).toEqual(['一 健全依法决策机制: 1,6', '二 规范行政执法: 7']);
  });
});

describe('given an item added on its own, dated before a version typed in before it', () => {
  // The version of 07-05 is typed first; item 9 is added later, dated 07-01, under 二 (the outline as it stands: renamed).
  const added = recorded(
    'work-plan-plan',
    'WorkPlanRevised',
    {
      planId: 'plan',
      title: '青川市2026年法治政府建设工作任务分工方案',
      year: 2026,
      revisedOn: '2026-07-01',
      reason: '增补事项',
      source: source('c-sec3.csv'),
      categories: [
        { code: '一', title: '健全依法决策机制', items: ['1'].map(item) },
        { code: '二', title: '严格规范公正文明执法', items: ['6', '7', '9'].map(item) },
      ],
    },
    '2026-07-01',
    '2026-07-06T01:00:00.000Z',
  );
  const ledger = given(imported, revised, added);

  it('when read after the version’s day, then the item stays in the plan (the version did not know it), under the version’s names', () => {
    expect(shown(ledger.plan('plan', at('2026-07-10'))?.categories)).toEqual(['一 健全依法决策机制: 1', '二 严格规范公正文明执法: 6,7,9']);
  });

  it('when read between the two days, then the outline standing then with the item in it: item 6 moved and 二 renamed only from 07-05', () => {
    for (const day of ['2026-06-30', '2026-07-02']) expect(shown(ledger.plan('plan', at(day))?.categories)).toEqual(['一 健全依法决策机制: 1,6', '二 规范行政执法: 7,9']);
  });
});

describe('outlineChoice: which recorded outline a cut reads', () => {
  const outlines = [
    { on: '2026-03-01', recordedAt: 'T1', fromFile: true },
    { on: '2026-07-05', recordedAt: 'T2', fromFile: true },
    { on: '2026-07-05', recordedAt: 'T3', fromFile: true },
    { on: '2026-06-01', recordedAt: 'T4', fromFile: true },
    { on: '2026-05-01', recordedAt: 'T5', fromFile: false },
  ];

  it('takes the latest day not after asOf, of one day the later recorded, among those recorded by knownAt', () => {
    expect(outlineChoice(outlines, { asOf: '2026-07-05', knownAt: null })).toEqual({ standing: 2, latest: 4 });
    expect(outlineChoice(outlines, { asOf: '2026-07-04', knownAt: null })).toEqual({ standing: 3, latest: 4 });
    // An item added on its own is no version of the outline: the version standing on its day is read, the item brought in.
    expect(outlineChoice(outlines, { asOf: '2026-05-15', knownAt: null })).toEqual({ standing: 0, latest: 4 });
    expect(outlineChoice(outlines, { asOf: '2026-07-05', knownAt: 'T2' })).toEqual({ standing: 1, latest: 1 });
  });

  it('takes the first known when none stands yet on asOf, and none when nothing was recorded by knownAt', () => {
    expect(outlineChoice(outlines, { asOf: '2026-01-01', knownAt: null })).toEqual({ standing: 0, latest: 4 });
    expect(outlineChoice(outlines, { asOf: '2026-07-05', knownAt: 'T0' })).toBeNull();
  });
});
