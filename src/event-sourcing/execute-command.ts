import { isDeepStrictEqual } from 'node:util';
import {
  ClaimTakenError,
  ConcurrencyError,
  RequestKeyConflictError,
  sameRequest,
  type EventStore,
  type EventToAppend,
  type Position,
  type RequestRecord,
  type UniqueClaim,
} from '../event-store/event-store.port.js';
import type { CommandContext } from '../shared/command-context.js';
import { fold, type Decider, type DomainEvent } from '../shared/decider.js';
import type { EventSchemaRegistry } from '../shared/event-schemas.js';
import { ChangedMeanwhile, DomainError, say } from '../shared/domain-error.js';
import { namedChange } from './changed-meanwhile.js';
import { deterministicId, sameDigest } from '../shared/ids.js';
import { foldWholeStream, type FoldedStreams } from './folded-streams.js';

export interface CommandOutcome<Event extends DomainEvent> {
  readonly streamId: string;
  /** The events this command produced (for a retried command: none, it was handled before). */
  readonly events: readonly Event[];
  readonly retried: boolean;
  /** Position of the command's last event in the log; null when it decided nothing. */
  readonly position: Position | null;
}

/** Folds a stream into a decider's state (`folded`: from the fold kept of it, reading only the rows appended since). */
export async function loadState<State, Event extends DomainEvent>(
  store: EventStore,
  schemas: EventSchemaRegistry,
  streamId: string,
  decider: Pick<Decider<unknown, State, Event>, 'initialState' | 'evolve'>,
  folded?: FoldedStreams,
): Promise<State> {
  if (folded) return (await folded.read(store, schemas, streamId, decider)).state;
  const history = await store.readStream(streamId);
  return fold(decider, history.map((stored) => schemas.upcast<Event>(stored)));
}

/**
 * A key reused for another request: the request first sent under it was handled — in a form, the
 * press whose answer was lost (a proxy's 502, a dropped connection) — and this one, with other
 * content, was not. Said in the office's words (breaker9e P1: the form was edited after a 502 and
 * pressed again), with `reason: REQUEST_KEY_REUSED`, so the web form keeps its key: pressing again
 * says the same, and never records the edited content as a second record. `handledStreamId` names
 * the stream the handled request wrote to, so the form can open the record it made (breaker11i P8:
 * the refusal named no record, and advised a correction findings and evaluations do not have).
 */
export const keyReused = (handledStreamId: string) => keyReusedOn(handledStreamId, howToChange(handledStreamId));

const keyReusedOn = (handledStreamId: string, change: string) =>
  new DomainError(
    'CONFLICT',
    say(
      'This idempotency key was already used for a different request. Use a new key for a new request.',
      `此前用同一次提交发出的请求已经办理（例如未收到答复的那一次），这次的内容与那次不同，没有办理。按那次的内容再次提交即可看到办理结果，不会重复办理；${change}`,
    ),
    { reason: 'REQUEST_KEY_REUSED', handledStreamId },
  );

/**
 * How to change what the handled request recorded, for the kind of record its stream holds (newcomer45-9 M6: a unit's
 * registration was told to withdraw 「问题的标题」). The longer prefix first (work-plan-item- before work-plan-).
 */
const CHANGE_BY_STREAM: readonly (readonly [prefix: string, zh: string])[] = [
  // Any request on a finding, not only its recording: a second 催办 is simply sent anew, never by withdrawing the finding (newcomer52-9 M9).
  ['finding-', '如这次是另一次办理（如再次催办、另一份报告），请重新打开表单提交；如需改动已办理的内容，请打开该问题更正（问题的标题等登记内容录错时，可将该问题撤销（录入错误）后重新登记）。'],
  ['work-plan-item-', '如需改动，请打开已办理的事项更正。'],
  ['unit-', '如需改动，请在单位名录中打开已登记的该单位修改（名称用「更名」，登记日期用「更正登记日期」）。'],
  ['user-', '如需改动，请在用户管理中打开该账号修改。'],
];

