import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type Position } from '../event-store/event-store.port.js';
import { CommandContext } from '../shared/command-context.js';
import { Decider, DomainEvent } from '../shared/decider.js';
import { EventSchemaRegistry } from '../shared/event-schemas.js';
import { ClaimRefused, ClaimTakeOvers, decideNaming, executeCommand, loadState, type ClaimedValue, type CommandOutcome } from './execute-command.js';
import { FoldedStreams } from './folded-streams.js';
import { ProjectionEngine } from './projection-engine.js';
import { WriteGate } from './write-gate.js';
import { OneAtATime } from '../shared/one-at-a-time.js';
import { refusedForItsFormAlone } from '../shared/domain-error.js';

export interface ExecuteOptions {
  /**
   * Keep the stream's fold in this process and read only the rows appended since (FoldedStreams),
   * instead of reading and folding the whole stream per command: for streams that grow without
   * bound (an account's sign-ins; a 各单位 item's or a many-unit finding's facts, breaker12f P4). The
   * decider's `evolve` and `decide` must return new states, never change the one they are given.
   */
  readonly reuseFold?: boolean;
}

/** The position before the first event: read models of an empty log judged there. */
const NO_POSITION: Position = { commit: 0n, prepare: 0n };

/**
 * How many times a command bound by a near-value rule is judged again because other values of its
 * scope were recorded meanwhile (`UniqueClaim.judgedAt`): each round, another request's value went
 * in, so a request waits at most behind every other request of the scope in flight. 20 was exhausted by 64
 * connections recording in one evaluation at once (the bench's row 2: 40 of 89 refused CONFLICT on a loaded
 * 2-core machine); 256 rounds outlast any burst a server's connections make, and still bound the loop.
 */
const SCOPE_MOVED_ATTEMPTS = 256;

/**
 * The write path inside the server: a command returns once read models have its events. Each runs
 * as one of the process's ordinary writes (`WriteGate.shared`): a reorganisation's scan never falls
 * between its decision and its events reaching the read models (breaker9f P6).
 */
