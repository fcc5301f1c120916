import { randomUUID } from 'node:crypto';
import {
  ClaimTakenError,
  ConcurrencyError,
  EventStore,
  EventToAppend,
  Position,
  RequestKeyConflictError,
  RequestRecord,
  StoredEvent,
  comparePositions,
} from '../../src/event-store/event-store.port.js';

/**
 * The behaviour every event store adapter must have. Streams get unique names, so the suite
 * also runs against a shared EventStoreDB that already holds other events.
 */
export function eventStoreContract(
  name: string,
  openStore: () => Promise<EventStore>,
  describeSuite: (name: string, body: () => void) => void = describe,
) {
  describeSuite(`${name} event store contract`, () => {
    let store: EventStore;
    const stream = () => `contract-${randomUUID()}`;

    beforeAll(async () => {
      store = await openStore();
    });

    afterAll(async () => {
      await store.close();
    });

    const event = (type: string, data: Record<string, unknown> = {}): EventToAppend => ({
      id: randomUUID(),
      type,
      schemaVersion: 2,
      data,
      metadata: {
        actorId: 'user-1',
        actorRole: 'SUPERVISOR',
        actorUnitId: 'unit-9',
        commandId: randomUUID(),
        correlationId: 'correlation-1',
        causationId: 'cause-1',
        recordedAt: '2026-03-18T02:00:00.000Z',
      },
    });

    const collect = async (subscription: AsyncIterable<StoredEvent>, streams: Set<string>, count: number) => {
      const seen: StoredEvent[] = [];
      for await (const stored of subscription) {
        if (streams.has(stored.streamId)) seen.push(stored);
        if (seen.length === count) break;
      }
      return seen;
    };

    it('appends to a new stream and reads the events back in order, with data, metadata and version', async () => {
      const id = stream();
      const first = event('FindingRecorded', { title: '部分单位信息公开不到位' });
      const second = event('UnitAssigned', { unitId: 'u-1' });
      const result = await store.appendToStream(id, [first, second], { expectedRevision: 'no_stream' });
      expect(result.nextRevision).toBe(1);

      const events = await store.readStream(id);
      expect(events.map((e) => [e.id, e.type, e.revision, e.schemaVersion])).toEqual([
        [first.id, 'FindingRecorded', 0, 2],
        [second.id, 'UnitAssigned', 1, 2],
      ]);
      expect(events[0]!.data).toEqual({ title: '部分单位信息公开不到位' });
      expect(events[0]!.metadata).toEqual(first.metadata);
      expect(comparePositions(events[1]!.position, result.position)).toBe(0);
    });

    it('gives each event of a stream read the position the global log gives it (read models cap stream reads at what they projected)', async () => {
      const id = stream();
      await store.appendToStream(id, [event('A'), event('B')], { expectedRevision: 'no_stream' });
      const other = stream();
      await store.appendToStream(other, [event('X')], { expectedRevision: 'no_stream' });
      const last = await store.appendToStream(id, [event('C')], { expectedRevision: 1 });
      const read = await store.readStream(id);
      expect(comparePositions(read[2]!.position, last.position)).toBe(0);
      expect(comparePositions(read[0]!.position, read[1]!.position)).toBeLessThan(0);
      expect(comparePositions(read[1]!.position, read[2]!.position)).toBeLessThan(0);
      const all = await store.readAll({ maxCount: Number.MAX_SAFE_INTEGER });
      for (const each of read) {
        const inLog = all.find((logged) => logged.id === each.id);
        expect(inLog && comparePositions(inLog.position, each.position)).toBe(0);
      }
    });

    it('reads a missing stream as empty', async () => {
      expect(await store.readStream(stream())).toEqual([]);
    });

    it('reads a stream from a given revision', async () => {
      const id = stream();
      await store.appendToStream(id, [event('A'), event('B'), event('C')], { expectedRevision: 'no_stream' });
      expect((await store.readStream(id, { fromRevision: 1 })).map((e) => e.type)).toEqual(['B', 'C']);
    });

    it('reads at most maxCount events of a stream from a given revision (a page of a history, breaker12g P6)', async () => {
      const id = stream();
      await store.appendToStream(id, [event('A'), event('B'), event('C'), event('D')], { expectedRevision: 'no_stream' });
      expect((await store.readStream(id, { fromRevision: 1, maxCount: 2 })).map((e) => e.type)).toEqual(['B', 'C']);
      expect((await store.readStream(id, { maxCount: 1 })).map((e) => e.type)).toEqual(['A']);
      expect((await store.readStream(id, { fromRevision: 3, maxCount: 5 })).map((e) => e.type)).toEqual(['D']);
      expect(await store.readStream(id, { maxCount: 0 })).toEqual([]);
    });

    it('refuses no_stream on an existing stream and appends nothing', async () => {
      const id = stream();
      await store.appendToStream(id, [event('A')], { expectedRevision: 'no_stream' });
      await expect(store.appendToStream(id, [event('B')], { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(
        ConcurrencyError,
      );
      expect((await store.readStream(id)).map((e) => e.type)).toEqual(['A']);
    });

    it('refuses a stale expected revision, reports the actual one and appends nothing', async () => {
      const id = stream();
      await store.appendToStream(id, [event('A'), event('B')], { expectedRevision: 'no_stream' });
      const refusal = store.appendToStream(id, [event('C')], { expectedRevision: 0 });
      await expect(refusal).rejects.toMatchObject({ name: 'ConcurrencyError', streamId: id, actual: 1 });
      expect(await store.readStream(id)).toHaveLength(2);
    });

    it('refuses an exact revision on a missing stream', async () => {
      await expect(store.appendToStream(stream(), [event('A')], { expectedRevision: 0 })).rejects.toBeInstanceOf(
        ConcurrencyError,
      );
    });

    it('appends at the expected revision, and with any', async () => {
      const id = stream();
      const first = await store.appendToStream(id, [event('A')], { expectedRevision: 'no_stream' });
      const second = await store.appendToStream(id, [event('B')], { expectedRevision: first.nextRevision });
      const third = await store.appendToStream(id, [event('C')], { expectedRevision: 'any' });
      expect([first.nextRevision, second.nextRevision, third.nextRevision]).toEqual([0, 1, 2]);
      expect(comparePositions(first.position, second.position)).toBeLessThan(0);
    });

    it('treats a retried append of the same event ids as a no-op', async () => {
      const id = stream();
      const events = [event('A'), event('B')];
      const first = await store.appendToStream(id, events, { expectedRevision: 'no_stream' });
      const retry = await store.appendToStream(id, events, { expectedRevision: 'no_stream' });
      expect(retry.nextRevision).toBe(first.nextRevision);
      expect(await store.readStream(id)).toHaveLength(2);
    });

    it('answers an append of event ids already stored as already recorded, at their first position, after other appends too (breaker9f P14)', async () => {
      const [id, other] = [stream(), stream()];
      const events = [event('A'), event('B')];
      const first = await store.appendToStream(id, events, { expectedRevision: 'no_stream' });
      await store.appendToStream(other, [event('C')], { expectedRevision: 'no_stream' });
      const again = await store.appendToStream(id, events, { expectedRevision: 'no_stream' });
      expect(again).toEqual({ nextRevision: first.nextRevision, position: first.position, alreadyRecorded: true });
      const later = await store.appendToStream(id, [event('D')], { expectedRevision: first.nextRevision });
      expect(await store.appendToStream(id, [events[1]!], { expectedRevision: 0 })).toMatchObject({ nextRevision: 1, alreadyRecorded: true });
      await expect(store.appendToStream(id, [events[1]!, event('E')], { expectedRevision: 0 })).rejects.toBeInstanceOf(ConcurrencyError);
      expect((await store.readStream(id)).map((stored) => stored.type)).toEqual(['A', 'B', 'D']);
      expect(comparePositions(later.position, first.position)).toBeGreaterThan(0);
    });

    it('lets exactly one of two concurrent writers at the same revision win', async () => {
      const id = stream();
      await store.appendToStream(id, [event('A')], { expectedRevision: 'no_stream' });
      const outcomes = await Promise.allSettled([
        store.appendToStream(id, [event('B')], { expectedRevision: 0 }),
        store.appendToStream(id, [event('C')], { expectedRevision: 0 }),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const rejected = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      expect(rejected.reason).toBeInstanceOf(ConcurrencyError);
      expect(await store.readStream(id)).toHaveLength(2);
    });

    describe('appends to several streams as one (breaker8g P5: a reorganisation half recorded)', () => {
      it('writes every part, in order, each at its expected revision, and answers one result per part', async () => {
        const [a, b] = [stream(), stream()];
        await store.appendToStream(b, [event('B0')], { expectedRevision: 'no_stream' });
        const results = await store.appendToStreams([
          { streamId: a, events: [event('A0'), event('A1')], options: { expectedRevision: 'no_stream' } },
          { streamId: b, events: [event('B1')], options: { expectedRevision: 0 } },
          { streamId: a, events: [event('A2')], options: { expectedRevision: 1 } },
        ]);
        expect(results.map((result) => result.nextRevision)).toEqual([1, 1, 2]);
        expect(comparePositions(results[0]!.position, results[1]!.position)).toBeLessThan(0);
        expect((await store.readStream(a)).map((stored) => stored.type)).toEqual(['A0', 'A1', 'A2']);
        expect((await store.readStream(b)).map((stored) => stored.type)).toEqual(['B0', 'B1']);
      });

      it('writes nothing when one part’s stream moved since it was read: the refusal names that stream', async () => {
        const [a, b, c] = [stream(), stream(), stream()];
        await store.appendToStream(b, [event('B0'), event('B1')], { expectedRevision: 'no_stream' });
        const refusal = store.appendToStreams([
          { streamId: a, events: [event('A0')], options: { expectedRevision: 'no_stream' } },
          { streamId: b, events: [event('B2')], options: { expectedRevision: 0 } },
          { streamId: c, events: [event('C0')], options: { expectedRevision: 'no_stream' } },
        ]);
        await expect(refusal).rejects.toMatchObject({ name: 'ConcurrencyError', streamId: b, actual: 1 });
        expect(await store.readStream(a)).toEqual([]);
        expect(await store.readStream(b)).toHaveLength(2);
        expect(await store.readStream(c)).toEqual([]);
      });

      it('writes nothing when a part’s request key names another request', async () => {
        const [a, b] = [stream(), stream()];
        const key = `key-${randomUUID()}`;
        await store.appendToStream(stream(), [event('X')], { expectedRevision: 'no_stream', request: { key, commandId: 'first', digest: null } });
        const refusal = store.appendToStreams([
          { streamId: a, events: [event('A0')], options: { expectedRevision: 'no_stream' } },
          { streamId: b, events: [event('B0')], options: { expectedRevision: 'no_stream', request: { key, commandId: 'second', digest: null } } },
        ]);
        await expect(refusal).rejects.toBeInstanceOf(RequestKeyConflictError);
        expect(await store.readStream(a)).toEqual([]);
      });

      it('answers a retry of the same parts as already recorded, and completes parts that are missing', async () => {
        const [a, b] = [stream(), stream()];
        const parts = [
          { streamId: a, events: [event('A0')], options: { expectedRevision: 'no_stream' as const } },
          { streamId: b, events: [event('B0')], options: { expectedRevision: 'no_stream' as const } },
        ];
        // Only the first part stored (by an older version, appending command by command).
        const first = await store.appendToStream(a, parts[0]!.events, parts[0]!.options);
        const results = await store.appendToStreams(parts);
        expect(results[0]).toEqual({ nextRevision: 0, position: first.position, alreadyRecorded: true });
        expect(results[1]!.alreadyRecorded).toBeFalsy();
        const again = await store.appendToStreams(parts);
        expect(again.map((result) => result.alreadyRecorded)).toEqual([true, true]);
        expect(await store.readStream(b)).toHaveLength(1);
      });

      it('lets exactly one of two concurrent multi-stream appends at the same revisions win, whole', async () => {
        const [a, b] = [stream(), stream()];
        await store.appendToStream(b, [event('B0')], { expectedRevision: 'no_stream' });
        const outcomes = await Promise.allSettled(
          ['first', 'second'].map((who) =>
            store.appendToStreams([
              { streamId: a, events: [event(`A-${who}`)], options: { expectedRevision: 'no_stream' } },
              { streamId: b, events: [event(`B-${who}`)], options: { expectedRevision: 0 } },
            ]),
          ),
        );
        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        const winner = outcomes[0]!.status === 'fulfilled' ? 'first' : 'second';
        expect((await store.readStream(a)).map((stored) => stored.type)).toEqual([`A-${winner}`]);
        expect((await store.readStream(b)).map((stored) => stored.type)).toEqual(['B0', `B-${winner}`]);
      });
    });

    describe('unique claims (breaker12 P10: one problem recorded once, however many requests race)', () => {
      const scope = () => `contract-scope-${randomUUID()}`;

      it('lets exactly one of many concurrent appends claiming one value win; the others append nothing', async () => {
        const [where, streams] = [scope(), Array.from({ length: 8 }, stream)];
        const outcomes = await Promise.allSettled(
          streams.map((id) => store.appendToStream(id, [event('Recorded')], { expectedRevision: 'no_stream', claims: [{ scope: where, value: '年报未发布' }] })),
        );
        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        const winner = streams[outcomes.findIndex((outcome) => outcome.status === 'fulfilled')]!;
        for (const outcome of outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected')) {
          expect(outcome.reason).toBeInstanceOf(ClaimTakenError);
          expect(outcome.reason).toMatchObject({ scope: where, value: '年报未发布', holder: winner });
        }
        const lengths = await Promise.all(streams.map(async (id) => (await store.readStream(id)).length));
        expect(lengths.sort()).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
      });

      it('keeps values of other scopes and other values apart, and lets the holder claim its value again', async () => {
        const [where, elsewhere, one, two, three] = [scope(), scope(), stream(), stream(), stream()];
        await store.appendToStream(one, [event('A')], { expectedRevision: 'no_stream', claims: [{ scope: where, value: 'x' }] });
        await store.appendToStream(two, [event('A')], { expectedRevision: 'no_stream', claims: [{ scope: elsewhere, value: 'x' }] });
        await store.appendToStream(three, [event('A')], { expectedRevision: 'no_stream', claims: [{ scope: where, value: 'y' }] });
        await store.appendToStream(one, [event('B')], { expectedRevision: 0, claims: [{ scope: where, value: 'x' }] });
        expect(await store.readStream(one)).toHaveLength(2);
      });

      it('takes a value over only from the holder named: two takers that saw it released cannot both take it', async () => {
        const [where, first, second, third] = [scope(), stream(), stream(), stream()];
        await store.appendToStream(first, [event('A')], { expectedRevision: 'no_stream', claims: [{ scope: where, value: 'v' }] });
        await expect(store.appendToStream(second, [event('A')], { expectedRevision: 'no_stream', claims: [{ scope: where, value: 'v' }] })).rejects.toBeInstanceOf(ClaimTakenError);
        const outcomes = await Promise.allSettled(
          [second, third].map((id) => store.appendToStream(id, [event('A')], { expectedRevision: 'no_stream', claims: [{ scope: where, value: 'v', takeOverFrom: first }] })),
        );
        expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
        const taker = outcomes[0]!.status === 'fulfilled' ? second : third;
        await expect(store.appendToStream(first, [event('B')], { expectedRevision: 0, claims: [{ scope: where, value: 'v' }] })).rejects.toMatchObject({ holder: taker });
        expect(await store.readStream(first)).toHaveLength(1);
      });

      it('takes a value over only as the holder stood when refused: a holder whose stream moved since keeps it (breaker11m P1)', async () => {
        const [where, holder, taker] = [scope(), stream(), stream()];
        await store.appendToStream(holder, [event('Recorded')], { expectedRevision: 'no_stream', claims: [{ scope: where, value: 'w' }] });
        const refusal = await store.appendToStream(taker, [event('A')], { expectedRevision: 'no_stream', claims: [{ scope: where, value: 'w' }] }).catch((error: unknown) => error);
        expect(refusal).toMatchObject({ holder, holderRevision: 0 });
        // The holder comes back (its own claim again) before the taker, judging it gone, appends.
        await store.appendToStream(holder, [event('Undone')], { expectedRevision: 0, claims: [{ scope: where, value: 'w' }] });
        await expect(store.appendToStream(taker, [event('A')], { expectedRevision: 'no_stream', claims: [{ scope: where, value: 'w', takeOverFrom: holder, takeOverAt: 0 }] })).rejects.toMatchObject({
          holder,
          holderRevision: 1,
        });
        expect(await store.readStream(taker)).toHaveLength(0);
        // Judged on the holder as it now stands, the take-over is taken.
        await store.appendToStream(taker, [event('A')], { expectedRevision: 'no_stream', claims: [{ scope: where, value: 'w', takeOverFrom: holder, takeOverAt: 1 }] });
        await expect(store.appendToStream(holder, [event('B')], { expectedRevision: 1, claims: [{ scope: where, value: 'w' }] })).rejects.toMatchObject({ holder: taker });
      });

      it('answers a retried append that claimed a value with its first result, not a refusal', async () => {
        const [where, id] = [scope(), stream()];
        const events = [event('A')];
        const first = await store.appendToStream(id, events, { expectedRevision: 'no_stream', claims: [{ scope: where, value: 'r' }] });
        const retry = await store.appendToStream(id, events, { expectedRevision: 'no_stream', claims: [{ scope: where, value: 'r' }] });
        expect(retry.position).toEqual(first.position);
        expect(await store.readStream(id)).toHaveLength(1);
      });
    });

    it('reads all streams in global order after a position, and knows the head', async () => {
      const before = await store.headPosition();
      const [one, two] = [stream(), stream()];
      await store.appendToStream(one, [event('A')], { expectedRevision: 'no_stream' });
      await store.appendToStream(two, [event('B')], { expectedRevision: 'no_stream' });
      const last = await store.appendToStream(one, [event('C')], { expectedRevision: 0 });

      const all = await store.readAll({ after: before ?? undefined });
      const ours = all.filter((e) => e.streamId === one || e.streamId === two);
      expect(ours.map((e) => e.type)).toEqual(['A', 'B', 'C']);
      for (let i = 1; i < all.length; i += 1) {
        expect(comparePositions(all[i - 1]!.position, all[i]!.position)).toBeLessThan(0);
      }
      const head = (await store.headPosition()) as Position;
      expect(comparePositions(head, last.position)).toBeGreaterThanOrEqual(0);
      const limited = await store.readAll({ after: before ?? undefined, maxCount: 1 });
      expect(limited).toHaveLength(1);
    });

    it('subscribes from a position: history first, then live events, without gaps or repeats', async () => {
      const before = await store.headPosition();
      const id = stream();
      await store.appendToStream(id, [event('H1'), event('H2')], { expectedRevision: 'no_stream' });

      const subscription = store.subscribeToAll({ after: before ?? undefined });
      const received = collect(subscription, new Set([id]), 5);
      await store.appendToStream(id, [event('L1')], { expectedRevision: 1 });
      await new Promise((resolve) => setTimeout(resolve, 50));
      await store.appendToStream(id, [event('L2'), event('L3')], { expectedRevision: 2 });

      const events = await received;
      await subscription.unsubscribe();
      expect(events.map((e) => e.type)).toEqual(['H1', 'H2', 'L1', 'L2', 'L3']);
      expect(events.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
    });

    it('names the event at a position, and none where no event is', async () => {
      const id = stream();
      const appended = event('A');
      const { position } = await store.appendToStream(id, [appended], { expectedRevision: 'no_stream' });
      expect(await store.eventIdAt(position)).toBe(appended.id);
      expect(await store.eventIdAt({ commit: position.commit + 1_000_000n, prepare: position.prepare + 1_000_000n })).toBeNull();
    });

    describe('request index', () => {
      const request = (key: string, overrides: Partial<RequestRecord> = {}): RequestRecord => ({
        key,
        commandId: `command-${key}`,
        digest: 'digest-of-the-first-request',
        ...overrides,
      });

      it('records a request with its events and finds it by key', async () => {
        const [id, key] = [stream(), randomUUID()];
        expect(await store.findRequest(key)).toBeNull();
        await store.appendToStream(id, [event('UrgedUnit')], { expectedRevision: 'no_stream', request: request(key) });
        expect(await store.findRequest(key)).toMatchObject({ key, commandId: `command-${key}`, digest: 'digest-of-the-first-request', streamId: id });
      });

      it('refuses a key reused for another request on another stream, and appends nothing there', async () => {
        const [first, other, key] = [stream(), stream(), randomUUID()];
        await store.appendToStream(first, [event('UrgedUnit')], { expectedRevision: 'no_stream', request: request(key) });
        await expect(
          store.appendToStream(other, [event('UrgedUnit')], { expectedRevision: 'no_stream', request: request(key, { digest: 'another-request' }) }),
        ).rejects.toBeInstanceOf(RequestKeyConflictError);
        await expect(
          store.appendToStream(other, [event('SentBack')], { expectedRevision: 'no_stream', request: request(key, { commandId: 'another-command' }) }),
        ).rejects.toBeInstanceOf(RequestKeyConflictError);
        expect(await store.readStream(other)).toEqual([]);
      });

      it('refuses a key reused for another request on the same stream, and appends nothing', async () => {
        const [id, key] = [stream(), randomUUID()];
        await store.appendToStream(id, [event('UrgedUnit')], { expectedRevision: 'no_stream', request: request(key) });
        await expect(
          store.appendToStream(id, [event('UrgedUnit')], { expectedRevision: 0, request: request(key, { digest: 'another-request' }) }),
        ).rejects.toBeInstanceOf(RequestKeyConflictError);
        expect(await store.readStream(id)).toHaveLength(1);
      });

      it('answers a retried request with its first result and appends nothing', async () => {
        const [id, key] = [stream(), randomUUID()];
        const events = [event('UrgedUnit')];
        const first = await store.appendToStream(id, events, { expectedRevision: 'no_stream', request: request(key) });
        const retry = await store.appendToStream(id, events, { expectedRevision: 'no_stream', request: request(key) });
        expect(retry.nextRevision).toBe(first.nextRevision);
        expect(comparePositions(retry.position, first.position)).toBe(0);
        expect(await store.readStream(id)).toHaveLength(1);
      });

      it('lets exactly one of two concurrent requests with one key and different content take the key', async () => {
        const [one, two, key] = [stream(), stream(), randomUUID()];
        const outcomes = await Promise.allSettled([
          store.appendToStream(one, [event('UrgedUnit')], { expectedRevision: 'no_stream', request: request(key, { digest: 'one' }) }),
          store.appendToStream(two, [event('UrgedUnit')], { expectedRevision: 'no_stream', request: request(key, { digest: 'two' }) }),
        ]);
        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        expect((outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(RequestKeyConflictError);
        const winner = outcomes[0]!.status === 'fulfilled' ? one : two;
        expect((await store.findRequest(key))?.streamId).toBe(winner);
        expect((await store.readStream(one)).length + (await store.readStream(two)).length).toBe(1);
      });

      it('reserves the key of a request that appended nothing: the same request again is fine, another is refused', async () => {
        const [id, other, key] = [stream(), stream(), randomUUID()];
        const before = await store.headPosition();
        await store.reserveRequest(id, request(key));
        expect(await store.findRequest(key)).toMatchObject({ key, streamId: id, position: null, appendedNothing: true });
        await store.reserveRequest(id, request(key));
        await expect(store.reserveRequest(other, request(key, { digest: 'another-request' }))).rejects.toBeInstanceOf(RequestKeyConflictError);
        await expect(
          store.appendToStream(other, [event('UrgedUnit')], { expectedRevision: 'no_stream', request: request(key, { digest: 'another-request' }) }),
        ).rejects.toBeInstanceOf(RequestKeyConflictError);
        expect(await store.readStream(other)).toEqual([]);
        expect(await store.headPosition()).toEqual(before);
      });

      it('refuses to reserve a key an appended request holds', async () => {
        const [id, key] = [stream(), randomUUID()];
        await store.appendToStream(id, [event('UrgedUnit')], { expectedRevision: 'no_stream', request: request(key) });
        await expect(store.reserveRequest(id, request(key, { digest: 'another-request' }))).rejects.toBeInstanceOf(RequestKeyConflictError);
        expect((await store.findRequest(key))?.appendedNothing).toBeFalsy();
      });

      it('keeps its bookkeeping out of the log', async () => {
        const before = await store.headPosition();
        const [id, key] = [stream(), randomUUID()];
        await store.appendToStream(id, [event('UrgedUnit')], { expectedRevision: 'no_stream', request: request(key) });
        const after = (await store.readAll({ after: before ?? undefined })).map((stored) => stored.streamId);
        expect(after).toContain(id);
        expect(after.filter((streamId) => streamId.includes(key))).toEqual([]);
      });
    });

    it('resumes a subscription strictly after the given position', async () => {
      const id = stream();
      const first = await store.appendToStream(id, [event('A')], { expectedRevision: 'no_stream' });
      await store.appendToStream(id, [event('B')], { expectedRevision: 0 });
      const subscription = store.subscribeToAll({ after: first.position });
      const events = await collect(subscription, new Set([id]), 1);
      await subscription.unsubscribe();
      expect(events.map((e) => e.type)).toEqual(['B']);
    });
  });
}
