import { ActorRole } from '../event-store/event-store.port.js';
import { deterministicId } from './ids.js';

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
  readonly correlationId: string;
  /** ISO-8601 instant; the domain never reads the clock itself. */
  readonly now: string;
}

export function commandContext(options: {
  actor: Actor;
  commandType: string;
  idempotencyKey: string;
  now: Date;
  correlationId?: string;
}): CommandContext {
  const commandId = deterministicId('command', options.actor.id, options.commandType, options.idempotencyKey);
  return {
    actor: options.actor,
    commandId,
    correlationId: options.correlationId ?? commandId,
    now: options.now.toISOString(),
  };
}