function howToChange(streamId: string): string {
  return CHANGE_BY_STREAM.find(([prefix]) => streamId.startsWith(prefix))?.[1] ?? '如需改动，请打开已办理的记录更正。';
}

/**
 * A value a command takes that only one stream may hold (`UniqueClaim`), with what a refusal says
 * of it: `field`, the input field it came from, and `label`, the value as the office typed it (the
 * claim's `value` is normalised).
 */
export interface ClaimedValue extends UniqueClaim {
  readonly field: string;
  readonly label: string;
  /**
   * The rule also refuses values near this one, judged on the read models (是否同一问题: a title a
   * character or two apart; 是否同一单位: 市审计局 beside 青川市审计局): `CommandExecutor.executeClaiming`
   * sends the position they were judged at (`UniqueClaim.judgedAt`), and judges again when the store
   * says another value of the scope came after it (breaker9x P2).
   */
  readonly nearRule?: true;
}

/**
 * The store refused a claim (`ClaimTakenError`): another request took the value since the read
 * models were asked — a race the read-model check alone let through (breaker12 P10). CONFLICT, on
 * the claim's field, naming the stream that holds the value. `CommandExecutor.executeClaiming`
 * catches it to decide again on read models that have caught up, which refuse in the rule's own
 * words (or find the holder gave the value up and take it over); every other path (imports, tools)
 * answers it as it is: sending again finds the value recorded.
 */
export class ClaimRefused extends DomainError {
  constructor(
    readonly taken: ClaimTakenError,
    readonly claim: ClaimedValue,
    /** The holder's events since its claim have not come (EventStoreDB: its claim was taken, its events not yet appended, or never after a crash). */
    readonly inFlight = false,
  ) {
    super(
      'CONFLICT',
      inFlight
        ? say(
            `Another request is recording 「${claim.label}」 right now; it is recorded once. Look again in a moment; if it never appears, send that request again.`,
            `另一请求正在登记「${claim.label}」，同一内容只登记一次。请稍后刷新查看；如始终未出现，请重新提交那一请求。`,
          )
        : say(
            `Another request has just recorded 「${claim.label}」; it is recorded once. Refresh to see it.`,
            `另一请求刚刚登记了「${claim.label}」，同一内容只登记一次。请刷新后查看。`,
          ),
      { field: claim.field, heldBy: taken.holder },
    );
  }
}

/**
 * The values a command is to take over from the stream holding them, learned round by round from the
 * store's refusals (`ClaimRefused`): the holder met and its revision when refused. The server's
 * `CommandExecutor` and the `user:create` tool judge a refused claim again on the log as it is now —
 * refused in the rule's own words, or the value taken over from that holder alone, and only if its
 * stream has not moved since (breaker11m P1: a finding withdrawn may have come back).
 */
export class ClaimTakeOvers {
  private readonly byValue = new Map<string, { readonly holder: string; readonly at: number | null | undefined }>();

  private static key(claim: { readonly scope: string; readonly value: string }): string {
    return `${claim.scope}\u0000${claim.value}`;
  }

  /** `claims` as the next round takes them: each value refused before taken over from its holder as it stood. */
  applied<Claim extends ClaimedValue>(claims: readonly Claim[]): Claim[] {
    return claims.map((claim) => {
      const from = this.byValue.get(ClaimTakeOvers.key(claim));
      return from ? { ...claim, takeOverFrom: from.holder, ...(from.at !== undefined ? { takeOverAt: from.at } : {}) } : claim;
    });
  }

  /**
   * Notes a refusal for the next round. False when it is no use: the value was already being taken
   * over from this holder as it stood, and still refused (another request took it over first) — the
   * caller answers the refusal as it is.
   */
  noted(refusal: ClaimRefused): boolean {
    const { taken } = refusal;
    const tried = this.byValue.get(ClaimTakeOvers.key(taken));
    if (tried && tried.holder === taken.holder && (tried.at === undefined || tried.at === taken.holderRevision)) return false;
    this.byValue.set(ClaimTakeOvers.key(taken), { holder: taken.holder, at: taken.holderRevision });
    return true;
  }
}