@Injectable()
export class CommandExecutor {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly schemas: EventSchemaRegistry,
    private readonly projections: ProjectionEngine,
    private readonly gate: WriteGate,
  ) {}

  /**
   * Streams whose fold is kept between commands (`reuseFold`): those that grow without bound in
   * ordinary use — an account's sessions (breaker12e P3) — are read only from where the last command
   * left them. See FoldedStreams (its decider's states must be immutable).
   */
  private readonly folded = new FoldedStreams();

  /**
   * Commands bound by a near-value rule, one at a time per scope (an evaluation's finding titles, the
   * units directory's names…): each is judged on read models that hold every value of its scope this
   * process recorded before it, so it is judged once. Judged together, all but one of a burst were
   * refused `scopeMoved` by the store and judged again, round after round: 64 connections recording
   * in one evaluation went in at 18 a second, p50 1.2 s (bench row 2, this machine, load 2), against
   * 763/s before the near claims. Another process writing the store is still caught by `judgedAt`.
   */
  private readonly nearScopes = new OneAtATime();

  /**
   * Folds a stream into a decider's state, for handlers that need facts from another stream, or a
   * stream's state before they decide (`reuseFold`: as `execute`'s option).
   */
  load<State, Event extends DomainEvent>(
    streamId: string,
    decider: Pick<Decider<unknown, State, Event>, 'initialState' | 'evolve'>,
    options: ExecuteOptions = {},
  ): Promise<State> {
    return loadState(this.store, this.schemas, streamId, decider, options.reuseFold ? this.folded : undefined);
  }

  async execute<Command, State, Event extends DomainEvent>(
    streamId: string,
    decider: Decider<Command, State, Event>,
    command: Command,
    context: CommandContext,
    options: ExecuteOptions = {},
  ): Promise<CommandOutcome<Event>> {
    // While a reorganisation holds the writes, input bad on any state is refused now, not after it (breaker56-10 S3).
    if (this.gate.holdsOrdinaryWrites) await this.refuseBadFormNow(streamId, decider, command, context, options);
    return this.gate.shared(async () => {
      const folded = options.reuseFold ? this.folded : undefined;
      const outcome = await executeCommand(this.store, this.schemas, streamId, decider, command, context, undefined, [], folded);
      if (outcome.position) await this.projections.waitFor(outcome.position);
      return outcome;
    });
  }

  /**
   * Decides the command on the records as they stand (`decideOnly`) and throws its refusal when it is one of the command's
   * input alone (`badForm`: a blank required text, a date that is no day, evidence without a title or a link / 文号), which
   * any state would give: a request with such input is told at once instead of waiting for its write's turn behind a merge
   * (breaker56-10 S3: 36 s). Any other outcome is left to `execute`'s decision at its turn, on the records then.
   */
  private async refuseBadFormNow<Command, State, Event extends DomainEvent>(
    streamId: string,
    decider: Decider<Command, State, Event>,
    command: Command,
    context: CommandContext,
    options: ExecuteOptions,
  ): Promise<void> {
    try {
      await this.decideOnly(streamId, decider, command, context, options);
    } catch (error) {
      if (refusedForItsFormAlone(error)) throw error;
    }
  }

  /**
   * What `execute` would decide, appending nothing: the stream folded as `execute` folds it (`reuseFold` likewise), then
   * `decide` — its events, or the refusal it throws (a DomainError, worded as `execute`'s would be). For a form that asks
   * before confirming whether the server will take a command (`retractionCheck`, breaker52-8 M1). Read only: no request key is
   * spent, no write waited for.
   */
  async decideOnly<Command, State, Event extends DomainEvent>(
    streamId: string,
    decider: Decider<Command, State, Event>,
    command: Command,
    context: CommandContext,
    options: ExecuteOptions = {},
  ): Promise<readonly Event[]> {
    const state = await this.load(streamId, decider, options);
    return decideNaming(this.store, streamId, () => decider.decide(command, state), context);
  }

  /**
   * `execute` for a command bound by an "only once" rule (a finding's title within its evaluation,
   * a unit's name…): `build` makes the command from the read models, and the `claims`
   * are taken in the store with its events (`UniqueClaim`), so of racing requests exactly one
   * takes a value (breaker12 P10). When the store says another stream holds a value, the read
   * models are caught up to the store's head and the command built and decided again: the rule
   * then refuses in its own words (`decide` sees the holder), or — the holder gave the value up
   * (a finding withdrawn, a unit renamed) — the value is taken over from that holder only, and only
   * if its stream has not moved since the refusal (else judged again: breaker11m P1). A value
   * whose holder has no events yet (EventStoreDB, see the port) is `ClaimRefused`, CONFLICT.
   */
  async executeClaiming<Command, State, Event extends DomainEvent>(
    streamId: string,
    decider: Decider<Command, State, Event>,
    build: () => Command | Promise<Command>,
    claims: readonly ClaimedValue[],
    context: CommandContext,
  ): Promise<CommandOutcome<Event>> {
    const nearScopes = claims.filter((claim) => claim.nearRule).map((claim) => claim.scope);
    return this.nearScopes.runHolding(nearScopes, () => this.gate.shared(() => this.claiming(streamId, decider, build, claims, context)));
  }

  private async claiming<Command, State, Event extends DomainEvent>(
    streamId: string,
    decider: Decider<Command, State, Event>,
    build: () => Command | Promise<Command>,
    claims: readonly ClaimedValue[],
    context: CommandContext,
  ): Promise<CommandOutcome<Event>> {
    // The holders met, and their streams' revisions when the store refused (read before the catch-up below).
    const takeOvers = new ClaimTakeOvers();
    let scopeMoves = 0;
    for (let attempt = 1; ; attempt += 1) {
      // Read before the read models are asked: they reflect at least this much of the log while the command is built.
      const judgedAt = this.projections.position ?? NO_POSITION;
      const command = await build();
      const taking = takeOvers.applied(claims).map((claim) => (claim.nearRule ? { ...claim, judgedAt } : claim));
      try {
        const outcome = await executeCommand(this.store, this.schemas, streamId, decider, command, context, undefined, taking);
        if (outcome.position) await this.projections.waitFor(outcome.position);
        return outcome;
      } catch (error) {
        if (error instanceof ClaimRefused && error.taken.scopeMoved && scopeMoves < SCOPE_MOVED_ATTEMPTS) {
          // Another value of the scope came after the read models were asked (breaker9x P2): judged again on read models that
          // have it — the near-value rule then asks (是否同一问题) or finds the two apart. Each round another request recorded.
          scopeMoves += 1;
          attempt -= 1;
          const head = await this.store.headPosition();
          if (head) await this.projections.waitFor(head);
          continue;
        }
        // Judged again on read models caught up past the holder's last move; a few rounds at most.
        if (!(error instanceof ClaimRefused) || error.inFlight || attempt >= 5 || !takeOvers.noted(error)) throw error;
        const head = await this.store.headPosition();
        if (head) await this.projections.waitFor(head);
      }
    }
  }
}
