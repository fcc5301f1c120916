import { randomUUID } from 'node:crypto';
import { executeCommand } from '../../src/event-sourcing/execute-command.js';
import { FoldedStreams } from '../../src/event-sourcing/folded-streams.js';
import { ConcurrencyError, type EventStore } from '../../src/event-store/event-store.port.js';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store.js';
import { commandContext, type Actor } from '../../src/shared/command-context.js';
import type { Decider } from '../../src/shared/decider.js';
import { DomainError, say } from '../../src/shared/domain-error.js';
import { EventSchemaRegistry } from '../../src/shared/event-schemas.js';

/*
 * breaker12f P8: every part of a 各单位 item lives on the item's one stream, appended with an expected
 * revision and no retry, so clerks of different units acting on their own parts at the same moment
 * refused each other CONFLICT (20 urgings at once: 8 refused 记录已被他人同时修改). A command whose
 * expected revision was overtaken is now decided again on the stream as it is: recorded when it
 * decides the very same events (what came between does not concern it), refused in the rule's own
 * words when it no longer may, and still CONFLICT when it would now record something else (the
 * person decided on what they saw; they must see what changed).
 */

type Command = { type: 'Urge'; unit: string } | { type: 'Close'; unit: string };
type Event = { type: 'Urged'; data: { unit: string; time: number } } | { type: 'Closed'; data: { unit: string } };
type State = ReadonlyMap<string, { urged: number; closed: boolean }>;

/** One item's parts by unit: an urging says how many times that unit's part was urged before. */
const parts: Decider<Command, State, Event> = {
  initialState: () => new Map(),
  evolve: (state, event) => {
    const part = state.get(event.data.unit) ?? { urged: 0, closed: false };
    const next = new Map(state);
    next.set(event.data.unit, event.type === 'Urged' ? { ...part, urged: part.urged + 1 } : { ...part, closed: true });
    return next;
  },
  decide: (command, state) => {
    const part = state.get(command.unit) ?? { urged: 0, closed: false };
    if (part.closed) throw new DomainError('CONFLICT', say(`The part of ${command.unit} is closed.`, `${command.unit}的任务已销号，无需催办。`));
    return command.type === 'Urge' ? [{ type: 'Urged', data: { unit: command.unit, time: part.urged + 1 } }] : [{ type: 'Closed', data: { unit: command.unit } }];
  },
};
const schemas = new EventSchemaRegistry().register({ Urged: { version: 1 }, Closed: { version: 1 } });
const actor: Actor = { id: 'user-zhangwei', role: 'SUPERVISOR', unitId: null };
const context = () => commandContext({ actor, commandType: 'Urge', idempotencyKey: randomUUID(), now: new Date('2026-05-12T01:00:00Z') });
const STREAM = 'work-plan-item-1';

/**
 * `store`, where another request's command (`between`) is recorded after this one read the stream and
 * before it appends — `times` times (each of this command's appends is overtaken once).
 */
function racing(store: SqliteEventStore, between: () => Command, times = 1): EventStore {
  let left = times;
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'appendToStream') {
        return async (...args: Parameters<EventStore['appendToStream']>) => {
          if (left > 0) {
            left -= 1;
            await executeCommand(target, schemas, STREAM, parts, between(), context());
          }
          return target.appendToStream(...args);
        };
      }
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

const typesOf = async (store: SqliteEventStore) => (await store.readStream(STREAM)).map((event) => `${event.type} ${(event.data as { unit: string }).unit}`);

describe.each([
  ['read whole', () => undefined],
  ['kept between commands (FoldedStreams)', () => new FoldedStreams()],
])('a command overtaken on its stream, the fold %s', (_, keep) => {
  let sqlite: SqliteEventStore;
  let folded: FoldedStreams | undefined;
  const run = (store: EventStore, command: Command) => executeCommand(store, schemas, STREAM, parts, command, context(), undefined, [], folded);

  beforeEach(async () => {
    sqlite = new SqliteEventStore(':memory:');
    folded = keep();
    for (const unit of ['市财政局', '市教育局', '市民政局']) await run(sqlite, { type: 'Urge', unit });
  });
  afterEach(() => sqlite.close());

  it("is recorded when what came between concerns another unit's part", async () => {
    const outcome = await run(racing(sqlite, () => ({ type: 'Urge', unit: '市教育局' })), { type: 'Urge', unit: '市财政局' });
    expect(outcome.events).toEqual([{ type: 'Urged', data: { unit: '市财政局', time: 2 } }]);
    expect(await typesOf(sqlite)).toEqual(['Urged 市财政局', 'Urged 市教育局', 'Urged 市民政局', 'Urged 市教育局', 'Urged 市财政局']);
  });

  it('is recorded after several overtakings, and refused CONFLICT when it is overtaken every time', async () => {
    await run(racing(sqlite, () => ({ type: 'Urge', unit: '市教育局' }), 3), { type: 'Urge', unit: '市财政局' });
    expect((await typesOf(sqlite)).slice(-4)).toEqual(['Urged 市教育局', 'Urged 市教育局', 'Urged 市教育局', 'Urged 市财政局']);
    await expect(run(racing(sqlite, () => ({ type: 'Urge', unit: '市教育局' }), 1000), { type: 'Urge', unit: '市民政局' })).rejects.toBeInstanceOf(ConcurrencyError);
  });

  it('stays CONFLICT when it would now record something else: the same part changed under it', async () => {
    await expect(run(racing(sqlite, () => ({ type: 'Urge', unit: '市财政局' })), { type: 'Urge', unit: '市财政局' })).rejects.toBeInstanceOf(ConcurrencyError);
    expect((await typesOf(sqlite)).slice(-1)).toEqual(['Urged 市财政局']);
  });

  it('is refused in the rule’s own words when what came between forbids it', async () => {
    await expect(run(racing(sqlite, () => ({ type: 'Close', unit: '市民政局' })), { type: 'Urge', unit: '市民政局' })).rejects.toMatchObject({
      code: 'CONFLICT',
      messageZh: '市民政局的任务已销号，无需催办。',
    });
    expect((await typesOf(sqlite)).slice(-1)).toEqual(['Closed 市民政局']);
  });
});
