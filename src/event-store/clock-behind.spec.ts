import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLOCK_TOLERANCE_MS, clockAheadAcceptance, clockAheadAcceptanceWords, clockBehindBy, clockBehindMessage, judgeClockAheadSettingLeftSet, latestInstant, newestOf, recordedAfterAcceptance, seenAtNoEarlierThan } from './clock-behind.js';
import { WitnessKeeper } from './store-admission.js';
import { readWitness, writeWitness } from './store-witness.js';
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
      '服务器时钟（北京时间 2026-11-30 12:16:21）比台账中最新记录的录入时间（北京时间 2026-12-02 12:15:52）早 1 天 23 小时 59 分钟：系统时间可能被调回。为免记录的日期和录入时间错乱，暂停写入（查询不受影响）；请校正服务器时间（例如开启 NTP 时间同步）后重试，写入会自动恢复。若服务器时间现已准确（已与 NTP 等可靠时间源核对），则是此前服务器时钟偏快，最新的记录是以偏快的时钟录入的：写入将于北京时间 2026-12-02 12:15:22自动恢复；不能等到那时的，请确认时间无误后以 --accept-clock-ahead-records（或 ACCEPT_CLOCK_AHEAD_RECORDS=true）启动一次：这些记录将被确认为以偏快的时钟录入（留有记录，台账校验时列出），此后按现在的时钟继续录入。请勿为提前写入而把时钟调快：那样会有更多记录的录入时间出错。',
    );
    expect(message.en).toContain('reads 1 day 23 hours 59 minutes before the recording time of the newest record in the ledger (2026-12-02T04:15:52.408Z)');
    // breaker9q P4: a clock right now after it was ahead — when writes resume, and never "set it forward".
    expect(message.en).toContain('the clock was ahead before and the newest records were stamped by it: writes resume by themselves at 2026-12-02T04:15:22.408Z');
  });
});

