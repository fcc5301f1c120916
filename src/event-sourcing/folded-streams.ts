import type { EventStore, Position, StoredEvent } from '../event-store/event-store.port.js';
import type { Decider, DomainEvent } from '../shared/decider.js';
import type { EventSchemaRegistry } from '../shared/event-schemas.js';

/** What a command appended to a stream earlier, found by its command id (a command recorded before the request index existed). */
export interface EarlierCommand {
  /** The request digest of its first event (absent on commands of the command line and the demo). */
  readonly requestDigest: string | undefined;
  /** Where its last event sits in the log. */
  readonly position: Position;
}

/** A stream folded into a decider's state, as a command decides on it. */
export interface FoldedStream<State> {
  readonly state: State;
  /** The stream's last revision (the append's expected revision); null when it has no events. */
  readonly revision: number | null;
  /** The id of the event at `revision`; null when the stream has no events. */
  readonly lastEventId: string | null;
  /** What the command `commandId` appended to the stream before, if anything. */
  earlier(commandId: string): EarlierCommand | undefined;
}

type Folding<State, Event extends DomainEvent> = Pick<Decider<unknown, State, Event>, 'initialState' | 'evolve'>;

/** The events of one command id in a stream: the first one's digest, the last one's position. */
function commandsOf(events: readonly StoredEvent[], into = new Map<string, EarlierCommand>()): Map<string, EarlierCommand> {
  for (const event of events) {
    const first = into.get(event.metadata.commandId);
    into.set(event.metadata.commandId, { requestDigest: first ? first.requestDigest : event.metadata.requestDigest, position: event.position });
  }
  return into;
}

/** Reads the whole stream and folds it: what every command did before FoldedStreams, and still does by default. */
export async function foldWholeStream<State, Event extends DomainEvent>(
  store: Pick<EventStore, 'readStream'>,
  schemas: EventSchemaRegistry,
  streamId: string,
  decider: Folding<State, Event>,
): Promise<FoldedStream<State>> {
  const history = await store.readStream(streamId);
  const state = history.reduce((folded, stored) => decider.evolve(folded, schemas.upcast<Event>(stored)), decider.initialState());
  const last = history.at(-1);
  let commands: Map<string, EarlierCommand> | null = null;
  return {
    state,
    revision: last ? last.revision : null,
    lastEventId: last ? last.id : null,
    earlier: (commandId) => (commands ??= commandsOf(history)).get(commandId),
  };
}

/** A stream's kept fold; `commands` is the stream's one map, shared by its successive entries. */
interface Entry {
  readonly decider: object;
  readonly state: unknown;
  readonly revision: number;
  readonly lastEventId: string;
  readonly commands: Map<string, EarlierCommand>;
}

/**
 * The folded states of the streams this process decided on (breaker12e P3: every sign-in read,
 * checked and folded its account's whole history — an office account's 10,000 sessions are ~1.1 s
 * of rows read, their seals checked and parsed, twice a sign-in, with the server held): kept per
 * stream with the revision and event id they reflect, so that the next command on the stream reads
 * only the rows appended since (`readStream(fromRevision)`), whoever appended them (this process,
 * another server on the same file, a tool). A stream whose row at the kept revision is no longer
 * the kept event (a restored or replaced store) is read whole again.
 *
 * Rows are checked (hashes, seal) when first read, as every stream read checks them; a row altered
 * afterwards is not seen again by commands of this process (the ledger's verification and the
 * read models' catch-up still see it), just as the read models keep what they once read.
 *
 * Bounded: at most `maxCommands` command ids kept over all streams (what a command recorded before
 * the request index existed is recognised by), the least recently used streams dropped first; a
 * stream holding more than that alone is read whole, as before. States must be immutable — a
 * decider's `evolve` returns a new state, never changes the one it is given — since one kept state
 * is the starting point of every later command on its stream.
 */
export class FoldedStreams {
  private readonly entries = new Map<string, Entry>();
  /** Command ids kept over all streams (each stream's map is shared by its entries, newer ones adding to it). */
  private keptCommands = 0;

  constructor(private readonly maxCommands = 100_000) {}