/** The request index row a context asks for: its caller-scoped key, command id and digest. */
export const requestOf = (context: CommandContext): RequestRecord => ({
  key: context.requestKey,
  commandId: context.commandId,
  digest: context.requestDigest ?? null,
  ...(context.requestDigestOnOtherDays ? { otherDays: context.requestDigestOnOtherDays } : {}),
});

/**
 * Refuses with CONFLICT a request whose key the index already holds for another request (another
 * command, or the same command asking something else); resolves with what the index holds, or null.
 */
export async function refuseReusedKey(store: EventStore, request: RequestRecord) {
  const recorded = await store.findRequest(request.key);
  if (recorded && !sameRequest(recorded, request)) throw keyReused(recorded.streamId);
  return recorded;
}

/** `EventStore.reserveRequest`, with a key taken by another request refused as CONFLICT. */
export async function reserveKey(store: EventStore, streamId: string, request: RequestRecord): Promise<void> {
  try {
    await store.reserveRequest(streamId, request);
  } catch (error) {
    if (error instanceof RequestKeyConflictError) throw keyReused(error.stored.streamId);
    throw error;
  }
}

/**
 * A command's decided events as the store appends them: ids derived from the command and the
 * stream (a retry appends the same ids), the current schema version, and who, when and why.
 */
export function eventsToAppend(schemas: EventSchemaRegistry, streamId: string, events: readonly DomainEvent[], context: CommandContext): EventToAppend[] {
  return events.map((event, index) => ({
    id: deterministicId('event', context.commandId, streamId, String(index)),
    type: event.type,
    schemaVersion: schemas.versionToWrite(event.type, event.data as Record<string, unknown>),
    data: event.data as Record<string, unknown>,
    metadata: {
      actorId: context.actor.id,
      actorRole: context.actor.role,
      actorUnitId: context.actor.unitId,
      commandId: context.commandId,
      correlationId: context.correlationId,
      causationId: context.commandId,
      recordedAt: context.now,
      ...(context.requestDigest ? { requestDigest: context.requestDigest } : {}),
      ...(context.batchCommandId ? { batchCommandId: context.batchCommandId } : {}),
    },
  }));
}

/**
 * A claim the store refused (`ClaimTakenError`) as the command's refusal (`ClaimRefused`), naming the
 * claim as the command made it; `inFlight` when the holder has no events yet.
 */
export async function claimRefusal(store: EventStore, error: ClaimTakenError, claims: readonly ClaimedValue[]): Promise<ClaimRefused> {
  const claim = claims.find((candidate) => candidate.scope === error.scope && candidate.value === error.value) ?? { scope: error.scope, value: error.value, field: 'input', label: error.value };
  return new ClaimRefused(error, claim, error.inFlight ?? (await store.readStream(error.holder)).length === 0);
}

/**
 * How many times a command is decided when other requests keep appending to its stream between its
 * read and its append (breaker12f P8: every unit's part of a 各单位 item is on the item's one stream,
 * and 20 urgings of 20 units at once refused 8 of them CONFLICT). Decided again on the stream as it
 * then is, a command is recorded when it decides the very same events — what came between does not
 * concern it (another unit's part) — refused in the rule's own words when it may no longer be done
 * (`decide` throws), and refused CONFLICT (`ConcurrencyError`, 记录已被他人同时修改) when it would now
 * record something else: the person decided on what they saw, and must see what changed.
 */
export const OVERTAKEN_ATTEMPTS = 8;

/**
 * The whole write path, shared by the server and the command-line tools: load the stream, fold
 * it, decide, append with the expected revision (overtaken by another append: decided again,
 * OVERTAKEN_ATTEMPTS). The request index answers a retried request
 * (same caller, key, command and content: nothing appended, the first result's position) and
 * refuses a key reused for another request with CONFLICT, whatever stream either touches; the
 * store checks it again atomically with the append, so two processes racing one key cannot both
 * win. Commands stored before the index existed are recognised by their command id in the stream.
 */