describe('Records accepted as stamped by a clock that was ahead (breaker9q P4)', () => {
  const newestThen = '2026-12-03T08:01:12.000Z';
  const now = at('2026-12-02T08:01:47.000Z');

  it('is an acceptance only when the clock reads before the newest instant beyond the tolerance', () => {
    expect(clockAheadAcceptance(at(newestThen) - CLOCK_TOLERANCE_MS, { at: at(newestThen), source: 'log' }, 7n, { from: 6n, records: 2 })).toBeNull();
    expect(clockAheadAcceptance(now, null, null, null)).toBeNull();
    expect(clockAheadAcceptance(now, { at: at(newestThen), source: 'log' }, 7n, { from: 6n, records: 2 })).toEqual({
      at: '2026-12-02T08:01:47.000Z',
      upTo: '7',
      from: '6',
      records: 2,
      newestThen,
    });
  });

  it('takes the records up to the accepted position out of the clock check, and only those', () => {
    const accepted = [clockAheadAcceptance(now, { at: at(newestThen), source: 'log' }, 7n, { from: 6n, records: 2 })!];
    expect(recordedAfterAcceptance({ position: 7n, recordedAt: newestThen }, accepted)).toBeNull();
    expect(recordedAfterAcceptance({ position: 8n, recordedAt: '2026-12-02T08:02:00.000Z' }, accepted)).toBe('2026-12-02T08:02:00.000Z');
    expect(recordedAfterAcceptance({ position: 7n, recordedAt: newestThen }, undefined)).toBe(newestThen);
    expect(recordedAfterAcceptance(null, accepted)).toBeNull();
  });

  it('is said with the span and both instants, and what a knownAt cut inside it shows', () => {
    const words = clockAheadAcceptanceWords(clockAheadAcceptance(now, { at: at(newestThen), source: 'log' }, 7n, { from: 6n, records: 2 })!);
    expect(words.zh).toBe(
      '北京时间 2026-12-02 16:01:47，服务以 --accept-clock-ahead-records 启动，确认服务器时钟准确：位置 6 至 7 的 2 条记录的录入时间晚于该时刻（最晚为北京时间 2026-12-03 16:01:12），是服务器时钟偏快时录入的。位置 7 之后的记录按现在的时钟录入，其录入时间早于上述记录；记录的先后以位置为准。按录入时间（knownAt）查看北京时间 2026-12-02 16:01:47至北京时间 2026-12-03 16:01:12之间的某一时刻时，会看到其后的记录，却看不到上述记录中录入时间晚于该时刻的那些。',
    );
    const witnessOnly = clockAheadAcceptanceWords(clockAheadAcceptance(now, { at: at(newestThen), source: 'witness' }, 7n, null)!);
    expect(witnessOnly.zh).toContain('没有记录的录入时间晚于该时刻，但事件库见证文件上次写入于北京时间 2026-12-03 16:01:12');
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

  it('records on a clock stepped back within the tolerance, and says so in the log once, Chinese first (breaker9q P6)', async () => {
    const warned = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      let now = at('2026-12-02T08:23:29.655Z');
      const health = new StoreHealth(store, undefined, [], null, { now: () => now, newestRecorded: () => newestOf([{ at: store.newestRecordedAt(), source: 'log' }]) });
      const append = (id: string) =>
        health.guardWrite(() =>
          store.appendToStream(
            `unit-${id}`,
            [{ id, type: 'UnitRegistered', schemaVersion: 1, data: {}, metadata: { recordedAt: new Date(now).toISOString(), actorId: 'test', actorRole: 'ADMIN', actorUnitId: null, commandId: id, correlationId: id, causationId: id } }],
            { expectedRevision: 'no_stream' },
          ),
        );
      await append('00000000-0000-4000-8000-000000000011');
      expect(warned).not.toHaveBeenCalled();
      now -= 18_000;
      await append('00000000-0000-4000-8000-000000000012');
      await append('00000000-0000-4000-8000-000000000013');
      const said = warned.mock.calls.map(([line]) => String(line));
      expect(said).toHaveLength(2);
      expect(said[0]).toBe(
        '服务器时钟比台账中最新记录的录入时间（北京时间 2026-12-02 16:23:29）早 18.0 秒（在 30 秒容差内，不暂停写入）：接下来的记录的录入时间将早于其前一条记录；记录的先后以位置为准。若时钟被调回不止一次，请检查 NTP 时间同步。',
      );
      expect(said[1]).toContain('reads 18.0 s before the recording time of the newest record in the ledger (2026-12-02T08:23:29.655Z), within the 30 s tolerance');
    } finally {
      warned.mockRestore();
    }
  });
});

/*
 * breaker9r P1 (serious): a server refused CLOCK_BEHIND_LOG wrote the store witness with its slow
 * clock at start and at shutdown; the witness's seen instant went back, and the next plain start was
 * ready. The seen instant never moves back, by any writer.
 */
describe('The instant the store witness says the store was seen at (breaker9r P1)', () => {
  it('is the clock, or the latest instant already seen when the clock reads before it', () => {
    expect(seenAtNoEarlierThan(at('2026-12-02T10:00:00.000Z'), at('2026-12-04T10:00:00.000Z'))).toBe('2026-12-04T10:00:00.000Z');
    expect(seenAtNoEarlierThan(at('2026-12-02T10:00:00.000Z'), at('2026-12-01T10:00:00.000Z'))).toBe('2026-12-02T10:00:00.000Z');
    expect(seenAtNoEarlierThan(at('2026-12-02T10:00:00.000Z'), null)).toBe('2026-12-02T10:00:00.000Z');
    expect(latestInstant([null, '2026-12-01T10:00:00.000Z', undefined, 'not a time', '2026-12-03T10:00:00.000Z', '2026-12-02T10:00:00.000Z'])).toBe('2026-12-03T10:00:00.000Z');
    expect(latestInstant([null, undefined])).toBeNull();
  });

  describe('written by a witness keeper on a clock set back', () => {
    let directory: string;
    beforeEach(() => {
      directory = mkdtempSync(join(tmpdir(), 'rectify-seen-'));
      jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'setInterval', 'clearInterval'], now: at('2026-12-02T10:00:00.000Z') });
    });
    afterEach(() => {
      jest.useRealTimers();
      rmSync(directory, { recursive: true, force: true });
    });
    const seen = { storeId: 'store-1', kind: 'sqlite' as const, location: '/data/rectify.db' };

    it('keeps the instant the witness read at start said, at its first write and at close', () => {
      const path = join(directory, 'witness.json');
      const keeper = new WitnessKeeper(path, seen);
      keeper.keepSeenAtAtLeast('2026-12-04T10:00:00.000Z');
      keeper.write(null, null);
      expect(readWitness(path)!.seenAt).toBe('2026-12-04T10:00:00.000Z');
      keeper.noteHead({ commit: 1n, prepare: 1n }, 'event-1');
      keeper.close();
      expect(readWitness(path)!.seenAt).toBe('2026-12-04T10:00:00.000Z');
      // Once the clock passes it, the clock's instant again.
      jest.setSystemTime(at('2026-12-05T10:00:00.000Z'));
      keeper.write({ commit: 1n, prepare: 1n }, 'event-1');
      expect(readWitness(path)!.seenAt).toBe('2026-12-05T10:00:00.000Z');
    });

    it('never writes before what another writer put in the file meanwhile, unless that was written before an acceptance it carries', () => {
      const path = join(directory, 'witness.json');
      const keeper = new WitnessKeeper(path, seen);
      keeper.write(null, null);
      writeWitness(path, { ...seen, head: null, seenAt: '2026-12-06T00:00:00.000Z' });
      keeper.write(null, null);
      expect(readWitness(path)!.seenAt).toBe('2026-12-06T00:00:00.000Z');

      // A start that accepted a clock that was ahead: the witness on disk (without the acceptance) was written by that clock.
      const acceptance = { at: '2026-12-02T10:00:00.000Z', upTo: '1', from: '1', records: 1, newestThen: '2026-12-06T00:00:00.000Z' };
      const accepting = new WitnessKeeper(path, { ...seen, clockAheadAccepted: [acceptance] });
      accepting.write(null, null);
      expect(readWitness(path)!.seenAt).toBe('2026-12-02T10:00:00.000Z');
      accepting.close();
    });
  });
});

