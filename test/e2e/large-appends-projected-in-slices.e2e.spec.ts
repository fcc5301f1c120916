import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { ProjectionEngine } from '../../src/event-sourcing/projection-engine.js';
import type { Projection, RecordedEvent } from '../../src/event-sourcing/recorded-event.js';
import { EVENT_STORE, type EventStore, type Position } from '../../src/event-store/event-store.port.js';
import { PROCESS_TEST_CEILING_MS } from '../support/server-process.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/*
 * breaker12g P3: importing a 各单位 plan (40–100 items × 300 units: one append of 12,000–30,000
 * events) held every user 2–14 s: the read models took the append in one stretch of the event
 * loop (the store's subscription hands a batch of rows over as microtasks). They now take it in
 * slices, giving the loop back between them, and a request waiting for its own events (read your
 * writes) waits while they are being applied, however long that takes.
 *
 * Nothing here is timed: a read model that takes a few ms per event (busy, as 30,000 events take
 * on a loaded server) makes the append long enough that slicing must show; the test counts
 * event-loop turns seen between its events.
 */

/** Keeps the thread busy for `ms` milliseconds, as a costly read model would. */
const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

/** A read model that takes `msPerEvent` per event and notes, per event, how many event-loop turns had passed since its first one. */
class SlowReadModel implements Projection {
  turnsSeen: number[] = [];
  msPerEvent = 0;
  private turns = 0;
  private counting = false;
  apply(_event: RecordedEvent): void {
    if (this.msPerEvent === 0) return;
    if (!this.counting) {
      this.counting = true;
      const turn = () => {
        this.turns += 1;
        if (this.counting) setImmediate(turn);
      };
      setImmediate(turn);
    }
    this.turnsSeen.push(this.turns);
    busy(this.msPerEvent);
  }
  stop() {
    this.counting = false;
    this.msPerEvent = 0;
  }
  snapshot() {
    return null;
  }
}

/**
 * The store's head once an append has moved it past `before`. Fails (instead of spinning for ever)
 * when `importing` answers and nothing was appended: a refused import, as when 3ea71e3's near-name
 * check refused this file's numbered names and the old loop hung CI.
 */
async function firstAppendAfter(store: EventStore, before: Position | null, importing: Promise<unknown>): Promise<Position> {
  let answered: { answer: unknown } | null = null;
  void importing.then(
    (answer) => (answered = { answer }),
    (error: unknown) => (answered = { answer: String(error) }),
  );
  for (;;) {
    const head = await store.headPosition();
    if (head && head.commit !== before?.commit) return head;
    if (answered) throw new Error(`the import answered without appending anything: ${JSON.stringify((answered as { answer: unknown }).answer)}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** A units file of `count` new units: one append of `count` events. */
/** Names far apart: numbered names (第1测试局, 第12测试局) are near copies to the 单位名录 import (3ea71e3), which refuses them. */
const farName = (prefix: string, index: number) => `${prefix}${Array.from({ length: 4 }, (_, k) => String.fromCodePoint(0x4e00 + ((index * 131 + k * 2909 + prefix.charCodeAt(2) * 977) % 20000))).join('')}局`;
const unitsFile = (prefix: string, count: number) =>
  Buffer.from(['编码,名称,类型,上级编码', ...Array.from({ length: count }, (_, index) => `${prefix}${index + 1},${farName(prefix, index + 1)},部门,`)].join('\n')).toString('base64');

const IMPORT_UNITS = `mutation($input: ImportUnitsInput!) { importUnits(input: $input) { created { code } } }`;

describe('A large append is projected in slices (breaker12g P3)', () => {
  let app: TestApp;
  let slow: SlowReadModel;
  let admin: Record<string, string>;
  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.as('ADMIN');
    slow = new SlowReadModel();
    app.app.get(ProjectionEngine).register(slow);
  }, PROCESS_TEST_CEILING_MS);
  afterAll(() => app?.close());
  afterEach(() => slow.stop());

  it(
    'other requests get the event loop while the read models take an import of many rows',
    async () => {
      slow.turnsSeen = [];
      slow.msPerEvent = 1;
      const imported = await app.graphql(IMPORT_UNITS, { input: { idempotencyKey: 'slices-a', fileName: 'units.csv', contentBase64: unitsFile('SLA', 60), registeredOn: '2026-01-05' } }, admin);
      expect(imported.errors).toBeUndefined();
      expect(imported.data!.importUnits.created).toHaveLength(60);
      // 60 events of 1 ms each: in one stretch (before) no turn passed between the first and the last.
      expect(slow.turnsSeen.length).toBeGreaterThanOrEqual(60);
      expect(slow.turnsSeen[slow.turnsSeen.length - 1]).toBeGreaterThan(0);
    },
    PROCESS_TEST_CEILING_MS,
  );

  it(
    'a request waiting for its events waits while they are being applied, past the ceiling for read models that stopped',
    async () => {
      const engine = app.app.get(ProjectionEngine);
      const store = app.app.get<EventStore>(EVENT_STORE);
      const before = await store.headPosition();
      slow.turnsSeen = [];
      slow.msPerEvent = 3;
      // 200 events × 3 ms: well past the 150 ms ceiling given below, but never 150 ms without an event applied.
      const importing = app.graphql(IMPORT_UNITS, { input: { idempotencyKey: 'slices-b', fileName: 'units.csv', contentBase64: unitsFile('SLB', 200), registeredOn: '2026-01-05' } }, admin);
      const head = await firstAppendAfter(store, before, importing);
      await expect(engine.waitFor(head, 150)).resolves.toBeUndefined();
      expect(slow.turnsSeen.length).toBeGreaterThanOrEqual(200);
      expect((await importing).errors).toBeUndefined();
    },
    PROCESS_TEST_CEILING_MS,
  );

  it(
    'a health check still gives up at its ceiling (whileApplying: false)',
    async () => {
      const engine = app.app.get(ProjectionEngine);
      const store = app.app.get<EventStore>(EVENT_STORE);
      const before = await store.headPosition();
      slow.turnsSeen = [];
      slow.msPerEvent = 3;
      const importing = app.graphql(IMPORT_UNITS, { input: { idempotencyKey: 'slices-c', fileName: 'units.csv', contentBase64: unitsFile('SLC', 200), registeredOn: '2026-01-05' } }, admin);
      const head = await firstAppendAfter(store, before, importing);
      await expect(engine.waitFor(head, 20, { whileApplying: false })).rejects.toThrow(/did not reach position/);
      expect((await importing).errors).toBeUndefined();
    },
    PROCESS_TEST_CEILING_MS,
  );

  // breaker12h P2: every request waited for the read models to reach the store's head before it read
  // (CatchUpBeforeEachOperation, 2 s ceiling) — and the head was this server's own import, still being
  // projected: every `{ me }` of every user took 2 s for the 20–40 s of a 100 × 300 plan's projection.
  it(
    'a request sent while this server projects its own import is answered between the slices, before the import is in',
    async () => {
      const store = app.app.get<EventStore>(EVENT_STORE);
      const before = await store.headPosition();
      slow.turnsSeen = [];
      slow.msPerEvent = 3;
      const gaveUp = jest.spyOn(Logger.prototype, 'warn');
      // Waiting for the import (before), the answer came either once the import was in, or at the 2 s ceiling, which
      // logs that it gave up: neither here — answered between two slices, without waiting.
      const importing = app.graphql(IMPORT_UNITS, { input: { idempotencyKey: 'slices-d', fileName: 'units.csv', contentBase64: unitsFile('SLD', 300), registeredOn: '2026-01-05' } }, admin);
      await firstAppendAfter(store, before, importing);
      try {
        const me = await app.graphql('{ me { role } }', {}, admin);
        expect(slow.turnsSeen.length).toBeLessThan(300);
        expect(gaveUp.mock.calls.filter(([message]) => /did not reach/.test(String(message)))).toEqual([]);
        expect(me.errors).toBeUndefined();
        expect(me.data!.me.role).toBe('ADMIN');
      } finally {
        gaveUp.mockRestore();
      }
      expect((await importing).errors).toBeUndefined();
      expect(slow.turnsSeen.length).toBeGreaterThanOrEqual(300);
    },
    PROCESS_TEST_CEILING_MS,
  );

  it(
    'a handler that scans again after a refusal still waits for everything appended (catchUp), its own server\'s import included',
    async () => {
      const engine = app.app.get(ProjectionEngine);
      const store = app.app.get<EventStore>(EVENT_STORE);
      const before = await store.headPosition();
      slow.turnsSeen = [];
      slow.msPerEvent = 1;
      const importing = app.graphql(IMPORT_UNITS, { input: { idempotencyKey: 'slices-e', fileName: 'units.csv', contentBase64: unitsFile('SLE', 60), registeredOn: '2026-01-05' } }, admin);
      await firstAppendAfter(store, before, importing);
      await expect(engine.catchUp(PROCESS_TEST_CEILING_MS)).resolves.toBe(true);
      expect(slow.turnsSeen.length).toBeGreaterThanOrEqual(60);
      expect((await importing).errors).toBeUndefined();
    },
    PROCESS_TEST_CEILING_MS,
  );
});
