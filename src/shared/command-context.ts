import { ActorRole } from '../event-store/event-store.port.js';
import { officeDate } from './calendar-date.js';
import { deterministicId, requestDigests, type OtherDayDigests } from './ids.js';
import { OFFICE_DAY_DEFAULTS } from './office-day-defaults.js';

export interface Actor {
  readonly id: string;
  readonly role: ActorRole;
  readonly unitId: string | null;
}

/** Everything about a command that is not its payload: who, when, and how to recognise a retry. */
export interface CommandContext {
  readonly actor: Actor;
  /** Same actor + command type + idempotency key ⇒ same command id ⇒ a retry, not a new command. */
  readonly commandId: string;
  /**
   * The idempotency key scoped to its caller (same actor + same key, whatever the command type):
   * the request index's key. One key names one request, whatever record it touches.
   */
  readonly requestKey: string;
  readonly correlationId: string;
  /** ISO-8601 instant; the domain never reads the clock itself. */
  readonly now: string;
  /**
   * What the request asked, digested (without its idempotency key): a retry must ask the same.
   * Absent for commands from the command line and the demo, whose keys are derived from content.
   * For a command with fields defaulting to the office day (OFFICE_DAY_DEFAULTS), `<hex>@<day>`.
   */
  readonly requestDigest?: string;
  /** For such a command: how the request digests on other office days, to recognise its retry on a later day. */
  readonly requestDigestOnOtherDays?: OtherDayDigests;
  /** For a command of a batch (`contextInBatch`): the command id of the request it runs for (an import's), kept in its events' metadata. */
  readonly batchCommandId?: string;
}

export function commandContext(options: {
  actor: Actor;
  commandType: string;
  idempotencyKey: string;
  now: Date;
  correlationId?: string;
  /** The command id of the request a batch command runs for (see `CommandContext.batchCommandId`). */
  batchCommandId?: string;
  /** The request's fields; the idempotency key among them is left out of the digest. */
  request?: Readonly<Record<string, unknown>>;
}): CommandContext {
  const commandId = deterministicId('command', options.actor.id, options.commandType, options.idempotencyKey);
  const digests = options.request
    ? requestDigests({ ...options.request, idempotencyKey: undefined }, OFFICE_DAY_DEFAULTS[options.commandType], officeDate(options.now.toISOString()))
    : null;
  return {
    actor: options.actor,
    commandId,
    requestKey: deterministicId('request', options.actor.id, options.idempotencyKey),
    correlationId: options.correlationId ?? commandId,
    now: options.now.toISOString(),
    ...(digests ? { requestDigest: digests.digest } : {}),
    ...(digests?.otherDays ? { requestDigestOnOtherDays: digests.otherDays } : {}),
    ...(options.batchCommandId ? { batchCommandId: options.batchCommandId } : {}),
  };
}