/*
 * newcomer27 S6 (moderate): ACCEPT_CLOCK_AHEAD_RECORDS left set after the start that used it took a
 * clock set back later as right. The setting is honoured by one start; left set, the next is refused.
 */
describe('ACCEPT_CLOCK_AHEAD_RECORDS left set after the start that used it (newcomer27 S6)', () => {
  const acceptance = { at: '2026-12-02T08:00:00.000Z', upTo: '12', from: '11', records: 2, newestThen: '2026-12-03T07:59:00.000Z' };

  it('given a witness marked by the start that accepted a span, when a start has the setting again, then it is refused naming that start and saying to remove it', () => {
    const refused = judgeClockAheadSettingLeftSet(true, [{ clockAheadAccepted: [acceptance], clockAheadSettingUsedAt: acceptance.at }])!;
    expect(refused.reason).toBe('ACCEPT_CLOCK_AHEAD_RECORDS_LEFT_SET');
    expect(refused.messageZh).toContain('未写入任何内容。已设置 ACCEPT_CLOCK_AHEAD_RECORDS');
    expect(refused.messageZh).toContain('北京时间 2026-12-02 16:00:00的启动已用过它（已接受至位置 12 为止以偏快时钟录入的记录');
    expect(refused.messageZh).toContain('请从环境变量、.env 文件或服务的启动命令中删除它，然后重新启动');
    expect(refused.message).toContain('the start at 2026-12-02T08:00:00.000Z already used it (it accepted the records stamped ahead up to position 12');
  });

  it('given a witness marked by a start that found nothing to accept, when a start has the setting again, then it is refused too', () => {
    const refused = judgeClockAheadSettingLeftSet(true, [{ clockAheadAccepted: [acceptance], clockAheadSettingUsedAt: '2026-12-05T01:00:00.000Z' }, {}])!;
    expect(refused.reason).toBe('ACCEPT_CLOCK_AHEAD_RECORDS_LEFT_SET');
    expect(refused.messageZh).toContain('当时没有需要接受的记录');
  });

  it('given no mark (a start without the setting cleared it, or none ever used it), or the setting off, then the start goes on', () => {
    expect(judgeClockAheadSettingLeftSet(true, [{ clockAheadAccepted: [acceptance] }])).toBeNull();
    expect(judgeClockAheadSettingLeftSet(true, [])).toBeNull();
    expect(judgeClockAheadSettingLeftSet(false, [{ clockAheadSettingUsedAt: acceptance.at }])).toBeNull();
    expect(judgeClockAheadSettingLeftSet(undefined, [{ clockAheadSettingUsedAt: acceptance.at }])).toBeNull();
  });
});

/*
 * breaker9r P4 (moderate): two servers on one store — an acceptance made by one never reached the other,
 * which kept refusing writes, and whose next witness write dropped the acceptance and its mark.
 */
describe('An acceptance made by another server on the same store (breaker9r P4)', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'rectify-two-'));
  });
  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
  });
  const seen = { storeId: 'store-1', kind: 'sqlite' as const, location: '/data/rectify.db' };
  const acceptance = { at: '2026-12-02T10:00:00.000Z', upTo: '7', from: '6', records: 2, newestThen: '2026-12-03T09:00:00.000Z' };

  it('given a server started before another accepted, when its clock check looks and it writes, then it knows the acceptance and its writes keep it and the mark', () => {
    const path = join(directory, 'witness.json');
    const running = new WitnessKeeper(path, seen);
    running.write(null, null);
    // The other server's accepting start writes the witness.
    writeWitness(path, { ...seen, head: null, seenAt: acceptance.at, clockAheadAccepted: [acceptance], clockAheadSettingUsedAt: acceptance.at });
    expect(running.clockAheadAcceptedNow()).toEqual([]);
    running.lookForAcceptances();
    expect(running.clockAheadAcceptedNow()).toEqual([acceptance]);
    running.write(null, null);
    expect(readWitness(path)).toMatchObject({ clockAheadAccepted: [acceptance], clockAheadSettingUsedAt: acceptance.at });
    // A later start without the setting clears the mark: the running server's writes follow the file.
    writeWitness(path, { ...seen, head: null, seenAt: new Date().toISOString(), clockAheadAccepted: [acceptance] });
    running.write(null, null);
    expect(readWitness(path)!.clockAheadSettingUsedAt).toBeUndefined();
    expect(readWitness(path)!.clockAheadAccepted).toEqual([acceptance]);
    running.close();
  });
});
