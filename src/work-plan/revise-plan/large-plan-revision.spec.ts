import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allEventSchemas } from '../../event-sourcing/all-event-schemas.js';
import { replayLog } from '../../event-sourcing/replay-log.js';
import { SqliteEventStore } from '../../event-store/sqlite-event-store.js';
import { importUnitsFile } from '../../organization/import-units/import-units.js';
import { UnitsReadModel } from '../../organization/units/units.read-model.js';
import { commandContext, type Actor, type CommandContext } from '../../shared/command-context.js';
import { importWorkPlanFile } from '../import-work-plan/import-work-plan.js';

/*
 * breaker10i P18: one re-dated item in a new version of a 1,500-item plan held the whole server 7 s:
 * the revision reads every item's stream (the items as they stand, the changes after the export's
 * reading, the renumbering), and a SQLite read resolves at once, so those loops never gave the event
 * loop back. Counted here as stream reads between two turns of the loop, never as time.
 */
const operator: Actor = { id: 'cli:operator', role: 'SYSTEM', unitId: null };
const contextOf = (key: string, now: string): CommandContext => commandContext({ actor: operator, commandType: 'ImportWorkPlan', idempotencyKey: key, now: new Date(now) });
const text = (csv: string) => new TextEncoder().encode(csv);
const UNITS = '编码,名称,类型\nFGW,青川市发展和改革委员会,部门\nCZJ,青川市财政局,部门\n';
const TITLE = '青川市2026年政务公开大型任务清单';
const SIZE = 600;
const plan = (firstDue: string) =>
  '类别编号,类别,编号,事项,内容,牵头单位,责任单位,完成时限\n' +
  Array.from({ length: SIZE }, (_, n) => `一,公开平台,${n + 1},第${n + 1}项公开任务,,青川市发展和改革委员会,青川市财政局,${n === 0 ? firstDue : '2026-09-30'}`).join('\n') +
  '\n';

describe('a new version of a large plan (breaker10i P18)', () => {
  it('reads its items’ streams a slice at a time, giving the event loop back in between', async () => {
    const store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'rectify-large-revision-')), 'events.db'));
    const schemas = allEventSchemas();
    await importUnitsFile({ store, schemas, units: new UnitsReadModel() }, { name: 'units.csv', content: text(UNITS) }, contextOf('units', '2026-03-01T09:00:00+08:00'));
    const dependencies = { store, schemas, units: await replayLog(store, schemas, new UnitsReadModel()) };
    await importWorkPlanFile(dependencies, { name: 'v1.csv', content: text(plan('2026-06-30')) }, { title: TITLE, year: 2026 }, contextOf('v1', '2026-03-01T09:00:00+08:00'));

    let readsThisTurn = 0;
    let mostReadsInOneTurn = 0;
    let totalReads = 0;
    const readStream = store.readStream.bind(store);
    store.readStream = ((...args: Parameters<typeof store.readStream>) => {
      readsThisTurn += 1;
      totalReads += 1;
      mostReadsInOneTurn = Math.max(mostReadsInOneTurn, readsThisTurn);
      return readStream(...args);
    }) as typeof store.readStream;
    let ticking = true;
    const tick = () => {
      readsThisTurn = 0;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const outcome = await importWorkPlanFile(dependencies, { name: 'v2.csv', content: text(plan('2026-07-31')) }, { title: TITLE, year: 2026, revise: true, dryRun: true }, contextOf('v2', '2026-05-01T09:00:00+08:00'));
    ticking = false;
    expect(outcome.revision).toMatchObject({ redated: [{ code: '1', from: '2026-06-30', to: '2026-07-31' }], added: [], withdrawn: [] });
    // Every item's stream is read at least once; no turn reads more than a few ms' worth (before: every item in one turn).
    expect(totalReads).toBeGreaterThanOrEqual(SIZE);
    expect(mostReadsInOneTurn).toBeLessThan(SIZE / 2);
    await store.close();
  });
});
