import { randomBytes } from 'node:crypto';
import type { EventToAppend } from './event-store.port.js';

/*
 * breaker42-9 F1, F5 (issue 9, "nothing silently started over"): which running copy of the store wrote a row is said by
 * the row itself. Each process that appends (a server, a tool) takes a fresh writer id, records it in its store witness
 * — beside the data and beside the key, durably — before its first append, and stamps every event it appends with it
 * (`EventMetadata.writerId`). A training copy run on a copy of the keys folder, or killed within a second of its writes,
 * leaves rows under an id that the witnesses of the copy they are taken back to never recorded (`findOtherCopyWrites`).
 */

/** How many writer ids a witness keeps (`StoreWitness.writers`): ample for the processes that can have written past its head. */
export const WRITERS_KEPT = 64;

/** A fresh writer id: 16 hex digits (64 random bits), one per process that appends. */
export const newWriterId = (): string => randomBytes(8).toString('hex');

/** Whether a value reads as a writer id (as `newWriterId` makes them). */
export const isWriterId = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f]{16}$/.test(value);

/** The events as the store appends them: each stamped with the writer id (any id the caller put there replaced). */
export function stampedBy(events: readonly EventToAppend[], writerId: string | null): readonly EventToAppend[] {
  if (writerId === null) return events;
  return events.map((event) => ({ ...event, metadata: { ...event.metadata, writerId } }));
}

/**
 * The writer ids to keep, oldest first, without repeats: `known` then `added`, the oldest dropped past `WRITERS_KEPT`
 * — never `mine` (this process's own, kept last).
 */
export function keptWriters(known: readonly string[], added: readonly string[], mine: string | null = null): string[] {
  const all = [...new Set([...known, ...added].filter((id) => id !== mine && isWriterId(id)))];
  const room = mine === null ? WRITERS_KEPT : WRITERS_KEPT - 1;
  return [...all.slice(Math.max(0, all.length - room)), ...(mine === null ? [] : [mine])];
}
