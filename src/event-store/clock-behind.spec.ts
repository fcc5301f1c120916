import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLOCK_TOLERANCE_MS, clockBehindBy, clockBehindMessage, newestOf } from './clock-behind.js';
import { SqliteEventStore } from './sqlite-event-store.js';
import { StoreHealth } from './store-health.js';

/*
 * breaker9p P1: record time never goes backwards — while the clock reads before the newest recorded
 * instant (beyond a tolerance for NTP slews), writes are refused and /health lists CLOCK_BEHIND_LOG.
 */

const at = (iso: string) => Date.parse(iso);

describe('A clock reading before the newest recorded instant', () => {
  it('is behind only beyond the tolerance; the newest of the log and the witness counts', () => {
    const newest = newestOf([
      { at: '2026-12-02T04:15:52.408Z', source: 'log' },
      { at: '2026-12-02T04:20:00.000Z', source: 'witness' },
      { at: null, source: 'log' },
    ]);
    expect(newest).toEqual({ at: at('2026-12-02T04:20:00.000Z'), source: 'witness' });
    // The witness written a moment after the newest record: the record is named.
    expect(newestOf([{ at: '2026-12-02T04:15:52.408Z', source: 'log' }, { at: '2026-12-02T04:15:53.000Z', source: 'witness' }])).toEqual({ at: at('2026-12-02T04:15:52.408Z'), source: 'log' });
    expect(clockBehindBy(at('2026-12-02T04:20:00.000Z') - CLOCK_TOLERANCE_MS, newest)).toBeNull();
    expect(clockBehindBy(at('2026-12-02T04:20:00.000Z') - CLOCK_TOLERANCE_MS - 1, newest)).toBe(CLOCK_TOLERANCE_MS + 1);
    expect(clockBehindBy(at('2026-11-30T04:16:21.028Z'), null)).toBeNull();
  });

  it('is said with both instants in office time, how far behind, and what to do', () => {
    const message = clockBehindMessage(at('2026-11-30T04:16:21.028Z'), { at: at('2026-12-02T04:15:52.408Z'), source: 'log' });
    expect(message.zh).toBe(
      '服务器时钟（北京时间 2026-11-30 12:16:21）比台账中最新记录的录入时间（北京时间 2026-12-02 12:15:52）早 1 天 23 小时 59 分钟：系统时间可能被调回。为免记录的日期和录入时间错乱，暂停写入（查询不受影响）；请校正服务器时间（例如开启 NTP 时间同步）后重试，写入会自动恢复。若服务器时间现已准确（已与 NTP 等可靠时间源核对），则是此前服务器时钟偏快，最新的记录是以偏快的时钟录入的：写入将于北京时间 2026-12-02 12:15:22自动恢复。请勿为提前写入而把时钟调快：那样会有更多记录的录入时间出错。',
    );
    expect(message.en).toContain('reads 1 day 23 hours 59 minutes before the recording time of the newest record in the ledger (2026-12-02T04:15:52.408Z)');
    // breaker9q P4: a clock right now after it was ahead — when writes resume, and never "set it forward".
    expect(message.en).toContain('the clock was ahead before and the newest records were stamped by it: writes resume by themselves at 2026-12-02T04:15:22.408Z');
  });
});

describe('The store health with a clock set back', () => {
  let directory: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'rectify-clock-'));
    store = new SqliteEventStore(join(directory, 'events.db'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('refuses writes while the clock reads before the newest record, and takes them again once it is right', async () => {
    let now = at('2026-12-02T04:15:52.408Z');
    const health = new StoreHealth(store, undefined, [], null, { now: () => now, newestRecorded: () => newestOf([{ at: store.newestRecordedAt(), source: 'log' }]) });
    const append = (id: string) =>
      health.guardWrite(() =>
        store.appendToStream(
          `unit-${id}`,
          [{ id, type: 'UnitRegistered', schemaVersion: 1, data: {}, metadata: { recordedAt: new Date(now).toISOString(), actorId: 'test', actorRole: 'ADMIN', actorUnitId: null, commandId: id, correlationId: id, causationId: id } }],
          { expectedRevision: 'no_stream' },
        ),
      );
    await append('00000000-0000-4000-8000-000000000001');
    expect(store.newestRecordedAt()).toBe('2026-12-02T04:15:52.408Z');
    expect(health.problems()).toEqual([]);

    now = at('2026-11-30T04:16:21.028Z');
    expect(health.problems().map((problem) => problem.cause)).toEqual(['CLOCK_BEHIND_LOG']);
    await expect(append('00000000-0000-4000-8000-000000000002')).rejects.toMatchObject({ name: 'StoreUnavailableError', messageZh: expect.stringContaining('系统时间可能被调回') });
    expect(await store.headPosition()).toMatchObject({ commit: 1n });

    now = at('2026-12-02T05:00:00.000Z');
    await append('00000000-0000-4000-8000-000000000002');
    expect(health.problems()).toEqual([]);
  });
});