export async function executeCommand<Command, State, Event extends DomainEvent>(
  store: EventStore,
  schemas: EventSchemaRegistry,
  streamId: string,
  decider: Decider<Command, State, Event>,
  command: Command,
  context: CommandContext,
  /**
   * The request the append records in the index instead of the context's own: a batch records its
   * outer request (an import's key and digest) with the first command that appends.
   */
  request: RequestRecord = requestOf(context),
  /** Values the command takes that only one stream may hold, taken atomically with its events: one taken by another stream is `ClaimRefused`. */
  claims: readonly ClaimedValue[] = [],
  /** Where the stream's fold is kept between commands (the server's long streams): only the rows appended since are read. */
  folded?: FoldedStreams,
): Promise<CommandOutcome<Event>> {
  const recorded = await refuseReusedKey(store, request);
  if (recorded?.position) return { streamId: recorded.streamId, events: [], retried: true, position: recorded.position };
  if (recorded?.appendedNothing) return { streamId: recorded.streamId, events: [], retried: true, position: null };

  // Decided again when another request appended to the stream between the read and the append: see OVERTAKEN_ATTEMPTS.
  let overtaken: { readonly error: ConcurrencyError; readonly decided: readonly Event[] } | null = null;
  for (let attempt = 1; ; attempt += 1) {
    const stream = folded ? await folded.read(store, schemas, streamId, decider) : await foldWholeStream(store, schemas, streamId, decider);
    const earlier = stream.earlier(context.commandId);
    if (earlier) {
      const first = earlier.requestDigest;
      if (first && context.requestDigest && !sameDigest(first, requestOf(context))) throw keyReused(streamId);
      return { streamId, events: [], retried: true, position: earlier.position };
    }

    const events = await decideNaming(store, streamId, () => decider.decide(command, stream.state), context);
    if (overtaken && !isDeepStrictEqual(events, overtaken.decided)) throw overtaken.error;
    if (events.length === 0) {
      // Nothing to record, but the key is spent on this request all the same: reusing it for
      // another request is a CONFLICT, whatever this one decided. Only the command's own request:
      // a batch's request belongs to the batch (see executeBatch), and keys of the command line and
      // the demo (no digest) derive from their content.
      if (request.digest !== null && request.commandId === context.commandId) await reserveKey(store, streamId, request);
      return { streamId, events, retried: false, position: null };
    }

    const toAppend = eventsToAppend(schemas, streamId, events, context);
    const expectedRevision = stream.revision === null ? 'no_stream' : stream.revision;
    try {
      const result = await store.appendToStream(streamId, toAppend, { expectedRevision, request, ...(claims.length > 0 ? { claims } : {}) });
      if (result.alreadyRecorded) return { streamId, events: [], retried: true, position: result.position };
      const last = { id: toAppend[toAppend.length - 1]!.id, revision: result.nextRevision, position: result.position };
      folded?.appended(streamId, decider, stream, events, last, { commandId: context.commandId, requestDigest: context.requestDigest });
      return { streamId, events, retried: false, position: result.position };
    } catch (error) {
      if (error instanceof RequestKeyConflictError) throw keyReused(error.stored.streamId);
      if (error instanceof ClaimTakenError) throw await claimRefusal(store, error, claims);
      if (!(error instanceof ConcurrencyError) || attempt >= OVERTAKEN_ATTEMPTS) throw error;
      overtaken = { error, decided: events };
    }
  }
}

/**
 * `decide`'s events; a refusal of a change made meanwhile (ChangedMeanwhile: a value the form showed set since, a step a
 * colleague took a moment before) is thrown worded with who made that change and when (namedChange) — the one place such races
 * are worded, whichever command and whether the two requests met in the store (decided again) or one came seconds later; a batch's
 * commands (executeBatch: an import-date correction with its approval day) decide through it too.
 */
export async function decideNaming<Events>(store: EventStore, streamId: string, decide: () => Events, context: CommandContext): Promise<Events> {
  try {
    return decide();
  } catch (error) {
    if (error instanceof ChangedMeanwhile) throw await namedChange(store, streamId, error, context.actor.id);
    throw error;
  }
}