  /** The stream folded by `decider`: the kept state and the rows appended since, or the whole stream. */
  async read<State, Event extends DomainEvent>(
    store: Pick<EventStore, 'readStream'>,
    schemas: EventSchemaRegistry,
    streamId: string,
    decider: Folding<State, Event>,
  ): Promise<FoldedStream<State>> {
    const kept = this.entries.get(streamId);
    if (kept && kept.decider === decider) {
      const since = await store.readStream(streamId, { fromRevision: kept.revision });
      if (since[0]?.id === kept.lastEventId && since[0].revision === kept.revision && this.entries.get(streamId)?.commands === kept.commands) {
        const tail = since.slice(1);
        const last = tail.at(-1);
        if (!last) return this.view(this.touch(streamId, kept) as Entry & { state: State });
        const state = tail.reduce((folded, stored) => decider.evolve(folded, schemas.upcast<Event>(stored)), kept.state as State);
        this.addCommands(kept.commands, tail);
        return this.view(this.keep(streamId, { decider, state, revision: last.revision, lastEventId: last.id, commands: kept.commands }) as Entry & { state: State });
      }
    }
    const history = await store.readStream(streamId);
    const state = history.reduce((folded, stored) => decider.evolve(folded, schemas.upcast<Event>(stored)), decider.initialState());
    const last = history.at(-1);
    if (!last) return { state, revision: null, lastEventId: null, earlier: () => undefined };
    this.drop(streamId);
    const commands = new Map<string, EarlierCommand>();
    this.addCommands(commands, history);
    return this.view(this.keep(streamId, { decider, state, revision: last.revision, lastEventId: last.id, commands }) as Entry & { state: State });
  }

  /**
   * What a command appended on top of `folded` (its decided events, folded in; the last one's id,
   * revision and position; its command id and request digest): the next command reads from there.
   */
  appended<State, Event extends DomainEvent>(
    streamId: string,
    decider: Folding<State, Event>,
    folded: FoldedStream<State>,
    events: readonly Event[],
    last: { readonly id: string; readonly revision: number; readonly position: Position },
    command: { readonly commandId: string; readonly requestDigest: string | undefined },
  ): void {
    const kept = this.entries.get(streamId);
    // Another command got further on this stream meanwhile: what it kept is as good, and newer.
    if (kept && kept.decider === decider && kept.revision >= last.revision) return;
    let commands: Map<string, EarlierCommand>;
    if (folded.revision === null && !kept) commands = new Map();
    else if (kept && kept.decider === decider && kept.revision === folded.revision) commands = kept.commands;
    else return this.drop(streamId); // the commands before this one are not at hand: read whole next time
    if (!commands.has(command.commandId)) this.keptCommands += 1;
    commands.set(command.commandId, { requestDigest: commands.get(command.commandId)?.requestDigest ?? command.requestDigest, position: last.position });
    this.keep(streamId, { decider, state: events.reduce(decider.evolve, folded.state), revision: last.revision, lastEventId: last.id, commands });
  }

  /** How many streams are kept (for tests). */
  get size(): number {
    return this.entries.size;
  }

  private view<State>(entry: Entry & { state: State }): FoldedStream<State> {
    return { state: entry.state, revision: entry.revision, lastEventId: entry.lastEventId, earlier: (commandId) => entry.commands.get(commandId) };
  }

  private addCommands(commands: Map<string, EarlierCommand>, events: readonly StoredEvent[]): void {
    for (const event of events) {
      const first = commands.get(event.metadata.commandId);
      if (!first) this.keptCommands += 1;
      commands.set(event.metadata.commandId, { requestDigest: first ? first.requestDigest : event.metadata.requestDigest, position: event.position });
    }
  }

  private touch(streamId: string, entry: Entry): Entry {
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    return entry;
  }

  private drop(streamId: string): void {
    const dropped = this.entries.get(streamId);
    if (!dropped) return;
    this.entries.delete(streamId);
    this.keptCommands -= dropped.commands.size;
  }

  /** Keeps `entry` as the stream's newest, then drops the least recently used streams over the bound. */
  private keep(streamId: string, entry: Entry): Entry {
    const before = this.entries.get(streamId);
    if (before && before.commands !== entry.commands) this.keptCommands -= before.commands.size;
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    for (const [oldest] of this.entries) {
      if (this.keptCommands <= this.maxCommands) break;
      this.drop(oldest);
    }
    return entry;
  }
}
